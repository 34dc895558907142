/*
 * h_robots: /robots.txt is the robots setting as the author wrote it, then
 * always a Sitemap line with the sitemap's absolute address (from the base
 * URL), so crawlers find it whatever the text says.
 */
#include <string.h>

#include "h_robots.h"
#include "view.h"

/* The page is the settings alone, which every ETag hashes. */
int
h_robots_stamp(struct ctx *c)
{
	memset(&c->stamp, 0, sizeof(c->stamp));
	c->stamp.rows = 1;
	return 0;
}

int
h_robots(struct ctx *c)
{
	const char	*text = c->site.v[SET_ROBOTS];
	size_t		 len = strlen(text);

	c->resp->ctype = "text/plain; charset=utf-8";
	buf_put(&c->resp->body, text, len);
	if (len > 0 && text[len - 1] != '\n')
		buf_putc(&c->resp->body, '\n');
	buf_puts(&c->resp->body, "Sitemap: ");
	buf_puts(&c->resp->body, view_abs_url(c, "/sitemap.xml"));
	buf_putc(&c->resp->body, '\n');
	return 200;
}
