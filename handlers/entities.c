/* The entity layer: loads its read-only resources (tagger model, gazetteer,
 * lexicons), runs the tagger, and hands the tags to mention collection
 * (entities_mentions.c) and clustering (entities_cluster.c); renders the
 * entities as the API's JSON. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "enricher/entities_impl.h"

static int load_lexicon(const char *dir, const char *name, struct lexicon **out,
			struct enr_error *err)
{
	char path[4096];
	if ((size_t)snprintf(path, sizeof path, "%s/lexicons/%s", dir, name) >= sizeof path)
		return enr_error_set(err, ENR_EINVAL, "config path too long");
	return lexicon_load(path, out, err);
}

int entities_load(const char *config_dir, const char *model_path, struct entities_res **out,
		  struct enr_error *err)
{
	*out = NULL;
	if (!config_dir)
		return enr_error_set(err, ENR_EINVAL, "entities: no config directory");
	struct entities_res *r = calloc(1, sizeof *r);
	if (!r)
		return enr_error_set(err, ENR_ENOMEM, "out of memory");
	char path[4096];
	int rc;
	if ((size_t)snprintf(path, sizeof path, "%s/gazetteers", config_dir) >= sizeof path) {
		rc = enr_error_set(err, ENR_EINVAL, "config path too long");
		goto fail;
	}
	if ((rc = gazetteer_load(path, &r->gaz, err)) < 0 ||
	    (rc = load_lexicon(config_dir, "titles.txt", &r->titles, err)) < 0 ||
	    (rc = load_lexicon(config_dir, "demonyms.txt", &r->demonyms, err)) < 0 ||
	    (rc = load_lexicon(config_dir, "capitals.txt", &r->capitals, err)) < 0 ||
	    (rc = load_lexicon(config_dir, "org_words.txt", &r->org_words, err)) < 0 ||
	    (rc = load_lexicon(config_dir, "common_words.txt", &r->common, err)) < 0)
		goto fail;
	if (model_path && (rc = tagger_load(model_path, r->gaz, &r->tagger, err)) < 0)
		goto fail;
	*out = r;
	return 0;
fail:
	entities_res_free(r);
	return rc;
}

void entities_res_free(struct entities_res *r)
{
	if (!r)
		return;
	tagger_free(r->tagger);
	gazetteer_free(r->gaz);
	lexicon_free(r->titles);
	lexicon_free(r->demonyms);
	lexicon_free(r->capitals);
	lexicon_free(r->org_words);
	lexicon_free(r->common);
	free(r);
}

int entities_from_tags(const struct entities_res *r, struct arena *a, const struct text_doc *doc,
		       const uint8_t *tags, struct entity_list *out, struct enr_error *err)
{
	memset(out, 0, sizeof *out);
	if (!r || !doc || (!tags && doc->ntok))
		return enr_error_set(err, ENR_EINVAL, "entities: missing argument");
	out->tok_mention = arena_alloc(a, (doc->ntok + 1) * sizeof *out->tok_mention);
	out->tags = arena_alloc(a, doc->ntok + 1);
	if (!out->tok_mention || !out->tags)
		return enr_error_set(err, ENR_ENOMEM, "entities: out of memory");
	if (doc->ntok)
		memcpy(out->tags, tags, doc->ntok);
	struct ent_mentions m;
	int rc = entities_collect(r, a, doc, tags, &m, err);
	if (rc < 0)
		return rc;
	int32_t *tm = out->tok_mention;
	uint8_t *tg = out->tags;
	if ((rc = entities_cluster(r, a, doc, &m, out, err)) < 0)
		return rc;
	out->tok_mention = tm;
	out->tags = tg;
	out->ntok = doc->ntok;
	for (size_t i = 0; i < doc->ntok; i++)
		tm[i] = -1;
	for (size_t k = 0; k < out->nmen; k++)
		for (uint32_t t = out->men[k].tok; t < out->men[k].tok + out->men[k].ntok; t++)
			tm[t] = (int32_t)k;
	return 0;
}

int entities_find(const struct entities_res *r, struct arena *a, const struct text_doc *doc,
		  struct entity_list *out, struct enr_error *err)
{
	memset(out, 0, sizeof *out);
	if (!r || !doc)
		return enr_error_set(err, ENR_EINVAL, "entities: missing argument");
	uint8_t *tags = arena_calloc(a, doc->ntok + 1, 1);
	if (!tags)
		return enr_error_set(err, ENR_ENOMEM, "entities: out of memory");
	if (r->tagger && doc->ntok) {
		int rc = tagger_tag(r->tagger, a, doc, tags, err);
		if (rc < 0)
			return rc;
	}
	return entities_from_tags(r, a, doc, tags, out, err);
}

int entities_at(const struct entity_list *el, size_t tok)
{
	if (!el || !el->tok_mention || tok >= el->ntok)
		return -1;
	int32_t m = el->tok_mention[tok];
	return m < 0 || (size_t)m >= el->nmen ? -1 : el->men[m].entity;
}

/* Each entity and mention as json_stringn would take it: a mention whose
 * text is not valid UTF-8 is left out, and so is an entity whose name is
 * not, as the json_t version did. */
void entities_render(struct jsonw *w, const struct entity_list *el, const struct text_doc *doc,
		     enum text_unit unit)
{
	jsonw_array_begin(w);
	for (size_t k = 0; el && doc && k < el->nent; k++) {
		const struct entity *e = &el->ent[k];
		const char *name = e->name ? e->name : "";
		if (!jsonw_utf8_valid(name, strlen(name)))
			continue;
		jsonw_object_begin(w);
		jsonw_key(w, "id");
		jsonw_ref(w, 'e', (long long)k + 1);
		jsonw_key(w, "name");
		jsonw_str(w, name);
		jsonw_key(w, "type");
		jsonw_str(w, ner_type_api(e->type));
		jsonw_key(w, "salience");
		jsonw_real(w, (double)((int)(e->salience * 1000 + 0.5)) / 1000.0);
		jsonw_key(w, "mentions");
		jsonw_array_begin(w);
		for (size_t j = 0; j < e->nmentions; j++) {
			const struct mention *m = &el->men[e->mentions[j]];
			const char *tx = doc->text + m->start;
			size_t n = (size_t)(m->end - m->start);
			if (!jsonw_utf8_valid(tx, n))
				continue;
			jsonw_span(w, tx, n, (long long)text_offset(doc, m->start, unit),
				   (long long)text_offset(doc, m->end, unit));
		}
		jsonw_array_end(w);
		if (e->code) {
			jsonw_key(w, "code");
			jsonw_str(w, e->code);
		}
		if (e->country) {
			jsonw_key(w, "country");
			jsonw_str(w, e->country);
		}
		if (e->title) {
			jsonw_key(w, "title");
			jsonw_str(w, e->title);
		}
		if (e->naliases > 1) {
			jsonw_key(w, "aliases");
			jsonw_array_begin(w);
			for (size_t j = 0; j < e->naliases; j++)
				jsonw_str(w, e->aliases[j]);
			jsonw_array_end(w);
		}
		jsonw_object_end(w);
	}
	jsonw_array_end(w);
}
