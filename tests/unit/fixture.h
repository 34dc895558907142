/*
 * fixture: the per-test arena most unit tests need, as cmocka group
 * setup/teardown. Include once, after cmocka.h, in a test file.
 */
#ifndef QUIRE_TEST_FIXTURE_H
#define QUIRE_TEST_FIXTURE_H

#include "arena.h"

static struct arena	 A;

static int
setup(void **state)
{
	(void)state;
	arena_init(&A);
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	arena_free(&A);
	return 0;
}

#endif
