/* Health and description endpoints for load balancers and people:
 * /healthz, /readyz, /version, /openapi.json. They never need auth. */
#include <stdlib.h>
#include <string.h>

#include "enricher/handler.h"

static void health_live(const struct hreq *rq, struct hresp *rs)
{
	handler_json(rs, 200, json_pack("{s:s}", "status", "ok"));
	rs->cache_control = "no-store";
}

static void health_ready(const struct hreq *rq, struct hresp *rs)
{
	const struct service *s = rq->svc;
	if (atomic_load(&s->draining))
		handler_json(rs, 503, json_pack("{s:s}", "status", "draining"));
	else if (!atomic_load(&s->ready) || !s->res)
		handler_json(rs, 503, json_pack("{s:s}", "status", "loading"));
	else
		handler_json(rs, 200, json_pack("{s:s}", "status", "ready"));
	rs->cache_control = "no-store";
}

static void health_version(const struct hreq *rq, struct hresp *rs)
{
	handler_json(rs, 200,
		     json_pack("{s:s,s:s,s:s,s:s}", "name", "enricher", "version",
			       ENRICHER_VERSION, "commit", ENRICHER_COMMIT, "built",
			       __DATE__ " " __TIME__));
}

static void health_openapi(const struct hreq *rq, struct hresp *rs)
{
	const struct resources *res = rq->svc->res;
	if (!res || !res->openapi) {
		handler_error(rs, 503, "loading", "the service is still loading", -1);
		return;
	}
	rs->status = 200;
	rs->content_type = "application/json";
	rs->body = malloc(res->openapi_len + 1);
	if (!rs->body) {
		handler_error(rs, 503, "overloaded", "out of memory", -1);
		return;
	}
	memcpy(rs->body, res->openapi, res->openapi_len + 1);
	rs->body_len = res->openapi_len;
}

const struct route health_routes[] = {
	{"GET", "/healthz", health_live, 0, "healthz"},
	{"GET", "/readyz", health_ready, 0, "readyz"},
	{"GET", "/version", health_version, 0, "version"},
	{"GET", "/openapi.json", health_openapi, 0, "openapi"},
	{0},
};
