/*
 * fuzz_multipart: multipart/form-data bodies (multipart.c), the admin's
 * upload, read at the edge. The input is a Content-Type value, a newline,
 * then the body. Whatever multipart_boundary() and multipart_parse()
 * accept must honour multipart.h: a boundary of 1 to 70 bchars; at most
 * MULTIPART_PARTS_MAX parts, each with a name, its bytes inside the body
 * and never holding the delimiter, the parts in order without overlap,
 * names and file names valid UTF-8 without control characters.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "multipart.h"
#include "req.h"
#include "fuzz.h"

static struct arena	arena;
static int		arena_ready;

/* Valid UTF-8 without C0, DEL or C1 controls. */
static int
clean(const char *s)
{
	const unsigned char	*p;
	size_t			 i, len = strlen(s);

	if (!req_text_valid(s, len))
		return 0;
	for (p = (const unsigned char *)s, i = 0; i < len; i++)
		if (p[i] < 0x20 || p[i] == 0x7f ||
		    (p[i] == 0xc2 && i + 1 < len && p[i + 1] >= 0x80 &&
		    p[i + 1] < 0xa0))
			return 0;
	return 1;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct multipart_part	*p;
	const uint8_t		*nl;
	const char		*b, *why = NULL, *prev;
	char			*ctype, *body, *delim;
	size_t			 n, i, blen, bodylen;

	if (!arena_ready) {
		arena_init(&arena);
		arena_ready = 1;
	}
	if ((nl = memchr(data, '\n', size)) == NULL)
		return 0;
	ctype = arena_strndup(&arena, (const char *)data,
	    (size_t)(nl - data));
	/* The body exactly, no NUL after it: ASan sees any over-read. */
	bodylen = size - (size_t)(nl - data) - 1;
	if ((body = malloc(bodylen > 0 ? bodylen : 1)) == NULL)
		abort();
	memcpy(body, nl + 1, bodylen);

	/* Any boundary accepted is one RFC 2046 allows. */
	if ((b = multipart_boundary(&arena, ctype)) != NULL) {
		blen = strlen(b);
		CHECK(blen >= 1 && blen <= MULTIPART_BOUNDARY_MAX);
		CHECK(b[blen - 1] != ' ');
		CHECK(strspn(b, "0123456789abcdefghijklmnopqrstuvwxyz"
		    "ABCDEFGHIJKLMNOPQRSTUVWXYZ'()+_,-./:=? ") == blen);
	} else
		b = "XyZ";	/* the body is still fuzzed */
	blen = strlen(b);
	delim = arena_printf(&arena, "\r\n--%s", b);

	if (multipart_parse(&arena, b, body, bodylen, &p, &n, &why) == 0) {
		CHECK(n <= MULTIPART_PARTS_MAX);
		CHECK(bodylen >= blen + 4);
		CHECK(memcmp(body, delim + 2, blen + 2) == 0);
		prev = body;
		for (i = 0; i < n; i++) {
			CHECK(p[i].name != NULL && clean(p[i].name));
			CHECK(p[i].filename == NULL || clean(p[i].filename));
			CHECK(p[i].data >= prev &&
			    p[i].data + p[i].len <= body + bodylen);
			CHECK(p[i].len < blen + 4 || memmem(p[i].data, p[i].len,
			    delim, blen + 4) == NULL);
			/* Each part is followed by a delimiter. */
			CHECK(p[i].data + p[i].len + blen + 4 <= body + bodylen);
			CHECK(memcmp(p[i].data + p[i].len, delim, blen + 4) == 0);
			prev = p[i].data + p[i].len;
		}
	} else
		CHECK(why != NULL && *why != '\0');
	free(body);
	arena_reset(&arena);
	return 0;
}
