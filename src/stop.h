/*
 * stop: SIGTERM and SIGINT ask the process to stop; SIGPIPE is ignored
 * (a client that went away is an error return, not a death). The
 * supervisor and each worker catch them the same way.
 */
#ifndef QUIRE_STOP_H
#define QUIRE_STOP_H

/* Installs the handlers, without SA_RESTART, so that a blocking
 * waitpid() or accept() returns on the signal. 0, or -1 (logged). */
int	stop_catch(void);
/* Whether a stop was asked for. */
int	stop_requested(void);

#endif
