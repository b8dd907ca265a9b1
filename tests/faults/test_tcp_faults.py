"""TCP faults against the real program: a peer that resets mid-stream, half
closes each way, stopping the server while clients are sending. Each case
checks the exact event and words the log and stdout show, what the peer saw,
and that the program goes on serving and exits cleanly."""

import os
import socket
import struct
import threading
import time

import faults
from faults import (MSG_OUR_FIN_AFTER_PEERS, MSG_PEER_FIN, MSG_PEER_FINISHED_CLIENT, MSG_PEER_RESET,
                    MSG_SERVER_STOPPED, AppTestCase, closed_of, endpoint, figure, payload, read_to_end, recv_exact, select, tcp_connect)


def rst_close(sock):
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    sock.close()


def listener():
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.bind(("127.0.0.1", 0))
    s.listen(8)
    s.settimeout(15)
    return s


class TcpFaults(AppTestCase):
    def echo_server(self, *extra):
        app = self.start_app(["--tcp-server", "127.0.0.1:0", "--reply", "echo"] + list(extra))
        _, port = app.wait_listening()
        return app, port

    def assert_still_echoes(self, app, port):
        with tcp_connect("127.0.0.1", port) as c:
            c.sendall(b"still here")
            self.assertEqual(recv_exact(c, 10), b"still here")

    # -- peer reset mid-stream ---------------------------------------------
    def test_peer_reset_mid_stream_to_server(self):
        app, port = self.echo_server()
        c = tcp_connect("127.0.0.1", port)
        me = endpoint(*c.getsockname()[:2])
        # 4 MiB in flight, echo not read: the server is writing when the RST comes.
        blob = os.urandom(4 << 20)
        sender = threading.Thread(target=lambda: c.sendall(blob[:1 << 20]), daemon=True)
        sender.start()
        sender.join(20)
        app.wait_log(lambda e: e["event"] == "data" and e.get("direction") == "in" and e.get("peer") == me,
                     what="first bytes")
        rst_close(c)
        closed = app.wait_log(lambda e: e["event"] == "closed" and e.get("peer") == me, what="closed")[0]
        self.assertEqual(closed["message"], MSG_PEER_RESET)
        self.assert_still_echoes(app, port)
        events = self.stop_and_read(app)
        self.assertEqual(len(closed_of(events, me)), 1, "one closed event for the reset connection")
        # A reset is a close, not an error of the server.
        self.assertEqual(select(events, event="error"), [])
        got_in = sum(e["size"] for e in select(events, event="data", direction="in", peer=me))
        self.assertGreater(got_in, 0)
        self.assertLessEqual(got_in, 1 << 20)
        self.assertEqual(events[-1]["event"], "stopped")

    def test_peer_reset_mid_stream_to_client(self):
        with listener() as srv:
            app = self.start_app(["--tcp-client", endpoint("127.0.0.1", srv.getsockname()[1]), "--send", "go"])
            conn, _ = srv.accept()
            self.assertEqual(recv_exact(conn, 2), b"go")
            chunk = os.urandom(256 << 10)
            for _ in range(8):
                conn.sendall(chunk)
            app.wait_log(lambda e: e["event"] == "data" and e.get("direction") == "in", what="stream")
            rst_close(conn)
            closed = app.wait_log(lambda e: e["event"] == "closed", what="closed")[0]
        self.assertEqual(closed["session"], "tcp-client")
        self.assertEqual(closed["message"], MSG_PEER_RESET)
        events = self.stop_and_read(app)
        self.assertEqual(len(select(events, event="closed")), 1)
        self.assertEqual(select(events, event="error"), [])
        self.assertLessEqual(sum(e["size"] for e in select(events, event="data", direction="in")), 8 * len(chunk))
        app.wait_stdout(r"^tcp-client closed .*: Connection reset by peer \(ECONNRESET\)$")

    # -- half-close, each way ------------------------------------------------
    def half_close_by_peer(self, size, late):
        """The peer sends `size` bytes and shuts down its sending side
        (shutdown(SHUT_WR), FIN): every echoed byte must still arrive, then
        the app's FIN. Late: the peer reads nothing until the app has read
        everything and logged the FIN, so the echo is still queued in the app
        when the FIN comes."""
        app, port = self.echo_server()
        blob = os.urandom(size)
        c = tcp_connect("127.0.0.1", port, timeout=60)
        # A small receive window, so the echo backs up in the app, not here.
        c.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 64 << 10)
        me = endpoint(*c.getsockname()[:2])
        got = bytearray()

        def read_all():
            got.extend(read_to_end(c, timeout=60, limit=size + 1)[1])
        reader = threading.Thread(target=read_all, daemon=True)
        if not late:
            reader.start()
        c.sendall(blob)
        if late:
            app.wait_log(lambda e: e["event"] == "data" and e.get("direction") == "in" and e.get("peer") == me,
                         count=1, what="data in")
            faults.wait_for(lambda: sum(e["size"] for e in app.read_log() if e["event"] == "data"
                                        and e.get("direction") == "in" and e.get("peer") == me) == size,
                            timeout=60, what="the app read all %d bytes" % size)
        c.shutdown(socket.SHUT_WR)
        closed = app.wait_log(lambda e: e["event"] == "closed" and e.get("peer") == me, what="closed",
                              timeout=60)[0]
        self.assertEqual(closed["message"], MSG_PEER_FIN)
        if late:
            reader.start()
        reader.join(60)
        self.assertFalse(reader.is_alive(), "the peer got no FIN after the echo")
        c.close()
        events = self.stop_and_read(app)
        logged_out = sum(e["size"] for e in select(events, event="data", direction="out", peer=me))
        figure("half-close by the peer after %d KiB%s" % (size >> 10, ", reading only after the FIN" if late else ""),
               "%d of %d bytes echoed, the log says %d sent" % (len(got), size, logged_out))
        self.assertEqual(logged_out, size)
        self.assertEqual(len(got), size, "echo lost after the peer's FIN (the log says %d sent)" % logged_out)
        self.assertEqual(bytes(got), blob)
        self.assertEqual(select(events, event="error"), [])

    def test_half_close_by_peer_reading_along(self):
        self.half_close_by_peer(1 << 20, late=False)

    def test_half_close_by_peer_reading_late(self):
        # Below the replies' backlog (Session::kReplyBacklogBytes, 1 MiB): a
        # peer that sends more and reads nothing is not read any more (flow
        # control, tests/core/reply/tst_rulesessions), so its sendall()
        # would wait for a reader that only starts after the FIN.
        self.half_close_by_peer(768 << 10, late=True)

    def test_half_close_by_server_to_client(self):
        # The server (python) sends, then shuts down its side and keeps
        # reading: the client logs that the peer finished sending and keeps
        # its own side open (CLOSE_WAIT) until it is closed, here by the stop.
        with listener() as srv:
            app = self.start_app(["--tcp-client", endpoint("127.0.0.1", srv.getsockname()[1]), "--send", "req"])
            conn, _ = srv.accept()
            with conn:
                self.assertEqual(recv_exact(conn, 3), b"req")
                conn.sendall(b"answer")
                conn.shutdown(socket.SHUT_WR)
                fin = app.wait_log(lambda e: e["event"] == "closed", what="the server's FIN")[0]
                self.assertEqual(fin["message"], MSG_PEER_FINISHED_CLIENT)
                events = self.stop_and_read(app)
                # The stop closes the client's side: now the server reads EOF.
                self.assertEqual(read_to_end(conn, timeout=10, limit=1 << 30, keep=False)[0], "fin")
        closed = select(events, event="closed")
        self.assertEqual([e["message"] for e in closed], [MSG_PEER_FINISHED_CLIENT, MSG_OUR_FIN_AFTER_PEERS])
        self.assertEqual(b"".join(payload(e) for e in select(events, event="data", direction="in")), b"answer")
        self.assertEqual(select(events, event="error"), [])

    def test_half_close_by_server_to_client_closing_too(self):
        # --on-peer-fin close: the client closes its side at once, as before.
        with listener() as srv:
            app = self.start_app(["--tcp-client", endpoint("127.0.0.1", srv.getsockname()[1]), "--send", "req",
                                  "--on-peer-fin", "close"])
            conn, _ = srv.accept()
            with conn:
                self.assertEqual(recv_exact(conn, 3), b"req")
                conn.sendall(b"answer")
                conn.shutdown(socket.SHUT_WR)
                closed = app.wait_log(lambda e: e["event"] == "closed", what="closed")[0]
                # The client closes its side too: the server reads EOF.
                self.assertEqual(read_to_end(conn, timeout=10, limit=1 << 30, keep=False)[0], "fin")
        self.assertEqual(closed["message"], MSG_PEER_FIN)
        events = self.stop_and_read(app)
        self.assertEqual(b"".join(payload(e) for e in select(events, event="data", direction="in")), b"answer")
        self.assertEqual(select(events, event="error"), [])

    # -- stopping the server while clients are sending ---------------------
    def stop_while_sending(self, extra, clients=4, seconds=1.0):
        app = self.start_app(["--tcp-server", "127.0.0.1:0"] + extra)
        _, port = app.wait_listening()
        socks = [tcp_connect("127.0.0.1", port, timeout=30) for _ in range(clients)]
        for s in socks:
            # Never read here, and take little: an echo backs up in the app.
            s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 64 << 10)
        peers = [endpoint(*s.getsockname()[:2]) for s in socks]
        app.wait_log(lambda e: e["event"] == "connected", count=clients, what="all connected")
        sent = [0] * clients
        ends = [None] * clients
        chunk = os.urandom(16 << 10)
        # More than the socket buffers hold, so the clients are still
        # sending (blocked in send()) when the stop comes.
        budget = (16 if faults.UNDER_ASAN else 32) << 20
        stopped = threading.Event()

        def pump(i):
            s = socks[i]
            s.settimeout(30)
            deadline = time.monotonic() + 30
            try:
                while sent[i] < budget and time.monotonic() < deadline:
                    sent[i] += s.send(chunk)
            except (ConnectionResetError, BrokenPipeError):
                ends[i] = "rst"
                return
            except socket.timeout:
                ends[i] = "stuck"
                return
            stopped.wait(60)  # read only after the stop: the echo stays queued in the app
            ends[i] = read_to_end(s, timeout=10, limit=1 << 30, keep=False)[0]
        threads = [threading.Thread(target=pump, args=(i,), daemon=True) for i in range(clients)]
        for t in threads:
            t.start()
        time.sleep(seconds)
        sending = sum(1 for n in sent if n < budget)
        t_stop = time.monotonic()
        rc = app.stop(timeout=120)
        t_stop = time.monotonic() - t_stop
        stopped.set()
        self.assertEqual(rc, 0, app.describe())
        self.assertGreater(sending, 0, "no client was still sending at the stop")
        for t in threads:
            t.join(40)
        for s in socks:
            s.close()
        # Unchecked: the format is e2e's business, and the log holds tens of MiB as hex.
        events = app.read_log()
        figure("stop while %d clients send (%s)" % (clients, " ".join(extra) or "no reply"),
               "%d still sending at the stop, %.1f MiB sent by them, ends they saw: %s; exit %.1f s after SIGTERM"
               % (sending, sum(sent) / (1 << 20), ends, t_stop))
        for i, me in enumerate(peers):
            self.assertIn(ends[i], ("fin", "rst"), "client %s saw the connection end (%s)" % (me, ends[i]))
            closed = closed_of(events, me)
            self.assertEqual(len(closed), 1, "one closed event for %s" % me)
            self.assertTrue(closed[0]["message"].startswith(MSG_SERVER_STOPPED), closed[0]["message"])
        self.assertEqual(events[-1]["event"], "stopped")
        self.assertEqual(select(events, event="error"), [])
        return events

    def test_stop_server_while_clients_send(self):
        self.stop_while_sending([])

    def test_stop_echo_server_while_clients_send_and_do_not_read(self):
        # The echo backs up in the app (the clients never read): stopping must
        # still close every client now, and say what was not sent.
        self.stop_while_sending(["--reply", "echo"])


if __name__ == "__main__":
    faults.main()
