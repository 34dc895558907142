/*
 * db_tag: the statements on tags and the functions that run them. Tags
 * are few and an article's set is at most TAG_PER_ARTICLE, so saving works
 * tag by tag; orphans go by the trigger article_tags_orphan.
 */
#include <string.h>

#include <sodium.h>

#include "db_int.h"
#include "db_tag.h"
#include "log.h"

enum {
	S_OF_ARTICLE,
	S_VISIBLE,
	S_BY_SLUG,
	S_INSERT,
	S_LINKS,
	S_LINK,
	S_UNLINK,
	S_STAMP_PAGE,
	S_STAMP_ALL,
	S__MAX
};

/* Every tag with visible articles, by name: its count (the published
 * links less the scheduled ones, a short range of article_tags_published)
 * and its last change (its articles' latest save or visible publication).
 * Reads no article: as many rows as there are tags. */
#define VISIBLE_TAGS \
	"SELECT t.id, t.name, t.slug, t.articles - (SELECT count(*)" \
	"  FROM article_tags x WHERE x.tag_id = t.id" \
	"  AND x.published_at > :now) AS n," \
	" max(t.changed_at, ifnull((SELECT max(x.published_at)" \
	"  FROM article_tags x WHERE x.tag_id = t.id" \
	"  AND x.published_at <= :now), 0)) AS last" \
	" FROM tags t WHERE n > 0 ORDER BY t.name COLLATE NOCASE, t.id"

static const char *const sql[S__MAX] = {
	/* S_OF_ARTICLE */
	"SELECT t.name, t.slug FROM article_tags x JOIN tags t"
	" ON t.id = x.tag_id WHERE x.article_id = :article"
	" ORDER BY t.name COLLATE NOCASE, t.id",
	/* S_VISIBLE */
	VISIBLE_TAGS,
	/* S_BY_SLUG */
	"SELECT id, name, slug FROM tags WHERE slug = :slug",
	/* S_INSERT: an existing tag keeps its first spelling. */
	"INSERT INTO tags (name, slug) VALUES (:name, :slug)"
	" ON CONFLICT (slug) DO NOTHING",
	/* S_LINKS */
	"SELECT tag_id FROM article_tags WHERE article_id = :article",
	/* S_LINK */
	"INSERT OR IGNORE INTO article_tags (article_id, tag_id)"
	" VALUES (:article, :tag)",
	/* S_UNLINK */
	"DELETE FROM article_tags WHERE article_id = :article"
	" AND tag_id = :tag",
	/* S_STAMP_PAGE: as db_stamp's home page, for one tag; whether the
	 * row past the page exists (counted apart, :limit links) changes the
	 * key (db_tag_stamp_page()), and what it is does not. */
	"SELECT (SELECT count(*) FROM (SELECT 1 FROM article_tags x"
	" WHERE " DB_TAG_OLDER(":t", ":id")
	" ORDER BY x.published_at DESC, x.article_id DESC LIMIT :limit)),"
	" ifnull(max(max(updated_at, published_at)), 0),"
	" stamp_hash(id, revision, published_at)"
	" FROM (SELECT a.id, a.revision, a.updated_at, a.published_at"
	" FROM article_tags x CROSS JOIN articles a ON a.id = x.article_id"
	" WHERE " DB_TAG_OLDER(":t", ":id")
	" ORDER BY x.published_at DESC, x.article_id DESC LIMIT :shown)",
	/* S_STAMP_ALL: a tag's name never changes while it exists (ids are
	 * not reused), so its id and count are what the page shows. */
	"SELECT count(*), ifnull(max(last), 0), stamp_hash(id, n, NULL)"
	" FROM (" VISIBLE_TAGS ")",
};

const struct db_sql db_tag_sql = { "db_tag", sql, S__MAX };

#define ST(s)	db_stmt(db, DBM_TAG, (s))

/* Runs a statement of (name, slug) rows into an arena array. */
static int
many_tags(struct db *db, sqlite3_stmt *st, struct arena *a, struct tag **out,
    size_t *n)
{
	struct tag	*v = NULL;
	size_t		 cap = 0;
	int		 rc;

	*n = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		v = arena_grow(a, v, *n, &cap, sizeof(*v));
		v[*n].name = db_col_text(st, a, 0);
		v[(*n)++].slug = db_col_text(st, a, 1);
	}
	*out = v;
	return db_done(db, st, rc) == -1 ? -1 : 0;
}

int
db_tag_of_article(struct db *db, struct arena *a, long long article_id,
    struct tag **out, size_t *n)
{
	sqlite3_stmt	*st = ST(S_OF_ARTICLE);

	*out = NULL;
	*n = 0;
	if (db_bind_int(db, st, ":article", article_id) == -1)
		return -1;
	return many_tags(db, st, a, out, n);
}

int
db_tag_visible(struct db *db, struct arena *a, long long now,
    struct db_tag **out, size_t *n)
{
	sqlite3_stmt	*st = ST(S_VISIBLE);
	struct db_tag	*v = NULL, *t;
	size_t		 cap = 0;
	int		 rc;

	*out = NULL;
	*n = 0;
	if (db_bind_int(db, st, ":now", now) == -1)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		v = arena_grow(a, v, *n, &cap, sizeof(*v));
		t = &v[(*n)++];
		t->id = sqlite3_column_int64(st, 0);
		t->name = db_col_text(st, a, 1);
		t->slug = db_col_text(st, a, 2);
		t->count = sqlite3_column_int64(st, 3);
		t->last_mod = sqlite3_column_int64(st, 4);
	}
	*out = v;
	return db_done(db, st, rc) == -1 ? -1 : 0;
}

int
db_tag_by_slug(struct db *db, struct arena *a, const char *slug,
    struct db_tag *out)
{
	sqlite3_stmt	*st = ST(S_BY_SLUG);
	int		 rc;

	memset(out, 0, sizeof(*out));
	if (db_bind_text(db, st, ":slug", slug) == -1)
		return -1;
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		out->id = sqlite3_column_int64(st, 0);
		out->name = db_col_text(st, a, 1);
		out->slug = db_col_text(st, a, 2);
	}
	return db_done(db, st, rc);
}

/* The id of the tag with that slug: 1/0/-1. */
static int
tag_id(struct db *db, const char *slug, long long *id)
{
	sqlite3_stmt	*st = ST(S_BY_SLUG);
	int		 rc;

	if (db_bind_text(db, st, ":slug", slug) == -1)
		return -1;
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		*id = sqlite3_column_int64(st, 0);
	return db_done(db, st, rc);
}

int
db_tag_set(struct db *db, struct arena *a, long long article_id,
    const struct tag *tags, size_t n)
{
	sqlite3_stmt	*st;
	long long	*old = NULL, ids[TAG_PER_ARTICLE];
	size_t		 nold = 0, cap = 0, i, k;
	int		 rc;

	if (n > TAG_PER_ARTICLE) {
		log_err("%s: %zu tags", __func__, n);
		return -1;
	}
	st = ST(S_LINKS);
	if (db_bind_int(db, st, ":article", article_id) == -1)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		old = arena_grow(a, old, nold, &cap, sizeof(*old));
		old[nold++] = sqlite3_column_int64(st, 0);
	}
	if (db_done(db, st, rc) == -1)
		return -1;

	/* The wanted links first, so that no tag kept is orphaned (and
	 * deleted by the trigger) on the way. */
	for (i = 0; i < n; i++) {
		st = ST(S_INSERT);
		if (db_bind_text(db, st, ":name", tags[i].name) == -1 ||
		    db_bind_text(db, st, ":slug", tags[i].slug) == -1 ||
		    db_run(db, st) == -1)
			return -1;
		if ((rc = tag_id(db, tags[i].slug, &ids[i])) != 1) {
			if (rc == 0)
				log_err("%s: tag %s not stored", __func__,
				    tags[i].slug);
			return -1;
		}
		st = ST(S_LINK);
		if (db_bind_int(db, st, ":article", article_id) == -1 ||
		    db_bind_int(db, st, ":tag", ids[i]) == -1 ||
		    db_run(db, st) == -1)
			return -1;
	}
	for (i = 0; i < nold; i++) {
		for (k = 0; k < n && ids[k] != old[i]; k++)
			continue;
		if (k < n)
			continue;
		st = ST(S_UNLINK);
		if (db_bind_int(db, st, ":article", article_id) == -1 ||
		    db_bind_int(db, st, ":tag", old[i]) == -1 ||
		    db_run(db, st) == -1)
			return -1;
	}
	return 0;
}

/* Reads an aggregate stamp row: count, last change, key. */
static int
list_row(struct db *db, sqlite3_stmt *st, struct db_stamp *out)
{
	const void	*b;
	int		 rc;

	memset(out, 0, sizeof(*out));
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		out->rows = sqlite3_column_int64(st, 0);
		out->last_mod = sqlite3_column_int64(st, 1);
		b = sqlite3_column_blob(st, 2);
		if (b != NULL && sqlite3_column_bytes(st, 2) == DB_STAMP_KEY)
			memcpy(out->key, b, DB_STAMP_KEY);
	}
	return db_done(db, st, rc);
}

int
db_tag_stamp_page(struct db *db, long long tag, long long now,
    long long before_t, long long before_id, int limit, struct db_stamp *out)
{
	sqlite3_stmt			*st = ST(S_STAMP_PAGE);
	crypto_generichash_state	 h;
	unsigned char			 more;

	if (db_bind_int(db, st, ":tag", tag) == -1 ||
	    db_bind_int(db, st, ":now", now) == -1 ||
	    db_bind_int(db, st, ":t", before_t) == -1 ||
	    db_bind_int(db, st, ":id", before_id) == -1 ||
	    db_bind_int(db, st, ":shown", limit) == -1 ||
	    db_bind_int(db, st, ":limit", limit + 1) == -1)
		return -1;
	if (list_row(db, st, out) == -1)
		return -1;
	/* The page shows the tag's name too: its id names it for ever;
	 * and the Older link, when there is a row past the page. */
	more = out->rows > limit;
	crypto_generichash_init(&h, NULL, 0, DB_STAMP_KEY);
	crypto_generichash_update(&h, (const unsigned char *)&tag,
	    sizeof(tag));
	crypto_generichash_update(&h, &more, 1);
	crypto_generichash_update(&h, out->key, DB_STAMP_KEY);
	crypto_generichash_final(&h, out->key, DB_STAMP_KEY);
	if (out->rows > limit)
		out->rows = limit;
	return 1;
}

int
db_tag_stamp_all(struct db *db, long long now, struct db_stamp *out)
{
	sqlite3_stmt	*st = ST(S_STAMP_ALL);

	if (db_bind_int(db, st, ":now", now) == -1)
		return -1;
	return list_row(db, st, out) == -1 ? -1 : 1;
}
