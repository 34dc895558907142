/*
 * pwslot: how many password checks (argon2id, about 0.3 s of a worker
 * each) may run at once across every worker and CGI process of a site, so
 * that readers always find a worker free. A slot is a byte of a lock file
 * beside the database, taken with a non-blocking open-file-description
 * lock (fcntl F_OFD_SETLK): the kernel drops it when the holder closes the
 * file or dies, so a worker killed mid-check leaks nothing.
 */
#ifndef QUIRE_PWSLOT_H
#define QUIRE_PWSLOT_H

/* A taken slot: the lock file's descriptor (closing it frees the slot)
 * and which byte. */
struct pwslot {
	int	 fd;
	int	 slot;
};

/* The lock file of the database at db_path: db_path with "-signin"
 * appended, into out (size bytes). -1 if it does not fit. */
int	pwslot_path(const char *db_path, char *out, unsigned size);
/* The slots checks share: max(1, workers - 1), so that one worker of
 * several is always left to readers. */
int	pwslot_count(int workers);
/*
 * Takes a free slot among [first, first + n) of the lock file at path
 * (created 0600 if missing) without waiting. 1 taken (*out holds it until
 * pwslot_give), 0 all busy, -1 error (logged).
 */
int	pwslot_take(const char *path, int first, int n, struct pwslot *out);
/* Frees a slot taken by pwslot_take; harmless on one with fd -1. */
void	pwslot_give(struct pwslot *);

#endif
