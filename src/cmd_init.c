/*
 * cmd_init: quire init [--config FILE] [--db FILE] [--demo] [--base-url URL]:
 * creates or migrates a database, loads the demo, sets the site's public
 * address. The database is --db, else the configuration file's.
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "arena.h"
#include "cfgfile.h"
#include "cmd.h"
#include "db.h"
#include "db_migrate.h"
#include "db_setting.h"
#include "setting.h"

int
cmd_init(int argc, char *argv[])
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "demo", no_argument, NULL, 'D' },
		{ "base-url", required_argument, NULL, 'b' },
		{ "config", required_argument, NULL, 'c' },
		{ NULL, 0, NULL, 0 },
	};
	const char		*path, *base = NULL, *why;
	struct cfgfile_src	 src;
	struct config		 cfg;
	struct db		*db;
	struct arena	 a;
	struct settings	 s;
	int		 c, demo = 0, rc = 1;

	memset(&src, 0, sizeof(src));
	src.out = stderr;
	src.need_db = 1;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'c': src.path = optarg; break;
		case 'd': src.flag[CFG_DATABASE] = optarg; break;
		case 'D': demo = 1; break;
		case 'b': base = optarg; break;
		default: return cmd_usage();
		}
	}
	if (optind != argc)
		return cmd_usage();
	if (base != NULL && (why = setting_check(SET_BASE_URL, base)) != NULL) {
		fprintf(stderr, "quire: --base-url %s: %s\n", base, why);
		return 2;
	}
	if (cfgfile_build(&cfg, &src) == -1)
		return 1;
	path = cfg.db_path;
	if ((db = db_open(path, DB_CREATE)) == NULL) {
		config_free(&cfg);
		return 1;
	}
	arena_init(&a);
	if (db_migrate(db) == -1 || (demo && db_migrate_demo(db) == -1) ||
	    db_prepare(db) == -1 ||
	    (base != NULL && db_setting_put(db, SET_BASE_URL, base) == -1) ||
	    db_setting_load(db, &a, &s) == -1)
		goto out;
	printf("%s: schema version %d%s\n", path, db_migrate_version(),
	    demo ? ", demo content loaded" : "");
	if (*s.v[SET_BASE_URL] == '\0' && cfg.base_url == NULL)
		fprintf(stderr, "quire: %s: no base URL yet; quire serve needs "
		    "one: quire init --db %s --base-url https://your.site\n",
		    path, path);
	rc = 0;
out:
	arena_free(&a);
	db_close(db);
	config_free(&cfg);
	return rc;
}
