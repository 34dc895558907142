/*
 * h_robots: /robots.txt, the settings' text and the sitemap's address.
 */
#ifndef QUIRE_H_ROBOTS_H
#define QUIRE_H_ROBOTS_H

#include "app.h"

int	h_robots_stamp(struct ctx *);
int	h_robots(struct ctx *);

#endif
