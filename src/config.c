/*
 * config: the defaults of the process configuration.
 */
#include <string.h>
#include <unistd.h>

#include "config.h"

void
config_defaults(struct config *cfg)
{
	long	 ncpu = sysconf(_SC_NPROCESSORS_ONLN);

	memset(cfg, 0, sizeof(*cfg));
	cfg->workers = ncpu > 0 && ncpu < 64 ? (int)ncpu : 2;
	cfg->socket_mode = 0660;
	cfg->max_age = 60;
	cfg->max_body = 1024 * 1024;
	cfg->session_hours = 12;
}
