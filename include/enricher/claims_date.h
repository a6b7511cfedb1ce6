/* Dates of claimed acts: a year, a month (with or without year), a day, or a
 * weekday resolved against the publication date. Used by the claims module. */
#ifndef ENRICHER_CLAIMS_DATE_H
#define ENRICHER_CLAIMS_DATE_H

#include <stddef.h>

#include "enricher/arena.h"
#include "enricher/text.h"

/* The date of the act at token trig, as "YYYY", "YYYY-MM" or "YYYY-MM-DD"
 * in the arena: the first date after it before token s1 (the end of its
 * clause, at most maxdist tokens on), else one just before it, else one
 * opening the sentence that starts at s0 ("In 2014, ..."). NULL when there
 * is none or it cannot be resolved. words[i] is token i lowercased (NULL for
 * punctuation). published: "YYYY-MM-DD" or NULL. */
const char *claims_date_find(struct arena *a, const struct text_doc *doc,
			     const char *const *words, size_t s0, size_t s1, size_t trig,
			     size_t maxdist, const char *published);

#endif
