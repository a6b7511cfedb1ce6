/* The option table and its four readers (defaults, file, environment,
 * flags). Adding an option is one line in config_options[]. */
#include "enricher/config.h"

#include <ctype.h>
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

enum opt_type { OPT_LONG, OPT_STR };

struct option_def {
	const char *name;
	enum opt_type type;
	size_t offset;
	const char *def;
	long min, max;
	const char *help;
};

#define OPT_L(n, d, lo, hi, h) {#n, OPT_LONG, offsetof(struct config, n), d, lo, hi, h}
#define OPT_S(n, d, h) {#n, OPT_STR, offsetof(struct config, n), d, 0, 0, h}

static const struct option_def config_options[] = {
	OPT_S(host, "127.0.0.1", "address to listen on (0.0.0.0 for every interface)"),
	OPT_L(port, "8080", 0, 65535, "TCP port (0: any free port, printed at start)"),
	OPT_L(threads, "0", 0, 256, "worker threads (0: one per core)"),
	OPT_L(max_connections, "512", 1, 100000,
	      "open connections at most; past it new ones are refused at once"),
	OPT_L(per_ip_connections, "0", 0, 100000,
	      "open connections per client address (0: no limit; a load balancer is one address)"),
	OPT_L(connection_timeout, "10", 1, 3600,
	      "seconds a connection may stay idle or stall before it is closed"),
	OPT_L(connection_memory, "65536", 8192, 16777216,
	      "bytes of header buffer per connection (headers past it get 431/413)"),
	OPT_L(max_body_bytes, "2097152", 1024, 1073741824,
	      "request body cap in bytes; past it 413, refused before it is read whole"),
	OPT_L(max_inflight, "64", 1, 100000,
	      "requests analysed at once; past it 503 at once rather than an unbounded queue"),
	OPT_L(max_json_depth, "64", 2, 2048, "nesting depth of a request's JSON"),
	OPT_L(max_tokens, "1000000", 100, 100000000, "tokens of one article's text"),
	OPT_L(max_arena_bytes, "536870912", 1048576, 17179869184L,
	      "memory one request's analysis may use"),
	OPT_L(batch_max, "100", 1, 10000, "articles in one /v1/enrich/batch request"),
	OPT_L(drain_timeout, "25", 0, 3600,
	      "seconds SIGTERM waits for in-flight requests before it stops anyway"),
	OPT_L(drain_delay_ms, "0", 0, 600000,
	      "after SIGTERM, milliseconds /readyz answers 503 before the listener closes"),
	OPT_S(config_dir, "config", "directory with lexicons/, gazetteers/, models/, openapi.json"),
	OPT_S(model, "", "tagger model (empty: <config_dir>/models/ner.model)"),
	OPT_S(auth_tokens, "", "comma-separated bearer tokens required on /v1/* (empty: no auth)"),
	OPT_S(log_level, "info", "debug, info, warn or error"),
	OPT_L(log_requests, "1", 0, 1, "log one JSON line per request"),
	OPT_L(fetch_enabled, "1", 0, 1, "allow {\"url\": ...} requests to fetch the page"),
	OPT_L(fetch_timeout, "10", 1, 300, "seconds a fetch may take in all"),
	OPT_L(fetch_max_bytes, "5242880", 1024, 1073741824, "fetched page cap in bytes"),
	OPT_L(fetch_max_redirects, "3", 0, 20, "redirects a fetch follows"),
	OPT_S(fetch_allow, "",
	      "hosts, addresses or CIDRs a fetch may reach although internal (comma-separated)"),
};

#define NOPTIONS (sizeof config_options / sizeof config_options[0])

static const struct option_def *config_find(const char *name, size_t n)
{
	for (size_t i = 0; i < NOPTIONS; i++) {
		const char *o = config_options[i].name;
		if (strlen(o) != n)
			continue;
		size_t k = 0;
		/* dashes and underscores are the same: --max-body-bytes */
		while (k < n && (o[k] == name[k] || (o[k] == '_' && name[k] == '-')))
			k++;
		if (k == n)
			return &config_options[i];
	}
	return NULL;
}

static int config_set(struct config *cfg, const struct option_def *o, const char *val,
		      const char *where, struct enr_error *err)
{
	char *field = (char *)cfg + o->offset;
	if (o->type == OPT_STR) {
		char *copy = strdup(val);
		if (!copy)
			return enr_error_set(err, ENR_ENOMEM, "out of memory");
		free(*(char **)field);
		*(char **)field = copy;
		return 0;
	}
	char *end;
	errno = 0;
	long v = strtol(val, &end, 10);
	while (*end && isspace((unsigned char)*end))
		end++;
	if (!strcasecmp(val, "true") || !strcasecmp(val, "yes") || !strcasecmp(val, "on")) {
		v = 1;
		end = (char *)"";
	} else if (!strcasecmp(val, "false") || !strcasecmp(val, "no") || !strcasecmp(val, "off")) {
		v = 0;
		end = (char *)"";
	}
	if (errno || *end || end == val)
		return enr_error_set(err, ENR_EINVAL, "%s: %s must be a number, not \"%s\"", where,
				     o->name, val);
	if (v < o->min || v > o->max)
		return enr_error_set(err, ENR_EINVAL, "%s: %s must be between %ld and %ld, not %ld",
				     where, o->name, o->min, o->max, v);
	*(long *)field = v;
	return 0;
}

int config_defaults(struct config *cfg)
{
	memset(cfg, 0, sizeof *cfg);
	for (size_t i = 0; i < NOPTIONS; i++)
		if (config_set(cfg, &config_options[i], config_options[i].def, "default", NULL))
			return ENR_ENOMEM;
	return 0;
}

static char *trim(char *s)
{
	while (isspace((unsigned char)*s))
		s++;
	char *e = s + strlen(s);
	while (e > s && isspace((unsigned char)e[-1]))
		*--e = '\0';
	return s;
}

int config_load_file(struct config *cfg, const char *path, struct enr_error *err)
{
	FILE *f = fopen(path, "r");
	if (!f)
		return enr_error_set(err, ENR_EIO, "cannot read config file %s: %s", path,
				     strerror(errno));
	char line[4096], where[512];
	int lineno = 0, rc = 0;
	while (fgets(line, sizeof line, f)) {
		lineno++;
		char *s = trim(line);
		if (!*s || *s == '#')
			continue;
		char *eq = strchr(s, '=');
		snprintf(where, sizeof where, "%s:%d", path, lineno);
		if (!eq) {
			rc = enr_error_set(err, ENR_EINVAL, "%s: expected name = value", where);
			break;
		}
		*eq = '\0';
		char *name = trim(s), *val = trim(eq + 1);
		size_t vl = strlen(val);
		if (vl >= 2 && val[0] == '"' && val[vl - 1] == '"') {
			val[vl - 1] = '\0';
			val++;
		}
		const struct option_def *o = config_find(name, strlen(name));
		if (!o) {
			rc = enr_error_set(err, ENR_EINVAL, "%s: unknown option \"%s\"", where, name);
			break;
		}
		rc = config_set(cfg, o, val, where, err);
		if (rc)
			break;
	}
	fclose(f);
	return rc;
}

int config_load_env(struct config *cfg, struct enr_error *err)
{
	char var[128];
	for (size_t i = 0; i < NOPTIONS; i++) {
		const char *n = config_options[i].name;
		size_t k = snprintf(var, sizeof var, "ENRICHER_");
		for (; *n && k + 1 < sizeof var; n++)
			var[k++] = (char)toupper((unsigned char)*n);
		var[k] = '\0';
		const char *v = getenv(var);
		if (v) {
			int rc = config_set(cfg, &config_options[i], v, var, err);
			if (rc)
				return rc;
		}
	}
	return 0;
}

int config_load_flags(struct config *cfg, int argc, char **argv, int first, int *next,
		      struct enr_error *err)
{
	int i = first;
	for (; i < argc; i++) {
		const char *a = argv[i];
		if (strncmp(a, "--", 2) != 0)
			break;
		a += 2;
		const char *eq = strchr(a, '=');
		size_t n = eq ? (size_t)(eq - a) : strlen(a);
		if (n == 6 && !strncmp(a, "config", 6)) {
			if (!eq)
				i++;
			continue;  /* read before the others by config_path_from */
		}
		const struct option_def *o = config_find(a, n);
		if (!o)
			return enr_error_set(err, ENR_EINVAL, "unknown flag --%.*s (see --help)",
					     (int)n, a);
		const char *val = eq ? eq + 1 : NULL;
		if (!val) {
			if (i + 1 >= argc)
				return enr_error_set(err, ENR_EINVAL, "flag --%s needs a value",
						     o->name);
			val = argv[++i];
		}
		char where[160];
		snprintf(where, sizeof where, "flag --%s", o->name);
		int rc = config_set(cfg, o, val, where, err);
		if (rc)
			return rc;
	}
	if (next)
		*next = i;
	return 0;
}

const char *config_path_from(int argc, char **argv, int first)
{
	for (int i = first; i < argc; i++) {
		if (!strcmp(argv[i], "--config") && i + 1 < argc)
			return argv[i + 1];
		if (!strncmp(argv[i], "--config=", 9))
			return argv[i] + 9;
	}
	return getenv("ENRICHER_CONFIG");
}

void config_write_defaults(FILE *f)
{
	fprintf(f, "# enricher configuration: every option with its default.\n"
		   "# Order of precedence: this file, then ENRICHER_<NAME> environment\n"
		   "# variables, then --name flags. Generated by `enricher config`.\n");
	for (size_t i = 0; i < NOPTIONS; i++) {
		const struct option_def *o = &config_options[i];
		fprintf(f, "\n# %s\n", o->help);
		if (o->type == OPT_STR)
			fprintf(f, "%s = \"%s\"\n", o->name, o->def);
		else
			fprintf(f, "%s = %s\n", o->name, o->def);
	}
}

void config_write_help(FILE *f)
{
	for (size_t i = 0; i < NOPTIONS; i++) {
		const struct option_def *o = &config_options[i];
		char flag[64];
		snprintf(flag, sizeof flag, "--%s", o->name);
		for (char *p = flag + 2; *p; p++)
			if (*p == '_')
				*p = '-';
		fprintf(f, "  %-26s %s (default: %s)\n", flag, o->help, *o->def ? o->def : "\"\"");
	}
}

void config_free(struct config *cfg)
{
	if (!cfg)
		return;
	for (size_t i = 0; i < NOPTIONS; i++)
		if (config_options[i].type == OPT_STR) {
			char **p = (char **)((char *)cfg + config_options[i].offset);
			free(*p);
			*p = NULL;
		}
}
