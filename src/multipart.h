/*
 * multipart: a multipart/form-data body (RFC 7578 over RFC 2046), the
 * admin's one upload form, read strictly at the edge (req.c) into its
 * parts: each part's name, file name and Content-Type, and where its
 * bytes are in the body. No allocation outside the arena, no copy of a
 * part's bytes.
 */
#ifndef QUIRE_MULTIPART_H
#define QUIRE_MULTIPART_H

#include <stddef.h>

#include "arena.h"

/* Bounds: parts of a body, header lines of a part, bytes of one header
 * line (CRLF not counted), bytes of a boundary (RFC 2046: 70). */
#define MULTIPART_PARTS_MAX	16
#define MULTIPART_HEADERS_MAX	8
#define MULTIPART_LINE_MAX	1024
#define MULTIPART_BOUNDARY_MAX	70

/* One part. name and filename are arena strings (valid UTF-8, no control
 * character); filename is NULL when the part is not a file (a form field)
 * and "" when a file input was left empty; ctype is the part's
 * Content-Type value as sent (arena), or NULL. data points into the body
 * parsed and lives as long as it; it may hold any bytes. */
struct multipart_part {
	const char	*name;
	const char	*filename;
	const char	*ctype;
	const char	*data;
	size_t		 len;
};

/*
 * The boundary of a Content-Type value, if it is multipart/form-data with
 * a boundary parameter of 1 to 70 bchars (RFC 2046) not ending in a space:
 * an arena copy, unquoted; else NULL.
 */
const char	*multipart_boundary(struct arena *, const char *ctype);

/*
 * Splits body (len bytes) into its parts: the body starts with the first
 * delimiter ("--" boundary CRLF, no preamble), every part has headers
 * (CRLF-terminated lines, no folding) with one Content-Disposition
 * "form-data" carrying a name, and the close delimiter ("--" boundary
 * "--") ends it (an epilogue after it is ignored). Returns 0 with *parts
 * (an arena array) and *n, or -1 with *why in words a reader can be
 * shown (a static string). No logging: the caller answers the request.
 */
int	multipart_parse(struct arena *, const char *boundary, const char *body,
	    size_t len, struct multipart_part **parts, size_t *n,
	    const char **why);

#endif
