package dev.deltasync.camel;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import io.netty.channel.Channel;

/**
 * Back-pressure for incoming frames. Camel's netty consumer hands each frame to a worker queue that has no
 * bound; a peer sending faster than we can write to disk would fill the heap. So we count the frames and bytes
 * read but not yet processed, per channel and over all channels of this side, and stop reading from a socket
 * above a high mark (TCP then slows its sender down), resuming below a low mark. The byte marks matter because
 * frames range from a few bytes to several MiB: 64 queued frames may be 64 KiB or 256 MiB.
 */
final class ReadThrottle {

    /** Per channel: frames and bytes queued before its reading stops, and the levels where it resumes. */
    static final int HIGH_FRAMES = 64;
    static final int LOW_FRAMES = 16;
    static final long HIGH_BYTES = 16L << 20;
    static final long LOW_BYTES = 4L << 20;
    /** Over all channels: above this many queued bytes, every channel that reads is paused until it falls. */
    static final long DEFAULT_GLOBAL_HIGH_BYTES = 256L << 20;
    /** At most this long a closed channel's queued frames are waited for (see {@link #whenDrained}). */
    static final long DRAIN_FALLBACK_MS = 5000;

    private static final class Queue {
        int frames;
        long bytes;
        boolean pausedHere;
        boolean pausedGlobally;
        boolean closed;
        Runnable onDrained;
    }

    private final Map<Channel, Queue> queues = new ConcurrentHashMap<>();
    private final Set<Channel> pausedGlobally = ConcurrentHashMap.newKeySet();
    private final AtomicLong totalBytes = new AtomicLong();
    private final long globalHigh;
    private final long globalLow;

    ReadThrottle() {
        this(DEFAULT_GLOBAL_HIGH_BYTES);
    }

    ReadThrottle(long globalHighBytes) {
        this.globalHigh = globalHighBytes;
        this.globalLow = globalHighBytes / 2;
    }

    /** A frame of {@code bytes} was read from the socket (I/O thread). */
    void read(Channel channel, int bytes) {
        Queue q = queues.computeIfAbsent(channel, c -> new Queue());
        long total = totalBytes.addAndGet(bytes);
        synchronized (q) {
            q.frames++;
            q.bytes += bytes;
            if (q.frames >= HIGH_FRAMES || q.bytes >= HIGH_BYTES) {
                q.pausedHere = true;
            }
            if (total >= globalHigh) {
                q.pausedGlobally = true;
                pausedGlobally.add(channel);
            }
            if (q.pausedHere || q.pausedGlobally) {
                channel.config().setAutoRead(false);
            }
        }
    }

    /** A frame of {@code bytes} has been processed (worker thread). */
    void processed(Channel channel, int bytes) {
        Queue q = queues.get(channel);
        if (q == null) {
            return; // closed: its bytes left the total then
        }
        long total;
        Runnable drained = null;
        synchronized (q) {
            if (q.closed) {
                return;
            }
            total = totalBytes.addAndGet(-bytes);
            q.frames--;
            q.bytes -= bytes;
            if (q.frames <= LOW_FRAMES && q.bytes <= LOW_BYTES) {
                q.pausedHere = false;
            }
            resumeIfFree(channel, q, total);
            if (q.frames == 0) {
                drained = q.onDrained;
                q.onDrained = null;
            }
        }
        if (drained != null) {
            drained.run();
        }
        if (total <= globalLow && !pausedGlobally.isEmpty()) {
            for (Channel other : pausedGlobally) {
                Queue oq = queues.get(other);
                if (oq == null) {
                    pausedGlobally.remove(other);
                } else {
                    synchronized (oq) {
                        resumeIfFree(other, oq, total);
                    }
                }
            }
        }
    }

    private void resumeIfFree(Channel channel, Queue q, long total) {
        if (q.pausedGlobally && total <= globalLow) {
            q.pausedGlobally = false;
            pausedGlobally.remove(channel);
        }
        if (!q.pausedHere && !q.pausedGlobally && !channel.config().isAutoRead()) {
            channel.config().setAutoRead(true);
        }
    }

    /**
     * Runs {@code then} once every frame read from {@code channel} so far has been processed: at once if none is
     * queued, else on the thread that processes the last one. A connection that closes finishes its close this way,
     * so the frames its peer sent before the drop (the pieces of a cut transfer) are handled, not dropped. Should
     * they never be processed, {@code then} runs after {@code fallbackMs} on {@code timer} (none if it is null); it
     * runs once either way.
     */
    void whenDrained(Channel channel, Runnable then, ScheduledExecutorService timer, long fallbackMs) {
        AtomicBoolean ran = new AtomicBoolean();
        Runnable once = () -> {
            if (ran.compareAndSet(false, true)) {
                then.run();
            }
        };
        boolean waits = false;
        Queue q = queues.get(channel);
        if (q != null) {
            synchronized (q) {
                if (q.frames > 0 && !q.closed) {
                    Runnable before = q.onDrained;
                    q.onDrained = before == null ? once : () -> {
                        before.run();
                        once.run();
                    };
                    waits = true;
                }
            }
        }
        if (!waits) {
            once.run();
            return;
        }
        if (timer != null) {
            try {
                timer.schedule(once, fallbackMs, TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException stopping) {
                once.run(); // nothing will wait for the frames: the side is stopping
            }
        }
    }

    void closed(Channel channel) {
        Queue q = queues.remove(channel);
        pausedGlobally.remove(channel);
        if (q != null) {
            synchronized (q) {
                q.closed = true;
                totalBytes.addAndGet(-q.bytes);
                q.bytes = 0;
            }
        }
    }

    /** Frames read from {@code channel} and not yet processed. */
    int queuedFrames(Channel channel) {
        Queue q = queues.get(channel);
        if (q == null) {
            return 0;
        }
        synchronized (q) {
            return q.frames;
        }
    }

    /** Bytes read and not yet processed, over all channels. */
    long queuedBytes() {
        return totalBytes.get();
    }
}
