#!/usr/bin/env python3
"""Socket Workbench benchmark: the real window under Xvfb, loads from outside.

Started by bench/run, which builds everything first. For each load and each
receiver (Socket Workbench, Packet Sender, and nc or a plain C receiver as
the machine's limit) it runs the load from an external process (swload) on
loopback, pings the receiver's window with _NET_WM_PING every 100 ms (xping)
and reads /proc for memory, CPU and the kernel's socket counters. Every load
is bounded in bytes and in time. Prints a table per run and the medians.
"""
import argparse
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time

import repeat_load
import rules_load

MiB = 1024 * 1024


def free_port(kind=socket.SOCK_STREAM):
    s = socket.socket(socket.AF_INET, kind)
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def proc_status(pid, key):
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith(key + ":"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return None


def cpu_seconds(pid):
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except OSError:
        return None


def minor_faults(pid):
    try:
        with open(f"/proc/{pid}/stat") as f:
            return int(f.read().rsplit(")", 1)[1].split()[7])
    except OSError:
        return None


def reset_peak(pid):
    try:
        with open(f"/proc/{pid}/clear_refs", "w") as f:
            f.write("5")
    except OSError:
        pass


def proc_net(kind, port):
    """Lines of /proc/net/{tcp,udp} whose local port is `port`, parsed."""
    rows = []
    with open(f"/proc/net/{kind}") as f:
        next(f)
        for line in f:
            p = line.split()
            lport = int(p[1].split(":")[1], 16)
            if lport != port:
                continue
            tx, rx = (int(x, 16) for x in p[4].split(":"))
            rows.append({"state": int(p[3], 16), "rx": rx, "tx": tx, "inode": int(p[9]), "peer": p[2],
                         "drops": int(p[12]) if kind == "udp" else 0})
    return rows


TCP_ESTABLISHED, TCP_LISTEN = 1, 10


def tcp_accepted(port):
    """Established sockets on the listening port that a process has accepted
    (sockets still in the accept queue have no inode yet), each once: the
    kernel writes /proc/net/tcp a page at a time, and a table that changes
    between pages can show a socket twice."""
    return len({r["peer"] for r in proc_net("tcp", port) if r["state"] == TCP_ESTABLISHED and r["inode"] != 0})


def percentile(values, q):
    if not values:
        return None
    v = sorted(values)
    k = (len(v) - 1) * q
    lo, hi = int(k), min(int(k) + 1, len(v) - 1)
    return v[lo] + (v[hi] - v[lo]) * (k - lo)


class Pinger:
    """xping in the background; round trips of pings sent during the load."""

    def __init__(self, tools, pid, seconds):
        self.proc = subprocess.Popen([os.path.join(tools, "xping"), str(pid), "100", str(seconds)],
                                     stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)

    def stop(self):
        self.proc.send_signal(signal.SIGTERM)
        out, _ = self.proc.communicate(timeout=10)
        pings = []  # (sent at, CLOCK_MONOTONIC like time.monotonic(); round trip ms)
        for line in out.splitlines():
            p = line.split()
            if p and p[0] in ("rtt", "lost"):
                pings.append((float(p[2]), float(p[3])))  # a lost ping counts as the time it waited
        return pings


class Receiver:
    """One receiver process: Socket Workbench, Packet Sender, nc or swload's sink."""

    def __init__(self, name, argv, env, gui, discard_output=False):
        self.name, self.gui = name, gui
        self.lines = {"connected": 0, "closed": 0}
        self.line_times = {}
        self.out = []
        self.t_start = time.monotonic()
        # nc writes what it receives to standard output: that goes nowhere.
        self.proc = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL if discard_output else subprocess.PIPE,
                                     stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, text=True, errors="replace")
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()
        self.err = []
        threading.Thread(target=lambda: self.err.extend(self.proc.stderr), daemon=True).start()

    def _read(self):
        if self.proc.stdout is None:
            return
        for line in self.proc.stdout:
            now = time.monotonic()
            self.out.append(line)
            words = line.split()
            if len(words) >= 2 and words[1] in self.lines:
                self.lines[words[1]] += 1
                self.line_times[(words[1], self.lines[words[1]])] = now

    @property
    def pid(self):
        return self.proc.pid

    def stop(self):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.reader.join(timeout=5)
        return "".join(self.out)


class Bench:
    def __init__(self, args):
        self.args = args
        self.tools = args.tools
        self.tmp = tempfile.mkdtemp(prefix="sw-bench-")
        self.results = []  # dicts: run, load, receiver, metrics

    # --- receivers -----------------------------------------------------------
    def env(self, home):
        e = dict(os.environ)
        e.update(HOME=home, XDG_CONFIG_HOME=os.path.join(home, ".config"),
                 XDG_DATA_HOME=os.path.join(home, ".local/share"),
                 XDG_CACHE_HOME=os.path.join(home, ".cache"), LC_ALL="C.UTF-8")
        e.pop("QT_QPA_PLATFORM", None)
        return e

    def start_app(self, proto, port):
        home = tempfile.mkdtemp(dir=self.tmp)
        # --on-peer-fin close: a client's FIN closes the server's side too, so
        # every short connection's close is logged and no CLOSE_WAIT is held.
        opt = ["--tcp-server", f"127.0.0.1:{port}", "--max-clients", "12000", "--on-peer-fin", "close"] \
            if proto == "tcp" \
            else ["--udp", f"127.0.0.1:{port}"]
        # --app-view: the window shows that view on every tab during the load
        # (tcp-states: the TCP states view samples the kernel while shown).
        if self.args.app_view:
            opt += ["--view", self.args.app_view]
        return Receiver("socket-workbench", [self.args.app] + opt, self.env(home), gui=True)

    def start_packetsender(self, proto, port, persistent):
        home = tempfile.mkdtemp(dir=self.tmp)
        data = os.path.join(home, ".local/share/PacketSender")
        os.makedirs(data)
        with open(os.path.join(data, "ps_settings.ini"), "w") as f:
            f.write("[General]\n")
            f.write(f"tcpPort={port if proto == 'tcp' else 0}\n")
            f.write(f"udpPort={port if proto == 'udp' else 0}\n")
            f.write("sslPort=0\nipMode=4\n")
            f.write(f"tcpServerEnable={'true' if proto == 'tcp' else 'false'}\n")
            f.write(f"udpServerEnable={'true' if proto == 'udp' else 'false'}\n")
            f.write("sslServerEnable=false\n")
            f.write(f"persistentTCPCheck={'true' if persistent else 'false'}\n")
            f.write("restoreSessionCheck=false\n")
        return Receiver("packet-sender", ["packetsender"], self.env(home), gui=True)

    def start_baseline(self, load, port):
        if load in ("flood", "msgs"):
            return Receiver("nc", ["nc", "-l", "-d", "127.0.0.1", str(port)], self.env(self.tmp), gui=False,
                            discard_output=True)
        mode = "udp-sink" if load.startswith("udp") else "tcp-sink"
        return Receiver("plain-c", [os.path.join(self.tools, "swload"), mode, str(port), "120"],
                        self.env(self.tmp), gui=False)

    def wait_ready(self, rec, proto, port, timeout=20):
        deadline = time.monotonic() + timeout
        startup = None
        if rec.gui:
            r = subprocess.run([os.path.join(self.tools, "xping"), str(rec.pid), "startup", str(timeout)],
                               capture_output=True, text=True, timeout=timeout + 5)
            for line in r.stdout.splitlines():
                if line.startswith("answered"):
                    startup = float(line.split()[1]) - rec.t_start
            if startup is None:
                raise RuntimeError(f"{rec.name}: no window answered: {r.stderr.strip()} {''.join(rec.err)[-500:]}")
        kind = "tcp" if proto == "tcp" else "udp"
        while time.monotonic() < deadline:
            rows = proc_net(kind, port)
            if any(r["state"] == (TCP_LISTEN if kind == "tcp" else 7) for r in rows):
                return startup
            if rec.proc.poll() is not None:
                break
            time.sleep(0.02)
        raise RuntimeError(f"{rec.name} is not listening on {port}: {''.join(rec.err)[-500:]}")

    # --- loads ---------------------------------------------------------------
    def swload(self, *argv, timeout=150):
        r = subprocess.run([os.path.join(self.tools, "swload")] + [str(a) for a in argv],
                           capture_output=True, text=True, timeout=timeout)
        if r.returncode != 0:
            raise RuntimeError(f"swload {argv}: {r.stderr.strip()}")
        return json.loads(r.stdout.strip().splitlines()[-1])

    def run_load(self, load, rec, port):
        a = self.args
        m = {}
        if load == "flood":
            r = self.swload("tcp-flood", port, a.flood_mib * MiB, 65536, a.time_limit)
            m["ok"] = r["ok"]
            m["seconds"] = r["drained"] - r["start"] if r["ok"] else None
            m["rate"] = r["sent"] / m["seconds"] / 1e6 if r["ok"] else None
            m["unit"] = "MB/s"
            m["expect_bytes"] = r["sent"]
            if not r["ok"]:
                m["error"] = (f"did not drain: {r['sent'] / MiB:.0f} of {a.flood_mib} MiB written, "
                              f"{r['undrained'] / MiB:.1f} MiB still queued (closed, reset or too slow)")
        elif load == "msgs":
            r = self.swload("tcp-msgs", port, a.messages, 32, a.time_limit)
            m["ok"] = r["ok"]
            m["seconds"] = r["drained"] - r["start"] if r["ok"] else None
            m["rate"] = a.messages / m["seconds"] if r["ok"] else None
            m["unit"] = "msg/s"
            m["expect_bytes"] = r["sent"]
            if not r["ok"]:
                m["error"] = (f"did not drain: {r['sent'] // 32} of {a.messages} messages written, "
                              f"{r['undrained']} B still queued (closed, reset or too slow)")
        elif load == "short":
            r = self.swload("tcp-short", port, a.short)
            done = self.wait_for(lambda: self.short_done(rec, port, a.short), 30)
            m["ok"] = r["failed"] == 0 and done is not None
            m["seconds"] = (done - r["start"]) if done else None
            m["rate"] = a.short / m["seconds"] if m["ok"] else None
            m["unit"] = "conn/s"
            m["failed"] = r["failed"]
        elif load == "hold":
            p = subprocess.Popen([os.path.join(self.tools, "swload"), "tcp-hold", str(port), str(a.hold),
                                  str(a.hold_seconds)], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
            t0 = time.monotonic()
            done = self.wait_for(lambda: tcp_accepted(port) >= a.hold, a.hold_wait, interval=0.1)
            m["accepted"] = tcp_accepted(port)
            m["seconds"] = (done - t0) if done else None
            listed = closed = True  # only the app says what it listed and closed
            if rec.name == "socket-workbench":
                # Accepted (by the acceptor's thread) is not yet in the client
                # table: each client is there once its connected line is printed.
                left = max(0.1, a.hold_wait - (time.monotonic() - t0))
                listed = self.wait_for(lambda: rec.lines["connected"] >= a.hold, left, interval=0.05)
                m["listed"] = rec.lines["connected"]
                m["listed_s"] = (listed - t0) if listed else None
            m["rss_held"] = proc_status(rec.pid, "VmRSS")
            out, _ = p.communicate(timeout=a.hold_seconds + 60)
            r = json.loads(out.strip().splitlines()[-1])
            # The client has closed every connection: the window is pinged on
            # until the app has logged every close (or 30 s passed).
            m["closing_from"] = time.monotonic()
            if rec.name == "socket-workbench":
                closed = self.wait_for(lambda: rec.lines["closed"] >= a.hold, 30, interval=0.05)
                m["closed_s"] = (closed - m["closing_from"]) if closed else None
            m["ok"] = (done is not None and listed is not None and closed is not None
                       and r["connections"] == a.hold)
            m["rate"] = m["accepted"]
            m["unit"] = "accepted"
        elif load in ("udp-burst", "udp-paced"):
            if load == "udp-burst":
                r = self.swload("udp-burst", port, a.udp_burst, 64)
            else:
                r = self.swload("udp-paced", port, a.udp_rate, a.udp_seconds, 64)
            sent = r["sent"]
            self.wait_for(lambda: all(x["rx"] == 0 for x in proc_net("udp", port)), 20)
            drops = sum(x["drops"] for x in proc_net("udp", port))
            m["ok"] = True
            m["sent"] = sent
            m["drops"] = drops
            m["received"] = sent - drops
            m["rate"] = sent - drops
            m["unit"] = "datagrams"
            m["seconds"] = r["end"] - r["start"]
        return m

    def short_done(self, rec, port, count):
        if rec.name == "socket-workbench" and rec.lines["closed"] < count:
            return False
        rows = proc_net("tcp", port)
        return all(r["rx"] == 0 for r in rows if r["state"] == TCP_LISTEN) and \
            not any(r["state"] == TCP_ESTABLISHED for r in rows)

    @staticmethod
    def wait_for(pred, timeout, interval=0.002):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if pred():
                return time.monotonic()
            time.sleep(interval)
        return None

    def measure(self, run, load, target):
        proto = "udp" if load.startswith("udp") else "tcp"
        port = free_port(socket.SOCK_DGRAM if proto == "udp" else socket.SOCK_STREAM)
        if target == "app":
            rec = self.start_app(proto, port)
        elif target == "packetsender":
            rec = self.start_packetsender(proto, port, persistent=load in ("flood", "msgs"))
        else:
            rec = self.start_baseline(load, port)
        res = {"run": run, "load": load, "receiver": rec.name}
        try:
            startup = self.wait_ready(rec, proto, port)
            if rec.gui:
                time.sleep(1.0)  # let the window settle: idle figures
                res["idle_rss"] = proc_status(rec.pid, "VmRSS")
                res["startup_ms"] = startup * 1000
            reset_peak(rec.pid)
            cpu0, t0 = cpu_seconds(rec.pid), time.monotonic()
            faults0 = minor_faults(rec.pid)
            pinger = Pinger(self.tools, rec.pid, 600) if rec.gui else None
            guard = RssGuard(rec, self.args.rss_limit_mib * MiB)
            try:
                res.update(self.run_load(load, rec, port))
            finally:
                guard.stop()
                pings = pinger.stop() if pinger else []
                rtts = [rtt for _, rtt in pings]
            res["killed"] = guard.killed
            wall = time.monotonic() - t0
            cpu1 = cpu_seconds(rec.pid)
            if cpu0 is not None and cpu1 is not None:
                res["cpu"] = (cpu1 - cpu0) / wall * 100
                res["cpu_s"] = cpu1 - cpu0
            faults1 = minor_faults(rec.pid)
            if faults0 is not None and faults1 is not None:
                res["faults"] = faults1 - faults0
            res["peak_rss"] = guard.peak or proc_status(rec.pid, "VmHWM")
            if rec.gui:
                res["p50"], res["p99"], res["max"] = (percentile(rtts, .5), percentile(rtts, .99),
                                                      max(rtts) if rtts else None)
                res["pings"] = len(rtts)
                # When each answer came, from the start of the load: where a slow one falls.
                res["ping_series"] = [(round(t - t0, 3), round(rtt, 2)) for t, rtt in pings]
                if res.get("closing_from") is not None:
                    # The hold's two phases apart: accepted and held, then all closing at once.
                    held = [rtt for t, rtt in pings if t < res["closing_from"]]
                    closing = [rtt for t, rtt in pings if t >= res["closing_from"]]
                    res["held_p99"] = percentile(held, .99)
                    res["closing_max"] = max(closing) if closing else None
                res["end_rss"] = proc_status(rec.pid, "VmRSS")
        except Exception as e:  # a receiver that falls over is a result too
            res["ok"] = False
            res["error"] = str(e)[:200]
        finally:
            out = rec.stop()
        if rec.name == "socket-workbench":
            res.update(parse_totals(out))
        self.results.append(res)
        return res


def parse_totals(out):
    """The app prints 'totals <session> in=<bytes> <messages> ...' when it quits."""
    t = {}
    for line in out.splitlines():
        p = line.split()
        if len(p) > 2 and p[0] == "totals":
            for kv in p[2:]:
                if "=" in kv:
                    k, v = kv.split("=", 1)
                    if v.isdigit():
                        t["app_" + k.replace("-", "_")] = int(v)
    return t


class RssGuard:
    """Samples RSS every 50 ms; kills a receiver that passes the limit, so a
    runaway (Packet Sender's memory grows many times faster than what it
    receives: bench/results) cannot take the machine."""

    def __init__(self, rec, limit):
        self.rec, self.limit, self.peak, self.killed = rec, limit, 0, False
        self.stopping = threading.Event()
        self.thread = threading.Thread(target=self._watch, daemon=True)
        self.thread.start()

    def _watch(self):
        while not self.stopping.is_set():
            rss = proc_status(self.rec.pid, "VmRSS") or 0
            self.peak = max(self.peak, proc_status(self.rec.pid, "VmHWM") or 0, rss)
            if rss > self.limit and self.rec.proc.poll() is None:
                self.killed = True
                self.rec.proc.kill()
            self.stopping.wait(0.05)

    def stop(self):
        self.stopping.set()
        self.thread.join()


def median_parts(rows, fields):
    """For each (key, label, format) in fields that the rows have: "label
    median [min–max]", as the reports of the extra loads print them."""
    parts = []
    for key, label, spec in fields:
        vals = sorted(r[key] for r in rows if r.get(key) is not None)
        if vals:
            med = vals[len(vals) // 2] if len(vals) % 2 else (vals[len(vals) // 2 - 1] + vals[len(vals) // 2]) / 2
            parts.append(f"{label} {spec.format(med)} [{spec.format(vals[0])}–{spec.format(vals[-1])}]")
    return parts


def fmt(v, spec="{:.0f}"):
    return "—" if v is None else spec.format(v)


def table(results, title):
    print(f"\n## {title}\n")
    cols = ["load", "receiver", "rate", "unit", "seconds", "p50 ms", "p99 ms", "max ms", "peak RSS MiB",
            "CPU %", "notes"]
    print("| " + " | ".join(cols) + " |")
    print("|" + "---|" * len(cols))
    for r in results:
        notes = []
        if r.get("error"):
            notes.append(r["error"])
        if r.get("killed"):
            notes.append("killed at the RSS limit")
        if r.get("drops") is not None:
            notes.append(f"sent {r['sent']}, kernel drops {r['drops']}")
        if r.get("accepted") is not None:
            notes.append(f"accepted {r['accepted']}")
        if r.get("held_p99") is not None:
            notes.append(f"p99 while held {r['held_p99']:.1f} ms")
        if r.get("closing_max") is not None:
            notes.append(f"all closing at once: max {r['closing_max']:.1f} ms"
                         + (f", every close logged after {r['closed_s']:.2f} s" if r.get("closed_s") is not None
                            else ""))
        if r.get("listed") is not None:
            notes.append(f"{r['listed']} in the client table"
                         + (f" after {r['listed_s']:.2f} s" if r.get("listed_s") is not None else ""))
        if r.get("failed"):
            notes.append(f"{r['failed']} connects failed")
        if "app_in" in r:
            notes.append(f"app counted {r['app_in']} B in {r.get('app_messages_in', 0)} reads")
        if "expect_bytes" in r and "app_in" in r and r["app_in"] != r["expect_bytes"]:
            notes.append(f"MISSING {r['expect_bytes'] - r['app_in']} B")
        if r.get("cpu_s") is not None and r.get("faults") is not None:
            notes.append(f"{r['cpu_s']:.2f} CPU s, {r['faults']:,} page faults")
        if r.get("startup_ms") is not None:
            notes.append(f"start-up {r['startup_ms']:.0f} ms, idle RSS {r['idle_rss'] / MiB:.0f} MiB")
        print("| " + " | ".join([
            r["load"], r["receiver"], fmt(r.get("rate")), r.get("unit", ""),
            fmt(r.get("seconds"), "{:.3f}"), fmt(r.get("p50"), "{:.1f}"), fmt(r.get("p99"), "{:.1f}"),
            fmt(r.get("max"), "{:.1f}"),
            fmt(r["peak_rss"] / MiB if r.get("peak_rss") else None), fmt(r.get("cpu")),
            "; ".join(notes)]) + " |")


def main():
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="Loads: flood, msgs, short, hold, udp-burst, udp-paced, repeat-1ms, rules-flood, rules-backtrack (bench/README.md says what each does).\n"
               "Receivers: app (Socket Workbench), packetsender (Packet Sender), baseline (nc -l -d for\n"
               "flood and msgs, swload's plain C sink for the others).\n"
               "bench/run builds the app and the tools and passes --app and --tools itself.")
    ap.add_argument("--app", required=True, metavar="PATH",
                    help="the socket-workbench executable to measure (bench/run: the Release build in build-bench/)")
    ap.add_argument("--tools", required=True, metavar="DIR",
                    help="folder holding the compiled swload and xping (bench/run: build-bench/tools)")
    ap.add_argument("--runs", type=int, default=3, metavar="N",
                    help="how many times each load runs against each receiver; the table gives the medians "
                         "(default: %(default)s)")
    ap.add_argument("--loads", default="flood,msgs,short,hold,udp-burst,udp-paced", metavar="LIST",
                    help="comma-separated loads to run, in this order (default: %(default)s)")
    ap.add_argument("--receivers", default="app,packetsender,baseline", metavar="LIST",
                    help="comma-separated receivers, each gets every load (default: %(default)s)")
    ap.add_argument("--flood-mib", type=int, default=256, metavar="MIB",
                    help="flood: MiB written on one connection in 64 KiB writes (default: %(default)s)")
    ap.add_argument("--messages", type=int, default=200000, metavar="N",
                    help="msgs: number of 32-byte writes on one connection (default: %(default)s)")
    ap.add_argument("--short", type=int, default=1000, metavar="N",
                    help="short: number of sequential connect/send/close connections (default: %(default)s)")
    ap.add_argument("--app-view", metavar="NAME",
                    help="the view the app's tabs show during the loads (its --view), e.g. tcp-states: "
                         "what sampling the kernel costs with the TCP states view open (default: the traffic)")
    ap.add_argument("--hold", type=int, default=10000, metavar="N",
                    help="hold: number of concurrent connections opened and held (default: %(default)s)")
    ap.add_argument("--hold-seconds", type=int, default=3, metavar="S",
                    help="hold: seconds the client holds its connections before closing them all "
                         "(default: %(default)s)")
    ap.add_argument("--hold-wait", type=int, default=10, metavar="S",
                    help="hold: seconds to wait for every connection to be accepted (and, for the app, "
                         "listed in its client table) before the load counts as failed (default: %(default)s)")
    ap.add_argument("--udp-burst", type=int, default=100000, metavar="N",
                    help="udp-burst: number of 64-byte datagrams sent with sendmmsg as fast as possible "
                         "(default: %(default)s)")
    ap.add_argument("--udp-rate", type=int, default=50000, metavar="N",
                    help="udp-paced: 64-byte datagrams per second (default: %(default)s)")
    ap.add_argument("--udp-seconds", type=int, default=3, metavar="S",
                    help="udp-paced: seconds the paced sender runs (default: %(default)s)")
    ap.add_argument("--rss-limit-mib", type=int, default=4096, metavar="MIB",
                    help="a receiver whose resident set passes this many MiB (sampled every 50 ms) is killed, "
                         "so a runaway cannot take the machine; the table says so (default: %(default)s)")
    ap.add_argument("--time-limit", type=int, default=30, metavar="S",
                    help="flood and msgs: seconds a TCP stream load may take to drain before it counts as "
                         "not drained (default: %(default)s)")
    repeat_load.add_arguments(ap)  # repeat-1ms (issue 19): the app as a 1 ms sender, bench/repeat_load.py
    rules_load.add_arguments(ap)  # rules-flood, rules-backtrack (issue 20): reply rules, bench/rules_load.py
    ap.add_argument("--json", metavar="FILE",
                    help="also write every single result (each run, with ping_series: when each ping was "
                         "answered and its round trip) to FILE as JSON (default: not written)")
    a = ap.parse_args()
    b = Bench(a)
    loads = a.loads.split(",")
    receivers = a.receivers.split(",")
    for run in range(1, a.runs + 1):
        for load in loads:
            for target in receivers:
                if load in repeat_load.LOADS:
                    r = repeat_load.measure(b, run, load, target)
                elif load in rules_load.LOADS:
                    r = rules_load.measure(b, run, load, target)
                else:
                    r = b.measure(run, load, target)
                print(f"run {run} {load:9} {r['receiver']:16} rate={fmt(r.get('rate'))} {r.get('unit', '')} "
                      f"p99={fmt(r.get('p99'), '{:.1f}')} max={fmt(r.get('max'), '{:.1f}')} "
                      f"cpu={fmt(r.get('cpu_s'), '{:.2f}')}s faults={fmt(r.get('faults'), '{:.0f}')} "
                      f"{r.get('error', '')}", file=sys.stderr, flush=True)
    summary = medians(b.results)
    table(summary, f"Medians of {a.runs} run(s)")
    print_ratios(summary)
    repeat_load.report(b.results, a.runs)
    rules_load.report(b.results, a.runs)
    if a.json:
        with open(a.json, "w") as f:
            json.dump(b.results, f, indent=1)


def medians(results):
    out = []
    keys = []
    for r in results:
        k = (r["load"], r["receiver"])
        if k not in keys:
            keys.append(k)
    for k in keys:
        rs = [r for r in results if (r["load"], r["receiver"]) == k]
        m = dict(rs[0])
        for f in ("rate", "seconds", "p50", "p99", "max", "peak_rss", "cpu", "cpu_s", "faults", "startup_ms",
                  "idle_rss", "end_rss", "drops", "sent", "accepted", "listed", "listed_s",
                  "held_p99", "closing_max", "closed_s"):
            vals = [r[f] for r in rs if r.get(f) is not None]
            m[f] = statistics.median(vals) if vals else None
        errors = [r["error"] for r in rs if r.get("error")]
        if errors:
            m["error"] = f"{len(errors)}/{len(rs)} failed: {errors[0]}"
        m["killed"] = any(r.get("killed") for r in rs)
        out.append(m)
    return out


def print_ratios(summary):
    print("\n## Socket Workbench against the others (same runs)\n")
    by = {(r["load"], r["receiver"]): r for r in summary}
    for load in dict.fromkeys(r["load"] for r in summary):
        app = by.get((load, "socket-workbench"))
        if not app or not app.get("rate"):
            continue
        parts = []
        for other in ("nc", "plain-c", "packet-sender"):
            o = by.get((load, other))
            if o and o.get("rate"):
                parts.append(f"{app['rate'] / o['rate']:.2f}× {other}")
            elif o:
                parts.append(f"{other} did not finish")
        print(f"- {load}: " + ", ".join(parts))


if __name__ == "__main__":
    main()
