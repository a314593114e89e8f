package dev.deltasync.camel;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the server's sessions, each on its own serial {@link SessionQueue}s (frames, streams), with at most
 * {@code parallelism} queues working at once. A stream that must wait for a slow client to take its output gives up
 * its slot first ({@link #waitForClient}), so the other sessions go on: a client that reads slowly, or not at all,
 * holds up only its own streams. The threads come from a pool of the Camel context; a waiting stream keeps its
 * thread, so there are never more threads than streams waiting for their clients plus {@code parallelism}.
 */
final class SessionWorkers {

    private static final Logger LOG = LoggerFactory.getLogger(SessionWorkers.class);
    /** Whether the current thread holds one of the slots (a session that waited for its client no longer does). */
    private static final ThreadLocal<Boolean> HOLDS_SLOT = ThreadLocal.withInitial(() -> Boolean.FALSE);
    /** Whether the current thread runs a task of a session's streams queue. */
    private static final ThreadLocal<Boolean> STREAMS = ThreadLocal.withInitial(() -> Boolean.FALSE);
    /** Whether the current thread runs a task of one of the sessions' queues (not a shared pool's, an installer's). */
    private static final ThreadLocal<Boolean> SESSION = ThreadLocal.withInitial(() -> Boolean.FALSE);

    private final Supplier<ExecutorService> threads;
    private final int parallelism;
    private final Queue<SessionQueue> ready = new ArrayDeque<>();
    private int working;
    private final AtomicInteger waiting = new AtomicInteger();

    SessionWorkers(Supplier<ExecutorService> threads, int parallelism) {
        this.threads = threads;
        this.parallelism = parallelism;
    }

    /** A new session's queue of frames. */
    SessionQueue newQueue(String owner) {
        return new SessionQueue(this, owner, false);
    }

    /** A new session's queue of streamed answers (whose writers wait for the client). */
    SessionQueue newStreamQueue(String owner) {
        return new SessionQueue(this, owner, true);
    }

    void run(Runnable task, boolean streams) {
        STREAMS.set(streams);
        SESSION.set(Boolean.TRUE);
        try {
            task.run();
        } finally {
            STREAMS.set(Boolean.FALSE);
            SESSION.set(Boolean.FALSE);
        }
    }

    /** Whether the current thread works for one session only (so it may wait for that session's client). */
    static boolean runsSessionWork() {
        return SESSION.get();
    }

    /** Whether the current thread streams an answer to a client (and so may wait for it). */
    static boolean runsStream() {
        return STREAMS.get();
    }

    /** How many sessions are waiting for their client to read what they sent. */
    int waitingForClients() {
        return waiting.get();
    }

    /** {@code queue} has work: it runs once a slot is free. */
    synchronized void ready(SessionQueue queue) {
        ready.add(queue);
        startMore();
    }

    /** Whether the current thread works in a slot (false once it waited for a client, and off the workers). */
    boolean holdsSlot() {
        return HOLDS_SLOT.get();
    }

    /**
     * Runs {@code wait} (which blocks until a slow client has taken enough) outside the slots: another session takes
     * the slot meanwhile, and this one goes on without it. Off the workers' threads it just waits.
     */
    void waitForClient(Runnable wait) {
        if (holdsSlot()) {
            HOLDS_SLOT.set(Boolean.FALSE);
            synchronized (this) {
                working--;
                startMore();
            }
        }
        waiting.incrementAndGet();
        try {
            wait.run();
        } finally {
            waiting.decrementAndGet();
        }
    }

    private void startMore() {
        while (working < parallelism && !ready.isEmpty()) {
            SessionQueue next = ready.poll();
            working++;
            try {
                threads.get().execute(() -> work(next));
            } catch (RejectedExecutionException | IllegalStateException stopped) {
                working--; // the server is stopping: the work queued is dropped with its connections
                LOG.debug("Dropped the queued work of {}: {}", next, stopped.getMessage());
            }
        }
    }

    /** Works in one slot: this queue, then other ready ones, until none is ready or the slot was given up. */
    private void work(SessionQueue first) {
        HOLDS_SLOT.set(Boolean.TRUE);
        SessionQueue queue = first;
        try {
            while (queue != null) {
                queue.runSome();
                if (!holdsSlot()) {
                    return;
                }
                synchronized (this) {
                    queue = ready.poll();
                    if (queue == null) {
                        working--;
                        HOLDS_SLOT.set(Boolean.FALSE);
                    }
                }
            }
        } finally {
            if (holdsSlot()) { // an Error escaped a task
                HOLDS_SLOT.set(Boolean.FALSE);
                synchronized (this) {
                    working--;
                    startMore();
                }
            }
        }
    }
}
