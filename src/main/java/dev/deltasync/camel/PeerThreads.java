package dev.deltasync.camel;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Function;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.ThreadPoolBuilder;
import org.apache.camel.spi.ExecutorServiceManager;

import dev.deltasync.folder.SyncThreads;

/**
 * Every thread pool of one peer, made by its Camel context's {@link ExecutorServiceManager}: named
 * "deltasync-...", listed in JMX with Camel's own pools, and shut down when the context stops. A pool is made
 * on first use, so the beans that use them can be built before the context is ({@link #attach}).
 */
public final class PeerThreads implements SyncThreads {

    private volatile CamelContext camel;
    private ExecutorService rounds;
    private ExecutorService installs;
    private ExecutorService sharedRoundSenders;
    private ExecutorService signatureWriter;
    private ExecutorService serverInstalls;
    private ExecutorService background;
    private ExecutorService sessions;

    /** Pools of a context that already exists (tests, or a launcher that builds its beans late). */
    public static PeerThreads of(CamelContext context) {
        PeerThreads threads = new PeerThreads();
        threads.attach(context);
        return threads;
    }

    /** The context whose manager makes (and later stops) the pools; set before any pool is used. */
    public void attach(CamelContext context) {
        this.camel = context;
    }

    @Override
    public synchronized ExecutorService rounds() {
        return rounds = rounds != null ? rounds : fixed("deltasync-rounds", 32);
    }

    @Override
    public synchronized ExecutorService installs() {
        return installs = installs != null ? installs : fixed("deltasync-install-small", 64);
    }

    @Override
    public synchronized ExecutorService sharedRoundSenders() {
        return sharedRoundSenders = sharedRoundSenders != null ? sharedRoundSenders
                : make(m -> m.newCachedThreadPool(this, "deltasync-shared-rounds"));
    }

    @Override
    public synchronized ExecutorService signatureWriter() {
        return signatureWriter = signatureWriter != null ? signatureWriter
                : make(m -> m.newSingleThreadExecutor(this, "deltasync-signature-cache"));
    }

    /**
     * Where the server patches, verifies and installs what its clients send: a few threads, so that one client's
     * pipelined uploads overlap their fsyncs (the file system commits concurrent fsyncs together).
     */
    synchronized ExecutorService serverInstalls() {
        return serverInstalls = serverInstalls != null ? serverInstalls : fixed("deltasync-install", 4);
    }

    /**
     * Where the server's sessions handle their clients' requests ({@link SessionWorkers} bounds how many work at
     * once): threads are made as sessions need them and end after a minute idle.
     */
    synchronized ExecutorService sessions() {
        return sessions = sessions != null ? sessions : make(m -> m.newCachedThreadPool(this, "deltasync-session"));
    }

    /** One-off background work: the server's first index of its folder, the client's scan ahead of its first cycle. */
    synchronized ExecutorService background() {
        return background = background != null ? background
                : make(m -> m.newCachedThreadPool(this, "deltasync-background"));
    }

    /** A scheduler of its own for {@code owner} (the client's link, the server's watchdog, the sync worker). */
    ScheduledExecutorService scheduler(Object owner, String name) {
        return make(m -> m.newSingleThreadScheduledExecutor(owner, name));
    }

    /** A single worker thread for {@code owner}, running its tasks in order. */
    ExecutorService worker(Object owner, String name) {
        return make(m -> m.newSingleThreadExecutor(owner, name));
    }

    /** Stops a pool made here before its context stops (a service stopping on its own). */
    void shutdownNow(ExecutorService pool) {
        if (pool != null) {
            manager().shutdownNow(pool);
        }
    }

    /** A pool of exactly {@code size} threads with an unbounded queue (Camel's default profile bounds it at 1,000). */
    private ExecutorService fixed(String name, int size) {
        try {
            return new ThreadPoolBuilder(context()).poolSize(size).maxPoolSize(size).maxQueueSize(-1)
                    .build(this, name);
        } catch (Exception e) {
            throw new IllegalStateException("cannot make the thread pool " + name + ": " + e.getMessage(), e);
        }
    }

    private <T> T make(Function<ExecutorServiceManager, T> factory) {
        return factory.apply(manager());
    }

    private ExecutorServiceManager manager() {
        return context().getExecutorServiceManager();
    }

    private CamelContext context() {
        CamelContext context = camel;
        if (context == null) {
            throw new IllegalStateException("deltasync's threads were asked for before Camel was set up");
        }
        return context;
    }
}
