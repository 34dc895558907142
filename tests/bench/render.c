/*
 * render: in-process times for `make bench`, in microseconds of CPU time,
 * linked with quire's own objects (every build/obj/ object but main.o).
 * Run it from the top folder.
 *
 *   render ARTICLE.md DB ARTICLE-URL [URL...]
 *
 * ARTICLE.md is one article's Markdown (about 6 KB), ARTICLE-URL the page
 * of that article, DB a bench database (its settings give the site's note
 * and disclaimer). It prints "key value" lines, each the median of 15
 * batches of about 50 ms (the article's five taken in turn, so that their
 * differences hold on a noisy machine):
 *
 *   md_us          md_render() of the article alone (cmark, safe mode)
 *   article_us     one article rendered: md_render() and the "article"
 *                  template over a value tree like h_article() builds,
 *                  with the site's note and disclaimer rendered once,
 *                  outside the loop
 *   article_site_us  the same, also rendering the site's note and
 *                  disclaimer Markdown: what view_page() would spend on
 *                  every page if the worker did not keep them rendered
 *   req_us URL     the whole of app_handle() for GET URL against DB:
 *                  parse, route, queries, render, headers (log level warn,
 *                  so no access-log line is written)
 *   req_cold_us URL  the same after letting go what the worker kept
 *                  rendered (rcache.h): its first request after a save
 *   req304_us URL  the same with If-None-Match: the ETag of the first
 *                  answer ("n/a" when there is no ETag)
 *   bytes URL      size of the answer, headers included
 *   ref_us         md_render() of the file named by $BENCH_REF (else of
 *                  ARTICLE.md): the same work in every run, so a change
 *                  in it is a change in the machine's speed
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app.h"
#include "auth.h"
#include "date.h"
#include "db.h"
#include "db_setting.h"
#include "log.h"
#include "markdown.h"
#include "rcache.h"
#include "tmpl.h"

#define BATCHES	15	/* of about 50 ms; the median resists a noisy neighbour */

struct bench {
	struct tmpl_set	*set;
	int		 idx;
	struct arena	 a;		/* reset each iteration */
	struct buf	 out;
	const char	*md;
	size_t		 mdlen;
	const char	*ref;		/* $BENCH_REF, the same text every run */
	size_t		 reflen;
	struct tv	*site;		/* prebuilt, in its own arena */
	struct settings	 s;
	/* app_handle() */
	struct app	*app;
	char		*env[16];
	size_t		 got;
	char		 head[4096];
	size_t		 headlen;
};

/* CPU time, not wall time: another process on the machine then takes
 * turns with the program without lengthening what it measures. */
static double
now_us(void)
{
	struct timespec	 ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec * 1e6 + (double)ts.tv_nsec / 1e3;
}

static int
cmp(const void *a, const void *b)
{
	double	 x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

typedef void	(*bench_fn)(struct bench *);

/* Calls of fn that take about 50 ms (at least 3), after a warm-up. */
static long
calibrate(bench_fn fn, struct bench *b)
{
	double	 t0;
	long	 n = 0;

	t0 = now_us();
	while (now_us() - t0 < 30000 || n < 3) {
		fn(b);
		n++;
	}
	n = (long)(50000.0 / ((now_us() - t0) / (double)n));
	return n < 3 ? 3 : n;
}

static double
batch(bench_fn fn, struct bench *b, long n)
{
	double	 t0;
	long	 i;

	t0 = now_us();
	for (i = 0; i < n; i++)
		fn(b);
	return (now_us() - t0) / (double)n;
}

/* Median over batches of the µs one call of fn takes. */
static double
measure(bench_fn fn, struct bench *b)
{
	double	 per[BATCHES];
	long	 n, k;

	n = calibrate(fn, b);
	for (k = 0; k < BATCHES; k++)
		per[k] = batch(fn, b, n);
	qsort(per, BATCHES, sizeof(per[0]), cmp);
	return per[BATCHES / 2];
}

/* The same for several functions, their batches taken in turn, so a slow
 * moment of the machine weighs on all of them alike and their differences
 * hold. */
static void
measure_set(const bench_fn *fn, int nfn, struct bench *b, double *out)
{
	double	 per[8][BATCHES];
	long	 n[8], k;
	int	 j;

	for (j = 0; j < nfn; j++)
		n[j] = calibrate(fn[j], b);
	for (k = 0; k < BATCHES; k++)
		for (j = 0; j < nfn; j++)
			per[j][k] = batch(fn[j], b, n[j]);
	for (j = 0; j < nfn; j++) {
		qsort(per[j], BATCHES, sizeof(per[j][0]), cmp);
		out[j] = per[j][BATCHES / 2];
	}
}

static char *
slurp(const char *path, size_t *len)
{
	FILE	*f;
	char	*p;
	long	 n;

	if ((f = fopen(path, "rb")) == NULL || fseek(f, 0, SEEK_END) != 0 ||
	    (n = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) != 0 ||
	    (p = malloc((size_t)n + 1)) == NULL ||
	    fread(p, 1, (size_t)n, f) != (size_t)n) {
		fprintf(stderr, "render: cannot read %s\n", path);
		exit(1);
	}
	fclose(f);
	p[n] = '\0';
	*len = (size_t)n;
	return p;
}

static void
set_md(struct arena *a, struct tv *map, const char *key, const char *md)
{
	struct safe_html	 h = { "", 0 };

	if (md_render(a, md, strlen(md), &h) == -1)
		exit(1);
	tv_html(a, map, key, h);
}

/* The "site" part of every page, as view_page() fills it. */
static struct tv *
site_tv(struct arena *a, const struct settings *s)
{
	struct tv	*site;

	site = tv_map(a);
	tv_text(a, site, "title", s->v[SET_TITLE]);
	tv_text(a, site, "subtitle", s->v[SET_SUBTITLE]);
	set_md(a, site, "contribute_note", s->v[SET_CONTRIBUTE]);
	set_md(a, site, "disclaimer", s->v[SET_DISCLAIMER]);
	tv_int(a, site, "year", 2025);
	tv_bool(a, site, "share_x", 1);
	tv_bool(a, site, "share_linkedin", 1);
	tv_bool(a, site, "share_facebook", 1);
	tv_bool(a, site, "share_any", 1);
	return site;
}

static void
bench_md(struct bench *b)
{
	struct safe_html	 h;

	if (md_render(&b->a, b->md, b->mdlen, &h) == -1)
		exit(1);
	arena_reset(&b->a);
}

static void
bench_ref(struct bench *b)
{
	struct safe_html	 h;

	if (md_render(&b->a, b->ref, b->reflen, &h) == -1)
		exit(1);
	arena_reset(&b->a);
}

/* What h_article() builds, then the template. */
static void
article_page(struct bench *b, struct tv *site)
{
	struct safe_html	 body;
	struct tv		*root, *page, *nav, *m, *nb;
	long long		 t = 1466337600;	/* 2016-06-19 */
	size_t			 words;
	struct arena		*a = &b->a;

	if (md_render(a, b->md, b->mdlen, &body) == -1)
		exit(1);
	words = md_words(b->md, b->mdlen);
	root = tv_map(a);
	tv_set(a, root, "site", site);
	page = tv_map(a);
	tv_text(a, page, "title", arena_printf(a, "%s \xe2\x80\x93 %s",
	    "Notes on Quiet Bridges", b->s.v[SET_TITLE]));
	tv_text(a, page, "canonical",
	    "http://127.0.0.1/2016/06/notes-on-quiet-bridges-50000");
	tv_set(a, root, "page", page);
	nav = tv_map(a);
	tv_bool(a, nav, "archive", 1);
	tv_set(a, root, "nav", nav);
	m = tv_map(a);
	tv_text(a, m, "title", "Notes on Quiet Bridges");
	tv_text(a, m, "date", date_human(a, t));
	tv_text(a, m, "datetime", date_iso(a, t));
	tv_text(a, m, "author", b->s.v[SET_AUTHOR]);
	tv_int(a, m, "minutes", (long long)((words + 229) / 230));
	tv_html(a, m, "body", body);
	tv_text(a, m, "abs_url",
	    "http://127.0.0.1/2016/06/notes-on-quiet-bridges-50000");
	tv_text(a, m, "archive_url", arena_printf(a, "/archive/%d/%02d",
	    2016, 6));
	tv_text(a, m, "archive_month", arena_printf(a, "%s %d",
	    date_month_name(6), 2016));
	tv_set(a, root, "article", m);
	nb = tv_map(a);
	tv_text(a, nb, "title", "Why Patience Broken Habit Morning?");
	tv_text(a, nb, "url", "/2016/06/why-patience-broken-habit-morning-49999");
	tv_set(a, root, "prev", nb);
	nb = tv_map(a);
	tv_text(a, nb, "title", "Stone Clock in Porto");
	tv_text(a, nb, "url", "/2016/06/stone-clock-in-porto-50001");
	tv_set(a, root, "next", nb);
	if (tmpl_render(b->set, b->idx, root, &b->out) == -1)
		exit(1);
	buf_reset(&b->out);
	arena_reset(a);
}

static void
bench_article(struct bench *b)
{
	article_page(b, b->site);
}

static void
bench_article_site(struct bench *b)
{
	/* Built in the iteration's arena: reset with the rest. */
	article_page(b, site_tv(&b->a, &b->s));
}

static long
no_body(void *ctx, char *p, size_t n)
{
	(void)ctx;
	(void)p;
	(void)n;
	return 0;
}

static int
collect(void *ctx, const char *p, size_t n)
{
	struct bench	*b = ctx;
	size_t		 k;

	if (b->headlen + 1 < sizeof(b->head)) {
		k = sizeof(b->head) - 1 - b->headlen;
		if (k > n)
			k = n;
		memcpy(b->head + b->headlen, p, k);
		b->headlen += k;
		b->head[b->headlen] = '\0';
	}
	b->got += n;
	return 0;
}

static void
bench_req(struct bench *b)
{
	b->got = 0;
	b->headlen = 0;
	app_handle(b->app, b->env, no_body, NULL, collect, b);
}

/* The conditional request (If-None-Match in b->env): bench_req() under
 * a name of its own, for callgrind's --toggle-collect=bench_req304. */
static void
bench_req304(struct bench *b)
{
	bench_req(b);
}

/* The worker's first request after a change: what it kept rendered let
 * go (the settings stay: they are read again only when changed). */
static void
bench_req_cold(struct bench *b)
{
	rcache_clear(b->app->rcache);
	bench_req(b);
}

/* The CGI environment of GET url, in b->env (uri and qs hold strings). */
static void
set_env(struct bench *b, const char *url, char *uri, size_t urisz, char *qs,
    size_t qssz)
{
	const char	*q;
	int		 n = 0;

	snprintf(uri, urisz, "REQUEST_URI=%s", url);
	q = strchr(url, '?');
	snprintf(qs, qssz, "QUERY_STRING=%s", q != NULL ? q + 1 : "");
	b->env[n++] = "REQUEST_METHOD=GET";
	b->env[n++] = uri;
	b->env[n++] = qs;
	b->env[n++] = "SCRIPT_NAME=";
	b->env[n++] = "SERVER_PROTOCOL=HTTP/1.1";
	b->env[n++] = "GATEWAY_INTERFACE=CGI/1.1";
	b->env[n++] = "SERVER_NAME=127.0.0.1";
	b->env[n++] = "SERVER_PORT=80";
	b->env[n++] = "HTTP_HOST=127.0.0.1";
	b->env[n++] = "REMOTE_ADDR=127.0.0.1";
	b->env[n] = NULL;
}

int
main(int argc, char *argv[])
{
	static struct bench	 b;
	struct arena		 site_arena;
	struct config		 cfg;
	struct app		 app;
	struct db		*db;
	char			 uri[1024], qs[1024], inm[300], *q, *e;
	const char		*tag;
	const bench_fn		 fns[] = { bench_md, bench_article,
				    bench_article_site, bench_req, bench_ref };
	double			 us[5];
	const char		*ref = getenv("BENCH_REF");
	int			 i, n;

	if (argc < 4) {
		fprintf(stderr, "usage: render ARTICLE.md DB ARTICLE-URL "
		    "[URL...]\n");
		return 2;
	}
	log_init(LOG_WARN);
	b.md = slurp(argv[1], &b.mdlen);
	if (ref != NULL && *ref != '\0')
		b.ref = slurp(ref, &b.reflen);
	else {
		b.ref = b.md;
		b.reflen = b.mdlen;
	}
	arena_init(&b.a);
	arena_init(&site_arena);
	buf_init(&b.out);
	if ((b.set = tmpl_set_load_dir("templates")) == NULL ||
	    (b.idx = tmpl_find(b.set, "article")) == -1) {
		fprintf(stderr, "render: cannot load templates/article.html\n");
		return 1;
	}
	if ((db = db_open(argv[2], 0)) == NULL || db_prepare(db) == -1 ||
	    db_setting_load(db, &site_arena, &b.s) == -1)
		return 1;
	b.site = site_tv(&site_arena, &b.s);
	db_close(db);

	config_defaults(&cfg);
	cfg.db_path = argv[2];
	cfg.workers = 1;
	if (app_init(&app, &cfg) == -1 || auth_init() == -1 ||
	    app_open_db(&app) == -1)
		return 1;
	b.app = &app;
	for (i = 3; i < argc; i++) {
		set_env(&b, argv[i], uri, sizeof(uri), qs, sizeof(qs));
		bench_req(&b);
		if (strncmp(b.head, "Status: 200", 11) != 0) {
			fprintf(stderr, "render: GET %s: %.40s\n", argv[i], b.head);
			return 1;
		}
		printf("bytes %s %zu\n", argv[i], b.got);
		if (i == 3) {
			/* The article: its rendering and its whole request
			 * measured in turn, so that their differences hold. */
			printf("md_bytes %zu\n", b.mdlen);
			article_page(&b, b.site);
			measure_set(fns, 5, &b, us);
			printf("md_us %.2f\narticle_us %.2f\narticle_site_us "
			    "%.2f\nref_us %.2f\n", us[0], us[1], us[2], us[4]);
			printf("req_us %s %.2f\n", argv[i], us[3]);
		} else
			printf("req_us %s %.2f\n", argv[i], measure(bench_req, &b));
		printf("req_cold_us %s %.2f\n", argv[i],
		    measure(bench_req_cold, &b));
		/* The conditional request, when the page has an ETag. */
		tag = NULL;
		for (q = b.head; (q = strstr(q, "\r\n")) != NULL; q += 2)
			if (strncasecmp(q + 2, "ETag: ", 6) == 0) {
				tag = q + 8;
				break;
			}
		if (tag == NULL || (e = strstr(tag, "\r\n")) == NULL ||
		    e - tag > 200) {
			printf("req304_us %s n/a\n", argv[i]);
			continue;
		}
		snprintf(inm, sizeof(inm), "HTTP_IF_NONE_MATCH=%.*s",
		    (int)(e - tag), tag);
		for (n = 0; b.env[n] != NULL; n++)
			;
		b.env[n++] = inm;
		b.env[n] = NULL;
		bench_req(&b);
		if (strncmp(b.head, "Status: 304", 11) != 0) {
			fprintf(stderr, "render: GET %s with If-None-Match: "
			    "%.40s\n", argv[i], b.head);
			printf("req304_us %s n/a\n", argv[i]);
			continue;
		}
		printf("req304_us %s %.2f\n", argv[i], measure(bench_req304,
		    &b));
	}
	app_free(&app);
	arena_free(&b.a);
	arena_free(&site_arena);
	buf_free(&b.out);
	tmpl_set_free(b.set);
	return 0;
}
