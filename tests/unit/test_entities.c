/* Entity layer: mentions from caller-given BIO tags (entities_from_tags),
 * title and article stripping, possessives, clustering, type vote, codes,
 * gazetteer additions, rendering. Sentences written for the test. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "enricher/entities.h"

static struct entities_res *res;

static void setup(void)
{
	struct enr_error err;
	if (!res)
		ck_assert_msg(entities_load("config", NULL, &res, &err) == 0, "%s", err.message);
}

struct fixture {
	struct arena *a;
	struct text_doc doc;
	uint8_t *tags;
	struct entity_list el;
};

static void fx_open(struct fixture *f, const char *text)
{
	struct enr_error err;
	f->a = arena_new(0);
	ck_assert_int_eq(text_analyze(f->a, text, strlen(text), NULL, &f->doc, &err), 0);
	f->tags = arena_calloc(f->a, f->doc.ntok + 1, 1);
	ck_assert_ptr_nonnull(f->tags);
}

/* Tags every occurrence of the token sequence of phrase with type t. */
static void fx_tag(struct fixture *f, const char *phrase, int t)
{
	char buf[256];
	snprintf(buf, sizeof buf, "%s", phrase);
	const char *w[16];
	size_t nw = 0;
	for (char *p = strtok(buf, " "); p && nw < 16; p = strtok(NULL, " "))
		w[nw++] = p;
	int hits = 0;
	for (size_t i = 0; i + nw <= f->doc.ntok; i++) {
		size_t k = 0;
		while (k < nw && text_tok_len(&f->doc, i + k) == strlen(w[k]) &&
		       memcmp(text_tok_str(&f->doc, i + k), w[k], strlen(w[k])) == 0)
			k++;
		if (k < nw)
			continue;
		for (k = 0; k < nw; k++)
			f->tags[i + k] = k ? TAG_I(t) : TAG_B(t);
		hits++;
	}
	ck_assert_msg(hits > 0, "phrase not found: %s", phrase);
}

static void fx_run(struct fixture *f)
{
	struct enr_error err;
	ck_assert_int_eq(entities_from_tags(res, f->a, &f->doc, f->tags, &f->el, &err), 0);
}

static const struct entity *fx_ent(const struct fixture *f, const char *name)
{
	for (size_t k = 0; k < f->el.nent; k++)
		if (strcmp(f->el.ent[k].name, name) == 0)
			return &f->el.ent[k];
	return NULL;
}

static size_t fx_count(const struct fixture *f, int type)
{
	size_t n = 0;
	for (size_t k = 0; k < f->el.nent; k++)
		n += f->el.ent[k].type == type;
	return n;
}

static const char *men_text(const struct fixture *f, const struct entity *e, size_t j, char *buf,
			    size_t cap)
{
	const struct mention *m = &f->el.men[e->mentions[j]];
	snprintf(buf, cap, "%.*s", (int)(m->end - m->start), f->doc.text + m->start);
	return buf;
}

/* entities_render's bytes parsed back: they must be valid JSON. New reference. */
static json_t *render_entities(const struct entity_list *el, const struct text_doc *doc,
				enum text_unit unit)
{
	struct jsonw w;
	jsonw_init(&w, 0);
	entities_render(&w, el, doc, unit);
	size_t n;
	char *s = jsonw_finish(&w, &n);
	ck_assert_ptr_nonnull(s);
	json_error_t je;
	json_t *j = json_loadb(s, n, 0, &je);
	ck_assert_msg(j != NULL, "entities_render wrote invalid JSON: %s", je.text);
	free(s);
	return j;
}

START_TEST(titles_are_not_names)
{
	struct fixture f;
	fx_open(&f, "President Jonas Vilkas opened the bridge. Gen. Marta Ozols watched.");
	fx_tag(&f, "President Jonas Vilkas", NER_PER);
	fx_tag(&f, "Gen. Marta Ozols", NER_PER);
	fx_run(&f);
	ck_assert_uint_eq(fx_count(&f, NER_PER), 2);
	const struct entity *e = fx_ent(&f, "Jonas Vilkas");
	ck_assert_ptr_nonnull(e);
	char b[64];
	ck_assert_str_eq(men_text(&f, e, 0, b, sizeof b), "Jonas Vilkas");
	ck_assert_str_eq(e->title, "president");
	ck_assert(f.el.men[e->mentions[0]].from_title);
	e = fx_ent(&f, "Marta Ozols");
	ck_assert_ptr_nonnull(e);
	ck_assert_str_eq(e->title, "gen.");
	arena_free(f.a);
}
END_TEST

START_TEST(title_before_and_after_the_name)
{
	struct fixture f;
	fx_open(&f, "The finance minister Olaf Berg spoke first. Later Anna Lind, an adviser to "
		    "the cabinet, said the plan was sound. The adviser left.");
	fx_tag(&f, "Olaf Berg", NER_PER);
	fx_tag(&f, "Anna Lind", NER_PER);
	fx_run(&f);
	ck_assert_str_eq(fx_ent(&f, "Olaf Berg")->title, "finance minister");
	ck_assert_str_eq(fx_ent(&f, "Anna Lind")->title, "adviser");
	arena_free(f.a);
}
END_TEST

START_TEST(surnames_join_the_full_name)
{
	struct fixture f;
	fx_open(&f, "Vilkas under pressure\n\nPrime Minister Jonas Vilkas said on Monday he would "
		    "stay. Vilkas added that President Vilkas's party agreed. Critics of Vilkas were silent.");
	fx_tag(&f, "Vilkas", NER_PER);
	fx_tag(&f, "Prime Minister Jonas Vilkas", NER_PER);
	fx_tag(&f, "President Vilkas", NER_PER);
	fx_run(&f);
	ck_assert_uint_eq(fx_count(&f, NER_PER), 1);
	const struct entity *e = fx_ent(&f, "Jonas Vilkas");
	ck_assert_ptr_nonnull(e);
	ck_assert_uint_eq(e->nmentions, 5);
	char b[64];
	for (size_t j = 0; j < e->nmentions; j++) {
		men_text(&f, e, j, b, sizeof b);
		ck_assert_msg(strcmp(b, "Vilkas") == 0 || strcmp(b, "Jonas Vilkas") == 0, "%s", b);
	}
	ck_assert_str_eq(e->title, "prime minister");
	/* the headline mention is the first one: high salience */
	ck_assert(e->salience > 0.8f && e->salience <= 1.0f);
	arena_free(f.a);
}
END_TEST

START_TEST(possessive_and_article_are_outside)
{
	struct fixture f;
	fx_open(&f, "Estonia's navy met the Baltic Defence College staff near the Kremlin's walls.");
	fx_tag(&f, "Estonia 's", NER_LOC);
	fx_tag(&f, "the Baltic Defence College", NER_ORG);
	fx_tag(&f, "Kremlin", NER_ORG);
	fx_run(&f);
	char b[64];
	const struct entity *e = fx_ent(&f, "Estonia");
	ck_assert_ptr_nonnull(e);
	ck_assert_str_eq(men_text(&f, e, 0, b, sizeof b), "Estonia");
	ck_assert_str_eq(e->code, "EE");
	e = fx_ent(&f, "Baltic Defence College");
	ck_assert_ptr_nonnull(e);
	ck_assert_int_eq(e->type, NER_ORG);
	e = fx_ent(&f, "Kremlin");
	ck_assert_ptr_nonnull(e);
	ck_assert_str_eq(men_text(&f, e, 0, b, sizeof b), "Kremlin");
	arena_free(f.a);
}
END_TEST

START_TEST(region_and_city_form_one_place_with_a_code)
{
	struct fixture f;
	fx_open(&f, "Shelling hit the Kharkov region overnight. In Kharkov itself, trams stopped. "
		    "Troops also crossed into the Kursk Oblast.");
	fx_tag(&f, "Kharkov", NER_LOC);
	fx_tag(&f, "Kursk Oblast", NER_LOC);
	fx_run(&f);
	ck_assert_uint_eq(fx_count(&f, NER_LOC), 2);
	const struct entity *e = fx_ent(&f, "Kharkov region");
	ck_assert_ptr_nonnull(e);
	ck_assert_uint_eq(e->nmentions, 2);
	ck_assert_str_eq(e->code, "UA-63");
	ck_assert_str_eq(e->country, "UA");
	int has_region = 0;
	for (size_t j = 0; j < e->naliases; j++)
		has_region |= strcmp(e->aliases[j], "Kharkov region") == 0;
	ck_assert(has_region);
	e = fx_ent(&f, "Kursk Oblast");
	ck_assert_ptr_nonnull(e);
	ck_assert_str_eq(e->code, "RU-KRS");
	arena_free(f.a);
}
END_TEST

START_TEST(type_vote_and_capital_metonymy)
{
	struct fixture f;
	fx_open(&f, "Officials in Tallinn denied it. Tallinn said talks would go on. "
		    "The mayor of Tallinn agreed.");
	fx_tag(&f, "Tallinn", NER_LOC);
	/* the second "Tallinn" read as the government */
	size_t seen = 0;
	for (size_t i = 0; i < f.doc.ntok; i++)
		if (text_tok_len(&f.doc, i) == 7 && memcmp(text_tok_str(&f.doc, i), "Tallinn", 7) == 0)
			f.tags[i] = ++seen == 2 ? TAG_B(NER_ORG) : TAG_B(NER_LOC);
	fx_run(&f);
	ck_assert_uint_eq(f.el.nent, 1);
	const struct entity *e = &f.el.ent[0];
	ck_assert_int_eq(e->type, NER_LOC);
	ck_assert_uint_eq(e->nmentions, 3);
	ck_assert_str_eq(e->country, "EE");
	arena_free(f.a);
}
END_TEST

START_TEST(a_capital_read_as_a_person_is_a_place)
{
	struct fixture f;
	fx_open(&f, "Lawmakers in Kiev voted on Friday.");
	fx_tag(&f, "Kiev", NER_PER);
	fx_run(&f);
	ck_assert_uint_eq(f.el.nent, 1);
	ck_assert_int_eq(f.el.ent[0].type, NER_LOC);
	ck_assert_str_eq(f.el.ent[0].country, "UA");
	ck_assert_str_eq(f.el.ent[0].code, "UA-30");
	arena_free(f.a);
}
END_TEST

START_TEST(gazetteer_adds_missed_places_only_when_capitalised)
{
	struct fixture f;
	fx_open(&f, "Delegates flew from Lyon to Portugal, then on a turkey farm.");
	fx_run(&f);  /* no tags at all */
	const struct entity *e = fx_ent(&f, "Lyon");
	ck_assert_ptr_nonnull(e);
	ck_assert_int_eq(e->type, NER_LOC);
	ck_assert_str_eq(e->country, "FR");
	e = fx_ent(&f, "Portugal");
	ck_assert_ptr_nonnull(e);
	ck_assert_str_eq(e->code, "PT");
	ck_assert_ptr_null(fx_ent(&f, "turkey"));
	ck_assert_uint_eq(f.el.nent, 2);
	arena_free(f.a);
}
END_TEST

START_TEST(lowercase_descriptions_and_demonyms)
{
	struct fixture f;
	fx_open(&f, "The defence ministry said Latvian troops and the Latvian navy were ready.");
	fx_tag(&f, "defence ministry", NER_ORG);
	fx_tag(&f, "Latvian", NER_MISC);
	fx_run(&f);
	ck_assert_uint_eq(fx_count(&f, NER_ORG), 0);
	const struct entity *e = fx_ent(&f, "Latvian");
	ck_assert_ptr_nonnull(e);
	ck_assert_int_eq(e->type, NER_MISC);
	ck_assert_uint_eq(e->nmentions, 2);
	ck_assert_ptr_null(e->code);
	arena_free(f.a);
}
END_TEST

START_TEST(organisations_acronyms_and_short_forms)
{
	struct fixture f;
	fx_open(&f, "The Northern Grain Traders Union (NGTU) met. The NGTU asked the "
		    "Grain Traders Union board to vote.");
	fx_tag(&f, "Grain Traders Union", NER_ORG);  /* short form first: the long one wins */
	fx_tag(&f, "Northern Grain Traders Union", NER_ORG);
	fx_tag(&f, "NGTU", NER_ORG);
	fx_run(&f);
	ck_assert_uint_eq(f.el.nent, 1);
	ck_assert_str_eq(f.el.ent[0].name, "Northern Grain Traders Union");
	ck_assert_uint_eq(f.el.ent[0].nmentions, 4);
	arena_free(f.a);
}
END_TEST

START_TEST(sentence_initial_common_word_is_no_name)
{
	struct fixture f;
	fx_open(&f, "Meanwhile the talks stalled. Harbour officials waited in Harbour Town.");
	fx_tag(&f, "Meanwhile", NER_ORG);
	fx_tag(&f, "Harbour Town", NER_LOC);
	fx_run(&f);
	ck_assert_ptr_null(fx_ent(&f, "Meanwhile"));
	ck_assert_ptr_nonnull(fx_ent(&f, "Harbour Town"));
	arena_free(f.a);
}
END_TEST

START_TEST(renders_json_with_offsets_in_the_unit_asked)
{
	struct fixture f;
	fx_open(&f, "“Zürich” hosts Ana Pérez today.");
	fx_tag(&f, "Ana Pérez", NER_PER);
	fx_run(&f);
	const struct entity *e = fx_ent(&f, "Ana Pérez");
	ck_assert_ptr_nonnull(e);
	int k = (int)(e - f.el.ent);
	json_t *cp = render_entities(&f.el, &f.doc, TEXT_UNIT_CODEPOINT);
	json_t *u8 = render_entities(&f.el, &f.doc, TEXT_UNIT_UTF8);
	json_t *o = json_array_get(cp, (size_t)k);
	ck_assert_ptr_nonnull(o);
	char id[16];
	snprintf(id, sizeof id, "e%d", k + 1);
	ck_assert_str_eq(json_string_value(json_object_get(o, "id")), id);
	ck_assert_str_eq(json_string_value(json_object_get(o, "type")), "PERSON");
	ck_assert_str_eq(json_string_value(json_object_get(o, "name")), "Ana Pérez");
	double s = json_real_value(json_object_get(o, "salience"));
	ck_assert(s > 0 && s <= 1);
	json_t *m = json_array_get(json_object_get(o, "mentions"), 0);
	ck_assert_str_eq(json_string_value(json_object_get(m, "text")), "Ana Pérez");
	/* “ and ü are one code point each, three and two bytes */
	ck_assert_int_eq(json_integer_value(json_object_get(m, "start")), 15);
	ck_assert_int_eq(json_integer_value(json_object_get(m, "end")), 24);
	m = json_array_get(json_object_get(json_array_get(u8, (size_t)k), "mentions"), 0);
	ck_assert_int_eq(json_integer_value(json_object_get(m, "start")), 20);
	ck_assert_int_eq(json_integer_value(json_object_get(m, "end")), 30);
	/* the gazetteer found Zürich: a place with its country */
	const struct entity *z = fx_ent(&f, "Zürich");
	ck_assert_ptr_nonnull(z);
	json_t *zo = json_array_get(cp, (size_t)(z - f.el.ent));
	ck_assert_str_eq(json_string_value(json_object_get(zo, "country")), "CH");
	/* entities_at maps tokens to entities */
	ck_assert_int_eq(entities_at(&f.el, f.el.men[e->mentions[0]].tok), k);
	ck_assert_int_eq(entities_at(&f.el, f.doc.ntok - 1), -1);
	ck_assert_int_eq(entities_at(&f.el, f.doc.ntok + 5), -1);
	json_decref(cp);
	json_decref(u8);
	arena_free(f.a);
}
END_TEST

START_TEST(company_cues_make_an_organisation)
{
	struct fixture f;
	fx_open(&f, "Oslo-based Kvarn bought a rival. Kvarn chief executive Ida Moe said "
		    "Kvarn would grow. Later Kvarn hired staff.");
	fx_tag(&f, "Kvarn", NER_PER);
	fx_tag(&f, "Ida Moe", NER_PER);
	fx_run(&f);
	const struct entity *e = fx_ent(&f, "Kvarn");
	ck_assert_ptr_nonnull(e);
	ck_assert_int_eq(e->type, NER_ORG);
	ck_assert_uint_eq(e->nmentions, 4);
	ck_assert_int_eq(fx_ent(&f, "Ida Moe")->type, NER_PER);
	arena_free(f.a);
}
END_TEST

START_TEST(slashes_brackets_and_modifiers)
{
	struct fixture f;
	fx_open(&f, "Photo: ERIK DAHL/Nordpress/Fjord Images. The Baltic Court (of Appeal) ruled. "
		    "Troops left Muslim-majority Tarsia. The Nordic Council met.");
	fx_tag(&f, "Nordpress / Fjord Images", NER_ORG);
	fx_tag(&f, "Baltic Court ( of Appeal", NER_ORG);
	fx_tag(&f, "Muslim-majority Tarsia", NER_LOC);
	fx_tag(&f, "Nordic Council", NER_ORG);
	fx_run(&f);
	ck_assert_ptr_nonnull(fx_ent(&f, "Nordpress"));
	ck_assert_ptr_nonnull(fx_ent(&f, "Fjord Images"));
	ck_assert_ptr_nonnull(fx_ent(&f, "Baltic Court"));
	ck_assert_ptr_nonnull(fx_ent(&f, "Tarsia"));
	ck_assert_ptr_nonnull(fx_ent(&f, "Nordic Council"));
	for (size_t k = 0; k < f.el.nmen; k++) {
		const struct mention *m = &f.el.men[k];
		ck_assert(memchr(f.doc.text + m->start, '/', m->end - m->start) == NULL);
		ck_assert(memchr(f.doc.text + m->start, '(', m->end - m->start) == NULL);
	}
	arena_free(f.a);
}
END_TEST

START_TEST(bracketed_acronym_and_nationality_adjectives)
{
	struct fixture f;
	fx_open(&f, "The Green Harbour Alliance's (GHA) plan won. GHA members cheered, "
		    "and Southeast Asian buyers came.");
	fx_tag(&f, "Green Harbour Alliance", NER_ORG);
	fx_tag(&f, "GHA", NER_ORG);
	fx_tag(&f, "Southeast Asian", NER_ORG);
	fx_run(&f);
	const struct entity *e = fx_ent(&f, "Green Harbour Alliance");
	ck_assert_ptr_nonnull(e);
	ck_assert_uint_eq(e->nmentions, 3);
	e = fx_ent(&f, "Southeast Asian");
	ck_assert_ptr_nonnull(e);
	ck_assert_int_eq(e->type, NER_MISC);
	arena_free(f.a);
}
END_TEST

START_TEST(spans_widen_to_known_and_compound_names)
{
	struct fixture f;
	fx_open(&f, "Protests spread across Trinidad and Tobago. The Institute for the Study of "
		    "Coastal Erosion warned the Ministry of Fisheries.");
	fx_tag(&f, "Trinidad", NER_LOC);
	fx_tag(&f, "Tobago", NER_LOC);
	fx_tag(&f, "Institute", NER_ORG);
	fx_tag(&f, "Study of Coastal Erosion", NER_ORG);
	fx_tag(&f, "Ministry", NER_ORG);
	fx_run(&f);
	const struct entity *e = fx_ent(&f, "Trinidad and Tobago");
	ck_assert_ptr_nonnull(e);
	ck_assert_str_eq(e->code, "TT");
	ck_assert_ptr_nonnull(fx_ent(&f, "Institute for the Study of Coastal Erosion"));
	ck_assert_ptr_nonnull(fx_ent(&f, "Ministry of Fisheries"));
	ck_assert_uint_eq(f.el.nent, 3);
	arena_free(f.a);
}
END_TEST

START_TEST(a_lone_person_word_read_as_a_place)
{
	struct fixture f;
	fx_open(&f, "Troops held Zorvik. Shelling hit Zorvik again. Fighting raged in Zorvik, "
		    "and Zorvik was cut off. Marta Lind said talks went on in Velmar.");
	size_t seen = 0;
	for (size_t i = 0; i < f.doc.ntok; i++)
		if (text_tok_len(&f.doc, i) == 6 && memcmp(text_tok_str(&f.doc, i), "Zorvik", 6) == 0)
			f.tags[i] = ++seen == 4 ? TAG_B(NER_PER) : TAG_B(NER_LOC);
	fx_tag(&f, "Marta Lind", NER_PER);
	fx_tag(&f, "Velmar", NER_PER);
	fx_run(&f);
	const struct entity *e = fx_ent(&f, "Zorvik");
	ck_assert_ptr_nonnull(e);
	ck_assert_int_eq(e->type, NER_LOC);
	ck_assert_uint_eq(e->nmentions, 4);
	ck_assert_int_eq(fx_ent(&f, "Velmar")->type, NER_LOC);
	ck_assert_int_eq(fx_ent(&f, "Marta Lind")->type, NER_PER);
	arena_free(f.a);
}
END_TEST

START_TEST(platform_word_before_channel_is_no_part_of_the_name)
{
	struct fixture f;
	fx_open(&f, "The Kestrel Watch Telegram channel said columns were moving. Kestrel Watch "
		    "posted a video on Telegram.");
	fx_tag(&f, "Kestrel Watch", NER_ORG);
	fx_tag(&f, "Telegram", NER_ORG);
	fx_tag(&f, "Kestrel Watch Telegram", NER_ORG);  /* the first one whole */
	fx_run(&f);
	const struct entity *e = fx_ent(&f, "Kestrel Watch");
	ck_assert_ptr_nonnull(e);
	ck_assert_uint_eq(e->nmentions, 2);
	ck_assert_ptr_null(fx_ent(&f, "Kestrel Watch Telegram"));
	ck_assert_ptr_nonnull(fx_ent(&f, "Telegram"));
	arena_free(f.a);
}
END_TEST

START_TEST(photo_credit_names_the_photographer)
{
	struct fixture f;
	fx_open(&f, "Soldiers ride a tank near the border. MARTA LINDQVIST/AFP/Getty Images\n\n"
		    "The town fell. TOM REYES/Reuters\n\nOfficials said AFP/Getty had the pictures.");
	fx_tag(&f, "MARTA", NER_LOC);
	fx_tag(&f, "AFP", NER_ORG);
	fx_tag(&f, "Getty Images", NER_ORG);
	fx_tag(&f, "TOM REYES / Reuters", NER_ORG);
	fx_run(&f);
	const struct entity *e = fx_ent(&f, "Marta Lindqvist");
	ck_assert_ptr_nonnull(e);
	ck_assert_int_eq(e->type, NER_PER);
	e = fx_ent(&f, "Tom Reyes");
	ck_assert_ptr_nonnull(e);
	ck_assert_int_eq(e->type, NER_PER);
	ck_assert_int_eq(fx_ent(&f, "Reuters")->type, NER_ORG);
	ck_assert_int_eq(fx_ent(&f, "AFP")->type, NER_ORG);
	ck_assert_uint_eq(fx_count(&f, NER_PER), 2);
	arena_free(f.a);
}
END_TEST

START_TEST(capitalised_word_before_a_geographic_name)
{
	struct fixture f;
	fx_open(&f, "Ships anchored at the Second Marlow Shoal. Second boats left. Troops "
		    "entered the Kelvar Valley, and the Kelvar Channel filmed them.");
	fx_tag(&f, "Marlow Shoal", NER_LOC);
	fx_tag(&f, "Kelvar Valley", NER_ORG);
	fx_tag(&f, "Kelvar Channel", NER_ORG);
	fx_run(&f);
	ck_assert_ptr_nonnull(fx_ent(&f, "Second Marlow Shoal"));
	ck_assert_ptr_null(fx_ent(&f, "Marlow Shoal"));
	ck_assert_int_eq(fx_ent(&f, "Kelvar Valley")->type, NER_LOC);
	ck_assert_int_eq(fx_ent(&f, "Kelvar Channel")->type, NER_ORG);
	ck_assert_uint_eq(f.el.nent, 3);
	arena_free(f.a);
}
END_TEST

START_TEST(empty_and_all_tagged_texts)
{
	struct fixture f;
	fx_open(&f, "");
	fx_run(&f);
	ck_assert_uint_eq(f.el.nent, 0);
	json_t *j = render_entities(&f.el, &f.doc, TEXT_UNIT_CODEPOINT);
	ck_assert_uint_eq(json_array_size(j), 0);
	json_decref(j);
	arena_free(f.a);
	fx_open(&f, "' , Ã ... ''");
	for (size_t i = 0; i < f.doc.ntok; i++)
		f.tags[i] = i % 2 ? TAG_I(NER_ORG) : 200;  /* junk tags too */
	fx_run(&f);
	for (size_t k = 0; k < f.el.nmen; k++)
		ck_assert(f.el.men[k].ntok > 0 && f.el.men[k].tok + f.el.men[k].ntok <= f.doc.ntok);
	arena_free(f.a);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("entities");
	TCase *tc = tcase_create("core");
	tcase_add_unchecked_fixture(tc, setup, NULL);
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, titles_are_not_names);
	tcase_add_test(tc, title_before_and_after_the_name);
	tcase_add_test(tc, surnames_join_the_full_name);
	tcase_add_test(tc, possessive_and_article_are_outside);
	tcase_add_test(tc, region_and_city_form_one_place_with_a_code);
	tcase_add_test(tc, type_vote_and_capital_metonymy);
	tcase_add_test(tc, a_capital_read_as_a_person_is_a_place);
	tcase_add_test(tc, gazetteer_adds_missed_places_only_when_capitalised);
	tcase_add_test(tc, lowercase_descriptions_and_demonyms);
	tcase_add_test(tc, organisations_acronyms_and_short_forms);
	tcase_add_test(tc, sentence_initial_common_word_is_no_name);
	tcase_add_test(tc, renders_json_with_offsets_in_the_unit_asked);
	tcase_add_test(tc, company_cues_make_an_organisation);
	tcase_add_test(tc, slashes_brackets_and_modifiers);
	tcase_add_test(tc, bracketed_acronym_and_nationality_adjectives);
	tcase_add_test(tc, spans_widen_to_known_and_compound_names);
	tcase_add_test(tc, a_lone_person_word_read_as_a_place);
	tcase_add_test(tc, platform_word_before_channel_is_no_part_of_the_name);
	tcase_add_test(tc, photo_credit_names_the_photographer);
	tcase_add_test(tc, capitalised_word_before_a_geographic_name);
	tcase_add_test(tc, empty_and_all_tagged_texts);
	suite_add_tcase(s, tc);
	SRunner *sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	entities_res_free(res);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
