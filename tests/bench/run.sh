#!/usr/bin/env bash
# make bench: requests/s, latency and memory of quire behind nginx, against
# nginx serving the same page as a static file (the limit) and a FastCGI
# responder that does nothing (the floor); start-up and in-process render
# times. Everything on 127.0.0.1; about 3.5 minutes on 2 cores, most of
# it wrk runs (making the databases takes 6 s of that). Prints the report
# and writes it to docs/PERFORMANCE.md.
#
#   BENCH_SIZES="1000 100000"   article counts of the generated databases
#   BENCH_SECONDS=5             wrk run at the smallest size, in seconds
#   BENCH_SECONDS_BIG=3         wrk run at the other sizes
#   BENCH_CONNS=32              wrk connections (heavy pages: 1 per worker)
#   BENCH_PORT=18080            four ports from here: limit, floor, quire,
#                               quire through the cache
#   BENCH_OUT=docs/PERFORMANCE.md
#   BENCH_DEBUG=1               also say when the workers went idle after a run
#
# Databases are generated once (tests/bench/gen.c) into build/bench/db/,
# keyed by a hash of the generator, the demo content, the migrations and
# `quire --version`, and reused while those stay the same. Nothing here
# asserts a target: the report says which are met and by how much the
# others are missed.
set -euo pipefail
export LC_ALL=C

top=$(cd "$(dirname "$0")/../.." && pwd)
cd "$top"
SIZES=${BENCH_SIZES:-"1000 100000"}
SECS=${BENCH_SECONDS:-5}
SECS_BIG=${BENCH_SECONDS_BIG:-3}
CONNS=${BENCH_CONNS:-32}
PORT=${BENCH_PORT:-18080}
OUT=${BENCH_OUT:-docs/PERFORMANCE.md}
WORKERS=$(nproc)
THREADS=2
[ "$WORKERS" -lt 2 ] && THREADS=1
WARMUP=1		# seconds of wrk before each measured run
BUDGET=540		# seconds; later scenarios are skipped past this
QUIRE=$top/build/quire
B=$top/build/bench
BIN=$B/bin
RUN=$B/run
PL=$PORT PF=$((PORT + 1)) PQ=$((PORT + 2)) PC=$((PORT + 3))

# Public pages added later (tags) are measured when they answer
# 200; until then the report lists them as absent. NAME=URL. (/feed.xml
# and /atom.xml are only 301s to the feeds, measured below.)
OPTIONAL_PAGES="tags=/tags tag=/tag/common tag-rare=/tag/caf%C3%A9"

say() { printf '[bench %3ds] %s\n' "$SECONDS" "$*" >&2; }
die() { say "error: $*"; exit 1; }
# The parentheses matter: awk reads "printf x > y" as a redirection.
calc() { awk "BEGIN { printf \"%s\", ($1) }"; }
# A comparison: awk would take a bare ">" in printf for a redirection.
is() { awk "BEGIN { if ($1) print 1; else print 0 }"; }
fmt() { awk -v v="$2" "BEGIN { printf \"$1\", v }"; }

for t in wrk nginx curl cc sqlite3 pkg-config ps; do
	command -v "$t" >/dev/null || die "$t is missing (make deps installs it)"
done
[ -x "$QUIRE" ] || die "$QUIRE is missing: run make first"
for p in $PL $PF $PQ $PC; do
	if (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
		die "port $p is in use (BENCH_PORT=... to move)"
	fi
done

mkdir -p "$BIN" "$RUN" "$B/db" "$B/nginx" "$B/www"
# Something else busy on the machine skews every figure: say so.
LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)
STAT_START=$(head -1 /proc/stat)
rm -rf "$B/res"
mkdir -p "$B/res"

# --- what is running, stopped whatever happens --------------------------
qpid="" fpid="" npid=""
stop_servers() {
	local p
	for p in $npid $fpid $qpid; do
		kill "$p" 2>/dev/null || true
	done
	for p in $npid $fpid $qpid; do
		wait "$p" 2>/dev/null || true
	done
	npid="" fpid="" qpid=""
}
trap 'stop_servers' EXIT
trap 'exit 130' INT TERM

wait_unix() {	# SOCKET PID
	local i=0
	while ! [ -S "$1" ]; do
		i=$((i + 1))
		kill -0 "$2" 2>/dev/null || return 1
		[ $i -gt 200 ] && return 1
		sleep 0.025
	done
}
wait_tcp() {	# PORT PID
	local i=0
	while ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; do
		i=$((i + 1))
		kill -0 "$2" 2>/dev/null || return 1
		[ $i -gt 200 ] && return 1
		sleep 0.025
	done
}

# --- disk space ----------------------------------------------------------
avail_mb=$(df -Pm "$B" | awk 'NR == 2 { print $4 }')
need_mb=0
for n in $SIZES; do
	need_mb=$((need_mb + n * 9 / 1000 + 10))
done
say "disk: ${avail_mb} MB free under build/bench; the databases take about ${need_mb} MB"

# --- the bench's own programs --------------------------------------------
say "building the generator, the floor, the start-up timer and the render timer"
make -s bench-tools >&2 || die "cannot build the bench's programs (make bench-tools)"

cat > "$B/report.lua" <<'LUA'
-- One line wrk's caller parses; latencies in microseconds.
done = function(s, lat, req)
	local e = s.errors
	io.write(string.format("WRK %d %d %d %d %d %d %d %d %d %d\n",
	    s.requests, s.duration, s.bytes, lat:percentile(50),
	    lat:percentile(99), e.connect, e.read, e.write, e.status, e.timeout))
end
LUA

# A reader mix: the paths in $MIX_PATHS, the i-th asked with weight 1/i
# (Zipf, s = 1: a few articles much read, most rarely), the same sequence
# in every run (a fixed seed); the same report line as report.lua.
cat > "$B/mix.lua" <<'LUA'
local paths, cdf, sum = {}, {}, 0
for l in io.lines(os.getenv("MIX_PATHS")) do paths[#paths + 1] = l end
for i = 1, #paths do sum = sum + 1 / i; cdf[i] = sum end
math.randomseed(7)
request = function()
	local r, lo, hi = math.random() * sum, 1, #paths
	while lo < hi do
		local mid = math.floor((lo + hi) / 2)
		if cdf[mid] < r then lo = mid + 1 else hi = mid end
	end
	return wrk.format("GET", paths[lo])
end
LUA
cat "$B/report.lua" >> "$B/mix.lua"

# --- databases -------------------------------------------------------------
version=$("$QUIRE" --version)
key=$( { cat tests/bench/gen.c sql/demo.sql sql/migrations/*.sql; echo "$version"; } |
    sha256sum | cut -c1-12)
rm -f "$RUN/demo.db"*
"$QUIRE" init --db "$RUN/demo.db" --demo >/dev/null 2>"$RUN/init.log" ||
    die "quire init --demo failed: $(cat "$RUN/init.log")"
declare -A GEN
for n in $SIZES; do
	db=$B/db/articles-$n-$key.db
	if [ -f "$db" ]; then
		say "database of $n articles: reusing $(basename "$db")"
		GEN[$n]="reused (generated earlier by the same generator and quire)"
		continue
	fi
	rm -f "$B/db/articles-$n-"*
	[ "$avail_mb" -lt $((n * 9 / 1000 + 10)) ] &&
	    die "not enough disk space for $n articles (${avail_mb} MB free)"
	say "generating $n articles"
	t0=$(date +%s.%N)
	"$QUIRE" init --db "$db.tmp" >/dev/null 2>>"$RUN/init.log"
	"$BIN/gen" "$db.tmp" "$n" "$RUN/demo.db" 2>"$B/db/gen-$n.log" ||
	    die "gen failed: $(cat "$B/db/gen-$n.log")"
	# Tags for /tag/NAME: "common" on every 10th article (a tag page as
	# deep as the home page's tenth), "café" on every 1000th (a rare tag:
	# its page walks far).
	sqlite3 "$db.tmp" "INSERT INTO tags (name, slug) VALUES ('Common', 'common'), ('Café', 'café');
	    INSERT INTO article_tags (article_id, tag_id) SELECT a.id, t.id FROM articles a, tags t
	    WHERE (t.slug = 'common' AND a.id % 10 = 0) OR (t.slug = 'café' AND a.id % 1000 = 0);" ||
	    die "tagging the bench database failed"
	mv "$db.tmp" "$db"
	t1=$(date +%s.%N)
	GEN[$n]="generated in $(fmt '%.1f' "$(calc "$t1 - $t0")") s: $(sed 's/^gen: //' "$B/db/gen-$n.log")"
	say "  ${GEN[$n]}"
done
# quire serves only a site with a base URL (absolute links come from it).
for n in $SIZES; do
	"$QUIRE" init --db "$B/db/articles-$n-$key.db" --base-url "http://127.0.0.1:$PORT" \
	    >/dev/null 2>>"$RUN/init.log" || die "quire init --base-url failed: $(tail -n 3 "$RUN/init.log")"
done
# As root, quire serve runs as nobody (it refuses to serve as root): the
# databases and the run folder are handed to it.
SERVE_AS=()
if [ "$(id -u)" = 0 ]; then
	SERVE_AS=(--user nobody --group "$(id -gn nobody)")
	chown -R nobody:"$(id -gn nobody)" "$B/db" "$RUN"
	setpriv --reuid=nobody --regid="$(id -gn nobody)" --clear-groups \
	    test -w "$B/db" -a -w "$RUN" ||
	    die "nobody cannot reach $B/db (run make bench from a checkout it can reach, or not as root)"
fi

# --- one measurement ---------------------------------------------------------
# Results: R[size,name,field]. Rows in order: ROWS[size] holds the names.
declare -A R
declare -A ROWS
# rcache_summary LOG: what the workers' render caches did (each worker
# says at its end, rcache.c): hit rate over all lookups, most bytes kept.
rcache_summary() {
	awk '/render cache:/ {
		for (i = 1; i < NF; i++) {
			if ($(i + 1) == "hits,") h += $i
			if ($(i + 1) == "misses,") m += $i
			if ($(i + 1) == "bytes" && $i > b) b = $i
		} }
	    END { if (h + m > 0) printf "%.1f%% of %d lookups hit; at most %.2f MB kept by a worker",
		100 * h / (h + m), h + m, b / 1048576 }' "$1"
}

deadline_passed() { [ "$SECONDS" -gt "$BUDGET" ]; }

worker_pids() { ps -o pid= --ppid "$qpid" 2>/dev/null | tr -d ' '; }
# Largest VmRSS of quire's workers, MB.
rss_max() {
	local p v m=0
	for p in $(worker_pids); do
		v=$(awk '/^VmRSS:/ { print $2 }' "/proc/$p/status" 2>/dev/null || echo 0)
		[ "${v:-0}" -gt "$m" ] && m=$v
	done
	fmt '%.1f' "$(calc "$m / 1024")"
}

# Waits until quire's workers stop using CPU (at most 30 s), so a run
# never starts while the last one's requests are still being answered.
cpu_ticks() {
	local p t=0
	for p in $(worker_pids); do
		t=$((t + $(awk '{ print $14 + $15 }' "/proc/$p/stat" 2>/dev/null || echo 0)))
	done
	echo "$t"
}
wait_idle() {
	local a b i=0
	[ -n "$qpid" ] || return 0
	a=$(cpu_ticks)
	while [ $i -lt 300 ]; do
		sleep 0.1
		b=$(cpu_ticks)
		[ $((b - a)) -le 1 ] && { [ -n "${BENCH_DEBUG:-}" ] && say "    idle after $i"; return 0; }
		a=$b
		i=$((i + 1))
	done
}

# bench SIZE NAME LABEL KIND URL [EXTRA-HEADER]
#   KIND: limit, floor, quire (uncached), q304, cache. Checks the status
#   with curl, then a warm-up and the measured wrk run.
bench() {
	local n=$1 name=$2 label=$3 kind=$4 url=$5 hdr=${6:-} port want=200
	local secs=$SECS conns=$CONNS timeout=5 out code t tt heavy=""
	local -a h=()
	case $kind in
	limit) port=$PL ;;
	floor) port=$PF ;;
	quire|q304) port=$PQ ;;
	cache) port=$PC ;;
	esac
	[ "$kind" = q304 ] && want=304
	[ -n "$hdr" ] && h=(-H "$hdr")
	[ "$n" != "${SIZES%% *}" ] && secs=$SECS_BIG
	ROWS[$n]="${ROWS[$n]:-} $name"
	R[$n,$name,label]=$label
	R[$n,$name,url]=$url
	R[$n,$name,kind]=$kind
	if deadline_passed; then
		R[$n,$name,skip]="skipped: past the time budget"
		say "  $label: skipped (time budget)"
		return
	fi
	# Alone: best of three single requests.
	tt=""
	for _ in 1 2 3; do
		out=$(curl -s -o /dev/null "${h[@]}" -w '%{http_code} %{size_download} %{time_total}' \
		    "http://127.0.0.1:$port$url") || out="000 0 0"
		read -r code _ t <<<"$out"
		[ -z "$tt" ] || [ "$(is "$t < $tt")" = 1 ] && tt=$t
	done
	if [ "$code" != "$want" ]; then
		R[$n,$name,skip]="HTTP $code instead of $want"
		say "  $label: HTTP $code instead of $want, not measured"
		return
	fi
	R[$n,$name,alone]=$(fmt '%.2f' "$(calc "$tt * 1000")")
	# A page that takes over 100 ms alone would only time out under 32
	# connections: one per worker, a long timeout, a run long enough for
	# a few answers, and the three requests above as the warm-up.
	if [ "$(is "$tt > 0.1")" = 1 ]; then
		conns=$WORKERS
		timeout=60
		heavy=1
		secs=$(calc "int(10 * $tt + 0.999)")
		[ "$secs" -lt "$SECS" ] && secs=$SECS
		[ "$secs" -gt 20 ] && secs=20
	else
		wrk -t "$THREADS" -c "$conns" -d "${WARMUP}s" --timeout "${timeout}s" \
		    "${h[@]}" "http://127.0.0.1:$port$url" >/dev/null 2>&1 || true
		wait_idle
	fi
	[ "$conns" -lt "$THREADS" ] && conns=$THREADS
	R[$n,$name,conns]=$conns
	out=$(wrk -t "$THREADS" -c "$conns" -d "${secs}s" --timeout "${timeout}s" \
	    -s "$B/report.lua" "${h[@]}" "http://127.0.0.1:$port$url" 2>&1 |
	    grep '^WRK ' || true)
	wait_idle
	if [ -z "$out" ]; then
		R[$n,$name,skip]="wrk failed"
		say "  $label: wrk failed"
		return
	fi
	read -r _ reqs dur bytes p50 p99 ec er ew es et <<<"$out"
	R[$n,$name,reqs]=$reqs
	R[$n,$name,rps]=$(fmt '%.0f' "$(calc "$reqs / ($dur / 1e6)")")
	R[$n,$name,p50]=$(fmt '%.2f' "$(calc "$p50 / 1000")")
	R[$n,$name,p99]=$(fmt '%.2f' "$(calc "$p99 / 1000")")
	R[$n,$name,err]=$((ec + er + ew + es + et))
	R[$n,$name,bytes]=$( [ "$reqs" -gt 0 ] && calc "int($bytes / $reqs)" || echo 0)
	R[$n,$name,secs]=$secs
	if [ "$kind" != limit ] && [ "$kind" != floor ]; then
		R[$n,$name,rss]=$(rss_max)
	fi
	say "  $(printf '%-28s' "$label") $(printf '%7s' "${R[$n,$name,rps]}") req/s  p50 ${R[$n,$name,p50]} ms  p99 ${R[$n,$name,p99]} ms  errors ${R[$n,$name,err]}${heavy:+  (heavy page: $conns connections, ${secs} s)}"
}

# --- nginx ---------------------------------------------------------------------
# The floor's and quire's FastCGI settings are docs/nginx/quire-fastcgi.conf
# with the socket changed; the cached server is docs/nginx/quire-cache.conf
# with its paths and port changed. Fails loudly if those files change shape.
nginx_conf() {
	local user_line=""
	[ "$(id -u)" = 0 ] && user_line="user root root;"
	rm -rf "$B/nginx/cache"
	mkdir -p "$B/nginx/cache" "$B/nginx/tmp"
	sed -E "s#^([[:space:]]*fastcgi_pass[[:space:]]+)unix:[^;]*;#\1unix:$RUN/quire.sock;#" \
	    docs/nginx/quire-fastcgi.conf > "$B/nginx/fastcgi-quire.conf"
	sed -E "s#^([[:space:]]*fastcgi_pass[[:space:]]+)unix:[^;]*;#\1unix:$RUN/floor.sock;#" \
	    docs/nginx/quire-fastcgi.conf > "$B/nginx/fastcgi-floor.conf"
	grep -q "unix:$RUN/quire.sock;" "$B/nginx/fastcgi-quire.conf" ||
	    die "docs/nginx/quire-fastcgi.conf has no fastcgi_pass unix:...; line to redirect"
	sed -E \
	    -e "s#^([[:space:]]*fastcgi_cache_path[[:space:]]+)[^[:space:]]+#\1$B/nginx/cache#" \
	    -e "s#^([[:space:]]*listen[[:space:]]+)80;#\1127.0.0.1:$PC;#" \
	    -e "/^[[:space:]]*listen[[:space:]]+\[::\]/d" \
	    -e "s#^([[:space:]]*alias[[:space:]]+)[^;]*;#\1$top/templates/static/;#" \
	    -e "s#^([[:space:]]*include[[:space:]]+)[^;]*quire-fastcgi\.conf;#\1$B/nginx/fastcgi-quire.conf;#" \
	    -e "s#^([[:space:]]*include[[:space:]]+)[^;]*quire-limits\.conf;#\1$B/nginx/quire-limits.conf;#" \
	    docs/nginx/quire-cache.conf > "$B/nginx/quire-cache.conf"
	# The shipped limits (src/run.sh writes them), less the per-address
	# ones: wrk is many readers from one address.
	NGINX_CONN_PER_ADDR=off NGINX_POST_RATE=off bash src/run.sh --limits "$B/nginx" ||
	    die "src/run.sh --limits failed"
	if grep -nE '^[^#]*(/var/cache|/etc/nginx/snippets|/usr/local/share|listen[[:space:]]+(80|443)|ssl_certificate)' \
	    "$B/nginx/quire-cache.conf" >&2; then
		die "docs/nginx/quire-cache.conf has lines the bench cannot redirect (above)"
	fi
	grep -q "listen 127.0.0.1:$PC;" "$B/nginx/quire-cache.conf" ||
	    die "docs/nginx/quire-cache.conf: no 'listen 80;' to move to port $PC"
	cat > "$B/nginx/nginx.conf" <<CONF
# Generated by tests/bench/run.sh; edits are lost.
$user_line
worker_processes $WORKERS;
daemon off;
pid $B/nginx/nginx.pid;
error_log $B/nginx/error.log warn;
events { worker_connections 1024; }
http {
	include /etc/nginx/mime.types;
	default_type application/octet-stream;
	access_log off;
	server_tokens off;
	client_body_temp_path $B/nginx/tmp/body;
	fastcgi_temp_path $B/nginx/tmp/fastcgi;
	proxy_temp_path $B/nginx/tmp/proxy;
	uwsgi_temp_path $B/nginx/tmp/uwsgi;
	scgi_temp_path $B/nginx/tmp/scgi;
	include $B/nginx/quire-zones.conf;

	# 1. The limit: the article page quire rendered, as a static file.
	server {
		listen 127.0.0.1:$PL;
		charset utf-8;
		location / {
			root $B/www;
			try_files /article.html =404;
		}
	}
	# 2. The floor: tests/bench/floor.c sends the same bytes over FastCGI.
	server {
		listen 127.0.0.1:$PF;
		location / {
			include $B/nginx/fastcgi-floor.conf;
		}
	}
	# 3. Quire, uncached.
	server {
		listen 127.0.0.1:$PQ;
		location / {
			include $B/nginx/fastcgi-quire.conf;
		}
	}
	# 4. Quire behind the cache: docs/nginx/quire-cache.conf.
	include $B/nginx/quire-cache.conf;
}
CONF
	nginx -t -q -c "$B/nginx/nginx.conf" -e "$B/nginx/error.log" ||
	    die "nginx rejects $B/nginx/nginx.conf (see $B/nginx/error.log)"
}

# --- one database size -----------------------------------------------------------
q() { sqlite3 -readonly "$1" "$2"; }

run_size() {
	local n=$1
	local db=$B/db/articles-$n-$key.db dir=$B/res/$n id art month year
	local deep off inm line a b p
	mkdir -p "$dir"
	say "== $n articles =="
	# Into the OS cache first: a host that reclaims cold pages (this one
	# runs DAMON) can otherwise make the first full scan read from disk.
	cat "$db" > /dev/null
	# The article: near the middle of the archive, its body closest to
	# 6 KB. The deep home page starts half-way down the archive.
	id=$(q "$db" "SELECT id FROM articles WHERE id BETWEEN $((n / 2)) AND $((n / 2 + 200))
	    ORDER BY abs(length(body) - 6144), id LIMIT 1")
	art=$(q "$db" "SELECT strftime('/%Y/%m/', published_at, 'unixepoch') || slug FROM articles WHERE id = $id")
	month=$(q "$db" "SELECT strftime('/archive/%Y/%m', published_at, 'unixepoch') FROM articles WHERE id = $id")
	year=$(q "$db" "SELECT strftime('/archive/%Y', published_at, 'unixepoch') FROM articles WHERE id = $id")
	deep=$(q "$db" "SELECT '/?before=' || published_at || '-' || id FROM articles
	    WHERE status = 'published' ORDER BY published_at DESC, id DESC LIMIT 1 OFFSET $((n / 2))")
	q "$db" "SELECT body FROM articles WHERE id = $id" > "$dir/article.md"
	R[$n,art_bytes]=$(wc -c < "$dir/article.md")
	R[$n,art_words]=$(wc -w < "$dir/article.md")
	R[$n,month_count]=$(q "$db" "SELECT count(*) FROM articles WHERE strftime('/archive/%Y/%m', published_at, 'unixepoch') = '$month'")
	R[$n,year_count]=$(q "$db" "SELECT count(*) FROM articles WHERE strftime('/archive/%Y', published_at, 'unixepoch') = '$year'")
	R[$n,db_mb]=$(( $(stat -c %s "$db") / 1000000 ))
	R[$n,urls]="$art $month $deep"

	say "start-up of quire serve (7 runs)"
	"$BIN/startup" serve 7 "$RUN/startup.sock" "$QUIRE" serve "${SERVE_AS[@]}" --db "$db" \
	    --socket "$RUN/startup.sock" --workers "$WORKERS" > "$dir/startup.txt" ||
	    die "start-up measurement failed"
	"$BIN/startup" version 7 "$QUIRE" >> "$dir/startup.txt" ||
	    die "quire --version failed"
	while read -r k v; do R[$n,$k]=$v; done < "$dir/startup.txt"

	say "starting quire serve --workers $WORKERS, the floor and nginx"
	rm -f "$RUN/quire.sock" "$RUN/floor.sock"
	"$QUIRE" serve "${SERVE_AS[@]}" --db "$db" --socket "$RUN/quire.sock" --workers "$WORKERS" \
	    2> "$dir/quire.log" &
	qpid=$!
	wait_unix "$RUN/quire.sock" "$qpid" || die "quire serve did not start (see $dir/quire.log)"
	# The exact bytes quire answers for the article (CGI mode, same
	# code), for the floor; the body is the limit's static file.
	env -i QUIRE_DB="$db" GATEWAY_INTERFACE=CGI/1.1 REQUEST_METHOD=GET \
	    REQUEST_URI="$art" SCRIPT_NAME= SERVER_PROTOCOL=HTTP/1.1 \
	    HTTP_HOST="127.0.0.1:$PQ" SERVER_NAME=localhost SERVER_PORT="$PQ" \
	    REMOTE_ADDR=127.0.0.1 "$QUIRE" > "$dir/article.cgi" 2>/dev/null
	off=0
	while IFS= read -r line; do
		off=$((off + ${#line} + 1))
		[ "$line" = $'\r' ] && break
	done < "$dir/article.cgi"
	tail -c +$((off + 1)) "$dir/article.cgi" > "$B/www/article.html"
	"$BIN/floor" "$RUN/floor.sock" "$dir/article.cgi" "$WORKERS" 2> "$dir/floor.log" &
	fpid=$!
	wait_unix "$RUN/floor.sock" "$fpid" || die "the floor did not start (see $dir/floor.log)"
	nginx_conf
	nginx -c "$B/nginx/nginx.conf" -e "$B/nginx/error.log" &
	npid=$!
	wait_tcp "$PC" "$npid" || die "nginx did not start (see $B/nginx/error.log)"
	curl -s -o "$dir/article.via-nginx.html" "http://127.0.0.1:$PQ$art"
	if ! cmp -s "$dir/article.via-nginx.html" "$B/www/article.html"; then
		say "warning: the article through nginx differs from quire's CGI answer"
		R[$n,differs]=1
	fi

	say "wrk -t $THREADS -c $CONNS, $([ "$n" = "${SIZES%% *}" ] && echo "$SECS" || echo "$SECS_BIG") s a run after ${WARMUP} s of warm-up"
	bench "$n" limit "nginx static file (limit)" limit /article.html
	bench "$n" floor "FastCGI floor" floor "$art"
	bench "$n" article "article" quire "$art"
	bench "$n" home "home, first page" quire /
	bench "$n" deep "home, deep page" quire "$deep"
	bench "$n" month "archive month" quire "$month"
	bench "$n" about "static page (/about)" quire /about
	bench "$n" feed "feed, Atom (/feed.atom, 20 articles in full)" quire /feed.atom
	# A word of the generator's vocabulary: many matches, all ranked.
	bench "$n" search "search (/search?q=library)" quire "/search?q=library"
	for p in $OPTIONAL_PAGES; do
		code=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PQ${p#*=}" || true)
		if [ "$code" = 200 ]; then
			bench "$n" "${p%%=*}" "${p%%=*} (${p#*=})" quire "${p#*=}"
		else
			R[$n,absent]="${R[$n,absent]:-}${R[$n,absent]:+, }${p#*=} ($code)"
		fi
	done
	R[$n,rss_light]=$(rss_max)
	bench "$n" year "archive year" quire "$year"
	bench "$n" archive "archive index" quire /archive
	bench "$n" sitemap "sitemap (/sitemap.xml)" quire /sitemap.xml
	inm=$(curl -s -D - -o /dev/null "http://127.0.0.1:$PQ$art" |
	    tr -d '\r' | awk 'tolower($1) == "etag:" { print $2 }')
	if [ -n "$inm" ]; then
		bench "$n" a304 "article, 304" q304 "$art" "If-None-Match: $inm"
		inm=$(curl -s -D - -o /dev/null "http://127.0.0.1:$PQ/" |
		    tr -d '\r' | awk 'tolower($1) == "etag:" { print $2 }')
		bench "$n" h304 "home, 304" q304 / "If-None-Match: $inm"
		inm=$(curl -s -D - -o /dev/null "http://127.0.0.1:$PQ/feed.atom" |
		    tr -d '\r' | awk 'tolower($1) == "etag:" { print $2 }')
		bench "$n" f304 "feed, Atom, 304" q304 /feed.atom "If-None-Match: $inm"
	else
		for p in a304 h304; do
			ROWS[$n]="${ROWS[$n]} $p"
			R[$n,$p,label]=$([ $p = a304 ] && echo "article, 304" || echo "home, 304")
			R[$n,$p,kind]=q304
			R[$n,$p,skip]="n/a — no ETag yet"
		done
		say "  304: n/a — quire sends no ETag yet"
	fi
	curl -s -o /dev/null "http://127.0.0.1:$PC$art"
	R[$n,cache_status]=$(curl -s -D - -o /dev/null "http://127.0.0.1:$PC$art" |
	    tr -d '\r' | awk 'tolower($1) == "x-cache-status:" { print $2 }')
	bench "$n" carticle "article, nginx cache" cache "$art"
	bench "$n" chome "home, nginx cache" cache /
	# The limit and the floor again: the ratios use the mean of both runs,
	# which evens out some of the drift of a shared machine.
	bench "$n" limit2 "nginx static file (limit), again" limit /article.html
	bench "$n" floor2 "FastCGI floor, again" floor "$art"
	for p in limit floor; do
		a=${R[$n,$p,rps]:-}
		b=${R[$n,${p}2,rps]:-}
		if [ -n "$a" ] && [ -n "$b" ]; then
			R[$n,$p,mean]=$(( (a + b) / 2 ))
		else
			R[$n,$p,mean]=$a$b
		fi
	done

	# Memory of each worker after all the runs.
	R[$n,rss_workers]=""
	R[$n,pss_workers]=""
	for p in $(worker_pids); do
		R[$n,rss_workers]+="${R[$n,rss_workers]:+, }$(awk '/^VmRSS:/ { printf "%.1f", $2 / 1024 }' "/proc/$p/status")"
		R[$n,pss_workers]+="${R[$n,pss_workers]:+, }$(awk '/^Pss:/ { p = $2 } /^Private_(Clean|Dirty):/ { v += $2 }
		    END { printf "%.1f / %.1f", p / 1024, v / 1024 }' "/proc/$p/smaps_rollup")"
	done
	R[$n,rss_after]=$(rss_max)
	R[$n,restarts]=$(grep -c 'ended' "$dir/quire.log" || true)
	R[$n,quire_errors]=$(grep -c ' error ' "$dir/quire.log" || true)
	R[$n,nginx_errors]=$(grep -c '\[\(error\|crit\|alert\|emerg\)\]' "$B/nginx/error.log" || true)
	stop_servers
	# Each worker says at its end what its render cache (rcache.c) did.
	R[$n,rcache]=$(rcache_summary "$dir/quire.log")

	# The reader mix, on workers started afresh so that the render cache's
	# figures are the mix's alone: every visible article, shuffled once
	# (the same order in every run), the first the most read.
	say "a reader mix over every article (Zipf, s = 1)"
	q "$db" "SELECT strftime('/%Y/%m/', published_at, 'unixepoch') || slug FROM articles
	    WHERE status = 'published' ORDER BY (id * 2654435761) % 4294967296" > "$dir/mix.paths"
	rm -f "$RUN/quire.sock"
	"$QUIRE" serve "${SERVE_AS[@]}" --db "$db" --socket "$RUN/quire.sock" --workers "$WORKERS" \
	    2> "$dir/mix.log" &
	qpid=$!
	wait_unix "$RUN/quire.sock" "$qpid" || die "quire serve did not start (see $dir/mix.log)"
	nginx -c "$B/nginx/nginx.conf" -e "$B/nginx/error.log" &
	npid=$!
	wait_tcp "$PQ" "$npid" || die "nginx did not start (see $B/nginx/error.log)"
	out=$(MIX_PATHS=$dir/mix.paths wrk -t "$THREADS" -c "$CONNS" \
	    -d "$([ "$n" = "${SIZES%% *}" ] && echo "$SECS" || echo "$SECS_BIG")s" \
	    --timeout 5s -s "$B/mix.lua" "http://127.0.0.1:$PQ" 2>&1 | grep '^WRK ' || true)
	stop_servers
	if [ -n "$out" ]; then
		read -r _ a b _ <<<"$out"
		R[$n,mix,rps]=$(fmt '%.0f' "$(calc "$a / ($b / 1e6)")")
	fi
	R[$n,mix_rcache]=$(rcache_summary "$dir/mix.log")
	say "  reader mix: ${R[$n,mix,rps]:-?} req/s; render cache ${R[$n,mix_rcache]:-?}"

	say "in-process render times"
	BENCH_REF=$B/res/${SIZES%% *}/article.md \
	    "$BIN/render" "$dir/article.md" "$db" "$art" / "$deep" "$month" /about \
	    > "$dir/render.txt" 2> "$dir/render.log" ||
	    say "warning: render failed: $(head -3 "$dir/render.log")"
	while read -r k a b; do
		if [ -z "${b:-}" ]; then R[$n,$k]=$a; else R[$n,$k,$a]=$b; fi
	done < "$dir/render.txt"
}

say "quire: $version; $WORKERS workers; sizes: $SIZES"
for n in $SIZES; do
	run_size "$n"
done
# Share of the CPU the host took from this machine during the run.
STEAL=$(printf '%s\n%s\n' "$STAT_START" "$(head -1 /proc/stat)" | awk '
	{ t = 0; for (i = 2; i <= NF; i++) t += $i; tot[NR] = t; st[NR] = $9 }
	END { d = tot[2] - tot[1]; printf "%.1f", (d > 0 ? 100 * (st[2] - st[1]) / d : 0) }')
say "writing $OUT"
# shellcheck source=tests/bench/report.sh
. tests/bench/report.sh
report > "$OUT.tmp"
mv "$OUT.tmp" "$OUT"
cat "$OUT"
say "done in ${SECONDS} s"
