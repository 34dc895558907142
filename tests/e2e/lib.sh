# tests/e2e/lib.sh: what every end-to-end script shares: the ok/not ok
# lines the runner counts, set-up and clean-up, starting and stopping the
# servers on free ports, polling, and the tests' clock. Sourced first
# thing (before any cd); the caller keeps the counters pass and fail.
#
#   e2e_init NAME [QUIRE_BINARY]   top, QUIRE, traps; then need TOOL...;
#   e2e_workdir                    W, the temporary folder (kept on failure)
#   start_site [QUIRE_ARGS]        src/run.sh on a free port: run_pid, port, base
#   start_quire LOG ARG...         quire serve ARG...: q_pid
#   start_nginx CONF ERRLOG PATH MAKE_CONF   nginx on a free port: n_pid, port
#   stop_site / stop_pid PID / track PID     what the clean-up stops
#   wait_for [-p PID] TRIES CMD... poll, never a fixed sleep
#   clock_init FILE T / clock_set T / clock_add N / clock_now / faketime_env

# shellcheck shell=bash
# The variables set here are for the scripts that source this:
# shellcheck disable=SC2034
E2E_LIB_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

ok() {
	pass=$((pass + 1))
	printf 'ok - %s\n' "$1"
}

# not_ok DESC [DETAIL]: DETAIL may span lines; at most 25 are shown.
not_ok() {
	fail=$((fail + 1))
	printf 'not ok - %s\n' "$1"
	if [ $# -gt 1 ] && [ -n "$2" ]; then
		printf '%s\n' "${2%%$'\n'}" | head -n 25 | sed 's/^/    /'
	fi
}

# check DESC DETAIL CMD...: ok if CMD succeeds.
check() {
	local desc=$1 detail=$2
	shift 2
	if "$@"; then
		ok "$desc"
	else
		not_ok "$desc" "$detail"
	fi
}

bail() {
	not_ok "$1" "${2:-}"
	exit 1
}

# Is process PID running (not a zombie)?
alive() {
	local s
	s=$(ps -o stat= -p "$1" 2>/dev/null) || return 1
	case $s in
	Z*|"") return 1 ;;
	esac
	return 0
}

# The value of header NAME (last one) in a header file.
hdr() {
	tr -d '\r' < "$1" | sed -n "s/^$2: *//Ip" | tail -n 1
}

# ---------------------------------------------------------------------------
# Set-up and clean-up

# e2e_init NAME [QUIRE_BINARY]: the repo root (top, and the working
# folder), the binary as an absolute path (QUIRE, default build/quire), the
# counters, and the traps that stop every server of the run at exit.
e2e_init() {
	E2E_NAME=$1
	top=$(cd "$E2E_LIB_DIR/../.." && pwd)
	cd "$top" || exit 2
	QUIRE=${2:-build/quire}
	case $QUIRE in
	/*) ;;
	*) QUIRE=$top/$QUIRE ;;
	esac
	t_start=$(date +%s)
	pass=${pass:-0} fail=${fail:-0}
	W="" run_pid="" run_status="" run_killed=0 q_pid="" n_pid=""
	E2E_PIDS=""
	trap e2e_cleanup EXIT
	trap 'exit 130' INT
	trap 'exit 143' TERM
}

# need TOOL...: bail, naming the Debian packages, if a tool is missing.
need() {
	local t pkgs=""
	for t in "$@"; do
		command -v "$t" >/dev/null 2>&1 && continue
		case $t in
		cgi-fcgi) pkgs+=" libfcgi-bin" ;;
		pgrep) pkgs+=" procps" ;;
		b2sum|md5sum) pkgs+=" coreutils" ;;
		*) pkgs+=" $t" ;;
		esac
	done
	[ -z "$pkgs" ] || bail "the tools $* are installed" "apt-get install$pkgs"
}

# e2e_workdir: W, a new temporary folder, removed at exit unless a check
# failed or KEEP_E2E=1.
e2e_workdir() {
	W=$(mktemp -d "${TMPDIR:-/tmp}/quire-$E2E_NAME.XXXXXXXX") || bail "mktemp -d"
}

# track PID: a background process the clean-up stops; untrack PID.
track() {
	E2E_PIDS="$1 $E2E_PIDS"
}
untrack() {
	E2E_PIDS=$(printf ' %s ' "$E2E_PIDS" | sed "s/ $1 / /g")
}

# Processes of this run that outlive it: a quire or nginx whose command
# line names the temporary folder (quire serve --db $W/..., nginx -c
# $W/...); nginx workers die with their master.
leftovers() {
	local p c
	[ -n "$W" ] || return 0
	for p in $(pgrep -f -- "$W/" 2>/dev/null); do
		c=$(ps -o comm= -p "$p" 2>/dev/null)
		case $c in
		quire|nginx) echo "$p" ;;
		esac
	done
	return 0
}

no_leftovers() {
	[ -z "$(leftovers)" ]
}

e2e_cleanup() {
	local rc=$? pids p
	trap - EXIT INT TERM
	stop_site
	for p in $E2E_PIDS; do
		stop_pid "$p"
	done
	pids=$(leftovers)
	if [ -n "$pids" ]; then
		# shellcheck disable=SC2086
		not_ok "no quire or nginx process of this run is left at exit" \
		    "$(ps -o pid,args -p "$(echo $pids | tr ' ' ',')")"
		for p in $pids; do
			kill -TERM "$p" 2>/dev/null
		done
		wait_for 40 no_leftovers
		for p in $(leftovers); do
			kill -KILL "$p" 2>/dev/null
		done
		rc=1
	fi
	if [ -n "$W" ] && [ -d "$W" ]; then
		if [ "$fail" -gt 0 ] || [ "${KEEP_E2E:-}" = 1 ]; then
			echo "# kept $W"
		else
			rm -rf "$W"
		fi
	fi
	exit "$rc"
}

# ---------------------------------------------------------------------------
# Polling

# wait_for [-p PID] TRIES CMD...: run CMD until it succeeds, TRIES times at
# most, 0.05 s apart (the poll interval, not a wait for time to pass);
# with -p, give up as soon as process PID has ended. 0 once CMD succeeds.
wait_for() {
	local pid="" i
	if [ "$1" = -p ]; then
		pid=$2
		shift 2
	fi
	local tries=$1
	shift
	for ((i = 0; i < tries; i++)); do
		"$@" && return 0
		if [ -n "$pid" ] && ! alive "$pid"; then
			"$@"
			return
		fi
		sleep 0.05
	done
	return 1
}

not_alive() {
	! alive "$1"
}

# tcp_open HOST PORT: does something accept connections there?
tcp_open() {
	(exec 3<>"/dev/tcp/$1/$2") 2>/dev/null
}

# http_ok PORT PATH: does GET PATH on 127.0.0.1:PORT answer 200? (bash
# only, so that scripts without curl can use it.)
http_ok() {
	(
		exec 3<>"/dev/tcp/127.0.0.1/$1" || exit 1
		printf 'GET %s HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n' "$2" >&3
		IFS= read -r -t 5 line <&3 || exit 1
		case $line in
		"HTTP/1."?" 200 "*) exit 0 ;;
		esac
		exit 1
	) 2>/dev/null
}

# ---------------------------------------------------------------------------
# Ports and servers

# free_port: a port nothing listens on, below the kernel's ephemeral range
# (net.ipv4.ip_local_port_range, 32768 and up by default), where an
# outgoing connection of another program could take it before nginx binds.
# Another program may still bind it first: the start_* functions then try
# another port.
free_port() {
	local p i lo=32768
	read -r lo _ < /proc/sys/net/ipv4/ip_local_port_range 2>/dev/null
	[ "$lo" -gt 21024 ] 2>/dev/null || lo=32768
	for ((i = 0; i < 100; i++)); do
		p=$((20000 + RANDOM % (lo - 20000)))
		if ! tcp_open 127.0.0.1 "$p"; then
			echo "$p"
			return 0
		fi
	done
	return 1
}

# stop_pid PID: TERM, up to 15 s for it to end, then KILL; reaps it. Sets
# stopped_status (its exit status) and stopped_killed (1 if it took a KILL).
stop_pid() {
	local pid=$1
	stopped_status="" stopped_killed=0
	[ -n "$pid" ] || return 0
	if alive "$pid"; then
		kill -TERM "$pid" 2>/dev/null
		if ! wait_for 300 not_alive "$pid"; then
			stopped_killed=1
			kill -KILL "$pid" 2>/dev/null
		fi
	fi
	wait "$pid" 2>/dev/null
	stopped_status=$?
	untrack "$pid"
	return 0
}

# start_site [QUIRE_ARGS]: the site as `make run` serves it: src/run.sh,
# nginx in front of quire serve, with VAR=$VAR, DB=$DB, QUIRE=$QUIRE,
# WORKERS=${WORKERS:-2} and the tests' clock if clock_init was called, on a
# free port; up when GET / is 200. Three ports at most: a failed attempt's
# server.log and nginx-error.log are set aside in $W. Sets run_pid, port and
# base; returns 1 if the site did not come up.
start_site() {
	local args=${1:-} attempt
	mkdir -p "$VAR"
	for attempt in 1 2 3; do
		port=$(free_port) || return 1
		PORT=$port VAR=$VAR DB=$DB QUIRE=$QUIRE WORKERS=${WORKERS:-2} \
		    QUIRE_ARGS=$args QUIRE_CLOCK=${CLOCK:-} \
		    bash "$top/src/run.sh" >"$VAR/server.log" 2>&1 </dev/null &
		run_pid=$!
		if wait_for -p "$run_pid" 600 http_ok "$port" /; then
			base=http://127.0.0.1:$port
			return 0
		fi
		stop_site
		mv "$VAR/server.log" "$W/server-attempt$attempt.log" 2>/dev/null
		mv "$VAR/nginx-error.log" "$W/nginx-error-attempt$attempt.log" 2>/dev/null
	done
	return 1
}

# stop_site: TERM to src/run.sh, which stops nginx and quire. Sets
# run_status (its exit status) and run_killed (1 if it took a KILL).
stop_site() {
	[ -n "$run_pid" ] || return 0
	stop_pid "$run_pid"
	run_status=$stopped_status run_killed=$stopped_killed run_pid=""
}

# start_quire LOG ARG...: quire serve ARG... (with --clock if clock_init
# was called) in the background, output to LOG; ready when its --socket
# file exists or its --listen address takes connections. Sets q_pid;
# returns 1 if it ended or did not get ready.
start_quire() {
	local log=$1 a prev="" sock="" addr=""
	shift
	for a in "$@"; do
		case $prev in
		--socket) sock=$a ;;
		--listen) addr=$a ;;
		esac
		prev=$a
	done
	[ -z "${CLOCK:-}" ] || set -- "$@" --clock "$CLOCK"
	"$QUIRE" serve "${SERVE_AS[@]}" "${STRICT[@]}" "$@" </dev/null >"$log" 2>&1 &
	q_pid=$!
	track "$q_pid"
	if [ -n "$sock" ]; then
		wait_for -p "$q_pid" 200 test -S "$sock"
	elif [ -n "$addr" ]; then
		wait_for -p "$q_pid" 200 tcp_open "${addr%:*}" "${addr##*:}"
	else
		alive "$q_pid"
	fi
}

# start_nginx CONF ERRLOG PATH MAKE_CONF: nginx -c CONF (which must say
# daemon off) in the background, on a free port: MAKE_CONF PORT writes CONF
# for it. Up when GET PATH is 200. If it does not come up (another program
# bound the port first), another port, three at most; a failed attempt's
# ERRLOG is set aside. The array NGINX_ENV, if set, is its environment, as
# env(1)'s arguments (e.g. libfaketime). Sets n_pid and port; returns 1 if
# nginx did not start.
start_nginx() {
	local conf=$1 errlog=$2 path=$3 make_conf=$4 attempt
	for attempt in 1 2 3; do
		port=$(free_port) || return 1
		"$make_conf" "$port" || return 1
		env ${NGINX_ENV[@]+"${NGINX_ENV[@]}"} \
		    nginx -c "$conf" -e "$errlog" >"$errlog.out" 2>&1 </dev/null &
		n_pid=$!
		track "$n_pid"
		wait_for -p "$n_pid" 200 http_ok "$port" "$path" && return 0
		stop_pid "$n_pid"
		n_pid=""
		mv "$errlog" "$errlog.attempt$attempt" 2>/dev/null
	done
	return 1
}

# ---------------------------------------------------------------------------
# The tests' clock: a file quire reads at every request (quire serve
# --clock FILE, QUIRE_CLOCK=FILE in CGI mode; src/clock.c), holding Unix
# seconds (a clock that stands still) or +N/-N (the wall clock moved by N
# seconds). Tests move the clock instead of sleeping. Beside it,
# FILE.faketime says the same for libfaketime (FAKETIME_TIMESTAMP_FILE), so
# that an nginx started with faketime_env keeps the same time as quire.
# Each write replaces a file whole (rename): no reader sees half of it.

# clock_init FILE T: CLOCK=FILE, standing at Unix time T. T is a constant
# of the suite, never the real date: a suite's verdict must not depend on
# the day it runs (sql/demo.sql schedules an article for 2031; pages say
# "this month" and "this year").
clock_init() {
	if [ $# != 2 ] || ! [[ $2 =~ ^[0-9]+$ ]]; then
		bail "clock_init FILE T: a fixed Unix time T" "clock_init $*"
	fi
	CLOCK=$1
	clock_set "$2"
}

# clock_write VALUE: VALUE (seconds, or +N/-N) to both files.
clock_write() {
	local ft=$1
	case $1 in
	[+-]*) ;;
	*) ft=$(date -u -d "@$1" '+%Y-%m-%d %H:%M:%S') ;;
	esac
	printf '%s\n' "$ft" > "$CLOCK.faketime.new" &&
	    mv -f "$CLOCK.faketime.new" "$CLOCK.faketime" &&
	    printf '%s\n' "$1" > "$CLOCK.new" && mv -f "$CLOCK.new" "$CLOCK"
}

# clock_set T: the clock stands at Unix time T.
clock_set() {
	clock_write "$1"
}

# clock_now: what time quire sees now.
clock_now() {
	local v
	v=$(cat "$CLOCK")
	case $v in
	[+-]*) echo $(( $(date +%s) + v )) ;;
	*) echo "$v" ;;
	esac
}

# clock_add N: N seconds later (or earlier), standing or running.
clock_add() {
	local v
	v=$(cat "$CLOCK")
	case $v in
	[+-]*)
		v=$((v + $1))
		[ "$v" -lt 0 ] || v=+$v
		clock_write "$v"
		;;
	*) clock_set $((v + $1)) ;;
	esac
}

# faketime_env: NGINX_ENV for an nginx on the tests' clock: libfaketime
# (Debian package libfaketime; FAKETIME_LIB overrides where it is) reads
# $CLOCK.faketime at every call, in UTC; the monotonic clock, which nginx's
# timers use, is left alone. Its main configuration needs
# "env FAKETIME_TIMESTAMP_FILE; env FAKETIME_NO_CACHE;
# env FAKETIME_DONT_FAKE_MONOTONIC;" for the workers. 1 if no libfaketime.
faketime_env() {
	local lib=${FAKETIME_LIB:-} f
	if [ -z "$lib" ]; then
		for f in /usr/lib/*/faketime/libfaketime.so.1 \
		    /usr/lib/faketime/libfaketime.so.1; do
			[ -f "$f" ] && { lib=$f; break; }
		done
	fi
	[ -n "$lib" ] && [ -f "$lib" ] || return 1
	# Without an outer faketime's settings (a suite run under faketime(1)
	# to show that its verdict does not depend on the date): FAKETIME and
	# its shared memory would win over the clock file.
	NGINX_ENV=(-u FAKETIME -u FAKETIME_SHARED LD_PRELOAD="$lib"
	    FAKETIME_TIMESTAMP_FILE="$CLOCK.faketime" FAKETIME_NO_CACHE=1
	    FAKETIME_DONT_FAKE_MONOTONIC=1 TZ=UTC)
}

# src/run.sh serves with nginx's shipped limits (docs/nginx/quire-limits.conf);
# the suites send bursts of requests and sign-ins from one address, so they
# lift the per-address ones. tests/e2e/edge.sh tests the shipped values.
export NGINX_CONN_PER_ADDR=${NGINX_CONN_PER_ADDR:-off}
export NGINX_POST_RATE=${NGINX_POST_RATE:-off}

# As root (CI), quire serve refuses to run without a service user:
# start_quire passes SERVE_AS, and src/run.sh does the same and hands the
# scratch folders to that user. Every test serves with strict templates (a
# value a template asks for and a page never set is a 500), unless
# QUIRE_STRICT_TEMPLATES=0; src/run.sh reads the same variable.
SERVE_AS=()
if [ "$(id -u)" = 0 ]; then
	SERVE_AS=(--user nobody --group "$(id -gn nobody)")
fi
export QUIRE_STRICT_TEMPLATES=${QUIRE_STRICT_TEMPLATES:-1}
STRICT=()
[ "$QUIRE_STRICT_TEMPLATES" = 1 ] && STRICT=(--strict-templates)

# foreign_scripts FILE: how many <script elements FILE holds other than
# the JSON-LD data block of an article's head (<script
# type="application/ld+json">, data, never run). Pages run no script.
foreign_scripts() {
	perl -0777 -ne 'my $n = 0;
	    while (/<script\b([^>]*)>/gi) { $n++ unless $1 eq q{ type="application/ld+json"} }
	    print $n' "$1"
}

# post_article NAME ID ACTION [FIELD=VALUE...]: the editor's form for
# article ID with every field as stored, the given ones changed; the
# caller's get, q, JAR (a signed-in cookie jar) and CSRF.
post_article() {
	local name=$1 id=$2 action=$3 kv k
	local -A f=()
	local -a a=()
	shift 3
	for k in title slug author excerpt revision; do
		f[$k]=$(q "SELECT $k FROM articles WHERE id = $id")
	done
	f[date]=$(q "SELECT strftime('%Y-%m-%d', published_at, 'unixepoch') FROM articles WHERE id = $id")
	f[time]=$(q "SELECT strftime('%H:%M', published_at, 'unixepoch') FROM articles WHERE id = $id")
	f[body]=$(q "SELECT body FROM articles WHERE id = $id")
	for kv in "$@"; do
		f[${kv%%=*}]=${kv#*=}
	done
	for k in "${!f[@]}"; do
		a+=(--data-urlencode "$k=${f[$k]}")
	done
	get "$name" "/admin/articles/$id" -b "$JAR" --data-urlencode "csrf=$CSRF" \
	    --data-urlencode "action=$action" "${a[@]}"
}

# get NAME PATH [CURL_ARGS...]: GET $base/PATH (curl, the path as is):
# $H/NAME.h the headers, $H/NAME.b the body (empty files if none), $code
# the status (000 if the server could not be reached).
get() {
	local name=$1 path=$2
	shift 2
	rm -f "$H/$name.b" "$H/$name.h"
	code=$(curl -s -m 30 --path-as-is -o "$H/$name.b" -D "$H/$name.h" \
	    -w '%{http_code}' "$@" "$base$path" 2>"$H/$name.err") || true
	[ -n "$code" ] || code=000
	[ -f "$H/$name.b" ] || : > "$H/$name.b"
	[ -f "$H/$name.h" ] || : > "$H/$name.h"
}

# vnu_start FILE...: the Nu HTML Checker (npm's vnu-jar, pinned in
# tests/package.json and installed there when missing) over the files, in
# the background, into $W/vnu.out. Sets vnu_pid ("" when it cannot run)
# and vnu_note (why not).
vnu_start() {
	local jar=$top/tests/node_modules/vnu-jar/build/dist/vnu.jar npm_cmd
	vnu_pid="" vnu_note=""
	if [ ! -f "$jar" ] && command -v npm >/dev/null 2>&1; then
		npm_cmd=install
		[ -f "$top/tests/package-lock.json" ] && npm_cmd=ci
		HOME=$(mktemp -d "$W/npm-home.XXXX") npm "$npm_cmd" \
		    --prefix "$top/tests" --ignore-scripts --no-audit --no-fund \
		    >"$W/npm.log" 2>&1 ||
		    vnu_note="npm $npm_cmd --prefix tests failed: $(tail -n 5 "$W/npm.log")"
	fi
	if [ -f "$jar" ] && command -v java >/dev/null 2>&1; then
		java -jar "$jar" --errors-only --format text "$@" \
		    >"$W/vnu.out" 2>&1 &
		vnu_pid=$!
		track "$vnu_pid"
	else
		[ -n "$vnu_note" ] || vnu_note="no java, or no $jar"
	fi
}

# vnu_report FORMAT FILE...: waits for vnu_start's checker; one check a
# file, "Nu HTML Checker: no errors in " and FORMAT with the file's name
# for its %s; a failure naming no file, or a checker that could not run,
# is one failure more.
vnu_report() {
	local fmt=$1 f msgs all="" rc
	shift
	if [ -z "$vnu_pid" ]; then
		not_ok "Nu HTML Checker is available" "$vnu_note"
		return
	fi
	wait "$vnu_pid"
	rc=$?
	untrack "$vnu_pid"
	vnu_pid=""
	for f in "$@"; do
		msgs=$(perl -ne 'BEGIN { $f = shift } if (/^(Error|Fatal Error):/) { $m = $_; next }
		    if (defined $m && /\Q$f\E$/) { print $m; print "  $_"; } undef $m if /^From|^At /' \
		    "$f" "$W/vnu.out")
		all+=$msgs
		# shellcheck disable=SC2059
		check "Nu HTML Checker: no errors in $(printf "$fmt" "$(basename "$f" .html)")" \
		    "$msgs" [ -z "$msgs" ]
	done
	if [ "$rc" != 0 ] && [ -z "$all" ]; then
		not_ok "Nu HTML Checker ran and exited 0" "exit $rc; $(tail -n 10 "$W/vnu.out")"
	fi
}

