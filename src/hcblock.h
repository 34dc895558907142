/*
 * hcblock: how a template block's branches meet, in htmlctx's contexts
 * (see hcblock.c). No memory is allocated; buf is the caller's.
 */
#ifndef QUIRE_HCBLOCK_H
#define QUIRE_HCBLOCK_H

#include <stddef.h>

#include "htmlctx.h"

/* Where the branches of a block meet: 0 and the joined context in *out, or
 * -1 if a and b differ in a way later text could not tell apart. */
int	hcblock_merge(struct htmlctx *out, const struct htmlctx *a,
	    const struct htmlctx *b);
/* 1 if a and b are the same context, else 0. */
int	hcblock_same(const struct htmlctx *, const struct htmlctx *);
#endif
