/*
 * fuzz_cfgfile: the configuration file (src/cfgfile.c over libinih), which
 * a sysadmin writes and quire serve, init, user and check read. Input: the
 * file's bytes. Checks: it is taken exactly when nothing was said; each
 * problem is one line "f.conf:LINE: reason" (or "f.conf: ..."), LINE a
 * line of the input; what was taken obeys its key's rule again and stays
 * within the row's bounds.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cfgfile.h"
#include "config.h"
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct cfg_def	*d;
	struct config		 cfg;
	const char		*p, *s;
	char			*said = NULL, *end, buf[32];
	FILE			*in, *out;
	size_t			 n, lines = 1, i;
	long			 line;
	int			 rc, k;

	if (size == 0)
		return 0;
	for (i = 0; i < size; i++)
		lines += data[i] == '\n';
	config_defaults(&cfg);
	if ((in = fmemopen((void *)data, size, "r")) == NULL ||
	    (out = open_memstream(&said, &n)) == NULL)
		abort();
	rc = cfgfile_parse(&cfg, in, "f.conf", out);
	fclose(in);
	fclose(out);

	CHECK((rc == 0) == (*said == '\0'));
	for (p = said; *p != '\0'; p = strchr(p, '\n') + 1) {
		CHECK(strchr(p, '\n') != NULL);
		CHECK(strncmp(p, "f.conf:", 7) == 0);
		if (p[7] == ' ')
			continue;
		line = strtol(p + 7, &end, 10);
		CHECK(line >= 1 && (size_t)line <= lines && *end == ':');
	}
	for (k = 0; k < CFG__MAX; k++) {
		d = cfgfile_def(k);
		switch (d->type) {
		case CT_INT:
		case CT_OCTAL:
			if (d->size == sizeof(int)) {
				int	 v;

				memcpy(&v, (char *)&cfg + d->off, sizeof(v));
				CHECK(v >= d->min && v <= d->max);
				snprintf(buf, sizeof(buf), d->type == CT_OCTAL ?
				    "%o" : "%d", v);
			} else {
				long long	 v;

				memcpy(&v, (char *)&cfg + d->off, sizeof(v));
				CHECK(v >= d->min && v <= d->max);
				snprintf(buf, sizeof(buf), "%lld", v);
			}
			CHECK(cfgfile_check(k, buf) == NULL);
			break;
		case CT_LEVEL:
			break;
		case CT_BOOL: {
			int	 v;

			memcpy(&v, (char *)&cfg + d->off, sizeof(v));
			CHECK(v == 0 || v == 1);
			CHECK(cfgfile_check(k, v ? "yes" : "no") == NULL);
			break;
		}
		default:
			memcpy(&s, (char *)&cfg + d->off, sizeof(s));
			if (s != NULL) {
				CHECK(cfgfile_check(k, s) == NULL);
				CHECK((long)strlen(s) <= d->max);
			}
		}
	}
	free(said);
	config_free(&cfg);
	return 0;
}
