/* The claims module's lexicons: its key fold and the country inversion over
 * the shared lexicon (lexicon.h), and the trigger table. Read-only after
 * loading; lookups never allocate. */
#include "enricher/claims_lex.h"

#include "enricher/file.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "enricher/claims.h"

size_t claims_norm(const char *s, size_t n, char *buf, size_t cap)
{
	size_t k = cap ? lexicon_fold_ascii(s, n, buf, cap - 1, 1) : 0;
	if (k >= cap)
		return 0;
	buf[k] = '\0';
	return k;
}

struct invert_ctx {
	struct lexicon *out;
	int rc;
};

static void invert_one(const char *key, const char *val, void *ctx)
{
	struct invert_ctx *c = ctx;
	(void)key;
	if (c->rc >= 0 && *val && lexicon_put(c->out, val, strlen(val), val, strlen(val)) < 0)
		c->rc = ENR_ENOMEM;
}

int claims_map_invert(const struct lexicon *m, struct lexicon **out, struct enr_error *err)
{
	int rc = lexicon_from_string_opts("", CLAIMS_LEX_FLAGS, out, err);
	if (rc < 0)
		return rc;
	struct invert_ctx c = { *out, 0 };
	lexicon_each(m, invert_one, &c);
	if (c.rc < 0) {
		lexicon_free(*out);
		*out = NULL;
		return enr_error_set(err, ENR_ENOMEM, "out of memory");
	}
	return 0;
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

/* --- triggers --- */

struct claims_triggers {
	struct claims_trigger *t;
	size_t n, cap;
	struct lexicon *first;  /* first word -> index of the chain head (its number) */
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
	tr.next = lexicon_get_int_folded(tt->first, tr.w[0], l0, &head) ? (int32_t)head : -1;
	if (lexicon_put_int(tt->first, tr.w[0], l0, (uint32_t)tt->n) != 0)
		goto oom;
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
	lexicon_free(t->first);
	free(t);
}

int claims_triggers_from_string(const char *data, struct claims_triggers **out,
				struct enr_error *err)
{
	*out = NULL;
	struct claims_triggers *tt = calloc(1, sizeof *tt);
	char *copy = strdup(data ? data : "");
	if (!tt || !copy || lexicon_from_string_opts("", CLAIMS_LEX_FLAGS, &tt->first, err) < 0) {
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
	char *data;
	size_t len;
	int rc = file_read_all(path, 0, &data, &len, NULL, err);
	if (rc)
		return rc;
	rc = claims_triggers_from_string(data, out, err);
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
		for (size_t g = 0; g <= 6 && i + g <= limit; g++) {
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
	if (!lexicon_get_int_folded(t->first, words[i], strlen(words[i]), &head))
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
	if (!lexicon_get_int_folded(t->first, word, strlen(word), &head))
		return NULL;
	size_t guard = 0;
	for (int32_t j = (int32_t)head; j >= 0 && guard < t->n;
	     j = t->t[j].next, guard++)
		if (t->t[j].nw == 1)
			return &t->t[j];
	return NULL;
}
