#!/usr/bin/env bash
# Latency of live watching: a small file's close -> its ChangeBatch leaving the debounce
# (reaching direct:local-changes). Prints min/median/p99/max over the samples.
# Usage: bench/watch-latency.sh [quiet-ms=1000] [samples=100] [atomic|delete|edit+delete|rsync]
# (atomic: each file saved as rsync and editors do, a temp file renamed over it; timed from the rename;
#  delete: a reported file deleted, timed from the deletion; edit+delete: one reported file rewritten and another
#  deleted, timed from the deletion until both were covered; rsync: rsync -a --delete brings a 40-directory tree up to
#  date with 3 edits, 1 deletion and 1 new file, timed from rsync's exit until all five were covered)
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q test-compile
cp_file=$(mktemp)
trap 'rm -f "$cp_file"' EXIT
mvn -B -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$cp_file" >/dev/null
java -cp "target/test-classes:target/classes:$(cat "$cp_file")" dev.deltasync.camel.WatchLatencyBench "${1:-1000}" "${2:-100}" ${3:+"$3"}
