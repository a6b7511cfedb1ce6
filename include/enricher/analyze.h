/* One article through the whole analysis: text layer, entities, quotes,
 * claims, and the JSON answer of DESIGN.md. Used by every /v1 endpoint, the
 * batch endpoint and `enricher analyze`. */
#ifndef ENRICHER_ANALYZE_H
#define ENRICHER_ANALYZE_H

#include <jansson.h>

#include "enricher/arena.h"
#include "enricher/article.h"
#include "enricher/resources.h"

/* Analyses a (whose strings must outlive the call) and builds the answer
 * envelope: {"id","language","stats","entities","quotes","claims"}, with the
 * lists a->include asks for. On failure fills e and returns -1. */
int analyze_article(const struct resources *res, struct arena *arena,
		    const struct article *a, json_t **out, struct article_error *e);

#endif
