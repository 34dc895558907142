/*
 * version: the release, shown by quire --version and part of every ETag
 * (a new binary may draw pages differently).
 */
#ifndef QUIRE_VERSION_H
#define QUIRE_VERSION_H

#define QUIRE_VERSION	"0.1.0"

#endif
