/*
 * cfgfile: the configuration file (INI, read with libinih) and the one
 * table of its keys. Each row says everything about a key: its name in the
 * file, the quire serve flag that overrides it, its type and limits, the
 * struct config field it fills, its default and its help. The file's
 * parser, the flags' validation (cmd_serve.c), quire check --keys and the
 * man page test (tests/docs/man.sh) all read it, so a new key is one row
 * here (and its enum name) plus its field in struct config.
 */
#ifndef QUIRE_CFGFILE_H
#define QUIRE_CFGFILE_H

#include <stdio.h>

#include "config.h"

/* Read when no --config names another; a missing default file is fine. */
#define CFGFILE_PATH	"/etc/quire/quire.conf"

enum cfg_key {
	CFG_DATABASE,
	CFG_SOCKET,
	CFG_LISTEN,
	CFG_WORKERS,
	CFG_TEMPLATES,
	CFG_BASE_URL,
	CFG_LOG_LEVEL,
	CFG_TRUST_PROXY,
	CFG_MAX_BODY,
	CFG_SESSION_HOURS,
	CFG_MAX_AGE,
	CFG_USER,
	CFG_GROUP,
	CFG_SOCKET_MODE,
	CFG_CACHE_MB,
	CFG_SANDBOX,
	CFG__MAX
};

enum cfg_type {
	CT_PATH,	/* a file or folder: text of 1 to max bytes */
	CT_NAME,	/* a user or group name */
	CT_ADDR,	/* HOST:PORT */
	CT_URL,		/* the base URL: the base_url setting's rule */
	CT_INT,		/* decimal, min to max */
	CT_OCTAL,	/* octal, min to max (a file mode) */
	CT_LEVEL,	/* error, warn, info or debug */
	CT_PROXIES,	/* IP addresses, comma-separated */
	CT_BOOL,	/* yes or no, stored as 1 or 0 */
};

struct cfg_def {
	const char	*key;	/* in the file */
	const char	*flag;	/* quire serve --FLAG (without the dashes) */
	const char	*arg;	/* the flag's argument in the usage */
	enum cfg_type	 type;
	long		 min, max; /* CT_INT, CT_OCTAL: bounds; else max bytes */
	size_t		 off;	/* offsetof(struct config, field) */
	size_t		 size;	/* sizeof the field: const char *, int or
				 * long long */
	const char	*def;	/* the default, in words, for the docs */
	const char	*help;	/* one sentence */
};

/* The row of a key. Static. */
const struct cfg_def	*cfgfile_def(enum cfg_key);
/* The key named name in the file, or -1. */
int			 cfgfile_key(const char *name);

/* Why value is not good for key k, or NULL. Static message, e.g. "a number
 * from 1 to 256". Checks without storing: quire serve's flags. */
const char	*cfgfile_check(enum cfg_key, const char *value);
/* Checks value and stores it (a copy in cfg->mem) in its field: NULL, or
 * why not (as cfgfile_check; cfg is then unchanged). */
const char	*cfgfile_set(struct config *, enum cfg_key, const char *value);

/* What a configuration is built from. */
struct cfgfile_src {
	const char	*path;	/* --config FILE, which must be readable;
				 * NULL: CFGFILE_PATH if it exists */
	const char	*flag[CFG__MAX]; /* the command line's values, which
				 * win over the file; NULL: not given */
	FILE		*out;	/* where each problem goes, one line each
				 * ("FILE:LINE: reason"); NULL: the log */
	int		 need_db; /* no database from file or flag is a
				 * problem */
};

/* The whole configuration, from scratch: the defaults, then the file, then
 * the flags (a --socket or --listen flag replaces both of the file's
 * addresses). 0, and cfg is the caller's to config_free(); or -1 after
 * saying every problem, cfg freed. */
int	cfgfile_build(struct config *, const struct cfgfile_src *);
/* For the commands that need only the database (backup, export, import):
 * the configuration of --config FILE (path; NULL: CFGFILE_PATH if it
 * exists) with --db FILE (db, or NULL) over it, problems said on stderr.
 * 0, and cfg is the caller's to config_free(); or -1. */
int	cfgfile_for_db(struct config *, const char *path, const char *db);
/* The keys of one INI text in into cfg, over what cfg holds; name is the
 * file's name in messages. 0, or -1 after saying every problem to out (NULL:
 * the log). The fuzz harness and the unit tests call it directly. */
int	cfgfile_parse(struct config *, FILE *in, const char *name, FILE *out);

#endif
