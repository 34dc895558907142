/*
 * html: context-named escapers, after cgit's html.c. Small, table-free and
 * hot: every byte of every page passes through here.
 */
#include <string.h>
#include <strings.h>

#include "html.h"

void
html_text(struct buf *b, const char *s, size_t len)
{
	size_t		 i, start = 0;
	const char	*rep;

	for (i = 0; i < len; i++) {
		switch (s[i]) {
		case '&': rep = "&amp;"; break;
		case '<': rep = "&lt;"; break;
		case '>': rep = "&gt;"; break;
		case '"': rep = "&quot;"; break;
		case '\'': rep = "&#39;"; break;
		/* HTML may hold no C0 control but whitespace, nor DEL:
		 * the validators refuse them, but a refused value is
		 * shown again in its form. */
		case 0x01: case 0x02: case 0x03: case 0x04: case 0x05:
		case 0x06: case 0x07: case 0x08: case 0x0b: case 0x0e:
		case 0x0f: case 0x10: case 0x11: case 0x12: case 0x13:
		case 0x14: case 0x15: case 0x16: case 0x17: case 0x18:
		case 0x19: case 0x1a: case 0x1b: case 0x1c: case 0x1d:
		case 0x1e: case 0x1f: case 0x7f:
			rep = "\xef\xbf\xbd";	/* U+FFFD */
			break;
		default: continue;
		}
		buf_put(b, s + start, i - start);
		buf_puts(b, rep);
		start = i + 1;
	}
	buf_put(b, s + start, len - start);
}

void
html_json(struct buf *b, const char *s, size_t len)
{
	static const char	 hex[] = "0123456789abcdef";
	size_t			 i, start = 0;
	unsigned char		 c;
	unsigned		 u;

	buf_putc(b, '"');
	for (i = 0; i < len; i++) {
		c = (unsigned char)s[i];
		if (c == 0xe2 && i + 2 < len && (unsigned char)s[i + 1] == 0x80 &&
		    ((unsigned char)s[i + 2] & 0xfe) == 0xa8)
			u = 0x2028 | ((unsigned char)s[i + 2] & 1);
		else if (c < 0x20 || c == 0x7f || c == '"' || c == '\'' ||
		    c == '<' || c == '>' || c == '&' || c == '\\')
			u = c;
		else
			continue;
		buf_put(b, s + start, i - start);
		if (u == '\\')
			buf_puts(b, "\\\\");
		else {
			buf_puts(b, "\\u");
			buf_putc(b, hex[u >> 12 & 0xf]);
			buf_putc(b, hex[u >> 8 & 0xf]);
			buf_putc(b, hex[u >> 4 & 0xf]);
			buf_putc(b, hex[u & 0xf]);
		}
		if (u >= 0x2028)
			i += 2;
		start = i + 1;
	}
	buf_put(b, s + start, len - start);
	buf_putc(b, '"');
}

int
html_url_allowed(const char *s, size_t len)
{
	static const char *const schemes[] = { "http", "https", "mailto" };
	size_t	 i, n;

	/* A scheme is what precedes the first ':' when no '/', '?' or '#'
	 * comes first; no scheme means a relative URL. Browsers ignore
	 * leading spaces/controls and tabs/newlines inside, so refuse those. */
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c <= 0x20 || c == 0x7f)
			return 0;
		if (c == '/' || c == '?' || c == '#')
			return 1;
		if (c == ':')
			break;
	}
	if (i == len)
		return 1;
	for (n = 0; n < sizeof(schemes) / sizeof(schemes[0]); n++)
		if (strlen(schemes[n]) == i &&
		    strncasecmp(s, schemes[n], i) == 0)
			return 1;
	return 0;
}

void
html_url(struct buf *b, const char *s, size_t len)
{
	if (!html_url_allowed(s, len)) {
		buf_putc(b, '#');
		return;
	}
	html_text(b, s, len);
}

static void
pct(struct buf *b, const char *s, size_t len, const char *keep)
{
	static const char	 hex[] = "0123456789ABCDEF";
	size_t			 i, run;
	unsigned char		 c;
	char			 esc[3];

	/* Runs kept as they are go out whole, not a byte at a time. */
	for (i = run = 0; i < len; i++) {
		c = (unsigned char)s[i];
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || (c != '\0' &&
		    strchr(keep, c) != NULL))
			continue;
		buf_put(b, s + run, i - run);
		esc[0] = '%';
		esc[1] = hex[c >> 4];
		esc[2] = hex[c & 0xf];
		buf_put(b, esc, 3);
		run = i + 1;
	}
	buf_put(b, s + run, len - run);
}

void
html_pct(struct buf *b, const char *s, size_t len)
{
	pct(b, s, len, "-._~");
}

void
html_pct_form(struct buf *b, const char *s, size_t len)
{
	const char	*sp;

	while ((sp = memchr(s, ' ', len)) != NULL) {
		pct(b, s, (size_t)(sp - s), "*-._");
		buf_putc(b, '+');
		len -= (size_t)(sp - s) + 1;
		s = sp + 1;
	}
	pct(b, s, len, "*-._");
}

void
html_pct_path(struct buf *b, const char *s, size_t len)
{
	pct(b, s, len, "-._~!$&'()*+,;=:@/");
}
