/*
 * fuzz_feed: what a feed makes of an author's input. The Markdown,
 * rendered with md_render_abs() against an article's address, must leave
 * no href or src relative (the RFC 3986 resolver in markdown.c is a parser
 * of the author's URLs); and the input as a title, with that HTML as the
 * content, through all three writers: the XML must hold no character XML
 * forbids and no markup character of the input's own, the JSON no raw
 * control character, both valid UTF-8. And each must parse as what it
 * claims: Atom and RSS with libxml2, strict (no recovery, no network),
 * into a document whose root is <feed> or <rss>; JSON Feed with the
 * strict RFC 8259 checker below (no JSON library is linked), into an
 * object.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/parser.h>

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

/* A strict RFC 8259 reader that only says whether text is JSON: *p
 * advances past one value; 0, or -1. Depth is bounded (a feed nests 4). */
static int	json_value(const char **, const char *, int);

static void
json_ws(const char **p, const char *end)
{
	while (*p < end && (**p == ' ' || **p == '\t' || **p == '\n' ||
	    **p == '\r'))
		(*p)++;
}

static int
json_string(const char **p, const char *end)
{
	int	 i;

	if (*p >= end || **p != '"')
		return -1;
	for ((*p)++; *p < end; (*p)++) {
		if (**p == '"') {
			(*p)++;
			return 0;
		}
		if ((unsigned char)**p < 0x20)
			return -1;
		if (**p != '\\')
			continue;
		if (++(*p) >= end)
			return -1;
		if (**p == 'u') {
			for (i = 0; i < 4; i++)
				if (++(*p) >= end || !((**p >= '0' &&
				    **p <= '9') || (**p >= 'a' && **p <= 'f') ||
				    (**p >= 'A' && **p <= 'F')))
					return -1;
		} else if (strchr("\"\\/bfnrt", **p) == NULL || **p == '\0')
			return -1;
	}
	return -1;
}

static int
json_digits(const char **p, const char *end)
{
	const char	*s = *p;

	while (*p < end && **p >= '0' && **p <= '9')
		(*p)++;
	return *p > s ? 0 : -1;
}

static int
json_number(const char **p, const char *end)
{
	if (*p < end && **p == '-')
		(*p)++;
	if (*p < end && **p == '0')
		(*p)++;
	else if (json_digits(p, end) == -1)
		return -1;
	if (*p < end && **p == '.') {
		(*p)++;
		if (json_digits(p, end) == -1)
			return -1;
	}
	if (*p < end && (**p == 'e' || **p == 'E')) {
		(*p)++;
		if (*p < end && (**p == '+' || **p == '-'))
			(*p)++;
		if (json_digits(p, end) == -1)
			return -1;
	}
	return 0;
}

static int
json_word(const char **p, const char *end, const char *w)
{
	size_t	 n = strlen(w);

	if ((size_t)(end - *p) < n || memcmp(*p, w, n) != 0)
		return -1;
	*p += n;
	return 0;
}

/* An object or array, from its opening character. */
static int
json_container(const char **p, const char *end, int depth)
{
	char	 close = **p == '{' ? '}' : ']';
	int	 obj = **p == '{';

	(*p)++;
	json_ws(p, end);
	if (*p < end && **p == close) {
		(*p)++;
		return 0;
	}
	for (;;) {
		if (obj) {
			json_ws(p, end);
			if (json_string(p, end) == -1)
				return -1;
			json_ws(p, end);
			if (*p >= end || **p != ':')
				return -1;
			(*p)++;
		}
		if (json_value(p, end, depth + 1) == -1)
			return -1;
		json_ws(p, end);
		if (*p < end && **p == ',') {
			(*p)++;
			continue;
		}
		if (*p < end && **p == close) {
			(*p)++;
			return 0;
		}
		return -1;
	}
}

static int
json_value(const char **p, const char *end, int depth)
{
	if (depth > 32)
		return -1;
	json_ws(p, end);
	if (*p >= end)
		return -1;
	switch (**p) {
	case '{':
	case '[':
		return json_container(p, end, depth);
	case '"':
		return json_string(p, end);
	case 't':
		return json_word(p, end, "true");
	case 'f':
		return json_word(p, end, "false");
	case 'n':
		return json_word(p, end, "null");
	default:
		return json_number(p, end);
	}
}

/* The whole of s is one JSON object. */
static int
json_object(const char *s, size_t len)
{
	const char	*p = s, *end = s + len;

	json_ws(&p, end);
	if (p >= end || *p != '{' || json_value(&p, end, 0) == -1)
		return 0;
	json_ws(&p, end);
	return p == end;
}

/* The whole of s is well-formed XML whose root element is root. */
static int
xml_doc(const char *s, size_t len, const char *root)
{
	xmlDocPtr	 doc;
	xmlNodePtr	 r;
	int		 ok;

	doc = xmlReadMemory(s, (int)len, "feed.xml", NULL, XML_PARSE_NONET |
	    XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	if (doc == NULL)
		return 0;
	r = xmlDocGetRootElement(doc);
	ok = r != NULL && strcmp((const char *)r->name, root) == 0;
	xmlFreeDoc(doc);
	return ok;
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
		if (k == FEED_JSON)
			CHECK(json_object(b.data, b.len));
		else
			CHECK(xml_doc(b.data, b.len, k == FEED_ATOM ? "feed" :
			    "rss"));
		buf_free(&b);
	}
	arena_reset(&arena);
	return 0;
}
