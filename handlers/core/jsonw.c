/* The direct JSON writer (see jsonw.h). What it must match is jansson
 * 2.14's dump.c and strconv.c with JSON_COMPACT: strings escape '"', '\\'
 * and the controls below 0x20 (\b \f \n \r \t by name, the others as \u00XX
 * in upper-case hex), leave '/', DEL and non-ASCII raw; integers print as
 * "%lld"; reals as "%.17g" with ".0" appended when neither '.' nor 'e'
 * appears, then the exponent loses its '+' and leading zeros (1e-07 ->
 * 1e-7). tests/unit/test_jsonw.c compares both byte for byte. */
#include "enricher/jsonw.h"
#include "enricher/text.h"

#include <math.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#define JSONW_DEFAULT_CAP 4096

void jsonw_init(struct jsonw *w, size_t hint)
{
	memset(w, 0, sizeof *w);
	w->cap = hint ? hint : JSONW_DEFAULT_CAP;
	w->buf = malloc(w->cap);
	if (!w->buf) {
		w->cap = 0;
		w->failed = 1;
	}
}

void jsonw_free(struct jsonw *w)
{
	free(w->buf);
	memset(w, 0, sizeof *w);
}

char *jsonw_finish(struct jsonw *w, size_t *len)
{
	if (w->failed || w->depth || !w->buf || w->len >= w->cap) {
		jsonw_free(w);
		*len = 0;
		return NULL;
	}
	char *out = w->buf;
	out[w->len] = '\0';
	*len = w->len;
	memset(w, 0, sizeof *w);
	return out;
}

/* Room for n more bytes plus the final NUL, or NULL (and w->failed). */
static char *reserve(struct jsonw *w, size_t n)
{
	if (w->failed)
		return NULL;
	if (n >= SIZE_MAX / 2 - w->len) {
		w->failed = 1;
		return NULL;
	}
	if (w->len + n + 1 > w->cap) {
		size_t cap = w->cap ? w->cap : JSONW_DEFAULT_CAP;
		while (cap < w->len + n + 1)
			cap *= 2;
		char *b = realloc(w->buf, cap);
		if (!b) {
			w->failed = 1;
			return NULL;
		}
		w->buf = b;
		w->cap = cap;
	}
	return w->buf + w->len;
}


int jsonw_utf8_valid(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;
	while (i < n) {
		if (p[i] < 0x80) {
			i++;
			continue;
		}
		size_t k = text_utf8_seq((const char *)p + i, n - i);
		if (!k)
			return 0;
		i += k;
	}
	return 1;
}

/* Do the 8 bytes of x need no escape and no UTF-8 check (all of them
 * printable ASCII other than '"' and '\\')? Word-at-a-time: x & HIGH finds
 * a byte >= 0x80; when there is none, (v - n * ONES) & ~v & HIGH is nonzero
 * iff some byte of v is below n, and v = x ^ (c * ONES) has a zero byte
 * where x has c. */
static inline int plain8(uint64_t x)
{
	const uint64_t ones = 0x0101010101010101ULL, high = 0x8080808080808080ULL;
	uint64_t q = x ^ (ones * '"'), b = x ^ (ones * '\\');
	uint64_t ctl = (x - ones * 0x20) & ~x, hq = (q - ones) & ~q, hb = (b - ones) & ~b;
	return !((x | ctl | hq | hb) & high);
}

/* Per byte: 0 copied as is, 1 escaped (controls, '"', '\\'), 2 starts a
 * UTF-8 sequence to check. */
/* clang-format off */
static const unsigned char byte_kind[256] = {
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
	2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
	2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
	2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
	2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
	2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
	2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
	2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
};
/* clang-format on */

/* The quoted, escaped string at d (room for 6 * n + 2 bytes); returns the
 * end, or NULL when s is not valid UTF-8. */
static char *put_string(char *d, const char *s, size_t n)
{
	static const char hex[] = "0123456789ABCDEF";
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;
	*d++ = '"';
	while (i < n) {
		uint64_t x;
		if (n - i >= 8 && (memcpy(&x, p + i, 8), plain8(x))) {
			memcpy(d, &x, 8);
			d += 8;
			i += 8;
			continue;
		}
		unsigned c = p[i], kind = byte_kind[c];
		if (kind == 0) {
			*d++ = (char)c;
			i++;
		} else if (kind == 2) {
			size_t k = text_utf8_seq((const char *)p + i, n - i);
			if (!k)
				return NULL;
			memcpy(d, p + i, k);
			d += k;
			i += k;
		} else {
			*d++ = '\\';
			switch (c) {
			case '"':
				*d++ = '"';
				break;
			case '\\':
				*d++ = '\\';
				break;
			case '\b':
				*d++ = 'b';
				break;
			case '\f':
				*d++ = 'f';
				break;
			case '\n':
				*d++ = 'n';
				break;
			case '\r':
				*d++ = 'r';
				break;
			case '\t':
				*d++ = 't';
				break;
			default:
				*d++ = 'u';
				*d++ = '0';
				*d++ = '0';
				*d++ = hex[c >> 4];
				*d++ = hex[c & 15];
			}
			i++;
		}
	}
	*d++ = '"';
	return d;
}

/* Reserves the ',' and the pending key plus n value bytes, writes the
 * prefix; returns where the value goes, or NULL. */
static char *begin_value(struct jsonw *w, size_t n)
{
	size_t kn = w->key ? w->key_len : 0;
	if (kn > SIZE_MAX / 16 || n > SIZE_MAX / 2) {
		w->failed = 1;
		return NULL;
	}
	char *d = reserve(w, 1 + (w->key ? 6 * kn + 3 : 0) + n);
	if (!d)
		return NULL;
	if (w->comma)
		*d++ = ',';
	if (w->key) {
		char *e = put_string(d, w->key, kn);
		if (!e) { /* keys are the code's literals: a bad one is a bug */
			w->failed = 1;
			return NULL;
		}
		d = e;
		*d++ = ':';
		w->key = NULL;
	}
	return d;
}

static void end_value(struct jsonw *w, const char *d)
{
	w->len = (size_t)(d - w->buf);
	w->comma = 1;
}

/* The pending key of a value that is dropped goes with it. */
static int drop(struct jsonw *w)
{
	w->key = NULL;
	return -1;
}

void jsonw_keyn(struct jsonw *w, const char *k, size_t n)
{
	w->key = k;
	w->key_len = n;
}

static void open_(struct jsonw *w, char c)
{
	char *d = begin_value(w, 1);
	if (!d)
		return;
	*d++ = c;
	end_value(w, d);
	w->comma = 0;
	w->depth++;
}

static void close_(struct jsonw *w, char c)
{
	char *d = reserve(w, 1);
	w->key = NULL;
	if (!d)
		return;
	*d++ = c;
	end_value(w, d);
	w->depth--;
}

void jsonw_object_begin(struct jsonw *w)
{
	open_(w, '{');
}

void jsonw_object_end(struct jsonw *w)
{
	close_(w, '}');
}

void jsonw_array_begin(struct jsonw *w)
{
	open_(w, '[');
}

void jsonw_array_end(struct jsonw *w)
{
	close_(w, ']');
}

int jsonw_string(struct jsonw *w, const char *s, size_t n)
{
	if (!s)
		return drop(w);
	if (n > SIZE_MAX / 16) {
		w->failed = 1;
		return drop(w);
	}
	size_t at = w->len;
	int comma = w->comma;
	char *d = begin_value(w, 6 * n + 2);
	if (!d)
		return drop(w);
	char *e = put_string(d, s, n);
	if (!e) {
		w->len = at;
		w->comma = comma;
		return drop(w);
	}
	end_value(w, e);
	return 0;
}

int jsonw_str_or_null(struct jsonw *w, const char *s)
{
	if (!s) {
		jsonw_null(w);
		return 0;
	}
	return jsonw_str(w, s);
}

/* The decimal digits of v, right-aligned ending at end; returns the first. */
static char *digits(char *end, long long v)
{
	char *t = end;
	unsigned long long u = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;
	do {
		*--t = (char)('0' + u % 10);
		u /= 10;
	} while (u);
	if (v < 0)
		*--t = '-';
	return t;
}

/* A value already rendered, t[0..n). */
static void put_value(struct jsonw *w, const char *t, size_t n)
{
	char *d = begin_value(w, n);
	if (!d)
		return;
	memcpy(d, t, n);
	end_value(w, d + n);
}

void jsonw_int(struct jsonw *w, long long v)
{
	char tmp[24];
	char *t = digits(tmp + sizeof tmp, v);
	put_value(w, t, (size_t)(tmp + sizeof tmp - t));
}

void jsonw_span(struct jsonw *w, const char *s, size_t n, long long start, long long end)
{
	jsonw_object_begin(w);
	jsonw_key(w, "text");
	jsonw_string(w, s, n);
	jsonw_key(w, "start");
	jsonw_int(w, start);
	jsonw_key(w, "end");
	jsonw_int(w, end);
	jsonw_object_end(w);
}

void jsonw_ref(struct jsonw *w, char prefix, long long v)
{
	char tmp[28];
	char *end = tmp + sizeof tmp;
	*--end = '"';
	char *t = digits(end, v);
	*--t = prefix;
	*--t = '"';
	put_value(w, t, (size_t)(tmp + sizeof tmp - t));
}

/* jansson's jsonp_dtostr: n bytes at b (MAX_REAL of room, which "%.17g"
 * never fills), or -1. */
enum { MAX_REAL = 100, MAX_REAL_SHORT = 32 };
static int real_text(double v, char *b)
{
	int r = snprintf(b, MAX_REAL, "%.17g", v);
	if (r < 0 || r >= MAX_REAL)
		return -1;
	size_t n = (size_t)r;
	for (size_t i = 0; i < n; i++) /* a locale's decimal comma, as from_locale */
		if (b[i] == ',')
			b[i] = '.';
	if (!memchr(b, '.', n) && !memchr(b, 'e', n)) {
		if (n + 3 >= MAX_REAL)
			return -1;
		b[n++] = '.';
		b[n++] = '0';
		b[n] = '\0';
	}
	char *e = memchr(b, 'e', n);
	if (e) {
		char *start = e + 1, *end = e + 2;
		if (*start == '-')
			start++;
		while (end < b + n && *end == '0')
			end++;
		if (end != start) {
			size_t tail = (size_t)(b + n - end);
			memmove(start, end, tail);
			n -= (size_t)(end - start);
		}
	}
	return (int)n;
}

/* The thousandths in [0, 1] (every salience) printed once: "%.17g" costs
 * thousands of instructions a value, the answer holds one per entity. */
enum { THOUSANDTHS = 1001 };
static struct {
	char s[MAX_REAL_SHORT];
	unsigned char n;
} memo[THOUSANDTHS];
static pthread_once_t memo_once = PTHREAD_ONCE_INIT;

static void memo_init(void)
{
	for (int k = 0; k < THOUSANDTHS; k++) {
		char b[MAX_REAL];
		int n = real_text((double)k / 1000.0, b);
		if (n > 0 && n < MAX_REAL_SHORT) {
			memcpy(memo[k].s, b, (size_t)n);
			memo[k].n = (unsigned char)n;
		}
	}
}

int jsonw_real(struct jsonw *w, double v)
{
	char b[MAX_REAL];
	const char *t = b;
	int n = -1;
	double k = v * 1000.0;
	/* k / 1000.0 == v: the very double a thousandth divides to, not a
	 * neighbour (and not -0.0, which compares equal to 0.0) */
	if (k >= 0 && k < THOUSANDTHS && k == (double)(int)k && (double)(int)k / 1000.0 == v &&
	    !signbit(v)) {
		pthread_once(&memo_once, memo_init);
		t = memo[(int)k].s;
		n = memo[(int)k].n ? memo[(int)k].n : -1;
	}
	if (n < 0) {
		t = b;
		n = isfinite(v) ? real_text(v, b) : -1;
	}
	if (n < 0)
		return drop(w);
	char *d = begin_value(w, (size_t)n);
	if (!d)
		return drop(w);
	memcpy(d, t, (size_t)n);
	end_value(w, d + n);
	return 0;
}

void jsonw_raw(struct jsonw *w, const char *s, size_t n)
{
	char *d = begin_value(w, n);
	if (!d)
		return;
	memcpy(d, s, n);
	end_value(w, d + n);
}

void jsonw_null(struct jsonw *w)
{
	jsonw_raw(w, "null", 4);
}

void jsonw_bool(struct jsonw *w, int v)
{
	if (v)
		jsonw_raw(w, "true", 4);
	else
		jsonw_raw(w, "false", 5);
}
