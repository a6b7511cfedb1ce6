/* The quotes module's word tables: the closed word lists (determiners,
 * auxiliaries, pronouns, time words ...) and, merged with the speech cues
 * and speaker roles, one table that gives a token's classes in one lookup.
 * Built once at load, read-only afterwards. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "enricher/quotes_ctx.h"

static const char *const q_determiners[] = {
	"the", "a", "an", "this", "these", "those", "his", "her", "their", "its", "our",
	"my", "your", "some", "several", "many", "other", "another", "both", "each",
	"two", "three", "four", "five", "one", "most", "few", "all", NULL};

/* Words that end a noun phrase walk: auxiliaries, adverbs of time and
 * manner, prepositions, conjunctions, relative words. */
static const char *const q_stop[] = {
	"is", "are", "was", "were", "be", "been", "being", "am", "has", "have", "had",
	"do", "does", "did", "will", "would", "can", "could", "may", "might", "shall",
	"should", "must", "not", "also", "previously", "later", "then", "once", "again",
	"earlier", "recently", "already", "never", "reportedly", "further", "still",
	"to", "of", "in", "on", "at", "for", "with", "from", "by", "about", "into", "over",
	"under", "after", "before", "during", "since", "against", "between", "through",
	"without", "within", "among", "across", "toward", "towards", "upon", "via", "per",
	"as", "than", "like", "near", "and", "or", "but", "nor", "that", "which", "who",
	"whom", "whose", "when", "while", "where", "whether", "if", "because", "although",
	"though", "so", "yet", "there", "here", "it", "he", "she", "they", "we", "i",
	"you", "him", "them", "us", "me", "what", "how", "why", "just", "even", "only",
	"too", "very", "now", "today", "yesterday", "tonight", "however", "meanwhile",
	"no", "not", "nothing", NULL};

/* Left of a cue these are skipped to reach the speaker ("X has also said"). */
static const char *const q_adverbs[] = {
	"has", "have", "had", "was", "is", "are", "were", "will", "would", "could", "did",
	"does", "do", "also", "previously", "later", "then", "once", "again", "earlier",
	"recently", "already", "repeatedly", "reportedly", "further", "still", "first",
	"yesterday", "today", "tonight", "publicly", "privately", "separately", "simply",
	"quickly", "initially", "originally", "subsequently", "finally", "last", "this",
	"on", "in", "late", "early", "had", "even", "often", "always", "now", "long", "just",
	"never", "not", "all", "both", "themselves", "himself", "herself", NULL};

static const char *const q_time_words[] = {
	"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
	"january", "february", "march", "april", "may", "june", "july", "august",
	"september", "october", "november", "december", "jan.", "feb.", "aug.", "sept.",
	"oct.", "nov.", "dec.", "week", "month", "year", "morning", "afternoon", "evening",
	"night", "weekend", "yesterday", "today", "tonight", "earlier", "later", NULL};

/* Sentence openers after which the subject follows the first comma. */
static const char *const q_intro[] = {
	"in", "on", "at", "after", "before", "while", "when", "however", "asked", "as",
	"although", "though", "despite", "following", "since", "speaking", "meanwhile",
	"but", "and", "earlier", "later", "still", "yet", "during", "last", "with",
	"according", "until", "responding", "writing", "addressing", "if", "amid", NULL};

static const char *const q_pron_person[] = {"he", "she", NULL};
static const char *const q_pron_self[] = {"i", "you", NULL};
static const char *const q_pron_group[] = {"they", "we", "some", "others", "many", "it", NULL};

/* Adverbials right after a cue that do not start the reported clause. */
static const char *const q_adv_right[] = {
	"yesterday", "today", "tonight", "earlier", "later", "also", "again", "recently",
	"previously", "repeatedly", "publicly", "privately", "separately", "once", "then",
	"last", "this", "on", "in", "late", "early", NULL};

/* A bare reported clause does not start with these. */
static const char *const q_not_clause_start[] = {
	"to", "of", "in", "on", "at", "for", "with", "from", "by", "about", "into", "over",
	"under", "after", "before", "during", "since", "against", "as", "than", "like",
	"and", "or", "but", "so", "nothing", "anything", "something", "yes", "no",
	"goodbye", "hello",
	"thanks", "sorry", "through", "up", "out", "down", "off", "back", "around",
	"among", "via", "toward", "towards", "upon", "much", "more", "little", "enough",
	"so", "too", "very", "repeatedly", "himself", "herself", "themselves", "itself",
	"him", "them", "us", "me", "you", NULL};

/* Before a noun, never before a verb: "the claims", "his statement". */
static const char *const q_articles[] = {
	"the", "a", "an", "this", "these", "those", "his", "her", "their", "its", "our", "my",
	"your", NULL};

static const char *const q_not_speaker_label[] = {
	"note", "update", "updated", "editor", "photo", "photos", "source", "sources", "related",
	"watch", "warning", "breaking", "correction", "disclaimer", "image", "video", "credit",
	"read", "see", "also", "listen", "subscribe", "tags", "topics", "share", "advertisement",
	"q", "a", NULL};



static const struct {
	const char *const *list;
	unsigned bit;
} q_word_lists[] = {
	{q_determiners, WB_DET}, {q_stop, WB_STOP}, {q_adverbs, WB_ADV},
	{q_time_words, WB_TIME}, {q_intro, WB_INTRO}, {q_pron_person, WB_PPER},
	{q_pron_self, WB_PSELF}, {q_pron_group, WB_PGRP}, {q_adv_right, WB_ADVR},
	{q_not_clause_start, WB_NOTCL}, {q_articles, WB_ART},
	{q_not_speaker_label, WB_NOLABEL},
};

/* The merged per-word table built at load: "bits role cue", so that one
 * lookup a token gives its word classes, its role letter and its cue class. */
struct word_acc {
	char *buf;
	size_t len, cap;
	const struct lexicon *cues, *roles;
	int oom;
};

static void acc_line(struct word_acc *w, const char *word, unsigned bits, char role, char cue)
{
	size_t need = strlen(word) + 32;
	if (w->len + need >= w->cap) {
		size_t ncap = (w->cap + need) * 2;
		char *nb = realloc(w->buf, ncap);
		if (!nb) {
			w->oom = 1;
			return;
		}
		w->buf = nb;
		w->cap = ncap;
	}
	w->len += (size_t)snprintf(w->buf + w->len, w->cap - w->len, "%s\t%u %c %c\n", word, bits,
				   role ? role : '-', cue ? cue : '-');
}

static unsigned list_bits(const char *w)
{
	unsigned bits = 0;
	size_t nl = sizeof q_word_lists / sizeof q_word_lists[0];
	for (size_t l = 0; l < nl; l++)
		for (size_t k = 0; q_word_lists[l].list[k]; k++)
			if (!strcmp(q_word_lists[l].list[k], w))
				bits |= q_word_lists[l].bit;
	return bits;
}

/* Bits of the first word of a multi-word cue, for any word. */
static unsigned mw_bits(const struct word_acc *w, const char *word);

struct mw_ctx {
	const char *word;
	size_t n;
	int hit;
};

static void mw_probe(const char *key, const char *value, void *ctx)
{
	struct mw_ctx *m = ctx;
	const char *sp = strchr(key, ' ');
	(void)value;
	if (sp && (size_t)(sp - key) == m->n && !strncmp(key, m->word, m->n))
		m->hit = 1;
}

static unsigned mw_bits(const struct word_acc *w, const char *word)
{
	struct mw_ctx m = {.word = word, .n = strlen(word)};
	lexicon_each(w->cues, mw_probe, &m);
	return m.hit ? WB_MW : 0;
}

static void acc_word(struct word_acc *w, const char *word)
{
	if (strchr(word, ' '))
		return;
	const char *r = lexicon_get(w->roles, word, strlen(word));
	const char *c = lexicon_get(w->cues, word, strlen(word));
	acc_line(w, word, list_bits(word) | mw_bits(w, word), r ? (r[0] ? r[0] : 'r') : 0,
		 c && c[0] ? c[0] : 0);
}

static void acc_key(const char *key, const char *value, void *ctx)
{
	(void)value;
	acc_word(ctx, key);
}

static void acc_first_word(const char *key, const char *value, void *ctx)
{
	struct word_acc *w = ctx;
	const char *sp = strchr(key, ' ');
	char first[128];
	(void)value;
	if (!sp || (size_t)(sp - key) >= sizeof first)
		return;
	memcpy(first, key, (size_t)(sp - key));
	first[sp - key] = '\0';
	acc_word(w, first);
}

int quotes_words_build(const struct lexicon *cues, const struct lexicon *roles,
			      struct lexicon **out, struct enr_error *err)
{
	struct word_acc w = {.cues = cues, .roles = roles};
	size_t nl = sizeof q_word_lists / sizeof q_word_lists[0];
	for (size_t l = 0; l < nl; l++)
		for (size_t k = 0; q_word_lists[l].list[k]; k++)
			acc_word(&w, q_word_lists[l].list[k]);
	lexicon_each(roles, acc_key, &w);
	lexicon_each(cues, acc_key, &w);
	lexicon_each(cues, acc_first_word, &w);
	int rc = w.oom ? enr_error_set(err, ENR_ENOMEM, "out of memory")
		       : lexicon_from_string_opts(w.buf ? w.buf : "", LEXICON_ASCII, out, err);
	free(w.buf);
	return rc;
}

