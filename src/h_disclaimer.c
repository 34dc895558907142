/*
 * h_disclaimer: the disclaimer, rendered once per worker with the other
 * site Markdown (view.c), drawn into the static page's template.
 */
#include <string.h>

#include "h_disclaimer.h"
#include "view.h"

int
h_disclaimer_stamp(struct ctx *c)
{
	memset(&c->stamp, 0, sizeof(c->stamp));
	c->stamp.rows = 1;
	return *c->site.v[SET_DISCLAIMER] != '\0' ? 0 : 404;
}

int
h_disclaimer(struct ctx *c)
{
	struct tv	*root, *m;

	if (*c->site.v[SET_DISCLAIMER] == '\0')
		return view_error(c, 404, "This site has no disclaimer.");
	root = view_page(c, "Disclaimer");
	/* This page is the disclaimer: no second copy, no link to itself. */
	tv_bool(c->a, root, "disclaimer_full", 0);
	tv_bool(c->a, root, "disclaimer_link", 0);
	m = tv_map(c->a);
	tv_text(c->a, m, "title", "Disclaimer");
	tv_html(c->a, m, "body", c->app->view->html[SET_DISCLAIMER]);
	tv_set(c->a, root, "static", m);
	return view_render(c, T_PAGE, root);
}
