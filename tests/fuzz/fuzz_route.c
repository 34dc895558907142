/*
 * fuzz_route: the URL table. The input is a decoded path. A match must name
 * a handler, hand it only captures of the promised shape, and account for
 * every byte of the path (rebuilding the URL from the captures gives the
 * path back), so "/2024/01/x/../y" or "/archive//2024" never slip through.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "h_admin_post.h"
#include "h_archive.h"
#include "h_article.h"
#include "h_home.h"
#include "h_page.h"
#include "route.h"
#include "fuzz.h"

static struct arena	arena;
static int		arena_ready;

static int
digits(const char *s, size_t n)
{
	return strlen(s) == n && strspn(s, "0123456789") == n;
}

static int
is_year(const char *s)
{
	return s != NULL && digits(s, 4) && s[0] != '0';
}

static int
is_month(const char *s)
{
	return s != NULL && digits(s, 2) && atoi(s) >= 1 && atoi(s) <= 12;
}

static int
is_slug(const char *s)
{
	size_t	 n;

	if (s == NULL)
		return 0;
	n = strlen(s);
	return n > 0 && n <= 100 && s[0] != '-' &&
	    strspn(s, "abcdefghijklmnopqrstuvwxyz0123456789-") == n;
}

/* Checks a successful match and returns the path its captures spell. */
static const char *
rebuild(const struct route_match *m)
{
	const char	*const *a = m->args;
	size_t		 i;

	CHECK(m->handler != NULL);
	CHECK(m->allow != NULL);
	if (m->handler == h_home) {
		for (i = 0; i < ROUTE_ARGS_MAX; i++)
			CHECK(a[i] == NULL);
		return "/";
	}
	if (m->handler == h_archive) {
		for (i = 2; i < ROUTE_ARGS_MAX; i++)
			CHECK(a[i] == NULL);
		if (a[0] == NULL) {
			CHECK(a[1] == NULL);
			return "/archive";
		}
		CHECK(is_year(a[0]));
		if (a[1] == NULL)
			return arena_printf(&arena, "/archive/%s", a[0]);
		CHECK(is_month(a[1]));
		return arena_printf(&arena, "/archive/%s/%s", a[0], a[1]);
	}
	if (m->handler == h_article) {
		CHECK(is_year(a[0]) && is_month(a[1]) && is_slug(a[2]));
		for (i = 3; i < ROUTE_ARGS_MAX; i++)
			CHECK(a[i] == NULL);
		return arena_printf(&arena, "/%s/%s/%s", a[0], a[1], a[2]);
	}
	if (m->handler == h_page) {
		CHECK(is_slug(a[0]));
		for (i = 1; i < ROUTE_ARGS_MAX; i++)
			CHECK(a[i] == NULL);
		return arena_printf(&arena, "/%s", a[0]);
	}
	if (m->handler == h_admin_article_edit ||
	    m->handler == h_admin_page_edit ||
	    m->handler == h_admin_article_delete ||
	    m->handler == h_admin_page_delete) {
		/* {id}: 1..18 digits, no leading zero; "new" has none. */
		CHECK(a[0] == NULL || (strlen(a[0]) <= 18 && a[0][0] != '0' &&
		    strspn(a[0], "0123456789") == strlen(a[0])));
		for (i = 1; i < ROUTE_ARGS_MAX; i++)
			CHECK(a[i] == NULL);
		return NULL;
	}
	/* A handler this harness does not know yet: the table grew. Only the
	 * generic promises can be checked. */
	return NULL;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct route_match	 get, post;
	const char		*path, *back;
	int			 rc, rc_post;

	if (!arena_ready) {
		arena_init(&arena);
		arena_ready = 1;
	}
	/* A C string, as req_parse() hands it over; a NUL ends it there. */
	path = arena_strndup(&arena, (const char *)data, size);

	rc = route_match(&arena, path, METHOD_GET, &get);
	/* 405 for a GET only on a POST-only route (/admin/logout). */
	CHECK(rc == 0 || rc == 404 || (rc == 405 && get.allow != NULL &&
	    strcmp(get.allow, "POST") == 0));
	if (rc == 0) {
		back = rebuild(&get);
		CHECK(back == NULL || strcmp(back, path) == 0);
	}

	/* Same path, another method: the same route, refused with 405. */
	rc_post = route_match(&arena, path, METHOD_OTHER, &post);
	CHECK(rc_post == (rc == 404 ? 404 : 405));
	if (rc_post == 405)
		CHECK(post.allow != NULL && post.handler == NULL);

	arena_reset(&arena);
	return 0;
}
