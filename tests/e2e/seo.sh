#!/usr/bin/env bash
# End-to-end tests of what search engines and social networks read:
#
#   bash tests/e2e/seo.sh [QUIRE_BINARY]     (from the repo root)
#
# Through src/run.sh (nginx in front of quire serve, the demo plus a draft,
# a scheduled article, a draft page and an article titled
# </script><script>alert(1)</script>): /sitemap.xml is well-formed XML of
# exactly the public addresses (visible articles, published pages, archive
# months, home, archive) with W3C lastmods, application/xml, and a 304 on
# its ETag; /robots.txt is text/plain, the setting's text then the
# sitemap's absolute address, and an edit on /admin/settings shows there;
# every reader page's head has its description, OpenGraph and Twitter
# tags; an article's JSON-LD parses with the right fields, and the hostile
# title stays inside its script element. One line per check; exit 1 if
# any failed. Needs: curl, sqlite3, nginx, python3.

# shellcheck disable=SC2016,SC2034
set -u

# shellcheck source=tests/e2e/lib.sh
. "$(dirname "$0")/lib.sh"
e2e_init seo "${1:-}"

need curl sqlite3 nginx python3
[ -x "$QUIRE" ] || bail "the binary $QUIRE exists" "build it with make"
echo "# e2e seo: $QUIRE"

e2e_workdir
H=$W/http
VAR=$W/var
DB=$W/site.db
mkdir -p "$H" "$VAR"
# The tests' clock, standing still: quire serve reads it (start_site), so
# that what the pages show does not depend on the day the suite runs (the
# demo's 2031 article, "this month" and "this year").
T0=1780315200	# 2026-06-01 12:00 UTC: after every demo article but the 2031 one
clock_init "$W/clock" "$T0"

q() {
	sqlite3 -init /dev/null -batch -noheader -separator $'\x1f' "$DB" "$@"
}

# get NAME PATH [CURL_ARGS...]: $H/NAME.h, $H/NAME.b; sets code.
get() {
	local name=$1 path=$2
	shift 2
	code=$(curl -s -m 60 -o "$H/$name.b" -D "$H/$name.h" \
	    -w '%{http_code}' "$@" "$base$path" 2>/dev/null) || true
	[ -n "$code" ] || code=000
}

"$QUIRE" init --db "$DB" --demo >"$W/init.out" 2>&1 ||
    bail "quire init --demo creates the test database" "$(cat "$W/init.out")"
PW='seo-editor-passphrase-1'
printf '%s\n' "$PW" | "$QUIRE" user add editor --name Editor --db "$DB" \
    >"$W/useradd.out" 2>&1 ||
    bail "quire user add creates the editor's account" "$(cat "$W/useradd.out")"

now=$T0
HOSTILE='</script><script>alert(1)</script>'
q "INSERT INTO articles (slug, title, body, status, published_at, created_at, updated_at)
   VALUES ('seo-draft', 'A draft', 'Not yet.', 'draft', NULL, $now, $now),
   ('seo-scheduled', 'Scheduled', 'Later.', 'published', $now + 86400 * 30, $now, $now),
   ('seo-hostile', '$HOSTILE', 'Body <!-- of *the* [hostile](/x) one --> text.',
    'published', $now - 3600, $now - 7200, $now - 60);
   INSERT INTO pages (slug, title, body, status, created_at, updated_at)
   VALUES ('seo-hidden-page', 'Hidden', 'Draft page.', 'draft', $now, $now);" ||
    bail "the test rows go into the database"

start_site "" ||
    bail "src/run.sh starts and answers on 127.0.0.1" "$(tail -n 20 "$VAR/server.log" 2>/dev/null)"

# The addresses the sitemap must hold, from the database.
VISIBLE="status = 'published' AND published_at <= $now + 60"
{
	echo "$base/"
	echo "$base/archive"
	q "SELECT '$base/' || strftime('%Y/%m/', published_at, 'unixepoch') || slug
	   FROM articles WHERE $VISIBLE"
	q "SELECT DISTINCT '$base/archive/' || strftime('%Y/%m', published_at, 'unixepoch')
	   FROM articles WHERE $VISIBLE"
	q "SELECT '$base/' || slug FROM pages WHERE status = 'published'"
	# /tags and each tag a visible article carries, its slug
	# percent-encoded as a URL path segment.
	q "SELECT DISTINCT t.slug FROM tags t JOIN article_tags x ON x.tag_id = t.id
	   WHERE x.article_id IN (SELECT id FROM articles WHERE $VISIBLE)" |
	    perl -ne 'chomp; s/([^A-Za-z0-9\-._~])/sprintf("%%%02X", ord $1)/ge;
		print "'"$base"'/tag/$_\n"' | grep . && echo "$base/tags"
} | sort > "$W/want-urls"

# ---------------------------------------------------------------------------
# /sitemap.xml

get sm /sitemap.xml
ctype=$(hdr "$H/sm.h" Content-Type)
check "GET /sitemap.xml: 200, application/xml" "status $code, $ctype" \
    eval '[ "$code" = 200 ] && [ "${ctype%%;*}" = application/xml ]'

out=$(python3 - "$H/sm.b" "$W/want-urls" <<'PY' 2>&1
import re, sys, xml.etree.ElementTree as ET
ns = '{http://www.sitemaps.org/schemas/sitemap/0.9}'
root = ET.parse(sys.argv[1]).getroot()
assert root.tag == ns + 'urlset', root.tag
locs, bad = [], []
for u in root:
    loc = u.find(ns + 'loc').text
    locs.append(loc)
    m = u.find(ns + 'lastmod')
    if m is not None and not re.fullmatch(r'\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ', m.text):
        bad.append(m.text)
want = open(sys.argv[2]).read().split()
assert not bad, 'lastmod not W3C: %s' % bad[:3]
assert len(locs) == len(set(locs)), 'an address twice'
missing, extra = set(want) - set(locs), set(locs) - set(want)
assert not missing and not extra, 'missing %s extra %s' % (sorted(missing)[:5], sorted(extra)[:5])
print(len(locs))
PY
)
check "the sitemap is well-formed XML of exactly the public addresses (visible articles, published pages, months, home, archive, tags), lastmod W3C" \
    "$out" eval '[[ "$out" =~ ^[0-9]+$ ]] && [ "$out" -gt 40 ]'
check "no draft, scheduled, hidden page or admin address in the sitemap" "$(grep -E 'seo-draft|seo-scheduled|seo-hidden|/admin' "$H/sm.b")" \
    eval '! grep -qE "seo-draft|seo-scheduled|seo-hidden|/admin" "$H/sm.b" && grep -q "/seo-hostile</loc>" "$H/sm.b"'

tag=$(hdr "$H/sm.h" ETag)
get sm304 /sitemap.xml -H "If-None-Match: $tag"
check "the sitemap's ETag gets a 304" "ETag $tag, status $code" \
    eval '[ -n "$tag" ] && [ "$code" = 304 ]'
get smy /sitemap-2025.xml
check "a yearly file exists only past 50,000 addresses: 404" "status $code" [ "$code" = 404 ]

# ---------------------------------------------------------------------------
# /robots.txt, and an edit of its text

get rb /robots.txt
ctype=$(hdr "$H/rb.h" Content-Type)
want=$(printf 'User-agent: *\nDisallow: /admin/\nSitemap: %s/sitemap.xml' "$base")
check "GET /robots.txt: text/plain, the default text, then the sitemap's absolute address" \
    "status $code, $ctype: $(cat "$H/rb.b")" \
    eval '[ "$code" = 200 ] && [ "${ctype%%;*}" = text/plain ] && [ "$(cat "$H/rb.b")" = "$want" ]'

out=$(python3 - "$base" "$PW" <<'PY' 2>&1
import http.cookiejar, sys, urllib.parse, urllib.request
from html.parser import HTMLParser
base, pw = sys.argv[1], sys.argv[2]
op = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
def post(path, fields):
    r = urllib.request.Request(base + path, urllib.parse.urlencode(fields).encode(),
                               headers={'Origin': base})
    return op.open(r)
post('/admin/login', [('login', 'editor'), ('password', pw)]).read()
class Form(HTMLParser):
    def __init__(s):
        super().__init__(); s.f = []; s.ta = None
    def handle_starttag(s, t, a):
        a = dict(a)
        if t == 'input' and a.get('name'):
            if a.get('type') != 'checkbox' or 'checked' in a:
                s.f.append([a['name'], a.get('value', '')])
        if t == 'textarea':
            s.ta = [a['name'], '']; s.f.append(s.ta)
        if t == 'select':
            s.sel = a['name']
        if t == 'option' and 'selected' in a:
            s.f.append([s.sel, a.get('value', '')])
    def handle_endtag(s, t):
        if t == 'textarea': s.ta = None
    def handle_data(s, d):
        if s.ta is not None: s.ta[1] += d
form = Form(); form.feed(op.open(base + '/admin/settings').read().decode())
names = [n for n, v in form.f]
assert 'site_robots' in names, 'no site_robots field: %s' % names
fields = []
for n, v in form.f:
    v = v[1:] if v.startswith('\n') else v   # the newline after <textarea>
    fields.append((n, 'User-agent: *\nDisallow: /admin/\nDisallow: /drafts/' if n == 'site_robots' else v))
r = post('/admin/settings', fields)
assert r.status == 200 and 'done=settings' in r.url, (r.status, r.url)
print('saved')
PY
)
get rb2 /robots.txt
want=$(printf 'User-agent: *\nDisallow: /admin/\nDisallow: /drafts/\nSitemap: %s/sitemap.xml' "$base")
check "robots.txt's text is a textarea on /admin/settings; saved there, /robots.txt says it, then the Sitemap line" \
    "$out; robots.txt: $(cat "$H/rb2.b")" \
    eval '[ "$out" = saved ] && [ "$(tr -d "\r" < "$H/rb2.b")" = "$want" ] && [ "$(hdr "$H/rb2.h" ETag)" != "$(hdr "$H/rb.h" ETag)" ]'

# ---------------------------------------------------------------------------
# Every reader page's head

# A tagged article: one article:tag per tag, as the tags are named.
tagged=$(q "SELECT a.id FROM articles a JOIN article_tags x ON x.article_id = a.id
   WHERE a.status = 'published' AND a.published_at <= $now
   GROUP BY a.id ORDER BY count(*) DESC, a.id LIMIT 1")
tagged_url=$(q "SELECT strftime('/%Y/%m/', published_at, 'unixepoch') || slug FROM articles WHERE id = ${tagged:-0}")
q "SELECT t.name FROM tags t JOIN article_tags x ON x.tag_id = t.id
   WHERE x.article_id = ${tagged:-0} ORDER BY t.name" > "$W/tags.want"
get tagged "$tagged_url"
perl -ne 'while (/<meta property="article:tag" content="([^"]*)">/g) { print "$1\n" }' \
    "$H/tagged.b" | LC_ALL=C sort > "$W/tags.got"
check "a tagged article's head has one article:tag per tag ($tagged_url)" \
    "want: $(tr '\n' ',' < "$W/tags.want"); got: $(tr '\n' ',' < "$W/tags.got")" \
    eval '[ "$code" = 200 ] && [ -s "$W/tags.want" ] && cmp -s "$W/tags.want" "$W/tags.got"'

art=$(q "SELECT strftime('/%Y/%m/', published_at, 'unixepoch') || slug FROM articles
   WHERE $VISIBLE AND slug <> 'seo-hostile' ORDER BY published_at DESC LIMIT 1")
hostile=$(q "SELECT strftime('/%Y/%m/', published_at, 'unixepoch') || slug FROM articles
   WHERE slug = 'seo-hostile'")
ym=${art%/*}
i=0
for p in / /archive "/archive${ym%/*}" "/archive$ym" "$art" /about "$hostile" /no-such-page; do
	i=$((i + 1))
	get "p$i" "$p"
	echo "$p $H/p$i.b"
done > "$W/pages"
out=$(python3 - "$W/pages" "$base" "$HOSTILE" <<'PY' 2>&1
import json, sys
from html.parser import HTMLParser
base, hostile = sys.argv[2], sys.argv[3]
class Head(HTMLParser):
    def __init__(s):
        super().__init__(); s.meta = {}; s.scripts = []; s.cur = None
    def handle_starttag(s, t, a):
        a = dict(a)
        if t == 'meta':
            k = a.get('name') or a.get('property')
            if k: s.meta.setdefault(k, []).append(a.get('content'))
        if t == 'link' and a.get('rel') == 'canonical':
            s.canonical = a['href']
        if t == 'script':
            s.cur = [a.get('type'), '']; s.scripts.append(s.cur)
    def handle_endtag(s, t):
        if t == 'script': s.cur = None
    def handle_data(s, d):
        if s.cur is not None: s.cur[1] += d
errs = []
for line in open(sys.argv[1]):
    path, f = line.split()
    h = Head(); h.feed(open(f, encoding='utf-8').read())
    m = lambda k: (h.meta.get(k) or [None])[0]
    article = path.count('/') == 3 and not path.startswith('/archive')
    for k in ('description', 'og:title', 'og:type', 'og:url', 'og:description',
              'og:site_name', 'twitter:card', 'twitter:title', 'twitter:description'):
        if not m(k): errs.append('%s: no %s' % (path, k))
    if m('og:url') != base + path: errs.append('%s: og:url %s' % (path, m('og:url')))
    if m('twitter:card') != 'summary': errs.append('%s: twitter:card' % path)
    if m('og:type') != ('article' if article else 'website'): errs.append('%s: og:type %s' % (path, m('og:type')))
    d = m('description') or ''
    if len(d) > 163 or any(c in d for c in '*[]#`<>'): errs.append('%s: description %r' % (path, d))
    if not article:
        if h.scripts: errs.append('%s: a script' % path)
        continue
    for k in ('article:published_time', 'article:modified_time'):
        if not (m(k) or '').endswith('Z'): errs.append('%s: %s %s' % (path, k, m(k)))
    if len(h.scripts) != 1 or h.scripts[0][0] != 'application/ld+json':
        errs.append('%s: scripts %r' % (path, h.scripts)); continue
    try:
        ld = json.loads(h.scripts[0][1])
    except ValueError as e:
        errs.append('%s: JSON-LD does not parse: %s' % (path, e)); continue
    want = {'@type': 'Article', 'headline': m('og:title'), 'datePublished': m('article:published_time'),
            'dateModified': m('article:modified_time'), 'mainEntityOfPage': base + path}
    for k, v in want.items():
        if ld.get(k) != v: errs.append('%s: JSON-LD %s = %r, want %r' % (path, k, ld.get(k), v))
    if not ld.get('author', {}).get('name') or ld.get('publisher', {}).get('name') != m('og:site_name'):
        errs.append('%s: JSON-LD author/publisher %r' % (path, ld))
    if path.endswith('/seo-hostile'):
        if ld.get('headline') != hostile: errs.append('hostile headline %r' % ld.get('headline'))
        if m('og:title') != hostile: errs.append('hostile og:title %r' % m('og:title'))
        if d != 'Body of the hostile one text.' and d != 'Body text.': errs.append('hostile description %r' % d)
print('\n'.join(errs) or 'ok')
PY
)
check "every reader page's head: description, og:title/type/url/description/site_name, twitter summary card; articles: published/modified times and JSON-LD that parses with the right fields" \
    "$out" [ "$out" = ok ]
check "an article titled $HOSTILE: its one script element is the JSON-LD, closed where it should be, headline equal to the title" \
    "$(grep -c '<script' "$H/p7.b") script tags; $(grep -o '<script[^>]*>[^<]*' "$H/p7.b" | head -n 3)" \
    eval '[ "$(grep -o "<script" "$H/p7.b" | wc -l)" = 1 ] && grep -q "\\\\u003c/script\\\\u003e\\\\u003cscript\\\\u003ealert(1)" "$H/p7.b"'

# The Nu HTML Checker on the new head (the article with the hostile title),
# when tests/e2e/run.sh has installed it.
vnu_jar=$top/tests/node_modules/vnu-jar/build/dist/vnu.jar
if [ -f "$vnu_jar" ] && command -v java >/dev/null 2>&1; then
	cp "$H/p7.b" "$W/hostile.html"
	cp "$H/p5.b" "$W/article.html"
	cp "$H/p1.b" "$W/home.html"
	java -jar "$vnu_jar" --errors-only --format text "$W/hostile.html" \
	    "$W/article.html" "$W/home.html" >"$W/vnu.out" 2>&1
	check "the Nu HTML Checker finds no error in pages with the new head" \
	    "$(cat "$W/vnu.out")" eval '! grep -q "error:" "$W/vnu.out"'
else
	echo "# skip - the Nu HTML Checker (no java or $vnu_jar)"
fi

stop_site
san=$(grep -E 'ERROR: (Address|Leak)Sanitizer|runtime error:|SUMMARY: [A-Za-z]*Sanitizer|worker [0-9]+ ended' "$VAR/server.log" | head -n 5)
check "no sanitizer report or crash in quire's log" "$san" [ -z "$san" ]

t_end=$(date +%s)
echo "1..$((pass + fail))"
echo "e2e seo: $pass passed, $fail failed ($((t_end - t_start)) s, $QUIRE)"
[ "$fail" = 0 ]
