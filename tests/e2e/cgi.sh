#!/usr/bin/env bash
# tests/e2e/cgi.sh QUIRE: the admin's write paths run as a plain CGI
# program, one process per request as a CGI server runs it, against a
# database of its own and a clock the test sets (QUIRE_CLOCK). No nginx,
# no ports: each request is an environment and a body on stdin.
# The defects of issue 7 that live in these paths each have a check here:
# publish time kept to the second (3), unknown form actions (4), the form's
# media type (6), concurrent first requests after an upgrade (2).
# Prints "ok - ..." / "not ok - ..." lines; exits 1 if any failed.
set -u
# shellcheck source=tests/e2e/lib.sh
. "$(dirname "$0")/lib.sh"
cd "$(dirname "$0")/../.." || exit 1
QUIRE=$(realpath "${1:-build/quire}")
W=$(mktemp -d)
[ -n "${KEEP-}" ] || trap 'rm -rf "$W"' EXIT
DB=$W/site.db
CLOCK=$W/clock
pass=0 fail=0

q() { sqlite3 "$DB" "$1"; }

# cgi NAME METHOD TARGET [BODY [CONTENT_TYPE]]: one request; the reply's
# head lands in $W/NAME.h, its body in $W/NAME.b, and code, loc and cookie
# are set from it. The session cookie in $SESSION goes along.
code= loc= cookie=
cgi() {
	local name=$1 method=$2 target=$3 body=${4-} type=${5-application/x-www-form-urlencoded}
	local path=${target%%\?*} query=
	[ "$path" != "$target" ] && query=${target#*\?}
	local -a env=(GATEWAY_INTERFACE=CGI/1.1 SERVER_PROTOCOL=HTTP/1.1
	    SERVER_NAME=blog.example SERVER_PORT=443 HTTPS=on
	    REMOTE_ADDR=192.0.2.1 HTTP_HOST=blog.example
	    QUIRE_DB="$DB" QUIRE_CLOCK="$CLOCK" QUIRE_STRICT_TEMPLATES=1 REQUEST_METHOD="$method"
	    PATH_INFO="$path" QUERY_STRING="$query")
	[ -n "${SESSION-}" ] && env+=(HTTP_COOKIE="quire_session=$SESSION")
	if [ "$method" = POST ]; then
		env+=(CONTENT_LENGTH=${#body} CONTENT_TYPE="$type")
	fi
	printf '%s' "$body" | env -i "${env[@]}" "$QUIRE" > "$W/$name.out" 2> "$W/$name.err"
	perl -0777 -ne 'my ($h, $b) = split /\r?\n\r?\n/, $_, 2;
	    open(my $H, ">", "$ARGV.h"); print $H $h; close $H;
	    open(my $B, ">", "$ARGV.b"); print $B ($b // ""); close $B;' "$W/$name.out"
	mv "$W/$name.out.h" "$W/$name.h"
	mv "$W/$name.out.b" "$W/$name.b"
	code=$(sed -n 's/^Status: \([0-9]*\).*/\1/p' "$W/$name.h" | head -n 1)
	loc=$(sed -n 's/^Location: \(.*\)\r\{0,1\}$/\1/p' "$W/$name.h" | tr -d '\r')
	cookie=$(sed -n 's/^Set-Cookie: quire_session=\([^;]*\);.*/\1/p' "$W/$name.h")
}

# pct VALUE: percent-encoded for a form body.
pct() { perl -MURI::Escape -e 'print uri_escape($ARGV[0])' "$1" 2>/dev/null ||
	perl -e '$_ = shift; s/([^A-Za-z0-9._~-])/sprintf("%%%02X", ord $1)/ge; print' "$1"; }

# The editor's hidden fields and the date it shows, from page NAME.
field() {
	perl -0777 -ne 'print $1 if /name="'"$2"'"[^>]*value="([^"]*)"/' "$W/$1.b"
}

# ---------------------------------------------------------------------------
# A demo site, a writer, and the clock at 2026-01-01 00:00:45 UTC.

echo 1767225645 > "$CLOCK"
if ! "$QUIRE" init --db "$DB" --demo >"$W/init.out" 2>&1; then
	echo "not ok - quire init --demo: $(cat "$W/init.out")"
	exit 1
fi
q "INSERT INTO settings (key, value) VALUES ('base_url', 'https://blog.example')
    ON CONFLICT (key) DO UPDATE SET value = excluded.value;"
printf 'correct horse battery\n' | "$QUIRE" user add ann --db "$DB" >"$W/user.out" 2>&1

SESSION=
cgi signin POST /admin/login 'login=ann&password=correct+horse+battery'
check "CGI: POST /admin/login signs in (303 and a session cookie)" \
    "status $code; $(cat "$W/signin.h" "$W/signin.err")" \
    eval '[ "$code" = 303 ] && [ -n "$cookie" ]'
SESSION=$cookie

cgi new GET /admin/articles/new
csrf=$(field new csrf)
check "CGI: the editor for a new article carries a CSRF token" \
    "status $code" eval '[ "$code" = 200 ] && [ -n "$csrf" ]'

# ---------------------------------------------------------------------------
# Defect 3: "Publish now" stores the second; an Update that leaves the
# date and time as the editor showed them keeps it.

cgi publish POST /admin/articles/new \
    "csrf=$csrf&revision=0&title=Second+hand&slug=second-hand&date=&time=&author=&excerpt=&body=Text.&action=publish"
id=$(printf '%s' "$loc" | sed -n 's|.*/admin/articles/\([0-9]*\).*|\1|p')
check "CGI: Publish with no date publishes now, to the second" \
    "status $code, Location $loc; $(q "SELECT published_at FROM articles WHERE slug = 'second-hand'")" \
    eval '[ "$code" = 303 ] && [ -n "$id" ] &&
    [ "$(q "SELECT published_at FROM articles WHERE id = ${id:-0}")" = 1767225645 ]'

echo 1767225700 > "$CLOCK"
cgi edit GET "/admin/articles/$id"
d=$(field edit date) t=$(field edit time) rev=$(field edit revision)
check "CGI: the editor shows the publication date and minute" \
    "date $d, time $t" eval '[ "$d" = 2026-01-01 ] && [ "$t" = 00:00 ]'
cgi update POST "/admin/articles/$id" \
    "csrf=$csrf&revision=$rev&title=Second+hand%2C+revised&slug=second-hand&date=$d&time=$(pct "$t")&author=&excerpt=&body=Text.&action=publish"
check "CGI: an Update that does not touch the date keeps published_at to the second" \
    "status $code; published_at $(q "SELECT published_at FROM articles WHERE id = $id")" \
    eval '[ "$code" = 303 ] &&
    [ "$(q "SELECT published_at || '"' '"' || title FROM articles WHERE id = $id")" = "1767225645 Second hand, revised" ]'

cgi edit2 GET "/admin/articles/$id"
rev=$(field edit2 revision)
cgi move POST "/admin/articles/$id" \
    "csrf=$csrf&revision=$rev&title=Second+hand&slug=second-hand&date=2025-12-31&time=23%3A59&author=&excerpt=&body=Text.&action=publish"
check "CGI: an Update with a new date and time sets them, to the minute" \
    "status $code; published_at $(q "SELECT published_at FROM articles WHERE id = $id")" \
    eval '[ "$code" = 303 ] && [ "$(q "SELECT published_at FROM articles WHERE id = $id")" = 1767225540 ]'

# ---------------------------------------------------------------------------
# Defect 4: only the actions that say so change the status.

status_of() { q "SELECT status FROM articles WHERE id = $id"; }
rev_of() { q "SELECT revision FROM articles WHERE id = $id"; }
for a in save bogus ''; do
	rev=$(rev_of)
	cgi "act-$a" POST "/admin/articles/$id" \
	    "csrf=$csrf&revision=$rev&title=Second+hand&slug=second-hand&date=2025-12-31&time=23%3A59&author=&excerpt=&body=Changed.${a:+&action=$a}"
	check "CGI: action=${a:-(none)} on a published article is a 400; it stays published and unchanged" \
	    "status $code; status $(status_of), revision $(rev_of) (was $rev)" \
	    eval '[ "$code" = 400 ] && [ "$(status_of)" = published ] && [ "$(rev_of)" = "$rev" ]'
done

# ---------------------------------------------------------------------------
# Defect 6: the form's media type, as RFC 9110 reads it.

n=0
for t in 'Application/X-WWW-Form-Urlencoded' \
    'application/x-www-form-urlencoded; charset=UTF-8' \
    'application/x-www-form-urlencoded;charset="utf-8"' \
    'APPLICATION/x-www-form-urlencoded ; Charset=utf-8'; do
	n=$((n + 1))
	SESSION=
	cgi "type-ok$n" POST /admin/login 'login=ann&password=correct+horse+battery' "$t"
	check "CGI: a sign-in sent as \"$t\" is read (303, a session)" \
	    "status $code" eval '[ "$code" = 303 ] && [ -n "$cookie" ]'
done
n=0
for t in 'application/x-www-form-urlencodedfoo' 'multipart/form-data; boundary=x' \
    'text/plain' 'application/x-www-form-urlencoded; charset=latin1' ''; do
	n=$((n + 1))
	SESSION=
	cgi "type-bad$n" POST /admin/login 'login=ann&password=correct+horse+battery' "$t"
	check "CGI: a sign-in sent as \"$t\" is a 415, no session" \
	    "status $code" eval '[ "$code" = 415 ] && [ -z "$cookie" ]'
done

# ---------------------------------------------------------------------------
# Defect 2: the first requests after an upgrade, all at once. A database
# at each older schema version, with the demo content; every concurrent
# request migrates it or waits for the one that does, and none fails.

LAST=$(ls sql/migrations | sed -n 's/^\([0-9]\{4\}\)-.*/\1/p' | tail -n 1)
LAST=$((10#$LAST))
N=12
for OLDV in $(seq 1 $((LAST - 1))); do
	OLD=$W/v$OLDV.db
	for m in sql/migrations/*.sql; do
		v=$(basename "$m" | cut -c1-4)
		[ $((10#$v)) -le "$OLDV" ] && sqlite3 "$OLD" < "$m"
	done
	sqlite3 "$OLD" "PRAGMA user_version = $OLDV; PRAGMA journal_mode = WAL;" >/dev/null
	sqlite3 "$OLD" < sql/demo.sql
	sqlite3 "$OLD" "INSERT INTO settings (key, value) VALUES ('base_url', 'https://blog.example')
	    ON CONFLICT (key) DO UPDATE SET value = excluded.value;"
	pids=()
	for i in $(seq "$N"); do
		env -i GATEWAY_INTERFACE=CGI/1.1 SERVER_PROTOCOL=HTTP/1.1 QUIRE_DB="$OLD" \
		    QUIRE_CLOCK="$CLOCK" REQUEST_METHOD=GET PATH_INFO=/ HTTP_HOST=blog.example \
		    "$QUIRE" > "$W/up$OLDV-$i.out" 2> "$W/up$OLDV-$i.err" &
		pids+=($!)
	done
	bad=
	for i in "${!pids[@]}"; do
		wait "${pids[$i]}" || bad+=" #$((i + 1)) exit $?"
	done
	for i in $(seq "$N"); do
		head -n 1 "$W/up$OLDV-$i.out" | grep -q '^Status: 200' ||
		    bad+=" #$i $(head -n 1 "$W/up$OLDV-$i.out") $(head -c 300 "$W/up$OLDV-$i.err")"
	done
	check "CGI: $N concurrent first requests after an upgrade from version $OLDV all get 200" \
	    "$bad" eval '[ -z "$bad" ]'
	migrated=$(cat "$W"/up"$OLDV"-*.err | grep -c "migrated to schema version")
	check "CGI: ... the database is at version $LAST, each migration run once" \
	    "user_version $(sqlite3 "$OLD" 'PRAGMA user_version;'); $migrated migrations logged" \
	    eval '[ "$(sqlite3 "$OLD" "PRAGMA user_version;")" = "$LAST" ] && [ "$migrated" = $((LAST - OLDV)) ]'
done

if grep -l -E 'runtime error|AddressSanitizer|LeakSanitizer' "$W"/*.err >/dev/null 2>&1; then
	check "no sanitizer report in any CGI run" "$(grep -h -A3 -E 'runtime error|Sanitizer' "$W"/*.err | head -n 12)" false
else
	check "no sanitizer report in any CGI run" "" true
fi
[ "$fail" = 0 ]
