/* Territorial claims: trigger phrases from config/lexicons/claim_triggers.txt,
 * then for each trigger its actor (normalised to a state where the text lets
 * us: demonyms, capitals, institutions, titled leaders), the territories it
 * governs (lists expanded, possessives resolved), its status, date and the
 * quote it sits in. Reads entities and quotes; never changes them. */
#include "enricher/claims.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "enricher/claims_ctx.h"
#include "enricher/claims_date.h"

static const struct { const char *name; uint32_t bit; } word_classes[] = {
	{ "be", CW_BE }, { "cop", CW_COP }, { "modal", CW_MODAL }, { "demand", CW_DEMAND },
	{ "report", CW_REPORT }, { "neg", CW_NEG }, { "deny", CW_DENY }, { "cond", CW_COND },
	{ "bound", CW_BOUND }, { "rel", CW_REL }, { "det", CW_DET }, { "poss", CW_POSS },
	{ "pron", CW_PRON }, { "we", CW_WE }, { "terr", CW_TERR }, { "mil", CW_MIL },
	{ "group", CW_GROUP }, { "adv", CW_ADV }, { "in", CW_IN }, { "title", CW_TITLE },
	{ "aux", CW_AUX }, { "prep", CW_PREP }, { "intent", CW_INTENT }, { "stance", CW_STANCE },
	{ "quant", CW_QUANT }, { "hypo", CW_HYPO }, { "gov", CW_GOV }, { "act", CW_ACT }, { "done", CW_DONE }, { "avoid", CW_AVOID }, { "armed", CW_ARMED }, { "site", CW_SITE },
};

static uint32_t parse_classes(const char *v)
{
	uint32_t bits = 0;
	while (v && *v) {
		size_t n = strcspn(v, ", ");
		for (size_t i = 0; i < sizeof word_classes / sizeof word_classes[0]; i++)
			if (strlen(word_classes[i].name) == n && !strncmp(v, word_classes[i].name, n))
				bits |= word_classes[i].bit;
		v += n;
		v += strspn(v, ", ");
	}
	return bits;
}

const char *claims_kind_name(int kind)
{
	static const char *const names[CLAIM_NKINDS] = {
		"annexation", "occupation", "incursion", "liberation",
		"withdrawal", "sovereignty", "recognition"
	};
	return kind >= 0 && kind < CLAIM_NKINDS ? names[kind] : "unknown";
}

const char *claims_status_name(int status)
{
	static const char *const names[] = { "asserted", "reported", "demanded", "denied" };
	return status >= 0 && status <= CLAIM_DENIED ? names[status] : "unknown";
}

void claims_res_free(struct claims_res *r)
{
	if (!r)
		return;
	claims_triggers_free(r->trig);
	lexicon_free(r->words);
	lexicon_free(r->actors);
	lexicon_free(r->demonyms);
	lexicon_free(r->capitals);
	lexicon_free(r->countries);
	lexicon_free(r->armed);
	free(r);
}

int claims_load(const char *config_dir, struct claims_res **out, struct enr_error *err)
{
	char path[1024];
	int rc;
	*out = NULL;
	struct claims_res *r = calloc(1, sizeof *r);
	if (!r)
		return enr_error_set(err, ENR_ENOMEM, "out of memory");
	const char *dir = config_dir ? config_dir : "config";

	snprintf(path, sizeof path, "%s/lexicons/claim_triggers.txt", dir);
	if ((rc = claims_triggers_load(path, &r->trig, err)) < 0)
		goto fail;
	snprintf(path, sizeof path, "%s/lexicons/claim_words.txt", dir);
	if ((rc = lexicon_load_opts(path, CLAIMS_LEX_FLAGS, &r->words, err)) < 0)
		goto fail;
	lexicon_set_ints(r->words, parse_classes);
	snprintf(path, sizeof path, "%s/lexicons/claim_actors.txt", dir);
	if ((rc = lexicon_load_opts(path, CLAIMS_LEX_FLAGS, &r->actors, err)) < 0)
		goto fail;
	snprintf(path, sizeof path, "%s/lexicons/claim_armed_groups.txt", dir);
	if ((rc = lexicon_load_opts(path, CLAIMS_LEX_FLAGS, &r->armed, err)) < 0)
		goto fail;
	/* shared with the entity layer, which owns them: optional here */
	snprintf(path, sizeof path, "%s/lexicons/demonyms.txt", dir);
	if ((rc = lexicon_load_opts(path, CLAIMS_LEX_FLAGS | LEXICON_OPTIONAL, &r->demonyms, err)) < 0)
		goto fail;
	snprintf(path, sizeof path, "%s/lexicons/capitals.txt", dir);
	if ((rc = lexicon_load_opts(path, CLAIMS_LEX_FLAGS | LEXICON_OPTIONAL, &r->capitals, err)) < 0)
		goto fail;
	if ((rc = claims_map_invert(r->demonyms, &r->countries, err)) < 0)
		goto fail;
	*out = r;
	return 0;
fail:
	claims_res_free(r);
	return rc;
}

static int add_claim(struct claims_ctx *c, const struct claim *cl)
{
	for (size_t k = 0; k < c->nout; k++) {
		struct claim *o = &c->out[k];
		if (o->kind != cl->kind || !claims_same_terr(o->territory, cl->territory))
			continue;
		if (!o->actor && cl->actor) {
			o->actor = cl->actor;
			o->actor_entity = cl->actor_entity;
			return 0;
		}
		if (o->actor && cl->actor && strcasecmp(o->actor, cl->actor) != 0)
			continue;
		if (!o->date && cl->date)
			o->date = cl->date;
		return 0;
	}
	if (c->nout == c->cap) {
		size_t ncap = c->cap ? c->cap * 2 : 16;
		struct claim *n = arena_realloc(c->a, c->out, c->cap * sizeof *n, ncap * sizeof *n);
		if (!n)
			return ENR_ENOMEM;
		c->out = n;
		c->cap = ncap;
	}
	c->out[c->nout++] = *cl;
	return 0;
}

/* Emits one claim per (actor, territory) pair. */
static int emit(struct claims_ctx *c, const struct text_sentence *s, uint32_t sent, size_t trig, int kind,
		int status, int self, const struct claims_actor *ac, size_t na, const struct claims_terr *t,
		size_t nt)
{
	/* the clause of the act ends at a semicolon or a clause word */
	size_t cend = trig + 1;
	while (cend < s->tok + s->ntok && cend < trig + 16 && !is_punct(c, cend, ';') &&
	       !(c->cls[cend] & (CW_BOUND | CW_REL)))
		cend++;
	const char *date = claims_date_find(c->a, c->doc, c->w, s->tok, cend, trig, 15,
					    c->in ? c->in->published : NULL);
	int q = claims_quote_at(c, c->doc->tok[trig].start);
	/* the sentence, or in a run-on sentence the words around the trigger */
	uint32_t ev0 = s->start, ev1 = s->end;
	if (s->end - s->start > 600) {
		size_t a0 = trig > s->tok + 30 ? trig - 30 : s->tok;
		size_t a1 = trig + 30 < s->tok + s->ntok ? trig + 30 : s->tok + s->ntok - 1;
		ev0 = c->doc->tok[a0].start;
		ev1 = c->doc->tok[a1].end;
	}
	static const struct claims_actor none = { NULL, -1, 0, 0, NULL };
	for (size_t k = 0; k < nt; k++) {
		struct claims_actor prior;
		int have_prior = 0;
		if (!na && !self) {
			/* an act needs someone acting: an earlier claim on the same
			 * place may name them ("the occupied West Bank"), else no claim;
			 * a claim of right or a recognition needs its holder */
			have_prior = is_event(kind) && !c->no_prior_actor && claims_prior_actor(c, &t[k], &prior);
			if (!have_prior && !c->allow_no_actor)
				continue;
		}
		for (size_t x = 0; x < (na ? na : 1); x++) {
			const struct claims_actor *a = na ? &ac[x] : have_prior ? &prior : &none;
			if (!self && a->name &&
			    ((a->ent >= 0 && a->ent == t[k].ent) || same_state(a->name, t[k].name)))
				continue;
			struct claim cl = {
				.kind = (uint8_t)kind, .status = (uint8_t)status,
				.actor = self ? t[k].name : a->name,
				.actor_entity = self ? t[k].ent : a->ent,
				.territory = t[k].name, .territory_entity = t[k].ent,
				.code = t[k].code, .date = date, .source_quote = q,
				.ev_start = ev0, .ev_end = ev1,
			};
			int rc = add_claim(c, &cl);
			if (rc < 0)
				return rc;
		}
		c->last_terr = t[k];
		c->last_terr_sent = sent;
		c->have_last = 1;
		c->in_trig[trig] = 1;
	}
	if (na && !self) {
		memcpy(c->last_ac, ac, na * sizeof *ac);
		c->last_na = na;
		c->last_ac_sent = sent;
	}
	return 0;
}

/* "migrants entering Europe", "the defenders abandoned": the verb's subject
 * is a plain noun, so no state or armed group acts. Gerunds after a verb
 * ("did not regret annexing") are left alone. */
static int common_noun_subject(struct claims_ctx *c, const struct claims_sent *si, size_t i)
{
	size_t j = i;
	while (j > si->s0 && (c->cls[j - 1] & (CW_ADV | CW_AUX | CW_BE | CW_MODAL | CW_REPORT)))
		j--;
	if (j == si->s0)
		return 0;
	size_t p = j - 1;
	const char *w = c->w[p];
	if (!w || c->cls[p] || c->doc->tok[p].kind != TEXT_WORD || entity_at(c, p) >= 0 ||
	    strchr(w, '-'))
		return 0;
	struct claims_actor a;
	size_t st;
	if (claims_actor_ending_at(c, p, &a, &st))
		return 0;
	size_t n = strlen(w), tl = strlen(c->w[i]);
	int gerund = tl > 3 && !strcmp(c->w[i] + tl - 3, "ing");
	if (gerund)
		return n > 3 && w[n - 1] == 's' && w[n - 2] != 's'; /* "migrants entering" */
	return !(c->doc->tok[p].flags & TEXT_F_UPPER);
}

/* "part of the country": the state the sentence is about. */
static int refers_to_subject(const struct claims_ctx *c, const struct claims_sent *si, size_t e)
{
	if (e + 1 >= si->s1 || !word_is(c, e, "the"))
		return 0;
	return word_is(c, e + 1, "country") || word_is(c, e + 1, "nation") ||
	       word_is(c, e + 1, "motherland") || word_is(c, e + 1, "homeland");
}

/* "the Golan Heights, territory Israel captured in 1967 and annexed in
 * 1981", "Western Sahara, a former colony that Rabat has controlled": the
 * place an object-gap clause describes. The verb at i has its subject right
 * before it (or shares it with a verb before "and"); a lowercase noun phrase
 * and a comma come before the subject, the place before the comma. Returns
 * the place's entity, or -1. */
static int gap_antecedent(struct claims_ctx *c, const struct claims_sent *si, size_t i, int depth,
			  size_t *t0, size_t *t1)
{
	size_t j = i;
	while (j > si->s0 && (c->cls[j - 1] & (CW_ADV | CW_AUX | CW_BE | CW_MODAL)))
		j--;
	if (j == si->s0)
		return -1;
	if (depth > 0 && word_is(c, j - 1, "and")) {
		/* "captured ... and annexed": the verb before shares the gap */
		for (size_t k = j - 1; k-- > si->s0 && k + 12 > j;)
			if (si->trig_start[k - si->s0] && !(c->cls[k] & CW_TERR))
				return gap_antecedent(c, si, k, depth - 1, t0, t1);
		return -1;
	}
	struct claims_actor a;
	size_t st;
	if (!claims_actor_ending_at(c, j - 1, &a, &st))
		return -1;
	j = st;
	if (j > si->s0 && (c->cls[j - 1] & CW_REL))
		j--;
	size_t k = j, w = 0;
	while (k > si->s0 && w < 6 && c->w[k - 1] && c->doc->tok[k - 1].kind == TEXT_WORD &&
	       (!(c->doc->tok[k - 1].flags & TEXT_F_UPPER) || lookup(c->r->demonyms, c->w[k - 1])) &&
	       !(c->cls[k - 1] & (CW_PREP | CW_AUX | CW_BE | CW_REL | CW_BOUND)))
		k--, w++;
	if (w == 0 || k < si->s0 + 2 || !is_punct(c, k - 1, ','))
		return -1;
	return claims_loc_at(c, k - 2, t0, t1);
}

/* "The CSP said its fighters had withdrawn from the town": "its" or "their"
 * troops in a reported clause are the speaker's. */
static size_t own_troops_speaker(struct claims_ctx *c, const struct claims_sent *si, size_t i,
				 struct claims_actor *ac)
{
	size_t j = i;
	while (j > si->s0 && (c->cls[j - 1] & (CW_ADV | CW_AUX | CW_BE | CW_MODAL)))
		j--;
	if (j < si->s0 + 2 || !(c->cls[j - 1] & (CW_MIL | CW_GROUP)) ||
	    !(word_is(c, j - 2, "its") || word_is(c, j - 2, "their")))
		return 0;
	int q = claims_quote_at(c, c->doc->tok[i].start);
	if (q < 0)
		return 0;
	const struct quote *qq = &c->ql->q[q];
	int e = qq->speaker_entity >= 0 && (size_t)qq->speaker_entity < c->el->nent ? qq->speaker_entity : -1;
	if (e >= 0 && c->el->ent[e].type == NER_PER)
		return 0;  /* a person has no troops of "its" own */
	if (e >= 0 && claims_actor_of_entity(c, e, &ac[0]))
		return 1;
	const char *name = e >= 0 ? c->el->ent[e].name : qq->speaker_name;
	if (!name)
		return 0;
	ac[0] = (struct claims_actor){ name, e, (uint32_t)(j - 2), (uint32_t)j, NULL };
	return 1;
}

/* "Morocco welcomed a U.S. decision to recognise its sovereignty over X":
 * "its" before a noun trigger is the sentence's subject, the first actor
 * named in it that is none of the territories. */
static size_t subject_actor(struct claims_ctx *c, const struct claims_sent *si, size_t i,
			    const struct claims_terr *t, size_t nt, struct claims_actor *ac)
{
	for (size_t j = si->s0; j < i; j++) {
		size_t st;
		if (is_punct(c, j, ',') || is_punct(c, j, ';') || (c->cls[j] & CW_BOUND))
			return 0;
		if (!claims_actor_ending_at(c, j, &ac[0], &st))
			continue;
		for (size_t k = 0; k < nt; k++)
			if ((ac[0].ent >= 0 && ac[0].ent == t[k].ent) || same_state(ac[0].name, t[k].name))
				return 0;
		return 1;
	}
	return 0;
}

/* A trigger whose object is an unnamed territory at token un ("11
 * settlements"): the places it lists ("including X and Y"), the place under
 * discussion for a definite one ("the city"), or the nearest named place in
 * the sentence. Returns the number of territories written to t. */
static size_t unnamed_terr(struct claims_ctx *c, const struct claims_sent *si, uint32_t sent,
			   size_t un, const struct claims_actor *ac, size_t na, struct claims_terr *t)
{
	size_t nt = claims_including(c, si, un + 1, t);
	/* "the reef near Kessel Shoal", "villages outside Kherson": the
	 * place named right after */
	if (!nt && un + 2 < si->s1 &&
	    (word_is(c, un + 1, "near") || word_is(c, un + 1, "outside") || word_is(c, un + 1, "off") ||
	     word_is(c, un + 1, "around") || word_is(c, un + 1, "in"))) {
		size_t k = un + 2, t0, t1;
		if (k + 1 < si->s1 && word_is(c, k, "the"))
			k++;
		int e = claims_loc_at(c, k, &t0, &t1);
		if (e >= 0 && !claims_loc_state(c, e)) {
			claims_terr_of_entity(c, e, &t[0]);
			return 1;
		}
	}
	if (!nt && claims_definite_terr(c, si, un) && claims_terr_from_context(c, sent, 0, un, &t[0]))
		nt = 1;
	if (!nt && claims_terr_nearest(c, si->s0, si->s1, un, ac, na, &t[0]))
		nt = 1;
	return nt;
}

static int do_trigger(struct claims_ctx *c, const struct claims_sent *si, uint32_t sent,
		      const struct claims_match *m, const struct claims_actor *hyph_actor, int forced_adj)
{
	const struct text_sentence *s = &c->doc->sent[sent];
	const struct claims_trigger *tr = m->t;
	size_t i = m->start, e = m->end;
	int kind = tr->kind;
	struct claims_terr t[CLAIMS_MAX_T];
	struct claims_actor ac[CLAIMS_MAX_A];
	size_t nt = 0, na = 0;
	int status = CLAIM_ASSERTED, self = 0;
	size_t un, poss, pron;

	if (claims_conditional(c, si->s0, i) || claims_in_clause_left(c, si->s0, i, 3, CW_AVOID))
		return 0;

	if (tr->form == CF_SELF) {
		int p, u;
		nt = claims_terr_left(c, si, i, NULL, 0, t, &p, &u);
		if (!nt && p && !claims_terr_from_context(c, sent, 1, (size_t)-1, &t[nt]))
			return 0;
		if (p)
			nt = 1;
		self = 1;
		status = claims_clause_status(c, si->s0, i, tr);
		return emit(c, s, sent, i, kind, status, self, NULL, 0, t, nt);
	}

	if (tr->form == CF_STATE) {
		if ((tr->flags & CT_COP) && !claims_copula_left(c, si->s0, i))
			return 0;
		if (m->gap1 > m->gap0)
			for (size_t j = m->gap0; j < m->gap1 && !na; j++) {
				size_t st;
				if (claims_actor_ending_at(c, j, &ac[0], &st)) {
					na = 1;
				} else if (c->w[j] && lookup(c->r->demonyms, c->w[j])) {
					/* "under Russian control", "is Russian territory" */
					const char *v = lookup(c->r->demonyms, c->w[j]);
					ac[0] = (struct claims_actor){ v, claims_find_loc(c, v), (uint32_t)j,
								       (uint32_t)(j + 1), v };
					na = 1;
				}
			}
		/* "part of China", not "part of a U.S.-backed plan" */
		int we = 0;
		for (size_t j = i; j < e; j++)
			we |= (c->cls[j] & (CW_WE | CW_POSS)) != 0;
		/* "is our territory" names its holder by the pronoun */
		if ((tr->flags & CT_GAPACTOR) && !na && !we)
			return 0;
		/* "our territory, the territory of the people of Ukraine" looks further */
		if (!na && claims_actor_right(c, e, si->s1, we ? 8 : 4, &ac[0]) &&
		    !(ac[0].tok1 == ac[0].tok0 + 1 && c->w[ac[0].tok0] && strchr(c->w[ac[0].tok0], '-')))
			na = 1;
		if (!na)
			for (size_t j = i; j < e && !na; j++)
				if (c->cls[j] & CW_WE && claims_speaker_actor(c, j, &ac[0]))
					na = 1;
		int p, u;
		nt = claims_terr_left(c, si, i, ac, na, t, &p, &u);
		if (!nt && (p || u)) {
			if (claims_terr_from_context(c, sent, p, (size_t)-1, &t[0]))
				nt = 1;
		}
		if (!nt && u == 2 && claims_terr_nearest(c, si->s0, si->s1, i, ac, na, &t[0]))
			nt = 1;
		if (!nt)
			return 0;
		/* "Beijing considers Taiwan part of its territory": the subject */
		if (!na && e < si->s1 && ((c->cls[e] & CW_POSS) || refers_to_subject(c, si, e)))
			na = claims_actors_left(c, si->s0, i, t, nt, 0, ac);
		status = claims_clause_status(c, si->s0, i, tr);
		return emit(c, s, sent, i, kind, status, 0, ac, na, t, nt);
	}

	if (tr->form == CF_NOUN) {
		nt = claims_terr_right(c, si, e, tr->flags & CT_EMBED, tr->flags & CT_NEAR, NULL, 0, t, &un,
				&poss, &pron);
		if (!(tr->flags & CT_STANCE) && claims_noun_actor(c, si->s0, i, &ac[0]))
			na = 1;
		else if (claims_by_actor(c, e, si->s1, &ac[0]))
			na = 1;
		int from_poss = 0;
		if (!nt && poss != (size_t)-1) {
			if (!claims_resolve_poss(c, si->s0, poss, ac, na, &t[0]))
				return 0;
			nt = 1;
			from_poss = 1;
		}
		if (!nt && un != (size_t)-1)
			nt = unnamed_terr(c, si, sent, un, ac, na, t);
		if (!nt && (tr->flags & CT_STANCE) && i > si->s0) {
			/* "Taiwanese independence", "Kosovo's independence" */
			size_t b = i - 1, t0, t1;
			if (c->doc->tok[b].kind == TEXT_POSSESSIVE && b > si->s0) {
				int le = claims_loc_at(c, b - 1, &t0, &t1);
				if (le == -2) {
					claims_terr_of_entity(c, entity_at(c, b - 1), &t[0]);
					nt = 1;
				}
			} else if (claims_demonym_territory(c, b, b + 1, &t[0]) ||
				   (c->w[b] && lookup(c->r->demonyms, c->w[b]) &&
				    (t[0] = (struct claims_terr){ lookup(c->r->demonyms, c->w[b]), -1, NULL, NULL }, 1))) {
				int fe = claims_find_loc(c, t[0].name);
				if (fe >= 0)
					claims_terr_of_entity(c, fe, &t[0]);
				nt = 1;
			}
		}
		if (!nt)
			return 0;
		int stance_neg = 0;
		if (tr->flags & CT_STANCE) {
			size_t st = (size_t)-1;
			for (size_t j = i, k = 0; j-- > si->s0 && k < 8; k++) {
				if (is_punct(c, j, ',') || is_punct(c, j, ';'))
					break;
				if (c->cls[j] & (CW_DENY | CW_STANCE)) {
					st = j;
					break;
				}
			}
			if (st == (size_t)-1)
				return 0;
			stance_neg = (c->cls[st] & CW_DENY) || claims_negated(c, si->s0, st);
		}
		if (is_event(kind) && claims_noun_hypothetical(c, si, i, e))
			return 0;
		/* "would not advance towards X": a verb after a modal, not the
		 * noun, and no act */
		if (is_event(kind) && i > si->s0) {
			size_t b = i - 1;
			if (b > si->s0 && (c->cls[b] & CW_NEG))
				b--;
			if (c->cls[b] & CW_MODAL)
				return 0;
		}
		if (!na && i > si->s0 && (word_is(c, i - 1, "its") || word_is(c, i - 1, "their")))
			na = subject_actor(c, si, i, t, nt, ac);
		/* "the EU does not recognise the annexation of X": who recognises
		 * did not annex; the agent is named elsewhere or not at all */
		size_t rec = (size_t)-1;
		if (kind != CLAIM_RECOGNITION && !na)
			for (size_t j = i, k = 0; j-- > si->s0 && k < 6; k++) {
				const struct claims_trigger *rt =
					c->w[j] ? claims_triggers_word(c->r->trig, c->w[j]) : NULL;
				if (rt && rt->kind == CLAIM_RECOGNITION) {
					rec = j;
					break;
				}
			}
		if (!na)
			na = claims_actors_left(c, si->s0, i, t, nt, is_event(kind) && kind != CLAIM_LIBERATION, ac);
		if (na && rec != (size_t)-1) {
			struct claims_actor who[CLAIMS_MAX_A];
			if (claims_actors_left(c, si->s0, rec, t, nt, 0, who) && same_state(who[0].name, ac[0].name))
				na = 0;
		}
		if (!na && rec != (size_t)-1 && is_event(kind)) {
			na = claims_kind_actor(c, kind, ac);
			c->allow_no_actor = c->no_prior_actor = 1;
			int rc = emit(c, s, sent, i, kind, CLAIM_ASSERTED, 0, ac, na, t, nt);
			c->allow_no_actor = c->no_prior_actor = 0;
			return rc;
		}
		if (from_poss && !na)
			return 0; /* "annexations of its territory" with nobody named */
		/* the noun's own modifiers decide its status */
		size_t b = i > si->s0 ? i - 1 : i;
		int illegal = 0;
		for (size_t j = i, k = 0; j-- > si->s0 && k < 3; k++) {
			if (word_is(c, j, "illegal") || word_is(c, j, "unlawful"))
				illegal = 1;
			if (c->cls[j] & CW_REPORT)
				status = CLAIM_REPORTED;
		}
		(void)b;
		if (kind == CLAIM_RECOGNITION)
			status = stance_neg ? CLAIM_DENIED : claims_clause_status(c, si->s0, i, tr);
		int rc = emit(c, s, sent, i, kind, status, 0, ac, na, t, nt);
		if (rc < 0 || !illegal || kind == CLAIM_RECOGNITION)
			return rc;
		/* "illegal annexation": a refusal to recognise it, by whoever says so */
		struct claims_actor who[CLAIMS_MAX_A];
		size_t nw = 0;
		int q = claims_quote_at(c, c->doc->tok[i].start);
		if (q >= 0 && c->ql->q[q].speaker_entity >= 0 &&
		    claims_actor_of_entity(c, c->ql->q[q].speaker_entity, &who[0]))
			nw = 1;
		if (nw && na && same_state(who[0].name, ac[0].name))
			nw = 0;
		c->allow_no_actor = 1;
		rc = emit(c, s, sent, i, CLAIM_RECOGNITION, CLAIM_DENIED, 0, who, nw, t, nt);
		c->allow_no_actor = 0;
		return rc;
	}

	/* verbs */
	int passive = 0, adjectival = forced_adj;
	size_t prev = i;
	while (prev > si->s0 && (c->cls[prev - 1] & CW_ADV))
		prev--;
	int by_next = e < si->s1 && word_is(c, e, "by");
	/* "a town held for nearly a decade by separatists" */
	for (size_t j = e, k = 0; !by_next && (tr->flags & CT_PART) && j < si->s1 && k < 6; j++, k++) {
		size_t t0, t1;
		if (is_sep(c, j) || (c->cls[j] & (CW_BOUND | CW_REL)) || si->trig_start[j - si->s0] ||
		    claims_loc_at(c, j, &t0, &t1) != -1)
			break;
		if (word_is(c, j, "by") && j > e)
			by_next = 1;
	}
	if (tr->flags & CT_PART) {
		if (by_next || (prev > si->s0 && (c->cls[prev - 1] & CW_BE)) ||
		    (prev > si->s0 && word_is(c, prev - 1, "got")))
			passive = 1;
		else if (!adjectival && e < si->s1) {
			size_t t0, t1;
			int next_terr = claims_loc_at(c, e, &t0, &t1) >= 0 || (c->cls[e] & CW_TERR);
			int prev_ok = prev == si->s0 || !c->w[prev - 1] ||
				      (c->cls[prev - 1] & (CW_DET | CW_PREP | CW_POSS)) ||
				      word_is(c, prev - 1, "and");
			if (next_terr && prev_ok && !(prev > si->s0 && entity_at(c, prev - 1) >= 0))
				adjectival = 1;
		}
	}
	/* "would retake all territory seized by Russian troops": a reduced
	 * relative reports a done act, whatever mood the clause is in */
	int reduced = passive && prev > si->s0 && c->w[prev - 1] &&
		      !(c->cls[prev - 1] & (CW_BE | CW_AUX | CW_MODAL | CW_NEG)) && !word_is(c, prev - 1, "to");
	if (!adjectival && !reduced && is_event(kind) && !claims_in_clause_left(c, si->s0, i, 8, CW_DEMAND) &&
	    claims_hypothetical(c, si->s0, i))
		return 0;

	if (passive) {
		if (claims_by_actor(c, e, si->s1, &ac[0]))
			na = 1;
		int p, u;
		nt = claims_terr_left(c, si, prev, ac, na, t, &p, &u);
		if (u) {
			/* "all territory seized by X, including the Donbas and
			 * Crimea": the list names the unnamed place */
			struct claims_terr li[CLAIMS_MAX_T];
			size_t nl = claims_including(c, si, e, li);
			if (nl) {
				memcpy(t, li, nl * sizeof *li);
				nt = nl;
			}
		}
		if (!nt && (p || u) && claims_terr_from_context(c, sent, 0, (size_t)-1, &t[0]))
			nt = 1;
		if (!nt)
			return 0;
		if (!na)
			na = claims_actors_left(c, si->s0, i, t, nt, is_event(kind) && kind != CLAIM_LIBERATION, ac);
		if (!na && !by_next) {
			/* "Crimea was annexed in 2014": the agent is whoever did so last */
			int rc;
			na = claims_kind_actor(c, kind, ac);
			c->allow_no_actor = 1;
			rc = emit(c, s, sent, i, kind, claims_clause_status(c, si->s0, i, tr), 0, ac, na, t, nt);
			c->allow_no_actor = 0;
			return rc;
		}
	} else {
		/* "getting Arvala back": the object sits in the gap; "withdrew its
		 * troops from X": after the trigger */
		int near = (tr->flags & (CT_NEAR | CT_EMBED)) != 0;
		nt = 0;
		if (m->gap1 > m->gap0) {
			size_t u2, p2, r2;
			nt = claims_terr_right(c, si, m->gap0, 0, near, NULL, 0, t, &u2, &p2, &r2);
		}
		un = poss = pron = (size_t)-1;
		c->adj_trigger = adjectival;
		if (!nt && (tr->flags & CT_EMBED)) {
			/* "accept the September 2022 annexation of X": from the embedded claim */
			for (size_t j = e; j < si->s1 && j < e + 6; j++) {
				if (is_sep(c, j) || (c->cls[j] & (CW_BOUND | CW_REL)))
					break;
				if (si->trig_start[j - si->s0] == CF_NOUN + 1) {
					nt = claims_terr_right(c, si, j, 1, 0, NULL, 0, t, &un, &poss, &pron);
					break;
				}
			}
		}
		if (!nt && !(tr->flags & CT_VIACLAIM))
			nt = claims_terr_right(c, si, e, tr->flags & CT_EMBED, near, NULL, 0, t, &un, &poss, &pron);
		c->adj_trigger = 0;
		/* "Kiev would never accept it": a refusal of the claim just
		 * reported */
		if (!nt && (tr->flags & CT_VIACLAIM) && e < si->s1 && word_is(c, e, "it") &&
		    claims_negated(c, si->s0, i) &&
		    c->have_last && sent - c->last_terr_sent <= 2 && c->nout &&
		    c->out[c->nout - 1].kind != CLAIM_RECOGNITION) {
			t[0] = c->last_terr;
			nt = 1;
		}
		if (!nt && (tr->flags & CT_VIACLAIM))
			return 0;
		if (adjectival) {
			if (hyph_actor) {
				ac[0] = *hyph_actor;
				na = 1;
			} else if (claims_by_actor(c, e, si->s1, &ac[0])) {
				na = 1;
			}
		}
		if (!nt && pron != (size_t)-1) {
			/* "claim Kashmir but rule it": the territory of the claim just made */
			if (c->have_last && c->last_terr_sent == sent) {
				t[0] = c->last_terr;
				nt = 1;
			} else if ((word_is(c, pron, "them") || (word_is(c, pron, "it") && kind == CLAIM_RECOGNITION)) &&
				   c->have_last && sent - c->last_terr_sent <= 2) {
				/* "the islands ... invaded them in 1982": the place of
				 * the claim before, named as a plural */
				t[0] = c->last_terr;
				nt = 1;
			}
		}
		if (!nt && !adjectival) {
			/* "X, which Putin annexed": the antecedent of the relative */
			for (size_t j = i, k = 0; j-- > si->s0 && k < 5; k++) {
				if (!(c->cls[j] & CW_REL))
					continue;
				size_t q = j;
				if (q > si->s0 && is_punct(c, q - 1, ','))
					q--;
				/* "the Essequibo region, which": past the region word */
				if (q > si->s0 + 1 && (c->cls[q - 1] & CW_TERR) &&
				    !(c->doc->tok[q - 1].flags & TEXT_F_UPPER))
					q--;
				size_t t0, t1;
				int le = q > si->s0 ? claims_loc_at(c, q - 1, &t0, &t1) : -1;
				if (le >= 0) {
					claims_terr_of_entity(c, le, &t[0]);
					nt = claims_list_left(c, si->s0, t0, t, 1);
				}
				break;
			}
		}
		if (!nt && !adjectival) {
			size_t t0, t1;
			int le = gap_antecedent(c, si, i, 1, &t0, &t1);
			if (le >= 0) {
				claims_terr_of_entity(c, le, &t[0]);
				nt = 1;
			}
		}
		if (!nt && poss != (size_t)-1) {
			if (!na)
				na = claims_actors_left(c, si->s0, i, NULL, 0, 0, ac);
			if (!claims_resolve_poss(c, si->s0, poss, ac, na, &t[0]))
				return 0;
			nt = 1;
		}
		if (!nt && un != (size_t)-1)
			nt = unnamed_terr(c, si, sent, un, ac, na, t);
		if (!nt)
			return 0;
		if (!na)
			na = claims_shared_subject(c, si, sent, i, ac);
		if (!na)
			na = own_troops_speaker(c, si, i, ac);
		/* "a treaty making Crimea part of Russia": the state it joins */
		if (!na && e >= 2 && word_is(c, e - 1, "of") && word_is(c, e - 2, "part")) {
			size_t t0, t1;
			int le = claims_loc_at(c, e, &t0, &t1);
			if (le >= 0 && claims_actor_of_entity(c, le, &ac[0]))
				na = 1;
		}
		if (!na && !adjectival && common_noun_subject(c, si, i))
			return 0;
		if (!na)
			na = claims_actors_left(c, si->s0, i, t, nt, is_event(kind) && kind != CLAIM_LIBERATION, ac);
		if (!na)
			na = claims_pronoun_subject(c, si, sent, i, ac);
	}
	status = claims_clause_status(c, si->s0, i, tr);
	if (kind == CLAIM_RECOGNITION && status == CLAIM_DEMANDED && na == 1)
		claims_demander(c, si, ac[0].tok0, t, nt, &ac[0]);
	return emit(c, s, sent, i, kind, status, 0, ac, na, t, nt);
}

/* "X said India's removal of special status for Kashmir was illegal": a
 * speaker who calls an act on a territory illegal refuses to recognise it. */
static int illegal_predicate(struct claims_ctx *c, const struct claims_sent *si, uint32_t sent, size_t i)
{
	const char *w = c->w[i];
	if (!w || (strcmp(w, "illegal") && strcmp(w, "illegitimate") && strcmp(w, "unlawful") &&
		   strcmp(w, "invalid")))
		return 0;
	size_t j = i;
	while (j > si->s0 && (c->cls[j - 1] & (CW_ADV | CW_DET)))
		j--;
	if (j == si->s0 || !(c->cls[j - 1] & CW_COP))
		return 0;
	int q = claims_quote_at(c, c->doc->tok[i].start);
	struct claims_actor who;
	if (q < 0 || c->ql->q[q].speaker_entity < 0 ||
	    (size_t)c->ql->q[q].speaker_entity >= c->el->nent ||
	    !claims_actor_of_entity(c, c->ql->q[q].speaker_entity, &who))
		return 0;
	size_t k = si->s0;
	while (k < j && c->doc->tok[k].start < c->ql->q[q].start)
		k++;
	int seen_act = 0;
	for (; k < j; k++) {
		if ((c->cls[k] & CW_ACT) || si->trig_start[k - si->s0])
			seen_act = 1;
		size_t t0, t1;
		int e = seen_act ? claims_loc_at(c, k, &t0, &t1) : -1;
		if (e < 0 || same_state(c->el->ent[e].name, who.name))
			continue;
		struct claims_terr t;
		claims_terr_of_entity(c, e, &t);
		return emit(c, &c->doc->sent[sent], sent, i, CLAIM_RECOGNITION, CLAIM_DENIED, 0, &who, 1,
			    &t, 1);
	}
	return 0;
}

static int do_sentence(struct claims_ctx *c, uint32_t sent)
{
	const struct text_sentence *s = &c->doc->sent[sent];
	struct claims_sent si = { s->tok, s->tok + s->ntok, NULL, NULL };
	si.trig_start = arena_calloc(c->a, s->ntok ? s->ntok : 1, 1);
	si.trig_in = arena_calloc(c->a, s->ntok ? s->ntok : 1, 1);
	struct claims_match *ms = arena_calloc(c->a, s->ntok ? s->ntok : 1, sizeof *ms);
	if (!si.trig_start || !si.trig_in || !ms)
		return ENR_ENOMEM;
	size_t nm = 0;
	for (size_t i = si.s0; i < si.s1; i++) {
		struct claims_match m;
		if (claims_triggers_match(c->r->trig, c->w, i, si.s1, &m)) {
			ms[nm++] = m;
			si.trig_start[i - si.s0] = (uint8_t)(m.t->form + 1);
			for (size_t k = i; k < m.end; k++)
				si.trig_in[k - si.s0] = 1;
			i = m.end - 1;
		}
	}
	for (size_t k = 0; k < nm; k++) {
		int rc = do_trigger(c, &si, sent, &ms[k], NULL, 0);
		if (rc < 0)
			return rc;
	}
	/* hyphen compounds ("Russian-occupied") and troops standing in a place */
	for (size_t i = si.s0; i < si.s1; i++) {
		const char *w = c->w[i];
		const char *h = w ? strrchr(w, '-') : NULL;
		if (h && h[1] && h != w) {
			const struct claims_trigger *tr = claims_triggers_word(c->r->trig, h + 1);
			if (tr && (tr->flags & CT_PART)) {
				struct claims_actor a, *ap = NULL;
				char pre[64];
				size_t n = (size_t)(h - w);
				if (n < sizeof pre) {
					memcpy(pre, w, n);
					pre[n] = '\0';
					const char *st = claims_word_state(c, pre);
					if (!st)
						st = lookup(c->r->countries, pre); /* "Russia-annexed" */
					if (st) {
						a = (struct claims_actor){ st, claims_find_loc(c, st), (uint32_t)i,
								    (uint32_t)(i + 1), st };
						ap = &a;
					}
				}
				/* "gun-controlled Chicago" names no one who holds it */
				if (!ap)
					continue;
				struct claims_match m = { tr, (uint32_t)i, (uint32_t)(i + 1), 0, 0 };
				int rc = do_trigger(c, &si, sent, &m, ap, 1);
				if (rc < 0)
					return rc;
			}
		}
		int rc0 = illegal_predicate(c, &si, sent, i);
		if (rc0 < 0)
			return rc0;
		size_t obj;
		if (claims_forces_in(c, si.s0, si.s1, i, &obj) && !claims_conditional(c, si.s0, i)) {
			struct claims_terr t[CLAIMS_MAX_T];
			struct claims_actor ac[CLAIMS_MAX_A];
			size_t un, poss, pron;
			size_t nt = claims_terr_right(c, &si, obj, 0, 0, NULL, 0, t, &un, &poss, &pron);
			if (!nt)
				continue;
			size_t na = claims_actors_left(c, si.s0, i, t, nt, 1, ac);
			int rc = emit(c, s, sent, i, CLAIM_INCURSION, CLAIM_ASSERTED, 0, ac, na, t, nt);
			if (rc < 0)
				return rc;
		}
	}
	return 0;
}

int claims_find(const struct claims_res *r, struct arena *a, const struct text_doc *doc,
		const struct entity_list *el, const struct quote_list *ql,
		const struct claims_input *in, struct claim_list *out, struct enr_error *err)
{
	memset(out, 0, sizeof *out);
	if (!r || !doc || doc->ntok == 0)
		return 0;
	static const struct entity_list empty_el = { 0 };
	struct claims_ctx c = { .r = r, .a = a, .doc = doc, .el = el ? el : &empty_el, .ql = ql, .in = in };
	c.w = arena_calloc(a, doc->ntok, sizeof *c.w);
	c.cls = arena_calloc(a, doc->ntok, sizeof *c.cls);
	size_t ne = c.el->nent ? c.el->nent : 1;
	c.pstate = arena_calloc(a, ne, sizeof *c.pstate);
	c.pdone = arena_calloc(a, ne, 1);
	c.memo = arena_calloc(a, doc->ntok, sizeof *c.memo);
	c.is_obj = arena_calloc(a, doc->ntok, 1);
	c.in_trig = arena_calloc(a, doc->ntok, 1);
	if (!c.w || !c.cls || !c.pstate || !c.pdone || !c.memo || !c.is_obj || !c.in_trig)
		return enr_error_set(err, ENR_ENOMEM, "out of memory for claims");
	for (size_t i = 0; i < doc->ntok; i++) {
		uint16_t k = doc->tok[i].kind;
		if (k != TEXT_WORD && k != TEXT_NUMBER && k != TEXT_POSSESSIVE)
			continue;
		char buf[128];
		size_t n = claims_norm(text_tok_str(doc, i), text_tok_len(doc, i), buf, sizeof buf);
		if (!n)
			continue;
		if (k == TEXT_POSSESSIVE)
			n = (size_t)snprintf(buf, sizeof buf, "'s");
		c.w[i] = arena_strndup(a, buf, n);
		if (!c.w[i])
			return enr_error_set(err, ENR_ENOMEM, "out of memory for claims");
		uint32_t bits = 0;
		lexicon_get_int_folded(r->words, buf, n, &bits);
		c.cls[i] = bits;
	}
	for (uint32_t s = 0; s < doc->nsent; s++) {
		int rc = do_sentence(&c, s);
		if (rc < 0)
			return enr_error_set(err, rc, "out of memory for claims");
	}
	out->c = c.out;
	out->n = c.nout;
	return 0;
}

/* "e<idx+1>", or null when idx < 0. */
static void ref_or_null(struct jsonw *w, int32_t idx)
{
	if (idx < 0)
		jsonw_null(w);
	else
		jsonw_ref(w, 'e', (long long)idx + 1);
}

/* The distinct surface forms of an entity ("Arvala", "Arvala region"),
 * so a client can match the territory however the text names it. */
static void entity_forms(struct jsonw *w, const struct entity_list *el,
			 const struct text_doc *doc, int32_t e)
{
	enum { MAX_FORMS = 64 };
	const char *form[MAX_FORMS];
	size_t form_len[MAX_FORMS], nform = 0;
	const struct entity *en = &el->ent[e];
	jsonw_array_begin(w);
	for (size_t k = 0; k < en->nmentions && k < MAX_FORMS; k++) {
		const struct mention *m = &el->men[en->mentions[k]];
		if (m->end > doc->len || m->start >= m->end)
			continue;
		const char *s = doc->text + m->start;
		size_t n = m->end - m->start, dup = 0;
		for (size_t x = 0; x < nform && !dup; x++)
			dup = form_len[x] == n && !memcmp(form[x], s, n);
		if (!dup && jsonw_string(w, s, n) == 0) {
			form[nform] = s;
			form_len[nform++] = n;
		}
	}
	jsonw_array_end(w);
}

void claims_render(struct jsonw *w, const struct claim_list *cl, const struct entity_list *el,
		   const struct quote_list *ql, const struct text_doc *doc, enum text_unit unit)
{
	jsonw_array_begin(w);
	for (size_t k = 0; cl && k < cl->n; k++) {
		const struct claim *c = &cl->c[k];
		jsonw_object_begin(w);
		jsonw_key(w, "id");
		jsonw_ref(w, 'c', (long long)k + 1);
		jsonw_key(w, "kind");
		jsonw_str(w, claims_kind_name(c->kind));
		jsonw_key(w, "actor");
		if (c->actor) {
			jsonw_object_begin(w);
			jsonw_key(w, "name");
			jsonw_str(w, c->actor);
			jsonw_key(w, "entity");
			ref_or_null(w, c->actor_entity);
			if (el && c->actor_entity >= 0 && (size_t)c->actor_entity < el->nent && doc) {
				jsonw_key(w, "aliases");
				entity_forms(w, el, doc, c->actor_entity);
			}
			jsonw_object_end(w);
		} else {
			jsonw_null(w);
		}
		jsonw_key(w, "territory");
		jsonw_object_begin(w);
		jsonw_key(w, "name");
		jsonw_str_or_null(w, c->territory);
		jsonw_key(w, "entity");
		ref_or_null(w, c->territory_entity);
		jsonw_key(w, "code");
		jsonw_str_or_null(w, c->code);
		if (el && c->territory_entity >= 0 && (size_t)c->territory_entity < el->nent && doc) {
			jsonw_key(w, "aliases");
			entity_forms(w, el, doc, c->territory_entity);
		}
		jsonw_object_end(w);
		jsonw_key(w, "status");
		jsonw_str(w, claims_status_name(c->status));
		jsonw_key(w, "date");
		jsonw_str_or_null(w, c->date);
		if (ql && c->source_quote >= 0 && (size_t)c->source_quote < ql->n) {
			const struct quote *q = &ql->q[c->source_quote];
			if (q->speaker_name || q->speaker_entity >= 0) {
				const char *nm = q->speaker_name;
				if (!nm && el && q->speaker_entity >= 0 && (size_t)q->speaker_entity < el->nent)
					nm = el->ent[q->speaker_entity].name;
				jsonw_key(w, "source");
				jsonw_object_begin(w);
				jsonw_key(w, "name");
				jsonw_str_or_null(w, nm);
				jsonw_key(w, "entity");
				ref_or_null(w, q->speaker_entity);
				jsonw_object_end(w);
			}
		}
		jsonw_key(w, "evidence");
		if (doc && c->ev_end <= doc->len && c->ev_start <= c->ev_end) {
			jsonw_span(w, doc->text + c->ev_start, c->ev_end - c->ev_start,
				   (long long)text_offset(doc, c->ev_start, unit),
				   (long long)text_offset(doc, c->ev_end, unit));
		} else {
			jsonw_object_begin(w);
			jsonw_object_end(w);
		}
		jsonw_object_end(w);
	}
	jsonw_array_end(w);
}
