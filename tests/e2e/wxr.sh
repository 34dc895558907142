#!/usr/bin/env bash
# End-to-end test of moving a WordPress blog in (issue 9), through src/run.sh
# (nginx in front of `quire serve`) on the tests' clock:
#
#   bash tests/e2e/wxr.sh [QUIRE_BINARY]     (from the repo root)
#
# `quire import tests/fixtures/wxr/site.xml` into a fresh database: every
# published post and page is at its new address with its title, tags and
# body (captions, lists, quotes, images, code; no iframe, no script);
# drafts, the private and the pending post are not to be seen, the
# scheduled one only once the clock passes its time; every old permalink
# and /?p=ID (and /?page_id=ID for pages) answers 301 to the new address.
# Importing twice changes nothing; the broken export imports nothing and
# names its file and line. The fixture's items are listed, field by field,
# in tests/fixtures/wxr/site.expect.
#
# One line per check, "ok - ..." or "not ok - ..." with indented details;
# the exit status is 1 if any check failed. Needs: curl, sqlite3, nginx.
# KEEP_E2E=1 keeps the temporary folder.

# Checks pass single-quoted conditions to eval, on purpose:
# shellcheck disable=SC2016
set -u

# shellcheck source=tests/e2e/lib.sh
. "$(dirname "$0")/lib.sh"
e2e_init wxr "${1:-}"

need curl sqlite3 nginx
[ -x "$QUIRE" ] || bail "the binary $QUIRE exists" "build it with make"
echo "# e2e wxr: $QUIRE"

e2e_workdir
H=$W/http
VAR=$W/var
DB=$W/site.db
mkdir -p "$H" "$VAR"
SITE=tests/fixtures/wxr/site.xml
BROKEN=tests/fixtures/wxr/broken.xml
T0=1717236000		# 2024-06-01 10:00 UTC: the regatta (2030) is ahead
REGATTA=1906531200	# 2030-06-01 08:00 UTC, its wp:post_date_gmt
clock_init "$W/clock" "$T0"

q() {
	sqlite3 -init /dev/null -batch -noheader "$DB" "$@"
}

code=""

has() {
	grep -qF -- "$2" "$H/$1.b"
}

# moved NAME OLD NEW: GET OLD is a 301 whose Location is the base URL and
# NEW. Sets loc and mv (1 when so) for the check that follows.
loc="" mv=0
moved() {
	get "$1" "$2"
	loc=$(hdr "$H/$1.h" Location)
	mv=0
	if [ "$code" = 301 ] && [ "$loc" = "$base$3" ]; then mv=1; fi
}

# What an import may change, as text: articles, pages, tags and
# redirects, ids included.
state() {
	q "SELECT 'a', id, slug, title, excerpt, body, author, status,
	    published_at, updated_at FROM articles ORDER BY id;
	   SELECT 'p', * FROM pages ORDER BY id;
	   SELECT 't', * FROM tags ORDER BY 2;
	   SELECT 'at', * FROM article_tags ORDER BY 2, 3;
	   SELECT 'r', * FROM redirects ORDER BY 2"
}

"$QUIRE" init --db "$DB" >"$W/init.out" 2>&1 ||
    bail "quire init creates an empty database" "$(cat "$W/init.out")"

# ---------------------------------------------------------------------------
# The broken export first: nothing imported, its file and line named

"$QUIRE" import "$BROKEN" --db "$DB" >"$W/broken.out" 2>"$W/broken.err"
rc=$?
check "the broken export: exit status not 0" "status $rc" [ "$rc" != 0 ]
check "the broken export: the message names the file and line 30" \
    "$(cat "$W/broken.err")" grep -qF "broken.xml:30:" "$W/broken.err"
check "the broken export: nothing imported, not even its good first item" \
    "$(q "SELECT slug FROM articles")" \
    eval '[ "$(q "SELECT count(*) FROM articles") $(q "SELECT count(*) FROM redirects")" = "0 0" ]'

# ---------------------------------------------------------------------------
# The import

"$QUIRE" import "$SITE" --db "$DB" >"$W/import.out" 2>"$W/import.err"
rc=$?
check "quire import site.xml: exit status 0" "status $rc; $(cat "$W/import.err")" [ "$rc" = 0 ]
check "8 articles (drafts and the scheduled one included) and 2 pages" \
    "$(q "SELECT slug, status FROM articles") / $(q "SELECT slug FROM pages")" \
    eval '[ "$(q "SELECT count(*) FROM articles")" = 8 ] && [ "$(q "SELECT count(*) FROM pages")" = 2 ]'
check "the report counts what was skipped (attachment, revision, menu item, trash)" \
    "$(cat "$W/import.out" "$W/import.err")" \
    eval 'grep -q attachment "$W/import.out" "$W/import.err" && grep -q nav_menu_item "$W/import.out" "$W/import.err"'
check "the report lists the dropped iframe and script" \
    "$(cat "$W/import.out" "$W/import.err")" \
    eval 'grep -qF "dropped <iframe>" "$W/import.out" "$W/import.err" && grep -qF "dropped <script>" "$W/import.out" "$W/import.err"'
check "statuses: private, draft and pending as drafts, the future one published" \
    "$(q "SELECT slug || ' ' || status FROM articles ORDER BY slug")" \
    eval '[ "$(q "SELECT group_concat(slug || \"=\" || status, \" \") FROM (SELECT * FROM articles ORDER BY slug)")" = "cafe-creme-recipe=published half-written-thoughts=draft hello-world=published note=published post-20=published private-thoughts=draft regatta=published waiting-for-review=draft" ]'
check "dates from wp:post_date_gmt; the pending one's local time in pubDate's zone" \
    "$(q "SELECT slug, published_at FROM articles")" \
    eval '[ "$(q "SELECT published_at FROM articles WHERE slug = \"hello-world\"")" = 1552383000 ] && [ "$(q "SELECT published_at FROM articles WHERE slug = \"waiting-for-review\"")" = 1625133600 ] && [ "$(q "SELECT published_at FROM articles WHERE slug = \"regatta\"")" = "$REGATTA" ]'
check "authors by their display names" "$(q "SELECT slug, author FROM articles")" \
    eval '[ "$(q "SELECT author FROM articles WHERE slug = \"hello-world\"")" = "Ann Smith" ] && [ "$(q "SELECT author FROM articles WHERE slug = \"cafe-creme-recipe\"")" = "Bob Ünal" ]'

start_site "--max-age 60" ||
    bail "src/run.sh starts and answers on 127.0.0.1" "$(tail -n 20 "$VAR/server.log" 2>/dev/null)"
ok "src/run.sh starts nginx and quire on 127.0.0.1:$port"

# ---------------------------------------------------------------------------
# Published posts and pages at their new addresses

get hw /2019/03/hello-world
check "GET /2019/03/hello-world: 200 with its title" "status $code" \
    eval '[ "$code" = 200 ] && has hw "Hello world"'
check "its tags: Café crème, 日本語 and Harbour (not Uncategorized)" "status $code" \
    eval 'has hw "Café crème" && has hw "日本語" && has hw "Harbour" && ! has hw "Uncategorized"'
check "its caption: the linked image, then the caption emphasised" "" \
    eval 'has hw "alt=\"Boats at dawn\"" && has hw "href=\"https://example.com/wp-content/uploads/2019/03/boats.jpg\"" && has hw "<em>The boats at dawn</em>"'
check "its nested list, ordered list and two-paragraph quote" "" \
    eval 'has hw "<li>red ones</li>" && has hw "<ol>" && has hw "<blockquote>" && has hw "<p>It covers seven tenths of the globe.</p>"'
check "its image with title, and code blocks with their languages" "" \
    eval 'has hw "src=\"/wp-content/uploads/2019/03/map.png\"" && has hw "title=\"Our map\"" && has hw "<code class=\"language-c\">" && has hw "<code class=\"language-python\">" && has hw "return a &lt; b;"'
check "no iframe and no script from the body; the gallery shortcode as text" "" \
    eval '! has hw "youtube.com/embed" && ! has hw "alert(" && has hw "[gallery ids="'
check "the bare URL on its own line is a link" "" \
    eval 'has hw "href=\"https://www.youtube.com/watch?v=dQw4w9WgXcQ\""'
get cc /2020/11/cafe-creme-recipe
check "GET /2020/11/cafe-creme-recipe: 200, non-ASCII title, headings and table text" "status $code" \
    eval '[ "$code" = 200 ] && has cc "Café crème: a recipe" && has cc "<h2>What you need</h2>" && has cc "Cups | Cream"'
get jp /2021/02/post-20
check "GET /2021/02/post-20: the Japanese title (its slug made from the ID)" "status $code" \
    eval '[ "$code" = 200 ] && has jp "日本語のタイトル"'
get tag "/tag/caf%C3%A9-cr%C3%A8me"
check "GET /tag/café-crème lists both of its posts" "status $code" \
    eval '[ "$code" = 200 ] && has tag "Hello world" && has tag "Café crème: a recipe"'
get tagjp "/tag/%E6%97%A5%E6%9C%AC%E8%AA%9E"
check "GET /tag/日本語 lists its two posts" "status $code" \
    eval '[ "$code" = 200 ] && has tagjp "Hello world" && has tagjp "日本語のタイトル"'
get about /about
check "the page About at /about" "status $code" \
    eval '[ "$code" = 200 ] && has about "We write about the harbour." && has about "href=\"mailto:ann@example.com\""'
get hours /opening-hours
check "the child page at /opening-hours" "status $code" \
    eval '[ "$code" = 200 ] && has hours "Opening hours"'

# ---------------------------------------------------------------------------
# What must not be seen

get d1 /2020/01/half-written-thoughts
check "the draft is 404" "status $code" [ "$code" = 404 ]
get d2 /2022/04/private-thoughts
check "the private post is 404" "status $code" [ "$code" = 404 ]
get d3 /2022/04/private-thoughts/
check "the private post's old permalink is no redirect (404)" "status $code" [ "$code" = 404 ]
get d4 "/?p=32"
check "nor is its /?p=32 (no redirect)" "status $code" \
    eval '[ "$code" != 301 ] && [ -z "$(hdr "$H/d4.h" Location)" ]'
get d5 /2021/07/waiting-for-review
check "the pending post is 404" "status $code" [ "$code" = 404 ]
get s1 /2030/06/regatta
check "the scheduled post is 404 before its time" "status $code" [ "$code" = 404 ]
get home /
check "the home page lists none of them" "status $code" \
    eval '[ "$code" = 200 ] && ! has home "Half-written" && ! has home "Private thoughts" && ! has home "Waiting for review" && ! has home "regatta"'

# ---------------------------------------------------------------------------
# Old addresses: 301 to the new ones

moved o1 /2019/03/hello-world/ /2019/03/hello-world
check "GET /2019/03/hello-world/ (the old permalink): 301 to the new address" "status $code; Location $loc" [ "$mv" = 1 ]
moved o2 "/?p=12" /2019/03/hello-world
check "GET /?p=12: 301 to /2019/03/hello-world" "status $code; Location $loc" [ "$mv" = 1 ]
moved o3 /2020/11/cafe-creme-recipe/ /2020/11/cafe-creme-recipe
check "GET /2020/11/cafe-creme-recipe/: 301" "status $code; Location $loc" [ "$mv" = 1 ]
moved o4 "/?p=15" /2020/11/cafe-creme-recipe
check "GET /?p=15: 301" "status $code; Location $loc" [ "$mv" = 1 ]
moved o5 "/2021/02/%e6%97%a5%e6%9c%ac%e8%aa%9e/" /2021/02/post-20
check "the percent-encoded Japanese permalink: 301 to /2021/02/post-20" "status $code; Location $loc" [ "$mv" = 1 ]
moved o6 "/?p=20" /2021/02/post-20
check "GET /?p=20: 301" "status $code; Location $loc" [ "$mv" = 1 ]
moved o7 /2023/05/note/ /2023/05/note
check "the untitled note's permalink: 301" "status $code; Location $loc" [ "$mv" = 1 ]
moved o8 /about/ /about
check "the page's permalink /about/: 301 to /about" "status $code; Location $loc" [ "$mv" = 1 ]
moved o9 "/?page_id=40" /about
check "GET /?page_id=40: 301 to /about" "status $code; Location $loc" [ "$mv" = 1 ]
moved o10 "/?p=40" /about
check "GET /?p=40: 301 to /about too" "status $code; Location $loc" [ "$mv" = 1 ]
moved o11 /about/opening-hours/ /opening-hours
check "the child page's permalink /about/opening-hours/: 301 to /opening-hours" "status $code; Location $loc" [ "$mv" = 1 ]
moved o12 "/?page_id=41" /opening-hours
check "GET /?page_id=41: 301" "status $code; Location $loc" [ "$mv" = 1 ]
get o13 "/?p=31"
check "the scheduled post's /?p=31 is no redirect before its time" "status $code" \
    eval '[ "$code" != 301 ] && [ -z "$(hdr "$H/o13.h" Location)" ]'

# ---------------------------------------------------------------------------
# The scheduled post, once the clock passes its time

clock_set $((REGATTA + 1))
get s2 /2030/06/regatta
check "the scheduled post is 200 once the clock passes 2030-06-01 08:00 UTC" "status $code" \
    eval '[ "$code" = 200 ] && has s2 "Coming soon: the regatta" && has s2 "<strong>nine</strong>"'
moved s3 "/?p=31" /2030/06/regatta
check "and its /?p=31 is a 301 to it" "status $code; Location $loc" [ "$mv" = 1 ]

stop_site
check "the site stops cleanly" "status $run_status" [ "$run_killed" = 0 ]

# ---------------------------------------------------------------------------
# Idempotence, and the broken export into a full database

before=$(state)
"$QUIRE" import "$SITE" --db "$DB" >"$W/import2.out" 2>"$W/import2.err"
rc=$?
after=$(state)
check "importing again: exit status 0" "status $rc; $(cat "$W/import2.err")" [ "$rc" = 0 ]
check "importing again changes nothing (articles, pages, tags, redirects)" \
    "$(diff <(printf '%s\n' "$before") <(printf '%s\n' "$after") | head -n 10)" \
    [ "$before" = "$after" ]
"$QUIRE" import "$BROKEN" --db "$DB" >"$W/broken2.out" 2>"$W/broken2.err"
rc=$?
after=$(state)
check "the broken export into the full database: refused, nothing changed" \
    "status $rc; $(cat "$W/broken2.err")" \
    eval '[ "$rc" != 0 ] && [ "$before" = "$after" ] && grep -qF "broken.xml:30:" "$W/broken2.err"'

echo "# $pass passed, $fail failed"
[ "$fail" -eq 0 ]
