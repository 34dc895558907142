/*
 * sitemap: the sitemaps protocol (sitemaps.org), as pure logic: a list of
 * a site's addresses, whether they fit in one file, the years an index
 * splits them into, and the XML of a urlset or an index. No SQL, no HTTP:
 * h_sitemap.c fills the list from the database and sends what this writes.
 */
#ifndef QUIRE_SITEMAP_H
#define QUIRE_SITEMAP_H

#include <stddef.h>

#include "arena.h"
#include "buf.h"

/* Addresses one file may hold (the protocol's limit). */
#define SITEMAP_MAX	50000

struct sitemap_url {
	const char	*path;		/* the site's path: "/2024/05/slug" */
	long long	 lastmod;	/* Unix seconds; 0: not given */
	int		 year;		/* the file it goes in when split */
};

/* A year's file of an index, and its latest lastmod. */
struct sitemap_year {
	int		 year;
	long long	 lastmod;
};

/* The addresses, in the order they are written; in the arena. */
struct sitemap {
	struct arena		*a;
	struct sitemap_url	*u;
	size_t			 n, cap;
};

void	sitemap_init(struct sitemap *, struct arena *);
/* Appends an address; path must outlive the sitemap (arena or static). */
void	sitemap_add(struct sitemap *, const char *path, long long lastmod,
	    int year);
/* 1 if n addresses do not fit in one file of max: an index then. */
int	sitemap_split(long long n, size_t max);
/* The distinct years of the addresses, newest first, into *out (the
 * arena); their number. */
size_t	sitemap_years(const struct sitemap *, struct sitemap_year **out);
/* A <urlset> of the addresses of that year (0: all), each as base (the
 * base URL, no trailing '/') and its path, XML-escaped; lastmod as a W3C
 * datetime. */
void	sitemap_urlset(struct buf *, const char *base, const struct sitemap *,
	    int year);
/* A <sitemapindex> of the files base/sitemap-YEAR.xml; a is scratch. */
void	sitemap_index(struct buf *, struct arena *a, const char *base,
	    const struct sitemap_year *, size_t n);

#endif
