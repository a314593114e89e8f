package dev.deltasync.wire;

import java.util.List;

/** The answer to a {@link PutBatch}: every file was installed except those listed, each with its error. */
public record PutBatchResult(List<Failed> failed) implements Message {

    /** A file of the batch that was not installed, with an {@link ErrorCodes} code and a sentence. */
    public record Failed(String path, int code, String reason) {
    }

    public PutBatchResult {
        failed = List.copyOf(failed);
    }
}
