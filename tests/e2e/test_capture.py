"""--capture DIR: every byte a python3 peer sends lands in the session's raw
file, bit for bit (SHA-256), with events.jsonl saying where each read or
datagram is; a bad DIR exits 2 with one stderr line before anything opens."""

import hashlib
import json
import os
import re
import shutil
import socket
import tempfile
import time

import swtest
from swtest import AppTestCase, recv_exact, tcp_connect

QT_NOISE = re.compile(r"^(QStandardPaths: |qt\.qpa\.)")
FLOOD = 32 * 1024 * 1024


def read_events(folder):
    with open(os.path.join(folder, "events.jsonl"), "rb") as f:
        data = f.read()
    lines = data.split(b"\n")
    return [json.loads(l) for l in lines[:-1]], data.endswith(b"\n") or data == b""


def sha256_of(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


class Capture(AppTestCase):
    def wait_folder(self, app, session):
        m = app.wait_stdout(r"^%s capture folder=(.+)$" % re.escape(session))
        return m.group(1)

    def check_tiling(self, events, file_name, file_size):
        """The data events of one raw file cover it back to back, without payload copies."""
        offset = 0
        sizes = []
        for e in events:
            if e.get("event") != "data" or e.get("file") != file_name:
                continue
            self.assertNotIn("hex", e)
            self.assertNotIn("text", e)
            self.assertEqual(e["offset"], offset, e)
            offset += e["size"]
            sizes.append(e["size"])
        self.assertEqual(offset, file_size, file_name)
        return sizes

    def test_tcp_flood_is_captured_exactly(self):
        greeting = b"Welcome!\r\n"
        # --on-peer-fin close: our FIN follows the client's, which ends the test's read.
        app = self.start_app(["--tcp-server", "127.0.0.1:0", "--greeting", "Welcome!\\r\\n", "--capture", "cap",
                              "--on-peer-fin", "close"], log=False)
        host, port = app.wait_listening()
        folder = self.wait_folder(app, "tcp-server")
        self.assertEqual(os.path.realpath(os.path.dirname(folder)), os.path.realpath(os.path.join(app.workdir, "cap")))

        digest = hashlib.sha256()
        with tcp_connect(host, port, timeout=60) as c:
            me_host, me_port = c.getsockname()[:2]
            self.assertEqual(recv_exact(c, len(greeting)), greeting)
            sent = 0
            while sent < FLOOD:
                # Chunks of 64 KiB to 1 MiB, like a bulk sender.
                chunk = os.urandom(min(FLOOD - sent, (64 << 10) << (sent // (1 << 20) % 5)))
                digest.update(chunk)
                c.sendall(chunk)
                sent += len(chunk)
            c.shutdown(socket.SHUT_WR)
            self.assertEqual(c.recv(1), b"", "the server closes after our FIN")
        # The close is reported only after everything before it was read (and written).
        app.wait_stdout(r"^tcp-server closed ", timeout=60)
        self.assertEqual(app.stop(), 0, app.describe())

        base = "conn-1-%s_%d" % (me_host, me_port)
        raw_in = os.path.join(folder, base + ".in.bin")
        raw_out = os.path.join(folder, base + ".out.bin")
        self.assertEqual(os.path.getsize(raw_in), FLOOD)
        self.assertEqual(sha256_of(raw_in), digest.hexdigest(), "captured bytes differ from what was sent")
        with open(raw_out, "rb") as f:
            self.assertEqual(f.read(), greeting)
        self.assertEqual(sorted(os.listdir(folder)), sorted([base + ".in.bin", base + ".out.bin", "events.jsonl"]))

        events, complete = read_events(folder)
        self.assertTrue(complete, "events.jsonl ends in a partial line")
        kinds = [e["event"] for e in events]
        self.assertEqual(kinds[0], "listening")
        self.assertEqual(kinds[-1], "stopped")
        self.assertIn("closed", kinds)
        for e in events:
            self.assertRegex(e["time"], swtest.TIME_RE)
            self.assertEqual(e["session"], "tcp-server")
        self.check_tiling(events, base + ".in.bin", FLOOD)
        self.check_tiling(events, base + ".out.bin", len(greeting))

    def test_udp_datagrams_keep_their_lengths(self):
        app = self.start_app(["--tcp-server", "127.0.0.1:0", "--udp", "127.0.0.1:0", "--capture", "cap"], log=False)
        _, udp_port = app.wait_listening("udp")
        tcp_folder = self.wait_folder(app, "tcp-server")
        udp_folder = self.wait_folder(app, "udp")
        self.assertNotEqual(tcp_folder, udp_folder, "a folder per session")
        self.assertRegex(os.path.basename(udp_folder), r"^udp-\d+$")

        datagrams = [os.urandom(n) for n in [1, 7, 0, 1400, 512, 65507 // 4, 3] * 10]
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
            s.bind(("127.0.0.1", 0))
            me = s.getsockname()
            for i, d in enumerate(datagrams):
                s.sendto(d, ("127.0.0.1", udp_port))
                if i % 10 == 9:
                    time.sleep(0.01)  # stay within the socket buffer of a busy machine
        name = "peer-1-%s_%d.in.bin" % me

        deadline = time.monotonic() + swtest.WAIT_TIMEOUT
        while True:
            events, _ = read_events(udp_folder)
            count = sum(1 for e in events if e.get("event") == "data" and e.get("file") == name)
            if count >= len(datagrams) or time.monotonic() > deadline:
                break
            time.sleep(0.05)
        self.assertEqual(app.stop(), 0, app.describe())

        with open(os.path.join(udp_folder, name), "rb") as f:
            raw = f.read()
        self.assertEqual(raw, b"".join(datagrams))
        events, complete = read_events(udp_folder)
        self.assertTrue(complete)
        sizes = self.check_tiling(events, name, len(raw))
        # Cut back into datagrams by the recorded lengths.
        self.assertEqual(sizes, [len(d) for d in datagrams])
        peer = [e["peer"] for e in events if e.get("file") == name]
        self.assertEqual(set(peer), {"%s:%d" % me})

    def test_bad_folder_exits_2_before_anything_opens(self):
        workdir = tempfile.mkdtemp(prefix="sw-e2e-")
        self.addCleanup(shutil.rmtree, workdir, True)
        a_file = os.path.join(workdir, "plain-file")
        with open(a_file, "wb") as f:
            f.write(b"x")
        cases = [
            ("a file", a_file, "is a file, not a folder"),
            ("under a file", os.path.join(a_file, "sub"), "cannot create the folder"),
            ("not writable", "/proc", "cannot create files in the folder"),
            ("empty", "", "the folder name is empty"),
        ]
        for name, path, why in cases:
            with self.subTest(name):
                app = self.start_app(["--tcp-server", "127.0.0.1:0", "--capture", path])
                rc = app.wait_exit(10)
                err = [l for l in app.stderr_lines() if l.strip() and not QT_NOISE.search(l)]
                self.assertEqual(rc, 2, "%s: exit status\n%s" % (name, app.describe()))
                self.assertEqual(len(err), 1, "%s: want exactly one stderr line, got %r" % (name, err))
                self.assertTrue(err[0].startswith("socket-workbench: --capture: "), err[0])
                self.assertIn(why, err[0])
                self.assertFalse([l for l in app.stdout_lines() if " listening " in l], app.stdout_lines())
                self.assertEqual(app.read_log(), [], "%s: log written" % name)


if __name__ == "__main__":
    swtest.main()
