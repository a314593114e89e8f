#!/usr/bin/env python3
"""Unit checks of the bench tools: python3 -m unittest discover -s bench/testing"""
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import unittest

BENCH = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, BENCH)
import treecheck  # noqa: E402
import linkstats  # noqa: E402
import hostile_client  # noqa: E402


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def wait_until(condition, timeout=10):
    deadline = time.time() + timeout
    while not condition():
        if time.time() > deadline:
            raise AssertionError("condition not met in time")
        time.sleep(0.02)


class ProxyTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp()
        self.out = os.path.join(self.tmp, "counts.json")
        self.backend = socket.socket()
        self.backend.bind(("127.0.0.1", 0))
        self.backend.listen(4)
        threading.Thread(target=self.reply_double, daemon=True).start()
        self.port = free_port()
        self.proxy = subprocess.Popen([sys.executable, os.path.join(BENCH, "tcp_count_proxy.py"), "--listen",
                                       str(self.port), "--target", str(self.backend.getsockname()[1]),
                                       "--out", self.out])
        wait_until(lambda: os.path.exists(self.out))

    def tearDown(self):
        if self.proxy.poll() is None:
            self.proxy.kill()
        self.proxy.wait()

    def reply_double(self):
        """Answers each connection with twice the bytes it received, then closes."""
        while True:
            conn, _ = self.backend.accept()
            total = 0
            while True:
                data = conn.recv(65536)
                if not data:
                    break
                total += len(data)
            conn.sendall(b"y" * (2 * total))
            conn.close()

    def exchange(self, n):
        c = socket.create_connection(("127.0.0.1", self.port))
        c.sendall(b"x" * n)
        c.shutdown(socket.SHUT_WR)
        got = 0
        while True:
            data = c.recv(65536)
            if not data:
                break
            got += len(data)
        c.close()
        return got

    def totals(self):
        with open(self.out) as f:
            return json.load(f)

    def test_counts_both_directions_over_connections(self):
        self.assertEqual(self.exchange(1000), 2000)
        self.assertEqual(self.exchange(300_000), 600_000)
        wait_until(lambda: self.totals()["connections"] == 2 and self.totals()["server_to_client"] == 602_000)
        self.assertEqual(self.totals()["client_to_server"], 301_000)

    def test_writes_totals_on_sigterm(self):
        self.exchange(10)
        self.proxy.send_signal(signal.SIGTERM)
        self.assertEqual(self.proxy.wait(10), 0)
        self.assertEqual(self.totals()["client_to_server"], 10)


class TreecheckTest(unittest.TestCase):
    def make(self, files):
        root = tempfile.mkdtemp()
        for rel, body in files.items():
            os.makedirs(os.path.dirname(os.path.join(root, rel)), exist_ok=True)
            with open(os.path.join(root, rel), "wb") as f:
                f.write(body)
        return root

    def test_same_ignores_metadata_folder_only_at_top(self):
        a = self.make({"x": b"1", "d/y": b"2", ".deltasync/state": b"s"})
        b = self.make({"x": b"1", "d/y": b"2"})
        self.assertEqual(treecheck.cmd_same(a, b), 0)
        c = self.make({"x": b"1", "d/y": b"3"})
        self.assertEqual(treecheck.cmd_same(a, c), 1)
        d = self.make({"x": b"1", "d/y": b"2", "d/.deltasync": b"synced"})
        self.assertEqual(treecheck.cmd_same(a, d), 1)

    def test_whole_accepts_known_versions_and_rejects_torn_files(self):
        manifest = os.path.join(tempfile.mkdtemp(), "m")
        old = self.make({"f": b"old", "g": b"gg"})
        with open(manifest, "w") as out:
            for rel, digest in treecheck.tree(old).items():
                out.write(f"{digest}  {rel}\n")
        self.assertEqual(treecheck.cmd_whole(self.make({"f": b"old", "g.sync-conflict": b"gg"}), [manifest]), 0)
        self.assertEqual(treecheck.cmd_whole(self.make({"f": b"ol"}), [manifest]), 1)


def chunk(t, direction, kind, n, conn="1"):
    return (float(t), conn, direction, kind, n)


class FloodAnswerTest(unittest.TestCase):
    def test_only_whole_busy_frames_count_as_told_busy(self):
        def frame(kind, payload):
            return hostile_client.uvarint(len(payload) + 2) + bytes([kind, 0]) + payload
        busy = frame(hostile_client.BUSY, b"\x90\x03" + b"\x05full!")
        self.assertTrue(hostile_client.only_busy_frames(busy))
        self.assertTrue(hostile_client.only_busy_frames(busy + busy))
        self.assertFalse(hostile_client.only_busy_frames(busy[:-1]))
        self.assertFalse(hostile_client.only_busy_frames(frame(hostile_client.CHALLENGE, b"x")))
        self.assertFalse(hostile_client.only_busy_frames(busy + frame(hostile_client.ERROR, b"x")))


class LinkstatsTest(unittest.TestCase):
    def test_each_answered_request_is_a_round_trip(self):
        events = [chunk(0, "up", "open", 0),
                  chunk(1, "up", "in", 100), chunk(11, "up", "out", 100),
                  chunk(15, "down", "in", 50), chunk(25, "down", "out", 50),
                  chunk(30, "up", "in", 100), chunk(40, "up", "out", 100),
                  chunk(45, "down", "in", 50), chunk(55, "down", "out", 50)]
        r = linkstats.analyse(events)
        self.assertEqual(r["turns"], 2)
        self.assertEqual((r["up"], r["down"]), (200, 100))
        # link busy 1-11, 15-25, 30-40, 45-55; the server's turn 11-15 and 40-45; the client's 0-1 and 25-30
        self.assertEqual((r["link_ms"], r["server_ms"], r["client_ms"]), (40.0, 9.0, 6.0))

    def test_requests_sent_together_are_one_round_trip(self):
        events = [chunk(0, "up", "open", 0),
                  chunk(1, "up", "in", 100), chunk(2, "up", "in", 100),
                  chunk(11, "up", "out", 100), chunk(12, "up", "out", 100),
                  chunk(15, "down", "in", 50), chunk(16, "down", "in", 50),
                  chunk(25, "down", "out", 50), chunk(26, "down", "out", 50)]
        self.assertEqual(linkstats.analyse(events)["turns"], 1)

    def test_a_request_overlapping_an_answer_in_flight_does_not_wait(self):
        events = [chunk(0, "up", "open", 0),
                  chunk(1, "up", "in", 100), chunk(11, "up", "out", 100),
                  chunk(15, "down", "in", 50000),
                  chunk(16, "up", "in", 10), chunk(26, "up", "out", 10),
                  chunk(40, "down", "out", 50000)]
        self.assertEqual(linkstats.analyse(events)["turns"], 1)

    def test_window_counts_only_what_happens_inside(self):
        events = [chunk(0, "up", "open", 0),
                  chunk(1, "up", "in", 100), chunk(11, "up", "out", 100),
                  chunk(15, "down", "in", 50), chunk(25, "down", "out", 50),
                  chunk(100, "up", "in", 7), chunk(110, "up", "out", 7),
                  chunk(115, "down", "in", 5), chunk(125, "down", "out", 5)]
        r = linkstats.analyse(events, 50, 130)
        self.assertEqual((r["turns"], r["up"], r["down"], r["first_up_ms"]), (1, 7, 5, 50.0))
        self.assertEqual(r["client_ms"] + r["server_ms"] + r["link_ms"], 80.0)


class WanproxyTest(unittest.TestCase):
    def test_delays_each_way_counts_bytes_and_records_the_round_trips(self):
        tmp = tempfile.mkdtemp()
        stats, timeline = os.path.join(tmp, "stats"), os.path.join(tmp, "timeline")
        backend = socket.socket()
        backend.bind(("127.0.0.1", 0))
        backend.listen(1)

        def echo():
            conn, _ = backend.accept()
            while True:
                data = conn.recv(65536)
                if not data:
                    break
                conn.sendall(data)
            conn.close()
        threading.Thread(target=echo, daemon=True).start()
        port = free_port()
        proxy = subprocess.Popen([sys.executable, os.path.join(BENCH, "wanproxy.py"), str(port),
                                  str(backend.getsockname()[1]), "0", "20", stats, timeline])
        try:
            wait_until(lambda: os.path.exists(stats))
            c = socket.create_connection(("127.0.0.1", port))
            started = time.monotonic()
            for n in (1000, 500):
                c.sendall(b"x" * n)
                got = 0
                while got < n:
                    got += len(c.recv(65536))
            elapsed = time.monotonic() - started
            c.close()
            self.assertGreaterEqual(elapsed, 0.08)  # two round trips of 2 x 20 ms
            proxy.send_signal(signal.SIGTERM)
            self.assertEqual(proxy.wait(10), 0)
            with open(stats) as f:
                self.assertEqual(f.read().split()[:2], ["up=1500", "down=1500"])
            r = linkstats.analyse(linkstats.read(timeline))
            self.assertEqual((r["turns"], r["up"], r["down"]), (2, 1500, 1500))
            self.assertGreaterEqual(r["link_ms"], 75)
        finally:
            if proxy.poll() is None:
                proxy.kill()
            proxy.wait()


class TreecheckWaitTest(unittest.TestCase):
    def test_wait_returns_once_the_trees_match_and_fails_on_timeout(self):
        tmp = tempfile.mkdtemp()
        a, b = os.path.join(tmp, "a"), os.path.join(tmp, "b")
        os.makedirs(a)
        os.makedirs(b)
        with open(os.path.join(a, "f"), "w") as f:
            f.write("new")
        self.assertEqual(treecheck.cmd_wait(a, b, 0.05), 1)
        writer = threading.Timer(0.2, lambda: open(os.path.join(b, "f"), "w").write("new"))
        writer.start()
        self.assertEqual(treecheck.cmd_wait(a, b, 10), 0)
        writer.join()


if __name__ == "__main__":
    unittest.main()
