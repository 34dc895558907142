/*
 * server: the process shell around app_handle(): the FastCGI listener and
 * its pre-forked workers, or one CGI request.
 */
#ifndef QUIRE_SERVER_H
#define QUIRE_SERVER_H

#include "app.h"

/* Binds cfg's unix socket or TCP address, or takes the socket a
 * supervisor passed on fd 0. Returns the listening fd or -1 (logged). */
int	server_listen(const struct config *);
/* Drops root to user (if not NULL). -1 (logged) on failure. */
int	server_drop(const char *user);
/* Runs cfg->workers workers on fd until SIGTERM or SIGINT; restarts a
 * worker that dies. Returns the process exit status. */
int	server_run(struct app *, int fd);
/* Answers the one CGI request in the environment. Exit status. */
int	server_cgi(struct app *);

#endif
