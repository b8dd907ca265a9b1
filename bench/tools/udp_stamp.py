#!/usr/bin/env python3
"""udp_stamp: a python3 UDP receiver that notes when each datagram arrived.

    udp_stamp.py PORT MAX_DATAGRAMS MAX_SECONDS IDLE_SECONDS

Binds 127.0.0.1:PORT (0: the OS picks; the port is printed first, as
"port N"), then receives until MAX_DATAGRAMS arrived, MAX_SECONDS passed
since it bound, or nothing came for IDLE_SECONDS after the first datagram.
Each arrival is stamped with time.monotonic_ns() right after recv returns,
and also with the kernel's receive time (SO_TIMESTAMPNS, CLOCK_REALTIME):
on a busy machine this process waits for a core and then reads several
datagrams at once, so its own stamps bunch up; the kernel's say when each
datagram arrived. Prints one JSON line at the end:
{"times": [monotonic ns, ...], "kernel": [realtime ns, ...], "sizes": [...]}.
Every bound is a number given on the command line, so it always ends.
"""
import json
import socket
import struct
import sys
import time

SO_TIMESTAMPNS = getattr(socket, "SO_TIMESTAMPNS", 35)  # Linux; Python does not name it


def main():
    port, max_count, max_s, idle_s = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4])
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    # Room for a burst while this process waits for a core: a drop would
    # be counted against the sender.
    s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4 * 1024 * 1024)
    s.setsockopt(socket.SOL_SOCKET, SO_TIMESTAMPNS, 1)
    s.bind(("127.0.0.1", port))
    print(f"port {s.getsockname()[1]}", flush=True)
    times, kernel, sizes = [], [], []
    start = time.monotonic()
    s.settimeout(0.1)
    while len(times) < max_count:
        now = time.monotonic()
        if now - start > max_s:
            break
        if times and now - times[-1] / 1e9 > idle_s:
            break
        try:
            data, ancillary, _, _ = s.recvmsg(65536, socket.CMSG_SPACE(16))
        except socket.timeout:
            continue
        times.append(time.monotonic_ns())
        sizes.append(len(data))
        stamp = None
        for level, kind, value in ancillary:
            if level == socket.SOL_SOCKET and kind == SO_TIMESTAMPNS and len(value) >= 16:
                sec, nsec = struct.unpack("qq", value[:16])
                stamp = sec * 1_000_000_000 + nsec
        kernel.append(stamp)
    print(json.dumps({"times": times, "kernel": kernel, "sizes": sizes}), flush=True)


if __name__ == "__main__":
    main()
