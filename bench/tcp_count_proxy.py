#!/usr/bin/env python3
"""Counting TCP proxy (python3 stdlib only).

Listens on 127.0.0.1:LISTEN, forwards every connection to 127.0.0.1:TARGET and counts the bytes
moved in each direction over all connections. The totals are written as JSON
{"client_to_server": N, "server_to_client": N, "connections": N} to OUT on every connection close,
every --every-ms milliseconds if given (to watch a transfer in progress), and on SIGTERM/SIGINT.
The file is replaced atomically, so a reader never sees half a document.

--rate-mib limits each direction of each connection to that many MiB/s (to make a transfer last long
enough to interrupt it in the middle).

Usage: tcp_count_proxy.py --listen 7071 --target 7070 --out counts.json [--every-ms 200] [--rate-mib 10]
"""
import argparse
import json
import os
import signal
import socket
import sys
import threading
import time

CHUNK = 256 * 1024


class Totals:
    def __init__(self, out_path):
        self.out_path = out_path
        self.lock = threading.Lock()
        self.client_to_server = 0
        self.server_to_client = 0
        self.connections = 0

    def add(self, direction, n):
        with self.lock:
            if direction == "c2s":
                self.client_to_server += n
            else:
                self.server_to_client += n

    def connection_opened(self):
        with self.lock:
            self.connections += 1

    def write(self):
        with self.lock:
            doc = {"client_to_server": self.client_to_server,
                   "server_to_client": self.server_to_client,
                   "connections": self.connections}
            tmp = self.out_path + ".tmp"
            with open(tmp, "w") as f:
                json.dump(doc, f)
                f.write("\n")
            os.replace(tmp, self.out_path)


def pump(src, dst, direction, totals, done, rate):
    """Copies src to dst until EOF (at most rate bytes/s if rate > 0), then half-closes dst."""
    started, moved = time.monotonic(), 0
    try:
        while True:
            data = src.recv(CHUNK if rate <= 0 else min(CHUNK, max(1024, int(rate / 20))))
            if not data:
                break
            dst.sendall(data)
            totals.add(direction, len(data))
            moved += len(data)
            if rate > 0:
                ahead = moved / rate - (time.monotonic() - started)
                if ahead > 0:
                    time.sleep(ahead)
    except OSError:
        pass
    finally:
        try:
            dst.shutdown(socket.SHUT_WR)
        except OSError:
            pass
        done.release()


def serve_connection(client, target_port, totals, rate):
    try:
        server = socket.create_connection(("127.0.0.1", target_port))
    except OSError as e:
        print(f"tcp_count_proxy: cannot reach 127.0.0.1:{target_port}: {e}", file=sys.stderr)
        client.close()
        return
    totals.connection_opened()
    for s in (client, server):
        s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    done = threading.Semaphore(0)
    threading.Thread(target=pump, args=(client, server, "c2s", totals, done, rate), daemon=True).start()
    threading.Thread(target=pump, args=(server, client, "s2c", totals, done, rate), daemon=True).start()
    done.acquire()
    done.acquire()
    client.close()
    server.close()
    totals.write()


def periodic_writer(totals, every_ms, stop):
    while not stop.wait(every_ms / 1000.0):
        totals.write()


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--listen", type=int, required=True, help="port to listen on (127.0.0.1)")
    p.add_argument("--target", type=int, required=True, help="port to forward to (127.0.0.1)")
    p.add_argument("--out", required=True, help="JSON file receiving the totals")
    p.add_argument("--every-ms", type=int, default=0, help="also write the totals this often (0 = off)")
    p.add_argument("--rate-mib", type=float, default=0, help="MiB/s per direction and connection (0 = no limit)")
    args = p.parse_args(argv)
    rate = args.rate_mib * 1048576

    totals = Totals(args.out)
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", args.listen))
    listener.listen(128)
    totals.write()  # the file appearing tells scripts the proxy is listening

    stop = threading.Event()

    def on_signal(signum, _frame):
        stop.set()
        totals.write()
        os._exit(0)

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    if args.every_ms > 0:
        threading.Thread(target=periodic_writer, args=(totals, args.every_ms, stop), daemon=True).start()

    while True:
        client, _ = listener.accept()
        threading.Thread(target=serve_connection, args=(client, args.target, totals, rate), daemon=True).start()


if __name__ == "__main__":
    main()
