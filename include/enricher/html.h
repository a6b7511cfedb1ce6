/* Article extraction from an HTML page: a tolerant hand-written scanner (no
 * HTML library) that finds the article body, its title and publication date,
 * and converts the page's charset to UTF-8. Bounded by its input; never fails
 * on malformed HTML, only on allocation. Everything it returns lives in the
 * arena passed in; temporaries are freed before return. */
#ifndef ENRICHER_HTML_H
#define ENRICHER_HTML_H

#include <stddef.h>

#include "enricher/arena.h"
#include "enricher/error.h"

struct html_article {
	char *text;          /* valid UTF-8, paragraphs separated by "\n\n"; "" when none */
	size_t len;
	char *title;         /* og:title, JSON-LD headline or <title>; NULL when none */
	char *published;     /* "YYYY-MM-DD" (article:published_time, JSON-LD
				datePublished, ...); NULL when none */
	const char *source;  /* static: where the body came from: "json-ld",
				"article", "main", "density", "page" or "none" */
};

/* Extracts the article from html[0..n), raw bytes in charset (a label such
 * as "iso-8859-1"; NULL: a BOM, else <meta charset> / http-equiv, else UTF-8
 * when the bytes are valid UTF-8, else windows-1252). */
int html_extract(struct arena *a, const char *html, size_t n, const char *charset,
		 struct html_article *out, struct enr_error *err);

/* A text/plain body as the article text: converted to UTF-8 (charset as
 * above, without the <meta> step), CR LF made LF, control characters other
 * than tab and newline removed, ends trimmed. *out lives in a. */
int html_plain_text(struct arena *a, const char *raw, size_t n, const char *charset,
		    char **out, size_t *out_len, struct enr_error *err);

/* Converts raw bytes in charset (NULL or unknown: UTF-8 if valid, else
 * windows-1252) to valid UTF-8 in a; bytes that do not decode become U+FFFD.
 * ISO-8859-1 and US-ASCII are read as windows-1252, as browsers do. */
int html_to_utf8(struct arena *a, const char *in, size_t n, const char *charset,
		 char **out, size_t *out_len, struct enr_error *err);

/* The charset parameter of a Content-Type value ("text/html;
 * charset=ISO-8859-1" -> "ISO-8859-1") into buf; 0 when found, else -1. */
int html_charset_from_content_type(const char *content_type, char *buf, size_t n);

/* 1 when s[0..n) is valid UTF-8 (no overlongs, surrogates or values past
 * U+10FFFF). */
int html_utf8_valid(const char *s, size_t n);

#endif
