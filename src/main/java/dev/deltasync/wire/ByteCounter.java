package dev.deltasync.wire;

import io.netty.channel.Channel;
import io.netty.util.AttributeKey;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Bytes really sent and received on the socket (length prefixes included, after compression). The codecs
 * keep one per channel ({@link #of(Channel)}) and optionally add to a shared one per connection or endpoint.
 */
public final class ByteCounter {

    private static final AttributeKey<ByteCounter> KEY = AttributeKey.valueOf(ByteCounter.class, "bytes");

    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong received = new AtomicLong();

    /** The counter of one channel, created on first use. */
    public static ByteCounter of(Channel channel) {
        ByteCounter fresh = new ByteCounter();
        ByteCounter existing = channel.attr(KEY).setIfAbsent(fresh);
        return existing == null ? fresh : existing;
    }

    public void addSent(long bytes) {
        sent.addAndGet(bytes);
    }

    public void addReceived(long bytes) {
        received.addAndGet(bytes);
    }

    public long sent() {
        return sent.get();
    }

    public long received() {
        return received.get();
    }

    @Override
    public String toString() {
        return "sent=" + sent() + " received=" + received();
    }
}
