/* The claims extractor's lexicons: its key fold over the shared lexicon
 * (lexicon.h) and the trigger table of
 * config/lexicons/claim_triggers.txt. Loaded once by claims_load, then shared
 * by every worker without locks. Everything here is owned by the map or the
 * table and freed by its _free. Not used outside the claims module. */
#ifndef ENRICHER_CLAIMS_LEX_H
#define ENRICHER_CLAIMS_LEX_H

#include <stddef.h>
#include <stdint.h>

#include "enricher/error.h"
#include "enricher/lexicon.h"

/* The claims lexicons are shared lexicons (lexicon.h) loaded with these
 * flags: keys folded as claims_norm does. */
#define CLAIMS_LEX_FLAGS (LEXICON_ASCII | LEXICON_LSQUO)

/* Key normalisation shared by loading and lookups (lexicon_fold_ascii with
 * U+2018 too): ASCII lowercase, typographic apostrophes folded to ', runs of
 * spaces folded. Writes at most cap-1 bytes and a NUL; returns the length,
 * or 0 when it did not fit. */
size_t claims_norm(const char *s, size_t n, char *buf, size_t cap);

/* A new lexicon from every value of m (normalised) to that value: the
 * country names a demonym map points to. */
int claims_map_invert(const struct lexicon *m, struct lexicon **out, struct enr_error *err);

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
	char *w[CLAIMS_TRIGGER_MAXW];  /* normalised words; "*" is a gap of 0..6 tokens */
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
