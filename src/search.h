/*
 * search: what a reader typed into the search box, made into an FTS5
 * query that cannot be anything but words, and SQLite's marked snippets
 * made into safe HTML. No SQL and no HTTP here: db_search.c runs the
 * query, h_search.c draws the page.
 */
#ifndef QUIRE_SEARCH_H
#define QUIRE_SEARCH_H

#include <stddef.h>

#include "arena.h"
#include "html.h"

#define SEARCH_Q_MAX	200	/* characters a search may have (else 400) */
#define SEARCH_Q_BYTES	(SEARCH_Q_MAX * 4)	/* the edge's byte limit */
#define SEARCH_WORDS_MAX 16	/* words searched; more are left out */
#define SEARCH_WINDOW	1000	/* newest matches ranked (db_search.h) */

/* What db_search asks snippet() and highlight() to put around a match:
 * bytes that never occur in UTF-8, and every text the site stores passed
 * the edge's UTF-8 check, so a stored byte cannot pass for a marker. */
#define SEARCH_MARK_ON	"\xfe"
#define SEARCH_MARK_OFF	"\xff"

struct search_query {
	const char	*fts;		/* FTS5 query text; NULL: no word */
	size_t		 words;		/* words in it */
	size_t		 dropped;	/* words past SEARCH_WORDS_MAX */
};

/*
 * The q field's rule (req.c): at most SEARCH_Q_MAX characters, no control
 * character but tab, CR and LF. NULL when it holds, else a message a
 * reader can be shown (static).
 */
const char	*search_valid(const char *);

/*
 * Splits q into words and builds the FTS5 query: each word a quoted
 * string ("a" "b": every word must occur, in any order, stemmed and
 * folded by the index's tokenizer). A word is a run of ASCII letters and
 * digits and of bytes >= 0x80 (UTF-8 sequences: letters of any script
 * stay whole; the tokenizer splits what is not a letter among them).
 * Everything else separates words, so quotes, parentheses, '*', '-', '^',
 * ':', '+' and the like never reach FTS5, and the operators AND, OR, NOT
 * and NEAR (spelt in capitals, as FTS5 reads them) are dropped. No prefix
 * matching: whole words, with stemming, is what a search form promises
 * ("art" finding "article" would be noise). q is valid UTF-8 (the edge
 * checked it). The query lives in the arena.
 */
void		 search_build(struct arena *, const char *q,
		    struct search_query *);

/*
 * Text from snippet() or highlight() with SEARCH_MARK_ON/OFF around the
 * matches -> HTML: the text escaped, the markers <mark> and </mark>
 * (balanced whatever the input: a stray marker is dropped). In the arena.
 */
struct safe_html search_mark(struct arena *, const char *, size_t);

#endif
