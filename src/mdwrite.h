/*
 * mdwrite: writing CommonMark that cmark reads back as meant, for
 * html2md.c: text escaped so that it never turns into markup, link
 * destinations, code spans and fences, and blocks joined and nested
 * (quotes, list items). Strings returned live in the caller's arena; the
 * buffers inside the structs are freed by mdw_take() and mdw_flush().
 */
#ifndef QUIRE_MDWRITE_H
#define QUIRE_MDWRITE_H

#include <stddef.h>

#include "arena.h"
#include "buf.h"

/* Inline Markdown being written: white space and breaks are held back
 * until more text comes, so none ends a paragraph or an emphasis. */
struct mdw_inline {
	struct buf	 b;
	int		 bol;		/* at the beginning of a line */
	int		 space, br;	/* due before more text */
	int		 lead_space, lead_br; /* came before any text */
	int		 no_br;		/* breaks as spaces: headings, cells */
	int		 heading;	/* '#' escaped everywhere */
};

enum mdw_kind {
	MDW_NONE,
	MDW_PARA,
	MDW_LIST,
	MDW_OTHER,
	MDW_CAPTION,	/* a paragraph that goes under an image's */
};

/* Blocks being written, and the inline run they are gathering. */
struct mdw_blocks {
	struct buf		 b;
	enum mdw_kind		 last;
	char			 mark;	/* the last list's bullet or delimiter */
	int			 tight;	/* a list item: a list follows a
					   paragraph on the next line */
	int			 loose;	/* a blank line went between blocks */
	struct mdw_inline	 in;
};

void	 mdw_inline_init(struct mdw_inline *, int bol);
/* Writes what is due before more text: a hard break or a space. */
void	 mdw_due(struct mdw_inline *);
void	 mdw_space(struct mdw_inline *);
void	 mdw_break(struct mdw_inline *);
/* Text, its white space collapsed as HTML does, escaped. */
void	 mdw_text(struct mdw_inline *, const char *);
/* Another writer's Markdown (an emphasis, a link's text) between before
 * and after, its leading and trailing space outside; frees sub's buffer. */
void	 mdw_sub(struct mdw_inline *, struct mdw_inline *sub,
	    const char *before, const char *after);
/* A code span of text, on one line. */
void	 mdw_code(struct arena *, struct mdw_inline *, const char *text);
/* A URL as a link destination; NULL if it is empty or its scheme is
 * refused (html_url_allowed()). */
char	*mdw_dest(struct arena *, const char *url);
/* ' "title"' for a link or image, "" for NULL or "". */
char	*mdw_title(struct arena *, const char *);
/* A fenced code block of text with info string lang (may be ""). */
char	*mdw_fence(struct arena *, const char *text, const char *lang);

/* s, each line after prefix (the first after first), empty lines as
 * empty_line, into b. */
void	 mdw_lines(struct buf *, const char *s, const char *first,
	    const char *prefix, const char *empty_line);
void	 mdw_blocks_init(struct mdw_blocks *, int tight);
/* Adds a block; interrupts: it may follow a paragraph on the next line
 * (a bullet list, an ordered one from 1). */
void	 mdw_add(struct mdw_blocks *, enum mdw_kind, int interrupts,
	    const char *);
/* The inline run, if any, as a paragraph. */
void	 mdw_flush(struct arena *, struct mdw_blocks *);
/* b's contents in the arena; frees b. */
char	*mdw_take(struct arena *, struct buf *);
/* The blocks of sub (flushed) as a block quote into bl; frees sub. */
void	 mdw_quote(struct arena *, struct mdw_blocks *bl, struct mdw_blocks *);
/* A list: items added one by one (each flushed, indented under marker
 * and freed; an empty one left out, 0), then the list added to bl. */
struct mdw_list {
	struct buf	 out;
	int		 loose;
	int		 n;
};
const char *mdw_marker(struct arena *, int ordered, long num, char mark);
int	 mdw_item(struct arena *, struct mdw_list *, struct mdw_blocks *item,
	    const char *marker);
void	 mdw_list_end(struct arena *, struct mdw_blocks *bl,
	    struct mdw_list *, int interrupts, char mark);

#endif
