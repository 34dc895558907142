/*
 * cgi: what a web server's CGI gives us is the process environment: the
 * request's parameters and our own configuration alike. The
 * configuration is read here, once; app_handle() then parses the request
 * from the same environment.
 */
#include <stdio.h>
#include <stdlib.h>

#include "app.h"
#include "auth.h"
#include "cgi.h"
#include "clock.h"
#include "log.h"

static long
stdio_read(void *ctx, char *p, size_t n)
{
	size_t	 got;

	got = fread(p, 1, n, (FILE *)ctx);
	return got == 0 && ferror((FILE *)ctx) ? -1 : (long)got;
}

static int
stdio_write(void *ctx, const char *p, size_t n)
{
	return fwrite(p, 1, n, (FILE *)ctx) == n ? 0 : -1;
}

/* A response for a site that cannot start: no template, no database. */
static int
fail(const char *why)
{
	printf("Status: 500 Internal Server Error\r\n"
	    "Content-Type: text/plain; charset=utf-8\r\n\r\n%s\n", why);
	return 1;
}

int
cgi_main(void)
{
	extern char	**environ;
	struct config	 cfg;
	struct app	 app;
	const char	*v;
	int		 rc;

	config_defaults(&cfg);
	cfg.workers = 1;
	cfg.db_path = getenv("QUIRE_DB");
	cfg.templates_dir = getenv("QUIRE_TEMPLATES");
	cfg.strict_templates = (v = getenv("QUIRE_STRICT_TEMPLATES")) != NULL &&
	    *v == '1';
	clock_init(getenv("QUIRE_CLOCK"));
	if (cfg.db_path == NULL || *cfg.db_path == '\0') {
		log_err("CGI: QUIRE_DB is not set");
		return fail("The site is not configured (QUIRE_DB is not set).");
	}
	if (app_init(&app, &cfg) == -1) {
		app_free(&app);
		return fail("The site's templates could not be loaded.");
	}
	if (auth_init() == -1 || app_open_db(&app) == -1) {
		app_free(&app);
		return fail("The site's database could not be opened.");
	}
	app_handle(&app, environ, stdio_read, stdin, stdio_write, stdout);
	rc = fflush(stdout) == 0 ? 0 : 1;
	app_free(&app);
	return rc;
}
