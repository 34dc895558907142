#!/usr/bin/env bash
# End-to-end tests of issue 11's third denial-of-service case, through
# src/run.sh (nginx in front of `quire serve`) on the tests' clock:
#
#   bash tests/e2e/canon.sh [QUIRE_BINARY]     (from the repo root)
#
# Query parameters: every reader page, asked for with a parameter it does
# not take (?r=1, a repeat, another order, another spelling, an empty
# value), is a 301 to its canonical address (route_canonical()), whose
# target answers 200 with no further redirect; the parameters each page
# takes still work; a bad value is still a 400, never a redirect; the
# admin, the feed aliases, old addresses and WordPress's /?p=ID answer as
# before, in one hop. Slow Markdown: a body cmark 0.30.2 takes seconds to
# render ("![[]()" repeated, CVE-2023-22486) is refused at save and at
# preview with a message and the text kept, the database unchanged; a big
# ordinary body is saved.
#
# One line per check, "ok - ..." or "not ok - ..." with indented details;
# the exit status is 1 if any check failed. Needs: curl, sqlite3, nginx,
# perl. KEEP_E2E=1 keeps the temporary folder.

# Checks pass single-quoted conditions to eval, on purpose:
# shellcheck disable=SC2016
set -u

# shellcheck source=tests/e2e/lib.sh
. "$(dirname "$0")/lib.sh"
e2e_init canon "${1:-}"

need curl sqlite3 nginx perl pgrep
[ -x "$QUIRE" ] || bail "the binary $QUIRE exists" "build it with make"
echo "# e2e canon: $QUIRE"

e2e_workdir
H=$W/http
VAR=$W/var
DB=$W/site.db
mkdir -p "$H" "$VAR"
T0=1750000000	# 2025-06-15 15:06 UTC
clock_init "$W/clock" "$T0"

q() {
	sqlite3 -init /dev/null -batch -noheader "$DB" "$@"
}

code=""

has() {
	grep -qF -- "$2" "$H/$1.b"
}

grab() {
	perl -0777 -ne 'if (/'"$1"'/s) { print $1 }' "$2"
}

"$QUIRE" init --db "$DB" --demo >"$W/init.out" 2>&1 ||
    bail "quire init --demo creates the test database" "$(cat "$W/init.out")"
PW='canon-editor-passphrase-1'
printf '%s\n' "$PW" | "$QUIRE" user add editor --name Editor --db "$DB" \
    >"$W/useradd.out" 2>&1 ||
    bail "quire user add creates the editor's account" "$(cat "$W/useradd.out")"
# WordPress's old addresses, as an import leaves them.
q "INSERT INTO redirects (path, article_id, created_at) VALUES ('/?p=77', 2, $T0)"
q "INSERT INTO redirects (path, target, created_at) VALUES ('/?page_id=8', '/about', $T0)"
# An automatic redirect: an article's address of before.
q "INSERT INTO redirects (path, article_id, created_at) VALUES ('/2020/01/old-name', 3, $T0)"

ART=/$(q "SELECT strftime('%Y/%m/', published_at, 'unixepoch') || slug FROM articles WHERE id = 1")
ART2=/$(q "SELECT strftime('%Y/%m/', published_at, 'unixepoch') || slug FROM articles WHERE id = 2")
ART3=/$(q "SELECT strftime('%Y/%m/', published_at, 'unixepoch') || slug FROM articles WHERE id = 3")
YEAR=${ART:1:4}
MONTH=${ART:1:7}

start_site "--max-age 60" ||
    bail "src/run.sh starts and answers on 127.0.0.1" "$(tail -n 20 "$VAR/server.log" 2>/dev/null)"
ok "src/run.sh starts nginx and quire on 127.0.0.1:$port"

# ---------------------------------------------------------------------------
# Every reader page: its canonical address is 200; with a parameter it does
# not take, 301 there (GET and HEAD), and the target is 200 with no redirect.

get home /
OLDER=$(grab 'href="(\/\?before=[0-9]+-[0-9]+)"' "$H/home.b")
[ -n "$OLDER" ] || bail "the home page links an older page (?before=)" "status $code"
get search1 '/search?q=the'
[ "$code" = 200 ] || bail "a search answers" "status $code"
SEARCH2=$(grab 'href="(\/search\?q=the&amp;page=2)"' "$H/search1.b")
check "a search's next page is linked at its canonical address (?q=...&page=2)" \
    "$(grep -o 'href="/search[^"]*"' "$H/search1.b")" [ -n "$SEARCH2" ]

PAGES=(/ "$OLDER" /archive "/archive/$YEAR" "/archive/$MONTH" "$ART" /about
    /tags /tag/books /tag/caf%C3%A9 /feed.atom /feed.rss /feed.json
    /tag/books/feed.atom /tag/books/feed.rss /tag/books/feed.json /search
    '/search?q=the' '/search?q=the&page=2' /sitemap.xml /robots.txt
    /disclaimer)
n=0 bad=""
for u in "${PAGES[@]}"; do
	n=$((n + 1))
	case $u in
	*\?*) stray="$u&r=9999" ;;
	*) stray="$u?r=9999" ;;
	esac
	get "c$n" "$u"
	[ "$code" = 200 ] || { bad+="GET $u: $code"$'\n'; continue; }
	get "s$n" "$stray"
	loc=$(hdr "$H/s$n.h" Location)
	[ "$code" = 301 ] && [ "$loc" = "$base$u" ] ||
	    { bad+="GET $stray: $code, Location $loc"$'\n'; continue; }
	[ "$(hdr "$H/s$n.h" Cache-Control)" = "public, max-age=60" ] ||
	    bad+="GET $stray: Cache-Control $(hdr "$H/s$n.h" Cache-Control)"$'\n'
	get "f$n" "${loc#"$base"}"
	[ "$code" = 200 ] || bad+="following $stray to $loc: $code"$'\n'
	get "h$n" "$stray" -I
	[ "$code" = 301 ] && [ "$(hdr "$H/h$n.h" Location)" = "$base$u" ] ||
	    bad+="HEAD $stray: $code"$'\n'
done
check "each of the ${#PAGES[@]} reader pages answers 200 at its canonical address; with ?r=9999 a 301 there (GET and HEAD, public, max-age), and the target is 200, no further redirect" \
    "$bad" [ -z "$bad" ]

# moved NAME PATH TO: GET PATH is a 301 to the base URL and TO, and TO is
# 200 without a redirect. Sets mv (1 when so) and loc.
mv=0 loc=""
moved() {
	get "$1" "$2"
	loc=$(hdr "$H/$1.h" Location)
	mv=0
	[ "$code" = 301 ] && [ "$loc" = "$base$3" ] || return 0
	get "$1.to" "$3"
	[ "$code" = 200 ] && mv=1
	return 0
}

moved o1 '/search?page=2&q=the' '/search?q=the&page=2'
check "another order: /search?page=2&q=the -> ?q=the&page=2" "Location $loc" [ "$mv" = 1 ]
moved o2 '/search?q=zzz&q=the' '/search?q=the'
check "a parameter twice: the value the page uses (the last), once" "Location $loc" [ "$mv" = 1 ]
moved o3 '/search?q=' '/search'
check "an empty value is no value: /search?q= -> /search" "Location $loc" [ "$mv" = 1 ]
moved o4 '/search?q=library%20knew' '/search?q=library+knew'
check "another spelling: %20 -> + (as a browser's form sends it)" "Location $loc" [ "$mv" = 1 ]
get o4b '/search?q=library+knew'
check "... and the form's own spelling is canonical: 200" "status $code" [ "$code" = 200 ]
moved o5 '/search?q=%3c%21%3E' '/search?q=%3C%21%3E'
check "lowercase escapes -> uppercase" "Location $loc" [ "$mv" = 1 ]
moved o6 '/archive?' /archive
check "a bare '?': 301 to the address without it" "Location $loc" [ "$mv" = 1 ]
moved o7 '/archive?utm_source=x&utm_medium=y&fbclid=z' /archive
check "tracking parameters: one hop to the page" "Location $loc" [ "$mv" = 1 ]
moved o8 '/tag/caf%C3%A9?x=1' '/tag/caf%C3%A9'
check "a tag of UTF-8: the Location is percent-encoded" "Location $loc" [ "$mv" = 1 ]
moved o9 "/?before=1-1&${OLDER#/?}" "$OLDER"
check "the home page's cursor given twice: the last one, kept as it is" "Location $loc" [ "$mv" = 1 ]
moved o10 '/archive/?x=1' /archive
check "a trailing slash with a stray parameter: one hop, to the canonical address" "Location $loc" [ "$mv" = 1 ]

# Bad values are refused where they always were, never redirected.
get b1 '/archive?page=abc'
check "?page=abc on a page that does not take it: 400, not a redirect" "status $code" [ "$code" = 400 ]
get b2 '/search?q=the&page=abc'
check "?page=abc on the search: 400" "status $code" [ "$code" = 400 ]
get b3 '/?before=zzz'
check "?before=zzz: 400" "status $code" [ "$code" = 400 ]
get b4 '/search?q=the&page=999'
check "a search page past the last: 404, not a redirect" "status $code" [ "$code" = 404 ]
get b5 '/no-such-page?x=1'
check "no page at the path: 404 with or without a query, not a redirect" "status $code" [ "$code" = 404 ]
get b6 '/archive?r=abc'
check "?r=abc: 400 (r is a revision)" "status $code" [ "$code" = 400 ]

# The feed readers' aliases redirect already, keeping no query: one hop.
moved a1 '/feed?x=1' /feed.atom
check "/feed?x=1: one hop to /feed.atom" "Location $loc" [ "$mv" = 1 ]
moved a2 '/rss.xml?x=1' /feed.rss
check "/rss.xml?x=1: one hop to /feed.rss" "Location $loc" [ "$mv" = 1 ]

# Old addresses: WordPress's and an article's, with or without tracking.
moved w1 '/?p=77' "$ART2"
check "WordPress's /?p=77: 301 to the article" "Location $loc" [ "$mv" = 1 ]
moved w2 '/?p=77&utm_source=feed' "$ART2"
check "/?p=77&utm_source=feed: one hop to the article" "Location $loc" [ "$mv" = 1 ]
moved w3 '/?page_id=8' /about
check "WordPress's /?page_id=8: 301 to the page" "Location $loc" [ "$mv" = 1 ]
moved w4 '/2020/01/old-name?utm_source=x' "$ART3"
check "an article's old address with a tracking parameter: one hop to where it is" \
    "Location $loc" [ "$mv" = 1 ]
get w5 '/?p=78'
check "/?p=78 (no such redirect): 404" "status $code" [ "$code" = 404 ]

# The admin's View link: ?r= the revision the page has; any other goes.
REV=$(q "SELECT revision FROM articles WHERE id = 1")
get r1 "$ART?r=$REV"
check "?r=REVISION (the admin's View link) at the article's revision: 200" \
    "status $code" [ "$code" = 200 ]
check "... whose canonical link is the address alone" \
    "$(grep -o '<link rel="canonical"[^>]*>' "$H/r1.b")" \
    has r1 "<link rel=\"canonical\" href=\"$base$ART\">"
moved r2 "$ART?r=$((REV + 1))" "$ART"
check "?r= another revision: 301 to the address alone" "Location $loc" [ "$mv" = 1 ]
PREV=$(q "SELECT revision FROM pages WHERE slug = 'about'")
get r3 "/about?r=$PREV"
check "a static page at its revision (?r=): 200" "status $code" [ "$code" = 200 ]

# The admin is left alone: never cached, and its links carry what it needs.
get adm1 '/admin/login?x=1'
check "the admin's pages are not redirected: /admin/login?x=1 is 200" "status $code" [ "$code" = 200 ]

JAR=$W/editor.jar
get signin /admin/login -c "$JAR" --data-urlencode login=editor --data-urlencode "password=$PW"
[ "$code" = 303 ] || bail "the editor signs in" "status $code"
get adm2 '/admin?utm=1' -b "$JAR"
check "/admin?utm=1 with a session: 200, not redirected" "status $code" [ "$code" = 200 ]
get newform /admin/articles/new -b "$JAR"
CSRF=$(grab 'name="csrf" value="([0-9a-f]{64})"' "$H/newform.b")
[ -n "$CSRF" ] || bail "the editor gets a CSRF token" "status $code"
get list /admin -b "$JAR"
VIEW=$(grab 'href="(\/[0-9]{4}\/[0-9]{2}\/[a-z0-9-]+\?r=[0-9]+)"' "$H/list.b")
get view "$VIEW"
check "the admin list's View link ($VIEW) answers 200 itself" "status $code" [ "$code" = 200 ]

# ---------------------------------------------------------------------------
# Slow Markdown: refused at save and preview, the text kept, nothing stored

# The issue's body, "![[]()" repeated, as long as the editor takes it
# (500,000 characters; cmark 0.30.2 takes seconds). Sent raw (nothing in
# it needs escaping in a form), as a browser could.
perl -e 'print "![[]()" x 83333' > "$W/slow.md"
dump() {
	sqlite3 -init /dev/null "$DB" .dump | md5sum
}
# form NAME PATH ACTION BODYFILE: the editor's form for a new article.
form() {
	{
		printf 'csrf=%s&action=%s&title=Slow+one&slug=&date=&time=' "$CSRF" "$3"
		printf '&excerpt=&author=&tags=&revision=0&body='
		cat "$4"
	} > "$W/$1.form"
	get "$1" "$2" -b "$JAR" -H 'Content-Type: application/x-www-form-urlencoded' \
	    --data-binary "@$W/$1.form"
}
# kept NAME FILE: the textarea holds FILE's text, byte for byte.
kept() {
	perl -0777 -ne 'print $1 if /<textarea id="body" name="body"[^>]*>\n(.*?)<\/textarea>/s' \
	    "$H/$1.b" | cmp -s - "$2"
}

d0=$(dump)
form slow1 /admin/articles/new draft "$W/slow.md"
check "saving a 500 KB \"![[]()\" body: 400, with a message on the text field" \
    "status $code; $(grep -o 'id="body-err">[^<]*' "$H/slow1.b")" \
    eval '[ "$code" = 400 ] && has slow1 "id=\"body-err\">This text would take too long to show to readers"'
check "... the text kept in the form, byte for byte" "" kept slow1 "$W/slow.md"
check "... and the database unchanged" "" eval '[ "$(dump)" = "$d0" ]'

form slow2 /admin/articles/new preview "$W/slow.md"
check "previewing it: refused the same way, no preview drawn" \
    "status $code; $(grep -o 'id="body-err">[^<]*' "$H/slow2.b")" \
    eval '[ "$code" = 400 ] && has slow2 "id=\"body-err\">This text would take" && ! has slow2 "class=\"preview\""'
check "... the text kept" "" kept slow2 "$W/slow.md"

form slow3 /admin/articles/new publish "$W/slow.md"
check "publishing it: refused, the database unchanged" "status $code" \
    eval '[ "$code" = 400 ] && [ "$(dump)" = "$d0" ]'

# An article already there: its stored body stays as it was.
body1=$(q "SELECT body FROM articles WHERE id = 1" | md5sum)
post_article slow4 1 publish "body=$(head -c 120000 "$W/slow.md")"
check "an existing article edited to such a body: 400, its stored body unchanged" \
    "status $code" eval '[ "$code" = 400 ] && [ "$(q "SELECT body FROM articles WHERE id = 1" | md5sum)" = "$body1" ]'

# One stored before the check (written behind quire's back) can still be
# taken off the site: unpublishing asks nothing of the body.
q "UPDATE articles SET body = '$(head -c 60000 "$W/slow.md")' WHERE id = 4"
post_article slow5 4 unpublish
check "unpublishing an article whose stored body is that slow: done (303), now a draft" \
    "status $code" eval '[ "$code" = 303 ] && [ "$(q "SELECT status FROM articles WHERE id = 4")" = draft ]'

# Below the line: the same figure, a few of them, is an ordinary text.
perl -e 'print "![[]()" x 100' > "$W/few.md"
form few /admin/articles/new draft "$W/few.md"
check "a hundred \"![[]()\": saved (303)" "status $code" [ "$code" = 303 ]

# A big ordinary article: about 200 KB of headings, prose, links, images,
# lists, quotes and code, saved and read.
perl -e 'my $i = 0; my $s = "";
    while (length($s) < 200000) { $i++;
	$s .= "## Section $i\n\nSome *ordinary* prose with a [link $i](https://example.org/$i), `code`, an image ![alt $i](/static/i$i.png) and **bold** words, \"quotes\" -- dashes... [brackets] (parens).\n\n- item one\n- item [two](/two)\n\n> a quote\n\n```\ncode [block] ![x\n```\n\n" }
    print $s' > "$W/big.md"
n0=$(q "SELECT count(*) FROM articles")
get big /admin/articles/new -b "$JAR" --data-urlencode "csrf=$CSRF" \
    --data-urlencode action=publish --data-urlencode "title=A big one" \
    --data-urlencode date=2025-06-14 --data-urlencode time=10:00 \
    --data-urlencode "body@$W/big.md" --data-urlencode revision=0
check "a 200 KB ordinary article: published (303)" "status $code; $(grep -o 'class="error"[^<]*' "$H/big.b" | head -n 3)" \
    eval '[ "$code" = 303 ] && [ "$(q "SELECT count(*) FROM articles")" = $((n0 + 1)) ]'
check "... stored whole" "" eval '[ "$(q "SELECT length(body) FROM articles WHERE slug = '"'a-big-one'"'")" = "$(wc -c < "$W/big.md")" ]'
get bigread /2025/06/a-big-one
check "... and read: 200, its last section there" "status $code" \
    eval '[ "$code" = 200 ] && has bigread "Section $(grep -c "^## " "$W/big.md")<"'

# The import refuses such a body as the editor does: all or nothing,
# naming the file (quire import; /admin/tools shares port_import()).
"$QUIRE" init --db "$W/imp.db" >"$W/impinit.out" 2>&1 ||
    bail "quire init creates an empty database" "$(cat "$W/impinit.out")"
cp -r tests/fixtures/md/hugo "$W/imp"
{ printf -- '---\ntitle: Slow\ndate: 2024-01-01\n---\n'; cat "$W/slow.md"; } \
    > "$W/imp/content/posts/zz-slow.md"
sqlite3 -init /dev/null "$W/imp.db" .dump > "$W/imp0.sql"
"$QUIRE" import "$W/imp" --db "$W/imp.db" >"$W/imp.out" 2>"$W/imp.err" </dev/null
rc=$?
sqlite3 -init /dev/null "$W/imp.db" .dump > "$W/imp1.sql"
check "quire import of a folder with such a body: nothing imported, the file named" \
    "status $rc: $(head -c 300 "$W/imp.err")" \
    eval '[ "$rc" = 1 ] && grep -qF "content/posts/zz-slow.md:1: body: This text would take too long" "$W/imp.err" && cmp -s "$W/imp0.sql" "$W/imp1.sql"'
rm "$W/imp/content/posts/zz-slow.md"
"$QUIRE" import "$W/imp" --db "$W/imp.db" >"$W/imp2.out" 2>"$W/imp2.err" </dev/null
check "... and without it, the folder imports" "status $?: $(head -c 300 "$W/imp2.err")" \
    eval '[ "$(sqlite3 "$W/imp.db" "SELECT count(*) FROM articles")" -gt 0 ]'

stop_site
echo "# e2e canon: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
