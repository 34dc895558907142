/*
 * test_golden: tests as data. Each case is compared byte for byte with a
 * file someone read and checked, and every output must also pass the
 * safety checks below whatever its golden file says.
 *
 *   tests/golden/markdown/NAME.md    Markdown in
 *   tests/golden/markdown/NAME.html  md_render() out
 *
 *   tests/golden/tmpl/NAME.html      templates, all compiled as one set with
 *                                    tmpl_set_load_dir() (so they may
 *                                    include each other, e.g. _head.html)
 *   tests/golden/tmpl/NAME.data      values for template NAME (format below)
 *   tests/golden/tmpl/NAME.out       tmpl_render() out
 *
 * On a mismatch the actual output goes to build/golden-actual/markdown/
 * NAME.html or build/golden-actual/tmpl/NAME.out, and the message gives
 * the diff command. To add a case, write the input, run the test, read
 * the actual output line by line, and copy it next to the input only if it
 * is right.
 *
 * The .data format, one value a line; blank lines and lines starting with
 * '#' are ignored:
 *
 *   PATH OP VALUE
 *
 *   PATH   names separated by '.': "title", "site.title" (maps are made
 *          as needed). A name ending in "[+]" appends a new item (a map) to
 *          the list of that name, "[]" goes into its last item:
 *            articles[+].title = First
 *            articles[].url = /2023/05/first
 *            years[].months[+].name = May
 *   OP     "="      text (TV_TEXT)
 *          "md="    Markdown, rendered by md_render() into TV_HTML
 *          "bool="  "1" or "0" (TV_BOOL)
 *          "list="  an empty list (no VALUE)
 *   VALUE  the rest of the line after one space. Escapes: \n \t \\ \xHH.
 */
#include <sys/stat.h>
#include <sys/types.h>

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <cmocka.h>

#include "arena.h"
#include "buf.h"
#include "markdown.h"
#include "req.h"
#include "tmpl.h"

#define MD_DIR		"tests/golden/markdown"
#define TMPL_DIR	"tests/golden/tmpl"
#define ACTUAL_DIR	"build/golden-actual"
#define MIN_MD		8
#define MIN_TMPL	4

struct gcase {
	char	 kind;		/* 'm' Markdown, 't' template */
	char	*name;		/* "hostile_links" */
	char	*label;		/* "markdown/hostile_links" */
};

/* Files. */

/* Reads a whole file into malloc'd memory (NUL-terminated); NULL when it
 * does not exist. */
static char *
slurp(const char *path, size_t *len)
{
	FILE	*f;
	char	*p;
	long	 n;

	if ((f = fopen(path, "rb")) == NULL)
		return NULL;
	if (fseek(f, 0, SEEK_END) != 0 || (n = ftell(f)) < 0 ||
	    fseek(f, 0, SEEK_SET) != 0)
		fail_msg("%s: cannot size", path);
	if ((p = malloc((size_t)n + 1)) == NULL)
		fail_msg("out of memory");
	if (fread(p, 1, (size_t)n, f) != (size_t)n)
		fail_msg("%s: short read", path);
	p[n] = '\0';
	fclose(f);
	*len = (size_t)n;
	return p;
}

static void
spit(const char *path, const char *data, size_t len)
{
	FILE	*f;

	if ((f = fopen(path, "wb")) == NULL ||
	    fwrite(data, 1, len, f) != len || fclose(f) != 0)
		fprintf(stderr, "# cannot write %s: %s\n", path,
		    strerror(errno));
}

static void
mkdirs(const char *sub)
{
	char	 p[256];

	(void)mkdir("build", 0755);
	(void)mkdir(ACTUAL_DIR, 0755);
	snprintf(p, sizeof(p), "%s/%s", ACTUAL_DIR, sub);
	(void)mkdir(p, 0755);
}

static const char	*unsafe(const char *, size_t);

/* Checks got for safety, then compares it with the golden file. On either
 * failure writes got out and fails with a message that says where they
 * part and how to see it. */
static void
compare(const char *golden, const char *sub, const char *file,
    const char *got, size_t glen)
{
	char		 actual[512];
	char		*want;
	const char	*why;
	size_t		 wlen, i, line = 1;

	why = unsafe(got, glen);
	want = slurp(golden, &wlen);
	if (why == NULL && want != NULL && wlen == glen &&
	    memcmp(want, got, glen) == 0) {
		free(want);
		return;
	}
	mkdirs(sub);
	snprintf(actual, sizeof(actual), "%s/%s/%s", ACTUAL_DIR, sub, file);
	spit(actual, got, glen);
	if (why != NULL) {
		free(want);
		fail_msg("%s/%s: unsafe output (%s); the output is in %s",
		    sub, file, why, actual);
	}
	if (want == NULL)
		fail_msg("%s: missing; the output is in %s (read it before "
		    "copying it there)", golden, actual);
	for (i = 0; i < wlen && i < glen && want[i] == got[i]; i++)
		if (want[i] == '\n')
			line++;
	free(want);
	fail_msg("%s differs from the output at byte %zu (line %zu); "
	    "the output is in %s:\n#   diff -u %s %s", golden, i, line, actual,
	    golden, actual);
}

/* Safety checks every output passes, golden file or not: a small HTML
 * tag scanner, independent of the escapers it checks. */

/* Why the value of a URL attribute (v, len bytes, as written between the
 * quotes) is unsafe, or NULL. Entities are decoded the way a browser
 * would; only those our escapers write are expected. */
static const char *
url_unsafe(const char *v, size_t len)
{
	static const struct {
		const char	*ent;
		char		 c;
	} ents[] = {
		{ "&amp;", '&' }, { "&quot;", '"' }, { "&lt;", '<' },
		{ "&gt;", '>' }, { "&#39;", '\'' }, { "&#x27;", '\'' },
	};
	char	 u[64];
	size_t	 i, k, n = 0, e;

	for (i = 0; i < len && n + 1 < sizeof(u); i++) {
		if (v[i] == '&') {
			for (e = 0; e < sizeof(ents) / sizeof(ents[0]); e++) {
				k = strlen(ents[e].ent);
				if (len - i >= k &&
				    strncmp(v + i, ents[e].ent, k) == 0)
					break;
			}
			if (e == sizeof(ents) / sizeof(ents[0]))
				return "unexpected entity in a URL";
			u[n++] = ents[e].c;
			i += strlen(ents[e].ent) - 1;
			continue;
		}
		/* Browsers drop leading spaces and controls and any tab or
		 * newline inside. */
		if ((unsigned char)v[i] <= 0x20 || v[i] == 0x7f)
			continue;
		u[n++] = v[i];
	}
	u[n] = '\0';
	/* A scheme is a letter then letters, digits, '+', '-' or '.' up to
	 * a ':'; anything else makes the URL relative. */
	for (i = 0; i < n; i++) {
		if (u[i] == ':')
			break;
		if (!((u[i] >= 'a' && u[i] <= 'z') ||
		    (u[i] >= 'A' && u[i] <= 'Z') || (i > 0 &&
		    ((u[i] >= '0' && u[i] <= '9') || u[i] == '+' ||
		    u[i] == '-' || u[i] == '.'))))
			return NULL;
	}
	if (i == n)
		return NULL;
	if ((i == 4 && strncasecmp(u, "http", 4) == 0) ||
	    (i == 5 && strncasecmp(u, "https", 5) == 0) ||
	    (i == 6 && strncasecmp(u, "mailto", 6) == 0) ||
	    strncasecmp(u, "data:image/", 11) == 0)
		return NULL;
	return "URL with an unsafe scheme";
}

static int
is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

/* Why s is unsafe HTML, or NULL. */
static const char *
unsafe(const char *s, size_t len)
{
	const char	*p, *name, *val, *why;
	size_t		 nlen, vlen;

	if (!req_text_valid(s, len))
		return "not valid UTF-8";
	if (strcasestr(s, "<script") != NULL)
		return "a <script> survived";
	for (p = s; (p = strchr(p, '<')) != NULL; ) {
		p++;
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z')))
			continue;
		while ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || *p == '-')
			p++;
		for (;;) {
			while (is_space(*p) || *p == '/')
				p++;
			if (*p == '>' || *p == '\0')
				break;
			name = p;
			while (*p != '\0' && !is_space(*p) && *p != '=' &&
			    *p != '>' && *p != '/')
				p++;
			nlen = (size_t)(p - name);
			if (nlen >= 2 && strncasecmp(name, "on", 2) == 0)
				return "an event handler attribute";
			while (is_space(*p))
				p++;
			if (*p != '=')
				continue;
			p++;
			while (is_space(*p))
				p++;
			if (*p == '"' || *p == '\'') {
				val = p + 1;
				if ((p = strchr(val, *p)) == NULL)
					return "an unclosed attribute value";
				vlen = (size_t)(p - val);
				p++;
			} else {
				val = p;
				while (*p != '\0' && !is_space(*p) && *p != '>')
					p++;
				vlen = (size_t)(p - val);
			}
			if (((nlen == 4 && strncasecmp(name, "href", 4) == 0) ||
			    (nlen == 3 && strncasecmp(name, "src", 3) == 0) ||
			    (nlen == 6 && strncasecmp(name, "action", 6) == 0)) &&
			    (why = url_unsafe(val, vlen)) != NULL)
				return why;
		}
	}
	return NULL;
}

/* Markdown cases. */

static void
markdown_case(void **state)
{
	const struct gcase	*c = *state;
	struct arena		 a;
	struct safe_html	 h;
	char			 path[512], file[300];
	char			*in;
	size_t			 len;

	arena_init(&a);
	snprintf(path, sizeof(path), "%s/%s.md", MD_DIR, c->name);
	if ((in = slurp(path, &len)) == NULL)
		fail_msg("%s: cannot read", path);
	assert_int_equal(md_render(&a, in, len, &h), 0);
	free(in);
	snprintf(path, sizeof(path), "%s/%s.html", MD_DIR, c->name);
	snprintf(file, sizeof(file), "%s.html", c->name);
	compare(path, "markdown", file, h.s, h.len);
	arena_free(&a);
}

/* Template cases: the .data parser. */

/* What a (parent, name) resolved to, since a map's pairs are opaque. */
struct ent {
	const struct tv	*parent;
	const char	*key;
	struct tv	*child;
	struct ent	*next;
};

struct dataparse {
	struct arena	*a;
	struct ent	*ents;
	const char	*file;
	int		 line;
};

static struct tv *
child(struct dataparse *d, struct tv *parent, const char *key,
    enum tv_type type)
{
	struct ent	*e;

	for (e = d->ents; e != NULL; e = e->next)
		if (e->parent == parent && strcmp(e->key, key) == 0) {
			if (e->child->type != type)
				fail_msg("%s:%d: \"%s\" used as two types",
				    d->file, d->line, key);
			return e->child;
		}
	e = arena_alloc(d->a, sizeof(*e));
	e->parent = parent;
	e->key = key;
	e->child = type == TV_LIST ? tv_list(d->a) : tv_map(d->a);
	e->next = d->ents;
	d->ents = e;
	tv_set(d->a, parent, key, e->child);
	return e->child;
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

/* Undoes the escapes of s into the arena; *len gets the length. */
static char *
unescape(struct dataparse *d, const char *s, size_t *len)
{
	char	*out;
	size_t	 i, o = 0;
	int	 hi, lo;

	out = arena_alloc(d->a, strlen(s) + 1);
	for (i = 0; s[i] != '\0'; i++) {
		if (s[i] != '\\') {
			out[o++] = s[i];
			continue;
		}
		switch (s[++i]) {
		case 'n': out[o++] = '\n'; break;
		case 't': out[o++] = '\t'; break;
		case '\\': out[o++] = '\\'; break;
		case 'x':
			if ((hi = hexval(s[i + 1])) == -1 ||
			    (lo = hexval(s[i + 2])) == -1)
				fail_msg("%s:%d: bad \\x escape", d->file,
				    d->line);
			out[o++] = (char)(hi << 4 | lo);
			i += 2;
			break;
		default:
			fail_msg("%s:%d: unknown escape", d->file, d->line);
		}
	}
	out[o] = '\0';
	*len = o;
	return out;
}

static void
data_line(struct dataparse *d, struct tv *root, char *line)
{
	struct tv		*cur = root, *list;
	struct safe_html	 h;
	char			*path, *op, *val, *seg, *dot, *v;
	size_t			 n, vlen;

	path = line;
	if ((op = strchr(path, ' ')) == NULL)
		fail_msg("%s:%d: no operator", d->file, d->line);
	*op++ = '\0';
	if ((val = strchr(op, ' ')) != NULL)
		*val++ = '\0';
	else
		val = "";

	/* Every segment but the last leads to a map. */
	for (seg = path; (dot = strchr(seg, '.')) != NULL; seg = dot + 1) {
		*dot = '\0';
		n = strlen(seg);
		if (n > 3 && strcmp(seg + n - 3, "[+]") == 0) {
			seg[n - 3] = '\0';
			list = child(d, cur, arena_strdup(d->a, seg), TV_LIST);
			cur = tv_list_add(d->a, list);
		} else if (n > 2 && strcmp(seg + n - 2, "[]") == 0) {
			seg[n - 2] = '\0';
			list = child(d, cur, arena_strdup(d->a, seg), TV_LIST);
			if ((cur = list->last) == NULL)
				fail_msg("%s:%d: \"%s[]\" has no item yet",
				    d->file, d->line, seg);
		} else if (n > 0)
			cur = child(d, cur, arena_strdup(d->a, seg), TV_MAP);
		else
			fail_msg("%s:%d: empty name", d->file, d->line);
	}
	if (*seg == '\0' || strchr(seg, '[') != NULL)
		fail_msg("%s:%d: bad last name \"%s\"", d->file, d->line, seg);
	seg = arena_strdup(d->a, seg);

	v = unescape(d, val, &vlen);
	if (strcmp(op, "=") == 0)
		tv_textn(d->a, cur, seg, v, vlen);
	else if (strcmp(op, "md=") == 0) {
		assert_int_equal(md_render(d->a, v, vlen, &h), 0);
		tv_html(d->a, cur, seg, h);
	} else if (strcmp(op, "bool=") == 0) {
		if (strcmp(v, "1") != 0 && strcmp(v, "0") != 0)
			fail_msg("%s:%d: bool= wants 1 or 0", d->file, d->line);
		tv_bool(d->a, cur, seg, *v == '1');
	} else if (strcmp(op, "list=") == 0 && vlen == 0)
		(void)child(d, cur, seg, TV_LIST);
	else
		fail_msg("%s:%d: bad operator \"%s\"", d->file, d->line, op);
}

static struct tv *
data_load(struct arena *a, const char *path)
{
	struct dataparse	 d;
	struct tv		*root;
	char			*text, *line, *nl;
	size_t			 len;

	if ((text = slurp(path, &len)) == NULL)
		fail_msg("%s: cannot read", path);
	if (memchr(text, '\0', len) != NULL)
		fail_msg("%s: NUL byte (write \\x00)", path);
	memset(&d, 0, sizeof(d));
	d.a = a;
	d.file = path;
	root = tv_map(a);
	for (line = text; *line != '\0'; line = nl) {
		d.line++;
		if ((nl = strchr(line, '\n')) != NULL)
			*nl++ = '\0';
		else
			nl = line + strlen(line);
		if (*line == '\0' || *line == '#')
			continue;
		data_line(&d, root, line);
	}
	free(text);
	return root;
}

static void
tmpl_case(void **state)
{
	const struct gcase	*c = *state;
	struct tmpl_set		*set;
	struct arena		 a;
	struct tv		*root;
	struct buf		 out;
	char			 path[512], file[300];
	int			 idx;

	arena_init(&a);
	if ((set = tmpl_set_load_dir(TMPL_DIR)) == NULL)
		fail_msg("%s: templates do not compile", TMPL_DIR);
	if ((idx = tmpl_find(set, c->name)) < 0)
		fail_msg("%s/%s.data: no template %s.html", TMPL_DIR, c->name,
		    c->name);
	snprintf(path, sizeof(path), "%s/%s.data", TMPL_DIR, c->name);
	root = data_load(&a, path);
	buf_init(&out);
	assert_int_equal(tmpl_render(set, idx, root, &out), 0);
	buf_putc(&out, '\0');	/* data is NULL when empty */
	out.len--;
	snprintf(path, sizeof(path), "%s/%s.out", TMPL_DIR, c->name);
	snprintf(file, sizeof(file), "%s.out", c->name);
	compare(path, "tmpl", file, out.data, out.len);
	buf_free(&out);
	tmpl_set_free(set);
	arena_free(&a);
}

/* Discovery. */

static struct gcase	*cases;
static size_t		 ncases, nmd, ntmpl;

static int
by_name(const void *x, const void *y)
{
	return strcmp(((const struct gcase *)x)->name,
	    ((const struct gcase *)y)->name);
}

/* Adds a case for every file in dir ending in ext, sorted by name. */
static size_t
collect(const char *dir, const char *ext, char kind, const char *sub)
{
	DIR		*d;
	struct dirent	*e;
	size_t		 n, elen = strlen(ext), first = ncases;
	struct gcase	*c;

	if ((d = opendir(dir)) == NULL) {
		fprintf(stderr, "# %s: %s\n", dir, strerror(errno));
		return 0;
	}
	while ((e = readdir(d)) != NULL) {
		n = strlen(e->d_name);
		if (e->d_name[0] == '.' || n <= elen ||
		    strcmp(e->d_name + n - elen, ext) != 0)
			continue;
		if ((cases = realloc(cases, (ncases + 1) * sizeof(*c))) == NULL)
			abort();
		c = &cases[ncases++];
		c->kind = kind;
		if ((c->name = strndup(e->d_name, n - elen)) == NULL ||
		    asprintf(&c->label, "%s/%s", sub, c->name) == -1)
			abort();
	}
	closedir(d);
	qsort(cases + first, ncases - first, sizeof(*cases), by_name);
	return ncases - first;
}

/* Guards against an empty or misplaced directory passing vacuously. */
static void
cases_present(void **state)
{
	if (nmd < MIN_MD)
		fail_msg("%zu Markdown cases in %s, want at least %d", nmd,
		    MD_DIR, MIN_MD);
	if (ntmpl < MIN_TMPL)
		fail_msg("%zu template cases in %s, want at least %d", ntmpl,
		    TMPL_DIR, MIN_TMPL);
}

/* The safety checks themselves catch what they are meant to, and pass
 * what the escapers rightly write. */
static void
checks_catch(void **state)
{
	static const char *const bad[] = {
		"<p><script>alert(1)</script></p>",
		"<p><SCRIPT src=x></SCRIPT></p>",
		"<a href=\"javascript:alert(1)\">",
		"<a HREF=\"JavaScript:alert(1)\">",
		"<a href=\" javascript:alert(1)\">",
		"<a href=\"java\tscript:alert(1)\">",
		"<a href=\"&#106;avascript:alert(1)\">",
		"<a href='vbscript:x'>",
		"<a href=javascript:alert(1)>",
		"<iframe src=\"data:text/html,x\">",
		"<img src=x onerror=alert(1)>",
		"<a href=\"/\" onmouseover=\"alert(1)\">",
		"<svg/onload=alert(1)>",
		"<a title=\"x\"onclick=\"y\">",
		"ok \xff",
	};
	static const char *const good[] = {
		"<p>a &lt;script&gt; b</p>",
		"<a href=\"/x\" title=\"t&quot; onmouseover=&quot;alert(1)\">x</a>",
		"<a href=\"http://a/%22%20onmouseover=%22x\">u</a>",
		"<a href=\"\">blanked</a> <a href=\"#\">refused</a>",
		"<a href=\"https://example.org/?a=1&amp;b=&#x27;2&#39;\">",
		"<img src=\"data:image/png;base64,AAA\" alt=\"i\" />",
		"<!-- raw HTML omitted --><br />",
		"<p>onion=1 on=2 <b>x</b></p>",
		"<a href=\"mailto:a@example.org\">",
		"<a href=\"java%09script:x\">h</a>",
	};
	size_t	 i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (unsafe(bad[i], strlen(bad[i])) == NULL)
			fail_msg("passed as safe: %s", bad[i]);
	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++)
		if (unsafe(good[i], strlen(good[i])) != NULL)
			fail_msg("flagged (%s): %s", unsafe(good[i],
			    strlen(good[i])), good[i]);
}

int
main(void)
{
	struct CMUnitTest	*tests;
	size_t			 i;
	int			 rc;

	nmd = collect(MD_DIR, ".md", 'm', "markdown");
	ntmpl = collect(TMPL_DIR, ".data", 't', "tmpl");
	if ((tests = calloc(ncases + 2, sizeof(*tests))) == NULL)
		abort();
	tests[0].name = "cases_present";
	tests[0].test_func = cases_present;
	tests[1].name = "checks_catch";
	tests[1].test_func = checks_catch;
	for (i = 0; i < ncases; i++) {
		tests[i + 2].name = cases[i].label;
		tests[i + 2].test_func = cases[i].kind == 'm' ?
		    markdown_case : tmpl_case;
		tests[i + 2].initial_state = &cases[i];
	}
	rc = _cmocka_run_group_tests("golden", tests, ncases + 2, NULL, NULL);
	for (i = 0; i < ncases; i++) {
		free(cases[i].name);
		free(cases[i].label);
	}
	free(cases);
	free(tests);
	return rc;
}
