package dev.deltasync.folder;

import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** A test's sync threads ({@link TestThreads}) that count the tasks handed to the install threads; closing stops them. */
public final class CountedInstalls implements SyncThreads, AutoCloseable {

    private final TestThreads threads = new TestThreads();
    private final AtomicInteger handed = new AtomicInteger();
    private final ExecutorService installs = new AbstractExecutorService() {
        @Override
        public void execute(Runnable task) {
            handed.incrementAndGet();
            threads.installs().execute(task);
        }

        @Override
        public void shutdown() {
        }

        @Override
        public List<Runnable> shutdownNow() {
            return List.of();
        }

        @Override
        public boolean isShutdown() {
            return false;
        }

        @Override
        public boolean isTerminated() {
            return false;
        }

        @Override
        public boolean awaitTermination(long timeout, TimeUnit unit) {
            return true;
        }
    };

    /** How many tasks were handed to the install threads so far. */
    public int handedToInstallThreads() {
        return handed.get();
    }

    @Override
    public ExecutorService rounds() {
        return threads.rounds();
    }

    @Override
    public ExecutorService installs() {
        return installs;
    }

    @Override
    public Executor sharedRoundSenders() {
        return threads.sharedRoundSenders();
    }

    @Override
    public ExecutorService signatureWriter() {
        return threads.signatureWriter();
    }

    @Override
    public void close() {
        threads.close();
    }
}
