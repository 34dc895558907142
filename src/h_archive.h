/*
 * h_archive: every article by year and month: /archive, /archive/YYYY,
 * /archive/YYYY/MM.
 */
#ifndef QUIRE_H_ARCHIVE_H
#define QUIRE_H_ARCHIVE_H

#include "app.h"

int	h_archive(struct ctx *);	/* args: [year [month]] */
int	h_archive_stamp(struct ctx *);

#endif
