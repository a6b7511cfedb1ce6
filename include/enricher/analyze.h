/* One article through the whole analysis: text layer, entities, quotes,
 * claims, and the JSON answer of DESIGN.md. Used by every /v1 endpoint, the
 * batch endpoint and `enricher analyze`. */
#ifndef ENRICHER_ANALYZE_H
#define ENRICHER_ANALYZE_H

#include <jansson.h>

#include "enricher/arena.h"
#include "enricher/article.h"
#include "enricher/jsonw.h"
#include "enricher/resources.h"

/* Analyses a (whose strings must outlive the call) and appends the answer
 * envelope to w as one JSON value: {"id","url","text","title","published",
 * "language","entities","quotes","claims","stats"}, with the lists
 * a->include asks for. On failure fills e, writes nothing and returns -1. */
int analyze_article(const struct resources *res, struct arena *arena,
		    const struct article *a, struct jsonw *w, struct article_error *e);

#endif
