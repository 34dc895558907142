/*
 * markdown: wraps cmark. CMARK_OPT_UNSAFE is never passed: cmark then omits
 * raw HTML and blanks javascript:, vbscript:, file: and data: (but images)
 * links, which is what makes its output a struct safe_html.
 */
#include <stdlib.h>
#include <string.h>

#include <cmark.h>

#include "buf.h"
#include "log.h"
#include "markdown.h"

#define MD_OPTIONS	(CMARK_OPT_SMART | CMARK_OPT_VALIDATE_UTF8)

int
md_render(struct arena *a, const char *md, size_t len, struct safe_html *out)
{
	char	*html;

	if ((html = cmark_markdown_to_html(md, len, MD_OPTIONS)) == NULL) {
		log_err("%s: cmark failed on %zu bytes", __func__, len);
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

/* The running text of a node: text and code literals, breaks as spaces. */
static char *
plain_text(struct arena *a, cmark_node *root)
{
	cmark_iter		*it;
	cmark_event_type	 ev;
	cmark_node		*n;
	const char		*lit;
	struct buf		 b;
	char			*res;

	buf_init(&b);
	it = cmark_iter_new(root);
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		if (ev != CMARK_EVENT_ENTER)
			continue;
		n = cmark_iter_get_node(it);
		switch (cmark_node_get_type(n)) {
		case CMARK_NODE_TEXT:
		case CMARK_NODE_CODE:
			if ((lit = cmark_node_get_literal(n)) != NULL)
				buf_puts(&b, lit);
			break;
		case CMARK_NODE_SOFTBREAK:
		case CMARK_NODE_LINEBREAK:
			buf_putc(&b, ' ');
			break;
		default:
			break;
		}
	}
	cmark_iter_free(it);
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
