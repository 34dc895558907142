/*
 * html2md: a WordPress body to Markdown (html2md.h). wpautop.c makes the
 * HTML its readers' browsers got; libxml2's HTML parser reads it as a
 * browser would; the walk below writes Markdown for the elements of its
 * role table and drops or unwraps the rest, counting what it did for the
 * import report. Text is escaped so that it never turns into markup:
 * whatever the input, cmark reads back only the allowed elements.
 */
#include <ctype.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include "buf.h"
#include "html2md.h"
#include "log.h"
#include "mdwrite.h"
#include "wpautop.h"

#define DEPTH_MAX	64	/* elements inside elements, walked */
#define START_MAX	99999999 /* an ordered list's first number */

enum role {
	R_UNKNOWN,	/* kept as text, noted */
	R_SILENT,	/* html, body, head: their content, no note */
	R_BLOCKISH,	/* div and the like: content as blocks, noted */
	R_DROP,		/* dropped with its content, noted */
	R_MARK,		/* del, sup: their text, noted */
	R_P, R_H, R_EM, R_STRONG, R_CODE, R_PRE, R_QUOTE, R_UL, R_OL, R_LI,
	R_A, R_IMG, R_BR, R_HR, R_FIGURE, R_FIGCAPTION, R_TABLE,
};

static const struct { const char *name; enum role role; } roles[] = {
	{ "a", R_A }, { "address", R_BLOCKISH }, { "applet", R_DROP },
	{ "area", R_DROP }, { "article", R_BLOCKISH }, { "aside", R_BLOCKISH },
	{ "audio", R_DROP }, { "b", R_STRONG }, { "base", R_DROP },
	{ "blockquote", R_QUOTE }, { "body", R_SILENT }, { "br", R_BR },
	{ "button", R_DROP }, { "canvas", R_DROP }, { "center", R_BLOCKISH },
	{ "code", R_CODE }, { "dd", R_BLOCKISH }, { "del", R_MARK },
	{ "details", R_BLOCKISH }, { "dialog", R_DROP }, { "div", R_BLOCKISH },
	{ "dl", R_BLOCKISH }, { "dt", R_BLOCKISH }, { "em", R_EM },
	{ "embed", R_DROP }, { "fieldset", R_BLOCKISH },
	{ "figcaption", R_FIGCAPTION }, { "figure", R_FIGURE },
	{ "footer", R_BLOCKISH }, { "form", R_DROP }, { "frame", R_DROP },
	{ "frameset", R_DROP }, { "h1", R_H }, { "h2", R_H }, { "h3", R_H },
	{ "h4", R_H }, { "h5", R_H }, { "h6", R_H }, { "head", R_SILENT },
	{ "header", R_BLOCKISH }, { "hr", R_HR }, { "html", R_SILENT },
	{ "i", R_EM }, { "iframe", R_DROP }, { "img", R_IMG },
	{ "input", R_DROP }, { "li", R_LI }, { "link", R_DROP },
	{ "main", R_BLOCKISH }, { "map", R_DROP }, { "math", R_DROP },
	{ "meta", R_DROP }, { "nav", R_BLOCKISH }, { "noframes", R_DROP },
	{ "noscript", R_DROP }, { "object", R_DROP }, { "ol", R_OL },
	{ "p", R_P }, { "param", R_DROP }, { "pre", R_PRE },
	{ "s", R_MARK }, { "script", R_DROP }, { "section", R_BLOCKISH },
	{ "select", R_DROP }, { "source", R_DROP }, { "strike", R_MARK },
	{ "strong", R_STRONG }, { "style", R_DROP }, { "sub", R_MARK },
	{ "summary", R_BLOCKISH }, { "sup", R_MARK }, { "svg", R_DROP },
	{ "table", R_TABLE }, { "template", R_DROP }, { "textarea", R_DROP },
	{ "title", R_DROP }, { "track", R_DROP }, { "ul", R_UL },
	{ "video", R_DROP },
};

struct note {
	const char	*what;
	size_t		 n;
};

struct walk {
	struct arena	*a;
	struct note	*notes;
	size_t		 nnotes, cap;
	int		 in_link;
	int		 depth;
};

static void	walk_blocks(struct walk *, xmlNode *, struct mdw_blocks *);
static void	block_node(struct walk *, xmlNode *, struct mdw_blocks *);
static void	inline_node(struct walk *, xmlNode *, struct mdw_inline *);

static void
note(struct walk *w, const char *what)
{
	size_t	 i;

	for (i = 0; i < w->nnotes; i++)
		if (strcmp(w->notes[i].what, what) == 0) {
			w->notes[i].n++;
			return;
		}
	w->notes = arena_grow(w->a, w->notes, w->nnotes, &w->cap,
	    sizeof(*w->notes));
	w->notes[w->nnotes].what = arena_strdup(w->a, what);
	w->notes[w->nnotes++].n = 1;
}

static enum role
role(xmlNode *n)
{
	size_t	 i;

	for (i = 0; i < sizeof(roles) / sizeof(roles[0]); i++)
		if (strcasecmp(roles[i].name, (const char *)n->name) == 0)
			return roles[i].role;
	return R_UNKNOWN;
}

/* The role of element n, its attributes and its fate noted. */
static enum role
visit(struct walk *w, xmlNode *n)
{
	enum role	 r = role(n);
	xmlAttr		*at;

	for (at = n->properties; at != NULL; at = at->next)
		if (strcasecmp((const char *)at->name, "style") == 0)
			note(w, "dropped style attribute");
		else if (strncasecmp((const char *)at->name, "on", 2) == 0)
			note(w, "dropped event handler attribute");
	if (r == R_DROP)
		note(w, arena_printf(w->a, "dropped <%s>", n->name));
	else if (r == R_UNKNOWN || r == R_BLOCKISH || r == R_MARK)
		note(w, arena_printf(w->a, "kept <%s> as text", n->name));
	else if (r == R_TABLE)
		note(w, "kept <table> as text lines");
	return r;
}

static const char *
attr(struct walk *w, xmlNode *n, const char *name)
{
	xmlChar	*v;
	char	*s;

	if ((v = xmlGetProp(n, (const xmlChar *)name)) == NULL)
		return NULL;
	s = arena_strdup(w->a, (const char *)v);
	xmlFree(v);
	return s;
}

static void
inline_children(struct walk *w, xmlNode *n, struct mdw_inline *o)
{
	xmlNode	*c;

	if (w->depth >= DEPTH_MAX) {
		note(w, "dropped content nested too deep");
		return;
	}
	w->depth++;
	for (c = n->children; c != NULL; c = c->next)
		inline_node(w, c, o);
	w->depth--;
}

static void
put_emph(struct walk *w, xmlNode *n, struct mdw_inline *o, const char *delim)
{
	struct mdw_inline	 sub;

	mdw_inline_init(&sub, 0);
	sub.no_br = o->no_br;
	sub.heading = o->heading;
	inline_children(w, n, &sub);
	mdw_sub(o, &sub, delim, delim);
}

static const char *
title(struct walk *w, xmlNode *n)
{
	return mdw_title(w->a, attr(w, n, "title"));
}

static void
put_link(struct walk *w, xmlNode *n, struct mdw_inline *o)
{
	const char	*href = attr(w, n, "href"), *d, *t;
	struct mdw_inline	 sub;

	if (w->in_link || href == NULL) {
		inline_children(w, n, o);
		return;
	}
	if ((d = mdw_dest(w->a, href)) == NULL) {
		note(w, "dropped a link's empty or refused address");
		inline_children(w, n, o);
		return;
	}
	t = title(w, n);
	mdw_inline_init(&sub, 0);
	w->in_link = 1;
	inline_children(w, n, &sub);
	w->in_link = 0;
	mdw_sub(o, &sub, "[", arena_printf(w->a, "](%s%s)", d, t));
}

static void
put_img(struct walk *w, xmlNode *n, struct mdw_inline *o)
{
	const char	*src = attr(w, n, "src"), *alt = attr(w, n, "alt"), *d;
	struct mdw_inline	 sub;

	mdw_inline_init(&sub, 0);
	mdw_text(&sub, alt != NULL ? alt : "");
	if (src == NULL || (d = mdw_dest(w->a, src)) == NULL) {
		note(w, "dropped an image's empty or refused address");
		mdw_sub(o, &sub, "", "");
		return;
	}
	mdw_due(o);
	buf_puts(&o->b, "![");
	if (sub.b.len > 0)
		buf_put(&o->b, sub.b.data, sub.b.len);
	buf_printf(&o->b, "](%s%s)", d, title(w, n));
	o->bol = 0;
	buf_free(&sub.b);
}

static void
put_code(struct walk *w, xmlNode *n, struct mdw_inline *o)
{
	xmlChar	*v = xmlNodeGetContent(n);

	mdw_code(w->a, o, v != NULL ? (const char *)v : "");
	xmlFree(v);
}

static void
inline_node(struct walk *w, xmlNode *n, struct mdw_inline *o)
{
	if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
		mdw_text(o, n->content != NULL ? (const char *)n->content :
		    "");
		return;
	}
	if (n->type == XML_COMMENT_NODE && n->content != NULL &&
	    strncmp((const char *)n->content, "more", 4) == 0)
		note(w, "dropped <!--more-->");
	if (n->type != XML_ELEMENT_NODE)
		return;
	switch (visit(w, n)) {
	case R_DROP:
		break;
	case R_BR:
		mdw_break(o);
		break;
	case R_EM:
		put_emph(w, n, o, "*");
		break;
	case R_STRONG:
		put_emph(w, n, o, "**");
		break;
	case R_CODE:
		put_code(w, n, o);
		break;
	case R_A:
		put_link(w, n, o);
		break;
	case R_IMG:
		put_img(w, n, o);
		break;
	case R_UNKNOWN:
	case R_MARK:
	case R_SILENT:
		inline_children(w, n, o);
		break;
	default:
		/* A block inside a line: its text, set apart. */
		mdw_space(o);
		inline_children(w, n, o);
		mdw_space(o);
		break;
	}
}

static void
put_heading(struct walk *w, xmlNode *n, struct mdw_blocks *bl)
{
	struct mdw_inline	 o;

	mdw_inline_init(&o, 0);
	o.no_br = o.heading = 1;
	inline_children(w, n, &o);
	if (o.b.len > 0)
		mdw_add(bl, MDW_OTHER, 0, arena_printf(w->a, "%.*s %s",
		    n->name[1] - '0', "######", mdw_take(w->a, &o.b)));
	buf_free(&o.b);
}

static void
put_quote(struct walk *w, xmlNode *n, struct mdw_blocks *bl)
{
	struct mdw_blocks	 sub;

	mdw_blocks_init(&sub, 0);
	walk_blocks(w, n->children, &sub);
	mdw_quote(w->a, bl, &sub);
}

/* A list; what stands between its items (a nested list where an item
 * should be, stray text) goes into the item before. */
static void
put_list(struct walk *w, xmlNode *n, struct mdw_blocks *bl, int ordered)
{
	struct mdw_blocks	 item;
	struct mdw_list		 l;
	const char		*s;
	xmlNode			*c;
	long			 start = 1, num;
	int			 open = 0;
	char			 mark;

	if (ordered && (s = attr(w, n, "start")) != NULL)
		start = strtol(s, NULL, 10);
	if (start < 0 || start > START_MAX)
		start = 1;
	num = start;
	mark = ordered ? '.' : '-';
	if (bl->last == MDW_LIST && bl->mark == mark)
		mark = ordered ? ')' : '*';
	memset(&l, 0, sizeof(l));
	buf_init(&l.out);
	for (c = n->children; c != NULL; c = c->next) {
		if (c->type == XML_ELEMENT_NODE &&
		    strcasecmp((const char *)c->name, "li") == 0) {
			if (open && mdw_item(w->a, &l, &item,
			    mdw_marker(w->a, ordered, num, mark)))
				num++;
			mdw_blocks_init(&item, 1);
			open = 1;
			visit(w, c);
			walk_blocks(w, c->children, &item);
			continue;
		}
		if (!open && c->type == XML_TEXT_NODE && c->content != NULL &&
		    strspn((const char *)c->content, " \t\r\n") ==
		    strlen((const char *)c->content))
			continue;
		if (!open) {
			mdw_blocks_init(&item, 1);
			open = 1;
		}
		block_node(w, c, &item);
	}
	if (open)
		mdw_item(w->a, &l, &item, mdw_marker(w->a, ordered, num,
		    mark));
	mdw_list_end(w->a, bl, &l, !ordered || start == 1, mark);
}

/* The text of a <pre>, its <br> as newlines, dropped elements left out. */
static void
pre_text(struct walk *w, xmlNode *n, struct buf *b)
{
	xmlNode	*c;

	for (c = n->children; c != NULL; c = c->next)
		if (c->type == XML_TEXT_NODE || c->type ==
		    XML_CDATA_SECTION_NODE)
			buf_puts(b, c->content != NULL ?
			    (const char *)c->content : "");
		else if (c->type == XML_ELEMENT_NODE) {
			switch (c == n->children && role(c) == R_CODE ?
			    R_CODE : visit(w, c)) {
			case R_DROP:
				break;
			case R_BR:
				buf_putc(b, '\n');
				break;
			default:
				if (w->depth < DEPTH_MAX) {
					w->depth++;
					pre_text(w, c, b);
					w->depth--;
				}
			}
		}
}

/* The language of a code block: class "language-x", "lang-x" or
 * SyntaxHighlighter's "brush: x", on the <pre> or its <code>. */
static const char *
code_lang(struct walk *w, xmlNode *n)
{
	const char	*c, *p;
	size_t		 len;

	c = attr(w, n, "class");
	if ((c == NULL || *c == '\0') && n->children != NULL &&
	    n->children->type == XML_ELEMENT_NODE && role(n->children) ==
	    R_CODE)
		c = attr(w, n->children, "class");
	if (c == NULL)
		return "";
	if ((p = strstr(c, "language-")) != NULL)
		p += 9;
	else if ((p = strstr(c, "lang-")) != NULL)
		p += 5;
	else if ((p = strstr(c, "brush:")) != NULL)
		p += 6 + strspn(p + 6, " ");
	else
		return "";
	for (len = 0; isalnum((unsigned char)p[len]) ||
	    (p[len] != '\0' && strchr("+#._-", p[len]) != NULL); len++)
		;
	return arena_strndup(w->a, p, len);
}

static void
put_pre(struct walk *w, xmlNode *n, struct mdw_blocks *bl)
{
	struct buf	 b;

	buf_init(&b);
	pre_text(w, n, &b);
	mdw_add(bl, MDW_OTHER, 0, mdw_fence(w->a, mdw_take(w->a, &b),
	    code_lang(w, n)));
}

/* Rows found under n (through thead, tbody, tfoot), each a line with its
 * cells joined by " | ". */
static void
table_rows(struct walk *w, xmlNode *n, struct mdw_inline *o, int *rows)
{
	xmlNode	*c, *cell;
	int	 cells;

	for (c = n->children; c != NULL; c = c->next) {
		if (c->type != XML_ELEMENT_NODE)
			continue;
		if (strcasecmp((const char *)c->name, "tr") != 0) {
			if (role(c) != R_DROP && w->depth < DEPTH_MAX) {
				w->depth++;
				table_rows(w, c, o, rows);
				w->depth--;
			}
			continue;
		}
		if ((*rows)++ > 0) {
			o->no_br = 0;
			mdw_break(o);
		}
		o->no_br = 1;
		cells = 0;
		for (cell = c->children; cell != NULL; cell = cell->next) {
			if (cell->type != XML_ELEMENT_NODE)
				continue;
			if (cells++ > 0) {
				mdw_due(o);
				buf_puts(&o->b, o->b.len > 0 ? " | " : "");
			}
			inline_children(w, cell, o);
		}
	}
}

static void
put_table(struct walk *w, xmlNode *n, struct mdw_blocks *bl)
{
	int	 rows = 0;

	mdw_flush(w->a, bl);
	table_rows(w, n, &bl->in, &rows);
	mdw_flush(w->a, bl);
}

static void
block_node(struct walk *w, xmlNode *n, struct mdw_blocks *bl)
{
	struct mdw_inline	 o;

	if (n->type != XML_ELEMENT_NODE) {
		inline_node(w, n, &bl->in);
		return;
	}
	switch (role(n)) {
	case R_EM:
	case R_STRONG:
	case R_CODE:
	case R_A:
	case R_IMG:
	case R_BR:
	case R_DROP:
		inline_node(w, n, &bl->in);
		return;
	default:
		break;
	}
	if (w->depth >= DEPTH_MAX) {
		note(w, "dropped content nested too deep");
		return;
	}
	w->depth++;
	switch (visit(w, n)) {
	case R_UNKNOWN:
	case R_MARK:
	case R_SILENT:
		walk_blocks(w, n->children, bl);
		break;
	case R_H:
		mdw_flush(w->a, bl);
		put_heading(w, n, bl);
		break;
	case R_QUOTE:
		mdw_flush(w->a, bl);
		put_quote(w, n, bl);
		break;
	case R_UL:
	case R_OL:
		mdw_flush(w->a, bl);
		put_list(w, n, bl, role(n) == R_OL);
		break;
	case R_PRE:
		mdw_flush(w->a, bl);
		put_pre(w, n, bl);
		break;
	case R_HR:
		mdw_flush(w->a, bl);
		mdw_add(bl, MDW_OTHER, 0, "***");
		break;
	case R_TABLE:
		put_table(w, n, bl);
		break;
	case R_FIGCAPTION:
		mdw_flush(w->a, bl);
		mdw_inline_init(&o, 0);
		put_emph(w, n, &o, "*");
		if (o.b.len > 0)
			mdw_add(bl, MDW_CAPTION, 0, mdw_take(w->a, &o.b));
		buf_free(&o.b);
		break;
	default:	/* p, li, figure, div and the like */
		mdw_flush(w->a, bl);
		walk_blocks(w, n->children, bl);
		mdw_flush(w->a, bl);
		break;
	}
	w->depth--;
}

static void
walk_blocks(struct walk *w, xmlNode *n, struct mdw_blocks *bl)
{
	for (; n != NULL; n = n->next)
		block_node(w, n, bl);
}

int
html2md(struct arena *a, const char *html, size_t len, struct html2md *out)
{
	struct walk	 w;
	struct mdw_blocks	 bl;
	const char	**unk;
	size_t		  nunk, i;
	char		 *h;
	htmlDocPtr	  doc;

	memset(&w, 0, sizeof(w));
	w.a = a;
	out->md = "";
	out->notes = NULL;
	out->nnotes = 0;
	h = wpautop(a, html, len, &unk, &nunk);
	for (i = 0; i < nunk; i++)
		note(&w, arena_printf(a, "kept shortcode [%s] as text",
		    unk[i]));
	if (strspn(h, " \t\r\n") == strlen(h))
		goto notes;
	if (strlen(h) > INT_MAX) {
		log_err("%s: a body of %zu bytes", __func__, strlen(h));
		return -1;
	}
	doc = htmlReadMemory(h, (int)strlen(h), NULL, "UTF-8",
	    HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING);
	if (doc == NULL) {
		log_err("%s: libxml2 cannot parse the body", __func__);
		return -1;
	}
	mdw_blocks_init(&bl, 0);
	walk_blocks(&w, doc->children, &bl);
	mdw_flush(w.a, &bl);
	if (bl.b.len > 0)
		buf_putc(&bl.b, '\n');
	out->md = mdw_take(w.a, &bl.b);
	buf_free(&bl.in.b);
	xmlFreeDoc(doc);
notes:
	out->notes = arena_calloc(a, w.nnotes + 1, sizeof(*out->notes));
	for (i = 0; i < w.nnotes; i++)
		out->notes[i] = arena_printf(a, "%s (%zu)", w.notes[i].what,
		    w.notes[i].n);
	out->nnotes = w.nnotes;
	return 0;
}
