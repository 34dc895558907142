/*
 * cmd_backup: quire backup FILE --db DBFILE [--force]: a consistent copy
 * of the site's database, taken while it serves and authors write
 * (db_backup.c); restore is stop, copy back, start (docs/deploy.md).
 */
#include <sys/stat.h>

#include <getopt.h>
#include <stdio.h>

#include "cmd.h"
#include "db_backup.h"

int
cmd_backup(int argc, char *argv[])
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "force", no_argument, NULL, 'f' },
		{ NULL, 0, NULL, 0 },
	};
	const char	*path = NULL, *dest;
	struct stat	 st;
	int		 c, force = 0;

	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'd': path = optarg; break;
		case 'f': force = 1; break;
		default: return cmd_usage();
		}
	}
	if (path == NULL || optind != argc - 1 || *argv[optind] == '\0')
		return cmd_usage();
	dest = argv[optind];
	if (!force && lstat(dest, &st) == 0 && !S_ISDIR(st.st_mode)) {
		fprintf(stderr, "quire: %s exists; --force replaces it\n",
		    dest);
		return 1;
	}
	if (db_backup(path, dest, force ? DB_BACKUP_FORCE : 0) == -1) {
		fprintf(stderr, "quire: no backup written; %s is as it was\n",
		    dest);
		return 1;
	}
	printf("%s: a copy of %s, integrity_check ok\n", dest, path);
	return 0;
}
