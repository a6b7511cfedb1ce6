/* libmicrohttpd glue. A request is answered from the final access-handler
 * call (after the whole body), never the first, so keep-alive survives; a
 * body over the cap is answered 413 as soon as it is known, and the
 * connection is then closed without reading the rest. */
#include "enricher/http.h"

#include <arpa/inet.h>
#include <ctype.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "enricher/log.h"
#include "enricher/metrics.h"

#define HTTP_MAX_ROUTES 32
#define HTTP_MAX_TOKENS 16

struct http_route {
	struct route r;
	int metric;
};

struct http_server {
	struct MHD_Daemon *d;
	struct service *svc;
	const struct config *cfg;
	struct http_route routes[HTTP_MAX_ROUTES];
	size_t nroutes;
	char *tokens[HTTP_MAX_TOKENS];
	size_t ntokens;
	int port;
	int log_requests;
	atomic_ulong next_id;
	unsigned long id_salt;
};

/* Per request, owned by libmicrohttpd's con_cls slot. */
struct http_req {
	const struct http_route *route;
	int metric;
	int early_status;          /* decided before the body: 404, 405, 401, 413, 415, 503 */
	const char *early_code;
	const char *early_msg;
	char *body;
	size_t len, cap;
	size_t bytes_in, bytes_out;
	int status;
	int counted;               /* in the in-flight gauge */
	int over_cap;              /* chunked body past the cap: discarding the rest */
	struct timespec t0;
	char id[72];
	char method[8];
	char path[160];
};

static double http_elapsed(const struct timespec *t0)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)(t.tv_sec - t0->tv_sec) + (double)(t.tv_nsec - t0->tv_nsec) / 1e9;
}

/* Accepts a client's X-Request-Id when it is short and printable. */
static void http_request_id(struct http_server *h, struct MHD_Connection *c, struct http_req *q)
{
	const char *v = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "X-Request-Id");
	if (v) {
		size_t n = strlen(v), i;
		for (i = 0; i < n; i++)
			if (!isgraph((unsigned char)v[i]) || v[i] == '"' || v[i] == '\\')
				break;
		if (n > 0 && n < sizeof q->id && i == n) {
			memcpy(q->id, v, n + 1);
			return;
		}
	}
	unsigned long k = atomic_fetch_add(&h->next_id, 1);
	snprintf(q->id, sizeof q->id, "%08lx-%06lx", h->id_salt & 0xffffffffUL, k & 0xffffffUL);
}

/* Constant-time comparison: the time does not depend on where they differ. */
static int http_token_eq(const char *a, size_t an, const char *b)
{
	size_t bn = strlen(b);
	unsigned char diff = (unsigned char)(an != bn);
	for (size_t i = 0; i < bn; i++)
		diff |= (unsigned char)(b[i] ^ (i < an ? a[i] : 0));
	return diff == 0;
}

static int http_authorized(const struct http_server *h, struct MHD_Connection *c)
{
	if (h->ntokens == 0)
		return 1;
	const char *v = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Authorization");
	if (!v || strncasecmp(v, "Bearer ", 7) != 0)
		return 0;
	v += 7;
	while (*v == ' ')
		v++;
	size_t n = strlen(v);
	int ok = 0;
	for (size_t i = 0; i < h->ntokens; i++)
		ok |= http_token_eq(v, n, h->tokens[i]);
	return ok;
}

static const struct http_route *http_find(const struct http_server *h, const char *path,
					  const char *method, int *wrong_method, char *allow,
					  size_t allow_n)
{
	*wrong_method = 0;
	allow[0] = '\0';
	for (size_t i = 0; i < h->nroutes; i++) {
		if (strcmp(h->routes[i].r.path, path) != 0)
			continue;
		const char *m = h->routes[i].r.method;
		if (!strcmp(m, method) || (!strcmp(method, "HEAD") && !strcmp(m, "GET")))
			return &h->routes[i];
		*wrong_method = 1;
		size_t k = strlen(allow);
		snprintf(allow + k, allow_n - k, "%s%s%s", k ? ", " : "", m,
			 !strcmp(m, "GET") ? ", HEAD" : "");
	}
	return NULL;
}

static enum MHD_Result http_send(struct http_server *h, struct MHD_Connection *c,
				 struct http_req *q, struct hresp *rs, const char *allow)
{
	if (!rs->body) {
		rs->body = strdup("");
		rs->body_len = 0;
	}
	struct MHD_Response *r = MHD_create_response_from_buffer(rs->body_len, rs->body,
								 MHD_RESPMEM_MUST_FREE);
	if (!r) {
		free(rs->body);
		return MHD_NO;
	}
	MHD_add_response_header(r, "Content-Type",
				rs->content_type ? rs->content_type : "application/json");
	MHD_add_response_header(r, "X-Request-Id", q->id);
	MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
	if (rs->csp)
		MHD_add_response_header(r, "Content-Security-Policy", rs->csp);
	if (rs->cache_control)
		MHD_add_response_header(r, "Cache-Control", rs->cache_control);
	if (allow && *allow)
		MHD_add_response_header(r, "Allow", allow);
	if (rs->status == 401)
		MHD_add_response_header(r, "WWW-Authenticate", "Bearer realm=\"enricher\"");
	if (rs->status == 503)
		MHD_add_response_header(r, "Retry-After", "1");
	if (atomic_load(&h->svc->draining))
		MHD_add_response_header(r, "Connection", "close");
	q->status = rs->status;
	q->bytes_out = rs->body_len;
	enum MHD_Result ret = MHD_queue_response(c, (unsigned)rs->status, r);
	MHD_destroy_response(r);
	return ret;
}

static enum MHD_Result http_send_error(struct http_server *h, struct MHD_Connection *c,
				       struct http_req *q, int status, const char *code,
				       const char *msg, const char *allow)
{
	struct hresp rs = {0};
	handler_error(&rs, status, code, msg, -1);
	return http_send(h, c, q, &rs, allow);
}

static void http_metrics(const struct hreq *rq, struct hresp *rs)
{
	size_t n = 0;
	rs->body = metrics_render(&n);
	rs->body_len = n;
	rs->status = rs->body ? 200 : 500;
	rs->content_type = "text/plain; version=0.0.4";
	rs->cache_control = "no-store";
}

/* Runs the handler of a fully received request. */
static enum MHD_Result http_dispatch(struct http_server *h, struct MHD_Connection *c,
				     struct http_req *q, const char *method, const char *path)
{
	struct arena *a = arena_new((size_t)h->cfg->max_arena_bytes);
	if (!a)
		return http_send_error(h, c, q, 503, "overloaded", "out of memory", NULL);
	struct hreq rq = {
		.method = method,
		.path = path,
		.content_type = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Content-Type"),
		.body = q->body ? q->body : "",
		.body_len = q->len,
		.request_id = q->id,
		.arena = a,
		.svc = h->svc,
	};
	struct hresp rs = {0};
	q->route->r.fn(&rq, &rs);
	arena_free(a);
	if (rs.status >= 500 && rs.status != 502 && rs.status != 503 && rs.status != 504)
		log_event(LOG_ERROR, "internal error",
			  json_pack("{s:s,s:s,s:i}", "request_id", q->id, "path", path, "status",
				    rs.status));
	return http_send(h, c, q, &rs, NULL);
}

static enum MHD_Result http_access(void *cls, struct MHD_Connection *c, const char *url,
				   const char *method, const char *version,
				   const char *upload_data, size_t *upload_data_size,
				   void **con_cls)
{
	struct http_server *h = cls;
	struct http_req *q = *con_cls;
	if (!q) {
		q = calloc(1, sizeof *q);
		if (!q)
			return MHD_NO;
		*con_cls = q;
		clock_gettime(CLOCK_MONOTONIC, &q->t0);
		http_request_id(h, c, q);
		snprintf(q->method, sizeof q->method, "%s", method);
		snprintf(q->path, sizeof q->path, "%s", url);
		metrics_inflight(1);
		q->counted = 1;
		int wrong;
		char allow[64];
		q->route = http_find(h, url, method, &wrong, allow, sizeof allow);
		q->metric = q->route ? q->route->metric : metrics_route_other();
		if (!q->route) {
			q->early_status = wrong ? 405 : 404;
			q->early_code = wrong ? "method_not_allowed" : "not_found";
			q->early_msg = wrong ? "this path takes another method: see Allow"
					     : "no such endpoint: see GET /openapi.json";
		} else if (q->route->r.auth && !http_authorized(h, c)) {
			q->early_status = 401;
			q->early_code = "unauthorized";
			q->early_msg = "send Authorization: Bearer <token>";
		} else if (q->route->r.auth && !atomic_load(&h->svc->ready)) {
			q->early_status = 503;
			q->early_code = "loading";
			q->early_msg = "the service is still loading its models; retry shortly";
		} else if (q->route->r.auth &&
			   metrics_inflight_now() > h->cfg->max_inflight) {
			q->early_status = 503;
			q->early_code = "overloaded";
			q->early_msg = "too many requests in flight; retry shortly";
		}
		/* a declared length over the cap is refused before reading it */
		const char *cl = MHD_lookup_connection_value(c, MHD_HEADER_KIND,
							     MHD_HTTP_HEADER_CONTENT_LENGTH);
		if (cl) {
			char *end;
			unsigned long long n = strtoull(cl, &end, 10);
			if (*end == '\0' && n > (unsigned long long)h->cfg->max_body_bytes) {
				char msg[128];
				snprintf(msg, sizeof msg, "the body is over the %ld-byte cap",
					 h->cfg->max_body_bytes);
				return http_send_error(h, c, q, 413, "body_too_large", msg, NULL);
			}
		}
		return MHD_YES;
	}
	if (*upload_data_size > 0) {
		size_t n = *upload_data_size;
		*upload_data_size = 0;
		q->bytes_in += n;
		if (q->early_status || q->status)
			return MHD_YES;  /* discard: the answer is already decided */
		if (q->over_cap || q->len + n > (size_t)h->cfg->max_body_bytes) {
			/* A body of unannounced length is read to its end and dropped so
			 * the 413 reaches the client (closing with unread data would reset
			 * the connection and lose the answer), but only up to 4 times the
			 * cap: past that the connection is cut. */
			if (!q->over_cap) {
				free(q->body);
				q->body = NULL;
				q->len = q->cap = 0;
				q->over_cap = 1;
			}
			return q->bytes_in > 4 * (size_t)h->cfg->max_body_bytes ? MHD_NO : MHD_YES;
		}
		if (q->len + n + 1 > q->cap) {
			size_t ncap = q->cap ? q->cap : 4096;
			while (ncap < q->len + n + 1)
				ncap *= 2;
			if (ncap > (size_t)h->cfg->max_body_bytes + 1)
				ncap = (size_t)h->cfg->max_body_bytes + 1;
			char *nb = realloc(q->body, ncap);
			if (!nb)
				return http_send_error(h, c, q, 503, "overloaded", "out of memory", NULL);
			q->body = nb;
			q->cap = ncap;
		}
		memcpy(q->body + q->len, upload_data, n);
		q->len += n;
		q->body[q->len] = '\0';
		return MHD_YES;
	}
	if (q->status)
		return MHD_YES;  /* already answered (413 during upload) */
	if (q->over_cap) {
		char msg[128];
		snprintf(msg, sizeof msg, "the body is over the %ld-byte cap", h->cfg->max_body_bytes);
		return http_send_error(h, c, q, 413, "body_too_large", msg, NULL);
	}
	if (q->early_status) {
		char allow[64] = "";
		int wrong;
		if (q->early_status == 405)
			http_find(h, url, method, &wrong, allow, sizeof allow);
		return http_send_error(h, c, q, q->early_status, q->early_code, q->early_msg,
				       allow);
	}
	return http_dispatch(h, c, q, method, url);
}

static void http_completed(void *cls, struct MHD_Connection *c, void **con_cls,
			   enum MHD_RequestTerminationCode toe)
{
	struct http_server *h = cls;
	struct http_req *q = *con_cls;
	if (!q)
		return;
	double secs = http_elapsed(&q->t0);
	int status = q->status ? q->status : 499;  /* client went away before an answer */
	metrics_observe(q->metric, status, secs, q->bytes_in, q->bytes_out);
	if (q->counted)
		metrics_inflight(-1);
	if (h->log_requests && (status != 200 || strcmp(q->path, "/healthz") != 0) &&
	    strcmp(q->path, "/readyz") != 0 && log_enabled(status >= 500 ? LOG_ERROR : LOG_INFO))
		log_event(status >= 500 && status != 503 ? LOG_ERROR : LOG_INFO, "request",
			  json_pack("{s:s,s:s,s:s,s:i,s:I,s:I,s:I}", "request_id", q->id,
				    "method", q->method, "path", q->path, "status", status,
				    "bytes_in", (json_int_t)q->bytes_in, "bytes_out",
				    (json_int_t)q->bytes_out, "duration_us",
				    (json_int_t)(secs * 1e6)));
	free(q->body);
	free(q);
	*con_cls = NULL;
}

static int http_add_routes(struct http_server *h, const struct route *rs)
{
	for (; rs->path; rs++) {
		if (h->nroutes >= HTTP_MAX_ROUTES)
			return -1;
		h->routes[h->nroutes].r = *rs;
		h->routes[h->nroutes].metric = metrics_add_route(rs->name);
		h->nroutes++;
	}
	return 0;
}

static void http_parse_tokens(struct http_server *h, const char *s)
{
	while (s && *s && h->ntokens < HTTP_MAX_TOKENS) {
		while (*s == ',' || *s == ' ')
			s++;
		size_t n = strcspn(s, ", ");
		if (n)
			h->tokens[h->ntokens++] = strndup(s, n);
		s += n;
	}
}

static void http_mhd_log(void *cls, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));
static void http_mhd_log(void *cls, const char *fmt, va_list ap)
{
	char msg[512];
	vsnprintf(msg, sizeof msg, fmt, ap);
	size_t n = strlen(msg);
	while (n && (msg[n - 1] == '\n' || msg[n - 1] == '\r'))
		msg[--n] = '\0';
	log_event(LOG_DEBUG, msg, json_pack("{s:s}", "source", "libmicrohttpd"));
}

int http_start(const struct config *cfg, struct service *svc, struct http_server **out,
	       struct enr_error *err)
{
	static const struct route server_routes[] = {
		{"GET", "/metrics", http_metrics, 0, "metrics"},
		{0},
	};
	*out = NULL;
	struct http_server *h = calloc(1, sizeof *h);
	if (!h)
		return enr_error_set(err, ENR_ENOMEM, "out of memory");
	h->svc = svc;
	h->cfg = cfg;
	h->log_requests = (int)cfg->log_requests;
	h->id_salt = (unsigned long)time(NULL) ^ ((unsigned long)getpid() << 16);
	if (http_add_routes(h, health_routes) || http_add_routes(h, server_routes) ||
	    http_add_routes(h, enrich_routes) || http_add_routes(h, page_routes)) {
		free(h);
		return enr_error_set(err, ENR_EINVAL, "too many routes");
	}
	metrics_route_other();
	http_parse_tokens(h, cfg->auth_tokens);

	struct sockaddr_storage ss;
	memset(&ss, 0, sizeof ss);
	socklen_t sl;
	unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_ITC |
			 MHD_USE_ERROR_LOG;
	struct sockaddr_in *s4 = (struct sockaddr_in *)&ss;
	struct sockaddr_in6 *s6 = (struct sockaddr_in6 *)&ss;
	if (inet_pton(AF_INET, cfg->host, &s4->sin_addr) == 1) {
		s4->sin_family = AF_INET;
		s4->sin_port = htons((uint16_t)cfg->port);
		sl = sizeof *s4;
	} else if (inet_pton(AF_INET6, cfg->host, &s6->sin6_addr) == 1) {
		s6->sin6_family = AF_INET6;
		s6->sin6_port = htons((uint16_t)cfg->port);
		sl = sizeof *s6;
		flags |= MHD_USE_IPv6;
	} else {
		free(h);
		return enr_error_set(err, ENR_EINVAL, "host \"%s\" is not an IPv4 or IPv6 address",
				     cfg->host);
	}
	(void)sl;
	long threads = cfg->threads > 0 ? cfg->threads : sysconf(_SC_NPROCESSORS_ONLN);
	if (threads < 1)
		threads = 1;
	h->d = MHD_start_daemon(
		flags, (uint16_t)cfg->port, NULL, NULL, http_access, h,
		MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&ss,
		MHD_OPTION_THREAD_POOL_SIZE, (unsigned)threads,
		MHD_OPTION_CONNECTION_LIMIT, (unsigned)cfg->max_connections,
		MHD_OPTION_PER_IP_CONNECTION_LIMIT, (unsigned)cfg->per_ip_connections,
		MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)cfg->connection_timeout,
		MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)cfg->connection_memory,
		MHD_OPTION_LISTEN_BACKLOG_SIZE, (unsigned)256,
		MHD_OPTION_NOTIFY_COMPLETED, http_completed, h,
		MHD_OPTION_EXTERNAL_LOGGER, http_mhd_log, NULL,
		MHD_OPTION_END);
	if (!h->d) {
		for (size_t i = 0; i < h->ntokens; i++)
			free(h->tokens[i]);
		free(h);
		return enr_error_set(err, ENR_EIO, "cannot listen on %s:%ld (in use, or no permission)",
				     cfg->host, cfg->port);
	}
	const union MHD_DaemonInfo *di = MHD_get_daemon_info(h->d, MHD_DAEMON_INFO_BIND_PORT);
	h->port = di ? di->port : (int)cfg->port;
	*out = h;
	return 0;
}

int http_port(const struct http_server *h)
{
	return h->port;
}

void http_quiesce(struct http_server *h)
{
	if (!h || !h->d)
		return;
	MHD_socket fd = MHD_quiesce_daemon(h->d);
	if (fd != MHD_INVALID_SOCKET)
		close(fd);
}

long http_inflight(const struct http_server *h)
{
	return metrics_inflight_now();
}

void http_stop(struct http_server *h)
{
	if (!h)
		return;
	if (h->d)
		MHD_stop_daemon(h->d);
	for (size_t i = 0; i < h->ntokens; i++)
		free(h->tokens[i]);
	free(h);
}
