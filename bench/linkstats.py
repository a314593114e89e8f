#!/usr/bin/env python3
"""Round trips and a time breakdown from a bench/wanproxy.py timeline (python3 stdlib only).

  linkstats.py TIMELINE [--from EPOCH_MS] [--to EPOCH_MS] [--segments N]

Prints one JSON object:
  up, down      bytes client->server and server->client in the window
  turns         round trips: times the server got the turn (everything the client had sent was
                delivered, nothing on its way back) and then answered, per connection. Requests that
                overlap an answer still on the wire do not count: a pipelined exchange is one turn.
  window_ms     the window: --from/--to, by default the first to the last chunk
  link_ms       time with bytes on the link (serialisation and propagation, either direction)
  server_ms     time with the link idle and the server holding the turn (waiting on the peer)
  client_ms     time with the link idle and the client holding the turn (the client working)
  first_up_ms   window start -> the client's first byte in it
  segments      the N longest idle stretches: [start_epoch_ms, ms, "client"|"server"]

With --client-log (the client's stderr at INFO) and --started/--ended (epoch ms around the client
process) it adds the phases of a one-shot run, from log timestamps and the timeline:
  start_ms      process start -> connection opened (JVM and Camel start-up)
  handshake_ms  connection opened -> "Connected to server" logged
  scan_ms       "Connected" -> the client's first request byte (the scan of the client's folder)
  manifest_ms   first request -> the last byte of its answer (the manifest exchange)
  plan_ms       -> the client's next request (reconciliation and preparing the first action)
  transfers_ms  -> the last byte on the link or the last action logged, whichever is later
                (deletes, renames, transfers, installs on the server)
  exit_ms       -> process end (state written, Camel stopped)
  cycle_turns   round trips after the handshake
"""
import argparse
import datetime
import json
import re
import sys


def read(path):
    events = []
    with open(path) as f:
        for line in f:
            parts = line.split()
            if len(parts) == 5:
                events.append((float(parts[0]), parts[1], parts[2], parts[3], int(parts[4])))
    return events


def analyse(events, start=None, end=None, keep=8):
    if start is None:
        start = events[0][0] if events else 0.0
    if end is None:
        end = events[-1][0] if events else start
    acc = {"link": 0.0, "server": 0.0, "client": 0.0}
    segments = []
    inflight = 0
    last_out = None
    conns = {}
    up = down = turns = 0
    t_prev, cat_prev = start, "client"
    seg_start, seg_cat = start, "client"

    def category():
        if inflight > 0:
            return "link"
        return "server" if last_out == "up" else "client"

    def advance(t, cat_now):
        nonlocal t_prev, seg_start, seg_cat
        lo, hi = max(t_prev, start), min(t, end)
        if hi > lo:
            acc[cat_prev] += hi - lo
        if cat_now != seg_cat:
            if seg_cat != "link":
                lo, hi = max(seg_start, start), min(t, end)
                if hi > lo:
                    segments.append([round(lo, 1), round(hi - lo, 1), seg_cat])
            seg_start, seg_cat = t, cat_now
        t_prev = t

    for t, conn, direction, kind, n in events:
        if t > end:
            break
        c = conns.setdefault(conn, {"up": 0, "down": 0, "last_out": "up", "server_turn": False})
        if kind == "open":
            c["server_turn"] = True  # the connect is the client's first request
        elif kind == "in":
            c[direction] += n
            inflight += n
            if t >= start:
                if direction == "up":
                    up += n
                else:
                    down += n
        else:  # out
            c[direction] -= n
            inflight -= n
            c["last_out"] = direction
            last_out = direction
            if direction == "down" and c["server_turn"]:
                c["server_turn"] = False
                if t >= start:
                    turns += 1
        if c["up"] == 0 and c["down"] == 0 and c["last_out"] == "up":
            c["server_turn"] = True
        cat_now = category()
        advance(t, cat_now)
        cat_prev = cat_now
    advance(end, "end")
    segments.sort(key=lambda s: -s[1])
    first_up = next((e[0] for e in events if e[0] >= start and e[2] == "up" and e[3] == "in"), None)
    return {"up": up, "down": down, "turns": turns, "conns": len(conns),
            "window_ms": round(end - start, 1),
            "link_ms": round(acc["link"], 1), "server_ms": round(acc["server"], 1),
            "client_ms": round(acc["client"], 1),
            "first_up_ms": round(first_up - start, 1) if first_up is not None else None,
            "segments": segments[:keep]}


ACTION = re.compile(r"^(\d\d):(\d\d):(\d\d)\.(\d{3}) INFO  (SyncCycle|Transfers|LineEditTransfers)\s")
CONNECTED = re.compile(r"^(\d\d):(\d\d):(\d\d)\.(\d{3}) INFO .*Connected to server")


def log_epoch_ms(match, near_ms):
    """A log line's HH:MM:SS.mmm (local time) as epoch ms, on the day of near_ms."""
    day = datetime.datetime.fromtimestamp(near_ms / 1000).replace(hour=0, minute=0, second=0, microsecond=0)
    h, m, sec, ms = (int(x) for x in match.groups()[:4])
    return (day + datetime.timedelta(hours=h, minutes=m, seconds=sec, milliseconds=ms)).timestamp() * 1000


def phases(events, log_path, started, ended):
    connected, actions = None, []
    with open(log_path, errors="replace") as f:
        for line in f:
            m = CONNECTED.match(line)
            if m and connected is None:
                connected = log_epoch_ms(m, started)
                continue
            m = ACTION.match(line)
            if m:
                actions.append(log_epoch_ms(m, started))
    opened = next((e[0] for e in events if e[3] == "open"), None)
    if connected is None or opened is None:
        return {}
    first_up = next((e[0] for e in events if e[0] >= connected and e[2] == "up" and e[3] == "in"), connected)
    # the manifest: the first request and its whole answer; the plan: until the client's next request
    answer_end, next_up = first_up, None
    for t, _, direction, kind, _ in events:
        if t <= first_up:
            continue
        if direction == "down" and kind == "out":
            answer_end = t
        elif direction == "up" and kind == "in" and answer_end > first_up:
            next_up = t
            break
    last = max(events[-1][0], actions[-1] if actions else 0)
    next_up = next_up or last
    out = {"start_ms": opened - started, "handshake_ms": connected - opened, "scan_ms": first_up - connected,
           "manifest_ms": answer_end - first_up, "plan_ms": next_up - answer_end,
           "transfers_ms": last - next_up, "exit_ms": ended - last,
           "cycle_turns": analyse(events, connected, events[-1][0])["turns"]}
    return {k: (round(v) if isinstance(v, float) else v) for k, v in out.items()}


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("timeline")
    ap.add_argument("--from", dest="start", type=float)
    ap.add_argument("--to", dest="end", type=float)
    ap.add_argument("--segments", type=int, default=8)
    ap.add_argument("--client-log")
    ap.add_argument("--started", type=float)
    ap.add_argument("--ended", type=float)
    a = ap.parse_args()
    events = read(a.timeline)
    result = analyse(events, a.start, a.end, a.segments)
    if a.client_log and a.started and a.ended and events:
        result.update(phases(events, a.client_log, a.started, a.ended))
    json.dump(result, sys.stdout)
    print()


if __name__ == "__main__":
    main()
