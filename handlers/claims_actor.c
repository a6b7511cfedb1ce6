/* Actors of claims: states, capitals, institutions, titled leaders, armed
 * groups and the speaker of a quote, found around a trigger. */
#include "enricher/claims_ctx.h"

#include <stdio.h>
#include <stdlib.h>

static int actor_ending_at_raw(struct claims_ctx *c, size_t j, struct claims_actor *a, size_t *start);

/* The state a LOCATION entity is, when it is a country or a capital. */
/* The common name of a country entity: the form of it that a demonym
 * points to ("Russia", not "Russian Federation"), else its canonical name. */
const char *claims_country_display(const struct claims_ctx *c, int e)
{
	const struct entity *en = &c->el->ent[e];
	for (size_t k = 0; k < en->nmentions && k < 32; k++) {
		const struct mention *m = &c->el->men[en->mentions[k]];
		if (m->end <= m->start || m->end > c->doc->len)
			continue;
		const char *v = lexicon_get(c->r->countries, c->doc->text + m->start, m->end - m->start);
		if (v && *v)
			return v;
	}
	return en->name;
}

static int is_country(const struct entity *en)
{
	return en->code && strlen(en->code) == 2 && !strchr(en->code, '-');
}

const char *claims_loc_state(const struct claims_ctx *c, int e)
{
	const struct entity *en = &c->el->ent[e];
	char buf[128];
	size_t n = en->name ? claims_norm(en->name, strlen(en->name), buf, sizeof buf) : 0;
	const char *cap = n ? lexicon_get_folded(c->r->capitals, buf, n) : NULL;
	if (cap && *cap)
		return cap;
	if (is_country(en))
		return claims_country_display(c, e);
	return NULL;
}

/* A LOCATION entity by name (case-insensitive), or -1. */
int claims_find_loc(const struct claims_ctx *c, const char *name)
{
	if (!c->el || !name)
		return -1;
	for (size_t e = 0; e < c->el->nent; e++)
		if (c->el->ent[e].type == NER_LOC && c->el->ent[e].name &&
		    strcasecmp(c->el->ent[e].name, name) == 0)
			return (int)e;
	/* "Russia" for the entity named "Russian Federation" */
	for (size_t e = 0; e < c->el->nent; e++)
		if (c->el->ent[e].type == NER_LOC && is_country(&c->el->ent[e]) &&
		    strcasecmp(claims_country_display(c, (int)e), name) == 0)
			return (int)e;
	return -1;
}
int claims_is_hyphen_negated(const char *w)
{
	return !strncmp(w, "anti-", 5) || !strncmp(w, "pro-", 4) || !strncmp(w, "non-", 4) ||
	       !strncmp(w, "ex-", 3) || !strncmp(w, "post-", 5) || !strncmp(w, "pre-", 4);
}
/* "Russian-backed", "U.S.-led", "Kremlin-run": the prefix is who acts; not
 * "Iraq-style" or "Russia-born". */
static int hyphen_agent(const char *suf)
{
	size_t n = strlen(suf);
	if (n >= 2 && !strcmp(suf + n - 2, "ed") && strcmp(suf, "born") && strcmp(suf, "based"))
		return 1;
	return !strcmp(suf, "run") || !strcmp(suf, "held") || !strcmp(suf, "led") ||
	       !strcmp(suf, "built") || !strcmp(suf, "won");
}

/* "Tigrayan", "Eritrean", "Kashmiri": a nationality word the lexicon lacks,
 * built on a place the text names; that place's name, or NULL. */
static const char *derived_demonym(const struct claims_ctx *c, const char *w)
{
	static const char *const sfx[] = { "an", "n", "ese", "i", "ish", NULL };
	size_t wl = strlen(w);
	if (wl < 5 || !c->el)
		return NULL;
	for (size_t k = 0; sfx[k]; k++) {
		size_t sl = strlen(sfx[k]);
		char base[64];
		if (wl < sl + 4 || wl - sl >= sizeof base || strcmp(w + wl - sl, sfx[k]) != 0)
			continue;
		memcpy(base, w, wl - sl);
		base[wl - sl] = '\0';
		int e = claims_find_loc(c, base);
		if (e >= 0)
			return c->el->ent[e].name;
		/* "Tigray region", "Oromia province" */
		for (size_t k2 = 0; k2 < c->el->nent; k2++) {
			const char *n = c->el->ent[k2].name;
			if (c->el->ent[k2].type == NER_LOC && n && strncasecmp(n, base, wl - sl) == 0 &&
			    n[wl - sl] == ' ' && n[wl - sl + 1] >= 'a' && n[wl - sl + 1] <= 'z')
				return n;
		}
	}
	return NULL;
}

/* State named by a single word: demonym, country word, institution, or the
 * prefix of a hyphen compound ("Russian-backed", "U.S.-led"). */
const char *claims_word_state(const struct claims_ctx *c, const char *w)
{
	if (!w)
		return NULL;
	const char *v = lookup(c->r->demonyms, w);
	if (v && *v)
		return v;
	v = lookup(c->r->actors, w);
	if (v && *v)
		return v;
	v = lookup(c->r->capitals, w);
	if (v && *v)
		return v;
	const char *h = strchr(w, '-');
	if (h && h != w && !claims_is_hyphen_negated(w) && hyphen_agent(h + 1)) {
		char pre[64];
		size_t n = (size_t)(h - w);
		if (n < sizeof pre) {
			memcpy(pre, w, n);
			pre[n] = '\0';
			v = lookup(c->r->demonyms, pre);
			if (!v || !*v)
				v = lookup(c->r->actors, pre);
			if (!v || !*v)
				v = lookup(c->r->countries, pre); /* "Russia-annexed" */
			if (v && *v)
				return v;
		}
	}
	return h ? NULL : derived_demonym(c, w);
}
static const char *org_state(const struct claims_ctx *c, int e)
{
	const struct entity *en = &c->el->ent[e];
	if (!en->name)
		return NULL;
	const char *v = lexicon_get(c->r->actors, en->name, strlen(en->name));
	if (v && *v)
		return v;
	/* "Russian Defense Ministry", "Israel Defense Forces" */
	char buf[128];
	size_t n = claims_norm(en->name, strlen(en->name), buf, sizeof buf);
	if (!n)
		return NULL;
	char *sp = strchr(buf, ' ');
	if (!sp)
		return NULL;
	*sp = '\0';
	v = lookup(c->r->demonyms, buf);
	/* "European Union", "African Union", "Arab League" act for themselves */
	static const char *const regions[] = { "Europe", "Africa", "Asia", "Arab world", "Latin America",
					       "Middle East", "Oceania", NULL };
	for (size_t k = 0; v && regions[k]; k++)
		if (strcasecmp(v, regions[k]) == 0)
			return NULL;
	return v && *v ? v : NULL;
}
/* An organisation that can take territory: a listed armed group, or one
 * whose name says it is armed ("Rapid Support Forces", "Polisario Front"). */
static int armed_org(const struct claims_ctx *c, const char *name)
{
	char buf[128];
	size_t n = name ? claims_norm(name, strlen(name), buf, sizeof buf) : 0;
	if (!n)
		return 0;
	if (lexicon_get_folded(c->r->armed, buf, n))
		return 1;
	char *save = NULL;
	for (char *w = strtok_r(buf, " ", &save); w; w = strtok_r(NULL, " ", &save)) {
		uint32_t cls = 0;
		lexicon_get_int_folded(c->r->words, w, strlen(w), &cls);
		if (cls & (CW_MIL | CW_GROUP | CW_ARMED))
			return 1;
	}
	return 0;
}

/* The state a person speaks for, from the words before any of its mentions
 * ("Russian President Vladimir Putin", "Freedonian Prime Minister Ana Ruiz",
 * "militia head Pavel Orlov"). */
static const char *person_state(struct claims_ctx *c, int e)
{
	if (c->pdone[e])
		return *c->pstate[e] ? c->pstate[e] : NULL;
	c->pdone[e] = 1;
	c->pstate[e] = "";
	const struct entity *en = &c->el->ent[e];
	const char *org = NULL;
	for (size_t k = 0; k < en->nmentions; k++) {
		const struct mention *m = &c->el->men[en->mentions[k]];
		size_t lo = m->tok > 6 ? m->tok - 6 : 0;
		const char *best = NULL;
		for (size_t j = m->tok; j-- > lo;) {
			if (c->doc->tok[j].kind == TEXT_POSSESSIVE)
				continue;
			if (!c->w[j] || (c->doc->tok[j].flags & TEXT_F_SENT_START && j + 1 < m->tok &&
					 !(c->doc->tok[j].flags & TEXT_F_UPPER)))
				break;
			int oe = entity_at(c, j);
			if (oe >= 0 && oe != e && ent_type(c, oe) != NER_MISC) {
				size_t t0, t1;
				mention_span(c, j, &t0, &t1);
				if (ent_type(c, oe) == NER_LOC) {
					const char *s = claims_loc_state(c, oe);
					if (s)
						best = s;
				} else if (ent_type(c, oe) == NER_ORG && !org && !best) {
					struct claims_actor a;
					if (claims_actor_of_entity(c, oe, &a))
						org = a.state ? a.state : a.name;
				}
				j = t0;
				continue;
			}
			const char *s = claims_word_state(c, c->w[j]);
			if (s) {
				best = s;
				continue;
			}
			if (!(c->cls[j] & CW_TITLE) && !(c->doc->tok[j].flags & TEXT_F_UPPER))
				break;
		}
		if (best) {
			c->pstate[e] = best;
			return best;
		}
	}
	if (org)
		c->pstate[e] = org;
	return org;
}
/* Fills a from entity e when it can act: a country, a capital, an
 * institution or armed group, a person who speaks for a state. */
int claims_actor_of_entity(struct claims_ctx *c, int e, struct claims_actor *a)
{
	const struct entity *en = &c->el->ent[e];
	a->ent = e;
	a->state = NULL;
	switch (en->type) {
	case NER_LOC: {
		const char *s = claims_loc_state(c, e);
		if (!s)
			return 0;
		a->name = s;
		a->state = s;
		if (!is_country(en))
			a->ent = claims_find_loc(c, s); /* a capital stands for its country */
		return 1;
	}
	case NER_ORG: {
		const char *s = org_state(c, e);
		if (s) {
			a->name = s;
			a->state = s;
			a->ent = claims_find_loc(c, s);
			return 1;
		}
		/* a company, a party or a channel takes no territory */
		if (!armed_org(c, en->name))
			return 0;
		a->name = en->name;
		return 1;
	}
	case NER_PER: {
		const char *s = person_state(c, e);
		if (!s)
			return 0;
		a->name = s;
		a->state = s;
		a->ent = claims_find_loc(c, s);
		return 1;
	}
	default:
		return 0;
	}
}
/* The quote whose content holds byte off, or -1. */
int claims_quote_at(const struct claims_ctx *c, uint32_t off)
{
	if (!c->ql)
		return -1;
	for (size_t q = 0; q < c->ql->n; q++)
		if (c->ql->q[q].start <= off && off < c->ql->q[q].end)
			return (int)q;
	return -1;
}
/* The state a quote's speaker stands for ("we", "our"). */
int claims_speaker_actor(struct claims_ctx *c, size_t tok, struct claims_actor *a)
{
	int q = claims_quote_at(c, c->doc->tok[tok].start);
	if (q < 0)
		return 0;
	int e = c->ql->q[q].speaker_entity;
	if (e < 0 || (size_t)e >= c->el->nent)
		return 0;
	return claims_actor_of_entity(c, e, a);
}
/* A nationality acts when it names who acts: "Russian troops", "Russian
 * officials", "Russian control", "the Russian invasion", "Russian Defense
 * Ministry", "Russians"; not "the Japanese market" or "Russian gas".
 * Institutions, capitals and hyphen compounds always do. */
static int demonym_acts(const struct claims_ctx *c, size_t j)
{
	const char *w = c->w[j];
	if (lookup(c->r->actors, w) || lookup(c->r->capitals, w) ||
	    (!lookup(c->r->demonyms, w) && !derived_demonym(c, w)))
		return 1;
	if (j + 1 >= c->doc->ntok || !c->w[j + 1])
		return 1; /* a noun itself: "the Russians." */
	if (c->doc->tok[j + 1].kind == TEXT_POSSESSIVE)
		return 1;
	uint32_t nx = c->cls[j + 1];
	if (nx & (CW_MIL | CW_TITLE | CW_GROUP | CW_GOV | CW_BE | CW_AUX | CW_MODAL))
		return 1;
	if ((c->doc->tok[j + 1].flags & TEXT_F_UPPER) && c->doc->tok[j + 1].kind == TEXT_WORD)
		return 1;
	/* "Russian-occupied", "Ukrainian-controlled" as two tokens: the verb */
	return claims_triggers_word(c->r->trig, c->w[j + 1]) != NULL;
}
/* The actor phrase that ends at token j (scanning leftwards), with *start set
 * to its first token; 0 if none. Memoised per token: scans ask it often. */
int claims_actor_ending_at(struct claims_ctx *c, size_t j, struct claims_actor *a, size_t *start)
{
	struct claims_actor_memo *m = &c->memo[j];
	if (!m->done) {
		size_t st = j;
		m->ok = (uint8_t)actor_ending_at_raw(c, j, &m->a, &st);
		m->start = (uint32_t)st;
		m->done = 1;
	}
	*start = m->start;
	if (m->ok)
		*a = m->a;
	return m->ok;
}
static int actor_ending_at_raw(struct claims_ctx *c, size_t j, struct claims_actor *a, size_t *start)
{
	int e = entity_at(c, j);
	/* nationalities come as MISC: read their words instead */
	if (e >= 0 && ent_type(c, e) != NER_MISC) {
		size_t t0, t1;
		mention_span(c, j, &t0, &t1);
		*start = t0;
		/* "Anti-Kremlin militia groups": the entity is inside a negated compound */
		if (c->w[t0] && claims_is_hyphen_negated(c->w[t0]))
			return 0;
		if (!claims_actor_of_entity(c, e, a))
			return 0;
		a->tok0 = (uint32_t)t0;
		a->tok1 = (uint32_t)t1;
		return 1;
	}
	*start = j;
	const char *w = c->w[j];
	if (!w)
		return 0;
	/* two-word institutions ("white house") */
	if (j > 0 && c->w[j - 1]) {
		char buf[160];
		int n = snprintf(buf, sizeof buf, "%s %s", c->w[j - 1], w);
		const char *v = n > 0 && (size_t)n < sizeof buf ? lookup(c->r->actors, buf) : NULL;
		if (v && *v) {
			*start = j - 1;
			*a = (struct claims_actor){ v, claims_find_loc(c, v), (uint32_t)(j - 1), (uint32_t)(j + 1), v };
			return 1;
		}
	}
	const char *s = claims_word_state(c, w);
	if (s && demonym_acts(c, j)) {
		*a = (struct claims_actor){ s, claims_find_loc(c, s), (uint32_t)j, (uint32_t)(j + 1), s };
		return 1;
	}
	/* a country the entity layer missed ("Turkey", "South Korea") */
	for (size_t n = 1; n <= 3 && n <= j + 1; n++) {
		size_t s0 = j + 1 - n;
		if (!(c->doc->tok[s0].flags & TEXT_F_UPPER) || entity_at(c, s0) >= 0)
			break;
		char buf[160];
		size_t o = 0;
		for (size_t k = s0; k <= j && c->w[k] && o < sizeof buf; k++) {
			int wr = snprintf(buf + o, sizeof buf - o, "%s%s", k > s0 ? " " : "", c->w[k]);
			o = wr < 0 ? sizeof buf : o + (size_t)wr;
		}
		const char *v = o < sizeof buf ? lookup(c->r->countries, buf) : NULL;
		if (v) {
			*start = s0;
			*a = (struct claims_actor){ v, claims_find_loc(c, v), (uint32_t)s0, (uint32_t)(j + 1), v };
			return 1;
		}
	}
	if (c->cls[j] & CW_WE)
		if (claims_speaker_actor(c, j, a)) {
			a->tok0 = (uint32_t)j;
			a->tok1 = (uint32_t)(j + 1);
			return 1;
		}
	/* a group phrase that no entity names: "militia groups" with its modifiers */
	if (c->cls[j] & CW_GROUP && !(j + 1 < c->doc->ntok && c->cls[j + 1] & CW_GROUP)) {
		size_t s0 = j;
		while (s0 > 0 && s0 + 4 > j && c->w[s0 - 1] && !(c->cls[s0 - 1] & (CW_DET | CW_POSS)) &&
		       !(c->cls[s0 - 1] & (CW_BOUND | CW_PREP | CW_BE | CW_AUX | CW_REL)) &&
		       c->doc->tok[s0 - 1].kind == TEXT_WORD)
			s0--;
		/* "Hamas fighters", "Tigrayan fighters": the named group or state */
		for (size_t k = s0; k < j; k++) {
			int ge = entity_at(c, k);
			const char *st = NULL;
			if (ge >= 0 && ent_type(c, ge) != NER_MISC && claims_actor_of_entity(c, ge, a)) {
				a->tok0 = (uint32_t)s0;
				a->tok1 = (uint32_t)(j + 1);
				*start = s0;
				return 1;
			}
			/* "M23 rebels": the armed word shows the organisation acts */
			if (ge >= 0 && ent_type(c, ge) == NER_ORG && (c->cls[j] & (CW_MIL | CW_ARMED | CW_GROUP))) {
				*a = (struct claims_actor){ c->el->ent[ge].name, ge, (uint32_t)s0, (uint32_t)(j + 1),
							    NULL };
				*start = s0;
				return 1;
			}
			if (c->w[k] && !strchr(c->w[k], '-') && (st = lookup(c->r->demonyms, c->w[k])) && *st) {
				*a = (struct claims_actor){ st, claims_find_loc(c, st), (uint32_t)s0,
							    (uint32_t)(j + 1), st };
				*start = s0;
				return 1;
			}
		}
		if (s0 < j && (c->doc->tok[s0].flags & TEXT_F_UPPER)) {
			const char *t = c->doc->text + c->doc->tok[s0].start;
			/* "M23 rebels", "FDLR militias": an acronym names the group;
			 * "Anti-Kremlin militia groups" keeps its phrase */
			size_t last = j;
			int acro = 1;
			for (size_t k = s0; k < j && acro; k++) {
				if (entity_at(c, k) >= 0) {
					acro = 0;  /* "US troops": a phrase on a named state */
					break;
				}
				if (!(c->doc->tok[k].flags & TEXT_F_UPPER))
					break;
				acro = (c->doc->tok[k].flags & TEXT_F_ALLCAPS) || text_tok_has_digit(c->doc, k);
				last = k;
			}
			size_t end = acro && last < j ? c->doc->tok[last].end : c->doc->tok[j].end;
			*a = (struct claims_actor){ arena_strndup(c->a, t, end - c->doc->tok[s0].start),
					     -1, (uint32_t)s0, (uint32_t)(j + 1), NULL };
			*start = s0;
			return a->name != NULL;
		}
	}
	return 0;
}

/* The country a territory lies in, as a name ("Ukraine"). */
const char *claims_terr_country_name(const struct claims_ctx *c, const struct claims_terr *t)
{
	if (t->ent < 0) {
		return t->name;
	}
	const struct entity *en = &c->el->ent[t->ent];
	if (is_country(en))
		return claims_country_display(c, t->ent);
	const char *cc = en->country;
	if (!cc && en->code && strchr(en->code, '-')) {
		/* "UA-65": the country part */
		for (size_t e = 0; e < c->el->nent; e++)
			if (is_country(&c->el->ent[e]) && !strncmp(c->el->ent[e].code, en->code, 2))
				return claims_country_display(c, (int)e);
		return NULL;
	}
	if (!cc)
		return NULL;
	/* the country's entity in this article, by its code */
	for (size_t e = 0; e < c->el->nent; e++)
		if (c->el->ent[e].code && !strcmp(c->el->ent[e].code, cc))
			return claims_country_display(c, (int)e);
	return cc;
}
/* Scans left from token `from` (exclusive) to s0 for the nearest actors not
 * equal to the territories; with avoid set, prefers an actor that is not the
 * state the territory lies in. Coordinated actors ("India and Pakistan") are
 * all returned. */
size_t claims_actors_left(struct claims_ctx *c, size_t s0, size_t from, const struct claims_terr *t, size_t nt,
			  int avoid, struct claims_actor *out)
{
	struct claims_actor first = { 0 };
	size_t firstpos = 0;
	int have_first = 0;
	size_t lim = from > s0 + 40 ? from - 40 : s0;
	for (size_t j = from; j-- > lim;) {
		if (is_punct(c, j, ';'))
			break;
		/* a relative pronoun right before the verb: its antecedent acts
		 * ("India, which controls Ladakh"), or no one ("the Republicans
		 * who control Congress") */
		if (word_is(c, j, "who") || word_is(c, j, "which") || word_is(c, j, "that")) {
			int adjacent = 1;
			for (size_t k = j + 1; k < from; k++)
				if (!(c->cls[k] & (CW_ADV | CW_AUX | CW_BE | CW_MODAL)))
					adjacent = 0;
			if (!adjacent)
				continue;
			size_t q = j;
			if (q > lim && is_punct(c, q - 1, ','))
				q--;
			struct claims_actor b;
			size_t bst;
			if (q > lim && claims_actor_ending_at(c, q - 1, &b, &bst)) {
				out[0] = b;
				return 1;
			}
			/* "Eritrean troops, who entered": past the noun to its
			 * nationality */
			size_t k = q - 1;
			while (k > lim && k + 3 > q && c->w[k] && (c->cls[k] & (CW_MIL | CW_GROUP | CW_GOV)))
				k--;
			if (k + 1 < q && k >= lim && claims_actor_ending_at(c, k, &b, &bst)) {
				out[0] = b;
				return 1;
			}
			break;
		}
		struct claims_actor a;
		size_t st;
		if (!claims_actor_ending_at(c, j, &a, &st)) {
			j = st;
			continue;
		}
		int skip = c->is_obj[st];
		for (size_t k = 0; k < nt; k++)
			if ((a.ent >= 0 && a.ent == t[k].ent) || same_state(a.name, t[k].name))
				skip = 1;
		int own = 0;
		if (avoid)
			for (size_t k = 0; k < nt; k++)
				if (same_state(a.state, claims_terr_country_name(c, &t[k])))
					own = 1;
		if (!skip && !own) {
			size_t n = 0;
			out[n++] = a;
			/* coordination: "X and Y", "X, Y and Z" */
			size_t p = st;
			while (n < CLAIMS_MAX_A && p >= s0 + 2 && (word_is(c, p - 1, "and") || is_punct(c, p - 1, ','))) {
				struct claims_actor b;
				size_t bst;
				if (!claims_actor_ending_at(c, p - 2, &b, &bst))
					break;
				out[n++] = b;
				p = bst;
			}
			return n;
		}
		if (!skip && !have_first) {
			first = a;
			firstpos = st;
			have_first = 1;
		}
		j = st;
	}
	(void)firstpos;
	if (have_first) {
		out[0] = first;
		return 1;
	}
	return 0;
}
/* The first actor on the right of token from within max tokens. */
int claims_actor_right(struct claims_ctx *c, size_t from, size_t s1, size_t max, struct claims_actor *out)
{
	for (size_t j = from; j < s1 && j < from + max; j++) {
		if (is_punct(c, j, ';') || is_punct(c, j, '.') || (c->cls[j] & CW_BOUND))
			return 0;
		/* the actor is in this noun phrase: "part of a summit in Slovakia" is not */
		if ((c->cls[j] & CW_PREP) && !word_is(c, j, "of"))
			return 0;
		size_t t1 = j + 1;
		int e = entity_at(c, j);
		if (e >= 0) {
			size_t t0;
			mention_span(c, j, &t0, &t1);
		}
		struct claims_actor a;
		size_t st;
		if (claims_actor_ending_at(c, t1 - 1, &a, &st) && st >= from) {
			*out = a;
			return 1;
		}
		j = t1 - 1;
	}
	return 0;
}
/* The actor of the latest claim on territory t, if any. */
int claims_prior_actor(const struct claims_ctx *c, const struct claims_terr *t, struct claims_actor *a)
{
	for (size_t k = c->nout; k-- > 0;) {
		const struct claim *o = &c->out[k];
		if (o->actor && claims_same_terr(o->territory, t->name)) {
			*a = (struct claims_actor){ o->actor, o->actor_entity, 0, 0, NULL };
			return 1;
		}
	}
	return 0;
}
/* "They already control X": a pronoun subject is the last claim's actor
 * when that claim is at most two sentences back. */
size_t claims_pronoun_subject(const struct claims_ctx *c, const struct claims_sent *si, uint32_t sent, size_t i,
			      struct claims_actor *ac)
{
	if (!c->last_na || sent - c->last_ac_sent > 2)
		return 0;
	for (size_t j = i, k = 0; j-- > si->s0 && k < 6; k++) {
		if (is_sep(c, j))
			return 0;
		if ((c->cls[j] & CW_PRON) && !(c->cls[j] & CW_DET)) {
			memcpy(ac, c->last_ac, c->last_na * sizeof *ac);
			return c->last_na;
		}
	}
	return 0;
}
/* "claim Kashmir in full but rule it in part": a verb coordinated without
 * its own subject shares the last claim's actors. */
size_t claims_shared_subject(const struct claims_ctx *c, const struct claims_sent *si, uint32_t sent, size_t i,
			     struct claims_actor *ac)
{
	size_t j = i;
	while (j > si->s0 && (c->cls[j - 1] & (CW_ADV | CW_AUX)))
		j--;
	if (j == si->s0 || !(word_is(c, j - 1, "and") || word_is(c, j - 1, "but")))
		return 0;
	if (!c->last_na || c->last_ac_sent != sent)
		return 0;
	memcpy(ac, c->last_ac, c->last_na * sizeof *ac);
	return c->last_na;
}
/* The actor a nominalisation carries: "Russia's annexation of", "the Russian
 * invasion of", "U.S.-led invasion of". */
int claims_noun_actor(struct claims_ctx *c, size_t s0, size_t i, struct claims_actor *a)
{
	for (size_t j = i, k = 0; j-- > s0 && k < 4; k++) {
		if (c->doc->tok[j].kind == TEXT_POSSESSIVE) {
			if (j == s0)
				return 0;
			size_t st;
			if (c->cls[j - 1] & CW_POSS)
				return 0;
			return claims_actor_ending_at(c, j - 1, a, &st);
		}
		if (c->cls[j] & CW_POSS)
			return 0; /* "its", "their": the context decides */
		size_t st;
		if (claims_actor_ending_at(c, j, a, &st))
			return 1;
		if (!c->w[j] || (c->cls[j] & (CW_BOUND | CW_PREP | CW_BE | CW_AUX | CW_MODAL)))
			return 0;
	}
	return 0;
}
/* After the object: "by Russia". */
int claims_by_actor(struct claims_ctx *c, size_t from, size_t s1, struct claims_actor *a)
{
	for (size_t j = from; j < s1 && j < from + 8; j++) {
		if (word_is(c, j, "by"))
			return claims_actor_right(c, j + 1, s1, 5, a);
		if (is_punct(c, j, ';') || is_punct(c, j, '.') || (c->cls[j] & (CW_BOUND | CW_REL)))
			return 0;
	}
	return 0;
}
/* "The Kremlin has conditions: Ukraine must accept X": who demands the
 * recognition is the first actor of the sentence, before the one told to. */
void claims_demander(struct claims_ctx *c, const struct claims_sent *si, size_t told, const struct claims_terr *t,
		     size_t nt, struct claims_actor *a)
{
	for (size_t j = si->s0; j < told; j++) {
		struct claims_actor b;
		size_t st, t0 = j, t1 = j + 1;
		if (entity_at(c, j) >= 0)
			mention_span(c, j, &t0, &t1);
		if (claims_actor_ending_at(c, t1 - 1, &b, &st) && !same_state(b.name, a->name)) {
			int isterr = 0;
			for (size_t k = 0; k < nt; k++)
				if (same_state(b.name, t[k].name))
					isterr = 1;
			if (!isterr) {
				*a = b;
				return;
			}
		}
		j = t1 - 1;
	}
}

/* The actor of the latest claim of that kind in the article, if any. */
size_t claims_kind_actor(const struct claims_ctx *c, int kind, struct claims_actor *a)
{
	for (size_t k = c->nout; k-- > 0;) {
		const struct claim *o = &c->out[k];
		if (o->kind == kind && o->actor) {
			*a = (struct claims_actor){ o->actor, o->actor_entity, 0, 0, NULL };
			return 1;
		}
	}
	return 0;
}
