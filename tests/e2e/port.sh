#!/usr/bin/env bash
# End-to-end tests of quire export and quire import (issue 9): Markdown
# files with YAML front matter, settings.yaml and redirects.yaml.
#
#   bash tests/e2e/port.sh [QUIRE_BINARY]     (from the repo root)
#
# The demo site exported, imported into an empty database and exported
# again gives the same files; importing twice changes nothing (the
# database's dump is the same); a changed file updates its post and only
# it. Hugo and Jekyll files (tests/fixtures/md/) import as they are and
# their aliases answer 301 through nginx and quire serve. A broken file
# (bad YAML, no title, a bad date, a list where text belongs) or a
# redirect the database refuses imports nothing and names the file and
# line. 1,000 files import, with a progress counter on a terminal only.
#
# One line per check, "ok - ..." or "not ok - ..."; the exit status is 1
# if any check failed. Needs: curl, sqlite3, nginx, diff. KEEP_E2E=1 keeps
# the temporary folder.

# Checks pass single-quoted conditions to eval, on purpose:
# shellcheck disable=SC2016
set -u

# shellcheck source=tests/e2e/lib.sh
. "$(dirname "$0")/lib.sh"
e2e_init port "${1:-}"

need curl sqlite3 nginx diff pgrep
[ -x "$QUIRE" ] || bail "the binary $QUIRE exists" "build it with make"
echo "# e2e port: $QUIRE"

e2e_workdir
H=$W/http
VAR=$W/var
mkdir -p "$H" "$VAR"
FIX=$top/tests/fixtures/md

# q DB SQL...: one sqlite3 query.
q() {
	local db=$1
	shift
	sqlite3 -init /dev/null -batch -noheader "$db" "$@"
}

# dump DB: the whole database as SQL, for "nothing changed".
dump() {
	sqlite3 -init /dev/null -batch "$1" .dump
}

# newdb FILE [--demo]: a database as quire init makes it.
newdb() {
	"$QUIRE" init --db "$@" --base-url http://127.0.0.1:1 \
	    >"$W/init.out" 2>&1 || bail "quire init $*" "$(cat "$W/init.out")"
}

# run NAME ARG...: quire ARG..., output in $W/NAME.out and .err, status in rc.
rc=0
run() {
	local name=$1
	shift
	"$QUIRE" "$@" >"$W/$name.out" 2>"$W/$name.err" </dev/null
	rc=$?
}

out_has() {
	grep -qF -- "$2" "$W/$1.out"
}

err_has() {
	grep -qF -- "$2" "$W/$1.err"
}

# ---------------------------------------------------------------------------
# The round trip: demo -> export -> empty database -> export

A=$W/demo.db
B=$W/empty.db
newdb "$A" --demo
newdb "$B"
NPOSTS=$(( $(q "$A" "SELECT count(*) FROM articles") + $(q "$A" "SELECT count(*) FROM pages") ))

run ex1 export "$W/e1" --db "$A"
check "export of the demo site: status 0" "status $rc: $(cat "$W/ex1.err")" [ "$rc" = 0 ]
check "one file per article and page, settings.yaml and redirects.yaml" \
    "$(find "$W/e1" -type f | wc -l) files for $NPOSTS posts" \
    eval '[ "$(find "$W/e1/posts" "$W/e1/pages" "$W/e1/drafts" -name "*.md" | wc -l)" = "$NPOSTS" ] && [ -f "$W/e1/settings.yaml" ] && [ -f "$W/e1/redirects.yaml" ]'
f=$(find "$W/e1/posts" -name '20*.md' | sort | head -n 1)
check "an article's file: posts/YYYY-MM-DD-slug.md with the front matter's fields" \
    "$(head -n 12 "$f")" \
    eval 'head -n 1 "$f" | grep -qx -- "---" && grep -q "^title: \"" "$f" && grep -q "^slug: " "$f" && grep -qE "^date: [0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:]{8}Z$" "$f" && grep -qE "^updated: .*Z$" "$f" && grep -q "^status: published" "$f"'
check "a draft with no date is drafts/SLUG.md, status draft" \
    "$(ls "$W/e1/drafts" | head -n 3)" \
    eval '[ "$(q "$A" "SELECT count(*) FROM articles WHERE published_at IS NULL")" = "$(ls "$W/e1/drafts" | grep -c "\.md$")" ] && [ -z "$(ls "$W/e1/posts" | grep -v "^20")" ]'
# An undated draft "2024-01-01-x" and an article "x" of 2024-01-01 are two
# files (in posts/ they were one, and the export lost a post).
"$QUIRE" init --db "$W/clash.db" >/dev/null 2>&1
q "$W/clash.db" "INSERT INTO articles (slug, title, body, status, published_at, created_at, updated_at)
   VALUES ('2024-01-01-x', 'The draft', 'd', 'draft', NULL, 1, 1),
          ('x', 'The article', 'a', 'published', 1704103200, 1, 1)"
run clash export "$W/clash" --db "$W/clash.db"
"$QUIRE" init --db "$W/clash2.db" >/dev/null 2>&1
run clash2 import "$W/clash" --db "$W/clash2.db"
check "an undated draft 2024-01-01-x and an article x of that day: two files, both imported back" \
    "export $rc: $(cat "$W/clash.err"); $(find "$W/clash" -name "*.md")" \
    eval '[ "$(find "$W/clash" -name "*.md" | wc -l)" = 2 ] && [ "$(q "$W/clash2.db" "SELECT group_concat(slug || \":\" || status, \" \") FROM (SELECT * FROM articles ORDER BY slug)")" = "2024-01-01-x:draft x:published" ]'

run ex1b export "$W/e1" --db "$A"
check "export into a folder that is not empty: refused (status 1), says --force" \
    "status $rc: $(cat "$W/ex1b.err")" eval '[ "$rc" = 1 ] && err_has ex1b "--force"'
run ex1c export "$W/e1" --db "$A" --force
check "export --force writes into it: the same files again" "status $rc" [ "$rc" = 0 ]

run im1 import "$W/e1" --db "$B"
check "import into an empty database: every post created" \
    "status $rc: $(cat "$W/im1.out" "$W/im1.err")" \
    eval '[ "$rc" = 0 ] && out_has im1 "$NPOSTS created, 0 updated, 0 unchanged"'
check "no progress counter when stderr is not a terminal" "$(cat -A "$W/im1.err")" \
    eval '! grep -q $'"'"'\r'"'"' "$W/im1.err"'
printf 'database = %s\n' "$B" > "$W/quire.conf"
run ex2 export "$W/e2" --config "$W/quire.conf"
check "export of the imported site (the database from --config FILE): the same tree (diff -r)" \
    "$(diff -r "$W/e1" "$W/e2" | head -n 20)" diff -r -q "$W/e1" "$W/e2"
run im1c import "$W/e1" --config "$W/quire.conf"
check "import --config FILE: the file's database, every post unchanged" \
    "status $rc: $(cat "$W/im1c.out" "$W/im1c.err")" \
    eval '[ "$rc" = 0 ] && out_has im1c "0 created, 0 updated, $NPOSTS unchanged"'
check "the search index, tags and archive counts came with the posts" \
    "$(q "$B" "SELECT count(*) FROM articles_fts; SELECT count(*) FROM article_tags; SELECT sum(articles) FROM archive_months")" \
    eval '[ "$(q "$A" "SELECT count(*) FROM articles_fts; SELECT count(*) FROM article_tags; SELECT sum(articles) FROM archive_months")" = "$(q "$B" "SELECT count(*) FROM articles_fts; SELECT count(*) FROM article_tags; SELECT sum(articles) FROM archive_months")" ]'

dump "$B" > "$W/b1.sql"
run im2 import "$W/e1" --db "$B"
dump "$B" > "$W/b2.sql"
check "import twice: the second reports everything unchanged" \
    "$(cat "$W/im2.out" "$W/im2.err")" \
    eval '[ "$rc" = 0 ] && out_has im2 "0 created, 0 updated, $NPOSTS unchanged"'
check "import twice: the database's dump is the same" \
    "$(diff "$W/b1.sql" "$W/b2.sql" | head -n 10)" cmp -s "$W/b1.sql" "$W/b2.sql"
dump "$A" > "$W/a1.sql"
run im3 import "$W/e1" --db "$A"
dump "$A" > "$W/a2.sql"
check "importing the demo's own export into it changes nothing" \
    "$(diff "$W/a1.sql" "$W/a2.sql" | head -n 10)" \
    eval '[ "$rc" = 0 ] && cmp -s "$W/a1.sql" "$W/a2.sql"'

# The file wins: one changed title updates that post, and only it.
cp -r "$W/e1" "$W/e3"
f=$(find "$W/e3/posts" -name '20*.md' | sort | head -n 1)
slug=$(sed -n 's/^slug: "\(.*\)"$/\1/p' "$f")
sed -i 's/^title: .*/title: "Changed: a new title"/' "$f"
rev0=$(q "$B" "SELECT sum(revision) FROM articles")
run im4 import "$W/e3" --db "$B"
check "a changed file: 1 updated, the rest unchanged, the new title stored" \
    "$(cat "$W/im4.out" "$W/im4.err")" \
    eval '[ "$rc" = 0 ] && out_has im4 "0 created, 1 updated" && [ "$(q "$B" "SELECT title FROM articles WHERE slug = '"'"'$slug'"'"'")" = "Changed: a new title" ] && [ "$(q "$B" "SELECT sum(revision) FROM articles")" = $((rev0 + 1)) ]'

# A title with quotes, a colon, a line of dashes and non-ASCII, an excerpt
# of several lines: written and read back as they were.
q "$B" "UPDATE articles SET title = 'He said: \"---\" # not a comment, ''ok''? Ünïcödé 日本', excerpt = 'line one' || char(10) || '---' || char(10) || '  indented: yes' WHERE slug = '$slug'"
run ex4 export "$W/e4" --db "$B"
newdb "$W/c.db"
run im5 import "$W/e4" --db "$W/c.db"
check "a hostile title and a multi-line excerpt round-trip through the files" \
    "status $rc: $(cat "$W/im5.err")" \
    eval '[ "$rc" = 0 ] && [ "$(q "$B" "SELECT title || excerpt FROM articles WHERE slug = '"'"'$slug'"'"'")" = "$(q "$W/c.db" "SELECT title || excerpt FROM articles WHERE slug = '"'"'$slug'"'"'")" ]'

# ---------------------------------------------------------------------------
# Nothing imported when anything is wrong

D=$W/fix.db
newdb "$D"
dump "$D" > "$W/d0.sql"

# broken NAME FILE-TEXT WANT: a copy of the Hugo fixtures with one broken
# file; the import fails naming WANT (file:line), the database unchanged.
broken() {
	local name=$1 text=$2 want=$3
	rm -rf "$W/broken"
	cp -r "$FIX/hugo" "$W/broken"
	printf '%s' "$text" > "$W/broken/content/posts/zz-broken.md"
	run "$name" import "$W/broken" --db "$D"
	dump "$D" > "$W/d1.sql"
	check "a broken file ($name) imports nothing and names $want" \
	    "status $rc: $(cat "$W/$name.err")" \
	    eval '[ "$rc" = 1 ] && err_has "$name" "$want" && err_has "$name" "nothing imported" && cmp -s "$W/d0.sql" "$W/d1.sql"'
}
broken bad-yaml $'---\ntitle: "open\ndate: 2024-01-01\n---\nx\n' \
    "content/posts/zz-broken.md:4:"
broken no-title $'---\ndate: 2024-01-01\n---\nx\n' \
    "content/posts/zz-broken.md:1: no title"
broken bad-date $'---\ntitle: T\n\ndate: 2024-02-30\n---\nx\n' \
    "content/posts/zz-broken.md:4: date"
broken wrong-type $'---\ntitle: T\ntags: {a: b}\n---\nx\n' \
    "content/posts/zz-broken.md:3: tags"
broken no-front-matter $'# Just Markdown\n' \
    "content/posts/zz-broken.md:1: no front matter"
broken bad-tag $'---\ntitle: T\ntags: ["C++"]\n---\nx\n' \
    "content/posts/zz-broken.md:1: tag \"C++\""

# A redirect the database refuses (a loop), after every post was written:
# the one transaction takes them back.
rm -rf "$W/loop"
cp -r "$FIX/hugo" "$W/loop"
printf '"/a": "/b"\n"/b": "/a"\n' > "$W/loop/redirects.yaml"
run loop import "$W/loop" --db "$D"
dump "$D" > "$W/d1.sql"
check "a redirect loop in redirects.yaml: nothing imported, the file and line named" \
    "status $rc: $(cat "$W/loop.err")" \
    eval '[ "$rc" = 1 ] && err_has loop "redirects.yaml:2:" && cmp -s "$W/d0.sql" "$W/d1.sql"'

printf 'title: x\nno_such_setting: 1\nper_page: "0"\n' > "$W/loop/settings.yaml"
rm -f "$W/loop/redirects.yaml"
run badset import "$W/loop" --db "$D"
check "a setting its validator refuses: nothing imported, named" \
    "status $rc: $(cat "$W/badset.err")" \
    eval '[ "$rc" = 1 ] && err_has badset "settings.yaml:3: per_page" && [ "$(q "$D" "SELECT count(*) FROM articles")" = 0 ]'

# ---------------------------------------------------------------------------
# Hugo and Jekyll as they are

run hugo import "$FIX/hugo" --db "$D"
check "the Hugo fixtures import (4 created, 3 redirects), toc noted" \
    "status $rc: $(cat "$W/hugo.out" "$W/hugo.err")" \
    eval '[ "$rc" = 0 ] && out_has hugo "4 created" && out_has hugo "3 redirects added" && out_has hugo "first-light.md:14: key \"toc\" ignored"'
check "Hugo: draft: true is a draft; categories and tags are tags; a bundle's slug is its folder" \
    "$(q "$D" "SELECT slug, status FROM articles")" \
    eval '[ "$(q "$D" "SELECT status FROM articles WHERE slug = '"'"'unfinished-thoughts'"'"'")" = draft ] && [ "$(q "$D" "SELECT group_concat(t.name, '"'"','"'"') FROM (SELECT t.name FROM tags t JOIN article_tags x ON x.tag_id = t.id JOIN articles a ON a.id = x.article_id WHERE a.slug = '"'"'first-light'"'"' ORDER BY t.name) t")" = "Astronomy,Hobbies,gear" ] && [ "$(q "$D" "SELECT count(*) FROM articles WHERE slug = '"'"'mountain-walk'"'"'")" = 1 ]'
check "Hugo: 2024-03-01T10:20:30+02:00 is 08:20:30 UTC; lastmod is the last change" \
    "$(q "$D" "SELECT published_at, updated_at FROM articles WHERE slug = 'first-light'")" \
    eval '[ "$(q "$D" "SELECT published_at || '"'"' '"'"' || updated_at FROM articles WHERE slug = '"'"'first-light'"'"'")" = "1709281230 1709625600" ]'
check "Hugo: type: page is a page" "$(q "$D" "SELECT slug FROM pages")" \
    eval '[ "$(q "$D" "SELECT count(*) FROM pages WHERE slug = '"'"'about-me'"'"'")" = 1 ]'
run jekyll import "$FIX/jekyll" --db "$D"
check "the Jekyll fixtures import (3 articles, 1 page, 2 redirects)" \
    "status $rc: $(cat "$W/jekyll.out" "$W/jekyll.err")" \
    eval '[ "$rc" = 0 ] && out_has jekyll "4 created" && out_has jekyll "2 redirects added"'
check "Jekyll: the file name gives date and slug; \"2023-12-24 20:15\" and \"+0200\" read" \
    "$(q "$D" "SELECT slug, published_at FROM articles")" \
    eval '[ "$(q "$D" "SELECT published_at FROM articles WHERE slug = '"'"'winter-is-coming'"'"'")" = 1699142400 ] && [ "$(q "$D" "SELECT published_at FROM articles WHERE slug = '"'"'christmas-eve'"'"'")" = 1703448900 ] && [ "$(q "$D" "SELECT published_at FROM articles WHERE slug = '"'"'year-in-review'"'"'")" = 1704059999 ]'
run hugo2 import "$FIX/hugo" --db "$D"
check "the Hugo fixtures again: all unchanged, the redirects already there" \
    "$(cat "$W/hugo2.out")" \
    eval '[ "$rc" = 0 ] && out_has hugo2 "0 created, 0 updated, 4 unchanged; 0 redirects added, 3 already there"'

DB=$D
start_site ||
    bail "src/run.sh starts and answers on 127.0.0.1" "$(tail -n 20 "$VAR/server.log" 2>/dev/null)"
ok "src/run.sh serves the imported site on 127.0.0.1:$port"
# moved NAME OLD NEW: GET OLD is a 301 to the base URL and NEW.
mv_loc="" mv_want=""
moved() {
	get "$1" "$2"
	mv_loc=$(hdr "$H/$1.h" Location)
	mv_want=$base$3
	check "GET $2: 301 to $3" "status $code; Location $mv_loc" \
	    eval '[ "$code" = 301 ] && [ "$mv_loc" = "$mv_want" ]'
}
get live /2024/03/first-light
check "the Hugo article answers at /2024/03/first-light" "status $code" [ "$code" = 200 ]
moved a1 /posts/first-light-old/ /2024/03/first-light
moved a2 /2024/first-light.html /2024/03/first-light
moved a3 /about-me.html /about-me
moved a4 /blog/winter-is-coming/ /2023/11/winter-is-coming
moved a5 /colophon.html /colophon
stop_site
check "the site stops cleanly" "status $run_status" [ "$run_killed" = 0 ]

# ---------------------------------------------------------------------------
# 1,000 files

mkdir -p "$W/many/posts"
for ((i = 1; i <= 1000; i++)); do
	printf -- '---\ntitle: "Generated %d"\ndate: 2020-01-01T00:00:00Z\ntags: [gen, "n%d"]\n---\n\nBody %d.\n' \
	    "$i" "$((i % 7))" "$i" > "$W/many/posts/gen-$i.md"
done
newdb "$W/many.db"
run many import "$W/many" --db "$W/many.db"
check "1,000 files import in one go" "status $rc: $(cat "$W/many.out" "$W/many.err" | tail -n 3)" \
    eval '[ "$rc" = 0 ] && out_has many "1000 created" && [ "$(q "$W/many.db" "SELECT count(*) FROM articles")" = 1000 ]'
check "... and show no progress when stderr is not a terminal" "$(cat -A "$W/many.err" | head -n 3)" \
    eval '[ ! -s "$W/many.err" ]'
if command -v script >/dev/null 2>&1; then
	newdb "$W/many2.db"
	script -qec "$QUIRE import $W/many --db $W/many2.db" /dev/null \
	    >"$W/tty.out" 2>&1 </dev/null
	check "on a terminal: a \\r counter up to 1000 of 1000" "$(cat -A "$W/tty.out" | head -n 3)" \
	    eval 'grep -q $'"'"'\rimport: 1000 of 1000'"'"' "$W/tty.out"'
else
	ok "on a terminal: a counter # SKIP no script(1)"
fi

echo "# $pass passed, $fail failed"
[ "$fail" -eq 0 ]
