/*
 * sitemap: the addresses of a sitemap and their XML (sitemap.h). The XML
 * is escaped by html_text(), whose five entities are XML's too.
 */
#include <string.h>

#include "date.h"
#include "html.h"
#include "sitemap.h"

#define XML_HEAD "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
#define XMLNS	"xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\""

void
sitemap_init(struct sitemap *sm, struct arena *a)
{
	memset(sm, 0, sizeof(*sm));
	sm->a = a;
}

void
sitemap_add(struct sitemap *sm, const char *path, long long lastmod,
    int year)
{
	sm->u = arena_grow(sm->a, sm->u, sm->n, &sm->cap, sizeof(*sm->u));
	sm->u[sm->n].path = path;
	sm->u[sm->n].lastmod = lastmod;
	sm->u[sm->n].year = year;
	sm->n++;
}

int
sitemap_split(long long n, size_t max)
{
	return n > (long long)max;
}

size_t
sitemap_years(const struct sitemap *sm, struct sitemap_year **out)
{
	struct sitemap_year	*y, t;
	size_t			 i, k, n = 0;

	y = arena_calloc(sm->a, sm->n + 1, sizeof(*y));
	for (i = 0; i < sm->n; i++) {
		for (k = 0; k < n && y[k].year != sm->u[i].year; k++)
			;
		if (k == n)
			y[n++].year = sm->u[i].year;
		if (sm->u[i].lastmod > y[k].lastmod)
			y[k].lastmod = sm->u[i].lastmod;
		/* Keep newest first: move it up past older years. */
		for (; k > 0 && y[k - 1].year < y[k].year; k--) {
			t = y[k - 1];
			y[k - 1] = y[k];
			y[k] = t;
		}
	}
	*out = y;
	return n;
}

static void
put_loc(struct buf *b, const char *base, const char *path, long long lastmod,
    struct arena *a)
{
	buf_puts(b, "<loc>");
	html_text(b, base, strlen(base));
	html_text(b, path, strlen(path));
	buf_puts(b, "</loc>");
	if (lastmod > 0) {
		buf_puts(b, "<lastmod>");
		buf_puts(b, date_iso(a, lastmod));
		buf_puts(b, "</lastmod>");
	}
}

void
sitemap_urlset(struct buf *b, const char *base, const struct sitemap *sm,
    int year)
{
	size_t	 i;

	buf_puts(b, XML_HEAD "<urlset " XMLNS ">\n");
	for (i = 0; i < sm->n; i++) {
		if (year != 0 && sm->u[i].year != year)
			continue;
		buf_puts(b, "<url>");
		put_loc(b, base, sm->u[i].path, sm->u[i].lastmod, sm->a);
		buf_puts(b, "</url>\n");
	}
	buf_puts(b, "</urlset>\n");
}

void
sitemap_index(struct buf *b, struct arena *a, const char *base,
    const struct sitemap_year *y, size_t n)
{
	size_t	 i;

	buf_puts(b, XML_HEAD "<sitemapindex " XMLNS ">\n");
	for (i = 0; i < n; i++) {
		buf_puts(b, "<sitemap>");
		put_loc(b, base, arena_printf(a, "/sitemap-%04d.xml",
		    y[i].year), y[i].lastmod, a);
		buf_puts(b, "</sitemap>\n");
	}
	buf_puts(b, "</sitemapindex>\n");
}
