/* Gazetteer: loading the shipped data, variants, suffix words, codes, and
 * clear errors for missing or malformed files. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "enricher/arena.h"
#include "enricher/gazetteer.h"

static struct gazetteer *gaz;

static void setup(void)
{
	struct enr_error err;
	if (!gaz)
		ck_assert_msg(gazetteer_load("config/gazetteers", &gaz, &err) == 0, "%s", err.message);
}

static const struct gaz_entry *look(const char *s)
{
	return gazetteer_lookup(gaz, s, strlen(s));
}

/* Matches at token i of text; returns the token count and the entry. */
static size_t match_at(const char *text, size_t i, const struct gaz_entry **e)
{
	struct arena *a = arena_new(0);
	struct text_doc doc;
	struct enr_error err;
	ck_assert_int_eq(text_analyze(a, text, strlen(text), NULL, &doc, &err), 0);
	size_t k = gazetteer_match(gaz, &doc, i, e);
	arena_free(a);
	return k;
}

START_TEST(countries_with_codes_and_variants)
{
	const struct gaz_entry *e = look("ukraine");
	ck_assert_ptr_nonnull(e);
	ck_assert_str_eq(e->name, "Ukraine");
	ck_assert_str_eq(e->code, "UA");
	ck_assert_int_eq(e->kind, GAZ_COUNTRY);
	e = look("Burma");
	ck_assert_ptr_nonnull(e);
	ck_assert_str_eq(e->code, "MM");
	e = look("Russian Federation");
	ck_assert_str_eq(e->name, "Russia");
	ck_assert_str_eq(look("U.S.")->code, "US");
	ck_assert_str_eq(gazetteer_country(gaz, "FR")->name, "France");
	ck_assert_ptr_null(gazetteer_country(gaz, "ZZZ"));
	ck_assert_ptr_null(look("Atlantis Prime"));
	ck_assert_uint_gt(gazetteer_size(gaz), 10000);
}
END_TEST

START_TEST(cities_and_spelling_variants)
{
	const struct gaz_entry *e = look("Kiev");
	ck_assert_ptr_nonnull(e);
	ck_assert_str_eq(e->name, "Kyiv");
	ck_assert_str_eq(e->country, "UA");
	ck_assert_str_eq(look("Kharkov")->name, "Kharkiv");
	e = look("Odessa");
	ck_assert_str_eq(e->name, "Odesa");
	ck_assert_str_eq(e->country, "UA");
	e = look("Lvov");
	ck_assert_str_eq(e->name, "Lviv");
	/* a capital beats a state of the same name */
	e = look("Washington");
	ck_assert_int_eq(e->kind, GAZ_CITY);
	ck_assert_str_eq(e->country, "US");
	/* curated namesakes win: Gaza is Palestinian before Mozambican */
	e = look("Gaza");
	ck_assert_str_eq(e->country, "PS");
	ck_assert(e->flags & GAZ_F_PREFERRED);
	/* a city that is itself a subdivision carries its code */
	ck_assert_str_eq(look("Moscow")->code, "RU-MOW");
	ck_assert_str_eq(look("Washington")->code, "US-DC");
	e = look("Lyon");
	ck_assert_int_eq(e->kind, GAZ_CITY);
	ck_assert_str_eq(e->country, "FR");
	ck_assert_uint_gt(e->population, 100000);
}
END_TEST

START_TEST(subdivisions_and_suffix_words)
{
	const struct gaz_entry *e;
	ck_assert_uint_eq(match_at("Troops entered the Kursk region on Monday.", 3, &e), 2);
	ck_assert_str_eq(e->code, "RU-KRS");
	ck_assert_int_eq(e->kind, GAZ_SUBDIVISION);
	ck_assert_uint_eq(match_at("Troops entered the Kursk Oblast on Monday.", 3, &e), 2);
	ck_assert_str_eq(e->code, "RU-KRS");
	ck_assert_uint_eq(match_at("Shelling hit Kharkov province overnight.", 2, &e), 2);
	ck_assert_str_eq(e->code, "UA-63");
	ck_assert_uint_eq(match_at("Rain fell across Washington state today.", 3, &e), 2);
	ck_assert_str_eq(e->code, "US-WA");
	ck_assert_uint_eq(match_at("He flew to Kursk yesterday.", 3, &e), 1);
	ck_assert_str_eq(e->country, "RU");
	/* longest match; lowercase words never start one */
	ck_assert_uint_eq(match_at("She lives in Bosnia and Herzegovina now.", 3, &e), 3);
	ck_assert_str_eq(e->code, "BA");
	ck_assert_uint_eq(match_at("a turkey and a china plate", 1, &e), 0);
	ck_assert_ptr_null(e);
	/* all caps, as in datelines */
	ck_assert_uint_eq(match_at("LONDON (Reuters) - Markets fell.", 0, &e), 1);
	ck_assert_str_eq(e->country, "GB");
	/* a possessive is not part of the name */
	ck_assert_uint_eq(match_at("Ukraine's army advanced.", 0, &e), 1);
	ck_assert_str_eq(e->code, "UA");
}
END_TEST

START_TEST(loads_fast)
{
	struct timespec t0, t1;
	struct gazetteer *g;
	struct enr_error err;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	ck_assert_int_eq(gazetteer_load("config/gazetteers", &g, &err), 0);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	double ms = (t1.tv_sec - t0.tv_sec) * 1e3 + (t1.tv_nsec - t0.tv_nsec) / 1e6;
	ck_assert_msg(ms < 300, "load took %.1f ms", ms);  /* ~100 ms target, slack for sanitizers */
	gazetteer_free(g);
}
END_TEST

static void write_file(const char *path, const char *body)
{
	FILE *f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	fputs(body, f);
	fclose(f);
}

START_TEST(missing_or_malformed_gives_clear_errors)
{
	struct gazetteer *g = (struct gazetteer *)1;
	struct enr_error err;
	ck_assert_int_eq(gazetteer_load("/nonexistent/gaz", &g, &err), ENR_EIO);
	ck_assert_ptr_null(g);
	ck_assert(strstr(err.message, "/nonexistent/gaz") != NULL);

	char dir[] = "/tmp/gazXXXXXX";
	ck_assert_ptr_nonnull(mkdtemp(dir));
	ck_assert_int_eq(gazetteer_load(dir, &g, &err), ENR_EIO);  /* no .tsv files */
	ck_assert(strstr(err.message, "no *.tsv") != NULL);

	char path[64];
	snprintf(path, sizeof path, "%s/a.tsv", dir);
	write_file(path, "# header\ncity\tTestville\t\tXX\t1000\t\t\ncity\tBroken\n");
	ck_assert_int_eq(gazetteer_load(dir, &g, &err), ENR_EFORMAT);
	ck_assert_ptr_null(g);
	ck_assert_msg(strstr(err.message, "a.tsv:3:") != NULL, "%s", err.message);

	write_file(path, "planet\tMars\t\t\t0\t\t\n");
	ck_assert_int_eq(gazetteer_load(dir, &g, &err), ENR_EFORMAT);
	ck_assert(strstr(err.message, "unknown kind") != NULL);

	write_file(path, "city\tTestville\t\tXX\tmany\t\t\n");
	ck_assert_int_eq(gazetteer_load(dir, &g, &err), ENR_EFORMAT);
	ck_assert(strstr(err.message, "population") != NULL);

	write_file(path, "city\tTestville\t\tXX\t1000\t\tTest Town|TV\n");
	ck_assert_int_eq(gazetteer_load(dir, &g, &err), 0);
	const struct gaz_entry *e = gazetteer_lookup(g, "test town", 9);
	ck_assert_ptr_nonnull(e);
	ck_assert_str_eq(e->name, "Testville");
	ck_assert_uint_eq(e->population, 1000);
	gazetteer_free(g);
	unlink(path);
	rmdir(dir);
	gazetteer_free(NULL);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("gazetteer");
	TCase *tc = tcase_create("core");
	tcase_add_unchecked_fixture(tc, setup, NULL);
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, countries_with_codes_and_variants);
	tcase_add_test(tc, cities_and_spelling_variants);
	tcase_add_test(tc, subdivisions_and_suffix_words);
	tcase_add_test(tc, loads_fast);
	tcase_add_test(tc, missing_or_malformed_gives_clear_errors);
	suite_add_tcase(s, tc);
	SRunner *sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	gazetteer_free(gaz);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
