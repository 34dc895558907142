/*
 * fmdir: a folder of Markdown files (an export, a Hugo or Jekyll site)
 * read into a port_set through fm.c. Strings live in the arena.
 */
#ifndef QUIRE_FMDIR_H
#define QUIRE_FMDIR_H

#include "arena.h"
#include "port.h"

/* Bytes of one file read at most. */
#define FMDIR_FILE_MAX	(16 * 1024 * 1024)

/* Every *.md and *.markdown file below dir (hidden names skipped; each
 * folder's entries in byte order of their names), and dir/settings.yaml
 * and dir/redirects.yaml when present, added to set. 0, or -1 with *why
 * in the arena (a file's fault, or one that cannot be read). */
int	fmdir_read(struct arena *, const char *dir, struct port_set *,
	    const char **why);

#endif
