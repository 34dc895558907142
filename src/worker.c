/*
 * worker: libfcgi's accept loop around app_handle(). A connection to the
 * database must never cross a fork, so it is opened here, in the child.
 */
#include <errno.h>
#include <malloc.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

#include <fcgiapp.h>

#include "auth.h"
#include "log.h"
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

void
worker_run(struct app *app, int fd)
{
	FCGX_Request		 rq;

	/* A fixed mmap threshold: big buffers (a large page, a long form)
	 * go back to the system when freed instead of growing the heap for
	 * good, which glibc's adaptive threshold would let happen. */
	mallopt(M_MMAP_THRESHOLD, 256 * 1024);
	/* accept() returns on a signal. */
	if (stop_catch() == -1)
		_exit(1);
	if (auth_init() == -1 || app_open_db(app) == -1)
		_exit(1);
	if (FCGX_Init() != 0 ||
	    FCGX_InitRequest(&rq, fd, FCGI_FAIL_ACCEPT_ON_INTR) != 0) {
		log_err("%s: cannot set up libfcgi", __func__);
		_exit(1);
	}
	while (!stop_requested() && FCGX_Accept_r(&rq) >= 0) {
		app_handle(app, rq.envp, fcgi_read, rq.in, fcgi_write, rq.out);
		FCGX_Finish_r(&rq);
	}
	FCGX_Free(&rq, 1);
	app_free(app);
	_exit(0);
}
