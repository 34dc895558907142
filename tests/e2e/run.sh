#!/usr/bin/env bash
# End-to-end tests of Quire: the demo site served by src/run.sh (nginx in
# front of `quire serve`), the FastCGI socket straight, the CGI mode and the
# command line.
#
#   bash tests/e2e/run.sh [QUIRE_BINARY]     (from the repo root)
#
# QUIRE_BINARY defaults to build/quire; the test runner also passes
# build/asan/quire. One line per check, "ok - ..." or "not ok - ..." with
# indented details; the exit status is 1 if any check failed.
#
# Needs: curl, sqlite3, nginx, cgi-fcgi (libfcgi-bin), perl, java and npm
# (the Nu HTML Checker, npm package vnu-jar, pinned in tests/package.json).
# KEEP_E2E=1 keeps the temporary folder (it is also kept when a check fails).

# Checks pass single-quoted conditions to eval, on purpose:
# shellcheck disable=SC2016
set -u

# Reporting, set-up, servers and polling shared by the end-to-end scripts.
# shellcheck source=tests/e2e/lib.sh
. "$(dirname "$0")/lib.sh"
e2e_init e2e "${1:-}"
skip=0 vnu_pid=""

skip() {
	skip=$((skip + 1))
	pass=$((pass + 1))
	printf 'ok - # SKIP %s\n' "$1"
}

# ---------------------------------------------------------------------------
# Small helpers

# Text of FILE with the HTML entities the templates use decoded.
unhtml() {
	sed -e 's/&lt;/</g; s/&gt;/>/g; s/&quot;/"/g; s/&#34;/"/g' \
	    -e "s/&#39;/'/g; s/&#x27;/'/g" -e 's/&amp;/\&/g' "$@"
}

unhtml_s() {
	printf '%s' "$1" | unhtml
}

# Percent-encoding of every byte but the RFC 3986 unreserved ones.
pct() {
	local LC_ALL=C s=$1 i c h out=""
	for ((i = 0; i < ${#s}; i++)); do
		c=${s:i:1}
		case $c in
		[a-zA-Z0-9.~_-]) out+=$c ;;
		*) printf -v h '%%%02X' "'$c"; out+=$h ;;
		esac
	done
	printf '%s' "$out"
}

# First match of the Perl regex's group 1 in FILE ("" if none).
grab() {
	perl -0777 -ne 'if (/'"$1"'/s) { print $1 }' "$2"
}

# Every match of group 1, one a line.
grab_all() {
	perl -0777 -ne 'while (/'"$1"'/gs) { print "$1\n" }' "$2"
}

q() {
	sqlite3 -init /dev/null -batch -noheader -separator $'\x1f' "$DB" "$@"
}

# ---------------------------------------------------------------------------
# Set-up: tools, binary, database with fixtures

need curl sqlite3 nginx cgi-fcgi perl pgrep
[ -x "$QUIRE" ] || bail "the binary $QUIRE exists" "build it with make"
echo "# e2e: $QUIRE"

e2e_workdir
H=$W/http
mkdir -p "$H" "$W/html" "$W/cli"
DB=$W/site.db
# The site's clock stands at 1 June 2026, 12:00 UTC, whatever the day the
# tests run: the demo's article scheduled for 2031 stays scheduled, and
# what the checks expect is computed at that time too.
clock_init "$W/clock" 1780315200
NOW=$(clock_now)

if ! "$QUIRE" init --db "$DB" --demo >"$W/init.out" 2>&1; then
	bail "quire init --demo creates the test database" "$(cat "$W/init.out")"
fi

# Fixtures:
#  - e2e-hostile-markup: markup in title, author and body (published
#    1 March 2024 00:00:00 UTC, the first second of a month with no other
#    article, so the month boundary is checked as well);
#  - e2e-same-second: published the same second as the 10th newest demo
#    article, so the home pager has to break the tie across the page break;
#  - e2e-long-read: a 250 kB body whose first paragraph is 1200 bytes of
#    two-byte characters after one ASCII byte (the excerpt cut), a title and
#    author outside ASCII, published the last second of 2020 (year boundary);
#  - a draft static page.
if ! sed "s/@NOW@/$NOW/g" <<'SQL' | sqlite3 -init /dev/null -batch "$DB" >"$W/fixtures.out" 2>&1
INSERT INTO articles (slug, title, author, excerpt, status, published_at,
    created_at, updated_at, body)
VALUES ('e2e-hostile-markup', '<b>"Tom & Jerry''s"</b>', '<i>Mallory</i> & "Co"',
    '', 'published',
    CAST(strftime('%s', '2024-03-01 00:00:00') AS INTEGER),
    CAST(strftime('%s', '2024-03-01 00:00:00') AS INTEGER),
    CAST(strftime('%s', '2024-03-01 00:00:00') AS INTEGER),
'Code first: `<script>alert(2)</script>` is only text here.

<script>alert(1)</script>

A link: [x](javascript:alert(1)), another [y](JaVaScRiPt:alert(1)) and an image ![i](javascript:alert(1)).

<img src=x onerror=alert(1)>

Inline <a href="javascript:alert(1)">raw link</a> and <iframe src="https://example.org/"></iframe>.
');
INSERT INTO articles (slug, title, author, excerpt, status, published_at,
    created_at, updated_at, body)
SELECT 'e2e-same-second', 'Same Second as Its Neighbour', '', '', 'published',
    published_at, published_at, published_at,
    'This article shares its publication second with an older one.'
FROM articles
WHERE status = 'published' AND published_at <= @NOW@
ORDER BY published_at DESC, id DESC LIMIT 1 OFFSET 9;
INSERT INTO articles (slug, title, author, excerpt, status, published_at,
    created_at, updated_at, body)
VALUES ('e2e-long-read', 'Long Read: Café ☕ & Ünïcödé “Quotes”', 'Zoë Ørsted', '',
    'published',
    CAST(strftime('%s', '2020-12-31 23:59:59') AS INTEGER),
    CAST(strftime('%s', '2020-12-31 23:59:59') AS INTEGER),
    CAST(strftime('%s', '2020-12-31 23:59:59') AS INTEGER),
    'x' || replace(hex(zeroblob(600)), '00', 'é') || ' tail.' || char(10) || char(10) ||
    replace(hex(zeroblob(50000)), '00', 'word ') || char(10));
INSERT INTO pages (slug, title, status, created_at, updated_at, body)
VALUES ('e2e-draft-page', 'Draft Page', 'draft', 0, 0, 'Not yet.');
SQL
then
	bail "test fixtures are inserted" "$(cat "$W/fixtures.out")"
fi

now_sql=$NOW
VISIBLE="status = 'published' AND published_at <= $now_sql"

# Visible articles, newest first, in the order the site lists them.
declare -a A_ID A_T A_YM A_SLUG A_TITLE A_AUTHOR A_ISO
while IFS=$'\x1f' read -r id t ym slug title author iso; do
	A_ID+=("$id") A_T+=("$t") A_YM+=("$ym") A_SLUG+=("$slug")
	A_TITLE+=("$title") A_AUTHOR+=("$author") A_ISO+=("$iso")
done < <(q "SELECT id, published_at, strftime('%Y/%m', published_at, 'unixepoch'),
    slug, title, author, strftime('%Y-%m-%dT%H:%M:%SZ', published_at, 'unixepoch')
    FROM articles WHERE $VISIBLE ORDER BY published_at DESC, id DESC")
NART=${#A_SLUG[@]}
declare -A IDX
for ((i = 0; i < NART; i++)); do
	IDX[${A_SLUG[i]}]=$i
done
[ "$NART" -gt 20 ] || bail "the demo has published articles" "only $NART"

# shellcheck disable=SC2034 # used in an eval'd check
site_title=$(q "SELECT value FROM settings WHERE key = 'title'")
site_author=$(q "SELECT value FROM settings WHERE key = 'author'")
per_page=$(q "SELECT value FROM settings WHERE key = 'per_page'")
per_page=${per_page:-10}
# A plain phrase (letters and spaces) of the contribution note and of the
# disclaimer, as Markdown leaves it in the HTML.
phrase() {
	perl -ne 'if (/([A-Za-z][A-Za-z ]{23,}[A-Za-z])/) { print $1; exit }'
}
note_phrase=$(q "SELECT value FROM settings WHERE key = 'contribute_note'" | phrase)
disc_phrase=$(q "SELECT value FROM settings WHERE key = 'disclaimer'" | phrase)

# ---------------------------------------------------------------------------
# Start the server

MAX_AGE=120	# quire serve --max-age, checked in Cache-Control
VAR=$W
start_site "--max-age $MAX_AGE${QUIRE_ARGS:+ $QUIRE_ARGS}" ||
    bail "src/run.sh starts and answers on 127.0.0.1" "$(tail -n 20 "$W/server.log" 2>/dev/null)"
ok "src/run.sh starts nginx and quire and answers on 127.0.0.1:$port"

# ---------------------------------------------------------------------------
# HTTP helpers

code=""
declare -a HTML_RESPS=()

# get NAME PATH [CURL_ARGS...]: $H/NAME.h headers, $H/NAME.b body, $code.
get() {
	local name=$1 path=$2
	shift 2
	code=$(curl -s -m 30 --path-as-is -o "$H/$name.b" -D "$H/$name.h" \
	    -w '%{http_code}' "$@" "$base$path" 2>"$H/$name.err") || true
	[ -n "$code" ] || code=000
	[ -f "$H/$name.b" ] || : > "$H/$name.b"
	[ -f "$H/$name.h" ] || : > "$H/$name.h"
}

# page NAME PATH [CURL_ARGS...]: get, and unless it is a redirect remember it
# as an HTML page of quire's, checked for the site-wide headers at the end.
page() {
	get "$@"
	case $code in
	3*) ;;
	*) HTML_RESPS+=("$1") ;;
	esac
}

# expect_status NAME PATH WANT DESC: a one-line status check.
expect_status() {
	page "$1" "$2"
	check "$4" "GET $2: status $code, want $3" [ "$code" = "$3" ]
}

article_path() {
	printf '/%s/%s' "${A_YM[$1]}" "${A_SLUG[$1]}"
}

count() {
	grep -o -- "$1" "$2" | wc -l
}

# ---------------------------------------------------------------------------
# Home page and the pager chain

page home1 /
check "GET / is 200" "status $code" [ "$code" = 200 ]
ct=$(hdr "$H/home1.h" Content-Type)
check "GET / has Content-Type text/html; charset=utf-8" "Content-Type: $ct" \
    [ "$ct" = "text/html; charset=utf-8" ]
n=$(count '<article class="summary"' "$H/home1.b")
check "GET / lists $per_page articles" "found $n <article class=\"summary\">" \
    [ "$n" = "$per_page" ]
older=$(grab '<a href="([^"]*)"[^>]*>\s*Older articles' "$H/home1.b")
check "GET / links to older articles" "no <a ...>Older articles link" \
    [ -n "$older" ]

# Follow the chain.
: > "$W/chain.slugs"
pages=1 chain_err=""
next=$older
grab_all '<article class="summary".*?href="\/[0-9]{4}\/[0-9]{2}\/([a-z0-9-]+)"' \
    "$H/home1.b" >> "$W/chain.slugs"
while [ -n "$next" ] && [ $pages -lt 20 ]; do
	case $next in
	"/?before="*) ;;
	*) chain_err+="page $pages: older link is $next, not /?before=..."$'\n' ;;
	esac
	next=$(unhtml_s "$next")
	pages=$((pages + 1))
	page "home$pages" "$next"
	if [ "$code" != 200 ]; then
		chain_err+="GET $next: status $code"$'\n'
		break
	fi
	n=$(count '<article class="summary"' "$H/home$pages.b")
	if [ "$n" -lt 1 ] || [ "$n" -gt "$per_page" ]; then
		chain_err+="GET $next: $n articles"$'\n'
	fi
	grep -q 'href="/"' "$H/home$pages.b" ||
	    chain_err+="GET $next: no link back to /"$'\n'
	grab_all '<article class="summary".*?href="\/[0-9]{4}\/[0-9]{2}\/([a-z0-9-]+)"' \
	    "$H/home$pages.b" >> "$W/chain.slugs"
	next=$(grab '<a href="([^"]*)"[^>]*>\s*Older articles' "$H/home$pages.b")
done
printf '%s\n' "${A_SLUG[@]}" > "$W/expected.slugs"
check "pager chain pages are all 200 with 1..$per_page articles" "$chain_err" \
    [ -z "$chain_err" ]
want_pages=$(( (NART + per_page - 1) / per_page ))
check "pager chain visits $want_pages pages ($NART articles)" \
    "visited $pages pages" [ "$pages" = "$want_pages" ]
check "pager chain: the last page has no older link" \
    "last page links to $next" [ -z "$next" ]
dups=$(sort "$W/chain.slugs" | uniq -d)
missing=$(sort "$W/chain.slugs" | comm -13 - <(sort "$W/expected.slugs"))
extra=$(sort "$W/chain.slugs" | comm -23 - <(sort "$W/expected.slugs"))
check "pager chain: every published article appears exactly once" \
    "$(printf 'twice: %s\nmissing: %s\nunexpected: %s' "$dups" "$missing" "$extra")" \
    [ -z "$dups$missing$extra" ]
check "pager chain lists articles newest first (ties by id), like the database" \
    "$(diff "$W/expected.slugs" "$W/chain.slugs" | head -n 12)" \
    cmp -s "$W/expected.slugs" "$W/chain.slugs"
# Back up the chain: each page's "Newer articles" shows the page before it
# (the tie across the page break included), and a deep page is titled by
# the dates it holds.
back_err="" newest_err=""
for ((k = 2; k <= pages; k++)); do
	newer=$(grab '<a href="([^"]*)"[^>]*rel="prev"[^>]*>[^<]*Newer articles' "$H/home$k.b")
	newer=$(unhtml_s "$newer")
	if [ -z "$newer" ]; then
		back_err+="page $k: no Newer articles link"$'\n'
		continue
	fi
	page "back$k" "$newer"
	diff <(grab_all '<article class="summary".*?href="\/[0-9]{4}\/[0-9]{2}\/([a-z0-9-]+)"' "$H/back$k.b") \
	    <(grab_all '<article class="summary".*?href="\/[0-9]{4}\/[0-9]{2}\/([a-z0-9-]+)"' "$H/home$((k - 1)).b") \
	    > /dev/null || back_err+="page $k: Newer ($newer) is not page $((k - 1))"$'\n'
	# "Newest" beside "Newer" only where Newer is not / already.
	nst=$(grep -c 'Newest articles' "$H/home$k.b")
	if [ "$k" = 2 ] && [ "$newer" != / ]; then
		back_err+="page 2: Newer is $newer, not /"$'\n'
	fi
	{ [ "$k" = 2 ] && [ "$nst" = 0 ]; } || { [ "$k" -gt 2 ] && [ "$nst" = 1 ]; } ||
	    newest_err+="page $k: $nst Newest links"$'\n'
done
check "pager chain backwards: every page's Newer articles link shows the page before it" \
    "$back_err" [ -z "$back_err" ]
check "pager: Newest articles only from the third page on (the second's Newer is /)" \
    "$newest_err" [ -z "$newest_err" ]
t2=$(grab '<title>([^<]*)<\/title>' "$H/home2.b")
h2=$(grab '<h1>([^<]*)<\/h1>' "$H/home2.b")
d_first=$(q "SELECT published_at FROM articles WHERE slug = '$(sed -n "$((per_page + 1))p" "$W/chain.slugs")'")
check "a deep home page is titled by what it holds: Articles from (its last date) to (its first)" \
    "title: $t2; h1: $h2; first article of page 2 published $d_first" \
    eval '[[ $t2 == "Articles from "*" to "*" – "* ]] && [[ $h2 == "Articles from "* ]] &&
    [[ $h2 == *" to $(LC_ALL=C date -u -d "@$d_first" "+%-d %B %Y")" ]]'

tie_i=${IDX[e2e-same-second]:-}
check "pager: the two articles of the same second straddle the page break" \
    "e2e-same-second is number $((tie_i + 1)); ${A_SLUG[$((tie_i + 1))]:-} follows" \
    [ "$tie_i" = $((per_page - 1)) ]
if [ -s "$H/home2.b" ]; then
	canon2=$(grab '<link rel="canonical" href="([^"]*)"' "$H/home2.b")
	check "an older page's canonical URL is its own (with ?before=), not /" \
	    "GET $(grab_all 'href="(\/\?before=[^"]*)"' "$H/home1.b" | head -n 1): canonical $canon2" \
	    grep -q 'before=' <<< "$canon2"
fi

expect_status bad_cursor '/?before=abc' 400 "/?before=abc is 400"
expect_status old_cursor '/?before=1-1' 404 "/?before=1-1 is 404 (no older articles)"

# ---------------------------------------------------------------------------
# Archive

page archive /archive
check "GET /archive is 200" "status $code" [ "$code" = 200 ]
# /archive lists months with their counts, never articles: it must not
# grow with the site. Every visible month once, with its visible count.
want=$(q "SELECT m || ' ' || n FROM (SELECT strftime('/archive/%Y/%m', published_at,
    'unixepoch') AS m, count(*) AS n FROM articles WHERE $VISIBLE GROUP BY m) ORDER BY m DESC")
got=$(perl -0777 -ne 'while (/<a href="(\/archive\/\d{4}\/\d{2})">[^<]*<\/a> <span class="count">\((\d+)\)/g) { print "$1 $2\n" }' "$H/archive.b")
n=$(grep -oE 'href="/[0-9]{4}/[0-9]{2}/[a-z0-9-]+"' "$H/archive.b" | wc -l)
check "/archive links every month with visible articles once, newest first, with its count, and no article" \
    "$(diff <(echo "$want") <(echo "$got") | head -n 20); $n article links" \
    eval '[ -n "$want" ] && [ "$want" = "$got" ] && [ "$n" = 0 ]'
want=$(q "SELECT y || ' ' || n FROM (SELECT strftime('/archive/%Y', published_at,
    'unixepoch') AS y, count(*) AS n FROM articles WHERE $VISIBLE GROUP BY y) ORDER BY y DESC")
got=$(perl -0777 -ne 'while (/<a href="(\/archive\/\d{4})">\d{4}<\/a> \((\d+)\)/g) { print "$1 $2\n" }' "$H/archive.b")
check "/archive lists every year with its count" "$(diff <(echo "$want") <(echo "$got"))" \
    [ "$want" = "$got" ]

# crawl_archive NAME: every article reachable in three clicks from
# /archive: a month (click 1), any page its first page links (click 2), the
# article (click 3). Prints the slugs, one a line, in the order found.
crawl_archive() {
	local m pg i=0 j
	for m in $(grep -oE 'href="/archive/[0-9]{4}/[0-9]{2}"' "$H/archive.b" | sed 's/href="//; s/"$//'); do
		i=$((i + 1))
		get "$1m$i" "$m" >/dev/null
		grab_all 'href="\/[0-9]{4}\/[0-9]{2}\/([a-z0-9-]+)"' "$H/$1m$i.b"
		j=0
		for pg in $(grab_all '<a href="(\/archive\/[0-9]{4}\/[0-9]{2}\?page=[0-9]+)"' "$H/$1m$i.b"); do
			j=$((j + 1))
			get "$1m$i-$j" "$pg" >/dev/null
			grab_all 'href="\/[0-9]{4}\/[0-9]{2}\/([a-z0-9-]+)"' "$H/$1m$i-$j.b"
		done
	done
}
got=$(crawl_archive crawl | sort)
want=$(printf '%s\n' "${A_SLUG[@]}" | sort)
check "every visible article is three clicks from /archive, once (month, its page, the article; $NART)" \
    "$(diff <(echo "$want") <(echo "$got") | head -n 20)" [ "$want" = "$got" ]

hidden_err=""
for s in draft-unfinished-thoughts scheduled-for-the-future; do
	n=$(q "SELECT count(*) FROM articles WHERE slug = '$s'")
	[ "$n" = 1 ] || hidden_err+="fixture $s is not in the demo database"$'\n'
	for f in archive $(seq -f 'home%g' 1 "$pages"); do
		grep -q -- "$s" "$H/$f.b" && hidden_err+="$s appears on $f"$'\n'
	done
done
check "the draft and the scheduled article appear on no home page nor /archive" \
    "$hidden_err" [ -z "$hidden_err" ]
sched_ym=$(q "SELECT strftime('%Y/%m', published_at, 'unixepoch') FROM articles
    WHERE slug = 'scheduled-for-the-future'")
this_ym=$(date -u -d "@$NOW" +%Y/%m)
expect_status draft_url "/$this_ym/draft-unfinished-thoughts" 404 \
    "the draft's URL is 404"
expect_status sched_url "/$sched_ym/scheduled-for-the-future" 404 \
    "the scheduled article's URL is 404"
expect_status sched_moved "/2023/01/scheduled-for-the-future" 404 \
    "the scheduled article at another date is 404, not a redirect to it"
expect_status draft_page "/e2e-draft-page" 404 "a draft static page is 404"
expect_status sched_year "/archive/${sched_ym%%/*}" 404 \
    "/archive/${sched_ym%%/*} (only the scheduled article) is 404"
expect_status sched_month "/archive/$sched_ym" 404 \
    "/archive/$sched_ym (only the scheduled article) is 404"

# Every year and month with articles.
declare -A YEAR_SLUGS MONTH_SLUGS
for ((i = 0; i < NART; i++)); do
	y=${A_YM[i]%%/*}
	YEAR_SLUGS[$y]+="${A_SLUG[i]}"$'\n'
	MONTH_SLUGS[${A_YM[i]}]+="${A_SLUG[i]}"$'\n'
done
period_err=""
for y in "${!YEAR_SLUGS[@]}"; do
	page "year$y" "/archive/$y"
	[ "$code" = 200 ] || { period_err+="/archive/$y: $code"$'\n'; continue; }
	got=$(grab_all 'href="\/[0-9]{4}\/[0-9]{2}\/([a-z0-9-]+)"' "$H/year$y.b" | sort)
	want=$(printf '%s' "${YEAR_SLUGS[$y]}" | sort)
	[ "$got" = "$want" ] || period_err+="/archive/$y: $(diff <(echo "$want") <(echo "$got") | grep '^[<>]' | tr '\n' ' ')"$'\n'
done
check "each /archive/YYYY is 200 with exactly that year's articles (${#YEAR_SLUGS[@]} years)" \
    "$period_err" [ -z "$period_err" ]
period_err=""
for ym in "${!MONTH_SLUGS[@]}"; do
	nm=month${ym/\//-}
	page "$nm" "/archive/$ym"
	[ "$code" = 200 ] || { period_err+="/archive/$ym: $code"$'\n'; continue; }
	got=$(grab_all 'href="\/[0-9]{4}\/[0-9]{2}\/([a-z0-9-]+)"' "$H/$nm.b" | sort)
	want=$(printf '%s' "${MONTH_SLUGS[$ym]}" | sort)
	[ "$got" = "$want" ] || period_err+="/archive/$ym: $(diff <(echo "$want") <(echo "$got") | grep '^[<>]' | tr '\n' ' ')"$'\n'
done
check "each /archive/YYYY/MM is 200 with exactly that month's articles (${#MONTH_SLUGS[@]} months)" \
    "$period_err" [ -z "$period_err" ]

expect_status y1999 /archive/1999 404 "/archive/1999 is 404"
expect_status m13 /archive/2023/13 404 "/archive/2023/13 is 404"

# ---------------------------------------------------------------------------
# A large month and a large year: 250 articles in July 2012 (two a second,
# so page breaks fall inside a tie) and 30 in August; removed at the end.
# A month shows 25 a page and links every page; a year of more than 100
# lists its months and counts only.

if ! q "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 250)
    INSERT INTO articles (slug, title, status, published_at, created_at, updated_at)
    SELECT 'e2e-bulk-' || i, 'Bulk article ' || i, 'published',
    1341100800 + i / 2 * 3600, 1341100800, 1341100800 FROM n;
    WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 30)
    INSERT INTO articles (slug, title, status, published_at, created_at, updated_at)
    SELECT 'e2e-bulk-aug-' || i, 'Bulk August ' || i, 'published',
    1343779200 + i * 3600, 1343779200, 1343779200 FROM n" >"$W/bulk.out" 2>&1; then
	bail "the bulk fixture loads" "$(cat "$W/bulk.out")"
fi
# July's slugs in the archive's order, and the addresses of its pages.
BULK=$(q "SELECT slug FROM articles WHERE slug LIKE 'e2e-bulk-%' AND slug NOT LIKE 'e2e-bulk-aug-%'
    ORDER BY published_at DESC, id DESC")
mapfile -t BULK_A <<< "$BULK"
# A month's page holds ARCHIVE_PER_PAGE (src/h_archive.h) articles.
PER=25 NP=10
BP=(/archive/2012/07)
for ((k = 1; k < NP; k++)); do
	BP+=("/archive/2012/07?page=$((k + 1))")
done

page bulky /archive/2012
got=$(perl -0777 -ne 'while (/<a href="(\/archive\/\d{4}\/\d{2})">[^<]*<\/a> <span class="count">\((\d+)\)/g) { print "$1 $2 " }' "$H/bulky.b")
n=$(grep -oE 'href="/[0-9]{4}/[0-9]{2}/[a-z0-9-]+"' "$H/bulky.b" | wc -l)
check "/archive/2012 (280 articles) lists its months with their counts and no title" \
    "status $code; months: $got; $n article links" \
    eval '[ "$code" = 200 ] && [ "$got" = "/archive/2012/08 30 /archive/2012/07 250 " ] && [ "$n" = 0 ]'
got="" bulk_err=""
for ((k = 0; k < NP; k++)); do
	page "bulkp$k" "${BP[k]}"
	[ "$code" = 200 ] || bulk_err+="${BP[k]}: status $code"$'\n'
	got+=$(grab_all 'href="\/2012\/07\/([a-z0-9-]+)"' "$H/bulkp$k.b")$'\n'
	pages=$(grab_all '<li><a href="(\/archive\/2012\/07[^"]*)"' "$H/bulkp$k.b" | unhtml | tr '\n' ' ')
	[ "$pages" = "${BP[*]} " ] || bulk_err+="${BP[k]} links the pages $pages"$'\n'
	cur=$(grab '<nav class="pager pages".*?<a href="([^"]*)" aria-current="page">' "$H/bulkp$k.b" | unhtml)
	[ "$cur" = "${BP[k]}" ] || bulk_err+="${BP[k]} marks $cur as the current page"$'\n'
	grep -q "<h1>Archive: July 2012 <span class=\"count\">(page $((k + 1)) of $NP)</span></h1>" "$H/bulkp$k.b" ||
	    bulk_err+="${BP[k]}: h1 $(grab '(<h1.*?<\/h1>)' "$H/bulkp$k.b")"$'\n'
	n=$(grep -c 'href="/2012/07/' "$H/bulkp$k.b")
	[ "$n" = "$PER" ] || bulk_err+="${BP[k]}: $n articles"$'\n'
done
check "July 2012's $NP pages: $PER articles each, each page linking all $NP and marking its own" \
    "$bulk_err" [ -z "$bulk_err" ]
check "the $NP pages list July's 250 articles once each, in the archive's order" \
    "$(diff <(echo "$BULK") <(printf '%s' "$got" | grep .) | head -n 10)" \
    [ "$BULK" = "$(printf '%s' "$got" | grep .)" ]
bulk_err=""
for r in 0 49 50 149 150 249; do
	page bulkart "/2012/07/${BULK_A[r]}"
	back=$(grab '<a href="([^"]*)"[^>]*>\s*Back to archive' "$H/bulkart.b" | unhtml)
	[ "$back" = /archive/2012/07 ] || bulk_err+="${BULK_A[r]} (number $((r + 1))): $back, want /archive/2012/07"$'\n'
done
check "\"Back to archive\" lands on July 2012's first page, which links all its pages, from any article of the month" \
    "$bulk_err" [ -z "$bulk_err" ]
expect_status bulk_end "/archive/2012/07?page=$((NP + 1))" 404 \
    "the page past a month's last is 404"
expect_status bulk_other "/archive/2012/08?page=3" 404 \
    "August's page 3 (30 articles: two pages) is 404"
expect_status bulk_bad "/archive/2012/07?page=x" 400 "a malformed page number is 400"
expect_status bulk_zero "/archive/2012/07?page=0" 400 "page 0 is 400"
get bulk_tag0 /archive
a_tag=$(hdr "$H/bulk_tag0.h" ETag)
get bulk_tag1 "${BP[1]}"
p_tag=$(hdr "$H/bulk_tag1.h" ETag)
get bulk_tag3 "${BP[3]}"
p3_tag=$(hdr "$H/bulk_tag3.h" ETag)
q "UPDATE articles SET title = 'Bulk, retitled', list_rev = list_rev + 1 WHERE slug = '${BULK_A[PER + 10]}'"
get bulk_304 /archive -H "If-None-Match: $a_tag"
c1=$code
get bulk_p4 "${BP[3]}" -H "If-None-Match: $p3_tag"
c3=$code
get bulk_p2 "${BP[1]}" -H "If-None-Match: $p_tag"
check "a new title on July 2012's page 2: /archive and page 4 still 304, page 2 200 with the title" \
    "/archive: $c1; page 4: $c3; page 2: $code" \
    eval '[ "$c1" = 304 ] && [ "$c3" = 304 ] && [ "$code" = 200 ] && grep -q "Bulk, retitled" "$H/bulk_p2.b"'
q "DELETE FROM articles WHERE slug = '${BULK_A[0]}'"
get bulk_del /archive -H "If-None-Match: $a_tag"
check "an article of July 2012 deleted: /archive changes (July's count)" \
    "status $code; July: $(grep -o 'July 2012</a> <span class="count">([0-9]*)' "$H/bulk_del.b")" \
    eval '[ "$code" = 200 ] && grep -q "July 2012</a> <span class=\"count\">(249)" "$H/bulk_del.b"'
q "DELETE FROM articles WHERE slug LIKE 'e2e-bulk-%'"
n=$(q "SELECT count(*) FROM archive_months WHERE month / 100 = 2012")
expect_status bulk_gone /archive/2012 404 "the bulk fixture removed: /archive/2012 is 404 again ($n months counted)"

# ---------------------------------------------------------------------------
# One article in detail

pick=${IDX[why-no-comments]:-$((NART / 2))}
[ "$pick" -gt 0 ] && [ "$pick" -lt $((NART - 1)) ] || pick=$((NART / 2))
a_path=$(article_path "$pick")
a_title=${A_TITLE[pick]}
a_ym=${A_YM[pick]}
a_month=month${a_ym/\//-}
page article "$a_path"
AB=$H/article.b
check "article $a_path is 200" "status $code" [ "$code" = 200 ]
n=$(grep -o '<h1[ >]' "$AB" | wc -l)
h1=$(grab '<h1[^>]*>(.*?)<\/h1>' "$AB")
check "article has exactly one <h1>, holding its title" \
    "$n <h1>; h1: $h1; title: $a_title" \
    eval '[[ $n = 1 && "$(unhtml_s "$h1")" == "$a_title" ]]'

check "article has <time datetime=\"${A_ISO[pick]}\">" \
    "$(grep -o '<time[^>]*>' "$AB")" grep -qF "<time datetime=\"${A_ISO[pick]}\">" "$AB"
a_author=${A_AUTHOR[pick]:-$site_author}
check "article shows its author ($a_author)" "" \
    grep -qF -- "$a_author" <(unhtml "$AB")
words=$(q "SELECT body FROM articles WHERE slug = '${A_SLUG[pick]}'" |
    perl -0777 -ne 'print scalar(() = /[^ \n\t]+/g)')
mins=$(( (words + 229) / 230 ))
[ "$mins" -ge 1 ] || mins=1
check "article shows \"$mins min read\" ($words words)" \
    "$(grep -o '[0-9]* min read' "$AB")" grep -q "\\b$mins min read" "$AB"
body_phrase=$(q "SELECT body FROM articles WHERE slug = '${A_SLUG[pick]}'" | phrase)
body_div=$(grab '(<div class="body">.*?<\/div>)' "$AB")
check "article shows its rendered body (\"$body_phrase\")" \
    "$(printf '%s' "$body_div" | head -c 600)" \
    eval 'grep -qF -- "$body_phrase" <<< "$body_div" && grep -q "<p>" <<< "$body_div" && ! grep -q "\*\*" <<< "$body_div"'
back=$(grab '<a href="([^"]*)"[^>]*>\s*Back to archive' "$AB")
check "article links \"Back to archive\" to /archive/$a_ym" "href: $back" \
    [ "$back" = "/archive/$a_ym" ]
prev=$(grab '<a ([^>]*rel="prev"[^>]*)>' "$AB" | sed -n 's/.*href="\([^"]*\)".*/\1/p')
nxt=$(grab '<a ([^>]*rel="next"[^>]*)>' "$AB" | sed -n 's/.*href="\([^"]*\)".*/\1/p')
check "article links rel=prev to the older article and rel=next to the newer one" \
    "prev $prev, want $(article_path $((pick + 1))); next $nxt, want $(article_path $((pick - 1)))" \
    eval '[[ "$prev" == "$(article_path $((pick + 1)))" && "$nxt" == "$(article_path $((pick - 1)))" ]]'
abs="$base$a_path"
e_url=$(pct "$abs")
e_title=$(pct "$a_title")
grab_all 'href="(https:\/\/[^"]*)"' "$AB" | unhtml > "$W/share.urls"
share_err=""
grep -qE "^https://(www\.)?(x|twitter)\.com/.*[?&]url=$e_url(&|$)" "$W/share.urls" ||
    share_err+="no x.com/twitter.com link with url=$e_url"$'\n'
grep -qE "^https://(www\.)?(x|twitter)\.com/.*[?&]text=$e_title(&|$)" "$W/share.urls" ||
    share_err+="no x.com/twitter.com link with text=$e_title"$'\n'
grep -qE "^https://(www\.)?linkedin\.com/.*[?&]url=$e_url(&|$)" "$W/share.urls" ||
    share_err+="no linkedin.com link with url=$e_url"$'\n'
grep -qE "^https://(www\.)?facebook\.com/.*[?&]u=$e_url(&|$)" "$W/share.urls" ||
    share_err+="no facebook.com link with u=$e_url"$'\n'
check "article has share links to X, LinkedIn and Facebook with the encoded URL and title" \
    "$share_err$(cat "$W/share.urls")" [ -z "$share_err" ]
tt=$(grab '<title>(.*?)<\/title>' "$AB")
check "article <title> holds the article and the site title" "<title>$tt</title>" \
    eval '[[ "$(unhtml_s "$tt")" == *"$a_title"*"$site_title"* ]]'
canon=$(grab '<link rel="canonical" href="([^"]*)"' "$AB")
check "article has <link rel=\"canonical\" href=\"$abs\">" "canonical: $canon" \
    [ "$canon" = "$abs" ]
check "article shows the contribution note (\"$note_phrase\")" "" \
    grep -qF -- "$note_phrase" "$AB"
check "article shows the disclaimer (\"$disc_phrase\")" "" \
    grep -qF -- "$disc_phrase" "$AB"

# The month of that article, in detail.
MB=$H/$a_month.b
mh1=$(grab '<h1[^>]*>(.*?)<\/h1>' "$MB")
month_name=$(LC_ALL=C date -u -d "${a_ym}/01" +'%B %Y' 2>/dev/null)
check "/archive/$a_ym has the heading \"Archive: $month_name\" and a link up to its year" \
    "h1: $mh1; links: $(grep -o 'href="/archive/[^"]*"' "$MB" | tr '\n' ' ')" \
    eval '[[ "$mh1" == *"$month_name"* ]] && grep -q "href=\"/archive/${a_ym%%/*}\"" "$MB"'

# Every article page: 200, one h1 with the title, prev/next in order, the
# date, the reading time and the share link.
declare -A WORDS
while read -r s w; do
	WORDS[$s]=$w
done < <(q "SELECT slug, hex(body) FROM articles WHERE $VISIBLE" |
    perl -ne 'chomp; my ($s, $h) = split /\x1f/; my $b = pack("H*", $h);
	my $n = () = $b =~ /[^ \n\t]+/g; print "$s $n\n"')
all_err="" pn_err="" meta_err="" sh_err=""
for ((i = 0; i < NART; i++)); do
	p=$(article_path "$i")
	page "art$i" "$p"
	if [ "$code" != 200 ]; then
		all_err+="$p: status $code"$'\n'
		continue
	fi
	n=$(grep -o '<h1[ >]' "$H/art$i.b" | wc -l)
	h1=$(grab '<h1[^>]*>(.*?)<\/h1>' "$H/art$i.b")
	[ "$n" = 1 ] && [ "$(unhtml_s "$h1")" = "${A_TITLE[i]}" ] ||
	    all_err+="$p: $n h1, h1 '$h1'"$'\n'
	c=$(grab '<link rel="canonical" href="([^"]*)"' "$H/art$i.b")
	[ "$c" = "$base$p" ] || all_err+="$p: canonical $c"$'\n'
	prev=$(grab '<a ([^>]*rel="prev"[^>]*)>' "$H/art$i.b" | sed -n 's/.*href="\([^"]*\)".*/\1/p')
	nxt=$(grab '<a ([^>]*rel="next"[^>]*)>' "$H/art$i.b" | sed -n 's/.*href="\([^"]*\)".*/\1/p')
	wp="" wn=""
	[ $((i + 1)) -lt "$NART" ] && wp=$(article_path $((i + 1)))
	[ "$i" -gt 0 ] && wn=$(article_path $((i - 1)))
	[ "$prev" = "$wp" ] || pn_err+="$p: prev '$prev', want '$wp'"$'\n'
	[ "$nxt" = "$wn" ] || pn_err+="$p: next '$nxt', want '$wn'"$'\n'
	w=${WORDS[${A_SLUG[i]}]:-0}
	m=$(( (w + 229) / 230 ))
	[ "$m" -ge 1 ] || m=1
	grep -q "\b$m min read" "$H/art$i.b" ||
	    meta_err+="$p: $(grep -o '[0-9]* min read' "$H/art$i.b"), want $m ($w words)"$'\n'
	grep -qF "<time datetime=\"${A_ISO[i]}\">" "$H/art$i.b" ||
	    meta_err+="$p: $(grep -o '<time[^>]*>' "$H/art$i.b"), want ${A_ISO[i]}"$'\n'
	x=$(grab_all 'href="(https:\/\/(?:www\.)?(?:x|twitter)\.com\/[^"]*)"' "$H/art$i.b" | unhtml)
	[[ "$x" == *"url=$(pct "$base$p")"* && "$x" == *"text=$(pct "${A_TITLE[i]}")"* ]] ||
	    sh_err+="$p: $x"$'\n'
done
check "all $NART article pages are 200 with one <h1> (the title) and their canonical URL" \
    "$all_err" [ -z "$all_err" ]
check "prev/next links follow publication order on every article (none at the ends)" \
    "$pn_err" [ -z "$pn_err" ]
check "every article shows its UTC <time datetime> and N min read (words / 230, rounded up)" \
    "$meta_err" [ -z "$meta_err" ]
check "every article's X share link carries its encoded URL and title" \
    "$sh_err" [ -z "$sh_err" ]

# ---------------------------------------------------------------------------
# The hostile article

hi=${IDX[e2e-hostile-markup]:-}
if [ -z "$hi" ]; then
	not_ok "the hostile fixture is visible" "not in the visible list"
else
	hp=$(article_path "$hi")
	page hostile "$hp"
	XB=$H/hostile.b
	check "hostile article $hp is 200" "status $code" [ "$code" = 200 ]
	check "hostile article: no <script>alert(1)</script> on its page" \
	    "$(grep -n '<script' "$XB")" eval '! grep -qiF "<script>alert(1)</script>" "$XB"'
	check "hostile article: no javascript: anywhere on its page" \
	    "$(grep -ni 'javascript:' "$XB")" eval '! grep -qi "javascript:" "$XB"'
	check "hostile article: raw <img onerror> and <iframe> are dropped" \
	    "$(grep -niE 'onerror|<iframe|<img' "$XB")" eval '! grep -qiE "onerror|<iframe|<img src=.?x" "$XB"'
	check "hostile article: code span shows &lt;script&gt; as text" \
	    "$(grep -n 'alert(2)' "$XB")" grep -qF '<code>&lt;script&gt;alert(2)&lt;/script&gt;</code>' "$XB"
	h1=$(grab '<h1[^>]*>(.*?)<\/h1>' "$XB")
	check "hostile title is escaped in the <h1>" "h1: $h1" \
	    eval '[[ "$h1" == *"&lt;b&gt;"* && "$h1" != *"<b>"* && "$(unhtml_s "$h1")" == "${A_TITLE[hi]}" ]]'
	tt=$(grab '<title>(.*?)<\/title>' "$XB")
	check "hostile title is escaped in <title>" "title: $tt" \
	    eval '[[ "$tt" == *"&lt;b&gt;"* && "$tt" != *"<b>"* ]]'
	arch_line=$(grep -F "href=\"$hp\"" "$H/month${A_YM[hi]/\//-}.b")
	check "hostile title is escaped on /archive/${A_YM[hi]}" "$arch_line" \
	    eval '[[ "$arch_line" == *"&lt;b&gt;"* && "$arch_line" != *"<b>"* ]]'
	check "hostile author is escaped" "$(grep -n 'Mallory' "$XB")" \
	    eval 'grep -qF "&lt;i&gt;Mallory&lt;/i&gt; &amp;" "$XB" && ! grep -q "<i>Mallory" "$XB"'
	e_ht=$(pct "${A_TITLE[hi]}")
	check "hostile title is percent-encoded in the X share link" \
	    "want text=$e_ht in: $(grep -o 'https://x.com[^"]*' "$XB")" \
	    grep -qF "text=$e_ht" "$XB"
	bad=""
	for f in "${HTML_RESPS[@]}"; do
		grep -q 'Tom' "$H/$f.b" || continue
		grep -qE '<b>"?Tom|<i>Mallory' "$H/$f.b" && bad+="$f "
	done
	check "hostile title and author are escaped on every page that shows them" \
	    "unescaped on: $bad" [ -z "$bad" ]
fi

# ---------------------------------------------------------------------------
# Static pages, errors, methods, malformed requests

for s in about contribute; do
	page "$s" "/$s"
	want=$(q "SELECT title FROM pages WHERE slug = '$s'")
	h1=$(grab '<h1[^>]*>(.*?)<\/h1>' "$H/$s.b")
	tt=$(grab '<title>(.*?)<\/title>' "$H/$s.b")
	check "/$s is 200 with its title \"$want\" in <h1> and <title>" \
	    "status $code; h1 $h1; title $tt" \
	    eval '[ "$code" = 200 ] && [ "$(unhtml_s "$h1")" = "$want" ] && [[ "$(unhtml_s "$tt")" == "$want"* ]]'
done

page nope /nope
check "/nope is 404" "status $code" [ "$code" = 404 ]
check "/nope is a helpful page that links to the archive and home" \
    "$(grep -o '<a [^>]*>' "$H/nope.b" | tail -n 8)" \
    eval 'grep -q "href=\"/archive\"" "$H/nope.b" && grep -q "<h1" "$H/nope.b"'
expect_status noslug /2023/01/no-such-slug 404 "/2023/01/no-such-slug is 404"
wrong_y=$(( ${a_ym%%/*} - 1 ))
get moved "/$wrong_y/01/${A_SLUG[pick]}"
loc=$(hdr "$H/moved.h" Location)
check "/$wrong_y/01/${A_SLUG[pick]} is 301 to $abs" "status $code, Location: $loc" \
    eval '[[ $code = 301 && "$loc" == "$abs" ]]'
for u in /archive/ /about/ "$a_path/"; do
	get slash "$u"
	loc=$(hdr "$H/slash.h" Location)
	check "$u is 301 to the address without the slash" "status $code, Location: $loc" \
	    eval '[[ $code = 301 && "$loc" == "$base${u%/}" ]]'
done
expect_status nope_slash /nope/ 404 "/nope/ is 404"
get moved2 "/${a_ym%%/*}/13/${A_SLUG[pick]}"
check "an article URL with month 13 is 404" "status $code" [ "$code" = 404 ]

page post / -X POST --data-binary 'a=1'
allow=$(hdr "$H/post.h" Allow)
check "POST / is 405 with Allow: GET, HEAD" "status $code, Allow: $allow" \
    eval '[[ $code = 405 && "$allow" == "GET, HEAD" ]]'
head -c 300000 /dev/zero | tr '\0' 'a' > "$W/big.body"
page post_big /archive -X POST -H 'Expect:' --data-binary "@$W/big.body"
big_code=$code
get after_big /about
check "POST /archive with a 300 kB body is 405 and the server answers afterwards" \
    "POST: $big_code, then GET /about: $code" eval '[[ $big_code = 405 && $code = 200 ]]'
get other /archive -X PUT
check "PUT /archive is 405" "status $code" [ "$code" = 405 ]

# HEAD and GET over a raw HTTP/1.0 connection, to see every byte sent.
raw() {
	timeout 20 bash -c 'exec 3<>"/dev/tcp/127.0.0.1/$1" || exit 1
	    printf "%s %s HTTP/1.0\r\nHost: 127.0.0.1:%s\r\nConnection: close\r\n\r\n" \
	        "$2" "$3" "$1" >&3
	    cat <&3' raw "$port" "$1" "$2" > "$W/$3.raw"
	perl -0777 -ne 'my ($h, $b) = split /\r\n\r\n/, $_, 2;
	    open(my $H, ">", "$ARGV.head"); print $H $h; close $H;
	    open(my $B, ">", "$ARGV.body"); print $B ($b // ""); close $B;' "$W/$3.raw"
}
raw GET /archive head_get
raw HEAD /archive head_head
h_get=$(tr -d '\r' < "$W/head_get.raw.head" | grep -vi '^date:' | sort)
h_head=$(tr -d '\r' < "$W/head_head.raw.head" | grep -vi '^date:' | sort)
hs=$(head -n 1 "$W/head_head.raw.head" | tr -d '\r')
check "HEAD /archive is 200 with the same headers as GET and an empty body" \
    "$hs; body $(wc -c < "$W/head_head.raw.body") bytes; $(diff <(echo "$h_get") <(echo "$h_head"))" \
    eval '[[ "$hs" == "HTTP/1.1 200 OK" && "$h_get" == "$h_head" && ! -s "$W/head_head.raw.body" ]]'
cl=$(hdr "$W/head_get.raw.head" Content-Length)
check "GET /archive: Content-Length matches the body" "Content-Length $cl, body $(wc -c < "$W/head_get.raw.body")" \
    [ "$cl" = "$(wc -c < "$W/head_get.raw.body")" ]

get pct_zz '/%zz'
check "/%zz is 400" "status $code" [ "$code" = 400 ]
expect_status pct_utf8 '/%C3%28' 400 "/%C3%28 (not UTF-8) is 400"
expect_status pct_q '/?x=%ff' 400 "/?x=%ff is 400"
get pct_nul '/about%00'
check "/about%00 (NUL) is 400" "status $code" [ "$code" = 400 ]
long=$(head -c 5000 /dev/zero | tr '\0' 'a')
expect_status long "/$long" 414 "a 5000-byte path is 414"
many=$(printf 'a%d=1&' $(seq 1 70))
expect_status many "/?$many" 400 "70 query parameters are 400"

# ---------------------------------------------------------------------------
# Every HTML response from quire

page disclaimer /disclaimer
check "GET /disclaimer: 200, the disclaimer in full, once, with no link to itself" \
    "status $code; $(grep -c -- "$disc_phrase" "$H/disclaimer.b") copies; $(grep -c 'href="/disclaimer"' "$H/disclaimer.b") links" \
    eval '[ "$code" = 200 ] && [ "$(grep -c -- "$disc_phrase" "$H/disclaimer.b")" = 1 ] &&
    ! grep -q "href=\"/disclaimer\"" "$H/disclaimer.b"'
hdr_err="" ct_err="" script_err="" csp_err="" foot_err="" utf_err=""
for f in "${HTML_RESPS[@]}"; do
	c=$(head -n 1 "$H/$f.h" | tr -d '\r' | cut -d' ' -f2)
	[ "$(hdr "$H/$f.h" Content-Type)" = "text/html; charset=utf-8" ] ||
	    ct_err+="$f ($c): $(hdr "$H/$f.h" Content-Type)"$'\n'
	[ "$(foreign_scripts "$H/$f.b")" = 0 ] || script_err+="$f ($c)"$'\n'
	iconv -f UTF-8 -t UTF-8 "$H/$f.b" >/dev/null 2>&1 || utf_err+="$f ($c)"$'\n'
	[ "$(hdr "$H/$f.h" X-Content-Type-Options)" = nosniff ] ||
	    hdr_err+="$f ($c)"$'\n'
	[[ "$(hdr "$H/$f.h" Content-Security-Policy)" == *"default-src"* ]] ||
	    csp_err+="$f ($c)"$'\n'
	# The note on every page; the disclaimer in full on article pages
	# (the default of disclaimer_where), elsewhere a link to it.
	grep -qF -- "$note_phrase" "$H/$f.b" || foot_err+="$f ($c): no note"$'\n'
	if grep -qF '<meta property="og:type" content="article">' "$H/$f.b"; then
		grep -qF -- "$disc_phrase" "$H/$f.b" ||
		    foot_err+="$f ($c): an article without the disclaimer"$'\n'
	elif [ "$f" != disclaimer ]; then
		{ grep -qF '<a href="/disclaimer">Disclaimer</a>' "$H/$f.b" &&
		    ! grep -qF -- "$disc_phrase" "$H/$f.b"; } ||
		    foot_err+="$f ($c): not the link alone"$'\n'
	fi
done
nh=${#HTML_RESPS[@]}
check "all $nh HTML responses have Content-Type text/html; charset=utf-8" "$ct_err" [ -z "$ct_err" ]
check "no <script in any of the $nh HTML responses (but an article's JSON-LD data block)" "$script_err" [ -z "$script_err" ]
check "all $nh HTML responses are valid UTF-8" "$utf_err" [ -z "$utf_err" ]
check "all $nh HTML responses have X-Content-Type-Options: nosniff" "$hdr_err" [ -z "$hdr_err" ]
check "all $nh HTML responses have a Content-Security-Policy" "$csp_err" [ -z "$csp_err" ]
check "all $nh HTML responses show the contribution note; articles the disclaimer in full, other pages a link to /disclaimer" \
    "$foot_err" [ -z "$foot_err" ]

# ---------------------------------------------------------------------------
# nginx's static files

if [ -f templates/static/style.css ]; then
	get css /static/style.css
	ct=$(hdr "$H/css.h" Content-Type)
	check "/static/style.css is 200 text/css from nginx, nosniff, the file's bytes" \
	    "status $code, Content-Type $ct, nosniff: $(hdr "$H/css.h" X-Content-Type-Options)" \
	    eval '[ "$code" = 200 ] && [[ "$ct" == text/css* ]] && cmp -s "$H/css.b" templates/static/style.css && [ "$(hdr "$H/css.h" X-Content-Type-Options)" = nosniff ]'
else
	skip "/static/style.css: templates/static/style.css does not exist yet"
fi
if [ -f templates/static/favicon.svg ]; then
	get favicon /favicon.ico
	loc=$(hdr "$H/favicon.h" Location)
	get svg /static/favicon.svg
	ct=$(hdr "$H/svg.h" Content-Type)
	check "/favicon.ico is 301 to /static/favicon.svg, 200 image/svg+xml" \
	    "favicon.ico: Location $loc; favicon.svg: $code $ct" \
	    eval '[[ "$loc" == */static/favicon.svg && $code = 200 && "$ct" == image/svg+xml* ]]'
else
	skip "/static/favicon.svg: templates/static/favicon.svg does not exist yet"
fi

cc_err=""
for f in home1 archive article about; do
	v=$(hdr "$H/$f.h" Cache-Control)
	[[ "$v" == *"max-age=$MAX_AGE"* ]] || cc_err+="$f: Cache-Control: $v"$'\n'
done
check "quire serve --max-age $MAX_AGE: pages carry Cache-Control max-age=$MAX_AGE" \
    "$cc_err" [ -z "$cc_err" ]

# ---------------------------------------------------------------------------
# Tags: /tags, /tag/SLUG (demo tags: sql/demo.sql), the article's links

# The visible tags by name, "name|slug|count" a line, as /tags lists them.
want_tags=$(q "SELECT t.name || '|' || t.slug || '|' || count(*) FROM tags t
    JOIN article_tags x ON x.tag_id = t.id JOIN articles a ON a.id = x.article_id
    WHERE a.id IN (SELECT id FROM articles WHERE $VISIBLE)
    GROUP BY t.id ORDER BY t.name COLLATE NOCASE, t.id")
page tags /tags
got_tags=$(perl -ne 'while (/<li><a href="\/tag\/([^"]*)">([^<]*)<\/a> <span class="meta">\((\d+) articles?\)/g) {
    my ($s, $n, $c) = ($1, $2, $3); $s =~ s/%([0-9A-F]{2})/chr(hex($1))/ge; print "$n|$s|$c\n" }' "$H/tags.b")
check "GET /tags is 200 and lists every tag with visible articles, by name, with its count" \
    "status $code; got:
$got_tags
want:
$want_tags" [ "$code" = 200 ] && [ -n "$want_tags" ] && [ "$got_tags" = "$want_tags" ]
check "/tags percent-encodes non-ASCII slugs (Café, 日本語)" "" \
    grep -q 'href="/tag/caf%C3%A9">Café</a>.*href="/tag/%E6%97%A5%E6%9C%AC%E8%AA%9E">日本語</a>' \
    <(tr -d '\n' < "$H/tags.b")
check "/tags leaves out tags of only a draft or a scheduled article" "" \
    eval '! grep -qE "/tag/(futures|unfinished)\"" "$H/tags.b"'

# A tag's pages, followed by their Older links: every visible article of
# the tag once, newest first, per_page a page.
want_tech=$(q "SELECT a.slug FROM articles a WHERE a.$VISIBLE AND EXISTS (SELECT 1
    FROM article_tags x JOIN tags t ON t.id = x.tag_id WHERE x.article_id = a.id
    AND t.slug = 'technology') ORDER BY a.published_at DESC, a.id DESC")
ntech=$(printf '%s\n' "$want_tech" | wc -l)
got_tech="" tpath=/tag/technology tpages=0 tag_err=""
while [ -n "$tpath" ] && [ "$tpages" -lt 20 ]; do
	tpages=$((tpages + 1))
	page "tag$tpages" "$tpath"
	n=$(count '<article class="summary">' "$H/tag$tpages.b")
	[ "$code" = 200 ] && [ "$n" -ge 1 ] && [ "$n" -le "$per_page" ] ||
	    tag_err+="$tpath: status $code, $n articles; "
	got_tech+=$(perl -ne 'print "$1\n" while /<h2><a href="\/\d{4}\/\d\d\/([^"]+)">/g' "$H/tag$tpages.b")$'\n'
	tpath=$(unhtml_s "$(grab '<a href="([^"]*)" rel="next">' "$H/tag$tpages.b")")
done
got_tech=${got_tech%$'\n'}
check "/tag/technology pages ($tpages) are 200 with 1..$per_page articles each" "$tag_err" \
    [ -z "$tag_err" ] && [ "$tpages" -eq $(( (ntech + per_page - 1) / per_page )) ] && [ "$ntech" -gt "$per_page" ]
check "/tag/technology and its older pages list the tag's $ntech visible articles once, newest first" \
    "got:
$got_tech
want:
$want_tech" [ "$got_tech" = "$want_tech" ]
check "/tag/technology: an older page links back to the newest and has its own canonical URL" "" \
    eval 'grep -q "href=\"/tag/technology\">&larr; Newest with this tag" "$H/tag2.b" &&
    grep -q "<link rel=\"canonical\" href=\"[^\"]*/tag/technology?before=[0-9]*-[0-9]*\">" "$H/tag2.b"'

page tagcafe "/tag/$(pct café)"
check "/tag/$(pct café) is 200, headed \"Café\", with its canonical URL percent-encoded" \
    "status $code" eval '[ "$code" = 200 ] && grep -q "<h1>Articles tagged &ldquo;Café&rdquo;" "$H/tagcafe.b" &&
    grep -q "<link rel=\"canonical\" href=\"[^\"]*/tag/caf%C3%A9\">" "$H/tagcafe.b" &&
    [ "$(count "<article class=\"summary\">" "$H/tagcafe.b")" = 2 ]'
page tagjp "/tag/$(pct 日本語)"
check "/tag/$(pct 日本語) is 200 with its one article" "status $code" \
    eval '[ "$code" = 200 ] && grep -q "translation-is-an-act-of-argument" "$H/tagjp.b"'

for p in /tag/no-such-tag /tag/futures /tag/unfinished "/tag/technology?before=1-1"; do
	expect_status "tag404" "$p" 404 "GET $p is 404 (unknown, only draft or scheduled, or no older)"
done
for p in /tag/Technology /tag/-technology "/tag/$(pct CAFÉ)"; do
	expect_status "tag404" "$p" 404 "GET $p is 404 (not a tag's slug)"
done
page tagmsg /tag/futures
check "a tag with nothing visible yet: the 404 page points to the list of tags" "" \
    grep -q "The list of tags has every one" "$H/tagmsg.b"

# 304 with the ETag.
for p in /tags /tag/technology "/tag/$(pct café)"; do
	get tagetag "$p"
	et=$(sed -n 's/^[Ee][Tt]ag: *\([^[:space:]]*\).*/\1/p' "$H/tagetag.h")
	get tag304 "$p" -H "If-None-Match: $et"
	check "GET $p with its ETag is 304" "ETag $et; status $code" \
	    [ -n "$et" ] && [ "$code" = 304 ]
done

# The article page links its tags, escaped, URLs percent-encoded.
i=${IDX[the-return-of-the-corner-shop]}
page tagart "$(article_path "$i")"
check "an article links its tags with rel=tag (Café percent-encoded, Cities)" "" \
    eval 'grep -q "<a href=\"/tag/caf%C3%A9\" rel=\"tag\">Café</a>" "$H/tagart.b" &&
    grep -q "<a href=\"/tag/cities\" rel=\"tag\">Cities</a>" "$H/tagart.b"'
i=${IDX[e2e-long-read]}
page tagnone "$(article_path "$i")"
check "an article without tags shows no tag list" "" \
    eval '! grep -q "class=\"tags\"" "$H/tagnone.b"'

# ---------------------------------------------------------------------------
# HTML validation (Nu HTML Checker), in the background while the rest runs

vnu_files=()
# The search page with hits (marked titles and snippets) and without.
get search '/search?q=library'
get disclaimer_page /disclaimer
get search_none '/search?q=%3Cb%3E+%22%2A%29'
for f in search:search search_none:search-none home1:home home2:home-older archive:archive "year${a_ym%%/*}:archive-year" \
    "$a_month:archive-month" article:article about:about \
    contribute:contribute nope:not-found post:method-not-allowed \
    tags:tags tag1:tag tag2:tag-older tagcafe:tag-cafe tagart:article-tags \
    disclaimer_page:disclaimer \
    bulky:archive-year-months bulkp0:archive-month-paged bulkp9:archive-month-last; do
	[ -s "$H/${f%%:*}.b" ] || continue
	cp "$H/${f%%:*}.b" "$W/html/${f#*:}.html"
	vnu_files+=("$W/html/${f#*:}.html")
done
vnu_start "${vnu_files[@]}"

# ---------------------------------------------------------------------------
# FastCGI straight at the socket

sock=$W/quire.sock
CGIFCGI=$(command -v cgi-fcgi)
fcgi() {
	env -i SCRIPT_NAME= GATEWAY_INTERFACE=CGI/1.1 SERVER_PROTOCOL=HTTP/1.1 \
	    SERVER_NAME=localhost SERVER_PORT=80 REMOTE_ADDR=127.0.0.1 "$@" \
	    "$CGIFCGI" -bind -connect "$sock"
}
fcgi REQUEST_METHOD=GET REQUEST_URI=/about > "$W/fcgi_about.out" 2>"$W/fcgi_about.err"
check "cgi-fcgi at \$VAR/quire.sock: GET /about is Status 200 with the About page" \
    "$(head -n 3 "$W/fcgi_about.out"; cat "$W/fcgi_about.err")" \
    eval 'head -n 1 "$W/fcgi_about.out" | grep -q "^Status: 200" && grep -q "<h1>About</h1>" "$W/fcgi_about.out"'
fcgi REQUEST_METHOD=GET 'REQUEST_URI=/%zz' > "$W/fcgi_zz.out" 2>&1
check "cgi-fcgi: /%zz is Status 400 from quire, with nosniff and CSP" \
    "$(head -n 8 "$W/fcgi_zz.out")" \
    eval 'head -n 1 "$W/fcgi_zz.out" | grep -q "^Status: 400" && grep -qi "^X-Content-Type-Options: nosniff" "$W/fcgi_zz.out" && grep -qi "^Content-Security-Policy:" "$W/fcgi_zz.out"'
fcgi REQUEST_METHOD=GET 'REQUEST_URI=/about%00' > "$W/fcgi_nul.out" 2>&1
check "cgi-fcgi: /about%00 (NUL) is Status 400 from quire" "$(head -n 1 "$W/fcgi_nul.out")" \
    eval 'head -n 1 "$W/fcgi_nul.out" | grep -q "^Status: 400"'
fcgi REQUEST_METHOD=GET REQUEST_URI=/archive \
    'HTTP_HOST=evil.example"><script>alert(1)</script>' > "$W/fcgi_host.out" 2>&1
check "cgi-fcgi: a hostile Host header does not reach the page" \
    "$(grep -n 'canonical\|<script\|evil' "$W/fcgi_host.out" | head -n 5)" \
    eval 'head -n 1 "$W/fcgi_host.out" | grep -q "^Status: 200" && ! grep -qi "<script\|evil" "$W/fcgi_host.out"'
# Control characters in what the log line quotes (checked in the log below).
fcgi REQUEST_METHOD=$'GET\nFORGED-1' REQUEST_URI=$'/x\nFORGED-2 "GET /" 200' \
    REMOTE_ADDR=$'10.0.0.1\nFORGED-3' > "$W/fcgi_forge.out" 2>&1
check "cgi-fcgi: control characters in method, target and address get a 4xx" \
    "$(head -n 1 "$W/fcgi_forge.out")" \
    eval 'head -n 1 "$W/fcgi_forge.out" | grep -q "^Status: 4"'
mode=$(stat -c %a "$sock" 2>&1)
check "the FastCGI socket has mode 660 (--socket-mode default)" "mode $mode" [ "$mode" = 660 ]

# ---------------------------------------------------------------------------
# Server lifecycle: TERM to run.sh stops nginx and quire

# quire serve: the parent is run.sh's child, the workers are its children.
procs() {
	quire_parent=$(pgrep -P "$run_pid" -f -- "$sock" | head -n 1)
	quire_workers=""
	[ -n "$quire_parent" ] && quire_workers=$(pgrep -P "$quire_parent" | tr '\n' ' ')
	nginx_master=$(cat "$W/nginx.pid" 2>/dev/null)
	nginx_workers=""
	[ -n "$nginx_master" ] && nginx_workers=$(pgrep -P "$nginx_master" | tr '\n' ' ')
}
procs
check "server processes are running: quire (parent and 2 workers) and nginx (master and worker)" \
    "quire: $quire_parent, workers $quire_workers; nginx: $nginx_master, workers $nginx_workers" \
    eval '[[ -n "$quire_parent" && $(wc -w <<< "$quire_workers") = 2 && -n "$nginx_master" && -n "$nginx_workers" ]]'

# Concurrent requests: 40 article pages at once, 20 at a time.
par_args=()
for ((i = 0; i < 40 && i < NART; i++)); do
	par_args+=(-o "$W/par$i.b" "$base$(article_path "$i")")
done
curl -s -m 60 --parallel --parallel-max 20 -w '%{http_code}\n' "${par_args[@]}" \
    > "$W/par.codes" 2>&1
par_err=""
[ "$(grep -c '^200$' "$W/par.codes")" = "$((${#par_args[@]} / 3))" ] ||
    par_err+="statuses: $(sort "$W/par.codes" | uniq -c | tr '\n' ' ')"$'\n'
for ((i = 0; i < 40 && i < NART; i++)); do
	h1=$(grab '<h1[^>]*>(.*?)<\/h1>' "$W/par$i.b")
	[ "$(unhtml_s "$h1")" = "${A_TITLE[i]}" ] || par_err+="$(article_path "$i"): h1 '$h1'"$'\n'
done
check "$((${#par_args[@]} / 3)) concurrent requests all get 200 and their own page" \
    "$par_err" [ -z "$par_err" ]

# A worker that dies is replaced, and the site keeps answering.
victim=${quire_workers%% *}
if [ -n "$victim" ]; then
	kill -KILL "$victim"
	replaced() {
		procs
		[ "$(wc -w <<< "$quire_workers")" = 2 ] && [[ " $quire_workers" != *" $victim "* ]]
	}
	wait_for 100 replaced
	codes=""
	for ((i = 0; i < 4; i++)); do
		get after_kill /archive
		codes+="$code "
	done
	check "a killed quire worker is replaced and the site keeps answering" \
	    "workers now: $quire_workers (killed $victim); GET /archive: $codes" \
	    eval '[[ $(wc -w <<< "$quire_workers") = 2 && " $quire_workers" != *" $victim "* && "$codes" == "200 200 200 200 " ]]'
else
	not_ok "a killed quire worker is replaced" "no worker found"
fi
procs
quire_pids="$quire_parent $quire_workers"

t0=$(date +%s%N)
stop_site
t1=$(date +%s%N)
check "kill -TERM run.sh: run.sh exits 0 in time, without a KILL" \
    "exit status $run_status; killed after 15 s: $run_killed" \
    eval '[[ $run_status = 0 && $run_killed = 0 ]]'
left=""
for p in $quire_pids $nginx_master $nginx_workers; do
	alive "$p" && left+="$p "
done
wait_for 4 no_leftovers	# 0.2 s at most
left2=$(leftovers)
# shellcheck disable=SC2086
check "after TERM no quire or nginx process of this run is left ($(( (t1 - t0) / 1000000 )) ms)" \
    "$( [ -n "$left$left2" ] && ps -o pid,args -p "$(echo $left $left2 | tr ' ' ',')")" \
    [ -z "$left$left2" ]
check "after TERM the socket file is removed" "$(ls -l "$sock" 2>&1)" [ ! -e "$sock" ]

# ---------------------------------------------------------------------------
# CGI

cgi() {
	env -i GATEWAY_INTERFACE=CGI/1.1 SERVER_PROTOCOL=HTTP/1.1 \
	    QUIRE_CLOCK="$CLOCK" "$@" "$QUIRE"
}
# split OUT: OUT.head (up to the blank line, CRs kept) and OUT.body.
split_cgi() {
	perl -0777 -ne 'my ($h, $b) = split /\r?\n\r?\n/, $_, 2;
	    open(my $H, ">", "$ARGV.head"); print $H $h; close $H;
	    open(my $B, ">", "$ARGV.body"); print $B ($b // ""); close $B;' "$1"
}
cgi QUIRE_DB="$DB" REQUEST_METHOD=GET PATH_INFO=/archive >"$W/cgi_arch.out" 2>"$W/cgi_arch.err"
rc=$?
split_cgi "$W/cgi_arch.out"
check "CGI GET /archive exits 0" "exit $rc; $(cat "$W/cgi_arch.err")" [ $rc = 0 ]
check "CGI GET /archive starts with Status: 200 OK" "$(head -n 1 "$W/cgi_arch.out" | cat -A)" \
    eval 'head -n 1 "$W/cgi_arch.out" | grep -q "^Status: 200 OK"'
check "CGI GET /archive has Content-Type: text/html; charset=utf-8" "$(cat "$W/cgi_arch.out.head")" \
    grep -qi '^Content-Type: text/html; charset=utf-8' "$W/cgi_arch.out.head"
NMONTHS=$(q "SELECT count(DISTINCT strftime('%Y%m', published_at, 'unixepoch')) FROM articles WHERE $VISIBLE")
n=$(grep -oE 'href="/archive/[0-9]{4}/[0-9]{2}"' "$W/cgi_arch.out.body" | wc -l)
check "CGI GET /archive: a blank line, then the archive HTML ($NMONTHS month links)" \
    "body starts: $(head -c 80 "$W/cgi_arch.out.body"); $n month links" \
    eval 'perl -0777 -ne "exit(/\\r?\\n\\r?\\n<!DOCTYPE html>/i ? 0 : 1)" "$W/cgi_arch.out" && [ "$n" = "$NMONTHS" ]'
cgi QUIRE_DB="$DB" REQUEST_METHOD=GET PATH_INFO=/nope >"$W/cgi_nope.out" 2>"$W/cgi_nope.err"
check "CGI PATH_INFO=/nope gives Status: 404" "$(head -n 1 "$W/cgi_nope.out")" \
    eval 'head -n 1 "$W/cgi_nope.out" | grep -q "^Status: 404"'
cgi QUIRE_DB="$DB" REQUEST_METHOD=GET PATH_INFO=/ QUERY_STRING=before=abc \
    >"$W/cgi_q.out" 2>"$W/cgi_q.err"
check "CGI QUERY_STRING=before=abc gives Status: 400" "$(head -n 1 "$W/cgi_q.out")" \
    eval 'head -n 1 "$W/cgi_q.out" | grep -q "^Status: 400"'
cgi REQUEST_METHOD=GET PATH_INFO=/archive >"$W/cgi_nodb.out" 2>"$W/cgi_nodb.err"
split_cgi "$W/cgi_nodb.out"
check "CGI without QUIRE_DB gives Status: 500 and a readable message" \
    "$(cat "$W/cgi_nodb.out")" \
    eval 'head -n 1 "$W/cgi_nodb.out" | grep -q "^Status: 500" && grep -q "[A-Za-z]\{4,\} [a-z]\{2,\}" "$W/cgi_nodb.out.body"'
cgi QUIRE_DB="$W/missing.db" REQUEST_METHOD=GET PATH_INFO=/archive \
    >"$W/cgi_miss.out" 2>"$W/cgi_miss.err"
check "CGI with a missing QUIRE_DB file gives Status: 500 and creates no file" \
    "$(cat "$W/cgi_miss.out"; ls "$W"/missing.db* 2>&1)" \
    eval 'head -n 1 "$W/cgi_miss.out" | grep -q "^Status: 500" && ! ls "$W"/missing.db* >/dev/null 2>&1'
cgi QUIRE_DB="$DB" REQUEST_METHOD=HEAD PATH_INFO=/archive >"$W/cgi_head.out" 2>"$W/cgi_head.err"
split_cgi "$W/cgi_head.out"
cl_get=$(hdr "$W/cgi_arch.out.head" Content-Length)
cl_head=$(hdr "$W/cgi_head.out.head" Content-Length)
check "CGI HEAD /archive: Status 200, headers (Content-Length as for GET) and no body" \
    "$(cat -A "$W/cgi_head.out" | head -n 10); Content-Length GET $cl_get, HEAD $cl_head" \
    eval 'head -n 1 "$W/cgi_head.out" | grep -q "^Status: 200" && [ ! -s "$W/cgi_head.out.body" ] && [ -n "$cl_get" ] && [ "$cl_get" = "$cl_head" ] && [ "$(wc -c < "$W/cgi_arch.out.body")" = "$cl_get" ]'

# ---------------------------------------------------------------------------
# Command line

C=$W/cli
"$QUIRE" --help >"$C/help.out" 2>"$C/help.err"
rc=$?
check "quire --help exits 0 and prints usage" "exit $rc; $(head -n 3 "$C/help.out" "$C/help.err")" \
    eval '[ $rc = 0 ] && grep -q "usage" "$C/help.out"'
"$QUIRE" --version >"$C/version.out" 2>"$C/version.err"
rc=$?
check "quire --version exits 0 and prints the version" "exit $rc; $(cat "$C/version.out" "$C/version.err")" \
    eval '[ $rc = 0 ] && grep -qE "^quire [0-9]+\.[0-9]+" "$C/version.out"'
"$QUIRE" bogus >"$C/bogus.out" 2>"$C/bogus.err"
rc=$?
check "quire bogus exits 2 with usage on stderr" "exit $rc; $(head -n 3 "$C/bogus.err")" \
    eval '[ $rc = 2 ] && grep -q "usage" "$C/bogus.err"'
"$QUIRE" serve --bogus >"$C/sbogus.out" 2>"$C/sbogus.err"
rc=$?
check "quire serve --bogus exits 2 with usage on stderr" "exit $rc; $(head -n 3 "$C/sbogus.err")" \
    eval '[ $rc = 2 ] && grep -q "usage" "$C/sbogus.err"'
"$QUIRE" >"$C/none.out" 2>"$C/none.err"
rc=$?
check "quire with no arguments exits 2 with usage on stderr" "exit $rc" \
    eval '[ $rc = 2 ] && grep -q "usage" "$C/none.err"'
"$QUIRE" init --db "$C/new.db" >"$C/init1.out" 2>"$C/init1.err"
rc1=$?
"$QUIRE" init --db "$C/new.db" >"$C/init2.out" 2>"$C/init2.err"
rc2=$?
check "quire init --db on a new file, then again, both exit 0" \
    "exit $rc1, $rc2; $(cat "$C/init1.err" "$C/init2.err")" \
    eval '[ $rc1 = 0 ] && [ $rc2 = 0 ] && [ "$(sqlite3 -init /dev/null "$C/new.db" "PRAGMA user_version")" -ge 1 ]'
"$QUIRE" init --db "$C/new.db" --demo >"$C/demo1.out" 2>"$C/demo1.err"
rc1=$?
n1=$(sqlite3 -init /dev/null "$C/new.db" "SELECT count(*) FROM articles" 2>&1)
"$QUIRE" init --db "$C/new.db" --demo >"$C/demo2.out" 2>"$C/demo2.err"
rc2=$?
n2=$(sqlite3 -init /dev/null "$C/new.db" "SELECT count(*) FROM articles" 2>&1)
check "quire init --demo fills an empty database" "exit $rc1; $(cat "$C/demo1.err")" \
    eval '[ $rc1 = 0 ] && [ "$n1" -gt 0 ]'
check "quire init --demo on a database with content fails with a message and changes nothing" \
    "exit $rc2; articles $n1 -> $n2; $(cat "$C/demo2.err")" \
    eval '[ $rc2 != 0 ] && [ -s "$C/demo2.err" ] && [ "$n1" = "$n2" ]'
timeout 20 "$QUIRE" serve --db "$C/new.db" </dev/null >"$C/serve.out" 2>"$C/serve.err"
rc=$?
check "quire serve --db X with no socket and fd 0 not a socket exits non-zero with a message" \
    "exit $rc; $(cat "$C/serve.err")" \
    eval '[ $rc != 0 ] && [ $rc != 124 ] && grep -qi "socket" "$C/serve.err"'
"$QUIRE" serve --db "$C/new.db" --socket "$C/s.sock" --listen 127.0.0.1:1 </dev/null \
    >"$C/both.out" 2>"$C/both.err"
rc=$?
check "quire serve with both --socket and --listen exits 2" "exit $rc; $(head -n 2 "$C/both.err")" \
    [ $rc = 2 ]

# ---------------------------------------------------------------------------
# The other ways to serve: --listen HOST:PORT, and a socket handed on fd 0

# quire serve --listen on a free port; another port if it could not bind.
for attempt in 1 2 3; do
	tport=$(free_port) || break
	start_quire "$W/tcp.log" --db "$DB" --listen "127.0.0.1:$tport" --workers 1 && break
	stop_pid "$q_pid"
	mv "$W/tcp.log" "$W/tcp-attempt$attempt.log"
done
tcp_pid=$q_pid
env -i REQUEST_METHOD=GET REQUEST_URI=/contribute "$CGIFCGI" -bind \
    -connect "127.0.0.1:$tport" > "$W/tcp.out" 2>&1
stop_pid "$tcp_pid"
rc=$stopped_status
[ "$stopped_killed" = 0 ] || rc="killed after 15 s"
check "quire serve --listen 127.0.0.1:PORT answers FastCGI over TCP and exits 0 on TERM" \
    "exit $rc; $(head -n 1 "$W/tcp.out"); $(tail -n 3 "$W/tcp.log")" \
    eval 'head -n 1 "$W/tcp.out" | grep -q "^Status: 200" && grep -q "<h1>Contribute</h1>" "$W/tcp.out" && [ "$rc" = 0 ]'

perl -MSocket -MIO::Socket::UNIX -MPOSIX -e '
	my $s = IO::Socket::UNIX->new(Type => SOCK_STREAM, Local => shift,
	    Listen => 16) or die "listen: $!\n";
	POSIX::dup2(fileno($s), 0) or die "dup2: $!\n";
	exec @ARGV or die "exec: $!\n";' \
    "$W/fd0.sock" "$QUIRE" serve "${SERVE_AS[@]}" "${STRICT[@]}" --db "$DB" --workers 1 >"$W/fd0.log" 2>&1 &
fd0_pid=$!
track "$fd0_pid"
wait_for -p "$fd0_pid" 200 test -S "$W/fd0.sock"
env -i REQUEST_METHOD=GET REQUEST_URI=/about "$CGIFCGI" -bind \
    -connect "$W/fd0.sock" > "$W/fd0.out" 2>&1
stop_pid "$fd0_pid"
rc=$stopped_status
[ "$stopped_killed" = 0 ] || rc="killed after 15 s"
check "quire serve with a listening socket on fd 0 (spawn-fcgi, systemd) answers and exits 0 on TERM" \
    "exit $rc; $(head -n 1 "$W/fd0.out"); $(tail -n 3 "$W/fd0.log")" \
    eval 'head -n 1 "$W/fd0.out" | grep -q "^Status: 200" && grep -q "<h1>About</h1>" "$W/fd0.out" && [ "$rc" = 0 ]'

# ---------------------------------------------------------------------------
# Logs: no crash, no sanitizer report, no server error

san=$(grep -lE 'ERROR: (Address|Leak)Sanitizer|runtime error:|SUMMARY: [A-Za-z]*Sanitizer' \
    "$W/server.log" "$W"/cgi_*.err "$C"/*.err "$W/fcgi"*.err "$W/tcp.log" \
    "$W/fd0.log" 2>/dev/null)
check "no sanitizer report in the server log, CGI or command-line runs" \
    "$(for f in $san; do echo "$f:"; grep -m 3 -E 'Sanitizer|runtime error' "$f"; done)" \
    [ -z "$san" ]
crash=$(grep -E 'worker [0-9]+ ended| error ' "$W/server.log" |
    grep -vE "worker ${victim:-x} ended \(signal 9\)")
check "server log: no worker died, no request logged as an error" "$crash" [ -z "$crash" ]
forged=$(grep -n 'FORGED' "$W/server.log")
check "server log: control characters are escaped, no forged log line" "$forged" \
    eval '[ -n "$forged" ] && ! grep -q "^FORGED" "$W/server.log" && [ "$(grep -c FORGED "$W/server.log")" = 1 ]'
nerr=$(grep -E '\[(error|crit|alert|emerg)\]' "$W/nginx-error.log" 2>/dev/null)
check "nginx error log: no upstream or server errors" "$nerr" [ -z "$nerr" ]

# ---------------------------------------------------------------------------
# HTML validation results

vnu_report "%s" "${vnu_files[@]}"

# ---------------------------------------------------------------------------

t_end=$(date +%s)
echo "1..$((pass + fail))"
echo "e2e: $pass passed, $fail failed${skip:+, $skip skipped} ($((t_end - t_start)) s, $QUIRE)"
[ "$fail" = 0 ]
