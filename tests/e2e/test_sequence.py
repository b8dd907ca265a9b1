"""--sequence FILE[:NAME]: a library file's sequence run on the session the
other options open, one stdout line per step, then exit 0 (every step
passed), 1 (a reply timed out, a send failed) or 2 (a bad file or option:
one stderr line with the line and reason, nothing sent). Runs without a
display: no Qt platform and no DISPLAY in its environment."""

import os
import socket
import tempfile
import threading

import swtest
from swtest import AppTestCase

NO_DISPLAY = {"QT_QPA_PLATFORM": "", "DISPLAY": "", "WAYLAND_DISPLAY": ""}

LIBRARY = """# test library
[socket-workbench-library 1]

[payload Ping]
text = ping
line-ending = lf

[sequence Echo]
run = 2 times
step = send Ping
step = reply within 10000 ms contains PING
step = send-hex 01 02 {counter:02}
step = reply within 10000 ms hex 01 02
step = wait 5 ms

[sequence Silent]
step = send-text hello
step = reply within 300 ms contains NEVER
step = send-text after

[sequence Huge]
step = send-hex {random:65508}

[end]
"""


class Peer(threading.Thread):
    """Accepts one connection and echoes it upper-cased (or not at all)."""

    def __init__(self, echo=True):
        super().__init__(daemon=True)
        self.echo = echo
        self.got = b""
        self.accepted = False
        self.srv = socket.socket()
        self.srv.bind(("127.0.0.1", 0))
        self.srv.listen(1)
        self.srv.settimeout(swtest.WAIT_TIMEOUT)
        self.port = self.srv.getsockname()[1]
        self.start()

    def run(self):
        try:
            conn, _ = self.srv.accept()
        except (socket.timeout, OSError):
            self.srv.close()
            return
        self.srv.close()
        self.accepted = True
        with conn:
            conn.settimeout(swtest.WAIT_TIMEOUT)
            while True:
                try:
                    data = conn.recv(65536)
                except OSError:
                    break
                if not data:
                    break
                self.got += data
                if self.echo:
                    conn.sendall(data.upper())

    def close(self):
        self.srv.close()


class Sequence(AppTestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="sw-seq-")
        self.library = self.write("library.swlib", LIBRARY)

    def tearDown(self):
        for name in os.listdir(self.dir):
            os.remove(os.path.join(self.dir, name))
        os.rmdir(self.dir)

    def write(self, name, text):
        path = os.path.join(self.dir, name)
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        return path

    def run_app(self, args):
        app = self.start_app(args + ["--no-window"], log=False, no_window=False, env=NO_DISPLAY)
        return app, app.wait_exit(30)

    def step_lines(self, app):
        return [l for l in app.stdout_lines() if l.startswith("run ")]

    def test_every_step_passes_exit_0(self):
        peer = Peer()
        app, rc = self.run_app(["--tcp-client", "127.0.0.1:%d" % peer.port, "--sequence", self.library + ":Echo"])
        self.assertEqual(rc, 0, app.describe())
        steps = self.step_lines(app)
        self.assertEqual(len(steps), 12, steps)
        self.assertEqual(steps[0], "run 1 step 1/5 send Ping: sent 5 bytes")
        self.assertRegex(steps[1], r"^run 1 step 2/5 reply within 10000 ms contains PING: matched after \d+ ms \(5 bytes\)$")
        self.assertEqual(steps[5], "run 1: steps done 5, replies matched 2, timeouts 0")
        self.assertEqual(steps[11], "run 2: steps done 5, replies matched 2, timeouts 0")
        summary = [l for l in app.stdout_lines() if l.startswith("sequence ")]
        self.assertEqual(summary, ["sequence \u201cEcho\u201d passed; runs 2, steps done 10, replies matched 4, timeouts 0"])
        self.assertEqual(app.stderr_lines(), [])
        peer.join(10)
        # {counter:02} is text, in hex payloads too: the digits "01", "02".
        self.assertEqual(peer.got, b"ping\n\x01\x0201ping\n\x01\x0202")

    def test_server_runs_it_with_its_first_client(self):
        app = self.start_app(["--tcp-server", "127.0.0.1:0", "--sequence", self.library + ":Echo", "--no-window"],
                             log=False, no_window=False, env=NO_DISPLAY)
        host, port = app.wait_listening()
        with socket.create_connection((host, port), timeout=swtest.WAIT_TIMEOUT) as s:
            got = b""
            while b"\x01\x0202" not in got:
                data = s.recv(100)
                if not data:
                    break
                got += data
                s.sendall(data.upper())
            self.assertEqual(app.wait_exit(30), 0, app.describe())
        self.assertEqual(len(self.step_lines(app)), 12)

    def test_reply_timeout_exit_1(self):
        peer = Peer(echo=False)
        app, rc = self.run_app(["--tcp-client", "127.0.0.1:%d" % peer.port, "--sequence", self.library + ":Silent"])
        self.assertEqual(rc, 1, app.describe())
        steps = self.step_lines(app)
        self.assertEqual(steps[1], "run 1 step 2/3 reply within 300 ms contains NEVER: "
                                   "timed out after 300 ms (nothing received)")
        # The run goes on after a timeout.
        self.assertEqual(steps[2], "run 1 step 3/3 send-text after: sent 5 bytes")
        self.assertIn("sequence \u201cSilent\u201d failed: a reply timed out; runs 1, steps done 3, "
                      "replies matched 0, timeouts 1", app.stdout_lines())

    def test_send_failure_exit_1(self):
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sink:
            sink.bind(("127.0.0.1", 0))
            app, rc = self.run_app(["--udp-target", "127.0.0.1:%d" % sink.getsockname()[1],
                                    "--sequence", self.library + ":Huge"])
            self.assertEqual(rc, 1, app.describe())
            err = app.stderr_lines()
            self.assertEqual(len(err), 1, err)
            self.assertIn("Step 1: not sent: Not sent: a UDP datagram", err[0])
            self.assertRegex(self.step_lines(app)[0], r"^run 1 step 1/1 send-hex \{random:65508\}: not sent: ")
            sink.setblocking(False)
            with self.assertRaises(BlockingIOError):
                sink.recv(70000)

    def test_refused_connection_exit_1(self):
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        app, rc = self.run_app(["--tcp-client", "127.0.0.1:%d" % port, "--sequence", self.library + ":Echo"])
        self.assertEqual(rc, 1, app.describe())
        err = app.stderr_lines()
        self.assertEqual(len(err), 1, err)
        self.assertIn("Connection refused", err[0])
        self.assertEqual(self.step_lines(app), [])

    def test_bad_file_or_option_exit_2_nothing_sent(self):
        bad_step = self.write("bad-step.swlib", "[socket-workbench-library 1]\n[sequence S]\n"
                                                "step = send-text hi\nstep = wait forever\n[end]\n")
        cut = self.write("cut.swlib", "[socket-workbench-library 1]\n[sequence S]\nstep = send-text hi\n")
        two = self.library
        cases = [
            ("bad step", ["--sequence", bad_step], "Line 4: "),
            ("cut short", ["--sequence", cut], "[end]"),
            ("no such name", ["--sequence", two + ":Nope"], "has no sequence \u201cNope\u201d; it has: Echo, Silent, Huge"),
            ("several, none named", ["--sequence", two], "holds 3 sequences"),
            ("no such file", ["--sequence", os.path.join(self.dir, "missing.swlib")], "no file"),
        ]
        peer = Peer()
        for name, args, words in cases:
            with self.subTest(name):
                app, rc = self.run_app(["--tcp-client", "127.0.0.1:%d" % peer.port] + args)
                self.assertEqual(rc, 2, app.describe())
                err = app.stderr_lines()
                self.assertEqual(len(err), 1, err)
                self.assertIn("--sequence", err[0])
                self.assertIn(words, err[0])
                self.assertEqual(app.stdout_lines(), [])
        # Nothing connected, so nothing was sent.
        peer.close()
        peer.join(5)
        self.assertFalse(peer.accepted)

    def test_sequence_needs_one_session(self):
        for args in (["--sequence", self.library + ":Echo"],
                     ["--tcp-server", "127.0.0.1:0", "--tcp-client", "127.0.0.1:9", "--sequence", self.library + ":Echo"],
                     ["--udp", "127.0.0.1:0", "--sequence", self.library + ":Echo"]):
            with self.subTest(args=args):
                app, rc = self.run_app(args)
                self.assertEqual(rc, 2, app.describe())
                err = app.stderr_lines()
                self.assertEqual(len(err), 1, err)
                self.assertIn("--sequence: needs one session", err[0])


if __name__ == "__main__":
    swtest.main()
