/*
 * h_admin_settings: the page is drawn from the settings table, so a new
 * setting shows here with no code: each section is a run of rows of one
 * group (a fieldset when the group has a legend), each field says its
 * kind of input, label, help, value and message.
 */
#include <string.h>

#include "db_setting.h"
#include "h_admin_settings.h"
#include "view.h"

static const char *const input_types[] = {
	"text",		/* SK_LINE */
	"url",		/* SK_URL */
	"number",	/* SK_NUMBER */
	"checkbox",	/* SK_CHECK */
	NULL,		/* SK_MARKDOWN: a textarea */
	NULL,		/* SK_TEXT: a textarea */
	NULL,		/* SK_CHOICE: a select */
	NULL,		/* SK_INTERNAL */
};

/* One field of the form. A field with an error is a plain text input, so
 * that the browser shows (and sends back) exactly what was typed. */
static void
field(struct ctx *c, struct tv *list, int i, const char *value,
    const char *error)
{
	const struct setting_def	*d = setting_def(i);
	const char *const		*ch;
	struct tv			*m, *opts, *o;

	m = tv_list_add(c->a, list);
	tv_text(c->a, m, "name", d->field);
	tv_text(c->a, m, "label", d->label);
	tv_text(c->a, m, "help", d->help);
	tv_text(c->a, m, "value", value);
	tv_text(c->a, m, "error", error);
	tv_bool(c->a, m, "textarea", d->kind == SK_MARKDOWN ||
	    d->kind == SK_TEXT);
	tv_bool(c->a, m, "checkbox", d->kind == SK_CHECK);
	tv_bool(c->a, m, "checked", strcmp(value, "1") == 0);
	tv_text(c->a, m, "type", error != NULL ? "text" :
	    input_types[d->kind]);
	tv_int(c->a, m, "rows", d->rows);
	tv_bool(c->a, m, "bounded", d->kind == SK_NUMBER && error == NULL);
	tv_int(c->a, m, "min", d->min);
	tv_int(c->a, m, "max", d->maxval);
	tv_bool(c->a, m, "select", d->kind == SK_CHOICE);
	opts = tv_list(c->a);
	for (ch = d->choices; ch != NULL && *ch != NULL; ch += 2) {
		o = tv_list_add(c->a, opts);
		tv_text(c->a, o, "value", ch[0]);
		tv_text(c->a, o, "label", ch[1]);
		tv_bool(c->a, o, "selected", strcmp(value, ch[0]) == 0);
	}
	tv_set(c->a, m, "options", opts);
}

int
h_admin_settings(struct ctx *c)
{
	const struct req		*r = c->req;
	const struct setting_def	*d;
	struct settings			 s = c->site;
	struct tv			*root, *sections, *sec = NULL, *fields;
	const char			*v, *err, *fault = NULL;
	int				 i, bad = 0, post = r->method == METHOD_POST;
	enum setting_group		 group = SG__MAX;

	sections = tv_list(c->a);
	fields = NULL;
	for (i = 0; i < SET__MAX; i++) {
		d = setting_def(i);
		if (d->kind == SK_INTERNAL)
			continue;
		err = NULL;
		v = s.v[i];
		if (post) {
			/* An unchecked box is not sent; an absent field is
			 * empty, which a required one may not be. */
			v = r->setting[i] != NULL ? r->setting[i] : "";
			if ((err = r->setting_err[i]) == NULL &&
			    d->kind != SK_CHECK)
				err = setting_check(i, v);
			if (d->kind == SK_CHECK)
				v = *v != '\0' ? "1" : "0";
			s.v[i] = v;
			bad |= err != NULL;
		}
		if (sec == NULL || d->group != group || group == SG_NONE) {
			group = d->group;
			sec = tv_list_add(c->a, sections);
			tv_text(c->a, sec, "legend", setting_group_legend(group));
			fields = tv_list(c->a);
			tv_set(c->a, sec, "fields", fields);
		}
		field(c, fields, i, v, err);
	}
	if (post && !bad) {
		if (db_setting_save(c->app->db, &s, c->now) == 0)
			return view_see_other(c,
			    "/admin/settings?done=settings");
		/* Busy, full or read-only: the form as typed, to try again. */
		if ((fault = view_fault(c, "Nothing was saved", "Your changes "
		    "are kept below; save again in a moment.")) == NULL)
			return 500;
	}
	root = view_admin_page(c, "Settings");
	tv_set(c->a, root, "sections", sections);
	tv_bool(c->a, root, "has_errors", bad);
	tv_text(c->a, root, "fault", fault);
	c->resp->status = fault != NULL ? 503 : bad ? 400 : 200;
	return view_render(c, T_ADMIN_SETTINGS, root);
}
