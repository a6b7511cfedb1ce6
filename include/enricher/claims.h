/* Territorial claims: who annexed, occupied, entered, liberated, left, claims
 * or recognises which territory. Uses entities and quotes. */
#ifndef ENRICHER_CLAIMS_H
#define ENRICHER_CLAIMS_H

#include <stddef.h>
#include <stdint.h>

#include "enricher/arena.h"
#include "enricher/entities.h"
#include "enricher/error.h"
#include "enricher/jsonw.h"
#include "enricher/quotes.h"
#include "enricher/text.h"

enum claim_kind {
	CLAIM_ANNEXATION = 0, CLAIM_OCCUPATION, CLAIM_INCURSION, CLAIM_LIBERATION,
	CLAIM_WITHDRAWAL, CLAIM_SOVEREIGNTY, CLAIM_RECOGNITION, CLAIM_NKINDS
};
enum claim_status { CLAIM_ASSERTED = 0, CLAIM_REPORTED, CLAIM_DEMANDED, CLAIM_DENIED };

struct claims_res;

struct claim {
	uint8_t kind, status;
	const char *actor;          /* canonical actor name, or NULL */
	int32_t actor_entity;       /* -1 if none */
	const char *territory;      /* canonical territory name */
	int32_t territory_entity;   /* -1 if none */
	const char *code;           /* ISO 3166 code of the territory, or NULL */
	const char *date;           /* "2014", "2024-08", "2024-08-06", or NULL */
	int32_t source_quote;       /* index into quote_list, or -1 */
	uint32_t ev_start, ev_end;  /* bytes of the evidence */
};

struct claim_list {
	struct claim *c;
	size_t n;
};

/* published: "YYYY-MM-DD" or NULL (to resolve weekdays and "last year"). */
struct claims_input {
	const char *published;
};

int claims_load(const char *config_dir, struct claims_res **out, struct enr_error *err);
void claims_res_free(struct claims_res *r);

int claims_find(const struct claims_res *r, struct arena *a,
		const struct text_doc *doc, const struct entity_list *el,
		const struct quote_list *ql, const struct claims_input *in,
		struct claim_list *out, struct enr_error *err);

const char *claims_kind_name(int kind);
const char *claims_status_name(int status);

/* Appends the JSON array of DESIGN.md to w; cl NULL: an empty array. */
void claims_render(struct jsonw *w, const struct claim_list *cl, const struct entity_list *el,
		   const struct quote_list *ql, const struct text_doc *doc, enum text_unit unit);

#endif
