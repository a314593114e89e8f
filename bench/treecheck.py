#!/usr/bin/env python3
"""Folder checks for the benchmark and fault scripts (python3 stdlib only).

  treecheck.py manifest DIR            prints "sha256  path" for every file under DIR (symlinks as
                                       "link:<target>"), sorted, skipping the top-level .deltasync/
  treecheck.py same DIR_A DIR_B        exit 0 if both hold the same paths with the same contents,
                                       else prints the differences (at most 20) and exits 1
  treecheck.py whole DIR MANIFEST...   exit 0 if every file in DIR is a complete known version: its
                                       hash equals the hash some MANIFEST gives for the same path, or
                                       (for conflict copies and renames) any hash in the MANIFESTs;
                                       otherwise names each torn or unknown file and exits 1
  treecheck.py count DIR               prints the number of files under DIR (skipping .deltasync/)
  treecheck.py wait DIR_A DIR_B SECS   polls every 10 ms until both hold the same paths and contents
                                       (rehashing only files whose size, mtime or inode changed), then
                                       prints the epoch milliseconds it saw them equal; exit 1 on timeout
"""
import hashlib
import os
import sys

META = ".deltasync"


def file_digest(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        while True:
            block = f.read(1 << 20)
            if not block:
                break
            h.update(block)
    return h.hexdigest()


def tree(root):
    """Maps relative path -> sha256 hex (or link:<target>) for files and symlinks under root."""
    out = {}
    for dirpath, dirnames, filenames in os.walk(root):
        rel_dir = os.path.relpath(dirpath, root)
        if rel_dir == ".":
            rel_dir = ""
            if META in dirnames:
                dirnames.remove(META)
        for name in dirnames + filenames:
            full = os.path.join(dirpath, name)
            rel = os.path.join(rel_dir, name) if rel_dir else name
            if os.path.islink(full):
                out[rel] = "link:" + os.readlink(full)
            elif name in filenames:
                try:
                    out[rel] = file_digest(full)
                except OSError as e:
                    out[rel] = "unreadable:" + e.strerror
    return out


def read_manifest(path):
    entries = {}
    with open(path) as f:
        for line in f:
            line = line.rstrip("\n")
            if line:
                digest, rel = line.split("  ", 1)
                entries.setdefault(rel, set()).add(digest)
    return entries


def cmd_manifest(root):
    for rel, digest in sorted(tree(root).items()):
        print(f"{digest}  {rel}")
    return 0


def cmd_same(a, b):
    ta, tb = tree(a), tree(b)
    problems = []
    for rel in sorted(set(ta) | set(tb)):
        if rel not in tb:
            problems.append(f"only in {a}: {rel}")
        elif rel not in ta:
            problems.append(f"only in {b}: {rel}")
        elif ta[rel] != tb[rel]:
            problems.append(f"differs: {rel} ({ta[rel][:12]} vs {tb[rel][:12]})")
    for line in problems[:20]:
        print(line)
    if len(problems) > 20:
        print(f"... and {len(problems) - 20} more differences")
    return 1 if problems else 0


def cmd_whole(root, manifests):
    known = {}
    for m in manifests:
        for rel, digests in read_manifest(m).items():
            known.setdefault(rel, set()).update(digests)
    any_known = set().union(*known.values()) if known else set()
    bad = 0
    for rel, digest in sorted(tree(root).items()):
        allowed = known.get(rel, any_known)
        if digest not in allowed:
            print(f"not a complete known version: {os.path.join(root, rel)} ({digest[:16]})")
            bad += 1
    return 1 if bad else 0


class HashCache:
    """Hashes of files keyed by (path, size, mtime_ns, inode): a poll rehashes only what changed."""

    def __init__(self):
        self.known = {}

    def tree(self, root):
        out = {}
        for dirpath, dirnames, filenames in os.walk(root):
            rel_dir = os.path.relpath(dirpath, root)
            if rel_dir == ".":
                rel_dir = ""
                if META in dirnames:
                    dirnames.remove(META)
            for name in filenames:
                full = os.path.join(dirpath, name)
                rel = os.path.join(rel_dir, name) if rel_dir else name
                try:
                    st = os.lstat(full)
                    key = (full, st.st_size, st.st_mtime_ns, st.st_ino)
                    if key not in self.known:
                        self.known[key] = "link:" + os.readlink(full) if os.path.islink(full) else file_digest(full)
                    out[rel] = self.known[key]
                except OSError:
                    out[rel] = None  # vanished or replaced while we looked: not equal yet
        return out


def cmd_wait(a, b, secs):
    import time
    cache, deadline = HashCache(), time.time() + float(secs)
    while True:
        if cache.tree(a) == cache.tree(b):
            print(int(time.time() * 1000))
            return 0
        if time.time() > deadline:
            return 1
        time.sleep(0.01)


def cmd_count(root):
    print(len(tree(root)))
    return 0


def main(argv):
    if len(argv) >= 2 and argv[0] == "manifest" and len(argv) == 2:
        return cmd_manifest(argv[1])
    if len(argv) == 3 and argv[0] == "same":
        return cmd_same(argv[1], argv[2])
    if len(argv) >= 3 and argv[0] == "whole":
        return cmd_whole(argv[1], argv[2:])
    if len(argv) == 4 and argv[0] == "wait":
        return cmd_wait(argv[1], argv[2], argv[3])
    if len(argv) == 2 and argv[0] == "count":
        return cmd_count(argv[1])
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
