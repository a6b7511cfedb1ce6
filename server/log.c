/* JSON log lines on stderr. */
#include "enricher/log.h"

#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static atomic_int log_min = LOG_INFO;
static const char *const log_names[] = {"debug", "info", "warn", "error"};

int log_level_parse(const char *s)
{
	for (int i = 0; i < 4; i++)
		if (s && !strcmp(s, log_names[i]))
			return i;
	return -1;
}

void log_set_level(int level)
{
	atomic_store(&log_min, level);
}

int log_enabled(int level)
{
	return level >= atomic_load(&log_min);
}

void log_event(int level, const char *msg, json_t *fields)
{
	if (!log_enabled(level)) {
		json_decref(fields);
		return;
	}
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	struct tm tm;
	gmtime_r(&ts.tv_sec, &tm);
	char when[96];
	snprintf(when, sizeof when, "%04d-%02d-%02dT%02d:%02d:%02d.%03ldZ", tm.tm_year + 1900,
		 tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
		 ts.tv_nsec / 1000000);
	json_t *o = json_pack("{s:s,s:s,s:s}", "ts", when, "level", log_names[level & 3], "msg",
			      msg ? msg : "");
	if (o && fields)
		json_object_update(o, fields);
	json_decref(fields);
	char *line = o ? json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER) : NULL;
	json_decref(o);
	if (!line)
		return;
	size_t n = strlen(line);
	line[n] = '\n';  /* json_dumps leaves room: replace the NUL, write n+1 */
	fwrite(line, 1, n + 1, stderr);
	free(line);
}
