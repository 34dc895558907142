#!/bin/sh
# tests/fuzz/run.sh: builds every libFuzzer harness (tests/fuzz/fuzz_*.c)
# into build/fuzz/ under ASan+UBSan and runs each for FUZZ_SECONDS (default
# 5) on a scratch copy of its seed corpus. One line per harness:
#   ok - fuzz NAME (N runs)      or      not ok - fuzz NAME  (then # lines)
# Exits 1 if any harness failed to build or found a crash. Run from the repo
# root: sh tests/fuzz/run.sh  (make fuzz runs it longer).

SECONDS_EACH=${FUZZ_SECONDS:-5}
CC=${FUZZ_CC:-clang}
OUT=build/fuzz

cd "$(dirname "$0")/../.." || exit 1

if ! command -v "$CC" >/dev/null 2>&1; then
	echo "not ok - fuzz: clang not found"
	exit 1
fi

# Largest input per harness: past REQ_TARGET_MAX for the request, a long
# article for Markdown.
max_len() {
	case $1 in
	req)		echo 8192 ;;
	route)		echo 1024 ;;
	markdown)	echo 65536 ;;
	*)		echo 4096 ;;
	esac
}

mkdir -p "$OUT/artifacts" || exit 1
: > "$OUT/build.log"

# The harnesses, built by the Makefile from its one list of modules.
if ! make -s fuzzers FUZZ_CC="$CC" >>"$OUT/build.log" 2>&1; then
	echo "not ok - fuzz: cannot build the harnesses"
	echo "#   see $OUT/build.log"
	sed -n '1,20s/^/#   /p' "$OUT/build.log"
	exit 1
fi

failed=0
for h in tests/fuzz/fuzz_*.c; do
	name=${h#tests/fuzz/fuzz_}
	name=${name%.c}
	bin=$OUT/fuzz_$name
	log=$OUT/$name.log
	art=$OUT/artifacts/$name
	corpus=$OUT/corpus/$name

	: > "$log"

	# Reproducers of bugs found by fuzzing (tests/fuzz/regress/NAME/), replayed every run:
	# one that crashes again fails the harness.
	known=""
	: > "$OUT/$name.known.log"
	for f in tests/fuzz/regress/"$name"/*; do
		[ -f "$f" ] || continue
		"$bin" -close_fd_mask=2 -timeout=10 -rss_limit_mb=2048 "$f" \
		    >>"$OUT/$name.known.log" 2>&1 || known="$known $f"
	done

	# A fresh copy of the seeds: what the fuzzer adds stays out of git.
	rm -rf "$corpus" "$art"
	mkdir -p "$corpus" "$art"
	if [ -d "tests/fuzz/corpus/$name" ]; then
		cp tests/fuzz/corpus/"$name"/* "$corpus"/ 2>/dev/null
	fi
	dict=""
	[ -f "tests/fuzz/$name.dict" ] && dict="-dict=tests/fuzz/$name.dict"

	# -close_fd_mask=2 mutes the target's stderr (src/log.c writes a line
	# per rejected input); libFuzzer and sanitizer reports still get out.
	"$bin" -max_total_time="$SECONDS_EACH" -max_len="$(max_len "$name")" \
	    -timeout=10 -rss_limit_mb=2048 -print_final_stats=0 \
	    -close_fd_mask=2 -artifact_prefix="$art/" $dict "$corpus" \
	    >>"$log" 2>&1
	rc=$?
	runs=$(sed -n 's/^Done \([0-9][0-9]*\) runs in .*/\1/p' "$log" | tail -n 1)
	if [ "$rc" -eq 0 ] && [ -n "$runs" ] && [ -z "$known" ]; then
		echo "ok - fuzz $name ($runs runs)"
		continue
	fi
	failed=1
	echo "not ok - fuzz $name"
	for f in $known; do
		echo "#   crash: $f (known reproducer, still failing)"
	done
	if [ -n "$known" ]; then
		grep -m 1 -E 'invariant failed|SUMMARY' "$OUT/$name.known.log" |
		    sed 's/^/#   /'
		echo "#   log: $OUT/$name.known.log"
	fi
	if [ "$rc" -ne 0 ] || [ -z "$runs" ]; then
		found=0
		for f in "$art"/*; do
			[ -f "$f" ] || continue
			echo "#   crash: $f"
			found=1
		done
		[ "$found" -eq 1 ] || echo "#   exit status $rc, no crash file"
		grep -m 1 -E 'invariant failed|SUMMARY' "$log" | sed 's/^/#   /'
		echo "#   log: $log"
	fi
done
exit "$failed"
