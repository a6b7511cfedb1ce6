/* The named-entity tagger: an averaged-perceptron sequence model over rich
 * token features with Viterbi decoding. The model is loaded once and read by
 * every worker without locks; tagging allocates only from the request arena. */
#ifndef ENRICHER_TAGGER_H
#define ENRICHER_TAGGER_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "enricher/arena.h"
#include "enricher/error.h"
#include "enricher/gazetteer.h"
#include "enricher/text.h"

/* Entity types, shared with the entity layer. */
enum ner_type { NER_NONE = 0, NER_PER, NER_ORG, NER_LOC, NER_MISC, NER_NTYPES };

/* BIO tags: 0 is O; for type t, B = 2t-1 and I = 2t. */
#define TAG_O 0
#define TAG_B(t) ((uint8_t)(2 * (t) - 1))
#define TAG_I(t) ((uint8_t)(2 * (t)))
#define TAG_TYPE(tag) ((tag) == 0 ? NER_NONE : ((tag) + 1) / 2)
#define TAG_IS_B(tag) ((tag) != 0 && ((tag) & 1))
#define TAG_COUNT 9

/* "PER" "ORG" "LOC" "MISC" (CoNLL names) and "PERSON" "ORG" "LOCATION" "MISC" (API names). */
const char *ner_type_conll(int type);
const char *ner_type_api(int type);

struct tagger_model;

/* Loads a model file written by tagger_train. gaz (may be NULL) is kept as a
 * borrowed pointer for gazetteer features and must outlive the model. */
int tagger_load(const char *path, const struct gazetteer *gaz,
		struct tagger_model **out, struct enr_error *err);

/* Writes tags[0..doc->ntok) (BIO, see above). Scratch space comes from a. */
int tagger_tag(const struct tagger_model *m, struct arena *a,
	       const struct text_doc *doc, uint8_t *tags, struct enr_error *err);

struct tagger_train_opts {
	const char *train_path;  /* CoNLL-2003 format */
	const char *dev_path;    /* optional: F1 printed per epoch */
	const char *model_path;  /* output */
	int epochs;              /* 0: default */
	double min_weight;       /* prune |w| below this after averaging; 0: default */
	FILE *log;               /* progress lines; may be NULL */
};

/* Trains from CoNLL data and writes the model. Deterministic for the same
 * input and options. */
int tagger_train(const struct tagger_train_opts *o, const struct gazetteer *gaz,
		 struct enr_error *err);

size_t tagger_model_bytes(const struct tagger_model *m);

/* Accepts NULL. */
void tagger_free(struct tagger_model *m);

#endif
