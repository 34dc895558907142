/*
 * app: what a worker holds for its lifetime (config, templates, database,
 * arena, response) and the request pipeline: parse, route, handle, send.
 * Used alike by the FastCGI loop and the one-shot CGI mode.
 */
#ifndef QUIRE_APP_H
#define QUIRE_APP_H

#include <stddef.h>

#include "arena.h"
#include "auth.h"
#include "db.h"
#include "req.h"
#include "resp.h"
#include "tmpl.h"

/* Process config: filled from the command line once, read-only after. */
struct config {
	const char	*db_path;
	const char	*templates_dir;	/* NULL: the copy built into the binary */
	const char	*socket_path;	/* --socket */
	const char	*listen_addr;	/* --listen HOST:PORT */
	int		 socket_mode;	/* permissions of the unix socket */
	int		 workers;
	int		 max_age;	/* Cache-Control max-age, seconds */
	long long	 max_body;	/* request body limit, bytes (413) */
	const char	*trust_proxy;	/* proxies whose X-Forwarded-For counts */
	int		 session_hours;	/* how long a sign-in lasts */
};

/* The page templates handlers draw; names in app.c. */
enum page_tmpl {
	T_HOME,
	T_ARCHIVE,
	T_ARTICLE,
	T_PAGE,
	T_ERROR,
	T_ADMIN_LOGIN,
	T_ADMIN_LIST,
	T_ADMIN_EDIT,
	T_ADMIN_DELETE,
	T_ADMIN_SETTINGS,
	T_ADMIN_ACCOUNT,
	T_ADMIN_ERROR,
	T__MAX
};

#define ROUTE_ARGS_MAX	4

/* The site-wide Markdown every page shows (contribution note, disclaimer),
 * rendered once and kept while the settings hold the same text. */
enum site_md {
	SITE_MD_NOTE,
	SITE_MD_DISCLAIMER,
	SITE_MD__MAX
};

struct site_md_cache {
	struct arena		 mem;		/* src and html; reset on change */
	const char		*src[SITE_MD__MAX]; /* NULL: not rendered */
	struct safe_html	 html[SITE_MD__MAX];
};

struct app {
	const struct config	*cfg;
	struct tmpl_set		*tmpl;		/* compiled before fork */
	long long		 started;	/* when the templates were read */
	int			 tmpl_idx[T__MAX];
	struct db		*db;		/* one per worker */
	struct arena		 arena;		/* reset after each request */
	struct resp		 resp;
	struct site_md_cache	 site_md;	/* for the worker's lifetime */
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
	unsigned		 flags;		/* RF_* of the matched route */
	struct db_stamp		 stamp;		/* set by a route's stamp */
	int			 signed_in;	/* user and csrf are set */
	struct user		 user;
	char			 csrf[AUTH_TOKEN_HEX + 1];
};

/* How the server hands a request's body in and the response out. */
typedef long	(*app_read_fn)(void *ctx, char *, size_t);

/* Compiles the templates (from cfg->templates_dir or the built-in copy)
 * and checks every page template exists. -1 (logged) stops start-up. */
int		 app_init(struct app *, const struct config *);
/* Opens the database in this process, migrates it, prepares statements. */
int		 app_open_db(struct app *);
void		 app_free(struct app *);
/* Answers one request: env is the CGI environment, rd reads the body
 * (returns bytes read, 0 at the end, -1 on error), wr writes the output. */
void		 app_handle(struct app *, char *const *env, app_read_fn rd,
		    void *rctx, resp_write_fn wr, void *wctx);

/* For handlers: a page's root value with the site-wide parts filled in. */
struct tv	*app_page(struct ctx *, const char *title);
/* Renders a page template into the response; returns the status to send. */
int		 app_render(struct ctx *, enum page_tmpl, struct tv *root);
/* A readable error page with that status; returns status. */
int		 app_error(struct ctx *, int status, const char *message);
/* Signs the browser in as user: a new session and its cookie. */
int		 app_sign_in(struct ctx *, const struct user *);
/* The value of a form field as sent, "" if absent. */
const char	*app_form(struct ctx *, enum req_ffield);
/* Absolute URL of a site path, from base_url or the request's host. */
char		*app_abs_url(struct ctx *, const char *path);

#endif
