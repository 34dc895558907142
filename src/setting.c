/*
 * setting: the settings table (see setting.h). Rows are in the order the
 * settings page shows them.
 */
#include <string.h>

#include "setting.h"

static const char *const disclaimer_where[] = {
	"articles", "On article pages",
	"everywhere", "On every page",
	NULL,
};

static const struct setting_def defs[SET__MAX] = {
	/* SET_TITLE */
	{ "title", "Quire", "site_title", SK_LINE, SG_NONE, 200, 1,
	    valid_line, "Site title", NULL, 0, 0, 0, NULL },
	/* SET_SUBTITLE */
	{ "subtitle", "", "site_subtitle", SK_LINE, SG_NONE, 300, 0,
	    valid_line, "Subtitle", NULL, 0, 0, 0, NULL },
	/* SET_BASE_URL */
	{ "base_url", "", "site_base_url", SK_URL, SG_NONE, 300, 1,
	    valid_base_url, "Base URL", "The site's public address, e.g. "
	    "https://blog.example.org: canonical and share links and "
	    "redirects are built from it, never from a request's Host "
	    "header. quire init --base-url sets it too.", 0, 0, 0, NULL },
	/* SET_AUTHOR */
	{ "author", "", "site_author", SK_LINE, SG_NONE, 100, 0,
	    valid_line, "Default author", NULL, 0, 0, 0, NULL },
	/* SET_PER_PAGE */
	{ "per_page", "10", "site_per_page", SK_NUMBER, SG_NONE, 3, 1,
	    valid_per_page, "Articles per page", NULL, 0, 1, 100, NULL },
	/* SET_SHARE_X */
	{ "share_x", "1", "share_x", SK_CHECK, SG_SHARE, 1, 0,
	    valid_box, "X (Twitter)", NULL, 0, 0, 0, NULL },
	/* SET_SHARE_LINKEDIN */
	{ "share_linkedin", "1", "share_linkedin", SK_CHECK, SG_SHARE, 1, 0,
	    valid_box, "LinkedIn", NULL, 0, 0, 0, NULL },
	/* SET_SHARE_FACEBOOK */
	{ "share_facebook", "1", "share_facebook", SK_CHECK, SG_SHARE, 1, 0,
	    valid_box, "Facebook", NULL, 0, 0, 0, NULL },
	/* SET_CONTRIBUTE */
	{ "contribute_note", "", "site_note", SK_MARKDOWN, SG_NONE, 20000, 0,
	    valid_text, "Contribution note (Markdown, on every page)", NULL,
	    4, 0, 0, NULL },
	/* SET_DISCLAIMER */
	{ "disclaimer", "", "site_disclaimer", SK_MARKDOWN, SG_NONE, 100000, 0,
	    valid_text, "Disclaimer (Markdown)", NULL, 16, 0, 0, NULL },
	/* SET_DISCLAIMER_WHERE */
	{ "disclaimer_where", "articles", "site_disclaimer_where", SK_CHOICE,
	    SG_NONE, 20, 1, NULL, "Where the disclaimer is shown in full",
	    "Other pages end with a one-line link to it (/disclaimer).", 0,
	    0, 0, disclaimer_where },
	/* SET_ROBOTS */
	{ "robots", "User-agent: *\nDisallow: /admin/", "site_robots", SK_TEXT,
	    SG_NONE, 10000, 0, valid_text, "robots.txt", "What /robots.txt "
	    "says to crawlers. Quire adds the line naming the sitemap.", 6,
	    0, 0, NULL },
	/* SET_UPDATED_AT */
	{ "updated_at", "0", NULL, SK_INTERNAL, SG_NONE, 0, 0, NULL, NULL,
	    NULL, 0, 0, 0, NULL },
	/* SET_CHANGED_AT */
	{ "changed_at", "0", NULL, SK_INTERNAL, SG_NONE, 0, 0, NULL, NULL,
	    NULL, 0, 0, 0, NULL },
};

static const struct {
	const char	*key;
	const char	*legend;
} groups[SG__MAX] = {
	{ NULL, NULL },					/* SG_NONE */
	{ "share", "Share links on articles" },		/* SG_SHARE */
};

const struct setting_def *
setting_def(enum setting s)
{
	return &defs[s];
}

int
setting_by_field(const char *name)
{
	int	 i;

	for (i = 0; i < SET__MAX; i++)
		if (defs[i].field != NULL && strcmp(defs[i].field, name) == 0)
			return i;
	return -1;
}

const char *
setting_group_key(enum setting_group g)
{
	return groups[g].key;
}

const char *
setting_group_legend(enum setting_group g)
{
	return groups[g].legend;
}

void
setting_defaults(struct settings *s)
{
	int	 i;

	for (i = 0; i < SET__MAX; i++)
		s->v[i] = defs[i].def;
}

int
setting_on(const struct settings *s, enum setting i)
{
	return strcmp(s->v[i], "1") == 0;
}

const char *
setting_check(enum setting i, const char *v)
{
	const struct setting_def	*d = &defs[i];
	const char *const		*c;

	if (valid_chars(v) > d->max)
		return "This is longer than allowed.";
	/* An unchecked box is not sent at all: sent, it must be "1". */
	if (*v == '\0' && d->kind != SK_CHECK)
		return d->required ? "This cannot be empty." : NULL;
	if (d->kind == SK_CHOICE) {
		for (c = d->choices; *c != NULL; c += 2)
			if (strcmp(v, *c) == 0)
				return NULL;
		return "Choose one of the options.";
	}
	return d->check != NULL ? d->check(v) : NULL;
}
