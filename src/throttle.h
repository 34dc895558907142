/*
 * throttle: the rules of the sign-in's brute-force limit, with no SQL and
 * no HTTP: how long a key waits after its failures (a delay that doubles,
 * never a wall), and the key of a client address (an IPv6 /64, an IPv4
 * address). db_failure keeps the counts; h_admin_auth applies them.
 */
#ifndef QUIRE_THROTTLE_H
#define QUIRE_THROTTLE_H

#include <stddef.h>

#define THROTTLE_FREE	3	/* failures a key has before any delay */
#define THROTTLE_MAX	600	/* seconds: the longest delay */
#define THROTTLE_FORGET	86400	/* seconds without a failure: forgotten */
#define THROTTLE_KEY_MAX 64	/* bytes of an address key, NUL included */

/* Seconds a key must wait after its latest failure, having failures in
 * all: 0 up to THROTTLE_FREE - 1, then 1, 2, 4, ... up to THROTTLE_MAX. */
long long	throttle_delay(long long failures);
/* Seconds to wait now (0: may try) for a key with failures, the latest at
 * last. */
long long	throttle_wait(long long failures, long long last, long long now);
/* The key of a client address into out: "ip:192.0.2.7" for IPv4 (and an
 * IPv4-mapped IPv6 address), "ip:2001:db8:1:2::/64" for IPv6 (the /64 a
 * single subscriber gets, written canonically, so every spelling of it is
 * one key), "ip:-" for anything that is not an address. Always
 * NUL-terminated; never longer than THROTTLE_KEY_MAX. */
void		throttle_addr_key(const char *addr, char out[THROTTLE_KEY_MAX]);

#endif
