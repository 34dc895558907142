/*
 * fm: Markdown files with YAML front matter, as Hugo and Jekyll write
 * them and as quire export writes them: "---\n" YAML "---\n" Markdown.
 * Reading turns one file's text into a struct port_item (port.h) and a
 * flat mapping (settings.yaml) into pairs, through libyaml's parser;
 * fmdir.c reads a folder, fmw.c writes files. No database. Strings live
 * in the arena.
 *
 * Keys read: title, slug, date, updated (lastmod), author, status (draft,
 * published), draft (true: a draft), tags and categories (both tags; a
 * text rather than a list is split at commas), excerpt (summary,
 * description), aliases (old paths: redirects), permalink (one more
 * alias, unless a pattern such as /:year/:title/), kind or type ("page":
 * a static page, as is any file under a folder named pages). Any other
 * key is ignored with a note. With no date (or slug), a Jekyll file name
 * YYYY-MM-DD-slug.md gives them; with no slug, a file name that is a slug
 * (Hugo's posts/slug.md, posts/slug/index.md) gives it. Dates with no
 * zone are UTC. Values are read as text (YAML's types are not resolved):
 * "title: yes" is the title "yes"; an empty value is "".
 */
#ifndef QUIRE_FM_H
#define QUIRE_FM_H

#include <stddef.h>

#include "arena.h"
#include "port.h"

/*
 * One file's text (len bytes, any content) into *it; source is its path
 * below the imported folder ("posts/a.md"), which names it in messages
 * and may give kind, date and slug. 0, or -1 with *why "source:LINE:
 * reason" in the arena (a YAML syntax error, a value of the wrong type, a
 * bad date or status).
 */
int	fm_read(struct arena *, const char *source, const char *text,
	    size_t len, struct port_item *it, const char **why);
/* A flat YAML mapping of scalars (settings.yaml, redirects.yaml) added to
 * (*out, *n, *cap): 0, or -1 with *why as fm_read(). */
int	fm_read_pairs(struct arena *, const char *source, const char *text,
	    size_t len, struct port_pair **out, size_t *n, size_t *cap,
	    const char **why);
/* A date as Hugo and Jekyll write it: "2024-03-01", with a time
 * "T10:20:30" or " 10:20[:30]" (fractions of a second dropped), and a
 * zone "Z", "+02:00", "+0200" (a space before it allowed); no zone is UTC.
 * Unix seconds in *t; 0, or -1 if s is none of these or no real date. */
int	fm_date(const char *s, long long *t);

#endif
