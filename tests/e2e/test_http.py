"""--reply http: curl and a raw python3 HTTP client get a well-formed 200 page
(a web page is just bytes over TCP)."""

import re
import subprocess

import swtest
from swtest import AppTestCase, payload, recv_exact, recv_until_eof, select, tcp_connect

CURL = "/usr/bin/curl"


def split_response(raw):
    head, sep, body = raw.partition(b"\r\n\r\n")
    if not sep:
        raise AssertionError("no end of headers in %r" % raw[:300])
    lines = head.decode("iso-8859-1").split("\r\n")
    headers = {}
    for line in lines[1:]:
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    return lines[0], headers, body


class Http(AppTestCase):
    def http_server(self, *extra):
        app = self.start_app(["--tcp-server", "127.0.0.1:0", "--reply", "http"] + list(extra))
        _, port = app.wait_listening()
        return app, port

    def check_page(self, status, headers, body):
        self.assertRegex(status, r"^HTTP/1\.[01] 200\b")
        ctype = headers.get("content-type", "")
        self.assertRegex(ctype, r"^text/html\s*;\s*charset=\S+", "Content-Type with a charset")
        self.assertIn("content-length", headers)
        self.assertEqual(int(headers["content-length"]), len(body), "Content-Length matches the body")
        self.assertRegex(body.lower(), rb"<html[\s>]")
        self.assertIn(b"</html>", body.lower())

    def test_curl(self):
        app, port = self.http_server()
        url = "http://127.0.0.1:%d/hello/world?x=1" % port
        r = subprocess.run([CURL, "-sS", "-i", "--noproxy", "*", "--max-time", "10", url],
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=30)
        self.assertEqual(r.returncode, 0, r.stderr.decode(errors="replace"))
        status, headers, body = split_response(r.stdout)
        self.check_page(status, headers, body)
        self.assertIn("utf-8", headers["content-type"].lower())
        self.assertIn(b"/hello/world?x=1", body, "the page shows the request target")

        # curl's own view of the same: code, size and type.
        r2 = subprocess.run([CURL, "-sS", "-o", "/dev/null", "--noproxy", "*", "--max-time", "10",
                             "-w", "%{http_code} %{size_download} %{content_type}", url],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=30)
        self.assertEqual(r2.returncode, 0, r2.stderr)
        code, size, ctype = r2.stdout.decode().split(" ", 2)
        self.assertEqual(code, "200")
        self.assertEqual(int(size), len(body))
        self.assertIn("charset=", ctype)

        app.wait_log(lambda e: e["event"] == "closed", count=2, what="both curl connections closed")
        events = self.stop_and_read(app)
        requests = select(events, event="data", direction="in")
        self.assertGreaterEqual(len(requests), 2)
        first = "".join(e["text"] for e in requests if e["peer"] == requests[0]["peer"])
        self.assertTrue(first.startswith("GET /hello/world?x=1 HTTP/1.1\r\n"), first)
        self.assertIn("Host: 127.0.0.1:%d\r\n" % port, first)
        replies = select(events, event="data", direction="out", peer=requests[0]["peer"])
        sent = b"".join(payload(e) for e in replies)
        self.assertTrue(sent.startswith(b"HTTP/1.1 200"), sent[:100])
        self.assertTrue(sent.endswith(body), "the log holds exactly what curl got")
        self.assertEqual(len(select(events, event="connected")), 2)

    def test_curl_gbk_charset(self):
        app, port = self.http_server("--encoding", "GBK")
        r = subprocess.run([CURL, "-sS", "-i", "--noproxy", "*", "--max-time", "10",
                            "http://127.0.0.1:%d/" % port],
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=30)
        self.assertEqual(r.returncode, 0, r.stderr)
        status, headers, body = split_response(r.stdout)
        self.check_page(status, headers, body)
        self.assertRegex(headers["content-type"].lower(), r"charset=(gbk|gb2312|gb18030)")
        self.stop_and_read(app)

    def test_raw_client_connection_close(self):
        # Lesson 12: send a request, read until the server closes, split at CRLFCRLF.
        app, port = self.http_server()
        with tcp_connect("127.0.0.1", port) as c:
            c.sendall(b"GET /a<b>&\"c\" HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
            raw = recv_until_eof(c)
        status, headers, body = split_response(raw)
        self.check_page(status, headers, body)
        # What the peer sent is shown, never trusted: escaped into the page.
        self.assertNotIn(b"<b>", body)
        self.assertIn(b"&lt;b&gt;", body)
        app.wait_log(lambda e: e["event"] == "closed")
        events = self.stop_and_read(app)
        sent = b"".join(payload(e) for e in select(events, event="data", direction="out"))
        self.assertEqual(sent, raw, "the log holds exactly what the client got")

    def test_keep_alive_two_requests(self):
        app, port = self.http_server()
        with tcp_connect("127.0.0.1", port) as c:
            bodies = []
            for path in (b"/one", b"/two"):
                c.sendall(b"GET " + path + b" HTTP/1.1\r\nHost: x\r\n\r\n")
                head = b""
                while b"\r\n\r\n" not in head:
                    head += recv_exact(c, 1)
                status, headers, _ = split_response(head)
                body = recv_exact(c, int(headers["content-length"]))
                self.check_page(status, headers, body)
                self.assertIn(path, body)
                bodies.append(body)
        app.wait_log(lambda e: e["event"] == "closed")
        events = self.stop_and_read(app)
        self.assertEqual(len(select(events, event="connected")), 1)

    def test_bad_request(self):
        app, port = self.http_server()
        with tcp_connect("127.0.0.1", port) as c:
            c.sendall(b"HELLO THERE\r\n\r\n")
            raw = recv_until_eof(c)
        self.assertTrue(re.match(rb"^HTTP/1\.[01] 400\b", raw), raw[:100])
        self.stop_and_read(app)


if __name__ == "__main__":
    swtest.main()
