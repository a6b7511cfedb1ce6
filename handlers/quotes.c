/* Quotes: direct quotes (quotation-mark spans, quotes_spans.c), partial
 * quotes (a quoted fragment inside reported speech) and indirect quotes (a
 * speech cue with a that-clause, a bare clause, or an inverted "..., X
 * said"), each with its cue and its speaker. Speakers are the phrase next to
 * the cue, resolved to entities through mentions, titles ("the presidential
 * adviser") and pronouns; a quote with no cue inherits the speaker of the
 * quote before it in the same or the previous line. Reads the entity layer,
 * never writes it. Everything per request lives in the arena. */
#include "enricher/quotes.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "enricher/quotes_lex.h"
#include "enricher/quotes_spans.h"
#include "enricher/tagger.h"

struct quotes_res {
	struct quotes_lex *cues;   /* speech_verbs.txt: phrase -> class letter */
	struct quotes_lex *roles;  /* speech_roles.txt: word -> r (person) | g (group) */
};

/* ---------------------------------------------------------------- loading */

int quotes_load_from_lexicons(struct quotes_lex *cues, struct quotes_lex *roles,
			      struct quotes_res **out, struct enr_error *err)
{
	*out = calloc(1, sizeof **out);
	if (!*out) {
		quotes_lex_free(cues);
		quotes_lex_free(roles);
		return enr_error_set(err, ENR_ENOMEM, "out of memory");
	}
	(*out)->cues = cues;
	(*out)->roles = roles;
	return 0;
}

int quotes_load(const char *config_dir, struct quotes_res **out, struct enr_error *err)
{
	char path[4096];
	struct quotes_lex *cues = NULL, *roles = NULL;
	int rc;
	*out = NULL;
	snprintf(path, sizeof path, "%s/lexicons/speech_verbs.txt", config_dir ? config_dir : ".");
	rc = quotes_lex_load(path, &cues, err);
	if (rc)
		return rc;
	snprintf(path, sizeof path, "%s/lexicons/speech_roles.txt", config_dir ? config_dir : ".");
	rc = quotes_lex_load(path, &roles, err);
	if (rc) {
		quotes_lex_free(cues);
		return rc;
	}
	return quotes_load_from_lexicons(cues, roles, out, err);
}

void quotes_res_free(struct quotes_res *r)
{
	if (!r)
		return;
	quotes_lex_free(r->cues);
	quotes_lex_free(r->roles);
	free(r);
}

/* ---------------------------------------------------------- word classes */

static const char *const q_determiners[] = {
	"the", "a", "an", "this", "these", "those", "his", "her", "their", "its", "our",
	"my", "your", "some", "several", "many", "other", "another", "both", "each",
	"two", "three", "four", "five", "one", "most", "few", "all", NULL};

/* Before a noun, never before a verb: "the claims", "his statement". */
static const char *const q_articles[] = {
	"the", "a", "an", "this", "these", "those", "his", "her", "their", "its", "our", "my",
	"your", NULL};

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
	"according", "until", "responding", "writing", "addressing", "if", NULL};

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

/* --------------------------------------------------------------- context */

enum spk_type { SPK_NONE = 0, SPK_NAME, SPK_GROUP, SPK_PRON_PER, SPK_PRON_GRP, SPK_PRON_SELF };

struct spk {
	int32_t t0, t1;  /* phrase tokens [t0, t1], -1 when none */
	int32_t r0, r1;  /* tokens shown as the mention ("who" for its antecedent) */
	int32_t men;     /* mention inside the phrase naming it, or -1 */
	uint8_t type;    /* enum spk_type */
};

struct cand {
	uint32_t start, end;   /* content bytes */
	uint32_t first, last;  /* content tokens */
	uint8_t kind;          /* enum quote_kind */
	int32_t span;          /* quotes_span index, or -1 */
	int32_t cue;           /* first cue token, or -1 */
	uint8_t cue_n;
	struct spk sp;
	/* resolved */
	int32_t ent;
	const char *name;
};

struct qx {
	const struct quotes_res *r;
	struct arena *a;
	const struct text_doc *d;
	const struct entity_list *el;
	struct quotes_span *sp;
	size_t nsp;
	int32_t *span_of;   /* per token: span whose marks or content hold it, or -1 */
	uint8_t *span_ok;   /* per span: taken as a quote (not scare quotes) */
	char *cue;          /* per token: cue class at the cue's first token, or 0 */
	uint8_t *cue_n;     /* per token: words in the cue */
	uint8_t *used;      /* per token: cue consumed, or token in an indirect content */
	uint32_t *line;     /* per token: line number */
	struct spk *cspk;   /* per token: memo of cue speakers */
	uint8_t *cspk_done;
	struct cand *c;
	size_t nc, cap;
};

/* ------------------------------------------------------------ token tests */

static int tok_eq(const struct qx *x, size_t i, const char *w)
{
	size_t n = text_tok_len(x->d, i);
	return strlen(w) == n && strncasecmp(text_tok_str(x->d, i), w, n) == 0;
}

static int tok_in(const struct qx *x, size_t i, const char *const *list)
{
	if (x->d->tok[i].kind != TEXT_WORD)
		return 0;
	for (size_t k = 0; list[k]; k++)
		if (tok_eq(x, i, list[k]))
			return 1;
	return 0;
}

static int tok_punct(const struct qx *x, size_t i, char c)
{
	return (x->d->tok[i].kind == TEXT_PUNCT || x->d->tok[i].kind == TEXT_DASH) &&
	       x->d->text[x->d->tok[i].start] == c;
}

static int tok_word(const struct qx *x, size_t i)
{
	return x->d->tok[i].kind == TEXT_WORD;
}

static int tok_upper(const struct qx *x, size_t i)
{
	return tok_word(x, i) && (x->d->tok[i].flags & TEXT_F_UPPER);
}

static size_t sent_first(const struct qx *x, size_t i)
{
	return x->d->sent[x->d->tok[i].sent].tok;
}

static size_t sent_last(const struct qx *x, size_t i)
{
	const struct text_sentence *s = &x->d->sent[x->d->tok[i].sent];
	return s->tok + s->ntok - 1;
}

static int mention_at(const struct qx *x, size_t i)
{
	if (!x->el || !x->el->tok_mention || !x->el->men)
		return -1;
	return x->el->tok_mention[i];
}

static const char *role_of(const struct qx *x, size_t i)
{
	if (!tok_word(x, i))
		return NULL;
	return quotes_lex_get(x->r->roles, text_tok_str(x->d, i), text_tok_len(x->d, i));
}

/* Is token i inside (or a mark of) a span taken as a quote? */
static int in_quote(const struct qx *x, size_t i)
{
	return x->span_of[i] >= 0 && x->span_ok[x->span_of[i]];
}

static int is_close_mark(const struct qx *x, size_t i)
{
	return x->d->tok[i].kind == TEXT_QUOTE && x->span_of[i] >= 0 &&
	       x->sp[x->span_of[i]].close_tok == i;
}

/* ------------------------------------------------------------------ cues */

/* Marks the cues: longest lexicon match at each word outside quotation
 * marks, lowercase (but "According to" may open a sentence), not a noun
 * after a determiner, not an infinitive or a passive ("to say", "was told"). */
static void find_cues(struct qx *x)
{
	const struct text_doc *d = x->d;
	size_t maxw = quotes_lex_max_words(x->r->cues);
	if (maxw > 4)
		maxw = 4;
	for (size_t i = 0; i < d->ntok; i++) {
		if (!tok_word(x, i) || x->span_of[i] >= 0)
			continue;
		const char *cls = NULL;
		size_t len = 0;
		for (size_t w = maxw; w >= 1 && !cls; w--) {
			if (i + w > d->ntok)
				continue;
			int ok = 1;
			for (size_t k = i; k < i + w; k++)
				if (!tok_word(x, k) || x->span_of[k] >= 0 ||
				    (k > i && (d->tok[k].flags & TEXT_F_NL_BEFORE)))
					ok = 0;
			if (!ok)
				continue;
			size_t s = d->tok[i].start, e = d->tok[i + w - 1].end;
			cls = quotes_lex_get(x->r->cues, d->text + s, e - s);
			len = w;
		}
		if (!cls || !cls[0])
			continue;
		char c = cls[0];
		if ((d->tok[i].flags & TEXT_F_UPPER) && !(d->tok[i].flags & TEXT_F_ALLCAPS) &&
		    !(c == 'a' && (d->tok[i].flags & TEXT_F_SENT_START)))
			continue;
		if (i > 0 && d->tok[i].sent == d->tok[i - 1].sent) {
			if (tok_eq(x, i - 1, "to"))
				continue;
			if (c != 'p' && c != 'P' && c != 'a' &&
			    (tok_in(x, i - 1, (const char *const[]){"is", "are", "was", "were",
					"be", "been", "being", "am", "get", "got", NULL}) ||
			     (c != 'n' && tok_in(x, i - 1, q_articles)) ||
			     d->tok[i - 1].kind == TEXT_POSSESSIVE))
				if (c != 'n')
					continue;
			if (c == 'n' && d->tok[i - 1].kind != TEXT_POSSESSIVE)
				continue;
		} else if (c == 'n') {
			continue;
		}
		x->cue[i] = c;
		x->cue_n[i] = (uint8_t)len;
		i += len - 1;
	}
}

/* ------------------------------------------------------- speaker phrases */

/* Skips adverbials and auxiliaries left of a cue, "(...)" asides and
 * "on Thursday": the index of the phrase's last token, or -1. */
static long skip_adv_left(const struct qx *x, long j, long lo)
{
	for (int steps = 0; j >= lo && steps < 14; steps++) {
		if (tok_punct(x, (size_t)j, ')')) {
			long k = j - 1;
			while (k >= lo && k > j - 12 && !tok_punct(x, (size_t)k, '('))
				k--;
			if (k < lo || !tok_punct(x, (size_t)k, '('))
				return j;
			j = k - 1;
			continue;
		}
		if (tok_in(x, (size_t)j, q_time_words)) {
			j--;
			continue;
		}
		if (x->d->tok[j].kind == TEXT_NUMBER && j > lo &&
		    tok_in(x, (size_t)j - 1, q_time_words)) {
			j -= 2;
			continue;
		}
		if (tok_word(x, (size_t)j) && !tok_upper(x, (size_t)j) &&
		    tok_in(x, (size_t)j, q_adverbs)) {
			j--;
			continue;
		}
		if (tok_word(x, (size_t)j) && !tok_upper(x, (size_t)j) && !role_of(x, (size_t)j)) {
			size_t n = text_tok_len(x->d, (size_t)j);
			const char *s = text_tok_str(x->d, (size_t)j);
			if (n > 4 && s[n - 2] == 'l' && s[n - 1] == 'y') {
				j--;
				continue;
			}
		}
		break;
	}
	return j;
}

/* May word i sit inside a speaker description? */
static int np_word(const struct qx *x, size_t i)
{
	if (!tok_word(x, i))
		return 0;
	if (x->cue[i])
		return 0;
	if (tok_upper(x, i)) {
		if (mention_at(x, i) >= 0)
			return 1;
		if (tok_in(x, i, q_intro) || tok_in(x, i, q_stop) || tok_in(x, i, q_determiners))
			return 0;
		size_t n = text_tok_len(x->d, i);
		const char *s = text_tok_str(x->d, i);
		if ((x->d->tok[i].flags & TEXT_F_SENT_START) && !(x->d->tok[i].flags & TEXT_F_ALLCAPS) &&
		    n > 4 && ((s[n - 3] == 'i' && s[n - 2] == 'n' && s[n - 1] == 'g') ||
			      (s[n - 2] == 'e' && s[n - 1] == 'd') || (s[n - 2] == 'l' && s[n - 1] == 'y')))
			return 0;
		return 1;
	}
	if (role_of(x, i))
		return 1;
	if (tok_in(x, i, q_stop) || tok_in(x, i, q_determiners))
		return 0;
	size_t n = text_tok_len(x->d, i);
	const char *s = text_tok_str(x->d, i);
	if (tok_in(x, i, (const char *const[]){"early", "elderly", "daily", "weekly", "monthly",
			"friendly", "family", "early", "costly", "deadly", NULL}))
		return 1;
	if (n > 3 && ((s[n - 2] == 'e' && s[n - 1] == 'd') || (s[n - 2] == 'l' && s[n - 1] == 'y')))
		return 0;
	if (n > 4 && s[n - 3] == 'i' && s[n - 2] == 'n' && s[n - 1] == 'g')
		return 0;
	return 1;
}

/* The last mention inside tokens [t0, t1], preferring people and
 * organisations; -1 if none. */
static int32_t mention_in(const struct qx *x, long t0, long t1)
{
	int32_t best = -1;
	for (long k = t1; k >= t0; k--) {
		int m = mention_at(x, (size_t)k);
		if (m < 0)
			continue;
		uint8_t ty = x->el->men[m].type;
		if (ty == NER_PER || ty == NER_ORG)
			return m;
		if (best < 0)
			best = m;
	}
	return best;
}

/* Classifies a phrase [t0, t1]: a name (capitalised head or mention), a
 * group or role description (a lowercase head noun), or nothing. */
static struct spk phrase_spk(const struct qx *x, long t0, long t1)
{
	struct spk s = {.t0 = -1, .t1 = -1, .r0 = -1, .r1 = -1, .men = -1, .type = SPK_NONE};
	if (t0 > t1 || t0 < 0)
		return s;
	/* leading determiners are not part of the phrase */
	while (t0 < t1 && tok_in(x, (size_t)t0, q_determiners) && !tok_in(x, (size_t)t0, q_pron_group))
		t0++;
	s.t0 = s.r0 = (int32_t)t0;
	s.t1 = s.r1 = (int32_t)t1;
	s.men = mention_in(x, t0, t1);
	if (t0 == t1 && tok_in(x, (size_t)t0, q_pron_person)) {
		s.type = SPK_PRON_PER;
		return s;
	}
	if (t0 == t1 && tok_in(x, (size_t)t0, q_pron_group)) {
		s.type = SPK_PRON_GRP;
		return s;
	}
	if (t0 == t1 && tok_in(x, (size_t)t0, q_pron_self)) {
		s.type = SPK_PRON_SELF;
		return s;
	}
	if (s.men >= 0 && !tok_upper(x, (size_t)t1) && x->el->men[s.men].type != NER_PER &&
	    x->el->men[s.men].type != NER_ORG) {
		/* "Ukrainian defence officials": a group, not the nationality */
		s.type = SPK_GROUP;
		s.men = -1;
		return s;
	}
	if (s.men < 0 && t0 == t1 && x->el && (x->d->tok[t0].flags & TEXT_F_SENT_START) &&
	    !(x->d->tok[t0].flags & TEXT_F_ALLCAPS)) {
		/* "Officials said": a capital that only opens the sentence, on a
		 * role word */
		if (role_of(x, (size_t)t1)) {
			s.type = SPK_GROUP;
			return s;
		}
	}
	if (s.men >= 0 || tok_upper(x, (size_t)t1)) {
		s.type = SPK_NAME;
		if (s.men >= 0 && role_of(x, (size_t)t1) == NULL) {
			/* shown as the mention itself, without the titles before it */
			s.r0 = (int32_t)x->el->men[s.men].tok;
			s.r1 = (int32_t)(x->el->men[s.men].tok + x->el->men[s.men].ntok - 1);
		}
		return s;
	}
	const char *role = role_of(x, (size_t)t1);
	size_t n = text_tok_len(x->d, (size_t)t1);
	const char *w = text_tok_str(x->d, (size_t)t1);
	int det = s.t0 > 0 && tok_in(x, (size_t)s.t0 - 1, q_determiners);
	if (role || det || (n > 3 && w[n - 1] == 's') ||
	    (n > 3 && w[n - 3] == 'm' && w[n - 2] == 'e' && w[n - 1] == 'n')) {
		s.type = SPK_GROUP;
		return s;
	}
	s.t0 = s.t1 = s.r0 = s.r1 = -1;
	return s;
}

static struct spk no_spk(void)
{
	struct spk s = {.t0 = -1, .t1 = -1, .r0 = -1, .r1 = -1, .men = -1, .type = SPK_NONE};
	return s;
}

static struct spk np_left_simple(const struct qx *x, long e, long lo, int depth);

/* The speaker phrase ending at token e (walking left), within [lo, e]; a
 * phrase after "of", "for", "on" ... belongs to the noun before it ("his
 * rivals for the nomination", "the Brennan Center for Justice"). */
static struct spk np_left(const struct qx *x, long e, long lo, int depth)
{
	struct spk s = np_left_simple(x, e, lo, depth);
	if (depth > 0 || (s.type != SPK_NAME && s.type != SPK_GROUP))
		return s;
	long b = s.t0 - 1;
	while (b >= lo && tok_in(x, (size_t)b, q_determiners))
		b--;
	if (b - 1 < lo || !tok_in(x, (size_t)b, (const char *const[]){"of", "for", "from", "at",
			"on", "with", "in", NULL}))
		return s;
	struct spk h = np_left_simple(x, b - 1, lo, depth + 1);
	if (h.type != SPK_NAME && h.type != SPK_GROUP)
		return s;
	/* "the head of Wagner": a role word heads the phrase */
	h.r1 = s.r1;
	return h;
}

static struct spk np_left_simple(const struct qx *x, long e, long lo, int depth)
{
	if (e < lo || e < 0)
		return no_spk();
	if (tok_in(x, (size_t)e, q_pron_person) || tok_in(x, (size_t)e, q_pron_group) ||
	    tok_in(x, (size_t)e, q_pron_self))
		return phrase_spk(x, e, e);
	if (depth < 1 && tok_in(x, (size_t)e, (const char *const[]){"who", "which", NULL}) &&
	    e - 1 >= lo) {
		struct spk a = np_left(x, tok_punct(x, (size_t)e - 1, ',') ? e - 2 : e - 1, lo, depth + 1);
		if (a.type != SPK_NONE)
			a.r0 = a.r1 = (int32_t)e;
		return a;
	}
	int m = mention_at(x, (size_t)e);
	long k = e;
	if (m >= 0)
		k = (long)x->el->men[m].tok - 1;
	else if (!np_word(x, (size_t)e))
		return no_spk();
	else
		k = e - 1;
	int n = 0;
	while (k >= lo && n < 7) {
		int mk = mention_at(x, (size_t)k);
		if (mk >= 0 && m < 0) {
			/* a name before a description: "Grab chief executive" */
			k = (long)x->el->men[mk].tok - 1;
			n++;
			continue;
		}
		if (tok_in(x, (size_t)k, q_determiners)) {
			k--;
			break;
		}
		if (!np_word(x, (size_t)k))
			break;
		/* a name is not extended by lowercase words on its left */
		if (m >= 0 && !tok_upper(x, (size_t)k) && !role_of(x, (size_t)k))
			break;
		k--;
		n++;
	}
	return phrase_spk(x, k + 1, e);
}

/* The speaker phrase starting at token s (walking right), within [s, hi]. */
static struct spk np_right(const struct qx *x, long s, long hi)
{
	if (s > hi || s < 0 || (size_t)s >= x->d->ntok)
		return no_spk();
	if (tok_in(x, (size_t)s, q_pron_person) || tok_in(x, (size_t)s, q_pron_group) ||
	    tok_in(x, (size_t)s, q_pron_self))
		return phrase_spk(x, s, s);
	long k = s;
	if (tok_in(x, (size_t)k, q_determiners))
		k++;
	long e = -1;
	int n = 0;
	while (k <= hi && n < 8) {
		int mk = mention_at(x, (size_t)k);
		if (mk >= 0) {
			e = (long)x->el->men[mk].tok + (long)x->el->men[mk].ntok - 1;
			k = e + 1;
			n++;
			continue;
		}
		if (x->d->tok[k].kind == TEXT_POSSESSIVE && e >= 0) {
			k++;
			continue;
		}
		if (!np_word(x, (size_t)k))
			break;
		/* a name is not followed by lowercase words other than roles */
		if (e >= 0 && tok_upper(x, (size_t)e) && !tok_upper(x, (size_t)k) &&
		    !role_of(x, (size_t)k))
			break;
		e = k;
		k++;
		n++;
	}
	if (e < 0)
		return no_spk();
	/* "(徐國勇)" after a name belongs to it */
	return phrase_spk(x, s, e);
}

static struct spk cue_speaker(struct qx *x, size_t i);

/* The subject of the clause holding cue i: the speaker of an earlier cue in
 * the sentence, else the noun phrase opening the main clause. */
static struct spk subject_of(struct qx *x, size_t i)
{
	size_t s0 = sent_first(x, i);
	for (long k = (long)i - 1; k >= (long)s0; k--) {
		char c = x->cue[k];
		if (!c || c == 'p' || c == 'P' || c == 'n' || c == 'a' || x->span_of[k] >= 0)
			continue;
		struct spk s = cue_speaker(x, (size_t)k);
		if (s.type != SPK_NONE)
			return s;
	}
	size_t st = s0;
	while (st < i && (x->d->tok[st].kind == TEXT_QUOTE || x->span_of[st] >= 0))
		st++;
	size_t hi = sent_last(x, i);
	if (tok_in(x, st, q_intro) || x->cue[st] == 'p' || x->cue[st] == 'P' ||
	    (!np_word(x, st) && !tok_in(x, st, q_determiners) && !tok_in(x, st, q_pron_person) &&
	     !tok_in(x, st, q_pron_group))) {
		/* "While acknowledging ..., Zelensky said": past the opening clause */
		size_t k = st;
		while (k < hi && !tok_punct(x, k, ','))
			k++;
		if (k >= hi)
			return no_spk();
		st = k + 1;
	}
	if (st == i)
		return no_spk();
	return np_right(x, (long)st, st < i ? (long)i - 1 : (long)hi);
}

/* The speaker of cue i (memoised): after the cue for "according to X" and
 * inversions ("," said X), the possessor for noun cues (X's claim that),
 * the clause subject for participles, else the phrase before the cue,
 * past adverbials, asides and appositives ("X, a doctor, said"). */
static struct spk cue_speaker(struct qx *x, size_t i)
{
	if (x->cspk_done[i])
		return x->cspk[i];
	x->cspk_done[i] = 1;  /* guards against cycles */
	x->cspk[i] = no_spk();
	char c = x->cue[i];
	size_t n = x->cue_n[i] ? x->cue_n[i] : 1;
	long lo = (long)sent_first(x, i), hi = (long)sent_last(x, i);
	struct spk s = no_spk();
	if (c == 'a') {
		s = np_right(x, (long)(i + n), hi);
	} else if (c == 'n') {
		if (i >= 2 && x->d->tok[i - 1].kind == TEXT_POSSESSIVE)
			s = np_left(x, (long)i - 2, lo, 0);
	} else if (c == 'p' || c == 'P') {
		s = subject_of(x, i);
	} else {
		int inverted = c != 'o' &&
			       ((long)i == lo || tok_punct(x, i - 1, ',') || is_close_mark(x, i - 1) ||
				(x->span_of[i - 1] >= 0));
		if (inverted && i + n <= (size_t)hi) {
			s = np_right(x, (long)(i + n), hi);
			if (s.type == SPK_PRON_GRP && tok_eq(x, (size_t)s.t0, "it"))
				s = no_spk();
			/* "said X." / "said X on Thursday": X ends the clause */
			size_t after = s.t1 >= 0 ? (size_t)s.t1 + 1 : 0;
			if (s.type != SPK_NONE && after <= (size_t)hi &&
			    !(x->d->tok[after].kind == TEXT_PUNCT || x->d->tok[after].kind == TEXT_DASH ||
			      x->d->tok[after].kind == TEXT_QUOTE || tok_in(x, after, q_adv_right) ||
			      tok_in(x, after, q_time_words) ||
			      tok_in(x, after, (const char *const[]){"at", "during", "after", "before",
					"while", "when", "as", "to", "from", "via", "who", NULL})))
				s = no_spk();
		}
		if (s.type == SPK_NONE && (long)i > lo) {
			long j = skip_adv_left(x, (long)i - 1, lo);
			if (j >= lo && tok_punct(x, (size_t)j, ',')) {
				/* appositive: "Hugh Hill, a doctor, said"; "X, 21, a student, said" */
				long k = j - 1;
				/* "his top aide, Tad Devine, told" */
				s = np_left(x, k, lo, 0);
				if (s.type != SPK_NAME || s.men < 0 || s.t0 - 1 < lo ||
				    !tok_punct(x, (size_t)s.t0 - 1, ','))
					s = no_spk();
				for (int commas = 0; commas < 3 && s.type == SPK_NONE; commas++) {
					while (k >= lo && k > j - 30 && !tok_punct(x, (size_t)k, ',') &&
					       x->d->tok[k].kind != TEXT_QUOTE)
						k--;
					if (k <= lo || !tok_punct(x, (size_t)k, ','))
						break;
					s = np_left(x, k - 1, lo, 0);
					if (s.type != SPK_NAME)
						s = no_spk();
					k--;
				}
			} else if (j >= lo) {
				s = np_left(x, j, lo, 0);
			}
			if (s.type == SPK_NONE && j >= lo &&
			    tok_in(x, (size_t)j, (const char *const[]){"and", "but", NULL}))
				s = subject_of(x, i);
		}
	}
	x->cspk[i] = s;
	return s;
}

/* ------------------------------------------------------------ candidates */

static int cand_push(struct qx *x, const struct cand *c)
{
	if (x->nc == x->cap) {
		size_t ncap = x->cap ? x->cap * 2 : 32;
		struct cand *nv = arena_realloc(x->a, x->c, x->cap * sizeof *nv, ncap * sizeof *nv);
		if (!nv)
			return ENR_ENOMEM;
		x->c = nv;
		x->cap = ncap;
	}
	x->c[x->nc++] = *c;
	return 0;
}

static size_t count_words(const struct qx *x, size_t first, size_t last)
{
	size_t n = 0;
	for (size_t k = first; k <= last && k < x->d->ntok; k++)
		n += x->d->tok[k].kind == TEXT_WORD || x->d->tok[k].kind == TEXT_NUMBER;
	return n;
}

/* Looks for the cue of span si: after the closing mark (", he said"), or
 * before the opening mark in the sentence (said: "...", called it a "..."). */
static long span_cue(struct qx *x, size_t si, int partial)
{
	const struct quotes_span *s = &x->sp[si];
	long after = -1, before = -1;
	if (s->close_tok != QUOTES_NO_TOK) {
		size_t ct = s->close_tok;
		size_t hi = sent_last(x, ct);
		/* "...?" Sanders replied. starts a new sentence after the mark */
		int next_sent = hi == ct && ct + 1 < x->d->ntok &&
				!(x->d->tok[ct + 1].flags & TEXT_F_NL_BEFORE);
		if (next_sent)
			hi = sent_last(x, ct + 1);
		for (size_t j = ct + 1; j <= hi && j < ct + 14; j++) {
			if (x->span_of[j] >= 0 || (x->d->tok[j].flags & TEXT_F_NL_BEFORE))
				break;
			if (x->cue[j] && x->cue[j] != 'n') {
				size_t nx = j + x->cue_n[j];
				if (next_sent && (j > ct + 6 || x->cue[j] == 'p' || x->cue[j] == 'P' ||
						  !(nx > hi || x->d->tok[nx].kind == TEXT_PUNCT ||
						    x->d->tok[nx].kind == TEXT_QUOTE ||
						    tok_in(x, nx, q_adv_right) || tok_in(x, nx, q_time_words))))
					break;
				after = (long)j;
				break;
			}
			if (next_sent && j > ct + 1 && !np_word(x, j) && !tok_in(x, j, q_adverbs) &&
			    !tok_in(x, j, q_determiners))
				break;
			if (tok_punct(x, j, '.') || tok_punct(x, j, ';'))
				break;
		}
	}
	size_t o = s->open_tok;
	/* a quote opening its line after "X said:" at the end of the last one */
	int colon_intro = o >= 2 && (x->d->tok[o].flags & TEXT_F_NL_BEFORE) && tok_punct(x, o - 1, ':');
	long lo = (long)sent_first(x, colon_intro ? o - 1 : o);
	if (lo < (long)o - 45)
		lo = (long)o - 45;
	for (long j = (long)o - 1; j >= lo; j--) {
		if ((x->d->tok[j + 1].flags & TEXT_F_NL_BEFORE) && !(colon_intro && j + 1 == (long)o))
			break;
		char c = x->cue[j];
		if (!c || x->span_of[j] >= 0)
			continue;
		if (c == 'q' && (long)o - j > 10)
			continue;
		if (c == 'n' && !(j + 1 < (long)x->d->ntok && tok_eq(x, (size_t)j + x->cue_n[j], "that")))
			continue;
		if (!partial && (long)o - j > 12 && c != 'a')
			continue;
		before = j;
		break;
	}
	if (partial)
		return before >= 0 ? before : after;
	return after >= 0 ? after : before;
}

/* A quote opened at o is direct when it starts its sentence or line, or
 * follows a colon, a comma, a dash, "that", or its cue; else partial. */
static int span_kind(const struct qx *x, size_t si)
{
	const struct quotes_span *s = &x->sp[si];
	size_t o = s->open_tok;
	if (s->flags & QUOTES_SPAN_CONT)
		return QUOTE_DIRECT;
	if (o == 0 || (x->d->tok[o].flags & (TEXT_F_SENT_START | TEXT_F_NL_BEFORE)) ||
	    sent_first(x, o) == o)
		return QUOTE_DIRECT;
	size_t p = o - 1;
	if (tok_punct(x, p, ':') || tok_punct(x, p, ',') || x->d->tok[p].kind == TEXT_DASH ||
	    tok_eq(x, p, "that") || x->cue[p] || x->d->tok[p].kind == TEXT_QUOTE)
		return QUOTE_DIRECT;
	if (p >= 1 && x->cue[p - 1] && x->cue_n[p - 1] == 2)
		return QUOTE_DIRECT;
	return QUOTE_PARTIAL;
}

static int add_span_cands(struct qx *x)
{
	for (size_t si = 0; si < x->nsp; si++) {
		const struct quotes_span *s = &x->sp[si];
		size_t nw = count_words(x, s->first, s->last);
		if (nw == 0)
			continue;
		int kind = span_kind(x, si);
		long cue = span_cue(x, si, kind == QUOTE_PARTIAL);
		const struct text_token *lt = &x->d->tok[s->last];
		int ends_punct = lt->kind == TEXT_ELLIPSIS ||
				 (lt->kind == TEXT_PUNCT && strchr(".,!?", x->d->text[lt->start]));
		/* scare quotes and quoted names are no quotes */
		if (nw <= 2 && cue < 0 && !(s->flags & (QUOTES_SPAN_CONT | QUOTES_SPAN_OPEN_END)))
			continue;
		if (nw == 1 && !ends_punct && tok_upper(x, s->first))
			continue;
		if (nw <= 3 && !ends_punct && cue < 0)
			continue;
		if ((s->flags & QUOTES_SPAN_SINGLE) && (nw < 2 || (cue < 0 && nw < 4)))
			continue;
		/* a quoted title mid-sentence: "Meet the Press." */
		if (kind == QUOTE_PARTIAL && nw <= 5) {
			int title = 1;
			for (size_t k = s->first; k <= s->last && title; k++)
				if (tok_word(x, k) && text_tok_len(x->d, k) > 3 && !tok_upper(x, k))
					title = 0;
			if (title && tok_upper(x, s->first))
				continue;
		}
		/* a headline in quotation marks with no cue is a title, not a quote */
		if (cue < 0 && (x->d->tok[s->first].flags & TEXT_F_HEADLINE) && nw < 4)
			continue;
		struct cand c = {
			.start = s->start, .end = s->end, .first = s->first, .last = s->last,
			.kind = (uint8_t)kind, .span = (int32_t)si, .cue = (int32_t)cue,
			.cue_n = cue >= 0 ? x->cue_n[cue] : 0, .ent = -1};
		c.sp = cue >= 0 ? cue_speaker(x, (size_t)cue) : no_spk();
		if (cue < 0 && kind == QUOTE_DIRECT && s->open_tok >= 2 &&
		    tok_punct(x, s->open_tok - 1, ':')) {
			/* "The channel: "..."", "Jared Potts echoed: "..."" */
			long lo = (long)sent_first(x, s->open_tok - 1);
			long e = (long)s->open_tok - 2;
			c.sp = np_left(x, e, lo, 0);
			if (c.sp.type == SPK_NONE && e > lo && tok_word(x, (size_t)e) &&
			    !tok_upper(x, (size_t)e) && !tok_in(x, (size_t)e, q_stop))
				c.sp = np_left(x, skip_adv_left(x, e - 1, lo), lo, 0);
			if (c.sp.type != SPK_NAME && c.sp.type != SPK_GROUP)
				c.sp = no_spk();
		}
		if (cue < 0 && kind == QUOTE_PARTIAL) {
			/* "Huckabee is labeling the actions "a blatant abuse"": the
			 * subject of the sentence is quoted */
			c.sp = subject_of(x, s->open_tok);
			if (c.sp.type == SPK_PRON_GRP && tok_eq(x, (size_t)c.sp.t0, "it"))
				c.sp = no_spk();
		}
		if (cue >= 0)
			x->used[cue] = 1;
		x->span_ok[si] = 1;
		int rc = cand_push(x, &c);
		if (rc)
			return rc;
	}
	return 0;
}

/* Does the comma at k start a trailing attribution (", X said", ", said X",
 * ", according to X") or a participle ("..., adding that")? Sets *cue. */
static int trailing_attr(struct qx *x, size_t k, size_t hi, long *cue)
{
	size_t m = k + 1;
	if (m > hi)
		return 0;
	char c = x->cue[m];
	if (c && c != 'n' && c != 'q') {
		*cue = (long)m;
		return 1;
	}
	struct spk s = np_right(x, (long)m, (long)hi);
	if (s.type == SPK_NONE)
		return 0;
	size_t e = (size_t)s.t1 + 1;
	while (e <= hi && e < (size_t)s.t1 + 6 &&
	       (tok_in(x, e, q_adverbs) || tok_punct(x, e, '(') || tok_punct(x, e, ')') ||
		x->d->tok[e].kind != TEXT_WORD || !tok_word(x, e)))
		e++;
	if (e <= hi && x->cue[e] && (x->cue[e] == 'v' || x->cue[e] == 't' || x->cue[e] == 'o')) {
		*cue = (long)e;
		return 1;
	}
	return 0;
}

/* Does [a, b] touch a span or an earlier candidate? */
static int overlaps(const struct qx *x, uint32_t a, uint32_t b)
{
	for (size_t k = 0; k < x->nc; k++)
		if (a < x->c[k].end && x->c[k].start < b)
			return 1;
	for (size_t k = 0; k < x->nsp; k++) {
		const struct quotes_span *s = &x->sp[k];
		if (x->span_ok[k] && a <= x->d->tok[s->last].end && x->d->tok[s->open_tok].start < b)
			return 1;
	}
	return 0;
}

/* Ends a reported clause that starts at cs: at the sentence end, a
 * semicolon, or a trailing attribution. -1 when it runs into quotation
 * marks (then the quoted fragment is the quote, not the clause). */
static long clause_end(struct qx *x, size_t cs, long *tail_cue)
{
	size_t hi = sent_last(x, cs);
	*tail_cue = -1;
	for (size_t k = cs; k <= hi; k++) {
		if (in_quote(x, k))
			return -1;
		if (k > cs && (x->d->tok[k].flags & TEXT_F_NL_BEFORE))
			return (long)k - 1;
		if (tok_punct(x, k, ';'))
			return (long)k - 1;
		if (tok_punct(x, k, ',') && trailing_attr(x, k, hi, tail_cue))
			return (long)k - 1;
	}
	long e = (long)hi;
	while (e >= (long)cs && (x->d->tok[e].kind == TEXT_PUNCT || x->d->tok[e].kind == TEXT_DASH) &&
	       !tok_punct(x, (size_t)e, ')'))
		e--;
	return e;
}

static int push_indirect(struct qx *x, size_t cue, size_t cs, long ce, long tail, struct spk sp)
{
	if (ce < (long)cs || count_words(x, cs, (size_t)ce) < 3)
		return 0;
	uint32_t a = x->d->tok[cs].start, b = x->d->tok[ce].end;
	if (overlaps(x, a, b))
		return 0;
	struct cand c = {.start = a, .end = b, .first = (uint32_t)cs, .last = (uint32_t)ce,
			 .kind = QUOTE_INDIRECT, .span = -1, .cue = (int32_t)cue,
			 .cue_n = x->cue_n[cue], .sp = sp, .ent = -1};
	int rc = cand_push(x, &c);
	if (rc)
		return rc;
	x->used[cue] = 1;
	(void)tail;
	for (long k = (long)cs; k <= ce; k++)
		x->used[k] = 1;
	return 0;
}

/* Where a bare reported clause after a cue starts, past "on Tuesday",
 * "yesterday" and the like; -1 when what follows is no clause. */
static long bare_clause_start(struct qx *x, size_t after, size_t hi)
{
	const struct text_doc *d = x->d;
	size_t j = after;
	for (int steps = 0; j <= hi && steps < 4; steps++) {
		if (tok_in(x, j, q_time_words) && !(j + 1 <= hi && tok_eq(x, j + 1, "that"))) {
			j++;
			continue;
		}
		if (tok_in(x, j, q_adv_right) && j + 1 <= hi &&
		    (tok_in(x, j + 1, q_time_words) || d->tok[j + 1].kind == TEXT_NUMBER ||
		     tok_in(x, j, (const char *const[]){"yesterday", "today", "earlier", "also",
				"again", "recently", "previously", "repeatedly", "publicly",
				"privately", "separately", "once", "then", NULL}))) {
			j++;
			continue;
		}
		if (d->tok[j].kind == TEXT_NUMBER && j > after && tok_in(x, j - 1, q_time_words)) {
			j++;
			continue;
		}
		break;
	}
	if (j > hi || !(tok_word(x, j) || d->tok[j].kind == TEXT_NUMBER) ||
	    tok_in(x, j, q_not_clause_start) || x->cue[j])
		return -1;
	return (long)j;
}

static const char *const q_not_speaker_label[] = {
	"note", "update", "updated", "editor", "photo", "photos", "source", "sources", "related",
	"watch", "warning", "breaking", "correction", "disclaimer", "image", "video", "credit",
	"read", "see", "also", "listen", "subscribe", "tags", "topics", "share", "advertisement",
	"q", "a", NULL};

/* Transcript and headline lines: "Matthews: Well, speculation is bad." A
 * short capitalised name opening a line, a colon, and at least three words. */
static int add_labelled_lines(struct qx *x)
{
	const struct text_doc *d = x->d;
	for (size_t i = 0; i < d->ntok; i++) {
		if (i > 0 && !(d->tok[i].flags & TEXT_F_NL_BEFORE))
			continue;
		size_t k = i;
		while (k < d->ntok && k < i + 5 && (tok_upper(x, k) || mention_at(x, k) >= 0) &&
		       !(k > i && (d->tok[k].flags & TEXT_F_NL_BEFORE)))
			k++;
		if (k == i || k >= d->ntok || !tok_punct(x, k, ':') || x->span_of[k] >= 0)
			continue;
		if (k == i + 1 && (d->tok[i].flags & TEXT_F_ALLCAPS) &&
		    !(mention_at(x, i) >= 0 && x->el->men[mention_at(x, i)].type == NER_PER))
			continue;  /* a dateline: "SINGAPORE:" */
		if (tok_in(x, i, q_not_speaker_label) || tok_in(x, i, q_stop) || tok_in(x, i, q_intro) ||
		    tok_in(x, i, q_determiners))
			continue;
		size_t cs = k + 1, ce = cs;
		if (cs >= d->ntok || (d->tok[cs].flags & TEXT_F_NL_BEFORE) || d->tok[cs].kind == TEXT_QUOTE)
			continue;
		while (ce + 1 < d->ntok && !(d->tok[ce + 1].flags & TEXT_F_NL_BEFORE))
			ce++;
		int marked = 0;
		for (size_t t = cs; t <= ce; t++)
			marked |= in_quote(x, t);
		if (marked || count_words(x, cs, ce) < 3)
			continue;
		struct spk sp = phrase_spk(x, (long)i, (long)k - 1);
		if (sp.type != SPK_NAME)
			continue;
		struct cand c = {.start = d->tok[cs].start, .end = d->tok[ce].end, .first = (uint32_t)cs,
				 .last = (uint32_t)ce, .kind = QUOTE_DIRECT, .span = -1, .cue = -1,
				 .sp = sp, .ent = -1};
		if (overlaps(x, c.start, c.end))
			continue;
		int rc = cand_push(x, &c);
		if (rc)
			return rc;
		for (size_t t = cs; t <= ce; t++)
			x->used[t] = 1;
	}
	return 0;
}

/* Indirect quotes from the cues no quotation mark took. */
static int add_indirect(struct qx *x)
{
	const struct text_doc *d = x->d;
	for (size_t i = 0; i < d->ntok; i++) {
		char c = x->cue[i];
		if (!c || c == 'q' || x->used[i])
			continue;
		size_t n = x->cue_n[i];
		size_t lo = sent_first(x, i), hi = sent_last(x, i);
		size_t after = i + n;
		long tail = -1, ce;
		struct spk sp = cue_speaker(x, i);
		int rc;
		if (c == 'a') {
			/* "According to X, ..." or "..., according to X." */
			if (sp.type == SPK_NONE)
				continue;
			size_t pe = (size_t)sp.t1 + 1;
			if (i == lo || (i == lo + 1 && d->tok[lo].kind == TEXT_QUOTE)) {
				while (pe <= hi && pe < i + 30 && !tok_punct(x, pe, ','))
					pe++;
				pe++;
				if (pe > hi)
					continue;
				ce = clause_end(x, pe, &tail);
				rc = push_indirect(x, i, pe, ce, tail, sp);
			} else {
				long e = (long)i - 1;
				while (e >= (long)lo && (tok_punct(x, (size_t)e, ',') ||
							 d->tok[e].kind == TEXT_DASH))
					e--;
				if (e < (long)lo)
					continue;
				int marked = 0;
				for (size_t k = lo; k <= (size_t)e; k++)
					marked |= in_quote(x, k);
				rc = marked ? 0 : push_indirect(x, i, lo, e, -1, sp);
			}
			if (rc)
				return rc;
			continue;
		}
		/* "that" within a few words: said (on Friday) that, told X that */
		size_t w = (c == 'o' || c == 'P') ? 10 : 8;
		long cs = -1;
		for (size_t j = after; j <= hi && j < after + w; j++) {
			if (in_quote(x, j) || (x->cue[j] && j != i))
				break;
			if (tok_eq(x, j, "that") && !tok_upper(x, j)) {
				cs = (long)j + 1;
				break;
			}
			if (d->tok[j].kind == TEXT_PUNCT && !tok_punct(x, j, ',') &&
			    !tok_punct(x, j, '(') && !tok_punct(x, j, ')'))
				break;
		}
		if (cs < 0 && after <= hi && tok_punct(x, after, ':') && after + 1 <= hi &&
		    d->tok[after + 1].kind != TEXT_QUOTE)
			cs = (long)after + 1;
		if (cs >= 0 && cs <= (long)hi) {
			ce = clause_end(x, (size_t)cs, &tail);
			if (ce < 0)
				continue;  /* left for the quoted fragment */
			rc = push_indirect(x, i, (size_t)cs, ce, tail, sp);
			if (rc)
				return rc;
			if (x->used[i])
				continue;
			/* "taking that step": no clause after all */
		}
		if (c == 'o' || c == 'P') {
			/* told The Huffington Post he's not planning ... */
			struct spk obj = np_right(x, (long)after, (long)hi);
			long j = -1;
			if (obj.type != SPK_NONE)
				j = bare_clause_start(x, (size_t)obj.t1 + 1, hi);
			else if (after <= hi && tok_in(x, after, (const char *const[]){"him", "her",
					"them", "us", "me", "reporters", "journalists", NULL}))
				j = bare_clause_start(x, after + 1, hi);
			if (j >= 0 && !tok_in(x, (size_t)j, q_pron_group) && d->tok[j].kind == TEXT_WORD &&
			    !(x->d->tok[j].flags & TEXT_F_UPPER) && !tok_in(x, (size_t)j, q_pron_person) &&
			    !tok_in(x, (size_t)j, (const char *const[]){"i", "the", "a", NULL}))
				j = -1;  /* a clause after an object starts with a pronoun or a name */
			ce = j >= 0 ? clause_end(x, (size_t)j, &tail) : -1;
			if (ce >= 0) {
				rc = push_indirect(x, i, (size_t)j, ce, tail, sp);
				if (rc)
					return rc;
			}
			if (x->used[i] || c == 'P')
				continue;
		}
		if (c == 'n')
			continue;
		if (c == 'v' || c == 'p') {
			/* a bare clause: said (on Tuesday) it was ... */
			long j = bare_clause_start(x, after, hi);
			ce = j >= 0 ? clause_end(x, (size_t)j, &tail) : -1;
			if (ce >= 0 && count_words(x, (size_t)j, (size_t)ce) >= 3) {
				rc = push_indirect(x, i, (size_t)j, ce, tail, sp);
				if (rc)
					return rc;
				if (x->used[i])
					continue;
			}
		}
		/* inverted: "CONTENT, X said." / "CONTENT, said X." / ", X told Y." */
		if (c == 'v' || c == 't' || c == 'o') {
			long comma = -1;
			if (i > lo && tok_punct(x, i - 1, ',') && !(sp.type != SPK_NONE && sp.t1 < (int32_t)i))
				comma = (long)i - 1;  /* ", said X"; not "X, 35, a doctor, said" */
			else if (sp.type != SPK_NONE && sp.t0 > (int32_t)lo && sp.t1 < (int32_t)i) {
				long k = sp.t0 - 1;
				while (k > (long)lo && tok_in(x, (size_t)k, q_determiners))
					k--;
				if (tok_punct(x, (size_t)k, ','))
					comma = k;
			}
			size_t ae = i + n;  /* ", the campaign said, it may ..." */
			while (ae <= hi && ae < i + n + 4 && (tok_in(x, ae, q_adv_right) ||
							      tok_in(x, ae, q_time_words)))
				ae++;
			if (comma > (long)lo && ae < hi && tok_punct(x, ae, ',') &&
			    count_words(x, ae + 1, hi) > count_words(x, lo, (size_t)comma)) {
				ce = clause_end(x, ae + 1, &tail);
				if (ce >= 0) {
					rc = push_indirect(x, i, ae + 1, ce, tail, sp);
					if (rc)
						return rc;
					if (x->used[i])
						continue;
				}
			}
			if (comma > (long)lo + 2) {
				long e = comma - 1;
				int bad = 0;
				for (size_t k = lo; k <= (size_t)comma; k++)
					if (in_quote(x, k) || x->used[k])
						bad = 1;
				/* "In a two-minute response, Cruz said": an opening phrase */
				if (tok_in(x, lo, (const char *const[]){"in", "on", "at", "after", "before",
						"during", "for", "with", "from", "by", "among", "under", "over",
						"since", "until", "asked", "speaking", "later", "earlier", NULL}) &&
				    count_words(x, lo, (size_t)e) < 7)
					bad = 1;
				if (!bad) {
					rc = push_indirect(x, i, lo, e, -1, sp);
					if (rc)
						return rc;
					continue;
				}
			}
		}
	}
	return 0;
}

/* ------------------------------------------------------------- resolving */

struct resolver {
	long per_tok;        /* where the last person was named or spoke */
	int32_t per_ent;
	const char *per_name;
	long grp_tok;
	int32_t grp_ent;
	const char *grp_name;
	size_t men_next;     /* mentions before this were scanned */
};

static const char *tok_text(struct qx *x, long t0, long t1)
{
	if (t0 < 0 || t1 < t0)
		return NULL;
	size_t s = x->d->tok[t0].start, e = x->d->tok[t1].end;
	return arena_strndup(x->a, x->d->text + s, e - s);
}

/* A name with no mention behind it: the capitalised run at the phrase end,
 * without the title words before it; widened to a longer name seen earlier
 * in the text that holds it ("Hsu" -> "Hsu Kuo-yung"). */
static const char *fallback_name(struct qx *x, const struct spk *s)
{
	long e = s->t1, b = e;
	while (b - 1 >= s->t0 && tok_upper(x, (size_t)b - 1) && !role_of(x, (size_t)b - 1))
		b--;
	if (!tok_upper(x, (size_t)e)) {
		/* "the Callsign X Telegram channel": the run before the role words */
		while (e >= s->t0 && !tok_upper(x, (size_t)e))
			e--;
		if (e < s->t0)
			return tok_text(x, s->t0, s->t1);
		b = e;
		while (b - 1 >= s->t0 && tok_upper(x, (size_t)b - 1))
			b--;
	}
	while (b < e && role_of(x, (size_t)b))
		b++;
	if (b == e) {
		/* widen a one-word name to an earlier capitalised run holding it */
		size_t n = text_tok_len(x->d, (size_t)b);
		const char *w = text_tok_str(x->d, (size_t)b);
		for (long k = 0; k < b; k++) {
			if (text_tok_len(x->d, (size_t)k) != n || memcmp(text_tok_str(x->d, (size_t)k), w, n))
				continue;
			long rb = k, re = k;
			while (rb - 1 >= 0 && tok_upper(x, (size_t)rb - 1) && !role_of(x, (size_t)rb - 1) &&
			       !tok_in(x, (size_t)rb - 1, q_determiners) && !tok_in(x, (size_t)rb - 1, q_stop) &&
			       !tok_in(x, (size_t)rb - 1, q_intro) && !tok_in(x, (size_t)rb - 1, q_time_words) &&
			       !(x->d->tok[rb].flags & TEXT_F_SENT_START))
				rb--;
			while ((size_t)re + 1 < x->d->ntok && tok_upper(x, (size_t)re + 1) &&
			       !role_of(x, (size_t)re + 1) && !(x->d->tok[re + 1].flags & TEXT_F_SENT_START))
				re++;
			if (re > rb && re - rb < 4)
				return tok_text(x, rb, re);
		}
	}
	return tok_text(x, b, e);
}

/* A description ("the presidential adviser") names the entity holding that
 * title, or the person named right after the same words earlier on. */
static int title_entity(struct qx *x, const struct spk *s, int32_t *ent, const char **name)
{
	long t0 = s->t0, t1 = s->t1;
	size_t hn = text_tok_len(x->d, (size_t)t1);
	const char *head = text_tok_str(x->d, (size_t)t1);
	if (x->el && x->el->ent) {
		long best_tok = -1;
		for (size_t k = 0; k < x->el->nent; k++) {
			const struct entity *en = &x->el->ent[k];
			if (!en->title)
				continue;
			size_t tl = strlen(en->title);
			if (tl < hn || strncasecmp(en->title + tl - hn, head, hn) ||
			    (tl > hn && en->title[tl - hn - 1] != ' '))
				continue;
			for (size_t m = 0; m < en->nmentions; m++) {
				long mt = (long)x->el->men[en->mentions[m]].tok;
				if (mt < t0 && mt > best_tok) {
					best_tok = mt;
					*ent = (int32_t)k;
					*name = en->name;
				}
			}
		}
		if (best_tok >= 0)
			return 1;
	}
	for (long k = t0 - 1; k >= 0; k--) {
		if (text_tok_len(x->d, (size_t)k) != hn ||
		    strncasecmp(text_tok_str(x->d, (size_t)k), head, hn))
			continue;
		size_t n1 = (size_t)k + 1;
		if (n1 >= x->d->ntok)
			continue;
		int m = mention_at(x, n1);
		if (m >= 0 && x->el->men[m].type != NER_LOC && x->el->men[m].entity >= 0) {
			*ent = x->el->men[m].entity;
			*name = x->el->ent[*ent].name;
			return 1;
		}
		if (tok_upper(x, n1) && tok_upper(x, n1 + 1 < x->d->ntok ? n1 + 1 : n1) &&
		    n1 + 1 < x->d->ntok) {
			long e = (long)n1;
			while ((size_t)e + 1 < x->d->ntok && tok_upper(x, (size_t)e + 1) && e < (long)n1 + 3)
				e++;
			*ent = -1;
			*name = tok_text(x, (long)n1, e);
			return *name != NULL;
		}
	}
	return 0;
}

/* Is mention m the subject of its clause: at the sentence start or after a
 * comma, past title words, and not a possessor? */
static int subject_mention(struct qx *x, int m)
{
	const struct mention *mm = &x->el->men[m];
	size_t e = mm->tok + mm->ntok;
	if (e < x->d->ntok && (x->d->tok[e].kind == TEXT_POSSESSIVE || tok_eq(x, e, "of")))
		return 0;
	if (x->span_of[mm->tok] >= 0)
		return 0;
	long k = (long)mm->tok - 1;
	long lo = (long)sent_first(x, mm->tok);
	while (k >= lo && (tok_upper(x, (size_t)k) || role_of(x, (size_t)k)) && k > (long)mm->tok - 6)
		k--;
	if (k >= lo && tok_in(x, (size_t)k, q_determiners))
		k--;
	if (k < lo)
		return 1;
	return tok_punct(x, (size_t)k, ',');
}

static void note_speaker(struct resolver *rv, struct qx *x, long tok, int32_t ent,
			 const char *name, int person)
{
	if (person) {
		rv->per_tok = tok;
		rv->per_ent = ent;
		rv->per_name = name;
	} else {
		rv->grp_tok = tok;
		rv->grp_ent = ent;
		rv->grp_name = name;
	}
	(void)x;
}

/* Can entity e be "he" or "she"? A person, or a name the text gives a
 * person's title (the tagger may call an adviser an organisation). */
static int person_like(struct qx *x, int32_t e)
{
	if (e < 0 || !x->el)
		return 0;
	const struct entity *en = &x->el->ent[e];
	if (en->type == NER_PER || en->title)
		return 1;
	if (en->type == NER_LOC)
		return 0;
	for (size_t k = 0; k < en->nmentions; k++) {
		uint32_t t = x->el->men[en->mentions[k]].tok;
		const char *r = t > 0 ? role_of(x, t - 1) : NULL;
		if (r && r[0] == 'r')
			return 1;
	}
	return 0;
}

/* Persons named in subject position before token t become the antecedent
 * of "he"/"she" when they are more recent than the last speaker. */
static void scan_mentions(struct resolver *rv, struct qx *x, long t)
{
	if (!x->el || !x->el->men)
		return;
	while (rv->men_next < x->el->nmen && (long)x->el->men[rv->men_next].tok < t) {
		int m = (int)rv->men_next++;
		const struct mention *mm = &x->el->men[m];
		if (mm->entity < 0 || (long)mm->tok <= rv->per_tok)
			continue;
		if (person_like(x, mm->entity) && subject_mention(x, m))
			note_speaker(rv, x, (long)mm->tok, mm->entity, x->el->ent[mm->entity].name, 1);
	}
}

/* The most recent plural group opening a sentence in the last few
 * sentences ("Russian military bloggers have ..."), for "some", "they". */
static int recent_group_subject(struct qx *x, long t, long *tok, const char **name)
{
	size_t s = x->d->tok[t].sent;
	for (size_t back = 1; back <= 3 && back <= s; back++) {
		const struct text_sentence *se = &x->d->sent[s - back];
		struct spk g = np_right(x, (long)se->tok, (long)(se->tok + se->ntok - 1));
		if (g.type != SPK_GROUP)
			continue;
		size_t n = text_tok_len(x->d, (size_t)g.t1);
		if (text_tok_str(x->d, (size_t)g.t1)[n - 1] != 's')
			continue;
		*tok = g.t0;
		*name = tok_text(x, g.t0, g.t1);
		return *name != NULL;
	}
	return 0;
}

static void resolve(struct qx *x, struct resolver *rv, struct cand *c)
{
	struct spk *s = &c->sp;
	c->ent = -1;
	c->name = NULL;
	if (s->type == SPK_NONE)
		return;
	scan_mentions(rv, x, s->t0);
	switch (s->type) {
	case SPK_NAME: {
		int person = 1;
		if (s->men >= 0 && x->el->men[s->men].entity >= 0) {
			c->ent = x->el->men[s->men].entity;
			c->name = x->el->ent[c->ent].name;
			person = person_like(x, c->ent);
		} else {
			c->name = fallback_name(x, s);
			person = !role_of(x, (size_t)s->t1) ||
				 role_of(x, (size_t)s->t1)[0] == 'r';
		}
		note_speaker(rv, x, s->t1, c->ent, c->name, person);
		break;
	}
	case SPK_GROUP: {
		const char *role = role_of(x, (size_t)s->t1);
		int definite = s->t0 > 0 && tok_eq(x, (size_t)s->t0 - 1, "the");
		if (role && role[0] == 'r' && definite && title_entity(x, s, &c->ent, &c->name)) {
			note_speaker(rv, x, s->t1, c->ent, c->name, 1);
			break;
		}
		c->name = tok_text(x, s->t0, s->t1);
		note_speaker(rv, x, s->t1, -1, c->name, 0);
		break;
	}
	case SPK_PRON_PER:
		if (rv->per_name) {
			c->ent = rv->per_ent;
			c->name = rv->per_name;
			rv->per_tok = s->t0;
		}
		break;
	case SPK_PRON_GRP: {
		long gt = -1;
		const char *gn = NULL;
		int subj = recent_group_subject(x, s->t0, &gt, &gn);
		if (rv->grp_name && (!subj || rv->grp_tok >= gt)) {
			c->ent = rv->grp_ent;
			c->name = rv->grp_name;
		} else if (subj) {
			c->name = gn;
		}
		break;
	}
	default:
		break;
	}
}

static int cand_cmp(const void *a, const void *b)
{
	const struct cand *x = a, *y = b;
	long kx = x->start, ky = y->start;
	return kx < ky ? -1 : kx > ky;
}

/* ------------------------------------------------------------------ main */

int quotes_find(const struct quotes_res *r, struct arena *a, const struct text_doc *doc,
		const struct entity_list *el, struct quote_list *out, struct enr_error *err)
{
	memset(out, 0, sizeof *out);
	if (!r || !doc || doc->ntok == 0)
		return 0;
	struct qx x = {.r = r, .a = a, .d = doc, .el = (el && el->men) ? el : NULL};
	size_t n = doc->ntok;
	x.span_of = arena_alloc(a, n * sizeof *x.span_of);
	x.cue = arena_calloc(a, n, 1);
	x.cue_n = arena_calloc(a, n, 1);
	x.used = arena_calloc(a, n, 1);
	x.line = arena_alloc(a, n * sizeof *x.line);
	x.cspk = arena_alloc(a, n * sizeof *x.cspk);
	x.cspk_done = arena_calloc(a, n, 1);
	if (!x.span_of || !x.cue || !x.cue_n || !x.used || !x.line || !x.cspk || !x.cspk_done)
		return enr_error_set(err, ENR_ENOMEM, "out of memory for quotes");
	uint32_t ln = 0;
	for (size_t i = 0; i < n; i++) {
		x.span_of[i] = -1;
		if (i > 0 && (doc->tok[i].flags & (TEXT_F_NL_BEFORE | TEXT_F_PARA_START)))
			ln++;
		x.line[i] = ln;
	}
	if (quotes_spans_find(a, doc, &x.sp, &x.nsp))
		return enr_error_set(err, ENR_ENOMEM, "out of memory for quote marks");
	x.span_ok = arena_calloc(a, x.nsp ? x.nsp : 1, 1);
	if (!x.span_ok)
		return enr_error_set(err, ENR_ENOMEM, "out of memory for quote marks");
	for (size_t k = 0; k < x.nsp; k++) {
		size_t e = x.sp[k].close_tok != QUOTES_NO_TOK ? x.sp[k].close_tok : x.sp[k].last;
		for (size_t i = x.sp[k].open_tok; i <= e && i < n; i++)
			x.span_of[i] = (int32_t)k;
	}
	find_cues(&x);
	int rc = add_span_cands(&x);
	if (!rc)
		rc = add_labelled_lines(&x);
	if (!rc)
		rc = add_indirect(&x);
	if (rc)
		return enr_error_set(err, ENR_ENOMEM, "out of memory for quotes");
	if (x.nc > 1)
		qsort(x.c, x.nc, sizeof *x.c, cand_cmp);

	struct resolver rv = {.per_tok = -1, .per_ent = -1, .grp_tok = -1, .grp_ent = -1};
	for (size_t k = 0; k < x.nc; k++) {
		struct cand *c = &x.c[k];
		resolve(&x, &rv, c);
		/* follow-on: a quote with no cue takes the speaker of the quote
		 * before it in its line, or in the line before when it opens its
		 * own line */
		if (c->cue < 0 && c->sp.type == SPK_NONE && c->span >= 0 && k > 0) {
			const struct cand *p = &x.c[k - 1];
			uint32_t lc = x.line[c->first], lp = x.line[p->last];
			size_t o = x.sp[c->span].open_tok;
			int opens_line = o == 0 || (doc->tok[o].flags & TEXT_F_NL_BEFORE);
			if ((p->name || p->ent >= 0) &&
			    (lc == lp || (opens_line && lc == lp + 1 && p->kind != QUOTE_INDIRECT))) {
				c->ent = p->ent;
				c->name = p->name;
				c->sp = p->sp;  /* the phrase that named the speaker */
			}
		}
		/* a quote after a sentence that names someone: "Sanders was
		 * defiant. "We will win."" */
		if (c->cue < 0 && c->sp.type == SPK_NONE && !c->name && c->span >= 0 &&
		    c->kind == QUOTE_DIRECT) {
			size_t o = x.sp[c->span].open_tok;
			uint32_t si = doc->tok[o].sent;
			int opens_line = o == 0 || (doc->tok[o].flags & TEXT_F_NL_BEFORE);
			if (si > 0 && doc->sent[si].tok == o) {
				const struct text_sentence *ps = &doc->sent[si - 1];
				size_t pl = ps->tok + ps->ntok - 1;
				if (!in_quote(&x, ps->tok) &&
				    (x.line[pl] == x.line[o] || (opens_line && x.line[pl] + 1 == x.line[o]))) {
					struct spk sj = subject_of(&x, pl);
					if (sj.type == SPK_NAME || sj.type == SPK_PRON_PER) {
						c->sp = sj;
						resolve(&x, &rv, c);
					}
				}
			}
		}
	}

	out->q = arena_calloc(a, x.nc ? x.nc : 1, sizeof *out->q);
	if (!out->q)
		return enr_error_set(err, ENR_ENOMEM, "out of memory for quotes");
	for (size_t k = 0; k < x.nc; k++) {
		const struct cand *c = &x.c[k];
		struct quote *q = &out->q[out->n++];
		q->start = c->start;
		q->end = c->end;
		q->kind = c->kind;
		q->speaker_entity = c->ent;
		q->speaker_name = c->name;
		q->speaker_mention = c->sp.men;
		if (c->sp.r0 >= 0) {
			q->sp_start = doc->tok[c->sp.r0].start;
			q->sp_end = doc->tok[c->sp.r1].end;
		}
		if (c->cue >= 0) {
			q->cue_start = doc->tok[c->cue].start;
			q->cue_end = doc->tok[c->cue + (c->cue_n ? c->cue_n : 1) - 1].end;
		}
	}
	return 0;
}

/* ---------------------------------------------------------------- render */

static json_t *span_json(const struct text_doc *doc, uint32_t s, uint32_t e, enum text_unit unit)
{
	return json_pack("{s:s%,s:I,s:I}", "text", doc->text + s, (size_t)(e - s), "start",
			 (json_int_t)text_offset(doc, s, unit), "end",
			 (json_int_t)text_offset(doc, e, unit));
}

static const char *const quote_kind_names[] = {"direct", "partial", "indirect"};

json_t *quotes_render(const struct quote_list *ql, const struct entity_list *el,
		      const struct text_doc *doc, enum text_unit unit)
{
	json_t *arr = json_array();
	if (!arr || !ql)
		return arr;
	for (size_t k = 0; k < ql->n; k++) {
		const struct quote *q = &ql->q[k];
		char id[32];
		snprintf(id, sizeof id, "q%zu", k + 1);
		json_t *o = json_pack("{s:s,s:s%,s:s,s:I,s:I}", "id", id, "text",
				      doc->text + q->start, (size_t)(q->end - q->start), "kind",
				      quote_kind_names[q->kind <= QUOTE_INDIRECT ? q->kind : 0],
				      "start", (json_int_t)text_offset(doc, q->start, unit), "end",
				      (json_int_t)text_offset(doc, q->end, unit));
		if (!o)
			continue;
		if (q->speaker_name || q->speaker_entity >= 0 || q->sp_end > q->sp_start) {
			json_t *sp = json_object();
			const char *name = q->speaker_name;
			if (!name && q->speaker_entity >= 0 && el && (size_t)q->speaker_entity < el->nent)
				name = el->ent[q->speaker_entity].name;
			json_object_set_new(sp, "name", name ? json_string(name) : json_null());
			if (q->speaker_entity >= 0) {
				snprintf(id, sizeof id, "e%d", q->speaker_entity + 1);
				json_object_set_new(sp, "entity", json_string(id));
			} else {
				json_object_set_new(sp, "entity", json_null());
			}
			if (q->sp_end > q->sp_start)
				json_object_set_new(sp, "mention",
						    span_json(doc, q->sp_start, q->sp_end, unit));
			else if (q->speaker_mention >= 0 && el && (size_t)q->speaker_mention < el->nmen)
				json_object_set_new(sp, "mention",
						    span_json(doc, el->men[q->speaker_mention].start,
							      el->men[q->speaker_mention].end, unit));
			else
				json_object_set_new(sp, "mention", json_null());
			json_object_set_new(o, "speaker", sp);
		} else {
			json_object_set_new(o, "speaker", json_null());
		}
		if (q->cue_end > q->cue_start)
			json_object_set_new(o, "cue", span_json(doc, q->cue_start, q->cue_end, unit));
		else
			json_object_set_new(o, "cue", json_null());
		json_array_append_new(arr, o);
	}
	return arr;
}
