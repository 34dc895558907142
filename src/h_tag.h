/*
 * h_tag: the tag pages. /tag/SLUG lists a tag's visible articles like the
 * home page (?before=PUBTIME-ID for older ones); /tags lists every tag
 * with visible articles and its count, by name.
 */
#ifndef QUIRE_H_TAG_H
#define QUIRE_H_TAG_H

#include "app.h"
#include "tag.h"
#include "tmpl.h"

int		 h_tag(struct ctx *);
int		 h_tags(struct ctx *);
/* Their stamps for conditional GET (route.h). */
int		 h_tag_stamp(struct ctx *);
int		 h_tags_stamp(struct ctx *);

/* "/tag/" and the slug, percent-encoded, then tail: a tag page's path,
 * or its feeds' ("/feed.atom"). In the arena. */
char		*h_tag_url(struct ctx *, const char *slug, const char *tail);
/* An article's tags as its page and the editor's preview draw them
 * (templates/_article.html): a list of {name, slug}. */
struct tv	*h_tag_links(struct ctx *, const struct tag *, size_t n);

#endif
