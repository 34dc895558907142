/*
 * tmpl: the template engine. Templates are compiled once at start-up; a
 * syntax error names file and line and start-up stops. Rendering walks the
 * compiled tree against a value tree (struct tv) that the handler built in
 * its arena. Text values are always escaped; only TV_HTML (a struct
 * safe_html, i.e. cmark's safe output) is written raw, and only in text.
 *
 * Syntax:
 *   {{ a.b }}            value, escaped for where it lands (see below)
 *   {{ a | url }}        URL: scheme allow-list, then escaped
 *   {{ a | pct }}        percent-encoded (a query component)
 *   {{ a | json }}       a JSON string literal (JSON-LD only, see below)
 *   {{#if a}} .. {{else}} .. {{/if}}       (also {{#unless a}} .. {{/unless}})
 *   {{#each list}} .. {{else}} .. {{/each}} each item is a map; names
 *                        resolve in the item first, then outwards
 *   {{> name}}           include the template "name" (file name.html)
 *   {{! comment }}
 *
 * Contexts. The compiler reads the HTML around each value (htmlctx.h):
 *   text, <title>, <textarea>   escaped (& < > " '); TV_HTML raw in text only
 *   quoted attribute value      escaped; TV_HTML escaped too
 *   URL attribute (href, src, action, formaction, cite, poster, ...): a
 *                        value that starts the value is URL-checked as with
 *                        | url, written or not; after a literal ':', '/',
 *                        '?' or '#' it is only escaped; anywhere else in the
 *                        scheme it is a compile error. | pct is allowed.
 *   <script type="application/ld+json"> (exactly that, one type attribute):
 *                        a value must be | json, where a JSON token may
 *                        start (not inside a string, not after '<'); it is
 *                        written as a string literal with < > & ' " controls
 *                        and U+2028/9 as \u escapes: nothing in it can end
 *                        the element or open "<!--". Missing values: "".
 *   compile errors: a value in an unquoted attribute, in any other <script>, <style>
 *                        (or other raw text), in a comment, in a tag or
 *                        attribute name, in on* / style / srcset / srcdoc.
 * A block's branches must end in the same context (a boolean attribute such
 * as {{#if x}} checked{{/if}} inside a tag is fine); a loop's body must end
 * where it starts. {{> name}} goes in text; every template starts and ends
 * in text. An include cycle is refused when the set is loaded.
 */
#ifndef QUIRE_TMPL_H
#define QUIRE_TMPL_H

#include <stddef.h>

#include "arena.h"
#include "buf.h"
#include "embed.h"
#include "html.h"

enum tv_type {
	TV_NULL,
	TV_TEXT,
	TV_HTML,
	TV_BOOL,
	TV_LIST,
	TV_MAP,
};

struct tv_pair;

/* A value for a template. All of it lives in the request arena. */
struct tv {
	enum tv_type	 type;
	const char	*s;		/* TV_TEXT, TV_HTML */
	size_t		 len;
	int		 b;		/* TV_BOOL */
	struct tv_pair	*head, *tail;	/* TV_MAP */
	struct tv	*first, *last;	/* TV_LIST items, chained by next */
	size_t		 n;		/* TV_LIST item count */
	struct tv	*next;		/* next item of the enclosing list */
};

struct tv	*tv_map(struct arena *);
struct tv	*tv_list(struct arena *);
/* Appends a new, empty map to the list and returns it. */
struct tv	*tv_list_add(struct arena *, struct tv *list);
/* Setters store pointers, not copies: strings must outlive the render
 * (the arena or static storage). A NULL string is stored as empty text.
 * Setting a key that is already there replaces its value. */
void		 tv_text(struct arena *, struct tv *, const char *key, const char *);
void		 tv_textn(struct arena *, struct tv *, const char *key,
		    const char *, size_t);
void		 tv_int(struct arena *, struct tv *, const char *key, long long);
void		 tv_html(struct arena *, struct tv *, const char *key,
		    struct safe_html);
void		 tv_bool(struct arena *, struct tv *, const char *key, int);
void		 tv_set(struct arena *, struct tv *, const char *key, struct tv *);

struct tmpl_set;

/* Compile every *.html under dir (names are paths without ".html", e.g.
 * "article", "admin/login"). On error logs "file:line: message" and returns
 * NULL. The set owns all its memory; free it with tmpl_set_free(). */
struct tmpl_set	*tmpl_set_load_dir(const char *dir);

/* Same, from sources already in memory (the copy built into the binary);
 * label prefixes file names in error messages. */
struct tmpl_set	*tmpl_set_load_mem(const struct embed_file *, size_t n,
		    const char *label);
void		 tmpl_set_free(struct tmpl_set *);

/* A fingerprint of every template's source: changes when any does. For
 * ETags; not cryptographic. */
unsigned long long tmpl_set_fingerprint(const struct tmpl_set *);
/* Index of the template with that name, or -1. */
int		 tmpl_find(const struct tmpl_set *, const char *name);
/* Strict mode, off by default: rendering {{ key }}, {{#if key}},
 * {{#unless key}} or {{#each key}} fails when the handler never set key
 * (its first name is in no enclosing map, or a later name is not in the
 * map before it): the render returns -1 and logs "template NAME: line N:
 * key K not set". A key set to empty text, false, an empty list or a
 * non-map (for a.b) counts as set: optional keys must be set to those.
 * An {{#if}} or {{#unless}} on a member a map that is there leaves out
 * (errors.title) reads as false: such maps hold only what happened. */
void		 tmpl_set_strict(struct tmpl_set *, int on);
/* Appends the rendering to out. Returns 0, or -1 (logged) on a runaway
 * nesting depth or, in strict mode, a key not set. */
int		 tmpl_render(const struct tmpl_set *, int idx, const struct tv *,
		    struct buf *out);

#endif
