/*
 * utf8: one decoder (see utf8.h), RFC 3629's rules.
 */
#include "utf8.h"

long
utf8_decode(const unsigned char *s, size_t len, size_t *n)
{
	unsigned long	 cp, min;
	size_t		 k;

	*n = 1;
	if (len == 0)
		return -1;
	if (s[0] < 0x80)
		return s[0];
	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		k = 2, cp = s[0] & 0x1f, min = 0x80;
	else if (s[0] >= 0xe0 && s[0] <= 0xef)
		k = 3, cp = s[0] & 0x0f, min = 0x800;
	else if (s[0] >= 0xf0 && s[0] <= 0xf4)
		k = 4, cp = s[0] & 0x07, min = 0x10000;
	else
		return -1;
	if (k > len)
		return -1;
	for (*n = 1; *n < k; (*n)++) {
		if ((s[*n] & 0xc0) != 0x80) {
			*n = 1;
			return -1;
		}
		cp = cp << 6 | (s[*n] & 0x3f);
	}
	if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) {
		*n = 1;
		return -1;
	}
	return (long)cp;
}
