/* GET /: the page that draws the enrichment over an article, for people
 * and as the worked example of a JavaScript client of /v1/enrich.
 *
 * The page is one self-contained file, <config dir>/www/index.html, read on
 * each request: it is small (tens of KiB, a read costs microseconds next to
 * the round trip), an edited page shows on reload, and a missing or broken
 * file is a clear JSON error, never a crash or a stale page. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "enricher/file.h"
#include "enricher/handler.h"

/* A page bigger than this is not the page we ship: refuse it rather than
 * stream an arbitrary file from disk. */
#define PAGE_MAX_BYTES (1024 * 1024)

/* The configuration directory the page lives in. struct service does not
 * carry config_dir (yet), so this follows the same environment variable as
 * the config file (ENRICHER_CONFIG_DIR, set by the Dockerfile) and otherwise
 * the default, "config", relative to the working directory. */
static const char *page_config_dir(const struct service *svc)
{
	return svc->config_dir && *svc->config_dir ? svc->config_dir : "config";
}

/* Reads path whole into a malloc'd, NUL-terminated buffer (the caller owns
 * it). Returns 0, or the HTTP status to answer (404 when the file does not
 * exist, 503 otherwise) with why in msg. Bounded by PAGE_MAX_BYTES. */
static int page_read(const char *path, char **out, size_t *len, char *msg, size_t msgcap)
{
	struct enr_error err;
	int missing;
	int rc = file_read_all(path, PAGE_MAX_BYTES, out, len, &missing, &err);
	if (rc && missing) {
		snprintf(msg, msgcap, "the page is not installed: cannot read %s", err.message);
		return 404;
	}
	if (rc) {
		snprintf(msg, msgcap, "%s", err.message);
		return 503;
	}
	if (*len == 0) {
		free(*out);
		*out = NULL;
		snprintf(msg, msgcap, "%s is empty", path);
		return 503;
	}
	return 0;
}

static void page_index(const struct hreq *rq, struct hresp *rs)
{
	char path[4096], msg[4200];
	int w = snprintf(path, sizeof path, "%s/www/index.html", page_config_dir(rq->svc));
	if (w < 0 || (size_t)w >= sizeof path) {
		handler_error(rs, 503, "page_unavailable", "the page's path is too long", -1);
		return;
	}
	char *body;
	size_t len;
	int st = page_read(path, &body, &len, msg, sizeof msg);
	if (st) {
		handler_error(rs, st, st == 404 ? "not_found" : "page_unavailable", msg, -1);
		return;
	}
	rs->status = 200;
	rs->content_type = "text/html; charset=utf-8";
	rs->body = body;
	rs->body_len = len;
	rs->cache_control = "no-cache";
	rs->csp = "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
		  "connect-src 'self'; img-src data:; base-uri 'none'; form-action 'none'; "
		  "frame-ancestors 'none'";
}

const struct route page_routes[] = {
	{"GET", "/", page_index, 0, "page"},
	{0},
};
