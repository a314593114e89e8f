package dev.deltasync.wire;

/** Server → client: authenticated; frames may be up to maxFrame bytes. */
public record Welcome(int maxFrame) implements Message {
}
