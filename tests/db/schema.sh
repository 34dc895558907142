#!/usr/bin/env bash
# Database tests: the migrations from empty build exactly sql/schema.sql
# (every object's SQL as SQLite keeps it, and what SQLite makes of it), the
# version is recorded, and re-running init changes nothing and keeps the data.
# Prints "ok - ..." / "not ok - ..." lines.
set -u
quire=${1:-build/quire}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
ok() { echo "ok - $1"; }
nok() { echo "not ok - $1"; fail=1; }

# Everything SQLite knows about a schema, in a stable order.
describe() {
	sqlite3 "$1" "SELECT type, name, tbl_name FROM sqlite_master
	    WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name;"
	for t in $(sqlite3 "$1" "SELECT name FROM sqlite_master WHERE type='table'
	    AND name NOT LIKE 'sqlite_%' ORDER BY name;"); do
		echo "table $t"
		sqlite3 "$1" "SELECT * FROM pragma_table_xinfo('$t');"
		for i in $(sqlite3 "$1" "SELECT name FROM pragma_index_list('$t') ORDER BY name;"); do
			echo "index $i"
			sqlite3 "$1" "SELECT * FROM pragma_index_xinfo('$i');"
		done
	done
	echo "user_version $(sqlite3 "$1" 'PRAGMA user_version;')"
}

# Every object's full SQL text (sqlite_master: type, name, tbl_name, sql),
# one object a line, with only comments (-- to the end of the line) and
# whitespace normalised: runs of blanks become one space, and none is kept
# next to ( ) , ; or at either end. So a CHECK, a DEFAULT, a trigger's body
# or an index's columns that differ are caught, a re-indented line is not.
# (A "--" inside a string literal would be taken for a comment: the schema
# has none.)
master_sql() {
	sqlite3 -init /dev/null -batch -noheader -separator ' | ' \
	    -newline "$(printf '\036')" "$1" \
	    "SELECT type, name, tbl_name, ifnull(sql, '(none)') FROM sqlite_master
	    ORDER BY type, name;" |
	    perl -0777 -ne 'for (split /\x1e/) {
		s/--[^\n]*//g; s/\s+/ /g; s/ ?([(),;]) ?/$1/g; s/^ | $//g;
		print "$_\n" if length }'
}

"$quire" init --db "$tmp/migrated.db" >/dev/null 2>&1 || nok "quire init creates a database"
sqlite3 "$tmp/reference.db" < sql/schema.sql || nok "sql/schema.sql loads"
describe "$tmp/migrated.db" > "$tmp/a"
describe "$tmp/reference.db" > "$tmp/b"
if diff -u "$tmp/b" "$tmp/a" > "$tmp/diff"; then
	ok "migrations from empty reproduce sql/schema.sql (columns, indexes, version)"
else
	nok "migrations from empty reproduce sql/schema.sql (columns, indexes, version)"
	sed 's/^/    /' "$tmp/diff"
fi
master_sql "$tmp/migrated.db" > "$tmp/sql-a"
master_sql "$tmp/reference.db" > "$tmp/sql-b"
if [ -s "$tmp/sql-b" ] && diff -u "$tmp/sql-b" "$tmp/sql-a" > "$tmp/sql-diff"; then
	ok "migrations from empty reproduce sql/schema.sql: every table, index and trigger has the same SQL (up to comments and whitespace)"
else
	nok "migrations from empty reproduce sql/schema.sql: every table, index and trigger has the same SQL (up to comments and whitespace)"
	echo "    --- sql/schema.sql, +++ the migrations (normalised):"
	sed 's/^/    /' "$tmp/sql-diff"
fi
if [ "$(sqlite3 "$tmp/migrated.db" 'PRAGMA journal_mode;')" = wal ]; then
	ok "the database is in WAL mode"
else
	nok "the database is in WAL mode"
fi

"$quire" init --db "$tmp/demo.db" --demo >/dev/null 2>&1
before=$(sqlite3 "$tmp/demo.db" "SELECT count(*), sum(length(body)) FROM articles;")
if "$quire" init --db "$tmp/demo.db" >/dev/null 2>&1 &&
    [ "$(sqlite3 "$tmp/demo.db" "SELECT count(*), sum(length(body)) FROM articles;")" = "$before" ]; then
	ok "init on a current database is a no-op that keeps the data"
else
	nok "init on a current database is a no-op that keeps the data"
fi

# Upgrades: a database at each released version, holding the demo content,
# migrates to the current schema and keeps every row.
for v in $(ls sql/migrations/ | sed -n 's/^\([0-9]\{4\}\)-.*\.sql$/\1/p'); do
	n=$((10#$v))
	[ "$n" -lt "$(sqlite3 "$tmp/migrated.db" 'PRAGMA user_version;')" ] || continue
	old=$tmp/v$n.db
	for m in sql/migrations/*.sql; do
		mv=$(basename "$m" | cut -c1-4)
		[ $((10#$mv)) -le "$n" ] && sqlite3 "$old" < "$m"
	done
	sqlite3 "$old" "PRAGMA user_version = $n;"
	# The demo's rows for tables of later versions (tags) cannot load here.
	sqlite3 "$old" < sql/demo.sql 2>/dev/null
	rows() { sqlite3 "$1" "SELECT count(*), group_concat(id || slug || title || length(body) || status || ifnull(published_at, ''), ',') FROM (SELECT * FROM articles ORDER BY id); SELECT group_concat(key || value, ',') FROM settings; SELECT group_concat(slug || body, ',') FROM pages;" | md5sum; }
	before=$(rows "$old")
	if "$quire" init --db "$old" >/dev/null 2>&1 &&
	    [ "$(rows "$old")" = "$before" ] &&
	    [ "$(sqlite3 "$old" 'PRAGMA user_version;')" = "$(sqlite3 "$tmp/migrated.db" 'PRAGMA user_version;')" ]; then
		ok "an upgrade from schema version $n keeps every article, page and setting"
	else
		nok "an upgrade from schema version $n keeps every article, page and setting"
	fi
done

sqlite3 "$tmp/demo.db" "PRAGMA user_version = 999;"
if "$quire" init --db "$tmp/demo.db" >/dev/null 2>"$tmp/err"; then
	nok "a database newer than the binary is refused"
elif grep -q "newer" "$tmp/err"; then
	ok "a database newer than the binary is refused"
else
	nok "a database newer than the binary is refused, with a message"
fi
exit $fail
