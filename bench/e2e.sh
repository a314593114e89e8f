#!/usr/bin/env bash
# End-to-end benchmark: deltasync (server --mode 2 + client --once through a counting proxy) against
# an rsync daemon on 127.0.0.1, on the workloads of /work/shared/bench/workloads.py plus "rename",
# "same-tree" (many-small's 10,000 files on both sides: a first contact with nothing to do) and "first-big"
# (nomatch's 256 MiB random file into an empty folder: the first sync of a large file).
# Then the link model: each link case through bench/wanproxy.py (bandwidth + one-way delay both ways) per
# profile, deltasync against rsync -z (daemon, same proxy) cold (first contact), warm (steady state: one
# client --once after an earlier sync of OLD) and live (running peers, warmed by --live-warmup changes of the same
# kind on scratch folders, default 3: the change written into the client's folder until the server's tree equals
# NEW; live-cold: the fresh peers' first change), with bytes, time, round trips and where a warm sync's time goes.
# --direction down runs the link model the other way: the server's folder becomes NEW (server --mode 3) until
# the client's tree equals it, against an rsync -z pull.
#
# Usage: bench/e2e.sh [--jar PATH] [--cases a,b,c] [--quick] [--scaling] [--keep]
#                     [--profiles loopback,100m10,20m40,4m80|none] [--situations cold,warm,live,live-cold]
#                     [--link-cases a,b,c] [--quiet-ms 300] [--live-warmup 3] [--link-only] [--direction up|down]
# Env:   JAR (default target/deltasync.jar), CASES, QUICK=1 (small sizes), SCALING=1 (adds the
#        100,000-file and 4 GiB initial syncs with -Xmx256m; CASES= alone runs only those; SCALING_CASES=many-small
#        or =big4g for one of them), KEEP=1 (keep the scratch folder),
#        WORKLOAD_DIR (generated workloads, reused when the sizes match; default $TMPDIR/deltasync-workloads),
#        RESULTS=FILE (also write the tables there), DELTASYNC_CMD (replaces "java -jar $JAR"),
#        RSYNC_FSYNC=1 (also time rsync -z --fsync, which makes every file durable as deltasync does),
#        PROFILES, SITUATIONS, LINK_CASES (default big-insert,scatter,compressible,append,text-edit,many-small),
#        LIVE_QUIET_MS (the live peers' --quiet-ms, default 300), LIVE_WARMUP (changes synced before the measured
#        live one, default 3), LINK_ONLY=1 (skip the loopback byte table), DIRECTION=up|down (default up).
set -uo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
source "$(dirname "${BASH_SOURCE[0]}")/link.sh"

CASES=${CASES-big-insert,scatter,append,text-edit,many-small,compressible,unchanged,rename,same-tree,first-big}
QUICK=${QUICK:-0}
SCALING=${SCALING:-0}
KEEP=${KEEP:-0}
RSYNC_FSYNC=${RSYNC_FSYNC:-0}
PROFILES=${PROFILES-loopback,100m10,20m40,4m80}
SITUATIONS=${SITUATIONS:-cold,warm,live}
LINK_CASES=${LINK_CASES:-big-insert,scatter,compressible,append,text-edit,many-small}
LIVE_QUIET_MS=${LIVE_QUIET_MS:-300}
LIVE_WARMUP=${LIVE_WARMUP:-3}
LINK_ONLY=${LINK_ONLY:-0}
DIRECTION=${DIRECTION:-up}
while (($#)); do
    case $1 in
        --jar) JAR=$2; shift ;;
        --cases) CASES=$2; shift ;;
        --quick) QUICK=1 ;;
        --scaling) SCALING=1 ;;
        --keep) KEEP=1 ;;
        --profiles) PROFILES=$2; shift ;;
        --situations) SITUATIONS=$2; shift ;;
        --link-cases) LINK_CASES=$2; shift ;;
        --quiet-ms) LIVE_QUIET_MS=$2; shift ;;
        --live-warmup) LIVE_WARMUP=$2; shift ;;
        --link-only) LINK_ONLY=1 ;;
        --direction) DIRECTION=$2; shift ;;
        -h|--help) sed -n '2,25p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "unknown option: $1 (see --help)" >&2; exit 2 ;;
    esac
    shift
done

if ! command -v rsync >/dev/null; then
    echo "rsync is not installed; install it with: apt-get install -y rsync" >&2
    exit 2
fi
[[ -x /usr/bin/time ]] || { echo "/usr/bin/time is missing; install it with: apt-get install -y time" >&2; exit 2; }
ds_command
[[ $DIRECTION == up || $DIRECTION == down ]] || { echo "unknown direction: $DIRECTION (up or down)" >&2; exit 2; }
[[ $PROFILES == none ]] && PROFILES=""
[[ $LINK_ONLY == 1 ]] && CASES=""
[[ -n $PROFILES ]] || LINK_CASES=""
for s in ${SITUATIONS//,/ }; do
    [[ $s =~ ^(cold|warm|live|live-cold)$ ]] || { echo "unknown situation: $s (known: cold, warm, live, live-cold)" >&2; exit 2; }
done
[[ $LIVE_WARMUP =~ ^[0-9]+$ ]] || { echo "--live-warmup takes a number of changes: $LIVE_WARMUP" >&2; exit 2; }
for p in ${PROFILES//,/ }; do
    link_profile "$p" >/dev/null || { echo "unknown profile: $p (known: loopback, 100m10, 20m40, 4m80 or MBIT:RTT_MS such as 50:20)" >&2; exit 2; }
done

if [[ $QUICK == 1 ]]; then
    SIZES=(--big-mib 8 --log-mib 4 --append-mib 1 --text-files 300 --small-files 1000 --comp-mib 4 --unchanged-mib 32 --nomatch-mib 32)
    WORKLOAD_DIR=${WORKLOAD_DIR:-${TMPDIR:-/tmp}/deltasync-workloads-quick}
else
    SIZES=()
    WORKLOAD_DIR=${WORKLOAD_DIR:-${TMPDIR:-/tmp}/deltasync-workloads}
fi
RUN=$(mktemp -d "${TMPDIR:-/tmp}/deltasync-e2e.XXXXXX")
finish() {
    cleanup_bg
    if [[ $KEEP == 1 ]]; then echo "scratch kept in $RUN" >&2; else rm -rf "$RUN"; fi
}
trap finish EXIT
trap 'exit 130' INT TERM

# ---------------------------------------------------------------- workloads
# The live warm-up's changes: the link cases again with other seeds (other contents), one set per warm-up change, so
# that nothing the peers keep from the warm-up (the connection's zstd window, the trash) is the measured change.
generate_warmup_workloads() {
    [[ ,$SITUATIONS, == *,live,* ]] && ((LIVE_WARMUP > 0)) || return 0
    local list="" c i
    for c in ${LINK_CASES//,/ }; do
        [[ $c == rename || $c == same-tree || $c == first-big ]] || list+=${list:+,}$c
    done
    [[ -n $list ]] || return 0
    for ((i = 1; i <= LIVE_WARMUP; i++)); do
        echo "generating the live warm-up's workloads ($list, seed warmup-$i) in $WORKLOAD_DIR-warmup-$i ..." >&2
        python3 "$WORKLOADS" "$WORKLOAD_DIR-warmup-$i" --seed "warmup-$i" --cases "$list" "${SIZES[@]}" >&2 || exit 1
    done
}

generate_workloads() {
    local gen=() c
    for c in ${CASES//,/ } ${LINK_CASES//,/ }; do
        case $c in
            rename) gen+=(big-insert) ;;
            same-tree) gen+=(many-small) ;;
            first-big) gen+=(nomatch) ;;
            *) gen+=("$c") ;;
        esac
    done
    ((${#gen[@]})) || return 0
    local list
    list=$(printf '%s\n' "${gen[@]}" | sort -u | paste -sd, -)
    echo "generating workloads ($list) in $WORKLOAD_DIR ..." >&2
    python3 "$WORKLOADS" "$WORKLOAD_DIR" --cases "$list" "${SIZES[@]}" >&2 || exit 1
    generate_warmup_workloads
    if [[ ,$CASES,$LINK_CASES, == *,rename,* ]]; then
        local d=$WORKLOAD_DIR/rename
        rm -rf "$d" && mkdir -p "$d/OLD" "$d/NEW"
        cp -a "$WORKLOAD_DIR/big-insert/OLD/data.bin" "$d/OLD/data.bin"
        cp -a "$WORKLOAD_DIR/big-insert/OLD/data.bin" "$d/NEW/data-renamed.bin"
        local size
        size=$(stat -c %s "$d/OLD/data.bin")
        printf '{"case": "rename", "floor_bytes": 0, "floor_zlib": 0, "floor_desc": "same file under another name", "old_files": 1, "old_bytes": %s, "new_files": 1, "new_bytes": %s}\n' \
            "$size" "$size" > "$d/meta.json"
    fi
    if [[ ,$CASES,$LINK_CASES, == *,same-tree,* ]]; then
        local t=$WORKLOAD_DIR/same-tree files bytes
        rm -rf "$t" && mkdir -p "$t"
        cp -a "$WORKLOAD_DIR/many-small/NEW" "$t/OLD"
        cp -a "$WORKLOAD_DIR/many-small/NEW" "$t/NEW"
        files=$(find "$t/NEW" -type f | wc -l)
        bytes=$(du -sb "$t/NEW" | cut -f1)
        printf '{"case": "same-tree", "floor_bytes": 0, "floor_zlib": 0, "floor_desc": "the same %s files on both sides, first contact", "old_files": %s, "old_bytes": %s, "new_files": %s, "new_bytes": %s}\n' \
            "$files" "$files" "$bytes" "$files" "$bytes" > "$t/meta.json"
    fi
    if [[ ,$CASES,$LINK_CASES, == *,first-big,* ]]; then
        local f=$WORKLOAD_DIR/first-big size
        rm -rf "$f" && mkdir -p "$f/OLD" "$f/NEW"
        cp -a "$WORKLOAD_DIR/nomatch/NEW/." "$f/NEW/"
        size=$(find "$f/NEW" -type f -printf '%s\n' | awk '{ s += $1 } END { print s + 0 }')
        printf '{"case": "first-big", "floor_bytes": %s, "floor_zlib": %s, "floor_desc": "first sync of nomatch'"'"'s random file into an empty folder", "old_files": 0, "old_bytes": 0, "new_files": 1, "new_bytes": %s}\n' \
            "$size" "$size" "$size" > "$f/meta.json"
    fi
}

# ---------------------------------------------------------------- rsync
RSYNC_PORT=$(free_port)
RSYNC_DST=$RUN/rsync-dst
start_rsync_daemon() {
    cat > "$RUN/rsyncd.conf" <<CONF
use chroot = no
log file = $RUN/rsyncd.log
socket options = TCP_NODELAY
[mod]
    path = $RSYNC_DST
    read only = no
    uid = $(id -u)
    gid = $(id -g)
    numeric ids = yes
CONF
    mkdir -p "$RSYNC_DST"
    rsync --daemon --no-detach --config="$RUN/rsyncd.conf" --port="$RSYNC_PORT" --address=127.0.0.1 &
    local pid=$!
    track "$pid"
    wait_port "$RSYNC_PORT" "$pid" 20 || { echo "rsync daemon did not start" >&2; exit 1; }
}

# run_rsync CASE_DIR [-z]: sets R_BYTES R_MS R_RSS R_CHECK
run_rsync() {
    local case_dir=$1; shift
    rm -rf "$RSYNC_DST" && cp -a "$case_dir/OLD" "$RSYNC_DST"
    local out=$RUN/rsync.out t0 t1
    t0=$(now_ms)
    /usr/bin/time -v -o "$RUN/rsync.time" rsync -a --delete --stats --no-human-readable --no-whole-file \
        --sockopts=TCP_NODELAY "$@" "$case_dir/NEW/" "rsync://127.0.0.1:$RSYNC_PORT/mod/" >"$out" 2>&1
    local rc=$?
    t1=$(now_ms)
    R_MS=$((t1 - t0))
    local sent recv
    sent=$(sed -n 's/^Total bytes sent: \([0-9,]*\).*/\1/p' "$out" | tr -d ,)
    recv=$(sed -n 's/^Total bytes received: \([0-9,]*\).*/\1/p' "$out" | tr -d ,)
    R_BYTES=$(( ${sent:-0} + ${recv:-0} ))
    R_RSS=$(time_field "$RUN/rsync.time" "Maximum resident set size (kbytes)")
    if ((rc != 0)); then
        R_CHECK="rsync-exit-$rc"; echo "rsync $* failed (exit $rc):" >&2; tail -n 5 "$out" >&2
    elif tree_same "$RSYNC_DST" "$case_dir/NEW"; then
        R_CHECK=ok
    else
        R_CHECK=rsync-differs
    fi
}

# ---------------------------------------------------------------- deltasync
# run_deltasync CASE_DIR OLD_DIR NEW_DIR: sets D_* (summary/proxy bytes, times, RSS, check)
run_deltasync() {
    local case_dir=$1 old=$2 new=$3
    local srv=$case_dir.ds-server cli=$case_dir.ds-client
    rm -rf "$srv" "$cli"
    cp -a "$old" "$srv" && cp -a "$new" "$cli"
    local sport pport
    sport=$(free_port); pport=$(free_port)
    start_server "$srv" "$sport" 2 "$case_dir.server.log" || { D_CHECK=server-failed; return 1; }
    start_proxy "$pport" "$sport" "$case_dir.proxy.json" || { D_CHECK=proxy-failed; return 1; }
    local t0 t1
    t0=$(now_ms)
    /usr/bin/time -v -o "$case_dir.client.time" "${DS[@]}" client --dir "$cli" --port "$pport" --once \
        >"$case_dir.client.out" 2>"$case_dir.client.err"
    D_RC=$?
    t1=$(now_ms)
    D_WALL=$((t1 - t0))
    D_SRV_RSS=$(peak_rss_kib "$SERVER_PID")
    stop_pid "$PROXY_PID"
    stop_pid "$SERVER_PID"
    D_LINE=$(grep -ho 'synced: files=.*' "$case_dir.client.out" "$case_dir.client.err" | tail -n 1)
    local sent received
    sent=$(summary_field "$D_LINE" bytes_sent); received=$(summary_field "$D_LINE" bytes_received)
    D_SUM=$(( ${sent:-0} + ${received:-0} ))
    D_ELAPSED=$(summary_field "$D_LINE" elapsed_ms)
    D_PROXY=$(( $(json_field "$case_dir.proxy.json" client_to_server) + $(json_field "$case_dir.proxy.json" server_to_client) ))
    D_RSS=$(time_field "$case_dir.client.time" "Maximum resident set size (kbytes)")
    if [[ -z $D_LINE ]]; then
        D_CHECK="FAIL(no summary, exit $D_RC)"
        echo "client printed no summary line (exit $D_RC); stderr tail:" >&2; tail -n 10 "$case_dir.client.err" >&2
    elif ((D_RC != 0)); then
        D_CHECK="FAIL(exit $D_RC)"
    elif tree_same "$srv" "$new"; then
        D_CHECK=ok
    else
        D_CHECK=FAIL
        echo "FAIL: server folder differs from NEW after the deltasync run of $(basename "$case_dir"):" >&2
        python3 "$BENCH_DIR/treecheck.py" same "$srv" "$new" >&2
    fi
    [[ $KEEP == 1 ]] || rm -rf "$srv" "$cli"
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "-" }'; }

# ---------------------------------------------------------------- main table
generate_workloads
start_rsync_daemon
TABLE=$RUN/table.md
WARN=$RUN/warnings.txt
: > "$WARN"
{
    echo "| workload | change floor B (zlib) | rsync B | rsync -z B | deltasync B (summary) | deltasync B (proxy) | deltasync / rsync -z | sync elapsed_ms | client process ms | rsync ms (-z) | client RSS MiB | server RSS MiB | rsync RSS MiB | check |"
    echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|"
} > "$TABLE"
kib_to_mib() { [[ $1 =~ ^[0-9]+$ ]] && awk -v k="$1" 'BEGIN { printf "%.0f", k / 1024 }' || echo "?"; }

for c in ${CASES//,/ }; do
    d=$WORKLOAD_DIR/$c
    [[ -f $d/meta.json ]] || { echo "no workload $c in $WORKLOAD_DIR" >&2; continue; }
    echo "== $c" >&2
    floor=$(json_field "$d/meta.json" floor_bytes); floor_z=$(json_field "$d/meta.json" floor_zlib)
    run_rsync "$d";    rs_b=$R_BYTES; rs_ms=$R_MS; rs_rss=$R_RSS; rs_ok=$R_CHECK
    run_rsync "$d" -z; rz_b=$R_BYTES; rz_ms=$R_MS; rz_rss=$R_RSS; rz_ok=$R_CHECK
    rf_ms=""
    if [[ $RSYNC_FSYNC == 1 ]]; then
        run_rsync "$d" -z --fsync; rf_ms=" / fsync $R_MS"; [[ $R_CHECK == ok ]] || rz_ok="$rz_ok; fsync: $R_CHECK"
    fi
    work=$RUN/$c
    D_SUM=0 D_PROXY=0 D_ELAPSED="" D_WALL=0 D_RSS="" D_SRV_RSS="" D_CHECK=""
    run_deltasync "$work" "$d/OLD" "$d/NEW"
    check=$D_CHECK
    [[ $rs_ok == ok && $rz_ok == ok ]] || check="$check; rsync: $rs_ok/$rz_ok"
    if ((D_PROXY > 0)) && [[ -n $D_LINE ]]; then
        off=$(awk -v s="$D_SUM" -v p="$D_PROXY" 'BEGIN { d = s - p; if (d < 0) d = -d; print (d > p / 100) ? 1 : 0 }')
        ((off)) && echo "warning: $c: summary bytes ($D_SUM) and proxy bytes ($D_PROXY) differ by more than 1%" >> "$WARN"
    fi
    rss_max=$(( ${rs_rss:-0} > ${rz_rss:-0} ? ${rs_rss:-0} : ${rz_rss:-0} ))
    printf '| %s | %s (%s) | %s | %s | %s | %s | %s | %s | %s | %s (%s) | %s | %s | %s | %s |\n' \
        "$c" "$floor" "$floor_z" "$rs_b" "$rz_b" "$D_SUM" "$D_PROXY" "$(ratio "$D_PROXY" "$rz_b")" \
        "${D_ELAPSED:-?}" "$D_WALL" "$rs_ms" "$rz_ms$rf_ms" "$(kib_to_mib "$D_RSS")" "$(kib_to_mib "$D_SRV_RSS")" \
        "$(kib_to_mib "$rss_max")" "$check" >> "$TABLE"
    tail -n 1 "$TABLE" >&2
done

# ---------------------------------------------------------------- scaling
scaling() {
    local dir=$WORKLOAD_DIR/scaling
    echo "generating scaling workloads in $dir ..." >&2
    python3 "$WORKLOADS" "$dir" --cases many-small --small-files 100000 >&2 || return 1
    local big=$dir/big4g
    if [[ $(stat -c %s "$big/NEW/big.bin" 2>/dev/null) != 4294967296 ]]; then
        mkdir -p "$big/OLD" "$big/NEW"
        head -c 4G /dev/urandom > "$big/NEW/big.bin"
    fi
    echo
    echo "### Scaling (initial sync into an empty folder, JAVA_TOOL_OPTIONS=-Xmx256m on server and client)"
    echo
    echo "| workload | files | bytes | deltasync B (proxy) | sync elapsed_ms | client process ms | client RSS MiB | server RSS MiB | rsync ms | rsync RSS MiB | check |"
    echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|"
    local name d
    for name in ${SCALING_CASES:-many-small big4g}; do
        d=$dir/$name
        local files bytes
        files=$(find "$d/NEW" -type f | wc -l); bytes=$(du -sb "$d/NEW" | cut -f1)
        echo "== scaling $name" >&2
        D_SUM=0 D_PROXY=0 D_ELAPSED="" D_WALL=0 D_RSS="" D_SRV_RSS="" D_CHECK=""
        JAVA_TOOL_OPTIONS=-Xmx256m run_deltasync "$RUN/scaling-$name" "$d/OLD" "$d/NEW"
        run_rsync "$d"
        rm -rf "$RSYNC_DST"
        printf '| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n' "$name" "$files" "$bytes" "$D_PROXY" \
            "${D_ELAPSED:-?}" "$D_WALL" "$(kib_to_mib "$D_RSS")" "$(kib_to_mib "$D_SRV_RSS")" "$R_MS" \
            "$(kib_to_mib "$R_RSS")" "$D_CHECK"
    done
}

REPORT=$RUN/report.md
if [[ -n $CASES ]]; then
{
    echo "### deltasync vs rsync ($( [[ $QUICK == 1 ]] && echo "QUICK sizes" || echo "default sizes" ), $(date -u +%Y-%m-%dT%H:%MZ))"
    echo
    cat "$TABLE"
    echo
    cat "$WARN"
} > "$REPORT"
else
    : > "$REPORT"
fi
[[ $SCALING == 1 ]] && scaling >> "$REPORT"
if [[ -n $LINK_CASES ]]; then
    link_model >> "$REPORT"
fi
tee "${RESULTS:-/dev/null}" < "$REPORT"
grep -q 'FAIL' "$TABLE" "$REPORT" && exit 1
exit 0
