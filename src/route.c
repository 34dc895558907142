/*
 * route: the one table of URLs. A pattern is literal segments and typed
 * captures; a capture's type is its validator, so a handler only ever sees
 * a year of four digits, a month 01..12, a slug of [a-z0-9-], a tag's
 * slug (tag.h: lowercase UTF-8 letters, digits and single hyphens) and an
 * id of digits. The first literal segment of every pattern is the site's own,
 * so no static page can take it; a row names any further slug it keeps.
 */
#include <string.h>

#include "buf.h"
#include "h_admin_auth.h"
#include "h_admin_list.h"
#include "h_admin_post.h"
#include "h_admin_redirects.h"
#include "h_admin_settings.h"
#include "h_admin_tools.h"
#include "h_archive.h"
#include "h_article.h"
#include "h_disclaimer.h"
#include "h_feed.h"
#include "h_home.h"
#include "h_page.h"
#include "h_robots.h"
#include "h_sitemap.h"
#include "h_tag.h"
#include "h_search.h"
#include "html.h"
#include "route.h"
#include "tag.h"

#define M_GET	(1u << METHOD_GET | 1u << METHOD_HEAD)
#define M_POST	(1u << METHOD_POST)
#define M_FORM	(M_GET | M_POST)
#define M_UPLOAD (1u << METHOD__MAX)	/* with M_POST: multipart too */

#define Q(f)	(1u << (f))
#define Q_ADMIN	Q(QF_DONE)
/* A reader route that only redirects, to an address with no query: its
 * query is ignored, not sent to a canonical address first (one hop). */
#define Q_ANY	(1u << QF__MAX)

enum route_id {
	ROUTE_HOME,
	ROUTE_ARCHIVE,
	ROUTE_ARCHIVE_YEAR,
	ROUTE_ARCHIVE_MONTH,
	ROUTE_FEED_ATOM,
	ROUTE_FEED_RSS,
	ROUTE_FEED_JSON,
	ROUTE_FEED_SLASH,
	ROUTE_FEED_ALIAS,
	ROUTE_FEED_RSS_ALIAS,
	ROUTE_FEED_RSS_XML,
	ROUTE_FEED_ATOM_XML,
	ROUTE_FEED_INDEX_XML,
	ROUTE_FEED_FEED_XML,
	ROUTE_SEARCH,
	ROUTE_ARTICLE,
	ROUTE_ROBOTS,
	ROUTE_SITEMAP,
	ROUTE_SITEMAP_YEAR,
	ROUTE_DISCLAIMER,
	ROUTE_TAGS,
	ROUTE_TAG,
	ROUTE_TAG_FEED_ATOM,
	ROUTE_TAG_FEED_RSS,
	ROUTE_TAG_FEED_JSON,
	ROUTE_ADMIN,
	ROUTE_ADMIN_LOGIN,
	ROUTE_ADMIN_LOGOUT,
	ROUTE_ADMIN_ARTICLE_NEW,
	ROUTE_ADMIN_ARTICLE,
	ROUTE_ADMIN_ARTICLE_DELETE,
	ROUTE_ADMIN_PAGE_NEW,
	ROUTE_ADMIN_PAGE,
	ROUTE_ADMIN_PAGE_DELETE,
	ROUTE_ADMIN_SETTINGS,
	ROUTE_ADMIN_ACCOUNT,
	ROUTE_ADMIN_REDIRECTS,
	ROUTE_ADMIN_REDIRECT_DELETE,
	ROUTE_ADMIN_TOOLS,
	ROUTE_ADMIN_TOOLS_EXPORT,
	ROUTE_ADMIN_TOOLS_IMPORT,
	ROUTE_PAGE,
	ROUTE__MAX
};

/* First match wins: fixed paths come before the captures that would also
 * take them ("/admin" before "/{slug}"). */
static const struct route {
	const char	*pattern;
	unsigned	 methods;
	enum route_kind	 kind;
	unsigned	 query;		/* the query fields the page takes */
	route_handler	 handler;
	route_handler	 stamp;		/* NULL: not cached */
	const char	*reserves;	/* more slugs kept from static pages */
} routes[ROUTE__MAX] = {
	/* ROUTE_HOME: nginx serves /static/ and /favicon.ico itself; the
	 * discovery pages to come keep their names from now on. */
	{ "/", M_GET, RK_READER, Q(QF_BEFORE) | Q(QF_WP_P) | Q(QF_WP_PAGE_ID),
	    h_home, h_home_stamp,
	    "static favicon-ico feed feeds search sitemap tags" },
	/* ROUTE_ARCHIVE */
	{ "/archive", M_GET, RK_READER, 0, h_archive, h_archive_stamp, NULL },
	/* ROUTE_ARCHIVE_YEAR */
	{ "/archive/{year}", M_GET, RK_READER, 0, h_archive, h_archive_stamp,
	    NULL },
	/* ROUTE_ARCHIVE_MONTH: later pages by cursor (?before=). */
	{ "/archive/{year}/{month}", M_GET, RK_READER, Q(QF_PAGE), h_archive,
	    h_archive_stamp, NULL },
	/* ROUTE_FEED_ATOM: the feeds share one stamp (h_feed.c). */
	{ "/feed.atom", M_GET, RK_READER, 0, h_feed_atom, h_feed_stamp, NULL },
	/* ROUTE_FEED_RSS */
	{ "/feed.rss", M_GET, RK_READER, 0, h_feed_rss, h_feed_stamp, NULL },
	/* ROUTE_FEED_JSON */
	{ "/feed.json", M_GET, RK_READER, 0, h_feed_json, h_feed_stamp, NULL },
	/* ROUTE_FEED_SLASH: the addresses feed readers and other engines
	 * use, sent on to ours; each keeps its first segment from static
	 * pages like any other row. */
	{ "/feed/", M_GET, RK_READER, Q_ANY, h_feed_to_atom, NULL, NULL },
	/* ROUTE_FEED_ALIAS */
	{ "/feed", M_GET, RK_READER, Q_ANY, h_feed_to_atom, NULL, NULL },
	/* ROUTE_FEED_RSS_ALIAS */
	{ "/rss", M_GET, RK_READER, Q_ANY, h_feed_to_rss, NULL, NULL },
	/* ROUTE_FEED_RSS_XML */
	{ "/rss.xml", M_GET, RK_READER, Q_ANY, h_feed_to_rss, NULL, NULL },
	/* ROUTE_FEED_ATOM_XML */
	{ "/atom.xml", M_GET, RK_READER, Q_ANY, h_feed_to_atom, NULL, NULL },
	/* ROUTE_FEED_INDEX_XML */
	{ "/index.xml", M_GET, RK_READER, Q_ANY, h_feed_to_atom, NULL, NULL },
	/* ROUTE_FEED_FEED_XML */
	{ "/feed.xml", M_GET, RK_READER, Q_ANY, h_feed_to_atom, NULL, NULL },
	/* ROUTE_SEARCH */
	{ "/search", M_GET, RK_READER, Q(QF_Q) | Q(QF_PAGE), h_search,
	    h_search_stamp, NULL },
	/* ROUTE_ARTICLE: ?r=REVISION, the admin's View link, only at the
	 * revision it has (app.c's canonical()). */
	{ "/{year}/{month}/{slug}", M_GET, RK_READER, Q(QF_R), h_article,
	    h_article_stamp, NULL },
	/* ROUTE_ROBOTS: what a slug made from its name would be is kept. */
	{ "/robots.txt", M_GET, RK_READER, 0, h_robots, h_robots_stamp,
	    "robots-txt" },
	/* ROUTE_SITEMAP */
	{ "/sitemap.xml", M_GET, RK_READER, 0, h_sitemap, h_sitemap_stamp,
	    "sitemap-xml" },
	/* ROUTE_SITEMAP_YEAR: a file of the index, past SITEMAP_MAX. */
	{ "/{sitemap-year}", M_GET, RK_READER, 0, h_sitemap, h_sitemap_stamp,
	    NULL },
	/* ROUTE_DISCLAIMER: where the settings show it only on articles. */
	{ "/disclaimer", M_GET, RK_READER, 0, h_disclaimer, h_disclaimer_stamp,
	    NULL },
	/* ROUTE_TAGS */
	{ "/tags", M_GET, RK_READER, 0, h_tags, h_tags_stamp, NULL },
	/* ROUTE_TAG: older pages as the home page's (?before=). */
	{ "/tag/{tag}", M_GET, RK_READER, Q(QF_BEFORE), h_tag, h_tag_stamp,
	    NULL },
	/* ROUTE_TAG_FEED_ATOM: a tag's feeds share one stamp (h_feed.c). */
	{ "/tag/{tag}/feed.atom", M_GET, RK_READER, 0, h_tag_feed_atom,
	    h_tag_feed_stamp, NULL },
	/* ROUTE_TAG_FEED_RSS */
	{ "/tag/{tag}/feed.rss", M_GET, RK_READER, 0, h_tag_feed_rss,
	    h_tag_feed_stamp, NULL },
	/* ROUTE_TAG_FEED_JSON */
	{ "/tag/{tag}/feed.json", M_GET, RK_READER, 0, h_tag_feed_json,
	    h_tag_feed_stamp, NULL },
	/* ROUTE_ADMIN */
	{ "/admin", M_GET, RK_ADMIN, Q_ADMIN | Q(QF_STATUS) | Q(QF_PAGE),
	    h_admin_list, NULL, NULL },
	/* ROUTE_ADMIN_LOGIN */
	{ "/admin/login", M_FORM, RK_SIGNIN, Q_ADMIN | Q(QF_NEXT),
	    h_admin_login, NULL, NULL },
	/* ROUTE_ADMIN_LOGOUT */
	{ "/admin/logout", M_POST, RK_ADMIN, 0, h_admin_logout, NULL, NULL },
	/* ROUTE_ADMIN_ARTICLE_NEW */
	{ "/admin/articles/new", M_FORM, RK_ADMIN, Q_ADMIN,
	    h_admin_article_edit, NULL, NULL },
	/* ROUTE_ADMIN_ARTICLE */
	{ "/admin/articles/{id}", M_FORM, RK_ADMIN, Q_ADMIN,
	    h_admin_article_edit, NULL, NULL },
	/* ROUTE_ADMIN_ARTICLE_DELETE */
	{ "/admin/articles/{id}/delete", M_FORM, RK_ADMIN, Q_ADMIN,
	    h_admin_article_delete, NULL, NULL },
	/* ROUTE_ADMIN_PAGE_NEW */
	{ "/admin/pages/new", M_FORM, RK_ADMIN, Q_ADMIN, h_admin_page_edit,
	    NULL, NULL },
	/* ROUTE_ADMIN_PAGE */
	{ "/admin/pages/{id}", M_FORM, RK_ADMIN, Q_ADMIN, h_admin_page_edit,
	    NULL, NULL },
	/* ROUTE_ADMIN_PAGE_DELETE */
	{ "/admin/pages/{id}/delete", M_FORM, RK_ADMIN, Q_ADMIN,
	    h_admin_page_delete, NULL, NULL },
	/* ROUTE_ADMIN_SETTINGS */
	{ "/admin/settings", M_FORM, RK_ADMIN, Q_ADMIN, h_admin_settings,
	    NULL, NULL },
	/* ROUTE_ADMIN_ACCOUNT */
	{ "/admin/account", M_FORM, RK_ADMIN, Q_ADMIN, h_admin_account, NULL,
	    NULL },
	/* ROUTE_ADMIN_REDIRECTS: the list and the form that adds one. */
	{ "/admin/redirects", M_FORM, RK_ADMIN, Q_ADMIN, h_admin_redirects,
	    NULL, NULL },
	/* ROUTE_ADMIN_REDIRECT_DELETE */
	{ "/admin/redirects/{id}/delete", M_POST, RK_ADMIN, 0,
	    h_admin_redirect_delete, NULL, NULL },
	/* ROUTE_ADMIN_TOOLS: the import and export forms. */
	{ "/admin/tools", M_GET, RK_ADMIN, Q_ADMIN, h_admin_tools, NULL,
	    NULL },
	/* ROUTE_ADMIN_TOOLS_EXPORT: answers a zip. */
	{ "/admin/tools/export", M_POST, RK_ADMIN, 0, h_admin_tools_export,
	    NULL, NULL },
	/* ROUTE_ADMIN_TOOLS_IMPORT: the one form sent as multipart. */
	{ "/admin/tools/import", M_POST | M_UPLOAD, RK_ADMIN, 0,
	    h_admin_tools_import, NULL, NULL },
	/* ROUTE_PAGE */
	{ "/{slug}", M_GET, RK_READER, Q(QF_R), h_page, h_page_stamp, NULL },
};

/* The order of the query fields in a canonical address: a search's words
 * before its page, as its links have always written them, then the rest
 * (no page takes more than two). Every QF_* once (test_canon). */
static const enum req_qfield qorder[QF__MAX] = {
	QF_Q, QF_PAGE, QF_BEFORE, QF_STATUS, QF_WP_P, QF_WP_PAGE_ID, QF_R,
	QF_NEXT, QF_DONE,
};

static int
all_digits(const char *s, size_t len)
{
	size_t	 i;

	for (i = 0; i < len; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return len > 0;
}

static int
cap_year(const char *s, size_t len)
{
	return len == 4 && all_digits(s, len) && s[0] != '0';
}

static int
cap_month(const char *s, size_t len)
{
	return len == 2 && all_digits(s, len) &&
	    ((s[0] == '0' && s[1] != '0') || (s[0] == '1' && s[1] <= '2'));
}

static int
cap_slug(const char *s, size_t len)
{
	size_t	 i;

	if (len == 0 || len > 100 || s[0] == '-')
		return 0;
	for (i = 0; i < len; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') ||
		    (s[i] >= '0' && s[i] <= '9') || s[i] == '-'))
			return 0;
	return 1;
}

/* "sitemap-YYYY.xml": a sitemap index's file of a year. */
static int
cap_sitemap_year(const char *s, size_t len)
{
	return len == 16 && strncmp(s, "sitemap-", 8) == 0 &&
	    cap_year(s + 8, 4) && strncmp(s + 12, ".xml", 4) == 0;
}

/* A row id: 1 to 18 digits, no leading zero. */
static int
cap_id(const char *s, size_t len)
{
	return len <= 18 && all_digits(s, len) && s[0] != '0';
}

static const struct {
	const char	*name;
	int		(*valid)(const char *, size_t);
} captures[] = {
	{ "{year}", cap_year },
	{ "{month}", cap_month },
	{ "{slug}", cap_slug },
	{ "{tag}", tag_slug_valid },
	{ "{id}", cap_id },
	{ "{sitemap-year}", cap_sitemap_year },
};

/* Does path match pat? Captures go to args (arena copies). */
static int
match(struct arena *a, const char *pat, const char *path,
    const char *args[ROUTE_ARGS_MAX])
{
	size_t	 plen, slen, i, nargs = 0;

	for (;;) {
		if (*pat == '\0' || *path == '\0')
			return *pat == '\0' && *path == '\0';
		if (*pat != '/' || *path != '/')
			return 0;
		pat++, path++;
		plen = strcspn(pat, "/");
		slen = strcspn(path, "/");
		if (plen == 0 && slen == 0)
			continue;	/* the root "/" */
		if (pat[0] != '{') {
			if (plen != slen || strncmp(pat, path, plen) != 0)
				return 0;
		} else {
			for (i = 0; i < sizeof(captures) / sizeof(captures[0]);
			    i++)
				if (strlen(captures[i].name) == plen &&
				    strncmp(pat, captures[i].name, plen) == 0)
					break;
			if (i == sizeof(captures) / sizeof(captures[0]) ||
			    nargs == ROUTE_ARGS_MAX ||
			    !captures[i].valid(path, slen))
				return 0;
			args[nargs++] = arena_strndup(a, path, slen);
		}
		pat += plen;
		path += slen;
	}
}

int
route_match(struct arena *a, const char *path, enum req_method method,
    struct route_match *m)
{
	size_t	 i;

	memset(m, 0, sizeof(*m));
	for (i = 0; i < ROUTE__MAX; i++) {
		if (!match(a, routes[i].pattern, path, m->args)) {
			memset(m->args, 0, sizeof(m->args));
			continue;
		}
		m->allow = routes[i].methods == M_POST ? "POST" :
		    routes[i].methods & M_POST ? "GET, HEAD, POST" : "GET, HEAD";
		m->kind = routes[i].kind;
		if (method >= METHOD_OTHER ||
		    !(routes[i].methods & (1u << method)))
			return 405;
		m->handler = routes[i].handler;
		m->stamp = routes[i].stamp;
		m->query = routes[i].query & ~Q_ANY;
		m->canonical = routes[i].kind == RK_READER &&
		    !(routes[i].query & Q_ANY);
		m->upload = (routes[i].methods & M_UPLOAD) != 0;
		return 0;
	}
	return 404;
}

/* Is word one of the space-separated words of list? */
static int
listed(const char *list, const char *word, size_t len)
{
	const char	*p = list;
	size_t		 n;

	while (p != NULL && *p != '\0') {
		n = strcspn(p, " ");
		if (n == len && strncmp(p, word, len) == 0)
			return 1;
		p += n;
		p += strspn(p, " ");
	}
	return 0;
}

int
route_reserved(const char *slug)
{
	const char	*pat;
	size_t		 i, n, len = strlen(slug);

	for (i = 0; i < ROUTE__MAX; i++) {
		pat = routes[i].pattern + 1;
		n = strcspn(pat, "/");
		if (n > 0 && pat[0] != '{' && n == len &&
		    strncmp(pat, slug, n) == 0)
			return 1;
		if (listed(routes[i].reserves, slug, len))
			return 1;
	}
	return 0;
}

enum route_slot
route_slot(struct arena *a, const char *path, const char **slug)
{
	const char	*args[ROUTE_ARGS_MAX] = { NULL };
	size_t		 i;

	*slug = NULL;
	/* The admin's (app.c gives any /admin... the admin's pages), and
	 * what nginx serves before quire sees it. */
	if (strncmp(path, "/admin", 6) == 0 ||
	    strncmp(path, "/static/", 8) == 0 ||
	    strcmp(path, "/favicon.ico") == 0)
		return RS_OWN;
	for (i = 0; i < ROUTE__MAX; i++) {
		if (!match(a, routes[i].pattern, path, args)) {
			memset(args, 0, sizeof(args));
			continue;
		}
		if (i == ROUTE_ARTICLE) {
			*slug = args[2];
			return RS_ARTICLE;
		}
		if (i == ROUTE_PAGE) {
			*slug = args[0];
			return RS_PAGE;
		}
		return RS_OWN;
	}
	return RS_FREE;
}

static void
put_query(struct buf *b, const char *const q[QF__MAX], unsigned mask)
{
	enum req_qfield	 f;
	size_t		 i, n = 0;

	for (i = 0; i < QF__MAX; i++) {
		f = qorder[i];
		if (!(mask & (1u << f)) || q[f] == NULL || *q[f] == '\0')
			continue;
		if (n++ > 0)
			buf_putc(b, '&');
		buf_puts(b, req_qfield_name(f));
		buf_putc(b, '=');
		html_pct_form(b, q[f], strlen(q[f]));
	}
}

const char *
route_canonical(struct arena *a, const char *path,
    const char *const q[QF__MAX], unsigned mask)
{
	struct buf	 b;
	const char	*res;
	size_t		 len;

	buf_init(&b);
	/* A path may hold UTF-8 (a tag's slug): percent-encoded. */
	html_pct_path(&b, path, strlen(path));
	len = b.len;
	buf_putc(&b, '?');
	put_query(&b, q, mask);
	res = arena_strndup(a, b.data, b.len == len + 1 ? len : b.len);
	buf_free(&b);
	return res;
}

const char *
route_canonical_query(struct arena *a, const char *const q[QF__MAX],
    unsigned mask)
{
	struct buf	 b;
	const char	*res;

	buf_init(&b);
	put_query(&b, q, mask);
	res = arena_strndup(a, b.len > 0 ? b.data : "", b.len);
	buf_free(&b);
	return res;
}
