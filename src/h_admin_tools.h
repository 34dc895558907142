/*
 * h_admin_tools: /admin/tools, the import and export of the site from the
 * admin: the page with both forms, /admin/tools/export (a zip of what
 * quire export writes) and /admin/tools/import (an uploaded zip of
 * Markdown files or WordPress export, all or nothing, then a report).
 */
#ifndef QUIRE_H_ADMIN_TOOLS_H
#define QUIRE_H_ADMIN_TOOLS_H

#include "app.h"

int	h_admin_tools(struct ctx *);
int	h_admin_tools_export(struct ctx *);
int	h_admin_tools_import(struct ctx *);

#endif
