/*
 * h_admin_auth: signing in and out, and the account page (a new
 * password). The gate (gate.h) has checked the Origin of the sign-in form
 * and the session and CSRF token of the rest.
 */
#ifndef QUIRE_H_ADMIN_AUTH_H
#define QUIRE_H_ADMIN_AUTH_H

#include "app.h"

int	h_admin_login(struct ctx *);
int	h_admin_logout(struct ctx *);
int	h_admin_account(struct ctx *);

#endif
