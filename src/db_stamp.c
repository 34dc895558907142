/*
 * db_stamp: the stamp statements. Lists are hashed inside SQLite by an
 * aggregate of our own, stamp_hash(), fed the rows in the order the page
 * shows them; a list's stamp reads the index articles_published alone.
 * list_rev, not revision, is the version of a row in a list: it moves only
 * when what lists show (title, slug, author, status, date) changes.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "db_int.h"
#include "db_stamp.h"
#include "post.h"

enum {
	S_HOME,
	S_RANGE,
	S_RANGE_PAGE,
	S_ARTICLE,
	S_STATIC,
	S_NEXT_SCHEDULED,
	S__MAX
};

static const char *const sql[S__MAX] = {
	/* S_HOME: the rows db_post_list_page() lists, with their full
	 * revision (the page shows excerpts of their bodies); of the one row
	 * past the page only that it exists (the Older link: counted apart,
	 * :limit rows; a window function over both was twice the time). */
	"SELECT (SELECT count(*) FROM (SELECT 1 FROM articles"
	" WHERE " DB_OLDER(":t", ":id")
	" ORDER BY published_at DESC, id DESC LIMIT :limit)),"
	" ifnull(max(max(updated_at, published_at)), 0),"
	" stamp_hash(id, revision, published_at)"
	" FROM (SELECT id, revision, updated_at, published_at FROM articles"
	" WHERE " DB_OLDER(":t", ":id")
	" ORDER BY published_at DESC, id DESC LIMIT :shown)",
	/* S_RANGE: newest first, as the archive lists them. */
	"SELECT count(*), ifnull(max(max(updated_at, published_at)), 0),"
	" stamp_hash(id, list_rev, published_at)"
	" FROM (SELECT id, list_rev, updated_at, published_at FROM articles"
	" WHERE " DB_IN_RANGE " ORDER BY published_at DESC, id DESC)",
	/* S_RANGE_PAGE: a page of the range, as db_post_list_month() lists
	 * it; the latest visible publication of the range, when a scheduled
	 * one last moved its pages. */
	"SELECT count(*), max(ifnull(max(max(updated_at, published_at)), 0),"
	" ifnull((SELECT published_at FROM articles WHERE " DB_IN_RANGE
	" ORDER BY published_at DESC LIMIT 1), 0)),"
	" stamp_hash(id, list_rev, published_at)"
	" FROM (SELECT id, list_rev, updated_at, published_at FROM articles"
	" WHERE " DB_IN_RANGE " ORDER BY published_at DESC, id DESC"
	" LIMIT :limit OFFSET :offset)",
	/* S_ARTICLE: the article, and what its page shows of its
	 * neighbours, "id list_rev updated_at" ("" at either end). From
	 * indexes alone: the slug's gives the id, articles_visible the
	 * rest, which the row keeps after the body's overflow pages. */
	"SELECT a.id, a.revision, max(a.updated_at, a.published_at),"
	" ifnull((SELECT printf('%d %d %d', id, list_rev, updated_at)"
	"   FROM articles WHERE " DB_OLDER("a.published_at", "a.id")
	"   ORDER BY published_at DESC, id DESC LIMIT 1), ''),"
	" ifnull((SELECT printf('%d %d %d', id, list_rev, updated_at)"
	"   FROM articles WHERE " DB_NEWER("a.published_at", "a.id")
	"   ORDER BY published_at, id LIMIT 1), ''), a.published_at"
	" FROM articles a INDEXED BY articles_visible"
	" WHERE a.id = (SELECT id FROM articles WHERE slug = :slug)"
	" AND a.status = 'published' AND a.published_at <= :now",
	/* S_STATIC */
	"SELECT id, revision, updated_at FROM pages"
	" WHERE slug = :slug AND status = 'published'",
	/* S_NEXT_SCHEDULED */
	"SELECT ifnull(min(published_at), 0) FROM articles"
	" WHERE status = 'published' AND published_at > :now",
};

const struct db_sql db_stamp_sql = { "db_stamp", sql, S__MAX };

#define ST(s)	db_stmt(db, DBM_STAMP, (s))

/*
 * stamp_hash(a, b, c): BLAKE2b of the rows' integers in the order the
 * aggregate sees them; a NULL counts as a value of its own. Rows with a
 * of -1 are skipped (the home page's extra row).
 */
struct hash_ctx {
	int		 started;
	/* libsodium's state wants 64-byte alignment and SQLite's aggregate
	 * context gives 8: the state lives at the first aligned byte. */
	unsigned char	 raw[sizeof(crypto_generichash_state) + 64];
};

static crypto_generichash_state *
hash_state(struct hash_ctx *hc)
{
	uintptr_t	 p = (uintptr_t)hc->raw;

	return (crypto_generichash_state *)((p + 63) & ~(uintptr_t)63);
}

static void
hash_step(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	struct hash_ctx	*hc;
	unsigned char	 buf[1 + 3 * 8];
	long long	 v;
	int		 i, k;

	if ((hc = sqlite3_aggregate_context(ctx, sizeof(*hc))) == NULL) {
		sqlite3_result_error_nomem(ctx);
		return;
	}
	if (!hc->started) {
		crypto_generichash_init(hash_state(hc), NULL, 0,
		    DB_STAMP_KEY);
		hc->started = 1;
	}
	if (sqlite3_value_type(argv[0]) == SQLITE_INTEGER &&
	    sqlite3_value_int64(argv[0]) == -1)
		return;
	memset(buf, 0, sizeof(buf));
	for (i = 0; i < argc && i < 3; i++) {
		if (sqlite3_value_type(argv[i]) == SQLITE_NULL)
			buf[0] |= (unsigned char)(1u << i);
		v = sqlite3_value_int64(argv[i]);
		for (k = 0; k < 8; k++)
			buf[1 + i * 8 + k] =
			    (unsigned char)((unsigned long long)v >> (8 * k));
	}
	crypto_generichash_update(hash_state(hc), buf, sizeof(buf));
}

static void
hash_final(sqlite3_context *ctx)
{
	struct hash_ctx	*hc = sqlite3_aggregate_context(ctx, 0);
	unsigned char	 out[DB_STAMP_KEY];

	memset(out, 0, sizeof(out));
	if (hc != NULL && hc->started)
		crypto_generichash_final(hash_state(hc), out, sizeof(out));
	sqlite3_result_blob(ctx, out, sizeof(out), SQLITE_TRANSIENT);
}

int
db_stamp_register(struct db *db)
{
	if (sqlite3_create_function(db->h, "stamp_hash", 3, SQLITE_UTF8 |
	    SQLITE_DETERMINISTIC, NULL, NULL, hash_step, hash_final) !=
	    SQLITE_OK)
		return db_error(db, NULL);
	return 0;
}

/* key = the hash of two integers and two byte strings (counted, so that
 * ("ab", "c") and ("a", "bc") differ). key may be one of the strings. */
static void
key_of(unsigned char *key, long long a, long long b, const char *s1,
    size_t n1, const char *s2, size_t n2)
{
	crypto_generichash_state	 h;

	crypto_generichash_init(&h, NULL, 0, DB_STAMP_KEY);
	crypto_generichash_update(&h, (const unsigned char *)&a, sizeof(a));
	crypto_generichash_update(&h, (const unsigned char *)&b, sizeof(b));
	crypto_generichash_update(&h, (const unsigned char *)&n1, sizeof(n1));
	crypto_generichash_update(&h, (const unsigned char *)s1, n1);
	crypto_generichash_update(&h, (const unsigned char *)&n2, sizeof(n2));
	crypto_generichash_update(&h, (const unsigned char *)s2, n2);
	crypto_generichash_final(&h, key, DB_STAMP_KEY);
}

/* A neighbour's "id list_rev updated_at" ("" at either end): the length
 * of its "id list_rev" (what the page shows of it: the key) and its last
 * change (the Last-Modified floor). */
static size_t
neighbour(const char *s, long long *at)
{
	const char	*sp = strrchr(s, ' ');

	if (sp == NULL)
		return 0;
	*at = strtoll(sp + 1, NULL, 10);
	return (size_t)(sp - s);
}

static const char *
col_str(sqlite3_stmt *st, int i)
{
	const unsigned char	*s = sqlite3_column_text(st, i);

	return s != NULL ? (const char *)s : "";
}

/* Copies a key blob of DB_STAMP_KEY bytes from column i. */
static void
col_key(sqlite3_stmt *st, int i, unsigned char *key)
{
	const void	*b = sqlite3_column_blob(st, i);

	memset(key, 0, DB_STAMP_KEY);
	if (b != NULL && sqlite3_column_bytes(st, i) == DB_STAMP_KEY)
		memcpy(key, b, DB_STAMP_KEY);
}

/* Reads an aggregate stamp row: count, last change, key. */
static int
list_row(struct db *db, sqlite3_stmt *st, struct db_stamp *out)
{
	int	 rc;

	memset(out, 0, sizeof(*out));
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		out->rows = sqlite3_column_int64(st, 0);
		out->last_mod = sqlite3_column_int64(st, 1);
		col_key(st, 2, out->key);
	}
	return db_done(db, st, rc);
}

int
db_stamp_home(struct db *db, long long now, long long before_t,
    long long before_id, int limit, struct db_stamp *out)
{
	sqlite3_stmt	*st = ST(S_HOME);

	if (db_bind_int(db, st, ":now", now) == -1 ||
	    db_bind_int(db, st, ":t", before_t) == -1 ||
	    db_bind_int(db, st, ":id", before_id) == -1 ||
	    db_bind_int(db, st, ":shown", limit) == -1 ||
	    db_bind_int(db, st, ":limit", limit + 1) == -1)
		return -1;
	if (list_row(db, st, out) == -1)
		return -1;
	/* Whether the row past the page exists changes the page too. */
	key_of(out->key, out->rows > limit, 0, (const char *)out->key,
	    DB_STAMP_KEY, "", 0);
	return 1;
}

int
db_stamp_range(struct db *db, long long now, long long from, long long to,
    struct db_stamp *out)
{
	sqlite3_stmt	*st = ST(S_RANGE);

	if (db_bind_int(db, st, ":now", now) == -1 ||
	    db_bind_int(db, st, ":from", from) == -1 ||
	    db_bind_int(db, st, ":to", to) == -1)
		return -1;
	return list_row(db, st, out) == -1 ? -1 : 1;
}

int
db_stamp_range_page(struct db *db, long long now, long long from,
    long long to, long long offset, int limit, struct db_stamp *out)
{
	sqlite3_stmt	*st = ST(S_RANGE_PAGE);

	if (db_bind_int(db, st, ":now", now) == -1 ||
	    db_bind_int(db, st, ":from", from) == -1 ||
	    db_bind_int(db, st, ":to", to) == -1 ||
	    db_bind_int(db, st, ":offset", offset) == -1 ||
	    db_bind_int(db, st, ":limit", limit) == -1)
		return -1;
	return list_row(db, st, out) == -1 ? -1 : 1;
}

/* An article's stamp from its id, revision, last change and publication,
 * and its neighbours' "id list_rev" (length no, nn) and last changes (t,
 * u; 0 at either end): one function for both ways of knowing them. */
static void
article_stamp(struct db_stamp *out, long long id, long long rev,
    long long mod, long long published, const char *older, size_t no,
    long long t, const char *newer, size_t nn, long long u)
{
	memset(out, 0, sizeof(*out));
	out->rows = 1;
	out->last_mod = mod;
	out->published_at = published;
	out->id = id;
	out->revision = rev;
	if (t > out->last_mod)
		out->last_mod = t;
	if (u > out->last_mod)
		out->last_mod = u;
	key_of(out->key, id, rev, older, no, newer, nn);
}

int
db_stamp_article(struct db *db, const char *slug, long long now,
    struct db_stamp *out)
{
	sqlite3_stmt	*st = ST(S_ARTICLE);
	const char	*older, *newer;
	long long	 t = 0, u = 0;
	size_t		 no, nn;
	int		 rc;

	memset(out, 0, sizeof(*out));
	if (db_bind_text(db, st, ":slug", slug) == -1 ||
	    db_bind_int(db, st, ":now", now) == -1)
		return -1;
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		older = col_str(st, 3);
		newer = col_str(st, 4);
		no = neighbour(older, &t);
		nn = neighbour(newer, &u);
		article_stamp(out, sqlite3_column_int64(st, 0),
		    sqlite3_column_int64(st, 1), sqlite3_column_int64(st, 2),
		    sqlite3_column_int64(st, 5), older, no, t, newer, nn, u);
	}
	return db_done(db, st, rc);
}

void
db_stamp_article_of(const struct post *p, const struct post *older,
    const struct post *newer, struct db_stamp *out)
{
	char	 o[48] = "", n[48] = "";
	int	 no = 0, nn = 0;

	/* As S_ARTICLE's printf('%d %d', id, list_rev). */
	if (older != NULL)
		no = snprintf(o, sizeof(o), "%lld %lld", older->id,
		    older->revision);
	if (newer != NULL)
		nn = snprintf(n, sizeof(n), "%lld %lld", newer->id,
		    newer->revision);
	article_stamp(out, p->id, p->revision, p->updated_at >
	    p->published_at ? p->updated_at : p->published_at,
	    p->published_at, o, (size_t)no, older != NULL ?
	    older->updated_at : 0, n, (size_t)nn, newer != NULL ?
	    newer->updated_at : 0);
}

int
db_stamp_static(struct db *db, const char *slug, struct db_stamp *out)
{
	sqlite3_stmt	*st = ST(S_STATIC);
	int		 rc;

	memset(out, 0, sizeof(*out));
	if (db_bind_text(db, st, ":slug", slug) == -1)
		return -1;
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		out->rows = 1;
		out->last_mod = sqlite3_column_int64(st, 2);
		out->revision = sqlite3_column_int64(st, 1);
		key_of(out->key, sqlite3_column_int64(st, 0),
		    sqlite3_column_int64(st, 1), "", 0, "", 0);
	}
	return db_done(db, st, rc);
}

long long
db_stamp_next_scheduled(struct db *db, long long now)
{
	sqlite3_stmt	*st = ST(S_NEXT_SCHEDULED);
	long long	 t = -1;
	int		 rc;

	if (db_bind_int(db, st, ":now", now) == -1)
		return -1;
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		t = sqlite3_column_int64(st, 0);
	return db_done(db, st, rc) == 1 ? t : -1;
}

void
db_stamp_mix(struct db_stamp *s, long long a, long long b)
{
	key_of(s->key, a, b, (const char *)s->key, DB_STAMP_KEY, "", 0);
}
