#!/usr/bin/env bash
# End-to-end tests of conditional GET and of the shipped nginx cache.
#
#   bash tests/e2e/cache.sh [QUIRE_BINARY]     (from the repo root)
#
# Part 1, through src/run.sh (nginx in front of `quire serve`, no cache):
# every reader page sends a strong ETag, a Last-Modified and Cache-Control:
# public, max-age=60, and answers If-None-Match / If-Modified-Since with a
# 304; an edit, a publication, an unpublication or a settings change moves
# the ETag of exactly the pages that show it; a scheduled article caps
# max-age until it goes live. Part 2: docs/nginx/quire-cache.conf and
# docs/nginx/quire-fastcgi.conf, changed by sed only (port, paths, server
# name), in front of `quire serve --max-age 3`: a page is served from the
# cache, revalidated with a 304, shows an edit, is gzipped, keeps the
# security headers; /admin and 404s are not cached.
#
# QUIRE_BINARY defaults to build/quire; the test runner also passes
# build/asan/quire. One line per check, "ok - ..." or "not ok - ..." with
# indented details; the exit status is 1 if any check failed.
#
# Needs: curl, sqlite3, nginx, perl, gzip. KEEP_E2E=1 keeps the temporary
# folder (it is also kept when a check fails).

# Checks pass single-quoted conditions to eval, on purpose:
# shellcheck disable=SC2016,SC2034
set -u

# Reporting, set-up, servers, polling and the clock shared by the
# end-to-end scripts.
# shellcheck source=tests/e2e/lib.sh
. "$(dirname "$0")/lib.sh"
e2e_init cache "${1:-}"

# ---------------------------------------------------------------------------
# Small helpers

# grab PERL_REGEX FILE: group 1 of the first match ("" if none).
grab() {
	perl -0777 -ne 'if (/'"$1"'/s) { print $1 }' "$2"
}

# Is header NAME in a header file at all?
has_hdr() {
	tr -d '\r' < "$1" | grep -qi "^$2:"
}

has() {
	grep -qF -- "$2" "$1"
}

q() {
	sqlite3 -init /dev/null -batch -noheader -separator $'\x1f' "$DB" "$@"
}

# IMF-fixdate of Unix time T, and back.
http_date() {
	LC_ALL=C date -u -d "@$1" '+%a, %d %b %Y %H:%M:%S GMT'
}
epoch_of() {
	LC_ALL=C date -u -d "$1" +%s 2>/dev/null || echo 0
}

IMF_RE='^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), [0-9]{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) [0-9]{4} [0-9]{2}:[0-9]{2}:[0-9]{2} GMT$'

# nlog FIXED_STRING FILE: how many log lines hold it.
nlog() {
	local n
	n=$(grep -cF -- "$1" "$2" 2>/dev/null)
	echo "${n:-0}"
}

# wait_log FIXED_STRING FILE N: wait (up to 3 s) for N lines holding it.
log_has() {
	[ "$(nlog "$1" "$2")" -ge "$3" ]
}
wait_log() {
	wait_for 60 log_has "$@"
}

# ---------------------------------------------------------------------------
# Set-up: tools, binary, database, an account

need curl sqlite3 nginx perl pgrep gzip
[ -x "$QUIRE" ] || bail "the binary $QUIRE exists" "build it with make"
echo "# e2e cache: $QUIRE"

e2e_workdir
# The clock quire and the cache's nginx read: it stands still, and moves
# only when the test moves it (no test sleeps for time to pass). It starts
# at a constant, so that the site holds the same articles whatever the day
# (the demo's 2031 article).
T0=1780315200	# 2026-06-01 12:00 UTC: after every demo article but the 2031 one
clock_init "$W/clock" "$T0"
faketime_env || bail "libfaketime is installed (the cache's nginx runs on the tests' clock)" \
    "apt-get install libfaketime, or set FAKETIME_LIB to libfaketime.so.1"
H=$W/http
VAR=$W/var
DB=$W/site.db
mkdir -p "$H" "$VAR"

"$QUIRE" init --db "$DB" --demo >"$W/init.out" 2>&1 ||
    bail "quire init --demo creates the test database" "$(cat "$W/init.out")"
PW='cache-editor-passphrase-1'
printf '%s\n' "$PW" | "$QUIRE" user add editor --name Editor --db "$DB" \
    >"$W/useradd.out" 2>&1 ||
    bail "quire user add creates the editor's account" "$(cat "$W/useradd.out")"

VISIBLE="status = 'published' AND published_at <= $(clock_now)"

# Visible articles, newest first, as the site lists them.
declare -a A_ID A_T A_YM A_SLUG
while IFS=$'\x1f' read -r id t ym slug; do
	A_ID+=("$id") A_T+=("$t") A_YM+=("$ym") A_SLUG+=("$slug")
done < <(q "SELECT id, published_at, strftime('%Y/%m', published_at, 'unixepoch'),
    slug FROM articles WHERE $VISIBLE ORDER BY published_at DESC, id DESC")
NART=${#A_ID[@]}
per_page=$(q "SELECT value FROM settings WHERE key = 'per_page'")
per_page=${per_page:-10}
if ! [ "$NART" -gt 35 ] || [ "$per_page" != 10 ]; then
	bail "the demo has more than 35 published articles, 10 a page" "$NART articles, $per_page a page"
fi

art() {
	printf '/%s/%s' "${A_YM[$1]}" "${A_SLUG[$1]}"
}

# The article under test, X, is the 8th newest (on the home page, not at
# its end); its neighbours are the 7th and 9th, two away the 6th and 10th.
# The 11th opens the second home page; the 31st is in another year.
X=7 O=30
XID=${A_ID[$X]}
XY=${A_YM[$X]%/*}
OY=${A_YM[$O]%/*}
if [ "$XY" = "$OY" ]; then
	bail "the demo's articles $X and $O are in different years" "${A_YM[$X]} ${A_YM[$O]}"
fi

# ---------------------------------------------------------------------------
# Part 1: src/run.sh, nginx without a cache in front of quire

start_site "" ||
    bail "src/run.sh starts and answers on 127.0.0.1" "$(tail -n 20 "$VAR/server.log" 2>/dev/null)"
ok "src/run.sh starts nginx and quire (default --max-age) on 127.0.0.1:$port"
LOG=$VAR/server.log

code=""

# head NAME PATH [CURL_ARGS...]: a HEAD request, as get.
head_req() {
	local name=$1 path=$2
	shift 2
	get "$name" "$path" -I "$@"
}

# One line of headers for details.
brief() {
	printf 'status %s; ETag %s; Last-Modified %s; Cache-Control %s; Content-Length %s; body %s bytes' \
	    "$code" "$(hdr "$H/$1.h" ETag)" "$(hdr "$H/$1.h" Last-Modified)" \
	    "$(hdr "$H/$1.h" Cache-Control)" "$(hdr "$H/$1.h" Content-Length)" \
	    "$(wc -c < "$H/$1.b")"
}

get home /
older=$(grab '<a href="([^"]*)"[^>]*>\s*Older articles' "$H/home.b")
older=${older//&amp;/&}
[[ $older == "/?before="* ]] || bail "the home page links to an older page (/?before=...)" "link: '$older'"

# ---------------------------------------------------------------------------
# Validators and conditional requests on every kind of reader page

declare -a CP_NAME=(home older archive year month article page)
declare -A CP_PATH=(
	[home]=/
	[older]=$older
	[archive]=/archive
	[year]=/archive/$XY
	[month]=/archive/${A_YM[$X]}
	[article]=$(art $X)
	[page]=/about
)

for n in "${CP_NAME[@]}"; do
	p=${CP_PATH[$n]}
	get "$n" "$p"
	c0=$code tag=$(hdr "$H/$n.h" ETag) lm=$(hdr "$H/$n.h" Last-Modified)
	cc=$(hdr "$H/$n.h" Cache-Control) date=$(hdr "$H/$n.h" Date)
	check "GET $p: 200, a strong ETag, an IMF-fixdate Last-Modified not after Date, Cache-Control: public, max-age=60 (the default)" \
	    "$(brief "$n"); Date $date" \
	    eval '[ "$c0" = 200 ] && [[ $tag =~ ^\"[^\"]+\"$ ]] && [[ $lm =~ $IMF_RE ]] &&
	    [ "$(epoch_of "$lm")" -le "$(epoch_of "$date")" ] && [ "$cc" = "public, max-age=60" ] &&
	    has "$H/$n.b" "</html>"'

	get "$n-again" "$p"
	check "GET $p again (either worker): the same ETag and Last-Modified" \
	    "first: $tag $lm; again: $(brief "$n-again")" \
	    eval '[ "$code" = 200 ] && [ "$(hdr "$H/$n-again.h" ETag)" = "$tag" ] &&
	    [ "$(hdr "$H/$n-again.h" Last-Modified)" = "$lm" ]'

	n304=$(nlog "\"GET $p\" 304" "$LOG")
	get "$n-inm" "$p" -H "If-None-Match: $tag"
	c1=$code
	wait_log "\"GET $p\" 304" "$LOG" $((n304 + 1))
	check "GET $p with If-None-Match: its tag → 304, no body, the same ETag, Cache-Control, no Content-Length; quire logs the 304" \
	    "$(brief "$n-inm"); quire's 304 lines for it: $n304 -> $(nlog "\"GET $p\" 304" "$LOG")" \
	    eval '[ "$c1" = 304 ] && [ ! -s "$H/$n-inm.b" ] && [ "$(hdr "$H/$n-inm.h" ETag)" = "$tag" ] &&
	    [ "$(hdr "$H/$n-inm.h" Cache-Control)" = "public, max-age=60" ] &&
	    { ! has_hdr "$H/$n-inm.h" Content-Length || [ "$(hdr "$H/$n-inm.h" Content-Length)" = 0 ]; } &&
	    [ "$(nlog "\"GET $p\" 304" "$LOG")" -gt "$n304" ]'

	get "$n-weak" "$p" -H "If-None-Match: W/$tag"
	check "GET $p with If-None-Match: W/tag → 304 (weak comparison)" "$(brief "$n-weak")" \
	    [ "$code" = 304 ]

	get "$n-list" "$p" -H "If-None-Match: \"x\", $tag"
	check "GET $p with If-None-Match: \"x\", tag → 304" "$(brief "$n-list")" [ "$code" = 304 ]

	get "$n-star" "$p" -H "If-None-Match: *"
	check "GET $p with If-None-Match: * → 304" "$(brief "$n-star")" [ "$code" = 304 ]

	get "$n-ims" "$p" -H "If-Modified-Since: $lm"
	check "GET $p with If-Modified-Since: its Last-Modified → 304" "$(brief "$n-ims")" \
	    eval '[ "$code" = 304 ] && [ ! -s "$H/$n-ims.b" ]'

	earlier=$(http_date $(($(epoch_of "$lm") - 1)))
	get "$n-ims1" "$p" -H "If-Modified-Since: $earlier"
	check "GET $p with If-Modified-Since one second earlier ($earlier) → 200, the page" \
	    "$(brief "$n-ims1")" \
	    eval '[ "$code" = 200 ] && cmp -s "$H/$n.b" "$H/$n-ims1.b"'

	get "$n-both" "$p" -H 'If-None-Match: "other"' -H "If-Modified-Since: $lm"
	check "GET $p with If-None-Match: \"other\" and a matching If-Modified-Since → 200 (If-None-Match wins)" \
	    "$(brief "$n-both")" \
	    eval '[ "$code" = 200 ] && has "$H/$n-both.b" "</html>"'

	head_req "$n-head" "$p" -H "If-None-Match: $tag"
	check "HEAD $p with If-None-Match: its tag → 304, the same ETag" "$(brief "$n-head")" \
	    eval '[ "$code" = 304 ] && [ "$(hdr "$H/$n-head.h" ETag)" = "$tag" ]'

	get "$n-bad" "$p" -H 'If-Modified-Since: yesterday, around noon'
	check "GET $p with a malformed If-Modified-Since → 200" "$(brief "$n-bad")" \
	    eval '[ "$code" = 200 ] && has "$H/$n-bad.b" "</html>"'
done

# An If-None-Match list that does not hold the tag, but is longer than
# quire keeps (2048 bytes), with a matching If-Modified-Since: the request
# has If-None-Match, so If-Modified-Since must be ignored (RFC 9110 13.1.3).
p=/archive
tag=$(hdr "$H/archive.h" ETag) lm=$(hdr "$H/archive.h" Last-Modified)
long=$(perl -e 'print join(", ", map { sprintf "\"%032x\"", $_ } 1 .. 70)')
get long-inm "$p" -H "If-None-Match: $long" -H "If-Modified-Since: $lm"
check "GET $p with a ${#long}-byte If-None-Match that does not hold its tag, and a matching If-Modified-Since → 200" \
    "$(brief long-inm) (app.c conditional() falls back to If-Modified-Since when req.c dropped the over-long If-None-Match)" \
    [ "$code" = 200 ]

# ---------------------------------------------------------------------------
# Responses that must carry no validator

errs=""
for p in /no-such-page "/${A_YM[$X]}/no-such-article" /archive/1999 /archive/2024/13 '/?before=1-1'; do
	get e404 "$p"
	if [ "$code" != 404 ] || has_hdr "$H/e404.h" ETag || has_hdr "$H/e404.h" Last-Modified ||
	    [[ $(hdr "$H/e404.h" Cache-Control) == public* ]]; then
		errs+="GET $p: $(brief e404)"$'\n'
	fi
done
check "404s (no page, no article, an empty year, a bad month, an empty older page): no ETag, no Last-Modified, not public" \
    "$errs" [ -z "$errs" ]

errs=""
for p in /admin /admin/login /admin/settings; do
	get adm "$p"
	if has_hdr "$H/adm.h" ETag || [ "$(hdr "$H/adm.h" Cache-Control)" != no-store ]; then
		errs+="GET $p: $(brief adm)"$'\n'
	fi
done
check "GET /admin, /admin/login, /admin/settings: no ETag, Cache-Control: no-store" "$errs" [ -z "$errs" ]

errs=""
get p_login /admin/login --data-urlencode login=editor --data-urlencode password=wrong-password-here
has_hdr "$H/p_login.h" ETag && errs+="POST /admin/login: $(brief p_login)"$'\n'
get p_home / -d x=1
has_hdr "$H/p_home.h" ETag && errs+="POST /: $(brief p_home)"$'\n'
[ "$code" = 405 ] || errs+="POST /: status $code, want 405"$'\n'
check "POSTs (a failed sign-in, a POST to /: 405) carry no ETag" "$errs" [ -z "$errs" ]

# ---------------------------------------------------------------------------
# Which ETags an edit moves: record every watched page, change one thing,
# record again, compare.

A_JAR=$W/editor.jar
get signin /admin/login -c "$A_JAR" --data-urlencode login=editor --data-urlencode "password=$PW"
[ "$code" = 303 ] || bail "the editor signs in" "$(brief signin)"
get newform /admin/articles/new -b "$A_JAR"
CSRF=$(grab 'name="csrf" value="([0-9a-f]{64})"' "$H/newform.b")
[ -n "$CSRF" ] || bail "the editor gets a CSRF token" "$(brief newform)"

# The messages next to fields, for details.
messages() {
	perl -0777 -ne 'while (/<(?:span|p) class="error"[^>]*>(.*?)<\/(?:span|p)>/gs) { print "$1\n" }' "$1" | head -n 5
}

# save_article NAME ID ACTION [FIELD=VALUE...]: the editor's form for
# article ID as the editor would send it (every field as stored), with the
# given fields changed (body=@FILE reads the body from FILE); ID 0 is a
# new article. Sets $code; 303 when saved.
save_article() {
	local name=$1 id=$2 action=$3 kv k v
	local -A f=()
	local -a a=()
	shift 3
	if [ "$id" != 0 ]; then
		for k in title slug author excerpt revision; do
			f[$k]=$(q "SELECT $k FROM articles WHERE id = $id")
		done
		f[date]=$(q "SELECT strftime('%Y-%m-%d', published_at, 'unixepoch') FROM articles WHERE id = $id")
		f[time]=$(q "SELECT strftime('%H:%M', published_at, 'unixepoch') FROM articles WHERE id = $id")
		q "SELECT body FROM articles WHERE id = $id" | perl -0777 -pe 's/\n\z//' > "$W/body.$id"
		f[body]=@$W/body.$id
	fi
	for kv in "$@"; do
		f[${kv%%=*}]=${kv#*=}
	done
	for k in "${!f[@]}"; do
		v=${f[$k]}
		if [ "$k" = body ] && [[ $v == @* ]]; then
			a+=(--data-urlencode "body$v")
		else
			a+=(--data-urlencode "$k=$v")
		fi
	done
	local path=/admin/articles/new
	[ "$id" != 0 ] && path=/admin/articles/$id
	get "$name" "$path" -b "$A_JAR" --data-urlencode "csrf=$CSRF" \
	    --data-urlencode "action=$action" "${a[@]}"
}

# The watched pages, by path.
declare -a WATCH=(
	/ "$older" /archive
	"/archive/$XY" "/archive/${A_YM[$X]}"
	"/archive/$OY" "/archive/${A_YM[$O]}"
	"$(art $X)" "$(art $((X - 1)))" "$(art $((X + 1)))"
	"$(art $((X - 2)))" "$(art $((X + 2)))" "$(art $((X + 3)))" "$(art $O)"
	/about /contribute
)
declare -A BEFORE=() AFTER=() LM_BEFORE=() LM_AFTER=()

# snapshot ARRAY LM_ARRAY: the ETag (or "status NNN") of every watched page.
snapshot() {
	local -n out=$1 lms=$2
	local p i=0 t
	for p in "${WATCH[@]}"; do
		i=$((i + 1))
		get "snap$i" "$p"
		t=$(hdr "$H/snap$i.h" ETag)
		[ "$code" = 200 ] && [ -n "$t" ] || t="status $code, ETag '$t'"
		# shellcheck disable=SC2004 # associative arrays, by name
		out[$p]=$t
		# shellcheck disable=SC2004
		lms[$p]=$(hdr "$H/snap$i.h" Last-Modified)
	done
}

# verify_change LABEL PATH...: the PATHs' ETags moved, and no other's.
verify_change() {
	local label=$1 p moved="" stayed="" want
	shift
	want=$(printf ' %s ' "$@")
	for p in "${WATCH[@]}"; do
		if [[ $want == *" $p "* ]]; then
			if [ "${BEFORE[$p]}" = "${AFTER[$p]}" ] || [[ ${AFTER[$p]} == status* ]]; then
				stayed+="$p: still ${AFTER[$p]}"$'\n'
			fi
		elif [ "${BEFORE[$p]}" != "${AFTER[$p]}" ]; then
			moved+="$p: ${BEFORE[$p]} -> ${AFTER[$p]}"$'\n'
		fi
	done
	check "$label: the ETag of every page that shows it changed ($*)" "$stayed" [ -z "$stayed" ]
	check "$label: no other page's ETag changed" "$moved" [ -z "$moved" ]
}

# A page of another year and month, and an article there: their first
# tags must stay good (304) through the edits (a)-(d).
o_month=/archive/${A_YM[$O]} o_art=$(art $O)
get o_m "$o_month"
tag_om=$(hdr "$H/o_m.h" ETag)
get o_a "$o_art"
tag_oa=$(hdr "$H/o_a.h" ETag)
f_err=""
still_304() {
	get f_m "$o_month" -H "If-None-Match: $tag_om"
	[ "$code" = 304 ] || f_err+="after $1: GET $o_month with its first tag: $code"$'\n'
	get f_a "$o_art" -H "If-None-Match: $tag_oa"
	[ "$code" = 304 ] || f_err+="after $1: GET $o_art with its first tag: $code"$'\n'
}

snapshot BEFORE LM_BEFORE

# (a) The body of X alone. Home lists it (its excerpt); no archive page
# shows bodies; its neighbours show only its title.
rev0=$(q "SELECT revision || ' ' || list_rev FROM articles WHERE id = $XID")
q "SELECT body FROM articles WHERE id = $XID" | perl -0777 -pe 's/\n\z//' > "$W/xbody"
{ printf 'A new first paragraph, written for the cache test.\n\n'; cat "$W/xbody"; } > "$W/xbody.a"
save_article edit_a "$XID" publish body=@"$W/xbody.a"
rev1=$(q "SELECT revision || ' ' || list_rev FROM articles WHERE id = $XID")
check "(a) the admin saves a body-only edit of $(art $X): 303, revision bumped, list_rev not" \
    "status $code $(hdr "$H/edit_a.h" Location); revision list_rev: $rev0 -> $rev1; $(messages "$H/edit_a.b")" \
    eval '[ "$code" = 303 ] && [ "${rev1#* }" = "${rev0#* }" ] && [ "${rev1% *}" -gt "${rev0% *}" ]'
snapshot AFTER LM_AFTER
verify_change "(a) body of $(art $X) edited" / "$(art $X)"
still_304 "(a)"
for k in "${!AFTER[@]}"; do BEFORE[$k]=${AFTER[$k]}; LM_BEFORE[$k]=${LM_AFTER[$k]}; done

# (a') The body of the 11th article, the first of the second home page:
# the first page shows nothing of it (its "older" link is made from the
# 10th).
ID11=${A_ID[$per_page]}
q "SELECT body FROM articles WHERE id = $ID11" | perl -0777 -pe 's/\n\z//' > "$W/body11"
{ printf 'A new opening line for the cache test.\n\n'; cat "$W/body11"; } > "$W/body11.a"
save_article edit_a2 "$ID11" publish body=@"$W/body11.a"
check "(a') the admin saves a body-only edit of $(art "$per_page") (first of the second home page): 303" \
    "status $code; $(messages "$H/edit_a2.b")" [ "$code" = 303 ]
snapshot AFTER LM_AFTER
verify_change "(a') body of $(art "$per_page") edited" "$older" "$(art "$per_page")"
for k in "${!AFTER[@]}"; do BEFORE[$k]=${AFTER[$k]}; LM_BEFORE[$k]=${LM_AFTER[$k]}; done

# (b) The title of X: its page, the archive pages of its month and year
# (a small year lists its titles), home, and its neighbours (which show
# its title) change; /archive (months and counts only) and an article two
# away do not.
save_article edit_b "$XID" publish "title=Retitled For The Cache Test"
rev2=$(q "SELECT list_rev FROM articles WHERE id = $XID")
check "(b) the admin saves a new title for $(art $X): 303, list_rev bumped" \
    "status $code; list_rev ${rev1#* } -> $rev2; $(messages "$H/edit_b.b")" \
    eval '[ "$code" = 303 ] && [ "$rev2" -gt "${rev1#* }" ]'
snapshot AFTER LM_AFTER
verify_change "(b) title of $(art $X) edited" / "/archive/$XY" "/archive/${A_YM[$X]}" \
    "$(art $X)" "$(art $((X - 1)))" "$(art $((X + 1)))"
still_304 "(b)"
for k in "${!AFTER[@]}"; do BEFORE[$k]=${AFTER[$k]}; LM_BEFORE[$k]=${LM_AFTER[$k]}; done

# (c) A new article, published with a past date between X and the next
# older one: home, the archive (all, its year, its month) and its two
# neighbours change, and the older home page (its cursor is older than
# the new article, but its link to the newer page moves); articles two
# away and other months do not.
clock_add 1	# (d) below needs (b), (c) and (d) in different seconds
t_new=$(( (A_T[X] + A_T[X + 1]) / 2 / 60 * 60 ))
NYM=$(q "SELECT strftime('%Y/%m', $t_new, 'unixepoch')")
save_article pub_c 0 publish "title=Published For The Cache Test" slug=cache-test-new \
    "date=$(q "SELECT strftime('%Y-%m-%d', $t_new, 'unixepoch')")" \
    "time=$(q "SELECT strftime('%H:%M', $t_new, 'unixepoch')")" \
    author= excerpt= "body=Published in the past, today."
NID=$(q "SELECT id FROM articles WHERE slug = 'cache-test-new'")
check "(c) the admin publishes a new article dated $(http_date "$t_new"): 303" \
    "status $code $(hdr "$H/pub_c.h" Location); $(messages "$H/pub_c.b")" \
    eval '[ "$code" = 303 ] && [ -n "$NID" ]'
snapshot AFTER LM_AFTER
verify_change "(c) /$NYM/cache-test-new published" / /archive "/archive/${NYM%/*}" "/archive/$NYM" \
    "$(art $X)" "$(art $((X + 1)))" "$older"
get new_art "/$NYM/cache-test-new"
check "(c) the new article's page is 200 with an ETag" "$(brief new_art)" \
    eval '[ "$code" = 200 ] && has_hdr "$H/new_art.h" ETag'
still_304 "(c)"
lm_home_c=${LM_AFTER[/]}
for k in "${!AFTER[@]}"; do BEFORE[$k]=${AFTER[$k]}; LM_BEFORE[$k]=${LM_AFTER[$k]}; done

# (d) Unpublished again: the same pages change back.
clock_add 1
t_d=$(clock_now)
save_article unpub_d "${NID:-0}" unpublish
check "(d) the admin unpublishes it: 303, a draft" \
    "status $code; $(messages "$H/unpub_d.b"); status $(q "SELECT status FROM articles WHERE id = ${NID:-0}")" \
    eval '[ "$code" = 303 ] && [ "$(q "SELECT status FROM articles WHERE id = ${NID:-0}")" = draft ]'
snapshot AFTER LM_AFTER
verify_change "(d) /$NYM/cache-test-new unpublished" / /archive "/archive/${NYM%/*}" "/archive/$NYM" \
    "$(art $X)" "$(art $((X + 1)))" "$older"
still_304 "(d)"
check "(f) across (a)-(d), $o_month and $o_art (another year) answer 304 to their first ETag" \
    "$f_err" [ -z "$f_err" ]
# A client that validates with If-Modified-Since alone, holding the home
# page of (c), which listed the article, must get the new page.
get d_ims / -H "If-Modified-Since: $lm_home_c"
check "(d) GET / with If-Modified-Since: the Last-Modified of (c) → 200 (the page changed since: the article left it)" \
    "$(brief d_ims); Last-Modified at (c) $lm_home_c, after the unpublication at $(http_date "$t_d"): $(hdr "$H/d_ims.h" Last-Modified) (db.c STMT_STAMP_HOME takes the latest updated_at/published_at of the rows still listed: a row that left the list no longer counts)" \
    [ "$code" = 200 ]
for k in "${!AFTER[@]}"; do BEFORE[$k]=${AFTER[$k]}; LM_BEFORE[$k]=${LM_AFTER[$k]}; done

# (e) A setting shows on every page: the disclaimer.
get settings /admin/settings -b "$A_JAR"
declare -a S_ARGS=(--data-urlencode "csrf=$CSRF")
for kv in title:site_title subtitle:site_subtitle base_url:site_base_url \
    author:site_author per_page:site_per_page; do
	S_ARGS+=(--data-urlencode "${kv#*:}=$(q "SELECT value FROM settings WHERE key = '${kv%%:*}'")")
done
q "SELECT value FROM settings WHERE key = 'contribute_note'" | perl -0777 -pe 's/\n\z//' > "$W/note"
q "SELECT value FROM settings WHERE key = 'disclaimer'" | perl -0777 -pe 's/\n\z//' > "$W/disc"
printf '\n\n**Cached.** This notice was changed by the cache test.' >> "$W/disc"
S_ARGS+=(--data-urlencode "site_note@$W/note" --data-urlencode "site_disclaimer@$W/disc")
for k in share_x share_linkedin share_facebook; do
	[ "$(q "SELECT value FROM settings WHERE key = '$k'")" = 1 ] && S_ARGS+=(--data-urlencode "$k=1")
done
where=$(q "SELECT value FROM settings WHERE key = 'disclaimer_where'")
S_ARGS+=(--data-urlencode "site_disclaimer_where=${where:-articles}")
t_e=$(clock_now)
get set_e /admin/settings -b "$A_JAR" "${S_ARGS[@]}"
check "(e) the admin saves the settings with a new disclaimer: 303" \
    "$(brief set_e) $(hdr "$H/set_e.h" Location); $(messages "$H/set_e.b")" [ "$code" = 303 ]
snapshot AFTER LM_AFTER
verify_change "(e) the disclaimer changed" "${WATCH[@]}"
errs=""
for p in "${WATCH[@]}"; do
	[ "$(epoch_of "${LM_AFTER[$p]}")" -ge "$t_e" ] || errs+="$p: Last-Modified ${LM_AFTER[$p]}"$'\n'
done
check "(e) every page's Last-Modified is now at or after the settings change" "$errs" [ -z "$errs" ]
get e_page "$(art "$X")"
check "(e) the new disclaimer shows (on an article: elsewhere it is a link)" "$(brief e_page)" has "$H/e_page.b" "This notice was changed by the cache test."

# ---------------------------------------------------------------------------
# Scheduling: max-age never past the next scheduled article

t_s=$(($(clock_now) + 8))
q "INSERT INTO articles (slug, title, author, excerpt, status, published_at,
    created_at, updated_at, body) VALUES ('cache-test-scheduled',
    'Scheduled For The Cache Test', '', '', 'published', $t_s, $(clock_now), $(clock_now),
    'Goes live when the test moves the clock 8 s on.')"
SYM=$(q "SELECT strftime('%Y/%m', $t_s, 'unixepoch')")
get s_home /
s_tag=$(hdr "$H/s_home.h" ETag)
get s_newest "$(art 0)"
s_newest_tag=$(hdr "$H/s_newest.h" ETag)
# Each answer given before t_s says max-age = t_s - (quire's now): the
# clock stands, so that is exactly 8, however long the requests take.
errs="" judged=0
for p in / /archive "$(art $X)" "$(art 0)" /about "/$SYM/cache-test-scheduled" "/$SYM/cache-test-scheduled#304"; do
	t0=$(clock_now)
	case $p in
	*'#304') get s_cc / -H "If-None-Match: $s_tag" ;;
	*) get s_cc "$p" ;;
	esac
	t1=$(clock_now)
	[ "$t1" -lt "$t_s" ] || continue
	judged=$((judged + 1))
	case $p in
	*'#304') [ "$code" = 304 ] || errs+="GET / with its tag: $(brief s_cc)"$'\n' ;;
	*/cache-test-scheduled) [ "$code" = 404 ] || errs+="GET $p before it goes live: $code"$'\n'; continue ;;
	esac
	ma=$(hdr "$H/s_cc.h" Cache-Control)
	ma=${ma#public, max-age=}
	if ! [[ $ma =~ ^[0-9]+$ ]] || [ "$ma" != $((t_s - t0)) ]; then
		errs+="GET $p sent at $t0: Cache-Control $(hdr "$H/s_cc.h" Cache-Control), the article goes live at $t_s"$'\n'
	fi
done
[ "$judged" = 7 ] || errs+="only $judged answers came back before the article went live"$'\n'
check "an article scheduled 8 s ahead: max-age on reader pages (200, and the 304 of /) is the time left (8), not 60; the article is not out yet" \
    "$errs" [ -z "$errs" ]
clock_set $((t_s + 1))
get s_home2 / -H "If-None-Match: $s_tag"
check "once it is live, GET / with the home page's earlier ETag → 200, and the page lists it" \
    "$(brief s_home2)" \
    eval '[ "$code" = 200 ] && has "$H/s_home2.b" "/$SYM/cache-test-scheduled" &&
    [ "$(hdr "$H/s_home2.h" ETag)" != "$s_tag" ]'
get s_art2 "/$SYM/cache-test-scheduled"
get s_newest2 "$(art 0)" -H "If-None-Match: $s_newest_tag"
check "once it is live, its page is 200, and the previous newest article's page (now with a next link) has a new ETag" \
    "its page: $code; $(art 0): $(brief s_newest2)" \
    eval '[ "$(head -n 1 "$H/s_art2.h" | tr -d "\r" | cut -d" " -f2)" = 200 ] && [ "$code" = 200 ] &&
    has "$H/s_newest2.b" "/$SYM/cache-test-scheduled"'
get s_cc2 /
check "with nothing due within 60 s, max-age is 60 again" "$(brief s_cc2)" \
    [ "$(hdr "$H/s_cc2.h" Cache-Control)" = "public, max-age=60" ]

stop_site
san=$(grep -E 'ERROR: (Address|Leak)Sanitizer|runtime error:|SUMMARY: [A-Za-z]*Sanitizer' "$LOG" | head -n 5)
crash=$(grep -E 'worker [0-9]+ ended| error ' "$LOG" | head -n 5)
check "part 1 server log: no sanitizer report, no worker died, no request logged as an error" \
    "$san$crash" [ -z "$san$crash" ]

# ---------------------------------------------------------------------------
# Part 2: the shipped cache configuration, docs/nginx/quire-cache.conf

C=$W/cache
mkdir -p "$C/tmp"
MAX_AGE=3
# cache_conf PORT: the shipped files, changed by sed only, in a minimal
# main configuration. Sets $errs to what could not be substituted.
cache_conf() {
	local port=$1 s
	errs=""
	sed -e "s|fastcgi_pass unix:/run/quire/quire.sock;|fastcgi_pass unix:$C/quire.sock;|" \
	    "$top/docs/nginx/quire-fastcgi.conf" > "$C/quire-fastcgi.conf"
	sed -e "s|/var/cache/nginx/quire |$C/store |" \
	    -e "s|^\([[:space:]]*\)listen 80;|\1listen 127.0.0.1:$port;|" \
	    -e "s|^\([[:space:]]*\)listen \[::\]:80;|\1# listen [::]:80; (not in the test)|" \
	    -e "s|server_name blog.example.org;|server_name localhost;|" \
	    -e "s|alias /usr/local/share/quire/static/;|alias $top/templates/static/;|" \
	    -e "s|include /etc/nginx/snippets/quire-fastcgi.conf;|include $C/quire-fastcgi.conf;|" \
	    -e "s|include /etc/nginx/snippets/quire-limits.conf;|include $C/quire-limits.conf;|" \
	    "$top/docs/nginx/quire-cache.conf" > "$C/quire-cache.conf"
	# docs/nginx/quire-zones.conf and quire-limits.conf, as src/run.sh serves them.
	bash "$top/src/run.sh" --limits "$C" || errs+="src/run.sh --limits failed"$'\n'
	has "$C/quire-fastcgi.conf" "unix:$C/quire.sock" ||
	    errs+="quire-fastcgi.conf: no fastcgi_pass unix:/run/quire/quire.sock to replace"$'\n'
	for s in "$C/store " "listen 127.0.0.1:$port;" "server_name localhost;" \
	    "alias $top/templates/static/;" "include $C/quire-fastcgi.conf;" \
	    "include $C/quire-limits.conf;"; do
		has "$C/quire-cache.conf" "$s" || errs+="quire-cache.conf: '$s' not substituted"$'\n'
	done
	s=$(grep -nE '/etc/nginx/snippets|/var/cache/nginx|/usr/local/share|listen (\[::\]:)?80;' \
	    "$C/quire-cache.conf" | grep -vE '^[0-9]+:[[:space:]]*#')
	[ -z "$s" ] || errs+="quire-cache.conf: a production path or port is left: $s"$'\n'
	cat > "$C/nginx.conf" <<CONF
$user_line
worker_processes 1;
daemon off;
# libfaketime's settings, kept for the workers (faketime_env, tests/e2e/lib.sh).
env FAKETIME_TIMESTAMP_FILE;
env FAKETIME_NO_CACHE;
env FAKETIME_DONT_FAKE_MONOTONIC;
pid $C/nginx.pid;
error_log $C/nginx-error.log warn;
events { worker_connections 256; }
http {
	include /etc/nginx/mime.types;
	default_type application/octet-stream;
	access_log $C/nginx-access.log;
	client_body_temp_path $C/tmp/body;
	fastcgi_temp_path $C/tmp/fastcgi;
	proxy_temp_path $C/tmp/proxy;
	uwsgi_temp_path $C/tmp/uwsgi;
	scgi_temp_path $C/tmp/scgi;
	include $C/quire-zones.conf;
	include $C/quire-cache.conf;
}
CONF
}

user_line=""
[ "$(id -u)" = 0 ] && user_line="user root root;"
port2=$(free_port) || bail "a free port for the cache's nginx"
cache_conf "$port2"
[ -z "$errs" ] || bail "the shipped nginx files have the lines the test adapts (sed)" "$errs"
nginx -t -c "$C/nginx.conf" -e "$C/nginx-error.log" >"$C/nginx-t.out" 2>&1
check "nginx -t accepts docs/nginx/quire-cache.conf + quire-fastcgi.conf (ports and paths changed by sed only)" \
    "$(cat "$C/nginx-t.out")" eval 'grep -q "test is successful" "$C/nginx-t.out"'

QLOG=$C/quire.log
start_quire "$QLOG" --db "$DB" --socket "$C/quire.sock" --workers 2 --max-age "$MAX_AGE" ||
    bail "quire serve --socket $C/quire.sock --max-age $MAX_AGE starts" "$(tail -n 20 "$QLOG")"

# nginx under libfaketime: its cache entries age on the tests' clock.
start_nginx "$C/nginx.conf" "$C/nginx-error.log" /static/style.css cache_conf ||
    bail "nginx starts with the cache configuration on 127.0.0.1:$port" \
    "$(cat "$C/nginx-error.log.out"; tail -n 20 "$C/nginx-error.log" 2>/dev/null)"
port2=$port
base="http://127.0.0.1:$port2"
ok "quire serve --max-age $MAX_AGE and nginx with the cache configuration start on 127.0.0.1:$port2"
get c_time /static/style.css
ntime=$(epoch_of "$(hdr "$H/c_time.h" Date)")
check "nginx (libfaketime) keeps the tests' clock: its Date is the clock's time" \
    "Date: $(hdr "$H/c_time.h" Date) ($ntime); the clock: $(clock_now)" \
    [ "$ntime" = "$(clock_now)" ]

cstat() {
	hdr "$H/$1.h" X-Cache-Status
}

# A cached page: MISS, then HIT, quire renders it once.
P=$(art 3)
n200=$(nlog "\"GET $P\" 200" "$QLOG")
get c_miss "$P"
st1=$(cstat c_miss) c1=$code
get c_hit "$P"
st2=$(cstat c_hit)
wait_log "\"GET $P\" 200" "$QLOG" $((n200 + 1))
check "GET $P through the cache: MISS (or EXPIRED), then HIT with the same body; quire rendered it once" \
    "first: $c1 $st1; second: $code $st2; bodies $(cmp -s "$H/c_miss.b" "$H/c_hit.b" && echo equal || echo differ); quire's 200s for it: $n200 -> $(nlog "\"GET $P\" 200" "$QLOG")" \
    eval '[ "$c1" = 200 ] && [[ $st1 == MISS || $st1 == EXPIRED ]] && [ "$code" = 200 ] && [ "$st2" = HIT ] &&
    cmp -s "$H/c_miss.b" "$H/c_hit.b" && [ "$(nlog "\"GET $P\" 200" "$QLOG")" = $((n200 + 1)) ]'
check "the cached page keeps quire's headers: ETag, Last-Modified, Cache-Control: public, max-age=$MAX_AGE, X-Content-Type-Options, Content-Security-Policy, Referrer-Policy" \
    "$(tr -d '\r' < "$H/c_hit.h")" \
    eval '[ -n "$(hdr "$H/c_hit.h" ETag)" ] && [ -n "$(hdr "$H/c_hit.h" Last-Modified)" ] &&
    [ "$(hdr "$H/c_hit.h" Cache-Control)" = "public, max-age=$MAX_AGE" ] &&
    [ "$(hdr "$H/c_hit.h" X-Content-Type-Options)" = nosniff ] &&
    [[ $(hdr "$H/c_hit.h" Content-Security-Policy) == *"default-src"* ]] &&
    [ -n "$(hdr "$H/c_hit.h" Referrer-Policy)" ]'

# After max-age: nginx asks again with If-None-Match / If-Modified-Since,
# quire answers 304, nginx keeps serving the full page.
clock_add $((MAX_AGE + 1))
n304=$(nlog "\"GET $P\" 304" "$QLOG")
get c_reval "$P"
st3=$(cstat c_reval)
wait_log "\"GET $P\" 304" "$QLOG" $((n304 + 1))
n304b=$(nlog "\"GET $P\" 304" "$QLOG")
get c_after "$P"
st4=$(cstat c_after)
check "after max-age, the entry is revalidated: quire answers nginx's conditional request with 304, the full page is served (REVALIDATED, or STALE while it is updated), then HIT" \
    "status $(head -n 1 "$H/c_reval.h" | tr -d '\r'), X-Cache-Status $st3; quire's 304s for it: $n304 -> $n304b; quire's 200s: $(nlog "\"GET $P\" 200" "$QLOG"); then $code $st4; bodies $(cmp -s "$H/c_miss.b" "$H/c_reval.b" && echo equal || echo differ)" \
    eval '[[ $st3 == REVALIDATED || $st3 == STALE || $st3 == EXPIRED || $st3 == UPDATING ]] &&
    [ "$n304b" -gt "$n304" ] && cmp -s "$H/c_miss.b" "$H/c_reval.b" && cmp -s "$H/c_miss.b" "$H/c_after.b" &&
    [ "$st4" = HIT ] && [ "$(nlog "\"GET $P\" 200" "$QLOG")" = $((n200 + 1)) ]'

# An edit, made through the admin behind the same configuration.
C_JAR=$W/cache-editor.jar
get c_signin /admin/login -c "$C_JAR" --data-urlencode login=editor --data-urlencode "password=$PW"
st=$(cstat c_signin)
get c_form /admin/articles/new -b "$C_JAR"
CSRF=$(grab 'name="csrf" value="([0-9a-f]{64})"' "$H/c_form.b")
A_JAR=$C_JAR
check "the editor signs in through the cache configuration (303, nothing cached)" \
    "sign-in: X-Cache-Status '$st'; form: $(brief c_form)" \
    eval '[ -n "$CSRF" ] && [[ $st == "" || $st == BYPASS ]]'

PID3=${A_ID[3]}
q "SELECT body FROM articles WHERE id = $PID3" | perl -0777 -pe 's/\n\z//' > "$W/body3"
MARK1="Edited through the cache, first time."
{ printf '%s\n\n' "$MARK1"; cat "$W/body3"; } > "$W/body3.a"
save_article c_edit1 "$PID3" publish body=@"$W/body3.a"
c_edit=$code
# A reader who keeps asking, once a second on the tests' clock: from max-age
# + 1 s after the edit, every answer has the new text (but a STALE one,
# which the next check is about). The entry was stored at the edit's time
# or before, so by then it has expired.
tries="" late_old="" seen=""
for ((k = 0; k <= MAX_AGE + 2; k++)); do
	get c_poll "$P"
	st=$(cstat c_poll)
	if has "$H/c_poll.b" "$MARK1"; then
		tries+=" +${k}s:$st:new"
		seen=$k
		[ "$k" -gt "$MAX_AGE" ] && break
	else
		tries+=" +${k}s:$st:old"
		[ "$k" -gt "$MAX_AGE" ] && [ "$st" != STALE ] && late_old+=" +${k}s:$st"
	fi
	clock_add 1
done
check "an edit (admin, 303) shows through the cache within max-age + 1 s to a reader who keeps asking" \
    "edit: $c_edit; GETs (time after the edit:X-Cache-Status:text):$tries; old text after max-age + 1 s:${late_old:- none}" \
    eval '[ "$c_edit" = 303 ] && [ -n "$seen" ] && [ -z "$late_old" ]'

# The same, for the first reader after max-age: no request in between.
MARK2="Edited through the cache, second time."
{ printf '%s\n\n' "$MARK2"; cat "$W/body3"; } > "$W/body3.b"
save_article c_edit2 "$PID3" publish body=@"$W/body3.b"
c_edit=$code
clock_add $((MAX_AGE + 1))
get c_first "$P"
st5=$(cstat c_first)
get c_second "$P"
check "an edit shows to the first reader who asks max-age + 1 s later (no request in between)" \
    "edit: $c_edit; that GET: X-Cache-Status $st5, $(has "$H/c_first.b" "$MARK2" && echo new || echo OLD) text; the GET after it: $(cstat c_second), $(has "$H/c_second.b" "$MARK2" && echo new || echo old) text. Old text here is what fastcgi_cache_background_update on would do (docs/nginx/quire-cache.conf leaves it off on purpose): the request that finds the entry expired gets the stale copy while the update runs in the background, so an idle page shows the old version to its next reader however long after the edit" \
    eval '[ "$c_edit" = 303 ] && has "$H/c_first.b" "$MARK2"'

# gzip
get c_gz / -H 'Accept-Encoding: gzip'
gz_ok=0
gzip -dc < "$H/c_gz.b" > "$H/c_gz.html" 2>/dev/null && has "$H/c_gz.html" "</html>" && gz_ok=1
check "GET / with Accept-Encoding: gzip: Content-Encoding: gzip, Vary: Accept-Encoding, the page unzips; security headers kept" \
    "$(tr -d '\r' < "$H/c_gz.h" | head -n 20)" \
    eval '[ "$code" = 200 ] && [ "$(hdr "$H/c_gz.h" Content-Encoding)" = gzip ] && [ $gz_ok = 1 ] &&
    [[ $(hdr "$H/c_gz.h" Vary) == *Accept-Encoding* ]] &&
    [ "$(hdr "$H/c_gz.h" X-Content-Type-Options)" = nosniff ] &&
    [ -n "$(hdr "$H/c_gz.h" Content-Security-Policy)" ] && [ -n "$(hdr "$H/c_gz.h" Referrer-Policy)" ]'
get c_gz2 / -H 'Accept-Encoding: gzip'
get c_plain /
check "the same cached page, gzipped and not: HIT both, the same HTML" \
    "gzip: $(cstat c_gz2); plain: $(cstat c_plain)" \
    eval '[ "$(cstat c_gz2)" = HIT ] && [ "$(cstat c_plain)" = HIT ] && gzip -dc < "$H/c_gz2.b" | cmp -s - "$H/c_plain.b"'

# /admin is never cached.
na=$(nlog '"GET /admin"' "$QLOG")
get c_adm1 /admin -b "$C_JAR"
c1=$code st1=$(cstat c_adm1)
get c_adm2 /admin -b "$C_JAR"
wait_log '"GET /admin"' "$QLOG" $((na + 2))
check "GET /admin (signed in) twice through the cache configuration: both reach quire, no-store, not cached" \
    "first: $c1 '$st1' $(hdr "$H/c_adm1.h" Cache-Control); second: $code '$(cstat c_adm2)' $(hdr "$H/c_adm2.h" Cache-Control); quire's lines: $na -> $(nlog '"GET /admin"' "$QLOG")" \
    eval '[ "$c1" = 200 ] && [ "$code" = 200 ] && [[ $st1 == "" || $st1 == BYPASS ]] &&
    [[ $(cstat c_adm2) == "" || $(cstat c_adm2) == BYPASS ]] &&
    [ "$(hdr "$H/c_adm2.h" Cache-Control)" = no-store ] && [ "$(nlog "\"GET /admin\"" "$QLOG")" -ge $((na + 2)) ]'
na=$(nlog '"GET /admin/login"' "$QLOG")
get c_login1 /admin/login
get c_login2 /admin/login
wait_log '"GET /admin/login"' "$QLOG" $((na + 2))
check "GET /admin/login twice without a session: both reach quire, no-store" \
    "$(cstat c_login2) $(hdr "$H/c_login2.h" Cache-Control); quire's lines: $na -> $(nlog '"GET /admin/login"' "$QLOG")" \
    eval '[ "$code" = 200 ] && [ "$(hdr "$H/c_login2.h" Cache-Control)" = no-store ] &&
    [ "$(nlog "\"GET /admin/login\"" "$QLOG")" -ge $((na + 2)) ] && [ "$(cstat c_login2)" != HIT ]'

# A 404 is not cached.
n4=$(nlog '"GET /no-such-page-here" 404' "$QLOG")
get c_404a /no-such-page-here
c1=$code st1=$(cstat c_404a)
get c_404b /no-such-page-here
wait_log '"GET /no-such-page-here" 404' "$QLOG" $((n4 + 2))
check "a 404 is not cached: two GETs, both reach quire" \
    "first: $c1 $st1; second: $code $(cstat c_404b); quire's 404s: $n4 -> $(nlog '"GET /no-such-page-here" 404' "$QLOG")" \
    eval '[ "$c1" = 404 ] && [ "$code" = 404 ] && [ "$(cstat c_404b)" != HIT ] &&
    [ "$(nlog "\"GET /no-such-page-here\" 404" "$QLOG")" = $((n4 + 2)) ]'

# Cache poisoning through the Host header (issue 7, defect 10). The base
# URL, set with quire init as a sysadmin does, is the only source of
# absolute URLs; the shipped files key the cache on the server's name and
# tell quire that name. Each attack below is the first request for its page,
# so its answer is what the cache keeps; then a normal reader asks.
"$QUIRE" init --db "$DB" --base-url https://blog.example.org >"$C/init-base.out" 2>&1
q "INSERT INTO settings (key, value) VALUES ('share_x', '1'), ('share_linkedin', '1'),
    ('share_facebook', '1') ON CONFLICT (key) DO UPDATE SET value = excluded.value;"
check "quire init --base-url sets the site's address on a served database" \
    "$(cat "$C/init-base.out")" \
    eval '[ "$(q "SELECT value FROM settings WHERE key = '"'base_url'"'")" = https://blog.example.org ]'
CANON='<link rel="canonical" href="https://blog.example.org'
SHARE='url=https%3A%2F%2Fblog.example.org%2F'
poison_case() {	# poison_case LABEL PATH CURL_ARGS...
	local label=$1 path=$2 bad good
	shift 2
	get p_bad "$path" "$@"
	bad="$code $(cstat p_bad) $(hdr "$H/p_bad.h" Location)"
	cp "$H/p_bad.b" "$H/p_bad-$label.b"
	get p_good "$path"
	good="$code $(cstat p_good) $(hdr "$H/p_good.h" Location)"
	check "poisoning ($label) of $path: the attacker's answer and the next reader's (from the cache) name only https://blog.example.org" \
	    "attacker: $bad; reader: $good; $(grep -o -E 'evil\.example[^"<]{0,40}|localhost:9999[^"<]{0,20}' "$H/p_bad.b" "$H/p_good.b" "$H/p_bad.h" "$H/p_good.h" | head -n 5)" \
	    eval '! grep -q -E "evil\.example|:9999" "$H/p_bad.b" "$H/p_good.b" "$H/p_bad.h" "$H/p_good.h" &&
	    cmp -s "$H/p_bad.b" "$H/p_good.b" && [[ $(cstat p_good) == HIT || $(cstat p_good) == "" ]]'
}
poison_case host "$(art 5)" -H "Host: evil.example"
check "... the article's canonical link and share links use the base URL" \
    "$(grep -o -E '<link rel="canonical"[^>]*>|url=[^&"]*' "$H/p_good.b" | head -n 4)" \
    eval 'has "$H/p_good.b" "$CANON$(art 5)\">" && has "$H/p_good.b" "$SHARE"'
poison_case port "$(art 6)" -H "Host: localhost:9999"
poison_case absolute-form "$(art 7)" --request-target "http://evil.example$(art 7)"
poison_case host-redirect /archive/ -H "Host: evil.example"
check "... the redirect of /archive/ points at https://blog.example.org/archive" \
    "Location: $(hdr "$H/p_good.h" Location)" \
    eval '[ "$code" = 301 ] && [ "$(hdr "$H/p_good.h" Location)" = https://blog.example.org/archive ]'
poison_case host-home / -H "Host: evil.example" -H "X-Forwarded-Host: evil.example"

# A conditional request from a browser is answered by the cache.
tag=$(hdr "$H/c_plain.h" ETag)
get c_inm / -H "If-None-Match: $tag"
check "a browser's If-None-Match on a cached page gets 304 from the cache" "$(brief c_inm); $(cstat c_inm)" \
    [ "$code" = 304 ]

stop_pid "$n_pid"
stop_pid "$q_pid"
san=$(grep -E 'ERROR: (Address|Leak)Sanitizer|runtime error:|SUMMARY: [A-Za-z]*Sanitizer' "$QLOG" | head -n 5)
crash=$(grep -E 'worker [0-9]+ ended| error ' "$QLOG" | head -n 5)
nerr=$(grep -E '\[(error|crit|alert|emerg)\]' "$C/nginx-error.log" 2>/dev/null | head -n 5)
check "part 2: no sanitizer report or error in quire's log, no error in nginx's" \
    "$san$crash$nerr" [ -z "$san$crash$nerr" ]

# ---------------------------------------------------------------------------

t_end=$(date +%s)
echo "1..$((pass + fail))"
echo "e2e cache: $pass passed, $fail failed ($((t_end - t_start)) s, $QUIRE)"
[ "$fail" = 0 ]
