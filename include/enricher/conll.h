/* CoNLL-2003 reader and phrase-level scoring (conlleval style). Documents
 * are split at -DOCSTART-, sentences at blank lines; the last column (IOB1
 * or IOB2) becomes our BIO tags (tagger.h). Everything conll_read returns is
 * owned by the struct and released by conll_free. */
#ifndef ENRICHER_CONLL_H
#define ENRICHER_CONLL_H

#include <stddef.h>
#include <stdint.h>

#include "enricher/error.h"
#include "enricher/tagger.h"

struct conll_data {
	size_t ntok;
	const char **tok;   /* NUL-terminated token strings */
	size_t *len;
	uint8_t *tag;       /* BIO, see tagger.h */
	uint8_t *sent_end;  /* 1 on the last token of each sentence */
	size_t ndoc;
	size_t *doc_start;  /* ndoc + 1 entries: doc d is [doc_start[d], doc_start[d+1]) */
	char *buf;          /* the file's bytes, holding the token strings */
};

/* Reads a CoNLL-2003 file (token first column, tag last column). */
int conll_read(const char *path, struct conll_data *out, struct enr_error *err);

/* Parses an IOB1/IOB2/BIO tag ("O", "B-PER", "I-LOC" ...) given the BIO tag
 * of the previous token in the sentence (TAG_O at its start); -1 if unknown.
 * An I- that does not continue an entity of its type starts one (IOB1). */
int conll_tag_parse(const char *s, size_t n, int prev);

/* Accepts a zeroed or NULL struct. */
void conll_free(struct conll_data *d);

struct conll_counts {
	size_t tp[NER_NTYPES], pred[NER_NTYPES], gold[NER_NTYPES];
};

/* Adds the phrase counts of pred against gold over n tokens; phrases end at
 * sentence ends (sent_end may be NULL) and an I- after O or another type
 * starts a phrase, as conlleval does. */
void conll_count(const uint8_t *gold, const uint8_t *pred, const uint8_t *sent_end,
		 size_t n, struct conll_counts *c);

/* Phrase F1 over the types [NER_PER, last] (last = NER_MISC for 4-class,
 * NER_LOC for 3-class); p and r may be NULL. */
double conll_f1(const struct conll_counts *c, int last, double *p, double *r);

#endif
