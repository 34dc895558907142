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

/* Their stamps for conditional GET (route.h): what each page shows, from
 * one query, without rendering anything. */
int	h_home_stamp(struct ctx *);
int	h_archive_stamp(struct ctx *);
int	h_article_stamp(struct ctx *);
int	h_page_stamp(struct ctx *);

#endif
