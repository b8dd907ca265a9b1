"""Integrity under volume (issue 7, item 3).

TCP: a python3 peer sends 1 GiB of seeded pseudo-random bytes (generated and
hashed as they are sent, never held in memory) to the TCP server tab of the
window (offscreen platform) with capture to a folder on; the SHA-256 of the
capture file equals the SHA-256 of what was sent, the events in events.jsonl
tile the file exactly, and the byte counters the app prints when it quits
equal the bytes sent.

UDP: 200,000 datagrams of varied sizes, each with its sequence number, to the
UDP tab with capture on; every captured datagram is one that was sent, byte
for byte, in the order sent, and what was captured plus what the socket
counted as dropped (SO_RXQ_OVFL and /proc/net/udp, read by the app; the test
reads /proc/net/udp itself too) is every datagram sent.

Under AddressSanitizer (ASAN_OPTIONS set) the volume is scaled down and the
test says so. Captures go to a temporary folder that is removed afterwards;
with less than 3 GiB free there the test is skipped with the reason.
Figures are printed on stderr; tests/faults/INTEGRITY.md records them.
"""

import hashlib
import json
import os
import random
import re
import shutil
import socket
import struct
import sys
import tempfile
import time

import swtest
from swtest import AppTestCase, tcp_connect

ASAN = bool(os.environ.get("ASAN_OPTIONS"))
SEED = int(os.environ.get("SW_INTEGRITY_SEED", "20261202"))
TCP_BYTES = (128 << 20) if ASAN else (1 << 30)
UDP_DATAGRAMS = 50_000 if ASAN else 200_000
NEED_FREE = 3 << 30
IO_TIMEOUT = 300.0   # liveness only: a peer stuck this long means a hang

TOTALS_RE = r"^totals %s#\d+ (.*)$"


def note(text):
    sys.stderr.write("[integrity] %s\n" % text)
    sys.stderr.flush()


def parse_totals(app, session):
    m = app.wait_stdout(TOTALS_RE % re.escape(session), timeout=5)
    return {k: int(v) for k, v in (kv.split("=", 1) for kv in m.group(1).split())}


def read_events(folder):
    with open(os.path.join(folder, "events.jsonl"), "rb") as f:
        data = f.read()
    assert data.endswith(b"\n"), "events.jsonl ends in a partial line"
    return [json.loads(line) for line in data.split(b"\n")[:-1]]


def sha256_of(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def proc_udp(port):
    """(rx_queue bytes, drops) of the IPv4 UDP socket bound to 127.0.0.1:port, from /proc/net/udp."""
    local = "0100007F:%04X" % port
    with open("/proc/net/udp") as f:
        next(f)
        for line in f:
            fields = line.split()
            if fields[1] == local:
                return int(fields[4].split(":")[1], 16), int(fields[12])
    return None


def window_env(workdir):
    # The window remembers tabs and geometry: keep that out of the user's settings.
    config = os.path.join(workdir, "config")
    os.makedirs(config, exist_ok=True)
    return {"XDG_CONFIG_HOME": config}


class Integrity(AppTestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="sw-integrity-")
        self.addCleanup(shutil.rmtree, self.tmp, True)
        free = shutil.disk_usage(self.tmp).free
        if free < NEED_FREE:
            self.skipTest("only %.1f GiB free in %s; the captures need 3 GiB" % (free / (1 << 30), self.tmp))
        if ASAN:
            note("ASAN_OPTIONS is set: scaled down to %d MiB over TCP and %d datagrams"
                 % (TCP_BYTES >> 20, UDP_DATAGRAMS))

    def start_window_app(self, args):
        work = os.path.join(self.tmp, "app")
        os.makedirs(work, exist_ok=True)
        return self.start_app(args, log=False, no_window=False, env=window_env(work), workdir=work)

    def capture_folder(self, app, session):
        return app.wait_stdout(r"^%s capture folder=(.+)$" % re.escape(session)).group(1)

    def test_tcp_gibibyte_is_captured_and_counted_exactly(self):
        cap = os.path.join(self.tmp, "cap")
        # --on-peer-fin close: our FIN follows the client's, which ends the test's read.
        app = self.start_window_app(["--tcp-server", "127.0.0.1:0", "--capture", cap, "--on-peer-fin", "close"])
        host, port = app.wait_listening()
        folder = self.capture_folder(app, "tcp-server")

        rng = random.Random(SEED)
        digest = hashlib.sha256()
        sent = 0
        sends = 0
        # Bulk sends with some small ones among them, so reads of every size happen.
        sizes = (1 << 20, 1 << 20, 1 << 20, 256 << 10, 65536, 4096, 1460, 7)
        with tcp_connect(host, port, timeout=IO_TIMEOUT) as c:
            me_host, me_port = c.getsockname()[:2]
            while sent < TCP_BYTES:
                n = min(rng.choice(sizes), TCP_BYTES - sent)
                block = rng.randbytes(n)
                digest.update(block)
                c.sendall(block)
                sent += n
                sends += 1
            c.shutdown(socket.SHUT_WR)
            self.assertEqual(c.recv(1), b"", "the server closes after our FIN")
        # The close is logged only after everything before it was read and captured.
        app.wait_stdout(r"^tcp-server closed ", timeout=IO_TIMEOUT)
        self.assertEqual(app.stop(timeout=60), 0, app.describe())

        totals = parse_totals(app, "tcp-server")
        self.assertEqual(totals["in"], TCP_BYTES, "the app's byte counter")
        self.assertEqual(totals["connections"], 1)
        self.assertEqual(totals["errors"], 0)

        base = "conn-1-%s_%d" % (me_host, me_port)
        raw = os.path.join(folder, base + ".in.bin")
        self.assertEqual(os.path.getsize(raw), TCP_BYTES)
        captured = sha256_of(raw)
        self.assertEqual(captured, digest.hexdigest(), "SHA-256 of the capture differs from what was sent")

        offset = 0
        reads = 0
        for e in read_events(folder):
            if e.get("event") == "data" and e.get("file") == base + ".in.bin":
                self.assertEqual(e["offset"], offset, e)
                offset += e["size"]
                reads += 1
        self.assertEqual(offset, TCP_BYTES, "the data events' sizes add up to what was sent")
        self.assertEqual(reads, totals["messages-in"], "one data event per read")
        note("tcp: %d bytes in %d sends (seed %d), sha256 %s; capture identical; "
             "totals in=%d in %d reads; log-dropped=%d events (%d bytes) from memory"
             % (TCP_BYTES, sends, SEED, captured, totals["in"], reads, totals["log-dropped"],
                totals["log-dropped-bytes"]))

    def test_udp_datagrams_logged_as_delivered(self):
        cap = os.path.join(self.tmp, "cap")
        app = self.start_window_app(["--udp", "127.0.0.1:0", "--capture", cap])
        _, port = app.wait_listening("udp")
        folder = self.capture_folder(app, "udp")

        rng = random.Random(SEED + 1)
        digests = []
        sent_bytes = 0
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
            s.bind(("127.0.0.1", 0))
            me = s.getsockname()
            for seq in range(UDP_DATAGRAMS):
                # Sizes from the 4-byte header alone to the IPv4 maximum.
                if seq % 1000 == 999:
                    n = 65507
                elif seq % 10 == 0:
                    n = rng.randint(4, 64)
                else:
                    n = rng.randint(4, 1472)
                d = struct.pack("!I", seq) + rng.randbytes(n - 4)
                digests.append(hashlib.blake2b(d, digest_size=16).digest())
                s.sendto(d, ("127.0.0.1", port))
                sent_bytes += n
                if seq % 200 == 199:
                    time.sleep(0.001)  # a fast sender, not a denial of service: drops stay rare
        # Stopping before the kernel queue is read would leave datagrams that
        # are neither received nor dropped: wait until the app has read them all.
        deadline = time.monotonic() + IO_TIMEOUT
        while True:
            state = proc_udp(port)
            self.assertIsNotNone(state, "the app's socket is gone from /proc/net/udp")
            if state[0] == 0:
                break
            self.assertLess(time.monotonic(), deadline, "the app stopped reading its socket")
            time.sleep(0.05)
        drops_seen_by_test = proc_udp(port)[1]
        self.assertEqual(app.stop(timeout=120), 0, app.describe())

        totals = parse_totals(app, "udp")
        received = totals["messages-in"]
        drops = totals["kernel-drops"]
        self.assertEqual(drops, drops_seen_by_test, "the app's drop count is the socket's")
        self.assertEqual(received + drops, UDP_DATAGRAMS, "received + dropped = sent")

        name = "peer-1-%s_%d.in.bin" % me
        events = [e for e in read_events(folder) if e.get("event") == "data" and e.get("file") == name]
        self.assertEqual(len(events), received)
        last_seq = -1
        matched_bytes = 0
        with open(os.path.join(folder, name), "rb") as f:
            for e in events:
                d = f.read(e["size"])
                self.assertEqual(len(d), e["size"])
                self.assertGreaterEqual(len(d), 4, e)
                seq = struct.unpack("!I", d[:4])[0]
                self.assertLess(seq, UDP_DATAGRAMS, e)
                self.assertGreater(seq, last_seq, "out of order or duplicated: %r" % e)
                self.assertEqual(hashlib.blake2b(d, digest_size=16).digest(), digests[seq],
                                 "datagram %d differs from what was sent" % seq)
                last_seq = seq
                matched_bytes += len(d)
            self.assertEqual(f.read(1), b"", "bytes in the capture that no event accounts for")
        self.assertEqual(matched_bytes, totals["in"])
        if drops == 0:
            self.assertEqual(matched_bytes, sent_bytes)
        note("udp: %d datagrams (%d bytes, seed %d) sent; %d received and matched byte for byte in order, "
             "%d dropped by the kernel (counted by the socket), %d bytes captured"
             % (UDP_DATAGRAMS, sent_bytes, SEED + 1, received, drops, matched_bytes))


if __name__ == "__main__":
    swtest.main()
