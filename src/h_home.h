/*
 * h_home: the home page, the newest articles with their excerpts; older
 * ones page with a keyset cursor (?before=PUBTIME-ID).
 */
#ifndef QUIRE_H_HOME_H
#define QUIRE_H_HOME_H

#include "app.h"

int	h_home(struct ctx *);
/* Its stamp for conditional GET (route.h). */
int	h_home_stamp(struct ctx *);

#endif
