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

/* Options of lexicon_load_opts / lexicon_from_string_opts. The default fold
 * is lexicon_fold; LEXICON_ASCII keeps older tables' narrower key
 * normalisation (lexicon_fold_ascii), used by loading and lookups alike. */
enum lexicon_flags {
	LEXICON_ASCII = 1 << 0,     /* fold keys with lexicon_fold_ascii */
	LEXICON_LSQUO = 1 << 1,     /* with LEXICON_ASCII: U+2018 is ' as well as U+2019 */
	LEXICON_OPTIONAL = 1 << 2   /* a missing file loads as an empty lexicon */
};

int lexicon_load_opts(const char *path, unsigned flags, struct lexicon **out,
		      struct enr_error *err);
int lexicon_from_string_opts(const char *data, unsigned flags, struct lexicon **out,
			     struct enr_error *err);

/* Value for key[0..n) compared case-insensitively (ASCII and Latin letters
 * folded) with runs of spaces folded; NULL when absent. Borrowed. */
const char *lexicon_get(const struct lexicon *lx, const char *key, size_t n);

static inline int lexicon_has(const struct lexicon *lx, const char *key, size_t n)
{
	return lexicon_get(lx, key, n) != NULL;
}

/* Same for a key already folded by this lexicon's fold (no second fold:
 * callers that fold a token once and look it up in several lexicons). */
const char *lexicon_get_folded(const struct lexicon *lx, const char *key, size_t n);

/* Adds key[0..kn) (folded here) -> val[0..vn), replacing the value of an
 * existing key (its number stays). Load time only. 0 when added, 1 when the
 * key folds to nothing or is too long (skipped), ENR_ENOMEM. */
int lexicon_put(struct lexicon *lx, const char *key, size_t kn, const char *val, size_t vn);

/* A number beside each entry's value, 0 until set (load time only). */
void lexicon_set_ints(struct lexicon *lx, uint32_t (*fn)(const char *value));
/* Sets the number of key (folded here), adding it with value "" if absent;
 * return as lexicon_put. */
int lexicon_put_int(struct lexicon *lx, const char *key, size_t kn, uint32_t ival);
/* The number of a key already folded; 1 when the key exists, else 0. */
int lexicon_get_int_folded(const struct lexicon *lx, const char *key, size_t n, uint32_t *out);

/* Longest number of words in any key (to bound multi-word lookups). */
size_t lexicon_max_words(const struct lexicon *lx);

size_t lexicon_size(const struct lexicon *lx);

/* Calls fn for every entry with its folded key and its value (load time:
 * the order is the table's, not the file's). Accepts NULL. */
void lexicon_each(const struct lexicon *lx,
		  void (*fn)(const char *key, const char *value, void *ctx), void *ctx);

/* Accepts NULL. */
void lexicon_free(struct lexicon *lx);

/* The key normalisation shared with the gazetteer: ASCII lowercased, Latin
 * letters with diacritics folded to their base letters ("Łódź" -> "lodz"),
 * Cyrillic and Greek capitals lowercased, curly apostrophes made straight,
 * runs of whitespace made one space, leading and trailing space dropped.
 * Writes at most cap bytes to out (no NUL) and returns the folded length,
 * which is larger than cap when out was too small. */
size_t lexicon_fold(const char *s, size_t n, char *out, size_t cap);

/* The narrow fold of LEXICON_ASCII: ASCII lowercased, U+2019 (and U+2018
 * when lsquo) made ', runs of " \t\n\r" made one space, trimmed; all other
 * bytes kept. Same contract for out, cap and the result as lexicon_fold. */
size_t lexicon_fold_ascii(const char *s, size_t n, char *out, size_t cap, int lsquo);

/* 64-bit FNV-1a of s[0..n), the hash of folded keys. */
uint64_t lexicon_hash(const char *s, size_t n);

#endif
