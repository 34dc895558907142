/*
 * fuzz_signin: what the sign-in makes of a client's address and its device
 * cookie (both outside input: REMOTE_ADDR or X-Forwarded-For, and a
 * Cookie header). Input: the bytes, as a string, are an address for
 * throttle_addr_key() and a cookie for auth_device_check(); and, XORed
 * over a cookie signed for user 7, a forgery. Checks: a key is "ip:-" or
 * "ip:" and an address that parses again (an IPv6 one with its low 64
 * bits zero and "/64"), and the key of that address is the same key; no
 * string is taken as a device cookie but the one signed, and a signed
 * cookie with any byte changed is refused.
 */
#include <arpa/inet.h>

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "auth.h"
#include "throttle.h"
#include "fuzz.h"

static void
check_key(const char *s)
{
	char		 key[THROTTLE_KEY_MAX], again[THROTTLE_KEY_MAX];
	char		 addr[THROTTLE_KEY_MAX];
	unsigned char	 a6[16];
	struct in_addr	 a4;
	size_t		 len;

	throttle_addr_key(s, key);
	len = strlen(key);
	CHECK(len < THROTTLE_KEY_MAX && strncmp(key, "ip:", 3) == 0);
	if (strcmp(key, "ip:-") == 0)
		return;
	memcpy(addr, key + 3, len - 3 + 1);
	if (len > 6 && strcmp(key + len - 3, "/64") == 0) {
		addr[len - 6] = '\0';
		CHECK(inet_pton(AF_INET6, addr, a6) == 1);
		CHECK(memcmp(a6 + 8, "\0\0\0\0\0\0\0\0", 8) == 0);
	} else
		CHECK(inet_pton(AF_INET, addr, &a4) == 1);
	throttle_addr_key(addr, again);
	CHECK(strcmp(key, again) == 0);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static unsigned char	 key[AUTH_KEY];
	static char		 signed7[AUTH_DEVICE_MAX];
	char			 s[AUTH_DEVICE_MAX * 2], forged[AUTH_DEVICE_MAX];
	char			 id[AUTH_DEVICE_ID + 1];
	size_t			 i, n, len;
	int			 changed = 0;

	if (signed7[0] == '\0') {
		if (auth_init() == -1)
			abort();
		auth_new_key(key);
		auth_device_new(key, 7, signed7);
	}
	n = size < sizeof(s) - 1 ? size : sizeof(s) - 1;
	memcpy(s, data, n);
	s[n] = '\0';
	check_key(s);
	CHECK(auth_device_check(key, 7, s, id) == (strcmp(s, signed7) == 0));

	len = strlen(signed7);
	memcpy(forged, signed7, len + 1);
	for (i = 0; i < len && i < size; i++) {
		forged[i] ^= (char)data[i];
		changed |= data[i] != 0;
	}
	if (memchr(forged, '\0', len) != NULL)
		return 0;
	CHECK(auth_device_check(key, 7, forged, id) == !changed);
	if (!changed)
		CHECK(strlen(id) == AUTH_DEVICE_ID);
	return 0;
}
