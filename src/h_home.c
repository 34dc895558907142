/*
 * h_home: fetch the page's articles, shape them, render. The cursor is
 * the last shown article's (published_at, id), so page 1,000 costs what
 * page 1 costs.
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "body.h"
#include "date.h"
#include "db_post.h"
#include "db_stamp.h"
#include "h_home.h"
#include "h_redirect.h"
#include "view.h"


/* The newer page's cursor: 1 and its (t, id), or 0 when the newer page
 * is the first. Read once a request: the stamp keeps it for the page. */
struct newer {
	int		 rc;
	long long	 t, id;
};

static const struct newer *
newer_of(struct ctx *c, long long bt, long long bid, int per_page)
{
	struct newer	*nw = c->stamp_data;

	if (nw == NULL) {
		nw = arena_calloc(c->a, 1, sizeof(*nw));
		if ((nw->rc = db_post_newer_page(c->app->db, c->now, bt, bid,
		    per_page, &nw->t, &nw->id)) == -1)
			return NULL;
		c->stamp_data = nw;
	}
	return nw;
}

int
h_home_stamp(struct ctx *c)
{
	long long	 bt, bid;
	int		 per_page;

	const struct newer *nw;

	/* WordPress's /?p=ID is an old address, not the home page: a
	 * redirect (h_redirect.c) or a 404. */
	if (h_redirect_wp(c))
		return 404;
	per_page = view_cursor(c, &bt, &bid);
	if (db_stamp_home(c->app->db, c->now, bt, bid, per_page,
	    &c->stamp) == -1)
		return 500;
	if (c->req->query[QF_BEFORE] == NULL)
		return 0;
	if (c->stamp.rows == 0)
		return 404;
	/* The link to the newer page is on the page too. */
	if ((nw = newer_of(c, bt, bid, per_page)) == NULL)
		return 500;
	db_stamp_mix(&c->stamp, nw->t, nw->id);
	return 0;
}

int
h_home(struct ctx *c)
{
	struct post	*p;
	struct tv	*root, *list;
	const struct newer *nw;
	long long	 bt, bid;
	const char	*cur = c->req->query[QF_BEFORE], *newer = "";
	const char	*title = NULL;
	size_t		 n, shown;
	int		 per_page, rc = 0;

	if (h_redirect_wp(c))
		return view_error(c, 404, "There is no page at this address.");
	per_page = view_cursor(c, &bt, &bid);
	if (db_post_list_page(c->app->db, c->a, c->now, bt, bid, per_page + 1,
	    &p, &n) == -1)
		return 500;
	if (cur != NULL && n == 0)
		return view_error(c, 404, "There are no older articles.");
	shown = n < (size_t)per_page ? n : (size_t)per_page;
	if (cur != NULL) {
		if ((nw = newer_of(c, bt, bid, per_page)) == NULL)
			return 500;
		newer = nw->rc == 1 ? arena_printf(c->a, "/?before=%lld-%lld",
		    nw->t, nw->id) : "/";
		rc = nw->rc;
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
	if ((list = body_excerpts(c, p, shown)) == NULL)
		return 500;
	tv_set(c->a, root, "articles", list);
	tv_bool(c->a, root, "first_page", cur == NULL);
	tv_text(c->a, root, "older_url", "");
	if (n > (size_t)per_page)
		tv_text(c->a, root, "older_url", arena_printf(c->a,
		    "/?before=%lld-%lld", p[per_page - 1].published_at,
		    p[per_page - 1].id));
	return view_render(c, T_HOME, root);
}
