/*
 * tmpl: compiles templates into a tree of nodes at start-up and renders the
 * tree against a struct tv. No allocation while rendering except into the
 * output buffer.
 */
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tmpl.h"
#include "log.h"

#define MAX_PATH_SEGS	8
#define MAX_DEPTH	16	/* includes and blocks nested at render time */
#define MAX_TEMPLATES	128
#define MAX_FILE	(1024 * 1024)

enum node_type {
	N_TEXT,		/* literal template text */
	N_VAR,		/* {{ path | filter }} */
	N_IF,		/* {{#if path}} */
	N_UNLESS,	/* {{#unless path}} */
	N_EACH,		/* {{#each path}} */
	N_INCLUDE,	/* {{> name}} */
};

enum filter {
	F_NONE,
	F_URL,
	F_PCT,
};

struct node {
	enum node_type	 type;
	const char	*text;		/* N_TEXT: into the template source */
	size_t		 len;
	const char	*path[MAX_PATH_SEGS];
	size_t		 npath;
	enum filter	 filter;
	struct node	*body;		/* N_IF, N_UNLESS, N_EACH */
	struct node	*alt;		/* their {{else}} part */
	const char	*incl;		/* N_INCLUDE: template name */
	int		 incl_idx;	/* resolved after all are loaded */
	int		 line;
	struct node	*next;
};

struct tmpl {
	const char	*name;		/* "article" */
	const char	*file;		/* for error messages */
	struct node	*root;
};

struct tmpl_set {
	struct arena	 mem;		/* every node, name and source */
	unsigned long long fingerprint;	/* FNV-1a of names and sources */
	struct tmpl	 t[MAX_TEMPLATES];
	size_t		 n;
};

/* Value trees. */

static struct tv *
tv_new(struct arena *a, enum tv_type type)
{
	struct tv	*v;

	v = arena_calloc(a, 1, sizeof(*v));
	v->type = type;
	return v;
}

struct tv_pair {
	const char	*key;
	struct tv	*val;
	struct tv_pair	*next;
};

struct tv *
tv_map(struct arena *a)
{
	return tv_new(a, TV_MAP);
}

struct tv *
tv_list(struct arena *a)
{
	return tv_new(a, TV_LIST);
}

struct tv *
tv_list_add(struct arena *a, struct tv *list)
{
	struct tv	*m;

	m = tv_map(a);
	if (list->last != NULL)
		list->last->next = m;
	else
		list->first = m;
	list->last = m;
	list->n++;
	return m;
}

void
tv_set(struct arena *a, struct tv *map, const char *key, struct tv *val)
{
	struct tv_pair	*p;

	/* Setting a key again replaces its value. */
	for (p = map->head; p != NULL; p = p->next)
		if (strcmp(p->key, key) == 0) {
			p->val = val;
			return;
		}
	p = arena_alloc(a, sizeof(*p));
	p->key = key;
	p->val = val;
	p->next = NULL;
	if (map->tail != NULL)
		map->tail->next = p;
	else
		map->head = p;
	map->tail = p;
}

void
tv_textn(struct arena *a, struct tv *map, const char *key, const char *s,
    size_t len)
{
	struct tv	*v;

	v = tv_new(a, TV_TEXT);
	v->s = s != NULL ? s : "";
	v->len = s != NULL ? len : 0;
	tv_set(a, map, key, v);
}

void
tv_text(struct arena *a, struct tv *map, const char *key, const char *s)
{
	tv_textn(a, map, key, s, s != NULL ? strlen(s) : 0);
}

void
tv_int(struct arena *a, struct tv *map, const char *key, long long i)
{
	tv_text(a, map, key, arena_printf(a, "%lld", i));
}

void
tv_html(struct arena *a, struct tv *map, const char *key, struct safe_html h)
{
	struct tv	*v;

	v = tv_new(a, TV_HTML);
	v->s = h.s != NULL ? h.s : "";
	v->len = h.s != NULL ? h.len : 0;
	tv_set(a, map, key, v);
}

void
tv_bool(struct arena *a, struct tv *map, const char *key, int b)
{
	struct tv	*v;

	v = tv_new(a, TV_BOOL);
	v->b = b != 0;
	tv_set(a, map, key, v);
}

/* Compilation. */

enum term {
	TERM_EOF,
	TERM_ELSE,
	TERM_CLOSE,
};

struct parser {
	struct arena	*a;
	const char	*file;
	const char	*src;
	size_t		 pos, len;
	int		 line;
	int		 depth;		/* blocks open at pos */
};

static int
perr(const struct parser *p, int line, const char *msg, const char *arg)
{
	log_err("%s:%d: %s%s", p->file, line, msg, arg != NULL ? arg : "");
	return -1;
}

static int
is_name_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || c == '_' || c == '-' || c == '/';
}

/* Split "a.b.c" into n's path; returns -1 on a malformed path. */
static int
parse_path(struct parser *p, struct node *n, const char *s, size_t len)
{
	size_t	 i, start = 0;

	if (len == 0)
		return perr(p, n->line, "missing name", NULL);
	for (i = 0; i <= len; i++) {
		if (i < len && s[i] != '.') {
			if (!is_name_char(s[i]) || s[i] == '/' || s[i] == '-')
				return perr(p, n->line, "bad name: ",
				    arena_strndup(p->a, s, len));
			continue;
		}
		if (i == start || n->npath == MAX_PATH_SEGS)
			return perr(p, n->line, "bad name: ",
			    arena_strndup(p->a, s, len));
		n->path[n->npath++] = arena_strndup(p->a, s + start, i - start);
		start = i + 1;
	}
	return 0;
}

static void
trim(const char **s, size_t *len)
{
	while (*len > 0 && (**s == ' ' || **s == '\t' || **s == '\n')) {
		(*s)++;
		(*len)--;
	}
	while (*len > 0 && ((*s)[*len - 1] == ' ' || (*s)[*len - 1] == '\t' ||
	    (*s)[*len - 1] == '\n'))
		(*len)--;
}

static int
starts(const char *s, size_t len, const char *word)
{
	size_t	n = strlen(word);

	return len >= n && memcmp(s, word, n) == 0;
}

static int	parse_list(struct parser *, const char *, int, struct node **,
		    enum term *, int *);

/* Parses the tag body (between the braces) at line into *out (NULL for a
 * comment), or reports the end of the enclosing block in *term. */
static int
parse_tag(struct parser *p, const char *s, size_t len, int line,
    struct node **out, enum term *term)
{
	struct node	*n;
	const char	*bar, *kw;
	size_t		 plen;
	enum term	 t;
	int		 endline;

	*out = NULL;
	*term = TERM_EOF;
	trim(&s, &len);
	if (len > 0 && s[0] == '!')
		return 0;
	if (len == 4 && memcmp(s, "else", 4) == 0) {
		*term = TERM_ELSE;
		return 0;
	}
	if (len > 0 && s[0] == '/') {
		*term = TERM_CLOSE;
		return 0;
	}

	n = arena_calloc(p->a, 1, sizeof(*n));
	n->line = line;
	n->incl_idx = -1;
	*out = n;

	if (len > 0 && s[0] == '>') {
		s++, len--;
		trim(&s, &len);
		if (len == 0)
			return perr(p, line, "include without a name", NULL);
		for (plen = 0; plen < len; plen++)
			if (!is_name_char(s[plen]))
				return perr(p, line, "bad template name: ",
				    arena_strndup(p->a, s, len));
		n->type = N_INCLUDE;
		n->incl = arena_strndup(p->a, s, len);
		return 0;
	}

	if (len > 0 && s[0] == '#') {
		if (starts(s, len, "#if ")) {
			n->type = N_IF;
			kw = "if";
		} else if (starts(s, len, "#unless ")) {
			n->type = N_UNLESS;
			kw = "unless";
		} else if (starts(s, len, "#each ")) {
			n->type = N_EACH;
			kw = "each";
		} else
			return perr(p, line, "unknown block: ",
			    arena_strndup(p->a, s, len));
		plen = strlen(kw) + 2;
		s += plen, len -= plen;
		trim(&s, &len);
		if (parse_path(p, n, s, len) == -1)
			return -1;
		/* Bounded like rendering, so a template cannot exhaust
		 * the stack of the parser either. */
		if (++p->depth > MAX_DEPTH)
			return perr(p, line, "blocks nested deeper than ",
			    arena_printf(p->a, "%d", MAX_DEPTH));
		if (parse_list(p, kw, line, &n->body, &t, &endline) == -1)
			return -1;
		if (t == TERM_ELSE &&
		    parse_list(p, kw, line, &n->alt, &t, &endline) == -1)
			return -1;
		p->depth--;
		if (t == TERM_ELSE)
			return perr(p, endline, "second {{else}} in one block",
			    NULL);
		return 0;
	}

	n->type = N_VAR;
	if ((bar = memchr(s, '|', len)) != NULL) {
		const char	*f = bar + 1;
		size_t		 flen = len - (size_t)(f - s);

		trim(&f, &flen);
		if (flen == 3 && memcmp(f, "url", 3) == 0)
			n->filter = F_URL;
		else if (flen == 3 && memcmp(f, "pct", 3) == 0)
			n->filter = F_PCT;
		else
			return perr(p, line, "unknown filter: ",
			    arena_strndup(p->a, f, flen));
		len = (size_t)(bar - s);
		trim(&s, &len);
	}
	return parse_path(p, n, s, len);
}

static void
count_lines(struct parser *p, size_t from, size_t to)
{
	for (; from < to; from++)
		if (p->src[from] == '\n')
			p->line++;
}

/*
 * Parses nodes until the end of input or, inside a block (kw != NULL), until
 * its {{else}} or {{/kw}}. Reports which in *term and the line in *endline.
 */
static int
parse_list(struct parser *p, const char *kw, int openline, struct node **out,
    enum term *term, int *endline)
{
	struct node	**tail = out, *n;
	const char	 *open, *close, *tag;
	size_t		  start, taglen;
	enum term	  t;
	int		  line;

	*out = NULL;
	for (;;) {
		start = p->pos;
		open = memmem(p->src + start, p->len - start, "{{", 2);
		if (open == NULL || open != p->src + start) {
			/* Literal text up to the next tag or the end. */
			size_t end = open != NULL ?
			    (size_t)(open - p->src) : p->len;

			if (end > start) {
				n = arena_calloc(p->a, 1, sizeof(*n));
				n->type = N_TEXT;
				n->text = p->src + start;
				n->len = end - start;
				n->line = p->line;
				*tail = n;
				tail = &n->next;
				count_lines(p, start, end);
				p->pos = end;
			}
			if (open == NULL) {
				if (kw != NULL)
					return perr(p, openline, "unclosed {{#",
					    arena_printf(p->a, "%s}}", kw));
				*term = TERM_EOF;
				*endline = p->line;
				return 0;
			}
			continue;
		}
		line = p->line;
		tag = open + 2;
		close = memmem(tag, p->len - (size_t)(tag - p->src), "}}", 2);
		if (close == NULL)
			return perr(p, line, "unclosed {{", NULL);
		taglen = (size_t)(close - tag);
		if (memmem(tag, taglen, "{{", 2) != NULL)
			return perr(p, line, "{{ inside a tag", NULL);
		count_lines(p, start, (size_t)(close + 2 - p->src));
		p->pos = (size_t)(close + 2 - p->src);
		if (parse_tag(p, tag, taglen, line, &n, &t) == -1)
			return -1;
		if (n != NULL) {
			*tail = n;
			tail = &n->next;
			continue;
		}
		if (t == TERM_EOF)
			continue;	/* a comment */
		if (kw == NULL)
			return perr(p, line, t == TERM_ELSE ?
			    "{{else}} outside a block" : "close without open",
			    NULL);
		if (t == TERM_CLOSE) {
			const char *c = tag;
			size_t clen = taglen;

			trim(&c, &clen);
			if (clen != strlen(kw) + 1 ||
			    memcmp(c + 1, kw, clen - 1) != 0)
				return perr(p, line, "mismatched close, expected {{/",
				    arena_printf(p->a, "%s}} for line %d", kw,
				    openline));
		}
		*term = t;
		*endline = line;
		return 0;
	}
}

static unsigned long long
fnv(unsigned long long h, const char *p, size_t n)
{
	while (n-- > 0) {
		h ^= (unsigned char)*p++;
		h *= 0x100000001b3ULL;
	}
	return h;
}

unsigned long long
tmpl_set_fingerprint(const struct tmpl_set *set)
{
	return set->fingerprint;
}

static struct tmpl_set *
set_new(void)
{
	struct tmpl_set	*set;

	if ((set = calloc(1, sizeof(*set))) == NULL) {
		log_err("%s: out of memory", __func__);
		abort();
	}
	arena_init(&set->mem);
	set->fingerprint = 0xcbf29ce484222325ULL;
	return set;
}

void
tmpl_set_free(struct tmpl_set *set)
{
	if (set == NULL)
		return;
	arena_free(&set->mem);
	free(set);
}

/* Compile one template; name is "article.html" or "admin/login.html". */
static int
set_add(struct tmpl_set *set, const char *label, const char *name,
    const char *data, size_t len)
{
	struct parser	 p;
	struct tmpl	*t;
	enum term	 term;
	size_t		 nlen = strlen(name);
	int		 endline;

	if (set->n == MAX_TEMPLATES) {
		log_err("%s: more than %d templates", label, MAX_TEMPLATES);
		return -1;
	}
	t = &set->t[set->n];
	t->name = arena_strndup(&set->mem, name, nlen - strlen(".html"));
	t->file = arena_printf(&set->mem, "%s/%s", label, name);
	memset(&p, 0, sizeof(p));
	p.a = &set->mem;
	p.file = t->file;
	p.src = arena_strndup(&set->mem, data, len);
	p.len = len;
	p.line = 1;
	if (memchr(data, '\0', len) != NULL) {
		log_err("%s: NUL byte in template", t->file);
		return -1;
	}
	if (parse_list(&p, NULL, 1, &t->root, &term, &endline) == -1)
		return -1;
	set->fingerprint = fnv(fnv(set->fingerprint, name, nlen + 1), data, len);
	set->n++;
	return 0;
}

static int
resolve_list(struct tmpl_set *set, const struct tmpl *t, struct node *n)
{
	for (; n != NULL; n = n->next) {
		if (n->type == N_INCLUDE &&
		    (n->incl_idx = tmpl_find(set, n->incl)) == -1) {
			log_err("%s:%d: no template named \"%s\"", t->file,
			    n->line, n->incl);
			return -1;
		}
		if (resolve_list(set, t, n->body) == -1 ||
		    resolve_list(set, t, n->alt) == -1)
			return -1;
	}
	return 0;
}

static int
set_link(struct tmpl_set *set)
{
	size_t	 i;

	for (i = 0; i < set->n; i++)
		if (resolve_list(set, &set->t[i], set->t[i].root) == -1)
			return -1;
	return 0;
}

static int
ends_with_html(const char *s)
{
	size_t	 n = strlen(s);

	return n > 5 && strcmp(s + n - 5, ".html") == 0;
}

struct tmpl_set *
tmpl_set_load_mem(const struct embed_file *src, size_t n, const char *label)
{
	struct tmpl_set	*set;
	size_t		 i;

	set = set_new();
	for (i = 0; i < n; i++) {
		if (!ends_with_html(src[i].name))
			continue;
		if (set_add(set, label, src[i].name, src[i].data,
		    src[i].len) == -1)
			goto fail;
	}
	if (set_link(set) == -1)
		goto fail;
	return set;
fail:
	tmpl_set_free(set);
	return NULL;
}

static int
read_file(const char *path, char **data, size_t *len)
{
	FILE		*f;
	struct stat	 st;
	int		 rc = -1;

	*data = NULL;
	if ((f = fopen(path, "rb")) == NULL) {
		log_err("%s: %s", path, strerror(errno));
		return -1;
	}
	if (fstat(fileno(f), &st) == -1 || st.st_size > MAX_FILE) {
		log_err("%s: unreadable or larger than %d bytes", path, MAX_FILE);
		goto out;
	}
	*len = (size_t)st.st_size;
	if ((*data = malloc(*len + 1)) == NULL) {
		log_err("%s: out of memory", __func__);
		abort();
	}
	if (fread(*data, 1, *len, f) != *len) {
		log_err("%s: short read", path);
		goto out;
	}
	rc = 0;
out:
	if (rc == -1) {
		free(*data);
		*data = NULL;
	}
	fclose(f);
	return rc;
}

/* Adds every *.html under dir/sub (sub is "" at the top). */
static int
load_tree(struct tmpl_set *set, const char *dir, const char *sub, int depth)
{
	DIR		*d;
	struct dirent	*e;
	struct stat	 st;
	char		 path[4096], name[512], *data;
	size_t		 len;
	int		 rc = -1, n;

	n = snprintf(path, sizeof(path), "%s%s%s", dir, *sub ? "/" : "", sub);
	if (n < 0 || (size_t)n >= sizeof(path) || depth > 4) {
		log_err("%s: path too long or too deep", dir);
		return -1;
	}
	if ((d = opendir(path)) == NULL) {
		log_err("%s: %s", path, strerror(errno));
		return -1;
	}
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		n = snprintf(name, sizeof(name), "%s%s%s", sub, *sub ? "/" : "",
		    e->d_name);
		if (n < 0 || (size_t)n >= sizeof(name)) {
			log_err("%s/%s: name too long", path, e->d_name);
			goto out;
		}
		n = snprintf(path, sizeof(path), "%s/%s", dir, name);
		if (n < 0 || (size_t)n >= sizeof(path) || stat(path, &st) == -1) {
			log_err("%s/%s: cannot stat", dir, name);
			goto out;
		}
		if (S_ISDIR(st.st_mode)) {
			if (load_tree(set, dir, name, depth + 1) == -1)
				goto out;
			continue;
		}
		if (!S_ISREG(st.st_mode) || !ends_with_html(name))
			continue;
		if (read_file(path, &data, &len) == -1)
			goto out;
		n = set_add(set, dir, name, data, len);
		free(data);
		if (n == -1)
			goto out;
	}
	rc = 0;
out:
	closedir(d);
	return rc;
}

struct tmpl_set *
tmpl_set_load_dir(const char *dir)
{
	struct tmpl_set	*set;

	set = set_new();
	if (load_tree(set, dir, "", 0) == -1 || set_link(set) == -1) {
		tmpl_set_free(set);
		return NULL;
	}
	return set;
}

int
tmpl_find(const struct tmpl_set *set, const char *name)
{
	size_t	 i;

	for (i = 0; i < set->n; i++)
		if (strcmp(set->t[i].name, name) == 0)
			return (int)i;
	return -1;
}

/* Rendering. */

struct scope {
	const struct tv		*map;
	const struct scope	*up;
};

static const struct tv *
map_get(const struct tv *map, const char *key)
{
	const struct tv_pair	*p;

	if (map == NULL || map->type != TV_MAP)
		return NULL;
	for (p = map->head; p != NULL; p = p->next)
		if (strcmp(p->key, key) == 0)
			return p->val;
	return NULL;
}

static const struct tv *
lookup(const struct scope *sc, const struct node *n)
{
	const struct tv	*v = NULL;
	size_t		 i;

	for (; sc != NULL; sc = sc->up)
		if ((v = map_get(sc->map, n->path[0])) != NULL)
			break;
	for (i = 1; v != NULL && i < n->npath; i++)
		v = map_get(v, n->path[i]);
	return v;
}

static int
truthy(const struct tv *v)
{
	if (v == NULL)
		return 0;
	switch (v->type) {
	case TV_TEXT:
	case TV_HTML:
		return v->len > 0;
	case TV_BOOL:
		return v->b;
	case TV_LIST:
		return v->n > 0;
	case TV_MAP:
		return 1;
	default:
		return 0;
	}
}

static int
render_list(const struct tmpl_set *set, const struct tmpl *t,
    const struct node *n, const struct scope *sc, struct buf *out, int depth)
{
	const struct tv	*v, *item;
	struct scope	 inner;

	if (depth > MAX_DEPTH) {
		log_err("%s:%d: templates nested deeper than %d", t->file,
		    n != NULL ? n->line : 0, MAX_DEPTH);
		return -1;
	}
	for (; n != NULL; n = n->next) {
		switch (n->type) {
		case N_TEXT:
			buf_put(out, n->text, n->len);
			break;
		case N_VAR:
			if ((v = lookup(sc, n)) == NULL)
				break;
			if (v->type == TV_HTML && n->filter == F_NONE)
				buf_put(out, v->s, v->len);
			else if (v->type != TV_TEXT)
				break;
			else if (n->filter == F_URL)
				html_url(out, v->s, v->len);
			else if (n->filter == F_PCT)
				html_pct(out, v->s, v->len);
			else
				html_text(out, v->s, v->len);
			break;
		case N_IF:
		case N_UNLESS:
			if (truthy(lookup(sc, n)) == (n->type == N_IF)) {
				if (render_list(set, t, n->body, sc, out,
				    depth + 1) == -1)
					return -1;
			} else if (render_list(set, t, n->alt, sc, out,
			    depth + 1) == -1)
				return -1;
			break;
		case N_EACH:
			v = lookup(sc, n);
			if (v == NULL || v->type != TV_LIST || v->n == 0) {
				if (render_list(set, t, n->alt, sc, out,
				    depth + 1) == -1)
					return -1;
				break;
			}
			inner.up = sc;
			for (item = v->first; item != NULL; item = item->next) {
				inner.map = item;
				if (render_list(set, t, n->body, &inner, out,
				    depth + 1) == -1)
					return -1;
			}
			break;
		case N_INCLUDE:
			if (render_list(set, &set->t[n->incl_idx],
			    set->t[n->incl_idx].root, sc, out, depth + 1) == -1)
				return -1;
			break;
		}
	}
	return 0;
}

int
tmpl_render(const struct tmpl_set *set, int idx, const struct tv *root,
    struct buf *out)
{
	struct scope	 sc;

	sc.map = root;
	sc.up = NULL;
	return render_list(set, &set->t[idx], set->t[idx].root, &sc, out, 0);
}
