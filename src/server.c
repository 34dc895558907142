/*
 * server: slowcgi's shape. The parent binds, forks the workers and only
 * supervises; each worker opens its own database connection and runs the
 * FastCGI accept loop. Templates are compiled before the fork, so workers
 * share them copy-on-write.
 */
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>

#include <errno.h>
#include <grp.h>
#include <malloc.h>
#include <netdb.h>
#include <pwd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <fcgiapp.h>

#include "auth.h"
#include "log.h"
#include "server.h"

#define MAX_WORKERS	256

/* Set by signal handlers only: the one kind of mutable global allowed. */
static volatile sig_atomic_t	stopping;

static void
on_stop(int sig)
{
	(void)sig;
	stopping = 1;
}

static int
catch_signals(void (*fn)(int))
{
	struct sigaction	 sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = fn;
	sigemptyset(&sa.sa_mask);
	/* No SA_RESTART: accept() and waitpid() must return on a signal. */
	if (sigaction(SIGTERM, &sa, NULL) == -1 ||
	    sigaction(SIGINT, &sa, NULL) == -1) {
		log_err("%s: sigaction: %s", __func__, strerror(errno));
		return -1;
	}
	signal(SIGPIPE, SIG_IGN);
	return 0;
}

static int
listen_unix(const struct config *cfg)
{
	struct sockaddr_un	 sun;
	struct stat		 st;
	int			 fd;

	memset(&sun, 0, sizeof(sun));
	sun.sun_family = AF_UNIX;
	if (strlen(cfg->socket_path) >= sizeof(sun.sun_path)) {
		log_err("%s: socket path too long", cfg->socket_path);
		return -1;
	}
	memcpy(sun.sun_path, cfg->socket_path, strlen(cfg->socket_path) + 1);
	/* A socket left by a previous run: replace it. Anything else at
	 * that path is not ours to remove. */
	if (lstat(cfg->socket_path, &st) == 0) {
		if (!S_ISSOCK(st.st_mode)) {
			log_err("%s: exists and is not a socket",
			    cfg->socket_path);
			return -1;
		}
		unlink(cfg->socket_path);
	}
	if ((fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0)) == -1) {
		log_err("%s: socket: %s", __func__, strerror(errno));
		return -1;
	}
	if (bind(fd, (struct sockaddr *)&sun, sizeof(sun)) == -1 ||
	    chmod(cfg->socket_path, (mode_t)cfg->socket_mode) == -1 ||
	    listen(fd, 128) == -1) {
		log_err("%s: %s", cfg->socket_path, strerror(errno));
		close(fd);
		return -1;
	}
	return fd;
}

static int
listen_tcp(const struct config *cfg)
{
	struct addrinfo	 hints, *res = NULL;
	char		 host[256];
	const char	*colon, *port;
	int		 fd = -1, one = 1, rc;

	colon = strrchr(cfg->listen_addr, ':');
	if (colon == NULL || colon == cfg->listen_addr ||
	    (size_t)(colon - cfg->listen_addr) >= sizeof(host)) {
		log_err("%s: expected HOST:PORT", cfg->listen_addr);
		return -1;
	}
	memcpy(host, cfg->listen_addr, (size_t)(colon - cfg->listen_addr));
	host[colon - cfg->listen_addr] = '\0';
	port = colon + 1;
	memset(&hints, 0, sizeof(hints));
	hints.ai_family = AF_UNSPEC;
	hints.ai_socktype = SOCK_STREAM;
	hints.ai_flags = AI_NUMERICHOST | AI_NUMERICSERV;
	if ((rc = getaddrinfo(host, port, &hints, &res)) != 0) {
		log_err("%s: %s", cfg->listen_addr, gai_strerror(rc));
		return -1;
	}
	if ((fd = socket(res->ai_family, SOCK_STREAM | SOCK_CLOEXEC, 0)) == -1 ||
	    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)) == -1 ||
	    bind(fd, res->ai_addr, res->ai_addrlen) == -1 ||
	    listen(fd, 128) == -1) {
		log_err("%s: %s", cfg->listen_addr, strerror(errno));
		if (fd != -1)
			close(fd);
		fd = -1;
	}
	freeaddrinfo(res);
	return fd;
}

int
server_listen(const struct config *cfg)
{
	struct sockaddr_storage	 ss;
	socklen_t		 len = sizeof(ss);

	if (cfg->socket_path != NULL)
		return listen_unix(cfg);
	if (cfg->listen_addr != NULL)
		return listen_tcp(cfg);
	/* spawn-fcgi and systemd socket activation hand us fd 0. */
	if (getsockname(0, (struct sockaddr *)&ss, &len) == 0)
		return 0;
	log_err("no --socket or --listen, and fd 0 is not a socket");
	return -1;
}

int
server_drop(const char *user)
{
	struct passwd	*pw;

	if (user == NULL)
		return 0;
	if ((pw = getpwnam(user)) == NULL) {
		log_err("%s: no such user", user);
		return -1;
	}
	if (setgroups(1, &pw->pw_gid) == -1 || setgid(pw->pw_gid) == -1 ||
	    setuid(pw->pw_uid) == -1) {
		log_err("cannot become %s: %s", user, strerror(errno));
		return -1;
	}
	return 0;
}

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

static long
stdio_read(void *ctx, char *p, size_t n)
{
	size_t	 got;

	got = fread(p, 1, n, (FILE *)ctx);
	return got == 0 && ferror((FILE *)ctx) ? -1 : (long)got;
}

static int
stdio_write(void *ctx, const char *p, size_t n)
{
	return fwrite(p, 1, n, (FILE *)ctx) == n ? 0 : -1;
}

/* One worker: its own database, then accept until told to stop. */
static void
worker(struct app *app, int fd)
{
	FCGX_Request	 rq;

	/* A fixed mmap threshold: big buffers (a large page, a long form)
	 * go back to the system when freed instead of growing the heap for
	 * good, which glibc's adaptive threshold would let happen. */
	mallopt(M_MMAP_THRESHOLD, 256 * 1024);
	if (catch_signals(on_stop) == -1 || auth_init() == -1 ||
	    app_open_db(app) == -1)
		_exit(1);
	if (FCGX_Init() != 0 ||
	    FCGX_InitRequest(&rq, fd, FCGI_FAIL_ACCEPT_ON_INTR) != 0) {
		log_err("%s: cannot set up libfcgi", __func__);
		_exit(1);
	}
	while (!stopping && FCGX_Accept_r(&rq) >= 0) {
		app_handle(app, rq.envp, fcgi_read, rq.in, fcgi_write, rq.out);
		FCGX_Finish_r(&rq);
	}
	FCGX_Free(&rq, 1);
	app_free(app);
	_exit(0);
}

static pid_t
spawn(struct app *app, int fd)
{
	pid_t	 pid;

	if ((pid = fork()) == -1) {
		log_err("%s: fork: %s", __func__, strerror(errno));
		return -1;
	}
	if (pid == 0)
		worker(app, fd);
	return pid;
}

int
server_run(struct app *app, int fd)
{
	pid_t		 pids[MAX_WORKERS], pid;
	time_t		 born[MAX_WORKERS];
	int		 n, i, status, alive = 0;

	n = app->cfg->workers;
	if (n < 1 || n > MAX_WORKERS) {
		log_err("--workers must be 1..%d", MAX_WORKERS);
		return 1;
	}
	if (catch_signals(on_stop) == -1)
		return 1;
	for (i = 0; i < n; i++)
		pids[i] = -1;
	for (i = 0; i < n; i++) {
		if ((pids[i] = spawn(app, fd)) == -1)
			goto stop;
		born[i] = time(NULL);
		alive++;
	}
	log_info("serving %s with %d workers", app->cfg->db_path, n);
	while (!stopping) {
		if ((pid = waitpid(-1, &status, 0)) == -1) {
			if (errno == EINTR)
				continue;
			log_err("%s: waitpid: %s", __func__, strerror(errno));
			break;
		}
		for (i = 0; i < n && pids[i] != pid; i++)
			;
		if (i == n)
			continue;
		alive--;
		pids[i] = -1;
		log_warn("worker %d ended (%s %d); restarting", (int)pid,
		    WIFSIGNALED(status) ? "signal" : "status",
		    WIFSIGNALED(status) ? WTERMSIG(status) : WEXITSTATUS(status));
		/* A worker that dies at once would spin: slow down. */
		if (time(NULL) - born[i] < 1)
			sleep(1);
		if (stopping)
			break;
		if ((pids[i] = spawn(app, fd)) == -1)
			break;
		born[i] = time(NULL);
		alive++;
	}
stop:
	for (i = 0; i < n; i++)
		if (pids[i] > 0)
			kill(pids[i], SIGTERM);
	while (alive > 0 && (pid = wait(&status)) != -1)
		alive--;
	if (app->cfg->socket_path != NULL)
		unlink(app->cfg->socket_path);
	log_info("stopped");
	return stopping ? 0 : 1;
}

int
server_cgi(struct app *app)
{
	extern char	**environ;

	if (auth_init() == -1 || app_open_db(app) == -1) {
		fputs("Status: 500 Internal Server Error\r\n"
		    "Content-Type: text/plain; charset=utf-8\r\n\r\n"
		    "The site's database could not be opened.\n", stdout);
		return 1;
	}
	app_handle(app, environ, stdio_read, stdin, stdio_write, stdout);
	return fflush(stdout) == 0 ? 0 : 1;
}
