/*
 * h_admin_auth: every password check goes through password_attempt(),
 * which keeps brute force slow (a delay per key that doubles, throttle.h)
 * without locking anyone out, and runs at most a few checks at once across
 * every worker (pwslot.h), so that readers never queue behind argon2id.
 */
#include <limits.h>
#include <string.h>

#include <sodium.h>

#include "auth.h"
#include "db_failure.h"
#include "db_user.h"
#include "gate.h"
#include "h_admin_auth.h"
#include "log.h"
#include "pwslot.h"
#include "throttle.h"
#include "view.h"

#define BUSY_RETRY	1	/* seconds: Retry-After when every slot is busy */

/* What a password attempt came to. */
enum attempt {
	ATTEMPT_WRONG,
	ATTEMPT_RIGHT,
	ATTEMPT_LIMITED,	/* not checked: a key's delay runs */
	ATTEMPT_BUSY,		/* not checked: every slot is busy */
};

/* Whom an attempt counts against: a device cookie's key alone, or the
 * login's and the address's; clear[i]: a right password forgets key i
 * (else it only takes back this attempt). trusted: a device cookie or a
 * session vouches for the browser, which may then use the spare slot. */
struct attempt_keys {
	const char	*key[2];
	int		 clear[2];
	size_t		 n;
	int		 trusted;
};

/*
 * Checks pw against pwhash (NULL: an unknown login, checked against a dummy
 * hash so that it takes as long). First a slot (none free: BUSY, counted
 * nowhere); then the attempt is counted for each key before the hash is
 * checked (a key still waiting: LIMITED), so that parallel attempts in
 * several workers cannot all slip through; a right password takes it back.
 * LIMITED and BUSY set Retry-After and *wait (seconds). -1 on error
 * (logged).
 */
static int
password_attempt(struct ctx *c, const struct attempt_keys *k,
    const char *pwhash, const char *pw, long long *wait)
{
	struct pwslot	 slot;
	char		 path[PATH_MAX];
	size_t		 i;
	int		 n = pwslot_count(c->app->cfg->workers), rc, res = -1;

	slot.fd = -1;
	if (pwslot_path(c->app->cfg->db_path, path, sizeof(path)) == -1)
		return -1;
	if ((rc = pwslot_take(path, 0, n, &slot)) == 0 && k->trusted)
		rc = pwslot_take(path, n, 1, &slot);
	if (rc == -1)
		return -1;
	if (rc == 0) {
		*wait = BUSY_RETRY;
		resp_header(c->resp, "Retry-After", arena_printf(c->a, "%d",
		    BUSY_RETRY));
		log_req(LOG_WARN, c->req->client_addr, "POST", c->req->target,
		    "password checks busy, %s", k->key[0]);
		return ATTEMPT_BUSY;
	}
	if ((rc = db_failure_try(c->app->db, k->key, k->n, c->now,
	    c->now - THROTTLE_FORGET, throttle_wait, wait)) == -1)
		goto out;
	if (rc == 0) {
		resp_header(c->resp, "Retry-After", arena_printf(c->a, "%lld",
		    *wait));
		log_req(LOG_WARN, c->req->client_addr, "POST", c->req->target,
		    "password attempts throttled for %lld s, %s", *wait,
		    k->key[0]);
		res = ATTEMPT_LIMITED;
		goto out;
	}
	if (pwhash == NULL) {
		auth_dummy_check(pw);
		rc = 0;
	} else
		rc = auth_check_password(pwhash, pw);
	if (!rc) {
		log_req(LOG_WARN, c->req->client_addr, "POST", c->req->target,
		    "wrong password, %s", k->key[0]);
		res = ATTEMPT_WRONG;
		goto out;
	}
	for (i = 0; i < k->n; i++)
		if ((k->clear[i] ? db_failure_clear(c->app->db, k->key[i]) :
		    db_failure_untake(c->app->db, k->key[i])) == -1)
			goto out;
	res = ATTEMPT_RIGHT;
out:
	pwslot_give(&slot);
	return res;
}

/* A wait in words: "1 second", "40 seconds", "3 minutes". */
static const char *
wait_words(struct ctx *c, long long s)
{
	if (s < 120)
		return arena_printf(c->a, "%lld second%s", s, s == 1 ? "" : "s");
	return arena_printf(c->a, "%lld minutes", (s + 59) / 60);
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
	struct attempt_keys	 k;
	const char		*login, *pw, *next, *fault;
	char			 dev[AUTH_DEVICE_ID + 1], addr[THROTTLE_KEY_MAX];
	long long		 wait;
	int			 found, trusted = 0;

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
		goto fail;
	/* A browser this login signed in on before is counted on its own:
	 * whoever hammers the login elsewhere cannot slow it down. Others
	 * are counted per login and per address (an IPv6 /64). */
	memset(&k, 0, sizeof(k));
	if (found && (trusted = gate_device(c, u.id, dev)) == -1)
		goto fail;
	if (found && trusted) {
		k.key[0] = arena_printf(c->a, "device:%s", dev);
		k.clear[0] = 1;
		k.n = 1;
		k.trusted = 1;
	} else {
		throttle_addr_key(r->client_addr, addr);
		k.key[0] = arena_printf(c->a, "login:%s", login);
		k.clear[0] = 1;
		k.key[1] = arena_strdup(c->a, addr);
		k.n = 2;
	}
	switch (password_attempt(c, &k, found ? u.pwhash : NULL, pw, &wait)) {
	case ATTEMPT_RIGHT:
		break;
	case ATTEMPT_WRONG:
		return login_form(c, 403, login, next,
		    "Wrong login or password.");
	case ATTEMPT_LIMITED:
		return login_form(c, 429, login, next, arena_printf(c->a,
		    "Too many failed sign-ins for this login or from this "
		    "network. Try again in %s.", wait_words(c, wait)));
	case ATTEMPT_BUSY:
		return login_form(c, 503, login, next, "The server is busy "
		    "checking other passwords. Send the form again in a "
		    "moment.");
	default:
		goto fail;
	}
	if (gate_device_issue(c, u.id, trusted) == -1 ||
	    gate_sign_in(c, &u) == -1)
		goto fail;
	log_req(LOG_INFO, r->client_addr, "POST", r->target,
	    "signed in, login: %s", login);
	return view_see_other(c, next);
fail:
	/* Busy, full or read-only: the form again, with why. */
	if ((fault = view_fault(c, "You are not signed in", "Please try "
	    "again in a moment.")) == NULL)
		return 500;
	return login_form(c, 503, login, next, fault);
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
	struct attempt_keys	 k;
	unsigned char		 digest[AUTH_DIGEST];
	char			 hash[AUTH_HASH_MAX], hex[33];
	long long		 wait;
	int			 rc;

	/* Counted for this session alone: the author is signed in, so
	 * failures elsewhere must not stop the change, nor these the
	 * author's sign-ins. */
	memset(&k, 0, sizeof(k));
	if (auth_token_digest(c->req->session, digest) == -1)
		return -1;
	sodium_bin2hex(hex, sizeof(hex), digest, 16);
	k.key[0] = arena_printf(c->a, "session:%s", hex);
	k.clear[0] = 1;
	k.n = 1;
	k.trusted = 1;
	if ((rc = password_attempt(c, &k, c->user.pwhash,
	    req_form(r, FF_OLD_PASSWORD), &wait)) == -1)
		return -1;
	if (rc == ATTEMPT_LIMITED) {
		tv_text(c->a, errors, "old_password", arena_printf(c->a,
		    "Too many wrong passwords. Try again in %s.",
		    wait_words(c, wait)));
		*status = 429;
	} else if (rc == ATTEMPT_BUSY) {
		tv_text(c->a, errors, "old_password", "The server is busy "
		    "checking other passwords. Send the form again in a "
		    "moment.");
		*status = 503;
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
	const char	*fault = NULL;
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
			/* Busy, full or read-only: said on the page. */
			if ((fault = view_fault(c, "Nothing was saved",
			    "Your password is unchanged; send the form again "
			    "in a moment.")) == NULL)
				return 500;
			status = 503;
		}
	}
	root = view_admin_page(c, "Account");
	tv_set(c->a, root, "errors", errors);
	tv_text(c->a, root, "fault", fault);
	c->resp->status = errors->head != NULL || fault != NULL ? status : 200;
	return view_render(c, T_ADMIN_ACCOUNT, root);
}
