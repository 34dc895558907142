/*
 * tmpl_load: builds a template set at start-up, from a directory or from
 * the copy built into the binary: compiles each template (tmplc.c), links
 * the includes and refuses include cycles, so rendering never recurses
 * without end.
 */
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "log.h"
#include "tmpl_int.h"

#define MAX_FILE	(1024 * 1024)

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
	struct tmpl	*t;
	size_t		 nlen = strlen(name);

	if (set->n == MAX_TEMPLATES) {
		log_err("%s: more than %d templates", label, MAX_TEMPLATES);
		return -1;
	}
	t = &set->t[set->n];
	t->name = arena_strndup(&set->mem, name, nlen - strlen(".html"));
	t->file = arena_printf(&set->mem, "%s/%s", label, name);
	if (memchr(data, '\0', len) != NULL) {
		log_err("%s: NUL byte in template", t->file);
		return -1;
	}
	if (tmplc_compile(&set->mem, t->file, arena_strndup(&set->mem, data,
	    len), len, &t->root) == -1)
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

/*
 * Include cycles, found by a depth-first walk over the include graph:
 * state[i] is 0 (not seen), 1 (on the current path) or 2 (done); path
 * holds the names on the current path, for the message.
 */
struct walk {
	struct tmpl_set	*set;
	unsigned char	 state[MAX_TEMPLATES];
	const char	*path[MAX_TEMPLATES + 1];
	size_t		 depth;
};

static int	walk_tmpl(struct walk *, size_t);

static int
walk_list(struct walk *w, const struct tmpl *t, const struct node *n)
{
	const char	*cycle;
	size_t		 i, k;

	for (; n != NULL; n = n->next) {
		if (n->type == N_INCLUDE) {
			k = (size_t)n->incl_idx;
			if (w->state[k] == 1) {
				for (i = 0; w->path[i] != w->set->t[k].name; i++)
					;
				cycle = w->path[i];
				for (i++; i < w->depth; i++)
					cycle = arena_printf(&w->set->mem,
					    "%s -> %s", cycle, w->path[i]);
				log_err("%s:%d: include cycle: %s -> %s",
				    t->file, n->line, cycle, n->incl);
				return -1;
			}
			if (w->state[k] == 0 && walk_tmpl(w, k) == -1)
				return -1;
		}
		if (walk_list(w, t, n->body) == -1 ||
		    walk_list(w, t, n->alt) == -1)
			return -1;
	}
	return 0;
}

static int
walk_tmpl(struct walk *w, size_t i)
{
	w->state[i] = 1;
	w->path[w->depth++] = w->set->t[i].name;
	if (walk_list(w, &w->set->t[i], w->set->t[i].root) == -1)
		return -1;
	w->depth--;
	w->state[i] = 2;
	return 0;
}

static int
set_link(struct tmpl_set *set)
{
	struct walk	 w;
	size_t		 i;

	for (i = 0; i < set->n; i++)
		if (resolve_list(set, &set->t[i], set->t[i].root) == -1)
			return -1;
	memset(&w, 0, sizeof(w));
	w.set = set;
	for (i = 0; i < set->n; i++)
		if (w.state[i] == 0 && walk_tmpl(&w, i) == -1)
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

