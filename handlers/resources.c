/* Loads the shared read-only resources once at start. */
#include "enricher/resources.h"

#include "enricher/file.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int resources_load(const struct config *cfg, struct resources **out, struct enr_error *err)
{
	*out = NULL;
	struct resources *r = calloc(1, sizeof *r);
	if (!r)
		return enr_error_set(err, ENR_ENOMEM, "out of memory");
	char path[4096];
	int rc;
	const char *model = cfg->model;
	if (!model || !*model) {
		snprintf(path, sizeof path, "%s/models/ner.model", cfg->config_dir);
		model = path;
	}
	rc = entities_load(cfg->config_dir, model, &r->entities, err);
	if (rc)
		goto fail;
	rc = quotes_load(cfg->config_dir, &r->quotes, err);
	if (rc)
		goto fail;
	rc = claims_load(cfg->config_dir, &r->claims, err);
	if (rc)
		goto fail;
	snprintf(path, sizeof path, "%s/openapi.json", cfg->config_dir);
	rc = file_read_all(path, 0, &r->openapi, &r->openapi_len, NULL, err);
	if (rc)
		goto fail;
	r->limits.max_body_bytes = (size_t)cfg->max_body_bytes;
	r->limits.max_json_depth = (size_t)cfg->max_json_depth;
	r->limits.max_tokens = (size_t)cfg->max_tokens;
	r->limits.max_arena_bytes = (size_t)cfg->max_arena_bytes;
	r->limits.batch_max = (size_t)cfg->batch_max;
	r->fetch.enabled = (int)cfg->fetch_enabled;
	r->fetch.timeout_s = cfg->fetch_timeout;
	r->fetch.max_bytes = (size_t)cfg->fetch_max_bytes;
	r->fetch.max_redirects = (int)cfg->fetch_max_redirects;
	r->fetch.allow = cfg->fetch_allow;
	r->fetch.user_agent = "enricher/" ENRICHER_VERSION;
	rc = fetch_config_check(&r->fetch, err);  /* a bad fetch_allow fails at start */
	if (rc)
		goto fail;
	*out = r;
	return 0;
fail:
	resources_free(r);
	return rc;
}

void resources_free(struct resources *r)
{
	if (!r)
		return;
	entities_res_free(r->entities);
	quotes_res_free(r->quotes);
	claims_res_free(r->claims);
	free(r->openapi);
	free(r);
}
