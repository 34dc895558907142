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

# Set-up, the server and clean-up shared with the end-to-end scripts.
# shellcheck source=tests/e2e/lib.sh
. "$(dirname "$0")/../e2e/lib.sh"
e2e_init browser "${1:-}"
[ -n "${KEEP_BROWSER:-}" ] && KEEP_E2E=1
CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
ARTIFACTS=$top/build/artifacts

[ -x "$QUIRE" ] || bail "browser: no quire binary at $QUIRE (make build/quire)"
[ -x "$CHROMIUM" ] || bail "browser: no Chromium at $CHROMIUM (apt-get install chromium)"
command -v node >/dev/null 2>&1 || bail "browser: node is not installed"
command -v nginx >/dev/null 2>&1 || bail "browser: nginx is not installed"

e2e_workdir

# playwright-core (and vnu-jar, which tests/e2e uses) from the lock file.
if [ ! -f tests/node_modules/playwright-core/package.json ] ||
    [ ! -f tests/node_modules/axe-core/package.json ]; then
	command -v npm >/dev/null 2>&1 || bail "browser: npm is not installed"
	npm_home=$(mktemp -d "$W/npm-home.XXXX")
	HOME=$npm_home npm ci --prefix tests --ignore-scripts --no-audit \
	    --no-fund >"$W/npm.log" 2>&1 ||
	    bail "browser: npm ci --prefix tests failed" "$(tail -n 20 "$W/npm.log")"
fi

# The tests' clock, standing still: quire serve reads it (start_site), so
# that what the pages show does not depend on the day the suite runs (the
# demo's 2031 article, "this month" and "this year"). The browser keeps
# the real time; the script reads quire's as QUIRE_NOW.
T0=1780315200	# 2026-06-01 12:00 UTC: after every demo article but the 2031 one
clock_init "$W/clock" "$T0"

# The demo site and its author.
DB=$W/site.db
"$QUIRE" init --db "$DB" --demo >"$W/init.log" 2>&1 ||
    bail "browser: quire init --demo failed" "$(cat "$W/init.log")"
printf 'a-long-password-123\n' |
    "$QUIRE" user add demo --name "Demo Author" --db "$DB" >>"$W/init.log" 2>&1 ||
    bail "browser: quire user add failed" "$(cat "$W/init.log")"

# src/run.sh on a free port, up when GET / is 200.
VAR=$W/var
start_site "" ||
    bail "browser: the server did not start" "$(tail -n 20 "$VAR/server.log" "$W"/server-attempt*.log 2>/dev/null)"

mkdir -p "$ARTIFACTS"
rm -f "$ARTIFACTS"/failed-*.png
t0=$(date +%s)
BASE_URL=http://127.0.0.1:$port ARTIFACTS=$ARTIFACTS CHROMIUM=$CHROMIUM \
    BROWSER_TMP=$W QUIRE_NOW=$(clock_now) \
    node --test --test-reporter=tap --test-concurrency=1 \
    tests/browser/admin.test.js tests/browser/axe.test.js
status=$?
[ "$status" = 0 ] || fail=1
echo "# browser: $(($(date +%s) - t0)) s in the browser; screenshots in $ARTIFACTS"
if [ "$status" -ne 0 ]; then
	echo "# server log (last lines):"
	tail -n 30 "$VAR/server.log" | sed 's/^/#   /'
fi
exit "$status"
