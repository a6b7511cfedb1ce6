/* The entity layer: tagger spans plus gazetteer hits become mentions, and
 * mentions are clustered into entities with a canonical name, a type by vote,
 * a salience, and for places an ISO 3166 code. Also the /v1/entities
 * endpoint's rendering. */
#ifndef ENRICHER_ENTITIES_H
#define ENRICHER_ENTITIES_H

#include <stddef.h>
#include <stdint.h>

#include "enricher/arena.h"
#include "enricher/error.h"
#include "enricher/gazetteer.h"
#include "enricher/jsonw.h"
#include "enricher/lexicon.h"
#include "enricher/tagger.h"
#include "enricher/text.h"

/* Read-only resources of the entity layer, loaded once. */
struct entities_res {
	struct gazetteer *gaz;
	struct tagger_model *tagger;
	struct lexicon *titles;     /* "president", "presidential adviser" ... */
	struct lexicon *demonyms;   /* "russian" -> "Russia" */
	struct lexicon *capitals;   /* "kyiv" -> "Ukraine" (capital metonymy) */
	struct lexicon *org_words;  /* "ministry", "council", "forces" ... */
	struct lexicon *common;     /* lowercase English words: "context", "until" */
};

struct mention {
	uint32_t tok, ntok;       /* tokens doc->tok[tok .. tok+ntok) */
	uint32_t start, end;      /* bytes */
	int32_t entity;           /* index into entity_list.ent */
	uint8_t type;             /* enum ner_type: its entity's type, after the vote */
	uint8_t from_title;       /* preceded by a title ("President X") */
};

struct entity {
	const char *name;         /* canonical: the fullest form */
	uint8_t type;             /* enum ner_type, by vote over mentions */
	float salience;           /* [0,1] */
	const char *code;         /* ISO 3166 code for places, else NULL */
	const char *country;      /* ISO alpha-2 of the containing country, else NULL */
	const char *title;        /* a title seen with a person ("presidential adviser"), else NULL */
	uint32_t *mentions;       /* indexes into entity_list.men, in text order */
	size_t nmentions;
	const char **aliases;     /* distinct surface forms, incl. "Kursk region" for a
				   * "Kursk" mention followed by "region" */
	size_t naliases;
};

struct entity_list {
	struct mention *men;      /* in text order */
	size_t nmen;
	struct entity *ent;       /* by first appearance */
	size_t nent;
	int32_t *tok_mention;     /* per token: mention index or -1 */
	uint8_t *tags;            /* per token: the tagger's BIO tags */
	size_t ntok;              /* tokens of the doc (length of the two arrays above) */
};

/* Loads the tagger, gazetteer and lexicons from the config directory layout
 * (models/, gazetteers/, lexicons/). */
int entities_load(const char *config_dir, const char *model_path,
		  struct entities_res **out, struct enr_error *err);
void entities_res_free(struct entities_res *r);

/* Finds the entities of doc. Everything is allocated in a. */
int entities_find(const struct entities_res *r, struct arena *a,
		  const struct text_doc *doc, struct entity_list *out,
		  struct enr_error *err);

/* entities_find with the BIO tags given by the caller (tags[0..doc->ntok),
 * as tagger_tag writes them) instead of the tagger's: tests, other taggers.
 * r->tagger may be NULL here. */
int entities_from_tags(const struct entities_res *r, struct arena *a,
		       const struct text_doc *doc, const uint8_t *tags,
		       struct entity_list *out, struct enr_error *err);

/* The entity whose mention covers token i, or -1 (also for i out of range). */
int entities_at(const struct entity_list *el, size_t tok);

/* Appends the JSON array of DESIGN.md ("id": "e<index+1>") to w; el or doc
 * NULL: an empty array. */
void entities_render(struct jsonw *w, const struct entity_list *el, const struct text_doc *doc,
		     enum text_unit unit);

#endif
