"""--greeting and a --reply template: the server speaks first, then answers
each message "Hello,<message>!"."""

import swtest
from swtest import AppTestCase, endpoint, payload, recv_exact, select, tcp_connect


class GreetingTemplate(AppTestCase):
    def test_welcome_then_hello_tracy(self):
        greeting = b"Welcome to Socket Workbench!\r\n"
        app = self.start_app(["--tcp-server", "127.0.0.1:0", "--greeting", "Welcome to Socket Workbench!\\r\\n",
                              "--reply", "Hello,{data}!"])
        _, port = app.wait_listening()
        with tcp_connect("127.0.0.1", port) as c:
            me = endpoint(*c.getsockname()[:2])
            # The server sends first, before the client says anything.
            self.assertEqual(recv_exact(c, len(greeting)), greeting)
            c.sendall(b"Tracy")
            self.assertEqual(recv_exact(c, len(b"Hello,Tracy!")), b"Hello,Tracy!")
        app.wait_log(lambda e: e["event"] == "closed" and e.get("peer") == me)
        events = self.stop_and_read(app)

        data = select(events, event="data", peer=me)
        self.assertEqual([(e["direction"], payload(e)) for e in data],
                         [("out", greeting), ("in", b"Tracy"), ("out", b"Hello,Tracy!")])
        self.assertEqual([e["text"] for e in data], ["Welcome to Socket Workbench!\r\n", "Tracy", "Hello,Tracy!"])
        # The greeting goes out right after the accept.
        i_conn = events.index(select(events, event="connected", peer=me)[0])
        self.assertEqual(events[i_conn + 1]["event"], "data")
        self.assertEqual(events[i_conn + 1]["direction"], "out")

    def test_each_client_greeted(self):
        app = self.start_app(["--tcp-server", "127.0.0.1:0", "--greeting", "hi\\n", "--reply", "Hello,{data}!"])
        _, port = app.wait_listening()
        for name in (b"Ann", b"Bob"):
            with tcp_connect("127.0.0.1", port) as c:
                self.assertEqual(recv_exact(c, 3), b"hi\n")
                c.sendall(name)
                want = b"Hello," + name + b"!"
                self.assertEqual(recv_exact(c, len(want)), want)
        app.wait_log(lambda e: e["event"] == "closed", count=2)
        events = self.stop_and_read(app)
        self.assertEqual(len(select(events, event="data", direction="out", hex=b"hi\n".hex())), 2)

    def test_template_in_gbk(self):
        # Template text is encoded in the session's encoding; {data} is the raw bytes.
        app = self.start_app(["--tcp-server", "127.0.0.1:0", "--encoding", "GBK", "--reply", "你好,{data}!"])
        _, port = app.wait_listening()
        name = "小明".encode("gbk")
        want = "你好,小明!".encode("gbk")
        with tcp_connect("127.0.0.1", port) as c:
            me = endpoint(*c.getsockname()[:2])
            c.sendall(name)
            self.assertEqual(recv_exact(c, len(want)), want)
        app.wait_log(lambda e: e["event"] == "closed" and e.get("peer") == me)
        events = self.stop_and_read(app)
        out = select(events, event="data", direction="out", peer=me)
        self.assertEqual(b"".join(payload(e) for e in out), want)
        self.assertEqual("".join(e["text"] for e in out), "你好,小明!")
        self.assertEqual("".join(e["text"] for e in select(events, event="data", direction="in", peer=me)), "小明")


if __name__ == "__main__":
    swtest.main()
