package dev.deltasync.wire;

import java.util.List;

/**
 * The answer to a {@link PutBatch}: every file was installed except those listed, each with its error; like
 * {@link Ack}, it may name the manifest version the installed files made and the one they were applied on.
 */
public record PutBatchResult(List<Failed> failed, long basedOn, long version) implements Message {

    /** A file of the batch that was not installed, with an {@link ErrorCodes} code and a sentence. */
    public record Failed(String path, int code, String reason) {
    }

    public PutBatchResult {
        failed = List.copyOf(failed);
    }

    public PutBatchResult(List<Failed> failed) {
        this(failed, 0, 0);
    }

    public boolean namesVersions() {
        return version > 0;
    }
}
