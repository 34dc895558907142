/*
 * cmd: the commands of the quire program, one file each (cmd_init.c,
 * cmd_user.c, cmd_serve.c, cmd_check.c), run from main.c's table. Each
 * takes the command's own argv (argv[0] is the command's name) and returns
 * the process exit status: 0 done, 1 failed (said why), 2 bad usage.
 */
#ifndef QUIRE_CMD_H
#define QUIRE_CMD_H

#include <stdio.h>

struct config;

int	cmd_init(int argc, char *argv[]);
int	cmd_user(int argc, char *argv[]);
int	cmd_serve(int argc, char *argv[]);
int	cmd_export(int argc, char *argv[]);
int	cmd_import(int argc, char *argv[]);
int	cmd_backup(int argc, char *argv[]);
int	cmd_check(int argc, char *argv[]);

/*
 * quire serve's configuration, built whole and from scratch: the defaults,
 * then the configuration file (--config FILE, else /etc/quire/quire.conf if
 * it exists), read anew, then the flags of quire serve's command line as
 * they were given. cmd_serve() builds its start-up configuration with it;
 * a reload (SIGHUP) calls it again to re-read the file: only after
 * cmd_serve() has parsed its command line. Each problem is one line to out
 * ("FILE:LINE: reason"), or to the log when out is NULL. 0, and *cfg is the
 * caller's to config_free(); or -1, *cfg freed (so a reload keeps its old
 * configuration). The log level (cfg->log_level) is the caller's to apply
 * with log_init(). In cmd_serve.c.
 */
int	cmd_serve_config(struct config *cfg, FILE *out);

/* Prints the usage to stderr; returns 2. In main.c. */
int	cmd_usage(void);

#endif
