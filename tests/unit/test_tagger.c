/* Tagger: CoNLL reading and scoring, features, Viterbi, training on a tiny
 * corpus written here, the model file round trip, and bad model files. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "enricher/conll.h"
#include "enricher/tagger.h"
#include "enricher/tagger_feat.h"

static struct arena *ar;
static char tmpdir[64];

static void setup(void)
{
	ar = arena_new(0);
	strcpy(tmpdir, "/tmp/test_tagger_XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(tmpdir));
}

static void teardown(void)
{
	arena_free(ar);
	char cmd[128];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
	ck_assert_int_eq(system(cmd), 0);
}

static const char *tmp_path(const char *name)
{
	static char p[4][128];
	static int k;
	k = (k + 1) % 4;
	snprintf(p[k], sizeof p[k], "%s/%s", tmpdir, name);
	return p[k];
}

static void write_file(const char *path, const void *data, size_t n)
{
	FILE *f = fopen(path, "wb");
	ck_assert_ptr_nonnull(f);
	ck_assert_uint_eq(fwrite(data, 1, n, f), n);
	ck_assert_int_eq(fclose(f), 0);
}

/* Space-separated tokens and their sentence ends ("|" ends a sentence). */
static void doc_from(const char *spec, struct text_doc *doc)
{
	const char *toks[64];
	size_t lens[64];
	uint8_t ends[64];
	size_t n = 0;
	for (const char *p = spec; *p && n < 64;) {
		while (*p == ' ')
			p++;
		if (!*p)
			break;
		if (*p == '|') {
			if (n)
				ends[n - 1] = 1;
			p++;
			continue;
		}
		const char *e = p;
		while (*e && *e != ' ')
			e++;
		toks[n] = p;
		lens[n] = (size_t)(e - p);
		ends[n] = 0;
		n++;
		p = e;
	}
	if (n)
		ends[n - 1] = 1;
	struct enr_error err;
	ck_assert_int_eq(text_from_tokens(ar, toks, lens, ends, n, doc, &err), 0);
	ck_assert_uint_eq(doc->ntok, n);
}

START_TEST(tag_parse_iob1_and_iob2)
{
	ck_assert_int_eq(conll_tag_parse("O", 1, TAG_O), TAG_O);
	ck_assert_int_eq(conll_tag_parse("I-PER", 5, TAG_O), TAG_B(NER_PER));
	ck_assert_int_eq(conll_tag_parse("I-PER", 5, TAG_B(NER_PER)), TAG_I(NER_PER));
	ck_assert_int_eq(conll_tag_parse("I-LOC", 5, TAG_I(NER_PER)), TAG_B(NER_LOC));
	ck_assert_int_eq(conll_tag_parse("B-LOC", 5, TAG_I(NER_LOC)), TAG_B(NER_LOC));
	ck_assert_int_eq(conll_tag_parse("B-MISC", 6, TAG_O), TAG_B(NER_MISC));
	ck_assert_int_eq(conll_tag_parse("I-ORG", 5, TAG_I(NER_ORG)), TAG_I(NER_ORG));
	ck_assert_int_eq(conll_tag_parse("X-PER", 5, TAG_O), -1);
	ck_assert_int_eq(conll_tag_parse("I-FOO", 5, TAG_O), -1);
	ck_assert_int_eq(conll_tag_parse("", 0, TAG_O), -1);
}
END_TEST

START_TEST(read_conll_documents)
{
	const char *data = "-DOCSTART- -X- -X- O\n\n"
			   "Anna NNP I-NP I-PER\nKlein NNP I-NP I-PER\nvisited VBD I-VP O\n"
			   "Oslo NNP I-NP I-LOC\nOslo NNP I-NP B-LOC\n. . O O\n\n"
			   "Fine JJ I-NP O\n\n"
			   "-DOCSTART- -X- -X- O\n\nACME NNP I-NP I-ORG\nwins VBZ I-VP O\n";
	const char *path = tmp_path("small.conll");
	write_file(path, data, strlen(data));
	struct conll_data cd;
	struct enr_error err;
	ck_assert_int_eq(conll_read(path, &cd, &err), 0);
	ck_assert_uint_eq(cd.ndoc, 2);
	ck_assert_uint_eq(cd.ntok, 9);
	ck_assert_uint_eq(cd.doc_start[1], 7);
	ck_assert_uint_eq(cd.doc_start[2], 9);
	ck_assert_str_eq(cd.tok[1], "Klein");
	ck_assert_uint_eq(cd.len[1], 5);
	const uint8_t want[] = { TAG_B(NER_PER), TAG_I(NER_PER), TAG_O, TAG_B(NER_LOC),
				 TAG_B(NER_LOC), TAG_O, TAG_O, TAG_B(NER_ORG), TAG_O };
	ck_assert_mem_eq(cd.tag, want, sizeof want);
	ck_assert_int_eq(cd.sent_end[5], 1);
	ck_assert_int_eq(cd.sent_end[6], 1);
	ck_assert_int_eq(cd.sent_end[4], 0);
	conll_free(&cd);

	const char *bad = "Anna NNP I-NP I-PERSON\n";
	write_file(path, bad, strlen(bad));
	ck_assert_int_eq(conll_read(path, &cd, &err), ENR_EFORMAT);
	ck_assert_ptr_nonnull(strstr(err.message, "unknown tag"));
	ck_assert_int_eq(conll_read(tmp_path("missing.conll"), &cd, &err), ENR_EIO);
}
END_TEST

START_TEST(phrase_scoring)
{
	/* gold: [Anna Klein]PER saw [Oslo]LOC ; pred gets PER right, LOC as ORG,
	 * and adds a MISC. */
	const uint8_t gold[] = { TAG_B(1), TAG_I(1), TAG_O, TAG_B(3), TAG_O };
	const uint8_t pred[] = { TAG_B(1), TAG_I(1), TAG_O, TAG_B(2), TAG_B(4) };
	struct conll_counts c;
	memset(&c, 0, sizeof c);
	conll_count(gold, pred, NULL, 5, &c);
	ck_assert_uint_eq(c.tp[NER_PER], 1);
	ck_assert_uint_eq(c.gold[NER_LOC], 1);
	ck_assert_uint_eq(c.tp[NER_LOC], 0);
	ck_assert_uint_eq(c.pred[NER_ORG], 1);
	double p, r;
	double f = conll_f1(&c, NER_MISC, &p, &r);
	ck_assert_double_eq_tol(p, 1.0 / 3, 1e-9);
	ck_assert_double_eq_tol(r, 0.5, 1e-9);
	ck_assert_double_eq_tol(f, 0.4, 1e-9);
	/* A partial span is wrong; an I- after O starts a phrase. */
	const uint8_t pred2[] = { TAG_O, TAG_I(1), TAG_O, TAG_I(3), TAG_O };
	memset(&c, 0, sizeof c);
	conll_count(gold, pred2, NULL, 5, &c);
	ck_assert_uint_eq(c.pred[NER_PER], 1);
	ck_assert_uint_eq(c.tp[NER_PER], 0);
	ck_assert_uint_eq(c.tp[NER_LOC], 1);
	/* Phrases stop at sentence ends. */
	const uint8_t g3[] = { TAG_B(1), TAG_I(1) }, ends[] = { 1, 1 };
	memset(&c, 0, sizeof c);
	conll_count(g3, g3, ends, 2, &c);
	ck_assert_uint_eq(c.gold[NER_PER], 2);
}
END_TEST

static int has_key(const struct tfeat_doc *f, size_t i, uint32_t k)
{
	for (size_t j = 0; j < f->nkeys[i]; j++)
		if (f->keys[i * TFEAT_MAX + j] == k)
			return 1;
	return 0;
}

/* Same keys for every token (unused slots are not compared). */
static void assert_same_keys(const struct tfeat_doc *f, const struct tfeat_doc *g)
{
	ck_assert_uint_eq(f->n, g->n);
	for (size_t i = 0; i < f->n; i++) {
		ck_assert_uint_eq(f->nkeys[i], g->nkeys[i]);
		ck_assert_mem_eq(f->keys + i * TFEAT_MAX, g->keys + i * TFEAT_MAX,
				 f->nkeys[i] * sizeof *f->keys);
	}
}

static size_t shared_keys(const struct tfeat_doc *f, size_t i, const struct tfeat_doc *g, size_t j)
{
	size_t n = 0;
	for (size_t k = 0; k < f->nkeys[i]; k++)
		n += has_key(g, j, f->keys[i * TFEAT_MAX + k]);
	return n;
}

START_TEST(features_from_bytes)
{
	struct text_doc d;
	struct tfeat_doc f;
	struct enr_error err;
	doc_from("Talks in Oslo ended . | Oslo is cold . | OSLO TALKS END | the oslo plan", &d);
	ck_assert_int_eq(tfeat_extract(ar, &d, NULL, NULL, &f, &err), 0);
	ck_assert_uint_eq(f.n, d.ntok);
	for (size_t i = 0; i < f.n; i++) {
		ck_assert_uint_gt(f.nkeys[i], 10);
		ck_assert_uint_le(f.nkeys[i], TFEAT_MAX);
	}
	/* Oslo(2), Oslo(5), OSLO(9), oslo(13) */
	ck_assert_uint_eq(f.lower[2], f.lower[5]);
	ck_assert_uint_eq(f.lower[2], f.lower[9]);
	ck_assert_uint_eq(f.lower[2], f.lower[13]);
	ck_assert_uint_eq(f.lower[2], tfeat_lower_hash("oSLo", 4));
	ck_assert(f.cls[2] & TFEAT_C_CAP);
	ck_assert(!(f.cls[2] & TFEAT_C_ALLCAPS));
	ck_assert(f.cls[9] & TFEAT_C_ALLCAPS);
	ck_assert(f.cls[13] & TFEAT_C_LOWER);
	ck_assert(f.cls[4] & TFEAT_C_PUNCT);
	ck_assert_int_eq(f.seg_start[0], 1);
	ck_assert_int_eq(f.seg_start[5], 1);
	ck_assert_int_eq(f.seg_start[6], 0);
	ck_assert_int_eq(f.caps_seg[9], 1);
	ck_assert_int_eq(f.caps_seg[2], 0);
	/* Same word: many shared keys; a capitalised and an all-caps form share
	 * fewer (case-free ones only); an unrelated token shares almost none. */
	size_t same = shared_keys(&f, 2, &f, 5), caps = shared_keys(&f, 2, &f, 9);
	size_t other = shared_keys(&f, 2, &f, 1);
	ck_assert_uint_gt(same, caps);
	ck_assert_uint_gt(caps, other);
	ck_assert_uint_ge(caps, 9);  /* lowercase word, prefixes and suffixes at least */
	/* Deterministic. */
	struct tfeat_doc g;
	ck_assert_int_eq(tfeat_extract(ar, &d, NULL, NULL, &g, &err), 0);
	assert_same_keys(&f, &g);
}
END_TEST

/* The text score_conll.py sends (tokens joined by spaces, sentences by
 * newlines) re-tokenized by text_analyze gives the training features. */
START_TEST(features_same_when_served)
{
	struct text_doc d1, d2;
	struct tfeat_doc f1, f2;
	struct enr_error err;
	doc_from("PEACE TALKS RESUME IN OSLO | Anna Klein met Lars Berg in Oslo on Monday . |"
		 " The talks , led by Norway , ended .", &d1);
	ck_assert_int_eq(text_analyze(ar, d1.text, d1.len, NULL, &d2, &err), 0);
	ck_assert_uint_eq(d2.ntok, d1.ntok);
	ck_assert_int_eq(tfeat_extract(ar, &d1, NULL, NULL, &f1, &err), 0);
	ck_assert_int_eq(tfeat_extract(ar, &d2, NULL, NULL, &f2, &err), 0);
	assert_same_keys(&f1, &f2);
}
END_TEST

/* Curly quotes, apostrophes and dashes of web text give the features of
 * their ASCII forms, which the CoNLL training text uses. */
START_TEST(typographic_punctuation_reads_as_ascii)
{
	struct text_doc d1, d2;
	struct tfeat_doc f1, f2;
	struct enr_error err;
	doc_from("\" Kyiv 's envoy \" - she said ...", &d1);
	doc_from("\xe2\x80\x9c Kyiv \xe2\x80\x99s envoy \xe2\x80\x9d \xe2\x80\x94 she said \xe2\x80\xa6", &d2);
	ck_assert_int_eq(tfeat_extract(ar, &d1, NULL, NULL, &f1, &err), 0);
	ck_assert_int_eq(tfeat_extract(ar, &d2, NULL, NULL, &f2, &err), 0);
	assert_same_keys(&f1, &f2);
	ck_assert_uint_eq(tfeat_lower_hash("\xe2\x80\x99S", 4), tfeat_lower_hash("'s", 2));
	ck_assert_uint_ne(tfeat_lower_hash("\xe2\x80\x99", 3), tfeat_lower_hash("\xe2\x80\xa2", 3));
}
END_TEST

START_TEST(history_features_follow_first_pass)
{
	struct text_doc d;
	struct tfeat_doc f;
	struct enr_error err;
	doc_from("Berg spoke . | Later Berg left . | Berg won", &d);
	ck_assert_int_eq(tfeat_extract(ar, &d, NULL, NULL, &f, &err), 0);
	uint32_t k1[9 * TFEAT_HIST_MAX], k2[9 * TFEAT_HIST_MAX];
	uint8_t n1[9], n2[9];
	uint8_t t1[9] = { TAG_B(NER_PER), 0, 0, 0, TAG_B(NER_PER), 0, 0, TAG_B(NER_PER), 0 };
	uint8_t t2[9] = { TAG_B(NER_PER), 0, 0, 0, TAG_B(NER_PER), 0, 0, TAG_B(NER_LOC), 0 };
	ck_assert_int_eq(tfeat_history(ar, &f, t1, 0, k1, n1, &err), 0);
	ck_assert_int_eq(tfeat_history(ar, &f, t2, 0, k2, n2, &err), 0);
	for (size_t i = 0; i < 9; i++)
		ck_assert_uint_le(n1[i], TFEAT_HIST_MAX);
	/* Berg at 4: its own tag is the same in both, the others differ. */
	ck_assert(n1[4] != n2[4] || memcmp(k1 + 4 * TFEAT_HIST_MAX, k2 + 4 * TFEAT_HIST_MAX,
					   n1[4] * sizeof *k1) != 0);
	/* "spoke" (1) is alone in the document with the same neighbours. */
	ck_assert_uint_eq(n1[1], n2[1]);
	ck_assert_mem_eq(k1 + TFEAT_HIST_MAX, k2 + TFEAT_HIST_MAX, n1[1] * sizeof *k1);
}
END_TEST

START_TEST(cluster_table)
{
	struct tfeat_clusters c;
	ck_assert_int_eq(tfeat_clusters_init(&c, 3), 0);
	uint64_t oslo = tfeat_lower_hash("Oslo", 4), lima = tfeat_lower_hash("lima", 4);
	ck_assert_int_eq(tfeat_clusters_add(&c, oslo, 7, 2), 0);
	ck_assert_int_eq(tfeat_clusters_add(&c, lima, 7, 2), 0);
	ck_assert_int_eq(tfeat_clusters_add(&c, tfeat_lower_hash("said", 4), 9, 3), 0);
	ck_assert_int_eq(tfeat_clusters_add(&c, 12345, 0, 1), -1);
	const uint16_t *id = tfeat_clusters_get(&c, tfeat_lower_hash("OSLO", 4));
	ck_assert_ptr_nonnull(id);
	ck_assert_uint_eq(id[0], 7);
	ck_assert_uint_eq(id[1], 2);
	ck_assert_ptr_null(tfeat_clusters_get(&c, tfeat_lower_hash("Perth", 5)));
	ck_assert_ptr_null(tfeat_clusters_get(NULL, oslo));
	ck_assert_uint_eq(c.n, 3);
	/* Two words of one cluster share the cluster features in the same
	 * context; without clusters they share none of them. */
	struct text_doc d;
	struct tfeat_doc f, g;
	struct enr_error err;
	doc_from("talks in Oslo ended | talks in Lima ended", &d);
	ck_assert_int_eq(tfeat_extract(ar, &d, NULL, &c, &f, &err), 0);
	ck_assert_int_eq(tfeat_extract(ar, &d, NULL, NULL, &g, &err), 0);
	ck_assert_uint_gt(f.nkeys[2], g.nkeys[2]);
	ck_assert_uint_gt(shared_keys(&f, 2, &f, 6), shared_keys(&g, 2, &g, 6));
	tfeat_clusters_free(&c);
	/* Too little text: no clusters, no error. */
	ck_assert_int_eq(tfeat_clusters_build(&d, 1, NULL, &c, NULL, &err), 0);
	ck_assert_uint_eq(c.n, 0);
	ck_assert_int_eq(tfeat_clusters_build(&d, 1, tmp_path("nodir"), &c, NULL, &err), ENR_EIO);
}
END_TEST

START_TEST(viterbi_respects_bio)
{
	float em[3 * TAG_COUNT], trans[TAGGER_NTRANS];
	uint8_t back[3 * TAG_COUNT], out[3];
	memset(trans, 0, sizeof trans);
	memset(em, 0, sizeof em);
	/* Token 0 prefers I-PER (not allowed first), then B-PER; token 1 I-PER;
	 * token 2 prefers I-LOC, not allowed after PER, then O. */
	em[0 * TAG_COUNT + TAG_I(NER_PER)] = 10;
	em[0 * TAG_COUNT + TAG_B(NER_PER)] = 5;
	em[1 * TAG_COUNT + TAG_I(NER_PER)] = 12;
	em[2 * TAG_COUNT + TAG_I(NER_LOC)] = 9;
	em[2 * TAG_COUNT + TAG_O] = 1;
	tagger_viterbi(em, 3, trans, back, out);
	ck_assert_uint_eq(out[0], TAG_B(NER_PER));
	ck_assert_uint_eq(out[1], TAG_I(NER_PER));
	ck_assert_uint_eq(out[2], TAG_O);
	/* A transition score can outweigh an emission. */
	trans[TAG_I(NER_PER) * TAG_COUNT + TAG_B(NER_LOC)] = 20;
	tagger_viterbi(em, 3, trans, back, out);
	ck_assert_uint_eq(out[2], TAG_B(NER_LOC));
}
END_TEST

START_TEST(type_names)
{
	ck_assert_str_eq(ner_type_conll(NER_PER), "PER");
	ck_assert_str_eq(ner_type_conll(NER_MISC), "MISC");
	ck_assert_str_eq(ner_type_api(NER_PER), "PERSON");
	ck_assert_str_eq(ner_type_api(NER_LOC), "LOCATION");
	ck_assert_str_eq(ner_type_api(NER_ORG), "ORG");
	ck_assert_str_eq(ner_type_api(99), "NONE");
}
END_TEST

/* A small corpus: names in fixed frames, so a model can learn it. */
static void write_corpus(const char *path)
{
	static const char *const per[] = { "Anna Klein", "Lars Berg", "Maria Lopez", "Tom Hardy" };
	static const char *const loc[] = { "Oslo", "Lima", "Kyoto", "Perth" };
	static const char *const org[] = { "Acme Corp", "Zenith Bank", "Nordic Oil", "Polar Air" };
	FILE *f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	for (int d = 0; d < 12; d++) {
		fprintf(f, "-DOCSTART- -X- -X- O\n\n");
		for (int s = 0; s < 6; s++) {
			const char *p = per[(d + s) % 4], *l = loc[(d * 3 + s) % 4], *o = org[(d + 2 * s) % 4];
			char a[32], b[32];
			sscanf(p, "%31s %31s", a, b);
			fprintf(f, "%s NNP I-NP I-PER\n%s NNP I-NP I-PER\n", a, b);
			fprintf(f, "said VBD I-VP O\nin IN I-PP O\n%s NNP I-NP I-LOC\n", l);
			fprintf(f, "that IN I-SBAR O\n");
			sscanf(o, "%31s %31s", a, b);
			fprintf(f, "%s NNP I-NP I-ORG\n%s NNP I-NP I-ORG\n", a, b);
			fprintf(f, "grew VBD I-VP O\n. . O O\n\n");
		}
	}
	ck_assert_int_eq(fclose(f), 0);
}

static int train_small(const char *model)
{
	const char *train = tmp_path("train.conll");
	write_corpus(train);
	struct tagger_train_opts o = { .train_path = train, .dev_path = train,
				       .model_path = model, .epochs = 4 };
	struct enr_error err;
	return tagger_train(&o, NULL, &err);
}

START_TEST(train_write_load_tag)
{
	const char *model = tmp_path("m.model");
	ck_assert_int_eq(train_small(model), 0);
	struct tagger_model *m = NULL;
	struct enr_error err;
	ck_assert_int_eq(tagger_load(model, NULL, &m, &err), 0);
	ck_assert_ptr_nonnull(m);
	ck_assert_uint_gt(tagger_model_bytes(m), 1000);
	struct text_doc d;
	doc_from("Maria Lopez said in Kyoto that Zenith Bank grew .", &d);
	uint8_t tags[16];
	ck_assert_int_eq(tagger_tag(m, ar, &d, tags, &err), 0);
	const uint8_t want[] = { TAG_B(NER_PER), TAG_I(NER_PER), TAG_O, TAG_O, TAG_B(NER_LOC),
				 TAG_O, TAG_B(NER_ORG), TAG_I(NER_ORG), TAG_O, TAG_O };
	ck_assert_mem_eq(tags, want, sizeof want);
	/* Training is deterministic: a second run writes the same bytes. */
	const char *model2 = tmp_path("m2.model");
	ck_assert_int_eq(train_small(model2), 0);
	char cmd[300];
	snprintf(cmd, sizeof cmd, "cmp -s '%s' '%s'", model, model2);
	ck_assert_int_eq(system(cmd), 0);
	/* An empty document is fine. */
	struct text_doc e;
	ck_assert_int_eq(text_analyze(ar, "", 0, NULL, &e, &err), 0);
	ck_assert_int_eq(tagger_tag(m, ar, &e, tags, &err), 0);
	tagger_free(m);
	tagger_free(NULL);
}
END_TEST

/* Unusual text: every tag valid and BIO-consistent, nothing read out of
 * bounds (run under ASan by make asan). */
START_TEST(odd_text_tags_cleanly)
{
	const char *model = tmp_path("odd.model");
	ck_assert_int_eq(train_small(model), 0);
	struct tagger_model *m = NULL;
	struct enr_error err;
	ck_assert_int_eq(tagger_load(model, NULL, &m, &err), 0);
	char text[4096];
	size_t p = 0;
	memset(text, 'A', 300);  /* a 300-letter word */
	p = 300;
	p += (size_t)snprintf(text + p, sizeof text - p,
			      " \xe2\x80\x9c\xc3\x89milie \xc5\x81\xc3\xb3" "d\xc5\xba\xe2\x80\x9d"
			      " \xe2\x80\xa6 ---- 1,000,000 $ 3.5%% \xf0\x9f\x98\x80 x\n\n"
			      "ALL CAPS LINE HERE\nA\n. . .\n'\n\xd0\x9a\xd0\xb8\xd1\x97\xd0\xb2 ");
	for (int i = 0; i < 40 && p + 4 < sizeof text; i++)
		p += (size_t)snprintf(text + p, sizeof text - p, "Oslo ");
	text[p] = '\0';
	struct text_doc d;
	ck_assert_int_eq(text_analyze(ar, text, p, NULL, &d, &err), 0);
	ck_assert_uint_gt(d.ntok, 40);
	uint8_t *tags = arena_alloc(ar, d.ntok);
	ck_assert_ptr_nonnull(tags);
	ck_assert_int_eq(tagger_tag(m, ar, &d, tags, &err), 0);
	for (size_t i = 0; i < d.ntok; i++) {
		ck_assert_uint_lt(tags[i], TAG_COUNT);
		if (tags[i] && !TAG_IS_B(tags[i])) {
			ck_assert_uint_gt(i, 0);
			ck_assert_int_eq(TAG_TYPE(tags[i - 1]), TAG_TYPE(tags[i]));
		}
	}
	tagger_free(m);
}
END_TEST

static unsigned char *slurp(const char *path, size_t *n)
{
	FILE *f = fopen(path, "rb");
	ck_assert_ptr_nonnull(f);
	fseek(f, 0, SEEK_END);
	long sz = ftell(f);
	fseek(f, 0, SEEK_SET);
	unsigned char *b = malloc((size_t)sz);
	ck_assert_ptr_nonnull(b);
	ck_assert_uint_eq(fread(b, 1, (size_t)sz, f), (size_t)sz);
	fclose(f);
	*n = (size_t)sz;
	return b;
}

START_TEST(bad_model_files)
{
	const char *model = tmp_path("good.model");
	ck_assert_int_eq(train_small(model), 0);
	size_t n;
	unsigned char *good = slurp(model, &n);
	struct tagger_model *m = (struct tagger_model *)1;
	struct enr_error err;
	const char *bad = tmp_path("bad.model");

	ck_assert_int_eq(tagger_load(tmp_path("absent.model"), NULL, &m, &err), ENR_EIO);
	ck_assert_ptr_null(m);

	write_file(bad, "hello", 5);
	ck_assert_int_eq(tagger_load(bad, NULL, &m, &err), ENR_EFORMAT);
	ck_assert_ptr_null(m);
	ck_assert_ptr_nonnull(strstr(err.message, "magic"));

	write_file(bad, good, 0);
	ck_assert_int_eq(tagger_load(bad, NULL, &m, &err), ENR_EFORMAT);

	/* Truncated at many points: always an error, never a crash. */
	for (size_t cut = 1; cut < n; cut += n / 37 + 1) {
		write_file(bad, good, cut);
		ck_assert_int_eq(tagger_load(bad, NULL, &m, &err), ENR_EFORMAT);
		ck_assert_ptr_null(m);
	}
	write_file(bad, good, n - 1);
	ck_assert_int_eq(tagger_load(bad, NULL, &m, &err), ENR_EFORMAT);
	ck_assert_ptr_nonnull(strstr(err.message, "truncated"));

	/* One flipped byte in the weights: the checksum catches it. */
	unsigned char *c = malloc(n);
	ck_assert_ptr_nonnull(c);
	memcpy(c, good, n);
	c[n / 2] ^= 0x40;
	write_file(bad, c, n);
	ck_assert_int_eq(tagger_load(bad, NULL, &m, &err), ENR_EFORMAT);
	ck_assert_ptr_nonnull(strstr(err.message, "checksum"));

	/* Another version. */
	memcpy(c, good, n);
	c[8] = 99;
	write_file(bad, c, n);
	ck_assert_int_eq(tagger_load(bad, NULL, &m, &err), ENR_EFORMAT);
	ck_assert_ptr_nonnull(strstr(err.message, "version"));

	/* A row count that claims more rows than the file holds. */
	memcpy(c, good, n);
	c[8 + 16 + 3] = 0x7f;
	write_file(bad, c, n);
	ck_assert_int_eq(tagger_load(bad, NULL, &m, &err), ENR_EFORMAT);

	/* The good file still loads. */
	write_file(bad, good, n);
	ck_assert_int_eq(tagger_load(bad, NULL, &m, &err), 0);
	tagger_free(m);
	free(c);
	free(good);
}
END_TEST

/* A model trained with gazetteer features refuses to load without one. */
START_TEST(gazetteer_model_needs_gazetteer)
{
	struct gazetteer *gaz = NULL;
	struct enr_error err;
	ck_assert_int_eq(gazetteer_load("config/gazetteers", &gaz, &err), 0);
	const char *train = tmp_path("g.conll"), *model = tmp_path("g.model");
	write_corpus(train);
	struct tagger_train_opts o = { .train_path = train, .model_path = model, .epochs = 2 };
	ck_assert_int_eq(tagger_train(&o, gaz, &err), 0);
	struct tagger_model *m = NULL;
	ck_assert_int_eq(tagger_load(model, NULL, &m, &err), ENR_EFORMAT);
	ck_assert_ptr_null(m);
	ck_assert_ptr_nonnull(strstr(err.message, "gazetteer"));
	ck_assert_int_eq(tagger_load(model, gaz, &m, &err), 0);
	struct text_doc d;
	doc_from("Anna Klein said in Oslo that Acme Corp grew .", &d);
	uint8_t tags[16];
	ck_assert_int_eq(tagger_tag(m, ar, &d, tags, &err), 0);
	ck_assert_uint_eq(tags[4], TAG_B(NER_LOC));
	tagger_free(m);
	gazetteer_free(gaz);
}
END_TEST

START_TEST(train_errors)
{
	struct enr_error err;
	struct tagger_train_opts o = { .train_path = tmp_path("none.conll"),
				       .model_path = tmp_path("x.model") };
	ck_assert_int_eq(tagger_train(&o, NULL, &err), ENR_EIO);
	o.train_path = NULL;
	ck_assert_int_eq(tagger_train(&o, NULL, &err), ENR_EINVAL);
	const char *train = tmp_path("t.conll");
	write_corpus(train);
	o.train_path = train;
	o.model_path = "/nonexistent-dir/x.model";
	o.epochs = 1;
	ck_assert_int_eq(tagger_train(&o, NULL, &err), ENR_EIO);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("tagger");
	TCase *tc = tcase_create("core");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, tag_parse_iob1_and_iob2);
	tcase_add_test(tc, read_conll_documents);
	tcase_add_test(tc, phrase_scoring);
	tcase_add_test(tc, features_from_bytes);
	tcase_add_test(tc, features_same_when_served);
	tcase_add_test(tc, typographic_punctuation_reads_as_ascii);
	tcase_add_test(tc, history_features_follow_first_pass);
	tcase_add_test(tc, cluster_table);
	tcase_add_test(tc, viterbi_respects_bio);
	tcase_add_test(tc, type_names);
	tcase_add_test(tc, train_write_load_tag);
	tcase_add_test(tc, odd_text_tags_cleanly);
	tcase_add_test(tc, bad_model_files);
	tcase_add_test(tc, gazetteer_model_needs_gazetteer);
	tcase_add_test(tc, train_errors);
	suite_add_tcase(s, tc);
	SRunner *sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
