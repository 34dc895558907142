#!/usr/bin/env bash
# tests/e2e/lifecycle.sh [QUIRE_BINARY]: the life of quire serve, driven
# over FastCGI directly (tests/e2e/fcgi_client.py) while client loops keep
# requesting a page:
#   - a worker killed with SIGKILL is replaced, and at most the request it
#     held fails;
#   - SIGHUP under load: no request fails, the edited template is served
#     after it, and every worker is a new one; the same for a SIGHUP that
#     comes while a reload is still replacing workers;
#   - SIGHUP with a broken template: logged with file:line, the old
#     workers and the old text stay; the same when the new workers cannot
#     start (the database cannot be opened);
#   - SIGTERM with a request in flight: it completes with 200 and quire
#     exits 0;
#   - a worker that keeps dying is restarted with growing delays, logged;
#   - systemd: READY=1, RELOADING=1, STOPPING=1 on NOTIFY_SOCKET; socket
#     activation through LISTEN_FDS (systemd-socket-activate); the units in
#     docs/systemd/ pass systemd-analyze verify.
# Back-off delays are real time: the checks read what the parent logged,
# never how long something took. Prints "ok - ..." / "not ok - ..." lines;
# exits 1 if any failed.

# Checks pass single-quoted conditions to eval, on purpose:
# shellcheck disable=SC2016,SC2034
set -u
# shellcheck source=tests/e2e/lib.sh
. "$(dirname "$0")/lib.sh"
e2e_init lifecycle "${1:-build/quire}"
need python3 ss pgrep systemd-socket-activate systemd-analyze
[ -x "$QUIRE" ] || bail "the binary $QUIRE exists" "build it with make"
echo "# e2e lifecycle: $QUIRE"
e2e_workdir

FC=$top/tests/e2e/fcgi_client.py
DB=$W/site.db
T=$W/templates
"$QUIRE" init --db "$DB" --demo --base-url http://127.0.0.1 >"$W/init.out" 2>&1 ||
    bail "quire init --demo creates the test database" "$(cat "$W/init.out")"
cp -r "$top/templates" "$T"

# mark NAME: the page template of /about says <!-- lifecycle:NAME -->.
mark() {
	printf '{{> _head}}\n{{> _static}}\n<!-- lifecycle:%s -->\n{{> _foot}}\n' \
	    "$1" > "$T/page.html.new" && mv -f "$T/page.html.new" "$T/page.html"
}
mark one
# As root, quire serves as nobody (SERVE_AS), who must reach the folder,
# write the database and read the templates (a reload reads them after
# privileges are dropped).
[ "$(id -u)" = 0 ] && chown -R "nobody:$(id -gn nobody)" "$W"

# workers: the pids of quire's workers now, sorted, one line.
workers() {
	pgrep -P "$q_pid" | sort -n | tr '\n' ' '
}
nworkers() {
	[ "$(wc -w <<< "$(workers)")" = "$1" ]
}
logged() {	# logged PATTERN [LOG]: grep -E PATTERN in the server's log
	grep -qE -- "$1" "${2:-$QLOG}"
}
lines() {
	wc -l < "$1"
}

# Client loops: two, on /about, one line per request to $W/loopN.
LOOP_PIDS=""
loops_start() {
	local i
	rm -f "$W/stop"
	LOOP_PIDS=""
	for i in 1 2; do
		: > "$W/loop$i"
		python3 "$FC" loop "$ADDR" /about "$W/loop$i" "$W/stop" &
		LOOP_PIDS+="$! "
		track "$!"
	done
}
# loops_more N: each loop has done N more requests than now.
loops_more() {
	local a1 a2
	a1=$(($(lines "$W/loop1") + $1)) a2=$(($(lines "$W/loop2") + $1))
	wait_for 400 eval '[ "$(lines "$W/loop1")" -ge '"$a1"' ] && [ "$(lines "$W/loop2")" -ge '"$a2"' ]'
}
loops_stop() {
	local p
	touch "$W/stop"
	for p in $LOOP_PIDS; do
		wait "$p"
		untrack "$p"
	done
}

# ---------------------------------------------------------------------------
# One server on a free port: --workers 2, --templates $T

QLOG=$W/serve.log
for attempt in 1 2 3; do
	qport=$(free_port) || break
	start_quire "$QLOG" --db "$DB" --templates "$T" --listen "127.0.0.1:$qport" \
	    --workers 2 && wait_for -p "$q_pid" 200 nworkers 2 && break
	stop_pid "$q_pid"
	mv "$QLOG" "$W/serve-attempt$attempt.log"
done
alive "$q_pid" || bail "quire serve --listen starts" "$(tail -n 20 "$QLOG")"
ADDR=127.0.0.1:$qport
wait_for -p "$q_pid" 200 logged 'serving .* with 2 workers'
python3 "$FC" get "$ADDR" /about > "$W/first.out" 2>&1
check "quire serve answers /about with the template's text (lifecycle:one)" \
    "$(head -n 3 "$W/first.out"); $(tail -n 5 "$QLOG")" \
    eval 'head -n 1 "$W/first.out" | grep -q "^Status: 200" && grep -q "lifecycle:one" "$W/first.out"'

# (a) SIGKILL one worker under load.
loops_start
loops_more 20
before=$(workers)
victim=${before%% *}
kill -KILL "$victim"
replaced() {
	nworkers 2 && [[ " $(workers)" != *" $victim "* ]]
}
wait_for 100 replaced
after=$(workers)
loops_more 20
loops_stop
fails=$(cat "$W/loop1" "$W/loop2" | grep -cv '^200 one$')
total=$(cat "$W/loop1" "$W/loop2" | wc -l)
check "SIGKILL to a worker under load: a new worker takes its place" \
    "workers before: $before; after: $after (killed $victim)" replaced
check "... and at most the one request it held failed ($fails of $total)" \
    "$(grep -hv '^200 one$' "$W/loop1" "$W/loop2" | head -n 5)" [ "$fails" -le 1 ]
check "... and the parent logged it: worker $victim ended (signal 9), restarted at once" \
    "$(grep -E 'worker|restart' "$QLOG" | tail -n 5)" \
    logged "worker $victim ended \(signal 9\) after [0-9.]+ s; restarting now"

# (b) SIGHUP under load, after the template changed.
before=$(workers)
loops_start
loops_more 20
mark two
[ "$(id -u)" = 0 ] && chown "nobody:$(id -gn nobody)" "$T/page.html"
kill -HUP "$q_pid"
wait_for -p "$q_pid" 400 logged 'reload: done'
# "done" is said once the old workers are told to stop: one may still be
# finishing a request it took before (a graceful reload), and a client
# may not have written down the answer it got. The answers after the
# reload are those to requests sent once every old worker is gone.
old_gone() {
	local p
	for p in $before; do
		alive "$p" && return 1
	done
	return 0
}
wait_for -p "$q_pid" 400 old_gone
loops_more 1
n1=$(lines "$W/loop1") n2=$(lines "$W/loop2")
loops_more 20
loops_stop
after=$(workers)
fails=$(cat "$W/loop1" "$W/loop2" | grep -cv '^200 \(one\|two\)$')
total=$(cat "$W/loop1" "$W/loop2" | wc -l)
check "SIGHUP under load: the parent says the reload is done" \
    "$(tail -n 8 "$QLOG")" logged 'reload: done; 2 workers'
check "... and no request failed ($total requests)" \
    "$(grep -hv '^200 \(one\|two\)$' "$W/loop1" "$W/loop2" | head -n 5)" [ "$fails" = 0 ]
late=$( (tail -n +$((n1 + 1)) "$W/loop1"; tail -n +$((n2 + 1)) "$W/loop2") | sort | uniq -c)
check "... and after it every answer has the new template's text (lifecycle:two)" \
    "answers after the reload: $late" \
    eval '[ -n "$late" ] && [ "$(wc -l <<< "$late")" = 1 ] && [[ $late == *"200 two" ]]'
common=$(comm -12 <(tr ' ' '\n' <<< "$before" | sed '/^$/d' | sort) \
    <(tr ' ' '\n' <<< "$after" | sed '/^$/d' | sort))
check "... and every worker is a new one" "before: $before; after: $after" \
    eval 'nworkers 2 && [ -z "$common" ]'

# A SIGHUP while the last one is still replacing workers (signals sent
# together would merge into one): the second waits for the first's trial
# worker or starts a round of its own; no request fails either way.
before=$(workers)
ndone=$(grep -c 'reload: done' "$QLOG")
loops_start
loops_more 10
kill -HUP "$q_pid"
wait_for -p "$q_pid" 200 eval '[ "$(grep -c "SIGHUP: reading" "$QLOG")" = 2 ]'
kill -HUP "$q_pid"
wait_for -p "$q_pid" 400 eval '[ "$(grep -c "SIGHUP: reading" "$QLOG")" -ge 3 ] &&
    [ "$(grep -c "reload: done" "$QLOG")" -gt '"$ndone"' ] && nworkers 2 &&
    [ -z "$(comm -12 <(tr " " "\n" <<< "$before" | sed "/^$/d" | sort) <(workers | tr " " "\n" | sed "/^$/d" | sort))" ]'
loops_more 10
loops_stop
fails=$(cat "$W/loop1" "$W/loop2" | grep -cv '^200 two$')
check "a SIGHUP during a reload under load: both read, no request failed, 2 new workers" \
    "$(grep -cE 'SIGHUP: reading' "$QLOG") reloads read; before: $before; now: $(workers);
$(grep -hv '^200 two$' "$W/loop1" "$W/loop2" | head -n 5)" \
    eval '[ "$fails" = 0 ] && [ "$(grep -c "SIGHUP: reading" "$QLOG")" = 3 ] && nworkers 2'

# (c) SIGHUP with a broken template: nothing changes.
before=$(workers)
printf '{{> _head}}\n{{#if page.title}}\n<p>never closed\n{{> _foot}}\n' > "$T/page.html"
kill -HUP "$q_pid"
wait_for -p "$q_pid" 200 logged 'reload failed'
python3 "$FC" get "$ADDR" /about > "$W/broken.out" 2>&1
check "SIGHUP with a broken template: logged with file:line, the reload refused" \
    "$(tail -n 6 "$QLOG")" \
    eval 'logged "page\.html:[0-9]+:" && logged "reload failed; the workers keep serving as before"'
check "... the same workers keep serving" "before: $before; after: $(workers)" \
    eval '[ "$(workers)" = "$before" ]'
check "... with the old text (lifecycle:two)" "$(head -n 1 "$W/broken.out")" \
    eval 'head -n 1 "$W/broken.out" | grep -q "^Status: 200" && grep -q "lifecycle:two" "$W/broken.out"'
mark two

# (d) SIGTERM while a request is in flight: the worker has accepted the
# connection and holds half a request; the rest comes after the TERM.
rm -f "$W/sent" "$W/go"
python3 "$FC" slow "$ADDR" /about "$W/sent" "$W/go" > "$W/slow.out" 2>&1 &
slow_pid=$!
track "$slow_pid"
held() {	# a quire worker owns the client's connection (accepted)
	ss -Htnp state established "( sport = :$qport )" | grep -q '"quire"'
}
wait_for 200 test -e "$W/sent" && wait_for 200 held
check "a slow client's connection is accepted by a worker" \
    "$(ss -Htnp state established "( sport = :$qport )")" held
kill -TERM "$q_pid"
wait_for -p "$q_pid" 200 logged 'stopping; requests in flight have 10 s'
alive "$q_pid" && still=1 || still=0
touch "$W/go"
wait "$slow_pid"
untrack "$slow_pid"
wait_for 300 not_alive "$q_pid"
alive "$q_pid" && kill -KILL "$q_pid"
wait "$q_pid"
rc=$?
untrack "$q_pid"
check "SIGTERM with a request in flight: quire waits for it" \
    "alive after TERM: $still; $(tail -n 4 "$QLOG")" [ "$still" = 1 ]
check "... the request completes with 200" "$(cat "$W/slow.out")" \
    grep -q '^Status: 200' "$W/slow.out"
check "... and quire exits 0 without killing anyone" "exit $rc; $(tail -n 4 "$QLOG")" \
    eval '[ "$rc" = 0 ] && logged "stopped" && ! logged "did not finish"'

# ---------------------------------------------------------------------------
# (e) A worker that keeps dying: its database cannot be opened.

BLOG=$W/backoff.log
for attempt in 1 2 3; do
	bport=$(free_port) || break
	start_quire "$BLOG" --db "$DB" --listen "127.0.0.1:$bport" --workers 1 &&
	    wait_for -p "$q_pid" 200 nworkers 1 && break
	stop_pid "$q_pid"
	mv "$BLOG" "$W/backoff-attempt$attempt.log"
done
alive "$q_pid" || bail "quire serve --workers 1 starts" "$(tail -n 20 "$BLOG")"
wait_for -p "$q_pid" 200 logged 'serving .* with 1 workers' "$BLOG"
# The database's place is taken by a folder: a worker cannot open it.
mv "$DB" "$W/site.db.away"
mkdir "$DB"
victim=$(workers | tr -d ' ')
# A reload now: its first new worker cannot start, so nothing changes.
kill -HUP "$q_pid"
wait_for -p "$q_pid" 200 logged 'reload: the new worker' "$BLOG"
check "SIGHUP whose new worker cannot start: logged, the old worker keeps serving" \
    "workers: $(workers) (was $victim); $(tail -n 3 "$BLOG")" \
    eval 'logged "reload: the new worker [0-9]+ ended \(status 1\) before it was ready; the old workers keep serving as before" "$BLOG" &&
    [ "$(workers)" = "$victim " ] && python3 "$FC" get "127.0.0.1:$bport" /about | head -n 1 | grep -q "^Status: 200"'
kill -KILL "$victim"
wait_for -p "$q_pid" 200 logged 'restarting in 0\.4 s' "$BLOG"
delays=$(sed -n 's/.*; \([0-9]*\) quick ends in a row; restarting in \([0-9.]*\) s$/\1:\2/p' "$BLOG" | head -n 3 | tr '\n' ' ')
check "a worker that keeps dying: restarted at once the first time" \
    "$(grep -E 'worker|cannot open' "$BLOG" | head -n 8)" \
    logged "worker $victim ended \(signal 9\) after [0-9.]+ s; restarting now" "$BLOG"
check "... then with growing delays, each logged with the count (2:0.1 3:0.2 4:0.4)" \
    "delays: $delays; $(grep -E 'worker' "$BLOG" | head -n 8)" \
    [ "$delays" = "2:0.1 3:0.2 4:0.4 " ]
check "... and why it ended: before it was ready, the database not opened" \
    "$(grep -E 'worker|cannot open' "$BLOG" | head -n 6)" \
    eval 'logged "ended \(status 1\) after [0-9.]+ s before it was ready;" "$BLOG" && logged "site\.db: cannot open" "$BLOG"'
rmdir "$DB"
mv "$W/site.db.away" "$DB"
up() {
	python3 "$FC" get "127.0.0.1:$bport" /about 2>/dev/null | head -n 1 | grep -q '^Status: 200'
}
wait_for -p "$q_pid" 400 up
check "... and once the database is back, a worker starts and serves" \
    "$(tail -n 4 "$BLOG")" up
stop_pid "$q_pid"
check "... and quire exits 0 on TERM" "exit $stopped_status" \
    eval '[ "$stopped_status" = 0 ] && [ "$stopped_killed" = 0 ]'

# ---------------------------------------------------------------------------
# (f) systemd's notification socket: READY, RELOADING, STOPPING, STATUS.

NS=$W/notify.sock
python3 -c 'import os, socket, sys
s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
s.bind(sys.argv[1])
os.chmod(sys.argv[1], 0o666)
with open(sys.argv[2], "a", buffering=1) as f:
    while True:
        f.write(s.recv(4096).decode("utf-8", "replace").replace("\n", " | ") + "\n")' \
    "$NS" "$W/notify.out" &
ns_pid=$!
track "$ns_pid"
wait_for 200 test -S "$NS"
NLOG=$W/notify-serve.log
for attempt in 1 2 3; do
	nport=$(free_port) || break
	NOTIFY_SOCKET=$NS start_quire "$NLOG" --db "$DB" --templates "$T" \
	    --listen "127.0.0.1:$nport" --workers 2 && break
	stop_pid "$q_pid"
	mv "$NLOG" "$W/notify-attempt$attempt.log"
done
said() {
	grep -qE -- "$1" "$W/notify.out" 2>/dev/null
}
wait_for -p "$q_pid" 200 said 'READY=1'
check "NOTIFY_SOCKET: READY=1 with a STATUS once the workers are up" \
    "$(cat "$W/notify.out" 2>&1); $(tail -n 3 "$NLOG")" \
    eval 'said "^READY=1 \| STATUS=Serving with 2 workers" && nworkers 2'
kill -HUP "$q_pid"
wait_for -p "$q_pid" 200 said 'STATUS=Reloading'
wait_for -p "$q_pid" 200 eval '[ "$(grep -c "READY=1" "$W/notify.out")" -ge 2 ]'
check "SIGHUP: RELOADING=1, then READY=1 when the new workers are up" \
    "$(cat "$W/notify.out")" \
    eval 'grep -n "" "$W/notify.out" | grep -E "RELOADING=1|READY=1" | tail -n 2 |
    tr "\n" " " | grep -qE "^[0-9]+:RELOADING=1.* [0-9]+:READY=1"'
stop_pid "$q_pid"
check "SIGTERM: STOPPING=1, and quire exits 0" \
    "exit $stopped_status; $(cat "$W/notify.out")" \
    eval 'said "^STOPPING=1" && [ "$stopped_status" = 0 ]'
stop_pid "$ns_pid"

# ---------------------------------------------------------------------------
# (g) Socket activation: the socket comes on LISTEN_FDS (fd 3).

SLOG=$W/activate.log
for attempt in 1 2 3; do
	aport=$(free_port) || break
	systemd-socket-activate -l "127.0.0.1:$aport" "$QUIRE" serve \
	    "${SERVE_AS[@]}" "${STRICT[@]}" --db "$DB" --workers 1 \
	    </dev/null >"$SLOG" 2>&1 &
	sa_pid=$!
	track "$sa_pid"
	wait_for -p "$sa_pid" 200 tcp_open 127.0.0.1 "$aport" && break
	stop_pid "$sa_pid"
done
python3 "$FC" get "127.0.0.1:$aport" /about > "$W/activate.out" 2>&1
check "systemd-socket-activate: quire serve with no --socket/--listen takes LISTEN_FDS and answers" \
    "$(head -n 1 "$W/activate.out"); $(tail -n 4 "$SLOG")" \
    eval 'head -n 1 "$W/activate.out" | grep -q "^Status: 200" && grep -q "lifecycle:\|<h1>About</h1>" "$W/activate.out"'
# systemd-socket-activate execs quire in its own process.
stop_pid "$sa_pid"
check "... and stops on TERM, exit 0" "exit $stopped_status; $(tail -n 3 "$SLOG")" \
    eval '[ "$stopped_status" = 0 ] && logged "info - - stopped$" "$SLOG" && ! logged "worker [0-9]+ ended" "$SLOG"'


# ---------------------------------------------------------------------------
# (h) The units pass systemd-analyze verify, with ExecStart pointing at
# the binary under test (verify checks that it exists).

U=$W/units
mkdir -p "$U"
for f in quire.service quire-activated.service quire-activated.socket; do
	sed "s|/usr/local/bin/quire|$QUIRE|g" "$top/docs/systemd/$f" > "$U/$f"
done
for f in quire.service quire-activated.socket quire-activated.service; do
	(cd "$U" && systemd-analyze verify "$U/$f") > "$W/verify-$f.out" 2>&1
	rc=$?
	check "systemd-analyze verify docs/systemd/$f" \
	    "exit $rc; $(cat "$W/verify-$f.out")" \
	    eval '[ $rc = 0 ] && ! grep -qiE "warn|unknown|invalid|ignoring|fail" "$W/verify-$f.out"'
done
for f in quire.service quire-activated.service; do
	check "docs/systemd/$f: Type=notify, ExecReload sends HUP, sandboxed" \
	    "$(grep -E '^(Type|ExecReload|ProtectSystem|ReadWritePaths|NoNewPrivileges)=' "$top/docs/systemd/$f")" \
	    eval 'grep -qx "Type=notify" "$top/docs/systemd/$f" &&
	    grep -qx "ExecReload=/bin/kill -HUP \$MAINPID" "$top/docs/systemd/$f" &&
	    grep -qx "ProtectSystem=strict" "$top/docs/systemd/$f" &&
	    grep -qx "ReadWritePaths=/var/lib/quire" "$top/docs/systemd/$f" &&
	    grep -qx "NoNewPrivileges=yes" "$top/docs/systemd/$f"'
done

# ---------------------------------------------------------------------------
san=$(grep -lE 'ERROR: (Address|Leak)Sanitizer|runtime error:|SUMMARY: [A-Za-z]*Sanitizer' \
    "$W"/*.log 2>/dev/null)
check "no sanitizer report in any server log" \
    "$(for f in $san; do echo "$f:"; grep -m 3 -E 'Sanitizer|runtime error' "$f"; done)" \
    [ -z "$san" ]
echo "1..$((pass + fail))"
[ "$fail" = 0 ]
