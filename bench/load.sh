#!/usr/bin/env bash
# One server, many clients: N real deltasync clients (many per JVM, each with its own folder) against one
# server JVM (java -jar target/deltasync.jar server). Scenarios: (a) one edit fans out to all, (b) every client
# edits within one second, (c) the server restarts under all of them (reconnect storm), (d) 5 % of the clients
# behind a 1 Mbit/s link. Prints a markdown table (also in WORK/results.md); see docs/bench.md.
#
#   bench/load.sh [--clients N] [--scenarios a,b,c,d] [--rounds 5] [--slow-share 0.05] [--big-mib 8]
#                 [--work DIR] [--server-jvm "-Xmx1g"]   (ports are picked free at run time)
#                 [--server-launcher bin/deltasync]   (the server through the launcher, with its class-data archive)
#
# CLIENT_JVM sets the client JVM's options (default -Xmx6g -Xss256k); SKIP_BUILD=1 reuses target/.
# The clients' log (warnings only) goes to WORK/clients.log, the server's to WORK/server.log.
set -euo pipefail
BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cd "$(dirname "$BENCH_DIR")"

WORK=$(mktemp -d /tmp/deltasync-load.XXXXXX)
args=("$@")
for ((i = 0; i < ${#args[@]}; i++)); do
    [[ ${args[i]} == --work ]] && WORK=${args[i + 1]}
done
mkdir -p "$WORK"

if [[ -z ${SKIP_BUILD:-} ]]; then
    mvn -B -q package -DskipTests
    mvn -B -q test-compile
fi
[[ -f target/load-classpath.txt ]] || mvn -B -q dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile=target/load-classpath.txt

# Each client holds a socket and a few files open; the server one socket per client.
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true

echo "work dir: $WORK"
DELTASYNC_LOG=${DELTASYNC_LOG:-warn} java ${CLIENT_JVM:--Xmx6g -Xss256k} \
    -cp "target/test-classes:target/classes:$(cat target/load-classpath.txt)" \
    dev.deltasync.load.LoadGenerator --jar target/deltasync.jar --proxy "$BENCH_DIR/wanproxy.py" --work "$WORK" \
    "$@" 2>"$WORK/clients.log"
