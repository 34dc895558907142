/*
 * cmd_init: quire init --db FILE [--demo] [--base-url URL]: creates or
 * migrates a database, loads the demo, sets the site's public address.
 */
#include <getopt.h>
#include <stdio.h>

#include "arena.h"
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
		{ NULL, 0, NULL, 0 },
	};
	const char	*path = NULL, *base = NULL, *why;
	struct db	*db;
	struct arena	 a;
	struct settings	 s;
	int		 c, demo = 0, rc = 1;

	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'd': path = optarg; break;
		case 'D': demo = 1; break;
		case 'b': base = optarg; break;
		default: return cmd_usage();
		}
	}
	if (path == NULL || optind != argc)
		return cmd_usage();
	if (base != NULL && (why = setting_check(SET_BASE_URL, base)) != NULL) {
		fprintf(stderr, "quire: --base-url %s: %s\n", base, why);
		return 2;
	}
	if ((db = db_open(path, 1)) == NULL)
		return 1;
	arena_init(&a);
	if (db_migrate(db) == -1 || (demo && db_migrate_demo(db) == -1) ||
	    db_prepare(db) == -1 ||
	    (base != NULL && db_setting_put(db, SET_BASE_URL, base) == -1) ||
	    db_setting_load(db, &a, &s) == -1)
		goto out;
	printf("%s: schema version %d%s\n", path, db_migrate_version(),
	    demo ? ", demo content loaded" : "");
	if (*s.v[SET_BASE_URL] == '\0')
		fprintf(stderr, "quire: %s: no base URL yet; quire serve needs "
		    "one: quire init --db %s --base-url https://your.site\n",
		    path, path);
	rc = 0;
out:
	arena_free(&a);
	db_close(db);
	return rc;
}
