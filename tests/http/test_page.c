/* HTTP tests of GET /, the page, against the real binary: it answers the
 * self-contained HTML with the form and its JavaScript client, only to GET,
 * and a clear JSON 404 when the page file is not installed. What the page
 * draws is tests/browser/test_page.py's job. */
#include <check.h>
#include <dirent.h>
#include <jansson.h>

/* harness.h's helpers are static and this file does not use them all */
#pragma GCC diagnostic ignored "-Wunused-function"
#include "harness.h"

static struct server srv;

static void start_shared(void)
{
	curl_global_init(CURL_GLOBAL_DEFAULT);
	srv = harness_start(NULL);
}

static void stop_shared(void)
{
	harness_stop(&srv);
}

START_TEST(page_is_html_with_the_form)
{
	ck_assert_int_gt(srv.pid, 0);
	CURL *c = curl_easy_init();
	struct reply r = harness_request_on(c, &srv, "GET", "/", NULL, NULL, 0, NULL);
	ck_assert_int_eq(r.status, 200);
	char *ctype = NULL;
	curl_easy_getinfo(c, CURLINFO_CONTENT_TYPE, &ctype);
	ck_assert_ptr_nonnull(ctype);
	ck_assert_msg(!strncmp(ctype, "text/html", 9), "content type %s", ctype);
	ck_assert_ptr_nonnull(strstr(ctype, "utf-8"));
	ck_assert_ptr_nonnull(strstr(r.body, "<form id=\"form\""));
	ck_assert_ptr_nonnull(strstr(r.body, "<textarea id=\"input\""));
	ck_assert_ptr_nonnull(strstr(r.body, "id=\"submit\""));
	/* the client calls the public API with JavaScript string offsets */
	ck_assert_ptr_nonnull(strstr(r.body, "\"/v1/enrich\""));
	ck_assert_ptr_nonnull(strstr(r.body, "offsets: \"utf16\""));
	/* self-contained: nothing loaded from elsewhere */
	ck_assert_ptr_null(strstr(r.body, "src=\"http"));
	ck_assert_ptr_null(strstr(r.body, "href=\"http"));
	ck_assert_ptr_nonnull(strstr(r.body, "</html>"));
	ck_assert_uint_eq(strlen(r.body), r.len);
	reply_free(&r);
	curl_easy_cleanup(c);
}

START_TEST(page_only_answers_get)
{
	struct reply r = harness_request(&srv, "POST", "/", "text/plain", "x", NULL);
	ck_assert_int_eq(r.status, 405);
	ck_assert_ptr_nonnull(strstr(r.allow, "GET"));
	reply_free(&r);
	r = harness_request(&srv, "GET", "/index.html", NULL, NULL, NULL);
	ck_assert_int_eq(r.status, 404);
	reply_free(&r);
}

START_TEST(page_listed_in_openapi)
{
	struct reply r = harness_request(&srv, "GET", "/openapi.json", NULL, NULL, NULL);
	ck_assert_int_eq(r.status, 200);
	json_error_t e;
	json_t *v = json_loads(r.body, 0, &e);
	ck_assert_ptr_nonnull(v);
	json_t *get = json_object_get(json_object_get(json_object_get(v, "paths"), "/"), "get");
	ck_assert_ptr_nonnull(get);
	json_t *ok = json_object_get(json_object_get(get, "responses"), "200");
	ck_assert_ptr_nonnull(json_object_get(json_object_get(ok, "content"), "text/html"));
	json_decref(v);
	reply_free(&r);
}

/* A config directory like config/ (symlinks to its entries) without www/. */
static int make_dir_without_page(char *dir, size_t cap)
{
	char cwd[2048];
	if (!getcwd(cwd, sizeof cwd))
		return -1;
	snprintf(dir, cap, "/tmp/enricher-nopage-XXXXXX");
	if (!mkdtemp(dir))
		return -1;
	DIR *d = opendir("config");
	if (!d)
		return -1;
	struct dirent *de;
	while ((de = readdir(d))) {
		if (de->d_name[0] == '.' || !strcmp(de->d_name, "www"))
			continue;
		char from[4096], to[4096];
		snprintf(from, sizeof from, "%s/config/%s", cwd, de->d_name);
		snprintf(to, sizeof to, "%s/%s", dir, de->d_name);
		if (symlink(from, to)) {
			closedir(d);
			return -1;
		}
	}
	closedir(d);
	return 0;
}

static void remove_dir(const char *dir)
{
	DIR *d = opendir(dir);
	if (!d)
		return;
	struct dirent *de;
	while ((de = readdir(d))) {
		if (de->d_name[0] == '.')
			continue;
		char p[4096];
		snprintf(p, sizeof p, "%s/%s", dir, de->d_name);
		unlink(p);
	}
	closedir(d);
	rmdir(dir);
}

START_TEST(missing_page_is_a_clear_404)
{
	char dir[256];
	ck_assert_int_eq(make_dir_without_page(dir, sizeof dir), 0);
	setenv("ENRICHER_CONFIG_DIR", dir, 1);
	struct server s = harness_start(NULL);
	unsetenv("ENRICHER_CONFIG_DIR");
	ck_assert_int_gt(s.pid, 0);
	struct reply r = harness_request(&s, "GET", "/", NULL, NULL, NULL);
	ck_assert_int_eq(r.status, 404);
	json_error_t e;
	json_t *v = json_loads(r.body, 0, &e);
	ck_assert_ptr_nonnull(v);
	json_t *err = json_object_get(v, "error");
	ck_assert_str_eq(json_string_value(json_object_get(err, "code")), "not_found");
	const char *msg = json_string_value(json_object_get(err, "message"));
	ck_assert_ptr_nonnull(msg);
	ck_assert_ptr_nonnull(strstr(msg, "www/index.html"));
	json_decref(v);
	reply_free(&r);
	/* the rest of the service is unaffected */
	r = harness_request(&s, "POST", "/v1/enrich", "text/plain", "Still here.", NULL);
	ck_assert_int_eq(r.status, 200);
	reply_free(&r);
	ck_assert_int_eq(harness_stop(&s), 0);
	remove_dir(dir);
}

int main(void)
{
	Suite *s = suite_create("page");
	TCase *tc = tcase_create("shared server");
	tcase_add_unchecked_fixture(tc, start_shared, stop_shared);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, page_is_html_with_the_form);
	tcase_add_test(tc, page_only_answers_get);
	tcase_add_test(tc, page_listed_in_openapi);
	suite_add_tcase(s, tc);
	TCase *own = tcase_create("own server");
	tcase_set_timeout(own, 60);
	tcase_add_test(own, missing_page_is_a_clear_404);
	suite_add_tcase(s, own);
	SRunner *sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
