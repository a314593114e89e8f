# Shared helpers for bench/e2e.sh and bench/faults.sh (sourced, not run).
# DELTASYNC_CMD replaces "java -jar $JAR" (e.g. to dry-run the scripts against a stand-in).

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_DIR=$(dirname "$BENCH_DIR")
JAR=${JAR:-$REPO_DIR/target/deltasync.jar}
WORKLOADS=${WORKLOADS:-/work/shared/bench/workloads.py}
BG_PIDS=()

ds_command() {
    if [[ -n ${DELTASYNC_CMD:-} ]]; then
        read -r -a DS <<< "$DELTASYNC_CMD"
        export -n DELTASYNC_CMD # the bench's own: deltasync refuses a DELTASYNC_* variable it does not know
    else
        [[ -f $JAR ]] || { echo "deltasync jar not found: $JAR (build it with: mvn -q package -DskipTests, or set JAR=...)" >&2; exit 2; }
        DS=(java -jar "$JAR")
    fi
}

now_ms() { date +%s%3N; }

free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

# port_open PORT: true when something accepts on 127.0.0.1:PORT
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# wait_port PORT PID [TIMEOUT_S]: waits until PORT accepts; fails early if PID dies
wait_port() {
    local port=$1 pid=$2 deadline=$(( $(date +%s) + ${3:-60} ))
    until port_open "$port"; do
        kill -0 "$pid" 2>/dev/null || { echo "process $pid exited before opening port $port" >&2; return 1; }
        (( $(date +%s) < deadline )) || { echo "port $port not open after ${3:-60}s" >&2; return 1; }
        sleep 0.1
    done
}

# wait_for TIMEOUT_S COMMAND...: polls COMMAND every 0.1 s until it succeeds
wait_for() {
    local deadline=$(( $(date +%s) + $1 )); shift
    until "$@"; do
        (( $(date +%s) < deadline )) || return 1
        sleep 0.1
    done
}

track() { BG_PIDS+=("$1"); }

# stop_pid PID: SIGTERM, then SIGKILL after 15 s
stop_pid() {
    local pid=$1 i
    kill -0 "$pid" 2>/dev/null || return 0
    kill -TERM "$pid" 2>/dev/null
    for ((i = 0; i < 150; i++)); do
        kill -0 "$pid" 2>/dev/null || { wait "$pid" 2>/dev/null; return 0; }
        sleep 0.1
    done
    kill -KILL "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
    return 0
}

cleanup_bg() {
    local pid
    for pid in "${BG_PIDS[@]}"; do
        stop_pid "$pid"
    done
    BG_PIDS=()
}

# peak_rss_kib PID: the process's high-water resident set (VmHWM) while it still runs
peak_rss_kib() { awk '/^VmHWM:/ {print $2}' "/proc/$1/status" 2>/dev/null || echo "?"; }

# start_server DIR PORT MODE LOG [extra options...]: sets SERVER_PID, waits until the port accepts
start_server() {
    local dir=$1 port=$2 mode=$3 log=$4; shift 4
    "${DS[@]}" server --dir "$dir" --port "$port" --mode "$mode" "$@" >"$log" 2>&1 &
    SERVER_PID=$!
    track "$SERVER_PID"
    wait_port "$port" "$SERVER_PID" 60 || { echo "server did not start, last log lines:" >&2; tail -n 20 "$log" >&2; return 1; }
}

# start_proxy LISTEN TARGET OUT_JSON [--every-ms N]: sets PROXY_PID
start_proxy() {
    local listen=$1 target=$2 out=$3; shift 3
    rm -f "$out"
    python3 "$BENCH_DIR/tcp_count_proxy.py" --listen "$listen" --target "$target" --out "$out" "$@" &
    PROXY_PID=$!
    track "$PROXY_PID"
    wait_for 10 test -s "$out"
}

# json_field FILE KEY
json_field() { python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])' "$1" "$2"; }

# summary_field LINE KEY: a number from "synced: files=N bytes_sent=N ..."
summary_field() { sed -n "s/.*[ :]$2=\([0-9]*\).*/\1/p" <<< "$1" | head -n 1; }

# time_field FILE "Label": a value from /usr/bin/time -v output
time_field() { sed -n "s/^[[:space:]]*$2: //p" "$1" | head -n 1; }

# tree_same A B: silent sha256 comparison of two folders (ignoring .deltasync/)
tree_same() { python3 "$BENCH_DIR/treecheck.py" same "$1" "$2" >/dev/null; }

mib() { awk -v b="$1" 'BEGIN { printf "%.2f", b / 1048576 }'; }
