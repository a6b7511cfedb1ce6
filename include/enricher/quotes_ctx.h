/* Internals of the quotes module, shared by its files (quotes.c: cues,
 * candidates and rendering; quotes_speakers.c: speaker phrases and their
 * resolution; quotes_words.c: the word tables). Not for other modules.
 * Everything a struct qx points to lives in the request arena, except r. */
#ifndef ENRICHER_QUOTES_CTX_H
#define ENRICHER_QUOTES_CTX_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <strings.h>

#include "enricher/quotes.h"
#include "enricher/lexicon.h"
#include "enricher/quotes_spans.h"

struct quotes_res {
	struct lexicon *cues;   /* speech_verbs.txt: phrase -> class letter */
	struct lexicon *roles;  /* speech_roles.txt: word -> r (person) | g (group) */
	struct lexicon *words;  /* per word: "bits role cue" (quotes_words.c) */
};

/* Word classes: each list of quotes_words.c is one bit. */
enum {
	WB_DET = 1 << 0, WB_STOP = 1 << 1, WB_ADV = 1 << 2, WB_TIME = 1 << 3,
	WB_INTRO = 1 << 4, WB_PPER = 1 << 5, WB_PSELF = 1 << 6, WB_PGRP = 1 << 7,
	WB_ADVR = 1 << 8, WB_NOTCL = 1 << 9, WB_ART = 1 << 10, WB_NOLABEL = 1 << 11,
	WB_MW = 1 << 12  /* first word of a cue of several words */
};

/* Builds r->words from the word lists, the roles and the cues (at load). */
int quotes_words_build(const struct lexicon *cues, const struct lexicon *roles,
		       struct lexicon **out, struct enr_error *err);


enum spk_type { SPK_NONE = 0, SPK_NAME, SPK_GROUP, SPK_PRON_PER, SPK_PRON_GRP, SPK_PRON_SELF };

struct spk {
	int32_t t0, t1;  /* phrase tokens [t0, t1], -1 when none */
	int32_t r0, r1;  /* tokens shown as the mention ("who" for its antecedent) */
	int32_t men;     /* mention inside the phrase naming it, or -1 */
	uint8_t type;    /* enum spk_type */
};

struct cand {
	uint32_t start, end;   /* content bytes */
	uint32_t first, last;  /* content tokens */
	uint8_t kind;          /* enum quote_kind */
	int32_t span;          /* quotes_span index, or -1 */
	int32_t cue;           /* first cue token, or -1 */
	uint8_t cue_n;
	struct spk sp;
	/* resolved */
	int32_t ent;
	const char *name;
};

struct qx {
	const struct quotes_res *r;
	struct arena *a;
	const struct text_doc *d;
	const struct entity_list *el;
	struct quotes_span *sp;
	size_t nsp;
	int32_t *span_of;   /* per token: span whose marks or content hold it, or -1 */
	uint8_t *span_ok;   /* per span: taken as a quote (not scare quotes) */
	char *cue;          /* per token: cue class at the cue's first token, or 0 */
	uint8_t *cue_n;     /* per token: words in the cue */
	uint8_t *used;      /* per token: cue consumed, or token in an indirect content */
	uint16_t *wb;       /* per token: WB_* bits of the word */
	char *rolec;        /* per token: 'r', 'g' (speech_roles.txt) or 0 */
	char *cue1;         /* per token: cue class of the word alone, or 0 */
	uint32_t *line;     /* per token: line number */
	struct spk *cspk;   /* per token: memo of cue speakers */
	uint8_t *cspk_done;
	struct cand *c;
	size_t nc, cap;
};

/* ------------------------------------------------------------ token tests */

/* Compares token i with the ASCII word w, case folded; a typographic
 * apostrophe (U+2019) in the text equals w's "'" ("doesn’t" = "doesn't"). */
static inline int tok_eq(const struct qx *x, size_t i, const char *w)
{
	size_t n = text_tok_len(x->d, i);
	const unsigned char *s = (const unsigned char *)text_tok_str(x->d, i);
	size_t k = 0, j = 0;
	for (; k < n && w[j]; j++) {
		unsigned char a = s[k], b = (unsigned char)w[j];
		if (b == '\'' && a == 0xE2 && k + 2 < n && s[k + 1] == 0x80 && s[k + 2] == 0x99) {
			k += 3;
			continue;
		}
		if (a >= 'A' && a <= 'Z')
			a = (unsigned char)(a + 32);
		if (b >= 'A' && b <= 'Z')
			b = (unsigned char)(b + 32);
		if (a != b)
			return 0;
		k++;
	}
	return k == n && !w[j];
}

static inline int tok_in(const struct qx *x, size_t i, const char *const *list)
{
	if (x->d->tok[i].kind != TEXT_WORD)
		return 0;
	for (size_t k = 0; list[k]; k++)
		if (tok_eq(x, i, list[k]))
			return 1;
	return 0;
}

static inline int tok_punct(const struct qx *x, size_t i, char c)
{
	return (x->d->tok[i].kind == TEXT_PUNCT || x->d->tok[i].kind == TEXT_DASH) &&
	       x->d->text[x->d->tok[i].start] == c;
}

static inline int tok_word(const struct qx *x, size_t i)
{
	return x->d->tok[i].kind == TEXT_WORD;
}

static inline int tok_upper(const struct qx *x, size_t i)
{
	return tok_word(x, i) && (x->d->tok[i].flags & TEXT_F_UPPER);
}

/* Is token i a word of more than min bytes ending in sfx ("calling",
 * "quietly", "involved")? */
static inline int tok_ends(const struct qx *x, size_t i, const char *sfx, size_t min)
{
	size_t n = text_tok_len(x->d, i), k = strlen(sfx);
	return tok_word(x, i) && n > min && n >= k && !memcmp(text_tok_str(x->d, i) + n - k, sfx, k);
}

/* Does the sentence ending at token e end falsely, at an initial or an
 * abbreviation inside a name or an aside ("George W. Bush", "Cambridge,
 * Mass., said"), with the next sentence on the same line? */
static inline int false_sent_end(const struct qx *x, size_t e)
{
	const struct text_doc *d = x->d;
	if (e < 1 || e + 1 >= d->ntok || (d->tok[e + 1].flags & TEXT_F_NL_BEFORE))
		return 0;
	size_t w = e;
	if (d->tok[e].kind == TEXT_PUNCT && d->text[d->tok[e].start] == '.' &&
	    d->tok[e].end == d->tok[e].start + 1)
		w = e - 1;
	if (d->tok[w].kind != TEXT_WORD)
		return 0;
	size_t n = d->tok[w].end - d->tok[w].start;
	const char *t = d->text + d->tok[w].start;
	if (w == e && !(n >= 2 && t[n - 1] == '.'))
		return 0;  /* no dot at all */
	if (w == e)
		n--;
	/* "R-Ky.", "D-Calif.": a party and a state after a name */
	for (size_t k = n; k-- > 1;)
		if (t[k] == '-') {
			t += k + 1;
			n -= k + 1;
			break;
		}
	if (n == 1 && t[0] >= 'A' && t[0] <= 'Z')
		return 1;  /* an initial */
	static const char *const ab[] = {"Mass", "Fla", "Calif", "Ariz", "Ala", "Ark", "Colo",
		"Conn", "Del", "Ga", "Ill", "Ind", "Kan", "Ky", "La", "Md", "Mich", "Minn",
		"Miss", "Mo", "Mont", "Neb", "Nev", "Okla", "Ore", "Pa", "Tenn", "Tex", "Va",
		"Vt", "Wash", "Wis", "Wyo", "Jr", "Sr", NULL};
	for (size_t k = 0; ab[k]; k++)
		if (strlen(ab[k]) == n && !strncmp(ab[k], t, n))
			return 1;
	return 0;
}

static inline size_t sent_first(const struct qx *x, size_t i)
{
	size_t s = x->d->tok[i].sent;
	for (int k = 0; k < 3 && s > 0; k++) {
		const struct text_sentence *p = &x->d->sent[s - 1];
		if (p->ntok == 0 || !false_sent_end(x, p->tok + p->ntok - 1))
			break;
		s--;
	}
	return x->d->sent[s].tok;
}

static inline size_t sent_last(const struct qx *x, size_t i)
{
	size_t s = x->d->tok[i].sent;
	for (int k = 0; k < 3 && s + 1 < x->d->nsent; k++) {
		const struct text_sentence *c = &x->d->sent[s];
		if (c->ntok == 0 || !false_sent_end(x, c->tok + c->ntok - 1))
			break;
		s++;
	}
	const struct text_sentence *c = &x->d->sent[s];
	return c->tok + c->ntok - 1;
}

static inline int mention_at(const struct qx *x, size_t i)
{
	if (!x->el || !x->el->tok_mention || !x->el->men)
		return -1;
	return x->el->tok_mention[i];
}

static inline const char *role_of(const struct qx *x, size_t i)
{
	return x->rolec[i] ? &x->rolec[i] : NULL;
}

static inline int wb_has(const struct qx *x, size_t i, unsigned bit)
{
	return (x->wb[i] & bit) != 0;
}

/* Is token i inside (or a mark of) a span taken as a quote? */
static inline int in_quote(const struct qx *x, size_t i)
{
	return x->span_of[i] >= 0 && x->span_ok[x->span_of[i]];
}

static inline int is_close_mark(const struct qx *x, size_t i)
{
	return x->d->tok[i].kind == TEXT_QUOTE && x->span_of[i] >= 0 &&
	       x->sp[x->span_of[i]].close_tok == i;
}


/* Speaker phrases (quotes_speakers.c). */
struct spk quotes_no_spk(void);
int quotes_np_word(const struct qx *x, size_t i);
long quotes_skip_adv_left(const struct qx *x, long j, long lo);
struct spk quotes_phrase_spk(const struct qx *x, long t0, long t1);
struct spk quotes_np_left(const struct qx *x, long e, long lo, int depth);
struct spk quotes_np_right(const struct qx *x, long s, long hi);
struct spk quotes_subject_of(struct qx *x, size_t i);
struct spk quotes_cue_speaker(struct qx *x, size_t i);
int quotes_spk_plausible(const struct qx *x, const struct spk *s);
int quotes_finite_word(const struct qx *x, size_t k);  /* "was", "said", "fell" ... */

/* Resolution of speaker phrases to entities, in text order. */
struct quotes_resolver {
	long per_tok;        /* where the last person was named or spoke */
	int32_t per_ent;
	const char *per_name;
	long grp_tok;
	int32_t grp_ent;
	const char *grp_name;
	size_t men_next;     /* mentions before this were scanned */
};

void quotes_resolve(struct qx *x, struct quotes_resolver *rv, struct cand *c);

#endif
