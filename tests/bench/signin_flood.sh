#!/usr/bin/env bash
# Readers behind password checks (issue 11, case 2): /archive's latency
# through src/run.sh (nginx in front of `quire serve`, WORKERS=2, the way
# `make run` serves) alone, then while 64 wrong sign-ins run at once, each
# for its own unknown login from its own IPv6 /64 (X-Forwarded-For, trusted
# from nginx), so that the sign-in throttle stops none of them and only the
# bound on password checks stands between them and the readers. A figure
# for docs/SECURITY.md, not a test: it prints, it asserts nothing.
#
#   bash tests/bench/signin_flood.sh [QUIRE_BINARY]
#
# Prints the median and the worst of 40 timed GET /archive (curl's
# time_total), alone and then while rounds of 64 sign-ins at once follow
# each other until the 40 are done.
set -u
. "$(dirname "$0")/../e2e/lib.sh"
e2e_init signin_flood "${1:-}"
need curl nginx sqlite3
e2e_workdir
VAR=$W/var
DB=$W/site.db
"$QUIRE" init --db "$DB" --demo >/dev/null 2>&1 || bail "quire init"
WORKERS=2 start_site "--trust-proxy 127.0.0.1" || bail "src/run.sh starts"

# times N FILE: N sequential GET /archive, their time_total (ms) to FILE.
times() {
	local i
	for ((i = 0; i < $1; i++)); do
		curl -s -o /dev/null -w '%{time_total}\n' "$base/archive"
	done | awk '{ printf "%.1f\n", $1 * 1000 }' > "$2"
}
stats() {
	sort -n "$1" | awk '{ v[NR] = $1 } END { printf "median %.1f ms, 90th %.1f ms, worst %.1f ms (%d requests)",
	    v[int((NR + 1) / 2)], v[int(NR * 0.9)], v[NR], NR }'
}
flood() {
	local r=0 i
	while [ ! -f "$W/stop" ]; do
		for ((i = 0; i < 64; i++)); do
			curl -s -o /dev/null -w '%{http_code}\n' \
			    -H "X-Forwarded-For: 2001:db8:$r:$i::1" \
			    --data-urlencode "login=nobody-$r-$i" \
			    --data-urlencode "password=wrong-password-$i" \
			    "$base/admin/login" &
		done
		wait	# run in its own subshell: only these curls
		r=$((r + 1))
	done > "$W/codes"
}

times 40 "$W/quiet"
echo "quiet:             $(stats "$W/quiet")"
( flood ) &
fpid=$!
times 40 "$W/loaded"
touch "$W/stop"
wait "$fpid"
echo "64 at once, again: $(stats "$W/loaded")"
echo "sign-in answers:   $(sort "$W/codes" | uniq -c | awk '{ printf "%s x %s  ", $1, $2 }')"
stop_site
