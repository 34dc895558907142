/*
 * fuzz_html2md: a WordPress body, any bytes, to Markdown (html2md.c). The
 * Markdown must be valid UTF-8, and cmark (in safe mode, as markdown.c
 * runs it) must read back from it only the elements of html2md's
 * allow-list and no raw HTML at all: whatever the body held, text never
 * turns into markup. Quire's own renderer must take it too. Every note is
 * a non-empty line.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmark.h>

#include "arena.h"
#include "html2md.h"
#include "markdown.h"
#include "req.h"
#include "fuzz.h"

static struct arena	arena;
static int		arena_ready;

static const char *const allowed[] = { "p", "br", "h1", "h2", "h3", "h4",
    "h5", "h6", "em", "strong", "code", "pre", "blockquote", "ul", "ol",
    "li", "a", "img", "hr" };

/* Every tag cmark wrote is an allowed one. */
static int
tags_allowed(const char *h)
{
	const char	*p;
	size_t		 i, n;

	for (p = h; (p = strchr(p, '<')) != NULL; p++) {
		p += p[1] == '/';
		n = strspn(p + 1, "abcdefghijklmnopqrstuvwxyz123456");
		for (i = 0; i < sizeof(allowed) / sizeof(allowed[0]); i++)
			if (strlen(allowed[i]) == n &&
			    strncmp(allowed[i], p + 1, n) == 0)
				break;
		if (i == sizeof(allowed) / sizeof(allowed[0]))
			return 0;
	}
	return 1;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct html2md		 r;
	struct safe_html	 h;
	char			*html;
	size_t			 i, len;

	if (!arena_ready) {
		arena_init(&arena);
		arena_ready = 1;
	}
	if (html2md(&arena, (const char *)data, size, &r) == 0) {
		len = strlen(r.md);
		CHECK(req_text_valid(r.md, len) || len == 0);
		html = cmark_markdown_to_html(r.md, len, CMARK_OPT_DEFAULT);
		CHECK(html != NULL);
		CHECK(strstr(html, "<!-- raw HTML omitted -->") == NULL);
		CHECK(tags_allowed(html));
		free(html);
		CHECK(md_render(&arena, r.md, len, &h) == 0);
		for (i = 0; i < r.nnotes; i++)
			CHECK(*r.notes[i] != '\0' &&
			    strchr(r.notes[i], '\n') == NULL);
	}
	arena_reset(&arena);
	return 0;
}
