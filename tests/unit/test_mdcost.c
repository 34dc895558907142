/*
 * test_mdcost: what a Markdown text costs to render (mdcost.c). The walk
 * count against figures worked out by hand from cmark 0.30.2's bracket
 * stack; the verdicts on the body and on a big ordinary article,
 * which must not depend on the machine: the first is refused without a
 * render, the second is 140 times under the limit, and a limit of 0 ns
 * shows that the timed render is what refuses when the walk does not.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "arena.h"
#include "mdcost.h"

#include "fixture.h"

/* s repeated n times, in the arena. */
static const char *
rep(const char *s, size_t n)
{
	size_t	 len = strlen(s), i;
	char	*out = arena_alloc(&A, len * n + 1);

	for (i = 0; i < n; i++)
		memcpy(out + i * len, s, len);
	out[len * n] = '\0';
	return out;
}

static unsigned long long
walk(const char *s)
{
	return mdcost_walk(&A, s, strlen(s));
}

/* "![[]()" k: k images on the stack when the k-th link walks them all. */
static void
walk_quadratic(void **state)
{
	assert_int_equal(walk(rep("![[]()", 1)), 1);
	assert_int_equal(walk(rep("![[]()", 100)), 5050);
	assert_int_equal(walk(rep("![ [x](/u) ", 1000)), 500500);
	/* A reference link walks the same. */
	assert_int_equal(walk(rep("![[x]", 100)), 5050);
}

/* Links stop the walk at the first inactive link: linear. */
static void
walk_linear(void **state)
{
	/* The first walks one; each after, the new link and the last. */
	assert_int_equal(walk(rep("[[]()", 100)), 199);
	assert_int_equal(walk(rep("[a](b) ", 1000)), 0);
	assert_int_equal(walk(rep("![a](b) ", 1000)), 0);
	assert_int_equal(walk(rep("[", 1000)), 0);
	assert_int_equal(walk(rep("]", 1000)), 0);
	assert_int_equal(walk(""), 0);
}

/* A blank line ends the paragraph, and cmark's stack with it; an
 * escaped bracket is no opener. */
static void
walk_blocks(void **state)
{
	assert_int_equal(walk("![\n[]()"), 1);
	assert_int_equal(walk("![\n\n[]()"), 0);
	assert_int_equal(walk("![\n \t\n[]()"), 0);
	/* After "\\!" the "[" opens a link, not an image: no pile. */
	assert_int_equal(walk(rep("\\![[]()", 100)), 199);
	assert_int_equal(walk("!\\[[]()"), 0);
	assert_int_equal(walk(rep("![[]()\n\n", 1000)), 1000);
}

/* The body at the editor's limit (500,000 characters): refused
 * by the walk, with words the author can act on. */
static void
slow_refused(void **state)
{
	const char	*s = rep("![[]()", 83333), *why;

	assert_true(walk(s) > MDCOST_WALK_MAX);
	assert_int_equal(mdcost_slow(&A, s, strlen(s), MDCOST_LIMIT_NS, &why),
	    1);
	assert_non_null(why);
	assert_non_null(strstr(why, "\"![\""));
	/* Just under the walk's limit, a few thousand of them render in
	 * milliseconds and pass. */
	s = rep("![[]()", 4000);
	assert_true(walk(s) <= MDCOST_WALK_MAX);
	assert_int_equal(mdcost_slow(&A, s, strlen(s), MDCOST_LIMIT_NS, &why),
	    0);
	assert_null(why);
}

/* About 200 KB of ordinary Markdown: under the limit; over a limit of no
 * time at all, refused by the clock with its own message. */
static void
ordinary(void **state)
{
	const char	*s, *why;

	s = rep("## A section\n\nSome *ordinary* prose with a "
	    "[link](https://example.org/x), `code`, an image "
	    "![alt](/static/i.png) and **bold** words -- \"quotes\"... "
	    "[brackets] (parens).\n\n- item one\n- item [two](/two)\n\n"
	    "> a quote\n\n```\ncode [block] ![x\n```\n\n", 1000);
	assert_true(strlen(s) > 200000);
	assert_true(walk(s) < 10000);
	assert_int_equal(mdcost_slow(&A, s, strlen(s), MDCOST_LIMIT_NS, &why),
	    0);
	assert_int_equal(mdcost_slow(&A, s, strlen(s), 0, &why), 1);
	assert_non_null(strstr(why, "too long to render"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(walk_quadratic),
		cmocka_unit_test(walk_linear),
		cmocka_unit_test(walk_blocks),
		cmocka_unit_test(slow_refused),
		cmocka_unit_test(ordinary),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
