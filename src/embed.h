/*
 * embed: files built into the binary at compile time (build/embed_*.c,
 * generated from sql/, templates/ and templates/static/ by build/embed).
 * Static storage. The static files are served by nginx from disk; quire
 * keeps them only to version their URLs (view.c).
 */
#ifndef QUIRE_EMBED_H
#define QUIRE_EMBED_H

#include <stddef.h>

struct embed_file {
	const char	*name;	/* path below its folder: "migrations/0001-init.sql" */
	const char	*data;	/* NUL-terminated */
	size_t		 len;
};

extern const struct embed_file	embed_sql[];
extern const size_t		embed_sql_n;
extern const struct embed_file	embed_templates[];
extern const size_t		embed_templates_n;
extern const struct embed_file	embed_static[];
extern const size_t		embed_static_n;

/* The file with that name in the table, or NULL. */
static inline const struct embed_file *
embed_find(const struct embed_file *t, size_t n, const char *name)
{
	size_t	i;

	for (i = 0; i < n; i++)
		if (__builtin_strcmp(t[i].name, name) == 0)
			return &t[i];
	return NULL;
}

#endif
