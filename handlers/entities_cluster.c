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

/* a's key ends with the whole words of b's key ("vladimir putin" / "putin"). */
static int ends_with_words(const struct ment_extra *a, const struct ment_extra *b)
{
	if (b->klen >= a->klen)
		return 0;
	size_t off = a->klen - b->klen;
	return a->key[off - 1] == ' ' && memcmp(a->key + off, b->key, b->klen) == 0;
}

static int starts_with_word(const struct ment_extra *a, const struct ment_extra *b)
{
	return b->klen < a->klen && a->key[b->klen] == ' ' && memcmp(a->key, b->key, b->klen) == 0;
}

static int is_place(const struct gaz_entry *g)
{
	return g && g->kind != GAZ_ORG;
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

static void link_mentions(const struct text_doc *d, struct ent_mentions *m, uint32_t *p)
{
	struct mention *men = m->men;
	struct ment_extra *x = m->x;
	for (size_t i = 0; i < m->n; i++) {
		int linked = 0;
		for (size_t j = i; j-- > 0 && !linked;)
			if (same_key(&x[i], &x[j]) && x[i].demonym == x[j].demonym &&
			    men[i].type == men[j].type) {
				uf_union(p, (uint32_t)i, (uint32_t)j);
				linked = 1;
			}
		if (!linked && x[i].gaz && men[i].type != NER_PER && !x[i].demonym) {
			for (size_t j = i; j-- > 0 && !linked;)
				if (x[j].gaz == x[i].gaz && men[j].type == men[i].type) {
					uf_union(p, (uint32_t)i, (uint32_t)j);
					linked = 1;
				}
		}
		/* a surname (or a given name) after the full name */
		int per_like = men[i].type == NER_PER ||
			       (!is_place(x[i].gaz) && !x[i].demonym && men[i].ntok == 1 &&
				men[i].type != NER_MISC);
		if (!linked && per_like) {
			for (size_t j = i; j-- > 0 && !linked;)
				if ((men[j].type == NER_PER || (men[i].type == NER_PER && !x[j].gaz &&
								men[j].type != NER_MISC)) &&
				    ends_with_words(&x[j], &x[i])) {
					uf_union(p, (uint32_t)i, (uint32_t)j);
					linked = 1;
				}
			for (size_t j = i; j-- > 0 && !linked;)
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
		/* organisations: an acronym, or the last words of a longer name */
		if (!linked && men[i].type == NER_ORG) {
			for (size_t j = i; j-- > 0 && !linked;) {
				if (men[j].type != NER_ORG)
					continue;
				if (acronym_of(d, &men[j], &men[i]) ||
				    (words(&x[i]) >= 2 && (ends_with_words(&x[j], &x[i]) ||
							   starts_with_word(&x[j], &x[i])))) {
					uf_union(p, (uint32_t)i, (uint32_t)j);
					linked = 1;
				}
			}
		}
	}
	/* a surname seen before the full name: join the nearest full name after */
	for (size_t i = 0; i < m->n; i++) {
		if (men[i].type != NER_PER || men[i].ntok != 1)
			continue;
		uint32_t ri = uf_find(p, (uint32_t)i);
		int has_full = 0;
		for (size_t j = 0; j < m->n && !has_full; j++)
			has_full = men[j].type == NER_PER && men[j].ntok > 1 && uf_find(p, (uint32_t)j) == ri;
		if (has_full)
			continue;
		for (size_t j = i + 1; j < m->n; j++)
			if (men[j].type == NER_PER && men[j].ntok > 1 && ends_with_words(&x[j], &x[i])) {
				uf_union(p, (uint32_t)i, (uint32_t)j);
				break;
			}
	}
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
	    e->type == NER_LOC && mm->ntok == 1)
		return m->x[best].gaz->name;
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
	link_mentions(d, m, p);
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
	for (size_t i = 0; i < n; i++) {
		const struct ment_extra *xi = &m->x[i];
		const struct gaz_entry *gi = xi->gaz;
		for (size_t j = 0; j < n; j++) {
			const struct ment_extra *xj = &m->x[j];
			if (i == j || xi->demonym != xj->demonym ||
			    !(same_key(xi, xj) || (gi && gi == xj->gaz && vt[i] != NER_PER)))
				continue;
			size_t ci = count[m->men[i].entity], cj = count[m->men[j].entity];
			/* a minority reading of a place as an organisation joins the
			 * larger cluster that reads it as a place */
			int absorb = ci < cj && vt[j] == NER_LOC && vt[i] == NER_ORG &&
				     gi && gi->kind != GAZ_ORG && !(gi->flags & GAZ_F_COMMON);
			/* ... and a "place" no gazetteer knows joins the larger
			 * cluster that reads it as an organisation */
			absorb |= ci < cj && vt[i] == NER_LOC && vt[j] == NER_ORG && !gi;
			if ((vt[i] == vt[j] || absorb) && uf_find(p, (uint32_t)i) != uf_find(p, (uint32_t)j)) {
				uf_union(p, (uint32_t)i, (uint32_t)j);
				joined = 1;
			}
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
	(void)r;
	return 0;
}
