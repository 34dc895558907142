/*
 * worker: the accept loop around app_handle(). A connection to the
 * database must never cross a fork, so it is opened here, in the child.
 *
 * The worker waits for a connection itself, in epoll_pwait() with SIGTERM
 * let through (stop.h), and only then asks libfcgi to accept it: SIGTERM is
 * blocked from there to the end of the response, so a stop is noticed
 * only between requests, and there is no moment where it could arrive
 * after the check and leave the worker asleep in accept(). The socket is
 * non-blocking, so a worker that lost the race for a connection to
 * another one gets EAGAIN and waits again. The wait is EPOLLEXCLUSIVE, so
 * a new connection wakes one idle worker, not all of them (with ppoll()
 * every idle worker woke, and all but one went back to sleep with
 * nothing done: three system calls and a context switch each).
 */
#include <errno.h>
#include <malloc.h>
#include <signal.h>
#include <sys/epoll.h>
#include <string.h>
#include <unistd.h>

#include <fcgiapp.h>

#include "auth.h"
#include "log.h"
#include "rcache.h"
#include "sandbox.h"
#include "stop.h"
#include "worker.h"

static int
fcgi_write(void *ctx, const char *p, size_t n)
{
	return FCGX_PutStr(p, (int)n, (FCGX_Stream *)ctx) == (int)n ? 0 : -1;
}

static long
fcgi_read(void *ctx, char *p, size_t n)
{
	int	 got;

	got = FCGX_GetStr(p, n > 65536 ? 65536 : (int)n, (FCGX_Stream *)ctx);
	return got < 0 ? -1 : got;
}

/* Tells the parent the worker accepts from now on. */
static void
say_ready(int fd)
{
	if (fd == -1)
		return;
	if (write(fd, "r", 1) != 1)
		log_warn("%s: %s", __func__, strerror(errno));
	close(fd);
}

/* An epoll instance that wakes this worker alone for a connection on fd
 * (EPOLLEXCLUSIVE), or -1 (logged). */
static int
await_open(int fd)
{
	struct epoll_event	 ev;
	int			 ep;

	if ((ep = epoll_create1(EPOLL_CLOEXEC)) == -1) {
		log_err("%s: epoll_create1: %s", __func__, strerror(errno));
		return -1;
	}
	memset(&ev, 0, sizeof(ev));
	ev.events = EPOLLIN | EPOLLEXCLUSIVE;
	ev.data.fd = fd;
	if (epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev) == -1) {
		log_err("%s: epoll_ctl: %s", __func__, strerror(errno));
		close(ep);
		return -1;
	}
	return ep;
}

/* Waits on ep (await_open()) until the socket has a connection or a stop
 * is asked for. 1 to accept, 0 to stop, -1 (logged). */
static int
await(int ep)
{
	struct epoll_event	 ev;
	int			 n;

	for (;;) {
		if (stop_requested())
			return 0;
		if ((n = epoll_pwait(ep, &ev, 1, -1, stop_waitmask())) == -1) {
			if (errno == EINTR)
				continue;
			log_err("%s: epoll_pwait: %s", __func__,
			    strerror(errno));
			return -1;
		}
		if (n == 0)
			continue;
		if (ev.events & (EPOLLERR | EPOLLHUP)) {
			log_err("%s: the listening socket failed", __func__);
			return -1;
		}
		return 1;
	}
}

void
worker_run(struct app *app, int fd, int ready_fd)
{
	FCGX_Request		 rq;
	struct rcache_stats	 rs;
	int			 rc, w, ep, status = 0;

	/* A fixed mmap threshold: big buffers (a large page, a long form)
	 * go back to the system when freed instead of growing the heap for
	 * good, which glibc's adaptive threshold would let happen. */
	mallopt(M_MMAP_THRESHOLD, 256 * 1024);
	if (stop_catch() == -1)
		_exit(1);
	if (auth_init() == -1 || app_open_db(app) == -1)
		_exit(1);
	if (FCGX_Init() != 0 || FCGX_InitRequest(&rq, fd, 0) != 0) {
		log_err("%s: cannot set up libfcgi", __func__);
		_exit(1);
	}
	if ((ep = await_open(fd)) == -1)
		_exit(1);
	/* Everything is open: from here on only the calls serving needs. */
	if (app->cfg->sandbox && sandbox_enter() == -1)
		_exit(1);
	say_ready(ready_fd);
	while ((w = await(ep)) == 1) {
		if ((rc = FCGX_Accept_r(&rq)) < 0) {
			/* Another worker took it, or the peer went away
			 * before its request arrived: wait again. */
			if (rc == -EAGAIN || rc == -EWOULDBLOCK ||
			    rc == -ECONNABORTED || rc == -EINTR)
				continue;
			log_err("%s: accept: %s", __func__, rc < -9000 ?
			    "libfcgi failed" : strerror(-rc));
			status = 1;
			break;
		}
		app_handle(app, rq.envp, fcgi_read, rq.in, fcgi_write, rq.out);
		FCGX_Finish_r(&rq);
		/* One request a connection: a connection nginx kept open
		 * (fastcgi_keep_conn) would hold the worker past a stop, and
		 * the wait above could not see its next request. */
		FCGX_Free(&rq, 1);
	}
	if (w == -1)
		status = 1;
	FCGX_Free(&rq, 1);
	close(ep);
	rcache_stats(app->rcache, &rs);
	log_info("render cache: %llu hits, %llu misses, %zu bytes in %zu "
	    "entries (at most %zu)", rs.hits, rs.misses, rs.bytes, rs.entries,
	    rs.max);
	app_free(app);
	_exit(status);
}
