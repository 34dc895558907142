/*
 * cmd_backup: quire backup FILE [--config FILE] [--db DBFILE] [--force]:
 * a consistent copy
 * of the site's database, taken while it serves and authors write
 * (db_backup.c); restore is stop, copy back, start (docs/deploy.md).
 */
#include <sys/stat.h>

#include <getopt.h>
#include <stdio.h>

#include "cfgfile.h"
#include "cmd.h"
#include "config.h"
#include "db_backup.h"

int
cmd_backup(int argc, char *argv[])
{
	static const struct option opts[] = {
		{ "config", required_argument, NULL, 'c' },
		{ "db", required_argument, NULL, 'd' },
		{ "force", no_argument, NULL, 'f' },
		{ NULL, 0, NULL, 0 },
	};
	const char	*conf = NULL, *dbflag = NULL, *path, *dest;
	struct config	 cfg;
	struct stat	 st;
	int		 c, force = 0, rc = 1;

	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'c': conf = optarg; break;
		case 'd': dbflag = optarg; break;
		case 'f': force = 1; break;
		default: return cmd_usage();
		}
	}
	if (optind != argc - 1 || *argv[optind] == '\0')
		return cmd_usage();
	dest = argv[optind];
	if (cfgfile_for_db(&cfg, conf, dbflag) == -1)
		return 1;
	path = cfg.db_path;
	if (!force && lstat(dest, &st) == 0 && !S_ISDIR(st.st_mode)) {
		fprintf(stderr, "quire: %s exists; --force replaces it\n",
		    dest);
		goto out;
	}
	if (db_backup(path, dest, force ? DB_BACKUP_FORCE : 0) == -1) {
		fprintf(stderr, "quire: no backup written; %s is as it was\n",
		    dest);
		goto out;
	}
	printf("%s: a copy of %s, integrity_check ok\n", dest, path);
	rc = 0;
out:
	config_free(&cfg);
	return rc;
}
