package dev.deltasync.camel;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One session's work, run in order and one task at a time, on the {@link SessionWorkers}' threads. It holds no
 * thread while it has nothing to do. A session has two: its frames, handled in the order they came (never waiting
 * for its client), and its streams, the answers that wait for the client to read them.
 */
final class SessionQueue implements Executor {

    private static final Logger LOG = LoggerFactory.getLogger(SessionQueue.class);
    /** Tasks run in one go before other sessions get their turn. */
    private static final int TURN = 32;

    private final SessionWorkers workers;
    private final String owner;
    private final boolean streams;
    private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();

    SessionQueue(SessionWorkers workers, String owner, boolean streams) {
        this.workers = workers;
        this.owner = owner;
        this.streams = streams;
    }

    @Override
    public void execute(Runnable task) {
        tasks.add(task);
        scheduleIfIdle();
    }

    /** Runs queued tasks until none is left, its turn is over, or it gave up its slot to wait for its client. */
    void runSome() {
        for (int i = 0; i < TURN; i++) {
            Runnable task = tasks.poll();
            if (task == null) {
                break;
            }
            try {
                workers.run(task, streams);
            } catch (RuntimeException e) {
                LOG.warn("Work for {} failed: {}", owner, e.toString());
            }
            if (!workers.holdsSlot()) {
                break;
            }
        }
        scheduled.set(false);
        if (!tasks.isEmpty()) {
            scheduleIfIdle();
        }
    }

    private void scheduleIfIdle() {
        if (scheduled.compareAndSet(false, true)) {
            workers.ready(this);
        }
    }

    @Override
    public String toString() {
        return streams ? "the streams to " + owner : owner;
    }
}
