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

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_stop;
	sigemptyset(&sa.sa_mask);
	if (sigaction(SIGTERM, &sa, NULL) == -1 ||
	    sigaction(SIGINT, &sa, NULL) == -1) {
		log_err("%s: sigaction: %s", __func__, strerror(errno));
		return -1;
	}
	signal(SIGPIPE, SIG_IGN);
	return 0;
}

int
stop_requested(void)
{
	return stopping != 0;
}
