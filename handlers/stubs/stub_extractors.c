/* Stand-ins for modules not merged yet: empty results, never errors. */
#include <stdlib.h>
#include <string.h>

#include "enricher/claims.h"
#include "enricher/entities.h"
#include "enricher/quotes.h"

struct claims_res { int unused; };

int claims_load(const char *config_dir, struct claims_res **out, struct enr_error *err)
{
	*out = calloc(1, sizeof **out);
	return *out ? 0 : enr_error_set(err, ENR_ENOMEM, "out of memory");
}
void claims_res_free(struct claims_res *r) { free(r); }
int claims_find(const struct claims_res *r, struct arena *a, const struct text_doc *doc,
		const struct entity_list *el, const struct quote_list *ql,
		const struct claims_input *in, struct claim_list *out, struct enr_error *err)
{
	memset(out, 0, sizeof *out);
	return 0;
}
json_t *claims_render(const struct claim_list *cl, const struct entity_list *el,
		      const struct quote_list *ql, const struct text_doc *doc,
		      enum text_unit unit) { return json_array(); }
