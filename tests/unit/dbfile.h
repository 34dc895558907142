/*
 * dbfile: a scratch database file in /tmp for the database tests, and its
 * removal with what SQLite writes beside it. Include once, after cmocka.h.
 */
#ifndef QUIRE_TEST_DBFILE_H
#define QUIRE_TEST_DBFILE_H

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

/* Fills path (at least 64 bytes) with a new, empty file's name. */
static void
dbfile_make(char *path, size_t size, const char *name)
{
	int	 fd;

	snprintf(path, size, "/tmp/quire-test-%s-XXXXXX", name);
	if ((fd = mkstemp(path)) == -1)
		fail_msg("mkstemp failed");
	close(fd);
}

static void
dbfile_remove(const char *path)
{
	static const char *const ext[] = { "", "-wal", "-shm", "-journal" };
	char		 p[96];
	size_t		 i;

	for (i = 0; i < sizeof(ext) / sizeof(ext[0]); i++) {
		snprintf(p, sizeof(p), "%s%s", path, ext[i]);
		unlink(p);
	}
}

#endif
