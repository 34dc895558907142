/*
 * db_snap: one read transaction for a whole reader request. Each statement
 * outside a transaction begins and ends its own: two locks on the -shm
 * file and a stat of the database, six times for an article page. One
 * snapshot costs that once, and every query of the request, the settings'
 * version check included, sees the same state of the site.
 */
#ifndef QUIRE_DB_SNAP_H
#define QUIRE_DB_SNAP_H

#include "db.h"

/* Begins the request's read transaction (deferred: SQLite takes the
 * snapshot at the first read). 0/-1 (logged). */
int	db_snap_begin(struct db *);
/* Ends it, if one is open. A write begun inside (db_begin) ends it first,
 * so a handler that writes is never refused. 0/-1 (logged). */
int	db_snap_end(struct db *);

#endif
