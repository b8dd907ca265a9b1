#!/usr/bin/env python3
"""Peers for the window fault cases (tst_faultwindow), run as separate
processes so the load never shares the window's event loop. Each prints one
JSON object a line on stdout; every wait is bounded in time and bytes.

    peers.py slow-reader             listen; accept; read 1 MiB; say "started";
                                     wait for "go" on stdin; read to the end;
                                     say how it ended and how much came
    peers.py fin-after-eof           listen; accept; read to EOF (the client's
                                     half-close); send a goodbye; close
    peers.py half-close-server N     listen; accept; tiny window; wait for "go";
                                     shutdown(SHUT_WR); read N bytes and EOF
    peers.py senders PORT COUNT      COUNT clients send to PORT until the
                                     connection ends (at most 1 GiB / 30 s each)
"""
import json
import os
import select
import socket
import sys
import threading
import time

# The one read-to-the-end loop of the tests: 'fin', 'rst', 'timeout' or 'limit'.
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "e2e"))
from swtest import read_to_end  # noqa: E402

LIMIT = 256 << 20


def say(**kw):
    sys.stdout.write(json.dumps(kw) + "\n")
    sys.stdout.flush()


def listener(rcvbuf=None):
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    if rcvbuf:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, rcvbuf)
    s.bind(("127.0.0.1", 0))
    s.listen(4)
    s.settimeout(30)
    say(port=s.getsockname()[1])
    return s


def wait_go(timeout=60):
    if select.select([sys.stdin], [], [], timeout)[0]:
        sys.stdin.readline()


def slow_reader():
    srv = listener(rcvbuf=64 << 10)
    conn, _ = srv.accept()
    got = 0
    conn.settimeout(30)
    while got < (1 << 20):
        chunk = conn.recv(min(65536, (1 << 20) - got))
        if not chunk:
            break
        got += len(chunk)
    say(started=got)
    wait_go()
    end, more = read_to_end(conn, timeout=60, limit=LIMIT, keep=False)
    say(end=end, bytes=got + more)


def fin_after_eof():
    srv = listener()
    conn, _ = srv.accept()
    end, got = read_to_end(conn, timeout=30, limit=LIMIT, keep=False)
    say(eof=end, bytes=got)
    if end == "fin":
        conn.sendall(b"bye after your FIN")
    conn.close()


def half_close_server(expected):
    srv = listener(rcvbuf=64 << 10)
    conn, _ = srv.accept()
    say(accepted=True)
    wait_go()
    conn.shutdown(socket.SHUT_WR)
    end, got = read_to_end(conn, timeout=60, limit=expected + 1, keep=False)
    say(end=end, bytes=got)


def senders(port, count):
    results = [None] * count
    socks = [socket.create_connection(("127.0.0.1", port), timeout=30) for _ in range(count)]
    say(connected=[s.getsockname()[1] for s in socks])
    chunk = os.urandom(16 << 10)

    def pump(i):
        s = socks[i]
        sent = 0
        deadline = time.monotonic() + 30
        try:
            while sent < (1 << 30) and time.monotonic() < deadline:
                sent += s.send(chunk)
            results[i] = ["limit"] + list(read_to_end(s, timeout=30, limit=LIMIT, keep=False))[:1]
        except (ConnectionResetError, BrokenPipeError):
            results[i] = ["rst", 0]
        except socket.timeout:
            results[i] = ["stuck", 0]
    threads = [threading.Thread(target=pump, args=(i,), daemon=True) for i in range(count)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(70)
    say(ends=[r[0] if r else "none" for r in results])


def main():
    cmd = sys.argv[1]
    if cmd == "slow-reader":
        slow_reader()
    elif cmd == "fin-after-eof":
        fin_after_eof()
    elif cmd == "half-close-server":
        half_close_server(int(sys.argv[2]))
    elif cmd == "senders":
        senders(int(sys.argv[2]), int(sys.argv[3]))
    else:
        raise SystemExit("unknown peer %r" % cmd)


if __name__ == "__main__":
    main()
