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

/* How long a statement waits for another connection's write lock before
 * it fails with a DBF_BUSY fault: finite, so that a long writer (a
 * sqlite3 shell in BEGIN EXCLUSIVE, a stuck backup) costs an author a
 * 503 after this wait, never a hung worker. */
#define DB_BUSY_MS	5000

/* db_open()'s flags. */
#define DB_CREATE	0x1	/* create the file if it is missing */
#define DB_READONLY_OK	0x2	/* a file it cannot write is opened for
				 * reading (warned), not refused: a worker
				 * restarted on a database made read-only
				 * keeps serving readers */

/* Opens and sets WAL, the busy timeout and foreign keys. NULL on failure
 * (logged). */
struct db	*db_open(const char *path, int flags);
/* Prepares every statement of every db_* module; after db_migrate(). */
int		 db_prepare(struct db *);
void		 db_close(struct db *);

/*
 * Why the connection's first failure since db_fault_clear() happened.
 * The first three pass by themselves (another writer lets go, space is
 * freed, the file is made writable again): the request may be tried
 * again later, and nothing was written. Callers map them to 503.
 */
enum db_fault {
	DBF_NONE,	/* no failure */
	DBF_BUSY,	/* locked past DB_BUSY_MS (SQLITE_BUSY, _LOCKED) */
	DBF_FULL,	/* no room: SQLITE_FULL, a failed write (ENOSPC,
			 * EDQUOT, a file size limit's EFBIG) */
	DBF_READONLY,	/* the file or its mount is read-only */
	DBF_OTHER,	/* anything else: a fault of quire or the file */
};

enum db_fault	 db_fault(const struct db *);
/* Forgets the last failure: at the start of every request. */
void		 db_fault_clear(struct db *);
/* 1 if the failure passes by itself (busy, full, read-only), else 0. */
int		 db_fault_passing(const struct db *);
/* The fault in a few words for people ("the disk is full"): a static
 * string. */
const char	*db_fault_text(enum db_fault);

#endif
