/*
 * gen: fills a database made by `quire init` with N published articles of
 * about 900 words of varied Markdown each, for `make bench`.
 *
 *   gen OUT.db N DEMO.db
 *
 * OUT.db must be new (just initialised); DEMO.db is a `quire init --demo`
 * database whose settings and pages (About, Contribute) are copied. The
 * text is built from a seeded PRNG, so the same N gives the same database.
 * Articles are spread evenly, with jitter, from 2007-01-01 to 2025-12-31
 * (UTC) and inserted oldest first in one transaction, without a journal;
 * the database is put back in WAL mode at the end.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#define T_FIRST		1167609600LL	/* 2007-01-01T00:00:00Z */
#define T_LAST		1767139200LL	/* 2025-12-31T00:00:00Z */

static uint64_t	rng_state = 0x9e3779b97f4a7c15ULL;

/* xorshift64*: small, fast, reproducible. */
static uint64_t
rnd(void)
{
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return rng_state * 0x2545f4914f6cdd1dULL;
}

/* 0..n-1 */
static unsigned
pick(unsigned n)
{
	return (unsigned)((rnd() >> 33) % n);
}

/* 1 with probability pct/100 */
static int
chance(unsigned pct)
{
	return pick(100) < pct;
}

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))

static const char *const words[] = {
	"the", "of", "and", "a", "to", "in", "is", "that", "it", "was", "for",
	"on", "are", "as", "with", "they", "be", "at", "one", "have", "this",
	"from", "by", "but", "not", "what", "all", "were", "when", "we",
	"there", "can", "an", "which", "their", "if", "do", "will", "each",
	"about", "how", "up", "out", "them", "then", "so", "some", "would",
	"other", "into", "more", "time", "could", "no", "way", "people", "my",
	"than", "first", "been", "who", "its", "now", "long", "down", "day",
	"did", "made", "may", "part", "over", "new", "after", "also", "work",
	"city", "street", "library", "book", "reader", "writer", "letter",
	"morning", "evening", "winter", "summer", "river", "bridge", "market",
	"garden", "kitchen", "table", "window", "house", "office", "train",
	"station", "map", "road", "field", "harbour", "island", "village",
	"system", "server", "database", "program", "file", "network", "tool",
	"language", "compiler", "cache", "query", "index", "page", "request",
	"budget", "meeting", "manager", "team", "project", "deadline", "plan",
	"habit", "attention", "memory", "silence", "patience", "craft",
	"quiet", "small", "slow", "careful", "honest", "strange", "ordinary",
	"useful", "old", "young", "early", "late", "simple", "difficult",
	"public", "private", "local", "distant", "common", "rare", "cheap",
	"expensive", "broken", "steady", "bright", "dull", "narrow", "wide",
	"write", "read", "build", "walk", "wait", "listen", "notice", "keep",
	"lose", "find", "carry", "repair", "measure", "forget", "remember",
	"choose", "explain", "argue", "borrow", "change", "learn", "teach",
	"usually", "rarely", "quietly", "slowly", "almost", "perhaps",
	"certainly", "together", "still", "already", "never", "always",
	"because", "although", "while", "before", "until", "since", "unless",
	"neighbour", "stranger", "friend", "engineer", "librarian", "baker",
	"gardener", "teacher", "student", "mayor", "clerk", "driver",
	"question", "answer", "mistake", "lesson", "story", "argument",
	"evidence", "detail", "pattern", "problem", "reason", "promise",
	"weather", "light", "paper", "pencil", "notebook", "shelf", "chair",
	"bicycle", "bus", "tram", "ferry", "lamp", "clock", "kettle", "bread",
	"coffee", "tea", "apple", "stone", "wood", "glass", "iron", "salt",
};

static const char *const names[] = {
	"Ada", "Tomas", "Ingrid", "Samir", "Leena", "Marcus", "Ottilie",
	"Ravi", "Beatriz", "Hugo", "Noor", "Felix", "Clara", "Jonas",
};

static const char *const places[] = {
	"Lisbon", "Tromsø", "Ghent", "Kraków", "Valparaíso", "Kyoto",
	"Montréal", "Dunedin", "Tbilisi", "Ljubljana", "Bergen", "Porto",
};

static const char *const langs[] = { "c", "sh", "sql", "python", "", "go" };

static const char *const code_lines[] = {
	"for (i = 0; i < n; i++)",
	"\tsum += v[i] * w[i];",
	"if (fd == -1)",
	"\treturn -1;",
	"SELECT id, title FROM articles WHERE published_at < :t",
	"  ORDER BY published_at DESC LIMIT 10;",
	"$ make && ./build/quire serve --db site.db",
	"git log --oneline | head -20",
	"def total(items):",
	"    return sum(x.price for x in items)",
	"while read -r line; do echo \"$line\"; done < notes.txt",
	"static int count = 0;",
	"buf_printf(&b, \"%s: %d\\n\", name, n);",
	"curl -s https://example.org/feed.xml | wc -c",
	"func main() { fmt.Println(\"hello, margin\") }",
	"x = [n * n for n in range(10) if n % 3]",
};

static const char *const guests[] = {
	"", "", "", "", "", "", "", "", "", "", "", "", "", "",
	"Jonas Weber", "Amara Okafor", "Lucía Ferreira", "Henrik Dahl",
};

struct sbuf {
	char	*p;
	size_t	 len, cap;
};

static void
sb_put(struct sbuf *b, const char *s, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		b->cap = (b->len + n + 1) * 2;
		if ((b->p = realloc(b->p, b->cap)) == NULL) {
			perror("gen");
			exit(1);
		}
	}
	memcpy(b->p + b->len, s, n);
	b->len += n;
	b->p[b->len] = '\0';
}

static void
sb_puts(struct sbuf *b, const char *s)
{
	sb_put(b, s, strlen(s));
}

static void
sb_printf(struct sbuf *b, const char *fmt, ...)
{
	char	 tmp[512];
	va_list	 ap;
	int	 n;

	va_start(ap, fmt);
	n = vsnprintf(tmp, sizeof(tmp), fmt, ap);
	va_end(ap);
	if (n > 0)
		sb_put(b, tmp, (size_t)n < sizeof(tmp) ? (size_t)n : sizeof(tmp) - 1);
}

/* A word, capitalised when asked. */
static void
word(struct sbuf *b, int cap)
{
	const char	*w = words[pick(NELEM(words))];
	char		 c;

	if (cap && w[0] >= 'a' && w[0] <= 'z') {
		c = (char)(w[0] - 'a' + 'A');
		sb_put(b, &c, 1);
		sb_puts(b, w + 1);
	} else
		sb_puts(b, w);
}

/* A sentence of 6-22 words with the occasional inline markup, smart
 * punctuation to do, a name or a place. Returns the words written. */
static unsigned
sentence(struct sbuf *b)
{
	unsigned	 n = 6 + pick(17), i, k;
	static const char *const ends[] = { ".", ".", ".", ".", "?", "!", "." };

	for (i = 0; i < n; i++) {
		if (i > 0)
			sb_puts(b, chance(6) && i + 2 < n ? ", " : " ");
		k = pick(1000);
		if (k < 18 && i + 2 < n) {
			sb_puts(b, "**");
			word(b, i == 0);
			sb_puts(b, " ");
			word(b, 0);
			sb_puts(b, "**");
			i++;
		} else if (k < 40) {
			sb_puts(b, "*");
			word(b, i == 0);
			sb_puts(b, "*");
		} else if (k < 52) {
			sb_puts(b, "`");
			word(b, 0);
			sb_puts(b, chance(50) ? "()`" : "_t`");
		} else if (k < 64 && i + 2 < n) {
			sb_puts(b, "[");
			word(b, i == 0);
			sb_puts(b, " ");
			word(b, 0);
			sb_printf(b, "](https://example.org/%s/%u)",
			    words[pick(NELEM(words))], pick(5000));
			i++;
		} else if (k < 76) {
			sb_puts(b, names[pick(NELEM(names))]);
		} else if (k < 84) {
			sb_puts(b, places[pick(NELEM(places))]);
		} else if (k < 92 && i + 3 < n) {
			sb_puts(b, "\"");
			word(b, i == 0);
			sb_puts(b, " ");
			word(b, 0);
			sb_puts(b, "\"");
			i++;
		} else if (k < 100 && i > 0 && i + 2 < n) {
			sb_puts(b, "-- ");
			word(b, 0);
		} else if (k < 108) {
			word(b, i == 0);
			sb_puts(b, "'s");
		} else if (k < 112) {
			sb_printf(b, "%u", 2 + pick(1998));
		} else
			word(b, i == 0);
	}
	sb_puts(b, ends[pick(NELEM(ends))]);
	return n;
}

static unsigned
paragraph(struct sbuf *b, unsigned min, unsigned max)
{
	unsigned	 n = min + pick(max - min + 1), i, w = 0;

	for (i = 0; i < n; i++) {
		if (i > 0)
			sb_puts(b, " ");
		w += sentence(b);
	}
	sb_puts(b, "\n\n");
	return w;
}

/* Title-case phrase of n words. */
static unsigned
phrase(struct sbuf *b, unsigned n)
{
	unsigned	 i;

	for (i = 0; i < n; i++) {
		if (i > 0)
			sb_puts(b, " ");
		word(b, i == 0 || chance(50));
	}
	return n;
}

static unsigned
list_items(struct sbuf *b, int ordered, const char *indent, unsigned items)
{
	unsigned	 i, w = 0, k, n;

	for (i = 0; i < items; i++) {
		if (ordered)
			sb_printf(b, "%s%u. ", indent, i + 1);
		else
			sb_printf(b, "%s- ", indent);
		n = 3 + pick(14);
		for (k = 0; k < n; k++) {
			if (k > 0)
				sb_puts(b, " ");
			if (k == 0 && chance(20)) {
				sb_puts(b, "**");
				word(b, 1);
				sb_puts(b, ":**");
			} else
				word(b, k == 0);
		}
		w += n;
		sb_puts(b, chance(50) ? ".\n" : "\n");
	}
	return w;
}

static unsigned
block(struct sbuf *b)
{
	unsigned	 k = pick(100), w = 0, i, n;

	if (k < 46)
		return paragraph(b, 2, 5);
	if (k < 62) {
		sb_puts(b, chance(70) ? "## " : "### ");
		w = phrase(b, 2 + pick(5));
		sb_puts(b, "\n\n");
		return w + paragraph(b, 2, 5);
	}
	if (k < 72) {
		w = list_items(b, 0, "", 3 + pick(4));
		sb_puts(b, "\n");
		return w;
	}
	if (k < 78) {
		w = list_items(b, 1, "", 3 + pick(4));
		sb_puts(b, "\n");
		return w;
	}
	if (k < 81) {
		w = list_items(b, 0, "", 2);
		w += list_items(b, 0, "  ", 2 + pick(3));
		w += list_items(b, 0, "", 1 + pick(2));
		sb_puts(b, "\n");
		return w;
	}
	if (k < 88) {
		n = 1 + pick(3);
		for (i = 0; i < n; i++) {
			sb_puts(b, "> ");
			w += sentence(b);
			sb_puts(b, " ");
			w += sentence(b);
			sb_puts(b, i + 1 < n ? "\n>\n" : "\n");
		}
		if (chance(50)) {
			sb_printf(b, ">\n> -- %s, %s\n", names[pick(NELEM(names))],
			    places[pick(NELEM(places))]);
			w += 2;
		}
		sb_puts(b, "\n");
		return w;
	}
	if (k < 94) {
		sb_printf(b, "```%s\n", langs[pick(NELEM(langs))]);
		n = 3 + pick(8);
		for (i = 0; i < n; i++) {
			sb_puts(b, code_lines[pick(NELEM(code_lines))]);
			sb_puts(b, "\n");
		}
		sb_puts(b, "```\n\n");
		return n * 4;
	}
	if (k < 96) {
		sb_printf(b, "![A photograph of the %s](https://example.org/img/"
		    "%u.jpg \"%s\")\n\n", words[pick(NELEM(words))], pick(90000),
		    places[pick(NELEM(places))]);
		return 4;
	}
	if (k < 97) {
		sb_puts(b, "---\n\n");
		return 0;
	}
	/* A paragraph with a hard line break and an autolink. */
	w = sentence(b);
	sb_puts(b, "  \n");
	w += sentence(b);
	sb_printf(b, " See <https://example.org/notes/%u>.\n\n", pick(100000));
	return w + 3;
}

static void
article(struct sbuf *body, unsigned target)
{
	unsigned	 w = 0;

	body->len = 0;
	w += paragraph(body, 2, 4);
	w += paragraph(body, 3, 6);
	while (w < target)
		w += block(body);
	/* No trailing blank lines. */
	while (body->len > 0 && body->p[body->len - 1] == '\n')
		body->p[--body->len] = '\0';
	sb_puts(body, "\n");
}

static void
slugify(const char *title, long long id, char *out, size_t size)
{
	size_t	 n = 0;
	int	 dash = 0;
	const char *p;

	for (p = title; *p != '\0' && n + 24 < size && n < 70; p++) {
		char	 c = *p;

		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
			if (dash && n > 0)
				out[n++] = '-';
			dash = 0;
			out[n++] = c;
		} else
			dash = 1;
	}
	snprintf(out + n, size - n, "%s%lld", n > 0 ? "-" : "", id);
}

static void
die(sqlite3 *db, const char *what)
{
	fprintf(stderr, "gen: %s: %s\n", what, sqlite3_errmsg(db));
	exit(1);
}

static void
exec(sqlite3 *db, const char *sql)
{
	char	*err = NULL;

	if (sqlite3_exec(db, sql, NULL, NULL, &err) != SQLITE_OK) {
		fprintf(stderr, "gen: %s: %s\n", sql, err ? err : "?");
		exit(1);
	}
}

int
main(int argc, char *argv[])
{
	sqlite3		*db;
	sqlite3_stmt	*st;
	struct sbuf	 body = { 0 }, title = { 0 }, excerpt = { 0 };
	char		 slug[128], *sql;
	long long	 n, i, t, step, bytes = 0;

	if (argc != 4 || (n = atoll(argv[2])) < 1) {
		fprintf(stderr, "usage: gen OUT.db N DEMO.db\n");
		return 2;
	}
	rng_state ^= (uint64_t)n * 0x100000001b3ULL;
	if (sqlite3_open_v2(argv[1], &db, SQLITE_OPEN_READWRITE, NULL) !=
	    SQLITE_OK)
		die(db, argv[1]);
	/* Bulk load: no journal, no syncs; WAL again at the end. */
	exec(db, "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;"
	    " PRAGMA cache_size = -65536;");
	sql = sqlite3_mprintf("ATTACH %Q AS demo", argv[3]);
	exec(db, sql);
	sqlite3_free(sql);
	exec(db, "BEGIN");
	exec(db, "INSERT OR REPLACE INTO settings (key, value)"
	    " SELECT key, value FROM demo.settings");
	/* The demo shows 2 articles a page to show paging off; a real site
	 * keeps quire's default of 10. */
	exec(db, "INSERT INTO settings (key, value) VALUES ('per_page', '10')"
	    " ON CONFLICT (key) DO UPDATE SET value = excluded.value");
	exec(db, "INSERT INTO pages (slug, title, body, status, created_at,"
	    " updated_at) SELECT slug, title, body, status, created_at,"
	    " updated_at FROM demo.pages");
	if (sqlite3_prepare_v2(db, "INSERT INTO articles (id, slug, title,"
	    " excerpt, body, author, status, published_at, created_at,"
	    " updated_at) VALUES (?, ?, ?, ?, ?, ?, 'published', ?, ?, ?)",
	    -1, &st, NULL) != SQLITE_OK)
		die(db, "prepare");
	step = (T_LAST - T_FIRST) / n;
	for (i = 1; i <= n; i++) {
		title.len = 0;
		if (chance(30)) {
			sb_puts(&title, "Notes on ");
			phrase(&title, 2 + pick(3));
		} else if (chance(20)) {
			phrase(&title, 2 + pick(3));
			sb_printf(&title, " in %s", places[pick(NELEM(places))]);
		} else if (chance(15)) {
			sb_puts(&title, "Why ");
			phrase(&title, 3 + pick(4));
			sb_puts(&title, "?");
		} else
			phrase(&title, 3 + pick(6));
		slugify(title.p, i, slug, sizeof(slug));
		excerpt.len = 0;
		if (chance(40))
			sentence(&excerpt);
		article(&body, 840 + pick(121));
		bytes += (long long)body.len;
		t = T_FIRST + (i - 1) * step + (long long)pick((unsigned)(step /
		    2 + 1));
		sqlite3_bind_int64(st, 1, i);
		sqlite3_bind_text(st, 2, slug, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 3, title.p, (int)title.len, SQLITE_STATIC);
		sqlite3_bind_text(st, 4, excerpt.len ? excerpt.p : "",
		    (int)excerpt.len, SQLITE_STATIC);
		sqlite3_bind_text(st, 5, body.p, (int)body.len, SQLITE_STATIC);
		sqlite3_bind_text(st, 6, guests[pick(NELEM(guests))], -1,
		    SQLITE_STATIC);
		sqlite3_bind_int64(st, 7, t);
		sqlite3_bind_int64(st, 8, t - pick(3 * 86400));
		sqlite3_bind_int64(st, 9, t + (chance(20) ? pick(400 * 86400) : 0));
		if (sqlite3_step(st) != SQLITE_DONE)
			die(db, "insert");
		sqlite3_reset(st);
	}
	sqlite3_finalize(st);
	exec(db, "COMMIT");
	exec(db, "DETACH demo");
	exec(db, "PRAGMA journal_mode = WAL;");
	sqlite3_close(db);
	fprintf(stderr, "gen: %lld articles, %.1f MB of Markdown, %.0f bytes "
	    "each on average\n", n, (double)bytes / 1e6, (double)bytes /
	    (double)n);
	return 0;
}
