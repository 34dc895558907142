/*
 * date: timegm/gmtime_r wrappers; every date on the site is UTC.
 */
#include <time.h>

#include "date.h"

static const char *const months[12] = {
	"January", "February", "March", "April", "May", "June", "July",
	"August", "September", "October", "November", "December",
};

static void
to_tm(long long t, struct tm *tm)
{
	time_t	 tt = (time_t)t;

	gmtime_r(&tt, tm);
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
