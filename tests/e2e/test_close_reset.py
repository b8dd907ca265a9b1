"""How a connection ends, as the server logs it: an orderly close by the peer
(recv() returned 0) versus a reset (SO_LINGER {1, 0} then close sends RST);
the server goes on accepting either way."""

import socket
import struct

import swtest
from swtest import AppTestCase, endpoint, recv_exact, select, tcp_connect


class CloseReset(AppTestCase):
    def server(self):
        app = self.start_app(["--tcp-server", "127.0.0.1:0", "--reply", "echo"])
        _, port = app.wait_listening()
        return app, port

    def closed_of(self, app, me):
        return app.wait_log(lambda e: e["event"] == "closed" and e.get("peer") == me, what="closed of " + me)[0]

    def test_peer_close(self):
        app, port = self.server()
        with tcp_connect("127.0.0.1", port) as c:
            me = endpoint(*c.getsockname()[:2])
            c.sendall(b"bye")
            self.assertEqual(recv_exact(c, 3), b"bye")
        closed = self.closed_of(app, me)
        self.assertEqual(closed["session"], "tcp-server")
        self.assertEqual(closed["local"], endpoint("127.0.0.1", port))
        msg = closed["message"].lower()
        self.assertIn("peer", msg, "an orderly close names the peer: %r" % closed["message"])
        self.assertNotIn("reset", msg)
        events = self.stop_and_read(app)
        self.assertEqual(select(events, event="error"), [], "an orderly close is not an error")

    def test_peer_close_with_shutdown_only(self):
        # Half close: the client shuts down its sending side and still reads.
        app, port = self.server()
        with tcp_connect("127.0.0.1", port) as c:
            me = endpoint(*c.getsockname()[:2])
            c.sendall(b"half")
            self.assertEqual(recv_exact(c, 4), b"half")
            c.shutdown(socket.SHUT_WR)
            closed = self.closed_of(app, me)
        self.assertIn("peer", closed["message"].lower())
        self.stop_and_read(app)

    def test_peer_reset(self):
        app, port = self.server()
        c = tcp_connect("127.0.0.1", port)
        me = endpoint(*c.getsockname()[:2])
        c.sendall(b"x")
        self.assertEqual(recv_exact(c, 1), b"x")
        c.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        c.close()  # RST, not FIN
        closed = self.closed_of(app, me)
        self.assertIn("reset", closed["message"].lower(), "a reset is said to be one: %r" % closed["message"])
        self.stop_and_read(app)

    def test_reset_without_data(self):
        app, port = self.server()
        c = tcp_connect("127.0.0.1", port)
        me = endpoint(*c.getsockname()[:2])
        app.wait_log(lambda e: e["event"] == "connected" and e.get("peer") == me)
        c.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        c.close()
        closed = self.closed_of(app, me)
        self.assertIn("reset", closed["message"].lower(), closed["message"])
        self.stop_and_read(app)

    def test_server_serves_on_after_close_and_reset(self):
        app, port = self.server()
        peers = []
        for how in ("close", "reset", "close"):
            c = tcp_connect("127.0.0.1", port)
            me = endpoint(*c.getsockname()[:2])
            peers.append(me)
            c.sendall(how.encode())
            self.assertEqual(recv_exact(c, len(how)), how.encode())
            if how == "reset":
                c.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            c.close()
            self.closed_of(app, me)
        events = self.stop_and_read(app)
        self.assertEqual([e["peer"] for e in select(events, event="connected")], peers)
        self.assertEqual([e["peer"] for e in select(events, event="closed")], peers)
        messages = [e["message"].lower() for e in select(events, event="closed")]
        self.assertNotIn("reset", messages[0])
        self.assertIn("reset", messages[1])
        self.assertNotIn("reset", messages[2])

    def test_sigterm_closes_open_clients(self):
        # Stopping the server closes the clients it still has, and says so.
        app, port = self.server()
        with tcp_connect("127.0.0.1", port) as c:
            me = endpoint(*c.getsockname()[:2])
            c.sendall(b"stay")
            self.assertEqual(recv_exact(c, 4), b"stay")
            events = self.stop_and_read(app)
            c.settimeout(5)
            try:
                rest = c.recv(16)
            except ConnectionResetError:
                rest = b""
            self.assertEqual(rest, b"", "the client sees the connection end")
        closed = select(events, event="closed", peer=me)
        self.assertEqual(len(closed), 1, "open client closed (and logged) on SIGTERM")
        self.assertEqual(events[-1]["event"], "stopped")


if __name__ == "__main__":
    swtest.main()
