/*
 * log: formats a whole line in a fixed buffer, escapes it, and writes it with
 * one write(2) so lines from concurrent workers never interleave.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "log.h"

/* Process config, set once by log_init() before any worker starts. */
static enum log_level	log_max = LOG_INFO;

static const char *const log_names[LOG__MAX] = {
	"error",	/* LOG_ERR */
	"warn",		/* LOG_WARN */
	"info",		/* LOG_INFO */
	"debug",	/* LOG_DEBUG */
};

#define LINE_MAX_BYTES	2048

void
log_init(enum log_level max)
{
	log_max = max;
}

int
log_level_parse(const char *s, enum log_level *out)
{
	int	 i;

	for (i = 0; i < LOG__MAX; i++)
		if (strcmp(s, log_names[i]) == 0) {
			*out = (enum log_level)i;
			return 0;
		}
	return -1;
}

/* Append one byte, always leaving room for the final newline. */
static void
put_char(char *line, size_t *len, size_t cap, char c)
{
	if (*len + 1 < cap)
		line[(*len)++] = c;
}

/* Append s to line at *len, escaping anything that is not printable ASCII. */
static void
put_escaped(char *line, size_t *len, size_t cap, const char *s, int quoted)
{
	static const char	 hex[] = "0123456789abcdef";
	unsigned char		 c;

	/* Inside the quoted request field a '"' would end it early. */
	for (; *s != '\0' && *len + 5 < cap; s++) {
		c = (unsigned char)*s;
		if (c >= 0x20 && c < 0x7f && c != '\\' &&
		    !(quoted && c == '"')) {
			line[(*len)++] = (char)c;
			continue;
		}
		line[(*len)++] = '\\';
		if (c == '\\') {
			line[(*len)++] = '\\';
			continue;
		}
		line[(*len)++] = 'x';
		line[(*len)++] = hex[c >> 4];
		line[(*len)++] = hex[c & 0xf];
	}
}

static void
vlog(enum log_level lvl, const char *addr, const char *method,
    const char *target, const char *fmt, va_list ap)
{
	char		 line[LINE_MAX_BYTES], msg[LINE_MAX_BYTES];
	size_t		 len;
	time_t		 now;
	struct tm	 tm;
	ssize_t		 w;

	if (lvl > log_max)
		return;
	now = time(NULL);
	gmtime_r(&now, &tm);
	len = strftime(line, sizeof(line), "%Y-%m-%dT%H:%M:%SZ ", &tm);
	put_escaped(line, &len, sizeof(line), log_names[lvl], 0);
	put_char(line, &len, sizeof(line), ' ');
	put_escaped(line, &len, sizeof(line), addr != NULL ? addr : "-", 0);
	put_char(line, &len, sizeof(line), ' ');
	if (method != NULL && target != NULL) {
		put_char(line, &len, sizeof(line), '"');
		put_escaped(line, &len, sizeof(line), method, 1);
		put_char(line, &len, sizeof(line), ' ');
		put_escaped(line, &len, sizeof(line), target, 1);
		put_char(line, &len, sizeof(line), '"');
	} else
		put_char(line, &len, sizeof(line), '-');
	put_char(line, &len, sizeof(line), ' ');
	vsnprintf(msg, sizeof(msg), fmt, ap);
	put_escaped(line, &len, sizeof(line), msg, 0);
	line[len++] = '\n';
	w = write(STDERR_FILENO, line, len);
	(void)w;
}

#define LOG_FN(name, lvl)					\
void								\
name(const char *fmt, ...)					\
{								\
	va_list	ap;						\
								\
	va_start(ap, fmt);					\
	vlog(lvl, NULL, NULL, NULL, fmt, ap);			\
	va_end(ap);						\
}

LOG_FN(log_err, LOG_ERR)
LOG_FN(log_warn, LOG_WARN)
LOG_FN(log_info, LOG_INFO)

void
log_req(enum log_level lvl, const char *addr, const char *method,
    const char *target, const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	vlog(lvl, addr, method, target, fmt, ap);
	va_end(ap);
}
