/*
 * cmd_serve: quire serve. The start-up order is slowcgi's: read the
 * configuration, set the log level, compile the templates (an error names
 * file and line and stops here), bind the socket and hand it to the
 * service user, drop privileges, and only then open and migrate the
 * database, so that nothing the service writes is created as root.
 */
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "arena.h"
#include "cfgfile.h"
#include "clock.h"
#include "cmd.h"
#include "config.h"
#include "db.h"
#include "db_migrate.h"
#include "db_setting.h"
#include "listen.h"
#include "log.h"
#include "supervise.h"

/* The command line as given, kept so that the configuration can be built
 * again from it (cmd_serve_config()). Strings point into argv. Process
 * configuration, set once by options() before anything forks and read
 * only after: the style's one kind of global. */
static struct {
	struct cfgfile_src	 src;
	int			 strict_templates;
} given;

int
cmd_serve_config(struct config *cfg, FILE *out)
{
	struct cfgfile_src	 src = given.src;

	src.out = out;
	src.need_db = 1;
	if (cfgfile_build(cfg, &src) == -1)
		return -1;
	cfg->strict_templates = given.strict_templates;
	return 0;
}

/* Keeps the command line in given, each key's flag checked by the
 * key's own rule (cfgfile.c). 0, or 2 (said why). */
static int
options(int argc, char *argv[])
{
	enum { OPT_CONFIG = 256, OPT_CLOCK, OPT_STRICT, OPT_NOSANDBOX,
	    OPT_KEY };
	struct option		 opts[CFG__MAX + 5];
	const struct cfg_def	*d;
	const char		*why;
	int			 c, k;

	memset(opts, 0, sizeof(opts));
	for (k = 0; k < CFG__MAX; k++) {
		opts[k].name = cfgfile_def(k)->flag;
		opts[k].has_arg = required_argument;
		opts[k].val = OPT_KEY + k;
	}
	opts[k++] = (struct option){ "config", required_argument, NULL,
	    OPT_CONFIG };
	opts[k++] = (struct option){ "clock", required_argument, NULL,
	    OPT_CLOCK };
	opts[k++] = (struct option){ "strict-templates", no_argument, NULL,
	    OPT_STRICT };
	opts[k++] = (struct option){ "no-sandbox", no_argument, NULL,
	    OPT_NOSANDBOX };
	memset(&given, 0, sizeof(given));
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case OPT_CONFIG: given.src.path = optarg; break;
		case OPT_CLOCK: clock_init(optarg); break;
		case OPT_STRICT: given.strict_templates = 1; break;
		/* --sandbox no, said shorter */
		case OPT_NOSANDBOX: given.src.flag[CFG_SANDBOX] = "no"; break;
		default:
			if (c < OPT_KEY || c >= OPT_KEY + CFG__MAX)
				return cmd_usage();
			d = cfgfile_def(c - OPT_KEY);
			if ((why = cfgfile_check(c - OPT_KEY, optarg)) != NULL) {
				fprintf(stderr, "quire: --%s: %s\n", d->flag,
				    why);
				return 2;
			}
			given.src.flag[c - OPT_KEY] = optarg;
			break;
		}
	}
	if (optind != argc || (given.src.flag[CFG_SOCKET] != NULL &&
	    given.src.flag[CFG_LISTEN] != NULL))
		return cmd_usage();
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
	/* base_url in the configuration wins (checked as it was read). */
	if (cfg->base_url == NULL &&
	    (why = setting_check(SET_BASE_URL, s.v[SET_BASE_URL])) != NULL) {
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

/* A reload's state: the configuration serve started with (on
 * cmd_serve()'s stack; reloaded ones are on the heap). */
struct serve_rl {
	const struct config	*first;
};

static int
same(const char *a, const char *b)
{
	return a == b || (a != NULL && b != NULL && strcmp(a, b) == 0);
}

/* What a reload cannot change while the process runs: where the database
 * and the socket are, and whom the socket and the workers belong to. A
 * file that changes them is warned about and the running values kept. */
static void
keep_fixed(struct config *cfg, const struct config *first)
{
	if (!same(cfg->db_path, first->db_path) ||
	    !same(cfg->socket_path, first->socket_path) ||
	    !same(cfg->listen_addr, first->listen_addr) ||
	    !same(cfg->user, first->user) || !same(cfg->group, first->group) ||
	    cfg->socket_mode != first->socket_mode)
		log_warn("reload: database, socket, listen, socket mode, user "
		    "and group take effect at the next start; kept as they "
		    "are");
	cfg->db_path = first->db_path;
	cfg->socket_path = first->socket_path;
	cfg->listen_addr = first->listen_addr;
	cfg->user = first->user;
	cfg->group = first->group;
	cfg->socket_mode = first->socket_mode;
}

/*
 * SIGHUP (supervise.h): the workers' next state: the configuration built
 * again (cmd_serve_config(): defaults, the file read anew, the same
 * flags) and the templates compiled again from it. A mistake in either is
 * logged with file and line, and -1 keeps the old workers. The site's
 * settings need nothing: a worker reads them for every request.
 */
static int
serve_reload(void *arg, struct app *next)
{
	struct serve_rl	*st = arg;
	struct config	*cfg;

	if ((cfg = calloc(1, sizeof(*cfg))) == NULL) {
		log_err("reload: out of memory");
		return -1;
	}
	if (cmd_serve_config(cfg, NULL) == -1)
		goto fail;
	keep_fixed(cfg, st->first);
	if (app_init(next, cfg) == -1) {
		app_free(next);
		goto fail;
	}
	log_init(cfg->log_level);
	return 0;
fail:
	config_free(cfg);
	free(cfg);
	return -1;
}

/* Frees an app the parent no longer starts workers from, and its
 * configuration unless it is the first. */
static void
serve_release(void *arg, struct app *old)
{
	struct serve_rl		*st = arg;
	struct config		*cfg = (struct config *)old->cfg;

	app_free(old);
	if (cfg != NULL && cfg != st->first) {
		config_free(cfg);
		free(cfg);
	}
}

int
cmd_serve(int argc, char *argv[])
{
	struct config	 cfg;
	struct app	 app;
	struct serve_rl	 st = { &cfg };
	struct supervise_reload rl = { serve_reload, serve_release, &st };
	int		 rc, fd;

	if ((rc = options(argc, argv)) != 0)
		return rc;
	if (cmd_serve_config(&cfg, stderr) == -1)
		return 1;
	log_init(cfg.log_level);
	/* A file size limit (systemd's LimitFSIZE=, ulimit -f) reached by a
	 * save must fail that write (EFBIG: SQLite gives up the transaction,
	 * the author gets a 503), not kill the worker; the workers inherit
	 * this. */
	signal(SIGXFSZ, SIG_IGN);
	rc = 1;
	if (app_init(&app, &cfg) == -1)
		goto out;
	if ((fd = listen_open(&cfg)) == -1 || listen_drop(&cfg) == -1 ||
	    migrate(&cfg) == -1)
		goto out;
	rc = supervise_run(&app, fd, &rl);
	/* After reloads, app is the last one workers ran from. */
	if (app.cfg != &cfg) {
		serve_release(&st, &app);
		goto done;
	}
out:
	app_free(&app);
done:
	config_free(&cfg);
	return rc;
}
