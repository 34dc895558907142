/*
 * h_admin: the authors' pages under /admin: sign-in, the list, the editors
 * of articles and static pages, settings, account. The pipeline (app.c)
 * has already checked the session and the CSRF token of every POST.
 */
#ifndef QUIRE_H_ADMIN_H
#define QUIRE_H_ADMIN_H

#include "app.h"

int	h_admin_login(struct ctx *);
int	h_admin_logout(struct ctx *);
int	h_admin_list(struct ctx *);
int	h_admin_article_edit(struct ctx *);	/* args: [id] */
int	h_admin_article_delete(struct ctx *);	/* args: id */
int	h_admin_page_edit(struct ctx *);	/* args: [id] */
int	h_admin_page_delete(struct ctx *);	/* args: id */
int	h_admin_settings(struct ctx *);
int	h_admin_account(struct ctx *);

#endif
