/*
 * listen: the listening socket and the privileges it is taken with:
 * bind (a unix socket, a TCP address, or the socket a supervisor passed:
 * systemd's LISTEN_FDS or fd 0), hand the socket to the service user and
 * group, drop root.
 */
#ifndef QUIRE_LISTEN_H
#define QUIRE_LISTEN_H

#include "config.h"

/* Binds cfg's unix socket or TCP address; with neither, takes the one
 * socket systemd passed (LISTEN_FDS, fd 3) or else the socket on fd 0. A
 * unix socket gets cfg->socket_mode and, when cfg->user is set, that user
 * and group as owner. The fd is made non-blocking (the workers' accept
 * loop needs it). Returns the listening fd or -1 (logged). */
int	listen_open(const struct config *);
/* Becomes cfg->user (its group and no others) when set. -1 (logged) on
 * failure. */
int	listen_drop(const struct config *);

#endif
