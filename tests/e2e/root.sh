#!/usr/bin/env bash
# tests/e2e/root.sh QUIRE: quire serve started as root (as systemd or an
# init script starts it). It must refuse to serve as root, and with --user
# it binds the socket, hands it to that user, drops privileges, and only
# then opens the database: nothing it writes belongs to root (issue 7,
# defect 1). Run as another user, every check is skipped.
# Prints "ok - ..." / "not ok - ..." lines; exits 1 if any failed.
set -u
# shellcheck source=tests/e2e/lib.sh
. "$(dirname "$0")/lib.sh"
cd "$(dirname "$0")/../.." || exit 1
QUIRE=$(realpath "${1:-build/quire}")
pass=0 fail=0
if [ "$(id -u)" != 0 ]; then
	echo "ok - quire serve as root # SKIP not run as root"
	exit 0
fi
for tool in cgi-fcgi setpriv; do
	command -v "$tool" >/dev/null || { echo "not ok - $tool is installed"; exit 1; }
done
U=nobody
G=$(id -gn "$U")
W=$(mktemp -d)
pid=
cleanup() {
	[ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
	rm -rf "$W"
}
trap cleanup EXIT

"$QUIRE" init --db "$W/site.db" --demo --base-url https://blog.example >/dev/null 2>&1
chown "$U:$G" "$W" "$W/site.db"

# serve_until_socket LOG ARGS...: starts quire serve; 0 once the socket
# is there, 1 if it exited first (bounded: 200 polls).
serve_until_socket() {
	local log=$1 i
	shift
	"$QUIRE" serve --db "$W/site.db" --socket "$W/q.sock" --workers 1 "$@" \
	    >"$log" 2>&1 </dev/null &
	pid=$!
	for ((i = 0; i < 200; i++)); do
		[ -S "$W/q.sock" ] && return 0
		kill -0 "$pid" 2>/dev/null || { wait "$pid"; pid=; return 1; }
		sleep 0.05
	done
	return 1
}

# Refused: no --user, or a user that is root.
timeout 10 "$QUIRE" serve --db "$W/site.db" --socket "$W/q.sock" \
    >"$W/noroot.out" 2>&1 </dev/null
rc=$?
check "as root without --user, quire serve refuses to start, and says why" \
    "exit $rc; $(cat "$W/noroot.out")" \
    eval '[ $rc != 0 ] && [ $rc != 124 ] && grep -q "refusing to serve as root" "$W/noroot.out" && [ ! -S "$W/q.sock" ]'
timeout 10 "$QUIRE" serve --db "$W/site.db" --socket "$W/q.sock" --user root \
    >"$W/userroot.out" 2>&1 </dev/null
rc=$?
check "as root with --user root, quire serve refuses to start, and says why" \
    "exit $rc; $(cat "$W/userroot.out")" \
    eval '[ $rc != 0 ] && [ $rc != 124 ] && grep -q "refusing to serve as root" "$W/userroot.out"'
check "... and neither left a -wal or -shm file behind (the database was not opened)" \
    "$(ls -l "$W")" eval '[ ! -e "$W/site.db-wal" ] && [ ! -e "$W/site.db-shm" ]'

# Served as nobody.
serve_until_socket "$W/serve.log" --user "$U" --group "$G"
started=$?
check "as root with --user $U --group $G, quire serve starts" \
    "$(cat "$W/serve.log")" eval '[ $started = 0 ]'
owner=$(stat -c '%U:%G %a' "$W/q.sock" 2>/dev/null)
check "the socket belongs to $U:$G, mode 660 (--socket-mode)" \
    "socket: $owner" eval '[ "$owner" = "$U:$G 660" ]'
env -i REQUEST_METHOD=GET REQUEST_URI=/about SCRIPT_NAME= \
    GATEWAY_INTERFACE=CGI/1.1 SERVER_PROTOCOL=HTTP/1.1 \
    cgi-fcgi -bind -connect "$W/q.sock" >"$W/about.out" 2>&1
check "a request through the socket gets the About page" \
    "$(head -n 3 "$W/about.out")" \
    eval 'head -n 1 "$W/about.out" | grep -q "^Status: 200" && grep -q "<h1>About</h1>" "$W/about.out"'
workers=$(ps -o user= --ppid "$pid" | sort -u | tr '\n' ' ')
parent=$(ps -o user= -p "$pid" | tr -d ' ')
check "the supervisor and its workers run as $U" \
    "supervisor: $parent; workers: $workers" \
    eval '[ "$parent" = "$U" ] && [ "$workers" = "$U " ]'
files=$(stat -c '%n %U' "$W"/site.db* | sed "s|$W/||")
check "the database's -wal and -shm files belong to $U, not root" \
    "$files" \
    eval '[ "$(stat -c %U "$W/site.db-wal" 2>/dev/null)" = "$U" ] && [ "$(stat -c %U "$W/site.db-shm" 2>/dev/null)" = "$U" ]'
kill "$pid" 2>/dev/null
wait "$pid" 2>/dev/null
pid=

# A database root owns is not the service's to write: a clear error at
# start, not a 500 on the first write.
rm -f "$W/site.db-wal" "$W/site.db-shm"
chown root:root "$W/site.db"
chmod 644 "$W/site.db"
timeout 10 "$QUIRE" serve --db "$W/site.db" --socket "$W/q.sock" --workers 1 \
    --user "$U" --group "$G" >"$W/rootdb.log" 2>&1 </dev/null
rc=$?
check "a database $U cannot write stops quire serve at start, with the file named" \
    "exit $rc; $(cat "$W/rootdb.log")" \
    eval '[ $rc != 0 ] && [ $rc != 124 ] && grep -q "site.db: cannot write" "$W/rootdb.log"'
[ "$fail" = 0 ]
