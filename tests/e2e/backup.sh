#!/usr/bin/env bash
# tests/e2e/backup.sh [QUIRE_BINARY]: quire backup and the backup an
# upgrade takes (issue 9).
#   a. quire backup while src/run.sh serves the site (nginx, two workers)
#      and a writer saves articles through the admin form: the copy passes
#      integrity_check, stands alone (no -wal), is one commit's state, and
#      holds every article whose save was answered before it started;
#   b. an existing FILE is refused without --force, replaced with it; the
#      database itself never; bad usage is exit 2;
#   c. a folder the user cannot write, or a full disk (ulimit -f), fails
#      with the reason and leaves nothing;
#   d. the copy, served by a second quire behind docs/nginx/quire.conf
#      (nginx -t, then real requests), gives the same pages as the site;
#   e. quire serve on a database of an older schema writes
#      DBFILE.pre-vN.bak first (version N, integrity_check ok); a second
#      upgrade does not replace it; concurrent first CGI requests take one
#      backup; a database whose folder the service cannot write is not
#      migrated, and the log says why.
# Prints "ok - ..." / "not ok - ..." lines; exits 1 if any failed.
#
# Needs: curl, sqlite3, nginx, cgi-fcgi, perl, setpriv (as root), md5sum.

# Checks pass single-quoted conditions to eval, on purpose; the folders
# listed with ls hold only files this script names:
# shellcheck disable=SC2016,SC2034,SC2012,SC2010
set -u
# shellcheck source=tests/e2e/lib.sh
. "$(dirname "$0")/lib.sh"
e2e_init backup "${1:-}"
need curl sqlite3 nginx perl md5sum pgrep cgi-fcgi
[ -x "$QUIRE" ] || bail "the binary $QUIRE exists" "build it with make"
echo "# e2e backup: $QUIRE"

e2e_workdir
H=$W/http
VAR=$W/var
DB=$W/site.db
mkdir -p "$H" "$VAR"
# The tests' clock, standing still (quire serve reads it): a constant, so
# that the site holds the same articles whatever the day (the demo's 2031
# article).
T0=1780315200	# 2026-06-01 12:00 UTC: after every demo article but the 2031 one
clock_init "$W/clock" "$T0"

q() {
	sqlite3 -init /dev/null -batch -noheader "$DB" "$1"
}
# qf FILE SQL: a query on another database.
qf() {
	sqlite3 -init /dev/null -batch -noheader "$1" "$2"
}
sum() {
	md5sum < "$1" | cut -c1-32
}
# standalone FILE: a rollback-journal database (header bytes 18 and 19
# are 1, not WAL's 2) with no -wal or -shm beside it.
standalone() {
	[ "$(od -An -tu1 -j18 -N2 "$1" | tr -s ' ')" = " 1 1" ] &&
	    [ ! -e "$1-wal" ] && [ ! -e "$1-shm" ]
}
integrity() {
	[ "$(qf "$1" 'PRAGMA integrity_check;')" = ok ]
}

# The service user, as the tests serve as root (tests/e2e/lib.sh); as
# another user, that user. give PATH...: hands files to it. as_service
# CMD...: runs CMD as it.
if [ "$(id -u)" = 0 ]; then
	need setpriv
	SU=nobody SG=$(id -gn nobody)
	give() { chown "$SU:$SG" "$@"; }
	as_service() { setpriv --reuid="$SU" --regid="$SG" --clear-groups "$@"; }
else
	give() { :; }
	as_service() { "$@"; }
fi

# ---------------------------------------------------------------------------
# The site: the demo, 3,000 more articles (so that a copy takes a while),
# an author.

"$QUIRE" init --db "$DB" --demo >"$W/init.out" 2>&1 ||
    bail "quire init --demo" "$(cat "$W/init.out")"
q "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3000)
   INSERT INTO articles (slug, title, body, status, published_at, created_at, updated_at)
   SELECT 'bulk-' || i, 'Bulk ' || i, 'Words ' || hex(randomblob(1200)), 'published',
       1500000000 + i * 86400, 1500000000, 1500000000 FROM n;" ||
    bail "3,000 articles added with sqlite3"
PW='backup-author-password-1'
printf '%s\n' "$PW" | "$QUIRE" user add ann --name Ann --db "$DB" >"$W/user.out" 2>&1 ||
    bail "quire user add" "$(cat "$W/user.out")"
start_site "" || bail "src/run.sh starts the site" "$(tail -n 20 "$VAR/server.log" 2>/dev/null)"
ok "the site serves $(q 'SELECT count(*) FROM articles') articles on 127.0.0.1:$port ($(($(stat -c %s "$DB") / 1024)) KiB)"

JAR=$W/jar
get signin /admin/login -c "$JAR" --data-urlencode login=ann --data-urlencode "password=$PW"
get newform /admin/articles/new -b "$JAR"
CSRF=$(perl -0777 -ne 'print $1 if /name="csrf" value="([0-9a-f]{64})"/' "$H/newform.b")
[ -n "$CSRF" ] || bail "ann signs in and gets the editor's CSRF token" "status $code"

# ---------------------------------------------------------------------------
# a. A backup while a writer saves articles.

# The writer: one article after another through the admin form, "during-I"
# for I = 1, 2, ...; I goes to $W/answered once its 303 is back.
writer() {
	local i=0 c
	while [ ! -e "$W/stop" ]; do
		i=$((i + 1))
		c=$(curl -s -m 30 -o /dev/null -w '%{http_code}' -b "$JAR" \
		    --data-urlencode "csrf=$CSRF" --data-urlencode "title=Written during $i" \
		    --data-urlencode "slug=during-$i" --data-urlencode "body=Saved as number $i." \
		    --data-urlencode date= --data-urlencode time= --data-urlencode author= \
		    --data-urlencode excerpt= --data-urlencode action=publish \
		    "$base/admin/articles/new")
		if [ "$c" = 303 ]; then
			echo "$i" >> "$W/answered"
		else
			echo "$i $c" >> "$W/refused"
		fi
	done
}
answered() {
	[ -f "$W/answered" ] && wc -l < "$W/answered" || echo 0
}
at_least() {
	[ "$(answered)" -ge "$1" ]
}
: > "$W/refused"
writer &
writer_pid=$!
track "$writer_pid"
wait_for 600 at_least 5 || bail "the writer saves 5 articles" "refused: $(head -n 3 "$W/refused")"

mkdir -p "$W/bk"
BK=$W/bk/copy.db
cp "$W/answered" "$W/before"
"$QUIRE" backup "$BK" --db "$DB" >"$W/bk.out" 2>&1
rc=$?
n_after=$(answered)
n_before=$(wc -l < "$W/before")
wait_for 600 at_least $((n_after + 3))
touch "$W/stop"
wait "$writer_pid"
untrack "$writer_pid"
check "quire backup FILE --db DB while the writer saves: exit 0, and it says so" \
    "exit $rc: $(cat "$W/bk.out")" \
    eval '[ $rc = 0 ] && grep -q "integrity_check ok" "$W/bk.out"'
check "every save was answered 303 while the copy was taken (the writer was never held up into a failure)" \
    "$(head -n 5 "$W/refused")" [ ! -s "$W/refused" ]
check "the copy passes PRAGMA integrity_check" "$(qf "$BK" 'PRAGMA integrity_check;' 2>&1 | head -n 5)" \
    integrity "$BK"
check "the copy stands alone: rollback journal in its header, no -wal or -shm beside it; mode 600" \
    "$(od -An -tu1 -j18 -N2 "$BK"); $(ls -l "$W/bk")" \
    eval 'standalone "$BK" && [ "$(stat -c %a "$BK")" = 600 ]'
missing=""
while read -r i; do
	[ "$(qf "$BK" "SELECT count(*) FROM articles WHERE slug = 'during-$i' AND status = 'published'")" = 1 ] ||
	    missing+=" $i"
done < "$W/before"
check "the copy holds all $n_before articles whose save was answered before the backup started" \
    "missing:$missing" [ -z "$missing" ]
in_copy=$(qf "$BK" "SELECT count(*) FROM articles WHERE slug LIKE 'during-%'")
highest=$(qf "$BK" "SELECT ifnull(max(CAST(substr(slug, 8) AS INTEGER)), 0) FROM articles WHERE slug LIKE 'during-%'")
check "the copy is one commit's state: the writer's articles 1..$highest with no gap ($in_copy rows; $n_before answered before, $n_after after the copy; the site has $(q "SELECT count(*) FROM articles WHERE slug LIKE 'during-%'"))" \
    "count $in_copy, highest $highest" \
    eval '[ "$in_copy" = "$highest" ] && [ "$highest" -ge "$n_before" ] &&
    [ "$(qf "$BK" "SELECT count(*) FROM articles WHERE slug LIKE '"'bulk-%'"'")" = 3000 ]'
check "the site's own database is intact after the copy" "" integrity "$DB"

# ---------------------------------------------------------------------------
# b. Replacing: refused without --force, done with it; never the database.

s0=$(sum "$BK")
"$QUIRE" backup "$BK" --db "$DB" >"$W/again.out" 2>&1
rc=$?
check "quire backup onto an existing FILE without --force: exit 1, says to use --force, FILE untouched, nothing beside it" \
    "exit $rc: $(cat "$W/again.out"); $(ls "$W/bk")" \
    eval '[ $rc = 1 ] && grep -q -- "--force" "$W/again.out" && [ "$(sum "$BK")" = "$s0" ] &&
    [ "$(ls "$W/bk")" = copy.db ]'
"$QUIRE" backup "$BK" --db "$DB" --force >"$W/force.out" 2>&1
rc=$?
check "... with --force: exit 0, FILE replaced by a copy of the site as it is now (all $(q 'SELECT count(*) FROM articles') articles), nothing beside it" \
    "exit $rc: $(cat "$W/force.out"); $(ls "$W/bk"); copy $(qf "$BK" 'SELECT count(*) FROM articles')" \
    eval '[ $rc = 0 ] && [ "$(qf "$BK" "SELECT count(*) FROM articles")" = "$(q "SELECT count(*) FROM articles")" ] &&
    integrity "$BK" && standalone "$BK" && [ "$(ls "$W/bk")" = copy.db ]'
bad=""
for target in "$DB" "$DB-wal" "$DB-shm"; do
	[ -e "$target" ] || continue
	"$QUIRE" backup "$target" --db "$DB" --force >"$W/self.out" 2>&1
	rc=$?
	[ $rc = 1 ] && grep -q "is the database" "$W/self.out" || bad+="${target##*/}: exit $rc: $(cat "$W/self.out")"$'\n'
done
get self_after /
check "quire backup --force onto the database itself or its -wal/-shm: refused (exit 1); the site still serves, intact" \
    "$bad; GET / $code" eval '[ -z "$bad" ] && [ "$code" = 200 ] && integrity "$DB"'
bad=""
for args in "" "--db $DB" "$W/bk/u.db $W/bk/v.db --db $DB" "$W/bk/u.db --db $DB --bogus"; do
	# shellcheck disable=SC2086
	"$QUIRE" backup $args >"$W/usage.out" 2>&1
	rc=$?
	[ $rc = 2 ] && grep -q "usage: " "$W/usage.out" || bad+="quire backup $args: exit $rc"$'\n'
done
check "quire backup with no FILE, two FILEs or an unknown option: exit 2 and the usage; nothing written" \
    "$bad$(ls "$W/bk")" eval '[ -z "$bad" ] && [ "$(ls "$W/bk")" = copy.db ]'
"$QUIRE" backup "$W/bk/u.db" --config /dev/null >"$W/nodb.out" 2>&1
rc=$?
check "quire backup with no database (no --db, none in the configuration): exit 1, says so; nothing written" \
    "exit $rc: $(cat "$W/nodb.out"); $(ls "$W/bk")" \
    eval '[ $rc = 1 ] && grep -q "no database" "$W/nodb.out" && [ "$(ls "$W/bk")" = copy.db ]'
printf 'database = %s\n' "$DB" > "$W/quire.conf"
"$QUIRE" backup "$W/bk/c.db" --config "$W/quire.conf" >"$W/conf.out" 2>&1
rc=$?
check "quire backup --config FILE takes the database from the file" \
    "exit $rc: $(cat "$W/conf.out")" eval '[ $rc = 0 ] && integrity "$W/bk/c.db"'
rm -f "$W/bk/c.db"
"$QUIRE" backup "$W/bk" --db "$DB" --force >"$W/folder.out" 2>&1
rc=$?
check "quire backup onto a folder, even with --force: exit 1, asks for a file's name; nothing written" \
    "exit $rc: $(cat "$W/folder.out")" \
    eval '[ $rc = 1 ] && grep -q "bk: is a folder" "$W/folder.out" && [ "$(ls "$W/bk")" = copy.db ]'
"$QUIRE" backup "$W/bk/x.db" --db "$W/no-such.db" >"$W/nodb.out" 2>&1
rc=$?
check "quire backup of a database that does not exist: exit 1, naming it; nothing written" \
    "exit $rc: $(cat "$W/nodb.out")" \
    eval '[ $rc = 1 ] && grep -q "no-such.db: No such file" "$W/nodb.out" && [ "$(ls "$W/bk")" = copy.db ]'

# ---------------------------------------------------------------------------
# c. A folder that cannot be written, a disk that fills up.

mkdir "$W/ro"
[ "$(id -u)" = 0 ] || chmod 555 "$W/ro"
as_service "$QUIRE" backup "$W/ro/copy.db" --db "$DB" >"$W/ro.out" 2>&1
rc=$?
check "quire backup into a folder the user cannot write: exit 1, the folder and the reason named, nothing left" \
    "exit $rc: $(cat "$W/ro.out"); folder: $(ls -A "$W/ro")" \
    eval '[ $rc = 1 ] && grep -q "ro/copy.db: cannot create a file in its folder: Permission denied" "$W/ro.out" &&
    [ -z "$(ls -A "$W/ro")" ]'
chmod 755 "$W/ro"

mkdir "$W/full"
kib=$(($(stat -c %s "$DB") / 1024))
(trap '' XFSZ; ulimit -f $((kib / 2)); exec "$QUIRE" backup "$W/full/copy.db" --db "$DB") >"$W/full.out" 2>&1
rc=$?
check "quire backup with room for half the database (ulimit -f $((kib / 2)) KiB of $kib): exit 1, says why, leaves nothing" \
    "exit $rc: $(cat "$W/full.out"); folder: $(ls -A "$W/full")" \
    eval '[ $rc = 1 ] && grep -q "copying .* failed: .*(File too large)" "$W/full.out" && [ -z "$(ls -A "$W/full")" ]'

# ---------------------------------------------------------------------------
# d. The copy restored: a second quire on it, behind docs/nginx/quire.conf.

R=$W/restore
mkdir -p "$R/tmp"
cp "$BK" "$R/site.db"
check "the restored copy passes integrity_check before it is served (the restore's check)" "" integrity "$R/site.db"
give "$R" "$R/site.db"
start_quire "$R/quire.log" --db "$R/site.db" --socket "$R/quire.sock" --workers 1 ||
    bail "quire serve starts on the restored copy" "$(tail -n 20 "$R/quire.log")"
live_base=$base live_port=$port
user_line=""
[ "$(id -u)" = 0 ] && user_line="user root root;"
restore_conf() {
	sed -e "s|unix:/run/quire/quire.sock|unix:$R/quire.sock|" \
	    "$top/docs/nginx/quire-fastcgi.conf" > "$R/quire-fastcgi.conf"
	sed -e "s|^\([[:space:]]*\)listen 80;|\1listen 127.0.0.1:$1;|" \
	    -e "s|^\([[:space:]]*\)listen \[::\]:80;|\1# (no IPv6 in the test)|" \
	    -e "s|server_name blog.example.org;|server_name localhost;|" \
	    -e "s|alias /usr/local/share/quire/static/;|alias $top/templates/static/;|" \
	    -e "s|include /etc/nginx/snippets/quire-fastcgi.conf;|include $R/quire-fastcgi.conf;|" \
	    -e "s|include /etc/nginx/snippets/quire-limits.conf;|include $R/quire-limits.conf;|" \
	    "$top/docs/nginx/quire.conf" > "$R/site.conf"
	bash "$top/src/run.sh" --limits "$R"
	cat > "$R/nginx.conf" <<CONF
$user_line
worker_processes 1;
daemon off;
pid $R/nginx.pid;
error_log $R/nginx-error.log warn;
events { worker_connections 64; }
http {
	include /etc/nginx/mime.types;
	access_log $R/nginx-access.log;
	client_body_temp_path $R/tmp/body;
	fastcgi_temp_path $R/tmp/fastcgi;
	proxy_temp_path $R/tmp/proxy;
	uwsgi_temp_path $R/tmp/uwsgi;
	scgi_temp_path $R/tmp/scgi;
	include $R/quire-zones.conf;
	include $R/site.conf;
}
CONF
}
restore_conf "$(free_port)"
errs=""
for s in "listen 127.0.0.1:" "server_name localhost;" "alias $top/templates/static/;" \
    "include $R/quire-fastcgi.conf;" "include $R/quire-limits.conf;"; do
	grep -qF -- "$s" "$R/site.conf" || errs+="docs/nginx/quire.conf: '$s' not substituted"$'\n'
done
grep -qF "unix:$R/quire.sock" "$R/quire-fastcgi.conf" ||
    errs+="docs/nginx/quire-fastcgi.conf: no fastcgi_pass unix:/run/quire/quire.sock"$'\n'
s=$(grep -nE '/etc/nginx/snippets|/usr/local/share|listen (\[::\]:)?80;' "$R/site.conf" |
    grep -vE '^[0-9]+:[[:space:]]*#')
[ -z "$s" ] || errs+="docs/nginx/quire.conf: a production path or port is left: $s"$'\n'
nginx -t -c "$R/nginx.conf" -e "$R/nginx-error.log" >"$R/nginx-t.out" 2>&1
check "nginx -t accepts docs/nginx/quire.conf + quire-fastcgi.conf (ports and paths changed by sed only)" \
    "$errs$(cat "$R/nginx-t.out")" \
    eval '[ -z "$errs" ] && grep -q "test is successful" "$R/nginx-t.out"'
start_nginx "$R/nginx.conf" "$R/nginx-error.log" / restore_conf ||
    bail "nginx with docs/nginx/quire.conf starts in front of the restored copy" \
    "$(cat "$R/nginx-error.log.out" 2>/dev/null; tail -n 20 "$R/nginx-error.log" 2>/dev/null)"
copy_base=http://127.0.0.1:$port

art() {
	q "SELECT strftime('/%Y/%m/', published_at, 'unixepoch') || slug FROM articles
	    WHERE slug = '$1'"
}
bad="" n=0
for p in / /archive /about /tags /feed.atom /feed.json /sitemap.xml "$(art during-1)" \
    "$(art "during-$(answered)")" "$(art bulk-17)" "/search?q=Written" /static/style.css; do
	base=$live_base
	get live "$p"
	lc=$code
	base=$copy_base
	get copy "$p"
	n=$((n + 1))
	[ "$lc" = 200 ] && [ "$code" = 200 ] && cmp -s "$H/live.b" "$H/copy.b" ||
	    bad+="$p: site $lc, copy $code, bodies $(cmp -s "$H/live.b" "$H/copy.b" && echo equal || echo differ)"$'\n'
done
base=$live_base port=$live_port
check "the restored copy, through docs/nginx/quire.conf, serves the same $n pages as the site, byte for byte (home, archive, a page, tags, feeds, sitemap, articles, search, a static file)" \
    "$bad" [ -z "$bad" ]
stop_pid "$n_pid"
stop_pid "$q_pid"
stop_site

# ---------------------------------------------------------------------------
# e. The backup an upgrade takes.

LAST=$(ls sql/migrations | sed -n 's/^\([0-9]\{4\}\)-.*/\1/p' | tail -n 1)
LAST=$((10#$LAST))
OLDV=$((LAST - 1))
# old_db FILE: a database at schema version OLDV (the migrations up to it
# run by sqlite3, as tests/e2e/cgi.sh builds them) with the demo content.
old_db() {
	local m v
	for m in sql/migrations/*.sql; do
		v=$(basename "$m" | cut -c1-4)
		[ $((10#$v)) -le "$OLDV" ] && sqlite3 "$1" < "$m"
	done
	sqlite3 "$1" "PRAGMA user_version = $OLDV; PRAGMA journal_mode = WAL;" >/dev/null
	sqlite3 "$1" < sql/demo.sql 2>/dev/null
	sqlite3 "$1" "UPDATE settings SET value = 'https://blog.example' WHERE key = 'base_url';"
}
old_db "$W/old.db"
OLD_ARTICLES=$(qf "$W/old.db" 'SELECT count(*) FROM articles')
if [ "$(qf "$W/old.db" 'PRAGMA user_version;')" != "$OLDV" ] || [ "$OLD_ARTICLES" = 0 ]; then
	bail "a database at schema version $OLDV with the demo's articles"
fi
U=$W/up
mkdir "$U"
cp "$W/old.db" "$U/site.db"
give "$U" "$U/site.db"
# fcgi_ok SOCKET: does GET / through quire's socket answer 200? (Then
# the start-up, migration included, is over.)
fcgi_ok() {
	env -i REQUEST_METHOD=GET REQUEST_URI=/ SCRIPT_NAME= GATEWAY_INTERFACE=CGI/1.1 \
	    SERVER_PROTOCOL=HTTP/1.1 cgi-fcgi -bind -connect "$1" 2>/dev/null |
	    head -n 1 | grep -q '^Status: 200'
}
# serve_once LOG: quire serve on $U/site.db until it answers, then
# stopped; 0 if it answered.
serve_once() {
	local up=1
	rm -f "$U/q.sock"
	start_quire "$1" --db "$U/site.db" --socket "$U/q.sock" --workers 1 &&
	    wait_for -p "$q_pid" 200 fcgi_ok "$U/q.sock" && up=0
	stop_pid "$q_pid"
	return $up
}
serve_once "$U/serve1.log"
rc=$?
B1=$U/site.db.pre-v$OLDV.bak
check "quire serve on a database at schema version $OLDV starts and migrates it to $LAST" \
    "$(tail -n 5 "$U/serve1.log")" \
    eval '[ $rc = 0 ] && [ "$(qf "$U/site.db" "PRAGMA user_version;")" = "$LAST" ]'
check "... having first written site.db.pre-v$OLDV.bak beside it, and logged it" \
    "$(ls -A "$U"); $(grep -i backup "$U/serve1.log")" \
    eval '[ -f "$B1" ] && grep -q "backed up to .*site.db.pre-v$OLDV.bak before migrating from schema version $OLDV" "$U/serve1.log"'
check "... the backup is at version $OLDV, passes integrity_check, stands alone and holds the $OLD_ARTICLES articles" \
    "version $(qf "$B1" 'PRAGMA user_version;' 2>&1), articles $(qf "$B1" 'SELECT count(*) FROM articles' 2>&1)" \
    eval '[ "$(qf "$B1" "PRAGMA user_version;")" = "$OLDV" ] && integrity "$B1" && standalone "$B1" &&
    [ "$(qf "$B1" "SELECT count(*) FROM articles")" = "$OLD_ARTICLES" ]'
s1=$(sum "$B1")
serve_once "$U/serve2.log"
check "a restart at the current version takes no backup" "$(ls -A "$U")" \
    eval '[ "$(ls "$U" | grep -c "\.bak$")" = 1 ]'

# The same upgrade again (the old database put back): a second backup.
rm -f "$U/site.db-wal" "$U/site.db-shm"
cp "$W/old.db" "$U/site.db"
serve_once "$U/serve3.log"
rc=$?
B2=$U/site.db.pre-v$OLDV.2.bak
check "a second upgrade from version $OLDV leaves site.db.pre-v$OLDV.bak as it was and writes site.db.pre-v$OLDV.2.bak" \
    "exit $rc; $(ls -A "$U"); $(grep -i backup "$U/serve3.log")" \
    eval '[ $rc = 0 ] && [ "$(sum "$B1")" = "$s1" ] && [ -f "$B2" ] &&
    [ "$(qf "$B2" "PRAGMA user_version;")" = "$OLDV" ] && integrity "$B2" &&
    [ "$(qf "$U/site.db" "PRAGMA user_version;")" = "$LAST" ]'

mkdir "$W/new"
"$QUIRE" init --db "$W/new/site.db" >"$W/new.out" 2>&1
check "a new database (version 0) is created with no backup" "$(ls -A "$W/new"); $(cat "$W/new.out")" \
    eval '[ "$(qf "$W/new/site.db" "PRAGMA user_version;")" = "$LAST" ] && ! ls "$W/new" | grep -q "\.bak$"'

# The first CGI requests after an upgrade, all at once: one backup.
C=$W/cgi
mkdir "$C"
cp "$W/old.db" "$C/site.db"
pids=()
for i in 1 2 3 4 5 6 7 8; do
	env -i GATEWAY_INTERFACE=CGI/1.1 SERVER_PROTOCOL=HTTP/1.1 QUIRE_DB="$C/site.db" \
	    REQUEST_METHOD=GET PATH_INFO=/ HTTP_HOST=blog.example \
	    "$QUIRE" > "$C/r$i.out" 2> "$C/r$i.err" &
	pids+=($!)
done
bad=""
for i in "${!pids[@]}"; do
	wait "${pids[$i]}" || bad+=" #$((i + 1)) exit $?"
	head -n 1 "$C/r$((i + 1)).out" | grep -q '^Status: 200' || bad+=" #$((i + 1)) $(head -n 1 "$C/r$((i + 1)).out")"
done
check "8 concurrent first CGI requests after an upgrade: all 200, exactly one backup, each migration logged once" \
    "$bad; $(ls -A "$C" | grep -v '^r[0-9]'); backups logged: $(cat "$C"/r*.err | grep -c 'backed up')" \
    eval '[ -z "$bad" ] && [ "$(ls "$C" | grep -c "\.bak$")" = 1 ] && [ -f "$C/site.db.pre-v$OLDV.bak" ] &&
    [ "$(cat "$C"/r*.err | grep -c "backed up")" = 1 ] &&
    [ "$(cat "$C"/r*.err | grep -c "migrated to schema version")" = $((LAST - OLDV)) ]'

# A folder the service cannot write: the database and its -wal and -shm
# are the service's (a sqlite3 shell keeps them open, as a running site
# would), the folder is not. No backup, no upgrade, and the log says why.
P=$W/locked
mkdir "$P"
cp "$W/old.db" "$P/site.db"
give "$P/site.db"
mkfifo "$W/hold.in"
sqlite3 "$P/site.db" < "$W/hold.in" > "$W/hold.out" 2>&1 &
hold_pid=$!
track "$hold_pid"
exec 7>"$W/hold.in"
echo "SELECT 'held', count(*) FROM articles;" >&7
wait_for 200 grep -q held "$W/hold.out" || not_ok "a sqlite3 shell holds the database open" "$(cat "$W/hold.out")"
[ "$(id -u)" = 0 ] || chmod 555 "$P"
before=$(ls -A "$P" | tr '\n' ' ')
timeout 60 "$QUIRE" serve "${SERVE_AS[@]}" --db "$P/site.db" --socket "$W/locked.sock" \
    --workers 1 >"$W/locked.log" 2>&1 </dev/null
rc=$?
check "quire serve on an old database whose folder the service cannot write: it stops (exit 1) without migrating" \
    "exit $rc; version $(qf "$P/site.db" 'PRAGMA user_version;'); $(tail -n 5 "$W/locked.log")" \
    eval '[ $rc = 1 ] && [ "$(qf "$P/site.db" "PRAGMA user_version;")" = "$OLDV" ]'
check "... the log says why: no backup (the folder: Permission denied), so not migrated" \
    "$(cat "$W/locked.log")" \
    eval 'grep -q "site.db.pre-v$OLDV.bak: cannot create a file in its folder: Permission denied" "$W/locked.log" &&
    grep -q "not migrated from schema version $OLDV to $LAST: no backup could be taken" "$W/locked.log"'
check "... and leaves nothing in the folder" "before: $before; after: $(ls -A "$P" | tr '\n' ' ')" \
    eval '[ "$(ls -A "$P" | tr "\n" " ")" = "$before" ]'
chmod 755 "$P"
give "$P"
rm -f "$W/locked.sock"
"$QUIRE" serve "${SERVE_AS[@]}" --db "$P/site.db" --socket "$W/locked.sock" \
    --workers 1 >"$W/unlocked.log" 2>&1 </dev/null &
u_pid=$!
track "$u_pid"
wait_for -p "$u_pid" 200 fcgi_ok "$W/locked.sock"
stop_pid "$u_pid"
check "once the folder is the service's, the same start backs up and migrates" \
    "$(tail -n 5 "$W/unlocked.log")" \
    eval '[ "$(qf "$P/site.db" "PRAGMA user_version;")" = "$LAST" ] && [ -f "$P/site.db.pre-v$OLDV.bak" ] &&
    integrity "$P/site.db.pre-v$OLDV.bak"'
exec 7>&-
wait_for 200 not_alive "$hold_pid"
stop_pid "$hold_pid"

if grep -l -E 'runtime error|AddressSanitizer|LeakSanitizer' "$W"/*.out "$W"/*.log \
    "$U"/*.log "$C"/*.err "$R"/*.log "$VAR"/server.log >/dev/null 2>&1; then
	not_ok "no sanitizer report in any run" "$(grep -h -A3 -E 'runtime error|Sanitizer' "$W"/*.out "$W"/*.log "$U"/*.log "$C"/*.err "$R"/*.log | head -n 12)"
else
	ok "no sanitizer report in any run"
fi
echo "# $(($(date +%s) - t_start)) s"
[ "$fail" = 0 ]
