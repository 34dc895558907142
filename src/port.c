/*
 * port: a post as it moves into or out of Quire (port.h): the set the
 * format readers fill.
 */
#include <string.h>

#include "port.h"

struct port_item *
port_set_add(struct arena *a, struct port_set *s)
{
	struct port_item *it;

	s->items = arena_grow(a, s->items, s->n, &s->cap, sizeof(*s->items));
	it = &s->items[s->n++];
	memset(it, 0, sizeof(*it));
	return it;
}

void
port_note(struct arena *a, struct port_item *it, const char *text)
{
	it->notes = arena_grow(a, it->notes, it->nnotes, &it->capnotes,
	    sizeof(*it->notes));
	it->notes[it->nnotes++] = arena_strdup(a, text);
}
