package dev.deltasync.client;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

import dev.deltasync.folder.PartialStore;
import dev.deltasync.rsync.Signature;
import dev.deltasync.rsync.SignatureFormat;

/**
 * What the server kept of our upload of a file that was cut off ({@code GetPartial}'s answer): the bytes it holds of
 * the {@code targetSize} that were coming, and the signature of the basis it resumes from.
 */
record KeptUpload(long held, long targetSize, Signature basis) {

    /** "230.4 MB of 256.0 MB". */
    String describeHeld() {
        return new PartialStore.Partial("", "", targetSize, held, 0, null).describeHeld();
    }

    static Optional<KeptUpload> read(InputStream in) throws IOException {
        DataInputStream data = new DataInputStream(in);
        long held = data.readLong();
        long targetSize = data.readLong();
        if (held <= 0) {
            return Optional.empty();
        }
        return Optional.of(new KeptUpload(held, targetSize, SignatureFormat.read(data)));
    }
}
