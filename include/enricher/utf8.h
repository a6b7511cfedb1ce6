/* Code point classes used by the tokenizer and the extractors. The
 * validation and decoding functions are in text.h (text_utf8_*). */
#ifndef ENRICHER_UTF8_H
#define ENRICHER_UTF8_H

#include <stdint.h>

int utf8_is_space(uint32_t c);
int utf8_is_quote(uint32_t c);
int utf8_is_dash(uint32_t c);   /* U+2010..U+2015 (not ASCII '-') */
int utf8_is_digit(uint32_t c);
int utf8_is_letter(uint32_t c);
int utf8_is_upper(uint32_t c);
int utf8_is_lower(uint32_t c);

#endif
