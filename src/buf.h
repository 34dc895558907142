/*
 * buf: growable byte buffer for output (response bodies, headers). Owned by
 * whoever declared it; buf_reset() keeps the capacity for the next request.
 */
#ifndef QUIRE_BUF_H
#define QUIRE_BUF_H

#include <stddef.h>

struct buf {
	char	*data;		/* NUL-terminated when cap > 0 */
	size_t	 len;
	size_t	 cap;
};

void	buf_init(struct buf *);
void	buf_put(struct buf *, const void *, size_t);
void	buf_puts(struct buf *, const char *);
void	buf_putc(struct buf *, char);
void	buf_printf(struct buf *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));
void	buf_reset(struct buf *);
void	buf_free(struct buf *);

#endif
