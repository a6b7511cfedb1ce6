/* GET /: the page that draws the enrichment over an article. */
#include "enricher/handler.h"

const struct route page_routes[] = {
	{0},
};
