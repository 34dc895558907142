/*
 * h_archive: every article by year and month: /archive, /archive/YYYY,
 * /archive/YYYY/MM (?before=T-ID: its later pages). Also where an article
 * sits in it, for the article page's "Back to archive".
 */
#ifndef QUIRE_H_ARCHIVE_H
#define QUIRE_H_ARCHIVE_H

#include "app.h"
#include "db_archive.h"
#include "post.h"

#define ARCHIVE_PER_PAGE	50	/* articles on a page of a month */

int	h_archive(struct ctx *);	/* args: [year [month]] */
int	h_archive_stamp(struct ctx *);

/* The page of its month that lists the visible article (published_at,
 * id): 1 and the page's cursor, or 0 for the month's first page; -1 on
 * error (logged). */
int	h_archive_page_of(struct ctx *, long long published_at, long long id,
	    struct db_cursor *);
/* That page's address, in the arena; NULL on error. */
const char	*h_archive_url_of(struct ctx *, const struct post *);

#endif
