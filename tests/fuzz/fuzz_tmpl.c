/*
 * fuzz_tmpl: the template compiler and renderer. The input is the source of
 * "t.html", next to a fixed partial "p.html". A template that compiles is
 * rendered twice against value trees of the same shape: one holding hostile
 * strings (<script>, quotes, javascript:), one holding harmless words. Text
 * values are always escaped, so the markup characters < > " ' in the output
 * can only come from the template's own text and from TV_HTML, which is the
 * same in both trees: the two renderings must hold exactly as many of each,
 * and exactly as many "<script". (Comparing with the template source
 * instead would be wrong: "<{{! x }}script>" renders a <script> by itself.)
 * Strict mode must give both trees the same verdict, as they set the same
 * keys, and render the same bytes when it does not fail.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "arena.h"
#include "buf.h"
#include "embed.h"
#include "markdown.h"
#include "tmpl.h"
#include "fuzz.h"

static struct arena	arena;		/* value trees, reset each run */
static struct arena	keep;		/* the TV_HTML value, for the process */
static struct safe_html	body;
static int		ready;

static const char partial[] =
    "<b>{{title}}</b>{{#if flag}}<i title=\"{{attr}}\">{{q}}</i>{{/if}}"
    "{{#each items}}<a href=\"{{href | url}}\">{{name}}</a>{{/each}}";

/* Hostile strings and their harmless twins; an empty string stays empty so
 * both trees take the same branches. A harmless twin starts with none of the
 * letters of "script": template text "<scrip" followed by a value starting
 * with 't' renders "<script" from the template's own text, and only in the
 * harmless tree, whose value is not escaped away (tests/fuzz/regress/tmpl/
 * split-script). Hostile values all render starting with '&', '#' or a
 * letter outside "script" too. */
enum str {
	S_SCRIPT, S_ATTR, S_JS, S_URL, S_QUERY, S_SQUOTE, S_EMPTY, S__MAX
};

static const char *const strs[2][S__MAX] = {
	{ "heading", "attr", "js", "https://example.org/", "quote", "apostrophe", "" },
	{
		"<script>alert(1)</script>",		/* S_SCRIPT */
		"\" onmouseover=\"alert(1)",		/* S_ATTR */
		"javascript:alert(1)",			/* S_JS */
		"https://example.org/?a=1&b=\"><script>",	/* S_URL */
		"a b&c=<d>'\"",				/* S_QUERY */
		"' onfocus='alert(1)",			/* S_SQUOTE */
		"",					/* S_EMPTY */
	},
};

static struct tv *
tree(int hostile)
{
	const char *const	*s = strs[hostile];
	struct tv		*root, *site, *list, *it, *none;

	root = tv_map(&arena);
	tv_text(&arena, root, "title", s[S_SCRIPT]);
	tv_text(&arena, root, "attr", s[S_ATTR]);
	tv_text(&arena, root, "js", s[S_JS]);
	tv_text(&arena, root, "url", s[S_URL]);
	tv_text(&arena, root, "q", s[S_QUERY]);
	tv_text(&arena, root, "sq", s[S_SQUOTE]);
	tv_text(&arena, root, "empty", s[S_EMPTY]);
	tv_int(&arena, root, "n", 42);
	tv_html(&arena, root, "body", body);
	tv_bool(&arena, root, "flag", 1);
	tv_bool(&arena, root, "off", 0);

	site = tv_map(&arena);
	tv_text(&arena, site, "title", s[S_ATTR]);
	tv_text(&arena, site, "url", s[S_JS]);
	tv_set(&arena, root, "site", site);
	tv_set(&arena, root, "page", site);

	list = tv_list(&arena);
	it = tv_list_add(&arena, list);
	tv_text(&arena, it, "name", s[S_SCRIPT]);
	tv_text(&arena, it, "href", s[S_JS]);
	it = tv_list_add(&arena, list);
	tv_text(&arena, it, "name", s[S_SQUOTE]);
	tv_text(&arena, it, "href", s[S_URL]);
	tv_bool(&arena, it, "flag", 0);
	tv_set(&arena, root, "items", list);
	none = tv_list(&arena);
	tv_set(&arena, root, "none", none);
	return root;
}

static size_t
count(const struct buf *b, const char *needle)
{
	size_t	 i, k = 0, n = strlen(needle);

	for (i = 0; i + n <= b->len; i++)
		if (strncasecmp(b->data + i, needle, n) == 0)
			k++;
	return k;
}

static size_t
count_char(const struct buf *b, char c)
{
	size_t	 i, k = 0;

	for (i = 0; i < b->len; i++)
		k += b->data[i] == c;
	return k;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct embed_file	 src[2];
	struct tmpl_set		*set;
	struct buf		 out[2];
	char			*copy;
	int			 idx, rc[2], strict[2], h;
	static const char	 md[] = "*hi* <script>x</script> [a](/b)";

	if (!ready) {
		arena_init(&arena);
		arena_init(&keep);
		if (md_render(&keep, md, strlen(md), &body) == -1)
			abort();
		ready = 1;
	}
	/* embed_file data is NUL-terminated. */
	if ((copy = malloc(size + 1)) == NULL)
		abort();
	memcpy(copy, data, size);
	copy[size] = '\0';
	src[0].name = "t.html";
	src[0].data = copy;
	src[0].len = size;
	src[1].name = "p.html";
	src[1].data = partial;
	src[1].len = sizeof(partial) - 1;

	if ((set = tmpl_set_load_mem(src, 2, "fuzz")) == NULL)
		goto out;
	idx = tmpl_find(set, "t");
	CHECK(idx >= 0);
	CHECK(tmpl_find(set, "p") >= 0);
	for (h = 0; h < 2; h++) {
		buf_init(&out[h]);
		rc[h] = tmpl_render(set, idx, tree(h), &out[h]);
		CHECK(rc[h] == 0 || rc[h] == -1);
	}
	CHECK(rc[0] == rc[1]);
	tmpl_set_strict(set, 1);
	for (h = 0; h < 2; h++) {
		struct buf	 b;

		buf_init(&b);
		strict[h] = tmpl_render(set, idx, tree(h), &b);
		/* Strict mode fails or renders the same. */
		CHECK(strict[h] == -1 || (b.len == out[h].len && (b.len == 0 ||
		    memcmp(b.data, out[h].data, b.len) == 0)));
		buf_free(&b);
	}
	CHECK(strict[0] == strict[1]);
	if (rc[0] == 0) {
		CHECK(count_char(&out[1], '<') == count_char(&out[0], '<'));
		CHECK(count_char(&out[1], '>') == count_char(&out[0], '>'));
		CHECK(count_char(&out[1], '"') == count_char(&out[0], '"'));
		CHECK(count_char(&out[1], '\'') == count_char(&out[0], '\''));
		CHECK(count(&out[1], "<script") == count(&out[0], "<script"));
	}
	for (h = 0; h < 2; h++)
		buf_free(&out[h]);
	tmpl_set_free(set);
out:
	free(copy);
	arena_reset(&arena);
	return 0;
}
