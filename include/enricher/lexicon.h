/* Lexicons: read-only maps from a normalised key (lowercase, single spaces)
 * to a value string, loaded once from a text file in config/ and then shared
 * by every worker without locks.
 *
 * File format: UTF-8, one entry a line, "key<TAB>value" or "key" alone
 * (value ""); '#' starts a comment line; blank lines are skipped. Keys may
 * span several words ("according to", "presidential adviser"). */
#ifndef ENRICHER_LEXICON_H
#define ENRICHER_LEXICON_H

#include <stddef.h>
#include <stdint.h>

#include "enricher/error.h"

struct lexicon;

/* Loads path. On failure returns a negative enr_status with the file and
 * line in err, and *out is NULL. The lexicon owns all its strings. */
int lexicon_load(const char *path, struct lexicon **out, struct enr_error *err);

/* Builds a lexicon from "key\tvalue\n" text in memory (tests, built-ins). */
int lexicon_from_string(const char *data, struct lexicon **out, struct enr_error *err);

/* Value for key[0..n) compared case-insensitively (ASCII and Latin letters
 * folded) with runs of spaces folded; NULL when absent. Borrowed. */
const char *lexicon_get(const struct lexicon *lx, const char *key, size_t n);

static inline int lexicon_has(const struct lexicon *lx, const char *key, size_t n)
{
	return lexicon_get(lx, key, n) != NULL;
}

/* Longest number of words in any key (to bound multi-word lookups). */
size_t lexicon_max_words(const struct lexicon *lx);

size_t lexicon_size(const struct lexicon *lx);

/* Accepts NULL. */
void lexicon_free(struct lexicon *lx);

/* The key normalisation shared with the gazetteer: ASCII lowercased, Latin
 * letters with diacritics folded to their base letters ("Łódź" -> "lodz"),
 * Cyrillic and Greek capitals lowercased, curly apostrophes made straight,
 * runs of whitespace made one space, leading and trailing space dropped.
 * Writes at most cap bytes to out (no NUL) and returns the folded length,
 * which is larger than cap when out was too small. */
size_t lexicon_fold(const char *s, size_t n, char *out, size_t cap);

/* 64-bit FNV-1a of s[0..n), the hash of folded keys. */
uint64_t lexicon_hash(const char *s, size_t n);

#endif
