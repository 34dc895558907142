/*
 * db_migrate: the schema's version and its upgrades. The numbered
 * migrations of sql/migrations/ and the demo content (sql/demo.sql) are
 * built into the binary (embed.h).
 */
#ifndef QUIRE_DB_MIGRATE_H
#define QUIRE_DB_MIGRATE_H

#include "db.h"

/* Brings the schema to db_migrate_version(): every migration with its
 * version bump in one write transaction, so an upgrade happens whole or
 * not at all; refuses a newer database. An existing database (version
 * above 0) is first copied to DBFILE.pre-vN.bak beside it (N the version
 * it had; DBFILE.pre-vN.2.bak ... if that exists) through db_backup(),
 * inside the same lock; no backup, no upgrade. Safe when several
 * processes start at once: the version is read again inside the
 * transaction, so the backup and each migration run once. 0 or -1
 * (logged). */
int	db_migrate(struct db *);
/* Fills a new, empty database with the demo site. 0 or -1 (logged). */
int	db_migrate_demo(struct db *);
/* The schema version this binary brings. */
int	db_migrate_version(void);

#endif
