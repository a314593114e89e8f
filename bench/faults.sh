#!/usr/bin/env bash
# Fault suite: each case prints "PASS|FAIL|SKIP <case> <figure>" and ends by checking that both folders
# are consistent (sha256 per file) and that nothing is half-written (every file is a complete version).
#
# Usage: bench/faults.sh [--jar PATH] [--cases a,b] [--quick] [--keep]
# Cases: kill9-server kill9-client rewrite hostile path-escape ten-clients disk-full
#        mode-rules zstd-window overflow flood
# Env:   JAR, QUICK=1 (50 MiB transfers, 10 JVM wrong-secret runs; under ~3 minutes), KEEP=1,
#        FAULT_MIB (kill -9 transfer size, default 500), REWRITE_MIB (default 64),
#        WRONG_SECRET_RUNS (JVM clients with a wrong secret, default 100), DELTASYNC_CMD.
set -uo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

ALL_CASES=kill9-server,kill9-client,rewrite,hostile,path-escape,ten-clients,disk-full,mode-rules,zstd-window,overflow,flood
CASES=${CASES:-$ALL_CASES}
QUICK=${QUICK:-0}
KEEP=${KEEP:-0}
while (($#)); do
    case $1 in
        --jar) JAR=$2; shift ;;
        --cases) CASES=$2; shift ;;
        --quick) QUICK=1 ;;
        --keep) KEEP=1 ;;
        -h|--help) sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "unknown option: $1 (see --help)" >&2; exit 2 ;;
    esac
    shift
done
if [[ $QUICK == 1 ]]; then
    FAULT_MIB=${FAULT_MIB:-50}; REWRITE_MIB=${REWRITE_MIB:-16}; WRONG_SECRET_RUNS=${WRONG_SECRET_RUNS:-10}
    FLOOD_HANDSHAKE_MS=${FLOOD_HANDSHAKE_MS:-3000}
else
    FAULT_MIB=${FAULT_MIB:-500}; REWRITE_MIB=${REWRITE_MIB:-64}; WRONG_SECRET_RUNS=${WRONG_SECRET_RUNS:-100}
    FLOOD_HANDSHAKE_MS=${FLOOD_HANDSHAKE_MS:-10000}
fi
ds_command

RUN=$(mktemp -d "${TMPDIR:-/tmp}/deltasync-faults.XXXXXX")
MOUNTS=()
finish() {
    cleanup_bg
    local m
    for m in "${MOUNTS[@]}"; do umount "$m" 2>/dev/null; done
    if [[ $KEEP == 1 ]]; then echo "scratch kept in $RUN" >&2; else rm -rf "$RUN"; fi
}
trap finish EXIT
trap 'exit 130' INT TERM
FAILED=0

result() {  # result CASE STATUS FIGURE...
    local case=$1 status=$2; shift 2
    [[ $status == FAIL ]] && FAILED=1
    echo "$status $case $*"
}

manifest() { python3 "$BENCH_DIR/treecheck.py" manifest "$1"; }
# whole DIR MANIFEST...: every file in DIR is a complete known version (reasons go to stderr)
whole() { python3 "$BENCH_DIR/treecheck.py" whole "$@" >&2; }
same() { python3 "$BENCH_DIR/treecheck.py" same "$1" "$2" >&2; }

# client_once DIR PORT LOG [options]: runs client --once, returns its exit code
client_once() {
    local dir=$1 port=$2 log=$3; shift 3
    "${DS[@]}" client --dir "$dir" --port "$port" --once "$@" >"$log" 2>&1
}

random_file() { head -c "$(($2 * 1048576))" /dev/urandom > "$1"; }

# ---------------------------------------------------------------- kill -9 mid-transfer
# kill9 server|client: uploads a FAULT_MIB file (mode 0), kills the chosen side with SIGKILL once a
# third has crossed the proxy, checks nothing is torn, restarts, and expects a clean --once sync.
kill9() {
    local victim=$1 c=$RUN/kill9-$1
    mkdir -p "$c/server" "$c/client"
    random_file "$c/client/big.bin" "$FAULT_MIB"
    echo "small file" > "$c/client/small.txt"
    manifest "$c/client" > "$c/new.manifest"
    local port pport
    port=$(free_port); pport=$(free_port)
    start_server "$c/server" "$port" 0 "$c/server.log" || { result "kill9-$victim" FAIL "server did not start"; return; }
    # the rate limit makes the upload last about 5 s, so the kill lands in its middle
    start_proxy "$pport" "$port" "$c/proxy.json" --every-ms 50 --rate-mib $(( FAULT_MIB / 5 > 1 ? FAULT_MIB / 5 : 1 ))
    "${DS[@]}" client --dir "$c/client" --port "$pport" --once >"$c/client1.log" 2>&1 &
    local cpid=$!
    track "$cpid"
    local third=$((FAULT_MIB * 1048576 / 3))
    moved() { (( $(json_field "$c/proxy.json" client_to_server) >= third )) || ! kill -0 "$cpid" 2>/dev/null; }
    wait_for 300 moved
    local at
    at=$(json_field "$c/proxy.json" client_to_server)
    if ! kill -0 "$cpid" 2>/dev/null; then
        wait "$cpid"
        result "kill9-$victim" FAIL "transfer ended (exit $?) after $(mib "$at") MiB, before the kill; raise FAULT_MIB"
        stop_pid "$SERVER_PID"; stop_pid "$PROXY_PID"
        return
    fi
    if [[ $victim == server ]]; then
        kill -KILL "$SERVER_PID"; wait "$SERVER_PID" 2>/dev/null
        gone() { ! kill -0 "$cpid" 2>/dev/null; }
        wait_for 120 gone
        stop_pid "$cpid"
    else
        kill -KILL "$cpid"; wait "$cpid" 2>/dev/null
    fi
    stop_pid "$PROXY_PID"
    local torn=0
    whole "$c/server" "$c/new.manifest" || torn=1
    whole "$c/client" "$c/new.manifest" || torn=1
    if [[ $victim == server ]]; then
        start_server "$c/server" "$port" 0 "$c/server2.log" || { result "kill9-$victim" FAIL "server did not restart"; return; }
    fi
    local t0 rc
    t0=$(now_ms)
    client_once "$c/client" "$port" "$c/client2.log"; rc=$?
    local ms=$(( $(now_ms) - t0 ))
    stop_pid "$SERVER_PID"
    local status=PASS
    ((torn == 0)) || status=FAIL
    ((rc == 0)) || { status=FAIL; tail -n 5 "$c/client2.log" >&2; }
    same "$c/server" "$c/client" || status=FAIL
    whole "$c/server" "$c/new.manifest" || status=FAIL
    result "kill9-$victim" "$status" "killed after $(mib "$at") of $FAULT_MIB MiB; torn files after kill: $torn;" \
        "resync exit $rc in $ms ms; $(grep -ho 'synced: .*' "$c/client2.log" | tail -n 1)"
}

# ---------------------------------------------------------------- file rewritten while sent
rewrite() {
    local c=$RUN/rewrite
    mkdir -p "$c/server" "$c/client"
    local port
    port=$(free_port)
    python3 "$BENCH_DIR/rewriter.py" "$c/client/hot.bin" --mib "$REWRITE_MIB" --versions "$c/versions" \
        --stop "$c/stop" --max-versions 1 >/dev/null
    python3 "$BENCH_DIR/rewriter.py" "$c/client/hot.bin" --mib "$REWRITE_MIB" --versions "$c/versions" \
        --stop "$c/stop" >"$c/writer.out" &
    local wpid=$!
    track "$wpid"
    start_server "$c/server" "$port" 0 "$c/server.log" || { result rewrite FAIL "server did not start"; return; }
    local rc1 rc2
    client_once "$c/client" "$port" "$c/client1.log"; rc1=$?
    local during
    during=$(wc -l < "$c/versions")
    touch "$c/stop"; wait "$wpid"
    local status=PASS got="none"
    whole "$c/server" "$c/versions" || status=FAIL
    if [[ -f $c/server/hot.bin ]]; then
        local sha
        sha=$(sha256sum "$c/server/hot.bin" | cut -d' ' -f1)
        got=$(grep -n "^$sha " "$c/versions" | head -n 1 | cut -d: -f1)
        got=${got:+version $got (complete)}
        got=${got:-a torn file ${sha:0:12}}
    fi
    client_once "$c/client" "$port" "$c/client2.log"; rc2=$?
    stop_pid "$SERVER_PID"
    ((rc1 <= 1)) || status=FAIL
    ((rc2 == 0)) || status=FAIL
    same "$c/server" "$c/client" || status=FAIL
    result rewrite "$status" "$during versions of $REWRITE_MIB MiB written; sync during rewrites exit $rc1," \
        "receiver got $got; settled sync exit $rc2"
}

# ---------------------------------------------------------------- hostile peers
hostile() {
    local c=$RUN/hostile
    mkdir -p "$c/server" "$c/client"
    echo "good data" > "$c/client/good.txt"
    local port
    port=$(free_port)
    start_server "$c/server" "$port" 0 "$c/server.log" --secret good || { result hostile FAIL "server did not start"; return; }
    local frames forged
    frames=$(python3 "$BENCH_DIR/hostile_client.py" --port "$port" random-frames --frames 1000 2>&1 | tail -n 1)
    forged=$(python3 "$BENCH_DIR/hostile_client.py" --port "$port" wrong-auth --count 100 2>&1 | tail -n 1)
    local codes
    # each wrong client has its own folder: two clients on one folder are refused by the folder's state lock
    codes=$(seq "$WRONG_SECRET_RUNS" | xargs -P 4 -I{} sh -c \
        '"$@" client --dir "'"$c"'/wrong{}" --port '"$port"' --once --secret wrong >"'"$c"'/wrong{}.log" 2>&1; echo $?' _ "${DS[@]}" \
        | sort | uniq -c | awk '{printf "%s%sx exit %s", sep, $1, $2; sep=", "}')
    local status=PASS alive=yes
    kill -0 "$SERVER_PID" 2>/dev/null && port_open "$port" || { alive=no; status=FAIL; }
    [[ $codes == "${WRONG_SECRET_RUNS}x exit 3" ]] || status=FAIL
    [[ $forged == *" unanswered=0 welcomed=0" ]] || status=FAIL
    local rc=-1
    if [[ $alive == yes ]]; then
        client_once "$c/client" "$port" "$c/good.log" --secret good; rc=$?
    fi
    stop_pid "$SERVER_PID"
    ((rc == 0)) || status=FAIL
    same "$c/server" "$c/client" || status=FAIL
    result hostile "$status" "random frames: $frames; forged proofs: $forged; $WRONG_SECRET_RUNS clients" \
        "with a wrong secret: $codes; server alive: $alive; good client exit $rc"
}

# ---------------------------------------------------------------- path escape
path_escape() {
    local c=$RUN/path-escape
    mkdir -p "$c/server" "$c/client" "$c/canary"
    # server side: a symlink out of the folder where the client has a real folder with a file
    ln -s ../canary "$c/server/evil"
    mkdir -p "$c/client/evil" && echo "planted by client" > "$c/client/evil/planted.txt"
    # client side: the reverse
    ln -s ../canary "$c/client/evil2"
    mkdir -p "$c/server/evil2" && echo "planted by server" > "$c/server/evil2/planted.txt"
    echo "normal" > "$c/client/normal.txt"
    local port
    port=$(free_port)
    start_server "$c/server" "$port" 0 "$c/server.log" || { result path-escape FAIL "server did not start"; return; }
    rm -rf /tmp/canary-abs  # the absolute path the raw client tries
    python3 "$BENCH_DIR/hostile_client.py" --port "$port" escape --outside "canary" > "$c/escape.out" 2>&1
    local asked refused rc
    asked=$(grep -c ' -> ' "$c/escape.out"); refused=$(grep -c ' -> Error' "$c/escape.out")
    client_once "$c/client" "$port" "$c/client.log"; rc=$?
    local alive=yes
    kill -0 "$SERVER_PID" 2>/dev/null || alive=no
    stop_pid "$SERVER_PID"
    local status=PASS leaked
    leaked=$(find "$c/canary" -mindepth 1 | wc -l)
    ((leaked == 0)) || { status=FAIL; find "$c/canary" -mindepth 1 >&2; }
    [[ ! -e /tmp/canary-abs ]] || { status=FAIL; echo "written outside: /tmp/canary-abs" >&2; }
    [[ $alive == yes ]] || status=FAIL
    [[ -f $c/server/normal.txt ]] || status=FAIL
    ((asked > 0)) || { status=FAIL; echo "the raw client could not get through the handshake:" >&2; }
    # every request must come back as an Error: a dropped connection would mean the request never reached
    # the path check (a wire mismatch in the raw client), so it would prove nothing
    ((refused == asked)) || status=FAIL
    grep -v ' -> Error' "$c/escape.out" | tail -n 5 >&2
    result path-escape "$status" "raw requests refused: $refused/$asked; symlink-traversal sync exit $rc;" \
        "files in canary: $leaked; server alive: $alive"
}

# ---------------------------------------------------------------- ten clients at once, mode 0
ten_clients() {
    local c=$RUN/ten-clients n=10 i j
    mkdir -p "$c/server" "$c/union"
    for ((i = 1; i <= n; i++)); do
        mkdir -p "$c/client$i/c$i"
        for ((j = 1; j <= 5; j++)); do
            head -c $((4096 * j)) /dev/urandom > "$c/client$i/c$i/file-$j.bin"
        done
        cp -a "$c/client$i/." "$c/union/"
    done
    local port
    port=$(free_port)
    start_server "$c/server" "$port" 0 "$c/server.log" || { result ten-clients FAIL "server did not start"; return; }
    local t0 pids=() codes=""
    t0=$(now_ms)
    for ((i = 1; i <= n; i++)); do
        client_once "$c/client$i" "$port" "$c/client$i.log" &
        pids+=($!)
    done
    for i in "${pids[@]}"; do wait "$i"; codes+="$? "; done
    local ms=$(( $(now_ms) - t0 ))
    # a client that finished early missed later uploads: a second round brings everyone to the union
    local second=""
    for ((i = 1; i <= n; i++)); do
        client_once "$c/client$i" "$port" "$c/client$i.round2.log"; second+="$? "
    done
    stop_pid "$SERVER_PID"
    local status=PASS converged=0
    same "$c/server" "$c/union" || status=FAIL
    for ((i = 1; i <= n; i++)); do
        python3 "$BENCH_DIR/treecheck.py" same "$c/client$i" "$c/union" >/dev/null && converged=$((converged + 1))
    done
    ((converged == n)) || status=FAIL
    [[ $codes == *[123]* || $second == *[123]* ]] && status=FAIL
    result ten-clients "$status" "concurrent round in $ms ms, exits: ${codes% }; second round exits: ${second% };" \
        "$converged/$n clients hold the union of $(python3 "$BENCH_DIR/treecheck.py" count "$c/union") files"
}

# ---------------------------------------------------------------- disk full
disk_full() {
    local c=$RUN/disk-full
    mkdir -p "$c/server" "$c/client"
    if [[ $(id -u) != 0 ]] || ! mount -t tmpfs -o size=16m tmpfs "$c/server" 2>/dev/null; then
        echo "SKIP disk-full (needs root)"
        return
    fi
    MOUNTS+=("$c/server")
    random_file "$c/client/big.bin" 32
    echo "fits" > "$c/client/small.txt"
    manifest "$c/client" > "$c/client.manifest"
    local port
    port=$(free_port)
    start_server "$c/server" "$port" 0 "$c/server.log" || { result disk-full FAIL "server did not start"; return; }
    local rc
    client_once "$c/client" "$port" "$c/client.log"; rc=$?
    local alive=yes
    kill -0 "$SERVER_PID" 2>/dev/null || alive=no
    stop_pid "$SERVER_PID"
    local status=PASS
    whole "$c/server" "$c/client.manifest" || status=FAIL
    whole "$c/client" "$c/client.manifest" || status=FAIL
    [[ -f $c/client/big.bin && -f $c/server/small.txt ]] || status=FAIL
    ((rc == 1)) || status=FAIL
    [[ $alive == yes ]] || status=FAIL
    local err
    err=$(grep -i -m 1 'space\|disk' "$c/client.log" | cut -c1-160)
    result disk-full "$status" "32 MiB file into a 16 MiB tmpfs: client exit $rc (expect 1), server alive: $alive;" \
        "small file synced: $([[ -f $c/server/small.txt ]] && echo yes || echo no); error: ${err:-none reported}"
    umount "$c/server" && MOUNTS=()
}

# ---------------------------------------------------------------- the server enforces its mode
# mode-rules: a raw client with the secret deletes (asking for no trash copy), renames, makes a directory and
# uploads, against a server in each mode. Mode 3 must refuse all four (NOT_ALLOWED = 9) and change nothing;
# modes 0-2 must keep the deleted file in the server's trash.
mode_rules() {
    local c=$RUN/mode-rules mode status=PASS refused3=0 trashed=0 intact3=no
    for mode in 0 1 2 3; do
        mkdir -p "$c/server$mode"
        echo "precious in mode $mode" > "$c/server$mode/victim.txt"
        local port
        port=$(free_port)
        start_server "$c/server$mode" "$port" "$mode" "$c/server$mode.log" \
            || { result mode-rules FAIL "server in mode $mode did not start"; return; }
        # the server indexes its folder in the background after it listens: a Delete before that finds no victim
        local waited=0
        until grep -q 'Indexed ' "$c/server$mode.log" || ((waited >= 100)); do sleep 0.1; waited=$((waited + 1)); done
        python3 "$BENCH_DIR/hostile_client.py" --port "$port" rules --path victim.txt > "$c/rules$mode.out" 2>&1
        stop_pid "$SERVER_PID"
        if [[ $mode == 3 ]]; then
            # answers are compressed (their codes unreadable to this client): each must be an Error, and the
            # server's log must name each refusal as its mode-3 rule (NOT_ALLOWED)
            local errors logged
            errors=$(grep -c -- '-> Error(' "$c/rules3.out")
            logged=$(grep -cE 'Refused a (Delete|Rename|Mkdir|PutFile) .*\(mode 3\)' "$c/server3.log")
            refused3=$((errors < logged ? errors : logged))
            [[ $(cat "$c/server3/victim.txt" 2>/dev/null) == "precious in mode 3" && ! -e $c/server3/planted-by-client \
                && ! -e $c/server3/uploaded-by-client.txt && ! -e $c/server3/victim.txt.moved ]] && intact3=yes
        elif grep -rqx "precious in mode $mode" "$c/server$mode/.deltasync/trash" 2>/dev/null; then
            trashed=$((trashed + 1))
        fi
    done
    ((refused3 == 4)) || { status=FAIL; cat "$c/rules3.out" >&2; }
    [[ $intact3 == yes ]] || status=FAIL
    ((trashed == 3)) || status=FAIL
    result mode-rules "$status" "mode 3: $refused3/4 changes refused NOT_ALLOWED, folder intact: $intact3;" \
        "modes 0-2: a delete asking for no trash copy left one in the trash in $trashed/3"
}

# ---------------------------------------------------------------- decompressor window
# zstd-window: a zstd frame asking for a 128 MiB window, sent to a request nobody made, 6 times: each
# connection must be closed, and the server's memory must not grow by the windows.
zstd_window() {
    local c=$RUN/zstd-window
    mkdir -p "$c/server" "$c/client"
    echo "good data" > "$c/client/good.txt"
    local port
    port=$(free_port)
    start_server "$c/server" "$port" 0 "$c/server.log" || { result zstd-window FAIL "server did not start"; return; }
    local before after closed=0 i
    before=$(awk '/VmRSS/ {print $2}' "/proc/$SERVER_PID/status" 2>/dev/null)
    for i in 1 2 3 4 5 6; do
        python3 "$BENCH_DIR/hostile_client.py" --port "$port" window >> "$c/window.out" 2>&1
    done
    closed=$(grep -c 'closed by server: yes' "$c/window.out")
    after=$(awk '/VmRSS/ {print $2}' "/proc/$SERVER_PID/status" 2>/dev/null)
    local rc
    client_once "$c/client" "$port" "$c/client.log"; rc=$?
    local alive=yes
    kill -0 "$SERVER_PID" 2>/dev/null || alive=no
    stop_pid "$SERVER_PID"
    local status=PASS grew=$(( (${after:-0} - ${before:-0}) / 1024 ))
    ((closed == 6)) || { status=FAIL; cat "$c/window.out" >&2; }
    ((grew < 256)) || status=FAIL
    ((rc == 0)) || status=FAIL
    [[ $alive == yes ]] || status=FAIL
    result zstd-window "$status" "connections closed: $closed/6; server RSS ${before:-?} -> ${after:-?} kB" \
        "(+$grew MiB; 6 x 128 MiB windows would be +768); good client exit $rc"
}

# ---------------------------------------------------------------- unbounded spool
# overflow: a PutFile announcing a 10-byte file followed by 64 MiB of data (16 in QUICK mode). The server must
# close the connection near the request's bound (3 x 10 bytes + 1 MiB of delta framing) and keep no spool.
overflow() {
    local c=$RUN/overflow mib=$((QUICK == 1 ? 16 : 64))
    mkdir -p "$c/server" "$c/client"
    echo "good data" > "$c/client/good.txt"
    local port
    port=$(free_port)
    start_server "$c/server" "$port" 0 "$c/server.log" || { result overflow FAIL "server did not start"; return; }
    local tmp=$c/server/.deltasync/tmp
    ( most=0; while [[ ! -e $c/stop-sampling ]]; do
          now=$(du -sb "$tmp" 2>/dev/null | cut -f1); (( ${now:-0} > most )) && most=$now && echo "$most" > "$c/most"
          sleep 0.05
      done ) &
    local sampler=$!
    track "$sampler"
    python3 "$BENCH_DIR/hostile_client.py" --port "$port" overflow --mib "$mib" > "$c/overflow.out" 2>&1
    touch "$c/stop-sampling"; wait "$sampler" 2>/dev/null
    local rc
    client_once "$c/client" "$port" "$c/client.log"; rc=$?
    local alive=yes
    kill -0 "$SERVER_PID" 2>/dev/null || alive=no
    stop_pid "$SERVER_PID"
    local status=PASS most left sent
    most=$(cat "$c/most" 2>/dev/null || echo 0)
    left=$(find "$tmp" -type f 2>/dev/null | wc -l)
    sent=$(sed -n 's/.*sent=\([0-9]*\).*/\1/p' "$c/overflow.out")
    grep -q 'closed by server: yes' "$c/overflow.out" || status=FAIL
    ((most <= 2 * 1048576)) || status=FAIL   # the directory's own size plus at most the 1 MiB bound
    ((left == 0)) || status=FAIL
    [[ ! -e $c/server/ten-bytes.bin ]] || status=FAIL
    ((rc == 0)) || status=FAIL
    [[ $alive == yes ]] || status=FAIL
    result overflow "$status" "declared 10 bytes, streamed ${sent:-?} of $mib MiB before the close;" \
        "largest spool seen: ${most} bytes; spool files left: $left; good client exit $rc"
}

# ---------------------------------------------------------------- handshake flood
# flood: 2,000 connections from 127.0.0.2 that never authenticate but send a Heartbeat every second, against a
# server limited to 1,024 open files, while a good client (from 127.0.0.1) syncs. The server must close every
# flood connection (over the per-address cap at once, told Busy, the rest at the handshake deadline), answer none
# of them otherwise, and never run out of file descriptors.
flood() {
    local c=$RUN/flood
    mkdir -p "$c/server" "$c/client"
    echo "synced during the flood" > "$c/client/during-flood.txt"
    local port
    port=$(free_port)
    local saved=("${DS[@]}")
    DS=(bash -c 'ulimit -n 1024 && exec "$@"' _ "${saved[@]}")
    start_server "$c/server" "$port" 0 "$c/server.log" --secret good --handshake-timeout-ms "$FLOOD_HANDSHAKE_MS"
    local started=$?
    DS=("${saved[@]}")
    ((started == 0)) || { result flood FAIL "server did not start"; return; }
    local seconds=$(( FLOOD_HANDSHAKE_MS / 1000 + 5 ))
    python3 "$BENCH_DIR/hostile_client.py" --port "$port" flood --connections 2000 --source 127.0.0.2 \
        --seconds "$seconds" > "$c/flood.out" 2>&1 &
    local fpid=$!
    track "$fpid"
    sleep 2  # the flood's connections are open (the client below must sync through them)
    local rc t0 ms
    t0=$(now_ms)
    client_once "$c/client" "$port" "$c/client.log" --secret good; rc=$?
    ms=$(( $(now_ms) - t0 ))
    wait "$fpid"
    local alive=yes
    kill -0 "$SERVER_PID" 2>/dev/null && port_open "$port" || alive=no
    stop_pid "$SERVER_PID"
    local status=PASS line fds=no
    line=$(tail -n 1 "$c/flood.out")
    grep -q 'Too many open files' "$c/server.log" && fds=yes
    [[ $line == *" still_open=0 answered=0" ]] || status=FAIL
    ((rc == 0)) || status=FAIL
    [[ -f $c/server/during-flood.txt ]] || status=FAIL
    [[ $alive == yes ]] || status=FAIL
    [[ $fds == no ]] || status=FAIL
    result flood "$status" "$line; good client exit $rc in $ms ms during the flood; 'Too many open files': $fds;" \
        "server alive: $alive (ulimit -n 1024, handshake deadline $FLOOD_HANDSHAKE_MS ms)"
}

START=$(now_ms)
for case in ${CASES//,/ }; do
    case $case in
        kill9-server) kill9 server ;;
        kill9-client) kill9 client ;;
        rewrite) rewrite ;;
        hostile) hostile ;;
        path-escape) path_escape ;;
        ten-clients) ten_clients ;;
        disk-full) disk_full ;;
        mode-rules) mode_rules ;;
        zstd-window) zstd_window ;;
        overflow) overflow ;;
        flood) flood ;;
        *) echo "unknown case $case (known: $ALL_CASES)" >&2; FAILED=1 ;;
    esac
    cleanup_bg
done
echo "faults: done in $(( ($(now_ms) - START) / 1000 )) s"
exit $FAILED
