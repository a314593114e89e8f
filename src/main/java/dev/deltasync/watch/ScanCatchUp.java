package dev.deltasync.watch;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Says when the folder's scan has caught up with what the watcher held at one moment: the paths then in their quiet
 * period have settled and the batches holding them were handed to the scan. A waiter never holds a thread: one
 * scheduled check looks at all waiters every {@code checkMillis} while there are any. Each waiter gives up after
 * {@code maxWaitMillis} (a file written without pause never settles). Thread-safe.
 */
public final class ScanCatchUp {

    private static final Logger LOG = LoggerFactory.getLogger(ScanCatchUp.class);
    /**
     * Waiters one requester may have at once (an honest client's first cycle has one manifest request under way):
     * a client that floods flagged requests gets the others answered at once, so it cannot fill the check loop.
     */
    static final int MAX_PER_REQUESTER = 4;
    /** Waiters in all: past this (a restart storm of thousands of clients), requests are answered at once. */
    static final int MAX_WAITERS = 4096;

    private final Supplier<PendingPaths> watcher;
    private final Supplier<ScheduledExecutorService> scheduler;
    private final long maxWaitMillis;
    private final long checkMillis;
    private final java.util.function.Predicate<String> ours;
    private final List<Waiter> waiters = new ArrayList<>();
    private ScheduledFuture<?> checking;
    private volatile PendingPaths pending;

    private record Waiter(PendingPaths.Through through, String forWhom, long startedNanos,
                          CompletableFuture<Void> done) {
    }

    /**
     * @param watcher   the watcher's pending paths (null while there is no watcher: nothing is waited for)
     * @param scheduler where the checks run (null or shut down: nothing is waited for)
     */
    public ScanCatchUp(Supplier<PendingPaths> watcher, Supplier<ScheduledExecutorService> scheduler,
                       long maxWaitMillis, long checkMillis) {
        this(watcher, scheduler, maxWaitMillis, checkMillis, path -> false);
    }

    /** @param ours whether a held path still looks exactly like our own write (not waited for: recorded already) */
    public ScanCatchUp(Supplier<PendingPaths> watcher, Supplier<ScheduledExecutorService> scheduler,
                       long maxWaitMillis, long checkMillis, java.util.function.Predicate<String> ours) {
        this.ours = ours;
        this.watcher = watcher;
        this.scheduler = scheduler;
        this.maxWaitMillis = maxWaitMillis;
        this.checkMillis = checkMillis;
    }

    /** The longest wait for a watcher with this quiet period: two of them (a held delete) and a second for the batch. */
    public static long maxWaitFor(long quietMillis) {
        return 2 * quietMillis + 1000;
    }

    /**
     * Completes once the scan holds every change the watcher holds now (at once when it holds none), or after the
     * longest wait. {@code forWhom} names the waiter in the log.
     */
    public CompletableFuture<Void> withWhatIsHeldNow(String forWhom) {
        PendingPaths paths = pendingPaths();
        if (paths == null) {
            return CompletableFuture.completedFuture(null);
        }
        PendingPaths.Through through = paths.now(ours);
        if (paths.reached(through)) {
            return CompletableFuture.completedFuture(null);
        }
        if (LOG.isDebugEnabled()) {
            List<String> held = paths.stillHeld(through);
            LOG.debug("Answering {} once the watcher let out {}", forWhom, held.isEmpty()
                    ? "the changes it batched" : dev.deltasync.sync.PathList.describe(held, "path"));
        }
        Waiter waiter = new Waiter(through, forWhom, System.nanoTime(), new CompletableFuture<>());
        synchronized (this) {
            if (waiters.size() >= MAX_WAITERS
                    || waiters.stream().filter(w -> w.forWhom.equals(forWhom)).count() >= MAX_PER_REQUESTER) {
                LOG.debug("Answering {} at once: too many requests wait for the watcher already", forWhom);
                return CompletableFuture.completedFuture(null);
            }
            waiters.add(waiter);
            if (checking == null && !startChecking()) {
                waiters.remove(waiter);
                waiter.done.complete(null);
            }
        }
        return waiter.done;
    }

    /** The batch of the changes with tickets {@code first..last} (null: none tracked) reached the folder's scan. */
    public void handedOver(Long first, Long last) {
        PendingPaths paths = pendingPaths();
        if (paths != null && first != null && last != null) {
            paths.handedOver(first, last);
        }
    }

    /** Whether a scheduled check runs now (holding the lock). */
    private boolean startChecking() {
        ScheduledExecutorService executor = scheduler.get();
        if (executor == null) {
            return false;
        }
        try {
            checking = executor.scheduleWithFixedDelay(this::check, checkMillis, checkMillis, TimeUnit.MILLISECONDS);
            return true;
        } catch (RejectedExecutionException stopping) {
            return false;
        }
    }

    private void check() {
        try {
            checkWaiters();
        } catch (RuntimeException e) { // a scheduled task that throws never runs again: nobody may wait for it
            LOG.warn("Could not check the watcher's progress ({}); answering the waiting requests now", e.toString());
            List<Waiter> all;
            synchronized (this) {
                all = List.copyOf(waiters);
                waiters.clear();
                checking.cancel(false);
                checking = null;
            }
            all.forEach(waiter -> waiter.done.complete(null));
        }
    }

    private void checkWaiters() {
        List<Waiter> through = new ArrayList<>();
        synchronized (this) {
            long now = System.nanoTime();
            for (Waiter waiter : List.copyOf(waiters)) {
                boolean reached = pending.reached(waiter.through);
                if (reached || now - waiter.startedNanos >= TimeUnit.MILLISECONDS.toNanos(maxWaitMillis)) {
                    waiters.remove(waiter);
                    through.add(waiter);
                    if (reached) {
                        LOG.debug("The watcher let out what {} waited for, after {} ms", waiter.forWhom,
                                (now - waiter.startedNanos) / 1_000_000);
                    } else if (LOG.isDebugEnabled()) {
                        List<String> busy = pending.stillHeld(waiter.through);
                        LOG.debug("Answering {} after {} ms although the watcher still holds {}", waiter.forWhom,
                                maxWaitMillis, busy.isEmpty() ? "changes not yet scanned"
                                        : dev.deltasync.sync.PathList.describe(busy, "path"));
                    }
                }
            }
            if (waiters.isEmpty()) {
                checking.cancel(false);
                checking = null;
            }
        }
        through.forEach(waiter -> waiter.done.complete(null));
    }

    private PendingPaths pendingPaths() {
        PendingPaths paths = pending;
        if (paths == null) {
            paths = watcher.get();
            pending = paths;
        }
        return paths;
    }
}
