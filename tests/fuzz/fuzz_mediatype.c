/*
 * fuzz_mediatype: a request's Content-Type (src/mediatype.c), read before
 * any byte of the body. The input is the field's value. What
 * mediatype_parse() takes has a type and a subtype of token characters,
 * and its charset and boundary point inside the value; mediatype_form()
 * says yes only to what the parser takes as
 * application/x-www-form-urlencoded with no charset or UTF-8.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "arena.h"
#include "mediatype.h"
#include "fuzz.h"

static struct arena	arena;
static int		arena_ready;

/* RFC 9110's tchar. */
static int
token(const char *s, size_t n)
{
	static const char	 t[] = "!#$%&'*+-.^_`|~0123456789"
	    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
	size_t			 i;

	if (n == 0)
		return 0;
	for (i = 0; i < n; i++)
		if (s[i] == '\0' || strchr(t, s[i]) == NULL)
			return 0;
	return 1;
}

static int
inside(const char *s, size_t len, const char *p, size_t n)
{
	return p == NULL || (p >= s && p + n <= s + len);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct mediatype	 m;
	char			*s;
	size_t			 len;
	int			 form;

	if (!arena_ready) {
		arena_init(&arena);
		arena_ready = 1;
	}
	if (memchr(data, '\0', size) != NULL)	/* a CGI variable has none */
		return 0;
	s = arena_strndup(&arena, (const char *)data, size);
	len = strlen(s);
	form = mediatype_form(s);
	if (mediatype_parse(s, &m) == 0) {
		CHECK(token(m.type, m.type_len));
		CHECK(token(m.subtype, m.subtype_len));
		CHECK(inside(s, len, m.type, m.type_len));
		CHECK(inside(s, len, m.subtype, m.subtype_len));
		CHECK(inside(s, len, m.charset, m.charset_len));
		CHECK(inside(s, len, m.boundary, m.boundary_len));
		CHECK(m.charset == NULL || m.charset_len > 0);
		CHECK(m.boundary == NULL || m.boundary_len > 0);
		if (form) {
			CHECK(m.type_len == 11 &&
			    strncasecmp(m.type, "application", 11) == 0);
			CHECK(m.subtype_len == 21 && strncasecmp(m.subtype,
			    "x-www-form-urlencoded", 21) == 0);
			CHECK(m.charset == NULL ||
			    mediatype_charset_is(&m, "utf-8"));
		}
	} else
		CHECK(!form);
	arena_reset(&arena);
	return 0;
}
