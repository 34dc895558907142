/*
 * test_cases: the table-like cases of the edge and of the URL table, read
 * from data files in tests/unit/cases/ (tests run from the repository's
 * root): req.txt (CGI environments -> struct req), route.txt (method and
 * path -> route), form.txt (urlencoded bodies -> form fields) and
 * mediatype.txt (Content-Type values -> form or 415). Each file says its
 * format at its top; they share one way of writing words, below. Every
 * case is a cmocka test named by its file and line. A missing file, a file
 * without cases or a malformed line fails the first test, "cases: read",
 * so the suite cannot pass by reading nothing.
 *
 * Words: a line is split at spaces and tabs; '"' quotes a stretch that
 * keeps its spaces ("" is an empty word); a backslash writes \\ \" \t \r
 * \n or \xHH (not \x00: values are C strings). Lines starting with '#'
 * and blank lines are comments.
 */
#include <limits.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "arena.h"
#include "h_admin_auth.h"
#include "h_admin_list.h"
#include "h_admin_post.h"
#include "h_admin_settings.h"
#include "h_archive.h"
#include "h_article.h"
#include "h_home.h"
#include "h_page.h"
#include "h_robots.h"
#include "h_sitemap.h"
#include "h_disclaimer.h"
#include "h_tag.h"
#include "h_search.h"
#include "mediatype.h"
#include "req.h"
#include "route.h"
#include "setting.h"

#define CASES_DIR	"tests/unit/cases"
#define WORDS_MAX	32	/* words on a line */
#define ENV_MAX		16	/* env lines in a request case */
#define EXPECT_MAX	24	/* expectations in a case */

enum file {
	FILE_REQ,
	FILE_ROUTE,
	FILE_FORM,
	FILE_MEDIATYPE,
	FILE__MAX
};

static const char *const files[FILE__MAX] = {
	"req.txt",		/* FILE_REQ */
	"route.txt",		/* FILE_ROUTE */
	"form.txt",		/* FILE_FORM */
	"mediatype.txt",	/* FILE_MEDIATYPE */
};

/* One expectation on a field: its value, or that it is NULL. */
enum ex_mode {
	EX_EQ,		/* the field is value */
	EX_NULL,	/* the field is NULL */
	EX_OK,		/* form: set, without a message */
	EX_ERR,		/* form: set, with a message */
};

struct expect {
	const char	*name;
	enum ex_mode	 mode;
	const char	*value;
};

enum mt_mode {
	MT_ACCEPT,	/* mediatype_form() says 1 */
	MT_REFUSE,	/* mediatype_form() says 0 */
	MT_PARSE,	/* mediatype_parse() gives type, subtype, charset */
	MT_MALFORMED,	/* mediatype_parse() says -1 */
};

struct tcase {
	enum file	 file;
	int		 line;
	const char	*desc;		/* the case's words, for its name */
	int		 status;
	int		 has_status;	/* req.txt: an "expect status=" line */
	struct expect	 ex[EXPECT_MAX];
	size_t		 nex;
	/* req.txt */
	const char	*env[ENV_MAX + 1];
	size_t		 nenv;
	int		 trust_set;
	const char	*trust;
	/* route.txt */
	enum req_method	 method;
	const char	*path;
	route_handler	 handler;
	int		 kind;		/* enum route_kind, -1: not checked */
	const char	*args[ROUTE_ARGS_MAX];
	const char	*allow;
	/* form.txt */
	const char	*body;
	int		 all_null, all_ok;
	/* mediatype.txt */
	enum mt_mode	 mt;
	const char	*ctype;
	const char	*type, *subtype, *charset;
};

static struct arena	 D;	/* the cases, for the whole run */
static struct arena	 A;	/* what one case parses; reset after it */

static struct tcase	**cases;
static size_t		  ncases, cases_cap;
static char		  errors[8192];	/* what "cases: read" reports */
static size_t		  errlen;
static int		  nerrors;

static const char *const method_names[METHOD__MAX] = {
	"GET",		/* METHOD_GET */
	"HEAD",		/* METHOD_HEAD */
	"POST",		/* METHOD_POST */
	"OTHER",	/* METHOD_OTHER */
};

static const char *const kind_names[] = {
	"reader",	/* RK_READER */
	"signin",	/* RK_SIGNIN */
	"admin",	/* RK_ADMIN */
};

static const struct {
	const char	*name;
	route_handler	 h;
} handlers[] = {
	{ "h_home", h_home },
	{ "h_archive", h_archive },
	{ "h_article", h_article },
	{ "h_page", h_page },
	{ "h_robots", h_robots },
	{ "h_sitemap", h_sitemap },
	{ "h_tag", h_tag },
	{ "h_tags", h_tags },
	{ "h_disclaimer", h_disclaimer },
	{ "h_search", h_search },
	{ "h_admin_list", h_admin_list },
	{ "h_admin_login", h_admin_login },
	{ "h_admin_logout", h_admin_logout },
	{ "h_admin_article_edit", h_admin_article_edit },
	{ "h_admin_article_delete", h_admin_article_delete },
	{ "h_admin_page_edit", h_admin_page_edit },
	{ "h_admin_page_delete", h_admin_page_delete },
	{ "h_admin_settings", h_admin_settings },
	{ "h_admin_account", h_admin_account },
};

/* The fields of struct req a case may name. */
enum rtype {
	RT_STR,
	RT_INT,
	RT_LL,
	RT_METHOD,
};

static const struct {
	const char	*name;
	enum rtype	 type;
	size_t		 off;
} rfields[] = {
	{ "method", RT_METHOD, offsetof(struct req, method) },
	{ "method_name", RT_STR, offsetof(struct req, method_name) },
	{ "target", RT_STR, offsetof(struct req, target) },
	{ "path", RT_STR, offsetof(struct req, path) },
	{ "query_string", RT_STR, offsetof(struct req, query_string) },
	{ "remote_addr", RT_STR, offsetof(struct req, remote_addr) },
	{ "client_addr", RT_STR, offsetof(struct req, client_addr) },
	{ "forwarded_for", RT_STR, offsetof(struct req, forwarded_for) },
	{ "host", RT_STR, offsetof(struct req, host) },
	{ "https", RT_INT, offsetof(struct req, https) },
	{ "origin", RT_STR, offsetof(struct req, origin) },
	{ "if_none_match", RT_STR, offsetof(struct req, if_none_match) },
	{ "if_modified_since", RT_LL, offsetof(struct req, if_modified_since) },
	{ "session", RT_STR, offsetof(struct req, session) },
	{ "content_length", RT_LL, offsetof(struct req, content_length) },
	{ "content_type", RT_STR, offsetof(struct req, content_type) },
};

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))

/* Reading the files. */

static void
bad(enum file f, int line, const char *fmt, ...)
{
	va_list	 ap;
	int	 n;

	nerrors++;
	if (errlen >= sizeof(errors) - 1)
		return;
	n = snprintf(errors + errlen, sizeof(errors) - errlen, "%s/%s:%d: ",
	    CASES_DIR, files[f], line);
	if (n > 0)
		errlen += (size_t)n;
	if (errlen >= sizeof(errors) - 1)
		return;
	va_start(ap, fmt);
	n = vsnprintf(errors + errlen, sizeof(errors) - errlen, fmt, ap);
	va_end(ap);
	if (n > 0)
		errlen += (size_t)n;
	if (errlen < sizeof(errors) - 1)
		errors[errlen++] = '\n';
	errors[errlen < sizeof(errors) ? errlen : sizeof(errors) - 1] = '\0';
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

/* Splits line into words (see the top of this file). Returns their number,
 * or -1 with *err. */
static int
split(const char *line, char **w, const char **err)
{
	const char	*p = line;
	char		*out;
	size_t		 o;
	int		 n = 0, quoted, hi, lo;

	for (;;) {
		while (*p == ' ' || *p == '\t')
			p++;
		if (*p == '\0')
			return n;
		if (n == WORDS_MAX) {
			*err = "too many words";
			return -1;
		}
		out = arena_alloc(&D, strlen(p) + 1);
		o = 0;
		quoted = 0;
		while (*p != '\0' && (quoted || (*p != ' ' && *p != '\t'))) {
			if ((unsigned char)*p < 0x20 && *p != '\t') {
				*err = "a raw control character (write an "
				    "escape)";
				return -1;
			}
			if (*p == '"') {
				quoted = !quoted;
				p++;
				continue;
			}
			if (*p != '\\') {
				out[o++] = *p++;
				continue;
			}
			switch (p[1]) {
			case '\\':
			case '"':
				out[o++] = p[1];
				break;
			case 't':
				out[o++] = '\t';
				break;
			case 'r':
				out[o++] = '\r';
				break;
			case 'n':
				out[o++] = '\n';
				break;
			case 'x':
				if ((hi = hexval(p[2])) == -1 ||
				    (lo = hexval(p[3])) == -1 ||
				    (hi | lo) == 0) {
					*err = "a bad \\x escape";
					return -1;
				}
				out[o++] = (char)(hi << 4 | lo);
				p += 2;
				break;
			default:
				*err = "an unknown escape";
				return -1;
			}
			p += 2;
		}
		if (quoted) {
			*err = "an unclosed quote";
			return -1;
		}
		out[o] = '\0';
		w[n++] = out;
	}
}

static int
to_int(const char *s, long long *v)
{
	char	*end;

	if (*s == '\0')
		return -1;
	*v = strtoll(s, &end, 10);
	return *end == '\0' ? 0 : -1;
}

static int
to_status(const char *s, int *st)
{
	long long	 v;

	if (to_int(s, &v) == -1 || v < 0 || v > 599)
		return -1;
	*st = (int)v;
	return 0;
}

static int
method_by_name(const char *s)
{
	int	 i;

	for (i = 0; i < METHOD__MAX; i++)
		if (strcmp(s, method_names[i]) == 0)
			return i;
	return -1;
}

static int
qfield_by_name(const char *s)
{
	int	 i;

	for (i = 0; i < QF__MAX; i++)
		if (strcmp(s, req_qfield_name(i)) == 0)
			return i;
	return -1;
}

static int
rfield_by_name(const char *s)
{
	size_t	 i;

	for (i = 0; i < NELEM(rfields); i++)
		if (strcmp(s, rfields[i].name) == 0)
			return (int)i;
	return -1;
}

/* A form field (FF_*) or a setting's field (FF__MAX + SET_*), or -1. */
static int
ffield_by_name(const char *s)
{
	int	 i;

	for (i = 0; i < FF__MAX; i++)
		if (strcmp(s, req_ffield_name(i)) == 0)
			return i;
	return (i = setting_by_field(s)) == -1 ? -1 : FF__MAX + i;
}

static struct tcase *
new_case(enum file f, int line)
{
	struct tcase	*c;

	c = arena_calloc(&D, 1, sizeof(*c));
	c->file = f;
	c->line = line;
	c->kind = -1;
	cases = arena_grow(&D, cases, ncases, &cases_cap, sizeof(*cases));
	cases[ncases++] = c;
	return c;
}

static int
add_expect(struct tcase *c, const char *name, enum ex_mode mode,
    const char *value)
{
	if (c->nex == EXPECT_MAX)
		return -1;
	c->ex[c->nex].name = name;
	c->ex[c->nex].mode = mode;
	c->ex[c->nex].value = value;
	c->nex++;
	return 0;
}

/* A req.txt expectation NAME=VALUE (mode EX_EQ) or NAME (EX_NULL):
 * the name must be a field, and the value of its type. */
static const char *
req_expect(struct tcase *c, char *w, enum ex_mode mode)
{
	char		*eq = NULL;
	long long	 v;
	int		 f;

	if (mode == EX_EQ) {
		if ((eq = strchr(w, '=')) == NULL)
			return "expect takes NAME=VALUE";
		*eq++ = '\0';
	}
	if (strcmp(w, "status") == 0) {
		if (mode != EX_EQ || c->has_status ||
		    to_status(eq, &c->status) == -1)
			return "status takes a number, once";
		c->has_status = 1;
		return NULL;
	}
	if (strncmp(w, "query.", 6) == 0) {
		if (qfield_by_name(w + 6) == -1)
			return "no such query field";
	} else if ((f = rfield_by_name(w)) == -1)
		return "no such field of struct req";
	else if (rfields[f].type == RT_METHOD) {
		if (mode == EX_NULL || method_by_name(eq) == -1)
			return "method is GET, HEAD, POST or OTHER";
	} else if (rfields[f].type != RT_STR) {
		if (mode == EX_NULL || to_int(eq, &v) == -1)
			return "this field takes a number";
	}
	if (add_expect(c, w, mode, eq) == -1)
		return "too many expectations";
	return NULL;
}

/* req.txt: blocks, each "case", then env and trust lines, then expect and
 * null lines. */
static const char *
req_line(struct tcase **cp, int line, int n, char **w)
{
	struct tcase	*c = *cp;

	if (strcmp(w[0], "case") == 0) {
		if (n < 2)
			return "case takes a description";
		*cp = new_case(FILE_REQ, line);
		return NULL;
	}
	if (c == NULL)
		return "a line before the first case";
	if (strcmp(w[0], "env") == 0) {
		if (n != 2 || strchr(w[1], '=') == NULL)
			return "env takes one NAME=VALUE";
		if (c->nex > 0 || c->has_status)
			return "env after an expectation";
		if (c->nenv == ENV_MAX)
			return "too many env lines";
		c->env[c->nenv++] = w[1];
		return NULL;
	}
	if (strcmp(w[0], "trust") == 0) {
		if (n > 2)
			return "trust takes one list";
		if (c->nex > 0 || c->has_status || c->trust_set)
			return "trust after an expectation, or twice";
		c->trust_set = 1;
		c->trust = n == 2 ? w[1] : NULL;
		return NULL;
	}
	if (strcmp(w[0], "expect") == 0)
		return n != 2 ? "expect takes one NAME=VALUE" :
		    req_expect(c, w[1], EX_EQ);
	if (strcmp(w[0], "null") == 0)
		return n != 2 ? "null takes one NAME" :
		    req_expect(c, w[1], EX_NULL);
	return "not case, env, trust, expect or null";
}

/* route.txt: METHOD PATH STATUS [handler=H] [kind=K] [args=A,B] [allow=M,M] */
static const char *
route_line(int line, int n, char **w)
{
	struct tcase	*c;
	char		*v, *p;
	size_t		 i;
	int		 k, m, nargs = 0;

	if (n < 3)
		return "want METHOD PATH STATUS [key=value...]";
	if ((m = method_by_name(w[0])) == -1)
		return "method is GET, HEAD, POST or OTHER";
	c = new_case(FILE_ROUTE, line);
	c->method = (enum req_method)m;
	c->path = w[1];
	if (to_status(w[2], &c->status) == -1 ||
	    (c->status != 0 && c->status != 404 && c->status != 405))
		return "status is 0, 404 or 405";
	for (k = 3; k < n; k++) {
		if ((v = strchr(w[k], '=')) == NULL)
			return "want key=value";
		*v++ = '\0';
		if (strcmp(w[k], "handler") == 0) {
			for (i = 0; i < NELEM(handlers); i++)
				if (strcmp(v, handlers[i].name) == 0)
					c->handler = handlers[i].h;
			if (c->handler == NULL)
				return "no such handler";
		} else if (strcmp(w[k], "kind") == 0) {
			for (i = 0; i < NELEM(kind_names); i++)
				if (strcmp(v, kind_names[i]) == 0)
					c->kind = (int)i;
			if (c->kind == -1)
				return "kind is reader, signin or admin";
		} else if (strcmp(w[k], "args") == 0) {
			for (p = v; nargs < ROUTE_ARGS_MAX; p = NULL) {
				if ((p = strtok(p, ",")) == NULL)
					break;
				c->args[nargs++] = p;
			}
			if (nargs == 0 || strtok(NULL, ",") != NULL)
				return "args takes 1 to ROUTE_ARGS_MAX captures";
		} else if (strcmp(w[k], "allow") == 0) {
			/* "GET,HEAD" is the header's "GET, HEAD". */
			c->allow = arena_strdup(&D, "");
			for (p = v; (p = strtok(p, ",")) != NULL; p = NULL)
				c->allow = arena_printf(&D, "%s%s%s", c->allow,
				    *c->allow != '\0' ? ", " : "", p);
		} else
			return "key is handler, kind, args or allow";
	}
	if ((c->status == 0) != (c->handler != NULL))
		return "handler= is given for status 0, and only then";
	if (c->status != 0 && nargs > 0)
		return "args= only for status 0";
	if (c->status != 405 && c->allow != NULL)
		return "allow= only for status 405";
	return NULL;
}

/* form.txt: BODY STATUS [NAME=VALUE | NAME:ok | NAME:err | NAME:null |
 * all:null | all:ok ...] */
static const char *
form_line(int line, int n, char **w)
{
	struct tcase	*c;
	char		*v;
	enum ex_mode	 mode;
	int		 k;

	if (n < 2)
		return "want BODY STATUS [expectations]";
	c = new_case(FILE_FORM, line);
	c->body = w[0];
	if (to_status(w[1], &c->status) == -1 ||
	    (c->status != 0 && c->status != 400))
		return "status is 0 or 400";
	if (c->status == 400 && n > 2)
		return "a 400 expects nothing else";
	if (c->status == 0 && n == 2)
		return "an accepted body needs an expectation";
	for (k = 2; k < n; k++) {
		if (strcmp(w[k], "all:null") == 0) {
			c->all_null = 1;
			continue;
		}
		if (strcmp(w[k], "all:ok") == 0) {
			c->all_ok = 1;
			continue;
		}
		if ((v = strchr(w[k], '=')) != NULL)
			mode = EX_EQ;
		else if ((v = strchr(w[k], ':')) == NULL)
			return "want NAME=VALUE or NAME:ok, :err or :null";
		else if (strcmp(v, ":ok") == 0)
			mode = EX_OK;
		else if (strcmp(v, ":err") == 0)
			mode = EX_ERR;
		else if (strcmp(v, ":null") == 0)
			mode = EX_NULL;
		else
			return "want NAME:ok, NAME:err or NAME:null";
		*v++ = '\0';
		if (ffield_by_name(w[k]) == -1)
			return "no such form or settings field";
		if (add_expect(c, w[k], mode, mode == EX_EQ ? v : NULL) == -1)
			return "too many expectations";
	}
	return NULL;
}

/* mediatype.txt: accept V | refuse V | malformed V |
 * parse V TYPE SUBTYPE [CHARSET] */
static const char *
mediatype_line(int line, int n, char **w)
{
	struct tcase	*c;

	c = new_case(FILE_MEDIATYPE, line);
	if (n >= 2)
		c->ctype = w[1];
	if (strcmp(w[0], "accept") == 0 && n == 2)
		c->mt = MT_ACCEPT;
	else if (strcmp(w[0], "refuse") == 0 && n == 2)
		c->mt = MT_REFUSE;
	else if (strcmp(w[0], "malformed") == 0 && n == 2)
		c->mt = MT_MALFORMED;
	else if (strcmp(w[0], "parse") == 0 && (n == 4 || n == 5)) {
		c->mt = MT_PARSE;
		c->type = w[2];
		c->subtype = w[3];
		c->charset = n == 5 ? w[4] : NULL;
	} else
		return "want accept, refuse or malformed VALUE, or parse "
		    "VALUE TYPE SUBTYPE [CHARSET]";
	return NULL;
}

/* The checks on a whole req.txt case, at its end. */
static void
req_done(const struct tcase *c)
{
	if (c == NULL)
		return;
	if (c->nex == 0 && !c->has_status)
		bad(FILE_REQ, c->line, "a case without expectations");
	if (c->status != 0 && c->nex > 0)
		bad(FILE_REQ, c->line, "a case with status %d expects more, "
		    "which is never checked", c->status);
}

static void
load(enum file f)
{
	char		 path[256];
	FILE		*fp;
	char		*buf = NULL, *w[WORDS_MAX];
	size_t		 cap = 0, before = ncases;
	ssize_t		 len;
	struct tcase	*cur = NULL;
	const char	*err, *d;
	size_t		 had;
	int		 line = 0, n;

	snprintf(path, sizeof(path), "%s/%s", CASES_DIR, files[f]);
	if ((fp = fopen(path, "r")) == NULL) {
		bad(f, 0, "cannot open (tests run from the repository's "
		    "root)");
		return;
	}
	while ((len = getline(&buf, &cap, fp)) != -1) {
		line++;
		if (len > 0 && buf[len - 1] == '\n')
			buf[--len] = '\0';
		if ((size_t)len != strlen(buf)) {
			bad(f, line, "a NUL byte");
			continue;
		}
		if (buf[0] == '#')
			continue;
		err = NULL;
		if ((n = split(buf, w, &err)) <= 0) {
			if (n == -1)
				bad(f, line, "%s", err);
			continue;
		}
		had = ncases;
		switch (f) {
		case FILE_REQ:
			if (strcmp(w[0], "case") == 0)
				req_done(cur);
			err = req_line(&cur, line, n, w);
			break;
		case FILE_ROUTE:
			err = route_line(line, n, w);
			break;
		case FILE_FORM:
			err = form_line(line, n, w);
			break;
		default:
			err = mediatype_line(line, n, w);
			break;
		}
		if (err != NULL) {
			bad(f, line, "%s", err);
			if (f != FILE_REQ)
				ncases = had;	/* not run half-read */
		} else if (ncases > had) {
			/* req.txt: the words after "case". */
			d = buf + strspn(buf, " \t");
			if (f == FILE_REQ)
				d += 4 + strspn(d + 4, " \t");
			cases[had]->desc = arena_printf(&D, "%.72s", d);
		}
	}
	if (ferror(fp))
		bad(f, line, "read error");
	if (f == FILE_REQ)
		req_done(cur);
	if (ncases == before)
		bad(f, line, "no cases");
	free(buf);
	fclose(fp);
}

/* Running them. */

static const char *
show(const char *s)
{
	return s != NULL ? s : "(null)";
}

static void
check_str(const char *what, const char *got, const struct expect *e)
{
	if (e->mode == EX_NULL) {
		if (got != NULL)
			fail_msg("%s is \"%s\", want NULL", what, got);
	} else if (got == NULL || strcmp(got, e->value) != 0)
		fail_msg("%s is \"%s\", want \"%s\"", what, show(got),
		    e->value);
}

static void
check_req_field(const struct req *r, const struct expect *e)
{
	const char	*base = (const char *)r;
	long long	 want, got;
	int		 f;

	if (strncmp(e->name, "query.", 6) == 0) {
		check_str(e->name, r->query[qfield_by_name(e->name + 6)], e);
		return;
	}
	f = rfield_by_name(e->name);
	switch (rfields[f].type) {
	case RT_STR:
		check_str(e->name, *(const char *const *)(const void *)
		    (base + rfields[f].off), e);
		return;
	case RT_METHOD:
		if ((int)r->method != method_by_name(e->value))
			fail_msg("method is %s, want %s",
			    method_names[r->method], e->value);
		return;
	case RT_INT:
		got = *(const int *)(const void *)(base + rfields[f].off);
		break;
	default:
		got = *(const long long *)(const void *)(base + rfields[f].off);
		break;
	}
	to_int(e->value, &want);
	if (got != want)
		fail_msg("%s is %lld, want %lld", e->name, got, want);
}

static void
run_req(void **state)
{
	const struct tcase	*c = *state;
	struct req		 r;
	const char		*why = NULL;
	size_t			 i;
	int			 st, q, named;

	st = req_parse(&r, &A, (char *const *)c->env, &why);
	if (st != c->status)
		fail_msg("status %d (%s), want %d", st, show(why), c->status);
	if (st != 0) {
		if (why == NULL || *why == '\0')
			fail_msg("status %d without a reason", st);
		return;
	}
	if (why != NULL)
		fail_msg("accepted, with a reason: %s", why);
	if (c->trust_set)
		req_trust(&r, c->trust);
	for (i = 0; i < c->nex; i++)
		check_req_field(&r, &c->ex[i]);
	/* A query field a case does not name was not sent, or not kept. */
	for (q = 0; q < QF__MAX; q++) {
		named = 0;
		for (i = 0; i < c->nex; i++)
			if (strncmp(c->ex[i].name, "query.", 6) == 0 &&
			    strcmp(c->ex[i].name + 6, req_qfield_name(q)) == 0)
				named = 1;
		if (!named && r.query[q] != NULL)
			fail_msg("query.%s is \"%s\", want NULL",
			    req_qfield_name(q), r.query[q]);
	}
}

static void
run_route(void **state)
{
	const struct tcase	*c = *state;
	struct route_match	 m;
	int			 rc, i;

	memset(&m, 0x5a, sizeof(m));	/* route_match must clear it */
	rc = route_match(&A, c->path, c->method, &m);
	if (rc != c->status)
		fail_msg("status %d, want %d", rc, c->status);
	if (rc != 0) {
		if (m.handler != NULL)
			fail_msg("a handler with status %d", rc);
	} else {
		if (m.handler != c->handler)
			fail_msg("the wrong handler");
		for (i = 0; i < ROUTE_ARGS_MAX; i++)
			if (c->args[i] == NULL ? m.args[i] != NULL :
			    m.args[i] == NULL || strcmp(m.args[i],
			    c->args[i]) != 0)
				fail_msg("capture %d is \"%s\", want \"%s\"", i,
				    show(m.args[i]), show(c->args[i]));
	}
	if (c->kind != -1 && (int)m.kind != c->kind)
		fail_msg("kind %d, want %s", (int)m.kind, kind_names[c->kind]);
	if (c->allow != NULL && (m.allow == NULL ||
	    strcmp(m.allow, c->allow) != 0))
		fail_msg("Allow \"%s\", want \"%s\"", show(m.allow), c->allow);
}

static void
run_form(void **state)
{
	const struct tcase	*c = *state;
	struct req		 r;
	const char		*why = NULL, *v, *err;
	size_t			 i;
	int			 st, f;

	memset(&r, 0, sizeof(r));
	st = req_parse_form(&r, &A, c->body, strlen(c->body), &why);
	if (st != c->status)
		fail_msg("status %d (%s), want %d", st, show(why), c->status);
	if (st != 0) {
		if (why == NULL || *why == '\0')
			fail_msg("status %d without a reason", st);
		return;
	}
	if (why != NULL)
		fail_msg("accepted, with a reason: %s", why);
	for (f = 0; f < FF__MAX + SET__MAX; f++) {
		v = f < FF__MAX ? r.form[f] : r.setting[f - FF__MAX];
		err = f < FF__MAX ? r.form_err[f] : r.setting_err[f - FF__MAX];
		if (c->all_null && (v != NULL || err != NULL))
			fail_msg("field %d is \"%s\", want NULL", f, v);
		if (c->all_ok && err != NULL)
			fail_msg("field %d has a message: %s", f, err);
	}
	for (i = 0; i < c->nex; i++) {
		f = ffield_by_name(c->ex[i].name);
		v = f < FF__MAX ? r.form[f] : r.setting[f - FF__MAX];
		err = f < FF__MAX ? r.form_err[f] : r.setting_err[f - FF__MAX];
		switch (c->ex[i].mode) {
		case EX_EQ:
		case EX_NULL:
			check_str(c->ex[i].name, v, &c->ex[i]);
			if (c->ex[i].mode == EX_NULL && err != NULL)
				fail_msg("%s: absent, with a message",
				    c->ex[i].name);
			break;
		case EX_OK:
			if (v == NULL)
				fail_msg("%s: not set", c->ex[i].name);
			if (err != NULL)
				fail_msg("%s: refused (\"%s\"), want accepted",
				    c->ex[i].name, err);
			break;
		case EX_ERR:
			if (v == NULL)
				fail_msg("%s: not set", c->ex[i].name);
			if (err == NULL || *err == '\0')
				fail_msg("%s: accepted, want a message",
				    c->ex[i].name);
			break;
		}
	}
}

static void
run_mediatype(void **state)
{
	const struct tcase	*c = *state;
	struct mediatype	 m;
	int			 rc;

	switch (c->mt) {
	case MT_ACCEPT:
	case MT_REFUSE:
		rc = mediatype_form(c->ctype);
		if (rc != (c->mt == MT_ACCEPT))
			fail_msg("\"%s\": %s, want %s", c->ctype,
			    rc ? "a form" : "refused",
			    rc ? "refused" : "a form");
		return;
	case MT_MALFORMED:
		if ((rc = mediatype_parse(c->ctype, &m)) != -1)
			fail_msg("\"%s\": parsed, want -1", c->ctype);
		if (mediatype_form(c->ctype))
			fail_msg("\"%s\": malformed but a form", c->ctype);
		return;
	case MT_PARSE:
		memset(&m, 0x5a, sizeof(m));
		if (mediatype_parse(c->ctype, &m) != 0)
			fail_msg("\"%s\": -1, want parsed", c->ctype);
		if (m.type_len != strlen(c->type) ||
		    memcmp(m.type, c->type, m.type_len) != 0 ||
		    m.subtype_len != strlen(c->subtype) ||
		    memcmp(m.subtype, c->subtype, m.subtype_len) != 0)
			fail_msg("\"%s\": %.*s/%.*s, want %s/%s", c->ctype,
			    (int)m.type_len, m.type, (int)m.subtype_len,
			    m.subtype, c->type, c->subtype);
		if (c->charset == NULL && m.charset != NULL)
			fail_msg("\"%s\": charset %.*s, want none", c->ctype,
			    (int)m.charset_len, m.charset);
		if (c->charset != NULL && (m.charset == NULL ||
		    !mediatype_charset_is(&m, c->charset)))
			fail_msg("\"%s\": charset %.*s, want %s", c->ctype,
			    m.charset != NULL ? (int)m.charset_len : 6,
			    m.charset != NULL ? m.charset : "(none)",
			    c->charset);
		return;
	}
}

static void
read_all(void **state)
{
	(void)state;
	if (nerrors > 0)
		fail_msg("%d problem(s) reading the cases:\n%s", nerrors,
		    errors);
}

static int
reset(void **state)
{
	(void)state;
	arena_reset(&A);
	return 0;
}

int
main(void)
{
	static const CMUnitTestFunction run[FILE__MAX] = {
		run_req,	/* FILE_REQ */
		run_route,	/* FILE_ROUTE */
		run_form,	/* FILE_FORM */
		run_mediatype,	/* FILE_MEDIATYPE */
	};
	struct CMUnitTest	*tests;
	size_t			 i;
	int			 f, rc;

	arena_init(&D);
	arena_init(&A);
	for (f = 0; f < FILE__MAX; f++)
		load((enum file)f);
	tests = arena_calloc(&D, ncases + 1, sizeof(*tests));
	tests[0].name = "cases: read " CASES_DIR;
	tests[0].test_func = read_all;
	for (i = 0; i < ncases; i++) {
		tests[i + 1].name = arena_printf(&D, "%s:%d %s",
		    files[cases[i]->file], cases[i]->line, cases[i]->desc);
		tests[i + 1].test_func = run[cases[i]->file];
		tests[i + 1].teardown_func = reset;
		tests[i + 1].initial_state = cases[i];
	}
	rc = _cmocka_run_group_tests("cases", tests, ncases + 1, NULL, NULL);
	arena_free(&A);
	arena_free(&D);
	return rc;
}
