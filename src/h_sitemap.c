/*
 * h_sitemap: the site's public addresses, from three queries: the home
 * page and the archive, every visible article, every archive month with
 * one, every published static page, /tags and every tag with a visible
 * article. One handler serves /sitemap.xml and the yearly files of an
 * index (/sitemap-YYYY.xml, args[0] the file name), which exist only when
 * the site is past SITEMAP_MAX. A new kind of address is one more list in
 * addresses().
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

int
h_sitemap_stamp(struct ctx *c)
{
	if (db_sitemap_stamp(c->app->db, c->now, &c->stamp) == -1)
		return 500;
	return 0;
}

static int
year_of(long long t)
{
	int	 y, m;

	date_year_month(t, &y, &m);
	return y;
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

static int
addresses(struct ctx *c, struct sitemap *sm)
{
	struct db_sitemap_row	*art, *pg;
	struct db_tag		*tg;
	size_t			 na, np, nt, i;
	long long		 newest = 0;
	int			 year;

	if (db_sitemap_articles(c->app->db, c->a, c->now, &art, &na) == -1 ||
	    db_sitemap_pages(c->app->db, c->a, &pg, &np) == -1 ||
	    db_tag_visible(c->app->db, c->a, c->now, &tg, &nt) == -1)
		return -1;
	for (i = 0; i < na; i++)
		if (art[i].lastmod > newest)
			newest = art[i].lastmod;
	/* The lists go in the newest year's file. */
	year = year_of(na > 0 ? art[0].published_at : c->now);
	sitemap_add(sm, "/", newest, year);
	sitemap_add(sm, "/archive", newest, year);
	articles(c, sm, art, na);
	for (i = 0; i < np; i++)
		sitemap_add(sm, arena_printf(c->a, "/%s", pg[i].slug),
		    pg[i].lastmod, year_of(pg[i].lastmod));
	/* Tags, a list each, with the newest lists; a tag changes only
	 * with its articles, so the stamp's rows cover them. */
	if (nt > 0)
		sitemap_add(sm, "/tags", newest, year);
	for (i = 0; i < nt; i++)
		sitemap_add(sm, h_tag_url(c, tg[i].slug, ""), tg[i].last_mod,
		    year);
	return 0;
}

int
h_sitemap(struct ctx *c)
{
	struct sitemap		 sm;
	struct sitemap_year	*y;
	const char		*base = view_abs_url(c, "");
	size_t			 ny, i;
	int			 year = 0;

	sitemap_init(&sm, c->a);
	if (addresses(c, &sm) == -1)
		return 500;
	if (c->args[0] != NULL) {
		/* "sitemap-YYYY.xml": only the files an index names. */
		year = atoi(c->args[0] + strlen("sitemap-"));
		ny = sitemap_split(&sm, SITEMAP_MAX) ?
		    sitemap_years(&sm, &y) : 0;
		for (i = 0; i < ny && y[i].year != year; i++)
			;
		if (i == ny)
			return view_error(c, 404, "There is no such sitemap.");
	}
	c->resp->ctype = "application/xml; charset=utf-8";
	if (year == 0 && sitemap_split(&sm, SITEMAP_MAX)) {
		ny = sitemap_years(&sm, &y);
		sitemap_index(&c->resp->body, c->a, base, y, ny);
	} else
		sitemap_urlset(&c->resp->body, base, &sm, year);
	return 200;
}
