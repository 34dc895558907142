/*
 * listen: slowcgi's order: bind as whoever started us, give the socket
 * away, then become the service user before anything else is opened.
 */
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>

#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <netdb.h>
#include <pwd.h>
#include <string.h>
#include <unistd.h>

#include <systemd/sd-daemon.h>

#include "listen.h"
#include "log.h"

/*
 * nginx opens a connection to quire for every request it has at once (a
 * burst of readers, slow clients once their body is in): they wait here
 * for a worker. A short backlog turns a burst into 502s (connect fails
 * with EAGAIN on a full unix socket), so take what the kernel allows
 * (net.core.somaxconn caps it).
 */
#define BACKLOG	SOMAXCONN

/* The uid and gid of the service user, if any. 1 set, 0 no user, -1. */
static int
service_ids(const struct config *cfg, uid_t *uid, gid_t *gid)
{
	struct passwd	*pw;
	struct group	*gr;

	if (cfg->user == NULL) {
		if (geteuid() == 0) {
			log_err("refusing to serve as root: give --user (and "
			    "--group) for the service to run as; the socket "
			    "is handed to it and privileges dropped before "
			    "the database is opened");
			return -1;
		}
		return 0;
	}
	if ((pw = getpwnam(cfg->user)) == NULL) {
		log_err("--user %s: no such user", cfg->user);
		return -1;
	}
	*uid = pw->pw_uid;
	*gid = pw->pw_gid;
	if (*uid == 0) {
		log_err("--user %s: refusing to serve as root", cfg->user);
		return -1;
	}
	if (cfg->group != NULL) {
		if ((gr = getgrnam(cfg->group)) == NULL) {
			log_err("--group %s: no such group", cfg->group);
			return -1;
		}
		*gid = gr->gr_gid;
	}
	return 1;
}

static int
listen_unix(const struct config *cfg)
{
	struct sockaddr_un	 sun;
	struct stat		 st;
	uid_t			 uid;
	gid_t			 gid;
	int			 fd, owner;

	if ((owner = service_ids(cfg, &uid, &gid)) == -1)
		return -1;
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
	    (owner && chown(cfg->socket_path, uid, gid) == -1) ||
	    chmod(cfg->socket_path, (mode_t)cfg->socket_mode) == -1 ||
	    listen(fd, BACKLOG) == -1) {
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
	    listen(fd, BACKLOG) == -1) {
		log_err("%s: %s", cfg->listen_addr, strerror(errno));
		if (fd != -1)
			close(fd);
		fd = -1;
	}
	freeaddrinfo(res);
	return fd;
}

/* The socket a supervisor passed: systemd's socket activation (LISTEN_FDS:
 * fd 3), or fd 0 (spawn-fcgi, inetd-style units with StandardInput=socket).
 * sd_listen_fds() unsets LISTEN_FDS, so the workers do not see it. */
static int
listen_passed(void)
{
	struct sockaddr_storage	 ss;
	socklen_t		 len = sizeof(ss);
	int			 n;

	if ((n = sd_listen_fds(1)) < 0) {
		log_err("LISTEN_FDS: %s", strerror(-n));
		return -1;
	}
	if (n > 1) {
		log_err("systemd passed %d sockets (LISTEN_FDS); quire serves "
		    "one: give the .socket unit one ListenStream=", n);
		return -1;
	}
	if (n == 1) {
		if (sd_is_socket(SD_LISTEN_FDS_START, AF_UNSPEC, SOCK_STREAM,
		    1) <= 0) {
			log_err("the socket systemd passed (LISTEN_FDS) is not "
			    "a listening stream socket");
			return -1;
		}
		return SD_LISTEN_FDS_START;
	}
	if (getsockname(0, (struct sockaddr *)&ss, &len) == 0)
		return 0;
	log_err("no --socket or --listen, no socket from systemd (LISTEN_FDS), "
	    "and fd 0 is not a socket");
	return -1;
}

int
listen_open(const struct config *cfg)
{
	int	 fd, fl;

	if (cfg->socket_path != NULL)
		fd = listen_unix(cfg);
	else if (cfg->listen_addr != NULL)
		fd = listen_tcp(cfg);
	else
		fd = listen_passed();
	if (fd == -1)
		return -1;
	/* Workers wait for a connection in ppoll() and then accept; the
	 * one that loses the race must get EAGAIN, not sleep in accept()
	 * where a stop could not reach it (worker.c). */
	if ((fl = fcntl(fd, F_GETFL)) == -1 ||
	    fcntl(fd, F_SETFL, fl | O_NONBLOCK) == -1) {
		log_err("%s: %s", __func__, strerror(errno));
		if (fd > 2)
			close(fd);
		return -1;
	}
	return fd;
}

int
listen_drop(const struct config *cfg)
{
	uid_t	 uid;
	gid_t	 gid;
	int	 rc;

	if ((rc = service_ids(cfg, &uid, &gid)) != 1)
		return rc;
	if (setgroups(1, &gid) == -1 || setgid(gid) == -1 ||
	    setuid(uid) == -1) {
		log_err("cannot become %s: %s", cfg->user, strerror(errno));
		return -1;
	}
	/* Make sure there is no way back. */
	if (uid != 0 && setuid(0) != -1) {
		log_err("%s: could become root again", __func__);
		return -1;
	}
	return 0;
}
