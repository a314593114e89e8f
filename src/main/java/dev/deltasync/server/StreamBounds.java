package dev.deltasync.server;

import dev.deltasync.lines.LineEditFormat;
import dev.deltasync.sync.FileEntry;
import dev.deltasync.sync.KeySketch;
import dev.deltasync.wire.GetFile;
import dev.deltasync.wire.GetLineEdits;
import dev.deltasync.wire.ManifestRequest;
import dev.deltasync.wire.Message;
import dev.deltasync.wire.PutBatch;
import dev.deltasync.wire.PutFile;
import dev.deltasync.wire.PutLines;
import dev.deltasync.wire.WireLimits;

/**
 * The most raw bytes the Data stream behind a client's request may carry, as the request itself implies: a batch
 * holds exactly its files' declared sizes, a delta its target's size plus the delta format's framing, line edits
 * their files' sizes plus their key and index framing. A stream going past its bound is a protocol error (the
 * connection closes and its spool is deleted), so a request naming a 10-byte file cannot fill the server's disk.
 */
final class StreamBounds {

    /** A stream whose size the request does not name (a signature of the client's version): 64 MiB at most. */
    static final long UNSIZED = 64L << 20;
    /**
     * A delta's framing on top of its target's bytes. Every op makes at least one byte of the target, and our
     * encoders' copies cover a block (16 bytes or more) or a range's end: 3x the target plus 1 MiB is far above
     * any delta they write.
     */
    static final long DELTA_FACTOR = 3;
    static final long DELTA_SLACK = 1L << 20;
    /** One set of line keys: a count, then 4 bytes each (see {@link LineEditFormat}). */
    static final long KEY_SET = 5 + 4L * LineEditFormat.MAX_KEYS;

    private StreamBounds() {
    }

    /** Whether {@code request} is followed by a Data stream from the client. */
    static boolean opensStream(Message request) {
        return request instanceof PutFile || request instanceof PutBatch || request instanceof PutLines
                || request instanceof GetLineEdits
                || request instanceof GetFile get && get.withSignature()
                || request instanceof ManifestRequest manifest && manifest.withKeys();
    }

    /** The bound of the stream behind {@code request} (a request opening none gets none: 0). */
    static long of(Message request, int maxFrame) {
        if (request instanceof PutBatch batch) {
            return batch.targets().stream().mapToLong(FileEntry::size).sum();
        } else if (request instanceof PutFile put) {
            return delta(put.target().size());
        } else if (request instanceof PutLines put) {
            return KEY_SET + put.files().stream().mapToLong(file -> lineEdit(file.target().size())).sum();
        } else if (request instanceof GetLineEdits) {
            return 2 * KEY_SET; // the lines wanted and the lines gone
        } else if (request instanceof ManifestRequest manifest && manifest.withKeys()) {
            // no more keys (or symbols: a sketch is never asked to outgrow the keys) than an answer's "same" bits
            // can cover in a frame
            int each = manifest.sketch() == null ? manifest.keyBytes() : KeySketch.symbolBytes(manifest.keyBytes());
            return (long) each * 8 * (WireLimits.maxPayload(maxFrame) / 2);
        } else if (opensStream(request)) {
            return UNSIZED;
        }
        return 0;
    }

    /** A delta rebuilding a file of {@code targetSize} bytes. */
    static long delta(long targetSize) {
        return targetSize > (Long.MAX_VALUE - DELTA_SLACK) / DELTA_FACTOR ? Long.MAX_VALUE
                : targetSize * DELTA_FACTOR + DELTA_SLACK;
    }

    /**
     * One file's line edit: its added lines hold at most its bytes; each of its at most {@code size + 1} lines costs
     * at most 24 bytes of indexes, lengths and keys.
     */
    static long lineEdit(long targetSize) {
        long lines = Math.min(targetSize + 1, LineEditFormat.MAX_LINES);
        return 10 + targetSize + 24 * lines;
    }
}
