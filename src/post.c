/*
 * post: domain rules (see post.h). Pure functions of their arguments.
 */
#include <string.h>

#include "date.h"
#include "markdown.h"
#include "post.h"

#define WORDS_PER_MIN	230

static const char *const kind_names[POST__KINDS] = {
	"article",	/* POST_ARTICLE */
	"page",		/* POST_PAGE */
};

static const char *const state_names[PS__MAX] = {
	"draft",	/* PS_DRAFT */
	"scheduled",	/* PS_SCHEDULED */
	"published",	/* PS_PUBLISHED */
};

const char *
post_kind_name(enum post_kind k)
{
	return kind_names[k];
}

const char *
post_state_name(enum post_state s)
{
	return state_names[s];
}

enum post_state
post_state(const struct post *p, long long now)
{
	if (strcmp(p->status, "published") != 0)
		return PS_DRAFT;
	if (p->kind == POST_ARTICLE && p->published_at > now)
		return PS_SCHEDULED;
	return PS_PUBLISHED;
}

char *
post_slugify(struct arena *a, const char *title)
{
	/* U+00C0..U+00FF without accents; '-' for the non-letters. */
	static const char latin1[] =
	    "aaaaaaaceeeeiiiidnooooo-ouuuuyts"
	    "aaaaaaaceeeeiiiidnooooo-ouuuuyty";
	const unsigned char	*s = (const unsigned char *)title;
	char			*out;
	size_t			 o = 0;
	char			 ch;

	out = arena_alloc(a, POST_SLUG_MAX + 1);
	for (; *s != '\0' && o < POST_SLUG_MAX; s++) {
		if (*s >= 'A' && *s <= 'Z')
			ch = (char)(*s - 'A' + 'a');
		else if ((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9'))
			ch = (char)*s;
		else if ((*s == 0xc3) && s[1] >= 0x80 && s[1] <= 0xbf) {
			ch = latin1[s[1] - 0x80];
			s++;
		} else
			ch = '-';
		if (ch == '-' && (o == 0 || out[o - 1] == '-'))
			continue;
		out[o++] = ch;
	}
	while (o > 0 && out[o - 1] == '-')
		o--;
	out[o] = '\0';
	return out;
}

char *
post_path(struct arena *a, const struct post *p)
{
	int	 y, m;

	if (p->kind == POST_PAGE)
		return arena_printf(a, "/%s", p->slug);
	date_year_month(p->published_at, &y, &m);
	return arena_printf(a, "/%04d/%02d/%s", y, m, p->slug);
}

long long
post_minutes(const char *body)
{
	size_t	 words = md_words(body, strlen(body));

	return words == 0 ? 1 :
	    (long long)((words + WORDS_PER_MIN - 1) / WORDS_PER_MIN);
}

void
post_set_time(struct post *p, const struct post *stored, const char *date,
    const char *time_, int publishing, long long now)
{
	long long	 t, held;

	if (*date != '\0') {
		/* Both were validated at the edge. */
		t = date_parse_day(date) + (*time_ != '\0' ?
		    date_parse_hm(time_) : 0);
		p->has_date = 1;
		p->published_at = t;
		if (stored != NULL && stored->has_date) {
			/* Floor to the minute, negative times included. */
			held = stored->published_at -
			    ((stored->published_at % 60) + 60) % 60;
			if (held == t)
				p->published_at = stored->published_at;
		}
		return;
	}
	p->has_date = publishing;
	p->published_at = publishing ? now : 0;
}
