/*
 * mediatype: the Content-Type of a request body, read the way RFC 9110
 * (8.3.1) writes it, at the edge: the pipeline asks whether a POST carries
 * a form we read before a byte of its body is read.
 */
#ifndef QUIRE_MEDIATYPE_H
#define QUIRE_MEDIATYPE_H

#include <stddef.h>

/*
 * A parsed media type. Every pointer points into the string parsed and
 * lives as long as it; lengths are in bytes. charset is the raw value of
 * the charset parameter (a quoted-string keeps its quotes and backslashes:
 * compare with mediatype_charset_is()), or NULL if none.
 */
struct mediatype {
	const char	*type;
	size_t		 type_len;
	const char	*subtype;
	size_t		 subtype_len;
	const char	*charset;
	size_t		 charset_len;
	const char	*boundary;	/* multipart's, raw as charset; or NULL */
	size_t		 boundary_len;
};

/*
 * Parses s, a Content-Type field value: type "/" subtype, then parameters
 * ";" name "=" (token / quoted-string), with optional whitespace around
 * the field and each ";". Names compare case-insensitively, so the caller
 * must too. Returns 0, or -1 if s does not follow that grammar or names
 * charset or boundary twice (m is then undefined). No allocation, no logging: the caller
 * answers the request.
 */
int	mediatype_parse(const char *s, struct mediatype *m);
/* 1 if m's charset, unquoted, is cs (ASCII, compared case-insensitively). */
int	mediatype_charset_is(const struct mediatype *m, const char *cs);
/* 1 if s is application/x-www-form-urlencoded with no charset or UTF-8,
 * the one body the admin forms send; else 0 (the POST gets a 415). */
int	mediatype_form(const char *s);

#endif
