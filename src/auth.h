/*
 * auth: the cryptography of signing in, all of it libsodium: argon2id
 * password hashes, random session tokens, the hash of a token the database
 * keeps, the CSRF token derived from a session, and the signed device
 * cookie of a browser that signed in before. No I/O, no SQL.
 */
#ifndef QUIRE_AUTH_H
#define QUIRE_AUTH_H

#include <stddef.h>

#define AUTH_HASH_MAX	128	/* crypto_pwhash_STRBYTES */
#define AUTH_TOKEN_HEX	64	/* a session token: 32 random bytes, hex */
#define AUTH_DIGEST	32	/* bytes of a stored token hash */
#define AUTH_PW_MIN	12	/* characters (UTF-8 code points) */
#define AUTH_PW_MAX	1024	/* bytes */
#define AUTH_KEY	32	/* bytes of the server's device-cookie key */
#define AUTH_DEVICE_ID	32	/* hex chars of a device's random id */
#define AUTH_DEVICE_MAX	128	/* a device cookie's value, NUL included */

/* Once per process, before any other auth_ call. -1 (logged) on failure. */
int	auth_init(void);
/* argon2id hash of pw into out (NUL-terminated). -1 (logged) on failure. */
int	auth_hash_password(const char *pw, char out[AUTH_HASH_MAX]);
/* 1 if pw matches hash, else 0. */
int	auth_check_password(const char *hash, const char *pw);
/* Spends the time a real check takes, for unknown logins. */
void	auth_dummy_check(const char *pw);
/* 1 if pw is acceptable (length in code points, valid text), else 0;
 * *why then says why. */
int	auth_password_ok(const char *pw, const char **why);

/* A new session token, 64 hex characters and a NUL. */
void	auth_new_token(char out[AUTH_TOKEN_HEX + 1]);
/* The digest stored for a token. -1 if the token is not 64 hex chars. */
int	auth_token_digest(const char *token, unsigned char out[AUTH_DIGEST]);
/* The CSRF token of a session: derived from its token, 64 hex chars. */
void	auth_csrf(const char *token, char out[AUTH_TOKEN_HEX + 1]);
/* A new random key (the device cookies' server secret). */
void	auth_new_key(unsigned char out[AUTH_KEY]);
/* A new device cookie for user uid, signed with key: "UID.ID.MAC", the
 * ID 32 random hex chars, the MAC a keyed BLAKE2b of "UID.ID" (64 hex). */
void	auth_device_new(const unsigned char key[AUTH_KEY], long long uid,
	    char out[AUTH_DEVICE_MAX]);
/* 1 if cookie is a device cookie that key signed for user uid; then id
 * holds its ID (the throttle's key). 0 otherwise (forged, another user's,
 * malformed). */
int	auth_device_check(const unsigned char key[AUTH_KEY], long long uid,
	    const char *cookie, char id[AUTH_DEVICE_ID + 1]);
/* Constant-time string equality: 1 if equal. */
int	auth_equal(const char *, const char *);

#endif
