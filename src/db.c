/*
 * db: SQLite behind prepared statements. Migrations and the demo content are
 * the SQL files of sql/, built into the binary (embed.h).
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "db.h"
#include "embed.h"
#include "log.h"

enum stmt {
	STMT_SETTINGS,
	STMT_SETTING_SET,
	STMT_ARTICLE_BY_SLUG,
	STMT_ARTICLE_OLDER,
	STMT_ARTICLE_NEWER,
	STMT_ARTICLES_PAGE,
	STMT_ARTICLES_RANGE,
	STMT_PAGE_BY_SLUG,
	STMT_USER_BY_LOGIN,
	STMT_USER_ADD,
	STMT_USER_PASSWD,
	STMT_USER_DEL,
	STMT_USER_LIST,
	STMT_SESSION_ADD,
	STMT_SESSION_USER,
	STMT_SESSION_DEL,
	STMT_SESSIONS_DEL_USER,
	STMT_SESSIONS_PURGE,
	STMT_FAIL_COUNT,
	STMT_FAIL_ADD,
	STMT_FAIL_CLEAR,
	STMT_FAIL_PURGE,
	STMT_FAIL_DEL,
	STMT_ADMIN_ARTICLES,
	STMT_ADMIN_COUNT,
	STMT_ADMIN_PAGES,
	STMT_ARTICLE_BY_ID,
	STMT_ARTICLE_INSERT,
	STMT_ARTICLE_UPDATE,
	STMT_ARTICLE_DELETE,
	STMT_PAGE_BY_ID,
	STMT_PAGE_INSERT,
	STMT_PAGE_UPDATE,
	STMT_PAGE_DELETE,
	STMT_STAMP_HOME,
	STMT_STAMP_RANGE,
	STMT_STAMP_ARTICLE,
	STMT_STAMP_STATIC,
	STMT_NEXT_SCHEDULED,
	STMT__MAX
};

/* Every article or page query returns these columns in this order
 * (read_article); list queries blank what they do not need. */
#define ARTICLE_COLS \
	"id, slug, title, excerpt, body, author, status, published_at," \
	" created_at, updated_at, revision"
#define LIST_COLS \
	"id, slug, title, '', '', author, status, published_at," \
	" created_at, updated_at, revision"
#define PAGE_COLS \
	"id, slug, title, '', body, '', status, NULL, created_at, updated_at," \
	" revision"
#define VISIBLE \
	"status = 'published' AND published_at <= :now"
/* Visible and before / after the cursor (T, ID) in (published_at, id)
 * order. Spelled so that the index range itself stops at T: a row value
 * "(published_at, id) < (T, ID)" next to "published_at <= :now" left
 * SQLite walking every newer row (6 ms at 100,000 articles). */
#define OLDER(T, ID) \
	"status = 'published' AND published_at <= min(:now, " T ")" \
	" AND (published_at < " T " OR id < " ID ")"
/* Visible and published in [:from, :to): one upper bound, for the same
 * reason (a month at 100,000 articles: 28 ms to under 1 ms). */
#define IN_RANGE \
	"status = 'published' AND published_at >= :from" \
	" AND published_at < min(:to, :now + 1)"
#define NEWER(T, ID) \
	"status = 'published' AND published_at >= " T \
	" AND published_at <= :now AND (published_at > " T " OR id > " ID ")"
/* The admin list's status filter: NULL/'' means all. */
#define ADMIN_FILTER \
	" WHERE (ifnull(:filter, '') = ''" \
	" OR (:filter = 'draft' AND status = 'draft')" \
	" OR (:filter = 'scheduled' AND status = 'published'" \
	"     AND published_at > :now)" \
	" OR (:filter = 'published' AND status = 'published'" \
	"     AND published_at <= :now))"

static const char *const stmt_sql[STMT__MAX] = {
	/* STMT_SETTINGS */
	"SELECT key, value FROM settings",
	/* STMT_SETTING_SET */
	"INSERT INTO settings (key, value) VALUES (:key, :value)"
	" ON CONFLICT (key) DO UPDATE SET value = excluded.value",
	/* STMT_ARTICLE_BY_SLUG */
	"SELECT " ARTICLE_COLS " FROM articles WHERE slug = :slug AND " VISIBLE,
	/* STMT_ARTICLE_OLDER */
	"SELECT " LIST_COLS " FROM articles WHERE " OLDER(":t", ":id")
	" ORDER BY published_at DESC, id DESC LIMIT 1",
	/* STMT_ARTICLE_NEWER */
	"SELECT " LIST_COLS " FROM articles WHERE " NEWER(":t", ":id")
	" ORDER BY published_at, id LIMIT 1",
	/* STMT_ARTICLES_PAGE */
	"SELECT id, slug, title, excerpt, substr(body, 1, :chars), author,"
	" status, published_at, created_at, updated_at, revision"
	" FROM articles WHERE " OLDER(":t", ":id")
	" ORDER BY published_at DESC, id DESC LIMIT :limit",
	/* STMT_ARTICLES_RANGE */
	"SELECT " LIST_COLS " FROM articles WHERE " IN_RANGE
	" ORDER BY published_at DESC, id DESC",
	/* STMT_PAGE_BY_SLUG */
	"SELECT " PAGE_COLS " FROM pages"
	" WHERE slug = :slug AND status = 'published'",
	/* STMT_USER_BY_LOGIN */
	"SELECT id, login, name, pwhash, created_at FROM users"
	" WHERE login = :login",
	/* STMT_USER_ADD */
	"INSERT INTO users (login, name, pwhash, created_at, updated_at)"
	" VALUES (:login, :name, :hash, :now, :now)",
	/* STMT_USER_PASSWD */
	"UPDATE users SET pwhash = :hash, updated_at = :now WHERE login = :login",
	/* STMT_USER_DEL */
	"DELETE FROM users WHERE login = :login",
	/* STMT_USER_LIST */
	"SELECT id, login, name, '', created_at FROM users ORDER BY login",
	/* STMT_SESSION_ADD */
	"INSERT INTO sessions (digest, user_id, created_at, expires_at)"
	" VALUES (:digest, :uid, :now, :expires)",
	/* STMT_SESSION_USER */
	"SELECT u.id, u.login, u.name, u.pwhash, u.created_at"
	" FROM sessions s JOIN users u ON u.id = s.user_id"
	" WHERE s.digest = :digest AND s.expires_at > :now",
	/* STMT_SESSION_DEL */
	"DELETE FROM sessions WHERE digest = :digest",
	/* STMT_SESSIONS_DEL_USER */
	"DELETE FROM sessions WHERE user_id = :uid",
	/* STMT_SESSIONS_PURGE */
	"DELETE FROM sessions WHERE expires_at <= :now",
	/* STMT_FAIL_COUNT */
	"SELECT count(*), ifnull(min(at), 0) FROM login_failures"
	" WHERE key = :key AND at > :since",
	/* STMT_FAIL_ADD */
	"INSERT INTO login_failures (key, at) VALUES (:key, :now)",
	/* STMT_FAIL_CLEAR */
	"DELETE FROM login_failures WHERE key = :key",
	/* STMT_FAIL_PURGE */
	"DELETE FROM login_failures WHERE at <= :before",
	/* STMT_FAIL_DEL */
	"DELETE FROM login_failures WHERE id = :id",
	/* STMT_ADMIN_ARTICLES */
	"SELECT " LIST_COLS " FROM articles" ADMIN_FILTER
	" ORDER BY ifnull(published_at, updated_at) DESC, id DESC"
	" LIMIT :limit OFFSET :offset",
	/* STMT_ADMIN_COUNT */
	"SELECT count(*) FROM articles" ADMIN_FILTER,
	/* STMT_ADMIN_PAGES */
	"SELECT id, slug, title, '', '', '', status, NULL, created_at,"
	" updated_at, revision FROM pages ORDER BY title, id",
	/* STMT_ARTICLE_BY_ID */
	"SELECT " ARTICLE_COLS " FROM articles WHERE id = :id",
	/* STMT_ARTICLE_INSERT */
	"INSERT INTO articles (slug, title, excerpt, body, author, status,"
	" published_at, created_at, updated_at, revision) VALUES (:slug,"
	" :title, :excerpt, :body, :author, :status, :pub, :now, :now, 1)",
	/* STMT_ARTICLE_UPDATE */
	"UPDATE articles SET slug = :slug, title = :title, excerpt = :excerpt,"
	" body = :body, author = :author, status = :status, published_at = :pub,"
	" updated_at = :now, revision = revision + 1,"
	" list_rev = list_rev + (slug IS NOT :slug OR title IS NOT :title"
	" OR author IS NOT :author OR status IS NOT :status"
	" OR published_at IS NOT :pub)"
	" WHERE id = :id AND revision = :rev",
	/* STMT_ARTICLE_DELETE */
	"DELETE FROM articles WHERE id = :id",
	/* STMT_PAGE_BY_ID */
	"SELECT " PAGE_COLS " FROM pages WHERE id = :id",
	/* STMT_PAGE_INSERT */
	"INSERT INTO pages (slug, title, body, status, created_at, updated_at,"
	" revision) VALUES (:slug, :title, :body, :status, :now, :now, 1)",
	/* STMT_PAGE_UPDATE */
	"UPDATE pages SET slug = :slug, title = :title, body = :body,"
	" status = :status, updated_at = :now, revision = revision + 1"
	" WHERE id = :id AND revision = :rev",
	/* STMT_PAGE_DELETE */
	"DELETE FROM pages WHERE id = :id",
	/* STMT_STAMP_HOME: the rows db_articles_page() lists, body included
	 * (excerpts come from it), so their full revision; of the one row
	 * past the page only whether it exists (the Older link). */
	"SELECT count(*), ifnull(max(CASE WHEN rn <= :shown THEN"
	" max(updated_at, published_at) END), 0),"
	" total(CASE WHEN rn <= :shown THEN id END),"
	" total(CASE WHEN rn <= :shown THEN revision END),"
	" total(CASE WHEN rn <= :shown THEN published_at END)"
	" FROM (SELECT id, revision, updated_at, published_at, row_number()"
	" OVER (ORDER BY published_at DESC, id DESC) AS rn FROM articles"
	" WHERE " OLDER(":t", ":id")
	" ORDER BY published_at DESC, id DESC LIMIT :limit)",
	/* STMT_STAMP_RANGE: from the index alone. list_rev, not updated_at,
	 * says whether what the list shows changed. */
	"SELECT count(*), ifnull(max(max(updated_at), max(published_at)), 0),"
	" total(id), total(list_rev), total(published_at) FROM articles"
	" WHERE " IN_RANGE,
	/* STMT_STAMP_ARTICLE: the article, and what its page shows of its
	 * neighbours ("id list_rev updated_at", "" at either end; the key
	 * keeps "id list_rev"). */
	"SELECT a.id, a.revision, max(a.updated_at, a.published_at),"
	" ifnull((SELECT printf('%d %d %d', id, list_rev, updated_at)"
	"   FROM articles WHERE " OLDER("a.published_at", "a.id")
	"   ORDER BY published_at DESC, id DESC LIMIT 1), ''),"
	" ifnull((SELECT printf('%d %d %d', id, list_rev, updated_at)"
	"   FROM articles WHERE " NEWER("a.published_at", "a.id")
	"   ORDER BY published_at, id LIMIT 1), ''), a.published_at"
	" FROM articles a WHERE a.slug = :slug AND a.status = 'published'"
	" AND a.published_at <= :now",
	/* STMT_STAMP_STATIC */
	"SELECT id, revision, updated_at FROM pages"
	" WHERE slug = :slug AND status = 'published'",
	/* STMT_NEXT_SCHEDULED */
	"SELECT ifnull(min(published_at), 0) FROM articles"
	" WHERE status = 'published' AND published_at > :now",
};

static const struct {
	const char	*key;
	const char	*def;
} settings_tab[SET__MAX] = {
	{ "title", "Quire" },			/* SET_TITLE */
	{ "subtitle", "" },			/* SET_SUBTITLE */
	{ "base_url", "" },			/* SET_BASE_URL */
	{ "author", "" },			/* SET_AUTHOR */
	{ "contribute_note", "" },		/* SET_CONTRIBUTE */
	{ "disclaimer", "" },			/* SET_DISCLAIMER */
	{ "per_page", "10" },			/* SET_PER_PAGE */
	{ "share_x", "1" },			/* SET_SHARE_X */
	{ "share_linkedin", "1" },		/* SET_SHARE_LINKEDIN */
	{ "share_facebook", "1" },		/* SET_SHARE_FACEBOOK */
	{ "updated_at", "0" },			/* SET_UPDATED_AT */
	{ "changed_at", "0" },			/* SET_CHANGED_AT */
};

struct db {
	sqlite3		*h;
	char		*path;
	sqlite3_stmt	*st[STMT__MAX];
};

static int
exec(struct db *db, const char *sql, const char *what)
{
	char	*err = NULL;

	if (sqlite3_exec(db->h, sql, NULL, NULL, &err) != SQLITE_OK) {
		log_err("%s: %s: %s", db->path, what,
		    err != NULL ? err : sqlite3_errmsg(db->h));
		sqlite3_free(err);
		return -1;
	}
	return 0;
}

struct db *
db_open(const char *path, int create)
{
	struct db	*db;
	int		 flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX;

	if (create)
		flags |= SQLITE_OPEN_CREATE;
	if ((db = calloc(1, sizeof(*db))) == NULL ||
	    (db->path = strdup(path)) == NULL) {
		log_err("%s: out of memory", __func__);
		abort();
	}
	if (sqlite3_open_v2(path, &db->h, flags, NULL) != SQLITE_OK) {
		log_err("%s: cannot open: %s", path,
		    db->h != NULL ? sqlite3_errmsg(db->h) : "out of memory");
		goto fail;
	}
	sqlite3_busy_timeout(db->h, 5000);
	sqlite3_extended_result_codes(db->h, 1);
	if (exec(db, "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;"
	    " PRAGMA foreign_keys = ON;", "pragmas") == -1)
		goto fail;
	return db;
fail:
	db_close(db);
	return NULL;
}

void
db_close(struct db *db)
{
	int	 i;

	if (db == NULL)
		return;
	for (i = 0; i < STMT__MAX; i++)
		sqlite3_finalize(db->st[i]);
	sqlite3_close(db->h);
	free(db->path);
	free(db);
}

/* "migrations/0007-x.sql" -> 7; 0 if the name is not a migration. */
static int
migration_number(const char *name)
{
	const char	*p = "migrations/";
	int		 n = 0, i;

	if (strncmp(name, p, strlen(p)) != 0)
		return 0;
	name += strlen(p);
	for (i = 0; i < 4; i++) {
		if (name[i] < '0' || name[i] > '9')
			return 0;
		n = n * 10 + (name[i] - '0');
	}
	return name[4] == '-' ? n : 0;
}

int
db_schema_version(void)
{
	size_t	 i;
	int	 v = 0, n;

	for (i = 0; i < embed_sql_n; i++)
		if ((n = migration_number(embed_sql[i].name)) > v)
			v = n;
	return v;
}

static int
user_version(struct db *db, int *v)
{
	sqlite3_stmt	*st;
	int		 rc = -1;

	if (sqlite3_prepare_v2(db->h, "PRAGMA user_version", -1, &st,
	    NULL) != SQLITE_OK) {
		log_err("%s: %s", db->path, sqlite3_errmsg(db->h));
		return -1;
	}
	if (sqlite3_step(st) == SQLITE_ROW) {
		*v = sqlite3_column_int(st, 0);
		rc = 0;
	} else
		log_err("%s: user_version: %s", db->path, sqlite3_errmsg(db->h));
	sqlite3_finalize(st);
	return rc;
}

int
db_migrate(struct db *db)
{
	char	 sql[64];
	int	 have, want, n, target;
	size_t	 i;

	want = db_schema_version();
	if (user_version(db, &have) == -1)
		return -1;
	if (have > want) {
		log_err("%s: schema version %d is newer than this quire "
		    "knows (%d): upgrade quire", db->path, have, want);
		return -1;
	}
	/* Apply each missing migration in order, each in its own
	 * transaction with its version bump, so a failure leaves the
	 * database at the last good version. */
	for (target = have + 1; target <= want; target++) {
		for (i = 0; i < embed_sql_n; i++)
			if (migration_number(embed_sql[i].name) == target)
				break;
		if (i == embed_sql_n) {
			log_err("%s: migration %04d is missing", __func__,
			    target);
			return -1;
		}
		n = snprintf(sql, sizeof(sql), "PRAGMA user_version = %d;",
		    target);
		if (n < 0 || (size_t)n >= sizeof(sql))
			return -1;
		if (exec(db, "BEGIN IMMEDIATE", "begin") == -1)
			return -1;
		if (exec(db, embed_sql[i].data, embed_sql[i].name) == -1 ||
		    exec(db, sql, "user_version") == -1 ||
		    exec(db, "COMMIT", "commit") == -1) {
			exec(db, "ROLLBACK", "rollback");
			return -1;
		}
		log_info("%s: migrated to schema version %d (%s)", db->path,
		    target, embed_sql[i].name);
	}
	return 0;
}

int
db_load_demo(struct db *db)
{
	const struct embed_file	*f;
	sqlite3_stmt		*st;
	int			 empty;

	if ((f = embed_find(embed_sql, embed_sql_n, "demo.sql")) == NULL) {
		log_err("%s: no demo.sql built in", __func__);
		return -1;
	}
	if (sqlite3_prepare_v2(db->h, "SELECT (SELECT count(*) FROM articles)"
	    " + (SELECT count(*) FROM pages) + (SELECT count(*) FROM settings)",
	    -1, &st, NULL) != SQLITE_OK) {
		log_err("%s: %s", db->path, sqlite3_errmsg(db->h));
		return -1;
	}
	empty = sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int(st, 0) == 0;
	sqlite3_finalize(st);
	if (!empty) {
		log_err("%s: not empty: the demo goes only into a new database",
		    db->path);
		return -1;
	}
	if (exec(db, "BEGIN IMMEDIATE", "begin") == -1)
		return -1;
	if (exec(db, f->data, "demo.sql") == -1 ||
	    exec(db, "COMMIT", "commit") == -1) {
		exec(db, "ROLLBACK", "rollback");
		return -1;
	}
	return 0;
}

int
db_prepare(struct db *db)
{
	int	 i;

	for (i = 0; i < STMT__MAX; i++)
		if (sqlite3_prepare_v3(db->h, stmt_sql[i], -1,
		    SQLITE_PREPARE_PERSISTENT, &db->st[i], NULL) != SQLITE_OK) {
			log_err("%s: statement %d: %s", db->path, i,
			    sqlite3_errmsg(db->h));
			return -1;
		}
	return 0;
}

/* Binding by name keeps the SQL table readable; a missing name is a
 * programmer error caught by the first test that runs the query. */
static int
bind_int(struct db *db, sqlite3_stmt *st, const char *name, long long v)
{
	int	 idx = sqlite3_bind_parameter_index(st, name);

	if (idx == 0 || sqlite3_bind_int64(st, idx, v) != SQLITE_OK) {
		log_err("%s: bind %s: %s", db->path, name, sqlite3_errmsg(db->h));
		return -1;
	}
	return 0;
}

static int
bind_text(struct db *db, sqlite3_stmt *st, const char *name, const char *v)
{
	int	 idx = sqlite3_bind_parameter_index(st, name);

	if (idx == 0 || sqlite3_bind_text(st, idx, v, -1, SQLITE_STATIC) !=
	    SQLITE_OK) {
		log_err("%s: bind %s: %s", db->path, name, sqlite3_errmsg(db->h));
		return -1;
	}
	return 0;
}

static const char *
col_text(sqlite3_stmt *st, struct arena *a, int i)
{
	const unsigned char	*s = sqlite3_column_text(st, i);

	if (s == NULL)
		return "";
	return arena_strndup(a, (const char *)s,
	    (size_t)sqlite3_column_bytes(st, i));
}

static void
read_article(sqlite3_stmt *st, struct arena *a, struct article *ar)
{
	ar->id = sqlite3_column_int64(st, 0);
	ar->kind = DB_ARTICLE;
	ar->slug = col_text(st, a, 1);
	ar->title = col_text(st, a, 2);
	ar->excerpt = col_text(st, a, 3);
	ar->body = col_text(st, a, 4);
	ar->author = col_text(st, a, 5);
	ar->status = col_text(st, a, 6);
	ar->has_date = sqlite3_column_type(st, 7) != SQLITE_NULL;
	ar->published_at = sqlite3_column_int64(st, 7);
	ar->created_at = sqlite3_column_int64(st, 8);
	ar->updated_at = sqlite3_column_int64(st, 9);
	ar->revision = sqlite3_column_int64(st, 10);
}

static int
step_error(struct db *db, enum stmt s)
{
	log_err("%s: statement %d: %s", db->path, (int)s, sqlite3_errmsg(db->h));
	return -1;
}

int
db_settings(struct db *db, struct arena *a, struct settings *out)
{
	sqlite3_stmt	*st = db->st[STMT_SETTINGS];
	const char	*key;
	int		 i, rc;

	for (i = 0; i < SET__MAX; i++)
		out->v[i] = settings_tab[i].def;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		key = (const char *)sqlite3_column_text(st, 0);
		for (i = 0; key != NULL && i < SET__MAX; i++)
			if (strcmp(key, settings_tab[i].key) == 0)
				out->v[i] = col_text(st, a, 1);
	}
	sqlite3_reset(st);
	return rc == SQLITE_DONE ? 0 : step_error(db, STMT_SETTINGS);
}

/* Ends a one-row statement after its step: 1 if it gave the row, 0 if
 * none, -1 (logged) on error. */
static int
one_done(struct db *db, enum stmt s, int rc)
{
	sqlite3_reset(db->st[s]);
	sqlite3_clear_bindings(db->st[s]);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return step_error(db, s);
	return rc == SQLITE_ROW;
}

/* Runs an article statement expected to give at most one row. */
static int
one_article(struct db *db, enum stmt s, struct arena *a, struct article *out)
{
	sqlite3_stmt	*st = db->st[s];
	int		 rc;

	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		read_article(st, a, out);
	}
	return one_done(db, s, rc);
}

/* Runs an article statement into an arena array. */
static int
many_articles(struct db *db, enum stmt s, struct arena *a,
    struct article **out, size_t *n)
{
	sqlite3_stmt	*st = db->st[s];
	struct article	*v = NULL;
	size_t		 cap = 0;
	int		 rc;

	*n = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		v = arena_grow(a, v, *n, &cap, sizeof(*v));
		read_article(st, a, &v[(*n)++]);
	}
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	*out = v;
	return rc == SQLITE_DONE ? 0 : step_error(db, s);
}

int
db_article_by_slug(struct db *db, struct arena *a, const char *slug,
    long long now, struct article *out)
{
	sqlite3_stmt	*st = db->st[STMT_ARTICLE_BY_SLUG];

	if (bind_text(db, st, ":slug", slug) == -1 ||
	    bind_int(db, st, ":now", now) == -1)
		return -1;
	return one_article(db, STMT_ARTICLE_BY_SLUG, a, out);
}

int
db_article_neighbour(struct db *db, struct arena *a, const struct article *ar,
    long long now, int older, struct article *out)
{
	enum stmt	 s = older ? STMT_ARTICLE_OLDER : STMT_ARTICLE_NEWER;
	sqlite3_stmt	*st = db->st[s];

	if (bind_int(db, st, ":now", now) == -1 ||
	    bind_int(db, st, ":t", ar->published_at) == -1 ||
	    bind_int(db, st, ":id", ar->id) == -1)
		return -1;
	return one_article(db, s, a, out);
}

int
db_page_by_slug(struct db *db, struct arena *a, const char *slug,
    struct article *out)
{
	sqlite3_stmt	*st = db->st[STMT_PAGE_BY_SLUG];
	int		 rc;

	if (bind_text(db, st, ":slug", slug) == -1)
		return -1;
	if ((rc = one_article(db, STMT_PAGE_BY_SLUG, a, out)) == 1)
		out->kind = DB_PAGE;
	return rc;
}

int
db_articles_page(struct db *db, struct arena *a, long long now,
    long long before_t, long long before_id, int limit, int excerpt_chars,
    struct article **out, size_t *n)
{
	sqlite3_stmt	*st = db->st[STMT_ARTICLES_PAGE];

	if (bind_int(db, st, ":now", now) == -1 ||
	    bind_int(db, st, ":t", before_t) == -1 ||
	    bind_int(db, st, ":id", before_id) == -1 ||
	    bind_int(db, st, ":limit", limit) == -1 ||
	    bind_int(db, st, ":chars", excerpt_chars) == -1)
		return -1;
	return many_articles(db, STMT_ARTICLES_PAGE, a, out, n);
}

int
db_articles_range(struct db *db, struct arena *a, long long now,
    long long from, long long to, struct article **out, size_t *n)
{
	sqlite3_stmt	*st = db->st[STMT_ARTICLES_RANGE];

	if (bind_int(db, st, ":now", now) == -1 ||
	    bind_int(db, st, ":from", from) == -1 ||
	    bind_int(db, st, ":to", to) == -1)
		return -1;
	return many_articles(db, STMT_ARTICLES_RANGE, a, out, n);
}

/* Runs a statement that returns no rows; the number of rows changed, or -1. */
static int
run(struct db *db, enum stmt s)
{
	sqlite3_stmt	*st = db->st[s];
	int		 rc;

	rc = sqlite3_step(st);
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	if (rc != SQLITE_DONE)
		return step_error(db, s);
	return sqlite3_changes(db->h);
}

static int
bind_blob(struct db *db, sqlite3_stmt *st, const char *name,
    const unsigned char *v, int len)
{
	int	 idx = sqlite3_bind_parameter_index(st, name);

	if (idx == 0 || sqlite3_bind_blob(st, idx, v, len, SQLITE_STATIC) !=
	    SQLITE_OK) {
		log_err("%s: bind %s: %s", db->path, name, sqlite3_errmsg(db->h));
		return -1;
	}
	return 0;
}

const char *
db_setting_key(enum setting s)
{
	return settings_tab[s].key;
}

int
db_settings_save(struct db *db, const struct settings *set, long long now)
{
	sqlite3_stmt	*st = db->st[STMT_SETTING_SET];
	char		 when[24];
	const char	*v;
	int		 i;

	snprintf(when, sizeof(when), "%lld", now);
	if (exec(db, "BEGIN IMMEDIATE", "begin") == -1)
		return -1;
	for (i = 0; i < SET__MAX; i++) {
		if (i == SET_CHANGED_AT)
			continue;	/* the triggers' */
		v = i == SET_UPDATED_AT ? when : set->v[i];
		if (bind_text(db, st, ":key", settings_tab[i].key) == -1 ||
		    bind_text(db, st, ":value", v) == -1 ||
		    run(db, STMT_SETTING_SET) == -1)
			goto fail;
	}
	if (exec(db, "COMMIT", "commit") == 0)
		return 0;
fail:
	exec(db, "ROLLBACK", "rollback");
	return -1;
}

static int
one_user(struct db *db, enum stmt s, struct arena *a, struct user *u)
{
	sqlite3_stmt	*st = db->st[s];
	int		 rc;

	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		u->id = sqlite3_column_int64(st, 0);
		u->login = col_text(st, a, 1);
		u->name = col_text(st, a, 2);
		u->pwhash = col_text(st, a, 3);
		u->created_at = sqlite3_column_int64(st, 4);
	}
	return one_done(db, s, rc);
}

int
db_user_by_login(struct db *db, struct arena *a, const char *login,
    struct user *out)
{
	if (bind_text(db, db->st[STMT_USER_BY_LOGIN], ":login", login) == -1)
		return -1;
	return one_user(db, STMT_USER_BY_LOGIN, a, out);
}

int
db_user_add(struct db *db, const char *login, const char *name,
    const char *pwhash, long long now, int *dup)
{
	sqlite3_stmt	*st = db->st[STMT_USER_ADD];
	int		 rc;

	*dup = 0;
	if (bind_text(db, st, ":login", login) == -1 ||
	    bind_text(db, st, ":name", name) == -1 ||
	    bind_text(db, st, ":hash", pwhash) == -1 ||
	    bind_int(db, st, ":now", now) == -1)
		return -1;
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	if (rc == SQLITE_DONE)
		return 0;
	if (sqlite3_extended_errcode(db->h) == SQLITE_CONSTRAINT_UNIQUE) {
		*dup = 1;
		return -1;
	}
	return step_error(db, STMT_USER_ADD);
}

int
db_user_passwd(struct db *db, const char *login, const char *pwhash,
    long long now)
{
	struct arena	 a;
	struct user	 u;
	int		 rc;

	arena_init(&a);
	if (exec(db, "BEGIN IMMEDIATE", "begin") == -1) {
		arena_free(&a);
		return -1;
	}
	if ((rc = db_user_by_login(db, &a, login, &u)) != 1)
		goto done;
	rc = -1;
	if (bind_text(db, db->st[STMT_USER_PASSWD], ":hash", pwhash) == -1 ||
	    bind_int(db, db->st[STMT_USER_PASSWD], ":now", now) == -1 ||
	    bind_text(db, db->st[STMT_USER_PASSWD], ":login", login) == -1 ||
	    run(db, STMT_USER_PASSWD) == -1 ||
	    db_sessions_del_user(db, u.id) == -1)
		goto done;
	rc = 1;
done:
	arena_free(&a);
	if (rc == -1) {
		exec(db, "ROLLBACK", "rollback");
		return -1;
	}
	return exec(db, "COMMIT", "commit") == -1 ? -1 : rc;
}

int
db_user_del(struct db *db, const char *login)
{
	/* Sessions go with the user (ON DELETE CASCADE). */
	if (bind_text(db, db->st[STMT_USER_DEL], ":login", login) == -1)
		return -1;
	return run(db, STMT_USER_DEL);
}

int
db_user_list(struct db *db, struct arena *a, struct user **out, size_t *n)
{
	sqlite3_stmt	*st = db->st[STMT_USER_LIST];
	struct user	*v = NULL;
	size_t		 cap = 0;
	int		 rc;

	*n = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		v = arena_grow(a, v, *n, &cap, sizeof(*v));
		v[*n].id = sqlite3_column_int64(st, 0);
		v[*n].login = col_text(st, a, 1);
		v[*n].name = col_text(st, a, 2);
		v[*n].pwhash = "";
		v[*n].created_at = sqlite3_column_int64(st, 4);
		(*n)++;
	}
	sqlite3_reset(st);
	*out = v;
	return rc == SQLITE_DONE ? 0 : step_error(db, STMT_USER_LIST);
}

int
db_session_add(struct db *db, const unsigned char *digest, long long user_id,
    long long now, long long expires)
{
	sqlite3_stmt	*st = db->st[STMT_SESSION_ADD];

	if (bind_int(db, db->st[STMT_SESSIONS_PURGE], ":now", now) == -1 ||
	    run(db, STMT_SESSIONS_PURGE) == -1)
		return -1;
	if (bind_blob(db, st, ":digest", digest, 32) == -1 ||
	    bind_int(db, st, ":uid", user_id) == -1 ||
	    bind_int(db, st, ":now", now) == -1 ||
	    bind_int(db, st, ":expires", expires) == -1)
		return -1;
	return run(db, STMT_SESSION_ADD) == -1 ? -1 : 0;
}

int
db_session_user(struct db *db, struct arena *a, const unsigned char *digest,
    long long now, struct user *out)
{
	sqlite3_stmt	*st = db->st[STMT_SESSION_USER];

	if (bind_blob(db, st, ":digest", digest, 32) == -1 ||
	    bind_int(db, st, ":now", now) == -1)
		return -1;
	return one_user(db, STMT_SESSION_USER, a, out);
}

int
db_session_del(struct db *db, const unsigned char *digest)
{
	if (bind_blob(db, db->st[STMT_SESSION_DEL], ":digest", digest, 32) == -1)
		return -1;
	return run(db, STMT_SESSION_DEL) == -1 ? -1 : 0;
}

int
db_sessions_del_user(struct db *db, long long user_id)
{
	if (bind_int(db, db->st[STMT_SESSIONS_DEL_USER], ":uid", user_id) == -1)
		return -1;
	return run(db, STMT_SESSIONS_DEL_USER) == -1 ? -1 : 0;
}

int
db_failures(struct db *db, const char *key, long long since, int *count,
    long long *oldest)
{
	sqlite3_stmt	*st = db->st[STMT_FAIL_COUNT];
	int		 rc;

	*count = 0;
	*oldest = 0;
	if (bind_text(db, st, ":key", key) == -1 ||
	    bind_int(db, st, ":since", since) == -1)
		return -1;
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		*count = sqlite3_column_int(st, 0);
		*oldest = sqlite3_column_int64(st, 1);
	}
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	return rc == SQLITE_ROW ? 0 : step_error(db, STMT_FAIL_COUNT);
}

int
db_failure_try(struct db *db, const char *const *keys, size_t n,
    long long now, long long since, int max, long long *ids,
    long long *retry_at)
{
	size_t		 i;
	long long	 oldest;
	int		 count, allowed = 1;

	*retry_at = 0;
	/* The count and the new rows in one write transaction: a second
	 * worker's attempt waits here and then counts this one. */
	if (exec(db, "BEGIN IMMEDIATE", "begin") == -1)
		return -1;
	if (bind_int(db, db->st[STMT_FAIL_PURGE], ":before", since) == -1 ||
	    run(db, STMT_FAIL_PURGE) == -1)
		goto fail;
	for (i = 0; i < n; i++) {
		if (db_failures(db, keys[i], since, &count, &oldest) == -1)
			goto fail;
		if (count >= max) {
			allowed = 0;
			if (oldest + (now - since) > *retry_at)
				*retry_at = oldest + (now - since);
		}
	}
	for (i = 0; allowed && i < n; i++) {
		if (bind_text(db, db->st[STMT_FAIL_ADD], ":key", keys[i]) == -1 ||
		    bind_int(db, db->st[STMT_FAIL_ADD], ":now", now) == -1 ||
		    run(db, STMT_FAIL_ADD) == -1)
			goto fail;
		ids[i] = sqlite3_last_insert_rowid(db->h);
	}
	if (exec(db, "COMMIT", "commit") == 0)
		return allowed;
fail:
	exec(db, "ROLLBACK", "rollback");
	return -1;
}

int
db_failure_undo(struct db *db, const long long *ids, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		if (bind_int(db, db->st[STMT_FAIL_DEL], ":id", ids[i]) == -1 ||
		    run(db, STMT_FAIL_DEL) == -1)
			return -1;
	return 0;
}

int
db_failures_clear(struct db *db, const char *key)
{
	if (bind_text(db, db->st[STMT_FAIL_CLEAR], ":key", key) == -1)
		return -1;
	return run(db, STMT_FAIL_CLEAR) == -1 ? -1 : 0;
}

int
db_admin_articles(struct db *db, struct arena *a, const char *filter,
    long long now, int limit, int offset, struct article **out, size_t *n,
    long long *total)
{
	sqlite3_stmt	*st = db->st[STMT_ADMIN_COUNT];
	int		 rc;
	size_t		 i;

	*total = 0;
	if (bind_text(db, st, ":filter", filter != NULL ? filter : "") == -1 ||
	    bind_int(db, st, ":now", now) == -1)
		return -1;
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		*total = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	if (rc != SQLITE_ROW)
		return step_error(db, STMT_ADMIN_COUNT);
	st = db->st[STMT_ADMIN_ARTICLES];
	if (bind_text(db, st, ":filter", filter != NULL ? filter : "") == -1 ||
	    bind_int(db, st, ":now", now) == -1 ||
	    bind_int(db, st, ":limit", limit) == -1 ||
	    bind_int(db, st, ":offset", offset) == -1)
		return -1;
	if (many_articles(db, STMT_ADMIN_ARTICLES, a, out, n) == -1)
		return -1;
	for (i = 0; i < *n; i++)
		(*out)[i].kind = DB_ARTICLE;
	return 0;
}

int
db_admin_pages(struct db *db, struct arena *a, struct article **out,
    size_t *n)
{
	size_t	 i;

	if (many_articles(db, STMT_ADMIN_PAGES, a, out, n) == -1)
		return -1;
	for (i = 0; i < *n; i++)
		(*out)[i].kind = DB_PAGE;
	return 0;
}

int
db_post_by_id(struct db *db, struct arena *a, enum db_kind kind, long long id,
    struct article *out)
{
	enum stmt	 s = kind == DB_PAGE ? STMT_PAGE_BY_ID : STMT_ARTICLE_BY_ID;
	int		 rc;

	if (bind_int(db, db->st[s], ":id", id) == -1)
		return -1;
	if ((rc = one_article(db, s, a, out)) == 1)
		out->kind = kind;
	return rc;
}

int
db_post_save(struct db *db, struct article *p, long long now)
{
	enum stmt	 s;
	sqlite3_stmt	*st;
	int		 rc, idx;

	if (p->kind == DB_PAGE)
		s = p->id == 0 ? STMT_PAGE_INSERT : STMT_PAGE_UPDATE;
	else
		s = p->id == 0 ? STMT_ARTICLE_INSERT : STMT_ARTICLE_UPDATE;
	st = db->st[s];
	if (bind_text(db, st, ":slug", p->slug) == -1 ||
	    bind_text(db, st, ":title", p->title) == -1 ||
	    bind_text(db, st, ":body", p->body) == -1 ||
	    bind_text(db, st, ":status", p->status) == -1 ||
	    bind_int(db, st, ":now", now) == -1)
		return -1;
	if (p->kind == DB_ARTICLE) {
		if (bind_text(db, st, ":excerpt", p->excerpt) == -1 ||
		    bind_text(db, st, ":author", p->author) == -1)
			return -1;
		idx = sqlite3_bind_parameter_index(st, ":pub");
		if (p->has_date)
			rc = sqlite3_bind_int64(st, idx, p->published_at);
		else
			rc = sqlite3_bind_null(st, idx);
		if (rc != SQLITE_OK)
			return step_error(db, s);
	}
	if (p->id != 0 && (bind_int(db, st, ":id", p->id) == -1 ||
	    bind_int(db, st, ":rev", p->revision) == -1))
		return -1;
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	if (rc != SQLITE_DONE) {
		if (sqlite3_extended_errcode(db->h) == SQLITE_CONSTRAINT_UNIQUE)
			return DB_DUPLICATE;
		return step_error(db, s);
	}
	if (p->id == 0) {
		p->id = sqlite3_last_insert_rowid(db->h);
		p->revision = 1;
		return DB_SAVED;
	}
	/* No row at that revision: someone saved (or deleted) it since. */
	if (sqlite3_changes(db->h) == 0)
		return DB_CONFLICT;
	p->revision++;
	return DB_SAVED;
}

int
db_post_delete(struct db *db, enum db_kind kind, long long id)
{
	enum stmt	 s = kind == DB_PAGE ? STMT_PAGE_DELETE : STMT_ARTICLE_DELETE;

	if (bind_int(db, db->st[s], ":id", id) == -1)
		return -1;
	return run(db, s);
}

/* Reads an aggregate stamp row: count, last change, then three sums. */
static int
stamp_row(struct db *db, enum stmt s, struct db_stamp *out)
{
	sqlite3_stmt	*st = db->st[s];
	int		 rc;

	memset(out, 0, sizeof(*out));
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		out->rows = sqlite3_column_int64(st, 0);
		out->last_mod = sqlite3_column_int64(st, 1);
		/* The key leaves last_mod out: a body edit moves it but
		 * changes nothing a list shows. */
		snprintf(out->key, sizeof(out->key), "%lld %.0f %.0f %.0f",
		    out->rows, sqlite3_column_double(st, 2),
		    sqlite3_column_double(st, 3), sqlite3_column_double(st, 4));
	}
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	return rc == SQLITE_ROW ? 1 : step_error(db, s);
}

int
db_stamp_home(struct db *db, long long now, long long before_t,
    long long before_id, int limit, struct db_stamp *out)
{
	sqlite3_stmt	*st = db->st[STMT_STAMP_HOME];

	if (bind_int(db, st, ":now", now) == -1 ||
	    bind_int(db, st, ":t", before_t) == -1 ||
	    bind_int(db, st, ":id", before_id) == -1 ||
	    bind_int(db, st, ":shown", limit) == -1 ||
	    bind_int(db, st, ":limit", limit + 1) == -1)
		return -1;
	return stamp_row(db, STMT_STAMP_HOME, out);
}

int
db_stamp_range(struct db *db, long long now, long long from, long long to,
    struct db_stamp *out)
{
	sqlite3_stmt	*st = db->st[STMT_STAMP_RANGE];

	if (bind_int(db, st, ":now", now) == -1 ||
	    bind_int(db, st, ":from", from) == -1 ||
	    bind_int(db, st, ":to", to) == -1)
		return -1;
	return stamp_row(db, STMT_STAMP_RANGE, out);
}

/* Last change in a neighbour's "id list_rev updated_at". */
static long long
neighbour_time(const unsigned char *s)
{
	long long	 id, rev, at;

	if (s == NULL || sscanf((const char *)s, "%lld %lld %lld", &id, &rev,
	    &at) != 3)
		return 0;
	return at;
}

/* Length of the "id list_rev" part of a neighbour's "id list_rev at". */
static int
neighbour_key(const unsigned char *s)
{
	const char	*p;

	if (s == NULL || (p = strrchr((const char *)s, ' ')) == NULL)
		return 0;
	return (int)(p - (const char *)s);
}

int
db_stamp_article(struct db *db, const char *slug, long long now,
    struct db_stamp *out)
{
	sqlite3_stmt		*st = db->st[STMT_STAMP_ARTICLE];
	const unsigned char	*older, *newer;
	long long		 t;
	int			 rc;

	memset(out, 0, sizeof(*out));
	if (bind_text(db, st, ":slug", slug) == -1 ||
	    bind_int(db, st, ":now", now) == -1)
		return -1;
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		older = sqlite3_column_text(st, 3);
		newer = sqlite3_column_text(st, 4);
		out->rows = 1;
		out->last_mod = sqlite3_column_int64(st, 2);
		out->published_at = sqlite3_column_int64(st, 5);
		if ((t = neighbour_time(older)) > out->last_mod)
			out->last_mod = t;
		if ((t = neighbour_time(newer)) > out->last_mod)
			out->last_mod = t;
		snprintf(out->key, sizeof(out->key), "%lld %lld|%.*s|%.*s",
		    (long long)sqlite3_column_int64(st, 0),
		    (long long)sqlite3_column_int64(st, 1),
		    neighbour_key(older), older != NULL ? (const char *)older :
		    "", neighbour_key(newer), newer != NULL ?
		    (const char *)newer : "");
	}
	return one_done(db, STMT_STAMP_ARTICLE, rc);
}

int
db_stamp_static(struct db *db, const char *slug, struct db_stamp *out)
{
	sqlite3_stmt	*st = db->st[STMT_STAMP_STATIC];
	int		 rc;

	memset(out, 0, sizeof(*out));
	if (bind_text(db, st, ":slug", slug) == -1)
		return -1;
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		out->rows = 1;
		out->last_mod = sqlite3_column_int64(st, 2);
		snprintf(out->key, sizeof(out->key), "%lld %lld",
		    (long long)sqlite3_column_int64(st, 0),
		    (long long)sqlite3_column_int64(st, 1));
	}
	return one_done(db, STMT_STAMP_STATIC, rc);
}

long long
db_next_scheduled(struct db *db, long long now)
{
	sqlite3_stmt	*st = db->st[STMT_NEXT_SCHEDULED];
	long long	 t = -1;

	if (bind_int(db, st, ":now", now) == -1)
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW)
		t = sqlite3_column_int64(st, 0);
	else
		step_error(db, STMT_NEXT_SCHEDULED);
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	return t;
}
