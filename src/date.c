/*
 * date: dates as the site writes and reads them, every one UTC: the
 * calendar by arithmetic, parsing with timegm().
 */
#include <string.h>
#include <time.h>

#include "date.h"

static const char *const months[12] = {
	"January", "February", "March", "April", "May", "June", "July",
	"August", "September", "October", "November", "December",
};

/* HTTP's English names, whatever the locale. */
static const char *const mon3[12] = { "Jan", "Feb", "Mar", "Apr", "May",
    "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
static const char *const day3[7] = { "Sun", "Mon", "Tue", "Wed", "Thu",
    "Fri", "Sat" };

/* Times beyond what struct tm can hold (a corrupt row) are clamped to the
 * years 1..9999, so every caller gets a real date. The fields come from
 * arithmetic on days (civil_from_days, H. Hinnant's "chrono-Compatible
 * Low-Level Date Algorithms"), not gmtime_r(), which every page called
 * several times: about 700 instructions a call against a few dozen. */
static void
to_tm(long long t, struct tm *tm)
{
	const long long	 lo = -62135596800LL;	/* 0001-01-01T00:00:00Z */
	const long long	 hi = 253402300799LL;	/* 9999-12-31T23:59:59Z */
	long long	 days, secs, era, doe, yoe, doy, mp;

	t = t < lo ? lo : t > hi ? hi : t;
	days = t / 86400;
	secs = t % 86400;
	if (secs < 0) {
		secs += 86400;
		days--;
	}
	memset(tm, 0, sizeof(*tm));
	tm->tm_hour = (int)(secs / 3600);
	tm->tm_min = (int)(secs / 60 % 60);
	tm->tm_sec = (int)(secs % 60);
	tm->tm_wday = (int)((days % 7 + 11) % 7);	/* 1970-01-01: Thursday */
	/* Days since 0000-03-01, in 400-year eras of 146,097 days. */
	days += 719468;
	era = (days >= 0 ? days : days - 146096) / 146097;
	doe = days - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;		/* March is 0 */
	tm->tm_mday = (int)(doy - (153 * mp + 2) / 5 + 1);
	tm->tm_mon = (int)(mp < 10 ? mp + 2 : mp - 10);
	tm->tm_year = (int)(yoe + era * 400 + (mp >= 10) - 1900);
}

/* v as n decimal digits, zero-padded, at p; returns the end. */
static char *
put(char *p, int v, int n)
{
	int	 i;

	for (i = n - 1; i >= 0; i--, v /= 10)
		p[i] = (char)('0' + v % 10);
	return p + n;
}

/* "Ddd, DD Mon YYYY HH:MM:SS " and zone: HTTP's and RSS's form. */
static char *
stamp(struct arena *a, long long t, const char *zone)
{
	struct tm	 tm;
	char		 s[40], *p = s;

	to_tm(t, &tm);
	memcpy(p, day3[tm.tm_wday], 3);
	p += 3;
	*p++ = ',';
	*p++ = ' ';
	p = put(p, tm.tm_mday, 2);
	*p++ = ' ';
	memcpy(p, mon3[tm.tm_mon], 3);
	p += 3;
	*p++ = ' ';
	p = put(p, tm.tm_year + 1900, 4);
	*p++ = ' ';
	p = put(p, tm.tm_hour, 2);
	*p++ = ':';
	p = put(p, tm.tm_min, 2);
	*p++ = ':';
	p = put(p, tm.tm_sec, 2);
	*p++ = ' ';
	memcpy(p, zone, strlen(zone));
	p += strlen(zone);
	return arena_strndup(a, s, (size_t)(p - s));
}

char *
date_human(struct arena *a, long long t)
{
	struct tm	 tm;
	char		 s[32], *p = s;
	size_t		 n;

	to_tm(t, &tm);
	p = put(p, tm.tm_mday, tm.tm_mday < 10 ? 1 : 2);
	*p++ = ' ';
	n = strlen(months[tm.tm_mon]);
	memcpy(p, months[tm.tm_mon], n);
	p += n;
	*p++ = ' ';
	p = put(p, tm.tm_year + 1900, tm.tm_year + 1900 < 10 ? 1 :
	    tm.tm_year + 1900 < 100 ? 2 : tm.tm_year + 1900 < 1000 ? 3 : 4);
	return arena_strndup(a, s, (size_t)(p - s));
}

char *
date_iso(struct arena *a, long long t)
{
	struct tm	 tm;
	char		 s[20], *p = s;

	to_tm(t, &tm);
	p = put(p, tm.tm_year + 1900, 4);
	*p++ = '-';
	p = put(p, tm.tm_mon + 1, 2);
	*p++ = '-';
	p = put(p, tm.tm_mday, 2);
	*p++ = 'T';
	p = put(p, tm.tm_hour, 2);
	*p++ = ':';
	p = put(p, tm.tm_min, 2);
	*p++ = ':';
	p = put(p, tm.tm_sec, 2);
	*p++ = 'Z';
	return arena_strndup(a, s, (size_t)(p - s));
}

char *
date_http(struct arena *a, long long t)
{
	return stamp(a, t, "GMT");
}

char *
date_rfc822(struct arena *a, long long t)
{
	return stamp(a, t, "+0000");
}

/* The value of n decimal digits at s, or -1 if any is not a digit. */
static int
digits(const char *s, int n)
{
	int	 v = 0;

	for (; n > 0; n--, s++) {
		if (*s < '0' || *s > '9')
			return -1;
		v = v * 10 + (*s - '0');
	}
	return v;
}

long long
date_http_parse(const char *s)
{
	struct tm	 tm;
	int		 i;

	for (i = 0; i < 7 && strncmp(s, day3[i], 3) != 0; i++)
		;
	if (i == 7)
		return -1;
	if (strlen(s) != 29 || s[3] != ',' || s[4] != ' ' || s[7] != ' ' ||
	    s[11] != ' ' || s[16] != ' ' || s[19] != ':' || s[22] != ':' ||
	    strcmp(s + 25, " GMT") != 0)
		return -1;
	memset(&tm, 0, sizeof(tm));
	for (i = 0; i < 12 && strncmp(s + 8, mon3[i], 3) != 0; i++)
		;
	if (i == 12 || (tm.tm_mday = digits(s + 5, 2)) < 1 ||
	    tm.tm_mday > 31 || (tm.tm_year = digits(s + 12, 4)) < 1970 ||
	    (tm.tm_hour = digits(s + 17, 2)) < 0 || tm.tm_hour > 23 ||
	    (tm.tm_min = digits(s + 20, 2)) < 0 || tm.tm_min > 59 ||
	    (tm.tm_sec = digits(s + 23, 2)) < 0 || tm.tm_sec > 60)
		return -1;
	tm.tm_mon = i;
	tm.tm_year -= 1900;
	return (long long)timegm(&tm);
}

long long
date_parse_day(const char *s)
{
	static const int mdays[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31 };
	struct tm	 tm;
	int		 y, m, d;

	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-' ||
	    (y = digits(s, 4)) < 1970 || (m = digits(s + 5, 2)) < 1 ||
	    m > 12 || (d = digits(s + 8, 2)) < 1 || d > mdays[m - 1] ||
	    (m == 2 && d == 29 && !((y % 4 == 0 && y % 100 != 0) ||
	    y % 400 == 0)))
		return -1;
	memset(&tm, 0, sizeof(tm));
	tm.tm_year = y - 1900;
	tm.tm_mon = m - 1;
	tm.tm_mday = d;
	return (long long)timegm(&tm);
}

int
date_parse_hm(const char *s)
{
	int	 h, m;

	if (strlen(s) != 5 || s[2] != ':' || (h = digits(s, 2)) < 0 ||
	    h > 23 || (m = digits(s + 3, 2)) < 0 || m > 59)
		return -1;
	return h * 3600 + m * 60;
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
