package dev.deltasync.wire;

/** The request with the same requestId succeeded. */
public record Ack() implements Message {
}
