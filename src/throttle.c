/*
 * throttle: the schedule and the address keys. A delay rather than a
 * lockout: whoever hammers a key only makes that key slower, and an author
 * holding a device cookie is counted under the device's own key.
 */
#include <arpa/inet.h>

#include <stdio.h>
#include <string.h>

#include "throttle.h"

long long
throttle_delay(long long failures)
{
	long long	 d = 1;
	long long	 n;

	if (failures < THROTTLE_FREE)
		return 0;
	for (n = THROTTLE_FREE; n < failures && d < THROTTLE_MAX; n++)
		d *= 2;
	return d < THROTTLE_MAX ? d : THROTTLE_MAX;
}

long long
throttle_wait(long long failures, long long last, long long now)
{
	long long	 until = last + throttle_delay(failures);

	return until > now ? until - now : 0;
}

void
throttle_addr_key(const char *addr, char out[THROTTLE_KEY_MAX])
{
	static const unsigned char	 mapped[12] = { 0, 0, 0, 0, 0, 0, 0, 0,
					    0, 0, 0xff, 0xff };
	unsigned char			 a6[16];
	struct in_addr			 a4;
	char				 s[INET6_ADDRSTRLEN];

	if (inet_pton(AF_INET, addr, &a4) == 1) {
		if (inet_ntop(AF_INET, &a4, s, sizeof(s)) != NULL) {
			snprintf(out, THROTTLE_KEY_MAX, "ip:%s", s);
			return;
		}
	} else if (inet_pton(AF_INET6, addr, a6) == 1) {
		if (memcmp(a6, mapped, sizeof(mapped)) == 0) {
			memcpy(&a4, a6 + 12, 4);
			if (inet_ntop(AF_INET, &a4, s, sizeof(s)) != NULL) {
				snprintf(out, THROTTLE_KEY_MAX, "ip:%s", s);
				return;
			}
		} else {
			memset(a6 + 8, 0, 8);
			if (inet_ntop(AF_INET6, a6, s, sizeof(s)) != NULL) {
				snprintf(out, THROTTLE_KEY_MAX, "ip:%s/64", s);
				return;
			}
		}
	}
	snprintf(out, THROTTLE_KEY_MAX, "ip:-");
}
