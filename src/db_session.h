/*
 * db_session: sign-in sessions, by the digest of their token (auth.h);
 * the token itself is never stored.
 */
#ifndef QUIRE_DB_SESSION_H
#define QUIRE_DB_SESSION_H

#include "arena.h"
#include "db.h"
#include "db_user.h"

/* A new session; purges expired ones first. 0 or -1. */
int	db_session_add(struct db *, const unsigned char *digest,
	    long long user_id, long long now, long long expires);
/* The signed-in user of a live session: 1/0/-1; *out in the arena. */
int	db_session_user(struct db *, struct arena *,
	    const unsigned char *digest, long long now, struct user *out);
int	db_session_del(struct db *, const unsigned char *digest);
/* Ends every session of a user. 0 or -1. */
int	db_session_del_user(struct db *, long long user_id);

#endif
