package dev.deltasync.wire;

/** Keeps an idle connection alive and measures round trips. */
public record Heartbeat(long sentAtMillis) implements Message {
}
