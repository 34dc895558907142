#!/usr/bin/env bash
# tests/e2e/config.sh [QUIRE_BINARY]: the configuration file (src/cfgfile.c)
# and quire check (src/cmd_check.c). A file with every key starts quire
# serve and each value shows (workers, socket and its mode, max-age, body
# limit, templates, base URL, log level, trusted proxy, the service user
# as root); flags win over the file; each kind of mistake stops start-up
# with FILE:LINE: reason; quire check passes a good site and names each
# kind of damage. FastCGI straight at the socket (cgi-fcgi), no nginx.
# Prints "ok - ..." / "not ok - ..." lines; exits 1 if any failed.

# Checks pass single-quoted conditions (and the locals they read) to eval,
# on purpose:
# shellcheck disable=SC2016,SC2034
set -u
# shellcheck source=tests/e2e/lib.sh
. "$(dirname "$0")/lib.sh"
e2e_init config "${1:-build/quire}"
need sqlite3 cgi-fcgi pgrep
e2e_workdir
# The file names the service user itself (as root), so no flag may.
SERVE_AS=()
root=""
[ "$(id -u)" = 0 ] && root=yes

# The site, in folders the service user can reach and write.
chmod 755 "$W"
mkdir -p "$W/site" "$W/run" "$W/tpl"
DB=$W/site/site.db
"$QUIRE" init --db "$DB" --demo --base-url http://127.0.0.1 >"$W/init.out" 2>&1 ||
    bail "quire init --demo" "$(cat "$W/init.out")"
[ -n "$root" ] && chown -R nobody:nogroup "$W/site" "$W/run"
# A template folder: the built-in templates, the footer marked.
cp -r templates/. "$W/tpl/"
printf '<!-- from-the-template-folder -->\n' >> "$W/tpl/_foot.html"

q() { sqlite3 -init /dev/null "$1" "$2"; }

# fcgi SOCKET VAR=VALUE...: one request to quire at SOCKET (output on stdout).
fcgi() {
	local s=$1
	shift
	env -i SCRIPT_NAME= GATEWAY_INTERFACE=CGI/1.1 SERVER_PROTOCOL=HTTP/1.1 \
	    SERVER_NAME=localhost SERVER_PORT=80 REMOTE_ADDR=127.0.0.1 "$@" \
	    cgi-fcgi -bind -connect "$s" </dev/null
}

# workers PID: how many children quire serve PID has.
nworkers() {
	pgrep -P "$1" | wc -l
}

# ---------------------------------------------------------------------------
# Every key

sock=$W/run/conf.sock
conf=$W/every.conf
{
	echo "# every key of quire.conf(5)"
	echo "database = $DB"
	echo "socket = $sock"
	echo "   workers = 3   ; indented, with a comment"
	echo "templates = $W/tpl"
	echo "base_url = https://conf.example"
	echo "log_level = error"
	echo "trust_proxy = 10.9.9.9, 127.0.0.1"
	echo "max_body = 2048"
	echo "session_hours = 2"
	echo "max_age = 7"
	echo "socket_mode = 0600"
	if [ -n "$root" ]; then
		echo "user = nobody"
		echo "group = nogroup"
	fi
} > "$conf"

start_quire "$W/every.log" --config "$conf"
wait_for -p "$q_pid" 200 test -S "$sock" ||
    bail "quire serve --config FILE (every key) starts, its socket at the file's path" "$(cat "$W/every.log")"
ok "quire serve --config FILE with every key starts; the socket is the file's (socket)"
check "socket_mode = 0600: the socket's mode is 600" "$(stat -c '%a %U' "$sock")" \
    [ "$(stat -c %a "$sock")" = 600 ]
wait_for 100 eval '[ "$(nworkers "$q_pid")" = 3 ]'
check "workers = 3: three worker processes" "$(pgrep -a -P "$q_pid")" \
    [ "$(nworkers "$q_pid")" = 3 ]
if [ -n "$root" ]; then
	wuser=$(ps -o user= -p "$(pgrep -P "$q_pid" | head -n 1)")
	check "user = nobody, group = nogroup: the workers run as nobody and the socket belongs to nobody" \
	    "worker user $wuser; socket $(stat -c '%U:%G' "$sock")" \
	    eval '[ "$wuser" = nobody ] && [ "$(stat -c %U:%G "$sock")" = nobody:nogroup ]'
else
	ok "user, group: not root, so not tried # SKIP needs root"
fi

fcgi "$sock" REQUEST_METHOD=GET REQUEST_URI=/ > "$W/home.out" 2>&1
check "max_age = 7: GET / says Cache-Control: public, max-age=7" \
    "$(grep -i '^cache-control' "$W/home.out")" \
    grep -qi '^Cache-Control: public, max-age=7\s*$' "$W/home.out"
check "templates = DIR: the page is drawn from the folder's templates" \
    "$(tail -n 3 "$W/home.out")" grep -q 'from-the-template-folder' "$W/home.out"
check "base_url = https://conf.example: wins over the stored http://127.0.0.1 in the canonical link" \
    "$(grep -o '<link rel="canonical"[^>]*>' "$W/home.out")" \
    eval 'grep -q "<link rel=\"canonical\" href=\"https://conf.example/\"" "$W/home.out" && ! grep -q "http://127.0.0.1" "$W/home.out"'
fcgi "$sock" REQUEST_METHOD=POST REQUEST_URI=/admin/login \
    CONTENT_TYPE=application/x-www-form-urlencoded CONTENT_LENGTH=4096 > "$W/big.out" 2>&1
check "max_body = 2048: a POST of 4096 bytes is a 413 naming the limit" \
    "$(head -n 3 "$W/big.out")" \
    eval 'head -n 1 "$W/big.out" | grep -q "^Status: 413" && grep -q "2048 bytes" "$W/big.out"'
check "log_level = error: no line per request in the log" "$(cat "$W/every.log")" \
    eval '! grep -q " info " "$W/every.log" && ! grep -q "GET /" "$W/every.log"'

# SIGHUP reads the file again: a new max-age is served; a broken file is
# said with FILE:LINE and the running values stay; what needs a restart
# (the database here) is kept and warned about.
max_age_is() {
	fcgi "$sock" REQUEST_METHOD=GET REQUEST_URI=/ > "$W/hup.out" 2>&1
	grep -qi "^Cache-Control: public, max-age=$1\s*\$" "$W/hup.out"
}
cp "$conf" "$conf.orig"
sed -i 's/^max_age = 7$/max_age = 8/; s/^log_level = error$/log_level = warn/' "$conf"
kill -HUP "$q_pid"
wait_for -p "$q_pid" 200 max_age_is 8
check "SIGHUP: the file is read again (max_age = 8 served, no restart)" \
    "$(grep -i '^cache-control' "$W/hup.out"); $(tail -n 3 "$W/every.log")" max_age_is 8
echo "bogus = 1" >> "$conf"
kill -HUP "$q_pid"
line=$(wc -l < "$conf")
wait_for -p "$q_pid" 200 grep -q "every.conf:$line: " "$W/every.log"
check "SIGHUP with a broken file: FILE:LINE: reason logged, the old values still served" \
    "$(tail -n 3 "$W/every.log"); $(grep -i '^cache-control' "$W/hup.out")" \
    eval 'grep -q "every.conf:$line: .*bogus" "$W/every.log" && max_age_is 8'
sed -i '$d' "$conf"
sed -i "s|^database = .*|database = $W/site/other.db|" "$conf"
kill -HUP "$q_pid"
wait_for -p "$q_pid" 200 grep -q "take effect at the next start" "$W/every.log"
check "SIGHUP with another database in the file: warned, the running database kept" \
    "$(tail -n 3 "$W/every.log")" \
    eval 'grep -q "take effect at the next start" "$W/every.log" && max_age_is 8 && [ ! -e "$W/site/other.db" ]'
stop_pid "$q_pid"
mv "$conf.orig" "$conf"
check "quire serve --config stops on TERM and removes its socket" "exit $stopped_status" \
    eval '[ "$stopped_status" = 0 ] && [ ! -e "$sock" ]'

# ---------------------------------------------------------------------------
# Flags win over the file

sock2=$W/run/flag.sock
start_quire "$W/flags.log" --config "$conf" --socket "$sock2" --workers 1 \
    --max-age 9 --log-level info --max-body 1048576 --base-url https://flag.example
check "flags over the file: --socket is where it listens, the file's socket is not made" \
    "$(ls -l "$W/run"; cat "$W/flags.log")" eval '[ -S "$sock2" ] && [ ! -e "$sock" ]'
wait_for 100 eval '[ "$(nworkers "$q_pid")" = 1 ]'
check "--workers 1 over workers = 3: one worker" "$(pgrep -a -P "$q_pid")" \
    [ "$(nworkers "$q_pid")" = 1 ]
fcgi "$sock2" REQUEST_METHOD=GET REQUEST_URI=/ HTTP_X_FORWARDED_FOR=203.0.113.9 > "$W/home2.out" 2>&1
check "--max-age 9 over max_age = 7" "$(grep -i '^cache-control' "$W/home2.out")" \
    grep -qi '^Cache-Control: public, max-age=9\s*$' "$W/home2.out"
check "--base-url over base_url" "$(grep -o '<link rel="canonical"[^>]*>' "$W/home2.out")" \
    grep -q '<link rel="canonical" href="https://flag.example/"' "$W/home2.out"
fcgi "$sock2" REQUEST_METHOD=POST REQUEST_URI=/admin/login \
    CONTENT_TYPE=application/x-www-form-urlencoded CONTENT_LENGTH=4096 > "$W/big2.out" 2>&1
check "--max-body 1048576 over max_body = 2048: 4096 bytes are no 413" "$(head -n 1 "$W/big2.out")" \
    eval '! head -n 1 "$W/big2.out" | grep -q "^Status: 413"'
wait_for 100 grep -q '"GET /"' "$W/flags.log"
check "--log-level info over log_level = error: a line per request; trust_proxy from the file names the forwarded client" \
    "$(grep '"GET /"' "$W/flags.log")" \
    grep -q ' info 203\.0\.113\.9 "GET /" 200' "$W/flags.log"
stop_pid "$q_pid"

tport=""
for attempt in 1 2 3; do
	tport=$(free_port) || break
	start_quire "$W/listen.log" --config "$conf" --listen "127.0.0.1:$tport" && break
	stop_pid "$q_pid"
done
fcgi "127.0.0.1:$tport" REQUEST_METHOD=GET REQUEST_URI=/about > "$W/tcp.out" 2>&1
check "--listen over the file's socket: FastCGI on TCP, no socket made" \
    "$(head -n 1 "$W/tcp.out"; ls "$W/run")" \
    eval 'head -n 1 "$W/tcp.out" | grep -q "^Status: 200" && [ ! -e "$sock" ]'
stop_pid "$q_pid"

# ---------------------------------------------------------------------------
# Mistakes stop start-up: FILE:LINE: reason, a non-zero status, no socket

# refuse DESC FILE LINE PATTERN [FLAGS...]: quire serve --config FILE fails
# at once, saying FILE:LINE: and PATTERN.
refuse() {
	local desc=$1 cf=$2 line=$3 pat=$4 rc
	shift 4
	rm -f "$W/run/bad.sock"
	timeout 20 "$QUIRE" serve --config "$cf" --socket "$W/run/bad.sock" "$@" \
	    </dev/null >"$W/refuse.out" 2>"$W/refuse.err"
	rc=$?
	check "$desc: exit $rc, \"$cf:$line: ...\"" "exit $rc; $(head -n 5 "$W/refuse.err")" \
	    eval '[ $rc != 0 ] && [ $rc != 124 ] && grep -q "^$cf:$line: .*$pat" "$W/refuse.err" && [ ! -e "$W/run/bad.sock" ]'
}

printf 'database = %s\nworkers = 2\nmax_agee = 5\n' "$DB" > "$W/unknown.conf"
refuse "an unknown key" "$W/unknown.conf" 3 'unknown key "max_agee"'
printf 'database = %s\nworkers = 2\n\nworkers = 3\n' "$DB" > "$W/dup.conf"
refuse "a key given twice" "$W/dup.conf" 4 'workers: set again (first on line 2)'
printf 'database = %s\nmax_age = soon\n' "$DB" > "$W/value.conf"
refuse "a bad value" "$W/value.conf" 2 'max_age: a number from 0 to 31536000'
printf 'database = %s\nsocket_mode = 0999\n' "$DB" > "$W/mode.conf"
refuse "a mode that is not octal" "$W/mode.conf" 2 'socket_mode: octal'
printf 'database = %s\n# fine\nworkers 2\n' "$DB" > "$W/syntax.conf"
refuse "a line that is not key = value" "$W/syntax.conf" 3 'expected "key = value"'
printf 'database = %s\n[serve]\nworkers = 2\n' "$DB" > "$W/section.conf"
refuse "a [section]" "$W/section.conf" 2 'no sections'
printf 'database = %s\nworkers = 2\n' "$DB" > "$W/good.conf"
rm -f "$W/run/bad.sock"
timeout 20 "$QUIRE" serve --config "$W/good.conf" --workers 0 --socket "$W/run/bad.sock" \
    </dev/null >"$W/flag.out" 2>"$W/flag.err"
rc=$?
check "a bad flag value with a good file: exit 2, \"quire: --workers: a number from 1 to 256\"" \
    "exit $rc; $(cat "$W/flag.err")" \
    eval '[ $rc = 2 ] && grep -q "^quire: --workers: a number from 1 to 256" "$W/flag.err"'
timeout 20 "$QUIRE" serve --config "$W/missing.conf" --db "$DB" --socket "$W/run/bad.sock" \
    </dev/null >"$W/missing.out" 2>"$W/missing.err"
rc=$?
check "a --config file that does not exist: exit $rc, \"FILE: cannot read: ...\"" \
    "exit $rc; $(cat "$W/missing.err")" \
    eval '[ $rc != 0 ] && [ $rc != 124 ] && grep -q "^$W/missing.conf: cannot read: No such file" "$W/missing.err" && [ ! -e "$W/run/bad.sock" ]'
# quire user and init read the database from the file.
printf 'database = %s\n' "$DB" > "$W/db.conf"
echo 'a long enough passphrase' |
    "$QUIRE" user add confalice --name "Alice" --config "$W/db.conf" > "$W/useradd.out" 2>&1
rc1=$?
"$QUIRE" user list --config "$W/db.conf" > "$W/users.out" 2>&1
rc=$?
check "quire user add and list --config FILE: the file's database" \
    "exit $rc1, $rc; $(cat "$W/useradd.out" "$W/users.out")" \
    eval '[ $rc1 = 0 ] && [ $rc = 0 ] && grep -q "^confalice" "$W/users.out" &&
    [ "$(q "$DB" "SELECT name FROM users WHERE login = '"'confalice'"'")" = Alice ]'
printf 'database = %s\n' "$W/init-from-conf.db" > "$W/init.conf"
"$QUIRE" init --config "$W/init.conf" > "$W/initc.out" 2>&1
rc=$?
check "quire init --config FILE creates the file's database" "exit $rc; $(cat "$W/initc.out")" \
    eval '[ $rc = 0 ] && [ "$(q "$W/init-from-conf.db" "PRAGMA user_version")" -ge 1 ]'

# ---------------------------------------------------------------------------
# quire check

# checks DESC WANT PATTERN ARGS...: quire check ARGS exits WANT (0 or
# non-zero) and its output matches PATTERN.
checks() {
	local desc=$1 want=$2 pat=$3 rc
	shift 3
	"$QUIRE" check "$@" >"$W/check.out" 2>"$W/check.err"
	rc=$?
	check "$desc" "exit $rc; $(head -n 8 "$W/check.out" "$W/check.err")" \
	    eval '{ [ "$want" = 0 ] && [ $rc = 0 ] || { [ "$want" != 0 ] && [ $rc != 0 ]; }; } &&
	    cat "$W/check.out" "$W/check.err" | grep -q -- "$pat"'
}

checks "quire check on the good site: exit 0, one line \"ok\"" 0 "^ok: $conf" --config "$conf"
check "... and only that line" "$(cat "$W/check.out" "$W/check.err")" \
    eval '[ "$(cat "$W/check.out" "$W/check.err" | wc -l)" = 1 ]'

# A damaged copy: 1000 bytes overwritten inside the articles table's first
# page, where its rows are (the end of a page; the middle may be free).
sqlite3 -init /dev/null "$DB" "VACUUM INTO '$W/bad.db'"
cp "$W/bad.db" "$W/good.db"
psize=$(q "$W/bad.db" "PRAGMA page_size")
aroot=$(q "$W/bad.db" "SELECT rootpage FROM sqlite_master WHERE name = 'articles'")
head -c 1000 /dev/zero | tr '\0' 'Z' |
    dd of="$W/bad.db" bs=1 seek=$(((aroot - 1) * psize + psize - 1096)) conv=notrunc status=none
checks "quire check on a damaged database file: non-zero, names the integrity problem" 1 \
    "$W/bad.db: integrity" --config "$conf" --db "$W/bad.db"

cp "$W/good.db" "$W/newer.db"
q "$W/newer.db" "PRAGMA user_version = 999"
checks "quire check on a database from a newer schema: non-zero, says it is newer" 1 \
    "$W/newer.db: schema version 999 is newer" --config "$conf" --db "$W/newer.db"

cp "$W/good.db" "$W/older.db"
q "$W/older.db" "PRAGMA user_version = 3"
checks "quire check on an older schema: exit 0, says the next start migrates it" 0 \
    "the next quire serve or quire init migrates it" --config "$conf" --db "$W/older.db"

cp "$W/good.db" "$W/setting.db"
q "$W/setting.db" "INSERT OR REPLACE INTO settings (key, value) VALUES ('per_page', 'lots')"
checks "quire check on a bad stored setting: non-zero, names the setting" 1 \
    "$W/setting.db: setting \"per_page\"" --config "$conf" --db "$W/setting.db"

cp "$W/good.db" "$W/nobase.db"
q "$W/nobase.db" "DELETE FROM settings WHERE key = 'base_url'"
checks "quire check with no base URL anywhere: non-zero, says how to set it" 1 \
    'setting "base_url": not set' --db "$W/nobase.db" --config "$W/db.conf"
checks "... and with base_url in the configuration: ok" 0 "^ok: " --config "$conf" --db "$W/nobase.db"

mkdir -p "$W/broken-tpl" && cp -r templates/. "$W/broken-tpl/"
printf '{{#if site.title}}never closed\n' >> "$W/broken-tpl/home.html"
checks "quire check on a broken template folder: non-zero, names the template file" 1 \
    "home.html" --config "$conf" --templates "$W/broken-tpl"
checks "quire check on a configuration with a mistake: non-zero, FILE:LINE: reason" 1 \
    "^$W/dup.conf:4: workers: set again" --config "$W/dup.conf"
checks "quire check on a missing database: non-zero, names it" 1 \
    "$W/none.db: cannot open" --config "$conf" --db "$W/none.db"

echo "1..$((pass + fail))"
[ "$fail" = 0 ]
