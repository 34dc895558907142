/*
 * sitecache: the site's settings as a worker keeps them, and the time of
 * the next scheduled article (every reader page's max-age). Every page shows
 * them, and reading them back and hashing them for the ETag was a third of
 * a 304's time, so a worker reads them once and again only when the
 * database may have changed: PRAGMA data_version for another connection's
 * commits, the connection's own changes count for its own. Nothing is
 * ever served stale: the check is made at every request.
 */
#ifndef QUIRE_SITECACHE_H
#define QUIRE_SITECACHE_H

#include "db.h"
#include "setting.h"

#define SITECACHE_DIGEST	16

struct sitecache;

/* An empty cache, owned by the caller (sitecache_free()); NULL never (out
 * of memory aborts). */
struct sitecache	*sitecache_new(void);
void			 sitecache_free(struct sitecache *);
/*
 * The settings as the database holds them now, base_url (the
 * configuration's, or NULL) over the stored one, into *out: the strings
 * are the cache's, valid until the next call. *changed is 1 when the
 * database was written since the last call (anything else a worker keeps
 * is then to be dropped or checked again), else 0. 0, or -1 (logged;
 * nothing kept, so the next call reads again).
 */
int	sitecache_get(struct sitecache *, struct db *, const char *base_url,
	    struct settings *out, int *changed);
/* A digest of every setting pages show (SK_INTERNAL ones aside), as of the
 * last sitecache_get(): what the ETag hashes. */
const unsigned char	*sitecache_digest(const struct sitecache *);
/* db_stamp_next_scheduled(), kept: asked again only after a write (seen
 * by sitecache_get()) or once now has reached it. */
long long		 sitecache_next_scheduled(struct sitecache *,
			    struct db *, long long now);

#endif
