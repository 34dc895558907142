/*
 * main: the command table. quire COMMAND [options], or, when a web server
 * runs the binary with GATEWAY_INTERFACE set and no arguments, one CGI
 * request.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cgi.h"
#include "cmd.h"
#include "db_migrate.h"
#include "version.h"

static const struct {
	const char	*name;
	int		(*run)(int, char *[]);
} commands[] = {
	{ "init", cmd_init },
	{ "user", cmd_user },
	{ "serve", cmd_serve },
	{ "check", cmd_check },
	{ "backup", cmd_backup },
	{ "export", cmd_export },
	{ "import", cmd_import },
};

static const char usage_text[] =
"usage: quire init [--config FILE] [--db FILE] [--demo] [--base-url URL]\n"
"       quire user add LOGIN [--name NAME] [--config FILE] [--db FILE]\n"
"       quire user passwd LOGIN [--config FILE] [--db FILE]\n"
"       quire user list [--config FILE] [--db FILE]\n"
"       quire user del LOGIN [--config FILE] [--db FILE]\n"
"       quire serve [--config FILE] [--db FILE]\n"
"                   [--socket PATH | --listen HOST:PORT]\n"
"                   [--workers N] [--templates DIR] [--user USER]\n"
"                   [--group GROUP] [--socket-mode MODE] [--max-age SECONDS]\n"
"                   [--log-level LEVEL] [--max-body BYTES]\n"
"                   [--trust-proxy ADDR,...] [--session-hours N]\n"
"                   [--base-url URL] [--cache-mb MB] [--clock FILE]\n"
"                   [--strict-templates] [--sandbox yes|no | --no-sandbox]\n"
"       quire check [--config FILE] [--db FILE] [--templates DIR] | --keys\n"
"                   | --sandbox\n"
"       quire backup FILE [--config FILE] [--db FILE] [--force]\n"
"       quire export DIR [--config FILE] [--db FILE] [--force]\n"
"       quire import DIR | FILE.xml [--config FILE] [--db FILE]\n"
"       quire --help | --version\n"
"\n"
"The configuration file (--config FILE, else /etc/quire/quire.conf if it\n"
"exists) gives the database and serve's options; flags win over it. quire\n"
"check checks it, the templates and the database; --keys lists its keys.\n"
"As a CGI program (GATEWAY_INTERFACE set), quire answers one request from\n"
"the database named by QUIRE_DB (templates: QUIRE_TEMPLATES, else built in).\n"
"With no --socket or --listen, serve uses systemd's LISTEN_FDS or fd 0\n"
"(spawn-fcgi, systemd). --user (as root) owns the socket and serves; --group\n"
"gives the socket another group (e.g. nginx's). --clock (QUIRE_CLOCK in CGI\n"
"mode) is for tests: the file holds the time in Unix seconds, or +N/-N from\n"
"the wall clock. --strict-templates (QUIRE_STRICT_TEMPLATES=1) makes a value\n"
"a template asks for and a page never set an error. user add and passwd read\n"
"the password twice from the terminal or, when stdin is not a terminal, one\n"
"line from stdin. export writes every article, page, setting and redirect\n"
"as Markdown with YAML front matter (DIR/posts, DIR/drafts, DIR/pages,\n"
"settings.yaml, redirects.yaml) into an empty DIR (--force: any); import\n"
"reads such a folder (or Hugo's, Jekyll's) back, all or nothing, and\n"
"twice changes nothing. backup copies the database to FILE while the site\n"
"serves (refusing to replace FILE without --force).\n";

int
cmd_usage(void)
{
	fputs(usage_text, stderr);
	return 2;
}

int
main(int argc, char *argv[])
{
	const char	*gw = getenv("GATEWAY_INTERFACE");
	size_t		 i;

	if (argc == 1 && gw != NULL && *gw != '\0')
		return cgi_main();
	if (argc < 2)
		return cmd_usage();
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
		fputs(usage_text, stdout);
		return 0;
	}
	if (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "-V") == 0) {
		printf("quire %s (schema %d)\n", QUIRE_VERSION,
		    db_migrate_version());
		return 0;
	}
	for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		if (strcmp(argv[1], commands[i].name) == 0)
			return commands[i].run(argc - 1, argv + 1);
	fprintf(stderr, "quire: unknown command \"%s\"\n", argv[1]);
	return cmd_usage();
}
