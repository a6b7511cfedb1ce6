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
	const char *unlabeled;   /* optional: directory of *.txt files of plain
				  * text for word clusters (with the train text) */
};

/* Trains from CoNLL data and writes the model. Deterministic for the same
 * input and options. */
int tagger_train(const struct tagger_train_opts *o, const struct gazetteer *gaz,
		 struct enr_error *err);

size_t tagger_model_bytes(const struct tagger_model *m);

/* Accepts NULL. */
void tagger_free(struct tagger_model *m);

/* Best tag path for one segment of n tokens, allowing I-X only after B-X or
 * I-X. em holds n * TAG_COUNT scores; trans (TAG_COUNT + 1) * TAG_COUNT,
 * row TAG_COUNT being the scores of the first tag; back is n * TAG_COUNT
 * scratch. Ties go to the lower tag, so the result is deterministic. */
void tagger_viterbi(const float *em, size_t n, const float *trans, uint8_t *back,
		    uint8_t *out);

/* The model file (little-endian): magic, then u32 version, feature version
 * (TFEAT_VERSION), tag count, stage count, row count, flags, word-cluster
 * count; then i32 transitions [stage][TAG_COUNT + 1][TAG_COUNT]; then the
 * word clusters (u64 lowercase hash, u16 fine, u16 coarse); then rows of
 * u32 key and i16 weights [stage][TAG_COUNT]; then a u64 FNV-1a (over 64-bit
 * little-endian words, then the tail bytes: tagger_fnv64) of
 * everything before. Stage 0 is the first pass, stage 1 the second (with
 * document history). */
#define TAGGER_MAGIC "ENRNER\r\n"
#define TAGGER_VERSION 3u
#define TAGGER_STAGES 2
#define TAGGER_NTRANS ((TAG_COUNT + 1) * TAG_COUNT)
#define TAGGER_HEADER_BYTES (8 + 7 * 4 + TAGGER_STAGES * TAGGER_NTRANS * 4)
#define TAGGER_CLUSTER_BYTES 12
#define TAGGER_ROW_BYTES (4 + TAGGER_STAGES * TAG_COUNT * 2)
#define TAGGER_F_GAZ 1u   /* flags: trained with gazetteer features */

uint64_t tagger_fnv64(const void *p, size_t n, uint64_t h);

#endif
