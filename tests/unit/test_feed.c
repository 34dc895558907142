/*
 * test_feed: what the feeds are made of. The XML and JSON escapers (every
 * byte value, hostile strings, invalid UTF-8), the RFC 822 date, relative
 * links made absolute by md_render_abs (RFC 3986's examples among them),
 * the three writers on a hostile item, and the feed addresses the route
 * table keeps from static pages.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <string.h>

#include <cmocka.h>

#include "arena.h"
#include "buf.h"
#include "date.h"
#include "feed.h"
#include "markdown.h"
#include "req.h"
#include "route.h"

#include "fixture.h"

static char *
xml(const char *s, size_t len)
{
	struct buf	 b;
	char		*r;

	buf_init(&b);
	buf_puts(&b, "");
	feed_xml(&b, s, len);
	r = arena_strndup(&A, b.data, b.len);
	buf_free(&b);
	return r;
}

static char *
json(const char *s, size_t len)
{
	struct buf	 b;
	char		*r;

	buf_init(&b);
	feed_json(&b, s, len);
	r = arena_strndup(&A, b.data, b.len);
	buf_free(&b);
	return r;
}

#define XML(s)	xml((s), sizeof(s) - 1)
#define JSON(s)	json((s), sizeof(s) - 1)

static void
xml_escapes(void **state)
{
	assert_string_equal(XML(""), "");
	assert_string_equal(XML("plain text"), "plain text");
	assert_string_equal(XML("<a href=\"x\">&amp;'</a>"),
	    "&lt;a href=&quot;x&quot;&gt;&amp;amp;&#39;&lt;/a&gt;");
	/* "]]>" needs nothing of its own: '>' is always escaped. */
	assert_string_equal(XML("a]]>b"), "a]]&gt;b");
	/* Tab and newline stay; other C0 controls, CR, DEL and C1 go. */
	assert_string_equal(XML("a\tb\nc\rd\x01\x1f\x7f" "e\xc2\x80\xc2\x9f" "f"),
	    "a\tb\ncdef");
	assert_string_equal(XML("nul\0byte"), "nulbyte");
	/* U+FFFE and U+FFFF are not XML characters; U+FFFD and beyond are. */
	assert_string_equal(XML("x\xef\xbf\xbe\xef\xbf\xbfy"), "xy");
	assert_string_equal(XML("\xef\xbf\xbd\xf0\x9f\x98\x80\xc3\xa9"),
	    "\xef\xbf\xbd\xf0\x9f\x98\x80\xc3\xa9");
	/* Invalid UTF-8: a stray continuation, an overlong '<', a
	 * surrogate, past U+10FFFF, a cut sequence: U+FFFD each byte, and
	 * never a raw '<'. */
	assert_string_equal(XML("\x80"), "\xef\xbf\xbd");
	assert_string_equal(XML("\xc0\xbc"), "\xef\xbf\xbd\xef\xbf\xbd");
	assert_string_equal(XML("\xed\xa0\x80"),
	    "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd");
	assert_string_equal(XML("\xf4\x90\x80\x80"),
	    "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd");
	assert_string_equal(XML("a\xe2\x82"), "a\xef\xbf\xbd\xef\xbf\xbd");
}

/* Every single byte and every pair: the output is valid UTF-8 with no
 * character XML forbids and no raw markup character. */
static void
xml_every_byte(void **state)
{
	char	 in[2], *out;
	size_t	 i, j, k;

	for (i = 0; i < 256; i++)
		for (j = 0; j < 256; j++) {
			in[0] = (char)i, in[1] = (char)j;
			out = xml(in, 2);
			if (!req_text_valid(out, strlen(out)))
				fail_msg("%02zx %02zx: invalid UTF-8", i, j);
			for (k = 0; out[k] != '\0'; k++)
				if ((((unsigned char)out[k] < 0x20 &&
				    out[k] != '\t' && out[k] != '\n') ||
				    out[k] == 0x7f || out[k] == '<' ||
				    out[k] == '>' || out[k] == '"' ||
				    out[k] == '\''))
					fail_msg("%02zx %02zx: byte %02x",
					    i, j, (unsigned char)out[k]);
		}
}

static void
json_escapes(void **state)
{
	assert_string_equal(JSON(""), "\"\"");
	assert_string_equal(JSON("say \"hi\" \\ back"),
	    "\"say \\\"hi\\\" \\\\ back\"");
	assert_string_equal(JSON("a\nb\tc\rd\x01\x1f\x7f"),
	    "\"a\\nb\\tc\\rd\\u0001\\u001f\x7f\"");
	assert_string_equal(JSON("</script><!--&"),
	    "\"\\u003c/script\\u003e\\u003c!--\\u0026\"");
	assert_string_equal(JSON("\xe2\x80\xa8\xe2\x80\xa9"),
	    "\"\\u2028\\u2029\"");
	assert_string_equal(JSON("nul\0"), "\"nul\\u0000\"");
	assert_string_equal(JSON("\xc3\xa9\xf0\x9f\x98\x80"),
	    "\"\xc3\xa9\xf0\x9f\x98\x80\"");
	assert_string_equal(JSON("\xff<"), "\"\xef\xbf\xbd\\u003c\"");
}

static void
json_every_byte(void **state)
{
	char	 in[2], *out;
	size_t	 i, j, k, n;

	for (i = 0; i < 256; i++)
		for (j = 0; j < 256; j++) {
			in[0] = (char)i, in[1] = (char)j;
			out = json(in, 2);
			n = strlen(out);
			if (!req_text_valid(out, n) || n < 2 ||
			    out[0] != '"' || out[n - 1] != '"')
				fail_msg("%02zx %02zx: %s", i, j, out);
			for (k = 1; k + 1 < n; k++) {
				if ((unsigned char)out[k] < 0x20 ||
				    out[k] == '<' || out[k] == '>' ||
				    out[k] == '&')
					fail_msg("%02zx %02zx: byte %02x",
					    i, j, (unsigned char)out[k]);
				if (out[k] == '"' && out[k - 1] != '\\')
					fail_msg("%02zx %02zx: bare quote",
					    i, j);
				if (out[k] == '\\')
					k++;	/* the escaped character */
			}
		}
}

static void
rfc822(void **state)
{
	assert_string_equal(date_rfc822(&A, 0),
	    "Thu, 01 Jan 1970 00:00:00 +0000");
	assert_string_equal(date_rfc822(&A, 1647248400),
	    "Mon, 14 Mar 2022 09:00:00 +0000");
	assert_string_equal(date_rfc822(&A, 1709251200 - 1),
	    "Thu, 29 Feb 2024 23:59:59 +0000");
	assert_string_equal(date_iso(&A, 1709251200 - 1),
	    "2024-02-29T23:59:59Z");
}

/* The href of the first link (or src of the first image) md renders,
 * against base. */
static const char *
abs_url(const char *base, const char *md)
{
	struct safe_html	 h;
	const char		*p, *q;

	assert_int_equal(md_render_abs(&A, md, strlen(md), base, &h), 0);
	if ((p = strstr(h.s, "href=\"")) == NULL &&
	    (p = strstr(h.s, "src=\"")) == NULL)
		return h.s;
	p = strchr(p, '"') + 1;
	q = strchr(p, '"');
	return arena_strndup(&A, p, (size_t)(q - p));
}

static void
absolute_links(void **state)
{
	/* RFC 3986 5.4.1, against http://a/b/c/d;p (no query). */
	static const struct {
		const char	*ref, *want;
	} rfc[] = {
		{ "g", "http://a/b/c/g" },
		{ "./g", "http://a/b/c/g" },
		{ "g/", "http://a/b/c/g/" },
		{ "/g", "http://a/g" },
		{ "//g", "http://g" },
		{ "?y", "http://a/b/c/d;p?y" },
		{ "g?y", "http://a/b/c/g?y" },
		{ "#s", "http://a/b/c/d;p#s" },
		{ "g#s", "http://a/b/c/g#s" },
		{ "g?y#s", "http://a/b/c/g?y#s" },
		{ ";x", "http://a/b/c/;x" },
		{ ".", "http://a/b/c/" },
		{ "./", "http://a/b/c/" },
		{ "..", "http://a/b/" },
		{ "../", "http://a/b/" },
		{ "../g", "http://a/b/g" },
		{ "../..", "http://a/" },
		{ "../../", "http://a/" },
		{ "../../g", "http://a/g" },
		{ "../../../g", "http://a/g" },
		{ "../../../../g", "http://a/g" },
		{ "/./g", "http://a/g" },
		{ "/../g", "http://a/g" },
		{ "g.", "http://a/b/c/g." },
		{ ".g", "http://a/b/c/.g" },
		{ "g..", "http://a/b/c/g.." },
		{ "..g", "http://a/b/c/..g" },
		{ "./../g", "http://a/b/g" },
		{ "./g/.", "http://a/b/c/g/" },
		{ "g/./h", "http://a/b/c/g/h" },
		{ "g/../h", "http://a/b/c/h" },
		{ "g;x=1/./y", "http://a/b/c/g;x=1/y" },
		{ "g;x=1/../y", "http://a/b/c/y" },
		{ "g?y/./x", "http://a/b/c/g?y/./x" },
		{ "g#s/../x", "http://a/b/c/g#s/../x" },
	};
	char	*md;
	size_t	 i;

	for (i = 0; i < sizeof(rfc) / sizeof(rfc[0]); i++) {
		md = arena_printf(&A, "[x](<%s>)", rfc[i].ref);
		assert_string_equal(abs_url("http://a/b/c/d;p", md),
		    rfc[i].want);
	}
	/* An article's address; an image too. */
	assert_string_equal(abs_url("https://ex.org/2024/05/slug",
	    "![alt](pic.png)"), "https://ex.org/2024/05/pic.png");
	assert_string_equal(abs_url("https://ex.org/blog/2024/05/slug",
	    "[a](/about)"), "https://ex.org/about");
	/* Absolute ones are left alone, mailto too. */
	assert_string_equal(abs_url("https://ex.org/2024/05/slug",
	    "[a](HTTP://other.example/x/../y)"), "HTTP://other.example/x/../y");
	assert_string_equal(abs_url("https://ex.org/2024/05/slug",
	    "[a](mailto:me@ex.org)"), "mailto:me@ex.org");
	/* Refused ones are still refused, not made absolute. */
	assert_string_equal(abs_url("https://ex.org/2024/05/slug",
	    "[a](javascript:alert(1))"), "<p>a</p>\n");
	/* Characters cmark escapes in an href stay escaped. */
	assert_string_equal(abs_url("https://ex.org/2024/05/slug",
	    "[a](<d/x y\"z>)"), "https://ex.org/2024/05/d/x%20y%22z");
	/* md_render itself leaves relative links relative. */
	{
		struct safe_html	 h;

		assert_int_equal(md_render(&A, "[a](g)", 6, &h), 0);
		assert_string_equal(h.s, "<p><a href=\"g\">a</a></p>\n");
	}
}

/* The writers on one hostile item: the escapers do the rest. */
static void
writers(void **state)
{
	static const char *const tags[] = { "a<b", "c&d" };
	static const char body[] = "<p>]]&gt; &amp; \x02</p>";
	struct feed_item	 it;
	struct feed		 f;
	struct buf		 b;
	int			 k;

	memset(&it, 0, sizeof(it));
	it.id = "tag:ex.org,2024:article-1";
	it.title = "]]> & <b> \x01 \"q\"";
	it.url = "https://ex.org/2024/05/x?a=1&b=2";
	it.author = "";
	it.published = 1647248400;
	it.updated = 1647248460;
	it.content = (struct safe_html){ body, sizeof(body) - 1 };
	it.tags = tags;
	it.ntags = 2;
	memset(&f, 0, sizeof(f));
	f.title = "T & <t>";
	f.subtitle = "";
	f.author = "Site <author>";
	f.home_url = "https://ex.org/";
	f.self_url = "https://ex.org/feed.atom";
	f.id = f.self_url;
	f.updated = it.updated;
	f.items = &it;
	f.n = 1;
	for (k = 0; k < FEED__MAX; k++) {
		buf_init(&b);
		feed_write(&A, &b, k, &f);
		assert_non_null(strstr(b.data, k == FEED_JSON ?
		    "\"title\":\"]]\\u003e \\u0026 \\u003cb\\u003e \\u0001 "
		    "\\\"q\\\"\"" : "]]&gt; &amp; &lt;b&gt;  &quot;q&quot;"));
		assert_null(strstr(b.data, "]]>"));
		assert_null(strchr(b.data, '\x01'));
		assert_non_null(strstr(b.data, k == FEED_JSON ?
		    "Site \\u003cauthor\\u003e" : "Site &lt;author&gt;"));
		assert_non_null(strstr(b.data, k == FEED_JSON ?
		    "x?a=1\\u0026b=2" : "x?a=1&amp;b=2"));
		assert_non_null(strstr(b.data, k == FEED_JSON ? "\"c\\u0026d\"" :
		    k == FEED_ATOM ? "term=\"c&amp;d\"" : ">c&amp;d<"));
		if (k == FEED_JSON)
			assert_null(strchr(b.data, '\x02'));
		buf_free(&b);
	}
}

static void
reserved(void **state)
{
	static const char *const paths[] = { "/feed", "/feed/", "/rss",
	    "/rss.xml", "/atom.xml", "/index.xml", "/feed.xml", "/feed.atom",
	    "/feed.rss", "/feed.json" };
	struct route_match	 m;
	size_t			 i;

	assert_true(route_reserved("feed"));
	assert_true(route_reserved("rss"));
	for (i = 0; i < sizeof(paths) / sizeof(paths[0]); i++) {
		assert_int_equal(route_match(&A, paths[i], METHOD_GET, &m), 0);
		assert_non_null(m.handler);
		assert_int_equal(m.kind, RK_READER);
		/* The feeds have a stamp, the redirects none. */
		assert_int_equal(m.stamp != NULL, strncmp(paths[i], "/feed.",
		    6) == 0 && strcmp(paths[i], "/feed.xml") != 0);
	}
	assert_int_equal(route_match(&A, "/feed.atom", METHOD_POST, &m), 405);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(xml_escapes),
		cmocka_unit_test(xml_every_byte),
		cmocka_unit_test(json_escapes),
		cmocka_unit_test(json_every_byte),
		cmocka_unit_test(rfc822),
		cmocka_unit_test(absolute_links),
		cmocka_unit_test(writers),
		cmocka_unit_test(reserved),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
