/*
 * db_stamp: what a reader page shows, in a few numbers, from one cheap
 * query and without rendering: for conditional GET (httpcache.c). A
 * stamp's key is a hash of the versions of the rows the page shows, in the
 * order it shows them, so two different row sets never share a key.
 */
#ifndef QUIRE_DB_STAMP_H
#define QUIRE_DB_STAMP_H

#include "db.h"

#define DB_STAMP_KEY	16	/* bytes of a stamp's key */

struct db_stamp {
	long long	 rows;		/* articles (or pages) the page shows */
	long long	 last_mod;	/* the latest change among them, Unix s */
	long long	 published_at;	/* db_stamp_article: the article's */
	long long	 id;		/* db_stamp_article: the article's */
	long long	 floor;		/* db_search_stamp: its window's */
	long long	 revision;	/* db_stamp_article, _static: the post's */
	unsigned char	 key[DB_STAMP_KEY]; /* their versions, hashed */
};

/* Stamps return 1 found, 0 no such page, -1 error (logged). */
/* The limit articles of a home page, as db_post_list_page() lists them,
 * and whether there are more (the Older link). */
int		 db_stamp_home(struct db *, long long now, long long before_t,
		    long long before_id, int limit, struct db_stamp *);
/* The visible articles published in [from, to), as lists show them. */
int		 db_stamp_range(struct db *, long long now, long long from,
		    long long to, struct db_stamp *);
/* Up to limit of them from the offset-th on, as db_post_list_month()
 * lists them (an archive month's page). */
int		 db_stamp_range_page(struct db *, long long now, long long from,
		    long long to, long long offset, int limit,
		    struct db_stamp *);
/* An article and what its page shows of its neighbours. */
int		 db_stamp_article(struct db *, const char *slug, long long now,
		    struct db_stamp *);
/* The same stamp from the rows the article's page read: the article
 * (POST_COLS) and its neighbours as db_post_neighbour() gives them (NULL
 * at either end), so that a page without validators to check asks SQLite
 * nothing twice. */
struct post;
void		 db_stamp_article_of(const struct post *,
		    const struct post *older, const struct post *newer,
		    struct db_stamp *);
/* A published static page. */
int		 db_stamp_static(struct db *, const char *slug,
		    struct db_stamp *);
/* Mixes two more numbers the page shows into the stamp's key. */
void		 db_stamp_mix(struct db_stamp *, long long a, long long b);
/* The publication time of the next scheduled article, 0 if none, -1 on
 * error: caches must not keep a page past it. */
long long	 db_stamp_next_scheduled(struct db *, long long now);

#endif
