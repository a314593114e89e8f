package dev.deltasync.rsync;

import java.io.InterruptedIOException;
import java.security.MessageDigest;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * SHA-256 of a sequence of byte ranges, computed on a helper thread so that the whole-file hash
 * (the slowest step, ~1.8 GB/s) overlaps the caller's own work on the second core.
 * Inputs up to 1 MiB are hashed inline: a thread is not worth it for small files.
 * A submitted range must stay unchanged until the returned future completes.
 */
final class AsyncSha256 implements AutoCloseable {

    private static final long INLINE_LIMIT = 1 << 20;
    static final Future<?> DONE = CompletableFuture.completedFuture(null);

    private final MessageDigest digest = Sha256.newDigest();
    private ExecutorService executor;
    private Future<?> last = DONE;
    private long submitted;

    /** Adds the range to the hash, possibly later; the future completes once it has been hashed. */
    Future<?> update(byte[] data, int offset, int length) {
        submitted += length;
        if (executor == null && submitted <= INLINE_LIMIT) {
            digest.update(data, offset, length);
            return DONE;
        }
        if (executor == null) {
            executor = Executors.newSingleThreadExecutor(task -> {
                Thread thread = new Thread(task, "deltasync-sha256");
                thread.setDaemon(true);
                return thread;
            });
        }
        last = executor.submit(() -> digest.update(data, offset, length));
        return last;
    }

    /** Waits until everything submitted so far has been hashed, then returns the digest. */
    byte[] finish() throws InterruptedIOException {
        await(last);
        return digest.digest();
    }

    static void await(Future<?> future) throws InterruptedIOException {
        try {
            future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while hashing");
        } catch (ExecutionException e) {
            throw new IllegalStateException("SHA-256 failed", e.getCause());
        }
    }

    @Override
    public void close() {
        if (executor != null) {
            executor.shutdownNow();
        }
    }
}
