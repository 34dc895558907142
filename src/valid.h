/*
 * valid: the rules a field's value must keep, shared by the query and form
 * declarations (req.c) and the settings table (setting.c). Each rule takes
 * a NUL-terminated value and returns NULL when it holds, else a message a
 * reader or author can be shown (static). No I/O, no allocation.
 */
#ifndef QUIRE_VALID_H
#define QUIRE_VALID_H

#include <stddef.h>

typedef const char *(*valid_fn)(const char *);

/* Length of s in code points (s is valid UTF-8): field limits count
 * characters, not bytes. */
size_t		 valid_chars(const char *);

/* One line of text: no line break or other control character. */
const char	*valid_line(const char *);
/* Text of many lines: tabs and line breaks (CR, LF), no other control
 * character. */
const char	*valid_text(const char *);
/* A slug: [a-z0-9-], not starting with a hyphen ("" passes). */
const char	*valid_slug(const char *);
/* An article's tags, comma-separated, by the rules of tag.h ("" passes). */
const char	*valid_tags(const char *);
/* "YYYY-MM-DD", a real day from 1970 on ("" passes). */
const char	*valid_date(const char *);
/* "HH:MM", 24-hour ("" passes). */
const char	*valid_time(const char *);
/* A positive whole number of 1 to 6 digits, no leading zero. */
const char	*valid_count(const char *);
/* A WordPress id: 1 to 10 digits, no leading zero. */
const char	*valid_wp_id(const char *);
/* A whole number from 1 to 100: how many articles a page lists. */
const char	*valid_per_page(const char *);
/* A revision: "0" (a new post) or 1 to 18 digits, no leading zero. */
const char	*valid_revision(const char *);
/* 64 lowercase hex digits: a session or CSRF token. */
const char	*valid_token(const char *);
/* A local admin address to return to: "/admin" or below, no way out. */
const char	*valid_next(const char *);
/* An absolute http(s) URL with nothing a header or attribute would mind
 * ("" passes). */
const char	*valid_url(const char *);
/* A site's public address: http(s)://host[:port][/path], no query,
 * fragment or user info, no trailing slash needed. */
const char	*valid_base_url(const char *);
/* A checkbox's value: "1". */
const char	*valid_box(const char *);
/* The home page's keyset cursor: "PUBTIME-ID", both decimal. */
const char	*valid_cursor(const char *);
/* The admin list's filter: draft, scheduled or published. */
const char	*valid_status(const char *);
/* A button of the editor: draft, preview, publish, unpublish, delete. */
const char	*valid_action(const char *);
/* What the last admin action did, for the notice shown (?done=). */
const char	*valid_done(const char *);

#endif
