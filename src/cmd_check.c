/*
 * cmd_check: quire check [--config FILE] [--db FILE] [--templates DIR]:
 * what quire serve would refuse, found before it is started: the
 * configuration, the templates, and the database (integrity, schema
 * version, every stored setting), opened read-only. Each problem on its
 * own line on stderr; status 1 if there was any, else 0 and one line "ok".
 * quire check --keys lists the configuration's keys (src/cfgfile.c);
 * quire check --sandbox shows that a worker's seccomp filter stops execve.
 */
#include <getopt.h>
#include <grp.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "arena.h"
#include "cfgfile.h"
#include "cmd.h"
#include "config.h"
#include "db.h"
#include "db_check.h"
#include "db_migrate.h"
#include "sandbox.h"
#include "setting.h"

/* The table of keys, a line each: key, flag, default, help. */
static int
keys(void)
{
	const struct cfg_def	*d;
	int			 k;

	for (k = 0; k < CFG__MAX; k++) {
		d = cfgfile_def(k);
		printf("%s\t--%s %s\t%s\t%s\n", d->key, d->flag, d->arg,
		    d->def, d->help);
	}
	return 0;
}

/* What the file cannot say about itself: do the user and group exist? */
static int
check_ids(const struct config *cfg)
{
	int	 bad = 0;

	if (cfg->user != NULL && getpwnam(cfg->user) == NULL) {
		fprintf(stderr, "user: no such user \"%s\"\n", cfg->user);
		bad++;
	}
	if (cfg->group != NULL && getgrnam(cfg->group) == NULL) {
		fprintf(stderr, "group: no such group \"%s\"\n", cfg->group);
		bad++;
	}
	return bad;
}

/* The templates compile, as quire serve compiles them (each error is
 * logged with its file and line). */
static int
check_templates(const struct config *cfg)
{
	struct app	 app;
	int		 bad;

	bad = app_init(&app, cfg) == -1;
	app_free(&app);
	if (bad)
		fprintf(stderr, "templates (%s): do not compile\n",
		    cfg->templates_dir != NULL ? cfg->templates_dir :
		    "built in");
	return bad;
}

/* Every stored setting by the settings table's rules; a required one
 * with no row has its default, which must pass too. */
static int
check_settings(struct db *db, struct arena *a, const struct config *cfg)
{
	struct settings		 s;
	struct db_check_kv	*rows;
	const struct setting_def *d;
	const char		*why;
	size_t			 n, i;
	int			 k, bad = 0;

	if (db_check_settings(db, a, &rows, &n, &why) == -1) {
		fprintf(stderr, "%s: settings: %s\n", cfg->db_path, why);
		return 1;
	}
	setting_defaults(&s);
	for (i = 0; i < n; i++) {
		for (k = 0; k < SET__MAX; k++)
			if (strcmp(rows[i].key, setting_def(k)->key) == 0)
				break;
		if (k == SET__MAX) {
			fprintf(stderr, "%s: setting \"%s\": not a setting of "
			    "this quire\n", cfg->db_path, rows[i].key);
			bad++;
			continue;
		}
		s.v[k] = rows[i].value;
	}
	for (k = 0; k < SET__MAX; k++) {
		d = setting_def(k);
		if (d->kind == SK_INTERNAL) {
			why = strspn(s.v[k], "0123456789") == strlen(s.v[k]) &&
			    *s.v[k] != '\0' ? NULL : "not a number";
		} else if (k == SET_BASE_URL && cfg->base_url != NULL)
			continue;	/* the configuration's wins */
		else
			why = setting_check(k, s.v[k]);
		if (why == NULL)
			continue;
		if (k == SET_BASE_URL && *s.v[k] == '\0')
			fprintf(stderr, "%s: setting \"base_url\": not set: "
			    "quire init --base-url URL, or base_url in the "
			    "configuration\n", cfg->db_path);
		else
			fprintf(stderr, "%s: setting \"%s\" (\"%.60s\"): %s\n",
			    cfg->db_path, d->key, s.v[k], why);
		bad++;
	}
	return bad;
}

/* The database: integrity, then version, then settings. *version is
 * what it holds (-1 unknown). The number of problems. */
static int
check_db(const struct config *cfg, int *version)
{
	struct db	 *db;
	struct arena	  a;
	const char	**lines, *why;
	size_t		  n, i;
	int		  bad = 0, want = db_migrate_version();

	*version = -1;
	arena_init(&a);
	if ((db = db_check_open(cfg->db_path, &a, &why)) == NULL) {
		fprintf(stderr, "%s: %s\n", cfg->db_path, why);
		bad = 1;
		goto out;
	}
	if (db_check_integrity(db, &a, &lines, &n, &why) == -1) {
		fprintf(stderr, "%s: integrity: %s\n", cfg->db_path, why);
		bad = 1;
		goto out;
	}
	for (i = 0; i < n; i++)
		fprintf(stderr, "%s: integrity: %s\n", cfg->db_path, lines[i]);
	if ((bad = (int)n) > 0)
		goto out;
	if (db_check_version(db, &a, version, &why) == -1) {
		fprintf(stderr, "%s: schema version: %s\n", cfg->db_path, why);
		bad = 1;
		goto out;
	}
	if (*version == 0) {
		fprintf(stderr, "%s: schema version 0: not a quire database "
		    "(quire init --db %s makes one)\n", cfg->db_path,
		    cfg->db_path);
		bad = 1;
	} else if (*version > want) {
		fprintf(stderr, "%s: schema version %d is newer than this "
		    "quire's (%d): run the quire that wrote it\n",
		    cfg->db_path, *version, want);
		bad = 1;
	} else {
		if (*version < want)
			printf("%s: schema version %d; the next quire serve "
			    "or quire init migrates it to %d\n", cfg->db_path,
			    *version, want);
		bad = check_settings(db, &a, cfg);
	}
out:
	db_close(db);
	arena_free(&a);
	return bad;
}

int
cmd_check(int argc, char *argv[])
{
	static const struct option opts[] = {
		{ "config", required_argument, NULL, 'c' },
		{ "db", required_argument, NULL, 'd' },
		{ "templates", required_argument, NULL, 't' },
		{ "keys", no_argument, NULL, 'k' },
		{ "sandbox", no_argument, NULL, 's' },
		{ NULL, 0, NULL, 0 },
	};
	struct cfgfile_src	 src;
	struct config		 cfg;
	int			 c, bad, version, list = 0;

	memset(&src, 0, sizeof(src));
	src.out = stderr;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'c': src.path = optarg; break;
		case 'd': src.flag[CFG_DATABASE] = optarg; break;
		case 't': src.flag[CFG_TEMPLATES] = optarg; break;
		case 'k': list = 1; break;
		case 's': list = 2; break;
		default: return cmd_usage();
		}
	}
	if (optind != argc)
		return cmd_usage();
	if (list == 2)
		return sandbox_selftest(stdout) == 0 ? 0 : 1;
	if (list)
		return keys();
	if (cfgfile_build(&cfg, &src) == -1)
		return 1;
	bad = check_ids(&cfg) + check_templates(&cfg);
	if (cfg.db_path == NULL) {
		fprintf(stderr, "no database: give --db FILE, or database = "
		    "FILE in %s\n", cfg.file != NULL ? cfg.file : CFGFILE_PATH);
		bad++;
	} else
		bad += check_db(&cfg, &version);
	if (bad == 0)
		printf("ok: %s; templates %s; %s, schema version %d\n",
		    cfg.file != NULL ? cfg.file : "no configuration file",
		    cfg.templates_dir != NULL ? cfg.templates_dir : "built in",
		    cfg.db_path, version);
	config_free(&cfg);
	return bad == 0 ? 0 : 1;
}
