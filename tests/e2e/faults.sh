#!/usr/bin/env bash
# End-to-end test of what faults do to a save (issue 11), through
# src/run.sh (nginx in front of `quire serve`):
#
#   bash tests/e2e/faults.sh [QUIRE_BINARY]     (from the repo root)
#
#   a. Locked by a long writer (a sqlite3 shell holding BEGIN EXCLUSIVE):
#      readers are served at once; a save and a sign-in fail after the
#      busy timeout (DB_BUSY_MS, src/db.h) with 503 and Retry-After, the
#      save's form back with every byte typed, the sign-in's with the
#      login; once the shell lets go, the save goes through.
#   b. Read-only (the file made 0444 and the workers restarted): readers
#      are served, a save is a 503 with its text, and so are the settings,
#      a new redirect and a new password (its page, the reason, what was
#      typed but a password); writable again, it saves.
#   c. The disk full (the database on a small tmpfs, the rest filled): a
#      big save is a 503 with its text (SQLite's SQLITE_FULL from ENOSPC,
#      the real path), readers are served, nothing is corrupted; space
#      freed, it saves. Without mount privileges this part is skipped;
#      the same checks then run (and run anyway) with a file size limit
#      on the workers (prlimit --fsize: EFBIG, no mount needed).
#   d. SIGKILL of the whole server (supervisor and worker) in the middle
#      of a save: strace kills the worker at its Nth pwrite64 (the WAL's
#      page writes), N = 1, 2, 3, 5, 8, ... until the save completes; then
#      the supervisor dies too. After each restart the database passes
#      integrity_check, the FTS index and the tag and archive counts match
#      a recount, and the article is the old one or the new one entirely
#      (body, revision, tags, search).
#
# One line per check, "ok - ..." or "not ok - ..." with indented details;
# the exit status is 1 if any check failed. Needs: curl, sqlite3, nginx,
# perl, pgrep, strace; root for c (mount). KEEP_E2E=1 keeps the folder.

# Checks pass single-quoted conditions to eval, on purpose:
# shellcheck disable=SC2016
set -u

# shellcheck source=tests/e2e/lib.sh
. "$(dirname "$0")/lib.sh"
e2e_init faults "${1:-}"

need curl sqlite3 nginx perl pgrep strace
[ -x "$QUIRE" ] || bail "the binary $QUIRE exists" "build it with make"
echo "# e2e faults: $QUIRE"

e2e_workdir
H=$W/http
VAR=$W/var
DB=$W/site.db
FULL=$W/full
mkdir -p "$H" "$VAR" "$FULL"
T0=1750000000	# 2025-06-15 15:06 UTC
clock_init "$W/clock" "$T0"
mounted=""

# The tmpfs goes before the folder it is in.
faults_cleanup() {
	local rc=$?
	stop_site
	[ -z "$mounted" ] || umount "$FULL" 2>/dev/null
	(exit $rc)
	e2e_cleanup
}
trap faults_cleanup EXIT

q() {
	sqlite3 -init /dev/null -batch -noheader "$DB" "$@"
}

# stop_kept: stop_site, the server's log added to $W/server-all.log (each
# start writes a new one) for the checks at the end.
stop_kept() {
	stop_site
	cat "$VAR/server.log" >> "$W/server-all.log" 2>/dev/null
}

# val PERL_REGEX FILE: group 1 of the first match, the templates'
# entities decoded, one newline after a <textarea> start tag dropped.
val() {
	perl -0777 -e 'my $re = shift; local $_ = <>; if (/$re/s) { my $v = $1;
	    $v =~ s/^\r?\n// if $re =~ /^<textarea/;
	    my %e = (lt => "<", gt => ">", quot => "\"", "#39" => "'"'"'",
	    "#34" => "\"", amp => "&");
	    $v =~ s/&(lt|gt|quot|#39|#34|amp);/$e{$1}/g; print $v }' "$1" "$2"
}
# kept TEXT FILE: the editor's body textarea in FILE is TEXT, byte for byte.
kept() {
	printf '%s' "$1" > "$W/want.bin"
	val '<textarea id="body" name="body"[^>]*>(.*?)</textarea>' "$2" > "$W/got.bin"
	cmp -s "$W/want.bin" "$W/got.bin"
}
has() {
	grep -qF -- "$2" "$1"
}

# readers NAME: GET of the reader pages; "" if every one was 200 within
# 4 s (under the busy timeout), else what was not.
readers() {
	local p bad="" i=0
	for p in / /2025/06/fault-article /archive /tags /tag/alpha \
	    "/search?q=fault" /feed.atom /sitemap.xml; do
		i=$((i + 1))
		code=$(curl -s -m 4 -o "$H/$1-$i.b" -w '%{http_code}' "$base$p") || true
		[ "$code" = 200 ] || bad+="$p: ${code:-none} "
	done
	echo "$bad"
}

# The supervisor (quire under src/run.sh) and its workers.
supervisor() {
	pgrep -P "$run_pid" -x quire | head -n 1
}
workers() {
	pgrep -P "$(supervisor)" -x quire
}
# restart_workers: SIGKILL to every worker; back when the supervisor has
# started new ones and they answer.
restart_workers() {
	local old w
	old=$(workers | tr '\n' ' ')
	for w in $old; do
		kill -KILL "$w" 2>/dev/null
	done
	wait_for 200 new_workers "$old" && wait_for 200 http_ok "$port" /
}
new_workers() {
	local w
	[ "$(workers | wc -l)" -ge "${WORKERS:-2}" ] || return 1
	for w in $(workers); do
		case " $1 " in
		*" $w "*) return 1 ;;
		esac
	done
}

# save_file NAME ID BODY_FILE: post_article's publish with the body read
# from a file (a big one does not fit in one argument) and the tags TAGS.
save_file() {
	local name=$1 id=$2 k
	local -a a=()
	for k in title slug author excerpt revision; do
		a+=(--data-urlencode "$k=$(q "SELECT $k FROM articles WHERE id = $id")")
	done
	a+=(--data-urlencode "date=$(q "SELECT strftime('%Y-%m-%d', published_at, 'unixepoch') FROM articles WHERE id = $id")")
	a+=(--data-urlencode "time=$(q "SELECT strftime('%H:%M', published_at, 'unixepoch') FROM articles WHERE id = $id")")
	get "$name" "/admin/articles/$id" -b "$JAR" --data-urlencode "csrf=$CSRF" \
	    --data-urlencode action=publish --data-urlencode "$TAGS" \
	    --data-urlencode "body@$3" "${a[@]}"
}

# settings_post NAME FIELD=VALUE...: the settings form as stored, then
# these fields.
settings_post() {
	local name=$1 kv f
	local -A v=()
	local -a a=()
	shift
	for kv in title:site_title subtitle:site_subtitle base_url:site_base_url \
	    author:site_author per_page:site_per_page contribute_note:site_note \
	    disclaimer:site_disclaimer disclaimer_where:site_disclaimer_where \
	    robots:site_robots share_x:share_x share_linkedin:share_linkedin \
	    share_facebook:share_facebook; do
		v[${kv#*:}]=$(q "SELECT value FROM settings WHERE key = '${kv%%:*}'")
	done
	# Not stored: the defaults (src/setting.c); a box not ticked is not
	# sent.
	: "${v[site_disclaimer_where]:=articles}"
	for f in share_x share_linkedin share_facebook; do
		[ "${v[$f]}" = 0 ] && unset "v[$f]"
		[ -z "${v[$f]+set}" ] || : "${v[$f]:=1}"
	done
	for kv in "$@"; do
		v[${kv%%=*}]=${kv#*=}
	done
	for f in "${!v[@]}"; do
		a+=(--data-urlencode "$f=${v[$f]}")
	done
	get "$name" /admin/settings -b "$JAR" --data-urlencode "csrf=$CSRF" "${a[@]}"
}

# signin: JAR signed in, CSRF its token.
JAR=$W/editor.jar
signin() {
	get signin /admin/login -c "$JAR" --data-urlencode login=editor \
	    --data-urlencode "password=$PW"
	[ "$code" = 303 ] || return 1
	get newform /admin/articles/new -b "$JAR"
	CSRF=$(perl -ne 'if (/name="csrf" value="([0-9a-f]{64})"/) { print $1; exit }' "$H/newform.b")
	[ -n "$CSRF" ]
}

"$QUIRE" init --db "$DB" --demo >"$W/init.out" 2>&1 ||
    bail "quire init --demo creates the test database" "$(cat "$W/init.out")"
PW='faults-editor-passphrase-1'
printf '%s\n' "$PW" | "$QUIRE" user add editor --name Editor --db "$DB" \
    >"$W/useradd.out" 2>&1 ||
    bail "quire user add creates the editor's account" "$(cat "$W/useradd.out")"
q "INSERT INTO articles (slug, title, excerpt, body, status, published_at,
    created_at, updated_at) VALUES ('fault-article', 'Fault article', '',
    'The fault article, version one.', 'published', $((T0 - 86400)), $T0, $T0)"
AID=$(q "SELECT id FROM articles WHERE slug = 'fault-article'")
# Part d's own, so that its saves write the same pages whatever a-c did.
q "INSERT INTO articles (slug, title, excerpt, body, status, published_at,
    created_at, updated_at) VALUES ('kill-article', 'Kill article', '',
    'The kill article, version one.', 'published', $((T0 - 86400)), $T0, $T0)"
KID=$(q "SELECT id FROM articles WHERE slug = 'kill-article'")

WORKERS=2 start_site "" ||
    bail "src/run.sh starts two workers behind nginx" "$(tail -n 20 "$VAR/server.log" 2>/dev/null)"
signin || bail "the editor signs in" "status $code"
TAGS="tags=alpha, beta"
post_article tag "$AID" publish "$TAGS"
[ "$code" = 303 ] || bail "the article gets its tags" "status $code"

# ---------------------------------------------------------------------------
# a. Locked by a long writer.

mkfifo "$W/lock.in"
sqlite3 -init /dev/null -batch "$DB" < "$W/lock.in" > "$W/lock.out" 2>&1 &
lock_pid=$!
track "$lock_pid"
exec 7> "$W/lock.in"
# The shell waits for the lock (anything else writing a moment before,
# the probe below among them, is not a failure to take it) and says
# when it holds it; it stops at an error, so "holding" means held.
echo ".bail on
.timeout 10000
BEGIN EXCLUSIVE; UPDATE settings SET value = value WHERE key = 'title';
SELECT 'holding';" >&7
holding() {
	grep -qx holding "$W/lock.out" || ! alive "$lock_pid"
}
# Locked when another connection cannot take the write lock at once.
locked() {
	! sqlite3 -init /dev/null -batch "$DB" ".timeout 0" "BEGIN IMMEDIATE;" \
	    "ROLLBACK;" >/dev/null 2>&1
}
wait_for 200 holding
grep -qx holding "$W/lock.out" && locked ||
    bail "a sqlite3 shell holds the write lock (BEGIN EXCLUSIVE)" "$(cat "$W/lock.out")"
ok "a sqlite3 shell holds the write lock (BEGIN EXCLUSIVE)"

bad=$(readers locked)
check "locked: every reader page answers 200 at once (WAL: readers never wait for the writer)" \
    "$bad" [ -z "$bad" ]

BODY_A="Saved while locked: <b>bold</b> & \"quoted\" 'text', line one.
Line two, kept byte for byte."
post_article lockedsave "$AID" publish "body=$BODY_A" "$TAGS"
check "locked: the save answers 503 (not 500, no hang) after the busy timeout" \
    "status $code" [ "$code" = 503 ]
check "locked: the 503 says Retry-After" "$(cat "$H/lockedsave.h")" \
    eval '[ -n "$(hdr "$H/lockedsave.h" Retry-After)" ]'
check "locked: the editor comes back with the reason and the body as typed" \
    "$(grep -o 'Nothing was saved[^<]*' "$H/lockedsave.b")" \
    eval 'has "$H/lockedsave.b" "Nothing was saved: the database is busy" && kept "$BODY_A" "$H/lockedsave.b"'
get lockedsignin /admin/login --data-urlencode login=editor \
    --data-urlencode "password=$PW"
check "locked: a sign-in (it writes a session) answers 503, the sign-in form again with why and the login as typed" \
    "status $code: $(grep -o 'You are not signed in[^<]*' "$H/lockedsignin.b")" \
    eval '[ "$code" = 503 ] && has "$H/lockedsignin.b" "try again" &&
    has "$H/lockedsignin.b" "the database is busy" &&
    has "$H/lockedsignin.b" "name=\"login\" type=\"text\" value=\"editor\""'
bad=$(readers locked2)
check "locked, after the failed writes: every reader page still answers 200" \
    "$bad" [ -z "$bad" ]

echo "ROLLBACK;" >&7
exec 7>&-
wait "$lock_pid"
untrack "$lock_pid"
check "unlocked: the article is unchanged (version one)" "" \
    eval '[ "$(q "SELECT body FROM articles WHERE id = $AID")" = "The fault article, version one." ]'
post_article unlockedsave "$AID" publish "body=$BODY_A" "$TAGS"
check "unlocked: the same save goes through (303) and is stored" "status $code" \
    eval '[ "$code" = 303 ] && [ "$(q "SELECT body FROM articles WHERE id = $AID")" = "$BODY_A" ]'

# ---------------------------------------------------------------------------
# b. Read-only: the file made 0444, the workers restarted on it.

chmod 0444 "$DB"
restart_workers || bail "the workers restart on the read-only database" \
    "$(tail -n 20 "$VAR/server.log")"
check "read-only: the worker says it serves the database read-only" \
    "$(tail -n 5 "$VAR/server.log")" \
    grep -q "serving it read-only" "$VAR/server.log"
bad=$(readers ro)
check "read-only: every reader page answers 200" "$bad" [ -z "$bad" ]
BODY_B="Saved while read-only, a second version."
post_article rosave "$AID" publish "body=$BODY_B" "$TAGS"
check "read-only: the save answers 503 with Retry-After, the reason and the body as typed" \
    "status $code: $(grep -o 'Nothing was saved[^<]*' "$H/rosave.b")" \
    eval '[ "$code" = 503 ] && [ -n "$(hdr "$H/rosave.h" Retry-After)" ] &&
    has "$H/rosave.b" "read-only" && kept "$BODY_B" "$H/rosave.b"'
# Every other admin form comes back the same way: its page, the reason,
# what was typed (a password never), a 503 with Retry-After.
TITLE_B="Read-only <title> & \"kept\""
settings_post rosettings "site_title=$TITLE_B"
check "read-only: the settings form answers 503 with Retry-After, the reason and the new title as typed" \
    "status $code: $(grep -o 'Nothing was saved[^<]*' "$H/rosettings.b")" \
    eval '[ "$code" = 503 ] && [ -n "$(hdr "$H/rosettings.h" Retry-After)" ] &&
    has "$H/rosettings.b" "read-only" && has "$H/rosettings.b" "<h1>Settings</h1>" &&
    [ "$(val "<input id=\"site_title\" name=\"site_title\" type=\"text\"[^>]* value=\"([^\"]*)\"" "$H/rosettings.b")" = "$TITLE_B" ]'
get roredirect /admin/redirects -b "$JAR" --data-urlencode "csrf=$CSRF" \
    --data-urlencode "from=/old/read-only" --data-urlencode "to=/2025/06/fault-article"
check "read-only: a new redirect answers 503 with Retry-After, the reason and both paths as typed" \
    "status $code: $(grep -o 'Nothing was saved[^<]*' "$H/roredirect.b")" \
    eval '[ "$code" = 503 ] && [ -n "$(hdr "$H/roredirect.h" Retry-After)" ] &&
    has "$H/roredirect.b" "read-only" && has "$H/roredirect.b" "<h1>Redirects</h1>" &&
    has "$H/roredirect.b" "value=\"/old/read-only\"" &&
    has "$H/roredirect.b" "value=\"/2025/06/fault-article\""'
get roaccount /admin/account -b "$JAR" --data-urlencode "csrf=$CSRF" \
    --data-urlencode "old_password=$PW" --data-urlencode "new_password=$PW-new" \
    --data-urlencode "new_password2=$PW-new"
check "read-only: a new password answers 503 with Retry-After and the reason on the account page, the password unchanged" \
    "status $code: $(grep -o 'Nothing was saved[^<]*' "$H/roaccount.b")" \
    eval '[ "$code" = 503 ] && [ -n "$(hdr "$H/roaccount.h" Retry-After)" ] &&
    has "$H/roaccount.b" "read-only" && has "$H/roaccount.b" "<h1>Account</h1>" &&
    ! has "$H/roaccount.b" "$PW"'
chmod 0644 "$DB"
restart_workers || bail "the workers restart on the writable database" \
    "$(tail -n 20 "$VAR/server.log")"
post_article rwsave "$AID" publish "body=$BODY_B" "$TAGS"
check "writable again: the save goes through (303) and is stored" "status $code" \
    eval '[ "$code" = 303 ] && [ "$(q "SELECT body FROM articles WHERE id = $AID")" = "$BODY_B" ]'

# ---------------------------------------------------------------------------
# c. The disk full: the database on a tmpfs of its own, the rest of it
# filled. The save's pages do not fit in the WAL: write(2) says ENOSPC,
# SQLite SQLITE_FULL, as on a real full disk.

stop_kept
# About 400 KB of text (the limit is 500,000): more pages than the WAL holds.
perl -e 'print join(" ", map { "word$_ fullness" } 1 .. 25000), "\nThe end."' > "$W/big.txt"
# shellcheck disable=SC2034  # read in the checks' eval
BIG=$(cat "$W/big.txt")
if mount -t tmpfs -o size=4m,mode=0755 tmpfs "$FULL" 2>"$W/mount.err"; then
	mounted=yes
	q ".backup '$FULL/site.db'"
	DB_MAIN=$DB
	DB=$FULL/site.db
	WORKERS=2 start_site "" ||
	    bail "the site starts on the tmpfs copy" "$(tail -n 20 "$VAR/server.log")"
	dd if=/dev/zero of="$FULL/filler" bs=4k >/dev/null 2>&1
	check "the tmpfs holding the database is full" "$(df -k "$FULL")" \
	    eval '[ "$(df -k --output=avail "$FULL" | tail -n 1 | tr -d " ")" -lt 8 ]'
	old=$(q "SELECT revision || ':' || body FROM articles WHERE id = $AID")
	save_file fullsave "$AID" "$W/big.txt"
	check "disk full: the save answers 503 with Retry-After" \
	    "status $code; $(tail -n 3 "$VAR/server.log")" \
	    eval '[ "$code" = 503 ] && [ -n "$(hdr "$H/fullsave.h" Retry-After)" ]'
	check "disk full: the editor comes back saying the disk is full, with all of the body as typed" \
	    "$(grep -o 'Nothing was saved[^<]*' "$H/fullsave.b")" \
	    eval 'has "$H/fullsave.b" "the server&#39;s disk is full" && kept "$BIG" "$H/fullsave.b"'
	bad=$(readers full)
	check "disk full: every reader page answers 200" "$bad" [ -z "$bad" ]
	check "disk full: integrity_check is ok and the article is as it was" "" \
	    eval '[ "$(q "PRAGMA integrity_check")" = ok ] &&
	    [ "$(q "SELECT revision || \":\" || body FROM articles WHERE id = $AID")" = "$old" ]'
	rm -f "$FULL/filler"
	save_file fullsave2 "$AID" "$W/big.txt"
	check "space freed: the same save goes through (303), stored and found by search" \
	    "status $code" \
	    eval '[ "$code" = 303 ] && [ "$(q "SELECT length(body) FROM articles WHERE id = $AID")" = "${#BIG}" ] &&
	    get fullsearch "/search?q=word24999" && has "$H/fullsearch.b" "/2025/06/fault-article"'
	check "after the full disk: integrity_check is ok" "" \
	    eval '[ "$(q "PRAGMA integrity_check")" = ok ]'
	stop_kept
	umount "$FULL" && mounted=""
	DB=$DB_MAIN
else
	echo "ok - disk full # SKIP cannot mount a tmpfs here: $(head -n 1 "$W/mount.err")"
fi

# The same without mount privileges: a file size limit on the workers
# (prlimit --fsize, as systemd's LimitFSIZE= would set it) at the size
# of the biggest file they write now. A write past it fails with EFBIG
# (quire serve ignores SIGXFSZ), which SQLite reports as SQLITE_FULL (a
# short write) or an I/O error with errno EFBIG: db_fault() counts both
# as full.
WORKERS=2 start_site "" ||
    bail "the site starts again on the main database" "$(tail -n 20 "$VAR/server.log")"
limit=$(stat -c %s "$DB" "$DB-wal" 2>/dev/null | sort -n | tail -n 1)
# As the workers' own user, the soft limit only: no privilege needed, and
# it can be lifted again.
as_workers() {
	if [ "$(id -u)" = 0 ]; then
		setpriv --reuid=nobody --regid="$(id -gn nobody)" --clear-groups "$@"
	else
		"$@"
	fi
}
for w in $(workers); do
	as_workers prlimit --pid "$w" --fsize="$limit:unlimited" ||
	    not_ok "prlimit --pid $w --fsize=$limit:unlimited"
done
old=$(q "SELECT revision || ':' || body FROM articles WHERE id = $AID")
save_file fsizesave "$AID" "$W/big.txt"
check "file size limit: the save answers 503 with Retry-After, saying the disk is full, all of the body back" \
    "status $code; $(tail -n 3 "$VAR/server.log")" \
    eval '[ "$code" = 503 ] && [ -n "$(hdr "$H/fsizesave.h" Retry-After)" ] &&
    has "$H/fsizesave.b" "the server&#39;s disk is full" && kept "$BIG" "$H/fsizesave.b"'
bad=$(readers fsize)
check "file size limit: every reader page answers 200, no worker died" \
    "$bad $(grep -E 'worker [0-9]+ ended' "$VAR/server.log" | head -n 3)" \
    eval '[ -z "$bad" ] && ! grep -qE "worker [0-9]+ ended" "$VAR/server.log"'
check "file size limit: integrity_check is ok and the article is as it was" "" \
    eval '[ "$(q "PRAGMA integrity_check")" = ok ] &&
    [ "$(q "SELECT revision || \":\" || body FROM articles WHERE id = $AID")" = "$old" ]'
for w in $(workers); do
	as_workers prlimit --pid "$w" --fsize=unlimited:unlimited
done
save_file fsizesave2 "$AID" "$W/big.txt"
check "limit lifted: the same save goes through (303) and is stored" "status $code" \
    eval '[ "$code" = 303 ] && [ "$(q "SELECT length(body) FROM articles WHERE id = $AID")" = "${#BIG}" ]'
stop_kept

# ---------------------------------------------------------------------------
# d. SIGKILL of the whole server during a save. One worker, traced by
# strace, which kills it at its Nth pwrite64 (the WAL's writes: page after
# page, the commit frame last); the supervisor is then stopped and killed
# with whatever worker it started meanwhile. Each N is a point of the same
# save, so the verdict does not depend on timing.

# traced PID: strace has attached to PID.
traced() {
	grep -q '^TracerPid:[[:space:]]*[1-9]' "/proc/$1/status" 2>/dev/null
}
# state: part d's article's revision, body, tags (slugs, sorted), one line each.
state() {
	q "SELECT revision FROM articles WHERE id = $KID"
	q "SELECT body FROM articles WHERE id = $KID"
	q "SELECT ifnull(group_concat(slug, ','), '') FROM (SELECT t.slug FROM
	    article_tags x JOIN tags t ON t.id = x.tag_id WHERE x.article_id = $KID
	    ORDER BY t.slug)"
}
# inconsistent: what a recount finds wrong ("" if nothing): integrity,
# foreign keys, the FTS index against the articles, tag links and counts,
# tags without links, the archive's months against the articles.
inconsistent() {
	local v
	v=$(q "PRAGMA integrity_check" 2>&1)
	[ "$v" = ok ] || echo "integrity_check: $v"
	v=$(q "PRAGMA foreign_key_check" 2>&1)
	[ -z "$v" ] || echo "foreign_key_check: $v"
	v=$(q "INSERT INTO articles_fts (articles_fts) VALUES ('integrity-check')" 2>&1) ||
	    echo "FTS integrity-check: $v"
	v=$(q "SELECT (SELECT count(*) FROM article_tags x JOIN articles a
	    ON a.id = x.article_id WHERE x.published_at IS NOT
	    (CASE WHEN a.status = 'published' THEN a.published_at END))
	    + (SELECT count(*) FROM tags t WHERE t.articles <>
	    (SELECT count(*) FROM article_tags x JOIN articles a
	    ON a.id = x.article_id WHERE x.tag_id = t.id AND a.status = 'published'))
	    + (SELECT count(*) FROM tags t WHERE NOT EXISTS
	    (SELECT 1 FROM article_tags x WHERE x.tag_id = t.id))")
	[ "$v" = 0 ] || echo "tags: $v links or counts off"
	v=$(q "SELECT count(*) FROM (SELECT month, articles FROM archive_months
	    EXCEPT SELECT CAST(strftime('%Y%m', published_at, 'unixepoch') AS INTEGER),
	    count(*) FROM articles WHERE status = 'published' GROUP BY 1)")
	v=$((v + $(q "SELECT count(*) FROM (SELECT CAST(strftime('%Y%m',
	    published_at, 'unixepoch') AS INTEGER), count(*) FROM articles
	    WHERE status = 'published' GROUP BY 1 EXCEPT SELECT month, articles
	    FROM archive_months)")))
	[ "$v" = 0 ] || echo "archive_months: $v months off"
}

# kill_round CALL N: one save, the worker killed at its Nth CALL (pwrite64,
# or write: its answer and log, after the commit), then the server killed,
# restarted and checked. Sets outcome: old, new or "" (neither: a failure),
# and done=1 when the save answered before any kill.
kill_round() {
	local call=$1 n=$2 sup wk st_pid before after want i scode how what
	outcome="" done=0
	round=$((round + 1))
	WORKERS=1 start_site "" || { not_ok "round $round: the site starts" \
	    "$(tail -n 20 "$VAR/server.log")"; return 1; }
	sup=$(supervisor)
	wk=$(workers)
	before=$(state)
	TAGS="tags=alpha, kill-$round"
	# The same length every round: the same number of pages to write.
	perl -e 'printf "Kill round %03d: %s", '"$round"', join(" ",
	    map { sprintf "kr%03dw%04d", '"$round"', $_ } 1 .. 3000)' > "$W/kill-$round.txt"
	want=$(($(q "SELECT revision FROM articles WHERE id = $KID") + 1))
	want=$(printf '%s\n%s\n%s' "$want" "$(cat "$W/kill-$round.txt")" "alpha,kill-$round")
	if [ "$call" = - ]; then
		# No strace: the kill as soon as the save is sent.
		save_file "kill$round" "$KID" "$W/kill-$round.txt" &
		st_pid=$!
		scode="no answer (not awaited)"
	else
		strace -qq -o "$W/strace-$round.out" -e trace="$call" \
		    -e inject="$call":signal=SIGKILL:when="$n" -p "$wk" \
		    2>"$W/strace-$round.err" &
		st_pid=$!
		track "$st_pid"
		if ! wait_for -p "$st_pid" 200 traced "$wk"; then
			stop_pid "$st_pid"
			stop_kept
			return 2
		fi
		save_file "kill$round" "$KID" "$W/kill-$round.txt"
		scode=$code
		alive "$wk" && done=1
	fi
	# The whole server: the supervisor stopped first, so that it starts
	# no worker after the list is taken.
	kill -STOP "$sup"
	for i in $(pgrep -P "$sup") "$sup"; do
		kill -KILL "$i" 2>/dev/null
	done
	if [ "$call" = - ]; then
		wait "$st_pid"
	else
		stop_pid "$st_pid"
	fi
	stop_kept
	WORKERS=1 start_site "" || { not_ok "round $round: the site starts again" \
	    "$(tail -n 20 "$VAR/server.log")"; return 1; }
	after=$(state)
	if [ "$after" = "$before" ]; then
		outcome=old
	elif [ "$after" = "$want" ]; then
		outcome=new
	fi
	bad=$(inconsistent)
	get "ksearch$round" "$(printf '/search?q=kr%03dw2999' "$round")"
	if [ "$outcome" = new ] && ! has "$H/ksearch$round.b" /2025/06/kill-article; then
		bad+=" search does not find the saved text"
	elif [ "$outcome" = old ] && has "$H/ksearch$round.b" /2025/06/kill-article; then
		bad+=" search finds text that was not saved"
	fi
	what="at $call number $n of a save"
	how="the worker killed there, then the supervisor"
	[ "$done" = 1 ] && how="the save finished first, then the server was killed"
	if [ "$call" = - ]; then
		what="right after a save was sent (round $n)"
		how="the whole server killed"
	fi
	check "SIGKILL $what ($how; the author got $scode): after restart the save is ${outcome:-neither whole nor absent}, the database consistent" \
	    "$bad$(printf '\nbefore: %.80s\nafter:  %.80s' "$before" "$after")" \
	    eval '[ -n "$outcome" ] && [ -z "$bad" ]'
	stop_kept
}

# Killed at growing points of the save's page writes until one completes,
# then halving the gap: the last page write (the commit frame) found.
round=0 lo=0 hi="" outcomes="" rc=0
for n in 1 2 4 8 16 32 64 128 256 512 1024; do
	kill_round pwrite64 "$n" || { rc=$?; break; }
	outcomes+="$n:$outcome "
	[ "$outcome" = old ] && lo=$n
	if [ "$done" = 1 ]; then
		hi=$n
		break
	fi
done
while [ -n "$hi" ] && [ $((hi - lo)) -gt 1 ]; do
	n=$(((lo + hi) / 2))
	kill_round pwrite64 "$n" || break
	outcomes+="$n:$outcome "
	if [ "$done" = 1 ]; then
		hi=$n
	elif [ "$outcome" = old ]; then
		lo=$n
	else
		break
	fi
done
if [ "$rc" = 2 ]; then
	# strace cannot attach (no CAP_SYS_PTRACE: a container's default).
	echo "ok - SIGKILL at chosen page writes # SKIP strace cannot attach to a worker: $(head -n 1 "$W/strace-1.err")"
	for n in 1 2 3 4; do
		kill_round - "$n"
	done
else
	echo "# SIGKILL rounds (pwrite64 number: outcome): $outcomes"
	check "SIGKILL at each pwrite64 up to the save's last ($lo, the commit frame) leaves it absent; with $hi it completes and is whole" \
	    "$outcomes" eval '[ -n "$hi" ] && [ $((hi - lo)) = 1 ] && [[ "$outcomes" != *": "* ]]'
	# After the commit, before the answer: the first write(2) of the
	# request that follows the save (the answer to nginx, or the log
	# line).
	kill_round write 1
	check "SIGKILL after the commit, before the author's answer: the save is whole" \
	    "outcome $outcome" [ "$outcome" = new ]
fi

san=$(grep -E 'ERROR: (Address|Leak)Sanitizer|runtime error:|SUMMARY: [A-Za-z]*Sanitizer' \
    "$W/server-all.log" 2>/dev/null | head -n 5)
check "no sanitizer report in the server logs" "$san" [ -z "$san" ]
e500=$(grep -E '" 5(0[0-24-9]|[1-9][0-9]) ' "$W/server-all.log" | head -n 5)
check "server logs: no request answered a 5xx other than 503" "$e500" [ -z "$e500" ]

t_end=$(date +%s)
echo "1..$((pass + fail))"
echo "e2e faults: $pass passed, $fail failed ($((t_end - t_start)) s, $QUIRE)"
[ "$fail" = 0 ]
