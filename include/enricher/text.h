/* The text layer: UTF-8 validation, a news-aware tokenizer, sentences,
 * paragraphs, and offset conversion between bytes, code points and UTF-16
 * units. Everything it returns lives in the caller's arena; the text itself
 * is borrowed and must outlive the doc. */
#ifndef ENRICHER_TEXT_H
#define ENRICHER_TEXT_H

#include <stddef.h>
#include <stdint.h>

#include "enricher/arena.h"
#include "enricher/error.h"

enum text_kind {
	TEXT_WORD = 0,     /* letters, possibly with digits, hyphens, apostrophes, dots (U.S.) */
	TEXT_NUMBER,       /* digits with separators: 1,000 3.5 2022 1996-08-22 */
	TEXT_PUNCT,        /* . , ; : ! ? ( ) [ ] and the like */
	TEXT_QUOTE,        /* " ' “ ” ‘ ’ « » ‹ › „ */
	TEXT_DASH,         /* - – — used as a dash, not inside a word */
	TEXT_ELLIPSIS,     /* ... or … */
	TEXT_POSSESSIVE,   /* 's or ' after a word (split off: Kyiv 's) */
	TEXT_SYMBOL        /* anything else: $ % & @ # emoji ... */
};

enum text_flag {
	TEXT_F_SENT_START = 1 << 0,  /* first token of a sentence */
	TEXT_F_PARA_START = 1 << 1,  /* first token of a paragraph */
	TEXT_F_SPACE_BEFORE = 1 << 2,/* whitespace right before the token */
	TEXT_F_NL_BEFORE = 1 << 3,   /* a line break between this and the previous token */
	TEXT_F_UPPER = 1 << 4,       /* first character is an uppercase letter */
	TEXT_F_ALLCAPS = 1 << 5,     /* has letters, all uppercase */
	TEXT_F_OPEN = 1 << 6,        /* TEXT_QUOTE: opening mark (curly, or guessed for straight) */
	TEXT_F_CLOSE = 1 << 7,       /* TEXT_QUOTE: closing mark */
	TEXT_F_ABBREV = 1 << 8,      /* word ending in '.' that is an abbreviation (Gen. U.S.) */
	TEXT_F_HEADLINE = 1 << 9     /* in a line whose words are mostly capitalised or all caps */
};

struct text_token {
	uint32_t start, end;  /* byte offsets into doc->text, end exclusive */
	uint32_t sent;        /* index of its sentence */
	uint16_t kind;        /* enum text_kind */
	uint16_t flags;       /* enum text_flag bits */
};

struct text_sentence {
	uint32_t start, end;  /* bytes: first token start, last token end */
	uint32_t tok;         /* first token */
	uint32_t ntok;
	uint32_t para;        /* index of its paragraph */
};

struct text_paragraph {
	uint32_t start, end;  /* bytes */
	uint32_t sent;        /* first sentence */
	uint32_t nsent;
};

enum text_unit {
	TEXT_UNIT_CODEPOINT = 0,
	TEXT_UNIT_UTF16,
	TEXT_UNIT_UTF8
};

struct text_limits {
	size_t max_tokens;    /* 0: no cap */
};

struct text_doc {
	const char *text;     /* borrowed, NUL-terminated */
	size_t len;           /* bytes */
	struct text_token *tok;
	size_t ntok;
	struct text_sentence *sent;
	size_t nsent;
	struct text_paragraph *para;
	size_t npara;
	size_t nwords;        /* tokens of kind WORD or NUMBER */
	size_t nchars;        /* code points */
	/* Offset conversion checkpoints: code points and UTF-16 units before
	 * every TEXT_CHECKPOINT-th byte. */
	uint32_t *cp_mark;
	uint32_t *u16_mark;
};

#define TEXT_CHECKPOINT 64

/* 0 when s[0..n) is valid UTF-8 (no overlongs, surrogates or NULs);
 * otherwise ENR_EUTF8 with *bad_at set to the first bad byte. */
int text_utf8_check(const char *s, size_t n, size_t *bad_at);

/* Length of the valid multi-byte sequence at s[0..n) (s[0] >= 0x80: no
 * overlong forms, surrogates or code points past U+10FFFF), or 0. */
size_t text_utf8_seq(const char *s, size_t n);

/* Decodes one code point at s[*i] (valid UTF-8 assumed), advances *i. */
uint32_t text_utf8_next(const char *s, size_t n, size_t *i);

/* Tokenizes, splits sentences and paragraphs. text must be valid UTF-8 and
 * NUL-terminated at text[len]. Returns ENR_ETOOBIG past limits->max_tokens. */
int text_analyze(struct arena *a, const char *text, size_t len,
		 const struct text_limits *limits, struct text_doc *doc,
		 struct enr_error *err);

/* Builds a doc from pre-split tokens (CoNLL training data): toks[i] are
 * joined by single spaces into one arena text, a sentence ends where
 * sent_end[i] is non-zero. */
int text_from_tokens(struct arena *a, const char *const *toks, const size_t *lens,
		     const uint8_t *sent_end, size_t n, struct text_doc *doc,
		     struct enr_error *err);

/* Converts a byte offset (on a code point boundary) to the unit asked for. */
size_t text_offset(const struct text_doc *doc, size_t byte_off, enum text_unit unit);

/* Parses "codepoint", "utf16", "utf8" (also "byte", "bytes"); -1 if unknown. */
int text_unit_parse(const char *s);

/* The token's bytes. */
static inline const char *text_tok_str(const struct text_doc *d, size_t i)
{
	return d->text + d->tok[i].start;
}

static inline size_t text_tok_len(const struct text_doc *d, size_t i)
{
	return d->tok[i].end - d->tok[i].start;
}

/* Does the token hold a digit ("M23", "G7")? */
static inline int text_tok_has_digit(const struct text_doc *d, size_t i)
{
	for (size_t k = d->tok[i].start; k < d->tok[i].end; k++)
		if (d->text[k] >= '0' && d->text[k] <= '9')
			return 1;
	return 0;
}

#endif
