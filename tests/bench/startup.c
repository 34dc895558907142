/*
 * startup: start-up times for `make bench`, medians of RUNS runs, in ms.
 *
 *   startup version RUNS QUIRE
 *       wall time of `QUIRE --version` (exec to exit): the floor of any
 *       start-up, a process that does nothing.
 *   startup serve RUNS SOCKET QUIRE ARGS...
 *       runs `QUIRE ARGS...` (a `quire serve --socket SOCKET ...`) and
 *       reports the time from exec to the socket accepting a connection
 *       (connect() tried every 0.1 ms), and to the first FastCGI answer
 *       (GET /, from a worker), then stops it with SIGTERM.
 *
 * Prints "key value" lines: version_ms, accept_ms, first_ms (medians),
 * and *_min / *_max.
 */
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define MAXRUNS	64

static double
now_ms(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int
cmp(const void *a, const void *b)
{
	double	 x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static void
report(const char *key, double *v, int n)
{
	qsort(v, (size_t)n, sizeof(*v), cmp);
	printf("%s %.2f\n%s_min %.2f\n%s_max %.2f\n", key, v[n / 2], key, v[0],
	    key, v[n - 1]);
}

static pid_t
run(char *const argv[])
{
	pid_t	 pid;
	int	 fd;

	if ((pid = fork()) == -1) {
		perror("startup: fork");
		exit(1);
	}
	if (pid == 0) {
		if ((fd = open("/dev/null", O_WRONLY)) != -1) {
			dup2(fd, 1);
			dup2(fd, 2);
		}
		execv(argv[0], argv);
		_exit(127);
	}
	return pid;
}

/* One FastCGI record header. */
static size_t
rec(unsigned char *p, int type, size_t len)
{
	p[0] = 1;
	p[1] = (unsigned char)type;
	p[2] = 0;
	p[3] = 1;			/* request id 1 */
	p[4] = (unsigned char)(len >> 8);
	p[5] = (unsigned char)len;
	p[6] = 0;
	p[7] = 0;
	return 8;
}

static size_t
param(unsigned char *p, const char *name, const char *value)
{
	size_t	 n = strlen(name), v = strlen(value);

	p[0] = (unsigned char)n;
	p[1] = (unsigned char)v;
	memcpy(p + 2, name, n);
	memcpy(p + 2 + n, value, v);
	return 2 + n + v;
}

/* Sends GET / and reads until FCGI_END_REQUEST. 0 if the answer began
 * with "Status: 200", else -1. */
static int
get_root(int fd)
{
	unsigned char	 out[1024], in[8 + 65535 + 255], *p = out;
	size_t		 plen, got;
	ssize_t		 n;
	int		 ok = -1, first = 1, type;
	size_t		 clen, pad;

	p += rec(p, 1, 8);			/* FCGI_BEGIN_REQUEST */
	memset(p, 0, 8);
	p[1] = 1;				/* FCGI_RESPONDER */
	p += 8;
	plen = 0;
	{
		unsigned char	 params[512], *q = params;

		q += param(q, "REQUEST_METHOD", "GET");
		q += param(q, "REQUEST_URI", "/");
		q += param(q, "QUERY_STRING", "");
		q += param(q, "SCRIPT_NAME", "");
		q += param(q, "SERVER_PROTOCOL", "HTTP/1.1");
		q += param(q, "GATEWAY_INTERFACE", "CGI/1.1");
		q += param(q, "SERVER_NAME", "localhost");
		q += param(q, "SERVER_PORT", "80");
		q += param(q, "HTTP_HOST", "localhost");
		q += param(q, "REMOTE_ADDR", "127.0.0.1");
		plen = (size_t)(q - params);
		p += rec(p, 4, plen);		/* FCGI_PARAMS */
		memcpy(p, params, plen);
		p += plen;
	}
	p += rec(p, 4, 0);			/* end of params */
	p += rec(p, 5, 0);			/* empty FCGI_STDIN */
	if (write(fd, out, (size_t)(p - out)) != p - out)
		return -1;
	for (;;) {
		for (got = 0; got < 8; got += (size_t)n)
			if ((n = read(fd, in + got, 8 - got)) <= 0)
				return -1;
		type = in[1];
		clen = (size_t)in[4] << 8 | in[5];
		pad = in[6];
		for (got = 0; got < clen + pad; got += (size_t)n)
			if ((n = read(fd, in + 8 + got, clen + pad - got)) <= 0)
				return -1;
		if (type == 6 && first) {	/* FCGI_STDOUT */
			first = 0;
			ok = clen >= 11 && memcmp(in + 8, "Status: 200", 11) == 0 ?
			    0 : -1;
		}
		if (type == 3)			/* FCGI_END_REQUEST */
			return ok;
	}
}

int
main(int argc, char *argv[])
{
	double			 acc[MAXRUNS], first[MAXRUNS], t0;
	struct sockaddr_un	 sun;
	pid_t			 pid;
	int			 runs, i, fd, status;

	if (argc < 4 || (runs = atoi(argv[2])) < 1 || runs > MAXRUNS) {
		fprintf(stderr, "usage: startup version RUNS QUIRE\n"
		    "       startup serve RUNS SOCKET QUIRE ARGS...\n");
		return 2;
	}
	if (strcmp(argv[1], "version") == 0) {
		char	*av[] = { argv[3], "--version", NULL };

		for (i = 0; i < runs; i++) {
			t0 = now_ms();
			pid = run(av);
			waitpid(pid, &status, 0);
			acc[i] = now_ms() - t0;
			if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
				fprintf(stderr, "startup: --version failed\n");
				return 1;
			}
		}
		report("version_ms", acc, runs);
		return 0;
	}
	if (strcmp(argv[1], "serve") != 0 || argc < 5)
		return 2;
	memset(&sun, 0, sizeof(sun));
	sun.sun_family = AF_UNIX;
	if (strlen(argv[3]) >= sizeof(sun.sun_path))
		return 2;
	strcpy(sun.sun_path, argv[3]);
	for (i = 0; i < runs; i++) {
		unlink(argv[3]);
		t0 = now_ms();
		pid = run(argv + 4);
		for (;;) {
			if ((fd = socket(AF_UNIX, SOCK_STREAM, 0)) == -1)
				return 1;
			if (connect(fd, (struct sockaddr *)&sun,
			    sizeof(sun)) == 0)
				break;
			close(fd);
			if (waitpid(pid, &status, WNOHANG) == pid) {
				fprintf(stderr, "startup: quire serve exited\n");
				return 1;
			}
			if (now_ms() - t0 > 10000) {
				fprintf(stderr, "startup: no socket after 10 s\n");
				kill(pid, SIGKILL);
				return 1;
			}
			usleep(100);
		}
		acc[i] = now_ms() - t0;
		if (get_root(fd) == -1) {
			fprintf(stderr, "startup: no 200 answer to GET /\n");
			kill(pid, SIGTERM);
			waitpid(pid, &status, 0);
			return 1;
		}
		first[i] = now_ms() - t0;
		close(fd);
		kill(pid, SIGTERM);
		waitpid(pid, &status, 0);
	}
	unlink(argv[3]);
	report("accept_ms", acc, runs);
	report("first_ms", first, runs);
	return 0;
}
