package dev.deltasync.folder;

import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;

import org.apache.camel.impl.DefaultCamelContext;

import dev.deltasync.camel.PeerThreads;

/** The sync's thread pools from a Camel context of the test's own, as a peer gets them; closing stops them. */
public final class TestThreads implements SyncThreads, AutoCloseable {

    private final DefaultCamelContext camel = new DefaultCamelContext();
    private final PeerThreads threads;

    public TestThreads() {
        camel.start();
        threads = PeerThreads.of(camel);
    }

    public PeerThreads peerThreads() {
        return threads;
    }

    @Override
    public ExecutorService rounds() {
        return threads.rounds();
    }

    @Override
    public ExecutorService installs() {
        return threads.installs();
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
        camel.stop();
    }
}
