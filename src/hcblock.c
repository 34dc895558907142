/*
 * hcblock: where the branches of a template block meet. A block may end in
 * different HTML contexts only where the text after it cannot tell them
 * apart (between attributes of a tag); elsewhere the compiler refuses it,
 * naming each context in words (htmlctx_describe). The contexts are
 * htmlctx's.
 */
#include <stdio.h>
#include <string.h>

#include "hcblock.h"

/* The states between attributes, where a block may end differently. */
static int
between(const struct htmlctx *c)
{
	switch (c->state) {
	case HC_TAG_NAME:
	case HC_BEFORE_ATTR_NAME:
	case HC_ATTR_NAME:
	case HC_AFTER_ATTR_NAME:
	case HC_AFTER_ATTR_VALUE:
	case HC_SELF_CLOSING:
	case HC_BOUNDARY:
		return 1;
	default:
		return 0;
	}
}

/* 1 if a name character next would start a new attribute (not extend a
 * name, not follow a value without a space). */
static int
space_done(const struct htmlctx *c)
{
	return c->state == HC_BEFORE_ATTR_NAME ||
	    c->state == HC_AFTER_ATTR_NAME || c->state == HC_SELF_CLOSING ||
	    (c->state == HC_BOUNDARY && c->n);
}

static int
same_tag(const struct htmlctx *a, const struct htmlctx *b)
{
	return a->endtag == b->endtag && a->taglen == b->taglen &&
	    memcmp(a->tag, b->tag, sizeof(a->tag)) == 0 &&
	    a->ntype == b->ntype && a->jt == b->jt && a->json == b->json;
}

static int
same_attr(const struct htmlctx *a, const struct htmlctx *b)
{
	return a->attrlen == b->attrlen &&
	    memcmp(a->attr, b->attr, sizeof(a->attr)) == 0;
}

int
hcblock_same(const struct htmlctx *a, const struct htmlctx *b)
{
	if (a->state != b->state)
		return 0;
	switch (a->state) {
	case HC_DATA:
	case HC_TAG_OPEN:
	case HC_END_TAG_OPEN:
	case HC_BOGUS_COMMENT:
		return 1;
	case HC_RCDATA:
	case HC_RAWTEXT:
		return same_tag(a, b) && a->n == b->n && a->m == b->m;
	case HC_TAG_NAME:
	case HC_BEFORE_ATTR_NAME:
	case HC_AFTER_ATTR_VALUE:
	case HC_SELF_CLOSING:
		return same_tag(a, b);
	case HC_BOUNDARY:
		return same_tag(a, b) && a->n == b->n;
	case HC_ATTR_NAME:
	case HC_AFTER_ATTR_NAME:
	case HC_BEFORE_ATTR_VALUE:
	case HC_ATTR_UNQUOTED:
		return same_tag(a, b) && same_attr(a, b);
	case HC_ATTR_VALUE:
		return same_tag(a, b) && same_attr(a, b) &&
		    a->quote == b->quote && a->url == b->url;
	case HC_MARKUP_DECL:
	case HC_COMMENT:
		return a->n == b->n;
	default:
		return 0;
	}
}

int
hcblock_merge(struct htmlctx *out, const struct htmlctx *a,
    const struct htmlctx *b)
{
	if (hcblock_same(a, b)) {
		*out = *a;
		return 0;
	}
	if (between(a) && between(b) && same_tag(a, b)) {
		*out = *a;
		htmlctx_boundary(out, space_done(a) && space_done(b));
		return 0;
	}
	if (a->state == HC_ATTR_VALUE && b->state == HC_ATTR_VALUE &&
	    same_tag(a, b) && same_attr(a, b) && a->quote == b->quote) {
		*out = *a;
		out->url = a->url > b->url ? a->url : b->url;
		return 0;
	}
	return -1;
}
