/*
 * h_admin_redirects: /admin/redirects, every redirect (the automatic ones
 * of articles that moved, and manual ones) with a form that adds one, and
 * /admin/redirects/ID/delete.
 */
#ifndef QUIRE_H_ADMIN_REDIRECTS_H
#define QUIRE_H_ADMIN_REDIRECTS_H

#include "app.h"

int	h_admin_redirects(struct ctx *);
int	h_admin_redirect_delete(struct ctx *);	/* args: id */

#endif
