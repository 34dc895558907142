/*
 * tmplc: the template compiler. Parses one template's source into a tree
 * of nodes, then walks the tree with an HTML tokenizer (htmlctx) so that
 * each {{ value }} knows the context it lands in and how to escape there.
 * Runs once at start-up; any error names file and line and stops it.
 */
#include <stdio.h>
#include <string.h>

#include "hcblock.h"
#include "htmlctx.h"
#include "log.h"
#include "tmpl_int.h"

/* Compilation. */

enum term {
	TERM_EOF,
	TERM_ELSE,
	TERM_CLOSE,
};

struct parser {
	struct arena	*a;
	const char	*file;
	const char	*src;
	size_t		 pos, len;
	int		 line;
	int		 depth;		/* blocks open at pos */
};

static int
perr(const struct parser *p, int line, const char *msg, const char *arg)
{
	log_err("%s:%d: %s%s", p->file, line, msg, arg != NULL ? arg : "");
	return -1;
}

static int
is_name_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || c == '_' || c == '-' || c == '/';
}

/* Split "a.b.c" into n's path; returns -1 on a malformed path. */
static int
parse_path(struct parser *p, struct node *n, const char *s, size_t len)
{
	size_t	 i, start = 0;

	if (len == 0)
		return perr(p, n->line, "missing name", NULL);
	n->key = arena_strndup(p->a, s, len);
	for (i = 0; i <= len; i++) {
		if (i < len && s[i] != '.') {
			if (!is_name_char(s[i]) || s[i] == '/' || s[i] == '-')
				return perr(p, n->line, "bad name: ",
				    arena_strndup(p->a, s, len));
			continue;
		}
		if (i == start || n->npath == MAX_PATH_SEGS)
			return perr(p, n->line, "bad name: ",
			    arena_strndup(p->a, s, len));
		n->path[n->npath++] = arena_strndup(p->a, s + start, i - start);
		start = i + 1;
	}
	return 0;
}

static void
trim(const char **s, size_t *len)
{
	while (*len > 0 && (**s == ' ' || **s == '\t' || **s == '\n')) {
		(*s)++;
		(*len)--;
	}
	while (*len > 0 && ((*s)[*len - 1] == ' ' || (*s)[*len - 1] == '\t' ||
	    (*s)[*len - 1] == '\n'))
		(*len)--;
}

static int
starts(const char *s, size_t len, const char *word)
{
	size_t	n = strlen(word);

	return len >= n && memcmp(s, word, n) == 0;
}

static int	parse_list(struct parser *, const char *, int, struct node **,
		    enum term *, int *);

/* Parses the tag body (between the braces) at line into *out (NULL for a
 * comment), or reports the end of the enclosing block in *term. */
static int
parse_tag(struct parser *p, const char *s, size_t len, int line,
    struct node **out, enum term *term)
{
	struct node	*n;
	const char	*bar, *kw;
	size_t		 plen;
	enum term	 t;
	int		 endline;

	*out = NULL;
	*term = TERM_EOF;
	trim(&s, &len);
	if (len > 0 && s[0] == '!')
		return 0;
	if (len == 4 && memcmp(s, "else", 4) == 0) {
		*term = TERM_ELSE;
		return 0;
	}
	if (len > 0 && s[0] == '/') {
		*term = TERM_CLOSE;
		return 0;
	}

	n = arena_calloc(p->a, 1, sizeof(*n));
	n->line = line;
	n->incl_idx = -1;
	*out = n;

	if (len > 0 && s[0] == '>') {
		s++, len--;
		trim(&s, &len);
		if (len == 0)
			return perr(p, line, "include without a name", NULL);
		for (plen = 0; plen < len; plen++)
			if (!is_name_char(s[plen]))
				return perr(p, line, "bad template name: ",
				    arena_strndup(p->a, s, len));
		n->type = N_INCLUDE;
		n->incl = arena_strndup(p->a, s, len);
		return 0;
	}

	if (len > 0 && s[0] == '#') {
		if (starts(s, len, "#if ")) {
			n->type = N_IF;
			kw = "if";
		} else if (starts(s, len, "#unless ")) {
			n->type = N_UNLESS;
			kw = "unless";
		} else if (starts(s, len, "#each ")) {
			n->type = N_EACH;
			kw = "each";
		} else
			return perr(p, line, "unknown block: ",
			    arena_strndup(p->a, s, len));
		plen = strlen(kw) + 2;
		s += plen, len -= plen;
		trim(&s, &len);
		if (parse_path(p, n, s, len) == -1)
			return -1;
		/* Bounded like rendering, so a template cannot exhaust
		 * the stack of the parser either. */
		if (++p->depth > MAX_DEPTH)
			return perr(p, line, "blocks nested deeper than ",
			    arena_printf(p->a, "%d", MAX_DEPTH));
		if (parse_list(p, kw, line, &n->body, &t, &endline) == -1)
			return -1;
		if (t == TERM_ELSE &&
		    parse_list(p, kw, line, &n->alt, &t, &endline) == -1)
			return -1;
		p->depth--;
		if (t == TERM_ELSE)
			return perr(p, endline, "second {{else}} in one block",
			    NULL);
		return 0;
	}

	n->type = N_VAR;
	if ((bar = memchr(s, '|', len)) != NULL) {
		const char	*f = bar + 1;
		size_t		 flen = len - (size_t)(f - s);

		trim(&f, &flen);
		if (flen == 3 && memcmp(f, "url", 3) == 0)
			n->filter = HF_URL;
		else if (flen == 3 && memcmp(f, "pct", 3) == 0)
			n->filter = HF_PCT;
		else if (flen == 4 && memcmp(f, "json", 4) == 0)
			n->filter = HF_JSON;
		else
			return perr(p, line, "unknown filter: ",
			    arena_strndup(p->a, f, flen));
		len = (size_t)(bar - s);
		trim(&s, &len);
	}
	return parse_path(p, n, s, len);
}

static void
count_lines(struct parser *p, size_t from, size_t to)
{
	for (; from < to; from++)
		if (p->src[from] == '\n')
			p->line++;
}

/*
 * Parses nodes until the end of input or, inside a block (kw != NULL), until
 * its {{else}} or {{/kw}}. Reports which in *term and the line in *endline.
 */
static int
parse_list(struct parser *p, const char *kw, int openline, struct node **out,
    enum term *term, int *endline)
{
	struct node	**tail = out, *n;
	const char	 *open, *close, *tag;
	size_t		  start, taglen;
	enum term	  t;
	int		  line;

	*out = NULL;
	for (;;) {
		start = p->pos;
		open = memmem(p->src + start, p->len - start, "{{", 2);
		if (open == NULL || open != p->src + start) {
			/* Literal text up to the next tag or the end. */
			size_t end = open != NULL ?
			    (size_t)(open - p->src) : p->len;

			if (end > start) {
				n = arena_calloc(p->a, 1, sizeof(*n));
				n->type = N_TEXT;
				n->text = p->src + start;
				n->len = end - start;
				n->line = p->line;
				*tail = n;
				tail = &n->next;
				count_lines(p, start, end);
				p->pos = end;
			}
			if (open == NULL) {
				if (kw != NULL)
					return perr(p, openline, "unclosed {{#",
					    arena_printf(p->a, "%s}}", kw));
				*term = TERM_EOF;
				*endline = p->line;
				return 0;
			}
			continue;
		}
		line = p->line;
		tag = open + 2;
		close = memmem(tag, p->len - (size_t)(tag - p->src), "}}", 2);
		if (close == NULL)
			return perr(p, line, "unclosed {{", NULL);
		taglen = (size_t)(close - tag);
		if (memmem(tag, taglen, "{{", 2) != NULL)
			return perr(p, line, "{{ inside a tag", NULL);
		count_lines(p, start, (size_t)(close + 2 - p->src));
		p->pos = (size_t)(close + 2 - p->src);
		if (parse_tag(p, tag, taglen, line, &n, &t) == -1)
			return -1;
		if (n != NULL) {
			*tail = n;
			tail = &n->next;
			continue;
		}
		if (t == TERM_EOF)
			continue;	/* a comment */
		if (kw == NULL)
			return perr(p, line, t == TERM_ELSE ?
			    "{{else}} outside a block" : "close without open",
			    NULL);
		if (t == TERM_CLOSE) {
			const char *c = tag;
			size_t clen = taglen;

			trim(&c, &clen);
			if (clen != strlen(kw) + 1 ||
			    memcmp(c + 1, kw, clen - 1) != 0)
				return perr(p, line, "mismatched close, expected {{/",
				    arena_printf(p->a, "%s}} for line %d", kw,
				    openline));
		}
		*term = t;
		*endline = line;
		return 0;
	}
}

/* Contexts: each value's escaping from where it lands. */

struct checker {
	const char	*file;
};

static int
cerr(const struct checker *ck, int line, const char *msg)
{
	log_err("%s:%d: %s", ck->file, line, msg);
	return -1;
}

static int	check_list(const struct checker *, struct node *,
		    struct htmlctx *);

static int
check_text(const struct checker *ck, const struct node *n, struct htmlctx *c)
{
	const char	*why;
	size_t		 at, i;
	int		 line = n->line;

	if (htmlctx_text(c, n->text, n->len, &at, &why) == 0)
		return 0;
	for (i = 0; i < at; i++)
		line += n->text[i] == '\n';
	return cerr(ck, line, why);
}

static int
check_var(const struct checker *ck, struct node *n, struct htmlctx *c)
{
	char		 why[256];
	enum hc_esc	 esc;

	if (htmlctx_value(c, n->filter, &esc, why, sizeof(why)) == -1) {
		log_err("%s:%d: {{ %s }}: %s", ck->file, n->line, n->key, why);
		return -1;
	}
	/* A loop body is checked again from where its end leads. */
	if (n->esc_set && n->esc != esc) {
		log_err("%s:%d: {{ %s }} lands in a different context on the"
		    " second pass of its loop", ck->file, n->line, n->key);
		return -1;
	}
	n->esc = esc;
	n->esc_set = 1;
	return 0;
}

static int
differ(const struct checker *ck, const struct node *n, const char *what,
    const struct htmlctx *a, const struct htmlctx *b)
{
	char	 wa[96], wb[96];

	log_err("%s:%d: {{#%s %s}}: %s (%s, %s)", ck->file, n->line,
	    n->type == N_IF ? "if" : n->type == N_UNLESS ? "unless" : "each",
	    n->key, what, htmlctx_describe(a, wa, sizeof(wa)),
	    htmlctx_describe(b, wb, sizeof(wb)));
	return -1;
}

/*
 * A block's branches start where the block does and must end in the same
 * context, or in ones the text after it cannot tell apart (hcblock_merge).
 * A loop's body must also be able to follow itself.
 */
static int
check_block(const struct checker *ck, struct node *n, struct htmlctx *c)
{
	struct htmlctx	 body = *c, alt = *c, loop, again;

	if (check_list(ck, n->body, &body) == -1 ||
	    check_list(ck, n->alt, &alt) == -1)
		return -1;
	if (n->type == N_EACH) {
		if (hcblock_merge(&loop, c, &body) == -1)
			return differ(ck, n, "the loop body ends in another"
			    " context than it starts", c, &body);
		if (!hcblock_same(&loop, c)) {
			again = loop;
			if (check_list(ck, n->body, &again) == -1)
				return -1;
			if (hcblock_merge(&body, &loop, &again) == -1 ||
			    !hcblock_same(&body, &loop))
				return differ(ck, n, "the loop body ends in"
				    " another context than it starts", &loop,
				    &again);
		}
		body = loop;
	}
	if (hcblock_merge(c, &body, &alt) == -1)
		return differ(ck, n, "the branches end in different contexts",
		    &body, &alt);
	return 0;
}

static int
check_list(const struct checker *ck, struct node *n, struct htmlctx *c)
{
	char		 where[96];

	for (; n != NULL; n = n->next) {
		switch (n->type) {
		case N_TEXT:
			if (check_text(ck, n, c) == -1)
				return -1;
			break;
		case N_VAR:
			if (check_var(ck, n, c) == -1)
				return -1;
			break;
		case N_IF:
		case N_UNLESS:
		case N_EACH:
			if (check_block(ck, n, c) == -1)
				return -1;
			break;
		case N_INCLUDE:
			/* Every template starts and ends in text. */
			if (c->state != HC_DATA) {
				log_err("%s:%d: {{> %s}} must be in text, not"
				    " %s", ck->file, n->line, n->incl,
				    htmlctx_describe(c, where, sizeof(where)));
				return -1;
			}
			break;
		}
	}
	return 0;
}

int
tmplc_compile(struct arena *a, const char *file, const char *src,
    size_t len, struct node **root)
{
	struct parser	 p;
	struct checker	 ck;
	struct htmlctx	 c;
	enum term	 term;
	int		 endline;
	char		 where[96];

	memset(&p, 0, sizeof(p));
	p.a = a;
	p.file = file;
	p.src = src;
	p.len = len;
	p.line = 1;
	if (parse_list(&p, NULL, 1, root, &term, &endline) == -1)
		return -1;
	ck.file = file;
	htmlctx_init(&c);
	if (check_list(&ck, *root, &c) == -1)
		return -1;
	if (c.state != HC_DATA) {
		log_err("%s:%d: the template ends %s, not in text", file,
		    p.line, htmlctx_describe(&c, where, sizeof(where)));
		return -1;
	}
	return 0;
}
