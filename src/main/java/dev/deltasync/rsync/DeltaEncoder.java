package dev.deltasync.rsync;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Computes the delta that turns the basis described by a signature into new content, in one
 * streaming pass and bounded memory, with the new content's SHA-256 computed alongside on a second thread.
 */
public final class DeltaEncoder {

    private DeltaEncoder() {
    }

    public static DeltaStats encode(Signature basis, InputStream newContent, OutputStream deltaOut) throws IOException {
        DeltaWriter writer = new DeltaWriter(deltaOut, basis);
        try (HashingWindow window = new HashingWindow(newContent, MatchScanner.bytesToKeep(basis))) {
            new MatchScanner(basis, window, writer).run();
            byte[] sha = window.sha256();
            long length = window.totalRead();
            long deltaBytes = writer.finish(length, sha);
            return new DeltaStats(length, writer.literalBytes(), length - writer.literalBytes(), Sha256.toHex(sha), deltaBytes);
        }
    }
}
