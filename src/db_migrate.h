/*
 * db_migrate: the schema's version and its upgrades. The numbered
 * migrations of sql/migrations/ and the demo content (sql/demo.sql) are
 * built into the binary (embed.h).
 */
#ifndef QUIRE_DB_MIGRATE_H
#define QUIRE_DB_MIGRATE_H

#include "db.h"

/* Brings the schema to db_migrate_version(), each migration in its own
 * write transaction with its version bump; refuses a newer database. Safe
 * when several processes start at once: the version is read again inside
 * each transaction, so a migration runs once. 0 or -1 (logged). */
int	db_migrate(struct db *);
/* Fills a new, empty database with the demo site. 0 or -1 (logged). */
int	db_migrate_demo(struct db *);
/* The schema version this binary brings. */
int	db_migrate_version(void);

#endif
