/*
 * fuzz_wxr: a WordPress export, any bytes (wxr.c). A read either fails
 * with a message and leaves the set as it was, or adds exactly the posts
 * and pages it reports, each whole: a title, a slug Quire takes, a
 * status Quire knows, UTF-8 text, old addresses that are local paths, and
 * a date for every published item.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "req.h"
#include "valid.h"
#include "wxr.h"
#include "fuzz.h"

static struct arena	arena;
static int		arena_ready;

static int
text_ok(const char *s)
{
	return s != NULL && (*s == '\0' || req_text_valid(s, strlen(s)));
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct port_set		 set = { 0 };
	struct wxr_report	 rep;
	struct port_item	*it;
	size_t			 i, j;

	if (!arena_ready) {
		arena_init(&arena);
		arena_ready = 1;
	}
	port_set_add(&arena, &set)->title = "before";
	if (wxr_read(&arena, "f.xml", (const char *)data, size, &set,
	    &rep) == -1) {
		CHECK(rep.error != NULL && *rep.error != '\0');
		CHECK(set.n == 1);
	} else {
		CHECK(rep.error == NULL);
		CHECK(set.n == 1 + rep.posts + rep.pages);
		for (i = 1; i < set.n; i++) {
			it = &set.items[i];
			CHECK(text_ok(it->title) && *it->title != '\0');
			CHECK(it->slug != NULL && *it->slug != '\0' &&
			    valid_slug(it->slug) == NULL);
			CHECK(text_ok(it->body) && text_ok(it->excerpt));
			CHECK(text_ok(it->author));
			CHECK(strcmp(it->status, "draft") == 0 ||
			    (strcmp(it->status, "published") == 0 &&
			    it->has_date));
			for (j = 0; j < it->ntags; j++)
				CHECK(text_ok(it->tags[j]) &&
				    *it->tags[j] != '\0');
			for (j = 0; j < it->naliases; j++)
				CHECK(it->aliases[j][0] == '/' &&
				    text_ok(it->aliases[j]));
			for (j = 0; j < it->nnotes; j++)
				CHECK(text_ok(it->notes[j]));
		}
	}
	arena_reset(&arena);
	return 0;
}
