package dev.deltasync.rsync;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.channels.FileChannel;
import java.util.HexFormat;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/** The basis' SHA-256 for the patcher: given by the caller, or computed on a helper thread during the patch. */
final class BasisHash implements AutoCloseable {

    /** A basis up to this size is hashed on the caller's thread: a thread of its own costs more than the hash. */
    static final long INLINE_LIMIT = 1 << 20;

    private final byte[] known;
    private final FutureTask<byte[]> task;
    private final Thread thread;

    private BasisHash(byte[] known, FutureTask<byte[]> task, Thread thread) {
        this.known = known;
        this.task = task;
        this.thread = thread;
    }

    static BasisHash start(FileChannel basis, String knownHex) throws IOException {
        if (knownHex != null) {
            return new BasisHash(HexFormat.of().parseHex(knownHex), null, null);
        }
        if (basis == null) {
            return new BasisHash(Sha256.ofNothing(), null, null);
        }
        if (basis.size() <= INLINE_LIMIT) {
            return new BasisHash(Sha256.digest(basis), null, null);
        }
        FutureTask<byte[]> task = new FutureTask<>(() -> Sha256.digest(basis));
        Thread thread = new Thread(task, "deltasync-basis-sha256");
        thread.setDaemon(true);
        thread.start();
        return new BasisHash(null, task, thread);
    }

    byte[] get() throws IOException {
        if (known != null) {
            return known;
        }
        try {
            return task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while hashing the basis");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IllegalStateException("hashing the basis failed", e.getCause());
        }
    }

    @Override
    public void close() {
        if (thread != null) {
            task.cancel(true);
        }
    }
}
