/*
 * app: the request pipeline. Every response, error pages included, leaves
 * through app_handle(), which adds the site-wide headers and the access log
 * line, then resets the arena.
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <sodium.h>

#include "app.h"
#include "auth.h"
#include "clock.h"
#include "date.h"
#include "embed.h"
#include "log.h"
#include "markdown.h"
#include "route.h"
#include "version.h"

/* Response buffers up to this size are kept for the next request. */
#define APP_KEEP_BYTES	(1024 * 1024)

static const char *const tmpl_names[T__MAX] = {
	"home",		/* T_HOME */
	"archive",	/* T_ARCHIVE */
	"article",	/* T_ARTICLE */
	"page",		/* T_PAGE */
	"error",	/* T_ERROR */
	"admin/login",	/* T_ADMIN_LOGIN */
	"admin/list",	/* T_ADMIN_LIST */
	"admin/edit",	/* T_ADMIN_EDIT */
	"admin/delete",	/* T_ADMIN_DELETE */
	"admin/settings", /* T_ADMIN_SETTINGS */
	"admin/account", /* T_ADMIN_ACCOUNT */
	"admin/error",	/* T_ADMIN_ERROR */
};

/* Reader pages run no script and embed no frame; images may come from
 * anywhere an author links to. */
static const char csp_public[] =
    "default-src 'self'; img-src 'self' https: http: data:; "
    "script-src 'none'; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'";

/* The admin: the same, and nothing of it kept by any cache or shown in
 * another site's frame. */
static const char csp_admin[] =
    "default-src 'self'; img-src 'self' https: http: data:; "
    "script-src 'none'; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'";

/* Fields worth giving back when a POST is refused: what an author typed. */
static const struct {
	enum req_ffield	 field;
	const char	*label;
} kept_fields[] = {
	{ FF_TITLE, "Title" },
	{ FF_EXCERPT, "Excerpt" },
	{ FF_BODY, "Body" },
	{ FF_SITE_NOTE, "Contribution note" },
	{ FF_SITE_DISCLAIMER, "Disclaimer" },
};

int
app_init(struct app *app, const struct config *cfg)
{
	int	 i;

	memset(app, 0, sizeof(*app));
	app->cfg = cfg;
	arena_init(&app->arena);
	arena_init(&app->site_md.mem);
	resp_init(&app->resp);
	if (cfg->templates_dir != NULL)
		app->tmpl = tmpl_set_load_dir(cfg->templates_dir);
	else
		app->tmpl = tmpl_set_load_mem(embed_templates,
		    embed_templates_n, "templates");
	if (app->tmpl == NULL)
		return -1;
	app->started = clock_now();
	for (i = 0; i < T__MAX; i++)
		if ((app->tmpl_idx[i] = tmpl_find(app->tmpl,
		    tmpl_names[i])) == -1) {
			log_err("templates: %s.html is missing", tmpl_names[i]);
			return -1;
		}
	return 0;
}

int
app_open_db(struct app *app)
{
	if ((app->db = db_open(app->cfg->db_path, 0)) == NULL)
		return -1;
	if (db_migrate(app->db) == -1 || db_prepare(app->db) == -1) {
		db_close(app->db);
		app->db = NULL;
		return -1;
	}
	return 0;
}

void
app_free(struct app *app)
{
	db_close(app->db);
	tmpl_set_free(app->tmpl);
	arena_free(&app->arena);
	arena_free(&app->site_md.mem);
	resp_free(&app->resp);
	memset(app, 0, sizeof(*app));
}

char *
app_abs_url(struct ctx *c, const char *path)
{
	const char	*base = c->site.v[SET_BASE_URL];
	size_t		 len = strlen(base);

	while (len > 0 && base[len - 1] == '/')
		len--;
	if (len > 0)
		return arena_printf(c->a, "%.*s%s", (int)len, base, path);
	return arena_printf(c->a, "%s://%s%s", c->req->https ? "https" : "http",
	    c->req->host != NULL ? c->req->host : "localhost", path);
}

/* Percent-encoded copy of s, for a query component. */
static const char *
pct(struct ctx *c, const char *s)
{
	struct buf	 b;
	const char	*res;

	buf_init(&b);
	html_pct(&b, s, strlen(s));
	res = arena_strndup(c->a, b.len > 0 ? b.data : "", b.len);
	buf_free(&b);
	return res;
}

/*
 * The site's note and disclaimer, rendered; empty on failure (logged).
 * Every page shows both, and rendering them costs a fifth of an article
 * page, so a worker keeps what it rendered. The key is the Markdown itself,
 * as read from the database for this request: a settings change (by any
 * worker) shows on the next page, with nothing to invalidate. A change of
 * either re-renders both, in the reset arena, before any page holds them.
 */
static void
site_md(struct ctx *c, struct tv *site)
{
	static const char *const keys[SITE_MD__MAX] = {
		"note",		/* SITE_MD_NOTE */
		"disclaimer",	/* SITE_MD_DISCLAIMER */
	};
	struct site_md_cache	*k = &c->app->site_md;
	const char		*md[SITE_MD__MAX];
	int			 i, fresh = 1;

	md[SITE_MD_NOTE] = c->site.v[SET_CONTRIBUTE];
	md[SITE_MD_DISCLAIMER] = c->site.v[SET_DISCLAIMER];
	for (i = 0; i < SITE_MD__MAX; i++)
		if (k->src[i] == NULL || strcmp(k->src[i], md[i]) != 0)
			fresh = 0;
	if (!fresh) {
		arena_reset(&k->mem);
		for (i = 0; i < SITE_MD__MAX; i++) {
			k->src[i] = NULL;
			k->html[i] = (struct safe_html){ "", 0 };
		}
		for (i = 0; i < SITE_MD__MAX; i++) {
			if (md_render(&k->mem, md[i], strlen(md[i]),
			    &k->html[i]) == -1) {
				/* Not kept: tried again on the next page. */
				k->html[i] = (struct safe_html){ "", 0 };
				continue;
			}
			k->src[i] = arena_strdup(&k->mem, md[i]);
		}
	}
	for (i = 0; i < SITE_MD__MAX; i++)
		tv_html(c->a, site, keys[i], k->html[i]);
}

/* The page's own address: its path and the declared query fields it was
 * given (an older home page is not the home page), nothing else. */
static const char *
canonical(struct ctx *c)
{
	struct buf	 b;
	const char	*res;
	int		 i, n = 0;

	buf_init(&b);
	buf_puts(&b, c->req->path);
	for (i = 0; i < QF__MAX; i++) {
		if (c->req->query[i] == NULL)
			continue;
		buf_putc(&b, n++ == 0 ? '?' : '&');
		buf_puts(&b, req_qfield_name((enum req_qfield)i));
		buf_putc(&b, '=');
		html_pct(&b, c->req->query[i], strlen(c->req->query[i]));
	}
	res = arena_strndup(c->a, b.data, b.len);
	buf_free(&b);
	return res;
}

struct tv *
app_page(struct ctx *c, const char *title)
{
	struct tv	*root, *site, *page;
	int		 year, month, share_x, share_li, share_fb;

	root = tv_map(c->a);
	site = tv_map(c->a);
	tv_text(c->a, site, "title", c->site.v[SET_TITLE]);
	tv_text(c->a, site, "subtitle", c->site.v[SET_SUBTITLE]);
	site_md(c, site);
	date_year_month(c->now, &year, &month);
	tv_int(c->a, site, "year", year);
	share_x = strcmp(c->site.v[SET_SHARE_X], "1") == 0;
	share_li = strcmp(c->site.v[SET_SHARE_LINKEDIN], "1") == 0;
	share_fb = strcmp(c->site.v[SET_SHARE_FACEBOOK], "1") == 0;
	tv_bool(c->a, site, "share_x", share_x);
	tv_bool(c->a, site, "share_linkedin", share_li);
	tv_bool(c->a, site, "share_facebook", share_fb);
	tv_bool(c->a, site, "share_any", share_x || share_li || share_fb);
	tv_set(c->a, root, "site", site);

	page = tv_map(c->a);
	if (title != NULL && *title != '\0')
		tv_text(c->a, page, "title", arena_printf(c->a, "%s \xe2\x80\x93 %s",
		    title, c->site.v[SET_TITLE]));
	else
		tv_text(c->a, page, "title", c->site.v[SET_TITLE]);
	if (c->req->path != NULL)
		tv_text(c->a, page, "canonical", app_abs_url(c, canonical(c)));
	tv_set(c->a, root, "page", page);
	return root;
}

int
app_render(struct ctx *c, enum page_tmpl t, struct tv *root)
{
	if (tmpl_render(c->app->tmpl, c->app->tmpl_idx[t], root,
	    &c->resp->body) == -1)
		return 500;
	return c->resp->status;
}

const char *
app_form(struct ctx *c, enum req_ffield f)
{
	return c->req->form[f] != NULL ? c->req->form[f] : "";
}

int
app_error(struct ctx *c, int status, const char *message)
{
	struct tv	*root, *err, *kept, *m;
	size_t		 i;

	buf_reset(&c->resp->body);
	c->resp->status = status;
	root = app_page(c, resp_status_text(status));
	err = tv_map(c->a);
	tv_int(c->a, err, "status", status);
	tv_text(c->a, err, "title", resp_status_text(status));
	tv_text(c->a, err, "message", message);
	tv_bool(c->a, err, "not_found", status == 404);
	/* A refused POST loses nothing: what was typed is shown to copy. */
	kept = tv_list(c->a);
	for (i = 0; c->req->method == METHOD_POST &&
	    i < sizeof(kept_fields) / sizeof(kept_fields[0]); i++) {
		if (*app_form(c, kept_fields[i].field) == '\0')
			continue;
		m = tv_list_add(c->a, kept);
		tv_text(c->a, m, "label", kept_fields[i].label);
		tv_text(c->a, m, "name", req_ffield_name(kept_fields[i].field));
		tv_text(c->a, m, "value", app_form(c, kept_fields[i].field));
	}
	tv_set(c->a, err, "kept", kept);
	tv_set(c->a, root, "error", err);
	if (c->flags & (RF_ADMIN | RF_LOGIN)) {
		tv_bool(c->a, root, "signed_in", c->signed_in);
		tv_text(c->a, root, "csrf", c->csrf);
		return app_render(c, T_ADMIN_ERROR, root) == 500 ? 500 : status;
	}
	if (app_render(c, T_ERROR, root) == 500)
		return 500;
	return status;
}

int
app_sign_in(struct ctx *c, const struct user *u)
{
	unsigned char	 digest[AUTH_DIGEST];
	char		 token[AUTH_TOKEN_HEX + 1];
	long long	 ttl = (long long)c->app->cfg->session_hours * 3600;

	/* Signing in again ends the session the browser had. */
	if (c->req->session != NULL &&
	    auth_token_digest(c->req->session, digest) == 0 &&
	    db_session_del(c->app->db, digest) == -1)
		return -1;
	auth_new_token(token);
	if (auth_token_digest(token, digest) == -1 ||
	    db_session_add(c->app->db, digest, u->id, c->now,
	    c->now + ttl) == -1)
		return -1;
	resp_header(c->resp, "Set-Cookie", arena_printf(c->a,
	    "%s=%s; Path=/admin; Max-Age=%lld; HttpOnly; SameSite=Strict%s",
	    REQ_COOKIE, token, ttl, c->req->https ? "; Secure" : ""));
	c->user = *u;
	c->signed_in = 1;
	auth_csrf(token, c->csrf);
	return 0;
}

/* Finds the session of the request's cookie, if it is alive. */
static int
find_session(struct ctx *c)
{
	unsigned char	 digest[AUTH_DIGEST];
	int		 rc;

	if (c->req->session == NULL ||
	    auth_token_digest(c->req->session, digest) == -1)
		return 0;
	if ((rc = db_session_user(c->app->db, c->a, digest, c->now,
	    &c->user)) != 1)
		return rc;
	c->signed_in = 1;
	auth_csrf(c->req->session, c->csrf);
	return 1;
}

/* Reads and parses a POST body within the limit. 0, or the status. */
static int
read_form(struct ctx *c, struct req *req, app_read_fn rd, void *rctx,
    const char **why)
{
	char		*body;
	size_t		 got = 0;
	long		 n;

	if (req->content_length < 0) {
		*why = "A request with a body must say its length.";
		return 411;
	}
	/* Refused before a byte of the body is read. */
	if (req->content_length > c->app->cfg->max_body) {
		*why = arena_printf(c->a, "The request is larger than the %lld "
		    "bytes this site accepts.", c->app->cfg->max_body);
		return 413;
	}
	if (strncmp(req->content_type, "application/x-www-form-urlencoded",
	    33) != 0) {
		*why = "Forms must be sent as application/x-www-form-urlencoded.";
		return 415;
	}
	body = arena_alloc(c->a, (size_t)req->content_length + 1);
	while (got < (size_t)req->content_length) {
		if ((n = rd(rctx, body + got, (size_t)req->content_length -
		    got)) <= 0) {
			*why = "The request body ended early.";
			return 400;
		}
		got += (size_t)n;
	}
	body[got] = '\0';
	return req_parse_form(req, c->a, body, got, why);
}

/* Whether origin ("https://host[:port]", as a browser sends it) is this
 * site: the address the request came to, or that of the base URL (which
 * may differ behind a proxy). Hosts are compared without case; a base URL
 * that is wrong or moved must not lock every author out of the sign-in. */
static int
same_origin(struct ctx *c, const char *origin)
{
	const char	*base = c->site.v[SET_BASE_URL], *p;
	size_t		 n;

	if (c->req->host != NULL && strcasecmp(origin, arena_printf(c->a,
	    "%s://%s", c->req->https ? "https" : "http", c->req->host)) == 0)
		return 1;
	if ((p = strstr(base, "://")) == NULL)
		return 0;
	n = (size_t)(p + 3 - base) + strcspn(p + 3, "/?#");
	return strlen(origin) == n && strncasecmp(origin, base, n) == 0;
}

/* The admin's gate: a session for RF_ADMIN, the CSRF token for its
 * POSTs, the Origin for the sign-in form. 0 to go on, else the status. */
static int
admin_gate(struct ctx *c)
{
	const char	*next;

	if (c->flags & RF_LOGIN) {
		/* No session yet to tie a token to; a browser posting from
		 * another site says so in Origin. */
		if (c->req->method == METHOD_POST && c->req->origin != NULL &&
		    !same_origin(c, c->req->origin))
			return app_error(c, 403, "This form can only be sent "
			    "from this site.");
		return 0;
	}
	if (!c->signed_in) {
		if (c->req->method == METHOD_POST)
			return app_error(c, 403, "You are not signed in (or "
			    "your session has ended), so nothing was saved. "
			    "Sign in again in another tab, then send this "
			    "again; what you typed is below.");
		next = *c->req->query_string != '\0' ? arena_printf(c->a,
		    "%s?%s", c->req->path, c->req->query_string) : c->req->path;
		resp_header(c->resp, "Location", arena_printf(c->a,
		    "/admin/login?next=%s", pct(c, next)));
		return 303;
	}
	if (c->req->method == METHOD_POST && (c->req->form[FF_CSRF] == NULL ||
	    c->req->form_err[FF_CSRF] != NULL ||
	    !auth_equal(c->req->form[FF_CSRF], c->csrf)))
		return app_error(c, 403, "This form has expired or did not "
		    "come from this site, so nothing was changed. Reload the "
		    "page and try again; what you typed is below.");
	return 0;
}

/* The last resort: no template, no database. */
static void
plain_500(struct resp *r)
{
	resp_reset(r);
	r->status = 500;
	r->ctype = "text/plain; charset=utf-8";
	buf_puts(&r->body, "500 Internal Server Error\n"
	    "The server could not answer this request; it has been logged.\n");
}

/* "/archive/" and the like: send the reader to the address without the
 * trailing slash when a page is there (the handler answers 200 for it).
 * Returns 301 when redirected, else 0. Rare, so rendering once to find
 * out costs nothing that matters. */
static int
redirect_slash(struct ctx *c, struct req *req)
{
	struct route_match	 m;
	const char		*orig = req->path, *to;
	size_t			 len = strlen(orig);
	int			 i, status;

	while (len > 1 && orig[len - 1] == '/')
		len--;
	if (len == strlen(orig) || len == 1)
		return 0;
	to = arena_strndup(c->a, orig, len);
	if (route_match(c->a, to, req->method, &m) != 0)
		return 0;
	/* Admin pages are not run to find out: they need their gate. */
	if (m.flags != 0)
		goto redirect;
	for (i = 0; i < ROUTE_ARGS_MAX; i++)
		c->args[i] = m.args[i];
	req->path = to;
	status = m.handler(c);
	req->path = orig;
	resp_reset(c->resp);
	if (status != 200)
		return 0;
redirect:
	if (*req->query_string != '\0')
		to = arena_printf(c->a, "%s?%s", to, req->query_string);
	resp_header(c->resp, "Location", app_abs_url(c, to));
	return 301;
}

/* The strong ETag of a reader page: the binary, the templates, every
 * setting, the address and what the page's stamp says it shows. */
static const char *
etag(struct ctx *c)
{
	crypto_generichash_state	 h;
	unsigned char			 out[16];
	char				 hex[sizeof(out) * 2 + 1];
	unsigned long long		 fp;
	int				 i, year, month;

	crypto_generichash_init(&h, NULL, 0, sizeof(out));
	crypto_generichash_update(&h, (const unsigned char *)QUIRE_VERSION,
	    sizeof(QUIRE_VERSION));
	fp = tmpl_set_fingerprint(c->app->tmpl);
	crypto_generichash_update(&h, (const unsigned char *)&fp, sizeof(fp));
	/* The footer's year. */
	date_year_month(c->now, &year, &month);
	crypto_generichash_update(&h, (const unsigned char *)&year,
	    sizeof(year));
	/* What the settings say, not when they or the content changed:
	 * the times only set Last-Modified's floor. */
	for (i = 0; i < SET__MAX; i++)
		if (i != SET_UPDATED_AT && i != SET_CHANGED_AT)
			crypto_generichash_update(&h,
			    (const unsigned char *)c->site.v[i],
			    strlen(c->site.v[i]) + 1);
	crypto_generichash_update(&h, (const unsigned char *)c->req->path,
	    strlen(c->req->path) + 1);
	for (i = 0; i < QF__MAX; i++)
		if (c->req->query[i] != NULL)
			crypto_generichash_update(&h,
			    (const unsigned char *)c->req->query[i],
			    strlen(c->req->query[i]) + 1);
	crypto_generichash_update(&h, (const unsigned char *)c->stamp.key,
	    strlen(c->stamp.key));
	crypto_generichash_final(&h, out, sizeof(out));
	sodium_bin2hex(hex, sizeof(hex), out, sizeof(out));
	return arena_printf(c->a, "\"%s\"", hex);
}

/* Does an If-None-Match list hold tag (or "*")? Weak comparison, as the
 * standard asks for GET. */
static int
etag_listed(const char *list, const char *tag)
{
	const char	*p = list, *q;
	size_t		 tlen = strlen(tag);

	while (*p != '\0') {
		while (*p == ' ' || *p == ',' || *p == '\t')
			p++;
		if (*p == '*')
			return 1;
		if (strncmp(p, "W/", 2) == 0)
			p += 2;
		q = p + strcspn(p, ",");
		while (q > p && (q[-1] == ' ' || q[-1] == '\t'))
			q--;
		if ((size_t)(q - p) == tlen && strncmp(p, tag, tlen) == 0)
			return 1;
		p += strcspn(p, ",");
	}
	return 0;
}

static const char *
http_date(struct ctx *c, long long t)
{
	char		 s[40];
	time_t		 tt = (time_t)t;
	struct tm	 tm;

	gmtime_r(&tt, &tm);
	strftime(s, sizeof(s), "%a, %d %b %Y %H:%M:%S GMT", &tm);
	return arena_strdup(c->a, s);
}

/* Sets the validators of a stamped page; 1 if the request already has
 * this version (answer 304, render nothing), else 0. */
static int
conditional(struct ctx *c)
{
	const char	*tag = etag(c);
	long long	 lm = c->stamp.last_mod;

	/* Settings and templates show on every page; and any change of
	 * content (an article leaving a page too) is a floor, so that the
	 * time never goes back. */
	if (atoll(c->site.v[SET_UPDATED_AT]) > lm)
		lm = atoll(c->site.v[SET_UPDATED_AT]);
	if (atoll(c->site.v[SET_CHANGED_AT]) > lm)
		lm = atoll(c->site.v[SET_CHANGED_AT]);
	if (c->app->started > lm)
		lm = c->app->started;
	resp_header(c->resp, "ETag", tag);
	resp_header(c->resp, "Last-Modified", http_date(c, lm));
	if (c->req->if_none_match != NULL)
		return etag_listed(c->req->if_none_match, tag);
	return c->req->if_modified_since >= lm;
}

static void
common_headers(struct ctx *c, int status)
{
	long long	 next, age;

	if (c->flags & (RF_ADMIN | RF_LOGIN)) {
		resp_header(c->resp, "Cache-Control", "no-store");
		resp_header(c->resp, "Content-Security-Policy", csp_admin);
		resp_header(c->resp, "Referrer-Policy", "same-origin");
		resp_header(c->resp, "X-Frame-Options", "DENY");
	} else {
		/* Reader pages may be kept by browsers and shared caches
		 * for max-age; anything else must be asked for again. */
		/* ...but never past the moment the next scheduled article
		 * goes live, which changes the home page and the archive. */
		age = c->app->cfg->max_age;
		if ((status == 200 || status == 301 || status == 304) &&
		    (next = db_next_scheduled(c->app->db, c->now)) > 0 &&
		    next - c->now < age)
			age = next - c->now;
		if (status == 200 || status == 301 || status == 304)
			resp_header(c->resp, "Cache-Control", arena_printf(c->a,
			    "public, max-age=%lld", age));
		else
			resp_header(c->resp, "Cache-Control", "no-cache");
		resp_header(c->resp, "Content-Security-Policy", csp_public);
		resp_header(c->resp, "Referrer-Policy",
		    "strict-origin-when-cross-origin");
	}
	resp_header(c->resp, "X-Content-Type-Options", "nosniff");
}

void
app_handle(struct app *app, char *const *env, app_read_fn rd, void *rctx,
    resp_write_fn wr, void *wctx)
{
	struct req		 req;
	struct ctx		 c;
	struct route_match	 m;
	struct timespec		 t0, t1;
	const char		*why;
	int			 status, i;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	memset(&c, 0, sizeof(c));
	c.app = app;
	c.a = &app->arena;
	c.req = &req;
	c.resp = &app->resp;
	c.now = clock_now();
	resp_reset(c.resp);

	status = req_parse(&req, c.a, env, &why);
	req_trust(&req, app->cfg->trust_proxy);
	/* Anything under /admin, even an error before a route matched, gets
	 * the admin's headers and pages. */
	if (strncmp(req.path != NULL ? req.path : req.target, "/admin", 6) == 0)
		c.flags = RF_LOGIN;
	if (db_settings(app->db, c.a, &c.site) == -1) {
		status = 500;
		goto send;
	}
	if (status != 0) {
		status = app_error(&c, status, why);
		goto send;
	}
	switch (route_match(c.a, req.path, req.method, &m)) {
	case 0:
		break;
	case 405:
		c.flags = m.flags;
		resp_header(c.resp, "Allow", m.allow);
		status = app_error(&c, 405, arena_printf(c.a,
		    "This address answers only %s requests.", m.allow));
		goto send;
	default:
		if ((status = redirect_slash(&c, &req)) == 301)
			goto send;
		status = app_error(&c, 404,
		    "There is no page at this address.");
		goto send;
	}
	c.flags = m.flags;
	for (i = 0; i < ROUTE_ARGS_MAX; i++)
		c.args[i] = m.args[i];
	if (req.method == METHOD_POST &&
	    (status = read_form(&c, &req, rd, rctx, &why)) != 0) {
		status = app_error(&c, status, why);
		goto send;
	}
	if (c.flags & (RF_ADMIN | RF_LOGIN)) {
		if (find_session(&c) == -1) {
			status = 500;
			goto send;
		}
		if ((status = admin_gate(&c)) != 0)
			goto send;
	}
	/* Conditional GET: one cheap query, then 304 or the page. */
	if (m.stamp != NULL && (req.method == METHOD_GET ||
	    req.method == METHOD_HEAD)) {
		if ((status = m.stamp(&c)) == 500)
			goto send;
		if (status == 0 && conditional(&c)) {
			status = 304;
			goto send;
		}
	}
	status = m.handler(&c);
	if (status >= 400 && status < 500 && c.resp->body.len == 0)
		status = app_error(&c, status, NULL);
send:
	if (status >= 500) {
		plain_500(c.resp);
		status = 500;
	}
	c.resp->status = status;
	common_headers(&c, status);
	if (resp_send(c.resp, req.method == METHOD_HEAD, wr, wctx) == -1)
		log_req(LOG_WARN, req.client_addr, req.method_name, req.target,
		    "client went away");
	clock_gettime(CLOCK_MONOTONIC, &t1);
	log_req(status >= 500 ? LOG_ERR : LOG_INFO, req.client_addr,
	    req.method_name, req.target, "%d %zu %.2fms", status,
	    c.resp->body.len, (double)(t1.tv_sec - t0.tv_sec) * 1e3 +
	    (double)(t1.tv_nsec - t0.tv_nsec) / 1e6);
	arena_reset(&app->arena);
	/* A rare huge page (the whole archive) must not keep its memory
	 * for the life of the worker. */
	if (c.resp->body.cap > APP_KEEP_BYTES)
		buf_free(&c.resp->body);
}
