/*
 * cmd: the commands of the quire program, one file each (cmd_init.c,
 * cmd_user.c, cmd_serve.c), run from main.c's table. Each takes the
 * command's own argv (argv[0] is the command's name) and returns the
 * process exit status: 0 done, 1 failed (said why), 2 bad usage.
 */
#ifndef QUIRE_CMD_H
#define QUIRE_CMD_H

int	cmd_init(int argc, char *argv[]);
int	cmd_user(int argc, char *argv[]);
int	cmd_serve(int argc, char *argv[]);
int	cmd_export(int argc, char *argv[]);
int	cmd_import(int argc, char *argv[]);
int	cmd_backup(int argc, char *argv[]);

/* Prints the usage to stderr; returns 2. In main.c. */
int	cmd_usage(void);

#endif
