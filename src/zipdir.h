/*
 * zipdir: a folder of files into a zip archive and back, through
 * libarchive, for the import and export of the admin (and quire import
 * FILE.zip). Unpacking trusts nothing in the archive: it writes regular
 * files and folders only, below the folder given, within bounds counted
 * as the bytes come out. Also the removal of such a folder.
 */
#ifndef QUIRE_ZIPDIR_H
#define QUIRE_ZIPDIR_H

#include <stddef.h>

#include "arena.h"
#include "buf.h"

/* Bounds of an unpacked archive: files and folders, bytes in all
 * (uncompressed, counted while extracting), bytes of an entry's path. */
#define ZIPDIR_ENTRIES_MAX	10000
#define ZIPDIR_BYTES_MAX	(64LL * 1024 * 1024)
#define ZIPDIR_PATH_MAX		512

/*
 * Unpacks the zip archive data (len bytes) into dir, an existing empty
 * folder (a fresh mkdtemp). Refused, with nothing written outside dir: an
 * archive that is not a zip or is damaged or encrypted, an entry whose
 * path is absolute, holds a ".." or "." segment, a backslash, a control
 * character or an empty segment, a symbolic or hard link, a device or
 * anything but a file or a folder, two entries of one path, and more
 * than the bounds above. 0, or -1 with *why (arena) naming the entry;
 * what was written before a refusal is left for the caller to remove
 * (zipdir_remove). No logging.
 */
int	zipdir_unpack(struct arena *, const void *data, size_t len,
	    const char *dir, const char **why);

/*
 * Packs every regular file and folder below dir into a zip archive
 * appended to out (paths relative to dir, each folder's entries in byte
 * order of their names; time mtime for all, so the same tree gives the
 * same bytes). 0, or -1 (logged).
 */
int	zipdir_pack(struct arena *, const char *dir, long long mtime,
	    struct buf *out);

/* A new empty folder "$TMPDIR/quire-WHAT.XXXXXX" (/tmp without TMPDIR),
 * mode 0700: its path in the arena, or NULL (logged). */
char	*zipdir_temp(struct arena *, const char *what);

/* Removes dir and everything below it (no link is followed). 0, or -1
 * (logged). A missing dir is 0. */
int	zipdir_remove(const char *dir);

#endif
