/*
 * h_page: a static page, /slug (the demo's /about and /contribute).
 */
#ifndef QUIRE_H_PAGE_H
#define QUIRE_H_PAGE_H

#include "app.h"

int	h_page(struct ctx *);		/* args: slug */
int	h_page_stamp(struct ctx *);

#endif
