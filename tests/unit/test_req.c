/*
 * test_req: the edge of the program, where a case is not a row of a table:
 * strict percent-decoding, the UTF-8 validator, lengths at and past their
 * limits, bodies that are not C strings, where the parsed strings live.
 * The tables of environments and form bodies are data, in
 * tests/unit/cases/req.txt and form.txt (test_cases.c).
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

/* req.h: every string lives in the request arena. The FastCGI library owns
 * the environment and reuses it for the next request, so a pointer into it
 * would change under a handler: scribble over the env after parsing and
 * nothing in the req may move. */
static void
parse_owns_strings(void **state)
{
#define HEX64	"0123456789abcdef0123456789abcdef" \
		"0123456789abcdef0123456789abcdef"
	static const char *const src[2][12] = { {
		"REQUEST_METHOD=PUT",
		"REQUEST_URI=/admin?status=draft&page=2",
		"REMOTE_ADDR=127.0.0.1",
		"HTTP_X_FORWARDED_FOR=1.2.3.4, 5.6.7.8",
		"HTTP_HOST=blog.example.org",
		"HTTP_ORIGIN=https://blog.example.org",
		"HTTP_IF_NONE_MATCH=\"abc\"",
		"CONTENT_TYPE=application/x-www-form-urlencoded",
		"HTTP_COOKIE=quire_session=" HEX64,
		NULL,
	}, {
		"REQUEST_METHOD=POST",
		"PATH_INFO=/admin/login",
		"QUERY_STRING=next=/admin",
		"REMOTE_ADDR=192.0.2.7",
		NULL,
	} };
	char	 buf[12][160];
	char	*env[13];
	size_t	 i, k;
	struct parsed	*p = *state;
	struct req	 r;

	for (k = 0; k < 2; k++) {
		for (i = 0; src[k][i] != NULL; i++) {
			snprintf(buf[i], sizeof(buf[i]), "%s", src[k][i]);
			env[i] = buf[i];
		}
		env[i] = NULL;
		assert_int_equal(parse(state, env), 0);
		req_trust(&p->r, "127.0.0.1");
		r = p->r;
		for (i = 0; i < 12; i++) {
			memset(buf[i], 'X', sizeof(buf[i]) - 1);
			buf[i][sizeof(buf[i]) - 1] = '\0';
		}
		if (k == 0) {
			assert_string_equal(r.method_name, "PUT");
			assert_string_equal(r.target,
			    "/admin?status=draft&page=2");
			assert_string_equal(r.query_string,
			    "status=draft&page=2");
			assert_string_equal(r.path, "/admin");
			assert_string_equal(r.query[QF_STATUS], "draft");
			assert_string_equal(r.remote_addr, "127.0.0.1");
			assert_string_equal(r.forwarded_for, "1.2.3.4, 5.6.7.8");
			assert_string_equal(r.client_addr, "5.6.7.8");
			assert_string_equal(r.host, "blog.example.org");
			assert_string_equal(r.origin, "https://blog.example.org");
			assert_string_equal(r.if_none_match, "\"abc\"");
			assert_string_equal(r.content_type,
			    "application/x-www-form-urlencoded");
			assert_string_equal(r.session, HEX64);
		} else {
			assert_string_equal(r.method_name, "POST");
			assert_string_equal(r.target, "/admin/login?next=/admin");
			assert_string_equal(r.query_string, "next=/admin");
			assert_string_equal(r.path, "/admin/login");
			assert_string_equal(r.query[QF_NEXT], "/admin");
			assert_string_equal(r.remote_addr, "192.0.2.7");
			assert_string_equal(r.client_addr, "192.0.2.7");
		}
	}
#undef HEX64
}

/* The device cookie is kept when it is at most 128 of [0-9a-f.] (gate.c
 * checks its signature), beside the session cookie, else dropped. */
static void
parse_device_cookie(void **state)
{
	static const struct {
		const char	*cookie;
		const char	*want;
	} cases[] = {
		{ "quire_device=7.00ff.ab", "7.00ff.ab" },
		{ "a=b; quire_device=12.ab; quire_session=x", "12.ab" },
		{ "quire_device=7.00FF.ab", NULL },
		{ "quire_device=7.00ff.ab<", NULL },
		{ "quire_device=", NULL },
		{ "quire_devicex=7.00ff", NULL },
		{ "quire_session=7.00ff", NULL },
	};
	struct parsed	*p = *state;
	char		 env0[300], long_cookie[200];
	char		*env[] = { "PATH_INFO=/admin/login", env0, NULL };
	size_t		 i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		snprintf(env0, sizeof(env0), "HTTP_COOKIE=%s", cases[i].cookie);
		assert_int_equal(parse(state, env), 0);
		if (cases[i].want == NULL)
			assert_null(p->r.device);
		else
			assert_string_equal(p->r.device, cases[i].want);
	}
	memset(long_cookie, 'a', 129);
	long_cookie[129] = '\0';
	snprintf(env0, sizeof(env0), "HTTP_COOKIE=quire_device=%s", long_cookie);
	assert_int_equal(parse(state, env), 0);
	assert_null(p->r.device);
	long_cookie[128] = '\0';
	snprintf(env0, sizeof(env0), "HTTP_COOKIE=quire_device=%s", long_cookie);
	assert_int_equal(parse(state, env), 0);
	assert_string_equal(p->r.device, long_cookie);
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

/* The multi-line text fields keep tabs and line breaks and refuse other
 * control characters, as the line fields refuse all of them (issue 11:
 * tests/e2e/hostile.tsv, rows ctl-in-body, ctl-in-excerpt). */
static void
form_text_controls(void **state)
{
	assert_int_equal(form(state, "body=a%09b%0D%0Ac%0Ad&excerpt=e%09f"), 0);
	assert_null(R(state)->form_err[FF_BODY]);
	assert_null(R(state)->form_err[FF_EXCERPT]);
	assert_string_equal(R(state)->form[FF_BODY], "a\tb\r\nc\nd");
	assert_int_equal(form(state, "body=bell%07&excerpt=esc%1B%5B31m"), 0);
	assert_non_null(R(state)->form_err[FF_BODY]);
	assert_non_null(R(state)->form_err[FF_EXCERPT]);
	assert_int_equal(form(state, "body=del%7F&excerpt=ff%0C"), 0);
	assert_non_null(R(state)->form_err[FF_BODY]);
	assert_non_null(R(state)->form_err[FF_EXCERPT]);
	assert_null(valid_text(""));
	assert_null(valid_text("caf\xc3\xa9\t\r\n"));
	assert_non_null(valid_text("\x01"));
	assert_non_null(valid_text("a\x0b" "b"));
	assert_non_null(valid_text("\x7f"));
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
		cmocka_unit_test_setup_teardown(parse_owns_strings, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(parse_device_cookie, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(parse_too_long, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(parse_too_many_params, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(parse_host_too_long, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(form_honours_length, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(form_text_controls, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(form_too_long, setup, teardown),
		cmocka_unit_test_setup_teardown(form_too_many_pairs, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(cond_if_none_match_length, setup,
		    teardown),
		cmocka_unit_test(field_names),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
