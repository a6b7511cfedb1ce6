/* Word clusters for the tagger, learnt at training time from unlabeled
 * text (the CoNLL training text and, when given, a directory of plain-text
 * articles). A word is described by the words seen just left and right of
 * it (the most frequent words by name, the rest pooled); words are grouped
 * by spherical k-means over those profiles, and the centroids grouped again
 * for a coarse level. Clusters let the tagger generalise from a name it saw
 * in training to a name it did not, used in the same contexts. Everything
 * here runs once, in `enricher train`; deterministic. */
#include <dirent.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "enricher/tagger_feat.h"

#define CL_MIN_COUNT 3     /* words seen fewer times are not clustered */
#define CL_CONTEXT 1000    /* context words kept by name */
#define CL_FINE 1024
#define CL_COARSE 128
#define CL_ITERS 12
#define CL_BOUNDARY UINT32_MAX

struct vocab {
	uint64_t *key;     /* slots: lower hash | 1 */
	uint32_t *slot_id; /* slots: word id */
	size_t mask;
	uint64_t *hash;    /* id -> lower hash */
	uint32_t *count;   /* id -> occurrences */
	size_t n, cap;
};

struct corpus {
	uint32_t *w;       /* word ids, CL_BOUNDARY between segments */
	size_t n, cap;
};

static uint64_t vmix(uint64_t h)
{
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdULL;
	h ^= h >> 33;
	return h;
}

static int vocab_grow(struct vocab *v)
{
	size_t cap = v->mask ? (v->mask + 1) * 2 : 1 << 16;
	uint64_t *k = calloc(cap, sizeof *k);
	uint32_t *s = calloc(cap, sizeof *s);
	if (!k || !s) {
		free(k);
		free(s);
		return -1;
	}
	for (size_t i = 0; v->key && i <= v->mask; i++) {
		if (!v->key[i])
			continue;
		size_t j = (size_t)vmix(v->key[i]) & (cap - 1);
		while (k[j])
			j = (j + 1) & (cap - 1);
		k[j] = v->key[i];
		s[j] = v->slot_id[i];
	}
	free(v->key);
	free(v->slot_id);
	v->key = k;
	v->slot_id = s;
	v->mask = cap - 1;
	return 0;
}

/* Id of a word, added when new; UINT32_MAX when out of memory. */
static uint32_t vocab_id(struct vocab *v, uint64_t h)
{
	if (2 * (v->n + 1) > v->mask + 1 && vocab_grow(v))
		return UINT32_MAX;
	h |= 1;
	size_t i = (size_t)vmix(h) & v->mask;
	while (v->key[i]) {
		if (v->key[i] == h) {
			v->count[v->slot_id[i]]++;
			return v->slot_id[i];
		}
		i = (i + 1) & v->mask;
	}
	if (v->n == v->cap) {
		size_t nc = v->cap ? v->cap * 2 : 1 << 15;
		uint64_t *hh = realloc(v->hash, nc * sizeof *hh);
		if (hh)
			v->hash = hh;
		uint32_t *cc = realloc(v->count, nc * sizeof *cc);
		if (cc)
			v->count = cc;
		if (!hh || !cc)
			return UINT32_MAX;
		v->cap = nc;
	}
	uint32_t id = (uint32_t)v->n++;
	v->hash[id] = h;
	v->count[id] = 1;
	v->key[i] = h;
	v->slot_id[i] = id;
	return id;
}

static int corpus_push(struct corpus *c, uint32_t w)
{
	if (c->n == c->cap) {
		size_t nc = c->cap ? c->cap * 2 : 1 << 20;
		uint32_t *p = realloc(c->w, nc * sizeof *p);
		if (!p)
			return -1;
		c->w = p;
		c->cap = nc;
	}
	c->w[c->n++] = w;
	return 0;
}

static int add_doc(struct vocab *v, struct corpus *c, const struct text_doc *d)
{
	for (size_t i = 0; i < d->ntok; i++) {
		const struct text_token *t = &d->tok[i];
		if ((i == 0 || (t->flags & (TEXT_F_SENT_START | TEXT_F_NL_BEFORE))) &&
		    corpus_push(c, CL_BOUNDARY))
			return -1;
		uint32_t id = vocab_id(v, tfeat_lower_hash(d->text + t->start, t->end - t->start));
		if (id == UINT32_MAX || corpus_push(c, id))
			return -1;
	}
	return corpus_push(c, CL_BOUNDARY);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Adds every *.txt file of dir, in name order; files that are not valid
 * UTF-8 are skipped. Returns the number of files read or -1. */
static long add_dir(struct vocab *v, struct corpus *c, const char *dir, struct enr_error *err)
{
	DIR *dp = opendir(dir);
	if (!dp)
		return enr_error_set(err, ENR_EIO, "cannot open the unlabeled text directory %s", dir);
	char **names = NULL;
	size_t n = 0, cap = 0;
	struct dirent *de;
	long rc = 0;
	while ((de = readdir(dp))) {
		size_t l = strlen(de->d_name);
		if (l < 5 || strcmp(de->d_name + l - 4, ".txt"))
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 256;
			char **nn = realloc(names, cap * sizeof *nn);
			if (!nn) {
				rc = -1;
				break;
			}
			names = nn;
		}
		if (!(names[n] = strdup(de->d_name))) {
			rc = -1;
			break;
		}
		n++;
	}
	closedir(dp);
	if (!rc)
		qsort(names, n, sizeof *names, cmp_str);
	long files = 0;
	for (size_t i = 0; !rc && i < n; i++) {
		char path[4096];
		snprintf(path, sizeof path, "%s/%s", dir, names[i]);
		FILE *f = fopen(path, "rb");
		if (!f)
			continue;
		char *buf = NULL;
		size_t len = 0;
		if (!fseek(f, 0, SEEK_END)) {
			long sz = ftell(f);
			if (sz > 0 && sz < (1L << 26) && !fseek(f, 0, SEEK_SET) &&
			    (buf = malloc((size_t)sz + 1)))
				len = fread(buf, 1, (size_t)sz, f);
		}
		fclose(f);
		size_t bad;
		if (buf && len && !text_utf8_check(buf, len, &bad)) {
			buf[len] = '\0';
			struct arena *a = arena_new(0);
			struct text_doc d;
			struct enr_error e2;
			if (!a)
				rc = -1;
			else if (!text_analyze(a, buf, len, NULL, &d, &e2)) {
				if (add_doc(v, c, &d))
					rc = -1;
				files++;
			}
			arena_free(a);
		}
		free(buf);
	}
	for (size_t i = 0; i < n; i++)
		free(names[i]);
	free(names);
	if (rc)
		return enr_error_set(err, ENR_ENOMEM, "out of memory reading unlabeled text");
	return files;
}

/* Sparse rows: profile of each clustered word. */
struct csr {
	size_t *start;  /* rows + 1 */
	uint32_t *dim;
	float *val;
};

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
	return x < y ? -1 : x > y;
}

static int cmp_rank(const void *a, const void *b, void *ctx)
{
	const uint32_t *cnt = ctx;
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	if (cnt[x] != cnt[y])
		return cnt[x] > cnt[y] ? -1 : 1;
	return x < y ? -1 : x > y;
}

/* Spherical k-means of rows [0, nr) (unit vectors, sparse or dense) into
 * k centroids cent[k][dims]; assignment in out. Initial centroids are rows
 * spread evenly over the row order (rows come most frequent first). */
static void kmeans(size_t nr, size_t dims, size_t k, const struct csr *sp, const float *dense,
		   float *cent, uint32_t *out, float *score)
{
	float *centT = malloc(dims * k * sizeof *centT);
	if (!centT)
		return;
	memset(cent, 0, k * dims * sizeof *cent);
	for (size_t c = 0; c < k; c++) {
		size_t r = c * nr / k;
		if (sp)
			for (size_t j = sp->start[r]; j < sp->start[r + 1]; j++)
				cent[c * dims + sp->dim[j]] = sp->val[j];
		else
			memcpy(cent + c * dims, dense + r * dims, dims * sizeof *cent);
	}
	for (int it = 0; it < CL_ITERS; it++) {
		for (size_t c = 0; c < k; c++)
			for (size_t d = 0; d < dims; d++)
				centT[d * k + c] = cent[c * dims + d];
		for (size_t r = 0; r < nr; r++) {
			memset(score, 0, k * sizeof *score);
			if (sp) {
				for (size_t j = sp->start[r]; j < sp->start[r + 1]; j++) {
					const float *ct = centT + (size_t)sp->dim[j] * k;
					float v = sp->val[j];
					for (size_t c = 0; c < k; c++)
						score[c] += v * ct[c];
				}
			} else {
				for (size_t d = 0; d < dims; d++) {
					float v = dense[r * dims + d];
					if (v == 0)
						continue;
					for (size_t c = 0; c < k; c++)
						score[c] += v * centT[d * k + c];
				}
			}
			size_t best = 0;
			for (size_t c = 1; c < k; c++)
				if (score[c] > score[best])
					best = c;
			out[r] = (uint32_t)best;
		}
		/* New centroids: normalised sums; an empty cluster keeps its old one. */
		float *old = centT;  /* reuse as scratch for "has members" below */
		memset(old, 0, k * sizeof *old);
		for (size_t r = 0; r < nr; r++)
			old[out[r]] = 1;
		for (size_t c = 0; c < k; c++)
			if (old[c])
				memset(cent + c * dims, 0, dims * sizeof *cent);
		for (size_t r = 0; r < nr; r++) {
			float *ce = cent + (size_t)out[r] * dims;
			if (sp)
				for (size_t j = sp->start[r]; j < sp->start[r + 1]; j++)
					ce[sp->dim[j]] += sp->val[j];
			else
				for (size_t d = 0; d < dims; d++)
					ce[d] += dense[r * dims + d];
		}
		for (size_t c = 0; c < k; c++) {
			double norm = 0;
			for (size_t d = 0; d < dims; d++)
				norm += (double)cent[c * dims + d] * cent[c * dims + d];
			if (norm > 0) {
				float inv = (float)(1 / sqrt(norm));
				for (size_t d = 0; d < dims; d++)
					cent[c * dims + d] *= inv;
			}
		}
	}
	free(centT);
}

int tfeat_clusters_build(const struct text_doc *docs, size_t ndoc, const char *unlabeled_dir,
			 struct tfeat_clusters *out, FILE *log, struct enr_error *err)
{
	memset(out, 0, sizeof *out);
	struct vocab v;
	struct corpus c;
	memset(&v, 0, sizeof v);
	memset(&c, 0, sizeof c);
	int rc = 0;
	uint32_t *order = NULL, *rank = NULL, *row_of = NULL, *asg = NULL, *casg = NULL;
	uint64_t *pairs = NULL;
	struct csr sp = { 0 };
	float *cent = NULL, *ccent = NULL, *score = NULL;
	long files = 0;
	if (vocab_grow(&v))
		goto oom;
	for (size_t d = 0; d < ndoc; d++)
		if (add_doc(&v, &c, &docs[d]))
			goto oom;
	if (unlabeled_dir && (files = add_dir(&v, &c, unlabeled_dir, err)) < 0) {
		rc = (int)files;
		goto out;
	}
	/* Words by frequency: the first CL_CONTEXT name context dimensions. */
	order = malloc((v.n + 1) * sizeof *order);
	rank = malloc((v.n + 1) * sizeof *rank);
	row_of = malloc((v.n + 1) * sizeof *row_of);
	if (!order || !rank || !row_of)
		goto oom;
	for (size_t i = 0; i < v.n; i++)
		order[i] = (uint32_t)i;
	qsort_r(order, v.n, sizeof *order, cmp_rank, v.count);
	size_t nr = 0;
	for (size_t i = 0; i < v.n; i++) {
		rank[order[i]] = (uint32_t)i;
		row_of[order[i]] = v.count[order[i]] >= CL_MIN_COUNT ? (uint32_t)nr++ : UINT32_MAX;
	}
	if (nr < CL_FINE * 2) {
		if (log)
			fprintf(log, "clusters: too little text (%zu words), none built\n", nr);
		goto out;
	}
	/* (row, dimension) pairs: left neighbour in [0, C+2), right in [C+2, 2C+4). */
	const size_t C = CL_CONTEXT, dims = 2 * (C + 2);
	pairs = malloc((2 * c.n + 1) * sizeof *pairs);
	if (!pairs)
		goto oom;
	size_t np = 0;
	for (size_t i = 0; i < c.n; i++) {
		uint32_t w = c.w[i];
		if (w == CL_BOUNDARY || row_of[w] == UINT32_MAX)
			continue;
		for (int side = 0; side < 2; side++) {
			uint32_t nb = side ? (i + 1 < c.n ? c.w[i + 1] : CL_BOUNDARY)
					   : (i ? c.w[i - 1] : CL_BOUNDARY);
			size_t dim = nb == CL_BOUNDARY ? C + 1 : rank[nb] < C ? rank[nb] : C;
			pairs[np++] = (uint64_t)row_of[w] << 32 | (uint64_t)(dim + (side ? C + 2 : 0));
		}
	}
	qsort(pairs, np, sizeof *pairs, cmp_u64);
	sp.start = calloc(nr + 1, sizeof *sp.start);
	sp.dim = malloc((np + 1) * sizeof *sp.dim);
	sp.val = malloc((np + 1) * sizeof *sp.val);
	if (!sp.start || !sp.dim || !sp.val)
		goto oom;
	size_t nnz = 0;
	for (size_t i = 0; i < np;) {
		size_t j = i;
		while (j < np && pairs[j] == pairs[i])
			j++;
		size_t r = (size_t)(pairs[i] >> 32);
		sp.dim[nnz] = (uint32_t)pairs[i];
		sp.val[nnz] = (float)sqrt((double)(j - i));  /* damp frequent contexts */
		nnz++;
		sp.start[r + 1] = nnz;
		i = j;
	}
	for (size_t r = 1; r <= nr; r++)
		if (sp.start[r] < sp.start[r - 1])
			sp.start[r] = sp.start[r - 1];
	for (size_t r = 0; r < nr; r++) {
		double norm = 0;
		for (size_t j = sp.start[r]; j < sp.start[r + 1]; j++)
			norm += (double)sp.val[j] * sp.val[j];
		for (size_t j = sp.start[r]; norm > 0 && j < sp.start[r + 1]; j++)
			sp.val[j] = (float)(sp.val[j] / sqrt(norm));
	}
	cent = malloc(CL_FINE * dims * sizeof *cent);
	ccent = malloc(CL_COARSE * dims * sizeof *ccent);
	score = malloc(CL_FINE * sizeof *score);
	asg = malloc(nr * sizeof *asg);
	casg = malloc(CL_FINE * sizeof *casg);
	if (!cent || !ccent || !score || !asg || !casg)
		goto oom;
	kmeans(nr, dims, CL_FINE, &sp, NULL, cent, asg, score);
	kmeans(CL_FINE, dims, CL_COARSE, NULL, cent, ccent, casg, score);
	if (tfeat_clusters_init(out, nr))
		goto oom;
	for (size_t i = 0; i < v.n; i++) {
		uint32_t r = row_of[i];
		if (r == UINT32_MAX)
			continue;
		if (tfeat_clusters_add(out, v.hash[i], (uint16_t)(asg[r] + 1),
				       (uint16_t)(casg[asg[r]] + 1)))
			goto oom;
	}
	if (log)
		fprintf(log, "clusters: %zu words (seen %d+ times) of %zu tokens (%ld files), %d fine, %d coarse\n",
			nr, CL_MIN_COUNT, c.n, files, CL_FINE, CL_COARSE);
	goto out;
oom:
	rc = enr_error_set(err, ENR_ENOMEM, "out of memory building word clusters");
	tfeat_clusters_free(out);
out:
	free(v.key);
	free(v.slot_id);
	free(v.hash);
	free(v.count);
	free(c.w);
	free(order);
	free(rank);
	free(row_of);
	free(pairs);
	free(sp.start);
	free(sp.dim);
	free(sp.val);
	free(cent);
	free(ccent);
	free(score);
	free(asg);
	free(casg);
	return rc;
}
