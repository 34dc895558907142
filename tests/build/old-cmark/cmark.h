/*
 * A cmark 0.28 for tests/build/cmark-version.sh: the installed cmark.h with
 * an older version number. cmark.h takes its version from cmark_version.h,
 * whose guard is set here first, so the number below is the one it sees;
 * everything else is the real header, so the #error is the only thing that
 * can stop the build.
 */
#ifndef QUIRE_TEST_OLD_CMARK_H
#define QUIRE_TEST_OLD_CMARK_H

#define CMARK_VERSION_H
#define CMARK_VERSION		((0 << 16) | (28 << 8) | 3)	/* 0x001c03 */
#define CMARK_VERSION_STRING	"0.28.3"

#include_next <cmark.h>

#endif
