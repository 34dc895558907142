/*
 * supervise: fork, wait, restart, reload, stop. The templates were
 * compiled before the fork, so workers share them copy-on-write. The
 * parent blocks its signals and reads them from a signalfd in the same
 * poll() as the workers' ready pipes, so a signal is one more event and
 * none can slip in between a check and a wait.
 *
 * A reload is tried on one worker first (slot 0's replacement): only when
 * it says it is ready does the new app become the current one; if it ends
 * before that, the new app is dropped and nothing changed. Then each slot
 * in turn gets a new worker, and only when that one is ready is the old
 * one told to stop (SIGTERM: it finishes the request it holds and exits).
 */
#include <sys/signalfd.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <systemd/sd-daemon.h>

#include "log.h"
#include "supervise.h"
#include "worker.h"

#define MAX_WORKERS	256
#define MAX_OLD		(4 * MAX_WORKERS)
#define GRACE_MS	10000	/* a stopping worker's time to finish */
#define BACKOFF_MIN_MS	100	/* the second quick death in a row */
#define BACKOFF_MAX_MS	30000
#define HEALTHY_MS	10000	/* a worker that lived this long resets it */

/* One worker process. */
struct proc {
	pid_t		 pid;		/* 0: none */
	int		 ready_fd;	/* its ready pipe until it speaks, or -1 */
	int		 ready;		/* it accepts connections */
	unsigned	 gen;		/* the generation of the app it runs */
	long long	 born;		/* ms, monotonic */
};

/* One place for a worker. */
struct slot {
	struct proc	 w;		/* the worker that serves (or starts) */
	struct proc	 next;		/* its replacement, while it starts */
	int		 fails;		/* quick deaths in a row */
	long long	 due;		/* no start before this (back-off) */
};

struct sv {
	struct app			*app;	/* current; the caller's storage */
	unsigned			 gen;	/* of app */
	struct app			 cand;	/* a reload's app on trial */
	int				 trying; /* cand runs in s[0].next */
	int				 hup;	/* a SIGHUP came during a trial */
	int				 reloading; /* RELOADING=1 was said */
	int				 announced; /* READY=1 was said */
	int				 n;	/* slots in use */
	struct slot			 s[MAX_WORKERS];
	pid_t				 old[MAX_OLD]; /* told to stop */
	int				 nold;
	int				 fd, sigfd, stopping, killed;
	long long			 stop_by;
	const struct supervise_reload	*rl;
	char				 sock[128]; /* to remove at the end */
};

static long long
now_ms(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void
proc_clear(struct proc *p)
{
	memset(p, 0, sizeof(*p));
	p->ready_fd = -1;
}

/* Starts a worker running app into p. 0, or -1 (logged). */
static int
spawn(struct sv *sv, struct proc *p, struct app *app, unsigned gen)
{
	pid_t	 pid;
	int	 pfd[2];

	if (pipe2(pfd, O_CLOEXEC) == -1) {
		log_err("%s: pipe: %s", __func__, strerror(errno));
		return -1;
	}
	if ((pid = fork()) == -1) {
		log_err("%s: fork: %s", __func__, strerror(errno));
		close(pfd[0]);
		close(pfd[1]);
		return -1;
	}
	if (pid == 0) {
		/* Not the worker's business (the read ends of the other
		 * workers' ready pipes it keeps are harmless). */
		close(pfd[0]);
		close(sv->sigfd);
		worker_run(app, sv->fd, pfd[1]);
	}
	close(pfd[1]);
	p->pid = pid;
	p->ready_fd = pfd[0];
	p->ready = 0;
	p->gen = gen;
	p->born = now_ms();
	return 0;
}

/* Tells p's worker to finish its request and go; it is reaped later. */
static void
retire(struct sv *sv, struct proc *p)
{
	if (p->pid <= 0)
		return;
	kill(p->pid, SIGTERM);
	if (p->ready_fd != -1)
		close(p->ready_fd);
	if (sv->nold < MAX_OLD)
		sv->old[sv->nold++] = p->pid;
	else
		log_warn("%s: worker %d will not be waited for", __func__,
		    (int)p->pid);
	proc_clear(p);
}

long long
supervise_backoff(int n)
{
	long long	 d = BACKOFF_MIN_MS;

	if (n <= 1)
		return 0;
	while (d < BACKOFF_MAX_MS && n-- > 2)
		d *= 2;
	return d < BACKOFF_MAX_MS ? d : BACKOFF_MAX_MS;
}

/* A slot's next delay: a worker that lived long enough starts the count
 * of quick ends again. */
static long long
backoff(struct slot *s, long long lived)
{
	if (lived >= HEALTHY_MS)
		s->fails = 0;
	return supervise_backoff(++s->fails);
}

static void
say_status(struct sv *sv, const char *state)
{
	sd_notifyf(0, "%sSTATUS=%s %d worker%s (%s)", state,
	    sv->stopping ? "Stopping" : "Serving with", sv->n,
	    sv->n == 1 ? "" : "s", sv->app->cfg->db_path);
}

static void	try_reload(struct sv *);

/* The trial worker of a reload is up: its app becomes the current one. */
static void
commit(struct sv *sv)
{
	int	 i, n;

	n = sv->cand.cfg->workers;
	sv->rl->release(sv->rl->arg, sv->app);
	*sv->app = sv->cand;
	memset(&sv->cand, 0, sizeof(sv->cand));
	sv->gen++;
	sv->trying = 0;
	for (i = n; i < sv->n; i++) {
		retire(sv, &sv->s[i].w);
		retire(sv, &sv->s[i].next);
	}
	for (i = sv->n; i < n; i++)	/* retire() left them clear */
		sv->s[i].fails = 0;
	sv->n = n;
	retire(sv, &sv->s[0].w);
	sv->s[0].w = sv->s[0].next;
	proc_clear(&sv->s[0].next);
	log_info("reload: a worker of the new configuration is up; replacing "
	    "the others one at a time");
	if (sv->hup) {
		sv->hup = 0;
		try_reload(sv);
	}
}

/* The trial worker is gone before it was ready (said why): keep
 * everything as it was. */
static void
abandon(struct sv *sv)
{
	sv->rl->release(sv->rl->arg, &sv->cand);
	memset(&sv->cand, 0, sizeof(sv->cand));
	sv->trying = 0;
	sv->reloading = 0;
	say_status(sv, "READY=1\n");
	if (sv->hup) {
		sv->hup = 0;
		try_reload(sv);
	}
}

/* SIGHUP: load the next app and try it on one worker. */
static void
try_reload(struct sv *sv)
{
	struct slot	*s0 = &sv->s[0];
	int		 rc;

	if (sv->rl == NULL) {
		log_warn("SIGHUP: this server has nothing to reload");
		return;
	}
	if (sv->trying) {
		sv->hup = 1;
		return;
	}
	log_info("SIGHUP: reading the configuration and templates again");
	sd_notify(0, "RELOADING=1\nSTATUS=Reloading");
	sv->reloading = 1;
	memset(&sv->cand, 0, sizeof(sv->cand));
	rc = sv->rl->load(sv->rl->arg, &sv->cand);
	if (rc == 0 && (sv->cand.cfg->workers < 1 ||
	    sv->cand.cfg->workers > MAX_WORKERS)) {
		log_err("reload: workers must be 1..%d", MAX_WORKERS);
		sv->rl->release(sv->rl->arg, &sv->cand);
		rc = -1;
	}
	if (rc == -1) {
		log_err("reload failed; the workers keep serving as before");
		sv->reloading = 0;
		say_status(sv, "READY=1\n");
		return;
	}
	/* Slot 0 may be half-way through an earlier round: its starting
	 * replacement (not serving yet) makes way for the trial. */
	retire(sv, &s0->next);
	sv->trying = 1;
	if (spawn(sv, &s0->next, &sv->cand, sv->gen + 1) == -1) {
		log_err("reload: the new worker could not be started; the old "
		    "workers keep serving as before");
		abandon(sv);
	}
}

/* A worker reported ready. */
static void
on_ready(struct sv *sv, struct slot *s, struct proc *p)
{
	char	 c;
	ssize_t	 r;

	r = read(p->ready_fd, &c, 1);
	close(p->ready_fd);
	p->ready_fd = -1;
	if (r != 1)
		return;		/* it ended; SIGCHLD tells the rest */
	p->ready = 1;
	if (p != &s->next || sv->stopping)
		return;
	if (sv->trying && s == &sv->s[0] && p->gen != sv->gen) {
		commit(sv);
		return;
	}
	retire(sv, &s->w);
	s->w = s->next;
	proc_clear(&s->next);
}

/* The worker pid ended with status: forget it, or restart its slot. */
static void
on_death(struct sv *sv, pid_t pid, int status)
{
	struct slot	*s = NULL;
	struct proc	*p = NULL;
	long long	 now = now_ms(), lived, delay;
	char		 w[80];
	int		 i, ready;

	for (i = 0; i < sv->nold; i++)
		if (sv->old[i] == pid) {
			sv->old[i] = sv->old[--sv->nold];
			return;
		}
	for (i = 0; i < sv->n && p == NULL; i++) {
		s = &sv->s[i];
		if (s->w.pid == pid)
			p = &s->w;
		else if (s->next.pid == pid)
			p = &s->next;
	}
	if (p == NULL)
		return;
	snprintf(w, sizeof(w), "%s %d%s", WIFSIGNALED(status) ? "signal" :
	    "status", WIFSIGNALED(status) ? WTERMSIG(status) :
	    WEXITSTATUS(status), WIFSIGNALED(status) && WTERMSIG(status) ==
	    SIGSYS ? ", a system call the sandbox refuses" : "");
	lived = now - p->born;
	ready = p->ready;
	if (p->ready_fd != -1)
		close(p->ready_fd);
	proc_clear(p);
	if (sv->stopping)
		return;
	if (sv->trying && s == &sv->s[0] && p == &s->next) {
		log_err("reload: the new worker %d ended (%s) before it was "
		    "ready; the old workers keep serving as before", (int)pid,
		    w);
		abandon(sv);
		return;
	}
	delay = backoff(s, lived);
	s->due = now + delay;
	if (delay == 0)
		log_warn("worker %d ended (%s) after %.1f s%s; restarting now",
		    (int)pid, w, lived / 1000.0,
		    ready ? "" : " before it was ready");
	else
		log_warn("worker %d ended (%s) after %.1f s%s; %d quick ends "
		    "in a row; restarting in %.1f s", (int)pid, w,
		    lived / 1000.0, ready ? "" : " before it was ready",
		    s->fails, delay / 1000.0);
}

static void
reap(struct sv *sv)
{
	pid_t	 pid;
	int	 status;

	while ((pid = waitpid(-1, &status, WNOHANG)) > 0)
		on_death(sv, pid, status);
}

/* Starts what is due: a worker for an empty slot, and the next step of a
 * round of replacements (one new worker at a time, replacing the first
 * slot whose worker runs an older app). */
static void
start_due(struct sv *sv, long long now)
{
	struct slot	*s;
	int		 i, busy = 0, stale = 0;

	for (i = 0; i < sv->n; i++) {
		s = &sv->s[i];
		if (s->w.pid == 0 && s->next.pid == 0 && s->due <= now &&
		    spawn(sv, &s->w, sv->app, sv->gen) == -1)
			s->due = now + backoff(s, 0);
		if (s->next.pid != 0)
			busy = 1;
	}
	for (i = 0; i < sv->n; i++) {
		s = &sv->s[i];
		if (s->w.pid == 0 || s->w.gen == sv->gen)
			continue;
		stale = 1;
		if (busy || !s->w.ready || s->due > now || sv->nold == MAX_OLD)
			continue;
		if (spawn(sv, &s->next, sv->app, sv->gen) == -1)
			s->due = now + backoff(s, 0);
		busy = 1;
	}
	if (sv->reloading && !sv->trying && !busy && !stale) {
		sv->reloading = 0;
		log_info("reload: done; %d workers of the new configuration",
		    sv->n);
		say_status(sv, "READY=1\n");
	}
}

/* READY=1 once every slot has had a worker up. */
static void
announce(struct sv *sv)
{
	int	 i;

	if (sv->announced)
		return;
	for (i = 0; i < sv->n; i++)
		if (!sv->s[i].w.ready)
			return;
	sv->announced = 1;
	log_info("serving %s with %d workers", sv->app->cfg->db_path, sv->n);
	say_status(sv, "READY=1\n");
}

/* SIGTERM, SIGINT (or a failure, said why): stop accepting, let each
 * worker finish its request. */
static void
begin_stop(struct sv *sv, const char *why)
{
	int	 i;

	if (sv->stopping)
		return;
	sv->stopping = 1;
	sv->stop_by = now_ms() + GRACE_MS;
	say_status(sv, "STOPPING=1\n");
	log_info("%s: stopping; requests in flight have %d s to finish",
	    why, GRACE_MS / 1000);
	/* No new connection reaches the path; the queue dies with the
	 * last worker. */
	if (sv->sock[0] != '\0')
		unlink(sv->sock);
	for (i = 0; i < sv->n; i++) {
		retire(sv, &sv->s[i].w);
		retire(sv, &sv->s[i].next);
	}
	if (sv->trying) {
		sv->rl->release(sv->rl->arg, &sv->cand);
		memset(&sv->cand, 0, sizeof(sv->cand));
		sv->trying = 0;
	}
}

/* Reads the signals that came. 0, or -1 (logged). */
static int
on_signals(struct sv *sv)
{
	struct signalfd_siginfo	 si;
	ssize_t			 r;

	while ((r = read(sv->sigfd, &si, sizeof(si))) == sizeof(si)) {
		switch (si.ssi_signo) {
		case SIGCHLD:
			reap(sv);
			break;
		case SIGHUP:
			if (!sv->stopping)
				try_reload(sv);
			break;
		default:
			begin_stop(sv, strsignal((int)si.ssi_signo));
			break;
		}
	}
	if (r == -1 && errno != EAGAIN && errno != EINTR) {
		log_err("%s: %s", __func__, strerror(errno));
		return -1;
	}
	return 0;
}

/* How long poll() may sleep: until the next start a back-off put off,
 * or the end of the grace period. -1: until something happens. */
static int
timeout(const struct sv *sv, long long now)
{
	long long	 t = -1, d;
	int		 i;

	if (sv->stopping && !sv->killed)
		t = sv->stop_by > now ? sv->stop_by - now : 0;
	for (i = 0; i < sv->n && !sv->stopping; i++) {
		if (sv->s[i].due <= now)
			continue;
		d = sv->s[i].due - now;
		if (t == -1 || d < t)
			t = d;
	}
	return t > 60000 ? 60000 : (int)t;
}

static int
children(const struct sv *sv)
{
	int	 i, k = sv->nold;

	for (i = 0; i < sv->n; i++)
		k += (sv->s[i].w.pid != 0) + (sv->s[i].next.pid != 0);
	return k;
}

/* Past the grace period: the workers still running are killed. */
static void
kill_late(struct sv *sv)
{
	int	 i;

	log_warn("%d worker%s did not finish within %d s; killing", sv->nold,
	    sv->nold == 1 ? "" : "s", GRACE_MS / 1000);
	for (i = 0; i < sv->nold; i++)
		kill(sv->old[i], SIGKILL);
	sv->killed = 1;
}

/* One turn of the loop: wait for a signal, a ready pipe or a deadline. */
static int
turn(struct sv *sv)
{
	struct pollfd	 pfd[1 + 2 * MAX_WORKERS];
	struct slot	*ps[1 + 2 * MAX_WORKERS];
	struct proc	*pp[1 + 2 * MAX_WORKERS];
	struct proc	*p;
	int		 i, j, k = 1;

	pfd[0].fd = sv->sigfd;
	pfd[0].events = POLLIN;
	for (i = 0; i < sv->n; i++)
		for (j = 0; j < 2; j++) {
			p = j == 0 ? &sv->s[i].w : &sv->s[i].next;
			if (p->ready_fd == -1)
				continue;
			pfd[k].fd = p->ready_fd;
			pfd[k].events = POLLIN;
			ps[k] = &sv->s[i];
			pp[k++] = p;
		}
	if (poll(pfd, (nfds_t)k, timeout(sv, now_ms())) == -1) {
		if (errno == EINTR)
			return 0;
		log_err("%s: poll: %s", __func__, strerror(errno));
		return -1;
	}
	/* Ready pipes first: a worker that spoke and then died is seen as
	 * ready before its death is handled. */
	for (i = 1; i < k; i++)
		if (pfd[i].revents != 0 && pp[i]->ready_fd == pfd[i].fd)
			on_ready(sv, ps[i], pp[i]);
	if (pfd[0].revents != 0)
		return on_signals(sv);
	return 0;
}

int
supervise_run(struct app *app, int fd, const struct supervise_reload *rl)
{
	struct sv	 sv;
	sigset_t	 set, saved;
	int		 i, rc = 1;

	memset(&sv, 0, sizeof(sv));
	sv.app = app;
	sv.fd = fd;
	sv.rl = rl;
	sv.n = app->cfg->workers;
	if (sv.n < 1 || sv.n > MAX_WORKERS) {
		log_err("--workers must be 1..%d", MAX_WORKERS);
		return 1;
	}
	if (app->cfg->socket_path != NULL && snprintf(sv.sock, sizeof(sv.sock),
	    "%s", app->cfg->socket_path) >= (int)sizeof(sv.sock))
		sv.sock[0] = '\0';
	for (i = 0; i < MAX_WORKERS; i++) {
		proc_clear(&sv.s[i].w);
		proc_clear(&sv.s[i].next);
	}
	sigemptyset(&set);
	sigaddset(&set, SIGCHLD);
	sigaddset(&set, SIGHUP);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGINT);
	signal(SIGPIPE, SIG_IGN);
	if (sigprocmask(SIG_BLOCK, &set, &saved) == -1 ||
	    (sv.sigfd = signalfd(-1, &set, SFD_NONBLOCK | SFD_CLOEXEC)) == -1) {
		log_err("%s: signals: %s", __func__, strerror(errno));
		return 1;
	}
	for (;;) {
		if (!sv.stopping) {
			start_due(&sv, now_ms());
			announce(&sv);
		}
		if (sv.stopping && children(&sv) == 0) {
			rc = 0;
			break;
		}
		if (sv.stopping && !sv.killed && now_ms() >= sv.stop_by)
			kill_late(&sv);
		if (turn(&sv) == -1)
			break;
	}
	if (rc != 0) {
		/* The supervisor failed: the workers go down with it. */
		begin_stop(&sv, "the supervisor failed");
		while (wait(NULL) > 0)
			;
	}
	close(sv.sigfd);
	sigprocmask(SIG_SETMASK, &saved, NULL);
	if (sv.sock[0] != '\0')
		unlink(sv.sock);
	log_info("stopped");
	return rc;
}
