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

/* A small open-addressing map from a 64-bit key to an index (>= 0), in the
 * arena; sized for at most n keys. A slot reads -1 until set. */
struct ent_imap {
	uint64_t *key;
	int32_t *val;
	size_t mask;
};
int ent_imap_init(struct arena *a, struct ent_imap *mp, size_t n);
int32_t *ent_imap_slot(struct ent_imap *mp, uint64_t k);
uint64_t ent_mix(uint64_t h, uint64_t v);

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
