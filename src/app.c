/*
 * app: the request pipeline. Every response, error pages included, leaves
 * through app_handle(), which adds the site-wide headers and the access log
 * line, then resets the arena.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app.h"
#include "clock.h"
#include "db_migrate.h"
#include "db_setting.h"
#include "db_snap.h"
#include "gate.h"
#include "h_redirect.h"
#include "httpcache.h"
#include "log.h"
#include "mediatype.h"
#include "multipart.h"
#include "rcache.h"
#include "route.h"
#include "sitecache.h"
#include "view.h"

/* Seconds a 503 asks the client to wait: the busy timeout again. */
#define APP_RETRY_AFTER	"5"

/* Response buffers up to this size are kept for the next request: a feed
 * in full (about 350 KB) is, a sitemap's year file (1 to 2 MB) is not, so
 * a worker stays within 8 MB (make bench). */
#define APP_KEEP_BYTES	(512 * 1024)

/* Reader pages run no script and embed no frame; images may come from
 * anywhere an author links to. The admin's pages are the same, and are
 * also never kept by a cache (httpcache.c) nor shown in another site's
 * frame (X-Frame-Options for older browsers). */
static const char csp[] =
    "default-src 'self'; img-src 'self' https: http: data:; "
    "script-src 'none'; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'";

int
app_init(struct app *app, const struct config *cfg)
{
	memset(app, 0, sizeof(*app));
	app->cfg = cfg;
	arena_init(&app->arena);
	resp_init(&app->resp);
	app->started = clock_now();
	app->site = sitecache_new();
	app->rcache = rcache_new((size_t)cfg->cache_mb * 1024 * 1024);
	return view_init(app);
}

int
app_open_db(struct app *app)
{
	if ((app->db = db_open(app->cfg->db_path, DB_READONLY_OK)) == NULL)
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
	sitecache_free(app->site);
	rcache_free(app->rcache);
	view_free(app);
	arena_free(&app->arena);
	resp_free(&app->resp);
	memset(app, 0, sizeof(*app));
}

/* Reads and parses a POST body within the limit. 0, or the status. */
static int
read_form(struct ctx *c, struct req *req, int upload, app_read_fn rd,
    void *rctx, const char **why)
{
	const char	*boundary = NULL;
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
	/* Only the upload form takes multipart/form-data. */
	if (!mediatype_form(req->content_type) && (!upload ||
	    (boundary = multipart_boundary(c->a, req->content_type)) == NULL)) {
		*why = upload ? "This form must be sent as multipart/form-data "
		    "(or application/x-www-form-urlencoded)." :
		    "Forms must be sent as application/x-www-form-urlencoded.";
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
	if (boundary != NULL)
		return req_parse_multipart(req, c->a, boundary, body, got, why);
	return req_parse_form(req, c->a, body, got, why);
}

/* A database that cannot take a write now (db_fault_passing()): plain,
 * like the 500, since the page's own template may need the database. */
static void
plain_503(struct resp *r, enum db_fault f)
{
	resp_reset(r);
	r->status = 503;
	r->ctype = "text/plain; charset=utf-8";
	buf_printf(&r->body, "503 Service Unavailable\n"
	    "Nothing was changed: %s. Please try again in a moment.\n",
	    db_fault_text(f));
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

static void
take_route(struct ctx *c, const struct route_match *m)
{
	int	 i;

	c->kind = m->kind;
	c->query = m->query;
	for (i = 0; i < ROUTE_ARGS_MAX; i++)
		c->args[i] = m->args[i];
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
	int			 status;

	while (len > 1 && orig[len - 1] == '/')
		len--;
	if (len == strlen(orig) || len == 1)
		return 0;
	to = arena_strndup(c->a, orig, len);
	if (route_match(c->a, to, req->method, &m) != 0)
		return 0;
	/* Admin pages are not run to find out: they need their gate. */
	if (m.kind != RK_READER)
		goto redirect;
	take_route(c, &m);
	req->path = to;
	status = m.handler(c);
	req->path = orig;
	resp_reset(c->resp);
	c->kind = RK_READER;
	if (status != 200)
		return 0;
redirect:
	/* Straight to the canonical address: one hop, not two. */
	to = m.canonical ? route_canonical(c->a, to, req->query,
	    m.query & ~(1u << QF_R)) :
	    *req->query_string != '\0' ? arena_printf(c->a, "%s?%s", to,
	    req->query_string) : to;
	resp_header(c->resp, "Location", view_abs_url(c, to));
	return 301;
}

/*
 * A reader page asked for with a query it does not take (?r=1, a
 * parameter twice, another order, another spelling of the same value):
 * 301 to its canonical address (route_canonical()), so a cache keeps one
 * copy and a made-up parameter cannot make every view a miss. The
 * values were already checked at the edge, so a bad one is a 400 there,
 * never a redirect; the canonical address compares equal to itself, so
 * nothing loops. Returns 301, or 0 when the target is canonical.
 */
static int
canonical(struct ctx *c, const struct req *req)
{
	const char	*q[QF__MAX], *want, *qm;

	memcpy(q, req->query, sizeof(q));
	/* ?r=REVISION (the admin's View link, so the author sees what was
	 * saved and not a copy the browser kept) is the page's own only at
	 * the revision the stamp read: any other is made up or stale. */
	if (q[QF_R] != NULL && (c->stamp.rows == 0 ||
	    strtoll(q[QF_R], NULL, 10) != c->stamp.revision))
		q[QF_R] = NULL;
	want = route_canonical_query(c->a, q, c->query);
	/* The raw query as sent; "/archive?" has an empty one, but its
	 * bare '?' still makes another address for a cache. */
	qm = strchr(req->target, '?');
	if (strcmp(req->query_string, want) == 0 &&
	    (*want != '\0' || qm == NULL || qm[1] != '\0'))
		return 0;
	resp_header(c->resp, "Location", view_abs_url(c,
	    route_canonical(c->a, req->path, q, c->query)));
	return 301;
}

/* A reader's GET or HEAD that would be a 404: an old address (a
 * redirect, h_redirect.c) is answered first. 301, 500, or 0 for none. */
static int
old_address(struct ctx *c)
{
	if (c->kind != RK_READER || (c->req->method != METHOD_GET &&
	    c->req->method != METHOD_HEAD))
		return 0;
	return h_redirect(c);
}

/* Security headers, by who the page is for. */
static void
security_headers(struct ctx *c)
{
	resp_header(c->resp, "Content-Security-Policy", csp);
	if (c->kind != RK_READER) {
		resp_header(c->resp, "Referrer-Policy", "same-origin");
		resp_header(c->resp, "X-Frame-Options", "DENY");
	} else
		resp_header(c->resp, "Referrer-Policy",
		    "strict-origin-when-cross-origin");
	resp_header(c->resp, "X-Content-Type-Options", "nosniff");
}

/* Routes the request, then gate, 304 or handler. The status to send. */
static int
dispatch(struct ctx *c, struct req *req, app_read_fn rd, void *rctx)
{
	struct route_match	 m;
	const char		*why;
	int			 status, rc;

	switch (route_match(c->a, req->path, req->method, &m)) {
	case 0:
		break;
	case 405:
		c->kind = m.kind;
		resp_header(c->resp, "Allow", m.allow);
		return view_error(c, 405, arena_printf(c->a,
		    "This address answers only %s requests.", m.allow));
	default:
		if ((status = redirect_slash(c, req)) == 301 ||
		    (status = old_address(c)) != 0)
			return status;
		return view_error(c, 404, "There is no page at this address.");
	}
	take_route(c, &m);
	if (req->method == METHOD_POST &&
	    (status = read_form(c, req, m.upload, rd, rctx, &why)) != 0)
		return view_error(c, status, why);
	if (c->kind != RK_READER) {
		if (gate_session(c) == -1)
			return 500;
		if ((status = gate_check(c)) != 0)
			return status;
	}
	/* Conditional GET: one cheap query, then 304 or the page. A page
	 * that is there, asked for with a query it does not take, is sent
	 * to its canonical address first; one that is not goes on to its
	 * 404 or old address, which keeps no query (one hop). */
	if (m.stamp != NULL && (req->method == METHOD_GET ||
	    req->method == METHOD_HEAD)) {
		if ((status = m.stamp(c)) == 500)
			return 500;
		if (status == 0 && m.canonical &&
		    (rc = canonical(c, req)) != 0)
			return rc;
		if (status == 0 && httpcache_check(c))
			return 304;
	} else if (m.canonical && (rc = canonical(c, req)) != 0)
		return rc;
	status = m.handler(c);
	if (status == 404 && (rc = old_address(c)) != 0)
		status = rc;
	if (status >= 400 && status < 500 && c->resp->body.len == 0)
		status = view_error(c, status, NULL);
	return status;
}

void
app_handle(struct app *app, char *const *env, app_read_fn rd, void *rctx,
    resp_write_fn wr, void *wctx)
{
	struct req		 req;
	struct ctx		 c;
	struct timespec		 t0, t1;
	const char		*why;
	int			 status, site_ok, changed;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	memset(&c, 0, sizeof(c));
	c.app = app;
	c.a = &app->arena;
	c.req = &req;
	c.resp = &app->resp;
	c.now = clock_now();
	resp_reset(c.resp);
	db_fault_clear(app->db);

	status = req_parse(&req, c.a, env, &why);
	req_trust(&req, app->cfg->trust_proxy);
	/* Anything under /admin, even an error before a route matched, gets
	 * the admin's headers and pages. */
	if (strncmp(req.path != NULL ? req.path : req.target, "/admin", 6) == 0)
		c.kind = RK_SIGNIN;
	/* A reader's GET or HEAD reads one snapshot (db_snap.h); a snapshot
	 * that cannot begin only costs the saving. */
	if (c.kind != RK_SIGNIN && (req.method == METHOD_GET ||
	    req.method == METHOD_HEAD))
		(void)db_snap_begin(app->db);
	/* base_url in the configuration wins over the stored setting. */
	site_ok = sitecache_get(app->site, app->db, app->cfg->base_url,
	    &c.site, &changed) == 0;
	/* Written since: by quire, each body's revision moved with it; by
	 * anything else (sqlite3), nothing kept is trusted. */
	if (changed)
		rcache_clear(app->rcache);
	if (!site_ok)
		status = 500;
	else if (*c.site.v[SET_BASE_URL] == '\0') {
		/* Absolute URLs come from configuration only. */
		log_err("the site's base URL is not set: quire init --db FILE "
		    "--base-url https://your.site");
		status = 500;
	} else if (status != 0)
		status = view_error(&c, status, why);
	else
		status = dispatch(&c, &req, rd, rctx);
	if (db_snap_end(app->db) == -1 && status < 500)
		status = 500;
	/* Busy, full or read-only passes by itself: 503 and when to come
	 * back, with the page the handler drew if it drew one (the editor,
	 * the author's text kept). */
	if (status >= 500 && db_fault_passing(app->db) &&
	    (status != 503 || c.resp->body.len == 0)) {
		plain_503(c.resp, db_fault(app->db));
		status = 503;
	}
	/* A handler's own 503 (the sign-in when every password check slot
	 * is busy) passes as it is, with its own Retry-After. */
	if (status == 503) {
		if (!resp_has_header(c.resp, "Retry-After"))
			resp_header(c.resp, "Retry-After", APP_RETRY_AFTER);
	} else if (status >= 500) {
		plain_500(c.resp);
		status = 500;
	}
	c.resp->status = status;
	httpcache_control(&c, status);
	security_headers(&c);
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
