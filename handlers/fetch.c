/* Fetching an article by URL with libcurl. Redirects are followed here, hop
 * by hop, so every target's scheme and host are checked again; the address
 * of every connection libcurl opens goes through the address policy in the
 * open-socket callback, so neither a redirect nor DNS rebinding can reach an
 * internal address. Must not share a curl handle between threads, use
 * signals, or answer anything a handler would turn into a 500. */
#include "enricher/fetch.h"

#include <curl/curl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <time.h>

#include "enricher/html.h"
#include "enricher/netpolicy.h"

#define FETCH_DEFAULT_TIMEOUT_S 10
#define FETCH_DEFAULT_MAX_BYTES (5u * 1024 * 1024)
#define FETCH_DEFAULT_REDIRECTS 3
#define FETCH_MAX_URL 8192
#define FETCH_USER_AGENT "enricher/0.1"

int fetch_global_init(struct enr_error *err)
{
	CURLcode rc = curl_global_init(CURL_GLOBAL_DEFAULT);
	if (rc != CURLE_OK)
		return enr_error_set(err, ENR_EIO, "libcurl init failed: %s", curl_easy_strerror(rc));
	return 0;
}

void fetch_global_cleanup(void)
{
	curl_global_cleanup();
}

int fetch_config_check(const struct fetch_config *cfg, struct enr_error *err)
{
	struct arena *a = arena_new(0);
	if (!a)
		return enr_error_set(err, ENR_ENOMEM, "out of memory");
	struct netpolicy_allow al;
	int rc = netpolicy_allow_parse(cfg ? cfg->allow : NULL, a, &al, err);
	arena_free(a);
	return rc;
}

/* State of one fetch, shared with the curl callbacks. */
struct xfer {
	const struct netpolicy_allow *allow;
	int host_allowed;      /* the current hop's host is allow-listed by name */
	char refused[160];     /* why the policy refused a connection, first one */
	int opened;            /* sockets opened on this hop */
	char *buf;             /* body of the current hop, malloc'd */
	size_t len, cap, max;
	int too_big;
};

static curl_socket_t open_socket(void *clientp, curlsocktype purpose, struct curl_sockaddr *sa)
{
	struct xfer *x = clientp;
	struct netpolicy_addr ad;
	if (purpose != CURLSOCKTYPE_IPCXN ||
	    netpolicy_from_sockaddr(&sa->addr, sa->addrlen, &ad) < 0) {
		if (!x->refused[0])
			snprintf(x->refused, sizeof x->refused, "connection to a non-IP address refused");
		return CURL_SOCKET_BAD;
	}
	if (!x->host_allowed) {
		char why[sizeof x->refused];
		if (netpolicy_check(x->allow, &ad, why, sizeof why) < 0) {
			if (!x->refused[0])
				snprintf(x->refused, sizeof x->refused, "%s", why);
			return CURL_SOCKET_BAD;
		}
	}
	curl_socket_t s = socket(sa->family, sa->socktype | SOCK_CLOEXEC, sa->protocol);
	if (s != CURL_SOCKET_BAD)
		x->opened++;
	return s;
}

static size_t on_data(char *p, size_t size, size_t nmemb, void *ud)
{
	struct xfer *x = ud;
	size_t n = size * nmemb;
	if (n > x->max - x->len) {
		x->too_big = 1;
		return 0; /* short count: libcurl aborts the transfer */
	}
	if (x->len + n > x->cap) {
		size_t nc = x->cap ? x->cap : 16384;
		while (nc < x->len + n)
			nc = nc > x->max / 2 ? x->max : nc * 2;
		char *b = realloc(x->buf, nc + 1);
		if (!b)
			return 0;
		x->buf = b;
		x->cap = nc;
	}
	memcpy(x->buf + x->len, p, n);
	x->len += n;
	return n;
}

/* Fills the outputs of a failure; message formatted like printf. */
__attribute__((format(printf, 7, 8)))
static int fail(int *http_status, const char **error_code, struct enr_error *err, int status,
		const char *code, int enr, const char *fmt, ...)
{
	char msg[sizeof err->message];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	*http_status = status;
	*error_code = code;
	return enr_error_set(err, enr, "%s", msg);
}

static long now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Checks one URL (the request's or a redirect target's) before it is
 * fetched: http(s), a host, and a literal address the policy accepts.
 * Copies the lower-cased host into host. 0 or the failure. */
static int check_url(const char *url, int redirect, const struct netpolicy_allow *al,
		     char *host, size_t hn, int *http_status, const char **error_code,
		     struct enr_error *err)
{
	const char *bad = redirect ? "url_not_allowed" : "invalid_url";
	const char *what = redirect ? "redirect target" : "URL";
	if (strlen(url) > FETCH_MAX_URL)
		return fail(http_status, error_code, err, 422, bad, ENR_EINVAL,
			    "%s is longer than %d bytes", what, FETCH_MAX_URL);
	CURLU *u = curl_url();
	if (!u)
		return fail(http_status, error_code, err, 502, "upstream_error", ENR_ENOMEM, "out of memory");
	char *scheme = NULL, *h = NULL;
	int rc = 0;
	CURLUcode uc = curl_url_set(u, CURLUPART_URL, url, CURLU_NON_SUPPORT_SCHEME);
	if (uc != CURLUE_OK) {
		rc = fail(http_status, error_code, err, 422, bad, ENR_EINVAL, "%s is malformed: %s", what,
			  curl_url_strerror(uc));
		goto out;
	}
	if (curl_url_get(u, CURLUPART_SCHEME, &scheme, 0) != CURLUE_OK || !scheme ||
	    (strcasecmp(scheme, "http") != 0 && strcasecmp(scheme, "https") != 0)) {
		rc = fail(http_status, error_code, err, 422, bad, ENR_EINVAL,
			  "%s scheme '%.32s' is not allowed: http and https only", what,
			  scheme ? scheme : "");
		goto out;
	}
	if (curl_url_get(u, CURLUPART_HOST, &h, 0) != CURLUE_OK || !h || !*h || strlen(h) >= hn) {
		rc = fail(http_status, error_code, err, 422, bad, ENR_EINVAL, "%s has no valid host", what);
		goto out;
	}
	for (size_t i = 0; h[i]; i++)
		host[i] = (char)(h[i] >= 'A' && h[i] <= 'Z' ? h[i] - 'A' + 'a' : h[i]);
	host[strlen(h)] = '\0';
	struct netpolicy_addr ad;
	char why[160];
	if (netpolicy_parse_addr(host, strlen(host), &ad) == 0 &&
	    !netpolicy_allows_host(al, host) && netpolicy_check(al, &ad, why, sizeof why) < 0)
		rc = fail(http_status, error_code, err, 422, "url_not_allowed", ENR_EINVAL, "%s%s",
			  redirect ? "redirect refused: " : "", why);
out:
	curl_free(scheme);
	curl_free(h);
	curl_url_cleanup(u);
	return rc;
}

/* Maps a failed transfer to the answer the client gets. */
static int transfer_failed(CURLcode rc, const struct xfer *x, const char *host, long timeout_s,
			   size_t max, const char *errbuf, int *http_status, const char **error_code,
			   struct enr_error *err)
{
	if (x->refused[0] && x->opened == 0)
		return fail(http_status, error_code, err, 422, "url_not_allowed", ENR_EINVAL, "%s",
			    x->refused);
	switch (rc) {
	case CURLE_OPERATION_TIMEDOUT:
		return fail(http_status, error_code, err, 504, "upstream_timeout", ENR_EUPSTREAM,
			    "%s did not answer within %ld s", host, timeout_s);
	case CURLE_FILESIZE_EXCEEDED:
		return fail(http_status, error_code, err, 413, "upstream_too_large", ENR_ETOOBIG,
			    "the page is larger than %zu bytes", max);
	case CURLE_WRITE_ERROR:
		if (x->too_big)
			return fail(http_status, error_code, err, 413, "upstream_too_large", ENR_ETOOBIG,
				    "the page is larger than %zu bytes", max);
		return fail(http_status, error_code, err, 502, "upstream_error", ENR_ENOMEM,
			    "out of memory reading the page");
	case CURLE_UNSUPPORTED_PROTOCOL:
	case CURLE_URL_MALFORMAT:
		return fail(http_status, error_code, err, 422, "invalid_url", ENR_EINVAL,
			    "URL refused by libcurl: %s", errbuf[0] ? errbuf : curl_easy_strerror(rc));
	case CURLE_COULDNT_RESOLVE_HOST:
		return fail(http_status, error_code, err, 502, "upstream_error", ENR_EUPSTREAM,
			    "could not resolve host %s", host);
	default:
		return fail(http_status, error_code, err, 502, "upstream_error", ENR_EUPSTREAM,
			    "fetching from %s failed: %s", host,
			    errbuf[0] ? errbuf : curl_easy_strerror(rc));
	}
}

static void set_options(CURL *h, struct xfer *x, const struct fetch_config *cfg, char *errbuf,
			struct curl_slist *headers)
{
	curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(h, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 0L); /* hops are checked here */
	/* No proxy from the environment: the address checked must be the one
	 * connected to. */
	curl_easy_setopt(h, CURLOPT_PROXY, "");
	curl_easy_setopt(h, CURLOPT_OPENSOCKETFUNCTION, open_socket);
	curl_easy_setopt(h, CURLOPT_OPENSOCKETDATA, x);
	curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, on_data);
	curl_easy_setopt(h, CURLOPT_WRITEDATA, x);
	curl_easy_setopt(h, CURLOPT_ACCEPT_ENCODING, "");
	curl_easy_setopt(h, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)x->max);
	curl_easy_setopt(h, CURLOPT_USERAGENT,
			 cfg->user_agent && *cfg->user_agent ? cfg->user_agent : FETCH_USER_AGENT);
	curl_easy_setopt(h, CURLOPT_HTTPHEADER, headers);
	curl_easy_setopt(h, CURLOPT_ERRORBUFFER, errbuf);
}

/* The media type of a Content-Type value, lower-cased, into buf. */
static void media_type(const char *ct, char *buf, size_t n)
{
	size_t k = 0;
	if (ct) {
		while (*ct == ' ' || *ct == '\t')
			ct++;
		for (; ct[k] && ct[k] != ';' && ct[k] != ' ' && k + 1 < n; k++)
			buf[k] = (char)(ct[k] >= 'A' && ct[k] <= 'Z' ? ct[k] - 'A' + 'a' : ct[k]);
	}
	buf[k] = '\0';
}

/* Article text of a fetched body according to its Content-Type. */
static int extract(struct arena *a, const char *ctype, const char *body, size_t n,
		   struct fetched_article *out, int *http_status, const char **error_code,
		   struct enr_error *err)
{
	char mt[96], cs[64];
	media_type(ctype, mt, sizeof mt);
	const char *charset = html_charset_from_content_type(ctype, cs, sizeof cs) == 0 ? cs : NULL;
	int is_html = strcmp(mt, "text/html") == 0 || strcmp(mt, "application/xhtml+xml") == 0;
	if (!mt[0]) { /* no Content-Type: markup is read as HTML */
		size_t i = 0;
		while (i < n && (body[i] == ' ' || body[i] == '\t' || body[i] == '\n' || body[i] == '\r'))
			i++;
		is_html = i < n && body[i] == '<';
		if (!is_html)
			return fail(http_status, error_code, err, 415, "unsupported_media_type", ENR_EINVAL,
				    "the page has no Content-Type and is not HTML");
	}
	int rc;
	if (is_html) {
		struct html_article ha;
		rc = html_extract(a, body, n, charset, &ha, err);
		if (rc == 0) {
			out->text = ha.text;
			out->len = ha.len;
			out->title = ha.title;
			out->published = ha.published;
		}
	} else if (strcmp(mt, "text/plain") == 0) {
		rc = html_plain_text(a, body, n, charset, &out->text, &out->len, err);
	} else {
		return fail(http_status, error_code, err, 415, "unsupported_media_type", ENR_EINVAL,
			    "the page is %.64s, not HTML or plain text", mt);
	}
	if (rc < 0) /* out of memory: in practice the request arena's cap */
		return fail(http_status, error_code, err, 413, "upstream_too_large", ENR_ETOOBIG,
			    "the page is too large to process (%zu bytes)", n);
	if (out->len == 0)
		return fail(http_status, error_code, err, 422, "no_article_text", ENR_EINVAL,
			    "no article text found on the page");
	return 0;
}

int fetch_article(const struct fetch_config *cfg, const char *url, struct arena *a,
		  struct fetched_article *out, int *http_status,
		  const char **error_code, struct enr_error *err)
{
	memset(out, 0, sizeof *out);
	*http_status = 0;
	*error_code = NULL;
	if (!cfg || !cfg->enabled)
		return fail(http_status, error_code, err, 422, "fetch_disabled", ENR_EINVAL,
			    "fetching by URL is switched off on this server");
	if (!url || !*url)
		return fail(http_status, error_code, err, 422, "invalid_url", ENR_EINVAL, "URL is empty");
	struct netpolicy_allow al;
	if (netpolicy_allow_parse(cfg->allow, a, &al, err) < 0) {
		/* Startup should have caught it (fetch_config_check); refuse safely. */
		*http_status = 422;
		*error_code = "url_not_allowed";
		return err ? err->code : ENR_EINVAL;
	}
	long timeout_s = cfg->timeout_s > 0 ? cfg->timeout_s : FETCH_DEFAULT_TIMEOUT_S;
	int max_redirects = cfg->max_redirects >= 0 ? cfg->max_redirects : FETCH_DEFAULT_REDIRECTS;
	struct xfer x = {.allow = &al, .max = cfg->max_bytes ? cfg->max_bytes : FETCH_DEFAULT_MAX_BYTES};
	char host[256], errbuf[CURL_ERROR_SIZE];
	int rc = 0;

	CURL *h = curl_easy_init();
	struct curl_slist *headers = curl_slist_append(
		NULL, "Accept: text/html,application/xhtml+xml,text/plain;q=0.9,*/*;q=0.1");
	char *cur = strdup(url);
	if (!h || !headers || !cur) {
		rc = fail(http_status, error_code, err, 502, "upstream_error", ENR_ENOMEM, "out of memory");
		goto out;
	}
	set_options(h, &x, cfg, errbuf, headers);
	long deadline = now_ms() + timeout_s * 1000;
	for (int hop = 0;; hop++) {
		rc = check_url(cur, hop > 0, &al, host, sizeof host, http_status, error_code, err);
		if (rc < 0)
			goto out;
		x.host_allowed = netpolicy_allows_host(&al, host);
		x.refused[0] = '\0';
		x.opened = 0;
		x.len = 0;
		x.too_big = 0;
		errbuf[0] = '\0';
		long left = deadline - now_ms();
		if (left <= 0) {
			rc = fail(http_status, error_code, err, 504, "upstream_timeout", ENR_EUPSTREAM,
				  "%s did not answer within %ld s", host, timeout_s);
			goto out;
		}
		curl_easy_setopt(h, CURLOPT_URL, cur);
		curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, left);
		CURLcode cc = curl_easy_perform(h);
		if (cc != CURLE_OK) {
			rc = transfer_failed(cc, &x, host, timeout_s, x.max, errbuf, http_status,
					     error_code, err);
			goto out;
		}
		long status = 0;
		curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
		if (status >= 300 && status < 400) {
			char *loc = NULL;
			curl_easy_getinfo(h, CURLINFO_REDIRECT_URL, &loc);
			if (!loc) {
				rc = fail(http_status, error_code, err, 502, "upstream_error", ENR_EUPSTREAM,
					  "upstream answered HTTP %ld without a Location", status);
				goto out;
			}
			if (hop >= max_redirects) {
				rc = fail(http_status, error_code, err, 502, "upstream_error", ENR_EUPSTREAM,
					  "too many redirects (more than %d)", max_redirects);
				goto out;
			}
			char *next = strdup(loc);
			if (!next) {
				rc = fail(http_status, error_code, err, 502, "upstream_error", ENR_ENOMEM,
					  "out of memory");
				goto out;
			}
			free(cur);
			cur = next;
			continue;
		}
		if (status < 200 || status >= 300) {
			rc = fail(http_status, error_code, err, 502, "upstream_error", ENR_EUPSTREAM,
				  "upstream answered HTTP %ld", status);
			goto out;
		}
		break;
	}
	char *ctype = NULL, *eff = NULL;
	curl_easy_getinfo(h, CURLINFO_CONTENT_TYPE, &ctype);
	curl_easy_getinfo(h, CURLINFO_EFFECTIVE_URL, &eff);
	out->final_url = arena_strndup(a, eff ? eff : cur, strlen(eff ? eff : cur));
	if (!out->final_url) {
		rc = fail(http_status, error_code, err, 502, "upstream_error", ENR_ENOMEM, "out of memory");
		goto out;
	}
	rc = extract(a, ctype, x.buf ? x.buf : "", x.len, out, http_status, error_code, err);
out:
	free(x.buf);
	free(cur);
	curl_slist_free_all(headers);
	if (h)
		curl_easy_cleanup(h);
	return rc;
}
