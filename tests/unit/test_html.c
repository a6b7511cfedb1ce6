/* Article extraction from HTML: sources of the body, metadata, entities,
 * charsets, and pages broken in every way a scanner can meet. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "enricher/html.h"

static struct arena *A;

static void setup(void)
{
	A = arena_new(0);
}

static void teardown(void)
{
	arena_free(A);
}

static struct html_article ex_cs(const char *html, const char *charset)
{
	struct html_article h;
	struct enr_error err;
	ck_assert_int_eq(html_extract(A, html, strlen(html), charset, &h, &err), 0);
	ck_assert_ptr_nonnull(h.text);
	ck_assert_uint_eq(strlen(h.text), h.len);
	ck_assert(html_utf8_valid(h.text, h.len));
	return h;
}

static struct html_article ex(const char *html)
{
	return ex_cs(html, NULL);
}

static char *slurp(const char *name, size_t *n)
{
	char path[256];
	snprintf(path, sizeof path, "tests/data/fetch/%s", name);
	FILE *f = fopen(path, "rb");
	ck_assert_msg(f != NULL, "cannot open %s", path);
	static char buf[1 << 16];
	*n = fread(buf, 1, sizeof buf, f);
	fclose(f);
	return buf;
}

START_TEST(jsonld_article_body_wins)
{
	size_t n;
	const char *p = slurp("news_jsonld.html", &n);
	struct html_article h;
	struct enr_error err;
	ck_assert_int_eq(html_extract(A, p, n, NULL, &h, &err), 0);
	ck_assert_str_eq(h.source, "json-ld");
	ck_assert_str_eq(h.text,
			 "The Kessling harbour bridge reopened to traffic on Friday morning after a repair "
			 "that took two years.\n\nMayor Tobias Renn said the city had \"waited long enough\" "
			 "for the crossing.\n\nEngineers replaced forty steel cables and the whole deck surface.");
	ck_assert_str_eq(h.title, "Harbour bridge reopens after \"two-year\" repair");
	ck_assert_str_eq(h.published, "2025-03-14");
}
END_TEST

START_TEST(jsonld_in_array_and_headline_title)
{
	struct html_article h = ex(
		"<html><head><script type=\"application/ld+json\">[{\"@type\":\"Organization\"},"
		"{\"@type\":[\"NewsArticle\"],\"headline\":\"Ferry &amp; port strike\","
		"\"datePublished\":\"2023-11-05\",\"articleBody\":\"Dock workers walked out.\\r\\nThe ferry "
		"did not sail.\"}]</script></head><body><p>Teaser only.</p></body></html>");
	ck_assert_str_eq(h.source, "json-ld");
	ck_assert_str_eq(h.text, "Dock workers walked out.\n\nThe ferry did not sail.");
	ck_assert_str_eq(h.title, "Ferry & port strike");
	ck_assert_str_eq(h.published, "2023-11-05");
}
END_TEST

START_TEST(jsonld_raw_newlines_and_html_body)
{
	/* Raw newlines inside a JSON string (invalid JSON that sites emit) and
	 * an articleBody holding markup. */
	struct html_article h = ex(
		"<script type='application/ld+json'>{\"@type\":\"Article\",\"articleBody\":"
		"\"<p>First para.</p><p>Second\n para.</p>\"}</script><p>x</p>");
	ck_assert_str_eq(h.text, "First para.\n\nSecond para.");
}
END_TEST

START_TEST(jsonld_teaser_loses_to_long_page)
{
	struct html_article h = ex(
		"<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"articleBody\":\"Short.\"}"
		"</script><article><p>The river rose by two metres overnight and flooded the lower town.</p>"
		"<p>Residents spent the night in the school gym while firefighters pumped water.</p></article>");
	ck_assert_str_eq(h.source, "article");
	ck_assert_str_eq(h.text,
			 "The river rose by two metres overnight and flooded the lower town.\n\n"
			 "Residents spent the night in the school gym while firefighters pumped water.");
}
END_TEST

START_TEST(broken_jsonld_ignored)
{
	struct html_article h = ex("<script type=\"application/ld+json\">{\"articleBody\": [1, 2,</script>"
				   "<article><p>Body text that is long enough to count here.</p></article>");
	ck_assert_str_eq(h.source, "article");
	ck_assert_str_eq(h.text, "Body text that is long enough to count here.");
}
END_TEST

START_TEST(article_page)
{
	size_t n;
	const char *p = slurp("article.html", &n);
	struct html_article h;
	struct enr_error err;
	ck_assert_int_eq(html_extract(A, p, n, NULL, &h, &err), 0);
	ck_assert_str_eq(h.source, "article");
	ck_assert_str_eq(h.title, "Orchard growers count frost damage - Northfield Daily");
	ck_assert_str_eq(h.published, "2024-04-02");
	ck_assert_str_eq(h.text,
			 "Apple growers in the Selden valley lost up to a third of their blossom in "
			 "Tuesday\u2019s frost, the regional farmers\u2019 association said.\n\n"
			 "\u201cWe have not seen a night this cold in April for twenty years,\u201d said Marta "
			 "Oyelaran, who runs a farm near Brenne.\n\n"
			 "Insurers expect claims to rise sharply & growers have asked the ministry for "
			 "emergency help.");
}
END_TEST

START_TEST(nav_heavy_page_density)
{
	size_t n;
	const char *p = slurp("navheavy.html", &n);
	struct html_article h;
	struct enr_error err;
	ck_assert_int_eq(html_extract(A, p, n, NULL, &h, &err), 0);
	ck_assert_str_eq(h.source, "density");
	ck_assert_ptr_nonnull(strstr(h.text, "The city council voted on Wednesday"));
	ck_assert_ptr_nonnull(strstr(h.text, "independent review of the plans."));
	ck_assert_ptr_null(strstr(h.text, "cookies"));
	ck_assert_ptr_null(strstr(h.text, "Advertisement"));
	ck_assert_ptr_null(strstr(h.text, "Great news"));
	ck_assert_ptr_null(strstr(h.text, "copyright"));
	ck_assert_ptr_null(strstr(h.text, "Politics"));
	ck_assert_ptr_null(strstr(h.text, "football"));
	ck_assert_str_eq(h.title, "Council approves new tram line");
}
END_TEST

START_TEST(itemprop_article_body)
{
	/* The body in an itemprop=articleBody div, with boxes inside it (read
	 * also, figure, newsletter form, embedded post) and furniture around. */
	size_t n;
	const char *p = slurp("itemprop.html", &n);
	struct html_article h;
	struct enr_error err;
	ck_assert_int_eq(html_extract(A, p, n, NULL, &h, &err), 0);
	ck_assert_str_eq(h.source, "article");
	ck_assert_str_eq(h.title, "Rail strike halts freight across the north");
	ck_assert_str_eq(h.published, "2025-06-30");
	ck_assert_str_eq(h.text,
			 "Freight trains stood still across the northern network on Monday as signal "
			 "workers began a 48-hour strike over pay.\n\n"
			 "The union said talks with the operator had broken down after the company offered "
			 "a rise below inflation.\n\n"
			 "Ports affected\n\n"
			 "Two container ports reported growing queues of lorries, and one warned it could "
			 "run out of storage space by Wednesday.\n\n"
			 "A spokeswoman for the operator said it remained \u201copen to further talks at "
			 "any time\u201d.");
}
END_TEST

START_TEST(main_element)
{
	struct html_article h = ex(
		"<body><div class=menu><p>Home News Sport Weather and more sections here</p></div>"
		"<main><h2>Sub head</h2><p>One paragraph in main that is long enough.</p>"
		"<ul><li>A list item in the story</li></ul></main></body>");
	ck_assert_str_eq(h.source, "main");
	ck_assert_str_eq(h.text, "Sub head\n\nOne paragraph in main that is long enough.\n\n"
				 "A list item in the story");
}
END_TEST

START_TEST(density_split_wrappers)
{
	/* Paragraphs each wrapped in their own div under one story div. */
	struct html_article h = ex(
		"<body><div class=x><p>Short teaser link text elsewhere.</p></div>"
		"<div class=story><div><p>The first paragraph of the story is here and long.</p></div>"
		"<div><p>The second paragraph of the story follows it closely.</p></div>"
		"<div><p>The third paragraph closes the story with a quote.</p></div></div></body>");
	ck_assert_str_eq(h.text, "The first paragraph of the story is here and long.\n\n"
				 "The second paragraph of the story follows it closely.\n\n"
				 "The third paragraph closes the story with a quote.");
}
END_TEST

START_TEST(entities)
{
	struct html_article h = ex("<p>A&amp;B &lt;c&gt; &quot;q&quot; &apos;s&apos; caf&eacute; "
				   "&#233;&#xE9;&#X41; &euro;5 &mdash; &hellip; &nbsp;x&nbsp;&nbsp;y "
				   "&#150; &#0; &#xD800; &#1114112; &bogus; &amp &lt3 AT&T &ampx</p>");
	ck_assert_str_eq(h.text, "A&B <c> \"q\" 's' caf\u00e9 \u00e9\u00e9A \u20ac5 \u2014 \u2026 x y "
				 "\u2013 \ufffd \ufffd \ufffd &bogus; & <3 AT&T &x");
}
END_TEST

START_TEST(whitespace_and_breaks)
{
	struct html_article h = ex("<div>  Line\t one\n\n  continues<br>same para<br><br>new para "
				   "&shy;soft</div><p>  </p><p>\u00a0</p><pre>pre  text</pre>");
	ck_assert_str_eq(h.text, "Line one continues same para\n\nnew para soft\n\npre text");
}
END_TEST

START_TEST(skipped_elements)
{
	struct html_article h = ex(
		"<body><script>document.write('<p>script text</p>')</script>"
		"<style>p{}</style><noscript><p>Enable JS</p></noscript><template><p>tpl</p></template>"
		"<form><p>Newsletter signup here please now</p></form>"
		"<p>Visible paragraph of the page body text.</p>"
		"<div hidden><p>hidden text</p></div><div style=\"display: none\"><p>none</p></div>"
		"<div aria-hidden=\"true\"><p>aria</p></div><div role=navigation><p>rolenav</p></div>"
		"<svg><text>svg text</text></svg><p>Second paragraph of the body text is here.</p>"
		"<textarea>typed</textarea></body>");
	ck_assert_str_eq(h.text, "Visible paragraph of the page body text.\n\n"
				 "Second paragraph of the body text is here.");
}
END_TEST

START_TEST(form_wrapped_page_retried)
{
	/* ASP.NET pages wrap the whole page in a form. */
	struct html_article h = ex("<body><form id=aspnetForm><div><p>The story inside a form element "
				   "is still the story.</p></div></form></body>");
	ck_assert_str_eq(h.text, "The story inside a form element is still the story.");
}
END_TEST

START_TEST(noisy_wrapper_class_retried)
{
	struct html_article h = ex("<body><div class=\"page has-sidebar\"><p>Everything sits inside a "
				   "wrapper whose class looks like furniture.</p></div></body>");
	ck_assert_str_eq(h.text, "Everything sits inside a wrapper whose class looks like furniture.");
}
END_TEST

START_TEST(link_heavy_blocks_dropped)
{
	struct html_article h = ex(
		"<article><p>The budget passed with a narrow majority in the assembly.</p>"
		"<p><a href=/1>Read more: the budget explained in five charts</a></p>"
		"<p>Critics said <a href=/2>the plan</a> would cut rural bus services.</p></article>");
	ck_assert_str_eq(h.text, "The budget passed with a narrow majority in the assembly.\n\n"
				 "Critics said the plan would cut rural bus services.");
}
END_TEST

START_TEST(implicit_paragraph_ends)
{
	struct html_article h = ex("<article><p>First paragraph without an end tag<p>Second one"
				   "<div>Block inside</div>tail</article>");
	ck_assert_str_eq(h.text, "First paragraph without an end tag\n\nSecond one\n\nBlock inside\n\ntail");
}
END_TEST

START_TEST(metadata_sources)
{
	struct html_article h = ex("<head><title> Page &amp; title </title>"
				   "<meta name=\"twitter:title\" content=\"Tw &#x41;\">"
				   "<meta itemprop=\"datePublished\" content=\"2021/07/09\"></head><p>x</p>");
	ck_assert_str_eq(h.title, "Tw A");
	ck_assert_str_eq(h.published, "2021-07-09");
	h = ex("<title>Only title</title><time itemprop=datePublished datetime=\"2020-02-29T10:00\">"
	       "Feb</time><p>x</p>");
	ck_assert_str_eq(h.title, "Only title");
	ck_assert_str_eq(h.published, "2020-02-29");
	h = ex("<meta property=\"article:published_time\" content=\"yesterday\"><p>x</p>");
	ck_assert_ptr_null(h.published);
	ck_assert_ptr_null(h.title);
	h = ex("<meta property=\"article:published_time\" content=\"2020-13-01\"><p>x</p>");
	ck_assert_ptr_null(h.published);
}
END_TEST

START_TEST(charset_header_latin1)
{
	/* "Café Müller" in ISO-8859-1, with a windows-1252 euro and quotes. */
	const char page[] = "<p>Caf\xe9 M\xfcller \x80 \x93ok\x94</p>";
	struct html_article h = ex_cs(page, "ISO-8859-1");
	ck_assert_str_eq(h.text, "Caf\u00e9 M\u00fcller \u20ac \u201cok\u201d");
}
END_TEST

START_TEST(charset_meta_and_sniff)
{
	size_t n;
	const char *p = slurp("latin1.html", &n);
	struct html_article h;
	struct enr_error err;
	ck_assert_int_eq(html_extract(A, p, n, NULL, &h, &err), 0);
	ck_assert(html_utf8_valid(h.text, h.len));
	ck_assert_str_eq(h.title, "Caf\u00e9 owners protest");
	ck_assert_ptr_nonnull(strstr(h.text, "Caf\u00e9 owners in S\u00e3o Bento protested"));
	ck_assert_ptr_nonnull(strstr(h.text, "\u00abWe pay enough already\u00bb, said Jos\u00e9 Ara\u00fajo"));
	/* <meta charset> short form, and no declaration at all with bytes that
	 * are not UTF-8 (read as windows-1252). */
	h = ex("<meta charset=\"windows-1252\"><p>na\xefve</p>");
	ck_assert_str_eq(h.text, "na\u00efve");
	h = ex("<p>r\xe9sum\xe9</p>");
	ck_assert_str_eq(h.text, "r\u00e9sum\u00e9");
	/* Valid UTF-8 without any declaration stays as it is. */
	h = ex("<p>\u017d\u0105\u010d \u65e5\u672c</p>");
	ck_assert_str_eq(h.text, "\u017d\u0105\u010d \u65e5\u672c");
	/* An unknown label falls back to the guess. */
	h = ex_cs("<p>ok \xe9</p>", "x-no-such-charset");
	ck_assert_str_eq(h.text, "ok \u00e9");
}
END_TEST

START_TEST(charset_utf16_bom)
{
	const char page[] = "\xff\xfe<\0p\0>\0H\0i\0 \0\xe9\0<\0/\0p\0>\0";
	struct html_article h;
	struct enr_error err;
	ck_assert_int_eq(html_extract(A, page, sizeof page - 1, NULL, &h, &err), 0);
	ck_assert_str_eq(h.text, "Hi \u00e9");
}
END_TEST

START_TEST(invalid_utf8_repaired)
{
	/* Declared UTF-8 but broken: overlong, surrogate, truncated sequence. */
	const char page[] = "<p>a\xc0\xafz \xed\xa0\x80 end\xe2\x82</p>";
	struct html_article h = ex_cs(page, "utf-8");
	ck_assert_str_eq(h.text, "a\ufffd\ufffdz \ufffd\ufffd\ufffd end\ufffd\ufffd");
}
END_TEST

START_TEST(content_type_charset)
{
	char cs[32];
	ck_assert_int_eq(html_charset_from_content_type("text/html; charset=ISO-8859-1", cs, sizeof cs), 0);
	ck_assert_str_eq(cs, "ISO-8859-1");
	ck_assert_int_eq(html_charset_from_content_type("text/html;Charset=\"utf-8\"", cs, sizeof cs), 0);
	ck_assert_str_eq(cs, "utf-8");
	ck_assert_int_eq(html_charset_from_content_type("text/html", cs, sizeof cs), -1);
	ck_assert_int_eq(html_charset_from_content_type(NULL, cs, sizeof cs), -1);
	ck_assert_int_eq(html_charset_from_content_type("text/html; charset=", cs, sizeof cs), -1);
}
END_TEST

START_TEST(plain_text)
{
	char *t = NULL;
	size_t n = 0;
	struct enr_error err;
	const char raw[] = "\r\n  First line.\r\n\r\nSecond\x01 para \xe9t\xe9.\r\n";
	ck_assert_int_eq(html_plain_text(A, raw, sizeof raw - 1, "iso-8859-1", &t, &n, &err), 0);
	ck_assert_str_eq(t, "First line.\n\nSecond para \u00e9t\u00e9.");
	ck_assert_uint_eq(n, strlen(t));
}
END_TEST

START_TEST(malformed_pages)
{
	static const char *const pages[] = {
		"", "<", "<<<>>>", "</", "</>", "<!", "<!--", "<!-- never closed <p>x</p>", "<p",
		"<p class=\"unterminated>text", "<p class='a' class='b' =x>y", "<script>never closed",
		"<title>never closed", "</p></p></div></article>text", "<a href=x><a><a><p>x",
		"&", "&#", "&#x", "&#xZZ;", "&#99999999999999999999;", "&amp", "<p>&",
		"<div/><p/>z", "<p>\xff\xfe\xfd</p>", "<plaintext><p>raw", "<svg/><p>after svg</p>",
		"<meta charset=", "<meta http-equiv=content-type content='text/html; charset='>",
		"<script type=application/ld+json>", "<script type=application/ld+json>\"\\",
		"<br><br><br>", "<?xml version=\"1.0\"?><p>xml</p>", "<p>a</br>b</p>",
		"<table><tr><td>cell<td>cell2</table>", "<ul><li>one<li>two</ul>",
	};
	for (size_t i = 0; i < sizeof pages / sizeof pages[0]; i++)
		(void)ex(pages[i]);
	struct html_article h = ex("<!-- never closed <p>x</p>");
	ck_assert_str_eq(h.text, "");
	h = ex("<p class=\"unterminated>text");
	ck_assert_str_eq(h.text, "");
	h = ex("<svg/><p>after svg</p>");
	ck_assert_str_eq(h.text, "after svg");
	h = ex("<p>a</br>b</p>");
	ck_assert_str_eq(h.text, "a b");
	h = ex("<ul><li>one<li>two</ul>");
	ck_assert_str_eq(h.text, "one\n\ntwo");
}
END_TEST

START_TEST(deep_nesting_bounded)
{
	size_t n = 4000 * 5 + 64;
	char *p = malloc(n);
	ck_assert_ptr_nonnull(p);
	size_t o = 0;
	for (int i = 0; i < 4000; i++)
		o += (size_t)sprintf(p + o, "<div>");
	o += (size_t)sprintf(p + o, "<p>deep text</p>");
	p[o] = '\0';
	struct html_article h = ex(p);
	ck_assert_str_eq(h.text, "deep text");
	free(p);
}
END_TEST

START_TEST(random_bytes_never_crash)
{
	/* Pseudo-random pages built from HTML-ish fragments and raw bytes. */
	static const char *const frags[] = {
		"<p>", "</p>", "<div class=\"a\">", "</div>", "<article>", "&amp;", "&#", "<!--",
		"-->", "<script>", "</script>", "<br>", "text ", "\xc3", "\xa9", "\xff", "\"", "'",
		"<a href=", ">", "<", "&", ";", "<meta charset=latin1>", "<title>",
		"<script type=application/ld+json>{\"articleBody\":\"x\"", "\n",
	};
	unsigned s = 12345;
	char page[2048];
	for (int it = 0; it < 300; it++) {
		size_t o = 0;
		while (o < sizeof page - 64) {
			s = s * 1103515245u + 12345u;
			const char *f = frags[(s >> 16) % (sizeof frags / sizeof frags[0])];
			size_t l = strlen(f);
			memcpy(page + o, f, l);
			o += l;
			if (((s >> 8) & 63) == 0)
				break;
		}
		struct html_article h;
		struct enr_error err;
		ck_assert_int_eq(html_extract(A, page, o, NULL, &h, &err), 0);
		ck_assert(html_utf8_valid(h.text, h.len));
		ck_assert_uint_eq(strlen(h.text), h.len);
	}
}
END_TEST

START_TEST(utf8_validator)
{
	ck_assert(html_utf8_valid("abc \u00e9 \u20ac \U0001F600", strlen("abc \u00e9 \u20ac \U0001F600")));
	ck_assert(!html_utf8_valid("\xc0\x80", 2));
	ck_assert(!html_utf8_valid("\xed\xa0\x80", 3));
	ck_assert(!html_utf8_valid("\xf4\x90\x80\x80", 4));
	ck_assert(!html_utf8_valid("\xe2\x82", 2));
}
END_TEST

static Suite *html_suite(void)
{
	Suite *s = suite_create("html");
	TCase *tc = tcase_create("extract");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, jsonld_article_body_wins);
	tcase_add_test(tc, jsonld_in_array_and_headline_title);
	tcase_add_test(tc, jsonld_raw_newlines_and_html_body);
	tcase_add_test(tc, jsonld_teaser_loses_to_long_page);
	tcase_add_test(tc, broken_jsonld_ignored);
	tcase_add_test(tc, article_page);
	tcase_add_test(tc, nav_heavy_page_density);
	tcase_add_test(tc, itemprop_article_body);
	tcase_add_test(tc, main_element);
	tcase_add_test(tc, density_split_wrappers);
	tcase_add_test(tc, entities);
	tcase_add_test(tc, whitespace_and_breaks);
	tcase_add_test(tc, skipped_elements);
	tcase_add_test(tc, form_wrapped_page_retried);
	tcase_add_test(tc, noisy_wrapper_class_retried);
	tcase_add_test(tc, link_heavy_blocks_dropped);
	tcase_add_test(tc, implicit_paragraph_ends);
	tcase_add_test(tc, metadata_sources);
	tcase_add_test(tc, charset_header_latin1);
	tcase_add_test(tc, charset_meta_and_sniff);
	tcase_add_test(tc, charset_utf16_bom);
	tcase_add_test(tc, invalid_utf8_repaired);
	tcase_add_test(tc, content_type_charset);
	tcase_add_test(tc, plain_text);
	tcase_add_test(tc, malformed_pages);
	tcase_add_test(tc, deep_nesting_bounded);
	tcase_add_test(tc, random_bytes_never_crash);
	tcase_add_test(tc, utf8_validator);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(html_suite());
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
