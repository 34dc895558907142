/*
 * fuzz_canon: a reader page's canonical address (route_canonical()), the
 * target of app.c's 301. The input is a query string as a client sends
 * it. Whatever req_parse() accepts, its canonical address must parse
 * again, give the same values (an empty one dropped), and be its own
 * canonical address: a 301 is never answered by another, so no request
 * can loop, and no spelling of a query makes two copies of a page.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "req.h"
#include "route.h"
#include "fuzz.h"

#define ALL	((1u << QF__MAX) - 1)

static struct arena	arena;
static int		arena_ready;

/* req_parse() on "/search?" and the query; 0 or its status. */
static int
parse(struct req *r, const char *target)
{
	char		*env[4];
	const char	*why;

	env[0] = arena_printf(&arena, "REQUEST_URI=%s", target);
	env[1] = (char *)"REQUEST_METHOD=GET";
	env[2] = (char *)"HTTP_HOST=example.org";
	env[3] = NULL;
	memset(r, 0, sizeof(*r));
	return req_parse(r, &arena, env, &why);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct req	 r, back;
	const char	*q, *canon, *want, *again;
	unsigned	 mask;
	int		 i;

	if (!arena_ready) {
		arena_init(&arena);
		arena_ready = 1;
	}
	/* The first byte picks which fields the page takes. */
	mask = size > 0 ? data[0] & ALL : ALL;
	q = arena_strndup(&arena, size > 0 ? (const char *)data + 1 : "",
	    size > 0 ? size - 1 : 0);
	if (strchr(q, '#') != NULL || parse(&r, arena_printf(&arena,
	    "/search?%s", q)) != 0) {
		arena_reset(&arena);
		return 0;
	}
	canon = route_canonical(&arena, r.path, r.query, mask);
	CHECK(strncmp(canon, "/search", 7) == 0);
	CHECK(canon[7] == '\0' || canon[7] == '?');
	CHECK(parse(&back, canon) == 0);
	for (i = 0; i < QF__MAX; i++) {
		want = (mask & (1u << i)) && r.query[i] != NULL &&
		    *r.query[i] != '\0' ? r.query[i] : NULL;
		CHECK((want == NULL) == (back.query[i] == NULL));
		CHECK(want == NULL || strcmp(want, back.query[i]) == 0);
	}
	again = route_canonical(&arena, back.path, back.query, mask);
	CHECK(strcmp(again, canon) == 0);
	/* app.c compares the query after '?' with this. */
	CHECK(strcmp(route_canonical_query(&arena, back.query, mask),
	    back.query_string) == 0);
	arena_reset(&arena);
	return 0;
}
