/*
 * db_sitemap: what /sitemap.xml lists, read from the database: the visible
 * articles and the published static pages, and the stamp of both for
 * conditional GET. Rows live in the caller's arena. 0 or -1 (logged).
 */
#ifndef QUIRE_DB_SITEMAP_H
#define QUIRE_DB_SITEMAP_H

#include <stddef.h>

#include "arena.h"
#include "db.h"
#include "db_stamp.h"

struct db_sitemap_row {
	const char	*slug;
	long long	 published_at;	/* articles; 0 for pages */
	long long	 lastmod;	/* the latest of updated_at, published_at */
};

/* A year of visible articles, as an index past SITEMAP_MAX lists it. */
struct db_sitemap_year {
	int		 year;
	long long	 articles;	/* visible in it */
	long long	 months;	/* with a visible article */
	long long	 lastmod;	/* its articles' latest save or
					   visible publication */
};

/* Every year with a visible article, newest first, from the archive's
 * counts (archive_months): as many rows as months, whatever the site's
 * size. */
int	db_sitemap_years(struct db *, struct arena *, long long now,
	    struct db_sitemap_year **out, size_t *n);
/* Every visible article, newest first. */
int	db_sitemap_articles(struct db *, struct arena *, long long now,
	    struct db_sitemap_row **out, size_t *n);
/* The visible articles published in [from, to), newest first. */
int	db_sitemap_articles_range(struct db *, struct arena *, long long now,
	    long long from, long long to, struct db_sitemap_row **out,
	    size_t *n);
/* Every published static page, by slug. */
int	db_sitemap_pages(struct db *, struct arena *,
	    struct db_sitemap_row **out, size_t *n);
/* The stamp of both lists (their ids and times): 1, or -1. */
int	db_sitemap_stamp(struct db *, long long now, struct db_stamp *);
/* The same, of the articles published in [from, to) and every page. */
int	db_sitemap_stamp_range(struct db *, long long now, long long from,
	    long long to, struct db_stamp *);

#endif
