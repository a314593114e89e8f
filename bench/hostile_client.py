#!/usr/bin/env python3
"""Hostile peers for the fault suite (python3 stdlib only). Speaks just enough of the deltasync wire
protocol (docs/wire.md, version 3: varint length, type, varint requestId<<4|flags, payload) to misbehave.

  hostile_client.py --port P random-frames [--frames 1000] [--seed 1]
      sends FRAMES frames of random bytes, random (often absurd) length prefixes and random headers,
      each on its own connection (16 at a time) followed by a half-close; prints how the server
      reacted: closed (no answer), answered (e.g. Refused), reset, timeout (server kept waiting 3 s),
      refused (nobody listens: the server died)
  hostile_client.py --port P wrong-auth [--count 100]
      COUNT handshakes with a random proof in Auth (each followed at once by a GetFile, as a real client
      sends its first request behind its Auth); prints how many were refused / welcomed
  hostile_client.py --port P [--secret S] escape --outside NAME
      authenticates, then asks the server to create, write, rename, delete and read paths that leave
      the shared folder (../NAME/..., absolute paths, a/../../NAME); prints each request and the
      type of the answer (Error expected)
  hostile_client.py --port P [--secret S] rules --path FILE
      authenticates, then asks the server to delete FILE (asking for no trash copy), rename it, make a
      directory and upload a file; prints each request and the answer (Ack, or Error with its code: a mode-3
      server answers NOT_ALLOWED=9)
  hostile_client.py --port P [--secret S] window
      authenticates, then sends a stream-compressed Data frame to a request nobody made, whose zstd frame
      asks for a 128 MiB window; prints whether the server closed the connection
  hostile_client.py --port P [--secret S] overflow [--mib 64]
      authenticates, announces a 10-byte file (PutFile) and streams MIB MiB of Data behind it; prints how
      much was sent before the server closed the connection
  hostile_client.py --port P flood [--connections 2000] [--source 127.0.0.2] [--seconds 15]
      opens CONNECTIONS connections from address SOURCE that never authenticate but send a Heartbeat every
      second; prints how many the server closed, how many it told Busy (the one frame it may send before
      authentication), how many are still open and whether any got another answer
Exit code: 0 when the run completed, 1 when the server welcomed a wrong proof (wrong-auth).
"""
import argparse
import hashlib
import hmac
import os
import random
import socket
import sys

HELLO, CHALLENGE, AUTH, REFUSED, BUSY = 1, 2, 3, 5, 6
HEARTBEAT = 42
CHANGED = 33
FLAG_STREAM_COMPRESSED = 4
PROTOCOL_VERSION = 3
CAPABILITIES = 0x1FFF  # protocol 3: every feature, none optional (a Hello without all of them is refused)
NONCE_BYTES = PROOF_BYTES = 16
GET_FILE, PUT_FILE, DATA, END = 20, 22, 23, 24
DELETE, RENAME, MKDIR = 30, 31, 32
ACK, ERROR = 40, 41
FLAG_LAST = 2
NAMES = {CHALLENGE: "Challenge", REFUSED: "Refused", ACK: "Ack", ERROR: "Error",
         DATA: "Data", END: "End"}


def uvarint(n):
    out = bytearray()
    while n >= 0x80:
        out.append((n & 0x7F) | 0x80)
        n >>= 7
    out.append(n)
    return bytes(out)


def zigzag(n):
    return uvarint((n << 1) ^ (n >> 63) if n < 0 else n << 1)


def blob(b):
    return uvarint(len(b)) + b


def text(s):
    return blob(s.encode("utf-8"))


def read_uvarint(buf, pos):
    shift = value = 0
    while True:
        b = buf[pos]
        pos += 1
        value |= (b & 0x7F) << shift
        if b < 0x80:
            return value, pos
        shift += 7


def read_blob(buf, pos):
    n, pos = read_uvarint(buf, pos)
    return buf[pos:pos + n], pos + n


def frame(msg_type, payload, request_id=0, flags=0):
    body = bytes([msg_type]) + uvarint(((request_id & 0xFFFFFFFF) << 4) | (flags & 0x0F)) + payload
    return uvarint(len(body)) + body


def recv_exact(sock, n):
    data = bytearray()
    while len(data) < n:
        chunk = sock.recv(n - len(data))
        if not chunk:
            raise ConnectionError("server closed the connection")
        data += chunk
    return bytes(data)


def recv_frame(sock):
    length = shift = 0
    while True:
        b = recv_exact(sock, 1)[0]
        length |= (b & 0x7F) << shift
        if b < 0x80:
            break
        shift += 7
    body = recv_exact(sock, length)
    id_flags, pos = read_uvarint(body, 1)
    return body[0], id_flags & 0x0F, id_flags >> 4, body[pos:]


def recv_answer(sock):
    """The next frame that answers a request: the server's unsolicited pushes (Changed, Heartbeat) are skipped,
    as a live peer may get one between any two answers."""
    while True:
        msg_type, flags, request_id, payload = recv_frame(sock)
        if msg_type not in (CHANGED, HEARTBEAT):
            return msg_type, flags, request_id, payload


def connect(port):
    s = socket.create_connection(("127.0.0.1", port), timeout=5)
    s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    return s


def handshake(port, secret, forge_proof=False):
    """Hello, Challenge, then Auth with a GetFile right behind it, as a real client sends its first request.
    Returns (socket, authenticated): the server answers the GetFile (an Error: no such file) only when it took
    the Auth; it answers a wrong proof with Refused and closes."""
    s = connect(port)
    nonce = os.urandom(NONCE_BYTES)
    hello = b"DS" + zigzag(PROTOCOL_VERSION) + bytes([0]) + uvarint(CAPABILITIES) + bytes([0]) + \
        text("hostile-" + os.urandom(4).hex()) + nonce
    s.sendall(frame(HELLO, hello, 1))
    msg_type, _, _, challenge = recv_frame(s)
    if msg_type != CHALLENGE:
        return s, False
    server_nonce = challenge[-NONCE_BYTES - PROOF_BYTES:-PROOF_BYTES]
    # the proofs cover what both sides announced: the Hello without magic and nonce, the Challenge's terms
    terms = hello[2:-NONCE_BYTES] + challenge[:-NONCE_BYTES - PROOF_BYTES]
    if forge_proof:
        proof = os.urandom(PROOF_BYTES)
    else:
        proof = hmac.new(secret.encode(), b"client" + server_nonce + nonce + terms,
                         hashlib.sha256).digest()[:PROOF_BYTES]
    s.sendall(frame(AUTH, proof, 2) + frame(GET_FILE, text("hostile-probe-no-such-file") + text("") + bytes([0]), 3))
    try:
        msg_type, _, _, _ = recv_frame(s)
    except ConnectionError:
        return s, False
    return s, msg_type != REFUSED


def random_frame(rnd):
    kind = rnd.random()
    if kind < 0.3:  # pure noise
        return rnd.randbytes(rnd.randint(1, 64))
    if kind < 0.6:  # random length prefix, mostly absurd, body shorter than announced
        return uvarint(rnd.getrandbits(32)) + rnd.randbytes(rnd.randint(0, 32))
    if kind < 0.8:  # plausible length prefix, random header and payload
        payload = rnd.randbytes(rnd.randint(0, 200))
        return frame(rnd.randint(0, 255), payload, rnd.getrandbits(31), rnd.randint(0, 15))
    # a Hello-typed frame with a random body (exercises the payload decoder)
    return frame(HELLO, rnd.choice([b"DS" + zigzag(PROTOCOL_VERSION), b""]) + rnd.randbytes(rnd.randint(0, 80)), 1)


def send_one(port, data):
    """Sends data on a fresh connection, half-closes, and reports how the server reacted."""
    try:
        s = connect(port)
        s.settimeout(3)
        s.sendall(data)
        s.shutdown(socket.SHUT_WR)
        answered = False
        while True:
            chunk = s.recv(65536)
            if not chunk:
                break
            answered = True
        s.close()
        return "answered" if answered else "closed"
    except socket.timeout:
        return "timeout"
    except ConnectionRefusedError:
        return "refused"
    except OSError:
        return "reset"


def random_frames(port, frames, seed):
    """One connection per frame, 16 at a time, so every frame reaches the server's decoder fresh."""
    from concurrent.futures import ThreadPoolExecutor
    rnd = random.Random(seed)
    payloads = [random_frame(rnd) for _ in range(frames)]
    with ThreadPoolExecutor(16) as pool:
        outcomes = list(pool.map(lambda d: send_one(port, d), payloads))
    counts = {k: outcomes.count(k) for k in ("closed", "answered", "reset", "timeout", "refused")}
    print(f"frames={frames} " + " ".join(f"{k}={v}" for k, v in counts.items()))
    return 1 if counts["refused"] else 0


def wrong_auth(port, count):
    welcomed = refused = dropped = unanswered = 0
    for _ in range(count):
        try:
            s, authenticated = handshake(port, "", forge_proof=True)
            s.close()
            if authenticated:
                welcomed += 1
            else:
                refused += 1
        except socket.timeout:
            unanswered += 1
            if unanswered >= 3 and refused == 0:
                print("the server does not answer the handshake; giving up", file=sys.stderr)
                break
        except (ConnectionError, OSError):
            dropped += 1
    print(f"attempts={count} refused={refused} dropped={dropped} unanswered={unanswered} welcomed={welcomed}")
    return 1 if welcomed else 0


def file_entry(path, size, sha):
    return text(path) + bytes([0b1000]) + uvarint(size) + zigzag(0) + sha


def escape(port, secret, outside):
    s, authenticated = handshake(port, secret)
    if not authenticated:
        print("the server refused the handshake; cannot test path escapes")
        return 1
    s.settimeout(10)
    targets = [f"../{outside}/x", f"a/../../{outside}/x", f"/tmp/{outside}-abs", f"..\\{outside}\\x",
               f"./../{outside}/y", f"{outside}/../../{outside}/z"]
    rid = 100
    body = b"escaped!\n"
    sha = hashlib.sha256(body).digest()
    for path in targets:
        requests = [
            ("Mkdir", [frame(MKDIR, text(path) + uvarint(0), rid)]),
            ("PutFile", [frame(PUT_FILE, file_entry(path, len(body), sha) + text(""), rid + 1),
                         frame(DATA, body, rid + 1),
                         frame(END, uvarint(len(body)) + blob(sha), rid + 1, FLAG_LAST)]),
            ("Rename", [frame(RENAME, text("does-not-exist") + text(path) + text(""), rid + 2)]),
            ("Delete", [frame(DELETE, text(path) + text("") + bytes([0]), rid + 3)]),
            ("GetFile", [frame(GET_FILE, text(path) + text("") + bytes([0]), rid + 4)]),
        ]
        for offset, (name, frames) in enumerate(requests):
            try:
                for f in frames:
                    s.sendall(f)
                msg_type, _, _, _ = recv_answer(s)
                while msg_type == DATA:  # a GetFile answered with content would be an escape too
                    msg_type, _, _, _ = recv_answer(s)
                    name += "(data!)"
                print(f"{name} {path!r} -> {NAMES.get(msg_type, msg_type)}")
            except (ConnectionError, OSError) as e:
                print(f"{name} {path!r} -> connection dropped ({e}); reconnecting")
                s, _ = handshake(port, secret)
                s.settimeout(10)
        rid += 10
    s.close()
    return 0


def error_code(msg_type, flags, payload):
    if msg_type != ERROR:
        return NAMES.get(msg_type, str(msg_type))
    if flags & FLAG_STREAM_COMPRESSED:  # the payload is part of the connection's zstd stream: code unreadable here
        return "Error(code in the compressed stream)"
    code, _ = read_uvarint(payload, 0)
    return f"Error({(code >> 1) ^ -(code & 1)})"


def rules(port, secret, path):
    s, authenticated = handshake(port, secret)
    if not authenticated:
        print("the server refused the handshake")
        return 1
    s.settimeout(10)
    body = b"a client's version\n"
    sha = hashlib.sha256(body).digest()
    requests = [
        ("Delete(no trash)", [frame(DELETE, text(path) + text("") + bytes([0]), 10)]),
        ("Rename", [frame(RENAME, text(path) + text(path + ".moved") + text(""), 11)]),
        ("Mkdir", [frame(MKDIR, text("planted-by-client") + uvarint(0), 12)]),
        ("PutFile", [frame(PUT_FILE, file_entry("uploaded-by-client.txt", len(body), sha) + text(""), 13),
                     frame(DATA, body, 13), frame(END, uvarint(len(body)) + blob(sha), 13, FLAG_LAST)]),
    ]
    for rid, (name, frames) in enumerate(requests, start=10):
        for f in frames:
            s.sendall(f)
        while True:  # skip what is not this request's answer (the server's pushes, the probe's answer)
            msg_type, flags, answer_to, payload = recv_frame(s)
            if answer_to == rid:
                break
        print(f"{name} {path!r} -> {error_code(msg_type, flags, payload)}")
    s.close()
    return 0


def closed_within(s, seconds):
    s.settimeout(seconds)
    try:
        while True:
            chunk = s.recv(65536)
            if not chunk:
                return True
    except socket.timeout:
        return False
    except OSError:
        return True


def window(port, secret):
    s, authenticated = handshake(port, secret)
    if not authenticated:
        print("the server refused the handshake")
        return 1
    content = b"eleven byte"
    block = (len(content) << 3) | 1
    zstd = bytes([0x28, 0xB5, 0x2F, 0xFD, 0x00, (27 - 10) << 3]) + block.to_bytes(3, "little") + content
    s.sendall(frame(DATA, zstd, 999, FLAG_STREAM_COMPRESSED))
    print(f"128 MiB window frame sent; closed by server: {'yes' if closed_within(s, 10) else 'no'}")
    return 0


def overflow(port, secret, mib):
    s, authenticated = handshake(port, secret)
    if not authenticated:
        print("the server refused the handshake")
        return 1
    body = bytes(10)
    s.sendall(frame(PUT_FILE, file_entry("ten-bytes.bin", 10, hashlib.sha256(body).digest()) + text(""), 20))
    chunk = frame(DATA, bytes(256 * 1024), 20)
    sent = 0
    try:
        for _ in range(mib * 4):
            s.sendall(chunk)
            sent += 256 * 1024
    except OSError:
        pass
    print(f"declared=10 sent={sent} closed by server: {'yes' if closed_within(s, 10) else 'no'}")
    return 0


def only_busy_frames(data):
    """Whether data is whole frames of type Busy (a server past its handshake limits says that and closes)."""
    at = 0
    while at < len(data):
        length, shift = 0, 0
        while True:
            if at >= len(data):
                return False
            b = data[at]
            at += 1
            length |= (b & 0x7F) << shift
            shift += 7
            if not b & 0x80:
                break
        if length == 0 or at + length > len(data) or data[at] != BUSY:
            return False
        at += length
    return at > 0


def flood(port, connections, source, seconds):
    import resource
    import selectors
    import time
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    wanted = connections + 64
    if soft < wanted and (hard == resource.RLIM_INFINITY or wanted <= hard):
        resource.setrlimit(resource.RLIMIT_NOFILE, (wanted, hard))
    selector = selectors.DefaultSelector()
    socks, failed = set(), 0
    for _ in range(connections):
        try:
            s = socket.create_connection(("127.0.0.1", port), timeout=5, source_address=(source, 0))
            s.setblocking(False)
            selector.register(s, selectors.EVENT_READ)
            socks.add(s)
        except OSError:
            failed += 1
    closed = answered = busy = 0
    end = time.monotonic() + seconds
    next_beat = 0
    while socks and time.monotonic() < end:
        if time.monotonic() >= next_beat:
            beat = frame(HEARTBEAT, zigzag(int(time.time() * 1000)), 0)
            for s in list(socks):
                try:
                    s.send(beat)
                except OSError:
                    pass
            next_beat = time.monotonic() + 1.0
        for key, _ in selector.select(timeout=0.2):
            s = key.fileobj
            try:
                data = s.recv(65536)
            except BlockingIOError:
                continue
            except OSError:
                data = b""
            if data and only_busy_frames(data):
                busy += 1
            elif data:
                answered += 1
            else:
                closed += 1
                selector.unregister(s)
                socks.discard(s)
                s.close()
    print(f"connections={connections} failed_to_connect={failed} closed_by_server={closed} told_busy={busy} "
          f"still_open={len(socks)} answered={answered}")
    for s in socks:
        s.close()
    return 0


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--secret", default="")
    sub = p.add_subparsers(dest="cmd", required=True)
    rf = sub.add_parser("random-frames")
    rf.add_argument("--frames", type=int, default=1000)
    rf.add_argument("--seed", type=int, default=1)
    wa = sub.add_parser("wrong-auth")
    wa.add_argument("--count", type=int, default=100)
    es = sub.add_parser("escape")
    es.add_argument("--outside", required=True)
    ru = sub.add_parser("rules")
    ru.add_argument("--path", required=True)
    sub.add_parser("window")
    ov = sub.add_parser("overflow")
    ov.add_argument("--mib", type=int, default=64)
    fl = sub.add_parser("flood")
    fl.add_argument("--connections", type=int, default=2000)
    fl.add_argument("--source", default="127.0.0.2")
    fl.add_argument("--seconds", type=float, default=15)
    args = p.parse_args(argv)
    if args.cmd == "rules":
        return rules(args.port, args.secret, args.path)
    if args.cmd == "window":
        return window(args.port, args.secret)
    if args.cmd == "overflow":
        return overflow(args.port, args.secret, args.mib)
    if args.cmd == "flood":
        return flood(args.port, args.connections, args.source, args.seconds)
    if args.cmd == "random-frames":
        return random_frames(args.port, args.frames, args.seed)
    if args.cmd == "wrong-auth":
        return wrong_auth(args.port, args.count)
    return escape(args.port, args.secret, args.outside)


if __name__ == "__main__":
    sys.exit(main())
