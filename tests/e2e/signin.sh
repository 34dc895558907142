#!/usr/bin/env bash
# End-to-end tests of the sign-in's defences against denial of service
# (issue 11, cases 1 and 2), through src/run.sh (nginx in front of `quire
# serve`, two workers, trusting X-Forwarded-For from nginx's 127.0.0.1, so
# that each request says which client address it comes from), on the
# tests' clock:
#
#   bash tests/e2e/signin.sh [QUIRE_BINARY]     (from the repo root)
#
# 1. No lockout: an attacker's wrong passwords for an author's login do
#    not stop the author's browser that holds a device cookie; browsers
#    without one, and client addresses (an IPv6 /64, an IPv4 address),
#    wait a delay that doubles from 1 s (Retry-After, a 429 that says so).
# 2. Password checks off the readers' path: at most max(1, workers - 1)
#    run at once, on byte-range locks of the file DB-signin; the test takes
#    the same locks, and a sign-in then answers 503 at once while /archive
#    is served.
#
# One line per check, "ok - ..." or "not ok - ..." with indented details;
# the exit status is 1 if any check failed. Needs: curl, sqlite3, nginx,
# perl, python3. KEEP_E2E=1 keeps the temporary folder.

# Checks pass single-quoted conditions to eval, on purpose:
# shellcheck disable=SC2016
set -u

# shellcheck source=tests/e2e/lib.sh
. "$(dirname "$0")/lib.sh"
e2e_init signin "${1:-}"

need curl sqlite3 nginx perl python3 pgrep
[ -x "$QUIRE" ] || bail "the binary $QUIRE exists" "build it with make"
echo "# e2e signin: $QUIRE"

e2e_workdir
H=$W/http
VAR=$W/var
DB=$W/site.db
mkdir -p "$H" "$VAR"
T0=1750000000	# 2025-06-15 15:06 UTC, standing still
clock_init "$W/clock" "$T0"

q() {
	sqlite3 -init /dev/null -batch -noheader "$DB" "$@"
}

"$QUIRE" init --db "$DB" --demo >"$W/init.out" 2>&1 ||
    bail "quire init --demo creates the test database" "$(cat "$W/init.out")"
PW_O='owner-passphrase-for-signin-1'
PW_O2='owner-passphrase-for-signin-2'
PW_X='other-passphrase-for-signin-1'
PW_BAD='not-the-passphrase-at-all'
for u in "owner:$PW_O" "other:$PW_X"; do
	printf '%s\n' "${u#*:}" | "$QUIRE" user add "${u%%:*}" --db "$DB" \
	    >"$W/useradd.out" 2>&1 ||
	    bail "quire user add ${u%%:*}" "$(cat "$W/useradd.out")"
done

WORKERS=2 start_site "--trust-proxy 127.0.0.1" ||
    bail "src/run.sh starts two workers behind nginx" "$(tail -n 20 "$VAR/server.log" 2>/dev/null)"
ok "src/run.sh starts nginx and two quire workers on 127.0.0.1:$port"

# signin NAME JAR LOGIN PASSWORD ADDR: a sign-in from client address ADDR
# (X-Forwarded-For, which quire trusts from nginx) with JAR's cookies;
# JAR is updated. Sets code and ra (Retry-After).
signin() {
	local name=$1 jar=$2 login=$3 pw=$4 addr=$5
	touch "$jar"
	get "$name" /admin/login -b "$jar" -c "$jar" -H "X-Forwarded-For: $addr" \
	    --data-urlencode "login=$login" --data-urlencode "password=$pw"
	ra=$(hdr "$H/$name.h" Retry-After)
}
# The sign-in form's error message.
msg() {
	perl -0777 -ne 'if (/<p class="error"[^>]*>(.*?)<\/p>/s) { print $1 }' "$H/$1.b"
}
# cookie_of JAR NAME: a cookie's value in a curl jar.
cookie_of() {
	awk -v n="$2" '$6 == n { v = $7 } END { print v }' "$1"
}
failures() {
	q "SELECT failures FROM signin_failures WHERE key = '$1'"
}

# ---------------------------------------------------------------------------
# Device cookies: the owner's browser, then an attacker elsewhere

OWN=$W/owner.jar
signin own1 "$OWN" owner "$PW_O" 2001:db8:a:1::10
dev=$(cookie_of "$OWN" quire_device)
sc=$(grep -i '^Set-Cookie: quire_device=' "$H/own1.h" | tr -d '\r')
check "a right password: 303, and a device cookie (HttpOnly, SameSite=Strict, Path=/admin, a year)" \
    "status $code; $sc" \
    eval '[ "$code" = 303 ] && [[ $dev =~ ^[0-9]+\.[0-9a-f]{32}\.[0-9a-f]{64}$ ]] &&
    [[ $sc == *"HttpOnly"* ]] && [[ $sc == *"SameSite=Strict"* ]] &&
    [[ $sc == *"Path=/admin;"* ]] && [[ $sc == *"Max-Age=31536000"* ]]'

# The attacker: 30 wrong passwords for owner, each from its own /64 (as
# cheap IPv6 makes it), all in the same second.
codes=""
for i in $(seq 1 30); do
	signin "atk$i" "$W/atk.jar" owner "$PW_BAD$i" "2001:db8:bad:$i::1"
	codes+=" $code"
done
n403=$(grep -o ' 403' <<<"$codes" | wc -l)
n429=$(grep -o ' 429' <<<"$codes" | wc -l)
check "30 wrong passwords for owner from 30 /64s: 3 checked (403), then the login waits (429)" \
    "statuses:$codes" eval '[ "$n403" = 3 ] && [ "$n429" = 27 ]'

signin own2 "$OWN" owner "$PW_O" 2001:db8:a:2::20
check "meanwhile the owner's browser with its device cookie signs in (303), from yet another address" \
    "status $code; $(msg own2)" [ "$code" = 303 ]
check "and keeps its device cookie" "before $dev, after $(cookie_of "$OWN" quire_device)" \
    [ "$(cookie_of "$OWN" quire_device)" = "$dev" ]
signin own3 "$W/new.jar" owner "$PW_O" 2001:db8:a:3::30
m=$(msg own3)
check "a browser without a device cookie waits: 429, Retry-After, a message saying how long" \
    "status $code, Retry-After '$ra', message '$m'" \
    eval '[ "$code" = 429 ] && [[ $ra =~ ^[0-9]+$ ]] && [ "$ra" -ge 1 ] &&
    [[ $m == *"Try again in $ra second"* ]] && [ -z "$(cookie_of "$W/new.jar" quire_session)" ]'
forged="${dev%.*}.$(printf '0%.0s' $(seq 1 64))"
printf '127.0.0.1\tFALSE\t/admin\tFALSE\t0\tquire_device\t%s\n' "$forged" > "$W/forged.jar"
signin forged "$W/forged.jar" owner "$PW_O" 2001:db8:a:4::40
c1=$code
OTH=$W/other.jar
signin oth1 "$OTH" other "$PW_X" 2001:db8:a:5::50
signin cross "$OTH" owner "$PW_O" 2001:db8:a:5::50
check "a device cookie with a forged signature, or another user's, counts for nothing (429)" \
    "forged: $c1; other's: $code" eval '[ "$c1" = 429 ] && [ "$code" = 429 ]'

# ---------------------------------------------------------------------------
# Delays that grow, on the tests' clock

A1=2001:db8:77:1
codes="" ras=""
for i in 1 2 3 4; do
	signin "g$i" "$W/g.jar" "nobody-g$i" "$PW_BAD" "$A1::1"
	codes+=" $code"
done
ras+=" $ra"
for step in 1 2 4 8; do
	clock_add "$step"
	signin "gs$step" "$W/g.jar" "nobody-s$step" "$PW_BAD" "$A1::1"
	codes+=" $code"
	signin "gt$step" "$W/g.jar" "nobody-t$step" "$PW_BAD" "$A1::1"
	codes+=" $code"
	ras+=" $ra"
done
check "one /64's wrong passwords: 3 free, then waits of 1, 2, 4, 8, 16 s (429 with Retry-After), each checked once it has passed" \
    "statuses:$codes; Retry-After:$ras" \
    eval '[ "$codes" = " 403 403 403 429 403 429 403 429 403 429 403 429" ] &&
    [ "$ras" = " 1 2 4 8 16" ]'
k=$(q "SELECT key FROM signin_failures WHERE key LIKE 'ip:2001:db8:77:%'")
q "UPDATE signin_failures SET failures = 40 WHERE key = '$k'"
signin gcap "$W/g.jar" nobody-cap "$PW_BAD" "$A1::1"
check "the delay stops growing at 10 minutes (Retry-After 600 after 40 failures)" \
    "status $code, Retry-After '$ra', key '$k'" \
    eval '[ "$code" = 429 ] && [ "$ra" = 600 ]'

# ---------------------------------------------------------------------------
# Keys: an IPv6 /64, an IPv4 address

for i in 1 2 3; do
	signin "s$i" "$W/s.jar" "nobody-s$i" "$PW_BAD" "2001:db8:64:1::$i"
done
signin s_same "$W/s.jar" nobody-s4 "$PW_BAD" "2001:DB8:64:1:ffff:ffff:ffff:fffe"
c_same=$code
signin s_next "$W/s.jar" nobody-s5 "$PW_BAD" "2001:db8:64:2::1"
c_next=$code
keys=$(q "SELECT key || '=' || failures FROM signin_failures WHERE key LIKE 'ip:2001:db8:64:%' ORDER BY key" | tr '\n' ' ')
check "IPv6 keyed by the /64: 3 failures from 2001:db8:64:1::1..3, then another address of that /64 waits (429), the next /64 does not (403)" \
    "same /64: $c_same, next /64: $c_next; keys: $keys" \
    eval '[ "$c_same" = 429 ] && [ "$c_next" = 403 ] &&
    [ "$keys" = "ip:2001:db8:64:1::/64=3 ip:2001:db8:64:2::/64=1 " ]'
for i in 1 2 3; do
	signin "v$i" "$W/v.jar" "nobody-v$i" "$PW_BAD" 192.0.2.7
done
signin v_same "$W/v.jar" nobody-v4 "$PW_BAD" 192.0.2.7
c_same=$code
signin v_next "$W/v.jar" nobody-v5 "$PW_BAD" 192.0.2.8
check "IPv4 keyed by the address: 192.0.2.7 waits (429), 192.0.2.8 does not (403)" \
    "192.0.2.7: $c_same, 192.0.2.8: $code" \
    eval '[ "$c_same" = 429 ] && [ "$code" = 403 ]'

# Parallel attempts cannot all slip through: each is counted before its
# check, in one write transaction, and checks queue for the slot.
pids=()
for i in $(seq 1 8); do
	curl -s -m 60 -o /dev/null -w '%{http_code}\n' -H "X-Forwarded-For: 2001:db8:99:1::$i" \
	    --data-urlencode "login=nobody-p$i" --data-urlencode "password=$PW_BAD" \
	    "$base/admin/login" > "$H/par$i.code" 2>/dev/null &
	pids+=($!)
done
wait "${pids[@]}"
codes=$(cat "$H"/par*.code | sort | tr '\n' ' ')
n403=$(grep -o '403' <<<"$codes" | wc -l)
nother=$(grep -oE '429|503' <<<"$codes" | wc -l)
check "8 wrong passwords at once from one /64: at most 3 checked (403), the others 429 or 503" \
    "statuses: $codes; failures $(failures 'ip:2001:db8:99:1::/64')" \
    eval '[ "$n403" -ge 1 ] && [ "$n403" -le 3 ] && [ $((n403 + nother)) = 8 ]'

# ---------------------------------------------------------------------------
# Waits end; a right password forgets the login's failures

clock_add 700
signin own4 "$W/new2.jar" owner "$PW_O" 2001:db8:a:6::60
check "once the login's wait has passed, a browser without a device cookie signs in (303) and the login's failures are forgotten" \
    "status $code; login:owner failures '$(failures login:owner)'" \
    eval '[ "$code" = 303 ] && [ -z "$(failures login:owner)" ]'
clock_add 86401
signin forget "$W/g.jar" nobody-forget "$PW_BAD" "$A1::1"
check "a day without failures forgets a key: the capped /64 is checked again (403)" \
    "status $code, Retry-After '$ra'" [ "$code" = 403 ]

# ---------------------------------------------------------------------------
# The account page: its own key, so the attacker cannot stop a change

for i in $(seq 1 5); do
	signin "atk2_$i" "$W/atk.jar" owner "$PW_BAD$i" "2001:db8:bad:$((100 + i))::1"
done
# A day has passed: the session is over, the device cookie is not.
signin own_re "$OWN" owner "$PW_O" 2001:db8:a:2::20
[ "$code" = 303 ] || not_ok "the owner signs in again with the device cookie" "status $code"
get acc /admin/account -b "$OWN" -H "X-Forwarded-For: 2001:db8:a:2::20"
csrf=$(perl -ne 'if (/name="csrf" value="([0-9a-f]{64})"/) { print $1; exit }' "$H/acc.b")
account() {
	get "$1" /admin/account -b "$OWN" -c "$OWN" -H "X-Forwarded-For: 2001:db8:a:2::20" \
	    --data-urlencode "csrf=$csrf" --data-urlencode "old_password=$2" \
	    --data-urlencode "new_password=$PW_O2" --data-urlencode "new_password2=$PW_O2"
	ra=$(hdr "$H/$1.h" Retry-After)
}
signin atk_chk "$W/atk.jar" owner "$PW_BAD" 2001:db8:bad:200::1
c_atk=$code
codes=""
for i in 1 2 3 4; do
	account "acw$i" "$PW_BAD$i"
	codes+=" $code"
done
m=$(perl -0777 -ne 'if (/id="old_password-err">(.*?)<\/span>/s) { print $1 }' "$H/acw4.b")
check "account page: 3 wrong current passwords (400), then a wait of its own (429, Retry-After, a message)" \
    "statuses:$codes; Retry-After '$ra'; message '$m'" \
    eval '[ "$codes" = " 400 400 400 429" ] && [ "$ra" = 1 ] && [[ $m == *"Try again in 1 second"* ]]'
clock_add 1
h0=$(q "SELECT pwhash FROM users WHERE login = 'owner'")
account acok "$PW_O"
check "while owner's login is hammered (attacker: $c_atk), the owner changes the password on the account page (303)" \
    "status $code, Location $(hdr "$H/acok.h" Location)" \
    eval '[ "$c_atk" = 429 ] && [ "$code" = 303 ] &&
    [ "$(q "SELECT pwhash FROM users WHERE login = '"'owner'"'")" != "$h0" ]'
signin own5 "$OWN" owner "$PW_O2" 2001:db8:a:7::70
check "and signs in again with the new password on the device-cookie browser (303)" \
    "status $code; $(msg own5)" [ "$code" = 303 ]

# ---------------------------------------------------------------------------
# Slots: at most max(1, workers - 1) checks at once; readers never wait

LOCK=$DB-signin
[ -f "$LOCK" ] || not_ok "the lock file $LOCK exists beside the database"
# hold FIRST N: a process holding bytes [FIRST, FIRST+N) of the lock file
# with classic POSIX locks (which conflict with the workers' OFD locks),
# until it is killed. Sets hold_pid.
hold() {
	rm -f "$W/held"
	python3 -c '
import fcntl, os, signal, sys
fd = os.open(sys.argv[1], os.O_RDWR)
fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB, int(sys.argv[3]), int(sys.argv[2]), 0)
open(sys.argv[4], "w").close()
signal.pause()' "$LOCK" "$1" "$2" "$W/held" &
	hold_pid=$!
	track "$hold_pid"
	wait_for -p "$hold_pid" 200 test -f "$W/held"
}

f0=$(q "SELECT ifnull(sum(failures), 0) FROM signin_failures")
hold 0 1 || not_ok "the test takes slot 0 of $LOCK"
signin busy "$W/busy.jar" owner "$PW_O2" 2001:db8:c:1::1
c_busy=$code ra_busy=$ra m_busy=$(msg busy)
signin busy2 "$W/busy.jar" nobody-busy "$PW_BAD" 2001:db8:c:1::1
c_busy2=$code
get arch /archive
c_arch=$code
n_ra=$(tr -d '\r' < "$H/busy.h" | grep -ci '^retry-after:')
check "with the one slot (2 workers) taken: a sign-in answers 503, one Retry-After, a message, and counts no failure; /archive is 200" \
    "sign-ins $c_busy, $c_busy2; Retry-After '$ra_busy' ($n_ra of them); message '$m_busy'; failures $f0 -> $(q "SELECT ifnull(sum(failures), 0) FROM signin_failures"); /archive $c_arch" \
    eval '[ "$c_busy" = 503 ] && [ "$c_busy2" = 503 ] && [[ $ra_busy =~ ^[1-9][0-9]*$ ]] && [ "$n_ra" = 1 ] &&
    [[ $m_busy == *"busy"* ]] && [ "$c_arch" = 200 ] &&
    [ "$(q "SELECT ifnull(sum(failures), 0) FROM signin_failures")" = "$f0" ]'
check "the server log says the checks were busy" "$(tail -n 3 "$VAR/server.log")" \
    grep -q 'password checks busy' "$VAR/server.log"
signin dev_busy "$OWN" owner "$PW_O2" 2001:db8:a:7::70
check "the owner's device-cookie browser still signs in, on the spare slot (303)" \
    "status $code; $(msg dev_busy)" [ "$code" = 303 ]
p1=$hold_pid
hold 1 1 || not_ok "the test takes slot 1 (the spare) too"
signin dev_busy2 "$OWN" owner "$PW_O2" 2001:db8:a:7::70
check "with the spare slot taken as well, the device-cookie browser gets 503 too" \
    "status $code" [ "$code" = 503 ]
stop_pid "$hold_pid"
kill -KILL "$p1" 2>/dev/null
wait "$p1" 2>/dev/null
untrack "$p1"
clock_add 10
signin freed "$W/freed.jar" owner "$PW_O2" 2001:db8:c:2::1
check "a holder killed with SIGKILL leaks no slot: the next sign-in is checked (303)" \
    "status $code; $(msg freed)" [ "$code" = 303 ]

# ---------------------------------------------------------------------------

stop_site
san=$(grep -E 'ERROR: (Address|Leak)Sanitizer|runtime error:|SUMMARY: [A-Za-z]*Sanitizer' \
    "$VAR/server.log" 2>/dev/null | head -n 5)
check "no sanitizer report in the server log" "$san" [ -z "$san" ]
# (The busy sign-ins' 503s are logged at the error level, as every 5xx.)
crash=$(grep -E 'worker [0-9]+ ended| error ' "$VAR/server.log" |
    grep -v '"POST /admin/login" 503 ' | head -n 5)
check "server log: no worker died, no request but the busy sign-ins logged as an error" "$crash" [ -z "$crash" ]

t_end=$(date +%s)
echo "1..$((pass + fail))"
echo "e2e signin: $pass passed, $fail failed ($((t_end - t_start)) s, $QUIRE)"
[ "$fail" = 0 ]
