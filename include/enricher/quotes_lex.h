/* A small read-only phrase table for the quotes extractor (speech verbs,
 * speaker roles): normalised key (ASCII lowercase, single spaces) -> class
 * string. Loaded once, then read by every worker without locks. Private to
 * the quotes module until the shared lexicon layer (lexicon.h) is merged;
 * the file format is the same: "key<TAB>value" or "key", '#' comments. */
#ifndef ENRICHER_QUOTES_LEX_H
#define ENRICHER_QUOTES_LEX_H

#include <stddef.h>

#include "enricher/error.h"

struct quotes_lex;

/* Loads path; on failure a negative enr_status, err says file and line. */
int quotes_lex_load(const char *path, struct quotes_lex **out, struct enr_error *err);

/* Same from text in memory (tests). */
int quotes_lex_from_string(const char *data, struct quotes_lex **out, struct enr_error *err);

/* Value for key[0..n), compared with ASCII case folded, U+2019 read as "'", runs of spaces
 * folded; NULL when absent. Borrowed from the table. */
const char *quotes_lex_get(const struct quotes_lex *lx, const char *key, size_t n);

/* Most words in any key. */
size_t quotes_lex_max_words(const struct quotes_lex *lx);

/* Calls fn for every entry (load time only: the order is the table's). */
void quotes_lex_each(const struct quotes_lex *lx,
		     void (*fn)(const char *key, const char *value, void *ctx), void *ctx);

/* Accepts NULL. */
void quotes_lex_free(struct quotes_lex *lx);

#endif
