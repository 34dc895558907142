# tests/e2e/hostile/drive.py: the hostile-request table's driver, run by
# tests/e2e/hostile.sh against a site it started (nginx in front of quire).
# Each row of the table is sent as raw bytes over its own connection (so
# that lying lengths, bare CR/LF and broken request lines go out as
# written), the answer checked, and the content tables compared before and
# after. One TAP line per row: "ok - NAME" or "not ok - NAME" with details.
#
#   python3 drive.py BASE DB TABLE LOGIN PASSWORD
#
# The table (tests/e2e/hostile.tsv) has ten tab-separated columns; "-" is
# an empty column; lines starting with # and blank lines are skipped:
#
#   1 name      what the row tries, unique
#   2 method    the request method, sent as is
#   3 target    the request target, sent as is
#   4 headers   extra header lines, separated by \n; Host, Connection and
#               Content-Length are added unless the row gives its own
#               (or flag nocl)
#   5 body      the body; @FILE is tests/e2e/hostile/FILE; form:K=V && K=V
#               is a form, each V percent-encoded as a browser does
#   6 status    the wanted status; alternatives with |, x any digit (4xx)
#   7 absent    what must not appear in the answer (headers and body),
#               separated by " ;; "; re:REGEX for a Python regex
#   8 present   what must appear (same form)
#   9 db        same: the content tables must not change; write: they must
#               change; may: either (the row says why in its name)
#  10 flags     comma-separated: sess (the signed-in cookie), xml (the body
#               is well-formed XML), json (the body is JSON), ld (every
#               JSON-LD block parses), noscript (no <script> element but
#               JSON-LD), shut (half-close after sending: a body shorter
#               than its Content-Length), ipN (send from 127.0.0.N: every
#               row to /admin/login has an address of its own, as nginx
#               may limit sign-in requests per address),
#               nocl (no Content-Length added), chunk (the body sent
#               in chunks of 16 bytes: give Transfer-Encoding), safe (a browser would
#               run nothing in the page: no <script> but JSON-LD, no on*
#               attribute, no javascript:/data: URL, no iframe, object,
#               embed, base, svg or meta refresh), save=NAME (the
#               Location's path becomes {NAME} for the rows below),
#               feedsafe (with xml or json: the HTML a feed carries, in
#               Atom's content and summary of type html, an RSS item's
#               description and content:encoded, JSON Feed's content_html,
#               once decoded, would run nothing either)
#
# Columns 2 to 5, 7 and 8 take escapes: \r \n \t \\ \xHH (a byte), \uHHHH
# (a character, UTF-8), {rep:TEXT:N} (TEXT N times), {CSRF} (the session's
# form token), {HOST} (127.0.0.1:PORT), {NAME} (saved by save=NAME).
import json
import os
import re
import socket
import sqlite3
import sys
import xml.etree.ElementTree as ET
from urllib.parse import quote_from_bytes
from html.parser import HTMLParser

# Tables whose rows are the site's content; sessions and login_failures
# change on every sign-in and are left out.
CONTENT = ("articles", "pages", "settings", "users", "tags",
    "article_tags", "redirects", "archive_months")
# Lines no answer may hold, whatever the row: a header a CR/LF smuggled in.
INJECTED = re.compile(rb"^(x-injected|set-cookie: *injected)", re.I | re.M)

base, dbpath, table, login, password = sys.argv[1:6]
hostport = base.split("//", 1)[1]
host, port = hostport.rsplit(":", 1)
port = int(port)
here = os.path.dirname(os.path.abspath(table))
vars_ = {"HOST": hostport, "CSRF": ""}
cookie = ""


def unescape(s):
	"""The bytes a column stands for."""
	def rep(m):
		return unescape(m.group(1)) * int(m.group(2))
	out = bytearray()
	i = 0
	while i < len(s):
		m = re.compile(r"\{rep:((?:[^:}\\]|\\.)*):(\d+)\}").match(s, i)
		if m:
			out += rep(m)
			i = m.end()
			continue
		m = re.compile(r"\{([A-Z]+)\}").match(s, i)
		if m and m.group(1) in vars_:
			out += vars_[m.group(1)].encode()
			i = m.end()
			continue
		c = s[i]
		if c == "\\" and i + 1 < len(s):
			n = s[i + 1]
			if n in "rnt\\:}":
				out += {"r": b"\r", "n": b"\n", "t": b"\t", "\\": b"\\",
				    ":": b":", "}": b"}"}[n]
				i += 2
				continue
			if n == "x":
				out.append(int(s[i + 2:i + 4], 16))
				i += 4
				continue
			if n == "u":
				out += chr(int(s[i + 2:i + 6], 16)).encode("utf-8",
				    "surrogatepass")
				i += 6
				continue
		out += c.encode()
		i += 1
	return bytes(out)


def dump():
	"""The content tables, every row, in a stable order."""
	db = sqlite3.connect("file:%s?mode=ro" % dbpath, uri=True, timeout=10)
	try:
		rows = []
		for t in CONTENT:
			cur = db.execute("SELECT * FROM %s ORDER BY 1, 2" % t)
			rows.append((t, cur.fetchall()))
		return rows
	finally:
		db.close()


def diff(a, b):
	out = []
	for (t, ra), (_, rb) in zip(a, b):
		if ra != rb:
			sa, sb = set(ra), set(rb)
			out.append("%s: -%r +%r" % (t, sorted(sa - sb, key=repr)[:2],
			    sorted(sb - sa, key=repr)[:2]))
	return "; ".join(out)


def dechunk(body):
	out = bytearray()
	while True:
		line, sep, rest = body.partition(b"\r\n")
		if not sep:
			return bytes(out)
		try:
			n = int(line.split(b";")[0], 16)
		except ValueError:
			return bytes(out) + body
		if n == 0:
			return bytes(out)
		out += rest[:n]
		body = rest[n + 2:]


def send(method, target, headers, body, flags):
	"""One request on its own connection: (status, head, body)."""
	names = [h.split(b":", 1)[0].strip().lower() for h in headers]
	lines = [method + b" " + target + b" HTTP/1.1"]
	if b"host" not in names:
		lines.append(b"Host: " + hostport.encode())
	if b"connection" not in names:
		lines.append(b"Connection: close")
	if "sess" in flags and cookie:
		lines.append(b"Cookie: quire_session=" + cookie.encode())
	if (body or method == b"POST") and b"content-length" not in names and \
	    b"transfer-encoding" not in names and "nocl" not in flags:
		lines.append(b"Content-Length: %d" % len(body))
	lines += headers
	req = b"\r\n".join(lines) + b"\r\n\r\n" + body
	s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
	s.settimeout(20)
	for f in flags:
		if f.startswith("ip"):
			s.bind(("127.0.0." + f[2:], 0))
	try:
		s.connect((host, port))
		s.sendall(req)
		if "shut" in flags:
			s.shutdown(socket.SHUT_WR)
		data = bytearray()
		while True:
			try:
				got = s.recv(65536)
			except ConnectionResetError:
				break
			if not got:
				break
			data += got
	except OSError as e:
		return "000", str(e).encode(), b""
	finally:
		s.close()
	head, _, rest = bytes(data).partition(b"\r\n\r\n")
	while re.match(rb"HTTP/1\.[01] 1\d\d", head):	# 100 Continue
		head, _, rest = rest.partition(b"\r\n\r\n")
	m = re.match(rb"HTTP/1\.[01] (\d{3})", head)
	if not m:
		return "000", head[:200], rest
	if re.search(rb"^transfer-encoding: *chunked", head, re.I | re.M):
		rest = dechunk(rest)
	return m.group(1).decode(), head, rest


def status_ok(want, got):
	return any(len(w) == 3 and all(a == "x" or a == b for a, b in zip(w, got))
	    for w in want.split("|"))


def found(pat, data):
	if pat.startswith(b"re:"):
		return re.search(pat[3:], data, re.S) is not None
	return pat in data


def pats(col):
	return [] if col == "-" else [unescape(p) for p in col.split(" ;; ")]


class Unsafe(HTMLParser):
	"""What a browser would run in a page: script elements but JSON-LD,
	event-handler attributes, script URLs, elements that load or move."""
	URLS = ("href", "src", "action", "formaction", "data", "srcdoc")

	def __init__(self):
		super().__init__(convert_charrefs=True)
		self.found = []

	def handle_starttag(self, tag, attrs):
		a = dict(attrs)
		if tag == "script" and attrs != [("type", "application/ld+json")]:
			self.found.append("<script %r>" % attrs)
		if tag in ("iframe", "object", "embed", "base", "svg", "math"):
			self.found.append("<%s>" % tag)
		if tag == "meta" and (a.get("http-equiv") or "").lower() == "refresh":
			self.found.append("<meta http-equiv=refresh>")
		for k, v in attrs:
			if k.startswith("on"):
				self.found.append("<%s %s=%r>" % (tag, k, v))
			u = re.sub(r"[\x00-\x20]", "", v or "").lower()
			if k in self.URLS and re.match(r"(javascript|vbscript|data):", u):
				self.found.append("<%s %s=%r>" % (tag, k, v))


def unsafe_html(texts, where):
	"""The HTML a feed reader would render (decoded from a feed's
	content, summary, description or JSON content_html): what it would
	run."""
	if not any(texts):
		return ["no HTML found in the %s to check" % where]
	p = Unsafe()
	for t in texts:
		p.feed(t)
	p.close()
	if p.found:
		return ["HTML in the %s would run: %s" % (where,
		    "; ".join(p.found[:4]))]
	return []


def checks(flags, head, body):
	"""What the flags ask of the answer's body: a list of problems."""
	bad = []
	if "xml" in flags:
		try:
			root = ET.fromstring(body)
		except ET.ParseError as e:
			bad.append("not well-formed XML: %s" % e)
			root = None
		if "feedsafe" in flags and root is not None:
			# Atom's content and summary of type html; an RSS
			# item's description and content:encoded.
			html = [e.text or "" for e in root.iter()
			    if re.search(r"\}(content|summary)$", e.tag) and
			    e.get("type") == "html"]
			html += [e.text or "" for i in root.iter("item")
			    for e in i if re.search(r"(^description|encoded)$", e.tag)]
			bad += unsafe_html(html, "feed")
	if "json" in flags:
		try:
			doc = json.loads(body)
		except ValueError as e:
			bad.append("not JSON: %s" % e)
			doc = None
		if "feedsafe" in flags and doc is not None:
			html = [i.get(k, "") for i in doc.get("items", [])
			    for k in ("content_html", "summary")]
			bad += unsafe_html(html, "JSON Feed")
	if "ld" in flags:
		blocks = re.findall(rb'<script type="application/ld\+json">(.*?)</script>',
		    body, re.S)
		if not blocks:
			bad.append("no JSON-LD block")
		for b in blocks:
			try:
				json.loads(b)
			except ValueError as e:
				bad.append("JSON-LD does not parse: %s" % e)
	if "safe" in flags:
		p = Unsafe()
		p.feed(body.decode("utf-8", "replace"))
		p.close()
		if p.found:
			bad.append("a browser would run: %s" % "; ".join(p.found[:4]))
	if "noscript" in flags:
		n = [t for t in re.findall(rb"<script\b[^>]*>", body, re.I)
		    if t != b'<script type="application/ld+json">']
		if n:
			bad.append("script elements: %r" % n[:3])
	return bad


def signin():
	"""One sign-in through the form; the session cookie and a form token."""
	global cookie
	body = b"login=%s&password=%s" % (quote_from_bytes(login.encode()).encode(),
	    quote_from_bytes(password.encode()).encode())
	code, head, _ = send(b"POST", b"/admin/login",
	    [b"Content-Type: application/x-www-form-urlencoded"], body, ["ip90"])
	m = re.search(rb"quire_session=([0-9a-f]{64})", head)
	if code != "303" or not m:
		return "sign-in: status %s" % code
	cookie = m.group(1).decode()
	code, _, page = send(b"GET", b"/admin/articles/new", [], b"", ["sess"])
	m = re.search(rb'name="csrf" value="([0-9a-f]{64})"', page)
	if not m:
		return "no form token on /admin/articles/new (status %s)" % code
	vars_["CSRF"] = m.group(1).decode()
	return None


def main():
	npass = nfail = 0
	err = signin()
	if err:
		print("not ok - the driver signs in once and reads the form token")
		print("    " + err)
		return 1
	print("ok - the driver signs in once (one POST /admin/login) and reads the form token")
	npass += 1
	names = set()
	with open(table, encoding="utf-8") as f:
		rows = [(n, l.rstrip("\n")) for n, l in enumerate(f, 1)]
	for lineno, line in rows:
		if not line.strip() or line.startswith("#"):
			continue
		col = line.split("\t")
		if len(col) != 10 or col[0] in names:
			print("not ok - %s line %d: ten columns and a new name" %
			    (os.path.basename(table), lineno))
			print("    %d columns: %r" % (len(col), line[:120]))
			nfail += 1
			continue
		name, method, target, hdrs, body, want, absent, present, db, fl = col
		names.add(name)
		flags = [] if fl == "-" else fl.split(",")
		headers = [] if hdrs == "-" else \
		    [h for h in unescape(hdrs).split(b"\n") if h]
		if body.startswith("@"):
			with open(os.path.join(here, body[1:]), "rb") as bf:
				data = bf.read()
		elif body.startswith("form:"):
			data = b"&".join(unescape(k) + b"=" + quote_from_bytes(
			    unescape(v), safe="").encode() for k, v in
			    (f.split("=", 1) for f in body[5:].split(" && ")))
		else:
			data = b"" if body == "-" else unescape(body)
		if "chunk" in flags:
			data = b"".join(b"%x\r\n%s\r\n" % (len(data[i:i + 16]),
			    data[i:i + 16]) for i in range(0, len(data), 16)) + \
			    b"0\r\n\r\n"
		before = dump()
		code, head, resp = send(unescape(method), unescape(target), headers,
		    data, flags)
		after = dump()
		whole = head + b"\r\n\r\n" + resp
		bad = []
		if not status_ok(want, code):
			bad.append("status %s, want %s" % (code, want))
		for p in pats(absent):
			if found(p, whole):
				bad.append("holds %r" % p[:60])
		for p in pats(present):
			if not found(p, whole):
				bad.append("lacks %r" % p[:60])
		if INJECTED.search(head):
			bad.append("a header was injected")
		bad += checks(flags, head, resp)
		d = diff(before, after)
		if db == "same" and d:
			bad.append("the content changed: " + d[:400])
		elif db == "write" and not d:
			bad.append("the content did not change")
		for f in flags:
			m = re.search(rb"^location: *(\S*)", head, re.I | re.M)
			if f.startswith("save=") and m:
				vars_[f[5:]] = re.sub(rb"^https?://[^/]*", b"",
				    m.group(1)).decode()
		if bad:
			nfail += 1
			print("not ok - %s (line %d)" % (name, lineno))
			for b in bad:
				print("    " + b)
			print("    head: %r" % head[:300])
			print("    body: %r" % resp[:300])
		else:
			npass += 1
			print("ok - %s" % name)
		if os.environ.get("HOSTILE_VERBOSE"):
			print("# %s %s" % (code, diff(before, after)[:200]))
	return 1 if nfail else 0


sys.exit(main())
