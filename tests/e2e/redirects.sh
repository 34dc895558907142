#!/usr/bin/env bash
# End-to-end tests of old addresses (issue 8), through src/run.sh (nginx in
# front of `quire serve`) on the tests' clock:
#
#   bash tests/e2e/redirects.sh [QUIRE_BINARY]     (from the repo root)
#
# An article whose slug or month changes in the editor keeps its old
# addresses, each a 301 straight to where it is now; unpublished, they are
# 404; a new article at an old address wins it. /admin/redirects adds
# (with CSRF) and deletes manual redirects, and refuses loops, chains, live
# sources and malformed paths with a message and nothing stored. Sources
# are never in the sitemap.
#
# One line per check, "ok - ..." or "not ok - ..." with indented details;
# the exit status is 1 if any check failed. Needs: curl, sqlite3, nginx,
# perl. KEEP_E2E=1 keeps the temporary folder.

# Checks pass single-quoted conditions to eval, on purpose:
# shellcheck disable=SC2016
set -u

# shellcheck source=tests/e2e/lib.sh
. "$(dirname "$0")/lib.sh"
e2e_init redirects "${1:-}"

need curl sqlite3 nginx perl pgrep
[ -x "$QUIRE" ] || bail "the binary $QUIRE exists" "build it with make"
echo "# e2e redirects: $QUIRE"

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

# moved NAME OLD NEW: GET OLD is a 301 whose Location is the base URL and NEW.
# Sets loc and mv (1 when so) for the check that follows.
loc="" mv=0
moved() {
	get "$1" "$2"
	loc=$(hdr "$H/$1.h" Location)
	mv=0
	if [ "$code" = 301 ] && [ "$loc" = "$base$3" ]; then mv=1; fi
}

"$QUIRE" init --db "$DB" --demo >"$W/init.out" 2>&1 ||
    bail "quire init --demo creates the test database" "$(cat "$W/init.out")"
PW='redirects-editor-passphrase-1'
printf '%s\n' "$PW" | "$QUIRE" user add editor --name Editor --db "$DB" \
    >"$W/useradd.out" 2>&1 ||
    bail "quire user add creates the editor's account" "$(cat "$W/useradd.out")"
q "INSERT INTO articles (slug, title, excerpt, body, status, published_at,
    created_at, updated_at) VALUES ('first-name', 'Moving article', '',
    'It moves.', 'published', $((T0 - 86400)), $T0, $T0)"
AID=$(q "SELECT id FROM articles WHERE slug = 'first-name'")

start_site "--max-age 60" ||
    bail "src/run.sh starts and answers on 127.0.0.1" "$(tail -n 20 "$VAR/server.log" 2>/dev/null)"
ok "src/run.sh starts nginx and quire on 127.0.0.1:$port"

JAR=$W/editor.jar
get signin /admin/login -c "$JAR" --data-urlencode login=editor --data-urlencode "password=$PW"
[ "$code" = 303 ] || bail "the editor signs in" "status $code"
get newform /admin/articles/new -b "$JAR"
CSRF=$(grab 'name="csrf" value="([0-9a-f]{64})"' "$H/newform.b")
[ -n "$CSRF" ] || bail "the editor gets a CSRF token" "status $code"


# ---------------------------------------------------------------------------
# Automatic: the editor changes a slug, a month, then the slug again

get live0 /2025/06/first-name
check "the article lives at /2025/06/first-name" "status $code" [ "$code" = 200 ]
post_article slug1 "$AID" publish slug=second-name
check "the editor changes the slug to second-name (303)" "status $code" [ "$code" = 303 ]
moved m1 /2025/06/first-name /2025/06/second-name
check "GET the old address: 301 to the new one, from the base URL" "status $code; Location $loc" [ "$mv" = 1 ]
check "the 301 carries the reader pages' Cache-Control (public, max-age)" \
    "$(hdr "$H/m1.h" Cache-Control)" \
    eval '[ "$(hdr "$H/m1.h" Cache-Control)" = "public, max-age=60" ]'
get h1 /2025/06/first-name -I
check "HEAD of the old address: 301 too" "status $code" \
    eval '[ "$code" = 301 ] && [ "$(hdr "$H/h1.h" Location)" = "$base/2025/06/second-name" ]'
check "one automatic redirect is stored, to the article's id" \
    "$(q "SELECT path, article_id, target FROM redirects")" \
    eval '[ "$(q "SELECT path || \"|\" || article_id || \"|\" || ifnull(target, \"NULL\") FROM redirects")" = "/2025/06/first-name|$AID|NULL" ]'

post_article date1 "$AID" publish date=2025-03-10
check "the editor moves it to March (303)" "status $code" [ "$code" = 303 ]
moved m2 /2025/06/second-name /2025/03/second-name
check "the June address of the new slug: 301 to March" "status $code; Location $loc" [ "$mv" = 1 ]
moved m3 /2025/06/first-name /2025/03/second-name
check "the first address: 301 straight to March (no chain)" "status $code; Location $loc" [ "$mv" = 1 ]

post_article slug2 "$AID" publish slug=third-name
check "the editor renames it once more (303)" "status $code" [ "$code" = 303 ]
moved m4 /2025/06/first-name /2025/03/third-name
check "first-name: one hop to the current address" "status $code; Location $loc" [ "$mv" = 1 ]
moved m5 /2025/03/second-name /2025/03/third-name
check "second-name in March: one hop to the current address" "status $code; Location $loc" [ "$mv" = 1 ]
get live1 /2025/03/third-name
check "the current address is the page itself, 200" "status $code" [ "$code" = 200 ]

# A conflict (stale revision) stores nothing.
n_before=$(q "SELECT count(*) FROM redirects")
post_article stale "$AID" publish slug=fourth-name revision=1
check "a save refused as a conflict (409) records no redirect" "status $code; $(q "SELECT path FROM redirects")" \
    eval '[ "$code" = 409 ] && [ "$(q "SELECT count(*) FROM redirects")" = "$n_before" ] && [ "$(q "SELECT count(*) FROM redirects WHERE path LIKE \"%third-name\"")" = 0 ]'

# ---------------------------------------------------------------------------
# A new article taking an old address wins it

get nw /admin/articles/new -b "$JAR" --data-urlencode "csrf=$CSRF" \
    --data-urlencode action=publish --data-urlencode "title=Newcomer" \
    --data-urlencode slug=first-name --data-urlencode date=2025-06-14 \
    --data-urlencode time=10:00 --data-urlencode "body=New here." \
    --data-urlencode revision=0
check "a new article is published at first-name in June (303)" "status $code" [ "$code" = 303 ]
get won /2025/06/first-name
check "its address is its own page (200), not the old redirect" "status $code" \
    eval '[ "$code" = 200 ] && has won "Newcomer"'
check "the stale redirect was dropped in the save" "$(q "SELECT path FROM redirects")" \
    eval '[ "$(q "SELECT count(*) FROM redirects WHERE path = \"/2025/06/first-name\"")" = 0 ]'

# ---------------------------------------------------------------------------
# Unpublished: 404; published again: 301 again; deleted: gone

post_article unpub "$AID" unpublish
get u1 /2025/03/second-name
check "unpublished: the old address is 404" "unpublish $?; status $code" [ "$code" = 404 ]
get u2 /2025/03/third-name
check "unpublished: its own address is 404 too" "status $code" [ "$code" = 404 ]
post_article repub "$AID" publish
moved m6 /2025/03/second-name /2025/03/third-name
check "published again: the old address is a 301 again" "status $code; Location $loc" [ "$mv" = 1 ]
get del "/admin/articles/$AID/delete" -b "$JAR" --data-urlencode "csrf=$CSRF" \
    --data-urlencode "revision=$(q "SELECT revision FROM articles WHERE id = $AID")"
get d1 /2025/03/second-name
check "deleted: the old address is 404 and its rows are gone (cascade)" \
    "delete $code; status $(cat "$H/d1.h" | head -1)" \
    eval 'grep -q "^HTTP/[0-9.]* 404" "$H/d1.h" && [ "$(q "SELECT count(*) FROM redirects WHERE article_id = $AID")" = 0 ]'

# ---------------------------------------------------------------------------
# Manual redirects, /admin/redirects

get page /admin/redirects -b "$JAR"
check "GET /admin/redirects: 200, the form, and the admin menu links it" "status $code" \
    eval '[ "$code" = 200 ] && has page "name=\"from\"" && has page "name=\"to\"" && has page "<a href=\"/admin/redirects\">Redirects</a>"'
get anon /admin/redirects
check "signed out: /admin/redirects sends to the sign-in form" "status $code" \
    eval '[ "$code" = 303 ] || [ "$code" = 302 ]'

# add NAME FROM TO [CSRF]
add() {
	get "$1" /admin/redirects -b "$JAR" --data-urlencode "csrf=${4-$CSRF}" \
	    --data-urlencode "from=$2" --data-urlencode "to=$3"
}
add nocsrf /old-blog/post.html /about ''
check "without the CSRF token: 403 and nothing stored" "status $code" \
    eval '[ "$code" = 403 ] && [ "$(q "SELECT count(*) FROM redirects WHERE path = \"/old-blog/post.html\"")" = 0 ]'
add a1 /old-blog/post.html /about
check "add /old-blog/post.html -> /about: 303 to the list" "status $code; $(hdr "$H/a1.h" Location)" \
    eval '[ "$code" = 303 ] && [ "$(q "SELECT target FROM redirects WHERE path = \"/old-blog/post.html\"")" = /about ]'
moved m7 /old-blog/post.html /about
check "GET /old-blog/post.html: 301 to the base URL's /about (instead of 404)" \
    "status $code; Location $loc" [ "$mv" = 1 ]
get listed /admin/redirects -b "$JAR"
check "the list shows it" "status $code" \
    eval '[ "$code" = 200 ] && has listed "<code>/old-blog/post.html</code>"'
add a2 '/caf%C3%A9/' /2021/01/why-start-a-blog-now
check "a percent-encoded source is stored decoded (/café/)" "status $code; $(q "SELECT path FROM redirects")" \
    eval '[ "$code" = 303 ] && [ "$(q "SELECT count(*) FROM redirects WHERE path = \"/café/\"")" = 1 ]'
moved m8 '/caf%C3%A9/' /2021/01/why-start-a-blog-now
check "GET /caf%C3%A9/: 301" "status $code; Location $loc" [ "$mv" = 1 ]
add a3 /2019/05/hello/ '/new place/x'
moved m9 /2019/05/hello/ '/new%20place/x'
check "a target is written percent-encoded in Location" "status $code; Location $loc" [ "$mv" = 1 ]
# WordPress's own old addresses: /?p=ID and /?page_id=ID.
add a4 '/?p=123' /about
moved m10 '/?p=123' /about
check "WordPress's /?p=123 can be a source: GET /?p=123 is a 301 to /about, not the home page" \
    "status $code; Location $loc" [ "$mv" = 1 ]
add a5 '/?page_id=7' /contribute
moved m11 '/?page_id=7' /contribute
check "... and /?page_id=7: 301 to /contribute" "status $code; Location $loc" [ "$mv" = 1 ]
# A redirect to a static page readers cannot see tells nothing: 404 while
# it is a draft, a 301 once it is published.
q "INSERT INTO pages (slug, title, body, status, created_at, updated_at)
   VALUES ('secret-plan', 'Secret', 'x', 'draft', 1, 1)"
add a6 '/?page_id=42' /secret-plan
get wphidden '/?page_id=42'
check "a redirect to a draft page: 404, its address not told" \
    "status $code; $(hdr "$H/wphidden.h" Location)" \
    eval '[ "$code" = 404 ] && ! grep -qi "secret-plan" "$H/wphidden.h" "$H/wphidden.b"'
q "UPDATE pages SET status = 'published' WHERE slug = 'secret-plan'"
moved m12 '/?page_id=42' /secret-plan
check "... and a 301 to it once the page is published" "status $code; Location $loc" [ "$mv" = 1 ]
get wp404 '/?p=124'
check "/?p=124, which no redirect has: 404, not the home page" "status $code" [ "$code" = 404 ]
get wp400 '/?p=abc'
check "/?p=abc: 400" "status $code" [ "$code" = 400 ]
get listed_wp /admin/redirects -b "$JAR"
check "the list shows /?p=123 as it is (a link to /?p=123, not /%3Fp=123)" "status $code" \
    eval '[ "$code" = 200 ] && has listed_wp "<code>/?p=123</code>" && ! grep -q "%3Fp=123" "$H/listed_wp.b"'

# Refusals: a message next to the field, what was typed kept, nothing stored.
n=$(q "SELECT count(*) FROM redirects")
# refused NAME FROM TO MESSAGE: sets rf (1 when refused so) for the check.
rf=0 rn=""
errs() {
	grep -o '<span class="error"[^<]*' "$H/$rn.b"
}
refused() {
	rn=$1
	add "$1" "$2" "$3"
	rf=0
	if [ "$code" = 400 ] && has "$1" "$4" && has "$1" 'class="error"' &&
	    [ "$(q "SELECT count(*) FROM redirects")" = "$n" ]; then rf=1; fi
}
refused r1 /x /x 'would loop'
check "a loop (to itself) is refused" "status $code; $(errs)" [ "$rf" = 1 ]
add p1 /p /q
n=$(q "SELECT count(*) FROM redirects")
refused r2 /q /p 'This would loop: /p already redirects to /q.'
check "a loop through another redirect is refused, naming it" "status $code; $(errs)" [ "$rf" = 1 ]
refused r3 /y /old-blog/post.html '/old-blog/post.html is itself redirected to /about'
check "a chain (the target is a source) is refused, naming it" "status $code; $(errs)" [ "$rf" = 1 ]
refused r4 /q /elsewhere 'would make a chain: /p already redirects to /q.'
check "a chain (the source is a target) is refused, naming it" "status $code; $(errs)" [ "$rf" = 1 ]
refused r5 /old-blog/post.html /contribute 'already redirects to /about'
check "a source taken twice is refused" "status $code; $(errs)" [ "$rf" = 1 ]
refused r6 /about /contribute 'The page &quot;About&quot; answers'
check "a live page as source is refused (/about)" "status $code; $(errs)" [ "$rf" = 1 ]
refused r7 /admin/settings /about "an address of the site&#39;s own"
check "an admin address as source is refused" "status $code; $(errs)" [ "$rf" = 1 ]
refused r8 /archive /about "the site&#39;s own"
check "a route of the site as source is refused (/archive)" "status $code; $(errs)" [ "$rf" = 1 ]
refused r9 /2020/02/why-start-a-blog-now /about 'answers at or under its slug'
check "a live article's address (under any month) is refused" "status $code; $(errs)" [ "$rf" = 1 ]
refused r10 "/index.php?p=123" /about "no query"
check "any other query is refused (/index.php?p=123), the input kept" "status $code" \
    eval '[ "$rf" = 1 ] && has r10 "value=\"/index.php?p=123\""'
refused r10b /wp-old "/?p=5" "with no query"
check "a WordPress query as a target is refused" "status $code; $(errs)" [ "$rf" = 1 ]
refused r11 old/page /about 'starts with'
check "a path without a leading / is refused" "status $code; $(errs)" [ "$rf" = 1 ]
refused r12 /elsewhere //evil.example/ "may not start with"
check "a //host target is refused" "status $code; $(errs)" [ "$rf" = 1 ]
refused r13 /elsewhere https://evil.example/ 'starts with'
check "a full URL target is refused" "status $code; $(errs)" [ "$rf" = 1 ]
refused r14 '/a%zz' /about 'Malformed percent-escape'
check "a malformed escape is refused" "status $code; $(errs)" [ "$rf" = 1 ]
refused r15 /a/../b /about 'segment'
check "a dot segment is refused" "status $code; $(errs)" [ "$rf" = 1 ]

# ---------------------------------------------------------------------------
# The sitemap lists live pages only

get sm /sitemap.xml
check "no redirect source is in /sitemap.xml" "status $code" \
    eval '[ "$code" = 200 ] && has sm "/about</loc>" && ! has sm "old-blog" && ! has sm "/2019/05/hello" && ! has sm "second-name"'

# ---------------------------------------------------------------------------
# Delete

RID=$(q "SELECT id FROM redirects WHERE path = '/old-blog/post.html'")
get dn "/admin/redirects/$RID/delete" -b "$JAR" --data-urlencode "csrf="
check "delete without the CSRF token: 403, the redirect stays" "status $code" \
    eval '[ "$code" = 403 ] && [ "$(q "SELECT count(*) FROM redirects WHERE id = $RID")" = 1 ]'
get dl "/admin/redirects/$RID/delete" -b "$JAR" --data-urlencode "csrf=$CSRF"
check "delete: 303 to the list, the row gone" "status $code" \
    eval '[ "$code" = 303 ] && [ "$(q "SELECT count(*) FROM redirects WHERE id = $RID")" = 0 ]'
get gone /old-blog/post.html
check "after the delete the old path is 404" "status $code" [ "$code" = 404 ]
get dl2 "/admin/redirects/$RID/delete" -b "$JAR" --data-urlencode "csrf=$CSRF"
check "deleting it again: 404" "status $code" [ "$code" = 404 ]
get dg "/admin/redirects/$RID/delete" -b "$JAR"
check "GET of the delete address: 405" "status $code" [ "$code" = 405 ]

stop_site
check "the site stops cleanly" "status $run_status" [ "$run_killed" = 0 ]
echo "# $pass passed, $fail failed"
[ "$fail" -eq 0 ]
