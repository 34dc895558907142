/*
 * post: the rules of articles and static pages, with no HTTP and no SQL in
 * them: what state a post is in, the slug made from a title, when an
 * edited post is published, its address on the site, its reading time.
 * Used by the admin, the command line and (later) import.
 */
#ifndef QUIRE_POST_H
#define QUIRE_POST_H

#include "arena.h"

/* Articles and static pages are edited alike; a page has no excerpt,
 * author or publication time. */
enum post_kind {
	POST_ARTICLE,
	POST_PAGE,
	POST__KINDS
};

/* What a reader can see of a post at a given time. */
enum post_state {
	PS_DRAFT,
	PS_SCHEDULED,	/* published, with a publication time still to come */
	PS_PUBLISHED,
	PS__MAX
};

struct post {
	long long	 id;		/* 0: not stored yet */
	enum post_kind	 kind;
	const char	*slug;
	const char	*title;
	const char	*excerpt;	/* Markdown, may be empty */
	const char	*body;		/* Markdown; NULL: not read (lists,
					 * the article's page: body.c reads it
					 * when it needs it) */
	const char	*author;	/* empty: the site's default author */
	const char	*status;	/* "draft" or "published" */
	int		 has_date;	/* published_at is set */
	long long	 published_at;	/* Unix seconds, UTC */
	long long	 created_at;
	long long	 updated_at;
	long long	 revision;	/* +1 on every save */
};

#define POST_SLUG_MAX	80	/* characters of a slug made from a title */

/* "article", "page". Static. */
const char	*post_kind_name(enum post_kind);
/* "draft", "scheduled", "published". Static. */
const char	*post_state_name(enum post_state);
enum post_state	 post_state(const struct post *, long long now);
/* A slug from a title: ASCII letters (Latin-1 letters without their
 * accents) and digits, lowercased, anything else one hyphen; at most
 * POST_SLUG_MAX characters; "" when the title has no letter or digit. In
 * the arena. */
char		*post_slugify(struct arena *, const char *title);
/* The post's address: "/YYYY/MM/slug" for an article (by its publication
 * time), "/slug" for a page. In the arena. */
char		*post_path(struct arena *, const struct post *);
/* Reading time in whole minutes, at least 1. */
long long	 post_minutes(const char *body);

/*
 * The publication time of a post being saved, from the editor's date
 * ("YYYY-MM-DD") and time ("HH:MM", may be "") fields, both validated;
 * stored is the post as it is in the database (NULL for a new one).
 * - A date given: that minute, UTC; but when it is the very minute the
 *   stored time falls in, the stored time itself, to the second (the form
 *   shows minutes: an Update that does not touch the date must not move
 *   the post, nor reorder posts published in the same minute).
 * - No date: now when publishing (or previewing), else none.
 * Sets p->has_date and p->published_at.
 */
void		 post_set_time(struct post *p, const struct post *stored,
		    const char *date, const char *time_, int publishing,
		    long long now);

#endif
