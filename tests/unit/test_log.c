/*
 * test_log: one line per event, whatever the input holds. The log writes
 * to stderr, which each test points at a temporary file.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "log.h"

/* Runs one log_req with stderr sent to a file; returns what it wrote. */
static char *
captured(const char *addr, const char *target, const char *value)
{
	char	 path[] = "/tmp/quire-test-log-XXXXXX";
	static char out[4096];
	int	 fd, saved;
	ssize_t	 n;

	fd = mkstemp(path);
	assert_true(fd >= 0);
	unlink(path);
	saved = dup(STDERR_FILENO);
	assert_true(saved >= 0);
	assert_true(dup2(fd, STDERR_FILENO) >= 0);
	log_init(LOG_INFO);
	log_req(LOG_WARN, addr, "POST", target, "wrong password, login: %s",
	    value);
	assert_true(dup2(saved, STDERR_FILENO) >= 0);
	close(saved);
	n = pread(fd, out, sizeof(out) - 1, 0);
	close(fd);
	assert_true(n > 0);
	out[n] = '\0';
	return out;
}

/* A '"' in the target cannot end the quoted request field early, and a
 * newline anywhere cannot start a line of its own. */
static void
quotes_and_newlines(void **state)
{
	const char	*line, *rest;

	line = captured("192.0.2.1", "/admin/login?a=\"b 200\"",
	    "x\" 200 \"y\nFORGED");
	rest = strchr(line, ' ');
	assert_non_null(rest);
	assert_string_equal(rest, " warn 192.0.2.1"
	    " \"POST /admin/login?a=\\x22b 200\\x22\""
	    " wrong password, login: x\" 200 \"y\\x0aFORGED\n");
	assert_int_equal(strchr(line, '\n') - line, (long)strlen(line) - 1);
}

/* The address and the level are fields of their own: control characters
 * and spaces in the address are escaped or kept inside it. */
static void
control_in_address(void **state)
{
	const char	*line;

	line = captured("10.0.0.1\r\nFORGED", "/", "v");
	assert_non_null(strstr(line, " warn 10.0.0.1\\x0d\\x0aFORGED \"POST /\""));
	assert_int_equal(strchr(line, '\n') - line, (long)strlen(line) - 1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(quotes_and_newlines),
		cmocka_unit_test(control_in_address),
	};

	return cmocka_run_group_tests_name("log", tests, NULL, NULL);
}
