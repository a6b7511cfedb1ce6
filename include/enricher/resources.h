/* Everything loaded once at start and shared read-only by every worker
 * thread without locks: the tagger and gazetteer (entities), lexicons of
 * the extractors, the API description, and the limits from config. */
#ifndef ENRICHER_RESOURCES_H
#define ENRICHER_RESOURCES_H

#include <stddef.h>

#include "enricher/claims.h"
#include "enricher/config.h"
#include "enricher/entities.h"
#include "enricher/error.h"
#include "enricher/fetch.h"
#include "enricher/quotes.h"

struct limits {
	size_t max_body_bytes;
	size_t max_json_depth;
	size_t max_tokens;
	size_t max_arena_bytes;
	size_t batch_max;
};

struct resources {
	struct entities_res *entities;
	struct quotes_res *quotes;
	struct claims_res *claims;
	char *openapi;                 /* the API description, JSON text */
	size_t openapi_len;
	struct limits limits;
	struct fetch_config fetch;     /* strings borrowed from the config */
};

/* Loads from cfg->config_dir. The config must outlive the resources. */
int resources_load(const struct config *cfg, struct resources **out, struct enr_error *err);

/* Accepts NULL. */
void resources_free(struct resources *r);

#endif
