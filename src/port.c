/*
 * port: a post as it moves into or out of Quire (port.h): the set the
 * format readers fill, the rules every item must keep before anything is
 * written, and the import that writes a whole set in one transaction
 * through the db_* modules' own save paths.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "db_port.h"
#include "db_post.h"
#include "db_redirect.h"
#include "db_setting.h"
#include "db_tag.h"
#include "mdcost.h"
#include "port.h"
#include "redirect.h"
#include "req.h"
#include "route.h"
#include "setting.h"
#include "tag.h"
#include "valid.h"

void
port_set_note(struct arena *a, struct port_set *s, const char *text)
{
	s->notes = arena_grow(a, s->notes, s->nnotes, &s->capnotes,
	    sizeof(*s->notes));
	s->notes[s->nnotes++] = text;
}

struct port_item *
port_set_add(struct arena *a, struct port_set *s)
{
	struct port_item *it;

	s->items = arena_grow(a, s->items, s->n, &s->cap, sizeof(*s->items));
	it = &s->items[s->n++];
	memset(it, 0, sizeof(*it));
	return it;
}

void
port_note(struct arena *a, struct port_item *it, const char *text)
{
	it->notes = arena_grow(a, it->notes, it->nnotes, &it->capnotes,
	    sizeof(*it->notes));
	it->notes[it->nnotes++] = arena_strdup(a, text);
}

/* "SOURCE:LINE: msg", or "SOURCE: msg" when the line is unknown. */
static const char *
fault(struct arena *a, const struct port_item *it, const char *msg)
{
	const char	*src = it->source != NULL ? it->source : "(item)";

	if (it->line <= 0)
		return arena_printf(a, "%s: %s", src, msg);
	return arena_printf(a, "%s:%ld: %s", src, it->line, msg);
}

/* A text field: valid UTF-8 with no NUL, at most max characters. */
static const char *
text(struct arena *a, const char *name, const char *s, size_t max,
    int one_line)
{
	const char	*why;

	if (!req_text_valid(s, strlen(s)))
		return arena_printf(a, "%s: not UTF-8 text", name);
	if (valid_chars(s) > max)
		return arena_printf(a, "%s: longer than %zu characters", name,
		    max);
	if (one_line && (why = valid_line(s)) != NULL)
		return arena_printf(a, "%s: %s", name, why);
	return NULL;
}

/* The item's tags as the editor's field ("a, b"), or NULL and *why. */
static const char *
tag_field(struct arena *a, const struct port_item *it, const char **why)
{
	struct buf	 b;
	const char	*f;
	size_t		 i;

	*why = NULL;
	buf_init(&b);
	for (i = 0; i < it->ntags && *why == NULL; i++) {
		if (strchr(it->tags[i], ',') != NULL)
			*why = arena_printf(a, "tag \"%s\": a comma",
			    it->tags[i]);
		else if (tag_check(it->tags[i]) != NULL)
			*why = arena_printf(a, "tag \"%s\": %s", it->tags[i],
			    tag_check(it->tags[i]));
		if (i > 0)
			buf_puts(&b, ", ");
		buf_puts(&b, it->tags[i]);
	}
	f = arena_strdup(a, b.len > 0 ? b.data : "");
	buf_free(&b);
	if (*why == NULL && (*why = tag_check(f)) != NULL)
		*why = arena_printf(a, "tags: %s", *why);
	return *why == NULL ? f : NULL;
}

/* One item: its fault, or NULL (its slug settled). */
static const char *
check_item(struct arena *a, struct port_item *it)
{
	const char	*why, **keep;
	size_t		 i, n;

	if (it->title == NULL || *it->title == '\0')
		return "no title";
	if ((why = text(a, "title", it->title, PORT_TITLE_MAX, 1)) != NULL)
		return why;
	if (it->slug == NULL || *it->slug == '\0') {
		it->slug = post_slugify(a, it->title);
		if (*it->slug == '\0')
			return "no slug, and the title has no letter or digit "
			    "to make one of";
	}
	if (valid_slug(it->slug) != NULL || strlen(it->slug) > 100)
		return arena_printf(a, "slug \"%s\": lowercase letters, digits "
		    "and hyphens, 1 to 100, not starting with a hyphen",
		    it->slug);
	if (it->kind == POST_PAGE && route_reserved(it->slug))
		return arena_printf(a, "slug \"%s\": the site's own address",
		    it->slug);
	if (it->status == NULL || (strcmp(it->status, "draft") != 0 &&
	    strcmp(it->status, "published") != 0))
		return "status: draft or published";
	if (it->excerpt == NULL)
		it->excerpt = "";
	if (it->author == NULL)
		it->author = "";
	if (it->body == NULL)
		it->body = "";
	if ((why = text(a, "excerpt", it->excerpt, PORT_EXCERPT_MAX, 0)) ||
	    (why = text(a, "body", it->body, PORT_BODY_MAX, 0)) ||
	    (why = text(a, "author", it->author, PORT_AUTHOR_MAX, 1)))
		return why;
	if (it->has_date && it->published_at < 0)
		return "date: before 1970";
	/* As the editor refuses it (mdcost.h): readers never find out. */
	switch (mdcost_slow(a, it->body, strlen(it->body), MDCOST_LIMIT_NS,
	    &why)) {
	case 0:
		break;
	case 1:
		return arena_printf(a, "body: %s", why);
	default:
		return "body: the Markdown library failed on it";
	}
	if (it->kind == POST_ARTICLE && tag_field(a, it, &why) == NULL)
		return why;
	if (it->kind == POST_PAGE && (it->ntags > 0 || *it->excerpt != '\0' ||
	    *it->author != '\0'))
		port_note(a, it, fault(a, it, "a page has no tags, excerpt or "
		    "author: ignored"));
	keep = arena_calloc(a, it->naliases + 1, sizeof(*keep));
	for (i = n = 0; i < it->naliases; i++) {
		if (strchr(it->aliases[i], '?') != NULL &&
		    !redirect_wp_query(it->aliases[i])) {
			port_note(a, it, fault(a, it, arena_printf(a, "alias "
			    "\"%s\" skipped: a redirect's address is a path, "
			    "with no query but WordPress's /?p=ID",
			    it->aliases[i])));
			continue;
		}
		if ((why = redirect_path_valid(it->aliases[i])) != NULL)
			return arena_printf(a, "alias \"%s\": %s",
			    it->aliases[i], why);
		keep[n++] = it->aliases[i];
	}
	it->aliases = keep;
	it->naliases = n;
	return NULL;
}

static int
by_kind_slug(const void *x, const void *y)
{
	const struct port_item	*a = *(const struct port_item *const *)x;
	const struct port_item	*b = *(const struct port_item *const *)y;

	if (a->kind != b->kind)
		return a->kind < b->kind ? -1 : 1;
	return strcmp(a->slug, b->slug);
}

/* An old path and the item that claims it. */
struct claim {
	const char		*path;	/* decoded */
	const struct port_item	*it;
};

/* By path, then in the set's order. */
static int
by_path(const void *x, const void *y)
{
	const struct claim	*a = x, *b = y;
	int			 c;

	if ((c = strcmp(a->path, b->path)) != 0)
		return c;
	return a->it < b->it ? -1 : a->it > b->it;
}

/* Two items claiming one old path: which would win is no choice to make
 * silently. */
static const char *
same_alias(struct arena *a, const struct port_set *s)
{
	struct claim	*c = NULL;
	size_t		 i, j, n = 0, cap = 0;

	for (i = 0; i < s->n; i++)
		for (j = 0; j < s->items[i].naliases; j++) {
			c = arena_grow(a, c, n, &cap, sizeof(*c));
			c[n].path = redirect_path_norm(a,
			    s->items[i].aliases[j]);
			c[n++].it = &s->items[i];
		}
	if (n > 1)
		qsort(c, n, sizeof(*c), by_path);
	for (i = 1; i < n; i++)
		if (strcmp(c[i - 1].path, c[i].path) == 0 &&
		    c[i - 1].it != c[i].it)
			return fault(a, c[i].it, arena_printf(a, "alias \"%s\" "
			    "is also %s's", c[i].path, c[i - 1].it->source));
	return NULL;
}

const char *
port_check(struct arena *a, struct port_set *s)
{
	struct port_item	**v;
	const char		 *why;
	size_t			  i;

	for (i = 0; i < s->n; i++)
		if ((why = check_item(a, &s->items[i])) != NULL)
			return fault(a, &s->items[i], why);
	/* Two items for one address, as for one old path. */
	v = arena_calloc(a, s->n + 1, sizeof(*v));
	for (i = 0; i < s->n; i++)
		v[i] = &s->items[i];
	if (s->n > 1)
		qsort(v, s->n, sizeof(*v), by_kind_slug);
	for (i = 1; i < s->n; i++)
		if (by_kind_slug(&v[i - 1], &v[i]) == 0)
			return fault(a, v[i], arena_printf(a, "the %s slug "
			    "\"%s\" is also %s's",
			    post_kind_name(v[i]->kind), v[i]->slug,
			    v[i - 1]->source));
	return same_alias(a, s);
}

/* Do the article's stored tags have the slugs of tags[0..n)? */
static int
same_tags(struct db *db, struct arena *a, long long id,
    const struct tag *tags, size_t n, int *same)
{
	struct tag	*have;
	size_t		 nh, i, j;

	if (db_tag_of_article(db, a, id, &have, &nh) == -1)
		return -1;
	*same = nh == n;
	for (i = 0; i < n && *same; i++) {
		for (j = 0; j < nh; j++)
			if (strcmp(tags[i].slug, have[j].slug) == 0)
				break;
		*same = j < nh;
	}
	return 0;
}

/* Is the stored post old what the item says? */
static int
same_post(const struct post *p, const struct post *old,
    const struct port_item *it)
{
	return strcmp(p->title, old->title) == 0 &&
	    strcmp(p->body, old->body) == 0 &&
	    strcmp(p->status, old->status) == 0 &&
	    (p->kind == POST_PAGE || (strcmp(p->excerpt, old->excerpt) == 0 &&
	    strcmp(p->author, old->author) == 0 &&
	    p->has_date == old->has_date &&
	    (!p->has_date || p->published_at == old->published_at))) &&
	    (!it->has_updated || it->updated_at == old->updated_at);
}

/* from -> to (decoded paths) as a manual redirect, unless it is there. */
static void
report_note(struct arena *a, struct port_report *r, const char *text)
{
	r->notes = arena_grow(a, r->notes, r->nnotes, &r->capnotes,
	    sizeof(*r->notes));
	r->notes[r->nnotes++] = text;
}

/* from -> to; an article's (article not 0) follows it and answers only
 * while readers may see it, so a draft's old address tells nothing. */
static int
redirect(struct db *db, struct arena *a, const char *from, const char *to,
    long long article, long long now, struct port_report *r,
    const char **why)
{
	struct redirect		 rd;
	enum redirect_end	 end;
	const char		*refusal;
	int			 rc;

	if ((rc = db_redirect_find(db, a, from, now, &rd)) == -1)
		return -1;
	if (rc == 1) {
		if ((rd.target != NULL && strcmp(rd.target, to) == 0) ||
		    (rd.has_article && strcmp(post_path(a, &rd.article),
		    to) == 0)) {
			r->redirects_same++;
			return 0;
		}
		if (db_redirect_delete(db, rd.id) == -1)
			return -1;
	}
	if ((rc = article != 0 ? db_redirect_alias(db, a, from, article, to,
	    now, &refusal, &end) : db_redirect_add(db, a, from, to, now,
	    &refusal, &end)) == -1)
		return -1;
	if (rc == 0) {
		*why = arena_printf(a, "redirect %s -> %s: %s", from, to,
		    refusal);
		return -1;
	}
	r->redirects++;
	return 0;
}

/* One checked item into the database. -1 with *why (refused) or not. */
static int
item(struct db *db, struct arena *a, const struct port_item *it,
    long long now, struct port_report *r, const char **why)
{
	struct post	 p, old;
	struct tag	*tags = NULL;
	const char	*f, *to, *from;
	long long	 id;
	size_t		 i, nt = 0;
	int		 rc, same = 0, found;

	memset(&p, 0, sizeof(p));
	p.kind = it->kind;
	p.slug = it->slug;
	p.title = it->title;
	p.body = it->body;
	p.status = it->status;
	p.excerpt = it->kind == POST_PAGE ? "" : it->excerpt;
	p.author = it->kind == POST_PAGE ? "" : it->author;
	p.has_date = it->kind == POST_ARTICLE && it->has_date;
	p.published_at = p.has_date ? it->published_at : 0;
	if (it->kind == POST_ARTICLE && ((f = tag_field(a, it, why)) == NULL ||
	    tag_parse(a, f, &tags, &nt) != NULL))
		return -1;
	if ((found = db_port_find(db, it->kind, it->slug, &id)) == -1 ||
	    (found && db_post_by_id(db, a, it->kind, id, &old) != 1))
		return *why = NULL, -1;
	if (found && p.kind == POST_ARTICLE && !p.has_date) {
		p.has_date = old.has_date;
		p.published_at = old.published_at;
	}
	if (p.kind == POST_ARTICLE && !p.has_date &&
	    strcmp(p.status, "published") == 0) {
		p.has_date = 1;
		p.published_at = now;
	}
	if (found && (it->kind == POST_PAGE || same_tags(db, a, id, tags, nt,
	    &same) == 0) && (it->kind == POST_PAGE || same) &&
	    same_post(&p, &old, it)) {
		r->unchanged++;
		p = old;
	} else {
		if (found) {
			p.id = old.id;
			p.revision = old.revision;
		}
		rc = it->kind == POST_PAGE ? db_post_save(db, &p, now) :
		    db_post_save_tags(db, a, &p, tags, nt, now);
		if (rc == -1)
			return *why = NULL, -1;
		if (rc != DB_SAVED) {
			*why = "the slug is taken";
			return -1;
		}
		if (it->has_updated && db_port_updated(db, p.kind, p.id,
		    it->updated_at) == -1)
			return *why = NULL, -1;
		if (found)
			r->updated++;
		else
			r->created++;
	}
	if (it->naliases > 0 && p.kind == POST_ARTICLE && !p.has_date) {
		report_note(a, r, fault(a, it, arena_printf(a, "a draft with "
		    "no date has no address yet: its %zu old address%s not "
		    "redirected", it->naliases, it->naliases == 1 ? " is" :
		    "es are")));
		return 0;
	}
	to = post_path(a, &p);
	for (i = 0; i < it->naliases; i++) {
		from = redirect_path_norm(a, it->aliases[i]);
		if (strcmp(from, to) != 0 &&
		    redirect(db, a, from, to, p.kind == POST_ARTICLE ? p.id : 0,
		    now, r, why) == -1)
			return -1;
	}
	return 0;
}

/* The settings of the set, checked and stored where they differ. */
static int
settings(struct db *db, struct arena *a, const struct port_set *s,
    long long now, struct port_report *r, const char **why)
{
	struct settings			 have;
	const struct setting_def	*d;
	const struct port_pair		*p;
	const char			*bad;
	size_t				 i;
	int				 k;

	if (s->nsettings == 0)
		return 0;
	if (db_setting_load(db, a, &have) == -1)
		return *why = NULL, -1;
	for (i = 0; i < s->nsettings; i++) {
		p = &s->settings[i];
		for (k = 0; k < SET__MAX; k++)
			if (strcmp(setting_def(k)->key, p->key) == 0)
				break;
		d = k < SET__MAX ? setting_def(k) : NULL;
		if (d == NULL || d->kind == SK_INTERNAL) {
			report_note(a, r, arena_printf(a, "%s:%ld: setting "
			    "\"%s\" ignored", p->source, p->line, p->key));
			continue;
		}
		/* What the site holds already changes nothing, whatever the
		 * rule says of it (a site with no base URL yet exports one
		 * that is empty). */
		if (strcmp(have.v[k], p->value) == 0)
			continue;
		if ((bad = setting_check(k, p->value)) != NULL) {
			*why = arena_printf(a, "%s:%ld: %s: %s", p->source,
			    p->line, p->key, bad);
			return -1;
		}
		if (db_setting_put(db, k, p->value) == -1)
			return *why = NULL, -1;
		r->settings++;
	}
	if (r->settings > 0 && db_setting_put(db, SET_UPDATED_AT,
	    arena_printf(a, "%lld", now)) == -1)
		return *why = NULL, -1;
	return 0;
}

/* The set's redirects (redirects.yaml): typed paths, checked here. */
static int
redirects(struct db *db, struct arena *a, const struct port_set *s,
    long long now, struct port_report *r, const char **why)
{
	const struct port_pair	*p;
	const char		*bad;
	size_t			 i;

	for (i = 0; i < s->nredirects; i++) {
		p = &s->redirects[i];
		if ((bad = redirect_path_valid(p->key)) != NULL ||
		    (bad = redirect_path_valid(p->value)) != NULL) {
			*why = arena_printf(a, "%s:%ld: %s -> %s: %s",
			    p->source, p->line, p->key, p->value, bad);
			return -1;
		}
		if (redirect(db, a, redirect_path_norm(a, p->key),
		    redirect_path_norm(a, p->value), 0, now, r, why) == -1) {
			if (*why != NULL)
				*why = arena_printf(a, "%s:%ld: %s", p->source,
				    p->line, *why);
			return -1;
		}
	}
	return 0;
}

int
port_import(struct db *db, struct arena *a, struct port_set *s,
    long long now, int progress, struct port_report *r, const char **why)
{
	size_t	i;

	memset(r, 0, sizeof(*r));
	if ((*why = port_check(a, s)) != NULL)
		return -1;
	progress = progress && s->n > PORT_PROGRESS_MIN;
	if (db_port_begin(db) == -1)
		return -1;
	for (i = 0; i < s->n; i++) {
		if (item(db, a, &s->items[i], now, r, why) == -1) {
			if (*why != NULL)
				*why = fault(a, &s->items[i], *why);
			goto fail;
		}
		if (progress && ((i + 1) % 50 == 0 || i + 1 == s->n))
			fprintf(stderr, "\rimport: %zu of %zu", i + 1, s->n);
	}
	if (progress)
		fputc('\n', stderr);
	if (settings(db, a, s, now, r, why) == -1 ||
	    redirects(db, a, s, now, r, why) == -1 || db_port_commit(db) == -1)
		goto fail;
	return 0;
fail:
	if (progress && i < s->n)
		fputc('\n', stderr);
	db_port_rollback(db);
	return -1;
}
