/* Quotes: direct, partial and indirect quotes, their cues and speakers
 * (resolved to entities where possible). Uses the entity layer, never the
 * other way round. */
#ifndef ENRICHER_QUOTES_H
#define ENRICHER_QUOTES_H

#include <stddef.h>
#include <stdint.h>

#include "enricher/arena.h"
#include "enricher/entities.h"
#include "enricher/error.h"
#include "enricher/jsonw.h"
#include "enricher/lexicon.h"
#include "enricher/text.h"

enum quote_kind { QUOTE_DIRECT = 0, QUOTE_PARTIAL, QUOTE_INDIRECT };

struct quotes_res;

struct quote {
	uint32_t start, end;      /* bytes of the content, without the marks */
	uint8_t kind;             /* enum quote_kind */
	int32_t speaker_entity;   /* index into entity_list.ent, or -1 */
	const char *speaker_name; /* canonical name, or the group phrase; NULL if unknown */
	int32_t speaker_mention;  /* index into entity_list.men, or -1 */
	uint32_t sp_start, sp_end;/* bytes of the phrase naming the speaker (0,0 if none) */
	uint32_t cue_start, cue_end; /* bytes of the cue (0,0 if none) */
};

struct quote_list {
	struct quote *q;
	size_t n;
};

int quotes_load(const char *config_dir, struct quotes_res **out, struct enr_error *err);
void quotes_res_free(struct quotes_res *r);

/* Builds the resources from lexicons already loaded (tests); takes
 * ownership of both, also on failure. */
struct lexicon;
int quotes_load_from_lexicons(struct lexicon *cues, struct lexicon *roles,
			      struct quotes_res **out, struct enr_error *err);

int quotes_find(const struct quotes_res *r, struct arena *a,
		const struct text_doc *doc, const struct entity_list *el,
		struct quote_list *out, struct enr_error *err);

/* Appends the JSON array of DESIGN.md to w; ql NULL: an empty array. */
void quotes_render(struct jsonw *w, const struct quote_list *ql, const struct entity_list *el,
		   const struct text_doc *doc, enum text_unit unit);

#endif
