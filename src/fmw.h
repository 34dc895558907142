/*
 * fmw: writes what fm.c reads: a post as a Markdown file with YAML front
 * matter, and a flat mapping (settings.yaml, redirects.yaml). Every value
 * goes through libyaml's emitter (free text double-quoted, UTF-8 kept,
 * no line folded), so any title reads back as it was.
 */
#ifndef QUIRE_FMW_H
#define QUIRE_FMW_H

#include <stddef.h>

#include "buf.h"
#include "port.h"

/* The item appended to b: "---", its front matter (title, slug, date,
 * updated, author, status, tags, excerpt; dates RFC 3339 UTC; an empty
 * author, excerpt or tag list, and a missing date, left out), "---", a
 * blank line and its body as it is. 0, or -1 (logged). */
int	fmw_item(struct buf *b, const struct port_item *);
/* pairs[0..n) as a flat YAML mapping appended to b, in that order: 0 or
 * -1 (logged). */
int	fmw_pairs(struct buf *b, const struct port_pair *, size_t n);

#endif
