/*
 * db_redirect: the statements on redirects (db_redirect.h). An article's
 * address is written here in SQL as post_path() writes it in C
 * (/YYYY/MM/slug, UTC), so the save's transaction needs no arena.
 */
#include <string.h>

#include "db_int.h"
#include "db_redirect.h"
#include "redirect.h"

enum {
	S_FIND,
	S_LIST,
	S_GOES,
	S_COMES,
	S_INSERT,
	S_DELETE,
	S_MOVED,
	S_SETTLED_ARTICLE,
	S_SETTLED_PAGE,
	S__MAX
};

#define ARTICLE_PATH(A) \
	"strftime('/%Y/%m/', " A ".published_at, 'unixepoch') || " A ".slug"
#define COLS \
	"r.id, r.path, r.target, a.id, a.slug, a.published_at, a.title," \
	" ifnull(a.status = 'published' AND a.published_at <= :now, 0)," \
	" EXISTS (SELECT 1 FROM pages pg WHERE r.target = '/' || pg.slug" \
	"  AND pg.status <> 'published')"

static const char *const sql[S__MAX] = {
	/* S_FIND */
	"SELECT " COLS " FROM redirects r LEFT JOIN articles a"
	" ON a.id = r.article_id WHERE r.path = :path",
	/* S_LIST */
	"SELECT " COLS " FROM redirects r LEFT JOIN articles a"
	" ON a.id = r.article_id ORDER BY r.path",
	/* S_GOES: where a source goes: its target, or its article's
	 * address (of now, whatever the article's status). */
	"SELECT ifnull(r.target, ifnull(" ARTICLE_PATH("a") ","
	" 'an article with no date')) FROM redirects r"
	" LEFT JOIN articles a ON a.id = r.article_id WHERE r.path = :path",
	/* S_COMES */
	"SELECT path FROM redirects WHERE target = :path ORDER BY path"
	" LIMIT 1",
	/* S_INSERT: manual (:target) or an imported article's old address
	 * (:article), the other NULL. */
	"INSERT INTO redirects (path, target, article_id, created_at)"
	" VALUES (:path, :target, :article, :now)",
	/* S_DELETE */
	"DELETE FROM redirects WHERE id = :id",
	/* S_MOVED: a manual redirect at the address gives way: the
	 * article lived there since. */
	"INSERT INTO redirects (path, article_id, created_at)"
	" SELECT " ARTICLE_PATH("a") ", a.id, :now FROM articles a"
	" WHERE a.id = :id AND a.status = 'published'"
	" AND a.published_at IS NOT NULL"
	" ON CONFLICT (path) DO UPDATE SET article_id = excluded.article_id,"
	" target = NULL, created_at = excluded.created_at",
	/* S_SETTLED_ARTICLE */
	"DELETE FROM redirects WHERE path = (SELECT " ARTICLE_PATH("a")
	" FROM articles a WHERE a.id = :id AND a.status = 'published'"
	" AND a.published_at IS NOT NULL)",
	/* S_SETTLED_PAGE */
	"DELETE FROM redirects WHERE path = (SELECT '/' || slug FROM pages"
	" WHERE id = :id AND status = 'published')",
};

const struct db_sql db_redirect_sql = { "db_redirect", sql, S__MAX };

#define ST(s)	db_stmt(db, DBM_REDIRECT, (s))

static void
read_row(sqlite3_stmt *st, struct arena *a, struct redirect *r)
{
	memset(r, 0, sizeof(*r));
	r->id = sqlite3_column_int64(st, 0);
	r->path = db_col_text(st, a, 1);
	r->target = sqlite3_column_type(st, 2) == SQLITE_NULL ? NULL :
	    db_col_text(st, a, 2);
	r->has_article = sqlite3_column_type(st, 3) != SQLITE_NULL;
	r->article.kind = POST_ARTICLE;
	r->article.id = sqlite3_column_int64(st, 3);
	r->article.slug = db_col_text(st, a, 4);
	r->article.has_date = sqlite3_column_type(st, 5) != SQLITE_NULL;
	r->article.published_at = sqlite3_column_int64(st, 5);
	r->title = db_col_text(st, a, 6);
	r->visible = sqlite3_column_int(st, 7);
	r->hidden_page = sqlite3_column_int(st, 8);
}

int
db_redirect_find(struct db *db, struct arena *a, const char *path,
    long long now, struct redirect *out)
{
	sqlite3_stmt	*st = ST(S_FIND);
	int		 rc;

	if (db_bind_text(db, st, ":path", path) == -1 ||
	    db_bind_int(db, st, ":now", now) == -1)
		return -1;
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		read_row(st, a, out);
	return db_done(db, st, rc);
}

int
db_redirect_list(struct db *db, struct arena *a, long long now,
    struct redirect **out, size_t *n)
{
	sqlite3_stmt	*st = ST(S_LIST);
	struct redirect	*v = NULL;
	size_t		 cap = 0;
	int		 rc;

	*n = 0;
	if (db_bind_int(db, st, ":now", now) == -1)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		v = arena_grow(a, v, *n, &cap, sizeof(*v));
		read_row(st, a, &v[(*n)++]);
	}
	*out = v;
	return db_done(db, st, rc) == -1 ? -1 : 0;
}

/* The one text column of statement s for :path, or NULL: 0/-1. */
static int
one_text(struct db *db, struct arena *a, int s, const char *path,
    const char **out)
{
	sqlite3_stmt	*st = ST(s);
	int		 rc;

	*out = NULL;
	if (db_bind_text(db, st, ":path", path) == -1)
		return -1;
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		*out = db_col_text(st, a, 0);
	return db_done(db, st, rc) == -1 ? -1 : 0;
}

/* from -> to, to being article's address when article is not 0. */
static int
add(struct db *db, struct arena *a, const char *from, const char *to,
    long long article, long long now, const char **why,
    enum redirect_end *end)
{
	struct redirect_facts	 f;
	sqlite3_stmt		*st = ST(S_INSERT);

	*why = NULL;
	if (db_begin(db) == -1)
		return -1;
	if (one_text(db, a, S_GOES, from, &f.from_goes) == -1 ||
	    one_text(db, a, S_GOES, to, &f.to_goes) == -1 ||
	    one_text(db, a, S_COMES, from, &f.from_comes) == -1)
		goto fail;
	if ((*why = redirect_refusal(a, from, to, &f, end)) != NULL) {
		db_rollback(db);
		return 0;
	}
	if (db_bind_text(db, st, ":path", from) == -1 ||
	    (article != 0 ? db_bind_null(db, st, ":target") :
	    db_bind_text(db, st, ":target", to)) == -1 ||
	    (article != 0 ? db_bind_int(db, st, ":article", article) :
	    db_bind_null(db, st, ":article")) == -1 ||
	    db_bind_int(db, st, ":now", now) == -1 ||
	    db_run(db, st) == -1 || db_commit(db) == -1)
		goto fail;
	return 1;
fail:
	sqlite3_clear_bindings(st);
	db_rollback(db);
	return -1;
}

int
db_redirect_add(struct db *db, struct arena *a, const char *from,
    const char *to, long long now, const char **why,
    enum redirect_end *end)
{
	return add(db, a, from, to, 0, now, why, end);
}

int
db_redirect_alias(struct db *db, struct arena *a, const char *from,
    long long article, const char *to, long long now, const char **why,
    enum redirect_end *end)
{
	return add(db, a, from, to, article, now, why, end);
}

int
db_redirect_delete(struct db *db, long long id)
{
	sqlite3_stmt	*st = ST(S_DELETE);

	if (db_bind_int(db, st, ":id", id) == -1)
		return -1;
	return db_run(db, st);
}

int
db_redirect_moved(struct db *db, long long article_id, long long now)
{
	sqlite3_stmt	*st = ST(S_MOVED);

	if (db_bind_int(db, st, ":id", article_id) == -1 ||
	    db_bind_int(db, st, ":now", now) == -1 || db_run(db, st) == -1)
		return -1;
	return 0;
}

int
db_redirect_settled(struct db *db, enum post_kind kind, long long id)
{
	sqlite3_stmt	*st = ST(kind == POST_PAGE ? S_SETTLED_PAGE :
			    S_SETTLED_ARTICLE);

	if (db_bind_int(db, st, ":id", id) == -1 || db_run(db, st) == -1)
		return -1;
	return 0;
}
