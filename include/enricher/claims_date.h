/* Dates of claimed acts: a year, a month (with or without year), a day, or a
 * weekday resolved against the publication date. Used by the claims module. */
#ifndef ENRICHER_CLAIMS_DATE_H
#define ENRICHER_CLAIMS_DATE_H

#include <stddef.h>

#include "enricher/arena.h"
#include "enricher/text.h"

/* The date expression of tokens [s0, s1) nearest to token trig (at most
 * maxdist tokens away), as "YYYY", "YYYY-MM" or "YYYY-MM-DD" in the arena;
 * NULL when there is none or it cannot be resolved. words[i] is token i
 * lowercased (NULL for punctuation). published: "YYYY-MM-DD" or NULL. */
const char *claims_date_find(struct arena *a, const struct text_doc *doc,
			     const char *const *words, size_t s0, size_t s1, size_t trig,
			     size_t maxdist, const char *published);

#endif
