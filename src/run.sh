#!/usr/bin/env bash
# Serve a Quire site through Debian's nginx, in the foreground, for `make run`
# and the end-to-end tests. Ctrl-C (or SIGTERM) stops both and cleans up.
#
#   PORT=8080            nginx listens on 127.0.0.1:PORT
#   VAR=var              working folder: socket, nginx config, logs
#   DB=$VAR/demo.db      the site; created with the demo content if missing
#   QUIRE=build/quire    the binary (the tests pass build/asan/quire)
#   WORKERS=2            quire serve --workers
#   QUIRE_ARGS=          more options for quire serve
#   QUIRE_STRICT_TEMPLATES=1   adds --strict-templates (the tests)
#   BASE_URL=http://127.0.0.1:PORT   the site's public address (quire init
#                        --base-url): absolute links and redirects use it
#   SERVICE_USER=nobody  run as root, quire serve runs as this user (--user;
#                        its group is --group): VAR, the database and its
#                        folder must be reachable by it. VAR and the
#                        database are handed to it; when VAR was not given
#                        and the user cannot reach ./var (a checkout under
#                        /root, say), VAR moves to /var/tmp/quire-run.
#   QUIRE_CLOCK=         the tests' clock file: quire serve --clock FILE
#
# nginx's limits are docs/nginx/quire-zones.conf and quire-limits.conf,
# copied into VAR (one source: what make run and the tests serve with is
# what a site installs). The tests, sending bursts from one address, may
# change the per-address ones (unset: the shipped value):
#   NGINX_WORKER_CONNECTIONS=4096   connections nginx holds (nginx.conf)
#   NGINX_CONN_PER_ADDR=32|off      requests in progress per address
#   NGINX_POST_RATE=10r/m|off       sign-in and import POSTs per address
#   NGINX_POST_BURST=10             ... allowed at once before that rate
#
#   bash src/run.sh --limits DIR    only writes those two files into DIR
#                                   (for tests with an nginx of their own)
set -eu

top=$(cd "$(dirname "$0")/.." && pwd)

# nginx_limits DIR: the shipped limit files into DIR, with the NGINX_*
# values above put in; stops if a value found no line to change (the
# shipped file was edited: change the pattern here too).
nginx_limits() {
	local d=$1 conn=${NGINX_CONN_PER_ADDR:-} rate=${NGINX_POST_RATE:-}
	local burst=${NGINX_POST_BURST:-} z=(-e "") l=(-e "") want=""
	case $conn in
	'') ;;
	off) l+=(-e '/^limit_conn quire_addr /d') ;;
	*) l+=(-e "s/^limit_conn quire_addr [0-9]*;/limit_conn quire_addr $conn;/")
	   want+="limit_conn quire_addr $conn;|" ;;
	esac
	case $rate in
	'') ;;
	off) l+=(-e '/^limit_req zone=quire_post /d') ;;
	*) z+=(-e "s|rate=[0-9]*r/[ms];|rate=$rate;|") ;;
	esac
	if [ -n "$burst" ] && [ "$rate" != off ]; then
		l+=(-e "s/^limit_req zone=quire_post burst=[0-9]*/limit_req zone=quire_post burst=$burst/")
		want+="limit_req zone=quire_post burst=$burst |"
	fi
	mkdir -p "$d"
	sed "${z[@]}" "$top/docs/nginx/quire-zones.conf" > "$d/quire-zones.conf"
	sed "${l[@]}" "$top/docs/nginx/quire-limits.conf" > "$d/quire-limits.conf"
	if [ -n "$rate" ] && [ "$rate" != off ] &&
	    ! grep -qF "rate=$rate;" "$d/quire-zones.conf"; then
		echo "run: NGINX_POST_RATE: no rate=... in docs/nginx/quire-zones.conf" >&2
		return 1
	fi
	while [ -n "$want" ]; do
		if ! grep -qF -- "${want%%|*}" "$d/quire-limits.conf"; then
			echo "run: no line for '${want%%|*}' in docs/nginx/quire-limits.conf" >&2
			return 1
		fi
		want=${want#*|}
	done
}
if [ "${1:-}" = --limits ]; then
	nginx_limits "${2:?run: --limits DIR}"
	exit
fi

PORT=${PORT:-8080}
BASE_URL=${BASE_URL:-http://127.0.0.1:$PORT}
var_given=${VAR+yes}
VAR=${VAR:-var}
mkdir -p "$VAR/nginx"
VAR=$(cd "$VAR" && pwd)

# as_service CMD...: runs CMD as the service user (as root only).
root=""
if [ "$(id -u)" = 0 ]; then
	root=yes
	SERVICE_USER=${SERVICE_USER:-nobody}
	SERVICE_GROUP=$(id -gn "$SERVICE_USER")
fi
as_service() {
	setpriv --reuid="$SERVICE_USER" --regid="$SERVICE_GROUP" --clear-groups "$@"
}
if [ -n "$root" ] && [ -z "$var_given" ] && ! as_service test -x "$VAR/.."; then
	echo "run: $SERVICE_USER cannot reach $VAR; using /var/tmp/quire-run" >&2
	VAR=/var/tmp/quire-run
	mkdir -p "$VAR/nginx"
fi
DB=${DB:-$VAR/demo.db}
QUIRE=${QUIRE:-$top/build/quire}
WORKERS=${WORKERS:-2}
QUIRE_ARGS=${QUIRE_ARGS:-}${QUIRE_CLOCK:+ --clock $QUIRE_CLOCK}
# The test suite sets QUIRE_STRICT_TEMPLATES=1: a value a template asks for
# and a page never set is then an error (a 500), not an empty string.
if [ "${QUIRE_STRICT_TEMPLATES:-0}" = 1 ]; then
	QUIRE_ARGS="--strict-templates $QUIRE_ARGS"
fi
sock=$VAR/quire.sock

case $PORT in
''|*[!0-9]*) echo "run: PORT must be a number" >&2; exit 2 ;;
esac
# A port something already answers on (another make run, say): say so
# before making or printing anything.
if (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; then
	echo "run: port $PORT on 127.0.0.1 is in use by another program;" \
	    "pick another: PORT=$((PORT + 1)) make run" >&2
	exit 1
fi

creds=$VAR/demo-credentials
if [ ! -f "$DB" ]; then
	"$QUIRE" init --db "$DB" --demo
	# The demo's author account, with a password made here and kept
	# (mode 0600) beside the database so every run can print it.
	pw=$(head -c 18 /dev/urandom | base64 | tr -d '/+=' | cut -c1-20)
	printf '%s\n' "$pw" | "$QUIRE" user add demo --name "Demo Author" --db "$DB"
	(umask 077; printf 'login: demo\npassword: %s\n' "$pw" > "$creds")
fi
# The address absolute links and redirects are built from: configuration,
# never a request's Host header.
"$QUIRE" init --db "$DB" --base-url "$BASE_URL" >/dev/null

# As root, quire serve binds the socket, hands it to the service user and
# becomes that user before it opens the database: the user must own VAR,
# the database and what SQLite writes beside it. The database's folder is
# handed over when it is VAR or a scratch folder under the temp dir (the
# tests'); any other folder must already be writable by the user.
if [ -n "$root" ]; then
	dbdir=$(cd "$(dirname "$DB")" && pwd)
	tmp=${TMPDIR:-/tmp}
	chown "$SERVICE_USER:$SERVICE_GROUP" "$VAR" "$DB"
	for f in "$DB-wal" "$DB-shm"; do
		[ -e "$f" ] && chown "$SERVICE_USER:$SERVICE_GROUP" "$f"
	done
	case $dbdir in
	"$VAR"|"$tmp"/?*) chown "$SERVICE_USER:$SERVICE_GROUP" "$dbdir" ;;
	esac
	if ! as_service test -w "$dbdir" -a -w "$DB"; then
		echo "run: $SERVICE_USER (SERVICE_USER) cannot write $DB and its folder;" \
		    "give it the folder, or set VAR and DB to a place it can" >&2
		exit 1
	fi
	QUIRE_ARGS="--user $SERVICE_USER --group $SERVICE_GROUP $QUIRE_ARGS"
fi

nginx_limits "$VAR/nginx"
conns=${NGINX_WORKER_CONNECTIONS:-4096}
case $conns in
''|*[!0-9]*) echo "run: NGINX_WORKER_CONNECTIONS must be a number" >&2; exit 2 ;;
esac
# Two descriptors a proxied request (the client's, quire's); as a user, no
# more than the hard limit allows.
nofile=$((conns * 2))
hard=$(ulimit -Hn)
if [ "$hard" != unlimited ] && [ "$hard" -lt "$nofile" ]; then
	nofile=$hard
fi

# nginx started by root runs its workers as nobody, who could not reach the
# socket and logs under VAR: keep them as the invoking user.
user_line=""
if [ "$(id -u)" = 0 ]; then
	user_line="user root root;"
fi

cat > "$VAR/nginx/fastcgi.conf" <<CONF
# Generated by src/run.sh: how nginx talks to quire. Edits are lost.
fastcgi_pass unix:$sock;
fastcgi_param REQUEST_METHOD \$request_method;
fastcgi_param REQUEST_URI \$request_uri;
fastcgi_param QUERY_STRING \$query_string;
fastcgi_param CONTENT_TYPE \$content_type;
fastcgi_param CONTENT_LENGTH \$content_length;
fastcgi_param SCRIPT_NAME "";
fastcgi_param DOCUMENT_URI \$document_uri;
fastcgi_param SERVER_PROTOCOL \$server_protocol;
fastcgi_param REQUEST_SCHEME \$scheme;
fastcgi_param HTTPS \$https if_not_empty;
fastcgi_param GATEWAY_INTERFACE CGI/1.1;
fastcgi_param REMOTE_ADDR \$remote_addr;
fastcgi_param REMOTE_PORT \$remote_port;
fastcgi_param SERVER_ADDR \$server_addr;
fastcgi_param SERVER_PORT \$server_port;
fastcgi_param SERVER_NAME \$server_name;
CONF

cat > "$VAR/nginx.conf" <<CONF
# Generated by src/run.sh: a local nginx in front of quire. Edits are lost.
$user_line
worker_processes 1;
# Room for slow clients: docs/nginx/quire-limits.conf says why.
worker_rlimit_nofile $nofile;
daemon off;
pid $VAR/nginx.pid;
error_log $VAR/nginx-error.log warn;
events { worker_connections $conns; }
http {
	include /etc/nginx/mime.types;
	default_type application/octet-stream;
	access_log $VAR/nginx-access.log;
	client_body_temp_path $VAR/nginx/body;
	fastcgi_temp_path $VAR/nginx/fastcgi;
	proxy_temp_path $VAR/nginx/proxy;
	uwsgi_temp_path $VAR/nginx/uwsgi;
	scgi_temp_path $VAR/nginx/scgi;
	server_tokens off;
	charset utf-8;
	charset_types text/css image/svg+xml;
	include $VAR/nginx/quire-zones.conf;
	# As docs/nginx/ recommends: pages and feeds compressed.
	gzip on;
	gzip_comp_level 5;
	gzip_min_length 512;
	gzip_vary on;
	gzip_types text/css image/svg+xml application/atom+xml
	    application/rss+xml application/feed+json application/xml text/xml
	    text/plain;

	server {
		listen 127.0.0.1:$PORT;
		server_name localhost;
		# Timeouts, connections per address, the sign-in's rate, the
		# body limit: as docs/nginx/quire.conf.
		include $VAR/nginx/quire-limits.conf;

		# Pages link /static/NAME?v=VERSION (the files' hash): a new
		# file is a new URL, so a copy may be kept for a year.
		location /static/ {
			alias $top/templates/static/;
			expires 1y;
			add_header X-Content-Type-Options nosniff;
		}
		location = /favicon.ico {
			absolute_redirect off;	# not built from the Host header
			return 301 /static/favicon.svg;
		}
		# An import through /admin/tools: as docs/nginx/quire.conf.
		location = /admin/tools/import {
			client_max_body_size 64m;
			include $VAR/nginx/fastcgi.conf;
		}
		location / {
			include $VAR/nginx/fastcgi.conf;
		}
	}
}
CONF

qpid=""
npid=""
cleanup() {
	trap - INT TERM EXIT
	[ -n "$npid" ] && kill "$npid" 2>/dev/null || true
	[ -n "$qpid" ] && kill "$qpid" 2>/dev/null || true
	wait 2>/dev/null || true
	rm -f "$sock"
}
trap cleanup EXIT
trap 'exit 0' INT TERM

# shellcheck disable=SC2086
"$QUIRE" serve --db "$DB" --socket "$sock" --workers "$WORKERS" $QUIRE_ARGS &
qpid=$!
i=0
while [ ! -S "$sock" ]; do
	i=$((i + 1))
	if [ $i -gt 100 ] || ! kill -0 "$qpid" 2>/dev/null; then
		echo "run: quire serve did not start" >&2
		exit 1
	fi
	sleep 0.05
done

nginx -c "$VAR/nginx.conf" -e "$VAR/nginx-error.log" &
npid=$!
i=0
while ! (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; do
	i=$((i + 1))
	if [ $i -gt 100 ] || ! kill -0 "$npid" 2>/dev/null; then
		echo "run: nginx did not start; see $VAR/nginx-error.log" >&2
		exit 1
	fi
	sleep 0.05
done 2>/dev/null

echo "Quire is serving $DB at http://127.0.0.1:$PORT/ (Ctrl-C stops it)"
if [ -f "$creds" ]; then
	echo "Write at http://127.0.0.1:$PORT/admin, signing in with"
	sed 's/^/  /' "$creds"
fi
wait -n
echo "run: a server ended; stopping" >&2
