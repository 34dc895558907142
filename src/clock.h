/*
 * clock: the time every request sees. The wall clock, unless the process
 * was started with a clock file (tests: quire serve --clock FILE, or
 * QUIRE_CLOCK in CGI mode), which then says what time it is.
 */
#ifndef QUIRE_CLOCK_H
#define QUIRE_CLOCK_H

/* Process config, set once before serving: NULL (the default) is the wall
 * clock. The file holds Unix seconds ("1767225600"), or an offset from the
 * wall clock ("+3600", "-60"); read at every clock_now(), so a test moves
 * time by rewriting it. A missing, empty or malformed file is the wall
 * clock (logged). */
void		 clock_init(const char *file);
/* Now, in Unix seconds. */
long long	 clock_now(void);

#endif
