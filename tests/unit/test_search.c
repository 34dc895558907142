/*
 * test_search: the search box's query builder and snippet marker
 * (src/search.c), from the data file tests/unit/cases/search.txt (its
 * format is at its top), plus the q field's length rule. Every case is a
 * cmocka test named by its line; a missing file, a file without cases or
 * a malformed line fails the first test, "search.txt: read", so the
 * suite cannot pass by reading nothing.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "arena.h"
#include "search.h"

#define CASES	"tests/unit/cases/search.txt"

enum kind {
	K_QUERY,
	K_MARK,
};

struct tcase {
	int		 line;
	enum kind	 kind;
	const char	*in;
	size_t		 inlen;
	const char	*want;		/* NULL: no query */
	size_t		 wantlen;
	size_t		 dropped;
};

static struct arena	 D, A;
static struct tcase	*cases;
static size_t		 ncases, cap;
static char		 errors[4096];
static size_t		 errlen;

static void
bad(int line, const char *why)
{
	int	 n;

	if (errlen >= sizeof(errors) - 1)
		return;
	n = snprintf(errors + errlen, sizeof(errors) - errlen, "%s:%d: %s\n",
	    CASES, line, why);
	if (n > 0)
		errlen += (size_t)n;
}

static int
hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

/* Decodes the escapes of s[0..len) into the arena; -1 on a bad one. */
static int
unescape(const char *s, size_t len, const char **out, size_t *olen)
{
	char	*o = arena_alloc(&D, len + 1);
	size_t	 i, n = 0;
	int	 hi, lo;

	for (i = 0; i < len; i++) {
		if (s[i] != '\\') {
			o[n++] = s[i];
			continue;
		}
		if (++i == len)
			return -1;
		if (s[i] == '\\')
			o[n++] = '\\';
		else if (s[i] == 'n')
			o[n++] = '\n';
		else if (s[i] == 't')
			o[n++] = '\t';
		else if (s[i] == 'x' && i + 2 < len &&
		    (hi = hexval(s[i + 1])) != -1 &&
		    (lo = hexval(s[i + 2])) != -1 && (hi | lo) != 0) {
			o[n++] = (char)(hi << 4 | lo);
			i += 2;
		} else
			return -1;
	}
	o[n] = '\0';
	*out = o;
	*olen = n;
	return 0;
}

static const char *
parse(struct tcase *c, char *line)
{
	char		*arrow, *rhs, *plus;
	const char	*in;
	size_t		 n;

	if (strncmp(line, "q ", 2) == 0) {
		c->kind = K_QUERY;
		in = line + 2;
	} else if (strncmp(line, "mark ", 5) == 0) {
		c->kind = K_MARK;
		in = line + 5;
	} else
		return "a case starts with q or mark";
	/* The input may end in blanks: the last " -> " splits. */
	if ((arrow = strstr(in, " -> ")) == NULL)
		return "no \" -> \"";
	while ((rhs = strstr(arrow + 1, " -> ")) != NULL)
		arrow = rhs;
	rhs = arrow + 4;
	if (unescape(in, (size_t)(arrow - in), &c->in, &c->inlen) == -1)
		return "a bad escape in the input";
	if (c->kind == K_QUERY && (plus = strrchr(rhs, '+')) != NULL &&
	    plus > rhs && plus[-1] == ' ' && strspn(plus + 1, "0123456789") ==
	    strlen(plus + 1) && plus[1] != '\0') {
		c->dropped = (size_t)atoi(plus + 1);
		plus[-1] = '\0';
	}
	n = strlen(rhs);
	if (c->kind == K_QUERY && strcmp(rhs, "-") == 0)
		return NULL;
	if (unescape(rhs, n, &c->want, &c->wantlen) == -1)
		return "a bad escape in the output";
	return NULL;
}

static void
read_cases(void)
{
	FILE		*f;
	char		 line[4096];
	const char	*why;
	struct tcase	*c;
	size_t		 n;
	int		 lineno = 0;

	if ((f = fopen(CASES, "r")) == NULL) {
		bad(0, "cannot open (run from the repository's root)");
		return;
	}
	while (fgets(line, sizeof(line), f) != NULL) {
		lineno++;
		n = strlen(line);
		if (n > 0 && line[n - 1] == '\n')
			line[--n] = '\0';
		else if (!feof(f)) {
			bad(lineno, "line too long");
			break;
		}
		if (n == 0 || line[0] == '#')
			continue;
		cases = arena_grow(&D, cases, ncases, &cap, sizeof(*cases));
		c = &cases[ncases];
		memset(c, 0, sizeof(*c));
		c->line = lineno;
		if ((why = parse(c, line)) != NULL)
			bad(lineno, why);
		else
			ncases++;
	}
	fclose(f);
	if (ncases == 0)
		bad(lineno, "no cases");
}

static void
test_read(void **state)
{
	(void)state;
	if (errlen > 0)
		fail_msg("%s", errors);
}

static void
test_case(void **state)
{
	const struct tcase	*c = *state;
	struct search_query	 sq;
	struct safe_html	 h;

	if (c->kind == K_QUERY) {
		search_build(&A, c->in, &sq);
		if (c->want == NULL) {
			if (sq.fts != NULL || sq.words != 0)
				fail_msg("line %d: got %s, want no query",
				    c->line, sq.fts);
		} else if (sq.fts == NULL || strcmp(sq.fts, c->want) != 0)
			fail_msg("line %d: got %s, want %s", c->line,
			    sq.fts != NULL ? sq.fts : "(none)", c->want);
		if (sq.dropped != c->dropped)
			fail_msg("line %d: %zu words left out, want %zu",
			    c->line, sq.dropped, c->dropped);
	} else {
		h = search_mark(&A, c->in, c->inlen);
		if (h.len != c->wantlen || memcmp(h.s, c->want, h.len) != 0)
			fail_msg("line %d: got \"%.*s\", want \"%s\"", c->line,
			    (int)h.len, h.s, c->want);
	}
	arena_reset(&A);
}

/* The q field's rule counts characters, not bytes: 200 of them, in any
 * script, and no more. */
static void
test_valid(void **state)
{
	char	 s[SEARCH_Q_BYTES + 8];
	size_t	 i;

	(void)state;
	for (i = 0; i < SEARCH_Q_MAX; i++)
		memcpy(s + 2 * i, "\xc3\xa9", 2);	/* é */
	s[2 * i] = '\0';
	assert_null(search_valid(s));
	memcpy(s + 2 * i, "e", 2);
	assert_non_null(search_valid(s));
	memset(s, 'a', SEARCH_Q_MAX);
	s[SEARCH_Q_MAX] = '\0';
	assert_null(search_valid(s));
	assert_null(search_valid(""));
	/* Control characters are refused (a search is echoed in the page);
	 * tabs and line breaks are spaces to a search (issue 11:
	 * tests/e2e/hostile.tsv, rows escape-encoded-search, ctl-encoded-search). */
	assert_non_null(search_valid("\x1b[31mred"));
	assert_non_null(search_valid("a\x01b"));
	assert_non_null(search_valid("a\x7f"));
	assert_null(search_valid("tea\tcake\r\n"));
	/* 200 four-byte characters are the edge's byte limit exactly. */
	for (i = 0; i < SEARCH_Q_MAX; i++)
		memcpy(s + 4 * i, "\xf0\x9f\x99\x82", 4);
	s[4 * i] = '\0';
	assert_int_equal(strlen(s), SEARCH_Q_BYTES);
	assert_null(search_valid(s));
}

int
main(void)
{
	struct CMUnitTest	*tests;
	size_t			 i;
	int			 rc;

	arena_init(&D);
	arena_init(&A);
	read_cases();
	tests = arena_calloc(&D, ncases + 2, sizeof(*tests));
	tests[0].name = "search.txt: read";
	tests[0].test_func = test_read;
	tests[1].name = "search_valid: 200 characters, no control characters";
	tests[1].test_func = test_valid;
	for (i = 0; i < ncases; i++) {
		tests[i + 2].name = arena_printf(&D, "search.txt:%d",
		    cases[i].line);
		tests[i + 2].test_func = test_case;
		tests[i + 2].initial_state = &cases[i];
	}
	rc = _cmocka_run_group_tests("search", tests, ncases + 2, NULL, NULL);
	arena_free(&A);
	arena_free(&D);
	return rc;
}
