/*
 * req: parses the request parameters once, against declared limits, the way
 * kcgi validates its fields: a malformed byte stops here with a 400.
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "date.h"
#include "redirect.h"
#include "req.h"
#include "utf8.h"
#include "search.h"
#include "valid.h"

/* Query fields: a value that breaks its rule is a 400. */
static const struct qfield {
	const char	*name;
	size_t		 max;		/* bytes */
	valid_fn	 check;
} qfields[QF__MAX] = {
	{ "before", 32, valid_cursor },	/* QF_BEFORE */
	{ "status", 16, valid_status },	/* QF_STATUS */
	{ "page", 6, valid_count },	/* QF_PAGE */
	{ "next", 2048, valid_next },	/* QF_NEXT */
	{ "done", 16, valid_done },	/* QF_DONE */
	{ "q", SEARCH_Q_BYTES, search_valid },	/* QF_Q */
	{ "p", 10, valid_wp_id },	/* QF_WP_P */
	{ "page_id", 10, valid_wp_id },	/* QF_WP_PAGE_ID */
	{ "r", 18, valid_revision },	/* QF_R */
};

static const struct ffield {
	const char	*name;
	size_t		 max;		/* code points */
	valid_fn	 check;		/* NULL: any text */
} ffields[FF__MAX] = {
	{ "login", 64, valid_line },		/* FF_LOGIN */
	{ "password", 1024, NULL },		/* FF_PASSWORD */
	{ "next", 2048, valid_next },		/* FF_NEXT */
	{ "csrf", 64, valid_token },		/* FF_CSRF */
	{ "action", 16, NULL },			/* FF_ACTION: see actions[] */
	{ "title", 300, valid_line },		/* FF_TITLE */
	{ "slug", 100, valid_slug },		/* FF_SLUG */
	{ "date", 10, valid_date },		/* FF_DATE */
	{ "time", 5, valid_time },		/* FF_TIME */
	{ "excerpt", 1000, valid_text },	/* FF_EXCERPT */
	{ "body", 500000, valid_text },	/* FF_BODY */
	{ "author", 100, valid_line },		/* FF_AUTHOR */
	{ "tags", 2000, valid_tags },		/* FF_TAGS */
	{ "revision", 18, valid_revision },	/* FF_REVISION */
	{ "old_password", 1024, NULL },		/* FF_OLD_PASSWORD */
	{ "new_password", 1024, NULL },		/* FF_NEW_PASSWORD */
	{ "new_password2", 1024, NULL },	/* FF_NEW_PASSWORD2 */
	{ "from", REDIRECT_PATH_MAX, redirect_path_valid }, /* FF_FROM */
	{ "to", REDIRECT_PATH_MAX, redirect_path_valid }, /* FF_TO */
};

static const char *const method_names[METHOD__MAX] = {
	"GET",		/* METHOD_GET */
	"HEAD",		/* METHOD_HEAD */
	"POST",		/* METHOD_POST */
	NULL,		/* METHOD_OTHER */
};

const char *
req_form(const struct req *r, enum req_ffield f)
{
	return r->form[f] != NULL ? r->form[f] : "";
}

const char *
req_qfield_name(enum req_qfield f)
{
	return qfields[f].name;
}

const char *
req_ffield_name(enum req_ffield f)
{
	return ffields[f].name;
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
	size_t			 i, n;

	for (i = 0; i < len; i += n)
		if (s[i] == 0 || utf8_decode(s + i, len - i, &n) == -1)
			return 0;
	return 1;
}

/* The variables read, in one pass over env (nginx passes about 25, and
 * a lookup each walked them all fifteen times). */
enum env_var {
	EV_REQUEST_METHOD,
	EV_REMOTE_ADDR,
	EV_HTTP_HOST,
	EV_HTTPS,
	EV_HTTP_X_FORWARDED_FOR,
	EV_HTTP_ORIGIN,
	EV_HTTP_IF_NONE_MATCH,
	EV_HTTP_IF_MODIFIED_SINCE,
	EV_CONTENT_TYPE,
	EV_CONTENT_LENGTH,
	EV_HTTP_COOKIE,
	EV_REQUEST_URI,
	EV_SCRIPT_NAME,
	EV_PATH_INFO,
	EV_QUERY_STRING,
	EV__MAX
};

static const char *const env_names[EV__MAX] = {
	"REQUEST_METHOD", "REMOTE_ADDR", "HTTP_HOST", "HTTPS",
	"HTTP_X_FORWARDED_FOR", "HTTP_ORIGIN", "HTTP_IF_NONE_MATCH",
	"HTTP_IF_MODIFIED_SINCE", "CONTENT_TYPE", "CONTENT_LENGTH",
	"HTTP_COOKIE", "REQUEST_URI", "SCRIPT_NAME", "PATH_INFO",
	"QUERY_STRING",
};

/* v[i]: a copy in the arena of env_names[i]'s value in env (the first,
 * if one is given twice), or NULL. A copy, not a pointer: the FastCGI
 * library owns env and reuses it for the next request, and req.h promises
 * that every string lives in the arena. */
static void
env_read(struct arena *a, char *const *env, const char **v)
{
	const char	*eq;
	size_t		 n;
	int		 i;

	for (i = 0; i < EV__MAX; i++)
		v[i] = NULL;
	for (; *env != NULL; env++) {
		if ((eq = strchr(*env, '=')) == NULL)
			continue;
		n = (size_t)(eq - *env);
		for (i = 0; i < EV__MAX; i++)
			if (v[i] == NULL && strncmp(*env, env_names[i], n) ==
			    0 && env_names[i][n] == '\0') {
				v[i] = arena_strdup(a, eq + 1);
				break;
			}
	}
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

/* Calls each(r, key, value, vlen) for every decoded "key=value" pair of
 * q (len bytes, '&'-separated). Returns 0, or 400 with *why. */
static int
parse_pairs(struct req *r, struct arena *a, const char *q, size_t len,
    size_t max_pairs, const char *what,
    int (*each)(struct req *, const char *, const char *, size_t,
    const char **), const char **why)
{
	const char	*p, *end = q + len, *amp, *eq;
	size_t		 klen, vlen, npairs = 0;
	char		*key, *val;
	long		 n, kn;
	int		 rc;

	for (p = q; p < end; p = amp + 1) {
		if ((amp = memchr(p, '&', (size_t)(end - p))) == NULL)
			amp = end;
		if (amp == p)
			continue;
		if (++npairs > max_pairs) {
			*why = arena_printf(a, "Too many fields in the %s.", what);
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
			*why = arena_printf(a, "Malformed percent-encoding in "
			    "the %s.", what);
			return 400;
		}
		/* Decoded lengths, not strlen: a %00 must be seen. */
		if (!req_text_valid(key, (size_t)kn) ||
		    !req_text_valid(val, (size_t)n)) {
			*why = arena_printf(a, "The %s is not valid UTF-8 text "
			    "(or holds a NUL byte).", what);
			return 400;
		}
		if ((rc = each(r, key, val, (size_t)n, why)) != 0)
			return rc;
		if (amp == end)
			break;
	}
	return 0;
}

static int
query_pair(struct req *r, const char *key, const char *val, size_t n,
    const char **why)
{
	const char	*msg;
	int		 i;

	for (i = 0; i < QF__MAX; i++) {
		if (strcmp(key, qfields[i].name) != 0)
			continue;
		/* The rule's own words when it has some to say (a search
		 * too long), for the reader who typed it. */
		if ((msg = qfields[i].check(val)) == NULL && n > qfields[i].max)
			msg = "A query parameter is too long.";
		if (msg != NULL) {
			*why = msg;
			return 400;
		}
		r->query[i] = val;
	}
	return 0;
}

static int
form_pair(struct req *r, const char *key, const char *val, size_t n,
    const char **why)
{
	int	 i;

	for (i = 0; i < FF__MAX; i++) {
		if (strcmp(key, ffields[i].name) != 0)
			continue;
		r->form[i] = val;
		r->form_err[i] = NULL;
		if (i == FF_ACTION && valid_action(val) != NULL) {
			*why = "The form asked for an action that does not exist.";
			return 400;
		}
		if (valid_chars(val) > ffields[i].max)
			r->form_err[i] = "This is longer than allowed.";
		else if (ffields[i].check != NULL)
			r->form_err[i] = ffields[i].check(val);
		return 0;
	}
	if ((i = setting_by_field(key)) != -1) {
		r->setting[i] = val;
		r->setting_err[i] = setting_check(i, val);
	}
	return 0;
}

int
req_parse_form(struct req *r, struct arena *a, const char *body, size_t len,
    const char **why)
{
	return parse_pairs(r, a, body, len, 256, "form", form_pair, why);
}

int
req_parse_multipart(struct req *r, struct arena *a, const char *boundary,
    const char *body, size_t len, const char **why)
{
	struct multipart_part	*parts, *files;
	size_t			 n, i;
	int			 rc;

	if (multipart_parse(a, boundary, body, len, &parts, &n, why) == -1)
		return 400;
	files = arena_calloc(a, n + 1, sizeof(*files));
	for (i = 0; i < n; i++) {
		if (parts[i].filename != NULL) {
			files[r->nfiles++] = parts[i];
			continue;
		}
		if (!req_text_valid(parts[i].data, parts[i].len)) {
			*why = "The form is not valid UTF-8 text (or holds a "
			    "NUL byte).";
			return 400;
		}
		if ((rc = form_pair(r, parts[i].name, arena_strndup(a,
		    parts[i].data, parts[i].len), parts[i].len, why)) != 0)
			return rc;
	}
	r->files = files;
	return 0;
}

/* The value of one cookie in a Cookie header, or NULL. */
static const char *
cookie_get(struct arena *a, const char *hdr, const char *name)
{
	size_t		 n = strlen(name), vlen;
	const char	*p = hdr;

	while (*p != '\0') {
		while (*p == ' ' || *p == ';')
			p++;
		vlen = strcspn(p, ";");
		if (vlen > n && strncmp(p, name, n) == 0 && p[n] == '=')
			return arena_strndup(a, p + n + 1, vlen - n - 1);
		p += vlen;
	}
	return NULL;
}

void
req_trust(struct req *r, const char *trusted)
{
	const char	*p, *last;
	size_t		 n, alen = strlen(r->remote_addr);

	r->client_addr = r->remote_addr;
	if (trusted == NULL || r->forwarded_for == NULL)
		return;
	for (p = trusted; *p != '\0'; p += n + (p[n] == ',')) {
		n = strcspn(p, ",");
		if (n == alen && strncmp(p, r->remote_addr, n) == 0)
			break;
	}
	if (*p == '\0')
		return;
	/* The proxy appends the address it saw last. */
	last = strrchr(r->forwarded_for, ',');
	last = last != NULL ? last + 1 : r->forwarded_for;
	while (*last == ' ')
		last++;
	if (*last != '\0' && valid_host(last))
		r->client_addr = last;
}

int
req_parse(struct req *r, struct arena *a, char *const *env, const char **why)
{
	const char	*ev[EV__MAX], *v, *uri, *script, *qs = "";
	char		*path;
	size_t		 plen, slen;
	long		 n;
	int		 i;

	memset(r, 0, sizeof(*r));
	*why = NULL;
	env_read(a, env, ev);

	v = ev[EV_REQUEST_METHOD];
	r->method_name = v != NULL ? v : "GET";
	r->method = METHOD_OTHER;
	for (i = 0; i < METHOD__MAX; i++)
		if (method_names[i] != NULL &&
		    strcmp(r->method_name, method_names[i]) == 0)
			r->method = (enum req_method)i;

	v = ev[EV_REMOTE_ADDR];
	r->remote_addr = v != NULL && *v != '\0' ? v : "-";
	v = ev[EV_HTTP_HOST];
	r->host = v != NULL && valid_host(v) ? v : NULL;
	v = ev[EV_HTTPS];
	r->https = v != NULL && (strcmp(v, "on") == 0 || strcmp(v, "1") == 0);
	r->client_addr = r->remote_addr;
	r->forwarded_for = ev[EV_HTTP_X_FORWARDED_FOR];
	r->origin = ev[EV_HTTP_ORIGIN];
	/* Conditional GET. Empty (nginx's cache sends these so) is absent. */
	v = ev[EV_HTTP_IF_NONE_MATCH];
	r->if_none_match = NULL;
	if (v != NULL && *v != '\0')
		/* One we will not read still counts as sent: it matches
		 * nothing, and If-Modified-Since is then not looked at. */
		r->if_none_match = strlen(v) <= 2048 &&
		    req_text_valid(v, strlen(v)) ? v : "";
	v = ev[EV_HTTP_IF_MODIFIED_SINCE];
	r->if_modified_since = v != NULL ? date_http_parse(v) : -1;
	v = ev[EV_CONTENT_TYPE];
	r->content_type = v != NULL ? v : "";
	v = ev[EV_CONTENT_LENGTH];
	r->content_length = -1;
	if (v != NULL && *v != '\0' && strspn(v, "0123456789") == strlen(v)) {
		/* Past 15 digits (leading zeros aside) it is more than any
		 * limit: a 413, not an overflow. */
		v += strspn(v, "0");
		r->content_length = strlen(v) <= 15 ? strtoll(v, NULL, 10) :
		    LLONG_MAX;
	}
	if ((v = ev[EV_HTTP_COOKIE]) != NULL &&
	    (r->session = cookie_get(a, v, REQ_COOKIE)) != NULL &&
	    valid_token(r->session) != NULL)
		r->session = NULL;
	if (v != NULL && (r->device = cookie_get(a, v, REQ_DEVICE_COOKIE)) !=
	    NULL && (*r->device == '\0' || strlen(r->device) > 128 ||
	    strspn(r->device, "0123456789abcdef.") != strlen(r->device)))
		r->device = NULL;

	/* The raw target when the server gives it (FastCGI from nginx, most
	 * CGI servers), so the decoding is ours; else the CGI PATH_INFO. */
	uri = ev[EV_REQUEST_URI];
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
		script = ev[EV_SCRIPT_NAME];
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
		v = ev[EV_PATH_INFO];
		v = v != NULL ? v : "";
		if (strlen(v) > REQ_TARGET_MAX) {
			*why = "The request path is too long.";
			return 414;
		}
		path = arena_alloc(a, strlen(v) + 2);
		memcpy(path, v, strlen(v) + 1);
		n = (long)strlen(v);
		v = ev[EV_QUERY_STRING];
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
	return parse_pairs(r, a, qs, strlen(qs), REQ_PARAMS_MAX,
	    "query string", query_pair, why);
}
