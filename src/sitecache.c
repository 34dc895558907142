/*
 * sitecache: the site's settings as a worker keeps them (sitecache.h).
 */
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "arena.h"
#include "db_setting.h"
#include "db_stamp.h"
#include "log.h"
#include "sitecache.h"

struct sitecache {
	struct arena	 mem;		/* the settings' strings */
	struct settings	 site;
	long long	 version[2];	/* db_setting_version() at the read */
	int		 valid;
	unsigned char	 digest[SITECACHE_DIGEST];
	long long	 next;		/* the next scheduled publication */
	int		 next_valid;	/* next read since the last change */
};

struct sitecache *
sitecache_new(void)
{
	struct sitecache	*k;

	if ((k = calloc(1, sizeof(*k))) == NULL) {
		log_err("%s: out of memory", __func__);
		abort();
	}
	arena_init(&k->mem);
	return k;
}

void
sitecache_free(struct sitecache *k)
{
	if (k == NULL)
		return;
	arena_free(&k->mem);
	free(k);
}

/* Reads the settings anew and hashes what pages show of them. */
static int
load(struct sitecache *k, struct db *db, const char *base_url)
{
	crypto_generichash_state	 h;
	const char			*v;
	int				 i;

	k->valid = 0;
	k->next_valid = 0;
	arena_reset(&k->mem);
	if (db_setting_load(db, &k->mem, &k->site) == -1)
		return -1;
	if (base_url != NULL)
		k->site.v[SET_BASE_URL] = base_url;
	crypto_generichash_init(&h, NULL, 0, sizeof(k->digest));
	for (i = 0; i < SET__MAX; i++) {
		if (setting_def(i)->kind == SK_INTERNAL)
			continue;
		v = k->site.v[i];
		crypto_generichash_update(&h, (const unsigned char *)v,
		    strlen(v) + 1);
	}
	crypto_generichash_final(&h, k->digest, sizeof(k->digest));
	k->valid = 1;
	return 0;
}

int
sitecache_get(struct sitecache *k, struct db *db, const char *base_url,
    struct settings *out, int *changed)
{
	long long	 v[2];

	*changed = 1;
	if (db_setting_version(db, v) == -1)
		return -1;
	*changed = !k->valid || v[0] != k->version[0] ||
	    v[1] != k->version[1];
	if (*changed) {
		if (load(k, db, base_url) == -1)
			return -1;
		k->version[0] = v[0];
		k->version[1] = v[1];
	}
	*out = k->site;
	return 0;
}

const unsigned char *
sitecache_digest(const struct sitecache *k)
{
	return k->digest;
}

long long
sitecache_next_scheduled(struct sitecache *k, struct db *db, long long now)
{
	long long	 next;

	/* Kept until a write, or until it is no longer ahead. */
	if (k->valid && k->next_valid && (k->next == 0 || k->next > now))
		return k->next;
	if ((next = db_stamp_next_scheduled(db, now)) == -1)
		return -1;
	k->next = next;
	k->next_valid = 1;
	return next;
}
