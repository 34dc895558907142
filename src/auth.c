/*
 * auth: wraps libsodium. Session tokens are never stored: the database holds
 * their BLAKE2b digest, so a copy of the database opens no session.
 */
#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "auth.h"
#include "log.h"
#include "req.h"

/* Checked against when the login is unknown, so that a wrong login costs
 * what a wrong password costs. The hash of 32 random bytes nobody kept,
 * with the parameters auth_hash_password() uses. */
static const char dummy_hash[crypto_pwhash_STRBYTES] =
    "$argon2id$v=19$m=65536,t=2,p=1$mxXdiiJp5wXXdU7zAodDwg"
    "$4zEcRFCxN0EDf67xc5Cr4mSdEVl2OxtEWWaTgt8poBk";

int
auth_init(void)
{
	if (sodium_init() < 0) {
		log_err("%s: libsodium failed to initialise", __func__);
		return -1;
	}
	return 0;
}

int
auth_hash_password(const char *pw, char out[AUTH_HASH_MAX])
{
	if (crypto_pwhash_str(out, pw, strlen(pw),
	    crypto_pwhash_OPSLIMIT_INTERACTIVE,
	    crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0) {
		log_err("%s: out of memory hashing a password", __func__);
		return -1;
	}
	return 0;
}

int
auth_check_password(const char *hash, const char *pw)
{
	return crypto_pwhash_str_verify(hash, pw, strlen(pw)) == 0;
}

void
auth_dummy_check(const char *pw)
{
	volatile int	 rc;

	rc = crypto_pwhash_str_verify(dummy_hash, pw, strlen(pw));
	(void)rc;
}

int
auth_password_ok(const char *pw, const char **why)
{
	size_t	 i, len = strlen(pw), chars = 0;

	if (len > AUTH_PW_MAX || !req_text_valid(pw, len)) {
		*why = "The password must be valid text of at most 1024 bytes.";
		return 0;
	}
	for (i = 0; i < len; i++)
		if (((unsigned char)pw[i] & 0xc0) != 0x80)
			chars++;
	if (chars < AUTH_PW_MIN) {
		*why = "The password must have at least 12 characters.";
		return 0;
	}
	return 1;
}

void
auth_new_token(char out[AUTH_TOKEN_HEX + 1])
{
	unsigned char	 raw[AUTH_TOKEN_HEX / 2];

	randombytes_buf(raw, sizeof(raw));
	sodium_bin2hex(out, AUTH_TOKEN_HEX + 1, raw, sizeof(raw));
	sodium_memzero(raw, sizeof(raw));
}

static int
token_raw(const char *token, unsigned char raw[AUTH_TOKEN_HEX / 2])
{
	size_t	 len;

	if (strlen(token) != AUTH_TOKEN_HEX ||
	    sodium_hex2bin(raw, AUTH_TOKEN_HEX / 2, token, AUTH_TOKEN_HEX,
	    NULL, &len, NULL) != 0 || len != AUTH_TOKEN_HEX / 2)
		return -1;
	return 0;
}

int
auth_token_digest(const char *token, unsigned char out[AUTH_DIGEST])
{
	unsigned char	 raw[AUTH_TOKEN_HEX / 2];

	if (token_raw(token, raw) == -1)
		return -1;
	crypto_generichash(out, AUTH_DIGEST, raw, sizeof(raw), NULL, 0);
	sodium_memzero(raw, sizeof(raw));
	return 0;
}

void
auth_csrf(const char *token, char out[AUTH_TOKEN_HEX + 1])
{
	static const unsigned char	 ctx[] = "quire csrf v1";
	unsigned char			 raw[AUTH_TOKEN_HEX / 2], mac[32];

	/* Keyed by the session's own token: a CSRF token is worthless
	 * without the session cookie and dies with the session. */
	if (token_raw(token, raw) == -1)
		memset(raw, 0, sizeof(raw));
	crypto_generichash(mac, sizeof(mac), ctx, sizeof(ctx) - 1, raw,
	    sizeof(raw));
	sodium_bin2hex(out, AUTH_TOKEN_HEX + 1, mac, sizeof(mac));
	sodium_memzero(raw, sizeof(raw));
}

void
auth_new_key(unsigned char out[AUTH_KEY])
{
	randombytes_buf(out, AUTH_KEY);
}

/* The MAC of a device cookie's "UID.ID", 64 hex chars. */
static void
device_mac(const unsigned char key[AUTH_KEY], const char *signed_part,
    size_t len, char out[AUTH_TOKEN_HEX + 1])
{
	static const unsigned char	 ctx[] = "quire device v1";
	crypto_generichash_state	 st;
	unsigned char			 mac[32];

	crypto_generichash_init(&st, key, AUTH_KEY, sizeof(mac));
	crypto_generichash_update(&st, ctx, sizeof(ctx));
	crypto_generichash_update(&st, (const unsigned char *)signed_part,
	    len);
	crypto_generichash_final(&st, mac, sizeof(mac));
	sodium_bin2hex(out, AUTH_TOKEN_HEX + 1, mac, sizeof(mac));
}

void
auth_device_new(const unsigned char key[AUTH_KEY], long long uid,
    char out[AUTH_DEVICE_MAX])
{
	unsigned char	 raw[AUTH_DEVICE_ID / 2];
	char		 id[AUTH_DEVICE_ID + 1], mac[AUTH_TOKEN_HEX + 1];
	int		 n;

	randombytes_buf(raw, sizeof(raw));
	sodium_bin2hex(id, sizeof(id), raw, sizeof(raw));
	n = snprintf(out, AUTH_DEVICE_MAX, "%lld.%s", uid, id);
	device_mac(key, out, (size_t)n, mac);
	snprintf(out + n, AUTH_DEVICE_MAX - (size_t)n, ".%s", mac);
}

int
auth_device_check(const unsigned char key[AUTH_KEY], long long uid,
    const char *cookie, char id[AUTH_DEVICE_ID + 1])
{
	char		 want[AUTH_DEVICE_MAX], mac[AUTH_TOKEN_HEX + 1];
	const char	*dot;
	int		 n;

	/* "UID.ID." as it must begin for this user, then the MAC. */
	n = snprintf(want, sizeof(want), "%lld.", uid);
	if (n < 0 || strncmp(cookie, want, (size_t)n) != 0)
		return 0;
	dot = cookie + n + AUTH_DEVICE_ID;
	if (strlen(cookie) != (size_t)n + AUTH_DEVICE_ID + 1 +
	    AUTH_TOKEN_HEX || *dot != '.' ||
	    memchr(cookie + n, '.', AUTH_DEVICE_ID) != NULL)
		return 0;
	device_mac(key, cookie, (size_t)(dot - cookie), mac);
	if (!auth_equal(dot + 1, mac))
		return 0;
	memcpy(id, cookie + n, AUTH_DEVICE_ID);
	id[AUTH_DEVICE_ID] = '\0';
	return 1;
}

int
auth_equal(const char *a, const char *b)
{
	size_t	 la = strlen(a), lb = strlen(b);

	if (la != lb)
		return 0;
	return sodium_memcmp(a, b, la) == 0;
}
