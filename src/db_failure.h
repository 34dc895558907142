/*
 * db_failure: the sign-in throttle's memory (table signin_failures): per
 * key ("login:NAME", "ip:ADDR", "device:ID", "session:HEX") a count of
 * failures and the time of the latest, so that every worker sees them.
 * The rules (throttle.h) come from the caller.
 */
#ifndef QUIRE_DB_FAILURE_H
#define QUIRE_DB_FAILURE_H

#include <stddef.h>

#include "db.h"

/* How long a key with failures, the latest at last, must still wait at
 * now (throttle_wait). */
typedef long long (*db_failure_wait_fn)(long long failures, long long last,
		    long long now);

/* A key's failures and the time of the latest (0 and 0 if none). 0 or
 * -1. */
int	db_failure_get(struct db *, const char *key, long long *failures,
	    long long *last);
/*
 * One attempt at a password, counted before the password is checked, so
 * that parallel attempts in several workers cannot all pass: in one write
 * transaction, purges keys quiet since forget_before; then, when wait()
 * is 0 for each of the n keys, counts one failure at now for each and
 * returns 1. Otherwise counts nothing, sets *retry to the longest wait
 * (seconds) and returns 0. -1 on error (logged).
 */
int	db_failure_try(struct db *, const char *const *keys, size_t n,
	    long long now, long long forget_before, db_failure_wait_fn wait,
	    long long *retry);
/* The password was right: takes back the failure db_failure_try counted
 * for key. 0 or -1. */
int	db_failure_untake(struct db *, const char *key);
/* Forgets every failure of key. 0 or -1. */
int	db_failure_clear(struct db *, const char *key);

#endif
