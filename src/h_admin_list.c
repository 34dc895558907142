/*
 * h_admin_list: two queries (a page of articles with the total, every
 * static page), each row with its state and where to edit or read it.
 */
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "db_post.h"
#include "h_admin_list.h"
#include "view.h"

#define LIST_PER_PAGE	50

static void
rows(struct ctx *c, struct tv *list, const struct post *v, size_t n)
{
	struct tv	*m;
	enum post_state	 state;
	size_t		 i;

	for (i = 0; i < n; i++) {
		state = post_state(&v[i], c->now);
		m = tv_list_add(c->a, list);
		tv_text(c->a, m, "title", v[i].title);
		tv_text(c->a, m, "state", post_state_name(state));
		tv_text(c->a, m, "edit_url", view_admin_url(c, &v[i], ""));
		tv_text(c->a, m, "view_url", state == PS_PUBLISHED ?
		    view_fresh_url(c, &v[i]) : "");
		tv_text(c->a, m, "date", v[i].has_date ?
		    date_human(c->a, v[i].published_at) : "");
		tv_text(c->a, m, "datetime", v[i].has_date ?
		    date_iso(c->a, v[i].published_at) : "");
		tv_text(c->a, m, "updated", date_human(c->a, v[i].updated_at));
	}
}

/* All, then one link per state; the current one marked. */
static struct tv *
filters(struct ctx *c, const char *filter)
{
	struct tv	*fl, *m;
	int		 s;

	fl = tv_list(c->a);
	m = tv_list_add(c->a, fl);
	tv_text(c->a, m, "label", "All");
	tv_text(c->a, m, "url", "/admin");
	tv_bool(c->a, m, "current", filter == NULL);
	for (s = 0; s < PS__MAX; s++) {
		m = tv_list_add(c->a, fl);
		tv_text(c->a, m, "label", post_state_name(s));
		tv_text(c->a, m, "url", arena_printf(c->a, "/admin?status=%s",
		    post_state_name(s)));
		tv_bool(c->a, m, "current", filter != NULL &&
		    strcmp(filter, post_state_name(s)) == 0);
	}
	return fl;
}

int
h_admin_list(struct ctx *c)
{
	struct post	*arts, *pages;
	struct tv	*root, *list;
	const char	*filter = c->req->query[QF_STATUS], *base;
	long long	 total;
	size_t		 n, np;
	int		 page = 1;

	if (c->req->query[QF_PAGE] != NULL)
		page = atoi(c->req->query[QF_PAGE]);
	if (db_post_admin_list(c->app->db, c->a, filter, c->now, LIST_PER_PAGE,
	    (page - 1) * LIST_PER_PAGE, &arts, &n, &total) == -1 ||
	    db_post_admin_pages(c->app->db, c->a, &pages, &np) == -1)
		return 500;
	root = view_admin_page(c, "Articles and pages");
	list = tv_list(c->a);
	rows(c, list, arts, n);
	tv_set(c->a, root, "articles", list);
	list = tv_list(c->a);
	rows(c, list, pages, np);
	tv_set(c->a, root, "pages", list);
	tv_int(c->a, root, "total", total);
	tv_text(c->a, root, "filter", filter);
	tv_set(c->a, root, "filters", filters(c, filter));

	base = filter != NULL ? arena_printf(c->a, "/admin?status=%s&", filter) :
	    "/admin?";
	tv_text(c->a, root, "newer_url", "");
	tv_text(c->a, root, "older_url", "");
	if (page > 1)
		tv_text(c->a, root, "newer_url", arena_printf(c->a, "%spage=%d",
		    base, page - 1));
	if ((long long)page * LIST_PER_PAGE < total)
		tv_text(c->a, root, "older_url", arena_printf(c->a, "%spage=%d",
		    base, page + 1));
	tv_int(c->a, root, "page_number", page);
	return view_render(c, T_ADMIN_LIST, root);
}
