#!/usr/bin/env bash
# Browser tests of Quire's admin: headless Chromium, driven by Playwright
# (npm playwright-core, pinned in tests/package.json), signs in, writes,
# previews, publishes, edits, schedules and unpublishes articles, changes the
# settings and signs out, on the demo site served by src/run.sh (nginx in
# front of `quire serve`), and checks what a reader then sees.
#
#   bash tests/browser/run.sh [QUIRE_BINARY]     (from the repo root)
#
# QUIRE_BINARY defaults to build/quire. Prints TAP from node's test runner:
# one "ok N - ..." / "not ok N - ..." line per step; exits 1 if any failed.
# Screenshots go to build/artifacts/ (editor.png, preview.png, article.png
# and a few more).
#
# Needs: Debian's chromium (CHROMIUM=/path overrides /usr/bin/chromium),
# node 20 or later and npm, nginx (for src/run.sh).
# KEEP_BROWSER=1 keeps the temporary folder (it is also kept on failure).
set -u

top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top" || exit 2
QUIRE=${1:-build/quire}
case $QUIRE in
/*) ;;
*) QUIRE=$top/$QUIRE ;;
esac
CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
ARTIFACTS=$top/build/artifacts

bail() {
	printf 'not ok - %s\n' "$1"
	[ $# -gt 1 ] && printf '%s\n' "$2" | head -n 30 | sed 's/^/    /'
	exit 1
}

[ -x "$QUIRE" ] || bail "browser: no quire binary at $QUIRE (make build/quire)"
[ -x "$CHROMIUM" ] || bail "browser: no Chromium at $CHROMIUM (apt-get install chromium)"
command -v node >/dev/null 2>&1 || bail "browser: node is not installed"
command -v nginx >/dev/null 2>&1 || bail "browser: nginx is not installed"

W=$(mktemp -d "${TMPDIR:-/tmp}/quire-browser.XXXXXX")
run_pid=""
status=1

# shellcheck disable=SC2317  # run by the traps
cleanup() {
	trap - EXIT INT TERM
	if [ -n "$run_pid" ] && kill -0 "$run_pid" 2>/dev/null; then
		kill -TERM "$run_pid" 2>/dev/null
		wait "$run_pid" 2>/dev/null
	fi
	if [ "$status" -eq 0 ] && [ -z "${KEEP_BROWSER:-}" ]; then
		rm -rf "$W"
	else
		echo "# browser: kept $W (server log: $W/server.log)"
	fi
}
trap cleanup EXIT
trap 'exit 1' INT TERM

# playwright-core (and vnu-jar, which tests/e2e uses) from the lock file.
if [ ! -f tests/node_modules/playwright-core/package.json ]; then
	command -v npm >/dev/null 2>&1 || bail "browser: npm is not installed"
	npm_home=$(mktemp -d "$W/npm-home.XXXX")
	HOME=$npm_home npm ci --prefix tests --ignore-scripts --no-audit \
	    --no-fund >"$W/npm.log" 2>&1 ||
	    bail "browser: npm ci --prefix tests failed" "$(tail -n 20 "$W/npm.log")"
fi

# The demo site and its author.
DB=$W/site.db
"$QUIRE" init --db "$DB" --demo >"$W/init.log" 2>&1 ||
    bail "browser: quire init --demo failed" "$(cat "$W/init.log")"
printf 'a-long-password-123\n' |
    "$QUIRE" user add demo --name "Demo Author" --db "$DB" >>"$W/init.log" 2>&1 ||
    bail "browser: quire user add failed" "$(cat "$W/init.log")"

# A free port on 127.0.0.1, below the ephemeral range (tests/e2e/lib.sh).
# shellcheck source=tests/e2e/lib.sh
. "$top/tests/e2e/lib.sh"
port=$(free_port) || port=""
[ -n "$port" ] || bail "browser: found no free port"

PORT=$port VAR=$W/var DB=$DB QUIRE=$QUIRE bash src/run.sh \
    >"$W/server.log" 2>&1 &
run_pid=$!

# Up when GET / answers 200 (bash only: no curl needed).
answers() {
	local line
	exec 3<>"/dev/tcp/127.0.0.1/$port" || return 1
	printf 'GET / HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n' >&3
	IFS= read -r -t 5 line <&3
	exec 3<&-
	case $line in
	"HTTP/1."?" 200 "*) return 0 ;;
	esac
	return 1
}
i=0
until answers 2>/dev/null; do
	i=$((i + 1))
	if [ $i -gt 200 ] || ! kill -0 "$run_pid" 2>/dev/null; then
		bail "browser: the server did not start on port $port" \
		    "$(tail -n 20 "$W/server.log")"
	fi
	sleep 0.05
done

mkdir -p "$ARTIFACTS"
rm -f "$ARTIFACTS"/failed-*.png
t0=$(date +%s)
BASE_URL=http://127.0.0.1:$port ARTIFACTS=$ARTIFACTS CHROMIUM=$CHROMIUM \
    BROWSER_TMP=$W node --test --test-reporter=tap \
    tests/browser/admin.test.js
status=$?
echo "# browser: $(($(date +%s) - t0)) s in the browser; screenshots in $ARTIFACTS"
if [ "$status" -ne 0 ]; then
	echo "# server log (last lines):"
	tail -n 30 "$W/server.log" | sed 's/^/#   /'
fi
exit "$status"
