/*
 * cmd_user: quire user add | passwd | list | del: the author accounts,
 * from the command line; the database is --db, else the configuration
 * file's. Passwords are read from the terminal (twice,
 * without echo) or, when stdin is not a terminal, as one line.
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "arena.h"
#include "cfgfile.h"
#include "auth.h"
#include "clock.h"
#include "cmd.h"
#include "db.h"
#include "db_migrate.h"
#include "db_user.h"
#include "req.h"
#include "valid.h"

/* Reads one line into buf (without its newline); prompt and no echo when
 * fd is a terminal. -1 on end of input or a line too long. */
static int
read_line(FILE *in, int tty, const char *prompt, char *buf, size_t size)
{
	struct termios	 old, quiet;
	size_t		 len;
	int		 rc = -1;

	if (tty) {
		fputs(prompt, stderr);
		tcgetattr(fileno(in), &old);
		quiet = old;
		quiet.c_lflag &= ~(tcflag_t)ECHO;
		tcsetattr(fileno(in), TCSAFLUSH, &quiet);
	}
	if (fgets(buf, (int)size, in) != NULL) {
		len = strlen(buf);
		if (len > 0 && buf[len - 1] == '\n')
			buf[--len] = '\0';
		else if (len == size - 1)
			goto out;	/* longer than any password we take */
		if (len > 0 && buf[len - 1] == '\r')
			buf[--len] = '\0';
		rc = 0;
	}
out:
	if (tty) {
		tcsetattr(fileno(in), TCSAFLUSH, &old);
		fputc('\n', stderr);
	}
	return rc;
}

/* The new password for a user command, checked. -1 (said why) if none. */
static int
new_password(char *pw, size_t size)
{
	char		 again[AUTH_PW_MAX + 2];
	const char	*why;
	int		 tty = isatty(STDIN_FILENO);

	if (read_line(stdin, tty, "Password: ", pw, size) == -1) {
		fprintf(stderr, "quire: no password given\n");
		return -1;
	}
	if (!auth_password_ok(pw, &why)) {
		fprintf(stderr, "quire: %s\n", why);
		return -1;
	}
	if (tty && (read_line(stdin, tty, "Again: ", again, sizeof(again)) == -1 ||
	    strcmp(pw, again) != 0)) {
		fprintf(stderr, "quire: the passwords differ\n");
		return -1;
	}
	return 0;
}

int
cmd_user(int argc, char *argv[])
{
	static const struct option opts[] = {
		{ "db", required_argument, NULL, 'd' },
		{ "name", required_argument, NULL, 'n' },
		{ "config", required_argument, NULL, 'c' },
		{ NULL, 0, NULL, 0 },
	};
	const char		*path, *name = "", *verb, *login = NULL;
	struct cfgfile_src	 src;
	struct config		 cfg;
	char			 pw[AUTH_PW_MAX + 2], hash[AUTH_HASH_MAX];
	struct db		*db = NULL;
	struct arena		 a;
	struct user		*users;
	size_t			 n, i;
	int			 c, rc = 1, dup, want_login;

	if (argc < 2)
		return cmd_usage();
	verb = argv[1];
	want_login = strcmp(verb, "list") != 0;
	if (strcmp(verb, "add") != 0 && strcmp(verb, "passwd") != 0 &&
	    strcmp(verb, "list") != 0 && strcmp(verb, "del") != 0) {
		fprintf(stderr, "quire: unknown user command \"%s\"\n", verb);
		return cmd_usage();
	}
	argc--, argv++;
	memset(&src, 0, sizeof(src));
	src.out = stderr;
	src.need_db = 1;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'c': src.path = optarg; break;
		case 'd': src.flag[CFG_DATABASE] = optarg; break;
		case 'n': name = optarg; break;
		default: return cmd_usage();
		}
	}
	if (want_login && optind < argc)
		login = argv[optind++];
	if (optind != argc || (want_login && login == NULL))
		return cmd_usage();
	if (login != NULL && (*login == '\0' || valid_chars(login) > 64 ||
	    !req_text_valid(login, strlen(login)) ||
	    strpbrk(login, " \t\r\n") != NULL)) {
		fprintf(stderr, "quire: a login is 1 to 64 characters, no spaces\n");
		return 2;
	}
	if (!req_text_valid(name, strlen(name)) || valid_chars(name) > 100 ||
	    valid_line(name) != NULL) {
		fprintf(stderr, "quire: --name: at most 100 characters of text\n");
		return 2;
	}
	if (cfgfile_build(&cfg, &src) == -1)
		return 1;
	path = cfg.db_path;
	if (auth_init() == -1 || (db = db_open(path, 0)) == NULL ||
	    db_migrate(db) == -1 || db_prepare(db) == -1)
		goto out;
	arena_init(&a);
	if (strcmp(verb, "list") == 0) {
		if (db_user_list(db, &a, &users, &n) == 0) {
			for (i = 0; i < n; i++)
				printf("%s\t%s\n", users[i].login,
				    users[i].name);
			rc = 0;
		}
	} else if (strcmp(verb, "del") == 0) {
		if ((c = db_user_del(db, login)) == 0)
			fprintf(stderr, "quire: no user \"%s\"\n", login);
		rc = c == 1 ? 0 : 1;
	} else if (new_password(pw, sizeof(pw)) == 0 &&
	    auth_hash_password(pw, hash) == 0) {
		if (strcmp(verb, "add") == 0) {
			if (db_user_add(db, login, name, hash, clock_now(),
			    &dup) == 0)
				rc = 0;
			else if (dup)
				fprintf(stderr, "quire: user \"%s\" exists\n",
				    login);
		} else if ((c = db_user_passwd(db, login, hash,
		    clock_now())) == 1)
			rc = 0;
		else if (c == 0)
			fprintf(stderr, "quire: no user \"%s\"\n", login);
	}
	arena_free(&a);
out:
	explicit_bzero(pw, sizeof(pw));
	db_close(db);
	config_free(&cfg);
	return rc;
}

