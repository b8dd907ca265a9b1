"""Runtime errors and limits: a port already taken (TCP and UDP), the
--max-clients limit, and a large payload through the echo."""

import os
import socket
import threading

import swtest
from swtest import AppTestCase, endpoint, payload, recv_exact, select, tcp_connect


class LimitsErrors(AppTestCase):
    def test_tcp_address_in_use(self):
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as taken:
            taken.bind(("127.0.0.1", 0))
            taken.listen(1)
            where = endpoint(*taken.getsockname()[:2])
            app = self.start_app(["--tcp-server", where])
            err = app.wait_log(lambda e: e["event"] == "error", what="error")[0]
            self.assertEqual(err["session"], "tcp-server")
            self.assertEqual(err.get("local"), where)
            self.assertRegex(err["message"].lower(), r"in use|eaddrinuse")
            app.wait_stdout(r"^tcp-server error\b.*" + where.replace(".", r"\."))
            events = self.log(app)
            self.assertEqual(select(events, event="listening"), [])
            app.stop()

    def test_udp_address_in_use(self):
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as taken:
            taken.bind(("127.0.0.1", 0))
            where = endpoint(*taken.getsockname()[:2])
            app = self.start_app(["--udp", where])
            err = app.wait_log(lambda e: e["event"] == "error", what="error")[0]
            self.assertEqual(err["session"], "udp")
            self.assertRegex(err["message"].lower(), r"in use|eaddrinuse")
            self.assertEqual(select(self.log(app), event="listening"), [])
            app.stop()

    def test_max_clients(self):
        app = self.start_app(["--tcp-server", "127.0.0.1:0", "--reply", "echo", "--max-clients", "1"])
        _, port = app.wait_listening()
        with tcp_connect("127.0.0.1", port) as first:
            first.sendall(b"one")
            self.assertEqual(recv_exact(first, 3), b"one")
            with tcp_connect("127.0.0.1", port) as second:
                me2 = endpoint(*second.getsockname()[:2])
                err = app.wait_log(lambda e: e["event"] == "error" and e.get("peer") == me2, what="refusal")[0]
                self.assertIn("limit", err["message"].lower())
                second.settimeout(5)
                try:
                    self.assertEqual(second.recv(10), b"", "the refused client is closed")
                except ConnectionResetError:
                    pass
            # The first client is still served.
            first.sendall(b"still")
            self.assertEqual(recv_exact(first, 5), b"still")
        events = self.stop_and_read(app)
        self.assertEqual(len(select(events, event="connected")), 1)

    def test_one_mebibyte_echo(self):
        app = self.start_app(["--tcp-server", "127.0.0.1:0", "--reply", "echo"])
        _, port = app.wait_listening()
        blob = os.urandom(1 << 20)
        with tcp_connect("127.0.0.1", port, timeout=30) as c:
            me = endpoint(*c.getsockname()[:2])
            # Send from a thread while reading here, so neither side's buffers fill up.
            sender = threading.Thread(target=c.sendall, args=(blob,), daemon=True)
            sender.start()
            got = recv_exact(c, len(blob), timeout=60)
            sender.join(30)
            self.assertFalse(sender.is_alive())
        self.assertEqual(got, blob)
        app.wait_log(lambda e: e["event"] == "closed" and e.get("peer") == me, timeout=30)
        events = self.stop_and_read(app)
        data_in = select(events, event="data", direction="in", peer=me)
        data_out = select(events, event="data", direction="out", peer=me)
        self.assertEqual(sum(e["size"] for e in data_in), len(blob))
        self.assertEqual(b"".join(payload(e) for e in data_in), blob)
        self.assertEqual(b"".join(payload(e) for e in data_out), blob)


if __name__ == "__main__":
    swtest.main()
