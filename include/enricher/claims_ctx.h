/* Internals of the claims extractor shared by its files (claims.c,
 * claims_actor.c, claims_terr.c, claims_status.c): the resources, the
 * per-request context, and the steps each file provides. Everything a
 * request allocates lives in its arena; nothing here is used outside the
 * claims module. */
#ifndef ENRICHER_CLAIMS_CTX_H
#define ENRICHER_CLAIMS_CTX_H

#include <stdint.h>
#include <string.h>
#include <strings.h>

#include "enricher/claims.h"
#include "enricher/claims_lex.h"
#include "enricher/tagger.h"

struct claims_res {
	struct claims_triggers *trig;
	struct lexicon *words;     /* word -> classes ("be,cop") */
	struct lexicon *actors;    /* institution -> state ("kremlin" -> Russia) */
	struct lexicon *demonyms;  /* "russian" -> Russia */
	struct lexicon *capitals;  /* "kyiv" -> Ukraine */
	struct lexicon *countries; /* "united states" -> United States (the demonyms' values) */
	struct lexicon *armed;     /* non-state armed groups that can act ("hamas") */
};

/* Word classes of claim_words.txt. */
enum {
	CW_BE = 1 << 0, CW_COP = 1 << 1, CW_MODAL = 1 << 2, CW_DEMAND = 1 << 3,
	CW_REPORT = 1 << 4, CW_NEG = 1 << 5, CW_DENY = 1 << 6, CW_COND = 1 << 7,
	CW_BOUND = 1 << 8, CW_REL = 1 << 9, CW_DET = 1 << 10, CW_POSS = 1 << 11,
	CW_PRON = 1 << 12, CW_WE = 1 << 13, CW_TERR = 1 << 14, CW_MIL = 1 << 15,
	CW_GROUP = 1 << 16, CW_ADV = 1 << 17, CW_IN = 1 << 18, CW_TITLE = 1 << 19,
	CW_AUX = 1 << 20, CW_PREP = 1 << 21, CW_INTENT = 1 << 22, CW_STANCE = 1 << 23,
	CW_QUANT = 1 << 24, CW_HYPO = 1 << 25, CW_GOV = 1 << 26, CW_ACT = 1 << 27,
	CW_DONE = 1 << 28, CW_AVOID = 1 << 29, CW_ARMED = 1 << 30
};
#define CW_SITE (1u << 31) /* past what an enum may hold */

#define CLAIMS_MAX_T 12  /* territories of one trigger (a list) */
#define CLAIMS_MAX_A 4   /* coordinated actors */

struct claims_actor {
	const char *name;
	int32_t ent;
	uint32_t tok0, tok1;  /* tokens of the phrase */
	const char *state;    /* country it stands for, or NULL (an armed group, a company) */
};

struct claims_terr {
	const char *name;
	int32_t ent;
	const char *code;
	const char *country;  /* alpha-2 or country name of the containing state */
};

struct claims_actor_memo {
	struct claims_actor a;
	uint32_t start;
	uint8_t done, ok;
};

struct claims_ctx {
	struct claims_actor_memo *memo; /* per token */
	uint8_t *is_obj;         /* per token: the object of an earlier trigger, so no actor */
	uint8_t *in_trig;        /* per token: a trigger that made a claim ("both claim X" hedges nothing) */
	int allow_no_actor;      /* "illegal annexation": a refusal whoever voices it */
	int no_prior_actor;      /* the act's agent is unknown here: no earlier claim's */
	int adj_trigger;         /* the trigger being read is an adjective ("occupied X") */
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
	struct claims_actor last_ac[CLAIMS_MAX_A];
	size_t last_na;
	uint32_t last_ac_sent;
	/* the territory of the last claim, for "it" and "this" */
	struct claims_terr last_terr;
	uint32_t last_terr_sent;
	int have_last;
};

/* One sentence being read, with where its triggers are. */
struct claims_sent {
	size_t s0, s1;
	uint8_t *trig_start;  /* per token of the sentence: form + 1 of a trigger starting here */
	uint8_t *trig_in;     /* per token of the sentence: inside a trigger */
};

static inline int is_punct(const struct claims_ctx *c, size_t i, char ch)
{
	const struct text_token *t = &c->doc->tok[i];
	return (t->kind == TEXT_PUNCT || t->kind == TEXT_DASH || t->kind == TEXT_QUOTE) &&
	       c->doc->text[t->start] == ch;
}

static inline int is_sep(const struct claims_ctx *c, size_t i)
{
	uint16_t k = c->doc->tok[i].kind;
	return k == TEXT_PUNCT || k == TEXT_QUOTE || k == TEXT_ELLIPSIS;
}

static inline int word_is(const struct claims_ctx *c, size_t i, const char *s)
{
	return c->w[i] && strcmp(c->w[i], s) == 0;
}

static inline int mention_at(const struct claims_ctx *c, size_t i)
{
	if (!c->el || !c->el->tok_mention || i >= c->doc->ntok)
		return -1;
	return c->el->tok_mention[i];
}

static inline int entity_at(const struct claims_ctx *c, size_t i)
{
	int m = mention_at(c, i);
	if (m < 0 || (size_t)m >= c->el->nmen)
		return -1;
	int e = c->el->men[m].entity;
	return e >= 0 && (size_t)e < c->el->nent ? e : -1;
}

static inline int ent_type(const struct claims_ctx *c, int e)
{
	return e >= 0 ? c->el->ent[e].type : NER_NONE;
}

/* Token range [*t0, *t1) of the mention covering i. */
static inline void mention_span(const struct claims_ctx *c, size_t i, size_t *t0, size_t *t1)
{
	int m = mention_at(c, i);
	*t0 = c->el->men[m].tok;
	*t1 = c->el->men[m].tok + c->el->men[m].ntok;
}

static inline const char *lookup(const struct lexicon *m, const char *s)
{
	return s ? lexicon_get_folded(m, s, strlen(s)) : NULL;
}

static inline int same_state(const char *a, const char *b)
{
	return a && b && strcasecmp(a, b) == 0;
}

static inline int is_event(int kind)
{
	return kind <= CLAIM_WITHDRAWAL;
}

/* claims_actor.c: who acts or asserts */
const char *claims_country_display(const struct claims_ctx *c, int e);
const char *claims_loc_state(const struct claims_ctx *c, int e);
int claims_find_loc(const struct claims_ctx *c, const char *name);
int claims_is_hyphen_negated(const char *w);
const char *claims_word_state(const struct claims_ctx *c, const char *w);
int claims_actor_of_entity(struct claims_ctx *c, int e, struct claims_actor *a);
int claims_quote_at(const struct claims_ctx *c, uint32_t off);
int claims_speaker_actor(struct claims_ctx *c, size_t tok, struct claims_actor *a);
int claims_actor_ending_at(struct claims_ctx *c, size_t j, struct claims_actor *a, size_t *start);
const char *claims_terr_country_name(const struct claims_ctx *c, const struct claims_terr *t);
size_t claims_actors_left(struct claims_ctx *c, size_t s0, size_t from, const struct claims_terr *t, size_t nt,
			  int avoid, struct claims_actor *out);
int claims_actor_right(struct claims_ctx *c, size_t from, size_t s1, size_t max, struct claims_actor *out);
int claims_prior_actor(const struct claims_ctx *c, const struct claims_terr *t, struct claims_actor *a);
size_t claims_pronoun_subject(const struct claims_ctx *c, const struct claims_sent *si, uint32_t sent, size_t i,
			      struct claims_actor *ac);
size_t claims_shared_subject(const struct claims_ctx *c, const struct claims_sent *si, uint32_t sent, size_t i,
			     struct claims_actor *ac);
int claims_noun_actor(struct claims_ctx *c, size_t s0, size_t i, struct claims_actor *a);
int claims_by_actor(struct claims_ctx *c, size_t from, size_t s1, struct claims_actor *a);
void claims_demander(struct claims_ctx *c, const struct claims_sent *si, size_t told, const struct claims_terr *t,
		     size_t nt, struct claims_actor *a);

size_t claims_kind_actor(const struct claims_ctx *c, int kind, struct claims_actor *a);

/* claims_terr.c: which territory */
void claims_terr_of_entity(const struct claims_ctx *c, int e, struct claims_terr *t);
int claims_loc_at(const struct claims_ctx *c, size_t j, size_t *t0, size_t *t1);
int claims_demonym_territory(struct claims_ctx *c, size_t j, size_t s1, struct claims_terr *t);
int claims_terr_from_context(struct claims_ctx *c, uint32_t sent, int allow_country, size_t un,
			     struct claims_terr *t);
int claims_terr_nearest(struct claims_ctx *c, size_t s0, size_t s1, size_t j, const struct claims_actor *ac,
			size_t na, struct claims_terr *t);
size_t claims_list_left(struct claims_ctx *c, size_t s0, size_t t0, struct claims_terr *t, size_t n);
size_t claims_terr_right(struct claims_ctx *c, const struct claims_sent *si, size_t p, int embed, int near,
			 const struct claims_actor *ac, size_t na, struct claims_terr *t, size_t *unnamed_at,
			 size_t *poss_at, size_t *pron_at);
int claims_definite_terr(const struct claims_ctx *c, const struct claims_sent *si, size_t j);
size_t claims_terr_left(struct claims_ctx *c, const struct claims_sent *si, size_t from, const struct claims_actor *ac,
			size_t na, struct claims_terr *t, int *pron, int *unnamed);
int claims_resolve_poss(struct claims_ctx *c, size_t s0, size_t j, const struct claims_actor *ac, size_t na,
			struct claims_terr *t);
int claims_same_terr(const char *a, const char *b);

size_t claims_including(struct claims_ctx *c, const struct claims_sent *si, size_t from,
			struct claims_terr *t);

/* claims_status.c: status, conditions, copulas */
int claims_in_clause_left(const struct claims_ctx *c, size_t s0, size_t i, size_t max, uint32_t cls);
int claims_negated(const struct claims_ctx *c, size_t s0, size_t i);
int claims_conditional(const struct claims_ctx *c, size_t s0, size_t i);
int claims_hypothetical(const struct claims_ctx *c, size_t s0, size_t i);
int claims_copula_left(const struct claims_ctx *c, size_t s0, size_t i);
int claims_clause_status(const struct claims_ctx *c, size_t s0, size_t i, const struct claims_trigger *tr);
int claims_noun_hypothetical(const struct claims_ctx *c, const struct claims_sent *si, size_t i, size_t e);
int claims_forces_in(const struct claims_ctx *c, size_t s0, size_t s1, size_t i, size_t *obj);

#endif
