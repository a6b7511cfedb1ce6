/* Pairs quotation marks into spans, one line at a time. Only marks decide;
 * whether a span is a quote (and of which kind) is for quotes.c. */
#include "enricher/quotes_spans.h"

#include "enricher/error.h"

enum { MARK_NONE = 0, MARK_DOUBLE, MARK_SINGLE };

static int mark_class(const struct text_doc *d, size_t i)
{
	if (d->tok[i].kind != TEXT_QUOTE)
		return MARK_NONE;
	size_t k = d->tok[i].start;
	uint32_t c = text_utf8_next(d->text, d->len, &k);
	switch (c) {
	case '"': case 0x201C: case 0x201D: case 0x201E: case 0x201F:
	case 0xAB: case 0xBB: case 0x300C: case 0x300D: case 0x300E: case 0x300F:
		return MARK_DOUBLE;
	case '\'': case 0x2018: case 0x2019: case 0x201A: case 0x201B:
	case 0x2039: case 0x203A:
		return MARK_SINGLE;
	default:
		return MARK_NONE;
	}
}

/* A straight mark is symmetric: the text layer guessed its side from the
 * spaces around it; 0 when it could not. */
static int is_open(const struct text_doc *d, size_t i)
{
	return (d->tok[i].flags & TEXT_F_OPEN) != 0;
}

static int is_close(const struct text_doc *d, size_t i)
{
	return (d->tok[i].flags & TEXT_F_CLOSE) != 0;
}

static int line_start(const struct text_doc *d, size_t i)
{
	return i == 0 || (d->tok[i].flags & (TEXT_F_NL_BEFORE | TEXT_F_PARA_START));
}

struct span_buf {
	struct arena *a;
	struct quotes_span *v;
	size_t n, cap;
};

/* Records the span of content tokens [first, last] between marks open and
 * close (close may be NO_TOK when the line ends first). Empty spans are
 * dropped. */
static int span_emit(struct span_buf *b, const struct text_doc *d, size_t open,
		     size_t first, size_t close, size_t last, unsigned flags)
{
	if (first > last || last >= d->ntok)
		return 0;
	if (b->n == b->cap) {
		size_t ncap = b->cap ? b->cap * 2 : 32;
		struct quotes_span *nv = arena_realloc(b->a, b->v, b->cap * sizeof *nv,
						       ncap * sizeof *nv);
		if (!nv)
			return ENR_ENOMEM;
		b->v = nv;
		b->cap = ncap;
	}
	struct quotes_span *s = &b->v[b->n++];
	s->open_tok = (uint32_t)open;
	s->close_tok = close == QUOTES_NO_TOK ? QUOTES_NO_TOK : (uint32_t)close;
	s->first = (uint32_t)first;
	s->last = (uint32_t)last;
	s->start = d->tok[first].start;
	s->end = d->tok[last].end;
	s->flags = (uint8_t)flags;
	return 0;
}

/* Is token i a lone ASCII apostrophe (a quote mark or a plural's
 * possessive, as the text layer may read the first of two)? */
static int lone_apostrophe(const struct text_doc *d, size_t i)
{
	return (d->tok[i].kind == TEXT_QUOTE || d->tok[i].kind == TEXT_POSSESSIVE) &&
	       d->tok[i].end == d->tok[i].start + 1 && d->text[d->tok[i].start] == '\'';
}

/* Two apostrophes in a row ('') stand for a double mark in some archives:
 * 0 if tokens i, i+1 are not such a pair, else 1 opening, 2 closing. */
static int doubled_apostrophe(const struct text_doc *d, size_t i)
{
	if (i + 1 >= d->ntok || !lone_apostrophe(d, i) || !lone_apostrophe(d, i + 1) ||
	    d->tok[i + 1].start != d->tok[i].end)
		return 0;
	size_t s = d->tok[i].start, e = d->tok[i + 1].end;
	int sp_before = s == 0 || d->text[s - 1] == ' ' || d->text[s - 1] == '\n' ||
			d->text[s - 1] == '\t' || d->text[s - 1] == '(' || d->text[s - 1] == '-';
	int sp_after = e >= d->len || d->text[e] == ' ' || d->text[e] == '\n' ||
		       d->text[e] == '\t' || d->text[e] == '\r';
	if (sp_before && !sp_after)
		return 1;
	if (!sp_before)
		return 2;
	return 0;
}

int quotes_spans_find(struct arena *a, const struct text_doc *d,
		      struct quotes_span **out, size_t *n)
{
	struct span_buf b = {.a = a};
	size_t dopen = QUOTES_NO_TOK, dfirst = 0, sopen = QUOTES_NO_TOK;
	unsigned dflags = 0;
	int pending_cont = 0;
	int rc = 0;
	*out = NULL;
	*n = 0;
	for (size_t i = 0; i < d->ntok; i++) {
		if (line_start(d, i) && i > 0) {
			pending_cont = 0;
			if (dopen != QUOTES_NO_TOK) {
				rc = span_emit(&b, d, dopen, dfirst, QUOTES_NO_TOK, i - 1,
					       dflags | QUOTES_SPAN_OPEN_END);
				if (rc)
					return rc;
				pending_cont = 1;
			}
			dopen = sopen = QUOTES_NO_TOK;
		}
		int pair = doubled_apostrophe(d, i);
		if (pair) {
			/* '' ... '': one double mark made of two tokens */
			if (dopen == QUOTES_NO_TOK && pair == 1 && i + 2 < d->ntok &&
			    !line_start(d, i + 2)) {
				dopen = i;
				dfirst = i + 2;
				dflags = pending_cont && line_start(d, i) ? QUOTES_SPAN_CONT : 0;
				sopen = QUOTES_NO_TOK;
			} else if (dopen != QUOTES_NO_TOK && pair == 2 && i > 0) {
				rc = span_emit(&b, d, dopen, dfirst, i + 1, i - 1, dflags);
				if (rc)
					return rc;
				dopen = QUOTES_NO_TOK;
			}
			i++;
			continue;
		}
		int cls = mark_class(d, i);
		if (cls == MARK_DOUBLE) {
			if (dopen == QUOTES_NO_TOK) {
				if (is_open(d, i) && i + 1 < d->ntok && !line_start(d, i + 1)) {
					dopen = i;
					dfirst = i + 1;
					dflags = pending_cont && line_start(d, i) ? QUOTES_SPAN_CONT : 0;
					sopen = QUOTES_NO_TOK;
				}
			} else if (is_close(d, i)) {
				rc = span_emit(&b, d, dopen, dfirst, i, i - 1, dflags);
				if (rc)
					return rc;
				dopen = QUOTES_NO_TOK;
			} else if (is_open(d, i)) {
				/* a second opening mark: the first one was stray */
				unsigned char c0 = (unsigned char)d->text[d->tok[i].start];
				if (c0 == '"') {
					rc = span_emit(&b, d, dopen, dfirst, i, i - 1, dflags);
					if (rc)
						return rc;
					dopen = QUOTES_NO_TOK;
				} else {
					dopen = i;
					dfirst = i + 1;
					dflags = 0;
				}
			}
		} else if (cls == MARK_SINGLE && dopen == QUOTES_NO_TOK) {
			if (sopen == QUOTES_NO_TOK) {
				if (is_open(d, i) && i + 1 < d->ntok && !line_start(d, i + 1) &&
				    d->tok[i + 1].kind == TEXT_WORD)
					sopen = i;
			} else if (is_close(d, i)) {
				rc = span_emit(&b, d, sopen, sopen + 1, i, i - 1, QUOTES_SPAN_SINGLE);
				if (rc)
					return rc;
				sopen = QUOTES_NO_TOK;
			}
		}
	}
	if (dopen != QUOTES_NO_TOK && d->ntok > 0) {
		rc = span_emit(&b, d, dopen, dfirst, QUOTES_NO_TOK, d->ntok - 1,
			       dflags | QUOTES_SPAN_OPEN_END);
		if (rc)
			return rc;
	}
	*out = b.v;
	*n = b.n;
	return 0;
}
