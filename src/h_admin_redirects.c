/*
 * h_admin_redirects: the redirects page. Adding one checks, in order: each
 * path's form (redirect.c, at the edge), that nothing of the site answers
 * at the old path (route_slot(), then the article or page there), and the
 * pairs the redirects table refuses (db_redirect_add(): loops, chains, a
 * source taken), so a refused form comes back with what was typed and a
 * message next to its field, and nothing is stored.
 */
#include <stdlib.h>
#include <string.h>

#include "db_post.h"
#include "db_redirect.h"
#include "h_admin_redirects.h"
#include "redirect.h"
#include "route.h"
#include "view.h"

/* Why nothing may redirect from path: something of the site answers
 * there. NULL if nothing does; *err set to 1 on a database error. */
static const char *
live(struct ctx *c, const char *path, int *err)
{
	struct post	 p;
	const char	*slug;
	int		 rc = 0;

	*err = 0;
	switch (route_slot(c->a, path, &slug)) {
	case RS_FREE:
		return NULL;
	case RS_OWN:
		return arena_printf(c->a, "%s is an address of the site's own "
		    "and cannot be redirected.", path);
	case RS_ARTICLE:
		rc = db_post_article(c->app->db, c->a, slug, c->now, &p);
		break;
	case RS_PAGE:
		rc = db_post_page(c->app->db, c->a, slug, &p);
		break;
	}
	if (rc == -1) {
		*err = 1;
		return NULL;
	}
	if (rc == 0)
		return NULL;
	return arena_printf(c->a, "The %s \"%s\" answers at %s%s.",
	    p.kind == POST_PAGE ? "page" : "article", p.title,
	    p.kind == POST_PAGE ? "" : "or under its slug at ",
	    p.kind == POST_PAGE ? path : post_path(c->a, &p));
}

/* Stores the form's redirect: 1 stored, 0 refused (errors set), -1. */
static int
add(struct ctx *c, struct tv *errors)
{
	const struct req	*r = c->req;
	const char		*from, *to, *why;
	enum redirect_end	 end;
	int			 bad = 0, err, rc;

	if ((why = r->form_err[FF_FROM]) != NULL ||
	    (why = redirect_path_valid(req_form(r, FF_FROM))) != NULL) {
		tv_text(c->a, errors, "from", why);
		bad = 1;
	}
	if ((why = r->form_err[FF_TO]) != NULL ||
	    (why = redirect_path_valid(req_form(r, FF_TO))) != NULL) {
		tv_text(c->a, errors, "to", why);
		bad = 1;
	}
	if (bad)
		return 0;
	from = redirect_path_norm(c->a, req_form(r, FF_FROM));
	to = redirect_path_norm(c->a, req_form(r, FF_TO));
	if ((why = live(c, from, &err)) != NULL || err) {
		if (err)
			return -1;
		tv_text(c->a, errors, "from", why);
		return 0;
	}
	if ((rc = db_redirect_add(c->app->db, c->a, from, to, c->now, &why,
	    &end)) != 0)
		return rc;
	tv_text(c->a, errors, end == RE_TO ? "to" : "from", why);
	return 0;
}

/* The table's rows. */
static struct tv *
rows(struct ctx *c, const struct redirect *v, size_t n)
{
	struct tv	*list = tv_list(c->a), *m;
	const char	*url;
	size_t		 i;

	for (i = 0; i < n; i++) {
		m = tv_list_add(c->a, list);
		tv_text(c->a, m, "path", v[i].path);
		tv_bool(c->a, m, "manual", v[i].target != NULL);
		tv_bool(c->a, m, "live", v[i].visible);
		url = v[i].target != NULL ? redirect_path_url(c->a,
		    v[i].target) : post_path(c->a, &v[i].article);
		tv_text(c->a, m, "target", v[i].target != NULL ? v[i].target :
		    url);
		tv_text(c->a, m, "url", url);
		tv_text(c->a, m, "title", v[i].title);
		tv_text(c->a, m, "delete_url", arena_printf(c->a,
		    "/admin/redirects/%lld/delete", v[i].id));
	}
	return list;
}

int
h_admin_redirects(struct ctx *c)
{
	struct redirect	*v;
	struct tv	*root, *values, *errors;
	const char	*fault = NULL;
	size_t		 n;
	int		 rc = 1;

	values = tv_map(c->a);
	errors = tv_map(c->a);
	tv_text(c->a, values, "from", req_form(c->req, FF_FROM));
	tv_text(c->a, values, "to", req_form(c->req, FF_TO));
	if (c->req->method == METHOD_POST) {
		/* Busy, full or read-only: the paths as typed, to try
		 * again. */
		if ((rc = add(c, errors)) == -1 && (fault = view_fault(c,
		    "Nothing was saved", "The paths are kept below; add the "
		    "redirect again in a moment.")) == NULL)
			return 500;
		if (rc == 1)
			return view_see_other(c, "/admin/redirects?done=saved");
	}
	if (db_redirect_list(c->app->db, c->a, c->now, &v, &n) == -1)
		return 500;
	root = view_admin_page(c, "Redirects");
	tv_set(c->a, root, "values", values);
	tv_set(c->a, root, "errors", errors);
	tv_bool(c->a, root, "has_errors", rc == 0);
	tv_text(c->a, root, "fault", fault);
	tv_set(c->a, root, "redirects", rows(c, v, n));
	c->resp->status = fault != NULL ? 503 : rc == 0 ? 400 : 200;
	return view_render(c, T_ADMIN_REDIRECTS, root);
}

int
h_admin_redirect_delete(struct ctx *c)
{
	int	 rc;

	if ((rc = db_redirect_delete(c->app->db, atoll(c->args[0]))) == -1)
		return 500;
	if (rc == 0)
		return view_error(c, 404, "There is no such redirect: it may "
		    "have been deleted already.");
	return view_see_other(c, "/admin/redirects?done=deleted");
}
