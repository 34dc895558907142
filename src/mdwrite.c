/*
 * mdwrite: CommonMark that cmark reads back as meant (mdwrite.h). The
 * escaping is on the safe side: every character that could open markup
 * where it stands gets its backslash, so text stays text whatever came
 * in; html2md.c decides what becomes markup.
 */
#include <ctype.h>
#include <string.h>

#include "html.h"
#include "mdwrite.h"

void
mdw_inline_init(struct mdw_inline *o, int bol)
{
	memset(o, 0, sizeof(*o));
	buf_init(&o->b);
	o->bol = bol;
}

/* What is due before more text: a hard break or a space. */
void
mdw_due(struct mdw_inline *o)
{
	if (o->br && o->b.len > 0) {
		buf_puts(&o->b, "\\\n");
		o->bol = 1;
	} else if (o->space && o->b.len > 0)
		buf_putc(&o->b, ' ');
	o->br = o->space = 0;
}

void
mdw_space(struct mdw_inline *o)
{
	if (o->b.len == 0)
		o->lead_space = 1;
	else
		o->space = 1;
}

void
mdw_break(struct mdw_inline *o)
{
	if (o->no_br)
		mdw_space(o);
	else if (o->b.len == 0)
		o->lead_br = 1;
	else
		o->br = 1;
}

/* Text, its white space collapsed as HTML does and every character that
 * could start markup escaped. */
void
mdw_text(struct mdw_inline *o, const char *s)
{
	size_t	 n;

	for (; *s != '\0'; s++) {
		if (strchr(" \t\n\r\f\v", *s) != NULL) {
			mdw_space(o);
			continue;
		}
		mdw_due(o);
		if (o->bol && isdigit((unsigned char)*s)) {
			n = strspn(s, "0123456789");
			buf_put(&o->b, s, n);
			s += n;
			if (*s != '.' && *s != ')') {
				s--;
				o->bol = 0;
				continue;
			}
			buf_putc(&o->b, '\\');
		} else if (strchr("\\`*_[]<", *s) != NULL ||
		    (*s == '&' && (isalnum((unsigned char)s[1]) || s[1] == '#' ||
		    s[1] == '\0')) || (*s == '#' && (o->bol || o->heading)) ||
		    (o->bol && strchr("-+=>~", *s) != NULL))
			buf_putc(&o->b, '\\');
		buf_putc(&o->b, *s);
		o->bol = 0;
	}
}

/* Markdown of another writer (an emphasis, a link's text) into o,
 * between before and after, its leading and trailing space outside. */
void
mdw_sub(struct mdw_inline *o, struct mdw_inline *sub, const char *before,
    const char *after)
{
	if (sub->lead_br)
		mdw_break(o);
	else if (sub->lead_space)
		mdw_space(o);
	if (sub->b.len > 0) {
		mdw_due(o);
		buf_puts(&o->b, before);
		buf_put(&o->b, sub->b.data, sub->b.len);
		buf_puts(&o->b, after);
		o->bol = 0;
	}
	if (sub->br)
		mdw_break(o);
	else if (sub->space)
		mdw_space(o);
	buf_free(&sub->b);
}

/* Bytes a destination cannot hold are percent-encoded ('\\' and '`'
 * too: the first escapes, the second could look like a code span to an
 * editor), '&' is escaped (cmark would read "&amp;" as '&'), and the
 * whole is put in <> when it has parentheses. The scheme is checked on
 * the encoded URL, as markdown.c will check it. */
char *
mdw_dest(struct arena *a, const char *url)
{
	static const char	 hex[] = "0123456789ABCDEF";
	struct buf		 b, d;
	const unsigned char	*p;
	char			*r = NULL;
	int			 angle = strpbrk(url, "()") != NULL;

	buf_init(&b);
	buf_init(&d);
	for (p = (const unsigned char *)url; *p != '\0'; p++)
		if (*p <= 0x20 || *p == 0x7f || *p == '<' || *p == '>' ||
		    *p == '\\' || *p == '`') {
			buf_putc(&b, '%');
			buf_putc(&b, hex[*p >> 4]);
			buf_putc(&b, hex[*p & 15]);
		} else
			buf_putc(&b, (char)*p);
	if (b.len > 0 && html_url_allowed(b.data, b.len)) {
		buf_puts(&d, angle ? "<" : "");
		for (p = (const unsigned char *)b.data; *p != '\0'; p++) {
			if (*p == '&')
				buf_putc(&d, '\\');
			buf_putc(&d, (char)*p);
		}
		buf_puts(&d, angle ? ">" : "");
		r = mdw_take(a, &d);
	}
	buf_free(&b);
	buf_free(&d);
	return r;
}

/* s, each line after prefix (the first after first), empty lines as
 * empty_line, into b. */
void
mdw_lines(struct buf *b, const char *s, const char *first,
    const char *prefix, const char *empty_line)
{
	size_t	 n;
	int	 i;

	for (i = 0; *s != '\0'; i++) {
		n = strcspn(s, "\n");
		buf_puts(b, n == 0 ? empty_line : i == 0 ? first : prefix);
		buf_put(b, s, n);
		s += n;
		if (*s == '\n' && *++s != '\0')
			buf_putc(b, '\n');
	}
}

void
mdw_add(struct mdw_blocks *bl, enum mdw_kind kind, int interrupts,
    const char *s)
{
	if (bl->b.len > 0) {
		if (kind == MDW_CAPTION && bl->last == MDW_PARA)
			buf_puts(&bl->b, "\\\n");
		else if (bl->tight && bl->last == MDW_PARA && interrupts)
			buf_putc(&bl->b, '\n');
		else {
			buf_puts(&bl->b, "\n\n");
			bl->loose = 1;
		}
	}
	buf_puts(&bl->b, s);
	bl->last = kind == MDW_CAPTION ? MDW_PARA : kind;
}

char *
mdw_take(struct arena *a, struct buf *b)
{
	char	*s = arena_strndup(a, b->len > 0 ? b->data : "", b->len);

	buf_free(b);
	return s;
}

void
mdw_flush(struct arena *a, struct mdw_blocks *bl)
{
	struct mdw_inline	*o = &bl->in;

	if (o->b.len > 0)
		mdw_add(bl, MDW_PARA, 0, mdw_take(a, &o->b));
	buf_free(&o->b);
	mdw_inline_init(o, 1);
}

void
mdw_blocks_init(struct mdw_blocks *bl, int tight)
{
	memset(bl, 0, sizeof(*bl));
	buf_init(&bl->b);
	mdw_inline_init(&bl->in, 1);
	bl->tight = tight;
}

char *
mdw_title(struct arena *a, const char *t)
{
	struct buf	 b;

	if (t == NULL || *t == '\0')
		return "";
	buf_init(&b);
	buf_puts(&b, " \"");
	for (; *t != '\0'; t++) {
		if (strchr("\"\\&", *t) != NULL)
			buf_putc(&b, '\\');
		buf_putc(&b, strchr("\n\r\t", *t) != NULL ? ' ' : *t);
	}
	buf_putc(&b, '"');
	return mdw_take(a, &b);
}

void
mdw_code(struct arena *a, struct mdw_inline *o, const char *text)
{
	char	*s = arena_strdup(a, text), *p;
	size_t	 run = 0, max = 0, i, len = strlen(s);
	int	 pad;

	for (p = s; *p != '\0'; p++) {
		if (strchr("\t\n\r\f\v", *p) != NULL)
			*p = ' ';
		run = *p == '`' ? run + 1 : 0;
		if (run > max)
			max = run;
	}
	if (strspn(s, " ") == len) {
		if (len > 0)
			mdw_space(o);
		return;
	}
	/* cmark takes one space off each end when both have one. */
	pad = s[0] == '`' || s[0] == ' ' || s[len - 1] == '`' ||
	    s[len - 1] == ' ';
	mdw_due(o);
	for (i = 0; i <= max; i++)
		buf_putc(&o->b, '`');
	buf_puts(&o->b, pad ? " " : "");
	buf_puts(&o->b, s);
	buf_puts(&o->b, pad ? " " : "");
	for (i = 0; i <= max; i++)
		buf_putc(&o->b, '`');
	o->bol = 0;
}

char *
mdw_fence(struct arena *a, const char *s, const char *lang)
{
	size_t	 run = 0, max = 2, i;
	char	*fence;

	for (i = 0; s[i] != '\0'; i++) {
		run = s[i] == '`' ? run + 1 : 0;
		if (run > max)
			max = run;
	}
	fence = arena_alloc(a, max + 2);
	memset(fence, '`', max + 1);
	fence[max + 1] = '\0';
	return arena_printf(a, "%s%s\n%s%s%s", fence, lang, s,
	    i > 0 && s[i - 1] != '\n' ? "\n" : "", fence);
}

void
mdw_quote(struct arena *a, struct mdw_blocks *bl, struct mdw_blocks *sub)
{
	struct buf	 b;

	mdw_flush(a, sub);
	if (sub->b.len > 0) {
		buf_init(&b);
		mdw_lines(&b, mdw_take(a, &sub->b), "> ", "> ", ">");
		mdw_add(bl, MDW_OTHER, 0, mdw_take(a, &b));
	}
	buf_free(&sub->b);
}

const char *
mdw_marker(struct arena *a, int ordered, long num, char mark)
{
	return ordered ? arena_printf(a, "%ld%c ", num, mark) :
	    arena_printf(a, "%c ", mark);
}

int
mdw_item(struct arena *a, struct mdw_list *l, struct mdw_blocks *item,
    const char *marker)
{
	char	*pad;
	int	 some = 0;

	mdw_flush(a, item);
	if (item->b.len > 0) {
		pad = arena_printf(a, "%*s", (int)strlen(marker), "");
		if (l->n++ > 0)
			buf_putc(&l->out, '\001');	/* the join, below */
		mdw_lines(&l->out, mdw_take(a, &item->b), marker, pad, "");
		l->loose |= item->loose;
		some = 1;
	}
	buf_free(&item->b);
	return some;
}

void
mdw_list_end(struct arena *a, struct mdw_blocks *bl, struct mdw_list *l,
    int interrupts, char mark)
{
	struct buf	 b;
	const char	*s;

	if (l->n == 0) {
		buf_free(&l->out);
		return;
	}
	buf_init(&b);
	for (s = mdw_take(a, &l->out); *s != '\0'; s++)
		if (*s != '\001')
			buf_putc(&b, *s);
		else
			buf_puts(&b, l->loose ? "\n\n" : "\n");
	mdw_add(bl, MDW_LIST, interrupts, mdw_take(a, &b));
	bl->mark = mark;
}
