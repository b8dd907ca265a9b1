"""Helpers of the fault suite, on top of tests/e2e/swtest.py (imported, not
copied): the exact words the app logs, a private Xvfb with xping for the
window's responsiveness, network namespaces, a free privileged port, and
the figures each case prints for tests/faults/README.md.

Every helper that waits is bounded in time and cleans up what it made.
"""

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import unittest
import uuid

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "e2e"))
import swtest  # noqa: E402
from swtest import (AppTestCase, endpoint, payload, read_to_end, recv_exact, select,  # noqa: E402,F401
                    tcp_connect)

# The words the log and the window show (the e2e helpers force C.UTF-8).
MSG_PEER_FIN = "Closed by peer: recv() returned 0 (FIN received)"
MSG_PEER_FINISHED_CLIENT = ("Peer finished sending (FIN): recv() returned 0; our side stays open for sending "
                            "until Disconnect (CLOSE_WAIT)")
MSG_OUR_FIN_AFTER_PEERS = "Closed by us: FIN sent after the peer's FIN"
MSG_PEER_RESET = "Connection reset by peer (ECONNRESET)"
MSG_SERVER_STOPPED = "Closed: the server stopped"
MSG_NOT_CONNECTED = "Not connected: nothing was sent"

UNDER_ASAN = bool(os.environ.get("ASAN_OPTIONS"))


def figure(name, value):
    """One line of figures, in the test output and greppable for the README."""
    sys.stderr.write("FIGURE %s: %s\n" % (name, value))
    sys.stderr.flush()


def percentile(values, q):
    if not values:
        return None
    v = sorted(values)
    k = (len(v) - 1) * q
    lo, hi = int(k), min(int(k) + 1, len(v) - 1)
    return v[lo] + (v[hi] - v[lo]) * (k - lo)


def is_root():
    return os.geteuid() == 0


def closed_of(events, peer):
    return [e for e in events if e["event"] == "closed" and e.get("peer") == peer]


def wait_for(predicate, timeout=swtest.WAIT_TIMEOUT, what="condition", step=0.05):
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() >= deadline:
            raise AssertionError("not within %.1fs: %s" % (timeout, what))
        time.sleep(step)


# -- a full backlog: SYNs to it are dropped, so connect() times out ----------
class FullBacklog:
    """A listening socket on 127.0.0.1 that never accepts, with listen(0),
    filled with connections first: Linux then drops further SYNs (the accept
    queue is full), which is what a host that drops SYNs looks like."""

    def __init__(self):
        self.listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.listener.bind(("127.0.0.1", 0))
        self.listener.listen(0)
        self.port = self.listener.getsockname()[1]
        self.fillers = []
        # listen(0) leaves room for one established connection; fill until a
        # connect is no longer answered (at most a few tries).
        for _ in range(4):
            s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            s.setblocking(False)
            try:
                s.connect(("127.0.0.1", self.port))
            except BlockingIOError:
                pass
            self.fillers.append(s)
        time.sleep(0.3)
        self.answered = sum(1 for s in self.fillers if s.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR) == 0
                            and self._writable(s))

    @staticmethod
    def _writable(s):
        import select as sel
        return bool(sel.select([], [s], [], 0)[1])

    def syn_dropped(self):
        """True when a fresh connect() gets no answer within 1 s."""
        s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        s.settimeout(1.0)
        try:
            s.connect(("127.0.0.1", self.port))
            return False
        except socket.timeout:
            return True
        except OSError:
            return False
        finally:
            s.close()

    def close(self):
        for s in self.fillers:
            s.close()
        self.listener.close()


# -- network namespaces (root only) ---------------------------------------
class NetNs:
    """A network namespace made for one test and deleted after it, with lo
    up. `blackhole()` adds an address whose SYNs vanish: a veth pair whose
    far end has no address, and a permanent neighbour entry so no ARP
    failure turns the silence into 'host unreachable'."""

    def __init__(self):
        if not is_root():
            raise unittest.SkipTest("not root: cannot create a network namespace (ip netns add needs CAP_SYS_ADMIN)")
        if not shutil.which("ip"):
            raise unittest.SkipTest("iproute2's ip is not installed")
        self.name = "swfault-" + uuid.uuid4().hex[:8]
        r = subprocess.run(["ip", "netns", "add", self.name], capture_output=True, text=True, timeout=10)
        if r.returncode != 0:
            raise unittest.SkipTest("ip netns add failed: %s" % r.stderr.strip())
        # `ip netns exec` makes / a slave mount first; in a chroot whose
        # root is no mount point that fails: nothing here can run then.
        r = subprocess.run(["ip", "netns", "exec", self.name, "ip", "link", "set", "lo", "up"],
                           capture_output=True, text=True, timeout=10)
        if r.returncode != 0 and "--make-rslave" in r.stderr:
            self.delete()
            raise unittest.SkipTest("ip netns exec cannot run here (/ is no mount point: a chroot?): %s"
                                    % r.stderr.strip())
        if r.returncode != 0:
            self.delete()
            raise AssertionError("in netns %s: ip link set lo up: %s" % (self.name, r.stderr.strip()))

    def run(self, *argv):
        r = subprocess.run(["ip", "netns", "exec", self.name] + list(argv), capture_output=True, text=True,
                           timeout=10)
        if r.returncode != 0:
            raise AssertionError("in netns %s: %s: %s" % (self.name, " ".join(argv), r.stderr.strip()))
        return r.stdout

    def blackhole(self):
        self.run("ip", "link", "add", "swf0", "type", "veth", "peer", "name", "swf1")
        self.run("ip", "addr", "add", "10.213.0.1/24", "dev", "swf0")
        self.run("ip", "link", "set", "swf0", "up")
        self.run("ip", "link", "set", "swf1", "up")
        self.run("ip", "neigh", "add", "10.213.0.2", "lladdr", "02:00:00:00:00:02", "dev", "swf0", "nud",
                 "permanent")
        return "10.213.0.2"

    def prefix(self):
        return ["ip", "netns", "exec", self.name]

    def delete(self):
        subprocess.run(["ip", "netns", "del", self.name], capture_output=True, timeout=10)


def free_privileged_port(kind=socket.SOCK_STREAM):
    """A port below 1024 that nothing uses on 127.0.0.1 (checked as root)."""
    for port in range(900, 1000):
        s = socket.socket(socket.AF_INET, kind)
        try:
            s.bind(("127.0.0.1", port))
            return port
        except OSError:
            continue
        finally:
            s.close()
    raise unittest.SkipTest("no free port in 900..999")


def world_readable_path(path):
    """True when every folder above `path` lets others in and the file is
    readable and executable by them (the app started as nobody)."""
    p = os.path.abspath(path)
    if not os.stat(p).st_mode & 0o005 == 0o005:
        return False
    d = os.path.dirname(p)
    while d and d != "/":
        if not os.stat(d).st_mode & 0o001:
            return False
        d = os.path.dirname(d)
    return True


# -- a private X server and xping ------------------------------------------
class Xvfb:
    """A private Xvfb (-displayfd picks a free display); stopped on close()."""

    def __init__(self):
        if not shutil.which("Xvfb"):
            raise unittest.SkipTest("Xvfb is not installed (Debian: xvfb)")
        r, w = os.pipe()
        self.proc = subprocess.Popen(["Xvfb", "-displayfd", str(w), "-screen", "0", "1280x800x24", "-nolisten", "tcp",
                                      "-noreset"], pass_fds=(w,), stdout=subprocess.DEVNULL,
                                     stderr=subprocess.DEVNULL)
        os.close(w)
        number = b""
        deadline = time.monotonic() + 15
        import select as sel
        while not number.endswith(b"\n") and time.monotonic() < deadline:
            if sel.select([r], [], [], 0.5)[0]:
                chunk = os.read(r, 16)
                if not chunk:
                    break
                number += chunk
        os.close(r)
        if not number.strip():
            self.close()
            raise AssertionError("Xvfb did not start within 15 s")
        self.display = ":" + number.decode().strip()

    def env(self, home):
        """Environment for an app window on this display, settings in `home`."""
        env = {"QT_QPA_PLATFORM": "xcb", "DISPLAY": self.display, "HOME": home,
               "XDG_CONFIG_HOME": os.path.join(home, ".config"),
               "XDG_RUNTIME_DIR": home}
        asan = os.environ.get("ASAN_OPTIONS", "")
        if "strict_string_checks=1" in asan:
            # libxkbcommon-x11 strndup()s X replies that are not NUL-terminated,
            # which strndup allows; strict_string_checks reports it at start-up.
            env["ASAN_OPTIONS"] = asan.replace("strict_string_checks=1", "strict_string_checks=0")
            figure("window under ASan", "strict_string_checks off for the xcb platform (libxkbcommon-x11 strndup)")
        return env

    def close(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(5)


def xping_path():
    path = os.environ.get("SW_XPING", "")
    if not path or not os.access(path, os.X_OK):
        raise unittest.SkipTest("xping was not built (no xcb headers: Debian libxcb1-dev)")
    return path


class XPing:
    """Pings the window of `pid` with _NET_WM_PING every `interval_ms` (xping,
    bench/tools/xping.c); Qt answers from the GUI thread."""

    def __init__(self, display, pid, seconds, interval_ms=100):
        env = dict(os.environ, DISPLAY=display)
        # Wait for the window first, so the pings measure the load, not the start.
        r = subprocess.run([xping_path(), str(pid), "startup", "30"], capture_output=True, text=True, timeout=40,
                           env=env)
        if "answered" not in r.stdout:
            raise AssertionError("the window of pid %d never answered a ping: %s %s" % (pid, r.stdout, r.stderr))
        self.proc = subprocess.Popen([xping_path(), str(pid), str(interval_ms), str(seconds)], env=env,
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)

    def stop(self):
        """(answered round trips in ms, lost pings with how long they waited)."""
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
        out, err = self.proc.communicate(timeout=20)
        rtts, lost = [], []
        for line in out.splitlines():
            p = line.split()
            if p and p[0] == "rtt":
                rtts.append(float(p[3]))
            elif p and p[0] == "lost":
                lost.append(float(p[3]))
        return rtts, lost


def describe_rtts(rtts):
    return "%d pings, p50 %.1f ms, p99 %.1f ms, max %.1f ms" % (
        len(rtts), percentile(rtts, 0.5), percentile(rtts, 0.99), max(rtts))


def main():
    unittest.main(verbosity=2)


class WrappedApp(swtest.App):
    """A swtest.App started through a prefix (ip netns exec NAME, setpriv ...):
    the same output pumps, log and checks, with the workdir open to every
    user so an app run as nobody can write its log and settings there."""

    def __init__(self, prefix, args, env=None):
        self.owns_workdir = True
        self.workdir = tempfile.mkdtemp(prefix="sw-fault-")
        os.chmod(self.workdir, 0o777)
        self.log_path = os.path.join(self.workdir, "events.jsonl")
        self.args = list(prefix) + [swtest.app_path()] + list(args) + ["--no-window", "--log", self.log_path]
        self._out, self._err = [], []
        self._cond = threading.Condition()
        self.returncode = None
        extra = {"HOME": self.workdir, "XDG_CONFIG_HOME": self.workdir, "XDG_RUNTIME_DIR": self.workdir}
        extra.update(env or {})
        self.proc = subprocess.Popen(self.args, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                     stderr=subprocess.PIPE, env=swtest.app_env(extra), cwd=self.workdir)
        self._threads = [threading.Thread(target=self._pump, args=(self.proc.stdout, self._out), daemon=True),
                         threading.Thread(target=self._pump, args=(self.proc.stderr, self._err), daemon=True)]
        for t in self._threads:
            t.start()


def start_wrapped(testcase, prefix, args, env=None):
    app = WrappedApp(prefix, args, env)
    testcase.addCleanup(testcase._cleanup_app, app)
    return app
