/*
 * html2md: a WordPress body (HTML with wpautop's blank lines and
 * shortcodes) as Markdown that cmark renders back to the same text, for
 * an author to edit later. wpautop.c first, then libxml2's HTML parser and
 * a walk of the tree that keeps an allow-list of elements (p, br, h1-h6,
 * em/i, strong/b, code, pre, blockquote, ul/ol/li, a, img, hr,
 * figure/figcaption); the rest is dropped or kept as text, and noted.
 * Results live in the caller's arena.
 */
#ifndef QUIRE_HTML2MD_H
#define QUIRE_HTML2MD_H

#include <stddef.h>

#include "arena.h"

struct html2md {
	char		 *md;		/* the Markdown, "" for an empty body */
	const char	**notes;	/* what was dropped or kept as text:
					   "dropped <iframe> (1)" */
	size_t		  nnotes;
};

/* html[0..len) to Markdown. 0, or -1 (logged) if libxml2 fails. */
int	html2md(struct arena *, const char *html, size_t len,
	    struct html2md *);

#endif
