/*
 * h_feed: the site's feeds, /feed.atom, /feed.rss and /feed.json (the
 * newest visible articles in full), and the addresses feed readers guess
 * (/rss, /atom.xml, /feed, ...), sent on to them with a 301.
 */
#ifndef QUIRE_H_FEED_H
#define QUIRE_H_FEED_H

#include "app.h"

#define FEED_ITEMS	20	/* articles a feed carries */

int	h_feed_atom(struct ctx *);
int	h_feed_rss(struct ctx *);
int	h_feed_json(struct ctx *);
/* Their stamp for conditional GET (route.h): the same for all three. */
int	h_feed_stamp(struct ctx *);
/* A tag's feeds, /tag/SLUG/feed.atom, .rss and .json: its newest visible
 * articles; 404 for an unknown tag or one with none; and their stamp. */
int	h_tag_feed_atom(struct ctx *);
int	h_tag_feed_rss(struct ctx *);
int	h_tag_feed_json(struct ctx *);
int	h_tag_feed_stamp(struct ctx *);
/* 301 to /feed.atom and to /feed.rss. */
int	h_feed_to_atom(struct ctx *);
int	h_feed_to_rss(struct ctx *);

#endif
