/*
 * supervise: fork, wait, restart. The templates were compiled before the
 * fork, so workers share them copy-on-write.
 */
#include <sys/wait.h>

#include <errno.h>
#include <signal.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "log.h"
#include "supervise.h"
#include "stop.h"
#include "worker.h"

#define MAX_WORKERS	256

static pid_t
spawn(struct app *app, int fd)
{
	pid_t	 pid;

	if ((pid = fork()) == -1) {
		log_err("%s: fork: %s", __func__, strerror(errno));
		return -1;
	}
	if (pid == 0)
		worker_run(app, fd);
	return pid;
}

int
supervise_run(struct app *app, int fd)
{
	pid_t		 pids[MAX_WORKERS], pid;
	time_t		 born[MAX_WORKERS];
	int		 n, i, status, alive = 0;

	n = app->cfg->workers;
	if (n < 1 || n > MAX_WORKERS) {
		log_err("--workers must be 1..%d", MAX_WORKERS);
		return 1;
	}
	if (stop_catch() == -1)
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
	while (!stop_requested()) {
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
		if (stop_requested())
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
	return stop_requested() ? 0 : 1;
}
