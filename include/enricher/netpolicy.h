/* The address policy of URL fetching: which resolved addresses a fetch may
 * connect to. Internal targets (loopback, private, link-local, multicast,
 * unspecified, broadcast, reserved, and IPv6 forms that embed such an IPv4
 * address) are refused unless an allow-list names the host, the address or a
 * CIDR that holds it. Pure functions: no I/O, no locks. */
#ifndef ENRICHER_NETPOLICY_H
#define ENRICHER_NETPOLICY_H

#include <stddef.h>
#include <sys/socket.h>

#include "enricher/arena.h"
#include "enricher/error.h"

enum netpolicy_class {
	NETPOLICY_PUBLIC = 0,
	NETPOLICY_LOOPBACK,
	NETPOLICY_PRIVATE,     /* RFC 1918, CGNAT 100.64/10, IPv6 ULA and site-local */
	NETPOLICY_LINK_LOCAL,
	NETPOLICY_MULTICAST,
	NETPOLICY_UNSPECIFIED,
	NETPOLICY_BROADCAST,
	NETPOLICY_RESERVED     /* documentation, benchmarking, future use, unassigned IPv6 */
};

/* An address in IPv6 form: IPv4 is stored IPv4-mapped (::ffff:a.b.c.d). */
struct netpolicy_addr {
	unsigned char b[16];
};

struct netpolicy_rule {
	const char *host;          /* lower-case host name, or NULL for a CIDR */
	struct netpolicy_addr net; /* CIDR base, masked */
	int prefix;                /* 0..128, on the IPv6 form */
};

struct netpolicy_allow {
	struct netpolicy_rule *rules; /* owned by the arena given to the parser */
	size_t n;
};

/* "loopback", "private", ... ("public" for NETPOLICY_PUBLIC). Static string. */
const char *netpolicy_class_name(enum netpolicy_class c);

/* Class of an address. IPv4-mapped, IPv4-compatible, NAT64 (64:ff9b::/96) and
 * 6to4 (2002::/16) IPv6 addresses are classed by the IPv4 address they hold. */
enum netpolicy_class netpolicy_classify(const struct netpolicy_addr *ad);

/* Parses an IPv4 or IPv6 literal (IPv6 may be in brackets) into ad.
 * 0 on success, -1 when s[0..n) is not an address literal. */
int netpolicy_parse_addr(const char *s, size_t n, struct netpolicy_addr *ad);

/* Address of a sockaddr (AF_INET or AF_INET6); -1 for other families. */
int netpolicy_from_sockaddr(const struct sockaddr *sa, size_t len, struct netpolicy_addr *ad);

/* Text form of ad into buf: dotted quad for IPv4 (and IPv4-mapped, which is
 * the same thing here), RFC 5952 text for IPv6. */
void netpolicy_format(const struct netpolicy_addr *ad, char *buf, size_t n);

/* Parses a comma-separated allow-list of host names, address literals and
 * CIDRs (IPv4 "10.0.0.0/8", IPv6 "fd00::/8"); whitespace around entries is
 * ignored, spec may be NULL or empty. Rules live in a. ENR_EINVAL with a
 * message naming the bad entry (e.g. a prefix over 32 for IPv4). */
int netpolicy_allow_parse(const char *spec, struct arena *a, struct netpolicy_allow *out,
			  struct enr_error *err);

/* 1 when host (a URL host, brackets allowed, case-insensitive, trailing dot
 * ignored) is named by a host rule, or is an address literal inside a rule. */
int netpolicy_allows_host(const struct netpolicy_allow *al, const char *host);

/* 1 when ad is inside an address or CIDR rule. */
int netpolicy_allows_addr(const struct netpolicy_allow *al, const struct netpolicy_addr *ad);

/* The decision for one connection: 0 when ad is public or allow-listed;
 * otherwise -1 with why = "address 10.0.0.1 is private" (NUL-terminated,
 * truncated to n). */
int netpolicy_check(const struct netpolicy_allow *al, const struct netpolicy_addr *ad,
		    char *why, size_t n);

#endif
