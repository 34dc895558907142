/*
 * sandbox: a worker's last step before it serves (slowcgi's "restrict"):
 * no new privileges, then a seccomp filter (libseccomp) that allows only
 * the system calls serving needs. Any other call is logged and kills the
 * process by SIGSYS.
 */
#ifndef QUIRE_SANDBOX_H
#define QUIRE_SANDBOX_H

#include <stdio.h>

/*
 * Restricts the calling process for good: prctl(PR_SET_NO_NEW_PRIVS), a
 * SIGSYS handler, then the filter. Call it once everything is open that
 * may need a call the filter refuses (the listening socket, libfcgi, the
 * database connection), in a process of one thread. A refused call then
 * writes one log line, "sandbox: system call N (NAME) refused", from the
 * handler (async-signal-safe) and the process dies by SIGSYS, which the
 * supervisor reports too. Allocates nothing that outlives the call. 0, or
 * -1 (logged; the process is then unrestricted).
 */
int	sandbox_enter(void);

/*
 * quire check --sandbox: in a child process, sandbox_enter() exactly as a
 * worker does, then execve(2) of /bin/true, which must kill the child by
 * SIGSYS. 0 if it did, else -1; one line to out either way.
 */
int	sandbox_selftest(FILE *out);

#endif
