/* Service configuration: one table of options drives the config file, the
 * ENRICHER_* environment, the command-line flags, --help and the commented
 * config/enricher.conf. Later sources override earlier ones. */
#ifndef ENRICHER_CONFIG_H
#define ENRICHER_CONFIG_H

#include <stddef.h>
#include <stdio.h>

#include "enricher/error.h"

struct config {
	char *host;
	long port;
	long threads;             /* 0: number of cores */
	long max_connections;
	long per_ip_connections;
	long connection_timeout;  /* seconds */
	long connection_memory;   /* bytes of per-connection buffer in libmicrohttpd */
	long max_body_bytes;
	long max_inflight;        /* requests analysed at once before 503 */
	long max_json_depth;
	long max_tokens;
	long max_arena_bytes;
	long batch_max;
	long drain_timeout;       /* seconds to wait for in-flight requests on SIGTERM */
	long drain_delay_ms;      /* readiness 503 this long before the listener closes */
	char *config_dir;         /* lexicons/, gazetteers/, models/, openapi.json */
	char *model;              /* tagger model path ("" = <config_dir>/models/ner.model) */
	char *auth_tokens;        /* comma-separated bearer tokens; "" = no auth */
	char *log_level;          /* debug, info, warn, error */
	long log_requests;        /* 1: one line per request */
	long fetch_enabled;
	long fetch_timeout;       /* seconds */
	long fetch_max_bytes;
	long fetch_max_redirects;
	char *fetch_allow;
};

/* Fills defaults. Strings are owned by cfg (config_free). */
int config_defaults(struct config *cfg);

/* Reads "name = value" lines; unknown names are an error naming the line. */
int config_load_file(struct config *cfg, const char *path, struct enr_error *err);

/* Applies ENRICHER_<NAME> variables. */
int config_load_env(struct config *cfg, struct enr_error *err);

/* Applies --name value / --name=value flags from argv[first..argc); returns
 * the index of the first non-flag argument in *next. */
int config_load_flags(struct config *cfg, int argc, char **argv, int first, int *next,
		      struct enr_error *err);

/* Finds --config PATH / ENRICHER_CONFIG (flags win), or NULL. */
const char *config_path_from(int argc, char **argv, int first);

/* Writes the commented default config file (what config/enricher.conf is). */
void config_write_defaults(FILE *f);

/* Option help for --help. */
void config_write_help(FILE *f);

void config_free(struct config *cfg);

#endif
