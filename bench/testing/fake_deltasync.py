#!/usr/bin/env python3
"""Whole-file stand-in for deltasync.jar, only to dry-run bench/e2e.sh and bench/faults.sh before the
real product runs (DELTASYNC_CMD="python3 bench/testing/fake_deltasync.py"). It takes the same
server/client options the scripts use, sends whole files as JSON-lined records, writes through a temp
file in DIR/.deltasync/ and an atomic rename, and prints the contract's summary line. Not a product.
"""
import argparse
import hashlib
import json
import os
import socket
import sys
import threading
import time


def scan(root):
    out = {}
    for dirpath, dirnames, files in os.walk(root):
        if dirpath == root and ".deltasync" in dirnames:
            dirnames.remove(".deltasync")
        for f in files:
            full = os.path.join(dirpath, f)
            with open(full, "rb") as fh:
                out[os.path.relpath(full, root)] = hashlib.sha256(fh.read()).hexdigest()
    return out


def safe(root, rel):
    full = os.path.realpath(os.path.join(root, rel))
    if not full.startswith(os.path.realpath(root) + os.sep):
        raise ValueError(f"path escapes the folder: {rel}")
    return full


class Channel:
    def __init__(self, sock):
        self.sock, self.file = sock, sock.makefile("rb")
        self.sent = self.received = 0

    def send(self, obj, data=b""):
        raw = json.dumps(obj).encode() + b"\n" + data
        self.sock.sendall(raw)
        self.sent += len(raw)

    def recv(self):
        line = self.file.readline()
        if not line:
            raise ConnectionError("peer closed")
        self.received += len(line)
        obj = json.loads(line)
        data = self.file.read(obj.get("size", 0)) if "size" in obj else b""
        self.received += len(data)
        return obj, data


def install(root, rel, data):
    target = safe(root, rel)
    tmp_dir = os.path.join(root, ".deltasync")
    os.makedirs(tmp_dir, exist_ok=True)
    os.makedirs(os.path.dirname(target), exist_ok=True)
    tmp = os.path.join(tmp_dir, f"tmp-{os.getpid()}-{threading.get_ident()}")
    with open(tmp, "wb") as f:
        f.write(data)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, target)


def serve(conn, args):
    ch = Channel(conn)
    try:
        hello, _ = ch.recv()
        if hello.get("secret", "") != args.secret:
            ch.send({"error": "auth"})
            return
        ch.send({"mode": args.mode, "files": scan(args.dir)})
        while True:
            msg, data = ch.recv()
            if "put" in msg:
                install(args.dir, msg["put"], data)
            elif "delete" in msg:
                os.remove(safe(args.dir, msg["delete"]))
            elif "get" in msg:
                with open(safe(args.dir, msg["get"]), "rb") as f:
                    body = f.read()
                ch.send({"size": len(body)}, body)
            elif msg.get("done"):
                ch.send({"ok": True})
                return
    except Exception as e:  # one bad peer must not stop the server
        print(f"fake server: connection failed: {e}", file=sys.stderr)
    finally:
        conn.close()


def server(args):
    os.makedirs(args.dir, exist_ok=True)
    ls = socket.socket()
    ls.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    ls.bind(("127.0.0.1", args.port))
    ls.listen(64)
    while True:
        conn, _ = ls.accept()
        threading.Thread(target=serve, args=(conn, args), daemon=True).start()


def client(args):
    start = time.time()
    try:
        sock = socket.create_connection((args.host, args.port), timeout=30)
    except OSError as e:
        print(f"cannot connect: {e}", file=sys.stderr)
        return 3
    ch = Channel(sock)
    mine = scan(args.dir)
    ch.send({"secret": args.secret, "files": mine})
    welcome, _ = ch.recv()
    if "error" in welcome:
        print("authentication failed", file=sys.stderr)
        return 3
    theirs, files = welcome["files"], 0
    for rel, digest in mine.items():
        if theirs.get(rel) != digest and (welcome["mode"] != 1 or rel not in theirs):
            with open(os.path.join(args.dir, rel), "rb") as f:
                body = f.read()
            ch.send({"put": rel, "size": len(body)}, body)
            files += 1
    for rel in theirs.keys() - mine.keys():
        if welcome["mode"] == 2:
            ch.send({"delete": rel})
        else:
            ch.send({"get": rel})
            _, body = ch.recv()
            install(args.dir, rel, body)
        files += 1
    ch.send({"done": True})
    ch.recv()
    print(f"synced: files={files} bytes_sent={ch.sent} bytes_received={ch.received} literal=0 matched=0 "
          f"conflicts=0 deleted=0 elapsed_ms={int((time.time() - start) * 1000)}")
    return 0


def main():
    p = argparse.ArgumentParser()
    p.add_argument("role", choices=["server", "client"])
    p.add_argument("--dir", required=True)
    p.add_argument("--port", type=int, default=7070)
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--mode", type=int, default=0)
    p.add_argument("--secret", default="")
    p.add_argument("--once", action="store_true")
    args = p.parse_args()
    sys.exit(server(args) if args.role == "server" else client(args))


if __name__ == "__main__":
    main()
