/* HTTP tests against the real binary on a loopback port: every endpoint,
 * every error status, the body cap, keep-alive, concurrency, batch, auth,
 * and SIGTERM with a request in flight. */
#include <check.h>
#include <jansson.h>
#include <pthread.h>

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

static json_t *body_json(const struct reply *r)
{
	json_error_t e;
	json_t *v = r->body ? json_loads(r->body, 0, &e) : NULL;
	ck_assert_msg(v != NULL, "body is not JSON: %s", r->body ? r->body : "(none)");
	return v;
}

static const char *error_code(json_t *v)
{
	return json_string_value(json_object_get(json_object_get(v, "error"), "code"));
}

static void expect_error(const char *method, const char *path, const char *ctype,
			 const char *body, long status, const char *code)
{
	struct reply r = harness_request(&srv, method, path, ctype, body, NULL);
	ck_assert_int_eq(r.status, status);
	json_t *v = body_json(&r);
	ck_assert_str_eq(error_code(v), code);
	ck_assert(json_string_length(json_object_get(json_object_get(v, "error"), "message")) > 10);
	json_decref(v);
	reply_free(&r);
}

START_TEST(server_started)
{
	ck_assert_int_gt(srv.pid, 0);
}

START_TEST(health_endpoints)
{
	struct reply r = harness_request(&srv, "GET", "/healthz", NULL, NULL, NULL);
	ck_assert_int_eq(r.status, 200);
	reply_free(&r);
	r = harness_request(&srv, "GET", "/readyz", NULL, NULL, NULL);
	ck_assert_int_eq(r.status, 200);
	json_t *v = body_json(&r);
	ck_assert_str_eq(json_string_value(json_object_get(v, "status")), "ready");
	json_decref(v);
	reply_free(&r);
	r = harness_request(&srv, "GET", "/version", NULL, NULL, NULL);
	ck_assert_int_eq(r.status, 200);
	v = body_json(&r);
	ck_assert_ptr_nonnull(json_string_value(json_object_get(v, "version")));
	json_decref(v);
	reply_free(&r);
}

START_TEST(openapi_lists_every_route)
{
	struct reply r = harness_request(&srv, "GET", "/openapi.json", NULL, NULL, NULL);
	ck_assert_int_eq(r.status, 200);
	json_t *v = body_json(&r);
	json_t *paths = json_object_get(v, "paths");
	const char *want[] = {"/v1/enrich", "/v1/entities", "/v1/quotes", "/v1/claims",
			      "/v1/enrich/batch", "/healthz", "/readyz", "/metrics",
			      "/version", "/openapi.json"};
	for (size_t i = 0; i < sizeof want / sizeof *want; i++)
		ck_assert_msg(json_object_get(paths, want[i]), "openapi lacks %s", want[i]);
	json_decref(v);
	reply_free(&r);
}

START_TEST(metrics_count_requests)
{
	struct reply r = harness_request(&srv, "GET", "/nowhere", NULL, NULL, NULL);
	reply_free(&r);
	r = harness_request(&srv, "GET", "/metrics", NULL, NULL, NULL);
	ck_assert_int_eq(r.status, 200);
	ck_assert_ptr_nonnull(strstr(r.body, "enricher_requests_total{route=\"other\",status=\"404\"}"));
	ck_assert_ptr_nonnull(strstr(r.body, "enricher_request_duration_seconds_bucket"));
	ck_assert_ptr_nonnull(strstr(r.body, "enricher_requests_in_flight"));
	ck_assert_ptr_nonnull(strstr(r.body, "enricher_bytes_received_total"));
	reply_free(&r);
}

START_TEST(enrich_answers_the_envelope)
{
	const char *hdr[] = {"X-Request-Id: test-req-42", NULL};
	struct reply r = harness_request(&srv, "POST", "/v1/enrich", "application/json",
					 "{\"id\":\"a1\",\"title\":\"T\",\"text\":\"Ministers met in Oslo on Monday. They said nothing.\"}",
					 hdr);
	ck_assert_int_eq(r.status, 200);
	ck_assert_str_eq(r.request_id, "test-req-42");
	json_t *v = body_json(&r);
	ck_assert_str_eq(json_string_value(json_object_get(v, "id")), "a1");
	ck_assert_str_eq(r.body + r.len - 1, "}");
	ck_assert(json_is_array(json_object_get(v, "entities")));
	ck_assert(json_is_array(json_object_get(v, "quotes")));
	ck_assert(json_is_array(json_object_get(v, "claims")));
	json_t *st = json_object_get(v, "stats");
	ck_assert_int_eq(json_integer_value(json_object_get(st, "sentences")), 2);
	ck_assert_int_eq(json_integer_value(json_object_get(st, "words")), 9);
	ck_assert(json_is_integer(json_object_get(st, "elapsed_us")));
	json_decref(v);
	reply_free(&r);
}

START_TEST(empty_optional_fields_are_absent)
{
	struct reply r = harness_request(&srv, "POST", "/v1/enrich", "application/json",
					 "{\"id\":7,\"title\":\"\",\"published\":\"\",\"text\":\"Quiet day.\"}",
					 NULL);
	ck_assert_int_eq(r.status, 200);
	json_t *v = body_json(&r);
	ck_assert_int_eq(json_integer_value(json_object_get(v, "id")), 7);
	ck_assert_ptr_null(json_object_get(v, "published"));
	json_decref(v);
	reply_free(&r);
}

START_TEST(family_endpoints_and_plain_text)
{
	struct reply r = harness_request(&srv, "POST", "/v1/entities", "text/plain; charset=utf-8",
					 "Plain text works too.", NULL);
	ck_assert_int_eq(r.status, 200);
	ck_assert_uint_gt(strlen(r.request_id), 0);
	json_t *v = body_json(&r);
	ck_assert(json_is_array(json_object_get(v, "entities")));
	ck_assert_ptr_null(json_object_get(v, "quotes"));
	json_decref(v);
	reply_free(&r);
	const char *paths[] = {"/v1/quotes", "/v1/claims"};
	const char *keys[] = {"quotes", "claims"};
	for (int i = 0; i < 2; i++) {
		r = harness_request(&srv, "POST", paths[i], "application/json",
				    "{\"text\":\"Nothing here.\",\"offsets\":\"utf16\"}", NULL);
		ck_assert_int_eq(r.status, 200);
		v = body_json(&r);
		ck_assert(json_is_array(json_object_get(v, keys[i])));
		ck_assert_ptr_null(json_object_get(v, "entities"));
		json_decref(v);
		reply_free(&r);
	}
}

START_TEST(bad_requests)
{
	expect_error("POST", "/v1/enrich", "application/json", "{\"text\": \"a\",}", 400,
		     "invalid_json");
	expect_error("POST", "/v1/enrich", "application/json", "{\"title\":\"no text\"}", 400,
		     "missing_field");
	expect_error("POST", "/v1/enrich", "application/json", "{\"text\": 5}", 400,
		     "invalid_field");
	expect_error("POST", "/v1/enrich", "application/json", "{\"text\":\"a\",\"offsets\":\"km\"}",
		     400, "invalid_field");
	expect_error("POST", "/v1/enrich", "application/json",
		     "{\"text\":\"a\",\"published\":\"yesterday\"}", 400, "invalid_field");
	expect_error("POST", "/v1/enrich", "application/json", "[1,2]", 400, "invalid_request");
	expect_error("POST", "/v1/enrich", "text/plain", "caf\xC3", 400, "invalid_utf8");
	expect_error("POST", "/v1/enrich", "application/xml", "<a/>", 415,
		     "unsupported_media_type");
	expect_error("GET", "/v1/nothing", NULL, NULL, 404, "not_found");
}

START_TEST(bad_json_has_offset)
{
	struct reply r = harness_request(&srv, "POST", "/v1/enrich", "application/json",
					 "{\"text\": \"ok\" \"x\"}", NULL);
	ck_assert_int_eq(r.status, 400);
	json_t *v = body_json(&r);
	ck_assert(json_is_integer(json_object_get(json_object_get(v, "error"), "offset")));
	json_decref(v);
	reply_free(&r);
	r = harness_request(&srv, "POST", "/v1/enrich", "application/json",
			    "{\"text\":\"ab\xFF\"}", NULL);
	ck_assert_int_eq(r.status, 400);
	v = body_json(&r);
	ck_assert_int_eq(json_integer_value(json_object_get(json_object_get(v, "error"), "offset")), 11);
	json_decref(v);
	reply_free(&r);
}

START_TEST(method_not_allowed_says_allow)
{
	struct reply r = harness_request(&srv, "GET", "/v1/enrich", NULL, NULL, NULL);
	ck_assert_int_eq(r.status, 405);
	ck_assert_str_eq(r.allow, "POST");
	reply_free(&r);
	r = harness_request(&srv, "DELETE", "/healthz", NULL, NULL, NULL);
	ck_assert_int_eq(r.status, 405);
	reply_free(&r);
}

START_TEST(deep_json_refused)
{
	char buf[4096];
	size_t n = 0;
	n += (size_t)snprintf(buf, sizeof buf, "{\"text\":\"a\",\"x\":");
	for (int i = 0; i < 1000; i++)
		buf[n++] = '[';
	buf[n] = '\0';
	struct reply r = harness_request(&srv, "POST", "/v1/enrich", "application/json", buf, NULL);
	ck_assert_int_eq(r.status, 400);
	reply_free(&r);
}

START_TEST(body_cap_by_length)
{
	size_t n = 2 * 1024 * 1024 + 10;
	char *big = malloc(n + 1);
	memset(big, 'a', n);
	big[n] = '\0';
	CURL *c = curl_easy_init();
	struct reply r = harness_request_on(c, &srv, "POST", "/v1/enrich", "text/plain", big, n, NULL);
	ck_assert_int_eq(r.status, 413);
	json_t *v = body_json(&r);
	ck_assert_str_eq(error_code(v), "body_too_large");
	json_decref(v);
	reply_free(&r);
	curl_easy_cleanup(c);
	free(big);
}

/* Chunked: no Content-Length, so the cap is found while reading. */
START_TEST(body_cap_chunked)
{
	int fd = harness_connect(&srv);
	ck_assert_int_ge(fd, 0);
	const char *head = "POST /v1/enrich HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\n"
			   "Transfer-Encoding: chunked\r\n\r\n";
	ck_assert_int_eq(harness_send_all(fd, head, strlen(head)), 0);
	char chunk[65536 + 16];
	int hl = snprintf(chunk, sizeof chunk, "10000\r\n");
	memset(chunk + hl, 'b', 65536);
	memcpy(chunk + hl + 65536, "\r\n", 2);
	int got413 = 0;
	char buf[4096];
	for (int i = 0; i < 48; i++)  /* 3 MiB, over the 2 MiB cap */
		ck_assert_int_eq(harness_send_all(fd, chunk, (size_t)hl + 65536 + 2), 0);
	ck_assert_int_eq(harness_send_all(fd, "0\r\n\r\n", 5), 0);
	harness_recv_all(fd, buf, sizeof buf);
	got413 = strstr(buf, " 413 ") != NULL;
	close(fd);
	ck_assert_msg(got413, "expected 413, got: %.80s", buf);
}

START_TEST(keep_alive_reuses_connection)
{
	CURL *c = curl_easy_init();
	struct reply r1 = harness_request_on(c, &srv, "POST", "/v1/enrich", "application/json",
					     "{\"text\":\"One.\"}", 15, NULL);
	struct reply r2 = harness_request_on(c, &srv, "POST", "/v1/enrich", "application/json",
					     "{\"text\":\"Two.\"}", 15, NULL);
	struct reply r3 = harness_request_on(c, &srv, "GET", "/healthz", NULL, NULL, 0, NULL);
	ck_assert_int_eq(r1.status, 200);
	ck_assert_int_eq(r2.status, 200);
	ck_assert_int_eq(r3.status, 200);
	ck_assert_int_eq(r1.connects, 1);
	ck_assert_int_eq(r2.connects, 0);
	ck_assert_int_eq(r3.connects, 0);
	reply_free(&r1);
	reply_free(&r2);
	reply_free(&r3);
	curl_easy_cleanup(c);
}

static void *client_thread(void *arg)
{
	long ok = 0;
	CURL *c = curl_easy_init();
	for (int i = 0; i < 25; i++) {
		char body[128];
		int n = snprintf(body, sizeof body, "{\"id\":\"t%ld-%d\",\"text\":\"Request %d from a client.\"}",
				 (long)(intptr_t)arg, i, i);
		struct reply r = harness_request_on(c, &srv, "POST", "/v1/enrich", "application/json",
						    body, (size_t)n, NULL);
		char want[32];
		snprintf(want, sizeof want, "\"id\":\"t%ld-%d\"", (long)(intptr_t)arg, i);
		if (r.status == 200 && r.body && strstr(r.body, want))
			ok++;
		reply_free(&r);
	}
	curl_easy_cleanup(c);
	return (void *)ok;
}

START_TEST(concurrent_clients)
{
	pthread_t th[8];
	for (long i = 0; i < 8; i++)
		pthread_create(&th[i], NULL, client_thread, (void *)(intptr_t)i);
	long total = 0;
	for (int i = 0; i < 8; i++) {
		void *ok;
		pthread_join(th[i], &ok);
		total += (long)(intptr_t)ok;
	}
	ck_assert_int_eq(total, 200);
}

START_TEST(batch_keeps_going_past_bad_items)
{
	struct reply r = harness_request(&srv, "POST", "/v1/enrich/batch", "application/json",
					 "{\"articles\":[{\"id\":\"a\",\"text\":\"Fine.\"},{\"id\":\"b\"},"
					 "{\"id\":\"c\",\"text\":\"Also fine.\"},7]}",
					 NULL);
	ck_assert_int_eq(r.status, 200);
	json_t *v = body_json(&r);
	json_t *res = json_object_get(v, "results");
	ck_assert_uint_eq(json_array_size(res), 4);
	ck_assert_str_eq(json_string_value(json_object_get(json_array_get(res, 0), "id")), "a");
	ck_assert_str_eq(error_code(json_array_get(res, 1)), "missing_field");
	ck_assert_str_eq(json_string_value(json_object_get(json_array_get(res, 2), "id")), "c");
	ck_assert_str_eq(error_code(json_array_get(res, 3)), "invalid_request");
	json_decref(v);
	reply_free(&r);
	expect_error("POST", "/v1/enrich/batch", "application/json", "{\"items\":[]}", 400,
		     "invalid_request");
}

START_TEST(batch_cap)
{
	char buf[8192] = "{\"articles\":[";
	for (int i = 0; i < 101; i++)
		strcat(buf, i ? ",{\"text\":\"x\"}" : "{\"text\":\"x\"}");
	strcat(buf, "]}");
	expect_error("POST", "/v1/enrich/batch", "application/json", buf, 413, "batch_too_large");
}

START_TEST(auth_guards_v1_only)
{
	const char *extra[] = {"--auth-tokens", "s3cret,other", NULL};
	struct server a = harness_start(extra);
	ck_assert_int_gt(a.pid, 0);
	struct reply r = harness_request(&a, "POST", "/v1/enrich", "text/plain", "Hi.", NULL);
	ck_assert_int_eq(r.status, 401);
	reply_free(&r);
	const char *bad[] = {"Authorization: Bearer s3cre", NULL};
	r = harness_request(&a, "POST", "/v1/enrich", "text/plain", "Hi.", bad);
	ck_assert_int_eq(r.status, 401);
	reply_free(&r);
	const char *good[] = {"Authorization: Bearer other", NULL};
	r = harness_request(&a, "POST", "/v1/enrich", "text/plain", "Hi.", good);
	ck_assert_int_eq(r.status, 200);
	reply_free(&r);
	r = harness_request(&a, "GET", "/metrics", NULL, NULL, NULL);
	ck_assert_int_eq(r.status, 200);
	reply_free(&r);
	ck_assert_int_eq(harness_stop(&a), 0);
}

/* SIGTERM while a request's body is half sent: readiness turns 503, the
 * request still completes, then the process exits 0. */
START_TEST(sigterm_drains_in_flight)
{
	struct server s = harness_start(NULL);
	ck_assert_int_gt(s.pid, 0);
	int fd = harness_connect(&s);
	ck_assert_int_ge(fd, 0);
	const char *body = "{\"id\":\"late\",\"text\":\"Still answered after SIGTERM.\"}";
	char head[256];
	snprintf(head, sizeof head,
		 "POST /v1/enrich HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
		 "Content-Length: %zu\r\n\r\n", strlen(body));
	ck_assert_int_eq(harness_send_all(fd, head, strlen(head)), 0);
	ck_assert_int_eq(harness_send_all(fd, body, 10), 0);
	usleep(200000);
	/* a readiness probe on an open keep-alive connection sees draining */
	kill(s.pid, SIGTERM);
	usleep(300000);
	int st;
	ck_assert_int_eq(waitpid(s.pid, &st, WNOHANG), 0);  /* still running */
	ck_assert_int_eq(harness_send_all(fd, body + 10, strlen(body) - 10), 0);
	char buf[4096];
	harness_recv_all(fd, buf, sizeof buf);
	close(fd);
	ck_assert_msg(strstr(buf, "HTTP/1.1 200") != NULL, "got: %.60s", buf);
	ck_assert_ptr_nonnull(strstr(buf, "\"id\":\"late\""));
	for (int i = 0; i < 500 && waitpid(s.pid, &st, WNOHANG) == 0; i++)
		usleep(10000);
	ck_assert(WIFEXITED(st));
	ck_assert_int_eq(WEXITSTATUS(st), 0);
}

START_TEST(readyz_turns_503_while_draining)
{
	const char *extra[] = {"--drain-delay-ms", "1500", NULL};
	struct server s = harness_start(extra);
	ck_assert_int_gt(s.pid, 0);
	kill(s.pid, SIGTERM);
	usleep(300000);
	struct reply r = harness_request(&s, "GET", "/readyz", NULL, NULL, NULL);
	ck_assert_int_eq(r.status, 503);
	json_t *v = body_json(&r);
	ck_assert_str_eq(json_string_value(json_object_get(v, "status")), "draining");
	json_decref(v);
	reply_free(&r);
	r = harness_request(&s, "GET", "/healthz", NULL, NULL, NULL);
	ck_assert_int_eq(r.status, 200);
	reply_free(&r);
	int st;
	for (int i = 0; i < 500 && waitpid(s.pid, &st, WNOHANG) == 0; i++)
		usleep(10000);
	ck_assert(WIFEXITED(st) && WEXITSTATUS(st) == 0);
}

START_TEST(bad_config_fails_clearly)
{
	const char *bin = getenv("ENRICHER_BIN") ? getenv("ENRICHER_BIN") : "build/enricher";
	char cmd[512];
	snprintf(cmd, sizeof cmd, "%s serve --port notaport 2>&1", bin);
	FILE *p = popen(cmd, "r");
	char out[512] = "";
	size_t n = fread(out, 1, sizeof out - 1, p);
	out[n] = '\0';
	int st = pclose(p);
	ck_assert_int_ne(WEXITSTATUS(st), 0);
	ck_assert_ptr_nonnull(strstr(out, "port must be a number"));
}

int main(void)
{
	Suite *s = suite_create("http");
	TCase *tc = tcase_create("shared server");
	tcase_add_unchecked_fixture(tc, start_shared, stop_shared);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, server_started);
	tcase_add_test(tc, health_endpoints);
	tcase_add_test(tc, openapi_lists_every_route);
	tcase_add_test(tc, metrics_count_requests);
	tcase_add_test(tc, enrich_answers_the_envelope);
	tcase_add_test(tc, empty_optional_fields_are_absent);
	tcase_add_test(tc, family_endpoints_and_plain_text);
	tcase_add_test(tc, bad_requests);
	tcase_add_test(tc, bad_json_has_offset);
	tcase_add_test(tc, method_not_allowed_says_allow);
	tcase_add_test(tc, deep_json_refused);
	tcase_add_test(tc, body_cap_by_length);
	tcase_add_test(tc, body_cap_chunked);
	tcase_add_test(tc, keep_alive_reuses_connection);
	tcase_add_test(tc, concurrent_clients);
	tcase_add_test(tc, batch_keeps_going_past_bad_items);
	tcase_add_test(tc, batch_cap);
	suite_add_tcase(s, tc);
	TCase *own = tcase_create("own server");
	tcase_set_timeout(own, 60);
	tcase_add_test(own, auth_guards_v1_only);
	tcase_add_test(own, sigterm_drains_in_flight);
	tcase_add_test(own, readyz_turns_503_while_draining);
	tcase_add_test(own, bad_config_fails_clearly);
	suite_add_tcase(s, own);
	SRunner *sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
