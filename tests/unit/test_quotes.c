/* Quotes: spans, kinds, cues, speakers and rendering, one construction a
 * test, on sentences written for the tests. Entities are built by hand. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "enricher/quotes.h"
#include "enricher/lexicon.h"
#include "enricher/tagger.h"

static struct arena *ar;
static struct quotes_res *res;
static struct text_doc doc;
static struct entity_list el;
static struct quote_list ql;

struct ent_spec {
	const char *name;
	int type;
	const char *title;
	const char *forms[4];
};

static int tok_eq(size_t i, const char *w, size_t n)
{
	return text_tok_len(&doc, i) == n && !memcmp(text_tok_str(&doc, i), w, n);
}

/* Matches form (words separated by single spaces) at token i; returns the
 * number of tokens or 0. */
static size_t match_form(size_t i, const char *form)
{
	size_t k = i;
	const char *p = form;
	while (*p) {
		const char *sp = strchr(p, ' ');
		size_t n = sp ? (size_t)(sp - p) : strlen(p);
		if (k >= doc.ntok || !tok_eq(k, p, n))
			return 0;
		k++;
		p += n;
		while (*p == ' ')
			p++;
	}
	return k - i;
}

/* An entity list as the entity layer would give it: every occurrence of a
 * form is a mention of its entity. */
static void build_entities(const struct ent_spec *specs, size_t n)
{
	memset(&el, 0, sizeof el);
	el.tok_mention = arena_alloc(ar, (doc.ntok + 1) * sizeof *el.tok_mention);
	el.men = arena_calloc(ar, doc.ntok + 1, sizeof *el.men);
	el.ent = arena_calloc(ar, n + 1, sizeof *el.ent);
	ck_assert(el.tok_mention && el.men && el.ent);
	for (size_t i = 0; i < doc.ntok; i++)
		el.tok_mention[i] = -1;
	for (size_t i = 0; i < doc.ntok; i++) {
		for (size_t k = 0; k < n; k++) {
			size_t len = 0;
			for (size_t f = 0; f < 4 && specs[k].forms[f] && !len; f++)
				len = match_form(i, specs[k].forms[f]);
			if (!len || el.tok_mention[i] >= 0)
				continue;
			struct mention *m = &el.men[el.nmen];
			m->tok = (uint32_t)i;
			m->ntok = (uint32_t)len;
			m->start = doc.tok[i].start;
			m->end = doc.tok[i + len - 1].end;
			m->entity = (int32_t)k;
			m->type = (uint8_t)specs[k].type;
			for (size_t t = i; t < i + len; t++)
				el.tok_mention[t] = (int32_t)el.nmen;
			el.nmen++;
			break;
		}
	}
	for (size_t k = 0; k < n; k++) {
		struct entity *e = &el.ent[k];
		e->name = specs[k].name;
		e->type = (uint8_t)specs[k].type;
		e->title = specs[k].title;
		e->mentions = arena_calloc(ar, el.nmen + 1, sizeof *e->mentions);
		for (size_t m = 0; m < el.nmen; m++)
			if (el.men[m].entity == (int32_t)k)
				e->mentions[e->nmentions++] = (uint32_t)m;
	}
	el.nent = n;
}

static void run(const char *text, const struct ent_spec *specs, size_t n)
{
	struct enr_error err;
	ck_assert_int_eq(text_analyze(ar, text, strlen(text), NULL, &doc, &err), 0);
	build_entities(specs, n);
	ck_assert_int_eq(quotes_find(res, ar, &doc, &el, &ql, &err), 0);
}

static int qtext_is(const struct quote *q, const char *want)
{
	return q->end - q->start == strlen(want) && !memcmp(doc.text + q->start, want, strlen(want));
}

/* The quote whose text is want, or NULL. */
static const struct quote *quote_is(const char *want)
{
	for (size_t k = 0; k < ql.n; k++)
		if (qtext_is(&ql.q[k], want))
			return &ql.q[k];
	return NULL;
}

static int span_is(uint32_t s, uint32_t e, const char *want)
{
	return e - s == strlen(want) && !memcmp(doc.text + s, want, strlen(want));
}

static void setup(void)
{
	ar = arena_new(0);
	struct enr_error err;
	ck_assert_msg(quotes_load("config", &res, &err) == 0, "%s", err.message);
}

static void teardown(void)
{
	quotes_res_free(res);
	res = NULL;
	arena_free(ar);
}

static const struct ent_spec kovac[] = {
	{"Ana Kovac", NER_PER, "mayor", {"Ana Kovac", "Kovac", NULL}},
};

/* quotes_render's bytes parsed back: they must be valid JSON. New reference. */
static json_t *render_quotes(const struct quote_list *q, const struct entity_list *e,
			      const struct text_doc *d, enum text_unit unit)
{
	struct jsonw w;
	jsonw_init(&w, 0);
	quotes_render(&w, q, e, d, unit);
	size_t n;
	char *s = jsonw_finish(&w, &n);
	ck_assert_ptr_nonnull(s);
	json_error_t je;
	json_t *j = json_loadb(s, n, 0, &je);
	ck_assert_msg(j != NULL, "quotes_render wrote invalid JSON: %s", je.text);
	free(s);
	return j;
}

START_TEST(direct_with_attribution_after)
{
	run("\"We will rebuild the bridge,\" Mayor Ana Kovac said on Monday.", kovac, 1);
	ck_assert_uint_eq(ql.n, 1);
	const struct quote *q = quote_is("We will rebuild the bridge,");
	ck_assert_ptr_nonnull(q);
	ck_assert_int_eq(q->kind, QUOTE_DIRECT);
	ck_assert_int_eq(q->speaker_entity, 0);
	ck_assert_str_eq(q->speaker_name, "Ana Kovac");
	ck_assert(span_is(q->cue_start, q->cue_end, "said"));
	ck_assert(span_is(q->sp_start, q->sp_end, "Ana Kovac"));
}

START_TEST(direct_with_inverted_attribution)
{
	static const struct ent_spec s[] = {{"Tomas Berg", NER_PER, NULL, {"Tomas Berg", NULL}}};
	run("\u201cThe road is closed until spring,\u201d said Tomas Berg.", s, 1);
	ck_assert_uint_eq(ql.n, 1);
	ck_assert_int_eq(ql.q[0].speaker_entity, 0);
	ck_assert(qtext_is(&ql.q[0], "The road is closed until spring,"));
}

START_TEST(interrupted_quote_is_two_quotes)
{
	static const struct ent_spec s[] = {{"Lena Ortiz", NER_PER, NULL, {"Lena Ortiz", NULL}}};
	run("Lena Ortiz arrived late. \"The talks failed,\" she said, \"and we are leaving now.\"",
	    s, 1);
	const struct quote *a = quote_is("The talks failed,");
	const struct quote *b = quote_is("and we are leaving now.");
	ck_assert_ptr_nonnull(a);
	ck_assert_ptr_nonnull(b);
	ck_assert_int_eq(a->speaker_entity, 0);
	ck_assert_int_eq(b->speaker_entity, 0);
	ck_assert_int_eq(b->kind, QUOTE_DIRECT);
	ck_assert(span_is(a->sp_start, a->sp_end, "she"));
}

START_TEST(quote_over_paragraphs)
{
	static const struct ent_spec s[] = {{"Ivo Marin", NER_PER, NULL, {"Ivo Marin", NULL}}};
	run("Ivo Marin said: \"The first part of the speech is here.\n\n"
	    "\"The second part of it ends here.\"\n\nTraffic resumed later.", s, 1);
	ck_assert_uint_eq(ql.n, 2);
	ck_assert(qtext_is(&ql.q[0], "The first part of the speech is here."));
	ck_assert(qtext_is(&ql.q[1], "The second part of it ends here."));
	ck_assert_int_eq(ql.q[0].speaker_entity, 0);
	ck_assert_int_eq(ql.q[1].speaker_entity, 0);
}

START_TEST(unbalanced_mark_stops_at_paragraph_end)
{
	static const struct ent_spec s[] = {{"Ivo Marin", NER_PER, NULL, {"Ivo Marin", NULL}}};
	run("Ivo Marin said: \"This sentence never closes its mark.\n\n"
	    "The next paragraph is plain news with many words and no marks at all.", s, 1);
	ck_assert_uint_eq(ql.n, 1);
	ck_assert(qtext_is(&ql.q[0], "This sentence never closes its mark."));
	ck_assert(ql.q[0].end < (uint32_t)(strstr(doc.text, "The next") - doc.text));
}

START_TEST(nested_single_quotes_stay_inside)
{
	run("Ana Kovac said: \"He told me 'stay at home' and I did.\"", kovac, 1);
	ck_assert_uint_eq(ql.n, 1);
	ck_assert(qtext_is(&ql.q[0], "He told me 'stay at home' and I did."));
	ck_assert_int_eq(ql.q[0].speaker_entity, 0);
}

START_TEST(guillemets_and_curly_marks)
{
	run("Ana Kovac said: \u00abWe stay here and we will keep working.\u00bb "
	    "\u201cNothing will change for us,\u201d Kovac added.", kovac, 1);
	ck_assert_ptr_nonnull(quote_is("We stay here and we will keep working."));
	const struct quote *b = quote_is("Nothing will change for us,");
	ck_assert_ptr_nonnull(b);
	ck_assert_int_eq(b->speaker_entity, 0);
	ck_assert(span_is(b->cue_start, b->cue_end, "added"));
}

START_TEST(partial_quote_after_called)
{
	run("Ana Kovac on Friday called the new toll plan a \"dangerous gamble\" for drivers.",
	    kovac, 1);
	ck_assert_uint_eq(ql.n, 1);
	ck_assert(qtext_is(&ql.q[0], "dangerous gamble"));
	ck_assert_int_eq(ql.q[0].kind, QUOTE_PARTIAL);
	ck_assert_int_eq(ql.q[0].speaker_entity, 0);
}

START_TEST(partial_inside_reported_clause_only)
{
	run("Ana Kovac said that the harbour was \"ready for anything\" this winter.", kovac, 1);
	ck_assert_uint_eq(ql.n, 1);
	ck_assert(qtext_is(&ql.q[0], "ready for anything"));
	ck_assert_int_eq(ql.q[0].kind, QUOTE_PARTIAL);
	ck_assert_int_eq(ql.q[0].speaker_entity, 0);
}

START_TEST(indirect_with_that_clause)
{
	run("Ana Kovac said on Tuesday that the city would reopen its schools next week.", kovac, 1);
	ck_assert_uint_eq(ql.n, 1);
	ck_assert(qtext_is(&ql.q[0], "the city would reopen its schools next week"));
	ck_assert_int_eq(ql.q[0].kind, QUOTE_INDIRECT);
	ck_assert_int_eq(ql.q[0].speaker_entity, 0);
	ck_assert(span_is(ql.q[0].cue_start, ql.q[0].cue_end, "said"));
}

START_TEST(indirect_bare_clause_and_told)
{
	run("Kovac told reporters the ferry would run again in May.\n"
	    "Kovac said the port had lost money.", kovac, 1);
	ck_assert_uint_eq(ql.n, 2);
	ck_assert_ptr_nonnull(quote_is("the ferry would run again in May"));
	ck_assert_ptr_nonnull(quote_is("the port had lost money"));
}

START_TEST(according_to_group_speaker)
{
	run("The bridge will reopen to traffic in May, according to the transport ministry.", NULL, 0);
	ck_assert_uint_eq(ql.n, 1);
	ck_assert(qtext_is(&ql.q[0], "The bridge will reopen to traffic in May"));
	ck_assert_str_eq(ql.q[0].speaker_name, "transport ministry");
	ck_assert_int_eq(ql.q[0].speaker_entity, -1);
	ck_assert(span_is(ql.q[0].cue_start, ql.q[0].cue_end, "according to"));
}

START_TEST(according_to_source_of_a_document)
{
	run("According to a statement from the health ministry, three clinics closed on Friday.",
	    NULL, 0);
	ck_assert_uint_eq(ql.n, 1);
	ck_assert(qtext_is(&ql.q[0], "three clinics closed on Friday"));
	ck_assert_str_eq(ql.q[0].speaker_name, "health ministry");
}

START_TEST(transcript_label_and_first_person)
{
	static const struct ent_spec s[] = {{"Lena Ortiz", NER_PER, NULL, {"Lena Ortiz", NULL}}};
	run("Lena Ortiz: We will open the school again in May.\n\n"
	    "SINGAPORE: The port reopened on Monday after the storm.\n\n"
	    "\"It was hard,\" I said.", s, 1);
	const struct quote *a = quote_is("We will open the school again in May.");
	ck_assert_ptr_nonnull(a);
	ck_assert_int_eq(a->speaker_entity, 0);
	ck_assert_ptr_null(quote_is("The port reopened on Monday after the storm."));
	const struct quote *b = quote_is("It was hard,");
	ck_assert_ptr_nonnull(b);
	ck_assert(span_is(b->sp_start, b->sp_end, "I"));
	ck_assert_int_eq(b->speaker_entity, -1);
}

START_TEST(inverted_indirect)
{
	run("The bridge will reopen to traffic in May, the transport ministry said.", NULL, 0);
	ck_assert_uint_eq(ql.n, 1);
	ck_assert(qtext_is(&ql.q[0], "The bridge will reopen to traffic in May"));
	ck_assert_str_eq(ql.q[0].speaker_name, "transport ministry");
}

START_TEST(scare_quotes_are_no_quotes)
{
	run("The so-called \"reform\" passed on Tuesday. The \"Blue Line\" opened in the north.",
	    NULL, 0);
	ck_assert_uint_eq(ql.n, 0);
}

START_TEST(scare_quote_beside_a_cue)
{
	run("Ana Kovac said the so-called \"reform\" would fail, and she called it \"reckless\".",
	    kovac, 1);
	ck_assert_ptr_null(quote_is("reform"));
	const struct quote *q = quote_is("reckless");
	ck_assert_ptr_nonnull(q);
	ck_assert_int_eq(q->kind, QUOTE_PARTIAL);
	ck_assert_int_eq(q->speaker_entity, 0);
}

START_TEST(appositive_speaker)
{
	static const struct ent_spec s[] = {{"Hugo Lind", NER_PER, NULL, {"Hugo Lind", NULL}}};
	run("Hugo Lind, a local doctor, said the clinic was full every night.", s, 1);
	ck_assert_uint_eq(ql.n, 1);
	ck_assert_int_eq(ql.q[0].speaker_entity, 0);
	ck_assert(qtext_is(&ql.q[0], "the clinic was full every night"));
}

START_TEST(description_resolves_by_title)
{
	static const struct ent_spec s[] = {
		{"Mara Vos", NER_PER, "city adviser", {"Mara Vos", NULL}}};
	run("City adviser Mara Vos spoke first at the meeting.\n"
	    "The adviser said the budget would grow next year.", s, 1);
	ck_assert_uint_eq(ql.n, 1);
	ck_assert_int_eq(ql.q[0].speaker_entity, 0);
	ck_assert_str_eq(ql.q[0].speaker_name, "Mara Vos");
	ck_assert(span_is(ql.q[0].sp_start, ql.q[0].sp_end, "adviser"));
}

START_TEST(description_resolves_from_text)
{
	/* no title from the entity layer: the words before the name tell it */
	run("Finance adviser Mara Vos spoke first at the meeting.\n"
	    "The adviser said the budget would grow next year.", NULL, 0);
	ck_assert_uint_eq(ql.n, 1);
	ck_assert_str_eq(ql.q[0].speaker_name, "Mara Vos");
}

START_TEST(pronoun_resolves_to_last_person)
{
	static const struct ent_spec s[] = {
		{"Mara Vos", NER_PER, NULL, {"Mara Vos", NULL}},
		{"Oslo", NER_LOC, NULL, {"Oslo", NULL}}};
	run("Mara Vos visited the port of Oslo on Sunday. \"We need more ships,\" she added.", s, 2);
	ck_assert_uint_eq(ql.n, 1);
	ck_assert_int_eq(ql.q[0].speaker_entity, 0);
	ck_assert(span_is(ql.q[0].sp_start, ql.q[0].sp_end, "she"));
}

START_TEST(speaker_introduced_with_colon)
{
	static const struct ent_spec s[] = {
		{"Harbour News", NER_ORG, NULL, {"Harbour News", NULL}}};
	run("The Harbour News channel said: \"Ships are waiting outside the port tonight.\"", s, 1);
	ck_assert_uint_eq(ql.n, 1);
	ck_assert_int_eq(ql.q[0].speaker_entity, 0);
	ck_assert_int_eq(ql.q[0].kind, QUOTE_DIRECT);
}

START_TEST(unnamed_group_keeps_phrase)
{
	run("Local fishermen said the catch had fallen sharply this year.", NULL, 0);
	ck_assert_uint_eq(ql.n, 1);
	ck_assert_str_eq(ql.q[0].speaker_name, "Local fishermen");
	ck_assert_int_eq(ql.q[0].speaker_entity, -1);
}

START_TEST(follow_on_quote_inherits_speaker)
{
	static const struct ent_spec s[] = {{"Mara Vos", NER_PER, NULL, {"Mara Vos", NULL}}};
	run("\"The port is open again,\" Mara Vos said. \"Ships can enter from tomorrow.\"\n\n"
	    "\"We waited for months.\"", s, 1);
	ck_assert_uint_eq(ql.n, 3);
	for (size_t k = 0; k < 3; k++)
		ck_assert_int_eq(ql.q[k].speaker_entity, 0);
	ck_assert_int_eq(ql.q[1].cue_end, 0);
}

START_TEST(quotes_at_text_start_and_end)
{
	run("\"Start here with the words,\" Ana Kovac said. Later she said: \"end right here", kovac,
	    1);
	ck_assert_uint_eq(ql.n, 2);
	ck_assert_uint_eq(ql.q[0].start, 1);
	ck_assert(qtext_is(&ql.q[1], "end right here"));
	ck_assert_uint_eq(ql.q[1].end, doc.len);
	ck_assert_int_eq(ql.q[1].speaker_entity, 0);
}

START_TEST(degenerate_inputs)
{
	run("\"\"\"\"\"", NULL, 0);
	ck_assert_uint_eq(ql.n, 0);
	run("\"", NULL, 0);
	ck_assert_uint_eq(ql.n, 0);
	run("said said said: \" , \u201d \u00ab", NULL, 0);
	ck_assert_uint_eq(ql.n, 0);
	struct enr_error err;
	ck_assert_int_eq(text_analyze(ar, "", 0, NULL, &doc, &err), 0);
	memset(&el, 0, sizeof el);
	ck_assert_int_eq(quotes_find(res, ar, &doc, &el, &ql, &err), 0);
	ck_assert_uint_eq(ql.n, 0);
}

START_TEST(offsets_in_three_units)
{
	static const struct ent_spec s[] = {
		{"\u0141ukasz \u017bak", NER_PER, NULL, {"\u0141ukasz \u017bak", NULL}}};
	/* Ł and Ż are two bytes; the emoji is four bytes and two UTF-16 units */
	const char *text = "\U0001F600 \u0141ukasz \u017bak said: \"Za\u017c\u00f3\u0142\u0107 g\u0119\u015bl\u0105 ja\u017a\u0144 today.\"";
	run(text, s, 1);
	ck_assert_uint_eq(ql.n, 1);
	json_t *cp = render_quotes(&ql, &el, &doc, TEXT_UNIT_CODEPOINT);
	json_t *u16 = render_quotes(&ql, &el, &doc, TEXT_UNIT_UTF16);
	json_t *u8 = render_quotes(&ql, &el, &doc, TEXT_UNIT_UTF8);
	json_t *q = json_array_get(cp, 0);
	/* code points: emoji(1) space(1) "Łukasz Żak said: \"" (18) */
	ck_assert_int_eq(json_integer_value(json_object_get(q, "start")), 20);
	ck_assert_int_eq(json_integer_value(json_object_get(q, "end")), 20 + 24);
	ck_assert_int_eq(json_integer_value(json_object_get(json_array_get(u16, 0), "start")), 21);
	ck_assert_int_eq(json_integer_value(json_object_get(json_array_get(u8, 0), "start")),
			 (json_int_t)ql.q[0].start);
	ck_assert_uint_eq(ql.q[0].start, 4 + 1 + 20);
	json_t *m = json_object_get(json_object_get(q, "speaker"), "mention");
	ck_assert_int_eq(json_integer_value(json_object_get(m, "start")), 2);
	ck_assert_int_eq(json_integer_value(json_object_get(m, "end")), 12);
	json_t *m16 = json_object_get(json_object_get(json_array_get(u16, 0), "speaker"), "mention");
	ck_assert_int_eq(json_integer_value(json_object_get(m16, "start")), 3);
	ck_assert_str_eq(json_string_value(json_object_get(q, "text")),
			 "Za\u017c\u00f3\u0142\u0107 g\u0119\u015bl\u0105 ja\u017a\u0144 today.");
	json_decref(cp);
	json_decref(u16);
	json_decref(u8);
}

START_TEST(render_shape)
{
	run("\"We will rebuild the bridge,\" Mayor Ana Kovac said. \"Fine weather today.\"\n\n"
	    "By the river, nothing moved.\n\n\"Nobody knows who wrote this line here.\"",
	    kovac, 1);
	json_t *a = render_quotes(&ql, &el, &doc, TEXT_UNIT_CODEPOINT);
	ck_assert_uint_eq(json_array_size(a), ql.n);
	json_t *q = json_array_get(a, 0);
	ck_assert_str_eq(json_string_value(json_object_get(q, "id")), "q1");
	ck_assert_str_eq(json_string_value(json_object_get(q, "kind")), "direct");
	json_t *sp = json_object_get(q, "speaker");
	ck_assert_str_eq(json_string_value(json_object_get(sp, "name")), "Ana Kovac");
	ck_assert_str_eq(json_string_value(json_object_get(sp, "entity")), "e1");
	ck_assert_str_eq(json_string_value(json_object_get(json_object_get(sp, "mention"), "text")),
			 "Ana Kovac");
	json_t *cue = json_object_get(q, "cue");
	ck_assert_str_eq(json_string_value(json_object_get(cue, "text")), "said");
	ck_assert_int_eq(json_integer_value(json_object_get(cue, "start")), 46);
	/* a quote nobody is credited with has "speaker": null and "cue": null */
	json_t *last = json_array_get(a, json_array_size(a) - 1);
	ck_assert(json_is_null(json_object_get(last, "speaker")));
	ck_assert(json_is_null(json_object_get(last, "cue")));
	json_decref(a);
}

START_TEST(lexicon_lookup)
{
	struct lexicon *lx = NULL, *lx2 = NULL;
	struct enr_error err;
	ck_assert_int_eq(lexicon_from_string_opts("# comment\nsaid\tv\naccording  to\ta\n\nread\n", LEXICON_ASCII, &lx,
						&err), 0);
	ck_assert_str_eq(lexicon_get(lx, "SAID", 4), "v");
	ck_assert_str_eq(lexicon_get(lx, "According   to", 14), "a");
	ck_assert_str_eq(lexicon_get(lx, "read", 4), "");
	ck_assert_ptr_null(lexicon_get(lx, "says", 4));
	ck_assert_int_eq(lexicon_from_string_opts("can't\tv\n", LEXICON_ASCII, &lx2, &err), 0);
	ck_assert_str_eq(lexicon_get(lx2, "can\u2019t", 7), "v");
	lexicon_free(lx2);
	ck_assert_uint_eq(lexicon_max_words(lx), 2);
	lexicon_free(lx);
	ck_assert_int_ne(lexicon_load_opts("/nonexistent/speech.txt", LEXICON_ASCII, &lx, &err), 0);
	ck_assert_ptr_null(lx);
}

START_TEST(typographic_apostrophes_in_reported_clauses)
{
	static const struct ent_spec s[] = {{"Nora Lind", NER_PER, NULL, {"Nora Lind", NULL}}};
	run("Nora Lind said the ferry doesn\u2019t run on Sundays. "
	    "Nora Lind said she\u2019ll sell the old boat. "
	    "Nora Lind said he\u2019s late again.", s, 1);
	const struct quote *a = quote_is("the ferry doesn\u2019t run on Sundays");
	const struct quote *b = quote_is("she\u2019ll sell the old boat");
	const struct quote *c = quote_is("he\u2019s late again");
	ck_assert_ptr_nonnull(a);
	ck_assert_ptr_nonnull(b);
	ck_assert_ptr_nonnull(c);
	ck_assert_int_eq(a->kind, QUOTE_INDIRECT);
	ck_assert_int_eq(b->speaker_entity, 0);
	ck_assert_int_eq(c->speaker_entity, 0);
}

START_TEST(manner_verbs_and_long_asides_after_quotes)
{
	static const struct ent_spec s[] = {
		{"Petra Holm", NER_PER, NULL, {"Petra Holm", NULL}},
		{"Oskar Dahl", NER_PER, NULL, {"Oskar Dahl", NULL}},
		{"Rita Moss", NER_PER, NULL, {"Rita Moss", NULL}}};
	run("\"Get off the stage,\" Petra Holm barked. "
	    "\"We won the seat back,\" said Oskar Dahl of the farmers' union. "
	    "\"The budget is balanced,\" Rita Moss, who has chaired the finance panel "
	    "for nine years, told reporters.", s, 3);
	const struct quote *a = quote_is("Get off the stage,");
	const struct quote *b = quote_is("We won the seat back,");
	const struct quote *c = quote_is("The budget is balanced,");
	ck_assert_ptr_nonnull(a);
	ck_assert_ptr_nonnull(b);
	ck_assert_ptr_nonnull(c);
	ck_assert_int_eq(a->speaker_entity, 0);
	ck_assert(span_is(a->cue_start, a->cue_end, "barked"));
	ck_assert_int_eq(b->speaker_entity, 1);
	ck_assert_int_eq(c->speaker_entity, 2);
	ck_assert(span_is(c->cue_start, c->cue_end, "told"));
}

START_TEST(subject_opening_the_clause)
{
	run("A report published by the auditors on Monday says the fund lost money. "
	    "Farmers who sold their land last year warned that prices would fall.", NULL, 0);
	const struct quote *a = quote_is("the fund lost money");
	const struct quote *b = quote_is("prices would fall");
	ck_assert_ptr_nonnull(a);
	ck_assert_ptr_nonnull(b);
	ck_assert(span_is(a->sp_start, a->sp_end, "report"));
	ck_assert_str_eq(b->speaker_name, "Farmers");
}

START_TEST(doubled_apostrophes_are_double_marks)
{
	static const struct ent_spec s[] = {{"Vera Nagy", NER_PER, NULL, {"Vera Nagy", NULL}}};
	run("Vera Nagy took the stage. ''I think the harbour will reopen soon,'' she said. "
	    "The plan is not a 'rescue' at all, said the union.", s, 1);
	const struct quote *a = quote_is("I think the harbour will reopen soon,");
	ck_assert_ptr_nonnull(a);
	ck_assert_int_eq(a->kind, QUOTE_DIRECT);
	ck_assert_int_eq(a->speaker_entity, 0);
	ck_assert(span_is(a->cue_start, a->cue_end, "said"));
	ck_assert_ptr_null(quote_is("the harbour will reopen soon,'' she said"));
}

START_TEST(inverted_descriptions_run_on)
{
	static const struct ent_spec s[] = {{"Lisa Brandt", NER_PER, NULL, {"Lisa Brandt", NULL}}};
	run("\"The queue was three hours long,\" said a local party worker, Lisa Brandt. "
	    "\"Nobody told us about the change!\" wrote a woman calling herself Kit.", s, 1);
	const struct quote *a = quote_is("The queue was three hours long,");
	const struct quote *b = quote_is("Nobody told us about the change!");
	ck_assert_ptr_nonnull(a);
	ck_assert_ptr_nonnull(b);
	ck_assert_int_eq(a->speaker_entity, 0);
	ck_assert(span_is(b->sp_start, b->sp_end, "woman"));
}

START_TEST(inverted_unquoted_attribution_with_description)
{
	static const struct ent_spec s[] = {{"Hana Wolf", NER_PER, NULL, {"Hana Wolf", NULL}}};
	run("Few of the lost mill jobs will come back, said Hana Wolf, a historian who has "
	    "studied the valley for decades.", s, 1);
	const struct quote *a = quote_is("Few of the lost mill jobs will come back");
	ck_assert_ptr_nonnull(a);
	ck_assert_int_eq(a->kind, QUOTE_INDIRECT);
	ck_assert_int_eq(a->speaker_entity, 0);
	ck_assert_uint_eq(ql.n, 1);
}

START_TEST(reported_questions)
{
	static const struct ent_spec s[] = {{"Omar Reyes", NER_PER, NULL, {"Omar Reyes", NULL}}};
	run("Omar Reyes asked the council whether the pool would open before July. "
	    "The clerk asked for a copy of the report.", s, 1);
	const struct quote *a = quote_is("whether the pool would open before July");
	ck_assert_ptr_nonnull(a);
	ck_assert_int_eq(a->kind, QUOTE_INDIRECT);
	ck_assert_int_eq(a->speaker_entity, 0);
	ck_assert(span_is(a->cue_start, a->cue_end, "asked"));
	ck_assert_uint_eq(ql.n, 1);
}

START_TEST(infinitive_cue_before_quote_and_put_it)
{
	static const struct ent_spec s[] = {
		{"Ines Vidal", NER_PER, NULL, {"Ines Vidal", NULL}},
		{"Karl Bauer", NER_PER, NULL, {"Karl Bauer", NULL}}};
	run("The hearing was so quiet that Ines Vidal was moved to say, \"Nobody here is "
	    "angry tonight.\" As Karl Bauer put it: \"The river decides, not the council.\" "
	    "The residents want to say that they were ignored.", s, 2);
	const struct quote *a = quote_is("Nobody here is angry tonight.");
	const struct quote *b = quote_is("The river decides, not the council.");
	ck_assert_ptr_nonnull(a);
	ck_assert_ptr_nonnull(b);
	ck_assert_int_eq(a->speaker_entity, 0);
	ck_assert(span_is(a->cue_start, a->cue_end, "say"));
	ck_assert_int_eq(b->speaker_entity, 1);
	ck_assert_ptr_null(quote_is("they were ignored"));
}

START_TEST(opening_subordinate_clause_is_no_content)
{
	static const struct ent_spec s[] = {{"Tom Frey", NER_PER, NULL, {"Tom Frey", NULL}}};
	run("When the ferry finally docked at the pier, Tom Frey said nothing at all. "
	    "The dock will close in winter, Tom Frey said.", s, 1);
	ck_assert_ptr_null(quote_is("When the ferry finally docked at the pier"));
	const struct quote *a = quote_is("The dock will close in winter");
	ck_assert_ptr_nonnull(a);
	ck_assert_int_eq(a->speaker_entity, 0);
}

START_TEST(datelines_and_time_openers_are_no_subjects)
{
	static const struct ent_spec s[] = {{"Lena Hart", NER_PER, NULL, {"Lena Hart", NULL}}};
	run("TALLINN, Estonia (Wire) - Mayor Lena Hart toured the port on Monday and said the "
	    "cranes would be replaced. Minutes later, she sent a message saying, \"The work "
	    "starts in May.\"", s, 1);
	const struct quote *a = quote_is("the cranes would be replaced");
	const struct quote *b = quote_is("The work starts in May.");
	ck_assert_ptr_nonnull(a);
	ck_assert_ptr_nonnull(b);
	ck_assert_int_eq(a->speaker_entity, 0);
	ck_assert(span_is(b->sp_start, b->sp_end, "she"));
	ck_assert_int_eq(b->speaker_entity, 0);
}

START_TEST(quote_as_distant_that_clause)
{
	static const struct ent_spec s[] = {{"Jack Dorn", NER_PER, NULL, {"Jack Dorn", NULL}}};
	run("Jack Dorn noted at a long meeting with the county board on Friday that the list "
	    "was long and that \"many of those on it are firmly undecided.\"", s, 1);
	const struct quote *a = quote_is("many of those on it are firmly undecided.");
	ck_assert_ptr_nonnull(a);
	ck_assert_int_eq(a->speaker_entity, 0);
	ck_assert(span_is(a->cue_start, a->cue_end, "noted"));
}

START_TEST(initials_do_not_end_the_attribution)
{
	static const struct ent_spec s[] = {{"Ruud", NER_PER, NULL, {"Ruud", NULL}}};
	run("\"The harbour will stay open,\" Tomas K. Ruud, who ran the port under "
	    "Anna B. Lind, told reporters.", s, 1);
	const struct quote *a = quote_is("The harbour will stay open,");
	ck_assert_ptr_nonnull(a);
	ck_assert(span_is(a->cue_start, a->cue_end, "told"));
	ck_assert_ptr_nonnull(a->speaker_name);
	ck_assert_ptr_nonnull(strstr(a->speaker_name, "Ruud"));
}

START_TEST(bare_clause_after_quantifier_pronoun_or_phrase)
{
	static const struct ent_spec s[] = {{"Peter Brandt", NER_PER, NULL, {"Peter Brandt", "Brandt", NULL}}};
	run("A spokesman for the council, Peter Brandt, said no decision had been made on the "
	    "ferry. Brandt said after the vote he would resign in March. Growers say they "
	    "expect a late harvest this year. He said no to the plan.", s, 1);
	const struct quote *a = quote_is("no decision had been made on the ferry");
	ck_assert_ptr_nonnull(a);
	ck_assert_str_eq(a->speaker_name, "Peter Brandt");
	ck_assert_ptr_null(quote_is("A spokesman for the council"));
	const struct quote *b = quote_is("he would resign in March");
	ck_assert_ptr_nonnull(b);
	ck_assert_str_eq(b->speaker_name, "Peter Brandt");
	ck_assert_ptr_nonnull(quote_is("they expect a late harvest this year"));
	ck_assert_uint_eq(ql.n, 3);
}
END_TEST

START_TEST(party_aside_and_signed_quotes)
{
	static const struct ent_spec s[] = {
		{"Anna Kowalski", NER_PER, NULL, {"Anna Kowalski", NULL}},
		{"Tom Reyes", NER_PER, NULL, {"Tom Reyes", NULL}}};
	run("\"The levee will hold,\" Anna Kowalski (D-Ore.) said.\n"
	    "\"Nobody asked us about the dam.\" \u2014 Tom Reyes, a farmer\n", s, 2);
	const struct quote *a = quote_is("The levee will hold,");
	ck_assert_ptr_nonnull(a);
	ck_assert_str_eq(a->speaker_name, "Anna Kowalski");
	const struct quote *b = quote_is("Nobody asked us about the dam.");
	ck_assert_ptr_nonnull(b);
	ck_assert_str_eq(b->speaker_name, "Tom Reyes");
}
END_TEST

START_TEST(label_inside_the_marks_and_reduced_relative)
{
	static const struct ent_spec s[] = {{"Anna Kowalski", NER_PER, NULL, {"Anna Kowalski", NULL}}};
	run("\"MAYOR: We will open the new bridge in spring.\n"
	    "The advert closed on a clip of Anna Kowalski saying, \"Bridges are cheap.\"", s, 1);
	const struct quote *a = quote_is("We will open the new bridge in spring.");
	ck_assert_ptr_nonnull(a);
	ck_assert_ptr_nonnull(a->speaker_name);
	ck_assert_str_eq(a->speaker_name, "MAYOR");
	const struct quote *b = quote_is("Bridges are cheap.");
	ck_assert_ptr_nonnull(b);
	ck_assert_str_eq(b->speaker_name, "Anna Kowalski");
}
END_TEST

START_TEST(inversion_opening_sentence_and_colon_subject)
{
	static const struct ent_spec s[] = {
		{"Mary Chen", NER_PER, NULL, {"Mary Chen", "Chen", NULL}},
		{"Tom Reyes", NER_PER, NULL, {"Tom Reyes", "Reyes", NULL}}};
	run("The mill became a museum. Said Mary Chen, who grew up nearby, \"We were proud of "
	    "it.\"\n"
	    "Tom Reyes thanked the crowd, but went on to say, \"The roads are a disgrace.\"\n"
	    "\"Is the dam safe?\" Reyes asked as he left the hall.\n"
	    "He then turned to the cameras: \"We will win the seat in November.\"\n"
	    "The list of demands was long: \"Free water for all, and new roads.\"", s, 2);
	const struct quote *a = quote_is("We were proud of it.");
	ck_assert_ptr_nonnull(a);
	ck_assert_str_eq(a->speaker_name, "Mary Chen");
	const struct quote *b = quote_is("The roads are a disgrace.");
	ck_assert_ptr_nonnull(b);
	ck_assert_str_eq(b->speaker_name, "Tom Reyes");
	const struct quote *c = quote_is("Is the dam safe?");
	ck_assert_ptr_nonnull(c);
	ck_assert_str_eq(c->speaker_name, "Tom Reyes");
	const struct quote *d = quote_is("We will win the seat in November.");
	ck_assert_ptr_nonnull(d);
	ck_assert_str_eq(d->speaker_name, "Tom Reyes");
	const struct quote *e = quote_is("Free water for all, and new roads.");
	ck_assert_ptr_nonnull(e);
	ck_assert_ptr_null(e->speaker_name);
}
END_TEST

START_TEST(lede_description_names_the_titled_person_further_on)
{
	static const struct ent_spec s[] = {
		{"Kestrel", NER_ORG, NULL, {"Kestrel", NULL}},
		{"Ivan Petrenko", NER_PER, "head", {"Ivan Petrenko", "Petrenko", NULL}},
		{"Baltic", NER_MISC, NULL, {"Baltic", NULL}}};
	run("The head of the Baltic private militia Kestrel has claimed his fighters took the "
	    "port.\n\nIn a video, Kestrel head Ivan Petrenko said the port was under full "
	    "control.\n\nThe head of the harbour authority said the cranes were intact.", s, 3);
	const struct quote *a = quote_is("his fighters took the port");
	ck_assert_ptr_nonnull(a);
	ck_assert_ptr_nonnull(a->speaker_name);
	ck_assert_str_eq(a->speaker_name, "Ivan Petrenko");
	const struct quote *b = quote_is("the cranes were intact");
	ck_assert_ptr_nonnull(b);
	ck_assert(!b->speaker_name || strcmp(b->speaker_name, "Ivan Petrenko"));
}
END_TEST

START_TEST(owner_of_a_statement_and_modifiers_after_the_speaker)
{
	static const struct ent_spec s[] = {{"Tom Reyes", NER_PER, NULL, {"Tom Reyes", "Reyes", NULL}}};
	run("The council's statement said the bridge would reopen in May.\n"
	    "Tom Reyes toured the dam. His letter said the spillway was sound.\n"
	    "\"It is a way to take part without paying,\" says a source involved in the fund.\n"
	    "Reyes had previously said, \"We will see,\" when asked whether he would run.\n"
	    "Reyes said it is unrealistic to think that if the city pulls back, \"the levees "
	    "will save us.\"", s, 1);
	const struct quote *a = quote_is("the bridge would reopen in May");
	ck_assert_ptr_nonnull(a);
	ck_assert_str_eq(a->speaker_name, "council");
	const struct quote *b = quote_is("the spillway was sound");
	ck_assert_ptr_nonnull(b);
	ck_assert_str_eq(b->speaker_name, "Tom Reyes");
	const struct quote *c = quote_is("It is a way to take part without paying,");
	ck_assert_ptr_nonnull(c);
	ck_assert_str_eq(c->speaker_name, "source");
	const struct quote *d = quote_is("We will see,");
	ck_assert_ptr_nonnull(d);
	ck_assert_str_eq(d->speaker_name, "Tom Reyes");
	const struct quote *e = quote_is("the levees will save us.");
	ck_assert_ptr_nonnull(e);
	ck_assert_str_eq(e->speaker_name, "Tom Reyes");
}
END_TEST

START_TEST(inverted_descriptions_party_tags_and_manner)
{
	static const struct ent_spec s[] = {
		{"Tom Reyes", NER_PER, NULL, {"Tom Reyes", "Reyes", NULL}},
		{"Ohio", NER_LOC, NULL, {"Ohio", NULL}}};
	run("\"There is no advantage,\" said one unaligned Ohio strategist.\n"
	    "\"She did not like that,\" said a 2008 campaign veteran.\n"
	    "\"Let me be clear,\" Tom Reyes, R-Ky., said Tuesday.\n"
	    "\"Should the dealer be sued?\" Reyes asked rhetorically, shaking his head.\n"
	    "\"The attacks show a pattern,\" the auditors conclude.", s, 2);
	const struct quote *a = quote_is("There is no advantage,");
	ck_assert_ptr_nonnull(a);
	ck_assert_ptr_nonnull(a->speaker_name);
	ck_assert_ptr_nonnull(strstr(a->speaker_name, "strategist"));
	const struct quote *b = quote_is("She did not like that,");
	ck_assert_ptr_nonnull(b);
	ck_assert_ptr_nonnull(b->speaker_name);
	ck_assert_ptr_nonnull(strstr(b->speaker_name, "veteran"));
	const struct quote *c = quote_is("Let me be clear,");
	ck_assert_ptr_nonnull(c);
	ck_assert_str_eq(c->speaker_name, "Tom Reyes");
	const struct quote *d = quote_is("Should the dealer be sued?");
	ck_assert_ptr_nonnull(d);
	ck_assert_str_eq(d->speaker_name, "Tom Reyes");
	const struct quote *e = quote_is("The attacks show a pattern,");
	ck_assert_ptr_nonnull(e);
	ck_assert_ptr_nonnull(e->speaker_name);
	ck_assert_str_eq(e->speaker_name, "auditors");
}
END_TEST

START_TEST(titles_with_of_offices_and_the_ministry_again)
{
	static const struct ent_spec s[] = {
		{"Ana Ruiz", NER_PER, NULL, {"Ana Ruiz", "Ruiz", NULL}},
		{"Omar Haddad", NER_PER, NULL, {"Omar Haddad", NULL}}};
	run("Secretary of State Ana Ruiz said the talks were \"deeply troubling.\"\n"
	    "Prime Minister Omar Haddad's office said the army had left the valley.\n"
	    "The country's foreign ministry said the vote was a \"blatant provocation.\"\n"
	    "\"The valley will stay ours,\" the ministry said.\n"
	    "The ministry of health said the clinics were full.", s, 2);
	const struct quote *a = quote_is("deeply troubling.");
	ck_assert_ptr_nonnull(a);
	ck_assert_str_eq(a->speaker_name, "Ana Ruiz");
	const struct quote *b = quote_is("the army had left the valley");
	ck_assert_ptr_nonnull(b);
	ck_assert_str_eq(b->speaker_name, "Omar Haddad");
	const struct quote *c = quote_is("The valley will stay ours,");
	ck_assert_ptr_nonnull(c);
	ck_assert_str_eq(c->speaker_name, "foreign ministry");
	const struct quote *d = quote_is("the clinics were full");
	ck_assert_ptr_nonnull(d);
	ck_assert(strcmp(d->speaker_name, "foreign ministry") != 0);
}
END_TEST

START_TEST(acronym_group_speaker)
{
	static const struct ent_spec s[] = {{"Ostria", NER_LOC, NULL, {"US", NULL}}};
	run("K47 rebels said on Monday they had seized the town. US officials said the talks "
	    "had failed.", s, 1);
	const struct quote *a = quote_is("they had seized the town");
	ck_assert_ptr_nonnull(a);
	ck_assert_str_eq(a->speaker_name, "K47");
	const struct quote *b = quote_is("the talks had failed");
	ck_assert_ptr_nonnull(b);
	ck_assert_str_eq(b->speaker_name, "US officials");
}
END_TEST

START_TEST(named_appositives_and_more_than)
{
	static const struct ent_spec s[] = {
		{"KLF", NER_ORG, NULL, {"KLF", NULL}},
		{"Ansar", NER_ORG, NULL, {"Ansar", NULL}},
		{"United Nations", NER_ORG, NULL, {"United Nations", NULL}}};
	run("The separatist coalition, known as the KLF, said its fighters had left the town. "
	    "The militia, called Ansar, said the town fell. The United Nations said more than "
	    "5,000 families had left the valley.", s, 3);
	const struct quote *a = quote_is("its fighters had left the town");
	ck_assert_ptr_nonnull(a);
	ck_assert_str_eq(a->speaker_name, "KLF");
	const struct quote *b = quote_is("the town fell");
	ck_assert_ptr_nonnull(b);
	ck_assert_str_eq(b->speaker_name, "Ansar");
	ck_assert_ptr_null(quote_is("The militia, called Ansar"));
	const struct quote *c = quote_is("more than 5,000 families had left the valley");
	ck_assert_ptr_nonnull(c);
	ck_assert_str_eq(c->speaker_name, "United Nations");
}
END_TEST

START_TEST(and_that_after_a_fragment)
{
	static const struct ent_spec s[] = {{"Ivo Marek", NER_PER, NULL, {"Ivo Marek", NULL}}};
	run("Ivo Marek said the vote was a \"theft in broad daylight\" and that the council would "
	    "never accept it. He said that the dam was unsafe and that the town would be "
	    "evacuated.", s, 1);
	ck_assert_ptr_nonnull(quote_is("theft in broad daylight"));
	const struct quote *a = quote_is("the council would never accept it");
	ck_assert_ptr_nonnull(a);
	ck_assert_str_eq(a->speaker_name, "Ivo Marek");
	ck_assert_ptr_nonnull(quote_is("the dam was unsafe and that the town would be evacuated"));
}
END_TEST

START_TEST(second_verb_of_saying_and_participle_cue_end_a_clause)
{
	static const struct ent_spec s[] = {{"Kestrel Front", NER_ORG, NULL, {"Kestrel Front", NULL}}};
	run("The Kestrel Front denied that any soldiers had crossed the river and said its "
	    "fighters were ready. The army said it had ordered the garrison to leave, calling "
	    "the defenders \"heroes of the valley.\"", s, 1);
	const struct quote *a = quote_is("any soldiers had crossed the river");
	ck_assert_ptr_nonnull(a);
	ck_assert_str_eq(a->speaker_name, "Kestrel Front");
	const struct quote *b = quote_is("its fighters were ready");
	ck_assert_ptr_nonnull(b);
	ck_assert_str_eq(b->speaker_name, "Kestrel Front");
	ck_assert_ptr_nonnull(quote_is("it had ordered the garrison to leave"));
	ck_assert_ptr_nonnull(quote_is("heroes of the valley."));
}
END_TEST

static Suite *quotes_suite(void)
{
	Suite *s = suite_create("quotes");
	TCase *tc = tcase_create("core");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, direct_with_attribution_after);
	tcase_add_test(tc, direct_with_inverted_attribution);
	tcase_add_test(tc, interrupted_quote_is_two_quotes);
	tcase_add_test(tc, quote_over_paragraphs);
	tcase_add_test(tc, unbalanced_mark_stops_at_paragraph_end);
	tcase_add_test(tc, nested_single_quotes_stay_inside);
	tcase_add_test(tc, guillemets_and_curly_marks);
	tcase_add_test(tc, partial_quote_after_called);
	tcase_add_test(tc, partial_inside_reported_clause_only);
	tcase_add_test(tc, indirect_with_that_clause);
	tcase_add_test(tc, indirect_bare_clause_and_told);
	tcase_add_test(tc, according_to_group_speaker);
	tcase_add_test(tc, according_to_source_of_a_document);
	tcase_add_test(tc, transcript_label_and_first_person);
	tcase_add_test(tc, inverted_indirect);
	tcase_add_test(tc, scare_quotes_are_no_quotes);
	tcase_add_test(tc, scare_quote_beside_a_cue);
	tcase_add_test(tc, appositive_speaker);
	tcase_add_test(tc, description_resolves_by_title);
	tcase_add_test(tc, description_resolves_from_text);
	tcase_add_test(tc, pronoun_resolves_to_last_person);
	tcase_add_test(tc, speaker_introduced_with_colon);
	tcase_add_test(tc, unnamed_group_keeps_phrase);
	tcase_add_test(tc, follow_on_quote_inherits_speaker);
	tcase_add_test(tc, quotes_at_text_start_and_end);
	tcase_add_test(tc, degenerate_inputs);
	tcase_add_test(tc, offsets_in_three_units);
	tcase_add_test(tc, render_shape);
	tcase_add_test(tc, lexicon_lookup);
	tcase_add_test(tc, typographic_apostrophes_in_reported_clauses);
	tcase_add_test(tc, manner_verbs_and_long_asides_after_quotes);
	tcase_add_test(tc, subject_opening_the_clause);
	tcase_add_test(tc, doubled_apostrophes_are_double_marks);
	tcase_add_test(tc, inverted_descriptions_run_on);
	tcase_add_test(tc, inverted_unquoted_attribution_with_description);
	tcase_add_test(tc, reported_questions);
	tcase_add_test(tc, infinitive_cue_before_quote_and_put_it);
	tcase_add_test(tc, opening_subordinate_clause_is_no_content);
	tcase_add_test(tc, datelines_and_time_openers_are_no_subjects);
	tcase_add_test(tc, quote_as_distant_that_clause);
	tcase_add_test(tc, initials_do_not_end_the_attribution);
	tcase_add_test(tc, bare_clause_after_quantifier_pronoun_or_phrase);
	tcase_add_test(tc, party_aside_and_signed_quotes);
	tcase_add_test(tc, label_inside_the_marks_and_reduced_relative);
	tcase_add_test(tc, inversion_opening_sentence_and_colon_subject);
	tcase_add_test(tc, lede_description_names_the_titled_person_further_on);
	tcase_add_test(tc, owner_of_a_statement_and_modifiers_after_the_speaker);
	tcase_add_test(tc, inverted_descriptions_party_tags_and_manner);
	tcase_add_test(tc, titles_with_of_offices_and_the_ministry_again);
	tcase_add_test(tc, acronym_group_speaker);
	tcase_add_test(tc, named_appositives_and_more_than);
	tcase_add_test(tc, and_that_after_a_fragment);
	tcase_add_test(tc, second_verb_of_saying_and_participle_cue_end_a_clause);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(quotes_suite());
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
