#!/usr/bin/env bash
# tests/build/cmark-version.sh: src/markdown.c refuses to build against a
# cmark older than 0.29, which keeps raw HTML unless told otherwise. It is
# compiled twice, syntax only, with the program's flags: against the
# installed cmark it must pass (so the second check cannot pass by
# accident), and against tests/build/old-cmark/cmark.h (the installed header
# saying 0.28.3) it must fail with the #error's message. One line per check:
#   ok - ...      or      not ok - ...  (then # lines)
# Exits 1 if any check failed. CC as for make (default cc).
set -u
cd "$(dirname "$0")/../.." || exit 1

CC=${CC:-cc}
MSG='Quire needs cmark 0.29 or later'
CFLAGS_CMARK=$(pkg-config --cflags libcmark 2>/dev/null)
log=$(mktemp) || exit 1
trap 'rm -f "$log"' EXIT
failed=0

# compile [EXTRA FLAGS...]: src/markdown.c, syntax only; output in $log.
compile() {
	# shellcheck disable=SC2086	# CFLAGS_CMARK is a list of flags
	"$CC" "$@" -D_GNU_SOURCE -Isrc -Ibuild $CFLAGS_CMARK -std=c11 \
	    -fsyntax-only src/markdown.c >"$log" 2>&1
}

not_ok() {
	echo "not ok - $1"
	sed 's/^/#   /' "$log" | head -20
	failed=1
}

if compile; then
	echo "ok - src/markdown.c builds against the installed cmark"
else
	not_ok "src/markdown.c builds against the installed cmark"
fi

if compile -Itests/build/old-cmark; then
	not_ok "src/markdown.c refuses cmark 0.28 (it built)"
elif ! grep -qF "$MSG" "$log"; then
	not_ok "src/markdown.c refuses cmark 0.28 (failed, but without \"$MSG\")"
else
	echo "ok - src/markdown.c refuses cmark 0.28: $MSG"
fi

exit "$failed"
