#!/usr/bin/env bash
# The whole suite, as `make test` runs it: unit and golden tests (cmocka),
# database tests, end to end behind nginx, CGI and FastCGI, the admin over
# HTTP and in headless Chromium, HTML validation, a replay of the fuzz
# corpora and regressions (no timed fuzzing: make fuzz does that); unit and
# end-to-end again under ASan+UBSan. Every suite prints
# "ok - ..." / "not ok - ..." lines; this prints them and ends with the one
# line CI reads: "N passed, N failed".
set -u
cd "$(dirname "$0")/.."
mkdir -p build/test-logs
pass=0
fail=0
skip=0

export ASAN_OPTIONS=${ASAN_OPTIONS:-abort_on_error=1:detect_leaks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

# suite NAME COMMAND...: runs it, echoes its lines, counts them. A suite that
# exits non-zero without saying which check failed counts as one failure.
suite() {
	local name=$1 log=build/test-logs/$1.log rc p f s
	shift
	echo "# $name"
	"$@" > "$log" 2>&1
	rc=$?
	grep -E '^(not )?ok ' "$log" | sed 's/^ok [0-9]* *-* */ok - /; s/^not ok [0-9]* *-* */not ok - /'
	grep -A8 -E '^not ok ' "$log" | grep -vE '^(not )?ok ' | sed 's/^/    /' | head -60
	s=$(grep -cE '^ok .*# (SKIP|skip)' "$log")
	p=$(( $(grep -cE '^ok ' "$log") - s ))
	f=$(grep -cE '^not ok ' "$log")
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
		echo "not ok - $name exited with status $rc (see $log)"
		tail -20 "$log" | sed 's/^/    /'
		f=1
	fi
	pass=$((pass + p))
	fail=$((fail + f))
	skip=$((skip + s))
}

units() {
	local dir=$1 t rc=0
	for t in "$dir"/test_*; do
		[ -x "$t" ] || continue
		CMOCKA_MESSAGE_OUTPUT=TAP "$t" || rc=1
	done
	return $rc
}

suite unit units build/tests
suite unit-asan units build/tests/asan
suite build bash tests/build/cmark-version.sh
suite db bash tests/db/schema.sh build/quire
suite e2e bash tests/e2e/run.sh build/quire
suite e2e-asan bash tests/e2e/run.sh build/asan/quire
suite cache bash tests/e2e/cache.sh build/quire
suite cache-asan bash tests/e2e/cache.sh build/asan/quire
suite seo bash tests/e2e/seo.sh build/quire
suite seo-asan bash tests/e2e/seo.sh build/asan/quire
suite feeds bash tests/e2e/feeds.sh build/quire
suite feeds-asan bash tests/e2e/feeds.sh build/asan/quire
suite admin bash tests/e2e/admin.sh build/quire
suite cgi bash tests/e2e/cgi.sh build/quire
suite cgi-asan bash tests/e2e/cgi.sh build/asan/quire
suite root bash tests/e2e/root.sh build/asan/quire
suite launcher bash tests/e2e/launcher.sh build/quire
suite discovery bash tests/e2e/discovery.sh build/quire
suite discovery-asan bash tests/e2e/discovery.sh build/asan/quire
suite admin-asan bash tests/e2e/admin.sh build/asan/quire
suite search bash tests/e2e/search.sh build/quire
suite search-asan bash tests/e2e/search.sh build/asan/quire
suite redirects bash tests/e2e/redirects.sh build/quire
suite redirects-asan bash tests/e2e/redirects.sh build/asan/quire
suite port bash tests/e2e/port.sh build/quire
suite port-asan bash tests/e2e/port.sh build/asan/quire
suite install bash tests/build/install.sh
suite backup bash tests/e2e/backup.sh build/quire
suite backup-asan bash tests/e2e/backup.sh build/asan/quire
suite lifecycle bash tests/e2e/lifecycle.sh build/quire
suite lifecycle-asan bash tests/e2e/lifecycle.sh build/asan/quire
suite config bash tests/e2e/config.sh build/quire
suite config-asan bash tests/e2e/config.sh build/asan/quire
suite man bash tests/docs/man.sh build/quire
suite wxr bash tests/e2e/wxr.sh build/quire
suite wxr-asan bash tests/e2e/wxr.sh build/asan/quire
suite sitemap bash tests/e2e/sitemap.sh build/quire
suite sitemap-asan bash tests/e2e/sitemap.sh build/asan/quire
suite tools bash tests/e2e/tools.sh build/quire
suite tools-asan bash tests/e2e/tools.sh build/asan/quire
suite stale bash tests/e2e/stale.sh build/quire
suite stale-asan bash tests/e2e/stale.sh build/asan/quire
suite hostile bash tests/e2e/hostile.sh build/quire
suite hostile-asan bash tests/e2e/hostile.sh build/asan/quire
suite sandbox bash tests/e2e/sandbox.sh build/quire
suite sandbox-asan bash tests/e2e/sandbox.sh build/asan/quire
suite canon bash tests/e2e/canon.sh build/quire
suite canon-asan bash tests/e2e/canon.sh build/asan/quire
suite signin bash tests/e2e/signin.sh build/quire
suite signin-asan bash tests/e2e/signin.sh build/asan/quire
suite edge bash tests/e2e/edge.sh build/quire
suite edge-asan bash tests/e2e/edge.sh build/asan/quire
suite faults bash tests/e2e/faults.sh build/quire
suite faults-asan bash tests/e2e/faults.sh build/asan/quire
suite browser bash tests/browser/run.sh build/quire
suite fuzz sh tests/fuzz/run.sh

echo
echo "$pass passed, $fail failed, $skip skipped"
[ "$fail" -eq 0 ]
