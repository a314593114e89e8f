#!/usr/bin/env python3
"""Rewrites one file in place, over and over, with different full contents (python3 stdlib only).

  rewriter.py FILE --mib 16 --versions OUT --stop STOPFILE [--pause-ms 20]

Version k is random.Random(k).randbytes(size). Before writing a version, its SHA-256 is appended to
OUT as "sha256  NAME" (NAME = basename of FILE), so the caller knows every complete version that ever
existed. Each rewrite overwrites the file in place in 1 MiB pieces without changing its size, so a
reader that does not notice the change mid-read sees a torn mix of two versions (size and a coarse
mtime may not change at all). Stops between versions once STOPFILE exists;
prints the number of versions written.
"""
import argparse
import hashlib
import os
import random
import time

PIECE = 1 << 20


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("file")
    p.add_argument("--mib", type=int, default=16)
    p.add_argument("--versions", required=True)
    p.add_argument("--stop", required=True)
    p.add_argument("--pause-ms", type=int, default=20)
    p.add_argument("--max-versions", type=int, default=0, help="stop after this many versions (0 = no limit)")
    a = p.parse_args()
    name = os.path.basename(a.file)
    k = 0
    while not os.path.exists(a.stop) and (a.max_versions == 0 or k < a.max_versions):
        k += 1
        body = random.Random(k).randbytes(a.mib * PIECE)
        with open(a.versions, "a") as v:
            v.write(f"{hashlib.sha256(body).hexdigest()}  {name}\n")
        with open(a.file, "r+b" if os.path.exists(a.file) else "wb") as f:
            for i in range(0, len(body), PIECE):
                f.write(body[i:i + PIECE])
                f.flush()
        time.sleep(a.pause_ms / 1000)
    print(k)


if __name__ == "__main__":
    main()
