/* The analysis pipeline for one article, in dependency order. */
#include "enricher/analyze.h"

#include <string.h>
#include <time.h>

static long long now_us(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

static int fail(struct article_error *e, const struct enr_error *err)
{
	e->offset = -1;
	if (err->code == ENR_ETOOBIG) {
		e->status = 413;
		e->code = "text_too_large";
	} else if (err->code == ENR_ENOMEM) {
		e->status = 413;
		e->code = "analysis_too_large";
	} else {
		e->status = 500;
		e->code = "internal";
	}
	snprintf(e->message, sizeof e->message, "%s", err->message);
	return -1;
}

int analyze_article(const struct resources *res, struct arena *arena,
		    const struct article *a, json_t **out, struct article_error *e)
{
	long long t0 = now_us();
	struct enr_error err;
	enr_error_clear(&err);
	struct text_doc doc;
	struct text_limits lim = {.max_tokens = res->limits.max_tokens};
	if (text_analyze(arena, a->text, a->text_len, &lim, &doc, &err))
		return fail(e, &err);
	struct entity_list el;
	struct quote_list ql;
	struct claim_list cl;
	memset(&el, 0, sizeof el);
	memset(&ql, 0, sizeof ql);
	memset(&cl, 0, sizeof cl);
	/* quotes need entities and claims need both, whatever the client includes */
	if (entities_find(res->entities, arena, &doc, &el, &err))
		return fail(e, &err);
	if ((a->include & (ART_QUOTES | ART_CLAIMS)) &&
	    quotes_find(res->quotes, arena, &doc, &el, &ql, &err))
		return fail(e, &err);
	struct claims_input cin = {.published = a->published};
	if ((a->include & ART_CLAIMS) &&
	    claims_find(res->claims, arena, &doc, &el, &ql, &cin, &cl, &err))
		return fail(e, &err);

	json_t *o = json_object();
	if (a->id)
		json_object_set(o, "id", a->id);
	if (a->url)
		json_object_set_new(o, "url", json_string(a->url));
	if (a->fetched)  /* the offsets index this text, which the client never had */
		json_object_set_new(o, "text", json_stringn(a->text, a->text_len));
	if (a->title)
		json_object_set_new(o, "title", json_string(a->title));
	if (a->published)
		json_object_set_new(o, "published", json_string(a->published));
	json_object_set_new(o, "language", json_string("en"));
	if (a->include & ART_ENTITIES)
		json_object_set_new(o, "entities", entities_render(&el, &doc, a->unit));
	if (a->include & ART_QUOTES)
		json_object_set_new(o, "quotes", quotes_render(&ql, &el, &doc, a->unit));
	if (a->include & ART_CLAIMS)
		json_object_set_new(o, "claims", claims_render(&cl, &el, &ql, &doc, a->unit));
	json_t *stats = json_pack("{s:I,s:I,s:I,s:I,s:I}", "chars", (json_int_t)doc.nchars,
				  "words", (json_int_t)doc.nwords, "sentences",
				  (json_int_t)doc.nsent, "paragraphs", (json_int_t)doc.npara,
				  "elapsed_us", (json_int_t)(now_us() - t0));
	json_object_set_new(o, "stats", stats);
	*out = o;
	return 0;
}
