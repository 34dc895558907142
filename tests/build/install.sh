#!/usr/bin/env bash
# tests/build/install.sh: make install into a temporary DESTDIR, with
# PREFIX=/usr/local and PREFIX=/usr: exactly the files the repository
# ships, with their modes; a binary that runs; units and nginx files that
# name the installed paths; then make uninstall leaves no file behind (a
# configuration file the administrator wrote stays) and no folder install
# did not make. The man pages and the example configuration are expected
# when the repository has them. One line per check: ok - ... / not ok - ...
# Exits 1 if any check failed.
# Checks pass single-quoted conditions to eval, on purpose:
# shellcheck disable=SC2016
set -u
# shellcheck source=tests/e2e/lib.sh
. "$(dirname "$0")/../e2e/lib.sh"
cd "$(dirname "$0")/../.." || exit 1
pass=0 fail=0
T=$(mktemp -d "${TMPDIR:-/tmp}/quire-install.XXXXXXXX") || exit 1
trap '[ "$fail" -gt 0 ] && echo "# kept $T" || rm -rf "$T"' EXIT

# The repository's files that install copies, and where each lands
# (relative to DESTDIR, with BIN, DATA, UNIT and ETC for the folders).
expected() {
	local f
	echo "BIN/quire 755"
	for f in templates/static/*; do echo "DATA/quire/static/${f##*/} 644"; done
	for f in docs/nginx/*.conf; do echo "DATA/quire/nginx/${f##*/} 644"; done
	for f in docs/systemd/*.service docs/systemd/*.socket docs/systemd/*.timer; do
		[ -e "$f" ] && echo "UNIT/${f##*/} 644"
	done
	[ -e docs/quire.1 ] && echo "DATA/man/man1/quire.1 644"
	[ -e docs/quire.conf.5 ] && echo "DATA/man/man5/quire.conf.5 644"
	[ -e docs/quire.conf.example ] && echo "ETC/quire/quire.conf.example 644"
	return 0
}
for f in docs/quire.1 docs/quire.conf.5 docs/quire.conf.example; do
	if [ -e "$f" ]; then
		ok "$f is in the repository: make install must install it"
	else
		echo "ok - $f installed # SKIP not in the repository yet"
	fi
done

# installed DESTDIR: "PATH MODE" of every file under it, sorted.
installed() {
	(cd "$1" && find . -type f -printf '%P %m\n' -o -type l -printf '%P link\n' | sort)
}

for PREFIX in /usr/local /usr; do
	D=$T/dest${PREFIX//\//-}
	mkdir -p "$D"
	BIN=${PREFIX#/}/bin DATA=${PREFIX#/}/share UNIT=${PREFIX#/}/lib/systemd/system ETC=etc
	log=$T/install${PREFIX//\//-}.log
	make --no-print-directory -s install DESTDIR="$D" PREFIX="$PREFIX" >"$log" 2>&1
	rc=$?
	check "make install PREFIX=$PREFIX DESTDIR=... succeeds" "exit $rc: $(tail -n 20 "$log")" \
	    [ "$rc" = 0 ]
	expected | sed -e "s|^BIN/|$BIN/|; s|^DATA/|$DATA/|; s|^UNIT/|$UNIT/|; s|^ETC/|$ETC/|" |
	    sort > "$T/want"
	installed "$D" > "$T/got"
	check "PREFIX=$PREFIX: exactly the shipped files, with modes 755 (the binary) and 644" \
	    "$(diff "$T/want" "$T/got")" cmp -s "$T/want" "$T/got"
	bad=$(find "$D" -type d ! -perm 755 -printf '%P %m\n' | grep -v '^ ')
	check "PREFIX=$PREFIX: every folder install made has mode 755" "$bad" [ -z "$bad" ]
	bad=""
	for f in templates/static/*; do
		cmp -s "$f" "$D/$DATA/quire/static/${f##*/}" || bad+=" ${f##*/}"
	done
	check "PREFIX=$PREFIX: the static files are templates/static/'s, byte for byte" "differ:$bad" [ -z "$bad" ]
	v=$("$D/$BIN/quire" --version 2>&1)
	rc=$?
	check "PREFIX=$PREFIX: the installed $PREFIX/bin/quire runs (--version)" "exit $rc: $v" \
	    eval '[ $rc = 0 ] && [[ $v == "quire "*"(schema "* ]]'

	# Units: ExecStart names the installed binary; nothing else changed.
	bad="" n=0
	for f in docs/systemd/*.service; do
		u=$D/$UNIT/${f##*/}
		[ -e "$u" ] || { bad+="${f##*/} missing"$'\n'; continue; }
		while IFS= read -r line; do
			n=$((n + 1))
			case $line in
			"ExecStart=$PREFIX/bin/quire "*|"ExecStart=$PREFIX/bin/quire") ;;
			*) bad+="${f##*/}: $line"$'\n' ;;
			esac
		done < <(grep '^ExecStart=' "$u")
		grep -q '^ExecStart=' "$u" || bad+="${f##*/}: no ExecStart"$'\n'
		diff <(sed "s|/usr/local/bin/quire|$PREFIX/bin/quire|g; s|/usr/local/share/quire/|/$DATA/quire/|g" "$f") "$u" \
		    >/dev/null || bad+="${f##*/}: differs from $f beyond the paths"$'\n'
	done
	check "PREFIX=$PREFIX: the installed units' ExecStart runs $PREFIX/bin/quire ($n lines); the rest is docs/systemd/'s" \
	    "$bad" [ -z "$bad" ]
	if [ "$PREFIX" != /usr/local ]; then
		left=$(grep -rl '/usr/local' "$D/$UNIT" "$D/$DATA/quire/nginx" 2>/dev/null)
		check "PREFIX=$PREFIX: no installed unit or nginx file names /usr/local" "$left" [ -z "$left" ]
	fi
	aliases=$(grep -h 'alias .*/static/;' "$D/$DATA/quire/nginx/"*.conf | sort -u | tr -s ' \t' ' ')
	check "PREFIX=$PREFIX: the installed nginx files serve /static/ from the installed $PREFIX/share/quire/static/" \
	    "$aliases" eval '[ "$aliases" = " alias $PREFIX/share/quire/static/;" ] && [ -f "$D/$DATA/quire/static/style.css" ]'

	# Uninstall: the administrator's configuration file stays.
	find "$D" -type d -printf '%P\n' | sort > "$T/dirs"
	printf 'database = /var/lib/quire/site.db\n' > "$D/etc/quire/quire.conf"
	make --no-print-directory -s uninstall DESTDIR="$D" PREFIX="$PREFIX" \
	    >"$log.un" 2>&1
	rc=$?
	installed "$D" > "$T/left"
	check "PREFIX=$PREFIX: make uninstall removes every installed file and keeps /etc/quire/quire.conf, which install did not put" \
	    "exit $rc; left: $(cat "$T/left")" \
	    eval '[ $rc = 0 ] && [ "$(cat "$T/left")" = "etc/quire/quire.conf 644" ]'
	rm "$D/etc/quire/quire.conf"
	make --no-print-directory -s uninstall DESTDIR="$D" PREFIX="$PREFIX" \
	    >>"$log.un" 2>&1
	rc=$?
	find "$D" -type d -printf '%P\n' | sort > "$T/dirs-left"
	extra=$(comm -13 "$T/dirs" "$T/dirs-left")
	check "PREFIX=$PREFIX: a second make uninstall succeeds; nothing is left but empty folders install made" \
	    "exit $rc; files: $(installed "$D"); folders install did not make: $extra" \
	    eval '[ $rc = 0 ] && [ -z "$(installed "$D")" ] && [ -z "$extra" ]'
	check "PREFIX=$PREFIX: ... and quire's own folders are gone" "$(cat "$T/dirs-left")" \
	    eval '! grep -qE "(^|/)quire$|quire/" "$T/dirs-left"'
done
[ "$fail" = 0 ]
