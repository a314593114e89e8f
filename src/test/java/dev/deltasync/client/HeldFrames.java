package dev.deltasync.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;

import dev.deltasync.wire.Frame;

/**
 * Holds the client's frames back from the server, from the first one {@code picks} chooses, until {@code count}
 * such frames were sent; then runs {@code meanwhile} and lets them all through in their order. A client that
 * waits for the answer to one before sending the next would wait forever: after {@code patience} the frames go
 * through anyway and {@link #filled} stays false.
 */
final class HeldFrames {

    private final Predicate<Frame> picks;
    private final int count;
    private final Runnable meanwhile;
    private final Duration patience;
    private final List<Frame> held = new ArrayList<>();
    private Consumer<Frame> deliver;
    private int picked;
    private boolean holding;
    private boolean open;
    private volatile boolean filled;

    HeldFrames(Predicate<Frame> picks, int count, Duration patience, Runnable meanwhile) {
        this.picks = picks;
        this.count = count;
        this.patience = patience;
        this.meanwhile = meanwhile;
    }

    /** Whether all {@code count} frames were sent before any of them reached the server. */
    boolean filled() {
        return filled;
    }

    /** Whether {@code frame} is held here; otherwise the link delivers it itself. */
    synchronized boolean hold(Frame frame, Consumer<Frame> deliver) {
        if (open) {
            return false;
        }
        if (!holding) {
            if (!picks.test(frame)) {
                return false;
            }
            holding = true;
            this.deliver = deliver;
            CompletableFuture.runAsync(this::release,
                    CompletableFuture.delayedExecutor(patience.toMillis(), TimeUnit.MILLISECONDS));
        }
        held.add(frame);
        if (picks.test(frame) && ++picked == count) {
            filled = true;
            meanwhile.run();
            release();
        }
        return true;
    }

    private synchronized void release() {
        if (!open) {
            open = true;
            held.forEach(deliver);
            held.clear();
        }
    }
}
