/*
 * cmd_serve: quire serve. The start-up order is slowcgi's: read the
 * configuration, set the log level, compile the templates (an error names
 * file and line and stops here), bind the socket and hand it to the
 * service user, drop privileges, and only then open and migrate the
 * database, so that nothing the service writes is created as root.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "arena.h"
#include "clock.h"
#include "cmd.h"
#include "config.h"
#include "db.h"
#include "db_migrate.h"
#include "db_setting.h"
#include "listen.h"
#include "log.h"
#include "supervise.h"

/* One integer option: *out, or -1 after saying what was expected. */
static int
int_opt(const char *name, const char *s, long min, long max, int base,
    long *out)
{
	char	*end;
	long	 v;

	v = strtol(s, &end, base);
	if (*s == '\0' || *end != '\0' || v < min || v > max) {
		fprintf(stderr, "quire: --%s: %s %ld to %ld%s\n", name,
		    base == 8 ? "octal," : "a number from", min, max,
		    base == 8 ? " (e.g. 0660)" : "");
		return -1;
	}
	*out = v;
	return 0;
}

/* Fills cfg from the command line. 0, or 2 (said why). */
static int
options(int argc, char *argv[], struct config *cfg)
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "socket", required_argument, NULL, 's' },
		{ "listen", required_argument, NULL, 'l' },
		{ "workers", required_argument, NULL, 'w' },
		{ "templates", required_argument, NULL, 't' },
		{ "user", required_argument, NULL, 'u' },
		{ "group", required_argument, NULL, 'g' },
		{ "socket-mode", required_argument, NULL, 'm' },
		{ "max-age", required_argument, NULL, 'a' },
		{ "log-level", required_argument, NULL, 'L' },
		{ "max-body", required_argument, NULL, 'b' },
		{ "trust-proxy", required_argument, NULL, 'p' },
		{ "session-hours", required_argument, NULL, 'H' },
		{ "clock", required_argument, NULL, 'C' },
		{ "strict-templates", no_argument, NULL, 'S' },
		{ NULL, 0, NULL, 0 },
	};
	enum log_level	 lvl;
	long		 v;
	int		 c;

	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'd': cfg->db_path = optarg; break;
		case 's': cfg->socket_path = optarg; break;
		case 'l': cfg->listen_addr = optarg; break;
		case 't': cfg->templates_dir = optarg; break;
		case 'u': cfg->user = optarg; break;
		case 'g': cfg->group = optarg; break;
		case 'p': cfg->trust_proxy = optarg; break;
		case 'C': clock_init(optarg); break;
		case 'S': cfg->strict_templates = 1; break;
		case 'w':
			if (int_opt("workers", optarg, 1, 256, 10, &v) == -1)
				return 2;
			cfg->workers = (int)v;
			break;
		case 'm':
			if (int_opt("socket-mode", optarg, 0, 0777, 8, &v) == -1)
				return 2;
			cfg->socket_mode = (int)v;
			break;
		case 'a':
			if (int_opt("max-age", optarg, 0, 31536000, 10, &v) == -1)
				return 2;
			cfg->max_age = (int)v;
			break;
		case 'b':
			if (int_opt("max-body", optarg, 1024, 1L << 30, 10,
			    &v) == -1)
				return 2;
			cfg->max_body = v;
			break;
		case 'H':
			if (int_opt("session-hours", optarg, 1, 24 * 365, 10,
			    &v) == -1)
				return 2;
			cfg->session_hours = (int)v;
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
			return cmd_usage();
		}
	}
	if (cfg->db_path == NULL || optind != argc ||
	    (cfg->socket_path != NULL && cfg->listen_addr != NULL))
		return cmd_usage();
	if (cfg->group != NULL && cfg->user == NULL) {
		fprintf(stderr, "quire: --group goes with --user\n");
		return 2;
	}
	return 0;
}

/* The schema brought up to date once, here, so workers start on it; and
 * the site's public address there, since every absolute link and
 * redirect is built from it. */
static int
migrate(const struct config *cfg)
{
	struct db	*db;
	struct arena	 a;
	struct settings	 s;
	const char	*why;
	int		 rc = -1;

	if ((db = db_open(cfg->db_path, 0)) == NULL)
		return -1;
	arena_init(&a);
	if (db_migrate(db) == -1 || db_prepare(db) == -1 ||
	    db_setting_load(db, &a, &s) == -1)
		goto out;
	if ((why = setting_check(SET_BASE_URL, s.v[SET_BASE_URL])) != NULL) {
		log_err("%s: the site's base URL \"%s\": %s Set it with: "
		    "quire init --db %s --base-url https://your.site",
		    cfg->db_path, s.v[SET_BASE_URL], why, cfg->db_path);
		goto out;
	}
	rc = 0;
out:
	arena_free(&a);
	db_close(db);
	return rc;
}

/*
 * SIGHUP (supervise.h): the workers' next state. Today that is the
 * templates, compiled again from cfg->templates_dir (or the built-in
 * copy); a broken one is logged with file and line and -1 keeps the old
 * workers. The site's settings need nothing: a worker reads them from the
 * database for every request.
 */
static int
serve_reload(void *arg, struct app *next)
{
	const struct config	*cfg = arg;

	if (app_init(next, cfg) == -1) {
		app_free(next);
		return -1;
	}
	return 0;
}

/* Frees an app the parent no longer starts workers from. */
static void
serve_release(void *arg, struct app *old)
{
	(void)arg;
	app_free(old);
}

int
cmd_serve(int argc, char *argv[])
{
	struct config	 cfg;
	struct app	 app;
	struct supervise_reload rl = { serve_reload, serve_release, &cfg };
	int		 rc, fd;

	config_defaults(&cfg);
	if ((rc = options(argc, argv, &cfg)) != 0)
		return rc;
	if (app_init(&app, &cfg) == -1) {
		app_free(&app);
		return 1;
	}
	if ((fd = listen_open(&cfg)) == -1 || listen_drop(&cfg) == -1 ||
	    migrate(&cfg) == -1) {
		app_free(&app);
		return 1;
	}
	rc = supervise_run(&app, fd, &rl);
	app_free(&app);
	return rc;
}
