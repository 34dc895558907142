/*
 * config: the process configuration, filled once at start-up (command
 * line, or the environment in CGI mode) and read-only after. The one
 * struct every part of the process reads its settings from.
 */
#ifndef QUIRE_CONFIG_H
#define QUIRE_CONFIG_H

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
	long long	 max_body;	/* request body limit, bytes (413) */
	const char	*trust_proxy;	/* proxies whose X-Forwarded-For counts */
	int		 session_hours;	/* how long a sign-in lasts */
	int		 strict_templates; /* a value a template asks for and
					   the page never set is an error */
};

/* The defaults: one worker per CPU, socket mode 0660, max-age 60 s, a
 * 1 MiB body limit, 12-hour sessions. */
void	config_defaults(struct config *);

#endif
