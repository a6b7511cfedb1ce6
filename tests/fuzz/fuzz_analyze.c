/* libFuzzer target: the whole analysis, as /v1/enrich runs it. Resources
 * are loaded once from config/ (run from the repository root, or set
 * ENRICHER_CONFIG_DIR). The first byte picks the content type, the offset
 * unit and the families; the rest is the body. Whatever the extractors
 * find, the answer must render as valid JSON, and every start/end in it
 * must lie inside the text in the unit asked for. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "enricher/analyze.h"
#include "enricher/config.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct config fuzz_cfg;
static struct resources *fuzz_res;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	struct enr_error err;
	enr_error_clear(&err);
	config_defaults(&fuzz_cfg);
	const char *dir = getenv("ENRICHER_CONFIG_DIR");
	if (dir) {
		free(fuzz_cfg.config_dir);
		fuzz_cfg.config_dir = strdup(dir);
	}
	fuzz_cfg.fetch_enabled = 0;  /* never leave the machine */
	fuzz_cfg.max_tokens = 200000;
	fuzz_cfg.max_arena_bytes = 256L << 20;
	if (resources_load(&fuzz_cfg, &fuzz_res, &err)) {
		fprintf(stderr, "fuzz_analyze: cannot load resources from %s: %s\n",
			fuzz_cfg.config_dir, err.message);
		abort();
	}
	return 0;
}

#define FUZZ_CHECK(c) do { if (!(c)) abort(); } while (0)

/* Every "start"/"end" pair anywhere in the answer lies in [0, len]. */
static void check_spans(json_t *v, size_t len, int depth)
{
	FUZZ_CHECK(depth < 32);
	if (json_is_array(v)) {
		size_t i;
		json_t *x;
		json_array_foreach(v, i, x) {
			check_spans(x, len, depth + 1);
		}
	} else if (json_is_object(v)) {
		json_t *s = json_object_get(v, "start"), *e = json_object_get(v, "end");
		if (json_is_integer(s) && json_is_integer(e)) {
			json_int_t a = json_integer_value(s), b = json_integer_value(e);
			FUZZ_CHECK(a >= 0 && a <= b && (size_t)b <= len);
		}
		const char *k;
		json_t *x;
		json_object_foreach(v, k, x) {
			check_spans(x, len, depth + 1);
		}
	}
}

static size_t text_length(const char *s, size_t n, enum text_unit unit)
{
	if (unit == TEXT_UNIT_UTF8)
		return n;
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80)
			k += (unit == TEXT_UNIT_UTF16 && (unsigned char)s[i] >= 0xF0) ? 2 : 1;
	return k;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	unsigned sel = data[0];
	data++;
	size--;
	char *body = malloc(size + 1);
	if (!body)
		return 0;
	memcpy(body, data, size);
	body[size] = '\0';
	struct arena *ar = arena_new(fuzz_res->limits.max_arena_bytes);
	if (!ar) {
		free(body);
		return 0;
	}
	static const unsigned includes[] = {ART_ALL, ART_ENTITIES, ART_QUOTES, ART_CLAIMS};
	const char *ct = (sel & 1) ? "application/json" : "text/plain";
	struct article a;
	struct article_error e = {0};
	json_t *root = NULL, *out = NULL;
	if (article_parse_body(fuzz_res, ar, ct, body, size, includes[(sel >> 3) & 3], &a,
			       &root, &e) == 0) {
		if (!(sel & 1))
			a.unit = (enum text_unit)((sel >> 1) % 3);
		struct jsonw w;
		jsonw_init(&w, 0);
		if (analyze_article(fuzz_res, ar, &a, &w, &e) == 0) {
			size_t n;
			char *s = jsonw_finish(&w, &n);
			FUZZ_CHECK(s != NULL);
			json_error_t je;
			out = json_loadb(s, n, 0, &je);  /* the bytes are valid JSON */
			FUZZ_CHECK(out != NULL);
			check_spans(out, text_length(a.text, a.text_len, a.unit), 0);
			free(s);
		} else {
			jsonw_free(&w);
			/* only the caps may stop an analysis, never a 500 */
			FUZZ_CHECK(e.status == 413);
		}
	}
	json_decref(out);
	json_decref(root);
	arena_free(ar);
	free(body);
	return 0;
}
