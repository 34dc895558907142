#!/usr/bin/env bash
# make scan: sqlmap and wapiti (Debian packages) against quire behind nginx
# on 127.0.0.1, served as src/run.sh serves it on a scratch demo database:
# the public pages and search, the sign-in, and every admin form with a
# signed-in author's session cookie (and its CSRF token). Not part of make
# test: it runs for minutes, bounded per target:
#
#   bash tests/load/scan.sh [QUIRE_BINARY]
#   SCAN_SQLMAP_SECONDS=90  each sqlmap target   SCAN_WAPITI_SECONDS=150
#
# nginx's per-address limits are lifted (tests/e2e/lib.sh) so the scanners
# reach quire; quire's own sign-in limits stay. Prints one line per target
# and a summary; the reports stay in the kept folder (KEEP_E2E=1, or any
# finding). Exits 1 if sqlmap calls a parameter injectable or wapiti
# reports a vulnerability.

set -u
# shellcheck source=tests/e2e/lib.sh
. "$(dirname "$0")/../e2e/lib.sh"
e2e_init scan "${1:-}"
need curl nginx sqlite3 sqlmap wapiti wapiti-getcookie perl
SQ_SECS=${SCAN_SQLMAP_SECONDS:-90}
WA_SECS=${SCAN_WAPITI_SECONDS:-150}
e2e_workdir
H=$W/http
VAR=$W/var
DB=$W/site.db
mkdir -p "$H" "$VAR" "$W/home"
# The scanners keep their sessions under HOME: a scratch one.
export HOME=$W/home

q() {
	sqlite3 -init /dev/null -batch -noheader "$DB" "$@"
}

"$QUIRE" init --db "$DB" --demo >"$W/init.out" 2>&1 || bail "quire init --demo" "$(cat "$W/init.out")"
PW='scan-author-passphrase-1'
printf '%s\n' "$PW" | "$QUIRE" user add author --name Author --db "$DB" >"$W/user.out" 2>&1 ||
    bail "quire user add" "$(cat "$W/user.out")"
AID=$(q "SELECT id FROM articles ORDER BY id LIMIT 1")
PID=$(q "SELECT id FROM pages ORDER BY id LIMIT 1")

start_site "" || bail "src/run.sh starts" "$(tail -n 20 "$VAR/server.log" 2>/dev/null)"
echo "# scan: $base (sqlmap ${SQ_SECS} s a target, wapiti ${WA_SECS} s a run)"

JAR=$W/author.jar
get signin /admin/login -c "$JAR" --data-urlencode login=author --data-urlencode "password=$PW"
[ "$code" = 303 ] || bail "the author signs in" "status $code"
# The session cookie as a Cookie header (curl's jar: HttpOnly lines start
# with #HttpOnly_).
COOKIE=$(sed -n 's/^#HttpOnly_//p; /^[^#]/p' "$JAR" | awk 'NF >= 7 { printf "%s%s=%s", sep, $6, $7; sep = "; " }')
[ -n "$COOKIE" ] || bail "the session cookie is in the jar" "$(cat "$JAR")"

findings=0
n=0
# sqlmap_run NAME SQLMAP_ARGS...: one target, bounded; one line.
sqlmap_run() {
	local name=$1 out=$W/sqlmap-$1.out rc verdict
	shift
	n=$((n + 1))
	timeout "$SQ_SECS" sqlmap --batch --level 2 --risk 1 --time-sec 2 \
	    --timeout 10 --retries 0 --threads 1 --flush-session \
	    --output-dir "$W/sqlmap" --disable-coloring "$@" >"$out" 2>&1 </dev/null
	rc=$?
	if grep -qE 'is vulnerable|appears to be .*injectable|sqlmap identified the following injection' "$out"; then
		verdict="INJECTABLE: $(grep -E 'Parameter:|appears to be' "$out" | head -n 3 | tr '\n' ' ')"
		findings=$((findings + 1))
	elif [ "$rc" = 124 ]; then
		verdict="nothing found before the time limit ($(grep -c 'testing ' "$out") tests run)"
	elif grep -q 'do not appear to be injectable' "$out"; then
		verdict="no injection ($(grep -c 'testing ' "$out") tests run)"
	else
		verdict="ended: $(grep -E 'CRITICAL|ERROR' "$out" | tail -n 1 | cut -c1-120)"
	fi
	printf 'sqlmap %-22s %s\n' "$name" "$verdict"
}

sqlmap_run public -u "$base/" --crawl 2 --forms
sqlmap_run search -u "$base/search?q=blog&page=1"
sqlmap_run sign-in -u "$base/admin/login?next=/admin" --data "login=author&password=x" \
    --skip-static
admin=(--cookie "$COOKIE" --csrf-token csrf --skip "csrf")
sqlmap_run admin-list -u "$base/admin?status=draft&page=1" "${admin[@]}"
sqlmap_run article-new --forms -u "$base/admin/articles/new" "${admin[@]}" \
    --csrf-url "$base/admin/articles/new"
sqlmap_run article-edit --forms -u "$base/admin/articles/$AID" "${admin[@]}" \
    --csrf-url "$base/admin/articles/$AID"
sqlmap_run page-edit --forms -u "$base/admin/pages/$PID" "${admin[@]}" \
    --csrf-url "$base/admin/pages/$PID"
sqlmap_run settings --forms -u "$base/admin/settings" "${admin[@]}" \
    --csrf-url "$base/admin/settings"
sqlmap_run redirects --forms -u "$base/admin/redirects" "${admin[@]}" \
    --csrf-url "$base/admin/redirects"
sqlmap_run account --forms -u "$base/admin/account" "${admin[@]}" \
    --csrf-url "$base/admin/account"

# wapiti_run NAME START_URL [ARGS...]: one crawl and attack, bounded.
wapiti_run() {
	local name=$1 url=$2 rep=$W/wapiti-$1.json vulns
	shift 2
	timeout $((WA_SECS + 60)) wapiti -u "$url" --scope folder --flush-session \
	    -m sql,blindsql,xss,permanentxss,exec,file,crlf,redirect,xxe,methods \
	    --max-scan-time "$WA_SECS" --max-attack-time 30 --max-links-per-page 50 \
	    -f json -o "$rep" "$@" >"$W/wapiti-$name.out" 2>&1 </dev/null
	if [ ! -s "$rep" ]; then
		printf 'wapiti %-22s no report: %s\n' "$name" "$(tail -n 2 "$W/wapiti-$name.out" | tr '\n' ' ')"
		findings=$((findings + 1))
		return
	fi
	vulns=$(python3 -c 'import json, sys
r = json.load(open(sys.argv[1]))
out = []
for kind, items in sorted(r.get("vulnerabilities", {}).items()):
	for v in items:
		out.append("%s: %s %s %s" % (kind, v.get("method"), v.get("path"), v.get("parameter")))
print("\n".join(out))' "$rep")
	printf 'wapiti %-22s %s URLs crawled; %s\n' "$name" \
	    "$(python3 -c 'import json, sys; print(len(json.load(open(sys.argv[1])).get("infos", {}).get("crawled_pages", [])) or "?")' "$rep" 2>/dev/null)" \
	    "${vulns:+$(echo "$vulns" | wc -l) findings}"
	if [ -n "$vulns" ]; then
		echo "$vulns" | sed 's/^/    /'
		findings=$((findings + 1))
	else
		echo "    no vulnerability reported"
	fi
}

wapiti_run public "$base/"
# The author's side: the session cookie (wapiti's format, from its own
# sign-in); never the sign-out or a delete.
wapiti-getcookie -u "$base/admin/login" -c "$W/wapiti-cookie.json" \
    -d "login=author&password=$PW" >"$W/getcookie.out" 2>&1 </dev/null
wapiti_run admin "$base/admin" -c "$W/wapiti-cookie.json" \
    -x "$base/admin/logout" -x "$base/admin/articles/*/delete" \
    -x "$base/admin/pages/*/delete" -x "$base/admin/redirects/*/delete"

stop_site
crash=$(grep -E 'worker [0-9]+ ended|runtime error:|Sanitizer' "$VAR/server.log" | head -n 3)
[ -z "$crash" ] || { echo "server log: $crash"; findings=$((findings + 1)); }
s5=$(awk '$9 ~ /^5/' "$VAR/nginx-access.log" | wc -l)
total=$(wc -l < "$VAR/nginx-access.log")
echo "requests: $total through nginx, $s5 answered 5xx"
awk '$9 ~ /^5/ { print "    " $9 " " $6 " " $7 }' "$VAR/nginx-access.log" | sort | uniq -c | sort -rn | head -n 10
echo "scan: $n sqlmap targets, 2 wapiti runs; $findings with findings (reports: $W)"
if [ "$findings" != 0 ] || [ "$s5" != 0 ]; then
	fail=1
	exit 1
fi
exit 0
