/* Feature extraction for the tagger: every token's features as 32-bit hash
 * keys, computed from the token bytes and their neighbours in the same
 * segment (a sentence, cut again at line breaks), and from other
 * occurrences of the same word in the document. Training and serving call
 * the same functions, so a feature means the same thing at both times.
 * Everything returned lives in the caller's arena. */
#ifndef ENRICHER_TAGGER_FEAT_H
#define ENRICHER_TAGGER_FEAT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "enricher/arena.h"
#include "enricher/error.h"
#include "enricher/gazetteer.h"
#include "enricher/text.h"

/* Bumped whenever a feature changes meaning: a model records it. */
#define TFEAT_VERSION 7u

#define TFEAT_MAX 48      /* static feature keys per token, at most */
#define TFEAT_HIST_MAX 12 /* second-pass (document history) keys per token */

/* Token classes (bits). */
enum {
	TFEAT_C_ALPHA = 1,    /* has a letter */
	TFEAT_C_CAP = 2,      /* first character an uppercase letter */
	TFEAT_C_ALLCAPS = 4,  /* has letters, none lowercase */
	TFEAT_C_DIGIT = 8,    /* has a digit */
	TFEAT_C_LOWER = 16,   /* first character a lowercase letter */
	TFEAT_C_PUNCT = 32    /* neither letters nor digits */
};

struct tfeat_doc {
	size_t n;
	uint64_t *lower;    /* hash of the lowercased token */
	uint8_t *cls;       /* TFEAT_C_* */
	uint8_t *seg_start; /* 1 on the first token of a segment (Viterbi unit) */
	uint8_t *caps_seg;  /* 1 when the token's segment is mostly ALL CAPS */
	uint32_t *keys;     /* n * TFEAT_MAX */
	uint8_t *nkeys;     /* keys used per token */
	/* Set by tfeat_extract_shared only (NULL otherwise): rep[i] is the
	 * first token with the same bytes as token i. Token i's keys begin
	 * with nself[i] keys that depend on its bytes alone; a token that is
	 * not its own rep has none of them (nself 0): its rep's stand for them. */
	uint32_t *rep;
	uint8_t *nself;
};

/* Word clusters learnt from unlabeled text: lowercase word hash -> a fine
 * and a coarse cluster (numbered from 1). Owned by whoever built or loaded
 * it (the model), released with tfeat_clusters_free. */
struct tfeat_clusters {
	size_t n;           /* words */
	size_t mask;        /* slots - 1 */
	uint64_t *key;      /* lower hash | 1; 0 marks an empty slot */
	uint16_t (*id)[2];  /* fine, coarse */
};

/* Empty table with room for nwords. */
int tfeat_clusters_init(struct tfeat_clusters *c, size_t nwords);

/* -1 when full or for a zero id. */
int tfeat_clusters_add(struct tfeat_clusters *c, uint64_t lower, uint16_t fine, uint16_t coarse);

/* {fine, coarse} of a word, NULL when unknown; c may be NULL. */
const uint16_t *tfeat_clusters_get(const struct tfeat_clusters *c, uint64_t lower);

/* Accepts a zeroed struct. */
void tfeat_clusters_free(struct tfeat_clusters *c);

/* Training: clusters the words of docs[0..ndoc) and of every *.txt file
 * of unlabeled_dir (may be NULL) by their left and right neighbours
 * (spherical k-means, then k-means over the centroids for the coarse
 * level). Deterministic. log may be NULL. */
int tfeat_clusters_build(const struct text_doc *docs, size_t ndoc, const char *unlabeled_dir,
			 struct tfeat_clusters *out, FILE *log, struct enr_error *err);

/* Static features of every token of doc. gaz and cl may be NULL. */
int tfeat_extract(struct arena *a, const struct text_doc *doc, const struct gazetteer *gaz,
		  const struct tfeat_clusters *cl, struct tfeat_doc *out, struct enr_error *err);

/* As tfeat_extract, but the keys that depend only on a token's bytes are
 * computed for the first occurrence of each token only (rep, nself): for
 * serving, where a document repeats its words. */
int tfeat_extract_shared(struct arena *a, const struct text_doc *doc, const struct gazetteer *gaz,
			 const struct tfeat_clusters *cl, struct tfeat_doc *out,
			 struct enr_error *err);

/* Second-pass features from first-pass tags (BIO, tagger.h) of the whole
 * document: how the other occurrences of each word were tagged, and the
 * first-pass tags around it. keys holds n * TFEAT_HIST_MAX. Each token's
 * first TFEAT_HIST_FIXED keys depend only on its first-pass tag and its
 * neighbours' (tfeat_history_fixed); with skip_fixed they are left out,
 * for a caller that sums them per combination instead. */
#define TFEAT_HIST_FIXED 4
#define TFEAT_TAG_EDGE 15 /* the "tag" beyond a segment's edge */
int tfeat_history(struct arena *a, const struct tfeat_doc *f, const uint8_t *tags1,
		  int skip_fixed, uint32_t *keys, uint8_t *nkeys, struct enr_error *err);

/* The first-pass tags before and after token i, TFEAT_TAG_EDGE past its
 * segment's edges: what the fixed history keys see. */
static inline void tfeat_neighbour_tags(const struct tfeat_doc *f, const uint8_t *tags1,
					size_t i, unsigned *prev, unsigned *next)
{
	*prev = i > 0 && !f->seg_start[i] ? tags1[i - 1] : TFEAT_TAG_EDGE;
	*next = i + 1 < f->n && !f->seg_start[i + 1] ? tags1[i + 1] : TFEAT_TAG_EDGE;
}

/* The TFEAT_HIST_FIXED keys of a token tagged self between prev and next
 * (TFEAT_TAG_EDGE at a segment edge) in the first pass. */
void tfeat_history_fixed(unsigned self, unsigned prev, unsigned next,
			 uint32_t out[TFEAT_HIST_FIXED]);

/* Hash of the lowercased bytes (typographic quotes, dashes and ellipses
 * read as ASCII), as stored in tfeat_doc.lower. */
uint64_t tfeat_lower_hash(const char *s, size_t n);

#endif
