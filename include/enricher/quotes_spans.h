/* Quotation-mark spans: pairs of opening and closing marks found over the
 * tokens of a text_doc. Double marks (" “ ” „ « ») make spans; single marks
 * inside them are nested and stay content; single marks elsewhere make a
 * span only when they pair up within a line. A mark left open at the end of
 * a line closes there (a quote running over paragraphs reopens with a mark
 * at the next line start, and that span is flagged as a continuation), so an
 * unbalanced mark never swallows the rest of the article. */
#ifndef ENRICHER_QUOTES_SPANS_H
#define ENRICHER_QUOTES_SPANS_H

#include <stddef.h>
#include <stdint.h>

#include "enricher/arena.h"
#include "enricher/text.h"

#define QUOTES_NO_TOK UINT32_MAX

enum quotes_span_flag {
	QUOTES_SPAN_OPEN_END = 1 << 0, /* no closing mark: ends at the line end */
	QUOTES_SPAN_CONT = 1 << 1,     /* continues an open quote of the previous line */
	QUOTES_SPAN_SINGLE = 1 << 2    /* made of single marks */
};

struct quotes_span {
	uint32_t open_tok;   /* token of the opening mark */
	uint32_t close_tok;  /* token of the closing mark, or QUOTES_NO_TOK */
	uint32_t first, last;/* first and last content tokens (inclusive) */
	uint32_t start, end; /* content bytes, trimmed, without the marks */
	uint8_t flags;       /* enum quotes_span_flag */
};

/* Finds the spans of doc in text order. *out lives in a; *n may be 0.
 * Returns 0, or ENR_ENOMEM. */
int quotes_spans_find(struct arena *a, const struct text_doc *doc,
		      struct quotes_span **out, size_t *n);

#endif
