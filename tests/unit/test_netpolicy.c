/* The fetch address policy: classes of IPv4 and IPv6 literals (with the
 * IPv6 forms that embed IPv4), allow-lists of hosts, addresses and CIDRs. */
#include <arpa/inet.h>
#include <check.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>

#include "enricher/netpolicy.h"

static enum netpolicy_class cls(const char *lit)
{
	struct netpolicy_addr ad;
	ck_assert_msg(netpolicy_parse_addr(lit, strlen(lit), &ad) == 0, "parse %s", lit);
	return netpolicy_classify(&ad);
}

#define CLASS(lit, c) ck_assert_msg(cls(lit) == (c), "%s is %s", lit, netpolicy_class_name(cls(lit)))

START_TEST(ipv4_classes)
{
	CLASS("127.0.0.1", NETPOLICY_LOOPBACK);
	CLASS("127.255.1.2", NETPOLICY_LOOPBACK);
	CLASS("10.0.0.1", NETPOLICY_PRIVATE);
	CLASS("172.16.0.1", NETPOLICY_PRIVATE);
	CLASS("172.31.255.255", NETPOLICY_PRIVATE);
	CLASS("172.32.0.1", NETPOLICY_PUBLIC);
	CLASS("192.168.1.1", NETPOLICY_PRIVATE);
	CLASS("100.64.0.1", NETPOLICY_PRIVATE);
	CLASS("100.127.255.254", NETPOLICY_PRIVATE);
	CLASS("100.128.0.1", NETPOLICY_PUBLIC);
	CLASS("169.254.169.254", NETPOLICY_LINK_LOCAL);
	CLASS("224.0.0.1", NETPOLICY_MULTICAST);
	CLASS("239.255.255.250", NETPOLICY_MULTICAST);
	CLASS("0.0.0.0", NETPOLICY_UNSPECIFIED);
	CLASS("0.1.2.3", NETPOLICY_UNSPECIFIED);
	CLASS("255.255.255.255", NETPOLICY_BROADCAST);
	CLASS("240.0.0.1", NETPOLICY_RESERVED);
	CLASS("192.0.2.10", NETPOLICY_RESERVED);
	CLASS("198.18.0.1", NETPOLICY_RESERVED);
	CLASS("203.0.113.9", NETPOLICY_RESERVED);
	CLASS("8.8.8.8", NETPOLICY_PUBLIC);
	CLASS("93.184.216.34", NETPOLICY_PUBLIC);
}
END_TEST

START_TEST(ipv6_classes)
{
	CLASS("::1", NETPOLICY_LOOPBACK);
	CLASS("[::1]", NETPOLICY_LOOPBACK);
	CLASS("::", NETPOLICY_UNSPECIFIED);
	CLASS("fc00::1", NETPOLICY_PRIVATE);
	CLASS("fd12:3456::1", NETPOLICY_PRIVATE);
	CLASS("fe80::1", NETPOLICY_LINK_LOCAL);
	CLASS("febf::1", NETPOLICY_LINK_LOCAL);
	CLASS("fec0::1", NETPOLICY_PRIVATE);
	CLASS("ff02::1", NETPOLICY_MULTICAST);
	CLASS("2001:db8::1", NETPOLICY_RESERVED);
	CLASS("100::1", NETPOLICY_RESERVED);
	CLASS("2606:4700::1111", NETPOLICY_PUBLIC);
	CLASS("2a00:1450:4001::200e", NETPOLICY_PUBLIC);
}
END_TEST

START_TEST(ipv6_embedding_ipv4)
{
	/* IPv4-mapped, IPv4-compatible, NAT64 and 6to4 forms are judged by the
	 * IPv4 address inside. */
	CLASS("::ffff:127.0.0.1", NETPOLICY_LOOPBACK);
	CLASS("::ffff:7f00:1", NETPOLICY_LOOPBACK);
	CLASS("::ffff:10.1.2.3", NETPOLICY_PRIVATE);
	CLASS("::ffff:169.254.169.254", NETPOLICY_LINK_LOCAL);
	CLASS("::ffff:8.8.8.8", NETPOLICY_PUBLIC);
	CLASS("::127.0.0.1", NETPOLICY_LOOPBACK);
	CLASS("::10.0.0.1", NETPOLICY_PRIVATE);
	CLASS("::8.8.8.8", NETPOLICY_RESERVED);
	CLASS("64:ff9b::10.0.0.1", NETPOLICY_PRIVATE);
	CLASS("64:ff9b::8.8.8.8", NETPOLICY_PUBLIC);
	CLASS("2002:7f00:1::1", NETPOLICY_LOOPBACK);
	CLASS("2002:c0a8:101::1", NETPOLICY_PRIVATE);
	CLASS("2002:808:808::1", NETPOLICY_PUBLIC);
}
END_TEST

START_TEST(parse_rejects_non_literals)
{
	struct netpolicy_addr ad;
	static const char *const bad[] = {"", "example.com", "1.2.3", "1.2.3.4.5", "256.1.1.1",
					  "::g", "[::1", "0x7f.0.0.1", "2130706433", "1.2.3.4/8"};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		ck_assert_msg(netpolicy_parse_addr(bad[i], strlen(bad[i]), &ad) == -1, "%s parsed", bad[i]);
}
END_TEST

START_TEST(sockaddr_forms)
{
	struct sockaddr_in in = {.sin_family = AF_INET};
	inet_pton(AF_INET, "192.168.0.7", &in.sin_addr);
	struct netpolicy_addr ad;
	ck_assert_int_eq(netpolicy_from_sockaddr((struct sockaddr *)&in, sizeof in, &ad), 0);
	ck_assert_int_eq(netpolicy_classify(&ad), NETPOLICY_PRIVATE);
	char buf[64];
	netpolicy_format(&ad, buf, sizeof buf);
	ck_assert_str_eq(buf, "192.168.0.7");

	struct sockaddr_in6 in6 = {.sin6_family = AF_INET6};
	inet_pton(AF_INET6, "::ffff:127.0.0.1", &in6.sin6_addr);
	ck_assert_int_eq(netpolicy_from_sockaddr((struct sockaddr *)&in6, sizeof in6, &ad), 0);
	ck_assert_int_eq(netpolicy_classify(&ad), NETPOLICY_LOOPBACK);
	inet_pton(AF_INET6, "fe80::abcd", &in6.sin6_addr);
	ck_assert_int_eq(netpolicy_from_sockaddr((struct sockaddr *)&in6, sizeof in6, &ad), 0);
	netpolicy_format(&ad, buf, sizeof buf);
	ck_assert_str_eq(buf, "fe80::abcd");

	struct sockaddr un = {.sa_family = AF_UNIX};
	ck_assert_int_eq(netpolicy_from_sockaddr(&un, sizeof un, &ad), -1);
	ck_assert_int_eq(netpolicy_from_sockaddr((struct sockaddr *)&in, 4, &ad), -1);
}
END_TEST

static int check(const struct netpolicy_allow *al, const char *lit, char *why, size_t n)
{
	struct netpolicy_addr ad;
	ck_assert(netpolicy_parse_addr(lit, strlen(lit), &ad) == 0);
	return netpolicy_check(al, &ad, why, n);
}

START_TEST(check_messages)
{
	char why[128];
	struct netpolicy_allow none = {NULL, 0};
	ck_assert_int_eq(check(&none, "10.0.0.1", why, sizeof why), -1);
	ck_assert_str_eq(why, "address 10.0.0.1 is private");
	ck_assert_int_eq(check(&none, "::1", why, sizeof why), -1);
	ck_assert_str_eq(why, "address ::1 is loopback");
	ck_assert_int_eq(check(&none, "::ffff:169.254.169.254", why, sizeof why), -1);
	ck_assert_str_eq(why, "address 169.254.169.254 is link-local");
	ck_assert_int_eq(check(NULL, "224.1.1.1", why, sizeof why), -1);
	ck_assert_str_eq(why, "address 224.1.1.1 is multicast");
	ck_assert_int_eq(check(&none, "8.8.4.4", why, sizeof why), 0);
	ck_assert_str_eq(why, "");
}
END_TEST

START_TEST(allow_lists)
{
	struct arena *a = arena_new(0);
	struct netpolicy_allow al;
	struct enr_error err;
	ck_assert_int_eq(netpolicy_allow_parse(" 127.0.0.1 , 10.1.0.0/16,fd00::/8, Intranet.Example.ORG.,"
					       "[::1],192.168.2.0/24,,",
					       a, &al, &err), 0);
	ck_assert_uint_eq(al.n, 6);
	char why[128];
	ck_assert_int_eq(check(&al, "127.0.0.1", why, sizeof why), 0);
	ck_assert_int_eq(check(&al, "::ffff:127.0.0.1", why, sizeof why), 0);
	ck_assert_int_eq(check(&al, "127.0.0.2", why, sizeof why), -1);
	ck_assert_str_eq(why, "address 127.0.0.2 is loopback");
	ck_assert_int_eq(check(&al, "10.1.255.3", why, sizeof why), 0);
	ck_assert_int_eq(check(&al, "10.2.0.1", why, sizeof why), -1);
	ck_assert_int_eq(check(&al, "fd99::5", why, sizeof why), 0);
	ck_assert_int_eq(check(&al, "fc00::5", why, sizeof why), -1);
	ck_assert_int_eq(check(&al, "::1", why, sizeof why), 0);
	ck_assert_int_eq(check(&al, "192.168.2.200", why, sizeof why), 0);
	ck_assert_int_eq(check(&al, "192.168.3.1", why, sizeof why), -1);

	ck_assert_int_eq(netpolicy_allows_host(&al, "intranet.example.org"), 1);
	ck_assert_int_eq(netpolicy_allows_host(&al, "INTRANET.example.org."), 1);
	ck_assert_int_eq(netpolicy_allows_host(&al, "other.example.org"), 0);
	ck_assert_int_eq(netpolicy_allows_host(&al, "example.org"), 0);
	ck_assert_int_eq(netpolicy_allows_host(&al, "127.0.0.1"), 1);
	ck_assert_int_eq(netpolicy_allows_host(&al, "[::1]"), 1);
	ck_assert_int_eq(netpolicy_allows_host(&al, "10.3.0.1"), 0);

	/* A host rule does not allow an address, nor an address rule a host. */
	struct netpolicy_addr ad;
	netpolicy_parse_addr("10.9.9.9", 8, &ad);
	ck_assert_int_eq(netpolicy_allows_addr(&al, &ad), 0);

	/* /0 allows everything of its family; IPv4 /0 covers only IPv4. */
	ck_assert_int_eq(netpolicy_allow_parse("0.0.0.0/0", a, &al, &err), 0);
	ck_assert_int_eq(check(&al, "10.0.0.1", why, sizeof why), 0);
	ck_assert_int_eq(check(&al, "fe80::1", why, sizeof why), -1);

	ck_assert_int_eq(netpolicy_allow_parse(NULL, a, &al, &err), 0);
	ck_assert_uint_eq(al.n, 0);
	ck_assert_int_eq(netpolicy_allow_parse("", a, &al, &err), 0);
	ck_assert_uint_eq(al.n, 0);
	arena_free(a);
}
END_TEST

START_TEST(allow_list_errors)
{
	struct arena *a = arena_new(0);
	struct netpolicy_allow al;
	struct enr_error err;
	static const char *const bad[] = {"10.0.0.0/33", "fd00::/129", "10.0.0.0/", "10.0.0.0/x",
					  "host/8", "bad host", "h@st", "10.0.0.0/1234"};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		ck_assert_msg(netpolicy_allow_parse(bad[i], a, &al, &err) == ENR_EINVAL, "%s accepted", bad[i]);
		ck_assert_ptr_nonnull(strstr(err.message, "allow-list entry"));
	}
	ck_assert_int_eq(netpolicy_allow_parse("127.0.0.1,10.0.0.0/33", a, &al, &err), ENR_EINVAL);
	ck_assert_ptr_nonnull(strstr(err.message, "prefix over 32"));
	arena_free(a);
}
END_TEST

static Suite *netpolicy_suite(void)
{
	Suite *s = suite_create("netpolicy");
	TCase *tc = tcase_create("policy");
	tcase_add_test(tc, ipv4_classes);
	tcase_add_test(tc, ipv6_classes);
	tcase_add_test(tc, ipv6_embedding_ipv4);
	tcase_add_test(tc, parse_rejects_non_literals);
	tcase_add_test(tc, sockaddr_forms);
	tcase_add_test(tc, check_messages);
	tcase_add_test(tc, allow_lists);
	tcase_add_test(tc, allow_list_errors);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(netpolicy_suite());
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
