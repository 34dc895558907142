/*
 * test_markdown: cmark in safe mode. Raw HTML and dangerous links never
 * reach the page; smart punctuation; invalid input still gives valid
 * UTF-8; excerpts are plain text cut cleanly; word counts.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <string.h>

#include <cmocka.h>

#include "arena.h"
#include "markdown.h"
#include "req.h"

#include "fixture.h"

/* Renders len bytes of md; the output is checked to be valid UTF-8 text
 * with its length as told, and returned. */
static const char *
md(const char *in, size_t len)
{
	struct safe_html	 h;

	memset(&h, 0, sizeof(h));
	assert_int_equal(md_render(&A, in, len, &h), 0);
	assert_non_null(h.s);
	assert_int_equal(strlen(h.s), h.len);
	if (!req_text_valid(h.s, h.len))
		fail_msg("output is not valid UTF-8: %s", h.s);
	return h.s;
}

#define MD(s)	md((s), strlen(s))

static void
contains(const char *hay, const char *needle)
{
	if (strstr(hay, needle) == NULL)
		fail_msg("\"%s\" not in:\n%s", needle, hay);
}

static void
lacks(const char *hay, const char *needle)
{
	if (strstr(hay, needle) != NULL)
		fail_msg("\"%s\" found in:\n%s", needle, hay);
}

static void
basic(void **state)
{
	assert_string_equal(MD("Hello *world*"),
	    "<p>Hello <em>world</em></p>\n");
	assert_string_equal(MD(""), "");
	assert_string_equal(MD("# Title"), "<h1>Title</h1>\n");
	/* Text that looks like HTML is escaped, not dropped. */
	assert_string_equal(MD("1 < 2 & 3 > 2"),
	    "<p>1 &lt; 2 &amp; 3 &gt; 2</p>\n");
}

static void
drops_raw_html(void **state)
{
	const char	*out;

	out = MD("<script>alert(1)</script>\n\nafter");
	lacks(out, "<script");
	lacks(out, "alert(1)");
	contains(out, "<p>after</p>");

	out = MD("inline <script>alert(1)</script> here");
	lacks(out, "<script");
	contains(out, "inline");

	out = MD("<img src=x onerror=alert(1)>");
	lacks(out, "<img");
	lacks(out, "onerror");

	out = MD("<div onclick=\"alert(1)\">\n\n*x*\n\n</div>");
	lacks(out, "<div");
	lacks(out, "onclick");
	contains(out, "<em>x</em>");

	out = MD("<iframe src=\"https://evil.example/\"></iframe>");
	lacks(out, "<iframe");

	out = MD("a <a href=\"javascript:alert(1)\">b</a> c");
	lacks(out, "javascript:");
	lacks(out, "<a ");
}

/* Defect 7: cmark blanked a refused link to <a href="">, a live link to the
 * page itself. A link whose URL html_url_allowed() refuses (or an empty
 * one) now shows its text with no link at all; nothing of the URL is left. */
static void
unlinks_refused_urls(void **state)
{
	static const char *const bad[] = {
		"[x](javascript:alert(1))",
		"[x](JaVaScRiPt:alert(1))",
		"[x](<javascript:alert(1)>)",
		"[x]( javascript:alert(1))",
		"[x](< javascript:alert(1)>)",
		"[x](java&#x09;script:alert(1))",
		"[x](<java\tscript:alert(1)>)",
		"[x](&#106;avascript:alert(1))",
		"[x](&#x6A;avascript:alert(1))",
		"[x](javascript&colon;alert(1))",
		"[x](javascript:alert(1) \"title\")",
		"[x](vbscript:msgbox(1))",
		"[x](VBScript:msgbox(1))",
		"[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg)",
		"[x](data:text/html,<script>alert(1)</script>)",
		"[x](file:///etc/passwd)",
		"[x](ftp://example.org/)",
		"[x][r]\n\n[r]: javascript:alert(1)",
		"[x][r]\n\n[r]: <JaVaScRiPt:alert(1)> \"t\"",
		"[x]\n\n[x]: vbscript:msgbox(1)",
		"[x]()",
		"[x](<>)",
	};
	const char	*out;
	size_t		 i;

	/* Exactly the text: no <a>, no href="", nothing of the URL. */
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		out = MD(bad[i]);
		if (strcmp(out, "<p>x</p>\n") != 0)
			fail_msg("%s\nrendered as: %s", bad[i], out);
	}
	/* The text keeps its markup, and the text around it stays. */
	assert_string_equal(MD("a [*b* `c`](javascript:alert(1)) d"),
	    "<p>a <em>b</em> <code>c</code> d</p>\n");
	/* Refused and allowed links side by side. */
	assert_string_equal(MD("[a](javascript:x) [b](/ok) [c](data:x)"),
	    "<p>a <a href=\"/ok\">b</a> c</p>\n");
	/* An image inside a refused link stays; a refused link inside an
	 * image's description is only alt text anyway. */
	assert_string_equal(MD("[![i](/i.png)](javascript:x)"),
	    "<p><img src=\"/i.png\" alt=\"i\" /></p>\n");
	/* Nested in emphasis, a list, a heading, a table-less blockquote. */
	assert_string_equal(MD("> - *[x](javascript:x)*\n\n# [h](vbscript:x)"),
	    "<blockquote>\n<ul>\n<li><em>x</em></li>\n</ul>\n</blockquote>\n"
	    "<h1>h</h1>\n");
}

/* An autolink's text is its URL: refused, it stays as inert text, never
 * in an attribute and never a link. */
static void
unlinks_refused_autolinks(void **state)
{
	static const struct {
		const char	*in, *out;
	} cases[] = {
		{ "<javascript:alert(1)>", "<p>javascript:alert(1)</p>\n" },
		{ "<JaVaScRiPt:alert(1)>", "<p>JaVaScRiPt:alert(1)</p>\n" },
		{ "<vbscript:msgbox(1)>", "<p>vbscript:msgbox(1)</p>\n" },
		{ "<data:text/html,x>", "<p>data:text/html,x</p>\n" },
		{ "<file:///etc/passwd>", "<p>file:///etc/passwd</p>\n" },
	};
	size_t	 i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		assert_string_equal(MD(cases[i].in), cases[i].out);
	/* An e-mail autolink is mailto:, which is allowed. */
	assert_string_equal(MD("<a@example.org>"),
	    "<p><a href=\"mailto:a@example.org\">a@example.org</a></p>\n");
}

/* An image whose URL is refused becomes its alt text, as plain text. */
static void
refused_images_become_alt_text(void **state)
{
	static const char *const bad[] = {
		"![x](javascript:alert(1))",
		"![x](JaVaScRiPt:alert(1))",
		"![x](java&#x09;script:alert(1))",
		"![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
		"![x](data:text/html,x)",
		"![x](vbscript:x)",
		"![x][r]\n\n[r]: javascript:alert(1)",
		"![x]()",
	};
	const char	*out;
	size_t		 i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		out = MD(bad[i]);
		if (strcmp(out, "<p>x</p>\n") != 0)
			fail_msg("%s\nrendered as: %s", bad[i], out);
	}
	/* The alt text is plain: markup in the description is flattened,
	 * then escaped as text. */
	assert_string_equal(MD("![*a* `<b>` [c](/d)](javascript:x)"),
	    "<p>a &lt;b&gt; c</p>\n");
	/* No description, no text. */
	assert_string_equal(MD("a ![](javascript:x) b"), "<p>a  b</p>\n");
	/* data: images are refused too: one rule for href and src. */
	assert_string_equal(MD("![x](data:image/png;base64,iVBORw0KGgo=)"),
	    "<p>x</p>\n");
}

/* Whatever the input, no href or src is ever empty or holds a script. */
static void
no_empty_or_script_urls(void **state)
{
	static const char *const in[] = {
		"[a](javascript:x) ![b](javascript:x) <javascript:x> [c]() "
		"![d]() [e][r] ![f][r]\n\n[r]: vbscript:x",
		"[a](<>) [b](# \"t\") [c](?q) [d](/)",
	};
	const char	*out;
	size_t		 i;

	for (i = 0; i < sizeof(in) / sizeof(in[0]); i++) {
		out = MD(in[i]);
		lacks(out, "href=\"\"");
		lacks(out, "src=\"\"");
		lacks(out, "=\"javascript");
		lacks(out, "=\"vbscript");
	}
}

static void
keeps_good_links(void **state)
{
	assert_string_equal(MD("[x](https://example.org/a?b=1&c=2)"),
	    "<p><a href=\"https://example.org/a?b=1&amp;c=2\">x</a></p>\n");
	contains(MD("[x](http://example.org/)"), "href=\"http://example.org/\"");
	contains(MD("[x](/2023/05/a-slug)"), "href=\"/2023/05/a-slug\"");
	contains(MD("[x](mailto:a@example.org)"),
	    "href=\"mailto:a@example.org\"");
	contains(MD("<https://example.org/>"),
	    "<a href=\"https://example.org/\">https://example.org/</a>");
	contains(MD("![alt](/static/a.png \"t\")"),
	    "<img src=\"/static/a.png\" alt=\"alt\" title=\"t\" />");
}

/* Attribute breakouts are escaped in titles and encoded in URLs. */
static void
attribute_breakouts(void **state)
{
	const char	*out;

	out = MD("[x](/a \"t\\\" onmouseover=\\\"alert(1)\")");
	lacks(out, "\" onmouseover");
	contains(out, "&quot; onmouseover=&quot;");
	out = MD("[x](<http://a/\" onmouseover=\"alert(1)>)");
	lacks(out, "\" onmouseover");
	lacks(out, " onmouseover");
}

static void
smart_punctuation(void **state)
{
	assert_string_equal(MD("\"quoted\" and 'single' -- it's --- ..."),
	    "<p>\xe2\x80\x9cquoted\xe2\x80\x9d and \xe2\x80\x98single"
	    "\xe2\x80\x99 \xe2\x80\x93 it\xe2\x80\x99s \xe2\x80\x94 "
	    "\xe2\x80\xa6</p>\n");
	/* Not inside code. */
	assert_string_equal(MD("`\"a\" -- b`"),
	    "<p><code>&quot;a&quot; -- b</code></p>\n");
}

static void
invalid_utf8(void **state)
{
	static const char *const inputs[] = {
		"caf\xc3 \xff\xfe bad",
		"\xc0\xaf overlong \xed\xa0\x80 surrogate \xf4\x90\x80\x80",
		"trailing \xe2\x82",
		"[\xff](https://example.org/\xff)",
		"# \xf0\x9d\x84",
		"`\x80`",
	};
	const char	*out;
	size_t		 i;

	for (i = 0; i < sizeof(inputs) / sizeof(inputs[0]); i++) {
		out = MD(inputs[i]);	/* md() checks the UTF-8 */
		assert_true(strlen(out) > 0);
	}
	/* Replaced with U+FFFD, the rest kept. */
	out = MD("a\xff" "b");
	assert_string_equal(out, "<p>a\xef\xbf\xbd" "b</p>\n");
	/* A NUL inside the input is replaced too. */
	out = md("a\0b", 3);
	assert_string_equal(out, "<p>a\xef\xbf\xbd" "b</p>\n");
}

/* Only len bytes are read. */
static void
honours_length(void **state)
{
	assert_string_equal(md("*a* <script>", 3), "<p><em>a</em></p>\n");
}

static void
excerpt_plain_text(void **state)
{
	const char	*in;

	in = "First *para* with [a link](https://example.org/) and `code`"
	    " and <b>raw</b> <script>alert(1)</script>.\nSecond line.\n\n"
	    "Second paragraph.";
	assert_string_equal(md_excerpt(&A, in, strlen(in), 500),
	    "First para with a link and code and raw alert(1). Second line.");
	/* Entities are decoded: the excerpt is text, escaped later. */
	in = "Fish &amp; chips &lt;3";
	assert_string_equal(md_excerpt(&A, in, strlen(in), 500),
	    "Fish & chips <3");
}

static void
excerpt_skips_heading(void **state)
{
	const char	*in;

	in = "# A heading\n\n## Another\n\nThe *first* paragraph.\n\nNot this.";
	assert_string_equal(md_excerpt(&A, in, strlen(in), 500),
	    "The first paragraph.");
	in = "Heading\n=======\n\nBody text.";
	assert_string_equal(md_excerpt(&A, in, strlen(in), 500), "Body text.");
}

static void
excerpt_none(void **state)
{
	assert_string_equal(md_excerpt(&A, "", 0, 100), "");
	assert_string_equal(md_excerpt(&A, "# Only a heading", 16, 100), "");
	assert_string_equal(md_excerpt(&A, "    code block", 14, 100), "");
}

static void
excerpt_smart(void **state)
{
	const char	*in = "\"Hi\" -- it's";

	assert_string_equal(md_excerpt(&A, in, strlen(in), 100),
	    "\xe2\x80\x9cHi\xe2\x80\x9d \xe2\x80\x93 it\xe2\x80\x99s");
}

/* The part before the ellipsis: the ellipsis is stripped and checked. */
static size_t
cut_len(const char *s)
{
	size_t	 n = strlen(s);

	if (n < 3 || memcmp(s + n - 3, "\xe2\x80\xa6", 3) != 0)
		fail_msg("no ellipsis at the end of \"%s\"", s);
	return n - 3;
}

static void
excerpt_cuts_at_word(void **state)
{
	const char	*in = "one two three four five six";
	char		*out;

	out = md_excerpt(&A, in, strlen(in), 10);
	assert_string_equal(out, "one two\xe2\x80\xa6");
	out = md_excerpt(&A, in, strlen(in), 13);
	assert_string_equal(out, "one two three\xe2\x80\xa6");
	out = md_excerpt(&A, in, strlen(in), 12);
	assert_string_equal(out, "one two\xe2\x80\xa6");
	/* Fits: no ellipsis. */
	out = md_excerpt(&A, in, strlen(in), strlen(in));
	assert_string_equal(out, in);
	/* Trailing punctuation before the cut goes. */
	in = "Hello, world. This is long.";
	out = md_excerpt(&A, in, strlen(in), 13);
	assert_string_equal(out, "Hello, world\xe2\x80\xa6");
	out = md_excerpt(&A, in, strlen(in), 8);
	assert_string_equal(out, "Hello\xe2\x80\xa6");
}

static void
excerpt_long_text(void **state)
{
	char	 in[4000];
	char	*out;
	size_t	 i, n, max;

	for (i = 0; i + 1 < sizeof(in); i++)
		in[i] = i % 7 == 6 ? ' ' : 'a' + (char)(i % 7);
	in[sizeof(in) - 1] = '\0';
	for (max = 20; max < 400; max += 37) {
		out = md_excerpt(&A, in, strlen(in), max);
		n = cut_len(out);
		assert_true(n <= max);
		assert_true(n > max - 7);
		assert_int_equal(out[n - 1], 'f');	/* a whole word */
		assert_memory_equal(out, in, n);
	}
}

/* Cut inside a run of two-, three- and four-byte characters: never in
 * the middle of one, whatever max is. */
static void
excerpt_never_splits_utf8(void **state)
{
	static const char *const chars[] = {
		"\xc3\xa9", "\xe2\x82\xac", "\xf0\x9d\x84\x9e",
	};
	char	 in[400];
	char	*out;
	size_t	 c, i, max, n, clen;

	for (c = 0; c < 3; c++) {
		clen = strlen(chars[c]);
		in[0] = '\0';
		for (i = 0; i < 60; i++)
			strcat(in, chars[c]);	/* one long "word" */
		for (max = 1; max < 40; max++) {
			out = md_excerpt(&A, in, strlen(in), max);
			if (!req_text_valid(out, strlen(out)))
				fail_msg("max %zu, %zu-byte chars: invalid "
				    "UTF-8", max, clen);
			n = cut_len(out);
			assert_true(n <= max);
			assert_int_equal(n % clen, 0);
			assert_int_equal(n, max / clen * clen);
		}
	}
	/* Words of accented text cut at a space. */
	out = md_excerpt(&A, "caf\xc3\xa9 caf\xc3\xa9 caf\xc3\xa9", 17, 13);
	assert_string_equal(out, "caf\xc3\xa9 caf\xc3\xa9\xe2\x80\xa6");
}

static void
words(void **state)
{
	assert_int_equal(md_words("", 0), 0);
	assert_int_equal(md_words("   \n\t ", 6), 0);
	assert_int_equal(md_words("one", 3), 1);
	assert_int_equal(md_words("one two", 7), 2);
	assert_int_equal(md_words("  one   two\nthree\tfour  ", 24), 4);
	assert_int_equal(md_words("caf\xc3\xa9 au lait", 13), 3);
	assert_int_equal(md_words("one two three", 7), 2);
}

/* A page's description: the document's text with no Markdown syntax
 * (emphasis, links, headings, code, raw HTML), blocks joined by a space,
 * cut at a word. */
static void
plain_text(void **state)
{
	const char	*in, *out;

	in = "# A *title*\n\nSome **bold** and [a link](https://x.org/) and"
	    " `code`.\n\n- one\n- two\n\n> quoted <b>raw</b>\n";
	assert_string_equal(md_plain(&A, in, strlen(in), 160),
	    "A title Some bold and a link and code. one two quoted raw");
	in = "Line one\nline two  \nline three";
	assert_string_equal(md_plain(&A, in, strlen(in), 160),
	    "Line one line two line three");
	in = "word word word word word word";
	assert_string_equal(md_plain(&A, in, strlen(in), 12),
	    "word word\xe2\x80\xa6");
	out = md_plain(&A, "<script>x</script>\n\n*", 21, 160);
	assert_null(strchr(out, '<'));
	assert_string_equal(md_plain(&A, "", 0, 160), "");
	assert_string_equal(md_plain(&A, "---\n", 4, 160), "");
}

/* One parse for a page's body and description: the same as the two
 * functions apart, refused links and images included. */
static void
render_plain_is_both(void **state)
{
	static const char *const in[] = {
		"# A *title*\n\nSome **bold** and [a link](https://x.org/).",
		"[bad](javascript:alert(1)) ![alt text](data:x) <b>raw</b>",
		"```\ncode\n```\n\nword word word word word word word",
		"",
	};
	struct safe_html	 a, b;
	char			*plain;
	size_t			 i;

	for (i = 0; i < sizeof(in) / sizeof(in[0]); i++) {
		assert_int_equal(md_render(&A, in[i], strlen(in[i]), &a), 0);
		assert_int_equal(md_render_plain(&A, in[i], strlen(in[i]), &b,
		    &plain, 20), 0);
		assert_string_equal(a.s, b.s);
		assert_int_equal(a.len, b.len);
		assert_string_equal(plain, md_plain(&A, in[i], strlen(in[i]),
		    20));
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(basic),
		cmocka_unit_test(drops_raw_html),
		cmocka_unit_test(unlinks_refused_urls),
		cmocka_unit_test(unlinks_refused_autolinks),
		cmocka_unit_test(refused_images_become_alt_text),
		cmocka_unit_test(no_empty_or_script_urls),
		cmocka_unit_test(keeps_good_links),
		cmocka_unit_test(attribute_breakouts),
		cmocka_unit_test(smart_punctuation),
		cmocka_unit_test(invalid_utf8),
		cmocka_unit_test(honours_length),
		cmocka_unit_test(excerpt_plain_text),
		cmocka_unit_test(excerpt_skips_heading),
		cmocka_unit_test(excerpt_none),
		cmocka_unit_test(excerpt_smart),
		cmocka_unit_test(excerpt_cuts_at_word),
		cmocka_unit_test(excerpt_long_text),
		cmocka_unit_test(excerpt_never_splits_utf8),
		cmocka_unit_test(words),
		cmocka_unit_test(plain_text),
		cmocka_unit_test(render_plain_is_both),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
