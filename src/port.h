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
	size_t		 capnotes;	/* port_note()'s */
};

/* A key and a value read from a file: a setting (settings.yaml) or a
 * redirect from an old path to a local path (redirects.yaml). */
struct port_pair {
	const char	*key;
	const char	*value;
	const char	*source;
	long		 line;
};

/* A set of items read from one or more files, in the arena; settings and
 * redirects only from an export's folder (fm.c), none from a WXR file.
 * Zero-initialised: empty. */
struct port_set {
	struct port_item *items;
	size_t		  n, cap;
	struct port_pair *settings;
	size_t		  nsettings, capsettings;
	struct port_pair *redirects;
	size_t		  nredirects, capredirects;
	const char	**notes;	/* about the set (port_set_note()) */
	size_t		  nnotes, capnotes;
};

/* A note about the set as a whole (a WordPress export's skipped items),
 * for the import report; text is kept as given (arena or static). */
void		  port_set_note(struct arena *, struct port_set *,
		    const char *text);
/* Room for one more item at the end of the set, zeroed. */
struct port_item *port_set_add(struct arena *, struct port_set *);
/* Adds a note to the item (a copy of text, in the arena). */
void		  port_note(struct arena *, struct port_item *,
		    const char *text);

/* Limits of an item's fields, in characters: the editor's (req.c). */
#define PORT_TITLE_MAX		300
#define PORT_EXCERPT_MAX	1000
#define PORT_BODY_MAX		500000
#define PORT_AUTHOR_MAX		100

/* What an import did, for its report; notes about the settings (a key
 * ignored) in the arena. */
struct port_report {
	size_t		 created, updated, unchanged;
	size_t		 redirects, redirects_same;
	size_t		 settings;
	const char	**notes;
	size_t		 nnotes, capnotes;
};

/* Checks every item by the rules of post.c, tag.c and redirect.c, and
 * settles what the rules decide: a slug made from the title where none
 * is given. NULL, or the first fault, "SOURCE:LINE: reason", in the
 * arena; an alias with a query ("/?p=12": redirects take paths only) is
 * skipped with a note. No database. */
const char	*port_check(struct arena *, struct port_set *);

/*
 * Writes the set into the database in one transaction, after
 * port_check(): nothing at all when any item, setting or redirect is
 * refused. Posts are matched by kind and slug, and the file wins: a post
 * whose fields differ is updated (from the file's updated time if it
 * has one), one that matches is left alone (its revision too). A file
 * with no date keeps the stored one, or publishes now. An alias becomes
 * a manual redirect to the post's address, a redirects.yaml pair a
 * manual redirect; one already there the same way is left alone, one
 * there to another target replaced. Settings are checked by setting.c
 * and stored when they differ. progress: a "\r" counter on stderr when
 * the set holds more than PORT_PROGRESS_MIN items. 0 done (*r filled);
 * -1 with *why "SOURCE:LINE: reason" in the arena (refused), or *why
 * NULL (an error, logged). now: the time of the change.
 */
#define PORT_PROGRESS_MIN	300
int		 port_import(struct db *, struct arena *, struct port_set *,
		    long long now, int progress, struct port_report *r,
		    const char **why);

#endif
