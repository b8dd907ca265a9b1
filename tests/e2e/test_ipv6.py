"""IPv6 loopback: endpoints are printed [::1]:PORT on stdout and in the log."""

import socket
import unittest

import swtest
from swtest import AppTestCase, endpoint, payload, recv_exact, select, tcp_connect


@unittest.skipUnless(swtest.ipv6_available(), "no IPv6 loopback here")
class Ipv6(AppTestCase):
    def test_tcp_server(self):
        app = self.start_app(["--tcp-server", "[::1]:0", "--reply", "echo"])
        host, port = app.wait_listening()
        self.assertEqual(host, "::1")
        here = "[::1]:%d" % port
        with tcp_connect("::1", port) as c:
            me = endpoint(*c.getsockname()[:2])
            self.assertTrue(me.startswith("[::1]:"), me)
            c.sendall(b"hello6")
            self.assertEqual(recv_exact(c, 6), b"hello6")
        app.wait_log(lambda e: e["event"] == "closed" and e.get("peer") == me)
        events = self.stop_and_read(app)
        self.assertEqual(select(events, event="listening")[0]["local"], here)
        connected = select(events, event="connected")
        self.assertEqual(len(connected), 1)
        self.assertEqual(connected[0]["local"], here)
        self.assertEqual(connected[0]["peer"], me)
        self.assertEqual(payload(select(events, event="data", direction="in")[0]), b"hello6")
        self.assertEqual(select(events, event="stopped")[0]["local"], here)

    def test_udp(self):
        app = self.start_app(["--udp", "[::1]:0", "--reply", "echo"])
        host, port = app.wait_listening("udp")
        self.assertEqual(host, "::1")
        with socket.socket(socket.AF_INET6, socket.SOCK_DGRAM) as s:
            s.bind(("::1", 0))
            s.settimeout(10)
            me = endpoint(*s.getsockname()[:2])
            s.sendto(b"udp6", ("::1", port))
            data, sender = s.recvfrom(65535)
            self.assertEqual(data, b"udp6")
            self.assertEqual(sender[:2], ("::1", port))
        app.wait_log(lambda e: e["event"] == "data" and e.get("direction") == "out")
        events = self.stop_and_read(app)
        data_in = select(events, event="data", direction="in")
        self.assertEqual(data_in[0]["peer"], me)
        self.assertEqual(data_in[0]["local"], "[::1]:%d" % port)

    def test_tcp_client(self):
        with socket.socket(socket.AF_INET6, socket.SOCK_STREAM) as srv:
            srv.bind(("::1", 0))
            srv.listen(1)
            srv.settimeout(15)
            server = endpoint(*srv.getsockname()[:2])
            app = self.start_app(["--tcp-client", server, "--send", "six"])
            conn, addr = srv.accept()
            with conn:
                self.assertEqual(recv_exact(conn, 3), b"six")
        app.wait_log(lambda e: e["event"] == "closed")
        events = self.stop_and_read(app)
        connected = select(events, session="tcp-client", event="connected")[0]
        self.assertEqual(connected["peer"], server)
        self.assertEqual(connected["local"], endpoint(*addr[:2]))


if __name__ == "__main__":
    swtest.main()
