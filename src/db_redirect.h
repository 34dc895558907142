/*
 * db_redirect: the redirects table. Automatic rows are written by
 * db_post.c in an article's save transaction (db_redirect_moved(),
 * db_redirect_settled()); manual ones by /admin/redirects. Strings come
 * back in the caller's arena. Lookups return 1/0/-1, the rest 0/-1.
 */
#ifndef QUIRE_DB_REDIRECT_H
#define QUIRE_DB_REDIRECT_H

#include <stddef.h>

#include "arena.h"
#include "db.h"
#include "post.h"
#include "redirect.h"

struct redirect {
	long long	 id;
	const char	*path;		/* the old address, decoded */
	const char	*target;	/* manual: a local path; else NULL */
	/* Automatic: the article (kind, slug, published_at only), and
	 * whether readers may see it now. */
	int		 has_article;
	int		 visible;
	struct post	 article;
	const char	*title;		/* the article's, for the list */
	/* Manual: the target is a static page readers cannot see (a
	 * draft): the redirect would tell its address. */
	int		 hidden_page;
};

/* The redirect whose source is path (decoded). */
int	db_redirect_find(struct db *, struct arena *, const char *path,
	    long long now, struct redirect *);
/* Every redirect, by path. */
int	db_redirect_list(struct db *, struct arena *, long long now,
	    struct redirect **out, size_t *n);
/* Stores from -> to unless redirect_refusal() (redirect.h) refuses it,
 * with the facts read in the same write transaction: 1 stored, 0 refused
 * (*why says why, in the arena, about the path *end), -1 error. */
int	db_redirect_add(struct db *, struct arena *, const char *from,
	    const char *to, long long now, const char **why,
	    enum redirect_end *end);
/* As db_redirect_add(), an automatic redirect from an imported article's
 * old address: it follows the article (to is its address now, for the
 * refusals) and answers only while readers may see it. */
int	db_redirect_alias(struct db *, struct arena *, const char *from,
	    long long article, const char *to, long long now,
	    const char **why, enum redirect_end *end);
/* 1 deleted, 0 not there, -1 error. */
int	db_redirect_delete(struct db *, long long id);

/* For db_post.c, inside a save's transaction. Before an article's row
 * changes: its address, if published, becomes a redirect to it. After:
 * no redirect may be left at the address a published post now has. */
int	db_redirect_moved(struct db *, long long article_id, long long now);
int	db_redirect_settled(struct db *, enum post_kind, long long id);

#endif
