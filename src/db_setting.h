/*
 * db_setting: the site's settings in the database, one row per key of the
 * settings table (setting.h). A key with no row has its default.
 */
#ifndef QUIRE_DB_SETTING_H
#define QUIRE_DB_SETTING_H

#include "arena.h"
#include "db.h"
#include "setting.h"

/* Every setting, defaults where no row is; values in the arena. 0/-1. */
int	db_setting_load(struct db *, struct arena *, struct settings *);
/* Saves every setting in one transaction, with SET_UPDATED_AT = now (for
 * Last-Modified); SET_CHANGED_AT belongs to db_post.c. 0/-1. */
int	db_setting_save(struct db *, const struct settings *, long long now);
/* What moves when the settings may have changed: v[0] another
 * connection's commits (PRAGMA data_version), v[1] this connection's own
 * changes. Equal twice: nothing was written in between. 0/-1. */
int	db_setting_version(struct db *, long long v[2]);
/* Stores one setting's value as given (the caller checked it with
 * setting_check()). 0/-1. */
int	db_setting_put(struct db *, enum setting, const char *value);

#endif
