/* The analysis endpoints: /v1/enrich (everything), /v1/entities,
 * /v1/quotes, /v1/claims (one family each) and /v1/enrich/batch. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "enricher/analyze.h"
#include "enricher/handler.h"

/* Room for a typical answer at once: the text's strings come back with
 * their offsets, a few times the text in all. */
static size_t answer_hint(size_t text_len)
{
	return 4096 + 2 * text_len;
}

static void enrich_answer(const struct hreq *rq, struct hresp *rs, unsigned include)
{
	const struct resources *res = rq->svc->res;
	struct article a;
	struct article_error e = {0};
	json_t *root = NULL;
	if (article_parse_body(res, rq->arena, rq->content_type, rq->body, rq->body_len,
			       include, &a, &root, &e)) {
		handler_error(rs, e.status, e.code, e.message, e.offset);
		json_decref(root);
		return;
	}
	struct jsonw w;
	jsonw_init(&w, answer_hint(a.text_len));
	if (analyze_article(res, rq->arena, &a, &w, &e)) {
		jsonw_free(&w);
		handler_error(rs, e.status, e.code, e.message, e.offset);
		json_decref(root);
		return;
	}
	json_decref(root);  /* after the rendering: a.id is borrowed from it */
	size_t n;
	char *body = jsonw_finish(&w, &n);
	handler_json_bytes(rs, 200, body, n);
}

static void enrich_all(const struct hreq *rq, struct hresp *rs)
{
	enrich_answer(rq, rs, ART_ALL);
}

static void enrich_entities(const struct hreq *rq, struct hresp *rs)
{
	enrich_answer(rq, rs, ART_ENTITIES);
}

static void enrich_quotes(const struct hreq *rq, struct hresp *rs)
{
	enrich_answer(rq, rs, ART_QUOTES);
}

static void enrich_claims(const struct hreq *rq, struct hresp *rs)
{
	enrich_answer(rq, rs, ART_CLAIMS);
}

/* {"error":{...}} as the json_t version rendered it; an error jansson cannot
 * build (a message that is not UTF-8) is left out of the results. */
static void batch_item_error(struct jsonw *w, const struct article_error *e)
{
	json_t *err = json_pack("{s:s,s:s,s:i}", "code", e->code, "message", e->message,
				"status", e->status);
	if (err && e->offset >= 0)
		json_object_set_new(err, "offset", json_integer(e->offset));
	json_t *item = err ? json_pack("{s:o}", "error", err) : NULL;
	char *s = item ? json_dumps(item, JSON_COMPACT) : NULL;
	if (s)
		jsonw_raw(w, s, strlen(s));
	free(s);
	json_decref(item);
}

/* Each article gets its own arena so a long batch does not hold every
 * article's analysis at once; one bad article is one error item. */
static void enrich_batch(const struct hreq *rq, struct hresp *rs)
{
	const struct resources *res = rq->svc->res;
	if (!article_is_json_type(rq->content_type) && rq->content_type &&
	    strncasecmp(rq->content_type, "application/x-www-form-urlencoded", 33)) {
		handler_error(rs, 415, "unsupported_media_type",
			      "send the batch as Content-Type: application/json", -1);
		return;
	}
	long deep = article_json_depth_exceeded(rq->body, rq->body_len, res->limits.max_json_depth);
	if (deep >= 0) {
		handler_error(rs, 400, "invalid_json", "JSON nested too deep", deep);
		return;
	}
	json_error_t je;
	json_t *root = json_loadb(rq->body, rq->body_len, JSON_REJECT_DUPLICATES, &je);
	if (!root) {
		char msg[256];
		snprintf(msg, sizeof msg, "invalid JSON at byte %d (line %d, column %d): %s",
			 je.position, je.line, je.column, je.text);
		/* je.text may quote bytes of the body that are not UTF-8 */
		size_t n = strlen(msg), at = 0, bad;
		while (at < n && text_utf8_check(msg + at, n - at, &bad)) {
			msg[at + bad] = '?';
			at += bad + 1;
		}
		handler_error(rs, 400, "invalid_json", msg, je.position);
		return;
	}
	json_t *arts = json_object_get(root, "articles");
	if (!json_is_array(arts)) {
		handler_error(rs, 400, "invalid_request",
			      "a batch is {\"articles\": [ {...}, ... ]}", -1);
		json_decref(root);
		return;
	}
	if (json_array_size(arts) > res->limits.batch_max) {
		char msg[128];
		snprintf(msg, sizeof msg, "a batch holds at most %zu articles, this one %zu",
			 res->limits.batch_max, json_array_size(arts));
		handler_error(rs, 413, "batch_too_large", msg, -1);
		json_decref(root);
		return;
	}
	/* The items are written straight into the answer: the writer's buffer
	 * is malloc'd, not in an item's arena, so freeing the arena loses
	 * nothing, and an item that fails writes nothing of its own. */
	struct jsonw w;
	jsonw_init(&w, answer_hint(rq->body_len));
	jsonw_object_begin(&w);
	jsonw_key(&w, "results");
	jsonw_array_begin(&w);
	size_t i;
	json_t *item;
	json_array_foreach(arts, i, item) {
		struct arena *ar = arena_new(res->limits.max_arena_bytes);
		struct article a;
		struct article_error e = {0};
		if (!ar) {
			e = (struct article_error){.status = 503, .code = "overloaded", .offset = -1};
			snprintf(e.message, sizeof e.message, "out of memory");
			batch_item_error(&w, &e);
			continue;
		}
		if (article_from_json(res, ar, item, ART_ALL, &a, &e) ||
		    analyze_article(res, ar, &a, &w, &e))
			batch_item_error(&w, &e);
		arena_free(ar);
	}
	jsonw_array_end(&w);
	jsonw_object_end(&w);
	json_decref(root);
	size_t n;
	char *body = jsonw_finish(&w, &n);
	handler_json_bytes(rs, 200, body, n);
}

const struct route enrich_routes[] = {
	{"POST", "/v1/enrich", enrich_all, 1, "enrich"},
	{"POST", "/v1/entities", enrich_entities, 1, "entities"},
	{"POST", "/v1/quotes", enrich_quotes, 1, "quotes"},
	{"POST", "/v1/claims", enrich_claims, 1, "claims"},
	{"POST", "/v1/enrich/batch", enrich_batch, 1, "batch"},
	{0},
};
