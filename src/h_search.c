/*
 * h_search: the reader's words through search_build() (never passed to
 * FTS5 as typed), the matches from db_search, their marked titles and
 * snippets through search_mark(), then the page. The stamp counts every
 * match in the search window (db_search.h), so the handler (which runs
 * after it: GET and HEAD only) takes the count and the window from it.
 */
#include <stdlib.h>
#include <string.h>

#include "db_search.h"
#include "h_search.h"
#include "route.h"
#include "search.h"
#include "view.h"

#define PER_PAGE	10

/* The search and the page number, as both the stamp and the page read
 * them. Returns 1 if the reader typed anything but blanks. */
static int
params(struct ctx *c, struct search_query *sq, int *page)
{
	const char	*q = c->req->query[QF_Q];

	/* The validator guarantees 1 to 6 digits, no leading zero. */
	*page = c->req->query[QF_PAGE] != NULL ?
	    atoi(c->req->query[QF_PAGE]) : 1;
	search_build(c->a, q != NULL ? q : "", sq);
	return q != NULL && q[strspn(q, " \t\r\n")] != '\0';
}

int
h_search_stamp(struct ctx *c)
{
	struct search_query	 sq;
	int			 page;

	memset(&c->stamp, 0, sizeof(c->stamp));
	params(c, &sq, &page);
	if (sq.fts == NULL)
		return page > 1 ? 404 : 0;
	if (db_search_stamp(c->app->db, sq.fts, c->now, &c->stamp) == -1)
		return 500;
	/* The ranking moves with every save (db_search.h). */
	db_stamp_mix(&c->stamp, atoll(c->site.v[SET_CHANGED_AT]), 0);
	return page > 1 && (long long)(page - 1) * PER_PAGE >= c->stamp.rows ?
	    404 : 0;
}

/* The address of another page of the same search: its canonical one, so
 * following a link costs no redirect. */
static const char *
page_url(struct ctx *c, const char *q, int page)
{
	const char	*v[QF__MAX] = { NULL };

	v[QF_Q] = q;
	v[QF_PAGE] = arena_printf(c->a, "%d", page);
	return route_canonical(c->a, "/search", v, c->query);
}

/* The count line: "12 articles match; 11 to 12 shown." */
static const char *
summary(struct ctx *c, long long total, int page, size_t n)
{
	long long	 first = (long long)(page - 1) * PER_PAGE + 1;

	if (total == 0)
		return "No articles match.";
	/* A common word: only the window was ranked (db_search.h). */
	if (c->stamp.floor > 0)
		return arena_printf(c->a, "Many articles match: the best of "
		    "the %d newest are listed, %lld to %lld shown. More words "
		    "narrow the search.", SEARCH_WINDOW, first,
		    first + (long long)n - 1);
	if (total <= PER_PAGE)
		return total == 1 ? "1 article matches." :
		    arena_printf(c->a, "%lld articles match.", total);
	return arena_printf(c->a, "%lld articles match; %lld to %lld shown.",
	    total, first, first + (long long)n - 1);
}

int
h_search(struct ctx *c)
{
	struct search_query	 sq;
	struct search_hit	*h = NULL;
	struct tv		*root, *s, *list, *m;
	const char		*q = c->req->query[QF_Q], *note = "";
	long long		 total = c->stamp.rows;
	size_t			 n = 0, i;
	int			 page, asked;

	asked = params(c, &sq, &page);
	if (sq.fts == NULL && page > 1)
		return view_error(c, 404, "There are no more results.");
	if (sq.fts != NULL) {
		if (db_search_page(c->app->db, c->a, sq.fts, c->now,
		    c->stamp.floor, PER_PAGE, (page - 1) * PER_PAGE, &h,
		    &n) == -1)
			return 500;
		if (page > 1 && n == 0)
			return view_error(c, 404, "There are no more results.");
	} else if (asked)
		note = "There was no word to search for: letters and digits "
		    "are searched, punctuation and the words AND, OR, NOT "
		    "and NEAR are not.";
	if (sq.dropped > 0)
		note = arena_printf(c->a, "Only the first %d words were "
		    "searched.", SEARCH_WORDS_MAX);

	root = view_page(c, asked ? arena_printf(c->a, "Search: %s", q) :
	    "Search");
	s = tv_map(c->a);
	tv_text(c->a, s, "q", asked ? q : "");
	tv_bool(c->a, s, "asked", asked);
	tv_text(c->a, s, "note", note);
	tv_text(c->a, s, "summary", summary(c, sq.fts != NULL ? total : 0,
	    page, n));
	tv_text(c->a, s, "prev_url", page_url(c, q, page - 1));
	tv_bool(c->a, s, "has_prev", page > 1);
	tv_text(c->a, s, "next_url", page_url(c, q, page + 1));
	tv_bool(c->a, s, "has_next",
	    (long long)(page - 1) * PER_PAGE + (long long)n < total);
	tv_set(c->a, root, "search", s);
	list = tv_list(c->a);
	for (i = 0; i < n; i++) {
		m = view_list_item(c, list, &h[i].p);
		tv_html(c->a, m, "title_html", search_mark(c->a,
		    h[i].title_marked, h[i].title_len));
		tv_html(c->a, m, "snippet", search_mark(c->a, h[i].snippet,
		    h[i].snippet_len));
	}
	tv_set(c->a, root, "hits", list);
	return view_render(c, T_SEARCH, root);
}
