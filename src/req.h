/*
 * req: the edge. Turns the CGI/FastCGI parameters into a struct req whose
 * every field is parsed, bounded and validated; handlers read nothing else
 * (never getenv). Every string in struct req lives in the request arena
 * (or is a static literal such as "-"), never in the environment it was
 * parsed from: it stays valid until the arena is reset, whatever becomes
 * of env.
 */
#ifndef QUIRE_REQ_H
#define QUIRE_REQ_H

#include <stddef.h>

#include "arena.h"
#include "multipart.h"
#include "setting.h"

enum req_method {
	METHOD_GET,
	METHOD_HEAD,
	METHOD_POST,
	METHOD_OTHER,	/* anything else: 405 or 501 */
	METHOD__MAX
};

/* Query fields every handler may read, declared once with their rules
 * (req.c): a value that breaks them is a 400. */
enum req_qfield {
	QF_BEFORE,	/* home keyset cursor "PUBTIME-ID" */
	QF_STATUS,	/* admin list filter: draft, scheduled, published */
	QF_PAGE,	/* admin list and search results page, 1.. */
	QF_NEXT,	/* where sign-in returns to: a local /admin path */
	QF_DONE,	/* what the last action did, for the message shown */
	QF_Q,		/* a search, as typed: any text, SEARCH_Q_MAX chars */
	QF_WP_P,	/* WordPress's /?p=ID: an imported post's old address */
	QF_WP_PAGE_ID,	/* WordPress's /?page_id=ID: a page's */
	QF_R,		/* an article's or page's revision: the admin's View
			   link (view_fresh_url()); canonical only while it
			   is the page's (app.c) */
	QF__MAX
};

/* Form fields (application/x-www-form-urlencoded), declared once with
 * their rules (req.c); the settings page's fields are declared by the
 * settings table (setting.h) and land in setting[]. Invalid UTF-8 or a NUL
 * anywhere is a 400; a value that breaks its field's rule is kept, with a
 * message in form_err (setting_err), so the form can come back with every
 * byte the author typed. */
enum req_ffield {
	FF_LOGIN,
	FF_PASSWORD,
	FF_NEXT,
	FF_CSRF,
	FF_ACTION,		/* draft, preview, publish, unpublish, delete */
	FF_TITLE,
	FF_SLUG,
	FF_DATE,		/* YYYY-MM-DD, UTC */
	FF_TIME,		/* HH:MM, UTC */
	FF_EXCERPT,
	FF_BODY,
	FF_AUTHOR,
	FF_TAGS,		/* comma-separated (tag.h) */
	FF_REVISION,
	FF_OLD_PASSWORD,
	FF_NEW_PASSWORD,
	FF_NEW_PASSWORD2,
	FF_FROM,		/* a redirect's old path, as typed */
	FF_TO,			/* its new path, as typed */
	FF__MAX
};

#define REQ_TARGET_MAX	4096	/* request target, path and query */
#define REQ_PARAMS_MAX	64	/* query pairs; form pairs are capped at 256 */
#define REQ_COOKIE	"quire_session"
#define REQ_DEVICE_COOKIE "quire_device" /* gate.c: signed in here before */

struct req {
	enum req_method	 method;
	const char	*method_name;	/* as sent, for logs and 405 pages */
	const char	*target;	/* raw, for logs: "/archive?x=1" */
	const char	*path;		/* decoded, valid UTF-8, no NUL, "/"... */
	const char	*query[QF__MAX]; /* validated values, or NULL */
	const char	*query_string;	/* raw, "" if none; checked as above */
	const char	*remote_addr;	/* peer address, "-" if unknown */
	const char	*client_addr;	/* the client: remote_addr, or the
					   forwarded one from a trusted proxy */
	const char	*forwarded_for;	/* raw X-Forwarded-For, or NULL */
	const char	*host;		/* validated Host header, or NULL */
	int		 https;		/* request came over TLS */
	const char	*origin;	/* Origin header, or NULL */
	const char	*if_none_match;	/* If-None-Match, NULL if none, ""
					   if too long or not text */
	long long	 if_modified_since; /* its time, or -1 if none/invalid */
	const char	*session;	/* session cookie: 64 hex chars, or NULL */
	const char	*device;	/* device cookie: at most 128 of [0-9a-f.],
					   unverified (gate.c), or NULL */
	long long	 content_length; /* -1 if absent or malformed */
	const char	*content_type;	/* "" if absent */
	const char	*form[FF__MAX];	/* POST fields as sent, or NULL */
	const char	*form_err[FF__MAX]; /* why a field is invalid, or NULL */
	const char	*setting[SET__MAX]; /* settings fields as sent, or NULL */
	const char	*setting_err[SET__MAX];
	/* The files of a multipart/form-data body (a route that takes
	 * uploads), in the arena; their bytes point into the body. */
	const struct multipart_part *files;
	size_t		 nfiles;
};

/*
 * Fills r from env ("NAME=value" strings, NULL-terminated). Returns 0, or
 * the HTTP status to answer with (400 malformed, 414 too long); then
 * *why says why in words a reader can be shown.
 */
int	req_parse(struct req *r, struct arena *, char *const *env,
	    const char **why);

/*
 * Parses a urlencoded body into r->form. Returns 0 (field rule breaks are
 * in form_err), or 400 with *why for malformed encoding, invalid UTF-8 or
 * a NUL in any field, or an action not in the list.
 */
int	req_parse_form(struct req *r, struct arena *, const char *body,
	    size_t len, const char **why);
/*
 * Parses a multipart/form-data body (multipart.c) with the boundary of its
 * Content-Type: a part without a file name is a form field, read by the
 * same rules as req_parse_form() (valid UTF-8 without NUL, then each
 * field's rule), so the CSRF token is checked as any form's; the file
 * parts go to r->files. 0, or 400 with *why.
 */
int	req_parse_multipart(struct req *r, struct arena *, const char *boundary,
	    const char *body, size_t len, const char **why);
/* Sets r->client_addr: the last X-Forwarded-For address when the peer is
 * one of the trusted proxies (comma-separated addresses; NULL: none). */
void	req_trust(struct req *r, const char *trusted);

/* The value of a form field as sent, "" if absent. */
const char	*req_form(const struct req *, enum req_ffield);
/* The name of a declared query or form field ("before"). Static. */
const char	*req_qfield_name(enum req_qfield);
const char	*req_ffield_name(enum req_ffield);

/* Strict percent-decoding into out (room for len+1 bytes); plus_space maps
 * '+' to ' ' (query strings). Returns the decoded length or -1 on a
 * malformed escape. out is NUL-terminated. */
long	req_pct_decode(const char *, size_t len, int plus_space, char *out);
/* 1 if s is well-formed UTF-8 (no overlongs, surrogates or > U+10FFFF)
 * and holds no NUL, else 0. */
int	req_text_valid(const char *, size_t);

#endif
