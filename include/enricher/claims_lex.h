/* The claims extractor's own lexicons: a small read-only string map
 * (key -> value, case-folded) and the trigger table of
 * config/lexicons/claim_triggers.txt. Loaded once by claims_load, then shared
 * by every worker without locks. Everything here is owned by the map or the
 * table and freed by its _free. Not used outside the claims module. */
#ifndef ENRICHER_CLAIMS_LEX_H
#define ENRICHER_CLAIMS_LEX_H

#include <stddef.h>
#include <stdint.h>

#include "enricher/error.h"

struct claims_map;

/* Key normalisation shared by loading and lookups: ASCII lowercase, the
 * typographic apostrophe folded to ', runs of spaces folded. Writes at most
 * cap-1 bytes and a NUL; returns the length, or 0 when it did not fit. */
size_t claims_norm(const char *s, size_t n, char *buf, size_t cap);

/* Loads "key<TAB>value" lines ('#' comments, blank lines skipped). A missing
 * file is an error unless optional, then *out is an empty map. */
int claims_map_load(const char *path, int optional, struct claims_map **out,
		    struct enr_error *err);
/* Builds a map from text in memory (tests). */
int claims_map_from_string(const char *data, struct claims_map **out, struct enr_error *err);
/* Value for key[0..n) (normalised here), or NULL. Borrowed. */
const char *claims_map_get(const struct claims_map *m, const char *key, size_t n);
/* Same for a key already normalised. */
const char *claims_map_get_norm(const struct claims_map *m, const char *key, size_t n);
/* A new map from every value of m (normalised) to that value: the country
 * names a demonym map points to. */
int claims_map_invert(const struct claims_map *m, struct claims_map **out, struct enr_error *err);
/* Computes every entry's number from its value once (word classes as bits). */
void claims_map_set_ints(struct claims_map *m, uint32_t (*fn)(const char *val));
/* The number of key[0..n) (normalised); 1 if the key exists. */
int claims_map_get_int(const struct claims_map *m, const char *key, size_t n, uint32_t *out);
/* Largest number of words in a key. */
size_t claims_map_max_words(const struct claims_map *m);
size_t claims_map_size(const struct claims_map *m);
void claims_map_free(struct claims_map *m);

/* Grammatical form of a trigger: how its actor and territory are found. */
enum claims_form {
	CF_VERB = 0, /* actor = subject (left), territory = object (right); passive found by context */
	CF_NOUN,     /* nominalisation: actor = possessor, demonym, "by X" or context; territory = "of X" */
	CF_STATE,    /* "part of X", "under X control": territory on the left, actor right or in the gap */
	CF_SELF      /* "is a sovereign nation": territory on the left is its own actor */
};

enum claims_tflag {
	CT_PART = 1 << 0,  /* past participle: also adjectival ("occupied Crimea") and passive */
	CT_NEAR = 1 << 1,  /* the territory must follow within 3 tokens ("claims X", "holds X") */
	CT_COP = 1 << 2,   /* needs a copula on its left ("is part of") */
	CT_NEG = 1 << 3,   /* the trigger itself negates ("rejected the annexation") */
	CT_EMBED = 1 << 4, /* the object may hold another claim ("recognise Russia's annexation of X") */
	CT_STANCE = 1 << 5, /* a claim only with a stance word in its clause ("opposes ... independence") */
	CT_VIACLAIM = 1 << 6, /* the territory only through an embedded claim ("condemned X's annexation of Y") */
	CT_GAPACTOR = 1 << 7  /* the actor must stand in the gap ("is Russian territory") */
};

#define CLAIMS_TRIGGER_MAXW 6

struct claims_trigger {
	char *w[CLAIMS_TRIGGER_MAXW];  /* normalised words; "*" is a gap of 0..4 tokens */
	uint8_t nw, kind, form;
	uint16_t flags;
	int32_t next;                  /* next trigger with the same first word, or -1 */
};

struct claims_triggers;

/* Loads lines "phrase<TAB>kind<TAB>form[,flag...]" (kinds as claims_kind_name,
 * forms verb|noun|state|self, flags part|near|cop|neg|embed|stance|viaclaim|gapactor). */
int claims_triggers_load(const char *path, struct claims_triggers **out, struct enr_error *err);
int claims_triggers_from_string(const char *data, struct claims_triggers **out,
				struct enr_error *err);
void claims_triggers_free(struct claims_triggers *t);

/* A trigger matched on tokens [start, end); the gap, if any, is [gap0, gap1). */
struct claims_match {
	const struct claims_trigger *t;
	uint32_t start, end, gap0, gap1;
};

/* Longest trigger starting at token i of words (normalised token strings, one
 * per token, NULL for punctuation), not crossing token limit. 1 if found. */
int claims_triggers_match(const struct claims_triggers *t, const char *const *words,
			  size_t i, size_t limit, struct claims_match *m);

/* The trigger of a single normalised word (for hyphen compounds), or NULL. */
const struct claims_trigger *claims_triggers_word(const struct claims_triggers *t,
						  const char *word);

#endif
