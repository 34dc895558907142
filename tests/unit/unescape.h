/*
 * unescape: the escapes of the one-line cases in tests/unit/cases/ that
 * the tag and redirect tests read: \xHH, \t and \\, undone in
 * place. Include once, in a test file.
 */
#ifndef QUIRE_TEST_UNESCAPE_H
#define QUIRE_TEST_UNESCAPE_H

#include <stdlib.h>

/* Unescapes \xHH, \t and \\ in place. */
static void
case_unescape(char *s)
{
	char	*o = s;
	char	 hex[3] = { 0 };

	while (*s != '\0') {
		if (s[0] == '\\' && s[1] == 'x' && s[2] != '\0' && s[3] != '\0') {
			hex[0] = s[2];
			hex[1] = s[3];
			*o++ = (char)strtol(hex, NULL, 16);
			s += 4;
		} else if (s[0] == '\\' && s[1] == 't') {
			*o++ = '\t';
			s += 2;
		} else if (s[0] == '\\' && s[1] == '\\') {
			*o++ = '\\';
			s += 2;
		} else
			*o++ = *s++;
	}
	*o = '\0';
}

#endif
