/*
 * h_article: an article's page, /YYYY/MM/slug.
 */
#ifndef QUIRE_H_ARTICLE_H
#define QUIRE_H_ARTICLE_H

#include "app.h"

int	h_article(struct ctx *);	/* args: year, month, slug */
int	h_article_stamp(struct ctx *);

#endif
