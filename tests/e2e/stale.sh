#!/usr/bin/env bash
# End-to-end test that what a worker keeps is never served stale (issue
# 10), through src/run.sh (nginx in front of `quire serve`, four workers):
#
#   bash tests/e2e/stale.sh [QUIRE_BINARY]     (from the repo root)
#
# Every worker renders an article and keeps it (rcache.c) and keeps the
# settings (sitecache.c). Then the article is saved through the editor (one
# worker), written behind quire's back with sqlite3 (another connection,
# no new revision), and a setting is changed the same way: after each, 48
# requests at once, spread over every worker, all show the new text and
# none the old.
#
# One line per check, "ok - ..." or "not ok - ..." with indented details;
# the exit status is 1 if any check failed. Needs: curl, sqlite3, nginx.
# KEEP_E2E=1 keeps the temporary folder.

# Checks pass single-quoted conditions to eval, on purpose:
# shellcheck disable=SC2016
set -u

# shellcheck source=tests/e2e/lib.sh
. "$(dirname "$0")/lib.sh"
e2e_init stale "${1:-}"

need curl sqlite3 nginx perl pgrep
[ -x "$QUIRE" ] || bail "the binary $QUIRE exists" "build it with make"
echo "# e2e stale: $QUIRE"

e2e_workdir
H=$W/http
VAR=$W/var
DB=$W/site.db
mkdir -p "$H" "$VAR"
T0=1750000000	# 2025-06-15 15:06 UTC
clock_init "$W/clock" "$T0"
N=48

q() {
	sqlite3 -init /dev/null -batch -noheader "$DB" "$@"
}

"$QUIRE" init --db "$DB" --demo >"$W/init.out" 2>&1 ||
    bail "quire init --demo creates the test database" "$(cat "$W/init.out")"
PW='stale-editor-passphrase-1'
printf '%s\n' "$PW" | "$QUIRE" user add editor --name Editor --db "$DB" \
    >"$W/useradd.out" 2>&1 ||
    bail "quire user add creates the editor's account" "$(cat "$W/useradd.out")"
q "INSERT INTO articles (slug, title, excerpt, body, status, published_at,
    created_at, updated_at) VALUES ('kept-article', 'Kept article', '',
    'Version one of the body.', 'published', $((T0 - 86400)), $T0, $T0)"
AID=$(q "SELECT id FROM articles WHERE slug = 'kept-article'")
URL=/2025/06/kept-article

WORKERS=4 start_site "--cache-mb 2" ||
    bail "src/run.sh starts four workers behind nginx" "$(tail -n 20 "$VAR/server.log" 2>/dev/null)"
ok "src/run.sh starts nginx and four quire workers on 127.0.0.1:$port"

# burst NAME PATH: N requests at once; prints how many answered 200.
burst() {
	local i
	for ((i = 0; i < N; i++)); do
		curl -s -m 30 -o "$H/$1-$i.b" -w '%{http_code}\n' "$base$2" \
		    > "$H/$1-$i.code" 2>/dev/null &
	done
	wait
	cat "$H/$1-"*.code | grep -c '^200$'
}
# count NAME TEXT: how many of a burst's answers hold TEXT.
count() {
	grep -lF -- "$2" "$H/$1-"*.b 2>/dev/null | wc -l
}

n=$(burst warm "$URL")
check "$N requests at once (every worker renders the article and keeps it): all 200 with version one" \
    "$n answered 200; $(count warm 'Version one') with version one" \
    eval '[ "$n" = "$N" ] && [ "$(count warm "Version one")" = "$N" ]'

JAR=$W/editor.jar
get signin /admin/login -c "$JAR" --data-urlencode login=editor --data-urlencode "password=$PW"
[ "$code" = 303 ] || bail "the editor signs in" "status $code"
get newform /admin/articles/new -b "$JAR"
CSRF=$(perl -ne 'if (/name="csrf" value="([0-9a-f]{64})"/) { print $1; exit }' "$H/newform.b")
[ -n "$CSRF" ] || bail "the editor gets a CSRF token" "status $code"

post_article save "$AID" publish "body=Version two of the body."
check "the editor saves version two (303)" "status $code" [ "$code" = 303 ]
n=$(burst two "$URL")
check "right after the save, $N requests at once: every one shows version two, none version one" \
    "$n answered 200; $(count two 'Version two') with version two, $(count two 'Version one') with version one" \
    eval '[ "$n" = "$N" ] && [ "$(count two "Version two")" = "$N" ] && [ "$(count two "Version one")" = 0 ]'

# Behind quire's back: no new revision, only PRAGMA data_version moves.
q "UPDATE articles SET body = 'Version three of the body.' WHERE id = $AID"
n=$(burst three "$URL")
check "written with sqlite3 (same revision): every one of $N shows version three, none version two" \
    "$n answered 200; $(count three 'Version three') with version three, $(count three 'Version two') with version two" \
    eval '[ "$n" = "$N" ] && [ "$(count three "Version three")" = "$N" ] && [ "$(count three "Version two")" = 0 ]'

q "UPDATE settings SET value = 'A subtitle written behind the workers back' WHERE key = 'subtitle'"
n=$(burst sub "$URL")
check "a setting written with sqlite3: every one of $N shows the new subtitle" \
    "$n answered 200; $(count sub 'A subtitle written behind') with it" \
    eval '[ "$n" = "$N" ] && [ "$(count sub "A subtitle written behind")" = "$N" ]'

# Lists and the article's page read an article's Markdown only when the
# worker has not kept what they show of it (body.c): with nothing kept,
# every page reads it. A tag first, for the tag's page and feed.
post_article tagged "$AID" publish "tags=stale"
check "the editor tags the article (303)" "status $code" [ "$code" = 303 ]
stop_site
mv "$VAR/server.log" "$W/server-kept.log"
WORKERS=2 start_site "--cache-mb 0" ||
    bail "src/run.sh starts again with --cache-mb 0" "$(tail -n 20 "$VAR/server.log" 2>/dev/null)"
for page in / /feed.atom /feed.json /tag/stale /tag/stale/feed.atom "$URL"; do
	get nokeep "$page"
	n=$(grep -c 'Version three of the body' "$H/nokeep.b")
	check "--cache-mb 0 (nothing kept): $page shows the article's text from its Markdown" \
	    "status $code, $n mentions" eval '[ "$code" = 200 ] && [ "$n" -ge 1 ]'
done
check "--cache-mb 0: the article's description (meta) is its body's start" \
    "$(grep -o '<meta name="description"[^>]*>' "$H/nokeep.b")" \
    grep -qF '<meta name="description" content="Version three of the body.">' "$H/nokeep.b"

stop_site
cat "$W/server-kept.log" >> "$VAR/server.log"
san=$(grep -E 'ERROR: (Address|Leak)Sanitizer|runtime error:|SUMMARY: [A-Za-z]*Sanitizer' \
    "$VAR/server.log" 2>/dev/null | head -n 5)
check "no sanitizer report in the server log" "$san" [ -z "$san" ]
crash=$(grep -E 'worker [0-9]+ ended| error ' "$VAR/server.log" | head -n 5)
check "server log: no worker died, no request logged as an error" "$crash" [ -z "$crash" ]

t_end=$(date +%s)
echo "1..$((pass + fail))"
echo "e2e stale: $pass passed, $fail failed ($((t_end - t_start)) s, $QUIRE)"
[ "$fail" = 0 ]
