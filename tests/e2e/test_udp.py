"""UDP: --udp with --reply echo answers a python3 recvfrom(), and --udp-target
with --send reaches a python3 UDP socket; the log names the other side."""

import socket

import swtest
from swtest import AppTestCase, endpoint, payload, select


def udp_socket(host="127.0.0.1"):
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    s = socket.socket(family, socket.SOCK_DGRAM)
    s.bind((host, 0))
    s.settimeout(10)
    return s


class Udp(AppTestCase):
    def test_echo(self):
        app = self.start_app(["--udp", "127.0.0.1:0", "--reply", "echo"])
        host, port = app.wait_listening("udp")
        self.assertEqual(host, "127.0.0.1")
        with udp_socket() as s:
            me = endpoint(*s.getsockname()[:2])
            s.sendto(b"ping-udp", ("127.0.0.1", port))
            data, sender = s.recvfrom(65535)
            self.assertEqual(data, b"ping-udp")
            self.assertEqual(sender[:2], ("127.0.0.1", port), "the reply comes from the bound port")
        app.wait_log(lambda e: e["event"] == "data" and e.get("direction") == "out")
        events = self.stop_and_read(app)
        here = endpoint("127.0.0.1", port)
        listening = select(events, session="udp", event="listening")
        self.assertEqual(len(listening), 1)
        self.assertEqual(listening[0]["local"], here)
        data_in = select(events, session="udp", event="data", direction="in")
        self.assertEqual(len(data_in), 1)
        self.assertEqual(data_in[0]["peer"], me, "the sender is the peer")
        self.assertEqual(data_in[0]["local"], here)
        self.assertEqual(payload(data_in[0]), b"ping-udp")
        self.assertEqual(data_in[0]["text"], "ping-udp")
        data_out = select(events, session="udp", event="data", direction="out")
        self.assertEqual(len(data_out), 1)
        self.assertEqual(data_out[0]["peer"], me)
        self.assertEqual(payload(data_out[0]), b"ping-udp")
        # No connection events for UDP.
        self.assertEqual(select(events, event="connected"), [])
        self.assertEqual(events[-1]["event"], "stopped")

    def test_echo_two_senders_gbk(self):
        # Datagrams stand alone: each sender gets its own answer, decoded in GBK.
        app = self.start_app(["--udp", "127.0.0.1:0", "--reply", "echo", "--encoding", "GBK"])
        _, port = app.wait_listening("udp")
        raw = "你好啊".encode("gbk")
        with udp_socket() as a, udp_socket() as b:
            a.sendto(raw, ("127.0.0.1", port))
            self.assertEqual(a.recvfrom(65535)[0], raw)
            b.sendto(b"second", ("127.0.0.1", port))
            self.assertEqual(b.recvfrom(65535)[0], b"second")
            ea, eb = endpoint(*a.getsockname()[:2]), endpoint(*b.getsockname()[:2])
        app.wait_log(lambda e: e["event"] == "data" and e.get("direction") == "out", count=2)
        events = self.stop_and_read(app)
        ina = select(events, event="data", direction="in", peer=ea)
        self.assertEqual(len(ina), 1)
        self.assertEqual(ina[0]["hex"], "c4e3bac3b0a1")
        self.assertEqual(ina[0]["text"], "你好啊")
        self.assertEqual(payload(select(events, event="data", direction="in", peer=eb)[0]), b"second")
        self.assertEqual(len(select(events, event="data", direction="out", peer=ea)), 1)
        self.assertEqual(len(select(events, event="data", direction="out", peer=eb)), 1)

    def test_target_and_send(self):
        with udp_socket() as s:
            target = endpoint(*s.getsockname()[:2])
            app = self.start_app(["--udp-target", target, "--send", "hi udp\\n\\x00\\xff"])
            data, sender = s.recvfrom(65535)
            self.assertEqual(data, b"hi udp\n\x00\xff")
            self.assertEqual(sender[0], "127.0.0.1")
            sender_ep = endpoint(*sender[:2])
            # Answer back: the session is bound and receives.
            s.sendto(b"answer", sender)
            app.wait_log(lambda e: e["event"] == "data" and e.get("direction") == "in", what="answer")
        events = self.stop_and_read(app)
        out = select(events, session="udp", event="data", direction="out")
        self.assertEqual(len(out), 1)
        self.assertEqual(out[0]["peer"], target)
        self.assertEqual(out[0]["local"], sender_ep, "local is the port python saw")
        self.assertEqual(out[0]["hex"], b"hi udp\n\x00\xff".hex())
        listening = select(events, session="udp", event="listening")
        self.assertEqual(len(listening), 1)
        self.assertEqual(listening[0]["local"], sender_ep)
        self.assertLess(events.index(listening[0]), events.index(out[0]), "bound before sending")
        got = select(events, session="udp", event="data", direction="in")
        self.assertEqual(len(got), 1)
        self.assertEqual(got[0]["peer"], target)
        self.assertEqual(payload(got[0]), b"answer")

    def test_bound_and_target(self):
        # --udp and --udp-target together: sent from the bound address.
        with udp_socket() as s:
            target = endpoint(*s.getsockname()[:2])
            app = self.start_app(["--udp", "127.0.0.1:0", "--udp-target", target, "--send", "from-bound"])
            _, port = app.wait_listening("udp")
            data, sender = s.recvfrom(65535)
            self.assertEqual(data, b"from-bound")
            self.assertEqual(sender[:2], ("127.0.0.1", port))
        app.wait_log(lambda e: e["event"] == "data")
        events = self.stop_and_read(app)
        out = select(events, event="data", direction="out")
        self.assertEqual(len(out), 1)
        self.assertEqual(out[0]["peer"], target)
        self.assertEqual(out[0]["local"], endpoint("127.0.0.1", port))


if __name__ == "__main__":
    swtest.main()
