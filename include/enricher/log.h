/* Structured logs: one JSON object per line on stderr. Thread-safe; each
 * line is written with one call so lines never interleave. */
#ifndef ENRICHER_LOG_H
#define ENRICHER_LOG_H

#include <jansson.h>

enum log_level { LOG_DEBUG = 0, LOG_INFO, LOG_WARN, LOG_ERROR };

/* "debug", "info", "warn", "error"; -1 if unknown. */
int log_level_parse(const char *s);
void log_set_level(int level);
int log_enabled(int level);

/* Writes {"ts","level","msg",...fields}; fields (may be NULL) is stolen. */
void log_event(int level, const char *msg, json_t *fields);

#endif
