/*
 * db_search: the full-text search statements (the FTS5 index
 * articles_fts, sql/migrations/0007-search.sql): the visible articles an
 * FTS5 query matches, best first, and their stamp. The query text comes
 * from search_build() (search.h), never from a reader. Rows live in the
 * caller's arena.
 */
#ifndef QUIRE_DB_SEARCH_H
#define QUIRE_DB_SEARCH_H

#include <stddef.h>

#include "arena.h"
#include "db.h"
#include "db_stamp.h"
#include "post.h"

struct search_hit {
	struct post	 p;		/* list columns: no excerpt, no body */
	/* The title and the best stretch of title, excerpt or body, with
	 * SEARCH_MARK_ON/OFF around the matches (search_mark() makes them
	 * HTML), and their lengths. */
	const char	*title_marked;
	size_t		 title_len;
	const char	*snippet;
	size_t		 snippet_len;
};

/* Every visible article fts matches, in the order the pages list them
 * (bm25 with the title weighted 10, the excerpt 4, the body 1; then
 * newest first): their number, latest change and a key over their ids,
 * revisions and times in that order. 1, or -1 (logged). */
int	db_search_stamp(struct db *, const char *fts, long long now,
	    struct db_stamp *);
/* Up to limit of them from offset on, in that order. 0 or -1. */
int	db_search_page(struct db *, struct arena *, const char *fts,
	    long long now, int limit, int offset, struct search_hit **out,
	    size_t *n);

#endif
