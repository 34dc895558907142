# tests/e2e/fcgi_client.py: a small FastCGI client (tests/e2e/lifecycle.sh),
# speaking to quire serve directly, without nginx in between.
#   fcgi_client.py get ADDR PATH   one request; prints "Status: N" and the body
#   fcgi_client.py loop ADDR PATH OUT STOP
#       requests one after another until the file STOP exists; one line per
#       request to OUT: "STATUS MARKER" (MARKER: the NAME of the page's
#       "<!-- lifecycle:NAME -->", or "-") or "fail WHY"
#   fcgi_client.py slow ADDR PATH SENT GO
#       sends the request up to the middle of its parameters' record,
#       creates the file SENT, waits (polling, 30 s at most) for the file
#       GO, sends the rest and prints "Status: N"
# ADDR is HOST:PORT or a unix socket path.
import os, re, socket, struct, sys, time

def connect(addr):
    if ":" in addr and not addr.startswith("/"):
        host, port = addr.rsplit(":", 1)
        s = socket.create_connection((host, int(port)), timeout=30)
    else:
        s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        s.settimeout(30)
        s.connect(addr)
    return s

def record(t, body, rid=1):
    pad = (8 - len(body) % 8) % 8
    return struct.pack("!BBHHBB", 1, t, rid, len(body), pad, 0) + body + b"\0" * pad

def pair(k, v):
    def n(x):
        return bytes([len(x)]) if len(x) < 128 else struct.pack("!I", len(x) | 0x80000000)
    return n(k) + n(v) + k + v

def request(path):
    env = {"REQUEST_METHOD": "GET", "REQUEST_URI": path, "SCRIPT_NAME": "",
           "QUERY_STRING": "", "SERVER_NAME": "127.0.0.1", "SERVER_PORT": "80",
           "HTTP_HOST": "127.0.0.1", "REMOTE_ADDR": "127.0.0.1",
           "SERVER_PROTOCOL": "HTTP/1.1", "GATEWAY_INTERFACE": "CGI/1.1"}
    params = b"".join(pair(k.encode(), v.encode()) for k, v in env.items())
    head = record(1, struct.pack("!HB5x", 1, 0)) + record(4, params)
    tail = record(4, b"") + record(5, b"")
    return head, tail

def response(s):
    out = b""
    buf = b""
    while True:
        d = s.recv(65536)
        if not d:
            raise IOError("connection closed before FCGI_END_REQUEST")
        buf += d
        while len(buf) >= 8:
            _, t, _, n, pad, _ = struct.unpack("!BBHHBB", buf[:8])
            if len(buf) < 8 + n + pad:
                break
            body = buf[8:8 + n]
            buf = buf[8 + n + pad:]
            if t == 6:
                out += body
            elif t == 3:
                return out

def status(out):
    head = out.split(b"\r\n\r\n", 1)[0].decode("latin-1")
    m = re.search(r"^Status: (\d+)", head, re.M)
    return m.group(1) if m else "200"

def get(addr, path):
    head, tail = request(path)
    s = connect(addr)
    try:
        s.sendall(head + tail)
        return response(s)
    finally:
        s.close()

def main():
    cmd = sys.argv[1]
    if cmd == "get":
        out = get(sys.argv[2], sys.argv[3])
        sys.stdout.write("Status: %s\n" % status(out))
        sys.stdout.write(out.split(b"\r\n\r\n", 1)[-1].decode("utf-8", "replace"))
    elif cmd == "loop":
        addr, path, outf, stop = sys.argv[2:6]
        with open(outf, "w", buffering=1) as f:
            while not os.path.exists(stop):
                try:
                    out = get(addr, path)
                    m = re.search(rb"<!-- lifecycle:(\w+) -->", out)
                    f.write("%s %s\n" % (status(out), m.group(1).decode() if m else "-"))
                except Exception as e:
                    f.write("fail %s\n" % e)
    elif cmd == "slow":
        addr, path, sent, go = sys.argv[2:6]
        head, tail = request(path)
        # Cut inside the parameters' record: the worker is mid-read.
        head, tail = head[:-10], head[-10:] + tail
        s = connect(addr)
        s.sendall(head)
        open(sent, "w").close()
        for _ in range(600):
            if os.path.exists(go):
                break
            time.sleep(0.05)
        s.sendall(tail)
        out = response(s)
        s.close()
        sys.stdout.write("Status: %s\n" % status(out))
    else:
        sys.exit(2)

main()
