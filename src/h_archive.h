/*
 * h_archive: every article by year and month: /archive, /archive/YYYY,
 * /archive/YYYY/MM (?before=T-ID: its later pages). An article's "Back to
 * archive" is its month's first page (view.c), which links every page of
 * the month: finding the page that lists it walked the month on every
 * article request (200 us at 100,000 articles).
 */
#ifndef QUIRE_H_ARCHIVE_H
#define QUIRE_H_ARCHIVE_H

#include "app.h"
#include "db_archive.h"
#include "post.h"

#define ARCHIVE_PER_PAGE	25	/* articles on a page of a month */

int	h_archive(struct ctx *);	/* args: [year [month]] */
int	h_archive_stamp(struct ctx *);

#endif
