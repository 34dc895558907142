/*
 * httpcache: validators and freshness. The ETag hashes everything a page
 * is drawn from: the binary, the templates, the static files' version,
 * every setting, the address and
 * the stamp's key; Last-Modified is the latest of the rows' changes, the
 * settings' last save and when the templates were read, so it never goes
 * back.
 */
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "date.h"
#include "db_stamp.h"
#include "httpcache.h"
#include "sitecache.h"
#include "tmpl.h"
#include "version.h"
#include "view.h"

static void
hash_str(crypto_generichash_state *h, const char *s)
{
	crypto_generichash_update(h, (const unsigned char *)s, strlen(s) + 1);
}

/* The strong ETag of a reader page. */
static const char *
etag(struct ctx *c)
{
	crypto_generichash_state	 h;
	unsigned char			 out[16];
	char				 hex[sizeof(out) * 2 + 1];
	unsigned long long		 fp;
	int				 i, year, month;

	crypto_generichash_init(&h, NULL, 0, sizeof(out));
	hash_str(&h, QUIRE_VERSION);
	fp = tmpl_set_fingerprint(c->app->tmpl);
	crypto_generichash_update(&h, (const unsigned char *)&fp, sizeof(fp));
	/* The static files' version, in every page's links. */
	hash_str(&h, c->app->view->static_v);
	/* The footer's year. */
	date_year_month(c->now, &year, &month);
	crypto_generichash_update(&h, (const unsigned char *)&year,
	    sizeof(year));
	/* What the settings say, not when they or the content changed:
	 * the times only set Last-Modified's floor. Hashed once a load
	 * (sitecache.c). */
	crypto_generichash_update(&h, sitecache_digest(c->app->site),
	    SITECACHE_DIGEST);
	hash_str(&h, c->req->path);
	for (i = 0; i < QF__MAX; i++)
		hash_str(&h, c->req->query[i] != NULL && (c->query & (1u << i)) ?
		    c->req->query[i] : "");
	crypto_generichash_update(&h, c->stamp.key, sizeof(c->stamp.key));
	crypto_generichash_final(&h, out, sizeof(out));
	sodium_bin2hex(hex, sizeof(hex), out, sizeof(out));
	return arena_printf(c->a, "\"%s\"", hex);
}

/* Does an If-None-Match list hold tag (or "*")? Weak comparison, as the
 * standard asks for GET. */
static int
etag_listed(const char *list, const char *tag)
{
	const char	*p = list, *q;
	size_t		 tlen = strlen(tag);

	while (*p != '\0') {
		while (*p == ' ' || *p == ',' || *p == '\t')
			p++;
		if (*p == '*')
			return 1;
		if (strncmp(p, "W/", 2) == 0)
			p += 2;
		q = p + strcspn(p, ",");
		while (q > p && (q[-1] == ' ' || q[-1] == '\t'))
			q--;
		if ((size_t)(q - p) == tlen && strncmp(p, tag, tlen) == 0)
			return 1;
		p += strcspn(p, ",");
	}
	return 0;
}

int
httpcache_check(struct ctx *c)
{
	const char	*tag = etag(c);
	long long	 lm = c->stamp.last_mod, t;

	/* Settings and templates show on every page; and any change of
	 * content (an article leaving a page too) is a floor, so that the
	 * time never goes back. */
	if ((t = atoll(c->site.v[SET_UPDATED_AT])) > lm)
		lm = t;
	if ((t = atoll(c->site.v[SET_CHANGED_AT])) > lm)
		lm = t;
	if (c->app->started > lm)
		lm = c->app->started;
	resp_header(c->resp, "ETag", tag);
	resp_header(c->resp, "Last-Modified", date_http(c->a, lm));
	if (c->req->if_none_match != NULL)
		return etag_listed(c->req->if_none_match, tag);
	return c->req->if_modified_since >= lm;
}

void
httpcache_control(struct ctx *c, int status)
{
	long long	 next, age;

	if (c->kind != RK_READER) {
		resp_header(c->resp, "Cache-Control", "no-store");
		return;
	}
	if (status != 200 && status != 301 && status != 304) {
		resp_header(c->resp, "Cache-Control", "no-cache");
		return;
	}
	/* Reader pages may be kept by browsers and shared caches for
	 * max-age, but never past the moment the next scheduled article
	 * goes live, which changes the home page and the archive. */
	age = c->app->cfg->max_age;
	if ((next = sitecache_next_scheduled(c->app->site, c->app->db,
	    c->now)) > 0 &&
	    next - c->now < age)
		age = next - c->now;
	resp_header(c->resp, "Cache-Control", arena_printf(c->a,
	    "public, max-age=%lld", age));
}
