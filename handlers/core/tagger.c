/* The tagger at serving time: load the model into an open-addressing table
 * of compact rows (key + int16 weights of both passes), then per document
 * hash the features, sum rows, decode with Viterbi, add the document
 * history features and decode again. No allocation but the request arena. */
#include "enricher/tagger.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "enricher/tagger_feat.h"

#define NW (TAGGER_STAGES * TAG_COUNT)

struct tslot {
	uint32_t key;  /* 0: empty */
	int16_t w[NW];
};

struct tagger_model {
	struct tslot *slot;
	size_t mask;
	size_t nrows;
	uint32_t flags;
	float trans[TAGGER_STAGES][TAGGER_NTRANS];
	const struct gazetteer *gaz;
	size_t bytes;
};

const char *ner_type_conll(int type)
{
	static const char *const n[] = { "O", "PER", "ORG", "LOC", "MISC" };
	return type >= 0 && type < NER_NTYPES ? n[type] : "O";
}

const char *ner_type_api(int type)
{
	static const char *const n[] = { "NONE", "PERSON", "ORG", "LOCATION", "MISC" };
	return type >= 0 && type < NER_NTYPES ? n[type] : "NONE";
}

uint64_t tagger_fnv64(const void *p, size_t n, uint64_t h)
{
	const unsigned char *s = p;
	for (size_t i = 0; i < n; i++)
		h = (h ^ s[i]) * 0x100000001b3ULL;
	return h;
}

/* I-X may follow only B-X or I-X; anything may start a segment but I-X. */
static int allowed(int prev, int cur)
{
	if (cur == TAG_O || TAG_IS_B(cur))
		return 1;
	return prev < TAG_COUNT && prev != TAG_O && TAG_TYPE(prev) == TAG_TYPE(cur);
}

void tagger_viterbi(const float *em, size_t n, const float *trans, uint8_t *back, uint8_t *out)
{
	if (n == 0)
		return;
	float cur[TAG_COUNT], nxt[TAG_COUNT];
	for (int t = 0; t < TAG_COUNT; t++)
		cur[t] = allowed(TAG_COUNT, t) ? trans[TAG_COUNT * TAG_COUNT + t] + em[t] : -INFINITY;
	for (size_t i = 1; i < n; i++) {
		for (int t = 0; t < TAG_COUNT; t++) {
			float best = -INFINITY;
			int arg = 0;
			for (int p = 0; p < TAG_COUNT; p++) {
				if (!allowed(p, t) || cur[p] == -INFINITY)
					continue;
				float s = cur[p] + trans[p * TAG_COUNT + t];
				if (s > best) {
					best = s;
					arg = p;
				}
			}
			nxt[t] = best + em[i * TAG_COUNT + t];
			back[i * TAG_COUNT + t] = (uint8_t)arg;
		}
		memcpy(cur, nxt, sizeof cur);
	}
	int arg = 0;
	for (int t = 1; t < TAG_COUNT; t++)
		if (cur[t] > cur[arg])
			arg = t;
	for (size_t i = n; i-- > 0;) {
		out[i] = (uint8_t)arg;
		if (i)
			arg = back[i * TAG_COUNT + arg];
	}
}

static uint32_t get_u32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static int load_fail(unsigned char *buf, struct tagger_model *m, struct enr_error *err,
		     const char *path, const char *why)
{
	free(buf);
	tagger_free(m);
	return enr_error_set(err, ENR_EFORMAT, "tagger model %s: %s", path, why);
}

int tagger_load(const char *path, const struct gazetteer *gaz, struct tagger_model **out,
		struct enr_error *err)
{
	*out = NULL;
	FILE *fp = fopen(path, "rb");
	if (!fp)
		return enr_error_set(err, ENR_EIO, "cannot open tagger model %s: %s", path,
				     strerror(errno));
	unsigned char *buf = NULL;
	size_t len = 0;
	if (fseek(fp, 0, SEEK_END) == 0) {
		long sz = ftell(fp);
		if (sz >= 0 && fseek(fp, 0, SEEK_SET) == 0) {
			buf = malloc((size_t)sz + 1);
			if (buf)
				len = fread(buf, 1, (size_t)sz, fp);
			if (buf && len != (size_t)sz) {
				free(buf);
				buf = NULL;
			}
		}
	}
	fclose(fp);
	if (!buf)
		return enr_error_set(err, ENR_EIO, "cannot read tagger model %s", path);
	if (len < TAGGER_HEADER_BYTES + 8 || memcmp(buf, TAGGER_MAGIC, 8) != 0)
		return load_fail(buf, NULL, err, path, "not a tagger model (bad magic or too short)");
	const unsigned char *h = buf + 8;
	if (get_u32(h) != TAGGER_VERSION)
		return load_fail(buf, NULL, err, path, "unsupported model version");
	if (get_u32(h + 4) != TFEAT_VERSION)
		return load_fail(buf, NULL, err, path,
				 "trained with other features (retrain with `enricher train`)");
	if (get_u32(h + 8) != TAG_COUNT || get_u32(h + 12) != TAGGER_STAGES)
		return load_fail(buf, NULL, err, path, "unexpected tag or stage count");
	size_t nrows = get_u32(h + 16);
	uint32_t flags = get_u32(h + 20);
	if (nrows > (len - TAGGER_HEADER_BYTES - 8) / TAGGER_ROW_BYTES ||
	    len != TAGGER_HEADER_BYTES + nrows * TAGGER_ROW_BYTES + 8)
		return load_fail(buf, NULL, err, path, "size does not match its row count (truncated?)");
	uint64_t sum = 0;
	for (int i = 0; i < 8; i++)
		sum |= (uint64_t)buf[len - 8 + (size_t)i] << (8 * i);
	if (tagger_fnv64(buf, len - 8, 0xcbf29ce484222325ULL) != sum)
		return load_fail(buf, NULL, err, path, "checksum mismatch (corrupt file)");

	struct tagger_model *m = calloc(1, sizeof *m);
	if (!m) {
		free(buf);
		return enr_error_set(err, ENR_ENOMEM, "out of memory loading %s", path);
	}
	size_t cap = 1024;
	while (cap < nrows + nrows / 2)  /* load factor at most 2/3 */
		cap <<= 1;
	m->slot = calloc(cap, sizeof *m->slot);
	if (!m->slot) {
		free(buf);
		tagger_free(m);
		return enr_error_set(err, ENR_ENOMEM, "out of memory loading %s", path);
	}
	m->mask = cap - 1;
	m->nrows = nrows;
	m->flags = flags;
	m->gaz = gaz;
	m->bytes = sizeof *m + cap * sizeof *m->slot;
	const unsigned char *p = h + 24;
	for (int s = 0; s < TAGGER_STAGES; s++)
		for (int t = 0; t < TAGGER_NTRANS; t++, p += 4)
			m->trans[s][t] = (float)(int32_t)get_u32(p);
	for (size_t r = 0; r < nrows; r++, p += TAGGER_ROW_BYTES) {
		uint32_t key = get_u32(p);
		if (!key)
			return load_fail(buf, m, err, path, "zero feature key");
		size_t i = key & m->mask;
		while (m->slot[i].key && m->slot[i].key != key)
			i = (i + 1) & m->mask;
		if (m->slot[i].key)
			return load_fail(buf, m, err, path, "duplicate feature key");
		m->slot[i].key = key;
		for (int j = 0; j < NW; j++)
			m->slot[i].w[j] = (int16_t)(uint16_t)(p[4 + 2 * j] | p[5 + 2 * j] << 8);
	}
	free(buf);
	*out = m;
	return 0;
}

size_t tagger_model_bytes(const struct tagger_model *m)
{
	return m ? m->bytes : 0;
}

void tagger_free(struct tagger_model *m)
{
	if (!m)
		return;
	free(m->slot);
	free(m);
}

static inline const struct tslot *find(const struct tagger_model *m, uint32_t key)
{
	size_t i = key & m->mask;
	for (;;) {
		const struct tslot *s = &m->slot[i];
		if (s->key == key)
			return s;
		if (!s->key)
			return NULL;
		i = (i + 1) & m->mask;
	}
}

/* Adds the rows of keys[0..nk) to the scores of the stages [s0, s1). */
static void add_rows(const struct tagger_model *m, const uint32_t *keys, size_t nk, int s0,
		     int s1, int32_t *acc)
{
	for (size_t j = 0; j < nk; j++) {
		const struct tslot *s = find(m, keys[j]);
		if (!s)
			continue;
		for (int w = s0 * TAG_COUNT; w < s1 * TAG_COUNT; w++)
			acc[w] += s->w[w];
	}
}

static void decode(const struct tfeat_doc *f, const float *em, const float *trans,
		   uint8_t *back, uint8_t *tags)
{
	for (size_t s = 0; s < f->n;) {
		size_t e = s + 1;
		while (e < f->n && !f->seg_start[e])
			e++;
		tagger_viterbi(em + s * TAG_COUNT, e - s, trans, back, tags + s);
		s = e;
	}
}

int tagger_tag(const struct tagger_model *m, struct arena *a, const struct text_doc *doc,
	       uint8_t *tags, struct enr_error *err)
{
	if (!m || !doc)
		return enr_error_set(err, ENR_EINVAL, "tagger: no model or document");
	size_t n = doc->ntok;
	if (n == 0)
		return 0;
	struct tfeat_doc f;
	int rc = tfeat_extract(a, doc, m->gaz, &f, err);
	if (rc)
		return rc;
	float *em1 = arena_alloc(a, n * TAG_COUNT * sizeof *em1);
	float *em2 = arena_alloc(a, n * TAG_COUNT * sizeof *em2);
	uint8_t *back = arena_alloc(a, n * TAG_COUNT);
	uint8_t *tags1 = arena_alloc(a, n);
	uint32_t *hk = arena_alloc(a, n * TFEAT_HIST_MAX * sizeof *hk);
	uint8_t *hn = arena_alloc(a, n);
	if (!em1 || !em2 || !back || !tags1 || !hk || !hn)
		return enr_error_set(err, ENR_ENOMEM, "tagger: out of memory");
	for (size_t i = 0; i < n; i++) {
		int32_t acc[NW] = { 0 };
		add_rows(m, f.keys + i * TFEAT_MAX, f.nkeys[i], 0, TAGGER_STAGES, acc);
		for (int t = 0; t < TAG_COUNT; t++) {
			em1[i * TAG_COUNT + t] = (float)acc[t];
			em2[i * TAG_COUNT + t] = (float)acc[TAG_COUNT + t];
		}
	}
	decode(&f, em1, m->trans[0], back, tags1);
	rc = tfeat_history(a, &f, tags1, hk, hn, err);
	if (rc)
		return rc;
	for (size_t i = 0; i < n; i++) {
		int32_t acc[NW] = { 0 };
		add_rows(m, hk + i * TFEAT_HIST_MAX, hn[i], 1, 2, acc);
		for (int t = 0; t < TAG_COUNT; t++)
			em2[i * TAG_COUNT + t] += (float)acc[TAG_COUNT + t];
	}
	decode(&f, em2, m->trans[1], back, tags);
	return 0;
}
