#!/usr/bin/python3
"""Hold many slow connections open against a web server, as slowloris
(headers a line at a time, never finished) or a slow body (a complete
header, then the body a byte at a time) would; for tests/e2e/edge.sh.

    hold.py MODE HOST PORT N ADDRS STATUS [PATH]

MODE is "header" or "body", or "get": a whole GET sent at once on every
connection (a burst; its answers counted, nothing held). N connections, round robin from the source
addresses ADDRS (comma separated; 127.0.0.0/8 is all loopback on Linux, so
127.0.0.10,127.0.0.11,... are distinct clients to nginx). A connection the
server drops is opened again, as an attacker would. STATUS is rewritten
(whole, by rename) after every round:

    opened=A held=H peak=P answered=R codes=429:8,... ready=0|1

held: connected and not closed by the server now; peak: the most held at
once; answered: connections the server answered (e.g. limit_conn's 429)
and closed; ready=1 once every connection was tried. Runs until killed.
No timing is asserted here: the caller checks what was held.
"""

import errno
import os
import resource
import selectors
import socket
import sys
import time

TRICKLE = 2.0		# seconds between two bytes (or header lines)
CONNECT = 5.0		# seconds a connect may take


def main():
	if len(sys.argv) < 7:
		sys.stderr.write(__doc__)
		return 2
	mode, host, port, n, addrs, status = sys.argv[1:7]
	path = sys.argv[7] if len(sys.argv) > 7 else "/"
	port, n, addrs = int(port), int(n), addrs.split(",")
	soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
	want = n + 64
	if hard != resource.RLIM_INFINITY and want > hard:
		want = hard
	if soft < want:
		resource.setrlimit(resource.RLIMIT_NOFILE, (want, hard))

	if mode == "header":
		first = ("GET %s HTTP/1.1\r\nHost: localhost\r\n"
		    "User-Agent: hold.py\r\n" % path).encode()
	elif mode == "get":
		first = ("GET %s HTTP/1.1\r\nHost: localhost\r\n"
		    "User-Agent: hold.py\r\nConnection: close\r\n\r\n"
		    % path).encode()
	elif mode == "body":
		first = ("POST %s HTTP/1.1\r\nHost: localhost\r\n"
		    "User-Agent: hold.py\r\nContent-Type: "
		    "application/x-www-form-urlencoded\r\nContent-Length: "
		    "1000000\r\n\r\nq=" % path).encode()
	else:
		sys.stderr.write("hold.py: MODE is header, body or get\n")
		return 2

	sel = selectors.DefaultSelector()
	conns = {}		# socket -> [state, source index, deadline]
	codes = {}
	opened = peak = answered = 0
	ready = 0

	def connect(i):
		nonlocal opened
		s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
		s.setblocking(False)
		try:
			s.bind((addrs[i % len(addrs)], 0))
			s.connect_ex((host, port))
		except OSError as e:
			sys.stderr.write("hold.py: %s\n" % e)
			s.close()
			return
		opened += 1
		conns[s] = ["connecting", i, time.monotonic() + CONNECT]
		sel.register(s, selectors.EVENT_WRITE)

	def drop(s):
		sel.unregister(s)
		s.close()
		del conns[s]

	def write_status():
		nonlocal peak
		held = sum(1 for v in conns.values() if v[0] == "held")
		peak = max(peak, held)
		tmp = status + ".new"
		with open(tmp, "w") as f:
			f.write("opened=%d held=%d peak=%d answered=%d codes=%s "
			    "ready=%d\n" % (opened, held, peak, answered,
			    ",".join("%s:%d" % kv for kv in sorted(codes.items())),
			    ready))
		os.rename(tmp, status)

	for i in range(n):
		connect(i)
	next_trickle = time.monotonic() + TRICKLE
	while True:
		for key, _ in sel.select(timeout=0.2):
			s = key.fileobj
			st = conns[s]
			if st[0] == "connecting":
				err = s.getsockopt(socket.SOL_SOCKET,
				    socket.SO_ERROR)
				if err not in (0, errno.EINPROGRESS):
					drop(s)
					connect(st[1])
					continue
				try:
					s.send(first)
				except OSError:
					drop(s)
					connect(st[1])
					continue
				st[0] = "held"
				sel.modify(s, selectors.EVENT_READ)
				continue
			try:
				data = s.recv(4096)
			except OSError:
				data = b""
			if data.startswith(b"HTTP/1."):
				answered += 1
				code = data[9:12].decode("ascii", "replace")
				codes[code] = codes.get(code, 0) + 1
			drop(s)
			# A refused one stays refused: only a dropped
			# connection is opened again (a burst's: never).
			if not data and mode != "get":
				connect(st[1])
		now = time.monotonic()
		for s, st in list(conns.items()):
			if st[0] == "connecting" and now > st[2]:
				drop(s)
		if not ready and all(v[0] != "connecting"
		    for v in conns.values()):
			ready = 1
		if now >= next_trickle and mode != "get":
			next_trickle = now + TRICKLE
			line = b"X-a: b\r\n" if mode == "header" else b"x"
			for s, st in list(conns.items()):
				if st[0] != "held":
					continue
				try:
					s.send(line)
				except OSError:
					drop(s)
					connect(st[1])
		write_status()


if __name__ == "__main__":
	sys.exit(main())
