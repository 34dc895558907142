/*
 * fuzz_form: the urlencoded bodies of the admin forms, the second parser to
 * see bytes from the network. The input is a POST body. Whatever
 * req_parse_form() accepts must honour req.h: every field is valid text
 * without NUL, is the decoded value of the last pair of its name, and when
 * it carries no message it fits its declared length (in characters) and
 * its rule. The settings page's fields (setting.h) land in r.setting[] by
 * the same rules. The rules are rewritten here from their descriptions,
 * not copied from req.c or setting.c.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "req.h"
#include "setting.h"
#include "valid.h"
#include "fuzz.h"

#define PAIRS_MAX	256	/* req.h: form pairs are capped at 256 */

static struct arena	arena;
static int		arena_ready;

enum rule {
	R_TEXT,		/* any text */
	R_LINE,		/* no control characters */
	R_MLINES,	/* no control characters but tab, CR and LF */
	R_SLUG,
	R_DATE,
	R_TIME,
	R_HEX64,
	R_ACTION,
	R_DIGITS,
	R_PER_PAGE,	/* R_DIGITS, 1 to 100 */
	R_REQ_LINE,	/* R_LINE, not empty */
	R_REVISION,	/* "0" (a new post) or R_DIGITS */
	R_URL,
	R_BASE_URL,	/* R_URL, not empty, a host, no query, fragment or user */
	R_BOX,
	R_WHERE,	/* "articles" or "everywhere" */
	R_NEXT,
	R_TAGS,		/* src/tag.h, bounded from both sides: ref_tags() */
	R_PATH,		/* a redirect's path (src/redirect.h): ref_path() */
};

#define NFIELDS	(FF__MAX + 12)

/* Each field's documented maximum (code points) and rule, by name, and
 * where it lands: r.form[i] in FF_ order, then the settings' r.setting[set];
 * the harness checks that req.c and setting.c know the same names. */
static const struct {
	const char	*name;
	size_t		 max;
	enum rule	 rule;
	int		 set;		/* SET_*, or -1: a form field */
} fields[NFIELDS] = {
	{ "login", 64, R_LINE, -1 },		/* FF_LOGIN */
	{ "password", 1024, R_TEXT, -1 },	/* FF_PASSWORD */
	{ "next", 2048, R_NEXT, -1 },		/* FF_NEXT */
	{ "csrf", 64, R_HEX64, -1 },		/* FF_CSRF */
	{ "action", 16, R_ACTION, -1 },		/* FF_ACTION */
	{ "title", 300, R_LINE, -1 },		/* FF_TITLE */
	{ "slug", 100, R_SLUG, -1 },		/* FF_SLUG */
	{ "date", 10, R_DATE, -1 },		/* FF_DATE */
	{ "time", 5, R_TIME, -1 },		/* FF_TIME */
	{ "excerpt", 1000, R_MLINES, -1 },	/* FF_EXCERPT */
	{ "body", 500000, R_MLINES, -1 },	/* FF_BODY */
	{ "author", 100, R_LINE, -1 },		/* FF_AUTHOR */
	{ "tags", 2000, R_TAGS, -1 },		/* FF_TAGS */
	{ "revision", 18, R_REVISION, -1 },	/* FF_REVISION */
	{ "old_password", 1024, R_TEXT, -1 },	/* FF_OLD_PASSWORD */
	{ "new_password", 1024, R_TEXT, -1 },	/* FF_NEW_PASSWORD */
	{ "new_password2", 1024, R_TEXT, -1 },	/* FF_NEW_PASSWORD2 */
	{ "from", 1000, R_PATH, -1 },		/* FF_FROM */
	{ "to", 1000, R_PATH, -1 },		/* FF_TO */
	{ "site_title", 200, R_REQ_LINE, SET_TITLE },
	{ "site_subtitle", 300, R_LINE, SET_SUBTITLE },
	{ "site_base_url", 300, R_BASE_URL, SET_BASE_URL },
	{ "site_author", 100, R_LINE, SET_AUTHOR },
	{ "site_note", 20000, R_MLINES, SET_CONTRIBUTE },
	{ "site_disclaimer", 100000, R_MLINES, SET_DISCLAIMER },
	{ "site_per_page", 3, R_PER_PAGE, SET_PER_PAGE },
	{ "share_x", 1, R_BOX, SET_SHARE_X },
	{ "share_linkedin", 1, R_BOX, SET_SHARE_LINKEDIN },
	{ "share_facebook", 1, R_BOX, SET_SHARE_FACEBOOK },
	{ "site_disclaimer_where", 20, R_WHERE, SET_DISCLAIMER_WHERE },
	{ "site_robots", 10000, R_MLINES, SET_ROBOTS },
};

static const char *const actions[] = { "draft", "preview", "publish",
    "unpublish", "delete", "save", NULL };

/* Code points of valid UTF-8: bytes that do not continue a sequence. */
static size_t
ref_chars(const char *s)
{
	size_t	 n = 0;

	for (; *s != '\0'; s++)
		n += ((unsigned char)*s >> 6) != 2;
	return n;
}

static int
ref_hex(unsigned char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c |= 0x20;
	return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* application/x-www-form-urlencoded: '+' is a space, %XX a byte. Returns
 * the decoded length, or -1 on a bad escape. */
static long
ref_decode(const char *s, size_t len, char *out)
{
	size_t	 i, o = 0;

	for (i = 0; i < len; i++) {
		if (s[i] == '+')
			out[o++] = ' ';
		else if (s[i] != '%')
			out[o++] = s[i];
		else if (i + 2 < len && ref_hex((unsigned char)s[i + 1]) >= 0 &&
		    ref_hex((unsigned char)s[i + 2]) >= 0) {
			out[o++] = (char)(ref_hex((unsigned char)s[i + 1]) * 16 +
			    ref_hex((unsigned char)s[i + 2]));
			i += 2;
		} else
			return -1;
	}
	out[o] = '\0';
	return (long)o;
}

static int
all_of(const char *s, const char *set)
{
	return strspn(s, set) == strlen(s);
}

static int
leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int
ref_date(const char *s)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31 };
	int	 y, m, d;

	if (*s == '\0')
		return 1;
	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-' ||
	    strspn(s, "0123456789") != 4 || strspn(s + 5, "0123456789") != 2 ||
	    strspn(s + 8, "0123456789") != 2)
		return 0;
	y = atoi(s);
	m = atoi(s + 5);
	d = atoi(s + 8);
	if (y < 1970 || m < 1 || m > 12 || d < 1)
		return 0;
	return d <= days[m - 1] + (m == 2 && leap(y));
}

static int
ref_time(const char *s)
{
	if (*s == '\0')
		return 1;
	return strlen(s) == 5 && s[2] == ':' && strspn(s, "0123456789") == 2 &&
	    strspn(s + 3, "0123456789") == 2 && atoi(s) < 24 &&
	    atoi(s + 3) < 60;
}

/* A local path at or under /admin: no other host ("//"), no backslash,
 * no space or control. */
static int
ref_next(const char *s)
{
	const unsigned char	*p;

	if (strncmp(s, "/admin", 6) != 0 || (s[6] != '\0' && s[6] != '/' &&
	    s[6] != '?'))
		return 0;
	if (strstr(s, "//") != NULL || strchr(s, '\\') != NULL)
		return 0;
	for (p = (const unsigned char *)s; *p != '\0'; p++)
		if (*p <= ' ' || *p == 0x7f)
			return 0;
	return 1;
}

static int
ref_url(const char *s)
{
	const unsigned char	*p;

	if (*s == '\0')
		return 1;
	if (strncmp(s, "https://", 8) != 0 && strncmp(s, "http://", 7) != 0)
		return 0;
	for (p = (const unsigned char *)s; *p != '\0'; p++)
		if (*p <= ' ' || *p == 0x7f || memchr("\"<>\\^`{|}", *p, 9) != NULL)
			return 0;
	return 1;
}

static int
ref_base_url(const char *s)
{
	const char	*host;

	if (*s == '\0' || !ref_url(s))
		return 0;
	host = strstr(s, "//") + 2;
	if (*host == '\0' || *host == '/' || *host == ':' || *host == '.')
		return 0;
	return strchr(s, '?') == NULL && strchr(s, '#') == NULL &&
	    strchr(s, '@') == NULL;
}

/*
 * Tags (src/tag.h) have more rules than a reference should copy, so they
 * are bounded from both sides. sure=0: 1 unless v breaks a rule that every
 * reading of tag.h keeps (a control or an ASCII character other than
 * letters, digits, space, comma and hyphen; a tag of more than 50
 * characters not counting spaces). sure=1: 1 only if v surely keeps the
 * rules: ASCII, at most 20 tags, each with a letter or digit and at most
 * 50 characters once its spaces are trimmed and runs of them made one.
 */
static int
ref_tags(const char *v, int sure)
{
	const unsigned char	*p = (const unsigned char *)v;
	size_t			 chars = 0, len = 0, pend = 0, tags = 0;
	int			 alnum = 0;

	for (;; p++) {
		if (*p == ',' || *p == '\0') {
			if (sure && len > 0 && (!alnum || len > 50 ||
			    ++tags > 20))
				return 0;
			if (chars > 50)
				return 0;
			if (*p == '\0')
				return 1;
			chars = len = pend = 0;
			alnum = 0;
			continue;
		}
		if (*p < 0x20 || *p == 0x7f)
			return 0;
		if (*p >= 0x80) {
			if (sure)
				return 0;
			chars += (*p & 0xc0) != 0x80;
			continue;
		}
		if (*p == ' ') {
			pend = len > 0;
			continue;
		}
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || *p == '-'))
			return 0;
		alnum |= *p != '-';
		chars++;
		len += 1 + pend;
		pend = 0;
	}
}

/* 1 if v satisfies its field's rule. */
/* A redirect's path, as redirect.h says it, written again: at most 1000
 * bytes, "/" but not "//" or "/\\" first (typed or decoded), no '?' or
 * '#', strict %XX escapes (no '+' rule: a path), decoding to text with no
 * control character and no "." or ".." segment. */
/* WordPress's /?p=ID or /?page_id=ID, ID 1-10 digits, no leading 0. */
static int
ref_wp(const char *v)
{
	const char	*d = NULL;
	size_t		 n;

	if (strncmp(v, "/?p=", 4) == 0)
		d = v + 4;
	else if (strncmp(v, "/?page_id=", 10) == 0)
		d = v + 10;
	if (d == NULL)
		return 0;
	for (n = 0; d[n] >= '0' && d[n] <= '9'; n++)
		;
	return n >= 1 && n <= 10 && d[n] == '\0' && d[0] != '0';
}

static int
ref_path(const char *v)
{
	char	 out[1001];
	size_t	 len = strlen(v), i, o = 0, seg;

	if (ref_wp(v))
		return 1;
	if (len == 0 || len > 1000 || v[0] != '/' || v[1] == '/' ||
	    v[1] == '\\' || strpbrk(v, "?#") != NULL)
		return 0;
	for (i = 0; i < len; i++) {
		if (v[i] != '%') {
			out[o++] = v[i];
			continue;
		}
		if (i + 2 >= len || ref_hex((unsigned char)v[i + 1]) < 0 ||
		    ref_hex((unsigned char)v[i + 2]) < 0)
			return 0;
		out[o++] = (char)(ref_hex((unsigned char)v[i + 1]) * 16 +
		    ref_hex((unsigned char)v[i + 2]));
		i += 2;
	}
	if (!req_text_valid(out, o))
		return 0;
	out[o] = '\0';
	for (i = 0; i < o; i++)
		if ((unsigned char)out[i] < 0x20 || out[i] == 0x7f)
			return 0;
	if (out[1] == '/' || out[1] == '\\')
		return 0;
	for (i = 0; i < o; i += seg) {
		i++;
		seg = strcspn(out + i, "/");
		if ((seg == 1 && out[i] == '.') ||
		    (seg == 2 && out[i] == '.' && out[i + 1] == '.'))
			return 0;
	}
	return 1;
}

static int
rule_ok(enum rule r, const char *v)
{
	const unsigned char	*p;
	size_t			 i;

	switch (r) {
	case R_TEXT:
		return 1;
	case R_LINE:
		for (p = (const unsigned char *)v; *p != '\0'; p++)
			if (*p < 0x20 || *p == 0x7f)
				return 0;
		return 1;
	case R_MLINES:
		for (p = (const unsigned char *)v; *p != '\0'; p++)
			if ((*p < 0x20 && *p != '\t' && *p != '\r' &&
			    *p != '\n') || *p == 0x7f)
				return 0;
		return 1;
	case R_SLUG:
		return v[0] != '-' &&
		    all_of(v, "abcdefghijklmnopqrstuvwxyz0123456789-");
	case R_DATE:
		return ref_date(v);
	case R_TIME:
		return ref_time(v);
	case R_HEX64:
		return strlen(v) == 64 && all_of(v, "0123456789abcdef");
	case R_ACTION:
		for (i = 0; actions[i] != NULL; i++)
			if (strcmp(v, actions[i]) == 0)
				return 1;
		return 0;
	case R_PER_PAGE:
		return rule_ok(R_DIGITS, v) && (strlen(v) < 3 ||
		    strcmp(v, "100") == 0);
	case R_REQ_LINE:
		return *v != '\0' && rule_ok(R_LINE, v);
	case R_REVISION:
		if (strcmp(v, "0") == 0)
			return 1;
		/* FALLTHROUGH */
	case R_DIGITS:
		return v[0] >= '1' && v[0] <= '9' && all_of(v, "0123456789");
	case R_URL:
		return ref_url(v);
	case R_PATH:
		return ref_path(v);
	case R_BASE_URL:
		return ref_base_url(v);
	case R_BOX:
		return strcmp(v, "1") == 0;
	case R_WHERE:
		return strcmp(v, "articles") == 0 || strcmp(v, "everywhere") == 0;
	case R_NEXT:
		return ref_next(v);
	case R_TAGS:
		return ref_tags(v, 0);
	}
	return 0;
}

/* 1 if req.c may give v a message: it breaks the rule, or a stricter
 * form of it that req.c is allowed to grow into. */
static int
may_refuse(enum rule r, const char *v)
{
	if (r == R_TAGS)
		return !ref_tags(v, 1);
	if (!rule_ok(r, v))
		return 1;
	/* "next" must stay under /admin once a browser resolves it:
	 * req.c refuses every segment that starts with a dot ("/..",
	 * "/./", but also "/.x"), a superset of the dot segments. */
	if (r == R_NEXT && strstr(v, "/.") != NULL)
		return 1;
	return 0;
}

/* The pairs of the body, decoded the reference way: sets last[i] to the
 * value of the last pair named fields[i].name. Returns the number of
 * non-empty pairs, or -1 if any escape is malformed; *bad_text is set if
 * any decoded key or value holds a NUL or is not valid UTF-8. */
static long
ref_pairs(const char *body, size_t len, const char *last[NFIELDS],
    int *bad_text)
{
	const char	*p = body, *end = body + len, *amp, *eq;
	char		*key, *val;
	long		 npairs = 0, kn, vn;
	size_t		 klen, vlen;
	int		 i;

	*bad_text = 0;
	for (i = 0; i < NFIELDS; i++)
		last[i] = NULL;
	for (; p < end; p = amp + 1) {
		amp = memchr(p, '&', (size_t)(end - p));
		if (amp == NULL)
			amp = end;
		if (amp == p)
			continue;
		npairs++;
		eq = memchr(p, '=', (size_t)(amp - p));
		klen = (size_t)((eq != NULL ? eq : amp) - p);
		vlen = eq != NULL ? (size_t)(amp - eq - 1) : 0;
		key = arena_alloc(&arena, klen + 1);
		val = arena_alloc(&arena, vlen + 1);
		if ((kn = ref_decode(p, klen, key)) < 0 ||
		    (vn = ref_decode(eq != NULL ? eq + 1 : "", vlen, val)) < 0)
			return -1;
		if ((size_t)kn != strlen(key) || (size_t)vn != strlen(val) ||
		    !req_text_valid(key, (size_t)kn) ||
		    !req_text_valid(val, (size_t)vn))
			*bad_text = 1;
		for (i = 0; i < NFIELDS; i++)
			if (strcmp(key, fields[i].name) == 0)
				last[i] = val;
		if (amp == end)
			break;
	}
	return npairs;
}

static void
check_form(const uint8_t *data, size_t size)
{
	struct req	 r;
	const char	*why = NULL, *last[NFIELDS], *v, *err;
	char		*body;
	long		 npairs;
	int		 rc, i, bad_text;
	size_t		 chars;

	/* Exactly size bytes, no NUL after them: ASan sees any over-read. */
	if ((body = malloc(size > 0 ? size : 1)) == NULL)
		abort();
	memcpy(body, data, size);

	memset(&r, 0, sizeof(r));
	rc = req_parse_form(&r, &arena, body, size, &why);
	npairs = ref_pairs(body, size, last, &bad_text);
	free(body);

	if (rc != 0) {
		CHECK(rc == 400);
		CHECK(why != NULL && *why != '\0');
		return;
	}
	CHECK(why == NULL);
	/* Accepted: within the pair cap, every escape well-formed, every
	 * decoded key and value valid text without NUL. */
	CHECK(npairs >= 0 && npairs <= PAIRS_MAX);
	CHECK(!bad_text);
	CHECK(size < 3 || memmem(data, size, "%00", 3) == NULL);

	for (i = 0; i < NFIELDS; i++) {
		v = fields[i].set == -1 ? r.form[i] : r.setting[fields[i].set];
		err = fields[i].set == -1 ? r.form_err[i] :
		    r.setting_err[fields[i].set];
		if (v == NULL) {
			CHECK(err == NULL);
			CHECK(last[i] == NULL);
			continue;
		}
		/* Every byte the author typed, from the last pair. */
		CHECK(last[i] != NULL && strcmp(v, last[i]) == 0);
		CHECK(req_text_valid(v, strlen(v)));
		if (i == FF_ACTION)
			CHECK(rule_ok(R_ACTION, v));
		chars = valid_chars(v);
		CHECK(chars == ref_chars(v));
		if (err != NULL) {
			CHECK(*err != '\0');
			/* A message only for a value that earns one. */
			CHECK(chars > fields[i].max ||
			    may_refuse(fields[i].rule, v));
			continue;
		}
		CHECK(chars <= fields[i].max);
		CHECK(rule_ok(fields[i].rule, v));
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	int	 i;

	if (!arena_ready) {
		arena_init(&arena);
		arena_ready = 1;
		for (i = 0; i < NFIELDS; i++)
			CHECK(fields[i].set == -1 ?
			    strcmp(req_ffield_name(i), fields[i].name) == 0 :
			    setting_by_field(fields[i].name) == fields[i].set);
	}
	check_form(data, size);
	arena_reset(&arena);
	return 0;
}
