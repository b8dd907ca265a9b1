"""--pause-accept (issue 21): the TCP server listens and does not call
accept(). Python clients finish their handshake and wait in the kernel's
accept queue, backlog + 1 of them on Linux; the ones after that get no
answer to their SYN (connect() hangs), and none of them reaches the log.
The kernel's own count is read from /proc/net/tcp, where a listening
socket's rx_queue is its accept queue (what `ss -ltn` shows as Recv-Q).
"""

import errno
import socket
import time

import swtest
from swtest import AppTestCase, select


def accept_queue(port):
    """The accept queue of the 127.0.0.1 listener on port, from /proc/net/tcp."""
    local = "0100007F:%04X" % port
    with open("/proc/net/tcp") as f:
        for line in f.readlines()[1:]:
            fields = line.split()
            if fields[1] == local and fields[3] == "0A":   # 0A: LISTEN
                return int(fields[4].split(":")[1], 16)
    return None


def wait_for(predicate, timeout=swtest.WAIT_TIMEOUT):
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() >= deadline:
            return False
        time.sleep(0.05)
    return True


class PauseAccept(AppTestCase):
    def test_clients_wait_in_the_kernel_and_are_not_accepted(self):
        backlog = 2
        app = self.start_app(["--tcp-server", "127.0.0.1:0", "--pause-accept", "--backlog", str(backlog)])
        host, port = app.wait_listening()
        clients = []
        self.addCleanup(lambda: [c.close() for c in clients])
        for _ in range(backlog + 1):
            c = socket.create_connection((host, port), timeout=swtest.WAIT_TIMEOUT)
            c.sendall(b"queued")
            clients.append(c)
        self.assertTrue(wait_for(lambda: accept_queue(port) == backlog + 1),
                        "accept queue %r, wanted %d" % (accept_queue(port), backlog + 1))
        # The queue is full: a further client's SYN is dropped, connect() hangs.
        late = socket.socket()
        clients.append(late)
        late.setblocking(False)
        self.assertNotEqual(late.connect_ex((host, port)), 0)
        time.sleep(0.3)   # a loopback handshake takes microseconds when it is answered
        self.assertEqual(late.connect_ex((host, port)), errno.EALREADY, "the late client was answered")
        self.assertEqual(accept_queue(port), backlog + 1)
        events = self.stop_and_read(app)
        self.assertEqual(select(events, event_="connected"), [], "a client was accepted while paused")
        self.assertEqual(select(events, event_="data"), [], "a queued client was read while paused")
        listening = select(events, event_="listening")
        self.assertEqual(len(listening), 1)
        self.assertIn("backlog %d" % backlog, listening[0]["message"])

    def test_without_pause_every_client_is_accepted(self):
        # The same clients without --pause-accept: the test above fails for a reason.
        app = self.start_app(["--tcp-server", "127.0.0.1:0", "--backlog", "2"])
        host, port = app.wait_listening()
        clients = [socket.create_connection((host, port), timeout=swtest.WAIT_TIMEOUT) for _ in range(5)]
        self.addCleanup(lambda: [c.close() for c in clients])
        app.wait_log(lambda e: e["event"] == "connected", count=5, what="5 accepted")
        self.assertTrue(wait_for(lambda: accept_queue(port) == 0))
        self.stop_and_read(app)

    def test_needs_a_tcp_server(self):
        for args in (["--pause-accept"], ["--tcp-client", "127.0.0.1:9", "--pause-accept"],
                     ["--udp", "127.0.0.1:0", "--pause-accept"]):
            app = self.start_app(args, log=False)
            self.assertEqual(app.wait_exit(), 2, args)
            err = [l for l in app.stderr_lines() if l.startswith("socket-workbench:")]
            self.assertEqual(err, ["socket-workbench: --pause-accept: needs --tcp-server"], app.describe())
            self.assertFalse([l for l in app.stdout_lines() if " listening " in l or " connected " in l],
                             "nothing was opened")


if __name__ == "__main__":
    swtest.main()
