/* Tagging speed: tags every document of CoNLL-2003 testa with the shipped
 * model (text built as at training time) and prints tokens per second for
 * tagger_tag alone, best of several rounds, plus model load time and size.
 * Usage: bench_tagger [--model M] [--data CONLL] [--gazetteers DIR];
 * defaults config/models/ner.model, config/gazetteers and
 * $SHARED/data/conll2003/testa.txt (SHARED
 * defaults to ../shared). Other arguments (make bench passes an article)
 * are ignored. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "enricher/conll.h"
#include "enricher/tagger.h"

static double clock_s(clockid_t id)
{
	struct timespec ts;
	clock_gettime(id, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static double now(void)
{
	return clock_s(CLOCK_MONOTONIC);
}

/* CPU time of this process: on a shared machine it leaves out the time
 * other processes hold the core, which wall time does not. */
static double cpu(void)
{
	return clock_s(CLOCK_PROCESS_CPUTIME_ID);
}

int main(int argc, char **argv)
{
	const char *model = "config/models/ner.model";
	char dflt[4096];
	const char *shared = getenv("SHARED") ? getenv("SHARED") : "../shared";
	snprintf(dflt, sizeof dflt, "%s/data/conll2003/testa.txt", shared);
	const char *data = dflt;
	const char *gazdir = "config/gazetteers";
	for (int i = 1; i + 1 < argc; i++) {
		if (!strcmp(argv[i], "--model"))
			model = argv[++i];
		else if (!strcmp(argv[i], "--data"))
			data = argv[++i];
		else if (!strcmp(argv[i], "--gazetteers"))
			gazdir = argv[++i];
	}
	struct enr_error err;
	enr_error_clear(&err);
	struct conll_data cd;
	if (conll_read(data, &cd, &err)) {
		fprintf(stderr, "bench_tagger: %s\n", err.message);
		return 1;
	}
	struct gazetteer *gaz = NULL;
	if (gazetteer_load(gazdir, &gaz, &err)) {
		fprintf(stderr, "bench_tagger: %s\n", err.message);
		return 1;
	}
	double t0 = now();
	struct tagger_model *m;
	if (tagger_load(model, gaz, &m, &err)) {
		fprintf(stderr, "bench_tagger: %s\n", err.message);
		conll_free(&cd);
		return 1;
	}
	double load = now() - t0;
	struct arena *docs_arena = arena_new(0);
	struct text_doc *docs = calloc(cd.ndoc ? cd.ndoc : 1, sizeof *docs);
	uint8_t *tags = malloc(cd.ntok + 1);
	if (!docs_arena || !docs || !tags)
		return 1;
	for (size_t d = 0; d < cd.ndoc; d++) {
		size_t s = cd.doc_start[d];
		if (text_from_tokens(docs_arena, (const char *const *)cd.tok + s, cd.len + s,
				     cd.sent_end + s, cd.doc_start[d + 1] - s, &docs[d], &err)) {
			fprintf(stderr, "bench_tagger: %s\n", err.message);
			return 1;
		}
	}
	double best = 0, best_cpu = 0;
	for (int round = 0; round < 20; round++) {
		double t = now(), c = cpu();
		size_t ntok = 0;
		for (size_t d = 0; d < cd.ndoc; d++) {
			struct arena *a = arena_new(0);
			if (!a || tagger_tag(m, a, &docs[d], tags, &err)) {
				fprintf(stderr, "bench_tagger: %s\n", err.message);
				return 1;
			}
			arena_free(a);
			ntok += docs[d].ntok;
		}
		double rate = (double)ntok / (now() - t), rate_cpu = (double)ntok / (cpu() - c);
		if (rate > best)
			best = rate;
		if (rate_cpu > best_cpu)
			best_cpu = rate_cpu;
	}
	printf("tagger: %.0f tokens/s wall, %.0f tokens per CPU second (testa, %zu tokens, %zu docs, "
	       "best of 20 rounds); model load %.3f s, %zu bytes in memory\n",
	       best, best_cpu, cd.ntok, cd.ndoc, load, tagger_model_bytes(m));
	free(docs);
	free(tags);
	arena_free(docs_arena);
	tagger_free(m);
	gazetteer_free(gaz);
	conll_free(&cd);
	return 0;
}
