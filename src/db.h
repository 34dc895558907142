/*
 * db: the only module that speaks SQL. One connection per worker process,
 * every statement prepared once at open. Rows are copied into the caller's
 * arena; returned pointers live until that arena is reset.
 */
#ifndef QUIRE_DB_H
#define QUIRE_DB_H

#include <stddef.h>

#include "arena.h"

/* Site settings: key names and defaults live in db.c's table. */
enum setting {
	SET_TITLE,
	SET_SUBTITLE,
	SET_BASE_URL,
	SET_AUTHOR,
	SET_CONTRIBUTE,
	SET_DISCLAIMER,
	SET_PER_PAGE,
	SET__MAX
};

struct settings {
	const char	*v[SET__MAX];	/* never NULL after db_settings() */
};

struct article {
	long long	 id;
	const char	*slug;
	const char	*title;
	const char	*excerpt;	/* Markdown, may be empty */
	const char	*body;		/* Markdown; a prefix in list queries */
	const char	*author;	/* empty: the site's default author */
	long long	 published_at;	/* Unix seconds, UTC */
	long long	 updated_at;
};

struct page {
	long long	 id;
	const char	*slug;
	const char	*title;
	const char	*body;
	long long	 updated_at;
};

struct db;

/* Opens (creating if asked) the database and sets WAL, busy timeout and
 * foreign keys. NULL on failure (logged). */
struct db	*db_open(const char *path, int create);
/* Brings the schema to the current version; refuses a newer database. */
int		 db_migrate(struct db *);
/* Fills a new, empty database with the demo site (sql/demo.sql). */
int		 db_load_demo(struct db *);
/* Prepares every statement; call after db_migrate(). */
int		 db_prepare(struct db *);
void		 db_close(struct db *);
/* Schema version this binary brings. */
int		 db_schema_version(void);

int		 db_settings(struct db *, struct arena *, struct settings *);

/* Lookups return 1 when found, 0 when not, -1 on error (logged). "Visible"
 * means published with a publication time at or before now. */
int		 db_article_by_slug(struct db *, struct arena *, const char *slug,
		    long long now, struct article *);
/* The visible article just older (older=1) or newer than a. */
int		 db_article_neighbour(struct db *, struct arena *,
		    const struct article *, long long now, int older,
		    struct article *);
int		 db_page_by_slug(struct db *, struct arena *, const char *slug,
		    struct page *);

/* Lists return 0 or -1; *out is an arena array of *n articles, newest
 * first. */
/* Up to limit visible articles older than the cursor (before_t, before_id),
 * with the first excerpt_chars characters (not bytes: never a split UTF-8
 * sequence) of their body. */
int		 db_articles_page(struct db *, struct arena *, long long now,
		    long long before_t, long long before_id, int limit,
		    int excerpt_chars, struct article **out, size_t *n);
/* Every visible article published in [from, to): titles and dates only. */
int		 db_articles_range(struct db *, struct arena *, long long now,
		    long long from, long long to, struct article **out, size_t *n);

#endif
