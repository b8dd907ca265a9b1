"""Command line: bad values exit 2 with one stderr line naming the option and
open nothing; --version and --help answer and exit 0."""

import os
import re
import socket

import swtest
from swtest import AppTestCase

# Qt itself may warn on stderr about the environment (not about our options).
QT_NOISE = re.compile(r"^(QStandardPaths: |qt\.qpa\.)")


def closed_port():
    """A port nobody listens on, for options that need a syntactically valid target."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class BadValues(AppTestCase):
    # (case name, arguments, option the message must name)
    CASES = [
        ("port_too_big", ["--tcp-server", "127.0.0.1:99999"], "--tcp-server"),
        ("server_nonsense", ["--tcp-server", "nonsense"], "--tcp-server"),
        ("server_negative_port", ["--tcp-server", "127.0.0.1:-1"], "--tcp-server"),
        ("server_host_name", ["--tcp-server", "localhost.example:0"], "--tcp-server"),
        ("server_unbracketed_ipv6", ["--tcp-server", "::1:0"], "--tcp-server"),
        ("server_unclosed_bracket", ["--tcp-server", "[::1:0"], "--tcp-server"),
        ("server_empty", ["--tcp-server", ""], "--tcp-server"),
        ("encoding_klingon", ["--tcp-server", "127.0.0.1:0", "--encoding", "KLINGON"], "--encoding"),
        ("udp_target_no_host", ["--udp-target", ":80"], "--udp-target"),
        ("udp_target_port_zero", ["--udp-target", "127.0.0.1:0"], "--udp-target"),
        ("udp_bad_port", ["--udp", "127.0.0.1:65536"], "--udp"),
        ("client_port_zero", ["--tcp-client", "127.0.0.1:0"], "--tcp-client"),
        ("client_no_port", ["--tcp-client", "127.0.0.1"], "--tcp-client"),
        ("send_empty", ["--tcp-client", "127.0.0.1:{closed}", "--send", ""], "--send"),
        ("send_bad_escape", ["--tcp-client", "127.0.0.1:{closed}", "--send", "bad\\q"], "--send"),
        ("send_short_hex_escape", ["--tcp-client", "127.0.0.1:{closed}", "--send", "a\\x4"], "--send"),
        ("send_without_target", ["--tcp-server", "127.0.0.1:0", "--send", "hi"], "--send"),
        ("greeting_without_server", ["--udp", "127.0.0.1:0", "--greeting", "hi"], "--greeting"),
        ("backlog_word", ["--tcp-server", "127.0.0.1:0", "--backlog", "many"], "--backlog"),
        ("max_clients_negative", ["--tcp-server", "127.0.0.1:0", "--max-clients", "-1"], "--max-clients"),
        ("connect_timeout_zero", ["--tcp-client", "127.0.0.1:{closed}", "--connect-timeout", "0"],
         "--connect-timeout"),
        ("bind_without_client", ["--tcp-server", "127.0.0.1:0", "--bind", "127.0.0.1:0"], "--bind"),
        ("server_twice", ["--tcp-server", "127.0.0.1:0", "--tcp-server", "127.0.0.1:0"], "tcp-server"),
        ("unknown_option", ["--tcp-server", "127.0.0.1:0", "--frobnicate"], "frobnicate"),
        ("missing_value", ["--tcp-server"], "tcp-server"),
        ("positional", ["--tcp-server", "127.0.0.1:0", "stray"], "stray"),
    ]

    def test_bad_values_exit_2_with_one_line(self):
        port = closed_port()
        for name, args, option in self.CASES:
            with self.subTest(name):
                args = [a.replace("{closed}", str(port)) for a in args]
                app = self.start_app(args)
                rc = app.wait_exit(10)
                err = [l for l in app.stderr_lines() if l.strip() and not QT_NOISE.search(l)]
                self.assertEqual(rc, 2, "%s: exit status\n%s" % (name, app.describe()))
                self.assertEqual(len(err), 1, "%s: want exactly one stderr line, got %r" % (name, err))
                self.assertIn(option, err[0], "%s: the message must name %s" % (name, option))
                # Nothing was opened: no lifecycle line, no log written.
                self.assertFalse([l for l in app.stdout_lines() if " listening " in l or " connected " in l],
                                 "%s: something was opened: %r" % (name, app.stdout_lines()))
                self.assertEqual(app.read_log(), [], "%s: log written" % name)

    def test_bad_value_opens_no_port(self):
        # A valid server address with a bad encoding: the port must stay free.
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        app = self.start_app(["--tcp-server", "127.0.0.1:%d" % port, "--encoding", "KLINGON"])
        self.assertEqual(app.wait_exit(10), 2)
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
            s.settimeout(2)
            self.assertNotEqual(s.connect_ex(("127.0.0.1", port)), 0, "something listens on %d" % port)

    def test_version(self):
        app = self.start_app(["--version"], log=False, no_window=False)
        self.assertEqual(app.wait_exit(10), 0)
        out = [l for l in app.stdout_lines() if l.strip()]
        self.assertEqual(len(out), 1, out)
        self.assertRegex(out[0], r"^socket-workbench \d+\.\d+(\.\d+)?")

    def test_help(self):
        app = self.start_app(["--help"], log=False, no_window=False)
        self.assertEqual(app.wait_exit(10), 0)
        text = "\n".join(app.stdout_lines())
        for option in ("--tcp-server", "--tcp-client", "--udp", "--udp-target", "--encoding", "--reply",
                       "--greeting", "--send", "--log", "--no-window", "--version"):
            self.assertIn(option, text)

    def test_unwritable_log(self):
        # The log is opened before any socket: a bad path exits 2 naming --log.
        path = os.path.join("/nonexistent-dir-for-sw-e2e", "x.jsonl")
        app = self.start_app(["--tcp-server", "127.0.0.1:0", "--log", path], log=False)
        self.assertEqual(app.wait_exit(10), 2, app.describe())
        err = [l for l in app.stderr_lines() if l.strip() and not QT_NOISE.search(l)]
        self.assertEqual(len(err), 1, err)
        self.assertIn("--log", err[0])
        self.assertFalse([l for l in app.stdout_lines() if " listening " in l])


if __name__ == "__main__":
    swtest.main()
