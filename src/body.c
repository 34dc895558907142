/*
 * body: a post's Markdown as pages and feeds show it, kept by revision
 * (body.h).
 */
#include <string.h>

#include "body.h"
#include "db_post.h"
#include "rcache.h"
#include "view.h"

/* What the worker kept of (kind, p's revision): 1 and a copy in the arena
 * (the entry may go at the next put), 0 when nothing is kept. */
static int
kept(struct ctx *c, enum rcache_kind kind, const struct post *p,
    struct safe_html *out, long long *n)
{
	const char	*text;
	size_t		 len;
	long long	 unused;

	if (!rcache_get(c->app->rcache, kind, p->id, p->revision, &text, &len,
	    n != NULL ? n : &unused))
		return 0;
	out->s = arena_strndup(c->a, text, len);
	out->len = len;
	return 1;
}

static void
keep(struct ctx *c, enum rcache_kind kind, const struct post *p,
    const char *text, size_t len, long long n)
{
	rcache_put(c->app->rcache, kind, p->id, p->revision, text, len, n);
}

/* p's excerpt and the first chars characters of its body (all of it:
 * -1), read now when p's query left the body out (NULL): a list's rows,
 * the article's page. 0/-1 (logged). */
static int
source(struct ctx *c, const struct post *p, int chars, const char **excerpt,
    const char **body)
{
	struct post	 q = *p;

	if (p->body == NULL && db_post_source(c->app->db, c->a, &q,
	    chars) == -1)
		return -1;
	*excerpt = q.excerpt;
	*body = q.body != NULL ? q.body : "";	/* gone: nothing to show */
	return 0;
}

int
body_page(struct ctx *c, const struct post *p, struct safe_html *body,
    long long *minutes)
{
	enum rcache_kind	 kind = p->kind == POST_PAGE ? RC_PAGE :
				    RC_ARTICLE;
	const char		*ex, *md;
	char			*desc;

	if (kept(c, kind, p, body, minutes))
		return 0;
	if (source(c, p, -1, &ex, &md) == -1)
		return -1;
	/* With no excerpt, the description is the body's beginning: from
	 * the same parse (body_description() finds it kept). */
	if (*ex == '\0') {
		if (md_render_plain(c->a, md, strlen(md), body, &desc,
		    VIEW_DESCRIPTION_MAX) == -1)
			return -1;
		keep(c, RC_DESC, p, desc, strlen(desc), 0);
	} else if (md_render(c->a, md, strlen(md), body) == -1)
		return -1;
	*minutes = post_minutes(md);
	keep(c, kind, p, body->s, body->len, *minutes);
	return 0;
}

int
body_feed(struct ctx *c, const struct post *p, const char *url,
    struct safe_html *body)
{
	const char	*ex, *md;

	/* The URL follows the revision (a new slug or date is a save) and
	 * the base URL (a setting: any write drops what is kept; the
	 * configuration's: a reload starts new workers). */
	if (kept(c, RC_FEED, p, body, NULL))
		return 0;
	if (source(c, p, -1, &ex, &md) == -1 ||
	    md_render_abs(c->a, md, strlen(md), url, body) == -1)
		return -1;
	keep(c, RC_FEED, p, body->s, body->len, 0);
	return 0;
}

const char *
body_description(struct ctx *c, const struct post *p)
{
	struct safe_html	 k;
	const char		*ex, *md;
	char			*x;

	if (kept(c, RC_DESC, p, &k, NULL))
		return k.s;
	/* The excerpt, when the page's query read one; else the body. */
	md = p->excerpt;
	if (*md == '\0') {
		if (source(c, p, -1, &ex, &md) == -1)
			return NULL;
		if (*ex != '\0')
			md = ex;
	}
	x = md_plain(c->a, md, strlen(md), VIEW_DESCRIPTION_MAX);
	keep(c, RC_DESC, p, x, strlen(x), 0);
	return x;
}

struct tv *
body_excerpts(struct ctx *c, const struct post *p, size_t n)
{
	struct safe_html	 k;
	struct tv		*list, *m;
	const char		*ex, *md;
	char			*x;
	size_t			 i;

	list = tv_list(c->a);
	for (i = 0; i < n; i++) {
		m = view_list_item(c, list, &p[i]);
		if (kept(c, RC_EXCERPT, &p[i], &k, NULL)) {
			tv_text(c->a, m, "excerpt", k.s);
			continue;
		}
		if (source(c, &p[i], VIEW_EXCERPT_SOURCE, &ex, &md) == -1)
			return NULL;
		if (*ex != '\0')
			md = ex;
		x = md_excerpt(c->a, md, strlen(md), VIEW_EXCERPT_MAX);
		keep(c, RC_EXCERPT, &p[i], x, strlen(x), 0);
		tv_text(c->a, m, "excerpt", x);
	}
	return list;
}
