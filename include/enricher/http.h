/* The HTTP server: libmicrohttpd glue, routing, body accumulation with a
 * cap, auth, request ids, access logs and metrics. The only module that
 * includes microhttpd.h. */
#ifndef ENRICHER_HTTP_H
#define ENRICHER_HTTP_H

#include "enricher/config.h"
#include "enricher/error.h"
#include "enricher/handler.h"

struct http_server;

/* Starts listening with cfg's limits; handlers read svc, which must outlive
 * the server. The listener answers /healthz at once and /readyz 503 until
 * svc->ready. */
int http_start(const struct config *cfg, struct service *svc, struct http_server **out,
	       struct enr_error *err);

/* The port actually bound (useful with port 0). */
int http_port(const struct http_server *h);

/* Stops accepting new connections; connections open keep being served. */
void http_quiesce(struct http_server *h);

/* Requests being received or analysed now. */
long http_inflight(const struct http_server *h);

/* Closes every connection and frees the server; accepts NULL. */
void http_stop(struct http_server *h);

#endif
