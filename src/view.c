/*
 * view: the page chrome and the views shared between handlers (view.h).
 * Every value here comes from the settings table, a row, or the request's
 * declared fields, and leaves through the template's escaping.
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "body.h"
#include "date.h"
#include "embed.h"
#include "log.h"
#include "markdown.h"
#include "route.h"
#include "valid.h"
#include "view.h"

static const char *const tmpl_names[T__MAX] = {
	"home",		/* T_HOME */
	"archive",	/* T_ARCHIVE */
	"article",	/* T_ARTICLE */
	"page",		/* T_PAGE */
	"tag",		/* T_TAG */
	"tags",		/* T_TAGS */
	"search",	/* T_SEARCH */
	"error",	/* T_ERROR */
	"admin/login",	/* T_ADMIN_LOGIN */
	"admin/list",	/* T_ADMIN_LIST */
	"admin/edit",	/* T_ADMIN_EDIT */
	"admin/delete",	/* T_ADMIN_DELETE */
	"admin/settings", /* T_ADMIN_SETTINGS */
	"admin/account", /* T_ADMIN_ACCOUNT */
	"admin/redirects", /* T_ADMIN_REDIRECTS */
	"admin/tools",	/* T_ADMIN_TOOLS */
	"admin/error",	/* T_ADMIN_ERROR */
};

/* What ?done= says on the next admin page. */
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

/* Form fields worth giving back when a POST is refused: what an author
 * typed (the Markdown settings are added from the settings table). */
static const struct {
	enum req_ffield	 field;
	const char	*label;
} kept_fields[] = {
	{ FF_TITLE, "Title" },
	{ FF_EXCERPT, "Excerpt" },
	{ FF_TAGS, "Tags" },
	{ FF_BODY, "Body" },
};

/* The version of the static files (templates/static/, built into the
 * binary): 16 hex digits of their hash. Pages link /static/NAME?v=VERSION,
 * so nginx may keep them for a year and a new stylesheet is a new URL. */
static void
static_version(char *out, size_t size)
{
	crypto_generichash_state	 h;
	unsigned char			 d[8];
	size_t				 i;

	if (sodium_init() == -1) {
		log_err("%s: sodium_init failed", __func__);
		abort();
	}
	crypto_generichash_init(&h, NULL, 0, sizeof(d));
	for (i = 0; i < embed_static_n; i++) {
		crypto_generichash_update(&h,
		    (const unsigned char *)embed_static[i].name,
		    strlen(embed_static[i].name) + 1);
		crypto_generichash_update(&h,
		    (const unsigned char *)embed_static[i].data,
		    embed_static[i].len);
	}
	crypto_generichash_final(&h, d, sizeof(d));
	sodium_bin2hex(out, size, d, sizeof(d));
}

int
view_init(struct app *app)
{
	const struct config	*cfg = app->cfg;
	int			 i;

	if ((app->view = calloc(1, sizeof(*app->view))) == NULL) {
		log_err("%s: out of memory", __func__);
		abort();
	}
	arena_init(&app->view->mem);
	static_version(app->view->static_v, sizeof(app->view->static_v));
	if (cfg->templates_dir != NULL)
		app->tmpl = tmpl_set_load_dir(cfg->templates_dir);
	else
		app->tmpl = tmpl_set_load_mem(embed_templates,
		    embed_templates_n, "templates");
	if (app->tmpl == NULL)
		return -1;
	tmpl_set_strict(app->tmpl, cfg->strict_templates);
	for (i = 0; i < T__MAX; i++)
		if ((app->tmpl_idx[i] = tmpl_find(app->tmpl,
		    tmpl_names[i])) == -1) {
			log_err("templates: %s.html is missing", tmpl_names[i]);
			return -1;
		}
	return 0;
}

void
view_free(struct app *app)
{
	tmpl_set_free(app->tmpl);
	app->tmpl = NULL;
	if (app->view != NULL) {
		arena_free(&app->view->mem);
		free(app->view);
		app->view = NULL;
	}
}

int
view_cursor(struct ctx *c, long long *bt, long long *bid)
{
	const char	*cur = c->req->query[QF_BEFORE];

	*bt = *bid = LLONG_MAX;
	if (cur != NULL) {
		*bt = strtoll(cur, NULL, 10);
		*bid = strtoll(strchr(cur, '-') + 1, NULL, 10);
	}
	/* Validated when saved; a row written by hand is not trusted. */
	return valid_per_page(c->site.v[SET_PER_PAGE]) == NULL ?
	    atoi(c->site.v[SET_PER_PAGE]) : 10;
}

char *
view_abs_url(struct ctx *c, const char *path)
{
	const char	*base = c->site.v[SET_BASE_URL];
	size_t		 len = strlen(base);

	while (len > 0 && base[len - 1] == '/')
		len--;
	return arena_printf(c->a, "%.*s%s", (int)len, base, path);
}

/*
 * The site's Markdown settings, rendered. Every page shows them, and
 * rendering them costs a fifth of an article page, so a worker keeps what
 * it rendered. The key is the Markdown itself, as read from the database
 * for this request: a settings change (by any worker) shows on the next
 * page, with nothing to invalidate. A change of any re-renders all, in the
 * reset arena, before any page holds them. Empty on failure (logged).
 */
static void
site_markdown(struct ctx *c)
{
	struct view_cache	*k = c->app->view;
	int			 i, fresh = 1;

	for (i = 0; i < SET__MAX; i++)
		if (setting_def(i)->kind == SK_MARKDOWN && (k->src[i] == NULL ||
		    strcmp(k->src[i], c->site.v[i]) != 0))
			fresh = 0;
	if (fresh)
		return;
	arena_reset(&k->mem);
	for (i = 0; i < SET__MAX; i++) {
		k->src[i] = NULL;
		k->html[i] = (struct safe_html){ "", 0 };
		if (setting_def(i)->kind != SK_MARKDOWN)
			continue;
		if (md_render(&k->mem, c->site.v[i], strlen(c->site.v[i]),
		    &k->html[i]) == -1) {
			/* Not kept: tried again on the next page. */
			k->html[i] = (struct safe_html){ "", 0 };
			continue;
		}
		k->src[i] = arena_strdup(&k->mem, c->site.v[i]);
	}
}

/* site.KEY for every setting templates see, site.GROUP_any for each group
 * of checkboxes, and site.year (the footer's). */
static struct tv *
site_values(struct ctx *c)
{
	const struct setting_def	*d;
	struct tv			*site;
	int				 i, year, month, any[SG__MAX];

	memset(any, 0, sizeof(any));
	site_markdown(c);
	site = tv_map(c->a);
	for (i = 0; i < SET__MAX; i++) {
		d = setting_def(i);
		switch (d->kind) {
		case SK_INTERNAL:
			break;
		case SK_CHECK:
			tv_bool(c->a, site, d->key, setting_on(&c->site, i));
			any[d->group] |= setting_on(&c->site, i);
			break;
		case SK_MARKDOWN:
			tv_html(c->a, site, d->key, c->app->view->html[i]);
			break;
		default:
			tv_text(c->a, site, d->key, c->site.v[i]);
			break;
		}
	}
	for (i = SG_NONE + 1; i < SG__MAX; i++)
		tv_bool(c->a, site, arena_printf(c->a, "%s_any",
		    setting_group_key(i)), any[i]);
	date_year_month(c->now, &year, &month);
	tv_int(c->a, site, "year", year);
	return site;
}

/* The page's own address: its path and the query fields its route takes
 * (an older home page is not the home page), nothing else. */
static const char *
canonical(struct ctx *c)
{
	/* The revision a page was asked at (?r=) is the author's, not part
	 * of its address. */
	return route_canonical(c->a, c->req->path, c->req->query,
	    c->query & ~(1u << QF_R));
}

/* What search engines and social networks read (_head.html): the
 * description, OpenGraph's and Twitter's titles and type, and for an
 * article its times, tags and JSON-LD. A page of no post (p NULL) is
 * described by the site's subtitle. */
static void
page_meta(struct ctx *c, struct tv *page, const char *title,
    const struct post *p, struct tv *tags)
{
	int		 article = p != NULL && p->kind == POST_ARTICLE;
	const char	*d;
	long long	 mod;

	tv_text(c->a, page, "og_title", title);
	tv_text(c->a, page, "og_type", article ? "article" : "website");
	tv_text(c->a, page, "description", c->site.v[SET_SUBTITLE]);
	/* A description that could not be read (logged) leaves the
	 * subtitle: the page is still worth serving. */
	if (p != NULL && (d = body_description(c, p)) != NULL)
		tv_text(c->a, page, "description", d);
	tv_bool(c->a, page, "article", article);
	/* article:tag, one {name} each. */
	tv_set(c->a, page, "tags", tags != NULL ? tags : tv_list(c->a));
	if (!article)
		return;
	mod = p->updated_at > p->published_at ? p->updated_at :
	    p->published_at;
	tv_text(c->a, page, "published", date_iso(c->a, p->published_at));
	tv_text(c->a, page, "modified", date_iso(c->a, mod));
	tv_text(c->a, page, "author", view_author(c, p));
}

static struct tv *
page_root(struct ctx *c, const char *title, const struct post *p,
    struct tv *tags)
{
	struct tv	*root, *page;
	const char	*site_title = c->site.v[SET_TITLE];
	int		 titled = title != NULL && *title != '\0', full;

	root = tv_map(c->a);
	tv_set(c->a, root, "site", site_values(c));
	tv_text(c->a, root, "static_v", c->app->view->static_v);
	/* A tag page links its own feeds too (h_tag.c): "/tag/SLUG/feed". */
	tv_text(c->a, root, "tag_feed", "");
	tv_text(c->a, root, "tag_feed_title", "");
	page = tv_map(c->a);
	if (titled)
		tv_text(c->a, page, "title", arena_printf(c->a, "%s \xe2\x80\x93 %s",
		    title, site_title));
	else
		tv_text(c->a, page, "title", site_title);
	tv_text(c->a, page, "canonical", c->req->path != NULL ?
	    view_abs_url(c, canonical(c)) : "");
	page_meta(c, page, titled ? title : site_title, p, tags);
	tv_set(c->a, root, "page", page);
	/* The disclaimer in full where the settings say, else a link to
	 * /disclaimer (h_disclaimer.c clears both: it is the page). */
	full = strcmp(c->site.v[SET_DISCLAIMER_WHERE], "everywhere") == 0 ||
	    (p != NULL && p->kind == POST_ARTICLE);
	tv_bool(c->a, root, "disclaimer_full", full);
	tv_bool(c->a, root, "disclaimer_link", !full);
	view_nav(c, root, NULL);
	return root;
}

struct tv *
view_page(struct ctx *c, const char *title)
{
	return page_root(c, title, NULL, NULL);
}

struct tv *
view_post_page(struct ctx *c, const struct post *p, struct tv *tags)
{
	return page_root(c, p->title, p, tags);
}

struct tv *
view_admin_page(struct ctx *c, const char *title)
{
	struct tv	*root, *user;
	const char	*done = c->req->query[QF_DONE];
	size_t		 i;

	root = view_page(c, title != NULL ? arena_printf(c->a, "%s (admin)",
	    title) : "Admin");
	tv_bool(c->a, root, "signed_in", c->signed_in);
	tv_text(c->a, root, "csrf", c->csrf);
	user = tv_map(c->a);
	tv_text(c->a, user, "login", c->user.login);
	tv_text(c->a, user, "name", c->user.name != NULL &&
	    *c->user.name != '\0' ? c->user.name : c->user.login);
	tv_set(c->a, root, "user", user);
	tv_text(c->a, root, "notice", "");
	tv_text(c->a, root, "fault", "");	/* view_fault()'s, if any */
	for (i = 0; done != NULL && i < sizeof(notices) / sizeof(notices[0]);
	    i++)
		if (strcmp(done, notices[i].key) == 0)
			tv_text(c->a, root, "notice", notices[i].text);
	return root;
}

/* The site menu's entries (templates/_head.html). */
static const char *const nav_items[] = { "home", "archive", "about",
    "contribute" };

void
view_nav(struct ctx *c, struct tv *root, const char *name)
{
	struct tv	*nav;
	size_t		 i;

	nav = tv_map(c->a);
	for (i = 0; i < sizeof(nav_items) / sizeof(nav_items[0]); i++)
		tv_bool(c->a, nav, nav_items[i], name != NULL &&
		    strcmp(name, nav_items[i]) == 0);
	tv_set(c->a, root, "nav", nav);
}

int
view_render(struct ctx *c, enum page_tmpl t, struct tv *root)
{
	if (tmpl_render(c->app->tmpl, c->app->tmpl_idx[t], root,
	    &c->resp->body) == -1)
		return 500;
	return c->resp->status;
}

/* What a refused POST carried that the author typed, to copy back. */
static struct tv *
kept(struct ctx *c)
{
	const struct setting_def	*d;
	struct tv			*list, *m;
	size_t				 i;

	list = tv_list(c->a);
	if (c->req->method != METHOD_POST)
		return list;
	for (i = 0; i < sizeof(kept_fields) / sizeof(kept_fields[0]); i++) {
		if (*req_form(c->req, kept_fields[i].field) == '\0')
			continue;
		m = tv_list_add(c->a, list);
		tv_text(c->a, m, "label", kept_fields[i].label);
		tv_text(c->a, m, "name", req_ffield_name(kept_fields[i].field));
		tv_text(c->a, m, "value", req_form(c->req, kept_fields[i].field));
	}
	for (i = 0; i < SET__MAX; i++) {
		d = setting_def(i);
		if ((d->kind != SK_MARKDOWN && d->kind != SK_TEXT) ||
		    c->req->setting[i] == NULL ||
		    *c->req->setting[i] == '\0')
			continue;
		m = tv_list_add(c->a, list);
		tv_text(c->a, m, "label", d->label);
		tv_text(c->a, m, "name", d->field);
		tv_text(c->a, m, "value", c->req->setting[i]);
	}
	return list;
}

int
view_error(struct ctx *c, int status, const char *message)
{
	struct tv	*root, *err;
	int		 admin = c->kind != RK_READER;

	buf_reset(&c->resp->body);
	c->resp->status = status;
	root = admin ? view_admin_page(c, resp_status_text(status)) :
	    view_page(c, resp_status_text(status));
	err = tv_map(c->a);
	tv_int(c->a, err, "status", status);
	tv_text(c->a, err, "title", resp_status_text(status));
	tv_text(c->a, err, "message", message);
	tv_bool(c->a, err, "not_found", status == 404);
	tv_set(c->a, err, "kept", kept(c));
	tv_set(c->a, root, "error", err);
	if (view_render(c, admin ? T_ADMIN_ERROR : T_ERROR, root) == 500)
		return 500;
	return status;
}

const char *
view_fault(struct ctx *c, const char *lead, const char *then)
{
	if (!db_fault_passing(c->app->db))
		return NULL;
	return arena_printf(c->a, "%s: %s. %s", lead,
	    db_fault_text(db_fault(c->app->db)), then);
}

int
view_see_other(struct ctx *c, const char *to)
{
	resp_header(c->resp, "Location", to);
	return 303;
}

void
view_field(struct ctx *c, struct tv *values, struct tv *errors,
    const char *name, const char *value, const char *error)
{
	tv_text(c->a, values, name, value);
	if (error != NULL)
		tv_text(c->a, errors, name, error);
}

char *
view_admin_url(struct ctx *c, const struct post *p, const char *tail)
{
	static const char *const paths[POST__KINDS] = {
		"articles",	/* POST_ARTICLE */
		"pages",	/* POST_PAGE */
	};

	if (p->id == 0)
		return arena_printf(c->a, "/admin/%s/new", paths[p->kind]);
	return arena_printf(c->a, "/admin/%s/%lld%s", paths[p->kind], p->id,
	    tail);
}

char *
view_fresh_url(struct ctx *c, const struct post *p)
{
	return arena_printf(c->a, "%s?r=%lld", post_path(c->a, p),
	    p->revision);
}

const char *
view_author(struct ctx *c, const struct post *p)
{
	return *p->author != '\0' ? p->author : c->site.v[SET_AUTHOR];
}

struct tv *
view_article(struct ctx *c, const struct post *p, struct safe_html body,
    long long minutes)
{
	struct tv	*m;
	int		 y, mo;

	m = tv_map(c->a);
	tv_text(c->a, m, "title", p->title);
	tv_html(c->a, m, "body", body);
	if (p->kind == POST_PAGE)
		return m;
	date_year_month(p->published_at, &y, &mo);
	tv_text(c->a, m, "date", date_human(c->a, p->published_at));
	tv_text(c->a, m, "datetime", date_iso(c->a, p->published_at));
	tv_text(c->a, m, "author", view_author(c, p));
	tv_int(c->a, m, "minutes", minutes);
	tv_text(c->a, m, "abs_url", view_abs_url(c, post_path(c->a, p)));
	tv_text(c->a, m, "archive_url", arena_printf(c->a, "/archive/%d/%02d",
	    y, mo));
	tv_text(c->a, m, "archive_month", arena_printf(c->a, "%s %d",
	    date_month_name(mo), y));
	return m;
}

struct tv *
view_list_item(struct ctx *c, struct tv *list, const struct post *p)
{
	struct tv	*m;

	m = tv_list_add(c->a, list);
	tv_text(c->a, m, "title", p->title);
	tv_text(c->a, m, "url", post_path(c->a, p));
	tv_text(c->a, m, "date", date_human(c->a, p->published_at));
	tv_text(c->a, m, "datetime", date_iso(c->a, p->published_at));
	tv_text(c->a, m, "author", view_author(c, p));
	return m;
}
