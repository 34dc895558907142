/*
 * floor: the least a FastCGI responder can do, for `make bench`. It reads a
 * whole CGI response (headers, blank line, body: the article page quire
 * rendered) once at start-up, then answers every request with those bytes,
 * from N forked workers on a unix socket, through the same libfcgi accept
 * loop quire uses. What nginx + FastCGI cost with no application at all.
 *
 *   floor SOCKET RESPONSE-FILE WORKERS
 *
 * SIGTERM or SIGINT stops the workers and removes the socket.
 */
#include <sys/stat.h>
#include <sys/wait.h>

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <fcgiapp.h>

static volatile sig_atomic_t	stopping;

static void
on_stop(int sig)
{
	(void)sig;
	stopping = 1;
}

static char *
slurp(const char *path, size_t *len)
{
	FILE	*f;
	char	*p;
	long	 n;

	if ((f = fopen(path, "rb")) == NULL || fseek(f, 0, SEEK_END) != 0 ||
	    (n = ftell(f)) <= 0 || fseek(f, 0, SEEK_SET) != 0 ||
	    (p = malloc((size_t)n)) == NULL ||
	    fread(p, 1, (size_t)n, f) != (size_t)n) {
		fprintf(stderr, "floor: %s: %s\n", path, strerror(errno));
		exit(1);
	}
	fclose(f);
	*len = (size_t)n;
	return p;
}

static void
worker(int fd, const char *resp, size_t len)
{
	FCGX_Request	 rq;
	sigset_t	 none;

	signal(SIGTERM, SIG_DFL);
	signal(SIGINT, SIG_DFL);
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	if (FCGX_Init() != 0 || FCGX_InitRequest(&rq, fd, 0) != 0)
		_exit(1);
	while (FCGX_Accept_r(&rq) >= 0) {
		FCGX_PutStr(resp, (int)len, rq.out);
		FCGX_Finish_r(&rq);
	}
	_exit(0);
}

int
main(int argc, char *argv[])
{
	struct sigaction	 sa;
	sigset_t		 stop, old;
	pid_t			 pids[256];
	char			*resp;
	size_t			 len;
	int			 fd, n, i;

	if (argc != 4 || (n = atoi(argv[3])) < 1 || n > 256) {
		fprintf(stderr, "usage: floor SOCKET RESPONSE-FILE WORKERS\n");
		return 2;
	}
	resp = slurp(argv[2], &len);
	unlink(argv[1]);
	if ((fd = FCGX_OpenSocket(argv[1], 128)) < 0) {
		fprintf(stderr, "floor: %s: cannot listen\n", argv[1]);
		return 1;
	}
	chmod(argv[1], 0666);
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_stop;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	/* Blocked until sigsuspend(), so a signal cannot slip in between
	 * the test of stopping and the wait. */
	sigemptyset(&stop);
	sigaddset(&stop, SIGTERM);
	sigaddset(&stop, SIGINT);
	sigprocmask(SIG_BLOCK, &stop, &old);
	for (i = 0; i < n; i++) {
		if ((pids[i] = fork()) == -1) {
			perror("floor: fork");
			n = i;
			stopping = 1;
			break;
		}
		if (pids[i] == 0)
			worker(fd, resp, len);
	}
	while (!stopping)
		sigsuspend(&old);
	for (i = 0; i < n; i++)
		kill(pids[i], SIGTERM);
	for (i = 0; i < n; i++)
		waitpid(pids[i], NULL, 0);
	unlink(argv[1]);
	return 0;
}
