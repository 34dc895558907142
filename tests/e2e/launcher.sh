#!/usr/bin/env bash
# tests/e2e/launcher.sh [QUIRE_BINARY]: what src/run.sh (make run) promises
# beyond serving the site: a port that is taken is said before anything is
# made; nginx compresses pages and keeps the versioned static files for a
# year. Prints "ok - ..." / "not ok - ..." lines; exits 1 if any failed.

# Checks pass single-quoted conditions to eval, on purpose:
# shellcheck disable=SC2016
set -u
# shellcheck source=tests/e2e/lib.sh
. "$(dirname "$0")/lib.sh"
e2e_init launcher "${1:-build/quire}"
need curl python3 gzip
e2e_workdir

# A port something listens on: make run says so and makes nothing.
busy=$(free_port) || bail "a free port"
python3 -c 'import socket, sys, time
s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("127.0.0.1", int(sys.argv[1]))); s.listen(8)
open(sys.argv[2], "w").close()
time.sleep(120)' "$busy" "$W/listening" &
lpid=$!
track "$lpid"
wait_for 200 test -e "$W/listening" || bail "a listener on port $busy"
PORT=$busy VAR=$W/busy QUIRE=$QUIRE timeout 20 bash "$top/src/run.sh" \
    >"$W/busy.out" 2>&1 </dev/null
rc=$?
stop_pid "$lpid"
check "make run on a port in use: exits 1 at once, names the port and how to pick another" \
    "exit $rc; $(cat "$W/busy.out")" \
    eval '[ $rc = 1 ] && grep -q "port $busy" "$W/busy.out" && grep -q "PORT=" "$W/busy.out"'
check "... and makes no database, prints no password" \
    "$(ls -l "$W/busy" 2>&1; cat "$W/busy.out")" \
    eval '[ ! -e "$W/busy/demo.db" ] && [ ! -e "$W/busy/demo-credentials" ] && ! grep -qi password "$W/busy.out"'

# The demo site, through src/run.sh's nginx.
VAR=$W/var
DB=$W/site.db
start_site || bail "src/run.sh starts and answers" "$(tail -n 20 "$VAR/server.log" 2>/dev/null)"
ok "src/run.sh starts nginx and quire on 127.0.0.1:$port"

fetch() {	# fetch NAME PATH [CURL_ARGS...]: $W/NAME.h, $W/NAME.b, code
	local name=$1 path=$2
	shift 2
	code=$(curl -s -m 30 -o "$W/$name.b" -D "$W/$name.h" -w '%{http_code}' \
	    "$@" "$base$path") || code=000
}

fetch home / -H 'Accept-Encoding: gzip'
gzip -dc < "$W/home.b" > "$W/home.html" 2>/dev/null
check "GET / with Accept-Encoding: gzip: compressed (Content-Encoding: gzip, Vary), and it unzips to the page" \
    "status $code; $(tr -d '\r' < "$W/home.h" | grep -iE '^(content-encoding|vary|content-type):')" \
    eval '[ "$code" = 200 ] && [ "$(hdr "$W/home.h" Content-Encoding)" = gzip ] &&
    [[ $(hdr "$W/home.h" Vary) == *Accept-Encoding* ]] && grep -q "</html>" "$W/home.html"'
css=$(grep -o 'href="/static/style.css?v=[0-9a-f]*"' "$W/home.html" | head -n 1 | sed 's/^href="//; s/"$//')
icon=$(grep -o 'href="/static/favicon.svg?v=[0-9a-f]*"' "$W/home.html" | head -n 1 | sed 's/^href="//; s/"$//')
check "the page links its stylesheet and icon with the static files' version (?v=16 hex digits)" \
    "$(grep -o '<link[^>]*static[^>]*>' "$W/home.html")" \
    eval '[[ $css =~ ^/static/style\.css\?v=[0-9a-f]{16}$ ]] && [ "${icon#*\?v=}" = "${css#*\?v=}" ]'
fetch css "$css" -H 'Accept-Encoding: gzip'
maxage=$(hdr "$W/css.h" Cache-Control | sed -n 's/.*max-age=\([0-9]*\).*/\1/p')
check "the versioned stylesheet: 200, kept a year (max-age >= 31536000), compressed, nosniff" \
    "status $code; $(tr -d '\r' < "$W/css.h" | grep -iE '^(cache-control|expires|content-encoding|x-content-type-options):')" \
    eval '[ "$code" = 200 ] && [ "${maxage:-0}" -ge 31536000 ] &&
    [ "$(hdr "$W/css.h" Content-Encoding)" = gzip ] && [ "$(hdr "$W/css.h" X-Content-Type-Options)" = nosniff ] &&
    gzip -dc < "$W/css.b" | cmp -s - "$top/templates/static/style.css"'
fetch admin /admin/login
check "the admin pages link their stylesheets with the same version" \
    "$(grep -o '<link[^>]*static[^>]*>' "$W/admin.b")" \
    eval 'grep -q "href=\"/static/admin.css?v=${css#*\?v=}\"" "$W/admin.b" && grep -q "href=\"$css\"" "$W/admin.b"'

stop_site
echo "1..$((pass + fail))"
[ "$fail" = 0 ]
