/*
 * wpautop: a WordPress body as the browser got it, before any HTML
 * parsing: the shortcodes Quire can express ([caption], [embed], [code]
 * and [sourcecode]) turned into HTML, then WordPress's wpautop rule (text
 * blocks between blank lines are paragraphs, a single newline a <br>).
 * html2md.c parses what comes out. No allocation outside the arena.
 */
#ifndef QUIRE_WPAUTOP_H
#define QUIRE_WPAUTOP_H

#include <stddef.h>

#include "arena.h"

/* The body as HTML, NUL-terminated, in the arena. Shortcodes of other
 * names stay as text; their names ("gallery"), once each in order of
 * first use, are put in *unknown, an arena array of *nunknown strings. */
char	*wpautop(struct arena *, const char *, size_t,
	    const char ***unknown, size_t *nunknown);

#endif
