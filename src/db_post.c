/*
 * db_post: the statements on articles and pages, and the functions that
 * run them. Every query returns the columns of POST_COLS in that order, so
 * one reader (read_post) serves them all; lists blank what they do not
 * show, so that they read nothing but the index articles_published.
 */
#include <string.h>

#include "db_int.h"
#include "db_post.h"
#include "db_redirect.h"
#include "db_tag.h"

enum {
	S_ARTICLE_BY_SLUG,
	S_ARTICLE_OLDER,
	S_ARTICLE_NEWER,
	S_ARTICLES_PAGE,
	S_ARTICLES_RANGE,
	S_ARTICLES_MONTH,
	S_ARTICLES_TAG,
	S_PAGE_BY_SLUG,
	S_ADMIN_ARTICLES,
	S_ADMIN_COUNT,
	S_ADMIN_PAGES,
	S_ARTICLE_BY_ID,
	S_ARTICLE_INSERT,
	S_ARTICLE_UPDATE,
	S_ARTICLE_DELETE,
	S_PAGE_BY_ID,
	S_PAGE_INSERT,
	S_PAGE_UPDATE,
	S_PAGE_DELETE,
	S_CHANGED,
	S_NEWER_PAGE,
	S_SOURCE,
	S_SOURCE_ALL,
	S__MAX
};

#define POST_COLS \
	"id, slug, title, excerpt, body, author, status, published_at," \
	" created_at, updated_at, revision"
/* A list's: no excerpt or body ("" and NULL: not read, db_post.h). */
#define LIST_COLS \
	"id, slug, title, '', NULL, author, status, published_at," \
	" created_at, updated_at, revision"
/* An article's page: the body, in its overflow pages after the row, is
 * read only when the worker has not kept what it renders to (body.c). */
#define ARTICLE_COLS \
	"id, slug, title, excerpt, NULL, author, status, published_at," \
	" created_at, updated_at, revision"
/* A neighbour's: its list_rev in revision's place (db_post.h). */
#define NB_COLS \
	"id, slug, title, '', '', author, status, published_at," \
	" created_at, updated_at, list_rev"
#define PAGE_COLS \
	"id, slug, title, '', body, '', status, NULL, created_at, updated_at," \
	" revision"
/* The admin list's status filter: NULL/'' means all. */
#define ADMIN_FILTER \
	" WHERE (ifnull(:filter, '') = ''" \
	" OR (:filter = 'draft' AND status = 'draft')" \
	" OR (:filter = 'scheduled' AND status = 'published'" \
	"     AND published_at > :now)" \
	" OR (:filter = 'published' AND status = 'published'" \
	"     AND published_at <= :now))"

static const char *const sql[S__MAX] = {
	/* S_ARTICLE_BY_SLUG */
	"SELECT " ARTICLE_COLS " FROM articles WHERE slug = :slug AND "
	DB_VISIBLE,
	/* S_ARTICLE_OLDER */
	"SELECT " NB_COLS " FROM articles WHERE " DB_OLDER(":t", ":id")
	" ORDER BY published_at DESC, id DESC LIMIT 1",
	/* S_ARTICLE_NEWER */
	"SELECT " NB_COLS " FROM articles WHERE " DB_NEWER(":t", ":id")
	" ORDER BY published_at, id LIMIT 1",
	/* S_ARTICLES_PAGE: from the index alone; the Markdown of the rows
	 * whose excerpt or feed body a worker has not kept comes after
	 * (S_SOURCE): reading ten bodies' overflow pages for excerpts
	 * already kept was half of a home page. */
	"SELECT " LIST_COLS " FROM articles WHERE " DB_OLDER(":t", ":id")
	" ORDER BY published_at DESC, id DESC LIMIT :limit",
	/* S_ARTICLES_RANGE */
	"SELECT " LIST_COLS " FROM articles WHERE " DB_IN_RANGE
	" ORDER BY published_at DESC, id DESC",
	/* S_ARTICLES_MONTH: page :offset / :limit of a month: the offset
	 * skips entries of articles_published, never rows. */
	"SELECT " LIST_COLS " FROM articles WHERE " DB_IN_RANGE
	" ORDER BY published_at DESC, id DESC LIMIT :limit OFFSET :offset",
	/* S_ARTICLES_TAG: as S_ARTICLES_PAGE, of one tag: its links newest
	 * first, then each article's row. */
	"SELECT a.id, a.slug, a.title, '', NULL,"
	" a.author, a.status, a.published_at, a.created_at, a.updated_at,"
	" a.revision FROM article_tags x CROSS JOIN articles a"
	" ON a.id = x.article_id WHERE " DB_TAG_OLDER(":t", ":id")
	" ORDER BY x.published_at DESC, x.article_id DESC LIMIT :limit",
	/* S_PAGE_BY_SLUG */
	"SELECT " PAGE_COLS " FROM pages"
	" WHERE slug = :slug AND status = 'published'",
	/* S_ADMIN_ARTICLES */
	"SELECT " LIST_COLS " FROM articles" ADMIN_FILTER
	" ORDER BY ifnull(published_at, updated_at) DESC, id DESC"
	" LIMIT :limit OFFSET :offset",
	/* S_ADMIN_COUNT */
	"SELECT count(*) FROM articles" ADMIN_FILTER,
	/* S_ADMIN_PAGES */
	"SELECT id, slug, title, '', '', '', status, NULL, created_at,"
	" updated_at, revision FROM pages ORDER BY title, id",
	/* S_ARTICLE_BY_ID */
	"SELECT " POST_COLS " FROM articles WHERE id = :id",
	/* S_ARTICLE_INSERT */
	"INSERT INTO articles (slug, title, excerpt, body, author, status,"
	" published_at, created_at, updated_at, revision) VALUES (:slug,"
	" :title, :excerpt, :body, :author, :status, :pub, :now, :now, 1)",
	/* S_ARTICLE_UPDATE */
	"UPDATE articles SET slug = :slug, title = :title, excerpt = :excerpt,"
	" body = :body, author = :author, status = :status, published_at = :pub,"
	" updated_at = :now, revision = revision + 1,"
	" list_rev = list_rev + (slug IS NOT :slug OR title IS NOT :title"
	" OR author IS NOT :author OR status IS NOT :status"
	" OR published_at IS NOT :pub)"
	" WHERE id = :id AND revision = :rev",
	/* S_ARTICLE_DELETE */
	"DELETE FROM articles WHERE id = :id",
	/* S_PAGE_BY_ID */
	"SELECT " PAGE_COLS " FROM pages WHERE id = :id",
	/* S_PAGE_INSERT */
	"INSERT INTO pages (slug, title, body, status, created_at, updated_at,"
	" revision) VALUES (:slug, :title, :body, :status, :now, :now, 1)",
	/* S_PAGE_UPDATE */
	"UPDATE pages SET slug = :slug, title = :title, body = :body,"
	" status = :status, updated_at = :now, revision = revision + 1"
	" WHERE id = :id AND revision = :rev",
	/* S_PAGE_DELETE */
	"DELETE FROM pages WHERE id = :id",
	/* S_CHANGED: the floor of every page's Last-Modified (httpcache.c),
	 * at quire's clock, in the change's transaction. */
	"INSERT INTO settings (key, value) VALUES ('changed_at', :now)"
	" ON CONFLICT (key) DO UPDATE SET value = excluded.value",
	/* S_NEWER_PAGE: counting up from the cursor itself, the article
	 * just past the newer page's :n. */
	"SELECT published_at, id FROM articles WHERE "
	DB_NEWER(":t", ":id - 1") " ORDER BY published_at, id"
	" LIMIT 1 OFFSET :n",
	/* S_SOURCE: a listed article's excerpt and the start of its body. */
	"SELECT excerpt, substr(body, 1, :chars) FROM articles WHERE id = :id",
	/* S_SOURCE_ALL: the whole body, as it is (substr() would count the
	 * characters of all of it and copy it once more). */
	"SELECT excerpt, body FROM articles WHERE id = :id",
};

const struct db_sql db_post_sql = { "db_post", sql, S__MAX };

#define ST(s)	db_stmt(db, DBM_POST, (s))

static void
read_post(sqlite3_stmt *st, struct arena *a, enum post_kind kind,
    struct post *p)
{
	p->id = sqlite3_column_int64(st, 0);
	p->kind = kind;
	p->slug = db_col_text(st, a, 1);
	p->title = db_col_text(st, a, 2);
	p->excerpt = db_col_text(st, a, 3);
	/* Not NULL in the table: NULL is a query's "not read". */
	p->body = sqlite3_column_type(st, 4) == SQLITE_NULL ? NULL :
	    db_col_text(st, a, 4);
	p->author = db_col_text(st, a, 5);
	p->status = db_col_text(st, a, 6);
	p->has_date = sqlite3_column_type(st, 7) != SQLITE_NULL;
	p->published_at = sqlite3_column_int64(st, 7);
	p->created_at = sqlite3_column_int64(st, 8);
	p->updated_at = sqlite3_column_int64(st, 9);
	p->revision = sqlite3_column_int64(st, 10);
}

/* Runs a statement expected to give at most one post: 1/0/-1. */
static int
one_post(struct db *db, sqlite3_stmt *st, struct arena *a,
    enum post_kind kind, struct post *out)
{
	int	 rc;

	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		read_post(st, a, kind, out);
	return db_done(db, st, rc);
}

/* Runs a statement into an arena array of posts: 0/-1. */
static int
many_posts(struct db *db, sqlite3_stmt *st, struct arena *a,
    enum post_kind kind, struct post **out, size_t *n)
{
	struct post	*v = NULL;
	size_t		 cap = 0;
	int		 rc;

	*n = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		v = arena_grow(a, v, *n, &cap, sizeof(*v));
		read_post(st, a, kind, &v[(*n)++]);
	}
	*out = v;
	return db_done(db, st, rc) == -1 ? -1 : 0;
}

int
db_post_article(struct db *db, struct arena *a, const char *slug,
    long long now, struct post *out)
{
	sqlite3_stmt	*st = ST(S_ARTICLE_BY_SLUG);

	if (db_bind_text(db, st, ":slug", slug) == -1 ||
	    db_bind_int(db, st, ":now", now) == -1)
		return -1;
	return one_post(db, st, a, POST_ARTICLE, out);
}

int
db_post_neighbour(struct db *db, struct arena *a, const struct post *p,
    long long now, int older, struct post *out)
{
	sqlite3_stmt	*st = ST(older ? S_ARTICLE_OLDER : S_ARTICLE_NEWER);

	if (db_bind_int(db, st, ":now", now) == -1 ||
	    db_bind_int(db, st, ":t", p->published_at) == -1 ||
	    db_bind_int(db, st, ":id", p->id) == -1)
		return -1;
	return one_post(db, st, a, POST_ARTICLE, out);
}

int
db_post_page(struct db *db, struct arena *a, const char *slug,
    struct post *out)
{
	sqlite3_stmt	*st = ST(S_PAGE_BY_SLUG);

	if (db_bind_text(db, st, ":slug", slug) == -1)
		return -1;
	return one_post(db, st, a, POST_PAGE, out);
}

int
db_post_list_page(struct db *db, struct arena *a, long long now,
    long long before_t, long long before_id, int limit, struct post **out,
    size_t *n)
{
	sqlite3_stmt	*st = ST(S_ARTICLES_PAGE);

	if (db_bind_int(db, st, ":now", now) == -1 ||
	    db_bind_int(db, st, ":t", before_t) == -1 ||
	    db_bind_int(db, st, ":id", before_id) == -1 ||
	    db_bind_int(db, st, ":limit", limit) == -1)
		return -1;
	return many_posts(db, st, a, POST_ARTICLE, out, n);
}

int
db_post_source(struct db *db, struct arena *a, struct post *p, int chars)
{
	sqlite3_stmt	*st = ST(chars < 0 ? S_SOURCE_ALL : S_SOURCE);
	int		 rc;

	if (db_bind_int(db, st, ":id", p->id) == -1 ||
	    (chars >= 0 && db_bind_int(db, st, ":chars", chars) == -1))
		return -1;
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		p->excerpt = db_col_text(st, a, 0);
		p->body = db_col_text(st, a, 1);
	}
	return db_done(db, st, rc);
}

int
db_post_newer_page(struct db *db, long long now, long long before_t,
    long long before_id, int per_page, long long *t, long long *id)
{
	sqlite3_stmt	*st = ST(S_NEWER_PAGE);
	int		 rc;

	*t = *id = 0;
	if (db_bind_int(db, st, ":now", now) == -1 ||
	    db_bind_int(db, st, ":t", before_t) == -1 ||
	    db_bind_int(db, st, ":id", before_id) == -1 ||
	    db_bind_int(db, st, ":n", per_page) == -1)
		return -1;
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		*t = sqlite3_column_int64(st, 0);
		*id = sqlite3_column_int64(st, 1);
	}
	return db_done(db, st, rc);
}

int
db_post_list_tag(struct db *db, struct arena *a, long long tag_id,
    long long now, long long before_t, long long before_id, int limit,
    struct post **out, size_t *n)
{
	sqlite3_stmt	*st = ST(S_ARTICLES_TAG);

	if (db_bind_int(db, st, ":tag", tag_id) == -1 ||
	    db_bind_int(db, st, ":now", now) == -1 ||
	    db_bind_int(db, st, ":t", before_t) == -1 ||
	    db_bind_int(db, st, ":id", before_id) == -1 ||
	    db_bind_int(db, st, ":limit", limit) == -1)
		return -1;
	return many_posts(db, st, a, POST_ARTICLE, out, n);
}

int
db_post_list_range(struct db *db, struct arena *a, long long now,
    long long from, long long to, struct post **out, size_t *n)
{
	sqlite3_stmt	*st = ST(S_ARTICLES_RANGE);

	if (db_bind_int(db, st, ":now", now) == -1 ||
	    db_bind_int(db, st, ":from", from) == -1 ||
	    db_bind_int(db, st, ":to", to) == -1)
		return -1;
	return many_posts(db, st, a, POST_ARTICLE, out, n);
}

int
db_post_list_month(struct db *db, struct arena *a, long long now,
    long long from, long long to, long long offset, int limit,
    struct post **out, size_t *n)
{
	sqlite3_stmt	*st = ST(S_ARTICLES_MONTH);

	if (db_bind_int(db, st, ":now", now) == -1 ||
	    db_bind_int(db, st, ":from", from) == -1 ||
	    db_bind_int(db, st, ":to", to) == -1 ||
	    db_bind_int(db, st, ":offset", offset) == -1 ||
	    db_bind_int(db, st, ":limit", limit) == -1)
		return -1;
	return many_posts(db, st, a, POST_ARTICLE, out, n);
}

int
db_post_admin_list(struct db *db, struct arena *a, const char *filter,
    long long now, int limit, int offset, struct post **out, size_t *n,
    long long *total)
{
	sqlite3_stmt	*st = ST(S_ADMIN_COUNT);
	int		 rc;

	*total = 0;
	if (db_bind_text(db, st, ":filter", filter != NULL ? filter : "") == -1 ||
	    db_bind_int(db, st, ":now", now) == -1)
		return -1;
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		*total = sqlite3_column_int64(st, 0);
	if (db_done(db, st, rc) != 1)
		return -1;
	st = ST(S_ADMIN_ARTICLES);
	if (db_bind_text(db, st, ":filter", filter != NULL ? filter : "") == -1 ||
	    db_bind_int(db, st, ":now", now) == -1 ||
	    db_bind_int(db, st, ":limit", limit) == -1 ||
	    db_bind_int(db, st, ":offset", offset) == -1)
		return -1;
	return many_posts(db, st, a, POST_ARTICLE, out, n);
}

int
db_post_admin_pages(struct db *db, struct arena *a, struct post **out,
    size_t *n)
{
	return many_posts(db, ST(S_ADMIN_PAGES), a, POST_PAGE, out, n);
}

int
db_post_by_id(struct db *db, struct arena *a, enum post_kind kind,
    long long id, struct post *out)
{
	sqlite3_stmt	*st = ST(kind == POST_PAGE ? S_PAGE_BY_ID :
			    S_ARTICLE_BY_ID);

	if (db_bind_int(db, st, ":id", id) == -1)
		return -1;
	return one_post(db, st, a, kind, out);
}

/* Notes that content changed now. 0/-1. */
static int
changed(struct db *db, long long now)
{
	sqlite3_stmt	*st = ST(S_CHANGED);

	if (db_bind_int(db, st, ":now", now) == -1 || db_run(db, st) == -1)
		return -1;
	return 0;
}

static int
save(struct db *db, struct post *p, long long now)
{
	sqlite3_stmt	*st;
	int		 rc;

	if (p->kind == POST_PAGE)
		st = ST(p->id == 0 ? S_PAGE_INSERT : S_PAGE_UPDATE);
	else
		st = ST(p->id == 0 ? S_ARTICLE_INSERT : S_ARTICLE_UPDATE);
	if (db_bind_text(db, st, ":slug", p->slug) == -1 ||
	    db_bind_text(db, st, ":title", p->title) == -1 ||
	    db_bind_text(db, st, ":body", p->body) == -1 ||
	    db_bind_text(db, st, ":status", p->status) == -1 ||
	    db_bind_int(db, st, ":now", now) == -1)
		goto fail;
	if (p->kind == POST_ARTICLE &&
	    (db_bind_text(db, st, ":excerpt", p->excerpt) == -1 ||
	    db_bind_text(db, st, ":author", p->author) == -1 ||
	    (p->has_date ? db_bind_int(db, st, ":pub", p->published_at) :
	    db_bind_null(db, st, ":pub")) == -1))
		goto fail;
	if (p->id != 0 && (db_bind_int(db, st, ":id", p->id) == -1 ||
	    db_bind_int(db, st, ":rev", p->revision) == -1))
		goto fail;
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	if (rc != SQLITE_DONE) {
		if (sqlite3_extended_errcode(db->h) == SQLITE_CONSTRAINT_UNIQUE)
			return DB_DUPLICATE;
		return db_error(db, st);
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
fail:
	sqlite3_clear_bindings(st);
	return -1;
}

/* Saves p and, when a is not NULL, makes tags[0..n) its set (db_tag.c),
 * in one transaction. */
static int
save_tx(struct db *db, struct arena *a, struct post *p,
    const struct tag *tags, size_t n, long long now)
{
	struct post	 was = *p;
	int		 rc;

	if (db_begin(db) == -1)
		return -1;
	/* An article's address before the change keeps answering (the
	 * redirect to an unchanged address is dropped again just below). */
	if (p->kind == POST_ARTICLE && p->id != 0 &&
	    db_redirect_moved(db, p->id, now) == -1)
		rc = -1;
	else
		rc = save(db, p, now);
	if (rc == DB_SAVED && (db_redirect_settled(db, p->kind, p->id) == -1 ||
	    (a != NULL && db_tag_set(db, a, p->id, tags,
	    n) == -1) || changed(db, now) == -1 || db_commit(db) == -1)) {
		*p = was;
		rc = -1;
	}
	if (rc != DB_SAVED)
		db_rollback(db);
	return rc;
}

int
db_post_save(struct db *db, struct post *p, long long now)
{
	return save_tx(db, NULL, p, NULL, 0, now);
}

int
db_post_save_tags(struct db *db, struct arena *a, struct post *p,
    const struct tag *tags, size_t n, long long now)
{
	return save_tx(db, a, p, tags, n, now);
}

int
db_post_delete(struct db *db, enum post_kind kind, long long id,
    long long now)
{
	sqlite3_stmt	*st = ST(kind == POST_PAGE ? S_PAGE_DELETE :
			    S_ARTICLE_DELETE);
	int		 rc;

	if (db_begin(db) == -1)
		return -1;
	if (db_bind_int(db, st, ":id", id) == -1 ||
	    (rc = db_run(db, st)) == -1 ||
	    (rc > 0 && changed(db, now) == -1) || db_commit(db) == -1) {
		db_rollback(db);
		return -1;
	}
	return rc;
}
