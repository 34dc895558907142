/*
 * db_archive: the archive's shape without its rows: how many visible
 * articles each month holds (from archive_months, 0009), so that a month's
 * pages are numbered without reading it. The rows themselves come from
 * db_post; a month page's stamp is db_stamp_range_page()'s.
 */
#ifndef QUIRE_DB_ARCHIVE_H
#define QUIRE_DB_ARCHIVE_H

#include <stddef.h>

#include "arena.h"
#include "db.h"

struct db_stamp;

/* A month and its visible articles. */
struct db_month {
	int		 year, month;
	long long	 count;
};

/* The months from lo to hi (YYYYMM, both included) with visible articles
 * at now, newest first, into the arena. 0/-1. */
int	db_archive_months(struct db *, struct arena *, long long now, int lo,
	    int hi, struct db_month **out, size_t *n);
/* The stamp of what db_archive_months() gives (month, count, in order);
 * its last change is the latest visible publication in [from, to) (every
 * other change moves the site's changed_at). 1 found, 0 none, -1 error. */
int	db_archive_stamp(struct db *, long long now, int lo, int hi,
	    long long from, long long to, struct db_stamp *);
/* The visible articles of month ym (YYYYMM), whose times are [from, to),
 * at now, into *count. 0/-1. */
int	db_archive_count(struct db *, long long now, int ym, long long from,
	    long long to, long long *count);

#endif
