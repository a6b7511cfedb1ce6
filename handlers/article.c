/* Request parsing and validation: JSON body or plain text -> struct article. */
#include "enricher/article.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "enricher/fetch.h"

static int art_fail(struct article_error *e, int status, const char *code, long offset,
		    const char *fmt, ...) __attribute__((format(printf, 5, 6)));

static int art_fail(struct article_error *e, int status, const char *code, long offset,
		    const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(e->message, sizeof e->message, fmt, ap);
	va_end(ap);
	e->status = status;
	e->code = code;
	e->offset = offset;
	return -1;
}

long article_json_depth_exceeded(const char *s, size_t n, size_t max_depth)
{
	size_t depth = 0;
	int in_str = 0;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (in_str) {
			if (c == '\\')
				i++;
			else if (c == '"')
				in_str = 0;
		} else if (c == '"') {
			in_str = 1;
		} else if (c == '{' || c == '[') {
			if (++depth > max_depth)
				return (long)i;
		} else if ((c == '}' || c == ']') && depth > 0) {
			depth--;
		}
	}
	return -1;
}

int article_is_json_type(const char *ct)
{
	if (!ct)
		return 0;
	size_t n = strcspn(ct, ";");
	while (n > 0 && isspace((unsigned char)ct[n - 1]))
		n--;
	if (n == 16 && !strncasecmp(ct, "application/json", 16))
		return 1;
	return n > 17 && !strncasecmp(ct, "application/", 12) &&
	       !strncasecmp(ct + n - 5, "+json", 5);
}

static int is_date(const char *s)
{
	/* YYYY-MM-DD, or a longer ISO timestamp starting with one */
	if (strlen(s) < 10)
		return 0;
	for (int i = 0; i < 10; i++) {
		if (i == 4 || i == 7) {
			if (s[i] != '-')
				return 0;
		} else if (!isdigit((unsigned char)s[i])) {
			return 0;
		}
	}
	int m = (s[5] - '0') * 10 + (s[6] - '0'), d = (s[8] - '0') * 10 + (s[9] - '0');
	return m >= 1 && m <= 12 && d >= 1 && d <= 31 && (s[10] == '\0' || s[10] == 'T' || s[10] == ' ');
}

static int optional_string(json_t *obj, const char *key, const char **out,
			   struct article_error *e)
{
	json_t *v = json_object_get(obj, key);
	*out = NULL;
	if (!v || json_is_null(v))
		return 0;
	if (!json_is_string(v))
		return art_fail(e, 400, "invalid_field", -1, "\"%s\" must be a string", key);
	*out = json_string_value(v);
	return 0;
}

static int parse_include(json_t *v, unsigned *out, struct article_error *e)
{
	if (!json_is_array(v))
		return art_fail(e, 400, "invalid_field", -1,
				"\"include\" must be an array of \"entities\", \"quotes\", \"claims\"");
	unsigned inc = 0;
	size_t i;
	json_t *x;
	json_array_foreach(v, i, x) {
		const char *s = json_string_value(x);
		if (s && !strcmp(s, "entities"))
			inc |= ART_ENTITIES;
		else if (s && !strcmp(s, "quotes"))
			inc |= ART_QUOTES;
		else if (s && !strcmp(s, "claims"))
			inc |= ART_CLAIMS;
		else
			return art_fail(e, 400, "invalid_field", -1,
					"\"include\"[%zu] must be \"entities\", \"quotes\" or \"claims\"", i);
	}
	*out = inc;
	return 0;
}

static int check_text(const char *text, size_t len, const char *what, struct article_error *e)
{
	size_t bad;
	if (text_utf8_check(text, len, &bad))
		return art_fail(e, 400, "invalid_utf8", (long)bad,
				"%s is not valid UTF-8 at byte %zu", what, bad);
	return 0;
}

static int fetch_into(const struct resources *res, struct arena *arena, struct article *a,
		      struct article_error *e)
{
	struct fetched_article fa;
	memset(&fa, 0, sizeof fa);
	int status = 502;
	const char *code = "upstream_error";
	struct enr_error err;
	enr_error_clear(&err);
	if (fetch_article(&res->fetch, a->url, arena, &fa, &status, &code, &err))
		return art_fail(e, status, code, -1, "%s", err.message);
	if (check_text(fa.text, fa.len, "the fetched article", e))
		return -1;
	a->text = fa.text;
	a->text_len = fa.len;
	a->fetched = 1;
	if (!a->title && fa.title)
		a->title = fa.title;
	if (!a->published && fa.published)
		a->published = fa.published;
	return 0;
}

int article_from_json(const struct resources *res, struct arena *arena, json_t *obj,
		      unsigned default_include, struct article *a, struct article_error *e)
{
	memset(a, 0, sizeof *a);
	a->include = default_include;
	a->unit = TEXT_UNIT_CODEPOINT;
	if (!json_is_object(obj))
		return art_fail(e, 400, "invalid_request", -1,
				"the request must be a JSON object with \"text\" or \"url\"");
	json_t *id = json_object_get(obj, "id");
	if (id && !json_is_null(id)) {
		if (!json_is_string(id) && !json_is_integer(id))
			return art_fail(e, 400, "invalid_field", -1,
					"\"id\" must be a string or an integer");
		a->id = id;
	}
	if (optional_string(obj, "title", &a->title, e) ||
	    optional_string(obj, "published", &a->published, e) ||
	    optional_string(obj, "url", &a->url, e))
		return -1;
	if (a->published && !*a->published)
		a->published = NULL;  /* a CMS sends "" for "no date": take it as absent */
	if (a->published && !is_date(a->published))
		return art_fail(e, 400, "invalid_field", -1,
				"\"published\" must be a date, YYYY-MM-DD");
	json_t *inc = json_object_get(obj, "include");
	if (inc && !json_is_null(inc) && parse_include(inc, &a->include, e))
		return -1;
	const char *unit = NULL;
	if (optional_string(obj, "offsets", &unit, e))
		return -1;
	if (unit) {
		int u = text_unit_parse(unit);
		if (u < 0)
			return art_fail(e, 400, "invalid_field", -1,
					"\"offsets\" must be \"codepoint\", \"utf16\" or \"utf8\"");
		a->unit = (enum text_unit)u;
	}
	json_t *text = json_object_get(obj, "text");
	if (text && !json_is_null(text)) {
		if (!json_is_string(text))
			return art_fail(e, 400, "invalid_field", -1, "\"text\" must be a string");
		a->text = json_string_value(text);
		a->text_len = json_string_length(text);
		if (strlen(a->text) != a->text_len)
			return art_fail(e, 400, "invalid_field", -1, "\"text\" must not contain NUL");
		return check_text(a->text, a->text_len, "\"text\"", e);
	}
	if (!a->url)
		return art_fail(e, 400, "missing_field", -1,
				"the request needs \"text\" (the article) or \"url\"");
	return fetch_into(res, arena, a, e);
}

int article_parse_body(const struct resources *res, struct arena *arena,
		       const char *content_type, const char *body, size_t len,
		       unsigned default_include, struct article *a, json_t **root,
		       struct article_error *e)
{
	*root = NULL;
	int is_text = content_type && !strncasecmp(content_type, "text/plain", 10);
	int is_json = article_is_json_type(content_type);
	/* curl -d sends form-urlencoded; a body that is plainly JSON is taken as JSON */
	if (!is_text && !is_json) {
		int form = content_type &&
			   !strncasecmp(content_type, "application/x-www-form-urlencoded", 33);
		size_t k = 0;
		while (k < len && isspace((unsigned char)body[k]))
			k++;
		if ((form || !content_type) && k < len && body[k] == '{')
			is_json = 1;
		else
			return art_fail(e, 415, "unsupported_media_type", -1,
					"send Content-Type: application/json (or text/plain for bare text), not %s",
					content_type ? content_type : "none");
	}
	if (is_text) {
		memset(a, 0, sizeof *a);
		a->include = default_include;
		a->unit = TEXT_UNIT_CODEPOINT;
		a->text = body;
		a->text_len = len;
		if (strlen(body) != len)
			return art_fail(e, 400, "invalid_text", (long)strlen(body),
					"the text contains a NUL byte at %zu", strlen(body));
		return check_text(body, len, "the body", e);
	}
	long deep = article_json_depth_exceeded(body, len, res->limits.max_json_depth);
	if (deep >= 0)
		return art_fail(e, 400, "invalid_json", deep,
				"JSON nested deeper than %zu levels at byte %ld",
				res->limits.max_json_depth, deep);
	size_t bad;
	if (text_utf8_check(body, len, &bad) && body[bad] != '\0')
		return art_fail(e, 400, "invalid_utf8", (long)bad,
				"the body is not valid UTF-8 at byte %zu", bad);
	json_error_t je;
	json_t *v = json_loadb(body, len, JSON_REJECT_DUPLICATES, &je);
	if (!v)
		return art_fail(e, 400, "invalid_json", je.position,
				"invalid JSON at byte %d (line %d, column %d): %s", je.position,
				je.line, je.column, je.text);
	*root = v;
	return article_from_json(res, arena, v, default_include, a, e);
}
