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
need curl nginx sqlite3 sqlmap wapiti perl python3
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
COOKIE=$(sed -n 's/^#HttpOnly_//; /^[^#]/p' "$JAR" | awk 'NF >= 7 { printf "%s%s=%s", sep, $6, $7; sep = "; " }')
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
sqlmap_run sign-in -u "$base/admin/login?next=/admin" --data "login=author&password=x"
# form_data PAGE ACTION: the fields of the form posting to ACTION on the
# admin page PAGE, as sqlmap's --data: each field's own value (an empty
# one "x", so that the form saves), a select's first option, the first
# named button. Never a
# --forms run: it also submits the sign-out form of the page's chrome.
form_data() {
	get form "$1" -b "$JAR"
	perl -0777 -e 'my ($f, $act) = @ARGV; local $/; open my $h, "<", $f or die;
	    my $html = <$h>;
	    $html =~ m{<form\b[^>]*\baction="\Q$act\E"[^>]*>(.*?)</form>}s or exit 1;
	    my $form = $1; my (@kv, %seen);
	    sub unesc { my $v = shift; $v =~ s/&lt;/</g; $v =~ s/&gt;/>/g; $v =~ s/&quot;/"/g;
	        $v =~ s/&#39;/\x27/g; $v =~ s/&amp;/&/g; $v }
	    sub enc { my $v = shift; $v =~ s/([^A-Za-z0-9_.~-])/sprintf("%%%02X", ord $1)/ge; $v }
	    sub add { my ($n, $v, $keep) = @_; return if $seen{$n}++; $v = "x" if $v eq "" && !$keep;
	        push @kv, enc($n) . "=" . enc(unesc($v)) }
	    while ($form =~ m{<(input|textarea|select|button)\b([^>]*)>(?:(.*?)</\1>)?}sg) {
	        my ($tag, $attr, $body) = ($1, $2, $3 // "");
	        next unless $attr =~ /\bname="([^"]*)"/; my $n = $1;
	        next if $tag eq "input" && $attr =~ /\btype="(file|submit)"/;
	        next if $attr =~ /\btype="checkbox"/ && $attr !~ /\bchecked\b/;
	        my $v = $attr =~ /\bvalue="([^"]*)"/ ? $1 : "";
	        ($v = $body) =~ s/^\r?\n// if $tag eq "textarea";
	        $v = $body =~ /<option\b[^>]*\bvalue="([^"]*)"/ ? $1 : "" if $tag eq "select";
	        # Empty stays empty where quire derives or checks a value
	        # (CSRF, slug, date, time): "x" there is a 400, not a save.
	        add($n, $v, $n =~ /^(csrf|slug)$/ || $attr =~ /\btype="(date|time)"/) }
	    print join("&", @kv)' "$H/form.b" "$2"
}

# sqlmap_form NAME PAGE ACTION: the form posting to ACTION on PAGE, with the
# session cookie and a fresh CSRF token from PAGE before every request.
sqlmap_form() {
	local data
	if ! data=$(form_data "$2" "$3") || [ -z "$data" ]; then
		printf 'sqlmap %-22s no form posting to %s on %s (status %s)\n' "$1" "$3" "$2" "$code"
		findings=$((findings + 1))
		return
	fi
	sqlmap_run "$1" -u "$base$3" --data "$data" --cookie "$COOKIE" \
	    --csrf-token csrf --csrf-url "$base$2" --skip csrf
}

sqlmap_run admin-list -u "$base/admin?status=draft&page=1" --cookie "$COOKIE"
sqlmap_form article-new /admin/articles/new /admin/articles/new
sqlmap_form article-edit "/admin/articles/$AID" "/admin/articles/$AID"
sqlmap_form page-new /admin/pages/new /admin/pages/new
sqlmap_form page-edit "/admin/pages/$PID" "/admin/pages/$PID"
sqlmap_form settings /admin/settings /admin/settings
sqlmap_form redirects /admin/redirects /admin/redirects
sqlmap_form account /admin/account /admin/account
sqlmap_form export /admin/tools /admin/tools/export
# Still signed in after all that (no target signed the author out)?
get still /admin -b "$JAR"
check_still=$code
[ "$check_still" = 200 ] || { echo "the session did not survive the sqlmap runs: GET /admin $code"; findings=$((findings + 1)); }

# wapiti as Debian 12 ships it (3.0.4), with its -x patterns mended: its
# wildcard_translate() puts the (?ms) flags last, which Python 3.11
# refuses, so any -x stopped the run.
WAPITI='import re, sys
import wapitiCore.net.crawler as crawler
from wapitiCore.main.wapiti import wapiti_main
crawler.wildcard_translate = lambda p: re.compile("(?ms)" + "".join(
    ".*" if ch == "*" else re.escape(ch) for ch in p) + r"\Z")
sys.argv[0] = "wapiti"
sys.exit(wapiti_main())'

# wapiti_run NAME START_URL [ARGS...]: one crawl and attack, bounded.
wapiti_run() {
	local name=$1 url=$2 rep=$W/wapiti-$1.json vulns w_before
	shift 2
	w_before=$(wc -l < "$VAR/nginx-access.log")
	timeout $((WA_SECS + 60)) /usr/bin/python3 -c "$WAPITI" -u "$url" --scope folder --flush-session \
	    -m sql,blindsql,xss,permanentxss,exec,file,crlf,redirect,xxe,methods \
	    --max-scan-time "$WA_SECS" --max-attack-time 30 --max-links-per-page 50 \
	    -f json -o "$rep" "$@" >"$W/wapiti-$name.out" 2>&1 </dev/null
	if [ ! -s "$rep" ]; then
		printf 'wapiti %-22s no report: %s\n' "$name" "$(tail -n 2 "$W/wapiti-$name.out" | tr '\n' ' ')"
		findings=$((findings + 1))
		return
	fi
	vulns=$(/usr/bin/python3 -c 'import json, sys
r = json.load(open(sys.argv[1]))
out = []
for kind, items in sorted(r.get("vulnerabilities", {}).items()):
	for v in items:
		out.append("%s: %s %s %s" % (kind, v.get("method"), v.get("path"), v.get("parameter")))
print("\n".join(out))' "$rep")
	printf 'wapiti %-22s %s requests (nginx log); %s\n' "$name" \
	    "$(($(wc -l < "$VAR/nginx-access.log") - w_before))" \
	    "${vulns:+$(echo "$vulns" | wc -l) findings}"
	if [ -n "$vulns" ]; then
		echo "$vulns" | sed 's/^/    /'
		findings=$((findings + 1))
	else
		echo "    no vulnerability reported"
	fi
}

wapiti_run public "$base/"
# The author's side: the session cookie in wapiti's JSON format
# (wapitiCore/net/jsoncookie.py: address, path, name); never the sign-out
# or a delete.
/usr/bin/python3 -c 'import json, sys
name, value = sys.argv[1].split("=", 1)
json.dump({"127.0.0.1": {"/admin": {name: {"value": value, "expires": None,
    "secure": False, "port": None, "version": 0}}}}, open(sys.argv[2], "w"))' \
    "$(sed -n 's/^#HttpOnly_//; /^[^#]/p' "$JAR" | awk 'NF >= 7 { print $6 "=" $7; exit }')" \
    "$W/wapiti-cookie.json"
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
