/* Territories of claims: the places a trigger governs, lists, possessives,
 * appositions, and the place an unnamed one ("the city") refers to. */
#include "enricher/claims_ctx.h"

#include <stdio.h>
#include <stdlib.h>

/* Territory from a LOCATION mention at token i. */
void claims_terr_of_entity(const struct claims_ctx *c, int e, struct claims_terr *t)
{
	const struct entity *en = &c->el->ent[e];
	int country = en->code && strlen(en->code) == 2 && !strchr(en->code, '-');
	t->name = country ? claims_country_display(c, e) : en->name;
	t->ent = e;
	t->code = en->code;
	t->country = en->country;
}
static int terr_dup(const struct claims_terr *t, size_t n, const struct claims_terr *x)
{
	for (size_t k = 0; k < n; k++)
		if ((x->ent >= 0 && t[k].ent == x->ent) || !strcasecmp(t[k].name, x->name))
			return 1;
	return 0;
}
/* A MISC entity that is no nationality may be a place the tagger did not
 * know ("Nagorno-Karabakh"); nationalities and their plurals are not. */
static int misc_place(const struct claims_ctx *c, int e)
{
	const struct entity *en = &c->el->ent[e];
	if (en->type != NER_MISC || !en->name)
		return 0;
	char buf[128];
	size_t n = claims_norm(en->name, strlen(en->name), buf, sizeof buf);
	if (!n || !(en->name[0] >= 'A' && en->name[0] <= 'Z'))
		return 0;
	/* a place name of several parts, each capitalised: "Nagorno-Karabakh",
	 * "Second Thomas Shoal"; not "Muslim-majority", not "Second" */
	int parts = 1;
	for (const char *q = en->name; *q; q++) {
		if (*q != '-' && *q != ' ')
			continue;
		if (!(q[1] >= 'A' && q[1] <= 'Z'))
			return 0;
		parts++;
	}
	if (parts < 2)
		return 2; /* one word: a place only before a site ("the Norvik power plant") */
	const char *last = strrchr(buf, ' ');
	last = last ? last + 1 : buf;
	if (lexicon_get_folded(c->r->demonyms, buf, n) || lookup(c->r->demonyms, last) ||
	    claims_word_state(c, buf))
		return 0;
	/* "Russian-held", "pro-Kremlin": compounds of a nationality */
	const char *h = strchr(buf, '-');
	if (h) {
		char pre[64];
		size_t k = (size_t)(h - buf);
		if (k < sizeof pre) {
			memcpy(pre, buf, k);
			pre[k] = '\0';
			if (lookup(c->r->demonyms, pre) || claims_is_hyphen_negated(buf))
				return 0;
		}
	}
	return 1;
}
/* A LOCATION mention ending at or covering token j that is not the possessor
 * of what follows ("Russia's Belgorod region"). */
int claims_loc_at(const struct claims_ctx *c, size_t j, size_t *t0, size_t *t1)
{
	int e = entity_at(c, j);
	if (e < 0 || (ent_type(c, e) != NER_LOC && !misc_place(c, e)))
		return -1;
	mention_span(c, j, t0, t1);
	/* "the Premier League title": a MISC name modifying a noun is no place,
	 * unless the noun is a site there ("the Norvik gas pumping station") */
	if (ent_type(c, e) == NER_MISC) {
		int site = 0;
		for (size_t k = *t1; k < c->doc->ntok && k < *t1 + 4 && c->w[k]; k++)
			if (c->cls[k] & CW_SITE)
				site = 1;
		int modifies = *t1 < c->doc->ntok && c->w[*t1] && !c->cls[*t1] &&
			       !(c->doc->tok[*t1].flags & TEXT_F_UPPER);
		if (!site && (modifies || misc_place(c, e) == 2))
			return -1;
	}
	if (*t1 < c->doc->ntok && c->doc->tok[*t1].kind == TEXT_POSSESSIVE)
		return -2;
	if (c->w[*t0] && claims_is_hyphen_negated(c->w[*t0]))
		return -1;
	return e;
}
/* "Russian territory", "Chinese territories": the state as a territory. */
int claims_demonym_territory(struct claims_ctx *c, size_t j, size_t s1, struct claims_terr *t)
{
	if (j + 1 >= s1 || !(c->cls[j + 1] & CW_TERR) || !c->w[j])
		return 0;
	const char *s = lookup(c->r->demonyms, c->w[j]);
	if (!s || !*s)
		return 0;
	/* "the northern Syrian town of Afrin": the town is named after "of" */
	size_t t0, t1;
	if (j + 3 < s1 && word_is(c, j + 2, "of") && claims_loc_at(c, j + 3, &t0, &t1) >= 0)
		return 0;
	int e = claims_find_loc(c, s);
	if (e >= 0)
		claims_terr_of_entity(c, e, t);
	else
		*t = (struct claims_terr){ s, -1, NULL, NULL };
	return 1;
}
/* The nearest territory in the previous sentences: the last claim's when it
 * is recent, else the last LOCATION that is no country (for "the city"). */
int claims_terr_from_context(struct claims_ctx *c, uint32_t sent, int allow_country, size_t un,
			     struct claims_terr *t)
{
	uint32_t lo = sent > 3 ? sent - 3 : 0;
	size_t s0 = c->doc->sent[sent].tok;
	/* "the region" after a city was named: the place whose name ends in
	 * that noun ("Tigray region"), before the last claim's place */
	size_t nl = un != (size_t)-1 && c->w[un] ? strlen(c->w[un]) : 0;
	/* "the city": the nearest place that is no country (a town and its
	 * region often share the name: Kidal, Kherson) */
	int town = nl && (!strcmp(c->w[un], "city") || !strcmp(c->w[un], "town") ||
			  !strcmp(c->w[un], "capital") || !strcmp(c->w[un], "port") ||
			  !strcmp(c->w[un], "village"));
	for (size_t j = s0; nl && j-- > c->doc->sent[lo].tok;) {
		size_t t0, t1;
		int e = claims_loc_at(c, j, &t0, &t1);
		const char *n = e >= 0 ? c->el->ent[e].name : NULL;
		size_t len = n ? strlen(n) : 0;
		if ((n && len > nl + 1 && n[len - nl - 1] == ' ' && strcasecmp(n + len - nl, c->w[un]) == 0) ||
		    (n && town && c->el->ent[e].country &&
		     !(c->el->ent[e].code && strlen(c->el->ent[e].code) == 2))) {
			claims_terr_of_entity(c, e, t);
			return 1;
		}
	}
	if (c->have_last && sent - c->last_terr_sent <= 3) {
		*t = c->last_terr;
		return 1;
	}
	for (size_t j = s0; j-- > c->doc->sent[lo].tok;) {
		size_t t0, t1;
		int e = claims_loc_at(c, j, &t0, &t1);
		if (e >= 0 && (allow_country || !claims_loc_state(c, e))) {
			claims_terr_of_entity(c, e, t);
			return 1;
		}
		if (entity_at(c, j) >= 0) {
			mention_span(c, j, &t0, &t1);
			j = t0;
		}
	}
	return 0;
}
/* Nearest named LOCATION to token j in [s0, s1), for "11 settlements". */
int claims_terr_nearest(struct claims_ctx *c, size_t s0, size_t s1, size_t j, const struct claims_actor *ac,
			size_t na, struct claims_terr *t)
{
	/* within the clause of the unnamed place: not past "which", "that" or ";" */
	size_t lo = j, hi = j + 1;
	while (lo > s0 && j - lo < 30 && !(c->cls[lo - 1] & (CW_REL | CW_BOUND)) && !is_punct(c, lo - 1, ';'))
		lo--;
	while (hi < s1 && hi - j < 30 && !(c->cls[hi] & (CW_REL | CW_BOUND)) && !is_punct(c, hi, ';'))
		hi++;
	for (size_t d = 1; d < 30; d++) {
		for (int side = 0; side < 2; side++) {
			size_t k;
			if (side == 0) {
				if (j < lo + d)
					continue;
				k = j - d;
			} else {
				k = j + d;
				if (k >= hi)
					continue;
			}
			size_t t0, t1;
			int e = claims_loc_at(c, k, &t0, &t1);
			if (e < 0)
				continue;
			int isact = 0;
			for (size_t x = 0; x < na; x++)
				if (ac[x].ent == e || same_state(ac[x].name, c->el->ent[e].name))
					isact = 1;
			if (isact || claims_loc_state(c, e))
				continue;
			claims_terr_of_entity(c, e, t);
			return 1;
		}
	}
	return 0;
}
/* Expands a list leftwards from the territory starting at token t0. */
size_t claims_list_left(struct claims_ctx *c, size_t s0, size_t t0, struct claims_terr *t, size_t n)
{
	size_t p = t0;
	while (n < CLAIMS_MAX_T && p >= s0 + 2) {
		size_t q = p - 1;
		if (!(word_is(c, q, "and") || word_is(c, q, "or") || is_punct(c, q, ',')))
			break;
		if (q > s0 && is_punct(c, q - 1, ','))
			q--;
		if (q == s0)
			break;
		size_t a0, a1;
		int e = claims_loc_at(c, q - 1, &a0, &a1);
		if (e < 0)
			break;
		struct claims_terr x;
		claims_terr_of_entity(c, e, &x);
		if (!terr_dup(t, n, &x))
			t[n++] = x;
		p = a0;
	}
	return n;
}
/* Token j is right where the object of a trigger ending at p goes: next to
 * it, or after "the city of". */
static int object_slot(const struct claims_ctx *c, const struct claims_sent *si, size_t p, size_t j)
{
	if (j == p)
		return 1;
	return j >= p + 3 && j - p <= 4 && word_is(c, j - 1, "of") && (c->cls[j - 2] & CW_TERR);
}
/* A PERSON entity never given a title: may be a mistagged place. */
static int untitled_person(const struct claims_ctx *c, int e)
{
	const struct entity *en = &c->el->ent[e];
	if (en->type != NER_PER || en->title)
		return 0;
	for (size_t k = 0; k < en->nmentions; k++)
		if (c->el->men[en->mentions[k]].from_title)
			return 0;
	return 1;
}
/* A one-word ORG name, no acronym, not a possessor: in the object slot of
 * "captured", a place the tagger read as an organisation ("captured Arvala"). */
static int bare_org(const struct claims_ctx *c, int e, size_t j)
{
	const struct entity *en = &c->el->ent[e];
	if (en->type != NER_ORG || !en->name || strchr(en->name, ' ') ||
	    (c->doc->tok[j].flags & TEXT_F_ALLCAPS))
		return 0;
	size_t t0, t1;
	mention_span(c, j, &t0, &t1);
	if (t1 < c->doc->ntok && c->doc->tok[t1].kind == TEXT_POSSESSIVE)
		return 0;
	/* "seized Gazprom assets": a name before a noun modifies it, unless an
	 * adjective trigger stands before ("Russian-occupied Melitopol queued") */
	if (!c->adj_trigger && t1 < c->doc->ntok && c->w[t1] && !c->cls[t1] &&
	    !(c->doc->tok[t1].flags & TEXT_F_UPPER))
		return 0;
	/* an institution ("the Kremlin") or a group acting elsewhere is no place */
	char buf[128];
	size_t n = claims_norm(en->name, strlen(en->name), buf, sizeof buf);
	return n && !lexicon_get_folded(c->r->actors, buf, n);
}

/* Territories governed on the right of token p: the object of a verb or
 * the complement of a nominalisation, with lists expanded. */
size_t claims_terr_right(struct claims_ctx *c, const struct claims_sent *si, size_t p, int embed, int near,
			 const struct claims_actor *ac, size_t na, struct claims_terr *t, size_t *unnamed_at,
			 size_t *poss_at, size_t *pron_at)
{
	size_t n = 0, steps = 0;
	*unnamed_at = *poss_at = *pron_at = (size_t)-1;
	for (size_t j = p; j < si->s1; j++) {
		size_t t0, t1;
		if (n == 0) {
			if (steps >= (near ? 6u : 12u))
				break;
			/* "the regional capital, Tskhinvali": an apposition goes on */
			if (is_punct(c, j, ',') && j > p && (c->cls[j - 1] & CW_TERR) && j + 1 < si->s1 &&
			    claims_loc_at(c, j + 1, &t0, &t1) >= 0)
				continue;
			if (is_punct(c, j, '.') || is_punct(c, j, ';') || is_punct(c, j, ',') ||
			    is_punct(c, j, '(') || c->doc->tok[j].kind == TEXT_QUOTE)
				break;
			if ((c->cls[j] & (CW_BOUND | CW_REL)) && j > p)
				break;
			if (j > p && si->trig_start[j - si->s0] && !embed)
				break;
			/* the object is a noun phrase: "captured soldiers in Arvala" names
			 * no captured place; "the city of X", "at least" go on */
			if (j > p && si->trig_start[j - si->s0] && embed) {
				/* "recognise Russia's annexation of X": the embedded
				 * claim's own object follows */
				near = 0;
				steps = 0;
			}
			if ((c->cls[j] & CW_PREP) && !word_is(c, j, "of") && !si->trig_in[j - si->s0] &&
			    !(word_is(c, j, "at") && j + 1 < si->s1 && word_is(c, j + 1, "least")))
				break;
			/* "claims Muslim-majority Kashmir", "controls most of the Donbas",
			 * but not "holds talks in Geneva" */
			if (near && c->w[j] && !(c->cls[j] & (CW_DET | CW_ADV | CW_POSS | CW_QUANT | CW_TERR | CW_PRON)) &&
			    !strchr(c->w[j], '-') && entity_at(c, j) < 0 &&
			    c->doc->tok[j].kind != TEXT_NUMBER)
				break;
			int e = claims_loc_at(c, j, &t0, &t1);
			if (e == -2) {
				/* "Ukraine's territory": the possessor is the place */
				if (t1 + 1 < si->s1 && (c->cls[t1 + 1] & CW_TERR) &&
				    !(c->doc->tok[t1 + 1].flags & TEXT_F_UPPER) && n < CLAIMS_MAX_T) {
					claims_terr_of_entity(c, entity_at(c, j), &t[n++]);
					j = t1 + 1;
					continue;
				}
				/* a possessor of the object: skip it and its 's */
				j = t1;
				steps++;
				continue;
			}
			if (e >= 0) {
				claims_terr_of_entity(c, e, &t[n]);
				n++;
				for (size_t k = t0; k < t1; k++)
					c->is_obj[k] = 1;
				j = t1 - 1;
				continue;
			}
			struct claims_terr x;
			if (claims_demonym_territory(c, j, si->s1, &x)) {
				t[n++] = x;
				j++;
				continue;
			}
			int oe = entity_at(c, j);
			if (oe >= 0 && object_slot(c, si, p, j) &&
			    (untitled_person(c, oe) || bare_org(c, oe, j))) {
				/* "taken control of Wad Madani": an unknown name the tagger
				 * called a person, standing where the place goes */
				mention_span(c, j, &t0, &t1);
				claims_terr_of_entity(c, oe, &t[n++]);
				j = t1 - 1;
				continue;
			}
			if (oe >= 0) {
				mention_span(c, j, &t0, &t1);
				j = t1 - 1;
				steps++;
				continue;
			}
			if (c->cls[j] & CW_TERR) {
				*unnamed_at = j;
				if (j > p && (c->cls[j - 1] & CW_POSS))
					*poss_at = j - 1;
			}
			if (j <= p + 1 && (c->cls[j] & CW_PRON) && *pron_at == (size_t)-1)
				*pron_at = j;
			steps++;
			continue;
		}
		/* after a territory: only a list goes on */
		if (word_is(c, j, "and") || word_is(c, j, "or") || is_punct(c, j, ',') ||
		    c->doc->tok[j].kind == TEXT_DASH) {
			size_t k = j + 1, hop = 0;
			int conj = word_is(c, j, "and") || word_is(c, j, "or");
			/* "Darfur and much of the capital Khartoum" */
			while (k < si->s1 && hop < 6 &&
			       (word_is(c, k, "and") || word_is(c, k, "or") || is_punct(c, k, ',') ||
				((c->cls[k] & (CW_DET | CW_QUANT)) && !word_is(c, k, "of")) ||
				(word_is(c, k, "of") && (c->cls[k - 1] & CW_QUANT)) ||
				/* "the port of Poti and the city of Gori"; not the
				 * apposition ", the capital of Gezira state" */
				(conj && word_is(c, k, "of") && (c->cls[k - 1] & CW_TERR) &&
				 !(c->doc->tok[k - 1].flags & TEXT_F_UPPER)) ||
				((c->cls[k] & CW_TERR) && !(c->doc->tok[k].flags & TEXT_F_UPPER))))
				k++, hop++;
			int e = k < si->s1 ? claims_loc_at(c, k, &t0, &t1) : -1;
			if (e < 0 || n >= CLAIMS_MAX_T)
				break;
			/* ", territory Israel captured in 1967": the subject of a
			 * clause, no item of the list */
			if (t1 < si->s1 && (si->trig_start[t1 - si->s0] ||
					    (c->cls[t1] & (CW_AUX | CW_BE | CW_MODAL))))
				break;
			struct claims_terr x;
			claims_terr_of_entity(c, e, &x);
			if (!terr_dup(t, n, &x))
				t[n++] = x;
			j = t1 - 1;
			continue;
		}
		if (c->cls[j] & CW_TERR && !(c->doc->tok[j].flags & TEXT_F_UPPER))
			continue; /* "Donetsk and Luhansk regions" */
		break;
	}
	(void)ac;
	(void)na;
	return n;
}
/* "the city", "this region" with no "of X": a place named before. */
int claims_definite_terr(const struct claims_ctx *c, const struct claims_sent *si, size_t j)
{
	if (j == si->s0 || !(word_is(c, j - 1, "the") || word_is(c, j - 1, "this") ||
			     word_is(c, j - 1, "that")))
		return 0;
	return !(j + 1 < si->s1 && word_is(c, j + 1, "of"));
}
/* Territory on the left of a passive or state trigger ("Crimea, annexed
 * by", "Arvala was part of"). Returns the count; *pron set when a pronoun
 * subject or an unnamed territory stands there. */
size_t claims_terr_left(struct claims_ctx *c, const struct claims_sent *si, size_t from, const struct claims_actor *ac,
			size_t na, struct claims_terr *t, int *pron, int *unnamed)
{
	*pron = *unnamed = 0;
	size_t lim = from > si->s0 + 20 ? from - 20 : si->s0;
	for (size_t j = from; j-- > lim;) {
		if (is_punct(c, j, ';') || c->doc->tok[j].kind == TEXT_QUOTE)
			break;
		size_t t0, t1;
		int e = claims_loc_at(c, j, &t0, &t1);
		/* "the attacks in Paris, which were claimed by": an adjunct place is
		 * no subject */
		if (e >= 0 && t0 > si->s0 &&
		    (word_is(c, t0 - 1, "in") || word_is(c, t0 - 1, "at") || word_is(c, t0 - 1, "near") ||
		     word_is(c, t0 - 1, "on") || word_is(c, t0 - 1, "from") || word_is(c, t0 - 1, "across")))
			e = -1;
		if (e >= 0) {
			int isact = 0;
			for (size_t x = 0; x < na; x++)
				if (ac[x].ent == e || same_state(ac[x].name, c->el->ent[e].name))
					isact = 1;
			if (!isact) {
				claims_terr_of_entity(c, e, &t[0]);
				return claims_list_left(c, si->s0, t0, t, 1);
			}
		}
		if (entity_at(c, j) >= 0) {
			mention_span(c, j, &t0, &t1);
			j = t0;
			continue;
		}
		if (from - j <= 4 && (c->cls[j] & CW_PRON) && !(c->cls[j] & CW_WE)) {
			*pron = 1;
			return 0;
		}
		if (c->cls[j] & CW_TERR) {
			*unnamed = 1;
			if (claims_definite_terr(c, si, j)) {
				*unnamed = 2;
				return 0;
			}
		}
		if (word_is(c, j, "that") && !*unnamed)
			break;
	}
	return 0;
}
/* "its territory": the state the possessive points to, taken as the first
 * state of the sentence that is not the claim's own actor ("Azerbaijan said
 * Armenia occupied its territory"). */
int claims_resolve_poss(struct claims_ctx *c, size_t s0, size_t j, const struct claims_actor *ac, size_t na,
			struct claims_terr *t)
{
	for (size_t k = s0; k < j; k++) {
		int e = entity_at(c, k);
		if (e < 0 || ent_type(c, e) != NER_LOC || !claims_loc_state(c, e))
			continue;
		const char *s = claims_loc_state(c, e);
		int isact = 0;
		for (size_t x = 0; x < na; x++)
			if (same_state(ac[x].name, s))
				isact = 1;
		if (isact)
			continue;
		int se = claims_find_loc(c, s);
		if (se >= 0)
			claims_terr_of_entity(c, se, t);
		else
			*t = (struct claims_terr){ s, -1, NULL, NULL };
		return 1;
	}
	return 0;
}
/* Length of a territory name without a trailing administrative word, so
 * "Arvala region" and "Arvala" are one territory. */
static size_t terr_base(const char *n)
{
	static const char *const tails[] = { " region", " oblast", " province", " governorate",
					     " district", " prefecture", " krai", " county" };
	size_t l = strlen(n);
	for (size_t k = 0; k < sizeof tails / sizeof tails[0]; k++) {
		size_t tl = strlen(tails[k]);
		if (l > tl && !strcasecmp(n + l - tl, tails[k]))
			return l - tl;
	}
	return l;
}
int claims_same_terr(const char *a, const char *b)
{
	size_t la = terr_base(a), lb = terr_base(b);
	return la == lb && !strncasecmp(a, b, la);
}

/* "three provinces were annexed, including Arvala and Tormen": the
 * places an unnamed territory is made of, named after "including". */
size_t claims_including(struct claims_ctx *c, const struct claims_sent *si, size_t from,
			struct claims_terr *t)
{
	for (size_t j = from; j < si->s1 && j < from + 10; j++) {
		if (is_punct(c, j, '.') || is_punct(c, j, ';'))
			return 0;
		if (!(word_is(c, j, "including") || word_is(c, j, "namely") ||
		      (word_is(c, j, "such") && j + 1 < si->s1 && word_is(c, j + 1, "as"))))
			continue;
		size_t k = j + (word_is(c, j, "such") ? 2 : 1);
		size_t un, poss, pron;
		return claims_terr_right(c, si, k, 0, 0, NULL, 0, t, &un, &poss, &pron);
	}
	return 0;
}
