#!/usr/bin/env bash
# End-to-end table of hostile requests (issue 11), through src/run.sh
# (nginx in front of `quire serve`, two workers):
#
#   bash tests/e2e/hostile.sh [QUIRE_BINARY]     (from the repo root)
#
# Each line of tests/e2e/hostile.tsv is one request, sent as raw bytes by
# tests/e2e/hostile/drive.py (the columns are described there): over-long
# paths, headers and cookies, NUL and control bytes, overlong and invalid
# UTF-8, broken escapes, thousands of parameters, lying and duplicated
# Content-Length, chunked bodies, wrong content types, CR/LF toward headers
# and redirects, open-redirect forms of next=, traversal, every method, a
# foreign Host, and script or attribute-breaking payloads saved through
# the admin and then looked for everywhere they appear. Its status, what
# must and must not appear, and the content tables before and after are
# checked; one line per row. The server's log is then searched for
# sanitizer reports and crashed workers.
#
# One line per check, "ok - ..." or "not ok - ..." with indented details;
# the exit status is 1 if any check failed. Needs: sqlite3, nginx,
# /usr/bin/python3. KEEP_E2E=1 keeps the temporary folder; HOSTILE_VERBOSE=1
# adds each row's status and what it changed.

# The last check passes a single-quoted condition to eval, on purpose:
# shellcheck disable=SC2016
set -u

# shellcheck source=tests/e2e/lib.sh
. "$(dirname "$0")/lib.sh"
e2e_init hostile "${1:-}"

need sqlite3 nginx
PY=/usr/bin/python3
[ -x "$PY" ] || bail "/usr/bin/python3 is installed" "apt-get install python3"
[ -x "$QUIRE" ] || bail "the binary $QUIRE exists" "build it with make"
echo "# e2e hostile: $QUIRE"

e2e_workdir
VAR=$W/var
DB=$W/site.db
mkdir -p "$VAR"
T0=1767225600	# 2026-01-01 00:00 UTC: the table's dates are before it
clock_init "$W/clock" "$T0"

"$QUIRE" init --db "$DB" --demo >"$W/init.out" 2>&1 ||
    bail "quire init --demo creates the test database" "$(cat "$W/init.out")"
PW='hostile-editor-passphrase-1'
# The author's display name is a payload too (only the command line sets it).
printf '%s\n' "$PW" | "$QUIRE" user add editor \
    --name $'Ed "><script>alert(1)</script> \' onmouseover=x' --db "$DB" \
    >"$W/useradd.out" 2>&1 ||
    bail "quire user add creates the editor's account" "$(cat "$W/useradd.out")"

start_site "" ||
    bail "src/run.sh starts and answers on 127.0.0.1" "$(tail -n 20 "$VAR/server.log" 2>/dev/null)"
ok "src/run.sh starts nginx and two quire workers on 127.0.0.1:$port"

"$PY" "$top/tests/e2e/hostile/drive.py" "$base" "$DB" \
    "$top/tests/e2e/hostile.tsv" editor "$PW" > "$W/drive.out" 2>&1
rc=$?
cat "$W/drive.out"
p=$(grep -c '^ok ' "$W/drive.out")
f=$(grep -c '^not ok ' "$W/drive.out")
pass=$((pass + p))
fail=$((fail + f))
if [ "$rc" != 0 ] && [ "$f" = 0 ]; then
	not_ok "the table's driver ran to its end" "exit $rc: $(tail -n 10 "$W/drive.out")"
fi
check "at least 150 rows ran" "$((p + f)) lines" [ $((p + f)) -ge 150 ]

# Every answer above was a complete HTTP answer; a worker that crashed, or
# a sanitizer report (build/asan/quire), would still show here.
crash=$(grep -E 'AddressSanitizer|runtime error:|LeakSanitizer|worker [0-9]+ ended \(' \
    "$VAR/server.log" | head -n 5)
check "no sanitizer report and no worker ended by a signal in the server's log" \
    "$crash" [ -z "$crash" ]

stop_site
check "the server stops cleanly (exit 0) after the table" \
    "status $run_status, killed $run_killed" \
    eval '[ "$run_status" = 0 ] && [ "$run_killed" = 0 ]'
ok_db=$(sqlite3 -init /dev/null -batch "$DB" 'PRAGMA integrity_check' 2>&1)
check "PRAGMA integrity_check is ok after the table" "$ok_db" [ "$ok_db" = ok ]

echo "# e2e hostile: $pass passed, $fail failed in $(($(date +%s) - t_start)) s"
[ "$fail" -eq 0 ]
