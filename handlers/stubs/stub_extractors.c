/* Stand-ins for modules not merged yet: empty results, never errors. */
#include <stdlib.h>
#include <string.h>

#include "enricher/claims.h"
#include "enricher/entities.h"
#include "enricher/quotes.h"


int entities_load(const char *config_dir, const char *model_path,
		  struct entities_res **out, struct enr_error *err)
{
	*out = calloc(1, sizeof **out);
	return *out ? 0 : enr_error_set(err, ENR_ENOMEM, "out of memory");
}
void entities_res_free(struct entities_res *r) { free(r); }
int entities_find(const struct entities_res *r, struct arena *a,
		  const struct text_doc *doc, struct entity_list *out, struct enr_error *err)
{
	memset(out, 0, sizeof *out);
	return 0;
}
int entities_at(const struct entity_list *el, size_t tok) { return -1; }
json_t *entities_render(const struct entity_list *el, const struct text_doc *doc,
			enum text_unit unit) { return json_array(); }

#include "enricher/fetch.h"
int fetch_global_init(struct enr_error *err) { return 0; }
void fetch_global_cleanup(void) {}
int fetch_article(const struct fetch_config *cfg, const char *url, struct arena *a,
		  struct fetched_article *out, int *http_status,
		  const char **error_code, struct enr_error *err)
{
	*http_status = 422;
	*error_code = "fetch_disabled";
	return enr_error_set(err, ENR_EINVAL, "fetching by URL is not available in this build");
}

#include "enricher/tagger.h"
int tagger_train(const struct tagger_train_opts *o, const struct gazetteer *gaz,
		 struct enr_error *err)
{
	return enr_error_set(err, ENR_EINVAL, "the tagger is not in this build yet");
}
int gazetteer_load(const char *dir, struct gazetteer **out, struct enr_error *err)
{
	*out = NULL;
	return 0;
}
void gazetteer_free(struct gazetteer *g) {}
