/*
 * h_public: the reader's pages: home, archive, article, static page.
 * Handlers return the HTTP status; they never free (the arena does).
 */
#ifndef QUIRE_H_PUBLIC_H
#define QUIRE_H_PUBLIC_H

#include "app.h"

int	h_home(struct ctx *);
int	h_archive(struct ctx *);	/* args: [year [month]] */
int	h_article(struct ctx *);	/* args: year, month, slug */
int	h_page(struct ctx *);		/* args: slug */

#endif
