#!/usr/bin/env bash
# make soak: readers and an author at once, through nginx, for a while.
# wrk (tests/load/soak.lua) sends GETs at 256 connections, rotating over
# articles, home, archive, tags, search and feeds, while an author saves an
# article through the admin form every second and looks at it right after.
# Not part of make test (it measures, for a minute):
#
#   bash tests/load/soak.sh [QUIRE_BINARY]
#   SOAK_SECONDS=60  SOAK_CONNS=256  SOAK_THREADS=2  WORKERS=2
#
# The site is served as src/run.sh serves it, with nginx's per-address
# limits lifted (tests/e2e/lib.sh): wrk is many readers from one address.
# Prints the figures; exits 1 if any answer was a 5xx, a worker's RSS (from
# /proc, after a 5 s warm-up and at the end) grew by 1 MB or more (or a
# worker was replaced), or a save was not on the article page right after.

set -u
# shellcheck source=tests/e2e/lib.sh
. "$(dirname "$0")/../e2e/lib.sh"
e2e_init soak "${1:-}"
need curl nginx sqlite3 wrk perl pgrep
SECS=${SOAK_SECONDS:-60}
CONNS=${SOAK_CONNS:-256}
THREADS=${SOAK_THREADS:-2}
WORKERS=${WORKERS:-2}
e2e_workdir
H=$W/http
VAR=$W/var
DB=$W/site.db
mkdir -p "$H" "$VAR"
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true

q() {
	sqlite3 -init /dev/null -batch -noheader "$DB" "$@"
}

"$QUIRE" init --db "$DB" --demo >"$W/init.out" 2>&1 || bail "quire init --demo" "$(cat "$W/init.out")"
PW='soak-author-passphrase-1'
printf '%s\n' "$PW" | "$QUIRE" user add author --name Author --db "$DB" >"$W/user.out" 2>&1 ||
    bail "quire user add" "$(cat "$W/user.out")"
AID=$(q "SELECT id FROM articles WHERE status = 'published'
    AND published_at <= strftime('%s', 'now') ORDER BY id LIMIT 1")
AURL=$(q "SELECT strftime('/%Y/%m/', published_at, 'unixepoch') || slug FROM articles WHERE id = $AID")

# The readers' paths: every published article, home, the archive, every
# tag, a few searches, the feeds.
{
	q "SELECT strftime('/%Y/%m/', published_at, 'unixepoch') || slug FROM articles
	    WHERE status = 'published' AND published_at <= strftime('%s', 'now')"
	printf '%s\n' / /archive /tags /feed.atom /feed.rss /feed.json \
	    /search?q=blog /search?q=markdown /search?q=quire
	q "SELECT DISTINCT '/tag/' || t.slug FROM tags t JOIN article_tags a ON a.tag_id = t.id
	    WHERE a.published_at <= strftime('%s', 'now')" > "$W/tags"
	cat "$W/tags"
	head -n 3 "$W/tags" | sed 's|$|/feed.atom|'
} > "$W/paths"

start_site "" || bail "src/run.sh starts" "$(tail -n 20 "$VAR/server.log" 2>/dev/null)"
echo "# soak: $base, $(wc -l < "$W/paths") paths, $CONNS connections, $SECS s, $WORKERS workers"

# Every path answers before the run (a 404 in the list would count as 4xx).
while read -r p; do
	get probe "$p"
	[ "$code" = 200 ] || bail "GET $p answers 200 before the soak" "status $code"
done < "$W/paths"

JAR=$W/author.jar
get signin /admin/login -c "$JAR" --data-urlencode login=author --data-urlencode "password=$PW"
[ "$code" = 303 ] || bail "the author signs in" "status $code"
get newform /admin/articles/new -b "$JAR"
CSRF=$(perl -ne 'if (/name="csrf" value="([0-9a-f]{64})"/) { print $1; exit }' "$H/newform.b")
[ -n "$CSRF" ] || bail "the author gets a CSRF token" "status $code"

# workers: "PID RSS_KB" of each quire worker (a quire whose parent is the
# quire serve of this run).
workers() {
	local p pp
	for p in $(pgrep -f -- "--db $DB"); do
		[ "$(ps -o comm= -p "$p" 2>/dev/null)" = quire ] || continue
		pp=$(ps -o ppid= -p "$p" | tr -d ' ')
		[ "$(ps -o comm= -p "$pp" 2>/dev/null)" = quire ] || continue
		echo "$p $(sed -n 's/^VmRSS:[[:space:]]*\([0-9]*\) kB/\1/p' "/proc/$p/status")"
	done | sort -n
}

# Warm-up: every worker renders and keeps what the readers ask for.
wrk -t "$THREADS" -c "$CONNS" -d 5s -s "$top/tests/load/soak.lua" "$base" -- "$W/paths" \
    >"$W/warmup.out" 2>&1
workers > "$W/rss.start"

wrk -t "$THREADS" -c "$CONNS" -d "${SECS}s" --latency -s "$top/tests/load/soak.lua" \
    "$base" -- "$W/paths" >"$W/wrk.out" 2>&1 &
wpid=$!
track "$wpid"
saves=0 saved=0 seen=0 a5xx=0 missing=""
# One save a second: the next starts a second after the last began.
next=$(( ${EPOCHREALTIME/./} + 1000000 ))
while alive "$wpid"; do
	saves=$((saves + 1))
	mark="soak-save-$saves-$RANDOM"
	post_article save "$AID" publish "body=Saved during the soak: $mark."
	case $code in
	303) saved=$((saved + 1)) ;;
	5*) a5xx=$((a5xx + 1)) ;;
	esac
	get look "$AURL"
	[[ $code == 5* ]] && a5xx=$((a5xx + 1))
	if [ "$code" = 200 ] && grep -qF "$mark" "$H/look.b"; then
		seen=$((seen + 1))
	else
		missing+=" $saves(save $code)"
	fi
	d=$((next - ${EPOCHREALTIME/./}))
	[ "$d" -le 0 ] || sleep "$((d / 1000000)).$(printf '%06d' $((d % 1000000)))"
	next=$((next + 1000000))
done
wait "$wpid"
untrack "$wpid"
workers > "$W/rss.end"
stop_site

st=$(sed -n 's/^soak-status: //p' "$W/wrk.out")
r5xx=$(echo "$st" | sed -n 's/.*5xx=\([0-9]*\).*/\1/p')
rps=$(sed -n 's/^Requests\/sec: *//p' "$W/wrk.out")
total=$(sed -n 's/^ *\([0-9]*\) requests in.*/\1/p' "$W/wrk.out")
echo "readers: $total requests, $rps requests/s; $st"
sed -n 's/^soak-errors: /readers: socket errors /p; s/^soak-latency: /readers: latency /p' "$W/wrk.out"
echo "author: $saves saves, $saved answered 303, $seen seen on the article page right after; 5xx: $a5xx"
verdict=0
[ "${r5xx:-1}" = 0 ] && [ "$a5xx" = 0 ] || { echo "FAIL: 5xx answers"; verdict=1; }
[ "$saved" = "$saves" ] && [ "$seen" = "$saves" ] && [ "$saves" -gt 0 ] ||
    { echo "FAIL: saves missing:$missing"; verdict=1; }
while read -r pid kb; do
	end=$(awk -v p="$pid" '$1 == p { print $2 }' "$W/rss.end")
	if [ -z "$end" ]; then
		echo "worker $pid: $kb kB at the start, gone at the end (replaced)"
		verdict=1
		continue
	fi
	echo "worker $pid: RSS $kb kB at the start, $end kB at the end, growth $((end - kb)) kB"
	[ $((end - kb)) -lt 1024 ] || { echo "FAIL: worker $pid grew 1 MB or more"; verdict=1; }
done < "$W/rss.start"
[ -s "$W/rss.start" ] || { echo "FAIL: no worker found"; verdict=1; }
crash=$(grep -E 'worker [0-9]+ ended|runtime error:|Sanitizer' "$VAR/server.log" | head -n 3)
[ -z "$crash" ] || { echo "FAIL: server log: $crash"; verdict=1; }
if [ "$verdict" = 0 ]; then
	echo "soak: passed (no 5xx, workers' memory flat, every save visible)"
else
	echo "soak: FAILED"
	fail=1
fi
exit "$verdict"
