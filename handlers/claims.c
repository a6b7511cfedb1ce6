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

#include "enricher/claims_date.h"
#include "enricher/claims_lex.h"
#include "enricher/tagger.h"

struct claims_res {
	struct claims_triggers *trig;
	struct claims_map *words;     /* word -> classes ("be,cop") */
	struct claims_map *actors;    /* institution -> state ("kremlin" -> Russia) */
	struct claims_map *demonyms;  /* "russian" -> Russia */
	struct claims_map *capitals;  /* "kyiv" -> Ukraine */
	struct claims_map *countries; /* "united states" -> United States (the demonyms' values) */
};

/* Word classes of claim_words.txt. */
enum {
	W_BE = 1 << 0, W_COP = 1 << 1, W_MODAL = 1 << 2, W_DEMAND = 1 << 3,
	W_REPORT = 1 << 4, W_NEG = 1 << 5, W_DENY = 1 << 6, W_COND = 1 << 7,
	W_BOUND = 1 << 8, W_REL = 1 << 9, W_DET = 1 << 10, W_POSS = 1 << 11,
	W_PRON = 1 << 12, W_WE = 1 << 13, W_TERR = 1 << 14, W_MIL = 1 << 15,
	W_GROUP = 1 << 16, W_ADV = 1 << 17, W_IN = 1 << 18, W_TITLE = 1 << 19,
	W_AUX = 1 << 20, W_PREP = 1 << 21, W_INTENT = 1 << 22, W_STANCE = 1 << 23,
	W_QUANT = 1 << 24, W_HYPO = 1 << 25, W_GOV = 1 << 26, W_ACT = 1 << 27
};

static const struct { const char *name; uint32_t bit; } word_classes[] = {
	{ "be", W_BE }, { "cop", W_COP }, { "modal", W_MODAL }, { "demand", W_DEMAND },
	{ "report", W_REPORT }, { "neg", W_NEG }, { "deny", W_DENY }, { "cond", W_COND },
	{ "bound", W_BOUND }, { "rel", W_REL }, { "det", W_DET }, { "poss", W_POSS },
	{ "pron", W_PRON }, { "we", W_WE }, { "terr", W_TERR }, { "mil", W_MIL },
	{ "group", W_GROUP }, { "adv", W_ADV }, { "in", W_IN }, { "title", W_TITLE },
	{ "aux", W_AUX }, { "prep", W_PREP }, { "intent", W_INTENT }, { "stance", W_STANCE },
	{ "quant", W_QUANT }, { "hypo", W_HYPO }, { "gov", W_GOV }, { "act", W_ACT },
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
	claims_map_free(r->words);
	claims_map_free(r->actors);
	claims_map_free(r->demonyms);
	claims_map_free(r->capitals);
	claims_map_free(r->countries);
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
	if ((rc = claims_map_load(path, 0, &r->words, err)) < 0)
		goto fail;
	claims_map_set_ints(r->words, parse_classes);
	snprintf(path, sizeof path, "%s/lexicons/claim_actors.txt", dir);
	if ((rc = claims_map_load(path, 0, &r->actors, err)) < 0)
		goto fail;
	/* shared with the entity layer, which owns them: optional here */
	snprintf(path, sizeof path, "%s/lexicons/demonyms.txt", dir);
	if ((rc = claims_map_load(path, 1, &r->demonyms, err)) < 0)
		goto fail;
	snprintf(path, sizeof path, "%s/lexicons/capitals.txt", dir);
	if ((rc = claims_map_load(path, 1, &r->capitals, err)) < 0)
		goto fail;
	if ((rc = claims_map_invert(r->demonyms, &r->countries, err)) < 0)
		goto fail;
	*out = r;
	return 0;
fail:
	claims_res_free(r);
	return rc;
}

/* ---- per-request state ---- */

#define MAX_T 12  /* territories of one trigger (a list) */
#define MAX_A 4   /* coordinated actors */

struct actor {
	const char *name;
	int32_t ent;
	uint32_t tok0, tok1;  /* tokens of the phrase */
	const char *state;    /* country it stands for, or NULL (an armed group, a company) */
};

struct terr {
	const char *name;
	int32_t ent;
	const char *code;
	const char *country;  /* alpha-2 or country name of the containing state */
};

struct actor_memo {
	struct actor a;
	uint32_t start;
	uint8_t done, ok;
};

struct ctx {
	struct actor_memo *memo; /* per token */
	uint8_t *is_obj;         /* per token: the object of an earlier trigger, so no actor */
	int allow_no_actor;      /* "illegal annexation": a refusal whoever voices it */
	const struct claims_res *r;
	struct arena *a;
	const struct text_doc *doc;
	const struct entity_list *el;
	const struct quote_list *ql;
	const struct claims_input *in;
	const char **w;        /* per token: lowercase word, NULL for punctuation */
	uint32_t *cls;         /* per token: word classes */
	const char **pstate;   /* per entity: the state a person speaks for (lazily), "" none */
	uint8_t *pdone;
	struct claim *out;
	size_t nout, cap;
	/* the actors of the last claim and its sentence, for "X claims A and holds B" */
	struct actor last_ac[MAX_A];
	size_t last_na;
	uint32_t last_ac_sent;
	/* the territory of the last claim, for "it" and "this" */
	struct terr last_terr;
	uint32_t last_terr_sent;
	int have_last;
};

static int is_punct(const struct ctx *c, size_t i, char ch)
{
	const struct text_token *t = &c->doc->tok[i];
	return (t->kind == TEXT_PUNCT || t->kind == TEXT_DASH || t->kind == TEXT_QUOTE) &&
	       c->doc->text[t->start] == ch;
}

static int is_sep(const struct ctx *c, size_t i)
{
	uint16_t k = c->doc->tok[i].kind;
	return k == TEXT_PUNCT || k == TEXT_QUOTE || k == TEXT_ELLIPSIS;
}

static int word_is(const struct ctx *c, size_t i, const char *s)
{
	return c->w[i] && strcmp(c->w[i], s) == 0;
}

static int mention_at(const struct ctx *c, size_t i)
{
	if (!c->el || !c->el->tok_mention || i >= c->doc->ntok)
		return -1;
	return c->el->tok_mention[i];
}

static int entity_at(const struct ctx *c, size_t i)
{
	int m = mention_at(c, i);
	if (m < 0 || (size_t)m >= c->el->nmen)
		return -1;
	int e = c->el->men[m].entity;
	return e >= 0 && (size_t)e < c->el->nent ? e : -1;
}

static int ent_type(const struct ctx *c, int e)
{
	return e >= 0 ? c->el->ent[e].type : NER_NONE;
}

/* Token range [*t0, *t1) of the mention covering i. */
static void mention_span(const struct ctx *c, size_t i, size_t *t0, size_t *t1)
{
	int m = mention_at(c, i);
	*t0 = c->el->men[m].tok;
	*t1 = c->el->men[m].tok + c->el->men[m].ntok;
}

static const char *lookup(const struct claims_map *m, const char *s)
{
	return s ? claims_map_get_norm(m, s, strlen(s)) : NULL;
}

/* The state a LOCATION entity is, when it is a country or a capital. */
static const char *loc_state(const struct ctx *c, int e)
{
	const struct entity *en = &c->el->ent[e];
	char buf[128];
	size_t n = en->name ? claims_norm(en->name, strlen(en->name), buf, sizeof buf) : 0;
	const char *cap = n ? claims_map_get_norm(c->r->capitals, buf, n) : NULL;
	if (cap && *cap)
		return cap;
	if (en->code && !strchr(en->code, '-') && strlen(en->code) == 2)
		return en->name;
	return NULL;
}

/* A LOCATION entity by name (case-insensitive), or -1. */
static int find_loc(const struct ctx *c, const char *name)
{
	if (!c->el || !name)
		return -1;
	for (size_t e = 0; e < c->el->nent; e++)
		if (c->el->ent[e].type == NER_LOC && c->el->ent[e].name &&
		    strcasecmp(c->el->ent[e].name, name) == 0)
			return (int)e;
	return -1;
}

static int is_hyphen_negated(const char *w)
{
	return !strncmp(w, "anti-", 5) || !strncmp(w, "pro-", 4) || !strncmp(w, "non-", 4) ||
	       !strncmp(w, "ex-", 3) || !strncmp(w, "post-", 5) || !strncmp(w, "pre-", 4);
}

/* State named by a single word: demonym, country word, institution, or the
 * prefix of a hyphen compound ("Russian-backed", "U.S.-led"). */
static const char *word_state(const struct ctx *c, const char *w)
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
	if (h && h != w && !is_hyphen_negated(w)) {
		char pre[64];
		size_t n = (size_t)(h - w);
		if (n < sizeof pre) {
			memcpy(pre, w, n);
			pre[n] = '\0';
			v = lookup(c->r->demonyms, pre);
			if (!v || !*v)
				v = lookup(c->r->actors, pre);
			if (v && *v)
				return v;
		}
	}
	return NULL;
}

static const char *org_state(const struct ctx *c, int e)
{
	const struct entity *en = &c->el->ent[e];
	if (!en->name)
		return NULL;
	const char *v = claims_map_get(c->r->actors, en->name, strlen(en->name));
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
	return v && *v ? v : NULL;
}

static int actor_of_entity(struct ctx *c, int e, struct actor *a);

/* The state a person speaks for, from the words before any of its mentions
 * ("Russian President Vladimir Putin", "Pakistan Prime Minister Imran Khan",
 * "Wagner head Yevgeny Prigozhin"). */
static const char *person_state(struct ctx *c, int e)
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
					const char *s = loc_state(c, oe);
					if (s)
						best = s;
				} else if (ent_type(c, oe) == NER_ORG && !org && !best) {
					struct actor a;
					if (actor_of_entity(c, oe, &a))
						org = a.state ? a.state : a.name;
				}
				j = t0;
				continue;
			}
			const char *s = word_state(c, c->w[j]);
			if (s) {
				best = s;
				continue;
			}
			if (!(c->cls[j] & W_TITLE) && !(c->doc->tok[j].flags & TEXT_F_UPPER))
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
static int actor_of_entity(struct ctx *c, int e, struct actor *a)
{
	const struct entity *en = &c->el->ent[e];
	a->ent = e;
	a->state = NULL;
	switch (en->type) {
	case NER_LOC: {
		const char *s = loc_state(c, e);
		if (!s)
			return 0;
		a->name = s;
		a->state = s;
		if (strcasecmp(s, en->name) != 0)
			a->ent = find_loc(c, s);
		return 1;
	}
	case NER_ORG: {
		const char *s = org_state(c, e);
		if (s) {
			a->name = s;
			a->state = s;
			a->ent = find_loc(c, s);
		} else {
			a->name = en->name;
		}
		return a->name != NULL;
	}
	case NER_PER: {
		const char *s = person_state(c, e);
		if (!s)
			return 0;
		a->name = s;
		a->state = s;
		a->ent = find_loc(c, s);
		return 1;
	}
	default:
		return 0;
	}
}

/* The quote whose content holds byte off, or -1. */
static int quote_at(const struct ctx *c, uint32_t off)
{
	if (!c->ql)
		return -1;
	for (size_t q = 0; q < c->ql->n; q++)
		if (c->ql->q[q].start <= off && off < c->ql->q[q].end)
			return (int)q;
	return -1;
}

/* The state a quote's speaker stands for ("we", "our"). */
static int speaker_actor(struct ctx *c, size_t tok, struct actor *a)
{
	int q = quote_at(c, c->doc->tok[tok].start);
	if (q < 0)
		return 0;
	int e = c->ql->q[q].speaker_entity;
	if (e < 0 || (size_t)e >= c->el->nent)
		return 0;
	return actor_of_entity(c, e, a);
}

static int actor_ending_at_raw(struct ctx *c, size_t j, struct actor *a, size_t *start);

/* A nationality acts when it names who acts: "Russian troops", "Russian
 * officials", "Russian control", "the Russian invasion", "Russian Defense
 * Ministry", "Russians"; not "the Japanese market" or "Russian gas".
 * Institutions, capitals and hyphen compounds always do. */
static int demonym_acts(const struct ctx *c, size_t j)
{
	const char *w = c->w[j];
	if (!lookup(c->r->demonyms, w) || lookup(c->r->actors, w) || lookup(c->r->capitals, w))
		return 1;
	if (j + 1 >= c->doc->ntok || !c->w[j + 1])
		return 1; /* a noun itself: "the Russians." */
	if (c->doc->tok[j + 1].kind == TEXT_POSSESSIVE)
		return 1;
	uint32_t nx = c->cls[j + 1];
	if (nx & (W_MIL | W_TITLE | W_GROUP | W_GOV | W_BE | W_AUX | W_MODAL))
		return 1;
	if ((c->doc->tok[j + 1].flags & TEXT_F_UPPER) && c->doc->tok[j + 1].kind == TEXT_WORD)
		return 1;
	/* "Russian-occupied", "Ukrainian-controlled" as two tokens: the verb */
	return claims_triggers_word(c->r->trig, c->w[j + 1]) != NULL;
}

/* The actor phrase that ends at token j (scanning leftwards), with *start set
 * to its first token; 0 if none. Memoised per token: scans ask it often. */
static int actor_ending_at(struct ctx *c, size_t j, struct actor *a, size_t *start)
{
	struct actor_memo *m = &c->memo[j];
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

static int actor_ending_at_raw(struct ctx *c, size_t j, struct actor *a, size_t *start)
{
	int e = entity_at(c, j);
	/* nationalities come as MISC: read their words instead */
	if (e >= 0 && ent_type(c, e) != NER_MISC) {
		size_t t0, t1;
		mention_span(c, j, &t0, &t1);
		*start = t0;
		/* "Anti-Kremlin militia groups": the entity is inside a negated compound */
		if (c->w[t0] && is_hyphen_negated(c->w[t0]))
			return 0;
		if (!actor_of_entity(c, e, a))
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
			*a = (struct actor){ v, find_loc(c, v), (uint32_t)(j - 1), (uint32_t)(j + 1), v };
			return 1;
		}
	}
	const char *s = word_state(c, w);
	if (s && demonym_acts(c, j)) {
		*a = (struct actor){ s, find_loc(c, s), (uint32_t)j, (uint32_t)(j + 1), s };
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
			*a = (struct actor){ v, find_loc(c, v), (uint32_t)s0, (uint32_t)(j + 1), v };
			return 1;
		}
	}
	if (c->cls[j] & W_WE)
		if (speaker_actor(c, j, a)) {
			a->tok0 = (uint32_t)j;
			a->tok1 = (uint32_t)(j + 1);
			return 1;
		}
	/* a group phrase that no entity names: "militia groups" with its modifiers */
	if (c->cls[j] & W_GROUP && !(j + 1 < c->doc->ntok && c->cls[j + 1] & W_GROUP)) {
		size_t s0 = j;
		while (s0 > 0 && s0 + 4 > j && c->w[s0 - 1] && !(c->cls[s0 - 1] & (W_DET | W_POSS)) &&
		       !(c->cls[s0 - 1] & (W_BOUND | W_PREP | W_BE | W_AUX | W_REL)) &&
		       c->doc->tok[s0 - 1].kind == TEXT_WORD)
			s0--;
		if (s0 < j && (c->doc->tok[s0].flags & TEXT_F_UPPER)) {
			const char *t = c->doc->text + c->doc->tok[s0].start;
			*a = (struct actor){ arena_strndup(c->a, t, c->doc->tok[j].end - c->doc->tok[s0].start),
					     -1, (uint32_t)s0, (uint32_t)(j + 1), NULL };
			*start = s0;
			return a->name != NULL;
		}
	}
	return 0;
}

static int same_state(const char *a, const char *b)
{
	return a && b && strcasecmp(a, b) == 0;
}

/* The country a territory lies in, as a name ("Ukraine"). */
static const char *terr_country_name(const struct ctx *c, const struct terr *t)
{
	if (t->ent < 0) {
		return t->name;
	}
	const struct entity *en = &c->el->ent[t->ent];
	const char *cc = en->country ? en->country : NULL;
	if (!cc && en->code) {
		if (!strchr(en->code, '-'))
			return en->name;
		return NULL;
	}
	if (!cc)
		return NULL;
	/* the country's entity in this article, by its code */
	for (size_t e = 0; e < c->el->nent; e++)
		if (c->el->ent[e].code && !strcmp(c->el->ent[e].code, cc))
			return c->el->ent[e].name;
	return cc;
}

/* Scans left from token `from` (exclusive) to s0 for the nearest actors not
 * equal to the territories; with avoid set, prefers an actor that is not the
 * state the territory lies in. Coordinated actors ("India and Pakistan") are
 * all returned. */
static size_t actors_left(struct ctx *c, size_t s0, size_t from, const struct terr *t, size_t nt,
			  int avoid, struct actor *out)
{
	struct actor first = { 0 };
	size_t firstpos = 0;
	int have_first = 0;
	size_t lim = from > s0 + 40 ? from - 40 : s0;
	for (size_t j = from; j-- > lim;) {
		if (is_punct(c, j, ';'))
			break;
		struct actor a;
		size_t st;
		if (!actor_ending_at(c, j, &a, &st)) {
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
				if (same_state(a.state, terr_country_name(c, &t[k])))
					own = 1;
		if (!skip && !own) {
			size_t n = 0;
			out[n++] = a;
			/* coordination: "X and Y", "X, Y and Z" */
			size_t p = st;
			while (n < MAX_A && p >= s0 + 2 && (word_is(c, p - 1, "and") || is_punct(c, p - 1, ','))) {
				struct actor b;
				size_t bst;
				if (!actor_ending_at(c, p - 2, &b, &bst))
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
static int actor_right(struct ctx *c, size_t from, size_t s1, size_t max, struct actor *out)
{
	for (size_t j = from; j < s1 && j < from + max; j++) {
		if (is_punct(c, j, ';') || is_punct(c, j, '.') || (c->cls[j] & W_BOUND))
			return 0;
		size_t t1 = j + 1;
		int e = entity_at(c, j);
		if (e >= 0) {
			size_t t0;
			mention_span(c, j, &t0, &t1);
		}
		struct actor a;
		size_t st;
		if (actor_ending_at(c, t1 - 1, &a, &st) && st >= from) {
			*out = a;
			return 1;
		}
		j = t1 - 1;
	}
	return 0;
}

/* Territory from a LOCATION mention at token i. */
static void terr_of_entity(const struct ctx *c, int e, struct terr *t)
{
	const struct entity *en = &c->el->ent[e];
	t->name = en->name;
	t->ent = e;
	t->code = en->code;
	t->country = en->country;
}

static int terr_dup(const struct terr *t, size_t n, const struct terr *x)
{
	for (size_t k = 0; k < n; k++)
		if ((x->ent >= 0 && t[k].ent == x->ent) || !strcasecmp(t[k].name, x->name))
			return 1;
	return 0;
}

/* A MISC entity that is no nationality may be a place the tagger did not
 * know ("Nagorno-Karabakh"); nationalities and their plurals are not. */
static int misc_place(const struct ctx *c, int e)
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
		return 0;
	const char *last = strrchr(buf, ' ');
	last = last ? last + 1 : buf;
	if (claims_map_get_norm(c->r->demonyms, buf, n) || lookup(c->r->demonyms, last) ||
	    word_state(c, buf))
		return 0;
	/* "Russian-held", "pro-Kremlin": compounds of a nationality */
	const char *h = strchr(buf, '-');
	if (h) {
		char pre[64];
		size_t k = (size_t)(h - buf);
		if (k < sizeof pre) {
			memcpy(pre, buf, k);
			pre[k] = '\0';
			if (lookup(c->r->demonyms, pre) || is_hyphen_negated(buf))
				return 0;
		}
	}
	return 1;
}

/* A LOCATION mention ending at or covering token j that is not the possessor
 * of what follows ("Russia's Belgorod region"). */
static int loc_at(const struct ctx *c, size_t j, size_t *t0, size_t *t1)
{
	int e = entity_at(c, j);
	if (e < 0 || (ent_type(c, e) != NER_LOC && !misc_place(c, e)))
		return -1;
	mention_span(c, j, t0, t1);
	/* "the Premier League title": a MISC name modifying a noun is no place */
	if (ent_type(c, e) == NER_MISC && *t1 < c->doc->ntok && c->w[*t1] && !c->cls[*t1] &&
	    !(c->doc->tok[*t1].flags & TEXT_F_UPPER))
		return -1;
	if (*t1 < c->doc->ntok && c->doc->tok[*t1].kind == TEXT_POSSESSIVE)
		return -2;
	if (c->w[*t0] && is_hyphen_negated(c->w[*t0]))
		return -1;
	return e;
}

/* "Russian territory", "Chinese territories": the state as a territory. */
static int demonym_territory(struct ctx *c, size_t j, size_t s1, struct terr *t)
{
	if (j + 1 >= s1 || !(c->cls[j + 1] & W_TERR) || !c->w[j])
		return 0;
	const char *s = lookup(c->r->demonyms, c->w[j]);
	if (!s || !*s)
		return 0;
	int e = find_loc(c, s);
	if (e >= 0)
		terr_of_entity(c, e, t);
	else
		*t = (struct terr){ s, -1, NULL, NULL };
	return 1;
}

/* The nearest territory in the previous sentences: the last claim's when it
 * is recent, else the last LOCATION that is no country (for "the city"). */
static int terr_from_context(struct ctx *c, uint32_t sent, int allow_country, struct terr *t)
{
	if (c->have_last && sent - c->last_terr_sent <= 3) {
		*t = c->last_terr;
		return 1;
	}
	size_t s0 = c->doc->sent[sent].tok;
	uint32_t lo = sent > 3 ? sent - 3 : 0;
	for (size_t j = s0; j-- > c->doc->sent[lo].tok;) {
		size_t t0, t1;
		int e = loc_at(c, j, &t0, &t1);
		if (e >= 0 && (allow_country || !loc_state(c, e))) {
			terr_of_entity(c, e, t);
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
static int terr_nearest(struct ctx *c, size_t s0, size_t s1, size_t j, const struct actor *ac,
			size_t na, struct terr *t)
{
	for (size_t d = 1; d < 30; d++) {
		for (int side = 0; side < 2; side++) {
			size_t k;
			if (side == 0) {
				if (j < s0 + d)
					continue;
				k = j - d;
			} else {
				k = j + d;
				if (k >= s1)
					continue;
			}
			size_t t0, t1;
			int e = loc_at(c, k, &t0, &t1);
			if (e < 0)
				continue;
			int isact = 0;
			for (size_t x = 0; x < na; x++)
				if (ac[x].ent == e || same_state(ac[x].name, c->el->ent[e].name))
					isact = 1;
			if (isact || loc_state(c, e))
				continue;
			terr_of_entity(c, e, t);
			return 1;
		}
	}
	return 0;
}

/* Expands a list leftwards from the territory starting at token t0. */
static size_t list_left(struct ctx *c, size_t s0, size_t t0, struct terr *t, size_t n)
{
	size_t p = t0;
	while (n < MAX_T && p >= s0 + 2) {
		size_t q = p - 1;
		if (!(word_is(c, q, "and") || word_is(c, q, "or") || is_punct(c, q, ',')))
			break;
		if (q > s0 && is_punct(c, q - 1, ','))
			q--;
		if (q == s0)
			break;
		size_t a0, a1;
		int e = loc_at(c, q - 1, &a0, &a1);
		if (e < 0)
			break;
		struct terr x;
		terr_of_entity(c, e, &x);
		if (!terr_dup(t, n, &x))
			t[n++] = x;
		p = a0;
	}
	return n;
}

/* Is token i inside a trigger match start? (set by the caller per sentence) */
struct sentinfo {
	size_t s0, s1;
	uint8_t *trig_start;  /* per token of the sentence: form + 1 of a trigger starting here */
	uint8_t *trig_in;     /* per token of the sentence: inside a trigger */
};

/* Token j is right where the object of a trigger ending at p goes: next to
 * it, or after "the city of". */
static int object_slot(const struct ctx *c, const struct sentinfo *si, size_t p, size_t j)
{
	if (j == p)
		return 1;
	return j >= p + 3 && j - p <= 4 && word_is(c, j - 1, "of") && (c->cls[j - 2] & W_TERR);
}

/* A PERSON entity never given a title: may be a mistagged place. */
static int untitled_person(const struct ctx *c, int e)
{
	const struct entity *en = &c->el->ent[e];
	if (en->type != NER_PER || en->title)
		return 0;
	for (size_t k = 0; k < en->nmentions; k++)
		if (c->el->men[en->mentions[k]].from_title)
			return 0;
	return 1;
}

/* Territories governed on the right of token p: the object of a verb or
 * the complement of a nominalisation, with lists expanded. */
static size_t terr_right(struct ctx *c, const struct sentinfo *si, size_t p, int embed, int near,
			 const struct actor *ac, size_t na, struct terr *t, size_t *unnamed_at,
			 size_t *poss_at, size_t *pron_at)
{
	size_t n = 0, steps = 0;
	*unnamed_at = *poss_at = *pron_at = (size_t)-1;
	for (size_t j = p; j < si->s1; j++) {
		size_t t0, t1;
		if (n == 0) {
			if (steps >= (near ? 5u : 12u))
				break;
			/* "the regional capital, Tskhinvali": an apposition goes on */
			if (is_punct(c, j, ',') && j > p && (c->cls[j - 1] & W_TERR) && j + 1 < si->s1 &&
			    loc_at(c, j + 1, &t0, &t1) >= 0)
				continue;
			if (is_punct(c, j, '.') || is_punct(c, j, ';') || is_punct(c, j, ',') ||
			    is_punct(c, j, '(') || c->doc->tok[j].kind == TEXT_QUOTE)
				break;
			if ((c->cls[j] & (W_BOUND | W_REL)) && j > p)
				break;
			if (j > p && si->trig_start[j - si->s0] && !embed)
				break;
			/* the object is a noun phrase: "captured soldiers in Kursk" names
			 * no captured place; "the city of X", "at least" go on */
			if (j > p && si->trig_start[j - si->s0] && embed) {
				/* "recognise Russia's annexation of X": the embedded
				 * claim's own object follows */
				near = 0;
				steps = 0;
			}
			if ((c->cls[j] & W_PREP) && !word_is(c, j, "of") && !si->trig_in[j - si->s0] &&
			    !(word_is(c, j, "at") && j + 1 < si->s1 && word_is(c, j + 1, "least")))
				break;
			/* "claims Muslim-majority Kashmir", "controls most of the Donbas",
			 * but not "holds talks in Geneva" */
			if (near && c->w[j] && !(c->cls[j] & (W_DET | W_ADV | W_POSS | W_QUANT | W_TERR | W_PRON)) &&
			    !strchr(c->w[j], '-') && entity_at(c, j) < 0 &&
			    c->doc->tok[j].kind != TEXT_NUMBER)
				break;
			int e = loc_at(c, j, &t0, &t1);
			if (e == -2) {
				/* "Ukraine's territory": the possessor is the place */
				if (t1 + 1 < si->s1 && (c->cls[t1 + 1] & W_TERR) &&
				    !(c->doc->tok[t1 + 1].flags & TEXT_F_UPPER) && n < MAX_T) {
					terr_of_entity(c, entity_at(c, j), &t[n++]);
					j = t1 + 1;
					continue;
				}
				/* a possessor of the object: skip it and its 's */
				j = t1;
				steps++;
				continue;
			}
			if (e >= 0) {
				terr_of_entity(c, e, &t[n]);
				n++;
				for (size_t k = t0; k < t1; k++)
					c->is_obj[k] = 1;
				j = t1 - 1;
				continue;
			}
			struct terr x;
			if (demonym_territory(c, j, si->s1, &x)) {
				t[n++] = x;
				j++;
				continue;
			}
			int oe = entity_at(c, j);
			if (oe >= 0 && object_slot(c, si, p, j) && untitled_person(c, oe)) {
				/* "taken control of Wad Madani": an unknown name the tagger
				 * called a person, standing where the place goes */
				mention_span(c, j, &t0, &t1);
				terr_of_entity(c, oe, &t[n++]);
				j = t1 - 1;
				continue;
			}
			if (oe >= 0) {
				mention_span(c, j, &t0, &t1);
				j = t1 - 1;
				steps++;
				continue;
			}
			if (c->cls[j] & W_TERR) {
				*unnamed_at = j;
				if (j > p && (c->cls[j - 1] & W_POSS))
					*poss_at = j - 1;
			}
			if ((c->cls[j] & W_PRON) && j <= p + 1 && *pron_at == (size_t)-1)
				*pron_at = j;
			steps++;
			continue;
		}
		/* after a territory: only a list goes on */
		if (word_is(c, j, "and") || word_is(c, j, "or") || is_punct(c, j, ',') ||
		    c->doc->tok[j].kind == TEXT_DASH) {
			size_t k = j + 1, hop = 0;
			/* "Darfur and much of the capital Khartoum" */
			while (k < si->s1 && hop < 6 &&
			       (word_is(c, k, "and") || word_is(c, k, "or") || is_punct(c, k, ',') ||
				((c->cls[k] & (W_DET | W_QUANT)) && !word_is(c, k, "of")) ||
				(word_is(c, k, "of") && (c->cls[k - 1] & W_QUANT)) ||
				((c->cls[k] & W_TERR) && !(c->doc->tok[k].flags & TEXT_F_UPPER))))
				k++, hop++;
			int e = k < si->s1 ? loc_at(c, k, &t0, &t1) : -1;
			if (e < 0 || n >= MAX_T)
				break;
			struct terr x;
			terr_of_entity(c, e, &x);
			if (!terr_dup(t, n, &x))
				t[n++] = x;
			j = t1 - 1;
			continue;
		}
		if (c->cls[j] & W_TERR && !(c->doc->tok[j].flags & TEXT_F_UPPER))
			continue; /* "Donetsk and Luhansk regions" */
		break;
	}
	(void)ac;
	(void)na;
	return n;
}

/* "the city", "this region" with no "of X": a place named before. */
static int definite_terr(const struct ctx *c, const struct sentinfo *si, size_t j)
{
	if (j == si->s0 || !(word_is(c, j - 1, "the") || word_is(c, j - 1, "this") ||
			     word_is(c, j - 1, "that")))
		return 0;
	return !(j + 1 < si->s1 && word_is(c, j + 1, "of"));
}

/* Territory on the left of a passive or state trigger ("Crimea, annexed
 * by", "Kherson was part of"). Returns the count; *pron set when a pronoun
 * subject or an unnamed territory stands there. */
static size_t terr_left(struct ctx *c, const struct sentinfo *si, size_t from, const struct actor *ac,
			size_t na, struct terr *t, int *pron, int *unnamed)
{
	*pron = *unnamed = 0;
	size_t lim = from > si->s0 + 20 ? from - 20 : si->s0;
	for (size_t j = from; j-- > lim;) {
		if (is_punct(c, j, ';') || c->doc->tok[j].kind == TEXT_QUOTE)
			break;
		size_t t0, t1;
		int e = loc_at(c, j, &t0, &t1);
		if (e >= 0) {
			int isact = 0;
			for (size_t x = 0; x < na; x++)
				if (ac[x].ent == e || same_state(ac[x].name, c->el->ent[e].name))
					isact = 1;
			if (!isact) {
				terr_of_entity(c, e, &t[0]);
				return list_left(c, si->s0, t0, t, 1);
			}
		}
		if (entity_at(c, j) >= 0) {
			mention_span(c, j, &t0, &t1);
			j = t0;
			continue;
		}
		if (from - j <= 4 && (c->cls[j] & W_PRON) && !(c->cls[j] & W_WE)) {
			*pron = 1;
			return 0;
		}
		if (c->cls[j] & W_TERR) {
			*unnamed = 1;
			if (definite_terr(c, si, j)) {
				*unnamed = 2;
				return 0;
			}
		}
		if (word_is(c, j, "that") && !*unnamed)
			break;
	}
	return 0;
}

static int in_clause_left(const struct ctx *c, size_t s0, size_t i, size_t max, uint32_t cls)
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
static int negated(const struct ctx *c, size_t s0, size_t i)
{
	for (size_t j = i, k = 0; j-- > s0 && k < 5; k++) {
		if (c->cls[j] & W_NEG)
			return 1;
		if (!(c->cls[j] & (W_BE | W_AUX | W_MODAL | W_ADV)))
			return 0;
	}
	return 0;
}

/* "if Russian forces have taken": no claim. */
static int conditional(const struct ctx *c, size_t s0, size_t i)
{
	for (size_t j = i; j-- > s0;) {
		if (is_punct(c, j, ',') || is_punct(c, j, ';') || is_punct(c, j, ':'))
			return 0;
		if (c->cls[j] & W_COND)
			return 1;
	}
	return 0;
}

/* A future or intended act ("will seize", "plans to annex"). */
static int hypothetical(const struct ctx *c, size_t s0, size_t i)
{
	if (i > s0 && word_is(c, i - 1, "to") && in_clause_left(c, s0, i - 1, 3, W_INTENT))
		return 1;
	for (size_t j = i, k = 0; j-- > s0 && k < 8; k++) {
		if (is_sep(c, j) || (c->cls[j] & (W_BOUND | W_REL)))
			return 0;
		if (c->cls[j] & W_MODAL)
			return 1;
	}
	return 0;
}

static int copula_left(const struct ctx *c, size_t s0, size_t i)
{
	if (i > s0 && word_is(c, i - 1, "as"))
		return 0;
	for (size_t j = i, k = 0; j-- > s0 && k < 4; k++) {
		if (c->cls[j] & W_COP)
			return 1;
		if (!c->w[j])
			return 0;
	}
	return 0;
}

/* Length of a territory name without a trailing administrative word, so
 * "Kherson region" and "Kherson" are one territory. */
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

static int same_terr(const char *a, const char *b)
{
	size_t la = terr_base(a), lb = terr_base(b);
	return la == lb && !strncasecmp(a, b, la);
}

static int add_claim(struct ctx *c, const struct claim *cl)
{
	for (size_t k = 0; k < c->nout; k++) {
		struct claim *o = &c->out[k];
		if (o->kind != cl->kind || !same_terr(o->territory, cl->territory))
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

static int is_event(int kind)
{
	return kind <= CLAIM_WITHDRAWAL;
}

static int same_terr(const char *a, const char *b);

/* The actor of the latest claim on territory t, if any. */
static int prior_actor(const struct ctx *c, const struct terr *t, struct actor *a)
{
	for (size_t k = c->nout; k-- > 0;) {
		const struct claim *o = &c->out[k];
		if (o->actor && same_terr(o->territory, t->name)) {
			*a = (struct actor){ o->actor, o->actor_entity, 0, 0, NULL };
			return 1;
		}
	}
	return 0;
}

/* Emits one claim per (actor, territory) pair. */
static int emit(struct ctx *c, const struct text_sentence *s, uint32_t sent, size_t trig, int kind,
		int status, int self, const struct actor *ac, size_t na, const struct terr *t,
		size_t nt)
{
	const char *date = claims_date_find(c->a, c->doc, c->w, s->tok, s->tok + s->ntok, trig, 25,
					    c->in ? c->in->published : NULL);
	int q = quote_at(c, c->doc->tok[trig].start);
	static const struct actor none = { NULL, -1, 0, 0, NULL };
	for (size_t k = 0; k < nt; k++) {
		struct actor prior;
		if (!na && !self && !c->allow_no_actor) {
			/* an act needs someone acting: an earlier claim on the same
			 * place may name them ("the occupied West Bank"), else no claim;
			 * a claim of right or a recognition needs its holder */
			if (!is_event(kind) || !prior_actor(c, &t[k], &prior))
				continue;
		}
		for (size_t x = 0; x < (na ? na : 1); x++) {
			const struct actor *a = na ? &ac[x] : (!self && is_event(kind)) ? &prior : &none;
			if (!self && a->name &&
			    ((a->ent >= 0 && a->ent == t[k].ent) || same_state(a->name, t[k].name)))
				continue;
			struct claim cl = {
				.kind = (uint8_t)kind, .status = (uint8_t)status,
				.actor = self ? t[k].name : a->name,
				.actor_entity = self ? t[k].ent : a->ent,
				.territory = t[k].name, .territory_entity = t[k].ent,
				.code = t[k].code, .date = date, .source_quote = q,
				.ev_start = s->start, .ev_end = s->end,
			};
			int rc = add_claim(c, &cl);
			if (rc < 0)
				return rc;
		}
		c->last_terr = t[k];
		c->last_terr_sent = sent;
		c->have_last = 1;
	}
	if (na && !self) {
		memcpy(c->last_ac, ac, na * sizeof *ac);
		c->last_na = na;
		c->last_ac_sent = sent;
	}
	return 0;
}

/* "They already control X": a pronoun subject is the last claim's actor
 * when that claim is at most two sentences back. */
static size_t pronoun_subject(const struct ctx *c, const struct sentinfo *si, uint32_t sent, size_t i,
			      struct actor *ac)
{
	if (!c->last_na || sent - c->last_ac_sent > 2)
		return 0;
	for (size_t j = i, k = 0; j-- > si->s0 && k < 6; k++) {
		if (is_sep(c, j))
			return 0;
		if ((c->cls[j] & W_PRON) && !(c->cls[j] & W_DET)) {
			memcpy(ac, c->last_ac, c->last_na * sizeof *ac);
			return c->last_na;
		}
	}
	return 0;
}

/* "claim Kashmir in full but rule it in part": a verb coordinated without
 * its own subject shares the last claim's actors. */
static size_t shared_subject(const struct ctx *c, const struct sentinfo *si, uint32_t sent, size_t i,
			     struct actor *ac)
{
	size_t j = i;
	while (j > si->s0 && (c->cls[j - 1] & (W_ADV | W_AUX)))
		j--;
	if (j == si->s0 || !(word_is(c, j - 1, "and") || word_is(c, j - 1, "but")))
		return 0;
	if (!c->last_na || c->last_ac_sent != sent)
		return 0;
	memcpy(ac, c->last_ac, c->last_na * sizeof *ac);
	return c->last_na;
}

/* Status of a verb or state trigger from its clause. */
static int clause_status(const struct ctx *c, size_t s0, size_t i, const struct claims_trigger *tr)
{
	if ((tr->flags & CT_NEG) || negated(c, s0, i))
		return CLAIM_DENIED;
	if (tr->kind == CLAIM_RECOGNITION && in_clause_left(c, s0, i, 6, W_DENY))
		return CLAIM_DENIED;
	if (in_clause_left(c, s0, i, 8, W_DEMAND))
		return CLAIM_DEMANDED;
	for (size_t j = i, k = 0; j-- > s0 && k < 14; k++)
		if (c->cls[j] & W_REPORT)
			return CLAIM_REPORTED;
	return CLAIM_ASSERTED;
}

/* The actor a nominalisation carries: "Russia's annexation of", "the Russian
 * invasion of", "U.S.-led invasion of". */
static int noun_actor(struct ctx *c, size_t s0, size_t i, struct actor *a)
{
	for (size_t j = i, k = 0; j-- > s0 && k < 4; k++) {
		if (c->doc->tok[j].kind == TEXT_POSSESSIVE) {
			if (j == s0)
				return 0;
			size_t st;
			if (c->cls[j - 1] & W_POSS)
				return 0;
			return actor_ending_at(c, j - 1, a, &st);
		}
		if (c->cls[j] & W_POSS)
			return 0; /* "its", "their": the context decides */
		size_t st;
		if (actor_ending_at(c, j, a, &st))
			return 1;
		if (!c->w[j] || (c->cls[j] & (W_BOUND | W_PREP | W_BE | W_AUX | W_MODAL)))
			return 0;
	}
	return 0;
}

/* "a possible invasion of X", "an offensive in X would ...": not an act. */
static int noun_hypothetical(const struct ctx *c, const struct sentinfo *si, size_t i, size_t e)
{
	for (size_t j = i, k = 0; j-- > si->s0 && k < 3; k++)
		if (c->cls[j] & W_HYPO)
			return 1;
	for (size_t j = e, k = 0; j < si->s1 && k < 8; j++, k++) {
		if (is_sep(c, j) || (c->cls[j] & (W_BOUND | W_REL)))
			return 0;
		if (c->cls[j] & W_MODAL)
			return 1;
	}
	return 0;
}

/* After the object: "by Russia". */
static int by_actor(struct ctx *c, size_t from, size_t s1, struct actor *a)
{
	for (size_t j = from; j < s1 && j < from + 8; j++) {
		if (word_is(c, j, "by"))
			return actor_right(c, j + 1, s1, 5, a);
		if (is_punct(c, j, ';') || is_punct(c, j, '.') || (c->cls[j] & (W_BOUND | W_REL)))
			return 0;
	}
	return 0;
}

/* "its territory": the state the possessive points to, taken as the first
 * state of the sentence that is not the claim's own actor ("Azerbaijan said
 * Armenia occupied its territory"). */
static int resolve_poss(struct ctx *c, size_t s0, size_t j, const struct actor *ac, size_t na,
			struct terr *t)
{
	for (size_t k = s0; k < j; k++) {
		int e = entity_at(c, k);
		if (e < 0 || ent_type(c, e) != NER_LOC || !loc_state(c, e))
			continue;
		const char *s = loc_state(c, e);
		int isact = 0;
		for (size_t x = 0; x < na; x++)
			if (same_state(ac[x].name, s))
				isact = 1;
		if (isact)
			continue;
		int se = find_loc(c, s);
		if (se >= 0)
			terr_of_entity(c, se, t);
		else
			*t = (struct terr){ s, -1, NULL, NULL };
		return 1;
	}
	return 0;
}

/* "units of the country's forces were already in X": an entry by troops. */
static int forces_in(const struct ctx *c, size_t s0, size_t s1, size_t i, size_t *obj)
{
	if (!(c->cls[i] & W_BE) || i == s0 || !(c->cls[i - 1] & W_MIL))
		return 0;
	size_t j = i + 1;
	while (j < s1 && j < i + 3 && (c->cls[j] & W_ADV))
		j++;
	if (j >= s1 || !(c->cls[j] & W_IN))
		return 0;
	*obj = j + 1;
	return 1;
}

/* "The Kremlin has conditions: Ukraine must accept X": who demands the
 * recognition is the first actor of the sentence, before the one told to. */
static void demander(struct ctx *c, const struct sentinfo *si, size_t told, const struct terr *t,
		     size_t nt, struct actor *a)
{
	for (size_t j = si->s0; j < told; j++) {
		struct actor b;
		size_t st, t0 = j, t1 = j + 1;
		if (entity_at(c, j) >= 0)
			mention_span(c, j, &t0, &t1);
		if (actor_ending_at(c, t1 - 1, &b, &st) && !same_state(b.name, a->name)) {
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

static int do_trigger(struct ctx *c, const struct sentinfo *si, uint32_t sent,
		      const struct claims_match *m, const struct actor *hyph_actor, int forced_adj)
{
	const struct text_sentence *s = &c->doc->sent[sent];
	const struct claims_trigger *tr = m->t;
	size_t i = m->start, e = m->end;
	int kind = tr->kind;
	struct terr t[MAX_T];
	struct actor ac[MAX_A];
	size_t nt = 0, na = 0;
	int status = CLAIM_ASSERTED, self = 0;
	size_t un, poss, pron;

	if (conditional(c, si->s0, i))
		return 0;

	if (tr->form == CF_SELF) {
		int p, u;
		nt = terr_left(c, si, i, NULL, 0, t, &p, &u);
		if (!nt && p && !terr_from_context(c, sent, 1, &t[nt]))
			return 0;
		if (p)
			nt = 1;
		self = 1;
		status = clause_status(c, si->s0, i, tr);
		return emit(c, s, sent, i, kind, status, self, NULL, 0, t, nt);
	}

	if (tr->form == CF_STATE) {
		if ((tr->flags & CT_COP) && !copula_left(c, si->s0, i))
			return 0;
		if (m->gap1 > m->gap0)
			for (size_t j = m->gap0; j < m->gap1 && !na; j++) {
				size_t st;
				if (actor_ending_at(c, j, &ac[0], &st))
					na = 1;
			}
		if (!na && actor_right(c, e, si->s1, 8, &ac[0]))
			na = 1;
		if (!na)
			for (size_t j = i; j < e && !na; j++)
				if (c->cls[j] & W_WE && speaker_actor(c, j, &ac[0]))
					na = 1;
		int p, u;
		nt = terr_left(c, si, i, ac, na, t, &p, &u);
		if (!nt && (p || u)) {
			if (terr_from_context(c, sent, p, &t[0]))
				nt = 1;
		}
		if (!nt && u == 2 && terr_nearest(c, si->s0, si->s1, i, ac, na, &t[0]))
			nt = 1;
		if (!nt)
			return 0;
		/* "Beijing considers Taiwan part of its territory": the subject */
		if (!na)
			na = actors_left(c, si->s0, i, t, nt, 0, ac);
		status = clause_status(c, si->s0, i, tr);
		return emit(c, s, sent, i, kind, status, 0, ac, na, t, nt);
	}

	if (tr->form == CF_NOUN) {
		nt = terr_right(c, si, e, tr->flags & CT_EMBED, tr->flags & CT_NEAR, NULL, 0, t, &un,
				&poss, &pron);
		if (!(tr->flags & CT_STANCE) && noun_actor(c, si->s0, i, &ac[0]))
			na = 1;
		else if (by_actor(c, e, si->s1, &ac[0]))
			na = 1;
		int from_poss = 0;
		if (!nt && poss != (size_t)-1) {
			if (!resolve_poss(c, si->s0, poss, ac, na, &t[0]))
				return 0;
			nt = 1;
			from_poss = 1;
		}
		if (!nt && un != (size_t)-1 && definite_terr(c, si, un) &&
		    terr_from_context(c, sent, 0, &t[0]))
			nt = 1;
		if (!nt && un != (size_t)-1 && terr_nearest(c, si->s0, si->s1, un, ac, na, &t[0]))
			nt = 1;
		if (!nt && (tr->flags & CT_STANCE) && i > si->s0) {
			/* "Taiwanese independence", "Kosovo's independence" */
			size_t b = i - 1, t0, t1;
			if (c->doc->tok[b].kind == TEXT_POSSESSIVE && b > si->s0) {
				int le = loc_at(c, b - 1, &t0, &t1);
				if (le == -2) {
					terr_of_entity(c, entity_at(c, b - 1), &t[0]);
					nt = 1;
				}
			} else if (demonym_territory(c, b, b + 1, &t[0]) ||
				   (c->w[b] && lookup(c->r->demonyms, c->w[b]) &&
				    (t[0] = (struct terr){ lookup(c->r->demonyms, c->w[b]), -1, NULL, NULL }, 1))) {
				int fe = find_loc(c, t[0].name);
				if (fe >= 0)
					terr_of_entity(c, fe, &t[0]);
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
				if (c->cls[j] & (W_DENY | W_STANCE)) {
					st = j;
					break;
				}
			}
			if (st == (size_t)-1)
				return 0;
			stance_neg = (c->cls[st] & W_DENY) || negated(c, si->s0, st);
		}
		if (is_event(kind) && noun_hypothetical(c, si, i, e))
			return 0;
		if (!na)
			na = actors_left(c, si->s0, i, t, nt, is_event(kind) && kind != CLAIM_LIBERATION, ac);
		if (from_poss && !na)
			return 0; /* "annexations of its territory" with nobody named */
		/* the noun's own modifiers decide its status */
		size_t b = i > si->s0 ? i - 1 : i;
		int illegal = 0;
		for (size_t j = i, k = 0; j-- > si->s0 && k < 3; k++) {
			if (word_is(c, j, "illegal") || word_is(c, j, "unlawful"))
				illegal = 1;
			if (c->cls[j] & W_REPORT)
				status = CLAIM_REPORTED;
		}
		(void)b;
		if (kind == CLAIM_RECOGNITION)
			status = stance_neg ? CLAIM_DENIED : clause_status(c, si->s0, i, tr);
		int rc = emit(c, s, sent, i, kind, status, 0, ac, na, t, nt);
		if (rc < 0 || !illegal || kind == CLAIM_RECOGNITION)
			return rc;
		/* "illegal annexation": a refusal to recognise it, by whoever says so */
		struct actor who[MAX_A];
		size_t nw = 0;
		int q = quote_at(c, c->doc->tok[i].start);
		if (q >= 0 && c->ql->q[q].speaker_entity >= 0 &&
		    actor_of_entity(c, c->ql->q[q].speaker_entity, &who[0]))
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
	while (prev > si->s0 && (c->cls[prev - 1] & W_ADV))
		prev--;
	int by_next = e < si->s1 && word_is(c, e, "by");
	if (tr->flags & CT_PART) {
		if (by_next || (prev > si->s0 && (c->cls[prev - 1] & W_BE)) ||
		    (prev > si->s0 && word_is(c, prev - 1, "got")))
			passive = 1;
		else if (!adjectival && e < si->s1) {
			size_t t0, t1;
			int next_terr = loc_at(c, e, &t0, &t1) >= 0 || (c->cls[e] & W_TERR);
			int prev_ok = prev == si->s0 || !c->w[prev - 1] ||
				      (c->cls[prev - 1] & (W_DET | W_PREP | W_POSS)) ||
				      word_is(c, prev - 1, "and");
			if (next_terr && prev_ok && !(prev > si->s0 && entity_at(c, prev - 1) >= 0))
				adjectival = 1;
		}
	}
	if (!passive && !adjectival && is_event(kind) && !in_clause_left(c, si->s0, i, 8, W_DEMAND) &&
	    hypothetical(c, si->s0, i))
		return 0;

	if (passive) {
		if (by_actor(c, e, si->s1, &ac[0]))
			na = 1;
		int p, u;
		nt = terr_left(c, si, prev, ac, na, t, &p, &u);
		if (!nt && (p || u) && terr_from_context(c, sent, 0, &t[0]))
			nt = 1;
		if (!nt)
			return 0;
		if (!na)
			na = actors_left(c, si->s0, i, t, nt, is_event(kind) && kind != CLAIM_LIBERATION, ac);
	} else {
		/* "getting Kherson back": the object sits in the gap; "withdrew its
		 * troops from X": after the trigger */
		int near = (tr->flags & (CT_NEAR | CT_EMBED)) != 0;
		nt = 0;
		if (m->gap1 > m->gap0) {
			size_t u2, p2, r2;
			nt = terr_right(c, si, m->gap0, 0, near, NULL, 0, t, &u2, &p2, &r2);
		}
		un = poss = pron = (size_t)-1;
		if (!nt && (tr->flags & CT_EMBED)) {
			/* "accept the September 2022 annexation of X": from the embedded claim */
			for (size_t j = e; j < si->s1 && j < e + 6; j++) {
				if (is_sep(c, j) || (c->cls[j] & (W_BOUND | W_REL)))
					break;
				if (si->trig_start[j - si->s0] == CF_NOUN + 1) {
					nt = terr_right(c, si, j, 1, 0, NULL, 0, t, &un, &poss, &pron);
					break;
				}
			}
		}
		if (!nt)
			nt = terr_right(c, si, e, tr->flags & CT_EMBED, near, NULL, 0, t, &un, &poss, &pron);
		if (adjectival) {
			if (hyph_actor) {
				ac[0] = *hyph_actor;
				na = 1;
			} else if (by_actor(c, e, si->s1, &ac[0])) {
				na = 1;
			}
		}
		if (!nt && pron != (size_t)-1) {
			/* "rule it": the territory just named */
			int p, u;
			nt = terr_left(c, si, i, NULL, 0, t, &p, &u);
			if (nt > 1)
				nt = 1;
		}
		if (!nt && !adjectival) {
			/* "X, which Putin annexed": the antecedent of the relative */
			for (size_t j = i, k = 0; j-- > si->s0 && k < 5; k++) {
				if (!(c->cls[j] & W_REL))
					continue;
				size_t q = j;
				if (q > si->s0 && is_punct(c, q - 1, ','))
					q--;
				size_t t0, t1;
				int le = q > si->s0 ? loc_at(c, q - 1, &t0, &t1) : -1;
				if (le >= 0) {
					terr_of_entity(c, le, &t[0]);
					nt = list_left(c, si->s0, t0, t, 1);
				}
				break;
			}
		}
		if (!nt && poss != (size_t)-1) {
			if (!na)
				na = actors_left(c, si->s0, i, NULL, 0, 0, ac);
			if (!resolve_poss(c, si->s0, poss, ac, na, &t[0]))
				return 0;
			nt = 1;
		}
		if (!nt && un != (size_t)-1 && definite_terr(c, si, un) &&
		    terr_from_context(c, sent, 0, &t[0]))
			nt = 1;
		if (!nt && un != (size_t)-1 && terr_nearest(c, si->s0, si->s1, un, ac, na, &t[0]))
			nt = 1;
		if (!nt)
			return 0;
		if (!na)
			na = shared_subject(c, si, sent, i, ac);
		if (!na)
			na = actors_left(c, si->s0, i, t, nt, is_event(kind) && kind != CLAIM_LIBERATION, ac);
		if (!na)
			na = pronoun_subject(c, si, sent, i, ac);
	}
	status = clause_status(c, si->s0, i, tr);
	if (kind == CLAIM_RECOGNITION && status == CLAIM_DEMANDED && na == 1)
		demander(c, si, ac[0].tok0, t, nt, &ac[0]);
	return emit(c, s, sent, i, kind, status, 0, ac, na, t, nt);
}

/* "X said India's removal of special status for Kashmir was illegal": a
 * speaker who calls an act on a territory illegal refuses to recognise it. */
static int illegal_predicate(struct ctx *c, const struct sentinfo *si, uint32_t sent, size_t i)
{
	const char *w = c->w[i];
	if (!w || (strcmp(w, "illegal") && strcmp(w, "illegitimate") && strcmp(w, "unlawful") &&
		   strcmp(w, "invalid")))
		return 0;
	size_t j = i;
	while (j > si->s0 && (c->cls[j - 1] & (W_ADV | W_DET)))
		j--;
	if (j == si->s0 || !(c->cls[j - 1] & W_COP))
		return 0;
	int q = quote_at(c, c->doc->tok[i].start);
	struct actor who;
	if (q < 0 || c->ql->q[q].speaker_entity < 0 ||
	    (size_t)c->ql->q[q].speaker_entity >= c->el->nent ||
	    !actor_of_entity(c, c->ql->q[q].speaker_entity, &who))
		return 0;
	size_t k = si->s0;
	while (k < j && c->doc->tok[k].start < c->ql->q[q].start)
		k++;
	int seen_act = 0;
	for (; k < j; k++) {
		if ((c->cls[k] & W_ACT) || si->trig_start[k - si->s0])
			seen_act = 1;
		size_t t0, t1;
		int e = seen_act ? loc_at(c, k, &t0, &t1) : -1;
		if (e < 0 || same_state(c->el->ent[e].name, who.name))
			continue;
		struct terr t;
		terr_of_entity(c, e, &t);
		return emit(c, &c->doc->sent[sent], sent, i, CLAIM_RECOGNITION, CLAIM_DENIED, 0, &who, 1,
			    &t, 1);
	}
	return 0;
}

static int do_sentence(struct ctx *c, uint32_t sent)
{
	const struct text_sentence *s = &c->doc->sent[sent];
	struct sentinfo si = { s->tok, s->tok + s->ntok, NULL, NULL };
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
				struct actor a, *ap = NULL;
				char pre[64];
				size_t n = (size_t)(h - w);
				if (n < sizeof pre) {
					memcpy(pre, w, n);
					pre[n] = '\0';
					const char *st = word_state(c, pre);
					if (st) {
						a = (struct actor){ st, find_loc(c, st), (uint32_t)i,
								    (uint32_t)(i + 1), st };
						ap = &a;
					}
				}
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
		if (forces_in(c, si.s0, si.s1, i, &obj) && !conditional(c, si.s0, i)) {
			struct terr t[MAX_T];
			struct actor ac[MAX_A];
			size_t un, poss, pron;
			size_t nt = terr_right(c, &si, obj, 0, 0, NULL, 0, t, &un, &poss, &pron);
			if (!nt)
				continue;
			size_t na = actors_left(c, si.s0, i, t, nt, 1, ac);
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
	struct ctx c = { .r = r, .a = a, .doc = doc, .el = el ? el : &empty_el, .ql = ql, .in = in };
	c.w = arena_calloc(a, doc->ntok, sizeof *c.w);
	c.cls = arena_calloc(a, doc->ntok, sizeof *c.cls);
	size_t ne = c.el->nent ? c.el->nent : 1;
	c.pstate = arena_calloc(a, ne, sizeof *c.pstate);
	c.pdone = arena_calloc(a, ne, 1);
	c.memo = arena_calloc(a, doc->ntok, sizeof *c.memo);
	c.is_obj = arena_calloc(a, doc->ntok, 1);
	if (!c.w || !c.cls || !c.pstate || !c.pdone || !c.memo || !c.is_obj)
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
		claims_map_get_int(r->words, buf, n, &bits);
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

static json_t *ref_or_null(int32_t idx)
{
	if (idx < 0)
		return json_null();
	char buf[24];
	snprintf(buf, sizeof buf, "e%d", idx + 1);
	return json_string(buf);
}

static json_t *str_or_null(const char *s)
{
	return s ? json_string(s) : json_null();
}

/* The distinct surface forms of an entity ("Kherson", "Kherson region"),
 * so a client can match the territory however the text names it. */
static json_t *entity_forms(const struct entity_list *el, const struct text_doc *doc, int32_t e)
{
	json_t *arr = json_array();
	const struct entity *en = &el->ent[e];
	for (size_t k = 0; arr && k < en->nmentions && k < 64; k++) {
		const struct mention *m = &el->men[en->mentions[k]];
		if (m->end > doc->len || m->start >= m->end)
			continue;
		size_t n = m->end - m->start, dup = 0;
		for (size_t x = 0; x < json_array_size(arr) && !dup; x++) {
			const char *v = json_string_value(json_array_get(arr, x));
			dup = strlen(v) == n && !strncmp(v, doc->text + m->start, n);
		}
		if (!dup)
			json_array_append_new(arr, json_stringn(doc->text + m->start, n));
	}
	return arr;
}

json_t *claims_render(const struct claim_list *cl, const struct entity_list *el,
		      const struct quote_list *ql, const struct text_doc *doc,
		      enum text_unit unit)
{
	json_t *arr = json_array();
	if (!arr || !cl)
		return arr;
	for (size_t k = 0; k < cl->n; k++) {
		const struct claim *c = &cl->c[k];
		char id[24];
		snprintf(id, sizeof id, "c%zu", k + 1);
		json_t *o = json_object();
		if (!o)
			break;
		json_object_set_new(o, "id", json_string(id));
		json_object_set_new(o, "kind", json_string(claims_kind_name(c->kind)));
		json_t *actor = json_null();
		if (c->actor) {
			actor = json_object();
			json_object_set_new(actor, "name", json_string(c->actor));
			json_object_set_new(actor, "entity", ref_or_null(c->actor_entity));
		}
		json_object_set_new(o, "actor", actor);
		json_t *t = json_object();
		json_object_set_new(t, "name", str_or_null(c->territory));
		json_object_set_new(t, "entity", ref_or_null(c->territory_entity));
		json_object_set_new(t, "code", str_or_null(c->code));
		if (el && c->territory_entity >= 0 && (size_t)c->territory_entity < el->nent && doc)
			json_object_set_new(t, "aliases", entity_forms(el, doc, c->territory_entity));
		json_object_set_new(o, "territory", t);
		json_object_set_new(o, "status", json_string(claims_status_name(c->status)));
		json_object_set_new(o, "date", str_or_null(c->date));
		if (ql && c->source_quote >= 0 && (size_t)c->source_quote < ql->n) {
			const struct quote *q = &ql->q[c->source_quote];
			if (q->speaker_name || q->speaker_entity >= 0) {
				json_t *src = json_object();
				const char *nm = q->speaker_name;
				if (!nm && el && q->speaker_entity >= 0 && (size_t)q->speaker_entity < el->nent)
					nm = el->ent[q->speaker_entity].name;
				json_object_set_new(src, "name", str_or_null(nm));
				json_object_set_new(src, "entity", ref_or_null(q->speaker_entity));
				json_object_set_new(o, "source", src);
			}
		}
		json_t *ev = json_object();
		if (doc && c->ev_end <= doc->len && c->ev_start <= c->ev_end) {
			json_object_set_new(ev, "text", json_stringn(doc->text + c->ev_start,
								       c->ev_end - c->ev_start));
			json_object_set_new(ev, "start", json_integer((json_int_t)text_offset(doc, c->ev_start, unit)));
			json_object_set_new(ev, "end", json_integer((json_int_t)text_offset(doc, c->ev_end, unit)));
		}
		json_object_set_new(o, "evidence", ev);
		json_array_append_new(arr, o);
	}
	return arr;
}
