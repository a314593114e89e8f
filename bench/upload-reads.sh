#!/usr/bin/env bash
# What a warm upload reads of the changed file: big-insert's OLD is synced twice (so its signature is cached), then
# NEW is written over it and a client --once under strace counts the bytes it reads of data.bin (read, pread64,
# preadv on descriptors of that file) and of cached signatures. Needs strace and the QUICK workloads of bench/e2e.sh
# (run `bench/e2e.sh --quick --link-only --profiles loopback --link-cases big-insert --situations warm` once).
#
# Usage: bench/upload-reads.sh JAR [WORKLOAD_DIR (default $TMPDIR/deltasync-workloads-quick)]
set -u
jar=$1
w=${2:-${TMPDIR:-/tmp}/deltasync-workloads-quick}/big-insert
size=$(stat -c %s "$w/NEW/data.bin") || exit 2
d=$(mktemp -d); mkdir -p "$d/srv" "$d/cli"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
java -jar "$jar" server --dir "$d/srv" --port "$port" >"$d/server.log" 2>&1 & spid=$!
for _ in $(seq 100); do grep -q Listening "$d/server.log" && break; sleep 0.2; done
cp "$w/OLD/data.bin" "$d/cli/"
for _ in 1 2; do java -jar "$jar" client --dir "$d/cli" --host 127.0.0.1 --port "$port" --once >/dev/null 2>>"$d/client.log"; done
cp "$w/NEW/data.bin" "$d/cli/data.bin"
strace -f -y -e trace=read,pread64,preadv -o "$d/trace" \
    java -jar "$jar" client --dir "$d/cli" --host 127.0.0.1 --port "$port" --once 2>>"$d/client.log"
kill "$spid"; wait "$spid" 2>/dev/null
grep 'data.bin>' "$d/trace" | awk -F'= ' -v size="$size" \
    '{s+=$NF} END {printf "client read %d bytes of data.bin (%.2f x its %d bytes)\n", s, s/size, size}'
grep '\.deltasync/signatures' "$d/trace" | awk -F'= ' '{s+=$NF} END {printf "and %d bytes of cached signatures\n", s}'
rm -rf "$d"
