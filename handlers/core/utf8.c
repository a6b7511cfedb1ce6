/* UTF-8 validation and decoding, and code point classes the tokenizer needs.
 * Deliberately small: news text is mostly Latin, Cyrillic and punctuation. */
#include "enricher/text.h"
#include "enricher/utf8.h"

size_t text_utf8_seq(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	unsigned c = p[0], cp;
	size_t len;
	if (c >= 0xC2 && c <= 0xDF) {
		len = 2;
		cp = c & 0x1F;
	} else if (c >= 0xE0 && c <= 0xEF) {
		len = 3;
		cp = c & 0x0F;
	} else if (c >= 0xF0 && c <= 0xF4) {
		len = 4;
		cp = c & 0x07;
	} else {
		return 0;
	}
	if (n < len)
		return 0;
	for (size_t k = 1; k < len; k++) {
		if ((p[k] & 0xC0) != 0x80)
			return 0;
		cp = (cp << 6) | (p[k] & 0x3F);
	}
	if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
	    (cp >= 0xD800 && cp <= 0xDFFF))
		return 0;
	return len;
}

int text_utf8_check(const char *s, size_t n, size_t *bad_at)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;
	while (i < n) {
		unsigned c = p[i];
		if (c < 0x80) {
			if (c == 0)
				goto bad;
			i++;
			continue;
		}
		size_t len = text_utf8_seq(s + i, n - i);
		if (!len)
			goto bad;
		i += len;
	}
	return 0;
bad:
	if (bad_at)
		*bad_at = i;
	return ENR_EUTF8;
}

uint32_t text_utf8_next(const char *s, size_t n, size_t *i)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t k = *i;
	if (k >= n)
		return 0;
	unsigned c = p[k];
	uint32_t cp;
	size_t len;
	if (c < 0x80) {
		*i = k + 1;
		return c;
	} else if (c < 0xE0) {
		len = 2;
		cp = c & 0x1F;
	} else if (c < 0xF0) {
		len = 3;
		cp = c & 0x0F;
	} else {
		len = 4;
		cp = c & 0x07;
	}
	if (n - k < len) {
		*i = n;
		return 0xFFFD;
	}
	for (size_t j = 1; j < len; j++)
		cp = (cp << 6) | (p[k + j] & 0x3F);
	*i = k + len;
	return cp;
}

int utf8_is_space(uint32_t c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v' ||
	       c == 0xA0 || (c >= 0x2000 && c <= 0x200B) || c == 0x2028 || c == 0x2029 ||
	       c == 0x202F || c == 0x205F || c == 0x3000 || c == 0xFEFF;
}

int utf8_is_quote(uint32_t c)
{
	return c == '"' || c == '\'' || c == 0xAB || c == 0xBB || (c >= 0x2018 && c <= 0x201F) ||
	       c == 0x2039 || c == 0x203A || c == 0x300C || c == 0x300D;
}

int utf8_is_dash(uint32_t c)
{
	return c >= 0x2010 && c <= 0x2015;
}

int utf8_is_digit(uint32_t c)
{
	return c >= '0' && c <= '9';
}

/* Letters: ASCII letters and every non-ASCII code point outside the
 * punctuation and symbol blocks (good enough for Latin, Cyrillic, Greek,
 * Arabic, Hebrew and CJK names). */
int utf8_is_letter(uint32_t c)
{
	if (c < 0x80)
		return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
	if (c < 0xC0)
		return c == 0xAA || c == 0xB5 || c == 0xBA;
	if (c == 0xD7 || c == 0xF7)
		return 0;
	if (c >= 0x2000 && c <= 0x2BFF)
		return 0;  /* punctuation, symbols, arrows, math, box drawing */
	if (c >= 0x3000 && c <= 0x303F)
		return 0;
	if (c >= 0xFE30 && c <= 0xFE4F)
		return 0;
	if (c >= 0xFF00 && c <= 0xFF20)
		return 0;
	if (c >= 0x1F000)
		return 0;  /* emoji and pictographs */
	if (c >= 0x0300 && c <= 0x036F)
		return 1;  /* combining marks continue a word */
	return 1;
}

int utf8_is_upper(uint32_t c)
{
	if (c < 0x80)
		return c >= 'A' && c <= 'Z';
	if (c >= 0xC0 && c <= 0xDE)
		return c != 0xD7;
	if (c >= 0x100 && c <= 0x17F)
		return (c & 1) == 0 || c == 0x139 || c == 0x13B || c == 0x13D || c == 0x13F;
	if (c >= 0x391 && c <= 0x3A9)
		return 1;
	if (c >= 0x400 && c <= 0x42F)
		return 1;
	return 0;
}

int utf8_is_lower(uint32_t c)
{
	if (c < 0x80)
		return c >= 'a' && c <= 'z';
	if (utf8_is_upper(c))
		return 0;
	return utf8_is_letter(c);
}
