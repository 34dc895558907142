/*
 * sandbox: the seccomp filter a worker puts on itself once it has opened
 * what it needs (worker.c), and the SIGSYS handler that says which call it
 * refused. The allow list was found by running the end-to-end suites under
 * the filter and strace -f -c (docs/SECURITY.md, "Sandbox").
 */
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>

#include <netinet/in.h>
#include <netinet/tcp.h>

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <seccomp.h>

#include "log.h"
#include "sandbox.h"

/* si_code of a SIGSYS from a seccomp filter (SYS_SECCOMP in the kernel's
 * asm-generic/siginfo.h; glibc 2.36 does not show it). */
#define TRAP_CODE	1

/*
 * What serving calls: reading and writing files and the connection
 * (SQLite: pread/pwrite, fcntl locks, fsync, mmap of the -shm file, its
 * journals made and unlinked; the import and export: temporary folders and
 * files), memory, the accept loop's signals and waits, time and
 * randomness (libsodium). Not here, so refused: exec, fork and clone,
 * ptrace, socket, connect and bind, passing descriptors (sendmsg), pipes,
 * mount, setuid and the like, kill of another process; ioctl but for
 * TCGETS (isatty) and FIONREAD; socket options but TCP_NODELAY (libfcgi
 * sets it on each TCP connection it accepts). A name this architecture
 * lacks is skipped.
 */
static const char *const allowed[] = {
	/* files and the connection */
	"read", "write", "readv", "writev", "pread64", "pwrite64", "preadv",
	"pwritev", "lseek", "close", "open", "openat",
	"fstat", "stat", "lstat", "newfstatat", "statx", "fstatfs", "statfs",
	"fcntl", "flock", "fsync", "fdatasync", "ftruncate", "fallocate",
	"unlink", "unlinkat", "rename", "renameat", "renameat2", "mkdir",
	"mkdirat", "rmdir", "getdents64", "access", "faccessat", "faccessat2",
	"readlink", "readlinkat", "getcwd", "chmod", "fchmod", "fchmodat",
	"fchown", "utimensat", "dup", "dup2", "dup3",
	"accept", "accept4", "shutdown", "recvfrom", "sendto",
	"getsockname", "getpeername", "poll", "ppoll", "select", "pselect6",
	"epoll_pwait", "epoll_wait",
	/* memory */
	"brk", "mmap", "munmap", "mremap", "mprotect", "madvise",
	/* signals, time, waiting, identity */
	"rt_sigaction", "rt_sigprocmask", "rt_sigreturn", "sigaltstack",
	"rt_sigpending", "rt_sigsuspend",
	"clock_gettime", "clock_getres", "gettimeofday", "time", "nanosleep",
	"clock_nanosleep", "futex", "sched_yield", "getrandom",
	"getpid", "gettid", "getppid", "getuid", "geteuid", "getgid",
	"getegid", "getrlimit", "prlimit64",
	"exit", "exit_group", "restart_syscall",
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_UNDEFINED__)
	/* The sanitizers' runtime, reporting an error (the report goes to
	 * stderr; a worker ends with _exit(), so LeakSanitizer's at-exit
	 * scan, which would clone and ptrace, never runs in one). */
	"sched_getaffinity", "getpriority",
#endif
};

/* Names of the calls an intruder would try first, for the log line
 * (libseccomp's resolver allocates: not for a signal handler). */
static const struct {
	int		 nr;
	const char	*name;
} known[] = {
	{ SYS_execve, "execve" },
	{ SYS_execveat, "execveat" },
#ifdef SYS_fork
	{ SYS_fork, "fork" },
	{ SYS_vfork, "vfork" },
#endif
	{ SYS_clone, "clone" },
	{ SYS_ptrace, "ptrace" },
	{ SYS_socket, "socket" },
	{ SYS_connect, "connect" },
	{ SYS_bind, "bind" },
	{ SYS_kill, "kill" },
	{ SYS_setuid, "setuid" },
	{ SYS_mount, "mount" },
	{ SYS_ioctl, "ioctl" },
	{ SYS_sendmsg, "sendmsg" },
	{ SYS_pipe2, "pipe2" },
	{ SYS_setsockopt, "setsockopt" },
};

/* Appends s; leaves room for the newline. */
static void
put(char *b, size_t *n, size_t cap, const char *s)
{
	for (; *s != '\0' && *n + 1 < cap; s++)
		b[(*n)++] = *s;
}

/* Appends v in decimal, at least w digits. */
static void
put_num(char *b, size_t *n, size_t cap, long long v, int w)
{
	char	 d[24];
	int	 i = 0;

	if (v < 0) {
		put(b, n, cap, "-");
		v = -v;
	}
	do {
		d[i++] = (char)('0' + v % 10);
		v /= 10;
	} while (v > 0 && i < (int)sizeof(d));
	while (i < w && i < (int)sizeof(d))
		d[i++] = '0';
	while (i > 0 && *n + 1 < cap)
		b[(*n)++] = d[--i];
}

/* The date and time of log.c's lines, from Unix seconds (days to a civil
 * date by H. Hinnant's method: gmtime_r is not async-signal-safe). */
static void
put_time(char *b, size_t *n, size_t cap, long long t)
{
	long long	 z = t / 86400 + 719468, era, doe, yoe, doy, mp, s;
	long long	 y, m, d;

	s = t % 86400;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	d = doy - (153 * mp + 2) / 5 + 1;
	m = mp < 10 ? mp + 3 : mp - 9;
	y = yoe + era * 400 + (m <= 2);
	put_num(b, n, cap, y, 4);
	put(b, n, cap, "-");
	put_num(b, n, cap, m, 2);
	put(b, n, cap, "-");
	put_num(b, n, cap, d, 2);
	put(b, n, cap, "T");
	put_num(b, n, cap, s / 3600, 2);
	put(b, n, cap, ":");
	put_num(b, n, cap, s / 60 % 60, 2);
	put(b, n, cap, ":");
	put_num(b, n, cap, s % 60, 2);
	put(b, n, cap, "Z");
}

/*
 * SIGSYS from the filter: one line in log.c's form, then death by the same
 * signal (SA_RESETHAND made it the default again), so the supervisor sees
 * how the worker ended. Only calls the filter allows.
 */
static void
on_sigsys(int sig, siginfo_t *si, void *uc)
{
	char		 line[256];
	const char	*name = "see scmp_sys_resolver";
	struct timespec	 ts;
	size_t		 n = 0, i;
	ssize_t		 w;

	(void)uc;
	if (si->si_code != TRAP_CODE)	/* sent by someone: no call to name */
		goto die;
	for (i = 0; i < sizeof(known) / sizeof(known[0]); i++)
		if (known[i].nr == si->si_syscall)
			name = known[i].name;
	if (clock_gettime(CLOCK_REALTIME, &ts) == -1)
		ts.tv_sec = 0;
	put_time(line, &n, sizeof(line), ts.tv_sec);
	put(line, &n, sizeof(line), " error - - sandbox: system call ");
	put_num(line, &n, sizeof(line), si->si_syscall, 1);
	put(line, &n, sizeof(line), " (");
	put(line, &n, sizeof(line), name);
	put(line, &n, sizeof(line), ") refused; process ");
	put_num(line, &n, sizeof(line), getpid(), 1);
	put(line, &n, sizeof(line), " stops");
	line[n++] = '\n';
	w = write(STDERR_FILENO, line, n);
	(void)w;
die:
	kill(getpid(), sig);
	_exit(128 + sig);
}

int
sandbox_enter(void)
{
	struct sigaction	 sa;
	scmp_filter_ctx		 ctx;
	struct scmp_arg_cmp	 self[2] = {
		{ 0, SCMP_CMP_EQ, (scmp_datum_t)getpid(), 0 },
		{ 1, SCMP_CMP_EQ, SIGSYS, 0 },
	}, tcgets = { 1, SCMP_CMP_EQ, TCGETS, 0 },
	    fionread = { 1, SCMP_CMP_EQ, FIONREAD, 0 }, nodelay[2] = {
		{ 1, SCMP_CMP_EQ, IPPROTO_TCP, 0 },
		{ 2, SCMP_CMP_EQ, TCP_NODELAY, 0 },
	};
	size_t			 i;
	int			 nr, rc = -1, e;

	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = on_sigsys;
	sa.sa_flags = SA_SIGINFO | SA_RESETHAND | SA_NODEFER;
	sigemptyset(&sa.sa_mask);
	if (sigaction(SIGSYS, &sa, NULL) == -1) {
		log_err("%s: sigaction: %s", __func__, strerror(errno));
		return -1;
	}
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) == -1) {
		log_err("%s: no_new_privs: %s", __func__, strerror(errno));
		return -1;
	}
	if ((ctx = seccomp_init(SCMP_ACT_TRAP)) == NULL) {
		log_err("%s: seccomp_init failed", __func__);
		return -1;
	}
	for (i = 0; i < sizeof(allowed) / sizeof(allowed[0]); i++) {
		if ((nr = seccomp_syscall_resolve_name(allowed[i])) ==
		    __NR_SCMP_ERROR)
			continue;
		if ((e = seccomp_rule_add(ctx, SCMP_ACT_ALLOW, nr, 0)) != 0) {
			log_err("%s: allowing %s: %s", __func__, allowed[i],
			    strerror(-e));
			goto out;
		}
	}
	/* The handler's own death: SIGSYS to itself, nothing else. */
	if ((e = seccomp_rule_add_array(ctx, SCMP_ACT_ALLOW, SCMP_SYS(kill), 2,
	    self)) != 0) {
		log_err("%s: allowing kill: %s", __func__, strerror(-e));
		goto out;
	}
	/* stdio asks whether stderr is a terminal; nothing else may. */
	if ((e = seccomp_rule_add_array(ctx, SCMP_ACT_ALLOW, SCMP_SYS(ioctl), 1,
	    &tcgets)) != 0 || (e = seccomp_rule_add_array(ctx, SCMP_ACT_ALLOW,
	    SCMP_SYS(ioctl), 1, &fionread)) != 0) {
		log_err("%s: allowing ioctl: %s", __func__, strerror(-e));
		goto out;
	}
	if ((e = seccomp_rule_add_array(ctx, SCMP_ACT_ALLOW,
	    SCMP_SYS(setsockopt), 2, nodelay)) != 0) {
		log_err("%s: allowing setsockopt: %s", __func__, strerror(-e));
		goto out;
	}
	if ((e = seccomp_load(ctx)) != 0) {
		log_err("%s: seccomp_load: %s", __func__, strerror(-e));
		goto out;
	}
	rc = 0;
out:
	seccomp_release(ctx);
	return rc;
}

int
sandbox_selftest(FILE *out)
{
	char *const	 argv[] = { "true", NULL }, *const envp[] = { NULL };
	pid_t		 pid;
	int		 status;

	fflush(NULL);
	if ((pid = fork()) == -1) {
		fprintf(out, "sandbox: fork: %s\n", strerror(errno));
		return -1;
	}
	if (pid == 0) {
		if (sandbox_enter() == -1)
			_exit(2);
		execve("/bin/true", argv, envp);
		_exit(3);
	}
	while (waitpid(pid, &status, 0) == -1)
		if (errno != EINTR) {
			fprintf(out, "sandbox: waitpid: %s\n", strerror(errno));
			return -1;
		}
	if (WIFSIGNALED(status) && WTERMSIG(status) == SIGSYS) {
		fprintf(out, "sandbox: ok: execve was stopped by the filter "
		    "(SIGSYS)\n");
		return 0;
	}
	if (WIFEXITED(status) && WEXITSTATUS(status) == 2)
		fprintf(out, "sandbox: the filter could not be set up (see "
		    "the line above)\n");
	else if (WIFEXITED(status))
		fprintf(out, "sandbox: execve was not stopped (the child "
		    "exited with %d)\n", WEXITSTATUS(status));
	else
		fprintf(out, "sandbox: the child died by signal %d, not by "
		    "the filter\n", WTERMSIG(status));
	return -1;
}
