/*
 * h_archive: one range query, newest first, cut into years and months.
 * A year or month with no article is a 404 (it is not a page).
 */
#include <limits.h>
#include <stdlib.h>

#include "date.h"
#include "db_post.h"
#include "db_stamp.h"
#include "h_archive.h"
#include "view.h"

/* The period the page shows: all (year 0), a year or a month. */
static void
params(struct ctx *c, int *year, int *month, long long *from, long long *to)
{
	*year = c->args[0] != NULL ? atoi(c->args[0]) : 0;
	*month = c->args[1] != NULL ? atoi(c->args[1]) : 0;
	*from = LLONG_MIN;
	*to = LLONG_MAX;
	if (*year != 0)
		date_range(*year, *month, from, to);
}

int
h_archive_stamp(struct ctx *c)
{
	long long	 from, to;
	int		 year, month;

	params(c, &year, &month, &from, &to);
	if (db_stamp_range(c->app->db, c->now, from, to, &c->stamp) == -1)
		return 500;
	return year != 0 && c->stamp.rows == 0 ? 404 : 0;
}

/* The years of p[0..n), each with its months and their articles. */
static struct tv *
years_of(struct ctx *c, const struct post *p, size_t n)
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
		ym = tv_list_add(c->a, years);
		tv_int(c->a, ym, "year", yy[i]);
		tv_text(c->a, ym, "url", arena_printf(c->a, "/archive/%d",
		    yy[i]));
		tv_int(c->a, ym, "count", (long long)(j - i));
		tv_bool(c->a, ym, "one", j - i == 1);
		months = tv_list(c->a);
		for (k = i; k < j; k = l) {
			for (l = k; l < j && mo[l] == mo[k]; l++)
				;
			mm = tv_list_add(c->a, months);
			tv_text(c->a, mm, "name", arena_printf(c->a, "%s %d",
			    date_month_name(mo[k]), yy[k]));
			tv_text(c->a, mm, "id", arena_printf(c->a, "m%d-%02d",
			    yy[k], mo[k]));
			tv_text(c->a, mm, "url", arena_printf(c->a,
			    "/archive/%d/%02d", yy[k], mo[k]));
			tv_int(c->a, mm, "count", (long long)(l - k));
			tv_bool(c->a, mm, "one", l - k == 1);
			list = tv_list(c->a);
			for (q = k; q < l; q++)
				view_list_item(c, list, &p[q]);
			tv_set(c->a, mm, "articles", list);
		}
		tv_set(c->a, ym, "months", months);
	}
	return years;
}

int
h_archive(struct ctx *c)
{
	struct post	*p;
	struct tv	*root, *arch;
	long long	 from, to;
	size_t		 n;
	int		 year, month;
	const char	*scope;

	params(c, &year, &month, &from, &to);
	if (db_post_list_range(c->app->db, c->a, c->now, from, to, &p,
	    &n) == -1)
		return 500;
	if (month != 0)
		scope = arena_printf(c->a, "%s %d", date_month_name(month), year);
	else if (year != 0)
		scope = arena_printf(c->a, "%d", year);
	else
		scope = NULL;
	if (n == 0 && scope != NULL)
		return view_error(c, 404, arena_printf(c->a,
		    "No articles were published in %s.", scope));

	root = view_page(c, scope != NULL ?
	    arena_printf(c->a, "Archive: %s", scope) : "Archive");
	view_nav(c, root, "archive");
	arch = tv_map(c->a);
	tv_text(c->a, arch, "scope", scope);
	tv_int(c->a, arch, "count", (long long)n);
	tv_bool(c->a, arch, "one", n == 1);
	tv_text(c->a, arch, "up_url", "");
	tv_text(c->a, arch, "up_label", "");
	if (month != 0) {
		tv_text(c->a, arch, "up_url", arena_printf(c->a,
		    "/archive/%d", year));
		tv_text(c->a, arch, "up_label", arena_printf(c->a,
		    "All of %d", year));
	} else if (year != 0) {
		tv_text(c->a, arch, "up_url", "/archive");
		tv_text(c->a, arch, "up_label", "All years");
	}
	tv_set(c->a, root, "archive", arch);
	tv_set(c->a, root, "years", years_of(c, p, n));
	return view_render(c, T_ARCHIVE, root);
}
