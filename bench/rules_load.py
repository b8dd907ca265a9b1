"""The reply-rules loads (issue 20): a device stand-in answering a flood.

The measured program is a TCP server whose reply rules answer each line a
client sends; one python3 client connection sends the lines as fast as the
server takes them (a writer thread) while a reader thread reads the answers.
Figures: messages answered per second (every answer checked), the window's
_NET_WM_PING p50 / p99 / max while it answers (target p99 <= 50 ms), and
the server's CPU seconds.

- rules-flood: `regex:^PING (\\d+)$ => PONG {1}` over line framing, the
  --rules-count lines "PING 1" … "PING N"; every answer must be "PONG n" in
  order. Beside the app, a python3 server that does the same with `re` on
  each line (the baseline: what a student's stand-in would do).
- rules-backtrack: a catastrophic-backtracking rule `regex:^(a+)+$` that
  every line (30 a's and a b) fails, then one "END" line answered by
  `exact:END => DONE`: the time to refuse them all, and the window's ping
  while it does. There is no baseline: Python's `re` takes minutes for
  one such line.
"""
import os
import socket
import subprocess
import sys
import threading
import time

LOADS = ("rules-flood", "rules-backtrack")

BASELINE = r"""
import re, socket, sys, threading
rule = re.compile(rb"^PING (\d+)$")
srv = socket.socket()
srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
srv.bind(("127.0.0.1", int(sys.argv[1])))
srv.listen(16)
def serve(conn):
    buf = b""
    with conn:
        while True:
            data = conn.recv(65536)
            if not data:
                return
            buf += data
            *lines, buf = buf.split(b"\n")
            out = []
            for line in lines:
                m = rule.search(line)
                if m:
                    out.append(b"PONG " + m.group(1) + b"\n")
            if out:
                conn.sendall(b"".join(out))
while True:
    c, _ = srv.accept()
    threading.Thread(target=serve, args=(c,), daemon=True).start()
"""


def add_arguments(ap):
    ap.add_argument("--rules-count", type=int, default=100000, metavar="N",
                    help="rules-flood: lines sent (default: %(default)s); rules-backtrack sends N / 50")


def server_argv(bench_args, load, target, port):
    if target == "app":
        if load == "rules-flood":
            rules = ["--rule", r"regex:^PING (\d+)$ => PONG {1}"]
        else:
            rules = ["--rule", r"regex:^(a+)+$ => MATCHED", "--rule", "exact:END => DONE"]
        return [bench_args.app, "--tcp-server", f"127.0.0.1:{port}", "--framing", "line"] + rules, True
    return [sys.executable, "-c", BASELINE, str(port)], False


def lines_for(load, count):
    if load == "rules-flood":
        return [f"PING {i}\n".encode() for i in range(1, count + 1)], count
    n = max(count // 50, 10)
    return [b"a" * 30 + b"b\n"] * n + [b"END\n"], n + 1


def drive(port, load, count, timeout):
    """Sends the lines on one connection and reads every answer; figures."""
    lines, sent_lines = lines_for(load, count)
    want = count if load == "rules-flood" else 1
    deadline = time.monotonic() + 20
    while True:
        try:
            s = socket.create_connection(("127.0.0.1", port), timeout=5)
            break
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.1)
    s.settimeout(timeout)
    answers = []
    err = []
    t0 = time.monotonic()

    def writer():
        try:
            for i in range(0, len(lines), 1000):
                s.sendall(b"".join(lines[i:i + 1000]))
        except OSError as e:
            err.append(f"send: {e}")

    w = threading.Thread(target=writer, daemon=True)
    w.start()
    buf = b""
    try:
        while len(answers) < want:
            data = s.recv(1 << 16)
            if not data:
                break
            buf += data
            *got, buf = buf.split(b"\n")
            answers.extend(x for x in got if x)
    except OSError as e:
        err.append(f"recv: {e}")
    seconds = time.monotonic() - t0
    w.join(timeout=5)
    s.close()
    m = {"sent": sent_lines, "answered": len(answers), "seconds": seconds}
    if load == "rules-flood":
        wrong = next((i for i, a in enumerate(answers) if a != f"PONG {i + 1}".encode()), None)
        m["ok"] = len(answers) == count and wrong is None and not err
        if wrong is not None:
            m["error"] = f"answer {wrong + 1} was {answers[wrong][:40]!r}"
    else:
        m["ok"] = answers == [b"DONE"] and not err
        if answers != [b"DONE"]:
            m["error"] = f"answers {answers[:3]!r}"
    if err and "error" not in m:
        m["error"] = "; ".join(err)[:200]
    m["rate"] = sent_lines / seconds if seconds > 0 else None
    return m


def measure(b, run, load, target):
    """One run of a rules load with one server; the result dict bench.py tables."""
    import bench as B
    a = b.args
    port = B.free_port()
    argv, gui = server_argv(a, load, target, port)
    name = "socket-workbench" if target == "app" else "python3-re"
    res = {"run": run, "load": load, "receiver": name, "unit": "messages/s"}
    if target not in ("app", "baseline") or (load == "rules-backtrack" and target != "app"):
        res.update(ok=False, error="not measured: no such server for this load")
        return res
    home = os.path.join(b.tmp, f"{load}-{run}-{target}")
    os.makedirs(home, exist_ok=True)
    rec = B.Receiver(name, argv, b.env(home), gui=gui)
    pinger = None
    try:
        if gui:
            r = subprocess.run([os.path.join(b.tools, "xping"), str(rec.pid), "startup", "20"],
                               capture_output=True, text=True, timeout=25)
            if "answered" not in r.stdout:
                raise RuntimeError(f"no window answered: {r.stderr.strip()}")
            pinger = B.Pinger(b.tools, rec.pid, 120)
        cpu0 = B.cpu_seconds(rec.pid)
        res.update(drive(port, load, a.rules_count, 90))
        cpu1 = B.cpu_seconds(rec.pid)
        if cpu0 is not None and cpu1 is not None:
            res["cpu_s"] = cpu1 - cpu0
    except Exception as e:  # a server that falls over is a result too
        res["ok"] = False
        res["error"] = str(e)[:200]
    finally:
        pings = pinger.stop() if pinger else []
        rec.stop()
    if gui:
        rtts = [rtt for _, rtt in pings]
        res["p50"], res["p99"] = B.percentile(rtts, .5), B.percentile(rtts, .99)
        res["max"] = max(rtts) if rtts else None
        res["pings"] = len(rtts)
    b.results.append(res)
    return res


def report(results, runs):
    """Every run of the rules loads, then the medians with their spread."""
    rows = [r for r in results if r["load"] in LOADS]
    if not rows:
        return
    import bench as B
    f = B.fmt
    print("\n## rules-flood / rules-backtrack: every run (one python3 client, answers checked)\n")
    cols = ["run", "load", "server", "messages/s", "answered / sent", "seconds",
            "GUI ping p50 / p99 / max ms", "CPU s", "notes"]
    print("| " + " | ".join(cols) + " |")
    print("|" + "---|" * len(cols))
    for r in rows:
        print("| " + " | ".join([
            str(r["run"]), r["load"], r["receiver"], f(r.get("rate")),
            f"{r.get('answered', '—')} / {r.get('sent', '—')}", f(r.get("seconds"), "{:.3f}"),
            " / ".join(f(r.get(k), "{:.1f}") for k in ("p50", "p99", "max")),
            f(r.get("cpu_s"), "{:.2f}"), r.get("error", "") if not r.get("ok", True) else ""]) + " |")
    print(f"\nMedians of {runs} run(s) [min–max]:\n")
    for key in dict.fromkeys((r["load"], r["receiver"]) for r in rows):
        rs = [r for r in rows if (r["load"], r["receiver"]) == key and r.get("ok")]
        parts = B.median_parts(rs, (("rate", "messages/s", "{:.0f}"), ("p99", "GUI ping p99 ms", "{:.1f}"),
                                    ("cpu_s", "CPU s", "{:.2f}")))
        print(f"- {key[0]}, {key[1]}: " + ("; ".join(parts) if parts else "no complete run"))
