/* libFuzzer target: request parsing. The first byte picks a content type
 * (one of a table, or the input's first line: clients send any bytes
 * there) and a JSON depth cap; the rest is the body, NUL-terminated as the
 * server hands it over. article_parse_body must answer 0 or a 4xx with a
 * code and a message that renders as an error answer with that status
 * (not the 500 a message jansson cannot encode turns into); the depth check
 * must stop on an opening bracket. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "enricher/article.h"
#include "enricher/handler.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const fuzz_ctypes[] = {
	"application/json", "text/plain", "text/plain; charset=utf-8",
	"application/x-www-form-urlencoded", NULL, "application/vnd.api+json",
	"application/xml", "APPLICATION/JSON ; charset=utf-8", "",
};
#define FUZZ_NCT (sizeof fuzz_ctypes / sizeof *fuzz_ctypes)

/* Nesting depth of a parsed value: a scalar is 0, [] and {} are 1. */
static size_t json_depth(json_t *v)
{
	size_t d = 0, i;
	const char *k;
	json_t *x;
	if (json_is_array(v)) {
		json_array_foreach(v, i, x) {
			size_t c = json_depth(x);
			d = c > d ? c : d;
		}
		return d + 1;
	}
	if (json_is_object(v)) {
		json_object_foreach(v, k, x) {
			size_t c = json_depth(x);
			d = c > d ? c : d;
		}
		return d + 1;
	}
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	unsigned sel = data[0];
	data++;
	size--;
	char ctbuf[128];
	const char *ct = fuzz_ctypes[sel % FUZZ_NCT];
	if (sel % FUZZ_NCT == FUZZ_NCT - 1) {
		const uint8_t *nl = memchr(data, '\n', size < 100 ? size : 100);
		size_t k = nl ? (size_t)(nl - data) : 0;
		memcpy(ctbuf, data, k);
		ctbuf[k] = '\0';
		ct = ctbuf;
		data += nl ? k + 1 : 0;
		size -= nl ? k + 1 : 0;
	}
	char *body = malloc(size + 1);
	if (!body)
		return 0;
	memcpy(body, data, size);
	body[size] = '\0';

	/* Fetching stays off: a URL-only request must be refused, not fetched. */
	struct resources res;
	memset(&res, 0, sizeof res);
	res.limits.max_json_depth = 2 + (sel >> 3) % 64;
	res.limits.max_body_bytes = 2097152;
	res.limits.max_tokens = 100000;
	res.limits.max_arena_bytes = 64u << 20;
	res.limits.batch_max = 100;
	res.fetch.enabled = 0;
	res.fetch.timeout_s = 1;
	res.fetch.max_bytes = 1024;

	long deep = article_json_depth_exceeded(body, size, res.limits.max_json_depth);
	if (deep >= 0 && (deep >= (long)size || (body[deep] != '{' && body[deep] != '[')))
		abort();
	/* On JSON that jansson accepts, the counter agrees with the real depth:
	 * strings, escapes and brackets inside them cannot fool it. (Duplicate
	 * keys are refused: a replaced value would hide its depth.) */
	json_t *doc = json_loadb(body, size, JSON_DECODE_ANY | JSON_REJECT_DUPLICATES, NULL);
	if (doc) {
		if ((json_depth(doc) > res.limits.max_json_depth) != (deep >= 0))
			abort();
		json_decref(doc);
	}

	struct arena *ar = arena_new(res.limits.max_arena_bytes);
	if (!ar) {
		free(body);
		return 0;
	}
	struct article a;
	struct article_error e = {0};
	json_t *root = NULL;
	int rc = article_parse_body(&res, ar, ct, body, size, ART_ALL, &a, &root, &e);
	if (rc == 0) {
		/* a parsed article has valid, NUL-terminated UTF-8 text */
		size_t bad;
		if (!a.text || a.text[a.text_len] != '\0' || text_utf8_check(a.text, a.text_len, &bad))
			abort();
	} else {
		if (e.status < 400 || e.status > 599 || !e.code || !e.message[0])
			abort();
		if (e.status >= 500 && e.status != 502 && e.status != 503 && e.status != 504)
			abort();  /* a client's bytes are never a server error */
		if (e.offset > (long)size)
			abort();
		struct hresp rs = {0};
		handler_error(&rs, e.status, e.code, e.message, e.offset);
		if (rs.status != e.status || !rs.body)
			abort();
		free(rs.body);
	}
	json_decref(root);
	arena_free(ar);
	free(body);
	return 0;
}
