/* The per-request arena: every allocation the analysis makes for one request
 * lives here and is released by one arena_free(). Not thread-safe: one arena
 * belongs to one request on one thread. */
#ifndef ENRICHER_ARENA_H
#define ENRICHER_ARENA_H

#include <stddef.h>

struct arena;

/* New arena that refuses to grow past cap bytes (0: no cap). NULL on OOM. */
struct arena *arena_new(size_t cap);

/* n bytes aligned to 16, owned by the arena; NULL when out of memory or over
 * the cap. Never returns NULL for n == 0 (returns a unique pointer). */
void *arena_alloc(struct arena *a, size_t n);

/* Zeroed array of n elements of size bytes; NULL on overflow, OOM or cap. */
void *arena_calloc(struct arena *a, size_t n, size_t size);

/* Grows the block p (old bytes) to new_n bytes, copying; p may be NULL.
 * Growing the most recent allocation happens in place when it fits. */
void *arena_realloc(struct arena *a, void *p, size_t old, size_t new_n);

/* NUL-terminated copy of s[0..n). */
char *arena_strndup(struct arena *a, const char *s, size_t n);

/* printf into the arena. */
char *arena_sprintf(struct arena *a, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Bytes handed out so far (for metrics and caps). */
size_t arena_used(const struct arena *a);

/* Releases everything; accepts NULL. */
void arena_free(struct arena *a);

#endif
