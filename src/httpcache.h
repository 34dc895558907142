/*
 * httpcache: HTTP caching of reader pages. A route's stamp (db_stamp.h)
 * says what its page shows; from it come a strong ETag and Last-Modified,
 * a 304 before anything is rendered, and a max-age that never reaches past
 * the next scheduled article.
 */
#ifndef QUIRE_HTTPCACHE_H
#define QUIRE_HTTPCACHE_H

#include "app.h"

/* Sets ETag and Last-Modified of a page whose stamp is in c->stamp. 1 if
 * the request's validators already match (answer 304, render nothing),
 * else 0. */
int	httpcache_check(struct ctx *);
/* Cache-Control for a response with that status: for reader pages
 * "public, max-age" (capped at the next scheduled article) on 200, 301 and
 * 304, else "no-cache"; admin pages "no-store". */
void	httpcache_control(struct ctx *, int status);

#endif
