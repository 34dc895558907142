/*
 * test_req: the edge of the program. Strict percent-decoding, the UTF-8
 * validator, req_parse over CGI environments, hostile ones included, and
 * the admin additions: form bodies and their field rules, the session
 * cookie, trusted proxies, the admin query fields.
 */
#include <limits.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "arena.h"
#include "req.h"
#include "valid.h"

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

/* req_parse_form: the urlencoded bodies of the admin forms. */

/* Parses body (all of it) into a zeroed request; returns the status. */
static int
form(void **state, const char *body)
{
	struct parsed	*p = *state;

	memset(&p->r, 0, sizeof(p->r));
	p->why = NULL;
	p->status = req_parse_form(&p->r, &p->a, body, strlen(body), &p->why);
	if (p->status != 0) {
		assert_non_null(p->why);
		assert_true(strlen(p->why) > 0);
	}
	return p->status;
}

static void
form_decoding(void **state)
{
	int	 i;

	assert_int_equal(form(state, "title=Hello+world%21&slug=hello-world"
	    "&body=line+1%0D%0Aline+2%3A+a%26b%3Dc%2Bd&author=caf%C3%A9"), 0);
	assert_string_equal(R(state)->form[FF_TITLE], "Hello world!");
	assert_string_equal(R(state)->form[FF_SLUG], "hello-world");
	assert_string_equal(R(state)->form[FF_BODY],
	    "line 1\r\nline 2: a&b=c+d");
	assert_string_equal(R(state)->form[FF_AUTHOR], "caf\xc3\xa9");
	for (i = 0; i < FF__MAX; i++)
		assert_null(R(state)->form_err[i]);
	/* Raw UTF-8 is kept as sent; an escaped key is a key. */
	assert_int_equal(form(state, "ti%74le=caf\xc3\xa9&excerpt="), 0);
	assert_string_equal(R(state)->form[FF_TITLE], "caf\xc3\xa9");
	assert_string_equal(R(state)->form[FF_EXCERPT], "");
	/* A field without '=' is present and empty. */
	assert_int_equal(form(state, "share_x&title=t"), 0);
	assert_string_equal(R(state)->setting[SET_SHARE_X], "");
	assert_string_equal(R(state)->form[FF_TITLE], "t");
}

static void
form_unknown_ignored(void **state)
{
	int	 i;

	assert_int_equal(form(state, "foo=bar&Title=x&title%20=y&x&=z"
	    "&utm_source=%3Cscript%3E"), 0);
	for (i = 0; i < FF__MAX; i++) {
		assert_null(R(state)->form[i]);
		assert_null(R(state)->form_err[i]);
	}
	assert_int_equal(form(state, "foo=bar&login=ann&baz=1"), 0);
	assert_string_equal(R(state)->form[FF_LOGIN], "ann");
	assert_null(R(state)->form[FF_PASSWORD]);
}

static void
form_empty(void **state)
{
	int	 i;

	assert_int_equal(form(state, ""), 0);
	for (i = 0; i < FF__MAX; i++)
		assert_null(R(state)->form[i]);
	assert_int_equal(form(state, "&&&"), 0);
	for (i = 0; i < FF__MAX; i++)
		assert_null(R(state)->form[i]);
}

/* Only len bytes are read: the body is not a C string. */
static void
form_honours_length(void **state)
{
	struct parsed	*p = *state;
	static const char body[] = "title=abc&body=xyz%zz";

	memset(&p->r, 0, sizeof(p->r));
	assert_int_equal(req_parse_form(&p->r, &p->a, body, 9, &p->why), 0);
	assert_string_equal(R(state)->form[FF_TITLE], "abc");
	assert_null(R(state)->form[FF_BODY]);
}

/* The last of a repeated field wins, its error with it. */
static void
form_repeated(void **state)
{
	assert_int_equal(form(state, "title=a&title=b%0A"), 0);
	assert_string_equal(R(state)->form[FF_TITLE], "b\n");
	assert_non_null(R(state)->form_err[FF_TITLE]);
	assert_int_equal(form(state, "title=a%0A&title=b"), 0);
	assert_string_equal(R(state)->form[FF_TITLE], "b");
	assert_null(R(state)->form_err[FF_TITLE]);
}

/* Over its maximum (in characters), a field keeps every byte sent and
 * gets a message. */
static void
form_too_long(void **state)
{
	struct parsed	*p = *state;
	char		*body, *v;
	size_t		 i;

	body = arena_alloc(&p->a, 1000);
	memcpy(body, "title=", 6);
	memset(body + 6, 'a', 300);
	body[306] = '\0';
	assert_int_equal(form(state, body), 0);
	assert_null(R(state)->form_err[FF_TITLE]);
	assert_int_equal(strlen(R(state)->form[FF_TITLE]), 300);
	body[306] = 'b';
	body[307] = '\0';
	assert_int_equal(form(state, body), 0);
	assert_non_null(R(state)->form_err[FF_TITLE]);
	v = arena_strndup(&p->a, body + 6, 301);
	assert_string_equal(R(state)->form[FF_TITLE], v);

	/* Characters, not bytes: 300 x U+00E9 (600 bytes) fits. */
	memcpy(body, "title=", 6);
	for (i = 0; i < 300; i++)
		memcpy(body + 6 + 2 * i, "\xc3\xa9", 2);
	body[606] = '\0';
	assert_int_equal(form(state, body), 0);
	assert_null(R(state)->form_err[FF_TITLE]);
	assert_int_equal(strlen(R(state)->form[FF_TITLE]), 600);
	memcpy(body + 606, "%C3%A9", 7);
	assert_int_equal(form(state, body), 0);
	assert_non_null(R(state)->form_err[FF_TITLE]);
	assert_int_equal(strlen(R(state)->form[FF_TITLE]), 602);

	/* A long field with a rule: the length message, the value kept. */
	memcpy(body, "slug=", 5);
	memset(body + 5, 'a', 101);
	body[106] = '\0';
	assert_int_equal(form(state, body), 0);
	assert_non_null(R(state)->form_err[FF_SLUG]);
	assert_int_equal(strlen(R(state)->form[FF_SLUG]), 101);

	assert_int_equal(form(state, "share_x=11&login=" "aaaaaaaaaaaaaaaa"
	    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"), 0);
	assert_non_null(R(state)->setting_err[SET_SHARE_X]);
	assert_string_equal(R(state)->setting[SET_SHARE_X], "11");
	assert_non_null(R(state)->form_err[FF_LOGIN]);	/* 65 */
	assert_int_equal(strlen(R(state)->form[FF_LOGIN]), 65);
}

/* Each rule, on both sides of its line. */
/* The value of a form field or setting field by name, and its message. */
static const char *
field(const struct req *r, const char *name, const char **err)
{
	int	 i;

	for (i = 0; i < FF__MAX; i++)
		if (strcmp(req_ffield_name(i), name) == 0) {
			*err = r->form_err[i];
			return r->form[i];
		}
	if ((i = setting_by_field(name)) == -1)
		fail_msg("no field named %s", name);
	*err = r->setting_err[i];
	return r->setting[i];
}

static void
form_rules(void **state)
{
	static const struct {
		const char	*body;
		const char	*f;	/* a form field's or a setting's */
		int		 ok;
	} cases[] = {
		{ "slug=hello-world-2", "slug", 1 },
		{ "slug=Hello-World", "slug", 0 },
		{ "slug=hello_world", "slug", 0 },
		{ "slug=hello+world", "slug", 0 },
		{ "slug=-hello", "slug", 0 },
		{ "slug=caf%C3%A9", "slug", 0 },
		{ "slug=a.b", "slug", 0 },
		{ "date=2026-03-14", "date", 1 },
		{ "date=", "date", 1 },
		{ "date=2026-02-30", "date", 0 },
		{ "date=2024-02-29", "date", 1 },
		{ "date=2023-02-29", "date", 0 },
		{ "date=2000-02-29", "date", 1 },
		{ "date=2100-02-29", "date", 0 },
		{ "date=1969-12-31", "date", 0 },
		{ "date=1970-01-01", "date", 1 },
		{ "date=2026-04-31", "date", 0 },
		{ "date=2026-12-31", "date", 1 },
		{ "date=2026-13-01", "date", 0 },
		{ "date=2026-00-10", "date", 0 },
		{ "date=2026-01-00", "date", 0 },
		{ "date=2026-1-01", "date", 0 },
		{ "date=2026%2F01%2F01", "date", 0 },
		{ "date=26-01-2026", "date", 0 },
		{ "date=2026-01-0a", "date", 0 },
		{ "date=+2026-01-1", "date", 0 },
		{ "time=23:59", "time", 1 },
		{ "time=00:00", "time", 1 },
		{ "time=", "time", 1 },
		{ "time=24:00", "time", 0 },
		{ "time=12:60", "time", 0 },
		{ "time=9:30", "time", 0 },
		{ "time=09.30", "time", 0 },
		{ "time=-1:00", "time", 0 },
		{ "csrf=0123456789abcdef0123456789abcdef0123456789abcdef"
		    "0123456789abcdef", "csrf", 1 },
		{ "csrf=0123456789abcdef0123456789abcdef0123456789abcdef"
		    "0123456789abcdeg", "csrf", 0 },
		{ "csrf=0123456789ABCDEF0123456789abcdef0123456789abcdef"
		    "0123456789abcdef", "csrf", 0 },
		{ "csrf=0123456789abcdef0123456789abcdef0123456789abcdef"
		    "0123456789abcde", "csrf", 0 },
		{ "csrf=", "csrf", 0 },
		{ "site_base_url=https://blog.example.org", "site_base_url", 1 },
		{ "site_base_url=http://127.0.0.1:8080/blog", "site_base_url",
		    1 },
		{ "site_base_url=", "site_base_url", 0 },
		{ "site_base_url=https://", "site_base_url", 0 },
		{ "site_base_url=https:///x", "site_base_url", 0 },
		{ "site_base_url=https://x.org/?a=1", "site_base_url", 0 },
		{ "site_base_url=https://x.org/#top", "site_base_url", 0 },
		{ "site_base_url=https://evil@x.org", "site_base_url", 0 },
		{ "site_base_url=javascript:alert(1)", "site_base_url", 0 },
		{ "site_base_url=javascript://example.org/%0Aalert(1)",
		    "site_base_url", 0 },
		{ "site_base_url=data:text/html,x", "site_base_url", 0 },
		{ "site_base_url=//example.org", "site_base_url", 0 },
		{ "site_base_url=example.org", "site_base_url", 0 },
		{ "site_base_url=https://exa+mple.org", "site_base_url", 0 },
		{ "site_base_url=https://x.org/%22onmouseover%3D", "site_base_url",
		    0 },
		{ "site_base_url=https://x.org/%3Cscript%3E", "site_base_url",
		    0 },
		{ "share_x=1", "share_x", 1 },
		{ "share_x=0", "share_x", 0 },
		{ "share_linkedin=on", "share_linkedin", 0 },
		{ "share_facebook=", "share_facebook", 0 },
		{ "share_facebook=1", "share_facebook", 1 },
		{ "title=A+title%2C+with+%E2%82%AC", "title", 1 },
		{ "title=Two%0Alines", "title", 0 },
		{ "title=CR%0D", "title", 0 },
		{ "title=tab%09", "title", 0 },
		{ "title=del%7F", "title", 0 },
		{ "site_title=a%1Bb", "site_title", 0 },
		{ "site_author=Miriam+Holloway", "site_author", 1 },
		{ "login=ann%0D%0AX-Forged:+1", "login", 0 },
		{ "author=a%0Ab", "author", 0 },
		{ "body=two%0Alines+and+a+tab%09", "body", 1 },
		{ "excerpt=line%0Aline", "excerpt", 1 },
		{ "site_note=a%0Ab", "site_note", 1 },
		{ "password=+spaces+%09tab+", "password", 1 },
		{ "revision=1", "revision", 1 },
		{ "revision=42", "revision", 1 },
		{ "revision=0", "revision", 1 },	/* a new post */
		{ "revision=00", "revision", 0 },
		{ "revision=-1", "revision", 0 },
		{ "revision=1e3", "revision", 0 },
		{ "revision=", "revision", 0 },
		{ "site_per_page=10", "site_per_page", 1 },
		{ "site_per_page=0", "site_per_page", 0 },
		{ "site_per_page=010", "site_per_page", 0 },
		{ "site_per_page=1000", "site_per_page", 0 },
		{ "next=/admin", "next", 1 },
		{ "next=/admin/articles/3", "next", 1 },
		{ "next=/admin%3Fstatus%3Ddraft", "next", 1 },
		{ "next=//evil.example", "next", 0 },
		{ "next=https://evil.example/admin", "next", 0 },
		{ "next=/administrator", "next", 0 },
		{ "next=/admin//evil.example", "next", 0 },
		{ "next=/admin/%5C%5Cevil.example", "next", 0 },
		/* Browsers read %2e in a path as a dot: these leave /admin. */
		{ "next=/admin/%252e%252e/%252e%252e/about", "next", 0 },
		{ "next=/admin/%252E./x", "next", 0 },
		{ "next=/admin/.%252e/x", "next", 0 },
		{ "next=/admin/articles/%252e", "next", 0 },
		/* A %2e inside a segment is just a character. */
		{ "next=/admin/articles%252e", "next", 1 },
	};
	size_t		 i;
	const char	*v, *err;
	int		 st;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		st = form(state, cases[i].body);
		if (st != 0)
			fail_msg("%s: status %d, want 0", cases[i].body, st);
		if ((v = field(R(state), cases[i].f, &err)) == NULL)
			fail_msg("%s: field %s not set", cases[i].body,
			    cases[i].f);
		if (cases[i].ok && err != NULL)
			fail_msg("%s: refused (\"%s\"), want accepted",
			    cases[i].body, err);
		if (!cases[i].ok && err == NULL)
			fail_msg("%s: accepted, want an error", cases[i].body);
	}
}

/* FF_REVISION is declared as up to 18 characters (a SQLite integer), and
 * the editor refuses to save while the field has an error: a revision
 * past 999999 must still be a whole number. */
static void
form_revision_width(void **state)
{
	static const char *const ok[] = {
		"revision=999999",
		"revision=1000000",
		"revision=123456789012345678",
	};
	size_t	 i;

	for (i = 0; i < sizeof(ok) / sizeof(ok[0]); i++) {
		assert_int_equal(form(state, ok[i]), 0);
		if (R(state)->form_err[FF_REVISION] != NULL)
			fail_msg("%s: refused (\"%s\"), want accepted", ok[i],
			    R(state)->form_err[FF_REVISION]);
	}
	assert_int_equal(form(state, "revision=1234567890123456789"), 0);
	assert_non_null(R(state)->form_err[FF_REVISION]);
}

/* Malformed encoding, invalid UTF-8 or a NUL in any field, known or not,
 * is a 400; so is an action nobody declared. */
static void
form_malformed(void **state)
{
	static const char *const bad[] = {
		"title=caf%C3%28",
		"title=%C0%AF",
		"title=%ED%A0%80",
		"body=a%00b",
		"password=%00",
		"unknown=a%00b",
		"unknown%00=1",
		"title%00=x",
		"%FF=1",
		"unknown=%FF",
		"title=\xff",
		"body=\xc3",
		"title=%zz",
		"title=%",
		"title=a%4",
		"%=x",
		"slug=ok&body=%E2%82",
		"action=explode",
		"action=Publish",
		"action=publish+",
		"action=draft%00",
		"title=x&action=drop+table",
	};
	static const char *const actions[] = { "draft", "preview", "publish",
	    "unpublish", "delete", "save" };
	char	 body[64];
	size_t	 i;
	int	 st;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if ((st = form(state, bad[i])) != 400)
			fail_msg("\"%s\": status %d, want 400", bad[i], st);
	for (i = 0; i < sizeof(actions) / sizeof(actions[0]); i++) {
		snprintf(body, sizeof(body), "action=%s&csrf=x", actions[i]);
		assert_int_equal(form(state, body), 0);
		assert_string_equal(R(state)->form[FF_ACTION], actions[i]);
		assert_null(R(state)->form_err[FF_ACTION]);
	}
}

static void
form_too_many_pairs(void **state)
{
	struct parsed	*p = *state;
	char		*body;
	size_t		 n = 0, i;

	body = arena_alloc(&p->a, 4096);
	for (i = 0; i < 256; i++)
		n += (size_t)snprintf(body + n, 4096 - n, "x=%zu&&", i % 10);
	assert_int_equal(form(state, body), 0);
	snprintf(body + n, 4096 - n, "title=t");
	assert_int_equal(form(state, body), 400);
	/* Empty pairs do not count. */
	snprintf(body + n, 4096 - n, "&&&&");
	assert_int_equal(form(state, body), 0);
}

/* Cookies: only a well-formed quire_session becomes r->session. */
static void
cookie_session(void **state)
{
#define HEX64	"0123456789abcdef0123456789abcdef" \
		"0123456789abcdef0123456789abcdef"
	static const struct {
		const char	*env;
		const char	*session;
	} cases[] = {
		{ "HTTP_COOKIE=a=b; quire_session=" HEX64 "; c=d", HEX64 },
		{ "HTTP_COOKIE=quire_session=" HEX64, HEX64 },
		{ "HTTP_COOKIE=a=b;quire_session=" HEX64, HEX64 },
		{ "HTTP_COOKIE=a=b;   quire_session=" HEX64 ";", HEX64 },
		{ "HTTP_COOKIE=a=b; quire_session=" HEX64 "0", NULL },
		{ "HTTP_COOKIE=a=b; quire_session=" "0123456789abcdef0123456789"
		    "abcdef0123456789abcdef0123456789abcde; c=d", NULL },
		{ "HTTP_COOKIE=quire_session=" "0123456789abcdef0123456789"
		    "abcdef0123456789abcdef0123456789abcdeg", NULL },
		{ "HTTP_COOKIE=quire_session=" "0123456789ABCDEF0123456789"
		    "abcdef0123456789abcdef0123456789abcdef", NULL },
		{ "HTTP_COOKIE=quire_session=\"" HEX64 "\"", NULL },
		{ "HTTP_COOKIE=quire_session=", NULL },
		{ "HTTP_COOKIE=quire_session", NULL },
		{ "HTTP_COOKIE=xquire_session=" HEX64, NULL },
		{ "HTTP_COOKIE=quire_sessionx=" HEX64, NULL },
		{ "HTTP_COOKIE=a=quire_session=" HEX64, NULL },
		{ "HTTP_COOKIE=", NULL },
		{ "HTTP_COOKIES=quire_session=" HEX64, NULL },
	};
	char	*env[3] = { "REQUEST_URI=/admin", NULL, NULL };
	size_t	 i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		env[1] = (char *)cases[i].env;
		assert_int_equal(parse(state, env), 0);
		if (cases[i].session == NULL) {
			if (R(state)->session != NULL)
				fail_msg("%s: session \"%s\", want NULL",
				    cases[i].env, R(state)->session);
		} else if (R(state)->session == NULL ||
		    strcmp(R(state)->session, cases[i].session) != 0)
			fail_msg("%s: session \"%s\", want \"%s\"", cases[i].env,
			    R(state)->session ? R(state)->session : "(null)",
			    cases[i].session);
	}
	/* No Cookie header at all. */
	env[1] = NULL;
	assert_int_equal(parse(state, env), 0);
	assert_null(R(state)->session);
#undef HEX64
}

/* X-Forwarded-For counts only from a trusted proxy, and only its last,
 * well-formed entry. */
static void
trust_proxy(void **state)
{
	static const struct {
		const char	*remote;
		const char	*xff;		/* NULL: no header */
		const char	*trusted;
		const char	*client;
	} cases[] = {
		{ "127.0.0.1", "1.2.3.4, 5.6.7.8", NULL, "127.0.0.1" },
		{ "127.0.0.1", "1.2.3.4, 5.6.7.8", "127.0.0.1", "5.6.7.8" },
		{ "127.0.0.1", "1.2.3.4,5.6.7.8", "127.0.0.1", "5.6.7.8" },
		{ "127.0.0.1", "9.9.9.9", "127.0.0.1", "9.9.9.9" },
		{ "10.0.0.5", "9.9.9.9", "127.0.0.1,10.0.0.5", "9.9.9.9" },
		{ "127.0.0.1", "9.9.9.9", "10.0.0.5,127.0.0.1,::1", "9.9.9.9" },
		{ "::1", "2001:db8::7", "127.0.0.1,::1", "2001:db8::7" },
		{ "192.0.2.9", "1.2.3.4, 5.6.7.8", "127.0.0.1", "192.0.2.9" },
		{ "192.0.2.9", "5.6.7.8", "", "192.0.2.9" },
		/* Whole addresses only, not prefixes. */
		{ "127.0.0.1", "5.6.7.8", "127.0.0.10", "127.0.0.1" },
		{ "127.0.0.10", "5.6.7.8", "127.0.0.1", "127.0.0.10" },
		{ "127.0.0.1", "5.6.7.8", "27.0.0.1", "127.0.0.1" },
		/* Junk is ignored. */
		{ "127.0.0.1", "<script>", "127.0.0.1", "127.0.0.1" },
		{ "127.0.0.1", "1.2.3.4, <script>", "127.0.0.1", "127.0.0.1" },
		{ "127.0.0.1", "1.2.3.4, 5.6.7.8 x", "127.0.0.1", "127.0.0.1" },
		{ "127.0.0.1", "5.6.7.8\r\nX: y", "127.0.0.1", "127.0.0.1" },
		{ "127.0.0.1", "", "127.0.0.1", "127.0.0.1" },
		{ "127.0.0.1", "1.2.3.4,", "127.0.0.1", "127.0.0.1" },
		{ "127.0.0.1", "1.2.3.4, ", "127.0.0.1", "127.0.0.1" },
		{ "127.0.0.1", NULL, "127.0.0.1", "127.0.0.1" },
	};
	struct parsed	*p = *state;
	char		 remote[64], xff[64];
	char		*env[4];
	size_t		 i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		snprintf(remote, sizeof(remote), "REMOTE_ADDR=%s",
		    cases[i].remote);
		snprintf(xff, sizeof(xff), "HTTP_X_FORWARDED_FOR=%s",
		    cases[i].xff != NULL ? cases[i].xff : "");
		env[0] = "REQUEST_URI=/admin/login";
		env[1] = remote;
		env[2] = cases[i].xff != NULL ? xff : NULL;
		env[3] = NULL;
		assert_int_equal(parse(state, env), 0);
		/* Before req_trust: the peer. */
		assert_string_equal(R(state)->client_addr, cases[i].remote);
		req_trust(&p->r, cases[i].trusted);
		if (strcmp(R(state)->client_addr, cases[i].client) != 0)
			fail_msg("peer %s, X-Forwarded-For \"%s\", trusted %s: "
			    "client %s, want %s", cases[i].remote,
			    cases[i].xff ? cases[i].xff : "(none)",
			    cases[i].trusted ? cases[i].trusted : "(none)",
			    R(state)->client_addr, cases[i].client);
		assert_string_equal(R(state)->remote_addr, cases[i].remote);
	}
}

/* The admin query fields: each has its rule, and breaking it is a 400. */
static void
query_admin_fields(void **state)
{
	static const struct {
		const char	*uri;
		int		 status;
		enum req_qfield	 f;
		const char	*value;
	} cases[] = {
		{ "REQUEST_URI=/admin?status=draft", 0, QF_STATUS, "draft" },
		{ "REQUEST_URI=/admin?status=scheduled", 0, QF_STATUS,
		    "scheduled" },
		{ "REQUEST_URI=/admin?status=published", 0, QF_STATUS,
		    "published" },
		{ "REQUEST_URI=/admin?status=bogus", 400, QF_STATUS, NULL },
		{ "REQUEST_URI=/admin?status=Draft", 400, QF_STATUS, NULL },
		{ "REQUEST_URI=/admin?status=", 400, QF_STATUS, NULL },
		{ "REQUEST_URI=/admin?status=draft&status=x", 400, QF_STATUS,
		    NULL },
		{ "REQUEST_URI=/admin?page=3", 0, QF_PAGE, "3" },
		{ "REQUEST_URI=/admin?page=999999", 0, QF_PAGE, "999999" },
		{ "REQUEST_URI=/admin?page=0", 400, QF_PAGE, NULL },
		{ "REQUEST_URI=/admin?page=03", 400, QF_PAGE, NULL },
		{ "REQUEST_URI=/admin?page=-1", 400, QF_PAGE, NULL },
		{ "REQUEST_URI=/admin?page=1000000", 400, QF_PAGE, NULL },
		{ "REQUEST_URI=/admin?page=2x", 400, QF_PAGE, NULL },
		{ "REQUEST_URI=/admin?page=", 400, QF_PAGE, NULL },
		{ "REQUEST_URI=/admin/login?next=/admin/settings", 0, QF_NEXT,
		    "/admin/settings" },
		{ "REQUEST_URI=/admin/login?next=%2Fadmin%2Farticles%2F12", 0,
		    QF_NEXT, "/admin/articles/12" },
		{ "REQUEST_URI=/admin/login?next=/admin", 0, QF_NEXT,
		    "/admin" },
		{ "REQUEST_URI=/admin/login?next=/admin%3Fstatus%3Ddraft", 0,
		    QF_NEXT, "/admin?status=draft" },
		{ "REQUEST_URI=/admin/login?next=//evil.example", 400, QF_NEXT,
		    NULL },
		{ "REQUEST_URI=/admin/login?next=https://evil.example", 400,
		    QF_NEXT, NULL },
		{ "REQUEST_URI=/admin/login?next=/admin//evil.example", 400,
		    QF_NEXT, NULL },
		{ "REQUEST_URI=/admin/login?next=/admin/%5Cevil", 400, QF_NEXT,
		    NULL },
		{ "REQUEST_URI=/admin/login?next=/admin/%0Ax", 400, QF_NEXT,
		    NULL },
		{ "REQUEST_URI=/admin/login?next=/admin+x", 400, QF_NEXT, NULL },
		{ "REQUEST_URI=/admin/login?next=/administrator", 400, QF_NEXT,
		    NULL },
		{ "REQUEST_URI=/admin/login?next=/admin.evil", 400, QF_NEXT,
		    NULL },
		{ "REQUEST_URI=/admin/login?next=/", 400, QF_NEXT, NULL },
		{ "REQUEST_URI=/admin/login?next=", 400, QF_NEXT, NULL },
		{ "REQUEST_URI=/admin/login?next=admin", 400, QF_NEXT, NULL },
		{ "REQUEST_URI=/admin?done=saved", 0, QF_DONE, "saved" },
		{ "REQUEST_URI=/admin/login?done=signedout", 0, QF_DONE,
		    "signedout" },
		{ "REQUEST_URI=/admin?done=x", 400, QF_DONE, NULL },
		{ "REQUEST_URI=/admin?done=", 400, QF_DONE, NULL },
		{ "REQUEST_URI=/admin?done=saved%3Cscript%3E", 400, QF_DONE,
		    NULL },
	};
	static const char *const done_words[] = { "saved", "published",
	    "unpublished", "deleted", "settings", "password", "signedout" };
	char	 uri[80];
	char	*env[2] = { NULL, NULL };
	size_t	 i;
	int	 st, q;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		env[0] = (char *)cases[i].uri;
		st = parse(state, env);
		if (st != cases[i].status)
			fail_msg("%s: status %d, want %d", cases[i].uri, st,
			    cases[i].status);
		if (st != 0)
			continue;
		assert_non_null(R(state)->query[cases[i].f]);
		assert_string_equal(R(state)->query[cases[i].f],
		    cases[i].value);
		for (q = 0; q < QF__MAX; q++)
			if (q != (int)cases[i].f)
				assert_null(R(state)->query[q]);
	}
	for (i = 0; i < sizeof(done_words) / sizeof(done_words[0]); i++) {
		snprintf(uri, sizeof(uri), "REQUEST_URI=/admin?done=%s",
		    done_words[i]);
		env[0] = uri;
		assert_int_equal(parse(state, env), 0);
		assert_string_equal(R(state)->query[QF_DONE], done_words[i]);
	}
	/* All at once. */
	env[0] = "REQUEST_URI=/admin?status=scheduled&page=2&done=deleted";
	assert_int_equal(parse(state, env), 0);
	assert_string_equal(R(state)->query[QF_STATUS], "scheduled");
	assert_string_equal(R(state)->query[QF_PAGE], "2");
	assert_string_equal(R(state)->query[QF_DONE], "deleted");
}

/* "next" must stay at or below /admin (req.c: "/admin" or below). Dot
 * segments climb out of it once the browser resolves the Location: the
 * author signs in and lands on /x. */
static void
query_next_dot_segments(void **state)
{
	static const char *const bad[] = {
		"REQUEST_URI=/admin/login?next=/admin/../x",
		"REQUEST_URI=/admin/login?next=/admin/..",
		"REQUEST_URI=/admin/login?next=/admin/%2E%2E/%2E%2E/x",
		"REQUEST_URI=/admin/login?next=/admin/./../feed",
	};
	char	*env[2] = { NULL, NULL };
	size_t	 i;
	int	 st;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		env[0] = (char *)bad[i];
		if ((st = parse(state, env)) != 400)
			fail_msg("%s: status %d (next \"%s\"), want 400", bad[i],
			    st, st == 0 ? R(state)->query[QF_NEXT] : "");
	}
	/* The same rule holds for the login form's hidden field. */
	assert_int_equal(form(state, "next=/admin/../x"), 0);
	assert_non_null(R(state)->form_err[FF_NEXT]);
}

static void
content_length(void **state)
{
	static const struct {
		const char	*env;		/* NULL: not set */
		long long	 len;
	} cases[] = {
		{ NULL, -1 },
		{ "CONTENT_LENGTH=12", 12 },
		{ "CONTENT_LENGTH=0", 0 },
		{ "CONTENT_LENGTH=999999999999999", 999999999999999LL },
		{ "CONTENT_LENGTH=-1", -1 },
		{ "CONTENT_LENGTH=abc", -1 },
		{ "CONTENT_LENGTH=", -1 },
		{ "CONTENT_LENGTH=12abc", -1 },
		{ "CONTENT_LENGTH= 12", -1 },
		{ "CONTENT_LENGTH=+12", -1 },
		{ "CONTENT_LENGTH=0x10", -1 },
		{ "CONTENT_LENGTH=1e3", -1 },
		/* More digits than any limit: too large (413), never an
		 * overflow or "no length" (411). */
		{ "CONTENT_LENGTH=9999999999999999", LLONG_MAX },
		{ "CONTENT_LENGTH=9999999999999999999999", LLONG_MAX },
		{ "CONTENT_LENGTH=0000000000000000000012", 12 },
		{ "CONTENT_LENGTH=00000000000000000000", 0 },
	};
	char	*env[3];
	size_t	 i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		env[0] = "REQUEST_URI=/admin/login";
		env[1] = (char *)cases[i].env;
		env[2] = NULL;
		assert_int_equal(parse(state, env), 0);
		if (R(state)->content_length != cases[i].len)
			fail_msg("%s: %lld, want %lld",
			    cases[i].env ? cases[i].env : "(unset)",
			    R(state)->content_length, cases[i].len);
	}
}

/* The field tables answer by name. */
static void
field_names(void **state)
{
	assert_string_equal(req_ffield_name(FF_LOGIN), "login");
	assert_string_equal(req_ffield_name(FF_CSRF), "csrf");
	assert_int_equal(setting_by_field("site_base_url"), SET_BASE_URL);
	assert_int_equal(setting_by_field("base_url"), -1);
	assert_string_equal(req_ffield_name(FF_NEW_PASSWORD2), "new_password2");
	assert_string_equal(req_qfield_name(QF_STATUS), "status");
	assert_string_equal(req_qfield_name(QF_DONE), "done");
	assert_int_equal(valid_chars(""), 0);
	assert_int_equal(valid_chars("abc"), 3);
	assert_int_equal(valid_chars("caf\xc3\xa9 \xe2\x82\xac\xf0\x9f\x98\x80"),
	    7);
}

/* Conditional GET: If-None-Match is kept as sent (the application compares
 * it), unless empty, over 2048 bytes or not valid UTF-8. */
static void
cond_if_none_match(void **state)
{
	static const struct {
		const char	*env;		/* NULL: not set */
		const char	*want;		/* NULL: absent */
	} cases[] = {
		{ NULL, NULL },
		{ "HTTP_IF_NONE_MATCH=\"abc\"", "\"abc\"" },
		{ "HTTP_IF_NONE_MATCH=W/\"abc\"", "W/\"abc\"" },
		{ "HTTP_IF_NONE_MATCH=\"x\", \"abc\"", "\"x\", \"abc\"" },
		{ "HTTP_IF_NONE_MATCH=\"x\",W/\"y\" ,\t\"z\"",
		    "\"x\",W/\"y\" ,\t\"z\"" },
		{ "HTTP_IF_NONE_MATCH=*", "*" },
		{ "HTTP_IF_NONE_MATCH=\"caf\xc3\xa9\"", "\"caf\xc3\xa9\"" },
		{ "HTTP_IF_NONE_MATCH=", NULL },
		/* Sent but unreadable: present, matching nothing. */
		{ "HTTP_IF_NONE_MATCH=\"bad\xff\"", "" },
		{ "HTTP_IF_NONE_MATCH=\"bad\xc3\"", "" },
		{ "HTTP_IF_NONE_MATCHX=\"abc\"", NULL },
		{ "IF_NONE_MATCH=\"abc\"", NULL },
	};
	char	*env[4] = { "REQUEST_METHOD=GET", "REQUEST_URI=/", NULL, NULL };
	size_t	 i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		env[2] = (char *)cases[i].env;
		assert_int_equal(parse(state, env), 0);
		if (cases[i].want == NULL) {
			if (R(state)->if_none_match != NULL)
				fail_msg("%s: if_none_match \"%s\", want NULL",
				    cases[i].env ? cases[i].env : "(unset)",
				    R(state)->if_none_match);
		} else if (R(state)->if_none_match == NULL ||
		    strcmp(R(state)->if_none_match, cases[i].want) != 0)
			fail_msg("%s: if_none_match \"%s\", want \"%s\"",
			    cases[i].env, R(state)->if_none_match ?
			    R(state)->if_none_match : "(null)", cases[i].want);
		/* Neither header touches the other. */
		assert_int_equal(R(state)->if_modified_since, -1);
	}
}

/* 2048 bytes of If-None-Match are kept; 2049 count as sent but match
 * nothing (""), so If-Modified-Since is not used instead. */
static void
cond_if_none_match_length(void **state)
{
	char	 h[2100];
	char	*env[] = { "REQUEST_URI=/archive", h, NULL };
	size_t	 n;

	n = (size_t)snprintf(h, sizeof(h), "HTTP_IF_NONE_MATCH=");
	h[n] = '"';
	memset(h + n + 1, 'a', 2046);
	h[n + 2047] = '"';
	h[n + 2048] = '\0';
	assert_int_equal(parse(state, env), 0);
	assert_non_null(R(state)->if_none_match);
	assert_int_equal(strlen(R(state)->if_none_match), 2048);
	h[n + 2047] = 'a';
	h[n + 2048] = '"';
	h[n + 2049] = '\0';
	assert_int_equal(parse(state, env), 0);
	assert_non_null(R(state)->if_none_match);
	assert_string_equal(R(state)->if_none_match, "");
}

/* If-Modified-Since: IMF-fixdate only, as Unix seconds; anything else,
 * the obsolete RFC 850 and asctime forms included, is -1 (ignored). */
static void
cond_if_modified_since(void **state)
{
	static const struct {
		const char	*env;		/* NULL: not set */
		long long	 want;
	} cases[] = {
		{ NULL, -1 },
		{ "HTTP_IF_MODIFIED_SINCE=Sun, 06 Nov 1994 08:49:37 GMT",
		    784111777LL },
		{ "HTTP_IF_MODIFIED_SINCE=Thu, 01 Jan 1970 00:00:00 GMT", 0 },
		{ "HTTP_IF_MODIFIED_SINCE=Thu, 01 Jan 1970 00:00:01 GMT", 1 },
		{ "HTTP_IF_MODIFIED_SINCE=Thu, 29 Feb 2024 12:00:00 GMT",
		    1709208000LL },
		{ "HTTP_IF_MODIFIED_SINCE=Tue, 31 Dec 2024 23:59:59 GMT",
		    1735689599LL },
		{ "HTTP_IF_MODIFIED_SINCE=Tue, 19 Jan 2038 03:14:08 GMT",
		    2147483648LL },		/* past 32-bit time_t */
		{ "HTTP_IF_MODIFIED_SINCE=Fri, 31 Dec 9999 23:59:59 GMT",
		    253402300799LL },
		/* The obsolete forms. */
		{ "HTTP_IF_MODIFIED_SINCE=Sunday, 06-Nov-94 08:49:37 GMT", -1 },
		{ "HTTP_IF_MODIFIED_SINCE=Sun Nov  6 08:49:37 1994", -1 },
		/* Not a date at all, or close to one. */
		{ "HTTP_IF_MODIFIED_SINCE=", -1 },
		{ "HTTP_IF_MODIFIED_SINCE=yesterday", -1 },
		{ "HTTP_IF_MODIFIED_SINCE=784111777", -1 },
		{ "HTTP_IF_MODIFIED_SINCE=1994-11-06T08:49:37Z", -1 },
		{ "HTTP_IF_MODIFIED_SINCE=Sun, 06 Nov 1994 08:49:37 gmt", -1 },
		{ "HTTP_IF_MODIFIED_SINCE=Sun, 06 Nov 1994 08:49:37 UTC", -1 },
		{ "HTTP_IF_MODIFIED_SINCE=Sun, 06 Nov 1994 08:49:37 +0000", -1 },
		{ "HTTP_IF_MODIFIED_SINCE=Sun, 06 Nov 1994 08:49:37 GMT ", -1 },
		{ "HTTP_IF_MODIFIED_SINCE= Sun, 06 Nov 1994 08:49:37 GMT", -1 },
		{ "HTTP_IF_MODIFIED_SINCE=Sun, 06 Nov 1994 08:49:37", -1 },
		{ "HTTP_IF_MODIFIED_SINCE=Sun, 6 Nov 1994 08:49:37 GMT", -1 },
		{ "HTTP_IF_MODIFIED_SINCE=Sun 06 Nov 1994 08:49:37 GMT ", -1 },
		{ "HTTP_IF_MODIFIED_SINCE=Sun, 06 nov 1994 08:49:37 GMT", -1 },
		{ "HTTP_IF_MODIFIED_SINCE=Sun, 06 NOV 1994 08:49:37 GMT", -1 },
		{ "HTTP_IF_MODIFIED_SINCE=Sun, 06 Xyz 1994 08:49:37 GMT", -1 },
		{ "HTTP_IF_MODIFIED_SINCE=Sun, 06 Nov 94 08:49:37 GMT", -1 },
		{ "HTTP_IF_MODIFIED_SINCE=Sun, 06 Nov +994 08:49:37 GMT", -1 },
		{ "HTTP_IF_MODIFIED_SINCE=Sun, 06 Nov 1994 8:49:37 GMT ", -1 },
		{ "HTTP_IF_MODIFIED_SINCE=Sun, 06 Nov 1994 08:49:3x GMT", -1 },
		{ "HTTP_IF_MODIFIED_SINCE=Sun, 06 Nov 1994 08-49-37 GMT", -1 },
		{ "HTTP_IF_MODIFIED_SINCE=Sun, 00 Nov 1994 08:49:37 GMT", -1 },
		{ "HTTP_IF_MODIFIED_SINCE=Sun, 32 Nov 1994 08:49:37 GMT", -1 },
		{ "HTTP_IF_MODIFIED_SINCE=Sun, 06 Nov 1994 24:00:00 GMT", -1 },
		{ "HTTP_IF_MODIFIED_SINCE=Sun, 06 Nov 1994 08:60:00 GMT", -1 },
		{ "HTTP_IF_MODIFIED_SINCE=Sun, 06 Nov 1994 08:49:61 GMT", -1 },
		{ "HTTP_IF_MODIFIED_SINCE=Wed, 31 Dec 1969 23:59:59 GMT", -1 },
		{ "HTTP_IF_MODIFIED_SINCE=Sun, 06 Nov 1994 08:49:37 GMT\r", -1 },
		{ "HTTP_IF_MODIFIED_SINCEX=Sun, 06 Nov 1994 08:49:37 GMT", -1 },
	};
	char	*env[4] = { "REQUEST_METHOD=GET", "REQUEST_URI=/", NULL, NULL };
	size_t	 i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		env[2] = (char *)cases[i].env;
		assert_int_equal(parse(state, env), 0);
		if (R(state)->if_modified_since != cases[i].want)
			fail_msg("%s: if_modified_since %lld, want %lld",
			    cases[i].env ? cases[i].env : "(unset)",
			    R(state)->if_modified_since, cases[i].want);
		assert_null(R(state)->if_none_match);
	}
}

/* The day name is part of the grammar (RFC 9110, 5.6.7), and a recipient
 * must ignore an If-Modified-Since that is not a valid HTTP-date (13.1.3). */
static void
cond_if_modified_since_day_name(void **state)
{
	static const char *const bad[] = {
		"HTTP_IF_MODIFIED_SINCE=Xyz, 06 Nov 1994 08:49:37 GMT",
		"HTTP_IF_MODIFIED_SINCE=123, 06 Nov 1994 08:49:37 GMT",
		"HTTP_IF_MODIFIED_SINCE=sun, 06 Nov 1994 08:49:37 GMT",
	};
	static const char *const good[] = {
		"HTTP_IF_MODIFIED_SINCE=Sun, 06 Nov 1994 08:49:37 GMT",
		"HTTP_IF_MODIFIED_SINCE=Mon, 07 Nov 1994 08:49:37 GMT",
		"HTTP_IF_MODIFIED_SINCE=Sat, 12 Nov 1994 08:49:37 GMT",
	};
	char	*env[3] = { "REQUEST_URI=/", NULL, NULL };
	size_t	 i;

	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		env[1] = (char *)good[i];
		assert_int_equal(parse(state, env), 0);
		if (R(state)->if_modified_since != 784111777LL + (long long)
		    (i == 0 ? 0 : i == 1 ? 86400 : 6 * 86400))
			fail_msg("%s: if_modified_since %lld", good[i],
			    R(state)->if_modified_since);
	}
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		env[1] = (char *)bad[i];
		assert_int_equal(parse(state, env), 0);
		if (R(state)->if_modified_since != -1)
			fail_msg("%s: if_modified_since %lld, want -1 (not a "
			    "day name)", bad[i], R(state)->if_modified_since);
	}
}

/* Both headers at once, on a HEAD: each parsed on its own. */
static void
cond_both(void **state)
{
	char *env[] = { "REQUEST_METHOD=HEAD", "REQUEST_URI=/archive/2024",
	    "HTTP_IF_NONE_MATCH=\"0123456789abcdef0123456789abcdef\"",
	    "HTTP_IF_MODIFIED_SINCE=Sat, 01 Jun 2024 10:00:00 GMT", NULL };

	assert_int_equal(parse(state, env), 0);
	assert_int_equal(R(state)->method, METHOD_HEAD);
	assert_string_equal(R(state)->if_none_match,
	    "\"0123456789abcdef0123456789abcdef\"");
	assert_int_equal(R(state)->if_modified_since, 1717236000LL);
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
		cmocka_unit_test_setup_teardown(form_decoding, setup, teardown),
		cmocka_unit_test_setup_teardown(form_unknown_ignored, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(form_empty, setup, teardown),
		cmocka_unit_test_setup_teardown(form_honours_length, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(form_repeated, setup, teardown),
		cmocka_unit_test_setup_teardown(form_too_long, setup, teardown),
		cmocka_unit_test_setup_teardown(form_rules, setup, teardown),
		cmocka_unit_test_setup_teardown(form_revision_width, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(form_malformed, setup, teardown),
		cmocka_unit_test_setup_teardown(form_too_many_pairs, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(cookie_session, setup, teardown),
		cmocka_unit_test_setup_teardown(trust_proxy, setup, teardown),
		cmocka_unit_test_setup_teardown(query_admin_fields, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(query_next_dot_segments, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(content_length, setup, teardown),
		cmocka_unit_test_setup_teardown(cond_if_none_match, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(cond_if_none_match_length, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(cond_if_modified_since, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(cond_if_modified_since_day_name,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(cond_both, setup, teardown),
		cmocka_unit_test(field_names),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
