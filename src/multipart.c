/*
 * multipart: multipart/form-data, as browsers send it (RFC 7578 and the
 * HTML standard's encoding: a name or file name is a quoted-string in
 * which '"', CR and LF arrive as %22, %0D and %0A and a backslash is a
 * backslash). Strict: no preamble, no folded headers, no bare LF, bounded
 * parts, lines and headers; anything else is refused, not guessed at.
 */
#include <string.h>
#include <strings.h>

#include "mediatype.h"
#include "multipart.h"
#include "utf8.h"

/* RFC 2046 bchars: DIGIT / ALPHA / "'()+_,-./:=?" and space. */
static int
bchar(unsigned char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
	    (c >= 'A' && c <= 'Z') ||
	    (c != '\0' && strchr("'()+_,-./:=? ", c) != NULL);
}

const char *
multipart_boundary(struct arena *a, const char *ctype)
{
	struct mediatype	 m;
	const char		*b;
	size_t			 len, i;

	if (mediatype_parse(ctype, &m) == -1 || m.type_len != 9 ||
	    strncasecmp(m.type, "multipart", 9) != 0 ||
	    m.subtype_len != 9 || strncasecmp(m.subtype, "form-data", 9) != 0 ||
	    m.boundary == NULL)
		return NULL;
	b = m.boundary;
	len = m.boundary_len;
	if (b[0] == '"') {
		/* bchars hold no '"' nor '\\', so a quoted one is plain. */
		b++;
		len -= 2;
	}
	if (len == 0 || len > MULTIPART_BOUNDARY_MAX || b[len - 1] == ' ')
		return NULL;
	for (i = 0; i < len; i++)
		if (!bchar((unsigned char)b[i]))
			return NULL;
	return arena_strndup(a, b, len);
}

/* 1 if s[0..len) is UTF-8 with no control character. */
static int
text_ok(const char *s, size_t len)
{
	size_t	 i, n;
	long	 cp;

	for (i = 0; i < len; i += n) {
		cp = utf8_decode((const unsigned char *)s + i, len - i, &n);
		if (cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp < 0xa0))
			return 0;
	}
	return 1;
}

static int
tchar(unsigned char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
	    (c >= 'A' && c <= 'Z') ||
	    (c != '\0' && strchr("!#$%&'*+-.^_`|~", c) != NULL);
}

static size_t
token(const char *s, const char *end)
{
	const char	*p = s;

	while (p < end && tchar((unsigned char)*p))
		p++;
	return (size_t)(p - s);
}

static const char *
skip_ows(const char *s, const char *end)
{
	while (s < end && (*s == ' ' || *s == '\t'))
		s++;
	return s;
}

/* Content-Disposition: form-data *( OWS ";" OWS param "=" value ), value
 * a token or a quoted-string taken as it stands. Sets the part's name and
 * filename. 0, or -1 with *why. */
static int
disposition(struct arena *a, const char *s, const char *end,
    struct multipart_part *p, const char **why)
{
	const char	*v, **dst;
	size_t		 n, vlen;

	*why = "A part of the upload has a malformed Content-Disposition.";
	if ((n = token(s, end)) != 9 || strncasecmp(s, "form-data", 9) != 0)
		return -1;
	s += n;
	for (;;) {
		s = skip_ows(s, end);
		if (s == end)
			break;
		if (*s++ != ';')
			return -1;
		s = skip_ows(s, end);
		if ((n = token(s, end)) == 0 || s + n == end || s[n] != '=')
			return -1;
		dst = NULL;
		if (n == 4 && strncasecmp(s, "name", 4) == 0)
			dst = &p->name;
		else if (n == 8 && strncasecmp(s, "filename", 8) == 0)
			dst = &p->filename;
		s += n + 1;
		if (s < end && *s == '"') {
			v = ++s;
			while (s < end && *s != '"')
				s++;
			if (s == end)
				return -1;
			vlen = (size_t)(s++ - v);
		} else {
			v = s;
			if ((vlen = token(s, end)) == 0)
				return -1;
			s += vlen;
		}
		if (dst == NULL)
			continue;	/* filename* and the like: not used */
		if (*dst != NULL || !text_ok(v, vlen))
			return -1;
		*dst = arena_strndup(a, v, vlen);
	}
	if (p->name == NULL) {
		*why = "A part of the upload has no name.";
		return -1;
	}
	return 0;
}

/* One header line s..end (no CRLF) of a part. 0, or -1 with *why. */
static int
header(struct arena *a, const char *s, const char *end, int *seen,
    struct multipart_part *p, const char **why)
{
	const char	*q, *v;
	size_t		 n;

	*why = "A part of the upload has a malformed header.";
	for (q = s; q < end; q++)
		if (((unsigned char)*q < 0x20 && *q != '\t') || *q == 0x7f)
			return -1;
	if ((n = token(s, end)) == 0 || s + n == end || s[n] != ':')
		return -1;
	v = skip_ows(s + n + 1, end);
	while (end > v && (end[-1] == ' ' || end[-1] == '\t'))
		end--;
	if (n == 19 && strncasecmp(s, "Content-Disposition", 19) == 0) {
		if (seen[0]++)
			return -1;
		return disposition(a, v, end, p, why);
	}
	if (n == 12 && strncasecmp(s, "Content-Type", 12) == 0) {
		if (seen[1]++ || !text_ok(v, (size_t)(end - v)))
			return -1;
		p->ctype = arena_strndup(a, v, (size_t)(end - v));
	}
	return 0;
}

int
multipart_parse(struct arena *a, const char *boundary, const char *body,
    size_t len, struct multipart_part **parts, size_t *n, const char **why)
{
	struct multipart_part	*v, *p;
	const char		*s = body, *end = body + len, *eol, *next;
	char			*delim;
	size_t			 blen = strlen(boundary), dlen, nh, lim;
	int			 seen[2];

	*parts = NULL;
	*n = 0;
	*why = "The upload is not a well-formed multipart/form-data body.";
	if (blen == 0 || blen > MULTIPART_BOUNDARY_MAX)
		return -1;
	/* "\r\n--" boundary: the first one has no CRLF before it. */
	delim = arena_printf(a, "\r\n--%s", boundary);
	dlen = blen + 4;
	v = arena_calloc(a, MULTIPART_PARTS_MAX, sizeof(*v));
	if (len < dlen - 2 || memcmp(s, delim + 2, dlen - 2) != 0)
		return -1;
	s += dlen - 2;
	for (;;) {
		if (end - s >= 2 && s[0] == '-' && s[1] == '-')
			break;		/* the close delimiter */
		if (end - s < 2 || s[0] != '\r' || s[1] != '\n')
			return -1;
		s += 2;
		if (*n == MULTIPART_PARTS_MAX) {
			*why = "The upload has too many parts.";
			return -1;
		}
		p = &v[*n];
		seen[0] = seen[1] = 0;
		for (nh = 0;; nh++) {
			lim = (size_t)(end - s);
			if (lim > MULTIPART_LINE_MAX + 2)
				lim = MULTIPART_LINE_MAX + 2;
			if ((eol = memmem(s, lim, "\r\n", 2)) == NULL) {
				*why = "A part of the upload has a header "
				    "line too long, or none at all.";
				return -1;
			}
			if (eol == s)
				break;
			if (nh == MULTIPART_HEADERS_MAX) {
				*why = "A part of the upload has too many "
				    "headers.";
				return -1;
			}
			if (header(a, s, eol, seen, p, why) == -1)
				return -1;
			s = eol + 2;
		}
		s = eol + 2;
		if (!seen[0]) {
			*why = "A part of the upload has no "
			    "Content-Disposition.";
			return -1;
		}
		if ((next = memmem(s, (size_t)(end - s), delim, dlen)) ==
		    NULL) {
			*why = "The upload ended early (no closing boundary).";
			return -1;
		}
		p->data = s;
		p->len = (size_t)(next - s);
		(*n)++;
		s = next + dlen;
	}
	*parts = v;
	return 0;
}
