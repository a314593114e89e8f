#!/usr/bin/env bash
# Benchmark: deltasync's engine CLI (signature + delta) against rdiff (librsync) and openssl SHA-256,
# on workloads from /work/shared/bench/workloads.py. Prints one table row per case.
#
#   bench/engine-vs-rdiff.sh                 # full sizes: 1 GiB unchanged/shift1, 256 MiB nomatch, 64 MiB others
#   QUICK=1 bench/engine-vs-rdiff.sh         # 64 MiB everywhere, for a quick look
#
# Environment (all optional):
#   CASES          comma-separated workload cases   [unchanged,shift1,nomatch,scatter,big-insert]
#   UNCHANGED_MIB  SHIFT_MIB  NOMATCH_MIB  BIG_MIB  sizes in MiB   [1024 1024 256 64]
#   REPEAT         runs per tool and case; the fastest counts     [3]
#   BENCH_DIR      where data and outputs go (never the repo)     [/tmp/deltasync-bench]
#   JAVA           java command, JAVA_OPTS extra JVM options      [java, ""]
# MB/s = new file bytes / 10^6 / seconds of wall time; for ours and rdiff: signature time + delta time.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
JAR=${JAR:-$ROOT/target/deltasync.jar}
WORKLOADS=${WORKLOADS:-/work/shared/bench/workloads.py}
BENCH_DIR=${BENCH_DIR:-/tmp/deltasync-bench}
CASES=${CASES:-unchanged,shift1,nomatch,scatter,big-insert}
REPEAT=${REPEAT:-3}
JAVA=${JAVA:-java}
JAVA_OPTS=${JAVA_OPTS:-}
if [[ -n "${QUICK:-}" ]]; then
  UNCHANGED_MIB=${UNCHANGED_MIB:-64} SHIFT_MIB=${SHIFT_MIB:-64} NOMATCH_MIB=${NOMATCH_MIB:-64} BIG_MIB=${BIG_MIB:-64}
fi
UNCHANGED_MIB=${UNCHANGED_MIB:-1024}
SHIFT_MIB=${SHIFT_MIB:-1024}
NOMATCH_MIB=${NOMATCH_MIB:-256}
BIG_MIB=${BIG_MIB:-64}

for tool in rdiff openssl python3 "$JAVA"; do
  command -v "$tool" >/dev/null || { echo "missing tool: $tool" >&2; exit 2; }
done
case "$BENCH_DIR" in "$ROOT"*) echo "BENCH_DIR must be outside the repository" >&2; exit 2;; esac

if [[ ! -f "$JAR" ]]; then
  echo "building $JAR ..." >&2
  (cd "$ROOT" && mvn -B -q package -DskipTests)
fi

# Generate the workloads once per set of sizes.
params="cases=$CASES unchanged=$UNCHANGED_MIB shift=$SHIFT_MIB nomatch=$NOMATCH_MIB big=$BIG_MIB"
data="$BENCH_DIR/data"
if [[ "$(cat "$BENCH_DIR/params" 2>/dev/null)" != "$params" ]]; then
  echo "generating workloads ($params) in $data ..." >&2
  rm -rf "$data" && mkdir -p "$data"
  python3 "$WORKLOADS" "$data" --cases "$CASES" --unchanged-mib "$UNCHANGED_MIB" --shift-mib "$SHIFT_MIB" \
    --nomatch-mib "$NOMATCH_MIB" --big-mib "$BIG_MIB" >/dev/null
  echo "$params" > "$BENCH_DIR/params"
fi
out="$BENCH_DIR/out"
mkdir -p "$out"

now() { date +%s.%N; }
# best_time CMD...: runs the command REPEAT times, prints the fastest wall time in seconds.
best_time() {
  local best="" start end t
  for ((i = 0; i < REPEAT; i++)); do
    start=$(now); "$@" >/dev/null || { echo "failed: $*" >&2; exit 1; }; end=$(now)
    t=$(echo "$end - $start" | bc -l)
    if [[ -z "$best" ]] || (( $(echo "$t < $best" | bc -l) )); then best=$t; fi
  done
  echo "$best"
}
ours() { $JAVA $JAVA_OPTS -jar "$JAR" "$@"; }
mbps() { echo "scale=0; $1 / 1000000 / $2" | bc -l; }

printf '%-11s | %9s | %14s | %10s | %6s | %12s | %16s | %17s\n' \
  case size "ours MB/s" "rdiff MB/s" ratio "openssl MB/s" "ours sig+delta B" "rdiff sig+delta B"
printf -- '------------+-----------+----------------+------------+--------+--------------+------------------+------------------\n'
IFS=, read -ra case_list <<< "$CASES"
for c in "${case_list[@]}"; do
  old=$(find "$data/$c/OLD" -type f | head -1)
  new=$(find "$data/$c/NEW" -type f | head -1)
  size=$(stat -c %s "$new")
  cat "$old" "$new" > /dev/null   # both in the page cache, for every tool alike

  t_sig=$(best_time ours signature "$old" "$out/$c.sig")
  t_delta=$(best_time ours delta "$out/$c.sig" "$new" "$out/$c.delta")
  r_sig=$(best_time rdiff --force signature "$old" "$out/$c.rsig")
  r_delta=$(best_time rdiff --force delta "$out/$c.rsig" "$new" "$out/$c.rdelta")
  t_ssl=$(best_time openssl dgst -sha256 "$new")

  ours_t=$(echo "$t_sig + $t_delta" | bc -l)
  rdiff_t=$(echo "$r_sig + $r_delta" | bc -l)
  ours_bytes=$(( $(stat -c %s "$out/$c.sig") + $(stat -c %s "$out/$c.delta") ))
  rdiff_bytes=$(( $(stat -c %s "$out/$c.rsig") + $(stat -c %s "$out/$c.rdelta") ))
  printf '%-11s | %5d MiB | %14s | %10s | %5.2fx | %12s | %16d | %17d\n' "$c" $((size >> 20)) \
    "$(mbps "$size" "$ours_t")" "$(mbps "$size" "$rdiff_t")" "$(echo "$rdiff_t / $ours_t" | bc -l)" \
    "$(mbps "$size" "$t_ssl")" "$ours_bytes" "$rdiff_bytes"

  # Not timed: our patch must rebuild the new file exactly.
  ours patch "$old" "$out/$c.delta" "$out/$c.rebuilt"
  cmp -s "$new" "$out/$c.rebuilt" || { echo "$c: patched file differs from NEW" >&2; exit 1; }
  rm -f "$out/$c.rebuilt"
done
echo "(best of $REPEAT runs; ours = java -jar deltasync.jar signature + delta, JVM start-up included; all patches verified)"
