"""Every command-line option with bad values, end to end: the real program
runs while a python TCP listener and a UDP receiver wait on 127.0.0.1 where
the options point. Each bad value must give exit status 2 and one line on
stderr naming the option, and nothing else: no connection reaches the
listener, no datagram the receiver, no "listening" or "connected" line is
printed, and neither the log file nor the capture folder (both asked for on
every row) is created.

tests/core/tst_commandline.cpp checks the parser's messages word for word;
this table checks that the program obeys them: a bad value stops it before
any socket or file is opened. Rows marked "at start" pass the parser and fail
when the file or folder is really tried (as root, permission bits do not
stop anything, so those rows use places even root cannot write: sysfs and
procfs).
"""

import os
import re
import select
import socket
import tempfile

import swtest
from swtest import AppTestCase

# Qt itself may warn on stderr about the environment (not about our options).
QT_NOISE = re.compile(r"^(QStandardPaths: |qt\.qpa\.)")

LONG_LABEL = "a" * 64 + ".example"
LONG_NAME = ".".join(["a" * 63] * 4)          # 255 characters: over the 253 DNS allows
assert len(LONG_NAME) > 253


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# (case name, arguments, option the message must name). {tcp} is the
# listener's port, {udp} the receiver's, {free} a port nobody uses, {dir} the
# run's folder, {file} a regular file in it.
CLIENT = ["--tcp-client", "127.0.0.1:{tcp}"]
TARGET = ["--udp-target", "127.0.0.1:{udp}", "--send", "hi"]
SERVER = ["--tcp-server", "127.0.0.1:{free}"]
CASES = [
    # Where to connect: bad host names and addresses, bad ports.
    ("client_host_with_space", ["--tcp-client", "bad host:{tcp}"], "--tcp-client"),
    ("client_label_over_63", ["--tcp-client", LONG_LABEL + ":{tcp}"], "--tcp-client"),
    ("client_name_over_253", ["--tcp-client", LONG_NAME + ":{tcp}"], "--tcp-client"),
    ("client_short_ipv4", ["--tcp-client", "1.2.3:{tcp}"], "--tcp-client"),
    ("client_bad_ipv6", ["--tcp-client", "[::g]:{tcp}"], "--tcp-client"),
    ("client_unclosed_bracket", ["--tcp-client", "[::1:{tcp}"], "--tcp-client"),
    ("client_port_65536", ["--tcp-client", "127.0.0.1:65536"], "--tcp-client"),
    ("client_port_negative", ["--tcp-client", "127.0.0.1:-1"], "--tcp-client"),
    ("client_port_80a", ["--tcp-client", "127.0.0.1:80a"], "--tcp-client"),
    ("client_port_missing", ["--tcp-client", "127.0.0.1:"], "--tcp-client"),
    ("client_port_zero", ["--tcp-client", "127.0.0.1:0"], "--tcp-client"),
    ("client_given_twice", CLIENT + ["--tcp-client", "127.0.0.1:{tcp}"], "--tcp-client"),
    # What the client would send once connected.
    ("send_unknown_escape", CLIENT + ["--send", "a\\q"], "--send"),
    ("send_short_hex_escape", CLIENT + ["--send", "\\x4"], "--send"),
    ("send_trailing_backslash", CLIENT + ["--send", "end\\"], "--send"),
    ("send_empty", CLIENT + ["--send", ""], "--send"),
    ("send_single_brace_json", CLIENT + ["--send", '{"a":1}'], "--send"),
    ("send_unknown_field", CLIENT + ["--send", "n={count}"], "--send"),
    ("send_emoji_in_gbk", CLIENT + ["--encoding", "GBK", "--send", "\U0001F600"], "--send"),
    ("send_euro_in_latin1", CLIENT + ["--encoding", "ISO-8859-1", "--send", "5\u20ac"], "--send"),
    ("send_too_long_for_length1", CLIENT + ["--framing", "length:1", "--send", "x" * 300], "--send"),
    ("send_not_fixed_size", CLIENT + ["--framing", "fixed:4", "--send", "abc"], "--send"),
    # Encodings, framing, replies.
    ("encoding_unknown", CLIENT + ["--encoding", "KLINGON"], "--encoding"),
    ("encoding_empty", CLIENT + ["--encoding", ""], "--encoding"),
    ("framing_length_0", CLIENT + ["--framing", "length:0"], "--framing"),
    ("framing_length_negative", CLIENT + ["--framing", "length:-4"], "--framing"),
    ("framing_fixed_0", CLIENT + ["--framing", "fixed:0"], "--framing"),
    ("framing_fixed_over_max", CLIENT + ["--framing", "fixed:99999999999"], "--framing"),
    ("framing_delim_odd", CLIENT + ["--framing", "delim:0"], "--framing"),
    ("framing_delim_not_hex", CLIENT + ["--framing", "delim:zz"], "--framing"),
    ("framing_unknown", CLIENT + ["--framing", "bogus"], "--framing"),
    ("reply_bad_escape", CLIENT + ["--reply", "Hi \\q {data}"], "--reply"),
    ("reply_short_hex", CLIENT + ["--reply", "{data}\\x4"], "--reply"),
    ("reply_empty", CLIENT + ["--reply", ""], "--reply"),
    # Issue 20: reply rules.
    ("rule_bad_regex", CLIENT + ["--rule", "regex:a( => x"], "--rule 1"),
    ("rule_unknown_capture", CLIENT + ["--rule", "any => x", "--rule", "regex:(a) => {2}"], "--rule 2"),
    ("rule_no_arrow", CLIENT + ["--rule", "contains:PING"], "--rule 1"),
    ("rules_missing_file", CLIENT + ["--rules", "/proc/no/such/rules"], "--rules"),
    ("rule_and_reply", CLIENT + ["--reply", "echo", "--rule", "any => x"], "--reply"),
    ("reply_emoji_in_gbk", CLIENT + ["--encoding", "GBK", "--reply", "\U0001F600{data}"], "--reply"),
    ("timeout_zero", CLIENT + ["--connect-timeout", "0"], "--connect-timeout"),
    ("timeout_negative", CLIENT + ["--connect-timeout", "-5"], "--connect-timeout"),
    ("timeout_word", CLIENT + ["--connect-timeout", "5s"], "--connect-timeout"),
    ("bind_short_ipv4", CLIENT + ["--bind", "1.2.3:0"], "--bind"),
    ("bind_host_name", CLIENT + ["--bind", "localhost:0"], "--bind"),
    ("bind_port_65536", CLIENT + ["--bind", "127.0.0.1:65536"], "--bind"),
    ("language_unknown", CLIENT + ["--language", "xx"], "--language"),
    # Files and folders.
    ("log_is_a_folder", CLIENT + ["--log", "{dir}"], "--log"),
    ("log_folder_missing", CLIENT + ["--log", "{dir}/missing/events.jsonl"], "--log"),
    ("log_under_a_file", CLIENT + ["--log", "{file}/events.jsonl"], "--log"),
    ("log_empty", CLIENT + ["--log", ""], "--log"),
    ("log_unwritable_at_start", CLIENT + ["--log", "/sys/sw-bad-options.jsonl"], "--log"),
    ("capture_is_a_file", CLIENT + ["--capture", "{file}"], "--capture"),
    ("capture_under_a_file", CLIENT + ["--capture", "{file}/sub"], "--capture"),
    ("capture_empty", CLIENT + ["--capture", ""], "--capture"),
    ("capture_unmakeable_at_start", CLIENT + ["--capture", "/proc/sw-bad-options"], "--capture"),
    # UDP: where to send and bind, and what.
    ("udp_target_host_with_space", ["--udp-target", "bad host:{udp}", "--send", "hi"], "--udp-target"),
    ("udp_target_label_over_63", ["--udp-target", LONG_LABEL + ":{udp}", "--send", "hi"], "--udp-target"),
    ("udp_target_numeric_not_ip", ["--udp-target", "300.1.1.1:{udp}", "--send", "hi"], "--udp-target"),
    ("udp_target_bad_ipv6", ["--udp-target", "[::g]:{udp}", "--send", "hi"], "--udp-target"),
    ("udp_target_port_zero", ["--udp-target", "127.0.0.1:0", "--send", "hi"], "--udp-target"),
    ("udp_target_no_host", ["--udp-target", ":{udp}", "--send", "hi"], "--udp-target"),
    ("udp_bind_short_ipv4", ["--udp", "1.2.3:0"] + TARGET, "--udp"),
    ("udp_bind_unclosed_bracket", ["--udp", "[::1:0"] + TARGET, "--udp"),
    ("udp_bind_port_65536", ["--udp", "127.0.0.1:65536"] + TARGET, "--udp"),
    ("udp_send_unknown_escape", ["--udp-target", "127.0.0.1:{udp}", "--send", "\\q"], "--send"),
    ("udp_send_emoji_in_latin1", ["--udp-target", "127.0.0.1:{udp}", "--encoding", "latin1",
                                  "--send", "\U0001F600"], "--send"),
    ("udp_reply_bad_template", TARGET + ["--reply", "{data}\\z"], "--reply"),
    ("udp_framing_bad", TARGET + ["--framing", "length:3"], "--framing"),
    ("udp_log_is_a_folder", TARGET + ["--log", "{dir}"], "--log"),
    # UDP auto-reply limits and the log's memory budget.
    ("udp_reply_rate_negative", TARGET + ["--reply", "echo", "--reply-rate", "-1"], "--reply-rate"),
    ("udp_reply_rate_word", TARGET + ["--reply", "echo", "--reply-rate", "fast"], "--reply-rate"),
    ("udp_reply_bytes_rate_negative", TARGET + ["--reply", "echo", "--reply-bytes-rate", "-5"],
     "--reply-bytes-rate"),
    ("udp_reply_max_size_zero", TARGET + ["--reply", "echo", "--reply-max-size", "0"], "--reply-max-size"),
    ("udp_reply_max_size_over_datagram", TARGET + ["--reply", "echo", "--reply-max-size", "70000"],
     "--reply-max-size"),
    ("reply_rate_without_udp", CLIENT + ["--reply-rate", "10"], "--reply-rate"),
    ("log_budget_zero", CLIENT + ["--log-budget", "0"], "--log-budget"),
    ("log_budget_word", CLIENT + ["--log-budget", "lots"], "--log-budget"),
    ("log_budget_huge", CLIENT + ["--log-budget", "99999999"], "--log-budget"),
    # A server that must not listen.
    ("server_short_ipv4", ["--tcp-server", "1.2.3:0"], "--tcp-server"),
    ("server_host_name", ["--tcp-server", "localhost:{free}"], "--tcp-server"),
    ("server_unbracketed_ipv6", ["--tcp-server", "::1:{free}"], "--tcp-server"),
    ("server_port_65536", ["--tcp-server", "127.0.0.1:65536"], "--tcp-server"),
    ("server_greeting_bad_escape", SERVER + ["--greeting", "Hi\\q"], "--greeting"),
    ("server_greeting_emoji_in_gbk", SERVER + ["--encoding", "GBK", "--greeting", "\U0001F600"], "--greeting"),
    ("server_backlog_65536", SERVER + ["--backlog", "65536"], "--backlog"),
    ("server_backlog_word", SERVER + ["--backlog", "many"], "--backlog"),
    ("server_max_clients_negative", SERVER + ["--max-clients", "-1"], "--max-clients"),
    ("server_reply_bad", SERVER + ["--reply", "\\xZZ{data}"], "--reply"),
    ("server_framing_bad", SERVER + ["--framing", "length:16"], "--framing"),
    ("server_capture_is_a_file", SERVER + ["--capture", "{file}"], "--capture"),
    # Checksums and reply templates (issue 19).
    ("checksum_ambiguous", CLIENT + ["--send", "hello", "--checksum", "crc16"], "--checksum"),
    ("checksum_unknown", CLIENT + ["--send", "hello", "--checksum", "md5"], "--checksum"),
    ("checksum_bad_from", CLIENT + ["--send", "hello", "--checksum", "crc32:x"], "--checksum"),
    ("checksum_bad_order", CLIENT + ["--send", "hello", "--checksum", "crc32:0:middle"], "--checksum"),
    ("checksum_from_past_send", CLIENT + ["--send", "abc", "--checksum", "crc16-modbus:3"], "--send"),
    ("udp_checksum_from_past_send", ["--udp-target", "127.0.0.1:{udp}", "--send", "ab", "--checksum", "sum8:5"],
     "--send"),
    ("server_checksum_unknown", SERVER + ["--checksum", "crc64"], "--checksum"),
    ("reply_unknown_field", CLIENT + ["--reply", "Hi {bogus}"], "--reply"),
    ("reply_random_without_count", TARGET + ["--reply", "{random}"], "--reply"),
]


class BadOptions(AppTestCase):
    def setUp(self):
        self.listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.listener.bind(("127.0.0.1", 0))
        self.listener.listen(16)
        self.receiver = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.receiver.bind(("127.0.0.1", 0))
        self.addCleanup(self.listener.close)
        self.addCleanup(self.receiver.close)

    def reached_peers(self):
        """What reached the listener and the receiver: a connection waiting to
        be accepted, a datagram waiting to be read. The program has exited, so
        anything it sent over loopback is already there."""
        readable, _, _ = select.select([self.listener, self.receiver], [], [], 0.1)
        found = []
        if self.listener in readable:
            conn, peer = self.listener.accept()
            conn.settimeout(1)
            try:
                data = conn.recv(4096)
            except OSError:
                data = b""
            conn.close()
            found.append("a connection from %s:%d sending %r" % (peer[0], peer[1], data))
        if self.receiver in readable:
            data, peer = self.receiver.recvfrom(65536)
            found.append("a datagram from %s:%d: %r" % (peer[0], peer[1], data))
        return found

    def test_each_bad_value_exits_2_and_sends_nothing(self):
        tcp = self.listener.getsockname()[1]
        udp = self.receiver.getsockname()[1]
        for name, args, option in CASES:
            with self.subTest(name), tempfile.TemporaryDirectory(prefix="sw-badopt-") as work:
                plain = os.path.join(work, "plain.txt")
                with open(plain, "w") as f:
                    f.write("not a folder\n")
                log = os.path.join(work, "events.jsonl")
                capture = os.path.join(work, "capture", "run")
                values = {"tcp": tcp, "udp": udp, "free": free_port(), "dir": work, "file": plain}
                argv = []
                for a in args:
                    for key, value in values.items():
                        a = a.replace("{%s}" % key, str(value))
                    argv.append(a)
                # A log and a capture on every row: a bad value must create neither.
                if "--log" not in argv:
                    argv += ["--log", log]
                if "--capture" not in argv:
                    argv += ["--capture", capture]
                app = self.start_app(argv, log=False)
                rc = app.wait_exit(20)
                err = [l for l in app.stderr_lines() if l.strip() and not QT_NOISE.search(l)]
                self.assertEqual(rc, 2, "%s: exit status\n%s" % (name, app.describe()))
                self.assertEqual(len(err), 1, "%s: want one stderr line, got %r" % (name, err))
                self.assertTrue(err[0].startswith("socket-workbench: " + option + ": "),
                                "%s: the line must name %s: %r" % (name, option, err[0]))
                self.assertGreater(len(err[0]), len("socket-workbench: " + option + ": ") + 8,
                                   "%s: no reason given: %r" % (name, err[0]))
                self.assertFalse([l for l in app.stdout_lines() if re.search(r" (listening|connected|data)\b", l)],
                                 "%s: something was opened: %r" % (name, app.stdout_lines()))
                self.assertEqual(self.reached_peers(), [], "%s: traffic reached a peer" % name)
                left = sorted(os.listdir(work))
                self.assertEqual(left, ["plain.txt"], "%s: files were created: %r" % (name, left))
                self.assertFalse(os.path.exists("/sys/sw-bad-options.jsonl"))
                self.assertFalse(os.path.exists("/proc/sw-bad-options"))

    def test_peers_see_a_good_run(self):
        # The same listener, receiver and checks see a run with good values:
        # the table above could not pass by looking in the wrong place.
        tcp = self.listener.getsockname()[1]
        udp = self.receiver.getsockname()[1]
        with tempfile.TemporaryDirectory(prefix="sw-badopt-") as work:
            log = os.path.join(work, "events.jsonl")
            app = self.start_app(["--tcp-client", "127.0.0.1:%d" % tcp, "--send", "hi\\n",
                                  "--log", log, "--capture", os.path.join(work, "capture")], log=False)
            conn, _ = self.listener.accept()
            conn.settimeout(swtest.WAIT_TIMEOUT)
            self.assertEqual(swtest.recv_exact(conn, 3), b"hi\n")
            conn.close()
            self.assertEqual(app.stop(), 0)
            self.assertTrue(os.path.exists(log))
            self.assertTrue(os.path.isdir(os.path.join(work, "capture")))
            app = self.start_app(["--udp-target", "127.0.0.1:%d" % udp, "--send", "hi"], log=False)
            self.receiver.settimeout(swtest.WAIT_TIMEOUT)
            data, _ = self.receiver.recvfrom(100)
            self.assertEqual(data, b"hi")
            self.assertEqual(app.stop(), 0)


if __name__ == "__main__":
    swtest.main()
