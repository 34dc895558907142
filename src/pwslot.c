/*
 * pwslot: byte i of the lock file is slot i. Open-file-description locks
 * (not classic POSIX ones) so that two requests of one process could not
 * share a lock by accident, and so that the lock lives exactly as long as
 * the descriptor opened for the attempt. The file holds no data.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "log.h"
#include "pwslot.h"

int
pwslot_path(const char *db_path, char *out, unsigned size)
{
	int	 n;

	n = snprintf(out, size, "%s-signin", db_path);
	if (n < 0 || (unsigned)n >= size) {
		log_err("%s: database path too long for its lock file",
		    __func__);
		return -1;
	}
	return 0;
}

int
pwslot_count(int workers)
{
	return workers > 2 ? workers - 1 : 1;
}

int
pwslot_take(const char *path, int first, int n, struct pwslot *out)
{
	struct flock	 fl;
	int		 fd, i;

	out->fd = -1;
	out->slot = -1;
	if ((fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600)) == -1) {
		log_err("%s: %s: %s", __func__, path, strerror(errno));
		return -1;
	}
	for (i = first; i < first + n; i++) {
		memset(&fl, 0, sizeof(fl));
		fl.l_type = F_WRLCK;
		fl.l_whence = SEEK_SET;
		fl.l_start = i;
		fl.l_len = 1;
		if (fcntl(fd, F_OFD_SETLK, &fl) == 0) {
			out->fd = fd;
			out->slot = i;
			return 1;
		}
		if (errno != EAGAIN && errno != EACCES) {
			log_err("%s: %s: %s", __func__, path,
			    strerror(errno));
			close(fd);
			return -1;
		}
	}
	close(fd);
	return 0;
}

void
pwslot_give(struct pwslot *s)
{
	if (s->fd != -1)
		close(s->fd);
	s->fd = -1;
	s->slot = -1;
}
