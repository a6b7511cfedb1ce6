/* The request as a struct article: parsed from JSON (or taken as plain
 * text) and validated, with errors that say what to fix. With only a URL,
 * the article is fetched (fetch.h). */
#ifndef ENRICHER_ARTICLE_H
#define ENRICHER_ARTICLE_H

#include <stddef.h>

#include <jansson.h>

#include "enricher/arena.h"
#include "enricher/resources.h"
#include "enricher/text.h"

enum article_include { ART_ENTITIES = 1, ART_QUOTES = 2, ART_CLAIMS = 4, ART_ALL = 7 };

struct article {
	json_t *id;              /* borrowed from the request JSON (string or number), or NULL */
	const char *title;       /* NULL if absent */
	const char *text;        /* NUL-terminated, valid UTF-8 */
	size_t text_len;
	const char *published;   /* "YYYY-MM-DD" or NULL */
	const char *url;         /* NULL if absent */
	unsigned include;        /* enum article_include bits */
	enum text_unit unit;
	int fetched;             /* the text came from url: the answer includes it */
};

/* A request error: HTTP status, a stable code and a message. */
struct article_error {
	int status;
	const char *code;        /* "invalid_json", "invalid_field", ... */
	char message[256];
	long offset;             /* byte offset in the body, or -1 */
};

/* Counts JSON nesting depth without parsing; returns the byte offset where
 * max_depth is passed, or -1 when it never is. */
long article_json_depth_exceeded(const char *s, size_t n, size_t max_depth);

/* Fills a from a decoded JSON object. Strings are borrowed from obj, which
 * must outlive a. A URL-only article is fetched into arena memory. */
int article_from_json(const struct resources *res, struct arena *arena, json_t *obj,
		      unsigned default_include, struct article *a, struct article_error *e);

/* Parses a request body by content type: JSON, or text/plain as the text.
 * On success *root holds the parsed JSON (caller decrefs; NULL for text). */
int article_parse_body(const struct resources *res, struct arena *arena,
		       const char *content_type, const char *body, size_t len,
		       unsigned default_include, struct article *a, json_t **root,
		       struct article_error *e);

/* Is ct a JSON media type (application/json, application/...+json)? */
int article_is_json_type(const char *ct);

#endif
