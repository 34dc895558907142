/*
 * test_auth: the cryptography of signing in. Password hashes (argon2id,
 * salted), the dummy check that hides unknown logins, the password rule,
 * session tokens, their stored digests and the CSRF tokens derived from
 * them.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "auth.h"

#define PW	"correct horse battery staple"

static int
group_setup(void **state)
{
	(void)state;
	return auth_init() == 0 ? 0 : -1;
}

/* 1 if s is exactly n lowercase hex digits. */
static int
is_hex(const char *s, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' &&
		    s[i] <= 'f')))
			return 0;
	return s[n] == '\0';
}

static double
now_seconds(void)
{
	struct timespec	 ts;

	assert_int_equal(clock_gettime(CLOCK_MONOTONIC, &ts), 0);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* A second call is harmless (sodium_init is idempotent). */
static void
init_twice(void **state)
{
	assert_int_equal(auth_init(), 0);
	assert_int_equal(auth_init(), 0);
}

static void
hash_and_check(void **state)
{
	char	 h1[AUTH_HASH_MAX], h2[AUTH_HASH_MAX];

	assert_int_equal(auth_hash_password(PW, h1), 0);
	assert_int_equal(auth_hash_password("another password entirely", h2),
	    0);
	assert_int_equal(auth_check_password(h1, PW), 1);
	assert_int_equal(auth_check_password(h1, "correct horse battery stapl"),
	    0);
	assert_int_equal(auth_check_password(h1, PW "e"), 0);
	assert_int_equal(auth_check_password(h1, "Correct horse battery staple"),
	    0);
	assert_int_equal(auth_check_password(h1, ""), 0);
	/* A hash made from another password does not open this one. */
	assert_int_equal(auth_check_password(h2, PW), 0);
	assert_int_equal(auth_check_password(h2, "another password entirely"),
	    1);
	/* Garbage in the hash column is a refusal, not a crash. */
	assert_int_equal(auth_check_password("", PW), 0);
	assert_int_equal(auth_check_password("$argon2id$", PW), 0);
	assert_int_equal(auth_check_password("plain text", "plain text"), 0);
}

/* Multi-byte passwords hash and check byte for byte. */
static void
hash_utf8(void **state)
{
	char	 h[AUTH_HASH_MAX];

	assert_int_equal(auth_hash_password("p\xc3\xa4ssw\xc3\xb6rd-\xe2\x82\xac"
	    "uro!", h), 0);
	assert_int_equal(auth_check_password(h, "p\xc3\xa4ssw\xc3\xb6rd-\xe2"
	    "\x82\xacuro!"), 1);
	/* The same letters decomposed (a + U+0308) are other bytes. */
	assert_int_equal(auth_check_password(h, "pa\xcc\x88ssw\xc3\xb6rd-\xe2"
	    "\x82\xacuro!"), 0);
}

static void
hash_format(void **state)
{
	char	 h1[AUTH_HASH_MAX], h2[AUTH_HASH_MAX];

	memset(h1, 'x', sizeof(h1));
	memset(h2, 'y', sizeof(h2));
	assert_int_equal(auth_hash_password(PW, h1), 0);
	assert_int_equal(auth_hash_password(PW, h2), 0);
	assert_non_null(memchr(h1, '\0', sizeof(h1)));
	assert_non_null(memchr(h2, '\0', sizeof(h2)));
	assert_true(strncmp(h1, "$argon2id$", 10) == 0);
	assert_true(strncmp(h2, "$argon2id$", 10) == 0);
	/* The parameters auth.c's dummy hash was made with. */
	assert_non_null(strstr(h1, "$m=65536,t=2,p=1$"));
	/* Salted: the same password never gives the same string, and both
	 * still check. */
	assert_string_not_equal(h1, h2);
	assert_int_equal(auth_check_password(h1, PW), 1);
	assert_int_equal(auth_check_password(h2, PW), 1);
}

/* The dummy check must cost what a real one costs, or timing tells an
 * attacker which logins exist. Minimum of a few runs each, to shed noise;
 * a sanity check, not a benchmark. */
static void
dummy_check_time(void **state)
{
	char	 h[AUTH_HASH_MAX];
	double	 t, real = 1e9, dummy = 1e9;
	int	 i;

	assert_int_equal(auth_hash_password(PW, h), 0);
	for (i = 0; i < 3; i++) {
		t = now_seconds();
		assert_int_equal(auth_check_password(h, "a wrong password!"), 0);
		t = now_seconds() - t;
		if (t < real)
			real = t;
		t = now_seconds();
		auth_dummy_check("a wrong password!");
		t = now_seconds() - t;
		if (t < dummy)
			dummy = t;
	}
	if (dummy < 0.3 * real)
		fail_msg("dummy check %.6f s, real check %.6f s: the dummy is "
		    "too fast to hide unknown logins", dummy, real);
	/* Any input returns. */
	auth_dummy_check("");
	auth_dummy_check("\xff\xfe not text");
}

#define PW_OK(s)	pw_is((s), 1)
#define PW_BAD(s)	pw_is((s), 0)

static void
pw_is(const char *pw, int want)
{
	const char	*why = NULL;
	int		 got;

	got = auth_password_ok(pw, &why);
	if (got != want)
		fail_msg("\"%s\" (%zu bytes): %d, want %d", pw, strlen(pw), got,
		    want);
	if (!want && (why == NULL || *why == '\0'))
		fail_msg("\"%s\": refused without a reason", pw);
}

static void
password_rules(void **state)
{
	char	 big[AUTH_PW_MAX + 2];
	char	 e12[32], e11[32];
	int	 i;

	PW_BAD("");
	PW_BAD("12345678901");			/* 11 */
	PW_OK("123456789012");			/* 12 */
	PW_OK("correct horse battery staple");
	/* Characters, not bytes: 12 x U+00E9 is 24 bytes and passes... */
	for (i = 0; i < 12; i++)
		memcpy(e12 + 2 * i, "\xc3\xa9", 2);
	e12[24] = '\0';
	PW_OK(e12);
	/* ...11 of them is 22 bytes but only 11 characters. */
	memcpy(e11, e12, 22);
	e11[22] = '\0';
	PW_BAD(e11);
	/* 4-byte characters too: 11 emoji (44 bytes) are not enough. */
	PW_BAD("\xf0\x9f\x98\x80\xf0\x9f\x98\x80\xf0\x9f\x98\x80\xf0\x9f\x98"
	    "\x80\xf0\x9f\x98\x80\xf0\x9f\x98\x80\xf0\x9f\x98\x80\xf0\x9f\x98"
	    "\x80\xf0\x9f\x98\x80\xf0\x9f\x98\x80\xf0\x9f\x98\x80");
	PW_OK("\xf0\x9f\x98\x80\xf0\x9f\x98\x80\xf0\x9f\x98\x80\xf0\x9f\x98"
	    "\x80\xf0\x9f\x98\x80\xf0\x9f\x98\x80\xf0\x9f\x98\x80\xf0\x9f\x98"
	    "\x80\xf0\x9f\x98\x80\xf0\x9f\x98\x80\xf0\x9f\x98\x80" "abc");
	/* Invalid UTF-8, however long. */
	PW_BAD("password1234\xff");
	PW_BAD("password1234\xc3");
	PW_BAD("\xc0\xaf\xc0\xaf\xc0\xaf\xc0\xaf\xc0\xaf\xc0\xaf\xc0\xaf");
	PW_BAD("surrogate \xed\xa0\x80 in here");
	PW_BAD("\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80\x80");
	/* At most 1024 bytes. */
	memset(big, 'a', AUTH_PW_MAX);
	big[AUTH_PW_MAX] = '\0';
	PW_OK(big);
	big[AUTH_PW_MAX] = 'a';
	big[AUTH_PW_MAX + 1] = '\0';
	PW_BAD(big);
}

static void
new_token(void **state)
{
	char	 t[8][AUTH_TOKEN_HEX + 1];
	int	 i, j;

	for (i = 0; i < 8; i++) {
		memset(t[i], 'Z', sizeof(t[i]));
		auth_new_token(t[i]);
		assert_int_equal(strlen(t[i]), AUTH_TOKEN_HEX);
		if (!is_hex(t[i], AUTH_TOKEN_HEX))
			fail_msg("token \"%s\" is not 64 lowercase hex", t[i]);
		for (j = 0; j < i; j++)
			assert_string_not_equal(t[i], t[j]);
	}
}

static void
token_digest(void **state)
{
	char		 t1[AUTH_TOKEN_HEX + 1], t2[AUTH_TOKEN_HEX + 1];
	char		 bad[AUTH_TOKEN_HEX + 2];
	unsigned char	 d1[AUTH_DIGEST], d1b[AUTH_DIGEST], d2[AUTH_DIGEST];
	unsigned char	 raw[AUTH_DIGEST];
	int		 i;

	auth_new_token(t1);
	auth_new_token(t2);
	assert_int_equal(auth_token_digest(t1, d1), 0);
	assert_int_equal(auth_token_digest(t1, d1b), 0);
	assert_int_equal(auth_token_digest(t2, d2), 0);
	assert_memory_equal(d1, d1b, AUTH_DIGEST);
	assert_memory_not_equal(d1, d2, AUTH_DIGEST);
	/* A hash, not the token's bytes: a copy of the database opens no
	 * session. */
	for (i = 0; i < AUTH_DIGEST; i++) {
		unsigned int	 b;

		assert_int_equal(sscanf(t1 + 2 * i, "%2x", &b), 1);
		raw[i] = (unsigned char)b;
	}
	assert_memory_not_equal(d1, raw, AUTH_DIGEST);
	/* A known token gives a fixed digest, whatever the run. */
	assert_int_equal(auth_token_digest("00000000000000000000000000000000"
	    "00000000000000000000000000000000", d1), 0);
	assert_int_equal(auth_token_digest("00000000000000000000000000000000"
	    "00000000000000000000000000000000", d1b), 0);
	assert_memory_equal(d1, d1b, AUTH_DIGEST);

	/* Wrong lengths. */
	assert_int_equal(auth_token_digest("", d1), -1);
	memcpy(bad, t1, AUTH_TOKEN_HEX - 1);
	bad[AUTH_TOKEN_HEX - 1] = '\0';
	assert_int_equal(auth_token_digest(bad, d1), -1);
	memcpy(bad, t1, AUTH_TOKEN_HEX);
	bad[AUTH_TOKEN_HEX] = '0';
	bad[AUTH_TOKEN_HEX + 1] = '\0';
	assert_int_equal(auth_token_digest(bad, d1), -1);
	/* Not hex, at any place. */
	memcpy(bad, t1, AUTH_TOKEN_HEX + 1);
	bad[0] = 'g';
	assert_int_equal(auth_token_digest(bad, d1), -1);
	memcpy(bad, t1, AUTH_TOKEN_HEX + 1);
	bad[AUTH_TOKEN_HEX - 1] = 'z';
	assert_int_equal(auth_token_digest(bad, d1), -1);
	memcpy(bad, t1, AUTH_TOKEN_HEX + 1);
	bad[31] = ' ';
	assert_int_equal(auth_token_digest(bad, d1), -1);
	memcpy(bad, t1, AUTH_TOKEN_HEX + 1);
	bad[10] = ':';
	assert_int_equal(auth_token_digest(bad, d1), -1);
}

static void
csrf(void **state)
{
	char	 t1[AUTH_TOKEN_HEX + 1], t2[AUTH_TOKEN_HEX + 1];
	char	 c1[AUTH_TOKEN_HEX + 1], c1b[AUTH_TOKEN_HEX + 1];
	char	 c2[AUTH_TOKEN_HEX + 1];

	auth_new_token(t1);
	auth_new_token(t2);
	memset(c1, 'Z', sizeof(c1));
	auth_csrf(t1, c1);
	auth_csrf(t1, c1b);
	auth_csrf(t2, c2);
	if (!is_hex(c1, AUTH_TOKEN_HEX))
		fail_msg("csrf \"%s\" is not 64 lowercase hex", c1);
	assert_true(is_hex(c2, AUTH_TOKEN_HEX));
	assert_string_equal(c1, c1b);
	assert_string_not_equal(c1, c2);
	/* Derived, not the session token itself (it is written into pages). */
	assert_string_not_equal(c1, t1);
	assert_string_not_equal(c2, t2);
}

static void
equal(void **state)
{
	assert_int_equal(auth_equal("", ""), 1);
	assert_int_equal(auth_equal("abc", "abc"), 1);
	assert_int_equal(auth_equal("abc", "abd"), 0);
	assert_int_equal(auth_equal("abc", "ab"), 0);
	assert_int_equal(auth_equal("ab", "abc"), 0);
	assert_int_equal(auth_equal("", "a"), 0);
	assert_int_equal(auth_equal("xbc", "abc"), 0);
	assert_int_equal(auth_equal("0123456789abcdef0123456789abcdef"
	    "0123456789abcdef0123456789abcdef", "0123456789abcdef0123456789"
	    "abcdef0123456789abcdef0123456789abcdef"), 1);
	assert_int_equal(auth_equal("0123456789abcdef0123456789abcdef"
	    "0123456789abcdef0123456789abcdef", "0123456789abcdef0123456789"
	    "abcdef0123456789abcdef0123456789abcdeF"), 0);
}

/* Device cookies: signed for one user, any change to them refused. */
static void
device_cookie(void **state)
{
	unsigned char	 key[AUTH_KEY], key2[AUTH_KEY];
	char		 c1[AUTH_DEVICE_MAX], c2[AUTH_DEVICE_MAX], bad[AUTH_DEVICE_MAX + 8];
	char		 id[AUTH_DEVICE_ID + 1], *dot;

	auth_new_key(key);
	auth_new_key(key2);
	assert_memory_not_equal(key, key2, AUTH_KEY);
	auth_device_new(key, 42, c1);
	auth_device_new(key, 42, c2);
	assert_string_not_equal(c1, c2);
	assert_int_equal(strncmp(c1, "42.", 3), 0);
	assert_int_equal(strlen(c1), 3 + AUTH_DEVICE_ID + 1 + 64);
	assert_int_equal(strspn(c1 + 3, "0123456789abcdef"), AUTH_DEVICE_ID);
	assert_int_equal(c1[3 + AUTH_DEVICE_ID], '.');
	assert_true(is_hex(c1 + 3 + AUTH_DEVICE_ID + 1, 64));

	assert_int_equal(auth_device_check(key, 42, c1, id), 1);
	assert_int_equal(strncmp(id, c1 + 3, AUTH_DEVICE_ID), 0);
	assert_int_equal(strlen(id), AUTH_DEVICE_ID);
	/* Another user, another key. */
	assert_int_equal(auth_device_check(key, 4, c1, id), 0);
	assert_int_equal(auth_device_check(key, 421, c1, id), 0);
	assert_int_equal(auth_device_check(key2, 42, c1, id), 0);
	/* One changed character anywhere, a cut, a longer value. */
	snprintf(bad, sizeof(bad), "%s", c1);
	bad[5] = bad[5] == 'a' ? 'b' : 'a';
	assert_int_equal(auth_device_check(key, 42, bad, id), 0);
	snprintf(bad, sizeof(bad), "%s", c1);
	dot = strrchr(bad, '.');
	dot[1] = dot[1] == '0' ? '1' : '0';
	assert_int_equal(auth_device_check(key, 42, bad, id), 0);
	snprintf(bad, sizeof(bad), "%.*s", (int)strlen(c1) - 1, c1);
	assert_int_equal(auth_device_check(key, 42, bad, id), 0);
	snprintf(bad, sizeof(bad), "%s0", c1);
	assert_int_equal(auth_device_check(key, 42, bad, id), 0);
	/* Another user's id swapped in keeps the MAC of the first. */
	snprintf(bad, sizeof(bad), "43%s", c1 + 2);
	assert_int_equal(auth_device_check(key, 43, bad, id), 0);
	assert_int_equal(auth_device_check(key, 42, "", id), 0);
	assert_int_equal(auth_device_check(key, 42, "42.", id), 0);
	assert_int_equal(auth_device_check(key, 42, "42....", id), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(init_twice),
		cmocka_unit_test(hash_and_check),
		cmocka_unit_test(hash_utf8),
		cmocka_unit_test(hash_format),
		cmocka_unit_test(dummy_check_time),
		cmocka_unit_test(password_rules),
		cmocka_unit_test(new_token),
		cmocka_unit_test(token_digest),
		cmocka_unit_test(csrf),
		cmocka_unit_test(equal),
		cmocka_unit_test(device_cookie),
	};

	return cmocka_run_group_tests(tests, group_setup, NULL);
}
