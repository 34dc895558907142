/*
 * stop: how a worker learns that it should stop. SIGTERM and SIGINT set
 * one flag and are blocked except while the worker waits for a connection,
 * so a stop never interrupts a request half-way (no EINTR in the middle of
 * a read or write) and never slips in between the check and the wait.
 * SIGPIPE is ignored (a client that went away is an error return, not a
 * death) and so is SIGHUP (it is the parent's: a HUP sent to the process
 * group must not kill a worker). The parent waits on a signalfd instead
 * (supervise.c).
 */
#ifndef QUIRE_STOP_H
#define QUIRE_STOP_H

#include <signal.h>

/* Installs the handlers and sets the signal mask to exactly SIGTERM and
 * SIGINT blocked. 0, or -1 (logged). */
int		 stop_catch(void);
/* The mask to wait with (ppoll): nothing blocked, so a pending stop
 * interrupts the wait. Static storage. */
const sigset_t	*stop_waitmask(void);
/* Whether a stop was asked for. */
int		 stop_requested(void);

#endif
