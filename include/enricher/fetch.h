/* Fetching an article by URL (libcurl) with an address policy that refuses
 * loopback, private, link-local and other internal targets unless
 * allow-listed, and extracting the article body from the HTML. */
#ifndef ENRICHER_FETCH_H
#define ENRICHER_FETCH_H

#include <stddef.h>

#include "enricher/arena.h"
#include "enricher/error.h"

struct fetch_config {
	int enabled;            /* 0: every fetch is refused */
	long timeout_s;         /* total transfer time */
	size_t max_bytes;       /* body cap; the transfer is aborted past it */
	int max_redirects;      /* 0: none followed; negative: the default, 3 */
	const char *allow;      /* comma-separated hosts, addresses or CIDRs; may be NULL */
	const char *user_agent;
};

struct fetched_article {
	char *text;             /* article body, UTF-8, paragraphs separated by "\n\n" */
	size_t len;
	char *title;            /* from the page metadata, or NULL */
	char *published;        /* "YYYY-MM-DD" from the page metadata, or NULL */
	char *final_url;        /* after redirects */
};

/* Once per process, before threads start. */
int fetch_global_init(struct enr_error *err);
void fetch_global_cleanup(void);

/* Checks a configuration at startup (the allow-list parses); 0 or
 * ENR_EINVAL with the bad entry in err. */
int fetch_config_check(const struct fetch_config *cfg, struct enr_error *err);

/* Fetches url and extracts its article body into a. On failure returns a
 * negative enr_status and sets *http_status (422, 413, 415, 502, 504) and
 * *error_code ("url_not_allowed", "fetch_disabled", "upstream_error",
 * "upstream_timeout", "upstream_too_large", "unsupported_media_type", ...)
 * with a message in err. Also 422 "invalid_url" for a malformed or non-http(s)
 * URL and 422 "no_article_text" for a page with no text. timeout_s <= 0 and
 * max_bytes == 0 take defaults (10 s, 5 MiB). Everything in out lives in a. */
int fetch_article(const struct fetch_config *cfg, const char *url, struct arena *a,
		  struct fetched_article *out, int *http_status,
		  const char **error_code, struct enr_error *err);

#endif
