/*
 * wxr: a WordPress export read into import items (wxr.h). libxml2's tree
 * API reads the whole file (a WXR is one RSS channel); each <item> of type
 * post or page becomes a struct port_item, checked as it is read, so the
 * first bad one stops the read with its line before the importer opens a
 * transaction. Elements are matched by namespace, not by prefix: the wp:
 * namespace's URI carries the WXR version ("http://wordpress.org/export/
 * 1.2/").
 */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "html2md.h"
#include "log.h"
#include "markdown.h"
#include "post.h"
#include "tag.h"
#include "wpdate.h"
#include "wxr.h"

#define WP_NS		"http://wordpress.org/export/"
#define TITLE_MAX	60	/* bytes of a title made from the body */

enum ns {
	NS_NONE,	/* RSS's own: item, title, link, pubDate, category */
	NS_WP,
	NS_EXCERPT,
	NS_CONTENT,
	NS_DC,
};

struct author {
	const char	*login, *name;
};

/* The read of one file. */
struct rd {
	struct arena	*a;
	const char	*name;		/* the file, for messages */
	struct author	*authors;
	size_t		 nauthors, capauthors;
	struct note	{ const char *what; size_t n; } *skip;
	size_t		 nskip, capskip;
	char		*error;
	int		 xml_line;	/* libxml2's first error */
	const char	*xml_msg;
};

static int
is(xmlNode *n, enum ns ns, const char *name)
{
	const char	*href;
	size_t		 len;

	if (n == NULL || n->type != XML_ELEMENT_NODE ||
	    strcmp((const char *)n->name, name) != 0)
		return 0;
	if (n->ns == NULL || n->ns->href == NULL)
		return ns == NS_NONE;
	href = (const char *)n->ns->href;
	len = strlen(href);
	switch (ns) {
	case NS_WP:
	case NS_EXCERPT:
		if (strncmp(href, WP_NS, strlen(WP_NS)) != 0)
			return 0;
		return (len > 9 && strcmp(href + len - 9, "/excerpt/") == 0) ==
		    (ns == NS_EXCERPT);
	case NS_CONTENT:
		return strcmp(href, "http://purl.org/rss/1.0/modules/content/")
		    == 0;
	case NS_DC:
		return strcmp(href, "http://purl.org/dc/elements/1.1/") == 0;
	default:
		return 0;
	}
}

/* The text of n, in the arena ("" for NULL). */
static char *
text(struct arena *a, xmlNode *n)
{
	xmlChar	*v;
	char	*s;

	if (n == NULL || (v = xmlNodeGetContent(n)) == NULL)
		return arena_strdup(a, "");
	s = arena_strdup(a, (const char *)v);
	xmlFree(v);
	return s;
}

static xmlNode *
child(xmlNode *p, enum ns ns, const char *name)
{
	xmlNode	*c;

	for (c = p->children; c != NULL; c = c->next)
		if (is(c, ns, name))
			return c;
	return NULL;
}

static char *
trimmed(char *s)
{
	char	*e;

	while (isspace((unsigned char)*s))
		s++;
	for (e = s + strlen(s); e > s && isspace((unsigned char)e[-1]); e--)
		;
	*e = '\0';
	return s;
}

/* The trimmed text of p's first child ns:name, or NULL. */
static char *
field(struct arena *a, xmlNode *p, enum ns ns, const char *name)
{
	xmlNode	*c = child(p, ns, name);

	return c == NULL ? NULL : trimmed(text(a, c));
}

static void
skip(struct rd *r, const char *what)
{
	size_t	 i;

	for (i = 0; i < r->nskip; i++)
		if (strcmp(r->skip[i].what, what) == 0) {
			r->skip[i].n++;
			return;
		}
	r->skip = arena_grow(r->a, r->skip, r->nskip, &r->capskip,
	    sizeof(*r->skip));
	r->skip[r->nskip].what = what;
	r->skip[r->nskip++].n = 1;
}

static void
add(struct arena *a, const char ***v, size_t *n, const char *s)
{
	size_t	 i, cap = *n;

	for (i = 0; i < *n; i++)
		if (strcmp((*v)[i], s) == 0)
			return;
	/* Arrays are grown one by one: an item has a few of each. */
	*v = arena_grow(a, *v, *n, &cap, sizeof(**v));
	(*v)[(*n)++] = s;
}

/* A date of the item: the UTC field, else the local one in pubDate's
 * zone. 1 set, 0 none, -1 bad (r->error set by the caller). */
static int
item_date(struct rd *r, xmlNode *item, struct port_item *it,
    const char *gmt_name, const char *local_name, long long *t,
    const char **bad)
{
	const char	*gmt, *local;
	long		 off;
	int		 zero;

	gmt = field(r->a, item, NS_WP, gmt_name);
	if (wpdate_parse(gmt, t, &zero) == -1) {
		*bad = gmt_name;
		return -1;
	}
	if (!zero)
		return 1;
	local = field(r->a, item, NS_WP, local_name);
	if (wpdate_parse(local, t, &zero) == -1) {
		*bad = local_name;
		return -1;
	}
	if (zero)
		return 0;
	if (wpdate_zone(field(r->a, item, NS_NONE, "pubDate"), &off) == 0)
		*t -= off;
	else
		add(r->a, &it->notes, &it->nnotes,
		    "no time zone: local times read as UTC");
	return 1;
}

/* The author's display name for a login, the login if the channel does
 * not list it. */
static const char *
author(struct rd *r, const char *login)
{
	size_t	 i;

	if (login == NULL)
		return "";
	for (i = 0; i < r->nauthors; i++)
		if (strcmp(r->authors[i].login, login) == 0)
			return r->authors[i].name;
	return login;
}

/* Categories and tags, both as tags; a name Quire's tag rules refuse is
 * left out and noted. WordPress's default "Uncategorized" is no choice
 * of the author's and is left out. */
static void
item_tags(struct rd *r, xmlNode *item, struct port_item *it)
{
	xmlNode		*c;
	xmlChar		*dom, *nice;
	const char	*name, *why;
	int		 keep;

	for (c = item->children; c != NULL; c = c->next) {
		if (!is(c, NS_NONE, "category"))
			continue;
		dom = xmlGetProp(c, (const xmlChar *)"domain");
		nice = xmlGetProp(c, (const xmlChar *)"nicename");
		name = trimmed(text(r->a, c));
		keep = dom != NULL && (strcmp((char *)dom, "category") == 0 ||
		    strcmp((char *)dom, "post_tag") == 0);
		if (keep && strcmp((char *)dom, "category") == 0 &&
		    nice != NULL && strcmp((char *)nice, "uncategorized") == 0)
			keep = 0;
		else if (!keep)
			add(r->a, &it->notes, &it->nnotes, arena_printf(r->a,
			    "dropped %s \"%s\"", dom != NULL ? (char *)dom :
			    "category", name));
		else if ((why = strchr(name, ',') != NULL ? "it has a comma" :
		    tag_check(name)) != NULL || *name == '\0')
			add(r->a, &it->notes, &it->nnotes, arena_printf(r->a,
			    "dropped tag \"%s\": %s", name, why != NULL ? why :
			    "empty"));
		else if (it->ntags >= TAG_PER_ARTICLE)
			add(r->a, &it->notes, &it->nnotes, arena_printf(r->a,
			    "dropped tag \"%s\": more than %d", name,
			    TAG_PER_ARTICLE));
		else
			add(r->a, &it->tags, &it->ntags, name);
		xmlFree(dom);
		xmlFree(nice);
	}
}

/* The path of an absolute URL ("https://host/2019/03/x/?a" ->
 * "/2019/03/x/"), NULL if it has none but "/". */
static const char *
url_path(struct arena *a, const char *url)
{
	const char	*p;
	size_t		 n;

	if (url == NULL || (p = strstr(url, "://")) == NULL)
		return NULL;
	p += 3 + strcspn(p + 3, "/?#");
	n = strcspn(p, "?#");
	return n <= 1 ? NULL : arena_strndup(a, p, n);
}

/* A slug: WordPress's when Quire's rules take it, else one made from it
 * (percent-decoded: WordPress encodes UTF-8 there), from the title, or
 * from the kind and ID. */
static const char *
item_slug(struct rd *r, struct port_item *it, const char *wp,
    const char *id)
{
	char	*d, *s;
	size_t	 i, n = 0;

	if (wp == NULL || *wp == '\0')
		wp = "";
	else if (strspn(wp, "abcdefghijklmnopqrstuvwxyz0123456789-") ==
	    strlen(wp) && wp[0] != '-')
		return wp;
	d = arena_strdup(r->a, wp);
	for (i = 0; wp[i] != '\0'; i++)
		if (wp[i] == '%' && isxdigit((unsigned char)wp[i + 1]) &&
		    isxdigit((unsigned char)wp[i + 2])) {
			d[n++] = (char)strtol((char[]){ wp[i + 1], wp[i + 2],
			    '\0' }, NULL, 16);
			i += 2;
		} else
			d[n++] = wp[i];
	d[n] = '\0';
	if (*(s = post_slugify(r->a, d)) == '\0')
		s = post_slugify(r->a, it->title);
	if (*s == '\0')
		s = arena_printf(r->a, "%s-%s", it->kind == POST_PAGE ?
		    "page" : "post", id);
	if (*wp != '\0')
		add(r->a, &it->notes, &it->nnotes, arena_printf(r->a,
		    "slug \"%s\" is \"%s\" here", wp, s));
	return s;
}

static int
fail(struct rd *r, xmlNode *item, const char *id, const char *title,
    const char *why)
{
	r->error = arena_printf(r->a, "%s:%ld: item %s (\"%s\"): %s", r->name,
	    xmlGetLineNo(item), id, title, why);
	return -1;
}

/* One <item> of type post or page into it; -1 (r->error) if bad. */
static int
read_item(struct rd *r, xmlNode *item, const char *type, const char *st,
    struct port_item *it)
{
	struct html2md	 h;
	const char	*id, *v, *bad, *path;
	xmlNode		*c;
	size_t		 i, ncomments = 0;
	int		 rc;

	id = field(r->a, item, NS_WP, "post_id");
	if (id == NULL || *id == '\0' || strspn(id, "0123456789") !=
	    strlen(id))
		id = "?";
	it->kind = strcmp(type, "page") == 0 ? POST_PAGE : POST_ARTICLE;
	it->source = arena_printf(r->a, "item %s", id);
	it->line = xmlGetLineNo(item);
	it->title = field(r->a, item, NS_NONE, "title");
	if (it->title == NULL)
		it->title = "";
	v = text(r->a, child(item, NS_CONTENT, "encoded"));
	if (html2md(r->a, v, strlen(v), &h) == -1)
		return fail(r, item, id, it->title, "cannot read the body");
	it->body = h.md;
	for (i = 0; i < h.nnotes; i++)
		add(r->a, &it->notes, &it->nnotes, h.notes[i]);
	v = text(r->a, child(item, NS_EXCERPT, "encoded"));
	if (html2md(r->a, v, strlen(v), &h) == -1)
		return fail(r, item, id, it->title, "cannot read the excerpt");
	it->excerpt = h.md;
	for (i = 0; i < h.nnotes; i++)
		add(r->a, &it->notes, &it->nnotes, arena_printf(r->a,
		    "excerpt: %s", h.notes[i]));
	if (*it->title == '\0' && *it->body == '\0')
		return fail(r, item, id, it->title, "no title and no body");
	if (*it->title == '\0') {
		it->title = md_plain(r->a, it->body, strlen(it->body),
		    TITLE_MAX);
		add(r->a, &it->notes, &it->nnotes,
		    "no title: made from the body");
	}
	it->slug = item_slug(r, it, field(r->a, item, NS_WP, "post_name"),
	    id);
	it->author = author(r, field(r->a, item, NS_DC, "creator"));

	it->status = strcmp(st, "publish") == 0 || strcmp(st, "future") == 0 ?
	    "published" : "draft";
	if (strcmp(st, "private") == 0)
		add(r->a, &it->notes, &it->nnotes,
		    "private in WordPress: imported as a draft");
	if ((v = field(r->a, item, NS_WP, "post_password")) != NULL &&
	    *v != '\0' && strcmp(it->status, "published") == 0) {
		it->status = "draft";
		add(r->a, &it->notes, &it->nnotes,
		    "had a password in WordPress: imported as a draft");
	}
	if ((rc = item_date(r, item, it, "post_date_gmt", "post_date",
	    &it->published_at, &bad)) == -1)
		return fail(r, item, id, it->title, arena_printf(r->a,
		    "bad date in wp:%s", bad));
	it->has_date = rc;
	if (!rc && strcmp(st, "publish") == 0)
		return fail(r, item, id, it->title, "published with no date");
	if ((rc = item_date(r, item, it, "post_modified_gmt",
	    "post_modified", &it->updated_at, &bad)) == -1)
		return fail(r, item, id, it->title, arena_printf(r->a,
		    "bad date in wp:%s", bad));
	it->has_updated = rc;

	item_tags(r, item, it);
	if ((path = url_path(r->a, field(r->a, item, NS_NONE, "link"))) !=
	    NULL)
		add(r->a, &it->aliases, &it->naliases, path);
	if (strcmp(id, "?") != 0) {
		add(r->a, &it->aliases, &it->naliases, arena_printf(r->a,
		    "/?p=%s", id));
		if (it->kind == POST_PAGE)
			add(r->a, &it->aliases, &it->naliases,
			    arena_printf(r->a, "/?page_id=%s", id));
	}
	for (c = item->children; c != NULL; c = c->next)
		ncomments += is(c, NS_WP, "comment");
	if (ncomments > 0)
		add(r->a, &it->notes, &it->nnotes, arena_printf(r->a,
		    "comments not imported (%zu)", ncomments));
	return 0;
}

/* The channel's authors, for their display names. */
static void
read_authors(struct rd *r, xmlNode *ch)
{
	xmlNode		*c;
	const char	*login, *name;

	for (c = ch->children; c != NULL; c = c->next) {
		if (!is(c, NS_WP, "author") ||
		    (login = field(r->a, c, NS_WP, "author_login")) == NULL)
			continue;
		name = field(r->a, c, NS_WP, "author_display_name");
		r->authors = arena_grow(r->a, r->authors, r->nauthors,
		    &r->capauthors, sizeof(*r->authors));
		r->authors[r->nauthors].login = login;
		r->authors[r->nauthors++].name = name != NULL && *name != '\0' ?
		    name : login;
	}
}

/* The items of the channel; -1 (r->error) at the first bad one. */
static int
read_channel(struct rd *r, xmlNode *ch, struct port_set *set,
    struct wxr_report *rep)
{
	static const char *const statuses[] = { "publish", "future", "draft",
	    "pending", "private" };
	xmlNode		*c;
	const char	*type, *st;
	size_t		 i;

	read_authors(r, ch);
	for (c = ch->children; c != NULL; c = c->next) {
		if (!is(c, NS_NONE, "item"))
			continue;
		type = field(r->a, c, NS_WP, "post_type");
		st = field(r->a, c, NS_WP, "status");
		if (type == NULL || (strcmp(type, "post") != 0 &&
		    strcmp(type, "page") != 0)) {
			skip(r, type != NULL ? type : "item with no type");
			continue;
		}
		for (i = 0; st != NULL && i < sizeof(statuses) /
		    sizeof(statuses[0]); i++)
			if (strcmp(st, statuses[i]) == 0)
				break;
		if (st == NULL || i == sizeof(statuses) / sizeof(statuses[0])) {
			skip(r, arena_printf(r->a, "%s with status %s", type,
			    st != NULL ? st : "(none)"));
			continue;
		}
		if (read_item(r, c, type, st, port_set_add(r->a, set)) == -1)
			return -1;
		if (strcmp(type, "page") == 0)
			rep->pages++;
		else
			rep->posts++;
	}
	return 0;
}

/* libxml2's errors: the first one is the one to show (after it, the
 * parser reports what followed from it: "Premature end of data"). */
static void
xml_error(void *ctxp, xmlErrorPtr e)
{
	struct rd	*r = ((xmlParserCtxtPtr)ctxp)->_private;

	if (r->xml_msg == NULL && e != NULL && e->level >= XML_ERR_ERROR) {
		r->xml_line = e->line;
		r->xml_msg = arena_strdup(r->a, e->message != NULL ?
		    e->message : "not XML");
	}
}

int
wxr_read(struct arena *a, const char *name, const char *data, size_t len,
    struct port_set *set, struct wxr_report *rep)
{
	struct rd		 r;
	xmlParserCtxtPtr	 ctx = NULL;
	xmlDocPtr		 doc = NULL;
	xmlNode			*root, *ch;
	const char		*v;
	size_t			 n0 = set->n, i, len0;
	int			 rc = -1;

	memset(&r, 0, sizeof(r));
	memset(rep, 0, sizeof(*rep));
	r.a = a;
	r.name = name;
	if (len > (size_t)WXR_MAX_BYTES) {
		r.error = arena_printf(a, "%s: larger than %ld bytes", name,
		    WXR_MAX_BYTES);
		goto out;
	}
	if ((ctx = xmlNewParserCtxt()) == NULL) {
		r.error = arena_printf(a, "%s: libxml2 has no memory", name);
		goto out;
	}
	ctx->_private = &r;
	ctx->sax->serror = xml_error;
	/* No network, no DTD, no entity from outside; CDATA as text. */
	doc = xmlCtxtReadMemory(ctx, data, (int)len, name, NULL,
	    XML_PARSE_NONET | XML_PARSE_NOCDATA);
	if (doc == NULL || r.xml_msg != NULL) {
		v = r.xml_msg != NULL ? r.xml_msg : "not XML";
		len0 = strlen(v);
		while (len0 > 0 && isspace((unsigned char)v[len0 - 1]))
			len0--;
		r.error = arena_printf(a, "%s:%d: %.*s", name, r.xml_line,
		    (int)len0, v);
		goto out;
	}
	if (doc->intSubset != NULL) {
		r.error = arena_printf(a, "%s: a DOCTYPE has no place in a "
		    "WordPress export", name);
		goto out;
	}
	root = xmlDocGetRootElement(doc);
	ch = root != NULL && is(root, NS_NONE, "rss") ?
	    child(root, NS_NONE, "channel") : NULL;
	if (ch == NULL || (v = field(a, ch, NS_WP, "wxr_version")) == NULL ||
	    strncmp(v, "1.", 2) != 0) {
		r.error = arena_printf(a, "%s: not a WordPress export (WXR 1.x: "
		    "an rss channel with wp:wxr_version)", name);
		goto out;
	}
	rc = read_channel(&r, ch, set, rep);
	rep->skipped = arena_calloc(a, r.nskip + 1, sizeof(*rep->skipped));
	for (i = 0; i < r.nskip; i++)
		rep->skipped[i] = arena_printf(a, "%s (%zu)", r.skip[i].what,
		    r.skip[i].n);
	rep->nskipped = r.nskip;
out:
	if (rc == -1) {
		set->n = n0;
		rep->posts = rep->pages = 0;
		rep->error = r.error;	/* the caller's to say: bad input */
	}
	xmlFreeDoc(doc);
	xmlFreeParserCtxt(ctx);
	return rc;
}

int
wxr_read_file(struct arena *a, const char *path, const char *name,
    struct port_set *set, struct wxr_report *rep)
{
	FILE	*f;
	char	*data = NULL;
	size_t	 len = 0, cap = 0, n;
	int	 rc = -1;

	memset(rep, 0, sizeof(*rep));
	if (name == NULL)
		name = path;
	if ((f = fopen(path, "rb")) == NULL) {
		rep->error = arena_printf(a, "%s: %s", name, strerror(errno));
		log_err("%s: %s", __func__, rep->error);
		return -1;
	}
	do {
		if (len == cap) {
			cap = cap == 0 ? 65536 : cap * 2;
			if ((data = realloc(data, cap)) == NULL) {
				log_err("%s: out of memory", __func__);
				abort();
			}
		}
		n = fread(data + len, 1, cap - len, f);
		len += n;
	} while (n > 0 && len <= (size_t)WXR_MAX_BYTES);
	if (ferror(f)) {
		rep->error = arena_printf(a, "%s: %s", name, strerror(errno));
		log_err("%s: %s", __func__, rep->error);
	} else
		rc = wxr_read(a, name, data, len, set, rep);
	fclose(f);
	free(data);
	return rc;
}
