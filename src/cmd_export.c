/*
 * cmd_export: quire export DIR [--config FILE] [--db FILE] [--force]:
 * every article (DIR/posts/YYYY-MM-DD-slug.md; DIR/drafts/slug.md with no
 * date) and page (DIR/pages/slug.md) as Markdown with YAML front matter,
 * every setting (DIR/settings.yaml) and every redirect (DIR/redirects.yaml),
 * written by port_export.c, what quire import reads back.
 */
#include <getopt.h>
#include <stdio.h>
#include <unistd.h>

#include "arena.h"
#include "cfgfile.h"
#include "clock.h"
#include "cmd.h"
#include "config.h"
#include "db.h"
#include "db_migrate.h"
#include "port_export.h"

int
cmd_export(int argc, char *argv[])
{
	static const struct option opts[] = {
		{ "config", required_argument, NULL, 'c' },
		{ "db", required_argument, NULL, 'd' },
		{ "force", no_argument, NULL, 'f' },
		{ NULL, 0, NULL, 0 },
	};
	const char	*conf = NULL, *dbflag = NULL, *dir, *why;
	struct config	 cfg;
	struct db	*db = NULL;
	struct arena	 a;
	size_t		 n = 0;
	int		 c, force = 0, rc = 1;

	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'c': conf = optarg; break;
		case 'd': dbflag = optarg; break;
		case 'f': force = 1; break;
		default: return cmd_usage();
		}
	}
	if (optind != argc - 1)
		return cmd_usage();
	dir = argv[optind];
	if (cfgfile_for_db(&cfg, conf, dbflag) == -1)
		return 1;
	arena_init(&a);
	if ((db = db_open(cfg.db_path, 0)) == NULL || db_migrate(db) == -1 ||
	    db_prepare(db) == -1)
		goto out;
	if (port_export(db, &a, dir, force, clock_now(),
	    isatty(STDERR_FILENO), &n, &why) == -1) {
		if (why != NULL)
			fprintf(stderr, "quire: export: %s\n", why);
		goto out;
	}
	printf("export: %zu posts, settings and redirects in %s\n", n, dir);
	rc = 0;
out:
	if (db != NULL)
		db_close(db);
	arena_free(&a);
	config_free(&cfg);
	return rc;
}
