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

# Modules under test: everything but main.c and embed.c (the generator).
MODULES="arena buf log html date tmpl req resp route db markdown auth app h_public h_admin server"
GEN="embed_sql embed_templates"

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

SAN="-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer"
CPPFLAGS="-D_GNU_SOURCE -Isrc -Ibuild"
PKG_CFLAGS=$(pkg-config --cflags libcmark sqlite3 fcgi libsodium 2>/dev/null)
LIBS=$(pkg-config --libs libcmark sqlite3 fcgi libsodium 2>/dev/null || echo -lfcgi -lsqlite3 -lcmark -lsodium)
CFLAGS="-g -O1"
# The house warnings, for the harnesses only (src/ is the Makefile's job).
WARN="-std=c11 -Wall -Wextra -Werror -Wshadow -Wpointer-arith -Wstrict-prototypes -Wmissing-prototypes"

mkdir -p "$OUT/obj" "$OUT/artifacts" || exit 1
: > "$OUT/build.log"

build_fail() {
	echo "not ok - fuzz: $1"
	echo "#   see $OUT/build.log"
	sed -n '1,20s/^/#   /p' "$OUT/build.log"
	exit 1
}

# The generated sources (templates and SQL built into the binary).
if ! make -s build/embed_sql.c build/embed_templates.c >>"$OUT/build.log" 2>&1; then
	if [ ! -f build/embed_sql.c ] || [ ! -f build/embed_templates.c ]; then
		build_fail "cannot generate build/embed_*.c"
	fi
fi

# Objects with coverage instrumentation, rebuilt when a source or any header
# is newer or the flags changed; compiled in parallel.
flags="$CC $CPPFLAGS $PKG_CFLAGS $CFLAGS $SAN"
if [ "$(cat "$OUT/obj/flags" 2>/dev/null)" != "$flags" ]; then
	rm -f "$OUT"/obj/*.o
	echo "$flags" > "$OUT/obj/flags"
fi
pids=""
for m in $MODULES $GEN; do
	src=src/$m.c
	case " $GEN " in *" $m "*) src=build/$m.c ;; esac
	obj=$OUT/obj/$m.o
	if [ -f "$obj" ] && [ -z "$(find "$src" src/*.h -newer "$obj" \
	    2>/dev/null | head -n 1)" ]; then
		continue
	fi
	$CC $CPPFLAGS $PKG_CFLAGS $CFLAGS $SAN -fsanitize=fuzzer-no-link \
	    -c -o "$obj" "$src" >>"$OUT/build.log" 2>&1 &
	pids="$pids $!"
done
for p in $pids; do
	wait "$p" || { rm -f "$OUT"/obj/*.o; build_fail "cannot compile src/"; }
done
OBJS=""
for m in $MODULES $GEN; do
	OBJS="$OBJS $OUT/obj/$m.o"
done

failed=0
for h in tests/fuzz/fuzz_*.c; do
	name=${h#tests/fuzz/fuzz_}
	name=${name%.c}
	bin=$OUT/fuzz_$name
	log=$OUT/$name.log
	art=$OUT/artifacts/$name
	corpus=$OUT/corpus/$name

	if ! $CC $CPPFLAGS $PKG_CFLAGS $CFLAGS $SAN -fsanitize=fuzzer $WARN \
	    -o "$bin" "$h" $OBJS $LIBS >"$log" 2>&1; then
		echo "not ok - fuzz $name"
		echo "#   build failed, see $log"
		failed=1
		continue
	fi

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
