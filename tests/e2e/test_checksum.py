"""--checksum end to end: the program appends it to what it sends (checked
here with crcmod and zlib, not with our code), inside --framing, and marks
received frames whose checksum is wrong in the JSON Lines log; a server's
auto-reply gets the same treatment as what a client sends."""

import socket
import struct
import zlib

import crcmod.predefined

import swtest
from swtest import AppTestCase, endpoint, payload, recv_exact, select, tcp_connect

MODBUS = crcmod.predefined.mkCrcFun("modbus")


class Checksum(AppTestCase):
    def test_modbus_request_from_send(self):
        with socket.create_server(("127.0.0.1", 0)) as srv:
            port = srv.getsockname()[1]
            app = self.start_app(["--tcp-client", "127.0.0.1:%d" % port, "--checksum", "crc16-modbus",
                                  "--send", "\\x01\\x03\\x00\\x00\\x00\\x0a"])
            conn, _ = srv.accept()
            with conn:
                conn.settimeout(10)
                got = recv_exact(conn, 8)
        self.assertEqual(got, bytes.fromhex("01030000000a") + struct.pack("<H", MODBUS(bytes.fromhex("01030000000a"))))
        self.assertEqual(got[-2:], bytes.fromhex("c5cd"))
        self.stop_and_read(app)

    def test_crc32_from_2_inside_length_prefix(self):
        with socket.create_server(("127.0.0.1", 0)) as srv:
            port = srv.getsockname()[1]
            app = self.start_app(["--tcp-client", "127.0.0.1:%d" % port, "--checksum", "crc32:2",
                                  "--framing", "length:2", "--send", "\\xaa\\x55hello"])
            conn, _ = srv.accept()
            with conn:
                conn.settimeout(10)
                (size,) = struct.unpack("!H", recv_exact(conn, 2))
                body = recv_exact(conn, size)
        self.assertEqual(size, 7 + 4)
        self.assertEqual(body[:7], b"\xaa\x55hello")
        self.assertEqual(body[7:], struct.pack("<I", zlib.crc32(b"hello")))
        self.stop_and_read(app)

    def test_server_marks_bad_frames_and_checksums_its_replies(self):
        app = self.start_app(["--tcp-server", "127.0.0.1:0", "--framing", "length:1", "--checksum", "crc16-modbus",
                              "--reply", "ok:{data}"])
        _, port = app.wait_listening()
        good = b"\x01\x03" + struct.pack("<H", MODBUS(b"\x01\x03"))
        bad = b"\x01\x03\x00\x00"
        with tcp_connect("127.0.0.1", port) as c:
            me = endpoint(*c.getsockname()[:2])
            c.sendall(bytes([len(good)]) + good)
            c.settimeout(10)
            (size,) = struct.unpack("B", recv_exact(c, 1))
            reply = recv_exact(c, size)
            c.sendall(bytes([len(bad)]) + bad)
            recv_exact(c, 1 + 3 + 4 + 2)
        # The reply rules answer each frame (issue 20): {data} is its payload.
        wanted = b"ok:" + good
        self.assertEqual(reply, wanted + struct.pack("<H", MODBUS(wanted)))
        app.wait_log(lambda e: e["event"] == "closed" and e.get("peer") == me)
        frames = select(self.stop_and_read(app), event="frame", peer=me)
        self.assertEqual([payload(f) for f in frames], [good, bad])
        self.assertEqual([f.get("checksum") for f in frames], ["passed", "failed"])
        self.assertIn("expected", frames[1]["message"])
        self.assertIn("found 00 00", frames[1]["message"])


if __name__ == "__main__":
    swtest.main()
