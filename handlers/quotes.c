/* Quotes: direct quotes (quotation-mark spans, quotes_spans.c), partial
 * quotes (a quoted fragment inside reported speech) and indirect quotes (a
 * speech cue with a that-clause, a bare clause, or an inverted "..., X
 * said"), each with its cue and its speaker (quotes_speakers.c). A quote
 * with no cue inherits the speaker of the quote before it in the same or the
 * previous line. Reads the entity layer, never writes it. Everything per
 * request lives in the arena. */
#include "enricher/quotes.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "enricher/quotes_ctx.h"
#include "enricher/tagger.h"

/* ---------------------------------------------------------------- loading */

int quotes_load_from_lexicons(struct lexicon *cues, struct lexicon *roles,
			      struct quotes_res **out, struct enr_error *err)
{
	*out = calloc(1, sizeof **out);
	if (!*out) {
		lexicon_free(cues);
		lexicon_free(roles);
		return enr_error_set(err, ENR_ENOMEM, "out of memory");
	}
	(*out)->cues = cues;
	(*out)->roles = roles;
	int rc = quotes_words_build(cues, roles, &(*out)->words, err);
	if (rc) {
		quotes_res_free(*out);
		*out = NULL;
	}
	return rc;
}

int quotes_load(const char *config_dir, struct quotes_res **out, struct enr_error *err)
{
	char path[4096];
	struct lexicon *cues = NULL, *roles = NULL;
	int rc;
	*out = NULL;
	snprintf(path, sizeof path, "%s/lexicons/speech_verbs.txt", config_dir ? config_dir : ".");
	rc = lexicon_load_opts(path, LEXICON_ASCII, &cues, err);
	if (rc)
		return rc;
	snprintf(path, sizeof path, "%s/lexicons/speech_roles.txt", config_dir ? config_dir : ".");
	rc = lexicon_load_opts(path, LEXICON_ASCII, &roles, err);
	if (rc) {
		lexicon_free(cues);
		return rc;
	}
	return quotes_load_from_lexicons(cues, roles, out, err);
}

void quotes_res_free(struct quotes_res *r)
{
	if (!r)
		return;
	lexicon_free(r->cues);
	lexicon_free(r->roles);
	lexicon_free(r->words);
	free(r);
}


/* ------------------------------------------------------------------ cues */

/* Does a quotation mark open at token k, or after a comma or colon there? */
static int quote_follows(const struct qx *x, size_t k)
{
	const struct text_doc *d = x->d;
	if (k < d->ntok && (tok_punct(x, k, ',') || tok_punct(x, k, ':')))
		k++;
	if (k >= d->ntok || d->tok[k].kind != TEXT_QUOTE)
		return 0;
	/* a curly or straight opening mark, or the first of two apostrophes */
	return (d->tok[k].flags & TEXT_F_OPEN) ||
	       (k + 1 < d->ntok && d->tok[k + 1].kind == TEXT_QUOTE &&
		d->tok[k + 1].start == d->tok[k].end);
}

/* Marks the cues: longest lexicon match at each word outside quotation
 * marks, lowercase (but "According to" may open a sentence), not a noun
 * after a determiner, not an infinitive or a passive ("to say", "was told"). */
static void find_cues(struct qx *x)
{
	const struct text_doc *d = x->d;
	size_t maxw = lexicon_max_words(x->r->cues);
	if (maxw > 4)
		maxw = 4;
	for (size_t i = 0; i < d->ntok; i++) {
		if (!tok_word(x, i) || x->span_of[i] >= 0)
			continue;
		const char *cls = NULL;
		size_t len = 0;
		char one[2] = {x->cue1[i], 0};
		if (!wb_has(x, i, WB_MW)) {
			/* the common case: one lookup per token, done already */
			if (!one[0])
				continue;
			cls = one;
			len = 1;
		}
		for (size_t w = maxw; w >= 1 && !cls; w--) {
			if (i + w > d->ntok)
				continue;
			int ok = 1;
			for (size_t k = i; k < i + w; k++)
				if (!tok_word(x, k) || x->span_of[k] >= 0 ||
				    (k > i && (d->tok[k].flags & TEXT_F_NL_BEFORE)))
					ok = 0;
			if (!ok)
				continue;
			size_t s = d->tok[i].start, e = d->tok[i + w - 1].end;
			cls = lexicon_get(x->r->cues, d->text + s, e - s);
			len = w;
		}
		if (!cls || !cls[0])
			continue;
		char c = cls[0];
		/* capitalised, a cue only as "According to" or an inversion
		 * opening the sentence ("Said Ann Lee, ...") */
		if ((d->tok[i].flags & TEXT_F_UPPER) && !(d->tok[i].flags & TEXT_F_ALLCAPS) &&
		    !((d->tok[i].flags & TEXT_F_SENT_START) &&
		      (c == 'a' || ((c == 'v' || c == 't' || c == 'q') && len == 1 &&
				    i + 1 < d->ntok && tok_upper(x, i + 1) &&
				    !(d->tok[i + 1].flags & TEXT_F_NL_BEFORE)))))
			continue;
		if (i > 0 && d->tok[i].sent == d->tok[i - 1].sent) {
			/* an infinitive is a cue only right before quotation marks
			 * ("was prompted to say, "..."") */
			if (tok_eq(x, i - 1, "to") &&
			    !(quote_follows(x, i + len) &&
			      tok_in(x, i, (const char *const[]){"say", "ask", "tell", "add",
					"declare", "write", "explain", "warn", "argue", "insist",
					"note", "announce", "reply", "answer", "joke", "shout",
					"exclaim", "proclaim", "tweet", NULL})))
				continue;
			if (c != 'p' && c != 'P' && c != 'a' &&
			    (tok_in(x, i - 1, (const char *const[]){"is", "are", "was", "were",
					"be", "been", "being", "am", "get", "got", NULL}) ||
			     (c != 'n' && wb_has(x, i - 1, WB_ART)) ||
			     d->tok[i - 1].kind == TEXT_POSSESSIVE))
				if (c != 'n')
					continue;
			if (c == 'n' && d->tok[i - 1].kind != TEXT_POSSESSIVE)
				continue;
			/* "amid reports that", "of claims that": a noun after a preposition */
			if (c != 'a' && c != 'p' && c != 'P' &&
			    tok_in(x, i - 1, (const char *const[]){"amid", "of", "about", "despite",
					"over", "after", "following", "with", "without", "against", NULL}))
				continue;
			/* "when asked whether ...": a passive, nobody here asks */
			if (tok_in(x, i - 1, (const char *const[]){"when", "if", "unless", "once",
					NULL}) &&
			    tok_in(x, i, (const char *const[]){"asked", "told", "pressed", "questioned",
					NULL}))
				continue;
		} else if (c == 'n') {
			continue;
		}
		x->cue[i] = c;
		x->cue_n[i] = (uint8_t)len;
		i += len - 1;
	}
}


/* ------------------------------------------------------------ candidates */

static int cand_push(struct qx *x, const struct cand *c)
{
	if (x->nc == x->cap) {
		size_t ncap = x->cap ? x->cap * 2 : 32;
		struct cand *nv = arena_realloc(x->a, x->c, x->cap * sizeof *nv, ncap * sizeof *nv);
		if (!nv)
			return ENR_ENOMEM;
		x->c = nv;
		x->cap = ncap;
	}
	x->c[x->nc++] = *c;
	return 0;
}

static size_t count_words(const struct qx *x, size_t first, size_t last)
{
	size_t n = 0;
	for (size_t k = first; k <= last && k < x->d->ntok; k++)
		n += x->d->tok[k].kind == TEXT_WORD || x->d->tok[k].kind == TEXT_NUMBER;
	return n;
}

/* "asked rhetorically", "said quietly": a manner adverb after a cue */
static int ly_adverb(const struct qx *x, size_t k)
{
	return !tok_upper(x, k) && tok_ends(x, k, "ly", 4);
}

/* Looks for the cue of span si: after the closing mark (", he said"), or
 * before the opening mark in the sentence (said: "...", called it a "..."). */
static long span_cue(struct qx *x, size_t si, int partial)
{
	const struct quotes_span *s = &x->sp[si];
	long after = -1, before = -1;
	if (s->close_tok != QUOTES_NO_TOK) {
		size_t ct = s->close_tok;
		size_t hi = sent_last(x, ct);
		/* "...?" Sanders replied. starts a new sentence after the mark */
		int next_sent = hi == ct && ct + 1 < x->d->ntok &&
				!(x->d->tok[ct + 1].flags & TEXT_F_NL_BEFORE);
		if (next_sent)
			hi = sent_last(x, ct + 1);
		/* a speaker with a long aside: ""...," Ann Lee, who led the
		 * inquiry for a year, told reporters" (same sentence only) */
		size_t reach = next_sent ? 14 : 32;
		for (size_t j = ct + 1; j <= hi && j < ct + reach; j++) {
			if (x->span_of[j] >= 0 || (x->d->tok[j].flags & TEXT_F_NL_BEFORE))
				break;
			if (x->cue[j] && x->cue[j] != 'n') {
				size_t nx = j + x->cue_n[j];
				/* "As X put it: "..."": the cue introduces what follows */
				if (nx < x->d->ntok && tok_punct(x, nx, ':'))
					break;
				if (next_sent && (j > ct + 6 || x->cue[j] == 'p' || x->cue[j] == 'P' ||
						  !(nx > hi || x->d->tok[nx].kind == TEXT_PUNCT ||
						    x->d->tok[nx].kind == TEXT_QUOTE ||
						    wb_has(x, nx, WB_ADVR) || wb_has(x, nx, WB_TIME) ||
						    wb_has(x, nx, WB_NOTCL) || ly_adverb(x, nx) ||
						    tok_in(x, nx, (const char *const[]){"while", "when",
							    NULL}))))
					break;
				after = (long)j;
				break;
			}
			if (tok_punct(x, j, '(')) {
				/* "Ann Lee (D-Ore.) said": the aside's dots end nothing */
				size_t k = j + 1;
				while (k <= hi && k < j + 10 && !tok_punct(x, k, ')') &&
				       !(x->d->tok[k].flags & TEXT_F_NL_BEFORE))
					k++;
				if (k <= hi && tok_punct(x, k, ')')) {
					j = k;
					continue;
				}
			}
			if (next_sent && j > ct + 1 && !quotes_np_word(x, j) && !wb_has(x, j, WB_ADV) &&
			    !wb_has(x, j, WB_DET))
				break;
			if ((tok_punct(x, j, '.') && !false_sent_end(x, j)) || tok_punct(x, j, ';'))
				break;
		}
	}
	size_t o = s->open_tok;
	/* a quote opening its line after "X said:" at the end of the last one */
	int colon_intro = o >= 2 && (x->d->tok[o].flags & TEXT_F_NL_BEFORE) && tok_punct(x, o - 1, ':');
	long lo = (long)sent_first(x, colon_intro ? o - 1 : o);
	if (lo < (long)o - 45)
		lo = (long)o - 45;
	int that_clause = o >= 1 && (tok_eq(x, o - 1, "that") ||
				     (o >= 2 && tok_punct(x, o - 1, ',') && tok_eq(x, o - 2, "that")));
	for (long j = (long)o - 1; j >= lo; j--) {
		if ((x->d->tok[j + 1].flags & TEXT_F_NL_BEFORE) && !(colon_intro && j + 1 == (long)o))
			break;
		char c = x->cue[j];
		if (!c || x->span_of[j] >= 0)
			continue;
		if (c == 'q' && (long)o - j > 10)
			continue;
		if (c == 'n' && !(j + 1 < (long)x->d->ntok && tok_eq(x, (size_t)j + x->cue_n[j], "that")))
			continue;
		/* a quote that is the reported clause: "noted that X and that "..."" */
		/* "said that if the city pulls back, "...": a quote inside the
		 * reported clause the cue opens */
		int opens_that = 0;
		for (long k = j + x->cue_n[j]; k < (long)o && k <= j + x->cue_n[j] + 7 && !opens_that; k++)
			opens_that = tok_eq(x, (size_t)k, "that");
		if (!partial && (long)o - j > (that_clause || opens_that ? 40 : 12) && c != 'a')
			continue;
		before = j;
		break;
	}
	if (partial)
		return before >= 0 ? before : after;
	/* "said, "...," when asked ...": the cue the quote follows at once */
	if (before >= 0 && after >= 0 && (long)o - before - x->cue_n[before] <= 1)
		return before;
	return after >= 0 ? after : before;
}

/* A quote opened at o is direct when it starts its sentence or line, or
 * follows a colon, a comma, a dash, "that", or its cue; else partial. */
static int span_kind(const struct qx *x, size_t si)
{
	const struct quotes_span *s = &x->sp[si];
	size_t o = s->open_tok;
	if (s->flags & QUOTES_SPAN_CONT)
		return QUOTE_DIRECT;
	if (o == 0 || (x->d->tok[o].flags & (TEXT_F_SENT_START | TEXT_F_NL_BEFORE)) ||
	    sent_first(x, o) == o)
		return QUOTE_DIRECT;
	size_t p = o - 1;
	if (tok_punct(x, p, ':') || tok_punct(x, p, ',') || x->d->tok[p].kind == TEXT_DASH ||
	    tok_eq(x, p, "that") || x->cue[p] || x->d->tok[p].kind == TEXT_QUOTE)
		return QUOTE_DIRECT;
	if (p >= 1 && x->cue[p - 1] && x->cue_n[p - 1] == 2)
		return QUOTE_DIRECT;
	return QUOTE_PARTIAL;
}

static int and_that_clause(struct qx *x, size_t cue, size_t cs, struct spk sp);
static long clause_end(struct qx *x, size_t cs, long *tail_cue);
static int push_indirect(struct qx *x, size_t cue, size_t cs, long ce, long tail, struct spk sp);
static int has_finite_verb(const struct qx *x, size_t a, size_t b);

/* A transcript line quoted whole, its speaker's label inside the marks:
 * ""MAYOR: We will rebuild."": the label is the speaker, not the content. */
static void inner_label(struct qx *x, struct cand *c)
{
	const struct text_doc *d = x->d;
	size_t k = c->first;
	while (k <= c->last && k < c->first + 3 && tok_upper(x, k))
		k++;
	if (k == c->first || k + 3 > c->last || !tok_punct(x, k, ':') ||
	    wb_has(x, c->first, WB_NOLABEL) || wb_has(x, c->first, WB_STOP) ||
	    wb_has(x, c->first, WB_DET) || x->cue[c->first] || x->cue1[c->first])
		return;
	struct spk sp = quotes_phrase_spk(x, (long)c->first, (long)k - 1);
	if (sp.type != SPK_NAME || (sp.men >= 0 && x->el->men[sp.men].type == NER_LOC))
		return;
	c->sp = sp;
	c->first = (uint32_t)k + 1;
	c->start = d->tok[k + 1].start;
}

/* "She then addressed the crowd again: "..."": a person opening the short
 * clause the colon ends speaks; a thing ("The list:") does not. */
static struct spk colon_subject(struct qx *x, size_t colon)
{
	struct spk sp = quotes_subject_of(x, colon);
	int person = sp.type == SPK_PRON_PER ||
		     (sp.type == SPK_NAME && sp.men >= 0 && x->el->men[sp.men].type == NER_PER &&
		      sp.t1 >= sp.t0 && mention_at(x, (size_t)sp.t1) == sp.men) ||
		     (sp.type == SPK_GROUP && role_of(x, (size_t)sp.t1));
	return person && quotes_spk_plausible(x, &sp) ? sp : quotes_no_spk();
}

/* A quote signed after a dash at the end of its line: ""..." ― Ann Lee",
 * ""..." — Ann Lee, a nurse in Ohio." */
static void signed_quote(struct qx *x, const struct quotes_span *s, struct spk *out)
{
	const struct text_doc *d = x->d;
	size_t k = s->close_tok;
	if (k == QUOTES_NO_TOK || k + 2 >= d->ntok || d->tok[k + 1].kind != TEXT_DASH ||
	    (d->tok[k + 1].flags & TEXT_F_NL_BEFORE) || (d->tok[k + 2].flags & TEXT_F_NL_BEFORE))
		return;
	size_t hi = k + 2;
	while (hi + 1 < d->ntok && !(d->tok[hi + 1].flags & TEXT_F_NL_BEFORE))
		hi++;
	struct spk sp = quotes_np_right(x, (long)k + 2, (long)hi);
	if (sp.type != SPK_NAME || (sp.men >= 0 && x->el->men[sp.men].type == NER_LOC))
		return;
	size_t e = (size_t)sp.t1 + 1;
	if (e <= hi && !tok_punct(x, e, ',') && !tok_punct(x, e, '.'))
		return;
	*out = sp;
}

static int add_span_cands(struct qx *x)
{
	for (size_t si = 0; si < x->nsp; si++) {
		const struct quotes_span *s = &x->sp[si];
		size_t nw = count_words(x, s->first, s->last);
		if (nw == 0)
			continue;
		int kind = span_kind(x, si);
		long cue = span_cue(x, si, kind == QUOTE_PARTIAL);
		const struct text_token *lt = &x->d->tok[s->last];
		int ends_punct = lt->kind == TEXT_ELLIPSIS ||
				 (lt->kind == TEXT_PUNCT && strchr(".,!?", x->d->text[lt->start]));
		/* scare quotes and quoted names are no quotes */
		if (nw <= 2 && cue < 0 && !(s->flags & (QUOTES_SPAN_CONT | QUOTES_SPAN_OPEN_END)))
			continue;
		if (nw == 1 && !ends_punct && tok_upper(x, s->first))
			continue;
		/* one word mid-sentence is a scare quote ("the so-called "reform""),
		 * unless a cue right before names it (called it "disgusting") */
		if (nw == 1 && !ends_punct && kind == QUOTE_PARTIAL &&
		    (cue < 0 || (long)s->open_tok - cue > 4 ||
		     (s->open_tok > 0 && tok_eq(x, s->open_tok - 1, "so-called"))))
			continue;
		if (nw <= 3 && !ends_punct && cue < 0)
			continue;
		if ((s->flags & QUOTES_SPAN_SINGLE) && (nw < 2 || (cue < 0 && nw < 4)))
			continue;
		/* a quoted title mid-sentence: "Meet the Press." */
		if (kind == QUOTE_PARTIAL && nw <= 5) {
			int title = 1;
			for (size_t k = s->first; k <= s->last && title; k++)
				if (tok_word(x, k) && text_tok_len(x->d, k) > 3 && !tok_upper(x, k))
					title = 0;
			if (title && tok_upper(x, s->first))
				continue;
		}
		/* a headline in quotation marks with no cue is a title, not a quote */
		if (cue < 0 && (x->d->tok[s->first].flags & TEXT_F_HEADLINE) && nw < 4)
			continue;
		struct cand c = {
			.start = s->start, .end = s->end, .first = s->first, .last = s->last,
			.kind = (uint8_t)kind, .span = (int32_t)si, .cue = (int32_t)cue,
			.cue_n = cue >= 0 ? x->cue_n[cue] : 0, .ent = -1};
		c.sp = cue >= 0 ? quotes_cue_speaker(x, (size_t)cue) : quotes_no_spk();
		if (cue < 0 && kind == QUOTE_DIRECT)
			inner_label(x, &c);
		if (cue < 0 && kind == QUOTE_DIRECT && s->open_tok >= 2 &&
		    tok_punct(x, s->open_tok - 1, ':')) {
			/* "The channel: "..."", "Jared Potts echoed: "..."" */
			long lo = (long)sent_first(x, s->open_tok - 1);
			long e = (long)s->open_tok - 2;
			c.sp = quotes_np_left(x, e, lo, 0);
			if (c.sp.type == SPK_NONE && e > lo && tok_word(x, (size_t)e) &&
			    !tok_upper(x, (size_t)e) && !wb_has(x, (size_t)e, WB_STOP))
				c.sp = quotes_np_left(x, quotes_skip_adv_left(x, e - 1, lo), lo, 0);
			if ((c.sp.type != SPK_NAME && c.sp.type != SPK_GROUP) ||
			    !quotes_spk_plausible(x, &c.sp))
				c.sp = quotes_no_spk();
			if (c.sp.type == SPK_NONE && (long)s->open_tok - lo <= 16)
				c.sp = colon_subject(x, s->open_tok - 1);
		}
		if (cue < 0 && kind == QUOTE_DIRECT)
			signed_quote(x, s, &c.sp);
		if (cue < 0 && kind == QUOTE_PARTIAL) {
			/* "Huckabee is labeling the actions "a blatant abuse"": the
			 * subject of the sentence is quoted */
			c.sp = quotes_subject_of(x, s->open_tok);
			if ((c.sp.type == SPK_PRON_GRP && tok_eq(x, (size_t)c.sp.t0, "it")) ||
			    !quotes_spk_plausible(x, &c.sp))
				c.sp = quotes_no_spk();
		}
		if (cue >= 0)
			x->used[cue] = 1;
		x->span_ok[si] = 1;
		int rc = cand_push(x, &c);
		if (rc)
			return rc;
		if (kind == QUOTE_PARTIAL && cue >= 0 && cue < (long)s->open_tok &&
		    s->close_tok != QUOTES_NO_TOK && s->close_tok + 1 < x->d->ntok) {
			rc = and_that_clause(x, (size_t)cue, s->close_tok + 1, c.sp);
			if (rc)
				return rc;
		}
	}
	return 0;
}

/* Does the comma at k start a trailing attribution (", X said", ", said X",
 * ", according to X") or a participle ("..., adding that")? Sets *cue. */
static int trailing_attr(struct qx *x, size_t k, size_t hi, long *cue)
{
	size_t m = k + 1;
	if (m > hi)
		return 0;
	char c = x->cue[m];
	if (c && c != 'n' && c != 'q') {
		*cue = (long)m;
		return 1;
	}
	struct spk s = quotes_np_right(x, (long)m, (long)hi);
	if (s.type == SPK_NONE)
		return 0;
	size_t e = (size_t)s.t1 + 1;
	while (e <= hi && e < (size_t)s.t1 + 6 &&
	       (wb_has(x, e, WB_ADV) || tok_punct(x, e, '(') || tok_punct(x, e, ')') ||
		x->d->tok[e].kind != TEXT_WORD || !tok_word(x, e)))
		e++;
	if (e <= hi && x->cue[e] && (x->cue[e] == 'v' || x->cue[e] == 't' || x->cue[e] == 'o')) {
		*cue = (long)e;
		return 1;
	}
	return 0;
}

/* Does [a, b] touch a span or an earlier candidate? */
static int overlaps(const struct qx *x, uint32_t a, uint32_t b)
{
	for (size_t k = 0; k < x->nc; k++)
		if (a < x->c[k].end && x->c[k].start < b)
			return 1;
	for (size_t k = 0; k < x->nsp; k++) {
		const struct quotes_span *s = &x->sp[k];
		if (x->span_ok[k] && a <= x->d->tok[s->last].end && x->d->tok[s->open_tok].start < b)
			return 1;
	}
	return 0;
}

/* Ends a reported clause that starts at cs: at the sentence end, a
 * semicolon, or a trailing attribution. -1 when it runs into quotation
 * marks (then the quoted fragment is the quote, not the clause). */
static long clause_end(struct qx *x, size_t cs, long *tail_cue)
{
	size_t hi = sent_last(x, cs);
	*tail_cue = -1;
	for (size_t k = cs; k <= hi; k++) {
		if (in_quote(x, k))
			return -1;
		if (k > cs && (x->d->tok[k].flags & TEXT_F_NL_BEFORE))
			return (long)k - 1;
		if (tok_punct(x, k, ';'))
			return (long)k - 1;
		/* "denied that ... and said its fighters were ready": the next
		 * verb of saying starts a report of its own; ", calling it ..." */
		if (k > cs && k + 1 <= hi && x->cue[k + 1] && x->cue[k + 1] != 'n' &&
		    x->cue[k + 1] != 'a' &&
		    (tok_eq(x, k, "and") || (tok_punct(x, k, ',') && tok_ends(x, k + 1, "ing", 4))))
			return (long)k - 1;
		if (tok_punct(x, k, ',') && trailing_attr(x, k, hi, tail_cue))
			return (long)k - 1;
	}
	long e = (long)hi;
	while (e >= (long)cs && (x->d->tok[e].kind == TEXT_PUNCT || x->d->tok[e].kind == TEXT_DASH) &&
	       !tok_punct(x, (size_t)e, ')'))
		e--;
	return e;
}

static int push_indirect(struct qx *x, size_t cue, size_t cs, long ce, long tail, struct spk sp)
{
	if (ce < (long)cs || count_words(x, cs, (size_t)ce) < 3)
		return 0;
	uint32_t a = x->d->tok[cs].start, b = x->d->tok[ce].end;
	if (overlaps(x, a, b))
		return 0;
	struct cand c = {.start = a, .end = b, .first = (uint32_t)cs, .last = (uint32_t)ce,
			 .kind = QUOTE_INDIRECT, .span = -1, .cue = (int32_t)cue,
			 .cue_n = x->cue_n[cue], .sp = sp, .ent = -1};
	int rc = cand_push(x, &c);
	if (rc)
		return rc;
	x->used[cue] = 1;
	(void)tail;
	for (long k = (long)cs; k <= ce; k++)
		x->used[k] = 1;
	return 0;
}


/* "said the annexation was a "robbery" and that Kiev would never accept it":
 * when the first reported clause gives only its quoted fragment, the second
 * one after "and that" is a quote of its own, with the same cue and speaker
 * (a clause without marks keeps its "and that ..." whole). */
static int and_that_clause(struct qx *x, size_t cue, size_t cs, struct spk sp)
{
	size_t hi = sent_last(x, cs);
	for (size_t k = cs; k + 2 <= hi; k++) {
		if (x->cue[k] && k != cue)
			return 0;
		if (!tok_eq(x, k, "and") || !tok_eq(x, k + 1, "that") || in_quote(x, k) ||
		    (k > cs && !has_finite_verb(x, cs, k - 1) && !in_quote(x, k - 1)))
			continue;
		long tail = -1;
		long ce = clause_end(x, k + 2, &tail);
		return ce >= 0 ? push_indirect(x, cue, k + 2, ce, tail, sp) : 0;
	}
	return 0;
}

static const char *const q_finite[] = {
	"is", "are", "was", "were", "has", "have", "had", "will", "would", "can", "could",
	"should", "must", "may", "might", "shall", "do", "does", "did", "am", "isn't", "aren't",
	"wasn't", "weren't", "won't", "wouldn't", "can't", "couldn't", "don't", "doesn't",
	"didn't", "hasn't", "haven't", "it's", "he's", "she's", "they're", "we're", "i'm",
	"came", "went", "took", "made", "got", "saw", "knew", "thought", "gave", "found",
	"left", "felt", "became", "began", "ran", "won", "lost", "held", "kept", "brought",
	"meant", "sent", "spent", "built", "paid", "stood", "fell", "rose", "grew", "led",
	"met", "sold", "bought", "told", "said", "wrote", "broke", "chose", "drove", "ate",
	"fought", "hid", "hit", "hurt", "let", "put", "quit", "read", "set", "shut", "cut",
	"need", "want", "think", "believe", "know", NULL};

int quotes_finite_word(const struct qx *x, size_t k)
{
	return tok_in(x, k, q_finite);
}

/* Is token k a verb contracted onto a pronoun: "she'll", "we've", "I'd",
 * or the "'s" the text layer splits off "he's", "it's", "there's"? */
static int contracted_verb(const struct qx *x, size_t k)
{
	const struct text_doc *d = x->d;
	if (d->tok[k].kind == TEXT_POSSESSIVE)
		return k > 0 && (wb_has(x, k - 1, WB_PPER) || wb_has(x, k - 1, WB_PGRP) ||
				 tok_in(x, k - 1, (const char *const[]){"there", "that", "who",
						"what", "here", "where", NULL}));
	if (!tok_word(x, k))
		return 0;
	size_t n = text_tok_len(d, k);
	const char *w = text_tok_str(d, k);
	static const char *const tails[] = {"ll", "ve", "re", "d", "m", NULL};
	for (size_t t = 0; tails[t]; t++) {
		size_t tl = strlen(tails[t]);
		if (n < tl + 2 || strncasecmp(w + n - tl, tails[t], tl))
			continue;
		if (w[n - tl - 1] == '\'' ||
		    (n >= tl + 4 && (unsigned char)w[n - tl - 3] == 0xE2 &&
		     (unsigned char)w[n - tl - 2] == 0x80 && (unsigned char)w[n - tl - 1] == 0x99))
			return 1;
	}
	return 0;
}

/* Does [a, b] look like a clause (a finite verb after its first word), not
 * a noun phrase ("a commanding lock on the party")? */
static int has_finite_verb(const struct qx *x, size_t a, size_t b)
{
	for (size_t k = a; k <= b && k < x->d->ntok; k++) {
		if (contracted_verb(x, k))
			return 1;
		if (k == a || !tok_word(x, k) || tok_upper(x, k))
			continue;
		if (tok_in(x, k, q_finite))
			return 1;
		/* "they expect", "we need": a plain verb after a plural or first
		 * person pronoun */
		if (tok_in(x, k - 1, (const char *const[]){"they", "we", "i", "you", NULL}) &&
		    !wb_has(x, k, WB_STOP))
			return 1;
		size_t n = text_tok_len(x->d, k);
		const char *w = text_tok_str(x->d, k);
		/* ", called Ansar,": a participle after a comma describes */
		int after_det = wb_has(x, k - 1, WB_DET) || wb_has(x, k - 1, WB_ART) ||
				x->d->tok[k - 1].kind == TEXT_POSSESSIVE || tok_punct(x, k - 1, ',');
		if (n > 3 && w[n - 2] == 'e' && w[n - 1] == 'd' && !after_det)
			return 1;
		if (n > 3 && w[n - 1] == 's' && w[n - 2] != 's' && w[n - 2] != 'u' && w[n - 2] != 'i' &&
		    !after_det && !role_of(x, k) &&
		    (tok_upper(x, k - 1) || wb_has(x, k - 1, WB_PPER) || wb_has(x, k - 1, WB_PGRP) ||
		     (tok_word(x, k - 1) && !wb_has(x, k - 1, WB_STOP))))
			return 1;
	}
	return 0;
}

/* Where a bare reported clause after a cue starts, past "on Tuesday",
 * "yesterday" and the like; -1 when what follows is no clause. */
static long bare_clause_start(struct qx *x, size_t after, size_t hi)
{
	const struct text_doc *d = x->d;
	size_t j = after;
	for (int steps = 0; j <= hi && steps < 4; steps++) {
		if (wb_has(x, j, WB_TIME) && !(j + 1 <= hi && tok_eq(x, j + 1, "that"))) {
			j++;
			continue;
		}
		if (wb_has(x, j, WB_ADVR) && j + 1 <= hi &&
		    (wb_has(x, j + 1, WB_TIME) || d->tok[j + 1].kind == TEXT_NUMBER ||
		     tok_in(x, j, (const char *const[]){"yesterday", "today", "earlier", "also",
				"again", "recently", "previously", "repeatedly", "publicly",
				"privately", "separately", "once", "then", NULL}))) {
			j++;
			continue;
		}
		if (d->tok[j].kind == TEXT_NUMBER && j > after && wb_has(x, j - 1, WB_TIME)) {
			j++;
			continue;
		}
		break;
	}
	if (j > hi || !(tok_word(x, j) || d->tok[j].kind == TEXT_NUMBER) || x->cue[j])
		return -1;
	if (wb_has(x, j, WB_NOTCL)) {
		/* "more than 100,000 people had fled" */
		size_t reach = j + 1 <= hi && tok_eq(x, j + 1, "than") ? 5 : 3;
		size_t e = j + reach < hi ? j + reach : hi;
		/* "said no decision was made", "says too much is asked": a
		 * quantifier opening a clause whose verb follows at once */
		if (tok_in(x, j, (const char *const[]){"no", "too", "so", "much", "more", "little",
				"nothing", "something", "anything", NULL}) &&
		    has_finite_verb(x, j, e))
			return (long)j;
		/* "said after the meeting he would ...": a short phrase of time or
		 * place before the clause's pronoun subject */
		if (!tok_in(x, j, (const char *const[]){"after", "at", "in", "during", "on",
				"before", "following", NULL}))
			return -1;
		for (size_t k = j + 2; k <= hi && k < j + 7; k++) {
			if (d->tok[k].kind != TEXT_WORD || in_quote(x, k) || x->cue[k])
				return -1;
			if ((wb_has(x, k, WB_PPER) || tok_in(x, k, (const char *const[]){"they", "we",
					"i", NULL})) && k + 1 <= hi && has_finite_verb(x, k, k + 1))
				return (long)k;
		}
		return -1;
	}
	if (ly_adverb(x, j))
		return -1;  /* said matter-of-factly as ... */
	return (long)j;
}


/* Transcript and headline lines: "Matthews: Well, speculation is bad." A
 * short capitalised name opening a line, a colon, and at least three words. */
static int add_labelled_lines(struct qx *x)
{
	const struct text_doc *d = x->d;
	for (size_t i = 0; i < d->ntok; i++) {
		if (i > 0 && !(d->tok[i].flags & TEXT_F_NL_BEFORE))
			continue;
		size_t k = i;
		while (k < d->ntok && k < i + 5 && (tok_upper(x, k) || mention_at(x, k) >= 0) &&
		       !(k > i && (d->tok[k].flags & TEXT_F_NL_BEFORE)))
			k++;
		if (k == i || k >= d->ntok || !tok_punct(x, k, ':') || x->span_of[k] >= 0)
			continue;
		if (k == i + 1 && (d->tok[i].flags & TEXT_F_ALLCAPS) &&
		    !(mention_at(x, i) >= 0 && x->el->men[mention_at(x, i)].type == NER_PER))
			continue;  /* a dateline: "SINGAPORE:" */
		if (wb_has(x, i, WB_NOLABEL) || wb_has(x, i, WB_STOP) || wb_has(x, i, WB_INTRO) ||
		    wb_has(x, i, WB_DET))
			continue;
		size_t cs = k + 1, ce = cs;
		if (cs >= d->ntok || (d->tok[cs].flags & TEXT_F_NL_BEFORE) || d->tok[cs].kind == TEXT_QUOTE)
			continue;
		while (ce + 1 < d->ntok && !(d->tok[ce + 1].flags & TEXT_F_NL_BEFORE))
			ce++;
		int marked = 0;
		for (size_t t = cs; t <= ce; t++)
			marked |= in_quote(x, t);
		if (marked || count_words(x, cs, ce) < 3)
			continue;
		struct spk sp = quotes_phrase_spk(x, (long)i, (long)k - 1);
		if (sp.type != SPK_NAME)
			continue;
		if (sp.men >= 0 && x->el->men[sp.men].type == NER_LOC)
			continue;  /* "Kyiv: ..." is a dateline or a heading */
		struct cand c = {.start = d->tok[cs].start, .end = d->tok[ce].end, .first = (uint32_t)cs,
				 .last = (uint32_t)ce, .kind = QUOTE_DIRECT, .span = -1, .cue = -1,
				 .sp = sp, .ent = -1};
		if (overlaps(x, c.start, c.end))
			continue;
		int rc = cand_push(x, &c);
		if (rc)
			return rc;
		for (size_t t = cs; t <= ce; t++)
			x->used[t] = 1;
	}
	return 0;
}

/* Indirect quotes from the cues no quotation mark took. */
/* Reported questions: "asked (the mayor) whether the bridge would
 * reopen", "wondered why ...": the embedded question is the content. */
static int add_reported_question(struct qx *x, size_t i)
{
	static const char *const ask[] = {"asked", "asks", "ask", "asking", "wondered", "wonders",
					  "wondering", "inquired", NULL};
	static const char *const wh[] = {"whether", "if", "why", "how", "what", "who", "when",
					 "where", "which", NULL};
	const struct text_doc *d = x->d;
	if (!tok_in(x, i, ask) || tok_upper(x, i))
		return 0;
	size_t hi = sent_last(x, i);
	for (size_t j = i + 1; j <= hi && j < i + 8; j++) {
		if (in_quote(x, j) || x->cue[j] || d->tok[j].kind == TEXT_PUNCT ||
		    d->tok[j].kind == TEXT_QUOTE)
			return 0;
		if (!tok_in(x, j, wh))
			continue;
		if (j + 1 > hi || !tok_word(x, j + 1))
			return 0;
		long tail = -1;
		long ce = clause_end(x, j, &tail);
		if (ce < 0 || !has_finite_verb(x, j, (size_t)ce))
			return 0;
		return push_indirect(x, i, j, ce, tail, quotes_cue_speaker(x, i));
	}
	return 0;
}

static int add_indirect(struct qx *x)
{
	const struct text_doc *d = x->d;
	for (size_t i = 0; i < d->ntok; i++) {
		char c = x->cue[i];
		if (c == 'q' && !x->used[i]) {
			int rc = add_reported_question(x, i);
			if (rc)
				return rc;
			continue;
		}
		if (!c || c == 'q' || x->used[i])
			continue;
		size_t n = x->cue_n[i];
		size_t lo = sent_first(x, i), hi = sent_last(x, i);
		size_t after = i + n;
		long tail = -1, ce;
		struct spk sp = quotes_cue_speaker(x, i);
		int rc;
		if (c == 'a') {
			/* "According to X, ..." or "..., according to X." */
			if (sp.type == SPK_NONE)
				continue;
			size_t pe = (size_t)sp.t1 + 1;
			if (i == lo || (i == lo + 1 && d->tok[lo].kind == TEXT_QUOTE)) {
				while (pe <= hi && pe < i + 30 && !tok_punct(x, pe, ','))
					pe++;
				pe++;
				if (pe > hi)
					continue;
				ce = clause_end(x, pe, &tail);
				rc = push_indirect(x, i, pe, ce, tail, sp);
			} else {
				long e = (long)i - 1;
				while (e >= (long)lo && (tok_punct(x, (size_t)e, ',') ||
							 d->tok[e].kind == TEXT_DASH))
					e--;
				if (e < (long)lo)
					continue;
				int marked = 0;
				for (size_t k = lo; k <= (size_t)e; k++)
					marked |= in_quote(x, k);
				rc = marked ? 0 : push_indirect(x, i, lo, e, -1, sp);
			}
			if (rc)
				return rc;
			continue;
		}
		/* "that" within a few words: said (on Friday) that, told X that */
		size_t w = (c == 'o' || c == 'P') ? 10 : 8;
		long cs = -1;
		for (size_t j = after; j <= hi && j < after + w; j++) {
			if (in_quote(x, j) || (x->cue[j] && j != i))
				break;
			if (tok_eq(x, j, "that") && !tok_upper(x, j)) {
				/* "said the plan and that idea were bad": no clause */
				if (j > after && tok_in(x, j - 1, (const char *const[]){"and", "or", NULL}))
					break;
				cs = (long)j + 1;
				break;
			}
			if (d->tok[j].kind == TEXT_PUNCT && !tok_punct(x, j, '(') && !tok_punct(x, j, ')') &&
			    !(tok_punct(x, j, ',') && j + 1 <= hi &&
			      tok_in(x, j + 1, (const char *const[]){"however", "though", "too", "also",
					"moreover", "instead", "again", "in", "on", "during", NULL})))
				break;
		}
		if (cs < 0 && after <= hi && tok_punct(x, after, ':') && after + 1 <= hi &&
		    d->tok[after + 1].kind != TEXT_QUOTE)
			cs = (long)after + 1;
		if (cs >= 0 && cs <= (long)hi) {
			ce = clause_end(x, (size_t)cs, &tail);
			if (ce < 0) {
				/* left for the quoted fragment */
				rc = and_that_clause(x, i, (size_t)cs, sp);
				if (rc)
					return rc;
				continue;
			}
			rc = push_indirect(x, i, (size_t)cs, ce, tail, sp);
			if (rc)
				return rc;
			if (x->used[i])
				continue;
			/* "taking that step": no clause after all */
		}
		if (c == 'o' || c == 'P') {
			/* told The Huffington Post he's not planning ... */
			struct spk obj = quotes_np_right(x, (long)after, (long)hi);
			long j = -1;
			if (obj.type != SPK_NONE)
				j = bare_clause_start(x, (size_t)obj.t1 + 1, hi);
			else if (after <= hi && tok_in(x, after, (const char *const[]){"him", "her",
					"them", "us", "me", "reporters", "journalists", NULL}))
				j = bare_clause_start(x, after + 1, hi);
			if (j >= 0 && !wb_has(x, (size_t)j, WB_PGRP) && d->tok[j].kind == TEXT_WORD &&
			    !(x->d->tok[j].flags & TEXT_F_UPPER) && !wb_has(x, (size_t)j, WB_PPER) &&
			    !tok_in(x, (size_t)j, (const char *const[]){"i", "the", "a", NULL}))
				j = -1;  /* a clause after an object starts with a pronoun or a name */
			ce = j >= 0 ? clause_end(x, (size_t)j, &tail) : -1;
			if (ce >= 0 && has_finite_verb(x, (size_t)j, (size_t)ce)) {
				rc = push_indirect(x, i, (size_t)j, ce, tail, sp);
				if (rc)
					return rc;
			}
			if (x->used[i] || c == 'P')
				continue;
		}
		if (c == 'n')
			continue;
		if (c == 'v' || c == 'p') {
			/* a bare clause: said (on Tuesday) it was ...; not the
			 * speaker of an inversion (", said X, a professor who is") */
			int inv = sp.type != SPK_NONE && sp.t0 >= (int32_t)after &&
				  (sp.t1 + 1 > (int32_t)hi || d->tok[sp.t1 + 1].kind == TEXT_PUNCT);
			long j = inv ? -1 : bare_clause_start(x, after, hi);
			ce = j >= 0 ? clause_end(x, (size_t)j, &tail) : -1;
			if (j >= 0 && ce < 0) {
				/* the quoted fragment in it takes the cue */
				rc = and_that_clause(x, i, (size_t)j, sp);
				if (rc)
					return rc;
				continue;
			}
			if (ce >= 0 && count_words(x, (size_t)j, (size_t)ce) >= 3 &&
			    has_finite_verb(x, (size_t)j, (size_t)ce)) {
				rc = push_indirect(x, i, (size_t)j, ce, tail, sp);
				if (rc)
					return rc;
				if (x->used[i])
					continue;
			}
		}
		/* inverted: "CONTENT, X said." / "CONTENT, said X." / ", X told Y." */
		if (c == 'v' || c == 't' || c == 'o') {
			long comma = -1;
			if (i > lo && tok_punct(x, i - 1, ',') && !(sp.type != SPK_NONE && sp.t1 < (int32_t)i))
				comma = (long)i - 1;  /* ", said X"; not "X, 35, a doctor, said" */
			else if (sp.type != SPK_NONE && sp.t0 > (int32_t)lo && sp.t1 < (int32_t)i) {
				long k = sp.t0 - 1;
				while (k > (long)lo && wb_has(x, (size_t)k, WB_DET))
					k--;
				if (tok_punct(x, (size_t)k, ','))
					comma = k;
			}
			size_t ae = i + n;  /* ", the campaign said, it may ..." */
			while (ae <= hi && ae < i + n + 4 && (wb_has(x, ae, WB_ADVR) ||
							      wb_has(x, ae, WB_TIME)))
				ae++;
			if (comma > (long)lo && ae < hi && tok_punct(x, ae, ',') &&
			    count_words(x, ae + 1, hi) > count_words(x, lo, (size_t)comma)) {
				ce = clause_end(x, ae + 1, &tail);
				if (ce >= 0) {
					rc = push_indirect(x, i, ae + 1, ce, tail, sp);
					if (rc)
						return rc;
					if (x->used[i])
						continue;
				}
			}
			if (comma > (long)lo + 2) {
				long e = comma - 1;
				int bad = 0;
				for (size_t k = lo; k <= (size_t)comma; k++)
					if (in_quote(x, k) || x->used[k])
						bad = 1;
				/* "In a two-minute response, Cruz said": an opening phrase */
				if (tok_in(x, lo, (const char *const[]){"in", "on", "at", "after", "before",
						"during", "for", "with", "from", "by", "among", "under", "over",
						"since", "until", "asked", "speaking", "later", "earlier", NULL}) &&
				    (count_words(x, lo, (size_t)e) < 7 || !has_finite_verb(x, lo, (size_t)e)))
					bad = 1;
				/* "When the mayor arrived, X felt", "According to Y, X said":
				 * a subordinate clause opens the sentence, no reported one */
				static const char *const subord[] = {"when", "while", "though",
					"although", "as", "if", "because", "since", "once", "unless",
					"whereas", "whenever", "according", "after", "before", "until",
					NULL};
				if (tok_in(x, lo, subord))
					bad = 1;
				/* "A lawyer for the firm, Jane Roe, said", "Jane Roe, the
				 * firm's lawyer, noted the rule": an appositive noun
				 * phrase, no reported clause */
				if (!bad && !has_finite_verb(x, lo, (size_t)e))
					bad = 1;
				if (!bad) {
					rc = push_indirect(x, i, lo, e, -1, sp);
					if (rc)
						return rc;
					continue;
				}
			}
		}
	}
	return 0;
}


static int cand_cmp(const void *a, const void *b)
{
	const struct cand *x = a, *y = b;
	long kx = x->start, ky = y->start;
	return kx < ky ? -1 : kx > ky;
}

/* ------------------------------------------------------------------ main */

int quotes_find(const struct quotes_res *r, struct arena *a, const struct text_doc *doc,
		const struct entity_list *el, struct quote_list *out, struct enr_error *err)
{
	memset(out, 0, sizeof *out);
	if (!r || !doc || doc->ntok == 0)
		return 0;
	struct qx x = {.r = r, .a = a, .d = doc, .el = (el && el->men) ? el : NULL};
	size_t n = doc->ntok;
	x.span_of = arena_alloc(a, n * sizeof *x.span_of);
	x.cue = arena_calloc(a, n, 1);
	x.cue_n = arena_calloc(a, n, 1);
	x.used = arena_calloc(a, n, 1);
	x.line = arena_alloc(a, n * sizeof *x.line);
	x.cspk = arena_alloc(a, n * sizeof *x.cspk);
	x.cspk_done = arena_calloc(a, n, 1);
	x.wb = arena_calloc(a, n, sizeof *x.wb);
	x.rolec = arena_calloc(a, n, 1);
	x.cue1 = arena_calloc(a, n, 1);
	if (!x.span_of || !x.cue || !x.cue_n || !x.used || !x.line || !x.cspk || !x.cspk_done ||
	    !x.wb || !x.rolec || !x.cue1)
		return enr_error_set(err, ENR_ENOMEM, "out of memory for quotes");
	uint32_t ln = 0;
	for (size_t i = 0; i < n; i++) {
		x.span_of[i] = -1;
		if (doc->tok[i].kind == TEXT_WORD) {
			const char *s = text_tok_str(doc, i);
			size_t len = text_tok_len(doc, i);
			const char *v = lexicon_get(r->words, s, len);
			if (v) {
				char *e;
				x.wb[i] = (uint16_t)strtoul(v, &e, 10);
				x.rolec[i] = e[0] == ' ' && e[1] != '-' ? e[1] : 0;
				x.cue1[i] = e[0] == ' ' && e[1] && e[2] == ' ' && e[3] != '-' ? e[3] : 0;
			}
		}
		if (i > 0 && (doc->tok[i].flags & (TEXT_F_NL_BEFORE | TEXT_F_PARA_START)))
			ln++;
		x.line[i] = ln;
	}
	if (quotes_spans_find(a, doc, &x.sp, &x.nsp))
		return enr_error_set(err, ENR_ENOMEM, "out of memory for quote marks");
	x.span_ok = arena_calloc(a, x.nsp ? x.nsp : 1, 1);
	if (!x.span_ok)
		return enr_error_set(err, ENR_ENOMEM, "out of memory for quote marks");
	for (size_t k = 0; k < x.nsp; k++) {
		size_t e = x.sp[k].close_tok != QUOTES_NO_TOK ? x.sp[k].close_tok : x.sp[k].last;
		for (size_t i = x.sp[k].open_tok; i <= e && i < n; i++)
			x.span_of[i] = (int32_t)k;
	}
	find_cues(&x);
	int rc = add_span_cands(&x);
	if (!rc)
		rc = add_labelled_lines(&x);
	if (!rc)
		rc = add_indirect(&x);
	if (rc)
		return enr_error_set(err, ENR_ENOMEM, "out of memory for quotes");
	if (x.nc > 1)
		qsort(x.c, x.nc, sizeof *x.c, cand_cmp);

	struct quotes_resolver rv = {.per_tok = -1, .per_ent = -1, .grp_tok = -1, .grp_ent = -1};
	for (size_t k = 0; k < x.nc; k++) {
		struct cand *c = &x.c[k];
		quotes_resolve(&x, &rv, c);
		/* follow-on: a quote with no cue takes the speaker of the quote
		 * before it in its line, or in the line before when it opens its
		 * own line */
		if (c->cue < 0 && c->sp.type == SPK_NONE && c->span >= 0 && k > 0) {
			const struct cand *p = &x.c[k - 1];
			uint32_t lc = x.line[c->first], lp = x.line[p->last];
			size_t o = x.sp[c->span].open_tok;
			int opens_line = o == 0 || (doc->tok[o].flags & TEXT_F_NL_BEFORE);
			if ((p->name || p->ent >= 0) &&
			    (lc == lp || (opens_line && lc == lp + 1 && p->kind != QUOTE_INDIRECT))) {
				c->ent = p->ent;
				c->name = p->name;
				c->sp = p->sp;  /* the phrase that named the speaker */
			}
		}
		/* a quote after a sentence that names someone: "Sanders was
		 * defiant. "We will win."" */
		if (c->cue < 0 && c->sp.type == SPK_NONE && !c->name && c->span >= 0 &&
		    c->kind == QUOTE_DIRECT) {
			size_t o = x.sp[c->span].open_tok;
			uint32_t si = doc->tok[o].sent;
			int opens_line = o == 0 || (doc->tok[o].flags & TEXT_F_NL_BEFORE);
			if (si > 0 && doc->sent[si].tok == o) {
				const struct text_sentence *ps = &doc->sent[si - 1];
				size_t pl = ps->tok + ps->ntok - 1;
				if (!in_quote(&x, ps->tok) &&
				    (x.line[pl] == x.line[o] || (opens_line && x.line[pl] + 1 == x.line[o]))) {
					struct spk sj = quotes_subject_of(&x, pl);
					if (sj.type == SPK_NAME || sj.type == SPK_PRON_PER) {
						c->sp = sj;
						quotes_resolve(&x, &rv, c);
					}
				}
			}
		}
	}

	out->q = arena_calloc(a, x.nc ? x.nc : 1, sizeof *out->q);
	if (!out->q)
		return enr_error_set(err, ENR_ENOMEM, "out of memory for quotes");
	for (size_t k = 0; k < x.nc; k++) {
		const struct cand *c = &x.c[k];
		struct quote *q = &out->q[out->n++];
		q->start = c->start;
		q->end = c->end;
		q->kind = c->kind;
		q->speaker_entity = c->ent;
		q->speaker_name = c->name;
		q->speaker_mention = c->sp.men;
		if (c->sp.r0 >= 0) {
			q->sp_start = doc->tok[c->sp.r0].start;
			q->sp_end = doc->tok[c->sp.r1].end;
		}
		if (c->cue >= 0) {
			q->cue_start = doc->tok[c->cue].start;
			q->cue_end = doc->tok[c->cue + (c->cue_n ? c->cue_n : 1) - 1].end;
		}
	}
	return 0;
}

/* ---------------------------------------------------------------- render */

/* {"text","start","end"} as the member key, or no member at all when the
 * span is not valid UTF-8 (json_pack refused it in the json_t version). */
static void span_member(struct jsonw *w, const char *key, const struct text_doc *doc,
			uint32_t s, uint32_t e, enum text_unit unit)
{
	if (!jsonw_utf8_valid(doc->text + s, (size_t)(e - s)))
		return;
	jsonw_key(w, key);
	jsonw_span(w, doc->text + s, (size_t)(e - s), (long long)text_offset(doc, s, unit),
		   (long long)text_offset(doc, e, unit));
}

static const char *const quote_kind_names[] = {"direct", "partial", "indirect"};

void quotes_render(struct jsonw *w, const struct quote_list *ql, const struct entity_list *el,
		   const struct text_doc *doc, enum text_unit unit)
{
	jsonw_array_begin(w);
	for (size_t k = 0; ql && k < ql->n; k++) {
		const struct quote *q = &ql->q[k];
		const char *tx = doc->text + q->start;
		size_t txn = (size_t)(q->end - q->start);
		if (!jsonw_utf8_valid(tx, txn))
			continue;  /* a quote whose text jansson would refuse is left out */
		jsonw_object_begin(w);
		jsonw_key(w, "id");
		jsonw_ref(w, 'q', (long long)k + 1);
		jsonw_key(w, "text");
		jsonw_string(w, tx, txn);
		jsonw_key(w, "kind");
		jsonw_str(w, quote_kind_names[q->kind <= QUOTE_INDIRECT ? q->kind : 0]);
		jsonw_key(w, "start");
		jsonw_int(w, (long long)text_offset(doc, q->start, unit));
		jsonw_key(w, "end");
		jsonw_int(w, (long long)text_offset(doc, q->end, unit));
		jsonw_key(w, "speaker");
		if (q->speaker_name || q->speaker_entity >= 0 || q->sp_end > q->sp_start) {
			const char *name = q->speaker_name;
			if (!name && q->speaker_entity >= 0 && el && (size_t)q->speaker_entity < el->nent)
				name = el->ent[q->speaker_entity].name;
			jsonw_object_begin(w);
			jsonw_key(w, "name");
			jsonw_str_or_null(w, name);
			jsonw_key(w, "entity");
			if (q->speaker_entity >= 0)
				jsonw_ref(w, 'e', (long long)q->speaker_entity + 1);
			else
				jsonw_null(w);
			if (q->sp_end > q->sp_start) {
				span_member(w, "mention", doc, q->sp_start, q->sp_end, unit);
			} else if (q->speaker_mention >= 0 && el && (size_t)q->speaker_mention < el->nmen) {
				span_member(w, "mention", doc, el->men[q->speaker_mention].start,
					    el->men[q->speaker_mention].end, unit);
			} else {
				jsonw_key(w, "mention");
				jsonw_null(w);
			}
			jsonw_object_end(w);
		} else {
			jsonw_null(w);
		}
		if (q->cue_end > q->cue_start) {
			span_member(w, "cue", doc, q->cue_start, q->cue_end, unit);
		} else {
			jsonw_key(w, "cue");
			jsonw_null(w);
		}
		jsonw_object_end(w);
	}
	jsonw_array_end(w);
}

