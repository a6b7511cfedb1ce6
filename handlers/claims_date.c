/* Date expressions near a claim trigger. Only what a news sentence says of
 * the act itself: "in 2014", "September 2022", "on April 22", "on Saturday";
 * relative phrases ("earlier this week") are left out. */
#include "enricher/claims_date.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const month_names[12][2] = {
	{ "january", "jan." }, { "february", "feb." }, { "march", "mar." },
	{ "april", "apr." },   { "may", "may" },       { "june", "jun." },
	{ "july", "jul." },    { "august", "aug." },   { "september", "sept." },
	{ "october", "oct." }, { "november", "nov." }, { "december", "dec." },
};

static const char *const day_names[7] = {
	"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"
};

static int month_of(const char *w)
{
	for (int m = 0; m < 12; m++)
		if (strcmp(w, month_names[m][0]) == 0 || strcmp(w, month_names[m][1]) == 0)
			return m + 1;
	return 0;
}

static int weekday_of(const char *w)
{
	for (int d = 0; d < 7; d++)
		if (strcmp(w, day_names[d]) == 0)
			return d;
	return -1;
}

/* A number token of exactly n digits (value in *v). */
static int digits(const struct text_doc *doc, size_t i, size_t lo, size_t hi, int *v)
{
	if (doc->tok[i].kind != TEXT_NUMBER)
		return 0;
	size_t n = text_tok_len(doc, i);
	const char *s = text_tok_str(doc, i);
	if (n < lo || n > hi)
		return 0;
	int x = 0;
	for (size_t k = 0; k < n; k++) {
		if (s[k] < '0' || s[k] > '9')
			return 0;
		x = x * 10 + (s[k] - '0');
	}
	*v = x;
	return 1;
}

static int is_year(int y) { return y >= 1900 && y <= 2100; }

/* Days since 1970-01-01 of a civil date (Howard Hinnant's algorithm). */
static long days_from_civil(int y, int m, int d)
{
	y -= m <= 2;
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static void civil_from_days(long z, int *y, int *m, int *d)
{
	z += 719468;
	long era = (z >= 0 ? z : z - 146096) / 146097;
	long doe = z - era * 146097;
	long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long yy = yoe + era * 400;
	long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yy + (*m <= 2));
}

static int parse_published(const char *p, int *y, int *m, int *d)
{
	if (!p || strlen(p) < 10)
		return 0;
	if (sscanf(p, "%4d-%2d-%2d", y, m, d) != 3)
		return 0;
	return is_year(*y) && *m >= 1 && *m <= 12 && *d >= 1 && *d <= 31;
}

/* Parses a date expression starting at token i; fills out and returns the
 * number of tokens it covers, or 0. */
struct pub {
	int have, y, m, d;
};

static size_t parse_at(struct arena *a, const struct text_doc *doc, const char *const *words,
		       size_t i, size_t s1, const struct pub *pb, const char **out)
{
	int havepub = pb->have, py = pb->y, pm = pb->m, pd = pb->d;
	int y = 0, mo = 0, d = 0;
	const char *w = words[i];
	if (doc->tok[i].kind != TEXT_NUMBER && !(w && w[0] >= 'a' && w[0] <= 'z' &&
						 (doc->tok[i].flags & TEXT_F_UPPER)))
		return 0;

	if (w && (mo = month_of(w)) != 0) {
		size_t j = i + 1;
		/* "may" is a month only before a day or a year */
		if (j < s1 && digits(doc, j, 1, 2, &d) && d >= 1 && d <= 31) {
			j++;
			if (j + 1 < s1 && words[j] == NULL && text_tok_str(doc, j)[0] == ',' &&
			    digits(doc, j + 1, 4, 4, &y) && is_year(y))
				j += 2;
			else if (j < s1 && digits(doc, j, 4, 4, &y) && is_year(y))
				j++;
			else
				y = 0;
		} else if (j < s1 && digits(doc, j, 4, 4, &y) && is_year(y)) {
			d = 0;
			j++;
		} else {
			d = 0;
			y = 0;
			if (mo == 5)
				return 0;
		}
		if (!y) {
			if (!havepub)
				return 0;
			y = mo > pm ? py - 1 : py;
		}
		*out = d ? arena_sprintf(a, "%04d-%02d-%02d", y, mo, d)
			 : arena_sprintf(a, "%04d-%02d", y, mo);
		return j - i;
	}
	if (w && weekday_of(w) >= 0) {
		if (!havepub)
			return 0;
		long pub = days_from_civil(py, pm, pd);
		int pubwd = (int)(((pub % 7) + 7 + 3) % 7); /* 1970-01-01 was a Thursday */
		int back = (pubwd - weekday_of(w) + 7) % 7;
		civil_from_days(pub - back, &y, &mo, &d);
		*out = arena_sprintf(a, "%04d-%02d-%02d", y, mo, d);
		return 1;
	}
	if (digits(doc, i, 4, 4, &y) && is_year(y)) {
		/* "22 February 2022" is read from the month; a bare year stands alone */
		*out = arena_sprintf(a, "%04d", y);
		return 1;
	}
	return 0;
}

const char *claims_date_find(struct arena *a, const struct text_doc *doc,
			     const char *const *words, size_t s0, size_t s1, size_t trig,
			     size_t maxdist, const char *published)
{
	struct pub pb = { 0, 0, 0, 0 };
	pb.have = parse_published(published, &pb.y, &pb.m, &pb.d);
	const char *d = NULL;
	/* the act's time follows it in its clause ("annexed Crimea in 2014") */
	for (size_t i = trig + 1; i < s1 && i <= trig + maxdist; i++) {
		d = NULL;
		if (parse_at(a, doc, words, i, s1, &pb, &d) && d)
			return d;
	}
	/* or comes right before it ("the September 2022 annexation") */
	for (size_t i = trig > s0 + 3 ? trig - 3 : s0; i < trig; i++) {
		d = NULL;
		size_t n = parse_at(a, doc, words, i, trig, &pb, &d);
		if (n && d && i + n >= trig - 1)
			return d;
		if (n)
			i += n - 1;
	}
	/* or opens the sentence ("In 2014, Russia annexed Crimea") */
	for (size_t i = s0; i < trig && i < s0 + 4; i++) {
		d = NULL;
		size_t n = parse_at(a, doc, words, i, trig, &pb, &d);
		if (n && d && i + n < trig && doc->tok[i + n].kind == TEXT_PUNCT &&
		    doc->text[doc->tok[i + n].start] == ',') {
			/* it dates the first clause only */
			for (size_t k = i + n + 1; k < trig; k++)
				if (doc->tok[k].kind == TEXT_PUNCT &&
				    (doc->text[doc->tok[k].start] == ',' || doc->text[doc->tok[k].start] == ';'))
					return NULL;
			return d;
		}
		if (n)
			i += n - 1;
	}
	return NULL;
}
