/*
 * clock: time(2), or the tests' clock file. Reading the file costs an
 * open and a read per request, and only when a clock file was given.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "clock.h"
#include "log.h"

/* Process config: the clock file, or NULL. */
static const char	*clock_file;

void
clock_init(const char *file)
{
	clock_file = file != NULL && *file != '\0' ? file : NULL;
}

long long
clock_now(void)
{
	char		 s[32], *end;
	long long	 wall = (long long)time(NULL), v;
	ssize_t		 n;
	int		 fd;

	if (clock_file == NULL)
		return wall;
	if ((fd = open(clock_file, O_RDONLY | O_CLOEXEC)) == -1) {
		log_warn("%s: %s; using the wall clock", clock_file,
		    strerror(errno));
		return wall;
	}
	n = read(fd, s, sizeof(s) - 1);
	close(fd);
	if (n <= 0) {
		log_warn("%s: empty; using the wall clock", clock_file);
		return wall;
	}
	s[n] = '\0';
	errno = 0;
	v = strtoll(s, &end, 10);
	while (*end == '\n' || *end == ' ')
		end++;
	if (errno != 0 || end == s || *end != '\0') {
		log_warn("%s: not a time in seconds; using the wall clock",
		    clock_file);
		return wall;
	}
	return s[0] == '+' || s[0] == '-' ? wall + v : v;
}
