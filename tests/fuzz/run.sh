#!/bin/sh
# tests/fuzz/run.sh: the libFuzzer harnesses (tests/fuzz/fuzz_*.c, built
# into build/fuzz/ under ASan+UBSan by `make fuzzers`), two ways:
#
#   sh tests/fuzz/run.sh [replay]   make test: every file of corpus/NAME/ and
#                                   regress/NAME/, once each; no fuzzing, so
#                                   the same verdict on every run
#   sh tests/fuzz/run.sh explore    make fuzz: FUZZ_SECONDS (default 60) of
#                                   fuzzing each, from a scratch copy of the
#                                   seeds, after the replay
#   ... replay|explore NAME...      only those harnesses (FUZZ=NAME... in make)
#
# One line per harness:
#   ok - fuzz NAME (N inputs replayed)   ok - fuzz NAME (N runs)
#   not ok - fuzz NAME  (then # lines: the input or crash file, the log)
# Exploring, it ends with a table (also in build/fuzz/summary.md): per
# harness the executions (libFuzzer's stat::number_of_executed_units),
# executions a second, the corpus it ended with and the crashes found.
# Exits 1 if a harness failed to build, crashed on an input or found a
# crash. Run from anywhere; it works from the repo root.

MODE=${1:-replay}
[ $# -gt 0 ] && shift
ONLY=$*
SECONDS_EACH=${FUZZ_SECONDS:-60}
CC=${FUZZ_CC:-clang}
OUT=build/fuzz

cd "$(dirname "$0")/../.." || exit 1

case $MODE in
replay|explore) ;;
*) echo "usage: sh tests/fuzz/run.sh [replay | explore]" >&2; exit 2 ;;
esac

if ! command -v "$CC" >/dev/null 2>&1; then
	echo "not ok - fuzz: clang not found"
	exit 1
fi

# Largest input per harness when exploring: past REQ_TARGET_MAX for the
# request, a long article for Markdown. A replay runs every file whole.
max_len() {
	case $1 in
	req)		echo 8192 ;;
	route)		echo 1024 ;;
	markdown)	echo 65536 ;;
	zipdir)		echo 16384 ;;
	*)		echo 4096 ;;
	esac
}

mkdir -p "$OUT/artifacts" || exit 1
: > "$OUT/build.log"

# The harnesses, built by the Makefile from its one list of modules (make
# test has built them already; this only checks they are current).
if ! make -s fuzzers FUZZ_CC="$CC" >>"$OUT/build.log" 2>&1; then
	echo "not ok - fuzz: cannot build the harnesses"
	echo "#   see $OUT/build.log"
	sed -n '1,20s/^/#   /p' "$OUT/build.log"
	exit 1
fi

# replay NAME: every seed and every reproducer of NAME, each file run once
# (libFuzzer given files rather than folders runs them and stops: no
# mutation, no time limit). A reproducer that crashes again fails the
# harness. Sets n (inputs run) and bad (the input that failed, or "").
replay() {
	rname=$1
	bin=$OUT/fuzz_$rname
	log=$OUT/$rname.replay.log
	n=0 bad=""
	: > "$log"
	set --
	for f in tests/fuzz/corpus/"$rname"/* tests/fuzz/regress/"$rname"/*; do
		[ -f "$f" ] && set -- "$@" "$f"
	done
	[ $# -gt 0 ] || return 0
	# -close_fd_mask=2 mutes the target's stderr (src/log.c writes a line
	# per rejected input); libFuzzer and sanitizer reports still get out.
	"$bin" -runs=0 -close_fd_mask=2 -timeout=10 -rss_limit_mb=2048 \
	    "$@" >>"$log" 2>&1
	rc=$?
	n=$(grep -c '^Executed ' "$log")
	if [ "$rc" -ne 0 ] || [ "$n" -ne $# ]; then
		bad=$(sed -n 's/^Running: //p' "$log" | tail -n 1)
		[ -n "$bad" ] || bad="(exit status $rc, $n of $# inputs run)"
	fi
}

failed=0
summary=$OUT/summary.md
if [ "$MODE" = explore ]; then
	{
		echo "| harness | executions | per second | corpus | crashes |"
		echo "|---------|-----------:|-----------:|-------:|--------:|"
	} > "$summary"
fi
for h in tests/fuzz/fuzz_*.c; do
	name=${h#tests/fuzz/fuzz_}
	name=${name%.c}
	case " ${ONLY:-$name} " in
	*" $name "*) ;;
	*) continue ;;
	esac

	replay "$name"
	if [ -n "$bad" ]; then
		failed=1
		echo "not ok - fuzz $name (replay)"
		case $bad in
		tests/fuzz/regress/*) echo "#   crash: $bad (known reproducer, still failing)" ;;
		*) echo "#   input: $bad" ;;
		esac
		grep -m 1 -E 'invariant failed|SUMMARY|ERROR:' "$log" | sed 's/^/#   /'
		echo "#   log: $log"
		continue
	fi
	if [ "$MODE" = replay ]; then
		echo "ok - fuzz $name ($n inputs replayed)"
		continue
	fi

	bin=$OUT/fuzz_$name
	log=$OUT/$name.log
	art=$OUT/artifacts/$name
	corpus=$OUT/corpus/$name
	: > "$log"
	# A fresh copy of the seeds: what the fuzzer adds stays out of git.
	rm -rf "$corpus" "$art"
	mkdir -p "$corpus" "$art"
	if [ -d "tests/fuzz/corpus/$name" ]; then
		cp tests/fuzz/corpus/"$name"/* "$corpus"/ 2>/dev/null
	fi
	dict=""
	[ -f "tests/fuzz/$name.dict" ] && dict="-dict=tests/fuzz/$name.dict"

	"$bin" -max_total_time="$SECONDS_EACH" -max_len="$(max_len "$name")" \
	    -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
	    -close_fd_mask=2 -artifact_prefix="$art/" $dict "$corpus" \
	    >>"$log" 2>&1
	rc=$?
	runs=$(sed -n 's/^stat::number_of_executed_units: *\([0-9][0-9]*\).*/\1/p' "$log" | tail -n 1)
	secs=$(sed -n 's/^stat::average_exec_per_sec: *\([0-9][0-9]*\).*/\1/p' "$log" | tail -n 1)
	crashes=$(find "$art" -type f | wc -l)
	printf '| %s | %s | %s | %s | %s |\n' "$name" "${runs:-?}" "${secs:-?}" \
	    "$(find "$corpus" -type f | wc -l)" "$crashes" >> "$summary"
	if [ "$rc" -eq 0 ] && [ -n "$runs" ]; then
		echo "ok - fuzz $name ($n inputs replayed, $runs runs, $secs/s, 0 crashes)"
		continue
	fi
	failed=1
	echo "not ok - fuzz $name"
	found=0
	for f in "$art"/*; do
		[ -f "$f" ] || continue
		echo "#   crash: $f (copy it to tests/fuzz/regress/$name/ once understood)"
		found=1
	done
	[ "$found" -eq 1 ] || echo "#   exit status $rc, no crash file"
	grep -m 1 -E 'invariant failed|SUMMARY' "$log" | sed 's/^/#   /'
	echo "#   log: $log"
done
if [ "$MODE" = explore ]; then
	echo "# $SECONDS_EACH s each, on $(nproc) CPUs (load $(cut -d' ' -f1-3 /proc/loadavg)):"
	sed 's/^/# /' "$summary"
fi
exit "$failed"
