/*
 * port: a post as it moves into or out of Quire, whatever the format.
 * The readers of outside formats (Markdown with front matter in fm.c, a
 * WordPress export in wxr.c) turn each file or item into a struct
 * port_item and know nothing of the database; port.c writes a whole set of
 * items in one transaction (all or nothing) and reads them back out for
 * export. Strings and arrays of an item live in the arena it was read
 * into; the caller owns the arena.
 */
#ifndef QUIRE_PORT_H
#define QUIRE_PORT_H

#include <stddef.h>

#include "arena.h"
#include "db.h"
#include "post.h"

struct port_item {
	enum post_kind	 kind;		/* POST_ARTICLE or POST_PAGE */
	const char	*title;
	const char	*slug;		/* "" or NULL: made from the title */
	const char	*excerpt;	/* Markdown; "" when none */
	const char	*body;		/* Markdown */
	const char	*author;	/* "" or NULL: the site's default */
	const char	*status;	/* "draft" or "published" */
	int		 has_date;
	long long	 published_at;	/* Unix seconds, UTC */
	int		 has_updated;
	long long	 updated_at;	/* Unix seconds, UTC */
	const char	**tags;		/* as the author wrote them */
	size_t		 ntags;
	const char	**aliases;	/* old local paths ("/old/url", "/?p=12")
					   that answer 301 to this post */
	size_t		 naliases;
	/* Where the item came from, for messages: "posts/a.md", "item 12". */
	const char	*source;
	long		 line;		/* 0: unknown */
	/* What the reader could not express and kept as text, one line per
	 * note, for the import report; NULL when none. */
	const char	**notes;
	size_t		 nnotes;
};

/* A set of items read from one or more files, in the arena. */
struct port_set {
	struct port_item *items;
	size_t		  n, cap;
};

/* Room for one more item at the end of the set, zeroed. */
struct port_item *port_set_add(struct arena *, struct port_set *);

#endif
