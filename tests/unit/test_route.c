/*
 * test_route: the URL table. Which handler a path reaches, what its typed
 * captures let through, and 404 versus 405; the admin routes with their
 * kinds and {id} captures. Handlers are compared as pointers, never called.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "arena.h"
#include "h_admin_auth.h"
#include "h_admin_list.h"
#include "h_admin_post.h"
#include "h_admin_settings.h"
#include "h_archive.h"
#include "h_article.h"
#include "h_home.h"
#include "h_page.h"
#include "route.h"

#include "fixture.h"

/* Expects path (GET) to reach h with the given captures (NULL-ended). */
static void
routes_to(const char *path, route_handler h, const char *a0, const char *a1,
    const char *a2)
{
	struct route_match	 m;
	const char		*want[ROUTE_ARGS_MAX] = { a0, a1, a2, NULL };
	int			 rc, i;

	memset(&m, 0x5a, sizeof(m));	/* route_match must clear it */
	rc = route_match(&A, path, METHOD_GET, &m);
	if (rc != 0)
		fail_msg("%s: status %d, want 0", path, rc);
	if (m.handler != h)
		fail_msg("%s: wrong handler", path);
	for (i = 0; i < ROUTE_ARGS_MAX; i++) {
		if (want[i] == NULL) {
			if (m.args[i] != NULL)
				fail_msg("%s: arg %d is \"%s\", want none",
				    path, i, m.args[i]);
			continue;
		}
		if (m.args[i] == NULL || strcmp(m.args[i], want[i]) != 0)
			fail_msg("%s: arg %d is \"%s\", want \"%s\"", path, i,
			    m.args[i] != NULL ? m.args[i] : "(null)", want[i]);
	}
}

static void
matches(void **state)
{
	routes_to("/", h_home, NULL, NULL, NULL);
	routes_to("/archive", h_archive, NULL, NULL, NULL);
	routes_to("/archive/2023", h_archive, "2023", NULL, NULL);
	routes_to("/archive/2023/05", h_archive, "2023", "05", NULL);
	routes_to("/archive/1999/12", h_archive, "1999", "12", NULL);
	routes_to("/archive/2023/10", h_archive, "2023", "10", NULL);
	routes_to("/2023/05/some-slug", h_article, "2023", "05", "some-slug");
	routes_to("/2021/01/why-start-a-blog-now", h_article, "2021", "01",
	    "why-start-a-blog-now");
	routes_to("/2023/05/x", h_article, "2023", "05", "x");
	routes_to("/2023/05/404", h_article, "2023", "05", "404");
	routes_to("/about", h_page, "about", NULL, NULL);
	routes_to("/contribute", h_page, "contribute", NULL, NULL);
	routes_to("/a-b-c", h_page, "a-b-c", NULL, NULL);
}

/* Captures are arena copies, not pointers into the path. */
static void
captures_are_copies(void **state)
{
	struct route_match	 m;
	char			 path[] = "/2023/05/some-slug";

	assert_int_equal(route_match(&A, path, METHOD_GET, &m), 0);
	memset(path, 'x', sizeof(path) - 1);
	assert_string_equal(m.args[0], "2023");
	assert_string_equal(m.args[1], "05");
	assert_string_equal(m.args[2], "some-slug");
}

static void
not_found(void **state)
{
	static const char *const paths[] = {
		"",
		"//",
		"///",
		"/archive/",
		"/archive//",
		"/archive/23",
		"/archive/02023",
		"/archive/0999",
		"/archive/20x3",
		"/archive/2023/13",
		"/archive/2023/00",
		"/archive/2023/5",
		"/archive/2023/005",
		"/archive/2023/20",
		"/archive/2023/05/",
		"/archive/2023/05/x",
		"/2023/05/Bad_Slug",
		"/2023/05/UPPER",
		"/2023/05/-leading",
		"/2023/05/a.b",
		"/2023/05/a%20b",
		"/2023/05/caf\xc3\xa9",
		"/2023/05/",
		"/2023/13/slug",
		"/2023/5/slug",
		"/23/05/slug",
		"/2023/05/slug/",
		"/2023/05/slug/extra",
		"/a/b/c/d",
		"/a/b",
		"/about/",
		"/About",
		"about",
		"/-about",
		"/a b",
		"/<script>",
		"/../etc/passwd",
		"/.",
		"/..",
	};
	struct route_match	 m;
	size_t			 i;
	int			 rc;

	for (i = 0; i < sizeof(paths) / sizeof(paths[0]); i++) {
		rc = route_match(&A, paths[i], METHOD_GET, &m);
		if (rc != 404)
			fail_msg("\"%s\": status %d, want 404", paths[i], rc);
		assert_null(m.handler);
	}
}

static void
slug_length(void **state)
{
	struct route_match	 m;
	char			 path[200];

	path[0] = '/';
	memset(path + 1, 'a', 100);
	path[101] = '\0';
	assert_int_equal(route_match(&A, path, METHOD_GET, &m), 0);
	assert_ptr_equal(m.handler, h_page);
	memset(path + 1, 'a', 101);
	path[102] = '\0';
	assert_int_equal(route_match(&A, path, METHOD_GET, &m), 404);
}

static void
methods(void **state)
{
	static const char *const paths[] = {
		"/", "/archive", "/archive/2023", "/archive/2023/05",
		"/2023/05/some-slug", "/about",
	};
	struct route_match	 m;
	size_t			 i;

	for (i = 0; i < sizeof(paths) / sizeof(paths[0]); i++) {
		assert_int_equal(route_match(&A, paths[i], METHOD_HEAD, &m), 0);
		assert_non_null(m.handler);

		memset(&m, 0, sizeof(m));
		assert_int_equal(route_match(&A, paths[i], METHOD_POST, &m),
		    405);
		assert_non_null(m.allow);
		assert_string_equal(m.allow, "GET, HEAD");
		assert_null(m.handler);

		memset(&m, 0, sizeof(m));
		assert_int_equal(route_match(&A, paths[i], METHOD_OTHER, &m),
		    405);
		assert_string_equal(m.allow, "GET, HEAD");
		assert_null(m.handler);
	}
	/* HEAD reaches the same handler as GET. */
	assert_int_equal(route_match(&A, "/archive/2023", METHOD_HEAD, &m), 0);
	assert_ptr_equal(m.handler, h_archive);
	assert_string_equal(m.args[0], "2023");
	/* An unknown path is 404 whatever the method. */
	assert_int_equal(route_match(&A, "/a/b/c/d", METHOD_POST, &m), 404);
	assert_int_equal(route_match(&A, "/a/b/c/d", METHOD_OTHER, &m), 404);
}

/* The admin routes: handler, captures and kind, for GET and POST. */
static void
admin_routes(void **state)
{
	static const struct {
		const char	*path;
		enum req_method	 method;
		route_handler	 h;
		enum route_kind	 kind;
		const char	*arg;		/* the {id}, or NULL */
	} cases[] = {
		{ "/admin", METHOD_GET, h_admin_list, RK_ADMIN, NULL },
		{ "/admin", METHOD_HEAD, h_admin_list, RK_ADMIN, NULL },
		{ "/admin/login", METHOD_GET, h_admin_login, RK_SIGNIN, NULL },
		{ "/admin/login", METHOD_POST, h_admin_login, RK_SIGNIN, NULL },
		{ "/admin/logout", METHOD_POST, h_admin_logout, RK_ADMIN, NULL },
		{ "/admin/articles/new", METHOD_GET, h_admin_article_edit,
		    RK_ADMIN, NULL },
		{ "/admin/articles/new", METHOD_POST, h_admin_article_edit,
		    RK_ADMIN, NULL },
		{ "/admin/articles/12", METHOD_GET, h_admin_article_edit,
		    RK_ADMIN, "12" },
		{ "/admin/articles/12", METHOD_POST, h_admin_article_edit,
		    RK_ADMIN, "12" },
		{ "/admin/articles/12/delete", METHOD_GET,
		    h_admin_article_delete, RK_ADMIN, "12" },
		{ "/admin/articles/12/delete", METHOD_POST,
		    h_admin_article_delete, RK_ADMIN, "12" },
		{ "/admin/pages/new", METHOD_GET, h_admin_page_edit, RK_ADMIN,
		    NULL },
		{ "/admin/pages/3", METHOD_GET, h_admin_page_edit, RK_ADMIN,
		    "3" },
		{ "/admin/pages/3", METHOD_POST, h_admin_page_edit, RK_ADMIN,
		    "3" },
		{ "/admin/pages/3/delete", METHOD_POST, h_admin_page_delete,
		    RK_ADMIN, "3" },
		{ "/admin/settings", METHOD_GET, h_admin_settings, RK_ADMIN,
		    NULL },
		{ "/admin/settings", METHOD_POST, h_admin_settings, RK_ADMIN,
		    NULL },
		{ "/admin/account", METHOD_GET, h_admin_account, RK_ADMIN, NULL },
		{ "/admin/account", METHOD_POST, h_admin_account, RK_ADMIN,
		    NULL },
		/* The largest id: 18 digits. */
		{ "/admin/articles/123456789012345678", METHOD_GET,
		    h_admin_article_edit, RK_ADMIN, "123456789012345678" },
		{ "/admin/pages/1/delete", METHOD_GET, h_admin_page_delete,
		    RK_ADMIN, "1" },
		/* Public pages carry no admin flag. */
		{ "/", METHOD_GET, h_home, RK_READER, NULL },
		{ "/about", METHOD_GET, h_page, RK_READER, "about" },
	};
	struct route_match	 m;
	size_t			 i;
	int			 rc, k;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		memset(&m, 0x5a, sizeof(m));
		rc = route_match(&A, cases[i].path, cases[i].method, &m);
		if (rc != 0)
			fail_msg("%s (method %d): status %d, want 0",
			    cases[i].path, (int)cases[i].method, rc);
		if (m.handler != cases[i].h)
			fail_msg("%s: wrong handler", cases[i].path);
		if (m.kind != cases[i].kind)
			fail_msg("%s: kind %d, want %d", cases[i].path,
			    (int)m.kind, (int)cases[i].kind);
		if (cases[i].arg == NULL ? m.args[0] != NULL :
		    m.args[0] == NULL || strcmp(m.args[0], cases[i].arg) != 0)
			fail_msg("%s: arg \"%s\", want \"%s\"", cases[i].path,
			    m.args[0] ? m.args[0] : "(null)",
			    cases[i].arg ? cases[i].arg : "(null)");
		for (k = 1; k < ROUTE_ARGS_MAX; k++)
			assert_null(m.args[k]);
	}
}

/* {id}: 1 to 18 digits, no leading zero, nothing else. */
static void
admin_id_capture(void **state)
{
	static const char *const ids[] = {
		"0", "00", "012", "-1", "+1", "1234567890123456789", "abc",
		"1a", "a1", "1.0", "1e3", "%31", " 1", "\xd9\xa1", "",
	};
	static const char *const forms[] = {
		"/admin/articles/%s", "/admin/articles/%s/delete",
		"/admin/pages/%s", "/admin/pages/%s/delete",
	};
	struct route_match	 m;
	char			 path[80];
	size_t			 i, j;
	int			 rc;

	for (j = 0; j < sizeof(forms) / sizeof(forms[0]); j++)
		for (i = 0; i < sizeof(ids) / sizeof(ids[0]); i++) {
			snprintf(path, sizeof(path), forms[j], ids[i]);
			rc = route_match(&A, path, METHOD_GET, &m);
			if (rc != 404)
				fail_msg("\"%s\": status %d, want 404", path,
				    rc);
			assert_null(m.handler);
		}
}

static void
admin_methods(void **state)
{
	struct route_match	 m;

	/* Signing out changes state: POST only. */
	memset(&m, 0x5a, sizeof(m));
	assert_int_equal(route_match(&A, "/admin/logout", METHOD_GET, &m), 405);
	assert_null(m.handler);
	assert_non_null(m.allow);
	assert_string_equal(m.allow, "POST");
	assert_int_equal(m.kind, RK_ADMIN);	/* admin headers on the 405 */
	assert_int_equal(route_match(&A, "/admin/logout", METHOD_HEAD, &m),
	    405);
	assert_string_equal(m.allow, "POST");
	assert_int_equal(route_match(&A, "/admin/logout", METHOD_OTHER, &m),
	    405);
	assert_string_equal(m.allow, "POST");

	/* Forms take GET, HEAD and POST. */
	assert_int_equal(route_match(&A, "/admin/settings", METHOD_POST, &m), 0);
	assert_ptr_equal(m.handler, h_admin_settings);
	assert_int_equal(route_match(&A, "/admin/settings", METHOD_OTHER, &m),
	    405);
	assert_string_equal(m.allow, "GET, HEAD, POST");
	assert_null(m.handler);
	assert_int_equal(route_match(&A, "/admin/articles/7", METHOD_OTHER, &m),
	    405);
	assert_string_equal(m.allow, "GET, HEAD, POST");
	assert_int_equal(route_match(&A, "/admin/login", METHOD_OTHER, &m),
	    405);
	assert_string_equal(m.allow, "GET, HEAD, POST");
	assert_int_equal(m.kind, RK_SIGNIN);

	/* The list is read-only. */
	assert_int_equal(route_match(&A, "/admin", METHOD_POST, &m), 405);
	assert_string_equal(m.allow, "GET, HEAD");
	assert_null(m.handler);

	/* The public site still refuses POST. */
	memset(&m, 0x5a, sizeof(m));
	assert_int_equal(route_match(&A, "/", METHOD_POST, &m), 405);
	assert_string_equal(m.allow, "GET, HEAD");
	assert_null(m.handler);
	assert_int_equal(m.kind, RK_READER);
}

static void
admin_not_found(void **state)
{
	static const char *const paths[] = {
		"/admin/unknown",
		"/admin/",
		"/admin//",
		"/admin/login/",
		"/admin/logout/x",
		"/admin/articles",
		"/admin/articles/",
		"/admin/articles/new/",
		"/admin/articles/new/delete",
		"/admin/articles/12/",
		"/admin/articles/12/edit",
		"/admin/articles/12/delete/",
		"/admin/articles/12/delete/x",
		"/admin/pages",
		"/admin/pages/3/x",
		"/admin/settings/",
		"/admin/settings/x",
		"/admin/Settings",
		"/Admin",
		"/admin/../admin",
		"/admin/./settings",
		"//admin",
	};
	struct route_match	 m;
	size_t			 i;
	int			 rc;

	for (i = 0; i < sizeof(paths) / sizeof(paths[0]); i++) {
		rc = route_match(&A, paths[i], METHOD_GET, &m);
		if (rc != 404)
			fail_msg("\"%s\": status %d, want 404", paths[i], rc);
		assert_null(m.handler);
		rc = route_match(&A, paths[i], METHOD_POST, &m);
		if (rc != 404)
			fail_msg("POST \"%s\": status %d, want 404", paths[i],
			    rc);
	}
}

/* "/admin" is also a valid {slug}: the fixed route must come first, for
 * every method, and nothing under /admin may reach a public handler. */
static void
admin_not_a_page(void **state)
{
	struct route_match	 m;

	assert_int_equal(route_match(&A, "/admin", METHOD_GET, &m), 0);
	assert_ptr_equal(m.handler, h_admin_list);
	assert_null(m.args[0]);
	assert_int_equal(route_match(&A, "/admin", METHOD_POST, &m), 405);
	assert_null(m.handler);
	assert_int_equal(m.kind, RK_ADMIN);
	/* Near names are ordinary pages. */
	routes_to("/admins", h_page, "admins", NULL, NULL);
	routes_to("/login", h_page, "login", NULL, NULL);
	routes_to("/settings", h_page, "settings", NULL, NULL);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(matches),
		cmocka_unit_test(captures_are_copies),
		cmocka_unit_test(not_found),
		cmocka_unit_test(slug_length),
		cmocka_unit_test(methods),
		cmocka_unit_test(admin_routes),
		cmocka_unit_test(admin_id_capture),
		cmocka_unit_test(admin_methods),
		cmocka_unit_test(admin_not_found),
		cmocka_unit_test(admin_not_a_page),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
