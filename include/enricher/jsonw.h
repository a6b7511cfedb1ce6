/* An append-only JSON writer into one growable malloc'd buffer: the answer
 * of an analysis is written member by member instead of being built as a
 * json_t tree and dumped. The bytes are exactly those jansson 2.14's
 * json_dumps(v, JSON_COMPACT) writes for the same tree (same escapes, same
 * "%.17g" reals), so clients see no difference.
 *
 * Commas and the key/value colon are the writer's business: a caller says
 * jsonw_key(w, "name") then a value. Like json_object_set_new with a NULL
 * value, a value jansson would refuse (a string that is not valid UTF-8, a
 * real that is not finite) is dropped together with its pending key, and a
 * refused array element is simply left out; the call returns -1.
 *
 * Ownership: the buffer is malloc'd and belongs to the writer until
 * jsonw_finish hands it over (the caller then free()s it, as the HTTP
 * response body is freed); jsonw_free releases an abandoned writer. */
#ifndef ENRICHER_JSONW_H
#define ENRICHER_JSONW_H

#include <stddef.h>
#include <string.h>

struct jsonw {
	char *buf; /* malloc'd; NUL-terminated once finished */
	size_t len, cap;
	int depth;	 /* open objects and arrays */
	int comma;	 /* the next member or element needs a ',' first */
	int failed;	 /* an allocation failed: the bytes are incomplete */
	const char *key; /* pending key, written with the next value */
	size_t key_len;
};

/* An empty writer with room for about hint bytes (0: a default). Never
 * fails: an allocation failure shows at jsonw_finish. */
void jsonw_init(struct jsonw *w, size_t hint);

/* Releases the buffer of a writer that will not be finished; accepts a
 * zeroed writer. */
void jsonw_free(struct jsonw *w);

/* Hands over the NUL-terminated bytes (caller free()s them) and their length
 * in *len; NULL (and the writer freed) if an allocation failed or an object
 * or array is still open. The writer is empty afterwards. */
char *jsonw_finish(struct jsonw *w, size_t *len);

/* The key of the next member: k[0..n) must outlive the next value call. */
void jsonw_keyn(struct jsonw *w, const char *k, size_t n);
static inline void jsonw_key(struct jsonw *w, const char *k)
{
	jsonw_keyn(w, k, strlen(k));
}

void jsonw_object_begin(struct jsonw *w);
void jsonw_object_end(struct jsonw *w);
void jsonw_array_begin(struct jsonw *w);
void jsonw_array_end(struct jsonw *w);

/* s[0..n) as a JSON string (NUL bytes allowed, as json_stringn); -1 and
 * nothing written when it is not valid UTF-8 or s is NULL (as json_string
 * refuses NULL). */
int jsonw_string(struct jsonw *w, const char *s, size_t n);
static inline int jsonw_str(struct jsonw *w, const char *s)
{
	return jsonw_string(w, s, s ? strlen(s) : 0);
}
/* s, or null when s is NULL. */
int jsonw_str_or_null(struct jsonw *w, const char *s);

void jsonw_int(struct jsonw *w, long long v);
/* The string "<prefix><v>" ("e12": the ids the answer refers to), written
 * without a printf; prefix is printable ASCII other than '"' and '\\'. */
void jsonw_ref(struct jsonw *w, char prefix, long long v);
/* -1 and nothing written when v is NaN or infinite. */
int jsonw_real(struct jsonw *w, double v);
void jsonw_null(struct jsonw *w);
void jsonw_bool(struct jsonw *w, int v);

/* {"text": s[0..n), "start": start, "end": end}: a span of the article. */
void jsonw_span(struct jsonw *w, const char *s, size_t n, long long start, long long end);

/* A pre-rendered JSON value s[0..n), copied as is. */
void jsonw_raw(struct jsonw *w, const char *s, size_t n);

/* Is s[0..n) valid UTF-8 as jansson checks it (NUL allowed)? 1 or 0. For
 * callers that must drop a whole object when one of its strings would be. */
int jsonw_utf8_valid(const char *s, size_t n);

#endif
