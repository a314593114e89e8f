#!/usr/bin/env bash
# Checks that signature + delta + patch of a 4 GiB file work in a 256 MiB heap, and reports times and
# peak resident memory. Data goes to BENCH_DIR (default /tmp/deltasync-4g), never the repository.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
JAR=${JAR:-$ROOT/target/deltasync.jar}
DIR=${BENCH_DIR:-/tmp/deltasync-4g}
GIB=${GIB:-4}
[[ -f "$JAR" ]] || (cd "$ROOT" && mvn -B -q package -DskipTests)
mkdir -p "$DIR"
if [[ ! -f "$DIR/old.bin" || $(stat -c %s "$DIR/old.bin") -ne $((GIB << 30)) ]]; then
  head -c $((GIB << 30)) /dev/urandom > "$DIR/old.bin"
fi
cp "$DIR/old.bin" "$DIR/new.bin"
# 10 scattered 4 KiB overwrites and 1 MiB appended
for i in $(seq 1 10); do
  head -c 4096 /dev/urandom | dd of="$DIR/new.bin" bs=4096 seek=$((i * (GIB << 18) / 11)) conv=notrunc status=none
done
head -c $((1 << 20)) /dev/urandom >> "$DIR/new.bin"
run() { /usr/bin/time -f "  %e s wall, peak RSS %M KiB" java -Xmx256m -jar "$JAR" "$@"; }
echo "signature:"; run signature "$DIR/old.bin" "$DIR/old.sig"
echo "delta:"; run delta "$DIR/old.sig" "$DIR/new.bin" "$DIR/new.delta" --stats
echo "patch:"; run patch "$DIR/old.bin" "$DIR/new.delta" "$DIR/rebuilt.bin"
cmp "$DIR/new.bin" "$DIR/rebuilt.bin" && echo "rebuilt file identical ($(stat -c %s "$DIR/new.bin") bytes); signature $(stat -c %s "$DIR/old.sig") B, delta $(stat -c %s "$DIR/new.delta") B"
rm -f "$DIR/rebuilt.bin"
