/*
 * req: parses the request parameters once, against declared limits, the way
 * kcgi validates its fields: a malformed byte stops here with a 400.
 */
#include <stdlib.h>
#include <string.h>

#include "req.h"

struct qfield {
	const char	*name;
	size_t		 max;
	int		(*valid)(const char *, size_t);
};

/* "PUBTIME-ID", both decimal: the keyset cursor of the home page. */
static int
valid_cursor(const char *s, size_t len)
{
	size_t	 i, digits = 0, dashes = 0;

	for (i = 0; i < len; i++) {
		if (s[i] == '-' && digits > 0 && dashes == 0) {
			dashes++;
			digits = 0;
		} else if (s[i] >= '0' && s[i] <= '9' && digits < 15)
			digits++;
		else
			return 0;
	}
	return dashes == 1 && digits > 0;
}

static const struct qfield qfields[QF__MAX] = {
	{ "before", 32, valid_cursor },	/* QF_BEFORE */
};

static const char *const method_names[METHOD__MAX] = {
	"GET",		/* METHOD_GET */
	"HEAD",		/* METHOD_HEAD */
	"POST",		/* METHOD_POST */
	NULL,		/* METHOD_OTHER */
};

const char *
req_qfield_name(enum req_qfield f)
{
	return qfields[f].name;
}

static int
hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

long
req_pct_decode(const char *s, size_t len, int plus_space, char *out)
{
	size_t	 i, o = 0;
	int	 hi, lo;

	for (i = 0; i < len; i++) {
		if (s[i] == '%') {
			if (len - i < 3)
				return -1;
			if ((hi = hexval(s[i + 1])) == -1 ||
			    (lo = hexval(s[i + 2])) == -1)
				return -1;
			out[o++] = (char)(hi << 4 | lo);
			i += 2;
		} else if (s[i] == '+' && plus_space)
			out[o++] = ' ';
		else
			out[o++] = s[i];
	}
	out[o] = '\0';
	return (long)o;
}

int
req_text_valid(const char *str, size_t len)
{
	const unsigned char	*s = (const unsigned char *)str;
	size_t			 i = 0, n, k;
	unsigned int		 cp, min;

	while (i < len) {
		if (s[i] == 0)
			return 0;
		if (s[i] < 0x80) {
			i++;
			continue;
		}
		if ((s[i] & 0xe0) == 0xc0) {
			n = 1, cp = s[i] & 0x1f, min = 0x80;
		} else if ((s[i] & 0xf0) == 0xe0) {
			n = 2, cp = s[i] & 0x0f, min = 0x800;
		} else if ((s[i] & 0xf8) == 0xf0) {
			n = 3, cp = s[i] & 0x07, min = 0x10000;
		} else
			return 0;
		if (len - i <= n)
			return 0;
		for (k = 1; k <= n; k++) {
			if ((s[i + k] & 0xc0) != 0x80)
				return 0;
			cp = cp << 6 | (s[i + k] & 0x3f);
		}
		if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
			return 0;
		i += n + 1;
	}
	return 1;
}

/* The value of NAME in env, or NULL. */
static const char *
env_get(char *const *env, const char *name)
{
	size_t	 n = strlen(name);

	for (; *env != NULL; env++)
		if (strncmp(*env, name, n) == 0 && (*env)[n] == '=')
			return *env + n + 1;
	return NULL;
}

/* Host header: letters, digits, '.', '-', an optional [IPv6] and :port. */
static int
valid_host(const char *s)
{
	size_t	 i, len = strlen(s);

	if (len == 0 || len > 255)
		return 0;
	for (i = 0; i < len; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') ||
		    (s[i] >= 'A' && s[i] <= 'Z') ||
		    (s[i] >= '0' && s[i] <= '9') ||
		    strchr(".-:[]", s[i]) != NULL))
			return 0;
	return 1;
}

static int
parse_query(struct req *r, struct arena *a, const char *q, const char **why)
{
	const char	*p, *amp, *eq;
	size_t		 klen, vlen, npairs = 0;
	char		*key, *val;
	long		 n, kn;
	int		 i;

	for (p = q; *p != '\0'; p = *amp ? amp + 1 : amp) {
		amp = p + strcspn(p, "&");
		if (amp == p)
			continue;
		if (++npairs > REQ_PARAMS_MAX) {
			*why = "Too many query parameters.";
			return 400;
		}
		eq = memchr(p, '=', (size_t)(amp - p));
		klen = (size_t)((eq != NULL ? eq : amp) - p);
		vlen = eq != NULL ? (size_t)(amp - eq - 1) : 0;
		key = arena_alloc(a, klen + 1);
		val = arena_alloc(a, vlen + 1);
		if ((kn = req_pct_decode(p, klen, 1, key)) == -1 ||
		    (n = req_pct_decode(eq != NULL ? eq + 1 : "", vlen, 1,
		    val)) == -1) {
			*why = "Malformed percent-encoding in the query string.";
			return 400;
		}
		/* Decoded lengths, not strlen: a %00 must be seen. */
		if (!req_text_valid(key, (size_t)kn) ||
		    !req_text_valid(val, (size_t)n)) {
			*why = "The query string is not valid UTF-8 text.";
			return 400;
		}
		for (i = 0; i < QF__MAX; i++) {
			if (strcmp(key, qfields[i].name) != 0)
				continue;
			if ((size_t)n > qfields[i].max ||
			    !qfields[i].valid(val, (size_t)n)) {
				*why = "A query parameter has an invalid value.";
				return 400;
			}
			r->query[i] = val;
		}
	}
	return 0;
}

int
req_parse(struct req *r, struct arena *a, char *const *env, const char **why)
{
	const char	*v, *uri, *script, *qs = "";
	char		*path;
	size_t		 plen, slen;
	long		 n;
	int		 i;

	memset(r, 0, sizeof(*r));
	*why = NULL;

	v = env_get(env, "REQUEST_METHOD");
	r->method_name = v != NULL ? v : "GET";
	r->method = METHOD_OTHER;
	for (i = 0; i < METHOD__MAX; i++)
		if (method_names[i] != NULL &&
		    strcmp(r->method_name, method_names[i]) == 0)
			r->method = (enum req_method)i;

	v = env_get(env, "REMOTE_ADDR");
	r->remote_addr = v != NULL && *v != '\0' ? v : "-";
	v = env_get(env, "HTTP_HOST");
	r->host = v != NULL && valid_host(v) ? v : NULL;
	v = env_get(env, "HTTPS");
	r->https = v != NULL && (strcmp(v, "on") == 0 || strcmp(v, "1") == 0);
	v = env_get(env, "CONTENT_LENGTH");
	r->content_length = v != NULL ? strtoll(v, NULL, 10) : 0;

	/* The raw target when the server gives it (FastCGI from nginx, most
	 * CGI servers), so the decoding is ours; else the CGI PATH_INFO. */
	uri = env_get(env, "REQUEST_URI");
	r->target = uri != NULL ? uri : "";
	if (uri != NULL && strlen(uri) > REQ_TARGET_MAX) {
		*why = "The request target is too long.";
		return 414;
	}
	if (uri != NULL && *uri != '\0') {
		if (uri[0] != '/') {
			*why = "The request target must start with '/'.";
			return 400;
		}
		plen = strcspn(uri, "?");
		if (uri[plen] == '?')
			qs = uri + plen + 1;
		script = env_get(env, "SCRIPT_NAME");
		slen = script != NULL ? strlen(script) : 0;
		if (slen > 1 && slen <= plen && strncmp(uri, script, slen) == 0 &&
		    (uri[slen] == '/' || slen == plen)) {
			uri += slen;
			plen -= slen;
		}
		path = arena_alloc(a, plen + 2);
		if ((n = req_pct_decode(uri, plen, 0, path)) == -1) {
			*why = "Malformed percent-encoding in the path.";
			return 400;
		}
	} else {
		v = env_get(env, "PATH_INFO");
		v = v != NULL ? v : "";
		if (strlen(v) > REQ_TARGET_MAX) {
			*why = "The request path is too long.";
			return 414;
		}
		path = arena_alloc(a, strlen(v) + 2);
		memcpy(path, v, strlen(v) + 1);
		n = (long)strlen(v);
		v = env_get(env, "QUERY_STRING");
		qs = v != NULL ? v : "";
		if (strlen(qs) > REQ_TARGET_MAX) {
			*why = "The query string is too long.";
			return 414;
		}
		r->target = arena_printf(a, "%s%s%s", path, *qs ? "?" : "", qs);
	}
	if (!req_text_valid(path, (size_t)n)) {
		*why = "The path is not valid UTF-8 text.";
		return 400;
	}
	if (n == 0)
		memcpy(path, "/", 2);
	else if (path[0] != '/') {
		*why = "The path must start with '/'.";
		return 400;
	}
	r->path = path;
	r->query_string = qs;
	return parse_query(r, a, qs, why);
}
