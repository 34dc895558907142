/*
 * config: the process configuration: the struct every part of the process
 * reads its settings from, and its defaults. It is filled at start-up
 * (src/cfgfile.c: the defaults, the configuration file, the command line;
 * or the environment in CGI mode) and read-only after.
 */
#ifndef QUIRE_CONFIG_H
#define QUIRE_CONFIG_H

#include "arena.h"

struct config {
	const char	*db_path;
	const char	*templates_dir;	/* NULL: the copy built into the binary */
	const char	*socket_path;	/* --socket */
	const char	*listen_addr;	/* --listen HOST:PORT */
	const char	*user;		/* --user: who to serve as, or NULL */
	const char	*group;		/* --group: the socket's and the
					   process's group; NULL: the user's */
	int		 socket_mode;	/* permissions of the unix socket */
	int		 workers;
	int		 max_age;	/* Cache-Control max-age, seconds */
	int		 cache_mb;	/* rendered Markdown a worker keeps */
	long long	 max_body;	/* request body limit, bytes (413) */
	const char	*trust_proxy;	/* proxies whose X-Forwarded-For counts */
	int		 session_hours;	/* how long a sign-in lasts */
	int		 strict_templates; /* a value a template asks for and
					   the page never set is an error */
	const char	*base_url;	/* NULL: the database's base_url
					   setting; else this wins over it */
	int		 log_level;	/* an enum log_level (log.h) */
	int		 sandbox;	/* workers put on the seccomp filter
					   (sandbox.h); 1 by default */
	const char	*file;		/* the configuration file read, or NULL */
	struct arena	 mem;		/* the strings the file gave */
};

/* The defaults: one worker per CPU, socket mode 0660, max-age 60 s, a
 * 1 MiB body limit, 12-hour sessions, log level info, the sandbox on; no
 * file read. */
void	config_defaults(struct config *);
/* Frees the strings the configuration file gave; config_defaults() makes
 * it usable again. */
void	config_free(struct config *);

#endif
