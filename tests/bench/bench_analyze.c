/* Whole-analysis benchmark: the time to analyse one article (default
 * ../shared/corpus/dev/seed-kursk.json) in-process, without HTTP, and the
 * words per second that gives. A program, not a test: `make bench` runs it. */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "enricher/analyze.h"

static double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
	const char *path = argc > 1 ? argv[1] : "../shared/corpus/dev/seed-kursk.json";
	int iters = argc > 2 ? atoi(argv[2]) : 2000;
	json_error_t je;
	json_t *gold = json_load_file(path, 0, &je);
	if (!gold) {
		fprintf(stderr, "bench_analyze: %s: %s\n", path, je.text);
		return 1;
	}
	struct config cfg;
	config_defaults(&cfg);
	struct resources *res;
	struct enr_error err;
	double t0 = now_s();
	if (resources_load(&cfg, &res, &err)) {
		fprintf(stderr, "bench_analyze: %s\n", err.message);
		return 1;
	}
	double load = now_s() - t0;
	json_t *req = json_pack("{s:O,s:O,s:O}", "text", json_object_get(gold, "text"), "title",
				json_object_get(gold, "title"), "published",
				json_object_get(gold, "published"));
	long words = 0;
	double best = 1e9, total = 0;
	for (int i = 0; i < iters; i++) {
		struct arena *a = arena_new(0);
		struct article art;
		struct article_error e = {0};
		struct jsonw w;
		double s = now_s();
		jsonw_init(&w, 0);
		if (article_from_json(res, a, req, ART_ALL, &art, &e) ||
		    analyze_article(res, a, &art, &w, &e)) {
			fprintf(stderr, "bench_analyze: %s\n", e.message);
			return 1;
		}
		size_t n;
		char *js = jsonw_finish(&w, &n);  /* the answer's bytes, as the server sends them */
		double d = now_s() - s;
		total += d;
		if (d < best)
			best = d;
		if (!js) {
			fprintf(stderr, "bench_analyze: out of memory\n");
			return 1;
		}
		if (i == iters - 1) {
			json_t *out = json_loadb(js, n, 0, &je);
			words = json_integer_value(json_object_get(json_object_get(out, "stats"), "words"));
			json_decref(out);
		}
		free(js);
		arena_free(a);
	}
	printf("analyze %s: %ld words, mean %.1f us, best %.1f us, %.0f words/s (one core), "
	       "resources loaded in %.0f ms\n",
	       path, words, total / iters * 1e6, best * 1e6, (double)words * iters / total,
	       load * 1e3);
	json_decref(req);
	json_decref(gold);
	resources_free(res);
	config_free(&cfg);
	return 0;
}
