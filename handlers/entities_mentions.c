/* Mentions for the entity layer: BIO spans from the tagger, cleaned (a title,
 * a leading "the", punctuation and a possessive are never part of a name),
 * plus capitalised gazetteer names the tagger missed, each linked to its
 * gazetteer entry and to a title seen with it. Allocates only from the arena. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "enricher/entities_impl.h"

#define TITLE_MAX_WORDS 6

/* Function words a tagger sometimes pulls into a name at a sentence start
 * ("Until Podolyak"); they never begin one. */
static const char *const lead_stop[] = {
	"a", "about", "according", "across", "after", "against", "also", "although", "amid",
	"among", "an", "and", "as", "at", "because", "before", "but", "by", "despite", "during",
	"earlier", "even", "following", "for", "from", "however", "if", "in", "later", "like",
	"meanwhile", "now", "of", "on", "only", "or", "over", "since", "so", "still", "than",
	"that", "then", "these", "this", "those", "though", "to", "today", "under", "unlike",
	"until", "when", "whether", "while", "with", "within", "without", "yesterday", "yet",
	"his", "her", "its", "their", "our", "my", "your", "we", "they", "he", "she", "it", NULL
};

/* Prepositions that put a place after them. */
static const char *const place_preps[] = { "in", "near", "around", "outside", "into", "inside",
	"towards", "toward", NULL };

/* Geographic words that end the name of a place. */
static const char *const place_words[] = {
	"shoal", "reef", "island", "islands", "isles", "atoll", "sea", "strait", "straits",
	"river", "mountain", "mountains", "mount", "peninsula", "bay", "gulf", "lake", "valley",
	"desert", "canal", "heights", "plateau", "coast", "cape", "harbour", "harbor", "glacier",
	"basin", "delta", "pass", "ridge", "range", "forest", "channel", NULL
};

/* Geographic words that end a place even when the tagger read an
 * organisation ("Galwan Valley"); not "Channel", "Forest", "Range", which
 * end organisations' names too. */
static const char *const org_place_words[] = { "shoal", "reef", "island", "islands", "isles",
	"atoll", "sea", "strait", "straits", "peninsula", "lake", "valley", "desert", "plateau",
	"glacier", "heights", NULL };

/* A lowercase noun right before a name that makes it a company: "the
 * carmaker Vela", "internet giant Vela". */
static const char *const company_before[] = {
	"company", "firm", "giant", "startup", "start-up", "carmaker", "automaker", "retailer",
	"conglomerate", "insurer", "lender", "airline", "broker", "newspaper", "broadcaster",
	"platform", "app", "maker", "manufacturer", "operator", "publisher", "brand", "chain",
	"group", "outlet", "unit", "subsidiary", "supplier", "distributor", "exchange", NULL
};

/* Words right after a name (or its possessive) that make it a company:
 * "Vela chief executive ...", "Vela's board". */
static const char *const company_after[] = {
	"ceo", "cfo", "coo", "cto", "chairman", "chairwoman", "co-founder", "founder",
	"shares", "stock", "shareholders", "board", "subsidiary", "headquarters", "inc", "inc.",
	"corp", "corp.", "ltd", "ltd.", "plc", NULL
};

static int tok_upper(const struct text_doc *d, size_t i)
{
	return (d->tok[i].flags & (TEXT_F_UPPER | TEXT_F_ALLCAPS)) != 0;
}

static int tok_is(const struct text_doc *d, size_t i, const char *w)
{
	size_t n = strlen(w);
	return text_tok_len(d, i) == n && strncasecmp(text_tok_str(d, i), w, n) == 0;
}

static int tok_in(const struct text_doc *d, size_t i, const char *const *list)
{
	for (size_t k = 0; list[k]; k++)
		if (tok_is(d, i, list[k]))
			return 1;
	return 0;
}

/* Nationality words, maybe after compass words: "Southeast Asian",
 * "South Korean" (not "Cleveland Indians", not "Richard Finn"). */
static int adjective_phrase(const struct entities_res *r, const struct text_doc *d, size_t b, size_t e)
{
	static const char *const compass[] = { "north", "south", "east", "west", "northern",
		"southern", "eastern", "western", "central", "northeast", "northwest", "southeast",
		"southwest", NULL };
	if (!lexicon_has(r->demonyms, text_tok_str(d, e - 1), text_tok_len(d, e - 1)))
		return 0;
	for (size_t i = b; i + 1 < e; i++)
		if (!tok_in(d, i, compass) && !lexicon_has(r->demonyms, text_tok_str(d, i), text_tok_len(d, i)))
			return 0;
	return 1;
}

/* Some letter of the token is an ASCII capital ("al-Aqsa", "ex-Milan"). */
static int has_capital(const struct text_doc *d, size_t i)
{
	const char *s = text_tok_str(d, i);
	for (size_t k = 0, n = text_tok_len(d, i); k < n; k++)
		if (s[k] >= 'A' && s[k] <= 'Z')
			return 1;
	return 0;
}

/* A hyphenated word whose last part is lowercase: "Muslim-majority". */
static int lowercase_tail(const struct text_doc *d, size_t i)
{
	const char *s = text_tok_str(d, i);
	size_t n = text_tok_len(d, i);
	const char *h = NULL;
	for (size_t k = 1; k + 1 < n; k++)
		if (s[k] == '-')
			h = s + k;
	return h && h[1] >= 'a' && h[1] <= 'z';
}

/* First token of its sentence, or right after an opening quote there. */
static int sent_initial(const struct text_doc *d, size_t i)
{
	if (d->tok[i].flags & TEXT_F_SENT_START)
		return 1;
	return i > 0 && d->tok[i - 1].kind == TEXT_QUOTE && (d->tok[i - 1].flags & TEXT_F_SENT_START);
}

/* A known place the text names by this exact string (not a common word). */
static const struct gaz_entry *place_named(const struct gazetteer *g, const struct text_doc *d,
					   size_t b, size_t e)
{
	const struct gaz_entry *x = gazetteer_lookup(g, d->text + d->tok[b].start,
						     d->tok[e - 1].end - d->tok[b].start);
	if (!x || (x->flags & GAZ_F_COMMON))
		return NULL;
	return x;
}

/* Value of the lexicon for tokens [b, e) taken as one phrase, or NULL. */
static const char *lex_span(const struct lexicon *lx, const struct text_doc *d, size_t b, size_t e)
{
	if (!lx || b >= e)
		return NULL;
	for (size_t i = b; i < e; i++)
		if (d->tok[i].kind != TEXT_WORD)
			return NULL;
	return lexicon_get(lx, d->text + d->tok[b].start, d->tok[e - 1].end - d->tok[b].start);
}

static size_t title_words(const struct entities_res *r)
{
	size_t w = lexicon_max_words(r->titles);
	return w > TITLE_MAX_WORDS ? TITLE_MAX_WORDS : w;
}

/* Longest title starting at token b and ending before limit. */
static size_t title_at(const struct entities_res *r, const struct text_doc *d, size_t b, size_t limit)
{
	for (size_t w = title_words(r); w > 0; w--)
		if (b + w <= limit && lex_span(r->titles, d, b, b + w))
			return w;
	return 0;
}

/* Longest title ending right before token e, within sentence s. */
static size_t title_before(const struct entities_res *r, const struct text_doc *d, size_t e)
{
	size_t s0 = d->sent[d->tok[e].sent].tok;
	for (size_t w = title_words(r); w > 0; w--)
		if (e >= s0 + w && lex_span(r->titles, d, e - w, e))
			return w;
	return 0;
}

static const char *fold_copy(struct arena *a, const char *s, size_t n, uint32_t *len)
{
	char *o = arena_alloc(a, n + 1);
	if (!o)
		return NULL;
	size_t k = lexicon_fold(s, n, o, n);
	if (k > n)
		k = n;
	o[k] = '\0';
	if (len)
		*len = (uint32_t)k;
	return o;
}

static const char *title_copy(struct arena *a, const struct text_doc *d, size_t b, size_t e)
{
	return fold_copy(a, d->text + d->tok[b].start, d->tok[e - 1].end - d->tok[b].start, NULL);
}

/* A title after the name: "X, an adviser to ...", "X, Ukraine's foreign minister". */
static const char *title_after(const struct entities_res *r, struct arena *a,
			       const struct text_doc *d, size_t e)
{
	if (e + 1 >= d->ntok || d->tok[e].kind != TEXT_PUNCT || !tok_is(d, e, ","))
		return NULL;
	size_t j = e + 1, sent = d->tok[e].sent;
	for (int skip = 0; skip < 3 && j < d->ntok && d->tok[j].sent == sent; skip++) {
		if (tok_is(d, j, "a") || tok_is(d, j, "an") || tok_is(d, j, "the") ||
		    tok_is(d, j, "former") || tok_is(d, j, "senior") || tok_is(d, j, "top") ||
		    d->tok[j].kind == TEXT_POSSESSIVE ||
		    lexicon_has(r->demonyms, text_tok_str(d, j), text_tok_len(d, j)))
			j++;
		else if (tok_upper(d, j) && j + 1 < d->ntok && d->tok[j + 1].kind == TEXT_POSSESSIVE)
			j += 2;  /* "Ukraine's" */
		else
			break;
	}
	size_t lim = d->sent[sent].tok + d->sent[sent].ntok;
	size_t w = j < lim ? title_at(r, d, j, lim) : 0;
	return w ? title_copy(a, d, j, j + w) : NULL;
}

struct collect {
	const struct entities_res *r;
	struct arena *a;
	const struct text_doc *d;
	struct ent_mentions *m;
	uint8_t *covered;
	const uint8_t *tags;
	/* built on first use: words capitalised inside a sentence, and the
	 * first and last words of persons tagged with two or more words */
	struct ent_imap capmid, fullname;
	int have_capmid, have_fullname;
};

static uint64_t tok_hash(const struct text_doc *d, size_t i)
{
	return lexicon_hash(text_tok_str(d, i), text_tok_len(d, i));
}

static int tagged(const struct collect *c, size_t i)
{
	return c->tags[i] != TAG_O && c->tags[i] < TAG_COUNT;
}

/* Some person tagged with two or more words begins or ends with token w. */
static int full_name_has(struct collect *c, const struct text_doc *d, size_t w)
{
	if (!c->have_fullname) {
		if (ent_imap_init(c->a, &c->fullname, d->ntok) < 0)
			return 0;
		c->have_fullname = 1;
		for (size_t i = 0; i < d->ntok;) {
			if (!tagged(c, i) || TAG_TYPE(c->tags[i]) != NER_PER) {
				i++;
				continue;
			}
			size_t b = i++;
			while (i < d->ntok && c->tags[i] == TAG_I(NER_PER))
				i++;
			if (i - b >= 2) {
				*ent_imap_slot(&c->fullname, tok_hash(d, b)) = 1;
				*ent_imap_slot(&c->fullname, tok_hash(d, i - 1)) = 1;
			}
		}
	}
	return *ent_imap_slot(&c->fullname, tok_hash(d, w)) > 0;
}

/* A capital that proves little: at a sentence start (also after an article
 * there) or in a headline. */
static int weak_capital(const struct text_doc *d, size_t i)
{
	return sent_initial(d, i) || (d->tok[i].flags & TEXT_F_HEADLINE) ||
	       (i > 0 && sent_initial(d, i - 1) &&
		(tok_is(d, i - 1, "the") || tok_is(d, i - 1, "a") || tok_is(d, i - 1, "an")));
}

/* The word is written capitalised somewhere not at a sentence start. */
static int capitalised_elsewhere(struct collect *c, const struct text_doc *d, size_t w)
{
	if (!c->have_capmid) {
		if (ent_imap_init(c->a, &c->capmid, d->ntok) < 0)
			return 1;  /* no memory: keep the mention */
		c->have_capmid = 1;
		for (size_t j = 0; j < d->ntok; j++)
			if ((d->tok[j].flags & TEXT_F_UPPER) && !weak_capital(d, j))
				*ent_imap_slot(&c->capmid, tok_hash(d, j)) = 1;
	}
	return *ent_imap_slot(&c->capmid, tok_hash(d, w)) > 0;
}

/* A company's legal form ends its name: "Kia Motor Corp of South Korea"
 * is the company of a country. */
static const char *const legal_suffix[] = { "corp", "corp.", "inc", "inc.", "ltd", "ltd.", "co",
	"co.", "plc", "llc", "ag", "sa", "nv", "gmbh", "group", "holdings", NULL };

static const char *const connectors[] = { "and", "of", "the", "de", "del", "upon", "on", "&", NULL };

/* Widens the tagger's span [b, *e) to a longer gazetteer name it starts
 * ("Jammu" + "and" + "Kashmir"), or an organisation "X of Y" ("International
 * Court" + "of Justice"). */
static void widen_span(struct collect *c, size_t b, size_t *e, int *type)
{
	const struct text_doc *d = c->d;
	const struct entities_res *r = c->r;
	size_t sent = d->tok[b].sent;
	if (r->gaz) {
		const struct gaz_entry *ge = NULL;
		size_t k = gazetteer_match(r->gaz, d, b, &ge);
		size_t end = b + k;
		int lower_suffix = gazetteer_is_suffix_word(d, end - 1) && !tok_upper(d, end - 1);
		if (ge && !(ge->flags & GAZ_F_COMMON) && end > *e + (lower_suffix ? 1 : 0) &&
		    tok_upper(d, end - 1)) {
			int ok = 1, strong = ge->kind == GAZ_COUNTRY || ge->kind == GAZ_SUBDIVISION;
			for (size_t j = *e; j < end && ok; j++)
				ok = tagged(c, j) || (!tok_upper(d, j) && tok_in(d, j, connectors)) ||
				     (strong && tok_upper(d, j));
			if (ok) {
				*e = end;
				*type = ge->kind == GAZ_ORG ? NER_ORG : NER_LOC;
				return;
			}
		}
	}
	if (*type == NER_ORG && r->org_words) {
		size_t last = *e - 1;
		/* "Institute" + "for the" + "Study of War" */
		size_t j = *e + 1;
		if (j + 1 < d->ntok && (tok_is(d, *e, "for") || tok_is(d, *e, "on")) &&
		    tok_is(d, j, "the"))
			j++;
		if (j < d->ntok && (tok_is(d, *e, "of") || tok_is(d, *e, "for") || tok_is(d, *e, "on")) &&
		    d->tok[j].sent == sent && tok_upper(d, j) && !tok_in(d, last, legal_suffix) &&
		    lexicon_has(r->org_words, text_tok_str(d, last), text_tok_len(d, last))) {
			size_t lim = j + 8;
			while (j < d->ntok && j < lim && d->tok[j].sent == sent &&
			       d->tok[j].kind == TEXT_WORD && !(tagged(c, j) && TAG_TYPE(c->tags[j]) == NER_PER)) {
				if (tok_upper(d, j))
					*e = ++j;
				else if (tok_in(d, j, connectors) && j + 1 < d->ntok && tok_upper(d, j + 1))
					j++;  /* "Study of War", "Trade and Industry" */
				else
					break;
			}
		}
	}
}

static int add_mention(struct collect *c, size_t b, size_t e, int type, int from_gaz,
		       const struct gaz_entry *gaz, const char *title, size_t ext_e)
{
	const struct text_doc *d = c->d;
	struct mention *mm = &c->m->men[c->m->n];
	struct ment_extra *x = &c->m->x[c->m->n];
	memset(mm, 0, sizeof *mm);
	memset(x, 0, sizeof *x);
	mm->tok = (uint32_t)b;
	mm->ntok = (uint32_t)(e - b);
	mm->start = d->tok[b].start;
	mm->end = d->tok[e - 1].end;
	mm->entity = -1;
	mm->type = (uint8_t)type;
	mm->from_title = title != NULL;
	x->gaz = gaz;
	x->title = title;
	x->from_gaz = (uint8_t)from_gaz;
	x->ext_end = ext_e > e ? d->tok[ext_e - 1].end : mm->end;
	x->key = fold_copy(c->a, d->text + mm->start, mm->end - mm->start, &x->klen);
	if (!x->key)
		return -1;
	if (x->klen > 4 && memcmp(x->key, "the ", 4) == 0) {
		x->key += 4;  /* "The Associated Press" is "Associated Press" */
		x->klen -= 4;
	}
	x->hash = lexicon_hash(x->key, x->klen);
	const char *sp = strrchr(x->key, ' ');
	x->last = sp ? (uint32_t)(sp + 1 - x->key) : 0;
	x->demonym = type == NER_MISC && e - b == 1 &&
		     lexicon_has(c->r->demonyms, d->text + mm->start, mm->end - mm->start);
	for (size_t i = b; i < e; i++)
		c->covered[i] = 1;
	c->m->n++;
	return 0;
}

static int is_edge_junk(const struct text_doc *d, size_t i)
{
	unsigned k = d->tok[i].kind;
	return k == TEXT_PUNCT || k == TEXT_QUOTE || k == TEXT_DASH || k == TEXT_ELLIPSIS ||
	       k == TEXT_POSSESSIVE || k == TEXT_SYMBOL;
}

/* Token i is ')' or ']' closing a bracket opened inside [b, i). */
static int closes_inner_bracket(const struct text_doc *d, size_t b, size_t i)
{
	char ch = d->text[d->tok[i].start];
	if (d->tok[i].kind != TEXT_PUNCT || (ch != ')' && ch != ']'))
		return 0;
	for (size_t j = b; j < i; j++)
		if (d->tok[j].kind == TEXT_PUNCT && d->text[d->tok[j].start] == (ch == ')' ? '(' : '['))
			return 1;
	return 0;
}

/* Cleans the tagger's span [b, e) of type t and adds it. */
static int add_span(struct collect *c, size_t b, size_t e, int t)
{
	const struct text_doc *d = c->d;
	const struct entities_res *r = c->r;
	while (b < e && (is_edge_junk(d, b) || c->covered[b]))
		b++;  /* covered: an earlier name took its suffix word ("Kursk Oblast") */
	for (size_t i = b; i < e; i++)
		if (d->tok[i].kind == TEXT_POSSESSIVE) {
			e = i;
			break;
		}
	while (e > b && is_edge_junk(d, e - 1) && !closes_inner_bracket(d, b, e - 1))
		e--;
	if (b >= e)
		return 0;
	/* capitals prove little at a sentence start or in a headline */
	int weak_caps = weak_capital(d, b);
	/* "the Kremlin": the article is no part of the name; "The Hague" keeps
	 * its capital T inside a sentence */
	if (e > b + 1 && tok_is(d, b, "the") && (!tok_upper(d, b) || sent_initial(d, b)))
		b++;
	/* "the Second Thomas Shoal": a capitalised word the tagger left out
	 * before a place ending in a geographic word belongs to it */
	if (e > b && b > 0 && d->tok[b - 1].kind == TEXT_WORD && tok_upper(d, b - 1) &&
	    (c->tags[b - 1] == TAG_O || c->tags[b - 1] >= TAG_COUNT) && !c->covered[b - 1] &&
	    !weak_capital(d, b - 1) && tok_upper(d, e - 1) && tok_in(d, e - 1, place_words) &&
	    !tok_in(d, b - 1, lead_stop))
		b--;
	/* "the Rybar Telegram channel": the platform names no part of it */
	if (e > b + 1 && e < d->ntok && d->tok[e].kind == TEXT_WORD && !tok_upper(d, e) &&
	    tok_in(d, e, (const char *const[]){"channel", "channels", "account", "accounts", "page",
			"feed", "group", "post", "posts", "blog", NULL}) &&
	    tok_in(d, e - 1, (const char *const[]){"telegram", "youtube", "facebook", "twitter",
			"instagram", "tiktok", "vkontakte", "whatsapp", "substack", NULL}))
		e--;
	while (e > b + 1 && sent_initial(d, b) && tok_in(d, b, lead_stop) &&
	       !(d->tok[b].flags & TEXT_F_ALLCAPS))
		b++;
	/* "Muslim-majority Kashmir", "U.S.-led coalition": a compound ending
	 * in a lowercase word describes the name after it */
	while (e > b + 1 && lowercase_tail(d, b))
		b++;
	/* "Southeast Asian": a name ending in a nationality word is an adjective */
	if (t != NER_MISC && adjective_phrase(r, d, b, e) && !(r->gaz && place_named(r->gaz, d, b, e)))
		t = NER_MISC;
	/* a dateline: "SAN FRANCISCO —", "KYIV, Ukraine (AP)" opens a paragraph */
	if (t != NER_LOC && (d->tok[b].flags & TEXT_F_PARA_START) &&
	    (d->tok[e - 1].flags & TEXT_F_ALLCAPS) && e < d->ntok &&
	    (d->tok[e].kind == TEXT_DASH || tok_is(d, e, ",") || tok_is(d, e, "(")) &&
	    r->gaz && place_named(r->gaz, d, b, e))
		t = NER_LOC;
	/* "Second Thomas Shoal", "Snake Island": a geographic word ends a place */
	if ((t == NER_PER || t == NER_MISC) && e - b > 1 && tok_upper(d, e - 1) &&
	    tok_in(d, e - 1, place_words))
		t = NER_LOC;
	if (t == NER_ORG && e - b > 1 && tok_upper(d, e - 1) && tok_in(d, e - 1, org_place_words))
		t = NER_LOC;
	if (b < e && e - b == 1 && t != NER_MISC && text_tok_len(d, b) > 4 &&
	    (strncasecmp(text_tok_str(d, b), "anti-", 5) == 0 ||
	     strncasecmp(text_tok_str(d, b), "pro-", 4) == 0))
		t = NER_MISC;  /* "anti-Kremlin" describes, it does not name */
	/* a capitalised common word opening a sentence, never capitalised
	 * elsewhere, is no name ("Context", "Meanwhile") */
	if (e - b == 1 && weak_caps && !(d->tok[b].flags & TEXT_F_ALLCAPS) &&
	    lexicon_has(r->common, text_tok_str(d, b), text_tok_len(d, b)) &&
	    !lexicon_has(r->demonyms, text_tok_str(d, b), text_tok_len(d, b)) &&
	    !(r->gaz && gazetteer_lookup(r->gaz, text_tok_str(d, b), text_tok_len(d, b))) &&
	    !capitalised_elsewhere(c, d, b))
		return 0;
	const char *title = NULL;
	if (t == NER_PER) {
		for (int rounds = 0; rounds < 3 && e > b + 1; rounds++) {
			size_t w = title_at(r, d, b, e);
			if (!w)
				break;
			title = title_copy(c->a, d, b, b + w);
			b += w;
		}
	}
	if (b >= e)
		return 0;
	int named = 0;  /* a lowercase description is no entity ("al-Aqsa" is a name) */
	for (size_t i = b; i < e && !named; i++)
		named = tok_upper(d, i) || d->tok[i].kind == TEXT_NUMBER || has_capital(d, i);
	if (!named)
		return 0;
	const struct gaz_entry *gaz = NULL;
	size_t ext = e;
	if (t == NER_PER && r->gaz) {
		/* a "person" that is a country, capital, region or a known
		 * organisation ("Kyiv", "Wagner", "Getty Images"); a surname of
		 * someone named in full elsewhere stays a person */
		const struct gaz_entry *ge = place_named(r->gaz, d, b, e);
		if (ge && (ge->kind != GAZ_CITY || (ge->flags & GAZ_F_CAPITAL)) &&
		    (e - b > 1 || !full_name_has(c, d, b))) {
			t = ge->kind == GAZ_ORG ? NER_ORG : NER_LOC;
			title = NULL;
		}
	}
	if (t != NER_PER && r->gaz) {
		const struct gaz_entry *ge = NULL;
		size_t k = gazetteer_match(r->gaz, d, b, &ge);
		if (k == e - b && ge) {
			gaz = ge;
		} else if (k == e - b + 1 && gazetteer_is_suffix_word(d, e)) {
			gaz = ge;
			if (tok_upper(d, e))
				e++;       /* "Kursk Oblast" is the name */
			else
				ext = e + 1; /* "Kursk region": the name is "Kursk" */
		} else {
			gaz = gazetteer_lookup(r->gaz, d->text + d->tok[b].start,
					       d->tok[e - 1].end - d->tok[b].start);
		}
		/* "the West" is no region of Cameroon: a name that is also a
		 * common word links to no place but a country */
		if (gaz && (gaz->flags & GAZ_F_COMMON) && gaz->kind != GAZ_COUNTRY &&
		    gaz->kind != GAZ_ORG && ext == e)
			gaz = NULL;
	}
	if (t == NER_ORG || t == NER_LOC) {
		/* "presidential adviser Mykhailo Podolyak": a title names a person */
		size_t w = title_before(r, d, b);
		int org_sign = gaz != NULL;
		for (size_t i = b; i < e && !org_sign; i++)
			org_sign = lexicon_has(r->org_words, text_tok_str(d, i), text_tok_len(d, i)) ||
				   !tok_upper(d, i);
		if (w && !org_sign)
			t = NER_PER;
	}
	/* "fighting in Bakhmut", "near Sudzha": a lone word after a place
	 * preposition is a place, unless the text names such a person in full */
	if (t == NER_PER && !title && e - b == 1 && b > 0 && tok_in(d, b - 1, place_preps) &&
	    !(e < d->ntok && d->tok[e].kind == TEXT_POSSESSIVE) && !full_name_has(c, d, b) &&
	    !lexicon_has(r->common, text_tok_str(d, b), text_tok_len(d, b)))
		t = NER_LOC;
	int org_cue = 0;
	if (t == NER_PER && !title && e - b <= 2) {
		size_t n = d->ntok;
		size_t a = e < n && d->tok[e].kind == TEXT_POSSESSIVE ? e + 1 : e;
		int before = b > 0 && !tok_upper(d, b - 1) &&
			     (tok_in(d, b - 1, company_before) ||
			      (text_tok_len(d, b - 1) > 6 &&
			       strncasecmp(text_tok_str(d, b - 1) + text_tok_len(d, b - 1) - 6, "-based", 6) == 0));
		int after = a < n && !tok_upper(d, a) &&
			    (tok_in(d, a, company_after) ||
			     (a + 1 < n && tok_is(d, a, "chief") && tok_is(d, a + 1, "executive")));
		if (before || after) {
			t = NER_ORG;
			org_cue = 1;
		}
	}
	if (t == NER_PER) {
		size_t w = title_before(r, d, b);
		if (w && (!title || w > 1))
			title = title_copy(c->a, d, b - w, b);
		if (!title)
			title = title_after(r, c->a, d, e);
	}
	if (add_mention(c, b, e, t, 0, gaz, title, ext) < 0)
		return -1;
	c->m->x[c->m->n - 1].org_cue = (uint8_t)org_cue;
	return 0;
}

static int is_separator(const struct text_doc *d, size_t i)
{
	unsigned k = d->tok[i].kind;
	if ((k != TEXT_PUNCT && k != TEXT_SYMBOL) || text_tok_len(d, i) != 1)
		return 0;
	char ch = d->text[d->tok[i].start];
	return ch == '/' || ch == '(' || ch == ')' || ch == '[' || ch == ']' || ch == '|' || ch == ';';
}

/* A name holds no slash or bracket: "AFP/Getty Images" is two names, and
 * "International Court (of Justice" is cut at the bracket. */
static int add_span_parts(struct collect *c, size_t b, size_t e, int t)
{
	/* a bracket closed inside the name belongs to it: "Mladost (L)" */
	int open = 0, balanced = 1;
	for (size_t i = b; i < e; i++) {
		if (!is_separator(c->d, i))
			continue;
		char ch = c->d->text[c->d->tok[i].start];
		open += ch == '(' || ch == '[';
		open -= ch == ')' || ch == ']';
		balanced &= open >= 0;
	}
	balanced &= open == 0;
	size_t start = b;
	for (size_t i = b; i < e; i++) {
		if (!is_separator(c->d, i))
			continue;
		char ch = c->d->text[c->d->tok[i].start];
		if (balanced && ch != '/' && ch != '|' && ch != ';')
			continue;
		if (i > start && add_span(c, start, i, t) < 0)
			return -1;
		if (ch == '(' || ch == '[')
			return 0;  /* what follows an opening bracket is an aside */
		start = i + 1;
	}
	return start < e ? add_span(c, start, e, t) : 0;
}

/* Capitalised gazetteer names the tagger left untagged. */
static int add_gazetteer_hits(struct collect *c)
{
	const struct text_doc *d = c->d;
	for (size_t i = 0; i < d->ntok; i++) {
		if (c->covered[i] || !tok_upper(d, i) || d->tok[i].kind != TEXT_WORD)
			continue;
		const struct gaz_entry *e = NULL;
		size_t k = gazetteer_match(c->r->gaz, d, i, &e);
		if (!k || !e || (e->flags & GAZ_F_COMMON))
			continue;
		int free_run = 1;
		for (size_t j = i; j < i + k; j++)
			free_run &= !c->covered[j];
		if (!free_run)
			continue;
		/* a suffix word in lowercase stays out of the mention */
		size_t end = i + k, ext = end;
		if (k > 1 && gazetteer_is_suffix_word(d, end - 1) && !tok_upper(d, end - 1))
			end--;
		/* "Car" is no "CAR": a short name matches in capitals only */
		if (k == 1 && text_tok_len(d, i) <= 3 && !(d->tok[i].flags & TEXT_F_ALLCAPS))
			continue;
		/* a small town named like a word or a person is weak evidence */
		if (e->kind == GAZ_CITY && e->population < 20000 && !(e->flags & GAZ_F_CAPITAL))
			continue;
		int type = e->kind == GAZ_ORG ? NER_ORG : NER_LOC;
		if (add_mention(c, i, end, type, 1, e, NULL, ext) < 0)
			return -1;
		i = ext - 1;
	}
	return 0;
}

/* A photo credit, "OLGA PETRENKO/AFP/Getty Images": the capitalised words
 * before the slash and the agency name the photographer, whatever the
 * tagger read in them. Returns tags with such runs made B-PER I-PER (a copy
 * in the arena when any is found), or NULL when out of memory. */
static const uint8_t *credit_tags(struct arena *a, const struct text_doc *d, const uint8_t *tags)
{
	static const char *const agency[] = {"afp", "getty", "reuters", "ap", "epa", "bloomberg",
		"anadolu", "tass", "sputnik", "xinhua", "nurphoto", "sopa", "ria", "ukrinform", "efe",
		"dpa", "shutterstock", NULL};
	uint8_t *out = NULL;
	for (size_t i = 2; i + 1 < d->ntok; i++) {
		if (text_tok_len(d, i) != 1 || d->text[d->tok[i].start] != '/' ||
		    !tok_in(d, i + 1, agency) || !(d->tok[i - 1].flags & TEXT_F_ALLCAPS))
			continue;
		size_t b = i - 1;
		while (b > 0 && b + 3 > i && d->tok[b - 1].kind == TEXT_WORD &&
		       (d->tok[b - 1].flags & TEXT_F_ALLCAPS) && !(d->tok[b].flags & TEXT_F_NL_BEFORE))
			b--;
		if (i - b < 2 || tok_in(d, i - 1, agency))
			continue;
		if (!out) {
			out = arena_alloc(a, d->ntok + 1);
			if (!out)
				return NULL;
			memcpy(out, tags, d->ntok);
		}
		for (size_t k = b; k < i; k++)
			out[k] = k == b ? TAG_B(NER_PER) : TAG_I(NER_PER);
		if (i + 1 < d->ntok && out[i + 1] < TAG_COUNT && !TAG_IS_B(out[i + 1]) && out[i + 1] != TAG_O)
			out[i + 1] = TAG_B(TAG_TYPE(out[i + 1]));  /* the agency starts its own name */
	}
	return out ? out : tags;
}

static int cmp_mention(const void *a, const void *b)
{
	const struct mention *x = a, *y = b;
	return x->tok < y->tok ? -1 : x->tok > y->tok;
}

int entities_collect(const struct entities_res *r, struct arena *a, const struct text_doc *doc,
		     const uint8_t *tags, struct ent_mentions *m, struct enr_error *err)
{
	memset(m, 0, sizeof *m);
	size_t n = doc->ntok;
	m->men = arena_calloc(a, n + 1, sizeof *m->men);
	m->x = arena_calloc(a, n + 1, sizeof *m->x);
	uint8_t *covered = arena_calloc(a, n + 1, 1);
	if (!m->men || !m->x || !covered)
		return enr_error_set(err, ENR_ENOMEM, "entities: out of memory");
	tags = credit_tags(a, doc, tags);
	if (!tags)
		return enr_error_set(err, ENR_ENOMEM, "entities: out of memory");
	struct collect c = { .r = r, .a = a, .d = doc, .m = m, .covered = covered, .tags = tags };
	for (size_t i = 0; i < n;) {
		uint8_t t = tags[i] < TAG_COUNT ? tags[i] : TAG_O;
		if (t == TAG_O) {
			i++;
			continue;
		}
		int type = TAG_TYPE(t);
		size_t b = i++;
		while (i < n && tags[i] < TAG_COUNT && tags[i] != TAG_O && !TAG_IS_B(tags[i]) &&
		       TAG_TYPE(tags[i]) == type && doc->tok[i].sent == doc->tok[b].sent)
			i++;
		widen_span(&c, b, &i, &type);
		if (add_span_parts(&c, b, i, type) < 0)
			return enr_error_set(err, ENR_ENOMEM, "entities: out of memory");
	}
	if (r->gaz && add_gazetteer_hits(&c) < 0)
		return enr_error_set(err, ENR_ENOMEM, "entities: out of memory");
	/* keep mentions and their extras in step while sorting by position */
	size_t cnt = m->n;
	struct mention *order = arena_calloc(a, cnt + 1, sizeof *order);
	struct ment_extra *xs = arena_calloc(a, cnt + 1, sizeof *xs);
	if (!order || !xs)
		return enr_error_set(err, ENR_ENOMEM, "entities: out of memory");
	for (size_t i = 0; i < cnt; i++) {
		order[i] = m->men[i];
		order[i].entity = (int32_t)i;  /* original index, temporarily */
	}
	qsort(order, cnt, sizeof *order, cmp_mention);
	for (size_t i = 0; i < cnt; i++) {
		xs[i] = m->x[order[i].entity];
		order[i].entity = -1;
	}
	m->men = order;
	m->x = xs;
	/* a name its context shows to be a company is one everywhere */
	struct ent_imap cue;
	if (ent_imap_init(a, &cue, cnt) < 0)
		return enr_error_set(err, ENR_ENOMEM, "entities: out of memory");
	int any_cue = 0;
	for (size_t i = 0; i < cnt; i++)
		if (xs[i].org_cue) {
			*ent_imap_slot(&cue, xs[i].hash) = (int32_t)i;
			any_cue = 1;
		}
	for (size_t j = 0; any_cue && j < cnt; j++) {
		if (order[j].type != NER_PER || xs[j].title)
			continue;
		int32_t i = *ent_imap_slot(&cue, xs[j].hash);
		if (i >= 0 && xs[j].klen == xs[i].klen && memcmp(xs[j].key, xs[i].key, xs[i].klen) == 0)
			order[j].type = NER_ORG;
	}
	return 0;
}
