/*
 * port_export: the whole site as files, the one writer for quire export
 * and the admin's "Download an export": a folder (posts/, pages/,
 * settings.yaml, redirects.yaml), or that folder as a zip archive.
 */
#ifndef QUIRE_PORT_EXPORT_H
#define QUIRE_PORT_EXPORT_H

#include <stddef.h>

#include "arena.h"
#include "buf.h"
#include "db.h"

/*
 * Writes every article, page, setting and redirect into dir (made if
 * missing), replacing files of the same names; a dir that holds anything
 * is refused unless force. now: the time redirects are listed at;
 * progress: a "\r" counter on stderr when there are many posts. 0 with *n
 * the posts written, or -1 with *why (arena: a folder refused or a file
 * that cannot be written), or *why NULL (a database error, logged).
 */
int	port_export(struct db *, struct arena *, const char *dir, int force,
	    long long now, int progress, size_t *n, const char **why);

/*
 * The same tree, written into a new temporary folder (removed again
 * whatever happens), packed as a zip archive appended to out (its entries
 * stamped now). 0, or -1 (logged).
 */
int	port_export_zip(struct db *, struct arena *, long long now,
	    struct buf *out);

#endif
