#!/usr/bin/env bash
# End-to-end tests of Quire's admin (/admin) over HTTP: the demo site and a
# few accounts, served by src/run.sh (nginx in front of `quire serve`, two
# workers), driven with curl and cookie jars, the database read with the
# sqlite3 command-line shell.
#
#   bash tests/e2e/admin.sh [QUIRE_BINARY]     (from the repo root)
#
# QUIRE_BINARY defaults to build/quire; the test runner also passes
# build/asan/quire. One line per check, "ok - ..." or "not ok - ..." with
# indented details; the exit status is 1 if any check failed.
#
# Needs: curl, sqlite3, nginx, perl, b2sum, xxd, java and npm (the Nu HTML
# Checker, npm package vnu-jar, pinned in tests/package.json).
# KEEP_E2E=1 keeps the temporary folder (it is also kept when a check fails).
#
# Failed sign-ins count per client address, and every request reaches quire
# from nginx's $remote_addr: the checks that fail a sign-in on purpose send
# it from another loopback address (curl --interface 127.0.0.N), so that
# 127.0.0.1, which the rest uses, never waits.

# Checks pass single-quoted conditions to eval, on purpose (so variables
# set for them look unused):
# shellcheck disable=SC2016,SC2034
set -u

# Reporting, set-up, servers and polling shared by the end-to-end scripts.
# shellcheck source=tests/e2e/lib.sh
. "$(dirname "$0")/lib.sh"
e2e_init admin "${1:-}"
vnu_pid=""

# ---------------------------------------------------------------------------
# Small helpers

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

# grab PERL_REGEX FILE: group 1 of the first match, as is ("" if none).
grab() {
	perl -0777 -ne 'if (/'"$1"'/s) { print $1 }' "$2"
}

# val PERL_REGEX FILE: group 1 of the first match with the entities the
# templates write decoded, byte for byte (use with cmp, or in $(...) when
# the value cannot end with a newline). For a <textarea> pattern, one line
# break right after the start tag is dropped, as the HTML parser does (the
# templates put one there so that a value starting with a newline keeps it).
val() {
	perl -0777 -e 'my $re = shift; local $_ = <>; if (/$re/s) { my $v = $1;
	    $v =~ s/^\r?\n// if $re =~ /^<textarea/;
	    my %e = (lt => "<", gt => ">", quot => "\"", "#39" => "'"'"'",
	    "#34" => "\"", amp => "&");
	    $v =~ s/&(lt|gt|quot|#39|#34|amp);/$e{$1}/g; print $v }' "$1" "$2"
}

# The decoded value of the input named NAME, of the textarea named NAME.
input_val() {
	val '<input [^>]*?name="'"$1"'"[^>]*? value="([^"]*)"' "$2"
}
textarea_val() {
	val '<textarea [^>]*?name="'"$1"'"[^>]*>(.*?)<\/textarea>' "$2"
}
select_val() {	# the selected option's value
	val '<select [^>]*?name="'"$1"'".*?<option value="([^"]*)" selected>' "$2"
}

# same_bytes WANT FILE PERL_REGEX: is the decoded match exactly WANT?
same_bytes() {
	printf '%s' "$1" > "$W/want.bin"
	val "$3" "$2" > "$W/got.bin"
	cmp -s "$W/want.bin" "$W/got.bin"
}

has() {
	grep -qF -- "$2" "$1"
}

# The form's CSRF token in a page ("" if none).
csrf_of() {
	grab 'name="csrf" value="([0-9a-f]{64})"' "$1"
}

# The session token in a curl cookie jar ("" if none).
token_of() {
	[ -f "$1" ] || return 0
	awk -F '\t' '$6 == "quire_session" { t = $7 } END { print t }' "$1"
}

# The sessions.digest of a token, in upper-case hex: BLAKE2b-256 of its
# 32 raw bytes (libsodium's crypto_generichash, no key).
digest_of() {
	printf '%s' "$1" | xxd -r -p | b2sum -l 256 | cut -c1-64 | tr a-f A-F
}

q() {
	sqlite3 -init /dev/null -batch -noheader -separator '|' "$DB" "$@"
}

now() {	# what time quire sees
	clock_now
}

# A fingerprint of everything an admin POST may change.
snap() {
	q "SELECT id, slug, title, excerpt, body, author, status,
	    ifnull(published_at, 'null'), revision, updated_at FROM articles
	    ORDER BY id;
	   SELECT id, slug, title, body, status, revision, updated_at FROM pages
	    ORDER BY id;
	   SELECT key, value FROM settings ORDER BY key;
	   SELECT id, login, name, pwhash FROM users ORDER BY id;
	   SELECT hex(digest), user_id, expires_at FROM sessions ORDER BY 1;" |
	    md5sum | cut -c1-32
}

# ---------------------------------------------------------------------------
# Set-up: tools, binary, database, accounts

need curl sqlite3 nginx perl pgrep b2sum xxd md5sum
[ -x "$QUIRE" ] || bail "the binary $QUIRE exists" "build it with make"
echo "# e2e admin: $QUIRE"

e2e_workdir
H=$W/http
VAR=$W/var
DB=$W/site.db
mkdir -p "$H" "$VAR" "$W/html" "$W/cli"
# The tests' clock, standing still: quire serve reads it (start_site), so
# that what the pages show does not depend on the day the suite runs (the
# demo's 2031 article, "this month" and "this year").
T0=1780315200	# 2026-06-01 12:00 UTC: after every demo article but the 2031 one
clock_init "$W/clock" "$T0"

if ! "$QUIRE" init --db "$DB" --demo >"$W/init.out" 2>&1; then
	bail "quire init --demo creates the test database" "$(cat "$W/init.out")"
fi

# Passwords: each distinct, so that a leak into a log can be told apart.
PW_A='Alice pa ss+w&rd=Ünï-42'	# space, +, &, = and non-ASCII on purpose
PW_B='bob-secret-passphrase-7'
PW_C='carol-correct-horse-8'
PW_D='dave-battery-staple-9'
PW_E='erin-to-be-deleted-10'
PW_F='frank-old-password-11'
PW_F2='frank-new-password-12'
PW_G='gina-old-password-13'
PW_G2='gina-new-password-14'
PW_WRONG='wrong-password-xyzzy-15'
PW_SHORT='short-pw-16'		# 11 characters
PW_MISMATCH='gina-mismatched-17'
ALL_PW=("$PW_A" "$PW_B" "$PW_C" "$PW_D" "$PW_E" "$PW_F" "$PW_F2" "$PW_G"
    "$PW_G2" "$PW_WRONG" "$PW_SHORT" "$PW_MISMATCH")
NAME_A='Alice <A> & "Co"'
TAB=$'\t'

add_err=""
for u in "alice:$PW_A:$NAME_A" "bob:$PW_B:Bob" "carol:$PW_C:Carol" \
    "dave:$PW_D:Dave" "erin:$PW_E:Erin" "frank:$PW_F:Frank" \
    "gina:$PW_G:Gina"; do
	IFS=: read -r login pw name <<<"$u"
	printf '%s\n' "$pw" | "$QUIRE" user add "$login" --name "$name" \
	    --db "$DB" >"$W/cli/add-$login.out" 2>&1 ||
	    add_err+="user add $login: $(cat "$W/cli/add-$login.out")"$'\n'
done
[ -z "$add_err" ] || bail "quire user add creates the test accounts" "$add_err"
ok "quire user add creates 7 accounts (password read from stdin)"

# ---------------------------------------------------------------------------
# quire user: the command line

nusers=$(q "SELECT count(*) FROM users")
printf '%s\n' "$PW_SHORT" | "$QUIRE" user add zed --name Zed --db "$DB" \
    >"$W/cli/short.out" 2>&1
rc=$?
check "quire user add with an 11-character password fails and says why" \
    "exit $rc: $(cat "$W/cli/short.out"); users: $(q "SELECT count(*) FROM users")" \
    eval '[ $rc != 0 ] && grep -q "12 characters" "$W/cli/short.out" &&
    [ "$(q "SELECT count(*) FROM users WHERE login = '"'zed'"'")" = 0 ]'

hash_before=$(q "SELECT pwhash FROM users WHERE login = 'alice'")
printf '%s\n' "$PW_B" | "$QUIRE" user add alice --name Other --db "$DB" \
    >"$W/cli/dup.out" 2>&1
rc=$?
check "quire user add of an existing login fails and says so; the account is unchanged" \
    "exit $rc: $(cat "$W/cli/dup.out")" \
    eval '[ $rc != 0 ] && grep -q "exists" "$W/cli/dup.out" &&
    [ "$(q "SELECT pwhash FROM users WHERE login = '"'alice'"'")" = "$hash_before" ] &&
    [ "$(q "SELECT count(*) FROM users")" = "$nusers" ]'

"$QUIRE" user list --db "$DB" >"$W/cli/list.out" 2>&1
rc=$?
missing=""
for login in alice bob carol dave erin frank gina; do
	grep -q "^$login"$'\t' "$W/cli/list.out" || missing+=" $login"
done
check "quire user list shows every login (and its name)" \
    "exit $rc; missing:$missing; output: $(cat "$W/cli/list.out")" \
    eval '[ $rc = 0 ] && [ -z "$missing" ] && grep -qF "alice$TAB$NAME_A" "$W/cli/list.out"'

"$QUIRE" user del nobody-here --db "$DB" >"$W/cli/delmissing.out" 2>&1
rc=$?
check "quire user del of a missing login fails with exit 1 and a message" \
    "exit $rc: $(cat "$W/cli/delmissing.out")" \
    eval '[ $rc = 1 ] && grep -q "no user" "$W/cli/delmissing.out"'

# ---------------------------------------------------------------------------
# Start the server

start_site "--max-body 65536 --session-hours 1" ||
    bail "src/run.sh starts and answers on 127.0.0.1" "$(tail -n 20 "$VAR/server.log" 2>/dev/null)"
ok "src/run.sh starts nginx and quire (2 workers, --max-body 65536 --session-hours 1) on 127.0.0.1:$port"

# The sign-in limit checks need other client addresses: 127.0.0.0/8 is
# all loopback on Linux, so curl can send from 127.0.0.21 and the like.
code=$(curl -s -m 10 -o /dev/null -w '%{http_code}' --interface 127.0.0.21 "$base/" 2>&1)
[ "$code" = 200 ] || bail "curl can send from 127.0.0.21 (the rate-limit checks need other client addresses)" \
    "GET / with --interface 127.0.0.21: $code"

# ---------------------------------------------------------------------------
# HTTP helpers

code="" loc=""
declare -a ADMIN=()	# /admin responses whose headers are checked at the end
declare -a VNU=()	# NAME:FILE of admin pages for the Nu HTML Checker
track=1

# req NAME PATH [CURL_ARGS...]: $H/NAME.h headers, $H/NAME.b body; sets
# $code and $loc. /admin responses are remembered (unless track=0).
req() {
	local name=$1 path=$2
	shift 2
	code=$(curl -s -m 60 --path-as-is -o "$H/$name.b" -D "$H/$name.h" \
	    -w '%{http_code}' "$@" "$base$path" 2>"$H/$name.err") || true
	[ -n "$code" ] || code=000
	[ -f "$H/$name.b" ] || : > "$H/$name.b"
	[ -f "$H/$name.h" ] || : > "$H/$name.h"
	loc=$(hdr "$H/$name.h" Location)
	if [ "$track" = 1 ]; then
		case $path in
		/admin|/admin/*|/admin\?*) ADMIN+=("$name") ;;
		esac
	fi
}

# post NAME PATH JAR FIELD=VALUE...: a form POST with JAR's session; each
# value is percent-encoded as a browser does. JAR is updated.
post() {
	local name=$1 path=$2 jar=$3 f
	local -a a=()
	shift 3
	for f in "$@"; do
		a+=(--data-urlencode "$f")
	done
	req "$name" "$path" -b "$jar" -c "$jar" "${a[@]}"
}

# signin NAME JAR LOGIN PASSWORD [NEXT [CURL_ARGS...]]: a fresh JAR.
signin() {
	local name=$1 jar=$2 login=$3 pw=$4 next=${5-}
	local -a a=(--data-urlencode "login=$login" --data-urlencode "password=$pw")
	shift 4
	[ $# -gt 0 ] && shift
	[ -n "$next" ] && a+=(--data-urlencode "next=$next")
	rm -f "$jar"
	req "$name" /admin/login -c "$jar" "${a[@]}" "$@"
}

# keep NAME LABEL: the page goes to the HTML checker as LABEL.html.
keep() {
	cp "$H/$1.b" "$W/html/$2.html"
	VNU+=("$W/html/$2.html")
}

# The messages next to fields and the page's alert, for details.
messages() {
	perl -0777 -ne 'while (/<(?:span|p) class="error"[^>]*>(.*?)<\/(?:span|p)>/gs) { print "$1\n" }
	    if (/<h1>(.*?)<\/h1>/s) { print "h1: $1\n" }' "$1" | head -n 8
}

# Location's path and its next= query, decoded.
next_of() {
	perl -e '$_ = shift; if (/^\/admin\/login\?next=([^&]*)$/) { $v = $1;
	    $v =~ s/%([0-9A-Fa-f]{2})/chr hex $1/ge; print $v } else { print "-" }' "$1"
}

A=$W/alice.jar
B=$W/bob.jar

# ---------------------------------------------------------------------------
# Without a session: every admin page redirects to the sign-in

i=0
for p in /admin /admin/settings /admin/articles/1 '/admin?status=draft' \
    /admin/account /admin/pages/new; do
	i=$((i + 1))
	req "nosess$i" "$p"
	want="/admin/login?next=$(pct "$p")"
	check "GET $p without a session: 303 to $want" \
	    "status $code, Location: $loc" \
	    eval '[ "$code" = 303 ] && [ "$loc" = "$want" ] && [ "$(next_of "$loc")" = "$p" ]'
done

req login "/admin/login?next=$(pct /admin/settings)"
keep login login
check "the sign-in page carries next=/admin/settings in a hidden field" \
    "status $code; hidden next: $(grab '<input type="hidden" name="next" value="([^"]*)"' "$H/login.b")" \
    eval '[ "$code" = 200 ] && has "$H/login.b" "<input type=\"hidden\" name=\"next\" value=\"/admin/settings\">"'

signin si_a "$A" alice "$PW_A" /admin/settings
tok_a=$(token_of "$A")
sc=$(hdr "$H/si_a.h" Set-Cookie)
check "signing in with next=/admin/settings: 303 to /admin/settings" \
    "status $code, Location: $loc; $(messages "$H/si_a.b")" \
    eval '[ "$code" = 303 ] && [ "$loc" = /admin/settings ] && [ -n "$tok_a" ]'
check "the session cookie is HttpOnly, SameSite=Strict, Path=/admin, Max-Age=3600 (--session-hours 1), not Secure over HTTP" \
    "Set-Cookie: $sc" \
    eval '[[ $sc =~ ^quire_session=[0-9a-f]{64}\; ]] && [[ $sc == *"; HttpOnly"* ]] &&
    [[ $sc == *"; SameSite=Strict"* ]] && [[ $sc == *"; Path=/admin"* ]] &&
    [[ $sc == *"; Max-Age=3600"* ]] && [[ $sc != *Secure* ]]'
req set1 /admin/settings -b "$A"
check "the cookie opens /admin/settings (200)" "status $code" [ "$code" = 200 ]

dig_a=$(digest_of "$tok_a")
row=$(q "SELECT length(digest), typeof(digest), expires_at - created_at,
    (SELECT login FROM users WHERE id = user_id) FROM sessions
    WHERE hex(digest) = '$dig_a'")
check "the sessions row is keyed by the token's 32-byte BLAKE2b digest and expires after 1 hour" \
    "row: '$row' (want 32|blob|3600|alice); digest $dig_a" [ "$row" = "32|blob|3600|alice" ]
q "SELECT 1" >/dev/null	# the WAL is there when the shell has opened it
hits=$(cat "$DB" "$DB-wal" 2>/dev/null | grep -ac -i -- "$tok_a")
raw=$(perl -e 'my $t = pack("H*", shift); local $/; my $d = "";
    for my $f (@ARGV) { open(my $h, "<:raw", $f) or next; $d .= <$h> }
    print index($d, $t) >= 0 ? 1 : 0' "$tok_a" "$DB" "$DB-wal")
check "the cookie's token is nowhere in the database files (.db, -wal), as text or as bytes" \
    "text hits: $hits, raw bytes found: $raw" eval '[ "$hits" = 0 ] && [ "$raw" = 0 ]'

signin si_a2 "$W/alice2.jar" alice "$PW_A"
tok_a2=$(token_of "$W/alice2.jar")
check "a second sign-in gets a new token (a new session, the first still open)" \
    "status $code; tokens $tok_a / $tok_a2; alice's sessions: $(q "SELECT count(*) FROM sessions s JOIN users u ON u.id = s.user_id WHERE login = 'alice'")" \
    eval '[ "$code" = 303 ] && [ -n "$tok_a2" ] && [ "$tok_a2" != "$tok_a" ] &&
    [ "$(q "SELECT count(*) FROM sessions s JOIN users u ON u.id = s.user_id WHERE login = '"'alice'"'")" = 2 ]'

# Signing in again from the same browser (its cookie sent) ends the
# session it had.
cp "$W/alice2.jar" "$W/alice3.jar"
dig_a2=$(digest_of "$tok_a2")
req si_a3 /admin/login -b "$W/alice3.jar" -c "$W/alice3.jar" \
    --data-urlencode login=alice --data-urlencode "password=$PW_A"
tok_a3=$(token_of "$W/alice3.jar")
req si_a3old /admin -H "Cookie: quire_session=$tok_a2"
check "signing in again with the old cookie sent: a new token, and the old session ended" \
    "status $code; old token $tok_a2, new $tok_a3; old row: $(q "SELECT count(*) FROM sessions WHERE hex(digest) = '$dig_a2'")" \
    eval '[ -n "$tok_a3" ] && [ "$tok_a3" != "$tok_a2" ] && [ "$code" = 303 ] &&
    [ "$(q "SELECT count(*) FROM sessions WHERE hex(digest) = '"'$dig_a2'"'")" = 0 ]'

req si_get /admin/login -b "$A"
check "GET /admin/login with a live session: 303 to /admin" "status $code, Location: $loc" \
    eval '[ "$code" = 303 ] && [ "$loc" = /admin ]'

signin si_origin "$W/x.jar" alice "$PW_A" "" -H "Origin: http://evil.example"
check "a sign-in sent with another site's Origin: 403, no cookie" \
    "status $code; Set-Cookie: $(hdr "$H/si_origin.h" Set-Cookie)" \
    eval '[ "$code" = 403 ] && [ -z "$(hdr "$H/si_origin.h" Set-Cookie)" ]'
signin si_origin2 "$W/x.jar" alice "$PW_A" "" -H "Origin: $base"
check "a sign-in sent with this site's Origin: 303" "status $code; $(messages "$H/si_origin2.b")" \
    [ "$code" = 303 ]
# The Origin is this site when it is the address the request came to or the
# base URL's, without case: a base URL set to another address (a moved
# site, a proxy) must not lock the authors out of signing in.
old_base=$(q "SELECT value FROM settings WHERE key = 'base_url'")
q "INSERT INTO settings (key, value) VALUES ('base_url', 'https://Blog.example.org/journal')
    ON CONFLICT (key) DO UPDATE SET value = excluded.value"
codes=""
for o in "$base" "$(printf '%s' "$base" | tr a-z A-Z)" https://blog.example.org \
    https://blog.example.org.evil.example http://blog.example.org https://evil.example; do
	signin si_origin_b "$W/x.jar" alice "$PW_A" "" -H "Origin: $o"
	codes+=" $code"
done
q "UPDATE settings SET value = '$(printf '%s' "$old_base" | sed "s/'/''/g")' WHERE key = 'base_url'"
check "with the base URL https://Blog.example.org/journal, Origin this address (any case) or the base URL's: 303; others: 403" \
    "statuses:$codes" [ "$codes" = " 303 303 303 403 403 403" ]

req si_empty /admin/login -d 'login=alice&password='
check "a sign-in with an empty password: 400 asking for both" "status $code; $(messages "$H/si_empty.b")" \
    eval '[ "$code" = 400 ] && has "$H/si_empty.b" "Enter your login and your password."'

# Wrong password and unknown login, from 127.0.0.11.
signin si_wrong "$W/x.jar" alice "$PW_WRONG" "" --interface 127.0.0.11
keep si_wrong login-error
msg_wrong=$(grab '<p class="error"[^>]*>(.*?)<\/p>' "$H/si_wrong.b")
code_wrong=$code
check "a wrong password: the sign-in form again with an error, no Set-Cookie" \
    "status $code, message '$msg_wrong', Set-Cookie: $(hdr "$H/si_wrong.h" Set-Cookie)" \
    eval '[ "$code" = 403 ] && [ -n "$msg_wrong" ] && [ -z "$(hdr "$H/si_wrong.h" Set-Cookie)" ] &&
    has "$H/si_wrong.b" "<input id=\"login\" name=\"login\" type=\"text\" value=\"alice\""'
signin si_unknown "$W/x.jar" nobody-at-all "$PW_WRONG" "" --interface 127.0.0.11
msg_unknown=$(grab '<p class="error"[^>]*>(.*?)<\/p>' "$H/si_unknown.b")
check "an unknown login gets the same status and message as a wrong password" \
    "status $code vs $code_wrong, message '$msg_unknown' vs '$msg_wrong'; Set-Cookie: $(hdr "$H/si_unknown.h" Set-Cookie)" \
    eval '[ "$code" = "$code_wrong" ] && [ "$msg_unknown" = "$msg_wrong" ] && [ -z "$(hdr "$H/si_unknown.h" Set-Cookie)" ]'

# ---------------------------------------------------------------------------
# Open-redirect guard on next

i=0
for x in 'https://evil.example/' '//evil.example' '/\evil' '/admin//evil' '/adminx' \
    '/admin/../evil.example' '/admin/%2e%2e/%2e%2e/about' '/admin/.%2E/about'; do
	i=$((i + 1))
	track=0 req "or_get$i" "/admin/login?next=$(pct "$x")"
	hidden=$(val '<input type="hidden" name="next" value="([^"]*)"' "$H/or_get$i.b")
	check "GET /admin/login?next=$x: 400, or a form that does not carry it" \
	    "status $code, hidden next '$hidden'" \
	    eval '[ "$code" = 400 ] || { [ "$code" = 200 ] && [ "$hidden" != "$x" ]; }'
	signin "or_post$i" "$W/x.jar" alice "$PW_A" "$x"
	check "signing in with next=$x lands on /admin (or is a 400), never elsewhere" \
	    "status $code, Location: $loc" \
	    eval '[ "$code" = 400 ] || { [ "$code" = 303 ] && [ "$loc" = /admin ]; }'
done
# The GETs above are answered before routing: their headers are checked
# on their own at the end.

# ---------------------------------------------------------------------------
# Sign-in throttle: failures count per key ("login:LOGIN" for browsers
# without a device cookie, "ip:ADDR" per address or IPv6 /64) in SQLite
# (signin_failures) for every worker; the first 3 of a key cost no wait.
# The delays themselves, device cookies and the slot bound are tested on
# the tests' clock in tests/e2e/signin.sh.

codes=""
for i in 1 2 3; do
	signin "rl_c$i" "$W/x.jar" carol "$PW_WRONG" "" --interface 127.0.0.21
	codes+=" $code"
done
rows=$(q "SELECT key || '=' || failures FROM signin_failures
    WHERE key IN ('login:carol', 'ip:127.0.0.21') ORDER BY key" | tr '\n' ' ')
check "3 wrong passwords for carol from 127.0.0.21: 403 each, counted in signin_failures for the login and the address" \
    "statuses:$codes; rows: $rows" \
    eval '[ "$codes" = " 403 403 403" ] && [ "$rows" = "ip:127.0.0.21=3 login:carol=3 " ]'

# ---------------------------------------------------------------------------
# Writing articles

signin si_b "$B" bob "$PW_B"
[ "$code" = 303 ] || not_ok "bob signs in" "status $code"

req ed_new /admin/articles/new -b "$A"
keep ed_new edit-new
csrf_a=$(csrf_of "$H/ed_new.b")
form_rev=$(grab '<input type="hidden" name="revision" value="([^"]*)"' "$H/ed_new.b")
check "GET /admin/articles/new: 200, a form with the CSRF token" "status $code; csrf '$csrf_a'" \
    eval '[ "$code" = 200 ] && [ -n "$csrf_a" ]'
req ed_b /admin/articles/new -b "$B"
csrf_b=$(csrf_of "$H/ed_b.b")

# A browser sends every field of the form, the hidden revision included.
n0=$(q "SELECT count(*) FROM articles")
post w_form /admin/articles/new "$A" "csrf=$csrf_a" "revision=$form_rev" \
    "title=Sent As The Form Is" slug= date= time= author= excerpt= \
    "body=Every field of the new-article form, as served." action=draft
check "new article: the form as served (hidden revision=\"$form_rev\") saves a draft (303)" \
    "POST /admin/articles/new with revision=$form_rev: status $code, articles $n0 -> $(q "SELECT count(*) FROM articles"); $(messages "$H/w_form.b")" \
    [ "$code" = 303 ]
# Below, new articles and pages are sent without the revision field, which
# the handler takes, so that the rest can run whatever the check above says.

T_HOST=$'<b>"x" & \'y\'</b> Hostile'
T_HOST_ESC='&lt;b&gt;&quot;x&quot; &amp; &#39;y&#39;&lt;/b&gt; Hostile'
post w_draft /admin/articles/new "$A" "csrf=$csrf_a" "title=$T_HOST" \
    slug=hostile-title "excerpt=$T_HOST" date= time= author= \
    "body=Plain **bold** body." action=draft
id_h=$(perl -e 'print $1 if $ARGV[0] =~ m{^/admin/articles/(\d+)\?done=saved$}' "$loc")
check "save draft: 303 to /admin/articles/ID?done=saved" "status $code, Location: $loc; $(messages "$H/w_draft.b")" \
    eval '[ "$code" = 303 ] && [ -n "$id_h" ]'
id_h=${id_h:-0}
row=$(q "SELECT status, ifnull(published_at, 'null'), revision, title FROM articles WHERE id = $id_h")
check "the row is a draft, with no date, at revision 1, the title as typed" \
    "row: $row" [ "$row" = "draft|null|1|$T_HOST" ]
req w_saved "/admin/articles/$id_h?done=saved" -b "$A"
check "the editor after saving says Saved. and shows the draft state" "status $code" \
    eval '[ "$code" = 200 ] && has "$H/w_saved.b" "<p class=\"notice\" role=\"status\">Saved.</p>" &&
    has "$H/w_saved.b" "state-draft"'

s0=$(snap)
post w_prev /admin/articles/new "$A" "csrf=$csrf_a" "title=Preview Only" \
    slug= date= time= author= excerpt= \
    "body=Some **strong** words and *emphasis*.

<script>alert(1)</script>

A [link](javascript:alert(1))." action=preview
keep w_prev edit-preview
sect=$(grab '(<section class="preview".*?<\/section>)' "$H/w_prev.b")
check "preview of a new article: 200, the Markdown rendered inside the preview section, no script, no javascript: link" \
    "status $code; section: ${sect:0:400}" \
    eval '[ "$code" = 200 ] && [[ $sect == *"<strong>strong</strong>"* ]] && [[ $sect == *"<em>emphasis</em>"* ]] &&
    ! grep -qi "<script" "$H/w_prev.b" && ! grep -qi "href=\"javascript:" "$H/w_prev.b"'
post w_prev2 "/admin/articles/$id_h" "$A" "csrf=$csrf_a" revision=1 \
    "title=Changed In Preview" slug=hostile-title date= time= author= \
    excerpt= "body=Changed _only_ in the preview." action=preview
check "preview of a new and of a saved article: the database is unchanged" \
    "status $code; snapshot $s0 -> $(snap)" \
    eval '[ "$code" = 200 ] && [ "$(snap)" = "$s0" ] && has "$H/w_prev2.b" "<em>only</em>"'

t0=$(now)
post w_pub "/admin/articles/$id_h" "$A" "csrf=$csrf_a" revision=1 \
    "title=$T_HOST" slug=hostile-title "excerpt=$T_HOST" date= time= \
    author= "body=Plain **bold** body." action=publish
check "publish: 303 to /admin/articles/ID?done=published" "status $code, Location: $loc; $(messages "$H/w_pub.b")" \
    eval '[ "$code" = 303 ] && [ "$loc" = "/admin/articles/$id_h?done=published" ]'
row=$(q "SELECT status, published_at BETWEEN $t0 AND $(now), revision FROM articles WHERE id = $id_h")
check "the row is published, dated now, at revision 2" "row: $row" [ "$row" = "published|1|2" ]
ym_h=$(q "SELECT strftime('%Y/%m', published_at, 'unixepoch') FROM articles WHERE id = $id_h")
req r_h "/$ym_h/hostile-title"
check "readers see it at /$ym_h/hostile-title, the title escaped (h1 and <title>)" \
    "status $code; h1: $(grab '<h1>(.*?)<\/h1>' "$H/r_h.b"); title: $(grab '<title>(.*?)<\/title>' "$H/r_h.b")" \
    eval '[ "$code" = 200 ] && has "$H/r_h.b" "<h1>$T_HOST_ESC</h1>" &&
    has "$H/r_h.b" "<title>$T_HOST_ESC" && ! has "$H/r_h.b" "<b>\"x\""'

post w_slug /admin/articles/new "$A" "csrf=$csrf_a" 'title=Café & Crème: Ünïcode!' \
    slug= date= time= author= excerpt= "body=Slug from the title." action=draft
id_s=$(perl -e 'print $1 if $ARGV[0] =~ m{^/admin/articles/(\d+)}' "$loc")
slug_s=$(q "SELECT slug FROM articles WHERE id = ${id_s:-0}")
check "an empty slug is made from the title: \"Café & Crème: Ünïcode!\" -> cafe-creme-unicode" \
    "status $code; slug '$slug_s'" \
    eval '[ "$code" = 303 ] && [ "$slug_s" = cafe-creme-unicode ]'

DUP_TITLE=$'Dup <script>alert("t")</script> & Ünïcödé ☕ \'q\''
DUP_EXCERPT=$'An <i>excerpt</i> & "more"\nover two lines'
DUP_BODY=$'\nLine one <script>alert(1)</script> & "quotes" \'apos\' &amp;\nLine two: Ünïcödé ☕ 𝄞\r\nThird\tline with a tab\n\n  indented'
n0=$(q "SELECT count(*) FROM articles")
post w_dup /admin/articles/new "$A" "csrf=$csrf_a" "title=$DUP_TITLE" \
    slug=cafe-creme-unicode date= time= author= "excerpt=$DUP_EXCERPT" \
    "body=$DUP_BODY" action=draft
keep w_dup edit-errors
check "a duplicate slug: 400 with a message next to the slug field, nothing stored" \
    "status $code; slug-err: $(grab '<span class="error" id="slug-err">(.*?)<\/span>' "$H/w_dup.b"); articles $n0 -> $(q "SELECT count(*) FROM articles")" \
    eval '[ "$code" = 400 ] && grep -q "<span class=\"error\" id=\"slug-err\">[^<]*already has this slug" "$H/w_dup.b" &&
    [ "$(q "SELECT count(*) FROM articles")" = "$n0" ]'
check "the refused form keeps every byte typed (title, excerpt, body with <script>, a leading line break, CR LF, tab, non-ASCII), HTML-escaped" \
    "title: $(input_val title "$H/w_dup.b" | head -c 120); body: $(textarea_val body "$H/w_dup.b" | od -c | head -n 3); <script in page: $(grep -c '<script' "$H/w_dup.b")" \
    eval 'same_bytes "$DUP_TITLE" "$H/w_dup.b" "<input id=\"title\" name=\"title\" type=\"text\" value=\"([^\"]*)\"" &&
    same_bytes "$DUP_EXCERPT" "$H/w_dup.b" "<textarea id=\"excerpt\" name=\"excerpt\"[^>]*>(.*?)<\/textarea>" &&
    same_bytes "$DUP_BODY" "$H/w_dup.b" "<textarea id=\"body\" name=\"body\"[^>]*>(.*?)<\/textarea>" &&
    ! grep -q "<script" "$H/w_dup.b" && has "$H/w_dup.b" "&lt;script&gt;alert(&quot;t&quot;)"'

LONG=$(printf 'é%.0s' $(seq 301))
post w_long /admin/articles/new "$A" "csrf=$csrf_a" "title=$LONG" slug=long-title \
    date= time= author= excerpt= "body=Too long a title." action=draft
check "a title of 301 characters: 400, a message next to the title, the value kept" \
    "status $code; title-err: $(grab '<span class="error" id="title-err">(.*?)<\/span>' "$H/w_long.b")" \
    eval '[ "$code" = 400 ] && grep -q "<span class=\"error\" id=\"title-err\">" "$H/w_long.b" &&
    [ "$(input_val title "$H/w_long.b")" = "$LONG" ] &&
    [ "$(q "SELECT count(*) FROM articles WHERE slug = '"'long-title'"'")" = 0 ]'
post w_long2 /admin/articles/new "$A" "csrf=$csrf_a" "title=${LONG%é}" slug=long-title-300 \
    date= time= author= excerpt= "body=A title of 300 two-byte characters." action=draft
check "a title of 300 characters (600 bytes) is accepted: the limit counts characters" \
    "status $code; $(messages "$H/w_long2.b")" \
    eval '[ "$code" = 303 ] && [ "$(q "SELECT length(title) FROM articles WHERE slug = '"'long-title-300'"'")" = 300 ]'

n0=$(q "SELECT count(*) FROM articles")
post w_noslug /admin/articles/new "$A" "csrf=$csrf_a" 'title=!!! ??? ...' \
    slug= date= time= author= excerpt= "body=x" action=draft
check "a title with nothing to make a slug from, and no slug: 400 with a message next to the slug" \
    "status $code; slug-err: $(grab '<span class="error" id="slug-err">(.*?)<\/span>' "$H/w_noslug.b")" \
    eval '[ "$code" = 400 ] && grep -q "id=\"slug-err\">[^<]" "$H/w_noslug.b" &&
    [ "$(q "SELECT count(*) FROM articles")" = "$n0" ]'
post w_timeonly /admin/articles/new "$A" "csrf=$csrf_a" "title=Time Only" \
    slug=time-only date= time=10:00 author= excerpt= "body=x" action=publish
check "a time without a date: 400 with a message next to the date" \
    "status $code; date-err: $(grab '<span class="error" id="date-err">(.*?)<\/span>' "$H/w_timeonly.b")" \
    eval '[ "$code" = 400 ] && grep -q "id=\"date-err\">[^<]" "$H/w_timeonly.b" &&
    [ "$(q "SELECT count(*) FROM articles")" = "$n0" ]'
req w_utf8raw /admin/articles/new -b "$A" \
    --data-binary $'csrf='"$csrf_a"$'&action=draft&title=Bad\xC3\x28byte&slug=bad-raw&body=x'
c1=$code
req w_utf8pct /admin/articles/new -b "$A" \
    --data-binary "csrf=$csrf_a&action=draft&title=Bad%C3%28byte&slug=bad-pct&body=x"
c2=$code
req w_utf8body /admin/articles/new -b "$A" \
    --data-binary "csrf=$csrf_a&action=draft&title=Fine&slug=bad-body&body=%FF%FE"
c3=$code
check "invalid UTF-8 in a field (raw C3 28, %C3%28, %FF%FE): 400 each, saying so, nothing stored" \
    "statuses $c1 $c2 $c3; articles $n0 -> $(q "SELECT count(*) FROM articles"); $(messages "$H/w_utf8pct.b")" \
    eval '[ "$c1 $c2 $c3" = "400 400 400" ] && has "$H/w_utf8pct.b" "UTF-8" &&
    [ "$(q "SELECT count(*) FROM articles")" = "$n0" ]'
req w_nul /admin/articles/new -b "$A" \
    --data-binary "csrf=$csrf_a&action=draft&title=Nul%00here&slug=bad-nul&body=x"
check "a NUL byte (%00) in a field: 400, nothing stored" \
    "status $code; articles $n0 -> $(q "SELECT count(*) FROM articles")" \
    eval '[ "$code" = 400 ] && [ "$(q "SELECT count(*) FROM articles")" = "$n0" ]'
post w_action /admin/articles/new "$A" "csrf=$csrf_a" "title=Odd Action" \
    slug=odd-action "body=x" action=frobnicate
check "an unknown action value: 400, nothing stored" \
    "status $code; articles $n0 -> $(q "SELECT count(*) FROM articles")" \
    eval '[ "$code" = 400 ] && [ "$(q "SELECT count(*) FROM articles")" = "$n0" ]'
post w_date /admin/articles/new "$A" "csrf=$csrf_a" "title=Impossible Day" \
    slug=impossible-day date=2026-02-30 time=12:00 author= excerpt= "body=x" action=publish
keep w_date edit-errors-date
check "a date of 2026-02-30: 400 with a message next to the date, nothing stored" \
    "status $code; date-err: $(grab '<span class="error" id="date-err">(.*?)<\/span>' "$H/w_date.b")" \
    eval '[ "$code" = 400 ] && grep -q "<span class=\"error\" id=\"date-err\">[^<]" "$H/w_date.b" &&
    [ "$(input_val date "$H/w_date.b")" = 2026-02-30 ] &&
    [ "$(q "SELECT count(*) FROM articles")" = "$n0" ]'

post w_future /admin/articles/new "$A" "csrf=$csrf_a" "title=From The Future" \
    slug=from-the-future date=2099-01-01 time=09:00 author= excerpt= \
    "body=Not yet." action=publish
id_f=$(perl -e 'print $1 if $ARGV[0] =~ m{^/admin/articles/(\d+)}' "$loc")
id_f=${id_f:-0}
req w_future_ed "/admin/articles/$id_f" -b "$A"
req w_sched "/admin?status=scheduled" -b "$A"
check "a future date: published, shown as scheduled in the editor and under /admin?status=scheduled" \
    "status $code; row $(q "SELECT status, published_at FROM articles WHERE id = $id_f")" \
    eval '[ "$(q "SELECT status, published_at FROM articles WHERE id = $id_f")" = "published|$(date -u -d "2099-01-01 09:00" +%s)" ] &&
    has "$H/w_future_ed.b" "state-scheduled" &&
    grep -q "href=\"/admin/articles/$id_f\">From The Future</a></td>" "$H/w_sched.b"'
req r_future /2099/01/from-the-future
c1=$code
req r_home /
req r_archive /archive
req r_archive_y /archive/2099
req r_archive_m /archive/2099/01
check "a scheduled article: 404 for readers, and not on /, /archive, /archive/2099 or /archive/2099/01" \
    "status $c1; on /: $(grep -c from-the-future "$H/r_home.b"); on /archive: $(grep -c from-the-future "$H/r_archive.b"); on the year and month archives: $(cat "$H/r_archive_y.b" "$H/r_archive_m.b" | grep -c from-the-future)" \
    eval '[ "$c1" = 404 ] && ! has "$H/r_home.b" from-the-future && ! has "$H/r_archive.b" from-the-future &&
    ! has "$H/r_archive_y.b" from-the-future && ! has "$H/r_archive_m.b" from-the-future'

post w_past /admin/articles/new "$A" "csrf=$csrf_a" "title=From The Past" \
    slug=from-the-past date=2011-05-04 time=10:30 author= excerpt= \
    "body=Long ago." action=publish
id_p=$(perl -e 'print $1 if $ARGV[0] =~ m{^/admin/articles/(\d+)}' "$loc")
id_p=${id_p:-0}
req r_past /2011/05/from-the-past
check "a past date: published at that date, at /2011/05/from-the-past" \
    "status $code; published_at $(q "SELECT published_at FROM articles WHERE id = $id_p")" \
    eval '[ "$code" = 200 ] && [ "$(q "SELECT published_at FROM articles WHERE id = $id_p")" = "$(date -u -d "2011-05-04 10:30" +%s)" ]'

# ---------------------------------------------------------------------------
# Tags: saved with the article, edited, removed; a bad tag keeps the field

tags_of() {	# ID: the article's tags as stored, "name|slug" by name
	q "SELECT group_concat(n, ',') FROM (SELECT t.name || '|' || t.slug AS n
	    FROM article_tags x JOIN tags t ON t.id = x.tag_id
	    WHERE x.article_id = $1 ORDER BY t.name COLLATE NOCASE, t.id)"
}
post t_new /admin/articles/new "$A" "csrf=$csrf_a" "title=Tagged Article" \
    slug=tagged-article date= time= author= excerpt= "body=Tagged." \
    "tags= Go , E2E  Only,café, 日本語, GO ,Ελλάδα," action=publish
id_t=$(perl -e 'print $1 if $ARGV[0] =~ m{^/admin/articles/(\d+)}' "$loc")
id_t=${id_t:-0}
got=$(tags_of "$id_t")
check "publish with tags: trimmed, deduplicated without case, an existing tag's first spelling kept" \
    "status $code; $(messages "$H/t_new.b"); tags: $got" \
    [ "$code" = 303 ] && [ "$got" = "Café|café,E2E Only|e2e-only,Go|go,Ελλάδα|ελλάδα,日本語|日本語" ]
req t_ed "/admin/articles/$id_t" -b "$A"
check "the editor shows the stored tags in its Tags field" "tags: $(input_val tags "$H/t_ed.b")" \
    [ "$(input_val tags "$H/t_ed.b")" = "Café, E2E Only, Go, Ελλάδα, 日本語" ]
ym_t=$(q "SELECT strftime('%Y/%m', published_at, 'unixepoch') FROM articles WHERE id = $id_t")
req t_read "/$ym_t/tagged-article"
check "the article page links its tags, non-ASCII slugs percent-encoded" "status $code" \
    eval '[ "$code" = 200 ] && has "$H/t_read.b" "<a href=\"/tag/e2e-only\" rel=\"tag\">E2E Only</a>" &&
    has "$H/t_read.b" "<a href=\"/tag/%CE%B5%CE%BB%CE%BB%CE%AC%CE%B4%CE%B1\" rel=\"tag\">Ελλάδα</a>" &&
    has "$H/t_read.b" "<a href=\"/tag/%E6%97%A5%E6%9C%AC%E8%AA%9E\" rel=\"tag\">日本語</a>"'
req t_tagpage "/tag/$(pct ελλάδα)"
check "/tag/ελλάδα (percent-encoded) lists the new article" "status $code" \
    eval '[ "$code" = 200 ] && has "$H/t_tagpage.b" "/$ym_t/tagged-article"'

rev_t=$(q "SELECT revision FROM articles WHERE id = $id_t")
post t_prev "/admin/articles/$id_t" "$A" "csrf=$csrf_a" "revision=$rev_t" \
    "title=Tagged Article" slug=tagged-article date= time= author= excerpt= \
    "body=Tagged." "tags=Preview Only" action=preview
check "preview shows the typed tags as links, and saves nothing" \
    "status $code; tags: $(tags_of "$id_t")" \
    eval '[ "$code" = 200 ] && has "$H/t_prev.b" "rel=\"tag\">Preview Only</a>" &&
    [ "$(tags_of "$id_t")" = "Café|café,E2E Only|e2e-only,Go|go,Ελλάδα|ελλάδα,日本語|日本語" ]'

post t_edit "/admin/articles/$id_t" "$A" "csrf=$csrf_a" "revision=$rev_t" \
    "title=Tagged Article" slug=tagged-article date= time= author= excerpt= \
    "body=Tagged." "tags=Go, Rust" action=publish
check "editing the tags replaces the set; tags no article carries any more are gone" \
    "status $code; tags: $(tags_of "$id_t"); orphans: $(q "SELECT group_concat(slug) FROM tags WHERE slug IN ('e2e-only', 'ελλάδα')")" \
    eval '[ "$code" = 303 ] && [ "$(tags_of "$id_t")" = "Go|go,Rust|rust" ] &&
    [ -z "$(q "SELECT slug FROM tags WHERE slug IN ('"'"'e2e-only'"'"', '"'"'ελλάδα'"'"')")" ] &&
    [ "$(q "SELECT count(*) FROM tags WHERE slug = '"'"'café'"'"'")" = 1 ]'
req t_gone /tag/e2e-only
check "/tag/e2e-only is 404 once no article carries it" "status $code" [ "$code" = 404 ]

rev_t=$(q "SELECT revision FROM articles WHERE id = $id_t")
T_BAD=$'Go, C++, <b>"x"</b> & ☕'
post t_bad "/admin/articles/$id_t" "$A" "csrf=$csrf_a" "revision=$rev_t" \
    "title=Tagged Article" slug=tagged-article date= time= author= excerpt= \
    "body=Tagged." "tags=$T_BAD" action=publish
keep t_bad edit-tag-error
check "a bad tag: 400, a message next to the Tags field, the field as typed (escaped), nothing saved" \
    "status $code; $(messages "$H/t_bad.b"); field: $(input_val tags "$H/t_bad.b")" \
    eval '[ "$code" = 400 ] && grep -q "<span class=\"error\" id=\"tags-err\">A tag may hold only letters" "$H/t_bad.b" &&
    [ "$(input_val tags "$H/t_bad.b")" = "$T_BAD" ] && ! has "$H/t_bad.b" "<b>\"x\"</b>" &&
    [ "$(tags_of "$id_t")" = "Go|go,Rust|rust" ] &&
    [ "$(q "SELECT revision FROM articles WHERE id = $id_t")" = "$rev_t" ]'
T_MANY=$(printf 't%d,' $(seq 1 21))
post t_many "/admin/articles/$id_t" "$A" "csrf=$csrf_a" "revision=$rev_t" \
    "title=Tagged Article" slug=tagged-article date= time= author= excerpt= \
    "body=Tagged." "tags=$T_MANY" action=publish
check "21 tags: 400 with a message next to the field" "status $code; $(messages "$H/t_many.b")" \
    eval '[ "$code" = 400 ] && grep -q "id=\"tags-err\">An article may have at most 20 tags" "$H/t_many.b"'

post t_none "/admin/articles/$id_t" "$A" "csrf=$csrf_a" "revision=$rev_t" \
    "title=Tagged Article" slug=tagged-article date= time= author= excerpt= \
    "body=Tagged." "tags=" action=publish
code_none=$code
req t_read2 "/$ym_t/tagged-article"
check "removing every tag: none stored, none shown, /tag/rust gone" \
    "status $code_none; tags: $(tags_of "$id_t")" \
    eval '[ "$code_none" = 303 ] && [ -z "$(tags_of "$id_t")" ] && ! has "$H/t_read2.b" "rel=\"tag\"" &&
    [ "$(curl -s -o /dev/null -w "%{http_code}" "$base/tag/rust")" = 404 ]'

# ---------------------------------------------------------------------------
# Conflict: two editors of one article

req c_open "/admin/articles/$id_p" -b "$A"
r1=$(grab '<input type="hidden" name="revision" value="([^"]*)"' "$H/c_open.b")
post c_theirs "/admin/articles/$id_p" "$B" "csrf=$csrf_b" "revision=$r1" \
    "title=Their Title" slug=from-the-past date=2011-05-04 time=10:30 author= \
    excerpt= "body=Their <em>body</em> & theirs." action=publish
check "another author saves the article opened at revision $r1: 303, revision $((r1 + 1))" \
    "status $code; revision $(q "SELECT revision FROM articles WHERE id = $id_p")" \
    eval '[ "$code" = 303 ] && [ "$(q "SELECT revision FROM articles WHERE id = $id_p")" = "$((r1 + 1))" ]'
post c_mine "/admin/articles/$id_p" "$A" "csrf=$csrf_a" "revision=$r1" \
    "title=My Title" slug=from-the-past date=2011-05-04 time=10:30 author= \
    excerpt= "body=My body, written meanwhile." action=publish
keep c_mine edit-conflict
r2=$(grab '<input type="hidden" name="revision" value="([^"]*)"' "$H/c_mine.b")
check "saving the older form: 409, theirs from the database and mine in the form" \
    "status $code; their title '$(val '<input id="their-title" type="text" value="([^"]*)"' "$H/c_mine.b")', my title '$(input_val title "$H/c_mine.b")'" \
    eval '[ "$code" = 409 ] &&
    [ "$(val "<input id=\"their-title\" type=\"text\" value=\"([^\"]*)\"" "$H/c_mine.b")" = "Their Title" ] &&
    [ "$(val "<textarea id=\"their-body\"[^>]*>(.*?)<\/textarea>" "$H/c_mine.b")" = "Their <em>body</em> & theirs." ] &&
    [ "$(input_val title "$H/c_mine.b")" = "My Title" ] &&
    [ "$(textarea_val body "$H/c_mine.b")" = "My body, written meanwhile." ]'
check "after the 409 the database still has the other edit; the page carries revision $((r1 + 1))" \
    "title in db: $(q "SELECT title FROM articles WHERE id = $id_p"); page revision '$r2'" \
    eval '[ "$(q "SELECT title FROM articles WHERE id = $id_p")" = "Their Title" ] && [ "$r2" = "$((r1 + 1))" ]'
post c_again "/admin/articles/$id_p" "$A" "csrf=$csrf_a" "revision=$r2" \
    "title=My Title" slug=from-the-past date=2011-05-04 time=10:30 author= \
    excerpt= "body=My body, written meanwhile." action=publish
check "sending again from the conflict page saves mine (303)" \
    "status $code; title in db: $(q "SELECT title FROM articles WHERE id = $id_p")" \
    eval '[ "$code" = 303 ] && [ "$(q "SELECT title FROM articles WHERE id = $id_p")" = "My Title" ]'

# ---------------------------------------------------------------------------
# CSRF: every state-changing POST needs the session's token

CS_TITLE=$'<script>alert("csrf")</script> & Ünï \'t\''
CS_BODY=$'Typed <b>body</b> & "more"\nsecond line ☕'
ZERO=$(printf '0%.0s' $(seq 64))
csrf_variants() {	# the csrf field of each variant
	case $1 in
	missing) ;;
	wrong) printf '%s' "csrf=$ZERO" ;;
	malformed) printf '%s' "csrf=not-a-token" ;;
	other) printf '%s' "csrf=$csrf_b" ;;	# bob's: another session's token
	esac
}
rev_s=$(q "SELECT revision FROM articles WHERE id = ${id_s:-0}")
declare -A CS_PATH=(
	[save]=/admin/articles/new
	[publish]="/admin/articles/${id_s:-0}"
	[settings]=/admin/settings
	[delete]="/admin/articles/$id_h/delete"
	[account]=/admin/account
	[logout]=/admin/logout
)
cs_fields() {
	case $1 in
	save) printf '%s\0' "title=$CS_TITLE" slug=csrf-draft "body=$CS_BODY" action=draft ;;
	publish) printf '%s\0' "revision=$rev_s" "title=$CS_TITLE" slug=cafe-creme-unicode "body=$CS_BODY" action=publish ;;
	settings) printf '%s\0' "site_title=CSRF Title" site_per_page=5 "site_disclaimer=$CS_BODY" ;;
	delete) printf '%s\0' x=1 ;;
	account) printf '%s\0' "old_password=$PW_A" "new_password=$PW_G2" "new_password2=$PW_G2" ;;
	logout) printf '%s\0' x=1 ;;
	esac
}
for act in save publish settings delete account logout; do
	s0=$(snap)
	codes=""
	for v in missing wrong malformed other; do
		mapfile -d '' -t fields < <(cs_fields "$act")
		cf=$(csrf_variants "$v")
		[ -n "$cf" ] && fields+=("$cf")
		post "cs_${act}_$v" "${CS_PATH[$act]}" "$A" "${fields[@]}"
		codes+=" $v=$code"
	done
	check "CSRF: POST ${CS_PATH[$act]//[0-9]/N} ($act) with no csrf, a wrong one, a malformed one, another session's: 403 each, nothing changed" \
	    "statuses:$codes; snapshot $s0 -> $(snap)" \
	    eval '[ "$codes" = " missing=403 wrong=403 malformed=403 other=403" ] && [ "$(snap)" = "$s0" ]'
done
keep cs_save_missing admin-error
check "the CSRF 403 page shows the typed title and body in readonly textareas, escaped" \
    "title: $(val '<textarea id="kept-title"[^>]*>(.*?)<\/textarea>' "$H/cs_save_missing.b" | head -c 100); <script in page: $(grep -c '<script' "$H/cs_save_missing.b")" \
    eval 'same_bytes "$CS_TITLE" "$H/cs_save_missing.b" "<textarea id=\"kept-title\" rows=\"8\" readonly>(.*?)<\/textarea>" &&
    same_bytes "$CS_BODY" "$H/cs_save_missing.b" "<textarea id=\"kept-body\" rows=\"8\" readonly>(.*?)<\/textarea>" &&
    ! grep -q "<script" "$H/cs_save_missing.b"'
check "the settings 403 page keeps the typed disclaimer" "" \
    same_bytes "$CS_BODY" "$H/cs_settings_wrong.b" '<textarea id="kept-site_disclaimer" rows="8" readonly>(.*?)<\/textarea>'
req cs_still /admin -b "$A"
check "after the refused logouts the session still works (GET /admin 200)" "status $code" [ "$code" = 200 ]

# ---------------------------------------------------------------------------
# Unpublish and delete

post u_pub /admin/articles/new "$A" "csrf=$csrf_a" "title=Short Lived" \
    slug=short-lived date= time= author= excerpt= "body=Here for a moment." action=publish
id_u=$(perl -e 'print $1 if $ARGV[0] =~ m{^/admin/articles/(\d+)}' "$loc")
id_u=${id_u:-0}
ym_u=$(q "SELECT strftime('%Y/%m', published_at, 'unixepoch') FROM articles WHERE id = $id_u")
req r_u1 "/$ym_u/short-lived"
c1=$code
rev_u=$(q "SELECT revision FROM articles WHERE id = $id_u")
d_u=$(q "SELECT strftime('%Y-%m-%d', published_at, 'unixepoch') FROM articles WHERE id = $id_u")
t_u=$(q "SELECT strftime('%H:%M', published_at, 'unixepoch') FROM articles WHERE id = $id_u")
post u_unpub "/admin/articles/$id_u" "$A" "csrf=$csrf_a" "revision=$rev_u" \
    "title=Short Lived" slug=short-lived "date=$d_u" "time=$t_u" author= excerpt= \
    "body=Here for a moment." action=unpublish
c2=$code l2=$loc
req r_u2 "/$ym_u/short-lived"
check "unpublish: 303 ?done=unpublished, a draft again, and readers get 404 at its address" \
    "published: $c1; unpublish: $c2 $l2; then readers: $code; status $(q "SELECT status FROM articles WHERE id = $id_u")" \
    eval '[ "$c1" = 200 ] && [ "$c2" = 303 ] && [ "$l2" = "/admin/articles/$id_u?done=unpublished" ] &&
    [ "$code" = 404 ] && [ "$(q "SELECT status FROM articles WHERE id = $id_u")" = draft ]'
req d_conf "/admin/articles/$id_u/delete" -b "$A"
keep d_conf delete
check "GET .../delete: a confirmation page with a POST form, nothing deleted yet" \
    "status $code; rows $(q "SELECT count(*) FROM articles WHERE id = $id_u")" \
    eval '[ "$code" = 200 ] && has "$H/d_conf.b" "<form method=\"post\" action=\"/admin/articles/$id_u/delete\"" &&
    [ "$(q "SELECT count(*) FROM articles WHERE id = $id_u")" = 1 ]'
post d_post "/admin/articles/$id_u/delete" "$A" "csrf=$csrf_a"
check "POST .../delete with the token: 303 to /admin?done=deleted, the row is gone" \
    "status $code, Location $loc; rows $(q "SELECT count(*) FROM articles WHERE id = $id_u")" \
    eval '[ "$code" = 303 ] && [ "$loc" = "/admin?done=deleted" ] && [ "$(q "SELECT count(*) FROM articles WHERE id = $id_u")" = 0 ]'
req d_after "/admin/articles/$id_u" -b "$A"
keep d_after admin-not-found
check "the editor of the deleted article: 404 (admin error page)" "status $code" \
    eval '[ "$code" = 404 ] && has "$H/d_after.b" "admin-badge"'

# Deleted while somebody had it open: the save says so, and saving again
# creates it anew.
post dm_new /admin/articles/new "$A" "csrf=$csrf_a" "title=Deleted Meanwhile" \
    slug=deleted-meanwhile date= time= author= excerpt= "body=Still wanted." action=draft
id_m=$(perl -e 'print $1 if $ARGV[0] =~ m{^/admin/articles/(\d+)}' "$loc")
id_m=${id_m:-0}
post dm_del "/admin/articles/$id_m/delete" "$B" "csrf=$csrf_b"
c1=$code
post dm_save "/admin/articles/$id_m" "$A" "csrf=$csrf_a" revision=1 \
    "title=Deleted Meanwhile" slug=deleted-meanwhile date= time= author= \
    excerpt= "body=Still wanted, edited." action=draft
c2=$code
act=$(grab '<form method="post" action="([^"]*)" class="form editor">' "$H/dm_save.b")
post dm_again "${act:-/admin/articles/$id_m}" "$A" "csrf=$csrf_a" \
    "revision=$(grab '<input type="hidden" name="revision" value="([^"]*)"' "$H/dm_save.b")" \
    "title=Deleted Meanwhile" slug=deleted-meanwhile date= time= author= \
    excerpt= "body=Still wanted, edited." action=draft
check "saving an article deleted meanwhile loses nothing typed: the answer shows the title and body sent" \
    "delete: $c1; save: $c2 ($(messages "$H/dm_save.b" | head -n 2))" \
    eval '[ "$c1" = 303 ] && { [ "$(textarea_val body "$H/dm_save.b")" = "Still wanted, edited." ] ||
    [ "$(val "<textarea id=\"kept-body\"[^>]*>(.*?)<\/textarea>" "$H/dm_save.b")" = "Still wanted, edited." ]; }'
check "saving an article deleted meanwhile: 409 with the editor filled in, and sending it again creates the article anew" \
    "save: $c2 ($(messages "$H/dm_save.b" | head -n 2)); form action '$act'; sending again: $code $loc; rows: $(q "SELECT count(*) FROM articles WHERE slug = 'deleted-meanwhile'")" \
    eval '[ "$c2" = 409 ] && [ "$(textarea_val body "$H/dm_save.b")" = "Still wanted, edited." ] &&
    [ "$act" = /admin/articles/new ] && [ "$code" = 303 ] &&
    [ "$(q "SELECT body FROM articles WHERE slug = '"'deleted-meanwhile'"'")" = "Still wanted, edited." ]'

req m405 /admin/logout -b "$A"
check "GET /admin/logout: 405 with Allow: POST" "status $code, Allow: $(hdr "$H/m405.h" Allow)" \
    eval '[ "$code" = 405 ] && [ "$(hdr "$H/m405.h" Allow)" = POST ]'

# ---------------------------------------------------------------------------
# Static pages

req pg_new /admin/pages/new -b "$A"
prev=$(grab '<input type="hidden" name="revision" value="([^"]*)"' "$H/pg_new.b")
np0=$(q "SELECT count(*) FROM pages")
post pg_form /admin/pages/new "$A" "csrf=$csrf_a" "revision=$prev" \
    "title=Page As The Form Is" slug= "body=Every field of the new-page form." action=draft
check "new page: the form as served (hidden revision=\"$prev\") saves a draft (303)" \
    "POST /admin/pages/new with revision=$prev: status $code, pages $np0 -> $(q "SELECT count(*) FROM pages"); $(messages "$H/pg_form.b")" \
    [ "$code" = 303 ]
post pg_pub /admin/pages/new "$A" "csrf=$csrf_a" "title=Colophon Test" \
    slug=colophon-test "body=A **static** page." action=publish
c1=$code l1=$loc
req r_pg /colophon-test
check "a static page: publish (303 ?done=published) and readers see it at /colophon-test" \
    "publish: $c1 $l1; GET /colophon-test: $code" \
    eval '[ "$c1" = 303 ] && [[ $l1 =~ ^/admin/pages/[0-9]+\?done=published$ ]] && [ "$code" = 200 ] &&
    has "$H/r_pg.b" "<strong>static</strong>" && has "$H/r_pg.b" "Colophon Test"'
np0=$(q "SELECT count(*) FROM pages")
codes=""
for s in admin archive static; do
	post "pg_res_$s" /admin/pages/new "$A" "csrf=$csrf_a" "title=Reserved $s" \
	    "slug=$s" "body=Taking /$s." action=publish
	grep -q '<span class="error" id="slug-err">[^<]' "$H/pg_res_$s.b" || code="$code(no message)"
	codes+=" $code"
done
post pg_res_title /admin/pages/new "$A" "csrf=$csrf_a" "title=Archive" \
    slug= "body=The slug would come from the title." action=publish
codes+=" $code"
check "reserved slugs (admin, archive, static, and archive made from a title) refused for pages: 400 with a message" \
    "statuses:$codes; pages $np0 -> $(q "SELECT count(*) FROM pages")" \
    eval '[ "$codes" = " 400 400 400 400" ] && [ "$(q "SELECT count(*) FROM pages")" = "$np0" ]'

# ---------------------------------------------------------------------------
# Settings

req st_get /admin/settings -b "$A"
keep st_get settings
req rd_list /admin/redirects -b "$A"
keep rd_list redirects
check "GET /admin/redirects: 200, the redirects page (and to the HTML checker)" \
    "status $code" eval '[ "$code" = 200 ] && has "$H/rd_list.b" "<h1>Redirects</h1>"'
declare -A SV=()
for f in site_title site_subtitle site_base_url site_author site_per_page; do
	SV[$f]=$(input_val "$f" "$H/st_get.b")
done
for f in site_note site_disclaimer site_robots; do
	SV[$f]=$(textarea_val "$f" "$H/st_get.b")
done
SV[site_disclaimer_where]=$(select_val site_disclaimer_where "$H/st_get.b")
check "the settings form shows where the disclaimer goes in full: on article pages (the default)" \
    "selected: '${SV[site_disclaimer_where]}'" eval '[ "${SV[site_disclaimer_where]}" = articles ]'
check "GET /admin/settings: 200, the form filled in from the settings" \
    "status $code; title '${SV[site_title]}', per page '${SV[site_per_page]}'" \
    eval '[ "$code" = 200 ] && [ "${SV[site_title]}" = "$(q "SELECT value FROM settings WHERE key = '"'title'"'")" ] &&
    [ -n "${SV[site_per_page]}" ]'

settings_post() {	# NAME FIELD=VALUE...: the current values, then these
	local name=$1 f
	local -a a=("csrf=$csrf_a")
	shift
	for f in site_title site_subtitle site_base_url site_author site_per_page \
	    site_note site_disclaimer site_robots site_disclaimer_where; do
		a+=("$f=${SV[$f]}")
	done
	a+=(share_x=1 share_linkedin=1 share_facebook=1 "$@")
	post "$name" /admin/settings "$A" "${a[@]}"
}
s0=$(snap)
settings_post st_pp0 site_per_page=0
c1=$code
settings_post st_pp101 site_per_page=101
c2=$code
settings_post st_ppabc site_per_page=abc
c3=$code
keep st_ppabc settings-errors-number
check "per_page 0, 101, abc: 400 with a message next to the field, nothing changed" \
    "statuses $c1 $c2 $c3; messages: $(grab '<span class="error" id="site_per_page-err">(.*?)<\/span>' "$H/st_pp0.b") / $(grab '<span class="error" id="site_per_page-err">(.*?)<\/span>' "$H/st_pp101.b") / $(grab '<span class="error" id="site_per_page-err">(.*?)<\/span>' "$H/st_ppabc.b")" \
    eval '[ "$c1 $c2 $c3" = "400 400 400" ] && [ "$(snap)" = "$s0" ] &&
    grep -q "id=\"site_per_page-err\">[^<]" "$H/st_pp0.b" &&
    grep -q "id=\"site_per_page-err\">[^<]" "$H/st_pp101.b" &&
    grep -q "id=\"site_per_page-err\">[^<]" "$H/st_ppabc.b" &&
    [ "$(input_val site_per_page "$H/st_ppabc.b")" = abc ]'
settings_post st_js 'site_base_url=javascript:alert(1)'
keep st_js settings-errors
check "base URL javascript:alert(1): 400 with a message, nothing changed" \
    "status $code; message: $(grab '<span class="error" id="site_base_url-err">(.*?)<\/span>' "$H/st_js.b")" \
    eval '[ "$code" = 400 ] && grep -q "id=\"site_base_url-err\">[^<]" "$H/st_js.b" && [ "$(snap)" = "$s0" ]'

S_TITLE=$'<b>"x" & \'y\'</b> Site'
S_TITLE_ESC='&lt;b&gt;&quot;x&quot; &amp; &#39;y&#39;&lt;/b&gt; Site'
S_DISC=$'Read this **bold claim** <script>alert("disc")</script> carefully.'
# The real form sends no share_facebook when its box is unticked.
SV[site_title]=$S_TITLE
SV[site_disclaimer]=$S_DISC
SV[site_per_page]=3
# The disclaimer in full on every page, not only on articles.
SV[site_disclaimer_where]=everywhere
a=("csrf=$csrf_a")
for f in site_title site_subtitle site_base_url site_author site_per_page \
    site_note site_disclaimer site_robots site_disclaimer_where; do
	a+=("$f=${SV[$f]}")
done
post st_ok /admin/settings "$A" "${a[@]}" share_x=1 share_linkedin=1
check "settings saved: 303 to /admin/settings?done=settings" "status $code, Location $loc; $(messages "$H/st_ok.b")" \
    eval '[ "$code" = 303 ] && [ "$loc" = "/admin/settings?done=settings" ]'
row=$(q "SELECT group_concat(key || '=' || value, ' ') FROM (SELECT key, value FROM settings
    WHERE key IN ('per_page', 'share_facebook', 'share_x', 'share_linkedin') ORDER BY key)")
check "the settings rows: per_page 3, Facebook off, X and LinkedIn on, the title as typed" \
    "rows: $row; title: $(q "SELECT value FROM settings WHERE key = 'title'")" \
    eval '[ "$row" = "per_page=3 share_facebook=0 share_linkedin=1 share_x=1" ] &&
    [ "$(q "SELECT value FROM settings WHERE key = '"'title'"'")" = "$S_TITLE" ]'

ym_hp=$(q "SELECT strftime('%Y/%m', published_at, 'unixepoch') FROM articles WHERE id = $id_h")
errs=""
for np in rd_home:/ "rd_archive:/archive/$ym_hp" "rd_hostile:/$ym_hp/hostile-title" \
    rd_past:/2011/05/from-the-past rd_colophon:/colophon-test rd_about:/about; do
	n=${np%%:*} p=${np#*:}
	req "$n" "$p"
	[ "$code" = 200 ] || errs+="$p: status $code"$'\n'
	has "$H/$n.b" "$S_TITLE_ESC" || errs+="$p: no escaped site title"$'\n'
	has "$H/$n.b" '<b>"x"' && errs+="$p: the title as markup"$'\n'
	has "$H/$n.b" "<strong>bold claim</strong>" || errs+="$p: disclaimer not rendered"$'\n'
	[ "$(foreign_scripts "$H/$n.b")" = 0 ] || errs+="$p: a <script> element"$'\n'
done
check "every reader page shows the new title escaped and, set to every page, the disclaimer in full, rendered (bold, no script)" \
    "$errs" [ -z "$errs" ]
check "articles have no Facebook share link now (X and LinkedIn still there)" \
    "facebook: $(grep -c facebook "$H/rd_past.b"), x.com: $(grep -c 'x.com/intent' "$H/rd_past.b")" \
    eval '! grep -qi facebook "$H/rd_past.b" && ! grep -qi facebook "$H/rd_hostile.b" &&
    has "$H/rd_past.b" "x.com/intent" && has "$H/rd_past.b" "linkedin.com"'
n=$(grep -c '<article class="summary"' "$H/rd_home.b")
check "the home page lists 3 articles (per_page=3)" "found $n" [ "$n" = 3 ]
settings_post st_where site_disclaimer_where=elsewhere
check "where the disclaimer goes: a value not offered is a 400 with a message; nothing saved" \
    "status $code; $(messages "$H/st_where.b"); row: $(q "SELECT value FROM settings WHERE key = 'disclaimer_where'")" \
    eval '[ "$code" = 400 ] && has "$H/st_where.b" "Choose one of the options." &&
    [ "$(q "SELECT value FROM settings WHERE key = '"'disclaimer_where'"'")" = everywhere ]'

# ---------------------------------------------------------------------------
# Markup in titles, excerpts, slugs, settings: shown as text everywhere

errs=""
has "$H/rd_home.b" "$T_HOST_ESC" || errs+="home: no escaped article title"$'\n'
has "$H/rd_archive.b" "$T_HOST_ESC" || errs+="archive: no escaped article title"$'\n'
for f in rd_home rd_archive; do
	grep -q '<b>' "$H/$f.b" && errs+="$f: a <b> element (title or excerpt as markup)"$'\n'
done
check "on the home page and the archive of its month, the title and excerpt <b>\"x\" & 'y'</b> are text, never markup" \
    "$errs" [ -z "$errs" ]
req ad_list /admin -b "$A"
keep ad_list list
ttl=$(grab '<title>(.*?)<\/title>' "$H/ad_list.b")
check "GET /admin: the <title> names the page and the site" \
    "status $code; <title>$ttl</title>" \
    eval '[ "$code" = 200 ] && [[ $ttl == "Articles and pages (admin) "*"$S_TITLE_ESC" ]]'
req ad_edit "/admin/articles/$id_h" -b "$A"
req ad_del "/admin/articles/$id_h/delete" -b "$A"
errs=""
for f in ad_list ad_edit ad_del; do
	has "$H/$f.b" "$S_TITLE_ESC" || errs+="$f: no escaped site title"$'\n'
	has "$H/$f.b" "$T_HOST_ESC" || errs+="$f: no escaped article title"$'\n'
	has "$H/$f.b" 'Sign out Alice &lt;A&gt; &amp; &quot;Co&quot;' || errs+="$f: the user's name not escaped"$'\n'
	grep -q '<b>' "$H/$f.b" && errs+="$f: a <b> element"$'\n'
done
[ "$(input_val title "$H/ad_edit.b")" = "$T_HOST" ] || errs+="editor: title value differs"$'\n'
[ "$(textarea_val excerpt "$H/ad_edit.b")" = "$T_HOST" ] || errs+="editor: excerpt value differs"$'\n'
check "admin list, editor and delete page: titles, excerpt, site title and user name escaped" \
    "$errs" [ -z "$errs" ]
post es_slug /admin/articles/new "$A" "csrf=$csrf_a" "title=Slug Test" \
    "slug=$T_HOST" "body=x" action=draft
check "a slug with <b>\"x\" & 'y'</b>: 400, a message, the value kept and escaped in the form" \
    "status $code; slug value '$(input_val slug "$H/es_slug.b")'" \
    eval '[ "$code" = 400 ] && grep -q "id=\"slug-err\">[^<]" "$H/es_slug.b" &&
    [ "$(input_val slug "$H/es_slug.b")" = "$T_HOST" ] && ! grep -q "<b>" "$H/es_slug.b"'

# ---------------------------------------------------------------------------
# Sessions ending: expiry, logout, user del, user passwd, new password

signin ex_si "$W/ex.jar" alice "$PW_A"
tok=$(token_of "$W/ex.jar")
dig=$(digest_of "$tok")
req ex_ed /admin/articles/new -b "$W/ex.jar"
csrf_ex=$(csrf_of "$H/ex_ed.b")
q "UPDATE sessions SET expires_at = $(($(now) - 1)) WHERE hex(digest) = '$dig'"
req ex_get /admin -b "$W/ex.jar"
check "a session whose expires_at is past: GET /admin redirects to the sign-in" \
    "status $code, Location $loc; rows updated: $(q "SELECT count(*) FROM sessions WHERE hex(digest) = '$dig'")" \
    eval '[ "$code" = 303 ] && [ "$loc" = "/admin/login?next=%2Fadmin" ]'
s0=$(snap)
post ex_post /admin/articles/new "$W/ex.jar" "csrf=$csrf_ex" "title=Typed Late" \
    slug=typed-late "body=Written after the session ended." action=draft
check "a POST with the expired session: 403 saying so, the typed text shown, nothing saved" \
    "status $code; $(messages "$H/ex_post.b")" \
    eval '[ "$code" = 403 ] && [ "$(snap)" = "$s0" ] && has "$H/ex_post.b" "not signed in" &&
    has "$H/ex_post.b" "Written after the session ended."'

signin lo_si "$W/lo.jar" alice "$PW_A"
tok=$(token_of "$W/lo.jar")
dig=$(digest_of "$tok")
req lo_list /admin -b "$W/lo.jar"
post lo_out /admin/logout "$W/lo.jar" "csrf=$(csrf_of "$H/lo_list.b")"
sc=$(hdr "$H/lo_out.h" Set-Cookie)
check "logout: 303 to /admin/login?done=signedout, the cookie cleared (Max-Age=0), the session row deleted" \
    "status $code, Location $loc; Set-Cookie: $sc; rows: $(q "SELECT count(*) FROM sessions WHERE hex(digest) = '$dig'")" \
    eval '[ "$code" = 303 ] && [ "$loc" = "/admin/login?done=signedout" ] &&
    [[ $sc == "quire_session=;"* ]] && [[ $sc == *"Max-Age=0"* ]] && [[ $sc == *"Path=/admin"* ]] &&
    [ "$(q "SELECT count(*) FROM sessions WHERE hex(digest) = '"'$dig'"'")" = 0 ]'
req lo_old /admin -H "Cookie: quire_session=$tok"
check "after logout the old cookie opens nothing (303 to the sign-in)" "status $code, Location $loc" \
    eval '[ "$code" = 303 ] && [[ $loc == /admin/login* ]]'
req lo_page "/admin/login?done=signedout"
check "the sign-in page after logout says so" "status $code" \
    eval '[ "$code" = 200 ] && has "$H/lo_page.b" "You are signed out."'

signin de_si "$W/erin.jar" erin "$PW_E"
tok=$(token_of "$W/erin.jar")
uid_e=$(q "SELECT id FROM users WHERE login = 'erin'")
req de_before /admin -b "$W/erin.jar"
c1=$code
"$QUIRE" user del erin --db "$DB" >"$W/cli/del.out" 2>&1
rc=$?
req de_after /admin -H "Cookie: quire_session=$tok"
check "quire user del erin: exit 0, her sessions deleted, her cookie opens nothing" \
    "before: $c1; exit $rc $(cat "$W/cli/del.out"); sessions left: $(q "SELECT count(*) FROM sessions WHERE user_id = ${uid_e:-0}"); after: $code $loc" \
    eval '[ "$c1" = 200 ] && [ $rc = 0 ] && [ "$(q "SELECT count(*) FROM sessions WHERE user_id = ${uid_e:-0}")" = 0 ] &&
    [ "$code" = 303 ] && [[ $loc == /admin/login* ]]'

signin pw_si "$W/frank.jar" frank "$PW_F"
tok=$(token_of "$W/frank.jar")
req pw_before /admin -b "$W/frank.jar"
c1=$code
printf '%s\n' "$PW_F2" | "$QUIRE" user passwd frank --db "$DB" >"$W/cli/passwd.out" 2>&1
rc=$?
req pw_after /admin -H "Cookie: quire_session=$tok"
c2=$code l2=$loc
signin pw_new "$W/frank.jar" frank "$PW_F2"
check "quire user passwd frank: exit 0, his session ended, the new password signs in" \
    "before: $c1; exit $rc $(cat "$W/cli/passwd.out"); old cookie: $c2 $l2; new password: $code" \
    eval '[ "$c1" = 200 ] && [ $rc = 0 ] && [ "$c2" = 303 ] && [[ $l2 == /admin/login* ]] && [ "$code" = 303 ]'
printf '%s\n' "$PW_F2" | "$QUIRE" user passwd nobody-here --db "$DB" >"$W/cli/passwd2.out" 2>&1
rc=$?
check "quire user passwd of a missing login fails with exit 1 and a message" \
    "exit $rc: $(cat "$W/cli/passwd2.out")" \
    eval '[ $rc = 1 ] && grep -q "no user" "$W/cli/passwd2.out"'

G=$W/gina.jar
signin ac_si "$G" gina "$PW_G"
tok=$(token_of "$G")
req ac_get /admin/account -b "$G"
keep ac_get account
csrf_g=$(csrf_of "$H/ac_get.b")
check "GET /admin/account: 200, the password form" "status $code" \
    eval '[ "$code" = 200 ] && has "$H/ac_get.b" "name=\"old_password\""'
h0=$(q "SELECT pwhash FROM users WHERE login = 'gina'")
post ac_wrong /admin/account "$G" "csrf=$csrf_g" "old_password=$PW_WRONG" \
    "new_password=$PW_G2" "new_password2=$PW_G2"
c1=$code m1=$(grab '<span class="error" id="old_password-err">(.*?)<\/span>' "$H/ac_wrong.b")
post ac_none /admin/account "$G" "csrf=$csrf_g" "old_password=" \
    "new_password=$PW_G2" "new_password2=$PW_G2"
c1b=$code
post ac_short /admin/account "$G" "csrf=$csrf_g" "old_password=$PW_G" \
    "new_password=$PW_SHORT" "new_password2=$PW_SHORT"
keep ac_short account-errors
c2=$code m2=$(grab '<span class="error" id="new_password-err">(.*?)<\/span>' "$H/ac_short.b")
post ac_mism /admin/account "$G" "csrf=$csrf_g" "old_password=$PW_G" \
    "new_password=$PW_G2" "new_password2=$PW_MISMATCH"
c3=$code m3=$(grab '<span class="error" id="new_password2-err">(.*?)<\/span>' "$H/ac_mism.b")
check "account: a wrong or missing old password, a short new one, two that differ: 400 with a message each, nothing changed" \
    "wrong old: $c1 '$m1'; no old: $c1b; short: $c2 '$m2'; mismatch: $c3 '$m3'" \
    eval '[ "$c1 $c1b $c2 $c3" = "400 400 400 400" ] && [ -n "$m1" ] && [ -n "$m2" ] && [ -n "$m3" ] &&
    [ "$(q "SELECT pwhash FROM users WHERE login = '"'gina'"'")" = "$h0" ]'
post ac_ok /admin/account "$G" "csrf=$csrf_g" "old_password=$PW_G" \
    "new_password=$PW_G2" "new_password2=$PW_G2"
sc=$(hdr "$H/ac_ok.h" Set-Cookie)
check "account: the password changed, 303 to /admin/login?done=password, the cookie cleared" \
    "status $code, Location $loc; Set-Cookie: $sc" \
    eval '[ "$code" = 303 ] && [ "$loc" = "/admin/login?done=password" ] &&
    [[ $sc == "quire_session=;"* ]] && [[ $sc == *"Max-Age=0"* ]] &&
    [ "$(q "SELECT pwhash FROM users WHERE login = '"'gina'"'")" != "$h0" ]'
req ac_old /admin -H "Cookie: quire_session=$tok"
check "after the change the old session is over (303 to the sign-in)" "status $code, Location $loc" \
    eval '[ "$code" = 303 ] && [[ $loc == /admin/login* ]]'
signin ac_new "$W/x.jar" gina "$PW_G2"
c1=$code
signin ac_oldpw "$W/x.jar" gina "$PW_G" "" --interface 127.0.0.31
check "gina signs in with the new password, not with the old one" "new: $c1, old: $code" \
    eval '[ "$c1" = 303 ] && [ "$code" = 403 ]'

# The current password on the account page counts for the session alone
# (its waits: tests/e2e/signin.sh): not for the login, so that neither
# stops the other.
G2=$W/gina2.jar
signin ac_si2 "$G2" gina "$PW_G2" "" --interface 127.0.0.32
req ac_get2 /admin/account -b "$G2"
csrf_g2=$(csrf_of "$H/ac_get2.b")
h1=$(q "SELECT pwhash FROM users WHERE login = 'gina'")
codes=""
for i in 1 2 3; do
	post "ac_guess$i" /admin/account "$G2" "csrf=$csrf_g2" "old_password=$PW_WRONG$i" \
	    "new_password=$PW_G" "new_password2=$PW_G"
	codes+=" $code"
done
check "account: 3 wrong current passwords, 400 each, nothing changed" \
    "statuses:$codes" \
    eval '[ "$codes" = " 400 400 400" ] && [ "$(q "SELECT pwhash FROM users WHERE login = '"'gina'"'")" = "$h1" ]'
signin ac_si3 "$W/x.jar" gina "$PW_G2" "" --interface 127.0.0.33
check "and gina's sign-in is not limited by them (303): the account page counts for its session" \
    "status $code; login:gina failures '$(q "SELECT failures FROM signin_failures WHERE key = 'login:gina'")'" \
    [ "$code" = 303 ]

# ---------------------------------------------------------------------------
# Body limit (--max-body 65536) and media type

# form_of_size N FILE: a valid new-draft form of exactly N bytes.
form_of_size() {
	local head="csrf=$csrf_a&action=draft&title=Sized&slug=sized-$1&body="
	{ printf '%s' "$head"; head -c $(($1 - ${#head})) /dev/zero | tr '\0' a; } > "$2"
}
n0=$(q "SELECT count(*) FROM articles")
form_of_size 100000 "$W/f100k"
req big /admin/articles/new -b "$A" --data-binary @"$W/f100k"
check "a 100 kB POST: 413 with a readable page saying the limit" \
    "status $code; Content-Type $(hdr "$H/big.h" Content-Type); $(messages "$H/big.b")" \
    eval '[ "$code" = 413 ] && [[ $(hdr "$H/big.h" Content-Type) == text/html* ]] &&
    has "$H/big.b" "65536 bytes" && has "$H/big.b" "413"'
req big_nosess /admin/articles/new --data-binary @"$W/f100k"
check "a 100 kB POST without a session: 413 too (refused on its Content-Length, before anything else)" \
    "status $code" [ "$code" = 413 ]
form_of_size 65537 "$W/f65537"
req big1 /admin/articles/new -b "$A" --data-binary @"$W/f65537"
c1=$code
form_of_size 65536 "$W/f65536"
req big0 /admin/articles/new -b "$A" --data-binary @"$W/f65536"
check "65537 bytes: 413; exactly 65536 bytes: saved (303)" \
    "65537: $c1; 65536: $code $(messages "$H/big0.b")" \
    eval '[ "$c1" = 413 ] && [ "$code" = 303 ] && [ "$(q "SELECT count(*) FROM articles")" = "$((n0 + 1))" ]'
req plain /admin/articles/new -b "$A" -H 'Content-Type: text/plain' --data-binary @"$W/f65536"
check "the same size as text/plain: 415, nothing stored" \
    "status $code; $(messages "$H/plain.b")" \
    eval '[ "$code" = 415 ] && [ "$(q "SELECT count(*) FROM articles")" = "$((n0 + 1))" ]'

# ---------------------------------------------------------------------------
# Admin headers on every /admin response

track=0
req hd_404 /admin/no-such-page -b "$A"
req hd_400 '/admin?status=bogus' -b "$A"
track=1

# hdr_problems NAME: what is missing from the admin headers of a response.
hdr_problems() {
	local f=$H/$1.h v out=""
	v=$(hdr "$f" Cache-Control)
	[ "$v" = no-store ] || out+="Cache-Control '$v'; "
	v=$(hdr "$f" Content-Security-Policy)
	[[ $v == *"default-src 'self'"* && $v == *"frame-ancestors 'none'"* ]] || out+="CSP '$v'; "
	v=$(hdr "$f" Referrer-Policy)
	[ "$v" = same-origin ] || out+="Referrer-Policy '$v'; "
	v=$(hdr "$f" X-Content-Type-Options)
	[ "$v" = nosniff ] || out+="X-Content-Type-Options '$v'; "
	printf '%s' "$out"
}
errs="" seen="" nresp=0
declare -A KINDS=()
for n in "${ADMIN[@]}"; do
	case " $seen " in *" $n "*) continue ;; esac	# a reused name: its last response
	seen+=" $n"
	nresp=$((nresp + 1))
	st=$(head -n 1 "$H/$n.h" | awk '{print $2}')
	KINDS[$st]=1
	p=$(hdr_problems "$n")
	[ -z "$p" ] || errs+="$n ($st): $p"$'\n'
done
check "all $nresp /admin responses kept ($(printf '%s ' "${!KINDS[@]}" | tr ' ' '\n' | sort | tr '\n' ' ')) carry Cache-Control: no-store, the CSP (default-src 'self', frame-ancestors 'none'), Referrer-Policy: same-origin, nosniff" \
    "$errs" [ -z "$errs" ]
p=$(hdr_problems hd_404)
check "a 404 at an unknown /admin address (GET /admin/no-such-page) carries the admin headers" \
    "status $(head -n 1 "$H/hd_404.h" | tr -d '\r'): $p" [ -z "$p" ]
errs=""
for n in hd_400 or_get1 or_get2 or_get3 or_get4 or_get5 or_get6; do
	p=$(hdr_problems "$n")
	[ -z "$p" ] || errs+="$n ($(head -n 1 "$H/$n.h" | tr -d '\r')): $p"$'\n'
done
check "a 400 for a malformed query on /admin (?status=bogus, and the refused next= values of /admin/login) carries the admin headers" \
    "$errs" [ -z "$errs" ]
errs=""
for n in $seen; do
	l=$(hdr "$H/$n.h" Location)
	[ -z "$l" ] && continue
	[[ $l == /* && $l != //* && $l != /\\* ]] || errs+="$n: Location $l"$'\n'
done
check "no /admin response redirects to another host (every Location is a local path)" "$errs" [ -z "$errs" ]

# ---------------------------------------------------------------------------
# HTML validation (Nu HTML Checker), in the background while logs are read

vnu_start "${VNU[@]}"

# ---------------------------------------------------------------------------
# Logs: no password, no crash, no sanitizer report

stop_site
errs=""
for pw in "${ALL_PW[@]}"; do
	for form in "$pw" "$(pct "$pw")" "${pw// /+}"; do
		hits=$(grep -rlaF -- "$form" "$VAR" 2>/dev/null)
		[ -z "$hits" ] || errs+="'$form' in: $hits"$'\n'
	done
done
check "no password used in this run appears in the logs under VAR (as typed or percent-encoded)" \
    "$errs" eval '[ -z "$errs" ] && [ -s "$VAR/server.log" ] && [ -s "$VAR/nginx-access.log" ]'
san=$(grep -E 'ERROR: (Address|Leak)Sanitizer|runtime error:|SUMMARY: [A-Za-z]*Sanitizer' \
    "$VAR/server.log" "$W"/cli/*.out 2>/dev/null | head -n 5)
check "no sanitizer report in the server log or the command-line runs" "$san" [ -z "$san" ]
crash=$(grep -E 'worker [0-9]+ ended| error ' "$VAR/server.log" | head -n 5)
check "server log: no worker died, no request logged as an error" "$crash" [ -z "$crash" ]
nerr=$(grep -E '\[(error|crit|alert|emerg)\]' "$VAR/nginx-error.log" 2>/dev/null | head -n 5)
check "nginx error log: no upstream or server errors" "$nerr" [ -z "$nerr" ]

# ---------------------------------------------------------------------------
# HTML validation results

vnu_report "admin %s" "${VNU[@]}"

# ---------------------------------------------------------------------------

t_end=$(date +%s)
echo "1..$((pass + fail))"
echo "e2e admin: $pass passed, $fail failed ($((t_end - t_start)) s, $QUIRE)"
[ "$fail" = 0 ]
