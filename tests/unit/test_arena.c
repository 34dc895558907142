/*
 * test_arena: the per-request bump allocator. Alignment, chunk growth,
 * oversized requests, the string helpers, and reuse after a reset.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "arena.h"

#define CHUNK	(64 * 1024)

static void
alloc_is_aligned(void **state)
{
	struct arena	 a;
	size_t		 sizes[] = { 1, 3, 7, 15, 16, 17, 31, 100, 1000, 4095 };
	size_t		 i, round;
	void		*p;

	arena_init(&a);
	for (round = 0; round < 50; round++)
		for (i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
			p = arena_alloc(&a, sizes[i]);
			assert_non_null(p);
			assert_int_equal((uintptr_t)p % 16, 0);
		}
	/* Zero bytes still gives a distinct, aligned pointer. */
	p = arena_alloc(&a, 0);
	assert_non_null(p);
	assert_int_equal((uintptr_t)p % 16, 0);
	assert_ptr_not_equal(p, arena_alloc(&a, 0));
	arena_free(&a);
}

/* Thousands of blocks across several chunks: each keeps its own bytes, so
 * no two blocks overlap. */
static void
many_allocations_across_chunks(void **state)
{
	enum { N = 5000, SZ = 40 };
	struct arena	 a;
	unsigned char	*p[N];
	size_t		 i, j;

	arena_init(&a);
	for (i = 0; i < N; i++) {
		p[i] = arena_alloc(&a, SZ);
		memset(p[i], (int)(i & 0xff), SZ);
	}
	/* 5000 * 48 bytes is more than three 64 KiB chunks. */
	assert_true(a.used >= (size_t)N * SZ);
	assert_true(a.used > 3 * CHUNK);
	for (i = 0; i < N; i++)
		for (j = 0; j < SZ; j++)
			assert_int_equal(p[i][j], i & 0xff);
	arena_free(&a);
	assert_null(a.head);
	assert_int_equal(a.used, 0);
}

static void
big_allocation(void **state)
{
	struct arena	 a;
	unsigned char	*small, *big, *after;
	size_t		 big_n = 3 * CHUNK + 5, i;

	arena_init(&a);
	small = arena_alloc(&a, 10);
	memset(small, 'x', 10);
	big = arena_alloc(&a, big_n);
	assert_int_equal((uintptr_t)big % 16, 0);
	memset(big, 0xab, big_n);
	after = arena_alloc(&a, 10);
	memset(after, 'y', 10);
	for (i = 0; i < big_n; i++)
		assert_int_equal(big[i], 0xab);
	for (i = 0; i < 10; i++) {
		assert_int_equal(small[i], 'x');
		assert_int_equal(after[i], 'y');
	}
	/* A second oversized block, then a reset that must drop both. */
	memset(arena_alloc(&a, 2 * CHUNK), 1, 2 * CHUNK);
	arena_reset(&a);
	assert_int_equal(a.used, 0);
	memset(arena_alloc(&a, 100), 2, 100);
	arena_free(&a);
}

static void
calloc_zeroes(void **state)
{
	struct arena	 a;
	unsigned char	*p;
	size_t		 i;

	arena_init(&a);
	/* Dirty the chunk first, then reset so calloc reuses the bytes. */
	memset(arena_alloc(&a, 1000), 0xff, 1000);
	arena_reset(&a);
	p = arena_calloc(&a, 25, 40);
	for (i = 0; i < 1000; i++)
		assert_int_equal(p[i], 0);
	arena_free(&a);
}

static void
strings(void **state)
{
	struct arena	 a;
	const char	*src = "hello, world";
	char		*s;

	arena_init(&a);
	s = arena_strndup(&a, src, 5);
	assert_string_equal(s, "hello");
	assert_ptr_not_equal(s, src);
	s = arena_strndup(&a, "", 0);
	assert_string_equal(s, "");
	/* strndup copies exactly len bytes, even past a NUL it does not
	 * look for: the length is the caller's. */
	s = arena_strndup(&a, "ab\0cd", 5);
	assert_memory_equal(s, "ab\0cd", 6);
	s = arena_strdup(&a, src);
	assert_string_equal(s, src);
	s = arena_printf(&a, "%s-%d-%05.1f-%lld", "x", 42, 3.14159, -7LL);
	assert_string_equal(s, "x-42-003.1--7");
	s = arena_printf(&a, "%s", "");
	assert_string_equal(s, "");
	arena_free(&a);
}

static void
printf_long(void **state)
{
	struct arena	 a;
	char		 want[100001];
	char		*s;

	arena_init(&a);
	memset(want, 'q', sizeof(want) - 1);
	want[sizeof(want) - 1] = '\0';
	s = arena_printf(&a, "<%s>", want);
	assert_int_equal(strlen(s), sizeof(want) - 1 + 2);
	assert_int_equal(s[0], '<');
	assert_int_equal(s[sizeof(want)], '>');
	assert_memory_equal(s + 1, want, sizeof(want) - 1);
	arena_free(&a);
}

/* After a reset the first chunk is kept and handed out again from its
 * start; a steady stream of requests reuses the same memory. */
/* arena_grow keeps every element in order while the array moves. */
static void
grow_keeps_elements(void **state)
{
	struct arena	 a;
	long long	*v = NULL;
	size_t		 cap = 0, n, i;

	arena_init(&a);
	for (n = 0; n < 1000; n++) {
		v = arena_grow(&a, v, n, &cap, sizeof(*v));
		assert_true(cap > n);
		v[n] = (long long)n * 7;
	}
	for (i = 0; i < n; i++)
		assert_int_equal(v[i], (long long)i * 7);
	/* Not full: the same array comes back. */
	assert_ptr_equal(arena_grow(&a, v, 5, &cap, sizeof(*v)), v);
	arena_free(&a);
}

static void
reset_then_reuse(void **state)
{
	struct arena	 a;
	char		*first, *again;
	int		 i;

	arena_init(&a);
	first = arena_strdup(&a, "first request");
	for (i = 0; i < 3000; i++)	/* spill into more chunks */
		(void)arena_alloc(&a, 64);
	assert_true(a.used > CHUNK);
	arena_reset(&a);
	assert_int_equal(a.used, 0);
	assert_non_null(a.head);
	again = arena_strdup(&a, "second request");
	assert_ptr_equal(again, first);
	assert_string_equal(again, "second request");
	assert_int_equal(a.used, 16);

	/* Resetting an empty arena and a fresh one is harmless. */
	arena_reset(&a);
	arena_reset(&a);
	assert_int_equal(a.used, 0);
	arena_free(&a);
	arena_reset(&a);
	arena_init(&a);
	arena_reset(&a);
	assert_string_equal(arena_strdup(&a, "ok"), "ok");
	arena_free(&a);
}

/* arena_printf() formats into the chunk's free end, and again elsewhere
 * when the text does not fit: at every room left around the text's size,
 * the text is whole, the earlier allocations untouched, and the next
 * allocation does not overlap it. */
static void
printf_at_chunk_end(void **state)
{
	struct arena	 a;
	char		*fill, *s, *next;
	char		 want[64];
	size_t		 left, i;

	(void)state;
	memset(want, 'y', 40);
	want[40] = '\0';
	for (left = 0; left <= 96; left += 16) {
		arena_init(&a);
		fill = arena_alloc(&a, 64 * 1024 - left);
		memset(fill, 'f', 64 * 1024 - left);
		s = arena_printf(&a, "%s", want);
		assert_string_equal(s, want);
		next = arena_alloc(&a, 16);
		memset(next, 'n', 16);
		assert_string_equal(s, want);
		for (i = 0; i < 64 * 1024 - left; i++)
			if (fill[i] != 'f')
				fail_msg("room %zu: byte %zu overwritten", left, i);
		arena_free(&a);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(alloc_is_aligned),
		cmocka_unit_test(many_allocations_across_chunks),
		cmocka_unit_test(big_allocation),
		cmocka_unit_test(calloc_zeroes),
		cmocka_unit_test(strings),
		cmocka_unit_test(printf_long),
		cmocka_unit_test(printf_at_chunk_end),
		cmocka_unit_test(reset_then_reuse),
		cmocka_unit_test(grow_keeps_elements),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
