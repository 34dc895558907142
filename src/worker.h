/*
 * worker: one FastCGI worker process: its own database connection, then
 * the accept loop, until SIGTERM (it finishes the request it holds first).
 */
#ifndef QUIRE_WORKER_H
#define QUIRE_WORKER_H

#include "app.h"

/* Runs in a forked child; never returns (exits 0 when told to stop, 1 if
 * it could not start or the socket failed). fd is the listening socket,
 * non-blocking (listen.c), shared with the other workers. When the worker
 * is ready to accept it writes one byte to ready_fd and closes it (-1:
 * nobody asks); the parent counts a worker that ends before that as one
 * that could not start. */
void	worker_run(struct app *, int fd, int ready_fd)
	    __attribute__((noreturn));

#endif
