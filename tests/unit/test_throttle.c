/*
 * test_throttle: the sign-in throttle's rules (the doubling delay, the
 * address keys: IPv6 by /64, IPv4 by address) and the password-check
 * slots (pwslot: byte-range locks that a second open file cannot take
 * while the first holds them, and that closing gives back).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "pwslot.h"
#include "throttle.h"

static void
delay_schedule(void **state)
{
	static const long long	 want[] = { 0, 0, 0, 1, 2, 4, 8, 16, 32, 64,
				    128, 256, 512, 600, 600 };
	size_t			 i;

	for (i = 0; i < sizeof(want) / sizeof(want[0]); i++)
		assert_int_equal(throttle_delay((long long)i), want[i]);
	assert_int_equal(throttle_delay(-1), 0);
	assert_int_equal(throttle_delay(1000000), THROTTLE_MAX);
	assert_int_equal(throttle_delay(0x7fffffffffffffffLL), THROTTLE_MAX);
}

static void
wait_from_last(void **state)
{
	/* Five failures wait 4 s after the latest. */
	assert_int_equal(throttle_wait(5, 1000, 1000), 4);
	assert_int_equal(throttle_wait(5, 1000, 1003), 1);
	assert_int_equal(throttle_wait(5, 1000, 1004), 0);
	assert_int_equal(throttle_wait(5, 1000, 999999), 0);
	assert_int_equal(throttle_wait(2, 1000, 1000), 0);
	/* A clock set back never waits longer than the delay. */
	assert_int_equal(throttle_wait(3, 1000, 500), 501);
}

static void
addr_keys(void **state)
{
	static const char *const cases[][2] = {
		{ "192.0.2.7", "ip:192.0.2.7" },
		{ "192.0.2.8", "ip:192.0.2.8" },
		{ "::ffff:192.0.2.7", "ip:192.0.2.7" },
		{ "2001:db8:1:2::5", "ip:2001:db8:1:2::/64" },
		{ "2001:DB8:1:2:ffff:ffff:ffff:ffff", "ip:2001:db8:1:2::/64" },
		{ "2001:0db8:0001:0002:0000:0000:0000:0001",
		    "ip:2001:db8:1:2::/64" },
		{ "2001:db8:1:3::5", "ip:2001:db8:1:3::/64" },
		{ "2001:db8::1", "ip:2001:db8::/64" },
		{ "::1", "ip:::/64" },
		{ "fe80::1%eth0", "ip:-" },
		{ "[2001:db8::1]", "ip:-" },
		{ "-", "ip:-" },
		{ "", "ip:-" },
		{ "example.org", "ip:-" },
		{ "192.0.2.300", "ip:-" },
		{ "1:2:3:4:5:6:7:8:9", "ip:-" },
	};
	char	 key[THROTTLE_KEY_MAX];
	size_t	 i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		memset(key, 'x', sizeof(key));
		throttle_addr_key(cases[i][0], key);
		assert_string_equal(key, cases[i][1]);
	}
}

static void
slot_count(void **state)
{
	assert_int_equal(pwslot_count(0), 1);
	assert_int_equal(pwslot_count(1), 1);
	assert_int_equal(pwslot_count(2), 1);
	assert_int_equal(pwslot_count(3), 2);
	assert_int_equal(pwslot_count(8), 7);
}

static void
slot_path(void **state)
{
	char	 out[32];

	assert_int_equal(pwslot_path("var/site.db", out, sizeof(out)), 0);
	assert_string_equal(out, "var/site.db-signin");
	assert_int_equal(pwslot_path("a/very/long/path/to/the/site.db", out,
	    sizeof(out)), -1);
}

/* Each take opens the file anew, as two workers would: a held byte is
 * busy for the next, and giving it back frees it. */
static void
slots_take_give(void **state)
{
	char		 dir[] = "/tmp/test_throttle.XXXXXX", path[64];
	struct pwslot	 a, b, c;

	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/site.db-signin", dir);
	assert_int_equal(pwslot_take(path, 0, 2, &a), 1);
	assert_int_equal(a.slot, 0);
	assert_int_equal(pwslot_take(path, 0, 2, &b), 1);
	assert_int_equal(b.slot, 1);
	assert_int_equal(pwslot_take(path, 0, 2, &c), 0);
	assert_int_equal(c.fd, -1);
	/* The spare slot past them is its own. */
	assert_int_equal(pwslot_take(path, 2, 1, &c), 1);
	assert_int_equal(c.slot, 2);
	pwslot_give(&c);
	pwslot_give(&a);
	assert_int_equal(a.fd, -1);
	pwslot_give(&a);
	assert_int_equal(pwslot_take(path, 0, 2, &c), 1);
	assert_int_equal(c.slot, 0);
	pwslot_give(&c);
	pwslot_give(&b);
	/* A folder that is not there: an error, not a free pass. */
	assert_int_equal(pwslot_take("/nonexistent-dir/x-signin", 0, 1, &a),
	    -1);
	assert_int_equal(unlink(path), 0);
	assert_int_equal(rmdir(dir), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(delay_schedule),
		cmocka_unit_test(wait_from_last),
		cmocka_unit_test(addr_keys),
		cmocka_unit_test(slot_count),
		cmocka_unit_test(slot_path),
		cmocka_unit_test(slots_take_give),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
