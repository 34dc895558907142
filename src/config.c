/*
 * config: the defaults of the process configuration.
 */
#include <string.h>
#include <unistd.h>

#include "config.h"
#include "log.h"

void
config_defaults(struct config *cfg)
{
	long	 ncpu = sysconf(_SC_NPROCESSORS_ONLN);

	memset(cfg, 0, sizeof(*cfg));
	cfg->workers = ncpu > 0 && ncpu < 64 ? (int)ncpu : 2;
	cfg->socket_mode = 0660;
	cfg->max_age = 60;
	cfg->cache_mb = 2;
	cfg->max_body = 1024 * 1024;
	cfg->session_hours = 12;
	cfg->log_level = LOG_INFO;
	cfg->sandbox = 1;
	arena_init(&cfg->mem);
}

void
config_free(struct config *cfg)
{
	arena_free(&cfg->mem);
	memset(cfg, 0, sizeof(*cfg));
}
