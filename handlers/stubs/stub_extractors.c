/* Stand-ins for modules not merged yet: empty results, never errors. */
#include <stdlib.h>
#include <string.h>

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
