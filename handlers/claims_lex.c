/* The claims module's lexicons: an open-addressing string map and the trigger
 * table. Read-only after loading; lookups never allocate. */
#include "enricher/claims_lex.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "enricher/claims.h"

struct claims_map_entry {
	char *key;
	char *val;
	uint32_t klen;
	uint32_t hash;
	uint32_t ival;  /* a number derived from val (claims_map_set_ints), or a chain head */
};

struct claims_map {
	struct claims_map_entry *slot;
	size_t cap;  /* power of two */
	size_t n;
	size_t max_words;
};

size_t claims_norm(const char *s, size_t n, char *buf, size_t cap)
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
				return 0;
			buf[o++] = ' ';
			space = 0;
		}
		/* U+2019 and U+2018 (E2 80 99 / 98) fold to ' */
		if (c == 0xE2 && i + 2 < n && (unsigned char)s[i + 1] == 0x80 &&
		    ((unsigned char)s[i + 2] == 0x99 || (unsigned char)s[i + 2] == 0x98)) {
			c = '\'';
			i += 2;
		} else if (c >= 'A' && c <= 'Z') {
			c = (unsigned char)(c - 'A' + 'a');
		}
		if (o + 1 >= cap)
			return 0;
		buf[o++] = (char)c;
	}
	buf[o] = '\0';
	return o;
}

static uint32_t hash_bytes(const char *s, size_t n)
{
	uint32_t h = 2166136261u;
	for (size_t i = 0; i < n; i++) {
		h ^= (unsigned char)s[i];
		h *= 16777619u;
	}
	return h ? h : 1;
}

static struct claims_map *map_new(void)
{
	struct claims_map *m = calloc(1, sizeof *m);
	if (!m)
		return NULL;
	m->cap = 64;
	m->slot = calloc(m->cap, sizeof *m->slot);
	if (!m->slot) {
		free(m);
		return NULL;
	}
	return m;
}

static int map_grow(struct claims_map *m)
{
	size_t ncap = m->cap * 2;
	struct claims_map_entry *ns = calloc(ncap, sizeof *ns);
	if (!ns)
		return -1;
	for (size_t i = 0; i < m->cap; i++) {
		if (!m->slot[i].key)
			continue;
		size_t j = m->slot[i].hash & (ncap - 1);
		while (ns[j].key)
			j = (j + 1) & (ncap - 1);
		ns[j] = m->slot[i];
	}
	free(m->slot);
	m->slot = ns;
	m->cap = ncap;
	return 0;
}

/* Adds a normalised key; a later duplicate replaces the value. */
static int map_put(struct claims_map *m, const char *key, size_t klen, const char *val)
{
	if ((m->n + 1) * 2 > m->cap && map_grow(m) < 0)
		return -1;
	uint32_t h = hash_bytes(key, klen);
	size_t j = h & (m->cap - 1);
	while (m->slot[j].key) {
		if (m->slot[j].hash == h && m->slot[j].klen == klen &&
		    memcmp(m->slot[j].key, key, klen) == 0) {
			char *v = strdup(val);
			if (!v)
				return -1;
			free(m->slot[j].val);
			m->slot[j].val = v;
			return 0;
		}
		j = (j + 1) & (m->cap - 1);
	}
	char *k = strndup(key, klen);
	char *v = strdup(val);
	if (!k || !v) {
		free(k);
		free(v);
		return -1;
	}
	m->slot[j] = (struct claims_map_entry){ k, v, (uint32_t)klen, h, 0 };
	m->n++;
	size_t words = 1;
	for (size_t i = 0; i < klen; i++)
		words += key[i] == ' ';
	if (words > m->max_words)
		m->max_words = words;
	return 0;
}

static const struct claims_map_entry *map_find(const struct claims_map *m, const char *key,
					       size_t n)
{
	if (!m || n == 0 || m->n == 0)
		return NULL;
	uint32_t h = hash_bytes(key, n);
	size_t j = h & (m->cap - 1);
	while (m->slot[j].key) {
		if (m->slot[j].hash == h && m->slot[j].klen == n &&
		    memcmp(m->slot[j].key, key, n) == 0)
			return &m->slot[j];
		j = (j + 1) & (m->cap - 1);
	}
	return NULL;
}

const char *claims_map_get_norm(const struct claims_map *m, const char *key, size_t n)
{
	const struct claims_map_entry *e = map_find(m, key, n);
	return e ? e->val : NULL;
}

int claims_map_get_int(const struct claims_map *m, const char *key, size_t n, uint32_t *out)
{
	const struct claims_map_entry *e = map_find(m, key, n);
	if (e)
		*out = e->ival;
	return e != NULL;
}

void claims_map_set_ints(struct claims_map *m, uint32_t (*fn)(const char *val))
{
	for (size_t i = 0; m && i < m->cap; i++)
		if (m->slot[i].key)
			m->slot[i].ival = fn(m->slot[i].val);
}

/* Sets the number of an existing key. */
static void map_set_int(struct claims_map *m, const char *key, size_t n, uint32_t v)
{
	struct claims_map_entry *e = (struct claims_map_entry *)map_find(m, key, n);
	if (e)
		e->ival = v;
}

const char *claims_map_get(const struct claims_map *m, const char *key, size_t n)
{
	char buf[256];
	size_t k = claims_norm(key, n, buf, sizeof buf);
	return k ? claims_map_get_norm(m, buf, k) : NULL;
}

int claims_map_invert(const struct claims_map *m, struct claims_map **out, struct enr_error *err)
{
	*out = map_new();
	if (!*out)
		return enr_error_set(err, ENR_ENOMEM, "out of memory");
	for (size_t i = 0; m && i < m->cap; i++) {
		const char *v = m->slot[i].val;
		if (!m->slot[i].key || !v || !*v)
			continue;
		char key[256];
		size_t k = claims_norm(v, strlen(v), key, sizeof key);
		if (k && map_put(*out, key, k, v) < 0) {
			claims_map_free(*out);
			*out = NULL;
			return enr_error_set(err, ENR_ENOMEM, "out of memory");
		}
	}
	return 0;
}

size_t claims_map_max_words(const struct claims_map *m) { return m ? m->max_words : 0; }
size_t claims_map_size(const struct claims_map *m) { return m ? m->n : 0; }

void claims_map_free(struct claims_map *m)
{
	if (!m)
		return;
	for (size_t i = 0; i < m->cap; i++) {
		free(m->slot[i].key);
		free(m->slot[i].val);
	}
	free(m->slot);
	free(m);
}

/* Calls line(ctx, text, len, lineno) for every non-comment, non-blank line. */
typedef int (*line_fn)(void *ctx, char *line, size_t len, size_t lineno, struct enr_error *err);

static int for_lines(char *data, void *ctx, line_fn fn, struct enr_error *err)
{
	size_t lineno = 0;
	char *p = data;
	while (*p) {
		char *e = strchr(p, '\n');
		size_t len = e ? (size_t)(e - p) : strlen(p);
		lineno++;
		if (len && p[len - 1] == '\r')
			len--;
		size_t s = 0;
		while (s < len && (p[s] == ' ' || p[s] == '\t'))
			s++;
		if (s < len && p[s] != '#') {
			p[len] = '\0';
			int rc = fn(ctx, p, len, lineno, err);
			if (rc < 0)
				return rc;
		}
		if (!e)
			break;
		p = e + 1;
	}
	return 0;
}

static char *read_file(const char *path, int *missing)
{
	*missing = 0;
	FILE *f = fopen(path, "rb");
	if (!f) {
		*missing = errno == ENOENT;
		return NULL;
	}
	char *buf = NULL;
	size_t n = 0, cap = 0;
	for (;;) {
		if (n + 4096 + 1 > cap) {
			size_t ncap = cap ? cap * 2 : 8192;
			char *nb = realloc(buf, ncap);
			if (!nb) {
				free(buf);
				fclose(f);
				return NULL;
			}
			buf = nb;
			cap = ncap;
		}
		size_t r = fread(buf + n, 1, 4096, f);
		n += r;
		if (r < 4096)
			break;
	}
	int bad = ferror(f);
	fclose(f);
	if (bad) {
		free(buf);
		return NULL;
	}
	buf[n] = '\0';
	return buf;
}

static int map_line(void *ctx, char *line, size_t len, size_t lineno, struct enr_error *err)
{
	struct claims_map *m = ctx;
	char *tab = memchr(line, '\t', len);
	size_t klen = tab ? (size_t)(tab - line) : len;
	const char *val = tab ? tab + 1 : "";
	char key[256];
	size_t k = claims_norm(line, klen, key, sizeof key);
	if (!k)
		return enr_error_set(err, ENR_EFORMAT, "line %zu: empty or overlong key", lineno);
	if (map_put(m, key, k, val) < 0)
		return enr_error_set(err, ENR_ENOMEM, "out of memory");
	return 0;
}

int claims_map_from_string(const char *data, struct claims_map **out, struct enr_error *err)
{
	*out = NULL;
	struct claims_map *m = map_new();
	char *copy = strdup(data ? data : "");
	if (!m || !copy) {
		claims_map_free(m);
		free(copy);
		return enr_error_set(err, ENR_ENOMEM, "out of memory");
	}
	int rc = for_lines(copy, m, map_line, err);
	free(copy);
	if (rc < 0) {
		claims_map_free(m);
		return rc;
	}
	*out = m;
	return 0;
}

int claims_map_load(const char *path, int optional, struct claims_map **out,
		    struct enr_error *err)
{
	*out = NULL;
	int missing;
	char *data = read_file(path, &missing);
	if (!data) {
		if (missing && optional)
			return claims_map_from_string("", out, err);
		return enr_error_set(err, ENR_EIO, "cannot read %s", path);
	}
	int rc = claims_map_from_string(data, out, err);
	free(data);
	if (rc < 0) {
		char msg[sizeof err->message];
		snprintf(msg, sizeof msg, "%s", err ? err->message : "");
		return enr_error_set(err, rc, "%s: %s", path, msg);
	}
	return 0;
}

/* --- triggers --- */

struct claims_triggers {
	struct claims_trigger *t;
	size_t n, cap;
	struct claims_map *first;  /* first word -> index of the chain head, as text */
};

static int parse_kind(const char *s)
{
	for (int k = 0; k < CLAIM_NKINDS; k++)
		if (strcmp(s, claims_kind_name(k)) == 0)
			return k;
	return -1;
}

static int parse_form(const char *s, size_t n)
{
	static const char *const names[] = { "verb", "noun", "state", "self" };
	for (int i = 0; i < 4; i++)
		if (strlen(names[i]) == n && strncmp(s, names[i], n) == 0)
			return i;
	return -1;
}

static int parse_flag(const char *s, size_t n)
{
	static const struct { const char *name; int bit; } flags[] = {
		{ "part", CT_PART }, { "near", CT_NEAR }, { "cop", CT_COP },
		{ "neg", CT_NEG }, { "embed", CT_EMBED }, { "stance", CT_STANCE }, { "viaclaim", CT_VIACLAIM }, { "gapactor", CT_GAPACTOR },
	};
	for (size_t i = 0; i < sizeof flags / sizeof flags[0]; i++)
		if (strlen(flags[i].name) == n && strncmp(s, flags[i].name, n) == 0)
			return flags[i].bit;
	return -1;
}

static int trig_line(void *ctx, char *line, size_t len, size_t lineno, struct enr_error *err)
{
	struct claims_triggers *tt = ctx;
	char *f[3] = { line, NULL, NULL };
	for (int i = 1; i < 3; i++) {
		char *tab = strchr(f[i - 1], '\t');
		if (!tab)
			return enr_error_set(err, ENR_EFORMAT,
					     "line %zu: want phrase<TAB>kind<TAB>form", lineno);
		*tab = '\0';
		f[i] = tab + 1;
	}
	struct claims_trigger tr = { .next = -1 };
	int kind = parse_kind(f[1]);
	if (kind < 0)
		return enr_error_set(err, ENR_EFORMAT, "line %zu: unknown kind '%s'", lineno, f[1]);
	tr.kind = (uint8_t)kind;
	const char *p = f[2];
	size_t flen = strcspn(p, ",");
	int form = parse_form(p, flen);
	if (form < 0)
		return enr_error_set(err, ENR_EFORMAT, "line %zu: unknown form", lineno);
	tr.form = (uint8_t)form;
	p += flen;
	while (*p == ',') {
		p++;
		size_t l = strcspn(p, ",");
		int bit = parse_flag(p, l);
		if (bit < 0)
			return enr_error_set(err, ENR_EFORMAT, "line %zu: unknown flag", lineno);
		tr.flags |= (uint16_t)bit;
		p += l;
	}
	char norm[256];
	size_t nl = claims_norm(f[0], strlen(f[0]), norm, sizeof norm);
	if (!nl)
		return enr_error_set(err, ENR_EFORMAT, "line %zu: empty phrase", lineno);
	char *save = NULL;
	for (char *w = strtok_r(norm, " ", &save); w; w = strtok_r(NULL, " ", &save)) {
		if (tr.nw == CLAIMS_TRIGGER_MAXW)
			return enr_error_set(err, ENR_EFORMAT, "line %zu: too many words", lineno);
		tr.w[tr.nw] = strdup(w);
		if (!tr.w[tr.nw])
			goto oom;
		tr.nw++;
	}
	if (strcmp(tr.w[0], "*") == 0)
		return enr_error_set(err, ENR_EFORMAT, "line %zu: phrase starts with a gap", lineno);
	if (tt->n == tt->cap) {
		size_t ncap = tt->cap ? tt->cap * 2 : 256;
		struct claims_trigger *nt = realloc(tt->t, ncap * sizeof *nt);
		if (!nt)
			goto oom;
		tt->t = nt;
		tt->cap = ncap;
	}
	uint32_t head;
	size_t l0 = strlen(tr.w[0]);
	tr.next = claims_map_get_int(tt->first, tr.w[0], l0, &head) ? (int32_t)head : -1;
	if (map_put(tt->first, tr.w[0], l0, "") < 0)
		goto oom;
	map_set_int(tt->first, tr.w[0], l0, (uint32_t)tt->n);
	tt->t[tt->n++] = tr;
	return 0;
oom:
	for (int i = 0; i < tr.nw; i++)
		free(tr.w[i]);
	return enr_error_set(err, ENR_ENOMEM, "out of memory");
}

void claims_triggers_free(struct claims_triggers *t)
{
	if (!t)
		return;
	for (size_t i = 0; i < t->n; i++)
		for (int j = 0; j < t->t[i].nw; j++)
			free(t->t[i].w[j]);
	free(t->t);
	claims_map_free(t->first);
	free(t);
}

int claims_triggers_from_string(const char *data, struct claims_triggers **out,
				struct enr_error *err)
{
	*out = NULL;
	struct claims_triggers *tt = calloc(1, sizeof *tt);
	char *copy = strdup(data ? data : "");
	if (!tt || !copy || !(tt->first = map_new())) {
		free(copy);
		claims_triggers_free(tt);
		return enr_error_set(err, ENR_ENOMEM, "out of memory");
	}
	int rc = for_lines(copy, tt, trig_line, err);
	free(copy);
	if (rc < 0) {
		claims_triggers_free(tt);
		return rc;
	}
	*out = tt;
	return 0;
}

int claims_triggers_load(const char *path, struct claims_triggers **out, struct enr_error *err)
{
	*out = NULL;
	int missing;
	char *data = read_file(path, &missing);
	if (!data)
		return enr_error_set(err, ENR_EIO, "cannot read %s", path);
	int rc = claims_triggers_from_string(data, out, err);
	free(data);
	if (rc < 0) {
		char msg[sizeof err->message];
		snprintf(msg, sizeof msg, "%s", err ? err->message : "");
		return enr_error_set(err, rc, "%s: %s", path, msg);
	}
	return 0;
}

/* Matches words w[k..] of trigger tr from token i; returns the end token or
 * 0 on failure. Gaps take as few tokens as possible. */
static size_t match_from(const struct claims_trigger *tr, int k, const char *const *words,
			 size_t i, size_t limit, uint32_t *gap0, uint32_t *gap1)
{
	if (k == tr->nw)
		return i;
	if (strcmp(tr->w[k], "*") == 0) {
		for (size_t g = 0; g <= 4 && i + g <= limit; g++) {
			/* a gap never spans punctuation */
			if (g > 0 && !words[i + g - 1])
				break;
			size_t e = match_from(tr, k + 1, words, i + g, limit, gap0, gap1);
			if (e) {
				*gap0 = (uint32_t)i;
				*gap1 = (uint32_t)(i + g);
				return e;
			}
		}
		return 0;
	}
	if (i >= limit || !words[i] || strcmp(words[i], tr->w[k]) != 0)
		return 0;
	return match_from(tr, k + 1, words, i + 1, limit, gap0, gap1);
}

int claims_triggers_match(const struct claims_triggers *t, const char *const *words,
			  size_t i, size_t limit, struct claims_match *m)
{
	if (!t || i >= limit || !words[i])
		return 0;
	uint32_t head;
	if (!claims_map_get_int(t->first, words[i], strlen(words[i]), &head))
		return 0;
	int found = 0;
	size_t guard = 0;
	for (int32_t j = (int32_t)head; j >= 0 && guard < t->n;
	     j = t->t[j].next, guard++) {
		const struct claims_trigger *tr = &t->t[j];
		uint32_t g0 = 0, g1 = 0;
		size_t e = match_from(tr, 1, words, i + 1, limit, &g0, &g1);
		if (!e)
			continue;
		if (!found || e > m->end) {
			*m = (struct claims_match){ tr, (uint32_t)i, (uint32_t)e, g0, g1 };
			found = 1;
		}
	}
	return found;
}

const struct claims_trigger *claims_triggers_word(const struct claims_triggers *t,
						  const char *word)
{
	if (!t)
		return NULL;
	uint32_t head;
	if (!claims_map_get_int(t->first, word, strlen(word), &head))
		return NULL;
	size_t guard = 0;
	for (int32_t j = (int32_t)head; j >= 0 && guard < t->n;
	     j = t->t[j].next, guard++)
		if (t->t[j].nw == 1)
			return &t->t[j];
	return NULL;
}
