"""TCP server with --reply echo against a python3 client and nc: UTF-8 and
GBK payloads, the per-connection stream decoder, the window mode, and the
log written for all of it."""

import socket
import subprocess
import time

import swtest
from swtest import AppTestCase, endpoint, payload, recv_exact, select, tcp_connect


class TcpEcho(AppTestCase):
    def echo_server(self, *extra, **kw):
        app = self.start_app(["--tcp-server", "127.0.0.1:0", "--reply", "echo"] + list(extra), **kw)
        host, port = app.wait_listening("tcp-server")
        self.assertEqual(host, "127.0.0.1")
        self.assertNotEqual(port, 0)
        return app, port

    def test_hello_utf8(self):
        app, port = self.echo_server()
        with tcp_connect("127.0.0.1", port) as c:
            me = endpoint(*c.getsockname()[:2])
            c.sendall("hello".encode("utf-8"))
            self.assertEqual(recv_exact(c, 5), b"hello")
        server = endpoint("127.0.0.1", port)
        app.wait_log(lambda e: e["event"] == "closed" and e.get("peer") == me, what="closed")
        events = self.stop_and_read(app)

        listening = select(events, session="tcp-server", event="listening")
        self.assertEqual(len(listening), 1)
        self.assertEqual(listening[0]["local"], server)
        self.assertIn(server, listening[0].get("message", ""))

        connected = select(events, event="connected", peer=me)
        self.assertEqual(len(connected), 1, events)
        self.assertEqual(connected[0]["local"], server)
        self.assertEqual(connected[0]["session"], "tcp-server")

        data_in = select(events, event="data", direction="in", peer=me)
        data_out = select(events, event="data", direction="out", peer=me)
        self.assertEqual(b"".join(payload(e) for e in data_in), b"hello")
        self.assertEqual(b"".join(payload(e) for e in data_out), b"hello")
        self.assertEqual(data_in[0]["hex"], "68656c6c6f")
        self.assertEqual("".join(e["text"] for e in data_in), "hello")
        for e in data_in + data_out:
            self.assertEqual(e["local"], server)

        # Order: listening, connected, in before out, closed, stopped last.
        kinds = [e["event"] for e in events if e["session"] == "tcp-server"]
        self.assertEqual(kinds[0], "listening")
        self.assertEqual(kinds[-1], "stopped")
        i_conn = events.index(connected[0])
        i_in = events.index(data_in[0])
        i_out = events.index(data_out[0])
        i_closed = events.index(select(events, event="closed", peer=me)[0])
        self.assertLess(i_conn, i_in)
        self.assertLess(i_in, i_out)
        self.assertLess(i_out, i_closed)
        self.assertEqual(select(events, event="stopped")[0]["local"], server)

    def test_many_messages_one_connection(self):
        # The communication loop: one client, several request/replies.
        app, port = self.echo_server()
        with tcp_connect("127.0.0.1", port) as c:
            c.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            me = endpoint(*c.getsockname()[:2])
            sent = b""
            for i in range(5):
                msg = ("message %d\n" % i).encode()
                c.sendall(msg)
                self.assertEqual(recv_exact(c, len(msg)), msg)
                sent += msg
        app.wait_log(lambda e: e["event"] == "closed" and e.get("peer") == me)
        events = self.stop_and_read(app)
        self.assertEqual(len(select(events, event="connected")), 1)
        self.assertEqual(b"".join(payload(e) for e in select(events, event="data", direction="in")), sent)
        self.assertEqual(b"".join(payload(e) for e in select(events, event="data", direction="out")), sent)

    def test_gbk(self):
        app, port = self.echo_server("--encoding", "GBK")
        text = "你好啊"
        raw = text.encode("gbk")
        self.assertEqual(raw.hex(), "c4e3bac3b0a1")
        with tcp_connect("127.0.0.1", port) as c:
            me = endpoint(*c.getsockname()[:2])
            c.sendall(raw)
            self.assertEqual(recv_exact(c, len(raw)), raw)
        app.wait_log(lambda e: e["event"] == "closed" and e.get("peer") == me)
        events = self.stop_and_read(app)
        data_in = select(events, event="data", direction="in", peer=me)
        data_out = select(events, event="data", direction="out", peer=me)
        self.assertEqual("".join(e["hex"] for e in data_in), "c4e3bac3b0a1")
        self.assertEqual("".join(e["text"] for e in data_in), text)
        self.assertEqual("".join(e["hex"] for e in data_out), "c4e3bac3b0a1")
        self.assertEqual("".join(e["text"] for e in data_out), text)

    def test_gbk_split_across_reads(self):
        # A character cut between two TCP segments: the per-connection stream
        # decoder must still give "你好啊", without replacement characters.
        app, port = self.echo_server("--encoding", "GBK")
        raw = "你好啊".encode("gbk")
        with tcp_connect("127.0.0.1", port) as c:
            c.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            me = endpoint(*c.getsockname()[:2])
            c.sendall(raw[:1])
            self.assertEqual(recv_exact(c, 1), raw[:1])
            c.sendall(raw[1:3])
            self.assertEqual(recv_exact(c, 2), raw[1:3])
            c.sendall(raw[3:])
            self.assertEqual(recv_exact(c, 3), raw[3:])
        app.wait_log(lambda e: e["event"] == "closed" and e.get("peer") == me)
        events = self.stop_and_read(app)
        for direction in ("in", "out"):
            evs = select(events, event="data", direction=direction, peer=me)
            self.assertGreaterEqual(len(evs), 2, "the pieces were meant to arrive apart: %r" % evs)
            self.assertEqual(b"".join(payload(e) for e in evs), raw)
            joined = "".join(e["text"] for e in evs)
            self.assertEqual(joined, "你好啊", "%s texts: %r" % (direction, [e["text"] for e in evs]))
            self.assertNotIn("\ufffd", joined)

    def test_binary_payload_with_nul(self):
        app, port = self.echo_server()
        raw = bytes(range(256))
        with tcp_connect("127.0.0.1", port) as c:
            me = endpoint(*c.getsockname()[:2])
            c.sendall(raw)
            self.assertEqual(recv_exact(c, len(raw)), raw)
        app.wait_log(lambda e: e["event"] == "closed" and e.get("peer") == me)
        events = self.stop_and_read(app)
        self.assertEqual(b"".join(payload(e) for e in select(events, event="data", direction="in")), raw)
        self.assertEqual(sum(e["size"] for e in select(events, event="data", direction="in")), 256)

    def test_nc(self):
        app, port = self.echo_server()
        r = subprocess.run(["/bin/sh", "-c", "printf 'ping\\n' | /bin/nc -N -w 10 127.0.0.1 %d" % port],
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=30)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(r.stdout, b"ping\n")
        app.wait_log(lambda e: e["event"] == "closed", what="closed")
        events = self.stop_and_read(app)
        data_in = select(events, event="data", direction="in")
        self.assertEqual(b"".join(payload(e) for e in data_in), b"ping\n")
        self.assertEqual("".join(e["text"] for e in data_in), "ping\n")
        self.assertEqual(b"".join(payload(e) for e in select(events, event="data", direction="out")), b"ping\n")
        self.assertEqual(len(select(events, event="connected")), 1)

    def test_with_window_offscreen(self):
        # Same server with the main window shown on the offscreen platform.
        app, port = self.echo_server(no_window=False)
        with tcp_connect("127.0.0.1", port) as c:
            me = endpoint(*c.getsockname()[:2])
            c.sendall(b"window")
            self.assertEqual(recv_exact(c, 6), b"window")
        app.wait_log(lambda e: e["event"] == "closed" and e.get("peer") == me)
        events = self.stop_and_read(app)
        self.assertEqual(b"".join(payload(e) for e in select(events, event="data", direction="in")), b"window")
        self.assertEqual(events[-1]["event"], "stopped")

    def test_log_flushed_while_running(self):
        # "flushed at least every 100 ms": the data is in the file well before the program stops.
        app, port = self.echo_server()
        with tcp_connect("127.0.0.1", port) as c:
            c.sendall(b"flush-me")
            self.assertEqual(recv_exact(c, 8), b"flush-me")
            t0 = time.monotonic()
            app.wait_log(lambda e: e["event"] == "data" and e.get("direction") == "out", timeout=3)
            self.assertLess(time.monotonic() - t0, 2.0)
        self.assertIsNone(app.proc.poll())
        self.stop_and_read(app)


if __name__ == "__main__":
    swtest.main()
