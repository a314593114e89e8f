# The link model of bench/e2e.sh (sourced, not run): deltasync and rsync -z through bench/wanproxy.py,
# cold, warm and live, per link profile. Uses lib.sh and e2e.sh's rsync daemon ($RSYNC_PORT, $RSYNC_DST).

# link_profile NAME: prints "MBIT ONEWAY_MS LABEL"; NAME is a known profile or MBIT:RTT_MS
link_profile() {
    case $1 in
        loopback) echo "0 0 loopback (no shaping)" ;;
        100m10) echo "100 5 100 Mbit/s, 10 ms RTT" ;;
        20m40) echo "20 20 20 Mbit/s, 40 ms RTT" ;;
        4m80) echo "4 40 4 Mbit/s, 80 ms RTT" ;;
        *:*)
            local mbit=${1%%:*} rtt=${1#*:}
            [[ $mbit =~ ^[0-9]+$ && $rtt =~ ^[0-9]+$ ]] || return 1
            echo "$mbit $((rtt / 2)) $mbit Mbit/s, $rtt ms RTT" ;;
        *) return 1 ;;
    esac
}

# start_link_proxy TARGET PROFILE PREFIX: sets LINK_PID and LINK_PORT; PREFIX.stats and PREFIX.timeline.
# The port is chosen here, just before the bind, and another is tried if it was taken meanwhile.
start_link_proxy() {
    local target=$1 prefix=$3 mbit delay try
    read -r mbit delay _ <<< "$(link_profile "$2")"
    for try in 1 2 3; do
        rm -f "$prefix.stats" "$prefix.timeline"
        LINK_PORT=$(free_port)
        python3 "$BENCH_DIR/wanproxy.py" "$LINK_PORT" "$target" "$mbit" "$delay" "$prefix.stats" "$prefix.timeline" \
            2>"$prefix.proxy.err" &
        LINK_PID=$!
        track "$LINK_PID"
        # the stats file is written once the port accepts; probing the port would count as a connection
        wait_for 30 test -s "$prefix.stats" && return 0
        stop_pid "$LINK_PID"
        echo "link proxy did not start on port $LINK_PORT (try $try): $(tail -n 1 "$prefix.proxy.err")" >&2
    done
    return 1
}

# stats_field PREFIX KEY: a number from linkstats.py's JSON for PREFIX.timeline (cached in PREFIX.json)
stats_field() {
    python3 -c 'import json,sys; v=json.load(open(sys.argv[1])).get(sys.argv[2], ""); print(v)' "$1.json" "$2"
}

# link_rsync CASE_DIR PROFILE PREFIX: one rsync -z through the proxy; sets LR_BYTES LR_MS LR_TURNS LR_CHECK
link_rsync() {
    local case_dir=$1 profile=$2 prefix=$3 t0 t1 rc
    local receiver=$RSYNC_DST
    if [[ $DIRECTION == down ]]; then
        # the daemon's module holds NEW, a local copy of OLD pulls it
        receiver=$prefix.dst
        rm -rf "$RSYNC_DST" "$receiver" && cp -a "$case_dir/NEW" "$RSYNC_DST" && cp -a "$case_dir/OLD" "$receiver"
    else
        rm -rf "$RSYNC_DST" && cp -a "$case_dir/OLD" "$RSYNC_DST"
    fi
    start_link_proxy "$RSYNC_PORT" "$profile" "$prefix" || { LR_CHECK=proxy-failed; return 1; }
    t0=$(now_ms)
    if [[ $DIRECTION == down ]]; then
        rsync -a -z --delete --no-whole-file --sockopts=TCP_NODELAY "rsync://127.0.0.1:$LINK_PORT/mod/" "$receiver/" \
            >"$prefix.out" 2>&1
    else
        rsync -a -z --delete --no-whole-file --sockopts=TCP_NODELAY "$case_dir/NEW/" "rsync://127.0.0.1:$LINK_PORT/mod/" \
            >"$prefix.out" 2>&1
    fi
    rc=$?
    t1=$(now_ms)
    stop_pid "$LINK_PID"
    LR_MS=$((t1 - t0))
    python3 "$BENCH_DIR/linkstats.py" "$prefix.timeline" > "$prefix.json"
    LR_BYTES=$(( $(stats_field "$prefix" up) + $(stats_field "$prefix" down) ))
    LR_TURNS=$(stats_field "$prefix" turns)
    if ((rc != 0)); then
        LR_CHECK="rsync-exit-$rc"; tail -n 5 "$prefix.out" >&2
    elif tree_same "$receiver" "$case_dir/NEW"; then
        LR_CHECK=ok
    else
        LR_CHECK=rsync-differs
    fi
    [[ $DIRECTION == down ]] && rm -rf "$receiver"
    return 0
}

# ds_link_once CLIENT_DIR PORT PREFIX: one client --once; sets L_RC L_START L_END L_LINE L_ELAPSED
ds_link_once() {
    local cli=$1 port=$2 prefix=$3
    L_START=$(now_ms)
    "${DS[@]}" client --dir "$cli" --port "$port" --once >"$prefix.client.out" 2>"$prefix.client.err"
    L_RC=$?
    L_END=$(now_ms)
    L_LINE=$(grep -ho 'synced: files=.*' "$prefix.client.out" "$prefix.client.err" | tail -n 1)
    L_ELAPSED=$(summary_field "$L_LINE" elapsed_ms)
}

# ds_check SERVER_DIR NEW_DIR NAME: prints ok or FAIL (and the differences on stderr)
ds_check() {
    if tree_same "$1" "$2"; then echo ok; else
        echo "FAIL: server folder differs from NEW after deltasync $3:" >&2
        python3 "$BENCH_DIR/treecheck.py" same "$1" "$2" >&2
        echo FAIL
    fi
}

# ds_link CASE_DIR PROFILE SITUATION PREFIX: sets LD_BYTES LD_MS LD_TURNS LD_NOTE LD_CHECK (and LD_PHASES for warm)
ds_link() {
    local case_dir=$1 profile=$2 situation=$3 prefix=$4
    local srv=$prefix.server cli=$prefix.client sport quiet=() mode=2
    # up: the client's folder becomes NEW and the server's must follow; down: the other way round
    local sender=$cli receiver=$srv
    [[ $DIRECTION == down ]] && sender=$srv receiver=$cli mode=3
    rm -rf "$srv" "$cli"
    LD_BYTES=0 LD_MS="" LD_TURNS="" LD_NOTE="" LD_CHECK="" LD_PHASES=""
    local warmups=0
    [[ $situation == live && -d $(warmup_case "$case_dir" 1) ]] && warmups=$LIVE_WARMUP
    [[ $situation == live* ]] && quiet=(--quiet-ms "$LIVE_QUIET_MS")
    if [[ $situation == cold ]]; then
        cp -a "$case_dir/NEW" "$sender"
        cp -a "$case_dir/OLD" "$receiver"
    else
        cp -a "$case_dir/OLD" "$srv"
        warmup_seed "$case_dir" "$srv" "$warmups"
    fi
    sport=$(free_port)
    start_server "$srv" "$sport" "$mode" "$prefix.server.log" "${quiet[@]}" || { LD_CHECK=server-failed; return 1; }
    if [[ $situation != cold ]]; then
        # steady state: the client synced OLD before (state and scan cache kept), then its files became NEW
        cp -a "$case_dir/OLD" "$cli"
        warmup_seed "$case_dir" "$cli" "$warmups"
        ds_link_once "$cli" "$sport" "$prefix.setup"
        ((L_RC == 0)) || { LD_CHECK="FAIL(setup exit $L_RC)"; stop_pid "$SERVER_PID"; return 1; }
    fi
    start_link_proxy "$sport" "$profile" "$prefix" || { LD_CHECK=proxy-failed; stop_pid "$SERVER_PID"; return 1; }
    case $situation in
        cold|warm)
            [[ $situation == warm ]] && rsync -a --delete --exclude=/.deltasync "$case_dir/NEW/" "$sender/"
            ds_link_once "$cli" "$LINK_PORT" "$prefix"
            stop_pid "$LINK_PID"
            python3 "$BENCH_DIR/linkstats.py" "$prefix.timeline" --client-log "$prefix.client.err" \
                --started "$L_START" --ended "$L_END" > "$prefix.json"
            LD_MS=${L_ELAPSED:-?}
            LD_TURNS=$(stats_field "$prefix" turns)
            if [[ $situation == cold ]]; then
                LD_NOTE="process $((L_END - L_START)) ms"
            else
                LD_NOTE="JVM start + exit $(( L_END - L_START - ${L_ELAPSED:-0} )) ms"
                LD_PHASES=$(python3 - "$prefix.json" <<'PY'
import json, sys
j = json.load(open(sys.argv[1]))
keys = ["start_ms", "handshake_ms", "scan_ms", "manifest_ms", "plan_ms", "transfers_ms", "exit_ms",
        "link_ms", "server_ms", "client_ms", "cycle_turns"]
print(" | ".join(str(round(j[k])) if isinstance(j.get(k), (int, float)) else "?" for k in keys))
PY
)
            fi
            if [[ -z $L_LINE || $L_RC != 0 ]]; then
                LD_CHECK="FAIL(exit $L_RC)"; tail -n 10 "$prefix.client.err" >&2
            else
                LD_CHECK=$(ds_check "$receiver" "$case_dir/NEW" "$situation $(basename "$case_dir")")
            fi
            ;;
        live|live-cold)
            "${DS[@]}" client --dir "$cli" --port "$LINK_PORT" "${quiet[@]}" >"$prefix.client.out" 2>"$prefix.client.err" &
            local cpid=$! t_written t_done
            track "$cpid"
            if ! wait_for 60 grep -q 'Connected to server' "$prefix.client.err"; then
                LD_CHECK="FAIL(live client did not connect)"; tail -n 10 "$prefix.client.err" >&2
            elif ! warmup_run "$case_dir" "$sender" "$receiver" "$warmups"; then
                LD_CHECK="FAIL(live warm-up: $WARMUP_FAILURE)"
            else
                # after a warm-up the peers' watchers may still report its deletions (their own writes) for a while
                # with no byte on the link: a longer quiet keeps that out of the measured change
                link_quiet "$prefix.stats" $( ((warmups)) && echo 3000 || echo 1000)
                rsync -a --delete --exclude=/.deltasync "$case_dir/NEW/" "$sender/"
                t_written=$(now_ms)
                if t_done=$(python3 "$BENCH_DIR/treecheck.py" wait "$receiver" "$case_dir/NEW" 300); then
                    # the quiet period is the user's setting, not the sync's work: the time is what follows it
                    LD_MS=$((t_done - t_written - LIVE_QUIET_MS))
                    LD_CHECK=ok
                else
                    LD_CHECK="FAIL(live: $DIRECTION, receiver not equal to NEW after 300 s)"
                    python3 "$BENCH_DIR/treecheck.py" same "$receiver" "$case_dir/NEW" >&2
                fi
            fi
            stop_pid "$cpid"
            stop_pid "$LINK_PID"
            # read once the proxy has gone (it flushes its timeline then): read at t_done, the last chunks could be
            # missing from it, and with them bytes and round trips (a loopback scatter download counted 163 B)
            if [[ $LD_CHECK == ok ]]; then
                python3 "$BENCH_DIR/linkstats.py" "$prefix.timeline" --from "$t_written" --to "$t_done" > "$prefix.json"
                LD_TURNS=$(stats_field "$prefix" turns)
                LD_NOTE="$((t_done - t_written)) ms from the write, quiet period $LIVE_QUIET_MS ms included; $( ((warmups)) && echo "peers warmed by $warmups changes" || echo "fresh peers' first change"); client's first byte +$(stats_field "$prefix" first_up_ms) ms"
            fi
            ;;
    esac
    stop_pid "$SERVER_PID"
    [[ -f $prefix.json ]] && LD_BYTES=$(( $(stats_field "$prefix" up) + $(stats_field "$prefix" down) ))
    [[ $KEEP == 1 ]] || rm -rf "$srv" "$cli"
    return 0
}

# warmup_seed CASE_DIR DIR COUNT: puts COUNT copies of OLD under DIR/warmup-1.. (both peers hold them before the
# setup sync, so each is already in sync when the live peers start)
warmup_seed() {
    local i
    for ((i = 1; i <= $3; i++)); do cp -a "$(warmup_case "$1" "$i")/OLD" "$2/warmup-$i"; done
}

# warmup_case CASE_DIR I: the warm-up workload of change I (same case, other seed: see generate_warmup_workloads)
warmup_case() { echo "$WORKLOAD_DIR-warmup-$2/$(basename "$1")"; }

# warmup_run CASE_DIR SENDER RECEIVER COUNT: the running peers sync COUNT changes of the measured kind before the
# measured one, each on its own scratch folder (OLD becomes NEW there, then the folder is deleted), so that the
# measured change meets warm JVMs as in a long-running pair; the tree is OLD again afterwards. Sets WARMUP_FAILURE.
warmup_run() {
    local sender=$2 receiver=$3 i warm
    WARMUP_FAILURE=""
    for ((i = 1; i <= $4; i++)); do
        warm=$(warmup_case "$1" "$i")
        rsync -a --delete "$warm/NEW/" "$sender/warmup-$i/"
        python3 "$BENCH_DIR/treecheck.py" wait "$receiver/warmup-$i" "$warm/NEW" 300 >/dev/null \
            || { WARMUP_FAILURE="change $i not synced after 300 s"; return 1; }
        rm -rf "$sender/warmup-$i"
        wait_for 300 test ! -e "$receiver/warmup-$i" \
            || { WARMUP_FAILURE="folder warmup-$i not deleted on the receiver after 300 s"; return 1; }
    done
}

# link_quiet STATSFILE MS: waits (at most 30 s) until the proxy's byte counts stop moving for MS
link_quiet() {
    local file=$1 ms=$2 last="" now stable=0 i
    for ((i = 0; i < 300 && stable < ms; i++)); do
        now=$(cat "$file" 2>/dev/null)
        if [[ $now == "$last" ]]; then stable=$((stable + 100)); else stable=0; last=$now; fi
        sleep 0.1
    done
}

# link_model: runs every profile x link case x situation; prints the tables (markdown)
link_model() {
    local profile case_dir c situation mbit delay label prefix row
    local breakdown=$RUN/link-breakdown.md
    : > "$breakdown"
    echo
    echo "### Link model, $( [[ $DIRECTION == down ]] && echo "download (server's change to the client)" || echo "upload (client's change to the server)" ) ($( [[ $QUICK == 1 ]] && echo "QUICK sizes" || echo "default sizes" ), $(date -u +%Y-%m-%dT%H:%MZ), live: time after the quiet period of $LIVE_QUIET_MS ms, peers warmed by $LIVE_WARMUP changes)"
    for profile in ${PROFILES//,/ }; do
        read -r mbit delay label <<< "$(link_profile "$profile")"
        echo
        echo "#### $label"
        echo
        echo "| workload | situation | deltasync B | rsync -z B | B ds/rsync | deltasync ms | rsync -z ms | time ds/rsync | round trips ds / rsync | notes | check |"
        echo "|---|---|---:|---:|---:|---:|---:|---:|---:|---|---|"
        for c in ${LINK_CASES//,/ }; do
            case_dir=$WORKLOAD_DIR/$c
            [[ -f $case_dir/meta.json ]] || { echo "no workload $c in $WORKLOAD_DIR" >&2; continue; }
            for situation in ${SITUATIONS//,/ }; do
                echo "== link $profile $c $situation" >&2
                prefix=$RUN/link-$profile-$c-$situation
                ds_link "$case_dir" "$profile" "$situation" "$prefix"
                link_rsync "$case_dir" "$profile" "$prefix.rsync"
                row=$(printf '| %s | %s | %s | %s | %s | %s | %s | %s | %s / %s | %s | %s |' "$c" "$situation" \
                    "$LD_BYTES" "$LR_BYTES" "$(ratio "$LD_BYTES" "$LR_BYTES")" "${LD_MS:-?}" "$LR_MS" \
                    "$(ratio "${LD_MS:-0}" "$LR_MS")" "${LD_TURNS:-?}" "${LR_TURNS:-?}" "$LD_NOTE" \
                    "$LD_CHECK$([[ $LR_CHECK == ok ]] || echo "; rsync: $LR_CHECK")")
                echo "$row"
                echo "$row" >&2
                [[ -n $LD_PHASES ]] && echo "| $label | $c | ${LD_MS:-?} | $LD_PHASES |" >> "$breakdown"
            done
        done
    done
    if [[ -s $breakdown ]]; then
        echo
        echo "#### Where a warm sync's time goes (deltasync, ms)"
        echo
        echo "| link | workload | elapsed_ms | JVM + Camel start | handshake | scan | manifest | plan | transfers | exit | link busy | server's turn | client's turn | round trips after handshake |"
        echo "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
        cat "$breakdown"
    fi
}
