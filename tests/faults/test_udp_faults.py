"""UDP faults: a datagram to a closed port (the ICMP port unreachable that
comes back is an error event, and the session carries on), and a datagram
too large for UDP (refused with a clear message; a real receiver gets
nothing, the log has no data event, the totals count nothing sent)."""

import socket

import faults
from faults import AppTestCase, endpoint, select


def closed_udp_port(host="127.0.0.1"):
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_DGRAM) as s:
        s.bind((host, 0))
        return s.getsockname()[1]


class UdpFaults(AppTestCase):
    def test_datagram_to_closed_port_is_an_icmp_error(self):
        port = closed_udp_port()
        target = endpoint("127.0.0.1", port)
        app = self.start_app(["--udp-target", target, "--send", "anyone?"])
        err = app.wait_log(lambda e: e["event"] == "error", what="ICMP error")[0]
        self.assertEqual(err["session"], "udp")
        self.assertEqual(err["peer"], target)
        self.assertEqual(err["message"], "Datagram to %s was rejected: Connection refused (ECONNREFUSED) "
                                         "(ICMP port unreachable)" % target)
        app.wait_stdout(r"^udp error local=\S+ peer=%s: Datagram to" % target.replace(".", r"\."))
        events = self.stop_and_read(app)
        out = select(events, event="data", direction="out")
        self.assertEqual(len(out), 1, "the datagram itself was sent")
        self.assertLess(events.index(out[0]), events.index(err))
        self.assertEqual(len(select(events, event="error")), 1)
        self.assertEqual(events[-1]["event"], "stopped", "the session carried on until stopped")

    def test_icmp_error_then_session_still_receives(self):
        # An ICMP error must not break the socket: the next datagram is read.
        port = closed_udp_port()
        app = self.start_app(["--udp", "127.0.0.1:0", "--udp-target", endpoint("127.0.0.1", port), "--send", "x",
                              "--reply", "echo"])
        _, here = app.wait_listening("udp")
        app.wait_log(lambda e: e["event"] == "error", what="ICMP error")
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
            s.bind(("127.0.0.1", 0))
            s.settimeout(10)
            s.sendto(b"after the error", ("127.0.0.1", here))
            self.assertEqual(s.recvfrom(100)[0], b"after the error")
        self.stop_and_read(app)

    def oversize(self, host, limit):
        family = socket.AF_INET6 if ":" in host else socket.AF_INET
        with socket.socket(family, socket.SOCK_DGRAM) as rx:
            rx.bind((host, 0))
            rx.settimeout(2)
            target = endpoint(host, rx.getsockname()[1])
            # One byte over the limit is refused ...
            app = self.start_app(["--udp-target", target, "--send", "x" * (limit + 1)])
            app.wait_log(lambda e: e["event"] == "listening", what="bound")
            faults.wait_for(lambda: any("--send" in line for line in app.stderr_lines()), what="refusal on stderr")
            with self.assertRaises(socket.timeout, msg="the receiver must get nothing"):
                rx.recvfrom(70000)
            events = self.stop_and_read(app)
            self.assertIn("socket-workbench: --send: Not sent: a UDP datagram to %s carries at most %d bytes, "
                          "this one has %d" % (target, limit, limit + 1), app.stderr_lines())
            self.assertEqual(select(events, event="data"), [])
            self.assertEqual(select(events, event="error"), [])
            self.assertTrue(any(line.startswith("totals udp#") and " out=0 messages-out=0 " in line
                                for line in app.stdout_lines()), app.stdout_lines())
            # ... and the largest one goes through whole.
            app = self.start_app(["--udp-target", target, "--send", "y" * limit])
            data, _ = rx.recvfrom(70000)
            self.assertEqual(data, b"y" * limit)
            events = self.stop_and_read(app)
            self.assertEqual([e["size"] for e in select(events, event="data", direction="out")], [limit])

    def test_oversize_datagram_ipv4(self):
        self.oversize("127.0.0.1", 65507)

    def test_oversize_datagram_ipv6(self):
        if not faults.swtest.ipv6_available():
            self.skipTest("no IPv6 loopback here")
        self.oversize("::1", 65527)


if __name__ == "__main__":
    faults.main()
