/*
 * h_article: the article, rendered from its Markdown, with its neighbours.
 * A slug is unique across dates, so an address with the wrong year or
 * month is the article's old one: 301 to where it lives now, unless the
 * redirects table says another article lived there.
 */
#include <string.h>

#include "body.h"
#include "db_post.h"
#include "db_stamp.h"
#include "db_tag.h"
#include "h_article.h"
#include "h_redirect.h"
#include "h_tag.h"
#include "httpcache.h"
#include "markdown.h"
#include "view.h"

int
h_article_stamp(struct ctx *c)
{
	struct post	 p;
	int		 rc;

	/* Nothing to compare and no query to check against the revision
	 * (app.c's canonical()): the page's own rows make the stamp. */
	if (c->req->if_none_match == NULL && c->req->if_modified_since < 0 &&
	    strchr(c->req->target, '?') == NULL)
		return 1;
	if ((rc = db_stamp_article(c->app->db, c->args[2], c->now,
	    &c->stamp)) == -1)
		return 500;
	if (rc == 0)
		return 404;
	/* Another year or month: the handler redirects; no stamp. */
	memset(&p, 0, sizeof(p));
	p.kind = POST_ARTICLE;
	p.slug = c->args[2];
	p.published_at = c->stamp.published_at;
	if (strcmp(post_path(c->a, &p), c->req->path) != 0)
		return 404;
	return 0;
}

/* Previous or next article as {title, url} under key, when there is one:
 * 1 and it in *nb, 0 none, -1 error. */
static int
neighbour(struct ctx *c, struct tv *root, const struct post *p, int older,
    const char *key, struct post *nb)
{
	struct tv	*m;
	int		 rc;

	if ((rc = db_post_neighbour(c->app->db, c->a, p, c->now, older,
	    nb)) != 1) {
		tv_bool(c->a, root, key, 0);	/* none at this end */
		return rc;
	}
	m = tv_map(c->a);
	tv_text(c->a, m, "title", nb->title);
	tv_text(c->a, m, "url", post_path(c->a, nb));
	tv_set(c->a, root, key, m);
	return 1;
}

int
h_article(struct ctx *c)
{
	struct post		 p, older, newer;
	struct safe_html	 body;
	struct tv		*root, *m, *links;
	struct tag		*tags;
	const char		*url;
	long long		 minutes;
	size_t			 ntags;
	int			 rc, prev, next;

	rc = db_post_article(c->app->db, c->a, c->args[2], c->now, &p);
	if (rc == -1)
		return 500;
	if (rc == 0)
		return view_error(c, 404, "There is no article at this "
		    "address. The archive lists every article.");
	url = post_path(c->a, &p);
	if (strcmp(url, c->req->path) != 0) {
		/* Another article's old address, before this slug's. */
		if ((rc = h_redirect(c)) != 0)
			return rc;
		resp_header(c->resp, "Location", view_abs_url(c, url));
		return 301;
	}
	if (body_page(c, &p, &body, &minutes) == -1)
		return 500;
	if (db_tag_of_article(c->app->db, c->a, p.id, &tags, &ntags) == -1)
		return 500;
	links = h_tag_links(c, tags, ntags);
	root = view_post_page(c, &p, links);
	view_nav(c, root, "archive");
	m = view_article(c, &p, body, minutes);
	tv_set(c->a, m, "tags", links);
	tv_set(c->a, root, "article", m);
	if ((prev = neighbour(c, root, &p, 1, "prev", &older)) == -1 ||
	    (next = neighbour(c, root, &p, 0, "next", &newer)) == -1)
		return 500;
	/* Not stamped before (h_article_stamp()): ETag and Last-Modified
	 * from the rows just read. */
	if (c->stamp.rows == 0) {
		db_stamp_article_of(&p, prev ? &older : NULL, next ? &newer :
		    NULL, &c->stamp);
		(void)httpcache_check(c);
	}
	return view_render(c, T_ARTICLE, root);
}
