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


if __name__ == "__main__":
    unittest.main()
