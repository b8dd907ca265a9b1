"""The kernel's view in the log (issue 21): with --log, `state` events for
every TCP socket of a tab — the listener with its backlog and queues, each
connection with its queues — whenever a value changes, sampled at most 10
times a second per socket, never per packet; a connection is followed after
the peer's FIN (CLOSE_WAIT) and, once the program closed it, to CLOSED."""

import socket
import time

import swtest
from swtest import AppTestCase, endpoint, select


def states_of(events, local, peer=None):
    return [e for e in events if e["event"] == "state" and e["local"] == local and e.get("peer") == peer]


class StateEvents(AppTestCase):
    def test_listener_and_connections(self):
        app = self.start_app(["--tcp-server", "127.0.0.1:0", "--backlog", "2"])
        host, port = app.wait_listening()
        listener = app.wait_log(lambda e: e["event"] == "state" and "peer" not in e, what="the listener's state")[0]
        self.assertEqual(listener["tcp_state"], "LISTEN")
        self.assertEqual(listener["backlog"], 2)
        self.assertEqual(listener["accept_queue"], 0)
        self.assertEqual(listener["local"], endpoint(host, port))

        clients = [socket.create_connection(("127.0.0.1", port), timeout=10) for _ in range(2)]
        try:
            for c in clients:
                me = endpoint(*c.getsockname()[:2])
                app.wait_log(lambda e, me=me: e["event"] == "state" and e.get("peer") == me
                             and e["tcp_state"] == "ESTABLISHED", what="ESTABLISHED of %s" % me)
            # The peer's FIN: the server's end stays open (CLOSE_WAIT, --on-peer-fin keep).
            first = clients[0]
            me = endpoint(*first.getsockname()[:2])
            first.shutdown(socket.SHUT_WR)
            app.wait_log(lambda e: e["event"] == "state" and e.get("peer") == me and e["tcp_state"] == "CLOSE_WAIT",
                         what="CLOSE_WAIT after the client's FIN")
        finally:
            for c in clients:
                c.close()
        events = self.stop_and_read(app)
        for c_state in select(events, event="state"):
            self.assertEqual(c_state["session"], "tcp-server")
        # The words say the same as the keys.
        est = [e for e in events if e["event"] == "state" and e.get("tcp_state") == "ESTABLISHED"]
        self.assertTrue(all("Recv-Q" in e["message"] for e in est), est)

    def test_a_flood_is_sampled_not_logged_per_packet(self):
        app = self.start_app(["--tcp-server", "127.0.0.1:0", "--reply", "echo"])
        host, port = app.wait_listening()
        count = 3000
        with socket.create_connection(("127.0.0.1", port), timeout=10) as c:
            me = endpoint(*c.getsockname()[:2])
            app.wait_log(lambda e: e["event"] == "state" and e.get("peer") == me, what="the first sample")
            began = time.monotonic()
            got = 0
            for i in range(count):
                c.sendall(b"%05d\n" % i)
                if i % 100 == 99:
                    while got < (i + 1) * 6:
                        got += len(c.recv(65536))
            while got < count * 6:
                got += len(c.recv(65536))
            c.shutdown(socket.SHUT_WR)
            # The echo closes its side after the FIN: on loopback the socket
            # may be gone before the next sample, which then says CLOSED.
            app.wait_log(lambda e: e["event"] == "state" and e.get("peer") == me and e["tcp_state"] != "ESTABLISHED",
                         what="the connection leaving ESTABLISHED")
            seconds = time.monotonic() - began
        events = self.stop_and_read(app)
        data = select(events, event="data", direction="in")
        self.assertGreater(len(data), 0)
        mine = states_of(events, endpoint(host, port), me)
        self.assertGreater(len(mine), 0)
        # At most 10 samples a second (plus the first and the last), whatever the packets.
        self.assertLessEqual(len(mine), 10 * (seconds + 1) + 2,
                             "%d state events in %.1f s for %d messages" % (len(mine), seconds, count))
        # Only changes are written: no two events in a row say the same.
        for a, b in zip(mine, mine[1:]):
            self.assertNotEqual({k: a.get(k) for k in ("tcp_state", "recv_q", "send_q")},
                                {k: b.get(k) for k in ("tcp_state", "recv_q", "send_q")})

    def test_client_connection_states(self):
        with socket.socket() as srv:
            srv.bind(("127.0.0.1", 0))
            srv.listen(1)
            srv.settimeout(10)
            server = endpoint(*srv.getsockname()[:2])
            app = self.start_app(["--tcp-client", server])
            conn, addr = srv.accept()
            me = endpoint(*addr[:2])
            with conn:
                app.wait_log(lambda e: e["event"] == "state" and e.get("peer") == server
                             and e["tcp_state"] == "ESTABLISHED", what="the client's ESTABLISHED")
            # The server closed first: the client is in CLOSE_WAIT until it closes too.
            ev = app.wait_log(lambda e: e["event"] == "state" and e.get("peer") == server
                              and e["tcp_state"] == "CLOSE_WAIT", what="the client's CLOSE_WAIT")[0]
            self.assertEqual(ev["local"], me)
            self.assertEqual(ev["session"], "tcp-client")
        self.stop_and_read(app)

    def test_udp_has_no_state_events(self):
        app = self.start_app(["--udp", "127.0.0.1:0"])
        _, port = app.wait_listening("udp")
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
            s.sendto(b"x", ("127.0.0.1", port))
            app.wait_log(lambda e: e["event"] == "data", what="the datagram")
        time.sleep(0.3)
        events = self.stop_and_read(app)
        self.assertEqual(select(events, event="state"), [])


if __name__ == "__main__":
    swtest.main()
