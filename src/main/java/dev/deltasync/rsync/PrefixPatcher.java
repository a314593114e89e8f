package dev.deltasync.rsync;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Rebuilds what it can of the new content from the first part of a delta stream, the part that arrived before a
 * transfer was cut. Nothing here is verified (the trailer with the new file's hash never came): the result is
 * only ever a basis for the next transfer's delta, whose whole result is verified as usual.
 */
public final class PrefixPatcher {

    private static final int CHUNK = 64 * 1024;
    /** Literal bytes are taken this many at a time, so a literal cut in the middle still gives what came of it. */
    private static final int LITERAL_PIECE = 4096;

    private PrefixPatcher() {
    }

    /**
     * Applies the ops of {@code deltaPrefix} against {@code basis} (null: an empty basis) until the stream ends or
     * turns out damaged, writing at most {@code maxBytes}; returns the bytes written. A prefix made against another
     * basis (its length differs) or that is not a delta at all gives 0.
     */
    public static long patchPrefix(Path basis, InputStream deltaPrefix, OutputStream out, long maxBytes)
            throws IOException {
        DeltaReader reader;
        try {
            reader = new DeltaReader(deltaPrefix);
        } catch (EngineException | EOFException e) {
            return 0;
        }
        long basisSize = basis == null ? 0 : Files.size(basis);
        if (basisSize != reader.basisLength()) {
            return 0;
        }
        long[] written = {0};
        try (FileChannel channel = basis == null ? null : FileChannel.open(basis, StandardOpenOption.READ)) {
            apply(reader, channel, out, maxBytes, written);
        } catch (EngineException | EOFException e) {
            // the cut: what came before it is kept
        }
        out.flush();
        return written[0];
    }

    private static void apply(DeltaReader reader, FileChannel basis, OutputStream out, long maxBytes, long[] written)
            throws IOException {
        byte[] buffer = new byte[CHUNK];
        for (DeltaReader.Op op = reader.next(); op != DeltaReader.Op.END && written[0] < maxBytes; op = reader.next()) {
            if (op == DeltaReader.Op.COPY) {
                long length = Math.min(reader.copyLength(), maxBytes - written[0]);
                copy(basis, reader.copyOffset(), length, buffer, out);
                written[0] += length;
            } else {
                while (reader.literalLeft() > 0) {
                    int n = (int) Math.min(Math.min(reader.literalLeft(), LITERAL_PIECE), maxBytes - written[0]);
                    if (n == 0) {
                        return;
                    }
                    reader.readLiteral(buffer, 0, n);
                    out.write(buffer, 0, n);
                    written[0] += n;
                }
            }
        }
    }

    private static void copy(FileChannel basis, long offset, long length, byte[] buffer, OutputStream out)
            throws IOException {
        long done = 0;
        while (done < length) {
            ByteBuffer target = ByteBuffer.wrap(buffer, 0, (int) Math.min(buffer.length, length - done));
            while (target.hasRemaining()) {
                if (basis.read(target, offset + done + target.position()) < 0) {
                    throw new BasisChangedException("the basis ended while copying from it");
                }
            }
            out.write(buffer, 0, target.position());
            done += target.position();
        }
    }
}
