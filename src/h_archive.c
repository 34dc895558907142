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

/* A month page's cursor: (LLONG_MAX, LLONG_MAX) for its first page. The
 * validator guarantees "digits-digits". 0, or -1 when the cursor lies
 * outside the month (another address for another page: not a page). */
static int
cursor_of(struct ctx *c, const struct scope *s, struct db_cursor *cur)
{
	const char	*q = c->req->query[QF_BEFORE];

	cur->t = cur->id = LLONG_MAX;
	if (q == NULL)
		return 0;
	cur->t = strtoll(q, NULL, 10);
	cur->id = strtoll(strchr(q, '-') + 1, NULL, 10);
	return cur->t >= s->from && cur->t < s->to ? 0 : -1;
}

static const char *
month_url(struct ctx *c, int year, int month, const struct db_cursor *cur)
{
	if (cur == NULL)
		return arena_printf(c->a, "/archive/%04d/%02d", year, month);
	return arena_printf(c->a, "/archive/%04d/%02d?before=%lld-%lld", year,
	    month, cur->t, cur->id);
}

/* A month's page starts, read once: by the stamp, kept for the page. */
struct pages {
	struct db_cursor	*pc;
	size_t			 n;
	long long		 total;
};

static int
pages_of(struct ctx *c, const struct scope *s, struct pages **out)
{
	struct pages	*pg = c->stamp_data;

	if (pg == NULL) {
		pg = arena_calloc(c->a, 1, sizeof(*pg));
		if (db_archive_pages(c->app->db, c->a, c->now, s->from, s->to,
		    ARCHIVE_PER_PAGE, &pg->pc, &pg->n, &pg->total) == -1)
			return -1;
		c->stamp_data = pg;
	}
	*out = pg;
	return 0;
}

int
h_archive_stamp(struct ctx *c)
{
	struct scope	 s;
	struct db_cursor cur;
	struct pages	*pg;
	size_t		 i;
	int		 rc;

	scope_of(c, &s);
	if (s.month != 0) {
		/* The page's rows, the month's count and where each of its
		 * pages starts: what the page shows of the month. */
		if (cursor_of(c, &s, &cur) == -1)
			return 404;
		if (db_stamp_range_page(c->app->db, c->now, s.from, s.to,
		    cur.t, cur.id, ARCHIVE_PER_PAGE, &c->stamp) == -1 ||
		    pages_of(c, &s, &pg) == -1)
			return 500;
		if (c->stamp.rows == 0)
			return 404;
		db_stamp_mix(&c->stamp, pg->total, (long long)pg->n);
		for (i = 0; i < pg->n; i++)
			db_stamp_mix(&c->stamp, pg->pc[i].t, pg->pc[i].id);
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
	tv_text(c->a, m, "url", month_url(c, year, month, NULL));
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
	struct db_cursor cur, *pc;
	struct pages	*pages;
	struct post	*p;
	struct tv	*root, *list, *pg;
	const char	*label = "";
	long long	 total;
	size_t		 n, np, i, at = 0;
	int		 first = c->req->query[QF_BEFORE] == NULL;

	if (cursor_of(c, s, &cur) == -1)
		return view_error(c, 404, "There is no such page of this "
		    "month.");
	if (db_post_list_month(c->app->db, c->a, c->now, s->from, s->to,
	    cur.t, cur.id, ARCHIVE_PER_PAGE, &p, &n) == -1 ||
	    pages_of(c, s, &pages) == -1)
		return 500;
	pc = pages->pc;
	np = pages->n;
	total = pages->total;
	if (n == 0 && first)
		return view_error(c, 404, arena_printf(c->a, "No articles "
		    "were published in %s %d.", date_month_name(s->month),
		    s->year));
	if (n == 0)
		return view_error(c, 404, "There are no older articles in "
		    "this month.");
	/* Which page this is: the first without a cursor; an old link that
	 * no longer starts a page still shows what is older than it. */
	if (!first)
		for (at = 0; at < np; at++)
			if (pc[at].t == cur.t && pc[at].id == cur.id)
				break;
	if (np > 0 && (first || at < np))
		label = arena_printf(c->a, "page %zu of %zu", first ? 1 :
		    at + 2, np + 1);
	else if (np > 0)
		label = arena_printf(c->a, "from %s", date_human(c->a,
		    p[0].published_at));
	root = head(c, s, label, total);
	list = tv_list(c->a);
	for (i = 0; i < n; i++)
		view_list_item(c, list, &p[i]);
	tv_set(c->a, root, "articles", list);
	list = tv_list(c->a);
	for (i = 0; np > 0 && i <= np; i++) {
		pg = tv_list_add(c->a, list);
		tv_int(c->a, pg, "n", (long long)i + 1);
		tv_text(c->a, pg, "url", month_url(c, s->year, s->month,
		    i == 0 ? NULL : &pc[i - 1]));
		tv_bool(c->a, pg, "current", first ? i == 0 :
		    i > 0 && i - 1 == at);
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
