#!/usr/bin/env bash
# End-to-end propagation latency on loopback: a small file closed in the client's folder -> the same
# file complete in the server's folder, through the real jar (live client, real watcher, real sockets).
# Prints min/median/p99/max over the samples. Usage: bench/propagation-latency.sh [quiet-ms=1000] [samples=100]
set -euo pipefail
cd "$(dirname "$0")/.."
quiet=${1:-1000}
samples=${2:-100}
[ -f target/deltasync.jar ] || mvn -B -q package -DskipTests
work=$(mktemp -d)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
mkdir -p "$work/server" "$work/client"
java -jar target/deltasync.jar server --dir "$work/server" --port "$port" --quiet-ms "$quiet" 2>"$work/server.log" &
pids+=($!)
java -jar target/deltasync.jar client --dir "$work/client" --port "$port" --quiet-ms "$quiet" 2>"$work/client.log" &
pids+=($!)
python3 - "$work" "$samples" "$quiet" <<'PY'
import os, sys, time, statistics
work, samples, quiet = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
client, server = os.path.join(work, "client"), os.path.join(work, "server")
deadline = time.time() + 60
while "Connected to server" not in open(os.path.join(work, "client.log")).read():
    if time.time() > deadline:
        sys.exit("the client did not connect; see " + work)
    time.sleep(0.05)
def one(i):
    name = f"sample-{i:04d}.txt"
    body = f"sample {i}\n".encode()
    with open(os.path.join(client, name), "wb") as f:
        f.write(body)
    start = time.perf_counter()
    target = os.path.join(server, name)
    while True:
        try:
            with open(target, "rb") as f:
                if f.read() == body:
                    return (time.perf_counter() - start) * 1000
        except FileNotFoundError:
            pass
        if time.perf_counter() - start > 30:
            sys.exit(f"{name} did not arrive within 30 s")
        time.sleep(0.001)
for i in range(3):
    one(-1 - i)  # warm-up
lat = sorted(one(i) for i in range(samples))
p99 = lat[min(len(lat) - 1, int(round(0.99 * (len(lat) - 1))))]
print(f"propagation client->server, quiet-ms={quiet}, {samples} samples: "
      f"min {lat[0]:.0f} ms, median {statistics.median(lat):.0f} ms, p99 {p99:.0f} ms, max {lat[-1]:.0f} ms "
      f"(target: median <= {quiet + 200} ms)")
PY
