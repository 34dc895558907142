#!/usr/bin/env bash
# End-to-end tests of the workers' sandbox (src/sandbox.c, issue 11):
#
#   bash tests/e2e/sandbox.sh [QUIRE_BINARY]     (from the repo root)
#
# quire check --sandbox puts a child under exactly the workers' filter
# (sandbox_enter()) and has it call execve: it dies by SIGSYS and the log
# says which call was refused. The demo site served by src/run.sh (nginx in
# front of quire serve): every worker runs with no_new_privs and the filter
# (/proc/PID/status), the supervisor without; under it the workers answer
# pages, feeds and search, a sign-in, an admin save, an import and an
# export, and a SIGHUP's new workers are filtered too; no worker died on
# the way. A worker killed by SIGSYS is named as such by the supervisor
# and replaced. sandbox = no in the file, --sandbox no and --no-sandbox
# leave the workers unfiltered; --sandbox maybe is refused.
#
# Served over TCP (--listen), where libfcgi sets TCP_NODELAY on each
# connection, a filtered worker answers too.
#
# Needs: curl, sqlite3, nginx, python3, perl, pgrep, cgi-fcgi. KEEP_E2E=1
# keeps the temporary folder.

# Checks pass single-quoted conditions to eval, on purpose:
# shellcheck disable=SC2016,SC2034
set -u

# shellcheck source=tests/e2e/lib.sh
. "$(dirname "$0")/lib.sh"
e2e_init sandbox "${1:-}"

need curl sqlite3 nginx python3 perl pgrep cgi-fcgi
[ -x "$QUIRE" ] || bail "the binary $QUIRE exists" "build it with make"
echo "# e2e sandbox: $QUIRE"

e2e_workdir
H=$W/http
VAR=$W/var
DB=$VAR/site.db
mkdir -p "$H" "$VAR" "$W/zips"
# The tests' clock, standing still: quire serve reads it (start_site), so
# that what the pages show does not depend on the day the suite runs (the
# demo's 2031 article, "this month" and "this year").
T0=1780315200	# 2026-06-01 12:00 UTC: after every demo article but the 2031 one
clock_init "$W/clock" "$T0"
chmod 755 "$W"
mkdir -m 1777 "$W/tmp"
export TMPDIR=$W/tmp

# A log line of log.c's form from the SIGSYS handler.
LINE_RE='^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z error - - sandbox: system call [0-9]+ \(execve\) refused; process [0-9]+ stops$'

# ---------------------------------------------------------------------------
# The filter stops execve, and says so

"$QUIRE" check --sandbox >"$W/check.out" 2>"$W/check.err"
rc=$?
check "quire check --sandbox: exit 0, execve stopped by the filter (SIGSYS)" \
    "exit $rc; $(cat "$W/check.out" "$W/check.err")" \
    eval '[ $rc = 0 ] && grep -qx "sandbox: ok: execve was stopped by the filter (SIGSYS)" "$W/check.out"'
check "... and the filtered process logged the refused call (log.c's form, execve named)" \
    "$(cat "$W/check.err")" \
    eval '[ "$(grep -cE "$LINE_RE" "$W/check.err")" = 1 ]'

# ---------------------------------------------------------------------------
# A site served by filtered workers

"$QUIRE" init --db "$DB" --demo >"$W/init.out" 2>&1 ||
    bail "quire init --demo creates the test database" "$(cat "$W/init.out")"
PW='sandbox-test-password-1'
printf '%s\n' "$PW" | "$QUIRE" user add alice --name Alice --db "$DB" \
    >"$W/add.out" 2>&1 || bail "quire user add alice" "$(cat "$W/add.out")"

start_site ||
    bail "src/run.sh starts and answers on 127.0.0.1" "$(tail -n 20 "$VAR/server.log" 2>/dev/null)"
ok "src/run.sh starts nginx and quire serve (the sandbox on by default)"

# The quire serve under src/run.sh, and its workers.
supervisor() {
	pgrep -f -- "serve .*--db $DB" | while read -r p; do
		[ "$(ps -o comm= -p "$p")" = quire ] && [ "$(ps -o comm= -p "$(ps -o ppid= -p "$p" | tr -d ' ')")" != quire ] && echo "$p"
	done | head -n 1
}
workers() {
	pgrep -P "$1" | sort -n | tr '\n' ' '
}
# status_of PID FIELD: a field of /proc/PID/status.
status_of() {
	sed -n "s/^$2:[[:space:]]*//p" "/proc/$1/status" 2>/dev/null
}
# filtered PID...: each has no_new_privs and a seccomp filter (mode 2).
filtered() {
	local p
	[ $# -gt 0 ] || return 1
	for p in "$@"; do
		[ "$(status_of "$p" NoNewPrivs)" = 1 ] &&
		    [ "$(status_of "$p" Seccomp)" = 2 ] || return 1
	done
}
unfiltered() {
	local p
	[ $# -gt 0 ] || return 1
	for p in "$@"; do
		[ "$(status_of "$p" Seccomp)" = 0 ] || return 1
	done
}
show() {
	local p
	for p in "$@"; do
		echo "$p: NoNewPrivs $(status_of "$p" NoNewPrivs), Seccomp $(status_of "$p" Seccomp)"
	done
}

sup=$(supervisor)
wait_for 200 eval '[ "$(workers "$sup" | wc -w)" = 2 ]'
ws=$(workers "$sup")
# A worker loads its filter once it has opened what it needs, a few ms
# after the fork (more under ASan): waited for, a check's failure then
# means never.
# shellcheck disable=SC2086
wait_for 200 filtered $ws
# shellcheck disable=SC2086
check "both workers run with no_new_privs and a seccomp filter" \
    "supervisor '$sup'; $(show $ws)" eval 'filtered $ws'
check "the supervisor (which forks and execs nothing) is not filtered" \
    "$(show "$sup")" eval '[ -n "$sup" ] && unfiltered "$sup"'

code=""
# req NAME PATH [CURL_ARGS...]: $H/NAME.h headers, $H/NAME.b body, $code.
req() {
	local name=$1 path=$2
	shift 2
	code=$(curl -s -m 60 --path-as-is -o "$H/$name.b" -D "$H/$name.h" \
	    -w '%{http_code}' "$@" "$base$path" 2>"$H/$name.err") || true
	[ -n "$code" ] || code=000
	[ -f "$H/$name.b" ] || : > "$H/$name.b"
	[ -f "$H/$name.h" ] || : > "$H/$name.h"
}
q() {
	sqlite3 -init /dev/null -batch -noheader "$DB" "$@"
}
csrf_of() {
	perl -0777 -ne 'if (/name="csrf" value="([0-9a-f]{64})"/) { print $1 }' "$1"
}
report() {
	perl -0777 -ne 'if (/<dt>\Q'"$2"'\E<\/dt><dd>(\d+)<\/dd>/) { print $1 }' "$1"
}

# Reader pages: each worker takes some (one request a connection).
# article_path FILE [SLUG]: the first link to an article in a page (to
# SLUG's, if given).
article_path() {
	perl -0777 -e '$s = shift; local $/; $_ = <>;
	    while (/href="(?:https?:\/\/[^\/"]*)?(\/\d{4}\/\d{2}\/([^"\/]+))"/g) {
	    if ($s eq "" || $2 eq $s) { print $1; last } }' "${2:-}" "$1"
}
req home /
art=$(article_path "$H/home.b")
[ -n "$art" ] || not_ok "the home page links to an article" "$(head -c 500 "$H/home.b")"
bad=""
for p in / /archive "$art" /feed.atom /feed.json /sitemap.xml /tags \
    '/search?q=blog' /robots.txt / /archive "$art" /nope; do
	req page "$p"
	want=200
	[ "$p" = /nope ] && want=404
	[ "$code" = "$want" ] || bad+=" $p:$code"
done
check "reader pages, feeds, sitemap and search answer (200; 404 for /nope)" "$bad" [ -z "$bad" ]

JAR=$W/alice.jar
req signin /admin/login -c "$JAR" --data-urlencode login=alice --data-urlencode "password=$PW"
check "alice signs in (argon2id, a session written): 303" "status $code" [ "$code" = 303 ]

req new /admin/articles/new -b "$JAR"
CSRF=$(csrf_of "$H/new.b")
n0=$(q "SELECT count(*) FROM articles")
req save /admin/articles/new -b "$JAR" --data-urlencode "csrf=$CSRF" \
    --data-urlencode "title=Saved Under The Sandbox" --data-urlencode slug=sandboxed \
    --data-urlencode "body=Written by a *filtered* worker." --data-urlencode action=publish
saved=$code
req home2 /
mine=$(article_path "$H/home2.b" sandboxed)
req shown "${mine:-/sandboxed}"
check "an admin save publishes an article (303), readers see it" \
    "save $saved; articles $n0 -> $(q "SELECT count(*) FROM articles"); GET $mine $code" \
    eval '[ "$saved" = 303 ] && [ "$(q "SELECT count(*) FROM articles")" = $((n0 + 1)) ] &&
    [ "$code" = 200 ] && grep -q "Written by a <em>filtered</em> worker." "$H/shown.b"'

req tools /admin/tools -b "$JAR"
CSRF=$(csrf_of "$H/tools.b")
python3 - "$W/zips/md.zip" "$top/tests/fixtures/md/jekyll" <<'EOF'
import os, sys, zipfile
with zipfile.ZipFile(sys.argv[1], "w", zipfile.ZIP_DEFLATED) as z:
    for root, dirs, files in os.walk(sys.argv[2]):
        dirs.sort()
        for f in sorted(files):
            p = os.path.join(root, f)
            z.write(p, os.path.relpath(p, sys.argv[2]))
EOF
req imp /admin/tools/import -b "$JAR" -F "csrf=$CSRF" \
    -F "file=@$W/zips/md.zip;filename=md.zip;type=application/zip"
check "an import of a zip (libarchive, a temporary folder): 200, 4 created" \
    "status $code; created '$(report "$H/imp.b" Created)'" \
    eval '[ "$code" = 200 ] && [ "$(report "$H/imp.b" Created)" = 4 ]'
check "... and its temporary folder is gone" "$(ls -A "$W/tmp")" \
    eval '[ -z "$(ls -A "$W/tmp")" ]'
req exp /admin/tools/export -b "$JAR" --data-urlencode "csrf=$CSRF"
check "an export download: 200, a zip" \
    "status $code; $(hdr "$H/exp.h" Content-Type)" \
    eval '[ "$code" = 200 ] && [ "$(hdr "$H/exp.h" Content-Type)" = application/zip ] &&
    python3 -c "import sys, zipfile; sys.exit(zipfile.ZipFile(sys.argv[1]).testzip() is not None)" "$H/exp.b"'

check "the same two workers served it all (none was restarted)" \
    "before: $ws; now: $(workers "$sup")" eval '[ "$(workers "$sup")" = "$ws" ]'

# SIGHUP: new workers, forked again, filtered again.
kill -HUP "$sup"
changed() {
	local now
	now=$(workers "$sup")
	[ "$(echo "$now" | wc -w)" = 2 ] && [ -z "$(comm -12 <(tr ' ' '\n' <<<"$ws" | sort) <(tr ' ' '\n' <<<"$now" | sort) | tr -d '\n')" ]
}
wait_for 400 changed
ws2=$(workers "$sup")
# shellcheck disable=SC2086
wait_for 200 filtered $ws2
# shellcheck disable=SC2086
check "after SIGHUP, the new workers are filtered too" \
    "before: $ws; after: $ws2; $(show $ws2)" eval 'changed && filtered $ws2'
req after_hup "$art"
check "... and serve (200)" "status $code" [ "$code" = 200 ]

# A worker that dies by SIGSYS: the supervisor names the sandbox and
# starts another (filtered).
victim=${ws2%% *}
kill -SYS "$victim"
wait_for 400 eval 'grep -q "worker $victim ended (signal 31, a system call the sandbox refuses)" "$VAR/server.log"'
check "a worker dead by SIGSYS: the supervisor's log line names the sandbox" \
    "$(grep "worker $victim" "$VAR/server.log")" \
    grep -q "worker $victim ended (signal 31, a system call the sandbox refuses)" "$VAR/server.log"
wait_for 400 eval '[ "$(workers "$sup" | wc -w)" = 2 ] && ! workers "$sup" | grep -qw "$victim"'
ws3=$(workers "$sup")
# shellcheck disable=SC2086
wait_for 200 filtered $ws3
# shellcheck disable=SC2086
check "... and its replacement is up and filtered" "$(show $ws3)" eval 'filtered $ws3'
req after_sys /
check "... and the site answers (200)" "status $code" [ "$code" = 200 ]

stop_site
check "src/run.sh stops cleanly" "status $run_status" [ "$run_status" = 0 ]
refused=$(grep -E 'sandbox: system call' "$VAR/server.log" | head -n 5)
check "the server log has no refused system call" "$refused" [ -z "$refused" ]
san=$(grep -E 'ERROR: (Address|Leak)Sanitizer|runtime error:|SUMMARY: [A-Za-z]*Sanitizer' \
    "$VAR/server.log" 2>/dev/null | head -n 5)
check "no sanitizer report in the server log" "$san" [ -z "$san" ]
died=$(grep -E 'worker [0-9]+ ended' "$VAR/server.log" | grep -v "worker $victim ended" | head -n 5)
check "no other worker died" "$died" [ -z "$died" ]

# ---------------------------------------------------------------------------
# FastCGI over TCP: libfcgi sets TCP_NODELAY on each connection it accepts

for attempt in 1 2 3; do
	tport=$(free_port) || break
	start_quire "$W/tcp.log" --db "$DB" --listen "127.0.0.1:$tport" --workers 1 && break
	stop_pid "$q_pid"
	mv "$W/tcp.log" "$W/tcp-attempt$attempt.log"
done
wait_for 200 eval '[ -n "$(workers "$q_pid")" ]'
w2=$(workers "$q_pid")
env -i REQUEST_METHOD=GET REQUEST_URI=/about "$(command -v cgi-fcgi)" -bind \
    -connect "127.0.0.1:$tport" > "$W/tcp.out" 2>&1
# shellcheck disable=SC2086
check "quire serve --listen: a filtered worker answers FastCGI over TCP (200)" \
    "$(show $w2); $(head -n 1 "$W/tcp.out"); $(tail -n 3 "$W/tcp.log")" \
    eval 'filtered $w2 && head -n 1 "$W/tcp.out" | grep -q "^Status: 200" &&
    grep -q "<h1>About</h1>" "$W/tcp.out"'
stop_pid "$q_pid"
check "... no refused call, no worker restarted, exit 0 on TERM" \
    "exit $stopped_status; $(grep -E "sandbox|ended" "$W/tcp.log")" \
    eval '[ "$stopped_status" = 0 ] && ! grep -qE "sandbox: system call|worker [0-9]+ ended" "$W/tcp.log"'

# ---------------------------------------------------------------------------
# Turned off: sandbox = no, --sandbox no, --no-sandbox

unfiltered_run() {	# NAME ARG...: quire serve ARG...; its workers unfiltered
	local name=$1 sup2 w2
	shift
	start_quire "$W/$name.log" --db "$DB" --workers 1 \
	    --socket "$W/$name.sock" "$@" ||
	    { not_ok "quire serve $* starts" "$(cat "$W/$name.log")"; return; }
	wait_for 200 eval '[ -n "$(workers "$q_pid")" ]'
	w2=$(workers "$q_pid")
	# Answered: past the point where it would have loaded a filter.
	env -i REQUEST_METHOD=GET REQUEST_URI=/about "$(command -v cgi-fcgi)" \
	    -bind -connect "$W/$name.sock" > "$W/$name.out" 2>&1
	# shellcheck disable=SC2086
	check "quire serve $*: the worker answers (200) and is not filtered" \
	    "$(show $w2); $(head -n 1 "$W/$name.out")" \
	    eval 'head -n 1 "$W/$name.out" | grep -q "^Status: 200" && unfiltered $w2'
	stop_pid "$q_pid"
}
printf 'sandbox = no\n' > "$W/off.conf"
unfiltered_run conf --config "$W/off.conf"
unfiltered_run flag --sandbox no
unfiltered_run short --no-sandbox
printf 'sandbox = yes\n' > "$W/on.conf"
start_quire "$W/on.log" --db "$DB" --workers 1 --socket "$W/on.sock" --config "$W/on.conf" ||
    not_ok "quire serve --config (sandbox = yes) starts" "$(cat "$W/on.log")"
wait_for 200 eval '[ -n "$(workers "$q_pid")" ]'
w2=$(workers "$q_pid")
# shellcheck disable=SC2086
check "sandbox = yes in the file: the worker is filtered" "$(show $w2)" eval 'filtered $w2'
stop_pid "$q_pid"

"$QUIRE" serve --db "$DB" --socket "$W/bad.sock" --sandbox maybe >"$W/bad.out" 2>&1
rc=$?
check "--sandbox maybe: refused (exit 2), saying yes or no" "exit $rc; $(cat "$W/bad.out")" \
    eval '[ $rc = 2 ] && grep -q -- "--sandbox: yes or no" "$W/bad.out"'
printf 'sandbox = off\n' > "$W/badv.conf"
"$QUIRE" check --config "$W/badv.conf" --db "$DB" >"$W/badv.out" 2>&1
rc=$?
check "sandbox = off in the file: quire check names the line" "exit $rc; $(cat "$W/badv.out")" \
    eval '[ $rc = 1 ] && grep -q "badv.conf:1: .*yes or no" "$W/badv.out"'

t_end=$(date +%s)
echo "1..$((pass + fail))"
echo "e2e sandbox: $pass passed, $fail failed ($((t_end - t_start)) s, $QUIRE)"
[ "$fail" = 0 ]
