/*
 * search: the reader's words -> a query of quoted FTS5 strings, and marked
 * snippets -> escaped HTML with <mark>. Pure: the input is never passed
 * through to FTS5, and no byte of stored text is written unescaped.
 */
#include <string.h>

#include "buf.h"
#include "search.h"
#include "valid.h"

/* The words FTS5 reads as operators when they stand bare. */
static const char *const operators[] = { "AND", "OR", "NOT", "NEAR" };

const char *
search_valid(const char *q)
{
	if (valid_chars(q) > SEARCH_Q_MAX)
		return "A search can be at most 200 characters long.";
	/* The words are echoed in the page: no control characters. */
	return valid_text(q) == NULL ? NULL :
	    "A search cannot hold control characters.";
}

static int
word_byte(unsigned char c)
{
	return c >= 0x80 || (c >= '0' && c <= '9') ||
	    (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int
is_operator(const char *w, size_t len)
{
	size_t	 i;

	for (i = 0; i < sizeof(operators) / sizeof(operators[0]); i++)
		if (strlen(operators[i]) == len &&
		    memcmp(operators[i], w, len) == 0)
			return 1;
	return 0;
}

void
search_build(struct arena *a, const char *q, struct search_query *out)
{
	struct buf	 b;
	const char	*p = q, *w;
	size_t		 len, i;

	memset(out, 0, sizeof(*out));
	buf_init(&b);
	for (;;) {
		while (*p != '\0' && !word_byte((unsigned char)*p))
			p++;
		if (*p == '\0')
			break;
		for (w = p; *p != '\0' && word_byte((unsigned char)*p); p++)
			;
		len = (size_t)(p - w);
		if (is_operator(w, len))
			continue;
		if (out->words == SEARCH_WORDS_MAX) {
			out->dropped++;
			continue;
		}
		if (out->words > 0)
			buf_putc(&b, ' ');
		/* A word holds no '"' today; doubling it keeps the string
		 * closed should the rule of a word ever change. */
		buf_putc(&b, '"');
		for (i = 0; i < len; i++) {
			if (w[i] == '"')
				buf_putc(&b, '"');
			buf_putc(&b, w[i]);
		}
		buf_putc(&b, '"');
		out->words++;
	}
	if (out->words > 0)
		out->fts = arena_strndup(a, b.data, b.len);
	buf_free(&b);
}

struct safe_html
search_mark(struct arena *a, const char *s, size_t len)
{
	struct safe_html	 h;
	struct buf		 b;
	size_t			 i, start = 0;
	int			 open = 0;

	buf_init(&b);
	for (i = 0; i < len; i++) {
		if (s[i] != SEARCH_MARK_ON[0] && s[i] != SEARCH_MARK_OFF[0])
			continue;
		html_text(&b, s + start, i - start);
		start = i + 1;
		if (s[i] == SEARCH_MARK_ON[0] && !open)
			buf_puts(&b, "<mark>");
		else if (s[i] == SEARCH_MARK_OFF[0] && open)
			buf_puts(&b, "</mark>");
		else
			continue;
		open = !open;
	}
	html_text(&b, s + start, len - start);
	if (open)
		buf_puts(&b, "</mark>");
	h.len = b.len;
	h.s = arena_strndup(a, b.len > 0 ? b.data : "", b.len);
	buf_free(&b);
	return h;
}
