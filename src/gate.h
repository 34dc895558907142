/*
 * gate: who may do what under /admin, decided in one place before any
 * admin handler runs: the session cookie (its format and lifetime), the
 * CSRF token every admin POST carries, the Origin of the sign-in form,
 * and the device cookie of a browser that signed in before (the sign-in
 * throttle counts its attempts on their own).
 */
#ifndef QUIRE_GATE_H
#define QUIRE_GATE_H

#include "app.h"

/* Finds the session of the request's cookie, if alive: sets c->user,
 * c->csrf and c->signed_in. 1 found, 0 none, -1 error (logged). */
int	gate_session(struct ctx *);
/* The gate of an admin or sign-in route, after gate_session(): 0 to go
 * on, else the status already answered (a 303 to the sign-in form for a
 * GET without a session; a 403 page for a POST without a session, with a
 * bad CSRF token, or a sign-in from another site). */
int	gate_check(struct ctx *);
/* Signs the browser in as u: a new session (ending the one it had) and
 * its cookie. 0 or -1 (logged). */
int	gate_sign_in(struct ctx *, const struct user *u);
/* Ends the request's session, if any, and clears its cookie. 0 or -1. */
int	gate_sign_out(struct ctx *);
/* Clears the session cookie (the session is already gone). */
void	gate_clear_cookie(struct ctx *);
/* Whether the request carries a device cookie this site signed for user
 * uid: 1 (id then holds the device's id), 0 not, -1 error (logged). */
int	gate_device(struct ctx *, long long uid,
	    char id[AUTH_DEVICE_ID + 1]);
/* After a right password: the device cookie for uid, the browser's own
 * when gate_device() found it valid for uid (known: its age renewed),
 * else a new one. 0 or -1. */
int	gate_device_issue(struct ctx *, long long uid, int known);

#endif
