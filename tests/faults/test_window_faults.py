"""The real program with its window, under a private Xvfb, through churn and
floods: 10,000 clients connecting and going away at random against the
server tab, and a flood of clients stopped by SIGTERM. Meanwhile xping asks
the window for a _NET_WM_PING every 100 ms (Qt answers from the GUI thread):
every ping must be answered within 2 s (a liveness bound, not a speed
figure; p50/p99/max are printed for tests/faults/README.md). Afterwards the
app still accepts and echoes, and its connected and closed events balance,
with the exact close reason of every client."""

import json
import re
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time

import faults
from faults import (MSG_PEER_FIN, MSG_PEER_RESET, UNDER_ASAN, AppTestCase, Xvfb, XPing, describe_rtts, endpoint,
                    figure, recv_exact, select, tcp_connect)

CHURN = os.path.join(os.path.dirname(os.path.abspath(__file__)), "churn.py")
LIVENESS_MS = 2000.0


class WindowFaults(AppTestCase):
    def setUp(self):
        self.x = Xvfb()
        self.addCleanup(self.x.close)
        self.home = tempfile.mkdtemp(prefix="sw-fault-home-")
        self.addCleanup(shutil.rmtree, self.home, True)

    def window_app(self, args):
        app = self.start_app(args, no_window=False, env=self.x.env(self.home))
        return app

    def check_pings(self, rtts, lost, what):
        self.assertTrue(rtts, "no ping answered during %s" % what)
        # A ping still in flight when xping stops is not a late one.
        late = [w for w in lost if w > LIVENESS_MS]
        self.assertEqual(late, [], "pings unanswered for more than %.0f ms during %s" % (LIVENESS_MS, what))
        self.assertLess(max(rtts), LIVENESS_MS, "a ping took over %.0f ms during %s" % (LIVENESS_MS, what))
        figure("window during %s" % what, describe_rtts(rtts) + (", %d in flight at the end" % len(lost)))

    def test_10000_clients_churn_against_the_server_tab(self):
        count = 2000 if UNDER_ASAN else 10000
        if UNDER_ASAN:
            figure("churn", "under AddressSanitizer: scaled down to %d clients" % count)
        app = self.window_app(["--tcp-server", "127.0.0.1:0", "--reply", "echo"])
        _, port = app.wait_listening()
        ping = XPing(self.x.display, app.proc.pid, seconds=90)
        t0 = time.monotonic()
        r = subprocess.run([sys.executable, CHURN, str(port), str(count), "200", "30"], capture_output=True,
                           text=True, timeout=60)
        self.assertEqual(r.returncode, 0, r.stderr)
        stats = json.loads(r.stdout.strip().splitlines()[-1])
        # Every client's end reaches the log, then the window is pinged a while longer.
        app.wait_log(lambda e: e["event"] == "closed", count=stats["connected"], timeout=60,
                     what="a closed event per churned client")
        churn_s = time.monotonic() - t0
        time.sleep(1.0)
        rtts, lost = ping.stop()
        figure("churn", "%d clients in %.1f s (%d echo+FIN/RST, %d FIN, %d RST), %d connect failures, errors %s"
               % (stats["connected"], stats["seconds"], stats["echo_ok"], stats["fin"], stats["reset"],
                  stats["connect_failed"], stats["errors"]))
        self.assertEqual(stats["attempted"], count, "the load ran out of time: %s" % stats)
        self.assertEqual(stats["connected"], count, stats)
        self.assertEqual(stats["echo_bad"], 0, stats)
        self.assertEqual(stats["errors"], {}, stats)
        self.check_pings(rtts, lost, "%d clients churning (%.1f s)" % (count, churn_s))

        # Still serving, from the same window.
        with tcp_connect("127.0.0.1", port) as c:
            last = endpoint(*c.getsockname()[:2])
            c.sendall(b"after the churn")
            self.assertEqual(recv_exact(c, 15), b"after the churn")
        app.wait_log(lambda e: e["event"] == "closed" and e.get("peer") == last, what="last client closed")
        # No connection of the app is left on the port (the client table is empty again).
        established = [row for row in proc_net_tcp(port) if row == 1]
        self.assertEqual(established, [], "connections left open on port %d" % port)
        events = self.stop_and_read(app)
        connected = select(events, event="connected")
        closed = select(events, event="closed")
        self.assertEqual(len(connected), count + 1)
        self.assertEqual(len(closed), count + 1, "connected and closed events balance")
        # A client that reset while still in the accept queue has no peer
        # address any more (getpeername() fails): said so, and its close is a reset.
        nameless = [e for e in connected if "peer" not in e]
        for e in nameless:
            self.assertRegex(e["message"], r"^Accepted connection #\d+ from an unknown peer: it was reset before "
                                           r"accept\(\) \(getpeername\(\) failed\)$")
        nameless_closed = [e for e in closed if "peer" not in e]
        self.assertEqual(len(nameless_closed), len(nameless))
        self.assertEqual({e["message"] for e in nameless_closed} - {MSG_PEER_RESET}, set())
        figure("churn", "%d of the reset clients were reset before accept() (no peer address left)" % len(nameless))
        self.assertEqual(sorted(e["peer"] for e in connected if "peer" in e),
                         sorted(e["peer"] for e in closed if "peer" in e))
        messages = [e["message"] for e in closed]
        self.assertEqual(messages.count(MSG_PEER_RESET), stats["reset"])
        self.assertEqual(messages.count(MSG_PEER_FIN), stats["fin"] + 1)
        self.assertEqual(select(events, event="error"), [])
        echoed = sum(e["size"] for e in select(events, event="data", direction="out"))
        self.assertEqual(echoed, stats["echo_bytes"] + 15)

    def flood(self, log):
        """4 clients flood the server tab for 3 s while the window is pinged,
        then SIGTERM: every client sees its connection end, and the stop
        closes each one (stdout, and the log when there is one)."""
        app = self.start_app(["--tcp-server", "127.0.0.1:0"], no_window=False, env=self.x.env(self.home), log=log)
        _, port = app.wait_listening()
        ping = XPing(self.x.display, app.proc.pid, seconds=60)
        clients = 4
        socks = [tcp_connect("127.0.0.1", port, timeout=30) for _ in range(clients)]
        peers = [endpoint(*s.getsockname()[:2]) for s in socks]
        ends = [None] * clients
        sent = [0] * clients
        chunk = os.urandom(64 << 10)
        budget = (64 if UNDER_ASAN else 512) << 20  # per client; more than 3 s can take
        stopped = threading.Event()

        def pump(i):
            try:
                deadline = time.monotonic() + 20
                while sent[i] < budget and time.monotonic() < deadline and not stopped.is_set():
                    sent[i] += socks[i].send(chunk)
                ends[i] = faults.read_to_end(socks[i], timeout=60, limit=1 << 30, keep=False)[0]
            except (ConnectionResetError, BrokenPipeError):
                ends[i] = "rst"
        threads = [threading.Thread(target=pump, args=(i,), daemon=True) for i in range(clients)]
        for t in threads:
            t.start()
        time.sleep(3.0)
        rtts, lost = ping.stop()
        flooded = sum(sent)
        rc = app.stop(timeout=90)
        stopped.set()
        self.assertEqual(rc, 0)
        for t in threads:
            t.join(60)
        figure("flood with the window%s" % (" and --log" if log else ""),
               "%.0f MiB from %d clients in 3 s; the clients saw %s" % (flooded / (1 << 20), clients, ends))
        for i, me in enumerate(peers):
            self.assertIn(ends[i], ("fin", "rst"))
            self.assertTrue([l for l in app.stdout_lines()
                             if l.startswith("tcp-server closed ") and ("peer=%s:" % me) in l], me)
        if log:
            # Hundreds of MiB of hex and text: read a line at a time. What the
            # file has is what the app counted (its totals line), nothing lost
            # while the writer was behind and reads were held.
            closed = {}
            logged_in = lines = 0
            last = None
            with open(app.log_path, "rb") as f:
                for raw in f:
                    ev = json.loads(raw)
                    lines += 1
                    last = ev["event"]
                    if last == "data" and ev.get("direction") == "in":
                        logged_in += ev["size"]
                    elif last == "closed":
                        closed[ev.get("peer")] = closed.get(ev.get("peer"), 0) + 1
            for me in peers:
                self.assertEqual(closed.get(me), 1, me)
            self.assertEqual(last, "stopped")
            totals = [l for l in app.stdout_lines() if l.startswith("totals tcp-server")]
            self.assertEqual(len(totals), 1, app.stdout_lines()[-5:])
            counted = int(re.search(r" in=(\d+) ", totals[0]).group(1))
            self.assertEqual(logged_in, counted)
            figure("flood with the window and --log",
                   "%d lines, %.0f MiB received and all of it in the log (the app counted %d B)"
                   % (lines, logged_in / (1 << 20), counted))
        self.check_pings(rtts, lost, "a flood from %d clients%s" % (clients, " with --log" if log else ""))

    def test_flood_then_sigterm_with_the_window(self):
        self.flood(log=False)

    def test_flood_then_sigterm_with_the_window_and_log(self):
        # The JSON Lines writer formats random bytes far slower than they
        # arrive: it does so on its own thread, and while it is behind the
        # sessions stop reading, so the window answers and nothing is lost.
        self.flood(log=True)


def proc_net_tcp(port):
    """TCP states of the sockets whose local port is `port` (1 = established)."""
    states = []
    for path in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            with open(path) as f:
                next(f)
                for line in f:
                    p = line.split()
                    if int(p[1].split(":")[1], 16) == port:
                        states.append(int(p[3], 16))
        except OSError:
            pass
    return states


if __name__ == "__main__":
    faults.main()
