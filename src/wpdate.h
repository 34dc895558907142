/*
 * wpdate: the two kinds of date in a WordPress export: its database's
 * "YYYY-MM-DD HH:MM:SS" (wp:post_date_gmt, wp:post_date) and the zone of
 * RSS's RFC 822 pubDate. For wxr.c; no allocation.
 */
#ifndef QUIRE_WPDATE_H
#define QUIRE_WPDATE_H

/* "YYYY-MM-DD HH:MM:SS" (1970 on) as Unix seconds, as if it were UTC, in
 * *t; *zero and 0 for "0000-00-00 00:00:00", "" or NULL (WordPress's no
 * date); -1 if s is no real time. */
int	wpdate_parse(const char *s, long long *t, int *zero);
/* The zone of an RFC 822 date ("Tue, 12 Mar 2019 09:30:00 +0100", or
 * GMT, UT, Z and the North American names) in seconds east of UTC in
 * *off; -1 if it has none, is WordPress's "-0001" date of drafts, or
 * is no real zone (+HHMM a day or more from UTC, or MM past 59). */
int	wpdate_zone(const char *s, long *off);

#endif
