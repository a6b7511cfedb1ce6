/* Tagger features. Each token's bytes are hashed once into "atoms" (word,
 * lowercase, shape, short shape, prefixes, suffixes) without building
 * strings; a feature key is a template id mixed with one or two atoms.
 * Only token bytes and segment boundaries are used: token kinds and flags
 * that the tokenizer guesses from context (quotes, headlines) are not, so
 * CoNLL tokens joined by spaces at training time and the same text
 * re-tokenized at serving time give the same features. */
#include "enricher/tagger_feat.h"

#include <stdlib.h>
#include <string.h>

#include "enricher/tagger.h"

#define FNV_OFF 0xcbf29ce484222325ULL
#define FNV_PRIME 0x100000001b3ULL
#define PAD_L 0x5bd1e9955bd1e995ULL
#define PAD_R 0x87c37b91114253d5ULL

enum tmpl {
	T_BIAS = 1, T_W0, T_L0, T_SH0, T_SS0, T_PRE, T_SUF = T_PRE + 4,
	T_LM1 = T_SUF + 4, T_LP1, T_LM2, T_LP2, T_SSM1, T_SSP1, T_SSM2, T_SSP2,
	T_LM1_L0, T_L0_LP1, T_SS3, T_LM1_SS0, T_SS0_LP1, T_POS_SS0, T_CTX_L0,
	T_CTX_LM1, T_CTX_LP1, T_DCASE, T_LM2_LM1, T_LP1_LP2,
	T_GAZ, T_GAZ_CASE, T_GAZ_POP, T_GAZ_M1, T_GAZ_P1,
	T_CL, T_CLC, T_CLM1, T_CLP1, T_CL_LP1,
	/* second pass */
	T_P1SELF = 64, T_P1PREV, T_P1NEXT, T_HNONE, T_HMAJ, T_HMAJ_SELF, T_HANY, T_HETYPE,
	T_P1PREV_SELF
};

struct atoms {
	uint64_t word, lower, shape, sshape;
	uint64_t pre[4], suf[4];  /* 0: word too short */
	uint8_t cls, lenb;
};

static inline uint64_t mix64(uint64_t h)
{
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdULL;
	h ^= h >> 33;
	h *= 0xc4ceb9fe1a85ec53ULL;
	h ^= h >> 33;
	return h;
}

static inline uint32_t fkey(uint32_t tid, uint64_t atom)
{
	uint32_t k = (uint32_t)(mix64(atom ^ ((uint64_t)tid * 0x9E3779B97F4A7C15ULL)) >> 32);
	return k ? k : 1;
}

#define COMB_ADD 0x632BE59BD9B4E019ULL

static inline uint64_t comb(uint64_t a, uint64_t b)
{
	return mix64(a + COMB_ADD) ^ b;
}

/* comb(a, b) with the first half, premix(a), computed once per value of a
 * that recurs (a token's lowercase and short shape, the context). */
static inline uint64_t premix(uint64_t a)
{
	return mix64(a + COMB_ADD);
}

/* The byte at s[i] lowercased: ASCII, and Latin-1 letters (C3 80..9E). */
static inline uint8_t lower_at(const uint8_t *s, size_t i)
{
	uint8_t c = s[i];
	if (c >= 'A' && c <= 'Z')
		return (uint8_t)(c + 32);
	if (i > 0 && s[i - 1] == 0xC3 && c >= 0x80 && c <= 0x9E && c != 0x97)
		return (uint8_t)(c + 32);
	return c;
}

/* Typographic punctuation read as its ASCII form (curly quotes and
 * apostrophes, guillemets, primes, en and em dashes, the ellipsis; a soft
 * hyphen dropped), so web text shares the weights learnt on CoNLL's ASCII
 * text: "Kyiv’s" is "Kyiv's". Writes at most n bytes to out; returns the
 * length, or 0 when nothing changed or n > cap. */
static size_t norm_punct(const uint8_t *s, size_t n, uint8_t *out, size_t cap)
{
	size_t o = 0;
	int changed = 0;
	if (n > cap)
		return 0;
	for (size_t i = 0; i < n;) {
		if (s[i] == 0xE2 && i + 2 < n && s[i + 1] == 0x80) {
			uint8_t c = s[i + 2];
			if (c == 0x98 || c == 0x99 || c == 0x9B || c == 0xB2) {
				out[o++] = '\'';
			} else if (c == 0x9C || c == 0x9D || c == 0x9E || c == 0xB3) {
				out[o++] = '"';
			} else if (c == 0x93 || c == 0x94) {
				out[o++] = '-';
			} else if (c == 0xA6) {
				out[o++] = '.';
				out[o++] = '.';
				out[o++] = '.';
			} else {
				memcpy(out + o, s + i, 3);
				o += 3;
				i += 3;
				continue;
			}
			changed = 1;
			i += 3;
		} else if (s[i] == 0xC2 && i + 1 < n && (s[i + 1] == 0xAB || s[i + 1] == 0xBB)) {
			out[o++] = '"';
			changed = 1;
			i += 2;
		} else if (s[i] == 0xC2 && i + 1 < n && s[i + 1] == 0xAD) {
			changed = 1;
			i += 2;
		} else {
			out[o++] = s[i++];
		}
	}
	return changed ? o : 0;
}

#define NORM_CAP 128

uint64_t tfeat_lower_hash(const char *str, size_t n)
{
	const uint8_t *s = (const uint8_t *)str;
	uint8_t buf[NORM_CAP];
	size_t nn = norm_punct(s, n, buf, sizeof buf);
	if (nn) {
		s = buf;
		n = nn;
	}
	uint64_t h = FNV_OFF;
	for (size_t i = 0; i < n; i++)
		h = (h ^ lower_at(s, i)) * FNV_PRIME;
	return h;
}

static void token_atoms(const uint8_t *s, size_t n, struct atoms *o)
{
	uint8_t buf[NORM_CAP];
	size_t nn = norm_punct(s, n, buf, sizeof buf);
	if (nn) {
		s = buf;
		n = nn;
	}
	uint64_t hw = FNV_OFF, hl = FNV_OFF, hs = FNV_OFF, hss = FNV_OFF;
	int prev = -1, run = 0, nchar = 0;
	int alpha = 0, upper = 0, lowr = 0, digit = 0, first = 0;
	memset(o->pre, 0, sizeof o->pre);
	memset(o->suf, 0, sizeof o->suf);
	for (size_t i = 0; i < n; i++) {
		uint8_t c = s[i];
		hw = (hw ^ c) * FNV_PRIME;
		hl = (hl ^ lower_at(s, i)) * FNV_PRIME;
		if (i < 4)
			o->pre[i] = hl;
		int sc;
		if (c < 0x80) {
			if (c >= 'A' && c <= 'Z')
				sc = 'X';
			else if (c >= 'a' && c <= 'z')
				sc = 'x';
			else if (c >= '0' && c <= '9')
				sc = 'd';
			else
				sc = c;
		} else if (c >= 0xC0) {
			uint8_t nx = i + 1 < n ? s[i + 1] : 0;
			sc = (c == 0xC3 && nx >= 0x80 && nx <= 0x9E && nx != 0x97) ? 'X' : 'x';
		} else {
			continue;  /* UTF-8 continuation byte */
		}
		nchar++;
		if (sc == 'X') {
			alpha = upper = 1;
		} else if (sc == 'x') {
			alpha = lowr = 1;
		} else if (sc == 'd') {
			digit = 1;
		}
		if (nchar == 1)
			first = sc;
		run = sc == prev ? run + 1 : 1;
		prev = sc;
		if (run <= 4)
			hs = (hs ^ (uint64_t)sc) * FNV_PRIME;
		if (run == 1)
			hss = (hss ^ (uint64_t)sc) * FNV_PRIME;
	}
	for (size_t k = 1; k <= 4 && k <= n; k++) {
		uint64_t h = FNV_OFF ^ 0x55;
		for (size_t i = n - k; i < n; i++)
			h = (h ^ lower_at(s, i)) * FNV_PRIME;
		o->suf[k - 1] = h;
	}
	if (n < 4)
		for (size_t k = n; k < 4; k++)
			o->pre[k] = 0;
	o->word = hw;
	o->lower = hl;
	o->shape = hs;
	o->sshape = hss;
	uint8_t cls = 0;
	if (alpha)
		cls |= TFEAT_C_ALPHA;
	if (first == 'X')
		cls |= TFEAT_C_CAP;
	if (first == 'x')
		cls |= TFEAT_C_LOWER;
	if (upper && !lowr)
		cls |= TFEAT_C_ALLCAPS;
	if (digit)
		cls |= TFEAT_C_DIGIT;
	if (!alpha && !digit)
		cls |= TFEAT_C_PUNCT;
	o->cls = cls;
	o->lenb = (uint8_t)(nchar <= 4 ? nchar : nchar <= 6 ? 5 : nchar <= 9 ? 6 : 7);
}

/* Open-addressing table from a word's lowercase hash to counts, per doc. */
struct dtab {
	uint64_t *key;
	uint16_t (*cnt)[TAG_COUNT];
	size_t mask;
};

static int dtab_init(struct arena *a, struct dtab *t, size_t n)
{
	size_t cap = 16;
	while (cap < 2 * n)
		cap <<= 1;
	t->key = arena_calloc(a, cap, sizeof *t->key);
	t->cnt = arena_calloc(a, cap, sizeof *t->cnt);
	t->mask = cap - 1;
	return t->key && t->cnt ? 0 : -1;
}

static uint16_t *dtab_get(struct dtab *t, uint64_t h)
{
	h |= 1;  /* 0 marks an empty slot */
	size_t i = (size_t)mix64(h) & t->mask;
	while (t->key[i] && t->key[i] != h)
		i = (i + 1) & t->mask;
	t->key[i] = h;
	return t->cnt[i];
}

static int case_of(uint8_t cls)
{
	return (cls & TFEAT_C_ALLCAPS) ? 2 : (cls & TFEAT_C_CAP) ? 1 : 0;
}

int tfeat_clusters_init(struct tfeat_clusters *c, size_t nwords)
{
	memset(c, 0, sizeof *c);
	size_t cap = 16;
	while (cap < 2 * nwords)
		cap <<= 1;
	c->key = calloc(cap, sizeof *c->key);
	c->id = calloc(cap, sizeof *c->id);
	c->mask = cap - 1;
	if (!c->key || !c->id) {
		tfeat_clusters_free(c);
		return -1;
	}
	return 0;
}

int tfeat_clusters_add(struct tfeat_clusters *c, uint64_t lower, uint16_t fine, uint16_t coarse)
{
	if (!fine || !coarse || 2 * (c->n + 1) > c->mask + 1)
		return -1;
	lower |= 1;
	size_t i = (size_t)mix64(lower) & c->mask;
	while (c->key[i] && c->key[i] != lower)
		i = (i + 1) & c->mask;
	if (!c->key[i])
		c->n++;
	c->key[i] = lower;
	c->id[i][0] = fine;
	c->id[i][1] = coarse;
	return 0;
}

const uint16_t *tfeat_clusters_get(const struct tfeat_clusters *c, uint64_t lower)
{
	if (!c || !c->n)
		return NULL;
	lower |= 1;
	size_t i = (size_t)mix64(lower) & c->mask;
	while (c->key[i]) {
		if (c->key[i] == lower)
			return c->id[i];
		i = (i + 1) & c->mask;
	}
	return NULL;
}

void tfeat_clusters_free(struct tfeat_clusters *c)
{
	free(c->key);
	free(c->id);
	memset(c, 0, sizeof *c);
}

/* Appends a key to k[0..m), never past cap (a guard: the templates below
 * stay under TFEAT_MAX and TFEAT_HIST_MAX). */
#define PUSH(x) do { if (m < cap) k[m++] = (x); } while (0)

/* Same bytes, same token-only features: rep[i] is the first token of doc
 * spelt exactly as token i (raw bytes compared, so nothing is guessed). */
static int find_reps(struct arena *a, const struct text_doc *doc, uint32_t *rep)
{
	size_t n = doc->ntok, cap = 16;
	while (cap < 2 * n)
		cap <<= 1;
	uint32_t *slot = arena_alloc(a, cap * sizeof *slot);  /* token + 1; 0 empty */
	uint64_t *sh = arena_alloc(a, cap * sizeof *sh);
	if (!slot || !sh)
		return -1;
	memset(slot, 0, cap * sizeof *slot);
	const uint8_t *text = (const uint8_t *)doc->text;
	for (size_t i = 0; i < n; i++) {
		const uint8_t *s = text + doc->tok[i].start;
		size_t len = doc->tok[i].end - doc->tok[i].start;
		uint64_t h = FNV_OFF;
		for (size_t j = 0; j < len; j++)
			h = (h ^ s[j]) * FNV_PRIME;
		size_t k = (size_t)mix64(h) & (cap - 1);
		rep[i] = (uint32_t)i;
		for (; slot[k]; k = (k + 1) & (cap - 1)) {
			size_t o = slot[k] - 1;
			if (sh[k] == h && doc->tok[o].end - doc->tok[o].start == len &&
			    memcmp(text + doc->tok[o].start, s, len) == 0) {
				rep[i] = (uint32_t)o;
				break;
			}
		}
		if (!slot[k]) {
			slot[k] = (uint32_t)i + 1;
			sh[k] = h;
		}
	}
	return 0;
}

static int extract(struct arena *a, const struct text_doc *doc, const struct gazetteer *gaz,
		   const struct tfeat_clusters *cl, struct tfeat_doc *f, int shared,
		   struct enr_error *err);

int tfeat_extract(struct arena *a, const struct text_doc *doc, const struct gazetteer *gaz,
		  const struct tfeat_clusters *cl, struct tfeat_doc *f, struct enr_error *err)
{
	return extract(a, doc, gaz, cl, f, 0, err);
}

int tfeat_extract_shared(struct arena *a, const struct text_doc *doc, const struct gazetteer *gaz,
			 const struct tfeat_clusters *cl, struct tfeat_doc *f,
			 struct enr_error *err)
{
	return extract(a, doc, gaz, cl, f, 1, err);
}

static int extract(struct arena *a, const struct text_doc *doc, const struct gazetteer *gaz,
		   const struct tfeat_clusters *cl, struct tfeat_doc *f, int shared,
		   struct enr_error *err)
{
	size_t n = doc->ntok;
	memset(f, 0, sizeof *f);
	f->n = n;
	if (shared) {
		f->rep = arena_alloc(a, (n ? n : 1) * sizeof *f->rep);
		f->nself = arena_alloc(a, n ? n : 1);
		if (!f->rep || !f->nself || find_reps(a, doc, f->rep))
			return enr_error_set(err, ENR_ENOMEM, "tagger: out of memory for features");
	}
	struct atoms *at = arena_alloc(a, (n ? n : 1) * sizeof *at);
	uint32_t *seg = arena_alloc(a, (n ? n : 1) * sizeof *seg);  /* segment start index */
	uint32_t *send = arena_alloc(a, (n ? n : 1) * sizeof *send);  /* segment end */
	uint8_t *ctx = arena_alloc(a, n ? n : 1);
	f->lower = arena_alloc(a, (n ? n : 1) * sizeof *f->lower);
	f->cls = arena_alloc(a, n ? n : 1);
	f->seg_start = arena_alloc(a, n ? n : 1);
	f->caps_seg = arena_alloc(a, n ? n : 1);
	f->keys = arena_alloc(a, (n ? n : 1) * TFEAT_MAX * sizeof *f->keys);
	f->nkeys = arena_alloc(a, n ? n : 1);
	struct dtab dt;
	if (!at || !seg || !send || !ctx || !f->lower || !f->cls || !f->seg_start || !f->caps_seg ||
	    !f->keys || !f->nkeys || dtab_init(a, &dt, n))
		return enr_error_set(err, ENR_ENOMEM, "tagger: out of memory for features");
	const uint8_t *text = (const uint8_t *)doc->text;
	for (size_t i = 0; i < n; i++) {
		const struct text_token *t = &doc->tok[i];
		if (shared && f->rep[i] != i)
			at[i] = at[f->rep[i]];  /* the same bytes give the same atoms */
		else
			token_atoms(text + t->start, t->end - t->start, &at[i]);
		f->lower[i] = at[i].lower;
		f->cls[i] = at[i].cls;
		f->seg_start[i] = i == 0 || (t->flags & (TEXT_F_SENT_START | TEXT_F_NL_BEFORE));
	}
	/* Segment context: 2 mostly ALL CAPS (headlines), 1 every word
	 * capitalised (bylines, title-case headlines), 0 ordinary text. */
	for (size_t s = 0; s < n;) {
		size_t e = s + 1;
		while (e < n && !f->seg_start[e])
			e++;
		size_t nalpha = 0, ncaps = 0, ntitle = 0;
		for (size_t i = s; i < e; i++) {
			if (!(at[i].cls & TFEAT_C_ALPHA) || at[i].lenb < 2)
				continue;
			nalpha++;
			ncaps += (at[i].cls & TFEAT_C_ALLCAPS) != 0;
			ntitle += (at[i].cls & TFEAT_C_CAP) != 0;
		}
		uint8_t c = 0;
		if (ncaps && ncaps * 5 >= nalpha * 4)
			c = 2;
		else if (nalpha >= 2 && ntitle == nalpha)
			c = 1;
		for (size_t i = s; i < e; i++) {
			seg[i] = (uint32_t)s;
			send[i] = (uint32_t)e;
			ctx[i] = c;
			f->caps_seg[i] = c == 2;
		}
		s = e;
	}
	/* How each word is written elsewhere in ordinary text, past the start
	 * of its segment: [0] capitalised, [1] lowercase, [2] ALL CAPS. */
	for (size_t i = 0; i < n; i++) {
		if (!(at[i].cls & TFEAT_C_ALPHA) || ctx[i] == 2 || f->seg_start[i])
			continue;
		uint16_t *c = dtab_get(&dt, at[i].lower);
		int k = (at[i].cls & TFEAT_C_ALLCAPS) ? 2 : (at[i].cls & TFEAT_C_CAP) ? 0 : 1;
		if (c[k] < UINT16_MAX)
			c[k]++;
	}
	/* Gazetteer matches, longest first, left to right: per token the kind,
	 * its place in the match (1 single, 2 first, 3 inside, 4 last) and a
	 * population bucket for cities. */
	uint8_t *gk = arena_calloc(a, n + 1, 1), *gp = arena_calloc(a, n + 1, 1);
	uint8_t *gpop = arena_calloc(a, n + 1, 1);
	if (!gk || !gp || !gpop)
		return enr_error_set(err, ENR_ENOMEM, "tagger: out of memory for features");
	for (size_t i = 0; gaz && i < n;) {
		const struct gaz_entry *e = NULL;
		size_t len = gazetteer_match(gaz, doc, i, &e);
		if (!len || !e) {
			i++;
			continue;
		}
		if (len > n - i)
			len = n - i;
		uint8_t pop = e->population >= 1000000 ? 3 : e->population >= 100000 ? 2
			    : e->population ? 1 : 0;
		for (size_t j = i; j < i + len; j++) {
			gpop[j] = pop;
			gk[j] = e->kind;
			gp[j] = len == 1 ? 1 : j == i ? 2 : j + 1 == i + len ? 4 : 3;
		}
		i += len;
	}
	/* Word clusters: fine and coarse per token, 0 when unknown. */
	uint16_t (*wc)[2] = arena_calloc(a, n + 1, sizeof *wc);
	if (!wc)
		return enr_error_set(err, ENR_ENOMEM, "tagger: out of memory for features");
	int use_cl = cl && cl->n;
	for (size_t i = 0; use_cl && i < n; i++) {
		if (shared && f->rep[i] != i) {
			wc[i][0] = wc[f->rep[i]][0];
			wc[i][1] = wc[f->rep[i]][1];
			continue;
		}
		const uint16_t *id = tfeat_clusters_get(cl, at[i].lower);
		if (id) {
			wc[i][0] = id[0];
			wc[i][1] = id[1];
		}
	}
	/* premix of each token's lowercase and short shape, of the padding
	 * and of the context values: the first halves of the pair features */
	uint64_t (*pm)[2] = arena_alloc(a, (n ? n : 1) * sizeof *pm);
	if (!pm)
		return enr_error_set(err, ENR_ENOMEM, "tagger: out of memory for features");
	for (size_t i = 0; i < n; i++) {
		if (shared && f->rep[i] != i) {
			pm[i][0] = pm[f->rep[i]][0];
			pm[i][1] = pm[f->rep[i]][1];
		} else {
			pm[i][0] = premix(at[i].lower);
			pm[i][1] = premix(at[i].sshape);
		}
	}
	const uint64_t pm_l = premix(PAD_L), pm_r = premix(PAD_R);
	uint64_t pm_pos[12];
	for (uint64_t v = 0; v < 12; v++)
		pm_pos[v] = premix(v);
	for (size_t i = 0; i < n; i++) {
		uint32_t *k = f->keys + i * TFEAT_MAX;
		const int cap = TFEAT_MAX;
		int m = 0;
		const struct atoms *w = &at[i];
		size_t s = seg[i];
		size_t pos = i - s;
		size_t e = send[i];
		uint64_t lm1 = i > s ? at[i - 1].lower : PAD_L, lm2 = i > s + 1 ? at[i - 2].lower : PAD_L;
		uint64_t lp1 = i + 1 < e ? at[i + 1].lower : PAD_R, lp2 = i + 2 < e ? at[i + 2].lower : PAD_R;
		uint64_t sm1 = i > s ? at[i - 1].sshape : PAD_L, sm2 = i > s + 1 ? at[i - 2].sshape : PAD_L;
		uint64_t sp1 = i + 1 < e ? at[i + 1].sshape : PAD_R, sp2 = i + 2 < e ? at[i + 2].sshape : PAD_R;
		uint64_t c = ctx[i];
		uint64_t pb = pos < 2 ? pos : 2;
		/* Keys of the token's bytes alone first (see tfeat_doc.nself). */
		if (!shared || f->rep[i] == i) {
			PUSH(fkey(T_BIAS, 0));
			PUSH(fkey(T_W0, w->word));
			PUSH(fkey(T_L0, w->lower));
			PUSH(fkey(T_SH0, w->shape));
			PUSH(fkey(T_SS0, w->sshape));
			for (int j = 0; j < 4; j++) {
				if (w->pre[j])
					PUSH(fkey(T_PRE + (uint32_t)j, w->pre[j]));
				if (w->suf[j])
					PUSH(fkey(T_SUF + (uint32_t)j, w->suf[j]));
			}
		}
		if (shared)
			f->nself[i] = (uint8_t)m;
		PUSH(fkey(T_LM1, lm1));
		PUSH(fkey(T_LP1, lp1));
		PUSH(fkey(T_LM2, lm2));
		PUSH(fkey(T_LP2, lp2));
		PUSH(fkey(T_SSM1, sm1));
		PUSH(fkey(T_SSP1, sp1));
		PUSH(fkey(T_SSM2, sm2));
		PUSH(fkey(T_SSP2, sp2));
		/* comb(x, y) == premix(x) ^ y */
		uint64_t pml1 = i > s ? pm[i - 1][0] : pm_l, pml2 = i > s + 1 ? pm[i - 2][0] : pm_l;
		uint64_t pmp1 = i + 1 < e ? pm[i + 1][0] : pm_r, pms1 = i > s ? pm[i - 1][1] : pm_l;
		PUSH(fkey(T_LM1_L0, pml1 ^ w->lower));
		PUSH(fkey(T_L0_LP1, pm[i][0] ^ lp1));
		PUSH(fkey(T_LM2_LM1, pml2 ^ lm1));
		PUSH(fkey(T_LP1_LP2, pmp1 ^ lp2));
		PUSH(fkey(T_SS3, comb(pms1 ^ w->sshape, sp1)));
		PUSH(fkey(T_LM1_SS0, pml1 ^ w->sshape));
		PUSH(fkey(T_SS0_LP1, pm[i][1] ^ lp1));
		PUSH(fkey(T_POS_SS0, pm_pos[pb * 4 + c] ^ w->sshape));
		if (c) {
			PUSH(fkey(T_CTX_L0, pm_pos[c] ^ w->lower));
			PUSH(fkey(T_CTX_LM1, pm_pos[c] ^ lm1));
			PUSH(fkey(T_CTX_LP1, pm_pos[c] ^ lp1));
		}
		if (w->cls & TFEAT_C_ALPHA) {
			uint16_t *dc = dtab_get(&dt, w->lower);
			int own = -1;
			if (ctx[i] != 2 && !f->seg_start[i])
				own = (w->cls & TFEAT_C_ALLCAPS) ? 2 : (w->cls & TFEAT_C_CAP) ? 0 : 1;
			uint64_t bits = 0;
			for (int j = 0; j < 3; j++)
				if (dc[j] > (own == j))
					bits |= 1u << j;
			PUSH(fkey(T_DCASE, ((bits * 3 + (uint64_t)case_of(w->cls)) * 4 + c) * 2 + (pos == 0)));
		}
		if (use_cl) {
			uint64_t cm1 = i > s ? wc[i - 1][0] : 0xFFFF, cp1 = i + 1 < e ? wc[i + 1][0] : 0xFFFF;
			PUSH(fkey(T_CL, wc[i][0]));
			PUSH(fkey(T_CLC, ((uint64_t)wc[i][1] * 4 + (uint64_t)case_of(w->cls)) * 4 + c));
			PUSH(fkey(T_CLM1, cm1 * 65536 + wc[i][1]));
			PUSH(fkey(T_CLP1, cp1 * 65536 + wc[i][1]));
			PUSH(fkey(T_CL_LP1, comb(wc[i][0], lp1)));
		}
		if (gk[i]) {
			uint64_t g = (uint64_t)gk[i] * 8 + gp[i];
			PUSH(fkey(T_GAZ, g));
			PUSH(fkey(T_GAZ_CASE, (g * 4 + (uint64_t)case_of(w->cls)) * 4 + c));
			PUSH(fkey(T_GAZ_POP, g * 4 + gpop[i]));
		}
		if (gaz) {
			uint64_t gm = i > s ? (uint64_t)gk[i - 1] * 8 + gp[i - 1] : 255;
			uint64_t gn = i + 1 < e ? (uint64_t)gk[i + 1] * 8 + gp[i + 1] : 255;
			PUSH(fkey(T_GAZ_M1, gm * 256 + (gk[i] ? gk[i] : 0)));
			PUSH(fkey(T_GAZ_P1, gn * 256 + (gk[i] ? gk[i] : 0)));
		}
		f->nkeys[i] = (uint8_t)m;
	}
	return 0;
}

void tfeat_history_fixed(unsigned self, unsigned prev, unsigned next,
			 uint32_t out[TFEAT_HIST_FIXED])
{
	out[0] = fkey(T_P1SELF, self);
	out[1] = fkey(T_P1PREV, prev);
	out[2] = fkey(T_P1NEXT, next);
	out[3] = fkey(T_P1PREV_SELF, (uint64_t)prev * 16 + self);
}

int tfeat_history(struct arena *a, const struct tfeat_doc *f, const uint8_t *tags1,
		  int skip_fixed, uint32_t *keys, uint8_t *nkeys, struct enr_error *err)
{
	size_t n = f->n;
	struct dtab dt;
	/* dcs[i]: token i's counts in dt. last[r] (with f->rep): the latest
	 * token spelt as token r whose word keys were computed: a token with
	 * the same bytes and first-pass tag has the same word keys. */
	uint16_t **dcs = arena_alloc(a, (n ? n : 1) * sizeof *dcs);
	uint32_t *last = f->rep ? arena_alloc(a, (n ? n : 1) * sizeof *last) : NULL;
	if (!dcs || (f->rep && !last) || dtab_init(a, &dt, n))
		return enr_error_set(err, ENR_ENOMEM, "tagger: out of memory for features");
	if (last)
		memset(last, 0xFF, n * sizeof *last);
	for (size_t i = 0; i < n; i++) {
		if (!(f->cls[i] & TFEAT_C_ALPHA))
			continue;
		uint16_t *c = dtab_get(&dt, f->lower[i]);
		dcs[i] = c;
		if (c[tags1[i]] < UINT16_MAX)
			c[tags1[i]]++;
	}
	for (size_t i = 0; i < n; i++) {
		uint32_t *k = keys + i * TFEAT_HIST_MAX;
		const int cap = TFEAT_HIST_MAX;
		int m = 0;
		uint64_t self = tags1[i];
		if (!skip_fixed) {
			unsigned prev, next;
			tfeat_neighbour_tags(f, tags1, i, &prev, &next);
			uint32_t fx[TFEAT_HIST_FIXED];
			tfeat_history_fixed((unsigned)self, prev, next, fx);
			for (int j = 0; j < TFEAT_HIST_FIXED; j++)
				PUSH(fx[j]);
		}
		uint32_t r = last ? f->rep[i] : 0;
		if ((f->cls[i] & TFEAT_C_ALPHA) && last && last[r] != UINT32_MAX &&
		    tags1[last[r]] == self) {
			const uint32_t *src = keys + (size_t)last[r] * TFEAT_HIST_MAX;
			for (int j = skip_fixed ? 0 : TFEAT_HIST_FIXED; j < nkeys[last[r]]; j++)
				PUSH(src[j]);
		} else if (f->cls[i] & TFEAT_C_ALPHA) {
			if (last)
				last[r] = (uint32_t)i;
			const uint16_t *dc = dcs[i];
			unsigned cnt[TAG_COUNT], total = 0;
			for (int t = 0; t < TAG_COUNT; t++) {
				cnt[t] = dc[t] - (t == (int)self);
				total += cnt[t];
			}
			uint64_t cs = (uint64_t)case_of(f->cls[i]);
			if (!total) {
				PUSH(fkey(T_HNONE, cs));
			} else {
				int maj = 0;
				for (int t = 1; t < TAG_COUNT; t++)
					if (cnt[t] > cnt[maj])
						maj = t;
				PUSH(fkey(T_HMAJ, (uint64_t)maj * 4 + cs));
				PUSH(fkey(T_HMAJ_SELF, (uint64_t)maj * 16 + self));
				unsigned ty[NER_NTYPES] = { 0 }, ent = 0;
				for (int t = 1; t < TAG_COUNT; t++) {
					ty[TAG_TYPE(t)] += cnt[t];
					ent += cnt[t];
				}
				int best = 0;
				for (int t = NER_PER; t < NER_NTYPES; t++) {
					if (ty[t])
						PUSH(fkey(T_HANY, (uint64_t)t));
					if (ty[t] > ty[best])
						best = t;
				}
				if (ent) {
					uint64_t frac = ty[best] == total ? 2 : ty[best] * 2 >= total ? 1 : 0;
					PUSH(fkey(T_HETYPE, ((uint64_t)best * 3 + frac) * 4 + cs));
				}
			}
		}
		nkeys[i] = (uint8_t)m;
	}
	return 0;
}
