/*
 * fuzz_search: the search box. The input is what a reader typed (as the
 * edge hands it over: valid UTF-8, no NUL; other inputs only exercise the
 * snippet marker). search_build() must make a query of quoted words
 * alone, which FTS5 always parses: it is run with MATCH against an
 * in-memory table with the site's tokenizer, holding the input itself
 * (inputs the edge would refuse, too long or not UTF-8, are only marked),
 * and an error of any kind (a syntax error above all) is a crash.
 * search_mark() must give balanced <mark> tags and no other markup,
 * whatever the bytes, and the marked snippets of real matches too.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "arena.h"
#include "req.h"
#include "search.h"
#include "fuzz.h"

static struct arena	 arena;
static sqlite3		*db;
static sqlite3_stmt	*ins, *del, *sel;

static void
setup(void)
{
	arena_init(&arena);
	CHECK(sqlite3_open(":memory:", &db) == SQLITE_OK);
	CHECK(sqlite3_exec(db, "CREATE VIRTUAL TABLE t USING fts5(title,"
	    " excerpt, body, tokenize = 'porter unicode61 remove_diacritics 2');"
	    "INSERT INTO t VALUES ('Running café', 'naïve AND \"quoted\"',"
	    " 'NEAR(a b) title:x * ^ - 東京 🙂');", NULL, NULL, NULL) ==
	    SQLITE_OK);
	CHECK(sqlite3_prepare_v2(db, "INSERT INTO t VALUES (?1, ?1, ?1)", -1,
	    &ins, NULL) == SQLITE_OK);
	CHECK(sqlite3_prepare_v2(db, "DELETE FROM t WHERE rowid > 1", -1,
	    &del, NULL) == SQLITE_OK);
	/* As db_search.c asks: ranked, highlighted, a snippet. */
	CHECK(sqlite3_prepare_v2(db, "SELECT highlight(t, 0, ?2, ?3),"
	    " snippet(t, -1, ?2, ?3, '...', 24) FROM t WHERE t MATCH ?1"
	    " ORDER BY bm25(t, 10.0, 4.0, 1.0)", -1, &sel, NULL) ==
	    SQLITE_OK);
}

/* HTML from search_mark(): every '<' opens <mark> or </mark>, in turn. */
static void
check_marked(struct safe_html h)
{
	size_t	 i;
	int	 open = 0;

	for (i = 0; i < h.len; i++) {
		CHECK(h.s[i] != '>' && h.s[i] != '"' && h.s[i] != '\'');
		if (h.s[i] != '<')
			continue;
		if (!open) {
			CHECK(h.len - i >= 6 && memcmp(h.s + i, "<mark>", 6) == 0);
			i += 5;
		} else {
			CHECK(h.len - i >= 7 &&
			    memcmp(h.s + i, "</mark>", 7) == 0);
			i += 6;
		}
		open = !open;
	}
	CHECK(!open);
	CHECK(h.s[h.len] == '\0');
}

/* The query: "w" "w" ..., each word letters, digits and bytes >= 0x80. */
static void
check_query(const struct search_query *sq)
{
	const char	*p = sq->fts;
	size_t		 words = 0;

	CHECK(sq->words <= SEARCH_WORDS_MAX);
	CHECK((sq->fts == NULL) == (sq->words == 0));
	CHECK(sq->dropped == 0 || sq->words == SEARCH_WORDS_MAX);
	if (p == NULL)
		return;
	for (;;) {
		CHECK(*p++ == '"');
		CHECK(*p != '"');
		while (*p != '"') {
			CHECK(*p != '\0');
			CHECK((unsigned char)*p >= 0x80 ||
			    strchr("abcdefghijklmnopqrstuvwxyz"
			    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", *p) != NULL);
			p++;
		}
		p++;
		words++;
		if (*p == '\0')
			break;
		CHECK(*p++ == ' ');
	}
	CHECK(words == sq->words);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct search_query	 sq;
	const char		*q;
	int			 rc;

	if (db == NULL)
		setup();
	check_marked(search_mark(&arena, (const char *)data, size));
	/* The edge refuses the rest (req.c: SEARCH_Q_BYTES, UTF-8). */
	if (size > SEARCH_Q_BYTES ||
	    !req_text_valid((const char *)data, size)) {
		arena_reset(&arena);
		return 0;
	}
	q = arena_strndup(&arena, (const char *)data, size);
	search_build(&arena, q, &sq);
	check_query(&sq);
	if (sq.fts != NULL) {
		CHECK(sqlite3_bind_text(ins, 1, q, -1, SQLITE_STATIC) ==
		    SQLITE_OK);
		CHECK(sqlite3_step(ins) == SQLITE_DONE);
		sqlite3_reset(ins);
		CHECK(sqlite3_bind_text(sel, 1, sq.fts, -1, SQLITE_STATIC) ==
		    SQLITE_OK);
		CHECK(sqlite3_bind_text(sel, 2, SEARCH_MARK_ON, -1,
		    SQLITE_STATIC) == SQLITE_OK);
		CHECK(sqlite3_bind_text(sel, 3, SEARCH_MARK_OFF, -1,
		    SQLITE_STATIC) == SQLITE_OK);
		while ((rc = sqlite3_step(sel)) == SQLITE_ROW) {
			check_marked(search_mark(&arena,
			    (const char *)sqlite3_column_text(sel, 0),
			    (size_t)sqlite3_column_bytes(sel, 0)));
			check_marked(search_mark(&arena,
			    (const char *)sqlite3_column_text(sel, 1),
			    (size_t)sqlite3_column_bytes(sel, 1)));
		}
		if (rc != SQLITE_DONE)
			__sanitizer_report_error_summary(sqlite3_errmsg(db));
		CHECK(rc == SQLITE_DONE);
		sqlite3_reset(sel);
		sqlite3_clear_bindings(sel);
		CHECK(sqlite3_step(del) == SQLITE_DONE);
		sqlite3_reset(del);
	}
	arena_reset(&arena);
	return 0;
}
