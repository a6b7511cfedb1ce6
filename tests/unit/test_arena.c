/* The request arena: alignment, growth, realloc in place, caps. */
#include <check.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "enricher/arena.h"

START_TEST(aligned_and_distinct)
{
	struct arena *a = arena_new(0);
	char *p = arena_alloc(a, 3), *q = arena_alloc(a, 0), *r = arena_alloc(a, 17);
	ck_assert_ptr_nonnull(p);
	ck_assert_ptr_nonnull(q);
	ck_assert_ptr_ne(p, q);
	ck_assert_uint_eq((uintptr_t)r % 16, 0);
	ck_assert_uint_eq(arena_used(a), 16 + 16 + 32);
	arena_free(a);
}

START_TEST(grows_past_chunks)
{
	struct arena *a = arena_new(0);
	for (int i = 0; i < 1000; i++) {
		char *p = arena_alloc(a, 1000);
		ck_assert_ptr_nonnull(p);
		memset(p, i & 0xff, 1000);
	}
	char *big = arena_alloc(a, 10 * 1024 * 1024);
	ck_assert_ptr_nonnull(big);
	memset(big, 1, 10 * 1024 * 1024);
	arena_free(a);
}

START_TEST(realloc_keeps_data)
{
	struct arena *a = arena_new(0);
	char *p = arena_alloc(a, 8);
	memcpy(p, "abcdefg", 8);
	char *q = arena_realloc(a, p, 8, 64);
	ck_assert_ptr_eq(p, q);  /* last block grows in place */
	ck_assert_str_eq(q, "abcdefg");
	arena_alloc(a, 8);
	char *r = arena_realloc(a, q, 64, 200000);
	ck_assert_ptr_nonnull(r);
	ck_assert_str_eq(r, "abcdefg");
	arena_free(a);
}

START_TEST(cap_refuses)
{
	struct arena *a = arena_new(100000);
	ck_assert_ptr_nonnull(arena_alloc(a, 50000));
	ck_assert_ptr_null(arena_alloc(a, 200000));
	ck_assert_ptr_null(arena_calloc(a, SIZE_MAX / 2, 4));  /* overflow */
	arena_free(a);
	arena_free(NULL);
}

START_TEST(strings)
{
	struct arena *a = arena_new(0);
	ck_assert_str_eq(arena_strndup(a, "hello world", 5), "hello");
	ck_assert_str_eq(arena_sprintf(a, "%s-%d", "e", 42), "e-42");
	arena_free(a);
}

int main(void)
{
	Suite *s = suite_create("arena");
	TCase *tc = tcase_create("arena");
	tcase_add_test(tc, aligned_and_distinct);
	tcase_add_test(tc, grows_past_chunks);
	tcase_add_test(tc, realloc_keeps_data);
	tcase_add_test(tc, cap_refuses);
	tcase_add_test(tc, strings);
	suite_add_tcase(s, tc);
	SRunner *sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
