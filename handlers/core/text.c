/* The text layer: news-aware tokens, sentences, paragraphs, and offset
 * conversion. One pass over the bytes; all output in the caller's arena. */
#include "enricher/text.h"

#include <string.h>
#include <strings.h>

#include "enricher/utf8.h"

/* Abbreviations whose dot never ends a sentence (titles, months, ...). */
static const char *const text_abbrevs[] = {
	"mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "maj", "capt", "cpt", "sgt",
	"adm", "cmdr", "sen", "rep", "gov", "pres", "rev", "fr", "st", "mt", "ft", "jr", "sr",
	"jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
	"inc", "corp", "ltd", "co", "bros", "no", "nos", "vs", "etc", "approx", "dept",
	"univ", "assn", "est", "vol", "pp", "ave", "blvd", "rd", "e.g", "i.e", "cf", "al",
	"gens", "sens", "reps", "messrs", "hon", "supt", "insp", "brig", "cdr", "cpl", "pvt",
	"ald", "atty", "det", "ex", "govt", "mln", "bln", "pct", "u.s", "u.k", "u.n", NULL
};

/* Abbreviations that take a name after them and so never end a sentence. */
static const char *const text_titles[] = {
	"mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "maj", "capt", "cpt", "sgt",
	"adm", "cmdr", "sen", "rep", "gov", "pres", "rev", "fr", "st", "mt", "gens", "sens",
	"reps", "messrs", "hon", "supt", "insp", "brig", "cdr", "cpl", "pvt", "det", "atty",
	"no", "vs", NULL
};

static int text_in_list(const char *const *list, const char *s, size_t n)
{
	for (size_t i = 0; list[i]; i++)
		if (strlen(list[i]) == n && strncasecmp(list[i], s, n) == 0)
			return 1;
	return 0;
}

struct tokenizer {
	struct arena *a;
	const char *s;
	size_t n;
	struct text_token *tok;
	size_t ntok, cap, max;
};

static int tok_push(struct tokenizer *t, size_t start, size_t end, int kind, unsigned flags)
{
	if (t->max && t->ntok >= t->max)
		return ENR_ETOOBIG;
	if (t->ntok == t->cap) {
		size_t ncap = t->cap ? t->cap * 2 : 256;
		struct text_token *nt = arena_realloc(t->a, t->tok, t->cap * sizeof *nt,
						      ncap * sizeof *nt);
		if (!nt)
			return ENR_ENOMEM;
		t->tok = nt;
		t->cap = ncap;
	}
	struct text_token *k = &t->tok[t->ntok++];
	k->start = (uint32_t)start;
	k->end = (uint32_t)end;
	k->sent = 0;
	k->kind = (uint16_t)kind;
	k->flags = (uint16_t)flags;
	return 0;
}

static inline __attribute__((always_inline)) uint32_t peek(const struct tokenizer *t, size_t i,
							  size_t *next)
{
	if (i < t->n && (unsigned char)t->s[i] < 0x80) {  /* ASCII: no decoding */
		if (next)
			*next = i + 1;
		return (unsigned char)t->s[i];
	}
	size_t k = i;
	uint32_t c = i < t->n ? text_utf8_next(t->s, t->n, &k) : 0;
	if (next)
		*next = k;
	return c;
}

static inline int is_word_char(uint32_t c)
{
	if (c < 0x80)  /* what utf8_is_letter and utf8_is_digit say of ASCII */
		return ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') || (c >= '0' && c <= '9');
	return utf8_is_letter(c) || utf8_is_digit(c);
}

static int is_apostrophe(uint32_t c)
{
	return c == '\'' || c == 0x2019;
}

/* Scans a word from i: letters and digits, joined by inner hyphens, dots
 * (U.S.) and apostrophes (O'Brien), but not a trailing possessive 's. */
static size_t scan_word(const struct tokenizer *t, size_t i)
{
	size_t j = i, nx;
	for (;;) {
		uint32_t c = peek(t, j, &nx);
		if (j < t->n && is_word_char(c)) {
			j = nx;
			continue;
		}
		if (j >= t->n)
			break;
		size_t nx2;
		uint32_t d = peek(t, nx, &nx2);
		if ((c == '-' || c == 0x2010 || c == 0x2011 || c == '&' || c == '/') &&
		    nx < t->n && is_word_char(d) && c != '/') {
			j = nx;
			continue;
		}
		if (is_apostrophe(c) && nx < t->n && utf8_is_letter(d)) {
			/* 's / 'S / n't at the end of a word are split off */
			size_t nx3;
			uint32_t e = peek(t, nx2, &nx3);
			if ((d == 's' || d == 'S') && (nx2 >= t->n || !is_word_char(e)))
				break;
			j = nx;
			continue;
		}
		if (c == '.' && nx < t->n && utf8_is_letter(d)) {
			/* U.S. / e.g.: single letters joined by dots */
			size_t nx3;
			uint32_t e = peek(t, nx2, &nx3);
			if (j - i <= 2 && (e == '.' || nx2 >= t->n || !is_word_char(e))) {
				j = nx2;
				if (e == '.')
					j = nx3;
				continue;
			}
		}
		break;
	}
	return j;
}

static size_t scan_number(const struct tokenizer *t, size_t i)
{
	size_t j = i, nx;
	for (;;) {
		uint32_t c = peek(t, j, &nx);
		if (j < t->n && (utf8_is_digit(c) || utf8_is_letter(c))) {
			j = nx;
			continue;
		}
		if (j >= t->n)
			break;
		size_t nx2;
		uint32_t d = peek(t, nx, &nx2);
		if ((c == ',' || c == '.' || c == ':' || c == '-' || c == '/') && nx < t->n &&
		    utf8_is_digit(d)) {
			j = nx;
			continue;
		}
		break;
	}
	return j;
}

static unsigned case_flags(const struct tokenizer *t, size_t start, size_t end)
{
	size_t i = start;
	const unsigned char *s = (const unsigned char *)t->s;
	/* ASCII words (most of them) without decoding: the same flags. */
	int ascii_letters = 0, ascii_lower = 0;
	for (i = start; i < end && s[i] < 0x80; i++) {
		unsigned char b = s[i];
		ascii_lower += b >= 'a' && b <= 'z';
		ascii_letters += (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z');
	}
	if (i >= end) {
		unsigned f = start < end && s[start] >= 'A' && s[start] <= 'Z' ? TEXT_F_UPPER : 0;
		if (ascii_letters > 0 && ascii_lower == 0 && (f & TEXT_F_UPPER))
			f |= TEXT_F_ALLCAPS;
		return f;
	}
	i = start;
	uint32_t c = text_utf8_next(t->s, end, &i);
	unsigned f = utf8_is_upper(c) ? TEXT_F_UPPER : 0;
	int letters = 0, lower = 0;
	for (i = start; i < end;) {
		c = text_utf8_next(t->s, end, &i);
		if (utf8_is_letter(c)) {
			letters++;
			if (utf8_is_lower(c))
				lower++;
		}
	}
	if (letters > 0 && lower == 0 && (f & TEXT_F_UPPER))
		f |= TEXT_F_ALLCAPS;
	return f;
}

/* Straight quotes: open after space, start, opening bracket or dash; close
 * otherwise. Curly and angle quotes say it themselves. */
static unsigned quote_side(const struct tokenizer *t, uint32_t c, size_t start, size_t end)
{
	switch (c) {
	case 0x201C: case 0x2018: case 0x201E: case 0x201A: case 0xAB: case 0x2039:
	case 0x300C:
		return TEXT_F_OPEN;
	case 0x201D: case 0xBB: case 0x203A: case 0x300D:
		return TEXT_F_CLOSE;
	default:
		break;
	}
	int before_space = 1, after_space = 1;
	if (start > 0) {
		unsigned char b = (unsigned char)t->s[start - 1];
		before_space = b == ' ' || b == '\n' || b == '\t' || b == '\r' || b == '(' ||
			       b == '[' || b == '-' || (b & 0xC0) == 0x80;
		if ((b & 0xC0) == 0x80) {
			/* a multibyte char before: dash or space counts as open side */
			size_t k = start;
			while (k > 0 && ((unsigned char)t->s[k - 1] & 0xC0) == 0x80)
				k--;
			if (k > 0)
				k--;
			size_t kk = k;
			uint32_t p = text_utf8_next(t->s, t->n, &kk);
			before_space = utf8_is_space(p) || utf8_is_dash(p);
		}
	}
	if (end < t->n) {
		uint32_t d = peek(t, end, NULL);
		after_space = utf8_is_space(d) || d == ',' || d == '.' || d == ';' || d == ':' ||
			      d == ')' || d == '?' || d == '!';
	}
	if (before_space && !after_space)
		return TEXT_F_OPEN;
	if (!before_space)
		return TEXT_F_CLOSE;
	return 0;
}

/* "No." is an abbreviation only before a number ("No. 5"); elsewhere it is
 * the word no ending a sentence ("she said no."). */
static int is_number_sign(const char *s, size_t n)
{
	return (n == 2 && !strncasecmp(s, "no", 2)) || (n == 3 && !strncasecmp(s, "nos", 3));
}

static int next_is_digit(const struct tokenizer *t, size_t i)
{
	while (i < t->n && (t->s[i] == ' ' || t->s[i] == '\t'))
		i++;
	return i < t->n && t->s[i] >= '0' && t->s[i] <= '9';
}

static int tokenize(struct tokenizer *t)
{
	size_t i = 0;
	unsigned pending = TEXT_F_PARA_START | TEXT_F_SENT_START;
	while (i < t->n) {
		size_t nx;
		uint32_t c = peek(t, i, &nx);
		if (utf8_is_space(c)) {
			int nl = 0;
			while (i < t->n) {
				c = peek(t, i, &nx);
				if (!utf8_is_space(c))
					break;
				if (c == '\n' || c == 0x2028 || c == 0x2029)
					nl += (c == 0x2029) ? 2 : 1;
				i = nx;
			}
			pending |= TEXT_F_SPACE_BEFORE;
			if (nl)
				pending |= TEXT_F_NL_BEFORE;
			if (nl >= 2)
				pending |= TEXT_F_PARA_START;
			continue;
		}
		size_t start = i, end;
		int kind;
		unsigned flags = pending;
		pending = 0;
		if (utf8_is_letter(c)) {
			end = scan_word(t, i);
			kind = TEXT_WORD;
			/* an abbreviation keeps its dot: Gen. Sept. Inc. */
			if (end < t->n && t->s[end] == '.' && t->s[end - 1] != '.' &&
			    ((text_in_list(text_abbrevs, t->s + start, end - start) &&
			      !(is_number_sign(t->s + start, end - start) &&
				!next_is_digit(t, end + 1))) ||
			     /* an initial: "W. Athey" */
			     (end - start == 1 && t->s[start] >= 'A' && t->s[start] <= 'Z'))) {
				end++;
				flags |= TEXT_F_ABBREV;
			} else if (t->s[end - 1] == '.') {
				flags |= TEXT_F_ABBREV;  /* U.S. */
			}
			flags |= case_flags(t, start, end);
		} else if (utf8_is_digit(c)) {
			end = scan_number(t, i);
			kind = TEXT_NUMBER;
			if (end < t->n && t->s[end] == '-' && end + 1 < t->n &&
			    utf8_is_letter(peek(t, end + 1, NULL))) {
				/* 26-year-old, 3-D: a word that starts with digits */
				end = scan_word(t, end + 1);
				kind = TEXT_WORD;
			} else if ((flags & (TEXT_F_NL_BEFORE | TEXT_F_PARA_START)) && end < t->n &&
				   t->s[end] == '.' && end - start <= 2 &&
				   (end + 1 >= t->n || t->s[end + 1] == ' ')) {
				/* "1. Name": a list number at a line start keeps its dot */
				end++;
				flags |= TEXT_F_ABBREV;
			}
		} else if (is_apostrophe(c) && t->ntok > 0 && t->tok[t->ntok - 1].end != start &&
			   t->tok[t->ntok - 1].kind == TEXT_WORD && nx < t->n &&
			   (t->s[nx] == 's' || t->s[nx] == 'S') &&
			   (nx + 1 >= t->n || !is_word_char(peek(t, nx + 1, NULL)))) {
			/* a spaced possessive, as pre-tokenized text has it: Kyiv 's */
			end = nx + 1;
			kind = TEXT_POSSESSIVE;
		} else if (is_apostrophe(c) && t->ntok > 0 && t->tok[t->ntok - 1].end == start &&
			   t->tok[t->ntok - 1].kind == TEXT_WORD) {
			/* 's after a word; or a bare ' after a plural (officials') */
			size_t nx2;
			uint32_t d = peek(t, nx, &nx2);
			uint32_t e = nx2 < t->n ? peek(t, nx2, NULL) : 0;
			if ((d == 's' || d == 'S') && !is_word_char(e)) {
				end = nx2;
				kind = TEXT_POSSESSIVE;
			} else if (t->s[start - 1] == 's' && !is_word_char(d)) {
				end = nx;
				kind = TEXT_POSSESSIVE;
			} else {
				end = nx;
				kind = TEXT_QUOTE;
				flags |= quote_side(t, c, start, end);
			}
		} else if (utf8_is_quote(c)) {
			end = nx;
			kind = TEXT_QUOTE;
			flags |= quote_side(t, c, start, end);
		} else if (c == 0x2026) {
			end = nx;
			kind = TEXT_ELLIPSIS;
		} else if (c == '.' && i + 2 < t->n && t->s[i + 1] == '.' && t->s[i + 2] == '.') {
			end = i + 3;
			while (end < t->n && t->s[end] == '.')
				end++;
			kind = TEXT_ELLIPSIS;
		} else if (utf8_is_dash(c) || (c == '-' && (i + 1 >= t->n || t->s[i + 1] == '-' ||
							    t->s[i + 1] == ' '))) {
			end = nx;
			while (end < t->n && t->s[end] == '-')
				end++;
			kind = TEXT_DASH;
		} else if (strchr(".,;:!?()[]{}", (int)c) && c != 0) {
			end = nx;
			kind = TEXT_PUNCT;
		} else {
			end = nx;
			kind = TEXT_SYMBOL;
		}
		int rc = tok_push(t, start, end, kind, flags);
		if (rc)
			return rc;
		i = end;
	}
	return 0;
}

static int is_sentence_end(const struct text_doc *d, size_t i)
{
	const struct text_token *k = &d->tok[i];
	if (k->kind == TEXT_ELLIPSIS)
		return 1;
	if (k->kind == TEXT_WORD && (k->flags & TEXT_F_ABBREV)) {
		/* U.S. may end a sentence; Gen. never does */
		size_t n = k->end - k->start - 1;
		return !text_in_list(text_titles, d->text + k->start, n) &&
		       !text_in_list(text_abbrevs, d->text + k->start, n) ? 2 : 0;
	}
	if (k->kind != TEXT_PUNCT)
		return 0;
	char c = d->text[k->start];
	return c == '.' || c == '!' || c == '?';
}

/* Marks sentence starts: after . ! ? (and closing quotes or brackets after
 * them) when the next token starts a new sentence, and at every line break. */
static void mark_sentences(struct text_doc *d)
{
	for (size_t i = 0; i < d->ntok; i++) {
		struct text_token *k = &d->tok[i];
		if (k->flags & (TEXT_F_NL_BEFORE | TEXT_F_PARA_START))
			k->flags |= TEXT_F_SENT_START;
		int e = is_sentence_end(d, i);
		if (!e)
			continue;
		size_t j = i + 1;
		while (j < d->ntok &&
		       ((d->tok[j].kind == TEXT_QUOTE && (d->tok[j].flags & TEXT_F_CLOSE)) ||
			(d->tok[j].kind == TEXT_PUNCT &&
			 (d->text[d->tok[j].start] == ')' || d->text[d->tok[j].start] == ']'))) &&
		       !(d->tok[j].flags & TEXT_F_SPACE_BEFORE))
			j++;
		if (j >= d->ntok)
			break;
		struct text_token *nk = &d->tok[j];
		if (!(nk->flags & TEXT_F_SPACE_BEFORE))
			continue;
		int starts = (nk->flags & TEXT_F_UPPER) || nk->kind == TEXT_NUMBER ||
			     (nk->kind == TEXT_QUOTE && (nk->flags & TEXT_F_OPEN)) ||
			     nk->kind == TEXT_DASH;
		/* after "U.S." only a line break or an opening quote is sure */
		if (e == 2)
			starts = (nk->flags & TEXT_F_NL_BEFORE) ||
				 (nk->kind == TEXT_QUOTE && (nk->flags & TEXT_F_OPEN));
		if (starts)
			nk->flags |= TEXT_F_SENT_START;
	}
}

/* A line is a headline when it has words and most are capitalised. */
static void mark_headlines(struct text_doc *d)
{
	size_t i = 0;
	while (i < d->ntok) {
		size_t j = i + 1;
		while (j < d->ntok && !(d->tok[j].flags & TEXT_F_NL_BEFORE) &&
		       !(d->tok[j].flags & TEXT_F_PARA_START))
			j++;
		size_t words = 0, caps = 0, allcaps = 0;
		for (size_t k = i; k < j; k++) {
			if (d->tok[k].kind != TEXT_WORD)
				continue;
			words++;
			if (d->tok[k].flags & TEXT_F_UPPER)
				caps++;
			if (d->tok[k].flags & TEXT_F_ALLCAPS)
				allcaps++;
		}
		if (words >= 2 && (allcaps * 10 >= words * 6 ||
				   (words >= 3 && caps * 10 >= words * 8)))
			for (size_t k = i; k < j; k++)
				d->tok[k].flags |= TEXT_F_HEADLINE;
		i = j;
	}
}

static int build_structure(struct arena *a, struct text_doc *d, struct enr_error *err)
{
	size_t ns = 0, np = 0;
	for (size_t i = 0; i < d->ntok; i++) {
		if (i == 0)
			d->tok[i].flags |= TEXT_F_SENT_START | TEXT_F_PARA_START;
		if (d->tok[i].flags & TEXT_F_SENT_START)
			ns++;
		if (d->tok[i].flags & TEXT_F_PARA_START)
			np++;
		if (d->tok[i].kind == TEXT_WORD || d->tok[i].kind == TEXT_NUMBER)
			d->nwords++;
	}
	d->sent = arena_calloc(a, ns ? ns : 1, sizeof *d->sent);
	d->para = arena_calloc(a, np ? np : 1, sizeof *d->para);
	if (!d->sent || !d->para)
		return enr_error_set(err, ENR_ENOMEM, "out of memory for sentences");
	long s = -1, p = -1;
	for (size_t i = 0; i < d->ntok; i++) {
		struct text_token *k = &d->tok[i];
		if (k->flags & TEXT_F_PARA_START) {
			p++;
			d->para[p].start = k->start;
			d->para[p].sent = (uint32_t)(s + 1);
		}
		if (k->flags & TEXT_F_SENT_START) {
			s++;
			d->sent[s].start = k->start;
			d->sent[s].tok = (uint32_t)i;
			d->sent[s].para = (uint32_t)p;
			d->para[p].nsent++;
		}
		k->sent = (uint32_t)s;
		d->sent[s].ntok++;
		d->sent[s].end = k->end;
		d->para[p].end = k->end;
	}
	d->nsent = ns;
	d->npara = np;
	return 0;
}

static int build_offsets(struct arena *a, struct text_doc *d, struct enr_error *err)
{
	size_t nmarks = d->len / TEXT_CHECKPOINT + 1;
	d->cp_mark = arena_alloc(a, nmarks * sizeof *d->cp_mark);
	d->u16_mark = arena_alloc(a, nmarks * sizeof *d->u16_mark);
	if (!d->cp_mark || !d->u16_mark)
		return enr_error_set(err, ENR_ENOMEM, "out of memory for offsets");
	uint32_t cp = 0, u16 = 0;
	const unsigned char *s = (const unsigned char *)d->text;
	const uint64_t hi = 0x8080808080808080ULL;
	_Static_assert(TEXT_CHECKPOINT % 8 == 0, "checkpoints fall on 8-byte steps");
	size_t i = 0;
	/* Eight bytes at a time, as in text_offset. */
	for (; i + 8 <= d->len; i += 8) {
		if (i % TEXT_CHECKPOINT == 0) {
			d->cp_mark[i / TEXT_CHECKPOINT] = cp;
			d->u16_mark[i / TEXT_CHECKPOINT] = u16;
		}
		uint64_t x;
		memcpy(&x, s + i, sizeof x);
		uint32_t starts = 8 - (uint32_t)__builtin_popcountll(x & ~(x << 1) & hi);
		cp += starts;
		u16 += starts + (uint32_t)__builtin_popcountll(x & (x << 1) & (x << 2) & (x << 3) & hi);
	}
	for (; i < d->len; i++) {
		if (i % TEXT_CHECKPOINT == 0) {
			d->cp_mark[i / TEXT_CHECKPOINT] = cp;
			d->u16_mark[i / TEXT_CHECKPOINT] = u16;
		}
		if ((s[i] & 0xC0) != 0x80) {
			cp++;
			u16 += s[i] >= 0xF0 ? 2 : 1;
		}
	}
	if (d->len % TEXT_CHECKPOINT == 0) {
		d->cp_mark[d->len / TEXT_CHECKPOINT] = cp;
		d->u16_mark[d->len / TEXT_CHECKPOINT] = u16;
	}
	d->nchars = cp;
	return 0;
}

int text_analyze(struct arena *a, const char *text, size_t len,
		 const struct text_limits *limits, struct text_doc *doc,
		 struct enr_error *err)
{
	memset(doc, 0, sizeof *doc);
	doc->text = text;
	doc->len = len;
	struct tokenizer t = {.a = a, .s = text, .n = len,
			      .max = limits ? limits->max_tokens : 0};
	int rc = tokenize(&t);
	if (rc == ENR_ETOOBIG)
		return enr_error_set(err, rc, "text has more than %zu tokens", t.max);
	if (rc)
		return enr_error_set(err, rc, "out of memory while tokenizing");
	doc->tok = t.tok;
	doc->ntok = t.ntok;
	mark_sentences(doc);
	mark_headlines(doc);
	rc = build_structure(a, doc, err);
	if (rc)
		return rc;
	return build_offsets(a, doc, err);
}

int text_from_tokens(struct arena *a, const char *const *toks, const size_t *lens,
		     const uint8_t *sent_end, size_t n, struct text_doc *doc,
		     struct enr_error *err)
{
	memset(doc, 0, sizeof *doc);
	size_t total = 1;
	for (size_t i = 0; i < n; i++)
		total += lens[i] + 1;
	char *buf = arena_alloc(a, total);
	struct tokenizer t = {.a = a, .s = buf, .n = 0};
	if (!buf)
		return enr_error_set(err, ENR_ENOMEM, "out of memory");
	size_t pos = 0;
	int new_sent = 1;
	for (size_t i = 0; i < n; i++) {
		if (i > 0)
			buf[pos++] = new_sent ? '\n' : ' ';
		memcpy(buf + pos, toks[i], lens[i]);
		t.n = pos + lens[i];
		uint32_t c = lens[i] ? peek(&t, pos, NULL) : 0;
		int kind = TEXT_SYMBOL;
		if (utf8_is_letter(c))
			kind = TEXT_WORD;
		else if (utf8_is_digit(c))
			kind = TEXT_NUMBER;
		else if (utf8_is_quote(c))
			kind = (lens[i] == 2 && (toks[i][1] == 's' || toks[i][1] == 'S'))
				       ? TEXT_POSSESSIVE : TEXT_QUOTE;
		else if (lens[i] && strchr(".,;:!?()[]{}", toks[i][0]))
			kind = TEXT_PUNCT;
		else if (c == '-' || utf8_is_dash(c))
			kind = TEXT_DASH;
		unsigned flags = (i > 0 ? TEXT_F_SPACE_BEFORE : 0) |
				 (new_sent ? TEXT_F_SENT_START | (i > 0 ? TEXT_F_NL_BEFORE : 0) : 0);
		if (kind == TEXT_WORD)
			flags |= case_flags(&t, pos, pos + lens[i]);
		if (kind == TEXT_QUOTE)
			flags |= quote_side(&t, c, pos, pos + lens[i]);
		int rc = tok_push(&t, pos, pos + lens[i], kind, flags);
		if (rc)
			return enr_error_set(err, rc, "out of memory");
		pos += lens[i];
		new_sent = sent_end[i] != 0;
	}
	buf[pos] = '\0';
	doc->text = buf;
	doc->len = pos;
	doc->tok = t.tok;
	doc->ntok = t.ntok;
	mark_headlines(doc);
	int rc = build_structure(a, doc, err);
	if (rc)
		return rc;
	return build_offsets(a, doc, err);
}

size_t text_offset(const struct text_doc *doc, size_t byte_off, enum text_unit unit)
{
	if (unit == TEXT_UNIT_UTF8)
		return byte_off;
	if (byte_off > doc->len)
		byte_off = doc->len;
	size_t m = byte_off / TEXT_CHECKPOINT;
	size_t v = unit == TEXT_UNIT_UTF16 ? doc->u16_mark[m] : doc->cp_mark[m];
	const unsigned char *s = (const unsigned char *)doc->text;
	size_t i = m * TEXT_CHECKPOINT;
	/* Eight bytes at a time: every byte but a continuation byte (10xxxxxx)
	 * starts a code point, and a 4-byte lead (11110xxx) is two UTF-16
	 * units. Bit 7 of each byte of x & ~(x << 1) is set for 10xxxxxx. */
	const uint64_t hi = 0x8080808080808080ULL;
	for (; i + 8 <= byte_off; i += 8) {
		uint64_t x;
		memcpy(&x, s + i, sizeof x);
		v += 8 - (size_t)__builtin_popcountll(x & ~(x << 1) & hi);
		if (unit == TEXT_UNIT_UTF16)
			v += (size_t)__builtin_popcountll(x & (x << 1) & (x << 2) & (x << 3) & hi);
	}
	for (; i < byte_off; i++)
		if ((s[i] & 0xC0) != 0x80)
			v += (unit == TEXT_UNIT_UTF16 && s[i] >= 0xF0) ? 2 : 1;
	return v;
}

int text_unit_parse(const char *s)
{
	if (!s || !strcmp(s, "codepoint") || !strcmp(s, "codepoints"))
		return TEXT_UNIT_CODEPOINT;
	if (!strcmp(s, "utf16") || !strcmp(s, "utf-16"))
		return TEXT_UNIT_UTF16;
	if (!strcmp(s, "utf8") || !strcmp(s, "utf-8") || !strcmp(s, "byte") || !strcmp(s, "bytes"))
		return TEXT_UNIT_UTF8;
	return -1;
}
