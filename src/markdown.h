/*
 * markdown: libcmark in safe mode with smart punctuation. The only maker of
 * struct safe_html. Results live in the caller's arena.
 */
#ifndef QUIRE_MARKDOWN_H
#define QUIRE_MARKDOWN_H

#include <stddef.h>

#include "arena.h"
#include "html.h"

/* Markdown to HTML. Raw HTML is dropped and invalid UTF-8 replaced. Links
 * and images obey html_url_allowed() (relative, http, https, mailto; no
 * data: images either): a link it refuses, or an empty one, shows its text
 * unlinked, and such an image shows its alt text as plain text. No href or
 * src is ever empty. 0, or -1 (logged) if cmark fails. */
int	md_render(struct arena *, const char *, size_t, struct safe_html *);
/* md_render(), and md_plain(..., max) of the same text in *plain (in the
 * arena) from the same parse: a page's body and its description. */
int	md_render_plain(struct arena *, const char *, size_t,
	    struct safe_html *, char **plain, size_t max);
/* The same, with every relative link and image made absolute against
 * base, an absolute URL ("https://host/2024/05/slug"), by RFC 3986's
 * rules (dot segments removed): for feeds, read away from the site. */
int	md_render_abs(struct arena *, const char *, size_t, const char *base,
	    struct safe_html *);
/* Plain text of the first paragraph. When longer than max bytes it is cut
 * at a word boundary to at most max bytes and "…" (3 bytes) is added. ""
 * if there is no paragraph. */
char	*md_excerpt(struct arena *, const char *, size_t, size_t max);
/* The start of the plain text of the whole document, for a page's
 * description: no Markdown syntax left (cmark's text and code nodes, its
 * blocks joined by a space, runs of white space as one), cut as
 * md_excerpt() cuts. "" if there is no text. */
char	*md_plain(struct arena *, const char *, size_t, size_t max);
/* Words of running text, for reading time. */
size_t	md_words(const char *, size_t);

#endif
