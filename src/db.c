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
	STMT_ARTICLE_BY_SLUG,
	STMT_ARTICLE_OLDER,
	STMT_ARTICLE_NEWER,
	STMT_ARTICLES_PAGE,
	STMT_ARTICLES_RANGE,
	STMT_PAGE_BY_SLUG,
	STMT__MAX
};

/* Every article query returns these columns in this order (read_article). */
#define ARTICLE_COLS \
	"id, slug, title, excerpt, body, author, published_at, updated_at"
#define VISIBLE \
	"status = 'published' AND published_at <= :now"

static const char *const stmt_sql[STMT__MAX] = {
	/* STMT_SETTINGS */
	"SELECT key, value FROM settings",
	/* STMT_ARTICLE_BY_SLUG */
	"SELECT " ARTICLE_COLS " FROM articles WHERE slug = :slug AND " VISIBLE,
	/* STMT_ARTICLE_OLDER */
	"SELECT id, slug, title, '', '', author, published_at, updated_at"
	" FROM articles WHERE " VISIBLE " AND (published_at, id) < (:t, :id)"
	" ORDER BY published_at DESC, id DESC LIMIT 1",
	/* STMT_ARTICLE_NEWER */
	"SELECT id, slug, title, '', '', author, published_at, updated_at"
	" FROM articles WHERE " VISIBLE " AND (published_at, id) > (:t, :id)"
	" ORDER BY published_at, id LIMIT 1",
	/* STMT_ARTICLES_PAGE */
	"SELECT id, slug, title, excerpt, substr(body, 1, :chars), author,"
	" published_at, updated_at FROM articles WHERE " VISIBLE
	" AND (published_at, id) < (:t, :id)"
	" ORDER BY published_at DESC, id DESC LIMIT :limit",
	/* STMT_ARTICLES_RANGE */
	"SELECT id, slug, title, '', '', author, published_at, updated_at"
	" FROM articles WHERE " VISIBLE
	" AND published_at >= :from AND published_at < :to"
	" ORDER BY published_at DESC, id DESC",
	/* STMT_PAGE_BY_SLUG */
	"SELECT id, slug, title, body, updated_at FROM pages"
	" WHERE slug = :slug AND status = 'published'",
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
	ar->slug = col_text(st, a, 1);
	ar->title = col_text(st, a, 2);
	ar->excerpt = col_text(st, a, 3);
	ar->body = col_text(st, a, 4);
	ar->author = col_text(st, a, 5);
	ar->published_at = sqlite3_column_int64(st, 6);
	ar->updated_at = sqlite3_column_int64(st, 7);
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

/* Runs an article statement expected to give at most one row. */
static int
one_article(struct db *db, enum stmt s, struct arena *a, struct article *out)
{
	sqlite3_stmt	*st = db->st[s];
	int		 rc, found = 0;

	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		read_article(st, a, out);
		found = 1;
	}
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return step_error(db, s);
	return found;
}

/* Runs an article statement into an arena array. */
static int
many_articles(struct db *db, enum stmt s, struct arena *a,
    struct article **out, size_t *n)
{
	sqlite3_stmt	*st = db->st[s];
	struct article	*v = NULL, *nv;
	size_t		 cap = 0;
	int		 rc;

	*n = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 16;
			nv = arena_alloc(a, cap * sizeof(*nv));
			if (*n > 0)
				memcpy(nv, v, *n * sizeof(*nv));
			v = nv;
		}
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
    struct page *out)
{
	sqlite3_stmt	*st = db->st[STMT_PAGE_BY_SLUG];
	int		 rc, found = 0;

	if (bind_text(db, st, ":slug", slug) == -1)
		return -1;
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		out->id = sqlite3_column_int64(st, 0);
		out->slug = col_text(st, a, 1);
		out->title = col_text(st, a, 2);
		out->body = col_text(st, a, 3);
		out->updated_at = sqlite3_column_int64(st, 4);
		found = 1;
	}
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return step_error(db, STMT_PAGE_BY_SLUG);
	return found;
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
