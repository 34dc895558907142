/*
 * db_secret: the server's secrets (table secrets), made once by whichever
 * process needs one first and kept in the database, so that every worker
 * and every restart signs with the same key: the device cookies'
 * (gate.c). A secret never leaves the database but through here.
 */
#ifndef QUIRE_DB_SECRET_H
#define QUIRE_DB_SECRET_H

#include <stddef.h>

#include "db.h"

/* The secret called name (len bytes) into out, which the caller owns; if
 * there is none yet, fresh (len random bytes) becomes it, once, whichever
 * process is first. 0 or -1 (logged; also a stored secret of another
 * length). */
int	db_secret(struct db *, const char *name, unsigned char *out,
	    size_t len, const unsigned char *fresh);

#endif
