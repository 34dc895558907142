/*
 * feed: the three feed formats, each a writer over struct feed. Every
 * string from the site (titles, names, URLs, the rendered HTML) goes
 * through feed_xml() or feed_json(); only the literal markup of this file
 * is written raw. No CDATA: escaped text needs no "]]>" rule.
 */
#include <string.h>

#include "date.h"
#include "feed.h"
#include "utf8.h"

static const struct {
	const char	*ctype;
	const char	*path;
} kinds[FEED__MAX] = {
	{ "application/atom+xml; charset=utf-8", "/feed.atom" }, /* FEED_ATOM */
	{ "application/rss+xml; charset=utf-8", "/feed.rss" },	/* FEED_RSS */
	{ "application/feed+json; charset=utf-8", "/feed.json" }, /* FEED_JSON */
};

const char *
feed_content_type(enum feed_kind k)
{
	return kinds[k].ctype;
}

const char *
feed_path(enum feed_kind k)
{
	return kinds[k].path;
}

/* The code point at s (n > 0 bytes left) into *cp, and its length. An
 * invalid sequence is U+FFFD, one byte long. */
static size_t
utf8_next(const unsigned char *s, size_t n, unsigned long *cp)
{
	size_t	 len;
	long	 c;

	c = utf8_decode(s, n, &len);
	*cp = c == -1 ? 0xfffd : (unsigned long)c;
	return len;
}

/* A character XML 1.0 allows and does not discourage. */
static int
xml_char(unsigned long c)
{
	return c == '\t' || c == '\n' || (c >= 0x20 && c < 0x7f) ||
	    (c >= 0xa0 && c != 0xfffe && c != 0xffff);
}

/* The character at s (k bytes, decoded as c), as it came or, when it
 * was not valid UTF-8, as U+FFFD. */
static void
put_char(struct buf *b, const char *s, size_t k, unsigned long c)
{
	if (c == 0xfffd && k == 1)
		buf_puts(b, "\xef\xbf\xbd");
	else
		buf_put(b, s, k);
}

/* How many bytes from s (n left) are printable ASCII that needs no
 * escape in XML (json 0) or in a JSON string (json 1), or for XML tab or
 * newline: copied as they are, in one piece (a feed of 20 articles in
 * full spent three quarters of its time copying them one at a time). */
static size_t
plain_run(const char *s, size_t n, int json)
{
	size_t	 k;
	char	 c;

	for (k = 0; k < n; k++) {
		c = s[k];
		if (c == '<' || c == '>' || c == '&')
			break;
		if (c >= 0x20 && c < 0x7f) {
			if (json ? c == '"' || c == '\\' : c == '"' ||
			    c == '\'')
				break;
		} else if (json || (c != '\t' && c != '\n'))
			break;
	}
	return k;
}

void
feed_xml(struct buf *b, const char *s, size_t len)
{
	unsigned long	 c;
	size_t		 i, k;

	for (i = 0; i < len; i += k) {
		if ((k = plain_run(s + i, len - i, 0)) > 0) {
			buf_put(b, s + i, k);
			continue;
		}
		k = utf8_next((const unsigned char *)s + i, len - i, &c);
		switch (c) {
		case '&':
			buf_puts(b, "&amp;");
			break;
		case '<':
			buf_puts(b, "&lt;");
			break;
		case '>':
			buf_puts(b, "&gt;");
			break;
		case '"':
			buf_puts(b, "&quot;");
			break;
		case '\'':
			buf_puts(b, "&#39;");
			break;
		default:
			if (xml_char(c))
				put_char(b, s + i, k, c);
			break;
		}
	}
}

/* "\\u" and four hex digits: c is below U+10000 here. */
static void
put_u(struct buf *b, unsigned long c)
{
	static const char	 hex[] = "0123456789abcdef";
	char			 u[6] = { '\\', 'u', hex[(c >> 12) & 0xf],
				    hex[(c >> 8) & 0xf], hex[(c >> 4) & 0xf],
				    hex[c & 0xf] };

	buf_put(b, u, sizeof(u));
}

void
feed_json(struct buf *b, const char *s, size_t len)
{
	unsigned long	 c;
	size_t		 i, k;

	buf_putc(b, '"');
	for (i = 0; i < len; i += k) {
		if ((k = plain_run(s + i, len - i, 1)) > 0) {
			buf_put(b, s + i, k);
			continue;
		}
		k = utf8_next((const unsigned char *)s + i, len - i, &c);
		switch (c) {
		case '"':
			buf_puts(b, "\\\"");
			break;
		case '\\':
			buf_puts(b, "\\\\");
			break;
		case '\n':
			buf_puts(b, "\\n");
			break;
		case '\t':
			buf_puts(b, "\\t");
			break;
		case '\r':
			buf_puts(b, "\\r");
			break;
		default:
			/* < > & too: the feed stays inert if a browser
			 * ever reads it as HTML. */
			if (c < 0x20 || c == '<' || c == '>' || c == '&' ||
			    c == 0x2028 || c == 0x2029)
				put_u(b, c);
			else
				put_char(b, s + i, k, c);
			break;
		}
	}
	buf_putc(b, '"');
}

/* XML */

static void
x_text(struct buf *b, const char *s)
{
	feed_xml(b, s, strlen(s));
}

/* <name>text</name> and a newline. */
static void
x_elem(struct buf *b, const char *name, const char *text)
{
	buf_printf(b, "<%s>", name);
	x_text(b, text);
	buf_printf(b, "</%s>\n", name);
}

/* <link rel="REL" type="TYPE" href="URL"/> */
static void
x_link(struct buf *b, const char *rel, const char *type, const char *url)
{
	buf_printf(b, "<link rel=\"%s\" type=\"%s\" href=\"", rel, type);
	x_text(b, url);
	buf_puts(b, "\"/>\n");
}

static void
x_author(struct buf *b, const char *name)
{
	buf_puts(b, "<author><name>");
	x_text(b, name);
	buf_puts(b, "</name></author>\n");
}

static void
atom(struct arena *a, struct buf *b, const struct feed *f)
{
	const struct feed_item	*it;
	size_t			 i, t;

	buf_puts(b, "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
	    "<feed xmlns=\"http://www.w3.org/2005/Atom\">\n");
	x_elem(b, "title", f->title);
	if (*f->subtitle != '\0')
		x_elem(b, "subtitle", f->subtitle);
	x_link(b, "alternate", "text/html", f->home_url);
	x_link(b, "self", "application/atom+xml", f->self_url);
	x_elem(b, "id", f->id);
	x_elem(b, "updated", date_iso(a, f->updated));
	x_author(b, f->author);
	buf_puts(b, "<generator>Quire</generator>\n");
	for (i = 0; i < f->n; i++) {
		it = &f->items[i];
		buf_puts(b, "<entry>\n");
		x_elem(b, "title", it->title);
		x_link(b, "alternate", "text/html", it->url);
		x_elem(b, "id", it->id);
		x_elem(b, "published", date_iso(a, it->published));
		x_elem(b, "updated", date_iso(a, it->updated));
		x_author(b, *it->author != '\0' ? it->author : f->author);
		for (t = 0; t < it->ntags; t++) {
			buf_puts(b, "<category term=\"");
			x_text(b, it->tags[t]);
			buf_puts(b, "\"/>\n");
		}
		buf_puts(b, "<content type=\"html\">");
		feed_xml(b, it->content.s, it->content.len);
		buf_puts(b, "</content>\n</entry>\n");
	}
	buf_puts(b, "</feed>\n");
}

/* RSS has no author name of its own (its <author> is an e-mail address):
 * Dublin Core's creator, as most feeds do. */
static void
rss(struct arena *a, struct buf *b, const struct feed *f)
{
	const struct feed_item	*it;
	size_t			 i, t;

	buf_puts(b, "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
	    "<rss version=\"2.0\" xmlns:atom=\"http://www.w3.org/2005/Atom\""
	    " xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n<channel>\n");
	x_elem(b, "title", f->title);
	x_elem(b, "link", f->home_url);
	x_elem(b, "description", *f->subtitle != '\0' ? f->subtitle :
	    f->title);
	buf_puts(b, "<atom:link rel=\"self\" type=\"application/rss+xml\""
	    " href=\"");
	x_text(b, f->self_url);
	buf_puts(b, "\"/>\n");
	x_elem(b, "lastBuildDate", date_rfc822(a, f->updated));
	x_elem(b, "generator", "Quire");
	for (i = 0; i < f->n; i++) {
		it = &f->items[i];
		buf_puts(b, "<item>\n");
		x_elem(b, "title", it->title);
		x_elem(b, "link", it->url);
		buf_puts(b, "<guid isPermaLink=\"false\">");
		x_text(b, it->id);
		buf_puts(b, "</guid>\n");
		x_elem(b, "pubDate", date_rfc822(a, it->published));
		x_elem(b, "dc:creator", *it->author != '\0' ? it->author :
		    f->author);
		for (t = 0; t < it->ntags; t++)
			x_elem(b, "category", it->tags[t]);
		buf_puts(b, "<description>");
		feed_xml(b, it->content.s, it->content.len);
		buf_puts(b, "</description>\n</item>\n");
	}
	buf_puts(b, "</channel>\n</rss>\n");
}

/* JSON */

/* "key": with a comma before it unless first. */
static void
j_key(struct buf *b, const char *key, int first)
{
	if (!first)
		buf_putc(b, ',');
	buf_printf(b, "\n\"%s\":", key);
}

static void
j_str(struct buf *b, const char *key, const char *val, int first)
{
	j_key(b, key, first);
	feed_json(b, val, strlen(val));
}

static void
j_authors(struct buf *b, const char *name)
{
	buf_puts(b, ",\n\"authors\":[{\"name\":");
	feed_json(b, name, strlen(name));
	buf_puts(b, "}]");
}

static void
json(struct arena *a, struct buf *b, const struct feed *f)
{
	const struct feed_item	*it;
	size_t			 i, t;

	buf_puts(b, "{");
	j_str(b, "version", "https://jsonfeed.org/version/1.1", 1);
	j_str(b, "title", f->title, 0);
	if (*f->subtitle != '\0')
		j_str(b, "description", f->subtitle, 0);
	j_str(b, "home_page_url", f->home_url, 0);
	j_str(b, "feed_url", f->self_url, 0);
	j_authors(b, f->author);
	buf_puts(b, ",\n\"items\":[");
	for (i = 0; i < f->n; i++) {
		it = &f->items[i];
		buf_puts(b, i == 0 ? "{" : ",{");
		j_str(b, "id", it->id, 1);
		j_str(b, "url", it->url, 0);
		j_str(b, "title", it->title, 0);
		j_key(b, "content_html", 0);
		feed_json(b, it->content.s, it->content.len);
		j_str(b, "date_published", date_iso(a, it->published), 0);
		j_str(b, "date_modified", date_iso(a, it->updated), 0);
		j_authors(b, *it->author != '\0' ? it->author : f->author);
		if (it->ntags > 0) {
			buf_puts(b, ",\n\"tags\":[");
			for (t = 0; t < it->ntags; t++) {
				if (t > 0)
					buf_putc(b, ',');
				feed_json(b, it->tags[t], strlen(it->tags[t]));
			}
			buf_putc(b, ']');
		}
		buf_puts(b, "}");
	}
	buf_puts(b, "]}\n");
}

void
feed_write(struct arena *a, struct buf *b, enum feed_kind k,
    const struct feed *f)
{
	static void (*const writers[FEED__MAX])(struct arena *, struct buf *,
	    const struct feed *) = {
		atom,	/* FEED_ATOM */
		rss,	/* FEED_RSS */
		json,	/* FEED_JSON */
	};

	writers[k](a, b, f);
}
