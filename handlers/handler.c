/* Response helpers shared by the handler modules. */
#include "enricher/handler.h"

#include <stdlib.h>
#include <string.h>

void handler_json(struct hresp *rs, int status, json_t *v)
{
	rs->status = status;
	rs->content_type = "application/json";
	rs->body = v ? json_dumps(v, JSON_COMPACT | JSON_ENSURE_ASCII * 0) : NULL;
	json_decref(v);
	if (!rs->body) {
		/* json_dumps only fails on OOM: answer something valid anyway */
		rs->status = 500;
		rs->body = strdup("{\"error\":{\"code\":\"internal\",\"message\":\"out of memory\"}}");
	}
	rs->body_len = rs->body ? strlen(rs->body) : 0;
}

void handler_error(struct hresp *rs, int status, const char *code, const char *message,
		   long offset)
{
	json_t *err = json_pack("{s:s,s:s}", "code", code, "message", message);
	if (err && offset >= 0)
		json_object_set_new(err, "offset", json_integer(offset));
	handler_json(rs, status, json_pack("{s:o}", "error", err));
	rs->cache_control = "no-store";
}
