/*
 * db_failure: failed password attempts, the sign-in rate limit's memory.
 * Rows are keyed ("login:NAME", "ip:ADDR"), so every worker sees them.
 */
#ifndef QUIRE_DB_FAILURE_H
#define QUIRE_DB_FAILURE_H

#include <stddef.h>

#include "db.h"

/* How many failures for key after since, and the oldest of them (for
 * Retry-After). 0 or -1. */
int	db_failure_count(struct db *, const char *key, long long since,
	    int *count, long long *oldest);
/* One attempt at a password, counted before the password is checked, so
 * that parallel attempts cannot all pass the count: in one write
 * transaction, purges failures at or before since; then, when each of the n
 * keys has fewer than max failures after since, records one at now for each
 * (ids[i] its row, for db_failure_undo) and returns 1. Otherwise records
 * nothing, sets *retry_at to the time the most limited key may try again and
 * returns 0. -1 on error (logged). */
int	db_failure_try(struct db *, const char *const *keys, size_t n,
	    long long now, long long since, int max, long long *ids,
	    long long *retry_at);
/* Takes back the rows db_failure_try recorded: the password was right. */
int	db_failure_undo(struct db *, const long long *ids, size_t n);
/* Forgets every failure of key. */
int	db_failure_clear(struct db *, const char *key);

#endif
