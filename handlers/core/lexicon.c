/* Lexicons: a key -> value map loaded once from a text file, folded keys,
 * open addressing. Read-only after loading, so workers share it unlocked.
 * Nothing here prints; a bad file is an error with its path and line. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "enricher/lexicon.h"

#include "enricher/file.h"

#define LEX_MAX_LINE 4096
#define LEX_MAX_FILE (64u << 20)

struct lex_slot {
	uint64_t hash;
	uint32_t key, klen;   /* offsets into pool */
	uint32_t val, vlen;
	uint32_t used;
	uint32_t ival;        /* lexicon_set_ints, lexicon_put_int */
};

struct lexicon {
	struct lex_slot *slot;
	size_t cap;           /* power of two */
	size_t n;
	char *pool;
	size_t pool_len, pool_cap;
	size_t max_words;
	unsigned flags;       /* enum lexicon_flags */
};

/* Latin-1 Supplement and Latin Extended-A (U+00C0..U+017F) to ASCII. */
static const char *const latin_fold[192] = {
	"a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i", "d", "n",
	"o", "o", "o", "o", "o", "", "o", "u", "u", "u", "u", "y", "th", "ss", "a", "a", "a", "a",
	"a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i", "d", "n", "o", "o", "o", "o",
	"o", "", "o", "u", "u", "u", "u", "y", "th", "y", "a", "a", "a", "a", "a", "a", "c", "c",
	"c", "c", "c", "c", "c", "c", "d", "d", "d", "d", "e", "e", "e", "e", "e", "e", "e", "e",
	"e", "e", "g", "g", "g", "g", "g", "g", "g", "g", "h", "h", "h", "h", "i", "i", "i", "i",
	"i", "i", "i", "i", "i", "i", "ij", "ij", "j", "j", "k", "k", "k", "l", "l", "l", "l",
	"l", "l", "l", "l", "l", "l", "n", "n", "n", "n", "n", "n", "n", "n", "n", "o", "o", "o",
	"o", "o", "o", "oe", "oe", "r", "r", "r", "r", "r", "r", "s", "s", "s", "s", "s", "s",
	"s", "s", "t", "t", "t", "t", "t", "t", "u", "u", "u", "u", "u", "u", "u", "u", "u", "u",
	"u", "u", "w", "w", "y", "y", "y", "z", "z", "z", "z", "z", "z", "s"
};

/* Decodes one code point; invalid bytes come back as themselves, one byte. */
static uint32_t fold_next(const unsigned char *p, size_t n, size_t *i)
{
	unsigned c = p[*i];
	size_t len = c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
	if (len == 1 || *i + len > n) {
		(*i)++;
		return c;
	}
	uint32_t cp = c & (0x7F >> len);
	for (size_t k = 1; k < len; k++) {
		if ((p[*i + k] & 0xC0) != 0x80) {
			(*i)++;
			return c;
		}
		cp = (cp << 6) | (p[*i + k] & 0x3F);
	}
	*i += len;
	return cp;
}

static size_t put_utf8(uint32_t cp, char *b)
{
	if (cp < 0x80) {
		b[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		b[0] = (char)(0xC0 | (cp >> 6));
		b[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		b[0] = (char)(0xE0 | (cp >> 12));
		b[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		b[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	b[0] = (char)(0xF0 | (cp >> 18));
	b[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
	b[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
	b[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}

size_t lexicon_fold(const char *s, size_t n, char *out, size_t cap)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, o = 0;
	int space = 0;
	while (i < n) {
		unsigned char c = p[i];
		char buf[4];
		const char *w = buf;
		size_t wl;
		if (c < 0x80) {
			if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
				i++;
				space = 1;
				continue;
			}
			if (space && o > 0) {
				if (o < cap)
					out[o] = ' ';
				o++;
			}
			space = 0;
			/* A run of ASCII bytes other than spaces, lowercased: the
			 * common case, without the general path's buffer. */
			do {
				if (o < cap)
					out[o] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
				o++;
				if (++i >= n)
					break;
				c = p[i];
			} while (c < 0x80 && c != ' ' && !(c >= '\t' && c <= '\r'));
			continue;
		} else {
			uint32_t cp = fold_next(p, n, &i);
			if (cp == 0xA0 || cp == 0x2009 || cp == 0x202F || cp == 0x2002 || cp == 0x2003) {
				space = 1;
				continue;
			}
			if (cp >= 0xC0 && cp < 0x180) {
				w = latin_fold[cp - 0xC0];
				wl = strlen(w);
				if (wl == 0) {      /* × ÷ stay as they are */
					w = buf;
					wl = put_utf8(cp, buf);
				}
			} else {
				if (cp == 0x2019 || cp == 0x2018 || cp == 0x02BC || cp == 0x02BB)
					cp = '\'';
				else if (cp >= 0x410 && cp <= 0x42F)
					cp += 0x20;          /* Cyrillic capitals */
				else if (cp >= 0x400 && cp <= 0x40F)
					cp += 0x50;
				else if (cp >= 0x391 && cp <= 0x3A9 && cp != 0x3A2)
					cp += 0x20;          /* Greek capitals */
				wl = put_utf8(cp, buf);
			}
		}
		if (space && o > 0) {
			if (o < cap)
				out[o] = ' ';
			o++;
		}
		space = 0;
		for (size_t k = 0; k < wl; k++, o++)
			if (o < cap)
				out[o] = w[k];
	}
	return o;
}

size_t lexicon_fold_ascii(const char *s, size_t n, char *out, size_t cap, int lsquo)
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
			if (o < cap)
				out[o] = ' ';
			o++;
			space = 0;
		}
		if (c == 0xE2 && i + 2 < n && (unsigned char)s[i + 1] == 0x80 &&
		    ((unsigned char)s[i + 2] == 0x99 || (lsquo && (unsigned char)s[i + 2] == 0x98))) {
			c = '\'';
			i += 2;
		} else if (c >= 'A' && c <= 'Z') {
			c = (unsigned char)(c + 32);
		}
		if (o < cap)
			out[o] = (char)c;
		o++;
	}
	return o;
}

static size_t fold_key(const struct lexicon *lx, const char *s, size_t n, char *out, size_t cap)
{
	if (lx->flags & LEXICON_ASCII)
		return lexicon_fold_ascii(s, n, out, cap, (lx->flags & LEXICON_LSQUO) != 0);
	return lexicon_fold(s, n, out, cap);
}

uint64_t lexicon_hash(const char *s, size_t n)
{
	uint64_t h = 1469598103934665603ULL;
	for (size_t i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= 1099511628211ULL;
	}
	return h;
}

static int pool_add(struct lexicon *lx, const char *s, size_t n, uint32_t *off)
{
	if (lx->pool_len + n + 1 > lx->pool_cap) {
		size_t nc = lx->pool_cap ? lx->pool_cap * 2 : 4096;
		while (nc < lx->pool_len + n + 1)
			nc *= 2;
		if (nc > UINT32_MAX)
			return -1;
		char *np = realloc(lx->pool, nc);
		if (!np)
			return -1;
		lx->pool = np;
		lx->pool_cap = nc;
	}
	memcpy(lx->pool + lx->pool_len, s, n);
	lx->pool[lx->pool_len + n] = '\0';
	*off = (uint32_t)lx->pool_len;
	lx->pool_len += n + 1;
	return 0;
}

static struct lex_slot *find_slot(const struct lexicon *lx, const char *key, size_t n, uint64_t h)
{
	size_t mask = lx->cap - 1;
	for (size_t i = (size_t)h & mask, probes = 0; probes < lx->cap; i = (i + 1) & mask, probes++) {
		struct lex_slot *s = &lx->slot[i];
		if (!s->used)
			return s;
		if (s->hash == h && s->klen == n && memcmp(lx->pool + s->key, key, n) == 0)
			return s;
	}
	return NULL;
}

static int grow(struct lexicon *lx)
{
	size_t ncap = lx->cap ? lx->cap * 2 : 256;
	struct lex_slot *old = lx->slot;
	size_t ocap = lx->cap;
	lx->slot = calloc(ncap, sizeof *lx->slot);
	if (!lx->slot) {
		lx->slot = old;
		return -1;
	}
	lx->cap = ncap;
	for (size_t i = 0; i < ocap; i++) {
		if (!old[i].used)
			continue;
		struct lex_slot *s = find_slot(lx, lx->pool + old[i].key, old[i].klen, old[i].hash);
		*s = old[i];
	}
	free(old);
	return 0;
}

/* Adds or replaces (the last line wins); the slot in *slot_out. */
static int lex_put(struct lexicon *lx, const char *key, size_t kn, const char *val, size_t vn,
		   struct lex_slot **slot_out)
{
	char fk[LEX_MAX_LINE];
	size_t fn = fold_key(lx, key, kn, fk, sizeof fk);
	if (fn == 0 || fn > sizeof fk)
		return 1;  /* empty or too long: skipped */
	if ((lx->n + 1) * 4 > lx->cap * 3 && grow(lx) < 0)
		return -1;
	uint64_t h = lexicon_hash(fk, fn);
	struct lex_slot *s = find_slot(lx, fk, fn, h);
	if (!s)
		return -1;
	uint32_t voff;
	if (pool_add(lx, val, vn, &voff) < 0)
		return -1;
	if (!s->used) {
		uint32_t koff;
		if (pool_add(lx, fk, fn, &koff) < 0)
			return -1;
		s->key = koff;
		s->klen = (uint32_t)fn;
		s->hash = h;
		s->used = 1;
		lx->n++;
	}
	s->val = voff;
	s->vlen = (uint32_t)vn;
	if (slot_out)
		*slot_out = s;
	size_t words = 1;
	for (size_t i = 0; i < fn; i++)
		words += fk[i] == ' ';
	if (words > lx->max_words)
		lx->max_words = words;
	return 0;
}

static int parse(struct lexicon *lx, const char *data, size_t len, const char *what,
		 struct enr_error *err)
{
	size_t line = 0, i = 0;
	if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0)
		i = 3;  /* a byte order mark from an editor */
	while (i < len) {
		size_t e = i;
		while (e < len && data[e] != '\n')
			e++;
		line++;
		size_t b = i, end = e;
		i = e + 1;
		if (end > b && data[end - 1] == '\r')
			end--;
		while (b < end && (data[b] == ' ' || data[b] == '\t'))
			b++;
		if (b == end || data[b] == '#')
			continue;
		if (memchr(data + b, '\0', end - b))
			return enr_error_set(err, ENR_EFORMAT, "%s:%zu: NUL byte in line", what, line);
		if (end - b >= LEX_MAX_LINE)
			return enr_error_set(err, ENR_EFORMAT, "%s:%zu: line longer than %d bytes",
					     what, line, LEX_MAX_LINE);
		const char *tab = memchr(data + b, '\t', end - b);
		size_t kn = tab ? (size_t)(tab - (data + b)) : end - b;
		const char *val = tab ? tab + 1 : data + end;
		size_t vn = tab ? (size_t)(data + end - val) : 0;
		while (vn > 0 && (val[vn - 1] == ' ' || val[vn - 1] == '\t'))
			vn--;
		if (tab && memchr(val, '\t', vn))
			return enr_error_set(err, ENR_EFORMAT,
					     "%s:%zu: more than one TAB (expected key<TAB>value)", what, line);
		int r = lex_put(lx, data + b, kn, val, vn, NULL);
		if (r < 0)
			return enr_error_set(err, ENR_ENOMEM, "%s:%zu: out of memory", what, line);
		if (r > 0)
			return enr_error_set(err, ENR_EFORMAT, "%s:%zu: empty or over-long key", what, line);
	}
	return 0;
}

static int build(const char *data, size_t len, const char *what, unsigned flags,
		 struct lexicon **out, struct enr_error *err)
{
	*out = NULL;
	struct lexicon *lx = calloc(1, sizeof *lx);
	if (!lx)
		return enr_error_set(err, ENR_ENOMEM, "out of memory");
	lx->flags = flags;
	int rc = grow(lx) < 0 ? enr_error_set(err, ENR_ENOMEM, "out of memory")
			      : parse(lx, data, len, what, err);
	if (rc < 0) {
		lexicon_free(lx);
		return rc;
	}
	*out = lx;
	return 0;
}

int lexicon_from_string(const char *data, struct lexicon **out, struct enr_error *err)
{
	return lexicon_from_string_opts(data, 0, out, err);
}

int lexicon_from_string_opts(const char *data, unsigned flags, struct lexicon **out,
			     struct enr_error *err)
{
	if (!data || !out) {
		if (out)
			*out = NULL;
		return enr_error_set(err, ENR_EINVAL, "lexicon_from_string: NULL argument");
	}
	return build(data, strlen(data), "<string>", flags, out, err);
}

int lexicon_load(const char *path, struct lexicon **out, struct enr_error *err)
{
	return lexicon_load_opts(path, 0, out, err);
}

int lexicon_load_opts(const char *path, unsigned flags, struct lexicon **out,
		      struct enr_error *err)
{
	*out = NULL;
	char *buf;
	size_t len;
	int missing;
	int rc = file_read_all(path, LEX_MAX_FILE, &buf, &len, &missing, err);
	if (rc && missing && (flags & LEXICON_OPTIONAL))
		return build("", 0, path, flags, out, err);
	if (rc)
		return rc;
	rc = build(buf, len, path, flags, out, err);
	free(buf);
	return rc;
}

const char *lexicon_get(const struct lexicon *lx, const char *key, size_t n)
{
	if (!lx || !key)
		return NULL;
	char fk[LEX_MAX_LINE];
	size_t fn = fold_key(lx, key, n, fk, sizeof fk);
	if (fn == 0 || fn > sizeof fk)
		return NULL;
	const struct lex_slot *s = find_slot(lx, fk, fn, lexicon_hash(fk, fn));
	return s && s->used ? lx->pool + s->val : NULL;
}

const char *lexicon_get_folded(const struct lexicon *lx, const char *key, size_t n)
{
	if (!lx || !key || n == 0)
		return NULL;
	const struct lex_slot *s = find_slot(lx, key, n, lexicon_hash(key, n));
	return s && s->used ? lx->pool + s->val : NULL;
}

int lexicon_get_int_folded(const struct lexicon *lx, const char *key, size_t n, uint32_t *out)
{
	if (!lx || !key || n == 0)
		return 0;
	const struct lex_slot *s = find_slot(lx, key, n, lexicon_hash(key, n));
	if (!s || !s->used)
		return 0;
	*out = s->ival;
	return 1;
}

int lexicon_put(struct lexicon *lx, const char *key, size_t kn, const char *val, size_t vn)
{
	int r = lex_put(lx, key, kn, val, vn, NULL);
	return r < 0 ? ENR_ENOMEM : r;
}

int lexicon_put_int(struct lexicon *lx, const char *key, size_t kn, uint32_t ival)
{
	char fk[LEX_MAX_LINE];
	size_t fn = fold_key(lx, key, kn, fk, sizeof fk);
	if (fn == 0 || fn > sizeof fk)
		return 1;
	struct lex_slot *s = find_slot(lx, fk, fn, lexicon_hash(fk, fn));
	if (!s || !s->used) {
		int r = lex_put(lx, fk, fn, "", 0, &s);
		if (r)
			return r < 0 ? ENR_ENOMEM : r;
	}
	s->ival = ival;
	return 0;
}

void lexicon_set_ints(struct lexicon *lx, uint32_t (*fn)(const char *value))
{
	for (size_t i = 0; lx && i < lx->cap; i++)
		if (lx->slot[i].used)
			lx->slot[i].ival = fn(lx->pool + lx->slot[i].val);
}

size_t lexicon_max_words(const struct lexicon *lx)
{
	return lx ? lx->max_words : 0;
}

size_t lexicon_size(const struct lexicon *lx)
{
	return lx ? lx->n : 0;
}

void lexicon_each(const struct lexicon *lx,
		  void (*fn)(const char *key, const char *value, void *ctx), void *ctx)
{
	for (size_t i = 0; lx && i < lx->cap; i++)
		if (lx->slot[i].used)
			fn(lx->pool + lx->slot[i].key, lx->pool + lx->slot[i].val, ctx);
}

void lexicon_free(struct lexicon *lx)
{
	if (!lx)
		return;
	free(lx->slot);
	free(lx->pool);
	free(lx);
}
