/* Gazetteer: known places (countries and ISO 3166-2 subdivisions with their
 * codes, cities with their country) and other known names, loaded once from
 * config/gazetteers/ and read without locks. Matching is over doc tokens,
 * longest match first. */
#ifndef ENRICHER_GAZETTEER_H
#define ENRICHER_GAZETTEER_H

#include <stddef.h>
#include <stdint.h>

#include "enricher/error.h"
#include "enricher/text.h"

enum gaz_kind {
	GAZ_COUNTRY = 1,
	GAZ_SUBDIVISION,  /* ISO 3166-2: oblast, region, state, province */
	GAZ_CITY,
	GAZ_REGION,       /* continents and wider regions: Europe, Middle East */
	GAZ_ORG,          /* well-known organisations: NATO, United Nations */
	GAZ_FEATURE       /* seas, rivers, peninsulas */
};

struct gaz_entry {
	const char *name;     /* canonical English name: "Kursk", "Ukraine" */
	const char *code;     /* ISO 3166 code ("UA", "RU-KRS") or NULL */
	const char *country;  /* ISO 3166-1 alpha-2 of the containing country or NULL */
	uint8_t kind;         /* enum gaz_kind */
	uint32_t population;  /* for cities, to rank ambiguous names; else 0 */
	uint8_t flags;        /* enum gaz_flag bits */
};

enum gaz_flag {
	GAZ_F_COMMON = 1 << 0,  /* the name is also a lowercase English word ("Mobile") */
	GAZ_F_CAPITAL = 1 << 1, /* a national capital */
	GAZ_F_PREFERRED = 1 << 2 /* curated: wins among namesakes of its kind */
};

struct gazetteer;

/* Loads every file of the directory (see config/gazetteers/README). */
int gazetteer_load(const char *dir, struct gazetteer **out, struct enr_error *err);

/* Longest entry that matches tokens doc->tok[i..i+k) (case-insensitive for
 * capitalised words; all-caps tokens match too); returns k, 0 when none.
 * Words such as "region", "oblast", "province" after a subdivision name are
 * part of the match ("Kursk region", "Kursk Oblast"). */
size_t gazetteer_match(const struct gazetteer *g, const struct text_doc *doc,
		       size_t i, const struct gaz_entry **out);

/* Entry for an exact name (any variant: "Kiev" gives Kyiv), case-insensitive;
 * NULL when absent. When several share the name the most prominent wins:
 * country, then subdivision, then the most populous city. */
const struct gaz_entry *gazetteer_lookup(const struct gazetteer *g,
					 const char *name, size_t n);

/* The country entry for an ISO 3166-1 alpha-2 code; NULL when unknown. */
const struct gaz_entry *gazetteer_country(const struct gazetteer *g, const char *alpha2);

size_t gazetteer_size(const struct gazetteer *g);

/* 1 when the token is a word that, after a place name, names its region:
 * "region", "oblast", "province", "state", "krai", "county" ... */
int gazetteer_is_suffix_word(const struct text_doc *doc, size_t i);

/* Accepts NULL. */
void gazetteer_free(struct gazetteer *g);

#endif
