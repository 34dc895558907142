/*
 * db: the connection to the site's SQLite file. One per worker process,
 * opened after the fork; every statement of the db_* modules is prepared
 * once, at db_prepare(). The db_* modules are the only code that speaks
 * SQL, each for one domain, its statements next to its functions:
 *   db_migrate  schema version, migrations, the demo content
 *   db_post     articles and static pages: reading, listing, saving
 *   db_user     author accounts;  db_session  sign-in sessions
 *   db_failure  failed password attempts (the rate limit)
 *   db_setting  the site's settings;  db_stamp  what pages show, for ETags
 * Rows are copied into the caller's arena; returned pointers live until
 * that arena is reset. Lookups return 1 found, 0 not, -1 on error (logged).
 */
#ifndef QUIRE_DB_H
#define QUIRE_DB_H

struct db;

/* Opens (creating the file if asked) and sets WAL, the busy timeout and
 * foreign keys. NULL on failure (logged). */
struct db	*db_open(const char *path, int create);
/* Prepares every statement of every db_* module; after db_migrate(). */
int		 db_prepare(struct db *);
void		 db_close(struct db *);

#endif
