package dev.deltasync.folder;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Writes files back to back for a batch, each exactly as long as announced. */
public final class BatchStream {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(BatchStream.class);

    private BatchStream() {
    }

    /**
     * Copies {@code size} bytes of {@code file}: a shorter or vanished file is padded with zeros and a longer
     * one cut, so the stream stays aligned and only that file fails the receiver's hash check.
     */
    static void writeExactly(Path file, long size, OutputStream out) throws IOException {
        writeExactly(() -> Files.newInputStream(file), size, out);
    }

    /**
     * As above for a file of {@code folder}, opened as {@link LocalFolder#openForReading} does: a path that became
     * a symlink or leads through one is padded like a vanished file, and logged.
     */
    public static void writeExactly(LocalFolder folder, String path, long size, OutputStream out) throws IOException {
        try {
            writeExactly(() -> java.nio.channels.Channels.newInputStream(folder.openForReading(path)), size, out);
        } catch (dev.deltasync.sync.UnsafePathException | dev.deltasync.wire.BadPathException e) {
            LOG.warn("Not sending {}: {}", path, e.getMessage());
            out.write(new byte[(int) size]);
        }
    }

    private interface Opener {
        InputStream open() throws IOException;
    }

    private static void writeExactly(Opener file, long size, OutputStream out) throws IOException {
        long left = size;
        try (InputStream in = file.open()) {
            byte[] buffer = new byte[(int) Math.min(Math.max(size, 1), 1 << 16)];
            while (left > 0) {
                int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                if (n < 0) {
                    break;
                }
                out.write(buffer, 0, n);
                left -= n;
            }
        } catch (NoSuchFileException gone) {
            // padded below
        }
        out.write(new byte[(int) left]);
    }
}
