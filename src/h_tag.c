/*
 * h_tag: a tag's page and the list of tags. The tag page pages as the
 * home page does (the cursor is the last shown article's published_at
 * and id); an unknown tag, or one with nothing visible now, is a 404.
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "body.h"
#include "buf.h"
#include "db_post.h"
#include "db_tag.h"
#include "h_home.h"
#include "h_tag.h"
#include "html.h"
#include "view.h"


static const char *const msg_none = "There is no tag at this address, or "
    "nothing published carries it yet. The list of tags has every one.";

char *
h_tag_url(struct ctx *c, const char *slug, const char *tail)
{
	struct buf	 b;
	char		*s;

	buf_init(&b);
	buf_puts(&b, "/tag/");
	html_pct(&b, slug, strlen(slug));
	buf_puts(&b, tail);
	s = arena_strndup(c->a, b.data, b.len);
	buf_free(&b);
	return s;
}

int
h_tag_stamp(struct ctx *c)
{
	struct db_tag	 t;
	long long	 bt, bid;
	int		 per_page, rc;

	per_page = view_cursor(c, &bt, &bid);
	if ((rc = db_tag_by_slug(c->app->db, c->a, c->args[0], &t)) == -1)
		return 500;
	if (rc == 0)
		return 404;
	if (db_tag_stamp_page(c->app->db, t.id, c->now, bt, bid, per_page,
	    &c->stamp) == -1)
		return 500;
	return c->stamp.rows == 0 ? 404 : 0;
}

int
h_tag(struct ctx *c)
{
	struct db_tag	 t;
	struct post	*p;
	struct tv	*root, *m, *list;
	long long	 bt, bid;
	const char	*cur = c->req->query[QF_BEFORE];
	size_t		 n = 0;
	int		 per_page, rc;

	per_page = view_cursor(c, &bt, &bid);
	if ((rc = db_tag_by_slug(c->app->db, c->a, c->args[0], &t)) == -1)
		return 500;
	if (rc == 1 && db_post_list_tag(c->app->db, c->a, t.id, c->now, bt,
	    bid, per_page + 1, &p, &n) == -1)
		return 500;
	if (n == 0)
		return view_error(c, 404, cur != NULL ? "There are no older "
		    "articles with this tag." : msg_none);

	root = view_page(c, arena_printf(c->a, "%s%s", t.name, cur != NULL ?
	    " (older articles)" : ""));
	view_nav(c, root, NULL);
	m = tv_map(c->a);
	tv_text(c->a, m, "name", t.name);
	tv_text(c->a, m, "slug", t.slug);
	tv_set(c->a, root, "tag", m);
	/* The head links the tag's own feeds beside the site's. */
	tv_text(c->a, root, "tag_feed", h_tag_url(c, t.slug, "/feed"));
	tv_text(c->a, root, "tag_feed_title", arena_printf(c->a, "%s: %s",
	    c->site.v[SET_TITLE], t.name));
	if ((list = body_excerpts(c, p, n < (size_t)per_page ? n :
	    (size_t)per_page)) == NULL)
		return 500;
	tv_set(c->a, root, "articles", list);
	tv_bool(c->a, root, "first_page", cur == NULL);
	tv_text(c->a, root, "newest_url", h_tag_url(c, t.slug, ""));
	tv_text(c->a, root, "older_url", "");
	if (n > (size_t)per_page)
		tv_text(c->a, root, "older_url", h_tag_url(c, t.slug,
		    arena_printf(c->a, "?before=%lld-%lld",
		    p[per_page - 1].published_at, p[per_page - 1].id)));
	return view_render(c, T_TAG, root);
}

int
h_tags_stamp(struct ctx *c)
{
	return db_tag_stamp_all(c->app->db, c->now, &c->stamp) == -1 ? 500 : 0;
}

int
h_tags(struct ctx *c)
{
	struct db_tag	*t;
	struct tv	*root, *list, *m;
	size_t		 n, i;

	if (db_tag_visible(c->app->db, c->a, c->now, &t, &n) == -1)
		return 500;
	root = view_page(c, "Tags");
	view_nav(c, root, NULL);
	list = tv_list(c->a);
	for (i = 0; i < n; i++) {
		m = tv_list_add(c->a, list);
		tv_text(c->a, m, "name", t[i].name);
		tv_text(c->a, m, "slug", t[i].slug);
		tv_int(c->a, m, "count", t[i].count);
		tv_bool(c->a, m, "one", t[i].count == 1);
	}
	tv_set(c->a, root, "tags", list);
	return view_render(c, T_TAGS, root);
}

struct tv *
h_tag_links(struct ctx *c, const struct tag *t, size_t n)
{
	struct tv	*list, *m;
	size_t		 i;

	list = tv_list(c->a);
	for (i = 0; i < n; i++) {
		m = tv_list_add(c->a, list);
		tv_text(c->a, m, "name", t[i].name);
		tv_text(c->a, m, "slug", t[i].slug);
	}
	return list;
}
