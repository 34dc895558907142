/*
 * h_admin_tools: the admin's import and export, sharing their code with
 * quire import and quire export (port_load.c, port_export.c, port.c). An
 * upload is read by the pipeline (a multipart/form-data body within
 * --max-body, its CSRF field checked by the gate like any form's); a zip
 * is unpacked into a temporary folder, removed before the page is drawn,
 * and a WordPress export read where it lies in the body. A refused import
 * changes nothing and answers 422 with the reason and the form again.
 */
#include <string.h>
#include <time.h>

#include "h_admin_tools.h"
#include "port.h"
#include "port_export.h"
#include "port_load.h"
#include "view.h"

/* The page: the forms, with a refusal above them (error) or the report
 * of an import that was done (r, set and name). */
static int
page(struct ctx *c, int status, const char *error, const char *name,
    const struct port_set *set, const struct port_report *r)
{
	struct tv	*root, *rep, *notes;
	size_t		 i, j;

	root = view_admin_page(c, r != NULL ? "Import report" :
	    "Import and export");
	tv_text(c->a, root, "import_error", error != NULL ? error : "");
	tv_bool(c->a, root, "has_report", r != NULL);
	rep = tv_map(c->a);
	notes = tv_list(c->a);
	if (r != NULL) {
		tv_text(c->a, rep, "name", name);
		tv_int(c->a, rep, "created", (long long)r->created);
		tv_int(c->a, rep, "updated", (long long)r->updated);
		tv_int(c->a, rep, "unchanged", (long long)r->unchanged);
		tv_int(c->a, rep, "redirects", (long long)r->redirects);
		tv_int(c->a, rep, "redirects_same",
		    (long long)r->redirects_same);
		tv_int(c->a, rep, "settings", (long long)r->settings);
		for (i = 0; i < set->n; i++)
			for (j = 0; j < set->items[i].nnotes; j++)
				tv_text(c->a, tv_list_add(c->a, notes), "text",
				    set->items[i].notes[j]);
		for (i = 0; i < set->nnotes; i++)
			tv_text(c->a, tv_list_add(c->a, notes), "text",
			    set->notes[i]);
		for (i = 0; i < r->nnotes; i++)
			tv_text(c->a, tv_list_add(c->a, notes), "text",
			    r->notes[i]);
	}
	tv_set(c->a, rep, "notes", notes);
	tv_set(c->a, root, "report", rep);
	c->resp->status = status;
	return view_render(c, T_ADMIN_TOOLS, root);
}

int
h_admin_tools(struct ctx *c)
{
	return page(c, 200, NULL, NULL, NULL, NULL);
}

int
h_admin_tools_export(struct ctx *c)
{
	time_t		 t = (time_t)c->now;
	struct tm	 tm;
	char		 day[16];

	if (gmtime_r(&t, &tm) == NULL ||
	    strftime(day, sizeof(day), "%Y%m%d", &tm) == 0)
		return 500;
	buf_reset(&c->resp->body);
	if (port_export_zip(c->app->db, c->a, c->now, &c->resp->body) == -1)
		return 500;
	c->resp->ctype = "application/zip";
	resp_header(c->resp, "Content-Disposition", arena_printf(c->a,
	    "attachment; filename=\"quire-export-%s.zip\"", day));
	c->resp->status = 200;
	return 200;
}

int
h_admin_tools_import(struct ctx *c)
{
	const struct multipart_part	*f = NULL;
	struct port_set			 set;
	struct port_report		 r;
	const char			*name, *why = NULL, *s;
	size_t				 i;
	int				 rc;

	for (i = 0; i < c->req->nfiles && f == NULL; i++)
		if (strcmp(c->req->files[i].name, "file") == 0)
			f = &c->req->files[i];
	if (f == NULL || *f->filename == '\0')
		return page(c, 400, "Choose a file to import: a zip of Markdown "
		    "files or a WordPress export (.xml).", NULL, NULL, NULL);
	/* The name as the author knows it, for messages: no folders. */
	name = f->filename;
	if ((s = strrchr(name, '/')) != NULL)
		name = s + 1;
	if ((s = strrchr(name, '\\')) != NULL)
		name = s + 1;
	memset(&set, 0, sizeof(set));
	if (!port_load_known(name))
		return page(c, 415, arena_printf(c->a, "%s: neither a zip of "
		    "Markdown files (.zip) nor a WordPress export (.xml).",
		    name), NULL, NULL, NULL);
	rc = port_load_mem(c->a, f->data, f->len, name, &set, &why);
	if (rc == 0 && port_import(c->app->db, c->a, &set, c->now, 0, &r,
	    &why) == 0)
		return page(c, 200, NULL, name, &set, &r);
	if (why == NULL)
		return 500;
	return page(c, 422, arena_printf(c->a, "%s Nothing was imported.",
	    why), NULL, NULL, NULL);
}
