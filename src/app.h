/*
 * app: what a worker holds for its lifetime (config, templates, database,
 * arena, response, the view's cache) and the request pipeline that runs a
 * request through them: parse, route, gate, 304, handler, send. Used alike
 * by the FastCGI worker and the one-shot CGI mode.
 */
#ifndef QUIRE_APP_H
#define QUIRE_APP_H

#include <stddef.h>

#include "arena.h"
#include "auth.h"
#include "config.h"
#include "db.h"
#include "db_stamp.h"
#include "db_user.h"
#include "req.h"
#include "resp.h"
#include "setting.h"

/* The page templates handlers draw; their file names are in view.c. */
enum page_tmpl {
	T_HOME,
	T_ARCHIVE,
	T_ARTICLE,
	T_PAGE,
	T_TAG,
	T_TAGS,
	T_SEARCH,
	T_ERROR,
	T_ADMIN_LOGIN,
	T_ADMIN_LIST,
	T_ADMIN_EDIT,
	T_ADMIN_DELETE,
	T_ADMIN_SETTINGS,
	T_ADMIN_ACCOUNT,
	T_ADMIN_REDIRECTS,
	T_ADMIN_TOOLS,
	T_ADMIN_ERROR,
	T__MAX
};

/* Who a route is for (route.c's table): readers, the sign-in form (admin
 * headers, no session needed) or signed-in authors. */
enum route_kind {
	RK_READER,
	RK_SIGNIN,
	RK_ADMIN,
};

#define ROUTE_ARGS_MAX	4

struct rcache;
struct sitecache;
struct view_cache;
struct tmpl_set;

struct app {
	const struct config	*cfg;
	struct tmpl_set		*tmpl;		/* compiled before the fork */
	long long		 started;	/* when the templates were read */
	int			 tmpl_idx[T__MAX];
	struct db		*db;		/* one per worker */
	struct arena		 arena;		/* reset after each request */
	struct resp		 resp;
	struct view_cache	*view;		/* for the worker's lifetime */
	struct sitecache	*site;		/* the settings, kept */
	struct rcache		*rcache;	/* rendered bodies, kept */
};

/* One request, as a handler sees it. Everything lives in the arena. */
struct ctx {
	struct app		*app;
	struct arena		*a;
	const struct req	*req;
	struct resp		*resp;
	const char		*args[ROUTE_ARGS_MAX];	/* path captures */
	struct settings		 site;
	long long		 now;		/* request time, Unix seconds */
	enum route_kind		 kind;		/* of the matched route */
	unsigned		 query;		/* 1 << QF_* the route takes */
	struct db_stamp		 stamp;		/* set by a route's stamp */
	void			*stamp_data;	/* what a route's stamp read
						 * that its handler needs too
						 * (arena; the two agree on
						 * its type), or NULL */
	int			 signed_in;	/* user and csrf are set */
	struct user		 user;
	char			 csrf[AUTH_TOKEN_HEX + 1];
};

/* How the server hands a request's body in. Returns bytes read, 0 at the
 * end, -1 on error. */
typedef long	(*app_read_fn)(void *ctx, char *, size_t);

/* The worker's state before the fork: the templates. -1 (logged) stops
 * start-up. */
int		 app_init(struct app *, const struct config *);
/* Opens the database in this process, migrates it, prepares statements. */
int		 app_open_db(struct app *);
void		 app_free(struct app *);
/* Answers one request: env is the CGI environment, rd reads the body,
 * wr writes the output. */
void		 app_handle(struct app *, char *const *env, app_read_fn rd,
		    void *rctx, resp_write_fn wr, void *wctx);

#endif
