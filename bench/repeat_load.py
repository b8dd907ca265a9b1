"""The repeat-1ms load (issue 19): how well a sender keeps a 1 ms interval.

Here the measured program is the sender: it sends 32-byte UDP datagrams
every 1 ms for 10 s (10,000 sends) to a python3 receiver
(bench/tools/udp_stamp.py) that stamps each arrival with
time.monotonic_ns(). Figures:

- arrived in 10 s: datagrams that arrived within 10 s of the first (target
  >= 9,500), and all that arrived;
- interval jitter: |arrival interval - 1 ms|, p50 / p99 / max in ms
  (target p99 <= 2 ms), from the receiver's time.monotonic_ns() stamps and,
  beside them, from the kernel's receive stamps (SO_TIMESTAMPNS), which a
  receiver waiting for a core on a busy machine does not bunch up;
- the window's _NET_WM_PING p50 / p99 / max during the run (xping, as the
  other loads; target p99 <= 50 ms);
- for the app, whether the traffic log kept up: its data-out events
  (messages-out, each one a row of the log the traffic view follows) against
  the sends, and what the log dropped.

The senders ("receivers" in bench.py's words, the same option):
- app: socket-workbench --udp-target ... --send ... --repeat 10000
  --interval 1, its window mapped under the private Xvfb;
- packetsender: Packet Sender's command line at its "intense traffic" rate
  (--rate 1000 --num 10000), its only way to resend below 0.1 s: the
  window's resend takes seconds with one decimal and is polled by a 90 ms
  timer (its mainwindow.cpp), so 1 ms cannot be asked there;
- baseline: a python3 loop that sleeps to each send's time on the same
  grid, the machine's own timer slack.
"""
import json
import os
import socket
import subprocess
import sys
import time

LOADS = ("repeat-1ms",)
PAYLOAD = b"0123456789abcdef0123456789ABCDEF"  # 32 bytes
HERE = os.path.dirname(os.path.abspath(__file__))


def add_arguments(ap):
    ap.add_argument("--repeat-count", type=int, default=10000, metavar="N",
                    help="repeat-1ms: sends of 32 B at 1 ms (default: %(default)s, i.e. 10 s)")


BASELINE = r"""
import socket, sys, time
port, count = int(sys.argv[1]), int(sys.argv[2])
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
payload = sys.argv[3].encode()
t0 = time.monotonic_ns()
n = 0
for _ in range(count):
    wait = t0 + n * 1_000_000 - time.monotonic_ns()
    if wait > 0:
        time.sleep(wait / 1e9)
    s.sendto(payload, ("127.0.0.1", port))
    # As the app: after a stall, the latest slot due, not a burst.
    n = max(n + 1, (time.monotonic_ns() - t0 + 500_000) // 1_000_000)
"""


def sender_argv(bench_args, target, port, count):
    if target == "app":
        return [bench_args.app, "--udp-target", f"127.0.0.1:{port}", "--send", PAYLOAD.decode(),
                "--repeat", str(count), "--interval", "1"], True
    if target == "packetsender":
        return ["packetsender", "-q", "-u", "--rate", "1000", "--num", str(count), "127.0.0.1", str(port),
                PAYLOAD.hex(" ")], False
    return [sys.executable, "-c", BASELINE, str(port), str(count), PAYLOAD.decode()], False


def measure(b, run, load, target):
    """One run of the load with one sender; the result dict bench.py tables."""
    import bench as B  # bench.py's helpers (the script is also a module)
    a = b.args
    count = a.repeat_count
    expect_s = count / 1000
    stamp = subprocess.Popen([sys.executable, os.path.join(HERE, "tools", "udp_stamp.py"), "0",
                              str(2 * count), str(expect_s + 30), "1.5"],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    port = int(stamp.stdout.readline().split()[1])
    argv, gui = sender_argv(a, target, port, count)
    home = os.path.join(b.tmp, f"repeat-{run}-{target}")
    os.makedirs(home, exist_ok=True)
    name = {"app": "socket-workbench", "packetsender": "packet-sender"}.get(target, "python3-sleep")
    res = {"run": run, "load": load, "receiver": name, "unit": "arrived in 10 s"}
    rec = B.Receiver(name, argv, b.env(home), gui=gui)
    pinger = None
    try:
        cpu0 = B.cpu_seconds(rec.pid)
        if gui:
            r = subprocess.run([os.path.join(b.tools, "xping"), str(rec.pid), "startup", "20"],
                               capture_output=True, text=True, timeout=25)
            if "answered" not in r.stdout:
                raise RuntimeError(f"no window answered: {r.stderr.strip()}")
            pinger = B.Pinger(b.tools, rec.pid, int(expect_s + 40))
        out, _ = stamp.communicate(timeout=expect_s + 45)
        got = json.loads(out.strip().splitlines()[-1])
        cpu1 = B.cpu_seconds(rec.pid)
        if cpu0 is not None and cpu1 is not None:
            res["cpu_s"] = cpu1 - cpu0
        res.update(figures(got["times"], count))
        kernel = [t for t in got.get("kernel", []) if t is not None]
        if len(kernel) == len(got["times"]):
            res.update({"kernel_" + k: v for k, v in figures(kernel, count).items()
                        if k.startswith(("jitter", "gap"))})
    except Exception as e:  # a sender that falls over is a result too
        res["ok"] = False
        res["error"] = str(e)[:200]
    finally:
        if stamp.poll() is None:
            stamp.kill()
            stamp.wait()
        pings = pinger.stop() if pinger else []
        output = rec.stop()
    if gui:
        rtts = [rtt for _, rtt in pings]
        res["p50"], res["p99"] = B.percentile(rtts, .5), B.percentile(rtts, .99)
        res["max"] = max(rtts) if rtts else None
        res["pings"] = len(rtts)
    if target == "app":
        res.update(B.parse_totals(output))
        # Nothing comes in here: bench.py's "app counted 0 B in 0 reads" would only mislead.
        res.pop("app_in", None)
    b.results.append(res)
    return res


def figures(times, count):
    """Arrivals and interval jitter from the receiver's monotonic stamps (ns)."""
    m = {"sent": count, "arrived": len(times)}
    if len(times) < 2:
        m.update(ok=False, rate=len(times), error="fewer than 2 datagrams arrived")
        return m
    t0 = times[0]
    m["rate"] = sum(1 for t in times if t - t0 < 10_000_000_000)
    m["seconds"] = (times[-1] - t0) / 1e9
    gaps = [(b - a) / 1e6 for a, b in zip(times, times[1:])]
    jitter = [abs(g - 1.0) for g in gaps]
    import bench as B
    m["jitter_p50"], m["jitter_p99"] = B.percentile(jitter, .5), B.percentile(jitter, .99)
    m["jitter_max"] = max(jitter)
    m["gap_p50"], m["gap_p99"] = B.percentile(gaps, .5), B.percentile(gaps, .99)
    m["ok"] = True
    return m


def report(results, runs):
    """Every run of the repeat loads, then their medians and spread."""
    rows = [r for r in results if r["load"] in LOADS]
    if not rows:
        return
    import bench as B
    f = B.fmt
    print("\n## repeat-1ms: every run (a sender at 1 ms for 10 s, a python3 receiver)\n")
    cols = ["run", "sender", "arrived in 10 s", "arrived / sent", "seconds",
            "jitter p50 / p99 / max ms (monotonic_ns at recv)", "jitter p50 / p99 / max ms (kernel stamp)",
            "GUI ping p50 / p99 / max ms", "CPU s", "log (app)", "notes"]
    print("| " + " | ".join(cols) + " |")
    print("|" + "---|" * len(cols))
    for r in rows:
        log = "—"
        if "app_messages_out" in r:
            log = f"{r['app_messages_out']} data-out rows, {r.get('app_log_dropped', 0)} dropped"
        print("| " + " | ".join([
            str(r["run"]), r["receiver"], f(r.get("rate")), f"{r.get('arrived', '—')} / {r.get('sent', '—')}",
            f(r.get("seconds"), "{:.3f}"),
            " / ".join(f(r.get(k), "{:.3f}") for k in ("jitter_p50", "jitter_p99", "jitter_max")),
            " / ".join(f(r.get(k), "{:.3f}") for k in ("kernel_jitter_p50", "kernel_jitter_p99", "kernel_jitter_max")),
            " / ".join(f(r.get(k), "{:.1f}") for k in ("p50", "p99", "max")),
            f(r.get("cpu_s"), "{:.2f}"), log, r.get("error", "")]) + " |")
    print(f"\nMedians of {runs} run(s) [min–max]:\n")
    for sender in dict.fromkeys(r["receiver"] for r in rows):
        rs = [r for r in rows if r["receiver"] == sender]
        parts = B.median_parts(rs, (("rate", "arrived in 10 s", "{:.0f}"), ("jitter_p50", "jitter p50 ms", "{:.3f}"),
                                    ("jitter_p99", "jitter p99 ms", "{:.3f}"),
                                    ("kernel_jitter_p99", "kernel-stamped jitter p99 ms", "{:.3f}"),
                                    ("jitter_max", "jitter max ms", "{:.2f}"), ("p99", "GUI ping p99 ms", "{:.1f}")))
        print(f"- {sender}: " + "; ".join(parts))
