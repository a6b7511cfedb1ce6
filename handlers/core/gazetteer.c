/* The gazetteer: place and organisation names from the .tsv files of config/gazetteers
 * (see its README) in one hash table of folded keys. Loaded once, then only
 * read. Entry strings point into the file buffers the gazetteer keeps. */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "enricher/gazetteer.h"
#include "enricher/file.h"
#include "enricher/lexicon.h"

#define GAZ_MAX_KEY 256          /* folded bytes of one name */
#define GAZ_MAX_WORDS 12         /* tokens of one name */
#define GAZ_MAX_FILE (64u << 20)

struct gaz_key {
	uint64_t hash;
	uint32_t key, klen;          /* into keypool */
	int32_t best;                /* most prominent entry with this name */
	int32_t sub;                 /* best subdivision with this name, or -1 */
};

struct gazetteer {
	struct gaz_entry *ent;
	size_t nent, capent;
	char **files;                /* file buffers; entry strings point here */
	size_t nfiles;
	struct gaz_key *slot;        /* open addressing; klen 0 = empty */
	size_t cap, nkeys;
	char *keypool;
	size_t kp_len, kp_cap;
	size_t max_words;
	int32_t country[26 * 26];    /* alpha-2 -> entry, -1 */
	uint64_t *first;             /* bit set of the hashes of every key's first
				      * chunk (first_chunk): most capitalised
				      * words start no name, and this tells
				      * without folding the words after them */
	uint64_t *before_space;      /* bit set of the hashes of every key's
				      * prefixes that a space follows: a match
				      * stops growing past words no name has */
};

#define GAZ_FIRST_BITS 21

/* Length of the first chunk of a folded name: the bytes before the first
 * ASCII byte that is not a letter or digit ("new" of "new york", "st" of
 * "st. louis"). Bytes of other scripts belong to the chunk. */
static size_t first_chunk(const char *k, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)k[i];
		if (c < 0x80 && !((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
				  (c >= '0' && c <= '9')))
			return i;
	}
	return n;
}

static size_t first_bit(const char *k, size_t n)
{
	return (size_t)(lexicon_hash(k, n) >> (64 - GAZ_FIRST_BITS));
}

static int bit_has(const uint64_t *set, size_t b)
{
	return (set[b >> 6] >> (b & 63)) & 1;
}

static int build_first(struct gazetteer *g)
{
	g->first = calloc((size_t)1 << (GAZ_FIRST_BITS - 6), sizeof *g->first);
	g->before_space = calloc((size_t)1 << (GAZ_FIRST_BITS - 6), sizeof *g->before_space);
	if (!g->first || !g->before_space)
		return -1;
	for (size_t i = 0; i < g->cap; i++) {
		const struct gaz_key *s = &g->slot[i];
		if (!s->klen)
			continue;
		const char *k = g->keypool + s->key;
		size_t b = first_bit(k, first_chunk(k, s->klen));
		g->first[b >> 6] |= 1ULL << (b & 63);
		for (size_t j = 1; j < s->klen; j++) {
			if (k[j] != ' ')
				continue;
			b = first_bit(k, j);
			g->before_space[b >> 6] |= 1ULL << (b & 63);
		}
	}
	return 0;
}

/* Lower is more prominent: country, capital, subdivision, city, the rest. */
static int rank(const struct gaz_entry *e)
{
	switch (e->kind) {
	case GAZ_COUNTRY: return 0;
	case GAZ_CITY: return (e->flags & GAZ_F_CAPITAL) ? 1 : 3;
	case GAZ_SUBDIVISION: return 2;
	case GAZ_REGION: return 4;
	case GAZ_FEATURE: return 5;
	default: return 6;
	}
}

static int better(const struct gaz_entry *a, const struct gaz_entry *b)
{
	/* a big city beats a namesake subdivision of another country */
	if (a->kind != b->kind && a->country && b->country && strcmp(a->country, b->country) != 0) {
		if (a->kind == GAZ_CITY && b->kind == GAZ_SUBDIVISION && a->population >= 100000)
			return 1;
		if (b->kind == GAZ_CITY && a->kind == GAZ_SUBDIVISION && b->population >= 100000)
			return 0;
	}
	int ra = rank(a), rb = rank(b);
	if (ra != rb)
		return ra < rb;
	if ((a->flags ^ b->flags) & GAZ_F_PREFERRED)
		return (a->flags & GAZ_F_PREFERRED) != 0;
	return a->population > b->population;
}

static struct gaz_key *slot_find(const struct gazetteer *g, const char *k, size_t n, uint64_t h)
{
	size_t mask = g->cap - 1;
	for (size_t i = (size_t)h & mask, p = 0; p < g->cap; i = (i + 1) & mask, p++) {
		struct gaz_key *s = &g->slot[i];
		if (s->klen == 0)
			return s;
		if (s->hash == h && s->klen == n && memcmp(g->keypool + s->key, k, n) == 0)
			return s;
	}
	return NULL;
}

static int rehash(struct gazetteer *g)
{
	size_t ncap = g->cap ? g->cap * 2 : 1u << 16;
	struct gaz_key *old = g->slot;
	size_t ocap = g->cap;
	struct gaz_key *ns = calloc(ncap, sizeof *ns);
	if (!ns)
		return -1;
	g->slot = ns;
	g->cap = ncap;
	for (size_t i = 0; i < ocap; i++)
		if (old[i].klen)
			*slot_find(g, g->keypool + old[i].key, old[i].klen, old[i].hash) = old[i];
	free(old);
	return 0;
}

static int add_key(struct gazetteer *g, const char *name, size_t n, int32_t idx)
{
	char fk[GAZ_MAX_KEY];
	size_t fn = lexicon_fold(name, n, fk, sizeof fk);
	if (fn == 0 || fn > sizeof fk)
		return 0;  /* nothing to match on */
	if ((g->nkeys + 1) * 4 > g->cap * 3 && rehash(g) < 0)
		return -1;
	uint64_t h = lexicon_hash(fk, fn);
	struct gaz_key *s = slot_find(g, fk, fn, h);
	if (!s)
		return -1;
	const struct gaz_entry *e = &g->ent[idx];
	if (s->klen == 0) {
		if (g->kp_len + fn > g->kp_cap) {
			size_t nc = g->kp_cap ? g->kp_cap * 2 : 1u << 20;
			while (nc < g->kp_len + fn)
				nc *= 2;
			char *np = realloc(g->keypool, nc);
			if (!np)
				return -1;
			g->keypool = np;
			g->kp_cap = nc;
		}
		memcpy(g->keypool + g->kp_len, fk, fn);
		s->key = (uint32_t)g->kp_len;
		s->klen = (uint32_t)fn;
		s->hash = h;
		s->best = idx;
		s->sub = -1;
		g->kp_len += fn;
		g->nkeys++;
		size_t words = 1;
		for (size_t i = 0; i < fn; i++)
			words += fk[i] == ' ';
		if (words > g->max_words)
			g->max_words = words > GAZ_MAX_WORDS ? GAZ_MAX_WORDS : words;
	} else if (s->best != idx && better(e, &g->ent[s->best])) {
		s->best = idx;
	}
	if (e->kind == GAZ_SUBDIVISION && (s->sub < 0 || better(e, &g->ent[s->sub])))
		s->sub = idx;
	return 0;
}

static int kind_parse(const char *s)
{
	static const char *const names[] = { NULL, "country", "subdivision", "city",
					     "region", "org", "feature" };
	for (int k = 1; k <= GAZ_FEATURE; k++)
		if (strcmp(s, names[k]) == 0)
			return k;
	return 0;
}

/* Splits line (NUL-terminated, modified in place) into at most max TAB fields. */
static size_t split_tabs(char *line, char **f, size_t max)
{
	size_t n = 0;
	f[n++] = line;
	for (char *p = line; *p && n < max; p++) {
		if (*p == '\t') {
			*p = '\0';
			f[n++] = p + 1;
		}
	}
	return n;
}

static int parse_file(struct gazetteer *g, char *buf, size_t len, const char *path,
		      struct enr_error *err)
{
	size_t line = 0;
	char *p = buf, *end = buf + len;
	while (p < end) {
		char *e = memchr(p, '\n', (size_t)(end - p));
		if (!e)
			e = end;
		*e = '\0';
		line++;
		char *l = p;
		p = e + 1;
		if (e > l && e[-1] == '\r')
			e[-1] = '\0';
		if (*l == '\0' || *l == '#')
			continue;
		char *f[8];
		size_t nf = split_tabs(l, f, 8);
		if (nf != 7)
			return enr_error_set(err, ENR_EFORMAT,
					     "%s:%zu: expected 7 TAB-separated fields, found %zu",
					     path, line, nf);
		int kind = kind_parse(f[0]);
		if (!kind)
			return enr_error_set(err, ENR_EFORMAT, "%s:%zu: unknown kind \"%s\"",
					     path, line, f[0]);
		if (!*f[1])
			return enr_error_set(err, ENR_EFORMAT, "%s:%zu: empty name", path, line);
		char *pe;
		errno = 0;
		unsigned long pop = strtoul(f[4], &pe, 10);
		if (pe == f[4] || *pe || errno || pop > UINT32_MAX)
			return enr_error_set(err, ENR_EFORMAT, "%s:%zu: bad population \"%s\"",
					     path, line, f[4]);
		if (*f[3] && strlen(f[3]) != 2)
			return enr_error_set(err, ENR_EFORMAT, "%s:%zu: bad country code \"%s\"",
					     path, line, f[3]);
		if (g->nent == g->capent) {
			size_t nc = g->capent ? g->capent * 2 : 4096;
			struct gaz_entry *ne = realloc(g->ent, nc * sizeof *ne);
			if (!ne)
				return enr_error_set(err, ENR_ENOMEM, "out of memory");
			g->ent = ne;
			g->capent = nc;
		}
		struct gaz_entry *en = &g->ent[g->nent];
		en->name = f[1];
		en->code = *f[2] ? f[2] : NULL;
		en->country = *f[3] ? f[3] : NULL;
		en->kind = (uint8_t)kind;
		en->population = (uint32_t)pop;
		en->flags = (uint8_t)((strchr(f[5], 'c') ? GAZ_F_COMMON : 0) |
				      (strchr(f[5], 'C') ? GAZ_F_CAPITAL : 0) |
				      (strchr(f[5], 'P') ? GAZ_F_PREFERRED : 0));
		int32_t idx = (int32_t)g->nent++;
		if (kind == GAZ_COUNTRY && en->code && strlen(en->code) == 2) {
			int a = en->code[0] - 'A', b = en->code[1] - 'A';
			if (a >= 0 && a < 26 && b >= 0 && b < 26)
				g->country[a * 26 + b] = idx;
		}
		if (add_key(g, f[1], strlen(f[1]), idx) < 0)
			return enr_error_set(err, ENR_ENOMEM, "out of memory");
		for (char *a = f[6]; *a;) {
			char *bar = strchr(a, '|');
			size_t an = bar ? (size_t)(bar - a) : strlen(a);
			if (an && add_key(g, a, an, idx) < 0)
				return enr_error_set(err, ENR_ENOMEM, "out of memory");
			a += an + (bar ? 1 : 0);
		}
	}
	return 0;
}

/* A gazetteer file whole; a NUL byte means it is no text file. */
static int read_file(const char *path, char **out, size_t *len, struct enr_error *err)
{
	int rc = file_read_all(path, GAZ_MAX_FILE, out, len, NULL, err);
	if (!rc && memchr(*out, '\0', *len)) {
		free(*out);
		*out = NULL;
		return enr_error_set(err, ENR_EFORMAT, "%s: NUL byte in a text file", path);
	}
	return rc;
}

static int is_tsv(const struct dirent *d)
{
	size_t n = strlen(d->d_name);
	return d->d_name[0] != '.' && n > 4 && strcmp(d->d_name + n - 4, ".tsv") == 0;
}

int gazetteer_load(const char *dir, struct gazetteer **out, struct enr_error *err)
{
	*out = NULL;
	if (!dir)
		return enr_error_set(err, ENR_EINVAL, "gazetteer: no directory given");
	struct dirent **names = NULL;
	int n = scandir(dir, &names, is_tsv, alphasort);
	if (n < 0)
		return enr_error_set(err, ENR_EIO, "gazetteer %s: %s", dir, strerror(errno));
	int rc = 0;
	struct gazetteer *g = calloc(1, sizeof *g);
	if (!g || !(g->files = calloc((size_t)n + 1, sizeof *g->files)) || rehash(g) < 0) {
		rc = enr_error_set(err, ENR_ENOMEM, "out of memory");
		goto out;
	}
	for (size_t i = 0; i < 26 * 26; i++)
		g->country[i] = -1;
	if (n == 0) {
		rc = enr_error_set(err, ENR_EIO, "gazetteer %s: no *.tsv files", dir);
		goto out;
	}
	for (int i = 0; i < n; i++) {
		char path[4096];
		if ((size_t)snprintf(path, sizeof path, "%s/%s", dir, names[i]->d_name) >= sizeof path) {
			rc = enr_error_set(err, ENR_EINVAL, "gazetteer: path too long");
			goto out;
		}
		char *buf = NULL;
		size_t len = 0;
		if ((rc = read_file(path, &buf, &len, err)) < 0)
			goto out;
		g->files[g->nfiles++] = buf;
		if ((rc = parse_file(g, buf, len, path, err)) < 0)
			goto out;
	}
	if (g->nent == 0) {
		rc = enr_error_set(err, ENR_EFORMAT, "gazetteer %s: no entries", dir);
		goto out;
	}
	if (build_first(g) < 0) {
		rc = enr_error_set(err, ENR_ENOMEM, "out of memory");
		goto out;
	}
out:
	for (int i = 0; i < n; i++)
		free(names[i]);
	free(names);
	if (rc < 0) {
		gazetteer_free(g);
		return rc;
	}
	*out = g;
	return 0;
}

static const struct gaz_key *key_get(const struct gazetteer *g, const char *fk, size_t fn,
				     uint64_t h)
{
	const struct gaz_key *s = slot_find(g, fk, fn, h);
	return s && s->klen ? s : NULL;
}

const struct gaz_entry *gazetteer_lookup(const struct gazetteer *g, const char *name, size_t n)
{
	if (!g || !name)
		return NULL;
	char fk[GAZ_MAX_KEY];
	size_t fn = lexicon_fold(name, n, fk, sizeof fk);
	if (fn == 0 || fn > sizeof fk)
		return NULL;
	const struct gaz_key *s = key_get(g, fk, fn, lexicon_hash(fk, fn));
	return s ? &g->ent[s->best] : NULL;
}

const struct gaz_entry *gazetteer_country(const struct gazetteer *g, const char *alpha2)
{
	if (!g || !alpha2 || !alpha2[0] || !alpha2[1] || alpha2[2])
		return NULL;
	int a = alpha2[0] - 'A', b = alpha2[1] - 'A';
	if (a < 0 || a >= 26 || b < 0 || b >= 26)
		return NULL;
	int32_t i = g->country[a * 26 + b];
	return i < 0 ? NULL : &g->ent[i];
}

int gazetteer_is_suffix_word(const struct text_doc *doc, size_t i)
{
#define SW(w) { w, sizeof w - 1 }
	static const struct { const char *w; size_t n; } words[] = {
		SW("region"), SW("oblast"), SW("province"), SW("state"), SW("krai"), SW("kray"),
		SW("republic"), SW("county"), SW("district"), SW("governorate"), SW("prefecture"),
		SW("territory"), SW("raion"), SW("rayon"), SW("okrug"), SW("municipality"),
		SW("voivodeship"), SW("canton"), SW("department"), SW("emirate"), SW("parish")
	};
#undef SW
	if (i >= doc->ntok || doc->tok[i].kind != TEXT_WORD)
		return 0;
	const char *s = text_tok_str(doc, i);
	size_t n = text_tok_len(doc, i);
	for (size_t k = 0; k < sizeof words / sizeof words[0]; k++)
		if (words[k].n == n && strncasecmp(words[k].w, s, n) == 0)
			return 1;
	return 0;
}

static int capitalised(const struct text_token *t)
{
	return (t->kind == TEXT_WORD || t->kind == TEXT_NUMBER) &&
	       (t->flags & (TEXT_F_UPPER | TEXT_F_ALLCAPS));
}

size_t gazetteer_match(const struct gazetteer *g, const struct text_doc *doc, size_t i,
		       const struct gaz_entry **out)
{
	if (out)
		*out = NULL;
	if (!g || !doc || i >= doc->ntok || !capitalised(&doc->tok[i]))
		return 0;
	char buf[GAZ_MAX_KEY];
	size_t plen[GAZ_MAX_WORDS + 1];
	uint64_t hk[GAZ_MAX_WORDS + 1];  /* lexicon_hash of buf[0..plen[k]) */
	uint64_t h = 1469598103934665603ULL;  /* lexicon_hash of nothing */
	size_t len = 0, k = 0;
	uint32_t sent = doc->tok[i].sent;
	/* folded prefixes of 1..max_words tokens, within the sentence */
	while (k < g->max_words && i + k < doc->ntok && doc->tok[i + k].sent == sent) {
		const struct text_token *t = &doc->tok[i + k];
		int sep = k > 0 && (t->flags & TEXT_F_SPACE_BEFORE);
		if (len + (size_t)sep >= sizeof buf)
			break;
		/* A longer name would have a space right after buf[0..len):
		 * none does unless that prefix is in before_space. */
		if (sep && g->before_space &&
		    !bit_has(g->before_space, (size_t)(h >> (64 - GAZ_FIRST_BITS))))
			break;
		size_t got = lexicon_fold(doc->text + t->start, t->end - t->start, buf + len + sep,
					  sizeof buf - len - sep);
		if (got > sizeof buf - len - sep)
			break;
		if (sep)
			buf[len] = ' ';
		for (size_t b = len; b < len + (size_t)sep + got; b++)
			h = (h ^ (unsigned char)buf[b]) * 1099511628211ULL;
		len += (size_t)sep + got;
		plen[++k] = len;
		hk[k] = h;
		if (k == 1 && len > 0 && g->first) {
			/* When the first chunk of every candidate is known, a
			 * chunk that starts no name ends the search. */
			size_t c = first_chunk(buf, len);
			int known = c < len || !(k < g->max_words && i + 1 < doc->ntok &&
						 doc->tok[i + 1].sent == sent &&
						 !(doc->tok[i + 1].flags & TEXT_F_SPACE_BEFORE));
			if (known && !bit_has(g->first, first_bit(buf, c)))
				return 0;
		}
	}
	for (; k > 0; k--) {
		if (!capitalised(&doc->tok[i + k - 1]))
			continue;
		const struct gaz_key *s = key_get(g, buf, plen[k], hk[k]);
		if (!s)
			continue;
		const struct gaz_entry *e = &g->ent[s->best];
		size_t j = i + k;
		if (j < doc->ntok && doc->tok[j].sent == sent && gazetteer_is_suffix_word(doc, j) &&
		    (s->sub >= 0 || e->kind == GAZ_CITY)) {
			if (s->sub >= 0)
				e = &g->ent[s->sub];
			k++;
		}
		if (out)
			*out = e;
		return k;
	}
	return 0;
}

size_t gazetteer_size(const struct gazetteer *g)
{
	return g ? g->nent : 0;
}

void gazetteer_free(struct gazetteer *g)
{
	if (!g)
		return;
	for (size_t i = 0; i < g->nfiles; i++)
		free(g->files[i]);
	free(g->files);
	free(g->ent);
	free(g->slot);
	free(g->keypool);
	free(g->first);
	free(g->before_space);
	free(g);
}
