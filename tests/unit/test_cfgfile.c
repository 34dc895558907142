/*
 * test_cfgfile: the table of configuration keys (src/cfgfile.c) holds
 * together; each type's rule takes what it should and refuses the rest
 * (quire serve's flags go through the same rules); an INI text lands in
 * the right fields, and each mistake is said with its file and line.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "cfgfile.h"
#include "config.h"
#include "log.h"

/* Every row: a key of [a-z_], a flag that is the key with '-' for '_'
 * (database's is --db), a field of the type's size, words for the docs;
 * no two rows share a key, a flag or a field. */
static void
table_rows(void **state)
{
	const struct cfg_def	*d, *e;
	char			 flag[64];
	size_t			 i;
	int			 k, j;

	for (k = 0; k < CFG__MAX; k++) {
		d = cfgfile_def(k);
		assert_non_null(d->key);
		assert_int_equal(strspn(d->key, "abcdefghijklmnopqrstuvwxyz_"),
		    strlen(d->key));
		assert_int_equal(cfgfile_key(d->key), k);
		for (i = 0; d->key[i] != '\0' && i < sizeof(flag) - 1; i++)
			flag[i] = d->key[i] == '_' ? '-' : d->key[i];
		flag[i] = '\0';
		if (k == CFG_DATABASE)
			assert_string_equal(d->flag, "db");
		else
			assert_string_equal(d->flag, flag);
		assert_true(d->arg != NULL && *d->arg != '\0');
		assert_true(d->def != NULL && *d->def != '\0');
		assert_true(d->help != NULL && strlen(d->help) > 10);
		assert_true(d->off + d->size <= offsetof(struct config, mem));
		switch (d->type) {
		case CT_INT:
		case CT_OCTAL:
			assert_true(d->min <= d->max);
			/* FALLTHROUGH */
		case CT_LEVEL:
		case CT_BOOL:
			assert_true(d->size == sizeof(int) ||
			    d->size == sizeof(long long));
			break;
		default:
			assert_int_equal(d->size, sizeof(const char *));
			assert_true(d->max > 0);
		}
		for (j = 0; j < k; j++) {
			e = cfgfile_def(j);
			assert_string_not_equal(d->key, e->key);
			assert_string_not_equal(d->flag, e->flag);
			assert_true(d->off != e->off);
		}
	}
	assert_int_equal(cfgfile_key("Workers"), -1);
	assert_int_equal(cfgfile_key(""), -1);
	assert_int_equal(cfgfile_key("db"), -1);
}

/* Each rule: what it takes, what it refuses. */
static void
rules(void **state)
{
	static const struct {
		enum cfg_key	 k;
		const char	*v;
		int		 good;
	} cases[] = {
		{ CFG_WORKERS, "1", 1 },
		{ CFG_WORKERS, "256", 1 },
		{ CFG_WORKERS, "0", 0 },
		{ CFG_WORKERS, "257", 0 },
		{ CFG_WORKERS, "4x", 0 },
		{ CFG_WORKERS, "+4", 0 },
		{ CFG_WORKERS, " 4", 0 },
		{ CFG_WORKERS, "-1", 0 },
		{ CFG_WORKERS, "99999999999999999999", 0 },
		{ CFG_WORKERS, "", 0 },
		{ CFG_MAX_BODY, "1024", 1 },
		{ CFG_MAX_BODY, "1073741824", 1 },
		{ CFG_MAX_BODY, "1023", 0 },
		{ CFG_MAX_BODY, "1073741825", 0 },
		{ CFG_MAX_AGE, "0", 1 },
		{ CFG_MAX_AGE, "31536001", 0 },
		{ CFG_SESSION_HOURS, "8760", 1 },
		{ CFG_SESSION_HOURS, "0", 0 },
		{ CFG_SOCKET_MODE, "0660", 1 },
		{ CFG_SOCKET_MODE, "777", 1 },
		{ CFG_SOCKET_MODE, "0", 1 },
		{ CFG_SOCKET_MODE, "0999", 0 },
		{ CFG_SOCKET_MODE, "01777", 0 },
		{ CFG_LOG_LEVEL, "debug", 1 },
		{ CFG_LOG_LEVEL, "error", 1 },
		{ CFG_LOG_LEVEL, "loud", 0 },
		{ CFG_SANDBOX, "yes", 1 },
		{ CFG_SANDBOX, "no", 1 },
		{ CFG_SANDBOX, "off", 0 },
		{ CFG_SANDBOX, "Yes", 0 },
		{ CFG_SANDBOX, "1", 0 },
		{ CFG_LISTEN, "127.0.0.1:9000", 1 },
		{ CFG_LISTEN, "localhost:1", 1 },
		{ CFG_LISTEN, "::1:9000", 1 },
		{ CFG_LISTEN, "127.0.0.1", 0 },
		{ CFG_LISTEN, ":9000", 0 },
		{ CFG_LISTEN, "127.0.0.1:0", 0 },
		{ CFG_LISTEN, "127.0.0.1:65536", 0 },
		{ CFG_LISTEN, "127.0.0.1:http", 0 },
		{ CFG_LISTEN, "a b:80", 0 },
		{ CFG_TRUST_PROXY, "127.0.0.1", 1 },
		{ CFG_TRUST_PROXY, "127.0.0.1,::1", 1 },
		{ CFG_TRUST_PROXY, "127.0.0.1, ::1", 1 },
		{ CFG_TRUST_PROXY, "127.0.0.1,", 0 },
		{ CFG_TRUST_PROXY, "proxy.example", 0 },
		{ CFG_TRUST_PROXY, "10.0.0.0/8", 0 },
		{ CFG_BASE_URL, "https://blog.example.org", 1 },
		{ CFG_BASE_URL, "ftp://blog.example.org", 0 },
		{ CFG_BASE_URL, "blog.example.org", 0 },
		{ CFG_USER, "www-data", 1 },
		{ CFG_USER, "_quire", 1 },
		{ CFG_USER, "-x", 0 },
		{ CFG_USER, "a b", 0 },
		{ CFG_USER, "root;", 0 },
		{ CFG_GROUP, "nogroup", 1 },
		{ CFG_DATABASE, "/var/lib/quire/site.db", 1 },
		{ CFG_DATABASE, "site.db", 1 },
		{ CFG_DATABASE, "\"/var/lib/quire/site.db\"", 0 },
		{ CFG_DATABASE, "a\tb", 0 },
		{ CFG_TEMPLATES, "", 0 },
		{ CFG_SOCKET, "/run/quire/quire.sock", 1 },
	};
	char		 longsock[200];
	const char	*why;
	size_t		 i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		why = cfgfile_check(cases[i].k, cases[i].v);
		if ((why == NULL) != cases[i].good)
			fail_msg("%s = \"%s\": %s", cfgfile_def(cases[i].k)->key,
			    cases[i].v, why != NULL ? why : "taken");
		if (why != NULL)
			assert_true(*why != '\0');
	}
	/* A unix socket's path fits sun_path. */
	memset(longsock, 'a', sizeof(longsock) - 1);
	longsock[0] = '/';
	longsock[sizeof(longsock) - 1] = '\0';
	assert_non_null(cfgfile_check(CFG_SOCKET, longsock));
	assert_string_equal(cfgfile_check(CFG_WORKERS, "0"),
	    "a number from 1 to 256");
	assert_string_equal(cfgfile_check(CFG_SOCKET_MODE, "9"),
	    "octal, 0 to 0777 (e.g. 0660)");
}

/* cfgfile_set fills the row's field, of the row's type. */
static void
set_fields(void **state)
{
	struct config	 cfg;

	config_defaults(&cfg);
	assert_null(cfgfile_set(&cfg, CFG_WORKERS, "7"));
	assert_null(cfgfile_set(&cfg, CFG_MAX_BODY, "1073741824"));
	assert_null(cfgfile_set(&cfg, CFG_SOCKET_MODE, "0640"));
	assert_null(cfgfile_set(&cfg, CFG_LOG_LEVEL, "warn"));
	assert_null(cfgfile_set(&cfg, CFG_TRUST_PROXY, " 10.0.0.1 , ::1"));
	assert_null(cfgfile_set(&cfg, CFG_DATABASE, "/srv/site.db"));
	assert_null(cfgfile_set(&cfg, CFG_BASE_URL, "https://b.example"));
	assert_non_null(cfgfile_set(&cfg, CFG_MAX_AGE, "forever"));
	assert_int_equal(cfg.sandbox, 1);
	assert_null(cfgfile_set(&cfg, CFG_SANDBOX, "no"));
	assert_int_equal(cfg.sandbox, 0);
	assert_non_null(cfgfile_set(&cfg, CFG_SANDBOX, "maybe"));
	assert_int_equal(cfg.sandbox, 0);
	assert_null(cfgfile_set(&cfg, CFG_SANDBOX, "yes"));
	assert_int_equal(cfg.sandbox, 1);
	assert_int_equal(cfg.workers, 7);
	assert_true(cfg.max_body == 1073741824LL);
	assert_int_equal(cfg.socket_mode, 0640);
	assert_int_equal(cfg.log_level, LOG_WARN);
	assert_string_equal(cfg.trust_proxy, "10.0.0.1,::1");
	assert_string_equal(cfg.db_path, "/srv/site.db");
	assert_string_equal(cfg.base_url, "https://b.example");
	assert_int_equal(cfg.max_age, 60);	/* refused: unchanged */
	config_free(&cfg);
}

/* parse TEXT: cfgfile_parse of it as "t.conf"; *said what it said. */
static int
parse(struct config *cfg, const char *text, char **said)
{
	FILE	*in, *out;
	size_t	 n;
	int	 rc;

	assert_non_null(in = fmemopen((void *)text, strlen(text), "r"));
	assert_non_null(out = open_memstream(said, &n));
	rc = cfgfile_parse(cfg, in, "t.conf", out);
	fclose(in);
	fclose(out);
	return rc;
}

static void
parse_good(void **state)
{
	struct config	 cfg;
	char		*said;

	config_defaults(&cfg);
	assert_int_equal(parse(&cfg,
	    "\xef\xbb\xbf# a comment\n"
	    "; another\n"
	    "\n"
	    "database = /srv/a.db\r\n"
	    "  workers=3 ; inline comment\n"
	    "listen: 127.0.0.1:9000\n"
	    "user = www-data\n"
	    "group = www-data\n"
	    "max_age = 0\n", &said), 0);
	assert_string_equal(said, "");
	assert_string_equal(cfg.db_path, "/srv/a.db");
	assert_int_equal(cfg.workers, 3);
	assert_string_equal(cfg.listen_addr, "127.0.0.1:9000");
	assert_string_equal(cfg.group, "www-data");
	assert_int_equal(cfg.max_age, 0);
	free(said);
	config_free(&cfg);
}

/* Each mistake on its own line, in the file's order, with its line. */
static void
parse_mistakes(void **state)
{
	struct config	 cfg;
	char		*said, text[1024];

	config_defaults(&cfg);
	snprintf(text, sizeof(text),
	    "workers = 0\n"			/* 1 */
	    "colour = blue\n"			/* 2 */
	    "[serve]\n"				/* 3 */
	    "max_age = 5\n"			/* 4 */
	    "max_age = 6\n"			/* 5 */
	    "just words\n"			/* 6 */
	    "  continued\n"			/* 7 */
	    "socket = /run/q.sock\n"		/* 8 */
	    "listen = 127.0.0.1:1\n"		/* 9 */
	    "a ; = b\n"				/* 10 */
	    "= x\n"				/* 11 */
	    "database =\n");			/* 12 */
	assert_int_equal(parse(&cfg, text, &said), -1);
	assert_string_equal(said,
	    "t.conf:1: workers: a number from 1 to 256\n"
	    "t.conf:2: unknown key \"colour\"\n"
	    "t.conf:3: [serve]: the file has no sections; write every key "
	    "at the top\n"
	    "t.conf:5: max_age: set again (first on line 4)\n"
	    "t.conf:6: expected \"key = value\"\n"
	    "t.conf:7: expected \"key = value\"\n"
	    "t.conf:10: expected \"key = value\"\n"
	    "t.conf:11: unknown key \"\"\n"
	    "t.conf:12: database: empty\n"
	    "t.conf:9: listen: socket is set too (line 8); one or the "
	    "other\n");
	assert_int_equal(cfg.max_age, 5);	/* the first one stands */
	free(said);
	config_free(&cfg);
}

/* A line longer than inih's buffer is said, not split in two; a NUL. */
static void
parse_long_and_nul(void **state)
{
	struct config	 cfg;
	char		*said, text[600];
	static const char nul[] = "workers = 2\nmax_age = 1\0\n";
	FILE		*in, *out;
	size_t		 n;

	config_defaults(&cfg);
	memset(text, 'a', sizeof(text));
	memcpy(text, "database = /", 12);
	memcpy(text + sizeof(text) - 20, "\nworkers = 9\n", 14);
	assert_int_equal(parse(&cfg, text, &said), -1);
	assert_non_null(strstr(said, "t.conf:1: longer than"));
	assert_null(strstr(said, "t.conf:2"));
	assert_int_equal(cfg.workers, 9);
	assert_null(cfg.db_path);
	free(said);

	assert_non_null(in = fmemopen((void *)nul, sizeof(nul) - 1, "r"));
	assert_non_null(out = open_memstream(&said, &n));
	assert_int_equal(cfgfile_parse(&cfg, in, "t.conf", out), -1);
	fclose(in);
	fclose(out);
	assert_string_equal(said, "t.conf:2: a NUL byte\n");
	free(said);
	config_free(&cfg);
}

/* build: file, then flags; an address flag replaces both of the file's;
 * a --config that cannot be read, and group without user, fail. */
static void
build(void **state)
{
	char			 path[] = "/tmp/quire-test-cfg-XXXXXX", *said;
	struct cfgfile_src	 src;
	struct config		 cfg;
	FILE			*f, *out;
	size_t			 n;
	int			 fd;

	assert_true((fd = mkstemp(path)) >= 0);
	assert_non_null(f = fdopen(fd, "w"));
	fputs("database = /srv/file.db\nsocket = /run/file.sock\n"
	    "workers = 3\nmax_age = 5\n", f);
	fclose(f);

	memset(&src, 0, sizeof(src));
	src.path = path;
	assert_non_null(src.out = out = open_memstream(&said, &n));
	src.flag[CFG_WORKERS] = "2";
	src.flag[CFG_LISTEN] = "127.0.0.1:9000";
	assert_int_equal(cfgfile_build(&cfg, &src), 0);
	assert_string_equal(cfg.file, path);
	assert_string_equal(cfg.db_path, "/srv/file.db");
	assert_int_equal(cfg.workers, 2);
	assert_int_equal(cfg.max_age, 5);
	assert_null(cfg.socket_path);
	assert_string_equal(cfg.listen_addr, "127.0.0.1:9000");
	config_free(&cfg);

	memset(src.flag, 0, sizeof(src.flag));
	src.flag[CFG_GROUP] = "www-data";
	assert_int_equal(cfgfile_build(&cfg, &src), -1);
	src.flag[CFG_GROUP] = NULL;
	src.flag[CFG_MAX_AGE] = "never";
	assert_int_equal(cfgfile_build(&cfg, &src), -1);
	unlink(path);
	src.flag[CFG_MAX_AGE] = NULL;
	assert_int_equal(cfgfile_build(&cfg, &src), -1);
	/* No file at the default path here: fine, unless a database must be
	 * named. */
	src.path = NULL;
	if (access(CFGFILE_PATH, F_OK) == -1) {
		assert_int_equal(cfgfile_build(&cfg, &src), 0);
		assert_null(cfg.file);
		config_free(&cfg);
		src.need_db = 1;
		assert_int_equal(cfgfile_build(&cfg, &src), -1);
		src.flag[CFG_DATABASE] = "/srv/flag.db";
		assert_int_equal(cfgfile_build(&cfg, &src), 0);
		assert_string_equal(cfg.db_path, "/srv/flag.db");
		config_free(&cfg);
	}
	fclose(out);
	assert_non_null(strstr(said, "quire: --group: group goes with user\n"));
	assert_non_null(strstr(said, "quire: --max-age: a number from 0 to "
	    "31536000\n"));
	assert_non_null(strstr(said, ": cannot read: No such file"));
	if (access(CFGFILE_PATH, F_OK) == -1)
		assert_non_null(strstr(said, "quire: no database: give --db "
		    "FILE, or database = FILE in " CFGFILE_PATH "\n"));
	free(said);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(table_rows),
		cmocka_unit_test(rules),
		cmocka_unit_test(set_fields),
		cmocka_unit_test(parse_good),
		cmocka_unit_test(parse_mistakes),
		cmocka_unit_test(parse_long_and_nul),
		cmocka_unit_test(build),
	};

	return cmocka_run_group_tests_name("cfgfile", tests, NULL, NULL);
}
