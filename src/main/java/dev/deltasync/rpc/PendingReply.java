package dev.deltasync.rpc;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.deltasync.sync.FileEntry;
import dev.deltasync.wire.Data;
import dev.deltasync.wire.End;
import dev.deltasync.wire.Error;
import dev.deltasync.wire.ErrorCodes;
import dev.deltasync.wire.Frame;
import dev.deltasync.wire.ManifestChunk;
import dev.deltasync.wire.Message;
import dev.deltasync.wire.MessageCodec;
import dev.deltasync.wire.ProtocolException;
import dev.deltasync.wire.Refused;
import dev.deltasync.wire.StreamReceiver;

/**
 * What one request is waiting for: a single answer (Ack, Challenge...), a manifest in chunks, or a
 * stream of Data frames ending with End. An Error or Refused fails it with a {@link RemoteException}.
 */
public final class PendingReply {

    private final int requestId;
    private final long expectedAtNanos;
    private boolean heard;
    private final StreamReceiver stream;
    private final long maxBytes;
    private long dropped;
    private final List<FileEntry> manifest = new ArrayList<>();
    private final List<String> removed = new ArrayList<>();
    private final CompletableFuture<Message> done = new CompletableFuture<>();
    private IOException localFailure;

    /** @param maxBytes the most raw bytes the stream may carry (ignored without a spool) */
    PendingReply(int requestId, OutputStream spool, long maxBytes, int maxFrame) {
        this.expectedAtNanos = System.nanoTime();
        this.requestId = requestId;
        this.maxBytes = maxBytes;
        this.stream = spool == null ? null : new StreamReceiver(requestId, spool, maxBytes, maxFrame);
    }

    /** How long the first frame of the answer took since the request was sent; -1 for every later frame. */
    long firstFrameAfterNanos() {
        if (heard) {
            return -1;
        }
        heard = true;
        return System.nanoTime() - expectedAtNanos;
    }

    void accept(Frame frame) throws IOException {
        Message message = MessageCodec.decode(frame);
        if (stream != null && (message instanceof Data || message instanceof End)) {
            receive(frame, message);
        } else if (message instanceof ManifestChunk chunk) {
            manifest.addAll(chunk.entries());
            removed.addAll(chunk.removed());
            if (chunk.last()) {
                done.complete(new ManifestChunk(manifest, removed, chunk.version(), chunk.diff(), chunk.same(),
                        chunk.treeDigest(), true));
            }
        } else if (message instanceof Error error) {
            done.completeExceptionally(new RemoteException(error.code(), error.text()));
        } else if (message instanceof Refused refused) {
            done.completeExceptionally(new RemoteException(refused.code(), refused.reason()));
        } else if (message instanceof Data) {
            throw new ProtocolException("unexpected data for request " + requestId);
        } else {
            done.complete(message);
        }
    }

    /**
     * A stream whose local side fails (disk full, say) fails this request only: the rest of its frames
     * are read and dropped, and the connection goes on serving the other requests.
     */
    private void receive(Frame frame, Message message) throws IOException {
        if (localFailure == null) {
            try {
                if (stream.accept(frame) == StreamReceiver.State.COMPLETE) {
                    done.complete(message);
                }
                return;
            } catch (IOException e) {
                localFailure = e;
            }
        }
        if (message instanceof Data data && (dropped += data.bytes().length) > maxBytes) {
            throw new ProtocolException("stream of request " + requestId + " exceeds the limit of " + maxBytes
                    + " bytes");
        }
        if (message instanceof End) {
            done.completeExceptionally(localFailure);
        }
    }

    /** Runs {@code action} with the answer or the failure once it is known. */
    public void whenDone(java.util.function.BiConsumer<Message, Throwable> action) {
        done.whenComplete(action);
    }

    boolean isDone() {
        return done.isDone();
    }

    void fail(IOException cause) {
        done.completeExceptionally(cause);
    }

    /** Waits for the answer; a remote error is rethrown as {@link RemoteException}. */
    public Message await(long timeoutMs) throws IOException {
        try {
            return done.get(timeoutMs, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for request " + requestId, e);
        } catch (TimeoutException e) {
            throw new RemoteException(ErrorCodes.IO, "no answer from the peer within " + timeoutMs + " ms");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof UncheckedIOException io) {
                throw io.getCause();
            }
            throw new IOException(cause.getMessage(), cause);
        }
    }
}
