/*
 * date: timegm/gmtime_r wrappers; every date on the site is UTC.
 */
#include <string.h>
#include <time.h>

#include "date.h"

static const char *const months[12] = {
	"January", "February", "March", "April", "May", "June", "July",
	"August", "September", "October", "November", "December",
};

/* Times beyond what struct tm can hold (a corrupt row) are clamped to the
 * years 1..9999, so every caller gets a real date. */
static void
to_tm(long long t, struct tm *tm)
{
	const long long	 lo = -62135596800LL;	/* 0001-01-01T00:00:00Z */
	const long long	 hi = 253402300799LL;	/* 9999-12-31T23:59:59Z */
	time_t		 tt;

	tt = (time_t)(t < lo ? lo : t > hi ? hi : t);
	if (gmtime_r(&tt, tm) == NULL) {
		memset(tm, 0, sizeof(*tm));
		tm->tm_year = 70;
		tm->tm_mday = 1;
	}
}

char *
date_human(struct arena *a, long long t)
{
	struct tm	 tm;

	to_tm(t, &tm);
	return arena_printf(a, "%d %s %d", tm.tm_mday, months[tm.tm_mon],
	    tm.tm_year + 1900);
}

char *
date_iso(struct arena *a, long long t)
{
	struct tm	 tm;

	to_tm(t, &tm);
	return arena_printf(a, "%04d-%02d-%02dT%02d:%02d:%02dZ",
	    tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
	    tm.tm_min, tm.tm_sec);
}

const char *
date_month_name(int month)
{
	return month >= 1 && month <= 12 ? months[month - 1] : "";
}

void
date_year_month(long long t, int *year, int *month)
{
	struct tm	 tm;

	to_tm(t, &tm);
	*year = tm.tm_year + 1900;
	*month = tm.tm_mon + 1;
}

static long long
start_of(int year, int month)
{
	struct tm	 tm = { 0 };

	tm.tm_year = year - 1900;
	tm.tm_mon = month - 1;
	tm.tm_mday = 1;
	return (long long)timegm(&tm);
}

void
date_range(int year, int month, long long *from, long long *to)
{
	if (month == 0) {
		*from = start_of(year, 1);
		*to = start_of(year + 1, 1);
	} else {
		*from = start_of(year, month);
		*to = month == 12 ? start_of(year + 1, 1) :
		    start_of(year, month + 1);
	}
}
