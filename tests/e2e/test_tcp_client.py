"""--tcp-client with --send against a python3 server: the server receives the
bytes, and the log's local endpoint is the ephemeral port accept() saw."""

import socket
import struct

import swtest
from swtest import AppTestCase, endpoint, payload, recv_exact, select


def listener(host="127.0.0.1"):
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    s = socket.socket(family, socket.SOCK_STREAM)
    s.bind((host, 0))
    s.listen(5)
    s.settimeout(15)
    return s


class TcpClient(AppTestCase):
    def test_send_to_python_server(self):
        with listener() as srv:
            server = endpoint(*srv.getsockname()[:2])
            app = self.start_app(["--tcp-client", server, "--send", "GET / HTTP/1.0\\r\\n\\r\\n"])
            conn, addr = srv.accept()
            with conn:
                want = b"GET / HTTP/1.0\r\n\r\n"
                self.assertEqual(recv_exact(conn, len(want)), want)
                conn.sendall(b"pong")
                app.wait_log(lambda e: e["event"] == "data" and e.get("direction") == "in", what="pong")
            # conn closed: the client sees the peer's FIN.
            app.wait_log(lambda e: e["event"] == "closed", what="the server's FIN")
        events = self.stop_and_read(app)
        me = endpoint(*addr[:2])

        connected = select(events, session="tcp-client", event="connected")
        self.assertEqual(len(connected), 1)
        self.assertEqual(connected[0]["local"], me, "local must be the port accept() saw")
        self.assertEqual(connected[0]["peer"], server)
        self.assertNotEqual(addr[1], 0)

        out = select(events, session="tcp-client", event="data", direction="out")
        self.assertEqual(b"".join(payload(e) for e in out), want)
        self.assertEqual(out[0]["local"], me)
        self.assertEqual(out[0]["peer"], server)
        self.assertEqual(out[0]["text"], "GET / HTTP/1.0\r\n\r\n")
        self.assertLess(events.index(connected[0]), events.index(out[0]))

        got = select(events, session="tcp-client", event="data", direction="in")
        self.assertEqual(b"".join(payload(e) for e in got), b"pong")

        # The server's FIN leaves the client's side open (CLOSE_WAIT) until
        # the stop closes it: two closed events, the peer's half, then ours.
        closed = select(events, session="tcp-client", event="closed")
        self.assertEqual(len(closed), 2)
        self.assertIn("peer finished sending (fin)", closed[0]["message"].lower())
        self.assertNotIn("reset", closed[0]["message"].lower())
        self.assertEqual(closed[1]["message"], "Closed by us: FIN sent after the peer's FIN")

        # The connected line on stdout says the same.
        self.assertTrue([l for l in app.stdout_lines()
                         if l.startswith("tcp-client connected") and ("local=" + me) in l],
                        app.stdout_lines())

    def test_send_escapes_and_gbk(self):
        with listener() as srv:
            server = endpoint(*srv.getsockname()[:2])
            app = self.start_app(["--tcp-client", server, "--encoding", "GBK", "--send", "你好\\t\\x00\\\\end\\n"])
            conn, addr = srv.accept()
            with conn:
                want = "你好".encode("gbk") + b"\t\x00\\end\n"
                self.assertEqual(recv_exact(conn, len(want)), want)
        app.wait_log(lambda e: e["event"] == "closed")
        events = self.stop_and_read(app)
        out = select(events, event="data", direction="out")
        self.assertEqual(b"".join(payload(e) for e in out), want)
        self.assertEqual("".join(e["text"] for e in out), "你好\t\x00\\end\n")

    def test_refused(self):
        # Bound but not listening: connect() is refused with RST.
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as holder:
            holder.bind(("127.0.0.1", 0))
            target = endpoint(*holder.getsockname()[:2])
            app = self.start_app(["--tcp-client", target, "--send", "x"])
            errs = app.wait_log(lambda e: e["event"] == "error", what="error")
        self.assertIn("refused", errs[0]["message"].lower())
        self.assertIn(target, errs[0]["message"])
        events = self.stop_and_read(app)
        self.assertEqual(select(events, event="connected"), [])
        self.assertEqual(select(events, event="data"), [])

    def test_send_fills_in_fields(self):
        # --send is a template: the counter, a literal brace, bytes in hex.
        with listener() as srv:
            server = endpoint(*srv.getsockname()[:2])
            app = self.start_app(["--tcp-client", server, "--send", '{{"n":{counter:03}}{hex:0d 0a}'])
            conn, _ = srv.accept()
            with conn:
                want = b'{"n":001}\r\n'
                self.assertEqual(recv_exact(conn, len(want)), want)
        self.stop_and_read(app)

    def test_peer_reset(self):
        with listener() as srv:
            server = endpoint(*srv.getsockname()[:2])
            app = self.start_app(["--tcp-client", server, "--send", "hello"])
            conn, _ = srv.accept()
            self.assertEqual(recv_exact(conn, 5), b"hello")
            conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            conn.close()
            closed = app.wait_log(lambda e: e["event"] == "closed", what="closed")
        self.assertIn("reset", closed[0]["message"].lower())
        self.stop_and_read(app)


if __name__ == "__main__":
    swtest.main()
