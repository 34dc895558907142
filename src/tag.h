/*
 * tag: the rules of an article's tags, with no HTTP and no SQL: what the
 * editor's "Tags" field may hold, a tag's slug (its URL form /tag/SLUG),
 * and the route capture that takes only a slug. Used by the edge (valid.c),
 * the editor and the router.
 *
 * The field: tags separated by commas; each is trimmed, inner runs of
 * spaces become one; empty items ("a,,b", a trailing comma) are skipped.
 * A tag is 1 to TAG_CHARS_MAX characters, each an ASCII letter or digit,
 * a space, a hyphen, or any other character outside the punctuation,
 * symbol, space, control, emoji and private-use ranges listed in tag.c
 * (letters and digits of any script, with their combining marks: "Café",
 * "日本語", "Ελλάδα"; not "C++", "a/b", "☕"), and holds at least one
 * letter or digit. At most TAG_PER_ARTICLE tags an article.
 *
 * The slug: the name lowercased (ASCII, Latin-1, Latin Extended-A and
 * Additional, Greek, Cyrillic, Armenian, fullwidth Latin: one character
 * to one, no final-sigma rule; other scripts have no case here), each run
 * of spaces and hyphens one hyphen, none at either end; non-ASCII kept as
 * UTF-8 ("Café Society" -> "café-society"), percent-encoded only in URLs.
 * Tags with the same slug are the same tag: the first spelling is kept,
 * in the field and in the database. No Unicode normalisation: "é" and
 * "e" + U+0301 are different tags.
 */
#ifndef QUIRE_TAG_H
#define QUIRE_TAG_H

#include <stddef.h>

#include "arena.h"

#define TAG_CHARS_MAX		50	/* characters of a tag */
#define TAG_BYTES_MAX		(TAG_CHARS_MAX * 4)
#define TAG_PER_ARTICLE		20

struct tag {
	const char	*name;		/* as written, trimmed: "Café Society" */
	const char	*slug;		/* "café-society" */
};

/* NULL if the field keeps the rules above, else a message an author can
 * be shown (static). No allocation: the edge's validator. */
const char	*tag_check(const char *field);
/* The field's tags, deduplicated by slug, in the order written, in the
 * arena (*out NULL when *n is 0). NULL, or tag_check()'s message (then
 * *n is 0). */
const char	*tag_parse(struct arena *, const char *field, struct tag **out,
		    size_t *n);
/* The field as the editor shows tags: "a, b, c". In the arena. */
char		*tag_join(struct arena *, const struct tag *, size_t n);
/* 1 if s[0..len) is a slug as tag_parse() makes them (the {tag} route
 * capture), else 0; also for invalid UTF-8. */
int		 tag_slug_valid(const char *s, size_t len);

#endif
