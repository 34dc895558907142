/*
 * fuzz_sitemap: the sitemap writer (src/sitemap.c) with the addresses an
 * author's input makes: each line of the input is a path, its lastmod and
 * year taken from its bytes. Lines a path cannot be are skipped: not
 * valid UTF-8, a control character, or U+FFFE/U+FFFF, which XML cannot
 * hold (h_sitemap.c's paths are built from slugs: ASCII, and tag slugs
 * percent-encoded, tag.c refusing noncharacters anyway). The <urlset> of all, of each year, and the
 * <sitemapindex> must parse with libxml2, strict (no recovery, no
 * network), and give back exactly what went in: one <url> per address in
 * order, each <loc> the base and the path, each <lastmod> the W3C time of
 * date_iso(); the index one <sitemap> per distinct year, newest first,
 * with the latest lastmod of its year.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>

#include "arena.h"
#include "buf.h"
#include "date.h"
#include "req.h"
#include "sitemap.h"
#include "fuzz.h"

static struct arena	arena;
static int		arena_ready;

static const char *const bases[] = {
	"https://ex.org",
	"http://a.example:8080/blog",
};

/* The text of the child element name of node, or NULL. Owned by libxml2
 * (xmlFree). */
static xmlChar *
child_text(xmlNodePtr node, const char *name)
{
	xmlNodePtr	 c;

	for (c = node->children; c != NULL; c = c->next)
		if (c->type == XML_ELEMENT_NODE &&
		    strcmp((const char *)c->name, name) == 0)
			return xmlNodeGetContent(c);
	return NULL;
}

/* Checks that one <loc> (and <lastmod>) says base + path and t. */
static void
check_entry(xmlNodePtr node, const char *base, const char *path,
    long long t)
{
	xmlChar		*loc, *mod;
	size_t		 bl = strlen(base);

	loc = child_text(node, "loc");
	CHECK(loc != NULL);
	CHECK(strncmp((const char *)loc, base, bl) == 0);
	CHECK(strcmp((const char *)loc + bl, path) == 0);
	xmlFree(loc);
	mod = child_text(node, "lastmod");
	if (t > 0) {
		CHECK(mod != NULL);
		CHECK(strcmp((const char *)mod, date_iso(&arena, t)) == 0);
	} else
		CHECK(mod == NULL);
	xmlFree(mod);
}

/* Parses b strictly; its root must be root. The caller frees the doc. */
static xmlDocPtr
parse(const struct buf *b, const char *root)
{
	xmlDocPtr	 doc;
	xmlNodePtr	 r;

	doc = xmlReadMemory(b->data, (int)b->len, "sitemap.xml", NULL,
	    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	CHECK(doc != NULL);
	r = xmlDocGetRootElement(doc);
	CHECK(r != NULL && strcmp((const char *)r->name, root) == 0);
	return doc;
}

/* The urlset of year (0: all) holds exactly sm's addresses of that year. */
static void
check_urlset(const struct sitemap *sm, const char *base, int year)
{
	struct buf	 b;
	xmlDocPtr	 doc;
	xmlNodePtr	 c;
	size_t		 i = 0;

	buf_init(&b);
	sitemap_urlset(&b, base, sm, year);
	doc = parse(&b, "urlset");
	for (c = xmlDocGetRootElement(doc)->children; c != NULL; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		CHECK(strcmp((const char *)c->name, "url") == 0);
		while (i < sm->n && year != 0 && sm->u[i].year != year)
			i++;
		CHECK(i < sm->n);
		check_entry(c, base, sm->u[i].path, sm->u[i].lastmod);
		i++;
	}
	while (i < sm->n && year != 0 && sm->u[i].year != year)
		i++;
	CHECK(i == sm->n);
	xmlFreeDoc(doc);
	buf_free(&b);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct sitemap		 sm;
	struct sitemap_year	*y;
	struct buf		 b;
	xmlDocPtr		 doc;
	xmlNodePtr		 c;
	const char		*in = (const char *)data, *end = in + size;
	const char		*nl, *base;
	char			*path;
	unsigned long long	 h;
	size_t			 i, k, ny, len;
	long long		 latest;

	if (!arena_ready) {
		arena_init(&arena);
		arena_ready = 1;
	}
	if (size == 0)
		return 0;
	base = bases[data[0] % 2];
	sitemap_init(&sm, &arena);
	for (in++; in < end; in = nl + 1) {
		if ((nl = memchr(in, '\n', (size_t)(end - in))) == NULL)
			nl = end;
		len = (size_t)(nl - in);
		if (!req_text_valid(in, len))
			continue;
		for (i = 0; i < len; i++)
			if ((unsigned char)in[i] < 0x20 || in[i] == 0x7f ||
			    (i + 2 < len && memcmp(in + i, "\xef\xbf", 2) == 0 &&
			    ((unsigned char)in[i + 2] & 0xfe) == 0xbe))
				break;
		if (i < len)
			continue;
		path = arena_strndup(&arena, in, len);
		/* FNV-1a of the line: its lastmod (0 to the end of 9999,
		 * 0 meaning none) and its year. */
		for (h = 1469598103934665603ULL, i = 0; i < len; i++)
			h = (h ^ (unsigned char)in[i]) * 1099511628211ULL;
		sitemap_add(&sm, path, (long long)(h % 253402300800ULL),
		    1990 + (int)(h >> 60));
	}

	check_urlset(&sm, base, 0);
	ny = sitemap_years(&sm, &y);
	for (k = 0; k < ny; k++) {
		CHECK(k == 0 || y[k - 1].year > y[k].year);
		latest = 0;
		for (i = 0; i < sm.n; i++)
			if (sm.u[i].year == y[k].year &&
			    sm.u[i].lastmod > latest)
				latest = sm.u[i].lastmod;
		CHECK(y[k].lastmod == latest);
		check_urlset(&sm, base, y[k].year);
	}

	buf_init(&b);
	sitemap_index(&b, &arena, base, y, ny);
	doc = parse(&b, "sitemapindex");
	k = 0;
	for (c = xmlDocGetRootElement(doc)->children; c != NULL; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		CHECK(strcmp((const char *)c->name, "sitemap") == 0);
		CHECK(k < ny);
		check_entry(c, base, arena_printf(&arena, "/sitemap-%04d.xml",
		    y[k].year), y[k].lastmod);
		k++;
	}
	CHECK(k == ny);
	xmlFreeDoc(doc);
	buf_free(&b);
	arena_reset(&arena);
	return 0;
}
