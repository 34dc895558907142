/*
 * db: the only module that speaks SQL. One connection per worker process,
 * every statement prepared once at open. Rows are copied into the caller's
 * arena; returned pointers live until that arena is reset.
 */
#ifndef QUIRE_DB_H
#define QUIRE_DB_H

#include <stddef.h>

#include "arena.h"

/* Site settings: key names and defaults live in db.c's table. */
enum setting {
	SET_TITLE,
	SET_SUBTITLE,
	SET_BASE_URL,
	SET_AUTHOR,
	SET_CONTRIBUTE,
	SET_DISCLAIMER,
	SET_PER_PAGE,
	SET_SHARE_X,		/* "1" shows the share link, "0" hides it */
	SET_SHARE_LINKEDIN,
	SET_SHARE_FACEBOOK,
	SET_UPDATED_AT,		/* when the settings were last saved */
	SET_CHANGED_AT,		/* when content last changed (triggers) */
	SET__MAX
};

/* Articles and static pages are edited alike; a page has no excerpt,
 * author or publication time. */
enum db_kind {
	DB_ARTICLE,
	DB_PAGE,
	DB__KINDS
};

/* Outcome of a save. */
enum db_save {
	DB_SAVED,
	DB_CONFLICT,	/* changed (or deleted) since the form was opened */
	DB_DUPLICATE,	/* the slug is taken */
};

struct settings {
	const char	*v[SET__MAX];	/* never NULL after db_settings() */
};

struct article {
	long long	 id;
	enum db_kind	 kind;
	const char	*slug;
	const char	*title;
	const char	*excerpt;	/* Markdown, may be empty */
	const char	*body;		/* Markdown; a prefix in list queries */
	const char	*author;	/* empty: the site's default author */
	const char	*status;	/* "draft" or "published" */
	int		 has_date;	/* published_at is set */
	long long	 published_at;	/* Unix seconds, UTC */
	long long	 created_at;
	long long	 updated_at;
	long long	 revision;	/* +1 on every save */
};

struct user {
	long long	 id;
	const char	*login;
	const char	*name;
	const char	*pwhash;
	long long	 created_at;
};

struct db;

/* Opens (creating if asked) the database and sets WAL, busy timeout and
 * foreign keys. NULL on failure (logged). */
struct db	*db_open(const char *path, int create);
/* Brings the schema to the current version; refuses a newer database. */
int		 db_migrate(struct db *);
/* Fills a new, empty database with the demo site (sql/demo.sql). */
int		 db_load_demo(struct db *);
/* Prepares every statement; call after db_migrate(). */
int		 db_prepare(struct db *);
void		 db_close(struct db *);
/* Schema version this binary brings. */
int		 db_schema_version(void);

int		 db_settings(struct db *, struct arena *, struct settings *);

/* Lookups return 1 when found, 0 when not, -1 on error (logged). "Visible"
 * means published with a publication time at or before now. */
int		 db_article_by_slug(struct db *, struct arena *, const char *slug,
		    long long now, struct article *);
/* The visible article just older (older=1) or newer than a. */
int		 db_article_neighbour(struct db *, struct arena *,
		    const struct article *, long long now, int older,
		    struct article *);
int		 db_page_by_slug(struct db *, struct arena *, const char *slug,
		    struct article *);

/* Key names of the settings ("title"), for forms. Static. */
const char	*db_setting_key(enum setting);
/* Saves every setting in one transaction, and when (for Last-Modified). */
int		 db_settings_save(struct db *, const struct settings *,
		    long long now);

/* Accounts. Lookups 1/0/-1 as above; *out lives in the arena. */
int		 db_user_by_login(struct db *, struct arena *, const char *,
		    struct user *out);
/* 0, or -1 (logged; *dup set when the login exists). */
int		 db_user_add(struct db *, const char *login, const char *name,
		    const char *pwhash, long long now, int *dup);
/* 1 changed, 0 no such login, -1 error. Ends the user's sessions. */
int		 db_user_passwd(struct db *, const char *login,
		    const char *pwhash, long long now);
int		 db_user_del(struct db *, const char *login);
int		 db_user_list(struct db *, struct arena *, struct user **out,
		    size_t *n);

/* Sessions, by the digest of their token (auth.h). */
int		 db_session_add(struct db *, const unsigned char *digest,
		    long long user_id, long long now, long long expires);
/* The signed-in user of a live session: 1/0/-1. */
int		 db_session_user(struct db *, struct arena *,
		    const unsigned char *digest, long long now, struct user *);
int		 db_session_del(struct db *, const unsigned char *digest);
int		 db_sessions_del_user(struct db *, long long user_id);

/* Failed sign-ins: how many for key since a time, and the oldest of them
 * (for Retry-After). */
int		 db_failures(struct db *, const char *key, long long since,
		    int *count, long long *oldest);
/* One attempt at a password, counted before the password is checked, so
 * that parallel attempts cannot all pass the count: in one write
 * transaction, purges failures at or before since; then, when each of the n
 * keys has fewer than max failures after since, records one at now for each
 * (ids[i] its row, for db_failure_undo) and returns 1. Otherwise records
 * nothing, sets *retry_at to the time the most limited key may try again and
 * returns 0. -1 on error (logged). */
int		 db_failure_try(struct db *, const char *const *keys, size_t n,
		    long long now, long long since, int max, long long *ids,
		    long long *retry_at);
/* Takes back the rows db_failure_try recorded: the password was right. */
int		 db_failure_undo(struct db *, const long long *ids, size_t n);
int		 db_failures_clear(struct db *, const char *key);

/* Editing. The admin list: articles (filter: NULL, "draft", "scheduled",
 * "published"), newest first, with the total for paging. */
int		 db_admin_articles(struct db *, struct arena *, const char *filter,
		    long long now, int limit, int offset, struct article **out,
		    size_t *n, long long *total);
int		 db_admin_pages(struct db *, struct arena *, struct article **out,
		    size_t *n);
/* Any status. 1/0/-1. */
int		 db_post_by_id(struct db *, struct arena *, enum db_kind,
		    long long id, struct article *out);
/* Inserts (p->id == 0) or updates the row at p->revision. On DB_SAVED
 * p->id and p->revision are the stored ones. -1 on error. */
int		 db_post_save(struct db *, struct article *p, long long now);
/* 1 deleted, 0 not there, -1 error. */
int		 db_post_delete(struct db *, enum db_kind, long long id);

/* What a reader page shows, in a few numbers: for conditional GET. */
struct db_stamp {
	long long	 rows;		/* articles (or pages) the page shows */
	long long	 last_mod;	/* the latest change among them, Unix s */
	long long	 published_at;	/* db_stamp_article: the article's */
	char		 key[192];	/* their versions, for the ETag */
};
/* Stamps: 1 found, 0 no such page, -1 error. */
/* The limit articles of a home page, as db_articles_page() would list
 * them, and whether there are more. */
int		 db_stamp_home(struct db *, long long now, long long before_t,
		    long long before_id, int limit, struct db_stamp *);
/* The visible articles published in [from, to), as lists show them. */
int		 db_stamp_range(struct db *, long long now, long long from,
		    long long to, struct db_stamp *);
/* An article and the titles of its neighbours. */
int		 db_stamp_article(struct db *, const char *slug, long long now,
		    struct db_stamp *);
int		 db_stamp_static(struct db *, const char *slug, struct db_stamp *);
/* The publication time of the next scheduled article, 0 if none, -1 on
 * error: caches must not keep a page past it. */
long long	 db_next_scheduled(struct db *, long long now);

/* Lists return 0 or -1; *out is an arena array of *n articles, newest
 * first. */
/* Up to limit visible articles older than the cursor (before_t, before_id),
 * with the first excerpt_chars characters (not bytes: never a split UTF-8
 * sequence) of their body. */
int		 db_articles_page(struct db *, struct arena *, long long now,
		    long long before_t, long long before_id, int limit,
		    int excerpt_chars, struct article **out, size_t *n);
/* Every visible article published in [from, to): titles and dates only. */
int		 db_articles_range(struct db *, struct arena *, long long now,
		    long long from, long long to, struct article **out, size_t *n);

#endif
