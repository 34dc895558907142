/*
 * utf8: reading one UTF-8 character. The edge (req.c) refuses what is not
 * UTF-8; the tag rules (tag.c) read code points; the feed writer (feed.c)
 * turns what a hand-made row might hold into U+FFFD. All three read with
 * this one decoder. No allocation.
 */
#ifndef QUIRE_UTF8_H
#define QUIRE_UTF8_H

#include <stddef.h>

/* The code point at s[0..len) and its length in *n; -1 (and *n 1) when
 * the bytes there are not one: a stray or missing continuation byte, an
 * overlong form, a surrogate, past U+10FFFF, cut short, or len 0. */
long	utf8_decode(const unsigned char *s, size_t len, size_t *n);

#endif
