/* What a handler sees and fills: a parsed request and a response, with no
 * HTTP library in sight (server/http.c alone knows libmicrohttpd). That is
 * what lets `enricher analyze` and the tests call the same code. */
#ifndef ENRICHER_HANDLER_H
#define ENRICHER_HANDLER_H

#include <stdatomic.h>
#include <stddef.h>

#include <jansson.h>

#include "enricher/arena.h"
#include "enricher/resources.h"

/* Process-wide state the handlers read; owned by main. */
struct service {
	const struct resources *res;   /* NULL while loading */
	atomic_int ready;              /* resources loaded */
	atomic_int draining;           /* SIGTERM seen */
	const char *version;
	const char *config_dir;        /* where www/, lexicons/ ... live (borrowed from the config) */
};

struct hreq {
	const char *method;
	const char *path;
	const char *content_type;      /* may be NULL */
	const char *body;              /* NUL-terminated; may be "" */
	size_t body_len;
	const char *request_id;
	struct arena *arena;           /* per request; owns everything the handler makes */
	const struct service *svc;
};

struct hresp {
	int status;
	const char *content_type;      /* static string */
	char *body;                    /* malloc'd; the server frees it */
	size_t body_len;
	const char *cache_control;     /* static string or NULL */
	const char *csp;               /* Content-Security-Policy, static string or NULL */
};

typedef void (*handler_fn)(const struct hreq *rq, struct hresp *rs);

struct route {
	const char *method;            /* "GET", "POST" */
	const char *path;              /* exact path */
	handler_fn fn;
	int auth;                      /* 1: bearer token required when configured */
	const char *name;              /* metrics label */
};

/* Route tables exported by each handler module, ended by a zeroed entry. */
extern const struct route health_routes[];
extern const struct route enrich_routes[];
extern const struct route page_routes[];

/* Sets rs to the JSON value (stolen) with the status. */
void handler_json(struct hresp *rs, int status, json_t *v);

/* Sets rs to JSON already rendered: body[0..len) is malloc'd and now the
 * response's (jsonw_finish's result); NULL answers 500 out of memory. */
void handler_json_bytes(struct hresp *rs, int status, char *body, size_t len);

/* Sets rs to {"error":{"code","message"[,"offset"]}}; offset < 0 omits it. */
void handler_error(struct hresp *rs, int status, const char *code, const char *message,
		   long offset);

#endif
