/*
 * h_redirect: old addresses. An automatic redirect goes to its article's
 * address of now (so A -> B -> C is one hop from A), and only while the
 * article is visible; a manual one to its local target. Both are 301 from
 * the base URL, with the reader pages' Cache-Control (httpcache.c).
 */
#include "db_redirect.h"
#include "h_redirect.h"
#include "redirect.h"
#include "view.h"

int
h_redirect(struct ctx *c)
{
	struct redirect	 r;
	const char	*to;
	int		 rc;

	if ((rc = db_redirect_find(c->app->db, c->a, c->req->path, c->now,
	    &r)) == -1)
		return 500;
	if (rc == 0)
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
