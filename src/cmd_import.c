/*
 * cmd_import: quire import PATH [--config FILE] [--db FILE]: a folder of
 * Markdown files with front matter (an export of quire, a Hugo or Jekyll
 * site; fmdir.c), a zip of one, or a WordPress export (FILE.xml), read by
 * port_load.c, into the database, all or nothing (port.c), then a report:
 * what was created, updated, left alone, and every note of the readers.
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "arena.h"
#include "cfgfile.h"
#include "clock.h"
#include "cmd.h"
#include "config.h"
#include "db.h"
#include "db_migrate.h"
#include "port.h"
#include "port_load.h"

static void
report(const struct port_set *set, const struct port_report *r)
{
	size_t	i, j;

	for (i = 0; i < set->n; i++)
		for (j = 0; j < set->items[i].nnotes; j++)
			printf("note: %s\n", set->items[i].notes[j]);
	for (i = 0; i < set->nnotes; i++)
		printf("note: %s\n", set->notes[i]);
	for (i = 0; i < r->nnotes; i++)
		printf("note: %s\n", r->notes[i]);
	printf("import: %zu created, %zu updated, %zu unchanged; "
	    "%zu redirects added, %zu already there; %zu settings changed\n",
	    r->created, r->updated, r->unchanged, r->redirects,
	    r->redirects_same, r->settings);
}

int
cmd_import(int argc, char *argv[])
{
	static const struct option opts[] = {
		{ "config", required_argument, NULL, 'c' },
		{ "db", required_argument, NULL, 'd' },
		{ NULL, 0, NULL, 0 },
	};
	const char		*conf = NULL, *dbflag = NULL, *src, *why = NULL;
	struct config		 cfg;
	struct db		*db = NULL;
	struct arena		 a;
	struct port_set		 set;
	struct port_report	 r;
	int			 c, rc = 1;

	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'c': conf = optarg; break;
		case 'd': dbflag = optarg; break;
		default: return cmd_usage();
		}
	}
	if (optind != argc - 1)
		return cmd_usage();
	src = argv[optind];
	if (cfgfile_for_db(&cfg, conf, dbflag) == -1)
		return 1;
	arena_init(&a);
	memset(&set, 0, sizeof(set));
	if (port_load(&a, src, src, &set, &why) == -1)
		goto refused;
	if ((db = db_open(cfg.db_path, 0)) == NULL || db_migrate(db) == -1 ||
	    db_prepare(db) == -1)
		goto out;
	if (port_import(db, &a, &set, clock_now(), isatty(STDERR_FILENO),
	    &r, &why) == -1) {
		if (why != NULL)
			goto refused;
		fprintf(stderr, "quire: import: failed; nothing imported\n");
		goto out;
	}
	report(&set, &r);
	rc = 0;
	goto out;
refused:
	fprintf(stderr, "quire: import: %s\nquire: import: nothing "
	    "imported\n", why);
out:
	if (db != NULL)
		db_close(db);
	arena_free(&a);
	config_free(&cfg);
	return rc;
}
