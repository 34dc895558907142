/*
 * setting: the one table of site settings. Each row says everything about
 * a setting: its key in the settings table, its default, the form field
 * that edits it, the rule its value keeps, its label and help on the
 * settings page, and the kind of input. Storage (db_setting.c), form
 * parsing (req.c), the settings page (h_admin_settings.c) and what every
 * page template sees as site.KEY (view.c) all read it, so a new setting is
 * one row here (and its enum name) plus its use in a template.
 */
#ifndef QUIRE_SETTING_H
#define QUIRE_SETTING_H

#include <stddef.h>

#include "valid.h"

enum setting {
	SET_TITLE,
	SET_SUBTITLE,
	SET_BASE_URL,
	SET_AUTHOR,
	SET_PER_PAGE,
	SET_SHARE_X,		/* "1" shows the share link, "0" hides it */
	SET_SHARE_LINKEDIN,
	SET_SHARE_FACEBOOK,
	SET_CONTRIBUTE,
	SET_DISCLAIMER,
	SET_DISCLAIMER_WHERE,	/* "articles" or "everywhere" (in full) */
	SET_ROBOTS,		/* /robots.txt, before its Sitemap line */
	SET_UPDATED_AT,		/* when the settings were last saved */
	SET_CHANGED_AT,		/* when content last changed (db_post.c) */
	SET__MAX
};

/* How a setting is edited, and what templates get. */
enum setting_kind {
	SK_LINE,	/* one line of text: <input type="text"> */
	SK_URL,		/* <input type="url"> */
	SK_NUMBER,	/* <input type="number"> */
	SK_CHECK,	/* a checkbox: "1" or "0"; templates get a boolean */
	SK_MARKDOWN,	/* a <textarea> of Markdown, rendered on every page */
	SK_TEXT,	/* a <textarea> of plain lines; templates get text */
	SK_CHOICE,	/* a <select> of the row's choices; templates get the
			 * value */
	SK_INTERNAL,	/* kept by the program, not edited, not in templates */
};

/* Checkboxes that belong together: a fieldset on the settings page, and
 * site.GROUP_any (is any of them on?) in templates. */
enum setting_group {
	SG_NONE,
	SG_SHARE,
	SG__MAX
};

struct setting_def {
	const char		*key;	/* settings.key, and site.KEY in templates */
	const char		*def;	/* the value until one is saved */
	const char		*field;	/* form field, NULL for SK_INTERNAL */
	enum setting_kind	 kind;
	enum setting_group	 group;
	size_t			 max;	/* code points */
	int			 required;
	valid_fn		 check;	/* NULL: any text within max */
	const char		*label;
	const char		*help;	/* NULL or a sentence under the field */
	int			 rows;	/* SK_MARKDOWN, SK_TEXT: the textarea's
					 * height */
	int			 min, maxval; /* SK_NUMBER: the input's bounds */
	const char *const	*choices; /* SK_CHOICE: value, label, value,
					   * label, ..., NULL */
};

/* The values of every setting, NULL-free once loaded. Strings live in the
 * arena they were loaded into (or static storage for defaults). */
struct settings {
	const char	*v[SET__MAX];
};

/* The row of a setting. Static. */
const struct setting_def	*setting_def(enum setting);
/* The setting edited by form field name, or -1. */
int				 setting_by_field(const char *name);
/* The key and legend of a group ("share", "Share links on articles"). */
const char			*setting_group_key(enum setting_group);
const char			*setting_group_legend(enum setting_group);
/* Fills s with every default. */
void				 setting_defaults(struct settings *s);
/* Whether a checkbox setting is on. */
int				 setting_on(const struct settings *, enum setting);
/* Why value cannot be stored for the setting, or NULL: too long, empty
 * when required, or its rule broken. Static message. */
const char			*setting_check(enum setting, const char *value);

#endif
