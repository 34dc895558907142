/*
 * tag: the tags field's rules and the slug (tag.h). Works on UTF-8 code
 * points with small tables of its own, not the C library's locale, so
 * that a tag's slug is the same on every machine and in every process.
 */
#include <string.h>

#include "tag.h"
#include "utf8.h"

/* Non-ASCII code points that are not letters, marks or digits: C1
 * controls and Latin-1 punctuation, punctuation and symbol blocks, spaces,
 * format controls, private use, emoji, noncharacters. Inclusive ranges,
 * sorted. */
static const struct {
	unsigned int	 lo, hi;
} denied[] = {
	{ 0x0080, 0x00bf },	/* C1 controls, NBSP, Latin-1 punctuation */
	{ 0x00d7, 0x00d7 },	/* multiplication sign */
	{ 0x00f7, 0x00f7 },	/* division sign */
	{ 0x037e, 0x037e },	/* Greek question mark */
	{ 0x0387, 0x0387 },	/* Greek ano teleia */
	{ 0x055a, 0x055f },	/* Armenian punctuation */
	{ 0x0589, 0x058a },
	{ 0x060c, 0x060d },	/* Arabic comma, date separator */
	{ 0x061b, 0x061f },	/* Arabic semicolon, letter mark, question */
	{ 0x066a, 0x066d },
	{ 0x06d4, 0x06d4 },
	{ 0x0964, 0x0965 },	/* danda */
	{ 0x1680, 0x1680 },	/* ogham space */
	{ 0x180e, 0x180e },	/* Mongolian vowel separator */
	{ 0x2000, 0x2bff },	/* spaces, punctuation, symbols, arrows, math,
				   box drawing, dingbats, Braille */
	{ 0x2e00, 0x2e7f },	/* supplemental punctuation */
	{ 0x3000, 0x3004 },	/* ideographic space, CJK punctuation */
	{ 0x3008, 0x3020 },
	{ 0x3030, 0x3030 },
	{ 0x303d, 0x303f },
	{ 0x30fb, 0x30fb },	/* katakana middle dot */
	{ 0xd800, 0xf8ff },	/* surrogates, private use */
	{ 0xfd3e, 0xfd3f },
	{ 0xfdd0, 0xfdef },	/* noncharacters */
	{ 0xfe00, 0xfe6f },	/* variation selectors, vertical and small
				   forms */
	{ 0xfeff, 0xfeff },	/* byte order mark */
	{ 0xff00, 0xff0f },	/* fullwidth punctuation */
	{ 0xff1a, 0xff20 },
	{ 0xff3b, 0xff40 },
	{ 0xff5b, 0xff65 },
	{ 0xffe0, 0xffff },	/* fullwidth symbols, specials */
	{ 0x1f000, 0x1fbff },	/* emoji, pictographs, game symbols */
	{ 0xe0000, 0xe0fff },	/* tags, variation selectors supplement */
	{ 0xf0000, 0x10ffff },	/* supplementary private use */
};

static const char *const msg_chars = "A tag may hold only letters, digits, "
    "spaces and hyphens; separate tags with commas.";
static const char *const msg_long = "A tag may be at most 50 characters "
    "long.";
static const char *const msg_empty = "A tag needs at least one letter or "
    "digit.";
static const char *const msg_many = "An article may have at most 20 tags.";

static size_t
encode(unsigned int cp, char *out)
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xc0 | cp >> 6);
		out[1] = (char)(0x80 | (cp & 0x3f));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (char)(0xe0 | cp >> 12);
		out[1] = (char)(0x80 | (cp >> 6 & 0x3f));
		out[2] = (char)(0x80 | (cp & 0x3f));
		return 3;
	}
	out[0] = (char)(0xf0 | cp >> 18);
	out[1] = (char)(0x80 | (cp >> 12 & 0x3f));
	out[2] = (char)(0x80 | (cp >> 6 & 0x3f));
	out[3] = (char)(0x80 | (cp & 0x3f));
	return 4;
}

/* A letter, mark or digit by the rule of tag.h (space and hyphen aside). */
static int
word_char(unsigned int cp)
{
	size_t	 i;

	if (cp < 0x80)
		return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') ||
		    (cp >= '0' && cp <= '9');
	for (i = 0; i < sizeof(denied) / sizeof(denied[0]); i++)
		if (cp >= denied[i].lo && cp <= denied[i].hi)
			return 0;
	return (cp & 0xfffe) != 0xfffe;		/* noncharacters */
}

/* Pairs where the capital is even and its small letter the next one. */
static int
in_pairs(unsigned int cp, unsigned int lo, unsigned int hi, unsigned int odd)
{
	return cp >= lo && cp <= hi && (cp & 1) == odd;
}

/* Simple one-to-one lowercase of the scripts tag.h names. */
static unsigned int
lower(unsigned int cp)
{
	if ((cp >= 'A' && cp <= 'Z') || (cp >= 0xc0 && cp <= 0xde &&
	    cp != 0xd7))
		return cp + 32;
	if (cp == 0x130)
		return 'i';
	if (cp == 0x178)
		return 0xff;
	if (in_pairs(cp, 0x100, 0x12f, 0) || in_pairs(cp, 0x132, 0x137, 0) ||
	    in_pairs(cp, 0x139, 0x148, 1) || in_pairs(cp, 0x14a, 0x177, 0) ||
	    in_pairs(cp, 0x179, 0x17e, 1))
		return cp + 1;
	if (cp == 0x386)
		return 0x3ac;
	if (cp >= 0x388 && cp <= 0x38a)
		return cp + 37;
	if (cp == 0x38c)
		return 0x3cc;
	if (cp == 0x38e || cp == 0x38f)
		return cp + 63;
	if ((cp >= 0x391 && cp <= 0x3a9 && cp != 0x3a2) ||
	    (cp >= 0x410 && cp <= 0x42f))
		return cp + 32;
	if (cp >= 0x400 && cp <= 0x40f)
		return cp + 80;
	if (in_pairs(cp, 0x460, 0x481, 0) || in_pairs(cp, 0x48a, 0x4bf, 0) ||
	    in_pairs(cp, 0x4c1, 0x4ce, 1) || in_pairs(cp, 0x4d0, 0x52f, 0) ||
	    in_pairs(cp, 0x1e00, 0x1e95, 0) || in_pairs(cp, 0x1ea0, 0x1eff, 0))
		return cp + 1;
	if (cp == 0x4c0)
		return 0x4cf;
	if (cp >= 0x531 && cp <= 0x556)
		return cp + 48;
	if (cp >= 0xff21 && cp <= 0xff3a)
		return cp + 32;
	return cp;
}

/* One tag, normalised: the name trimmed with single spaces, and its
 * slug. */
struct one {
	char	 name[TAG_BYTES_MAX + 1];
	char	 slug[TAG_BYTES_MAX + 1];
};

/* Reads the tag in s[0..len) into t: NULL, or a message. */
static const char *
read_one(const char *s, size_t len, struct one *t)
{
	const unsigned char	*u = (const unsigned char *)s;
	size_t			 i = 0, n, nl = 0, sl = 0, chars = 0;
	long			 cp;
	int			 space = 0, hyphen = 0;

	while (i < len) {
		if ((cp = utf8_decode(u + i, len - i, &n)) == -1)
			return msg_chars;
		i += n;
		if (cp == ' ') {
			space = nl > 0;
			hyphen = sl > 0;
			continue;
		}
		if (cp != '-' && !word_char((unsigned int)cp))
			return msg_chars;
		if (++chars + space > TAG_CHARS_MAX)
			return msg_long;
		if (space) {
			t->name[nl++] = ' ';
			chars++;
			space = 0;
		}
		nl += encode((unsigned int)cp, t->name + nl);
		if (cp == '-') {
			hyphen = sl > 0;
			continue;
		}
		if (hyphen)
			t->slug[sl++] = '-';
		hyphen = 0;
		sl += encode(lower((unsigned int)cp), t->slug + sl);
	}
	t->name[nl] = t->slug[sl] = '\0';
	return sl == 0 ? msg_empty : NULL;
}

/* The field's distinct tags into v (room for TAG_PER_ARTICLE): NULL, or
 * a message. */
static const char *
parse(const char *field, struct one *v, size_t *n)
{
	struct one	 t;
	const char	*p = field, *msg;
	size_t		 len, i;

	*n = 0;
	for (;;) {
		len = strcspn(p, ",");
		if (strspn(p, " ") < len) {
			if ((msg = read_one(p, len, &t)) != NULL)
				return msg;
			for (i = 0; i < *n; i++)
				if (strcmp(v[i].slug, t.slug) == 0)
					break;
			if (i == *n) {
				if (*n == TAG_PER_ARTICLE)
					return msg_many;
				v[(*n)++] = t;
			}
		}
		if (p[len] == '\0')
			return NULL;
		p += len + 1;
	}
}

const char *
tag_check(const char *field)
{
	struct one	 v[TAG_PER_ARTICLE];
	size_t		 n;

	return parse(field, v, &n);
}

const char *
tag_parse(struct arena *a, const char *field, struct tag **out, size_t *n)
{
	struct one	 v[TAG_PER_ARTICLE];
	struct tag	*t = NULL;
	const char	*msg;
	size_t		 i;

	*out = NULL;
	if ((msg = parse(field, v, n)) != NULL) {
		*n = 0;
		return msg;
	}
	if (*n > 0)
		t = arena_alloc(a, *n * sizeof(*t));
	for (i = 0; i < *n; i++) {
		t[i].name = arena_strdup(a, v[i].name);
		t[i].slug = arena_strdup(a, v[i].slug);
	}
	*out = t;
	return NULL;
}

char *
tag_join(struct arena *a, const struct tag *t, size_t n)
{
	char	*s = arena_strdup(a, "");
	size_t	 i;

	for (i = 0; i < n; i++)
		s = arena_printf(a, "%s%s%s", s, i > 0 ? ", " : "", t[i].name);
	return s;
}

int
tag_slug_valid(const char *s, size_t len)
{
	const unsigned char	*u = (const unsigned char *)s;
	size_t			 i = 0, n, chars = 0;
	long			 cp, prev = '-';

	while (i < len) {
		if ((cp = utf8_decode(u + i, len - i, &n)) == -1 ||
		    ++chars > TAG_CHARS_MAX)
			return 0;
		i += n;
		if (cp == '-' ? prev == '-' : !word_char((unsigned int)cp) ||
		    lower((unsigned int)cp) != (unsigned int)cp)
			return 0;
		prev = cp;
	}
	return len > 0 && prev != '-';
}
