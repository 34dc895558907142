/*
 * h_sitemap: /sitemap.xml (every public address, or past SITEMAP_MAX an
 * index of yearly files) and /sitemap-YYYY.xml (one year's file).
 */
#ifndef QUIRE_H_SITEMAP_H
#define QUIRE_H_SITEMAP_H

#include "app.h"

int	h_sitemap_stamp(struct ctx *);
int	h_sitemap(struct ctx *);

#endif
