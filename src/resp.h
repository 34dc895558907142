/*
 * resp: the response being built: status, headers, body. Owned by the
 * worker and reset after each request (buffers keep their capacity).
 */
#ifndef QUIRE_RESP_H
#define QUIRE_RESP_H

#include "buf.h"

struct resp {
	int		 status;
	const char	*ctype;		/* static string */
	struct buf	 head;		/* extra "Name: value\r\n" lines */
	struct buf	 body;
};

typedef int	(*resp_write_fn)(void *ctx, const char *, size_t);

void		 resp_init(struct resp *);
void		 resp_reset(struct resp *);
void		 resp_free(struct resp *);
/* Adds a header. Returns -1 (logged, header dropped) if name or value
 * holds a CR, LF or other control character. */
int		 resp_header(struct resp *, const char *name, const char *value);
/* Whether a header called name (any case) was added. */
int		 resp_has_header(const struct resp *, const char *name);
/* The reason phrase for a status ("Not Found"). Static. */
const char	*resp_status_text(int);
/* Writes the CGI response (Status line, headers, body unless head_only). */
int		 resp_send(const struct resp *, int head_only, resp_write_fn,
		    void *ctx);

#endif
