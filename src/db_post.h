/*
 * db_post: articles and static pages in the database: what readers see,
 * the admin's lists, saving and deleting. Rows come back as struct post
 * (post.h) in the caller's arena. Lookups return 1/0/-1, lists 0/-1.
 */
#ifndef QUIRE_DB_POST_H
#define QUIRE_DB_POST_H

#include <stddef.h>

#include "arena.h"
#include "db.h"
#include "post.h"

struct tag;

/* Outcome of a save. */
enum db_save {
	DB_SAVED,
	DB_CONFLICT,	/* changed (or deleted) since the form was opened */
	DB_DUPLICATE,	/* the slug is taken */
};

/* The visible article with that slug. */
int	db_post_article(struct db *, struct arena *, const char *slug,
	    long long now, struct post *);
/* The home page before the cursor (before_t, before_id) has a newer page
 * of per_page articles: 1 and its cursor in *t, *id, or 0 when that newer
 * page is the first (no cursor); -1 on error. */
int	db_post_newer_page(struct db *, long long now, long long before_t,
	    long long before_id, int per_page, long long *t, long long *id);
/* The visible article just older (older=1) or newer than p; list
 * columns only (no excerpt or body), and in revision its list_rev, the
 * version of what lists show of it (db_stamp.h). */
int	db_post_neighbour(struct db *, struct arena *, const struct post *,
	    long long now, int older, struct post *);
/* The published static page with that slug. */
int	db_post_page(struct db *, struct arena *, const char *slug,
	    struct post *);
/* Up to limit visible articles older than the cursor (before_t,
 * before_id), newest first: list columns only (excerpt and body "";
 * db_post_source() reads them for the rows that need them). */
int	db_post_list_page(struct db *, struct arena *, long long now,
	    long long before_t, long long before_id, int limit,
	    struct post **out, size_t *n);
/* Fills a listed article's excerpt and the first chars characters (not
 * bytes: never a split UTF-8 sequence) of its body, or all of it when
 * chars is negative. 1, 0 (gone), -1. */
int	db_post_source(struct db *, struct arena *, struct post *, int chars);
/* As db_post_list_page(), the visible articles carrying tag tag_id
 * (db_tag.h). */
int	db_post_list_tag(struct db *, struct arena *, long long tag_id,
	    long long now, long long before_t, long long before_id, int limit,
	    struct post **out, size_t *n);
/* Every visible article published in [from, to), newest first, list
 * columns only. */
int	db_post_list_range(struct db *, struct arena *, long long now,
	    long long from, long long to, struct post **out, size_t *n);
/* A page of the archive: the visible articles published in [from, to),
 * newest first, from the offset-th on, at most limit; list columns
 * only. */
int	db_post_list_month(struct db *, struct arena *, long long now,
	    long long from, long long to, long long offset, int limit,
	    struct post **out, size_t *n);

/* The admin list: articles (filter: NULL, "draft", "scheduled",
 * "published"), newest first, with the total for paging. */
int	db_post_admin_list(struct db *, struct arena *, const char *filter,
	    long long now, int limit, int offset, struct post **out, size_t *n,
	    long long *total);
/* Every static page, by title. */
int	db_post_admin_pages(struct db *, struct arena *, struct post **out,
	    size_t *n);
/* A post of any status. */
int	db_post_by_id(struct db *, struct arena *, enum post_kind, long long id,
	    struct post *out);
/* Inserts (p->id == 0) or updates the row at p->revision. On DB_SAVED
 * p->id and p->revision are the stored ones. -1 on error. */
int	db_post_save(struct db *, struct post *p, long long now);
/* The same for an article, whose tags become tags[0..n) (tag.h) in the
 * same transaction; scratch in the arena. db_post_save() keeps them. */
int	db_post_save_tags(struct db *, struct arena *, struct post *p,
	    const struct tag *tags, size_t n, long long now);
/* 1 deleted, 0 not there, -1 error. Both note the change's time (now)
 * as the site's changed_at, in the same transaction. */
int	db_post_delete(struct db *, enum post_kind, long long id,
	    long long now);

#endif
