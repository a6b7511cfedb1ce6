/* enricher: the command line. Subcommands: serve (default), analyze,
 * train, health, config, version. */
#include <curl/curl.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "enricher/analyze.h"
#include "enricher/config.h"
#include "enricher/fetch.h"
#include "enricher/handler.h"
#include "enricher/http.h"
#include "enricher/log.h"
#include "enricher/resources.h"
#include "enricher/tagger.h"

static void usage(FILE *f)
{
	fprintf(f,
		"usage: enricher [serve] [--config FILE] [--OPTION VALUE ...]\n"
		"       enricher analyze FILE|- [--offsets utf16] [--OPTION VALUE ...]\n"
		"       enricher train --train CONLL [--dev CONLL] [--unlabeled DIR] --out MODEL [--epochs N]\n"
		"       enricher health [URL]     (default http://127.0.0.1:8080/readyz)\n"
		"       enricher config           (prints the default config file)\n"
		"       enricher version\n"
		"\n"
		"Options (config file, then ENRICHER_<NAME> variables, then flags):\n");
	config_write_help(f);
}

static void die_msg(const char *what, const struct enr_error *err)
{
	log_event(LOG_ERROR, what, json_pack("{s:s}", "error", err->message));
}

/* Config file (default config/enricher.conf when present), env, flags. */
static int load_config(struct config *cfg, int argc, char **argv, int first, int *next)
{
	struct enr_error err;
	enr_error_clear(&err);
	config_defaults(cfg);
	const char *path = config_path_from(argc, argv, first);
	int explicit = path != NULL;
	if (!path)
		path = "config/enricher.conf";
	if ((explicit || access(path, R_OK) == 0) && config_load_file(cfg, path, &err))
		goto bad;
	if (config_load_env(cfg, &err) || config_load_flags(cfg, argc, argv, first, next, &err))
		goto bad;
	int lvl = log_level_parse(cfg->log_level);
	if (lvl < 0) {
		enr_error_set(&err, ENR_EINVAL, "log_level must be debug, info, warn or error");
		goto bad;
	}
	log_set_level(lvl);
	return 0;
bad:
	fprintf(stderr, "enricher: %s\n", err.message);
	return -1;
}

static int cmd_serve(int argc, char **argv, int first)
{
	struct config cfg;
	int next, rc = 1;
	if (load_config(&cfg, argc, argv, first, &next))
		return 2;
	if (next < argc) {
		fprintf(stderr, "enricher: unexpected argument \"%s\"\n", argv[next]);
		config_free(&cfg);
		return 2;
	}
	/* signals go to sigwait below, not to the worker threads */
	sigset_t set;
	sigemptyset(&set);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGINT);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	signal(SIGPIPE, SIG_IGN);

	struct enr_error err;
	enr_error_clear(&err);
	struct service svc = {.version = ENRICHER_VERSION, .config_dir = cfg.config_dir};
	struct http_server *h = NULL;
	struct resources *res = NULL;
	if (fetch_global_init(&err)) {
		die_msg("cannot start", &err);
		goto out;
	}
	if (http_start(&cfg, &svc, &h, &err)) {
		die_msg("cannot start", &err);
		goto out;
	}
	log_event(LOG_INFO, "listening",
		  json_pack("{s:s,s:i,s:s}", "host", cfg.host, "port", http_port(h), "version",
			    ENRICHER_VERSION));
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	if (resources_load(&cfg, &res, &err)) {
		die_msg("cannot load resources", &err);
		goto out;
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	svc.res = res;
	atomic_store(&svc.ready, 1);
	log_event(LOG_INFO, "ready",
		  json_pack("{s:I}", "load_ms",
			    (json_int_t)((t1.tv_sec - t0.tv_sec) * 1000 +
					 (t1.tv_nsec - t0.tv_nsec) / 1000000)));
	int sig = 0;
	sigwait(&set, &sig);
	atomic_store(&svc.draining, 1);
	log_event(LOG_INFO, "draining", json_pack("{s:s}", "signal", sig == SIGINT ? "SIGINT" : "SIGTERM"));
	if (cfg.drain_delay_ms > 0)
		usleep((useconds_t)cfg.drain_delay_ms * 1000);
	http_quiesce(h);
	for (long waited = 0; http_inflight(h) > 0 && waited < cfg.drain_timeout * 100; waited++)
		usleep(10000);
	log_event(LOG_INFO, "stopped", json_pack("{s:I}", "in_flight", (json_int_t)http_inflight(h)));
	rc = 0;
out:
	http_stop(h);
	resources_free(res);
	fetch_global_cleanup();
	config_free(&cfg);
	return rc;
}

static char *read_all(const char *path, size_t *len)
{
	FILE *f = strcmp(path, "-") ? fopen(path, "rb") : stdin;
	if (!f)
		return NULL;
	char *buf = NULL;
	size_t n = 0, cap = 0;
	for (;;) {
		if (cap - n < 65536) {
			cap = cap ? cap * 2 : 131072;
			char *nb = realloc(buf, cap);
			if (!nb) {
				free(buf);
				buf = NULL;
				break;
			}
			buf = nb;
		}
		size_t k = fread(buf + n, 1, cap - n - 1, f);
		n += k;
		if (k == 0) {
			buf[n] = '\0';
			break;
		}
	}
	if (f != stdin)
		fclose(f);
	*len = n;
	return buf;
}

/* Prints what /v1/enrich would answer for a file: a JSON request, or text. */
static int cmd_analyze(int argc, char **argv, int first)
{
	struct config cfg;
	int next, rc = 1;
	const char *unit = NULL;
	/* --offsets is a request field, not a config option: take it out first */
	for (int i = first; i + 1 < argc; i++)
		if (!strcmp(argv[i], "--offsets")) {
			unit = argv[i + 1];
			memmove(&argv[i], &argv[i + 2], (size_t)(argc - i - 2) * sizeof *argv);
			argc -= 2;
			break;
		}
	if (load_config(&cfg, argc, argv, first, &next))
		return 2;
	if (next >= argc) {
		fprintf(stderr, "enricher analyze: name a file, or - for stdin\n");
		config_free(&cfg);
		return 2;
	}
	struct enr_error err;
	enr_error_clear(&err);
	struct resources *res = NULL;
	struct arena *ar = NULL;
	json_t *root = NULL, *out = NULL;
	size_t len = 0;
	char *body = read_all(argv[next], &len);
	if (!body) {
		fprintf(stderr, "enricher analyze: cannot read %s: %s\n", argv[next], strerror(errno));
		goto done;
	}
	if (resources_load(&cfg, &res, &err)) {
		fprintf(stderr, "enricher analyze: %s\n", err.message);
		goto done;
	}
	ar = arena_new((size_t)cfg.max_arena_bytes);
	size_t k = 0;
	while (k < len && (body[k] == ' ' || body[k] == '\n' || body[k] == '\t' || body[k] == '\r'))
		k++;
	const char *ct = (k < len && body[k] == '{') ? "application/json" : "text/plain";
	struct article a;
	struct article_error e = {0};
	if (!ar || article_parse_body(res, ar, ct, body, len, ART_ALL, &a, &root, &e)) {
		fprintf(stderr, "enricher analyze: %s\n", ar ? e.message : "out of memory");
		goto done;
	}
	if (unit) {
		int u = text_unit_parse(unit);
		if (u < 0) {
			fprintf(stderr, "enricher analyze: --offsets takes codepoint, utf16 or utf8\n");
			goto done;
		}
		a.unit = (enum text_unit)u;
	}
	struct jsonw w;
	jsonw_init(&w, 0);
	if (analyze_article(res, ar, &a, &w, &e)) {
		jsonw_free(&w);
		fprintf(stderr, "enricher analyze: %s\n", e.message);
		goto done;
	}
	/* the compact answer of /v1/enrich, indented for a person to read */
	size_t n;
	char *compact = jsonw_finish(&w, &n);
	json_error_t je;
	out = compact ? json_loadb(compact, n, JSON_ALLOW_NUL, &je) : NULL;
	free(compact);
	if (!out) {
		fprintf(stderr, "enricher analyze: out of memory\n");
		goto done;
	}
	json_dumpf(out, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	putchar('\n');
	rc = 0;
done:
	json_decref(out);
	json_decref(root);
	arena_free(ar);
	resources_free(res);
	free(body);
	config_free(&cfg);
	return rc;
}

static int cmd_train(int argc, char **argv, int first)
{
	struct tagger_train_opts o = {.log = stderr};
	const char *config_dir = "config";
	for (int i = first; i < argc; i += 2) {
		const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
		if (!v) {
			fprintf(stderr, "enricher train: %s needs a value\n", a);
			return 2;
		}
		if (!strcmp(a, "--train"))
			o.train_path = v;
		else if (!strcmp(a, "--dev"))
			o.dev_path = v;
		else if (!strcmp(a, "--out"))
			o.model_path = v;
		else if (!strcmp(a, "--unlabeled"))
			o.unlabeled = v;
		else if (!strcmp(a, "--epochs"))
			o.epochs = atoi(v);
		else if (!strcmp(a, "--config-dir"))
			config_dir = v;
		else {
			fprintf(stderr, "enricher train: unknown flag %s\n", a);
			return 2;
		}
	}
	if (!o.train_path || !o.model_path) {
		fprintf(stderr, "usage: enricher train --train CONLL [--dev CONLL] --out MODEL\n");
		return 2;
	}
	struct enr_error err;
	enr_error_clear(&err);
	struct gazetteer *gaz = NULL;
	char dir[4096];
	snprintf(dir, sizeof dir, "%s/gazetteers", config_dir);
	if (access(dir, R_OK) == 0 && gazetteer_load(dir, &gaz, &err)) {
		fprintf(stderr, "enricher train: %s\n", err.message);
		return 1;
	}
	int rc = tagger_train(&o, gaz, &err);
	gazetteer_free(gaz);
	if (rc) {
		fprintf(stderr, "enricher train: %s\n", err.message);
		return 1;
	}
	return 0;
}

static size_t discard(char *p, size_t s, size_t n, void *u)
{
	return s * n;
}

/* For container health checks: exit 0 when URL answers 2xx within 3 s. */
static int cmd_health(int argc, char **argv, int first)
{
	const char *url = first < argc ? argv[first] : "http://127.0.0.1:8080/readyz";
	if (curl_global_init(CURL_GLOBAL_DEFAULT) != 0)
		return 1;
	CURL *c = curl_easy_init();
	long code = 0;
	CURLcode cc = CURLE_FAILED_INIT;
	if (c) {
		curl_easy_setopt(c, CURLOPT_URL, url);
		curl_easy_setopt(c, CURLOPT_TIMEOUT, 3L);
		curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
		curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, discard);
		cc = curl_easy_perform(c);
		if (cc == CURLE_OK)
			curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &code);
		curl_easy_cleanup(c);
	}
	curl_global_cleanup();
	if (cc != CURLE_OK) {
		fprintf(stderr, "enricher health: %s: %s\n", url, curl_easy_strerror(cc));
		return 1;
	}
	printf("%s: %ld\n", url, code);
	return code >= 200 && code < 300 ? 0 : 1;
}

int main(int argc, char **argv)
{
	const char *cmd = argc > 1 ? argv[1] : "serve";
	if (!strcmp(cmd, "--help") || !strcmp(cmd, "-h") || !strcmp(cmd, "help")) {
		usage(stdout);
		return 0;
	}
	if (!strcmp(cmd, "version") || !strcmp(cmd, "--version")) {
		printf("enricher %s (%s)\n", ENRICHER_VERSION, ENRICHER_COMMIT);
		return 0;
	}
	if (!strcmp(cmd, "config")) {
		config_write_defaults(stdout);
		return 0;
	}
	if (!strcmp(cmd, "analyze"))
		return cmd_analyze(argc, argv, 2);
	if (!strcmp(cmd, "train"))
		return cmd_train(argc, argv, 2);
	if (!strcmp(cmd, "health"))
		return cmd_health(argc, argv, 2);
	if (!strcmp(cmd, "serve"))
		return cmd_serve(argc, argv, 2);
	if (cmd[0] == '-')
		return cmd_serve(argc, argv, 1);
	fprintf(stderr, "enricher: unknown command \"%s\"\n\n", cmd);
	usage(stderr);
	return 2;
}
