"""Hostile input (issue 7, item 7): nothing a peer sends is ever used as a
file name, a format string or a command.

Peers send format directives (%1 %2 %n %s), path traversal, shell command
substitutions, NULs, control bytes and a very long line to template replies
(TCP and UDP), the HTTP reply, the capture, the JSON Lines log and the
--verbose echo on standard output. The replies, the capture and the log
hold the bytes verbatim; the HTTP page shows them escaped; no file appears
outside the capture folder, and none is named after what a peer sent.
"""

import json
import os
import re
import socket
import tempfile

import swtest
from swtest import AppTestCase, payload, recv_exact, recv_until_eof, select, tcp_connect

PWNED = os.path.join(tempfile.gettempdir(), "sw-pwned-%d" % os.getpid())

HOSTILE = [
    b"%1%2%3%n%s%x%p%%%99",
    b"../../etc/passwd",
    b"..\\..\\windows\\win.ini",
    ("$(touch %s)`touch %s-2`;touch %s-3|| touch %s-4" % (PWNED, PWNED, PWNED, PWNED)).encode(),
    b"\x00NUL\x00in the middle\x00",
    b"\x1b[2J\x1b]0;title\x07\r\x7f\xff\xfe",
    "{data}{0}%1 你好 \u202e".encode("utf-8"),
    b"/tmp/evil\n/../x",
]
LONG_LINE = b"L" * 200_000 + b"\n"


def walk(root):
    out = set()
    for d, _, files in os.walk(root):
        for f in files:
            out.add(os.path.relpath(os.path.join(d, f), root))
    return out


class HostileInput(AppTestCase):
    def setUp(self):
        for suffix in ("", "-2", "-3", "-4"):
            if os.path.exists(PWNED + suffix):
                os.unlink(PWNED + suffix)

    def assertNothingExecuted(self):
        for suffix in ("", "-2", "-3", "-4"):
            self.assertFalse(os.path.exists(PWNED + suffix), "a peer's bytes ran as a command")

    def test_tcp_template_capture_log_and_stdout(self):
        app = self.start_app(["--tcp-server", "127.0.0.1:0", "--reply", "Hello,{data}!", "--capture", "cap",
                              "--verbose"])
        host, port = app.wait_listening()
        before = walk(app.workdir)
        with tcp_connect(host, port) as c:
            me = c.getsockname()[:2]
            for p in HOSTILE:
                c.sendall(p)
                # One read each: the reply waits for the last one before the next goes.
                self.assertEqual(recv_exact(c, len(p) + 7), b"Hello," + p + b"!", p)
            c.shutdown(socket.SHUT_WR)
            recv_until_eof(c, limit=1 << 24)
        app.wait_stdout(r"^tcp-server closed ")
        events = self.stop_and_read(app)
        self.assertNothingExecuted()

        sent = b"".join(HOSTILE)
        received = b"".join(payload(e) for e in select(events, event_="data", direction="in"))
        self.assertEqual(received, sent, "the log holds the bytes verbatim")
        replies = b"".join(payload(e) for e in select(events, event_="data", direction="out"))
        self.assertEqual(replies, b"".join(b"Hello," + p + b"!" for p in HOSTILE))
        for e in select(events, event_="data"):
            self.assertNotIn("\x00", e.get("message", ""))

        folder = app.wait_stdout(r"^tcp-server capture folder=(.+)$").group(1)
        base = "conn-1-%s_%d" % me
        self.assertEqual(sorted(os.listdir(folder)), sorted([base + ".in.bin", base + ".out.bin", "events.jsonl"]))
        with open(os.path.join(folder, base + ".in.bin"), "rb") as f:
            self.assertEqual(f.read(), sent)
        with open(os.path.join(folder, base + ".out.bin"), "rb") as f:
            self.assertEqual(f.read(), replies)
        # Nothing new in the work folder but the log and the capture.
        new = walk(app.workdir) - before
        cap_rel = os.path.relpath(folder, app.workdir)
        self.assertEqual({n for n in new if not n.startswith(cap_rel + os.sep)}, set(), new)
        # --verbose prints data escaped: no raw NUL or ESC reaches the terminal.
        data_lines = [l for l in app.stdout_lines() if l.startswith("tcp-server data in ")]
        self.assertEqual(len(data_lines), len(HOSTILE))
        self.assertIn("%1%2%3%n%s%x%p%%%99", data_lines[0])
        for l in data_lines:
            self.assertNotRegex(l, r"[\x00\x1b\x07]")

    def test_very_long_line_reaches_capture_and_log_whole(self):
        app = self.start_app(["--tcp-server", "127.0.0.1:0", "--reply", "echo", "--capture", "cap"])
        host, port = app.wait_listening()
        with tcp_connect(host, port) as c:
            me = c.getsockname()[:2]
            c.sendall(LONG_LINE)
            self.assertEqual(recv_exact(c, len(LONG_LINE)), LONG_LINE)
        app.wait_stdout(r"^tcp-server closed ")
        events = self.stop_and_read(app)
        self.assertEqual(b"".join(payload(e) for e in select(events, event_="data", direction="in")), LONG_LINE)
        folder = app.wait_stdout(r"^tcp-server capture folder=(.+)$").group(1)
        with open(os.path.join(folder, "conn-1-%s_%d.in.bin" % me), "rb") as f:
            self.assertEqual(f.read(), LONG_LINE)

    def test_http_reply_escapes_the_request(self):
        app = self.start_app(["--tcp-server", "127.0.0.1:0", "--reply", "http"])
        host, port = app.wait_listening()
        target = ("/%%1%%2%%n/../../etc/passwd?q=$(touch${IFS}%s)&x=<script>alert(1)</script>\"'" % PWNED).encode()
        with tcp_connect(host, port) as c:
            c.sendall(b"GET " + target + b" HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
            response = recv_until_eof(c)
        head, _, body = response.partition(b"\r\n\r\n")
        self.assertTrue(head.startswith(b"HTTP/1.1 200 OK\r\n"), head)
        length = int(re.search(rb"\r\nContent-Length: (\d+)", head).group(1))
        self.assertEqual(len(body), length)
        expected = (target.replace(b"&", b"&amp;").replace(b"<", b"&lt;").replace(b">", b"&gt;")
                    .replace(b'"', b"&quot;").replace(b"'", b"&#39;"))
        self.assertIn(b"<code>GET " + expected + b"</code>", body)
        self.assertNotIn(b"<script>", body)
        self.stop_and_read(app)
        self.assertNothingExecuted()

    def test_http_control_bytes_in_the_target(self):
        app = self.start_app(["--tcp-server", "127.0.0.1:0", "--reply", "http"])
        host, port = app.wait_listening()
        with tcp_connect(host, port) as c:
            c.sendall(b"GET /a\x00b\x1bc HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
            response = recv_until_eof(c)
        head, _, body = response.partition(b"\r\n\r\n")
        # Either refused as a bad request or shown percent-encoded; never raw.
        self.assertRegex(head, rb"^HTTP/1.1 (200 OK|400 Bad Request)\r\n")
        self.assertNotIn(b"\x00", body)
        self.assertNotIn(b"\x1b", body)
        if head.startswith(b"HTTP/1.1 200"):
            self.assertIn(b"/a%00b%1Bc", body)
        self.stop_and_read(app)

    def test_udp_template_and_capture(self):
        app = self.start_app(["--udp", "127.0.0.1:0", "--reply", "[{data}]", "--capture", "cap"])
        _, port = app.wait_listening("udp")
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
            s.bind(("127.0.0.1", 0))
            s.settimeout(swtest.WAIT_TIMEOUT)
            me = s.getsockname()
            for p in HOSTILE:
                s.sendto(p, ("127.0.0.1", port))
                self.assertEqual(s.recv(65536), b"[" + p + b"]", p)
        events = self.stop_and_read(app)
        self.assertNothingExecuted()
        self.assertEqual([payload(e) for e in select(events, event_="data", direction="in")], HOSTILE)
        folder = app.wait_stdout(r"^udp capture folder=(.+)$").group(1)
        name = "peer-1-%s_%d" % me
        self.assertEqual(sorted(os.listdir(folder)), sorted([name + ".in.bin", name + ".out.bin", "events.jsonl"]))
        with open(os.path.join(folder, name + ".in.bin"), "rb") as f:
            self.assertEqual(f.read(), b"".join(HOSTILE))
        with open(os.path.join(folder, "events.jsonl"), "rb") as f:
            lines = [json.loads(l) for l in f]
        sizes = [e["size"] for e in lines if e.get("event") == "data" and e.get("direction") == "in"]
        self.assertEqual(sizes, [len(p) for p in HOSTILE])


if __name__ == "__main__":
    swtest.main()
