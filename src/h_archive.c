/*
 * h_archive: the archive, in pages that do not grow with the site.
 * /archive lists the years and their months with counts; a year lists its
 * months, with their titles when it holds few; a month lists its articles,
 * ARCHIVE_PER_PAGE a page, with a link to every page of it. A year or
 * month with no visible article is a 404 (it is not a page).
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "db_archive.h"
#include "db_post.h"
#include "db_stamp.h"
#include "h_archive.h"
#include "view.h"

/* A year of at most this many articles lists their titles. */
#define TITLES_MAX	100

/* The period the page shows: all (year 0), a year or a month; its times
 * [from, to) and its months lo..hi as YYYYMM. */
struct scope {
	int		 year, month, lo, hi;
	long long	 from, to;
};

static void
scope_of(struct ctx *c, struct scope *s)
{
	s->year = c->args[0] != NULL ? atoi(c->args[0]) : 0;
	s->month = c->args[1] != NULL ? atoi(c->args[1]) : 0;
	s->from = LLONG_MIN;
	s->to = LLONG_MAX;
	s->lo = 0;
	s->hi = 999912;
	if (s->year != 0) {
		date_range(s->year, s->month, &s->from, &s->to);
		s->lo = s->year * 100 + (s->month != 0 ? s->month : 1);
		s->hi = s->year * 100 + (s->month != 0 ? s->month : 12);
	}
}

static const char *
month_url(struct ctx *c, int year, int month, long long page)
{
	if (page <= 1)
		return arena_printf(c->a, "/archive/%04d/%02d", year, month);
	return arena_printf(c->a, "/archive/%04d/%02d?page=%lld", year,
	    month, page);
}

/* A month's count and the page asked for, read once: by the stamp, kept
 * for the page. The count comes from archive_months: numbering the pages
 * reads no article. */
struct mpage {
	long long	 count;		/* visible articles in the month */
	long long	 pages;		/* ARCHIVE_PER_PAGE a page */
	long long	 page;		/* 1..pages; past the last: not a page */
};

static int
mpage_of(struct ctx *c, const struct scope *s, struct mpage **out)
{
	struct mpage	*mp = c->stamp_data;
	const char	*q = c->req->query[QF_PAGE];

	if (mp == NULL) {
		mp = arena_calloc(c->a, 1, sizeof(*mp));
		if (db_archive_count(c->app->db, c->now, s->lo, s->from, s->to,
		    &mp->count) == -1)
			return -1;
		mp->pages = (mp->count + ARCHIVE_PER_PAGE - 1) /
		    ARCHIVE_PER_PAGE;
		mp->page = q != NULL ? strtoll(q, NULL, 10) : 1;
		c->stamp_data = mp;
	}
	*out = mp;
	return 0;
}

int
h_archive_stamp(struct ctx *c)
{
	struct scope	 s;
	struct mpage	*mp;
	int		 rc;

	scope_of(c, &s);
	if (s.month != 0) {
		/* The page's rows and the month's count (its page links). */
		if (mpage_of(c, &s, &mp) == -1)
			return 500;
		if (mp->count == 0 || mp->page > mp->pages)
			return 404;
		if (db_stamp_range_page(c->app->db, c->now, s.from, s.to,
		    (mp->page - 1) * ARCHIVE_PER_PAGE, ARCHIVE_PER_PAGE,
		    &c->stamp) == -1)
			return 500;
		db_stamp_mix(&c->stamp, mp->count, mp->page);
		return 0;
	}
	if ((rc = db_archive_stamp(c->app->db, c->now, s.lo, s.hi, s.from,
	    s.to, &c->stamp)) == -1)
		return 500;
	if (rc == 0)
		return s.year != 0 ? 404 : 0;
	if (s.year != 0 && c->stamp.rows <= TITLES_MAX) {
		/* The titles too. */
		if (db_stamp_range(c->app->db, c->now, s.from, s.to,
		    &c->stamp) == -1)
			return 500;
		db_stamp_mix(&c->stamp, 1, 0);
	}
	return 0;
}

/* A year's or a month's entry: what both kinds of lists show. */
static struct tv *
entry(struct ctx *c, struct tv *list, int year, int month, long long count)
{
	struct tv	*m = tv_list_add(c->a, list);

	tv_int(c->a, m, "count", count);
	tv_bool(c->a, m, "one", count == 1);
	if (month == 0) {
		tv_int(c->a, m, "year", year);
		tv_text(c->a, m, "url", arena_printf(c->a, "/archive/%04d",
		    year));
		return m;
	}
	tv_text(c->a, m, "name", arena_printf(c->a, "%s %d",
	    date_month_name(month), year));
	tv_text(c->a, m, "id", arena_printf(c->a, "m%04d-%02d", year, month));
	tv_text(c->a, m, "url", month_url(c, year, month, 1));
	return m;
}

/* The years of the months m[0..n), each with its months and counts. */
static struct tv *
years_of_months(struct ctx *c, const struct db_month *m, size_t n)
{
	struct tv	*years, *ym, *months;
	long long	 count;
	size_t		 i, j, k;

	years = tv_list(c->a);
	for (i = 0; i < n; i = j) {
		count = 0;
		for (j = i; j < n && m[j].year == m[i].year; j++)
			count += m[j].count;
		ym = entry(c, years, m[i].year, 0, count);
		tv_bool(c->a, ym, "titles", 0);
		months = tv_list(c->a);
		for (k = i; k < j; k++)
			tv_set(c->a, entry(c, months, m[k].year, m[k].month,
			    m[k].count), "articles", tv_list(c->a));
		tv_set(c->a, ym, "months", months);
	}
	return years;
}

/* The years of p[0..n) (newest first), each with its months and their
 * articles. */
static struct tv *
years_of_posts(struct ctx *c, const struct post *p, size_t n)
{
	struct tv	*years, *ym, *months, *mm, *list;
	size_t		 i, j, k, l, q;
	int		*yy, *mo;

	yy = arena_alloc(c->a, (n + 1) * sizeof(*yy));
	mo = arena_alloc(c->a, (n + 1) * sizeof(*mo));
	for (i = 0; i < n; i++)
		date_year_month(p[i].published_at, &yy[i], &mo[i]);
	years = tv_list(c->a);
	for (i = 0; i < n; i = j) {
		for (j = i; j < n && yy[j] == yy[i]; j++)
			;
		ym = entry(c, years, yy[i], 0, (long long)(j - i));
		tv_bool(c->a, ym, "titles", 1);
		months = tv_list(c->a);
		for (k = i; k < j; k = l) {
			for (l = k; l < j && mo[l] == mo[k]; l++)
				;
			mm = entry(c, months, yy[k], mo[k], (long long)(l - k));
			list = tv_list(c->a);
			for (q = k; q < l; q++)
				view_list_item(c, list, &p[q]);
			tv_set(c->a, mm, "articles", list);
		}
		tv_set(c->a, ym, "months", months);
	}
	return years;
}

/* The page's heading and the line under it. */
static struct tv *
head(struct ctx *c, const struct scope *s, const char *label,
    long long count)
{
	struct tv	*root, *arch;
	const char	*scope = NULL, *title = "Archive";

	if (s->month != 0)
		scope = arena_printf(c->a, "%s %d", date_month_name(s->month),
		    s->year);
	else if (s->year != 0)
		scope = arena_printf(c->a, "%d", s->year);
	if (scope != NULL)
		title = arena_printf(c->a, "Archive: %s%s%s", scope,
		    *label != '\0' ? ", " : "", label);
	root = view_page(c, title);
	view_nav(c, root, "archive");
	arch = tv_map(c->a);
	tv_text(c->a, arch, "scope", scope);
	tv_text(c->a, arch, "label", label);
	tv_int(c->a, arch, "count", count);
	tv_bool(c->a, arch, "one", count == 1);
	tv_text(c->a, arch, "up_url", "");
	tv_text(c->a, arch, "up_label", "");
	if (s->month != 0) {
		tv_text(c->a, arch, "up_url", arena_printf(c->a,
		    "/archive/%04d", s->year));
		tv_text(c->a, arch, "up_label", arena_printf(c->a,
		    "All of %d", s->year));
	} else if (s->year != 0) {
		tv_text(c->a, arch, "up_url", "/archive");
		tv_text(c->a, arch, "up_label", "All years");
	}
	tv_bool(c->a, arch, "month", s->month != 0);
	tv_bool(c->a, arch, "all", s->year == 0);
	tv_set(c->a, root, "archive", arch);
	tv_set(c->a, root, "years", tv_list(c->a));
	tv_set(c->a, root, "articles", tv_list(c->a));
	tv_set(c->a, root, "pages", tv_list(c->a));
	return root;
}

/* A page of a month, and the links to all of its pages. */
static int
month_page(struct ctx *c, const struct scope *s)
{
	struct mpage	*mp;
	struct post	*p;
	struct tv	*root, *list, *pg;
	const char	*label = "";
	size_t		 n, i;
	long long	 k;

	if (mpage_of(c, s, &mp) == -1)
		return 500;
	if (mp->count == 0)
		return view_error(c, 404, arena_printf(c->a, "No articles "
		    "were published in %s %d.", date_month_name(s->month),
		    s->year));
	if (mp->page > mp->pages)
		return view_error(c, 404, arena_printf(c->a, "%s %d has %lld "
		    "page%s.", date_month_name(s->month), s->year, mp->pages,
		    mp->pages == 1 ? "" : "s"));
	if (db_post_list_month(c->app->db, c->a, c->now, s->from, s->to,
	    (mp->page - 1) * ARCHIVE_PER_PAGE, ARCHIVE_PER_PAGE, &p,
	    &n) == -1)
		return 500;
	if (mp->pages > 1)
		label = arena_printf(c->a, "page %lld of %lld", mp->page,
		    mp->pages);
	root = head(c, s, label, mp->count);
	list = tv_list(c->a);
	for (i = 0; i < n; i++)
		view_list_item(c, list, &p[i]);
	tv_set(c->a, root, "articles", list);
	list = tv_list(c->a);
	for (k = 1; mp->pages > 1 && k <= mp->pages; k++) {
		pg = tv_list_add(c->a, list);
		tv_int(c->a, pg, "n", k);
		tv_text(c->a, pg, "url", month_url(c, s->year, s->month, k));
		tv_bool(c->a, pg, "current", k == mp->page);
	}
	tv_set(c->a, root, "pages", list);
	return view_render(c, T_ARCHIVE, root);
}

int
h_archive(struct ctx *c)
{
	struct scope	 s;
	struct db_month	*m;
	struct post	*p;
	struct tv	*root;
	long long	 count = 0;
	size_t		 n, i;

	scope_of(c, &s);
	if (s.month != 0)
		return month_page(c, &s);
	if (db_archive_months(c->app->db, c->a, c->now, s.lo, s.hi, &m,
	    &n) == -1)
		return 500;
	for (i = 0; i < n; i++)
		count += m[i].count;
	if (s.year != 0 && count == 0)
		return view_error(c, 404, arena_printf(c->a, "No articles "
		    "were published in %d.", s.year));
	root = head(c, &s, "", count);
	if (s.year != 0 && count <= TITLES_MAX) {
		if (db_post_list_range(c->app->db, c->a, c->now, s.from, s.to,
		    &p, &n) == -1)
			return 500;
		tv_set(c->a, root, "years", years_of_posts(c, p, n));
	} else
		tv_set(c->a, root, "years", years_of_months(c, m, n));
	return view_render(c, T_ARCHIVE, root);
}
