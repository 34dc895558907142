/*
 * resp: assembles the CGI response header block and hands header and body
 * to the server's writer, FastCGI stream or stdout alike.
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "log.h"
#include "resp.h"

static const struct {
	int		 code;
	const char	*text;
} statuses[] = {
	{ 200, "OK" },
	{ 301, "Moved Permanently" },
	{ 302, "Found" },
	{ 303, "See Other" },
	{ 304, "Not Modified" },
	{ 400, "Bad Request" },
	{ 403, "Forbidden" },
	{ 404, "Not Found" },
	{ 405, "Method Not Allowed" },
	{ 409, "Conflict" },
	{ 411, "Length Required" },
	{ 413, "Content Too Large" },
	{ 414, "URI Too Long" },
	{ 415, "Unsupported Media Type" },
	{ 429, "Too Many Requests" },
	{ 500, "Internal Server Error" },
	{ 501, "Not Implemented" },
	{ 503, "Service Unavailable" },
};

void
resp_init(struct resp *r)
{
	r->status = 200;
	r->ctype = "text/html; charset=utf-8";
	buf_init(&r->head);
	buf_init(&r->body);
}

void
resp_reset(struct resp *r)
{
	r->status = 200;
	r->ctype = "text/html; charset=utf-8";
	buf_reset(&r->head);
	buf_reset(&r->body);
}

void
resp_free(struct resp *r)
{
	buf_free(&r->head);
	buf_free(&r->body);
}

static int
header_safe(const char *s)
{
	for (; *s != '\0'; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			return 0;
	return 1;
}

int
resp_header(struct resp *r, const char *name, const char *value)
{
	if (!header_safe(name) || !header_safe(value) ||
	    strchr(name, ':') != NULL) {
		log_err("%s: refused header %s with a control character",
		    __func__, name);
		return -1;
	}
	buf_puts(&r->head, name);
	buf_put(&r->head, ": ", 2);
	buf_puts(&r->head, value);
	buf_put(&r->head, "\r\n", 2);
	return 0;
}

int
resp_has_header(const struct resp *r, const char *name)
{
	const char	*p, *e;
	size_t		 n = strlen(name);

	for (p = r->head.len > 0 ? r->head.data : ""; *p != '\0'; p = e + 2) {
		if (strncasecmp(p, name, n) == 0 && p[n] == ':')
			return 1;
		if ((e = strstr(p, "\r\n")) == NULL)
			break;
	}
	return 0;
}

const char *
resp_status_text(int code)
{
	size_t	 i;

	for (i = 0; i < sizeof(statuses) / sizeof(statuses[0]); i++)
		if (statuses[i].code == code)
			return statuses[i].text;
	return "Unknown";
}

int
resp_send(const struct resp *r, int head_only, resp_write_fn wr, void *ctx)
{
	char	 top[256];
	int	 n;

	/* A 304 has no content, and its Content-Length would have to be the
	 * full page's: send neither it nor a type. */
	if (r->status == 304)
		n = snprintf(top, sizeof(top), "Status: 304 %s\r\n",
		    resp_status_text(304));
	else
		n = snprintf(top, sizeof(top), "Status: %d %s\r\n"
		    "Content-Type: %s\r\nContent-Length: %zu\r\n", r->status,
		    resp_status_text(r->status), r->ctype, r->body.len);
	if (n < 0 || (size_t)n >= sizeof(top)) {
		log_err("%s: status line truncated", __func__);
		return -1;
	}
	if (wr(ctx, top, (size_t)n) == -1 ||
	    (r->head.len > 0 && wr(ctx, r->head.data, r->head.len) == -1) ||
	    wr(ctx, "\r\n", 2) == -1)
		return -1;
	if (!head_only && r->status != 304 && r->body.len > 0 &&
	    wr(ctx, r->body.data, r->body.len) == -1)
		return -1;
	return 0;
}
