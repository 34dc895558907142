#!/usr/bin/env bash
# End-to-end tests of the admin's import and export (/admin/tools, issue
# 9): the demo site served by src/run.sh (nginx in front of quire serve),
# driven with curl.
#
#   bash tests/e2e/tools.sh [QUIRE_BINARY]     (from the repo root)
#
# Signed out: redirected to the sign-in. The export download is a zip
# holding the very tree `quire export` writes. A zip of Markdown files
# (tests/fixtures/md/jekyll) imports with a report of its counts; again,
# all unchanged. A broken file, a hostile zip (../, an absolute path, a
# symlink, a zip bomb, not a zip at all) or a bad CSRF token imports
# nothing, with a 4xx that says why, and no temporary folder is left (the
# server's TMPDIR is watched). Over --max-body: 413. The pages pass the
# Nu HTML Checker.
#
# Needs: curl, sqlite3, nginx, python3, unzip, diff; java and npm for the
# Nu HTML Checker. KEEP_E2E=1 keeps the temporary folder.

# Checks pass single-quoted conditions to eval, on purpose:
# shellcheck disable=SC2016,SC2034
set -u

# shellcheck source=tests/e2e/lib.sh
. "$(dirname "$0")/lib.sh"
e2e_init tools "${1:-}"
vnu_pid=""

need curl sqlite3 nginx python3 unzip diff pgrep
[ -x "$QUIRE" ] || bail "the binary $QUIRE exists" "build it with make"
echo "# e2e tools: $QUIRE"

e2e_workdir
H=$W/http
VAR=$W/var
DB=$VAR/site.db
FIX=$top/tests/fixtures/md
mkdir -p "$H" "$VAR" "$W/html" "$W/zips"
# The tests' clock, standing still: quire serve reads it (start_site), so
# that what the pages show does not depend on the day the suite runs (the
# demo's 2031 article, "this month" and "this year").
T0=1780315200	# 2026-06-01 12:00 UTC: after every demo article but the 2031 one
clock_init "$W/clock" "$T0"
# The server's temporary folders go here, so that none left behind can
# hide among other programs' (as root, quire serves as nobody: the folder
# is everyone's, as /tmp is).
chmod 755 "$W"
mkdir -m 1777 "$W/tmp"
export TMPDIR=$W/tmp

q() {
	sqlite3 -init /dev/null -batch -noheader "$DB" "$@"
}

# A fingerprint of everything an import may change.
snap() {
	q "SELECT * FROM articles ORDER BY id; SELECT * FROM pages ORDER BY id;
	   SELECT * FROM settings ORDER BY key; SELECT * FROM redirects
	   ORDER BY id;" | md5sum | cut -c1-32
}

has() {
	grep -qF -- "$2" "$1"
}

# Nothing in the server's TMPDIR: no temporary folder was left.
tmp_empty() {
	[ -z "$(ls -A "$W/tmp")" ]
}

"$QUIRE" init --db "$DB" --demo >"$W/init.out" 2>&1 ||
    bail "quire init --demo creates the test database" "$(cat "$W/init.out")"
PW='tools-test-password-1'
printf '%s\n' "$PW" | "$QUIRE" user add alice --name Alice --db "$DB" \
    >"$W/add.out" 2>&1 || bail "quire user add alice" "$(cat "$W/add.out")"

MAX=262144
start_site "--max-body $MAX" ||
    bail "src/run.sh starts and answers on 127.0.0.1" "$(tail -n 20 "$VAR/server.log" 2>/dev/null)"
ok "src/run.sh starts nginx and quire (--max-body $MAX, TMPDIR in the test folder)"

code=""
# req NAME PATH [CURL_ARGS...]: $H/NAME.h headers, $H/NAME.b body, $code.
req() {
	local name=$1 path=$2
	shift 2
	code=$(curl -s -m 60 --path-as-is -o "$H/$name.b" -D "$H/$name.h" \
	    -w '%{http_code}' "$@" "$base$path" 2>"$H/$name.err") || true
	[ -n "$code" ] || code=000
	[ -f "$H/$name.b" ] || : > "$H/$name.b"
	[ -f "$H/$name.h" ] || : > "$H/$name.h"
}

# upload NAME FILE [FILENAME [CSRF]]: the import form, as a browser sends
# it (multipart/form-data), with alice's session.
upload() {
	local name=$1 file=$2 fname=${3:-$(basename "$2")} token=${4-$CSRF}
	req "$name" /admin/tools/import -b "$JAR" -F "csrf=$token" \
	    -F "file=@$file;filename=$fname;type=application/octet-stream"
}

# The page's error message, for details.
msg() {
	perl -0777 -ne 'while (/<p class="error"[^>]*>(.*?)<\/p>/gs) { print "$1\n" }' "$1" | head -n 3
}

# report FILE KEY: a count of the import report ("Created" ...).
report() {
	perl -0777 -ne 'if (/<dt>\Q'"$2"'\E<\/dt><dd>(\d+)<\/dd>/) { print $1 }' "$1"
}

keep() {
	cp "$H/$1.b" "$W/html/$2.html"
	VNU+=("$W/html/$2.html")
}
declare -a VNU=()

JAR=$W/alice.jar

# ---------------------------------------------------------------------------
# Signed out

req so_get /admin/tools
check "GET /admin/tools signed out: 303 to the sign-in, back here after" \
    "status $code; Location $(hdr "$H/so_get.h" Location)" \
    eval '[ "$code" = 303 ] && [ "$(hdr "$H/so_get.h" Location)" = "/admin/login?next=%2Fadmin%2Ftools" ]'
req so_export /admin/tools/export --data-urlencode csrf=x
check "POST /admin/tools/export signed out: 403, no zip" \
    "status $code; $(hdr "$H/so_export.h" Content-Type)" \
    eval '[ "$code" = 403 ] && [[ $(hdr "$H/so_export.h" Content-Type) == text/html* ]]'

# ---------------------------------------------------------------------------
# Signed in: the page

req signin /admin/login -c "$JAR" --data-urlencode login=alice --data-urlencode "password=$PW"
[ "$code" = 303 ] || bail "alice signs in" "status $code"
req page /admin/tools -b "$JAR"
CSRF=$(perl -0777 -ne 'if (/name="csrf" value="([0-9a-f]{64})"/) { print $1 }' "$H/page.b")
check "GET /admin/tools: 200, an upload form (multipart, CSRF) and the export button" \
    "status $code" \
    eval '[ "$code" = 200 ] && [ -n "$CSRF" ] &&
    has "$H/page.b" "enctype=\"multipart/form-data\"" &&
    has "$H/page.b" "action=\"/admin/tools/export\"" &&
    has "$H/page.b" "type=\"file\""'
check "the admin menu links to /admin/tools" "" has "$H/page.b" '<a href="/admin/tools">'
keep page tools

# ---------------------------------------------------------------------------
# Export

# The file is named after quire's day: the clock's.
day=$(date -u -d "@$(clock_now)" +%Y%m%d)
req export /admin/tools/export -b "$JAR" --data-urlencode "csrf=$CSRF"
disp=$(hdr "$H/export.h" Content-Disposition)
check "Download an export: 200, application/zip, an attachment named quire-export-YYYYMMDD.zip" \
    "status $code; Content-Type $(hdr "$H/export.h" Content-Type); Content-Disposition $disp" \
    eval '[ "$code" = 200 ] && [ "$(hdr "$H/export.h" Content-Type)" = application/zip ] &&
    [ "$disp" = "attachment; filename=\"quire-export-$day.zip\"" ]'
unzip -tq "$H/export.b" >"$W/unzip-t.out" 2>&1
rc=$?
python3 -c 'import sys, zipfile; z = zipfile.ZipFile(sys.argv[1]); sys.exit(z.testzip() is not None)' \
    "$H/export.b" >"$W/pyzip.out" 2>&1
prc=$?
check "the download is a valid zip (unzip -t, python3 zipfile)" \
    "unzip $rc: $(cat "$W/unzip-t.out"); python $prc: $(cat "$W/pyzip.out")" \
    eval '[ $rc = 0 ] && [ $prc = 0 ]'
mkdir -p "$W/dl"
(cd "$W/dl" && unzip -q "$H/export.b")
"$QUIRE" export --db "$DB" "$W/cli" >"$W/cli.out" 2>&1
check "it holds the very tree quire export writes (diff -r)" \
    "$(cat "$W/cli.out"); $(diff -r "$W/cli" "$W/dl" | head -n 10)" \
    eval '[ -d "$W/dl/posts" ] && [ -f "$W/dl/settings.yaml" ] && diff -r "$W/cli" "$W/dl" >/dev/null'
check "no temporary folder is left after the export" "$(ls -A "$W/tmp")" tmp_empty
req export_bad /admin/tools/export -b "$JAR" --data-urlencode "csrf=$(printf '0%.0s' {1..64})"
check "an export with a wrong CSRF token: 403, no zip" "status $code" \
    eval '[ "$code" = 403 ] && [[ $(hdr "$H/export_bad.h" Content-Type) == text/html* ]]'

# ---------------------------------------------------------------------------
# Import: zips made with python3's zipfile

# mkzip ZIP DIR: every file below DIR, paths relative to it.
mkzip() {
	python3 - "$1" "$2" <<'EOF'
import os, sys, zipfile
with zipfile.ZipFile(sys.argv[1], "w", zipfile.ZIP_DEFLATED) as z:
    for root, dirs, files in os.walk(sys.argv[2]):
        dirs.sort()
        for f in sorted(files):
            p = os.path.join(root, f)
            z.write(p, os.path.relpath(p, sys.argv[2]))
EOF
}

# hostile ZIP KIND: a zip python3 writes by hand.
hostile() {
	python3 - "$1" "$2" "$W" <<'EOF'
import sys, zipfile
path, kind, w = sys.argv[1:4]
ok = b"---\ntitle: Fine\n---\nBody.\n"
with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("posts/fine.md", ok)
    if kind == "dotdot":
        z.writestr("../evil.md", ok)
    elif kind == "absolute":
        z.writestr(w + "/evil-abs.md", ok)
    elif kind == "symlink":
        i = zipfile.ZipInfo("posts/link.md")
        i.create_system = 3
        i.external_attr = (0o120777 << 16)
        z.writestr(i, w + "/site.db")
    elif kind == "bomb":
        # 70 MB of one byte: a few kB deflated, past the 64 MiB bound.
        i = zipfile.ZipInfo("posts/bomb.md")
        i.compress_type = zipfile.ZIP_DEFLATED
        with z.open(i, "w", force_zip64=True) as f:
            chunk = b"a" * (1 << 20)
            for _ in range(70):
                f.write(chunk)
EOF
}

before=$(snap)
n0=$(q "SELECT count(*) FROM articles")
mkzip "$W/zips/jekyll.zip" "$FIX/jekyll"
upload imp1 "$W/zips/jekyll.zip"
keep imp1 report
check "a zip of Markdown files (tests/fixtures/md/jekyll): 200, a report: 4 created, 2 redirects added" \
    "status $code; created $(report "$H/imp1.b" Created); redirects $(report "$H/imp1.b" "Redirects added"); $(msg "$H/imp1.b")" \
    eval '[ "$code" = 200 ] && [ "$(report "$H/imp1.b" Created)" = 4 ] &&
    [ "$(report "$H/imp1.b" Updated)" = 0 ] &&
    [ "$(report "$H/imp1.b" "Redirects added")" = 2 ] &&
    [ "$(q "SELECT count(*) FROM articles")" = $((n0 + 3)) ]'
check "the report lists the readers' notes (an unknown key)" "" \
    eval 'grep -q "<li>.*layout.*</li>" "$H/imp1.b"'
check "no temporary folder is left after an import" "$(ls -A "$W/tmp")" tmp_empty

mid=$(snap)
upload imp2 "$W/zips/jekyll.zip"
check "the same zip again: 0 created, 0 updated, 4 unchanged; nothing changed" \
    "status $code; $(report "$H/imp2.b" Created)/$(report "$H/imp2.b" Updated)/$(report "$H/imp2.b" Unchanged)" \
    eval '[ "$code" = 200 ] && [ "$(report "$H/imp2.b" Created)" = 0 ] &&
    [ "$(report "$H/imp2.b" Updated)" = 0 ] && [ "$(report "$H/imp2.b" Unchanged)" = 4 ] &&
    [ "$(snap)" = "$mid" ]'
[ "$before" != "$mid" ] || not_ok "the first import changed the database" ""

# A broken file among good ones: nothing at all.
cp -r "$FIX/hugo/content" "$W/broken"
printf -- '---\ntitle: [unclosed\n---\nBody\n' > "$W/broken/posts/zz-broken.md"
mkzip "$W/zips/broken.zip" "$W/broken"
upload broken "$W/zips/broken.zip"
keep broken refused
check "a zip with a broken file: 422, the file named, nothing imported, the form again" \
    "status $code; $(msg "$H/broken.b")" \
    eval '[ "$code" = 422 ] && has "$H/broken.b" "zz-broken.md" &&
    has "$H/broken.b" "Nothing was imported" && has "$H/broken.b" "type=\"file\"" &&
    [ "$(snap)" = "$mid" ]'
check "... and no temporary folder is left" "$(ls -A "$W/tmp")" tmp_empty

# Hostile archives: refused with a 4xx, nothing outside the temporary
# folder, and that folder gone.
for kind in dotdot absolute symlink bomb; do
	hostile "$W/zips/$kind.zip" "$kind"
	upload "h_$kind" "$W/zips/$kind.zip"
	check "a hostile zip ($kind): 422 with a reason, nothing imported, nothing written, no temporary folder left" \
	    "status $code; $(msg "$H/h_$kind.b"); tmp: $(ls -A "$W/tmp")" \
	    eval '[ "$code" = 422 ] && has "$H/h_$kind.b" "$kind.zip" &&
	    [ "$(snap)" = "$mid" ] && tmp_empty && [ ! -e "$W/evil.md" ] &&
	    [ ! -e "$W/tmp/evil.md" ] && [ ! -e "$W/evil-abs.md" ]'
done
check "the reasons: a \"..\" segment, an absolute path, a link, the unpacked bound" \
    "$(msg "$H/h_dotdot.b"); $(msg "$H/h_absolute.b"); $(msg "$H/h_symlink.b"); $(msg "$H/h_bomb.b")" \
    eval 'has "$H/h_dotdot.b" "..&quot; segment" && has "$H/h_absolute.b" "absolute path" &&
    has "$H/h_symlink.b" "a link" && has "$H/h_bomb.b" "more than"'
# Not random: the same bytes every run (random ones could start like a
# zip).
perl -e 'print map { chr(($_ * 7 + 13) % 256) } 1 .. 5000' > "$W/zips/noise.zip"
upload notzip "$W/zips/noise.zip"
check "a body that is not a zip, named .zip: 422 \"not a zip archive\", no temporary folder left" \
    "status $code; $(msg "$H/notzip.b")" \
    eval '[ "$code" = 422 ] && has "$H/notzip.b" "not a zip archive" && tmp_empty &&
    [ "$(snap)" = "$mid" ]'
printf 'hello\n' > "$W/zips/notes.txt"
upload txt "$W/zips/notes.txt"
check "a file that is neither .zip nor .xml: 415, nothing imported" \
    "status $code; $(msg "$H/txt.b")" \
    eval '[ "$code" = 415 ] && [ "$(snap)" = "$mid" ]'

# ---------------------------------------------------------------------------
# The form's rules

upload bad_csrf "$W/zips/jekyll.zip" jekyll.zip "$(printf '0%.0s' {1..64})"
check "an upload with a wrong CSRF token: 403, nothing imported" "status $code" \
    eval '[ "$code" = 403 ] && [ "$(snap)" = "$mid" ]'
upload no_csrf "$W/zips/jekyll.zip" jekyll.zip ""
check "an upload with an empty CSRF token: 403" "status $code" [ "$code" = 403 ]
req nofile /admin/tools/import -b "$JAR" -F "csrf=$CSRF"
check "a form with no file: 400, asks for one" "status $code; $(msg "$H/nofile.b")" \
    eval '[ "$code" = 400 ] && has "$H/nofile.b" "Choose a file"'
head -c $((MAX + 1)) /dev/zero > "$W/zips/big.zip"
upload big "$W/zips/big.zip"
check "an upload over --max-body: 413, nothing imported" "status $code" \
    eval '[ "$code" = 413 ] && [ "$(snap)" = "$mid" ]'
req mp_other /admin/redirects -b "$JAR" -F "csrf=$CSRF" -F from=/a -F to=/b
check "multipart/form-data to another form: 415" "status $code" [ "$code" = 415 ]
req mp_bad /admin/tools/import -b "$JAR" -H 'Content-Type: multipart/form-data; boundary=xyz' \
    --data-binary $'--xyz\r\nContent-Disposition: form-data\r\n\r\nx\r\n--xyz--\r\n'
check "a malformed multipart body (a part without a name): 400" "status $code" [ "$code" = 400 ]

# A file name that is not ASCII (the zip's UTF-8 flag; quire serves in
# the C locale).
mkdir -p "$W/utf8/posts"
printf -- '---\ntitle: Caf\xc3\xa9 au lait\n---\nBody.\n' > "$W/utf8/posts/caf"$'\xc3\xa9'".md"
mkzip "$W/zips/utf8.zip" "$W/utf8"
upload utf8 "$W/zips/utf8.zip"
check "a zip with a UTF-8 file name (posts/café.md): 1 created" \
    "status $code; $(msg "$H/utf8.b")" \
    eval '[ "$code" = 200 ] && [ "$(report "$H/utf8.b" Created)" = 1 ] && tmp_empty'

# ---------------------------------------------------------------------------
# HTML validation, logs

vnu_start "${VNU[@]}"

# A WordPress export, sent as wordpress.xml: its posts and pages in the
# report, what it left out noted by the name it was sent with; a broken
# one names its line and imports nothing.
before=$(snap)
upload wxrbad tests/fixtures/wxr/broken.xml
check "a broken WordPress export (.xml): 422 naming broken.xml and its line, nothing imported, no temporary file left" \
    "status $code; $(msg "$H/wxrbad.b")" \
    eval '[ "$code" = 422 ] && has "$H/wxrbad.b" "broken.xml:30:" && [ "$(snap)" = "$before" ] && tmp_empty'
upload wxr tests/fixtures/wxr/site.xml wordpress.xml
n=$(( $(report "$H/wxr.b" Created) + $(report "$H/wxr.b" Updated) + $(report "$H/wxr.b" Unchanged) ))
check "a WordPress export (.xml) imports: its 8 posts and 2 pages in the report, the skipped attachment noted as wordpress.xml's, no temporary file left" \
    "status $code; $n items; $(msg "$H/wxr.b")" \
    eval '[ "$code" = 200 ] && [ "$n" = 10 ] && has "$H/wxr.b" "wordpress.xml: skipped attachment (1)" && tmp_empty'
req wxr_p "/?p=12"
check "... and its /?p=12 answers 301 to the post's new address" \
    "status $code; $(hdr "$H/wxr_p.h" Location)" \
    eval '[ "$code" = 301 ] && [ "$(hdr "$H/wxr_p.h" Location)" = "$base/2019/03/hello-world" ]'

stop_site
san=$(grep -E 'ERROR: (Address|Leak)Sanitizer|runtime error:|SUMMARY: [A-Za-z]*Sanitizer' \
    "$VAR/server.log" 2>/dev/null | head -n 5)
check "no sanitizer report in the server log" "$san" [ -z "$san" ]
crash=$(grep -E 'worker [0-9]+ ended| error ' "$VAR/server.log" | head -n 5)
check "server log: no worker died, no request logged as an error" "$crash" [ -z "$crash" ]

vnu_report "the %s page" "${VNU[@]}"

t_end=$(date +%s)
echo "1..$((pass + fail))"
echo "e2e tools: $pass passed, $fail failed ($((t_end - t_start)) s, $QUIRE)"
[ "$fail" = 0 ]
