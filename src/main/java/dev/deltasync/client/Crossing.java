package dev.deltasync.client;

import dev.deltasync.rpc.Pending;

import java.io.IOException;
import java.util.List;

import dev.deltasync.sync.Action;
import dev.deltasync.sync.FileEntry;
import dev.deltasync.wire.PutBatchResult;

/**
 * How files cross to the other side in one direction: {@link Upload} (the client's files to the server) or
 * {@link Download} (the server's to the client). {@link Transfers} schedules, batches, pipelines and retries copies
 * the same way in both directions and leaves to a crossing only the steps that differ on the wire.
 */
interface Crossing {

    /** What remains to do for a transfer under way (install, record, report) once its answer is in. */
    @FunctionalInterface
    interface Finisher {
        void finish(SyncReport report) throws IOException;

        /** The cycle ends without finishing this transfer (the connection dropped, a failure): frees what it holds. */
        default void abandon() {
        }
    }

    /**
     * Starts copying one file, refined round by round against {@code basis} (a file the receiver holds: its
     * version of this file or a similar one), or in one round when {@code basis} is null.
     */
    Finisher start(Action.Copy copy, FileEntry basis) throws IOException;

    /** Starts copying new small files together; once the answer is in, the files that were not installed, with why. */
    Pending<List<PutBatchResult.Failed>> startBatch(List<FileEntry> files) throws IOException;

    /** The log line of a batch done: its number of files and bytes. */
    String batchSummary();
}
