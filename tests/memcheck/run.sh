#!/usr/bin/env bash
# make memcheck: end-to-end suites with `quire serve` (supervisor and
# workers) and the CGI mode under valgrind's memcheck, then every process's report read:
#
#   bash tests/memcheck/run.sh [SUITE...]      (default: run admin)
#
# A suite is a script of tests/e2e. Its own checks must pass as usual (the
# servers are slower, not different), and each valgrind log must report
# no error: no invalid read or write, no use of uninitialised memory, no
# bad free, no block definitely or indirectly lost at exit (still
# reachable ones, freed by the exit itself, are not errors). A process
# the suite kills (SIGKILL) is not checked. The logs are kept in
# build/memcheck/. Not part of make test: a suite takes minutes.
set -u
cd "$(dirname "$0")/../.." || exit 2
top=$(pwd)
command -v valgrind >/dev/null 2>&1 || {
	echo "memcheck: valgrind is missing: apt-get install valgrind" >&2
	exit 2
}
[ -x build/quire ] || { echo "memcheck: build/quire is missing: make" >&2; exit 2; }
[ $# -gt 0 ] || set -- run admin

out=$top/build/memcheck
rm -rf "$out"
mkdir -p "$out"
# The workers run as the service user (nobody, as root): the logs go to a
# folder everyone can write, then move to build/memcheck.
logs=$(mktemp -d "${TMPDIR:-/tmp}/quire-memcheck.XXXXXXXX")
chmod 0777 "$logs"
trap 'rm -rf "$logs"' EXIT

# What the suites get as their QUIRE: `quire serve` (the supervisor and,
# through fork, every worker) and the CGI mode (no command) run under
# memcheck, one log a process; the other commands (init, user add,
# backup...) run build/quire directly. Paths are written in, since the CGI
# tests run it with an empty environment (env -i: no PATH either).
# --vgdb=no: the supervisor's debugger pipes would be made as root and
# left behind once it is the service user.
vg=$(command -v valgrind)
opts="--tool=memcheck --vgdb=no --error-exitcode=99 --leak-check=full"
opts+=" --show-leak-kinds=definite,indirect"
opts+=" --errors-for-leak-kinds=definite,indirect --track-origins=yes"
opts+=" --suppressions=$top/tests/memcheck/quire.supp"
case "$top$logs" in
*[[:space:]]*) echo "memcheck: $top or $logs has a space" >&2; exit 2 ;;
esac
wrap=$out/quire
cat > "$wrap" <<WRAP
#!/bin/sh
case \${1:-cgi} in
serve|cgi)
	exec $vg $opts --log-file=$logs/vg.%p.log $top/build/quire "\$@"
	;;
esac
exec $top/build/quire "\$@"
WRAP
chmod 0755 "$wrap"

pass=0 fail=0 rc=0

# The harness itself: a program that leaks a block and branches on
# uninitialised memory, under the same options, must leave a report.
cat > "$out/leak.c" <<'C'
#include <stdlib.h>
int main(void) { int *p = malloc(64); if (p[3] == 7) return 2; p = NULL; return 0; }
C
cc -g -O0 -o "$out/leak" "$out/leak.c" || exit 2
# shellcheck disable=SC2086
$vg $opts --log-file="$out/leak.log" "$out/leak"
if grep -q "definitely lost" "$out/leak.log" &&
    grep -q "uninitialised" "$out/leak.log"; then
	echo "ok - memcheck reports a leaked block and an uninitialised read (a 2-line program)"
	pass=$((pass + 1))
else
	echo "not ok - memcheck reports a leaked block and an uninitialised read"
	sed 's/^/    /' "$out/leak.log"
	fail=$((fail + 1))
fi

for s in "$@"; do
	echo "# memcheck: tests/e2e/$s.sh"
	rm -f "$logs"/vg.*.log
	t0=$(date +%s)
	bash "tests/e2e/$s.sh" "$wrap" > "$out/$s.out" 2>&1
	src=$?
	p=$(grep -c '^ok ' "$out/$s.out")
	f=$(grep -c '^not ok ' "$out/$s.out")
	grep '^not ok ' "$out/$s.out" | sed 's/^/    /'
	mkdir -p "$out/$s"
	# A process that ended by itself has an ERROR SUMMARY (the leak
	# check ran); one the suite killed (SIGKILL) has none.
	nlog=0 nend=0 nbad=0
	for l in "$logs"/vg.*.log; do
		[ -e "$l" ] || continue
		nlog=$((nlog + 1))
		cp "$l" "$out/$s/"
		grep -q 'ERROR SUMMARY:' "$l" || continue
		nend=$((nend + 1))
		if ! grep -q 'ERROR SUMMARY: 0 errors' "$l"; then
			nbad=$((nbad + 1))
			echo "    valgrind: $out/$s/$(basename "$l"):"
			grep -v -e '^==[0-9]*== *$' "$l" | head -n 40 | sed 's/^/      /'
		fi
	done
	echo "# $s: $p ok, $f not ok (exit $src); $nlog processes under memcheck, $nend checked at their exit, $nbad with errors or leaks ($(($(date +%s) - t0)) s)"
	if [ "$nend" = 0 ]; then
		echo "not ok - memcheck $s: no process under valgrind ended by itself"
		fail=$((fail + 1))
	elif [ "$nbad" = 0 ]; then
		echo "ok - memcheck $s: $nend quire processes checked at exit, no error, no leak"
		pass=$((pass + 1))
	else
		echo "not ok - memcheck $s: $nbad of $nend processes reported errors or leaks"
		fail=$((fail + 1))
	fi
	if [ "$f" != 0 ] || [ "$src" != 0 ]; then
		echo "not ok - $s under memcheck: its own checks ($f failed, exit $src)"
		fail=$((fail + 1))
	else
		echo "ok - $s under memcheck: its $p checks pass"
		pass=$((pass + 1))
	fi
done
echo "memcheck: $pass passed, $fail failed"
[ "$fail" = 0 ] || rc=1
exit $rc
