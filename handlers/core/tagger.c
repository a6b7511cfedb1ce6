/* The tagger at serving time: load the model into an open-addressing table
 * (keys, and beside them int16 weights of both passes), then per document
 * hash the features, sum rows, decode with Viterbi, add the document
 * history features and decode again. No allocation but the request arena.
 * The lookups, tens of thousands per article, are the cost: they are
 * pipelined (probe, then row, then sum, each a fixed distance behind the
 * one before) and free of data-dependent branches. */
#include "enricher/tagger.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "enricher/tagger_feat.h"

#define NW (TAGGER_STAGES * TAG_COUNT)

typedef float v4f __attribute__((vector_size(16)));
typedef int32_t v4i __attribute__((vector_size(16)));

#define WIN 4         /* slots compared at once from a key's home slot */
#define SLOT_PAD 256  /* slots past the table for runs that pass its end */
#define VNEG (-1e30f)  /* score of a forbidden transition */
#define TPAD 12  /* TAG_COUNT rounded up to whole 4-lane vectors: 3 */
_Static_assert(TAG_COUNT == 9, "tagger_viterbi's vector code assumes 9 tags");

/* Transition scores laid out for the vector loop, forbidden ones already
 * at NEG: built once per model stage rather than once per segment. */
struct vtrans {
	v4f tr[TAG_COUNT][TPAD / 4];
	float first[TPAD];
};

struct tagger_model {
	/* Open addressing in two parallel arrays: probing reads only the
	 * keys (4 bytes a slot: a window of WIN is one load), and a slot's
	 * row is at the same index, so a hit needs no index read first. */
	uint32_t *key;  /* 0: empty */
	int16_t (*row)[NW];
	size_t nslot;    /* cap + SLOT_PAD: probing runs on past the last home
			  * slot instead of wrapping, so a window of WIN slots
			  * from any home slot is one contiguous load */
	unsigned shift;  /* a key's home slot is key >> shift: its top bits, so
			  * the rows, sorted by key in the file, fill the table
			  * in order at load time */
	uint32_t flags;
	float trans[TAGGER_STAGES][TAGGER_NTRANS];
	struct vtrans vt[TAGGER_STAGES];  /* built from trans at load */
	struct tfeat_clusters cl;
	const struct gazetteer *gaz;
	size_t bytes;
	/* Stage-2 sums of the TFEAT_HIST_FIXED history keys of every
	 * (previous, own, next) first-pass tag: summed once at load instead
	 * of looked up for every token. Index HX_EDGE is TFEAT_TAG_EDGE. */
	int32_t hfix[TAG_COUNT + 1][TAG_COUNT][TAG_COUNT + 1][TAG_COUNT];
};

#define HX_EDGE TAG_COUNT

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
	/* FNV-1a over little-endian 64-bit words, then the tail bytes: eight
	 * times fewer multiplications than bytewise, for a fast model load. */
	const unsigned char *s = p;
	size_t i = 0;
	for (; i + 8 <= n; i += 8) {
		uint64_t w = 0;
		for (int b = 7; b >= 0; b--)
			w = w << 8 | s[i + (size_t)b];
		h = (h ^ w) * 0x100000001b3ULL;
	}
	for (; i < n; i++)
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

static void vtrans_build(const float *trans, struct vtrans *v)
{
	const float NEG = VNEG;
	for (int p = 0; p < TAG_COUNT; p++) {
		float row[TPAD];
		for (int t = 0; t < TPAD; t++)
			row[t] = t < TAG_COUNT && allowed(p, t) ? trans[p * TAG_COUNT + t] : NEG;
		memcpy(v->tr[p], row, sizeof row);
	}
	for (int t = 0; t < TPAD; t++)
		v->first[t] = t < TAG_COUNT && allowed(TAG_COUNT, t) ? trans[TAG_COUNT * TAG_COUNT + t]
								    : NEG;
}

/* VPICK(s, b, g): s where s > b (g), else b. VARG(a, pv, g): pv where g,
 * else a, for indices a < pv (previous tags in increasing order). With
 * SSE2, maxps is exactly "s > b ? s : b" (ties and NaN give b), and the
 * larger index is p itself, so each takes one or two instructions. */
#ifdef __SSE2__
#define VPICK(s, b, g) ((v4f)_mm_max_ps((__m128)(s), (__m128)(b)))
#define VARG(a, pv, g) ((v4i)_mm_max_epi16((__m128i)(a), (__m128i)((pv) & (g))))
#else
#define VPICK(s, b, g) ((v4f)(((v4i)(s) & (g)) | ((v4i)(b) & ~(g))))
#define VARG(a, pv, g) (((pv) & (g)) | ((a) & ~(g)))
#endif

static void viterbi(const float *em, size_t n, const struct vtrans *v, uint8_t *back,
		    uint8_t *out)
{
	if (n == 0)
		return;
	/* Forbidden transitions get a score no path can recover from, which
	 * keeps the inner loop free of branches; the scores of all current
	 * tags are updated four at a time, previous tags in increasing order
	 * with a strict comparison, so ties go to the lower previous tag. */
	const v4f(*tr)[TPAD / 4] = v->tr;
	float cur[TPAD];
	for (int t = 0; t < TPAD; t++)
		cur[t] = t < TAG_COUNT && v->first[t] != VNEG ? v->first[t] + em[t] : VNEG;
	for (size_t i = 1; i < n; i++) {
		v4f b0 = cur[0] + tr[0][0], b1 = cur[0] + tr[0][1], b2 = cur[0] + tr[0][2];
		v4i a0 = { 0, 0, 0, 0 }, a1 = a0, a2 = a0;
		for (int p = 1; p < TAG_COUNT; p++) {
			v4i pv = { p, p, p, p };
			v4f s0 = cur[p] + tr[p][0], s1 = cur[p] + tr[p][1], s2 = cur[p] + tr[p][2];
			v4i g0 = s0 > b0, g1 = s1 > b1, g2 = s2 > b2;
			b0 = VPICK(s0, b0, g0);
			b1 = VPICK(s1, b1, g1);
			b2 = VPICK(s2, b2, g2);
			a0 = VARG(a0, pv, g0);
			a1 = VARG(a1, pv, g1);
			a2 = VARG(a2, pv, g2);
		}
		const float *e = em + i * TAG_COUNT;
		uint8_t *bk = back + i * TAG_COUNT;
		v4f e0, e1;
		memcpy(&e0, e, sizeof e0);
		memcpy(&e1, e + 4, sizeof e1);
		e0 += b0;
		e1 += b1;
		memcpy(cur, &e0, sizeof e0);
		memcpy(cur + 4, &e1, sizeof e1);
		cur[8] = b2[0] + e[8];
#ifdef __SSE2__
		__m128i idx = _mm_packs_epi32((__m128i)a0, (__m128i)a1);  /* 8 x int16 */
		_mm_storel_epi64((__m128i *)bk, _mm_packus_epi16(idx, idx));
#else
		for (int t = 0; t < 4; t++) {
			bk[t] = (uint8_t)a0[t];
			bk[4 + t] = (uint8_t)a1[t];
		}
#endif
		bk[8] = (uint8_t)a2[0];
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

void tagger_viterbi(const float *em, size_t n, const float *trans, uint8_t *back, uint8_t *out)
{
	if (n == 0)
		return;
	struct vtrans v = {0};
	vtrans_build(trans, &v);
	viterbi(em, n, &v, back, out);
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

static void hfix_build(struct tagger_model *m);

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
	if ((flags & TAGGER_F_GAZ) && !gaz)
		return load_fail(buf, NULL, err, path,
				 "trained with gazetteer features: load the gazetteer first and pass it");
	size_t ncl = get_u32(h + 24);
	size_t body = len - TAGGER_HEADER_BYTES - 8;
	if (nrows > body / TAGGER_ROW_BYTES || ncl > body / TAGGER_CLUSTER_BYTES ||
	    body != nrows * TAGGER_ROW_BYTES + ncl * TAGGER_CLUSTER_BYTES)
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
	m->key = calloc(cap + SLOT_PAD, sizeof *m->key);
	m->row = calloc(cap + SLOT_PAD, sizeof *m->row);
	if (!m->key || !m->row) {
		free(buf);
		tagger_free(m);
		return enr_error_set(err, ENR_ENOMEM, "out of memory loading %s", path);
	}
	m->nslot = cap + SLOT_PAD;
	m->shift = 32;
	for (size_t c = cap; c > 1; c >>= 1)
		m->shift--;
	m->flags = flags;
	m->gaz = gaz;
	m->bytes = sizeof *m + m->nslot * (sizeof *m->key + sizeof *m->row);
	const unsigned char *p = h + 28;
	for (int s = 0; s < TAGGER_STAGES; s++)
		for (int t = 0; t < TAGGER_NTRANS; t++, p += 4)
			m->trans[s][t] = (float)(int32_t)get_u32(p);
	for (int s = 0; s < TAGGER_STAGES; s++)
		vtrans_build(m->trans[s], &m->vt[s]);
	if (ncl && tfeat_clusters_init(&m->cl, ncl)) {
		free(buf);
		tagger_free(m);
		return enr_error_set(err, ENR_ENOMEM, "out of memory loading %s", path);
	}
	for (size_t i = 0; i < ncl; i++, p += TAGGER_CLUSTER_BYTES) {
		uint64_t w = (uint64_t)get_u32(p) | (uint64_t)get_u32(p + 4) << 32;
		uint16_t fine = (uint16_t)(p[8] | p[9] << 8), coarse = (uint16_t)(p[10] | p[11] << 8);
		if (tfeat_clusters_add(&m->cl, w, fine, coarse))
			return load_fail(buf, m, err, path, "bad word cluster entry");
	}
	m->bytes += ncl * 2 * (sizeof *m->cl.key + sizeof *m->cl.id);
	for (size_t r = 0; r < nrows; r++, p += TAGGER_ROW_BYTES) {
		uint32_t key = get_u32(p);
		if (!key)
			return load_fail(buf, m, err, path, "zero feature key");
		size_t i = key >> m->shift;
		while (i < m->nslot - WIN && m->key[i] && m->key[i] != key)
			i++;
		if (i >= m->nslot - WIN)
			return load_fail(buf, m, err, path, "feature table overflow");
		if (m->key[i])
			return load_fail(buf, m, err, path, "duplicate feature key");
		m->key[i] = key;
		for (int j = 0; j < NW; j++)
			m->row[i][j] = (int16_t)(uint16_t)(p[4 + 2 * j] | p[5 + 2 * j] << 8);
	}
	free(buf);
	hfix_build(m);
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
	free(m->key);
	free(m->row);
	tfeat_clusters_free(&m->cl);
	free(m);
}

/* The table's fields as locals, so that stores through the output
 * arrays do not make the compiler reload them on every key. */
struct tview {
	const uint32_t *key;
	const int16_t (*row)[NW];
	unsigned shift;
};

static const int16_t zero_row[NW];

/* Row of key, or zero_row (which adds nothing) when the model has none.
 * Whether a probe hits, misses or runs on is as good as random, so a
 * loop over the probes mispredicts a branch on most keys; instead the
 * WIN slots from the home slot are compared at once and the answer is
 * picked without a branch. Only a run of WIN occupied slots none of
 * which holds the key (rare at the table's load) takes the loop. */
static inline const int16_t *find(const struct tview *v, uint32_t key)
{
	size_t i = key >> v->shift;
	for (;;) {
		const uint32_t *s = &v->key[i];
		unsigned hit, empty;
#ifdef __SSE2__
		__m128i a = _mm_loadu_si128((const __m128i *)s);
		hit = (unsigned)_mm_movemask_ps(_mm_castsi128_ps(_mm_cmpeq_epi32(a, _mm_set1_epi32((int)key))));
		empty = (unsigned)_mm_movemask_ps(_mm_castsi128_ps(_mm_cmpeq_epi32(a, _mm_setzero_si128())));
#else
		hit = empty = 0;
		for (int w = 0; w < WIN; w++) {
			hit |= (unsigned)(s[w] == key) << w;
			empty |= (unsigned)(s[w] == 0) << w;
		}
#endif
		hit &= (empty & (0u - empty)) - 1u;  /* before the first empty slot */
		unsigned lane = (unsigned)__builtin_ctz(hit | (1u << WIN));
		const int16_t *r = v->row[i + (lane & (WIN - 1))];
		if (__builtin_expect(hit || empty, 1)) {
			/* a select the compiler cannot turn back into a branch */
			uintptr_t keep = (uintptr_t)0 - (uintptr_t)(hit != 0);
			return (const int16_t *)(((uintptr_t)r & keep) |
						 ((uintptr_t)zero_row & ~keep));
		}
		i += WIN;
	}
}

/* Row r's weights added to acc (int32, NW lanes). */
static inline void add_row(const int16_t *r, int32_t *acc)
{
#ifdef __SSE2__
	/* int16 to int32 by placing each weight in a lane's top half and
	 * shifting back with its sign */
	__m128i x0 = _mm_loadu_si128((const __m128i *)r);
	__m128i x1 = _mm_loadu_si128((const __m128i *)(r + 8));
	int32_t t;
	memcpy(&t, r + 16, sizeof t);
	__m128i x2 = _mm_cvtsi32_si128(t);
	__m128i z = _mm_setzero_si128();
	__m128i *a = (__m128i *)acc;
	_mm_storeu_si128(a, _mm_add_epi32(_mm_loadu_si128(a),
					  _mm_srai_epi32(_mm_unpacklo_epi16(z, x0), 16)));
	_mm_storeu_si128(a + 1, _mm_add_epi32(_mm_loadu_si128(a + 1),
					      _mm_srai_epi32(_mm_unpackhi_epi16(z, x0), 16)));
	_mm_storeu_si128(a + 2, _mm_add_epi32(_mm_loadu_si128(a + 2),
					      _mm_srai_epi32(_mm_unpacklo_epi16(z, x1), 16)));
	_mm_storeu_si128(a + 3, _mm_add_epi32(_mm_loadu_si128(a + 3),
					      _mm_srai_epi32(_mm_unpackhi_epi16(z, x1), 16)));
	__m128i last = _mm_srai_epi32(_mm_unpacklo_epi16(z, x2), 16);
	_mm_storel_epi64((__m128i *)(acc + 16),
			 _mm_add_epi32(_mm_loadl_epi64((const __m128i *)(acc + 16)), last));
#else
	for (int k = 0; k < NW; k++)
		acc[k] += r[k];
#endif
}

static unsigned hx_tag(unsigned x)
{
	return x == HX_EDGE ? TFEAT_TAG_EDGE : x;
}

static void hfix_build(struct tagger_model *m)
{
	const struct tview v = { m->key, (const int16_t (*)[NW])m->row, m->shift };
	for (unsigned p = 0; p <= HX_EDGE; p++)
		for (unsigned t = 0; t < TAG_COUNT; t++)
			for (unsigned x = 0; x <= HX_EDGE; x++) {
				uint32_t k[TFEAT_HIST_FIXED];
				int32_t acc[NW] = { 0 };
				tfeat_history_fixed(t, hx_tag(p), hx_tag(x), k);
				for (int j = 0; j < TFEAT_HIST_FIXED; j++)
					add_row(find(&v, k[j]), acc);
				memcpy(m->hfix[p][t][x], acc + TAG_COUNT, sizeof m->hfix[p][t][x]);
			}
}

/* The rows of the keys of every token summed per token: sums[i] gets the
 * first nself[i] keys of token i (its own bytes; nself may be NULL),
 * sums[n + i] the rest. sums holds 2n rows. The lookups run D keys ahead
 * of the sums, and the probes D keys ahead of the lookups, so the misses
 * of a few dozen keys overlap. Integer sums: the order changes nothing. */
static int sum_keys(const struct tagger_model *m, struct arena *a, const uint32_t *keys,
		    const uint8_t *nkeys, size_t stride, const uint8_t *nself, size_t n,
		    int32_t (*sums)[NW])
{
	enum { D = 16 };
	size_t total = 0;
	for (size_t i = 0; i < n; i++)
		total += nkeys[i];
	uint64_t *e = arena_alloc(a, (total ? total : 1) * sizeof *e);
	if (!e)
		return -1;
	if (nself)
		memset(sums, 0, 2 * n * sizeof *sums);
	else  /* every key lands in sums[n..2n) */
		memset(sums + n, 0, n * sizeof *sums);
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		const uint32_t *kk = keys + i * stride;
		size_t nk = nkeys[i], ns = nself ? nself[i] : 0;
		for (size_t j = 0; j < nk; j++)
			e[k++] = (uint64_t)kk[j] << 32 | (j < ns ? i : n + i);
	}
	const struct tview v = { m->key, (const int16_t (*)[NW])m->row, m->shift };
	const int16_t *ring[D];
	for (k = 0; k < total + 2 * D; k++) {
		if (k < total)
			__builtin_prefetch(&v.key[(uint32_t)(e[k] >> 32) >> v.shift]);
		if (k >= 2 * D)
			add_row(ring[k % D], sums[(uint32_t)e[k - 2 * D]]);
		if (k >= D && k - D < total) {
			const int16_t *r = find(&v, (uint32_t)(e[k - D] >> 32));
			__builtin_prefetch(r);
			__builtin_prefetch(r + NW - 1);
			ring[k % D] = r;
		}
	}
	return 0;
}

static void decode(const struct tfeat_doc *f, const float *em, const struct vtrans *v,
		   uint8_t *back, uint8_t *tags)
{
	for (size_t s = 0; s < f->n;) {
		size_t e = s + 1;
		while (e < f->n && !f->seg_start[e])
			e++;
		viterbi(em + s * TAG_COUNT, e - s, v, back, tags + s);
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
	int rc = tfeat_extract_shared(a, doc, m->gaz, &m->cl, &f, err);
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
	int32_t (*sums)[NW] = arena_alloc(a, 2 * n * sizeof *sums);
	if (!sums)
		return enr_error_set(err, ENR_ENOMEM, "tagger: out of memory");
	if (sum_keys(m, a, f.keys, f.nkeys, TFEAT_MAX, f.nself, n, sums))
		return enr_error_set(err, ENR_ENOMEM, "tagger: out of memory");
	for (size_t i = 0; i < n; i++) {
		const int32_t *own = sums[f.rep[i]], *rest = sums[n + i];
		float *e1 = em1 + i * TAG_COUNT, *e2 = em2 + i * TAG_COUNT;
		for (int t = 0; t < TAG_COUNT; t++) {
			e1[t] = (float)(own[t] + rest[t]);
			e2[t] = (float)(own[TAG_COUNT + t] + rest[TAG_COUNT + t]);
		}
	}
	decode(&f, em1, &m->vt[0], back, tags1);
	rc = tfeat_history(a, &f, tags1, 1, hk, hn, err);
	if (rc)
		return rc;
	if (sum_keys(m, a, hk, hn, TFEAT_HIST_MAX, NULL, n, sums))
		return enr_error_set(err, ENR_ENOMEM, "tagger: out of memory");
	for (size_t i = 0; i < n; i++) {
		unsigned p, x;
		tfeat_neighbour_tags(&f, tags1, i, &p, &x);
		const int32_t *fx = m->hfix[p == TFEAT_TAG_EDGE ? HX_EDGE : p][tags1[i]]
					   [x == TFEAT_TAG_EDGE ? HX_EDGE : x];
		for (int t = 0; t < TAG_COUNT; t++)
			em2[i * TAG_COUNT + (size_t)t] +=
				(float)(sums[n + i][TAG_COUNT + t] + fx[t]);
	}
	decode(&f, em2, &m->vt[1], back, tags);
	return 0;
}
