/*
 * mediatype: Content-Type values, read by the grammar of RFC 9110 (8.3.1)
 * rather than by prefix, so that "application/x-www-form-urlencodedfoo" is
 * not our form and "Application/X-WWW-Form-Urlencoded" is.
 */
#include <string.h>
#include <strings.h>

#include "mediatype.h"

/* tchar: any VCHAR except delimiters (RFC 9110, 5.6.2). */
static int
tchar(unsigned char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
	    (c >= 'A' && c <= 'Z') ||
	    (c != '\0' && strchr("!#$%&'*+-.^_`|~", c) != NULL);
}

static size_t
token(const char *s)
{
	size_t	 n = 0;

	while (tchar((unsigned char)s[n]))
		n++;
	return n;
}

static size_t
ows(const char *s)
{
	return strspn(s, " \t");
}

/* qdtext and the byte after a backslash: HTAB, SP, VCHAR, obs-text;
 * qdtext leaves out '"' and '\', which the caller sees first. */
static int
qchar(unsigned char c)
{
	return c == '\t' || c == ' ' || (c >= 0x21 && c != 0x7f);
}

/* The length of the quoted-string at s (quotes included), or 0. */
static size_t
quoted(const char *s)
{
	size_t	 n = 1;

	if (s[0] != '"')
		return 0;
	for (;;) {
		if (s[n] == '"')
			return n + 1;
		if (s[n] == '\\') {
			if (!qchar((unsigned char)s[n + 1]))
				return 0;
			n += 2;
		} else if (qchar((unsigned char)s[n]))
			n++;
		else
			return 0;
	}
}

int
mediatype_parse(const char *s, struct mediatype *m)
{
	size_t	 n, vlen;
	int	 charset, boundary;

	memset(m, 0, sizeof(*m));
	s += ows(s);
	if ((n = token(s)) == 0 || s[n] != '/')
		return -1;
	m->type = s;
	m->type_len = n;
	s += n + 1;
	if ((n = token(s)) == 0)
		return -1;
	m->subtype = s;
	m->subtype_len = n;
	s += n;
	/* parameters = *( OWS ";" OWS [ parameter ] ) */
	for (;;) {
		s += ows(s);
		if (*s == '\0')
			return 0;
		if (*s != ';')
			return -1;
		s++;
		s += ows(s);
		if (*s == '\0' || *s == ';')
			continue;
		if ((n = token(s)) == 0 || s[n] != '=')
			return -1;
		charset = n == 7 && strncasecmp(s, "charset", 7) == 0;
		boundary = n == 8 && strncasecmp(s, "boundary", 8) == 0;
		s += n + 1;
		if ((vlen = *s == '"' ? quoted(s) : token(s)) == 0)
			return -1;
		if (charset) {
			/* Two would leave the body's encoding to a guess. */
			if (m->charset != NULL)
				return -1;
			m->charset = s;
			m->charset_len = vlen;
		}
		if (boundary) {
			if (m->boundary != NULL)
				return -1;
			m->boundary = s;
			m->boundary_len = vlen;
		}
		s += vlen;
	}
}

int
mediatype_charset_is(const struct mediatype *m, const char *cs)
{
	const char	*p = m->charset, *end;
	unsigned char	 a, b;

	if (p == NULL)
		return 0;
	end = p + m->charset_len;
	if (*p == '"') {
		p++;
		end--;
	}
	for (; p < end; p++, cs++) {
		if (*p == '\\' && m->charset[0] == '"')
			p++;
		a = (unsigned char)*p;
		b = (unsigned char)*cs;
		if (a >= 'A' && a <= 'Z')
			a += 'a' - 'A';
		if (b >= 'A' && b <= 'Z')
			b += 'a' - 'A';
		if (b == '\0' || a != b)
			return 0;
	}
	return *cs == '\0';
}

int
mediatype_form(const char *s)
{
	struct mediatype	 m;

	if (mediatype_parse(s, &m) == -1)
		return 0;
	if (m.type_len != 11 || strncasecmp(m.type, "application", 11) != 0 ||
	    m.subtype_len != 21 ||
	    strncasecmp(m.subtype, "x-www-form-urlencoded", 21) != 0)
		return 0;
	return m.charset == NULL || mediatype_charset_is(&m, "utf-8");
}
