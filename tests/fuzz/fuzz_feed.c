/*
 * fuzz_feed: what a feed makes of an author's input. The Markdown,
 * rendered with md_render_abs() against an article's address, must leave
 * no href or src relative (the RFC 3986 resolver in markdown.c is a parser
 * of the author's URLs); and the input as a title, with that HTML as the
 * content, through all three writers: the XML must hold no character XML
 * forbids and no markup character of the input's own, the JSON no raw
 * control character, both valid UTF-8.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "arena.h"
#include "buf.h"
#include "feed.h"
#include "markdown.h"
#include "req.h"
#include "fuzz.h"

static struct arena	arena;
static int		arena_ready;

static const char *const bases[] = {
	"https://ex.org/2024/05/slug",
	"http://a/b/c/d;p",
	"https://ex.org:8443/blog/2024/05/slug",
};

/* Every attr="..." value of html starts with a scheme, so is absolute by
 * RFC 3986 ("http:/x" included: a scheme the author wrote is left alone),
 * and only with one of html_url_allowed()'s. */
static void
check_absolute(const char *html, const char *attr)
{
	const char	*p = html;
	size_t		 n = strlen(attr);

	while ((p = strstr(p, attr)) != NULL) {
		p += n;
		CHECK(strncasecmp(p, "http:", 5) == 0 ||
		    strncasecmp(p, "https:", 6) == 0 ||
		    strncasecmp(p, "mailto:", 7) == 0);
	}
}

/* The XML escaper's output on its own: no raw markup character, no
 * character XML forbids. */
static void
check_xml_text(const char *s, size_t len)
{
	size_t	 i;

	CHECK(req_text_valid(s, len));
	for (i = 0; i < len; i++) {
		CHECK(s[i] != '<' && s[i] != '>' && s[i] != '"' && s[i] != '\'');
		CHECK(!((unsigned char)s[i] < 0x20 && s[i] != '\t' &&
		    s[i] != '\n') && s[i] != 0x7f);
		if (s[i] == '&')
			CHECK(strncmp(s + i, "&amp;", 5) == 0 ||
			    strncmp(s + i, "&lt;", 4) == 0 ||
			    strncmp(s + i, "&gt;", 4) == 0 ||
			    strncmp(s + i, "&quot;", 6) == 0 ||
			    strncmp(s + i, "&#39;", 5) == 0);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct safe_html	 h;
	struct feed_item	 it;
	struct feed		 f;
	struct buf		 b;
	const char		*in = (const char *)data;
	size_t			 i;
	int			 k;

	if (!arena_ready) {
		arena_init(&arena);
		arena_ready = 1;
	}
	if (md_render_abs(&arena, in, size, bases[size % 3], &h) != 0)
		h = (struct safe_html){ "", 0 };
	CHECK(req_text_valid(h.s, h.len));
	check_absolute(h.s, "href=\"");
	check_absolute(h.s, "src=\"");

	buf_init(&b);
	feed_xml(&b, in, size);
	check_xml_text(b.len > 0 ? b.data : "", b.len);
	buf_free(&b);

	memset(&it, 0, sizeof(it));
	it.id = it.title = arena_strndup(&arena, in, size);
	it.url = bases[0];
	it.author = "";
	it.content = h;
	memset(&f, 0, sizeof(f));
	f.title = f.subtitle = f.author = it.title;
	f.home_url = f.self_url = f.id = bases[1];
	f.items = &it;
	f.n = 1;
	for (k = 0; k < FEED__MAX; k++) {
		buf_init(&b);
		feed_write(&arena, &b, k, &f);
		CHECK(req_text_valid(b.data, b.len));
		for (i = 0; i < b.len; i++)
			CHECK(!((unsigned char)b.data[i] < 0x20 &&
			    b.data[i] != '\t' && b.data[i] != '\n') &&
			    (k == FEED_JSON || b.data[i] != 0x7f));
		buf_free(&b);
	}
	arena_reset(&arena);
	return 0;
}
