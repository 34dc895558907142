/*
 * test_supervise: the back-off of a worker that keeps dying: restarted at
 * once the first time, then 0.1 s doubling, never past 30 s.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>

#include <cmocka.h>

#include "supervise.h"

static void
first_end_restarts_at_once(void **state)
{
	assert_int_equal(supervise_backoff(1), 0);
	/* Not a count a caller makes, but not a wait either. */
	assert_int_equal(supervise_backoff(0), 0);
}

static void
then_doubles_from_a_tenth(void **state)
{
	static const long long	 want[] = { 100, 200, 400, 800, 1600, 3200,
	    6400, 12800, 25600, 30000, 30000 };
	size_t			 i;

	for (i = 0; i < sizeof(want) / sizeof(want[0]); i++)
		assert_int_equal(supervise_backoff((int)i + 2), want[i]);
}

static void
never_past_thirty_seconds(void **state)
{
	assert_int_equal(supervise_backoff(64), 30000);
	assert_int_equal(supervise_backoff(1000000), 30000);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(first_end_restarts_at_once),
		cmocka_unit_test(then_doubles_from_a_tenth),
		cmocka_unit_test(never_past_thirty_seconds),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
