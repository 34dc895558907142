/*
 * worker: one FastCGI worker process: its own database connection, then
 * the accept loop, until SIGTERM.
 */
#ifndef QUIRE_WORKER_H
#define QUIRE_WORKER_H

#include "app.h"

/* Runs in a forked child; never returns (exits 0 when told to stop, 1 if
 * it could not start). */
void	worker_run(struct app *, int fd) __attribute__((noreturn));

#endif
