/*
 * h_redirect: old addresses. An automatic redirect goes to its article's
 * address of now (so A -> B -> C is one hop from A), and only while the
 * article is visible; a manual one to its local target, unless that is a
 * static page readers cannot see (its address would be told). WordPress's
 * /?p=ID and /?page_id=ID are looked up as such (redirect_wp_query()). Both are 301 from
 * the base URL, with the reader pages' Cache-Control (httpcache.c).
 */
#include <string.h>

#include "db_redirect.h"
#include "h_redirect.h"
#include "redirect.h"
#include "view.h"

int
h_redirect_wp(struct ctx *c)
{
	return strcmp(c->req->path, "/") == 0 &&
	    (c->req->query[QF_WP_P] != NULL ||
	    c->req->query[QF_WP_PAGE_ID] != NULL);
}

/* The address to look up: the path, or WordPress's query form on "/". */
static const char *
old_path(struct ctx *c)
{
	if (!h_redirect_wp(c))
		return c->req->path;
	if (c->req->query[QF_WP_P] != NULL)
		return arena_printf(c->a, "/?p=%s", c->req->query[QF_WP_P]);
	return arena_printf(c->a, "/?page_id=%s",
	    c->req->query[QF_WP_PAGE_ID]);
}

int
h_redirect(struct ctx *c)
{
	struct redirect	 r;
	const char	*to;
	int		 rc;

	if ((rc = db_redirect_find(c->app->db, c->a, old_path(c), c->now,
	    &r)) == -1)
		return 500;
	if (rc == 0)
		return 0;
	if (r.target != NULL && r.hidden_page)
		return 0;
	if (r.target != NULL)
		to = redirect_path_url(c->a, r.target);
	else if (r.has_article && r.visible)
		to = post_path(c->a, &r.article);
	else
		return 0;
	resp_reset(c->resp);
	resp_header(c->resp, "Location", view_abs_url(c, to));
	return 301;
}
