package dev.deltasync.folder;

import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;

/**
 * The thread pools a peer's sync work runs on. Whoever runs the peer makes them and shuts them down (the
 * Camel context's ExecutorServiceManager: named, visible in JMX, stopped with the context); nothing in
 * {@code session/} keeps a pool of its own, so two peers in one JVM never share or outlive their threads.
 */
public interface SyncThreads {

    /**
     * Refinement rounds and line-edit exchanges of up to 32 files at once: their round trips overlap, and small
     * files' rounds share requests ({@link SharedRounds}), so the more files are under way the fewer requests each pays.
     */
    ExecutorService rounds();

    /**
     * 64 threads installing a batch's small files side by side: the file system commits their fsyncs together,
     * so the more wait at once, the fewer commits (10,000 files of 1 KiB on ext4: 8 threads 5.8-6.1 s, 32 threads
     * 4.6-4.8 s, 64 threads 4.1-4.7 s for the whole sync). They spend their time waiting on the disk, not a CPU.
     */
    ExecutorService installs();

    /** Senders of shared refinement rounds ({@link SharedRounds}): one per connection while rounds wait. */
    Executor sharedRoundSenders();

    /** One thread writing the client's cached signatures ({@link SignatureCache}) after a sync. */
    ExecutorService signatureWriter();
}
