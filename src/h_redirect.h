/*
 * h_redirect: the answer for an old address (db_redirect.h), asked where
 * the site would answer a reader's GET or HEAD with 404: by the pipeline
 * (src/app.c) and by h_article for a slug that lives under another date.
 */
#ifndef QUIRE_H_REDIRECT_H
#define QUIRE_H_REDIRECT_H

#include "app.h"

/* 301 with an absolute Location (the response is reset first) when the
 * request's path is a redirect's source and its target is live; 0 when
 * there is none (nothing touched); 500 on error. */
int	h_redirect(struct ctx *);
/* 1 when the request is WordPress's /?p=ID or /?page_id=ID: an old
 * address, never the home page (which answers 404 to it, so that the
 * pipeline asks h_redirect()). */
int	h_redirect_wp(struct ctx *);

#endif
