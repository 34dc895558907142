/*
 * cfgfile: the table of configuration keys, each value's rule (shared by
 * the file and quire serve's flags), and the INI file read with libinih:
 * our line reader in front of it numbers the lines and says what inih
 * would only count as an error.
 */
#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ini.h>

#include "cfgfile.h"
#include "log.h"
#include "setting.h"

#define F(field)	offsetof(struct config, field), \
			sizeof(((struct config *)0)->field)

static const struct cfg_def defs[CFG__MAX] = {
	/* CFG_DATABASE */
	{ "database", "db", "FILE", CT_PATH, 0, 4096, F(db_path), "none",
	    "The site's SQLite database." },
	/* CFG_SOCKET */
	{ "socket", "socket", "PATH", CT_PATH, 0, 107, F(socket_path),
	    "none (the socket on fd 0)",
	    "The FastCGI unix socket to create; without socket or listen, "
	    "quire serve uses the socket passed on fd 0 (spawn-fcgi, systemd)." },
	/* CFG_LISTEN */
	{ "listen", "listen", "HOST:PORT", CT_ADDR, 0, 300, F(listen_addr),
	    "none", "A TCP address to serve FastCGI on instead of a socket." },
	/* CFG_WORKERS */
	{ "workers", "workers", "N", CT_INT, 1, 256, F(workers),
	    "one per CPU", "How many worker processes serve requests." },
	/* CFG_TEMPLATES */
	{ "templates", "templates", "DIR", CT_PATH, 0, 4096, F(templates_dir),
	    "built in", "A folder of templates to use instead of the "
	    "built-in ones (the same file names)." },
	/* CFG_BASE_URL */
	{ "base_url", "base-url", "URL", CT_URL, 0, 300, F(base_url),
	    "the database's base_url setting",
	    "The site's public address (https://blog.example.org), from which "
	    "every absolute link and redirect is built; when set, it wins "
	    "over the setting quire init --base-url stores." },
	/* CFG_LOG_LEVEL */
	{ "log_level", "log-level", "LEVEL", CT_LEVEL, 0, 0, F(log_level),
	    "info", "The least severe lines logged: error, warn, info "
	    "(one line a request) or debug." },
	/* CFG_TRUST_PROXY */
	{ "trust_proxy", "trust-proxy", "ADDR,...", CT_PROXIES, 0, 1000,
	    F(trust_proxy), "none",
	    "Proxies (IP addresses, comma-separated) whose X-Forwarded-For "
	    "names the client, for the sign-in rate limit and the log." },
	/* CFG_MAX_BODY */
	{ "max_body", "max-body", "BYTES", CT_INT, 1024, 1L << 30, F(max_body),
	    "1048576", "The largest request body accepted; a larger one is "
	    "refused with 413." },
	/* CFG_SESSION_HOURS */
	{ "session_hours", "session-hours", "N", CT_INT, 1, 24 * 365,
	    F(session_hours), "12", "How long an author stays signed in." },
	/* CFG_MAX_AGE */
	{ "max_age", "max-age", "SECONDS", CT_INT, 0, 31536000, F(max_age),
	    "60", "Cache-Control max-age of reader pages (capped by the next "
	    "scheduled article)." },
	/* CFG_USER */
	{ "user", "user", "USER", CT_NAME, 0, 32, F(user), "none",
	    "Started as root, the user quire serve becomes after binding the "
	    "socket; it owns the socket." },
	/* CFG_GROUP */
	{ "group", "group", "GROUP", CT_NAME, 0, 32, F(group), "the user's",
	    "The socket's and the process's group (e.g. nginx's www-data); "
	    "only with user." },
	/* CFG_SOCKET_MODE */
	{ "socket_mode", "socket-mode", "MODE", CT_OCTAL, 0, 0777,
	    F(socket_mode), "0660", "The unix socket's permissions, in octal." },
	/* CFG_CACHE_MB */
	{ "cache_mb", "cache-mb", "MB", CT_INT, 0, 1024, F(cache_mb), "2",
	    "Megabytes of rendered Markdown (article and page bodies) each "
	    "worker keeps, the least recently read out first; 0 keeps none." },
	/* CFG_SANDBOX */
	{ "sandbox", "sandbox", "yes|no", CT_BOOL, 0, 1, F(sandbox), "yes",
	    "Whether each worker, once it has opened what it needs, puts "
	    "itself under a seccomp filter of the system calls serving needs "
	    "(a refused call is logged and ends the worker); no is for "
	    "debugging." },
};

const struct cfg_def *
cfgfile_def(enum cfg_key k)
{
	return &defs[k];
}

int
cfgfile_key(const char *name)
{
	int	 k;

	for (k = 0; k < CFG__MAX; k++)
		if (strcmp(name, defs[k].key) == 0)
			return k;
	return -1;
}

/* A number in base within the row's bounds: 0, or -1. */
static int
number(const struct cfg_def *d, const char *s, int base, long *out)
{
	char	*end;
	long	 v;

	if (!isdigit((unsigned char)*s))
		return -1;
	errno = 0;
	v = strtol(s, &end, base);
	if (errno != 0 || *end != '\0' || v < d->min || v > d->max)
		return -1;
	*out = v;
	return 0;
}

/* HOST:PORT, as listen.c splits it: the last colon, a host before it. */
static int
addr_ok(const char *s)
{
	const char	*colon = strrchr(s, ':');
	struct cfg_def	 port = { .min = 1, .max = 65535 };
	long		 v;

	return colon != NULL && colon != s && colon - s < 256 &&
	    strpbrk(s, " \t") == NULL && number(&port, colon + 1, 10, &v) == 0;
}

/* Comma-separated IP addresses, as req_trust() compares them. */
static int
proxies_ok(const char *s)
{
	unsigned char	 bin[sizeof(struct in6_addr)];
	char		 one[INET6_ADDRSTRLEN + 1];
	size_t		 n;

	for (;; s += n + 1) {
		n = strcspn(s, ",");
		if (n == 0 || n >= sizeof(one))
			return 0;
		memcpy(one, s, n);
		one[n] = '\0';
		if (inet_pton(AF_INET, one, bin) != 1 &&
		    inet_pton(AF_INET6, one, bin) != 1)
			return 0;
		if (s[n] == '\0')
			return 1;
	}
}

/* Letters, digits, '.', '_', '-' (what useradd takes), not first '-'. */
static int
name_ok(const char *s)
{
	for (; *s != '\0'; s++)
		if (!isalnum((unsigned char)*s) && strchr("._-", *s) == NULL)
			return 0;
	return 1;
}

/* value's rule for row d: NULL, or why not; *n the number it holds. */
static const char *
value_why(const struct cfg_def *d, const char *v, long *n)
{
	static char	 why[2][80];	/* one per numeric type */
	enum log_level	 lvl;
	const char	*p;

	*n = 0;
	if (*v == '\0')
		return "empty";
	if (*v == '"' || *v == '\'')
		return "write the value without quotes";
	for (p = v; *p != '\0'; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			return "a control character";
	if (d->type != CT_INT && d->type != CT_OCTAL && d->type != CT_LEVEL &&
	    d->type != CT_BOOL && (long)strlen(v) > d->max) {
		snprintf(why[0], sizeof(why[0]), "longer than %ld bytes",
		    d->max);
		return why[0];
	}
	switch (d->type) {
	case CT_PATH:
		return NULL;
	case CT_NAME:
		return *v != '-' && name_ok(v) ? NULL :
		    "a user or group name (letters, digits, '.', '_', '-')";
	case CT_ADDR:
		return addr_ok(v) ? NULL :
		    "HOST:PORT, the port a number from 1 to 65535";
	case CT_URL:
		return setting_check(SET_BASE_URL, v);
	case CT_INT:
		if (number(d, v, 10, n) == 0)
			return NULL;
		snprintf(why[0], sizeof(why[0]), "a number from %ld to %ld",
		    d->min, d->max);
		return why[0];
	case CT_OCTAL:
		if (number(d, v, 8, n) == 0)
			return NULL;
		snprintf(why[1], sizeof(why[1]), "octal, %lo to 0%lo (e.g. 0660)",
		    d->min, d->max);
		return why[1];
	case CT_LEVEL:
		if (log_level_parse(v, &lvl) == -1)
			return "error, warn, info or debug";
		*n = lvl;
		return NULL;
	case CT_BOOL:
		if (strcmp(v, "yes") != 0 && strcmp(v, "no") != 0)
			return "yes or no";
		*n = strcmp(v, "yes") == 0;
		return NULL;
	case CT_PROXIES:
		return proxies_ok(v) ? NULL :
		    "IP addresses separated by commas, e.g. 127.0.0.1,::1";
	}
	return "an unknown type";
}

/* A trusted proxies list without its spaces ("127.0.0.1, ::1"), so that
 * it compares with REMOTE_ADDR as req_trust() does. */
static void
squeeze(char *s)
{
	char	*o = s;

	for (; *s != '\0'; s++)
		if (*s != ' ' && *s != '\t')
			*o++ = *s;
	*o = '\0';
}

const char *
cfgfile_check(enum cfg_key k, const char *value)
{
	const char	*why;
	char		*v;
	long		 n;

	if ((v = strdup(value)) == NULL) {
		log_err("%s: out of memory", __func__);
		abort();
	}
	if (defs[k].type == CT_PROXIES)
		squeeze(v);
	why = value_why(&defs[k], v, &n);
	free(v);
	return why;
}

const char *
cfgfile_set(struct config *cfg, enum cfg_key k, const char *value)
{
	const struct cfg_def	*d = &defs[k];
	const char		*why;
	char			*v, *field = (char *)cfg + d->off;
	long			 n;

	v = arena_strdup(&cfg->mem, value);
	if (d->type == CT_PROXIES)
		squeeze(v);
	if ((why = value_why(d, v, &n)) != NULL)
		return why;
	if (d->type != CT_INT && d->type != CT_OCTAL && d->type != CT_LEVEL &&
	    d->type != CT_BOOL)
		memcpy(field, &v, sizeof(v));
	else if (d->size == sizeof(int)) {
		int	 i = (int)n;

		memcpy(field, &i, sizeof(i));
	} else {
		long long	 ll = n;

		memcpy(field, &ll, sizeof(ll));
	}
	return NULL;
}

/* One problem, one line: to out, or to the log. */
static void
say(FILE *out, const char *fmt, ...)
{
	char	 msg[1024];
	va_list	 ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (out != NULL)
		fprintf(out, "%s\n", msg);
	else
		log_err("%s", msg);
}

/* s as a message shows it: at most 60 bytes, control characters as '?'
 * (the file's text goes to a terminal or the log). */
static const char *
shown(char *buf, size_t size, const char *s)
{
	size_t	 i;

	for (i = 0; s[i] != '\0' && i + 1 < size && i < 60; i++)
		buf[i] = (unsigned char)s[i] < 0x20 || s[i] == 0x7f ? '?' : s[i];
	buf[i] = '\0';
	return buf;
}

/* The state of one file's reading. */
struct rd {
	struct config	*cfg;
	FILE		*in, *out;
	const char	*name;
	char		*buf;
	size_t		 cap;
	int		 line;		/* the line inih has now */
	int		 problems;
	int		 read_errno;	/* the file could not be read */
	int		 seen[CFG__MAX]; /* the line that set each key, or 0 */
};

/* libinih's reader: one line of the file each call, numbered here (the
 * handler of Debian's libinih gets no line number). A line inih would
 * refuse, or that we do not use (a section), is said here and handed on
 * as a blank line, so every problem is said in order with its line.
 * Leading blanks go, so no line continues the one before (inih's
 * multi-line values). */
static char *
read_line(char *str, int num, void *ctx)
{
	struct rd	*r = ctx;
	ssize_t		 n;
	char		*p, *sep, text[64];

	errno = 0;
	if ((n = getline(&r->buf, &r->cap, r->in)) == -1) {
		if (ferror(r->in))
			r->read_errno = errno != 0 ? errno : EIO;
		return NULL;
	}
	r->line++;
	p = r->buf;
	if (r->line == 1 && strncmp(p, "\xef\xbb\xbf", 3) == 0)
		p += 3, n -= 3;		/* a UTF-8 byte order mark */
	while (n > 0 && (p[n - 1] == '\n' || p[n - 1] == '\r'))
		p[--n] = '\0';
	str[0] = '\0';
	if (memchr(p, '\0', (size_t)n) != NULL) {
		say(r->out, "%s:%d: a NUL byte", r->name, r->line);
		goto bad;
	}
	if (n + 3 > num) {
		say(r->out, "%s:%d: longer than %d bytes", r->name, r->line,
		    num - 3);
		goto bad;
	}
	while (*p == ' ' || *p == '\t')
		p++;
	if (*p == '\0' || *p == '#' || *p == ';')
		return str;
	if (*p == '[') {
		say(r->out, "%s:%d: %s: the file has no sections; write every "
		    "key at the top", r->name, r->line,
		    shown(text, sizeof(text), p));
		goto bad;
	}
	/* inih's split: the first '=' or ':' before any " ;" comment. */
	for (sep = p; *sep != '\0' && *sep != '=' && *sep != ':'; sep++)
		if (*sep == ';' && sep > p && isspace((unsigned char)sep[-1]))
			break;
	if (*sep != '=' && *sep != ':') {
		say(r->out, "%s:%d: expected \"key = value\"", r->name,
		    r->line);
		goto bad;
	}
	memcpy(str, p, strlen(p));
	str[strlen(p)] = '\n';
	str[strlen(p) + 1] = '\0';
	return str;
bad:
	r->problems++;
	str[0] = '\0';
	return str;
}

static int
on_key(void *ctx, const char *section, const char *name, const char *value)
{
	struct rd	*r = ctx;
	const char	*why;
	char		 text[64];
	int		 k;

	if ((k = cfgfile_key(name)) == -1) {
		say(r->out, "%s:%d: unknown key \"%s\"", r->name, r->line,
		    shown(text, sizeof(text), name));
		r->problems++;
	} else if (r->seen[k] != 0) {
		say(r->out, "%s:%d: %s: set again (first on line %d)",
		    r->name, r->line, name, r->seen[k]);
		r->problems++;
	} else if ((why = cfgfile_set(r->cfg, k, value)) != NULL) {
		say(r->out, "%s:%d: %s: %s", r->name, r->line, name, why);
		r->problems++;
	}
	if (k != -1 && r->seen[k] == 0)
		r->seen[k] = r->line;
	return 1;
}

/* What the file says about keys together, once it is read. */
static void
file_rules(struct rd *r)
{
	if (r->seen[CFG_SOCKET] && r->seen[CFG_LISTEN]) {
		say(r->out, "%s:%d: listen: socket is set too (line %d); "
		    "one or the other", r->name, r->seen[CFG_LISTEN],
		    r->seen[CFG_SOCKET]);
		r->problems++;
	}
}

int
cfgfile_parse(struct config *cfg, FILE *in, const char *name, FILE *out)
{
	struct rd	 r;
	int		 rc;

	memset(&r, 0, sizeof(r));
	r.cfg = cfg;
	r.in = in;
	r.out = out;
	r.name = name;
	rc = ini_parse_stream(read_line, &r, on_key, &r);
	free(r.buf);
	if (r.read_errno != 0) {
		say(out, "%s: cannot read: %s", name, strerror(r.read_errno));
		return -1;
	}
	if (rc > 0 && r.problems == 0) {
		/* Nothing inih refuses should get past read_line. */
		say(out, "%s:%d: expected \"key = value\"", name, rc);
		r.problems++;
	} else if (rc < 0) {
		say(out, "%s: cannot parse (%d)", name, rc);
		r.problems++;
	}
	file_rules(&r);
	return r.problems == 0 ? 0 : -1;
}

int
cfgfile_build(struct config *cfg, const struct cfgfile_src *src)
{
	const char	*path = src->path != NULL ? src->path : CFGFILE_PATH;
	const char	*why;
	FILE		*f;
	int		 k, bad = 0;

	config_defaults(cfg);
	if ((f = fopen(path, "r")) != NULL) {
		cfg->file = arena_strdup(&cfg->mem, path);
		if (cfgfile_parse(cfg, f, path, src->out) == -1)
			bad = 1;
		fclose(f);
	} else if (src->path != NULL || errno != ENOENT) {
		say(src->out, "%s: cannot read: %s", path, strerror(errno));
		bad = 1;
	}
	/* The command line wins; an address given there replaces both. */
	if (src->flag[CFG_SOCKET] != NULL || src->flag[CFG_LISTEN] != NULL)
		cfg->socket_path = cfg->listen_addr = NULL;
	for (k = 0; k < CFG__MAX; k++) {
		if (src->flag[k] == NULL)
			continue;
		if ((why = cfgfile_set(cfg, k, src->flag[k])) != NULL) {
			say(src->out, "quire: --%s: %s", defs[k].flag, why);
			bad = 1;
		}
	}
	if (!bad && src->need_db && cfg->db_path == NULL) {
		say(src->out, "quire: no database: give --db FILE, or "
		    "database = FILE in %s", path);
		bad = 1;
	}
	if (!bad && cfg->group != NULL && cfg->user == NULL) {
		say(src->out, "%s: group goes with user",
		    src->flag[CFG_GROUP] != NULL ? "quire: --group" : path);
		bad = 1;
	}
	if (bad) {
		config_free(cfg);
		return -1;
	}
	return 0;
}

int
cfgfile_for_db(struct config *cfg, const char *path, const char *db)
{
	struct cfgfile_src	 src;

	memset(&src, 0, sizeof(src));
	src.path = path;
	src.flag[CFG_DATABASE] = db;
	src.out = stderr;
	src.need_db = 1;
	return cfgfile_build(cfg, &src);
}
