/*
 * h_admin_post: the editor of articles and static pages (new, edit,
 * preview, publish, unpublish) and their deletion. A handler validates
 * meaning (a title is required, a slug is free) and never loses what the
 * author typed: a refused form comes back filled in, with each message
 * next to its field.
 */
#ifndef QUIRE_H_ADMIN_POST_H
#define QUIRE_H_ADMIN_POST_H

#include "app.h"

int	h_admin_article_edit(struct ctx *);	/* args: [id] */
int	h_admin_article_delete(struct ctx *);	/* args: id */
int	h_admin_page_edit(struct ctx *);	/* args: [id] */
int	h_admin_page_delete(struct ctx *);	/* args: id */

#endif
