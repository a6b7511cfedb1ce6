/* Speakers of quotes: the phrase next to a cue (before it, after it in
 * inversions, the clause subject for participles, the possessor of a noun
 * cue), classified as a name, a group description or a pronoun; then, in
 * text order, resolved to entities through mentions, titles and the last
 * person or group that spoke. Reads the entity layer, never writes it. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "enricher/quotes_ctx.h"
#include "enricher/tagger.h"

/* ------------------------------------------------------- speaker phrases */

/* Is s a likely speaker with no cue to vouch for it: a name, a pronoun, or
 * a description headed by a role or group word ("the spokesman")? */
int quotes_spk_plausible(const struct qx *x, const struct spk *s)
{
	switch (s->type) {
	case SPK_NAME:
	case SPK_PRON_PER:
	case SPK_PRON_GRP:
	case SPK_PRON_SELF:
		return 1;
	case SPK_GROUP:
		return role_of(x, (size_t)s->t1) != NULL ||
		       x->d->tok[s->t1].kind == TEXT_NUMBER;
	default:
		return 0;
	}
}

/* Skips adverbials and auxiliaries left of a cue, "(...)" asides and
 * "on Thursday": the index of the phrase's last token, or -1. */
long quotes_skip_adv_left(const struct qx *x, long j, long lo)
{
	for (int steps = 0; j >= lo && steps < 14; steps++) {
		if (x->d->tok[j].kind == TEXT_DASH) {
			/* "Democratic leaders — and, in particular, Harry Reid — insisted" */
			long k = j - 1;
			while (k >= lo && k > j - 20 && x->d->tok[k].kind != TEXT_DASH)
				k--;
			if (k < lo || x->d->tok[k].kind != TEXT_DASH)
				return j;
			j = k - 1;
			continue;
		}
		if (tok_punct(x, (size_t)j, ')')) {
			long k = j - 1;
			while (k >= lo && k > j - 12 && !tok_punct(x, (size_t)k, '('))
				k--;
			if (k < lo || !tok_punct(x, (size_t)k, '('))
				return j;
			j = k - 1;
			continue;
		}
		if (wb_has(x, (size_t)j, WB_TIME)) {
			j--;
			continue;
		}
		if (x->d->tok[j].kind == TEXT_NUMBER && j > lo &&
		    wb_has(x, (size_t)j - 1, WB_TIME)) {
			j -= 2;
			continue;
		}
		if (tok_word(x, (size_t)j) && !tok_upper(x, (size_t)j) &&
		    wb_has(x, (size_t)j, WB_ADV)) {
			j--;
			continue;
		}
		if (tok_word(x, (size_t)j) && !tok_upper(x, (size_t)j) && !role_of(x, (size_t)j)) {
			size_t n = text_tok_len(x->d, (size_t)j);
			const char *s = text_tok_str(x->d, (size_t)j);
			if (n > 4 && s[n - 2] == 'l' && s[n - 1] == 'y') {
				j--;
				continue;
			}
		}
		break;
	}
	return j;
}

/* May word i sit inside a speaker description? */
int quotes_np_word(const struct qx *x, size_t i)
{
	if (!tok_word(x, i))
		return 0;
	if (x->cue[i])
		return 0;
	if (tok_upper(x, i)) {
		if (mention_at(x, i) >= 0)
			return 1;
		if (wb_has(x, i, WB_INTRO) || wb_has(x, i, WB_STOP) || wb_has(x, i, WB_DET))
			return 0;
		size_t n = text_tok_len(x->d, i);
		const char *s = text_tok_str(x->d, i);
		if ((x->d->tok[i].flags & TEXT_F_SENT_START) && !(x->d->tok[i].flags & TEXT_F_ALLCAPS) &&
		    n > 4 && ((s[n - 3] == 'i' && s[n - 2] == 'n' && s[n - 1] == 'g') ||
			      (s[n - 2] == 'e' && s[n - 1] == 'd') || (s[n - 2] == 'l' && s[n - 1] == 'y')))
			return 0;
		return 1;
	}
	if (role_of(x, i))
		return 1;
	if (wb_has(x, i, WB_STOP) || wb_has(x, i, WB_DET))
		return 0;
	size_t n = text_tok_len(x->d, i);
	const char *s = text_tok_str(x->d, i);
	if (tok_in(x, i, (const char *const[]){"early", "elderly", "daily", "weekly", "monthly",
			"friendly", "family", "early", "costly", "deadly", NULL}))
		return 1;
	if (n > 3 && ((s[n - 2] == 'e' && s[n - 1] == 'd') || (s[n - 2] == 'l' && s[n - 1] == 'y')))
		return 0;
	if (n > 4 && s[n - 3] == 'i' && s[n - 2] == 'n' && s[n - 1] == 'g')
		return 0;
	return 1;
}

/* The last mention inside tokens [t0, t1], preferring people and
 * organisations; -1 if none. */
static int32_t mention_in(const struct qx *x, long t0, long t1)
{
	int32_t best = -1;
	for (long k = t1; k >= t0; k--) {
		int m = mention_at(x, (size_t)k);
		if (m < 0)
			continue;
		uint8_t ty = x->el->men[m].type;
		if (ty == NER_PER || ty == NER_ORG)
			return m;
		if (best < 0)
			best = m;
	}
	return best;
}

/* Classifies a phrase [t0, t1]: a name (capitalised head or mention), a
 * group or role description (a lowercase head noun), or nothing. */
struct spk quotes_phrase_spk(const struct qx *x, long t0, long t1)
{
	struct spk s = {.t0 = -1, .t1 = -1, .r0 = -1, .r1 = -1, .men = -1, .type = SPK_NONE};
	if (t0 > t1 || t0 < 0)
		return s;
	/* leading determiners are not part of the phrase */
	while (t0 < t1 && wb_has(x, (size_t)t0, WB_DET) && !wb_has(x, (size_t)t0, WB_PGRP))
		t0++;
	s.t0 = s.r0 = (int32_t)t0;
	s.t1 = s.r1 = (int32_t)t1;
	s.men = mention_in(x, t0, t1);
	if (t0 == t1 && wb_has(x, (size_t)t0, WB_PPER)) {
		s.type = SPK_PRON_PER;
		return s;
	}
	if (t0 == t1 && wb_has(x, (size_t)t0, WB_PGRP)) {
		s.type = SPK_PRON_GRP;
		return s;
	}
	if (t0 == t1 && wb_has(x, (size_t)t0, WB_PSELF)) {
		s.type = SPK_PRON_SELF;
		return s;
	}
	if (s.men >= 0 && !tok_upper(x, (size_t)t1) && x->el->men[s.men].type != NER_PER &&
	    x->el->men[s.men].type != NER_ORG) {
		/* "Ukrainian defence officials": a group, not the nationality */
		s.type = SPK_GROUP;
		s.men = -1;
		return s;
	}
	if (s.men < 0 && t0 == t1 && x->el && (x->d->tok[t0].flags & TEXT_F_SENT_START) &&
	    !(x->d->tok[t0].flags & TEXT_F_ALLCAPS)) {
		/* "Officials said": a capital that only opens the sentence, on a
		 * role word */
		if (role_of(x, (size_t)t1)) {
			s.type = SPK_GROUP;
			return s;
		}
	}
	if (s.men >= 0 || tok_upper(x, (size_t)t1)) {
		s.type = SPK_NAME;
		if (s.men >= 0 && role_of(x, (size_t)t1) == NULL) {
			/* shown as the mention itself, without the titles before it */
			s.r0 = (int32_t)x->el->men[s.men].tok;
			s.r1 = (int32_t)(x->el->men[s.men].tok + x->el->men[s.men].ntok - 1);
		}
		return s;
	}
	const char *role = role_of(x, (size_t)t1);
	size_t n = text_tok_len(x->d, (size_t)t1);
	const char *w = text_tok_str(x->d, (size_t)t1);
	int det = s.t0 > 0 && wb_has(x, (size_t)s.t0 - 1, WB_DET);
	if (role || det || (n > 3 && w[n - 1] == 's') ||
	    (n > 3 && w[n - 3] == 'm' && w[n - 2] == 'e' && w[n - 1] == 'n')) {
		s.type = SPK_GROUP;
		return s;
	}
	s.t0 = s.t1 = s.r0 = s.r1 = -1;
	return s;
}

struct spk quotes_no_spk(void)
{
	struct spk s = {.t0 = -1, .t1 = -1, .r0 = -1, .r1 = -1, .men = -1, .type = SPK_NONE};
	return s;
}

static struct spk np_left_simple(const struct qx *x, long e, long lo, int depth);

/* Things that speak for their owner: "the ministry's statement said". */
static const char *const q_documents[] = {"statement", "statements", "report", "letter", "email",
	"e-mail", "memo", "tweet", "tweets", "post", "posts", "release", "ad", "advert", "video",
	"website", "book", "filing", "complaint", "lawsuit", "message", "account", "announcement",
	"office", NULL};

/* The speaker phrase ending at token e (walking left), within [lo, e]; a
 * phrase after "of", "for", "on" ... belongs to the noun before it ("his
 * rivals for the nomination", "the Brennan Center for Justice"). */
struct spk quotes_np_left(const struct qx *x, long e, long lo, int depth)
{
	if (e - 2 >= lo && depth == 0 && tok_in(x, (size_t)e, q_documents) &&
	    x->d->tok[e - 1].kind == TEXT_POSSESSIVE) {
		struct spk o = np_left_simple(x, e - 2, lo, depth + 1);
		if (o.type == SPK_NAME || o.type == SPK_GROUP || o.type == SPK_PRON_PER ||
		    o.type == SPK_PRON_GRP) {
			o.r1 = (int32_t)e;
			return o;
		}
	}
	if (e - 1 >= lo && depth == 0 && tok_in(x, (size_t)e, q_documents) &&
	    tok_in(x, (size_t)e - 1, (const char *const[]){"his", "her", "their", NULL})) {
		/* "his statement said": whoever "his" is */
		struct spk o = quotes_no_spk();
		o.t0 = o.t1 = o.r0 = (int32_t)e - 1;
		o.r1 = (int32_t)e;
		o.type = tok_eq(x, (size_t)e - 1, "their") ? SPK_PRON_GRP : SPK_PRON_PER;
		return o;
	}
	struct spk s = np_left_simple(x, e, lo, depth);
	if (depth > 0 || s.type == SPK_PRON_PER || s.type == SPK_PRON_GRP || s.type == SPK_PRON_SELF)
		return s;
	/* "Secretary of State Antony Blinken": a person named is the head */
	if (s.type == SPK_NAME && s.men >= 0 && x->el->men[s.men].type == NER_PER)
		return s;
	long b = s.t0 - 1;
	if (s.type == SPK_NONE) {
		/* "advocates for stem cell research": no head of its own */
		b = e;
		while (b >= lo && b > e - 6 && (quotes_np_word(x, (size_t)b) ||
						 x->d->tok[b].kind == TEXT_NUMBER))
			b--;
		if (b == e)
			return s;
	}
	/* "the head of the private army Volkov": a description before the
	 * name, then "of"; only a role word may head such a phrase */
	int described = 0;
	if (s.type == SPK_NAME) {
		long k = b;
		while (k >= lo && k > b - 5 && tok_word(x, (size_t)k) &&
		       (!tok_upper(x, (size_t)k) ||
			(mention_at(x, (size_t)k) >= 0 &&
			 x->el->men[mention_at(x, (size_t)k)].type == NER_MISC)) &&
		       quotes_np_word(x, (size_t)k) && !role_of(x, (size_t)k) &&
		       !wb_has(x, (size_t)k, WB_DET))
			k--;
		if (k < b && k >= lo && wb_has(x, (size_t)k, WB_DET)) {
			b = k;
			described = 1;
		}
	}
	while (b >= lo && wb_has(x, (size_t)b, WB_DET))
		b--;
	if (b - 1 < lo || !tok_in(x, (size_t)b, (const char *const[]){"of", "for", "from", "at",
			"on", "with", "in", NULL}))
		return s;
	struct spk h = np_left_simple(x, b - 1, lo, depth + 1);
	if (h.type != SPK_NAME && h.type != SPK_GROUP)
		return s;
	if (described && !(h.type == SPK_GROUP && role_of(x, (size_t)h.t1) &&
			   role_of(x, (size_t)h.t1)[0] == 'r'))
		return s;
	/* "the head of the agency": a role word heads the phrase */
	h.r1 = s.type != SPK_NONE ? s.r1 : (int32_t)e;
	return h;
}

static struct spk np_left_simple(const struct qx *x, long e, long lo, int depth)
{
	if (e < lo || e < 0)
		return quotes_no_spk();
	if (x->d->tok[e].kind == TEXT_NUMBER && e - 2 >= lo && tok_eq(x, (size_t)e - 1, "in")) {
		/* "Six in 10 say", "about 4 in 10 voters" */
		struct spk g = quotes_no_spk();
		g.t0 = g.r0 = (int32_t)(e - 2);
		g.t1 = g.r1 = (int32_t)e;
		g.type = SPK_GROUP;
		return g;
	}
	if (wb_has(x, (size_t)e, WB_PPER) || wb_has(x, (size_t)e, WB_PGRP) ||
	    wb_has(x, (size_t)e, WB_PSELF))
		return quotes_phrase_spk(x, e, e);
	if (depth < 1 && tok_in(x, (size_t)e, (const char *const[]){"who", "which", NULL}) &&
	    e - 1 >= lo) {
		struct spk a = quotes_np_left(x, tok_punct(x, (size_t)e - 1, ',') ? e - 2 : e - 1, lo, depth + 1);
		if (a.type != SPK_NONE)
			a.r0 = a.r1 = (int32_t)e;
		return a;
	}
	int m = mention_at(x, (size_t)e);
	long k = e;
	if (m >= 0)
		k = (long)x->el->men[m].tok - 1;
	else if (!quotes_np_word(x, (size_t)e))
		return quotes_no_spk();
	else
		k = e - 1;
	int n = 0;
	while (k >= lo && n < 7) {
		int mk = mention_at(x, (size_t)k);
		if (mk >= 0 && m < 0) {
			/* a name before a description: "Acme chief executive" */
			k = (long)x->el->men[mk].tok - 1;
			n++;
			continue;
		}
		if (wb_has(x, (size_t)k, WB_DET)) {
			k--;
			break;
		}
		if (!quotes_np_word(x, (size_t)k))
			break;
		/* a name is not extended by lowercase words on its left */
		if (m >= 0 && !tok_upper(x, (size_t)k) && !role_of(x, (size_t)k))
			break;
		k--;
		n++;
	}
	return quotes_phrase_spk(x, k + 1, e);
}

/* A word that starts a modifier after a noun: "a man calling himself",
 * "a source involved in", "an official familiar with". */
static int ing_word(const struct qx *x, size_t k)
{
	if (!tok_word(x, k) || tok_upper(x, k))
		return 0;
	if (tok_ends(x, k, "ed", 5) && k + 1 < x->d->ntok &&
	    tok_in(x, k + 1, (const char *const[]){"in", "with", "to", "by", "on", NULL}))
		return 1;
	if (tok_in(x, k, (const char *const[]){"familiar", "close", "briefed", "knowledgeable",
			NULL}))
		return 1;
	return tok_ends(x, k, "ing", 4);
}

/* The speaker phrase starting at token s (walking right), within [s, hi]. */
struct spk quotes_np_right(const struct qx *x, long s, long hi)
{
	if (s > hi || s < 0 || (size_t)s >= x->d->ntok)
		return quotes_no_spk();
	if (wb_has(x, (size_t)s, WB_PPER) || wb_has(x, (size_t)s, WB_PGRP) ||
	    wb_has(x, (size_t)s, WB_PSELF))
		return quotes_phrase_spk(x, s, s);
	long k = s;
	if (wb_has(x, (size_t)k, WB_DET))
		k++;
	long e = -1;
	int n = 0;
	while (k <= hi && n < 8) {
		int mk = mention_at(x, (size_t)k);
		if (mk >= 0) {
			e = (long)x->el->men[mk].tok + (long)x->el->men[mk].ntok - 1;
			k = e + 1;
			n++;
			continue;
		}
		if (x->d->tok[k].kind == TEXT_POSSESSIVE && e >= 0) {
			k++;
			continue;
		}
		/* "one unaligned strategist", "retired Army general": an -ed
		 * adjective before the noun it describes */
		/* "a 2008 campaign veteran", "a 35-year-old nurse" */
		if (e < 0 && x->d->tok[k].kind == TEXT_NUMBER && k + 1 <= hi &&
		    quotes_np_word(x, (size_t)k + 1) && !tok_upper(x, (size_t)k + 1)) {
			k++;
			continue;
		}
		int adj = e < 0 && !quotes_np_word(x, (size_t)k) && !tok_upper(x, (size_t)k) &&
			  !x->cue[k] && !ing_word(x, (size_t)k) && !wb_has(x, (size_t)k, WB_STOP) &&
			  tok_ends(x, (size_t)k, "ed", 4) && k + 1 <= hi && quotes_np_word(x, (size_t)k + 1);
		if ((!quotes_np_word(x, (size_t)k) && !adj) ||
		    (e >= 0 && (ing_word(x, (size_t)k) || quotes_finite_word(x, (size_t)k))))
			break;
		/* a name is not followed by lowercase words other than roles; a
		 * place or a nationality may describe them ("Florida strategist") */
		int modifier = e >= 0 && k == e + 1 && mention_at(x, (size_t)e) >= 0 &&
			       (x->el->men[mention_at(x, (size_t)e)].type == NER_LOC ||
				x->el->men[mention_at(x, (size_t)e)].type == NER_MISC);
		if (e >= 0 && tok_upper(x, (size_t)e) && !tok_upper(x, (size_t)k) &&
		    !role_of(x, (size_t)k) && !modifier)
			break;
		e = k;
		k++;
		n++;
	}
	if (e < 0)
		return quotes_no_spk();
	/* "(徐國勇)" after a name belongs to it */
	return quotes_phrase_spk(x, s, e);
}


/* Where the clause of sentence-start st begins, for finding its subject:
 * past a dateline ("ORLANDO, Fla. (Reuters) - ") and past an opening time
 * phrase ("Minutes later, she", "Eight years ago, he"); never past i. */
static size_t past_openers(const struct qx *x, size_t st, size_t i)
{
	if (st < i && tok_word(x, st) && (x->d->tok[st].flags & TEXT_F_ALLCAPS) &&
	    text_tok_len(x->d, st) > 2) {
		for (size_t k = st + 1; k < i && k < st + 16; k++)
			if (x->d->tok[k].kind == TEXT_DASH) {
				st = k + 1;
				break;
			}
	}
	for (size_t k = st; k + 1 < i && k < st + 6; k++) {
		if (!tok_word(x, k) && x->d->tok[k].kind != TEXT_NUMBER)
			break;
		if (tok_in(x, k, (const char *const[]){"later", "ago", "earlier", NULL}) && k > st &&
		    tok_punct(x, k + 1, ',')) {
			st = k + 2;
			break;
		}
	}
	return st;
}

/* The subject of the clause holding cue i: the speaker of an earlier cue in
 * the sentence, else the noun phrase opening the main clause. */
struct spk quotes_subject_of(struct qx *x, size_t i)
{
	size_t s0 = sent_first(x, i);
	for (long k = (long)i - 1; k >= (long)s0; k--) {
		char c = x->cue[k];
		if (!c || c == 'p' || c == 'P' || c == 'n' || c == 'a' || x->span_of[k] >= 0)
			continue;
		struct spk s = quotes_cue_speaker(x, (size_t)k);
		if (s.type != SPK_NONE)
			return s;
	}
	size_t st = s0;
	while (st < i && (x->d->tok[st].kind == TEXT_QUOTE || x->span_of[st] >= 0))
		st++;
	st = past_openers(x, st, i);
	size_t hi = sent_last(x, i);
	if (wb_has(x, st, WB_INTRO) || x->cue[st] == 'p' || x->cue[st] == 'P' ||
	    (!quotes_np_word(x, st) && !wb_has(x, st, WB_DET) && !wb_has(x, st, WB_PPER) &&
	     !wb_has(x, st, WB_PGRP))) {
		/* "While conceding ..., the mayor said": past the opening clause,
		 * and past a relative clause on it ("..., which is set to ..., Bush") */
		size_t k = st;
		for (int commas = 0; commas < 3; commas++) {
			while (k < hi && !tok_punct(x, k, ','))
				k++;
			if (k >= hi)
				return quotes_no_spk();
			st = k + 1;
			if (st == i)
				return quotes_no_spk();
			struct spk s = quotes_np_right(x, (long)st, st < i ? (long)i - 1 : (long)hi);
			/* "in Salem, New Hampshire, Trump went": a place in the opening */
			if (s.type != SPK_NONE && !((size_t)s.t1 + 1 < hi && tok_punct(x, (size_t)s.t1 + 1, ',')))
				return s;
			k = st;
		}
		return quotes_no_spk();
	}
	if (st == i)
		return quotes_no_spk();
	return quotes_np_right(x, (long)st, st < i ? (long)i - 1 : (long)hi);
}

/* The phrase opening the sentence of cue i when nothing but its own
 * modifiers comes between it and the cue: no punctuation, quotation mark
 * or other cue. A name, a pronoun, or a description with a determiner. */
static struct spk clause_opening_subject(const struct qx *x, size_t i, long lo)
{
	long st = lo;
	while (st < (long)i && (x->d->tok[st].kind == TEXT_QUOTE || x->span_of[st] >= 0))
		st++;
	st = (long)past_openers(x, (size_t)st, i);
	if (st >= (long)i || wb_has(x, (size_t)st, WB_INTRO) || wb_has(x, (size_t)st, WB_TIME))
		return quotes_no_spk();
	for (long k = st; k < (long)i; k++) {
		enum text_kind kd = x->d->tok[k].kind;
		if (kd == TEXT_PUNCT || kd == TEXT_DASH || kd == TEXT_QUOTE || x->cue[k] ||
		    x->span_of[k] >= 0)
			return quotes_no_spk();
	}
	struct spk f = quotes_np_right(x, st, (long)i - 1);
	if (f.type == SPK_GROUP && !(f.t0 > lo && wb_has(x, (size_t)f.t0 - 1, WB_DET)) &&
	    !role_of(x, (size_t)f.t1))
		return quotes_no_spk();
	return f;
}

/* Does an inverted speaker phrase end before token a ("said X." / "said X
 * on Thursday" / "said X of the union")? */
static int inverted_phrase_ends(const struct qx *x, long a, long hi)
{
	if (a > hi)
		return 1;
	size_t k = (size_t)a;
	return x->d->tok[k].kind == TEXT_PUNCT || x->d->tok[k].kind == TEXT_DASH ||
	       x->d->tok[k].kind == TEXT_QUOTE || wb_has(x, k, WB_ADVR) || wb_has(x, k, WB_TIME) ||
	       tok_in(x, k, (const char *const[]){"at", "during", "after", "before", "while", "when",
			"as", "to", "from", "via", "who", "whose", "whom", "of", "in", "on", "with",
			NULL});
}


/* "footage of the mayor saying", "a video of Ann Lee asking": a person
 * named right before the participle, after a preposition, says it; not the
 * subject of the clause. */
static struct spk reduced_relative_spk(const struct qx *x, size_t i, long lo)
{
	if ((long)i - 2 < lo || !tok_word(x, i - 1))
		return quotes_no_spk();
	struct spk s = quotes_np_left(x, (long)i - 1, lo, 1);
	if (s.type != SPK_NAME || s.men < 0 || x->el->men[s.men].type != NER_PER ||
	    s.t1 != (int32_t)i - 1 || s.t0 - 1 < lo ||
	    !tok_in(x, (size_t)s.t0 - 1, (const char *const[]){"of", "with", "from", "by", NULL}))
		return quotes_no_spk();
	return s;
}

/* The speaker of cue i (memoised): after the cue for "according to X" and
 * inversions ("," said X), the possessor for noun cues (X's claim that),
 * the clause subject for participles, else the phrase before the cue,
 * past adverbials, asides and appositives ("X, a doctor, said"). */
struct spk quotes_cue_speaker(struct qx *x, size_t i)
{
	if (x->cspk_done[i])
		return x->cspk[i];
	x->cspk_done[i] = 1;  /* guards against cycles */
	x->cspk[i] = quotes_no_spk();
	char c = x->cue[i];
	size_t n = x->cue_n[i] ? x->cue_n[i] : 1;
	long lo = (long)sent_first(x, i), hi = (long)sent_last(x, i);
	struct spk s = quotes_no_spk();
	if (c == 'a') {
		s = quotes_np_right(x, (long)(i + n), hi);
		/* "according to a statement from the ministry": the ministry */
		long f = s.t1 + 1;
		if (s.type != SPK_NONE && f + 1 <= hi &&
		    tok_in(x, (size_t)f, (const char *const[]){"from", "by", NULL})) {
			struct spk in = quotes_np_right(x, f + 1, hi);
			if (in.type == SPK_NAME || in.type == SPK_GROUP) {
				in.r0 = s.r0;
				s = in;
			}
		}
	} else if (c == 'n') {
		if (i >= 2 && x->d->tok[i - 1].kind == TEXT_POSSESSIVE)
			s = quotes_np_left(x, (long)i - 2, lo, 0);
	} else if (c == 'p' || c == 'P' ||
		   (c == 'q' && tok_ends(x, i, "ing", 4))) {
		/* participles, and "calling it "..."" next to a quote */
		s = reduced_relative_spk(x, i, lo);
		if (s.type == SPK_NONE)
			s = quotes_subject_of(x, i);
	} else {
		int inverted = c != 'o' &&
			       ((long)i == lo || tok_punct(x, i - 1, ',') || is_close_mark(x, i - 1) ||
				(x->span_of[i - 1] >= 0));
		if (inverted && i + n <= (size_t)hi) {
			s = quotes_np_right(x, (long)(i + n), hi);
			if ((s.type == SPK_PRON_GRP && tok_eq(x, (size_t)s.t0, "it")) ||
			    (s.type != SPK_NONE && s.t0 == s.t1 && wb_has(x, (size_t)s.t0, WB_TIME)))
				s = quotes_no_spk();  /* "said Tuesday" names no speaker */
			/* "said X." / "said X on Thursday": X ends the clause */
			if (s.type != SPK_NONE && !inverted_phrase_ends(x, s.t1 + 1, hi) &&
			    !wb_has(x, i + n, WB_DET)) {
				s = quotes_no_spk();
			} else if (s.type != SPK_NONE && !inverted_phrase_ends(x, s.t1 + 1, hi)) {
				/* "said another party member, Ann Lee", "wrote a man
				 * calling himself X": a description running on */
				long e = s.t1;
				while (e + 1 <= hi && e < s.t1 + 4 && tok_word(x, (size_t)e + 1) &&
				       !tok_upper(x, (size_t)e + 1) && quotes_np_word(x, (size_t)e + 1) &&
				       !ing_word(x, (size_t)e + 1) && !quotes_finite_word(x, (size_t)e + 1))
					e++;
				struct spk w = e > s.t1 ? quotes_phrase_spk(x, s.t0, e) : quotes_no_spk();
				if (w.type == SPK_NAME || w.type == SPK_GROUP) {
					s = w;
				} else if (!(s.t1 + 1 <= hi && ing_word(x, (size_t)s.t1 + 1))) {
					s = quotes_no_spk();
				}
				if (s.type != SPK_NONE && !inverted_phrase_ends(x, s.t1 + 1, hi) &&
				    !(s.t1 + 1 <= hi && ing_word(x, (size_t)s.t1 + 1)))
					s = quotes_no_spk();
			}
			/* "said a party member, Ann Lee.": the name in apposition */
			if ((s.type == SPK_GROUP || (s.type == SPK_NAME && s.t1 > s.t0 &&
							     !tok_upper(x, (size_t)s.t1))) &&
			    s.t1 + 2 <= hi && tok_punct(x, (size_t)s.t1 + 1, ',')) {
				struct spk nm = quotes_np_right(x, s.t1 + 2, hi);
				if (nm.type == SPK_NAME && nm.t1 > nm.t0 &&
				    (nm.men < 0 || x->el->men[nm.men].type == NER_PER) &&
				    (nm.t1 + 1 > hi || x->d->tok[nm.t1 + 1].kind == TEXT_PUNCT))
					s = nm;
			}
		}
		if (s.type == SPK_NONE && (long)i > lo) {
			long j = quotes_skip_adv_left(x, (long)i - 1, lo);
			if (j > lo && tok_eq(x, (size_t)j, "to")) {
				/* "Mr. Ross was prompted to say": past the verbs that
				 * govern the infinitive, to their subject */
				long k = j - 1;
				while (k > lo && k > j - 5 && tok_word(x, (size_t)k) &&
				       !tok_upper(x, (size_t)k) && !role_of(x, (size_t)k) &&
				       !wb_has(x, (size_t)k, WB_PPER) && !wb_has(x, (size_t)k, WB_PGRP) &&
				       !wb_has(x, (size_t)k, WB_PSELF) && mention_at(x, (size_t)k) < 0 &&
				       !tok_in(x, (size_t)k, (const char *const[]){"and", "but", "or", NULL}))
					k--;
				j = k;
			}
			if (j >= lo && tok_punct(x, (size_t)j, ',')) {
				/* appositive: "Hugh Hill, a doctor, said"; "X, 21, a student, said" */
				long k = j - 1;
				/* "his top aide, Tad Devine, told" */
				s = quotes_np_left(x, k, lo, 0);
				/* "The coalition, known as the CSP, said": the name given */
				long b = s.t0 - 1;
				long bd = b > lo && tok_eq(x, (size_t)b, "the") ? b - 1 : b;
				if (s.type == SPK_NAME && bd - 1 > lo && tok_eq(x, (size_t)bd, "as") &&
				    tok_eq(x, (size_t)bd - 1, "known"))
					b = bd - 2;
				else if (s.type == SPK_NAME && b > lo && tok_eq(x, (size_t)b, "called"))
					b--;
				if (s.type != SPK_NAME || s.men < 0 || b < lo || !tok_punct(x, (size_t)b, ','))
					s = quotes_no_spk();
				for (int commas = 0; commas < 3 && s.type == SPK_NONE; commas++) {
					while (k >= lo && k > j - 30 && !tok_punct(x, (size_t)k, ',') &&
					       x->d->tok[k].kind != TEXT_QUOTE)
						k--;
					if (k <= lo || !tok_punct(x, (size_t)k, ','))
						break;
					s = quotes_np_left(x, k - 1, lo, 0);
					if (s.type != SPK_NAME && s.type != SPK_GROUP)
						s = quotes_no_spk();
					k--;
				}
			} else if (j >= lo) {
				s = quotes_np_left(x, j, lo, 0);
			}
			if (s.type == SPK_NONE && j >= lo &&
			    tok_in(x, (size_t)j, (const char *const[]){"and", "but", NULL}))
				s = quotes_subject_of(x, i);
		}
		if (!inverted && (s.type == SPK_NONE ||
				  (s.type == SPK_GROUP && !role_of(x, (size_t)s.t1)))) {
			/* "A court document filed Thursday says", "Republicans who
			 * praised him warned": the phrase opening the clause */
			struct spk f = clause_opening_subject(x, i, lo);
			if (f.type != SPK_NONE && (s.type == SPK_NONE || f.t1 < s.t0))
				s = f;
		}
	}
	x->cspk[i] = s;
	return s;
}

/* ------------------------------------------------------------- resolving */


static const char *tok_text(struct qx *x, long t0, long t1)
{
	if (t0 < 0 || t1 < t0)
		return NULL;
	size_t s = x->d->tok[t0].start, e = x->d->tok[t1].end;
	return arena_strndup(x->a, x->d->text + s, e - s);
}

/* A name with no mention behind it: the capitalised run at the phrase end,
 * without the title words before it; widened to a longer name seen earlier
 * in the text that holds it ("Hsu" -> "Hsu Kuo-yung"). */
static const char *fallback_name(struct qx *x, const struct spk *s)
{
	long e = s->t1, b = e;
	while (b - 1 >= s->t0 && tok_upper(x, (size_t)b - 1) && !role_of(x, (size_t)b - 1))
		b--;
	if (!tok_upper(x, (size_t)e)) {
		/* "the Callsign X Telegram channel": the run before the role words */
		while (e >= s->t0 && !tok_upper(x, (size_t)e))
			e--;
		if (e < s->t0)
			return tok_text(x, s->t0, s->t1);
		b = e;
		while (b - 1 >= s->t0 && tok_upper(x, (size_t)b - 1))
			b--;
	}
	while (b < e && role_of(x, (size_t)b))
		b++;
	if (b == e) {
		/* widen a one-word name to an earlier capitalised run holding it */
		size_t n = text_tok_len(x->d, (size_t)b);
		const char *w = text_tok_str(x->d, (size_t)b);
		for (long k = 0; k < b; k++) {
			if (text_tok_len(x->d, (size_t)k) != n || memcmp(text_tok_str(x->d, (size_t)k), w, n))
				continue;
			long rb = k, re = k;
			while (rb - 1 >= 0 && tok_upper(x, (size_t)rb - 1) && !role_of(x, (size_t)rb - 1) &&
			       !wb_has(x, (size_t)rb - 1, WB_DET) && !wb_has(x, (size_t)rb - 1, WB_STOP) &&
			       !wb_has(x, (size_t)rb - 1, WB_INTRO) && !wb_has(x, (size_t)rb - 1, WB_TIME) &&
			       !(x->d->tok[rb].flags & TEXT_F_SENT_START))
				rb--;
			while ((size_t)re + 1 < x->d->ntok && tok_upper(x, (size_t)re + 1) &&
			       !role_of(x, (size_t)re + 1) && !(x->d->tok[re + 1].flags & TEXT_F_SENT_START))
				re++;
			if (re > rb && re - rb < 4)
				return tok_text(x, rb, re);
		}
	}
	return tok_text(x, b, e);
}

/* Does the entity's title end with the word head ("presidential adviser" /
 * "adviser")? */
static int title_ends_with(const struct entity *en, const char *head, size_t hn)
{
	size_t tl = en->title ? strlen(en->title) : 0;
	return tl >= hn && !strncasecmp(en->title + tl - hn, head, hn) &&
	       (tl == hn || en->title[tl - hn - 1] == ' ');
}

/* The organisation named in a description's complement ("the head of the
 * Russian private army Wagner": Wagner), or -1; *has_of when there is one. */
static int32_t complement_org(const struct qx *x, const struct spk *s, int *has_of)
{
	int32_t org = -1;
	*has_of = s->r1 > s->t1 && (size_t)s->t1 + 1 < x->d->ntok &&
		  tok_in(x, (size_t)s->t1 + 1, (const char *const[]){"of", "for", "at", "from",
				"with", "in", "on", NULL});
	if (!*has_of)
		return -1;
	for (long t = s->t1 + 1; t <= s->r1; t++) {
		int m = mention_at(x, (size_t)t);
		if (m >= 0 && x->el->men[m].type != NER_PER && x->el->men[m].type != NER_MISC)
			org = x->el->men[m].entity;  /* the last: "the Russian army Wagner" */
	}
	return org;
}

/* A person with that title named next to the same organisation ("Wagner
 * head Yevgeny Prigozhin", "Prigozhin, the head of Wagner"): the nearest
 * such mention before the description, else the first after it (a lede's
 * "The head of the private army Wagner has claimed ..."). */
static int titled_near_org(struct qx *x, const struct spk *s, const char *head, size_t hn,
			   int32_t org, int32_t *ent, const char **name)
{
	long before = -1, after = -1;
	int32_t eb = -1, ea = -1;
	for (size_t k = 0; k < x->el->nent; k++) {
		const struct entity *en = &x->el->ent[k];
		if (en->type != NER_PER || !title_ends_with(en, head, hn))
			continue;
		for (size_t m = 0; m < en->nmentions; m++) {
			const struct mention *pm = &x->el->men[en->mentions[m]];
			long mt = (long)pm->tok;
			if (mt >= s->t0 && mt <= s->r1)
				continue;
			if (mt < s->t0 ? mt <= before : (mt > s->r1 + 300 || (after >= 0 && mt >= after)))
				continue;
			long lo = mt > 6 ? mt - 6 : 0, hi = mt + (long)pm->ntok + 6;
			int near = 0;
			for (long t = lo; t < hi && (size_t)t < x->d->ntok && !near; t++) {
				int om = mention_at(x, (size_t)t);
				near = om >= 0 && x->el->men[om].entity == org;
			}
			if (!near)
				continue;
			if (mt < s->t0) {
				before = mt;
				eb = (int32_t)k;
			} else {
				after = mt;
				ea = (int32_t)k;
			}
		}
	}
	int32_t k = eb >= 0 ? eb : ea;
	if (k < 0)
		return 0;
	*ent = k;
	*name = x->el->ent[k].name;
	return 1;
}

/* A description ("the presidential adviser") names the entity holding that
 * title, or the person named right after the same words earlier on. */
static int title_entity(struct qx *x, const struct spk *s, int32_t *ent, const char **name)
{
	long t0 = s->t0, t1 = s->t1;
	size_t hn = text_tok_len(x->d, (size_t)t1);
	const char *head = text_tok_str(x->d, (size_t)t1);
	int has_of = 0;
	int32_t org = x->el && x->el->ent ? complement_org(x, s, &has_of) : -1;
	if (has_of)  /* "the head of the harbour authority": that one's head only */
		return org >= 0 && titled_near_org(x, s, head, hn, org, ent, name);
	if (x->el && x->el->ent) {
		long best_tok = -1;
		for (size_t k = 0; k < x->el->nent; k++) {
			const struct entity *en = &x->el->ent[k];
			if (!title_ends_with(en, head, hn))
				continue;
			for (size_t m = 0; m < en->nmentions; m++) {
				long mt = (long)x->el->men[en->mentions[m]].tok;
				if (mt < t0 && mt > best_tok) {
					best_tok = mt;
					*ent = (int32_t)k;
					*name = en->name;
				}
			}
		}
		if (best_tok >= 0)
			return 1;
	}
	for (long k = t0 - 1; k >= 0; k--) {
		if (text_tok_len(x->d, (size_t)k) != hn ||
		    strncasecmp(text_tok_str(x->d, (size_t)k), head, hn))
			continue;
		size_t n1 = (size_t)k + 1;
		if (n1 >= x->d->ntok)
			continue;
		int m = mention_at(x, n1);
		if (m >= 0 && x->el->men[m].type != NER_LOC && x->el->men[m].entity >= 0) {
			*ent = x->el->men[m].entity;
			*name = x->el->ent[*ent].name;
			return 1;
		}
		if (tok_upper(x, n1) && tok_upper(x, n1 + 1 < x->d->ntok ? n1 + 1 : n1) &&
		    n1 + 1 < x->d->ntok) {
			long e = (long)n1;
			while ((size_t)e + 1 < x->d->ntok && tok_upper(x, (size_t)e + 1) && e < (long)n1 + 3)
				e++;
			*ent = -1;
			*name = tok_text(x, (long)n1, e);
			return *name != NULL;
		}
	}
	return 0;
}

/* Is mention m the subject of its clause: at the sentence start or after a
 * comma, past title words, and not a possessor? */
static int subject_mention(struct qx *x, int m)
{
	const struct mention *mm = &x->el->men[m];
	size_t e = mm->tok + mm->ntok;
	if (e < x->d->ntok && (x->d->tok[e].kind == TEXT_POSSESSIVE || tok_eq(x, e, "of")))
		return 0;
	if (x->span_of[mm->tok] >= 0)
		return 0;
	long k = (long)mm->tok - 1;
	long lo = (long)sent_first(x, mm->tok);
	while (k >= lo && (tok_upper(x, (size_t)k) || role_of(x, (size_t)k)) && k > (long)mm->tok - 6)
		k--;
	if (k >= lo && wb_has(x, (size_t)k, WB_DET))
		k--;
	if (k < lo)
		return 1;
	return tok_punct(x, (size_t)k, ',');
}

static void note_speaker(struct quotes_resolver *rv, struct qx *x, long tok, int32_t ent,
			 const char *name, int person)
{
	if (person) {
		rv->per_tok = tok;
		rv->per_ent = ent;
		rv->per_name = name;
	} else {
		rv->grp_tok = tok;
		rv->grp_ent = ent;
		rv->grp_name = name;
	}
	(void)x;
}

/* Can entity e be "he" or "she"? A person, or a name the text gives a
 * person's title (the tagger may call an adviser an organisation). */
static int person_like(struct qx *x, int32_t e)
{
	if (e < 0 || !x->el)
		return 0;
	const struct entity *en = &x->el->ent[e];
	if (en->type == NER_PER || en->title)
		return 1;
	if (en->type == NER_LOC)
		return 0;
	for (size_t k = 0; k < en->nmentions; k++) {
		uint32_t t = x->el->men[en->mentions[k]].tok;
		const char *r = t > 0 ? role_of(x, t - 1) : NULL;
		if (r && r[0] == 'r')
			return 1;
	}
	return 0;
}

/* Persons named in subject position before token t become the antecedent
 * of "he"/"she" when they are more recent than the last speaker. */
static void scan_mentions(struct quotes_resolver *rv, struct qx *x, long t)
{
	if (!x->el || !x->el->men)
		return;
	while (rv->men_next < x->el->nmen && (long)x->el->men[rv->men_next].tok < t) {
		int m = (int)rv->men_next++;
		const struct mention *mm = &x->el->men[m];
		if (mm->entity < 0 || (long)mm->tok <= rv->per_tok)
			continue;
		if (person_like(x, mm->entity) && subject_mention(x, m))
			note_speaker(rv, x, (long)mm->tok, mm->entity, x->el->ent[mm->entity].name, 1);
	}
}

/* The most recent plural group opening a sentence in the last few
 * sentences ("Russian military bloggers have ..."), for "some", "they". */
static int recent_group_subject(struct qx *x, long t, long *tok, const char **name)
{
	size_t s = x->d->tok[t].sent;
	for (size_t back = 1; back <= 3 && back <= s; back++) {
		const struct text_sentence *se = &x->d->sent[s - back];
		struct spk g = quotes_np_right(x, (long)se->tok, (long)(se->tok + se->ntok - 1));
		if (g.type != SPK_GROUP)
			continue;
		size_t n = text_tok_len(x->d, (size_t)g.t1);
		if (text_tok_str(x->d, (size_t)g.t1)[n - 1] != 's')
			continue;
		*tok = g.t0;
		*name = tok_text(x, g.t0, g.t1);
		return *name != NULL;
	}
	return 0;
}

/* "the ministry said" after "Syria's foreign ministry said": the fuller
 * phrase of an earlier speaker with the same head word. */
static void earlier_group(struct qx *x, struct cand *c)
{
	size_t hn = text_tok_len(x->d, (size_t)c->sp.t1);
	const char *head = text_tok_str(x->d, (size_t)c->sp.t1);
	for (size_t k = (size_t)(c - x->c); k-- > 0;) {
		const struct cand *p = &x->c[k];
		if (p->sp.type != SPK_GROUP || p->sp.t1 <= p->sp.t0 || !p->name ||
		    text_tok_len(x->d, (size_t)p->sp.t1) != hn ||
		    strncasecmp(text_tok_str(x->d, (size_t)p->sp.t1), head, hn))
			continue;
		c->name = p->name;
		c->ent = p->ent;
		return;
	}
}

void quotes_resolve(struct qx *x, struct quotes_resolver *rv, struct cand *c)
{
	struct spk *s = &c->sp;
	c->ent = -1;
	c->name = NULL;
	if (s->type == SPK_NONE)
		return;
	scan_mentions(rv, x, s->t0);
	switch (s->type) {
	case SPK_NAME: {
		int person = 1;
		if (s->men >= 0 && x->el->men[s->men].entity >= 0) {
			c->ent = x->el->men[s->men].entity;
			c->name = x->el->ent[c->ent].name;
			person = person_like(x, c->ent);
		} else {
			c->name = fallback_name(x, s);
			person = !role_of(x, (size_t)s->t1) ||
				 role_of(x, (size_t)s->t1)[0] == 'r';
		}
		note_speaker(rv, x, s->t1, c->ent, c->name, person);
		break;
	}
	case SPK_GROUP: {
		const char *role = role_of(x, (size_t)s->t1);
		int definite = s->t0 > 0 && tok_eq(x, (size_t)s->t0 - 1, "the");
		if (role && role[0] == 'r' && definite && title_entity(x, s, &c->ent, &c->name)) {
			note_speaker(rv, x, s->t1, c->ent, c->name, 1);
			break;
		}
		c->name = tok_text(x, s->t0, s->t1);
		if (definite && s->t0 == s->t1 && s->r1 == s->t1)
			earlier_group(x, c);
		/* "M23 rebels", "FDLR militias": an acronym no entity took names
		 * the group; "US officials", "NATO allies" stay phrases */
		long a = s->t0;
		while (a < s->t1 && tok_upper(x, (size_t)a) && mention_at(x, (size_t)a) < 0 &&
		       ((x->d->tok[a].flags & TEXT_F_ALLCAPS) || text_tok_has_digit(x->d, (size_t)a)))
			a++;
		if (a > s->t0 && a == s->t1 && !tok_upper(x, (size_t)a))
			c->name = tok_text(x, s->t0, a - 1);
		note_speaker(rv, x, s->t1, c->ent, c->name, 0);
		break;
	}
	case SPK_PRON_PER:
		if (rv->per_name) {
			c->ent = rv->per_ent;
			c->name = rv->per_name;
			rv->per_tok = s->t0;
		}
		break;
	case SPK_PRON_GRP: {
		long gt = -1;
		const char *gn = NULL;
		int subj = recent_group_subject(x, s->t0, &gt, &gn);
		if (rv->grp_name && (!subj || rv->grp_tok >= gt)) {
			c->ent = rv->grp_ent;
			c->name = rv->grp_name;
		} else if (subj) {
			c->name = gn;
		}
		break;
	}
	default:
		break;
	}
}

