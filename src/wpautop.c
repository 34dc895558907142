/*
 * wpautop: a WordPress body as its readers' browsers got it (wpautop.h).
 * Two passes over the text, neither a parser of HTML: the first replaces
 * the shortcodes Quire can express by the HTML WordPress would have
 * printed for them; the second finds the text blocks between blank lines
 * and block tags, as WordPress's wpautop() does, and wraps them in <p>.
 * Tags, comments and <pre>/<script>/<style> are copied whole, so a blank
 * line inside them is no paragraph break. libxml2's HTML parser (in
 * html2md.c) then reads the result however broken the author's HTML was.
 * Invalid UTF-8 becomes U+FFFD here, and a NUL ends the body.
 */
#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "buf.h"
#include "utf8.h"
#include "wpautop.h"

/* Marks in the text between the passes (the input's own are dropped):
 * SEP a block boundary, OPEN..SHUT something copied whole. */
#define SEP	'\001'
#define OPEN	'\002'
#define SHUT	'\003'

#define NAME_MAX_LEN	32	/* of a tag or shortcode name */
#define OPEN_TAG_MAX	2000	/* bytes of a shortcode's opening tag */

/* WordPress's $allblocks, the tags that are paragraphs of their own. */
static const char *const blocks[] = {
	"address", "area", "article", "aside", "blockquote", "caption",
	"col", "colgroup", "dd", "details", "div", "dl", "dt", "fieldset",
	"figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4",
	"h5", "h6", "header", "hgroup", "hr", "legend", "li", "map", "math",
	"menu", "nav", "ol", "p", "pre", "section", "style", "summary",
	"table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
};

/* WordPress's own shortcodes, noted even without attributes. */
static const char *const core[] = { "audio", "caption", "code", "embed",
    "gallery", "playlist", "sourcecode", "video", "wp_caption" };

/* Elements whose content is copied whole. */
static const char *const raw[] = { "pre", "script", "style", "textarea" };

static int
in_list(const char *const *v, size_t n, const char *name)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		if (strcmp(v[i], name) == 0)
			return 1;
	return 0;
}

/* The lowercased tag name at p ("<name" or "</name") into name; its
 * length, 0 if p is no tag. */
static size_t
tag_name(const char *p, char name[NAME_MAX_LEN + 1], int *closing)
{
	size_t	 i = 1, n = 0;

	*closing = p[1] == '/';
	if (*closing)
		i++;
	if (!isalpha((unsigned char)p[i]))
		return 0;
	while (isalnum((unsigned char)p[i]) && n < NAME_MAX_LEN)
		name[n++] = (char)tolower((unsigned char)p[i++]);
	name[n] = '\0';
	if (p[i] != '>' && p[i] != '/' && !isspace((unsigned char)p[i]))
		return 0;
	return n;
}

static int
block_at(const char *p)
{
	char	 name[NAME_MAX_LEN + 1];
	int	 closing;

	if (*p == OPEN)
		p++;
	return *p == '<' && tag_name(p, name, &closing) > 0 &&
	    in_list(blocks, sizeof(blocks) / sizeof(blocks[0]), name);
}

/* The value of attribute name in a shortcode's attributes (a[0..len)),
 * quoted or not, in the arena; NULL if absent. */
static char *
attr(struct arena *ar, const char *a, size_t len, const char *name)
{
	size_t	 i, n = strlen(name), v;
	char	 q;

	for (i = 0; i + n < len; i++) {
		if ((i > 0 && !isspace((unsigned char)a[i - 1])) ||
		    strncasecmp(a + i, name, n) != 0 || a[i + n] != '=')
			continue;
		i += n + 1;
		q = a[i] == '"' || a[i] == '\'' ? a[i++] : ' ';
		for (v = i; v < len && a[v] != q && (q != ' ' ||
		    !isspace((unsigned char)a[v])); v++)
			;
		return arena_strndup(ar, a + i, v - i);
	}
	return NULL;
}

/* s with '<', '>' and '"' as character references (for text inside
 * <pre>, or a URL in an attribute); '&' is left as written. */
static void
put_lt(struct buf *b, const char *s, size_t len)
{
	size_t	 i;

	for (i = 0; i < len; i++)
		if (s[i] == '<')
			buf_puts(b, "&lt;");
		else if (s[i] == '>')
			buf_puts(b, "&gt;");
		else if (s[i] == '"')
			buf_puts(b, "&quot;");
		else
			buf_putc(b, s[i]);
}

static void
trim(const char **s, size_t *len)
{
	while (*len > 0 && isspace((unsigned char)**s)) {
		(*s)++;
		(*len)--;
	}
	while (*len > 0 && isspace((unsigned char)(*s)[*len - 1]))
		(*len)--;
}

/* [caption]: the image (with its link) and the text after it, or the
 * caption="" attribute, as WordPress's img_caption_shortcode() splits
 * them. */
static void
put_caption(struct arena *ar, struct buf *b, const char *at, size_t alen,
    const char *in, size_t len)
{
	const char	*img, *end, *cap;
	char		*dup;
	size_t		 n;

	buf_puts(b, "\n\n<figure>");
	if ((cap = attr(ar, at, alen, "caption")) != NULL) {
		buf_put(b, in, len);
		n = strlen(cap);
	} else {
		dup = arena_strndup(ar, in, len);
		if ((img = strcasestr(dup, "<img")) == NULL ||
		    (end = strchr(img, '>')) == NULL) {
			buf_put(b, in, len);
			buf_puts(b, "</figure>\n\n");
			return;
		}
		end = in + (end - dup) + 1;
		n = strspn(end, " \t\r\n");
		if ((size_t)(end - in) + n + 4 <= len &&
		    strncasecmp(end + n, "</a>", 4) == 0)
			end += n + 4;
		buf_put(b, in, (size_t)(end - in));
		cap = end;
		n = len - (size_t)(end - in);
	}
	trim(&cap, &n);
	if (n > 0) {
		buf_puts(b, "<figcaption>");
		buf_put(b, cap, n);
		buf_puts(b, "</figcaption>");
	}
	buf_puts(b, "</figure>\n\n");
}

static void
put_code(struct arena *ar, struct buf *b, const char *at, size_t alen,
    const char *in, size_t len)
{
	const char	*lang;
	size_t		 i;

	if ((lang = attr(ar, at, alen, "lang")) == NULL)
		lang = attr(ar, at, alen, "language");
	buf_puts(b, "\n\n<pre");
	if (lang != NULL && *lang != '\0') {
		buf_puts(b, " class=\"language-");
		for (i = 0; lang[i] != '\0'; i++)
			if (isalnum((unsigned char)lang[i]) ||
			    strchr("+#._-", lang[i]) != NULL)
				buf_putc(b, lang[i]);
		buf_putc(b, '"');
	}
	buf_puts(b, "><code>");
	while (len > 0 && (*in == '\n' || *in == '\r')) {
		in++;
		len--;
	}
	while (len > 0 && isspace((unsigned char)in[len - 1]))
		len--;
	put_lt(b, in, len);
	buf_puts(b, "</code></pre>\n\n");
}

static void
put_embed(struct buf *b, const char *in, size_t len)
{
	trim(&in, &len);
	buf_puts(b, "\n\n<p><a href=\"");
	put_lt(b, in, len);
	buf_puts(b, "\">");
	put_lt(b, in, len);
	buf_puts(b, "</a></p>\n\n");
}

/* The shortcode at s[0] == '[': appended to b if Quire expresses it
 * (returns the bytes it took), else its name recorded in *unk and 0. */
static size_t
shortcode(struct arena *ar, struct buf *b, const char *s,
    const char ***unk, size_t *nunk, size_t *capunk, unsigned *missing)
{
	static const char *const closes[] = { "[/caption]", "[/embed]",
	    "[/code]", "[/sourcecode]" };
	char		 name[NAME_MAX_LEN + 1], *close;
	const char	*end, *in, *stop;
	size_t		 n = 0, alen, i, k;

	if (!isalpha((unsigned char)s[1]) && s[1] != '_')
		return 0;
	while (n < NAME_MAX_LEN && (isalnum((unsigned char)s[1 + n]) ||
	    s[1 + n] == '_' || s[1 + n] == '-')) {
		name[n] = (char)tolower((unsigned char)s[1 + n]);
		n++;
	}
	name[n] = '\0';
	if (s[1 + n] != ']' && s[1 + n] != ' ' && s[1 + n] != '/')
		return 0;
	if ((end = memchr(s, ']', strnlen(s, OPEN_TAG_MAX))) == NULL)
		return 0;
	alen = (size_t)(end - s) - 1 - n;
	close = arena_printf(ar, "[/%s]", strcmp(name, "wp_caption") == 0 ?
	    "caption" : name);
	in = end + 1;
	/* Only for the names Quire knows, and once a name's closing tag is
	 * known to be missing, not again: a search for each "[x" would take
	 * quadratic time. */
	for (k = 0; k < sizeof(closes) / sizeof(closes[0]); k++)
		if (strcmp(close, closes[k]) == 0)
			break;
	stop = NULL;
	if (k < sizeof(closes) / sizeof(closes[0]) && !(*missing & 1u << k) &&
	    (stop = strcasestr(in, close)) == NULL)
		*missing |= 1u << k;
	if (stop != NULL && (strcmp(name, "caption") == 0 ||
	    strcmp(name, "wp_caption") == 0))
		put_caption(ar, b, s + 1 + n, alen, in, (size_t)(stop - in));
	else if (stop != NULL && strcmp(name, "embed") == 0)
		put_embed(b, in, (size_t)(stop - in));
	else if (stop != NULL && (strcmp(name, "code") == 0 ||
	    strcmp(name, "sourcecode") == 0))
		put_code(ar, b, s + 1 + n, alen, in, (size_t)(stop - in));
	else {
		/* "[sic]" is text; a shortcode has attributes or is one
		 * of WordPress's own. */
		if (memchr(s + 1 + n, '=', alen) == NULL &&
		    !in_list(core, sizeof(core) / sizeof(core[0]), name))
			return 0;
		for (i = 0; i < *nunk; i++)
			if (strcmp((*unk)[i], name) == 0)
				return 0;
		*unk = arena_grow(ar, *unk, *nunk, capunk, sizeof(**unk));
		(*unk)[(*nunk)++] = arena_strdup(ar, name);
		return 0;
	}
	return (size_t)(stop - s) + strlen(close);
}

/* Pass one: shortcodes, line ends, and the marks taken out. */
static void
pass_shortcodes(struct arena *ar, struct buf *b, const char *s, size_t len,
    const char ***unk, size_t *nunk)
{
	struct buf	 c;
	const char	*t;
	size_t		 i, n, cap = 0;
	unsigned	 missing = 0;	/* closing tags not in the rest */

	/* First the text itself: a NUL ends it, line ends become '\n',
	 * the marks go, and invalid UTF-8 (libxml2 would pass it on)
	 * becomes U+FFFD. */
	buf_init(&c);
	len = strnlen(s, len);
	for (i = 0; i < len; i++)
		if (s[i] == '\r' && i + 1 < len && s[i + 1] == '\n')
			continue;
		else if (s[i] == '\r')
			buf_putc(&c, '\n');
		else if (s[i] == SEP || s[i] == OPEN || s[i] == SHUT)
			continue;
		else if ((unsigned char)s[i] < 0x80)
			buf_putc(&c, s[i]);
		else if (utf8_decode((const unsigned char *)s + i, len - i,
		    &n) < 0)
			buf_puts(&c, "\xef\xbf\xbd");
		else {
			buf_put(&c, s + i, n);
			i += n - 1;
		}
	t = c.len > 0 ? arena_strndup(ar, c.data, c.len) : "";
	buf_free(&c);
	for (i = 0, len = strlen(t); i < len; i++) {
		if (t[i] == '[' && t[i + 1] == '[') {
			buf_put(b, "[[", 2);
			i++;
		} else if (t[i] == '[' &&
		    (n = shortcode(ar, b, t + i, unk, nunk, &cap, &missing)) > 0)
			i += n - 1;
		else
			buf_putc(b, t[i]);
	}
}

/* Pass two, first half: every tag, comment and raw element marked as
 * copied whole, and SEP at blank lines and around block tags. */
static void
pass_mark(struct buf *b, const char *s)
{
	char		 name[NAME_MAX_LEN + 1];
	const char	*end, *c;
	int		 closing, blk;
	size_t		 n;

	while (*s != '\0') {
		end = NULL;
		if (strncmp(s, "<!--", 4) == 0) {
			end = strstr(s + 4, "-->");
			end = end != NULL ? end + 3 : s + strlen(s);
			blk = 0;
		} else if (*s == '<' && tag_name(s, name, &closing) > 0) {
			end = strchr(s, '>');
			end = end != NULL ? end + 1 : s + strlen(s);
			blk = in_list(blocks, sizeof(blocks) /
			    sizeof(blocks[0]), name);
			if (!closing && in_list(raw, sizeof(raw) /
			    sizeof(raw[0]), name)) {
				for (c = end; (c = strstr(c, "</")) != NULL;
				    c += 2)
					if (strncasecmp(c + 2, name,
					    strlen(name)) == 0)
						break;
				end = c == NULL ? s + strlen(s) :
				    strchr(c, '>') != NULL ?
				    strchr(c, '>') + 1 : s + strlen(s);
				closing = blk;
			}
		}
		if (end != NULL) {
			if (blk && !closing)
				buf_putc(b, SEP);
			buf_putc(b, OPEN);
			buf_put(b, s, (size_t)(end - s));
			buf_putc(b, SHUT);
			if (blk && closing)
				buf_putc(b, SEP);
			s = end;
			continue;
		}
		if (*s == '\n') {
			n = 1 + strspn(s + 1, " \t");
			if (s[n] == '\n') {
				buf_putc(b, SEP);
				s += n + strspn(s + n, " \t\n");
				continue;
			}
		}
		buf_putc(b, *s++);
	}
}

/* One block of pass two, its marks taken out, newlines as <br /> except
 * next to a block tag; wrapped in <p> unless it starts with a block tag
 * (the </p> goes before a closing block tag at its end). */
static void
put_block(struct buf *b, const char *s, size_t len)
{
	const char	*end = s + len, *p;
	int		 para, after_block = 0;
	size_t		 n;

	para = !block_at(s);
	if (para && *s != OPEN && len > 8 &&
	    (strncmp(s, "http://", 7) == 0 || strncmp(s, "https://", 8) ==
	    0) && strcspn(s, " \t\n<\001\002\003") >= len) {
		put_embed(b, s, len);
		return;
	}
	if (para)
		buf_puts(b, "<p>");
	while (s < end) {
		if (*s == OPEN) {
			if (para && s[1] == '<' && s[2] == '/' &&
			    block_at(s)) {
				buf_puts(b, "</p>");
				para = 0;
			}
			after_block = block_at(s);
			p = memchr(s, SHUT, (size_t)(end - s));
			n = p == NULL ? (size_t)(end - s) - 1 :
			    (size_t)(p - s) - 1;
			buf_put(b, s + 1, n);
			s += n + 1 + (p != NULL);
			continue;
		}
		if (*s == '\n') {
			p = s + 1 + strspn(s + 1, " \t\n");
			if (!after_block && p < end && !block_at(p))
				buf_puts(b, "<br />");
		} else if (!isspace((unsigned char)*s))
			after_block = 0;
		buf_putc(b, *s++);
	}
	if (para)
		buf_puts(b, "</p>");
	buf_putc(b, '\n');
}

char *
wpautop(struct arena *ar, const char *s, size_t len, const char ***unknown,
    size_t *nunknown)
{
	struct buf	 one, two, out;
	const char	*p, *q;
	size_t		 n;
	char		*r;

	*unknown = NULL;
	*nunknown = 0;
	buf_init(&one);
	buf_init(&two);
	buf_init(&out);
	pass_shortcodes(ar, &one, s, len, unknown, nunknown);
	buf_putc(&one, '\0');
	pass_mark(&two, one.data);
	buf_putc(&two, '\0');
	for (p = two.data; *p != '\0'; p = *q == SEP ? q + 1 : q) {
		q = p + strcspn(p, "\001");
		n = (size_t)(q - p);
		trim(&p, &n);
		if (n > 0)
			put_block(&out, p, n);
	}
	r = arena_strndup(ar, out.len > 0 ? out.data : "", out.len);
	buf_free(&one);
	buf_free(&two);
	buf_free(&out);
	return r;
}
