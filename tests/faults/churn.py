#!/usr/bin/env python3
"""Churn load: COUNT TCP clients connect to 127.0.0.1:PORT and go away at
random, at most CONCURRENCY at a time, within SECONDS. Each client picks one
of: send a few bytes, read the echo, close (FIN); the same but reset (RST);
connect and reset at once; connect, hold 0-50 ms, close. Prints one JSON
line of what happened, for the test to compare with the app's log.

    churn.py PORT COUNT CONCURRENCY SECONDS [SEED]
"""
import asyncio
import json
import os
import random
import socket
import struct
import sys
import time


async def one(port, rng, stats, deadline):
    kind = rng.choice(("echo-fin", "echo-rst", "rst", "hold-fin"))
    try:
        reader, writer = await asyncio.wait_for(asyncio.open_connection("127.0.0.1", port),
                                                max(0.1, deadline - time.monotonic()))
    except (OSError, asyncio.TimeoutError) as e:
        stats["connect_failed"] += 1
        stats["errors"][type(e).__name__] = stats["errors"].get(type(e).__name__, 0) + 1
        return
    stats["connected"] += 1
    sock = writer.get_extra_info("socket")
    try:
        if kind.startswith("echo"):
            data = os.urandom(rng.randint(1, 512))
            writer.write(data)
            await writer.drain()
            got = await asyncio.wait_for(reader.readexactly(len(data)), 15)
            if got == data:
                stats["echo_ok"] += 1
                stats["echo_bytes"] += len(data)
            else:
                stats["echo_bad"] += 1
        elif kind == "hold-fin":
            await asyncio.sleep(rng.random() * 0.05)
        if kind.endswith("rst"):
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            stats["reset"] += 1
        else:
            stats["fin"] += 1
        writer.close()
    except (OSError, asyncio.TimeoutError, asyncio.IncompleteReadError) as e:
        stats["errors"][type(e).__name__] = stats["errors"].get(type(e).__name__, 0) + 1
        writer.transport.abort()


async def run(port, count, concurrency, seconds, seed):
    rng = random.Random(seed)
    stats = {"attempted": 0, "connected": 0, "connect_failed": 0, "echo_ok": 0, "echo_bad": 0, "echo_bytes": 0,
             "fin": 0, "reset": 0, "errors": {}}
    start = time.monotonic()
    deadline = start + seconds
    gate = asyncio.Semaphore(concurrency)
    tasks = set()

    async def guarded():
        try:
            await one(port, rng, stats, deadline)
        finally:
            gate.release()
    for _ in range(count):
        if time.monotonic() >= deadline:
            break
        await gate.acquire()
        stats["attempted"] += 1
        t = asyncio.ensure_future(guarded())
        tasks.add(t)
        t.add_done_callback(tasks.discard)
    if tasks:
        await asyncio.wait(tasks, timeout=max(1.0, deadline + 15 - time.monotonic()))
    stats["seconds"] = round(time.monotonic() - start, 3)
    stats["timed_out"] = stats["attempted"] < count
    return stats


def main():
    port, count, concurrency, seconds = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4])
    seed = int(sys.argv[5]) if len(sys.argv) > 5 else 7
    stats = asyncio.run(run(port, count, concurrency, seconds, seed))
    print(json.dumps(stats), flush=True)


if __name__ == "__main__":
    main()
