#!/usr/bin/env bash
# make slow: slowhttptest against the site as src/run.sh serves it, with the
# nginx limits docs/nginx/ ships, while an ordinary reader (curl, from
# another loopback address) fetches an article twice a second. Not part of
# make test (it takes minutes and measures time):
#
#   bash tests/load/slow.sh [QUIRE_BINARY]
#   SLOW_SECONDS=30  each attack's length     SLOW_CONNS=1500  its connections
#
# Three attacks, each from 127.0.0.1: slowloris (headers never finished),
# slow body (a byte of the body every 5 s) with the shipped limit_conn, and
# slow body again with no per-address limit (an attacker with many
# addresses: worker_connections and the timeouts alone). Prints, per
# attack, the reader's requests, how many were not 200, the median and
# slowest answer, and what slowhttptest saw; exits 1 if the reader got
# anything but 200 or waited over a second. Needs slowhttptest (Debian).

set -u
# shellcheck source=tests/e2e/lib.sh
. "$(dirname "$0")/../e2e/lib.sh"
e2e_init slow "${1:-}"
# The shipped limits (lib.sh lifts them for the other suites).
unset NGINX_CONN_PER_ADDR NGINX_POST_RATE NGINX_POST_BURST
need curl nginx sqlite3 slowhttptest
SECS=${SLOW_SECONDS:-30}
CONNS=${SLOW_CONNS:-1500}
e2e_workdir
H=$W/http
VAR=$W/var
DB=$W/site.db
mkdir -p "$H" "$VAR"
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true

"$QUIRE" init --db "$DB" --demo >"$W/init.out" 2>&1 || bail "quire init --demo" "$(cat "$W/init.out")"
URL=$(sqlite3 -init /dev/null -batch -noheader "$DB" \
    "SELECT strftime('/%Y/%m/', published_at, 'unixepoch') || slug FROM articles
     WHERE status = 'published' ORDER BY id LIMIT 1")

# reader FILE: GET the article every 0.5 s from 127.0.0.2 until $W/stop.
reader() {
	while [ ! -e "$W/stop" ]; do
		curl -s -o /dev/null --interface 127.0.0.2 -m 10 \
		    -w '%{http_code} %{time_total}\n' "$base$URL" >>"$1" 2>/dev/null ||
		    echo "000 10" >>"$1"
		sleep 0.5
	done
}

verdict=0
# attack NAME SLOWHTTPTEST_ARGS...: one attack with the reader alongside.
attack() {
	local name=$1 rpid n bad med max avail
	shift
	rm -f "$W/stop"
	: > "$W/$name.reader"
	reader "$W/$name.reader" &
	rpid=$!
	track "$rpid"
	slowhttptest "$@" -c "$CONNS" -r 500 -i 5 -x 24 -p 3 -l "$SECS" \
	    -g -o "$W/$name" >"$W/$name.out" 2>&1 </dev/null
	touch "$W/stop"
	wait "$rpid"
	untrack "$rpid"
	n=$(wc -l < "$W/$name.reader")
	bad=$(grep -vc '^200 ' "$W/$name.reader")
	med=$(cut -d' ' -f2 "$W/$name.reader" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
	max=$(cut -d' ' -f2 "$W/$name.reader" | sort -n | tail -n 1)
	# slowhttptest's last status: the most connections it held, and
	# whether its own probe (from 127.0.0.1) was answered.
	held=$(sed 's/\x1b\[[0-9;]*m//g' "$W/$name.out" | sed -n 's/.*connected: *\([0-9]*\).*/\1/p' | sort -n | tail -n 1)
	avail=$(sed 's/\x1b\[[0-9;]*m//g' "$W/$name.out" | sed -n 's/.*service available: *\([A-Z]*\).*/\1/p' | tail -n 1)
	ended=$(sed 's/\x1b\[[0-9;]*m//g' "$W/$name.out" | sed -n 's/^Test ended on \([0-9]*\).*/\1 s/p; s/^Exit status: //p' | paste -sd' ' -)
	printf '%-24s reader: %3d requests, %d not 200, median %.3f s, slowest %.3f s; slowhttptest: %s connected at most, its probe %s, ended at %s\n' \
	    "$name" "$n" "$bad" "$med" "$max" "${held:-?}" "${avail:-?}" "${ended:-?}"
	if [ "$bad" != 0 ] || awk -v m="$max" 'BEGIN { exit !(m > 1.0) }'; then
		verdict=1
	fi
}

start_site "" || bail "src/run.sh starts" "$(tail -n 20 "$VAR/server.log" 2>/dev/null)"
echo "# $CONNS connections, ${SECS} s each, against $base (shipped limits)"
attack slowloris -H -u "$base$URL"
attack slow-body -B -s 1000000 -u "$base/"
stop_site
NGINX_CONN_PER_ADDR=off start_site "" || bail "src/run.sh starts (no limit_conn)" ""
attack slow-body-no-limit-conn -B -s 1000000 -u "$base/"
stop_site
warn=$(grep -c 'worker_connections are not enough' "$VAR/nginx-error.log")
echo "# nginx: 'worker_connections are not enough' $warn times"
[ "$warn" = 0 ] || verdict=1
echo "# slowhttptest reports: $W/*.html (KEEP_E2E=1 keeps them)"
[ "$verdict" = 0 ] && echo "slow: a reader was served (200, within 1 s) throughout" ||
    echo "slow: FAILED: the reader was refused or waited over a second"
exit "$verdict"
