"""Shared helpers for the end-to-end tests of socket-workbench.

The program under test comes from $SW_APP (CTest sets it). Every test starts
its own instance on port 0 with its own temporary JSON Lines log, learns the
chosen port from the "listening" line, talks to it with peers written here
(python sockets, curl, nc), stops it with SIGTERM and then checks both what
the peer received and what the log says.

Everything that waits is bounded in time; an instance that outlives its test
is killed.
"""

import json
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
from datetime import datetime, timezone

START_TIMEOUT = 20.0   # the program prints "listening" within this
WAIT_TIMEOUT = 15.0    # default for every other wait
STOP_TIMEOUT = 15.0    # SIGTERM to exit

SESSIONS = ("tcp-server", "tcp-client", "udp")
EVENTS = ("listening", "connected", "data", "frame", "closed", "error", "stopped", "note", "state")
KEY_ORDER = ("time", "session", "event", "direction", "local", "peer",
             "size", "hex", "text", "message", "checksum", "rule",
             "tcp_state", "accept_queue", "syn_queue", "backlog", "recv_q", "send_q", "retries")
TCP_STATES = ("CLOSED", "LISTEN", "SYN_SENT", "SYN_RECEIVED", "ESTABLISHED", "FIN_WAIT_1", "FIN_WAIT_2",
              "CLOSE_WAIT", "CLOSING", "LAST_ACK", "TIME_WAIT")
TIME_RE = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$")
HEX_RE = re.compile(r"^(?:[0-9a-f]{2})*$")
ENDPOINT_RE = re.compile(r"^(?:\d{1,3}(?:\.\d{1,3}){3}|\[[0-9A-Fa-f:.]+\]):\d{1,5}$")


def app_path():
    path = os.environ.get("SW_APP", "")
    if not path:
        raise unittest.SkipTest("SW_APP is not set (run through ctest)")
    if not os.access(path, os.X_OK):
        raise AssertionError("SW_APP=%r is not an executable" % path)
    return path


def app_env(extra=None):
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    env["QT_QPA_PLATFORM"] = "offscreen"
    # Keep translations out of the way: messages are checked in English.
    env["LANG"] = "C.UTF-8"
    env["LC_ALL"] = "C.UTF-8"
    env.pop("LANGUAGE", None)
    if extra:
        env.update(extra)
    return env


def endpoint(host, port):
    """How the log prints an endpoint: 127.0.0.1:8000 or [::1]:8000."""
    return ("[%s]:%d" % (host, port)) if ":" in host else ("%s:%d" % (host, port))


def ipv6_available():
    try:
        with socket.socket(socket.AF_INET6, socket.SOCK_STREAM) as s:
            s.bind(("::1", 0))
        return True
    except OSError:
        return False


def recv_exact(sock, n, timeout=WAIT_TIMEOUT):
    """Reads exactly n bytes (TCP is a stream: one recv may give less)."""
    deadline = time.monotonic() + timeout
    data = b""
    while len(data) < n:
        left = deadline - time.monotonic()
        if left <= 0:
            raise AssertionError("timed out after %.1fs: got %r, wanted %d bytes" % (timeout, data, n))
        sock.settimeout(left)
        try:
            chunk = sock.recv(n - len(data))
        except socket.timeout:
            continue
        if not chunk:
            raise AssertionError("peer closed after %r, wanted %d bytes" % (data, n))
        data += chunk
    return data


def read_to_end(sock, timeout=WAIT_TIMEOUT, limit=1 << 20, keep=True):
    """Reads until the peer ends the connection, bounded in time and bytes:
    the one read-to-the-end loop of the e2e and fault tests (and their peers).

    Returns (how, got). how is 'fin' (recv() returned b'' after everything
    the peer sent), 'rst' (ECONNRESET or EPIPE), 'timeout' (no end within
    `timeout` seconds) or 'limit' (`limit` bytes read and no end yet). got is
    the bytes read, or only how many when keep is False, so a flood is
    counted without being held in memory."""
    deadline = time.monotonic() + timeout
    data = bytearray()
    total = 0
    while total < limit:
        left = deadline - time.monotonic()
        if left <= 0:
            return "timeout", (bytes(data) if keep else total)
        sock.settimeout(left)
        try:
            chunk = sock.recv(min(1 << 20, limit - total))
        except socket.timeout:
            continue
        except (ConnectionResetError, BrokenPipeError):
            return "rst", (bytes(data) if keep else total)
        if not chunk:
            return "fin", (bytes(data) if keep else total)
        total += len(chunk)
        if keep:
            data += chunk
    return "limit", (bytes(data) if keep else total)


def recv_until_eof(sock, timeout=WAIT_TIMEOUT, limit=1 << 20):
    """Everything the peer sends before its FIN; anything else fails the test."""
    how, data = read_to_end(sock, timeout=timeout, limit=limit)
    if how == "timeout":
        raise AssertionError("timed out waiting for EOF; got %r" % data[:400])
    if how == "limit":
        raise AssertionError("more than %d bytes before EOF" % limit)
    if how == "rst":
        raise ConnectionResetError("connection reset before EOF; got %r" % data[:400])
    return data


def tcp_connect(host, port, timeout=WAIT_TIMEOUT):
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    s = socket.socket(family, socket.SOCK_STREAM)
    s.settimeout(timeout)
    s.connect((host, port))
    return s


def check_event_format(testcase, ev, raw):
    """Checks one log object against the documented JSON Lines format."""
    keys = list(ev.keys())
    unknown = [k for k in keys if k not in KEY_ORDER]
    testcase.assertEqual(unknown, [], "unknown keys in %s" % raw)
    testcase.assertEqual(keys, sorted(keys, key=KEY_ORDER.index), "keys out of order in %s" % raw)
    for k in ("time", "session", "event"):
        testcase.assertIn(k, ev, "missing %r in %s" % (k, raw))
    testcase.assertRegex(ev["time"], TIME_RE, "time format in %s" % raw)
    t = datetime.strptime(ev["time"], "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=timezone.utc)
    skew = abs((datetime.now(timezone.utc) - t).total_seconds())
    testcase.assertLess(skew, 600, "time is not now in UTC (off by %.0fs) in %s" % (skew, raw))
    testcase.assertIn(ev["session"], SESSIONS, raw)
    testcase.assertIn(ev["event"], EVENTS, raw)
    for k in ("local", "peer"):
        if k in ev:
            testcase.assertRegex(ev[k], ENDPOINT_RE, "%s format in %s" % (k, raw))
    if ev["event"] in ("data", "frame"):
        for k in ("direction", "size", "hex", "text"):
            testcase.assertIn(k, ev, "data event without %r: %s" % (k, raw))
        testcase.assertIn(ev["direction"], ("in", "out"), raw)
        testcase.assertRegex(ev["hex"], HEX_RE, "hex must be lowercase, no separators: %s" % raw)
        testcase.assertIsInstance(ev["size"], int, raw)
        testcase.assertEqual(ev["size"], len(ev["hex"]) // 2, "size vs hex in %s" % raw)
        testcase.assertIsInstance(ev["text"], str, raw)
    else:
        for k in ("direction", "size", "hex", "text"):
            testcase.assertNotIn(k, ev, "%r on a %s event: %s" % (k, ev["event"], raw))
    if ev["event"] in ("closed", "error"):
        testcase.assertTrue(ev.get("message"), "a %s event needs a message: %s" % (ev["event"], raw))
    state_keys = ("tcp_state", "accept_queue", "syn_queue", "backlog", "recv_q", "send_q", "retries")
    if ev["event"] == "state":
        testcase.assertIn(ev.get("tcp_state"), TCP_STATES, raw)
        testcase.assertIn("local", ev, raw)
        # A listener (no peer) has its queues and backlog; a connection its
        # two queues, and in SYN_SENT the SYN's retries.
        wanted = ("accept_queue", "syn_queue", "backlog") if "peer" not in ev \
            else ("recv_q", "send_q", "retries") if ev["tcp_state"] == "SYN_SENT" else ("recv_q", "send_q")
        testcase.assertEqual([k for k in state_keys[1:] if k in ev], list(wanted), raw)
        for k in wanted:
            testcase.assertIsInstance(ev[k], int, raw)
            testcase.assertGreaterEqual(ev[k], 0, raw)
    else:
        for k in state_keys:
            testcase.assertNotIn(k, ev, "%r on a %s event: %s" % (k, ev["event"], raw))


def payload(ev):
    return bytes.fromhex(ev["hex"])


class App:
    """One running socket-workbench."""

    def __init__(self, args, log=True, no_window=True, env=None, workdir=None):
        self.owns_workdir = workdir is None
        self.workdir = workdir or tempfile.mkdtemp(prefix="sw-e2e-")
        self.log_path = os.path.join(self.workdir, "events.jsonl") if log else None
        self.args = [app_path()] + list(args)
        if no_window:
            self.args.append("--no-window")
        if self.log_path:
            self.args += ["--log", self.log_path]
        self._out = []
        self._err = []
        self._cond = threading.Condition()
        self.returncode = None
        self.proc = subprocess.Popen(self.args, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                     stderr=subprocess.PIPE, env=app_env(env), cwd=self.workdir)
        self._threads = [threading.Thread(target=self._pump, args=(self.proc.stdout, self._out), daemon=True),
                         threading.Thread(target=self._pump, args=(self.proc.stderr, self._err), daemon=True)]
        for t in self._threads:
            t.start()

    def _pump(self, stream, sink):
        for raw in iter(stream.readline, b""):
            with self._cond:
                sink.append(raw.decode("utf-8", "replace").rstrip("\n"))
                self._cond.notify_all()
        with self._cond:
            self._cond.notify_all()

    # -- output -------------------------------------------------------------
    def stdout_lines(self):
        with self._cond:
            return list(self._out)

    def stderr_lines(self):
        with self._cond:
            return list(self._err)

    def wait_stdout(self, pattern, timeout=WAIT_TIMEOUT):
        """First stdout line matching the regex; fails if the program exits first."""
        rx = re.compile(pattern)
        deadline = time.monotonic() + timeout
        with self._cond:
            while True:
                for line in self._out:
                    m = rx.search(line)
                    if m:
                        return m
                if self.proc.poll() is not None and not any(t.is_alive() for t in self._threads[:1]):
                    raise AssertionError("program exited (rc=%s) before printing /%s/\n%s"
                                         % (self.proc.returncode, pattern, self.describe(locked=True)))
                left = deadline - time.monotonic()
                if left <= 0:
                    raise AssertionError("no stdout line /%s/ within %.1fs\n%s"
                                         % (pattern, timeout, self.describe(locked=True)))
                self._cond.wait(min(left, 0.2))

    def wait_listening(self, session="tcp-server", timeout=START_TIMEOUT):
        """(host, port) the session listens on, read from its lifecycle line."""
        m = self.wait_stdout(r"^%s listening local=(\[([0-9A-Fa-f:.]+)\]|([0-9.]+)):(\d+)\b"
                             % re.escape(session), timeout)
        host = m.group(2) or m.group(3)
        return host, int(m.group(4))

    # -- log ----------------------------------------------------------------
    def read_log(self, testcase=None):
        """Complete lines of the log so far, parsed (and checked if testcase given)."""
        if not self.log_path or not os.path.exists(self.log_path):
            return []
        with open(self.log_path, "rb") as f:
            data = f.read()
        events = []
        lines = data.split(b"\n")
        for raw in lines[:-1]:  # the last piece is empty or a line still being written
            text = raw.decode("utf-8")
            ev = json.loads(text)
            if testcase is not None:
                check_event_format(testcase, ev, text)
            events.append(ev)
        return events

    def wait_log(self, predicate, count=1, timeout=WAIT_TIMEOUT, what=None):
        """Waits until at least `count` log events satisfy predicate; returns them."""
        deadline = time.monotonic() + timeout
        while True:
            events = self.read_log()
            hits = [e for e in events if predicate(e)]
            if len(hits) >= count:
                return hits
            if time.monotonic() >= deadline:
                raise AssertionError("log: wanted %d event(s) %s, found %d within %.1fs\n%s"
                                     % (count, what or "", len(hits), timeout, self.describe()))
            time.sleep(0.05)

    # -- lifecycle ----------------------------------------------------------
    def stop(self, timeout=STOP_TIMEOUT):
        """SIGTERM, wait; returns the exit status (kills and fails on a hang)."""
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout)
            except subprocess.TimeoutExpired:
                self.kill()
                raise AssertionError("did not exit within %.1fs of SIGTERM\n%s" % (timeout, self.describe()))
        self._join()
        self.returncode = self.proc.returncode
        return self.returncode

    def wait_exit(self, timeout=WAIT_TIMEOUT):
        try:
            self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            self.kill()
            raise AssertionError("still running after %.1fs\n%s" % (timeout, self.describe()))
        self._join()
        self.returncode = self.proc.returncode
        return self.returncode

    def kill(self):
        if self.proc.poll() is None:
            self.proc.kill()
            try:
                self.proc.wait(5)
            except subprocess.TimeoutExpired:
                pass
        self._join()

    def _join(self):
        for t in self._threads:
            t.join(5)
        for s in (self.proc.stdout, self.proc.stderr):
            try:
                s.close()
            except OSError:
                pass

    # AddressSanitizer, LeakSanitizer and UBSan (the asan preset) report on
    # stderr; a report fails the test even when the app was killed after it.
    SANITIZER_REPORT = re.compile(r"ERROR: (Address|Leak)Sanitizer|runtime error: |SUMMARY: UndefinedBehaviorSanitizer")

    def sanitizer_report(self):
        """The sanitizer report on stderr (first 80 lines), or None."""
        with self._cond:
            lines = list(self._err)
        for i, line in enumerate(lines):
            if self.SANITIZER_REPORT.search(line):
                return "\n".join(lines[i:i + 80])
        return None

    def describe(self, locked=False):
        def body():
            out = "\n".join(self._out[-40:])
            err = "\n".join(self._err[-20:])
            return out, err
        if locked:
            out, err = body()
        else:
            with self._cond:
                out, err = body()
        log_tail = ""
        if self.log_path and os.path.exists(self.log_path):
            with open(self.log_path, "rb") as f:
                log_tail = "\n".join(f.read().decode("utf-8", "replace").splitlines()[-30:])
        return ("--- command: %s\n--- rc: %s\n--- stdout (tail):\n%s\n--- stderr:\n%s\n--- log (tail):\n%s"
                % (" ".join(self.args), self.proc.poll(), out, err, log_tail))


class AppTestCase(unittest.TestCase):
    """Starts apps that are killed (and described, on failure) after the test."""

    def start_app(self, args, **kw):
        app = App(args, **kw)
        self.addCleanup(self._cleanup_app, app)
        return app

    def _cleanup_app(self, app):
        running = app.proc.poll() is None
        app.kill()
        outcome = getattr(self, "_outcome", None)
        failed = outcome is None or not getattr(outcome, "success", False)
        if failed or (running and os.environ.get("SW_E2E_VERBOSE")):
            sys.stderr.write("\n[%s]\n%s\n" % (self.id(), app.describe()))
        if app.owns_workdir and not os.environ.get("SW_E2E_KEEP"):
            shutil.rmtree(app.workdir, ignore_errors=True)
        report = app.sanitizer_report()
        if report:
            self.fail("sanitizer report from %s:\n%s" % (" ".join(app.args), report))

    def log(self, app):
        """The whole log, every line checked against the format."""
        return app.read_log(self)

    def stop_and_read(self, app):
        """Stops with SIGTERM (must exit 0) and returns the checked, complete log."""
        rc = app.stop()
        self.assertEqual(rc, 0, "exit status after SIGTERM\n%s" % app.describe())
        events = self.log(app)
        if app.log_path:
            with open(app.log_path, "rb") as f:
                data = f.read()
            self.assertTrue(data == b"" or data.endswith(b"\n"), "log ends in a partial line")
        return events


def select(events, **match):
    """Events whose fields equal all given values (event_ stands for event)."""
    if "event_" in match:
        match["event"] = match.pop("event_")
    return [e for e in events if all(e.get(k) == v for k, v in match.items())]


def main():
    unittest.main(verbosity=2)
