/*
 * date: UTC calendar arithmetic and the date formats pages show. Strings go
 * into the caller's arena.
 */
#ifndef QUIRE_DATE_H
#define QUIRE_DATE_H

#include "arena.h"

/* "14 March 2022" */
char		*date_human(struct arena *, long long t);
/* "2022-03-14T09:00:00Z", for <time datetime> and feeds */
char		*date_iso(struct arena *, long long t);
/* "March"; month is 1..12 */
const char	*date_month_name(int month);
/* Year and month (1..12) of t. */
void		 date_year_month(long long t, int *year, int *month);
/* [from, to) of a month (month 1..12) or, with month 0, of a year. */
void		 date_range(int year, int month, long long *from, long long *to);

#endif
