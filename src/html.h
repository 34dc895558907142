/*
 * html: the escaping writers. Everything a page shows leaves through one of
 * these, named for its context. struct safe_html is the only thing written
 * raw, and only markdown.c makes one (from cmark's safe-mode output).
 */
#ifndef QUIRE_HTML_H
#define QUIRE_HTML_H

#include <stddef.h>

#include "buf.h"

struct safe_html {
	const char	*s;	/* owned by whoever made it (usually the arena) */
	size_t		 len;
};

/* Text or attribute value (attributes are always double-quoted): & < > " '
 * escaped, C0 controls but TAB, LF, FF, CR (and DEL) as U+FFFD. */
void	html_text(struct buf *, const char *, size_t);
/* A URL for href/src: relative, http, https or mailto; anything else
 * (javascript:, data:, ...), and any URL with a space or control character
 * before its first '/', '?' or '#', is written as "#". Then escaped. */
void	html_url(struct buf *, const char *, size_t);
/* Percent-encode all but RFC 3986 unreserved bytes: for query components. */
void	html_pct(struct buf *, const char *, size_t);
/* A query value as a browser's form sends it (WHATWG's
 * application/x-www-form-urlencoded): space as '+', letters, digits and
 * "*-._" as they are, all else percent-encoded. */
void	html_pct_form(struct buf *, const char *, size_t);
/* Percent-encode a decoded path for a URL: all but RFC 3986's unreserved
 * bytes, sub-delims, ':', '@' and '/'. Not an escaper for HTML: a page
 * still writes the URL through html_url(). */
void	html_pct_path(struct buf *, const char *, size_t);
/* A JSON string literal, quotes included, for <script
 * type="application/ld+json">: '<', '>', '&', quotes, control characters,
 * DEL, U+2028 and U+2029 as \u escapes and '\' as "\\", so that no value
 * can end the element or open "<!--" in it. */
void	html_json(struct buf *, const char *, size_t);
/* 1 if the URL's scheme is allowed (see html_url), else 0. */
int	html_url_allowed(const char *, size_t);

#endif
