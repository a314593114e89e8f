#!/usr/bin/env bash
# One edit in a big folder, live: what each side scans for it and how long it takes to reach the server.
# A tree of FILES small files (1,000 per directory) is copied to both sides, a server and a live client start on
# it (debug logs), and once their first sync is done one file is edited in the client's folder (EDITS times, each
# a new file). Prints, per edit: the time from the write to the server holding it, and each side's scans meanwhile
# (whole folder or changed paths, entries looked at, files hashed, ms), from their "Scanned" debug lines.
#
# Usage: bench/live-scan.sh [--jar PATH] [--files 100000] [--edits 3] [--quiet-ms 300] [--first-quiet-ms 2000] [--keep]
set -uo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

FILES=100000
EDITS=3
QUIET_MS=300
KEEP=0
FIRST_QUIET_MS=2000
while (($#)); do
    case $1 in
        --jar) JAR=$2; shift ;;
        --files) FILES=$2; shift ;;
        --edits) EDITS=$2; shift ;;
        --quiet-ms) QUIET_MS=$2; shift ;;
        --keep) KEEP=1 ;;
        --first-quiet-ms) FIRST_QUIET_MS=$2; shift ;;
        -h|--help) sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "unknown option: $1 (see --help)" >&2; exit 2 ;;
    esac
    shift
done
ds_command
RUN=$(mktemp -d "${TMPDIR:-/tmp}/deltasync-live-scan.XXXXXX")
trap 'cleanup_bg; [[ $KEEP == 1 ]] && echo "kept $RUN" >&2 || rm -rf "$RUN"' EXIT

echo "generating $FILES files in $RUN/tree ..." >&2
python3 - "$RUN/tree" "$FILES" <<'PY'
import os, sys
root, files = sys.argv[1], int(sys.argv[2])
for i in range(files):
    d = os.path.join(root, f"d{i // 1000:03d}")
    if i % 1000 == 0:
        os.makedirs(d)
    with open(os.path.join(d, f"f{i % 1000:03d}.txt"), "w") as f:
        f.write(f"file {i}\n" * 4)
PY
cp -a "$RUN/tree" "$RUN/server"
cp -a "$RUN/tree" "$RUN/client"

port=$(free_port)
export DELTASYNC_LOG=debug
start_server "$RUN/server" "$port" 0 "$RUN/server.log" --quiet-ms "$QUIET_MS" || exit 1
t0=$(now_ms)
"${DS[@]}" client --dir "$RUN/client" --port "$port" --quiet-ms "$QUIET_MS" >"$RUN/client.out" 2>"$RUN/client.log" &
track $!
# the first sync is done once the client has connected, planned its first cycle and its log has been quiet for
# 2 s (an edit during the first contact's scan would be a conflict: both sides hold the file, no common past)
# (a jar without the 'Cycle over' debug line: give --first-quiet-ms longer than its first scan takes)
wait_for 600 grep -q 'Connected to server' "$RUN/client.log" || { tail -n 20 "$RUN/client.log" >&2; exit 1; }
if ((FIRST_QUIET_MS <= 2000)); then
    wait_for 600 grep -q 'Cycle over\|synced:' "$RUN/client.log" || { tail -n 20 "$RUN/client.log" >&2; exit 1; }
fi
last="" stable=0
while ((stable < FIRST_QUIET_MS)); do
    now=$(wc -c < "$RUN/client.log")
    if [[ $now == "$last" ]]; then stable=$((stable + 200)); else stable=0; last=$now; fi
    sleep 0.2
done
echo "first sync of $FILES files (both sides had them): $(( $(now_ms) - t0 - FIRST_QUIET_MS )) ms" >&2

scans() { # LOG FROM_LINE: the Scanned lines after that line, shortened
    tail -n "+$2" "$1" | grep 'Scanned \|Cycle over' | sed 's/.*Scanned [^(]*(/(/; s/.*Cycle over/cycle over/'
}
echo "### $FILES files, quiet period $QUIET_MS ms"
echo
echo "| edit | write → server has it ms | client's scans | server's scans |"
echo "|---|---:|---|---|"
for ((e = 1; e <= EDITS; e++)); do
    cl=$(($(wc -l < "$RUN/client.log") + 1)) sl=$(($(wc -l < "$RUN/server.log") + 1))
    file=d$(printf %03d $((e * 7 % (FILES / 1000 > 0 ? FILES / 1000 : 1))))/f$(printf %03d $((e * 37 % 1000))).txt
    printf 'edit %d\n' "$e" >> "$RUN/client/$file"
    t_written=$(now_ms)
    if ! wait_for 120 cmp -s "$RUN/client/$file" "$RUN/server/$file"; then
        echo "FAIL: $file did not reach the server within 120 s" >&2; exit 1
    fi
    t_done=$(now_ms)
    sleep 1 # the cycle's last scans and the server's echo
    echo "| $file | $((t_done - t_written)) | $(scans "$RUN/client.log" "$cl" | paste -sd ';' | sed 's/;/; /g') | $(scans "$RUN/server.log" "$sl" | paste -sd ';' | sed 's/;/; /g') |"
done
