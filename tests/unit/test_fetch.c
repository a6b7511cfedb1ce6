/* fetch_article against a fixture HTTP server of the test's own on
 * loopback: extraction through the whole path, redirects and their checks,
 * the address policy on every connection, caps, timeouts, media types and
 * the error statuses the handler will send. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "enricher/fetch.h"
#include "enricher/html.h"
#include "fetch_server.h"

static struct fetch_server S1; /* 127.0.0.1 */
static struct fetch_server S2; /* 127.0.0.2, must never be reached */
static struct arena *A;

static void setup(void)
{
	ck_assert_int_eq(fetch_server_start(&S1, "127.0.0.1"), 0);
	ck_assert_int_eq(fetch_server_start(&S2, "127.0.0.2"), 0);
	S1.other_port = S2.port;
	A = arena_new(0);
}

static void teardown(void)
{
	fetch_server_stop(&S1);
	fetch_server_stop(&S2);
	arena_free(A);
}

static struct fetch_config config(void)
{
	struct fetch_config c = {
		.enabled = 1,
		.timeout_s = 5,
		.max_bytes = 100000,
		.max_redirects = 3,
		.allow = "127.0.0.1",
		.user_agent = NULL,
	};
	return c;
}

struct result {
	int rc, status;
	const char *code;
	struct fetched_article art;
	struct enr_error err;
};

static struct result get_cfg(const struct fetch_config *c, const char *url)
{
	struct result r;
	memset(&r, 0, sizeof r);
	r.rc = fetch_article(c, url, A, &r.art, &r.status, &r.code, &r.err);
	if (r.rc == 0) {
		ck_assert_ptr_nonnull(r.art.text);
		ck_assert(html_utf8_valid(r.art.text, r.art.len));
	} else {
		ck_assert_ptr_nonnull(r.code);
		ck_assert(r.status == 413 || r.status == 415 || r.status == 422 || r.status == 502 ||
			  r.status == 504);
	}
	return r;
}

static struct result get(const char *path)
{
	struct fetch_config c = config();
	char url[256];
	snprintf(url, sizeof url, "http://127.0.0.1:%d%s", S1.port, path);
	return get_cfg(&c, url);
}

#define ASSERT_FAILS(r, st, cd)                                                            \
	do {                                                                               \
		ck_assert_msg((r).rc < 0, "expected failure, got text: %.80s",             \
			      (r).art.text ? (r).art.text : "");                              \
		ck_assert_int_eq((r).status, (st));                                        \
		ck_assert_str_eq((r).code, (cd));                                          \
	} while (0)

START_TEST(jsonld_news_page)
{
	struct result r = get("/file/news_jsonld.html");
	ck_assert_int_eq(r.rc, 0);
	ck_assert_str_eq(r.art.text,
			 "The Kessling harbour bridge reopened to traffic on Friday morning after a repair "
			 "that took two years.\n\nMayor Tobias Renn said the city had \"waited long enough\" "
			 "for the crossing.\n\nEngineers replaced forty steel cables and the whole deck surface.");
	ck_assert_str_eq(r.art.title, "Harbour bridge reopens after \"two-year\" repair");
	ck_assert_str_eq(r.art.published, "2025-03-14");
	char url[128];
	snprintf(url, sizeof url, "http://127.0.0.1:%d/file/news_jsonld.html", S1.port);
	ck_assert_str_eq(r.art.final_url, url);
	ck_assert_str_eq(S1.last_ua, "enricher/0.1");
}
END_TEST

START_TEST(article_page)
{
	struct result r = get("/file/article.html");
	ck_assert_int_eq(r.rc, 0);
	ck_assert(strncmp(r.art.text, "Apple growers in the Selden valley", 34) == 0);
	ck_assert_ptr_nonnull(strstr(r.art.text, "\n\n\u201cWe have not seen a night this cold"));
	ck_assert_ptr_null(strstr(r.art.text, "Most read"));
	ck_assert_ptr_null(strstr(r.art.text, "Northfield Daily"));
	ck_assert_str_eq(r.art.published, "2024-04-02");
}
END_TEST

START_TEST(nav_heavy_page)
{
	struct result r = get("/file/navheavy.html");
	ck_assert_int_eq(r.rc, 0);
	ck_assert_ptr_nonnull(strstr(r.art.text, "The city council voted on Wednesday"));
	ck_assert_ptr_nonnull(strstr(r.art.text, "independent review of the plans."));
	ck_assert_ptr_null(strstr(r.art.text, "cookies"));
	ck_assert_ptr_null(strstr(r.art.text, "Privacy policy"));
	ck_assert_ptr_null(strstr(r.art.text, "copyright"));
}
END_TEST

START_TEST(compressed_transfer)
{
	struct result r = get("/gzip");
	ck_assert_int_eq(r.rc, 0);
	ck_assert(strncmp(r.art.text, "Apple growers in the Selden valley", 34) == 0);
	ck_assert_ptr_nonnull(strstr(S1.last_accept_enc, "gzip"));
}
END_TEST

START_TEST(redirect_chain)
{
	struct result r = get("/redirect/3");
	ck_assert_int_eq(r.rc, 0);
	ck_assert(strncmp(r.art.text, "Apple growers", 13) == 0);
	char url[128];
	snprintf(url, sizeof url, "http://127.0.0.1:%d/redirect/0", S1.port);
	ck_assert_str_eq(r.art.final_url, url);
}
END_TEST

START_TEST(too_many_redirects)
{
	struct result r = get("/redirect/4");
	ASSERT_FAILS(r, 502, "upstream_error");
	ck_assert_ptr_nonnull(strstr(r.err.message, "too many redirects"));
	struct fetch_config c = config();
	c.max_redirects = 0;
	char url[128];
	snprintf(url, sizeof url, "http://127.0.0.1:%d/redirect/1", S1.port);
	r = get_cfg(&c, url);
	ASSERT_FAILS(r, 502, "upstream_error");
}
END_TEST

START_TEST(redirect_to_refused_address)
{
	struct result r = get("/to-other");
	ASSERT_FAILS(r, 422, "url_not_allowed");
	ck_assert_ptr_nonnull(strstr(r.err.message, "address 127.0.0.2 is loopback"));
	ck_assert_int_eq(atomic_load(&S2.accepted), 0);
	/* Allow-listed, the same redirect goes through to the second server. */
	struct fetch_config c = config();
	c.allow = "127.0.0.1, 127.0.0.2";
	char url[128];
	snprintf(url, sizeof url, "http://127.0.0.1:%d/to-other", S1.port);
	r = get_cfg(&c, url);
	ck_assert_int_eq(r.rc, 0);
	ck_assert_int_eq(atomic_load(&S2.accepted), 1);
}
END_TEST

START_TEST(redirect_to_other_scheme)
{
	struct result r = get("/to-ftp");
	ASSERT_FAILS(r, 422, "url_not_allowed");
	ck_assert_ptr_nonnull(strstr(r.err.message, "ftp"));
	r = get("/no-location");
	ASSERT_FAILS(r, 502, "upstream_error");
}
END_TEST

START_TEST(resolved_address_checked_on_connect)
{
	/* A name, not a literal: the refusal comes from the open-socket check
	 * on the resolved addresses, before any byte reaches the server. */
	struct fetch_config c = config();
	c.allow = NULL;
	char url[128];
	snprintf(url, sizeof url, "http://localhost:%d/file/article.html", S1.port);
	struct result r = get_cfg(&c, url);
	ASSERT_FAILS(r, 422, "url_not_allowed");
	ck_assert_ptr_nonnull(strstr(r.err.message, "is loopback"));
	ck_assert_int_eq(atomic_load(&S1.accepted), 0);
	/* Allowing the host by name lets it through. */
	c.allow = "localhost";
	r = get_cfg(&c, url);
	ck_assert_int_eq(r.rc, 0);
	ck_assert_int_eq(atomic_load(&S1.accepted), 1);
}
END_TEST

START_TEST(literal_address_refused_without_allow)
{
	struct fetch_config c = config();
	c.allow = "10.0.0.0/8";
	char url[128];
	snprintf(url, sizeof url, "http://127.0.0.1:%d/file/article.html", S1.port);
	struct result r = get_cfg(&c, url);
	ASSERT_FAILS(r, 422, "url_not_allowed");
	ck_assert_str_eq(r.err.message, "address 127.0.0.1 is loopback");
	snprintf(url, sizeof url, "http://[::ffff:127.0.0.1]:%d/file/article.html", S1.port);
	r = get_cfg(&c, url);
	ASSERT_FAILS(r, 422, "url_not_allowed");
	/* Other spellings of 127.0.0.1: one number, hex, octal parts. */
	static const char *const forms[] = {"2130706433", "0x7f000001", "0177.0.0.1", "127.1"};
	for (size_t i = 0; i < sizeof forms / sizeof forms[0]; i++) {
		snprintf(url, sizeof url, "http://%s:%d/file/article.html", forms[i], S1.port);
		r = get_cfg(&c, url);
		ASSERT_FAILS(r, 422, "url_not_allowed");
		ck_assert_msg(strstr(r.err.message, "127.0.0.1 is loopback") != NULL, "%s: %s", forms[i],
			      r.err.message);
	}
	ck_assert_int_eq(atomic_load(&S1.accepted), 0);
}
END_TEST

START_TEST(oversized_page)
{
	struct result r = get("/big");
	ASSERT_FAILS(r, 413, "upstream_too_large");
	r = get("/big-unsized");
	ASSERT_FAILS(r, 413, "upstream_too_large");
	ck_assert_ptr_nonnull(strstr(r.err.message, "100000 bytes"));
	/* Under the transfer cap but over the request arena's cap. */
	struct fetch_config c = config();
	c.max_bytes = 300000;
	char url[128];
	snprintf(url, sizeof url, "http://127.0.0.1:%d/big", S1.port);
	arena_free(A);
	A = arena_new(64 * 1024);
	r = get_cfg(&c, url);
	ASSERT_FAILS(r, 413, "upstream_too_large");
	ck_assert_ptr_nonnull(strstr(r.err.message, "too large to process"));
}
END_TEST

START_TEST(stalled_page_times_out)
{
	struct fetch_config c = config();
	c.timeout_s = 1;
	char url[128];
	snprintf(url, sizeof url, "http://127.0.0.1:%d/stall", S1.port);
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	struct result r = get_cfg(&c, url);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	ASSERT_FAILS(r, 504, "upstream_timeout");
	double el = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	ck_assert_msg(el >= 0.9 && el < 2.0, "took %.2f s", el);
}
END_TEST

START_TEST(media_types)
{
	struct result r = get("/json");
	ASSERT_FAILS(r, 415, "unsupported_media_type");
	ck_assert_ptr_nonnull(strstr(r.err.message, "application/json"));
	r = get("/pdf");
	ASSERT_FAILS(r, 415, "unsupported_media_type");
	r = get("/plain");
	ck_assert_int_eq(r.rc, 0);
	ck_assert_str_eq(r.art.text, "Line one of the note.\n\nLine two, caf\u00e9.");
	r = get("/untyped");
	ck_assert_int_eq(r.rc, 0);
	ck_assert_str_eq(r.art.text, "Untyped page that is still markup.");
	r = get("/empty");
	ASSERT_FAILS(r, 422, "no_article_text");
}
END_TEST

START_TEST(latin1_pages)
{
	struct result r = get("/latin1-header");
	ck_assert_int_eq(r.rc, 0);
	ck_assert_str_eq(r.art.text,
			 "Caf\u00e9 owners in S\u00e3o Bento protested on Monday against the new terrace "
			 "fees, which the council calls fair.\n\n\u00abWe pay enough already\u00bb, said "
			 "Jos\u00e9 Ara\u00fajo, who has run a bar in the square since 1998.");
	ck_assert_str_eq(r.art.title, "Caf\u00e9 owners protest");
	/* Declared only in the page's <meta http-equiv>. */
	r = get("/file/latin1.html");
	ck_assert_int_eq(r.rc, 0);
	ck_assert_ptr_nonnull(strstr(r.art.text, "Jos\u00e9 Ara\u00fajo"));
}
END_TEST

START_TEST(upstream_errors)
{
	struct result r = get("/missing");
	ASSERT_FAILS(r, 502, "upstream_error");
	ck_assert_ptr_nonnull(strstr(r.err.message, "404"));
	r = get("/error500");
	ASSERT_FAILS(r, 502, "upstream_error");
	ck_assert_ptr_nonnull(strstr(r.err.message, "500"));
	/* Nothing listens on this port any more: connection refused. */
	struct fetch_server tmp;
	ck_assert_int_eq(fetch_server_start(&tmp, "127.0.0.1"), 0);
	int port = tmp.port;
	fetch_server_stop(&tmp);
	struct fetch_config c = config();
	char url[128];
	snprintf(url, sizeof url, "http://127.0.0.1:%d/", port);
	r = get_cfg(&c, url);
	ASSERT_FAILS(r, 502, "upstream_error");
}
END_TEST

START_TEST(invalid_urls)
{
	struct fetch_config c = config();
	static const char *const bad[] = {"ftp://127.0.0.1/x", "file:///etc/passwd", "not a url",
					  "127.0.0.1/x", "http://", "gopher://127.0.0.1/",
					  "http://[::1/", "", "http://127.0.0.1:99999/"};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		struct result r = get_cfg(&c, bad[i]);
		ck_assert_msg(r.rc < 0 && r.status == 422 && strcmp(r.code, "invalid_url") == 0,
			      "%s: %d %s", bad[i], r.status, r.code ? r.code : "-");
	}
	struct result r = get_cfg(&c, NULL);
	ASSERT_FAILS(r, 422, "invalid_url");
	ck_assert_int_eq(atomic_load(&S1.accepted), 0);
}
END_TEST

START_TEST(disabled)
{
	struct fetch_config c = config();
	c.enabled = 0;
	char url[128];
	snprintf(url, sizeof url, "http://127.0.0.1:%d/file/article.html", S1.port);
	struct result r = get_cfg(&c, url);
	ASSERT_FAILS(r, 422, "fetch_disabled");
	ck_assert_int_eq(atomic_load(&S1.accepted), 0);
}
END_TEST

START_TEST(config_check)
{
	struct fetch_config c = config();
	struct enr_error err;
	ck_assert_int_eq(fetch_config_check(&c, &err), 0);
	c.allow = "127.0.0.1,10.0.0.0/40";
	ck_assert_int_eq(fetch_config_check(&c, &err), ENR_EINVAL);
	ck_assert_ptr_nonnull(strstr(err.message, "10.0.0.0/40"));
	/* At request time a bad list refuses rather than fetches. */
	char url[128];
	snprintf(url, sizeof url, "http://127.0.0.1:%d/file/article.html", S1.port);
	struct result r = get_cfg(&c, url);
	ASSERT_FAILS(r, 422, "url_not_allowed");
}
END_TEST

static Suite *fetch_suite(void)
{
	Suite *s = suite_create("fetch");
	TCase *tc = tcase_create("fetch");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 10);
	tcase_add_test(tc, jsonld_news_page);
	tcase_add_test(tc, article_page);
	tcase_add_test(tc, nav_heavy_page);
	tcase_add_test(tc, compressed_transfer);
	tcase_add_test(tc, redirect_chain);
	tcase_add_test(tc, too_many_redirects);
	tcase_add_test(tc, redirect_to_refused_address);
	tcase_add_test(tc, redirect_to_other_scheme);
	tcase_add_test(tc, resolved_address_checked_on_connect);
	tcase_add_test(tc, literal_address_refused_without_allow);
	tcase_add_test(tc, oversized_page);
	tcase_add_test(tc, stalled_page_times_out);
	tcase_add_test(tc, media_types);
	tcase_add_test(tc, latin1_pages);
	tcase_add_test(tc, upstream_errors);
	tcase_add_test(tc, invalid_urls);
	tcase_add_test(tc, disabled);
	tcase_add_test(tc, config_check);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	struct enr_error err;
	if (fetch_global_init(&err) < 0) {
		fprintf(stderr, "%s\n", err.message);
		return EXIT_FAILURE;
	}
	SRunner *sr = srunner_create(fetch_suite());
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	fetch_global_cleanup();
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
