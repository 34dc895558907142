/*
 * h_admin: the authors' pages. By the time a handler runs, app.c has read
 * and validated the form, found the session and checked the CSRF token of
 * every POST; a handler validates meaning (a title is required, a slug is
 * free) and never loses what the author typed: a refused form comes back
 * filled in, with each message next to its field.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "auth.h"
#include "date.h"
#include "h_admin.h"
#include "log.h"
#include "markdown.h"

#define LIST_PER_PAGE	50
#define FAIL_WINDOW	(15 * 60)	/* seconds */
#define FAIL_MAX	5		/* failures per window, per key */

/* Slugs a static page cannot take: the site's own addresses. */
static const char *const reserved_slugs[] = { "admin", "archive", "static",
    "feed", "feeds", "search", "sitemap", "tags", "favicon-ico", NULL };

/* What ?done= says on the next page. */
static const struct {
	const char	*key;
	const char	*text;
} notices[] = {
	{ "saved", "Saved." },
	{ "published", "Published." },
	{ "unpublished", "Unpublished: readers no longer see it." },
	{ "deleted", "Deleted." },
	{ "settings", "Settings saved. Every page shows them now." },
	{ "password", "Password changed. Sign in with the new one." },
	{ "signedout", "You are signed out." },
};

static const char *const kind_names[DB__KINDS] = {
	"article",	/* DB_ARTICLE */
	"page",		/* DB_PAGE */
};

static const char *const kind_paths[DB__KINDS] = {
	"articles",	/* DB_ARTICLE */
	"pages",	/* DB_PAGE */
};

/* The admin's page frame: the site, the signed-in user, the CSRF token
 * every form carries, and the notice of the last action. */
static struct tv *
admin_page(struct ctx *c, const char *title)
{
	struct tv	*root, *user;
	const char	*done = c->req->query[QF_DONE];
	size_t		 i;

	root = app_page(c, title != NULL ? arena_printf(c->a, "%s (admin)",
	    title) : "Admin");
	tv_bool(c->a, root, "signed_in", c->signed_in);
	tv_text(c->a, root, "csrf", c->csrf);
	user = tv_map(c->a);
	tv_text(c->a, user, "login", c->user.login);
	tv_text(c->a, user, "name", c->user.name != NULL &&
	    *c->user.name != '\0' ? c->user.name : c->user.login);
	tv_set(c->a, root, "user", user);
	for (i = 0; done != NULL && i < sizeof(notices) / sizeof(notices[0]);
	    i++)
		if (strcmp(done, notices[i].key) == 0)
			tv_text(c->a, root, "notice", notices[i].text);
	return root;
}

static int
see_other(struct ctx *c, const char *to)
{
	resp_header(c->resp, "Location", to);
	return 303;
}

/* Field values and messages for a form template: values.NAME, errors.NAME. */
static void
field(struct ctx *c, struct tv *values, struct tv *errors, const char *name,
    const char *value, const char *error)
{
	tv_text(c->a, values, name, value);
	if (error != NULL)
		tv_text(c->a, errors, name, error);
}

/* Sign-in. */

static int
login_form(struct ctx *c, int status, const char *login, const char *next,
    const char *error)
{
	struct tv	*root;

	root = admin_page(c, "Sign in");
	tv_text(c->a, root, "login", login);
	tv_text(c->a, root, "next", next);
	tv_text(c->a, root, "error", error);
	c->resp->status = status;
	return app_render(c, T_ADMIN_LOGIN, root);
}

/* What a password attempt came to. */
enum attempt {
	ATTEMPT_WRONG,
	ATTEMPT_RIGHT,
	ATTEMPT_LIMITED,	/* not checked: too many failures */
};

/*
 * Checks pw against pwhash (NULL: an unknown login, checked against a dummy
 * hash so that it takes as long) under the limit of FAIL_MAX failures in
 * FAIL_WINDOW per login and, with per_address, per client address (the
 * account page's attempts come from a signed-in user, whose address may
 * be a whole office's, so they count for the login alone). It is counted
 * before the hash is checked and taken back if the password was right, so
 * parallel attempts in several workers cannot all slip under the limit.
 * LIMITED sets Retry-After and *wait (seconds). -1 on error (logged).
 */
static int
password_attempt(struct ctx *c, const char *login, const char *pwhash,
    const char *pw, int per_address, long long *wait)
{
	const char	*keys[2];
	long long	 ids[2], retry_at;
	size_t		 n = per_address ? 2 : 1;
	int		 rc;

	keys[0] = arena_printf(c->a, "login:%s", login);
	keys[1] = arena_printf(c->a, "ip:%s", c->req->client_addr);
	if ((rc = db_failure_try(c->app->db, keys, n, c->now,
	    c->now - FAIL_WINDOW, FAIL_MAX, ids, &retry_at)) == -1)
		return -1;
	if (rc == 0) {
		*wait = retry_at - c->now > 0 ? retry_at - c->now : 1;
		resp_header(c->resp, "Retry-After", arena_printf(c->a, "%lld",
		    *wait));
		log_req(LOG_WARN, c->req->client_addr, "POST", c->req->target,
		    "password attempts throttled, login: %s", login);
		return ATTEMPT_LIMITED;
	}
	if (pwhash == NULL) {
		auth_dummy_check(pw);
		rc = 0;
	} else
		rc = auth_check_password(pwhash, pw);
	if (!rc) {
		log_req(LOG_WARN, c->req->client_addr, "POST", c->req->target,
		    "wrong password, login: %s", login);
		return ATTEMPT_WRONG;
	}
	if (db_failure_undo(c->app->db, ids, n) == -1 ||
	    db_failures_clear(c->app->db, keys[0]) == -1)
		return -1;
	return ATTEMPT_RIGHT;
}

int
h_admin_login(struct ctx *c)
{
	struct user	 u;
	const char	*login, *pw, *next;
	long long	 wait;
	int		 found;

	if (c->req->method != METHOD_POST) {
		if (c->signed_in)
			return see_other(c, "/admin");
		return login_form(c, 200, "", c->req->query[QF_NEXT] != NULL ?
		    c->req->query[QF_NEXT] : "", NULL);
	}
	login = app_form(c, FF_LOGIN);
	pw = app_form(c, FF_PASSWORD);
	next = c->req->form_err[FF_NEXT] == NULL && *app_form(c, FF_NEXT) ?
	    app_form(c, FF_NEXT) : "/admin";
	if (*login == '\0' || *pw == '\0' || c->req->form_err[FF_LOGIN] ||
	    c->req->form_err[FF_PASSWORD])
		return login_form(c, 400, login, next,
		    "Enter your login and your password.");

	if ((found = db_user_by_login(c->app->db, c->a, login, &u)) == -1)
		return 500;
	switch (password_attempt(c, login, found ? u.pwhash : NULL, pw, 1,
	    &wait)) {
	case ATTEMPT_RIGHT:
		break;
	case ATTEMPT_WRONG:
		return login_form(c, 403, login, next,
		    "Wrong login or password.");
	case ATTEMPT_LIMITED:
		return login_form(c, 429, login, next, arena_printf(c->a,
		    "Too many failed sign-ins. Try again in %lld minutes.",
		    (wait + 59) / 60));
	default:
		return 500;
	}
	if (app_sign_in(c, &u) == -1)
		return 500;
	log_req(LOG_INFO, c->req->client_addr, "POST", c->req->target,
	    "signed in, login: %s", login);
	return see_other(c, next);
}

int
h_admin_logout(struct ctx *c)
{
	unsigned char	 digest[AUTH_DIGEST];

	if (c->req->session != NULL &&
	    auth_token_digest(c->req->session, digest) == 0 &&
	    db_session_del(c->app->db, digest) == -1)
		return 500;
	resp_header(c->resp, "Set-Cookie", arena_printf(c->a,
	    "%s=; Path=/admin; Max-Age=0; HttpOnly; SameSite=Strict%s",
	    REQ_COOKIE, c->req->https ? "; Secure" : ""));
	return see_other(c, "/admin/login?done=signedout");
}

/* The list. */

static const char *
state_of(struct ctx *c, const struct article *p)
{
	if (strcmp(p->status, "published") != 0)
		return "draft";
	if (p->kind == DB_ARTICLE && p->published_at > c->now)
		return "scheduled";
	return "published";
}

static char *
public_url(struct ctx *c, const struct article *p)
{
	int	 y, m;

	if (p->kind == DB_PAGE)
		return arena_printf(c->a, "/%s", p->slug);
	date_year_month(p->published_at, &y, &m);
	return arena_printf(c->a, "/%04d/%02d/%s", y, m, p->slug);
}

/* The reader's address of a post, with ?r=REVISION so that the author's
 * own browser fetches this version rather than a copy it kept (reader
 * pages may be cached for max-age; the router ignores the parameter). */
static char *
view_url(struct ctx *c, const struct article *p)
{
	return arena_printf(c->a, "%s?r=%lld", public_url(c, p), p->revision);
}

static void
list_rows(struct ctx *c, struct tv *list, const struct article *v, size_t n)
{
	struct tv	*m;
	const char	*state;
	size_t		 i;

	for (i = 0; i < n; i++) {
		state = state_of(c, &v[i]);
		m = tv_list_add(c->a, list);
		tv_text(c->a, m, "title", v[i].title);
		tv_text(c->a, m, "state", state);
		tv_text(c->a, m, "edit_url", arena_printf(c->a, "/admin/%s/%lld",
		    kind_paths[v[i].kind], v[i].id));
		if (strcmp(state, "published") == 0)
			tv_text(c->a, m, "view_url", view_url(c, &v[i]));
		if (v[i].has_date) {
			tv_text(c->a, m, "date", date_human(c->a,
			    v[i].published_at));
			tv_text(c->a, m, "datetime", date_iso(c->a,
			    v[i].published_at));
		}
		tv_text(c->a, m, "updated", date_human(c->a, v[i].updated_at));
	}
}

int
h_admin_list(struct ctx *c)
{
	static const char *const filters[] = { "draft", "scheduled",
	    "published" };
	struct article	*arts, *pages;
	struct tv	*root, *list, *fl, *m;
	const char	*filter = c->req->query[QF_STATUS], *base;
	long long	 total;
	size_t		 n, np, i;
	int		 page = 1;

	if (c->req->query[QF_PAGE] != NULL)
		page = atoi(c->req->query[QF_PAGE]);
	if (db_admin_articles(c->app->db, c->a, filter, c->now, LIST_PER_PAGE,
	    (page - 1) * LIST_PER_PAGE, &arts, &n, &total) == -1 ||
	    db_admin_pages(c->app->db, c->a, &pages, &np) == -1)
		return 500;
	root = admin_page(c, "Articles and pages");
	list = tv_list(c->a);
	list_rows(c, list, arts, n);
	tv_set(c->a, root, "articles", list);
	list = tv_list(c->a);
	list_rows(c, list, pages, np);
	tv_set(c->a, root, "pages", list);
	tv_int(c->a, root, "total", total);
	tv_text(c->a, root, "filter", filter);

	fl = tv_list(c->a);
	m = tv_list_add(c->a, fl);
	tv_text(c->a, m, "label", "All");
	tv_text(c->a, m, "url", "/admin");
	tv_bool(c->a, m, "current", filter == NULL);
	for (i = 0; i < sizeof(filters) / sizeof(filters[0]); i++) {
		m = tv_list_add(c->a, fl);
		tv_text(c->a, m, "label", filters[i]);
		tv_text(c->a, m, "url", arena_printf(c->a, "/admin?status=%s",
		    filters[i]));
		tv_bool(c->a, m, "current", filter != NULL &&
		    strcmp(filter, filters[i]) == 0);
	}
	tv_set(c->a, root, "filters", fl);

	base = filter != NULL ? arena_printf(c->a, "/admin?status=%s&", filter) :
	    "/admin?";
	if (page > 1)
		tv_text(c->a, root, "newer_url", arena_printf(c->a, "%spage=%d",
		    base, page - 1));
	if ((long long)page * LIST_PER_PAGE < total)
		tv_text(c->a, root, "older_url", arena_printf(c->a, "%spage=%d",
		    base, page + 1));
	tv_int(c->a, root, "page_number", page);
	return app_render(c, T_ADMIN_LIST, root);
}

/* Editing. */

/* A slug from a title: lowercase ASCII letters and digits, Latin-1 letters
 * without their accents, anything else a single hyphen. */
static char *
slugify(struct arena *a, const char *title)
{
	/* U+00C0..U+00FF without accents; '-' for the non-letters. */
	static const char latin1[] =
	    "aaaaaaaceeeeiiiidnooooo-ouuuuyts"
	    "aaaaaaaceeeeiiiidnooooo-ouuuuyty";
	const unsigned char	*s = (const unsigned char *)title;
	char			*out;
	size_t			 o = 0, max = 80;
	char			 ch;

	out = arena_alloc(a, max + 1);
	for (; *s != '\0' && o < max; s++) {
		if (*s >= 'A' && *s <= 'Z')
			ch = (char)(*s - 'A' + 'a');
		else if ((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9'))
			ch = (char)*s;
		else if ((*s == 0xc3) && s[1] >= 0x80 && s[1] <= 0xbf) {
			ch = latin1[s[1] - 0x80];
			s++;
		} else
			ch = '-';
		if (ch == '-' && (o == 0 || out[o - 1] == '-'))
			continue;
		out[o++] = ch;
	}
	while (o > 0 && out[o - 1] == '-')
		o--;
	out[o] = '\0';
	return out;
}

/* Seconds from "YYYY-MM-DD" and "HH:MM" (both validated), UTC. */
static long long
when(const char *date, const char *time_)
{
	struct tm	 tm;

	memset(&tm, 0, sizeof(tm));
	tm.tm_year = atoi(date) - 1900;
	tm.tm_mon = atoi(date + 5) - 1;
	tm.tm_mday = atoi(date + 8);
	if (*time_ != '\0') {
		tm.tm_hour = atoi(time_);
		tm.tm_min = atoi(time_ + 3);
	}
	return (long long)timegm(&tm);
}

/* The article map the article template draws, from a post. */
static struct tv *
article_view(struct ctx *c, const struct article *p, struct safe_html body)
{
	struct tv	*m;
	int		 y, mo;

	m = tv_map(c->a);
	tv_text(c->a, m, "title", p->title);
	tv_html(c->a, m, "body", body);
	if (p->kind == DB_PAGE)
		return m;
	date_year_month(p->published_at, &y, &mo);
	tv_text(c->a, m, "date", date_human(c->a, p->published_at));
	tv_text(c->a, m, "datetime", date_iso(c->a, p->published_at));
	tv_text(c->a, m, "author", *p->author != '\0' ? p->author :
	    c->site.v[SET_AUTHOR]);
	tv_int(c->a, m, "minutes", (long long)(md_words(p->body,
	    strlen(p->body)) + 229) / 230 > 0 ? (long long)(md_words(p->body,
	    strlen(p->body)) + 229) / 230 : 1);
	tv_text(c->a, m, "abs_url", app_abs_url(c, public_url(c, p)));
	tv_text(c->a, m, "archive_url", arena_printf(c->a, "/archive/%d/%02d",
	    y, mo));
	tv_text(c->a, m, "archive_month", arena_printf(c->a, "%s %d",
	    date_month_name(mo), y));
	return m;
}

/*
 * The editor: the values (as typed, or from the row), the messages, the
 * buttons the state allows, and optionally the preview and the version
 * somebody else saved (a conflict).
 */
static int
editor(struct ctx *c, int status, const struct article *p,
    struct tv *values, struct tv *errors, int preview,
    const struct article *theirs)
{
	struct tv		*root, *m;
	struct safe_html	 body;
	const char		*state = p->id != 0 ? state_of(c, p) : "new";

	root = admin_page(c, p->id != 0 ? p->title : arena_printf(c->a,
	    "New %s", kind_names[p->kind]));
	tv_set(c->a, root, "values", values);
	tv_set(c->a, root, "errors", errors);
	tv_bool(c->a, root, "has_errors", errors->head != NULL);
	tv_bool(c->a, root, "is_article", p->kind == DB_ARTICLE);
	tv_text(c->a, root, "kind", kind_names[p->kind]);
	tv_text(c->a, root, "state", state);
	tv_bool(c->a, root, "is_new", p->id == 0);
	tv_bool(c->a, root, "is_published", strcmp(state, "published") == 0 ||
	    strcmp(state, "scheduled") == 0);
	tv_text(c->a, root, "action_url", p->id != 0 ? arena_printf(c->a,
	    "/admin/%s/%lld", kind_paths[p->kind], p->id) :
	    arena_printf(c->a, "/admin/%s/new", kind_paths[p->kind]));
	if (p->id != 0) {
		tv_text(c->a, root, "delete_url", arena_printf(c->a,
		    "/admin/%s/%lld/delete", kind_paths[p->kind], p->id));
		if (strcmp(state, "published") == 0)
			tv_text(c->a, root, "view_url", view_url(c, p));
	}
	if (preview) {
		if (md_render(c->a, p->body, strlen(p->body), &body) == -1)
			return 500;
		m = article_view(c, p, body);
		tv_set(c->a, root, p->kind == DB_PAGE ? "static" : "article", m);
		tv_bool(c->a, root, "preview", 1);
	}
	if (theirs != NULL) {
		m = tv_map(c->a);
		tv_text(c->a, m, "title", theirs->title);
		tv_text(c->a, m, "excerpt", theirs->excerpt);
		tv_text(c->a, m, "body", theirs->body);
		tv_text(c->a, m, "updated", date_iso(c->a, theirs->updated_at));
		tv_set(c->a, root, "theirs", m);
	}
	c->resp->status = status;
	return app_render(c, T_ADMIN_EDIT, root);
}

/* The form's values for a stored post. */
static struct tv *
values_of(struct ctx *c, const struct article *p)
{
	struct tv	*v;
	char		*iso;

	v = tv_map(c->a);
	tv_text(c->a, v, "title", p->title);
	tv_text(c->a, v, "slug", p->slug);
	tv_text(c->a, v, "excerpt", p->excerpt);
	tv_text(c->a, v, "body", p->body);
	tv_text(c->a, v, "author", p->author);
	tv_int(c->a, v, "revision", p->revision);
	if (p->has_date) {
		iso = date_iso(c->a, p->published_at);	/* YYYY-MM-DDTHH:MM */
		tv_textn(c->a, v, "date", iso, 10);
		tv_textn(c->a, v, "time", iso + 11, 5);
	}
	return v;
}

static int
edit(struct ctx *c, enum db_kind kind)
{
	struct article	 p, cur, theirs;
	struct tv	*values, *errors;
	const char	*action, *done, *slug;
	int		 rc, bad = 0, i, gone = 0;
	long long	 id = c->args[0] != NULL ? atoll(c->args[0]) : 0;

	memset(&p, 0, sizeof(p));
	p.kind = kind;
	p.status = "draft";
	p.title = p.slug = p.excerpt = p.body = p.author = "";
	if (id != 0) {
		if ((rc = db_post_by_id(c->app->db, c->a, kind, id, &cur)) == -1)
			return 500;
		if (rc == 0 && c->req->method != METHOD_POST)
			return app_error(c, 404, arena_printf(c->a, "There is no "
			    "%s with that number; it may have been deleted.",
			    kind_names[kind]));
		if (rc == 0)
			gone = 1;	/* deleted while the form was open */
		else
			p = cur;
	}
	if (c->req->method != METHOD_POST)
		return editor(c, 200, &p, values_of(c, &p), tv_map(c->a), 0,
		    NULL);

	/* What the author sent, kept byte for byte whatever happens. */
	values = tv_map(c->a);
	errors = tv_map(c->a);
	for (i = FF_TITLE; i <= FF_REVISION; i++) {
		field(c, values, errors, req_ffield_name(i),
		    app_form(c, i), c->req->form_err[i]);
		bad |= c->req->form_err[i] != NULL;
	}
	action = *app_form(c, FF_ACTION) != '\0' ? app_form(c, FF_ACTION) :
	    "draft";
	p.title = app_form(c, FF_TITLE);
	p.body = app_form(c, FF_BODY);
	if (kind == DB_ARTICLE) {
		p.excerpt = app_form(c, FF_EXCERPT);
		p.author = app_form(c, FF_AUTHOR);
	}
	if (id != 0 && !gone)
		p.revision = atoll(app_form(c, FF_REVISION));
	slug = app_form(c, FF_SLUG);
	if (*slug == '\0' && c->req->form_err[FF_SLUG] == NULL)
		slug = slugify(c->a, p.title);
	p.slug = slug;

	if (*p.title == '\0') {
		tv_text(c->a, errors, "title", "A title is required.");
		bad = 1;
	}
	if (*p.slug == '\0' && c->req->form_err[FF_SLUG] == NULL) {
		tv_text(c->a, errors, "slug", "Give a slug: the title has no "
		    "letters or digits to make one from.");
		bad = 1;
	}
	for (i = 0; kind == DB_PAGE && reserved_slugs[i] != NULL; i++)
		if (strcmp(p.slug, reserved_slugs[i]) == 0) {
			tv_text(c->a, errors, "slug", "This address belongs "
			    "to the site itself; choose another slug.");
			bad = 1;
		}

	/* The publication time: as given, else now when publishing. */
	if (strcmp(action, "publish") == 0)
		p.status = "published";
	else if (strcmp(action, "preview") != 0)
		p.status = "draft";
	if (kind == DB_ARTICLE && c->req->form_err[FF_DATE] == NULL &&
	    c->req->form_err[FF_TIME] == NULL) {
		if (*app_form(c, FF_DATE) != '\0') {
			p.has_date = 1;
			p.published_at = when(app_form(c, FF_DATE),
			    app_form(c, FF_TIME));
		} else if (*app_form(c, FF_TIME) != '\0') {
			tv_text(c->a, errors, "date", "Give the date too, or "
			    "leave both empty.");
			bad = 1;
		} else if (strcmp(p.status, "published") == 0 ||
		    strcmp(action, "preview") == 0) {
			p.has_date = strcmp(action, "preview") != 0;
			p.published_at = c->now;
		} else
			p.has_date = 0;
	}

	if (strcmp(action, "preview") == 0)
		return editor(c, 200, &p, values, errors, 1, NULL);
	if (gone) {
		/* Its number is gone: saving again creates it anew. */
		tv_text(c->a, errors, "title", arena_printf(c->a, "This %s was "
		    "deleted since you opened it; nothing was saved. Saving "
		    "again creates it anew.", kind_names[kind]));
		return editor(c, 409, &p, values, errors, 0, NULL);
	}
	if (strcmp(action, "delete") == 0)
		return see_other(c, arena_printf(c->a, "/admin/%s/%lld/delete",
		    kind_paths[kind], id));
	if (bad)
		return editor(c, 400, &p, values, errors, 0, NULL);

	switch (db_post_save(c->app->db, &p, c->now)) {
	case DB_SAVED:
		break;
	case DB_DUPLICATE:
		tv_text(c->a, errors, "slug", arena_printf(c->a, "Another %s "
		    "already has this slug.", kind_names[kind]));
		return editor(c, 400, &p, values, errors, 0, NULL);
	case DB_CONFLICT:
		if ((rc = db_post_by_id(c->app->db, c->a, kind, id,
		    &theirs)) == -1)
			return 500;
		if (rc == 0) {
			/* Deleted meanwhile: saving again creates it anew. */
			p.id = 0;
			tv_text(c->a, errors, "title", arena_printf(c->a,
			    "This %s was deleted since you opened it. Saving "
			    "again creates it anew.", kind_names[kind]));
			return editor(c, 409, &p, values, errors, 0, NULL);
		}
		/* Saving again keeps this version, knowingly. */
		tv_int(c->a, values, "revision", theirs.revision);
		return editor(c, 409, &p, values, errors, 0, &theirs);
	default:
		return 500;
	}
	done = strcmp(action, "publish") == 0 ? "published" :
	    strcmp(action, "unpublish") == 0 ? "unpublished" : "saved";
	return see_other(c, arena_printf(c->a, "/admin/%s/%lld?done=%s",
	    kind_paths[kind], p.id, done));
}

int
h_admin_article_edit(struct ctx *c)
{
	return edit(c, DB_ARTICLE);
}

int
h_admin_page_edit(struct ctx *c)
{
	return edit(c, DB_PAGE);
}

static int
delete(struct ctx *c, enum db_kind kind)
{
	struct article	 p;
	struct tv	*root, *m;
	long long	 id = atoll(c->args[0]);
	int		 rc;

	if ((rc = db_post_by_id(c->app->db, c->a, kind, id, &p)) == -1)
		return 500;
	if (rc == 0)
		return app_error(c, 404, arena_printf(c->a, "There is no %s "
		    "with that number; it may have been deleted already.",
		    kind_names[kind]));
	if (c->req->method == METHOD_POST) {
		if (db_post_delete(c->app->db, kind, id) == -1)
			return 500;
		return see_other(c, "/admin?done=deleted");
	}
	root = admin_page(c, arena_printf(c->a, "Delete %s", p.title));
	m = tv_map(c->a);
	tv_text(c->a, m, "title", p.title);
	tv_text(c->a, m, "kind", kind_names[kind]);
	tv_text(c->a, m, "state", state_of(c, &p));
	tv_text(c->a, m, "edit_url", arena_printf(c->a, "/admin/%s/%lld",
	    kind_paths[kind], id));
	tv_text(c->a, m, "delete_url", arena_printf(c->a, "/admin/%s/%lld/delete",
	    kind_paths[kind], id));
	tv_set(c->a, root, "post", m);
	return app_render(c, T_ADMIN_DELETE, root);
}

int
h_admin_article_delete(struct ctx *c)
{
	return delete(c, DB_ARTICLE);
}

int
h_admin_page_delete(struct ctx *c)
{
	return delete(c, DB_PAGE);
}

/* Settings: each form field and the setting it edits. */
static const struct {
	enum req_ffield	 field;
	enum setting	 setting;
	int		 checkbox;
} setting_fields[] = {
	{ FF_SITE_TITLE, SET_TITLE, 0 },
	{ FF_SITE_SUBTITLE, SET_SUBTITLE, 0 },
	{ FF_SITE_BASE_URL, SET_BASE_URL, 0 },
	{ FF_SITE_AUTHOR, SET_AUTHOR, 0 },
	{ FF_SITE_NOTE, SET_CONTRIBUTE, 0 },
	{ FF_SITE_DISCLAIMER, SET_DISCLAIMER, 0 },
	{ FF_SITE_PER_PAGE, SET_PER_PAGE, 0 },
	{ FF_SHARE_X, SET_SHARE_X, 1 },
	{ FF_SHARE_LINKEDIN, SET_SHARE_LINKEDIN, 1 },
	{ FF_SHARE_FACEBOOK, SET_SHARE_FACEBOOK, 1 },
};

#define NSETTING_FIELDS	(sizeof(setting_fields) / sizeof(setting_fields[0]))

int
h_admin_settings(struct ctx *c)
{
	struct settings	 s = c->site;
	struct tv	*root, *values, *errors;
	const char	*v;
	size_t		 i;
	int		 bad = 0, per;

	values = tv_map(c->a);
	errors = tv_map(c->a);
	for (i = 0; i < NSETTING_FIELDS; i++) {
		enum req_ffield f = setting_fields[i].field;

		if (c->req->method == METHOD_POST) {
			v = app_form(c, f);
			if (setting_fields[i].checkbox)
				v = *v != '\0' ? "1" : "0";
			s.v[setting_fields[i].setting] = v;
			bad |= c->req->form_err[f] != NULL;
		} else
			v = s.v[setting_fields[i].setting];
		field(c, values, errors, req_ffield_name(f), v,
		    c->req->method == METHOD_POST ? c->req->form_err[f] : NULL);
		if (setting_fields[i].checkbox)
			tv_bool(c->a, values, arena_printf(c->a, "%s_on",
			    req_ffield_name(f)), strcmp(v, "1") == 0);
	}
	if (c->req->method == METHOD_POST) {
		if (*s.v[SET_TITLE] == '\0') {
			tv_text(c->a, errors, "site_title", "The site needs a "
			    "title.");
			bad = 1;
		}
		per = atoi(s.v[SET_PER_PAGE]);
		if (c->req->form_err[FF_SITE_PER_PAGE] == NULL &&
		    (per < 1 || per > 100)) {
			tv_text(c->a, errors, "site_per_page", "Give a number "
			    "from 1 to 100.");
			bad = 1;
		}
		if (!bad) {
			if (db_settings_save(c->app->db, &s, c->now) == -1)
				return 500;
			return see_other(c, "/admin/settings?done=settings");
		}
	}
	root = admin_page(c, "Settings");
	tv_set(c->a, root, "values", values);
	tv_set(c->a, root, "errors", errors);
	tv_bool(c->a, root, "has_errors", bad);
	c->resp->status = bad ? 400 : 200;
	return app_render(c, T_ADMIN_SETTINGS, root);
}

int
h_admin_account(struct ctx *c)
{
	struct tv	*root, *errors;
	const char	*old, *pw, *pw2, *why;
	char		 hash[AUTH_HASH_MAX];
	long long	 wait;
	int		 rc, status = 400;

	errors = tv_map(c->a);
	if (c->req->method == METHOD_POST) {
		old = app_form(c, FF_OLD_PASSWORD);
		pw = app_form(c, FF_NEW_PASSWORD);
		pw2 = app_form(c, FF_NEW_PASSWORD2);
		if ((rc = password_attempt(c, c->user.login, c->user.pwhash,
		    old, 0, &wait)) == -1)
			return 500;
		if (rc == ATTEMPT_LIMITED) {
			tv_text(c->a, errors, "old_password", arena_printf(c->a,
			    "Too many wrong passwords. Try again in %lld "
			    "minutes.", (wait + 59) / 60));
			status = 429;
		} else if (rc == ATTEMPT_WRONG)
			tv_text(c->a, errors, "old_password", "This is not your "
			    "current password.");
		else if (!auth_password_ok(pw, &why))
			tv_text(c->a, errors, "new_password", why);
		else if (strcmp(pw, pw2) != 0)
			tv_text(c->a, errors, "new_password2", "The two new "
			    "passwords differ.");
		else {
			if (auth_hash_password(pw, hash) == -1)
				return 500;
			/* Ends every session of the user, this one too. */
			if ((rc = db_user_passwd(c->app->db, c->user.login, hash,
			    c->now)) != 1)
				return 500;
			log_req(LOG_INFO, c->req->client_addr, "POST",
			    c->req->target, "password changed, login: %s",
			    c->user.login);
			resp_header(c->resp, "Set-Cookie", arena_printf(c->a,
			    "%s=; Path=/admin; Max-Age=0; HttpOnly; "
			    "SameSite=Strict%s", REQ_COOKIE,
			    c->req->https ? "; Secure" : ""));
			return see_other(c, "/admin/login?done=password");
		}
	}
	root = admin_page(c, "Account");
	tv_set(c->a, root, "errors", errors);
	c->resp->status = errors->head != NULL ? status : 200;
	return app_render(c, T_ADMIN_ACCOUNT, root);
}
