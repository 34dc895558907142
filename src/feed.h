/*
 * feed: Atom 1.0, RSS 2.0 and JSON Feed 1.1 written from a list of items,
 * a title and the feed's own address, with no HTTP and no SQL: the site's
 * feeds and, later, a tag's are the same call. Everything leaves through
 * the two escapers below, so a title or body cannot break the document.
 */
#ifndef QUIRE_FEED_H
#define QUIRE_FEED_H

#include <stddef.h>

#include "arena.h"
#include "buf.h"
#include "html.h"

enum feed_kind {
	FEED_ATOM,
	FEED_RSS,
	FEED_JSON,
	FEED__MAX
};

/* One article. Strings are the caller's (usually the arena) and must
 * outlive feed_write(); URLs are absolute. */
struct feed_item {
	const char		*id;		/* stable: never the title */
	const char		*title;
	const char		*url;		/* the permalink */
	const char		*author;	/* "" : the feed's */
	long long		 published;	/* Unix seconds */
	long long		 updated;
	struct safe_html	 content;	/* links already absolute */
	const char *const	*tags;		/* categories; may be NULL */
	size_t			 ntags;
};

struct feed {
	const char		*title;
	const char		*subtitle;	/* may be "" */
	const char		*author;	/* the default; may be "" */
	const char		*home_url;	/* the page the feed follows */
	const char		*self_url;	/* this feed's own address */
	const char		*id;		/* stable id of the feed */
	long long		 updated;	/* the latest change shown */
	const struct feed_item	*items;		/* newest first */
	size_t			 n;
};

/* "application/atom+xml; charset=utf-8" and the like. */
const char	*feed_content_type(enum feed_kind);
/* The site path of the site-wide feed of that kind: "/feed.atom". */
const char	*feed_path(enum feed_kind);
/* The whole document into b; the dates' strings go into the arena. */
void		 feed_write(struct arena *, struct buf *b, enum feed_kind,
		    const struct feed *);

/* XML text and attribute values (double-quoted): & < > " ' as
 * references; characters XML 1.0 forbids or discourages (C0 controls
 * other than tab and newline, CR, DEL, C1 controls, U+FFFE, U+FFFF) are
 * dropped and invalid UTF-8 becomes U+FFFD, so the result is always
 * well-formed character data. */
void		 feed_xml(struct buf *, const char *, size_t);
/* A JSON string with its quotes: " and \ escaped, control characters,
 * < > & and U+2028 U+2029 as \u escapes; invalid UTF-8 becomes U+FFFD. */
void		 feed_json(struct buf *, const char *, size_t);

#endif
