# tests/e2e/lib.sh: what every end-to-end script shares: the ok/not ok
# lines the runner counts, and small helpers. Sourced; the caller keeps the
# counters pass and fail.

ok() {
	pass=$((pass + 1))
	printf 'ok - %s\n' "$1"
}

# not_ok DESC [DETAIL]: DETAIL may span lines; at most 25 are shown.
not_ok() {
	fail=$((fail + 1))
	printf 'not ok - %s\n' "$1"
	if [ $# -gt 1 ] && [ -n "$2" ]; then
		printf '%s\n' "${2%%$'\n'}" | head -n 25 | sed 's/^/    /'
	fi
}

# check DESC DETAIL CMD...: ok if CMD succeeds.
check() {
	local desc=$1 detail=$2
	shift 2
	if "$@"; then
		ok "$desc"
	else
		not_ok "$desc" "$detail"
	fi
}

bail() {
	not_ok "$1" "${2:-}"
	exit 1
}

# Is process PID running (not a zombie)?
alive() {
	local s
	s=$(ps -o stat= -p "$1" 2>/dev/null) || return 1
	case $s in
	Z*|"") return 1 ;;
	esac
	return 0
}

# free_port: a port nothing listens on, below the kernel's ephemeral range
# (net.ipv4.ip_local_port_range, 32768 and up by default), where an
# outgoing connection of another program could take it before nginx binds.
free_port() {
	local p i lo=32768
	read -r lo _ < /proc/sys/net/ipv4/ip_local_port_range 2>/dev/null
	[ "$lo" -gt 21024 ] 2>/dev/null || lo=32768
	for ((i = 0; i < 100; i++)); do
		p=$((20000 + RANDOM % (lo - 20000)))
		if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
			echo "$p"
			return 0
		fi
	done
	return 1
}

# The value of header NAME (last one) in a header file.
hdr() {
	tr -d '\r' < "$1" | sed -n "s/^$2: *//Ip" | tail -n 1
}

# As root (CI), quire serve refuses to run without a service user: the
# scripts that start it themselves pass "${SERVE_AS[@]}". src/run.sh does
# the same and hands the scratch folders to that user.
SERVE_AS=()
if [ "$(id -u)" = 0 ]; then
	SERVE_AS=(--user nobody --group "$(id -gn nobody)")
fi
