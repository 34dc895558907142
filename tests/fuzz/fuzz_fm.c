/*
 * fuzz_fm: Markdown front matter (src/fm.c) and its writer (src/fmw.c).
 * Input: one byte choosing the file's path (which may give kind, date and
 * slug), then the file's bytes as they are. Checks: a file read has a
 * status of draft or published, strings where strings belong, and a body
 * that is a suffix of the input; one that port_check() (src/port.c)
 * takes, written by fmw_item() and read again, gives every written field
 * back exactly. The same bytes as a flat mapping (settings.yaml) written
 * by fmw_pairs() and read again give the same pairs. A failure always
 * has a message naming the file.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "buf.h"
#include "fm.h"
#include "fmw.h"
#include "fuzz.h"
#include "port.h"

static struct arena	arena;
static int		arena_ready;

static const char *const paths[] = {
	"posts/x.md",
	"pages/2024-01-02-x.md",
	"_posts/2024-01-02-jekyll-slug.md",
	"content/a-bundle/index.md",
};

static void
same_item(const struct port_item *a, const struct port_item *b)
{
	size_t	i;

	CHECK(strcmp(a->title, b->title) == 0);
	CHECK(strcmp(a->slug, b->slug) == 0);
	CHECK(strcmp(a->excerpt, b->excerpt) == 0);
	CHECK(strcmp(a->author, b->author) == 0);
	CHECK(strcmp(a->status, b->status) == 0);
	CHECK(strcmp(a->body, b->body) == 0);
	CHECK(a->has_date == b->has_date);
	CHECK(!a->has_date || a->published_at == b->published_at);
	CHECK(a->has_updated == b->has_updated);
	CHECK(!a->has_updated || a->updated_at == b->updated_at);
	CHECK(a->ntags == b->ntags);
	for (i = 0; i < a->ntags; i++)
		CHECK(strcmp(a->tags[i], b->tags[i]) == 0);
}

static void
item(const char *src, const char *text, size_t len)
{
	struct port_set		 set;
	struct port_item	*it, back;
	struct buf		 b;
	const char		*why = NULL;

	memset(&set, 0, sizeof(set));
	it = port_set_add(&arena, &set);
	if (fm_read(&arena, src, text, len, it, &why) == -1) {
		CHECK(why != NULL && strncmp(why, src, strlen(src)) == 0);
		return;
	}
	CHECK(strcmp(it->status, "draft") == 0 ||
	    strcmp(it->status, "published") == 0);
	CHECK(it->slug != NULL && it->excerpt != NULL && it->author != NULL);
	CHECK(it->body != NULL && strlen(it->body) <= len &&
	    memcmp(text + len - strlen(it->body), it->body,
	    strlen(it->body)) == 0);
	CHECK(it->ntags == 0 || it->tags != NULL);
	if (port_check(&arena, &set) != NULL)
		return;
	buf_init(&b);
	CHECK(fmw_item(&b, it) == 0);
	CHECK(fm_read(&arena, "posts/x.md", b.data, b.len, &back, &why) == 0);
	same_item(it, &back);
	buf_free(&b);
}

static void
pairs(const char *text, size_t len)
{
	struct port_pair	*p = NULL, *q = NULL;
	struct buf		 b;
	size_t			 n = 0, cap = 0, m = 0, qcap = 0, i;
	const char		*why = NULL;

	if (fm_read_pairs(&arena, "s.yaml", text, len, &p, &n, &cap,
	    &why) == -1) {
		CHECK(why != NULL && strncmp(why, "s.yaml:", 7) == 0);
		return;
	}
	buf_init(&b);
	if (fmw_pairs(&b, p, n) == 0) {
		CHECK(fm_read_pairs(&arena, "s.yaml", b.data, b.len, &q, &m,
		    &qcap, &why) == 0);
		CHECK(m == n);
		for (i = 0; i < n; i++)
			CHECK(strcmp(p[i].key, q[i].key) == 0 &&
			    strcmp(p[i].value, q[i].value) == 0);
	}
	buf_free(&b);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char	*text;

	if (!arena_ready) {
		arena_init(&arena);
		arena_ready = 1;
	}
	if (size < 1)
		return 0;
	text = memcpy(arena_alloc(&arena, size), data + 1, size - 1);
	item(paths[data[0] % (sizeof(paths) / sizeof(paths[0]))], text,
	    size - 1);
	pairs(text, size - 1);
	arena_reset(&arena);
	return 0;
}
