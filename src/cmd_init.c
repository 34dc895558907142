/*
 * cmd_init: quire init --db FILE [--demo]: creates or migrates a database.
 */
#include <getopt.h>
#include <stdio.h>

#include "cmd.h"
#include "db.h"
#include "db_migrate.h"

int
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
		default: return cmd_usage();
		}
	}
	if (path == NULL || optind != argc)
		return cmd_usage();
	if ((db = db_open(path, 1)) == NULL)
		return 1;
	if (db_migrate(db) == -1 || (demo && db_migrate_demo(db) == -1))
		goto out;
	printf("%s: schema version %d%s\n", path, db_migrate_version(),
	    demo ? ", demo content loaded" : "");
	rc = 0;
out:
	db_close(db);
	return rc;
}
