/*
 * fuzz_markdown: the Markdown wrapper, whose output is trusted as struct
 * safe_html and written raw into pages. Whatever the input, that output must
 * be valid UTF-8 with no <script, no script-scheme link and no empty href or
 * src (a refused URL unlinks the text; an empty one would point at the page
 * itself), and an excerpt must stay within its byte budget (plus the 3-byte
 * ellipsis).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "arena.h"
#include "markdown.h"
#include "req.h"
#include "fuzz.h"

static struct arena	arena;
static int		arena_ready;

/* Case-insensitive: browsers read "JavaScript:" and "<SCRIPT" alike. */
static int
contains(const char *s, size_t len, const char *needle)
{
	size_t	 i, n = strlen(needle);

	for (i = 0; i + n <= len; i++)
		if (strncasecmp(s + i, needle, n) == 0)
			return 1;
	return 0;
}

static void
check_excerpt(const uint8_t *data, size_t size, size_t max)
{
	const char	*ex;
	size_t		 len;

	ex = md_excerpt(&arena, (const char *)data, size, max);
	CHECK(ex != NULL);
	len = strlen(ex);
	CHECK(len <= max + 3);
	CHECK(req_text_valid(ex, len));
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct safe_html	 h;

	if (!arena_ready) {
		arena_init(&arena);
		arena_ready = 1;
	}
	if (md_render(&arena, (const char *)data, size, &h) == 0) {
		CHECK(h.s != NULL);
		CHECK(strlen(h.s) == h.len);
		CHECK(req_text_valid(h.s, h.len));
		CHECK(!contains(h.s, h.len, "<script"));
		CHECK(!contains(h.s, h.len, "href=\"javascript:"));
		CHECK(!contains(h.s, h.len, "href=\"vbscript:"));
		CHECK(!contains(h.s, h.len, "src=\"javascript:"));
		CHECK(!contains(h.s, h.len, "src=\"vbscript:"));
		CHECK(!contains(h.s, h.len, "href=\"\""));
		CHECK(!contains(h.s, h.len, "src=\"\""));
	}
	/* The home page's budget, and a small one that cuts nearly always. */
	check_excerpt(data, size, 320);
	check_excerpt(data, size, size % 41);
	arena_reset(&arena);
	return 0;
}
