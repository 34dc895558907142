/*
 * db_tag: tags in the database: an article's tags, a tag by its slug, the
 * tags readers can see with their counts, and the stamps of the tag pages.
 * Saving replaces an article's set inside db_post_save()'s transaction; a
 * tag no article carries is deleted by the schema's trigger. Strings live
 * in the caller's arena. Lookups return 1/0/-1, lists 0/-1.
 */
#ifndef QUIRE_DB_TAG_H
#define QUIRE_DB_TAG_H

#include <stddef.h>

#include "arena.h"
#include "db.h"
#include "db_stamp.h"
#include "tag.h"

/* A tag readers can see: one with at least one visible article. */
struct db_tag {
	long long	 id;
	const char	*name;		/* "Café" */
	const char	*slug;		/* "café": /tag/ + slug, percent-encoded */
	long long	 count;		/* its visible articles */
	long long	 last_mod;	/* their latest change or publication, Unix s */
};

/* The tags of an article (any status), by name: for its page, the
 * editor, and feed categories / og:article:tag. */
int	db_tag_of_article(struct db *, struct arena *, long long article_id,
	    struct tag **out, size_t *n);
/* Every tag with visible articles at now, by name, with its count and
 * last change: for /tags and the sitemap. */
int	db_tag_visible(struct db *, struct arena *, long long now,
	    struct db_tag **out, size_t *n);
/* The tag with that slug (count and last_mod left 0), whether or not any
 * article is visible. */
int	db_tag_by_slug(struct db *, struct arena *, const char *slug,
	    struct db_tag *out);

/* Makes tags[0..n) the article's set: new tags are created, links no
 * longer wanted removed. Inside the caller's write transaction
 * (db_post_save). 0 or -1. */
int	db_tag_set(struct db *, struct arena *, long long article_id,
	    const struct tag *tags, size_t n);

/* Stamps (db_stamp.h), 1/0/-1. The limit visible articles of tag_id
 * older than the cursor, as db_post_list_tag() lists them, and whether
 * there are more; rows 0: nothing to show. */
int	db_tag_stamp_page(struct db *, long long tag_id, long long now,
	    long long before_t, long long before_id, int limit,
	    struct db_stamp *);
/* /tags: every tag db_tag_visible() lists and its count. */
int	db_tag_stamp_all(struct db *, long long now, struct db_stamp *);

#endif
