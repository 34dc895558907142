/*
 * view: what every page is drawn with. The page chrome (the site's
 * settings, its note and disclaimer, the page's title and canonical
 * address), the admin's frame, the error page, and the views that more
 * than one handler draws: an article, an article in a list. Handlers fill
 * in the rest and call view_render(). Values live in the request arena.
 */
#ifndef QUIRE_VIEW_H
#define QUIRE_VIEW_H

#include "app.h"
#include "html.h"
#include "post.h"
#include "tmpl.h"

/* The site's Markdown settings (note, disclaimer), rendered once per
 * worker and kept while the settings hold the same text. */
struct view_cache {
	struct arena		 mem;		/* src and html; reset on change */
	const char		*src[SET__MAX];	/* NULL: not rendered */
	struct safe_html	 html[SET__MAX];
	char			 static_v[17];	/* the static files' version */
};

/* Compiles the templates (cfg->templates_dir, or the copy built into the
 * binary) into app and checks every page template exists. -1 (logged). */
int		 view_init(struct app *);
void		 view_free(struct app *);

/* A reader page's root value: site.* (every setting, see setting.h),
 * page.title ("title – site", or the site's title alone) and
 * page.canonical. */
struct tv	*view_page(struct ctx *, const char *title);
/* The longest page description, in bytes (a search result's snippet). */
#define VIEW_DESCRIPTION_MAX	160
/* And for every page what search engines and social networks read:
 * page.description (the site's subtitle), page.og_title (the title alone),
 * page.og_type ("website"), page.article (false), page.tags (empty). */
/* The page of an article or a static page: view_page() with the post's
 * title, its description (its excerpt, else the start of its body, as
 * plain text) and, for an article, page.og_type "article", page.article,
 * page.published and page.modified (ISO 8601), page.author and page.tags
 * (tags: a list of {name}, or NULL for none). */
struct tv	*view_post_page(struct ctx *, const struct post *,
		    struct tv *tags);
/* An admin page's: the same, and signed_in, csrf, user.{login,name}, the
 * notice of the last action (?done=) and fault (empty; a handler sets
 * view_fault()'s text there). */
struct tv	*view_admin_page(struct ctx *, const char *title);
/* Sets the site menu's entries, nav.NAME true for the page's (name may
 * be NULL: none). */
void		 view_nav(struct ctx *, struct tv *root, const char *name);
/* Renders a page template into the response; the status to send (500 if
 * the template failed). */
int		 view_render(struct ctx *, enum page_tmpl, struct tv *root);
/* A readable error page with that status (the admin's for admin routes;
 * a refused POST shows what was typed); returns status. */
int		 view_error(struct ctx *, int status, const char *message);

/* Why a write failed, when the failure passes by itself (the database
 * busy, the disk full, the file read-only: db.h's db_fault_passing()):
 * "LEAD: REASON. THEN", for the form sent back as typed with a 503. NULL
 * for any other failure: the caller answers 500. */
const char	*view_fault(struct ctx *, const char *lead, const char *then);

/* 303 See Other to a site path (after a POST): returns 303. */
int		 view_see_other(struct ctx *, const char *to);
/* values.NAME and, when error is not NULL, errors.NAME: a form field as
 * its template shows it. */
void		 view_field(struct ctx *, struct tv *values, struct tv *errors,
		    const char *name, const char *value, const char *error);
/* The admin's address of a post: "/admin/articles/ID" and tail (""
 * or "/delete"), or "/admin/articles/new" for one not stored yet. */
char		*view_admin_url(struct ctx *, const struct post *,
		    const char *tail);
/* The reader's address of a post with ?r=REVISION, so that the author's
 * own browser fetches this version rather than a copy it kept (reader
 * pages may be cached for max-age). The page answers it while REVISION
 * is its own, and a 301 to its address alone after (app.c). */
char		*view_fresh_url(struct ctx *, const struct post *);

/* A list page's cursor, ?before=PUBTIME-ID (LLONG_MAX, LLONG_MAX for the
 * first page), into *bt and *bid, and its length: the per_page setting.
 * For the stamp and the page alike (home, a tag). */
int		 view_cursor(struct ctx *, long long *bt, long long *bid);
/* The absolute URL of a site path, from the base URL. */
char		*view_abs_url(struct ctx *, const char *path);
/* The author shown for a post: its own, else the site's default. */
const char	*view_author(struct ctx *, const struct post *);
/* The map the _article partial draws (title, date, author, reading time,
 * body, share and archive links); for a page: title and body. minutes is
 * the reading time (post_minutes()). */
struct tv	*view_article(struct ctx *, const struct post *,
		    struct safe_html body, long long minutes);
#define VIEW_EXCERPT_SOURCE 1500	/* characters of body a list fetches */
#define VIEW_EXCERPT_MAX 320		/* bytes of excerpt it shows */

/* Appends an article to a list as lists show it: title, url, date,
 * datetime, author. Returns the item, to add more. */
struct tv	*view_list_item(struct ctx *, struct tv *list,
		    const struct post *);

#endif
