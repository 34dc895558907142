/*
 * redirect: path rules for redirects (redirect.h). Pure: the admin's page
 * and the fuzz harness call it with what was typed; the database is asked
 * by the caller, which hands the answers in as struct redirect_facts.
 */
#include <string.h>

#include "html.h"
#include "redirect.h"
#include "req.h"

int
redirect_wp_query(const char *s)
{
	const char	*d;
	size_t		 n;

	if (strncmp(s, "/?p=", 4) == 0)
		d = s + 4;
	else if (strncmp(s, "/?page_id=", 10) == 0)
		d = s + 10;
	else
		return 0;
	n = strspn(d, "0123456789");
	return n > 0 && n <= 10 && d[n] == '\0' && d[0] != '0';
}

const char *
redirect_path_valid(const char *typed)
{
	char		 out[REDIRECT_PATH_MAX + 1];
	size_t		 len = strlen(typed), i, seg;
	long		 n;
	const char	*p;

	if (len == 0)
		return "A path is required.";
	if (len > REDIRECT_PATH_MAX)
		return "This path is too long.";
	if (typed[0] != '/')
		return "A path starts with '/' (no scheme or host: "
		    "/old/address).";
	if (typed[1] == '/' || typed[1] == '\\')
		return "A path may not start with '//': that names another "
		    "site.";
	if (redirect_wp_query(typed))
		return NULL;
	if (strpbrk(typed, "?#") != NULL)
		return "Paths only: no query (?) or fragment (#), but for "
		    "WordPress's /?p=ID and /?page_id=ID.";
	if ((n = req_pct_decode(typed, len, 0, out)) == -1)
		return "Malformed percent-escape: % must be followed by two "
		    "hex digits.";
	if (!req_text_valid(out, (size_t)n))
		return "The path does not decode to UTF-8 text (or holds a "
		    "NUL).";
	for (i = 0; i < (size_t)n; i++)
		if ((unsigned char)out[i] < 0x20 || out[i] == 0x7f)
			return "The path holds a control character.";
	/* "." and ".." segments are read differently by every client. */
	for (p = out; *p != '\0'; p += seg) {
		p++;	/* the '/' */
		seg = strcspn(p, "/");
		if ((seg == 1 && p[0] == '.') ||
		    (seg == 2 && p[0] == '.' && p[1] == '.'))
			return "The path has a \".\" or \"..\" segment.";
	}
	if (out[1] == '/' || out[1] == '\\')
		return "A path may not start with '//': that names another "
		    "site.";
	return NULL;
}

char *
redirect_path_norm(struct arena *a, const char *typed)
{
	char	*out;
	size_t	 len = strlen(typed);

	if (redirect_path_valid(typed) != NULL)
		return NULL;
	out = arena_alloc(a, len + 1);
	if (req_pct_decode(typed, len, 0, out) == -1)
		return NULL;
	return out;
}

char *
redirect_path_url(struct arena *a, const char *path)
{
	struct buf	 b;
	char		*out;

	if (redirect_wp_query(path))
		return arena_strdup(a, path);
	buf_init(&b);
	html_pct_path(&b, path, strlen(path));
	out = arena_strndup(a, b.data != NULL ? b.data : "", b.len);
	buf_free(&b);
	return out;
}

const char *
redirect_refusal(struct arena *a, const char *from, const char *to,
    const struct redirect_facts *f, enum redirect_end *end)
{
	*end = RE_TO;
	if (redirect_wp_query(to))
		return "A redirect goes to a path of the site, with no query.";
	if (strcmp(from, to) == 0)
		return "A redirect to itself would loop.";
	if (f->to_goes != NULL && strcmp(f->to_goes, from) == 0)
		return arena_printf(a, "This would loop: %s already redirects "
		    "to %s.", to, from);
	if (f->to_goes != NULL)
		return arena_printf(a, "%s is itself redirected to %s: "
		    "redirect straight to %s instead.", to, f->to_goes,
		    f->to_goes);
	*end = RE_FROM;
	if (f->from_goes != NULL)
		return arena_printf(a, "%s already redirects to %s: delete "
		    "that redirect first.", from, f->from_goes);
	if (f->from_comes != NULL)
		return arena_printf(a, "This would make a chain: %s already "
		    "redirects to %s. Delete that redirect and add it again "
		    "with the new address.", f->from_comes, from);
	return NULL;
}
