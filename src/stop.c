/*
 * stop: the one flag a signal handler sets (see stop.h). The style's one
 * mutable global besides process configuration: a handler has no other
 * way to talk.
 */
#include <errno.h>
#include <signal.h>
#include <string.h>

#include "log.h"
#include "stop.h"

static volatile sig_atomic_t	stopping;
static sigset_t			waitmask;

static void
on_stop(int sig)
{
	(void)sig;
	stopping = 1;
}

int
stop_catch(void)
{
	struct sigaction	 sa;
	sigset_t		 block;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_stop;
	sigemptyset(&sa.sa_mask);
	sigemptyset(&block);
	sigaddset(&block, SIGTERM);
	sigaddset(&block, SIGINT);
	sigemptyset(&waitmask);
	if (sigprocmask(SIG_SETMASK, &block, NULL) == -1 ||
	    sigaction(SIGTERM, &sa, NULL) == -1 ||
	    sigaction(SIGINT, &sa, NULL) == -1) {
		log_err("%s: %s", __func__, strerror(errno));
		return -1;
	}
	signal(SIGPIPE, SIG_IGN);
	signal(SIGHUP, SIG_IGN);
	return 0;
}

const sigset_t *
stop_waitmask(void)
{
	return &waitmask;
}

int
stop_requested(void)
{
	return stopping != 0;
}
