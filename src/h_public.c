/*
 * h_public: reader pages. Each handler reads top to bottom like its page:
 * fetch, shape the values, render. Status codes are the return value.
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "h_public.h"
#include "markdown.h"

#define EXCERPT_SOURCE	1500	/* characters of body fetched for excerpts */
#define EXCERPT_MAX	320	/* bytes of excerpt shown */
#define WORDS_PER_MIN	230

static char *
article_url(struct ctx *c, const struct article *ar)
{
	int	 y, m;

	date_year_month(ar->published_at, &y, &m);
	return arena_printf(c->a, "/%04d/%02d/%s", y, m, ar->slug);
}

static const char *
author_of(struct ctx *c, const struct article *ar)
{
	return *ar->author != '\0' ? ar->author : c->site.v[SET_AUTHOR];
}

/* The fields every list of articles shows. */
static struct tv *
add_article(struct ctx *c, struct tv *list, const struct article *ar)
{
	struct tv	*m;

	m = tv_list_add(c->a, list);
	tv_text(c->a, m, "title", ar->title);
	tv_text(c->a, m, "url", article_url(c, ar));
	tv_text(c->a, m, "date", date_human(c->a, ar->published_at));
	tv_text(c->a, m, "datetime", date_iso(c->a, ar->published_at));
	tv_text(c->a, m, "author", author_of(c, ar));
	return m;
}

static void
set_nav(struct ctx *c, struct tv *root, const char *current)
{
	struct tv	*nav;

	nav = tv_map(c->a);
	tv_bool(c->a, nav, current, 1);
	tv_set(c->a, root, "nav", nav);
}

/* The home page's cursor and length, as both its stamp and its page
 * read them. The validator guarantees the cursor is "digits-digits". */
static int
home_params(struct ctx *c, long long *bt, long long *bid)
{
	const char	*cur = c->req->query[QF_BEFORE];
	int		 per_page;

	*bt = *bid = LLONG_MAX;
	if (cur != NULL) {
		*bt = strtoll(cur, NULL, 10);
		*bid = strtoll(strchr(cur, '-') + 1, NULL, 10);
	}
	per_page = atoi(c->site.v[SET_PER_PAGE]);
	return per_page >= 1 && per_page <= 100 ? per_page : 10;
}

int
h_home_stamp(struct ctx *c)
{
	long long	 bt, bid;
	int		 per_page;

	per_page = home_params(c, &bt, &bid);
	if (db_stamp_home(c->app->db, c->now, bt, bid, per_page,
	    &c->stamp) == -1)
		return 500;
	return c->req->query[QF_BEFORE] != NULL && c->stamp.rows == 0 ? 404 : 0;
}

int
h_home(struct ctx *c)
{
	struct article	*ar;
	struct tv	*root, *list, *m;
	long long	 bt, bid;
	const char	*cur = c->req->query[QF_BEFORE], *src;
	size_t		 n, i;
	int		 per_page;

	per_page = home_params(c, &bt, &bid);
	if (db_articles_page(c->app->db, c->a, c->now, bt, bid, per_page + 1,
	    EXCERPT_SOURCE, &ar, &n) == -1)
		return 500;
	if (cur != NULL && n == 0)
		return app_error(c, 404, "There are no older articles.");

	root = app_page(c, cur != NULL ? "Older articles" : NULL);
	set_nav(c, root, "home");
	list = tv_list(c->a);
	for (i = 0; i < n && i < (size_t)per_page; i++) {
		m = add_article(c, list, &ar[i]);
		src = *ar[i].excerpt != '\0' ? ar[i].excerpt : ar[i].body;
		tv_text(c->a, m, "excerpt", md_excerpt(c->a, src, strlen(src),
		    EXCERPT_MAX));
	}
	tv_set(c->a, root, "articles", list);
	tv_bool(c->a, root, "first_page", cur == NULL);
	if (n > (size_t)per_page)
		tv_text(c->a, root, "older_url", arena_printf(c->a,
		    "/?before=%lld-%lld", ar[per_page - 1].published_at,
		    ar[per_page - 1].id));
	return app_render(c, T_HOME, root);
}

/* The period an archive page shows: all (year 0), a year or a month. */
static void
archive_params(struct ctx *c, int *year, int *month, long long *from,
    long long *to)
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

	archive_params(c, &year, &month, &from, &to);
	if (db_stamp_range(c->app->db, c->now, from, to, &c->stamp) == -1)
		return 500;
	return year != 0 && c->stamp.rows == 0 ? 404 : 0;
}

int
h_archive(struct ctx *c)
{
	struct article	*ar;
	struct tv	*root, *years, *ym, *months, *mm, *list, *arch;
	long long	 from, to;
	size_t		 n, i, j, k, l, q;
	int		 year, month, *yy, *mo;
	const char	*scope;

	archive_params(c, &year, &month, &from, &to);
	if (db_articles_range(c->app->db, c->a, c->now, from, to, &ar,
	    &n) == -1)
		return 500;
	if (month != 0)
		scope = arena_printf(c->a, "%s %d", date_month_name(month), year);
	else if (year != 0)
		scope = arena_printf(c->a, "%d", year);
	else
		scope = NULL;
	if (n == 0 && scope != NULL)
		return app_error(c, 404, arena_printf(c->a,
		    "No articles were published in %s.", scope));

	root = app_page(c, scope != NULL ?
	    arena_printf(c->a, "Archive: %s", scope) : "Archive");
	set_nav(c, root, "archive");
	arch = tv_map(c->a);
	tv_text(c->a, arch, "scope", scope);
	tv_int(c->a, arch, "count", (long long)n);
	tv_bool(c->a, arch, "one", n == 1);
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

	/* Rows come newest first; cut them into years, then months. */
	yy = arena_alloc(c->a, (n + 1) * sizeof(*yy));
	mo = arena_alloc(c->a, (n + 1) * sizeof(*mo));
	for (i = 0; i < n; i++)
		date_year_month(ar[i].published_at, &yy[i], &mo[i]);
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
				add_article(c, list, &ar[q]);
			tv_set(c->a, mm, "articles", list);
		}
		tv_set(c->a, ym, "months", months);
	}
	tv_set(c->a, root, "years", years);
	return app_render(c, T_ARCHIVE, root);
}

/* Previous or next article as {title, url} under key, when there is one. */
static int
set_neighbour(struct ctx *c, struct tv *root, const struct article *ar,
    int older, const char *key)
{
	struct article	 nb;
	struct tv	*m;
	int		 rc;

	if ((rc = db_article_neighbour(c->app->db, c->a, ar, c->now, older,
	    &nb)) != 1)
		return rc;
	m = tv_map(c->a);
	tv_text(c->a, m, "title", nb.title);
	tv_text(c->a, m, "url", article_url(c, &nb));
	tv_set(c->a, root, key, m);
	return 0;
}

int
h_article_stamp(struct ctx *c)
{
	struct article	 ar;
	int		 rc;

	if ((rc = db_stamp_article(c->app->db, c->args[2], c->now,
	    &c->stamp)) == -1)
		return 500;
	if (rc == 0)
		return 404;
	/* Another year or month: the handler redirects; no stamp. */
	ar.slug = c->args[2];
	ar.published_at = c->stamp.published_at;
	return strcmp(article_url(c, &ar), c->req->path) == 0 ? 0 : 404;
}

int
h_article(struct ctx *c)
{
	struct article		 ar;
	struct safe_html	 body;
	struct tv		*root, *m;
	const char		*url;
	int			 y, mo, rc;
	size_t			 words;

	rc = db_article_by_slug(c->app->db, c->a, c->args[2], c->now, &ar);
	if (rc == -1)
		return 500;
	if (rc == 0)
		return app_error(c, 404, "There is no article at this address. "
		    "The archive lists every article.");
	/* Same slug, other date: the article's date changed; send the
	 * reader (and search engines) to its one address. */
	url = article_url(c, &ar);
	if (strcmp(url, c->req->path) != 0) {
		resp_header(c->resp, "Location", app_abs_url(c, url));
		c->resp->status = 301;
		return 301;
	}
	if (md_render(c->a, ar.body, strlen(ar.body), &body) == -1)
		return 500;
	date_year_month(ar.published_at, &y, &mo);
	words = md_words(ar.body, strlen(ar.body));

	root = app_page(c, ar.title);
	set_nav(c, root, "archive");
	m = tv_map(c->a);
	tv_text(c->a, m, "title", ar.title);
	tv_text(c->a, m, "date", date_human(c->a, ar.published_at));
	tv_text(c->a, m, "datetime", date_iso(c->a, ar.published_at));
	tv_text(c->a, m, "author", author_of(c, &ar));
	tv_int(c->a, m, "minutes", (long long)((words + WORDS_PER_MIN - 1) /
	    WORDS_PER_MIN > 0 ? (words + WORDS_PER_MIN - 1) / WORDS_PER_MIN : 1));
	tv_html(c->a, m, "body", body);
	tv_text(c->a, m, "abs_url", app_abs_url(c, url));
	tv_text(c->a, m, "archive_url", arena_printf(c->a,
	    "/archive/%d/%02d", y, mo));
	tv_text(c->a, m, "archive_month", arena_printf(c->a, "%s %d",
	    date_month_name(mo), y));
	tv_set(c->a, root, "article", m);
	if (set_neighbour(c, root, &ar, 1, "prev") == -1 ||
	    set_neighbour(c, root, &ar, 0, "next") == -1)
		return 500;
	return app_render(c, T_ARTICLE, root);
}

int
h_page_stamp(struct ctx *c)
{
	int	 rc;

	if ((rc = db_stamp_static(c->app->db, c->args[0], &c->stamp)) == -1)
		return 500;
	return rc == 1 ? 0 : 404;
}

int
h_page(struct ctx *c)
{
	struct article		 pg;
	struct safe_html	 body;
	struct tv		*root, *m;
	int			 rc;

	if ((rc = db_page_by_slug(c->app->db, c->a, c->args[0], &pg)) == -1)
		return 500;
	if (rc == 0)
		return app_error(c, 404, "There is no page at this address.");
	if (md_render(c->a, pg.body, strlen(pg.body), &body) == -1)
		return 500;
	root = app_page(c, pg.title);
	set_nav(c, root, pg.slug);
	m = tv_map(c->a);
	tv_text(c->a, m, "title", pg.title);
	tv_html(c->a, m, "body", body);
	tv_set(c->a, root, "static", m);
	return app_render(c, T_PAGE, root);
}
