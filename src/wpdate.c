/*
 * wpdate: the dates of a WordPress export (wpdate.h), read with sscanf and
 * timegm(); a date that timegm() would normalise (February 30) is no
 * date.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "wpdate.h"

int
wpdate_parse(const char *s, long long *t, int *zero)
{
	struct tm	 tm, back;
	time_t		 v;
	size_t		 i;

	*zero = s == NULL || *s == '\0' ||
	    strcmp(s, "0000-00-00 00:00:00") == 0;
	if (*zero)
		return 0;
	if (strlen(s) != 19)
		return -1;
	for (i = 0; i < 19; i++)
		if (s[i] != "dddd-dd-dd dd:dd:dd"[i] && !(s[i] >= '0' &&
		    s[i] <= '9' && "dddd-dd-dd dd:dd:dd"[i] == 'd'))
			return -1;
	memset(&tm, 0, sizeof(tm));
	if (sscanf(s, "%4d-%2d-%2d %2d:%2d:%2d", &tm.tm_year, &tm.tm_mon,
	    &tm.tm_mday, &tm.tm_hour, &tm.tm_min, &tm.tm_sec) != 6 ||
	    tm.tm_year < 1970 || tm.tm_mon < 1 || tm.tm_mon > 12)
		return -1;
	tm.tm_year -= 1900;
	tm.tm_mon--;
	back = tm;
	v = timegm(&tm);
	if (tm.tm_mday != back.tm_mday || tm.tm_mon != back.tm_mon ||
	    tm.tm_hour != back.tm_hour || tm.tm_min != back.tm_min ||
	    tm.tm_sec != back.tm_sec)
		return -1;
	*t = (long long)v;
	return 0;
}

int
wpdate_zone(const char *s, long *off)
{
	static const struct { const char *name; int hours; } names[] = {
		{ "GMT", 0 }, { "UT", 0 }, { "UTC", 0 }, { "Z", 0 },
		{ "EST", -5 }, { "EDT", -4 }, { "CST", -6 }, { "CDT", -5 },
		{ "MST", -7 }, { "MDT", -6 }, { "PST", -8 }, { "PDT", -7 },
	};
	const char	*z;
	size_t		 i;

	if (s == NULL || strstr(s, " -0001 ") != NULL ||
	    (z = strrchr(s, ' ')) == NULL)
		return -1;
	z++;
	/* +HHMM of a real zone: less than a day, minutes below 60. */
	if ((z[0] == '+' || z[0] == '-') && strlen(z) == 5 &&
	    strspn(z + 1, "0123456789") == 4 && (z[1] < '2' ||
	    (z[1] == '2' && z[2] < '4')) && z[3] < '6') {
		*off = ((z[1] - '0') * 10 + z[2] - '0') * 3600L +
		    ((z[3] - '0') * 10 + z[4] - '0') * 60L;
		if (z[0] == '-')
			*off = -*off;
		return 0;
	}
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strcmp(z, names[i].name) == 0) {
			*off = names[i].hours * 3600L;
			return 0;
		}
	return -1;
}
