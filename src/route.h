/*
 * route: method + path -> handler, from one const table in route.c.
 */
#ifndef QUIRE_ROUTE_H
#define QUIRE_ROUTE_H

#include "app.h"

typedef int	(*route_handler)(struct ctx *);

/* What a route's requests get besides its handler. */
#define RF_ADMIN	0x1	/* admin headers; needs a session and, for
				   POST, the session's CSRF token */
#define RF_LOGIN	0x2	/* admin headers, no session needed */

struct route_match {
	route_handler	 handler;
	/* For conditional GET: fills the ctx's stamp from one cheap query
	 * and returns 0, or 404 (no such page: the handler says so) or 500.
	 * NULL for pages that are not cached. */
	route_handler	 stamp;
	unsigned	 flags;		/* RF_* */
	const char	*allow;		/* "GET, HEAD": for 405's Allow */
	const char	*args[ROUTE_ARGS_MAX];	/* captures, arena strings */
};

/*
 * Matches path (decoded) against the table. Returns 0 with m filled, 404
 * when no route has that path, 405 when one has it but not the method
 * (m->allow is then set).
 */
int	route_match(struct arena *, const char *path, enum req_method,
	    struct route_match *m);

#endif
