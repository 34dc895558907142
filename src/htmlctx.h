/*
 * htmlctx: a small HTML tokenizer state machine for the template compiler.
 * It reads a template's literal text and says, for each {{ value }}, which
 * HTML context it lands in and so how it must be escaped, or why it may not
 * go there at all. No allocation, no logging: the compiler logs with the
 * file and line it knows.
 */
#ifndef QUIRE_HTMLCTX_H
#define QUIRE_HTMLCTX_H

#include <stddef.h>

#define HC_NAME_MAX	24	/* longer tag/attribute names are kept cut */

enum hc_state {
	HC_DATA,		/* text between tags */
	HC_RCDATA,		/* inside <title> or <textarea>: text */
	HC_RAWTEXT,		/* inside <script>, <style> and kin */
	HC_TAG_OPEN,		/* after '<' */
	HC_END_TAG_OPEN,	/* after "</" */
	HC_TAG_NAME,
	HC_BEFORE_ATTR_NAME,
	HC_ATTR_NAME,
	HC_AFTER_ATTR_NAME,
	HC_BEFORE_ATTR_VALUE,
	HC_ATTR_VALUE,		/* quoted; the quote is in quote */
	HC_ATTR_UNQUOTED,
	HC_AFTER_ATTR_VALUE,
	HC_SELF_CLOSING,
	HC_BOUNDARY,		/* between attributes after a block whose
				 * branches ended in different such states */
	HC_MARKUP_DECL,		/* after "<!" */
	HC_COMMENT,
	HC_BOGUS_COMMENT,	/* <!DOCTYPE ...>, <?...> */
	HC__MAX
};

/* What an attribute's value means. */
enum hc_attr {
	HA_PLAIN,
	HA_URL,		/* href, src, action, formaction, ... */
	HA_SCRIPT,	/* on* event handlers */
	HA_STYLE,
	HA_SRCSET,
	HA_SRCDOC,
	HA__MAX
};

/* In a URL attribute value, how far the scheme is settled; ordered from
 * least to most restrictive for what may follow. */
enum hc_url {
	HU_REST,	/* a literal ':', '/', '?' or '#' settled it */
	HU_START,	/* nothing written yet */
	HU_LIT,		/* literal text only, no scheme end yet */
	HU_VAL,		/* a value is in it, no scheme end yet */
};

struct htmlctx {
	enum hc_state	 state;
	char		 tag[HC_NAME_MAX];	/* lowercased, NUL-padded */
	size_t		 taglen;
	int		 endtag;
	char		 attr[HC_NAME_MAX];
	size_t		 attrlen;
	char		 quote;
	enum hc_attr	 akind;
	enum hc_url	 url;
	int		 n;	/* per state: bytes of "</tag" matched,
				 * dashes, or HC_BOUNDARY's space seen */
	int		 m;	/* inside <script>: bytes of "<!--" */
	int		 ntype;	/* in <script>: type attributes so far */
	int		 jt;	/* bytes of "application/ld+json" its
				 * value matched; -1: another value */
	int		 json;	/* in a JSON-LD script: 1 between tokens,
				 * 2 in a string, 3 after its backslash */
};

/* How a value is written where it lands. */
enum hc_esc {
	HE_TEXT,	/* text: escaped; struct safe_html raw */
	HE_ESC,		/* attribute value or <title>: always escaped */
	HE_URL,		/* scheme allow-list, then escaped */
	HE_PCT,		/* percent-encoded */
	HE_JSON,	/* a JSON string literal, < > & as \u escapes */
};

/* The filter written in the template: {{ x }}, {{ x | url }},
 * {{ x | pct }}, {{ x | json }} (only, and required, in JSON-LD) */
enum hc_filter {
	HF_NONE,
	HF_URL,
	HF_PCT,
	HF_JSON,
};

void	htmlctx_init(struct htmlctx *);
/* Reads literal text. On -1, *at is the offset of the offending byte and
 * why (a static string) says what is wrong. */
int	htmlctx_text(struct htmlctx *, const char *, size_t, size_t *at,
	    const char **why);
/* A value at this point: sets *esc, or returns -1 and writes why it may not
 * go here into why (always NUL-terminated). */
int	htmlctx_value(struct htmlctx *, enum hc_filter, enum hc_esc *esc,
	    char *why, size_t whysz);
/* Between two attributes of c's tag, after a block whose branches ended
 * there differently (hcblock.c); spaced: each ended after a space. */
void	htmlctx_boundary(struct htmlctx *c, int spaced);
/* A short description of the context ("text", "the value of attribute
 * \"href\"", ...) into buf. Returns buf. */
const char *htmlctx_describe(const struct htmlctx *, char *buf, size_t);

#endif
