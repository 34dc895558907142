/*
 * date: UTC calendar arithmetic and the date formats pages show. Strings go
 * into the caller's arena.
 */
#ifndef QUIRE_DATE_H
#define QUIRE_DATE_H

#include "arena.h"

/* "14 March 2022" */
char		*date_human(struct arena *, long long t);
/* "2022-03-14T09:00:00Z": RFC 3339, for <time datetime>, Atom and JSON
 * Feed */
char		*date_iso(struct arena *, long long t);
/* "Sun, 06 Nov 1994 08:49:37 GMT", RFC 9110's IMF-fixdate, for HTTP */
char		*date_http(struct arena *, long long t);
/* "Mon, 14 Mar 2022 09:00:00 +0000": RFC 822 (with RFC 1123's four-digit
 * year), for RSS 2.0 */
char		*date_rfc822(struct arena *, long long t);
/* An IMF-fixdate as Unix seconds, or -1 if s is not one. The obsolete
 * formats are not worth their parsers here: a cache that sends one gets a
 * full answer. */
long long	 date_http_parse(const char *s);
/* "YYYY-MM-DD" as the Unix seconds of its midnight, UTC, or -1 unless it
 * is a real day from 1970 on. */
long long	 date_parse_day(const char *s);
/* "HH:MM" (24-hour) as seconds after midnight, or -1. */
int		 date_parse_hm(const char *s);
/* "March"; month is 1..12 */
const char	*date_month_name(int month);
/* Year and month (1..12) of t. */
void		 date_year_month(long long t, int *year, int *month);
/* [from, to) of a month (month 1..12) or, with month 0, of a year. */
void		 date_range(int year, int month, long long *from, long long *to);

#endif
