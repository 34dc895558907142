/*
 * rcache: what a worker rendered, kept. Markdown is rendered on request,
 * never ahead of time, but the same article body is the same HTML until it
 * is saved again: an entry is keyed by the article's id and revision (+1
 * on every save), read from the database by the very request that asks,
 * so an entry is right for as long as it is kept and a save simply makes
 * a new key. At most max bytes (entries' text and bookkeeping), the least
 * recently used out first. The memory is the cache's (malloc), for the
 * worker's life.
 */
#ifndef QUIRE_RCACHE_H
#define QUIRE_RCACHE_H

#include <stddef.h>

/* What an entry holds. */
enum rcache_kind {
	RC_ARTICLE,	/* an article's body, rendered (n: reading minutes) */
	RC_PAGE,	/* a static page's */
	RC_EXCERPT,	/* an article's excerpt in lists, as text */
	RC_DESC,	/* a post's description (meta tags), as text */
	RC_FEED,	/* an article's body for feeds (absolute links) */
	RC__KINDS
};

struct rcache_stats {
	unsigned long long	 hits, misses;
	size_t			 bytes, entries, max;
};

struct rcache;

/* An empty cache of at most max bytes (0: keeps nothing). Never NULL: out
 * of memory aborts. */
struct rcache	*rcache_new(size_t max);
void		 rcache_free(struct rcache *);
/* The entry for (kind, id, rev): 1 and its text (valid until the next
 * rcache_put()) in *text, *len, its number in *n; 0 when not kept. */
int		 rcache_get(struct rcache *, enum rcache_kind, long long id,
		    long long rev, const char **text, size_t *len,
		    long long *n);
/* Keeps a copy of text[0..len) and n for (kind, id, rev), in place of any
 * other revision of (kind, id); evicts what it must. Text larger than the
 * whole cache is not kept. */
void		 rcache_put(struct rcache *, enum rcache_kind, long long id,
		    long long rev, const char *text, size_t len, long long n);
/* Lets every entry go (the database was written behind the revisions'
 * back, e.g. by sqlite3: a worker trusts no entry then). */
void		 rcache_clear(struct rcache *);
void		 rcache_stats(const struct rcache *, struct rcache_stats *);

#endif
