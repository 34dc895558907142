/*
 * db_backup: the site's database copied through SQLite's online backup
 * API into a temporary file beside the destination, made stand-alone,
 * checked, then renamed into place. See db_backup.h.
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sqlite3.h>

#include "db_backup.h"
#include "log.h"

/* How long a busy source may hold the copy up. In WAL mode a reader
 * waits for no writer: only a checkpoint that restarts the log (or a
 * database in another journal mode) makes it wait at all. */
#define BUSY_MS		10000

/* Is dest the database src itself, or a file SQLite keeps beside it? A
 * rename over any of them would lose the site's writes. */
static int
is_database(const char *src, const char *dest)
{
	static const char *const suffixes[] = { "", "-wal", "-shm",
	    "-journal" };
	struct stat	 d, s;
	char		 p[PATH_MAX];
	size_t		 i;
	int		 n;

	if (stat(dest, &d) == -1)
		return 0;
	for (i = 0; i < sizeof(suffixes) / sizeof(suffixes[0]); i++) {
		n = snprintf(p, sizeof(p), "%s%s", src, suffixes[i]);
		if (n < 0 || (size_t)n >= sizeof(p))
			continue;
		if (stat(p, &s) == 0 && s.st_dev == d.st_dev &&
		    s.st_ino == d.st_ino)
			return 1;
	}
	return 0;
}

/* The temporary copy and what SQLite may have written beside it. */
static void
remove_tmp(const char *tmp)
{
	static const char *const suffixes[] = { "-journal", "-wal", "-shm" };
	char		 p[PATH_MAX];
	size_t		 i;
	int		 n;

	unlink(tmp);
	for (i = 0; i < sizeof(suffixes) / sizeof(suffixes[0]); i++) {
		n = snprintf(p, sizeof(p), "%s%s", tmp, suffixes[i]);
		if (n > 0 && (size_t)n < sizeof(p))
			unlink(p);
	}
}

/* The first column of the first row of sql, as text, into out. */
static int
one_text(sqlite3 *h, const char *sql, char *out, size_t size)
{
	sqlite3_stmt		*st;
	const unsigned char	*v;
	int			 rc;

	if (sqlite3_prepare_v2(h, sql, -1, &st, NULL) != SQLITE_OK)
		return -1;
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		v = sqlite3_column_text(st, 0);
		snprintf(out, size, "%s", v != NULL ? (const char *)v : "");
	}
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? 0 : -1;
}

/* Every page of from's main database into to's, in one step: one read
 * transaction, so one commit's state, however much is written meanwhile
 * (copying in several steps would start over at every write). A busy
 * source is waited for by from's busy timeout. */
static int
copy(sqlite3 *from, sqlite3 *to, const char *src, const char *dest)
{
	sqlite3_backup	*b;
	int		 rc, e;

	if ((b = sqlite3_backup_init(to, "main", from, "main")) == NULL) {
		log_err("%s: cannot start the copy: %s", dest,
		    sqlite3_errmsg(to));
		return -1;
	}
	rc = sqlite3_backup_step(b, -1);
	sqlite3_backup_finish(b);
	if (rc == SQLITE_DONE)
		return 0;
	/* The system's word says which: "No space left on device". */
	if ((e = sqlite3_system_errno(to)) == 0)
		e = sqlite3_system_errno(from);
	log_err("%s: copying %s failed: %s%s%s%s", dest, src,
	    sqlite3_errstr(rc), e != 0 ? " (" : "", e != 0 ? strerror(e) : "",
	    e != 0 ? ")" : "");
	return -1;
}

/* The copy as a file of its own: the source's WAL flag would make the
 * first reader of the copy create a -wal beside it. Then its check. */
static int
finish(sqlite3 *to, const char *dest)
{
	char	 v[256];

	if (one_text(to, "PRAGMA journal_mode = DELETE", v, sizeof(v)) == -1 ||
	    strcmp(v, "delete") != 0) {
		log_err("%s: cannot make the copy stand alone: %s", dest,
		    sqlite3_errmsg(to));
		return -1;
	}
	if (one_text(to, "PRAGMA integrity_check", v, sizeof(v)) == -1) {
		log_err("%s: cannot check the copy: %s", dest,
		    sqlite3_errmsg(to));
		return -1;
	}
	if (strcmp(v, "ok") != 0) {
		log_err("%s: the copy fails integrity_check: %s", dest, v);
		return -1;
	}
	return 0;
}

/* fsync of a file or folder by name. */
static int
sync_path(const char *path, int flags)
{
	int	 fd, rc;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC | flags)) == -1)
		return -1;
	rc = fsync(fd);
	close(fd);
	return rc;
}

/* tmp to dest; without force, never over an existing file. */
static int
place(const char *tmp, const char *dest, int force)
{
	char	 dir[PATH_MAX];

	if (force) {
		if (rename(tmp, dest) == -1)
			goto fail;
	} else if (renameat2(AT_FDCWD, tmp, AT_FDCWD, dest,
	    RENAME_NOREPLACE) == -1) {
		/* A file system without RENAME_NOREPLACE: link() does not
		 * replace either. */
		if (errno != EINVAL && errno != ENOSYS)
			goto fail;
		if (link(tmp, dest) == -1)
			goto fail;
		unlink(tmp);
	}
	snprintf(dir, sizeof(dir), "%s", dest);
	if (sync_path(dirname(dir), O_DIRECTORY) == -1)
		log_warn("%s: cannot sync its folder: %s", dest,
		    strerror(errno));
	return 0;
fail:
	log_err("%s: cannot put the copy in place: %s", dest,
	    errno == EEXIST ? "it exists (appeared during the copy)" :
	    strerror(errno));
	return -1;
}

int
db_backup(const char *src, const char *dest, int flags)
{
	sqlite3		*from = NULL, *to = NULL;
	struct stat	 st;
	char		 tmp[PATH_MAX];
	int		 fd, n, made = 0, rc = -1;

	if (stat(src, &st) == -1) {
		log_err("%s: %s", src, strerror(errno));
		return -1;
	}
	if (is_database(src, dest)) {
		log_err("%s: is the database %s itself (or its -wal, -shm or "
		    "-journal): a backup goes elsewhere", dest, src);
		return -1;
	}
	if (stat(dest, &st) == 0 && S_ISDIR(st.st_mode)) {
		log_err("%s: is a folder: name the backup's file", dest);
		return -1;
	}
	if (!(flags & DB_BACKUP_FORCE) && lstat(dest, &st) == 0) {
		log_err("%s: exists: not replaced", dest);
		return -1;
	}
	n = snprintf(tmp, sizeof(tmp), "%s.tmp-XXXXXX", dest);
	if (n < 0 || (size_t)n >= sizeof(tmp)) {
		log_err("%.100s...: name too long", dest);
		return -1;
	}
	if ((fd = mkstemp(tmp)) == -1) {
		log_err("%s: cannot create a file in its folder: %s", dest,
		    strerror(errno));
		return -1;
	}
	close(fd);
	made = 1;
	/* Read-write (without a write), so that the last connection to
	 * close removes the -wal and -shm files, as the server does. */
	if (sqlite3_open_v2(src, &from, SQLITE_OPEN_READWRITE |
	    SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK) {
		log_err("%s: cannot open: %s", src, from != NULL ?
		    sqlite3_errmsg(from) : "out of memory");
		goto out;
	}
	sqlite3_busy_timeout(from, BUSY_MS);
	/* The empty file mkstemp made is an empty database to SQLite. */
	if (sqlite3_open_v2(tmp, &to, SQLITE_OPEN_READWRITE |
	    SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK) {
		log_err("%s: cannot open the copy %s: %s", dest, tmp,
		    to != NULL ? sqlite3_errmsg(to) : "out of memory");
		goto out;
	}
	if (copy(from, to, src, dest) == -1 || finish(to, dest) == -1)
		goto out;
	if (sqlite3_close(to) != SQLITE_OK) {
		log_err("%s: cannot close the copy: %s", dest,
		    sqlite3_errmsg(to));
		goto out;
	}
	to = NULL;
	if (sync_path(tmp, 0) == -1) {
		log_err("%s: cannot write the copy to disk: %s", dest,
		    strerror(errno));
		goto out;
	}
	if (place(tmp, dest, flags & DB_BACKUP_FORCE) == -1)
		goto out;
	made = 0;
	rc = 0;
out:
	sqlite3_close(to);
	sqlite3_close(from);
	if (made)
		remove_tmp(tmp);
	return rc;
}
