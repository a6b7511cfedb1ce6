/* Status of a claim (asserted, reported, demanded, denied) and the
 * conditions under which a trigger states no claim at all. */
#include "enricher/claims_ctx.h"

#include <stdio.h>
#include <stdlib.h>

int claims_in_clause_left(const struct claims_ctx *c, size_t s0, size_t i, size_t max, uint32_t cls)
{
	for (size_t j = i, k = 0; j-- > s0 && k < max; k++) {
		if (is_punct(c, j, ',') || is_punct(c, j, ';') || is_punct(c, j, ':'))
			return 0;
		if (c->cls[j] & cls)
			return 1;
	}
	return 0;
}
/* Negation of the trigger itself: "did not annex", "will never recognise". */
int claims_negated(const struct claims_ctx *c, size_t s0, size_t i)
{
	for (size_t j = i, k = 0; j-- > s0 && k < 5; k++) {
		if (c->cls[j] & CW_NEG)
			return 1;
		if (!(c->cls[j] & (CW_BE | CW_AUX | CW_MODAL | CW_ADV)))
			return 0;
	}
	return 0;
}
/* "if Russian forces have taken": no claim. */
int claims_conditional(const struct claims_ctx *c, size_t s0, size_t i)
{
	for (size_t j = i, k = 0; j-- > s0 && k < 30; k++) {
		if (is_punct(c, j, ',') || is_punct(c, j, ';') || is_punct(c, j, ':'))
			return 0;
		if (c->cls[j] & CW_COND)
			return 1;
	}
	return 0;
}
/* A future or intended act ("will seize", "plans to annex"). */
int claims_hypothetical(const struct claims_ctx *c, size_t s0, size_t i)
{
	/* "vowed to retake", "an offensive to retake": a purpose, not an act;
	 * but "are reported to have taken", "managed to retake" */
	/* "barred from entering", "to prevent X from advancing into" */
	if (i > s0 && word_is(c, i - 1, "from"))
		return 1;
	if (i > s0 && word_is(c, i - 1, "to")) {
		if (claims_in_clause_left(c, s0, i - 1, 3, CW_INTENT))
			return 1;
		if (!claims_in_clause_left(c, s0, i - 1, 3, CW_REPORT | CW_DONE))
			return 1;
	}
	for (size_t j = i, k = 0; j-- > s0 && k < 8; k++) {
		if (is_sep(c, j) || (c->cls[j] & (CW_BOUND | CW_REL)))
			return 0;
		if (c->cls[j] & CW_MODAL)
			return 1;
	}
	return 0;
}
int claims_copula_left(const struct claims_ctx *c, size_t s0, size_t i)
{
	/* "as part of a plan" is no claim; "regards Taiwan as part of China" is */
	int as = i > s0 && word_is(c, i - 1, "as");
	size_t from = as ? i - 1 : i;
	for (size_t j = from, k = 0; j-- > s0 && k < 4; k++) {
		if ((c->cls[j] & CW_COP) && !(as && (c->cls[j] & CW_BE)))
			return 1;
		if (!c->w[j])
			return 0;
	}
	return 0;
}
/* Status of a verb or state trigger from its clause. */
int claims_clause_status(const struct claims_ctx *c, size_t s0, size_t i, const struct claims_trigger *tr)
{
	if ((tr->flags & CT_NEG) || claims_negated(c, s0, i))
		return CLAIM_DENIED;
	if (tr->kind == CLAIM_RECOGNITION && claims_in_clause_left(c, s0, i, 6, CW_DENY))
		return CLAIM_DENIED;
	if (claims_in_clause_left(c, s0, i, 8, CW_DEMAND))
		return CLAIM_DEMANDED;
	for (size_t j = i, k = 0; j-- > s0 && k < 14; k++)
		if ((c->cls[j] & CW_REPORT) && !c->in_trig[j])
			return CLAIM_REPORTED;
	return CLAIM_ASSERTED;
}
/* "a possible invasion of X", "an offensive in X would ...": not an act. */
int claims_noun_hypothetical(const struct claims_ctx *c, const struct claims_sent *si, size_t i, size_t e)
{
	for (size_t j = i, k = 0; j-- > si->s0 && k < 3; k++)
		if (c->cls[j] & CW_HYPO)
			return 1;
	for (size_t j = e, k = 0; j < si->s1 && k < 8; j++, k++) {
		if (is_sep(c, j) || (c->cls[j] & (CW_BOUND | CW_REL)))
			return 0;
		if (c->cls[j] & CW_MODAL)
			return 1;
	}
	return 0;
}
/* "units of the country's forces were already in X": an entry by troops. */
int claims_forces_in(const struct claims_ctx *c, size_t s0, size_t s1, size_t i, size_t *obj)
{
	if (!(c->cls[i] & CW_BE) || i == s0 || !(c->cls[i - 1] & CW_MIL))
		return 0;
	size_t j = i + 1;
	while (j < s1 && j < i + 3 && (c->cls[j] & CW_ADV))
		j++;
	if (j >= s1 || !(c->cls[j] & CW_IN))
		return 0;
	*obj = j + 1;
	return 1;
}
