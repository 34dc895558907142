/*
 * h_feed: fetch the newest articles, render each with its links made
 * absolute, and hand them to feed.c with the site's title and the feed's
 * own address. The articles are the home page's first rows (the same
 * query with a full body), so the home page's stamp describes them too.
 * A tag's feeds (/tag/SLUG/feed.atom, ...) are the same call with the
 * tag's list, title and address. Each item carries its tags as
 * categories.
 */
#include <limits.h>
#include <string.h>

#include "body.h"
#include "date.h"
#include "db_post.h"
#include "db_stamp.h"
#include "db_tag.h"
#include "feed.h"
#include "h_feed.h"
#include "h_tag.h"
#include "view.h"

int
h_feed_stamp(struct ctx *c)
{
	if (db_stamp_home(c->app->db, c->now, LLONG_MAX, LLONG_MAX,
	    FEED_ITEMS, &c->stamp) == -1)
		return 500;
	return 0;
}

/*
 * "tag:HOST,YEAR:PATH" for ids that outlive a new title, slug or date
 * (RFC 4151): HOST is the base URL's, lowercased and without its port;
 * PATH is the base URL's path, if any, and then what names the row.
 */
static const char *
tag_id(struct ctx *c, long long t, const char *what)
{
	const char	*base = c->site.v[SET_BASE_URL], *host, *path;
	char		*h;
	size_t		 i, hlen, plen;
	int		 year, month;

	host = strstr(base, "://");
	host = host != NULL ? host + 3 : base;
	hlen = strcspn(host, "/?#");
	path = host + hlen;
	plen = strcspn(path, "?#");
	while (plen > 0 && path[plen - 1] == '/')
		plen--;
	if (plen > 0)
		path++, plen--;
	h = arena_strndup(c->a, host, hlen);
	/* The port, unless the colon is an IPv6 literal's. */
	if (strrchr(h, ':') != NULL && strrchr(h, ':') > strrchr(h, ']'))
		*strrchr(h, ':') = '\0';
	for (i = 0; h[i] != '\0'; i++)
		if (h[i] >= 'A' && h[i] <= 'Z')
			h[i] = (char)(h[i] - 'A' + 'a');
	date_year_month(t, &year, &month);
	return arena_printf(c->a, "tag:%s,%d:%.*s%s%s", h, year, (int)plen,
	    path, plen > 0 ? "/" : "", what);
}

/* Who wrote it, when nobody is named: the site's default author, else
 * the site itself. */
static const char *
fallback_author(struct ctx *c)
{
	return *c->site.v[SET_AUTHOR] != '\0' ? c->site.v[SET_AUTHOR] :
	    c->site.v[SET_TITLE];
}

/* An article's tag names, for its item's categories. */
static int
categories(struct ctx *c, long long id, struct feed_item *it)
{
	struct tag	*t;
	const char	**names;
	size_t		 n, i;

	if (db_tag_of_article(c->app->db, c->a, id, &t, &n) == -1)
		return -1;
	names = arena_calloc(c->a, n > 0 ? n : 1, sizeof(*names));
	for (i = 0; i < n; i++)
		names[i] = t[i].name;
	it->tags = names;
	it->ntags = n;
	return 0;
}

/* The feed of the site (t NULL) or of the tag t. */
static int
feed(struct ctx *c, enum feed_kind kind, const struct db_tag *t)
{
	struct post		*p;
	struct feed_item	*items;
	struct feed		 f;
	const char		*path;
	size_t			 n, i;

	if ((t == NULL ? db_post_list_page(c->app->db, c->a, c->now, LLONG_MAX,
	    LLONG_MAX, FEED_ITEMS, &p, &n) :
	    db_post_list_tag(c->app->db, c->a, t->id, c->now, LLONG_MAX,
	    LLONG_MAX, FEED_ITEMS, &p, &n)) == -1)
		return 500;
	/* A tag whose articles are none visible has no page, nor feed. */
	if (t != NULL && n == 0)
		return view_error(c, 404, "Nothing published carries this tag "
		    "yet.");
	memset(&f, 0, sizeof(f));
	items = arena_calloc(c->a, n > 0 ? n : 1, sizeof(*items));
	for (i = 0; i < n; i++) {
		path = post_path(c->a, &p[i]);
		items[i].id = tag_id(c, p[i].created_at,
		    arena_printf(c->a, "article-%lld", p[i].id));
		items[i].title = p[i].title;
		items[i].url = view_abs_url(c, path);
		items[i].author = p[i].author;
		items[i].published = p[i].published_at;
		items[i].updated = p[i].updated_at > p[i].published_at ?
		    p[i].updated_at : p[i].published_at;
		/* The body is read only when the worker has not kept its
		 * feed HTML (body.c). */
		if (body_feed(c, &p[i], items[i].url,
		    &items[i].content) == -1 ||
		    categories(c, p[i].id, &items[i]) == -1)
			return 500;
		if (items[i].updated > f.updated)
			f.updated = items[i].updated;
	}
	f.title = c->site.v[SET_TITLE];
	f.subtitle = c->site.v[SET_SUBTITLE];
	f.author = fallback_author(c);
	f.home_url = view_abs_url(c, "/");
	f.self_url = view_abs_url(c, feed_path(kind));
	if (t != NULL) {
		f.title = arena_printf(c->a, "%s: %s", c->site.v[SET_TITLE],
		    t->name);
		f.home_url = view_abs_url(c, h_tag_url(c, t->slug, ""));
		f.self_url = view_abs_url(c, h_tag_url(c, t->slug,
		    feed_path(kind)));
	}
	f.id = f.self_url;
	f.items = items;
	f.n = n;
	c->resp->ctype = feed_content_type(kind);
	feed_write(c->a, &c->resp->body, kind, &f);
	return 200;
}

int
h_feed_atom(struct ctx *c)
{
	return feed(c, FEED_ATOM, NULL);
}

int
h_feed_rss(struct ctx *c)
{
	return feed(c, FEED_RSS, NULL);
}

int
h_feed_json(struct ctx *c)
{
	return feed(c, FEED_JSON, NULL);
}

/* The tag of a tag feed's address (c->args[0]): 1, 0 (none), -1. */
static int
feed_tag(struct ctx *c, struct db_tag *t)
{
	return db_tag_by_slug(c->app->db, c->a, c->args[0], t);
}

int
h_tag_feed_stamp(struct ctx *c)
{
	struct db_tag	 t;
	int		 rc;

	if ((rc = feed_tag(c, &t)) != 1)
		return rc == 0 ? 404 : 500;
	if (db_tag_stamp_page(c->app->db, t.id, c->now, LLONG_MAX, LLONG_MAX,
	    FEED_ITEMS, &c->stamp) == -1)
		return 500;
	return c->stamp.rows == 0 ? 404 : 0;
}

static int
tag_feed(struct ctx *c, enum feed_kind kind)
{
	struct db_tag	 t;
	int		 rc;

	if ((rc = feed_tag(c, &t)) == -1)
		return 500;
	if (rc == 0)
		return view_error(c, 404, "There is no tag at this address.");
	return feed(c, kind, &t);
}

int
h_tag_feed_atom(struct ctx *c)
{
	return tag_feed(c, FEED_ATOM);
}

int
h_tag_feed_rss(struct ctx *c)
{
	return tag_feed(c, FEED_RSS);
}

int
h_tag_feed_json(struct ctx *c)
{
	return tag_feed(c, FEED_JSON);
}

static int
moved(struct ctx *c, enum feed_kind kind)
{
	resp_header(c->resp, "Location", view_abs_url(c, feed_path(kind)));
	return 301;
}

int
h_feed_to_atom(struct ctx *c)
{
	return moved(c, FEED_ATOM);
}

int
h_feed_to_rss(struct ctx *c)
{
	return moved(c, FEED_RSS);
}
