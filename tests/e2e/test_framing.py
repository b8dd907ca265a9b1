"""--framing: TCP is a byte stream (lesson 8: sends run together, recv cuts
anywhere); a length prefix (struct.pack) or a delimiter recovers the
messages (lesson 9) whatever the read sizes."""

import socket
import struct
import time

import swtest
from swtest import AppTestCase, endpoint, payload, recv_exact, select, tcp_connect


def frames_of(events, me):
    return [payload(e) for e in select(events, event="frame", peer=me)]


class Framing(AppTestCase):
    def _server(self, spec, *extra):
        app = self.start_app(["--tcp-server", "127.0.0.1:0", "--framing", spec, *extra])
        _, port = app.wait_listening()
        return app, port

    def test_network_order_length_prefix_split_anywhere(self):
        app, port = self._server("length:4")
        messages = [b"hello", b"", b"\x00binary\xff", "你好啊".encode("utf-8"), b"x" * 3000]
        stream = b"".join(struct.pack("!I", len(m)) + m for m in messages)
        with tcp_connect("127.0.0.1", port) as c:
            c.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            me = endpoint(*c.getsockname()[:2])
            # Cut the stream at awkward places: inside headers and payloads.
            for cut in (1, 2, 3, 7, 11, 64, 1000, len(stream)):
                piece, stream = stream[:cut], stream[cut:]
                if piece:
                    c.sendall(piece)
                    time.sleep(0.02)
        app.wait_log(lambda e: e["event"] == "closed" and e.get("peer") == me)
        events = self.stop_and_read(app)
        self.assertEqual(frames_of(events, me), messages)
        frame = select(events, event="frame", peer=me)[3]
        self.assertEqual(frame["text"], "你好啊")
        self.assertEqual(frame["direction"], "in")
        self.assertEqual(frame["size"], 9)

    def test_sticky_sends_become_separate_frames(self):
        # Three quick sends usually arrive as one read: without framing the
        # log has fewer data events than sends; with it, three frames.
        app, port = self._server("line")
        with tcp_connect("127.0.0.1", port) as c:
            me = endpoint(*c.getsockname()[:2])
            for word in (b"one\n", b"two\n", b"three\n"):
                c.sendall(word)
        app.wait_log(lambda e: e["event"] == "closed" and e.get("peer") == me)
        events = self.stop_and_read(app)
        self.assertEqual(frames_of(events, me), [b"one", b"two", b"three"])
        received = b"".join(payload(e) for e in select(events, event="data", direction="in", peer=me))
        self.assertEqual(received, b"one\ntwo\nthree\n")

    def test_little_endian_and_short_header(self):
        app, port = self._server("length:2:le")
        with tcp_connect("127.0.0.1", port) as c:
            me = endpoint(*c.getsockname()[:2])
            c.sendall(struct.pack("<H", 5) + b"hello" + struct.pack("<H", 2) + b"ok")
        app.wait_log(lambda e: e["event"] == "closed" and e.get("peer") == me)
        events = self.stop_and_read(app)
        self.assertEqual(frames_of(events, me), [b"hello", b"ok"])

    def test_oversize_length_is_an_error_not_an_allocation(self):
        app, port = self._server("length:4")
        with tcp_connect("127.0.0.1", port) as c:
            me = endpoint(*c.getsockname()[:2])
            c.sendall(struct.pack("!I", 0xFFFFFFF0) + b"junk")
        app.wait_log(lambda e: e["event"] == "closed" and e.get("peer") == me)
        events = self.stop_and_read(app)
        errors = [e for e in select(events, event="error", peer=me) if "Framing" in e.get("message", "")]
        self.assertEqual(len(errors), 1, events)
        self.assertEqual(frames_of(events, me), [])

    def test_client_send_gets_the_prefix(self):
        with socket.create_server(("127.0.0.1", 0)) as srv:
            port = srv.getsockname()[1]
            app = self.start_app(["--tcp-client", f"127.0.0.1:{port}", "--framing", "length:4",
                                  "--send", "hello"])
            srv.settimeout(swtest.WAIT_TIMEOUT)
            conn, _ = srv.accept()
            with conn:
                header = recv_exact(conn, 4)
                (n,) = struct.unpack("!I", header)
                self.assertEqual(n, 5)
                self.assertEqual(recv_exact(conn, n), b"hello")
        app.stop()

    def test_bad_spec_exits_2(self):
        for spec in ("length:3", "delim:zz", "fixed:0", "morse"):
            app = self.start_app(["--tcp-server", "127.0.0.1:0", "--framing", spec], log=False)
            code = app.wait_exit()
            self.assertEqual(code, 2, spec)
            lines = [l for l in app.stderr_lines() if not l.startswith(("QStandardPaths:", "qt.qpa."))]
            self.assertEqual(len(lines), 1, lines)
            self.assertIn("--framing", lines[0])


if __name__ == "__main__":
    swtest.main()
