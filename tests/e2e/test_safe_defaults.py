"""Safe defaults (issue 7, item 7), the program against python3 peers.

- The command line never picks an address for a server: it must be named
  (the window's default is 127.0.0.1, tests/ui/tst_safedefaults).
- The client limit is finite by default (1000) and enforced: client 1001 is
  refused with a clear message while the first 1000 are still served.
- UDP auto-replies are limited per address by default (100 replies and
  64 KiB a second, 1,472 bytes at most): a flood gets at most rate × time
  replies, the rest is counted (replies-suppressed) and told in a few log
  rows, not one per datagram; a reply over the maximum is not sent.
"""

import json
import os
import resource
import socket
import time

import swtest
from swtest import AppTestCase, recv_exact, select, tcp_connect


def totals(app, session):
    m = app.wait_stdout(r"^totals %s#\d+ (.*)$" % session, timeout=5)
    return {k: int(v) for k, v in (kv.split("=", 1) for kv in m.group(1).split())}


class SafeDefaults(AppTestCase):
    def test_a_server_address_must_be_named(self):
        for value in (":0", "0", "8000"):
            app = self.start_app(["--tcp-server", value], log=False)
            self.assertEqual(app.wait_exit(), 2, value)
            err = [l for l in app.stderr_lines() if l.startswith("socket-workbench:")]
            self.assertEqual(len(err), 1, app.describe())
            self.assertTrue(err[0].startswith("socket-workbench: --tcp-server: "), err[0])
            self.assertFalse([l for l in app.stdout_lines() if " listening " in l], "nothing was opened")

    def test_default_client_limit_is_1000_and_enforced(self):
        need = 1000 + 64
        soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
        if soft < need:
            if hard != resource.RLIM_INFINITY and hard < need:
                self.skipTest("the open-file limit (%d) cannot hold 1001 clients" % hard)
            resource.setrlimit(resource.RLIMIT_NOFILE, (need, hard))
        app = self.start_app(["--tcp-server", "127.0.0.1:0", "--reply", "echo"])
        host, port = app.wait_listening()
        clients = []
        self.addCleanup(lambda: [c.close() for c in clients])
        for i in range(1000):
            clients.append(tcp_connect(host, port))
        app.wait_log(lambda e: e["event"] == "connected", count=1000, timeout=60, what="1000 accepted")

        extra = tcp_connect(host, port)
        clients.append(extra)
        extra_port = extra.getsockname()[1]
        refused = app.wait_log(lambda e: e["event"] == "error" and e.get("peer") == "%s:%d" % (host, extra_port),
                               what="the refusal of client 1001")
        self.assertEqual(refused[0]["message"],
                         "Refused %s:%d: the limit of 1000 clients is reached" % (host, extra_port))
        # Accepted, then aborted: the peer sees a reset or an end of stream, never data.
        extra.settimeout(swtest.WAIT_TIMEOUT)
        try:
            self.assertEqual(extra.recv(1), b"")
        except ConnectionResetError:
            pass
        # The first and the last of the thousand are still served.
        for c in (clients[0], clients[999]):
            c.sendall(b"still here")
            self.assertEqual(recv_exact(c, 10), b"still here")
        events = self.stop_and_read(app)
        self.assertEqual(len(select(events, event_="connected")), 1000)
        self.assertEqual(len([e for e in events if e["event"] == "error"]), 1)
        self.assertEqual(totals(app, "tcp-server")["connections"], 1000)

    def flood_udp(self, port, count, payload=b"ping"):
        replies = []
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
            s.bind(("127.0.0.1", 0))
            s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4 << 20)
            start = time.monotonic()
            for i in range(count):
                s.sendto(payload + b"%06d" % i, ("127.0.0.1", port))
                if i % 100 == 99:
                    time.sleep(0.001)  # the app must receive them all; replies are what is counted
            s.settimeout(1.0)
            try:
                while True:
                    replies.append(s.recv(65536))
            except socket.timeout:
                pass
            elapsed = time.monotonic() - start
            return s.getsockname(), replies, elapsed

    def test_udp_echo_flood_is_rate_limited_by_default(self):
        count = 5000
        app = self.start_app(["--udp", "127.0.0.1:0", "--reply", "echo"])
        _, port = app.wait_listening("udp")
        me, replies, elapsed = self.flood_udp(port, count)
        self.assertGreaterEqual(len(replies), 100, "a full bucket answers the first 100")
        self.assertLessEqual(len(replies), 100 + 100 * elapsed,
                             "%d replies in %.2f s: more than 100 a second" % (len(replies), elapsed))
        for r in replies:
            self.assertTrue(r.startswith(b"ping"), r)
        events = self.stop_and_read(app)
        t = totals(app, "udp")
        self.assertEqual(t["messages-in"] + t["kernel-drops"], count)
        self.assertEqual(t["messages-out"], len(replies))
        self.assertEqual(t["replies-suppressed"], t["messages-in"] - len(replies))
        notices = [e for e in events if e["event"] == "error"]
        self.assertGreaterEqual(len(notices), 1)
        self.assertLessEqual(len(notices), 2 + elapsed, "one notice a second, not one per datagram")
        self.assertIn("over the limit of 100 replies and 65536 bytes a second to one address", notices[0]["message"])
        self.assertIn("in all: %d" % t["replies-suppressed"], notices[-1]["message"])
        self.assertEqual(notices[-1]["peer"], "%s:%d" % me)

    def test_udp_rate_can_be_raised_or_lifted(self):
        app = self.start_app(["--udp", "127.0.0.1:0", "--reply", "echo", "--reply-rate", "0",
                              "--reply-bytes-rate", "0"])
        _, port = app.wait_listening("udp")
        _, replies, _ = self.flood_udp(port, 1000)
        self.assertEqual(app.stop(), 0)
        t = totals(app, "udp")
        self.assertEqual(len(replies), t["messages-in"])
        self.assertEqual(t["replies-suppressed"], 0)

    def test_udp_reply_over_maximum_is_not_sent(self):
        big = "x" * 2000
        app = self.start_app(["--udp", "127.0.0.1:0", "--reply", big + "{data}"])
        _, port = app.wait_listening("udp")
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
            s.bind(("127.0.0.1", 0))
            s.sendto(b"hi", ("127.0.0.1", port))
            app.wait_log(lambda e: e["event"] == "error", what="the suppression notice")
            # Recorded where the sendto() would have been: loopback would hold it by now.
            s.settimeout(0.3)
            with self.assertRaises(socket.timeout):
                s.recv(65536)
        events = self.stop_and_read(app)
        err = [e for e in events if e["event"] == "error"]
        self.assertEqual(len(err), 1)
        self.assertIn("2002 bytes is over the maximum reply size of 1472 bytes", err[0]["message"])
        self.assertEqual(select(events, event_="data", direction="out"), [])

    def test_udp_maximum_is_settable(self):
        big = "x" * 2000
        app = self.start_app(["--udp", "127.0.0.1:0", "--reply", big + "{data}", "--reply-max-size", "2002"])
        _, port = app.wait_listening("udp")
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
            s.bind(("127.0.0.1", 0))
            s.settimeout(swtest.WAIT_TIMEOUT)
            s.sendto(b"hi", ("127.0.0.1", port))
            self.assertEqual(s.recv(65536), big.encode() + b"hi")
            s.sendto(b"hi!", ("127.0.0.1", port))  # 2003 bytes: one over
            app.wait_log(lambda e: e["event"] == "error", what="the suppression notice")
        self.stop_and_read(app)
        self.assertEqual(totals(app, "udp")["replies-suppressed"], 1)

    def test_bad_limit_exits_2_before_binding(self):
        for args, error in ((["--reply-rate", "-1"], "--reply-rate: “-1” is not a number from 0 to 1000000"),
                            (["--reply-max-size", "65528"], "--reply-max-size: “65528” is not a number from 1 to 65527"),
                            (["--log-budget", "0"], "--log-budget: “0” is not a number from 1 to 16384")):
            app = self.start_app(["--udp", "127.0.0.1:0"] + args, log=False)
            self.assertEqual(app.wait_exit(), 2)
            self.assertIn("socket-workbench: " + error, app.stderr_lines())
            self.assertFalse([l for l in app.stdout_lines() if " listening " in l], "nothing was bound")


if __name__ == "__main__":
    swtest.main()
