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

    /** Install threads of a side by default: a many-small sync gains ~7 % from 64 over fewer (docs/bench.md). */
    public static final int DEFAULT_INSTALL_THREADS = 64;

    private volatile CamelContext camel;
    private int installThreads = DEFAULT_INSTALL_THREADS;
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

    /**
     * How many files this side installs side by side (deltasync.install-threads). A process that hosts many clients
     * lowers it: each client's pool grows to this many threads while a burst of pushed files arrives, and a thousand
     * clients at 64 each would be more threads than Linux gives out by default (pid_max 32,768).
     */
    public PeerThreads installThreads(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("deltasync.install-threads must be at least 1, not " + threads);
        }
        this.installThreads = threads;
        return this;
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
        return installs = installs != null ? installs : fixed("deltasync-install-small", installThreads);
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
