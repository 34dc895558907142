/*
 * test_multipart: multipart/form-data (multipart.c): the boundary of a
 * Content-Type, bodies as browsers send them, each strictness rule and
 * bound, and req_parse_multipart() putting fields through the form's
 * rules (req.c) and files aside.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "arena.h"
#include "multipart.h"
#include "req.h"

static struct arena	 A;

#define CSRF	"0123456789abcdef0123456789abcdef" \
		"0123456789abcdef0123456789abcdef"

/* A body as Firefox sends the import form (boundary "XyZ"). */
static const char ok_body[] =
    "--XyZ\r\n"
    "Content-Disposition: form-data; name=\"csrf\"\r\n"
    "\r\n"
    CSRF "\r\n"
    "--XyZ\r\n"
    "Content-Disposition: form-data; name=\"file\"; filename=\"site.zip\"\r\n"
    "Content-Type: application/zip\r\n"
    "\r\n"
    "PK\x03\x04\r\n--XY\0\xff bytes\r\n"
    "--XyZ--\r\n";

static int
parse(const char *body, size_t len, struct multipart_part **p, size_t *n)
{
	const char	*why = NULL;
	int		 rc;

	rc = multipart_parse(&A, "XyZ", body, len, p, n, &why);
	if (rc == -1)
		assert_non_null(why);
	return rc;
}

#define PARSE(s, p, n)	parse((s), sizeof(s) - 1, (p), (n))

static void
boundary(void **state)
{
	const char	*b;

	(void)state;
	assert_string_equal(multipart_boundary(&A,
	    "multipart/form-data; boundary=----geckoformboundary1a2b"),
	    "----geckoformboundary1a2b");
	assert_string_equal(multipart_boundary(&A,
	    "Multipart/Form-Data;charset=utf-8; BOUNDARY=\"a b'()+_,-./:=?\""),
	    "a b'()+_,-./:=?");
	assert_null(multipart_boundary(&A, "multipart/form-data"));
	assert_null(multipart_boundary(&A, "multipart/mixed; boundary=x"));
	assert_null(multipart_boundary(&A,
	    "application/x-www-form-urlencoded; boundary=x"));
	assert_null(multipart_boundary(&A, "multipart/form-data; boundary=\"\""));
	assert_null(multipart_boundary(&A,
	    "multipart/form-data; boundary=\"ends in space \""));
	assert_null(multipart_boundary(&A,
	    "multipart/form-data; boundary=a; boundary=b"));
	assert_null(multipart_boundary(&A,
	    "multipart/form-data; boundary=\"a<b\""));
	/* 70 bchars at most. */
	b = multipart_boundary(&A, "multipart/form-data; boundary="
	    "0123456789012345678901234567890123456789012345678901234567890123456789");
	assert_non_null(b);
	assert_int_equal(strlen(b), 70);
	assert_null(multipart_boundary(&A, "multipart/form-data; boundary="
	    "01234567890123456789012345678901234567890123456789012345678901234567890"));
}

static void
browser_body(void **state)
{
	struct multipart_part	*p;
	size_t			 n;

	(void)state;
	assert_int_equal(PARSE(ok_body, &p, &n), 0);
	assert_int_equal(n, 2);
	assert_string_equal(p[0].name, "csrf");
	assert_null(p[0].filename);
	assert_null(p[0].ctype);
	assert_int_equal(p[0].len, 64);
	assert_memory_equal(p[0].data, CSRF, 64);
	assert_string_equal(p[1].name, "file");
	assert_string_equal(p[1].filename, "site.zip");
	assert_string_equal(p[1].ctype, "application/zip");
	/* Binary bytes, a CRLF and a near-boundary inside: all kept. */
	assert_int_equal(p[1].len, 18);
	assert_memory_equal(p[1].data, "PK\x03\x04\r\n--XY\0\xff bytes", 18);
	/* The bytes point into the body: no copy. */
	assert_true(p[1].data > ok_body && p[1].data < ok_body + sizeof(ok_body));
}

static void
shapes(void **state)
{
	struct multipart_part	*p;
	size_t			 n;

	(void)state;
	/* An empty file input, an epilogue, a header of another name. */
	assert_int_equal(PARSE("--XyZ\r\n"
	    "content-disposition: form-data; filename=\"\"; name=file\r\n"
	    "X-Other: whatever\r\n"
	    "\r\n"
	    "\r\n--XyZ--\r\nepilogue", &p, &n), 0);
	assert_int_equal(n, 1);
	assert_string_equal(p[0].name, "file");
	assert_string_equal(p[0].filename, "");
	assert_int_equal(p[0].len, 0);
	/* No part at all. */
	assert_int_equal(PARSE("--XyZ--", &p, &n), 0);
	assert_int_equal(n, 0);
	/* A backslash is a backslash (the HTML standard's encoding). */
	assert_int_equal(PARSE("--XyZ\r\n"
	    "Content-Disposition: form-data; name=\"f\"; filename=\"a\\b.zip\"\r\n"
	    "\r\nx\r\n--XyZ--", &p, &n), 0);
	assert_string_equal(p[0].filename, "a\\b.zip");
	/* UTF-8 names are kept. */
	assert_int_equal(PARSE("--XyZ\r\n"
	    "Content-Disposition: form-data; name=\"f\"; filename=\"caf\xc3\xa9.zip\"\r\n"
	    "\r\nx\r\n--XyZ--", &p, &n), 0);
	assert_string_equal(p[0].filename, "caf\xc3\xa9.zip");
}

static void
refused(void **state)
{
	static const char *const bad[] = {
		"",
		"--XyZ",
		/* A preamble. */
		"junk\r\n--XyZ\r\nContent-Disposition: form-data; name=a\r\n\r\nx\r\n--XyZ--",
		/* Bare LF line ends. */
		"--XyZ\nContent-Disposition: form-data; name=a\n\nx\n--XyZ--",
		/* No close delimiter. */
		"--XyZ\r\nContent-Disposition: form-data; name=a\r\n\r\nx",
		"--XyZ\r\nContent-Disposition: form-data; name=a\r\n\r\nx\r\n--XyZ",
		/* Something after a delimiter but CRLF or "--". */
		"--XyZ\r\nContent-Disposition: form-data; name=a\r\n\r\nx\r\n--XyZx\r\n",
		/* No Content-Disposition, no name, not form-data, twice. */
		"--XyZ\r\nContent-Type: text/plain\r\n\r\nx\r\n--XyZ--",
		"--XyZ\r\nContent-Disposition: form-data\r\n\r\nx\r\n--XyZ--",
		"--XyZ\r\nContent-Disposition: attachment; name=a\r\n\r\nx\r\n--XyZ--",
		"--XyZ\r\nContent-Disposition: form-data; name=a\r\n"
		    "Content-Disposition: form-data; name=b\r\n\r\nx\r\n--XyZ--",
		/* A name twice, an unclosed quote, no value, a stray token. */
		"--XyZ\r\nContent-Disposition: form-data; name=a; name=b\r\n\r\nx\r\n--XyZ--",
		"--XyZ\r\nContent-Disposition: form-data; name=\"a\r\n\r\nx\r\n--XyZ--",
		"--XyZ\r\nContent-Disposition: form-data; name=\r\n\r\nx\r\n--XyZ--",
		"--XyZ\r\nContent-Disposition: form-data name=a\r\n\r\nx\r\n--XyZ--",
		/* A folded header, a header without a colon, a control. */
		"--XyZ\r\nContent-Disposition: form-data;\r\n name=a\r\n\r\nx\r\n--XyZ--",
		"--XyZ\r\nContent-Disposition: form-data; name=a\r\nNoColon\r\n\r\nx\r\n--XyZ--",
		"--XyZ\r\nContent-Disposition: form-data; name=\"a\x01\"\r\n\r\nx\r\n--XyZ--",
		/* A file name that is not UTF-8. */
		"--XyZ\r\nContent-Disposition: form-data; name=a; filename=\"\xff.zip\"\r\n\r\nx\r\n--XyZ--",
		NULL,
	};
	struct multipart_part	*p;
	size_t			 n, i;

	(void)state;
	for (i = 0; bad[i] != NULL; i++) {
		if (parse(bad[i], strlen(bad[i]), &p, &n) != -1)
			fail_msg("accepted: case %zu", i);
	}
	/* A NUL in a header line. */
	assert_int_equal(PARSE("--XyZ\r\nContent-Disposition: form-data; "
	    "name=\"a\0\"\r\n\r\nx\r\n--XyZ--", &p, &n), -1);
}

static void
bounds(void **state)
{
	struct multipart_part	*p;
	char			*b;
	size_t			 n, i, off;
	const char		*why;

	(void)state;
	b = arena_alloc(&A, 65536);
	/* MULTIPART_PARTS_MAX parts pass, one more does not. */
	for (i = 0, off = 0; i <= MULTIPART_PARTS_MAX; i++) {
		off += (size_t)sprintf(b + off, "--XyZ\r\nContent-Disposition: "
		    "form-data; name=f%zu\r\n\r\nv\r\n", i);
		memcpy(b + off, "--XyZ--", 7);
		assert_int_equal(multipart_parse(&A, "XyZ", b, off + 7, &p, &n,
		    &why), i < MULTIPART_PARTS_MAX ? 0 : -1);
	}
	/* MULTIPART_HEADERS_MAX header lines, then one more. */
	for (i = 1; i <= MULTIPART_HEADERS_MAX + 1; i++) {
		off = (size_t)sprintf(b, "--XyZ\r\nContent-Disposition: "
		    "form-data; name=a\r\n");
		for (n = 1; n < i; n++)
			off += (size_t)sprintf(b + off, "X-H: %zu\r\n", n);
		off += (size_t)sprintf(b + off, "\r\nv\r\n--XyZ--");
		assert_int_equal(multipart_parse(&A, "XyZ", b, off, &p, &n,
		    &why), i <= MULTIPART_HEADERS_MAX ? 0 : -1);
	}
	/* A header line of MULTIPART_LINE_MAX bytes, then one more. */
	for (i = 0; i < 2; i++) {
		off = (size_t)sprintf(b, "--XyZ\r\nContent-Disposition: "
		    "form-data; name=a\r\nX-Long: ");
		memset(b + off, 'x', MULTIPART_LINE_MAX - 8 + i);
		off += MULTIPART_LINE_MAX - 8 + i;
		off += (size_t)sprintf(b + off, "\r\n\r\nv\r\n--XyZ--");
		assert_int_equal(multipart_parse(&A, "XyZ", b, off, &p, &n,
		    &why), i == 0 ? 0 : -1);
	}
}

static void
into_req(void **state)
{
	static const char bad_text[] =
	    "--XyZ\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n"
	    "a\0b\r\n--XyZ--";
	static const char bad_csrf[] =
	    "--XyZ\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n"
	    "not-a-token\r\n--XyZ--";
	struct req	 r;
	const char	*why = NULL;

	(void)state;
	memset(&r, 0, sizeof(r));
	assert_int_equal(req_parse_multipart(&r, &A, "XyZ", ok_body,
	    sizeof(ok_body) - 1, &why), 0);
	assert_string_equal(r.form[FF_CSRF], CSRF);
	assert_null(r.form_err[FF_CSRF]);
	assert_int_equal(r.nfiles, 1);
	assert_string_equal(r.files[0].name, "file");
	assert_int_equal(r.files[0].len, 18);
	/* A field holding a NUL: 400, as in a urlencoded form. */
	memset(&r, 0, sizeof(r));
	assert_int_equal(req_parse_multipart(&r, &A, "XyZ", bad_text,
	    sizeof(bad_text) - 1, &why), 400);
	assert_non_null(why);
	/* A field that breaks its rule: kept, with its message. */
	memset(&r, 0, sizeof(r));
	assert_int_equal(req_parse_multipart(&r, &A, "XyZ", bad_csrf,
	    sizeof(bad_csrf) - 1, &why), 0);
	assert_string_equal(r.form[FF_CSRF], "not-a-token");
	assert_non_null(r.form_err[FF_CSRF]);
	assert_int_equal(r.nfiles, 0);
	/* A malformed body: 400. */
	memset(&r, 0, sizeof(r));
	assert_int_equal(req_parse_multipart(&r, &A, "XyZ", "--XyZ", 5, &why),
	    400);
}

int
main(void)
{
	const struct CMUnitTest	 tests[] = {
		cmocka_unit_test(boundary),
		cmocka_unit_test(browser_body),
		cmocka_unit_test(shapes),
		cmocka_unit_test(refused),
		cmocka_unit_test(bounds),
		cmocka_unit_test(into_req),
	};
	int			 rc;

	arena_init(&A);
	rc = cmocka_run_group_tests(tests, NULL, NULL);
	arena_free(&A);
	return rc;
}
