/*
 * port_load: whatever an author imports, into a port_set, the one way
 * for quire import and the admin's upload: a folder of Markdown files
 * (fmdir.c), a zip archive of one (unpacked into a temporary folder,
 * zipdir.c) or a WordPress export (FILE.xml). Strings live in the arena.
 */
#ifndef QUIRE_PORT_LOAD_H
#define QUIRE_PORT_LOAD_H

#include <stddef.h>

#include "arena.h"
#include "port.h"

/* Bytes of a zip archive read from a file at most. */
#define PORT_LOAD_ZIP_MAX	(64 * 1024 * 1024)

/*
 * Reads path: a folder, a .zip file or a .xml file (by the name's ending,
 * any case). name is what messages call it (the command: path; the admin:
 * the uploaded file's name). 0, or -1 with *why in the arena: "NAME: ..."
 * for a path that is none of these, cannot be read or is refused, or a
 * file's fault as the readers name it ("posts/a.md:3: ...").
 */
int	port_load(struct arena *, const char *path, const char *name,
	    struct port_set *, const char **why);

/*
 * A zip archive in memory (len bytes), unpacked by zipdir_unpack()'s rules
 * into a new temporary folder that is removed again whatever happens, then
 * read as a folder. An archive holding one folder only (and hidden
 * entries) is read from inside it. 0, or -1 with *why (arena): "NAME: ..."
 * for the archive, or a file's fault.
 */
int	port_load_zip(struct arena *, const void *data, size_t len,
	    const char *name, struct port_set *, const char **why);

/* An upload in memory (len bytes) called name: a zip archive (as
 * port_load_zip()) or a WordPress export, by the name's ending. 0, or -1
 * with *why as port_load() says it. */
int	port_load_mem(struct arena *, const void *data, size_t len,
	    const char *name, struct port_set *, const char **why);
/* 1 when port_load_mem() reads a file of that name (.zip, .xml). */
int	port_load_known(const char *name);

#endif
