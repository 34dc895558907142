/*
 * h_admin_post: the editor reads the stored post, applies the form to a
 * copy, checks it, and saves at the revision the form was opened at: a
 * save in between (or a delete) comes back as a conflict with both
 * versions, never overwritten.
 */
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "db_post.h"
#include "db_tag.h"
#include "h_admin_post.h"
#include "h_tag.h"
#include "markdown.h"
#include "mdcost.h"
#include "route.h"
#include "view.h"

/* What a button does to a post's status. */
static const struct {
	const char	*action;
	const char	*status;	/* NULL: left as it is */
	const char	*done;		/* the notice after saving */
} actions[] = {
	{ "draft", "draft", "saved" },
	{ "publish", "published", "published" },
	{ "unpublish", "draft", "unpublished" },
	{ "preview", NULL, NULL },
	{ "delete", NULL, NULL },
};

/* The row of the form's action, or -1 (none sent: the edge refuses any
 * other). */
static int
action_of(struct ctx *c)
{
	const char	*a = req_form(c->req, FF_ACTION);
	size_t		 i;

	for (i = 0; i < sizeof(actions) / sizeof(actions[0]); i++)
		if (strcmp(a, actions[i].action) == 0)
			return (int)i;
	return -1;
}

/*
 * The editor: the values (as typed, or from the row), the messages, the
 * buttons the state allows, and optionally the preview (with the tags
 * typed, as links) and the version somebody else saved (a conflict).
 */
static int
editor(struct ctx *c, int status, const struct post *p, struct tv *values,
    struct tv *errors, struct tv *preview, const struct post *theirs)
{
	struct tag		*tags;
	size_t			 ntags;
	struct tv		*root, *m;
	struct safe_html	 body;
	enum post_state		 state = post_state(p, c->now);
	const char		*kind = post_kind_name(p->kind);

	root = view_admin_page(c, p->id != 0 ? p->title : arena_printf(c->a,
	    "New %s", kind));
	tv_set(c->a, root, "values", values);
	tv_set(c->a, root, "errors", errors);
	tv_bool(c->a, root, "has_errors", errors->head != NULL);
	tv_bool(c->a, root, "is_article", p->kind == POST_ARTICLE);
	tv_text(c->a, root, "kind", kind);
	tv_text(c->a, root, "state", p->id != 0 ? post_state_name(state) :
	    "new");
	tv_bool(c->a, root, "is_new", p->id == 0);
	tv_bool(c->a, root, "is_published", p->id != 0 && state != PS_DRAFT);
	tv_text(c->a, root, "action_url", view_admin_url(c, p, ""));
	tv_text(c->a, root, "delete_url", p->id != 0 ?
	    view_admin_url(c, p, "/delete") : "");
	tv_text(c->a, root, "view_url", p->id != 0 && state == PS_PUBLISHED ?
	    view_fresh_url(c, p) : "");
	tv_bool(c->a, root, "preview", 0);
	if (preview != NULL) {
		if (md_render(c->a, p->body, strlen(p->body), &body) == -1)
			return 500;
		m = view_article(c, p, body, post_minutes(p->body));
		tv_set(c->a, m, "tags", preview);
		tv_set(c->a, root, p->kind == POST_PAGE ? "static" : "article",
		    m);
		tv_bool(c->a, root, "preview", 1);
		/* The preview shows no neighbours. */
		tv_bool(c->a, root, "prev", 0);
		tv_bool(c->a, root, "next", 0);
	}
	if (theirs != NULL) {
		m = tv_map(c->a);
		tv_text(c->a, m, "title", theirs->title);
		tv_text(c->a, m, "excerpt", theirs->excerpt);
		tv_text(c->a, m, "body", theirs->body);
		tags = NULL;
		ntags = 0;
		if (theirs->kind == POST_ARTICLE && db_tag_of_article(c->app->db,
		    c->a, theirs->id, &tags, &ntags) == -1)
			return 500;
		tv_text(c->a, m, "tags", tag_join(c->a, tags, ntags));
		tv_text(c->a, m, "updated", date_iso(c->a, theirs->updated_at));
		tv_set(c->a, root, "theirs", m);
	} else
		tv_bool(c->a, root, "theirs", 0);
	c->resp->status = status;
	return view_render(c, T_ADMIN_EDIT, root);
}

/* The form's values for a stored post; NULL on error. */
static struct tv *
values_of(struct ctx *c, const struct post *p)
{
	struct tv	*v;
	struct tag	*tags = NULL;
	size_t		 ntags = 0;
	char		*iso;

	if (p->kind == POST_ARTICLE && p->id != 0 &&
	    db_tag_of_article(c->app->db, c->a, p->id, &tags, &ntags) == -1)
		return NULL;

	v = tv_map(c->a);
	tv_text(c->a, v, "title", p->title);
	tv_text(c->a, v, "slug", p->slug);
	tv_text(c->a, v, "excerpt", p->excerpt);
	tv_text(c->a, v, "body", p->body);
	tv_text(c->a, v, "author", p->author);
	tv_text(c->a, v, "tags", tag_join(c->a, tags, ntags));
	tv_int(c->a, v, "revision", p->revision);
	iso = p->has_date ? date_iso(c->a, p->published_at) : NULL;
	/* YYYY-MM-DDTHH:MM, or nothing yet. */
	tv_textn(c->a, v, "date", iso, iso != NULL ? 10 : 0);
	tv_textn(c->a, v, "time", iso != NULL ? iso + 11 : NULL,
	    iso != NULL ? 5 : 0);
	return v;
}

/* Applies the form to p (a copy of the stored post, or a new one) and
 * checks what the edge could not: a title, a slug, a free address, a
 * date with its time. Messages go to errors; 1 if there is any. */
static int
apply_form(struct ctx *c, struct post *p, const struct post *stored,
    int act, struct tv *errors)
{
	const struct req	*r = c->req;
	const char		*date = req_form(r, FF_DATE);
	const char		*time_ = req_form(r, FF_TIME);
	int			 bad = 0;

	p->title = req_form(r, FF_TITLE);
	p->body = req_form(r, FF_BODY);
	if (p->kind == POST_ARTICLE) {
		p->excerpt = req_form(r, FF_EXCERPT);
		p->author = req_form(r, FF_AUTHOR);
	}
	p->slug = req_form(r, FF_SLUG);
	if (*p->slug == '\0' && r->form_err[FF_SLUG] == NULL)
		p->slug = post_slugify(c->a, p->title);
	if (actions[act].status != NULL)
		p->status = actions[act].status;

	if (*p->title == '\0') {
		tv_text(c->a, errors, "title", "A title is required.");
		bad = 1;
	}
	if (*p->slug == '\0' && r->form_err[FF_SLUG] == NULL) {
		tv_text(c->a, errors, "slug", "Give a slug: the title has no "
		    "letters or digits to make one from.");
		bad = 1;
	}
	if (p->kind == POST_PAGE && route_reserved(p->slug)) {
		tv_text(c->a, errors, "slug", "This address belongs to the "
		    "site itself; choose another slug.");
		bad = 1;
	}
	if (p->kind != POST_ARTICLE || r->form_err[FF_DATE] != NULL ||
	    r->form_err[FF_TIME] != NULL)
		return bad;
	if (*date == '\0' && *time_ != '\0') {
		tv_text(c->a, errors, "date", "Give the date too, or leave "
		    "both empty.");
		return 1;
	}
	post_set_time(p, stored, date, time_, strcmp(p->status,
	    "published") == 0, c->now);
	return bad;
}

/* Is the body too slow to render? 1 with its message in errors, 0, or -1
 * (logged). */
static int
slow_body(struct ctx *c, const struct post *p, struct tv *errors)
{
	const char	*why;
	int		 rc;

	if ((rc = mdcost_slow(c->a, p->body, strlen(p->body), MDCOST_LIMIT_NS,
	    &why)) == 1)
		tv_text(c->a, errors, "body", why);
	return rc;
}

static int
edit(struct ctx *c, enum post_kind kind)
{
	struct post	 p, stored, theirs;
	struct tv	*values, *errors;
	struct tag	*tags = NULL;
	long long	 id = c->args[0] != NULL ? atoll(c->args[0]) : 0;
	const char	*why;
	size_t		 ntags = 0;
	int		 rc, bad = 0, i, act, found = 0, slow;

	memset(&p, 0, sizeof(p));
	p.kind = kind;
	p.status = "draft";
	p.title = p.slug = p.excerpt = p.body = p.author = "";
	if (id != 0) {
		if ((found = db_post_by_id(c->app->db, c->a, kind, id,
		    &stored)) == -1)
			return 500;
		if (!found && c->req->method != METHOD_POST)
			return view_error(c, 404, arena_printf(c->a, "There is "
			    "no %s with that number; it may have been deleted.",
			    post_kind_name(kind)));
		if (found)
			p = stored;
	}
	if (c->req->method != METHOD_POST) {
		if ((values = values_of(c, &p)) == NULL)
			return 500;
		return editor(c, 200, &p, values, tv_map(c->a), NULL, NULL);
	}

	/* What the author sent, kept byte for byte whatever happens. */
	values = tv_map(c->a);
	errors = tv_map(c->a);
	for (i = FF_TITLE; i <= FF_REVISION; i++) {
		view_field(c, values, errors, req_ffield_name(i),
		    req_form(c->req, i), c->req->form_err[i]);
		bad |= c->req->form_err[i] != NULL;
	}
	if ((act = action_of(c)) == -1) {
		tv_text(c->a, errors, "title", "The form did not say what to "
		    "do (save, preview, publish); nothing was saved.");
		return editor(c, 400, &p, values, errors, NULL, NULL);
	}
	/* A bad tag has its message from the edge; the field is kept. */
	if (kind == POST_ARTICLE && c->req->form_err[FF_TAGS] == NULL)
		tag_parse(c->a, req_form(c->req, FF_TAGS), &tags, &ntags);
	if (found)
		p.revision = atoll(req_form(c->req, FF_REVISION));
	bad |= apply_form(c, &p, found ? &stored : NULL, act, errors);
	/* A body readers would wait seconds for is refused here, before
	 * anything is stored or previewed (mdcost.h); its text stays in
	 * the form. Deleting and unpublishing ask nothing of the body: an
	 * article stored before this check can always leave the site. */
	if (strcmp(actions[act].action, "delete") != 0 &&
	    strcmp(actions[act].action, "unpublish") != 0 &&
	    (slow = slow_body(c, &p, errors)) != 0) {
		if (slow == -1)
			return 500;
		return editor(c, 400, &p, values, errors, NULL, NULL);
	}

	if (strcmp(actions[act].action, "preview") == 0) {
		if (!p.has_date)
			p.published_at = c->now;	/* shown as today */
		return editor(c, 200, &p, values, errors,
		    h_tag_links(c, tags, ntags), NULL);
	}
	if (id != 0 && !found) {
		/* Its number is gone: saving again creates it anew. */
		p.id = 0;
		tv_text(c->a, errors, "title", arena_printf(c->a, "This %s was "
		    "deleted since you opened it; nothing was saved. Saving "
		    "again creates it anew.", post_kind_name(kind)));
		return editor(c, 409, &p, values, errors, NULL, NULL);
	}
	if (strcmp(actions[act].action, "delete") == 0)
		return view_see_other(c, view_admin_url(c, &p, "/delete"));
	if (bad)
		return editor(c, 400, &p, values, errors, NULL, NULL);

	switch (kind == POST_ARTICLE ? db_post_save_tags(c->app->db, c->a, &p,
	    tags, ntags, c->now) : db_post_save(c->app->db, &p, c->now)) {
	case DB_SAVED:
		break;
	case DB_DUPLICATE:
		tv_text(c->a, errors, "slug", arena_printf(c->a, "Another %s "
		    "already has this slug.", post_kind_name(kind)));
		return editor(c, 400, &p, values, errors, NULL, NULL);
	case DB_CONFLICT:
		if ((rc = db_post_by_id(c->app->db, c->a, kind, id,
		    &theirs)) == -1)
			return 500;
		if (rc == 0) {
			/* Deleted meanwhile: saving again creates it anew. */
			p.id = 0;
			tv_text(c->a, errors, "title", arena_printf(c->a,
			    "This %s was deleted since you opened it. Saving "
			    "again creates it anew.", post_kind_name(kind)));
			return editor(c, 409, &p, values, errors, NULL, NULL);
		}
		/* Saving again keeps this version, knowingly. */
		tv_int(c->a, values, "revision", theirs.revision);
		return editor(c, 409, &p, values, errors, NULL, &theirs);
	default:
		/* Busy, full or read-only: the text comes back to try again. */
		if ((why = view_fault(c, "Nothing was saved", "Your text is "
		    "kept below; save again in a moment.")) == NULL)
			return 500;
		tv_text(c->a, errors, "title", why);
		return editor(c, 503, &p, values, errors, NULL, NULL);
	}
	return view_see_other(c, arena_printf(c->a, "%s?done=%s",
	    view_admin_url(c, &p, ""), actions[act].done));
}

int
h_admin_article_edit(struct ctx *c)
{
	return edit(c, POST_ARTICLE);
}

int
h_admin_page_edit(struct ctx *c)
{
	return edit(c, POST_PAGE);
}

static int
delete(struct ctx *c, enum post_kind kind)
{
	struct post	 p;
	struct tv	*root, *m;
	long long	 id = atoll(c->args[0]);
	int		 rc;

	if ((rc = db_post_by_id(c->app->db, c->a, kind, id, &p)) == -1)
		return 500;
	if (rc == 0)
		return view_error(c, 404, arena_printf(c->a, "There is no %s "
		    "with that number; it may have been deleted already.",
		    post_kind_name(kind)));
	if (c->req->method == METHOD_POST) {
		if (db_post_delete(c->app->db, kind, id, c->now) == -1)
			return 500;
		return view_see_other(c, "/admin?done=deleted");
	}
	root = view_admin_page(c, arena_printf(c->a, "Delete %s", p.title));
	m = tv_map(c->a);
	tv_text(c->a, m, "title", p.title);
	tv_text(c->a, m, "kind", post_kind_name(kind));
	tv_text(c->a, m, "state", post_state_name(post_state(&p, c->now)));
	tv_text(c->a, m, "edit_url", view_admin_url(c, &p, ""));
	tv_text(c->a, m, "delete_url", view_admin_url(c, &p, "/delete"));
	tv_set(c->a, root, "post", m);
	return view_render(c, T_ADMIN_DELETE, root);
}

int
h_admin_article_delete(struct ctx *c)
{
	return delete(c, POST_ARTICLE);
}

int
h_admin_page_delete(struct ctx *c)
{
	return delete(c, POST_PAGE);
}
