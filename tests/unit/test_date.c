/*
 * test_date: UTC dates as pages show them, and the [from, to) ranges the
 * archive queries. Expected values come from `date -u -d ... +%s`.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "arena.h"
#include "date.h"
#include "req.h"

#include "fixture.h"

static const struct {
	long long	 t;
	const char	*human;
	const char	*iso;
	int		 year, month;
} cases[] = {
	{ 0, "1 January 1970", "1970-01-01T00:00:00Z", 1970, 1 },
	{ -1, "31 December 1969", "1969-12-31T23:59:59Z", 1969, 12 },
	{ 1647248400, "14 March 2022", "2022-03-14T09:00:00Z", 2022, 3 },
	{ 1709210096, "29 February 2024", "2024-02-29T12:34:56Z", 2024, 2 },
	{ 951782400, "29 February 2000", "2000-02-29T00:00:00Z", 2000, 2 },
	{ 1709251200 - 1, "29 February 2024", "2024-02-29T23:59:59Z", 2024, 2 },
	{ 1709251200, "1 March 2024", "2024-03-01T00:00:00Z", 2024, 3 },
	{ 1704067200 - 1, "31 December 2023", "2023-12-31T23:59:59Z", 2023, 12 },
	{ 2147483648LL, "19 January 2038", "2038-01-19T03:14:08Z", 2038, 1 },
	{ 4107542400LL, "1 March 2100", "2100-03-01T00:00:00Z", 2100, 3 },
};

static void
human_and_iso(void **state)
{
	size_t	 i;
	int	 y, m;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		assert_string_equal(date_human(&A, cases[i].t), cases[i].human);
		assert_string_equal(date_iso(&A, cases[i].t), cases[i].iso);
		y = m = -1;
		date_year_month(cases[i].t, &y, &m);
		if (y != cases[i].year || m != cases[i].month)
			fail_msg("%lld: %d-%d, want %d-%d", cases[i].t, y, m,
			    cases[i].year, cases[i].month);
	}
}

static void
month_names(void **state)
{
	assert_string_equal(date_month_name(1), "January");
	assert_string_equal(date_month_name(2), "February");
	assert_string_equal(date_month_name(5), "May");
	assert_string_equal(date_month_name(12), "December");
	assert_string_equal(date_month_name(0), "");
	assert_string_equal(date_month_name(13), "");
	assert_string_equal(date_month_name(-1), "");
}

static void
range_is(int year, int month, long long from, long long to)
{
	long long	 f = -1, t = -1;

	date_range(year, month, &f, &t);
	if (f != from || t != to)
		fail_msg("%d-%d: [%lld, %lld), want [%lld, %lld)", year, month,
		    f, t, from, to);
}

static void
ranges(void **state)
{
	range_is(2023, 5, 1682899200, 1685577600);	/* May */
	range_is(2023, 1, 1672531200, 1675209600);	/* January */
	range_is(2023, 2, 1675209600, 1677628800);	/* 28 days */
	range_is(2024, 2, 1706745600, 1709251200);	/* 29 days */
	range_is(2100, 2, 4105123200LL, 4107542400LL);	/* not leap */
	range_is(2023, 12, 1701388800, 1704067200);	/* into 2024 */
	range_is(2023, 0, 1672531200, 1704067200);	/* the year */
	range_is(2024, 0, 1704067200, 1735689600);	/* leap year */
	range_is(1970, 1, 0, 2678400);
}

/* Every instant falls in its own month's range and not the next one's. */
static void
range_contains(void **state)
{
	long long	 t, from, to;
	int		 y, m;

	for (t = -86400LL * 400; t < 4200000000LL; t += 86400LL * 13 + 3607) {
		date_year_month(t, &y, &m);
		date_range(y, m, &from, &to);
		if (!(from <= t && t < to))
			fail_msg("%lld not in [%lld, %lld) of %d-%02d", t,
			    from, to, y, m);
		date_range(y, 0, &from, &to);
		assert_true(from <= t && t < to);
	}
}

/* Leaves a recognisable pattern where the next call's locals will live,
 * so reading an uninitialised struct tm is not hidden by a lucky zero. */
static void
dirty_stack(void)
{
	volatile unsigned char	 junk[8192];
	size_t			 i;

	for (i = 0; i < sizeof(junk); i++)
		junk[i] = 0xa5;
}

/* A timestamp gmtime cannot represent (its year overflows an int) comes
 * from a bad row, not from a reader; it must still give text and a month
 * in 1..12, as the header promises, and never index outside the month
 * table. */
static void
out_of_range(void **state)
{
	static const long long	 ts[] = {
		LLONG_MAX, LLONG_MIN, 100000000000000000LL,
		-100000000000000000LL,
	};
	const char		*s;
	size_t			 i;
	int			 y, m;

	for (i = 0; i < sizeof(ts) / sizeof(ts[0]); i++) {
		dirty_stack();
		y = 0, m = 0;
		date_year_month(ts[i], &y, &m);
		if (m < 1 || m > 12)
			fail_msg("%lld: month %d", ts[i], m);
		dirty_stack();
		s = date_human(&A, ts[i]);
		assert_non_null(s);
		assert_true(req_text_valid(s, strlen(s)));
		dirty_stack();
		s = date_iso(&A, ts[i]);
		assert_non_null(s);
		assert_true(req_text_valid(s, strlen(s)));
	}
}

/* Every form against the C library's gmtime_r() and strftime() (C
 * locale) across the whole range the site shows, years 1 to 9999: every
 * 7,777,777 s (90 days and a bit, so each time of day, weekday and day of
 * month comes round), then near each year's start from 1970 on (an
 * average Gregorian year apart, and a second before). */
static void
agrees_with_gmtime(void **state)
{
	const long long	 lo = -62135596800LL, hi = 253402300799LL;
	const long long	 n = (hi - lo) / 7777777 + 1;
	struct tm	 tm;
	time_t		 tt;
	char		 want[64], day[8], mon[8], month[16];
	long long	 t, k;
	int		 y, m;

	for (k = 0; k < n + 16000; k++) {
		if (k < n)
			t = lo + k * 7777777LL;
		else
			t = 31556952LL * ((k - n) / 2) - (k - n) % 2;
		tt = (time_t)t;
		assert_non_null(gmtime_r(&tt, &tm));
		/* Numbers by hand (glibc's %Y does not pad years before
		 * 1000), names from strftime(). */
		snprintf(want, sizeof(want), "%04d-%02d-%02dT%02d:%02d:%02dZ",
		    tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
		    tm.tm_min, tm.tm_sec);
		assert_string_equal(date_iso(&A, t), want);
		strftime(day, sizeof(day), "%a", &tm);
		strftime(mon, sizeof(mon), "%b", &tm);
		strftime(month, sizeof(month), "%B", &tm);
		snprintf(want, sizeof(want), "%s, %02d %s %04d %02d:%02d:%02d "
		    "GMT", day, tm.tm_mday, mon, tm.tm_year + 1900, tm.tm_hour,
		    tm.tm_min, tm.tm_sec);
		assert_string_equal(date_http(&A, t), want);
		memcpy(want + strlen(want) - 3, "+0000", 6);
		assert_string_equal(date_rfc822(&A, t), want);
		snprintf(want, sizeof(want), "%d %s %d", tm.tm_mday, month,
		    tm.tm_year + 1900);
		assert_string_equal(date_human(&A, t), want);
		date_year_month(t, &y, &m);
		assert_int_equal(y, tm.tm_year + 1900);
		assert_int_equal(m, tm.tm_mon + 1);
		arena_reset(&A);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(human_and_iso),
		cmocka_unit_test(month_names),
		cmocka_unit_test(ranges),
		cmocka_unit_test(range_contains),
		cmocka_unit_test(out_of_range),
		cmocka_unit_test(agrees_with_gmtime),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
