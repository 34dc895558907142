/*
 * test_req: the edge of the program. Strict percent-decoding, the UTF-8
 * validator, and req_parse over CGI environments, hostile ones included.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "arena.h"
#include "req.h"

/* Percent-decoding. */

/* Decodes in and expects want (wlen bytes), or a failure when want is NULL. */
static void
decode_is(const char *in, int plus, const char *want, long wlen)
{
	char	 out[256];
	long	 n;

	memset(out, 'Z', sizeof(out));
	n = req_pct_decode(in, strlen(in), plus, out);
	if (want == NULL) {
		if (n != -1)
			fail_msg("\"%s\" decoded to %ld bytes, want -1", in, n);
		return;
	}
	if (n != wlen || memcmp(out, want, (size_t)wlen) != 0 ||
	    out[wlen] != '\0')
		fail_msg("\"%s\": got %ld \"%.*s\", want %ld \"%s\"", in, n,
		    n < 0 ? 0 : (int)n, out, wlen, want);
}

#define DECODES(in, plus, want)	decode_is((in), (plus), (want), \
				    (long)(sizeof(want) - 1))
#define REFUSED(in)		decode_is((in), 0, NULL, 0)

static void
pct_decode_valid(void **state)
{
	DECODES("", 0, "");
	DECODES("plain", 0, "plain");
	DECODES("a%20b", 0, "a b");
	DECODES("%2F%2f", 0, "//");
	DECODES("%41%4a%4A%7e", 0, "AJJ~");
	DECODES("caf%C3%A9", 0, "caf\xc3\xa9");
	DECODES("%25", 0, "%");
	DECODES("%2525", 0, "%25");		/* decoded once only */
	DECODES("%00", 0, "\0");
	DECODES("a+b", 0, "a+b");
	DECODES("a+b", 1, "a b");
	DECODES("%2B+", 1, "+ ");
	DECODES("%ff", 0, "\xff");
}

static void
pct_decode_malformed(void **state)
{
	REFUSED("%zz");
	REFUSED("%g0");
	REFUSED("%0g");
	REFUSED("%");
	REFUSED("abc%");
	REFUSED("%4");
	REFUSED("abc%4");
	REFUSED("%%41");
	REFUSED("% 41");
	REFUSED("%-1");
	REFUSED("%+1");
}

/* A truncated escape inside a longer buffer: only len bytes count. */
static void
pct_decode_honours_length(void **state)
{
	char	 out[16];

	assert_int_equal(req_pct_decode("%41", 2, 0, out), -1);
	assert_int_equal(req_pct_decode("ab%41", 2, 0, out), 2);
	assert_string_equal(out, "ab");
}

/* UTF-8 validation. */

#define VALID(s)	assert_int_equal(req_text_valid((s), sizeof(s) - 1), 1)
#define INVALID(s)	assert_int_equal(req_text_valid((s), sizeof(s) - 1), 0)

static void
text_valid_good(void **state)
{
	VALID("");
	VALID("plain ASCII text, with punctuation: ~!@#$%^&*()");
	VALID("\x01\x1f\x7f");			/* controls are text here */
	VALID("caf\xc3\xa9");			/* 2 bytes */
	VALID("\xc2\x80");			/* smallest 2-byte */
	VALID("\xdf\xbf");			/* largest 2-byte */
	VALID("\xe2\x82\xac");			/* 3 bytes: euro */
	VALID("\xe0\xa0\x80");			/* smallest 3-byte */
	VALID("\xed\x9f\xbf");			/* just below surrogates */
	VALID("\xee\x80\x80");			/* just above surrogates */
	VALID("\xef\xbf\xbf");			/* U+FFFF */
	VALID("\xf0\x9d\x84\x9e");		/* 4 bytes: G clef */
	VALID("\xf0\x90\x80\x80");		/* smallest 4-byte */
	VALID("\xf4\x8f\xbf\xbf");		/* U+10FFFF */
	VALID("a\xc3\xa9z\xe2\x82\xac\xf0\x9d\x84\x9e.");
}

static void
text_valid_bad(void **state)
{
	INVALID("\x80");			/* lone continuation */
	INVALID("a\xbf");
	INVALID("\xc0\xaf");			/* overlong '/' */
	INVALID("\xc1\xbf");			/* overlong */
	INVALID("\xe0\x80\xaf");		/* overlong 3-byte '/' */
	INVALID("\xe0\x9f\xbf");		/* overlong 3-byte */
	INVALID("\xf0\x80\x80\xaf");		/* overlong 4-byte */
	INVALID("\xf0\x8f\xbf\xbf");		/* overlong 4-byte */
	INVALID("\xed\xa0\x80");		/* surrogate U+D800 */
	INVALID("\xed\xbf\xbf");		/* surrogate U+DFFF */
	INVALID("\xf4\x90\x80\x80");		/* U+110000 */
	INVALID("\xf5\x80\x80\x80");
	INVALID("\xf7\xbf\xbf\xbf");
	INVALID("\xf8\x88\x80\x80\x80");	/* 5-byte form */
	INVALID("\xfc\x84\x80\x80\x80\x80");	/* 6-byte form */
	INVALID("\xfe");
	INVALID("\xff");
	INVALID("\xc3");			/* truncated 2-byte */
	INVALID("abc\xc3");
	INVALID("\xe2\x82");			/* truncated 3-byte */
	INVALID("\xe2");
	INVALID("\xf0\x9d\x84");		/* truncated 4-byte */
	INVALID("\xf0\x9d");
	INVALID("\xc3\x28");			/* bad continuation */
	INVALID("\xe2\x28\xa1");
	INVALID("\xe2\x82\x28");
	INVALID("\xf0\x9d\x84\x28");
	INVALID("\xc3\xa9\xa9");		/* one too many */
	INVALID("\0");				/* NUL */
	INVALID("abc\0def");
	INVALID("\xc3\xa9\0");
}

/* A valid sequence cut by len is invalid; the bytes past len are not read. */
static void
text_valid_honours_length(void **state)
{
	assert_int_equal(req_text_valid("\xe2\x82\xac", 2), 0);
	assert_int_equal(req_text_valid("ab\xff", 2), 1);
	assert_int_equal(req_text_valid("ab\0", 2), 1);
}

/* req_parse. */

struct parsed {
	struct arena	 a;
	struct req	 r;
	const char	*why;
	int		 status;
};

static int
setup(void **state)
{
	static struct parsed	 p;

	memset(&p, 0, sizeof(p));
	arena_init(&p.a);
	*state = &p;
	return 0;
}

static int
teardown(void **state)
{
	struct parsed	*p = *state;

	arena_free(&p->a);
	return 0;
}

static int
parse(void **state, char *const *env)
{
	struct parsed	*p = *state;

	p->why = NULL;
	p->status = req_parse(&p->r, &p->a, env, &p->why);
	if (p->status != 0) {
		assert_non_null(p->why);
		assert_true(strlen(p->why) > 0);
	} else
		assert_null(p->why);
	return p->status;
}

static const struct req *
R(void **state)
{
	return &((struct parsed *)*state)->r;
}

static void
parse_basic(void **state)
{
	char *env[] = { "REQUEST_METHOD=GET",
	    "REQUEST_URI=/a%20b?before=1-2", "REMOTE_ADDR=192.0.2.1",
	    "HTTP_HOST=example.org", NULL };

	assert_int_equal(parse(state, env), 0);
	assert_int_equal(R(state)->method, METHOD_GET);
	assert_string_equal(R(state)->method_name, "GET");
	assert_string_equal(R(state)->path, "/a b");
	assert_string_equal(R(state)->target, "/a%20b?before=1-2");
	assert_string_equal(R(state)->query[QF_BEFORE], "1-2");
	assert_string_equal(R(state)->remote_addr, "192.0.2.1");
	assert_string_equal(R(state)->host, "example.org");
	assert_int_equal(R(state)->https, 0);
}

static void
parse_methods(void **state)
{
	static const struct {
		const char	*env;
		enum req_method	 m;
		const char	*name;
	} cases[] = {
		{ "REQUEST_METHOD=GET", METHOD_GET, "GET" },
		{ "REQUEST_METHOD=HEAD", METHOD_HEAD, "HEAD" },
		{ "REQUEST_METHOD=POST", METHOD_POST, "POST" },
		{ "REQUEST_METHOD=PUT", METHOD_OTHER, "PUT" },
		{ "REQUEST_METHOD=DELETE", METHOD_OTHER, "DELETE" },
		{ "REQUEST_METHOD=get", METHOD_OTHER, "get" },
		{ "REQUEST_METHOD=GETX", METHOD_OTHER, "GETX" },
		{ "REQUEST_METHOD=", METHOD_OTHER, "" },
	};
	char	*env[3];
	size_t	 i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		env[0] = (char *)cases[i].env;
		env[1] = "REQUEST_URI=/";
		env[2] = NULL;
		assert_int_equal(parse(state, env), 0);
		if (R(state)->method != cases[i].m)
			fail_msg("%s: method %d, want %d", cases[i].env,
			    (int)R(state)->method, (int)cases[i].m);
		assert_string_equal(R(state)->method_name, cases[i].name);
	}
}

/* A bare environment: no method means GET, no path means "/". */
static void
parse_empty_env(void **state)
{
	char *env[] = { NULL };

	assert_int_equal(parse(state, env), 0);
	assert_int_equal(R(state)->method, METHOD_GET);
	assert_string_equal(R(state)->path, "/");
	assert_string_equal(R(state)->remote_addr, "-");
	assert_null(R(state)->host);
	assert_null(R(state)->query[QF_BEFORE]);
	assert_int_equal(R(state)->https, 0);
	/* No CONTENT_LENGTH: unknown, not zero. */
	assert_int_equal(R(state)->content_length, -1);
}

static void
parse_path_decoding(void **state)
{
	char *e1[] = { "REQUEST_URI=/2023/05/caf%C3%A9", NULL };
	char *e3[] = { "REQUEST_URI=/a+b", NULL };
	char *e4[] = { "REQUEST_URI=/about?", NULL };

	assert_int_equal(parse(state, e1), 0);
	assert_string_equal(R(state)->path, "/2023/05/caf\xc3\xa9");
	/* '+' is a plus in a path; only queries map it to a space. */
	assert_int_equal(parse(state, e3), 0);
	assert_string_equal(R(state)->path, "/a+b");
	assert_int_equal(parse(state, e4), 0);
	assert_string_equal(R(state)->path, "/about");
}

static void
parse_script_name(void **state)
{
	char *e1[] = { "SCRIPT_NAME=/cgi-bin/quire",
	    "REQUEST_URI=/cgi-bin/quire/about?before=5-6", NULL };
	char *e2[] = { "SCRIPT_NAME=/cgi-bin/quire",
	    "REQUEST_URI=/cgi-bin/quire", NULL };
	char *e3[] = { "SCRIPT_NAME=/cgi-bin/quire",
	    "REQUEST_URI=/cgi-bin/quire?before=5-6", NULL };
	char *e4[] = { "SCRIPT_NAME=/cgi-bin/quire",
	    "REQUEST_URI=/cgi-bin/quirex/about", NULL };
	char *e5[] = { "SCRIPT_NAME=/", "REQUEST_URI=/about", NULL };
	char *e6[] = { "SCRIPT_NAME=/blog", "REQUEST_URI=/other/blog", NULL };

	assert_int_equal(parse(state, e1), 0);
	assert_string_equal(R(state)->path, "/about");
	assert_string_equal(R(state)->query[QF_BEFORE], "5-6");
	assert_int_equal(parse(state, e2), 0);
	assert_string_equal(R(state)->path, "/");
	assert_int_equal(parse(state, e3), 0);
	assert_string_equal(R(state)->path, "/");
	assert_string_equal(R(state)->query[QF_BEFORE], "5-6");
	/* A prefix that stops inside a segment is not the script. */
	assert_int_equal(parse(state, e4), 0);
	assert_string_equal(R(state)->path, "/cgi-bin/quirex/about");
	assert_int_equal(parse(state, e5), 0);
	assert_string_equal(R(state)->path, "/about");
	assert_int_equal(parse(state, e6), 0);
	assert_string_equal(R(state)->path, "/other/blog");
}

static void
parse_path_info(void **state)
{
	char *e1[] = { "REQUEST_METHOD=HEAD", "PATH_INFO=/2023/05/some-slug",
	    "QUERY_STRING=before=1700000000-42", NULL };
	char *e2[] = { "PATH_INFO=", "QUERY_STRING=", NULL };
	char *e3[] = { "REQUEST_URI=", "PATH_INFO=/about", NULL };
	char *e4[] = { "PATH_INFO=about", NULL };
	char *e5[] = { "PATH_INFO=/a\xc3\x28", NULL };
	char *e6[] = { "PATH_INFO=/a", "QUERY_STRING=before=x", NULL };

	assert_int_equal(parse(state, e1), 0);
	assert_int_equal(R(state)->method, METHOD_HEAD);
	assert_string_equal(R(state)->path, "/2023/05/some-slug");
	assert_string_equal(R(state)->query[QF_BEFORE], "1700000000-42");
	assert_string_equal(R(state)->target,
	    "/2023/05/some-slug?before=1700000000-42");
	assert_int_equal(parse(state, e2), 0);
	assert_string_equal(R(state)->path, "/");
	/* An empty REQUEST_URI falls back to PATH_INFO too. */
	assert_int_equal(parse(state, e3), 0);
	assert_string_equal(R(state)->path, "/about");
	assert_int_equal(parse(state, e4), 400);
	/* PATH_INFO is already decoded, but must still be valid text. */
	assert_int_equal(parse(state, e5), 400);
	assert_int_equal(parse(state, e6), 400);
}

static void
parse_bad_paths(void **state)
{
	char *bad_pct[] = { "REQUEST_URI=/a%zz", NULL };
	char *trail_pct[] = { "REQUEST_URI=/a%", NULL };
	char *short_pct[] = { "REQUEST_URI=/a%4?x=1", NULL };
	char *bad_utf8[] = { "REQUEST_URI=/%C3%28", NULL };
	char *overlong[] = { "REQUEST_URI=/%C0%AF", NULL };
	char *surrogate[] = { "REQUEST_URI=/%ED%A0%80", NULL };
	char *raw_bad[] = { "REQUEST_URI=/\xff", NULL };
	char *nul[] = { "REQUEST_URI=/a%00b", NULL };
	char *relative[] = { "REQUEST_URI=about", NULL };
	char *absolute[] = { "REQUEST_URI=http://example.org/", NULL };
	char *star[] = { "REQUEST_URI=*", NULL };

	assert_int_equal(parse(state, bad_pct), 400);
	assert_int_equal(parse(state, trail_pct), 400);
	assert_int_equal(parse(state, short_pct), 400);
	assert_int_equal(parse(state, bad_utf8), 400);
	assert_int_equal(parse(state, overlong), 400);
	assert_int_equal(parse(state, surrogate), 400);
	assert_int_equal(parse(state, raw_bad), 400);
	assert_int_equal(parse(state, nul), 400);
	assert_int_equal(parse(state, relative), 400);
	assert_int_equal(parse(state, absolute), 400);
	assert_int_equal(parse(state, star), 400);
}

static void
parse_bad_queries(void **state)
{
	char *e1[] = { "REQUEST_URI=/?x=%zz", NULL };
	char *e2[] = { "REQUEST_URI=/?x=%", NULL };
	char *e3[] = { "REQUEST_URI=/?%zz=1", NULL };
	char *e4[] = { "REQUEST_URI=/?x=%C3%28", NULL };
	char *e5[] = { "REQUEST_URI=/?x=a%00b", NULL };
	char *e6[] = { "REQUEST_URI=/?%FF=1", NULL };
	char *e7[] = { "PATH_INFO=/", "QUERY_STRING=x=%4", NULL };

	assert_int_equal(parse(state, e1), 400);
	assert_int_equal(parse(state, e2), 400);
	assert_int_equal(parse(state, e3), 400);
	assert_int_equal(parse(state, e4), 400);
	assert_int_equal(parse(state, e5), 400);
	assert_int_equal(parse(state, e6), 400);
	assert_int_equal(parse(state, e7), 400);
}

/* "Text must be valid UTF-8 without NUL" holds for keys as for values: a
 * key with an encoded NUL must not be read as a shorter key. */
static void
parse_query_key_nul(void **state)
{
	char *e1[] = { "REQUEST_URI=/?x%00=1", NULL };
	char *e2[] = { "REQUEST_URI=/?before%00junk=1-2", NULL };

	assert_int_equal(parse(state, e1), 400);
	assert_int_equal(parse(state, e2), 400);
}

static void
parse_too_long(void **state)
{
	char	 uri[5100], pi[5100], qs[5100];
	char	*e1[] = { uri, NULL };
	char	*e2[] = { pi, NULL };
	char	*e3[] = { "PATH_INFO=/", qs, NULL };
	char	 ok[4200];
	char	*e4[] = { ok, NULL };
	size_t	 n;

	n = (size_t)snprintf(uri, sizeof(uri), "REQUEST_URI=/");
	memset(uri + n, 'a', 5000 - 1);
	uri[n + 5000 - 1] = '\0';
	assert_int_equal(strlen(uri + strlen("REQUEST_URI=")), 5000);
	assert_int_equal(parse(state, e1), 414);

	n = (size_t)snprintf(pi, sizeof(pi), "PATH_INFO=/");
	memset(pi + n, 'a', 5000);
	pi[n + 5000] = '\0';
	assert_int_equal(parse(state, e2), 414);

	n = (size_t)snprintf(qs, sizeof(qs), "QUERY_STRING=x=");
	memset(qs + n, 'a', 5000);
	qs[n + 5000] = '\0';
	assert_int_equal(parse(state, e3), 414);

	/* Exactly REQ_TARGET_MAX bytes is still accepted. */
	n = (size_t)snprintf(ok, sizeof(ok), "REQUEST_URI=/");
	memset(ok + n, 'b', REQ_TARGET_MAX - 1);
	ok[n + REQ_TARGET_MAX - 1] = '\0';
	assert_int_equal(parse(state, e4), 0);
	assert_int_equal(strlen(R(state)->path), REQ_TARGET_MAX);
}

static void
parse_before_field(void **state)
{
	static const struct {
		const char	*uri;
		int		 status;
		const char	*before;
	} cases[] = {
		{ "REQUEST_URI=/?before=1-2", 0, "1-2" },
		{ "REQUEST_URI=/?before=1700000000-123", 0, "1700000000-123" },
		{ "REQUEST_URI=/?before=1%2D2", 0, "1-2" },
		{ "REQUEST_URI=/?before=abc", 400, NULL },
		{ "REQUEST_URI=/?before=", 400, NULL },
		{ "REQUEST_URI=/?before", 400, NULL },
		{ "REQUEST_URI=/?before=12", 400, NULL },
		{ "REQUEST_URI=/?before=1-", 400, NULL },
		{ "REQUEST_URI=/?before=-1", 400, NULL },
		{ "REQUEST_URI=/?before=1--2", 400, NULL },
		{ "REQUEST_URI=/?before=1-2-3", 400, NULL },
		{ "REQUEST_URI=/?before=1-2x", 400, NULL },
		{ "REQUEST_URI=/?before=+1-2", 400, NULL },
		{ "REQUEST_URI=/?before=1-2+", 400, NULL },
		{ "REQUEST_URI=/?before=%3Cscript%3E", 400, NULL },
		{ "REQUEST_URI=/?before=1-2%00", 400, NULL },
		{ "REQUEST_URI=/?before=1-2&before=x", 400, NULL },
		{ "REQUEST_URI=/?x=1&before=3-4&y", 0, "3-4" },
		{ "REQUEST_URI=/?&&before=3-4&&", 0, "3-4" },
		{ "REQUEST_URI=/?BEFORE=abc", 0, NULL },
		{ "REQUEST_URI=/?utm_source=%3Cx%3E&ref=a+b", 0, NULL },
		{ "REQUEST_URI=/?=1", 0, NULL },
		{ "REQUEST_URI=/?before=11111111111111111111111111-1", 400, NULL },
	};
	char	*env[2] = { NULL, NULL };
	size_t	 i;
	int	 st;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		env[0] = (char *)cases[i].uri;
		st = parse(state, env);
		if (st != cases[i].status)
			fail_msg("%s: status %d, want %d", cases[i].uri, st,
			    cases[i].status);
		if (st != 0)
			continue;
		if (cases[i].before == NULL)
			assert_null(R(state)->query[QF_BEFORE]);
		else
			assert_string_equal(R(state)->query[QF_BEFORE],
			    cases[i].before);
	}
}

static void
parse_too_many_params(void **state)
{
	char	 uri[1024];
	char	*env[] = { uri, NULL };
	size_t	 n, i;

	n = (size_t)snprintf(uri, sizeof(uri), "REQUEST_URI=/?");
	for (i = 0; i < REQ_PARAMS_MAX; i++)
		n += (size_t)snprintf(uri + n, sizeof(uri) - n, "a=%zu&",
		    i % 10);
	assert_true(n < sizeof(uri) - 8);
	assert_int_equal(parse(state, env), 0);
	snprintf(uri + n, sizeof(uri) - n, "b=1");
	assert_int_equal(parse(state, env), 400);
}

static void
parse_https_and_length(void **state)
{
	char *e1[] = { "REQUEST_URI=/", "HTTPS=on", "CONTENT_LENGTH=123", NULL };
	char *e2[] = { "REQUEST_URI=/", "HTTPS=1", NULL };
	char *e3[] = { "REQUEST_URI=/", "HTTPS=off", NULL };
	char *e4[] = { "REQUEST_URI=/", "HTTPS=", NULL };
	char *e5[] = { "REQUEST_URI=/", "HTTPSX=on", NULL };

	assert_int_equal(parse(state, e1), 0);
	assert_int_equal(R(state)->https, 1);
	assert_int_equal(R(state)->content_length, 123);
	assert_int_equal(parse(state, e2), 0);
	assert_int_equal(R(state)->https, 1);
	assert_int_equal(parse(state, e3), 0);
	assert_int_equal(R(state)->https, 0);
	assert_int_equal(parse(state, e4), 0);
	assert_int_equal(R(state)->https, 0);
	assert_int_equal(parse(state, e5), 0);
	assert_int_equal(R(state)->https, 0);
}

static void
parse_host(void **state)
{
	static const struct {
		const char	*env;
		const char	*host;
	} cases[] = {
		{ "HTTP_HOST=example.org", "example.org" },
		{ "HTTP_HOST=Example.ORG:8080", "Example.ORG:8080" },
		{ "HTTP_HOST=127.0.0.1:8080", "127.0.0.1:8080" },
		{ "HTTP_HOST=[::1]:8080", "[::1]:8080" },
		{ "HTTP_HOST=my-blog.example", "my-blog.example" },
		{ "HTTP_HOST=", NULL },
		{ "HTTP_HOST=evil.org<script>", NULL },
		{ "HTTP_HOST=<", NULL },
		{ "HTTP_HOST=example.org evil", NULL },
		{ "HTTP_HOST= example.org", NULL },
		{ "HTTP_HOST=example.org/path", NULL },
		{ "HTTP_HOST=\"x\"", NULL },
		{ "HTTP_HOST=a@b", NULL },
		{ "HTTP_HOST=exa\rmple.org", NULL },
		{ "HTTP_HOST=caf\xc3\xa9.org", NULL },
		{ "HTTPHOST=example.org", NULL },
	};
	char	*env[3] = { "REQUEST_URI=/", NULL, NULL };
	size_t	 i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		env[1] = (char *)cases[i].env;
		assert_int_equal(parse(state, env), 0);
		if (cases[i].host == NULL) {
			if (R(state)->host != NULL)
				fail_msg("%s: host \"%s\", want NULL",
				    cases[i].env, R(state)->host);
		} else {
			assert_non_null(R(state)->host);
			assert_string_equal(R(state)->host, cases[i].host);
		}
	}
}

/* A long Host is refused too: 256 bytes is over the limit. */
static void
parse_host_too_long(void **state)
{
	char	 h[300];
	char	*env[] = { "REQUEST_URI=/", h, NULL };
	size_t	 n;

	n = (size_t)snprintf(h, sizeof(h), "HTTP_HOST=");
	memset(h + n, 'a', 256);
	h[n + 256] = '\0';
	assert_int_equal(parse(state, env), 0);
	assert_null(R(state)->host);
	h[n + 255] = '\0';
	assert_int_equal(parse(state, env), 0);
	assert_non_null(R(state)->host);
}

/* Names must match whole: REQUEST_URI_X is not REQUEST_URI. */
static void
parse_env_names(void **state)
{
	char *env[] = { "REQUEST_URI_X=/nope", "REQUEST_METHODX=POST",
	    "REQUEST_URI=/yes", "REQUEST_METHOD=HEAD", NULL };

	assert_int_equal(parse(state, env), 0);
	assert_string_equal(R(state)->path, "/yes");
	assert_int_equal(R(state)->method, METHOD_HEAD);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(pct_decode_valid),
		cmocka_unit_test(pct_decode_malformed),
		cmocka_unit_test(pct_decode_honours_length),
		cmocka_unit_test(text_valid_good),
		cmocka_unit_test(text_valid_bad),
		cmocka_unit_test(text_valid_honours_length),
		cmocka_unit_test_setup_teardown(parse_basic, setup, teardown),
		cmocka_unit_test_setup_teardown(parse_methods, setup, teardown),
		cmocka_unit_test_setup_teardown(parse_empty_env, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(parse_path_decoding, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(parse_script_name, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(parse_path_info, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(parse_bad_paths, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(parse_bad_queries, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(parse_query_key_nul, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(parse_too_long, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(parse_before_field, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(parse_too_many_params, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(parse_https_and_length, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(parse_host, setup, teardown),
		cmocka_unit_test_setup_teardown(parse_host_too_long, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(parse_env_names, setup,
		    teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
