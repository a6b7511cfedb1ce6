/* Internals shared by the entity layer's files (handlers/entities*.c):
 * mention collection and clustering. Not for other modules. */
#ifndef ENRICHER_ENTITIES_IMPL_H
#define ENRICHER_ENTITIES_IMPL_H

#include "enricher/entities.h"

/* What the clustering needs to know about a mention beyond struct mention.
 * All strings live in the request arena. */
struct ment_extra {
	const struct gaz_entry *gaz; /* the place or organisation it names, or NULL */
	const char *title;           /* a title seen with it ("presidential adviser"), or NULL */
	const char *key;             /* folded text: "vladimir putin" (no leading "the ") */
	uint32_t klen;
	uint64_t hash;               /* of key */
	uint32_t ext_end;            /* byte end with a lowercase suffix word ("Kursk region") */
	uint32_t last;               /* offset in key of the last word */
	uint8_t from_gaz;            /* added from the gazetteer, not the tagger */
	uint8_t demonym;             /* a nationality word ("Russian") */
	uint8_t org_cue;             /* read as a company by its context ("Lisbon-based Vela") */
};

struct ent_mentions {
	struct mention *men;
	struct ment_extra *x;
	size_t n;
};

/* Turns BIO tags into clean mentions (titles, "the", possessives off),
 * adds gazetteer hits the tags missed, links gazetteer entries and titles. */
int entities_collect(const struct entities_res *r, struct arena *a,
		     const struct text_doc *doc, const uint8_t *tags,
		     struct ent_mentions *m, struct enr_error *err);

/* Clusters mentions into entities: names, types by vote, salience, codes. */
int entities_cluster(const struct entities_res *r, struct arena *a,
		     const struct text_doc *doc, struct ent_mentions *m,
		     struct entity_list *out, struct enr_error *err);

#endif
