/* Lexicon: parsing, folding, errors. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "enricher/lexicon.h"

static const char *get(const struct lexicon *lx, const char *k)
{
	return lexicon_get(lx, k, strlen(k));
}

START_TEST(parses_keys_values_comments)
{
	struct lexicon *lx;
	struct enr_error err;
	ck_assert_int_eq(lexicon_from_string("# a comment\n\nsoldier\tPERSON\n"
					     "prime minister\tPM\n  lone key  \r\n", &lx, &err), 0);
	ck_assert_uint_eq(lexicon_size(lx), 3);
	ck_assert_str_eq(get(lx, "soldier"), "PERSON");
	ck_assert_str_eq(get(lx, "prime minister"), "PM");
	ck_assert_str_eq(get(lx, "lone key"), "");
	ck_assert_ptr_null(get(lx, "# a comment"));
	ck_assert_ptr_null(get(lx, "prime"));
	ck_assert_uint_eq(lexicon_max_words(lx), 2);
	lexicon_free(lx);
}
END_TEST

START_TEST(folds_case_space_and_accents)
{
	struct lexicon *lx;
	struct enr_error err;
	ck_assert_int_eq(lexicon_from_string("Foreign  Minister\tx\nCôte d’Ivoire\ty\nЛьвів\tz\n",
					     &lx, &err), 0);
	ck_assert_str_eq(get(lx, "foreign minister"), "x");
	ck_assert_str_eq(get(lx, "FOREIGN \t MINISTER"), "x");
	ck_assert_str_eq(get(lx, "cote d'ivoire"), "y");
	ck_assert_str_eq(get(lx, "CÔTE D'IVOIRE"), "y");
	ck_assert_str_eq(get(lx, "львів"), "z");
	char out[32];
	size_t n = lexicon_fold("  Łódź  Ñandú ", 14 + 4, out, sizeof out);
	ck_assert_uint_eq(n, 10);
	ck_assert(memcmp(out, "lodz nandu", 10) == 0);
	ck_assert_uint_eq(lexicon_fold("ABCDEF", 6, out, 3), 6);  /* truncated: needs 6 */
	lexicon_free(lx);
}
END_TEST

START_TEST(skips_a_byte_order_mark)
{
	struct lexicon *lx;
	struct enr_error err;
	ck_assert_int_eq(lexicon_from_string("\xEF\xBB\xBFkyiv\tUkraine\n", &lx, &err), 0);
	ck_assert_str_eq(get(lx, "Kyiv"), "Ukraine");
	lexicon_free(lx);
}
END_TEST

START_TEST(later_line_wins)
{
	struct lexicon *lx;
	struct enr_error err;
	ck_assert_int_eq(lexicon_from_string("kiev\told\nKiev\tnew\n", &lx, &err), 0);
	ck_assert_uint_eq(lexicon_size(lx), 1);
	ck_assert_str_eq(get(lx, "KIEV"), "new");
	lexicon_free(lx);
}
END_TEST

START_TEST(errors_name_file_and_line)
{
	struct lexicon *lx = (struct lexicon *)1;
	struct enr_error err;
	ck_assert_int_eq(lexicon_from_string("ok\tfine\na\tb\tc\n", &lx, &err), ENR_EFORMAT);
	ck_assert_ptr_null(lx);
	ck_assert(strstr(err.message, ":2:") != NULL);
	ck_assert_int_eq(lexicon_load("/nonexistent/dir/titles.txt", &lx, &err), ENR_EIO);
	ck_assert_ptr_null(lx);
	ck_assert(strstr(err.message, "/nonexistent/dir/titles.txt") != NULL);
	lexicon_free(NULL);
}
END_TEST

START_TEST(loads_a_file_and_the_shipped_lexicons)
{
	char path[] = "/tmp/lexXXXXXX";
	int fd = mkstemp(path);
	ck_assert_int_ge(fd, 0);
	const char *body = "general\tmilitary\nspokesman\n";
	ck_assert_int_eq(write(fd, body, strlen(body)), (ssize_t)strlen(body));
	close(fd);
	struct lexicon *lx;
	struct enr_error err;
	ck_assert_int_eq(lexicon_load(path, &lx, &err), 0);
	ck_assert_str_eq(get(lx, "General"), "military");
	ck_assert_str_eq(get(lx, "spokesman"), "");
	lexicon_free(lx);
	unlink(path);

	static const char *const shipped[] = { "config/lexicons/titles.txt",
		"config/lexicons/demonyms.txt", "config/lexicons/capitals.txt",
		"config/lexicons/org_words.txt" };
	for (size_t i = 0; i < sizeof shipped / sizeof *shipped; i++) {
		ck_assert_msg(lexicon_load(shipped[i], &lx, &err) == 0, "%s", err.message);
		ck_assert_uint_gt(lexicon_size(lx), 10);
		lexicon_free(lx);
	}
}
END_TEST

START_TEST(ascii_fold_keeps_other_letters)
{
	struct lexicon *lx = NULL, *sq = NULL;
	struct enr_error err = { 0 };
	ck_assert_int_eq(lexicon_from_string_opts("Caf\u00e9 noir\tx\nwon't\ty\n", LEXICON_ASCII, &lx, &err), 0);
	/* ASCII case and whitespace runs folded, U+2019 is ', accents not folded */
	ck_assert_str_eq(lexicon_get(lx, "CAF\u00e9 \t NOIR", strlen("CAF\u00e9 \t NOIR")), "x");
	ck_assert_ptr_null(lexicon_get(lx, "cafe noir", 9));
	ck_assert_str_eq(lexicon_get(lx, "won\u2019t", strlen("won\u2019t")), "y");
	ck_assert_ptr_null(lexicon_get(lx, "won\u2018t", strlen("won\u2018t")));
	ck_assert_int_eq(lexicon_from_string_opts("won't\ty\n", LEXICON_ASCII | LEXICON_LSQUO, &sq, &err), 0);
	ck_assert_str_eq(lexicon_get(sq, "won\u2018t", strlen("won\u2018t")), "y");
	ck_assert_str_eq(lexicon_get(sq, "WON\u2019T", strlen("WON\u2019T")), "y");
	char out[32];
	const char *in = "  A\u2018B\u2019c  d ";
	size_t n = lexicon_fold_ascii(in, strlen(in), out, sizeof out, 1);
	ck_assert_uint_eq(n, 7);
	ck_assert_int_eq(memcmp(out, "a'b'c d", 7), 0);
	ck_assert_uint_eq(lexicon_fold_ascii("ab cd", 5, out, 2, 0), 5);  /* too small: full length */
	lexicon_free(sq);
	lexicon_free(lx);
}
END_TEST

struct each_acc {
	size_t n;
	char seen[64];
};

static void each_cb(const char *key, const char *value, void *ctx)
{
	struct each_acc *a = ctx;
	a->n++;
	strncat(a->seen, key, sizeof a->seen - strlen(a->seen) - 1);
	strncat(a->seen, "=", sizeof a->seen - strlen(a->seen) - 1);
	strncat(a->seen, value, sizeof a->seen - strlen(a->seen) - 1);
	strncat(a->seen, ";", sizeof a->seen - strlen(a->seen) - 1);
}

START_TEST(each_visits_every_entry_once)
{
	struct lexicon *lx = NULL;
	struct enr_error err = { 0 };
	ck_assert_int_eq(lexicon_from_string("Alpha\t1\nbeta  gamma\t2\nalpha\t3\n", &lx, &err), 0);
	struct each_acc a = { 0 };
	lexicon_each(lx, each_cb, &a);
	ck_assert_uint_eq(a.n, 2);
	ck_assert_ptr_nonnull(strstr(a.seen, "alpha=3;"));
	ck_assert_ptr_nonnull(strstr(a.seen, "beta gamma=2;"));
	lexicon_each(NULL, each_cb, &a);
	ck_assert_uint_eq(a.n, 2);
	lexicon_free(lx);
}
END_TEST

START_TEST(optional_file_may_be_missing)
{
	struct lexicon *lx = NULL;
	struct enr_error err = { 0 };
	ck_assert_int_eq(lexicon_load_opts("/nonexistent/none.txt", LEXICON_OPTIONAL, &lx, &err), 0);
	ck_assert_ptr_nonnull(lx);
	ck_assert_uint_eq(lexicon_size(lx), 0);
	ck_assert_ptr_null(lexicon_get(lx, "x", 1));
	lexicon_free(lx);
	ck_assert_int_lt(lexicon_load_opts("/nonexistent/none.txt", 0, &lx, &err), 0);
	ck_assert_ptr_null(lx);
}
END_TEST


static uint32_t value_len(const char *value)
{
	return (uint32_t)strlen(value) + 100;
}

START_TEST(numbers_beside_values)
{
	struct lexicon *lx = NULL;
	struct enr_error err = { 0 };
	ck_assert_int_eq(lexicon_from_string_opts("be\tverb,cop\nHold On\tverb\n",
						  LEXICON_ASCII | LEXICON_LSQUO, &lx, &err), 0);
	uint32_t v = 7;
	ck_assert_int_eq(lexicon_get_int_folded(lx, "be", 2, &v), 1);
	ck_assert_uint_eq(v, 0);  /* 0 until set */
	lexicon_set_ints(lx, value_len);
	ck_assert_int_eq(lexicon_get_int_folded(lx, "hold on", 7, &v), 1);
	ck_assert_uint_eq(v, 104);
	/* a folded-key lookup does not fold again */
	ck_assert_int_eq(lexicon_get_int_folded(lx, "Hold On", 7, &v), 0);
	ck_assert_ptr_null(lexicon_get_folded(lx, "Hold On", 7));
	ck_assert_str_eq(lexicon_get_folded(lx, "hold on", 7), "verb");
	ck_assert_ptr_null(lexicon_get_folded(lx, "", 0));
	/* put_int adds a key with value "" or keeps an existing value */
	ck_assert_int_eq(lexicon_put_int(lx, "New", 3, 42), 0);
	ck_assert_str_eq(lexicon_get(lx, "NEW", 3), "");
	ck_assert_int_eq(lexicon_get_int_folded(lx, "new", 3, &v), 1);
	ck_assert_uint_eq(v, 42);
	ck_assert_int_eq(lexicon_put_int(lx, "be", 2, 5), 0);
	ck_assert_str_eq(lexicon_get(lx, "be", 2), "verb,cop");
	ck_assert_int_eq(lexicon_get_int_folded(lx, "be", 2, &v), 1);
	ck_assert_uint_eq(v, 5);
	ck_assert_int_eq(lexicon_put_int(lx, "  ", 2, 1), 1);  /* empty key skipped */
	ck_assert_uint_eq(lexicon_size(lx), 3);
	lexicon_free(lx);
}
END_TEST

START_TEST(put_adds_and_replaces)
{
	struct lexicon *lx = NULL;
	struct enr_error err = { 0 };
	ck_assert_int_eq(lexicon_from_string("", &lx, &err), 0);
	ck_assert_int_eq(lexicon_put(lx, "United  States", 14, "United States", 13), 0);
	ck_assert_str_eq(lexicon_get(lx, "united states", 13), "United States");
	ck_assert_uint_eq(lexicon_max_words(lx), 2);
	ck_assert_int_eq(lexicon_put(lx, "UNITED STATES", 13, "US", 2), 0);
	ck_assert_str_eq(lexicon_get(lx, "United States", 13), "US");
	ck_assert_uint_eq(lexicon_size(lx), 1);
	ck_assert_int_eq(lexicon_put(lx, "", 0, "x", 1), 1);
	/* enough keys to make the table grow */
	char k[16];
	for (int i = 0; i < 1000; i++) {
		int n = snprintf(k, sizeof k, "k%d", i);
		ck_assert_int_eq(lexicon_put(lx, k, (size_t)n, k, (size_t)n), 0);
	}
	ck_assert_uint_eq(lexicon_size(lx), 1001);
	ck_assert_str_eq(lexicon_get(lx, "K517", 4), "k517");
	ck_assert_str_eq(lexicon_get(lx, "united states", 13), "US");
	lexicon_free(lx);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("lexicon");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, parses_keys_values_comments);
	tcase_add_test(tc, folds_case_space_and_accents);
	tcase_add_test(tc, later_line_wins);
	tcase_add_test(tc, skips_a_byte_order_mark);
	tcase_add_test(tc, errors_name_file_and_line);
	tcase_add_test(tc, loads_a_file_and_the_shipped_lexicons);
	tcase_add_test(tc, ascii_fold_keeps_other_letters);
	tcase_add_test(tc, each_visits_every_entry_once);
	tcase_add_test(tc, optional_file_may_be_missing);
	tcase_add_test(tc, numbers_beside_values);
	tcase_add_test(tc, put_adds_and_replaces);
	suite_add_tcase(s, tc);
	SRunner *sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
