/*
 * h_page: the page's Markdown, rendered into the _static partial.
 */
#include <string.h>

#include "body.h"
#include "db_post.h"
#include "db_stamp.h"
#include "h_page.h"
#include "markdown.h"
#include "view.h"

int
h_page_stamp(struct ctx *c)
{
	int	 rc;

	if ((rc = db_stamp_static(c->app->db, c->args[0], &c->stamp)) == -1)
		return 500;
	return rc == 1 ? 0 : 404;
}

int
h_page(struct ctx *c)
{
	struct post		 p;
	struct safe_html	 body;
	struct tv		*root;
	long long		 minutes;
	int			 rc;

	if ((rc = db_post_page(c->app->db, c->a, c->args[0], &p)) == -1)
		return 500;
	if (rc == 0)
		return view_error(c, 404, "There is no page at this address.");
	if (body_page(c, &p, &body, &minutes) == -1)
		return 500;
	root = view_post_page(c, &p, NULL);
	view_nav(c, root, p.slug);
	tv_set(c->a, root, "static", view_article(c, &p, body, minutes));
	return view_render(c, T_PAGE, root);
}
