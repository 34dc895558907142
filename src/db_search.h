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

/* Every visible article fts matches within the search window, in the
 * order the pages list them (bm25 with the title weighted 10, the excerpt
 * 4, the body 1; then newest first): their number, latest change and a
 * key over their ids, revisions and times; the window's floor in
 * out->floor. The window is the SEARCH_WINDOW newest visible matches (by
 * id, the order articles were written in): a word in most of 100,000
 * articles cost 300 ms to rank in full, and a reader who types one
 * common word is served by the best of the recent ones. floor 0: every
 * match. The key does not follow the ranking, which moves with the whole
 * index: the caller mixes in the last save. 1, or -1 (logged). */
int	db_search_stamp(struct db *, const char *fts, long long now,
	    struct db_stamp *);
/* Up to limit of them from offset on, in that order, within the window
 * whose floor db_search_stamp() gave. 0 or -1. */
int	db_search_page(struct db *, struct arena *, const char *fts,
	    long long now, long long floor, int limit, int offset,
	    struct search_hit **out, size_t *n);

#endif
