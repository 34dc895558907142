/*
 * h_admin_auth: every password check goes through password_attempt(),
 * which keeps brute force under a limit shared by every worker.
 */
#include <string.h>

#include "auth.h"
#include "db_failure.h"
#include "db_user.h"
#include "gate.h"
#include "h_admin_auth.h"
#include "log.h"
#include "view.h"

#define FAIL_WINDOW	(15 * 60)	/* seconds */
#define FAIL_MAX	5		/* failures per window, per key */

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
	    db_failure_clear(c->app->db, keys[0]) == -1)
		return -1;
	return ATTEMPT_RIGHT;
}

static int
login_form(struct ctx *c, int status, const char *login, const char *next,
    const char *error)
{
	struct tv	*root;

	root = view_admin_page(c, "Sign in");
	tv_text(c->a, root, "login", login);
	tv_text(c->a, root, "next", next);
	tv_text(c->a, root, "error", error);
	c->resp->status = status;
	return view_render(c, T_ADMIN_LOGIN, root);
}

int
h_admin_login(struct ctx *c)
{
	const struct req	*r = c->req;
	struct user		 u;
	const char		*login, *pw, *next;
	long long		 wait;
	int			 found;

	if (r->method != METHOD_POST) {
		if (c->signed_in)
			return view_see_other(c, "/admin");
		return login_form(c, 200, "", r->query[QF_NEXT] != NULL ?
		    r->query[QF_NEXT] : "", NULL);
	}
	login = req_form(r, FF_LOGIN);
	pw = req_form(r, FF_PASSWORD);
	next = r->form_err[FF_NEXT] == NULL && *req_form(r, FF_NEXT) ?
	    req_form(r, FF_NEXT) : "/admin";
	if (*login == '\0' || *pw == '\0' || r->form_err[FF_LOGIN] ||
	    r->form_err[FF_PASSWORD])
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
	if (gate_sign_in(c, &u) == -1)
		return 500;
	log_req(LOG_INFO, r->client_addr, "POST", r->target,
	    "signed in, login: %s", login);
	return view_see_other(c, next);
}

int
h_admin_logout(struct ctx *c)
{
	if (gate_sign_out(c) == -1)
		return 500;
	return view_see_other(c, "/admin/login?done=signedout");
}

/* A new password, checked; sets the error shown and returns 0, or 1 when
 * the password was changed (the caller signs the browser out), -1 on an
 * error. */
static int
change_password(struct ctx *c, struct tv *errors, int *status)
{
	const struct req	*r = c->req;
	const char		*pw = req_form(r, FF_NEW_PASSWORD), *why;
	char			 hash[AUTH_HASH_MAX];
	long long		 wait;
	int			 rc;

	if ((rc = password_attempt(c, c->user.login, c->user.pwhash,
	    req_form(r, FF_OLD_PASSWORD), 0, &wait)) == -1)
		return -1;
	if (rc == ATTEMPT_LIMITED) {
		tv_text(c->a, errors, "old_password", arena_printf(c->a,
		    "Too many wrong passwords. Try again in %lld minutes.",
		    (wait + 59) / 60));
		*status = 429;
	} else if (rc == ATTEMPT_WRONG)
		tv_text(c->a, errors, "old_password", "This is not your "
		    "current password.");
	else if (!auth_password_ok(pw, &why))
		tv_text(c->a, errors, "new_password", why);
	else if (strcmp(pw, req_form(r, FF_NEW_PASSWORD2)) != 0)
		tv_text(c->a, errors, "new_password2", "The two new passwords "
		    "differ.");
	else {
		if (auth_hash_password(pw, hash) == -1)
			return -1;
		/* Ends every session of the user, this one too. */
		if (db_user_passwd(c->app->db, c->user.login, hash,
		    c->now) != 1)
			return -1;
		log_req(LOG_INFO, r->client_addr, "POST", r->target,
		    "password changed, login: %s", c->user.login);
		return 1;
	}
	return 0;
}

int
h_admin_account(struct ctx *c)
{
	struct tv	*root, *errors;
	int		 status = 400;

	errors = tv_map(c->a);
	if (c->req->method == METHOD_POST) {
		switch (change_password(c, errors, &status)) {
		case 1:
			gate_clear_cookie(c);
			return view_see_other(c, "/admin/login?done=password");
		case 0:
			break;
		default:
			return 500;
		}
	}
	root = view_admin_page(c, "Account");
	tv_set(c->a, root, "errors", errors);
	c->resp->status = errors->head != NULL ? status : 200;
	return view_render(c, T_ADMIN_ACCOUNT, root);
}
