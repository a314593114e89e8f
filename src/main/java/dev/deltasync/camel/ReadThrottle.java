package dev.deltasync.camel;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.netty.channel.Channel;

/**
 * Back-pressure for incoming frames. Camel's netty consumer hands each frame to a worker queue that
 * has no bound; a peer sending faster than we can write to disk would fill the heap. So we count the
 * frames read but not yet processed per channel and stop reading from the socket above a high mark
 * (TCP then slows the sender down), resuming below a low mark.
 */
final class ReadThrottle {

    static final int HIGH = 64;
    static final int LOW = 16;

    private final Map<Channel, AtomicInteger> queued = new ConcurrentHashMap<>();

    /** A frame was read from the socket (I/O thread). */
    void read(Channel channel) {
        if (queued.computeIfAbsent(channel, c -> new AtomicInteger()).incrementAndGet() >= HIGH
                && channel.config().isAutoRead()) {
            channel.config().setAutoRead(false);
        }
    }

    /** A frame has been processed (worker thread). */
    void processed(Channel channel) {
        AtomicInteger count = queued.get(channel);
        if (count != null && count.decrementAndGet() <= LOW && !channel.config().isAutoRead()) {
            channel.config().setAutoRead(true);
        }
    }

    void closed(Channel channel) {
        queued.remove(channel);
    }
}
