/*
 * h_search: /search?q=WORDS[&page=N], full-text search of the visible
 * articles, best match first, 10 a page, each with its matches marked.
 * No q shows the form alone.
 */
#ifndef QUIRE_H_SEARCH_H
#define QUIRE_H_SEARCH_H

#include "app.h"

int	h_search(struct ctx *);
/* Its stamp for conditional GET (route.h): the matched articles' ids,
 * revisions and times in page order (db_search_stamp()). */
int	h_search_stamp(struct ctx *);

#endif
