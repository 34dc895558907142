/*
 * h_disclaimer: /disclaimer, the site's disclaimer as a page of its own:
 * where the settings show it in full only on article pages, every other
 * page links here. 404 while the disclaimer is empty.
 */
#ifndef QUIRE_H_DISCLAIMER_H
#define QUIRE_H_DISCLAIMER_H

#include "app.h"

int	h_disclaimer(struct ctx *);
/* Its stamp (route.h): the page is the settings alone, which every ETag
 * hashes already. */
int	h_disclaimer_stamp(struct ctx *);

#endif
