/* The quotes module's phrase table: open addressing over FNV-1a hashes of the
 * normalised key. Built once at load; lookups never allocate. */
#include "enricher/quotes_lex.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct quotes_lex_ent {
	char *key;   /* normalised */
	char *value;
};

struct quotes_lex {
	struct quotes_lex_ent *slot;
	size_t cap;   /* power of two */
	size_t n;
	size_t max_words;
};

/* Normalises s[0..n) into buf (cap bytes): ASCII lowercase, whitespace runs
 * folded to one space, trimmed. Returns the length, or (size_t)-1 if it does
 * not fit. */
static size_t lex_norm(const char *s, size_t n, char *buf, size_t cap)
{
	size_t o = 0;
	int space = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
			space = o > 0;
			continue;
		}
		if (space) {
			if (o + 1 >= cap)
				return (size_t)-1;
			buf[o++] = ' ';
			space = 0;
		}
		if (o + 1 >= cap)
			return (size_t)-1;
		if (c == 0xE2 && i + 2 < n && (unsigned char)s[i + 1] == 0x80 &&
		    (unsigned char)s[i + 2] == 0x99) {
			/* a typographic apostrophe is the ASCII one */
			buf[o++] = '\'';
			i += 2;
			continue;
		}
		buf[o++] = (char)((c >= 'A' && c <= 'Z') ? c + 32 : c);
	}
	buf[o] = '\0';
	return o;
}

static uint64_t lex_hash(const char *s, size_t n)
{
	uint64_t h = 1469598103934665603ULL;
	for (size_t i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= 1099511628211ULL;
	}
	return h;
}

static int lex_grow(struct quotes_lex *lx)
{
	size_t ncap = lx->cap ? lx->cap * 2 : 256;
	struct quotes_lex_ent *ns = calloc(ncap, sizeof *ns);
	if (!ns)
		return ENR_ENOMEM;
	for (size_t i = 0; i < lx->cap; i++) {
		if (!lx->slot[i].key)
			continue;
		size_t h = lex_hash(lx->slot[i].key, strlen(lx->slot[i].key)) & (ncap - 1);
		while (ns[h].key)
			h = (h + 1) & (ncap - 1);
		ns[h] = lx->slot[i];
	}
	free(lx->slot);
	lx->slot = ns;
	lx->cap = ncap;
	return 0;
}

/* Adds (or replaces) one entry; key is normalised here. */
static int lex_put(struct quotes_lex *lx, const char *key, size_t kn, const char *val, size_t vn)
{
	char buf[256];
	size_t n = lex_norm(key, kn, buf, sizeof buf);
	if (n == (size_t)-1 || n == 0)
		return ENR_EFORMAT;
	if ((lx->n + 1) * 2 > lx->cap && lex_grow(lx))
		return ENR_ENOMEM;
	size_t h = lex_hash(buf, n) & (lx->cap - 1);
	while (lx->slot[h].key && strcmp(lx->slot[h].key, buf) != 0)
		h = (h + 1) & (lx->cap - 1);
	char *v = malloc(vn + 1);
	if (!v)
		return ENR_ENOMEM;
	memcpy(v, val, vn);
	v[vn] = '\0';
	if (lx->slot[h].key) {
		free(lx->slot[h].value);
		lx->slot[h].value = v;
		return 0;
	}
	char *k = malloc(n + 1);
	if (!k) {
		free(v);
		return ENR_ENOMEM;
	}
	memcpy(k, buf, n + 1);
	lx->slot[h].key = k;
	lx->slot[h].value = v;
	lx->n++;
	size_t words = 1;
	for (size_t i = 0; i < n; i++)
		words += buf[i] == ' ';
	if (words > lx->max_words)
		lx->max_words = words;
	return 0;
}

static int lex_parse(const char *data, size_t len, const char *name, struct quotes_lex **out,
		     struct enr_error *err)
{
	struct quotes_lex *lx = calloc(1, sizeof *lx);
	*out = NULL;
	if (!lx || lex_grow(lx)) {
		free(lx);
		return enr_error_set(err, ENR_ENOMEM, "out of memory loading %s", name);
	}
	size_t i = 0, line = 0;
	while (i < len) {
		size_t e = i;
		while (e < len && data[e] != '\n')
			e++;
		line++;
		size_t s = i;
		i = e + 1;
		while (s < e && (data[s] == ' ' || data[s] == '\t'))
			s++;
		size_t t = e;
		while (t > s && (data[t - 1] == '\r' || data[t - 1] == ' '))
			t--;
		if (s == t || data[s] == '#')
			continue;
		const char *tab = memchr(data + s, '\t', t - s);
		size_t kn = tab ? (size_t)(tab - (data + s)) : t - s;
		const char *v = tab ? tab + 1 : data + t;
		size_t vn = tab ? (size_t)(data + t - v) : 0;
		int rc = lex_put(lx, data + s, kn, v, vn);
		if (rc) {
			quotes_lex_free(lx);
			return enr_error_set(err, rc, "%s:%zu: %s", name, line,
					     rc == ENR_ENOMEM ? "out of memory" : "bad entry");
		}
	}
	*out = lx;
	return 0;
}

int quotes_lex_from_string(const char *data, struct quotes_lex **out, struct enr_error *err)
{
	return lex_parse(data, strlen(data), "(string)", out, err);
}

int quotes_lex_load(const char *path, struct quotes_lex **out, struct enr_error *err)
{
	*out = NULL;
	FILE *f = fopen(path, "rb");
	if (!f)
		return enr_error_set(err, ENR_EIO, "cannot open %s", path);
	char *buf = NULL;
	size_t len = 0, cap = 0;
	int rc = 0;
	for (;;) {
		if (len + 4096 > cap) {
			size_t ncap = cap ? cap * 2 : 16384;
			char *nb = realloc(buf, ncap);
			if (!nb) {
				rc = enr_error_set(err, ENR_ENOMEM, "out of memory reading %s", path);
				goto out;
			}
			buf = nb;
			cap = ncap;
		}
		size_t got = fread(buf + len, 1, cap - len, f);
		len += got;
		if (got == 0)
			break;
	}
	if (ferror(f)) {
		rc = enr_error_set(err, ENR_EIO, "cannot read %s", path);
		goto out;
	}
	rc = lex_parse(buf, len, path, out, err);
out:
	free(buf);
	fclose(f);
	return rc;
}

const char *quotes_lex_get(const struct quotes_lex *lx, const char *key, size_t n)
{
	char buf[256];
	if (!lx || !lx->cap)
		return NULL;
	size_t k = lex_norm(key, n, buf, sizeof buf);
	if (k == (size_t)-1 || k == 0)
		return NULL;
	size_t h = lex_hash(buf, k) & (lx->cap - 1);
	while (lx->slot[h].key) {
		if (strcmp(lx->slot[h].key, buf) == 0)
			return lx->slot[h].value;
		h = (h + 1) & (lx->cap - 1);
	}
	return NULL;
}

size_t quotes_lex_max_words(const struct quotes_lex *lx)
{
	return lx ? lx->max_words : 0;
}

void quotes_lex_each(const struct quotes_lex *lx,
		     void (*fn)(const char *key, const char *value, void *ctx), void *ctx)
{
	if (!lx)
		return;
	for (size_t i = 0; i < lx->cap; i++)
		if (lx->slot[i].key)
			fn(lx->slot[i].key, lx->slot[i].value, ctx);
}

void quotes_lex_free(struct quotes_lex *lx)
{
	if (!lx)
		return;
	for (size_t i = 0; i < lx->cap; i++) {
		free(lx->slot[i].key);
		free(lx->slot[i].value);
	}
	free(lx->slot);
	free(lx);
}
