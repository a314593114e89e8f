package dev.deltasync.client;

import dev.deltasync.manifest.ManifestSketch;

import dev.deltasync.lines.LineEditFormat;
import dev.deltasync.lines.LineKeys;
import dev.deltasync.sync.KeySketch;
import dev.deltasync.wire.GetLineSketch;
import dev.deltasync.wire.ProtocolException;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The stream answering a {@link GetLineSketch}: how many files the server left out and their indexes, how many
 * line keys the sketch holds, then the symbols asked for ({@link ManifestSketch#write}, keys of
 * {@link LineKeys#KEY_BYTES} bytes, check hashes of {@link #CHECK_BYTES}). All numbers but the symbols are varints.
 *
 * @param excluded the files left out (missing, not a plain file, too big, colliding keys): no key of theirs is in
 */
public record LineSketchAnswer(List<Integer> excluded, int keys, KeySketch.Symbols symbols) {

    /**
     * Bytes of each symbol's check hash: 3, not the key sketch's 4. A false "pure" symbol (~2^-24 per test) can only
     * make an edit that does not verify, and that file then goes another way; the byte saved is 1/9 of a symbol.
     */
    public static final int CHECK_BYTES = 3;
    static final int SYMBOL_BYTES = 1 + LineKeys.KEY_BYTES + CHECK_BYTES;

    public static void write(List<Integer> excluded, int keys, KeySketch.Symbols symbols, OutputStream out)
            throws IOException {
        DataOutputStream data = new DataOutputStream(out);
        LineEditFormat.writeVarint(data, excluded.size());
        for (int file : excluded) {
            LineEditFormat.writeVarint(data, file);
        }
        LineEditFormat.writeVarint(data, keys);
        data.flush();
        ManifestSketch.write(symbols, LineKeys.KEY_BYTES, CHECK_BYTES, out);
    }

    /** Reads the answer to a request for {@code count} symbols from {@code from}: exactly that, or a protocol error. */
    public static LineSketchAnswer read(byte[] answer, long from, int count) {
        try {
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(answer));
            int left = readVarint(in);
            if (left > GetLineSketch.MAX_FILES) {
                throw new ProtocolException("a line sketch leaving out " + left + " files");
            }
            List<Integer> excluded = new ArrayList<>(left);
            for (int i = 0; i < left; i++) {
                excluded.add(readVarint(in));
            }
            int keys = readVarint(in);
            if (in.available() != (long) count * SYMBOL_BYTES) {
                throw new ProtocolException("a line sketch answer with " + in.available() + " bytes of symbols, not the "
                        + count + " symbols asked for");
            }
            KeySketch.Symbols symbols = ManifestSketch.readSymbols(in, from, count, LineKeys.KEY_BYTES, CHECK_BYTES);
            return new LineSketchAnswer(List.copyOf(excluded), keys, symbols);
        } catch (IOException e) {
            throw new ProtocolException("a line sketch answer ends too early");
        }
    }

    private static int readVarint(DataInputStream in) throws IOException {
        long value = LineEditFormat.readVarint(in);
        if (value > Integer.MAX_VALUE) {
            throw new ProtocolException("a line sketch answer holds a number out of range");
        }
        return (int) value;
    }
}
