/* Article extraction from HTML. One linear pass of a tolerant scanner turns
 * the page into text blocks (one per paragraph-like element) annotated with
 * their place in the element tree; the body is then taken from, in order of
 * trust: schema.org JSON-LD articleBody, the <article> element, <main>, and
 * the subtree densest in <p> text. Must not allocate per token, recurse on
 * page structure, or read past its input. */
#include "enricher/html.h"

#include <errno.h>
#include <iconv.h>
#include <jansson.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define HTML_MAX_DEPTH 256
#define HTML_SNIFF_BYTES 4096
#define HTML_LD_MAX_DEPTH 24

/* ------------------------------------------------------------------ UTF-8 */

static size_t utf8_put(char *d, uint32_t cp)
{
	if (cp < 0x80) {
		d[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		d[0] = (char)(0xC0 | (cp >> 6));
		d[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		d[0] = (char)(0xE0 | (cp >> 12));
		d[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		d[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	d[0] = (char)(0xF0 | (cp >> 18));
	d[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
	d[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
	d[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}

/* Length of the valid UTF-8 sequence at s (1..4), or 0 when invalid. */
static size_t utf8_seq(const unsigned char *s, size_t n)
{
	unsigned c = s[0];
	if (c < 0x80)
		return 1;
	if (c >= 0xC2 && c <= 0xDF)
		return n >= 2 && (s[1] & 0xC0) == 0x80 ? 2 : 0;
	if (c >= 0xE0 && c <= 0xEF) {
		if (n < 3 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80)
			return 0;
		if (c == 0xE0 && s[1] < 0xA0)
			return 0; /* overlong */
		if (c == 0xED && s[1] >= 0xA0)
			return 0; /* surrogate */
		return 3;
	}
	if (c >= 0xF0 && c <= 0xF4) {
		if (n < 4 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80 || (s[3] & 0xC0) != 0x80)
			return 0;
		if (c == 0xF0 && s[1] < 0x90)
			return 0;
		if (c == 0xF4 && s[1] >= 0x90)
			return 0;
		return 4;
	}
	return 0;
}

int html_utf8_valid(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;
	while (i < n) {
		size_t k = utf8_seq(p + i, n - i);
		if (!k)
			return 0;
		i += k;
	}
	return 1;
}

/* Copy of s with each invalid byte replaced by U+FFFD; malloc'd. */
static char *utf8_repair(const char *s, size_t n, size_t *out_len)
{
	if (n > (SIZE_MAX - 1) / 3)
		return NULL;
	char *d = malloc(3 * n + 1);
	if (!d)
		return NULL;
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, o = 0;
	while (i < n) {
		size_t k = utf8_seq(p + i, n - i);
		if (k) {
			memcpy(d + o, s + i, k);
			o += k;
			i += k;
		} else {
			o += utf8_put(d + o, 0xFFFD);
			i++;
		}
	}
	d[o] = '\0';
	*out_len = o;
	return d;
}

/* ---------------------------------------------------------------- charset */

static int lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

static int is_ws(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

/* Copies a charset label, trimmed of quotes and spaces, into buf. */
static int copy_label(const char *s, size_t n, char *buf, size_t bn)
{
	while (n && (is_ws((unsigned char)*s) || *s == '"' || *s == '\'')) {
		s++;
		n--;
	}
	size_t k = 0;
	while (k < n && !is_ws((unsigned char)s[k]) && s[k] != '"' && s[k] != '\'' && s[k] != ';' &&
	       s[k] != ',')
		k++;
	if (k == 0 || k >= bn)
		return -1;
	memcpy(buf, s, k);
	buf[k] = '\0';
	return 0;
}

/* Finds "charset=" in s[0..n) (case-insensitive) and copies its value. */
static int find_charset_param(const char *s, size_t n, char *buf, size_t bn)
{
	for (size_t i = 0; i + 8 <= n; i++) {
		if (strncasecmp(s + i, "charset", 7) != 0)
			continue;
		size_t j = i + 7;
		while (j < n && is_ws((unsigned char)s[j]))
			j++;
		if (j < n && s[j] == '=')
			return copy_label(s + j + 1, n - j - 1, buf, bn);
	}
	return -1;
}

int html_charset_from_content_type(const char *content_type, char *buf, size_t n)
{
	if (!content_type)
		return -1;
	return find_charset_param(content_type, strlen(content_type), buf, n);
}

/* The name iconv knows for a label, following the WHATWG Encoding spec where
 * it differs from the label (Latin-1 and ASCII mean windows-1252). NULL for
 * UTF-8, which needs no conversion. */
static const char *charset_canonical(const char *label)
{
	static const struct {
		const char *label, *name;
	} map[] = {
		{"utf-8", NULL}, {"utf8", NULL}, {"unicode-1-1-utf-8", NULL},
		{"iso-8859-1", "WINDOWS-1252"}, {"iso8859-1", "WINDOWS-1252"},
		{"iso_8859-1", "WINDOWS-1252"}, {"latin1", "WINDOWS-1252"},
		{"l1", "WINDOWS-1252"}, {"us-ascii", "WINDOWS-1252"}, {"ascii", "WINDOWS-1252"},
		{"cp1252", "WINDOWS-1252"}, {"windows-1252", "WINDOWS-1252"},
		{"x-cp1252", "WINDOWS-1252"}, {"iso-8859-9", "WINDOWS-1254"},
		{"latin5", "WINDOWS-1254"}, {"tis-620", "WINDOWS-874"},
		{"iso-8859-11", "WINDOWS-874"}, {"gb2312", "GBK"}, {"x-sjis", "SHIFT_JIS"},
	};
	for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
		if (strcasecmp(label, map[i].label) == 0)
			return map[i].name;
	return label;
}

struct attr {
	const char *v; /* raw value, entities not decoded */
	size_t n;
	int present;
};

enum attr_id {
	A_CLASS, A_ID, A_ROLE, A_TYPE, A_PROPERTY, A_NAME, A_CONTENT, A_ITEMPROP,
	A_CHARSET, A_HTTP_EQUIV, A_HIDDEN, A_ARIA_HIDDEN, A_STYLE, A_DATETIME,
	A_COUNT
};

static const char *const attr_names[A_COUNT] = {
	"class", "id", "role", "type", "property", "name", "content", "itemprop",
	"charset", "http-equiv", "hidden", "aria-hidden", "style", "datetime",
};

/* Parses the attributes of a tag from s[i] up to '>' (or the end), keeping
 * the ones in attr_names. Returns the index just past '>'. *self_closing
 * tells whether the tag ended in "/>". */
static size_t parse_attrs(const char *s, size_t n, size_t i, struct attr *at, int *self_closing)
{
	memset(at, 0, sizeof(struct attr) * A_COUNT);
	*self_closing = 0;
	while (i < n) {
		while (i < n && (is_ws((unsigned char)s[i]) || s[i] == '/')) {
			if (s[i] == '/' && i + 1 < n && s[i + 1] == '>')
				*self_closing = 1;
			i++;
		}
		if (i >= n)
			break;
		if (s[i] == '>')
			return i + 1;
		size_t ns = i;
		while (i < n && !is_ws((unsigned char)s[i]) && s[i] != '/' && s[i] != '>' && s[i] != '=')
			i++;
		if (i == ns)
			i++; /* a stray '=' */
		size_t nl = i - ns;
		while (i < n && is_ws((unsigned char)s[i]))
			i++;
		const char *v = NULL;
		size_t vn = 0;
		if (i < n && s[i] == '=') {
			i++;
			while (i < n && is_ws((unsigned char)s[i]))
				i++;
			if (i < n && (s[i] == '"' || s[i] == '\'')) {
				char q = s[i++];
				const char *e = memchr(s + i, q, n - i);
				size_t end = e ? (size_t)(e - s) : n;
				v = s + i;
				vn = end - i;
				i = e ? end + 1 : n;
			} else {
				size_t vs = i;
				while (i < n && !is_ws((unsigned char)s[i]) && s[i] != '>')
					i++;
				v = s + vs;
				vn = i - vs;
			}
		}
		for (int k = 0; k < A_COUNT && nl; k++) {
			if (!at[k].present && lower((unsigned char)s[ns]) == attr_names[k][0] &&
			    strlen(attr_names[k]) == nl &&
			    strncasecmp(attr_names[k], s + ns, nl) == 0) {
				at[k].present = 1;
				at[k].v = v ? v : "";
				at[k].n = vn;
				break;
			}
		}
	}
	return n;
}

static int attr_is(const struct attr *a, const char *lit)
{
	size_t n = a->n;
	const char *v = a->v;
	while (n && is_ws((unsigned char)*v)) {
		v++;
		n--;
	}
	while (n && is_ws((unsigned char)v[n - 1]))
		n--;
	return a->present && strlen(lit) == n && strncasecmp(v, lit, n) == 0;
}

/* <meta charset> or <meta http-equiv=content-type content="...charset=">
 * within the first bytes of the page. */
static int sniff_meta_charset(const char *s, size_t n, char *buf, size_t bn)
{
	if (n > HTML_SNIFF_BYTES)
		n = HTML_SNIFF_BYTES;
	for (size_t i = 0; i + 5 < n; i++) {
		if (s[i] != '<' || strncasecmp(s + i + 1, "meta", 4) != 0 ||
		    !(is_ws((unsigned char)s[i + 5]) || s[i + 5] == '/'))
			continue;
		struct attr at[A_COUNT];
		int sc;
		size_t end = parse_attrs(s, n, i + 5, at, &sc);
		if (at[A_CHARSET].present && copy_label(at[A_CHARSET].v, at[A_CHARSET].n, buf, bn) == 0)
			return 0;
		if (attr_is(&at[A_HTTP_EQUIV], "content-type") && at[A_CONTENT].present &&
		    find_charset_param(at[A_CONTENT].v, at[A_CONTENT].n, buf, bn) == 0)
			return 0;
		i = end - 1;
	}
	return -1;
}

/* Converts with iconv from the named charset; malloc'd, valid UTF-8. NULL
 * when the charset is unknown to iconv or memory runs out (*unknown tells
 * which). */
static char *iconv_to_utf8(const char *in, size_t n, const char *name, size_t *out_len, int *unknown)
{
	*unknown = 0;
	iconv_t cd = iconv_open("UTF-8", name);
	if (cd == (iconv_t)-1) {
		*unknown = 1;
		return NULL;
	}
	/* One input byte never yields more than 3 output bytes (U+FFFD for a
	 * bad byte; a BMP character from one byte); 4 bytes come from >= 2. */
	if (n > (SIZE_MAX - 16) / 3) {
		iconv_close(cd);
		return NULL;
	}
	size_t cap = 3 * n + 16;
	char *out = malloc(cap);
	if (!out) {
		iconv_close(cd);
		return NULL;
	}
	char *ip = (char *)in, *op = out;
	size_t il = n, ol = cap - 1;
	while (il > 0) {
		size_t r = iconv(cd, &ip, &il, &op, &ol);
		if (r != (size_t)-1)
			break;
		if ((errno == EILSEQ || errno == EINVAL) && ol >= 3) {
			/* Undecodable or truncated input: one replacement character per
			 * byte, then carry on after it. */
			size_t k = utf8_put(op, 0xFFFD);
			op += k;
			ol -= k;
			ip++;
			il--;
			iconv(cd, NULL, NULL, NULL, NULL);
			continue;
		}
		break; /* E2BIG cannot happen with this cap; stop rather than loop */
	}
	iconv_close(cd);
	size_t len = (size_t)(op - out);
	out[len] = '\0';
	if (!html_utf8_valid(out, len)) {
		size_t rl;
		char *r = utf8_repair(out, len, &rl);
		free(out);
		if (!r)
			return NULL;
		out = r;
		len = rl;
	}
	*out_len = len;
	return out;
}

/* The page as valid UTF-8: malloc'd, or in itself (*borrowed set) when it
 * already is UTF-8. Not NUL-terminated. sniff_meta: look for <meta charset>. */
static char *to_utf8(const char *in, size_t n, const char *charset, int sniff_meta, size_t *out_len,
		     int *borrowed)
{
	*borrowed = 0;
	char label[64];
	const char *name = NULL;
	int have = 0;
	const unsigned char *u = (const unsigned char *)in;
	/* A byte order mark outranks everything, as in browsers. */
	if (n >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF) {
		in += 3;
		n -= 3;
		have = 1;
	} else if (n >= 2 && u[0] == 0xFF && u[1] == 0xFE) {
		name = "UTF-16LE";
		in += 2;
		n -= 2;
		have = 1;
	} else if (n >= 2 && u[0] == 0xFE && u[1] == 0xFF) {
		name = "UTF-16BE";
		in += 2;
		n -= 2;
		have = 1;
	}
	if (!have && charset && *charset && strlen(charset) < sizeof label) {
		snprintf(label, sizeof label, "%s", charset);
		name = charset_canonical(label);
		have = 1;
	}
	if (!have && sniff_meta && sniff_meta_charset(in, n, label, sizeof label) == 0) {
		name = charset_canonical(label);
		/* A page that says UTF-16 in ASCII-compatible bytes is not UTF-16. */
		if (name && strncasecmp(name, "utf-16", 6) == 0)
			name = NULL;
		have = 1;
	}
	if (!have && !html_utf8_valid(in, n))
		name = "WINDOWS-1252";
	if (name) {
		int unknown;
		char *r = iconv_to_utf8(in, n, name, out_len, &unknown);
		if (r || !unknown)
			return r;
		/* A label iconv does not know: guess as if none was given. */
		if (!html_utf8_valid(in, n))
			return iconv_to_utf8(in, n, "WINDOWS-1252", out_len, &unknown);
	}
	if (html_utf8_valid(in, n)) {
		/* Already what is wanted: no copy (the caller must not free it). */
		*out_len = n;
		*borrowed = 1;
		return (char *)in;
	}
	return utf8_repair(in, n, out_len);
}

int html_to_utf8(struct arena *a, const char *in, size_t n, const char *charset,
		 char **out, size_t *out_len, struct enr_error *err)
{
	size_t len = 0;
	int borrowed;
	char *t = to_utf8(in, n, charset, 0, &len, &borrowed);
	if (!t)
		return enr_error_set(err, ENR_ENOMEM, "out of memory converting the page to UTF-8");
	*out = arena_strndup(a, t, len);
	if (!borrowed)
		free(t);
	if (!*out)
		return enr_error_set(err, ENR_ENOMEM, "out of memory");
	*out_len = len;
	return 0;
}

/* --------------------------------------------------------------- entities */

struct entity {
	const char *name;
	uint32_t cp;
};

/* Latin-1 names, U+00A0..U+00FF in order. */
static const char *const latin1_names[96] = {
	"nbsp", "iexcl", "cent", "pound", "curren", "yen", "brvbar", "sect", "uml", "copy",
	"ordf", "laquo", "not", "shy", "reg", "macr", "deg", "plusmn", "sup2", "sup3",
	"acute", "micro", "para", "middot", "cedil", "sup1", "ordm", "raquo", "frac14",
	"frac12", "frac34", "iquest", "Agrave", "Aacute", "Acirc", "Atilde", "Auml", "Aring",
	"AElig", "Ccedil", "Egrave", "Eacute", "Ecirc", "Euml", "Igrave", "Iacute", "Icirc",
	"Iuml", "ETH", "Ntilde", "Ograve", "Oacute", "Ocirc", "Otilde", "Ouml", "times",
	"Oslash", "Ugrave", "Uacute", "Ucirc", "Uuml", "Yacute", "THORN", "szlig", "agrave",
	"aacute", "acirc", "atilde", "auml", "aring", "aelig", "ccedil", "egrave", "eacute",
	"ecirc", "euml", "igrave", "iacute", "icirc", "iuml", "eth", "ntilde", "ograve",
	"oacute", "ocirc", "otilde", "ouml", "divide", "oslash", "ugrave", "uacute", "ucirc",
	"uuml", "yacute", "thorn", "yuml",
};

static const struct entity other_entities[] = {
	{"quot", 34}, {"amp", 38}, {"apos", 39}, {"lt", 60}, {"gt", 62},
	{"OElig", 338}, {"oelig", 339}, {"Scaron", 352}, {"scaron", 353}, {"Yuml", 376},
	{"fnof", 402}, {"circ", 710}, {"tilde", 732}, {"ensp", 8194}, {"emsp", 8195},
	{"thinsp", 8201}, {"zwnj", 8204}, {"zwj", 8205}, {"lrm", 8206}, {"rlm", 8207},
	{"hyphen", 8208}, {"dash", 8208}, {"ndash", 8211}, {"mdash", 8212}, {"lsquo", 8216},
	{"rsquo", 8217}, {"rsquor", 8217}, {"sbquo", 8218}, {"ldquo", 8220}, {"rdquo", 8221},
	{"bdquo", 8222}, {"dagger", 8224}, {"Dagger", 8225}, {"bull", 8226}, {"hellip", 8230},
	{"permil", 8240}, {"prime", 8242}, {"Prime", 8243}, {"lsaquo", 8249}, {"rsaquo", 8250},
	{"oline", 8254}, {"frasl", 8260}, {"euro", 8364}, {"trade", 8482}, {"larr", 8592},
	{"uarr", 8593}, {"rarr", 8594}, {"darr", 8595}, {"harr", 8596}, {"minus", 8722},
	{"infin", 8734}, {"asymp", 8776}, {"ne", 8800}, {"le", 8804}, {"ge", 8805},
	{"ZeroWidthSpace", 8203}, {"NonBreakingSpace", 160}, {"half", 189},
	{"Cacute", 262}, {"cacute", 263}, {"Ccaron", 268}, {"ccaron", 269}, {"Dcaron", 270},
	{"dcaron", 271}, {"Dstrok", 272}, {"dstrok", 273}, {"eogon", 281}, {"Eogon", 280},
	{"ecaron", 283}, {"Ecaron", 282}, {"Gbreve", 286}, {"gbreve", 287}, {"Idot", 304},
	{"imath", 305}, {"inodot", 305}, {"Lstrok", 321}, {"lstrok", 322}, {"Nacute", 323},
	{"nacute", 324}, {"Ncaron", 327}, {"ncaron", 328}, {"Rcaron", 344}, {"rcaron", 345},
	{"Sacute", 346}, {"sacute", 347}, {"Scedil", 350}, {"scedil", 351}, {"Tcaron", 356},
	{"tcaron", 357}, {"Uring", 366}, {"uring", 367}, {"Zacute", 377}, {"zacute", 378},
	{"Zdot", 379}, {"zdot", 380}, {"Zcaron", 381}, {"zcaron", 382}, {"aogon", 261},
	{"Aogon", 260}, {"Amacr", 256}, {"amacr", 257}, {"Omacr", 332}, {"omacr", 333},
	{"Umacr", 362}, {"umacr", 363}, {"Emacr", 274}, {"emacr", 275},
};

static const char *const greek_lower[] = {
	"alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta", "iota",
	"kappa", "lambda", "mu", "nu", "xi", "omicron", "pi", "rho", "sigmaf", "sigma",
	"tau", "upsilon", "phi", "chi", "psi", "omega",
};

static uint32_t entity_lookup(const char *s, size_t n)
{
	for (size_t i = 0; i < 96; i++)
		if (latin1_names[i][0] == s[0] && strlen(latin1_names[i]) == n && memcmp(latin1_names[i], s, n) == 0)
			return 0xA0 + (uint32_t)i;
	for (size_t i = 0; i < sizeof other_entities / sizeof other_entities[0]; i++)
		if (other_entities[i].name[0] == s[0] && strlen(other_entities[i].name) == n && memcmp(other_entities[i].name, s, n) == 0)
			return other_entities[i].cp;
	for (size_t i = 0; i < sizeof greek_lower / sizeof greek_lower[0]; i++) {
		const char *g = greek_lower[i];
		if (strlen(g) != n)
			continue;
		if (memcmp(g, s, n) == 0)
			return 945 + (uint32_t)i;
		/* Capital: same name with a capital first letter; no final sigma. */
		if (s[0] == g[0] - 32 && memcmp(g + 1, s + 1, n - 1) == 0 && i != 17)
			return 913 + (uint32_t)i;
	}
	return 0;
}

/* windows-1252 meanings of &#128;..&#159;, as the HTML spec reads them. */
static const uint16_t c1_remap[32] = {
	0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
	0x2039, 0x0152, 0x8D, 0x017D, 0x8F, 0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
	0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D, 0x017E, 0x0178,
};

/* Decodes the character reference at s[0] == '&'. Returns the bytes it
 * spans (0: not a reference, take '&' literally) and sets *cp. */
static size_t decode_entity(const char *s, size_t n, uint32_t *cp)
{
	if (n < 3)
		return 0;
	if (s[1] == '#') {
		size_t i = 2;
		int hex = 0;
		if (i < n && (s[i] == 'x' || s[i] == 'X')) {
			hex = 1;
			i++;
		}
		size_t ds = i;
		uint32_t v = 0;
		for (; i < n; i++) {
			int c = (unsigned char)s[i], d;
			if (c >= '0' && c <= '9')
				d = c - '0';
			else if (hex && lower(c) >= 'a' && lower(c) <= 'f')
				d = lower(c) - 'a' + 10;
			else
				break;
			if (v <= 0x10FFFF)
				v = v * (hex ? 16 : 10) + (uint32_t)d;
		}
		if (i == ds)
			return 0;
		if (i < n && s[i] == ';')
			i++;
		if (v == 0 || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
			v = 0xFFFD;
		else if (v >= 0x80 && v <= 0x9F)
			v = c1_remap[v - 0x80];
		*cp = v;
		return i;
	}
	size_t i = 1;
	while (i < n && i < 34 &&
	       ((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= '0' && s[i] <= '9')))
		i++;
	size_t len = i - 1;
	if (len == 0)
		return 0;
	uint32_t v = entity_lookup(s + 1, len);
	if (v && i < n && s[i] == ';') {
		*cp = v;
		return i + 1;
	}
	/* Without ';' only the oldest few are references, and they may run into
	 * the next word ("&lt3"), as browsers read them. */
	static const char *const legacy[] = {"amp", "lt", "gt", "quot", "nbsp"};
	for (size_t k = 0; k < sizeof legacy / sizeof legacy[0]; k++) {
		size_t l = strlen(legacy[k]);
		if (l <= len && memcmp(legacy[k], s + 1, l) == 0) {
			*cp = entity_lookup(legacy[k], l);
			return 1 + l;
		}
	}
	return 0;
}

/* ------------------------------------------------------------------ sinks */

/* Text output with whitespace collapsed: runs of spaces become one space,
 * none at the start (from mark) and none at the end. Bounded by cap. */
struct sink {
	char *buf;
	size_t len, cap;
	size_t mark;     /* start of the current block */
	int space;       /* a space is pending before the next character */
};

static int is_space_cp(uint32_t cp)
{
	return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\f' || cp == 0xA0 ||
	       (cp >= 0x2000 && cp <= 0x200A) || cp == 0x202F || cp == 0x205F || cp == 0x3000;
}

static int is_dropped_cp(uint32_t cp)
{
	return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || cp == 0xAD || cp == 0x200B || cp == 0xFEFF;
}

static void sink_cp(struct sink *k, uint32_t cp)
{
	if (is_space_cp(cp)) {
		k->space = 1;
		return;
	}
	if (is_dropped_cp(cp))
		return;
	if (k->len + 5 > k->cap)
		return;
	if (k->space && k->len > k->mark)
		k->buf[k->len++] = ' ';
	k->space = 0;
	k->len += utf8_put(k->buf + k->len, cp);
}

/* Appends UTF-8 text s[0..n), decoding character references when ents. */
static void sink_text(struct sink *k, const char *s, size_t n, int ents)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0;
	while (i < n) {
		unsigned c = u[i];
		if (c == '&' && ents) {
			uint32_t cp;
			size_t used = decode_entity(s + i, n - i, &cp);
			if (used) {
				sink_cp(k, cp);
				i += used;
				continue;
			}
		}
		if (c > 0x20 && c < 0x7F) {
			/* Printable ASCII, the bulk of most pages: no decoding. */
			if (k->len + 2 > k->cap)
				return;
			if (k->space && k->len > k->mark)
				k->buf[k->len++] = ' ';
			k->space = 0;
			k->buf[k->len++] = (char)c;
			i++;
			continue;
		}
		if (c < 0x80) {
			sink_cp(k, c);
			i++;
			continue;
		}
		size_t q = utf8_seq(u + i, n - i);
		if (!q) { /* cannot happen on converted input; stay safe */
			i++;
			continue;
		}
		if (q == 2 && c == 0xC2 && (u[i + 1] == 0xA0 || u[i + 1] == 0xAD || u[i + 1] < 0xA0)) {
			sink_cp(k, u[i + 1]); /* nbsp, soft hyphen, C1 controls */
			i += 2;
			continue;
		}
		if (q == 3 && c == 0xE2 && u[i + 1] == 0x80 && u[i + 2] <= 0x8B) {
			sink_cp(k, 0x2000 + (u[i + 2] & 0x3F)); /* Unicode spaces, ZWSP */
			i += 3;
			continue;
		}
		if (q == 3 && c == 0xEF && u[i + 1] == 0xBB && u[i + 2] == 0xBF) {
			i += 3; /* BOM / zero width no-break space */
			continue;
		}
		if (k->len + q + 1 > k->cap)
			return;
		if (k->space && k->len > k->mark)
			k->buf[k->len++] = ' ';
		k->space = 0;
		memcpy(k->buf + k->len, s + i, q);
		k->len += q;
		i += q;
	}
}

/* Decoded, collapsed copy of an attribute value in the arena. */
static char *attr_text(struct arena *a, const struct attr *at)
{
	if (!at->present)
		return NULL;
	char *buf = arena_alloc(a, at->n + 8);
	if (!buf)
		return NULL;
	struct sink k = {buf, 0, at->n + 8, 0, 0};
	sink_text(&k, at->v, at->n, 1);
	buf[k.len] = '\0';
	return k.len ? buf : NULL;
}

/* ------------------------------------------------------------------- tags */

enum tag {
	T_OTHER = 0, T_A, T_ADDRESS, T_ARTICLE, T_ASIDE, T_AUDIO, T_BLOCKQUOTE, T_BODY, T_BR,
	T_BUTTON, T_CANVAS, T_CAPTION, T_CENTER, T_DD, T_DETAILS, T_DIALOG, T_DIV, T_DL, T_DT,
	T_FIELDSET, T_FIGCAPTION, T_FIGURE, T_FOOTER, T_FORM, T_H1, T_H2, T_H3, T_H4, T_H5, T_H6,
	T_HEAD, T_HEADER, T_HGROUP, T_HR, T_HTML, T_IFRAME, T_LEGEND, T_LI, T_MAIN, T_MAP,
	T_MATH, T_MENU, T_META, T_NAV, T_NOEMBED, T_NOFRAMES, T_NOSCRIPT, T_OBJECT, T_OL,
	T_OPTION, T_P, T_PLAINTEXT, T_PRE, T_SCRIPT, T_SECTION, T_SELECT, T_STYLE, T_SUMMARY,
	T_SVG, T_TABLE, T_TBODY, T_TD, T_TEMPLATE, T_TEXTAREA, T_TFOOT, T_TH, T_THEAD, T_TIME,
	T_TITLE, T_TR, T_UL, T_VIDEO, T_XMP,
	/* void elements */
	T_AREA, T_BASE, T_COL, T_EMBED, T_IMG, T_INPUT, T_LINK, T_PARAM, T_SOURCE, T_TRACK,
	T_WBR, T_COUNT
};

static const char *const tag_names[T_COUNT] = {
	[T_OTHER] = "", [T_A] = "a", [T_ADDRESS] = "address", [T_ARTICLE] = "article",
	[T_ASIDE] = "aside", [T_AUDIO] = "audio", [T_BLOCKQUOTE] = "blockquote", [T_BODY] = "body",
	[T_BR] = "br", [T_BUTTON] = "button", [T_CANVAS] = "canvas", [T_CAPTION] = "caption",
	[T_CENTER] = "center", [T_DD] = "dd", [T_DETAILS] = "details", [T_DIALOG] = "dialog",
	[T_DIV] = "div", [T_DL] = "dl", [T_DT] = "dt", [T_FIELDSET] = "fieldset",
	[T_FIGCAPTION] = "figcaption", [T_FIGURE] = "figure", [T_FOOTER] = "footer",
	[T_FORM] = "form", [T_H1] = "h1", [T_H2] = "h2", [T_H3] = "h3", [T_H4] = "h4",
	[T_H5] = "h5", [T_H6] = "h6", [T_HEAD] = "head", [T_HEADER] = "header",
	[T_HGROUP] = "hgroup", [T_HR] = "hr", [T_HTML] = "html", [T_IFRAME] = "iframe",
	[T_LEGEND] = "legend", [T_LI] = "li", [T_MAIN] = "main", [T_MAP] = "map",
	[T_MATH] = "math", [T_MENU] = "menu", [T_META] = "meta", [T_NAV] = "nav",
	[T_NOEMBED] = "noembed", [T_NOFRAMES] = "noframes", [T_NOSCRIPT] = "noscript",
	[T_OBJECT] = "object", [T_OL] = "ol", [T_OPTION] = "option", [T_P] = "p",
	[T_PLAINTEXT] = "plaintext", [T_PRE] = "pre", [T_SCRIPT] = "script",
	[T_SECTION] = "section", [T_SELECT] = "select", [T_STYLE] = "style",
	[T_SUMMARY] = "summary", [T_SVG] = "svg", [T_TABLE] = "table", [T_TBODY] = "tbody",
	[T_TD] = "td", [T_TEMPLATE] = "template", [T_TEXTAREA] = "textarea",
	[T_TFOOT] = "tfoot", [T_TH] = "th", [T_THEAD] = "thead", [T_TIME] = "time",
	[T_TITLE] = "title", [T_TR] = "tr", [T_UL] = "ul", [T_VIDEO] = "video", [T_XMP] = "xmp",
	[T_AREA] = "area", [T_BASE] = "base", [T_COL] = "col", [T_EMBED] = "embed",
	[T_IMG] = "img", [T_INPUT] = "input", [T_LINK] = "link", [T_PARAM] = "param",
	[T_SOURCE] = "source", [T_TRACK] = "track", [T_WBR] = "wbr",
};

static uint32_t name_hash(const char *s, size_t n)
{
	uint32_t h = 2166136261u;
	for (size_t i = 0; i < n; i++)
		h = (h ^ (uint32_t)lower((unsigned char)s[i])) * 16777619u;
	return h;
}

static enum tag tag_lookup(const char *s, size_t n)
{
	char b[16];
	if (n == 0 || n >= sizeof b)
		return T_OTHER;
	for (size_t i = 0; i < n; i++)
		b[i] = (char)lower((unsigned char)s[i]);
	b[n] = '\0';
	/* Linear over ~85 short names, compared on the first byte first. */
	for (int t = 1; t < T_COUNT; t++)
		if (tag_names[t][0] == b[0] && strcmp(tag_names[t], b) == 0)
			return (enum tag)t;
	return T_OTHER;
}

static int tag_void(enum tag t)
{
	return t >= T_AREA || t == T_BR || t == T_HR || t == T_META;
}

/* Elements whose content is raw text up to their end tag. */
static int tag_raw(enum tag t)
{
	return t == T_SCRIPT || t == T_STYLE || t == T_TEXTAREA || t == T_TITLE || t == T_XMP ||
	       t == T_IFRAME || t == T_NOEMBED || t == T_NOFRAMES || t == T_NOSCRIPT ||
	       t == T_PLAINTEXT;
}

/* Elements whose text is never article text. */
static int tag_skip(enum tag t, int skip_forms)
{
	switch (t) {
	case T_HEAD: case T_NAV: case T_HEADER: case T_FOOTER: case T_ASIDE: case T_BUTTON:
	case T_SELECT: case T_OPTION: case T_SVG: case T_MATH: case T_CANVAS: case T_OBJECT:
	case T_VIDEO: case T_AUDIO: case T_MAP: case T_DIALOG: case T_MENU: case T_FIGURE:
	case T_FIGCAPTION: case T_TEMPLATE: case T_FIELDSET: case T_LEGEND:
		return 1;
	case T_FORM:
		return skip_forms;
	default:
		return 0;
	}
}

/* Elements that start and end a block of text. */
static int tag_block(enum tag t)
{
	switch (t) {
	case T_ADDRESS: case T_ARTICLE: case T_ASIDE: case T_BLOCKQUOTE: case T_BODY:
	case T_CAPTION: case T_CENTER: case T_DD: case T_DETAILS: case T_DIALOG: case T_DIV:
	case T_DL: case T_DT: case T_FIELDSET: case T_FIGCAPTION: case T_FIGURE: case T_FOOTER:
	case T_FORM: case T_H1: case T_H2: case T_H3: case T_H4: case T_H5: case T_H6:
	case T_HEADER: case T_HGROUP: case T_HR: case T_HTML: case T_LEGEND: case T_LI:
	case T_MAIN: case T_MENU: case T_NAV: case T_OL: case T_P: case T_PRE: case T_SECTION:
	case T_SUMMARY: case T_TABLE: case T_TBODY: case T_TD: case T_TFOOT: case T_TH:
	case T_THEAD: case T_TR: case T_UL: case T_OPTION: case T_SELECT: case T_BUTTON:
		return 1;
	default:
		return 0;
	}
}

/* Elements that group paragraphs, scored for text density. */
static int tag_container(enum tag t)
{
	return t == T_DIV || t == T_SECTION || t == T_ARTICLE || t == T_MAIN || t == T_BODY ||
	       t == T_TD || t == T_TH || t == T_CENTER || t == T_HTML;
}

/* ------------------------------------------------------- class/id signals */

/* Names in class and id that mark page furniture rather than the story. */
static int noise_token(const char *t, size_t n)
{
	static const char *const prefix[] = {
		"cookie", "consent", "gdpr", "newsletter", "subscri", "social", "sharing",
		"recommend", "promo", "advert", "sponsor", "sidebar", "breadcrumb", "popup",
		"paywall", "byline", "outbrain", "taboola", "disqus", "navbar", "toolbar",
		"masthead", "dropdown", "skiplink", "instagram", "tiktok",
	};
	static const char *const exact[] = {
		"share", "shares", "sharebar", "related", "comments", "comment", "ad", "ads",
		"adslot", "nav", "menu", "modal", "footer", "banner", "hidden", "signup", "tags",
		"widget", "cta", "caption", "timestamp", "dateline", "author", "tweet",
	};
	for (size_t i = 0; i < sizeof prefix / sizeof prefix[0]; i++) {
		size_t pl = strlen(prefix[i]);
		if (n >= pl && strncasecmp(t, prefix[i], pl) == 0)
			return 1;
	}
	for (size_t i = 0; i < sizeof exact / sizeof exact[0]; i++)
		if (strlen(exact[i]) == n && strncasecmp(t, exact[i], n) == 0)
			return 1;
	return 0;
}

static int attr_has_noise(const struct attr *at)
{
	if (!at->present)
		return 0;
	size_t i = 0;
	while (i < at->n) {
		while (i < at->n && !((at->v[i] >= 'a' && at->v[i] <= 'z') ||
				      (at->v[i] >= 'A' && at->v[i] <= 'Z') ||
				      (at->v[i] >= '0' && at->v[i] <= '9')))
			i++;
		size_t s = i;
		while (i < at->n && ((at->v[i] >= 'a' && at->v[i] <= 'z') ||
				     (at->v[i] >= 'A' && at->v[i] <= 'Z') ||
				     (at->v[i] >= '0' && at->v[i] <= '9')))
			i++;
		if (i > s && noise_token(at->v + s, i - s))
			return 1;
	}
	return 0;
}

static int attr_contains(const struct attr *at, const char *lit)
{
	size_t l = strlen(lit);
	if (!at->present || at->n < l)
		return 0;
	for (size_t i = 0; i + l <= at->n; i++)
		if (strncasecmp(at->v + i, lit, l) == 0)
			return 1;
	return 0;
}

static int hidden_by_style(const struct attr *st)
{
	if (!st->present)
		return 0;
	char b[128];
	size_t k = 0;
	for (size_t i = 0; i < st->n && k + 1 < sizeof b; i++)
		if (!is_ws((unsigned char)st->v[i]))
			b[k++] = (char)lower((unsigned char)st->v[i]);
	b[k] = '\0';
	return strstr(b, "display:none") || strstr(b, "visibility:hidden");
}

/* ---------------------------------------------------------------- scanner */

enum kind { K_LOOSE, K_P, K_H1, K_H, K_LI, K_QUOTE, K_PRE };

struct block {
	size_t off, len;   /* in the pool */
	size_t link;       /* bytes of it inside links */
	int node;          /* the element that owns it */
	int container;     /* nearest container element holding it */
	int article;       /* nearest <article> / articleBody element, 0: none */
	unsigned char kind, in_main;
};

struct node {
	int parent;
	double score;      /* paragraph text, for density */
	size_t art_len;    /* usable text, when an article element */
};

struct frame {
	enum tag tag;
	uint32_t hash;     /* of the name, to match end tags of unknown elements */
	int node;
	int container, article, block_node;
	unsigned char in_main, skip, link, block_kind;
};

struct scanner {
	const char *s;
	size_t n;
	struct arena *a;
	int skip_forms, skip_classes, want_meta;
	struct sink pool;
	size_t link_bytes;  /* of the current block */
	int br_run;
	struct block *blocks;
	size_t nblocks, cap_blocks;
	struct node *nodes;
	size_t nnodes, cap_nodes;
	struct frame stack[HTML_MAX_DEPTH];
	int depth;
	int skipping, linking;
	int oom;
	/* metadata, arena strings */
	char *og_title, *doc_title, *meta_date;
	char *ld_body, *ld_headline, *ld_date;
	size_t ld_body_len;
};

static struct frame *top(struct scanner *sc)
{
	return &sc->stack[sc->depth - 1];
}

static int new_node(struct scanner *sc, int parent)
{
	if (sc->nnodes == sc->cap_nodes) {
		size_t nc = sc->cap_nodes ? sc->cap_nodes * 2 : 256;
		struct node *p = realloc(sc->nodes, nc * sizeof *p);
		if (!p) {
			sc->oom = 1;
			return -1;
		}
		sc->nodes = p;
		sc->cap_nodes = nc;
	}
	sc->nodes[sc->nnodes].parent = parent;
	sc->nodes[sc->nnodes].score = 0;
	sc->nodes[sc->nnodes].art_len = 0;
	return (int)sc->nnodes++;
}

static enum kind kind_of(enum tag t)
{
	switch (t) {
	case T_P: return K_P;
	case T_H1: return K_H1;
	case T_H2: case T_H3: case T_H4: case T_H5: case T_H6: return K_H;
	case T_LI: case T_DD: case T_DT: return K_LI;
	case T_BLOCKQUOTE: return K_QUOTE;
	case T_PRE: return K_PRE;
	default: return K_LOOSE;
	}
}

/* Ends the current block of text: trims it and records it when not empty. */
static void flush(struct scanner *sc)
{
	struct sink *k = &sc->pool;
	k->space = 0;
	sc->br_run = 0;
	if (k->len == k->mark) {
		sc->link_bytes = 0;
		return;
	}
	if (sc->nblocks == sc->cap_blocks) {
		size_t nc = sc->cap_blocks ? sc->cap_blocks * 2 : 64;
		struct block *p = realloc(sc->blocks, nc * sizeof *p);
		if (!p) {
			sc->oom = 1;
			return;
		}
		sc->blocks = p;
		sc->cap_blocks = nc;
	}
	struct frame *f = top(sc);
	struct block *b = &sc->blocks[sc->nblocks++];
	b->off = k->mark;
	b->len = k->len - k->mark;
	b->link = sc->link_bytes < b->len ? sc->link_bytes : b->len;
	b->node = f->block_node;
	b->container = f->container;
	b->article = f->article;
	b->kind = f->block_kind;
	b->in_main = f->in_main;
	k->mark = k->len;
	sc->link_bytes = 0;
}

static void pop_to(struct scanner *sc, int d)
{
	/* d: the depth to leave (the element at index d and above are closed). */
	while (sc->depth > d && sc->depth > 1) {
		struct frame *f = top(sc);
		if (tag_block(f->tag))
			flush(sc);
		if (f->skip)
			sc->skipping--;
		if (f->link)
			sc->linking--;
		sc->depth--;
	}
}

/* Closes an open <p> (or <li>, ...) that a new block implicitly ends. */
static void close_implicit(struct scanner *sc, enum tag t)
{
	for (int d = sc->depth - 1; d >= 1; d--) {
		enum tag o = sc->stack[d].tag;
		if (o == T_P && tag_block(t)) {
			pop_to(sc, d);
			return;
		}
		if ((t == T_LI && o == T_LI) || ((t == T_DD || t == T_DT) && (o == T_DD || o == T_DT)) ||
		    ((t == T_TD || t == T_TH) && (o == T_TD || o == T_TH)) || (t == T_TR && o == T_TR) ||
		    (t == T_OPTION && o == T_OPTION)) {
			pop_to(sc, d);
			return;
		}
		/* Stop at anything that is not inline: an implicit end never
		 * reaches past an enclosing block. */
		if (tag_block(o))
			return;
	}
}

static void set_date(struct arena *a, char **dst, const char *s)
{
	if (*dst || !s)
		return;
	/* Accept YYYY-MM-DD or YYYY/MM/DD at the start, with sane ranges. */
	while (*s == ' ')
		s++;
	for (int i = 0; i < 10; i++) {
		char c = s[i];
		if (i == 4 || i == 7) {
			if (c != '-' && c != '/')
				return;
		} else if (c < '0' || c > '9') {
			return;
		}
	}
	if (s[10] >= '0' && s[10] <= '9')
		return;
	int y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
	int m = (s[5] - '0') * 10 + (s[6] - '0');
	int d = (s[8] - '0') * 10 + (s[9] - '0');
	if (y < 1800 || y > 2200 || m < 1 || m > 12 || d < 1 || d > 31)
		return;
	*dst = arena_sprintf(a, "%04d-%02d-%02d", y, m, d);
}

static void on_meta(struct scanner *sc, const struct attr *at)
{
	const struct attr *key = at[A_PROPERTY].present ? &at[A_PROPERTY]
				 : at[A_NAME].present  ? &at[A_NAME]
						       : &at[A_ITEMPROP];
	if (!key->present || !at[A_CONTENT].present)
		return;
	if (!sc->og_title && (attr_is(key, "og:title") || attr_is(key, "twitter:title")))
		sc->og_title = attr_text(sc->a, &at[A_CONTENT]);
	else if (attr_is(key, "article:published_time") || attr_is(key, "datePublished") ||
		 attr_is(key, "og:published_time") || attr_is(key, "pubdate") ||
		 attr_is(key, "publishdate") || attr_is(key, "dc.date") ||
		 attr_is(key, "dcterms.created") || attr_is(key, "parsely-pub-date") ||
		 attr_is(key, "sailthru.date") || attr_is(key, "date"))
		set_date(sc->a, &sc->meta_date, attr_text(sc->a, &at[A_CONTENT]));
}

static void jsonld(struct scanner *sc, const char *s, size_t n);

/* Handles a raw-text element's content s[0..n). */
static void on_raw(struct scanner *sc, enum tag t, const struct attr *at, const char *s, size_t n)
{
	if (!sc->want_meta)
		return;
	if (t == T_TITLE && !sc->doc_title) {
		struct attr v = {s, n, 1};
		sc->doc_title = attr_text(sc->a, &v);
	} else if (t == T_SCRIPT && at[A_TYPE].present && attr_contains(&at[A_TYPE], "ld+json")) {
		jsonld(sc, s, n);
	}
}

/* Finds the end tag "</name" of a raw-text element from i; returns the
 * index of its '<', or n. */
static size_t find_end_tag(const char *s, size_t n, size_t i, const char *name)
{
	size_t l = strlen(name);
	while (i < n) {
		const char *p = memchr(s + i, '<', n - i);
		if (!p)
			return n;
		size_t j = (size_t)(p - s);
		if (j + 2 + l <= n && s[j + 1] == '/' && strncasecmp(s + j + 2, name, l) == 0 &&
		    (j + 2 + l == n || is_ws((unsigned char)s[j + 2 + l]) || s[j + 2 + l] == '>' ||
		     s[j + 2 + l] == '/'))
			return j;
		i = j + 1;
	}
	return n;
}

static void start_tag(struct scanner *sc, enum tag t, uint32_t hash, const struct attr *at,
		      int self_closing)
{
	if (t == T_META) {
		if (sc->want_meta)
			on_meta(sc, at);
		return;
	}
	if (t == T_BR) {
		if (!sc->skipping)
			sc->br_run++;
		sc->pool.space = 1;
		return;
	}
	if (t == T_HR) {
		flush(sc);
		return;
	}
	if (t == T_TIME && sc->want_meta && at[A_DATETIME].present &&
	    (attr_is(&at[A_ITEMPROP], "datePublished") || attr_contains(&at[A_CLASS], "publish")))
		set_date(sc->a, &sc->meta_date, attr_text(sc->a, &at[A_DATETIME]));
	if (tag_void(t))
		return;
	close_implicit(sc, t);
	int body_like = t == T_HTML || t == T_BODY || t == T_MAIN || t == T_ARTICLE ||
			attr_is(&at[A_ITEMPROP], "articleBody");
	int skip = tag_skip(t, sc->skip_forms);
	if (sc->skip_classes && !body_like && !skip) {
		skip = attr_has_noise(&at[A_CLASS]) || attr_has_noise(&at[A_ID]) ||
		       at[A_HIDDEN].present || attr_is(&at[A_ARIA_HIDDEN], "true") ||
		       hidden_by_style(&at[A_STYLE]) || attr_is(&at[A_ROLE], "navigation") ||
		       attr_is(&at[A_ROLE], "banner") || attr_is(&at[A_ROLE], "contentinfo") ||
		       attr_is(&at[A_ROLE], "complementary") || attr_is(&at[A_ROLE], "dialog") ||
		       attr_is(&at[A_ROLE], "alertdialog") || attr_is(&at[A_ROLE], "search") ||
		       attr_is(&at[A_ROLE], "menu");
	}
	if (self_closing && t != T_P)
		return; /* "<div/>": no content to hold */
	if (tag_block(t))
		flush(sc);
	if (sc->depth >= HTML_MAX_DEPTH)
		return; /* deeper nesting is read as flat text */
	struct frame *p = top(sc);
	int id = new_node(sc, p->node);
	if (id < 0)
		return;
	struct frame *f = &sc->stack[sc->depth++];
	*f = *p;
	f->tag = t;
	f->hash = hash;
	f->node = id;
	f->skip = (unsigned char)(skip != 0);
	f->link = t == T_A;
	if (tag_container(t))
		f->container = id;
	if (t == T_ARTICLE || attr_is(&at[A_ITEMPROP], "articleBody") || attr_is(&at[A_ROLE], "article"))
		f->article = id;
	if (t == T_MAIN || attr_is(&at[A_ROLE], "main"))
		f->in_main = 1;
	if (tag_block(t)) {
		f->block_node = id;
		f->block_kind = (unsigned char)kind_of(t);
	}
	sc->skipping += f->skip;
	sc->linking += f->link;
}

static void end_tag(struct scanner *sc, enum tag t, uint32_t hash)
{
	if (t == T_BR) { /* "</br>" is read as <br> by browsers */
		sc->br_run++;
		sc->pool.space = 1;
		return;
	}
	for (int d = sc->depth - 1; d >= 1; d--) {
		if (sc->stack[d].tag == t && (t != T_OTHER || sc->stack[d].hash == hash)) {
			pop_to(sc, d);
			return;
		}
		/* An end tag does not close past a container it is not in
		 * (stray </p> inside a <div> started after it). */
		if (t == T_P && tag_container(sc->stack[d].tag))
			return;
	}
}

static void text(struct scanner *sc, const char *s, size_t n)
{
	if (sc->skipping || n == 0)
		return;
	size_t i = 0;
	while (i < n && is_ws((unsigned char)s[i]))
		i++;
	if (i == n) {
		sc->pool.space = 1;
		return;
	}
	if (sc->br_run >= 2)
		flush(sc); /* <br><br> separates paragraphs */
	sc->br_run = 0;
	size_t before = sc->pool.len;
	sink_text(&sc->pool, s, n, 1);
	if (sc->linking)
		sc->link_bytes += sc->pool.len - before;
}

/* Scans the whole document; blocks, nodes and metadata land in sc. */
static void scan(struct scanner *sc)
{
	const char *s = sc->s;
	size_t n = sc->n, i = 0;
	while (i < n && !sc->oom) {
		if (s[i] != '<') {
			const char *p = memchr(s + i, '<', n - i);
			size_t e = p ? (size_t)(p - s) : n;
			text(sc, s + i, e - i);
			i = e;
			continue;
		}
		if (i + 4 <= n && memcmp(s + i, "<!--", 4) == 0) {
			size_t j = i + 4;
			for (; j + 3 <= n; j++)
				if (memcmp(s + j, "-->", 3) == 0)
					break;
			i = j + 3 <= n ? j + 3 : n;
			continue;
		}
		if (i + 1 < n && (s[i + 1] == '!' || s[i + 1] == '?')) {
			const char *p = memchr(s + i, '>', n - i);
			i = p ? (size_t)(p - s) + 1 : n;
			continue;
		}
		int closing = i + 1 < n && s[i + 1] == '/';
		size_t ns = i + 1 + (size_t)closing;
		if (ns >= n || !((s[ns] >= 'a' && s[ns] <= 'z') || (s[ns] >= 'A' && s[ns] <= 'Z'))) {
			if (closing) { /* "</ " and the like: a bogus comment */
				const char *p = memchr(s + i, '>', n - i);
				i = p ? (size_t)(p - s) + 1 : n;
			} else {
				text(sc, s + i, 1);
				i++;
			}
			continue;
		}
		size_t ne = ns;
		while (ne < n && !is_ws((unsigned char)s[ne]) && s[ne] != '/' && s[ne] != '>')
			ne++;
		enum tag t = tag_lookup(s + ns, ne - ns);
		uint32_t hash = t == T_OTHER ? name_hash(s + ns, ne - ns) : 0;
		struct attr at[A_COUNT];
		int self_closing;
		size_t after = parse_attrs(s, n, ne, at, &self_closing);
		if (closing) {
			end_tag(sc, t, hash);
			i = after;
			continue;
		}
		if (tag_raw(t)) {
			size_t end = t == T_PLAINTEXT ? n : find_end_tag(s, n, after, tag_names[t]);
			on_raw(sc, t, at, s + after, end - after);
			if (t == T_NOSCRIPT || t == T_TEXTAREA || t == T_IFRAME || t == T_XMP ||
			    t == T_SCRIPT || t == T_STYLE)
				sc->pool.space = 1;
			i = end;
			if (i < n) {
				const char *p = memchr(s + i, '>', n - i);
				i = p ? (size_t)(p - s) + 1 : n;
			}
			continue;
		}
		start_tag(sc, t, hash, at, self_closing);
		i = after;
	}
	pop_to(sc, 1);
	flush(sc);
}

/* ---------------------------------------------------------------- JSON-LD */

static int ld_is_article_type(json_t *type)
{
	if (json_is_array(type)) {
		size_t i;
		json_t *v;
		json_array_foreach(type, i, v) {
			if (ld_is_article_type(v))
				return 1;
		}
		return 0;
	}
	const char *t = json_string_value(type);
	if (!t)
		return 0;
	size_t l = strlen(t);
	return (l >= 7 && strcmp(t + l - 7, "Article") == 0) || strcmp(t, "BlogPosting") == 0 ||
	       strcmp(t, "LiveBlogPosting") == 0 || strcmp(t, "Report") == 0;
}

static const char *ld_string(json_t *v)
{
	if (json_is_array(v))
		v = json_array_get(v, 0);
	if (json_is_object(v))
		v = json_object_get(v, "@value");
	return json_string_value(v);
}

static char *arena_str(struct arena *a, const char *s)
{
	return s ? arena_strndup(a, s, strlen(s)) : NULL;
}

static void ld_walk(struct scanner *sc, json_t *v, int depth)
{
	if (depth > HTML_LD_MAX_DEPTH)
		return;
	if (json_is_array(v)) {
		size_t i;
		json_t *e;
		json_array_foreach(v, i, e) {
			ld_walk(sc, e, depth + 1);
		}
		return;
	}
	if (!json_is_object(v))
		return;
	const char *body = json_string_value(json_object_get(v, "articleBody"));
	int art = ld_is_article_type(json_object_get(v, "@type"));
	const char *head = ld_string(json_object_get(v, "headline"));
	const char *date = ld_string(json_object_get(v, "datePublished"));
	if (body && strlen(body) > sc->ld_body_len) {
		sc->ld_body_len = strlen(body);
		sc->ld_body = arena_str(sc->a, body);
		if (head)
			sc->ld_headline = arena_str(sc->a, head);
		if (date) {
			sc->ld_date = NULL;
			set_date(sc->a, &sc->ld_date, date);
		}
	} else if (art || body) {
		if (head && !sc->ld_headline)
			sc->ld_headline = arena_str(sc->a, head);
		if (date && !sc->ld_date)
			set_date(sc->a, &sc->ld_date, date);
	}
	const char *key;
	json_t *e;
	json_object_foreach(v, key, e) {
		if (json_is_object(e) || json_is_array(e))
			ld_walk(sc, e, depth + 1);
	}
}

/* Parses one ld+json script. Raw control characters inside strings (which
 * some sites emit) are escaped first so the JSON parses. */
static void jsonld(struct scanner *sc, const char *s, size_t n)
{
	while (n && is_ws((unsigned char)*s)) {
		s++;
		n--;
	}
	if (n >= 4 && memcmp(s, "<!--", 4) == 0) {
		s += 4;
		n -= 4;
	}
	if (n > (SIZE_MAX - 1) / 2)
		return;
	char *buf = malloc(2 * n + 1);
	if (!buf)
		return;
	size_t o = 0;
	int in_str = 0, esc = 0;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (!in_str) {
			in_str = c == '"';
		} else if (esc) {
			esc = 0;
		} else if (c == '\\') {
			esc = 1;
		} else if (c == '"') {
			in_str = 0;
		} else if ((unsigned char)c < 0x20) {
			buf[o++] = '\\';
			buf[o++] = c == '\t' ? 't' : c == '\r' ? 'r' : 'n';
			continue;
		}
		buf[o++] = c;
	}
	while (o >= 3 && memcmp(buf + o - 3, "-->", 3) == 0)
		o -= 3;
	json_error_t jerr;
	json_t *root = json_loadb(buf, o, JSON_DECODE_ANY, &jerr);
	free(buf);
	if (!root)
		return;
	ld_walk(sc, root, 0);
	json_decref(root);
}

/* -------------------------------------------------------------- selection */

static size_t text_len(const struct block *b)
{
	return b->len - b->link;
}

/* Link-heavy blocks are menus, tag lists and "read more" lines. */
static int block_usable(const struct block *b)
{
	if (b->kind == K_H1)
		return 0;
	return b->link * 2 <= b->len;
}

static int has_ancestor(const struct scanner *sc, int node, int anc)
{
	for (int d = 0; node >= 0 && d < HTML_MAX_DEPTH + 1; d++) {
		if (node == anc)
			return 1;
		node = sc->nodes[node].parent;
	}
	return 0;
}

/* Joins the chosen blocks in document order; pick[i] says which. */
static int assemble(struct scanner *sc, const unsigned char *pick, char **out, size_t *out_len)
{
	size_t total = 1;
	for (size_t i = 0; i < sc->nblocks; i++)
		if (pick[i])
			total += sc->blocks[i].len + 2;
	char *t = arena_alloc(sc->a, total);
	if (!t)
		return -1;
	size_t o = 0;
	const struct block *prev = NULL;
	for (size_t i = 0; i < sc->nblocks; i++) {
		if (!pick[i])
			continue;
		const struct block *b = &sc->blocks[i];
		/* Drop a block repeated right after itself (mobile/desktop copies). */
		if (prev && prev->len == b->len &&
		    memcmp(sc->pool.buf + prev->off, sc->pool.buf + b->off, b->len) == 0)
			continue;
		if (o) {
			t[o++] = '\n';
			t[o++] = '\n';
		}
		memcpy(t + o, sc->pool.buf + b->off, b->len);
		o += b->len;
		prev = b;
	}
	t[o] = '\0';
	*out = t;
	*out_len = o;
	return 0;
}

/* Body text of one region: the blocks under the best <article>, under
 * <main>, or under the element densest in paragraph text. Sets *source. */
static int select_body(struct scanner *sc, char **out, size_t *out_len, const char **source)
{
	size_t nb = sc->nblocks;
	*out = NULL;
	*out_len = 0;
	*source = "none";
	unsigned char *pick = calloc(nb ? nb : 1, 1);
	if (!pick)
		return -1;
	/* Density: each paragraph scores its container fully and the container's
	 * parent by half, so paragraphs split over sibling wrappers still pull
	 * their common ancestor up. */
	for (size_t i = 0; i < sc->nnodes; i++) {
		sc->nodes[i].score = 0;
		sc->nodes[i].art_len = 0;
	}
	for (size_t i = 0; i < nb; i++) {
		const struct block *b = &sc->blocks[i];
		if ((b->kind != K_P && b->kind != K_PRE && b->kind != K_LOOSE) || !block_usable(b))
			continue;
		size_t tl = text_len(b);
		if (tl < (b->kind == K_P ? 25u : 80u))
			continue;
		double sc1 = (double)tl;
		int c = b->container;
		if (c >= 0) {
			sc->nodes[c].score += sc1;
			int gp = sc->nodes[c].parent;
			if (gp >= 0)
				sc->nodes[gp].score += sc1 / 2;
		}
	}
	int best = -1;
	for (size_t i = 0; i < sc->nnodes; i++)
		if (sc->nodes[i].score > 0 && (best < 0 || sc->nodes[i].score > sc->nodes[best].score))
			best = (int)i;
	double dens = best >= 0 ? sc->nodes[best].score : 0;

	/* <article>: the article element with the most usable text. */
	int best_art = -1;
	size_t best_art_len = 0, main_len = 0;
	for (size_t i = 0; i < nb; i++) {
		const struct block *b = &sc->blocks[i];
		if (!block_usable(b))
			continue;
		if (b->in_main)
			main_len += text_len(b);
		if (b->article > 0)
			sc->nodes[b->article].art_len += text_len(b);
	}
	for (size_t i = 1; i < sc->nnodes; i++)
		if (sc->nodes[i].art_len > best_art_len) {
			best_art_len = sc->nodes[i].art_len;
			best_art = (int)i;
		}
	if (best_art > 0 && (double)best_art_len >= 0.25 * dens) {
		for (size_t i = 0; i < nb; i++)
			pick[i] = sc->blocks[i].article == best_art && block_usable(&sc->blocks[i]);
		*source = "article";
	} else if (main_len > 0 && (double)main_len >= 0.25 * dens) {
		for (size_t i = 0; i < nb; i++)
			pick[i] = sc->blocks[i].in_main && block_usable(&sc->blocks[i]);
		*source = "main";
	} else if (best >= 0) {
		/* The densest element, and its siblings that also hold a good
		 * share of paragraph text. */
		int parent = sc->nodes[best].parent;
		for (size_t i = 0; i < nb; i++) {
			const struct block *b = &sc->blocks[i];
			if (!block_usable(b))
				continue;
			if (has_ancestor(sc, b->node, best)) {
				pick[i] = 1;
				continue;
			}
			for (int nd = b->node, d = 0; nd > 0 && d <= HTML_MAX_DEPTH; d++) {
				int up = sc->nodes[nd].parent;
				if (up == parent && parent >= 0) {
					pick[i] = sc->nodes[nd].score >= 0.5 * dens;
					break;
				}
				nd = up;
			}
		}
		*source = "density";
	} else {
		/* No paragraphs at all: every usable block of the page. */
		for (size_t i = 0; i < nb; i++)
			pick[i] = block_usable(&sc->blocks[i]);
		*source = nb ? "page" : "none";
	}
	int rc = assemble(sc, pick, out, out_len);
	free(pick);
	return rc;
}

static void scanner_reset(struct scanner *sc, int skip_forms, int skip_classes)
{
	sc->pool.len = sc->pool.mark = 0;
	sc->pool.space = 0;
	sc->link_bytes = 0;
	sc->br_run = 0;
	sc->nblocks = 0;
	sc->nnodes = 0;
	sc->skipping = sc->linking = 0;
	sc->skip_forms = skip_forms;
	sc->skip_classes = skip_classes;
	sc->depth = 1;
	memset(&sc->stack[0], 0, sizeof sc->stack[0]);
	sc->stack[0].container = 0;
	sc->stack[0].block_node = 0;
	sc->stack[0].block_kind = K_LOOSE;
	new_node(sc, -1);
}

static void scanner_free(struct scanner *sc)
{
	free(sc->pool.buf);
	free(sc->blocks);
	free(sc->nodes);
}

/* Scans s (valid UTF-8) and selects its body. want_meta: collect title,
 * date and JSON-LD too. Retries without the class and form heuristics
 * when they left nothing (a site whose wrapper carries a noisy class). */
static int extract_utf8(struct scanner *sc, const char *s, size_t n, int want_meta, char **out,
			size_t *out_len, const char **source)
{
	sc->s = s;
	sc->n = n;
	sc->want_meta = want_meta;
	sc->pool.cap = n + 8;
	sc->pool.buf = malloc(sc->pool.cap);
	if (!sc->pool.buf)
		return -1;
	for (int pass = 0; pass < 2; pass++) {
		scanner_reset(sc, pass == 0, pass == 0);
		scan(sc);
		if (sc->oom)
			return -1;
		if (select_body(sc, out, out_len, source) < 0)
			return -1;
		if (*out_len > 0)
			break;
		sc->want_meta = 0; /* collected once is enough */
	}
	return 0;
}

/* articleBody as paragraphs: HTML when it holds tags, else text whose line
 * breaks mark paragraphs. */
static int ld_body_text(struct arena *a, const char *body, char **out, size_t *out_len)
{
	size_t n = strlen(body);
	int has_tags = 0;
	for (size_t i = 0; i + 1 < n && !has_tags; i++)
		if (body[i] == '<' && ((body[i + 1] >= 'a' && body[i + 1] <= 'z') || body[i + 1] == '/'))
			has_tags = 1;
	if (has_tags) {
		struct scanner sc;
		memset(&sc, 0, sizeof sc);
		sc.a = a;
		const char *src;
		int rc = extract_utf8(&sc, body, n, 0, out, out_len, &src);
		scanner_free(&sc);
		return rc;
	}
	char *t = arena_alloc(a, n + 8);
	if (!t)
		return -1;
	struct sink k = {t, 0, n + 8, 0, 0};
	size_t i = 0;
	while (i < n) {
		const char *nl = memchr(body + i, '\n', n - i);
		size_t e = nl ? (size_t)(nl - body) : n;
		size_t before = k.len;
		k.space = 0;
		sink_text(&k, body + i, e - i, 1);
		if (k.len > before) {
			/* Separate from the previous paragraph: rewrite the block start. */
			if (before > 0) {
				if (k.len + 2 > k.cap)
					break;
				memmove(t + before + 2, t + before, k.len - before);
				t[before] = '\n';
				t[before + 1] = '\n';
				k.len += 2;
			}
			k.mark = k.len;
		}
		i = e + 1;
	}
	t[k.len] = '\0';
	*out = t;
	*out_len = k.len;
	return 0;
}

int html_extract(struct arena *a, const char *html, size_t n, const char *charset,
		 struct html_article *out, struct enr_error *err)
{
	memset(out, 0, sizeof *out);
	out->source = "none";
	size_t un = 0;
	int borrowed;
	char *u = to_utf8(html ? html : "", html ? n : 0, charset, 1, &un, &borrowed);
	if (!u)
		return enr_error_set(err, ENR_ENOMEM, "out of memory converting the page to UTF-8");
	struct scanner sc;
	memset(&sc, 0, sizeof sc);
	sc.a = a;
	char *body = NULL;
	size_t blen = 0;
	const char *source = "none";
	int rc = extract_utf8(&sc, u, un, 1, &body, &blen, &source);
	if (rc == 0 && sc.ld_body) {
		char *lt;
		size_t ll;
		/* The JSON-LD body wins unless it is a teaser much shorter than
		 * what the page shows. */
		if (ld_body_text(a, sc.ld_body, &lt, &ll) < 0) {
			rc = -1;
		} else if (ll > 0 && 3 * ll >= blen) {
			body = lt;
			blen = ll;
			source = "json-ld";
		}
	}
	if (rc == 0) {
		out->text = body ? body : arena_strndup(a, "", 0);
		out->len = body ? blen : 0;
		out->title = sc.og_title ? sc.og_title : sc.ld_headline ? sc.ld_headline : sc.doc_title;
		if (out->title && out->title == sc.ld_headline) {
			struct attr v = {sc.ld_headline, strlen(sc.ld_headline), 1};
			out->title = attr_text(a, &v);
		}
		out->published = sc.meta_date ? sc.meta_date : sc.ld_date;
		out->source = source;
		if (!out->text)
			rc = -1;
	}
	scanner_free(&sc);
	if (!borrowed)
		free(u);
	if (rc < 0)
		return enr_error_set(err, ENR_ENOMEM, "out of memory extracting the article");
	return 0;
}

int html_plain_text(struct arena *a, const char *raw, size_t n, const char *charset,
		    char **out, size_t *out_len, struct enr_error *err)
{
	size_t un = 0;
	int borrowed;
	char *u = to_utf8(raw ? raw : "", raw ? n : 0, charset, 0, &un, &borrowed);
	if (!u)
		return enr_error_set(err, ENR_ENOMEM, "out of memory converting the text to UTF-8");
	char *t = arena_alloc(a, un + 1);
	if (!t) {
		if (!borrowed)
			free(u);
		return enr_error_set(err, ENR_ENOMEM, "out of memory");
	}
	size_t o = 0;
	for (size_t i = 0; i < un; i++) {
		unsigned char c = (unsigned char)u[i];
		if (c == '\r') {
			if (i + 1 < un && u[i + 1] == '\n')
				continue;
			c = '\n';
		}
		if (c < 0x20 && c != '\n' && c != '\t')
			continue;
		if (c == 0x7F)
			continue;
		t[o++] = (char)c;
	}
	if (!borrowed)
		free(u);
	size_t s = 0;
	while (s < o && is_ws((unsigned char)t[s]))
		s++;
	while (o > s && is_ws((unsigned char)t[o - 1]))
		o--;
	memmove(t, t + s, o - s);
	o -= s;
	t[o] = '\0';
	*out = t;
	*out_len = o;
	return 0;
}
