/*
 * fuzz_valid: the small parsers of form and query fields and of dates
 * (src/valid.c, src/date.c, src/wpdate.c), on any NUL-free text. What a
 * validator takes must have the shape it promises (a slug only [a-z0-9-],
 * a token 64 hex digits, a next= address under /admin with no way out, a
 * URL with no character a header or attribute would mind); a date a
 * parser takes must be a real time that its writer spells back the same
 * (date_parse_day and date_iso, date_parse_hm, date_http_parse and
 * date_http, wpdate_parse and date_iso); validator and parser agree.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "arena.h"
#include "date.h"
#include "req.h"
#include "valid.h"
#include "wpdate.h"
#include "fuzz.h"

static struct arena	arena;
static int		arena_ready;

static int
all_of(const char *s, const char *set)
{
	return strspn(s, set) == strlen(s);
}

/* 1 to max digits, no leading zero. */
static int
number(const char *s, size_t max)
{
	size_t	 n = strlen(s);

	return n >= 1 && n <= max && all_of(s, "0123456789") && s[0] != '0';
}

static void
check_validators(const char *s)
{
	size_t	 i, n = strlen(s);

	if (valid_slug(s) == NULL)
		CHECK(all_of(s, "abcdefghijklmnopqrstuvwxyz0123456789-") &&
		    s[0] != '-');
	if (valid_token(s) == NULL)
		CHECK(n == 64 && all_of(s, "0123456789abcdef"));
	if (valid_count(s) == NULL)
		CHECK(number(s, 6));
	if (valid_wp_id(s) == NULL)
		CHECK(number(s, 10));
	if (valid_per_page(s) == NULL)
		CHECK(number(s, 3) && atoi(s) >= 1 && atoi(s) <= 100);
	if (valid_revision(s) == NULL)
		CHECK(strcmp(s, "0") == 0 || number(s, 18));
	if (valid_box(s) == NULL)
		CHECK(strcmp(s, "1") == 0);
	if (valid_cursor(s) == NULL)
		CHECK(all_of(s, "0123456789-") && strchr(s, '-') != NULL &&
		    s[0] != '-' && s[n - 1] != '-' &&
		    strchr(s, '-') == strrchr(s, '-'));
	if (valid_line(s) == NULL)
		for (i = 0; i < n; i++)
			CHECK((unsigned char)s[i] >= 0x20 && s[i] != 0x7f);
	if (valid_next(s) == NULL) {
		CHECK(strncmp(s, "/admin", 6) == 0);
		CHECK(n == 6 || s[6] == '/' || s[6] == '?');
		CHECK(strstr(s, "//") == NULL && strstr(s, "/.") == NULL &&
		    strcasestr(s, "/%2e") == NULL && strchr(s, '\\') == NULL);
		for (i = 0; i < n; i++)
			CHECK((unsigned char)s[i] > 0x20 && s[i] != 0x7f);
	}
	if (valid_url(s) == NULL && n > 0) {
		CHECK(strncmp(s, "http://", 7) == 0 ||
		    strncmp(s, "https://", 8) == 0);
		for (i = 0; i < n; i++)
			CHECK((unsigned char)s[i] > 0x20 && s[i] != 0x7f &&
			    strchr("\"<>\\^`{|}", s[i]) == NULL);
	}
	if (valid_base_url(s) == NULL && n > 0) {
		CHECK(valid_url(s) == NULL);
		CHECK(strchr(s, '?') == NULL && strchr(s, '#') == NULL);
	}
	/* These two take text the edge has checked (valid UTF-8). */
	if (req_text_valid(s, n)) {
		(void)valid_tags(s);
		(void)valid_chars(s);
	}
}

static void
check_dates(const char *s)
{
	long long	 t;
	char		 hm[8], *w;
	int		 m, zero;
	long		 off;

	t = date_parse_day(s);
	if (t >= 0) {
		CHECK(t % 86400 == 0);
		w = date_iso(&arena, t);
		CHECK(strlen(s) == 10 && strncmp(w, s, 10) == 0 &&
		    strcmp(w + 10, "T00:00:00Z") == 0);
	}
	if (*s != '\0')
		CHECK((valid_date(s) == NULL) == (t >= 0));

	m = date_parse_hm(s);
	if (m >= 0) {
		CHECK(m < 86400 && m % 60 == 0);
		snprintf(hm, sizeof(hm), "%02d:%02d", m / 3600, m / 60 % 60);
		CHECK(strcmp(hm, s) == 0);
	}
	if (*s != '\0')
		CHECK((valid_time(s) == NULL) == (m >= 0));

	t = date_http_parse(s);
	if (t >= 0) {
		w = date_http(&arena, t);
		CHECK(date_http_parse(w) == t);
		CHECK(strlen(s) == strlen(w) && strcasecmp(s + 5, w + 5) == 0);
	}

	zero = 0;
	if (wpdate_parse(s, &t, &zero) == 0) {
		if (!zero) {
			CHECK(t >= 0);
			w = date_iso(&arena, t);
			/* "YYYY-MM-DD HH:MM:SS" and "YYYY-MM-DDTHH:MM:SSZ" */
			CHECK(strlen(s) == 19 && strncmp(w, s, 10) == 0 &&
			    strncmp(w + 11, s + 11, 8) == 0);
		}
	}
	if (wpdate_zone(s, &off) == 0)
		CHECK(off > -86400 && off < 86400);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char	*s;

	if (!arena_ready) {
		arena_init(&arena);
		arena_ready = 1;
	}
	/* Form and query values never hold a NUL (req.c refuses it). */
	if (memchr(data, '\0', size) != NULL)
		return 0;
	s = arena_strndup(&arena, (const char *)data, size);
	check_validators(s);
	check_dates(s);
	arena_reset(&arena);
	return 0;
}
