/*
 * db_port: what import and export (port.c, cmd_export.c) need of the
 * database beyond the other db_* modules: a post's id by kind and slug,
 * every id of a kind, and a post's last change set to the time a file
 * says. Saving goes through db_post.c, so the search index, tags and
 * archive counts stay as its triggers and statements keep them.
 */
#ifndef QUIRE_DB_PORT_H
#define QUIRE_DB_PORT_H

#include <stddef.h>

#include "arena.h"
#include "db.h"
#include "post.h"

/* The id of the post of that kind and slug, any status: 1/0/-1. */
int	db_port_find(struct db *, enum post_kind, const char *slug,
	    long long *id);
/* Every id of the kind, in order (*ids in the arena): 0/-1. */
int	db_port_ids(struct db *, struct arena *, enum post_kind,
	    long long **ids, size_t *n);
/* The post's updated_at set to t (created_at no later than t), inside
 * the caller's transaction: 0/-1. */
int	db_port_updated(struct db *, enum post_kind, long long id,
	    long long t);

/* The import's one write transaction: the saves of db_post.c and
 * db_redirect.c inside it are its savepoints, and nothing is kept until
 * db_port_commit(). 0/-1. */
int	db_port_begin(struct db *);
int	db_port_commit(struct db *);
void	db_port_rollback(struct db *);

#endif
