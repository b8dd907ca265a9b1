"""Reply rules end to end (issue 20): a small Modbus RTU exchange over TCP
played against rules given with --rule and --checksum crc16-modbus, every
byte of every answer checked against crcmod (not our CRC); the JSON Lines
log saying which rule fired or that none matched; a --rules file with
comments; and a bad rule refused with exit status 2, its number and column."""

import os
import socket
import struct
import tempfile

import crcmod.predefined

import swtest
from swtest import AppTestCase, endpoint, recv_exact, select, tcp_connect

MODBUS = crcmod.predefined.mkCrcFun("modbus")


def rtu(hexbytes):
    """A Modbus RTU frame: the bytes and their CRC-16/MODBUS, low byte first."""
    body = bytes.fromhex(hexbytes)
    return body + struct.pack("<H", MODBUS(body))


RULES = [
    # Read 2 holding registers from 0: 42 and 43.
    "hex:01 03 00 00 00 02 ?? ?? $ => {hex:01 03 04 00 2A 00 2B}",
    # Any other read of unit 1: exception 02, illegal data address.
    "hex:01 03 => {hex:01 83 02}",
    # Write single register: the answer repeats address and value.
    "hex:01 06 ?? ??, ?? ??, ?? ?? $ => {hex:01 06}{1}{2}",
]


class Rules(AppTestCase):
    def test_modbus_rtu_exchange(self):
        args = ["--tcp-server", "127.0.0.1:0", "--checksum", "crc16-modbus"]
        for rule in RULES:
            args += ["--rule", rule]
        app = self.start_app(args)
        _, port = app.wait_listening()
        exchange = [
            (rtu("010300000002"), rtu("0103040" "02a002b"), 1),
            (rtu("010300050002"), rtu("018302"), 2),
            (rtu("010600010003"), rtu("010600010003"), 3),
        ]
        with tcp_connect("127.0.0.1", port) as c:
            me = endpoint(*c.getsockname()[:2])
            c.settimeout(10)
            for request, answer, _ in exchange:
                c.sendall(request)
                self.assertEqual(recv_exact(c, len(answer)), answer)
            # Unit 2 is not ours: no rule matches, nothing is answered.
            c.sendall(rtu("020300000002"))
            app.wait_log(lambda e: e.get("rule") == "unmatched")
            c.settimeout(0.3)
            with self.assertRaises(socket.timeout):
                c.recv(100)
        app.wait_log(lambda e: e["event"] == "closed" and e.get("peer") == me)
        received = select(self.stop_and_read(app), event="data", direction="in", peer=me)
        self.assertEqual([e.get("rule") for e in received], [1, 2, 3, "unmatched"])
        # Replies carry no rule mark: only received messages do.
        sent = select(self.log(app), event="data", direction="out", peer=me)
        self.assertEqual(len(sent), 3)
        self.assertTrue(all("rule" not in e for e in sent))

    def test_rules_file_and_order(self):
        with tempfile.TemporaryDirectory(prefix="sw-rules-") as work:
            path = os.path.join(work, "device.rules")
            with open(path, "w", encoding="utf-8") as f:
                f.write("# a device stand-in\n\n"
                        "contains:PING => PONG {counter}\\n\n"
                        "  # the rest is echoed, upper-cased by nobody\n"
                        "regex:^GET (\\S+) => You asked for {1}\\n [close]\n")
            app = self.start_app(["--tcp-server", "127.0.0.1:0", "--rules", path,
                                  "--rule", "any => ?\\n"])
            _, port = app.wait_listening()
            with tcp_connect("127.0.0.1", port) as a, tcp_connect("127.0.0.1", port) as b:
                for sock, want in ((a, b"PONG 1\n"), (a, b"PONG 2\n"), (b, b"PONG 1\n")):
                    sock.sendall(b"PING")
                    self.assertEqual(recv_exact(sock, len(want)), want)
                b.sendall(b"hm")
                self.assertEqual(recv_exact(b, 2), b"?\n")
                a.sendall(b"GET /status HTTP/1.0")
                self.assertEqual(swtest.recv_until_eof(a), b"You asked for /status\n")
            self.stop_and_read(app)

    def test_bad_rule_names_rule_and_column(self):
        app = self.start_app(["--tcp-server", "127.0.0.1:0", "--rule", "any => ok",
                              "--rule", "regex:^(\\w+) => {2}"], log=False)
        self.assertEqual(app.wait_exit(20), 2)
        err = [l for l in app.stderr_lines() if "--rule" in l]
        self.assertEqual(len(err), 1, app.describe())
        self.assertIn("--rule 2: ", err[0])
        self.assertIn("Unknown capture {2}", err[0])
        self.assertIn("column 18", err[0])
        self.assertFalse([l for l in app.stdout_lines() if "listening" in l])


if __name__ == "__main__":
    swtest.main()
