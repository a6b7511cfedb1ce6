/* Config: defaults, then file, then ENRICHER_* environment, then flags. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "enricher/config.h"

static const char *write_conf(const char *body)
{
	static char path[] = "/tmp/enricher-test-XXXXXX";
	strcpy(path, "/tmp/enricher-test-XXXXXX");
	int fd = mkstemp(path);
	ck_assert_int_ge(fd, 0);
	FILE *f = fdopen(fd, "w");
	fputs(body, f);
	fclose(f);
	return path;
}

START_TEST(defaults)
{
	struct config c;
	ck_assert_int_eq(config_defaults(&c), 0);
	ck_assert_int_eq(c.port, 8080);
	ck_assert_str_eq(c.host, "127.0.0.1");
	ck_assert_int_eq(c.max_body_bytes, 2097152);
	config_free(&c);
}

START_TEST(file_then_env_then_flags)
{
	struct config c;
	struct enr_error e;
	config_defaults(&c);
	const char *p = write_conf("# comment\nport = 9001\nthreads=3\nlog_level = \"warn\"\n"
				   "auth_tokens = \"a,b\"\n");
	ck_assert_int_eq(config_load_file(&c, p, &e), 0);
	ck_assert_int_eq(c.port, 9001);
	ck_assert_int_eq(c.threads, 3);
	ck_assert_str_eq(c.log_level, "warn");
	ck_assert_str_eq(c.auth_tokens, "a,b");
	setenv("ENRICHER_PORT", "9002", 1);
	setenv("ENRICHER_FETCH_ENABLED", "false", 1);
	ck_assert_int_eq(config_load_env(&c, &e), 0);
	ck_assert_int_eq(c.port, 9002);
	ck_assert_int_eq(c.fetch_enabled, 0);
	char *argv[] = {"enricher", "--port", "9003", "--max-body-bytes=4096", "--config", (char *)p,
			"rest"};
	int next;
	ck_assert_int_eq(config_load_flags(&c, 7, argv, 1, &next, &e), 0);
	ck_assert_int_eq(c.port, 9003);
	ck_assert_int_eq(c.max_body_bytes, 4096);
	ck_assert_int_eq(next, 6);
	ck_assert_str_eq(config_path_from(7, argv, 1), p);
	unsetenv("ENRICHER_PORT");
	unsetenv("ENRICHER_FETCH_ENABLED");
	remove(p);
	config_free(&c);
}

START_TEST(errors_name_the_place)
{
	struct config c;
	struct enr_error e;
	config_defaults(&c);
	const char *p = write_conf("port = 80\nbogus = 1\n");
	ck_assert_int_ne(config_load_file(&c, p, &e), 0);
	ck_assert_ptr_nonnull(strstr(e.message, ":2: unknown option \"bogus\""));
	remove(p);
	p = write_conf("port = 70000\n");
	ck_assert_int_ne(config_load_file(&c, p, &e), 0);
	ck_assert_ptr_nonnull(strstr(e.message, "between 0 and 65535"));
	remove(p);
	char *argv[] = {"enricher", "--threads", "many"};
	ck_assert_int_ne(config_load_flags(&c, 3, argv, 1, NULL, &e), 0);
	ck_assert_ptr_nonnull(strstr(e.message, "threads must be a number"));
	char *argv2[] = {"enricher", "--nope", "1"};
	ck_assert_int_ne(config_load_flags(&c, 3, argv2, 1, NULL, &e), 0);
	ck_assert_ptr_nonnull(strstr(e.message, "unknown flag --nope"));
	ck_assert_int_ne(config_load_file(&c, "/nonexistent/enricher.conf", &e), 0);
	config_free(&c);
}

/* The shipped config/enricher.conf is what `enricher config` prints, so it
 * loads and names every option with its default. */
START_TEST(shipped_file_matches_defaults)
{
	struct config d, c;
	struct enr_error e;
	config_defaults(&d);
	config_defaults(&c);
	ck_assert_int_eq(config_load_file(&c, "config/enricher.conf", &e), 0);
	ck_assert_int_eq(c.port, d.port);
	ck_assert_int_eq(c.max_inflight, d.max_inflight);
	ck_assert_str_eq(c.config_dir, d.config_dir);
	char *buf = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&buf, &n);
	config_write_defaults(f);
	fclose(f);
	FILE *g = fopen("config/enricher.conf", "r");
	ck_assert_ptr_nonnull(g);
	char *file = calloc(1, n + 2);
	size_t got = fread(file, 1, n + 1, g);
	fclose(g);
	ck_assert_uint_eq(got, n);
	ck_assert_msg(memcmp(file, buf, n) == 0,
		      "config/enricher.conf is stale: regenerate with build/enricher config");
	free(file);
	free(buf);
	config_free(&c);
	config_free(&d);
}

int main(void)
{
	Suite *s = suite_create("config");
	TCase *tc = tcase_create("config");
	tcase_add_test(tc, defaults);
	tcase_add_test(tc, file_then_env_then_flags);
	tcase_add_test(tc, errors_name_the_place);
	tcase_add_test(tc, shipped_file_matches_defaults);
	suite_add_tcase(s, tc);
	SRunner *sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
