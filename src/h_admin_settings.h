/*
 * h_admin_settings: /admin/settings, every row of the settings table
 * (setting.h) as a form field, saved in one transaction.
 */
#ifndef QUIRE_H_ADMIN_SETTINGS_H
#define QUIRE_H_ADMIN_SETTINGS_H

#include "app.h"

int	h_admin_settings(struct ctx *);

#endif
