/*
 * route: method + path -> handler, from one const table in route.c, which
 * says everything about a route: its pattern, methods, who it is for, the
 * query fields it takes, its handler, its stamp, and the slugs it keeps
 * from static pages.
 */
#ifndef QUIRE_ROUTE_H
#define QUIRE_ROUTE_H

#include "app.h"

typedef int	(*route_handler)(struct ctx *);

struct route_match {
	route_handler	 handler;
	/* For conditional GET: fills the ctx's stamp from one cheap query
	 * and returns 0, or 404 (no such page: the handler says so) or 500;
	 * or 1: the request has no validators, and the handler stamps the
	 * page from the rows it reads anyway (h_article.c).
	 * NULL for pages that are not cached. */
	route_handler	 stamp;
	enum route_kind	 kind;
	unsigned	 query;		/* 1 << QF_* the page takes */
	int		 canonical;	/* a reader page: any other query
					   is a 301 to route_canonical() */
	const char	*allow;		/* "GET, HEAD": for 405's Allow */
	int		 upload;	/* its POST may be multipart/form-data
					   (req->files): the upload form */
	const char	*args[ROUTE_ARGS_MAX];	/* captures, arena strings */
};

/*
 * Matches path (decoded) against the table. Returns 0 with m filled, 404
 * when no route has that path, 405 when one has it but not the method
 * (m->allow and m->kind are then set).
 */
int	route_match(struct arena *, const char *path, enum req_method,
	    struct route_match *m);
/* 1 if a static page may not take slug (/slug): an address of the site's
 * own, or one kept for it. */
int	route_reserved(const char *slug);

/*
 * A reader page's canonical address, for its 301 and its <link
 * rel="canonical">: path (decoded, as struct req holds it; written
 * percent-encoded) and, of the query values q (req->query), those the
 * route takes (mask: 1 << QF_*), each once, in one fixed order (a
 * search's words first), form-encoded as browsers send a form (space as
 * '+', only letters, digits and "*-._" as they are), an empty value left
 * out. "/search?q=red+fox&page=2". Lives in the arena.
 */
const char	*route_canonical(struct arena *, const char *path,
		    const char *const q[QF__MAX], unsigned mask);
/* Its query alone, without the '?': "" when the page takes none. */
const char	*route_canonical_query(struct arena *,
		    const char *const q[QF__MAX], unsigned mask);

/* What an address is to the site, for a redirect's source: a route's
 * own (RS_OWN: a fixed page, a listing, anything under /admin), the place
 * of an article or a static page (*slug is set: the caller asks whether
 * one is there), or no route's at all. */
enum route_slot {
	RS_FREE,
	RS_OWN,
	RS_ARTICLE,
	RS_PAGE,
};
enum route_slot	route_slot(struct arena *, const char *path,
		    const char **slug);

#endif
