/*
 * body: a post's Markdown as pages and feeds show it (its body, its feed
 * body, its excerpt, its description), from what the worker kept of the
 * post's revision (rcache.h) or rendered now and kept. Markdown is
 * rendered on request, never ahead of time, and never twice for the same
 * revision while the worker keeps it. Every result lives in the request's
 * arena.
 */
#ifndef QUIRE_BODY_H
#define QUIRE_BODY_H

#include "app.h"
#include "markdown.h"
#include "post.h"
#include "tmpl.h"

/* A stored post's body rendered (md_render()) and its reading time
 * (post_minutes()). With no excerpt, its description comes from the same
 * parse. 0/-1. */
int		 body_page(struct ctx *, const struct post *,
		    struct safe_html *body, long long *minutes);
/* The same for a feed: md_render_abs() against the article's own absolute
 * URL, url. 0/-1. */
int		 body_feed(struct ctx *, const struct post *, const char *url,
		    struct safe_html *);
/* A post's description (meta tags): its excerpt's or its body's plain
 * text, at most VIEW_DESCRIPTION_MAX bytes. NULL if its Markdown could
 * not be read (logged). */
const char	*body_description(struct ctx *, const struct post *);

/* The list of p[0..n) with excerpts (the article's own, else the start of
 * its body), as the home and tag pages show them: kept, or made from the
 * excerpt and VIEW_EXCERPT_SOURCE characters of the body, read for the
 * posts the worker has not kept. NULL on error (logged). */
struct tv	*body_excerpts(struct ctx *, const struct post *p, size_t n);

#endif
