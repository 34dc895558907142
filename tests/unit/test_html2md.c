/*
 * test_html2md: WordPress bodies to Markdown (html2md.c, wpautop.c,
 * mdwrite.c), from tests/unit/cases/html2md.txt (its format is at its
 * top): each case's Markdown and notes, cmark's safe-mode rendering of it
 * (only allowed elements, no raw HTML), and for "rt" cases the round trip
 * of the text. Then a few cases that a data file cannot hold.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <cmark.h>
#include <libxml/HTMLparser.h>

#include "arena.h"
#include "buf.h"
#include "html2md.h"
#include "utf8.h"

#define CASES		"tests/unit/cases/html2md.txt"
#define NOTES_MAX	16

struct tcase {
	int		 line;
	const char	*name;
	int		 rt;
	const char	*html, *md;
	const char	*notes[NOTES_MAX];
	size_t		 nnotes;
};

static struct arena	 D, A;
static struct tcase	*cases;
static size_t		 ncases, cap;
static const char	*load_error;

/* Elements html2md may produce, as cmark writes them. */
static const char *const allowed[] = { "p", "br", "h1", "h2", "h3", "h4",
    "h5", "h6", "em", "strong", "code", "pre", "blockquote", "ul", "ol",
    "li", "a", "img", "hr" };

/* Ends a section: its trailing empty lines taken off; b emptied. */
static const char *
section(struct buf *b)
{
	const char	*s;
	size_t		 len = b->len;

	while (len > 0 && b->data[len - 1] == '\n')
		len--;
	s = len == 0 ? "" : arena_strndup(&D, b->data, len);
	buf_reset(b);
	return s;
}

static void
load(void)
{
	FILE		*f;
	char		 line[8192];
	struct buf	 text;
	size_t		 n;
	struct tcase	*c = NULL;
	int		 lineno = 0, part = 0;	/* 0 html, 1 md, 2 notes */

	buf_init(&text);
	if ((f = fopen(CASES, "r")) == NULL) {
		load_error = "cannot open " CASES;
		return;
	}
	while (fgets(line, sizeof(line), f) != NULL) {
		lineno++;
		n = strlen(line);
		if (strncmp(line, "=== ", 4) == 0 || strcmp(line, "--- md\n") ==
		    0 || strcmp(line, "--- notes\n") == 0) {
			if (c != NULL && part == 0)
				c->html = section(&text);
			else if (c != NULL && part == 1) {
				c->md = section(&text);
				if (*c->md != '\0')
					c->md = arena_printf(&D, "%s\n", c->md);
			}
			buf_reset(&text);
		}
		if (strncmp(line, "=== ", 4) == 0) {
			cases = arena_grow(&D, cases, ncases, &cap,
			    sizeof(*cases));
			c = &cases[ncases++];
			memset(c, 0, sizeof(*c));
			line[n - 1] = '\0';
			c->line = lineno;
			c->rt = n > 7 && strcmp(line + n - 4, " rt") == 0;
			c->name = arena_strndup(&D, line + 4, n - 5 -
			    (c->rt ? 3 : 0));
			part = 0;
		} else if (strcmp(line, "--- md\n") == 0)
			part = 1;
		else if (strcmp(line, "--- notes\n") == 0)
			part = 2;
		else if (c != NULL && part == 2 && n > 1) {
			if (c->nnotes == NOTES_MAX)
				load_error = "too many notes in a case";
			else
				c->notes[c->nnotes++] = arena_strndup(&D, line,
				    n - 1);
		} else if (c != NULL)
			buf_put(&text, line, n);
	}
	if (c != NULL && part == 1) {
		c->md = section(&text);
		if (*c->md != '\0')
			c->md = arena_printf(&D, "%s\n", c->md);
	}
	fclose(f);
	buf_free(&text);
	for (n = 0; n < ncases; n++)
		if (cases[n].md == NULL)
			load_error = arena_printf(&D, "%s:%d: no --- md",
			    CASES, cases[n].line);
}

static void
read_all(void **state)
{
	if (load_error != NULL)
		fail_msg("%s", load_error);
	if (ncases < 20)
		fail_msg("only %zu cases in %s", ncases, CASES);
}

/* The text of an HTML fragment with all white space taken out. */
static char *
squeeze(const char *html)
{
	htmlDocPtr	 doc;
	xmlChar		*t;
	char		*s, *p, *q;

	if (*html == '\0')
		return arena_strdup(&A, "");
	doc = htmlReadMemory(html, (int)strlen(html), NULL, "UTF-8",
	    HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING);
	assert_non_null(doc);
	t = xmlNodeGetContent((xmlNode *)doc);
	s = arena_strdup(&A, t != NULL ? (const char *)t : "");
	xmlFree(t);
	xmlFreeDoc(doc);
	for (p = q = s; *p != '\0'; p++)
		if (strchr(" \t\r\n", *p) == NULL &&
		    strncmp(p, "\xc2\xa0", 2) != 0)
			*q++ = *p;
		else if (*p == '\xc2')
			p++;
	*q = '\0';
	return s;
}

/* cmark's safe-mode HTML of md: only allowed elements, no raw HTML. */
static char *
render_checked(const char *md)
{
	char	*h, *r, *p, name[16];
	size_t	 i, n;

	h = cmark_markdown_to_html(md, strlen(md), CMARK_OPT_DEFAULT);
	assert_non_null(h);
	r = arena_strdup(&A, h);
	free(h);
	if (strstr(r, "<!-- raw HTML omitted -->") != NULL)
		fail_msg("raw HTML in the Markdown:\n%s", md);
	for (p = r; (p = strchr(p, '<')) != NULL; p++) {
		p += p[1] == '/';
		n = strspn(p + 1, "abcdefghijklmnopqrstuvwxyz123456");
		if (n == 0 || n >= sizeof(name))
			fail_msg("odd tag in cmark's output: %.20s", p);
		memcpy(name, p + 1, n);
		name[n] = '\0';
		for (i = 0; i < sizeof(allowed) / sizeof(allowed[0]); i++)
			if (strcmp(allowed[i], name) == 0)
				break;
		if (i == sizeof(allowed) / sizeof(allowed[0]))
			fail_msg("<%s> in cmark's output:\n%s", name, r);
	}
	return r;
}

static void
run_case(void **state)
{
	const struct tcase	*c = *state;
	struct html2md		 r;
	size_t			 i;
	char			*want, *got;

	assert_int_equal(html2md(&A, c->html, strlen(c->html), &r), 0);
	if (strcmp(r.md, c->md) != 0)
		fail_msg("Markdown:\n%s---\nwant:\n%s---", r.md, c->md);
	for (i = 0; i < r.nnotes || i < c->nnotes; i++)
		if (i >= r.nnotes || i >= c->nnotes ||
		    strcmp(r.notes[i], c->notes[i]) != 0)
			fail_msg("note %zu is \"%s\", want \"%s\"", i + 1,
			    i < r.nnotes ? r.notes[i] : "(none)",
			    i < c->nnotes ? c->notes[i] : "(none)");
	got = render_checked(r.md);
	if (c->rt && strcmp(want = squeeze(c->html), got = squeeze(got)) != 0)
		fail_msg("round trip: text\n%s\nbecame\n%s", want, got);
}

static int
reset(void **state)
{
	arena_reset(&A);
	return 0;
}

/* Nesting past the walk's depth is cut, and said. */
static void
deep(void **state)
{
	struct html2md	 r;
	char		*h = arena_strdup(&A, "");
	int		 i;

	for (i = 0; i < 300; i++)
		h = arena_printf(&A, "%s<blockquote><em>", h);
	h = arena_printf(&A, "%sdeep", h);
	assert_int_equal(html2md(&A, h, strlen(h), &r), 0);
	assert_int_equal(r.nnotes, 1);
	assert_string_equal(r.notes[0], "dropped content nested too deep (1)");
	assert_null(strstr(r.md, "deep"));
	render_checked(r.md);
}

/* Invalid UTF-8 and a NUL in a body still give valid UTF-8 Markdown. */
static void
bytes(void **state)
{
	static const char	 in[] = "caf\xe9 \xff\xfe <b>x</b>\0after";
	struct html2md		 r;
	size_t			 i, n, len;

	assert_int_equal(html2md(&A, in, sizeof(in) - 1, &r), 0);
	len = strlen(r.md);
	for (i = 0; i < len; i += n)
		assert_true(utf8_decode((const unsigned char *)r.md + i,
		    len - i, &n) >= 0);
	assert_null(strstr(r.md, "after"));
	assert_non_null(strstr(r.md, "**x**"));
}

/* Markup-looking text in every place text can stand stays text. */
static void
hostile(void **state)
{
	static const char *const in[] = {
		"<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>",
		"<a href=\"/x\">&lt;img src=x onerror=alert(1)&gt;</a>",
		"<img src=\"/a.png\" alt=\"&lt;/a&gt;&lt;script&gt;\">",
		"<ul><li>&lt;iframe&gt;<ul><li>- * + 1.</li></ul></li></ul>",
		"<blockquote>&lt;!-- x --&gt; <code>&lt;b&gt;</code></blockquote>",
		"<h2>&lt;h1&gt;x</h2><pre>&lt;/pre&gt;\n```\n&lt;script&gt;</pre>",
		"<a href=\"https://e.com/&gt;&lt;script&gt;\">x</a>",
		"<a href=\"/a\" title=\"&quot;&gt;&lt;script&gt;\">x</a>",
	};
	struct html2md	 r;
	size_t		 i;

	for (i = 0; i < sizeof(in) / sizeof(in[0]); i++) {
		assert_int_equal(html2md(&A, in[i], strlen(in[i]), &r), 0);
		render_checked(r.md);
	}
}

int
main(void)
{
	static const struct CMUnitTest	 more[] = {
		cmocka_unit_test_teardown(deep, reset),
		cmocka_unit_test_teardown(bytes, reset),
		cmocka_unit_test_teardown(hostile, reset),
	};
	struct CMUnitTest	*tests;
	size_t			 i, n;
	int			 rc;

	arena_init(&D);
	arena_init(&A);
	load();
	n = 1 + ncases + sizeof(more) / sizeof(more[0]);
	tests = arena_calloc(&D, n, sizeof(*tests));
	tests[0].name = "cases: read " CASES;
	tests[0].test_func = read_all;
	for (i = 0; i < ncases; i++) {
		tests[i + 1].name = arena_printf(&D, "html2md.txt:%d %s",
		    cases[i].line, cases[i].name);
		tests[i + 1].test_func = run_case;
		tests[i + 1].teardown_func = reset;
		tests[i + 1].initial_state = &cases[i];
	}
	for (i = 0; i < sizeof(more) / sizeof(more[0]); i++)
		tests[1 + ncases + i] = more[i];
	rc = _cmocka_run_group_tests("html2md", tests, n, NULL, NULL);
	arena_free(&A);
	arena_free(&D);
	return rc;
}
