"""50 python3 clients at once against --tcp-server --reply echo: each gets its
own echo, the log has 50 connected and 50 closed events with distinct peers."""

import threading
import uuid

import swtest
from swtest import AppTestCase, endpoint, payload, recv_exact, select, tcp_connect

CLIENTS = 50


class Concurrent(AppTestCase):
    def test_fifty_clients(self):
        app = self.start_app(["--tcp-server", "127.0.0.1:0", "--reply", "echo"])
        _, port = app.wait_listening()
        run = uuid.uuid4().hex[:8]
        barrier = threading.Barrier(CLIENTS)
        results = [None] * CLIENTS   # (local endpoint, message, echo) or an exception text

        def client(i):
            try:
                msg = ("client-%02d-%s-%s" % (i, run, "x" * i)).encode()
                with tcp_connect("127.0.0.1", port, timeout=20) as c:
                    me = endpoint(*c.getsockname()[:2])
                    # All 50 connected before anyone sends: they are served at the same time.
                    barrier.wait(30)
                    c.sendall(msg)
                    echo = recv_exact(c, len(msg), timeout=20)
                    results[i] = (me, msg, echo)
            except Exception as exc:  # reported below, per client
                results[i] = repr(exc)
                barrier.abort()

        threads = [threading.Thread(target=client, args=(i,), daemon=True) for i in range(CLIENTS)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(60)
        self.assertFalse([t for t in threads if t.is_alive()], "client threads hung")
        failures = [(i, r) for i, r in enumerate(results) if not isinstance(r, tuple)]
        self.assertEqual(failures, [], "clients failed")
        for me, msg, echo in results:
            self.assertEqual(echo, msg)
        peers = {r[0] for r in results}
        self.assertEqual(len(peers), CLIENTS, "clients must have distinct local ports")

        app.wait_log(lambda e: e["event"] == "closed", count=CLIENTS, timeout=20, what="closed")
        events = self.stop_and_read(app)
        connected = select(events, session="tcp-server", event="connected")
        closed = select(events, session="tcp-server", event="closed")
        self.assertEqual(len(connected), CLIENTS)
        self.assertEqual(len(closed), CLIENTS)
        self.assertEqual({e["peer"] for e in connected}, peers)
        self.assertEqual({e["peer"] for e in closed}, peers)
        self.assertEqual(len(select(events, event="error")), 0)
        for me, msg, _ in results:
            got_in = b"".join(payload(e) for e in select(events, event="data", direction="in", peer=me))
            got_out = b"".join(payload(e) for e in select(events, event="data", direction="out", peer=me))
            self.assertEqual(got_in, msg, me)
            self.assertEqual(got_out, msg, me)
        server = endpoint("127.0.0.1", port)
        for e in connected + closed:
            self.assertEqual(e["local"], server)


if __name__ == "__main__":
    swtest.main()
