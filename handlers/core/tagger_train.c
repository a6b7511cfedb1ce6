/* Training the tagger: a structured averaged perceptron (Collins 2002) in
 * two stages. Stage 1 sees the static features; stage 2 adds features from
 * the stage-1 tags of the whole document (how the same word is tagged
 * elsewhere). Stage-1 tags of the training documents come from 5-fold
 * jackknifing, so stage 2 learns how far to trust first-pass tags as good
 * as the ones it will see on new text. Averaged weights are pruned,
 * quantised to int16 and written with tagger.h's format. Deterministic:
 * fixed shuffles, integer updates, no threads. */
#include "enricher/tagger.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "enricher/conll.h"
#include "enricher/tagger_feat.h"

#define FOLDS 5
#define DEFAULT_EPOCHS 10
#define DEFAULT_MIN_WEIGHT 0.1

struct pm {
	uint32_t *key;   /* hash slots: 0 empty */
	uint32_t *slot;  /* row of each slot */
	size_t mask, nkey;
	uint32_t *rkey;  /* key of each row */
	int32_t (*w)[TAG_COUNT];
	int64_t (*u)[TAG_COUNT];  /* sum of c * update, for averaging */
	size_t nrow, caprow;
	int32_t tw[TAGGER_NTRANS];
	int64_t tu[TAGGER_NTRANS];
	int64_t c;
};

static int pm_init(struct pm *p)
{
	memset(p, 0, sizeof *p);
	p->mask = (1u << 16) - 1;
	p->key = calloc(p->mask + 1, sizeof *p->key);
	p->slot = calloc(p->mask + 1, sizeof *p->slot);
	p->c = 1;
	return p->key && p->slot ? 0 : -1;
}

static void pm_free(struct pm *p)
{
	free(p->key);
	free(p->slot);
	free(p->rkey);
	free(p->w);
	free(p->u);
	memset(p, 0, sizeof *p);
}

static long pm_find(const struct pm *p, uint32_t key)
{
	size_t i = key & p->mask;
	while (p->key[i]) {
		if (p->key[i] == key)
			return p->slot[i];
		i = (i + 1) & p->mask;
	}
	return -1;
}

static int pm_rehash(struct pm *p)
{
	size_t cap = (p->mask + 1) * 2;
	uint32_t *k = calloc(cap, sizeof *k), *s = calloc(cap, sizeof *s);
	if (!k || !s) {
		free(k);
		free(s);
		return -1;
	}
	for (size_t i = 0; i <= p->mask; i++) {
		if (!p->key[i])
			continue;
		size_t j = p->key[i] & (cap - 1);
		while (k[j])
			j = (j + 1) & (cap - 1);
		k[j] = p->key[i];
		s[j] = p->slot[i];
	}
	free(p->key);
	free(p->slot);
	p->key = k;
	p->slot = s;
	p->mask = cap - 1;
	return 0;
}

/* Row of key, created with zero weights when absent; -1 when out of memory. */
static long pm_get(struct pm *p, uint32_t key)
{
	size_t i = key & p->mask;
	while (p->key[i]) {
		if (p->key[i] == key)
			return p->slot[i];
		i = (i + 1) & p->mask;
	}
	if (p->nrow == p->caprow) {
		size_t nc = p->caprow ? p->caprow * 2 : 1 << 16;
		void *w = realloc(p->w, nc * sizeof *p->w);
		if (w)
			p->w = w;
		void *u = realloc(p->u, nc * sizeof *p->u);
		if (u)
			p->u = u;
		void *r = realloc(p->rkey, nc * sizeof *p->rkey);
		if (r)
			p->rkey = r;
		if (!w || !u || !r)
			return -1;
		p->caprow = nc;
	}
	size_t row = p->nrow++;
	memset(p->w[row], 0, sizeof p->w[row]);
	memset(p->u[row], 0, sizeof p->u[row]);
	p->rkey[row] = key;
	p->key[i] = key;
	p->slot[i] = (uint32_t)row;
	if (++p->nkey * 2 > p->mask + 1 && pm_rehash(p))
		return -1;
	return (long)row;
}

static double pm_avg(const struct pm *p, int32_t w, int64_t u)
{
	return (double)w - (double)u / (double)p->c;
}

static void pm_trans(const struct pm *p, int avg, float *trans)
{
	for (int t = 0; t < TAGGER_NTRANS; t++)
		trans[t] = avg ? (float)pm_avg(p, p->tw[t], p->tu[t]) : (float)p->tw[t];
}

/* Emission scores of tokens [s, e) of one document. */
static void pm_score(const struct pm *p, int avg, const uint32_t *keys, const uint8_t *nk,
		     size_t kstride, const uint32_t *hk, const uint8_t *hn, size_t s, size_t e,
		     float *em)
{
	for (size_t i = s; i < e; i++) {
		double acc[TAG_COUNT] = { 0 };
		for (int pass = 0; pass < 2; pass++) {
			const uint32_t *k = pass ? (hk ? hk + i * TFEAT_HIST_MAX : NULL) : keys + i * kstride;
			size_t m = pass ? (hk ? hn[i] : 0) : nk[i];
			for (size_t j = 0; j < m; j++) {
				long r = pm_find(p, k[j]);
				if (r < 0)
					continue;
				for (int t = 0; t < TAG_COUNT; t++)
					acc[t] += avg ? pm_avg(p, p->w[r][t], p->u[r][t]) : p->w[r][t];
			}
		}
		for (int t = 0; t < TAG_COUNT; t++)
			em[(i - s) * TAG_COUNT + t] = (float)acc[t];
	}
}

/* The training or dev set: features of every document. */
struct tset {
	struct conll_data cd;
	struct arena *a;
	struct tfeat_doc *f;    /* per document */
	struct text_doc *doc;   /* per document */
	uint8_t *tags1;         /* first-pass tags, global token index */
	uint32_t *hk;           /* history keys, ntok * TFEAT_HIST_MAX */
	uint8_t *hn;
	size_t maxn;            /* longest document */
};

static void tset_free(struct tset *s)
{
	conll_free(&s->cd);
	arena_free(s->a);
	free(s->f);
	free(s->doc);
	free(s->tags1);
	free(s->hk);
	free(s->hn);
	memset(s, 0, sizeof *s);
}

static int tset_load(struct tset *s, const char *path, struct enr_error *err)
{
	memset(s, 0, sizeof *s);
	int rc = conll_read(path, &s->cd, err);
	if (rc)
		return rc;
	size_t nd = s->cd.ndoc, nt = s->cd.ntok;
	s->a = arena_new(0);
	s->f = calloc(nd ? nd : 1, sizeof *s->f);
	s->doc = calloc(nd ? nd : 1, sizeof *s->doc);
	s->tags1 = calloc(nt ? nt : 1, 1);
	s->hk = calloc(nt ? nt * TFEAT_HIST_MAX : 1, sizeof *s->hk);
	s->hn = calloc(nt ? nt : 1, 1);
	if (!s->a || !s->f || !s->doc || !s->tags1 || !s->hk || !s->hn) {
		tset_free(s);
		return enr_error_set(err, ENR_ENOMEM, "out of memory for %s", path);
	}
	for (size_t d = 0; d < nd; d++) {
		size_t t0 = s->cd.doc_start[d], n = s->cd.doc_start[d + 1] - t0;
		rc = text_from_tokens(s->a, (const char *const *)s->cd.tok + t0, s->cd.len + t0,
				      s->cd.sent_end + t0, n, &s->doc[d], err);
		if (!rc && s->doc[d].ntok != n)
			rc = enr_error_set(err, ENR_EFORMAT, "%s: document %zu: %zu tokens became %zu",
					   path, d, n, s->doc[d].ntok);
		if (rc) {
			tset_free(s);
			return rc;
		}
		if (n > s->maxn)
			s->maxn = n;
	}
	return 0;
}

static int tset_features(struct tset *s, const struct gazetteer *gaz,
			 const struct tfeat_clusters *cl, struct enr_error *err)
{
	for (size_t d = 0; d < s->cd.ndoc; d++) {
		int rc = tfeat_extract(s->a, &s->doc[d], gaz, cl, &s->f[d], err);
		if (rc)
			return rc;
	}
	return 0;
}

struct scratch {
	float *em;
	uint8_t *back, *pred;
	float trans[TAGGER_NTRANS];
};

static int scratch_init(struct scratch *w, size_t maxn)
{
	w->em = malloc((maxn + 1) * TAG_COUNT * sizeof *w->em);
	w->back = malloc((maxn + 1) * TAG_COUNT);
	w->pred = malloc(maxn + 1);
	return w->em && w->back && w->pred ? 0 : -1;
}

static void scratch_free(struct scratch *w)
{
	free(w->em);
	free(w->back);
	free(w->pred);
}

static size_t seg_end(const struct tfeat_doc *f, size_t s)
{
	size_t e = s + 1;
	while (e < f->n && !f->seg_start[e])
		e++;
	return e;
}

static int add_keys(struct pm *p, const uint32_t *k, size_t m, int g, int y)
{
	for (size_t j = 0; j < m; j++) {
		long r = pm_get(p, k[j]);
		if (r < 0)
			return -1;
		p->w[r][g]++;
		p->u[r][g] += p->c;
		p->w[r][y]--;
		p->u[r][y] -= p->c;
	}
	return 0;
}

/* One perceptron epoch over the documents order[0..nd), skipping fold
 * `skip` (-1: none). stage 2 adds history keys. */
static int train_epoch(struct pm *p, struct tset *s, const size_t *order, size_t nd, int stage,
		       struct scratch *w)
{
	for (size_t o = 0; o < nd; o++) {
		size_t d = order[o];
		const struct tfeat_doc *f = &s->f[d];
		size_t t0 = s->cd.doc_start[d];
		const uint8_t *gold = s->cd.tag + t0;
		const uint32_t *hk = stage == 2 ? s->hk + t0 * TFEAT_HIST_MAX : NULL;
		const uint8_t *hn = stage == 2 ? s->hn + t0 : NULL;
		for (size_t a = 0; a < f->n;) {
			size_t e = seg_end(f, a);
			pm_score(p, 0, f->keys, f->nkeys, TFEAT_MAX, hk, hn, a, e, w->em);
			pm_trans(p, 0, w->trans);
			tagger_viterbi(w->em, e - a, w->trans, w->back, w->pred);
			for (size_t i = a; i < e; i++) {
				int g = gold[i], y = w->pred[i - a];
				int pg = i == a ? TAG_COUNT : gold[i - 1];
				int py = i == a ? TAG_COUNT : w->pred[i - 1 - a];
				if (g != y) {
					if (add_keys(p, f->keys + i * TFEAT_MAX, f->nkeys[i], g, y))
						return -1;
					if (hk && add_keys(p, hk + i * TFEAT_HIST_MAX, hn[i], g, y))
						return -1;
				}
				if (g != y || pg != py) {
					p->tw[pg * TAG_COUNT + g]++;
					p->tu[pg * TAG_COUNT + g] += p->c;
					p->tw[py * TAG_COUNT + y]--;
					p->tu[py * TAG_COUNT + y] -= p->c;
				}
			}
			p->c++;
			a = e;
		}
	}
	return 0;
}

/* Averaged-weight tags of document d into out (stage 2 uses s->hk). */
static void predict_doc(const struct pm *p, struct tset *s, size_t d, int stage,
			struct scratch *w, uint8_t *out)
{
	const struct tfeat_doc *f = &s->f[d];
	size_t t0 = s->cd.doc_start[d];
	pm_score(p, 1, f->keys, f->nkeys, TFEAT_MAX, stage == 2 ? s->hk + t0 * TFEAT_HIST_MAX : NULL,
		 stage == 2 ? s->hn + t0 : NULL, 0, f->n, w->em);
	pm_trans(p, 1, w->trans);
	for (size_t a = 0; a < f->n;) {
		size_t e = seg_end(f, a);
		tagger_viterbi(w->em + a * TAG_COUNT, e - a, w->trans, w->back, out + a);
		a = e;
	}
}

static int history_doc(struct tset *s, size_t d, struct enr_error *err)
{
	size_t t0 = s->cd.doc_start[d];
	struct arena *a = arena_new(0);
	if (!a)
		return enr_error_set(err, ENR_ENOMEM, "out of memory");
	int rc = tfeat_history(a, &s->f[d], s->tags1 + t0, 0, s->hk + t0 * TFEAT_HIST_MAX,
			       s->hn + t0, err);
	arena_free(a);
	return rc;
}

/* Dev F1 of stage 1 alone (p2 NULL) or of both stages. */
static double eval_dev(const struct pm *p1, const struct pm *p2, struct tset *s,
		       struct scratch *w, struct enr_error *err)
{
	struct conll_counts c;
	memset(&c, 0, sizeof c);
	for (size_t d = 0; d < s->cd.ndoc; d++) {
		size_t t0 = s->cd.doc_start[d];
		predict_doc(p1, s, d, 1, w, s->tags1 + t0);
		const uint8_t *tags = s->tags1 + t0;
		if (p2) {
			if (history_doc(s, d, err))
				return -1;
			predict_doc(p2, s, d, 2, w, w->pred);
			tags = w->pred;
		}
		conll_count(s->cd.tag + t0, tags, s->cd.sent_end + t0, s->f[d].n, &c);
	}
	return conll_f1(&c, NER_MISC, NULL, NULL);
}

static uint64_t rng_next(uint64_t *x)
{
	*x ^= *x << 13;
	*x ^= *x >> 7;
	*x ^= *x << 17;
	return *x;
}

static void shuffle(size_t *v, size_t n, uint64_t seed)
{
	uint64_t x = seed * 0x9E3779B97F4A7C15ULL + 1;
	for (size_t i = n; i > 1; i--) {
		size_t j = (size_t)(rng_next(&x) % i);
		size_t t = v[i - 1];
		v[i - 1] = v[j];
		v[j] = t;
	}
}

static int train_stage(struct pm *p, struct tset *s, const size_t *docs, size_t nd, int stage,
		       int epochs, struct scratch *w, FILE *log, struct tset *dev,
		       const struct pm *p1, const char *what, struct enr_error *err)
{
	size_t *order = malloc((nd ? nd : 1) * sizeof *order);
	if (!order)
		return enr_error_set(err, ENR_ENOMEM, "out of memory");
	for (int ep = 0; ep < epochs; ep++) {
		memcpy(order, docs, nd * sizeof *order);
		shuffle(order, nd, (uint64_t)(ep + 1) * 7919 + (uint64_t)stage);
		if (train_epoch(p, s, order, nd, stage, w)) {
			free(order);
			return enr_error_set(err, ENR_ENOMEM, "out of memory training");
		}
		if (log) {
			fprintf(log, "%s epoch %d/%d: %zu features", what, ep + 1, epochs, p->nrow);
			if (dev) {
				double f1 = stage == 1 ? eval_dev(p, NULL, dev, w, err)
						       : eval_dev(p1, p, dev, w, err);
				fprintf(log, ", dev F1 %.4f", f1);
			}
			fprintf(log, "\n");
			fflush(log);
		}
	}
	free(order);
	return 0;
}

static void put_u32(unsigned char *p, uint32_t v)
{
	p[0] = (unsigned char)v;
	p[1] = (unsigned char)(v >> 8);
	p[2] = (unsigned char)(v >> 16);
	p[3] = (unsigned char)(v >> 24);
}

struct orow {
	uint32_t key;
	int16_t w[TAGGER_STAGES * TAG_COUNT];
};

static int cmp_row(const void *a, const void *b)
{
	uint32_t x = ((const struct orow *)a)->key, y = ((const struct orow *)b)->key;
	return x < y ? -1 : x > y;
}

/* Scale mapping a stage's largest kept weight to the int16 range. */
static double stage_scale(const struct pm *p, double minw)
{
	double mx = 0;
	for (size_t r = 0; r < p->nrow; r++)
		for (int t = 0; t < TAG_COUNT; t++) {
			double v = fabs(pm_avg(p, p->w[r][t], p->u[r][t]));
			if (v >= minw && v > mx)
				mx = v;
		}
	for (int t = 0; t < TAGGER_NTRANS; t++) {
		double v = fabs(pm_avg(p, p->tw[t], p->tu[t]));
		if (v > mx)
			mx = v;
	}
	return mx > 0 ? mx / 32767.0 : 1.0;
}

static int16_t quant(const struct pm *p, long r, int t, double minw, double scale)
{
	if (r < 0)
		return 0;
	double v = pm_avg(p, p->w[r][t], p->u[r][t]);
	if (fabs(v) < minw)
		return 0;
	double q = nearbyint(v / scale);
	return (int16_t)(q > 32767 ? 32767 : q < -32767 ? -32767 : q);
}

static int write_model(const struct pm *p1, const struct pm *p2, double minw, uint32_t flags,
		       const struct tfeat_clusters *cl, const char *path, size_t *bytes_out,
		       struct enr_error *err)
{
	const struct pm *ps[2] = { p1, p2 };
	double scale[2] = { stage_scale(p1, minw), stage_scale(p2, minw) };
	size_t cap = p1->nrow + p2->nrow, n = 0;
	struct orow *rows = malloc((cap ? cap : 1) * sizeof *rows);
	if (!rows)
		return enr_error_set(err, ENR_ENOMEM, "out of memory writing the model");
	for (int s = 0; s < 2; s++) {
		for (size_t r = 0; r < ps[s]->nrow; r++) {
			uint32_t key = ps[s]->rkey[r];
			if (s == 1 && pm_find(p1, key) >= 0)
				continue;  /* written with stage 0 */
			struct orow o = { .key = key };
			int any = 0;
			for (int st = 0; st < 2; st++) {
				long rr = pm_find(ps[st], key);
				for (int t = 0; t < TAG_COUNT; t++) {
					o.w[st * TAG_COUNT + t] = quant(ps[st], rr, t, minw, scale[st]);
					any |= o.w[st * TAG_COUNT + t] != 0;
				}
			}
			if (any)
				rows[n++] = o;
		}
	}
	qsort(rows, n, sizeof *rows, cmp_row);
	size_t len = TAGGER_HEADER_BYTES + cl->n * TAGGER_CLUSTER_BYTES + n * TAGGER_ROW_BYTES + 8;
	unsigned char *buf = malloc(len), *q = buf;
	if (!buf) {
		free(rows);
		return enr_error_set(err, ENR_ENOMEM, "out of memory writing the model");
	}
	memcpy(q, TAGGER_MAGIC, 8);
	q += 8;
	uint32_t hdr[7] = { TAGGER_VERSION, TFEAT_VERSION, TAG_COUNT, TAGGER_STAGES,
			    (uint32_t)n, flags, (uint32_t)cl->n };
	for (int i = 0; i < 7; i++, q += 4)
		put_u32(q, hdr[i]);
	for (int s = 0; s < 2; s++)
		for (int t = 0; t < TAGGER_NTRANS; t++, q += 4) {
			double v = nearbyint(pm_avg(ps[s], ps[s]->tw[t], ps[s]->tu[t]) / scale[s]);
			put_u32(q, (uint32_t)(int32_t)v);
		}
	/* Clusters in slot order: the table is built deterministically. */
	for (size_t i = 0; cl->n && i <= cl->mask; i++) {
		if (!cl->key[i])
			continue;
		put_u32(q, (uint32_t)cl->key[i]);
		put_u32(q + 4, (uint32_t)(cl->key[i] >> 32));
		q[8] = (unsigned char)cl->id[i][0];
		q[9] = (unsigned char)(cl->id[i][0] >> 8);
		q[10] = (unsigned char)cl->id[i][1];
		q[11] = (unsigned char)(cl->id[i][1] >> 8);
		q += TAGGER_CLUSTER_BYTES;
	}
	for (size_t r = 0; r < n; r++, q += TAGGER_ROW_BYTES) {
		put_u32(q, rows[r].key);
		for (int j = 0; j < TAGGER_STAGES * TAG_COUNT; j++) {
			uint16_t v = (uint16_t)rows[r].w[j];
			q[4 + 2 * j] = (unsigned char)v;
			q[5 + 2 * j] = (unsigned char)(v >> 8);
		}
	}
	uint64_t sum = tagger_fnv64(buf, (size_t)(q - buf), 0xcbf29ce484222325ULL);
	for (int i = 0; i < 8; i++)
		*q++ = (unsigned char)(sum >> (8 * i));
	free(rows);
	FILE *fp = fopen(path, "wb");
	int bad = !fp || fwrite(buf, 1, len, fp) != len;
	if (fp && fclose(fp))
		bad = 1;
	free(buf);
	if (bad)
		return enr_error_set(err, ENR_EIO, "cannot write the model to %s", path);
	*bytes_out = len;
	return 0;
}

/* F1 of the written model through tagger_load and tagger_tag, exactly as
 * served. */
static double eval_model(const char *path, const struct gazetteer *gaz, struct tset *dev,
			 struct enr_error *err)
{
	struct tagger_model *m;
	if (tagger_load(path, gaz, &m, err))
		return -1;
	struct conll_counts c;
	memset(&c, 0, sizeof c);
	uint8_t *tags = malloc(dev->maxn + 1);
	double f1 = -1;
	if (!tags)
		goto out;
	for (size_t d = 0; d < dev->cd.ndoc; d++) {
		struct arena *a = arena_new(0);
		if (!a || tagger_tag(m, a, &dev->doc[d], tags, err)) {
			arena_free(a);
			goto out;
		}
		arena_free(a);
		size_t t0 = dev->cd.doc_start[d];
		conll_count(dev->cd.tag + t0, tags, dev->cd.sent_end + t0, dev->doc[d].ntok, &c);
	}
	f1 = conll_f1(&c, NER_MISC, NULL, NULL);
out:
	free(tags);
	tagger_free(m);
	return f1;
}

int tagger_train(const struct tagger_train_opts *o, const struct gazetteer *gaz,
		 struct enr_error *err)
{
	if (!o || !o->train_path || !o->model_path)
		return enr_error_set(err, ENR_EINVAL, "tagger_train: train and model paths are required");
	int epochs = o->epochs > 0 ? o->epochs : DEFAULT_EPOCHS;
	double minw = o->min_weight > 0 ? o->min_weight : DEFAULT_MIN_WEIGHT;
	FILE *log = o->log;
	clock_t t_start = clock();
	struct tset tr, dev;
	memset(&dev, 0, sizeof dev);
	struct tfeat_clusters cl;
	memset(&cl, 0, sizeof cl);
	int rc = tset_load(&tr, o->train_path, err);
	if (rc)
		return rc;
	if (o->dev_path && (rc = tset_load(&dev, o->dev_path, err))) {
		tset_free(&tr);
		return rc;
	}
	/* Word clusters from the training text (never the dev set) and the
	 * unlabeled text, then every feature. */
	if ((rc = tfeat_clusters_build(tr.doc, tr.cd.ndoc, o->unlabeled, &cl, log, err)) ||
	    (rc = tset_features(&tr, gaz, &cl, err)) ||
	    (o->dev_path && (rc = tset_features(&dev, gaz, &cl, err)))) {
		tfeat_clusters_free(&cl);
		tset_free(&tr);
		tset_free(&dev);
		return rc;
	}
	struct tset *devp = o->dev_path ? &dev : NULL;
	size_t nd = tr.cd.ndoc;
	if (log)
		fprintf(log, "train: %zu documents, %zu tokens%s\n", nd, tr.cd.ntok,
			devp ? "" : " (no dev set)");
	struct scratch w;
	memset(&w, 0, sizeof w);
	size_t maxn = tr.maxn > dev.maxn ? tr.maxn : dev.maxn;
	size_t *docs = malloc((nd ? nd : 1) * sizeof *docs);
	struct pm p1, p2, pf;
	memset(&p1, 0, sizeof p1);
	memset(&p2, 0, sizeof p2);
	memset(&pf, 0, sizeof pf);
	if (!docs || scratch_init(&w, maxn) || pm_init(&p1) || pm_init(&p2)) {
		rc = enr_error_set(err, ENR_ENOMEM, "out of memory");
		goto out;
	}
	/* Jackknifed first-pass tags of the training documents. */
	for (int k = 0; k < FOLDS; k++) {
		size_t m = 0;
		for (size_t d = 0; d < nd; d++)
			if ((int)(d % FOLDS) != k)
				docs[m++] = d;
		if (pm_init(&pf)) {
			rc = enr_error_set(err, ENR_ENOMEM, "out of memory");
			goto out;
		}
		char what[32];
		snprintf(what, sizeof what, "fold %d/%d", k + 1, FOLDS);
		if ((rc = train_stage(&pf, &tr, docs, m, 1, epochs, &w, NULL, NULL, NULL, what, err)))
			goto out;
		for (size_t d = (size_t)k; d < nd; d += FOLDS)
			predict_doc(&pf, &tr, d, 1, &w, tr.tags1 + tr.cd.doc_start[d]);
		pm_free(&pf);
		if (log) {
			fprintf(log, "fold %d/%d done (%.0f s)\n", k + 1, FOLDS,
				(double)(clock() - t_start) / CLOCKS_PER_SEC);
			fflush(log);
		}
	}
	for (size_t d = 0; d < nd; d++) {
		docs[d] = d;
		if ((rc = history_doc(&tr, d, err)))
			goto out;
	}
	if ((rc = train_stage(&p1, &tr, docs, nd, 1, epochs, &w, log, devp, NULL, "stage 1", err)))
		goto out;
	if ((rc = train_stage(&p2, &tr, docs, nd, 2, epochs, &w, log, devp, &p1, "stage 2", err)))
		goto out;
	size_t bytes = 0;
	if ((rc = write_model(&p1, &p2, minw, gaz ? TAGGER_F_GAZ : 0, &cl, o->model_path, &bytes,
			      err)))
		goto out;
	if (log) {
		fprintf(log, "model %s: %zu bytes (%zu word clusters; weights pruned below %.3f), %.0f s\n",
			o->model_path, bytes, cl.n, minw, (double)(clock() - t_start) / CLOCKS_PER_SEC);
		if (devp) {
			double f1 = eval_model(o->model_path, gaz, devp, err);
			if (f1 < 0) {
				rc = err ? err->code : ENR_EFORMAT;
				goto out;
			}
			fprintf(log, "shipped model: dev F1 %.4f\n", f1);
		}
		fflush(log);
	}
out:
	tfeat_clusters_free(&cl);
	pm_free(&p1);
	pm_free(&p2);
	pm_free(&pf);
	scratch_free(&w);
	free(docs);
	tset_free(&tr);
	tset_free(&dev);
	return rc;
}
