/* Clustering for the entity layer: mentions that name the same thing become
 * one entity (same text, same gazetteer entry, a surname after the full
 * name, an acronym or a shorter form of an organisation), with a canonical
 * name (the fullest form), a type by vote, a salience and, for places, the
 * ISO 3166 code. Allocates only from the arena. */
#include <ctype.h>
#include <math.h>
#include <string.h>

#include "enricher/entities_impl.h"

static uint32_t uf_find(uint32_t *p, uint32_t i)
{
	while (p[i] != i) {
		p[i] = p[p[i]];
		i = p[i];
	}
	return i;
}

/* Keeps the earlier mention as the root, so roots are first appearances. */
static void uf_union(uint32_t *p, uint32_t a, uint32_t b)
{
	a = uf_find(p, a);
	b = uf_find(p, b);
	if (a < b)
		p[b] = a;
	else if (b < a)
		p[a] = b;
}

static int same_key(const struct ment_extra *a, const struct ment_extra *b)
{
	return a->hash == b->hash && a->klen == b->klen && memcmp(a->key, b->key, a->klen) == 0;
}

static size_t words(const struct ment_extra *x)
{
	size_t w = 1;
	for (size_t i = 0; i < x->klen; i++)
		w += x->key[i] == ' ';
	return w;
}

/* Length of key without a generational suffix ("marcos jr." -> "marcos"). */
static size_t name_len(const char *k, size_t n)
{
	static const char *const sfx[] = { " jr.", " jr", " sr.", " sr", " ii", " iii", " iv", NULL };
	for (size_t i = 0; sfx[i]; i++) {
		size_t l = strlen(sfx[i]);
		if (n > l + 1 && memcmp(k + n - l, sfx[i], l) == 0)
			return n - l;
	}
	return n;
}

/* a's key ends with the whole words of b's key ("vladimir putin" / "putin"),
 * a generational suffix aside ("ferdinand marcos jr." / "marcos"). */
static int ends_with_words(const struct ment_extra *a, const struct ment_extra *b)
{
	size_t an = name_len(a->key, a->klen);
	for (int pass = 0; pass < 2; pass++, an = a->klen) {
		if (b->klen < an && a->key[an - b->klen - 1] == ' ' &&
		    memcmp(a->key + an - b->klen, b->key, b->klen) == 0)
			return 1;
	}
	return 0;
}

static int starts_with_word(const struct ment_extra *a, const struct ment_extra *b)
{
	return b->klen < a->klen && a->key[b->klen] == ' ' && memcmp(a->key, b->key, b->klen) == 0;
}

/* A place well known enough that a one-word name is not taken for a
 * surname: not a town like Lai (Chad) that shares a family name. */
/* Without its legal form the longer name is the shorter one: "Vela Corp." and
 * "Vela", either way round. */
static int same_but_legal_form(const struct ment_extra *a, const struct ment_extra *b)
{
	static const char *const forms[] = { " corp.", " corp", " inc.", " inc", " co.", " co",
		" ltd.", " ltd", " plc", " llc", " ag", " sa", " nv", " gmbh", " group", NULL };
	if (a->klen > b->klen) {
		const struct ment_extra *t = a;
		a = b;
		b = t;
	}
	for (size_t i = 0; forms[i]; i++) {
		size_t l = strlen(forms[i]);
		if (b->klen == a->klen + l && memcmp(b->key, a->key, a->klen) == 0 &&
		    memcmp(b->key + a->klen, forms[i], l) == 0)
			return 1;
	}
	return 0;
}

static int is_place(const struct gaz_entry *g)
{
	return g && g->kind != GAZ_ORG && !(g->flags & GAZ_F_COMMON) &&
	       (g->kind != GAZ_CITY || (g->flags & GAZ_F_CAPITAL) || g->population >= 100000);
}

/* "AFU" for "Armed Forces of Ukraine": initials of the capitalised words. */
static int acronym_of(const struct text_doc *d, const struct mention *full, const struct mention *ac)
{
	if (ac->ntok != 1 || full->ntok < 2 || !(d->tok[ac->tok].flags & TEXT_F_ALLCAPS))
		return 0;
	const char *s = text_tok_str(d, ac->tok);
	size_t n = text_tok_len(d, ac->tok), k = 0;
	for (uint32_t i = full->tok; i < full->tok + full->ntok; i++) {
		if (!(d->tok[i].flags & TEXT_F_UPPER))
			continue;
		if (k >= n || toupper((unsigned char)text_tok_str(d, i)[0]) != s[k])
			return 0;
		k++;
		while (k < n && s[k] == '.')
			k++;
	}
	return k == n && n >= 2;
}

int ent_imap_init(struct arena *a, struct ent_imap *mp, size_t n)
{
	size_t cap = 16;
	while (cap < 2 * n + 2)
		cap *= 2;
	mp->key = arena_alloc(a, cap * sizeof *mp->key);
	mp->val = arena_alloc(a, cap * sizeof *mp->val);
	mp->mask = cap - 1;
	if (!mp->key || !mp->val)
		return -1;
	for (size_t i = 0; i < cap; i++)
		mp->val[i] = -1;
	return 0;
}

int32_t *ent_imap_slot(struct ent_imap *mp, uint64_t k)
{
	k |= 1;  /* never 0, so a fresh slot is recognisable by val < 0 */
	size_t i = (size_t)(k * 0x9E3779B97F4A7C15ULL >> 20) & mp->mask;
	while (mp->val[i] >= 0 && mp->key[i] != k)
		i = (i + 1) & mp->mask;
	mp->key[i] = k;
	return &mp->val[i];
}

uint64_t ent_mix(uint64_t h, uint64_t v)
{
	return (h ^ v) * 0x100000001B3ULL + (v << 7);
}

/* How far back (in mentions) the pairwise rules look: keeps a huge text
 * linear; same names and same places are found by hashing at any distance. */
#define LINK_WINDOW 256

static int link_mentions(const struct entities_res *r, struct arena *a, const struct text_doc *d,
			 struct ent_mentions *m, uint32_t *p)
{
	struct mention *men = m->men;
	struct ment_extra *x = m->x;
	struct ent_imap by_key, by_gaz;
	if (ent_imap_init(a, &by_key, m->n) < 0 || ent_imap_init(a, &by_gaz, m->n) < 0)
		return -1;
	for (size_t i = 0; i < m->n; i++) {
		int linked = 0;
		size_t lo = i > LINK_WINDOW ? i - LINK_WINDOW : 0;
		int32_t *sk = ent_imap_slot(&by_key, ent_mix(ent_mix(x[i].hash, men[i].type), x[i].demonym));
		if (*sk >= 0 && same_key(&x[i], &x[*sk]) && men[*sk].type == men[i].type &&
		    x[*sk].demonym == x[i].demonym) {
			uf_union(p, (uint32_t)i, (uint32_t)*sk);
			linked = 1;
		}
		*sk = (int32_t)i;
		if (x[i].gaz && men[i].type != NER_PER && !x[i].demonym) {
			int32_t *sg = ent_imap_slot(&by_gaz, ent_mix((uint64_t)(uintptr_t)x[i].gaz, men[i].type));
			if (!linked && *sg >= 0 && x[*sg].gaz == x[i].gaz && men[*sg].type == men[i].type) {
				uf_union(p, (uint32_t)i, (uint32_t)*sg);
				linked = 1;
			}
			*sg = (int32_t)i;
		}
		/* a surname (or a given name) after the full name */
		int per_like = men[i].type == NER_PER ||
			       (!is_place(x[i].gaz) && !x[i].demonym && men[i].ntok == 1 &&
				men[i].type != NER_MISC);
		if (!linked && per_like) {
			for (size_t j = i; j-- > lo && !linked;)
				if ((men[j].type == NER_PER || (men[i].type == NER_PER && !x[j].gaz &&
								men[j].type != NER_MISC)) &&
				    ends_with_words(&x[j], &x[i])) {
					uf_union(p, (uint32_t)i, (uint32_t)j);
					linked = 1;
				}
			for (size_t j = i; j-- > lo && !linked;)
				if (men[j].type == NER_PER && men[i].type == NER_PER && men[i].ntok == 1 &&
				    starts_with_word(&x[j], &x[i])) {
					uf_union(p, (uint32_t)i, (uint32_t)j);
					linked = 1;
				}
		}
		/* "the Chinese Nationalist Party (KMT)": an all-caps word in
		 * brackets right after a name abbreviates it */
		uint32_t t0 = men[i].tok, pend = i > 0 ? men[i - 1].tok + men[i - 1].ntok : 0;
		if (!linked && men[i].ntok == 1 && (d->tok[t0].flags & TEXT_F_ALLCAPS) && t0 >= 2 &&
		    d->tok[t0 - 1].kind == TEXT_PUNCT && d->text[d->tok[t0 - 1].start] == '(' && i > 0 &&
		    (pend == t0 - 1 || (pend == t0 - 2 && d->tok[t0 - 2].kind == TEXT_POSSESSIVE)) &&
		    men[i - 1].ntok > 1 && men[i - 1].type != NER_PER && men[i].type != NER_PER) {
			uf_union(p, (uint32_t)i, (uint32_t)(i - 1));
			men[i].type = men[i - 1].type;
			linked = 1;
		}
		/* organisations: an acronym, or the first or last words of a longer name */
		if (!linked && men[i].type == NER_ORG) {
			for (size_t j = i; j-- > lo && !linked;) {
				if (men[j].type != NER_ORG)
					continue;
				if (acronym_of(d, &men[j], &men[i]) || same_but_legal_form(&x[i], &x[j]) ||
				    (words(&x[i]) >= 2 && (ends_with_words(&x[j], &x[i]) ||
							   starts_with_word(&x[j], &x[i]))) ||
				    /* "Goldman" after "Goldman Sachs"; not "United" */
				    (words(&x[i]) == 1 && starts_with_word(&x[j], &x[i]) &&
				     !lexicon_has(r->common, x[i].key, x[i].klen))) {
					uf_union(p, (uint32_t)i, (uint32_t)j);
					linked = 1;
				}
			}
		}
	}
	/* a surname seen before the full name: join the nearest full name after */
	uint8_t *full = arena_calloc(a, m->n + 1, 1);
	if (!full)
		return -1;
	for (size_t j = 0; j < m->n; j++)
		if (men[j].type == NER_PER && men[j].ntok > 1)
			full[uf_find(p, (uint32_t)j)] = 1;
	for (size_t i = 0; i < m->n; i++) {
		if (men[i].type != NER_PER || men[i].ntok != 1 || full[uf_find(p, (uint32_t)i)])
			continue;
		size_t hi = i + LINK_WINDOW < m->n ? i + LINK_WINDOW : m->n;
		for (size_t j = i + 1; j < hi; j++)
			if (men[j].type == NER_PER && men[j].ntok > 1 && ends_with_words(&x[j], &x[i])) {
				uf_union(p, (uint32_t)i, (uint32_t)j);
				full[uf_find(p, (uint32_t)i)] = 1;
				break;
			}
	}
	return 0;
}

static int vote(const struct ent_mentions *m, const struct entity *e)
{
	float c[NER_NTYPES] = { 0 };
	int country = 0, org = 0;
	float place = 0;
	for (size_t k = 0; k < e->nmentions; k++) {
		uint32_t i = e->mentions[k];
		const struct gaz_entry *g = m->x[i].gaz;
		c[m->men[i].type] += m->x[i].from_gaz ? 0.5f : 1.0f;
		if (!g || m->men[i].type == NER_PER)
			continue;
		org |= g->kind == GAZ_ORG;  /* curated: reliable even when a word */
		if (g->flags & GAZ_F_COMMON)
			continue;
		country |= g->kind == GAZ_COUNTRY;
		/* the gazetteer's word counts as much as one reading or more */
		float w = g->kind == GAZ_CITY && !(g->flags & GAZ_F_CAPITAL) ? 0.5f :
			  m->men[i].ntok > 1 ? 1.25f : 0.75f;
		if (g->kind != GAZ_ORG && w > place)
			place = w;
	}
	c[NER_LOC] += place;
	if (org && c[NER_PER] <= c[NER_ORG] + c[NER_LOC])
		return NER_ORG;  /* the curated organisations: Kremlin, White House */
	/* ties go to the reading of the fullest mention */
	uint32_t full = e->mentions[0];
	for (size_t k = 1; k < e->nmentions; k++)
		if (m->men[e->mentions[k]].ntok > m->men[full].ntok)
			full = e->mentions[k];
	int best = m->men[full].type;
	for (int t = NER_PER; t < NER_NTYPES; t++)
		if (c[t] > c[best])
			best = t;
	/* a country is a place, also when the tagger read it as its government
	 * or its team */
	if (country && best != NER_PER && !(best == NER_MISC && m->x[e->mentions[0]].demonym))
		best = NER_LOC;
	return best;
}

static int all_caps(const char *s, size_t n)
{
	int letters = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char ch = (unsigned char)s[i];
		if (ch >= 'a' && ch <= 'z')
			return 0;
		letters += ch >= 'A' && ch <= 'Z';
	}
	return letters > 0;
}

static char *title_case(struct arena *a, const char *s, size_t n)
{
	char *o = arena_strndup(a, s, n);
	if (!o)
		return NULL;
	int start = 1;
	for (size_t i = 0; i < n; i++) {
		unsigned char ch = (unsigned char)o[i];
		if (ch >= 'A' && ch <= 'Z' && !start)
			o[i] = (char)(ch + 32);
		start = !((ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') || ch >= 0x80);
	}
	return o;
}

/* The fullest form: most words (a lowercase suffix word counts for places),
 * then mixed case over all caps, then the earliest. */
static const char *canonical(struct arena *a, const struct text_doc *d, const struct ent_mentions *m,
			     const struct entity *e)
{
	size_t best = e->mentions[0];
	size_t bw = 0;
	int bcaps = 1;
	for (size_t k = 0; k < e->nmentions; k++) {
		uint32_t i = e->mentions[k];
		const struct mention *mm = &m->men[i];
		size_t w = mm->ntok * 2 + (m->x[i].ext_end > mm->end && e->type == NER_LOC);
		int caps = all_caps(d->text + mm->start, mm->end - mm->start);
		if (w > bw || (w == bw && bcaps && !caps)) {
			best = i;
			bw = w;
			bcaps = caps;
		}
	}
	const struct mention *mm = &m->men[best];
	uint32_t end = e->type == NER_LOC ? m->x[best].ext_end : mm->end;
	const char *s = d->text + mm->start;
	size_t n = end - mm->start;
	if (bcaps && n > 4 && m->x[best].gaz && m->x[best].gaz->kind != GAZ_ORG &&
	    e->type == NER_LOC && end == mm->end)
		return m->x[best].gaz->name;  /* "SAN FRANCISCO" is San Francisco */
	if (bcaps && e->type == NER_PER)
		return title_case(a, s, n);
	return arena_strndup(a, s, n);
}

static int add_alias(struct arena *a, struct entity *e, const char *s, size_t n, size_t cap)
{
	for (size_t k = 0; k < e->naliases; k++)
		if (strlen(e->aliases[k]) == n && memcmp(e->aliases[k], s, n) == 0)
			return 0;
	if (e->naliases >= cap)
		return 0;
	const char *c = arena_strndup(a, s, n);
	if (!c)
		return -1;
	e->aliases[e->naliases++] = c;
	return 0;
}

/* The place a LOCATION entity names: the entry of its fullest mention with
 * one, a subdivision ("Kursk region") before a city of the same name. */
static const struct gaz_entry *place_of(const struct ent_mentions *m, const struct entity *e)
{
	const struct gaz_entry *g = NULL;
	for (size_t k = 0; k < e->nmentions; k++) {
		const struct gaz_entry *c = m->x[e->mentions[k]].gaz;
		if (!c || c->kind == GAZ_ORG)
			continue;
		if (!g || (c->kind == GAZ_SUBDIVISION && g->kind == GAZ_CITY))
			g = c;
	}
	return g;
}

/* Entities from the union-find roots, in order of first appearance. */
static int group(struct arena *a, struct ent_mentions *m, uint32_t *p, int32_t *ent_of_root,
		 size_t *count, struct entity_list *out)
{
	size_t n = m->n, nent = 0;
	for (size_t i = 0; i < n; i++) {
		ent_of_root[i] = -1;
		count[i] = 0;
	}
	for (size_t i = 0; i < n; i++) {
		uint32_t root = uf_find(p, (uint32_t)i);
		if (ent_of_root[root] < 0)
			ent_of_root[root] = (int32_t)nent++;
		m->men[i].entity = ent_of_root[root];
		count[m->men[i].entity]++;
	}
	out->nent = nent;
	for (size_t k = 0; k < nent; k++) {
		memset(&out->ent[k], 0, sizeof out->ent[k]);
		out->ent[k].mentions = arena_alloc(a, (count[k] + 1) * sizeof(uint32_t));
		out->ent[k].aliases = arena_alloc(a, (2 * count[k] + 1) * sizeof(char *));
		if (!out->ent[k].mentions || !out->ent[k].aliases)
			return -1;
	}
	for (size_t i = 0; i < n; i++) {
		struct entity *e = &out->ent[m->men[i].entity];
		e->mentions[e->nmentions++] = (uint32_t)i;
	}
	return 0;
}

int entities_cluster(const struct entities_res *r, struct arena *a, const struct text_doc *d,
		     struct ent_mentions *m, struct entity_list *out, struct enr_error *err)
{
	size_t n = m->n;
	uint32_t *p = arena_alloc(a, (n + 1) * sizeof *p);
	int32_t *ent_of_root = arena_alloc(a, (n + 1) * sizeof *ent_of_root);
	size_t *count = arena_calloc(a, n + 1, sizeof *count);
	out->men = m->men;
	out->nmen = n;
	out->ent = arena_calloc(a, n + 1, sizeof *out->ent);
	if (!p || !ent_of_root || !count || !out->ent)
		return enr_error_set(err, ENR_ENOMEM, "entities: out of memory");
	for (size_t i = 0; i < n; i++)
		p[i] = (uint32_t)i;
	if (link_mentions(r, a, d, m, p) < 0)
		return enr_error_set(err, ENR_ENOMEM, "entities: out of memory");
	if (group(a, m, p, ent_of_root, count, out) < 0)
		return enr_error_set(err, ENR_ENOMEM, "entities: out of memory");
	/* second round: clusters of the same voted type that share a name or a
	 * place join ("Kremlin" read once as a place, once as an organisation) */
	uint8_t *vt = arena_alloc(a, n + 1);
	if (!vt)
		return enr_error_set(err, ENR_ENOMEM, "entities: out of memory");
	for (size_t k = 0; k < out->nent; k++) {
		uint8_t t = (uint8_t)vote(m, &out->ent[k]);
		for (size_t j = 0; j < out->ent[k].nmentions; j++)
			vt[out->ent[k].mentions[j]] = t;
	}
	int joined = 0;
	uint8_t *multi = arena_calloc(a, n + 1, 1);  /* per entity: a mention of 2+ words */
	if (!multi)
		return enr_error_set(err, ENR_ENOMEM, "entities: out of memory");
	for (size_t i = 0; i < n; i++)
		multi[m->men[i].entity] |= m->men[i].ntok > 1;
	struct ent_imap same, same_gaz, loc_rep, org_rep, loc_gaz;
	if (ent_imap_init(a, &same, n) < 0 || ent_imap_init(a, &same_gaz, n) < 0 ||
	    ent_imap_init(a, &loc_rep, n) < 0 || ent_imap_init(a, &org_rep, n) < 0 ||
	    ent_imap_init(a, &loc_gaz, n) < 0)
		return enr_error_set(err, ENR_ENOMEM, "entities: out of memory");
	for (size_t i = 0; i < n; i++) {
		const struct ment_extra *xi = &m->x[i];
		size_t ci = count[m->men[i].entity];
		int32_t *s1 = ent_imap_slot(&same, ent_mix(ent_mix(xi->hash, vt[i]), xi->demonym));
		if (*s1 >= 0 && same_key(xi, &m->x[*s1]) && vt[*s1] == vt[i] &&
		    m->x[*s1].demonym == xi->demonym && uf_find(p, (uint32_t)i) != uf_find(p, (uint32_t)*s1)) {
			uf_union(p, (uint32_t)i, (uint32_t)*s1);
			joined = 1;
		}
		*s1 = (int32_t)i;
		if (xi->gaz && vt[i] != NER_PER && !xi->demonym) {
			int32_t *s2 = ent_imap_slot(&same_gaz, ent_mix((uint64_t)(uintptr_t)xi->gaz, vt[i]));
			if (*s2 >= 0 && m->x[*s2].gaz == xi->gaz && vt[*s2] == vt[i] &&
			    uf_find(p, (uint32_t)i) != uf_find(p, (uint32_t)*s2)) {
				uf_union(p, (uint32_t)i, (uint32_t)*s2);
				joined = 1;
			}
			*s2 = (int32_t)i;
		}
		/* the largest place and organisation readings of each name */
		if (!xi->demonym && (vt[i] == NER_LOC || vt[i] == NER_ORG)) {
			int32_t *rep = ent_imap_slot(vt[i] == NER_LOC ? &loc_rep : &org_rep, xi->hash);
			if (*rep < 0 || count[m->men[*rep].entity] < ci)
				*rep = (int32_t)i;
			if (vt[i] == NER_LOC && xi->gaz) {
				int32_t *rg = ent_imap_slot(&loc_gaz, (uint64_t)(uintptr_t)xi->gaz);
				if (*rg < 0 || count[m->men[*rg].entity] < ci)
					*rg = (int32_t)i;
			}
		}
	}
	for (size_t i = 0; i < n; i++) {
		const struct ment_extra *xi = &m->x[i];
		const struct gaz_entry *gi = xi->gaz;
		size_t ci = count[m->men[i].entity];
		int32_t to = -1;
		if (vt[i] == NER_ORG && gi && gi->kind != GAZ_ORG && !(gi->flags & GAZ_F_COMMON)) {
			/* a minority reading of a place as an organisation joins
			 * the larger cluster that reads it as a place */
			to = *ent_imap_slot(&loc_rep, xi->hash);
			if (to < 0 || !same_key(xi, &m->x[to]))
				to = *ent_imap_slot(&loc_gaz, (uint64_t)(uintptr_t)gi);
		} else if (vt[i] == NER_LOC && !gi && !xi->demonym) {
			/* a "place" no gazetteer knows joins the larger cluster
			 * that reads it as an organisation */
			to = *ent_imap_slot(&org_rep, xi->hash);
			if (to >= 0 && !same_key(xi, &m->x[to]))
				to = -1;
		} else if (vt[i] == NER_PER && m->men[i].ntok == 1 && !multi[m->men[i].entity]) {
			/* a one-word "person" never named in full joins the larger
			 * cluster that reads the same word as a place */
			to = *ent_imap_slot(&loc_rep, xi->hash);
			if (to >= 0 && !same_key(xi, &m->x[to]))
				to = -1;
		}
		if (to >= 0 && ci < count[m->men[to].entity] &&
		    uf_find(p, (uint32_t)i) != uf_find(p, (uint32_t)to)) {
			uf_union(p, (uint32_t)i, (uint32_t)to);
			joined = 1;
		}
	}
	if (joined && group(a, m, p, ent_of_root, count, out) < 0)
		return enr_error_set(err, ENR_ENOMEM, "entities: out of memory");
	size_t nent = out->nent;
	size_t maxm = 1;
	for (size_t k = 0; k < nent; k++)
		if (out->ent[k].nmentions > maxm)
			maxm = out->ent[k].nmentions;
	for (size_t k = 0; k < nent; k++) {
		struct entity *e = &out->ent[k];
		e->type = (uint8_t)vote(m, e);
		e->name = canonical(a, d, m, e);
		/* every mention reads as its entity: quotes and claims ask mentions */
		for (size_t j = 0; j < e->nmentions; j++)
			m->men[e->mentions[j]].type = e->type;
		if (!e->name)
			return enr_error_set(err, ENR_ENOMEM, "entities: out of memory");
		int head = 0;
		for (size_t j = 0; j < e->nmentions; j++) {
			uint32_t i = e->mentions[j];
			const struct mention *mm = &m->men[i];
			if (add_alias(a, e, d->text + mm->start, mm->end - mm->start, 2 * count[k]) < 0 ||
			    (m->x[i].ext_end > mm->end &&
			     add_alias(a, e, d->text + mm->start, m->x[i].ext_end - mm->start,
				       2 * count[k]) < 0))
				return enr_error_set(err, ENR_ENOMEM, "entities: out of memory");
			head |= (d->tok[mm->tok].flags & TEXT_F_HEADLINE) || d->tok[mm->tok].sent == 0;
			const char *t = m->x[i].title;
			if (t && e->type == NER_PER && (!e->title || strlen(t) > strlen(e->title)))
				e->title = t;
		}
		/* salience: how often, how early, and whether in the headline or lead */
		double freq = (double)e->nmentions / (double)maxm;
		double pos = d->ntok ? 1.0 - (double)m->men[e->mentions[0]].tok / (double)d->ntok : 1.0;
		double s = 0.55 * freq + 0.3 * pos + 0.15 * head;
		e->salience = (float)(s < 0 ? 0 : s > 1 ? 1 : s);
		if (e->type == NER_LOC) {
			const struct gaz_entry *g = place_of(m, e);
			if (g) {
				e->code = g->code;
				e->country = g->country;
			}
		}
	}
	return 0;
}
