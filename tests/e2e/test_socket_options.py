"""Issue 21, socket options from the command line: --no-reuseaddr on a port
that a connection holds in TIME_WAIT fails, and the error names that
connection (and how SO_REUSEADDR would have avoided it); without the option
the same port is listened on at once; --nodelay reaches the client's socket
and the log says so."""

import socket
import time

import swtest
from swtest import AppTestCase, endpoint, recv_exact, select

PYTHON_LINE = "s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)"


def time_wait_on_a_port():
    """A port of 127.0.0.1 held in TIME_WAIT: the listener's side closes
    first (and had SO_REUSEADDR, as servers do). Returns (port, client end)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as listener:
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", 0))
        listener.listen(1)
        port = listener.getsockname()[1]
        client = socket.create_connection(("127.0.0.1", port), timeout=swtest.WAIT_TIMEOUT)
        conn, _ = listener.accept()
        client_end = client.getsockname()[:2]
        conn.close()                       # our side closes first: FIN
        client.settimeout(swtest.WAIT_TIMEOUT)
        assert client.recv(1) == b""       # the FIN came; now the client's
        client.close()
    time.sleep(0.1)                        # its FIN reaches the closed side
    return port, client_end


class SocketOptions(AppTestCase):
    def test_no_reuseaddr_names_the_time_wait_socket(self):
        port, client_end = time_wait_on_a_port()
        where = endpoint("127.0.0.1", port)
        app = self.start_app(["--tcp-server", where, "--no-reuseaddr"])
        err = app.wait_log(lambda e: e["event"] == "error", what="error")[0]
        self.assertEqual(err["session"], "tcp-server")
        self.assertEqual(err.get("local"), where)
        holder = "%s ↔ %s in TIME_WAIT (" % (where, endpoint(*client_end))
        self.assertIn("EADDRINUSE", err["message"])
        self.assertIn(holder, err["message"])
        self.assertIn(PYTHON_LINE, err["message"])
        app.wait_stdout(r"^tcp-server error\b.*TIME_WAIT")
        self.assertEqual(select(self.log(app), event="listening"), [])
        app.stop()

    def test_with_reuseaddr_the_same_port_listens(self):
        port, _ = time_wait_on_a_port()
        app = self.start_app(["--tcp-server", endpoint("127.0.0.1", port), "--reply", "echo"])
        self.assertEqual(app.wait_listening(), ("127.0.0.1", port))
        with socket.create_connection(("127.0.0.1", port), timeout=swtest.WAIT_TIMEOUT) as c:
            c.sendall(b"again")
            self.assertEqual(recv_exact(c, 5), b"again")
        self.assertEqual(select(self.stop_and_read(app), event="error"), [])

    def connected_message(self, extra):
        """The client's connected event, sending to a python server, with `extra` options."""
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as server:
            server.bind(("127.0.0.1", 0))
            server.listen(1)
            server.settimeout(swtest.WAIT_TIMEOUT)
            port = server.getsockname()[1]
            app = self.start_app(["--tcp-client", endpoint("127.0.0.1", port), "--send", "hello"] + extra)
            conn, _ = server.accept()
            with conn:
                self.assertEqual(recv_exact(conn, 5), b"hello")
                connected = app.wait_log(lambda e: e["event"] == "connected", what="connected")[0]
            app.stop()
            return connected["message"]

    def test_nodelay_reaches_the_client(self):
        self.assertIn("TCP_NODELAY set (Nagle off)", self.connected_message(["--nodelay"]))

    def test_without_nodelay_the_log_says_nothing_of_it(self):
        self.assertNotIn("TCP_NODELAY", self.connected_message([]))

    def test_bad_uses_are_refused(self):
        for args, words in ((["--tcp-client", "127.0.0.1:9", "--no-reuseaddr"], "--no-reuseaddr: needs --tcp-server"),
                            (["--udp", "127.0.0.1:0", "--nodelay"], "--nodelay: needs --tcp-server or --tcp-client")):
            app = self.start_app(args, log=False)
            rc = app.wait_exit()
            self.assertNotEqual(rc, 0)
            self.assertTrue(any(words in line for line in app.stderr_lines()), app.describe())


if __name__ == "__main__":
    swtest.main()
