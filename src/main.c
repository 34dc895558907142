/*
 * main: the command line. quire init | serve | --help | --version, and the
 * CGI mode when a web server runs the binary with GATEWAY_INTERFACE set.
 * Start-up order: config, log, database (migrate), templates, socket,
 * privileges, serve.
 */
#include <errno.h>
#include <getopt.h>
#include <termios.h>
#include <time.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app.h"
#include "auth.h"
#include "clock.h"
#include "db.h"
#include "log.h"
#include "req.h"
#include "server.h"
#include "version.h"


static const char usage_text[] =
"usage: quire init --db FILE [--demo]\n"
"       quire user add LOGIN [--name NAME] --db FILE\n"
"       quire user passwd LOGIN --db FILE\n"
"       quire user list --db FILE\n"
"       quire user del LOGIN --db FILE\n"
"       quire serve --db FILE [--socket PATH | --listen HOST:PORT]\n"
"                   [--workers N] [--templates DIR] [--user USER]\n"
"                   [--socket-mode MODE] [--max-age SECONDS] [--log-level LEVEL]\n"
"                   [--max-body BYTES] [--trust-proxy ADDR,...] [--session-hours N]\n"
"                   [--clock FILE]\n"
"       quire --help | --version\n"
"\n"
"As a CGI program (GATEWAY_INTERFACE set), quire answers one request from\n"
"the database named by QUIRE_DB (templates: QUIRE_TEMPLATES, else built in).\n"
"With no --socket or --listen, serve uses the socket passed on fd 0\n"
"(spawn-fcgi, systemd). --clock (QUIRE_CLOCK in CGI mode) is for tests: the\n"
"file holds the time in Unix seconds, or +N/-N from the wall clock.\n"
"user add and passwd read the password twice from the\n"
"terminal or, when stdin is not a terminal, one line from stdin.\n";

static int
usage(FILE *f, int status)
{
	fputs(usage_text, f);
	return status;
}

static int
cmd_init(int argc, char *argv[])
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "demo", no_argument, NULL, 'D' },
		{ NULL, 0, NULL, 0 },
	};
	const char	*path = NULL;
	struct db	*db;
	int		 c, demo = 0, rc = 1;

	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'd': path = optarg; break;
		case 'D': demo = 1; break;
		default: return usage(stderr, 2);
		}
	}
	if (path == NULL || optind != argc)
		return usage(stderr, 2);
	if ((db = db_open(path, 1)) == NULL)
		return 1;
	if (db_migrate(db) == -1 || (demo && db_load_demo(db) == -1))
		goto out;
	printf("%s: schema version %d%s\n", path, db_schema_version(),
	    demo ? ", demo content loaded" : "");
	rc = 0;
out:
	db_close(db);
	return rc;
}

/* Reads one line into buf (without its newline); prompt and no echo when
 * fd is a terminal. -1 on end of input or a line too long. */
static int
read_line(FILE *in, int tty, const char *prompt, char *buf, size_t size)
{
	struct termios	 old, quiet;
	size_t		 len;
	int		 rc = -1;

	if (tty) {
		fputs(prompt, stderr);
		tcgetattr(fileno(in), &old);
		quiet = old;
		quiet.c_lflag &= ~(tcflag_t)ECHO;
		tcsetattr(fileno(in), TCSAFLUSH, &quiet);
	}
	if (fgets(buf, (int)size, in) != NULL) {
		len = strlen(buf);
		if (len > 0 && buf[len - 1] == '\n')
			buf[--len] = '\0';
		else if (len == size - 1)
			goto out;	/* longer than any password we take */
		if (len > 0 && buf[len - 1] == '\r')
			buf[--len] = '\0';
		rc = 0;
	}
out:
	if (tty) {
		tcsetattr(fileno(in), TCSAFLUSH, &old);
		fputc('\n', stderr);
	}
	return rc;
}

/* The new password for a user command, checked. -1 (said why) if none. */
static int
new_password(char *pw, size_t size)
{
	char		 again[AUTH_PW_MAX + 2];
	const char	*why;
	int		 tty = isatty(STDIN_FILENO);

	if (read_line(stdin, tty, "Password: ", pw, size) == -1) {
		fprintf(stderr, "quire: no password given\n");
		return -1;
	}
	if (!auth_password_ok(pw, &why)) {
		fprintf(stderr, "quire: %s\n", why);
		return -1;
	}
	if (tty && (read_line(stdin, tty, "Again: ", again, sizeof(again)) == -1 ||
	    strcmp(pw, again) != 0)) {
		fprintf(stderr, "quire: the passwords differ\n");
		return -1;
	}
	return 0;
}

static int
cmd_user(int argc, char *argv[])
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "name", required_argument, NULL, 'n' },
		{ NULL, 0, NULL, 0 },
	};
	const char	*path = NULL, *name = "", *verb, *login = NULL;
	char		 pw[AUTH_PW_MAX + 2], hash[AUTH_HASH_MAX];
	struct db	*db = NULL;
	struct arena	 a;
	struct user	*users;
	size_t		 n, i;
	int		 c, rc = 1, dup, want_login;

	if (argc < 2)
		return usage(stderr, 2);
	verb = argv[1];
	want_login = strcmp(verb, "list") != 0;
	if (strcmp(verb, "add") != 0 && strcmp(verb, "passwd") != 0 &&
	    strcmp(verb, "list") != 0 && strcmp(verb, "del") != 0) {
		fprintf(stderr, "quire: unknown user command \"%s\"\n", verb);
		return usage(stderr, 2);
	}
	argc--, argv++;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'd': path = optarg; break;
		case 'n': name = optarg; break;
		default: return usage(stderr, 2);
		}
	}
	if (want_login && optind < argc)
		login = argv[optind++];
	if (path == NULL || optind != argc || (want_login && login == NULL))
		return usage(stderr, 2);
	if (login != NULL && (*login == '\0' || strlen(login) > 64 ||
	    !req_text_valid(login, strlen(login)) ||
	    strpbrk(login, " \t\r\n") != NULL)) {
		fprintf(stderr, "quire: a login is 1 to 64 characters, no spaces\n");
		return 2;
	}
	if (strlen(name) > 100 || !req_text_valid(name, strlen(name))) {
		fprintf(stderr, "quire: --name: at most 100 characters of text\n");
		return 2;
	}
	if (auth_init() == -1 || (db = db_open(path, 0)) == NULL ||
	    db_migrate(db) == -1 || db_prepare(db) == -1)
		goto out;
	arena_init(&a);
	if (strcmp(verb, "list") == 0) {
		if (db_user_list(db, &a, &users, &n) == 0) {
			for (i = 0; i < n; i++)
				printf("%s\t%s\n", users[i].login,
				    users[i].name);
			rc = 0;
		}
	} else if (strcmp(verb, "del") == 0) {
		if ((c = db_user_del(db, login)) == 0)
			fprintf(stderr, "quire: no user \"%s\"\n", login);
		rc = c == 1 ? 0 : 1;
	} else if (new_password(pw, sizeof(pw)) == 0 &&
	    auth_hash_password(pw, hash) == 0) {
		if (strcmp(verb, "add") == 0) {
			if (db_user_add(db, login, name, hash, (long long)time(NULL),
			    &dup) == 0)
				rc = 0;
			else if (dup)
				fprintf(stderr, "quire: user \"%s\" exists\n",
				    login);
		} else if ((c = db_user_passwd(db, login, hash,
		    (long long)time(NULL))) == 1)
			rc = 0;
		else if (c == 0)
			fprintf(stderr, "quire: no user \"%s\"\n", login);
	}
	arena_free(&a);
out:
	explicit_bzero(pw, sizeof(pw));
	db_close(db);
	return rc;
}

static int
parse_int(const char *s, long min, long max, int base, int *out)
{
	char	*end;
	long	 v;

	v = strtol(s, &end, base);
	if (*s == '\0' || *end != '\0' || v < min || v > max)
		return -1;
	*out = (int)v;
	return 0;
}

static int
cmd_serve(int argc, char *argv[])
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "socket", required_argument, NULL, 's' },
		{ "listen", required_argument, NULL, 'l' },
		{ "workers", required_argument, NULL, 'w' },
		{ "templates", required_argument, NULL, 't' },
		{ "user", required_argument, NULL, 'u' },
		{ "socket-mode", required_argument, NULL, 'm' },
		{ "max-age", required_argument, NULL, 'a' },
		{ "log-level", required_argument, NULL, 'L' },
		{ "max-body", required_argument, NULL, 'b' },
		{ "trust-proxy", required_argument, NULL, 'p' },
		{ "session-hours", required_argument, NULL, 'H' },
		{ "clock", required_argument, NULL, 'C' },
		{ NULL, 0, NULL, 0 },
	};
	struct config	 cfg;
	struct app	 app;
	struct db	*db;
	enum log_level	 lvl;
	const char	*user = NULL;
	long		 ncpu;
	int		 c, fd;

	memset(&cfg, 0, sizeof(cfg));
	ncpu = sysconf(_SC_NPROCESSORS_ONLN);
	cfg.workers = ncpu > 0 && ncpu < 64 ? (int)ncpu : 2;
	cfg.socket_mode = 0660;
	cfg.max_age = 60;
	cfg.max_body = 1024 * 1024;
	cfg.session_hours = 12;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'd': cfg.db_path = optarg; break;
		case 's': cfg.socket_path = optarg; break;
		case 'l': cfg.listen_addr = optarg; break;
		case 't': cfg.templates_dir = optarg; break;
		case 'u': user = optarg; break;
		case 'w':
			if (parse_int(optarg, 1, 256, 10, &cfg.workers) == -1) {
				fprintf(stderr, "quire: --workers: 1..256\n");
				return 2;
			}
			break;
		case 'm':
			if (parse_int(optarg, 0, 0777, 8, &cfg.socket_mode) == -1) {
				fprintf(stderr, "quire: --socket-mode: octal, "
				    "e.g. 0660\n");
				return 2;
			}
			break;
		case 'a':
			if (parse_int(optarg, 0, 31536000, 10,
			    &cfg.max_age) == -1) {
				fprintf(stderr, "quire: --max-age: seconds\n");
				return 2;
			}
			break;
		case 'b':
			if (parse_int(optarg, 1024, 1 << 30, 10, &c) == -1) {
				fprintf(stderr, "quire: --max-body: bytes, 1024 "
				    "or more\n");
				return 2;
			}
			cfg.max_body = c;
			break;
		case 'p': cfg.trust_proxy = optarg; break;
		case 'C': clock_init(optarg); break;
		case 'H':
			if (parse_int(optarg, 1, 24 * 365, 10,
			    &cfg.session_hours) == -1) {
				fprintf(stderr, "quire: --session-hours: 1..8760\n");
				return 2;
			}
			break;
		case 'L':
			if (log_level_parse(optarg, &lvl) == -1) {
				fprintf(stderr, "quire: --log-level: error, "
				    "warn, info or debug\n");
				return 2;
			}
			log_init(lvl);
			break;
		default:
			return usage(stderr, 2);
		}
	}
	if (cfg.db_path == NULL || optind != argc ||
	    (cfg.socket_path != NULL && cfg.listen_addr != NULL))
		return usage(stderr, 2);

	/* Migrate once here, so workers start on the current schema. */
	if ((db = db_open(cfg.db_path, 0)) == NULL)
		return 1;
	if (db_migrate(db) == -1) {
		db_close(db);
		return 1;
	}
	db_close(db);
	if (app_init(&app, &cfg) == -1)
		return 1;
	if ((fd = server_listen(&cfg)) == -1 || server_drop(user) == -1) {
		app_free(&app);
		return 1;
	}
	c = server_run(&app, fd);
	app_free(&app);
	return c;
}

static int
cgi(void)
{
	struct config	 cfg;
	struct app	 app;
	int		 rc;

	memset(&cfg, 0, sizeof(cfg));
	cfg.db_path = getenv("QUIRE_DB");
	cfg.templates_dir = getenv("QUIRE_TEMPLATES");
	clock_init(getenv("QUIRE_CLOCK"));
	cfg.max_age = 60;
	cfg.max_body = 1024 * 1024;
	cfg.session_hours = 12;
	if (cfg.db_path == NULL || *cfg.db_path == '\0') {
		log_err("CGI: QUIRE_DB is not set");
		fputs("Status: 500 Internal Server Error\r\n"
		    "Content-Type: text/plain; charset=utf-8\r\n\r\n"
		    "The site is not configured (QUIRE_DB is not set).\n",
		    stdout);
		return 1;
	}
	if (app_init(&app, &cfg) == -1) {
		fputs("Status: 500 Internal Server Error\r\n"
		    "Content-Type: text/plain; charset=utf-8\r\n\r\n"
		    "The site's templates could not be loaded.\n", stdout);
		app_free(&app);
		return 1;
	}
	rc = server_cgi(&app);
	app_free(&app);
	return rc;
}

int
main(int argc, char *argv[])
{
	const char	*gw = getenv("GATEWAY_INTERFACE");

	if (argc == 1 && gw != NULL && *gw != '\0')
		return cgi();
	if (argc < 2)
		return usage(stderr, 2);
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)
		return usage(stdout, 0);
	if (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "-V") == 0) {
		printf("quire %s (schema %d)\n", QUIRE_VERSION,
		    db_schema_version());
		return 0;
	}
	if (strcmp(argv[1], "init") == 0)
		return cmd_init(argc - 1, argv + 1);
	if (strcmp(argv[1], "serve") == 0)
		return cmd_serve(argc - 1, argv + 1);
	if (strcmp(argv[1], "user") == 0)
		return cmd_user(argc - 1, argv + 1);
	fprintf(stderr, "quire: unknown command \"%s\"\n", argv[1]);
	return usage(stderr, 2);
}
