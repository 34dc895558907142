/*
 * log: one line per event on stderr (nginx/systemd collect it):
 *   2026-11-29T22:30:00Z error 127.0.0.1 "GET /x" message
 * Control characters and non-ASCII bytes in every field are escaped, so
 * input can never forge a line. Never pass secrets.
 */
#ifndef QUIRE_LOG_H
#define QUIRE_LOG_H

enum log_level {
	LOG_ERR,
	LOG_WARN,
	LOG_INFO,
	LOG_DEBUG,
	LOG__MAX
};

/* Process config: lines above this level are dropped. Set once at start-up. */
void	log_init(enum log_level max);
int	log_level_parse(const char *, enum log_level *);

void	log_err(const char *, ...) __attribute__((format(printf, 1, 2)));
void	log_warn(const char *, ...) __attribute__((format(printf, 1, 2)));
void	log_info(const char *, ...) __attribute__((format(printf, 1, 2)));
/* A line about one request: remote address, method and target. */
void	log_req(enum log_level, const char *addr, const char *method,
	    const char *target, const char *, ...)
	    __attribute__((format(printf, 5, 6)));

#endif
