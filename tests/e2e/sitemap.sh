#!/usr/bin/env bash
# tests/e2e/sitemap.sh [QUIRE_BINARY]: a sitemap past the protocol's 50,000
# addresses (src/h_sitemap.c), as CGI. 50,100 articles over 2019-2023, a
# page, tags, a draft and a scheduled article: /sitemap.xml is an index of
# one file per year; the files hold exactly the public addresses, each
# once, none over 50,000, each URL's lastmod at most its file's lastmod in
# the index and the latest of them equal to it; the index answers 304 to
# its ETag, and an edit moves its year's lastmod and the ETag; a year the
# index does not name is 404. Prints "ok - ..." / "not ok - ..." lines.

# Checks pass single-quoted conditions (and the locals they read) to eval,
# on purpose:
# shellcheck disable=SC2016,SC2034
set -u
# shellcheck source=tests/e2e/lib.sh
. "$(dirname "$0")/lib.sh"
e2e_init sitemap "${1:-build/quire}"
need sqlite3 /usr/bin/python3
e2e_workdir
PY=/usr/bin/python3
DB=$W/site.db
BASE=https://blog.example
NOW=1780315200				# 2026-06-01 12:00 UTC, the tests' clock
clock_init "$W/clock" "$NOW"

"$QUIRE" init --db "$DB" --base-url "$BASE" >"$W/init.out" 2>&1 ||
    bail "quire init" "$(cat "$W/init.out")"
q() { sqlite3 -init /dev/null "$DB" "$1"; }
# 50,100 articles from 2019-01-01, 50 minutes apart (to 2023-10), saved
# when published; every 1000th tagged; one draft, one scheduled.
q "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 50100)
   INSERT INTO articles (slug, title, body, status, published_at, created_at, updated_at)
   SELECT 'a-' || i, 'Article ' || i, 'Body.', 'published', 1546300800 + i * 3000,
   1546300800, 1546300800 + i * 3000 FROM n;
   INSERT INTO articles (slug, title, body, status, published_at, created_at, updated_at)
   VALUES ('sm-draft', 'Draft', 'x', 'draft', NULL, $NOW, $NOW),
          ('sm-later', 'Later', 'x', 'published', $NOW + 86400, $NOW, $NOW);
   INSERT INTO tags (name, slug) VALUES ('Rare', 'rare'), ('Café', 'café');
   INSERT INTO article_tags (article_id, tag_id) SELECT a.id, t.id FROM articles a, tags t
   WHERE a.slug LIKE 'a-%' AND CAST(substr(a.slug, 3) AS INTEGER) % 1000 = 0;
   INSERT INTO pages (slug, title, body, status, created_at, updated_at)
   VALUES ('about', 'About', 'x', 'published', $NOW, 1700000000)" >"$W/load.out" 2>&1 ||
    bail "the 50,100 articles load" "$(cat "$W/load.out")"

# cgi NAME PATH [HEADER=VALUE...]: one GET; headers in $W/NAME.h, body in
# $W/NAME.b; sets code.
cgi() {
	local name=$1 path=$2
	shift 2
	env -i GATEWAY_INTERFACE=CGI/1.1 SERVER_PROTOCOL=HTTP/1.1 \
	    SERVER_NAME=blog.example SERVER_PORT=443 HTTPS=on REMOTE_ADDR=192.0.2.1 \
	    HTTP_HOST=blog.example QUIRE_DB="$DB" QUIRE_CLOCK="$W/clock" \
	    QUIRE_STRICT_TEMPLATES=1 REQUEST_METHOD=GET PATH_INFO="$path" \
	    QUERY_STRING= "$@" "$QUIRE" > "$W/$name.out" 2> "$W/$name.err"
	perl -0777 -ne 'my ($h, $b) = split /\r?\n\r?\n/, $_, 2;
	    open(my $f, ">", "'"$W/$name"'.h"); print $f $h;
	    open($f, ">", "'"$W/$name"'.b"); print $f $b' "$W/$name.out"
	code=$(sed -n 's/^Status: \([0-9]*\).*/\1/p' "$W/$name.h" | head -n 1)
}

# The addresses the files must hold, from the database, as seo.sh counts.
VISIBLE="status = 'published' AND published_at <= $NOW"
{
	echo "$BASE/"
	echo "$BASE/archive"
	echo "$BASE/tags"
	q "SELECT '$BASE/' || strftime('%Y/%m/', published_at, 'unixepoch') || slug
	   FROM articles WHERE $VISIBLE"
	q "SELECT DISTINCT '$BASE/archive/' || strftime('%Y/%m', published_at, 'unixepoch')
	   FROM articles WHERE $VISIBLE"
	echo "$BASE/about"
	echo "$BASE/tag/rare"
	echo "$BASE/tag/caf%C3%A9"
} | sort > "$W/want"

cgi index /sitemap.xml
check "GET /sitemap.xml past 50,000 addresses ($(wc -l < "$W/want")): 200, a sitemap index" \
    "status $code; $(head -c 300 "$W/index.b")" \
    eval '[ "$code" = 200 ] && grep -q "<sitemapindex " "$W/index.b"'
"$PY" - "$W/index.b" > "$W/files" <<'EOF' || not_ok "the index parses" "$(cat "$W/files")"
import sys, xml.etree.ElementTree as ET
ns = '{http://www.sitemaps.org/schemas/sitemap/0.9}'
root = ET.parse(sys.argv[1]).getroot()
assert root.tag == ns + 'sitemapindex', root.tag
for s in root:
    print(s.find(ns + 'loc').text, s.find(ns + 'lastmod').text)
EOF
years=$(sed -n 's|.*/sitemap-\([0-9]*\)\.xml .*|\1|p' "$W/files" | tr '\n' ' ')
check "the index names one file a year, newest first: 2023 to 2019" \
    "$years" [ "$years" = "2023 2022 2021 2020 2019 " ]

: > "$W/got"
file_err=""
while read -r loc lastmod; do
	y=${loc##*/sitemap-}
	y=${y%.xml}
	cgi "y$y" "/sitemap-$y.xml"
	[ "$code" = 200 ] || file_err+="$loc: status $code"$'\n'
	"$PY" - "$W/y$y.b" "$lastmod" >> "$W/got" 2>> "$W/file-err" <<'EOF' ||
import sys, xml.etree.ElementTree as ET
ns = '{http://www.sitemaps.org/schemas/sitemap/0.9}'
root = ET.parse(sys.argv[1]).getroot()
assert root.tag == ns + 'urlset', root.tag
urls = [(u.find(ns + 'loc').text, u.find(ns + 'lastmod')) for u in root]
assert 0 < len(urls) <= 50000, len(urls)
mods = [m.text for _, m in urls if m is not None]
# W3C datetimes in UTC compare as text.
assert max(mods) == sys.argv[2], (max(mods), sys.argv[2])
for loc, _ in urls:
    print(loc)
EOF
	    file_err+="$loc: $(tail -n 1 "$W/file-err")"$'\n'
done < "$W/files"
check "each year's file is a urlset of at most 50,000 addresses whose latest lastmod is the index's for it" \
    "$file_err" [ -z "$file_err" ]
sort "$W/got" > "$W/got.sorted"
check "the files together hold exactly the public addresses, each once" \
    "$(diff "$W/want" "$W/got.sorted" | head -n 10); $(sort "$W/got" | uniq -d | head -n 3)" \
    eval 'cmp -s "$W/want" "$W/got.sorted" && [ -z "$(uniq -d "$W/got.sorted")" ]'

etag=$(sed -n 's/^ETag: //Ip' "$W/index.h" | tr -d '\r')
cgi index304 /sitemap.xml HTTP_IF_NONE_MATCH="$etag"
check "the index answers 304 to its ETag" "ETag $etag, status $code" \
    eval '[ -n "$etag" ] && [ "$code" = 304 ]'
# An edit of a 2020 article (a save: updated_at moves, as the editor does).
q "UPDATE articles SET title = 'Edited', updated_at = $NOW - 60,
   list_rev = list_rev + 1 WHERE slug = 'a-12000'"
cgi index2 /sitemap.xml HTTP_IF_NONE_MATCH="$etag"
l2020=$(grep -o 'sitemap-2020.xml</loc><lastmod>[^<]*' "$W/index2.b" | sed 's/.*<lastmod>//')
check "an edit of a 2020 article: the index is 200 again, 2020's lastmod is the edit's time" \
    "status $code; 2020: $l2020" \
    eval '[ "$code" = 200 ] && [ "$l2020" = 2026-06-01T11:59:00Z ]'
cgi none /sitemap-2018.xml
check "/sitemap-2018.xml, a year the index does not name: 404" "status $code" [ "$code" = 404 ]
# The scheduled article: in no file before its time, in 2026's after.
clock_set $((NOW + 86400))
cgi later /sitemap.xml
check "the scheduled article's time: the index names a 2026 file, which lists it" \
    "$(grep -o 'sitemap-2026.xml' "$W/later.b")" \
    eval 'grep -q sitemap-2026.xml "$W/later.b" && cgi y2026 /sitemap-2026.xml &&
        grep -q "$BASE/2026/06/sm-later" "$W/y2026.b"'
echo "1..$((pass + fail))"
[ "$fail" = 0 ]
