/* Response helpers shared by the handler modules. */
#include "enricher/handler.h"

#include <stdlib.h>
#include <string.h>

void handler_json_bytes(struct hresp *rs, int status, char *body, size_t len)
{
	rs->status = status;
	rs->content_type = "application/json";
	rs->body = body;
	rs->body_len = len;
	if (!rs->body) {
		/* rendering only fails on OOM: answer something valid anyway */
		rs->status = 500;
		rs->body = strdup("{\"error\":{\"code\":\"internal\",\"message\":\"out of memory\"}}");
		rs->body_len = rs->body ? strlen(rs->body) : 0;
	}
}

void handler_json(struct hresp *rs, int status, json_t *v)
{
	char *body = v ? json_dumps(v, JSON_COMPACT) : NULL;
	json_decref(v);
	handler_json_bytes(rs, status, body, body ? strlen(body) : 0);
}

void handler_error(struct hresp *rs, int status, const char *code, const char *message,
		   long offset)
{
	json_t *err = json_pack("{s:s,s:s}", "code", code, "message", message);
	if (!err)  /* a message that is not valid UTF-8 must not turn a 4xx into a 500 */
		err = json_pack("{s:s,s:s}", "code", code, "message",
				"the request could not be processed (details not printable)");
	if (err && offset >= 0)
		json_object_set_new(err, "offset", json_integer(offset));
	handler_json(rs, status, err ? json_pack("{s:o}", "error", err) : NULL);
	rs->cache_control = "no-store";
}
