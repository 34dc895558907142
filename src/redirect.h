/*
 * redirect: the rules of a redirect's two addresses, with no HTTP and no
 * SQL: what a typed path may be and what it decodes to (as req.c decodes a
 * request's path), how a stored path is written in a Location header, and
 * which pairs are refused (loops, chains, a source taken twice). The
 * admin's page (h_admin_redirects.c) looks the facts up; the reader's
 * answer is h_redirect.c.
 */
#ifndef QUIRE_REDIRECT_H
#define QUIRE_REDIRECT_H

#include "arena.h"

/* Longest path kept, in bytes, typed or decoded. */
#define REDIRECT_PATH_MAX	1000

/* WordPress's own address of a post or a page, "/?p=ID" or
 * "/?page_id=ID" (ID 1 to 10 digits, no leading 0), exactly: the one query
 * a redirect's source may have, so that an imported site's old links keep
 * working. 1 or 0. */
int		 redirect_wp_query(const char *);
/* A path as an author types it: a leading '/', not "//", no query or
 * fragment (but redirect_wp_query()'s), strict percent-escapes, decoding
 * to UTF-8 text with no control character and no "." or ".." segment.
 * NULL when it holds, else a message (static). A valid_fn for the form's
 * fields. */
const char	*redirect_path_valid(const char *typed);
/* The decoded path of a typed one that redirect_path_valid() passed, in
 * the arena; NULL if it does not pass. */
char		*redirect_path_norm(struct arena *, const char *typed);
/* A decoded path as a URL path: every byte outside RFC 3986's pchar set
 * and '/' percent-encoded. For Location headers and links. Arena. */
char		*redirect_path_url(struct arena *, const char *path);

/* What the database says about a new pair from -> to (decoded paths);
 * NULL when there is nothing. */
struct redirect_facts {
	const char	*from_goes;	/* from is already a source: its target */
	const char	*to_goes;	/* to is a source: where it goes */
	const char	*from_comes;	/* from is a target: of this source */
};

/* Which path a refusal is about, for the message's place in the form. */
enum redirect_end {
	RE_FROM,
	RE_TO,
};

/* Why from -> to is refused (a loop, a chain, a source taken), naming the
 * redirect in the way, in the arena, with *end the path it is about; NULL
 * when it may be stored. */
const char	*redirect_refusal(struct arena *, const char *from,
		    const char *to, const struct redirect_facts *,
		    enum redirect_end *end);

#endif
