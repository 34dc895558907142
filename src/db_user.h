/*
 * db_user: author accounts. *out strings live in the caller's arena.
 * Lookups 1/0/-1.
 */
#ifndef QUIRE_DB_USER_H
#define QUIRE_DB_USER_H

#include <stddef.h>

#include "arena.h"
#include "db.h"

struct user {
	long long	 id;
	const char	*login;
	const char	*name;
	const char	*pwhash;
	long long	 created_at;
};

int	db_user_by_login(struct db *, struct arena *, const char *,
	    struct user *out);
/* 0, or -1 (logged; *dup set when the login exists). */
int	db_user_add(struct db *, const char *login, const char *name,
	    const char *pwhash, long long now, int *dup);
/* 1 changed, 0 no such login, -1 error. Ends the user's sessions, in the
 * same transaction. */
int	db_user_passwd(struct db *, const char *login, const char *pwhash,
	    long long now);
/* 1 deleted (and the user's sessions with it), 0 no such login, -1. */
int	db_user_del(struct db *, const char *login);
/* Every user, by login; pwhash is "". */
int	db_user_list(struct db *, struct arena *, struct user **out,
	    size_t *n);

#endif
