/*
 * tmpl: the value trees handlers fill (struct tv) and the renderer, which
 * walks a compiled template (tmplc.c) against one. Each value is written by
 * the escaper its context chose at compile time. No allocation while
 * rendering except into the output buffer.
 */
#include <string.h>

#include "log.h"
#include "tmpl_int.h"

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

/* Rendering. */

struct scope {
	const struct tv		*map;
	const struct scope	*up;
};

/* 1 if map holds key (its value, maybe NULL, in *v), else 0. */
static int
map_find(const struct tv *map, const char *key, const struct tv **v)
{
	const struct tv_pair	*p;

	*v = NULL;
	if (map == NULL || map->type != TV_MAP)
		return 0;
	/* The first byte before the call: most keys differ there, and a
	 * page looks up about a hundred names in maps of dozens. */
	for (p = map->head; p != NULL; p = p->next)
		if (p->key[0] == key[0] && strcmp(p->key, key) == 0) {
			*v = p->val;
			return 1;
		}
	return 0;
}

/*
 * The value of n's path, or NULL. *unset says why it is missing: 1 when
 * the first name is in no enclosing map, 2 when a later one is not in the
 * map before it, 0 when it is there or under a value that is not a map
 * (set empty or false on purpose).
 */
static const struct tv *
lookup(const struct scope *sc, const struct node *n, int *unset)
{
	const struct tv	*v = NULL;
	size_t		 i;

	*unset = 0;
	for (; sc != NULL; sc = sc->up)
		if (map_find(sc->map, n->path[0], &v))
			break;
	if (sc == NULL) {
		*unset = 1;
		return NULL;
	}
	for (i = 1; v != NULL && i < n->npath; i++) {
		if (v->type != TV_MAP)
			return NULL;
		if (!map_find(v, n->path[i], &v)) {
			*unset = 2;
			return NULL;
		}
	}
	return v;
}

/*
 * Looks n up; in strict mode a name never set fails the render. One case
 * is not a failure: an {{#if}} or {{#unless}} on a member of a map that
 * is there (errors.title): such maps hold only what happened, and the
 * test reads a missing member as false. A value or a list must be set.
 */
static int
get(const struct tmpl_set *set, const struct tmpl *t, const struct node *n,
    const struct scope *sc, const struct tv **v)
{
	int	 unset;

	*v = lookup(sc, n, &unset);
	if (unset == 2 && (n->type == N_IF || n->type == N_UNLESS))
		unset = 0;
	if (unset && set->strict) {
		log_err("template %s: line %d: key %s not set", t->name,
		    n->line, n->key);
		return -1;
	}
	return 0;
}

static void
put_var(const struct node *n, const struct tv *v, struct buf *out)
{
	if (v == NULL || (v->type != TV_TEXT && v->type != TV_HTML)) {
		/* JSON stays JSON: an empty string for what is not text. */
		if (n->esc == HE_JSON)
			html_json(out, "", 0);
		return;
	}
	switch (n->esc) {
	case HE_TEXT:
		if (v->type == TV_HTML)
			buf_put(out, v->s, v->len);
		else
			html_text(out, v->s, v->len);
		break;
	case HE_ESC:
		/* Markup in an attribute or <title> is text there. */
		html_text(out, v->s, v->len);
		break;
	case HE_URL:
		/* Filters are for text: HTML in a URL writes nothing. */
		if (v->type == TV_TEXT)
			html_url(out, v->s, v->len);
		break;
	case HE_PCT:
		if (v->type == TV_TEXT)
			html_pct(out, v->s, v->len);
		break;
	case HE_JSON:
		/* HTML in JSON is a string like any other. */
		html_json(out, v->s, v->len);
		break;
	}
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
			if (get(set, t, n, sc, &v) == -1)
				return -1;
			put_var(n, v, out);
			break;
		case N_IF:
		case N_UNLESS:
			if (get(set, t, n, sc, &v) == -1)
				return -1;
			if (truthy(v) == (n->type == N_IF)) {
				if (render_list(set, t, n->body, sc, out,
				    depth + 1) == -1)
					return -1;
			} else if (render_list(set, t, n->alt, sc, out,
			    depth + 1) == -1)
				return -1;
			break;
		case N_EACH:
			if (get(set, t, n, sc, &v) == -1)
				return -1;
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

void
tmpl_set_strict(struct tmpl_set *set, int on)
{
	set->strict = on != 0;
}
