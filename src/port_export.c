/*
 * port_export: the database out as quire export writes it, for the
 * command and the admin's download: every article
 * (DIR/posts/YYYY-MM-DD-slug.md, or slug.md with no date) and page
 * (DIR/pages/slug.md) as Markdown with YAML front matter (fmw.c), every
 * setting (DIR/settings.yaml) and every redirect (DIR/redirects.yaml,
 * old path: where it leads now), what quire import reads back; and the
 * same tree as a zip archive (zipdir.c).
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "arena.h"
#include "buf.h"
#include "db.h"
#include "db_port.h"
#include "db_post.h"
#include "db_redirect.h"
#include "db_setting.h"
#include "db_tag.h"
#include "fmw.h"
#include "log.h"
#include "port.h"
#include "port_export.h"
#include "redirect.h"
#include "setting.h"
#include "zipdir.h"

/* 1 if the folder holds anything (hidden files too), 0 if empty. */
static int
has_files(const char *dir)
{
	DIR		*d;
	struct dirent	*e;
	int		 found = 0;

	if ((d = opendir(dir)) == NULL)
		return 0;
	while (!found && (e = readdir(d)) != NULL)
		found = strcmp(e->d_name, ".") != 0 &&
		    strcmp(e->d_name, "..") != 0;
	closedir(d);
	return found;
}

static int
make_dir(struct arena *a, const char *path, const char **why)
{
	if (mkdir(path, 0777) == -1 && errno != EEXIST) {
		*why = arena_printf(a, "%s: %s", path, strerror(errno));
		return -1;
	}
	return 0;
}

/* b's bytes as the file path, replacing it. */
static int
write_file(struct arena *a, const char *path, const struct buf *b,
    const char **why)
{
	FILE	*f;

	if ((f = fopen(path, "w")) == NULL ||
	    fwrite(b->data, 1, b->len, f) != b->len || fclose(f) == EOF) {
		*why = arena_printf(a, "%s: %s", path, strerror(errno));
		return -1;
	}
	return 0;
}

/* The post as an item, its tags by name. */
static int
to_item(struct db *db, struct arena *a, const struct post *p,
    struct port_item *it)
{
	struct tag	*tags;
	size_t		 n = 0, i;

	memset(it, 0, sizeof(*it));
	it->kind = p->kind;
	it->title = p->title;
	it->slug = p->slug;
	it->excerpt = p->excerpt;
	it->body = p->body;
	it->author = p->author;
	it->status = p->status;
	it->has_date = p->has_date;
	it->published_at = p->published_at;
	it->has_updated = 1;
	it->updated_at = p->updated_at;
	if (p->kind == POST_ARTICLE &&
	    db_tag_of_article(db, a, p->id, &tags, &n) == -1)
		return -1;
	it->tags = arena_calloc(a, n + 1, sizeof(*it->tags));
	for (i = 0; i < n; i++)
		it->tags[i] = tags[i].name;
	it->ntags = n;
	return 0;
}

/* Every post of the kind, with a counter on a terminal when many. */
static int
posts(struct db *db, struct arena *a, const char *dir, enum post_kind kind,
    int progress, size_t *done, const char **why)
{
	struct port_item	 it;
	struct post		 p;
	struct buf		 b;
	long long		*ids;
	size_t			 n, i;
	char			 day[16];
	time_t			 t;
	struct tm		 tm;
	const char		*path;
	int			 rc = -1, tty = progress;

	buf_init(&b);
	if (db_port_ids(db, a, kind, &ids, &n) == -1)
		goto out;
	for (i = 0; i < n; i++) {
		if (db_post_by_id(db, a, kind, ids[i], &p) != 1 ||
		    to_item(db, a, &p, &it) == -1)
			goto out;
		buf_reset(&b);
		if (fmw_item(&b, &it) == -1)
			goto out;
		t = (time_t)p.published_at;
		/* One file a post: slugs are unique per kind, and a post
		 * with no date is a draft, in a folder of its own (in
		 * posts/ "2024-01-01-x" undated and "x" of that day would
		 * be one file). */
		if (kind == POST_PAGE)
			path = arena_printf(a, "%s/pages/%s.md", dir, p.slug);
		else if (p.has_date && strftime(day, sizeof(day), "%Y-%m-%d",
		    gmtime_r(&t, &tm)) > 0)
			path = arena_printf(a, "%s/posts/%s-%s.md", dir, day,
			    p.slug);
		else
			path = arena_printf(a, "%s/drafts/%s.md", dir, p.slug);
		if (write_file(a, path, &b, why) == -1)
			goto out;
		if (tty && n > PORT_PROGRESS_MIN && (i + 1) % 50 == 0)
			fprintf(stderr, "\rexport: %zu %ss", i + 1,
			    post_kind_name(kind));
	}
	if (tty && n > PORT_PROGRESS_MIN)
		fprintf(stderr, "\rexport: %zu %ss\n", n, post_kind_name(kind));
	*done += n;
	rc = 0;
out:
	buf_free(&b);
	return rc;
}

/* settings.yaml: every setting an author edits, in the table's order. */
static int
settings(struct db *db, struct arena *a, const char *dir, const char **why)
{
	struct settings		 s;
	struct port_pair	 p[SET__MAX];
	struct buf		 b;
	size_t			 n = 0;
	int			 i, rc = -1;

	buf_init(&b);
	if (db_setting_load(db, a, &s) == -1)
		goto out;
	for (i = 0; i < SET__MAX; i++) {
		if (setting_def(i)->kind == SK_INTERNAL)
			continue;
		memset(&p[n], 0, sizeof(p[n]));
		p[n].key = setting_def(i)->key;
		p[n++].value = s.v[i];
	}
	if (fmw_pairs(&b, p, n) == -1 ||
	    write_file(a, arena_printf(a, "%s/settings.yaml", dir), &b,
	    why) == -1)
		goto out;
	rc = 0;
out:
	buf_free(&b);
	return rc;
}

/* redirects.yaml: each old path and where it leads now, as URL paths. */
static int
redirects(struct db *db, struct arena *a, const char *dir, long long now,
    const char **why)
{
	struct redirect		*r;
	struct port_pair	*p;
	struct buf		 b;
	size_t			 n, i;
	int			 rc = -1;

	buf_init(&b);
	if (db_redirect_list(db, a, now, &r, &n) == -1)
		goto out;
	p = arena_calloc(a, n + 1, sizeof(*p));
	for (i = 0; i < n; i++) {
		p[i].key = redirect_path_url(a, r[i].path);
		p[i].value = redirect_path_url(a, r[i].target != NULL ?
		    r[i].target : post_path(a, &r[i].article));
	}
	if (fmw_pairs(&b, p, n) == -1 ||
	    write_file(a, arena_printf(a, "%s/redirects.yaml", dir), &b,
	    why) == -1)
		goto out;
	rc = 0;
out:
	buf_free(&b);
	return rc;
}

int
port_export(struct db *db, struct arena *a, const char *dir, int force,
    long long now, int progress, size_t *n, const char **why)
{
	*why = NULL;
	*n = 0;
	if (!force && has_files(dir)) {
		*why = arena_printf(a, "%s is not empty (--force writes into "
		    "it)", dir);
		return -1;
	}
	if (make_dir(a, dir, why) == -1 ||
	    make_dir(a, arena_printf(a, "%s/posts", dir), why) == -1 ||
	    make_dir(a, arena_printf(a, "%s/pages", dir), why) == -1 ||
	    make_dir(a, arena_printf(a, "%s/drafts", dir), why) == -1 ||
	    posts(db, a, dir, POST_ARTICLE, progress, n, why) == -1 ||
	    posts(db, a, dir, POST_PAGE, progress, n, why) == -1 ||
	    settings(db, a, dir, why) == -1 ||
	    redirects(db, a, dir, now, why) == -1)
		return -1;
	return 0;
}

int
port_export_zip(struct db *db, struct arena *a, long long now,
    struct buf *out)
{
	const char	*why;
	char		*dir;
	size_t		 n;
	int		 rc = -1;

	if ((dir = zipdir_temp(a, "export")) == NULL)
		return -1;
	if (port_export(db, a, dir, 1, now, 0, &n, &why) == -1) {
		if (why != NULL)
			log_err("%s: %s", __func__, why);
		goto out;
	}
	if (zipdir_pack(a, dir, now, out) == -1)
		goto out;
	rc = 0;
out:
	if (zipdir_remove(dir) == -1)
		rc = -1;
	return rc;
}
