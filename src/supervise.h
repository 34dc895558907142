/*
 * supervise: the parent of the workers. It starts them, restarts one that
 * dies (with a growing back-off when they keep dying), replaces them one
 * at a time on SIGHUP, stops them gracefully on SIGTERM or SIGINT, and
 * tells systemd where it stands (sd_notify: READY, RELOADING, STOPPING,
 * STATUS).
 */
#ifndef QUIRE_SUPERVISE_H
#define QUIRE_SUPERVISE_H

#include "app.h"

/* What SIGHUP does; the caller's (cmd_serve.c). */
struct supervise_reload {
	/* Builds the workers' next state into *next (zeroed before the
	 * call): the configuration and templates read again. 0: workers
	 * are started from it and replace the old ones one at a time; -1
	 * (logged, with file and line): nothing changes, and load must
	 * have freed what it built. */
	int	(*load)(void *arg, struct app *next);
	/* Frees an app that load built, or the caller's first one, once no
	 * worker will be started from it again. */
	void	(*release)(void *arg, struct app *old);
	void	*arg;
};

/* Runs app->cfg->workers workers on fd until SIGTERM or SIGINT. With rl
 * NULL a SIGHUP is logged and ignored. After a reload *app holds the app
 * workers last ran (the one before it went to rl->release); it remains
 * the caller's to free. Returns the process exit status: 0 after a stop
 * by signal, 1 if the supervisor itself failed. */
int	supervise_run(struct app *, int fd, const struct supervise_reload *rl);
/* How long to wait, in ms, before starting a worker again after the n-th
 * quick end in a row (one that lived less than 10 s): 0 for the first,
 * then 100 doubling up to 30000. */
long long supervise_backoff(int n);

#endif
