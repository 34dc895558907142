/*
 * db_archive: the archive's shape without its rows: how many visible
 * articles each month holds (from archive_months, 0009), where each page of
 * a month starts, and which page lists an article. The rows themselves come
 * from db_post; a month page's stamp is db_stamp_range()'s.
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

/* A month page's cursor: the last article of the page before it. */
struct db_cursor {
	long long	 t, id;
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
/* The cursors of pages 2.. of the visible articles in [from, to), per
 * articles a page, newest first: every per-th article; and how many
 * there are in *total. 0/-1. */
int	db_archive_pages(struct db *, struct arena *, long long now,
	    long long from, long long to, int per, struct db_cursor **out,
	    size_t *n, long long *total);

#endif
