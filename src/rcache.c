/*
 * rcache: what a worker rendered, kept (rcache.h). A hash table of
 * (kind, id) with chains, and a doubly linked list from the most to the
 * least recently used entry.
 */
#include <stdlib.h>
#include <string.h>

#include "log.h"
#include "rcache.h"

struct entry {
	struct entry	*next;		/* in its bucket */
	struct entry	*newer, *older;	/* the recency list */
	enum rcache_kind kind;
	long long	 id, rev, n;
	size_t		 len;
	char		 text[];	/* len bytes and a NUL */
};

struct rcache {
	struct entry	**bucket;
	size_t		  nbucket;	/* a power of two */
	struct entry	 *newest, *oldest;
	size_t		  max, bytes, entries;
	unsigned long long hits, misses;
};

static void *
xcalloc(size_t n, size_t size)
{
	void	*p;

	if ((p = calloc(n, size)) == NULL) {
		log_err("rcache: out of memory");
		abort();
	}
	return p;
}

struct rcache *
rcache_new(size_t max)
{
	struct rcache	*k = xcalloc(1, sizeof(*k));

	k->max = max;
	k->nbucket = 256;
	k->bucket = xcalloc(k->nbucket, sizeof(*k->bucket));
	return k;
}

void
rcache_free(struct rcache *k)
{
	struct entry	*e, *o;

	if (k == NULL)
		return;
	for (e = k->newest; e != NULL; e = o) {
		o = e->older;
		free(e);
	}
	free(k->bucket);
	free(k);
}

static size_t
slot(const struct rcache *k, enum rcache_kind kind, long long id)
{
	unsigned long long	 h = (unsigned long long)id * 0x9e3779b97f4a7c15ULL;

	h ^= (unsigned long long)kind + (h >> 29);
	return (size_t)(h & (k->nbucket - 1));
}

static size_t
cost(const struct entry *e)
{
	return sizeof(*e) + e->len + 1;
}

static void
unlink_lru(struct rcache *k, struct entry *e)
{
	if (e->newer != NULL)
		e->newer->older = e->older;
	else
		k->newest = e->older;
	if (e->older != NULL)
		e->older->newer = e->newer;
	else
		k->oldest = e->newer;
	e->newer = e->older = NULL;
}

static void
push_newest(struct rcache *k, struct entry *e)
{
	e->older = k->newest;
	e->newer = NULL;
	if (k->newest != NULL)
		k->newest->newer = e;
	k->newest = e;
	if (k->oldest == NULL)
		k->oldest = e;
}

/* Takes e out of the cache and frees it. */
static void
drop(struct rcache *k, struct entry *e)
{
	struct entry	**p = &k->bucket[slot(k, e->kind, e->id)];

	while (*p != e)
		p = &(*p)->next;
	*p = e->next;
	unlink_lru(k, e);
	k->bytes -= cost(e);
	k->entries--;
	free(e);
}

/* The entry of (kind, id), whatever its revision, or NULL. */
static struct entry *
find(const struct rcache *k, enum rcache_kind kind, long long id)
{
	struct entry	*e;

	for (e = k->bucket[slot(k, kind, id)]; e != NULL; e = e->next)
		if (e->kind == kind && e->id == id)
			return e;
	return NULL;
}

/* Twice the buckets when the chains grow long. */
static void
grow(struct rcache *k)
{
	struct entry	**old = k->bucket, *e, *next;
	size_t		  n = k->nbucket, i;

	k->nbucket *= 2;
	k->bucket = xcalloc(k->nbucket, sizeof(*k->bucket));
	for (i = 0; i < n; i++)
		for (e = old[i]; e != NULL; e = next) {
			next = e->next;
			e->next = k->bucket[slot(k, e->kind, e->id)];
			k->bucket[slot(k, e->kind, e->id)] = e;
		}
	free(old);
}

int
rcache_get(struct rcache *k, enum rcache_kind kind, long long id,
    long long rev, const char **text, size_t *len, long long *n)
{
	struct entry	*e = find(k, kind, id);

	if (e == NULL || e->rev != rev) {
		k->misses++;
		return 0;
	}
	k->hits++;
	unlink_lru(k, e);
	push_newest(k, e);
	*text = e->text;
	*len = e->len;
	*n = e->n;
	return 1;
}

void
rcache_put(struct rcache *k, enum rcache_kind kind, long long id,
    long long rev, const char *text, size_t len, long long n)
{
	struct entry	*e;
	size_t		 need = sizeof(*e) + len + 1, i;

	if ((e = find(k, kind, id)) != NULL)
		drop(k, e);
	if (need > k->max)
		return;
	while (k->bytes + need > k->max && k->oldest != NULL)
		drop(k, k->oldest);
	/* Not zeroed: every field is set and the text copied. */
	if ((e = malloc(need)) == NULL) {
		log_err("rcache: out of memory");
		abort();
	}
	e->kind = kind;
	e->id = id;
	e->rev = rev;
	e->n = n;
	e->len = len;
	memcpy(e->text, text, len);
	e->text[len] = '\0';
	i = slot(k, kind, id);
	e->next = k->bucket[i];
	k->bucket[i] = e;
	push_newest(k, e);
	k->bytes += need;
	if (++k->entries > k->nbucket)
		grow(k);
}

void
rcache_clear(struct rcache *k)
{
	while (k->oldest != NULL)
		drop(k, k->oldest);
}

void
rcache_stats(const struct rcache *k, struct rcache_stats *s)
{
	s->hits = k->hits;
	s->misses = k->misses;
	s->bytes = k->bytes;
	s->entries = k->entries;
	s->max = k->max;
}
