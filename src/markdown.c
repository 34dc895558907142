/*
 * markdown: wraps cmark. CMARK_OPT_UNSAFE is never passed, so cmark omits
 * raw HTML. Links and images are checked here, before rendering, against
 * html_url_allowed(), the one URL rule of the program: a refused link shows
 * its text unlinked (cmark alone would write <a href="">, a live link to the
 * page itself) and a refused image shows its alt text. Together that is
 * what makes the output a struct safe_html. For feeds, read away from the
 * site, the same pass also makes relative URLs absolute (RFC 3986 5.2) on
 * the tree, before rendering: never a rewrite of the HTML.
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

/* Does url begin with a scheme ("https:", "mailto:")? RFC 3986: a letter,
 * then letters, digits, "+", "-" or ".", then ":". */
static int
has_scheme(const char *u)
{
	size_t	 i;

	if (!((u[0] >= 'a' && u[0] <= 'z') || (u[0] >= 'A' && u[0] <= 'Z')))
		return 0;
	for (i = 1; (u[i] >= 'a' && u[i] <= 'z') || (u[i] >= 'A' &&
	    u[i] <= 'Z') || (u[i] >= '0' && u[i] <= '9') || u[i] == '+' ||
	    u[i] == '-' || u[i] == '.'; i++)
		;
	return u[i] == ':';
}

/* RFC 3986 5.2.4, remove_dot_segments, on an absolute path (len > 0,
 * p[0] == '/'), appended to b: segments kept on a stack, "." dropped,
 * ".." pops; either as the last segment leaves a trailing "/". */
static void
put_path(struct buf *b, const char *p, size_t len)
{
	struct seg { const char *s; size_t n; }	*st;
	size_t					 nst = 0, i, n;
	const char				*end = p + len;

	st = calloc(len + 1, sizeof(*st));
	if (st == NULL) {
		log_err("%s: out of memory", __func__);
		abort();
	}
	for (p++; ; p += n + 1) {
		n = strcspn(p, "/");
		if (p + n > end)
			n = (size_t)(end - p);
		if ((n == 1 && p[0] == '.') || (n == 2 && p[0] == '.' &&
		    p[1] == '.')) {
			if (n == 2 && nst > 0)
				nst--;
			if (p + n >= end)
				st[nst++] = (struct seg){ p, 0 };
		} else
			st[nst++] = (struct seg){ p, n };
		if (p + n >= end)
			break;
	}
	for (i = 0; i < nst; i++) {
		buf_putc(b, '/');
		buf_put(b, st[i].s, st[i].n);
	}
	if (nst == 0)
		buf_putc(b, '/');
	free(st);
}

/*
 * The reference ref resolved against the absolute URL base (RFC 3986
 * 5.2.2, for a base of scheme, authority and path only), into b.
 */
static void
resolve(struct buf *b, const char *base, const char *ref)
{
	struct buf	 m;
	const char	*auth, *path;
	size_t		 plen, rlen, dir;

	auth = strstr(base, "://");
	auth = auth != NULL ? auth + 3 : base + strlen(base);
	path = auth + strcspn(auth, "/?#");
	plen = strcspn(path, "?#");
	if (ref[0] == '/' && ref[1] == '/') {
		buf_put(b, base, (size_t)(auth - base) - 2);
		buf_puts(b, ref);
		return;
	}
	buf_put(b, base, (size_t)(path - base));
	if (ref[0] == '#' || ref[0] == '?') {
		if (plen == 0)
			buf_putc(b, '/');
		buf_put(b, path, ref[0] == '#' ? strcspn(path, "#") : plen);
		buf_puts(b, ref);
		return;
	}
	rlen = strcspn(ref, "?#");
	if (ref[0] == '/')
		put_path(b, ref, rlen);
	else {
		/* The base's folder, then the reference's path. */
		for (dir = plen; dir > 0 && path[dir - 1] != '/'; dir--)
			;
		buf_init(&m);
		buf_putc(&m, '/');
		if (dir > 1)
			buf_put(&m, path + 1, dir - 1);
		buf_put(&m, ref, rlen);
		put_path(b, m.data, m.len);
		buf_free(&m);
	}
	buf_puts(b, ref + rlen);
}

/* Makes a relative URL of a link or image absolute, against base. */
static void
make_absolute(cmark_node *n, const char *base)
{
	const char	*url = cmark_node_get_url(n);
	struct buf	 b;

	if (has_scheme(url))
		return;
	buf_init(&b);
	resolve(&b, base, url);
	if (!cmark_node_set_url(n, b.data))
		log_err("%s: cmark refused a URL", __func__);
	buf_free(&b);
}

/* Unwraps every link and drops every image whose URL is refused; with a
 * base, makes the others absolute. Nodes change only on their EXIT event,
 * as cmark allows: the iterator has already stepped past them, and their
 * children are done. */
static void
check_urls(cmark_node *doc, const char *base)
{
	cmark_iter		*it;
	cmark_event_type	 ev;
	cmark_node		*n;
	cmark_node_type		 t;

	it = cmark_iter_new(doc);
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		if (ev != CMARK_EVENT_EXIT)
			continue;
		n = cmark_iter_get_node(it);
		t = cmark_node_get_type(n);
		if (t != CMARK_NODE_LINK && t != CMARK_NODE_IMAGE)
			continue;
		if (!url_ok(n)) {
			if (t == CMARK_NODE_LINK)
				unwrap_link(n);
			else
				image_to_alt(n);
		} else if (base != NULL)
			make_absolute(n, base);
	}
	cmark_iter_free(it);
}

/*
 * A copy of cmark's HTML in the arena, where each code block can take the
 * keyboard focus: a <pre> wider than the screen scrolls sideways, and a
 * reader without a mouse must be able to scroll it (WCAG 2.1.1). Raw HTML
 * is omitted, so every "<pre>" in the output is a code block's.
 */
#define PRE		"<pre>"
#define PRE_FOCUS	"<pre tabindex=\"0\">"

static void
focusable_pre(struct arena *a, const char *html, struct safe_html *out)
{
	const char	*p, *q;
	char		*o;
	size_t		 n = 0, len = strlen(html);

	for (p = html; (p = strstr(p, PRE)) != NULL; p += sizeof(PRE) - 1)
		n++;
	out->len = len + n * (sizeof(PRE_FOCUS) - sizeof(PRE));
	o = arena_alloc(a, out->len + 1);
	out->s = o;
	for (p = html; (q = strstr(p, PRE)) != NULL; p = q + sizeof(PRE) - 1) {
		memcpy(o, p, (size_t)(q - p));
		o += q - p;
		memcpy(o, PRE_FOCUS, sizeof(PRE_FOCUS) - 1);
		o += sizeof(PRE_FOCUS) - 1;
	}
	memcpy(o, p, strlen(p) + 1);
}

static char	*plain_of(struct arena *, cmark_node *, size_t);

static int
render(struct arena *a, const char *md, size_t len, const char *base,
    struct safe_html *out, char **plain, size_t max)
{
	cmark_node	*doc;
	char		*html;

	if ((doc = cmark_parse_document(md, len, MD_OPTIONS)) == NULL) {
		log_err("%s: cmark failed to parse %zu bytes", __func__, len);
		return -1;
	}
	/* Before check_urls(), which turns refused links into text. */
	if (plain != NULL)
		*plain = plain_of(a, doc, max);
	check_urls(doc, base);
	html = cmark_render_html(doc, MD_OPTIONS);
	cmark_node_free(doc);
	if (html == NULL) {
		log_err("%s: cmark failed to render %zu bytes", __func__, len);
		return -1;
	}
	/* Pages: code blocks focusable. Feeds: cmark's HTML as it is. */
	if (base == NULL)
		focusable_pre(a, html, out);
	else {
		out->len = strlen(html);
		out->s = arena_strndup(a, html, out->len);
	}
	free(html);
	return 0;
}

int
md_render(struct arena *a, const char *md, size_t len, struct safe_html *out)
{
	return render(a, md, len, NULL, out, NULL, 0);
}

int
md_render_plain(struct arena *a, const char *md, size_t len,
    struct safe_html *out, char **plain, size_t max)
{
	return render(a, md, len, NULL, out, plain, max);
}

int
md_render_abs(struct arena *a, const char *md, size_t len, const char *base,
    struct safe_html *out)
{
	return render(a, md, len, base, out, NULL, 0);
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

/* The plain text of a parsed document, cut at max (md_plain()). */
static char *
plain_of(struct arena *a, cmark_node *doc, size_t max)
{
	cmark_node		*n;
	cmark_iter		*it;
	cmark_event_type	 ev;
	const char		*lit;
	struct buf		 b;
	char			*res;

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
	res = cut(a, b.len > 0 ? b.data : "", b.len, max);
	buf_free(&b);
	return res;
}

char *
md_plain(struct arena *a, const char *md, size_t len, size_t max)
{
	cmark_node	*doc;
	char		*res;

	if ((doc = cmark_parse_document(md, len, MD_OPTIONS)) == NULL) {
		log_err("%s: cmark failed on %zu bytes", __func__, len);
		return arena_strdup(a, "");
	}
	res = plain_of(a, doc, max);
	cmark_node_free(doc);
	return res;
}

/* The bytes that separate words. */
static const unsigned char	 word_gap[256] = {
	[' '] = 1, ['\n'] = 1, ['\t'] = 1,
};

size_t
md_words(const char *s, size_t len)
{
	const unsigned char	*p = (const unsigned char *)s;
	size_t			 i, words = 0;
	unsigned		 gap = 1, sp;

	/* A word begins at each byte after a gap that is no gap itself:
	 * a table and a comparison a byte, no branch (a cold article page
	 * spent 6% here). */
	for (i = 0; i < len; i++) {
		sp = word_gap[p[i]];
		words += gap > sp;
		gap = sp;
	}
	return words;
}
