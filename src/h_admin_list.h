/*
 * h_admin_list: /admin, the authors' list of articles (filtered by state,
 * paged) and static pages.
 */
#ifndef QUIRE_H_ADMIN_LIST_H
#define QUIRE_H_ADMIN_LIST_H

#include "app.h"

int	h_admin_list(struct ctx *);

#endif
