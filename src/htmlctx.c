/*
 * htmlctx: the HTML tokenizer of the WHATWG spec cut down to what decides
 * where a template value lands: text, tags, attribute names and values,
 * comments and the raw text of <script>/<style>, and of JSON-LD the one
 * thing a value may be there: a whole string literal. The template compiler
 * feeds it literal text and asks it about each value; rendering never sees it.
 */
#include <stdio.h>
#include <string.h>

#include "htmlctx.h"

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))
#define LD_JSON		"application/ld+json"
#define LD_JSON_LEN	((int)sizeof(LD_JSON) - 1)

static const char *const rcdata_tags[] = { "textarea", "title" };
static const char *const raw_tags[] = {
	"iframe", "noembed", "noframes", "noscript", "script", "style", "xmp",
};
static const char *const url_attrs[] = {
	"action", "archive", "background", "cite", "classid", "codebase",
	"data", "dynsrc", "formaction", "href", "icon", "longdesc", "lowsrc",
	"manifest", "ping", "poster", "profile", "src", "usemap", "xlink:href",
};

static int
in_list(const char *const *list, size_t n, const char *s)
{
	while (n-- > 0)
		if (strcmp(list[n], s) == 0)
			return 1;
	return 0;
}

#define is_space(c)	((c) == ' ' || (c) == '\t' || (c) == '\n' || \
			    (c) == '\f' || (c) == '\r')
#define is_alpha(c)	(((c) | 0x20) >= 'a' && ((c) | 0x20) <= 'z')
#define lower(c)	((char)((c) >= 'A' && (c) <= 'Z' ? (c) | 0x20 : (c)))

/* Appends c to a name kept cut at HC_NAME_MAX - 1 bytes; a cut name has
 * len >= HC_NAME_MAX and matches no list. */
static void
name_add(char *name, size_t *len, unsigned char c)
{
	if (*len < HC_NAME_MAX - 1)
		name[*len] = lower(c);
	if (*len < HC_NAME_MAX)
		(*len)++;
}

static void
tag_start(struct htmlctx *c, int endtag, unsigned char ch)
{
	memset(c->tag, 0, sizeof(c->tag));
	c->taglen = 0;
	c->endtag = endtag;
	c->ntype = c->jt = c->json = 0;
	name_add(c->tag, &c->taglen, ch);
	c->state = HC_TAG_NAME;
}

/* Is this the type attribute of a <script>? */
static int
script_type(const struct htmlctx *c)
{
	return strcmp(c->tag, "script") == 0 && strcmp(c->attr, "type") == 0;
}

/* A character of an attribute's value: a script's type is matched against
 * LD_JSON as it goes. */
static void
type_step(struct htmlctx *c, unsigned char ch)
{
	if (script_type(c) && c->jt >= 0)
		c->jt = c->jt < LD_JSON_LEN && lower(ch) == LD_JSON[c->jt] ?
		    c->jt + 1 : -1;
}

static void
attr_start(struct htmlctx *c, unsigned char ch)
{
	memset(c->attr, 0, sizeof(c->attr));
	c->attrlen = 0;
	name_add(c->attr, &c->attrlen, ch);
	c->state = HC_ATTR_NAME;
}

static void
attr_clear(struct htmlctx *c)
{
	memset(c->attr, 0, sizeof(c->attr));
	c->attrlen = 0;
	c->quote = '\0';
	c->akind = HA_PLAIN;
	c->url = HU_REST;
}

static void
value_start(struct htmlctx *c, char quote)
{
	const char	*a = c->attr;

	c->quote = quote;
	c->url = HU_START;
	if (c->attrlen >= 2 && a[0] == 'o' && a[1] == 'n')
		c->akind = HA_SCRIPT;
	else if (c->attrlen >= HC_NAME_MAX)
		c->akind = HA_PLAIN;
	else if (strcmp(a, "style") == 0)
		c->akind = HA_STYLE;
	else if (strcmp(a, "srcset") == 0 || strcmp(a, "imagesrcset") == 0)
		c->akind = HA_SRCSET;
	else if (strcmp(a, "srcdoc") == 0)
		c->akind = HA_SRCDOC;
	else if (in_list(url_attrs, NELEM(url_attrs), a))
		c->akind = HA_URL;
	else
		c->akind = HA_PLAIN;
	c->state = quote != '\0' ? HC_ATTR_VALUE : HC_ATTR_UNQUOTED;
}

/* The end of a tag ('>'): what follows is text, RCDATA or raw text. */
static int
tag_end(struct htmlctx *c, const char **why)
{
	attr_clear(c);
	c->n = c->m = 0;
	if (!c->endtag && c->taglen < HC_NAME_MAX) {
		if (in_list(rcdata_tags, NELEM(rcdata_tags), c->tag)) {
			c->state = HC_RCDATA;
			return 0;
		}
		if (in_list(raw_tags, NELEM(raw_tags), c->tag)) {
			/* A script is JSON-LD only with one type attribute
			 * (a browser reads the first), exactly that. */
			c->state = HC_RAWTEXT;
			c->json = strcmp(c->tag, "script") == 0 &&
			    c->ntype == 1 && c->jt == LD_JSON_LEN;
			return 0;
		}
		if (strcmp(c->tag, "plaintext") == 0) {
			*why = "<plaintext> is not supported";
			return -1;
		}
	}
	memset(c->tag, 0, sizeof(c->tag));
	c->taglen = 0;
	c->endtag = 0;
	c->ntype = c->jt = c->json = 0;
	c->state = HC_DATA;
	return 0;
}

/* Inside RCDATA or raw text only "</tag" followed by a space, '/' or '>'
 * ends the element. */
static int
raw_step(struct htmlctx *c, unsigned char ch, int *reconsume, const char **why)
{
	size_t	 want = 2 + c->taglen;

	/* JSON: are we inside a string literal? */
	if (c->json == 1 && ch == '"')
		c->json = 2;
	else if (c->json == 2 && (ch == '"' || ch == '\\'))
		c->json = ch == '"' ? 1 : 3;
	else if (c->json == 3)
		c->json = 2;
	if (c->state == HC_RAWTEXT && strcmp(c->tag, "script") == 0) {
		/* "<!--" inside a script changes where it ends. */
		if (ch == (unsigned char)"<!--"[c->m]) {
			if (++c->m == 4) {
				*why = "\"<!--\" inside <script> is not supported";
				return -1;
			}
		} else
			c->m = ch == '<';
	}
	if ((size_t)c->n == want) {
		if (is_space(ch) || ch == '/' || ch == '>') {
			c->state = HC_TAG_NAME;
			c->endtag = 1;
			c->n = c->m = 0;
			*reconsume = 1;
			return 0;
		}
		c->n = 0;
	}
	if ((c->n == 0 && ch == '<') || (c->n == 1 && ch == '/') ||
	    (c->n >= 2 && (size_t)c->n < want && c->taglen < HC_NAME_MAX &&
	    lower(ch) == c->tag[c->n - 2]))
		c->n++;
	else
		c->n = ch == '<';
	return 0;
}

/* A literal character in a URL attribute's value. */
static int
url_step(struct htmlctx *c, unsigned char ch, const char **why)
{
	if (c->akind != HA_URL || c->url == HU_REST)
		return 0;
	if (ch == '/' || ch == '?' || ch == '#')
		c->url = HU_REST;
	else if (ch == ':') {
		if (c->url == HU_VAL) {
			*why = "':' after a value in a URL would make the value"
			    " its scheme";
			return -1;
		}
		c->url = HU_REST;
	} else if (c->url == HU_START)
		c->url = HU_LIT;
	return 0;
}

/* A character of a tag's or an attribute's name: a space ends the name
 * (state after), '/' and '>' end the tag, anything else is the name's. */
static int
in_name(struct htmlctx *c, unsigned char ch, char *name, size_t *len,
    enum hc_state after, const char **why)
{
	if (is_space(ch))
		c->state = after;
	else if (ch == '/')
		c->state = HC_SELF_CLOSING;
	else if (ch == '>')
		return tag_end(c, why);
	else
		name_add(name, len, ch);
	return 0;
}

static int
step(struct htmlctx *c, unsigned char ch, const char **why)
{
	int	 again;

	do {
		again = 0;
		switch (c->state) {
		case HC_DATA:
			if (ch == '<')
				c->state = HC_TAG_OPEN;
			break;
		case HC_RCDATA:
		case HC_RAWTEXT:
			if (raw_step(c, ch, &again, why) == -1)
				return -1;
			break;
		case HC_TAG_OPEN:
			if (is_alpha(ch))
				tag_start(c, 0, ch);
			else if (ch == '!') {
				c->state = HC_MARKUP_DECL;
				c->n = 0;
			} else if (ch == '/')
				c->state = HC_END_TAG_OPEN;
			else if (ch == '?')
				c->state = HC_BOGUS_COMMENT;
			else {
				c->state = HC_DATA;
				again = 1;
			}
			break;
		case HC_END_TAG_OPEN:
			if (is_alpha(ch))
				tag_start(c, 1, ch);
			else if (ch == '>')
				c->state = HC_DATA;
			else
				c->state = HC_BOGUS_COMMENT;
			break;
		case HC_TAG_NAME:
			if (in_name(c, ch, c->tag, &c->taglen,
			    HC_BEFORE_ATTR_NAME, why) == -1)
				return -1;
			break;
		case HC_BOUNDARY:
			if (is_space(ch)) {
				c->n = 1;
				break;
			}
			if (ch == '=' || (ch != '/' && ch != '>' && !c->n)) {
				*why = "attribute text right after a block that"
				    " ends differently in its branches (start"
				    " it with a space, and give the value in"
				    " every branch)";
				return -1;
			}
			c->n = 0;
			/* FALLTHROUGH */
		case HC_BEFORE_ATTR_NAME:
		case HC_AFTER_ATTR_NAME:
			if (is_space(ch))
				break;
			if (ch == '/')
				c->state = HC_SELF_CLOSING;
			else if (ch == '=' && c->state == HC_AFTER_ATTR_NAME)
				c->state = HC_BEFORE_ATTR_VALUE;
			else if (ch == '>')
				return tag_end(c, why);
			else
				attr_start(c, ch);
			break;
		case HC_ATTR_NAME:
			if ((ch == '=' || ch == '/' || ch == '>' ||
			    is_space(ch)) && script_type(c))
				c->ntype++;
			if (ch == '=')
				c->state = HC_BEFORE_ATTR_VALUE;
			else if (in_name(c, ch, c->attr, &c->attrlen,
			    HC_AFTER_ATTR_NAME, why) == -1)
				return -1;
			break;
		case HC_BEFORE_ATTR_VALUE:
			if (is_space(ch))
				break;
			if (ch == '"' || ch == '\'')
				value_start(c, (char)ch);
			else if (ch == '>')
				return tag_end(c, why);
			else {
				value_start(c, '\0');
				again = 1;
			}
			break;
		case HC_ATTR_VALUE:
			if (ch == (unsigned char)c->quote) {
				c->state = HC_AFTER_ATTR_VALUE;
				break;
			}
			type_step(c, ch);
			if (url_step(c, ch, why) == -1)
				return -1;
			break;
		case HC_ATTR_UNQUOTED:
			if (is_space(ch))
				c->state = HC_BEFORE_ATTR_NAME;
			else if (ch == '>')
				return tag_end(c, why);
			else
				type_step(c, ch);
			break;
		case HC_AFTER_ATTR_VALUE:
		case HC_SELF_CLOSING:
			if (ch == '>')
				return tag_end(c, why);
			if (ch == '/' && c->state == HC_AFTER_ATTR_VALUE) {
				c->state = HC_SELF_CLOSING;
				break;
			}
			c->state = HC_BEFORE_ATTR_NAME;
			again = !is_space(ch);
			break;
		case HC_MARKUP_DECL:
			if (ch == '-' && c->n == 0)
				c->n = 1;
			else if (ch == '-') {
				/* Two dashes count as a comment's end, so
				 * that "<!-->" closes at once, as it does. */
				c->state = HC_COMMENT;
				c->n = 2;
			} else {
				c->state = HC_BOGUS_COMMENT;
				again = 1;
			}
			break;
		case HC_COMMENT:
			if (ch == '-')
				c->n = c->n == 3 ? 1 : c->n < 2 ? c->n + 1 : 2;
			else if (ch == '>' && c->n >= 2) {
				c->state = HC_DATA;
				c->n = 0;
			} else if (ch == '!' && c->n == 2)
				c->n = 3;
			else
				c->n = 0;
			break;
		default:	/* HC_BOGUS_COMMENT */
			if (ch == '>')
				c->state = HC_DATA;
			break;
		}
	} while (again);
	return 0;
}

void
htmlctx_init(struct htmlctx *c)
{
	memset(c, 0, sizeof(*c));
	c->state = HC_DATA;
	c->url = HU_REST;
}

int
htmlctx_text(struct htmlctx *c, const char *s, size_t len, size_t *at,
    const char **why)
{
	size_t	 i;

	for (i = 0; i < len; i++)
		if (step(c, (unsigned char)s[i], why) == -1) {
			*at = i;
			return -1;
		}
	return 0;
}

static enum hc_esc
by_filter(enum hc_filter f, enum hc_esc none)
{
	return f == HF_URL ? HE_URL : f == HF_PCT ? HE_PCT : none;
}

static int
refuse(char *why, size_t whysz, const char *msg, const struct htmlctx *c)
{
	char	 where[96];

	snprintf(why, whysz, "%s (%s)", msg,
	    htmlctx_describe(c, where, sizeof(where)));
	return -1;
}

static int
attr_value(struct htmlctx *c, enum hc_filter f, enum hc_esc *esc, char *why,
    size_t whysz)
{
	static const char *const refused[HA__MAX] = {
		NULL,					/* HA_PLAIN */
		NULL,					/* HA_URL */
		"a value in an event handler",		/* HA_SCRIPT */
		"a value in a style attribute",		/* HA_STYLE */
		"a value in a srcset",			/* HA_SRCSET */
		"a value in a srcdoc",			/* HA_SRCDOC */
	};

	if (refused[c->akind] != NULL)
		return refuse(why, whysz, refused[c->akind], c);
	if (script_type(c))
		c->jt = -1;	/* a script of unknown type: no values */
	if (c->akind == HA_PLAIN) {
		*esc = by_filter(f, HE_ESC);
		return 0;
	}
	if (f == HF_PCT) {
		/* Percent-encoded bytes end no scheme. */
		*esc = HE_PCT;
		if (c->url != HU_REST)
			c->url = HU_VAL;
		return 0;
	}
	switch (c->url) {
	case HU_START:
		*esc = HE_URL;
		c->url = HU_VAL;
		return 0;
	case HU_REST:
		*esc = by_filter(f, HE_ESC);
		return 0;
	default:
		return refuse(why, whysz, "a value where it could make a URL's"
		    " scheme (start the attribute with it, or put it after"
		    " a literal ':', '/', '?' or '#')", c);
	}
}

/* Inside <script type="application/ld+json">: a value is a whole JSON
 * string literal (| json writes the quotes), where a token may start.
 * Its escapes leave no '<', so it can neither end the element nor open
 * "<!--"; nor follow a '<' of the template's. */
static int
json_value(struct htmlctx *c, enum hc_filter f, enum hc_esc *esc, char *why,
    size_t whysz)
{
	if (f != HF_JSON)
		return refuse(why, whysz, "a value in JSON-LD without"
		    " | json", c);
	if (c->json != 1)
		return refuse(why, whysz, "a value inside a JSON string"
		    " (| json writes the quotes itself)", c);
	if (c->n > 0 || c->m > 0)
		return refuse(why, whysz, "a value right after '<'", c);
	*esc = HE_JSON;
	return 0;
}

void
htmlctx_boundary(struct htmlctx *c, int spaced)
{
	attr_clear(c);
	c->state = HC_BOUNDARY;
	c->n = spaced != 0;
}

int
htmlctx_value(struct htmlctx *c, enum hc_filter f, enum hc_esc *esc,
    char *why, size_t whysz)
{
	if (c->state == HC_RAWTEXT && c->json)
		return json_value(c, f, esc, why, whysz);
	if (f == HF_JSON)
		return refuse(why, whysz, "| json outside a <script"
		    " type=\"" LD_JSON "\">", c);
	switch (c->state) {
	case HC_DATA:
		*esc = by_filter(f, HE_TEXT);
		return 0;
	case HC_RCDATA:
		if (c->n >= 1)
			return refuse(why, whysz, "a value inside what may be"
			    " an end tag", c);
		*esc = by_filter(f, HE_ESC);
		return 0;
	case HC_ATTR_VALUE:
		return attr_value(c, f, esc, why, whysz);
	case HC_RAWTEXT:
		return refuse(why, whysz, "a value in raw text, where escaping"
		    " does not work", c);
	case HC_ATTR_UNQUOTED:
	case HC_BEFORE_ATTR_VALUE:
		return refuse(why, whysz, "a value in an unquoted attribute"
		    " value (quote it)", c);
	case HC_MARKUP_DECL:
	case HC_COMMENT:
	case HC_BOGUS_COMMENT:
		return refuse(why, whysz, "a value in an HTML comment", c);
	default:
		return refuse(why, whysz, "a value in a tag or attribute name",
		    c);
	}
}

/* How each state reads in a message; args: 0 none, 1 the tag, 2 the
 * attribute and the tag. */
static const struct {
	const char	*fmt;
	int		 args;
} where[HC__MAX] = {
	{ "text", 0 },					/* HC_DATA */
	{ "inside <%s>", 1 },				/* HC_RCDATA */
	{ "inside <%s>", 1 },				/* HC_RAWTEXT */
	{ "in a tag name", 0 },				/* HC_TAG_OPEN */
	{ "in a tag name", 0 },				/* HC_END_TAG_OPEN */
	{ "in a tag name", 0 },				/* HC_TAG_NAME */
	{ "between attributes of <%s>", 1 },		/* HC_BEFORE_ATTR_NAME */
	{ "after attribute name \"%s\" in <%s>", 2 },	/* HC_ATTR_NAME */
	{ "after attribute name \"%s\" in <%s>", 2 },	/* HC_AFTER_ATTR_NAME */
	{ "unquoted attribute \"%s\" in <%s>", 2 },	/* HC_BEFORE_ATTR_VALUE */
	{ "value of attribute \"%s\" in <%s>", 2 },	/* HC_ATTR_VALUE */
	{ "unquoted attribute \"%s\" in <%s>", 2 },	/* HC_ATTR_UNQUOTED */
	{ "between attributes of <%s>", 1 },		/* HC_AFTER_ATTR_VALUE */
	{ "between attributes of <%s>", 1 },		/* HC_SELF_CLOSING */
	{ "between attributes of <%s>", 1 },		/* HC_BOUNDARY */
	{ "in a comment or declaration", 0 },		/* HC_MARKUP_DECL */
	{ "in a comment or declaration", 0 },		/* HC_COMMENT */
	{ "in a comment or declaration", 0 },		/* HC_BOGUS_COMMENT */
};

const char *
htmlctx_describe(const struct htmlctx *c, char *buf, size_t sz)
{
	const char	*tag = c->taglen < HC_NAME_MAX ? c->tag : "...";
	const char	*attr = c->attrlen < HC_NAME_MAX ? c->attr : "...";

	if (where[c->state].args == 2)
		snprintf(buf, sz, where[c->state].fmt, attr, tag);
	else
		snprintf(buf, sz, where[c->state].fmt, tag);
	return buf;
}
