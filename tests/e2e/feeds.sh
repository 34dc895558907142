#!/usr/bin/env bash
# End-to-end tests of the feeds, through src/run.sh (nginx in front of
# `quire serve`):
#
#   bash tests/e2e/feeds.sh [QUIRE_BINARY]     (from the repo root)
#
# /feed.atom, /feed.rss and /feed.json are fetched and read by strict
# third-party parsers, any complaint a failure: Ruby's standard rss library
# with validation (Atom and RSS: required elements and their places; its
# REXML lets a raw "&" or control character through), Debian's
# python3-feedparser (bozo set is a failure: expat's well-formedness) and
# Python's own XML parser, and a checker of JSON Feed 1.1's rules written here on
# Python's json. An article whose title and body hold "]]>", "&", "<" and
# control characters keeps every feed valid; relative links and images
# come out absolute; ids survive a new title and slug; the 301s from the
# addresses readers guess; ETag and 304; a scheduled article is absent
# until the tests' clock reaches it; every page's head links the feeds.
#
# One line per check, "ok - ..." or "not ok - ..." with indented details;
# the exit status is 1 if any check failed. Needs: curl, sqlite3, nginx,
# ruby (Debian's ruby), /usr/bin/python3 with python3-feedparser.
# KEEP_E2E=1 keeps the temporary folder (it is also kept when a check
# fails).

# Checks pass single-quoted conditions to eval, on purpose:
# shellcheck disable=SC2016
set -u

# shellcheck source=tests/e2e/lib.sh
. "$(dirname "$0")/lib.sh"
e2e_init feeds "${1:-}"

need curl sqlite3 nginx ruby pgrep
PY=/usr/bin/python3
"$PY" -c 'import feedparser' 2>/dev/null ||
    bail "Debian's python3-feedparser is installed" "apt-get install python3-feedparser"
ruby -rrss -e '' 2>/dev/null || bail "Ruby's rss library loads" "apt-get install ruby"
[ -x "$QUIRE" ] || bail "the binary $QUIRE exists" "build it with make"
echo "# e2e feeds: $QUIRE"

e2e_workdir
H=$W/http
VAR=$W/var
DB=$W/site.db
mkdir -p "$H" "$VAR"
# The tests' clock, standing still (quire serve reads it): a constant, so
# that the feeds hold the same articles whatever the day (the demo's 2031
# article).
T0=1780315200	# 2026-06-01 12:00 UTC: after every demo article but the 2031 one
clock_init "$W/clock" "$T0"

"$QUIRE" init --db "$DB" --demo >"$W/init.out" 2>&1 ||
    bail "quire init --demo creates the test database" "$(cat "$W/init.out")"

q() {
	sqlite3 -init /dev/null -batch -noheader "$DB" "$@"
}

# The hostile article: the newest; "]]>", "&", "<" and control
# characters in its title and body; relative links and an image.
TITLE_SQL="'Brackets ]]> & <b>bold</b> ' || char(1) || 'end'"
# XML cannot carry U+0001, so the XML feeds drop it; JSON escapes it.
TITLE_SHOWN='Brackets ]]> & <b>bold</b> end'
TITLE_JSON=$'Brackets ]]> & <b>bold</b> \x01end'
BODY_SQL="'Text with ]]> and & and <tag> and ' || char(1) || char(27) || 'controls.' || char(10) || char(10) ||
    '[a sibling](sibling-piece), [about](/about), ![a picture](pic.png), [up](../../2020/01/x#frag), [here](#notes).'"
q "INSERT INTO articles (slug, title, body, status, published_at, created_at, updated_at)
    VALUES ('hostile-piece', $TITLE_SQL, $BODY_SQL, 'published', $((T0 - 60)), $((T0 - 120)), $((T0 - 120)))" ||
    bail "the hostile article is inserted"
HID=$(q "SELECT id FROM articles WHERE slug = 'hostile-piece'")
HYM=$(date -u -d "@$((T0 - 60))" +%Y/%m)
HYEAR=$(date -u -d "@$((T0 - 120))" +%Y)
# The scheduled article: an hour after the clock.
q "INSERT INTO articles (slug, title, body, status, published_at, created_at, updated_at)
    VALUES ('scheduled-piece', 'Scheduled piece', 'Not yet.', 'published', $((T0 + 3600)), $T0, $T0)" ||
    bail "the scheduled article is inserted"

# Tags: the hostile article carries a tag of its own and the demo's Café.
q "INSERT INTO tags (name, slug) VALUES ('Ünïcode Feeds', 'ünïcode-feeds');
   INSERT INTO article_tags (article_id, tag_id)
     SELECT $HID, id FROM tags WHERE slug IN ('ünïcode-feeds', 'café');" ||
    bail "the hostile article's tags are inserted"

start_site "" ||
    bail "src/run.sh starts and answers on 127.0.0.1" "$(tail -n 20 "$VAR/server.log" 2>/dev/null)"
ok "src/run.sh starts nginx and quire on 127.0.0.1:$port"

code=""

# ruby_ok FILE: Ruby's rss parses it with validation.
ruby_ok() {
	ruby -rrss -e 'RSS::Parser.parse(STDIN.read, true) or abort "not a feed"' \
	    < "$1" > "$1.ruby" 2>&1
}

# feedparser_ok FILE KIND: feedparser reads it as KIND (atom10, rss20)
# without bozo; prints its complaints otherwise. Then what it read, one
# line per entry: id, title, link, author, published, to FILE.fp, and the
# content as the document has it (feedparser's is sanitized), from
# Python's own XML parser.
feedparser_ok() {
	"$PY" - "$1" "$2" > "$1.fp" 2>&1 <<'EOF'
import json, sys, feedparser
import xml.etree.ElementTree as ET
raw = open(sys.argv[1], "rb").read()
d = feedparser.parse(raw)
A = "{http://www.w3.org/2005/Atom}"
root = ET.fromstring(raw)
if root.tag == A + "feed":
    bodies = [e.find(A + "content").text or "" for e in root.iter(A + "entry")]
else:
    bodies = [e.find("description").text or "" for e in root.iter("item")]
if d.bozo:
    sys.exit("bozo: %r" % (d.get("bozo_exception"),))
if d.version != sys.argv[2]:
    sys.exit("version %r, not %r" % (d.version, sys.argv[2]))
for k in ("title", "link"):
    if not d.feed.get(k):
        sys.exit("the feed has no " + k)
if len(bodies) != len(d.entries):
    sys.exit("%d entries, %d bodies" % (len(d.entries), len(bodies)))
for e, content in zip(d.entries, bodies):
    for k in ("id", "title", "link", "author", "published"):
        if not e.get(k):
            sys.exit("an entry has no %s: %r" % (k, e.get("id")))
    print(json.dumps([e.id, e.title, e.link, e.author, e.published, content]))
EOF
}

# jsonfeed_ok FILE: JSON Feed 1.1's rules; the same lines to FILE.fp.
jsonfeed_ok() {
	"$PY" - "$1" > "$1.fp" 2>&1 <<'EOF'
import json, re, sys
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")
ABS = re.compile(r"^https?://[^/?#\s]+")
def no(why):
    sys.exit(why)
raw = open(sys.argv[1], "rb").read()
try:
    f = json.loads(raw.decode("utf-8"))
except (UnicodeDecodeError, ValueError) as e:
    no("not UTF-8 JSON: %s" % e)
if not isinstance(f, dict):
    no("the top level is not an object")
if f.get("version") != "https://jsonfeed.org/version/1.1":
    no("version is %r" % f.get("version"))
if not isinstance(f.get("title"), str) or not f["title"]:
    no("no title")
for k in ("home_page_url", "feed_url"):
    if k in f and not (isinstance(f[k], str) and ABS.match(f[k])):
        no("%s is not an absolute URL: %r" % (k, f[k]))
def authors(o, where):
    a = o.get("authors", [])
    if not isinstance(a, list) or not all(isinstance(x, dict) and
            isinstance(x.get("name"), str) and x["name"] for x in a):
        no("%s: authors is not a list of objects with a name" % where)
authors(f, "feed")
if not isinstance(f.get("items"), list):
    no("items is not a list")
ids = set()
for it in f["items"]:
    if not isinstance(it, dict):
        no("an item is not an object")
    i = it.get("id")
    if not isinstance(i, str) or not i:
        no("an item without a string id")
    if i in ids:
        no("id %r twice" % i)
    ids.add(i)
    if not isinstance(it.get("content_html"), str):
        no("%s: no content_html" % i)
    if not (isinstance(it.get("url"), str) and ABS.match(it["url"])):
        no("%s: url is not absolute: %r" % (i, it.get("url")))
    for k in ("date_published", "date_modified"):
        if k in it and not (isinstance(it[k], str) and RFC3339.match(it[k])):
            no("%s: %s is not RFC 3339: %r" % (i, k, it.get(k)))
    if "date_published" not in it:
        no("%s: no date_published" % i)
    if "title" in it and not isinstance(it["title"], str):
        no("%s: title is not a string" % i)
    authors(it, i)
    print(json.dumps([i, it.get("title"), it["url"], it["authors"][0]["name"],
        it["date_published"], it["content_html"]]))
EOF
}

# fp_field FILE.fp N FIELD: field FIELD (0 id, 1 title, 2 link, 3 author,
# 4 published, 5 content) of entry N.
fp_field() {
	sed -n "$(($2 + 1))p" "$1" | "$PY" -c 'import json,sys; print(json.loads(sys.stdin.read())['"$3"'])'
}

# no_relative FILE.fp: no href or src in any entry's content is relative.
no_relative() {
	"$PY" - "$1" <<'EOF'
import json, re, sys
bad = []
for line in open(sys.argv[1]):
    for u in re.findall(r'(?:href|src)="([^"]*)"', json.loads(line)[5]):
        if not re.match(r"^(https?:|mailto:)", u):
            bad.append(u)
if bad:
    sys.exit("relative: " + " ".join(bad[:10]))
EOF
}

declare -A KIND=([atom]=atom10 [rss]=rss20 [json]=json)
declare -A CTYPE=(
	[atom]="application/atom+xml; charset=utf-8"
	[rss]="application/rss+xml; charset=utf-8"
	[json]="application/feed+json; charset=utf-8"
)

# check_feeds WHEN: every feed fetched, typed, parsed; then its entries.
check_feeds() {
	local f ct why
	for f in atom rss json; do
		get "$f" "/feed.$f"
		ct=$(hdr "$H/$f.h" Content-Type)
		check "$1: GET /feed.$f is 200 with Content-Type ${CTYPE[$f]}" \
		    "status $code, Content-Type '$ct'" \
		    eval '[ "$code" = 200 ] && [ "$ct" = "${CTYPE[$f]}" ]'
		if [ "$f" = json ]; then
			check "$1: /feed.json keeps JSON Feed 1.1's rules" \
			    "$(cat "$H/$f.b.fp" 2>/dev/null)" jsonfeed_ok "$H/$f.b"
		else
			check "$1: Ruby's rss parses /feed.$f with validation" \
			    "$(cat "$H/$f.b.ruby" 2>/dev/null)" ruby_ok "$H/$f.b"
			why=""
			feedparser_ok "$H/$f.b" "${KIND[$f]}" || why=$(cat "$H/$f.b.fp")
			check "$1: feedparser reads /feed.$f as ${KIND[$f]}, no bozo" \
			    "$why" test -z "$why"
		fi
	done
}

# ---------------------------------------------------------------------------
check_feeds "now"

HURL="$base/$HYM/hostile-piece"
HTAG="tag:127.0.0.1,$HYEAR:article-$HID"
for f in atom rss json; do
	fp=$H/$f.b.fp
	n=$(wc -l < "$fp")
	check "/feed.$f carries the 20 newest articles" "$n entries" test "$n" = 20
	id=$(fp_field "$fp" 0 0) title=$(fp_field "$fp" 0 1) link=$(fp_field "$fp" 0 2)
	author=$(fp_field "$fp" 0 3)
	want=$TITLE_SHOWN
	[ "$f" != json ] || want=$TITLE_JSON
	check "/feed.$f: the hostile article comes first, its title whole (in XML but for the control character)" \
	    "id '$id' title '$title' link '$link'" \
	    eval '[ "$id" = "$HTAG" ] && [ "$title" = "$want" ] && [ "$link" = "$HURL" ]'
	check "/feed.$f: an article with no author of its own has the site's default" \
	    "author '$author'" test "$author" = "Miriam Holloway"
	content=$(fp_field "$fp" 0 5)
	check "/feed.$f: relative links and images in the hostile article come out absolute" \
	    "$content" eval '[[ $content == *"href=\"$base/$HYM/sibling-piece\""* &&
	    $content == *"href=\"$base/about\""* && $content == *"src=\"$base/$HYM/pic.png\""* &&
	    $content == *"href=\"$base/2020/01/x#frag\""* && $content == *"href=\"$HURL#notes\""* &&
	    $content == *"]]&gt; and &amp; and"* ]]'
	check "/feed.$f: no href or src in any article is relative" \
	    "$(no_relative "$fp" 2>&1)" no_relative "$fp"
	check "/feed.$f: the scheduled article is not there yet" "" \
	    eval '! grep -q "Scheduled piece" "$H/$f.b"'
	check "/feed.$f: the raw control characters are not in the document" "" \
	    eval '! LC_ALL=C grep -q "[[:cntrl:]]" <(tr -d "\n\t" < "$H/$f.b")'
done
check "the demo's own site-relative links come out absolute" "" \
    grep -qF "href=&quot;$base/2023/04/why-no-comments&quot;" "$H/atom.b"

# ---------------------------------------------------------------------------
# ETag and 304

for f in atom rss json; do
	get "$f" "/feed.$f"
	tag=$(hdr "$H/$f.h" ETag)
	get "$f-304" "/feed.$f" -H "If-None-Match: $tag"
	check "/feed.$f: a strong ETag, and If-None-Match with it gets a 304 with no body" \
	    "ETag '$tag'; then status $code, $(wc -c < "$H/$f-304.b") bytes" \
	    eval '[[ $tag =~ ^\"[^\"]+\"$ ]] && [ "$code" = 304 ] && [ ! -s "$H/$f-304.b" ]'
	eval "TAG_$f=\$tag"
done
check "the three feeds have three ETags" "$TAG_atom $TAG_rss $TAG_json" \
    eval '[ "$TAG_atom" != "$TAG_rss" ] && [ "$TAG_rss" != "$TAG_json" ]'

# A new title and slug: a new ETag, the same id.
q "UPDATE articles SET title = 'A calmer title', slug = 'calmer-piece',
    revision = revision + 1, list_rev = list_rev + 1, updated_at = $T0 WHERE id = $HID"
for f in atom rss json; do
	get "$f-304" "/feed.$f" -H "If-None-Match: $(eval "echo \$TAG_$f")"
	check "/feed.$f: after a new title and slug, the old ETag gets a 200" "status $code" \
	    test "$code" = 200
done
check_feeds "renamed"
for f in atom rss json; do
	id=$(fp_field "$H/$f.b.fp" 0 0) title=$(fp_field "$H/$f.b.fp" 0 1)
	check "/feed.$f: the renamed article keeps its id" "id '$id' title '$title'" \
	    eval '[ "$id" = "$HTAG" ] && [ "$title" = "A calmer title" ]'
done

# ---------------------------------------------------------------------------
# The scheduled article, when its time comes

get atom "/feed.atom"
tag=$(hdr "$H/atom.h" ETag)
clock_set $((T0 + 3600))
get atom-304 "/feed.atom" -H "If-None-Match: $tag"
check "/feed.atom: once the clock reaches the scheduled article, the old ETag gets a 200" \
    "status $code" test "$code" = 200
check_feeds "scheduled time"
for f in atom rss json; do
	title=$(fp_field "$H/$f.b.fp" 0 1)
	check "/feed.$f: the scheduled article is there, first, at its time" "first title '$title'" \
	    test "$title" = "Scheduled piece"
done

# ---------------------------------------------------------------------------
# The addresses readers guess

declare -A ALIAS=(
	[/feed]=/feed.atom [/feed/]=/feed.atom [/atom.xml]=/feed.atom
	[/index.xml]=/feed.atom [/feed.xml]=/feed.atom
	[/rss]=/feed.rss [/rss.xml]=/feed.rss
)
for p in "${!ALIAS[@]}"; do
	get alias "$p" -H "Host: evil.example"
	loc=$(hdr "$H/alias.h" Location)
	check "GET $p: 301 to $base${ALIAS[$p]} (from the base URL, whatever the Host)" \
	    "status $code, Location '$loc'" \
	    eval '[ "$code" = 301 ] && [ "$loc" = "$base${ALIAS[$p]}" ]'
done
get alias /feed.atom -X POST -d x=1
check "POST /feed.atom: 405" "status $code" test "$code" = 405

# ---------------------------------------------------------------------------
# Tags: categories in the site's feeds, and a feed per tag

check "/feed.atom: the hostile article's tags are its categories" \
    "$(grep -o '<category[^>]*>' "$H/atom.b" | head -n 4)" \
    eval 'grep -qF "<category term=\"Ünïcode Feeds\"" "$H/atom.b" && grep -qF "<category term=\"Café\"" "$H/atom.b"'
check "/feed.rss: the hostile article's tags are its categories" \
    "$(grep -o '<category>[^<]*</category>' "$H/rss.b" | head -n 4)" \
    eval 'grep -qF "<category>Ünïcode Feeds</category>" "$H/rss.b" && grep -qF "<category>Café</category>" "$H/rss.b"'
check "/feed.json: the hostile article's tags" "" \
    "$PY" -c 'import json, sys
it = [i for i in json.load(open(sys.argv[1]))["items"] if i["id"].endswith(":article-" + sys.argv[2])][0]
assert sorted(it.get("tags", [])) == ["Café", "Ünïcode Feeds"], it.get("tags")' "$H/json.b" "$HID"

TSLUG_U=%C3%BCn%C3%AFcode-feeds
# The hostile article's address now (the tests above move it).
HURL_NOW=$base$(q "SELECT strftime('/%Y/%m/', published_at, 'unixepoch') || slug FROM articles WHERE id = $HID")
TSLUG_C=caf%C3%A9
VIS="status = 'published' AND published_at <= $(clock_now)"
for f in atom rss json; do
	get "tag_$f" "/tag/$TSLUG_U/feed.$f"
	ct=$(hdr "$H/tag_$f.h" Content-Type)
	if [ "$f" = json ]; then
		ok_parse=0; jsonfeed_ok "$H/tag_$f.b" && ok_parse=1
	else
		ok_parse=0; ruby_ok "$H/tag_$f.b" && feedparser_ok "$H/tag_$f.b" "${KIND[$f]}" && ok_parse=1
	fi
	n=$(wc -l < "$H/tag_$f.b.fp" 2>/dev/null || echo 0)
	link=$(fp_field "$H/tag_$f.b.fp" 0 2 2>/dev/null)
	check "GET /tag/ünïcode-feeds/feed.$f: 200, ${CTYPE[$f]}, the strict parsers take it, its one article" \
	    "status $code, '$ct', parsed $ok_parse, $n entries, first $link; $(cat "$H/tag_$f.b.ruby" "$H/tag_$f.b.fp" 2>/dev/null | head -n 5)" \
	    eval '[ "$code" = 200 ] && [ "$ct" = "${CTYPE[$f]}" ] && [ $ok_parse = 1 ] && [ "$n" = 1 ] && [ "$link" = "$HURL_NOW" ]'
done
check "/tag/ünïcode-feeds/feed.atom names the tag and its own address" \
    "$(grep -o '<title>[^<]*</title>\|<link[^>]*rel=\"self\"[^>]*>' "$H/tag_atom.b" | head -n 3)" \
    eval 'grep -qF "<title>Notes from the Margin: Ünïcode Feeds</title>" "$H/tag_atom.b" &&
    grep -qF "$base/tag/$TSLUG_U/feed.atom" "$H/tag_atom.b"'

get tag_cafe "/tag/$TSLUG_C/feed.json"
jsonfeed_ok "$H/tag_cafe.b" > /dev/null 2>&1
q "SELECT '$base/' || strftime('%Y/%m/', a.published_at, 'unixepoch') || a.slug
   FROM articles a JOIN article_tags x ON x.article_id = a.id JOIN tags t ON t.id = x.tag_id
   WHERE t.slug = 'café' AND a.id IN (SELECT id FROM articles WHERE $VIS)
   ORDER BY a.published_at DESC, a.id DESC LIMIT 20" > "$W/cafe.want"
"$PY" -c 'import json, sys
print("\n".join(i["url"] for i in json.load(open(sys.argv[1]))["items"]))' "$H/tag_cafe.b" > "$W/cafe.got" 2>&1
check "GET /tag/café/feed.json: exactly the tag's visible articles, newest first" \
    "$(diff "$W/cafe.want" "$W/cafe.got" | head -n 8)" \
    eval '[ "$code" = 200 ] && [ -s "$W/cafe.want" ] && cmp -s "$W/cafe.want" "$W/cafe.got"'

get tag_none /tag/no-such-tag/feed.atom
check "GET /tag/no-such-tag/feed.atom: 404" "status $code" test "$code" = 404
get tag_e1 "/tag/$TSLUG_U/feed.atom"
etag=$(hdr "$H/tag_e1.h" ETag)
get tag_e2 "/tag/$TSLUG_U/feed.atom" -H "If-None-Match: $etag"
check "a tag feed has an ETag and answers it with 304" "ETag '$etag', then status $code" \
    eval '[ -n "$etag" ] && [ "$code" = 304 ]'
get tag_page "/tag/$TSLUG_U"
check "the tag's page links its own three feeds in its head" \
    "$(grep -o '<link rel="alternate"[^>]*>' "$H/tag_page.b")" \
    eval 'grep -qF "href=\"/tag/$TSLUG_U/feed.atom\"" "$H/tag_page.b" &&
    grep -qF "href=\"/tag/$TSLUG_U/feed.rss\"" "$H/tag_page.b" &&
    grep -qF "href=\"/tag/$TSLUG_U/feed.json\"" "$H/tag_page.b"'

# ---------------------------------------------------------------------------
# Every page links its feeds

for p in / /archive /about "/$HYM/calmer-piece"; do
	get page "$p"
	check "GET $p: its head links the Atom, RSS and JSON feeds" \
	    "status $code; $(grep -c 'rel="alternate"' "$H/page.b") alternate links" \
	    eval '[ "$code" = 200 ] &&
	    grep -qF "<link rel=\"alternate\" type=\"application/atom+xml\" title=\"Notes from the Margin (Atom)\" href=\"/feed.atom\">" "$H/page.b" &&
	    grep -qF "<link rel=\"alternate\" type=\"application/rss+xml\" title=\"Notes from the Margin (RSS)\" href=\"/feed.rss\">" "$H/page.b" &&
	    grep -qF "<link rel=\"alternate\" type=\"application/feed+json\" title=\"Notes from the Margin (JSON Feed)\" href=\"/feed.json\">" "$H/page.b"'
done

stop_site
check "src/run.sh stops cleanly" "status $run_status, killed $run_killed" \
    eval '[ "$run_killed" = 0 ]'
echo "# feeds: $pass passed, $fail failed in $(( $(date +%s) - t_start )) s"
[ "$fail" -eq 0 ]
