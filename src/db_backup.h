/*
 * db_backup: a consistent copy of the site's database while it serves and
 * authors write, through SQLite's online backup API. quire backup
 * (cmd_backup.c) and the migrator, before an upgrade (db_migrate.c), use
 * it.
 */
#ifndef QUIRE_DB_BACKUP_H
#define QUIRE_DB_BACKUP_H

/* db_backup()'s flags. */
#define DB_BACKUP_FORCE	0x1	/* replace an existing dest */

/*
 * Copies the database file src to dest, from one read transaction (the
 * copy is the database as it was at one commit; writers go on meanwhile).
 * The copy is written to a temporary file beside dest, made a stand-alone
 * file (rollback journal, no -wal to go with it), checked with PRAGMA
 * integrity_check, and only then renamed to dest: dest is the whole copy
 * or as it was. An existing dest is refused unless DB_BACKUP_FORCE, and
 * without it never replaced, even by a file that appears meanwhile; dest
 * is never the database itself or one of its -wal, -shm or -journal files.
 * The copy has mode 0600 (it holds the password hashes). 0, or -1
 * (logged: which file and why; nothing is left behind).
 */
int	db_backup(const char *src, const char *dest, int flags);

#endif
