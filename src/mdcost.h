/*
 * mdcost: is a Markdown text too slow to render? Asked where a text is
 * stored (the editor's save and preview, the import), never when a reader
 * reads: what was stored renders as it always did. cmark 0.30.2, Debian
 * 12's, is quadratic on some inputs (CVE-2023-22486: "![[]()" repeated,
 * fixed upstream in 0.30.3), and a reader must not be the first to find out.
 */
#ifndef QUIRE_MDCOST_H
#define QUIRE_MDCOST_H

#include <stddef.h>

#include "arena.h"

/* The most steps of cmark 0.30.2's bracket walk (mdcost_walk()) a text
 * may need: about 35 ms of rendering on the machine the figures in
 * docs/SECURITY.md come from. An ordinary article needs a few per link. */
#define MDCOST_WALK_MAX		10000000ULL
/* The most CPU time one render of a text may take: 1 s, 140 times what a
 * 200 KB ordinary article takes (7 ms; 28 ms under ASan). */
#define MDCOST_LIMIT_NS		1000000000LL

/* The steps cmark 0.30.2 would take walking its bracket stack back after
 * each link (every earlier "![" of the paragraph, each time), as counted
 * by a scan of the text that knows only brackets, backslash escapes and
 * blank lines: never fewer than cmark takes, sometimes more (a "]" in a
 * code span counts). Linear in len; allocates in the arena. */
unsigned long long	mdcost_walk(struct arena *, const char *, size_t len);

/*
 * 1 if md is too slow to render, with *why (static) telling the author
 * what to look for; 0 if not; -1 (logged) if cmark failed. First the
 * walk above against MDCOST_WALK_MAX, which costs no rendering; then md
 * is rendered (md_render()), timed on the thread's CPU clock, against
 * limit_ns (MDCOST_LIMIT_NS; tests pass others): its first 64 KiB, then
 * twice as much each time, cut at a line's end, until the whole, so a
 * text that is slow all through is refused after about five times the
 * limit, not after its whole render. The renders land in the arena.
 */
int	mdcost_slow(struct arena *, const char *md, size_t len,
	    long long limit_ns, const char **why);

#endif
