/*
 * db_setting: the settings table of the database.
 */
#include <stdio.h>
#include <string.h>

#include "db_int.h"
#include "db_setting.h"

enum {
	S_ALL,
	S_SET,
	S_VERSION,
	S__MAX
};

static const char *const sql[S__MAX] = {
	/* S_ALL */
	"SELECT key, value FROM settings",
	/* S_SET (in parentheses: one string, as clang asks) */
	("INSERT INTO settings (key, value) VALUES (:key, :value)"
	" ON CONFLICT (key) DO UPDATE SET value = excluded.value"),
	/* S_VERSION: moves when another connection commits. */
	"PRAGMA data_version",
};

const struct db_sql db_setting_sql = { "db_setting", sql, S__MAX };

#define ST(s)	db_stmt(db, DBM_SETTING, (s))

int
db_setting_load(struct db *db, struct arena *a, struct settings *out)
{
	sqlite3_stmt	*st = ST(S_ALL);
	const char	*key;
	int		 i, rc;

	setting_defaults(out);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		key = (const char *)sqlite3_column_text(st, 0);
		for (i = 0; key != NULL && i < SET__MAX; i++)
			if (strcmp(key, setting_def(i)->key) == 0)
				out->v[i] = db_col_text(st, a, 1);
	}
	return db_done(db, st, rc) == -1 ? -1 : 0;
}

int
db_setting_save(struct db *db, const struct settings *s, long long now)
{
	sqlite3_stmt	*st = ST(S_SET);
	char		 when[24];
	const char	*v;
	int		 i;

	snprintf(when, sizeof(when), "%lld", now);
	if (db_begin(db) == -1)
		return -1;
	for (i = 0; i < SET__MAX; i++) {
		if (i == SET_CHANGED_AT)
			continue;	/* db_post.c's */
		v = i == SET_UPDATED_AT ? when : s->v[i];
		if (db_bind_text(db, st, ":key", setting_def(i)->key) == -1 ||
		    db_bind_text(db, st, ":value", v) == -1 ||
		    db_run(db, st) == -1)
			goto fail;
	}
	if (db_commit(db) == 0)
		return 0;
fail:
	db_rollback(db);
	return -1;
}

int
db_setting_put(struct db *db, enum setting i, const char *value)
{
	sqlite3_stmt	*st = ST(S_SET);

	if (db_bind_text(db, st, ":key", setting_def(i)->key) == -1 ||
	    db_bind_text(db, st, ":value", value) == -1 ||
	    db_run(db, st) == -1)
		return -1;
	return 0;
}

int
db_setting_version(struct db *db, long long v[2])
{
	sqlite3_stmt	*st = ST(S_VERSION);
	int		 rc;

	v[0] = v[1] = 0;
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		v[0] = sqlite3_column_int64(st, 0);
	if (db_done(db, st, rc) == -1)
		return -1;
	v[1] = sqlite3_total_changes64(db->h);
	return 0;
}
