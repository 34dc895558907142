/*
 * markdown: wraps cmark. CMARK_OPT_UNSAFE is never passed, so cmark omits
 * raw HTML. Links and images are checked here, before rendering, against
 * html_url_allowed(), the one URL rule of the program: a refused link shows
 * its text unlinked (cmark alone would write <a href="">, a live link to the
 * page itself) and a refused image shows its alt text. Together that is
 * what makes the output a struct safe_html.
 */
#include <stdlib.h>
#include <string.h>

#include <cmark.h>

/* Before 0.29 cmark kept raw HTML unless given CMARK_OPT_SAFE, and we pass
 * no such option: every post could carry a <script>. */
#if !defined(CMARK_VERSION) || CMARK_VERSION < 0x001d00
#error "Quire needs cmark 0.29 or later: older versions keep raw HTML by default"
#endif

#include "buf.h"
#include "html.h"
#include "log.h"
#include "markdown.h"

#define MD_OPTIONS	(CMARK_OPT_SMART | CMARK_OPT_VALIDATE_UTF8)

/* The running text of a node into b: text and code literals, breaks as
 * spaces. */
static void
put_text(struct buf *b, cmark_node *root)
{
	cmark_iter		*it;
	cmark_event_type	 ev;
	cmark_node		*n;
	const char		*lit;

	it = cmark_iter_new(root);
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		if (ev != CMARK_EVENT_ENTER)
			continue;
		n = cmark_iter_get_node(it);
		switch (cmark_node_get_type(n)) {
		case CMARK_NODE_TEXT:
		case CMARK_NODE_CODE:
			if ((lit = cmark_node_get_literal(n)) != NULL)
				buf_puts(b, lit);
			break;
		case CMARK_NODE_SOFTBREAK:
		case CMARK_NODE_LINEBREAK:
			buf_putc(b, ' ');
			break;
		default:
			break;
		}
	}
	cmark_iter_free(it);
}

/* 1 if a link or image may keep its URL (the URL as cmark decoded it:
 * entities and backslash escapes undone). An empty one may not: it would
 * point at the page itself. */
static int
url_ok(cmark_node *n)
{
	const char	*url;

	url = cmark_node_get_url(n);
	return url != NULL && *url != '\0' && html_url_allowed(url, strlen(url));
}

/* Puts a link's children where it was and frees it. */
static void
unwrap_link(cmark_node *link)
{
	cmark_node	*c;

	while ((c = cmark_node_first_child(link)) != NULL)
		if (!cmark_node_insert_before(link, c)) {
			/* Cannot happen (what a link holds, its parent may
			 * hold); if it did, the text goes with the link. */
			log_err("%s: cmark refused to move a node", __func__);
			break;
		}
	cmark_node_free(link);
}

/* Replaces an image with its alt text, as one plain text node. */
static void
image_to_alt(cmark_node *img)
{
	struct buf	 b;
	cmark_node	*t;

	buf_init(&b);
	put_text(&b, img);
	if (b.len > 0) {
		t = cmark_node_new(CMARK_NODE_TEXT);
		if (!cmark_node_set_literal(t, b.data) ||
		    !cmark_node_insert_before(img, t)) {
			log_err("%s: cmark refused the alt text", __func__);
			cmark_node_free(t);
		}
	}
	buf_free(&b);
	cmark_node_free(img);
}

/* Unwraps every link and drops every image whose URL is refused. Nodes
 * change only on their EXIT event, as cmark allows: the iterator has
 * already stepped past them, and their children are done. */
static void
refuse_urls(cmark_node *doc)
{
	cmark_iter		*it;
	cmark_event_type	 ev;
	cmark_node		*n;

	it = cmark_iter_new(doc);
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		if (ev != CMARK_EVENT_EXIT)
			continue;
		n = cmark_iter_get_node(it);
		switch (cmark_node_get_type(n)) {
		case CMARK_NODE_LINK:
			if (!url_ok(n))
				unwrap_link(n);
			break;
		case CMARK_NODE_IMAGE:
			if (!url_ok(n))
				image_to_alt(n);
			break;
		default:
			break;
		}
	}
	cmark_iter_free(it);
}

int
md_render(struct arena *a, const char *md, size_t len, struct safe_html *out)
{
	cmark_node	*doc;
	char		*html;

	if ((doc = cmark_parse_document(md, len, MD_OPTIONS)) == NULL) {
		log_err("%s: cmark failed to parse %zu bytes", __func__, len);
		return -1;
	}
	refuse_urls(doc);
	html = cmark_render_html(doc, MD_OPTIONS);
	cmark_node_free(doc);
	if (html == NULL) {
		log_err("%s: cmark failed to render %zu bytes", __func__, len);
		return -1;
	}
	out->len = strlen(html);
	out->s = arena_strndup(a, html, out->len);
	free(html);
	return 0;
}

/* Cuts s (len bytes) to at most max bytes at a space, never inside a UTF-8
 * sequence, and adds an ellipsis. */
static char *
cut(struct arena *a, const char *s, size_t len, size_t max)
{
	size_t	 n;
	char	*out;

	while (len > 0 && (s[len - 1] == '\n' || s[len - 1] == ' '))
		len--;
	if (len <= max)
		return arena_strndup(a, s, len);
	n = max;
	while (n > 0 && s[n] != ' ')
		n--;
	if (n == 0) {
		n = max;
		while (n > 0 && ((unsigned char)s[n] & 0xc0) == 0x80)
			n--;
	}
	while (n > 0 && strchr(" ,;:.-", s[n - 1]) != NULL)
		n--;
	out = arena_alloc(a, n + 4);
	memcpy(out, s, n);
	memcpy(out + n, "\xe2\x80\xa6", 4);	/* U+2026 and NUL */
	return out;
}

/* The running text of a node, in the arena. */
static char *
plain_text(struct arena *a, cmark_node *root)
{
	struct buf	 b;
	char		*res;

	buf_init(&b);
	put_text(&b, root);
	res = arena_strndup(a, b.len > 0 ? b.data : "", b.len);
	buf_free(&b);
	return res;
}

char *
md_excerpt(struct arena *a, const char *md, size_t len, size_t max)
{
	cmark_node	*doc, *n;
	char		*text;

	if ((doc = cmark_parse_document(md, len, MD_OPTIONS)) == NULL) {
		log_err("%s: cmark failed on %zu bytes", __func__, len);
		return arena_strdup(a, "");
	}
	for (n = cmark_node_first_child(doc); n != NULL;
	    n = cmark_node_next(n))
		if (cmark_node_get_type(n) == CMARK_NODE_PARAGRAPH)
			break;
	text = n != NULL ? plain_text(a, n) : arena_strdup(a, "");
	cmark_node_free(doc);
	return cut(a, text, strlen(text), max);
}

/* Appends text with white space collapsed (none at the start). */
static void
put_words(struct buf *b, const char *s)
{
	for (; *s != '\0'; s++) {
		if (*s == ' ' || *s == '\n' || *s == '\t' || *s == '\r') {
			if (b->len > 0 && b->data[b->len - 1] != ' ')
				buf_putc(b, ' ');
		} else
			buf_putc(b, *s);
	}
}

char *
md_plain(struct arena *a, const char *md, size_t len, size_t max)
{
	cmark_node		*doc, *n;
	cmark_iter		*it;
	cmark_event_type	 ev;
	const char		*lit;
	struct buf		 b;
	char			*res;

	if ((doc = cmark_parse_document(md, len, MD_OPTIONS)) == NULL) {
		log_err("%s: cmark failed on %zu bytes", __func__, len);
		return arena_strdup(a, "");
	}
	buf_init(&b);
	it = cmark_iter_new(doc);
	/* A little past max is enough to know where to cut. */
	while (b.len <= max && (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		n = cmark_iter_get_node(it);
		switch (cmark_node_get_type(n)) {
		case CMARK_NODE_TEXT:
		case CMARK_NODE_CODE:
			if (ev == CMARK_EVENT_ENTER &&
			    (lit = cmark_node_get_literal(n)) != NULL)
				put_words(&b, lit);
			break;
		case CMARK_NODE_SOFTBREAK:
		case CMARK_NODE_LINEBREAK:
		case CMARK_NODE_PARAGRAPH:
		case CMARK_NODE_HEADING:
			put_words(&b, " ");
			break;
		default:
			break;
		}
	}
	cmark_iter_free(it);
	cmark_node_free(doc);
	res = cut(a, b.len > 0 ? b.data : "", b.len, max);
	buf_free(&b);
	return res;
}

size_t
md_words(const char *s, size_t len)
{
	size_t	 i, words = 0;
	int	 in = 0;

	for (i = 0; i < len; i++) {
		if (s[i] == ' ' || s[i] == '\n' || s[i] == '\t') {
			in = 0;
		} else if (!in) {
			in = 1;
			words++;
		}
	}
	return words;
}
