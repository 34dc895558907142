/*
 * arena: per-request bump allocator. Everything a request parses, copies or
 * builds lives here and dies at arena_reset(), so handlers never free.
 */
#ifndef QUIRE_ARENA_H
#define QUIRE_ARENA_H

#include <stddef.h>

struct arena_chunk;

struct arena {
	struct arena_chunk *head;	/* chunk being filled; older ones follow */
	size_t		    used;	/* bytes handed out since the last reset */
};

void	 arena_init(struct arena *);
/* Memory stays valid until the next arena_reset() or arena_free(). Never NULL:
 * running out of memory aborts (the supervisor restarts the worker). */
void	*arena_alloc(struct arena *, size_t);
void	*arena_calloc(struct arena *, size_t n, size_t size);
char	*arena_strndup(struct arena *, const char *, size_t);
char	*arena_strdup(struct arena *, const char *);
/* printf into the arena; the result lives until the next reset. */
char	*arena_printf(struct arena *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
/* Makes room for element n of an arena array v of *cap elements of size
 * bytes, doubling it when full; returns the array (moved if it grew). */
void	*arena_grow(struct arena *, void *v, size_t n, size_t *cap, size_t size);
/* Keeps the first chunk for the next request, frees the rest. */
void	 arena_reset(struct arena *);
void	 arena_free(struct arena *);

#endif
