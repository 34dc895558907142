/*
 * test_rcache: the render cache (rcache.c): hits only for the revision
 * kept, a new revision in place of the old, the byte bound kept by letting
 * the least recently used go, clear, and the counts.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "rcache.h"

static int
has(struct rcache *k, long long id, long long rev, const char *want)
{
	const char	*t;
	size_t		 len;
	long long	 n;

	if (!rcache_get(k, RC_ARTICLE, id, rev, &t, &len, &n))
		return 0;
	assert_int_equal(len, strlen(want));
	assert_memory_equal(t, want, len);
	assert_int_equal(t[len], '\0');
	assert_int_equal(n, id * 10);
	return 1;
}

static void
revisions(void **state)
{
	struct rcache		*k = rcache_new(1 << 20);
	struct rcache_stats	 s;

	(void)state;
	assert_false(has(k, 1, 1, "one"));
	rcache_put(k, RC_ARTICLE, 1, 1, "one", 3, 10);
	assert_true(has(k, 1, 1, "one"));
	/* Another revision is not this one, and replaces it. */
	assert_false(has(k, 1, 2, "two"));
	rcache_put(k, RC_ARTICLE, 1, 2, "two", 3, 10);
	assert_true(has(k, 1, 2, "two"));
	assert_false(has(k, 1, 1, "one"));
	/* A page with the same id is another entry. */
	assert_int_equal(rcache_get(k, RC_PAGE, 1, 2, &(const char *){ 0 },
	    &(size_t){ 0 }, &(long long){ 0 }), 0);
	rcache_stats(k, &s);
	assert_int_equal(s.entries, 1);
	assert_int_equal(s.hits, 2);
	assert_int_equal(s.misses, 4);
	rcache_clear(k);
	assert_false(has(k, 1, 2, "two"));
	rcache_stats(k, &s);
	assert_int_equal(s.entries, 0);
	assert_int_equal(s.bytes, 0);
	rcache_free(k);
}

static void
bound(void **state)
{
	char			 text[1000];
	struct rcache		*k;
	struct rcache_stats	 s;
	long long		 id;

	(void)state;
	memset(text, 'x', sizeof(text));
	k = rcache_new(10 * 1100);
	for (id = 1; id <= 20; id++) {
		rcache_put(k, RC_ARTICLE, id, 1, text, sizeof(text), id * 10);
		rcache_stats(k, &s);
		assert_true(s.bytes <= s.max);
		/* Read 1 each time: the most recently used is kept. */
		assert_true(rcache_get(k, RC_ARTICLE, 1, 1,
		    &(const char *){ 0 }, &(size_t){ 0 }, &(long long){ 0 }));
	}
	rcache_stats(k, &s);
	assert_true(s.entries >= 8 && s.entries < 20);
	assert_true(rcache_get(k, RC_ARTICLE, 20, 1, &(const char *){ 0 },
	    &(size_t){ 0 }, &(long long){ 0 }));
	assert_false(rcache_get(k, RC_ARTICLE, 2, 1, &(const char *){ 0 },
	    &(size_t){ 0 }, &(long long){ 0 }));
	/* Larger than the whole cache: not kept, nothing let go for it. */
	{
		static char	 big[20000];

		rcache_put(k, RC_ARTICLE, 99, 1, big, sizeof(big), 990);
		assert_false(rcache_get(k, RC_ARTICLE, 99, 1,
		    &(const char *){ 0 }, &(size_t){ 0 },
		    &(long long){ 0 }));
		assert_true(rcache_get(k, RC_ARTICLE, 1, 1,
		    &(const char *){ 0 }, &(size_t){ 0 },
		    &(long long){ 0 }));
	}
	rcache_free(k);
	/* 0 bytes: keeps nothing. */
	k = rcache_new(0);
	rcache_put(k, RC_ARTICLE, 1, 1, "one", 3, 10);
	assert_false(has(k, 1, 1, "one"));
	rcache_free(k);
}

/* Many entries: the table grows and every entry is still found. */
static void
many(void **state)
{
	struct rcache	*k = rcache_new(64 << 20);
	char		 t[32];
	long long	 id;

	(void)state;
	for (id = 1; id <= 5000; id++) {
		snprintf(t, sizeof(t), "body %lld", id);
		rcache_put(k, RC_ARTICLE, id, id % 7, t, strlen(t), id * 10);
	}
	for (id = 1; id <= 5000; id++) {
		snprintf(t, sizeof(t), "body %lld", id);
		assert_true(has(k, id, id % 7, t));
	}
	rcache_free(k);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(revisions),
		cmocka_unit_test(bound),
		cmocka_unit_test(many),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
