/*
 * gate: sessions are 32 random bytes in a cookie (HttpOnly, SameSite=
 * Strict, Path=/admin, Secure over HTTPS); the database keeps only their
 * digest. The CSRF token is a keyed hash of the session's token, so it
 * needs no storage and dies with the session. A device cookie (OWASP's
 * "device cookies") names the user and a random device id, signed with a
 * key kept in the database; it outlives sessions and sign-outs.
 */
#include <string.h>
#include <strings.h>

#include "auth.h"
#include "db_secret.h"
#include "db_session.h"
#include "gate.h"
#include "view.h"

/* A cookie of the admin (the session's, the device's), set or cleared;
 * everything but its name, value and age fixed. */
static void
cookie(struct ctx *c, const char *name, const char *value, long long max_age)
{
	resp_header(c->resp, "Set-Cookie", arena_printf(c->a,
	    "%s=%s; Path=/admin; Max-Age=%lld; HttpOnly; SameSite=Strict%s",
	    name, value, max_age, c->req->https ? "; Secure" : ""));
}

int
gate_session(struct ctx *c)
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

int
gate_sign_in(struct ctx *c, const struct user *u)
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
	cookie(c, REQ_COOKIE, token, ttl);
	c->user = *u;
	c->signed_in = 1;
	auth_csrf(token, c->csrf);
	return 0;
}

int
gate_sign_out(struct ctx *c)
{
	unsigned char	 digest[AUTH_DIGEST];

	if (c->req->session != NULL &&
	    auth_token_digest(c->req->session, digest) == 0 &&
	    db_session_del(c->app->db, digest) == -1)
		return -1;
	gate_clear_cookie(c);
	return 0;
}

void
gate_clear_cookie(struct ctx *c)
{
	cookie(c, REQ_COOKIE, "", 0);
}

#define DEVICE_AGE	(365LL * 86400)	/* seconds a device cookie lasts */

/* The key device cookies are signed with, made on first use. */
static int
device_key(struct ctx *c, unsigned char key[AUTH_KEY])
{
	unsigned char	 fresh[AUTH_KEY];

	auth_new_key(fresh);
	return db_secret(c->app->db, "device", key, AUTH_KEY, fresh);
}

int
gate_device(struct ctx *c, long long uid, char id[AUTH_DEVICE_ID + 1])
{
	unsigned char	 key[AUTH_KEY];

	if (c->req->device == NULL)
		return 0;
	if (device_key(c, key) == -1)
		return -1;
	return auth_device_check(key, uid, c->req->device, id);
}

int
gate_device_issue(struct ctx *c, long long uid, int known)
{
	unsigned char	 key[AUTH_KEY];
	char		 value[AUTH_DEVICE_MAX];

	/* Checked already (gate_device()): not read or signed again. */
	if (known) {
		cookie(c, REQ_DEVICE_COOKIE, c->req->device, DEVICE_AGE);
		return 0;
	}
	if (device_key(c, key) == -1)
		return -1;
	auth_device_new(key, uid, value);
	cookie(c, REQ_DEVICE_COOKIE, value, DEVICE_AGE);
	return 0;
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

int
gate_check(struct ctx *c)
{
	const char	*next;

	if (c->kind == RK_SIGNIN) {
		/* No session yet to tie a token to; a browser posting from
		 * another site says so in Origin. */
		if (c->req->method == METHOD_POST && c->req->origin != NULL &&
		    !same_origin(c, c->req->origin))
			return view_error(c, 403, "This form can only be sent "
			    "from this site.");
		return 0;
	}
	if (!c->signed_in) {
		if (c->req->method == METHOD_POST)
			return view_error(c, 403, "You are not signed in (or "
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
		return view_error(c, 403, "This form has expired or did not "
		    "come from this site, so nothing was changed. Reload the "
		    "page and try again; what you typed is below.");
	return 0;
}
