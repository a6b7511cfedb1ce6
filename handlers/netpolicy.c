/* Address classification and allow-lists for URL fetching. Every address is
 * handled in its IPv6 form so one set of rules covers IPv4, IPv4-mapped and
 * IPv4-compatible connections alike. Must not resolve names or do I/O. */
#include "enricher/netpolicy.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#define NETPOLICY_MAX_HOST 253

static const char *const class_names[] = {
	[NETPOLICY_PUBLIC] = "public",
	[NETPOLICY_LOOPBACK] = "loopback",
	[NETPOLICY_PRIVATE] = "private",
	[NETPOLICY_LINK_LOCAL] = "link-local",
	[NETPOLICY_MULTICAST] = "multicast",
	[NETPOLICY_UNSPECIFIED] = "unspecified",
	[NETPOLICY_BROADCAST] = "broadcast",
	[NETPOLICY_RESERVED] = "reserved",
};

const char *netpolicy_class_name(enum netpolicy_class c)
{
	if ((unsigned)c >= sizeof class_names / sizeof class_names[0])
		return "reserved";
	return class_names[c];
}

static const unsigned char v4mapped_prefix[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};

static int is_v4mapped(const struct netpolicy_addr *ad)
{
	return memcmp(ad->b, v4mapped_prefix, 12) == 0;
}

static void set_v4(struct netpolicy_addr *ad, const unsigned char v4[4])
{
	memcpy(ad->b, v4mapped_prefix, 12);
	memcpy(ad->b + 12, v4, 4);
}

static enum netpolicy_class classify_v4(const unsigned char *a)
{
	uint32_t x = (uint32_t)a[0] << 24 | (uint32_t)a[1] << 16 | (uint32_t)a[2] << 8 | a[3];
	/* Table of (network, prefix length, class), most specific first where
	 * ranges nest (broadcast inside 240/4). */
	static const struct {
		uint32_t net;
		int len;
		enum netpolicy_class c;
	} t[] = {
		{0xFFFFFFFFu, 32, NETPOLICY_BROADCAST},
		{0x00000000u, 8, NETPOLICY_UNSPECIFIED},   /* "this network" */
		{0x0A000000u, 8, NETPOLICY_PRIVATE},       /* 10/8 */
		{0x64400000u, 10, NETPOLICY_PRIVATE},      /* 100.64/10 CGNAT */
		{0x7F000000u, 8, NETPOLICY_LOOPBACK},      /* 127/8 */
		{0xA9FE0000u, 16, NETPOLICY_LINK_LOCAL},   /* 169.254/16 */
		{0xAC100000u, 12, NETPOLICY_PRIVATE},      /* 172.16/12 */
		{0xC0000000u, 24, NETPOLICY_RESERVED},     /* 192.0.0/24 protocol assignments */
		{0xC0000200u, 24, NETPOLICY_RESERVED},     /* 192.0.2/24 documentation */
		{0xC0586300u, 24, NETPOLICY_RESERVED},     /* 192.88.99/24 6to4 relay */
		{0xC0A80000u, 16, NETPOLICY_PRIVATE},      /* 192.168/16 */
		{0xC6120000u, 15, NETPOLICY_RESERVED},     /* 198.18/15 benchmarking */
		{0xC6336400u, 24, NETPOLICY_RESERVED},     /* 198.51.100/24 documentation */
		{0xCB007100u, 24, NETPOLICY_RESERVED},     /* 203.0.113/24 documentation */
		{0xE0000000u, 4, NETPOLICY_MULTICAST},     /* 224/4 */
		{0xF0000000u, 4, NETPOLICY_RESERVED},      /* 240/4 */
	};
	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
		uint32_t mask = t[i].len == 0 ? 0 : 0xFFFFFFFFu << (32 - t[i].len);
		if ((x & mask) == t[i].net)
			return t[i].c;
	}
	return NETPOLICY_PUBLIC;
}

static int all_zero(const unsigned char *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (p[i])
			return 0;
	return 1;
}

enum netpolicy_class netpolicy_classify(const struct netpolicy_addr *ad)
{
	const unsigned char *b = ad->b;
	if (is_v4mapped(ad))
		return classify_v4(b + 12);
	if (all_zero(b, 12)) {
		/* ::, ::1, and IPv4-compatible ::a.b.c.d (deprecated, but a stack
		 * may still route it to the IPv4 address). */
		if (all_zero(b + 12, 3) && b[15] == 0)
			return NETPOLICY_UNSPECIFIED;
		if (all_zero(b + 12, 3) && b[15] == 1)
			return NETPOLICY_LOOPBACK;
		enum netpolicy_class c = classify_v4(b + 12);
		return c == NETPOLICY_PUBLIC ? NETPOLICY_RESERVED : c;
	}
	/* NAT64 well-known prefix 64:ff9b::/96: a translator connects to the
	 * embedded IPv4 address. */
	static const unsigned char nat64[12] = {0, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0};
	if (memcmp(b, nat64, 12) == 0)
		return classify_v4(b + 12);
	if (b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xff && b[3] == 0x9b && b[4] == 0 && b[5] == 1)
		return NETPOLICY_PRIVATE; /* 64:ff9b:1::/48, local-use NAT64 */
	if (b[0] == 0x20 && b[1] == 0x02) {
		/* 6to4: 2002:AABB:CCDD::/48 carries IPv4 AA.BB.CC.DD. */
		return classify_v4(b + 2);
	}
	if (b[0] == 0xff)
		return NETPOLICY_MULTICAST;
	if ((b[0] & 0xfe) == 0xfc)
		return NETPOLICY_PRIVATE;      /* fc00::/7 unique local */
	if (b[0] == 0xfe && (b[1] & 0xc0) == 0x80)
		return NETPOLICY_LINK_LOCAL;   /* fe80::/10 */
	if (b[0] == 0xfe && (b[1] & 0xc0) == 0xc0)
		return NETPOLICY_PRIVATE;      /* fec0::/10 site-local, deprecated */
	if (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x0d && b[3] == 0xb8)
		return NETPOLICY_RESERVED;     /* 2001:db8::/32 documentation */
	if (b[0] == 0x20 && b[1] == 0x01 && b[2] < 0x02)
		return NETPOLICY_RESERVED;     /* 2001::/23 protocol assignments, Teredo */
	if ((b[0] & 0xe0) != 0x20)
		return NETPOLICY_RESERVED;     /* outside 2000::/3 global unicast */
	return NETPOLICY_PUBLIC;
}

int netpolicy_parse_addr(const char *s, size_t n, struct netpolicy_addr *ad)
{
	char buf[INET6_ADDRSTRLEN + 2];
	if (n >= 2 && s[0] == '[' && s[n - 1] == ']') {
		s++;
		n -= 2;
	}
	if (n == 0 || n >= sizeof buf)
		return -1;
	memcpy(buf, s, n);
	buf[n] = '\0';
	unsigned char v4[4];
	if (inet_pton(AF_INET, buf, v4) == 1) {
		set_v4(ad, v4);
		return 0;
	}
	if (inet_pton(AF_INET6, buf, ad->b) == 1)
		return 0;
	return -1;
}

int netpolicy_from_sockaddr(const struct sockaddr *sa, size_t len, struct netpolicy_addr *ad)
{
	if (!sa)
		return -1;
	if (sa->sa_family == AF_INET && len >= sizeof(struct sockaddr_in)) {
		struct sockaddr_in in;
		memcpy(&in, sa, sizeof in);
		set_v4(ad, (const unsigned char *)&in.sin_addr.s_addr);
		return 0;
	}
	if (sa->sa_family == AF_INET6 && len >= sizeof(struct sockaddr_in6)) {
		struct sockaddr_in6 in6;
		memcpy(&in6, sa, sizeof in6);
		memcpy(ad->b, in6.sin6_addr.s6_addr, 16);
		return 0;
	}
	return -1;
}

void netpolicy_format(const struct netpolicy_addr *ad, char *buf, size_t n)
{
	char tmp[INET6_ADDRSTRLEN];
	const char *r = is_v4mapped(ad) ? inet_ntop(AF_INET, ad->b + 12, tmp, sizeof tmp)
					: inet_ntop(AF_INET6, ad->b, tmp, sizeof tmp);
	snprintf(buf, n, "%s", r ? r : "?");
}

static void mask_addr(struct netpolicy_addr *ad, int prefix)
{
	for (int i = 0; i < 16; i++) {
		int bits = prefix - i * 8;
		if (bits >= 8)
			continue;
		ad->b[i] &= bits <= 0 ? 0 : (unsigned char)(0xff << (8 - bits));
	}
}

static int in_rule(const struct netpolicy_rule *r, const struct netpolicy_addr *ad)
{
	struct netpolicy_addr x = *ad;
	mask_addr(&x, r->prefix);
	return memcmp(x.b, r->net.b, 16) == 0;
}

static int host_char_ok(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '-' || c == '.' || c == '_';
}

static int parse_rule(const char *s, size_t n, struct arena *a, struct netpolicy_rule *r,
		      struct enr_error *err)
{
	const char *slash = memchr(s, '/', n);
	size_t alen = slash ? (size_t)(slash - s) : n;
	memset(r, 0, sizeof *r);
	if (netpolicy_parse_addr(s, alen, &r->net) == 0) {
		int v4 = is_v4mapped(&r->net) && memchr(s, ':', alen) == NULL;
		int max = v4 ? 32 : 128;
		int prefix = max;
		if (slash) {
			const char *p = slash + 1, *end = s + n;
			if (p == end || end - p > 3)
				return enr_error_set(err, ENR_EINVAL, "allow-list entry '%.*s': bad prefix length",
						     (int)n, s);
			prefix = 0;
			for (; p < end; p++) {
				if (*p < '0' || *p > '9')
					return enr_error_set(err, ENR_EINVAL,
							     "allow-list entry '%.*s': bad prefix length", (int)n, s);
				prefix = prefix * 10 + (*p - '0');
			}
			if (prefix > max)
				return enr_error_set(err, ENR_EINVAL,
						     "allow-list entry '%.*s': prefix over %d", (int)n, s, max);
		}
		r->prefix = v4 ? prefix + 96 : prefix;
		mask_addr(&r->net, r->prefix);
		return 0;
	}
	if (slash || n > NETPOLICY_MAX_HOST)
		return enr_error_set(err, ENR_EINVAL, "allow-list entry '%.*s' is not an address, CIDR or host",
				     (int)(n > 80 ? 80 : n), s);
	for (size_t i = 0; i < n; i++)
		if (!host_char_ok(s[i]))
			return enr_error_set(err, ENR_EINVAL, "allow-list entry '%.*s' is not a host name",
					     (int)(n > 80 ? 80 : n), s);
	if (n > 1 && s[n - 1] == '.')
		n--;
	char *h = arena_strndup(a, s, n);
	if (!h)
		return enr_error_set(err, ENR_ENOMEM, "out of memory");
	for (size_t i = 0; i < n; i++)
		if (h[i] >= 'A' && h[i] <= 'Z')
			h[i] = (char)(h[i] - 'A' + 'a');
	r->host = h;
	return 0;
}

static int is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

int netpolicy_allow_parse(const char *spec, struct arena *a, struct netpolicy_allow *out,
			  struct enr_error *err)
{
	out->rules = NULL;
	out->n = 0;
	if (!spec || !*spec)
		return 0;
	size_t cap = 1;
	for (const char *p = spec; *p; p++)
		cap += *p == ',';
	out->rules = arena_calloc(a, cap, sizeof *out->rules);
	if (!out->rules)
		return enr_error_set(err, ENR_ENOMEM, "out of memory");
	const char *p = spec;
	while (*p) {
		const char *end = strchr(p, ',');
		if (!end)
			end = p + strlen(p);
		const char *s = p, *e = end;
		while (s < e && is_space(*s))
			s++;
		while (e > s && is_space(e[-1]))
			e--;
		if (e > s) {
			int rc = parse_rule(s, (size_t)(e - s), a, &out->rules[out->n], err);
			if (rc < 0)
				return rc;
			out->n++;
		}
		p = *end ? end + 1 : end;
	}
	return 0;
}

int netpolicy_allows_addr(const struct netpolicy_allow *al, const struct netpolicy_addr *ad)
{
	if (!al)
		return 0;
	for (size_t i = 0; i < al->n; i++)
		if (!al->rules[i].host && in_rule(&al->rules[i], ad))
			return 1;
	return 0;
}

int netpolicy_allows_host(const struct netpolicy_allow *al, const char *host)
{
	if (!al || !host)
		return 0;
	size_t n = strlen(host);
	struct netpolicy_addr ad;
	if (netpolicy_parse_addr(host, n, &ad) == 0)
		return netpolicy_allows_addr(al, &ad);
	if (n > 1 && host[n - 1] == '.')
		n--;
	for (size_t i = 0; i < al->n; i++) {
		const char *h = al->rules[i].host;
		if (h && strlen(h) == n && strncasecmp(h, host, n) == 0)
			return 1;
	}
	return 0;
}

int netpolicy_check(const struct netpolicy_allow *al, const struct netpolicy_addr *ad,
		    char *why, size_t n)
{
	enum netpolicy_class c = netpolicy_classify(ad);
	if (c == NETPOLICY_PUBLIC || netpolicy_allows_addr(al, ad)) {
		if (n)
			why[0] = '\0';
		return 0;
	}
	char text[INET6_ADDRSTRLEN];
	netpolicy_format(ad, text, sizeof text);
	snprintf(why, n, "address %s is %s", text, netpolicy_class_name(c));
	return -1;
}
