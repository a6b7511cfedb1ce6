/* Bump allocator in chained chunks. One arena per request; no frees of
 * single blocks, one arena_free() at the end. */
#include "enricher/arena.h"

#include <pthread.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ARENA_ALIGN 16
#define ARENA_MIN_CHUNK (64 * 1024)

struct chunk {
	struct chunk *prev;
	size_t size;  /* usable bytes in data */
	size_t used;
	_Alignas(16) unsigned char data[];
};

struct arena {
	struct chunk *head;
	size_t cap;       /* 0: none */
	size_t reserved;  /* bytes of chunks held */
	size_t used;      /* bytes handed out */
	void *last;       /* most recent block, for in-place realloc */
};

/* Each thread keeps the largest chunk its last arena freed (up to
 * SPARE_MAX) for its next arena: an article's analysis takes about a
 * megabyte, and handing the same warm block from request to request
 * spares the allocator's splitting and merging and the cache the fresh
 * memory. The thread owns its spare; a key destructor frees it when the
 * thread ends. */
#define SPARE_MAX ((size_t)4 << 20)

static pthread_key_t spare_key;
static pthread_once_t spare_once = PTHREAD_ONCE_INIT;
static int spare_ok;

static void spare_destroy(void *p)
{
	free(p);
}

static void spare_init(void)
{
	spare_ok = pthread_key_create(&spare_key, spare_destroy) == 0;
}

static struct chunk *spare_take(void)
{
	pthread_once(&spare_once, spare_init);
	if (!spare_ok)
		return NULL;
	struct chunk *c = pthread_getspecific(spare_key);
	if (c)
		pthread_setspecific(spare_key, NULL);
	return c;
}

/* Keeps c as the spare when it is the larger; frees the other. */
static void spare_give(struct chunk *c)
{
	pthread_once(&spare_once, spare_init);  /* an arena may end on another thread */
	struct chunk *old = spare_ok ? pthread_getspecific(spare_key) : NULL;
	if (!spare_ok || c->size > SPARE_MAX || (old && old->size >= c->size) ||
	    pthread_setspecific(spare_key, c)) {
		free(c);
		return;
	}
	free(old);
}

struct arena *arena_new(size_t cap)
{
	struct arena *a = calloc(1, sizeof *a);
	if (a)
		a->cap = cap;
	return a;
}

static size_t align_up(size_t n)
{
	return (n + ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1);
}

static struct chunk *arena_grow(struct arena *a, size_t need)
{
	size_t size = a->head ? a->head->size * 2 : ARENA_MIN_CHUNK;
	if (size < need)
		size = need;
	if (size > SIZE_MAX - sizeof(struct chunk))
		return NULL;
	if (a->cap && a->reserved + size > a->cap) {
		/* Take only what the cap still allows, if that is enough. */
		if (a->reserved + need > a->cap)
			return NULL;
		size = a->cap - a->reserved;
	}
	struct chunk *c = spare_take();
	if (c && (c->size < size || (a->cap && a->reserved + c->size > a->cap))) {
		spare_give(c);
		c = NULL;
	}
	if (c)
		size = c->size;
	else
		c = malloc(sizeof *c + size);
	if (!c)
		return NULL;
	c->prev = a->head;
	c->size = size;
	c->used = 0;
	a->head = c;
	a->reserved += size;
	return c;
}

void *arena_alloc(struct arena *a, size_t n)
{
	if (n > SIZE_MAX - ARENA_ALIGN)
		return NULL;
	size_t need = align_up(n ? n : 1);
	struct chunk *c = a->head;
	if (!c || c->size - c->used < need) {
		c = arena_grow(a, need);
		if (!c)
			return NULL;
	}
	void *p = c->data + c->used;
	c->used += need;
	a->used += need;
	a->last = p;
	return p;
}

void *arena_calloc(struct arena *a, size_t n, size_t size)
{
	if (size && n > SIZE_MAX / size)
		return NULL;
	void *p = arena_alloc(a, n * size);
	if (p)
		memset(p, 0, n * size);
	return p;
}

void *arena_realloc(struct arena *a, void *p, size_t old, size_t new_n)
{
	if (!p)
		return arena_alloc(a, new_n);
	if (new_n <= old)
		return p;
	struct chunk *c = a->head;
	if (p == a->last && c) {
		size_t off = (size_t)((unsigned char *)p - c->data);
		size_t need = align_up(new_n);
		if (need <= c->size - off) {
			a->used += need - (c->used - off);
			c->used = off + need;
			return p;
		}
	}
	void *q = arena_alloc(a, new_n);
	if (q)
		memcpy(q, p, old);
	return q;
}

char *arena_strndup(struct arena *a, const char *s, size_t n)
{
	char *p = arena_alloc(a, n + 1);
	if (p) {
		memcpy(p, s, n);
		p[n] = '\0';
	}
	return p;
}

char *arena_sprintf(struct arena *a, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return NULL;
	char *p = arena_alloc(a, (size_t)n + 1);
	if (!p)
		return NULL;
	va_start(ap, fmt);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return p;
}

size_t arena_used(const struct arena *a)
{
	return a ? a->used : 0;
}

void arena_free(struct arena *a)
{
	if (!a)
		return;
	struct chunk *c = a->head;
	while (c) {
		struct chunk *prev = c->prev;
		spare_give(c);
		c = prev;
	}
	free(a);
}
