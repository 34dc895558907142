/*
 * supervise: the parent of the workers. It forks them, restarts one that
 * dies, and stops them all on SIGTERM or SIGINT.
 */
#ifndef QUIRE_SUPERVISE_H
#define QUIRE_SUPERVISE_H

#include "app.h"

/* Runs cfg->workers workers on fd until told to stop. Returns the
 * process exit status. */
int	supervise_run(struct app *, int fd);

#endif
