/*
 * fuzz_tag: the editor's Tags field (src/tag.c), as the edge hands it
 * over (valid UTF-8, no NUL). tag_check() and tag_parse() agree; what
 * tag_parse() takes is at most TAG_PER_ARTICLE tags, each a name with no
 * comma or outer space and a slug the {tag} route takes
 * (tag_slug_valid), no two slugs the same; and the field the editor shows
 * again (tag_join) parses back to the same names and slugs.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "req.h"
#include "tag.h"
#include "fuzz.h"

static struct arena	arena;
static int		arena_ready;

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct tag	*t, *u;
	const char	*why, *why2;
	char		*field, *joined;
	size_t		 n, n2, i, j, len;

	if (!arena_ready) {
		arena_init(&arena);
		arena_ready = 1;
	}
	if (!req_text_valid((const char *)data, size))
		return 0;
	field = arena_strndup(&arena, (const char *)data, size);
	why = tag_parse(&arena, field, &t, &n);
	CHECK((why == NULL) == (tag_check(field) == NULL));
	if (why != NULL) {
		CHECK(n == 0 && *why != '\0');
		goto out;
	}
	CHECK(n <= TAG_PER_ARTICLE);
	CHECK((n == 0) == (t == NULL));
	for (i = 0; i < n; i++) {
		len = strlen(t[i].name);
		CHECK(len > 0 && strchr(t[i].name, ',') == NULL);
		CHECK(t[i].name[0] != ' ' && t[i].name[len - 1] != ' ');
		CHECK(tag_slug_valid(t[i].slug, strlen(t[i].slug)));
		for (j = 0; j < i; j++)
			CHECK(strcmp(t[i].slug, t[j].slug) != 0);
	}
	joined = tag_join(&arena, t, n);
	why2 = tag_parse(&arena, joined, &u, &n2);
	CHECK(why2 == NULL && n2 == n);
	for (i = 0; i < n; i++)
		CHECK(strcmp(t[i].name, u[i].name) == 0 &&
		    strcmp(t[i].slug, u[i].slug) == 0);
out:
	arena_reset(&arena);
	return 0;
}
