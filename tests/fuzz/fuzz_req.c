/*
 * fuzz_req: the request parser, the first code to see bytes from the
 * network. The input is a CGI environment ("NAME=value" strings separated by
 * NUL or newline); whatever req_parse() accepts must honour the promises of
 * req.h. req_pct_decode() and req_text_valid() are also checked against
 * plain reference versions written from the spec, not from req.c.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "req.h"
#include "fuzz.h"

#define ENV_MAX	32	/* more variables than any real server sends */

static struct arena	arena;
static int		arena_ready;

/* Unicode 15, table 3-7: the well-formed byte sequences; NUL is refused
 * too, as req.h says. Returns 1/0 like req_text_valid(). */
static int
ref_text_valid(const unsigned char *s, size_t len)
{
	size_t		 i = 0, n, k;
	unsigned char	 lo, hi;

	while (i < len) {
		lo = 0x80, hi = 0xbf;
		if (s[i] == 0x00)
			return 0;
		if (s[i] < 0x80) {
			i++;
			continue;
		}
		if (s[i] >= 0xc2 && s[i] <= 0xdf)
			n = 1;
		else if (s[i] >= 0xe0 && s[i] <= 0xef) {
			n = 2;
			if (s[i] == 0xe0)
				lo = 0xa0;
			else if (s[i] == 0xed)
				hi = 0x9f;
		} else if (s[i] >= 0xf0 && s[i] <= 0xf4) {
			n = 3;
			if (s[i] == 0xf0)
				lo = 0x90;
			else if (s[i] == 0xf4)
				hi = 0x8f;
		} else
			return 0;
		if (len - i - 1 < n)
			return 0;
		/* Only the first continuation byte has a narrowed range. */
		if (s[i + 1] < lo || s[i + 1] > hi)
			return 0;
		for (k = 2; k <= n; k++)
			if (s[i + k] < 0x80 || s[i + k] > 0xbf)
				return 0;
		i += n + 1;
	}
	return 1;
}

static int
ref_hex(unsigned char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Strict RFC 3986 percent-decoding: every '%' needs two hex digits. */
static long
ref_pct_decode(const unsigned char *s, size_t len, int plus_space,
    unsigned char *out)
{
	size_t	 i, o = 0;

	for (i = 0; i < len; i++) {
		if (s[i] != '%') {
			out[o++] = s[i] == '+' && plus_space ? ' ' : s[i];
			continue;
		}
		if (i + 2 >= len || ref_hex(s[i + 1]) < 0 || ref_hex(s[i + 2]) < 0)
			return -1;
		out[o++] = (unsigned char)(ref_hex(s[i + 1]) << 4 |
		    ref_hex(s[i + 2]));
		i += 2;
	}
	return (long)o;
}

/* The query string req_parse() reads: REQUEST_URI's when it is set and not
 * empty, else QUERY_STRING (the first of each name wins, as in req.c). */
static const char *
raw_query(char *const *env)
{
	const char	*uri = NULL, *qs = NULL, *q;
	size_t		 i;

	for (i = 0; env[i] != NULL; i++) {
		if (uri == NULL && strncmp(env[i], "REQUEST_URI=", 12) == 0)
			uri = env[i] + 12;
		if (qs == NULL && strncmp(env[i], "QUERY_STRING=", 13) == 0)
			qs = env[i] + 13;
	}
	if (uri != NULL && *uri != '\0')
		return (q = strchr(uri, '?')) != NULL ? q + 1 : "";
	return qs != NULL ? qs : "";
}

/* The home page cursor "PUBTIME-ID" as req.c promises it: two runs of
 * digits around one dash. */
static int
cursor_ok(const char *s)
{
	size_t	 a, b;

	a = strspn(s, "0123456789");
	if (a == 0 || s[a] != '-')
		return 0;
	b = strspn(s + a + 1, "0123456789");
	return b > 0 && s[a + 1 + b] == '\0';
}

static void
check_decode(const uint8_t *data, size_t size)
{
	char		*out;
	unsigned char	*ref;
	long		 n, rn;
	int		 plus;

	/* Exactly len+1 bytes, as req.h asks, so ASan sees any overrun. */
	out = malloc(size + 1);
	ref = malloc(size + 1);
	if (out == NULL || ref == NULL)
		abort();
	for (plus = 0; plus <= 1; plus++) {
		n = req_pct_decode((const char *)data, size, plus, out);
		rn = ref_pct_decode(data, size, plus, ref);
		CHECK(n == rn);
		if (n == -1)
			continue;
		CHECK((size_t)n <= size);
		CHECK(out[n] == '\0');
		CHECK(memcmp(out, ref, (size_t)n) == 0);
	}
	free(out);
	free(ref);
}

static void
check_parse(const uint8_t *data, size_t size)
{
	char		*env[ENV_MAX + 1];
	struct req	 r;
	const char	*why;
	size_t		 i, start, nenv = 0;
	int		 rc, q;

	for (start = i = 0; i <= size && nenv < ENV_MAX; i++) {
		if (i < size && data[i] != '\0' && data[i] != '\n')
			continue;
		if (i > start)
			env[nenv++] = arena_strndup(&arena,
			    (const char *)data + start, i - start);
		start = i + 1;
	}
	env[nenv] = NULL;

	rc = req_parse(&r, &arena, env, &why);
	if (rc != 0) {
		CHECK(rc == 400 || rc == 414);
		CHECK(why != NULL);
		return;
	}
	CHECK(r.method >= METHOD_GET && r.method < METHOD__MAX);
	CHECK(r.method_name != NULL);
	CHECK(r.target != NULL);
	CHECK(r.remote_addr != NULL && *r.remote_addr != '\0');
	CHECK(r.path != NULL);
	CHECK(r.path[0] == '/');
	CHECK(req_text_valid(r.path, strlen(r.path)));
	CHECK(ref_text_valid((const unsigned char *)r.path, strlen(r.path)));
	if (r.host != NULL)
		CHECK(*r.host != '\0' && strlen(r.host) <= 255 &&
		    strspn(r.host, "abcdefghijklmnopqrstuvwxyz"
		    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-:[]") ==
		    strlen(r.host));
	for (q = 0; q < QF__MAX; q++) {
		if (r.query[q] == NULL)
			continue;
		CHECK(req_text_valid(r.query[q], strlen(r.query[q])));
		CHECK(ref_text_valid((const unsigned char *)r.query[q],
		    strlen(r.query[q])));
	}
	if (r.query[QF_BEFORE] != NULL)
		CHECK(strlen(r.query[QF_BEFORE]) <= 32 &&
		    cursor_ok(r.query[QF_BEFORE]));
	/* Decoded text never holds a NUL (STYLE 6), in names as in values:
	 * an accepted query has no %00 anywhere. */
	CHECK(strstr(raw_query(env), "%00") == NULL);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!arena_ready) {
		arena_init(&arena);
		arena_ready = 1;
	}
	CHECK(req_text_valid((const char *)data, size) ==
	    ref_text_valid(data, size));
	check_decode(data, size);
	check_parse(data, size);
	arena_reset(&arena);
	return 0;
}
