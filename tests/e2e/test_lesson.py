"""--lesson ID: the lesson's sessions run (with or without the window), --log
records them like any other session, --capture captures them; a bad id
exits 2 with one line naming --lesson and the valid ids, which --help
lists. Real peers: python sockets against the lesson's echo servers."""

import os
import re
import shutil
import socket
import tempfile

import swtest
from swtest import AppTestCase, select

QT_NOISE = re.compile(r"^(QStandardPaths: |qt\.qpa\.|This plugin does not support)")


class Lesson(AppTestCase):
    def config_env(self):
        # The window reads and writes its settings here, not in the user's.
        config = tempfile.mkdtemp(prefix="sw-e2e-config-")
        self.addCleanup(lambda: shutil.rmtree(config, ignore_errors=True))
        return {"XDG_CONFIG_HOME": config}

    def bad_id_error(self, value):
        app = self.start_app(["--lesson", value])
        rc = app.wait_exit(10)
        err = [l for l in app.stderr_lines() if l.strip() and not QT_NOISE.search(l)]
        self.assertEqual(rc, 2, app.describe())
        self.assertEqual(len(err), 1, "want exactly one stderr line, got %r" % err)
        self.assertFalse([l for l in app.stdout_lines() if " listening " in l or " connected " in l],
                         "something was opened: %r" % app.stdout_lines())
        self.assertEqual(app.read_log(), [], "log written")
        return err[0]

    def valid_ids(self):
        """The ids the program itself offers, read from its error message."""
        line = self.bad_id_error("no-such-lesson")
        m = re.search(r"use one of (.+)$", line)
        self.assertTrue(m, line)
        return [i.strip() for i in m.group(1).split(",")]

    def test_echo_lesson_logs_its_events(self):
        app = self.start_app(["--lesson", "echo"])
        host, port = app.wait_listening("tcp-server")
        self.assertEqual(host, "127.0.0.1")
        # The lesson's own client connects by itself.
        app.wait_stdout(r"^tcp-client connected local=127\.0\.0\.1:\d+ peer=127\.0\.0\.1:%d\b" % port)
        # A real peer of ours gets its bytes echoed by the lesson's server.
        with swtest.tcp_connect(host, port) as peer:
            peer.sendall(b"lesson over the wire")
            self.assertEqual(swtest.recv_exact(peer, 20), b"lesson over the wire")
            me = swtest.endpoint(*peer.getsockname()[:2])
            app.wait_log(lambda e: e["event"] == "data" and e.get("peer") == me and e["direction"] == "out",
                         what="the echo to our peer")
        events = self.stop_and_read(app)
        server = swtest.endpoint(host, port)
        self.assertTrue(select(events, session="tcp-server", event_="listening", local=server), events)
        self.assertTrue(select(events, session="tcp-client", event_="connected", peer=server), events)
        ins = select(events, session="tcp-server", event_="data", direction="in", peer=me)
        outs = select(events, session="tcp-server", event_="data", direction="out", peer=me)
        self.assertEqual(b"".join(swtest.payload(e) for e in ins), b"lesson over the wire")
        self.assertEqual(b"".join(swtest.payload(e) for e in outs), b"lesson over the wire")
        # Both of the lesson's sessions stopped and said so.
        self.assertTrue(select(events, session="tcp-server", event_="stopped"), events)
        self.assertTrue([l for l in app.stdout_lines() if l.startswith("totals tcp-client#")], app.stdout_lines())

    def test_lesson_runs_with_the_window(self):
        # Offscreen window: the lesson starts through it, and runs the same.
        app = self.start_app(["--lesson", "udp-echo"], no_window=False, env=self.config_env())
        first = app.wait_stdout(r"^udp listening local=127\.0\.0\.1:(\d+)", swtest.START_TIMEOUT)
        echo_port = int(first.group(1))  # the echoing socket is set up first
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as peer:
            peer.bind(("127.0.0.1", 0))
            peer.settimeout(swtest.WAIT_TIMEOUT)
            peer.sendto(b"\x00datagram\xff", ("127.0.0.1", echo_port))
            data, sender = peer.recvfrom(2048)
            self.assertEqual(data, b"\x00datagram\xff")
            self.assertEqual(sender, ("127.0.0.1", echo_port))
            me = swtest.endpoint(*peer.getsockname()[:2])
        events = self.stop_and_read(app)
        self.assertEqual(len(select(events, session="udp", event_="listening")), 2, events)
        got = select(events, session="udp", event_="data", direction="in", peer=me)
        self.assertEqual([swtest.payload(e) for e in got], [b"\x00datagram\xff"])

    def test_lesson_sessions_are_captured(self):
        folder = os.path.join(tempfile.mkdtemp(prefix="sw-e2e-capture-"), "lesson capture")
        self.addCleanup(lambda: shutil.rmtree(os.path.dirname(folder), ignore_errors=True))
        app = self.start_app(["--lesson", "echo", "--capture", folder])
        host, port = app.wait_listening("tcp-server")
        with swtest.tcp_connect(host, port) as peer:
            peer.sendall(b"kept on disk")
            self.assertEqual(swtest.recv_exact(peer, 12), b"kept on disk")
        self.stop_and_read(app)
        sessions = sorted(os.listdir(folder))
        self.assertEqual(len(sessions), 2, sessions)
        for name in sessions:
            self.assertTrue(os.path.exists(os.path.join(folder, name, "events.jsonl")), name)
        received = b""
        for name in sessions:
            for f in os.listdir(os.path.join(folder, name)):
                if f.endswith(".in.bin"):
                    with open(os.path.join(folder, name, f), "rb") as fh:
                        received += fh.read()
        self.assertIn(b"kept on disk", received)

    def test_bad_id_exits_2_naming_the_option_and_the_ids(self):
        for value in ("nope", "", "ECHO", "Echo server and a client"):
            with self.subTest(value=value):
                line = self.bad_id_error(value)
                self.assertIn("--lesson", line)
                self.assertIn("“%s”" % value, line)
                self.assertIn("echo", line)
                self.assertIn("udp-echo", line)

    def test_help_lists_the_ids(self):
        ids = self.valid_ids()
        self.assertIn("echo", ids)
        self.assertGreaterEqual(len(ids), 5, ids)
        app = self.start_app(["--help"], log=False)
        self.assertEqual(app.wait_exit(10), 0)
        help_text = " ".join(" ".join(app.stdout_lines()).split())
        self.assertIn("--lesson <ID>", help_text)
        for i in ids:
            self.assertRegex(help_text, r"(?<![\w-])%s \(" % re.escape(i), "%s missing from --help" % i)


if __name__ == "__main__":
    swtest.main()
