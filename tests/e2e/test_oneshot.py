"""One-shot mode (--quit), like nc: connect or bind, send --send, print what
comes back within --wait ms on stdout, exit 0; a refused connection or a
datagram the peer's system rejects exits 1 with one line on stderr. Peers
are python3 sockets and OpenBSD nc. The program runs without a display: no
Qt platform and no DISPLAY in its environment."""

import os
import shutil
import socket
import subprocess
import threading
import time

import swtest
from swtest import AppTestCase

# No GUI platform at all: one-shot must not need one.
NO_DISPLAY = {"QT_QPA_PLATFORM": "", "DISPLAY": "", "WAYLAND_DISPLAY": ""}
NC = shutil.which("nc")


def free_port(kind=socket.SOCK_STREAM):
    with socket.socket(socket.AF_INET, kind) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def bound(port, proto):
    """Whether something listens (tcp) or is bound (udp) on 127.0.0.1:port."""
    want = "0100007F:%04X" % port
    with open("/proc/net/%s" % proto) as f:
        for line in f.readlines()[1:]:
            fields = line.split()
            if fields[1] == want and (proto == "udp" or fields[3] == "0A"):
                return True
    return False


def wait_bound(port, proto, timeout=swtest.WAIT_TIMEOUT):
    deadline = time.monotonic() + timeout
    while not bound(port, proto):
        if time.monotonic() > deadline:
            raise AssertionError("nothing bound on %s port %d" % (proto, port))
        time.sleep(0.02)


def end_process(proc):
    if proc.poll() is None:
        proc.kill()
        proc.wait(10)
    for pipe in (proc.stdin, proc.stdout, proc.stderr):
        if pipe and not pipe.closed:
            pipe.close()


class TcpPeer(threading.Thread):
    """Answers one connection: `answer(data)` for each read, then closes."""

    def __init__(self, answer):
        super().__init__(daemon=True)
        self.answer = answer
        self.got = b""
        self.srv = socket.socket()
        self.srv.bind(("127.0.0.1", 0))
        self.srv.listen(1)
        self.srv.settimeout(swtest.WAIT_TIMEOUT)
        self.port = self.srv.getsockname()[1]
        self.start()

    def run(self):
        try:
            conn, _ = self.srv.accept()
        except socket.timeout:
            return
        with conn:
            conn.settimeout(swtest.WAIT_TIMEOUT)
            try:
                data = conn.recv(65536)
                self.got += data
                conn.sendall(self.answer(data))
            except OSError:
                pass
        self.srv.close()


class UdpPeer(threading.Thread):
    """Answers one datagram with `answer(data)`."""

    def __init__(self, answer):
        super().__init__(daemon=True)
        self.answer = answer
        self.got = b""
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.settimeout(swtest.WAIT_TIMEOUT)
        self.port = self.sock.getsockname()[1]
        self.start()

    def run(self):
        try:
            data, addr = self.sock.recvfrom(65536)
            self.got = data
            self.sock.sendto(self.answer(data), addr)
        except OSError:
            pass
        self.sock.close()


class OneShot(AppTestCase):
    def run_app(self, args):
        app = self.start_app(args, log=False, no_window=False, env=NO_DISPLAY)
        rc = app.wait_exit(30)
        return app, rc

    def stdout_bytes(self, app):
        return "\n".join(app.stdout_lines())

    def test_tcp_echo_python(self):
        peer = TcpPeer(lambda d: d.upper())
        app, rc = self.run_app(["--tcp-client", "127.0.0.1:%d" % peer.port, "--send", "hello\\n",
                                "--wait", "10000", "--quit"])
        self.assertEqual(rc, 0, app.describe())
        self.assertEqual(app.stdout_lines(), ["HELLO"])
        self.assertEqual(app.stderr_lines(), [])
        peer.join(5)
        self.assertEqual(peer.got, b"hello\n")

    def test_tcp_encoding_and_hex(self):
        for args, want in ((["--encoding", "GBK"], ["你好"]),
                           (["--hex"], ["c4 e3 ba c3"])):
            with self.subTest(args=args):
                peer = TcpPeer(lambda d: "你好".encode("gbk"))
                app, rc = self.run_app(["--tcp-client", "127.0.0.1:%d" % peer.port, "--send", "x",
                                        "--wait", "10000", "--quit"] + args)
                self.assertEqual(rc, 0, app.describe())
                self.assertEqual(app.stdout_lines(), want)

    def test_tcp_nc_listener(self):
        if not NC:
            self.skipTest("nc is not installed")
        port = free_port()
        # -N: after its stdin ends nc sends FIN, which ends our wait early.
        nc = subprocess.Popen([NC, "-N", "-l", "127.0.0.1", str(port)], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        self.addCleanup(end_process, nc)
        nc.stdin.write(b"from nc\n")
        nc.stdin.close()
        wait_bound(port, "tcp")
        app, rc = self.run_app(["--tcp-client", "127.0.0.1:%d" % port, "--send", "from us\\n",
                                "--wait", "20000", "--quit"])
        self.assertEqual(rc, 0, app.describe())
        self.assertEqual(app.stdout_lines(), ["from nc"])
        nc.wait(10)   # our close ends it
        self.assertEqual(nc.stdout.read(), b"from us\n")

    def test_udp_echo_python(self):
        peer = UdpPeer(lambda d: d[::-1])
        app, rc = self.run_app(["--udp-target", "127.0.0.1:%d" % peer.port, "--send", "abc\\x00",
                                "--wait", "3000", "--quit", "--hex"])
        self.assertEqual(rc, 0, app.describe())
        self.assertEqual(app.stdout_lines(), ["00 63 62 61"])
        peer.join(5)
        self.assertEqual(peer.got, b"abc\x00")

    def test_udp_nc_listener(self):
        if not NC:
            self.skipTest("nc is not installed")
        port = free_port(socket.SOCK_DGRAM)
        nc = subprocess.Popen([NC, "-u", "-l", "127.0.0.1", str(port)], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        self.addCleanup(end_process, nc)
        wait_bound(port, "udp")
        # nc answers with its stdin once the first datagram told it who we are.
        nc.stdin.write(b"pong\n")
        nc.stdin.flush()
        app, rc = self.run_app(["--udp-target", "127.0.0.1:%d" % port, "--send", "ping\\n",
                                "--wait", "3000", "--quit"])
        nc.kill()
        nc.wait(10)
        out = nc.stdout.read()
        self.assertEqual(rc, 0, app.describe())
        self.assertEqual(app.stdout_lines(), ["pong"])
        self.assertEqual(out, b"ping\n")

    def test_refused_tcp_port_exits_1(self):
        port = free_port()
        app, rc = self.run_app(["--tcp-client", "127.0.0.1:%d" % port, "--send", "hi", "--quit"])
        self.assertEqual(rc, 1, app.describe())
        self.assertEqual(app.stdout_lines(), [])
        err = app.stderr_lines()
        self.assertEqual(len(err), 1, err)
        self.assertIn("Connection refused", err[0])
        self.assertIn("127.0.0.1:%d" % port, err[0])

    def test_udp_port_with_nobody_exits_1(self):
        port = free_port(socket.SOCK_DGRAM)
        app, rc = self.run_app(["--udp-target", "127.0.0.1:%d" % port, "--send", "hi", "--wait", "10000",
                                "--quit"])
        self.assertEqual(rc, 1, app.describe())
        self.assertEqual(app.stdout_lines(), [])
        err = app.stderr_lines()
        self.assertEqual(len(err), 1, err)
        self.assertIn("ICMP port unreachable", err[0])

    def test_bad_one_shot_options_exit_2(self):
        port = free_port()
        target = "127.0.0.1:%d" % port
        cases = [
            (["--tcp-client", target, "--wait", "100"], "--wait"),
            (["--tcp-client", target, "--hex"], "--hex"),
            (["--tcp-client", target, "--quit", "--wait", "-1"], "--wait"),
            (["--tcp-client", target, "--quit", "--wait", "3600001"], "--wait"),
            (["--tcp-server", "127.0.0.1:0", "--quit"], "--quit"),
            (["--udp", "127.0.0.1:0", "--quit"], "--quit"),
            (["--tcp-client", target, "--udp-target", target, "--quit"], "--quit"),
        ]
        for args, option in cases:
            with self.subTest(args=args):
                app, rc = self.run_app(args)
                self.assertEqual(rc, 2, app.describe())
                err = app.stderr_lines()
                self.assertEqual(len(err), 1, err)
                self.assertIn(option, err[0])
                self.assertEqual(app.stdout_lines(), [])


if __name__ == "__main__":
    swtest.main()
