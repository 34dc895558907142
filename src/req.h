/*
 * req: the edge. Turns the CGI/FastCGI parameters into a struct req whose
 * every field is parsed, bounded and validated; handlers read nothing else
 * (never getenv). All strings live in the request arena.
 */
#ifndef QUIRE_REQ_H
#define QUIRE_REQ_H

#include <stddef.h>

#include "arena.h"

enum req_method {
	METHOD_GET,
	METHOD_HEAD,
	METHOD_POST,
	METHOD_OTHER,	/* anything else: 405 or 501 */
	METHOD__MAX
};

/* Query fields every handler may read, declared once with their rules. */
enum req_qfield {
	QF_BEFORE,	/* home keyset cursor "PUBTIME-ID" */
	QF__MAX
};

#define REQ_TARGET_MAX	4096	/* request target, path and query */
#define REQ_PARAMS_MAX	64	/* query pairs */

struct req {
	enum req_method	 method;
	const char	*method_name;	/* as sent, for logs and 405 pages */
	const char	*target;	/* raw, for logs: "/archive?x=1" */
	const char	*path;		/* decoded, valid UTF-8, no NUL, "/"... */
	const char	*query[QF__MAX]; /* validated values, or NULL */
	const char	*query_string;	/* raw, "" if none; checked as above */
	const char	*remote_addr;	/* peer address, "-" if unknown */
	const char	*host;		/* validated Host header, or NULL */
	int		 https;		/* request came over TLS */
	long long	 content_length;
};

/*
 * Fills r from env ("NAME=value" strings, NULL-terminated). Returns 0, or
 * the HTTP status to answer with (400 malformed, 414 too long); then
 * *why says why in words a reader can be shown.
 */
int	req_parse(struct req *r, struct arena *, char *const *env,
	    const char **why);

/* The name of a declared query field ("before"). Static. */
const char	*req_qfield_name(enum req_qfield);

/* Strict percent-decoding into out (room for len+1 bytes); plus_space maps
 * '+' to ' ' (query strings). Returns the decoded length or -1 on a
 * malformed escape. out is NUL-terminated. */
long	req_pct_decode(const char *, size_t len, int plus_space, char *out);
/* 1 if s is well-formed UTF-8 (no overlongs, surrogates or > U+10FFFF)
 * and holds no NUL, else 0. */
int	req_text_valid(const char *, size_t);

#endif
