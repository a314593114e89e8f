package dev.deltasync.wire;

import java.util.Arrays;
import java.util.Objects;

/**
 * One chunk of a stream; the requestId ties it to the message that opened the stream. Compression and the
 * last-chunk mark live in the frame flags, not here.
 */
public record Data(byte[] bytes) implements Message {

    public Data {
        Objects.requireNonNull(bytes, "bytes");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Data d && Arrays.equals(bytes, d.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "Data[" + bytes.length + " bytes]";
    }
}
