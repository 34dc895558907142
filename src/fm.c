/*
 * fm: Markdown files with YAML front matter (fm.h): one file's text into a
 * port_item, a flat mapping into pairs, through libyaml's document API;
 * the dates Hugo and Jekyll write. Messages name the file and its line.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <yaml.h>

#include "fm.h"
#include "valid.h"

enum fm_key {
	K_TITLE,
	K_SLUG,
	K_DATE,
	K_UPDATED,
	K_AUTHOR,
	K_STATUS,
	K_DRAFT,
	K_TAGS,
	K_EXCERPT,
	K_ALIASES,
	K_PERMALINK,
	K_KIND,
};

/* The keys read, with the other names Hugo and Jekyll give them. */
static const struct {
	const char	*name;
	enum fm_key	 key;
} keys[] = {
	{ "title", K_TITLE },
	{ "slug", K_SLUG },
	{ "date", K_DATE },
	{ "updated", K_UPDATED },
	{ "lastmod", K_UPDATED },
	{ "author", K_AUTHOR },
	{ "status", K_STATUS },
	{ "draft", K_DRAFT },
	{ "tags", K_TAGS },
	{ "categories", K_TAGS },
	{ "excerpt", K_EXCERPT },
	{ "summary", K_EXCERPT },
	{ "description", K_EXCERPT },
	{ "aliases", K_ALIASES },
	{ "permalink", K_PERMALINK },
	{ "kind", K_KIND },
	{ "type", K_KIND },
};

/* What reading one file needs at hand. */
struct rd {
	struct arena		*a;
	const char		*src;
	yaml_document_t		*doc;
	struct port_item	*it;
	const char		*why;
	int			 draft;		/* draft: true */
	const char		**tags;		/* growing arrays */
	size_t			 tcap;
	size_t			 acap;
	long			 first;		/* the YAML's first line */
	unsigned char		*seen;		/* nodes read, by index */
};

/* "source:line: msg" in the arena, as *why. */
static const char *
at(struct arena *a, const char *src, long line, const char *msg)
{
	return arena_printf(a, "%s:%ld: %s", src, line, msg);
}

/* A node's line in the file (libyaml counts from 0 where the YAML
 * starts: the file's second line after "---", else its first). */
static long
line_of(const struct rd *r, const yaml_node_t *n)
{
	return (long)n->start_mark.line + r->first;
}

static int
bad(struct rd *r, const yaml_node_t *n, const char *msg)
{
	r->why = at(r->a, r->src, line_of(r, n), msg);
	return -1;
}

/* A scalar node's text, in the arena; NULL (and *why) if not a scalar or
 * it holds a NUL. An empty plain scalar (YAML's null) is "". */
static const char *
scalar(struct rd *r, const yaml_node_t *n, const char *key)
{
	const char	*s;
	size_t		 len;

	if (n->type != YAML_SCALAR_NODE) {
		bad(r, n, arena_printf(r->a, "%s: a text value is wanted, not "
		    "a %s", key, n->type == YAML_MAPPING_NODE ? "mapping" :
		    "list"));
		return NULL;
	}
	/* An alias (*name) is its anchor's node again: read each node
	 * once, or 200 KB used 20,000 times is 4 GB from a 260 KB file. */
	if (r->seen == NULL)
		r->seen = arena_calloc(r->a, (size_t)(r->doc->nodes.top -
		    r->doc->nodes.start) + 1, 1);
	if (r->seen[n - r->doc->nodes.start]++) {
		bad(r, n, arena_printf(r->a, "%s: YAML aliases (*name) are "
		    "not read: write the value out", key));
		return NULL;
	}
	s = (const char *)n->data.scalar.value;
	len = n->data.scalar.length;
	if (memchr(s, '\0', len) != NULL) {
		bad(r, n, arena_printf(r->a, "%s: a NUL character", key));
		return NULL;
	}
	return arena_strndup(r->a, s, len);
}

/* Appends s to (*v, *n, *cap). */
static void
push(struct arena *a, const char ***v, size_t *n, size_t *cap,
    const char *s)
{
	*v = arena_grow(a, *v, *n, cap, sizeof(**v));
	(*v)[(*n)++] = s;
}

/* A list of texts, or one text (tags: split at commas, the editor's
 * rule), appended to (*v, *n, *cap). */
static int
list(struct rd *r, const yaml_node_t *n, const char *key, int commas,
    const char ***v, size_t *nv, size_t *cap)
{
	yaml_node_item_t	*i;
	yaml_node_t		*e;
	const char		*s, *c;

	if (n->type == YAML_SEQUENCE_NODE) {
		for (i = n->data.sequence.items.start;
		    i < n->data.sequence.items.top; i++) {
			if ((e = yaml_document_get_node(r->doc, *i)) == NULL ||
			    (s = scalar(r, e, key)) == NULL)
				return -1;
			if (*s != '\0')
				push(r->a, v, nv, cap, s);
		}
		return 0;
	}
	if ((s = scalar(r, n, key)) == NULL)
		return -1;
	while (commas && (c = strchr(s, ',')) != NULL) {
		if (c > s)
			push(r->a, v, nv, cap, arena_strndup(r->a, s, c - s));
		s = c + 1;
	}
	if (*s != '\0')
		push(r->a, v, nv, cap, s);
	return 0;
}

static int
boolean(const char *s, int *v)
{
	static const char *const yes[] = { "true", "yes", "on" };
	static const char *const no[] = { "false", "no", "off" };
	size_t	i;

	for (i = 0; i < sizeof(yes) / sizeof(yes[0]); i++) {
		if (strcasecmp(s, yes[i]) == 0)
			return *v = 1, 0;
		if (strcasecmp(s, no[i]) == 0)
			return *v = 0, 0;
	}
	return -1;
}

/* One key and its value into the item. */
static int
pair(struct rd *r, const char *key, const yaml_node_t *v)
{
	struct port_item	*it = r->it;
	const char		*s;
	size_t			 i;
	long long		*t;
	int			*has;

	for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
		if (strcmp(key, keys[i].name) == 0)
			break;
	if (i == sizeof(keys) / sizeof(keys[0])) {
		port_note(r->a, it, at(r->a, r->src, line_of(r, v),
		    arena_printf(r->a, "key \"%s\" ignored", key)));
		return 0;
	}
	switch (keys[i].key) {
	case K_TAGS:
		return list(r, v, key, 1, &r->tags, &it->ntags, &r->tcap);
	case K_ALIASES:
		return list(r, v, key, 0, &it->aliases, &it->naliases,
		    &r->acap);
	default:
		break;
	}
	if ((s = scalar(r, v, key)) == NULL)
		return -1;
	switch (keys[i].key) {
	case K_TITLE:
		it->title = s;
		break;
	case K_SLUG:
		it->slug = s;
		break;
	case K_DATE:
	case K_UPDATED:
		if (keys[i].key == K_DATE) {
			t = &it->published_at;
			has = &it->has_date;
		} else {
			t = &it->updated_at;
			has = &it->has_updated;
		}
		if (*s == '\0')
			break;
		if (fm_date(s, t) == -1)
			return bad(r, v, arena_printf(r->a, "%s: \"%s\" is not "
			    "a date (2024-03-01, 2024-03-01T10:20:30Z, "
			    "2024-03-01 10:20:30 +0200)", key, s));
		*has = 1;
		break;
	case K_AUTHOR:
		it->author = s;
		break;
	case K_STATUS:
		if (strcmp(s, "draft") != 0 && strcmp(s, "published") != 0)
			return bad(r, v, arena_printf(r->a, "status: \"%s\": "
			    "draft or published", s));
		it->status = s;
		break;
	case K_DRAFT:
		if (boolean(s, &r->draft) == -1)
			return bad(r, v, arena_printf(r->a, "draft: \"%s\": "
			    "true or false", s));
		break;
	case K_EXCERPT:
		it->excerpt = s;
		break;
	case K_PERMALINK:
		/* Jekyll's placeholders (/:year/:title/) name no address. */
		if (strchr(s, ':') != NULL)
			port_note(r->a, it, at(r->a, r->src, line_of(r, v),
			    arena_printf(r->a, "permalink \"%s\" ignored: a "
			    "pattern, not a path", s)));
		else if (*s != '\0')
			push(r->a, &it->aliases, &it->naliases, &r->acap, s);
		break;
	case K_KIND:
		if (strcmp(s, "page") == 0)
			it->kind = POST_PAGE;
		else if (strcmp(s, "post") == 0 || strcmp(s, "posts") == 0 ||
		    strcmp(s, "article") == 0)
			it->kind = POST_ARTICLE;
		else
			port_note(r->a, it, at(r->a, r->src, line_of(r, v),
			    arena_printf(r->a, "%s \"%s\" ignored", key, s)));
		break;
	default:
		break;
	}
	return 0;
}

/* The YAML text y[0..len) into r->it. */
static int
yaml(struct rd *r, const char *y, size_t len)
{
	yaml_parser_t		 p;
	yaml_document_t		 doc;
	yaml_node_t		*root, *k, *v;
	yaml_node_pair_t	*pr;
	const char		*key;
	int			 rc = -1, loaded = 0;

	yaml_parser_initialize(&p);
	yaml_parser_set_input_string(&p, (const unsigned char *)y, len);
	yaml_parser_set_encoding(&p, YAML_UTF8_ENCODING);
	if (!yaml_parser_load(&p, &doc)) {
		r->why = at(r->a, r->src, (long)p.problem_mark.line + r->first,
		    arena_printf(r->a, "YAML: %s%s%s", p.problem != NULL ?
		    p.problem : "syntax error", p.context != NULL ? " " : "",
		    p.context != NULL ? p.context : ""));
		goto out;
	}
	loaded = 1;
	r->doc = &doc;
	if ((root = yaml_document_get_root_node(&doc)) == NULL) {
		rc = 0;
		goto out;
	}
	if (root->type != YAML_MAPPING_NODE) {
		bad(r, root, "the front matter is not a mapping of keys");
		goto out;
	}
	for (pr = root->data.mapping.pairs.start;
	    pr < root->data.mapping.pairs.top; pr++) {
		k = yaml_document_get_node(&doc, pr->key);
		v = yaml_document_get_node(&doc, pr->value);
		if (k == NULL || v == NULL) {
			r->why = at(r->a, r->src, 1, "YAML: a node is missing");
			goto out;
		}
		if ((key = scalar(r, k, "key")) == NULL || pair(r, key, v) == -1)
			goto out;
	}
	rc = 0;
out:
	if (loaded)
		yaml_document_delete(&doc);
	yaml_parser_delete(&p);
	return rc;
}

/* Where the YAML and the body are: 0, or -1 with *line the line at
 * fault. The opening and closing lines are "---" ("..." also closes); a
 * UTF-8 byte order mark before them is skipped. */
static int
split(const char *t, size_t len, size_t *yoff, size_t *ylen, size_t *boff,
    long *line)
{
	size_t	 i = 0, e, n;

	*line = 1;
	if (len >= 3 && memcmp(t, "\xef\xbb\xbf", 3) == 0)
		i = 3;
	if (len - i < 4 || memcmp(t + i, "---", 3) != 0)
		return -1;
	if (t[i + 3] == '\n')
		i += 4;
	else if (len - i >= 5 && memcmp(t + i + 3, "\r\n", 2) == 0)
		i += 5;
	else
		return -1;
	*yoff = i;
	for (;;) {
		(*line)++;
		if (i >= len)
			return -1;
		for (e = i; e < len && t[e] != '\n'; e++)
			;
		n = e - i;
		if (n > 0 && t[e - 1] == '\r')
			n--;
		if (n == 3 && (memcmp(t + i, "---", 3) == 0 ||
		    memcmp(t + i, "...", 3) == 0))
			break;
		i = e + 1;
	}
	*ylen = i - *yoff;
	e = e < len ? e + 1 : len;
	/* One blank line after the front matter is layout, not body. */
	if (e < len && t[e] == '\n')
		e++;
	else if (len - e >= 2 && t[e] == '\r' && t[e + 1] == '\n')
		e += 2;
	*boff = e;
	return 0;
}

/* What the file's path says: a page under pages/, Jekyll's date and
 * slug in YYYY-MM-DD-slug.md, Hugo's slug in slug.md or slug/index.md. */
static void
from_path(struct arena *a, const char *src, struct port_item *it,
    const char **slug, int *has_date, long long *date)
{
	const char	*base, *dot, *p;
	char		*stem, *day;

	*slug = NULL;
	*has_date = 0;
	if (strncmp(src, "pages/", 6) == 0 || strstr(src, "/pages/") != NULL)
		it->kind = POST_PAGE;
	base = (p = strrchr(src, '/')) != NULL ? p + 1 : src;
	dot = strrchr(base, '.');
	stem = arena_strndup(a, base, dot != NULL ? (size_t)(dot - base) :
	    strlen(base));
	if ((strcmp(stem, "index") == 0 || strcmp(stem, "_index") == 0) &&
	    base > src) {
		for (p = base - 1; p > src && p[-1] != '/'; p--)
			;
		stem = arena_strndup(a, p, base - 1 - p);
	}
	if (strlen(stem) > 11 && stem[10] == '-') {
		day = arena_strndup(a, stem, 10);
		if (fm_date(day, date) == 0) {
			*has_date = 1;
			stem += 11;
		}
	}
	if (*stem != '\0' && valid_slug(stem) == NULL)
		*slug = stem;
}

int
fm_read(struct arena *a, const char *source, const char *text, size_t len,
    struct port_item *it, const char **why)
{
	struct rd	 r;
	size_t		 yoff, ylen, boff;
	long		 line;
	const char	*pslug;
	long long	 pdate;
	int		 pdated;

	memset(&r, 0, sizeof(r));
	r.a = a;
	r.src = source;
	r.it = it;
	r.first = 2;
	memset(it, 0, sizeof(*it));
	it->source = source;
	it->line = 1;
	it->excerpt = it->author = it->slug = "";
	it->status = "published";
	from_path(a, source, it, &pslug, &pdated, &pdate);
	if (split(text, len, &yoff, &ylen, &boff, &line) == -1) {
		*why = at(a, source, line, line == 1 ? "no front matter: the "
		    "file does not start with a line \"---\"" : "the front "
		    "matter has no closing line \"---\"");
		return -1;
	}
	if (yaml(&r, text + yoff, ylen) == -1) {
		*why = r.why;
		return -1;
	}
	it->tags = r.tags;
	it->body = arena_strndup(a, text + boff, len - boff);
	if (r.draft)
		it->status = "draft";
	if (*it->slug == '\0' && pslug != NULL)
		it->slug = pslug;
	if (!it->has_date && pdated) {
		it->has_date = 1;
		it->published_at = pdate;
	}
	if (memchr(text + boff, '\0', len - boff) != NULL) {
		*why = at(a, source, line + 1, "a NUL character in the body");
		return -1;
	}
	return 0;
}

int
fm_read_pairs(struct arena *a, const char *source, const char *text,
    size_t len, struct port_pair **out, size_t *n, size_t *cap,
    const char **why)
{
	yaml_parser_t		 p;
	yaml_document_t		 doc;
	yaml_node_t		*root, *k, *v;
	yaml_node_pair_t	*pr;
	struct port_item	 dummy = { 0 };
	struct port_pair	*o;
	struct rd		 r;
	const char		*key, *val;
	int			 rc = -1, loaded = 0;

	memset(&r, 0, sizeof(r));
	r.a = a;
	r.src = source;
	r.it = &dummy;
	r.first = 1;
	yaml_parser_initialize(&p);
	yaml_parser_set_input_string(&p, (const unsigned char *)text, len);
	yaml_parser_set_encoding(&p, YAML_UTF8_ENCODING);
	if (!yaml_parser_load(&p, &doc)) {
		/* The whole file is YAML: its lines are the file's. */
		*why = at(a, source, (long)p.problem_mark.line + r.first,
		    arena_printf(a, "YAML: %s", p.problem != NULL ?
		    p.problem : "syntax error"));
		goto out;
	}
	loaded = 1;
	r.doc = &doc;
	if ((root = yaml_document_get_root_node(&doc)) == NULL) {
		rc = 0;
		goto out;
	}
	if (root->type != YAML_MAPPING_NODE) {
		*why = at(a, source, line_of(&r, root), "not a mapping of keys");
		goto out;
	}
	for (pr = root->data.mapping.pairs.start;
	    pr < root->data.mapping.pairs.top; pr++) {
		k = yaml_document_get_node(&doc, pr->key);
		v = yaml_document_get_node(&doc, pr->value);
		if (k == NULL || v == NULL || (key = scalar(&r, k, "key")) ==
		    NULL || (val = scalar(&r, v, key)) == NULL) {
			*why = r.why != NULL ? r.why : at(a, source, 1,
			    "YAML: a node is missing");
			goto out;
		}
		*out = arena_grow(a, *out, *n, cap, sizeof(**out));
		o = &(*out)[(*n)++];
		o->key = key;
		o->value = val;
		o->source = source;
		o->line = line_of(&r, k);
	}
	rc = 0;
out:
	if (loaded)
		yaml_document_delete(&doc);
	yaml_parser_delete(&p);
	return rc;
}

/* n decimal digits at *s, advancing it; -1 if not so many. */
static int
digits(const char **s, int n)
{
	int	v = 0;

	for (; n > 0; n--, (*s)++) {
		if (**s < '0' || **s > '9')
			return -1;
		v = v * 10 + (**s - '0');
	}
	return v;
}

/* Days from 1970-01-01 to y-m-d (proleptic Gregorian), after Howard
 * Hinnant's days_from_civil. */
static long long
days(int y, int m, int d)
{
	long long	era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

int
fm_date(const char *s, long long *t)
{
	static const int mdays[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31 };
	int	y, mo, d, h = 0, mi = 0, se = 0, off = 0, oh, om, sign;

	if ((y = digits(&s, 4)) == -1 || *s++ != '-' ||
	    (mo = digits(&s, 2)) == -1 || *s++ != '-' ||
	    (d = digits(&s, 2)) == -1)
		return -1;
	if (*s == 'T' || *s == 't' || *s == ' ') {
		s++;
		if ((h = digits(&s, 2)) == -1 || *s++ != ':' ||
		    (mi = digits(&s, 2)) == -1)
			return -1;
		if (*s == ':' && (s++, (se = digits(&s, 2)) == -1))
			return -1;
		if (*s == '.') {
			for (s++; *s >= '0' && *s <= '9'; s++)
				;
			if (s[-1] == '.')
				return -1;
		}
		if (*s == ' ')
			s++;
		if (*s == 'Z' || *s == 'z')
			s++;
		else if (*s == '+' || *s == '-') {
			sign = *s++ == '-' ? -1 : 1;
			if ((oh = digits(&s, 2)) == -1)
				return -1;
			if (*s == ':')
				s++;
			if ((om = digits(&s, 2)) == -1 || oh > 23 || om > 59)
				return -1;
			off = sign * (oh * 3600 + om * 60);
		}
	}
	if (*s != '\0' || y < 1970 || mo < 1 || mo > 12 || d < 1 ||
	    d > mdays[mo - 1] || h > 23 || mi > 59 || se > 59)
		return -1;
	if (mo == 2 && d == 29 && (y % 4 != 0 || (y % 100 == 0 &&
	    y % 400 != 0)))
		return -1;
	*t = days(y, mo, d) * 86400 + h * 3600 + mi * 60 + se - off;
	return *t < 0 ? -1 : 0;
}
