/*
 * db_int: what the db_* modules share and nothing else includes: the
 * connection, the statement registry and the helpers that bind, step and
 * copy. Each module declares its statements as an enum and a parallel SQL
 * table, registered by one row in db.c's module table.
 */
#ifndef QUIRE_DB_INT_H
#define QUIRE_DB_INT_H

#include <stddef.h>

#include <sqlite3.h>

#include "arena.h"
#include "db.h"

/*
 * SQL shared by the post and stamp statements, so that a page and its
 * stamp always mean the same rows. "Visible" is published with a
 * publication time at or before :now: scheduling needs no cron.
 */
#define DB_VISIBLE \
	"status = 'published' AND published_at <= :now"
/* Visible and before / after the cursor (T, ID) in (published_at, id)
 * order. Spelled so that the index range itself stops at T: a row value
 * "(published_at, id) < (T, ID)" next to "published_at <= :now" left
 * SQLite walking every newer row (6 ms at 100,000 articles). */
#define DB_OLDER(T, ID) \
	"status = 'published' AND published_at <= min(:now, " T ")" \
	" AND (published_at < " T " OR id < " ID ")"
#define DB_NEWER(T, ID) \
	"status = 'published' AND published_at >= " T \
	" AND published_at <= :now AND (published_at > " T " OR id > " ID ")"
/* A link of tag :tag (article_tags aliased x) to a visible article older
 * than the cursor (T, ID): a range of article_tags_published, which holds
 * the article's publication time (0010), so a tag's page reads its own
 * rows whatever the share of the site the tag has. */
#define DB_TAG_OLDER(T, ID) \
	"x.tag_id = :tag AND x.published_at <= min(:now, " T ")" \
	" AND (x.published_at < " T " OR x.article_id < " ID ")"
/* Visible and published in [:from, :to): one upper bound, for the same
 * reason (a month at 100,000 articles: 28 ms to under 1 ms). */
#define DB_IN_RANGE \
	"status = 'published' AND published_at >= :from" \
	" AND published_at < min(:to, :now + 1)"

/* Visible articles per month in [:lo, :hi], newest first, and the
 * month's latest save (0010): archive_months (published articles, kept by
 * triggers) less the scheduled ones past :now, a short range of
 * articles_published. */
#define DB_MONTHS \
	"SELECT m.month AS month, m.articles - ifnull(s.n, 0) AS n," \
	" m.changed_at AS changed_at" \
	" FROM archive_months m LEFT JOIN (SELECT" \
	" CAST(strftime('%Y%m', published_at, 'unixepoch') AS INTEGER)" \
	" AS month, count(*) AS n FROM articles WHERE status = 'published'" \
	" AND published_at > :now GROUP BY 1) s ON s.month = m.month" \
	" WHERE m.month BETWEEN :lo AND :hi AND m.articles > ifnull(s.n, 0)" \
	" ORDER BY m.month DESC"

/* The modules with prepared statements; a row each in db.c. */
enum db_mod {
	DBM_POST,
	DBM_USER,
	DBM_SESSION,
	DBM_FAILURE,
	DBM_SETTING,
	DBM_STAMP,
	DBM_SITEMAP,
	DBM_TAG,
	DBM_SEARCH,
	DBM_REDIRECT,
	DBM_ARCHIVE,
	DBM_PORT,
	DBM_SNAP,
	DBM_SECRET,
	DBM__MAX
};

/* A module's statements: SQL text indexed by the module's own enum. */
struct db_sql {
	const char		*name;	/* for messages: "db_post" */
	const char *const	*sql;
	size_t			 n;
};

extern const struct db_sql	db_post_sql, db_user_sql, db_session_sql,
				db_failure_sql, db_setting_sql, db_stamp_sql,
				db_sitemap_sql,
				db_tag_sql,
				db_search_sql,
				db_redirect_sql,
				db_archive_sql,
				db_port_sql,
				db_snap_sql,
				db_secret_sql;

struct db {
	sqlite3		*h;
	char		*path;
	sqlite3_stmt	**st[DBM__MAX];	/* prepared by db_prepare() */
	int		 depth;		/* db_begin()s not yet ended */
	int		 snap;		/* a db_snap_begin() not yet ended */
	enum db_fault	 fault;		/* first failure since cleared */
};

/* Statement s of module m, prepared. */
sqlite3_stmt	*db_stmt(struct db *, enum db_mod m, int s);

/* Runs SQL text (migrations, PRAGMAs); what names it in the log. */
int		 db_exec(struct db *, const char *sql, const char *what);
/* A write transaction that takes the lock at once (BEGIN IMMEDIATE), so
 * that what it reads cannot change before it writes; begun inside
 * another, a savepoint of it (the outer one commits or rolls back all). */
int		 db_begin(struct db *);
int		 db_commit(struct db *);
void		 db_rollback(struct db *);

/* Binding by name keeps the SQL readable; a name the statement lacks is a
 * programmer error caught by the first test that runs it. 0 or -1. */
int		 db_bind_int(struct db *, sqlite3_stmt *, const char *name,
		    long long);
int		 db_bind_text(struct db *, sqlite3_stmt *, const char *name,
		    const char *);
int		 db_bind_blob(struct db *, sqlite3_stmt *, const char *name,
		    const void *, int len);
int		 db_bind_null(struct db *, sqlite3_stmt *, const char *name);

/* Column i as an arena string ("" for NULL). */
const char	*db_col_text(sqlite3_stmt *, struct arena *, int i);

/* Steps a statement that returns no rows, then resets it: the number of
 * rows changed, or -1 (logged). */
int		 db_run(struct db *, sqlite3_stmt *);
/* Ends a statement after its last step rc: resets it and clears its
 * bindings. For one-row statements: 1 if rc gave a row, 0 if none; for
 * loops (rc SQLITE_DONE): 0. -1 (logged) on an error. */
int		 db_done(struct db *, sqlite3_stmt *, int rc);
/* db_user.c: the user of a statement that gives at most one row of the
 * users table's columns (id, login, name, pwhash, created_at): 1/0/-1.
 * db_session's join reads users through it. */
struct user;
int		 db_user_row(struct db *, sqlite3_stmt *, struct arena *,
		    struct user *);
/* db_stamp.c: registers stamp_hash(), which its statements use; before
 * db_prepare() prepares them. 0 or -1. */
int		 db_stamp_register(struct db *);
/* db_search.c: registers quire_rank() with FTS5, for its statements. */
int		 db_search_register(struct db *);
/* Logs the connection's last error for statement st; returns -1. */
int		 db_error(struct db *, sqlite3_stmt *);

#endif
