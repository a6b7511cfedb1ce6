/* CoNLL-2003 reader: the whole file is read into one buffer and cut in
 * place, so token strings point into it. */
#include "enricher/conll.h"
#include "enricher/file.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int type_of(const char *s, size_t n)
{
	static const char *const names[] = { "PER", "ORG", "LOC", "MISC" };
	for (int t = 0; t < 4; t++)
		if (strlen(names[t]) == n && memcmp(names[t], s, n) == 0)
			return t + 1;
	return -1;
}

int conll_tag_parse(const char *s, size_t n, int prev)
{
	if (n == 1 && s[0] == 'O')
		return TAG_O;
	if (n < 3 || s[1] != '-' || (s[0] != 'B' && s[0] != 'I'))
		return -1;
	int t = type_of(s + 2, n - 2);
	if (t < 0)
		return -1;
	if (s[0] == 'B' || prev < 0 || prev >= TAG_COUNT || TAG_TYPE(prev) != t)
		return TAG_B(t);
	return TAG_I(t);
}

static int is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r';
}

int conll_read(const char *path, struct conll_data *d, struct enr_error *err)
{
	memset(d, 0, sizeof *d);
	size_t len = 0;
	int rc = file_read_all(path, 0, &d->buf, &len, NULL, err);
	if (rc)
		return rc;
	size_t nlines = 1;
	for (size_t i = 0; i < len; i++)
		nlines += d->buf[i] == '\n';
	d->tok = malloc(nlines * sizeof *d->tok);
	d->len = malloc(nlines * sizeof *d->len);
	d->tag = malloc(nlines);
	d->sent_end = calloc(nlines, 1);
	d->doc_start = malloc((nlines + 1) * sizeof *d->doc_start);
	if (!d->tok || !d->len || !d->tag || !d->sent_end || !d->doc_start) {
		conll_free(d);
		return enr_error_set(err, ENR_ENOMEM, "out of memory reading %s", path);
	}
	char *p = d->buf, *end = d->buf + len;
	size_t line = 0;
	int prev = TAG_O;
	d->doc_start[0] = 0;
	while (p < end) {
		line++;
		char *eol = memchr(p, '\n', (size_t)(end - p));
		if (!eol)
			eol = end;
		*eol = '\0';
		char *s = p;
		p = eol + 1;
		while (is_space(*s))
			s++;
		char *e = eol;
		while (e > s && is_space(e[-1]))
			e--;
		if (e == s) {  /* blank: sentence end */
			if (d->ntok)
				d->sent_end[d->ntok - 1] = 1;
			prev = TAG_O;
			continue;
		}
		if (strncmp(s, "-DOCSTART-", 10) == 0) {
			if (d->ntok)
				d->sent_end[d->ntok - 1] = 1;
			if (d->ntok > d->doc_start[d->ndoc])
				d->ndoc++;
			d->doc_start[d->ndoc] = d->ntok;
			prev = TAG_O;
			continue;
		}
		char *w = s, *we = s;
		while (we < e && !is_space(*we))
			we++;
		char *t = e;
		while (t > we && !is_space(t[-1]))
			t--;
		if (t == we) {
			conll_free(d);
			return enr_error_at(err, ENR_EFORMAT, (long)line,
					    "%s:%zu: expected a token and a tag", path, line);
		}
		int tag = conll_tag_parse(t, (size_t)(e - t), prev);
		if (tag < 0) {
			/* the message quotes the buffer, so it is made before the free */
			enr_error_at(err, ENR_EFORMAT, (long)line, "%s:%zu: unknown tag '%.*s'", path,
				     line, (int)(e - t), t);
			conll_free(d);
			return ENR_EFORMAT;
		}
		*we = '\0';
		d->tok[d->ntok] = w;
		d->len[d->ntok] = (size_t)(we - w);
		d->tag[d->ntok] = (uint8_t)tag;
		d->ntok++;
		prev = tag;
	}
	if (d->ntok)
		d->sent_end[d->ntok - 1] = 1;
	if (d->ntok > d->doc_start[d->ndoc])
		d->ndoc++;
	d->doc_start[d->ndoc] = d->ntok;
	return 0;
}

void conll_free(struct conll_data *d)
{
	if (!d)
		return;
	free(d->tok);
	free(d->len);
	free(d->tag);
	free(d->sent_end);
	free(d->doc_start);
	free(d->buf);
	memset(d, 0, sizeof *d);
}

/* Phrase starting at i: its type (0 if none) and the index after its end. */
static int phrase_at(const uint8_t *tags, const uint8_t *sent_end, size_t n, size_t i,
		     size_t *stop)
{
	int t = TAG_TYPE(tags[i]);
	if (t == NER_NONE)
		return 0;
	size_t j = i + 1;
	while (j < n && !(sent_end && sent_end[j - 1]) && tags[j] == TAG_I(t))
		j++;
	*stop = j;
	return t;
}

static int starts_phrase(const uint8_t *tags, const uint8_t *sent_end, size_t i)
{
	int t = TAG_TYPE(tags[i]);
	if (t == NER_NONE)
		return 0;
	if (TAG_IS_B(tags[i]) || i == 0 || (sent_end && sent_end[i - 1]))
		return 1;
	return TAG_TYPE(tags[i - 1]) != t;
}

void conll_count(const uint8_t *gold, const uint8_t *pred, const uint8_t *sent_end,
		 size_t n, struct conll_counts *c)
{
	for (size_t i = 0; i < n; i++) {
		size_t ge = 0, pe = 0;
		int gt = starts_phrase(gold, sent_end, i) ? phrase_at(gold, sent_end, n, i, &ge) : 0;
		int pt = starts_phrase(pred, sent_end, i) ? phrase_at(pred, sent_end, n, i, &pe) : 0;
		if (gt)
			c->gold[gt]++;
		if (pt)
			c->pred[pt]++;
		if (gt && gt == pt && ge == pe)
			c->tp[gt]++;
	}
}

double conll_f1(const struct conll_counts *c, int last, double *p, double *r)
{
	size_t tp = 0, np = 0, ng = 0;
	for (int t = NER_PER; t <= last && t < NER_NTYPES; t++) {
		tp += c->tp[t];
		np += c->pred[t];
		ng += c->gold[t];
	}
	double pp = np ? (double)tp / (double)np : 0, rr = ng ? (double)tp / (double)ng : 0;
	if (p)
		*p = pp;
	if (r)
		*r = rr;
	return pp + rr > 0 ? 2 * pp * rr / (pp + rr) : 0;
}
