/*
 * fuzz_zipdir: the import's zip reader (src/zipdir.c, libarchive). The
 * input is an uploaded archive, unpacked into an empty folder of a
 * scratch folder under $TMPDIR. Whatever the bytes: a refusal names why;
 * below the folder are only regular files and folders, no link, within
 * the bounds (entries, bytes, path length); nothing appears beside it
 * (no "..", no absolute path got out); and zipdir_remove() leaves no trace.
 */
#include <sys/stat.h>

#include <dirent.h>
#include <ftw.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "arena.h"
#include "zipdir.h"
#include "fuzz.h"

static struct arena	 arena;
static char		 scratch[4096], dir[4200];
static long long	 entries, bytes;

static void
cleanup(void)
{
	zipdir_remove(scratch);
}

static void
setup(void)
{
	const char	*t = getenv("TMPDIR");

	arena_init(&arena);
	snprintf(scratch, sizeof(scratch), "%s/quire-fuzz-zipdir.XXXXXX",
	    t != NULL && *t != '\0' ? t : "/tmp");
	CHECK(mkdtemp(scratch) != NULL);
	snprintf(dir, sizeof(dir), "%s/u", scratch);
	atexit(cleanup);
}

static int
visit(const char *path, const struct stat *st, int flag, struct FTW *f)
{
	(void)f;
	CHECK(flag == FTW_F || flag == FTW_D || flag == FTW_DP);
	CHECK(S_ISREG(st->st_mode) || S_ISDIR(st->st_mode));
	CHECK(strncmp(path, dir, strlen(dir)) == 0);
	CHECK(strlen(path) - strlen(dir) <= ZIPDIR_PATH_MAX + 1);
	if (strcmp(path, dir) != 0)
		entries++;
	if (S_ISREG(st->st_mode))
		bytes += st->st_size;
	return 0;
}

/* The scratch folder holds the unpacking folder and nothing else. */
static int
only_dir(void)
{
	DIR		*d;
	struct dirent	*e;
	int		 n = 0, ok = 1;

	CHECK((d = opendir(scratch)) != NULL);
	while ((e = readdir(d)) != NULL) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		n++;
		if (strcmp(e->d_name, "u") != 0)
			ok = 0;
	}
	closedir(d);
	return ok && n <= 1;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char	*why = NULL;
	struct stat	 st;

	if (scratch[0] == '\0')
		setup();
	CHECK(mkdir(dir, 0700) == 0);
	if (zipdir_unpack(&arena, data, size, dir, &why) == -1)
		CHECK(why != NULL && *why != '\0');
	entries = bytes = 0;
	CHECK(nftw(dir, visit, 16, FTW_PHYS) == 0);
	CHECK(entries <= ZIPDIR_ENTRIES_MAX);
	CHECK(bytes <= ZIPDIR_BYTES_MAX);
	CHECK(only_dir());
	CHECK(zipdir_remove(dir) == 0);
	CHECK(lstat(dir, &st) == -1);
	arena_reset(&arena);
	return 0;
}
