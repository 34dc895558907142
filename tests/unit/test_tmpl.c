/*
 * test_tmpl: the template engine. Escaping by default, the url and pct
 * filters, blocks, scopes, includes and comments; compile errors that must
 * stop start-up; and the real templates/ directory.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "arena.h"
#include "buf.h"
#include "embed.h"
#include "tmpl.h"

#include "fixture.h"

/* One template "t" (plus optional others) compiled from memory. */
static struct tmpl_set *
compile1(const char *src)
{
	struct embed_file	 f[1] = { { "t.html", src, strlen(src) } };

	return tmpl_set_load_mem(f, 1, "test");
}

/* Renders template name of set against root; the output, arena-owned. */
static char *
render(const struct tmpl_set *set, const char *name, const struct tv *root)
{
	struct buf	 b;
	char		*s;
	int		 idx;

	assert_non_null(set);
	idx = tmpl_find(set, name);
	if (idx < 0)
		fail_msg("no template \"%s\"", name);
	buf_init(&b);
	assert_int_equal(tmpl_render(set, idx, root, &b), 0);
	s = arena_strndup(&A, b.len > 0 ? b.data : "", b.len);
	buf_free(&b);
	return s;
}

/* Compiles src as "t", renders it against root, compares with want. */
static void
renders(const char *src, const struct tv *root, const char *want)
{
	struct tmpl_set	*set;
	char		*got;

	set = compile1(src);
	if (set == NULL)
		fail_msg("did not compile: %s", src);
	got = render(set, "t", root);
	tmpl_set_free(set);
	if (strcmp(got, want) != 0)
		fail_msg("template \"%s\"\n  got  \"%s\"\n  want \"%s\"", src,
		    got, want);
}

/* Loads the set f with stderr caught; returns what was logged. */
static char *
load_log(const struct embed_file *f, size_t n)
{
	struct tmpl_set	*set;
	char		 path[] = "/tmp/quire-test-tmpl-XXXXXX";
	char		*log;
	int		 fd, saved;
	ssize_t		 got;

	assert_true((fd = mkstemp(path)) != -1);
	unlink(path);
	fflush(stderr);
	assert_true((saved = dup(STDERR_FILENO)) != -1);
	assert_true(dup2(fd, STDERR_FILENO) != -1);
	set = tmpl_set_load_mem(f, n, "test");
	fflush(stderr);
	dup2(saved, STDERR_FILENO);
	close(saved);
	tmpl_set_free(set);
	log = arena_alloc(&A, 4096);
	assert_true(lseek(fd, 0, SEEK_SET) == 0);
	got = read(fd, log, 4095);
	close(fd);
	log[got > 0 ? got : 0] = '\0';
	return log;
}

/* Compiles src as "t" with stderr caught; returns what was logged. */
static char *
compile_log(const char *src)
{
	struct embed_file	 f[1] = { { "t.html", src, strlen(src) } };

	return load_log(f, 1);
}

/* Setting a key twice keeps the second value (the editor replaces the
 * revision it was given after a conflict). */
static void
set_replaces(void **state)
{
	struct tv	*root = tv_map(&A);

	tv_int(&A, root, "rev", 3);
	tv_text(&A, root, "other", "o");
	tv_int(&A, root, "rev", 4);
	renders("{{rev}} {{other}}", root, "4 o");
}

static void
escapes_text(void **state)
{
	struct tv	*root = tv_map(&A);

	tv_text(&A, root, "x", "<script>alert(1)</script>");
	tv_text(&A, root, "q", "\" onmouseover=\"alert(1)");
	tv_text(&A, root, "amp", "Tom & Jerry's");
	renders("<p>{{x}}</p>", root,
	    "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>");
	renders("<a title=\"{{q}}\">", root,
	    "<a title=\"&quot; onmouseover=&quot;alert(1)\">");
	renders("{{amp}}", root, "Tom &amp; Jerry&#39;s");
	renders("{{  x  }}|{{\tamp\n}}", root,
	    "&lt;script&gt;alert(1)&lt;/script&gt;|Tom &amp; Jerry&#39;s");
	/* Literal template text is written as it is. */
	renders("<b>&amp;</b>", root, "<b>&amp;</b>");
}

static void
html_is_raw(void **state)
{
	struct tv		*root = tv_map(&A);
	struct safe_html	 h = { "<p>safe <em>html</em></p>", 25 };

	tv_html(&A, root, "h", h);
	renders("<div>{{h}}</div>", root, "<div><p>safe <em>html</em></p></div>");
	/* Filters are for text; HTML in a URL or query writes nothing. */
	renders("[{{h | url}}][{{h | pct}}]", root, "[][]");
	/* The length counts, not the NUL. */
	h.len = 3;
	tv_html(&A, root, "short", h);
	renders("{{short}}", root, "<p>");
}

static void
url_filter(void **state)
{
	struct tv	*root = tv_map(&A);

	tv_text(&A, root, "js", "javascript:alert(1)");
	tv_text(&A, root, "mixed", "JaVaScRiPt:alert(1)");
	tv_text(&A, root, "space", " javascript:alert(1)");
	tv_text(&A, root, "data", "data:text/html,<script>alert(1)</script>");
	tv_text(&A, root, "ok", "https://example.org/?a=1&b=\"2\"");
	tv_text(&A, root, "rel", "/2023/05/some-slug");
	renders("<a href=\"{{js | url}}\">", root, "<a href=\"#\">");
	renders("<a href=\"{{mixed|url}}\">", root, "<a href=\"#\">");
	renders("<a href=\"{{ space | url }}\">", root, "<a href=\"#\">");
	renders("<a href=\"{{data | url}}\">", root, "<a href=\"#\">");
	renders("<a href=\"{{ok | url}}\">", root,
	    "<a href=\"https://example.org/?a=1&amp;b=&quot;2&quot;\">");
	renders("<a href=\"{{rel | url}}\">", root,
	    "<a href=\"/2023/05/some-slug\">");
	/* Without the filter a URL is only escaped: the filter matters. */
	renders("{{js}}", root, "javascript:alert(1)");
}

static void
pct_filter(void **state)
{
	struct tv	*root = tv_map(&A);

	tv_text(&A, root, "u", "https://example.org/a b?x=1&y=\"<>\"");
	tv_text(&A, root, "t", "Caf\xc3\xa9 & \"Tea\"");
	renders("?url={{u | pct}}", root,
	    "?url=https%3A%2F%2Fexample.org%2Fa%20b%3Fx%3D1%26y%3D%22%3C%3E%22");
	renders("?text={{t|pct}}", root, "?text=Caf%C3%A9%20%26%20%22Tea%22");
}

static void
if_else(void **state)
{
	struct tv	*root = tv_map(&A), *list1;
	const char	*src;

	tv_text(&A, root, "text", "x");
	tv_text(&A, root, "empty", "");
	tv_text(&A, root, "null", NULL);
	tv_bool(&A, root, "yes", 1);
	tv_bool(&A, root, "no", 0);
	tv_set(&A, root, "list0", tv_list(&A));
	list1 = tv_list(&A);
	tv_list_add(&A, list1);
	tv_set(&A, root, "list1", list1);
	tv_set(&A, root, "map", tv_map(&A));

	src = "{{#if text}}1{{/if}}{{#if empty}}2{{/if}}{{#if null}}3{{/if}}"
	    "{{#if yes}}4{{/if}}{{#if no}}5{{/if}}{{#if missing}}6{{/if}}"
	    "{{#if list0}}7{{/if}}{{#if list1}}8{{/if}}{{#if map}}9{{/if}}";
	renders(src, root, "1489");
	renders("{{#if yes}}a{{else}}b{{/if}}|{{#if no}}a{{else}}b{{/if}}",
	    root, "a|b");
	renders("{{#if missing.deeper}}a{{else}}b{{/if}}", root, "b");
	renders("{{#if yes}}{{#if no}}x{{else}}{{#if text}}y{{/if}}{{/if}}"
	    "{{/if}}", root, "y");
	renders("{{#if yes}}{{text}}{{else}}{{empty}}{{/if}}", root, "x");
}

static void
unless(void **state)
{
	struct tv	*root = tv_map(&A);

	tv_bool(&A, root, "yes", 1);
	tv_bool(&A, root, "no", 0);
	renders("{{#unless no}}shown{{/unless}}", root, "shown");
	renders("{{#unless yes}}shown{{/unless}}", root, "");
	renders("{{#unless missing}}a{{else}}b{{/unless}}", root, "a");
	renders("{{#unless yes}}a{{else}}b{{/unless}}", root, "b");
}

static void
each(void **state)
{
	struct tv	*root = tv_map(&A), *list, *m;
	const char	*src;
	int		 i;

	list = tv_list(&A);
	for (i = 1; i <= 3; i++) {
		m = tv_list_add(&A, list);
		tv_int(&A, m, "n", i);
		tv_text(&A, m, "name", i == 2 ? "<b>" : "x");
	}
	assert_int_equal(list->n, 3);
	tv_set(&A, root, "items", list);
	tv_set(&A, root, "none", tv_list(&A));
	tv_text(&A, root, "text", "not a list");

	src = "<ul>{{#each items}}<li>{{n}}:{{name}}</li>{{else}}empty"
	    "{{/each}}</ul>";
	renders(src, root, "<ul><li>1:x</li><li>2:&lt;b&gt;</li><li>3:x</li></ul>");
	renders("{{#each none}}x{{else}}empty{{/each}}", root, "empty");
	renders("{{#each missing}}x{{else}}empty{{/each}}", root, "empty");
	renders("{{#each text}}x{{else}}not a list{{/each}}", root,
	    "not a list");
	renders("{{#each none}}x{{/each}}", root, "");
}

/* Names resolve in the item, then outwards to the root; an inner name
 * hides an outer one. */
static void
nested_each_scopes(void **state)
{
	struct tv	*root = tv_map(&A), *years, *y, *months, *mo;
	const char	*src;
	int		 i, j;

	tv_text(&A, root, "site", "S");
	tv_text(&A, root, "name", "root-name");
	years = tv_list(&A);
	for (i = 0; i < 2; i++) {
		y = tv_list_add(&A, years);
		tv_int(&A, y, "year", 2022 + i);
		months = tv_list(&A);
		for (j = 0; j < 2; j++) {
			mo = tv_list_add(&A, months);
			tv_int(&A, mo, "month", j + 1);
			if (j == 1)
				tv_text(&A, mo, "name", "m2");
		}
		tv_set(&A, y, "months", months);
	}
	tv_set(&A, root, "years", years);

	src = "{{#each years}}[{{year}}:{{#each months}}"
	    "{{site}}/{{year}}/{{month}}/{{name}};{{/each}}]{{/each}}{{month}}";
	renders(src, root,
	    "[2022:S/2022/1/root-name;S/2022/2/m2;]"
	    "[2023:S/2023/1/root-name;S/2023/2/m2;]");
}

static void
dotted_paths(void **state)
{
	struct tv	*root = tv_map(&A), *a, *b;

	a = tv_map(&A);
	b = tv_map(&A);
	tv_text(&A, b, "c", "deep<");
	tv_set(&A, a, "b", b);
	tv_text(&A, a, "x", "ax");
	tv_set(&A, root, "a", a);
	tv_text(&A, root, "t", "text");
	renders("{{a.b.c}}|{{a.x}}|{{a.missing}}|{{a.b.c.d}}|{{t.x}}|{{a}}",
	    root, "deep&lt;|ax||||");
	renders("{{#if a.b}}yes{{/if}}{{#if a.b.zzz}}no{{/if}}", root, "yes");
}

static void
includes(void **state)
{
	struct embed_file	 f[] = {
		{ "page.html", "[{{> part}}|{{#each items}}{{> part}}{{/each}}]",
		    0 },
		{ "part.html", "({{name}})", 0 },
		{ "admin/login.html", "[{{> part}}]", 0 },
		{ "README.txt", "{{ this is not a template", 0 },
	};
	struct tmpl_set	*set;
	struct tv	*root = tv_map(&A), *list;
	size_t		 i;

	for (i = 0; i < sizeof(f) / sizeof(f[0]); i++)
		f[i].len = strlen(f[i].data);
	tv_text(&A, root, "name", "<root>");
	list = tv_list(&A);
	tv_text(&A, tv_list_add(&A, list), "name", "one");
	tv_list_add(&A, list);	/* no name: the root's shows through */
	tv_set(&A, root, "items", list);

	set = tmpl_set_load_mem(f, sizeof(f) / sizeof(f[0]), "test");
	assert_non_null(set);
	assert_true(tmpl_find(set, "page") >= 0);
	assert_true(tmpl_find(set, "part") >= 0);
	assert_true(tmpl_find(set, "admin/login") >= 0);
	assert_int_equal(tmpl_find(set, "README"), -1);
	assert_int_equal(tmpl_find(set, "README.txt"), -1);
	assert_int_equal(tmpl_find(set, "page.html"), -1);
	assert_int_equal(tmpl_find(set, "nope"), -1);
	assert_string_equal(render(set, "page", root),
	    "[(&lt;root&gt;)|(one)(&lt;root&gt;)]");
	assert_string_equal(render(set, "admin/login", root),
	    "[(&lt;root&gt;)]");
	tmpl_set_free(set);
}

/* An include cycle is refused when the set is loaded, naming the file and
 * line of the include that closes it; rendering never recurses without
 * end. A diamond (two includes of one partial) is no cycle. */
static void
include_cycles(void **state)
{
	struct embed_file	 self[] = { { "loop.html", "x{{> loop}}", 11 } };
	struct embed_file	 two[] = {
		{ "a.html", "{{> b}}", 7 },
		{ "b.html", "{{> a}}", 7 },
	};
	struct embed_file	 three[] = {
		{ "a.html", "A{{#if x}}{{> b}}{{/if}}", 0 },
		{ "b.html", "B\n{{#each y}}{{> c}}{{/each}}", 0 },
		{ "c.html", "C\n\n{{#if z}}{{else}}{{> a}}{{/if}}", 0 },
	};
	struct embed_file	 diamond[] = {
		{ "top.html", "{{> l}}{{> r}}", 0 },
		{ "l.html", "{{> base}}", 0 },
		{ "r.html", "{{> base}}", 0 },
		{ "base.html", "[]", 0 },
	};
	struct tmpl_set		*set;
	char			*log;
	size_t			 i;

	assert_null(tmpl_set_load_mem(self, 1, "test"));
	assert_null(tmpl_set_load_mem(two, 2, "test"));
	for (i = 0; i < 3; i++)
		three[i].len = strlen(three[i].data);
	assert_null(tmpl_set_load_mem(three, 3, "test"));
	log = load_log(three, 3);
	assert_non_null(strstr(log,
	    "test/c.html:3: include cycle: a -> b -> c -> a"));
	log = load_log(self, 1);
	assert_non_null(strstr(log, "test/loop.html:1: include cycle: loop"
	    " -> loop"));

	for (i = 0; i < 4; i++)
		diamond[i].len = strlen(diamond[i].data);
	set = tmpl_set_load_mem(diamond, 4, "test");
	assert_non_null(set);
	assert_string_equal(render(set, "top", tv_map(&A)), "[][]");
	tmpl_set_free(set);
}

/* A value in a URL attribute is URL-checked whether or not "| url" is
 * written; after a literal scheme or path it is only escaped. */
static void
url_attributes(void **state)
{
	struct tv	*root = tv_map(&A);

	tv_text(&A, root, "js", "javascript:alert(1)");
	tv_text(&A, root, "ok", "https://example.org/?a=1&b=\"2\"");
	tv_text(&A, root, "q", "a b&c");
	renders("<a href=\"{{js}}\">", root, "<a href=\"#\">");
	renders("<a href='{{js}}'>", root, "<a href='#'>");
	renders("<img src=\"{{js}}\" alt=\"{{js}}\">", root,
	    "<img src=\"#\" alt=\"javascript:alert(1)\">");
	renders("<form action=\"{{js}}\"><button formaction=\"{{js}}\">",
	    root, "<form action=\"#\"><button formaction=\"#\">");
	renders("<A HREF=\"{{js}}\">", root, "<A HREF=\"#\">");
	renders("<a href=\"{{ok}}\">", root,
	    "<a href=\"https://example.org/?a=1&amp;b=&quot;2&quot;\">");
	/* The scheme is the template's: the value is only escaped. */
	renders("<a href=\"/search?q={{js}}\">", root,
	    "<a href=\"/search?q=javascript:alert(1)\">");
	renders("<a href=\"mailto:{{q}}\">", root, "<a href=\"mailto:a b&amp;c\">");
	renders("<a href=\"/s?q={{q | pct}}&amp;r={{q|pct}}\">", root,
	    "<a href=\"/s?q=a%20b%26c&amp;r=a%20b%26c\">");
	renders("<a href=\"{{q | pct}}\">", root, "<a href=\"a%20b%26c\">");
	/* Attribute names end at the value: title is not a URL. */
	renders("<a title=\"{{js}}\" href=\"/\">{{js}}</a>", root,
	    "<a title=\"javascript:alert(1)\" href=\"/\">javascript:alert(1)</a>");
	renders("<a data-href=\"{{js}}\">", root,
	    "<a data-href=\"javascript:alert(1)\">");
}

/* Markup (struct safe_html) is raw in text only; in an attribute or in
 * <title> it is escaped like any text. */
static void
html_escaped_outside_text(void **state)
{
	struct tv		*root = tv_map(&A);
	struct safe_html	 h = { "<a href=\"x\">'</a>", 17 };

	tv_html(&A, root, "h", h);
	renders("<p title=\"{{h}}\">{{h}}</p>", root,
	    "<p title=\"&lt;a href=&quot;x&quot;&gt;&#39;&lt;/a&gt;\">"
	    "<a href=\"x\">'</a></p>");
	renders("<title>{{h}}</title><textarea>{{h}}</textarea>", root,
	    "<title>&lt;a href=&quot;x&quot;&gt;&#39;&lt;/a&gt;</title>"
	    "<textarea>&lt;a href=&quot;x&quot;&gt;&#39;&lt;/a&gt;</textarea>");
	renders("<a href=\"{{h}}\">", root, "<a href=\"\">");
}

/* Blocks inside a tag: boolean attributes, attribute lists, values made
 * of branches; and the text after tags, comments and raw text. */
static void
blocks_in_tags(void **state)
{
	struct tv	*root = tv_map(&A);

	tv_bool(&A, root, "yes", 1);
	tv_bool(&A, root, "no", 0);
	tv_text(&A, root, "v", "<v>");
	renders("<input{{#if yes}} checked{{/if}}{{#if no}} disabled{{/if}}>",
	    root, "<input checked>");
	renders("<input value=\"1\"{{#if yes}} checked{{/if}}"
	    "{{#if yes}} aria-invalid=\"true\" title=\"{{v}}\"{{/if}}>", root,
	    "<input value=\"1\" checked aria-invalid=\"true\" title=\"&lt;v&gt;\">");
	renders("<input type=\"{{#if yes}}text{{else}}date{{/if}}\""
	    " class=\"a{{#if yes}} b-{{v}}{{/if}}\">", root,
	    "<input type=\"text\" class=\"a b-&lt;v&gt;\">");
	renders("<p{{#each list}} class=\"{{v}}\"{{/each}}>", root, "<p>");
	renders("<a href=\"{{#if yes}}/a{{else}}/b{{/if}}?v={{v}}\">", root,
	    "<a href=\"/a?v=&lt;v&gt;\">");
	renders("<br{{#if yes}} /{{/if}}>{{v}}", root, "<br />&lt;v&gt;");
	renders("<!-- {{! c }} x -->{{v}}<!---->{{v}}<!-->{{v}}", root,
	    "<!--  x -->&lt;v&gt;<!---->&lt;v&gt;<!-->&lt;v&gt;");
	renders("<!DOCTYPE html><script>if (a < b) x = \"</p>\";</script>"
	    "<style>p > a {}</STYLE >{{v}}", root,
	    "<!DOCTYPE html><script>if (a < b) x = \"</p>\";</script>"
	    "<style>p > a {}</STYLE >&lt;v&gt;");
	renders("<title>a <b> {{v}}</title><textarea></b>{{v}}</textarea>",
	    root, "<title>a <b> &lt;v&gt;</title><textarea></b>&lt;v&gt;"
	    "</textarea>");
	renders("a < b {{v}} <3", root, "a < b &lt;v&gt; <3");
}

/* Each place a value may not go is a compile error naming file and line. */
static void
context_errors(void **state)
{
	static const char *const bad[] = {
		"<a href={{x}}>",			/* unquoted */
		"<a title={{x}}>",
		"<a title= {{x}}>",
		"<script>{{x}}</script>",		/* raw text */
		"<script type=\"a\">var a = \"{{x}}\";</script>",
		"<style>p { color: {{x}} }</style>",
		"<SCRIPT>{{x}}</SCRIPT>",
		"<iframe>{{x}}</iframe>",
		"<noscript>{{x}}</noscript>",
		"<script>\"</scrip\"{{x}}</script>",
		"<!-- {{x}} -->",			/* comments */
		"<!{{x}}>",
		"<!DOCTYPE {{x}}>",
		"<?xml {{x}}?>",
		"<!-- a --!{{x}}",
		"<{{x}}>",				/* tag names */
		"</{{x}}>",
		"<a{{x}}>",
		"<scrip{{x}}",
		"<a {{x}}>",				/* attribute names */
		"<a {{x}}=\"1\">",
		"<a b{{x}}=\"1\">",
		"<a b=\"1\"{{x}}>",
		"<a b=\"1\" {{x}}>",
		"<br/{{x}}>",
		"<a onclick=\"f('{{x}}')\">",		/* event handlers */
		"<body ONLOAD=\"{{x}}\">",
		"<p style=\"color: {{x}}\">",		/* style */
		"<img srcset=\"{{x}} 2x\">",		/* srcset, srcdoc */
		"<iframe srcdoc=\"{{x}}\">",
		"<a href=\"java{{x}}\">",		/* a URL's scheme */
		"<a href=\" {{x}}\">",
		"<a href=\"{{x}}{{y}}\">",
		"<a href=\"{{x | pct}}{{y}}\">",
		"<a href=\"{{x}}:alert(1)\">",
		"<a href=\"{{x | url}}{{y | url}}\">",
		"<title></{{x}}</title>",		/* maybe an end tag */
		"<textarea><{{x}}</textarea>",
		"<p {{> t2}}>",				/* include not in text */
		"<a href=\"{{> t2}}\">",
		"<p",					/* ends out of text */
		"<a href=\"",
		"<!-- open",
		"<script>",
		"<title>x",
		"<plaintext>",
		"<script><!--</script>",
		/* branches that end in different contexts */
		"{{#if x}}<a{{/if}}>",
		"{{#if x}}<a{{else}}<b{{/if}}>",
		"<a {{#if x}}href=\"{{else}}title=\"{{/if}}\">",
		"{{#if x}}<!--{{/if}}-->",
		"<a title=\"{{#if x}}\"{{/if}}\">",
		"<a href=\"{{#unless x}}java{{/unless}}{{y}}\">",
		"{{#each x}}<p{{/each}}>",
		"{{#each x}}<a{{else}}<a{{/each}} >",
		"<script>{{#if x}}</script>{{/if}}",
		/* a name split by a block, or text glued to it */
		"<a hr{{#if x}}ef{{/if}}=\"{{y}}\">",
		"<a{{#if x}} on{{/if}}click=\"\">",
		"<input{{#if x}} checked{{/if}}=\"1\">",
		"<input{{#if x}} checked{{/if}} =\"1\">",
		"<input value=\"1\"{{#if x}} checked{{/if}}disabled>",
		"<p{{#each x}} a=\"1\"{{/each}}b>",
	};
	static const char *const t2 = "";
	struct embed_file	 f[2] = { { "t.html", NULL, 0 },
	    { "t2.html", t2, 0 } };
	struct tmpl_set		*set;
	size_t			 i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		f[0].data = bad[i];
		f[0].len = strlen(bad[i]);
		set = tmpl_set_load_mem(f, 2, "test");
		if (set != NULL) {
			tmpl_set_free(set);
			fail_msg("compiled: \"%s\"", bad[i]);
		}
	}
}

/* The messages say what and where. */
static void
context_errors_say_where(void **state)
{
	static const struct {
		const char	*src;
		const char	*want;
	} cases[] = {
		{ "<p>\n<script>\n{{ x.y }}", "test/t.html:3: {{ x.y }}: a value"
		    " in raw text, where escaping does not work (inside"
		    " <script>)" },
		{ "\n<a href={{u}}>", "test/t.html:2: {{ u }}: a value in an"
		    " unquoted attribute value (quote it) (unquoted attribute"
		    " \"href\" in <a>)" },
		{ "<a\nonclick=\"{{f}}\">", "test/t.html:2: {{ f }}: a value in"
		    " an event handler" },
		{ "<!--\n\n{{c}} -->", "test/t.html:3: {{ c }}: a value in an"
		    " HTML comment" },
		{ "<p {{a}}>", "test/t.html:1: {{ a }}: a value in a tag or"
		    " attribute name" },
		{ "<a href=\"java{{x}}\">", "a value where it could make a"
		    " URL's scheme" },
		{ "x\n{{#if a}}<p{{/if}}>", "test/t.html:2: {{#if a}}: the"
		    " branches end in different contexts (in a tag name, text)" },
		{ "x\n{{#if a}} x{{/if}}\n\n<p\n title ", "test/t.html:5:"
		    " the template ends after attribute name \"title\" in <p>,"
		    " not in text" },
		{ "\n<input{{#if a}} chec{{/if}}ked>", "test/t.html:2:"
		    " attribute text right after a block" },
		{ "<p>\n<script><!-- x", "test/t.html:2: \"<!--\" inside"
		    " <script> is not supported" },
	};
	char	*log;
	size_t	 i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		log = compile_log(cases[i].src);
		if (strstr(log, cases[i].want) == NULL)
			fail_msg("want \"%s\" in the log, got: %s",
			    cases[i].want, log);
	}
}

/* Renders src as "t" with strict mode on or off; returns the render's
 * result and what it logged in *log. */
static int
render_strict(const char *src, const struct tv *root, int strict,
    char **log)
{
	struct tmpl_set	*set;
	struct buf	 b;
	char		 path[] = "/tmp/quire-test-tmpl-XXXXXX";
	int		 fd, saved, rc;
	ssize_t		 got;

	assert_non_null(set = compile1(src));
	tmpl_set_strict(set, strict);
	buf_init(&b);
	assert_true((fd = mkstemp(path)) != -1);
	unlink(path);
	fflush(stderr);
	assert_true((saved = dup(STDERR_FILENO)) != -1);
	assert_true(dup2(fd, STDERR_FILENO) != -1);
	rc = tmpl_render(set, 0, root, &b);
	fflush(stderr);
	dup2(saved, STDERR_FILENO);
	close(saved);
	*log = arena_alloc(&A, 4096);
	assert_true(lseek(fd, 0, SEEK_SET) == 0);
	got = read(fd, *log, 4095);
	close(fd);
	(*log)[got > 0 ? got : 0] = '\0';
	buf_free(&b);
	tmpl_set_free(set);
	return rc;
}

/* Strict mode fails a render that uses a key the handler never set; a key
 * set to empty, false, an empty list or a non-map is set. Off by default. */
static void
strict_mode(void **state)
{
	static const char *const ok[] = {
		"{{empty}}{{no}}{{#if empty}}{{/if}}{{#if no}}{{/if}}",
		"{{#each none}}{{missing}}{{/each}}",
		"{{#unless no}}{{m.a}}{{/unless}}",
		"{{#each items}}{{name}}{{top}}{{/each}}",
		"{{#if no}}{{missing}}{{else}}{{empty}}{{/if}}",
		"{{empty.deeper}}{{#if no.x}}{{/if}}",	/* under a non-map */
		"{{#if m.n}}{{/if}}",			/* set to nothing */
		/* A member a map leaves out, tested: false. */
		"{{#if m.gone}}x{{/if}}{{#unless m.gone}}{{/unless}}",
	};
	static const struct {
		const char	*src;
		const char	*key;
	} bad[] = {
		{ "{{missing}}", "line 1: key missing not set" },
		{ "a\n{{#if missing}}{{/if}}", "line 2: key missing not set" },
		{ "{{#unless missing}}{{/unless}}", "key missing not set" },
		{ "\n\n{{#each missing}}{{/each}}", "line 3: key missing not set" },
		{ "{{m.b}}", "key m.b not set" },
		{ "{{#each m.b}}{{/each}}", "key m.b not set" },
		{ "{{#if nomap.b}}{{/if}}", "key nomap.b not set" },
		{ "{{#each items}}{{nope}}{{/each}}", "key nope not set" },
		{ "{{#if empty}}{{else}}{{#if m}}{{gone}}{{/if}}{{/if}}",
		    "key gone not set" },
	};
	struct tv	*root = tv_map(&A), *m, *items;
	char		*log;
	size_t		 i;

	tv_text(&A, root, "empty", "");
	tv_bool(&A, root, "no", 0);
	tv_text(&A, root, "top", "T");
	tv_set(&A, root, "none", tv_list(&A));
	m = tv_map(&A);
	tv_text(&A, m, "a", "A");
	tv_set(&A, m, "n", NULL);
	tv_set(&A, root, "m", m);
	items = tv_list(&A);
	tv_text(&A, tv_list_add(&A, items), "name", "1");
	tv_set(&A, root, "items", items);

	for (i = 0; i < sizeof(ok) / sizeof(ok[0]); i++) {
		if (render_strict(ok[i], root, 1, &log) != 0)
			fail_msg("strict render failed: %s: %s", ok[i], log);
		assert_string_equal(log, "");
	}
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		/* Off by default and when switched off: renders as empty. */
		assert_int_equal(render_strict(bad[i].src, root, 0, &log), 0);
		assert_string_equal(log, "");
		assert_int_equal(render_strict(bad[i].src, root, 1, &log), -1);
		if (strstr(log, "template t: ") == NULL ||
		    strstr(log, bad[i].key) == NULL)
			fail_msg("%s: want \"%s\", got: %s", bad[i].src,
			    bad[i].key, log);
		/* Logged once. */
		assert_ptr_equal(strchr(log, '\n'), log + strlen(log) - 1);
	}
	renders("[{{missing}}]", root, "[]");
}

static void
comments(void **state)
{
	struct tv	*root = tv_map(&A);

	tv_text(&A, root, "x", "X");
	renders("a{{! a comment }}b", root, "ab");
	renders("a{{!no space}}b{{x}}", root, "abX");
	renders("a{{! spans\nlines {x} }}b", root, "ab");
	renders("{{!}}", root, "");
	/* Braces alone are text. */
	renders("{ x } }} {x}", root, "{ x } }} {x}");
}

static void
render_appends(void **state)
{
	struct tmpl_set	*set;
	struct tv	*root = tv_map(&A);
	struct buf	 b;

	tv_text(&A, root, "x", "<");
	set = compile1("[{{x}}]");
	assert_non_null(set);
	buf_init(&b);
	buf_puts(&b, "before");
	assert_int_equal(tmpl_render(set, 0, root, &b), 0);
	assert_int_equal(tmpl_render(set, 0, root, &b), 0);
	assert_string_equal(b.data, "before[&lt;][&lt;]");
	buf_free(&b);
	tmpl_set_free(set);
}

/* JSON-LD: inside <script type="application/ld+json"> only, a value is
 * written by | json as one JSON string literal whose escapes leave no '<',
 * '>' or '&', so nothing a title holds can end the element or open
 * "<!--"; any other script, and | json anywhere else, does not compile. */
static void
json_context(void **state)
{
	static const char *const bad[] = {
		"<script>{{x | json}}</script>",
		"<script type=\"text/javascript\">{{x | json}}</script>",
		"<script type=\"application/json\">{{x | json}}</script>",
		"<script type=\"application/ld+json \">{{x | json}}</script>",
		"<script type=\"application/ld+json\">{{x}}</script>",
		"<script type=\"application/ld+json\">{{x | url}}</script>",
		"<script type=\"application/ld+json\">\"{{x | json}}\"</script>",
		"<script type=\"application/ld+json\">\"a\\\"{{x | json}}\"</script>",
		"<script type=\"application/ld+json\"><{{x | json}}</script>",
		/* A browser reads the first type attribute only. */
		"<script type type=\"application/ld+json\">{{x | json}}</script>",
		"<script type=\"text/javascript\" type=\"application/ld+json\">"
		    "{{x | json}}</script>",
		"<script type=\"{{t}}\">{{x | json}}</script>",
		"<script type=\"application/ld+json\" src=\"/a\"></script>"
		    "<script>{{x | json}}</script>",
		"<p>{{x | json}}</p>",
		"<a title=\"{{x | json}}\">",
		"<style type=\"application/ld+json\">{{x | json}}</style>",
	};
	static const char *const good[] = {
		"<script type=\"application/ld+json\">{{x | json}}</script>",
		"<SCRIPT TYPE='Application/LD+JSON'>{\"a\": {{x | json}}}"
		    "</script><p>{{x}}</p>",
		"<script type=application/ld+json>[{{x | json}}]</script>",
		"<script type=\"application/ld+json\">{\"a\\\"\": \"b\","
		    " \"c\": {{x | json}}}</script>",
		"<script type=\"application/ld+json\">{{#if x}}{{x | json}}"
		    "{{else}}null{{/if}}</script>",
	};
	struct tmpl_set	*set;
	struct tv	*root = tv_map(&A);
	size_t		 i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if ((set = compile1(bad[i])) != NULL) {
			tmpl_set_free(set);
			fail_msg("compiled: \"%s\"", bad[i]);
		}
	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		if ((set = compile1(good[i])) == NULL)
			fail_msg("did not compile: \"%s\"", good[i]);
		tmpl_set_free(set);
	}

#define LD(v)	"<script type=\"application/ld+json\">" v "</script>"
	tv_text(&A, root, "x", "</script><script>alert(1)</script>");
	renders(LD("{{x | json}}"), root, LD("\"\\u003c/script\\u003e"
	    "\\u003cscript\\u003ealert(1)\\u003c/script\\u003e\""));
	tv_text(&A, root, "x", "<!-- a --> & b");
	renders(LD("{{x | json}}"), root,
	    LD("\"\\u003c!-- a --\\u003e \\u0026 b\""));
	tv_text(&A, root, "x", "say \"hi\" it's a\\b");
	renders(LD("{{x | json}}"), root,
	    LD("\"say \\u0022hi\\u0022 it\\u0027s a\\\\b\""));
	tv_text(&A, root, "x", "a\nb\tc\r\x01\x7f");
	renders(LD("{{x | json}}"), root,
	    LD("\"a\\u000ab\\u0009c\\u000d\\u0001\\u007f\""));
	tv_text(&A, root, "x", "l\xe2\x80\xa8p\xe2\x80\xa9\xc3\xa9\xe2\x80\x93");
	renders(LD("{{x | json}}"), root,
	    LD("\"l\\u2028p\\u2029\xc3\xa9\xe2\x80\x93\""));
	tv_text(&A, root, "x", "");
	renders(LD("{{x | json}}"), root, LD("\"\""));
	tv_int(&A, root, "x", 42);
	renders(LD("[{{x | json}}, {{y | json}}]"), root, LD("[\"42\", \"\"]"));
#undef LD
}

/* Missing values render as nothing and count as false. */
static void
empty_values(void **state)
{
	renders("a{{x}}b{{#if x}}c{{else}}d{{/if}}{{#each x}}e{{/each}}",
	    tv_map(&A), "abd");
}

static void
compile_errors(void **state)
{
	static const char *const bad[] = {
		"text {{ x",			/* unclosed {{ */
		"{{x}",
		"{{",
		"{{#if x}}never closed",	/* unclosed block */
		"{{#each x}}{{#if y}}{{/if}}",
		"{{#if x}}a{{/each}}",		/* mismatched close */
		"{{#each x}}a{{/if}}",
		"{{#unless x}}a{{/if}}",
		"{{#if x}}a{{/iff}}",
		"{{#if x}}{{#each y}}{{/if}}{{/each}}",
		"{{/if}}",			/* close without open */
		"{{else}}",			/* else outside a block */
		"a{{else}}b",
		"{{#if x}}a{{else}}b{{else}}c{{/if}}",
		"{{#if a}}{{#if x}}1{{else}}2{{else}}3{{/if}}",
		"{{x | raw}}",			/* unknown filter */
		"{{x | }}",
		"{{x | url | pct}}",
		"{{x | URL}}",
		"{{#with x}}{{/with}}",		/* unknown block */
		"{{#foreach x}}{{/foreach}}",
		"{{#if}}{{/if}}",
		"{{#each}}{{/each}}",
		"{{> missing}}",		/* include of a missing template */
		"{{#if x}}{{> nowhere}}{{/if}}",
		"{{>}}",
		"{{> bad name}}",
		"{{> a.b}}",
		"{{}}",				/* bad names */
		"{{ }}",
		"{{a..b}}",
		"{{.a}}",
		"{{a.}}",
		"{{a-b}}",
		"{{a/b}}",
		"{{a b}}",
		"{{<script>}}",
		"{{a\"b}}",
		"{{#if a b}}{{/if}}",
		"{{#each a-b}}{{/each}}",
		"{{a.b.c.d.e.f.g.h.i}}",	/* more than 8 segments */
		"{{ {{x}} }}",			/* {{ inside a tag */
		"{{! forgot to close {{x}}",
		"{{{x}}}",			/* no raw triple braces */
	};
	struct tmpl_set	*set;
	size_t		 i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		set = compile1(bad[i]);
		if (set != NULL) {
			tmpl_set_free(set);
			fail_msg("compiled: \"%s\"", bad[i]);
		}
	}
}

/* A compile error names the file and the line, so start-up can say where
 * to look. */
static void
errors_name_file_and_line(void **state)
{
	static const struct {
		const char	*src;
		const char	*where;
	} cases[] = {
		{ "a\nb\n{{#if x}}\nc", "test/t.html:3: " },
		{ "a\nb\n{{x\n}}\n{{#with y}}", "test/t.html:5: " },
		{ "a\n{{! multi\nline\ncomment }}\n{{bad-name}}",
		    "test/t.html:5: " },
		{ "{{#if x}}\n\n{{/each}}", "test/t.html:3: " },
		{ "a\n\n{{> nope}}", "test/t.html:3: " },
		{ "\n\n\n{{x", "test/t.html:4: " },
		{ "line1\n{{else}}", "test/t.html:2: " },
		{ "x\n{{y | raw}}", "test/t.html:2: " },
	};
	char	*log;
	size_t	 i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		log = compile_log(cases[i].src);
		if (strstr(log, cases[i].where) == NULL)
			fail_msg("want \"%s\" in the log, got: %s",
			    cases[i].where, log);
	}
}

/* Blocks nested beyond reason are a compile error, not a stack overflow;
 * a sane depth compiles and renders. */
static void
deep_nesting(void **state)
{
	enum { DEEP = 100000, SANE = 8 };
	struct tv	*root = tv_map(&A);
	char		*src;
	size_t		 i, n = 0;

	src = arena_alloc(&A, DEEP * 18 + 1);
	for (i = 0; i < DEEP; i++, n += 9)
		memcpy(src + n, "{{#if x}}", 9);
	for (i = 0; i < DEEP; i++, n += 7)
		memcpy(src + n, "{{/if}}", 7);
	src[n] = '\0';
	assert_null(compile1(src));

	n = 0;
	for (i = 0; i < SANE; i++, n += 9)
		memcpy(src + n, "{{#if x}}", 9);
	memcpy(src + n, "deep", 4);
	n += 4;
	for (i = 0; i < SANE; i++, n += 7)
		memcpy(src + n, "{{/if}}", 7);
	src[n] = '\0';
	tv_bool(&A, root, "x", 1);
	renders(src, root, "deep");
}

/* The edge of the error cases above: these are fine. */
static void
compile_ok(void **state)
{
	static const char *const good[] = {
		"",
		"no tags at all",
		"{{a.b.c.d.e.f.g.h}}",
		"{{a_b}}{{A9}}",
		"{{#if x}}{{/if}}",
		"{{#if x}}{{else}}{{/if}}",
		"{{#if  x }}{{ /if }}",
		"{{#each x}}{{#each y}}{{/each}}{{/each}}",
	};
	struct tmpl_set	*set;
	size_t		 i;

	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		set = compile1(good[i]);
		if (set == NULL)
			fail_msg("did not compile: \"%s\"", good[i]);
		tmpl_set_free(set);
	}
}

/* One bad template fails the whole set, and a NUL byte is refused. */
static void
set_fails_whole(void **state)
{
	struct embed_file	 f[] = {
		{ "good.html", "fine", 4 },
		{ "bad.html", "{{#if x}}", 9 },
	};
	struct embed_file	 nul[] = { { "nul.html", "a\0b", 3 } };

	assert_null(tmpl_set_load_mem(f, 2, "test"));
	assert_null(tmpl_set_load_mem(nul, 1, "test"));
	assert_null(tmpl_set_load_dir("tests/golden/no-such-dir"));
}

static const char *const pages[] = {
	"article", "home", "archive", "page", "error",
};

static void
load_real_templates(void **state)
{
	struct tmpl_set	*dir, *mem;
	size_t		 i;

	dir = tmpl_set_load_dir("templates");
	assert_non_null(dir);
	mem = tmpl_set_load_mem(embed_templates, embed_templates_n,
	    "templates");
	assert_non_null(mem);
	for (i = 0; i < sizeof(pages) / sizeof(pages[0]); i++) {
		if (tmpl_find(dir, pages[i]) < 0)
			fail_msg("templates/: no \"%s\"", pages[i]);
		if (tmpl_find(mem, pages[i]) < 0)
			fail_msg("built-in: no \"%s\"", pages[i]);
	}
	assert_int_equal(tmpl_find(dir, "nope"), -1);
	tmpl_set_free(dir);
	tmpl_set_free(mem);
}

/* The real error page with hostile values: everything escaped. */
static void
real_error_page_escapes(void **state)
{
	struct tmpl_set	*set;
	struct tv	*root = tv_map(&A), *site, *page, *err;
	char		*out;

	site = tv_map(&A);
	tv_text(&A, site, "title", "<script>alert('t')</script>");
	tv_text(&A, site, "year", "2024");
	tv_set(&A, root, "site", site);
	page = tv_map(&A);
	tv_text(&A, page, "title", "\"><script>alert(1)</script>");
	tv_text(&A, page, "canonical", "javascript:alert(1)");
	tv_set(&A, root, "page", page);
	err = tv_map(&A);
	tv_int(&A, err, "status", 404);
	tv_text(&A, err, "title", "Not Found");
	tv_text(&A, err, "message", "<img src=x onerror=alert(1)>");
	tv_set(&A, root, "error", err);

	set = tmpl_set_load_dir("templates");
	assert_non_null(set);
	out = render(set, "error", root);
	tmpl_set_free(set);
	assert_non_null(strstr(out, "404 Not Found"));
	assert_null(strstr(out, "<script>alert"));
	assert_null(strstr(out, "<img src=x"));
	assert_null(strstr(out, "javascript:"));
	assert_non_null(strstr(out, "&lt;img src=x onerror=alert(1)&gt;"));
	assert_non_null(strstr(out,
	    "<title>&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;</title>"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(set_replaces),
		cmocka_unit_test(escapes_text),
		cmocka_unit_test(html_is_raw),
		cmocka_unit_test(url_filter),
		cmocka_unit_test(pct_filter),
		cmocka_unit_test(if_else),
		cmocka_unit_test(unless),
		cmocka_unit_test(each),
		cmocka_unit_test(nested_each_scopes),
		cmocka_unit_test(dotted_paths),
		cmocka_unit_test(includes),
		cmocka_unit_test(include_cycles),
		cmocka_unit_test(url_attributes),
		cmocka_unit_test(html_escaped_outside_text),
		cmocka_unit_test(blocks_in_tags),
		cmocka_unit_test(context_errors),
		cmocka_unit_test(context_errors_say_where),
		cmocka_unit_test(strict_mode),
		cmocka_unit_test(comments),
		cmocka_unit_test(render_appends),
		cmocka_unit_test(empty_values),
		cmocka_unit_test(compile_errors),
		cmocka_unit_test(json_context),
		cmocka_unit_test(errors_name_file_and_line),
		cmocka_unit_test(deep_nesting),
		cmocka_unit_test(compile_ok),
		cmocka_unit_test(set_fails_whole),
		cmocka_unit_test(load_real_templates),
		cmocka_unit_test(real_error_page_escapes),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
