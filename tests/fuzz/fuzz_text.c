/* libFuzzer target: the text layer. text_utf8_check on any bytes, checked
 * against a plain reference validator; on bytes it accepts, text_analyze
 * and text_offset, with the invariants of text.h: tokens in order and inside
 * the text on code point boundaries, sentences and paragraphs covering
 * their tokens, offsets monotone in every unit. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "enricher/text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define FUZZ_CHECK(c) do { if (!(c)) abort(); } while (0)

/* Reference: RFC 3629 UTF-8 without NUL, written from the table of
 * well-formed byte sequences; returns the offset of the first bad byte. */
static size_t ref_utf8_bad(const uint8_t *s, size_t n)
{
	size_t i = 0;
	while (i < n) {
		uint8_t c = s[i];
		size_t len;
		uint8_t lo = 0x80, hi = 0xBF;
		if (c == 0)
			return i;
		if (c < 0x80) {
			i++;
			continue;
		} else if (c >= 0xC2 && c <= 0xDF) {
			len = 2;
		} else if (c >= 0xE0 && c <= 0xEF) {
			len = 3;
			if (c == 0xE0)
				lo = 0xA0;
			if (c == 0xED)
				hi = 0x9F;
		} else if (c >= 0xF0 && c <= 0xF4) {
			len = 4;
			if (c == 0xF0)
				lo = 0x90;
			if (c == 0xF4)
				hi = 0x8F;
		} else {
			return i;
		}
		if (i + len > n)
			return i;
		if (s[i + 1] < lo || s[i + 1] > hi)
			return i;
		for (size_t k = 2; k < len; k++)
			if ((s[i + k] & 0xC0) != 0x80)
				return i;
		i += len;
	}
	return n;
}

static int is_boundary(const uint8_t *s, size_t n, size_t off)
{
	return off == n || (off < n && (s[off] & 0xC0) != 0x80);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t bad = (size_t)-1;
	int rc = text_utf8_check((const char *)data, size, &bad);
	size_t ref = ref_utf8_bad(data, size);
	/* Both agree on valid or not, and on the lead byte of the first bad
	 * sequence. */
	FUZZ_CHECK((rc == 0) == (ref == size));
	if (rc)
		FUZZ_CHECK(bad == ref);
	if (rc)
		return 0;

	char *text = malloc(size + 1);
	if (!text)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';

	/* Decoding walks the text one code point at a time, never stuck. */
	size_t ncp = 0, nu16 = 0;
	for (size_t i = 0; i < size;) {
		size_t before = i;
		uint32_t c = text_utf8_next(text, size, &i);
		FUZZ_CHECK(i > before && i <= size && c <= 0x10FFFF && c != 0);
		FUZZ_CHECK(c < 0xD800 || c > 0xDFFF);
		ncp++;
		nu16 += c >= 0x10000 ? 2 : 1;
	}

	struct arena *a = arena_new(256u << 20);
	struct text_doc doc;
	struct enr_error err;
	enr_error_clear(&err);
	struct text_limits lim = {.max_tokens = 1u << 20};
	if (!a || text_analyze(a, text, size, &lim, &doc, &err)) {
		arena_free(a);
		free(text);
		return 0;
	}
	const uint8_t *s = (const uint8_t *)text;
	FUZZ_CHECK(doc.len == size && doc.nchars == ncp);
	FUZZ_CHECK(doc.nwords <= doc.ntok);
	uint32_t prev_end = 0;
	for (size_t i = 0; i < doc.ntok; i++) {
		const struct text_token *t = &doc.tok[i];
		FUZZ_CHECK(t->start < t->end && t->end <= size && t->start >= prev_end);
		FUZZ_CHECK(is_boundary(s, size, t->start) && is_boundary(s, size, t->end));
		FUZZ_CHECK(t->sent < doc.nsent && t->kind <= TEXT_SYMBOL);
		prev_end = t->end;
	}
	size_t tokens_seen = 0;
	for (size_t i = 0; i < doc.nsent; i++) {
		const struct text_sentence *st = &doc.sent[i];
		FUZZ_CHECK(st->ntok > 0 && st->tok + st->ntok <= doc.ntok);
		FUZZ_CHECK(st->tok == tokens_seen && st->para < doc.npara);
		FUZZ_CHECK(st->start == doc.tok[st->tok].start);
		FUZZ_CHECK(st->end == doc.tok[st->tok + st->ntok - 1].end);
		tokens_seen += st->ntok;
	}
	FUZZ_CHECK(tokens_seen == doc.ntok);
	for (size_t i = 0; i < doc.npara; i++) {
		const struct text_paragraph *p = &doc.para[i];
		FUZZ_CHECK(p->start <= p->end && p->end <= size && p->sent + p->nsent <= doc.nsent);
	}
	/* Offsets: exact against a count of code points and UTF-16 units made
	 * while walking the text (every boundary of a short text, a sample of
	 * a long one, and always the end). */
	size_t cp = 0, u16 = 0, stride = size < 512 ? 1 : 13;
	for (size_t i = 0;;) {
		if (i == size || i % stride == 0) {
			FUZZ_CHECK(text_offset(&doc, i, TEXT_UNIT_CODEPOINT) == cp);
			FUZZ_CHECK(text_offset(&doc, i, TEXT_UNIT_UTF16) == u16);
			FUZZ_CHECK(text_offset(&doc, i, TEXT_UNIT_UTF8) == i);
		}
		if (i == size)
			break;
		uint32_t c = text_utf8_next(text, size, &i);
		cp++;
		u16 += c >= 0x10000 ? 2 : 1;
	}
	FUZZ_CHECK(cp == ncp && u16 == nu16);
	arena_free(a);
	free(text);
	return 0;
}
