/* The direct JSON writer against jansson: for each value, the writer's bytes
 * must equal json_dumps(value, JSON_COMPACT) exactly, since the API's answers
 * moved from one to the other. */
#include <check.h>
#include <float.h>
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "enricher/jsonw.h"

/* Dumps v (stolen) as the API does, or NULL when jansson refuses it. */
static char *dumped(json_t *v)
{
	if (!v)
		return NULL;
	char *s = json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY);
	json_decref(v);
	return s;
}

static char *finished(struct jsonw *w)
{
	size_t n;
	char *s = jsonw_finish(w, &n);
	ck_assert_ptr_nonnull(s);
	ck_assert_uint_eq(strlen(s), n);
	return s;
}

/* The writer's bytes for the string s[0..n), NULL when it refuses it. */
static char *written_string(const char *s, size_t n)
{
	struct jsonw w;
	jsonw_init(&w, 1); /* a tiny start: every value makes the buffer grow */
	if (jsonw_string(&w, s, n)) {
		ck_assert_uint_eq(w.len, 0);
		jsonw_free(&w);
		return NULL;
	}
	return finished(&w);
}

static void same_string(const char *s, size_t n)
{
	char *want = dumped(json_stringn(s, n));
	char *got = written_string(s, n);
	if (!want) {
		ck_assert_msg(!got, "jansson refuses the string, the writer wrote %s", got);
	} else {
		ck_assert_ptr_nonnull(got);
		ck_assert_str_eq(got, want);
		ck_assert_int_eq(jsonw_utf8_valid(s, n), 1);
	}
	free(want);
	free(got);
}

START_TEST(every_ascii_byte)
{
	for (int c = 0; c < 0x80; c++) {
		char s[4] = {'a', (char)c, 'b', 0};
		same_string(s, 3);
		same_string(s + 1, 1);
	}
	char all[128];
	for (int c = 0; c < 128; c++)
		all[c] = (char)c;
	same_string(all, sizeof all);
	same_string("", 0);
}

START_TEST(escapes_by_name_and_code)
{
	char *got = written_string("\"\\/\b\f\n\r\t\x01\x1f\x7f", 11);
	ck_assert_str_eq(got, "\"\\\"\\\\/\\b\\f\\n\\r\\t\\u0001\\u001F\x7f\"");
	free(got);
	same_string("a\0b", 3); /* a NUL inside a counted string is \u0000 */
}

START_TEST(unicode_raw)
{
	static const char *const s[] = {
		"caf\xc3\xa9",
		"\xe6\x97\xa5\xe6\x9c\xac",
		"\xf0\x9f\x98\x80 grin",
		"\xe2\x80\xa8 line sep",
		"\xef\xbf\xbf",
		"\xf4\x8f\xbf\xbf",
		"\xc2\x80",
		"\xe0\xa0\x80",
		"\xf0\x90\x80\x80",
		"\xed\x9f\xbf",
		"\xee\x80\x80",
		"\xe2\x80\x9cquoted\xe2\x80\x9d \xe2\x80\x94 dash",
	};
	for (size_t i = 0; i < sizeof s / sizeof *s; i++)
		same_string(s[i], strlen(s[i]));
	char *got = written_string("\xc3\xa9", 2);
	ck_assert_str_eq(got, "\"\xc3\xa9\"");
	free(got);
}

START_TEST(invalid_utf8_refused)
{
	static const char *const s[] = {
		"\x80",
		"a\xbf",
		"\xc0\x80",
		"\xc1\xbf",
		"\xc3",
		"\xe2\x82",
		"\xe0\x80\x80",
		"\xed\xa0\x80",
		"\xed\xbf\xbf",
		"\xf0\x80\x80\x80",
		"\xf4\x90\x80\x80",
		"\xf5\x80\x80\x80",
		"\xf8\x88\x80\x80\x80",
		"\xff",
		"ok\xc3\x28",
		"\xe2\x28\xa1",
	};
	for (size_t i = 0; i < sizeof s / sizeof *s; i++) {
		same_string(s[i], strlen(s[i]));
		ck_assert_int_eq(jsonw_utf8_valid(s[i], strlen(s[i])), 0);
		ck_assert_ptr_null(written_string(s[i], strlen(s[i])));
	}
}

/* A refused value goes with its key, as json_object_set_new(o, k, NULL)
 * leaves o without k; in an array it is left out. */
START_TEST(refused_values_drop_their_member)
{
	json_t *o = json_object();
	json_object_set_new(o, "a", json_string("x"));
	json_object_set_new(o, "b", json_string("\xc0\x80"));
	json_object_set_new(o, "c", json_real(NAN));
	json_t *arr = json_array();
	json_array_append_new(arr, json_string("\xff"));
	json_array_append_new(arr, json_integer(1));
	json_array_append_new(arr, json_real(INFINITY));
	json_array_append_new(arr, json_stringn("\xff", 1));
	json_object_set_new(o, "d", arr);
	json_object_set_new(o, "e", json_null());
	char *want = dumped(o);

	struct jsonw w;
	jsonw_init(&w, 0);
	jsonw_object_begin(&w);
	jsonw_key(&w, "a");
	ck_assert_int_eq(jsonw_str(&w, "x"), 0);
	jsonw_key(&w, "b");
	ck_assert_int_eq(jsonw_str(&w, "\xc0\x80"), -1);
	jsonw_key(&w, "c");
	ck_assert_int_eq(jsonw_real(&w, NAN), -1);
	jsonw_key(&w, "d");
	jsonw_array_begin(&w);
	ck_assert_int_eq(jsonw_str(&w, "\xff"), -1);
	jsonw_int(&w, 1);
	ck_assert_int_eq(jsonw_real(&w, INFINITY), -1);
	ck_assert_int_eq(jsonw_string(&w, "\xff", 1), -1);
	jsonw_array_end(&w);
	jsonw_key(&w, "e");
	jsonw_null(&w);
	jsonw_object_end(&w);
	char *got = finished(&w);
	ck_assert_str_eq(got, want);
	ck_assert_str_eq(got, "{\"a\":\"x\",\"d\":[1],\"e\":null}");
	free(want);
	free(got);
}

static void same_real(double v)
{
	char *want = dumped(json_real(v));
	struct jsonw w;
	jsonw_init(&w, 1);
	int rc = jsonw_real(&w, v);
	if (!want) {
		ck_assert_msg(rc == -1, "jansson refuses %.17g, the writer does not", v);
		jsonw_free(&w);
		return;
	}
	ck_assert_int_eq(rc, 0);
	char *got = finished(&w);
	ck_assert_msg(!strcmp(got, want), "%.17g: writer %s, jansson %s", v, got, want);
	free(want);
	free(got);
}

static uint64_t rng = 0x9E3779B97F4A7C15ULL;

static uint64_t next_rand(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

START_TEST(reals_as_jansson)
{
	static const double v[] = {
		0.0,
		-0.0,
		0.1,
		1.0,
		-1.0,
		1e-7,
		1e-5,
		1e-4,
		0.123,
		0.761,
		0.5,
		2.5,
		-2.5,
		100.0,
		1e15,
		1e16,
		1e17,
		1e20,
		1e21,
		1e22,
		1e100,
		-1e100,
		1e-100,
		1e-300,
		123456789.0,
		123456789012345678.0,
		3.141592653589793,
		5e-324,
		DBL_MIN,
		DBL_MAX,
		-DBL_MAX,
		-1.2345678901234567e-308,
		1.2345678901234567e-308,
		9007199254740993.0,
		0.30000000000000004,
		1.5e300,
		2.2250738585072014e-308,
		4.9406564584124654e-324,
	};
	for (size_t i = 0; i < sizeof v / sizeof *v; i++)
		same_real(v[i]);
	for (int k = 0; k <= 1000; k++) /* saliences: thousandths in [0, 1] */
		same_real((double)k / 1000.0);
	for (int k = -330; k <= 310; k++)
		same_real(pow(10.0, k));
	for (int i = 0; i < 20000; i++) {
		uint64_t bits = next_rand();
		double d;
		memcpy(&d, &bits, sizeof d);
		if (isfinite(d))
			same_real(d);
		same_real((double)(int64_t)next_rand() / (double)(1 + (next_rand() % 1000000)));
	}
	same_real(NAN);
	same_real(INFINITY);
	same_real(-INFINITY);
}

static void same_int(long long v)
{
	char *want = dumped(json_integer((json_int_t)v));
	struct jsonw w;
	jsonw_init(&w, 1);
	jsonw_int(&w, v);
	char *got = finished(&w);
	ck_assert_str_eq(got, want);
	free(want);
	free(got);
}

START_TEST(integers_as_jansson)
{
	static const long long v[] = {0,
				      1,
				      -1,
				      9,
				      10,
				      -10,
				      99,
				      100,
				      2147483647LL,
				      -2147483648LL,
				      4294967296LL,
				      LLONG_MAX,
				      LLONG_MIN,
				      LLONG_MIN + 1};
	for (size_t i = 0; i < sizeof v / sizeof *v; i++)
		same_int(v[i]);
	long long p = 1;
	for (int k = 0; k < 18; k++, p *= 10) {
		same_int(p);
		same_int(p - 1);
		same_int(-p);
		same_int(-p + 1);
	}
	for (int i = 0; i < 10000; i++)
		same_int((long long)next_rand() >> (next_rand() % 64));
}

/* A random tree built twice, as json_t and through the writer. */
static json_t *random_tree(struct jsonw *w, int depth)
{
	static const char *const strs[] = {
		"", "plain", "q\"b\\s/", "\n\t\x01", "caf\xc3\xa9 \xf0\x9f\x98\x80", "\x7f\x1f",
	};
	unsigned r = (unsigned)(next_rand() % (depth < 4 ? 8 : 5));
	switch (r) {
	case 0:
		jsonw_null(w);
		return json_null();
	case 1: {
		int b = (int)(next_rand() & 1);
		jsonw_bool(w, b);
		return json_boolean(b);
	}
	case 2: {
		long long v = (long long)next_rand() >> (next_rand() % 64);
		jsonw_int(w, v);
		return json_integer((json_int_t)v);
	}
	case 3: {
		double d = (double)(next_rand() % 100000) / 997.0;
		jsonw_real(w, d);
		return json_real(d);
	}
	case 4: {
		const char *s = strs[next_rand() % (sizeof strs / sizeof *strs)];
		jsonw_str(w, s);
		return json_string(s);
	}
	case 5:
	case 6: {
		json_t *o = json_object();
		jsonw_object_begin(w);
		int n = (int)(next_rand() % 5);
		char keys[5][16];
		for (int i = 0; i < n; i++) {
			snprintf(keys[i], sizeof keys[i], "k%d%s", i,
				 (next_rand() & 1) ? "\"/\n" : "");
			jsonw_key(w, keys[i]);
			json_object_set_new(o, keys[i], random_tree(w, depth + 1));
		}
		jsonw_object_end(w);
		return o;
	}
	default: {
		json_t *a = json_array();
		jsonw_array_begin(w);
		int n = (int)(next_rand() % 5);
		for (int i = 0; i < n; i++)
			json_array_append_new(a, random_tree(w, depth + 1));
		jsonw_array_end(w);
		return a;
	}
	}
}

START_TEST(random_trees_as_jansson)
{
	for (int i = 0; i < 2000; i++) {
		struct jsonw w;
		jsonw_init(&w, (size_t)(i % 3) * 7);
		jsonw_object_begin(&w);
		jsonw_key(&w, "v");
		json_t *t = random_tree(&w, 0);
		jsonw_object_end(&w);
		char *want = dumped(json_pack("{s:o}", "v", t));
		char *got = finished(&w);
		ck_assert_str_eq(got, want);
		free(want);
		free(got);
	}
}

START_TEST(refs_as_strings)
{
	static const long long v[] = {
		0, 1, 9, 10, 39, 100, 2147483647LL, 2147483648LL, -5, LLONG_MAX, LLONG_MIN};
	static const char prefix[] = {'e', 'q', 'c', 'X'};
	for (size_t i = 0; i < sizeof v / sizeof *v; i++)
		for (size_t p = 0; p < sizeof prefix; p++) {
			char buf[32];
			snprintf(buf, sizeof buf, "%c%lld", prefix[p], v[i]);
			char *want = dumped(json_string(buf));
			struct jsonw w;
			jsonw_init(&w, 1);
			jsonw_array_begin(&w);
			jsonw_ref(&w, prefix[p], v[i]);
			jsonw_ref(&w, prefix[p], v[i]);
			jsonw_array_end(&w);
			char *got = finished(&w);
			char both[80];
			snprintf(both, sizeof both, "[%s,%s]", want, want);
			ck_assert_str_eq(got, both);
			free(want);
			free(got);
		}
}

START_TEST(raw_fragments_and_commas)
{
	struct jsonw w;
	jsonw_init(&w, 0);
	jsonw_object_begin(&w);
	jsonw_key(&w, "id");
	jsonw_raw(&w, "\"a/b\"", 5);
	jsonw_key(&w, "list");
	jsonw_array_begin(&w);
	jsonw_array_end(&w);
	jsonw_key(&w, "obj");
	jsonw_object_begin(&w);
	jsonw_object_end(&w);
	jsonw_key(&w, "x");
	ck_assert_int_eq(jsonw_str_or_null(&w, NULL), 0);
	jsonw_key(&w, "t");
	jsonw_bool(&w, 1);
	jsonw_object_end(&w);
	char *got = finished(&w);
	ck_assert_str_eq(got, "{\"id\":\"a/b\",\"list\":[],\"obj\":{},\"x\":null,\"t\":true}");
	free(got);
}

START_TEST(unbalanced_is_refused)
{
	struct jsonw w;
	size_t n = 1;
	jsonw_init(&w, 0);
	jsonw_array_begin(&w);
	jsonw_int(&w, 1);
	ck_assert_ptr_null(jsonw_finish(&w, &n));
	ck_assert_uint_eq(n, 0);
	ck_assert_ptr_null(w.buf);
	jsonw_free(&w); /* a finished writer may be freed again */
	struct jsonw z;
	memset(&z, 0, sizeof z);
	jsonw_free(&z);
}

START_TEST(long_string_grows)
{
	size_t n = 200000;
	char *s = malloc(n);
	ck_assert_ptr_nonnull(s);
	for (size_t i = 0; i < n; i++)
		s[i] = (char)(i % 3 == 0 ? '\n' : 'a' + (int)(i % 26));
	same_string(s, n);
	free(s);
}

int main(void)
{
	Suite *s = suite_create("jsonw");
	TCase *tc = tcase_create("jsonw");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, every_ascii_byte);
	tcase_add_test(tc, escapes_by_name_and_code);
	tcase_add_test(tc, unicode_raw);
	tcase_add_test(tc, invalid_utf8_refused);
	tcase_add_test(tc, refused_values_drop_their_member);
	tcase_add_test(tc, reals_as_jansson);
	tcase_add_test(tc, integers_as_jansson);
	tcase_add_test(tc, random_trees_as_jansson);
	tcase_add_test(tc, refs_as_strings);
	tcase_add_test(tc, raw_fragments_and_commas);
	tcase_add_test(tc, unbalanced_is_refused);
	tcase_add_test(tc, long_string_grows);
	suite_add_tcase(s, tc);
	SRunner *sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
