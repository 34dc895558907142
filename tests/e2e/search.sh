#!/usr/bin/env bash
# End-to-end tests of /search, through src/run.sh (nginx in front of
# `quire serve`) on the tests' clock:
#
#   bash tests/e2e/search.sh [QUIRE_BINARY]     (from the repo root)
#
# Ranking (a title match above a body match), stemming (run finds
# running), diacritics (cafe finds café), snippets with <mark> and no raw
# HTML from a body, the query shown escaped, hostile queries (each a 200
# or a 400/414, never a 500), pagination (10 a page, stable links, 404
# past the end), conditional GET (304), a scheduled article found only
# from its time on, and an edit, an unpublication and a deletion through
# the admin showing in the results at once.
#
# One line per check, "ok - ..." or "not ok - ..." with indented details;
# the exit status is 1 if any check failed. Needs: curl, sqlite3, nginx,
# perl. KEEP_E2E=1 keeps the temporary folder.

# Checks pass single-quoted conditions to eval, on purpose:
# shellcheck disable=SC2016
set -u

# shellcheck source=tests/e2e/lib.sh
. "$(dirname "$0")/lib.sh"
e2e_init search "${1:-}"

need curl sqlite3 nginx perl pgrep
[ -x "$QUIRE" ] || bail "the binary $QUIRE exists" "build it with make"
echo "# e2e search: $QUIRE"

e2e_workdir
H=$W/http
VAR=$W/var
DB=$W/site.db
mkdir -p "$H" "$VAR"
T0=1750000000
clock_init "$W/clock" "$T0"

q() {
	sqlite3 -init /dev/null -batch -noheader "$DB" "$@"
}

code=""

# The article paths of a result page, in order, one a line.
hits() {
	perl -0777 -ne 'while (/<article class="summary hit">\s*<h2><a href="([^"]+)"/g) { print "$1\n" }' "$H/$1.b"
}

has() {
	grep -qF -- "$2" "$H/$1.b"
}

grab() {
	perl -0777 -ne 'if (/'"$1"'/s) { print $1 }' "$2"
}

# ---------------------------------------------------------------------------
# The site: the demo, and articles made for the checks (the triggers of
# 0007-search index them as they are inserted).

"$QUIRE" init --db "$DB" --demo >"$W/init.out" 2>&1 ||
    bail "quire init --demo creates the test database" "$(cat "$W/init.out")"
PW='search-editor-passphrase-1'
printf '%s\n' "$PW" | "$QUIRE" user add editor --name Editor --db "$DB" \
    >"$W/useradd.out" 2>&1 ||
    bail "quire user add creates the editor's account" "$(cat "$W/useradd.out")"

# add SLUG TITLE EXCERPT BODY PUBLISHED_AT
add() {
	q "INSERT INTO articles (slug, title, excerpt, body, status,
	    published_at, created_at, updated_at) VALUES ('$1', '$2', '$3',
	    '$4', 'published', $5, $T0, $T0)"
}
past=$((T0 - 86400))
add zebra-in-body 'Notes on crossings' '' \
    'A zebra walks by. <script>alert(1)</script> <b onmouseover="x()">bold</b>' $((past + 5))
add zebra-in-title 'The zebra question' '' 'Nothing about stripes here.' $past
add zebra-in-excerpt 'Striped animals' 'On the zebra.' 'Horses, mostly.' $((past + 9))
add marathon 'Training for a marathon' '' 'I was running every morning.' $past
add cafe-culture 'Café culture' '' 'The crème of Paris.' $past
add quokka-scheduled 'The quokka arrives' '' 'A scheduled quokka.' $((T0 + 3600))
add quokka-draft 'Quokka draft' '' 'A quokka draft.' $past
q "UPDATE articles SET status = 'draft' WHERE slug = 'quokka-draft'"
for i in $(seq 1 23); do
	add "xylo-$i" "Instrument $i" '' "The xylophone, part $i." $((past - i * 60))
done

start_site "--max-age 60" ||
    bail "src/run.sh starts and answers on 127.0.0.1" "$(tail -n 20 "$VAR/server.log" 2>/dev/null)"
ok "src/run.sh starts nginx and quire on 127.0.0.1:$port"
LOG=$VAR/server.log

# ---------------------------------------------------------------------------
# The form

get form /search
check "GET /search: 200, the form alone (no result count)" "status $code" \
    eval '[ "$code" = 200 ] && has form "<form class=\"search\"" && has form "<label for=\"search-q\">" && ! has form "search-summary"'
get home /
check "every page's header has a search form (GET /search, a label, name=q)" "status $code" \
    eval '[ "$code" = 200 ] && has home "action=\"/search\" method=\"get\"" && has home "<label for=\"site-search-q\">" && has home "name=\"q\""'
get blank '/search?q=+++'
check "GET /search?q=+++ (blanks): the form alone, 200" "status $code" \
    eval '[ "$code" = 200 ] && ! has blank "search-summary"'

# ---------------------------------------------------------------------------
# Ranking, stemming, diacritics, snippets

get zebra '/search?q=zebra'
mapfile -t Z < <(hits zebra)
check "zebra: the title match first, then the excerpt's, then the body's (bm25 10/4/1)" \
    "status $code; hits: ${Z[*]}" \
    eval '[ "$code" = 200 ] && [ "${#Z[@]}" = 3 ] && [[ ${Z[0]} == */zebra-in-title ]] && [[ ${Z[1]} == */zebra-in-excerpt ]] && [[ ${Z[2]} == */zebra-in-body ]]'
check "zebra: the title is marked, <mark>zebra</mark>" "$(grep -o '<h2>.*</h2>' "$H/zebra.b" | head -3)" \
    has zebra 'The <mark>zebra</mark> question</a>'
check "zebra: snippets are marked, the body's HTML shown as text, never raw" \
    "$(grep -o '<p class="snippet">.*' "$H/zebra.b")" \
    eval 'has zebra "A <mark>zebra</mark> walks by. &lt;script&gt;alert(1)&lt;/script&gt;" && ! has zebra "<script>" && ! has zebra "<b onmouseover" && has zebra "&lt;b onmouseover=&quot;x()&quot;&gt;"'
get run '/search?q=run'
check "stemming: run finds running" "status $code; hits: $(hits run | tr '\n' ' ')" \
    eval '[ "$code" = 200 ] && hits run | grep -q "/marathon$" && has run "<mark>running</mark>"'
get cafe '/search?q=cafe'
check "diacritics: cafe finds café (and CREME finds crème)" "status $code; hits: $(hits cafe | tr '\n' ' ')" \
    eval '[ "$code" = 200 ] && hits cafe | grep -q "/cafe-culture$" && has cafe "<mark>Café</mark>"'
get creme '/search?q=CREME'
check "diacritics and case: CREME finds crème" "status $code" \
    eval '[ "$code" = 200 ] && hits creme | grep -q "/cafe-culture$"'
get both '/search?q=zebra+question'
check "every word must match: zebra question finds the one article" "hits: $(hits both | tr '\n' ' ')" \
    eval '[ "$(hits both | wc -l)" = 1 ] && hits both | grep -q "/zebra-in-title$"'
get draft '/search?q=quokka'
check "a draft and a scheduled article are not found" "status $code; hits: $(hits draft | tr '\n' ' ')" \
    eval '[ "$code" = 200 ] && [ -z "$(hits draft)" ] && has draft "No articles match."'

# ---------------------------------------------------------------------------
# What a reader types: shown escaped; never a 500

get esc '/search?q=%3Cscript%3Ealert%281%29%3C%2Fscript%3E+%22zebra'
check "the query shows escaped, in the title, the box and the page" "status $code" \
    eval '[ "$code" = 200 ] && ! has esc "<script>alert" && has esc "value=\"&lt;script&gt;alert(1)&lt;/script&gt; &quot;zebra\"" && has esc "<title>Search: &lt;script&gt;"'
errs=""
long=$(head -c 10240 /dev/zero | tr '\0' a)
words=$(printf 'zebra %.0s' $(seq 1 20))
for hq in '%22' '%22zebra' 'zebra%22' '%22%22' 'AND' 'OR' 'NOT' 'NEAR' \
    'zebra+AND' 'AND+zebra' 'zebra+OR+NOT' 'NEAR(zebra+question%2C+2)' \
    'NEAR%2F2' '*' 'zebra*' '*zebra' '-zebra' 'zebra+-question' '%5Ezebra' \
    'title%3Azebra' '%7Btitle%7D%3Azebra' 'zebra%3A' '(' ')' '((zebra' \
    'zebra))' '(zebra+OR' '%2B' '%5C' "'" '%60' ';' '--' '%25' \
    'rank' 'rowid' 'articles_fts' 'bm25(articles_fts)' '%E2%80%94' \
    '%F0%9F%99%82' '%0A%0D%09' '%01%02%7F' '%FE%FF' 'caf%E9' '%C3' \
    '%00' 'a%00b' '%zz' "$long" "${long:0:200}" "${long:0:201}" \
    "${words// /+}"; do
	# As typed: a spelling other than a form's is a 301 to it (canon.sh),
	# followed here.
	get hostile "/search?q=$hq" -L
	case $code in
	200|400|414) ;;
	*) errs+="q=${hq:0:60}: status $code"$'\n' ;;
	esac
done
check "hostile queries (quotes, operators, *, -, ^, :, parentheses, 10 KB, bad UTF-8): 200, 400 or 414, never a 500" \
    "$errs" [ -z "$errs" ]
check "quire logged no 500 and no SQL error" "$(grep -E '" 500 |fts5|syntax error' "$LOG" | head -5)" \
    eval '! grep -qE "\" 500 |fts5|syntax error" "$LOG"'
get toolong "/search?q=${long:0:201}"
check "a search of 201 characters: 400 that says the limit" "status $code" \
    eval '[ "$code" = 400 ] && has toolong "at most 200 characters"'
get maxlen "/search?q=${long:0:200}"
check "a search of 200 characters: 200" "status $code" [ "$code" = 200 ]
get huge "/search?q=$long"
check "a search of 10 KB: 414 or 400, not a 500" "status $code" \
    eval '[ "$code" = 414 ] || [ "$code" = 400 ]'
get bad8 '/search?q=caf%E9'
check "invalid UTF-8 in q: 400" "status $code" [ "$code" = 400 ]
get syntax '/search?q=%22%28*%5E-NOT+AND+%3A'
check "only syntax, no word: 200, no results, the reason said" "status $code" \
    eval '[ "$code" = 200 ] && has syntax "No articles match." && has syntax "no word to search for"'
get quoted '/search?q=%22zebra+question%22+NOT+horses'
check "quotes and operators are only separators: \"zebra question\" NOT horses finds nothing, 200" \
    "status $code; hits: $(hits quoted | tr '\n' ' ')" \
    eval '[ "$code" = 200 ] && [ -z "$(hits quoted)" ]'
get many "/search?q=${words// /+}"
check "more than 16 words: the first 16 searched, the page says so" "status $code" \
    eval '[ "$code" = 200 ] && has many "Only the first 16 words were searched." && [ "$(hits many | wc -l)" = 3 ]'

# ---------------------------------------------------------------------------
# Pagination

get p1 '/search?q=xylophone'
get p2 '/search?q=xylophone&page=2'
get p3 '/search?q=xylophone&page=3'
p3code=$code
get p4 '/search?q=xylophone&page=4'
p4code=$code
all=$( { hits p1; hits p2; hits p3; } | sort | uniq | wc -l)
check "23 matches: pages of 10, 10 and 3, each article once" \
    "pages: $(hits p1 | wc -l) $(hits p2 | wc -l) $(hits p3 | wc -l); distinct $all; page 3: $p3code" \
    eval '[ "$(hits p1 | wc -l)" = 10 ] && [ "$(hits p2 | wc -l)" = 10 ] && [ "$(hits p3 | wc -l)" = 3 ] && [ "$all" = 23 ]'
check "page 1 links to page 2 only; page 2 to 1 and 3; page 3 back to 2" "" \
    eval 'has p1 "href=\"/search?q=xylophone&amp;page=2\" rel=\"next\"" && ! has p1 "rel=\"prev\"" && has p2 "page=1\" rel=\"prev\"" && has p2 "page=3\" rel=\"next\"" && has p3 "page=2\" rel=\"prev\"" && ! has p3 "rel=\"next\""'
check "the count says 23, and which are shown" "$(grep -o '<p class="meta" id="search-summary">[^<]*' "$H/p2.b")" \
    has p2 '23 articles match; 11 to 20 shown.'
check "past the last page: 404" "page 4: $p4code" [ "$p4code" = 404 ]
get p1again '/search?q=xylophone'
check "the same search gives the same page (stable order)" "" \
    eval '[ "$(hits p1)" = "$(hits p1again)" ]'
get p0 '/search?q=xylophone&page=0'
check "page=0 and page=x: 400" "status $code" \
    eval '[ "$code" = 400 ] && get px "/search?q=xylophone&page=x" && [ "$code" = 400 ]'

# ---------------------------------------------------------------------------
# HTTP caching

get c1 '/search?q=zebra'
etag=$(hdr "$H/c1.h" ETag)
cc=$(hdr "$H/c1.h" Cache-Control)
get c304 '/search?q=zebra' -H "If-None-Match: $etag"
check "a result page has a strong ETag and Cache-Control public, and If-None-Match gets 304" \
    "ETag $etag; Cache-Control $cc; conditional: $code" \
    eval '[[ $etag == \"*\" ]] && [[ $cc == "public, max-age="* ]] && [ "$code" = 304 ]'
get other '/search?q=xylophone'
get otherpage '/search?q=zebra&page=1'
check "another search, or another page, has another ETag" "" \
    eval '[ "$(hdr "$H/other.h" ETag)" != "$etag" ]'

# ---------------------------------------------------------------------------
# Time: the scheduled article is found at its time, not before

get before '/search?q=quokka'
e_before=$(hdr "$H/before.h" ETag)
clock_set $((T0 + 3599))
get still '/search?q=quokka'
check "one second before its time the scheduled article is not found" "hits: $(hits still | tr '\n' ' ')" \
    eval '[ -z "$(hits still)" ]'
clock_set $((T0 + 3600))
get at '/search?q=quokka'
check "at its time it is found (and only it: the draft stays hidden)" "status $code; hits: $(hits at | tr '\n' ' ')" \
    eval '[ "$code" = 200 ] && [ "$(hits at)" = "$(printf "%s\n" "$(hits at | grep "/quokka-scheduled$")")" ] && [ "$(hits at | wc -l)" = 1 ]'
get at304 '/search?q=quokka' -H "If-None-Match: $e_before"
check "the ETag from before its time no longer matches (200, not 304)" "status $code" [ "$code" = 200 ]

# ---------------------------------------------------------------------------
# The admin: an edit, an unpublication, a deletion change results at once

JAR=$W/editor.jar
get signin /admin/login -c "$JAR" --data-urlencode login=editor --data-urlencode "password=$PW"
[ "$code" = 303 ] || bail "the editor signs in" "status $code"
get newform /admin/articles/new -b "$JAR"
CSRF=$(grab 'name="csrf" value="([0-9a-f]{64})"' "$H/newform.b")
[ -n "$CSRF" ] || bail "the editor gets a CSRF token" "status $code"


get e0 '/search?q=zebra'
e_zebra=$(hdr "$H/e0.h" ETag)
id=$(q "SELECT id FROM articles WHERE slug = 'zebra-in-title'")
post_article edit "$id" publish 'title=The okapi question'
check "the editor renames 'The zebra question' (303)" "status $code" [ "$code" = 303 ]
get e1 '/search?q=zebra'
get e2 '/search?q=okapi'
check "at once: zebra no longer finds it, okapi does" \
    "zebra: $(hits e1 | tr '\n' ' '); okapi: $(hits e2 | tr '\n' ' ')" \
    eval '! hits e1 | grep -q "/zebra-in-title$" && hits e2 | grep -q "/zebra-in-title$" && has e2 "The <mark>okapi</mark> question"'
get e304 '/search?q=zebra' -H "If-None-Match: $e_zebra"
check "the old ETag of ?q=zebra no longer matches after the edit" "status $code" [ "$code" = 200 ]
id=$(q "SELECT id FROM articles WHERE slug = 'zebra-in-body'")
post_article unpub "$id" unpublish
get e3 '/search?q=zebra'
check "an unpublished article is not found, at once" "status of unpublish: $code; hits: $(hits e3 | tr '\n' ' ')" \
    eval '! hits e3 | grep -q "/zebra-in-body$" && hits e3 | grep -q "/zebra-in-excerpt$"'
id=$(q "SELECT id FROM articles WHERE slug = 'zebra-in-excerpt'")
get del "/admin/articles/$id/delete" -b "$JAR" --data-urlencode "csrf=$CSRF" \
    --data-urlencode "revision=$(q "SELECT revision FROM articles WHERE id = $id")"
delcode=$code
get e4 '/search?q=zebra'
check "a deleted article is not found, at once; the index holds no row for it" \
    "delete: $delcode; hits: $(hits e4 | tr '\n' ' ')" \
    eval '[ -z "$(hits e4)" ] && [ "$(q "SELECT count(*) FROM articles_fts WHERE articles_fts MATCH '"'"'\"zebra\"'"'"'")" = 1 ]'
check "the index is consistent with the articles (FTS5 integrity-check)" \
    "$(q "INSERT INTO articles_fts (articles_fts, rank) VALUES ('integrity-check', 1)" 2>&1)" \
    eval 'q "INSERT INTO articles_fts (articles_fts, rank) VALUES ('"'"'integrity-check'"'"', 1)"'

stop_site
check "the site stops cleanly" "status $run_status" [ "$run_killed" = 0 ]
echo "# $pass passed, $fail failed"
[ "$fail" -eq 0 ]
