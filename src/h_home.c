/*
 * h_home: fetch the page's articles, shape them, render. The cursor is
 * the last shown article's (published_at, id), so page 1,000 costs what
 * page 1 costs.
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "db_post.h"
#include "db_stamp.h"
#include "h_home.h"
#include "markdown.h"
#include "view.h"

#define EXCERPT_SOURCE	1500	/* characters of body fetched for excerpts */
#define EXCERPT_MAX	320	/* bytes of excerpt shown */

int
h_home_stamp(struct ctx *c)
{
	long long	 bt, bid;
	int		 per_page;

	long long	 nt, nid;
	int		 rc;

	per_page = view_cursor(c, &bt, &bid);
	if (db_stamp_home(c->app->db, c->now, bt, bid, per_page,
	    &c->stamp) == -1)
		return 500;
	if (c->req->query[QF_BEFORE] == NULL)
		return 0;
	if (c->stamp.rows == 0)
		return 404;
	/* The link to the newer page is on the page too. */
	if ((rc = db_post_newer_page(c->app->db, c->now, bt, bid, per_page,
	    &nt, &nid)) == -1)
		return 500;
	db_stamp_mix(&c->stamp, nt, nid);
	return 0;
}

int
h_home(struct ctx *c)
{
	struct post	*p;
	struct tv	*root, *list, *m;
	long long	 bt, bid, nt, nid;
	const char	*cur = c->req->query[QF_BEFORE], *src, *newer = "";
	const char	*title = NULL;
	size_t		 n, i, shown;
	int		 per_page, rc = 0;

	per_page = view_cursor(c, &bt, &bid);
	if (db_post_list_page(c->app->db, c->a, c->now, bt, bid, per_page + 1,
	    EXCERPT_SOURCE, &p, &n) == -1)
		return 500;
	if (cur != NULL && n == 0)
		return view_error(c, 404, "There are no older articles.");
	shown = n < (size_t)per_page ? n : (size_t)per_page;
	if (cur != NULL) {
		if ((rc = db_post_newer_page(c->app->db, c->now, bt, bid,
		    per_page, &nt, &nid)) == -1)
			return 500;
		newer = rc == 1 ? arena_printf(c->a, "/?before=%lld-%lld", nt,
		    nid) : "/";
		/* A deep page is titled by what it holds. */
		title = arena_printf(c->a, "Articles from %s to %s",
		    date_human(c->a, p[shown - 1].published_at),
		    date_human(c->a, p[0].published_at));
	}

	root = view_page(c, title);
	tv_text(c->a, root, "heading", title != NULL ? title :
	    "Latest articles");
	tv_text(c->a, root, "newer_url", newer);
	/* "Newest" only where "Newer" is not the first page already. */
	tv_bool(c->a, root, "newest", rc == 1);
	view_nav(c, root, "home");
	list = tv_list(c->a);
	for (i = 0; i < n && i < (size_t)per_page; i++) {
		m = view_list_item(c, list, &p[i]);
		src = *p[i].excerpt != '\0' ? p[i].excerpt : p[i].body;
		tv_text(c->a, m, "excerpt", md_excerpt(c->a, src, strlen(src),
		    EXCERPT_MAX));
	}
	tv_set(c->a, root, "articles", list);
	tv_bool(c->a, root, "first_page", cur == NULL);
	tv_text(c->a, root, "older_url", "");
	if (n > (size_t)per_page)
		tv_text(c->a, root, "older_url", arena_printf(c->a,
		    "/?before=%lld-%lld", p[per_page - 1].published_at,
		    p[per_page - 1].id));
	return view_render(c, T_HOME, root);
}
