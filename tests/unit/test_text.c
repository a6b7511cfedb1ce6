/* Text layer: tokens, sentences, paragraphs, offsets, UTF-8 checks. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "enricher/text.h"

static struct arena *ar;
static struct text_doc doc;

static void analyze(const char *s)
{
	struct enr_error err;
	ck_assert_int_eq(text_analyze(ar, s, strlen(s), NULL, &doc, &err), 0);
}

static int tok_is(size_t i, const char *want)
{
	return i < doc.ntok && text_tok_len(&doc, i) == strlen(want) &&
	       !memcmp(text_tok_str(&doc, i), want, strlen(want));
}

/* index of the first token equal to s, or -1 */
static long find_tok(const char *s)
{
	for (size_t i = 0; i < doc.ntok; i++)
		if (tok_is(i, s))
			return (long)i;
	return -1;
}

static void setup(void)
{
	ar = arena_new(0);
}

static void teardown(void)
{
	arena_free(ar);
}

START_TEST(abbreviations_stay_whole)
{
	analyze("Lt. Gen. Ana Diaz met U.S. envoys in Sept. and left.");
	ck_assert(find_tok("Lt.") >= 0);
	ck_assert(find_tok("Gen.") >= 0);
	ck_assert(find_tok("U.S.") >= 0);
	ck_assert(find_tok("Sept.") >= 0);
	ck_assert_uint_eq(doc.nsent, 1);
}

START_TEST(no_is_a_word_unless_a_number_follows)
{
	analyze("He said no. But she won Race No. 5 today.");
	ck_assert_uint_eq(doc.nsent, 2);
	ck_assert(find_tok("No.") >= 0);
	ck_assert(find_tok("no") >= 0);
}

START_TEST(pretokenized_forms)
{
	analyze("Oslo 's mayor , a 26-year-old , won .\n1. Ada Lind\n2. Bo Ek");
	long o = find_tok("Oslo");
	ck_assert(tok_is((size_t)o + 1, "'s"));
	ck_assert_int_eq(doc.tok[o + 1].kind, TEXT_POSSESSIVE);
	ck_assert(find_tok("26-year-old") >= 0);
	ck_assert(find_tok("1.") >= 0);
	ck_assert(find_tok("2.") >= 0);
	ck_assert_uint_eq(doc.nsent, 3);
}

START_TEST(initials_stay_with_the_name)
{
	analyze("The report by J. R. Tolland was read aloud.");
	ck_assert_uint_eq(doc.nsent, 1);
	ck_assert(find_tok("J.") >= 0);
	ck_assert(find_tok("R.") >= 0);
}

START_TEST(possessives_split)
{
	analyze("Berlin's mayor and the officials' cars; Kraków’s square.");
	long b = find_tok("Berlin");
	ck_assert(b >= 0);
	ck_assert(tok_is((size_t)b + 1, "'s"));
	ck_assert_int_eq(doc.tok[b + 1].kind, TEXT_POSSESSIVE);
	long o = find_tok("officials");
	ck_assert(tok_is((size_t)o + 1, "'"));
	ck_assert_int_eq(doc.tok[o + 1].kind, TEXT_POSSESSIVE);
	long k = find_tok("Kraków");
	ck_assert(k >= 0);
	ck_assert_int_eq(doc.tok[k + 1].kind, TEXT_POSSESSIVE);
}

START_TEST(hyphens_numbers_dashes)
{
	analyze("Jean-Luc saw a Soviet-era tank — 1,250.5 tonnes -- on 2021-03-04... then left…");
	ck_assert(find_tok("Jean-Luc") >= 0);
	ck_assert(find_tok("Soviet-era") >= 0);
	ck_assert_int_eq(doc.tok[find_tok("—")].kind, TEXT_DASH);
	ck_assert_int_eq(doc.tok[find_tok("1,250.5")].kind, TEXT_NUMBER);
	ck_assert_int_eq(doc.tok[find_tok("--")].kind, TEXT_DASH);
	ck_assert_int_eq(doc.tok[find_tok("2021-03-04")].kind, TEXT_NUMBER);
	ck_assert_int_eq(doc.tok[find_tok("...")].kind, TEXT_ELLIPSIS);
	ck_assert_int_eq(doc.tok[find_tok("…")].kind, TEXT_ELLIPSIS);
}

START_TEST(quotes_open_and_close)
{
	analyze("He said \"go now,\" and “stay” or 'wait' «non».");
	size_t open = 0, close = 0;
	for (size_t i = 0; i < doc.ntok; i++)
		if (doc.tok[i].kind == TEXT_QUOTE) {
			if (doc.tok[i].flags & TEXT_F_OPEN)
				open++;
			if (doc.tok[i].flags & TEXT_F_CLOSE)
				close++;
		}
	ck_assert_uint_eq(open, 4);
	ck_assert_uint_eq(close, 4);
}

START_TEST(sentences_and_paragraphs)
{
	analyze("The vote passed. \"Is it over?\" she asked. Mr. Hale nodded.\n\n"
		"A new paragraph starts here! And ends.\nHEADLINE LINE HERE");
	ck_assert_uint_eq(doc.npara, 2);
	ck_assert_uint_eq(doc.nsent, 6);
	/* "she asked" stays in the quote's sentence */
	long she = find_tok("she");
	long is = find_tok("Is");
	ck_assert_uint_eq(doc.tok[she].sent, doc.tok[is].sent);
	/* the line after a single newline is its own sentence, and a headline */
	long h = find_tok("HEADLINE");
	ck_assert(doc.tok[h].flags & TEXT_F_SENT_START);
	ck_assert(doc.tok[h].flags & TEXT_F_HEADLINE);
	ck_assert_uint_eq(doc.sent[doc.nsent - 1].para, 1);
}

START_TEST(offsets_in_three_units)
{
	/* é is 2 bytes / 1 unit; 😀 is 4 bytes / 2 UTF-16 units / 1 code point */
	const char *s = "Café 😀 Zürich";
	analyze(s);
	long z = find_tok("Zürich");
	ck_assert(z >= 0);
	size_t b = doc.tok[z].start;
	ck_assert_uint_eq(b, 11);
	ck_assert_uint_eq(text_offset(&doc, b, TEXT_UNIT_UTF8), 11);
	ck_assert_uint_eq(text_offset(&doc, b, TEXT_UNIT_CODEPOINT), 7);
	ck_assert_uint_eq(text_offset(&doc, b, TEXT_UNIT_UTF16), 8);
	ck_assert_uint_eq(text_offset(&doc, doc.tok[z].end, TEXT_UNIT_CODEPOINT), 13);
	ck_assert_uint_eq(doc.nchars, 13);
}

START_TEST(offsets_past_checkpoints)
{
	/* many multibyte characters so offsets cross several checkpoints */
	char buf[2048] = "";
	for (int i = 0; i < 200; i++)
		strcat(buf, "ж ");
	strcat(buf, "end");
	analyze(buf);
	long e = find_tok("end");
	ck_assert_uint_eq(text_offset(&doc, doc.tok[e].start, TEXT_UNIT_CODEPOINT), 400);
	ck_assert_uint_eq(text_offset(&doc, doc.tok[e].start, TEXT_UNIT_UTF16), 400);
	ck_assert_uint_eq(text_offset(&doc, doc.tok[e].start, TEXT_UNIT_UTF8), 600);
}

START_TEST(utf8_validation)
{
	size_t bad = 0;
	ck_assert_int_eq(text_utf8_check("ok ✓", strlen("ok ✓"), &bad), 0);
	ck_assert_int_eq(text_utf8_check("ab\xC3", 3, &bad), ENR_EUTF8);
	ck_assert_uint_eq(bad, 2);
	ck_assert_int_eq(text_utf8_check("\xC0\xAF", 2, &bad), ENR_EUTF8);  /* overlong */
	ck_assert_int_eq(text_utf8_check("x\xED\xA0\x80", 4, &bad), ENR_EUTF8); /* surrogate */
	ck_assert_uint_eq(bad, 1);
	ck_assert_int_eq(text_utf8_check("a\0b", 3, &bad), ENR_EUTF8);
}

START_TEST(token_cap)
{
	struct text_limits lim = {.max_tokens = 3};
	struct enr_error err;
	const char *s = "one two three four";
	ck_assert_int_eq(text_analyze(ar, s, strlen(s), &lim, &doc, &err), ENR_ETOOBIG);
}

START_TEST(empty_and_space_only)
{
	analyze("");
	ck_assert_uint_eq(doc.ntok, 0);
	ck_assert_uint_eq(doc.nsent, 0);
	analyze("  \n\n \t ");
	ck_assert_uint_eq(doc.ntok, 0);
}

START_TEST(from_tokens_keeps_tokens)
{
	const char *toks[] = {"EU", "rejects", "German", "call", ".", "Peter", "Blackburn"};
	size_t lens[7];
	uint8_t ends[7] = {0, 0, 0, 0, 1, 0, 1};
	for (int i = 0; i < 7; i++)
		lens[i] = strlen(toks[i]);
	struct enr_error err;
	ck_assert_int_eq(text_from_tokens(ar, toks, lens, ends, 7, &doc, &err), 0);
	ck_assert_uint_eq(doc.ntok, 7);
	ck_assert_uint_eq(doc.nsent, 2);
	ck_assert_str_eq(doc.text, "EU rejects German call .\nPeter Blackburn");
	ck_assert(tok_is(5, "Peter"));
}

int main(void)
{
	Suite *s = suite_create("text");
	TCase *tc = tcase_create("text");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, abbreviations_stay_whole);
	tcase_add_test(tc, no_is_a_word_unless_a_number_follows);
	tcase_add_test(tc, initials_stay_with_the_name);
	tcase_add_test(tc, pretokenized_forms);
	tcase_add_test(tc, possessives_split);
	tcase_add_test(tc, hyphens_numbers_dashes);
	tcase_add_test(tc, quotes_open_and_close);
	tcase_add_test(tc, sentences_and_paragraphs);
	tcase_add_test(tc, offsets_in_three_units);
	tcase_add_test(tc, offsets_past_checkpoints);
	tcase_add_test(tc, utf8_validation);
	tcase_add_test(tc, token_cap);
	tcase_add_test(tc, empty_and_space_only);
	tcase_add_test(tc, from_tokens_keeps_tokens);
	suite_add_tcase(s, tc);
	SRunner *sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
