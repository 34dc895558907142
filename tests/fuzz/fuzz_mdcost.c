/*
 * fuzz_mdcost: the bracket walk of mdcost.c, which counts in one pass what
 * cmark 0.30.2's link handling walks (the editor refuses a text on it).
 * The input is Markdown. The count must equal that of a plain
 * simulation of the same stack, written from cmark's inlines.c rather
 * than from mdcost.c: every opener kept with its kind and state, and each
 * link's walk done step by step. If the fast count were ever lower, a
 * slow text could pass.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "mdcost.h"
#include "fuzz.h"

static struct arena	arena;
static int		arena_ready;

enum opener { IMAGE, LINK, DEAD };

static unsigned long long
reference(const char *s, size_t len)
{
	enum opener		*st = calloc(len + 1, sizeof(*st));
	unsigned long long	 steps = 0;
	size_t			 sp = 0, i, j, k;

	CHECK(st != NULL);
	for (i = 0; i < len; i++) {
		if (s[i] == '\\' && i + 1 < len && s[i + 1] != '\n') {
			i++;
			continue;
		}
		if (s[i] == '\n') {
			/* Blank line: spaces, tabs and CRs only, then \n or
			 * the end. */
			for (k = i + 1; k < len && (s[k] == ' ' ||
			    s[k] == '\t' || s[k] == '\r'); k++)
				;
			if (k == len || s[k] == '\n')
				sp = 0;
		} else if (s[i] == '!' && i + 1 < len && s[i + 1] == '[') {
			st[sp++] = IMAGE;
			i++;
		} else if (s[i] == '[')
			st[sp++] = LINK;
		else if (s[i] == ']' && sp > 0) {
			sp--;
			if (st[sp] != LINK)
				continue;	/* an image, or a dead link */
			/* A link: deactivate earlier links, skip images,
			 * stop at the first dead one. */
			for (j = sp; j > 0; j--) {
				steps++;
				if (st[j - 1] == DEAD)
					break;
				if (st[j - 1] == LINK)
					st[j - 1] = DEAD;
			}
		}
	}
	free(st);
	return steps;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	unsigned long long	 fast, ref;

	if (!arena_ready) {
		arena_init(&arena);
		arena_ready = 1;
	}
	fast = mdcost_walk(&arena, (const char *)data, size);
	ref = reference((const char *)data, size);
	CHECK(fast == ref);
	CHECK(fast <= (unsigned long long)size * size);
	arena_reset(&arena);
	return 0;
}
