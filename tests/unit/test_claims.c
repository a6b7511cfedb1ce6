/* Territorial claims on sentences written for these tests, with entity and
 * quote lists built by hand so the extractor is tested on its own. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include <jansson.h>

#include "enricher/claims.h"
#include "enricher/claims_lex.h"
#include "enricher/tagger.h"

static char cfg_dir[256];
static struct claims_res *res;
static struct arena *ar;
static struct text_doc doc;
static struct entity_list el;
static struct quote_list ql;
static struct claim_list cl;

/* A surface form the entity layer would have found, and its entity. */
struct espec {
	const char *surface;
	int type;
	const char *name;
	const char *code;
	const char *country;
};

static void write_file(const char *dir, const char *name, const char *text)
{
	char p[512];
	snprintf(p, sizeof p, "%s/%s", dir, name);
	FILE *f = fopen(p, "w");
	ck_assert_ptr_nonnull(f);
	fputs(text, f);
	fclose(f);
}

static void link_real(const char *dir, const char *name)
{
	char src[512], dst[512], cwd[256];
	ck_assert_ptr_nonnull(getcwd(cwd, sizeof cwd));
	snprintf(src, sizeof src, "%s/config/lexicons/%s", cwd, name);
	snprintf(dst, sizeof dst, "%s/%s", dir, name);
	ck_assert_int_eq(symlink(src, dst), 0);
}

static void setup(void)
{
	char lex[300];
	snprintf(cfg_dir, sizeof cfg_dir, "/tmp/claims-test-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(cfg_dir));
	snprintf(lex, sizeof lex, "%s/lexicons", cfg_dir);
	ck_assert_int_eq(mkdir(lex, 0700), 0);
	link_real(lex, "claim_triggers.txt");
	link_real(lex, "claim_words.txt");
	link_real(lex, "claim_actors.txt");
	link_real(lex, "claim_armed_groups.txt");
	/* the entity layer owns these; small ones keep the test independent */
	write_file(lex, "demonyms.txt",
		   "russian\tRussia\nukrainian\tUkraine\nchinese\tChina\narmenian\tArmenia\n"
		   "azerbaijani\tAzerbaijan\ngeorgian\tGeorgia\nmoroccan\tMorocco\n"
		   "kosovar\tKosovo\nindian\tIndia\nargentine\tArgentina\nbritish\tUnited Kingdom\nisraeli\tIsrael\n");
	write_file(lex, "capitals.txt",
		   "kyiv\tUkraine\nmoscow\tRussia\nbeijing\tChina\ntbilisi\tGeorgia\nbaku\tAzerbaijan\n");
	struct enr_error err;
	ck_assert_msg(claims_load(cfg_dir, &res, &err) == 0, "%s", err.message);
	ar = arena_new(0);
}

static void teardown(void)
{
	char cmd[400];
	claims_res_free(res);
	arena_free(ar);
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", cfg_dir);
	ck_assert_int_eq(system(cmd), 0);
}

/* Tokenizes text, marks every occurrence of each surface as a mention of its
 * entity, and runs the extractor. */
static void run_q(const char *text, const struct espec *es, size_t nes, const char *published,
		  const struct quote *qs, size_t nq)
{
	struct enr_error err;
	ck_assert_int_eq(text_analyze(ar, text, strlen(text), NULL, &doc, &err), 0);
	memset(&el, 0, sizeof el);
	el.ent = arena_calloc(ar, nes + 1, sizeof *el.ent);
	el.men = arena_calloc(ar, doc.ntok + 1, sizeof *el.men);
	el.tok_mention = arena_calloc(ar, doc.ntok + 1, sizeof *el.tok_mention);
	ck_assert(el.ent && el.men && el.tok_mention);
	for (size_t i = 0; i < doc.ntok; i++)
		el.tok_mention[i] = -1;
	for (size_t k = 0; k < nes; k++) {
		size_t e = 0;
		while (e < el.nent && strcmp(el.ent[e].name, es[k].name))
			e++;
		if (e == el.nent) {
			el.ent[e] = (struct entity){ .name = es[k].name, .type = (uint8_t)es[k].type,
						     .code = es[k].code, .country = es[k].country };
			el.nent++;
		}
		size_t sl = strlen(es[k].surface);
		for (size_t i = 0; i < doc.ntok; i++) {
			if (el.tok_mention[i] >= 0 || strncmp(text + doc.tok[i].start, es[k].surface, sl))
				continue;
			size_t j = i;
			while (j < doc.ntok && doc.tok[j].end < doc.tok[i].start + sl)
				j++;
			if (j >= doc.ntok || doc.tok[j].end != doc.tok[i].start + sl)
				continue;
			struct mention *m = &el.men[el.nmen];
			*m = (struct mention){ .tok = (uint32_t)i, .ntok = (uint32_t)(j - i + 1),
					       .start = doc.tok[i].start, .end = doc.tok[j].end,
					       .entity = (int32_t)e, .type = (uint8_t)es[k].type };
			for (size_t t = i; t <= j; t++)
				el.tok_mention[t] = (int32_t)el.nmen;
			el.nmen++;
		}
	}
	/* mentions in text order, as the entity layer gives them */
	for (size_t a = 0; a < el.nmen; a++)
		for (size_t b = a + 1; b < el.nmen; b++)
			if (el.men[b].tok < el.men[a].tok) {
				struct mention t = el.men[a];
				el.men[a] = el.men[b];
				el.men[b] = t;
			}
	for (size_t a = 0; a < el.nmen; a++)
		for (size_t t = el.men[a].tok; t < el.men[a].tok + el.men[a].ntok; t++)
			el.tok_mention[t] = (int32_t)a;
	for (size_t e = 0; e < el.nent; e++) {
		el.ent[e].mentions = arena_calloc(ar, el.nmen + 1, sizeof(uint32_t));
		for (size_t a = 0; a < el.nmen; a++)
			if (el.men[a].entity == (int32_t)e)
				el.ent[e].mentions[el.ent[e].nmentions++] = (uint32_t)a;
	}
	ql.q = (struct quote *)qs;
	ql.n = nq;
	struct claims_input in = { .published = published };
	ck_assert_msg(claims_find(res, ar, &doc, &el, &ql, &in, &cl, &err) == 0, "%s", err.message);
}

static void run(const char *text, const struct espec *es, size_t nes, const char *published)
{
	run_q(text, es, nes, published, NULL, 0);
}

#define RUN(text, es) run(text, es, sizeof es / sizeof es[0], NULL)

/* The claim of that kind on that territory (actor NULL: any), or NULL. */
static const struct claim *find(int kind, const char *actor, const char *territory)
{
	for (size_t k = 0; k < cl.n; k++) {
		const struct claim *c = &cl.c[k];
		if (c->kind != kind || strcmp(c->territory, territory))
			continue;
		if (actor && (!c->actor || strcmp(c->actor, actor)))
			continue;
		return c;
	}
	return NULL;
}

static void dump(void)
{
	for (size_t k = 0; k < cl.n; k++)
		fprintf(stderr, "  %s %s -> %s (%s) %s\n", claims_kind_name(cl.c[k].kind),
			cl.c[k].actor ? cl.c[k].actor : "-", cl.c[k].territory,
			claims_status_name(cl.c[k].status), cl.c[k].date ? cl.c[k].date : "");
}

#define HAS(kind, actor, terr)                                                         \
	do {                                                                           \
		if (!find(kind, actor, terr))                                          \
			dump();                                                        \
		ck_assert_msg(find(kind, actor, terr), "missing %s %s -> %s",         \
			      claims_kind_name(kind), actor ? actor : "*", terr);      \
	} while (0)

#define LOC(s, n, code, cc) { s, NER_LOC, n, code, cc }

/* claims_render's bytes parsed back: they must be valid JSON. New reference. */
static json_t *render_claims(const struct claim_list *c, const struct entity_list *e,
			      const struct quote_list *q, const struct text_doc *d,
			      enum text_unit unit)
{
	struct jsonw w;
	jsonw_init(&w, 0);
	claims_render(&w, c, e, q, d, unit);
	size_t n;
	char *s = jsonw_finish(&w, &n);
	ck_assert_ptr_nonnull(s);
	json_error_t je;
	json_t *j = json_loadb(s, n, 0, &je);
	ck_assert_msg(j != NULL, "claims_render wrote invalid JSON: %s", je.text);
	free(s);
	return j;
}

START_TEST(annexation_active_with_year)
{
	static const struct espec es[] = { LOC("Azerbaijan", "Azerbaijan", "AZ", "AZ"),
					   LOC("Karabakh", "Karabakh", NULL, "AZ") };
	RUN("Officials said Azerbaijan annexed Karabakh in 2023.", es);
	HAS(CLAIM_ANNEXATION, "Azerbaijan", "Karabakh");
	ck_assert_str_eq(find(CLAIM_ANNEXATION, NULL, "Karabakh")->date, "2023");
	ck_assert_int_eq(find(CLAIM_ANNEXATION, NULL, "Karabakh")->status, CLAIM_ASSERTED);
	ck_assert_uint_eq(cl.n, 1);
}

START_TEST(occupation_passive_by_demonym)
{
	static const struct espec es[] = { LOC("Abkhazia", "Abkhazia", "GE-AB", "GE") };
	RUN("Abkhazia was occupied by Russian troops in August 2008.", es);
	HAS(CLAIM_OCCUPATION, "Russia", "Abkhazia");
	ck_assert_str_eq(find(CLAIM_OCCUPATION, NULL, "Abkhazia")->date, "2008-08");
	ck_assert_str_eq(find(CLAIM_OCCUPATION, NULL, "Abkhazia")->code, "GE-AB");
}

START_TEST(occupation_reported_unnamed_settlements)
{
	static const struct espec es[] = { LOC("Moscow", "Moscow", "RU-MOW", "RU"),
					   LOC("Tskhinvali", "Tskhinvali", NULL, "GE") };
	RUN("Moscow's forces are reported to have occupied two villages near Tskhinvali.", es);
	HAS(CLAIM_OCCUPATION, "Russia", "Tskhinvali");
	ck_assert_int_eq(find(CLAIM_OCCUPATION, NULL, "Tskhinvali")->status, CLAIM_REPORTED);
}

START_TEST(unnamed_territory_alone_is_no_claim)
{
	static const struct espec es[] = { LOC("Moscow", "Moscow", "RU-MOW", "RU") };
	RUN("Moscow's forces have occupied eleven villages.", es);
	ck_assert_uint_eq(cl.n, 0);
}

START_TEST(annexation_noun_with_by)
{
	static const struct espec es[] = { LOC("Morocco", "Morocco", "MA", "MA"),
					   LOC("Western Sahara", "Western Sahara", "EH", "EH") };
	RUN("The annexation of Western Sahara by Morocco drew protests.", es);
	HAS(CLAIM_ANNEXATION, "Morocco", "Western Sahara");
}

START_TEST(adjectival_hyphen_compound)
{
	static const struct espec es[] = { LOC("Melitopol", "Melitopol", NULL, "UA") };
	RUN("Residents of Russian-occupied Melitopol queued for water.", es);
	HAS(CLAIM_OCCUPATION, "Russia", "Melitopol");
	ck_assert_uint_eq(cl.n, 1);
}

START_TEST(adjectival_participle_takes_context_actor)
{
	static const struct espec es[] = { LOC("Israel", "Israel", "IL", "IL"),
					   LOC("Golan Heights", "Golan Heights", NULL, "SY") };
	RUN("Israel has kept soldiers in the occupied Golan Heights since 1967.", es);
	HAS(CLAIM_OCCUPATION, "Israel", "Golan Heights");
}

START_TEST(incursion_noun_capital_metonymy)
{
	static const struct espec es[] = { LOC("Kyiv", "Kyiv", "UA-30", "UA"),
					   LOC("Bryansk region", "Bryansk region", "RU-BRY", "RU") };
	RUN("Kyiv's armoured push into the Bryansk region surprised analysts.", es);
	HAS(CLAIM_INCURSION, "Ukraine", "Bryansk region");
	ck_assert_uint_eq(cl.n, 1);
}

START_TEST(incursion_into_state_territory)
{
	static const struct espec es[] = { LOC("Russia", "Russia", "RU", "RU") };
	RUN("Ukrainian units advanced deeper into Russian territory on Tuesday.", es);
	HAS(CLAIM_INCURSION, "Ukraine", "Russia");
}

START_TEST(incursion_troops_in_city)
{
	static const struct espec es[] = { LOC("Ukraine", "Ukraine", "UA", "UA"),
					   LOC("Izium", "Izium", NULL, "UA") };
	RUN("Ukraine said its troops were already in the city of Izium.", es);
	HAS(CLAIM_INCURSION, "Ukraine", "Izium");
}

START_TEST(liberation_and_withdrawal)
{
	static const struct espec es[] = { LOC("Kharkiv", "Kharkiv", "UA-63", "UA"),
					   LOC("Lachin", "Lachin", NULL, "AZ") };
	RUN("Ukrainian troops liberated Kharkiv. Armenian forces withdrew from Lachin.", es);
	HAS(CLAIM_LIBERATION, "Ukraine", "Kharkiv");
	HAS(CLAIM_WITHDRAWAL, "Armenia", "Lachin");
	ck_assert_uint_eq(cl.n, 2);
}

START_TEST(liberation_with_gap)
{
	static const struct espec es[] = { LOC("Ukraine", "Ukraine", "UA", "UA"),
					   LOC("Lyman", "Lyman", NULL, "UA") };
	RUN("Ukraine is getting Lyman back after months of fighting.", es);
	HAS(CLAIM_LIBERATION, "Ukraine", "Lyman");
}

START_TEST(sovereignty_part_of_with_kremlin)
{
	static const struct espec es[] = { { "Kremlin", NER_ORG, "Kremlin", NULL, NULL },
					   LOC("Kherson", "Kherson", "UA-65", "UA"),
					   LOC("Russia", "Russia", "RU", "RU") };
	RUN("The Kremlin insisted that Kherson is part of Russia.", es);
	HAS(CLAIM_SOVEREIGNTY, "Russia", "Kherson");
	ck_assert_uint_eq(cl.n, 1);
}

START_TEST(sovereignty_coordinated_claimants)
{
	static const struct espec es[] = { LOC("Argentina", "Argentina", "AR", "AR"),
					   LOC("Britain", "United Kingdom", "GB", "GB"),
					   LOC("Falkland Islands", "Falkland Islands", "FK", "FK") };
	RUN("Argentina and Britain both claim the Falkland Islands.", es);
	HAS(CLAIM_SOVEREIGNTY, "Argentina", "Falkland Islands");
	HAS(CLAIM_SOVEREIGNTY, "United Kingdom", "Falkland Islands");
	ck_assert_uint_eq(cl.n, 2);
}

START_TEST(sovereignty_subject_with_its_territory)
{
	static const struct espec es[] = { LOC("Beijing", "Beijing", "CN-BJ", "CN"),
					   LOC("Taiwan", "Taiwan", "TW", "TW"),
					   LOC("South China Sea", "South China Sea", NULL, NULL) };
	RUN("Beijing considers Taiwan part of its territory and claims almost all of the South China Sea.", es);
	HAS(CLAIM_SOVEREIGNTY, "China", "Taiwan");
	HAS(CLAIM_SOVEREIGNTY, "China", "South China Sea");
}

START_TEST(object_is_a_noun_phrase)
{
	static const struct espec es[] = { LOC("Kursk", "Kursk", "RU-KRS", "RU") };
	RUN("Ukrainian units captured dozens of soldiers in Kursk.", es);
	ck_assert_uint_eq(cl.n, 0);
}

START_TEST(definite_city_refers_back)
{
	static const struct espec es[] = { LOC("Avdiivka", "Avdiivka", NULL, "UA"),
					   LOC("Telegram", "Telegram", NULL, NULL) };
	RUN("Russian troops captured Avdiivka last month. On Telegram, a commander said the town came under full Russian control.", es);
	HAS(CLAIM_OCCUPATION, "Russia", "Avdiivka");
	ck_assert_ptr_null(find(CLAIM_OCCUPATION, NULL, "Telegram"));
}

START_TEST(acts_need_an_actor)
{
	static const struct espec es[] = { LOC("Tbilisi", "Tbilisi", "GE-TB", "GE"),
					   LOC("Caribbean Sea", "Caribbean Sea", NULL, NULL) };
	RUN("Protesters occupied the main square of Tbilisi. The storm entered the Caribbean Sea.", es);
	ck_assert_uint_eq(cl.n, 0);
}

START_TEST(misc_place_and_plain_country_word)
{
	static const struct espec es[] = { { "Nagorno-Karabakh", NER_MISC, "Nagorno-Karabakh", NULL, NULL },
					   { "Muslim-majority", NER_MISC, "Muslim-majority", NULL, NULL },
					   { "Premier League", NER_MISC, "Premier League", NULL, NULL },
					   LOC("Kashmir", "Kashmir", NULL, "IN") };
	RUN("Armenia withdrew from Nagorno-Karabakh. India claims Muslim-majority Kashmir. Arsenal captured the Premier League title.",
	    es);
	HAS(CLAIM_WITHDRAWAL, "Armenia", "Nagorno-Karabakh");
	HAS(CLAIM_SOVEREIGNTY, "India", "Kashmir");
	ck_assert_uint_eq(cl.n, 2);
}

START_TEST(as_part_of_is_no_claim)
{
	static const struct espec es[] = { LOC("Crimea", "Crimea", "UA-43", "UA"),
					   LOC("Geneva", "Geneva", NULL, "CH") };
	RUN("Crimea was discussed as part of a plan drafted in Geneva.", es);
	ck_assert_uint_eq(cl.n, 0);
}

START_TEST(recognition_denied_with_embedded_occupation)
{
	static const struct espec es[] = { LOC("Georgia", "Georgia", "GE", "GE"),
					   LOC("Russia", "Russia", "RU", "RU"),
					   LOC("Abkhazia", "Abkhazia", "GE-AB", "GE") };
	RUN("Georgia does not recognise Russia's occupation of Abkhazia.", es);
	HAS(CLAIM_RECOGNITION, "Georgia", "Abkhazia");
	ck_assert_int_eq(find(CLAIM_RECOGNITION, NULL, "Abkhazia")->status, CLAIM_DENIED);
	HAS(CLAIM_OCCUPATION, "Russia", "Abkhazia");
	ck_assert_int_eq(find(CLAIM_OCCUPATION, NULL, "Abkhazia")->status, CLAIM_ASSERTED);
	ck_assert_uint_eq(cl.n, 2);
}

START_TEST(illegal_annexation_is_denied_recognition)
{
	static const struct espec es[] = { LOC("Russia", "Russia", "RU", "RU"),
					   LOC("Crimea", "Crimea", "UA-43", "UA") };
	RUN("Russia's illegal annexation of Crimea shocked its neighbours.", es);
	HAS(CLAIM_ANNEXATION, "Russia", "Crimea");
	ck_assert_ptr_nonnull(find(CLAIM_RECOGNITION, NULL, "Crimea"));
	ck_assert_int_eq(find(CLAIM_RECOGNITION, NULL, "Crimea")->status, CLAIM_DENIED);
}

START_TEST(independence_needs_a_stance)
{
	static const struct espec es[] = { LOC("Serbia", "Serbia", "RS", "RS"),
					   LOC("Kosovo", "Kosovo", "XK", "XK") };
	RUN("Serbia firmly opposes any Kosovar independence.", es);
	HAS(CLAIM_RECOGNITION, "Serbia", "Kosovo");
	ck_assert_int_eq(find(CLAIM_RECOGNITION, NULL, "Kosovo")->status, CLAIM_DENIED);
	RUN("Kosovar independence day was marked in Serbia with a concert.", es);
	ck_assert_uint_eq(cl.n, 0);
}

START_TEST(recognition_of_independence_negated)
{
	static const struct espec es[] = { LOC("Serbia", "Serbia", "RS", "RS"),
					   LOC("Kosovo", "Kosovo", "XK", "XK") };
	RUN("Serbia does not recognise Kosovo's independence.", es);
	HAS(CLAIM_RECOGNITION, "Serbia", "Kosovo");
	ck_assert_int_eq(find(CLAIM_RECOGNITION, NULL, "Kosovo")->status, CLAIM_DENIED);
}

START_TEST(possessor_territory_and_push_out)
{
	static const struct espec es[] = { LOC("Ukraine", "Ukraine", "UA", "UA"),
					   LOC("Kherson", "Kherson", "UA-65", "UA") };
	RUN("Russian forces hold much of Ukraine's territory. Ukrainian troops pushed Russian units out of Kherson in November 2022, after the city fell in 2022.",
	    es);
	HAS(CLAIM_OCCUPATION, "Russia", "Ukraine");
	HAS(CLAIM_LIBERATION, "Ukraine", "Kherson");
	ck_assert_str_eq(find(CLAIM_LIBERATION, NULL, "Kherson")->date, "2022-11");
}

START_TEST(apposition_list_and_mistagged_place)
{
	static const struct espec es[] = { { "Rapid Support Forces", NER_ORG, "Rapid Support Forces", NULL, NULL },
					   { "Wad Madani", NER_PER, "Wad Madani", NULL, NULL },
					   LOC("Gezira state", "Gezira state", "SD-GZ", "SD"),
					   LOC("Darfur", "Darfur", NULL, "SD"),
					   LOC("Khartoum", "Khartoum", "SD-KH", "SD") };
	RUN("The Rapid Support Forces took control of Wad Madani, the capital of Gezira state. "
	    "They already control most of Darfur and much of the capital, Khartoum.", es);
	HAS(CLAIM_OCCUPATION, "Rapid Support Forces", "Wad Madani");
	HAS(CLAIM_OCCUPATION, "Rapid Support Forces", "Darfur");
	HAS(CLAIM_OCCUPATION, "Rapid Support Forces", "Khartoum");
	ck_assert_ptr_null(find(CLAIM_OCCUPATION, NULL, "Gezira state"));
}

START_TEST(speaker_calls_an_act_illegal)
{
	static const struct espec es[] = { LOC("Armenia", "Armenia", "AM", "AM"),
					   LOC("Azerbaijan", "Azerbaijan", "AZ", "AZ"),
					   LOC("Syunik", "Syunik", "AM-SU", "AM"),
					   { "Ani Petrosyan", NER_PER, "Ani Petrosyan", NULL, NULL } };
	const char *text = "Armenian Foreign Minister Ani Petrosyan said Azerbaijan's seizure of border posts in Syunik was illegal under international law.";
	const char *q0 = strstr(text, "Azerbaijan's");
	struct quote q = { .start = (uint32_t)(q0 - text), .end = (uint32_t)(strrchr(text, '.') - text),
			   .kind = QUOTE_INDIRECT, .speaker_entity = 3, .speaker_name = "Ani Petrosyan",
			   .speaker_mention = -1 };
	run_q(text, es, 4, NULL, &q, 1);
	HAS(CLAIM_RECOGNITION, "Armenia", "Syunik");
	ck_assert_int_eq(find(CLAIM_RECOGNITION, NULL, "Syunik")->status, CLAIM_DENIED);
	ck_assert_int_eq(find(CLAIM_RECOGNITION, NULL, "Syunik")->source_quote, 0);
}

START_TEST(including_list_and_agentless_passive)
{
	static const struct espec es[] = { LOC("Russia", "Russia", "RU", "RU"),
					   LOC("Crimea", "Crimea", "UA-43", "UA"),
					   LOC("Kherson", "Kherson", "UA-65", "UA"),
					   LOC("Zaporizhzhia", "Zaporizhzhia", "UA-23", "UA") };
	RUN("Russia annexed Crimea in 2014. Four more regions were annexed in 2022, including Kherson and Zaporizhzhia.",
	    es);
	HAS(CLAIM_ANNEXATION, "Russia", "Kherson");
	HAS(CLAIM_ANNEXATION, "Russia", "Zaporizhzhia");
	ck_assert_uint_eq(cl.n, 3);
}

START_TEST(regard_as_part_of_but_not_a_plan)
{
	static const struct espec es[] = { LOC("China", "China", "CN", "CN"),
					   LOC("Taiwan", "Taiwan", "TW", "TW"),
					   LOC("Crimea", "Crimea", "UA-43", "UA"),
					   LOC("Bakhmut", "Bakhmut", NULL, "UA") };
	RUN("China regards Taiwan as part of its territory. A deal on Crimea was considered as part of a U.S.-backed plan. "
	    "Bakhmut is now in Russian hands.", es);
	HAS(CLAIM_SOVEREIGNTY, "China", "Taiwan");
	HAS(CLAIM_OCCUPATION, "Russia", "Bakhmut");
	ck_assert_ptr_null(find(CLAIM_SOVEREIGNTY, NULL, "Crimea"));
	ck_assert_uint_eq(cl.n, 2);
}

START_TEST(purpose_is_no_act_but_success_is)
{
	static const struct espec es[] = { LOC("Tskhinvali", "Tskhinvali", NULL, "GE"),
					   LOC("Kupiansk", "Kupiansk", NULL, "UA"),
					   LOC("Kursk region", "Kursk region", "RU-KRS", "RU"),
					   LOC("Russia", "Russia", "RU", "RU") };
	RUN("Georgian forces launched an offensive to retake Tskhinvali. Ukrainian troops managed to retake Kupiansk. "
	    "Ukrainian units crossed the border into Russia's Kursk region.", es);
	ck_assert_ptr_null(find(CLAIM_LIBERATION, NULL, "Tskhinvali"));
	HAS(CLAIM_LIBERATION, "Ukraine", "Kupiansk");
	HAS(CLAIM_INCURSION, "Ukraine", "Kursk region");
	ck_assert_uint_eq(cl.n, 2);
}

START_TEST(place_read_as_organisation)
{
	static const struct espec es[] = { { "Melitopol", NER_ORG, "Melitopol", NULL, NULL },
					   { "Gazprom", NER_ORG, "Gazprom", NULL, NULL },
					   LOC("Russia", "Russia", "RU", "RU") };
	RUN("Residents of Russian-occupied Melitopol queued for water. Russia seized Gazprom assets abroad.", es);
	HAS(CLAIM_OCCUPATION, "Russia", "Melitopol");
	ck_assert_ptr_null(find(CLAIM_OCCUPATION, NULL, "Gazprom"));
	ck_assert_uint_eq(cl.n, 1);
}

START_TEST(seize_give_up_and_is_territory)
{
	static const struct espec es[] = { LOC("Russia", "Russia", "RU", "RU"),
					   LOC("Crimea", "Crimea", "UA-43", "UA"),
					   LOC("Geneva", "Geneva", NULL, "CH"),
					   LOC("Armenia", "Armenia", "AM", "AM"),
					   LOC("Lachin", "Lachin", "AZ-LAC", "AZ"),
					   { "Putin", NER_PER, "Putin", NULL, NULL } };
	RUN("Russia seized Crimea in 2014. Armenia took part in talks in Geneva. Armenia gave up Lachin in 2020. "
	    "Putin says Crimea is Russian territory.", es);
	HAS(CLAIM_OCCUPATION, "Russia", "Crimea");
	HAS(CLAIM_WITHDRAWAL, "Armenia", "Lachin");
	HAS(CLAIM_SOVEREIGNTY, "Russia", "Crimea");
	ck_assert_uint_eq(cl.n, 3);
}

START_TEST(polemic_and_politics_are_no_claims)
{
	static const struct espec es[] = { LOC("Chicago", "Chicago", NULL, "US"),
					   LOC("North Korea", "North Korea", "KP", "KP"),
					   LOC("United States", "United States", "US", "US"),
					   LOC("Brussels", "Brussels", NULL, "BE"),
					   LOC("Slovakia", "Slovakia", "SK", "SK"),
					   LOC("Russia", "Russia", "RU", "RU"),
					   LOC("Ukraine", "Ukraine", "UA", "UA") };
	RUN("He spoke of shootings in gun-controlled Chicago. The United States will never accept North Korea as a "
	    "nuclear state. A vote condemning North Korea passed. Plans for a headquarters in Brussels were part of a "
	    "summit in Slovakia. He pledged to bar Russians from entering the United States. Trump avoids condemning "
	    "Russia's invasion of Ukraine.", es);
	ck_assert_ptr_null(find(CLAIM_RECOGNITION, NULL, "North Korea"));
	ck_assert_ptr_null(find(CLAIM_RECOGNITION, NULL, "Ukraine"));
	HAS(CLAIM_INCURSION, "Russia", "Ukraine");
	if (cl.n != 1)
		dump();
	ck_assert_uint_eq(cl.n, 1);
}

START_TEST(companies_and_parties_take_no_land)
{
	static const struct espec es[] = { { "GOP", NER_ORG, "GOP", NULL, NULL },
					   { "Hamas", NER_ORG, "Hamas", NULL, NULL },
					   LOC("Iowa", "Iowa", "US-IA", "US"),
					   LOC("Israel", "Israel", "IL", "IL"),
					   LOC("Indiana", "Indiana", "US-IN", "US") };
	RUN("The GOP pulled out of Iowa. Hamas fighters stormed into Israel. Indiana is different territory for the GOP.",
	    es);
	HAS(CLAIM_INCURSION, "Hamas", "Israel");
	ck_assert_uint_eq(cl.n, 1);
}

START_TEST(shared_subject_status_and_dates)
{
	static const struct espec es[] = { LOC("Chile", "Chile", "CL", "CL"),
					   LOC("Peru", "Peru", "PE", "PE"),
					   LOC("Atacama", "Atacama", NULL, "CL"),
					   LOC("Russia", "Russia", "RU", "RU"),
					   LOC("Crimea", "Crimea", "UA-43", "UA"),
					   LOC("Donetsk", "Donetsk", "UA-14", "UA"),
					   { "Wagner", NER_ORG, "Wagner", NULL, NULL },
					   LOC("Soledar", "Soledar", NULL, "UA") };
	RUN("Chile and Peru both claim Atacama but rule it in part. In 2014, Russia annexed Crimea, and it later "
	    "occupied parts of Donetsk. The head of Wagner claimed his fighters have taken control of Soledar.", es);
	HAS(CLAIM_OCCUPATION, "Chile", "Atacama");
	HAS(CLAIM_OCCUPATION, "Peru", "Atacama");
	ck_assert_int_eq(find(CLAIM_OCCUPATION, "Peru", "Atacama")->status, CLAIM_ASSERTED);
	ck_assert_str_eq(find(CLAIM_ANNEXATION, "Russia", "Crimea")->date, "2014");
	HAS(CLAIM_OCCUPATION, "Russia", "Donetsk");
	ck_assert_ptr_null(find(CLAIM_OCCUPATION, NULL, "Donetsk")->date);
	HAS(CLAIM_OCCUPATION, "Wagner", "Soledar");
	ck_assert_int_eq(find(CLAIM_OCCUPATION, NULL, "Soledar")->status, CLAIM_REPORTED);
}

START_TEST(site_names_and_clause_bound_nearest)
{
	static const struct espec es[] = { LOC("Moscow", "Moscow", "RU-MOW", "RU"),
					   { "Kurakhove", NER_MISC, "Kurakhove", NULL, NULL },
					   { "Olympic", NER_MISC, "Olympic", NULL, NULL },
					   LOC("Europe", "Europe", NULL, NULL),
					   LOC("Britain", "United Kingdom", "GB", "GB") };
	RUN("Moscow's forces occupied five villages and the Kurakhove power plant, which supplies Europe. "
	    "Moscow's forces occupied two villages, which supply Europe. Britain captured the Olympic title.", es);
	HAS(CLAIM_OCCUPATION, "Russia", "Kurakhove");
	ck_assert_ptr_null(find(CLAIM_OCCUPATION, NULL, "Europe"));
	ck_assert_uint_eq(cl.n, 1);
}

START_TEST(relative_subjects_and_plain_nouns)
{
	static const struct espec es[] = { LOC("India", "India", "IN", "IN"),
					   LOC("Ladakh", "Ladakh", "IN-LA", "IN"),
					   LOC("Congress", "Congress", NULL, "US"),
					   LOC("Europe", "Europe", NULL, NULL),
					   LOC("Poland", "Poland", "PL", "PL"),
					   LOC("Iraq", "Iraq", "IQ", "IQ") };
	RUN("India, which controls Ladakh, says the region is an integral part of the country. "
	    "The Republicans who control Congress refused. In Poland they fear migrants entering Europe. "
	    "Nobody wants an Iraq-style invasion of Iraq.", es);
	HAS(CLAIM_OCCUPATION, "India", "Ladakh");
	HAS(CLAIM_SOVEREIGNTY, "India", "Ladakh");
	if (cl.n != 2)
		dump();
	ck_assert_uint_eq(cl.n, 2);
}

START_TEST(country_by_its_common_name)
{
	static const struct espec es[] = { LOC("Russian Federation", "Russian Federation", "RU", "RU"),
					   LOC("Russia", "Russian Federation", "RU", "RU"),
					   LOC("Kherson", "Kherson region", "UA-65", NULL) };
	RUN("The Russian Federation confirmed on Monday that its units were gone. Russia abandoned Kherson two days before.", es);
	HAS(CLAIM_WITHDRAWAL, "Russia", "Kherson region");
	ck_assert_int_eq(find(CLAIM_WITHDRAWAL, NULL, "Kherson region")->actor_entity, 0);
}

START_TEST(withdrawal_demanded)
{
	static const struct espec es[] = { LOC("Ukraine", "Ukraine", "UA", "UA"),
					   LOC("Russia", "Russia", "RU", "RU"),
					   LOC("Zaporizhzhia", "Zaporizhzhia", "UA-23", "UA") };
	RUN("Ukraine says Russia must withdraw from Zaporizhzhia.", es);
	HAS(CLAIM_WITHDRAWAL, "Russia", "Zaporizhzhia");
	ck_assert_int_eq(find(CLAIM_WITHDRAWAL, NULL, "Zaporizhzhia")->status, CLAIM_DEMANDED);
}

START_TEST(conditional_and_future_are_no_claims)
{
	static const struct espec es[] = { LOC("Pokrovsk", "Pokrovsk", NULL, "UA"),
					   LOC("Russia", "Russia", "RU", "RU"),
					   LOC("Odesa", "Odesa", "UA-51", "UA") };
	RUN("If Russian troops capture Pokrovsk, the front will shift. Russia will seize Odesa next, a blogger wrote.",
	    es);
	ck_assert_uint_eq(cl.n, 0);
}

START_TEST(list_gives_one_claim_each_with_month)
{
	static const struct espec es[] = { LOC("Russia", "Russia", "RU", "RU"),
					   LOC("Donetsk", "Donetsk", "UA-14", "UA"),
					   LOC("Luhansk", "Luhansk", "UA-09", "UA"),
					   LOC("Kherson", "Kherson", "UA-65", "UA"),
					   LOC("Zaporizhzhia", "Zaporizhzhia", "UA-23", "UA") };
	RUN("Russia annexed four regions - Donetsk, Luhansk, Kherson and Zaporizhzhia - in September 2022.",
	    es);
	ck_assert_uint_eq(cl.n, 4);
	HAS(CLAIM_ANNEXATION, "Russia", "Donetsk");
	HAS(CLAIM_ANNEXATION, "Russia", "Luhansk");
	HAS(CLAIM_ANNEXATION, "Russia", "Kherson");
	HAS(CLAIM_ANNEXATION, "Russia", "Zaporizhzhia");
	ck_assert_str_eq(find(CLAIM_ANNEXATION, NULL, "Kherson")->date, "2022-09");
}

START_TEST(possessive_its_territory)
{
	static const struct espec es[] = { LOC("Azerbaijan", "Azerbaijan", "AZ", "AZ"),
					   LOC("Armenia", "Armenia", "AM", "AM") };
	RUN("Azerbaijan said Armenia had occupied its territory for decades.", es);
	HAS(CLAIM_OCCUPATION, "Armenia", "Azerbaijan");
	ck_assert_uint_eq(cl.n, 1);
}

START_TEST(possessor_is_not_the_territory)
{
	static const struct espec es[] = { LOC("Russia", "Russia", "RU", "RU"),
					   LOC("Belgorod region", "Belgorod region", "RU-BEL", "RU") };
	RUN("Ukrainian units launched raids into Russia's Belgorod region.", es);
	HAS(CLAIM_INCURSION, "Ukraine", "Belgorod region");
	ck_assert_ptr_null(find(CLAIM_INCURSION, NULL, "Russia"));
}

START_TEST(two_claims_in_one_sentence)
{
	static const struct espec es[] = { LOC("Russia", "Russia", "RU", "RU"),
					   LOC("Ukraine", "Ukraine", "UA", "UA"),
					   LOC("Avdiivka", "Avdiivka", NULL, "UA"),
					   LOC("Robotyne", "Robotyne", NULL, "UA") };
	RUN("Russia captured Avdiivka, while Ukraine retook Robotyne.", es);
	HAS(CLAIM_OCCUPATION, "Russia", "Avdiivka");
	HAS(CLAIM_LIBERATION, "Ukraine", "Robotyne");
	ck_assert_uint_eq(cl.n, 2);
}

START_TEST(leader_title_names_the_state)
{
	static const struct espec es[] = { { "Vladimir Putin", NER_PER, "Vladimir Putin", NULL, NULL },
					   { "Putin", NER_PER, "Vladimir Putin", NULL, NULL },
					   LOC("Crimea", "Crimea", "UA-43", "UA") };
	RUN("Russian President Vladimir Putin spoke on Friday. The peninsula of Crimea, which Putin annexed in 2014, was calm.",
	    es);
	HAS(CLAIM_ANNEXATION, "Russia", "Crimea");
	ck_assert_str_eq(find(CLAIM_ANNEXATION, NULL, "Crimea")->date, "2014");
}

START_TEST(weekday_resolved_against_published)
{
	static const struct espec es[] = { LOC("Russia", "Russia", "RU", "RU"),
					   LOC("Vuhledar", "Vuhledar", NULL, "UA") };
	run("Russia captured Vuhledar on Tuesday.", es, 2, "2024-10-03");
	HAS(CLAIM_OCCUPATION, "Russia", "Vuhledar");
	ck_assert_str_eq(find(CLAIM_OCCUPATION, NULL, "Vuhledar")->date, "2024-10-01");
}

START_TEST(no_claim_without_trigger)
{
	static const struct espec es[] = { LOC("Geneva", "Geneva", NULL, "CH") };
	RUN("The meeting in Geneva ended without a deal. Troops stationed near the border stayed calm.", es);
	ck_assert_uint_eq(cl.n, 0);
	static const struct espec es2[] = { LOC("Vienna", "Vienna", NULL, "AT") };
	RUN("The envoys held talks in Vienna and left for home.", es2);
	ck_assert_uint_eq(cl.n, 0);
}

START_TEST(quote_source_and_we)
{
	static const struct espec es[] = { { "Ukrainian", NER_MISC, "Ukrainian", NULL, NULL },
					   { "Olena Marchuk", NER_PER, "Olena Marchuk", NULL, NULL },
					   LOC("Crimea", "Crimea", "UA-43", "UA") };
	const char *text = "Ukrainian Foreign Minister Olena Marchuk said: \"We will never recognise the annexation of Crimea.\"";
	const char *open = strchr(text, '"') + 1;
	struct quote q = { .start = (uint32_t)(open - text),
			   .end = (uint32_t)(strrchr(text, '"') - text),
			   .kind = QUOTE_DIRECT, .speaker_entity = 1, .speaker_name = "Olena Marchuk",
			   .speaker_mention = -1 };
	run_q(text, es, 3, NULL, &q, 1);
	const struct claim *c = find(CLAIM_RECOGNITION, "Ukraine", "Crimea");
	if (!c)
		dump();
	ck_assert_ptr_nonnull(c);
	ck_assert_int_eq(c->status, CLAIM_DENIED);
	ck_assert_int_eq(c->source_quote, 0);
}

START_TEST(render_json_shape)
{
	static const struct espec es[] = { LOC("Azerbaijan", "Azerbaijan", "AZ", "AZ"),
					   LOC("Karabakh", "Karabakh", "AZ-KAR", "AZ") };
	RUN("Ééé. Azerbaijan annexed Karabakh in 2023.", es);
	ck_assert_uint_eq(cl.n, 1);
	json_t *j = render_claims(&cl, &el, &ql, &doc, TEXT_UNIT_CODEPOINT);
	ck_assert_uint_eq(json_array_size(j), 1);
	json_t *o = json_array_get(j, 0);
	ck_assert_str_eq(json_string_value(json_object_get(o, "id")), "c1");
	ck_assert_str_eq(json_string_value(json_object_get(o, "kind")), "annexation");
	ck_assert_str_eq(json_string_value(json_object_get(o, "status")), "asserted");
	ck_assert_str_eq(json_string_value(json_object_get(o, "date")), "2023");
	json_t *a = json_object_get(o, "actor");
	ck_assert_str_eq(json_string_value(json_object_get(a, "name")), "Azerbaijan");
	ck_assert_str_eq(json_string_value(json_object_get(a, "entity")), "e1");
	json_t *t = json_object_get(o, "territory");
	ck_assert_str_eq(json_string_value(json_object_get(t, "entity")), "e2");
	ck_assert_str_eq(json_string_value(json_object_get(t, "code")), "AZ-KAR");
	json_t *ev = json_object_get(o, "evidence");
	ck_assert_str_eq(json_string_value(json_object_get(ev, "text")),
			 "Azerbaijan annexed Karabakh in 2023.");
	/* "Ééé. " is 5 code points and 8 bytes */
	ck_assert_int_eq(json_integer_value(json_object_get(ev, "start")), 5);
	ck_assert_int_eq(json_integer_value(json_object_get(ev, "end")), 5 + 36);
	ck_assert_ptr_null(json_object_get(o, "source"));
	json_decref(j);
	ck_assert_str_eq(claims_kind_name(CLAIM_WITHDRAWAL), "withdrawal");
	ck_assert_str_eq(claims_status_name(CLAIM_DEMANDED), "demanded");
}

START_TEST(no_entities_no_quotes_no_crash)
{
	struct enr_error err;
	const char *text = "Russian troops annexed and occupied, if not liberated, the region of it's own.";
	ck_assert_int_eq(text_analyze(ar, text, strlen(text), NULL, &doc, &err), 0);
	struct entity_list empty = { 0 };
	struct claims_input in = { .published = "not-a-date" };
	ck_assert_int_eq(claims_find(res, ar, &doc, &empty, NULL, &in, &cl, &err), 0);
	ck_assert_uint_eq(cl.n, 0);
	ck_assert_int_eq(claims_find(res, ar, &doc, NULL, NULL, NULL, &cl, &err), 0);
	ck_assert_uint_eq(cl.n, 0);
	json_t *j = render_claims(&cl, NULL, NULL, &doc, TEXT_UNIT_UTF16);
	ck_assert_uint_eq(json_array_size(j), 0);
	json_decref(j);
}

START_TEST(list_of_described_places_and_apposition)
{
	static const struct espec es[] = { LOC("Turkish", "Turkey", "TR", "TR"),
					   LOC("Kyrenia", "Kyrenia", NULL, "CY"),
					   LOC("Famagusta", "Famagusta", NULL, "CY"),
					   LOC("Nicosia", "Nicosia", NULL, "CY"),
					   LOC("Lefka", "Lefka", NULL, "CY") };
	RUN("Turkish troops occupied the port of Kyrenia and the town of Famagusta. "
	    "Turkish troops seized Lefka, the capital of the Nicosia district.", es);
	HAS(CLAIM_OCCUPATION, "Turkey", "Kyrenia");
	HAS(CLAIM_OCCUPATION, "Turkey", "Famagusta");
	HAS(CLAIM_OCCUPATION, "Turkey", "Lefka");
	ck_assert_ptr_null(find(CLAIM_OCCUPATION, NULL, "Nicosia"));
}

START_TEST(derived_nationality_relative_actor_and_the_region)
{
	static const struct espec es[] = { LOC("Velmor region", "Velmor region", NULL, "VM"),
					   LOC("Velmor", "Velmor region", NULL, "VM"),
					   LOC("Drasko", "Drasko", NULL, "VM"),
					   LOC("Georgian", "Georgia", "GE", "GE") };
	RUN("Velmoran forces recaptured Drasko, a city in the north of the Velmor region. "
	    "Georgian troops, who entered Velmor last year, still occupy parts of the "
	    "region's north.", es);
	HAS(CLAIM_LIBERATION, "Velmor region", "Drasko");
	HAS(CLAIM_INCURSION, "Georgia", "Velmor region");
	HAS(CLAIM_OCCUPATION, "Georgia", "Velmor region");
	ck_assert_ptr_null(find(CLAIM_OCCUPATION, NULL, "Drasko"));
}

START_TEST(object_gap_clauses_and_its_owner)
{
	static const struct espec es[] = { LOC("Varnia", "Varnia", "VA", "VA"),
					   LOC("Kessel Heights", "Kessel Heights", NULL, "OS"),
					   LOC("Ostria", "Ostria", "OS", "OS"),
					   LOC("Marsh Coast", "Marsh Coast", NULL, NULL),
					   LOC("Dalmor", "Dalmor", "DA", "DA"),
					   LOC("Teshet", "Teshet", NULL, NULL) };
	RUN("Observers visited the Kessel Heights, territory Varnia captured from Ostria in "
	    "1967 and annexed in 1981. Dalmor welcomed a decision by Ostria to recognise its "
	    "sovereignty over the Marsh Coast, a former colony that Dalmor has controlled since "
	    "1975. Dalmor troops moved into a buffer zone near Teshet.", es);
	HAS(CLAIM_OCCUPATION, "Varnia", "Kessel Heights");
	HAS(CLAIM_ANNEXATION, "Varnia", "Kessel Heights");
	ck_assert_ptr_null(find(CLAIM_OCCUPATION, NULL, "Varnia"));
	HAS(CLAIM_SOVEREIGNTY, "Dalmor", "Marsh Coast");
	ck_assert_ptr_null(find(CLAIM_SOVEREIGNTY, "Ostria", "Marsh Coast"));
	HAS(CLAIM_OCCUPATION, "Dalmor", "Marsh Coast");
	HAS(CLAIM_INCURSION, "Dalmor", "Teshet");
}

START_TEST(international_bodies_and_the_recogniser_is_no_agent)
{
	static const struct espec es[] = { { "European Union", NER_ORG, "European Union", NULL, NULL },
					   LOC("Crimea", "Crimea", "UA-43", "UA") };
	RUN("The European Union does not recognise the annexation of Crimea.", es);
	HAS(CLAIM_RECOGNITION, "European Union", "Crimea");
	ck_assert_int_eq(find(CLAIM_RECOGNITION, NULL, "Crimea")->status, CLAIM_DENIED);
	const struct claim *a = find(CLAIM_ANNEXATION, NULL, "Crimea");
	ck_assert_ptr_nonnull(a);
	ck_assert_ptr_null(a->actor);
}

START_TEST(acronym_groups_and_the_city)
{
	static const struct espec es[] = { LOC("Ravel", "Ravel", NULL, "KV"),
					   LOC("Kivar", "Kivar", "KV", "KV"),
					   LOC("Belgor", "Belgor region", "RU-BEL", "RU") };
	RUN("K47 rebels seized Ravel on Monday. Kivar's army said its troops had withdrawn from "
	    "positions north of the city. Anti-Kremlin militia groups launched raids into Belgor.", es);
	HAS(CLAIM_OCCUPATION, "K47", "Ravel");
	HAS(CLAIM_WITHDRAWAL, NULL, "Ravel");
	HAS(CLAIM_INCURSION, "Anti-Kremlin militia groups", "Belgor region");
}

START_TEST(described_towns_passives_and_own_troops)
{
	static const struct espec es[] = { LOC("Turkish", "Turkey", "TR", "TR"),
					   LOC("Syria", "Syria", "SY", "SY"),
					   LOC("Kerash", "Kerash", NULL, "SY"),
					   LOC("Tamet", "Tamet", "QM-8", "QM"),
					   LOC("SORRO", "Sorro", NULL, "QM"),
					   { "KLF", NER_ORG, "KLF", NULL, NULL } };
	const char *text = "SORRO - Turkish troops took full control of the northern Syrian town of "
			   "Kerash. Tamet, a town held for a decade by Kaldi separatists, fell. "
			   "The KLF said its fighters had withdrawn from the town.";
	const char *q0 = strstr(text, "its fighters");
	struct quote q = { .start = (uint32_t)(q0 - text), .end = (uint32_t)(strrchr(text, '.') - text),
			   .kind = QUOTE_INDIRECT, .speaker_entity = 5, .speaker_name = "KLF",
			   .speaker_mention = -1 };
	run_q(text, es, 6, NULL, &q, 1);
	HAS(CLAIM_OCCUPATION, "Turkey", "Kerash");
	ck_assert_ptr_null(find(CLAIM_OCCUPATION, "Turkey", "Syria"));
	HAS(CLAIM_OCCUPATION, "Kaldi separatists", "Tamet");
	HAS(CLAIM_WITHDRAWAL, "KLF", "Tamet");
	ck_assert_ptr_null(find(CLAIM_WITHDRAWAL, NULL, "Sorro"));
}

START_TEST(part_of_treaty_never_give_up_and_refusing_it)
{
	static const struct espec es[] = { LOC("Varnia", "Varnia", "VA", "VA"),
					   LOC("Kessel", "Kessel", NULL, "OS"),
					   LOC("Ostria", "Ostria", "OS", "OS"),
					   { "Ivo Marek", NER_PER, "Ivo Marek", NULL, NULL } };
	RUN("Ivo Marek signed a treaty making Kessel part of Varnia. Ostria will never give up "
	    "Kessel. The Ostrian premier said the move was theft and that Ostria would never "
	    "accept it.", es);
	HAS(CLAIM_ANNEXATION, "Varnia", "Kessel");
	HAS(CLAIM_SOVEREIGNTY, "Ostria", "Kessel");
	HAS(CLAIM_RECOGNITION, "Ostria", "Kessel");
	ck_assert_int_eq(find(CLAIM_RECOGNITION, NULL, "Kessel")->status, CLAIM_DENIED);
}

START_TEST(modal_negation_long_gaps_and_reduced_relatives)
{
	static const struct espec es[] = { LOC("Varnia", "Varnia", "VA", "VA"),
					   LOC("Ostria", "Ostria", "OS", "OS"),
					   LOC("Kessel Shoal", "Kessel Shoal", NULL, NULL),
					   LOC("Tarn Sea", "Tarn Sea", NULL, NULL),
					   LOC("Lesk", "Lesk", "OS-LE", "OS"),
					   LOC("Dorn", "Dorn", "OS-DO", "OS"),
					   LOC("Varnian", "Varnia", "VA", "VA") };
	RUN("Varnia would not advance towards Ostria. Ostria withdrew its last two coast guard "
	    "vessels from the Kessel Shoal. Varnia claims nearly the whole of the Tarn Sea. "
	    "Ostria vowed it would retake all territory seized by Varnian troops, including "
	    "Lesk and Dorn. Analysts said Varnia had taken control of the reef near Kessel Shoal.", es);
	ck_assert_ptr_null(find(CLAIM_INCURSION, NULL, "Ostria"));
	HAS(CLAIM_WITHDRAWAL, "Ostria", "Kessel Shoal");
	HAS(CLAIM_SOVEREIGNTY, "Varnia", "Tarn Sea");
	HAS(CLAIM_OCCUPATION, "Varnia", "Lesk");
	HAS(CLAIM_OCCUPATION, "Varnia", "Dorn");
	HAS(CLAIM_OCCUPATION, "Varnia", "Kessel Shoal");
}

START_TEST(handing_back_and_claimed_by)
{
	static const struct espec es[] = { LOC("Varnia", "Varnia", "VA", "VA"),
					   LOC("Ostria", "Ostria", "OS", "OS"),
					   LOC("Kessel district", "Kessel district", "OS-KE", "OS"),
					   LOC("Lesk", "Lesk", NULL, NULL) };
	RUN("Varnia handed back the Kessel district. Lesk is claimed by Ostria. Police handed "
	    "over the suspect.", es);
	HAS(CLAIM_WITHDRAWAL, "Varnia", "Kessel district");
	HAS(CLAIM_SOVEREIGNTY, "Ostria", "Lesk");
	ck_assert_uint_eq(cl.n, 2);
}

START_TEST(trigger_lexicon_rejects_bad_lines)
{
	struct claims_triggers *t = NULL;
	struct enr_error err;
	ck_assert_int_lt(claims_triggers_from_string("annexed\tconquest\tverb\n", &t, &err), 0);
	ck_assert_ptr_null(t);
	ck_assert_int_lt(claims_triggers_from_string("annexed\tannexation\n", &t, &err), 0);
	ck_assert_int_eq(claims_triggers_from_string("# c\n\nunder * control\toccupation\tstate\n", &t, &err), 0);
	const char *w[] = { "under", "firm", "russian", "control", NULL };
	struct claims_match m;
	ck_assert_int_eq(claims_triggers_match(t, w, 0, 4, &m), 1);
	ck_assert_uint_eq(m.end, 4);
	ck_assert_uint_eq(m.gap0, 1);
	ck_assert_uint_eq(m.gap1, 3);
	claims_triggers_free(t);
}

static Suite *claims_suite(void)
{
	Suite *s = suite_create("claims");
	TCase *tc = tcase_create("core");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, annexation_active_with_year);
	tcase_add_test(tc, occupation_passive_by_demonym);
	tcase_add_test(tc, occupation_reported_unnamed_settlements);
	tcase_add_test(tc, unnamed_territory_alone_is_no_claim);
	tcase_add_test(tc, annexation_noun_with_by);
	tcase_add_test(tc, adjectival_hyphen_compound);
	tcase_add_test(tc, adjectival_participle_takes_context_actor);
	tcase_add_test(tc, incursion_noun_capital_metonymy);
	tcase_add_test(tc, incursion_into_state_territory);
	tcase_add_test(tc, incursion_troops_in_city);
	tcase_add_test(tc, liberation_and_withdrawal);
	tcase_add_test(tc, liberation_with_gap);
	tcase_add_test(tc, sovereignty_part_of_with_kremlin);
	tcase_add_test(tc, sovereignty_coordinated_claimants);
	tcase_add_test(tc, sovereignty_subject_with_its_territory);
	tcase_add_test(tc, object_is_a_noun_phrase);
	tcase_add_test(tc, definite_city_refers_back);
	tcase_add_test(tc, acts_need_an_actor);
	tcase_add_test(tc, misc_place_and_plain_country_word);
	tcase_add_test(tc, as_part_of_is_no_claim);
	tcase_add_test(tc, recognition_denied_with_embedded_occupation);
	tcase_add_test(tc, illegal_annexation_is_denied_recognition);
	tcase_add_test(tc, independence_needs_a_stance);
	tcase_add_test(tc, recognition_of_independence_negated);
	tcase_add_test(tc, possessor_territory_and_push_out);
	tcase_add_test(tc, apposition_list_and_mistagged_place);
	tcase_add_test(tc, speaker_calls_an_act_illegal);
	tcase_add_test(tc, including_list_and_agentless_passive);
	tcase_add_test(tc, regard_as_part_of_but_not_a_plan);
	tcase_add_test(tc, purpose_is_no_act_but_success_is);
	tcase_add_test(tc, place_read_as_organisation);
	tcase_add_test(tc, seize_give_up_and_is_territory);
	tcase_add_test(tc, polemic_and_politics_are_no_claims);
	tcase_add_test(tc, companies_and_parties_take_no_land);
	tcase_add_test(tc, shared_subject_status_and_dates);
	tcase_add_test(tc, site_names_and_clause_bound_nearest);
	tcase_add_test(tc, relative_subjects_and_plain_nouns);
	tcase_add_test(tc, country_by_its_common_name);
	tcase_add_test(tc, withdrawal_demanded);
	tcase_add_test(tc, conditional_and_future_are_no_claims);
	tcase_add_test(tc, list_gives_one_claim_each_with_month);
	tcase_add_test(tc, possessive_its_territory);
	tcase_add_test(tc, possessor_is_not_the_territory);
	tcase_add_test(tc, two_claims_in_one_sentence);
	tcase_add_test(tc, leader_title_names_the_state);
	tcase_add_test(tc, weekday_resolved_against_published);
	tcase_add_test(tc, no_claim_without_trigger);
	tcase_add_test(tc, quote_source_and_we);
	tcase_add_test(tc, render_json_shape);
	tcase_add_test(tc, no_entities_no_quotes_no_crash);
	tcase_add_test(tc, list_of_described_places_and_apposition);
	tcase_add_test(tc, derived_nationality_relative_actor_and_the_region);
	tcase_add_test(tc, object_gap_clauses_and_its_owner);
	tcase_add_test(tc, international_bodies_and_the_recogniser_is_no_agent);
	tcase_add_test(tc, acronym_groups_and_the_city);
	tcase_add_test(tc, described_towns_passives_and_own_troops);
	tcase_add_test(tc, part_of_treaty_never_give_up_and_refusing_it);
	tcase_add_test(tc, modal_negation_long_gaps_and_reduced_relatives);
	tcase_add_test(tc, handing_back_and_claimed_by);
	tcase_add_test(tc, trigger_lexicon_rejects_bad_lines);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(claims_suite());
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
