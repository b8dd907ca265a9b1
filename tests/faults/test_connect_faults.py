"""What goes wrong before any byte flows: connection refused, a connect that
times out (a full backlog on 127.0.0.1, and an address that drops SYNs in a
network namespace made here), a host name that does not resolve, an address
already in use, a privileged port as an unprivileged user. Each case checks
the exact error event the log and stdout show, that nothing else happened,
and that the program exits cleanly afterwards."""

import re
import shutil
import socket

import faults
from faults import AppTestCase, FullBacklog, NetNs, endpoint, figure, is_root, start_wrapped


class ConnectFaults(AppTestCase):
    def only_error(self, app, message, session, prefix=False):
        err = app.wait_log(lambda e: e["event"] == "error", what="error", timeout=30)[0]
        self.assertEqual(err["session"], session)
        if prefix:
            self.assertTrue(err["message"].startswith(message), err["message"])
        else:
            self.assertEqual(err["message"], message)
        app.wait_stdout(r"^%s error\b.*: %s%s$" % (session, re.escape(message), ".*" if prefix else ""))
        events = self.stop_and_read(app)
        # The kernel's view of the socket (state events) is not traffic.
        self.assertEqual([e["event"] for e in events if e["event"] not in ("stopped", "state")], ["error"],
                         "nothing but the error: %s" % events)
        return err, events

    # -- connect() ----------------------------------------------------------
    def test_connection_refused(self):
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as holder:
            holder.bind(("127.0.0.1", 0))  # bound, not listening: the kernel answers RST
            target = endpoint(*holder.getsockname()[:2])
            app = self.start_app(["--tcp-client", target, "--send", "never"])
            self.only_error(app, "Cannot connect to %s: Connection refused (ECONNREFUSED)" % target, "tcp-client")

    def test_connect_timeout_full_backlog(self):
        backlog = FullBacklog()
        self.addCleanup(backlog.close)
        if not backlog.syn_dropped():
            self.skipTest("this kernel answers SYNs to a full accept queue (tcp_abort_on_overflow?)")
        target = endpoint("127.0.0.1", backlog.port)
        app = self.start_app(["--tcp-client", target, "--connect-timeout", "1500", "--send", "never"])
        err, events = self.only_error(app, "Cannot connect to %s: no answer within 1500 ms (timed out)" % target,
                                      "tcp-client")
        self.check_syn_sent(events, target)
        figure("full backlog", "%d connection(s) filled listen(0); the next SYN got no answer" % backlog.answered)

    def test_connect_timeout_syn_dropped_in_netns(self):
        ns = NetNs()
        self.addCleanup(ns.delete)
        host = ns.blackhole()
        # The program runs inside the namespace, where 10.213.0.2 swallows SYNs.
        app = start_wrapped(self, ns.prefix(), ["--tcp-client", host + ":80", "--connect-timeout", "3500"])
        _, events = self.only_error(app, "Cannot connect to %s:80: no answer within 3500 ms (timed out)" % host,
                                    "tcp-client")
        # Issue 21: the log shows the socket in SYN_SENT and each SYN sent again (1 s, then 2 s later).
        states = self.check_syn_sent(events, host + ":80")
        self.assertGreaterEqual(max(e["retries"] for e in states), 2, states)

    def check_syn_sent(self, events, target):
        """The connect's socket logged in SYN_SENT before the error, its retries never going down."""
        states = [e for e in events if e["event"] == "state" and e.get("peer") == target
                  and e["tcp_state"] == "SYN_SENT"]
        self.assertTrue(states, "no SYN_SENT state event: %s" % events)
        error = next(i for i, e in enumerate(events) if e["event"] == "error")
        self.assertLess(events.index(states[0]), error)
        retries = [e["retries"] for e in states]
        self.assertEqual(retries, sorted(retries))
        return states

    def test_host_does_not_resolve(self):
        # .invalid never resolves (RFC 2606); the resolver answers either way.
        app = self.start_app(["--tcp-client", "no-such-host.invalid:80", "--send", "never"])
        self.only_error(app, "Cannot connect to no-such-host.invalid:80: host “no-such-host.invalid” not found "
                             "(Host not found)", "tcp-client")

    # -- bind() and listen() --------------------------------------------------
    def test_tcp_address_in_use(self):
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as taken:
            taken.bind(("127.0.0.1", 0))
            taken.listen(1)
            where = endpoint(*taken.getsockname()[:2])
            app = self.start_app(["--tcp-server", where])
            err, _ = self.only_error(app, "Cannot listen on %s: Address already in use (EADDRINUSE)" % where,
                                     "tcp-server", prefix=True)
            # Issue 21: the words name what holds the port.
            self.assertIn("Another socket listens on this port", err["message"])
            self.assertEqual(err["local"], where)

    def test_udp_address_in_use(self):
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as taken:
            taken.bind(("127.0.0.1", 0))
            where = endpoint(*taken.getsockname()[:2])
            app = self.start_app(["--udp", where])
            self.only_error(app, "Cannot bind UDP to %s: Address already in use (EADDRINUSE)" % where, "udp")

    def test_client_bind_address_in_use(self):
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as taken, \
                socket.socket(socket.AF_INET, socket.SOCK_STREAM) as target:
            taken.bind(("127.0.0.1", 0))
            taken.listen(1)
            target.bind(("127.0.0.1", 0))
            target.listen(1)
            where = endpoint(*taken.getsockname()[:2])
            app = self.start_app(["--tcp-client", endpoint(*target.getsockname()[:2]), "--bind", where])
            self.only_error(app, "Cannot bind to %s: Address already in use (EADDRINUSE)" % where, "tcp-client")

    # -- a privileged port as nobody ----------------------------------------
    def nobody_app(self, option):
        if not is_root():
            self.skipTest("not root: cannot switch to nobody (setpriv needs CAP_SETUID)")
        if not shutil.which("setpriv"):
            self.skipTest("setpriv (util-linux) is not installed")
        with open("/proc/sys/net/ipv4/ip_unprivileged_port_start") as f:
            start = int(f.read())
        port = faults.free_privileged_port(socket.SOCK_DGRAM if option == "--udp" else socket.SOCK_STREAM)
        if port >= start:
            self.skipTest("net.ipv4.ip_unprivileged_port_start is %d: port %d is not privileged here" % (start, port))
        if not faults.world_readable_path(faults.swtest.app_path()):
            self.skipTest("%s is not readable and executable by nobody" % faults.swtest.app_path())
        where = endpoint("127.0.0.1", port)
        prefix = ["setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups", "--"]
        return start_wrapped(self, prefix, [option, where]), where, start

    def test_privileged_tcp_port_as_nobody(self):
        app, where, start = self.nobody_app("--tcp-server")
        self.only_error(app, "Cannot listen on %s: Permission denied (EACCES)" % where, "tcp-server")
        figure("privileged port", "%s as nobody, ip_unprivileged_port_start=%d" % (where, start))

    def test_privileged_udp_port_as_nobody(self):
        app, where, _ = self.nobody_app("--udp")
        self.only_error(app, "Cannot bind UDP to %s: Permission denied (EACCES)" % where, "udp")


if __name__ == "__main__":
    faults.main()
