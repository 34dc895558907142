#!/usr/bin/env bash
# tests/docs/man.sh [QUIRE_BINARY]: the manual pages say what the binary
# does. docs/quire.1 and docs/quire.conf.5 pass mandoc's lint and render
# with man -l; every command and --flag of quire's usage is in quire.1 and
# every flag quire.1 lists is in the usage; every key of the
# configuration table (quire check --keys, from src/cfgfile.c) is in
# quire.conf.5 with its flag and default, and in docs/quire.conf.example,
# which names no other key and which quire check accepts.
# Prints "ok - ..." / "not ok - ..." lines; exits 1 if any failed.

# Checks pass single-quoted conditions to eval, on purpose; the lists
# read word by word are words:
# shellcheck disable=SC2016,SC2013
set -u
# shellcheck source=tests/e2e/lib.sh
. "$(dirname "$0")/../e2e/lib.sh"
e2e_init man "${1:-build/quire}"
need mandoc man col sqlite3
e2e_workdir

M1=docs/quire.1
M5=docs/quire.conf.5
EX=docs/quire.conf.example

for page in "$M1" "$M5"; do
	lint=$(mandoc -T lint -W warning "$page" 2>&1)
	check "mandoc -T lint -W warning $page: nothing to say" "$lint" [ -z "$lint" ]
	MANWIDTH=80 man -l "$page" 2>"$W/man.err" | col -bx > "$W/$(basename "$page").txt"
	check "man -l $page renders it (NAME, SYNOPSIS or KEYS), with no warning" \
	    "$(cat "$W/man.err"; head -n 5 "$W/$(basename "$page").txt")" \
	    eval '[ ! -s "$W/man.err" ] && grep -q "^NAME" "$W/$(basename "$page").txt" &&
	    grep -qE "^(SYNOPSIS|KEYS)" "$W/$(basename "$page").txt"'
done
mandoc -T utf8 "$M1" | col -bx > "$W/quire.1.txt"
mandoc -T utf8 "$M5" | col -bx > "$W/quire.conf.5.txt"

# ---------------------------------------------------------------------------
# quire.1 and the usage

"$QUIRE" --help > "$W/usage.txt" 2>&1 || bail "quire --help exits 0"
mapfile -t flags < <(grep -oE -- '--[a-z][a-z-]*' "$W/usage.txt" | sort -u)
[ "${#flags[@]}" -ge 20 ] || bail "the usage names its flags" "$(cat "$W/usage.txt")"
missing=""
for f in "${flags[@]}"; do
	grep -qE -- "^\.(It|Op|Fl|Oo).*Fl ${f#-}([^a-z-]|$)" "$M1" || missing+=" $f"
done
check "every one of the usage's ${#flags[@]} --flags is in quire.1" "missing:$missing" \
    [ -z "$missing" ]
extra=""
for f in $(grep -oE -- 'Fl -[a-z][a-z-]*' "$M1" | sed 's/^Fl /-/' | sort -u); do
	printf '%s\n' "${flags[@]}" | grep -qx -- "$f" || extra+=" $f"
done
check "every --flag quire.1 names is in the usage" "not in the usage:$extra" [ -z "$extra" ]
# Commands: "quire WORD" at the start of a usage line (--help aside).
missing=""
for c in $(sed -nE 's/^(usage:)? *quire ([a-z]+).*/\2/p' "$W/usage.txt" | sort -u); do
	grep -qE "^\.Cm $c( |$)" "$M1" || missing+=" $c"
	grep -qE "^     quire $c( |$)" "$W/quire.1.txt" || missing+=" $c(synopsis)"
done
check "every command of the usage is in quire.1's SYNOPSIS and described" "missing:$missing" \
    [ -z "$missing" ]
missing=""
for c in "user add" "user passwd" "user list" "user del" backup export import; do
	grep -qE "^     quire $c( |$)" "$W/quire.1.txt" || missing+=" [$c]"
done
check "quire.1's SYNOPSIS has user add/passwd/list/del, backup, export and import" \
    "missing:$missing" [ -z "$missing" ]
missing=""
for s in "CGI mode" SIGNALS FILES "EXIT STATUS" EXAMPLES "SEE ALSO" QUIRE_DB \
    QUIRE_TEMPLATES QUIRE_CLOCK QUIRE_STRICT_TEMPLATES SIGHUP SIGTERM; do
	grep -q -- "$s" "$W/quire.1.txt" || missing+=" [$s]"
done
check "quire.1 has CGI mode and its variables, SIGNALS, FILES, EXIT STATUS, EXAMPLES, SEE ALSO" \
    "missing:$missing" [ -z "$missing" ]

# ---------------------------------------------------------------------------
# quire.conf.5, the example and the table of keys

"$QUIRE" check --keys > "$W/keys.txt" 2>&1 || bail "quire check --keys exits 0" "$(cat "$W/keys.txt")"
nkeys=$(wc -l < "$W/keys.txt")
[ "$nkeys" -ge 10 ] || bail "quire check --keys lists the keys" "$(cat "$W/keys.txt")"

# block KEY: quire.conf.5's item of KEY, from its .It to the next.
block() {
	awk -v k="$1" '/^\.It Cm / { on = ($3 == k && $4 == "No") } /^\.El/ { on = 0 } on' "$M5"
}
bad=""
while IFS=$'\t' read -r key flagarg def help; do
	b=$(block "$key")
	flag=${flagarg%% *}
	if [ -z "$b" ]; then
		bad+=" $key(no item)"
		continue
	fi
	grep -q -- "^\.Fl ${flag#-} \.\$" <<< "$b" || bad+=" $key(flag $flag)"
	grep -q "^Default" <<< "$b" || bad+=" $key(no default)"
	case $def in
	*[!0-9a-z]*) ;;
	*) tr '\n' ' ' <<< "$b" | grep -qE "Default:( \.Cm)? $def( \.|[.;]| \()" || bad+=" $key(default $def)" ;;
	esac
	: "$help"
done < "$W/keys.txt"
check "quire.conf.5 has an item for each of the $nkeys keys, with its flag and its default" \
    "wrong:$bad" [ -z "$bad" ]
stale=""
for k in $(sed -nE 's/^\.It Cm ([a-z_]+) No =.*/\1/p' "$M5"); do
	cut -f1 "$W/keys.txt" | grep -qx "$k" || stale+=" $k"
done
check "quire.conf.5 documents no key the table lacks" "not keys:$stale" [ -z "$stale" ]

missing=""
while IFS=$'\t' read -r key _; do
	grep -qE "^(# )?$key = " "$EX" || missing+=" $key"
done < "$W/keys.txt"
check "docs/quire.conf.example shows each of the $nkeys keys (set, or \"# key =\")" \
    "missing:$missing" [ -z "$missing" ]
stale=""
for k in $(sed -nE 's/^(# )?([a-z_]+) = .*/\2/p' "$EX"); do
	cut -f1 "$W/keys.txt" | grep -qx "$k" || stale+=" $k"
done
check "docs/quire.conf.example shows no key the table lacks" "not keys:$stale" [ -z "$stale" ]

# The example as it is, its database pointed at a scratch one, and every
# key it only shows switched on (the example's user and group are made to
# exist here: nobody and its group; its template folder is the source's).
"$QUIRE" init --db "$W/site.db" --base-url https://blog.example.org >"$W/init.out" 2>&1 ||
    bail "quire init" "$(cat "$W/init.out")"
sed "s|^database = .*|database = $W/site.db|" "$EX" > "$W/example.conf"
"$QUIRE" check --config "$W/example.conf" > "$W/check.out" 2>&1
rc=$?
check "quire check --config docs/quire.conf.example (its database a scratch one): ok" \
    "exit $rc; $(cat "$W/check.out")" eval '[ $rc = 0 ] && grep -q "^ok: " "$W/check.out"'
sed -E "s|^database = .*|database = $W/site.db|; s|^# (listen\|socket) = .*||;
    s|^# ([a-z_]+ = )|\1|; s|^user = .*|user = nobody|;
    s|^group = .*|group = $(id -gn nobody)|; s|^templates = .*|templates = $top/templates|" \
    "$EX" > "$W/every.conf"
"$QUIRE" check --config "$W/every.conf" > "$W/every.out" 2>&1
rc=$?
check "... and with every key it only shows switched on: ok" \
    "exit $rc; $(cat "$W/every.out")" eval '[ $rc = 0 ] && grep -q "^ok: " "$W/every.out"'

echo "1..$((pass + fail))"
[ "$fail" = 0 ]
