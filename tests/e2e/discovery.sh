#!/usr/bin/env bash
# tests/e2e/discovery.sh [QUIRE_BINARY]: an article scheduled an hour
# ahead, with a tag of its own and a word no other article has, appears on
# its own at its time everywhere readers and machines find articles: the
# feeds, the sitemap, /tags and its tag's page and feed, search, the home
# page. Nothing but the tests' clock moves (quire serve --clock); every
# page's earlier ETag then gets a 200, not a stale 304.
# Prints "ok - ..." / "not ok - ..." lines; exits 1 if any failed.

# Checks pass single-quoted conditions to eval, on purpose:
# shellcheck disable=SC2016
set -u
# shellcheck source=tests/e2e/lib.sh
. "$(dirname "$0")/lib.sh"
e2e_init discovery "${1:-build/quire}"
need curl sqlite3 nginx python3
e2e_workdir
H=$W/http
VAR=$W/var
DB=$W/site.db
mkdir -p "$H" "$VAR"

T0=1780315200	# 1 June 2026, 12:00 UTC
clock_init "$W/clock" "$T0"
"$QUIRE" init --db "$DB" --demo >"$W/init.out" 2>&1 ||
    bail "quire init --demo" "$(cat "$W/init.out")"
q() { sqlite3 -init /dev/null -batch -noheader "$DB" "$@"; }

AT=$((T0 + 3600))
YM=$(date -u -d "@$AT" +%Y/%m)
q "INSERT INTO articles (slug, title, body, status, published_at, created_at, updated_at)
   VALUES ('on-its-own-time', 'On Its Own Time',
   'A piece about the word zyzzyvaquill, which nothing else here says.',
   'published', $AT, $T0, $T0);
   INSERT INTO tags (name, slug) VALUES ('Timekeeping', 'timekeeping');
   INSERT INTO article_tags (article_id, tag_id)
     SELECT a.id, t.id FROM articles a, tags t
     WHERE a.slug = 'on-its-own-time' AND t.slug = 'timekeeping';" ||
    bail "the scheduled article is inserted"
URL=/$YM/on-its-own-time

start_site || bail "src/run.sh starts and answers" "$(tail -n 20 "$VAR/server.log" 2>/dev/null)"
ok "src/run.sh starts nginx and quire on 127.0.0.1:$port, on the tests' clock"

fetch() {	# fetch NAME PATH [CURL_ARGS...]: $H/NAME.h, $H/NAME.b, code
	local name=$1 path=$2
	shift 2
	code=$(curl -s -m 30 -o "$H/$name.b" -D "$H/$name.h" -w '%{http_code}' \
	    "$@" "$base$path") || code=000
}

# What each place shows of the article: "yes" or "no" (and the status).
declare -A WHERE=(
	[feed-atom]=/feed.atom
	[feed-json]=/feed.json
	[sitemap]=/sitemap.xml
	[tags]=/tags
	[search]='/search?q=zyzzyvaquill'
	[home]=/
)
declare -A ETAG
shows() {	# shows KEY: does the page at WHERE[KEY] name the article?
	local k=$1
	fetch "$k" "${WHERE[$k]}"
	ETAG[$k]=$(hdr "$H/$k.h" ETag)
	case $k in
	tags) grep -q 'href="/tag/timekeeping"' "$H/$k.b" ;;
	*) grep -q "on-its-own-time\|On Its Own Time" "$H/$k.b" ;;
	esac
}

before=""
for k in "${!WHERE[@]}"; do
	if shows "$k"; then before+=" $k(shown)"; fi
	[ "$code" = 200 ] || before+=" $k(status $code)"
done
check "an hour before its time: in no feed, not in the sitemap, /tags, search or on /" \
    "$before" eval '[ -z "$before" ]'
fetch art_before "$URL"
fetch tag_before /tag/timekeeping
fetch tagfeed_before /tag/timekeeping/feed.atom
check "an hour before: its page, its tag's page and its tag's feed are 404" \
    "article $(head -n 1 "$H/art_before.h"); tag $(head -n 1 "$H/tag_before.h"); feed $(head -n 1 "$H/tagfeed_before.h")" \
    eval 'grep -q " 404" "$H/art_before.h" && grep -q " 404" "$H/tag_before.h" && grep -q " 404" "$H/tagfeed_before.h"'

# Nothing happens but time.
clock_set "$AT"

after="" stale=""
for k in "${!WHERE[@]}"; do
	old=${ETAG[$k]}
	shows "$k" || after+=" $k(not shown, status $code)"
	fetch "$k-cond" "${WHERE[$k]}" -H "If-None-Match: $old"
	[ "$code" = 200 ] || stale+=" $k($code to its earlier ETag)"
done
check "at its time, on its own: in the Atom and JSON feeds, the sitemap, /tags, search and on /" \
    "$after" eval '[ -z "$after" ]'
check "... and each of those pages' earlier ETag gets a 200, not a stale 304" \
    "$stale" eval '[ -z "$stale" ]'
fetch art_after "$URL"
fetch tag_after /tag/timekeeping
fetch tagfeed_after /tag/timekeeping/feed.atom
check "at its time: its page, its tag's page and its tag's feed are 200 and name it" \
    "article $(head -n 1 "$H/art_after.h"); tag $(head -n 1 "$H/tag_after.h"); feed $(head -n 1 "$H/tagfeed_after.h")" \
    eval 'grep -q " 200" "$H/art_after.h" && grep -q " 200" "$H/tag_after.h" && grep -q " 200" "$H/tagfeed_after.h" &&
    grep -q "On Its Own Time" "$H/tag_after.b" && grep -q "on-its-own-time" "$H/tagfeed_after.b"'
python3 - "$H/sitemap.b" "$base$URL" <<'PY' > "$W/lastmod" 2>&1
import sys, xml.etree.ElementTree as ET
ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
for u in ET.parse(sys.argv[1]).getroot().findall("s:url", ns):
    if u.find("s:loc", ns).text == sys.argv[2]:
        print(u.find("s:lastmod", ns).text)
PY
check "the sitemap gives it a lastmod of its publication time" \
    "$(cat "$W/lastmod")" \
    eval '[ "$(cat "$W/lastmod")" = "$(date -u -d "@$AT" +%Y-%m-%dT%H:%M:%SZ)" ]'

stop_site
echo "1..$((pass + fail))"
[ "$fail" = 0 ]
