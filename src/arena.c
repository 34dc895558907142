/*
 * arena: chunked bump allocator. The first chunk is kept across resets so a
 * steady stream of ordinary requests allocates nothing from malloc.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "log.h"

#define CHUNK_MIN	(64 * 1024)
#define ALIGN		16

struct arena_chunk {
	struct arena_chunk *next;
	size_t		    size;	/* usable bytes in data[] */
	size_t		    off;	/* first free byte */
	_Alignas(ALIGN) unsigned char data[];
};

static void *
xmalloc(size_t n)
{
	void	*p;

	if ((p = malloc(n)) == NULL) {
		log_err("%s: out of memory (%zu bytes)", __func__, n);
		abort();
	}
	return p;
}

void
arena_init(struct arena *a)
{
	a->head = NULL;
	a->used = 0;
}

void *
arena_alloc(struct arena *a, size_t n)
{
	struct arena_chunk	*c;
	size_t			 need, sz;

	if (n == 0)
		n = 1;
	if (n > SIZE_MAX - ALIGN - sizeof(*c)) {
		log_err("%s: request too large (%zu bytes)", __func__, n);
		abort();
	}
	need = (n + ALIGN - 1) & ~(size_t)(ALIGN - 1);
	c = a->head;
	if (c == NULL || c->size - c->off < need) {
		sz = need > CHUNK_MIN ? need : CHUNK_MIN;
		c = xmalloc(sizeof(*c) + sz);
		c->size = sz;
		c->off = 0;
		c->next = a->head;
		a->head = c;
	}
	a->used += need;
	c->off += need;
	return c->data + c->off - need;
}

void *
arena_calloc(struct arena *a, size_t n, size_t size)
{
	void	*p;

	if (size != 0 && n > SIZE_MAX / size) {
		log_err("%s: overflow (%zu x %zu)", __func__, n, size);
		abort();
	}
	p = arena_alloc(a, n * size);
	memset(p, 0, n * size);
	return p;
}

char *
arena_strndup(struct arena *a, const char *s, size_t len)
{
	char	*p;

	p = arena_alloc(a, len + 1);
	if (len > 0)
		memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

char *
arena_strdup(struct arena *a, const char *s)
{
	return arena_strndup(a, s, strlen(s));
}

char *
arena_printf(struct arena *a, const char *fmt, ...)
{
	struct arena_chunk	*c = a->head;
	va_list			 ap;
	size_t			 room = c != NULL ? c->size - c->off : 0;
	int			 n;
	char			*p;

	/* Formatted straight into the chunk's free end, once; only a text
	 * that does not fit there is formatted again (a quarter of the
	 * time of a page was vsnprintf, half of it measuring). */
	va_start(ap, fmt);
	n = vsnprintf(room > 0 ? (char *)c->data + c->off : NULL, room, fmt,
	    ap);
	va_end(ap);
	if (n < 0) {
		log_err("%s: bad format \"%s\"", __func__, fmt);
		abort();
	}
	if ((size_t)n < room)
		return arena_alloc(a, (size_t)n + 1);
	p = arena_alloc(a, (size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return p;
}

void *
arena_grow(struct arena *a, void *v, size_t n, size_t *cap, size_t size)
{
	void	*nv;

	if (n < *cap)
		return v;
	*cap = *cap ? *cap * 2 : 16;
	nv = arena_calloc(a, *cap, size);
	if (n > 0)
		memcpy(nv, v, n * size);
	return nv;
}

void
arena_reset(struct arena *a)
{
	struct arena_chunk	*c, *next;

	if (a->head == NULL)
		return;
	/* Keep the oldest chunk (the last in the list); free the others. */
	for (c = a->head; c->next != NULL; c = next) {
		next = c->next;
		free(c);
	}
	/* An oversized chunk (one huge request) is not worth keeping. */
	if (c->size > CHUNK_MIN) {
		free(c);
		c = NULL;
	} else
		c->off = 0;
	a->head = c;
	a->used = 0;
}

void
arena_free(struct arena *a)
{
	struct arena_chunk	*c, *next;

	for (c = a->head; c != NULL; c = next) {
		next = c->next;
		free(c);
	}
	a->head = NULL;
	a->used = 0;
}
