/* The analysis pipeline for one article, in dependency order. */
#include "enricher/analyze.h"

#include <stdlib.h>
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

/* The request's "id" as it came: a string or an integer (article_from_json
 * takes no other), anything else as jansson dumps it. */
static void write_id(struct jsonw *w, json_t *id)
{
	if (json_is_string(id)) {
		jsonw_string(w, json_string_value(id), json_string_length(id));
	} else if (json_is_integer(id)) {
		jsonw_int(w, (long long)json_integer_value(id));
	} else {
		char *s = json_dumps(id, JSON_COMPACT | JSON_ENCODE_ANY);
		if (s)
			jsonw_raw(w, s, strlen(s));
		free(s);
	}
}

int analyze_article(const struct resources *res, struct arena *arena,
		    const struct article *a, struct jsonw *w, struct article_error *e)
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

	/* Nothing is written before this point, so a failure above leaves w
	 * as it was (the batch appends its error item instead). */
	jsonw_object_begin(w);
	if (a->id) {
		jsonw_key(w, "id");
		write_id(w, a->id);
	}
	if (a->url) {
		jsonw_key(w, "url");
		jsonw_str(w, a->url);
	}
	if (a->fetched) {  /* the offsets index this text, which the client never had */
		jsonw_key(w, "text");
		jsonw_string(w, a->text, a->text_len);
	}
	if (a->title) {
		jsonw_key(w, "title");
		jsonw_str(w, a->title);
	}
	if (a->published) {
		jsonw_key(w, "published");
		jsonw_str(w, a->published);
	}
	jsonw_key(w, "language");
	jsonw_string(w, "en", 2);
	if (a->include & ART_ENTITIES) {
		jsonw_key(w, "entities");
		entities_render(w, &el, &doc, a->unit);
	}
	if (a->include & ART_QUOTES) {
		jsonw_key(w, "quotes");
		quotes_render(w, &ql, &el, &doc, a->unit);
	}
	if (a->include & ART_CLAIMS) {
		jsonw_key(w, "claims");
		claims_render(w, &cl, &el, &ql, &doc, a->unit);
	}
	jsonw_key(w, "stats");
	jsonw_object_begin(w);
	jsonw_key(w, "chars");
	jsonw_int(w, (long long)doc.nchars);
	jsonw_key(w, "words");
	jsonw_int(w, (long long)doc.nwords);
	jsonw_key(w, "sentences");
	jsonw_int(w, (long long)doc.nsent);
	jsonw_key(w, "paragraphs");
	jsonw_int(w, (long long)doc.npara);
	jsonw_key(w, "elapsed_us");
	jsonw_int(w, now_us() - t0);  /* analysis and rendering but these last bytes */
	jsonw_object_end(w);
	jsonw_object_end(w);
	return 0;
}
