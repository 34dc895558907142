/*
 * tmpl_int: what the template modules share and nothing else includes: the
 * compiled tree. tmplc.c compiles one template into it, tmpl_load.c builds
 * and links the set, tmpl.c renders it.
 */
#ifndef QUIRE_TMPL_INT_H
#define QUIRE_TMPL_INT_H

#include <stddef.h>

#include "arena.h"
#include "htmlctx.h"
#include "tmpl.h"

#define MAX_PATH_SEGS	8
#define MAX_DEPTH	16	/* blocks nested; includes nested at render */
#define MAX_TEMPLATES	128

enum node_type {
	N_TEXT,		/* literal template text */
	N_VAR,		/* {{ path | filter }} */
	N_IF,		/* {{#if path}} */
	N_UNLESS,	/* {{#unless path}} */
	N_EACH,		/* {{#each path}} */
	N_INCLUDE,	/* {{> name}} */
};

struct node {
	enum node_type	 type;
	const char	*text;		/* N_TEXT: into the template source */
	size_t		 len;
	const char	*path[MAX_PATH_SEGS];
	size_t		 npath;
	const char	*key;		/* the path as written, for messages */
	enum hc_filter	 filter;	/* N_VAR: as written */
	enum hc_esc	 esc;		/* N_VAR: as its context decided */
	int		 esc_set;
	struct node	*body;		/* N_IF, N_UNLESS, N_EACH */
	struct node	*alt;		/* their {{else}} part */
	const char	*incl;		/* N_INCLUDE: template name */
	int		 incl_idx;	/* resolved after all are loaded */
	int		 line;
	struct node	*next;
};

struct tmpl {
	const char	*name;		/* "article" */
	const char	*file;		/* for error messages */
	struct node	*root;
};

struct tmpl_set {
	struct arena	 mem;		/* every node, name and source */
	unsigned long long fingerprint;	/* FNV-1a of names and sources */
	int		 strict;	/* tmpl_set_strict() */
	struct tmpl	 t[MAX_TEMPLATES];
	size_t		 n;
};

/* tmplc.c: compiles src (len bytes, no NUL inside) into *root, nodes in a,
 * escaping each value for the HTML context it lands in. On error logs
 * "file:line: message" and returns -1. src must outlive the tree. */
int	tmplc_compile(struct arena *a, const char *file, const char *src,
	    size_t len, struct node **root);

#endif
