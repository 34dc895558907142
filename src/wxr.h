/*
 * wxr: a WordPress export (WXR 1.1 or 1.2, what Tools > Export writes) read
 * into import items (port.h), with no database: its posts and pages with
 * their slugs, dates, authors, status, tags, excerpts and old addresses,
 * bodies through html2md.c. The XML is read by libxml2 with no network,
 * no DTD and no external entity. Everything returned lives in the
 * caller's arena.
 */
#ifndef QUIRE_WXR_H
#define QUIRE_WXR_H

#include <stddef.h>

#include "arena.h"
#include "port.h"

/* Largest file read (a blog of thousands of posts is tens of MB). */
#define WXR_MAX_BYTES	(256L * 1024 * 1024)

struct wxr_report {
	size_t		  posts, pages;	/* items added to the set */
	/* What was left out, one line each: "attachment (3)",
	   "nav_menu_item (2)", "status trash (1)". */
	const char	**skipped;
	size_t		  nskipped;
	/* Why the read failed, naming the file and line, or the item:
	   "site.xml:40: item 12 (\"Hello\"): bad date in wp:post_date_gmt".
	   NULL on success. */
	const char	 *error;
};

/*
 * Reads the export data[0..len), called name in messages, and adds its
 * posts and pages to set. All or nothing: on -1 (the reason in
 * report->error, for the caller to say: bad input is not logged) the set
 * is as it was. A malformed file, an item with neither title nor body, or
 * a bad date fails the whole read.
 */
int	wxr_read(struct arena *, const char *name, const char *data,
	    size_t len, struct port_set *, struct wxr_report *);
/* The same for the file at path, read whole (at most WXR_MAX_BYTES), named
 * name in messages (NULL: path; an upload's temporary file is named by the
 * name it was sent with). */
int	wxr_read_file(struct arena *, const char *path, const char *name,
	    struct port_set *, struct wxr_report *);

#endif
