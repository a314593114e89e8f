package dev.deltasync.rsync;

import java.io.IOException;

/** Where {@link MatchScanner} puts what it finds: block copies and the literal bytes between them, in order. */
interface MatchSink {

    /** Basis block {@code block} comes next in the new content. */
    void copy(int block) throws IOException;

    /** {@code length} bytes of new content (possibly 0) that match no block come next. */
    void literal(byte[] data, int offset, int length) throws IOException;
}
