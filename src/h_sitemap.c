/*
 * h_sitemap: the site's public addresses: the home page and the archive,
 * every visible article, every archive month with one, every published
 * static page, /tags and every tag with a visible article. One handler
 * serves /sitemap.xml and the yearly files of an index (/sitemap-YYYY.xml,
 * args[0] the file name), which exist only when the site is past
 * SITEMAP_MAX. Whether it is, and the index itself, come from the plan:
 * the archive's counts per year, the pages and the tags, never the
 * articles, so the index of 100,000 articles reads a few hundred rows; a
 * year's file reads that year's articles. A new kind of address is one
 * more list in addresses() and one more count in plan_of().
 */
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "db_sitemap.h"
#include "db_tag.h"
#include "h_tag.h"
#include "h_sitemap.h"
#include "post.h"
#include "sitemap.h"
#include "view.h"

static int
year_of(long long t)
{
	int	 y, m;

	date_year_month(t, &y, &m);
	return y;
}

/* What the site holds, without its articles: read once, by the stamp,
 * and kept for the page. */
struct plan {
	struct db_sitemap_year	*y;	/* years with visible articles */
	size_t			 ny;
	struct db_sitemap_row	*pg;	/* published pages */
	size_t			 np;
	struct db_tag		*tg;	/* tags with visible articles */
	size_t			 nt;
	long long		 total;	/* addresses */
	long long		 newest; /* the latest lastmod of any article */
	int			 lists;	/* the year of /, /archive, tags */
	struct sitemap_year	*files;	/* an index's, when split */
	size_t			 nf;
};

static int
plan_of(struct ctx *c, struct plan **out)
{
	struct plan	*p = c->stamp_data;
	struct sitemap	 sm;
	size_t		 i;

	if (p != NULL) {
		*out = p;
		return 0;
	}
	p = arena_calloc(c->a, 1, sizeof(*p));
	if (db_sitemap_years(c->app->db, c->a, c->now, &p->y, &p->ny) == -1 ||
	    db_sitemap_pages(c->app->db, c->a, &p->pg, &p->np) == -1 ||
	    db_tag_visible(c->app->db, c->a, c->now, &p->tg, &p->nt) == -1)
		return -1;
	p->lists = p->ny > 0 ? p->y[0].year : year_of(c->now);
	p->total = 2 + (long long)p->np + (long long)p->nt + (p->nt > 0);
	for (i = 0; i < p->ny; i++) {
		p->total += p->y[i].articles + p->y[i].months;
		if (p->y[i].lastmod > p->newest)
			p->newest = p->y[i].lastmod;
	}
	if (sitemap_split(p->total, SITEMAP_MAX)) {
		/* The index's files: the years of what addresses() would
		 * list, each with its latest lastmod. */
		sitemap_init(&sm, c->a);
		for (i = 0; i < p->ny; i++)
			sitemap_add(&sm, "", p->y[i].lastmod, p->y[i].year);
		sitemap_add(&sm, "", p->newest, p->lists);
		for (i = 0; i < p->np; i++)
			sitemap_add(&sm, "", p->pg[i].lastmod,
			    year_of(p->pg[i].lastmod));
		for (i = 0; i < p->nt; i++)
			sitemap_add(&sm, "", p->tg[i].last_mod, p->lists);
		p->nf = sitemap_years(&sm, &p->files);
	}
	c->stamp_data = p;
	*out = p;
	return 0;
}

/* The year of the file asked for, 0 for /sitemap.xml; -1 for a file the
 * index does not name (404). */
static int
file_of(struct ctx *c, const struct plan *p)
{
	size_t	 i;
	int	 year;

	if (c->args[0] == NULL)
		return 0;
	year = atoi(c->args[0] + strlen("sitemap-"));
	for (i = 0; i < p->nf && p->files[i].year != year; i++)
		;
	return i < p->nf ? year : -1;
}

int
h_sitemap_stamp(struct ctx *c)
{
	struct plan	*p;
	long long	 from, to;
	size_t		 i;
	int		 year;

	if (plan_of(c, &p) == -1)
		return 500;
	if ((year = file_of(c, p)) == -1)
		return 404;
	if (p->nf == 0) {
		/* One file of everything (at most SITEMAP_MAX). */
		if (db_sitemap_stamp(c->app->db, c->now, &c->stamp) == -1)
			return 500;
		return 0;
	}
	if (year == 0) {
		/* The index: its files and their lastmods. */
		memset(&c->stamp, 0, sizeof(c->stamp));
		c->stamp.rows = (long long)p->nf;
		for (i = 0; i < p->nf; i++) {
			db_stamp_mix(&c->stamp, p->files[i].year,
			    p->files[i].lastmod);
			if (p->files[i].lastmod > c->stamp.last_mod)
				c->stamp.last_mod = p->files[i].lastmod;
		}
		return 0;
	}
	/* A year's file: its articles, the pages, and the lists' year with
	 * the tags' counts and changes. */
	date_range(year, 0, &from, &to);
	if (db_sitemap_stamp_range(c->app->db, c->now, from, to,
	    &c->stamp) == -1)
		return 500;
	db_stamp_mix(&c->stamp, p->lists, p->newest);
	for (i = 0; year == p->lists && i < p->nt; i++) {
		db_stamp_mix(&c->stamp, p->tg[i].id, p->tg[i].count);
		db_stamp_mix(&c->stamp, p->tg[i].last_mod, 0);
	}
	return 0;
}

/* Articles (newest first) and the archive month of each run of them. */
static void
articles(struct ctx *c, struct sitemap *sm, const struct db_sitemap_row *r,
    size_t n)
{
	struct post	 p;
	long long	 mod;
	size_t		 i, j;
	int		 y, m, y2, m2;

	memset(&p, 0, sizeof(p));
	p.kind = POST_ARTICLE;
	for (i = 0; i < n; i = j) {
		date_year_month(r[i].published_at, &y, &m);
		mod = 0;
		for (j = i; j < n; j++) {
			date_year_month(r[j].published_at, &y2, &m2);
			if (y2 != y || m2 != m)
				break;
			p.slug = r[j].slug;
			p.published_at = r[j].published_at;
			sitemap_add(sm, post_path(c->a, &p), r[j].lastmod, y);
			if (r[j].lastmod > mod)
				mod = r[j].lastmod;
		}
		sitemap_add(sm, arena_printf(c->a, "/archive/%04d/%02d", y, m),
		    mod, y);
	}
}

/* The addresses of year's file (0: all of them) into sm. */
static int
addresses(struct ctx *c, const struct plan *p, int year, struct sitemap *sm)
{
	struct db_sitemap_row	*art;
	long long		 from, to;
	size_t			 na, i;

	if (year == 0) {
		if (db_sitemap_articles(c->app->db, c->a, c->now, &art,
		    &na) == -1)
			return -1;
	} else {
		date_range(year, 0, &from, &to);
		if (db_sitemap_articles_range(c->app->db, c->a, c->now, from,
		    to, &art, &na) == -1)
			return -1;
	}
	/* The lists go in the newest year's file. */
	sitemap_add(sm, "/", p->newest, p->lists);
	sitemap_add(sm, "/archive", p->newest, p->lists);
	articles(c, sm, art, na);
	for (i = 0; i < p->np; i++)
		sitemap_add(sm, arena_printf(c->a, "/%s", p->pg[i].slug),
		    p->pg[i].lastmod, year_of(p->pg[i].lastmod));
	/* Tags, a list each, with the newest lists; a tag changes only
	 * with its articles, so the stamp's rows cover them. */
	if (p->nt > 0)
		sitemap_add(sm, "/tags", p->newest, p->lists);
	for (i = 0; i < p->nt; i++)
		sitemap_add(sm, h_tag_url(c, p->tg[i].slug, ""),
		    p->tg[i].last_mod, p->lists);
	return 0;
}

int
h_sitemap(struct ctx *c)
{
	struct sitemap	 sm;
	struct plan	*p;
	const char	*base = view_abs_url(c, "");
	int		 year;

	if (plan_of(c, &p) == -1)
		return 500;
	if ((year = file_of(c, p)) == -1)
		return view_error(c, 404, "There is no such sitemap.");
	c->resp->ctype = "application/xml; charset=utf-8";
	if (year == 0 && p->nf > 0) {
		sitemap_index(&c->resp->body, c->a, base, p->files, p->nf);
		return 200;
	}
	sitemap_init(&sm, c->a);
	if (addresses(c, p, year, &sm) == -1)
		return 500;
	sitemap_urlset(&c->resp->body, base, &sm, year);
	return 200;
}
