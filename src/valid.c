/*
 * valid: field rules, kcgi's validators in spirit: small, pure, tested one
 * by one (tests/unit/test_valid.c), and named in the tables that declare
 * the fields.
 */
#include <string.h>

#include "date.h"
#include "tag.h"
#include "valid.h"

static int
all_digits(const char *s)
{
	return *s != '\0' && strspn(s, "0123456789") == strlen(s);
}

size_t
valid_chars(const char *s)
{
	size_t	 n = 0;

	for (; *s != '\0'; s++)
		if (((unsigned char)*s & 0xc0) != 0x80)
			n++;
	return n;
}

static int
one_of(const char *s, const char *const *words)
{
	for (; *words != NULL; words++)
		if (strcmp(s, *words) == 0)
			return 1;
	return 0;
}

const char *
valid_line(const char *s)
{
	for (; *s != '\0'; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			return "Line breaks and control characters are not "
			    "allowed here.";
	return NULL;
}

const char *
valid_text(const char *s)
{
	unsigned char	 c;

	for (; *s != '\0'; s++) {
		c = (unsigned char)*s;
		if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') ||
		    c == 0x7f)
			return "Control characters other than tabs and line "
			    "breaks are not allowed here.";
	}
	return NULL;
}

const char *
valid_slug(const char *s)
{
	size_t	 i;

	for (i = 0; s[i] != '\0'; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') ||
		    (s[i] >= '0' && s[i] <= '9') || s[i] == '-'))
			return "Use lowercase letters a-z, digits and hyphens.";
	if (s[0] == '-')
		return "The slug cannot start with a hyphen.";
	return NULL;
}

const char *
valid_date(const char *s)
{
	if (*s == '\0' || date_parse_day(s) != -1)
		return NULL;
	return "Give a date as YYYY-MM-DD, e.g. 2026-03-14.";
}

const char *
valid_time(const char *s)
{
	if (*s == '\0' || date_parse_hm(s) != -1)
		return NULL;
	return "Give a time as HH:MM (24-hour, UTC), e.g. 09:30.";
}

const char *
valid_count(const char *s)
{
	return all_digits(s) && strlen(s) <= 6 && s[0] != '0' ? NULL :
	    "Give a whole number.";
}

const char *
valid_wp_id(const char *s)
{
	return all_digits(s) && strlen(s) <= 10 && s[0] != '0' ? NULL :
	    "Give a whole number.";
}

const char *
valid_per_page(const char *s)
{
	if (valid_count(s) != NULL)
		return "Give a whole number.";
	return strlen(s) < 3 || strcmp(s, "100") == 0 ? NULL :
	    "Give a number from 1 to 100.";
}

const char *
valid_revision(const char *s)
{
	if (strcmp(s, "0") == 0)
		return NULL;
	return all_digits(s) && strlen(s) <= 18 && s[0] != '0' ? NULL :
	    "Malformed revision.";
}

const char *
valid_token(const char *s)
{
	size_t	 i;

	for (i = 0; s[i] != '\0'; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' &&
		    s[i] <= 'f')))
			return "Malformed token.";
	return i == 64 ? NULL : "Malformed token.";
}

const char *
valid_next(const char *s)
{
	static const char	*bad = "Not a local admin address.";
	size_t			 i, len = strlen(s);

	if (strncmp(s, "/admin", 6) != 0 || (len > 6 && s[6] != '/' &&
	    s[6] != '?'))
		return bad;
	/* No "//" (another host), no segment starting with '.' or "%2e"
	 * ("/..", "/./", "/%2e%2e/": browsers take %2e for a dot in a path,
	 * so all lead out of /admin), no backslash, control or space. */
	for (i = 0; i < len; i++) {
		if ((unsigned char)s[i] <= 0x20 || s[i] == 0x7f ||
		    s[i] == '\\')
			return bad;
		if (s[i] != '/' || i + 1 == len)
			continue;
		if (s[i + 1] == '/' || s[i + 1] == '.' ||
		    (i + 3 < len && s[i + 1] == '%' && s[i + 2] == '2' &&
		    (s[i + 3] == 'e' || s[i + 3] == 'E')))
			return bad;
	}
	return NULL;
}

const char *
valid_url(const char *s)
{
	size_t	 i;

	if (*s == '\0')
		return NULL;
	if (strncmp(s, "http://", 7) != 0 && strncmp(s, "https://", 8) != 0)
		return "Give the address starting with https:// or http://.";
	for (i = 0; s[i] != '\0'; i++)
		if ((unsigned char)s[i] <= 0x20 || s[i] == 0x7f ||
		    strchr("\"<>\\^`{|}", s[i]) != NULL)
			return "The address cannot hold spaces or quotes.";
	return NULL;
}

const char *
valid_base_url(const char *s)
{
	const char	*why, *host;
	size_t		 n;

	if ((why = valid_url(s)) != NULL)
		return why;
	if (*s == '\0')
		return "Give the site's address, e.g. https://blog.example.org.";
	host = s + (s[4] == 's' ? 8 : 7);
	n = strcspn(host, "/");
	if (n == 0 || host[0] == ':' || host[0] == '.')
		return "Give the address with its host name, e.g. "
		    "https://blog.example.org.";
	if (strpbrk(s, "?#@") != NULL)
		return "The address cannot hold a query (?), a fragment (#) "
		    "or a user name (@).";
	return NULL;
}

const char *
valid_box(const char *s)
{
	return strcmp(s, "1") == 0 ? NULL : "Malformed checkbox.";
}

const char *
valid_cursor(const char *s)
{
	size_t	 i, n = 0, dashes = 0;

	for (i = 0; s[i] != '\0'; i++) {
		if (s[i] == '-' && n > 0 && dashes == 0) {
			dashes++;
			n = 0;
		} else if (s[i] >= '0' && s[i] <= '9' && n < 15)
			n++;
		else
			return "Malformed cursor.";
	}
	return dashes == 1 && n > 0 ? NULL : "Malformed cursor.";
}

const char *
valid_status(const char *s)
{
	static const char *const w[] = { "draft", "scheduled", "published",
	    NULL };

	return one_of(s, w) ? NULL : "Unknown status.";
}

const char *
valid_done(const char *s)
{
	static const char *const w[] = { "saved", "published", "unpublished",
	    "deleted", "settings", "password", "signedout", NULL };

	return one_of(s, w) ? NULL : "Unknown notice.";
}

const char *
valid_action(const char *s)
{
	static const char *const w[] = { "draft", "preview", "publish",
	    "unpublish", "delete", "save", NULL };

	return one_of(s, w) ? NULL : "The form asked for an action that "
	    "does not exist.";
}

const char *
valid_tags(const char *s)
{
	return tag_check(s);
}
